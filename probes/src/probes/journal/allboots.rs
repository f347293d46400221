//! One read over every boot of the journal: NixOS activations and the boot history.
//!
//! The journal probe reads one boot in depth; what NixOS says about activating systems is
//! wanted across every boot the journal holds: failure attribution (generations probe) looks
//! for the activation before a failure, and the next-boot checks for the systems stage 2 has
//! booted (`nextboot::history`). Both come from the same few entries, matched on fields
//! journalctl answers from its indexes (a handful of entries per boot, whatever the journal's
//! size):
//!
//! * `_TRANSPORT=kernel SYSLOG_FACILITY=1`: stage 2's `booting system configuration` line,
//!   written to /dev/kmsg (user facility) by a scripted stage 1;
//! * `_SYSTEMD_UNIT=initrd-nixos-activation.service`: the same line in a systemd stage 1;
//! * `SYSLOG_IDENTIFIER=nixos`: switch-to-configuration's `switching to system configuration`
//!   lines.
//!
//! The read goes over the same files as the journal probe's other reads ([`JournalSource`],
//! without the files journalctl cannot read), takes the newest [`MAX_HISTORY_ENTRIES`], and
//! keeps the newest [`MAX_ACTIVATIONS`] activations and [`MAX_BOOTED_SYSTEMS`] booted systems;
//! a cap that cut anything is said in a note. How far back the history goes (the journal's
//! oldest entry) comes from the `--list-boots` the boot choice already ran.

use chrono::{DateTime, Utc};
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::time::Duration;

use crate::command::CommandError;
use crate::host::Host;
use crate::probes::nextboot::history::{BootHistory, BootedSystem, BOOTING_PREFIX};

use super::source::{BootRow, JournalSource};
use super::{activation_of, Activation, ActivationKind, Entry, INITRD_ACTIVATION_UNIT};

/// At most this many matching entries are read (the newest).
pub const MAX_HISTORY_ENTRIES: u64 = 50_000;
/// At most this many distinct booted systems are kept (the most recently booted).
pub const MAX_BOOTED_SYSTEMS: usize = 500;
/// How many activations are kept (the newest, across boots).
pub const MAX_ACTIVATIONS: usize = 256;

/// The syslog identifier switch-to-configuration logs under (`openlog("nixos")`).
pub const NIXOS_IDENTIFIER: &str = "nixos";

/// What the read over every boot found.
#[derive(Debug, Clone, Default)]
pub struct AllBoots {
    /// Activations, oldest first: the newest [`MAX_ACTIVATIONS`].
    pub activations: Vec<Activation>,
    /// Why `activations` may not hold every activation of the journal, if it may not.
    pub activations_note: Option<String>,
    /// The systems stage 2 booted, with the journal's reach.
    pub history: BootHistory,
    /// Why the read itself stopped short or failed (deadline, entry cap, journalctl failed):
    /// both lists may then lack entries. The caps on kept activations and systems are not
    /// this.
    pub read_note: Option<String>,
}

/// The match alternatives of the read.
fn disjuncts() -> Vec<Vec<String>> {
    vec![
        vec![
            "_TRANSPORT=kernel".to_string(),
            "SYSLOG_FACILITY=1".to_string(),
        ],
        vec![format!("_SYSTEMD_UNIT={INITRD_ACTIVATION_UNIT}")],
        vec![format!("SYSLOG_IDENTIFIER={NIXOS_IDENTIFIER}")],
    ]
}

/// The read as a user would type it.
pub fn shown(src: &JournalSource) -> String {
    format!(
        "{} -n {MAX_HISTORY_ENTRIES} _TRANSPORT=kernel SYSLOG_FACILITY=1 + \
         _SYSTEMD_UNIT={INITRD_ACTIVATION_UNIT} + SYSLOG_IDENTIFIER={NIXOS_IDENTIFIER} \
         | grep -e '{}' -e 'switching to system configuration'",
        src.display(),
        BOOTING_PREFIX.trim_end()
    )
}

/// Accumulates the entries of the read (oldest first, as journalctl prints them).
#[derive(Debug, Default)]
pub struct Collector {
    entries: u64,
    activations: VecDeque<Activation>,
    dropped: u64,
    /// Per booted system: its boots (boot ID -> time of its line).
    seen: BTreeMap<String, BTreeMap<String, Option<DateTime<Utc>>>>,
    boots: BTreeSet<String>,
}

