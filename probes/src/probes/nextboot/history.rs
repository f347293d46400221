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
//! The journal probe's read over every boot ([`crate::probes::journal::allboots`], matched on
//! those fields and answered from journalctl's indexes: a handful of entries per boot)
//! collects the store paths of those lines with their boots, from the same journal files as
//! its other reads; this probe takes the history from its facts. The journal's oldest entry
//! (from `--list-boots`) says how far back that history goes: a generation created before it
//! may have booted unseen.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::path::Path;
use std::time::Duration;

use crate::host::Host;
use crate::probes::journal::JournalSource;

/// The line stage 2 writes, before the system's store path.
pub const BOOTING_PREFIX: &str = "booting system configuration ";
pub use crate::probes::journal::allboots::{MAX_BOOTED_SYSTEMS, MAX_HISTORY_ENTRIES};
/// The unit that runs stage 2's activation under systemd stage 1.
pub use crate::probes::journal::INITRD_ACTIVATION_UNIT;

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

/// Read the boot history from the target's journal, when the journal probe did not (it was
/// skipped): the same source, boot choice (files journalctl cannot read left out) and read
/// over every boot ([`crate::probes::journal::allboots`]) the journal probe runs. `None` when
/// the target has no journal.
pub fn read(host: &Host, timeout: Duration) -> Option<BootHistory> {
    use crate::probes::journal::{allboots, choose_boot};
    let src = JournalSource::of(host)?;
    let deadline = std::time::Instant::now() + timeout;
    let choice = choose_boot(host, src, deadline);
    if let Some(program) = choice.missing {
        return Some(BootHistory {
            command: allboots::shown(&choice.source),
            note: Some(format!("`{program}` is not installed")),
            ..Default::default()
        });
    }
    let left = deadline.saturating_duration_since(std::time::Instant::now());
    let mut h = allboots::read(host, &choice.source, &choice.rows, left).history;
    let mut notes: Vec<String> = choice
        .bad_files
        .iter()
        .map(|b| format!("{} left out: {}", b.path, b.error))
        .chain(choice.problems)
        .collect();
    if !notes.is_empty() {
        notes.extend(h.note.take());
        h.complete = false;
        h.note = Some(notes.join("; "));
    }
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
