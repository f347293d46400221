//! Which system generations the journal saw booting, and the rollback target a bad next boot
//! falls back to.
//!
//! NixOS's stage 2 announces the system it boots, in every boot, before anything else runs
//! (nixos/modules/system/boot/stage-2-init.sh):
//!
//! * scripted stage 1: `echo "booting system configuration $systemConfig" > /dev/kmsg`, which
//!   journald stores as a kernel-transport entry with the user facility
//!   (`_TRANSPORT=kernel SYSLOG_FACILITY=1`, as journald-kmsg.c records userspace lines of
//!   `/dev/kmsg`);
//! * systemd stage 1: the same line on the standard output of
//!   `initrd-nixos-activation.service` (`_SYSTEMD_UNIT=initrd-nixos-activation.service`), kept
//!   when the initrd's journal is flushed to /var/log/journal.
//!
//! One journalctl read over every boot of the journal, matched on those fields (answered from
//! journalctl's indexes: a handful of entries per boot), collects the store paths of those
//! lines with their boots. The journal's oldest entry says how far back that history goes: a
//! generation created before it may have booted unseen.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

use crate::command::CommandError;
use crate::host::Host;
use crate::probes::journal::JournalSource;

/// The line stage 2 writes, before the system's store path.
pub const BOOTING_PREFIX: &str = "booting system configuration ";
/// The unit that runs stage 2's activation under systemd stage 1.
pub use crate::probes::journal::INITRD_ACTIVATION_UNIT;
/// At most this many matching entries are read (the newest).
pub const MAX_HISTORY_ENTRIES: u64 = 50_000;
/// At most this many distinct systems are kept (the most recently booted).
pub const MAX_BOOTED_SYSTEMS: usize = 500;

/// The generation a rollback picks: the newest system generation below the default.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fallback {
    /// Its generation number.
    pub generation: u32,
    /// Its profile link (`/nix/var/nix/profiles/system-41-link`).
    pub link: String,
    /// The system store path it points at.
    pub path: String,
    /// When the link was made (its mtime): when the generation was created.
    pub created: Option<DateTime<Utc>>,
}

/// A system the journal saw booting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BootedSystem {
    /// The system store path of the stage-2 line.
    pub path: String,
    /// In how many boots.
    pub boots: u32,
    /// The last of them: its `_BOOT_ID`.
    pub last_boot_id: Option<String>,
    /// And when.
    pub last: Option<DateTime<Utc>>,
}

/// What the journal says about past boots.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BootHistory {
    /// The read, as a user would type it.
    pub command: String,
    /// The journal's oldest entry: boots before it are not in the history.
    pub oldest_entry: Option<DateTime<Utc>>,
    /// Distinct boots with a stage-2 line.
    pub boots: u32,
    /// Systems seen booting, most recent first.
    pub systems: Vec<BootedSystem>,
    /// Whether the read went through (no deadline, no cap, no failure).
    pub complete: bool,
    /// Why not.
    pub note: Option<String>,
}

impl BootHistory {
    /// The record of `path`, if the journal saw it booting.
    pub fn booted(&self, path: &str) -> Option<&BootedSystem> {
        self.systems.iter().find(|s| s.path == path)
    }

    /// Whether the history reaches back to `t` (the journal's oldest entry is not after it).
    pub fn covers(&self, t: DateTime<Utc>) -> bool {
        self.oldest_entry.is_some_and(|o| o <= t)
    }
}

/// The store path of a stage-2 line, if `message` is one: the journal probe's parser of
/// NixOS activation messages ([`crate::probes::journal::activation_of`]), its boot lines only.
pub fn booting_path(message: &str) -> Option<&str> {
    use crate::probes::journal::{activation_of, ActivationKind};
    match activation_of(message)? {
        (ActivationKind::Booting, path) => Some(path),
        _ => None,
    }
}

fn mtime(host: &Host, p: &Path) -> Option<DateTime<Utc>> {
    let m = host.symlink_metadata(p).ok()?;
    Some(DateTime::<Utc>::from(m.modified()))
}

/// The fallback of the system profile whose default is generation `default`.
pub fn fallback(host: &Host, default: u32) -> Option<Fallback> {
    let dir = host.profiles_dir();
    let entries = host.read_dir(&dir).ok()?;
    let generation = entries
        .iter()
        .filter_map(|e| {
            let name = e.name.to_string_lossy();
            match crate::probes::generations::parse_generation_link(&name) {
                Some(("system", n)) if n < default => Some(n),
                _ => None,
            }
        })
        .max()?;
    let link = dir.join(format!("system-{generation}-link"));
    let path = host.resolve_to_store(&link).ok().flatten()?;
    Some(Fallback {
        generation,
        link: link.display().to_string(),
        path: path.display().to_string(),
        created: mtime(host, &link),
    })
}