impl Collector {
    /// Take one entry of the read.
    pub fn feed(&mut self, e: &Entry) {
        self.entries += 1;
        let Some(message) = e.get("MESSAGE") else {
            return;
        };
        let Some((kind, system)) = activation_of(&message) else {
            return;
        };
        let boot = e.get("_BOOT_ID");
        let time = e.time();
        if let Some(time) = time {
            if self.activations.len() == MAX_ACTIVATIONS {
                self.activations.pop_front();
                self.dropped += 1;
            }
            self.activations.push_back(Activation {
                time,
                system: system.to_string(),
                kind,
                boot_id: boot.clone(),
            });
        }
        if kind == ActivationKind::Booting {
            let boot = boot.unwrap_or_default();
            self.boots.insert(boot.clone());
            // Bounded by the entries read (MAX_HISTORY_ENTRIES); the newest systems are kept
            // at the end.
            let at = self
                .seen
                .entry(system.to_string())
                .or_default()
                .entry(boot)
                .or_insert(time);
            if time > *at {
                *at = time;
            }
        }
    }

    /// The activations (oldest first) and the history, given the journal's oldest entry.
    pub fn finish(self, oldest_entry: Option<DateTime<Utc>>) -> AllBoots {
        let mut systems: Vec<BootedSystem> = self
            .seen
            .into_iter()
            .map(|(path, boots)| {
                let (last_boot_id, last) = boots
                    .iter()
                    .max_by_key(|(_, t)| **t)
                    .map(|(b, t)| (Some(b.clone()), *t))
                    .unwrap_or((None, None));
                BootedSystem {
                    path,
                    boots: u32::try_from(boots.len()).unwrap_or(u32::MAX),
                    last_boot_id,
                    last,
                }
            })
            .collect();
        // Most recently booted first; the cap drops the systems booted longest ago.
        systems.sort_by(|a, b| b.last.cmp(&a.last).then_with(|| a.path.cmp(&b.path)));
        let mut notes = Vec::new();
        if systems.len() > MAX_BOOTED_SYSTEMS {
            notes.push(format!(
                "only the {MAX_BOOTED_SYSTEMS} most recently booted of {} systems are kept",
                systems.len()
            ));
            systems.truncate(MAX_BOOTED_SYSTEMS);
        }
        let activations_note = (self.dropped > 0).then(|| {
            format!(
                "only the newest {MAX_ACTIVATIONS} activations are kept ({} older ones left out)",
                self.dropped
            )
        });
        AllBoots {
            activations: self.activations.into(),
            activations_note,
            read_note: None,
            history: BootHistory {
                command: String::new(),
                oldest_entry,
                boots: u32::try_from(self.boots.len()).unwrap_or(u32::MAX),
                systems,
                complete: notes.is_empty(),
                note: (!notes.is_empty()).then(|| notes.join("; ")),
            },
        }
    }
}

/// The journal's oldest entry, from `--list-boots` rows (the first entry of the oldest boot).
pub fn oldest_entry(rows: &[BootRow]) -> Option<DateTime<Utc>> {
    rows.iter()
        .filter_map(|r| r.first_entry)
        .min()
        .and_then(|us| DateTime::from_timestamp_micros(i64::try_from(us).ok()?))
}