/// Read the boot history from the target's journal; `None` when it has no journal.
pub fn read(host: &Host, timeout: Duration) -> Option<BootHistory> {
    let src = JournalSource::of(host)?;
    let disjuncts = [
        vec![
            "_TRANSPORT=kernel".to_string(),
            "SYSLOG_FACILITY=1".to_string(),
        ],
        vec![format!("_SYSTEMD_UNIT={INITRD_ACTIVATION_UNIT}")],
    ];
    let mut args = vec![
        "-n".to_string(),
        MAX_HISTORY_ENTRIES.to_string(),
        "--output-fields=MESSAGE,_BOOT_ID".to_string(),
    ];
    for (i, d) in disjuncts.iter().enumerate() {
        if i > 0 {
            args.push("+".to_string());
        }
        args.extend(d.iter().cloned());
    }
    let mut h = BootHistory {
        command: format!(
            "{} _TRANSPORT=kernel SYSLOG_FACILITY=1 + _SYSTEMD_UNIT={INITRD_ACTIVATION_UNIT} \
             | grep '{}'",
            src.display(),
            BOOTING_PREFIX.trim_end()
        ),
        ..Default::default()
    };
    let started = std::time::Instant::now();
    // Per path: boots seen (boot ID -> time of its line).
    let mut seen: BTreeMap<String, BTreeMap<String, Option<DateTime<Utc>>>> = BTreeMap::new();
    let mut all_boots = std::collections::BTreeSet::new();
    let cmd = src.query_export(&args);
    let mut entries = 0u64;
    let end = src.stream_export(host, &cmd, timeout.mul_f64(0.7), &mut |e| {
        entries += 1;
        if let Some(p) = e.get("MESSAGE").as_deref().and_then(booting_path) {
            let boot = e.get("_BOOT_ID").unwrap_or_default();
            all_boots.insert(boot.clone());
            if seen.len() < MAX_BOOTED_SYSTEMS * 4 || seen.contains_key(p) {
                let t = e.time();
                let boots = seen.entry(p.to_string()).or_default();
                let at = boots.entry(boot).or_insert(t);
                if t > *at {
                    *at = t;
                }
            }
        }
        true
    });
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
    // The oldest entry of the journal, whatever it is: the first of a forward read.
    let left = timeout.saturating_sub(started.elapsed());
    let first = src.query_export(["--output-fields=_BOOT_ID"]);
    let mut oldest = None;
    let _ = src.stream_export(
        host,
        &first,
        left.max(Duration::from_millis(50)),
        &mut |e| {
            oldest = e.time();
            false
        },
    );
    h.oldest_entry = oldest;
    h.boots = u32::try_from(all_boots.len()).unwrap_or(u32::MAX);
    let mut systems: Vec<BootedSystem> = seen
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
    systems.sort_by(|a, b| b.last.cmp(&a.last).then_with(|| a.path.cmp(&b.path)));
    systems.truncate(MAX_BOOTED_SYSTEMS);
    h.systems = systems;
    h.complete = notes.is_empty();
    h.note = (!notes.is_empty()).then(|| notes.join("; "));
    Some(h)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn the_stage_2_line_names_a_store_path() {
        assert_eq!(
            booting_path(
                "booting system configuration /nix/store/sacl3hpya73jsz4clsh3jv7pww1c7cr0-nixos-system-nixos-16.09.1272.81428dd"
            ),
            Some("/nix/store/sacl3hpya73jsz4clsh3jv7pww1c7cr0-nixos-system-nixos-16.09.1272.81428dd")
        );
        assert_eq!(booting_path("booting system configuration "), None);
        assert_eq!(
            booting_path("stage-2-init: running activation script..."),
            None
        );
        assert_eq!(booting_path("booting system configuration a b"), None);
    }

    #[test]
    fn coverage_needs_an_oldest_entry_before_the_time() {
        let t = Utc.timestamp_opt(1_700_000_000, 0).single().unwrap();
        let mut h = BootHistory::default();
        assert!(!h.covers(t));
        h.oldest_entry = Some(t);
        assert!(h.covers(t));
        h.oldest_entry = Some(t + chrono::Duration::seconds(1));
        assert!(!h.covers(t));
    }
}