/// Read every boot's activations and stage-2 lines from `src` (the files the boot choice kept)
/// within `timeout`; `rows` are the boots `--list-boots` listed.
pub fn read(host: &Host, src: &JournalSource, rows: &[BootRow], timeout: Duration) -> AllBoots {
    let mut args = vec![
        "-n".to_string(),
        MAX_HISTORY_ENTRIES.to_string(),
        "--output-fields=MESSAGE,_BOOT_ID".to_string(),
    ];
    for (i, d) in disjuncts().into_iter().enumerate() {
        if i > 0 {
            args.push("+".to_string());
        }
        args.extend(d);
    }
    let cmd = src.query_export(&args);
    let mut c = Collector::default();
    let end = src.stream_export(host, &cmd, timeout, &mut |e| {
        c.feed(e);
        true
    });
    let entries = c.entries;
    let mut notes = Vec::new();
    match end {
        Ok((end, broken)) => {
            if end.timed_out {
                notes.push(format!("stopped at the deadline after {entries} entries"));
            } else if entries >= MAX_HISTORY_ENTRIES {
                notes.push(format!(
                    "only the newest {MAX_HISTORY_ENTRIES} entries were read"
                ));
            } else if end.code != Some(0) && entries == 0 {
                notes.push(format!("journalctl failed: {}", end.stderr_line()));
            }
            if let Some(why) = broken {
                notes.push(format!("its output stopped making sense: {why}"));
            }
        }
        Err(CommandError::NotFound { program }) => {
            notes.push(format!("`{program}` is not installed"));
        }
        Err(e) => notes.push(e.to_string()),
    }
    let mut all = c.finish(oldest_entry(rows));
    all.history.command = shown(src);
    if !notes.is_empty() {
        let why = notes.join("; ");
        all.history.complete = false;
        all.history.note = Some(match all.history.note.take() {
            Some(n) => format!("{why}; {n}"),
            None => why.clone(),
        });
        all.activations_note = Some(match all.activations_note.take() {
            Some(n) => format!("{why}; {n}"),
            None => why.clone(),
        });
        all.read_note = Some(why);
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(boot: &str, t: u64, msg: &str) -> Entry {
        serde_json::from_value(serde_json::json!({
            "_BOOT_ID": boot,
            "__REALTIME_TIMESTAMP": t.to_string(),
            "MESSAGE": msg,
        }))
        .unwrap()
    }

    #[test]
    fn the_newest_booted_systems_are_kept() {
        let mut c = Collector::default();
        let n = MAX_BOOTED_SYSTEMS + 20;
        // Oldest first, one boot per system, as journalctl prints them.
        for i in 0..n {
            c.feed(&entry(
                &format!("b{i}"),
                1_700_000_000_000_000 + i as u64 * 1_000_000,
                &format!("booting system configuration /nix/store/{i:032}-nixos-system-x"),
            ));
        }
        let all = c.finish(None);
        let h = &all.history;
        assert_eq!(h.boots as usize, n);
        assert_eq!(h.systems.len(), MAX_BOOTED_SYSTEMS);
        // The newest boot's system is first, and the oldest 20 are the ones left out.
        assert_eq!(
            h.systems[0].path,
            format!("/nix/store/{:032}-nixos-system-x", n - 1)
        );
        assert!(h
            .booted(&format!("/nix/store/{:032}-nixos-system-x", 19))
            .is_none());
        assert!(h
            .booted(&format!("/nix/store/{:032}-nixos-system-x", 20))
            .is_some());
        assert!(!h.complete);
        assert!(h.note.as_deref().unwrap().contains("most recently booted"));
    }

    #[test]
    fn activations_of_every_boot_are_kept_newest_last_with_a_note_when_capped() {
        let mut c = Collector::default();
        c.feed(&entry(
            "b1",
            1_000_000,
            "booting system configuration /nix/store/a-s",
        ));
        c.feed(&entry(
            "b1",
            2_000_000,
            "switching to system configuration /nix/store/b-s",
        ));
        c.feed(&entry(
            "b2",
            3_000_000,
            "booting system configuration /nix/store/b-s",
        ));
        c.feed(&entry("b2", 4_000_000, "some other line"));
        let all = c.finish(None);
        let got: Vec<(&str, Option<&str>, ActivationKind)> = all
            .activations
            .iter()
            .map(|a| (a.system.as_str(), a.boot_id.as_deref(), a.kind))
            .collect();
        assert_eq!(
            got,
            [
                ("/nix/store/a-s", Some("b1"), ActivationKind::Booting),
                ("/nix/store/b-s", Some("b1"), ActivationKind::Switching),
                ("/nix/store/b-s", Some("b2"), ActivationKind::Booting),
            ]
        );
        assert!(all.activations_note.is_none());
        assert_eq!(all.history.boots, 2);
        assert_eq!(all.history.booted("/nix/store/b-s").unwrap().boots, 1);

        let mut c = Collector::default();
        for i in 0..MAX_ACTIVATIONS + 3 {
            c.feed(&entry(
                "b",
                1_000_000 * (i as u64 + 1),
                &format!("switching to system configuration /nix/store/{i}-s"),
            ));
        }
        let all = c.finish(None);
        assert_eq!(all.activations.len(), MAX_ACTIVATIONS);
        assert_eq!(all.activations[0].system, "/nix/store/3-s");
        assert!(all.activations_note.unwrap().contains("3 older ones"));
    }

    #[test]
    fn the_oldest_entry_is_the_first_of_the_oldest_boot() {
        let rows: Vec<BootRow> = serde_json::from_str(
            r#"[{"index":-1,"boot_id":"a","first_entry":5000000,"last_entry":6000000},
                {"index":0,"boot_id":"b","first_entry":7000000,"last_entry":8000000}]"#,
        )
        .unwrap();
        assert_eq!(oldest_entry(&rows).unwrap().timestamp(), 5);
        assert!(oldest_entry(&[]).is_none());
    }
}
