//! The `journal` probe: what the newest boot's journal says went wrong.
//!
//! Why journalctl and not a journal-file parser: the on-disk format has several versions,
//! compression (xz, lz4, zstd), sealing and rotation rules, and journalctl already reads all of
//! them. Which files it reads and which boot is the business of [`source`]: under `--root` the
//! files are opened confined and passed as `/proc/<pid>/fd/<n>`, a file journalctl cannot read
//! is left out and reported on its own, and the boot is selected by its ID.
//!
//! **Four reads, all from the indexes.** Each journalctl run matches on fields, which
//! journalctl answers from its field indexes, and each has its own entry cap, so a flood in
//! one cannot push another's entries out:
//!
//! 1. *Every boot* ([`allboots`]): NixOS activations ([`activation_of`]: stage 2's `booting
//!    system configuration` line, switch-to-configuration's `switching to system
//!    configuration` lines) of every boot the journal holds. Failure attribution (generations
//!    probe) prefers their times to the generation links'; the next-boot checks take the boot
//!    history (which systems stage 2 booted) from the same read, so the two see the same
//!    files.
//! 2. *The boot*: `PRIORITY=1 PRIORITY=2 PRIORITY=3 + MESSAGE_ID=<six catalog IDs>`
//!    (journalctl ORs values of one field and `+` separates alternatives), the newest
//!    [`MAX_BOOT_ENTRIES`]: the boot's err..alert entries and its unit state / coredump / OOM
//!    catalog messages. From that stream:
//!    - err..alert entries grouped by unit or identifier (`journal.noisy`), kernel filesystem
//!      and block I/O errors (`journal.fs-errors`), kernel OOM kills (`journal.oom`);
//!    - catalog messages: unit failed/succeeded, start job failed/done, coredumps and
//!      systemd's own "killed by the OOM killer"; from these, each unit's *last word* in the
//!      boot (a unit that failed and then started again has recovered).
//! 3. *Kernel warnings*: `_TRANSPORT=kernel PRIORITY=0..4` (one term), the newest
//!    [`MAX_KERNEL_ENTRIES`]: hardware and driver trouble ([`hardware_kind`]:
//!    `journal.hardware-errors`; firmware and thermal lines are warnings). As an alternative
//!    of the boot read (`_TRANSPORT=kernel PRIORITY=4 + ...`) it made journalctl 252 spend
//!    several times the CPU of the rest of that read; on its own it costs almost nothing.
//! 4. *nix-daemon*: `_SYSTEMD_UNIT=nix-daemon.service`, the newest [`MAX_DAEMON_ENTRIES`] of
//!    the boot: nix-daemon logs its `error:` lines at priority info, so all its lines are
//!    read, and a chatty daemon (every build's log lines) would crowd the boot read's window
//!    were they part of it (`journal.nix-daemon-errors`).
//!
//! That read asks for the export format ([`export`]) with only the fields it reads
//! (`--output-fields`): journalctl 252 spends most of its time building JSON objects, so on
//! 300,000 realistic entries the read costs 0.34 s of journalctl CPU in export against 0.54 s
//! in JSON with the same fields, and 0.58 s for what a user would run instead (`journalctl -b
//! -p err..alert -o json`). Figures: BENCHMARKS.md, "Journal".
//!
//! The last lines of failed units (`units.failed`) are all entries of the unit, at any
//! priority, so they cannot come from the indexed read above without reading the whole boot
//! (15 times the CPU on the benchmark journal). The units probe asks for them once it
//! knows which units failed, in one more read for all of them ([`unit_excerpts`], JSON: a few
//! hundred entries at most).
//!
//! Output is streamed: memory is bounded by the number of distinct units, never by the
//! journal's size; every read has a deadline and an entry cap, every value a length cap.
//! Values that are not valid UTF-8 become arrays of byte values (as journalctl's JSON prints
//! them), a field that occurs twice an array, and JSON's `null` for a field over 4 KiB stays
//! possible in the excerpt read; all of those are decoded here ([`field_text`]) so nothing
//! downstream sees raw bytes.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use nixbtw_contracts::ProbeId;

use crate::command::{CommandError, StreamEnd};
use crate::host::Host;
use crate::probe::{Facts, Probe, ProbeContext, ProbeError, ProbeFacts};

pub mod allboots;
pub mod export;
pub mod source;

pub use allboots::{MAX_ACTIVATIONS, NIXOS_IDENTIFIER};

pub use source::{
    choose_boot, BadJournalFile, BootChoice, BootSelector, JournalSource, MAX_JOURNAL_FILES,
};

/// Catalog MESSAGE_ID: a unit entered the failed state (fields UNIT/USER_UNIT, UNIT_RESULT).
pub const MSG_UNIT_FAILED: &str = "d9b373ed55a64feb8242e02dbe79a49c";
/// Catalog MESSAGE_ID: a start job failed (JOB_TYPE, JOB_RESULT).
pub const MSG_JOB_FAILED: &str = "be02cf6855d2428ba40df7e9d022f03d";
/// Catalog MESSAGE_ID: a job completed ("Started X", JOB_RESULT=done).
pub const MSG_JOB_DONE: &str = "39f53479d3a045ac8e11786248231fbf";
/// Catalog MESSAGE_ID: a unit deactivated successfully.
pub const MSG_UNIT_SUCCESS: &str = "7ad2d189f7e94e70a38c781354912448";
/// Catalog MESSAGE_ID: systemd-coredump stored a core dump.
pub const MSG_COREDUMP: &str = "fc2e22bc6ee647b6b90729ab34a250b1";
/// Catalog MESSAGE_ID: a process of a unit was killed by the OOM killer.
pub const MSG_UNIT_OOM: &str = "fe6faa94e7774663a0da52717891d8ef";

/// How many entries of the boot the boot read takes at most (the newest ones).
pub const MAX_BOOT_ENTRIES: u64 = 300_000;
/// How many of nix-daemon's entries of the boot its read takes at most (the newest ones).
pub const MAX_DAEMON_ENTRIES: u64 = 100_000;
/// How many sources (units or identifiers) are counted; later new ones are ignored.
const MAX_SOURCES: usize = 10_000;
/// How many sources with their counts are kept in the facts.
pub const KEPT_SOURCES: usize = 20;
/// Lines kept per source for the noisy excerpt.
const EXCERPT_PER_SOURCE: usize = 3;
/// Entries kept per list (fs errors, OOM kills, coredumps); the counts are exact.
const KEPT_EVENTS: usize = 20;
/// Longest message kept, in bytes; longer ones are cut (journal lines can be megabytes).
const MAX_MESSAGE: usize = 4096;

/// The catalog messages the boot read asks for.
pub const CATALOG_IDS: [&str; 6] = [
    MSG_UNIT_FAILED,
    MSG_JOB_FAILED,
    MSG_JOB_DONE,
    MSG_UNIT_SUCCESS,
    MSG_COREDUMP,
    MSG_UNIT_OOM,
];

/// Fields the boot read asks for (`--output-fields`): only those read. `_BOOT_ID`, the cursor
/// and the timestamps come with every entry.
const FIELDS: &str = "MESSAGE,PRIORITY,SYSLOG_IDENTIFIER,_COMM,_PID,_TRANSPORT,_SYSTEMD_UNIT,\
_SYSTEMD_USER_UNIT,MESSAGE_ID,UNIT,USER_UNIT,UNIT_RESULT,JOB_RESULT,JOB_TYPE,COREDUMP_UNIT,\
COREDUMP_USER_UNIT,COREDUMP_EXE,COREDUMP_SIGNAL_NAME";

/// Fields the unit excerpt read asks for: a line, and what `journalctl -u` matches on.
const EXCERPT_FIELDS: &str = "MESSAGE,PRIORITY,SYSLOG_IDENTIFIER,_COMM,_PID,_TRANSPORT,_UID,\
_SYSTEMD_UNIT,_SYSTEMD_USER_UNIT,_SYSTEMD_SLICE,UNIT,USER_UNIT,MESSAGE_ID,COREDUMP_UNIT,\
COREDUMP_USER_UNIT,OBJECT_SYSTEMD_UNIT,OBJECT_SYSTEMD_USER_UNIT";

/// One journal entry as an excerpt line: what `journalctl -o short-iso` shows, plus priority.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JournalLine {
    /// `__REALTIME_TIMESTAMP`.
    pub time: Option<DateTime<Utc>>,
    /// Syslog priority 0 (emerg) .. 7 (debug).
    pub priority: Option<u8>,
    /// SYSLOG_IDENTIFIER (or _COMM, or `kernel`).
    pub identifier: String,
    /// _PID, when known.
    pub pid: Option<String>,
    /// MESSAGE, decoded (lossy UTF-8; may hold newlines; cut at 4 KiB).
    pub message: String,
}

impl JournalLine {
    /// The line(s) as a reader sees them: `2026-11-25T21:15:15Z err sshd[42]: message`; a
    /// multi-line message becomes several lines, continuation lines indented.
    pub fn render(&self) -> Vec<String> {
        let time = self
            .time
            .map(|t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string())
            .unwrap_or_else(|| "-".to_string());
        let prio = self.priority.map(priority_name).unwrap_or("-");
        let who = match &self.pid {
            Some(pid) => format!("{}[{pid}]", self.identifier),
            None => self.identifier.clone(),
        };
        let mut out = Vec::new();
        for (i, part) in self.message.split('\n').enumerate() {
            if i == 0 {
                out.push(format!("{time} {prio} {who}: {part}"));
            } else {
                out.push(format!("    {part}"));
            }
        }
        out
    }
}

/// syslog priority name (`journalctl -p` spelling).
pub fn priority_name(p: u8) -> &'static str {
    match p {
        0 => "emerg",
        1 => "alert",
        2 => "crit",
        3 => "err",
        4 => "warning",
        5 => "notice",
        6 => "info",
        _ => "debug",
    }
}

/// How a unit last spoke in the boot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum UnitWord {
    /// It failed (unit failed, or its start job failed).
    Failed,
    /// It started or deactivated successfully after any failure.
    Succeeded,
}

/// A unit's last state message in the newest boot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitLastWord {
    /// Unit name (UNIT or USER_UNIT).
    pub unit: String,
    /// Whether it is a user manager's unit (USER_UNIT).
    pub user: bool,
    /// The last word.
    pub word: UnitWord,
    /// UNIT_RESULT of the last failure (`exit-code`, `core-dump`, `timeout`, `oom-kill`...),
    /// or JOB_RESULT when only the start job's failure was logged.
    pub result: Option<String>,
    /// When it said it.
    pub at: Option<DateTime<Utc>>,
    /// The message.
    pub message: String,
    /// How many failure messages the unit logged this boot.
    pub failures: u32,
}

/// A source (unit or identifier) of err..alert entries this boot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoisySource {
    /// Unit name, or the syslog identifier / command when the entry has no unit.
    pub source: String,
    /// err..alert entries read from it.
    pub count: u64,
    /// When its first err..alert entry of the boot was logged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first: Option<DateTime<Utc>>,
    /// Its last few entries.
    pub excerpt: Vec<JournalLine>,
}

/// A kill by the OOM killer: the kernel's "Killed process" line or systemd's unit message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OomKill {
    /// The process name the kernel named, when it did.
    pub process: Option<String>,
    /// The unit systemd named (fe6faa94...), when it did.
    pub unit: Option<String>,
    /// The entry.
    pub line: JournalLine,
}

/// A coredump stored by systemd-coredump.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coredump {
    /// COREDUMP_UNIT (or COREDUMP_USER_UNIT).
    pub unit: Option<String>,
    /// COREDUMP_EXE, or COREDUMP_COMM.
    pub executable: Option<String>,
    /// COREDUMP_SIGNAL_NAME (or the number).
    pub signal: Option<String>,
    /// The entry (its message holds the stack trace, several lines).
    pub line: JournalLine,
}

/// A kind of hardware or driver trouble the kernel logs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum HardwareKind {
    /// Machine check or EDAC memory errors.
    Memory,
    /// GPU driver errors (NVRM/nvidia, amdgpu, i915, xe, drm).
    Gpu,
    /// "Direct firmware load for ... failed".
    Firmware,
    /// Thermal throttling.
    Thermal,
}

/// Kernel lines of one [`HardwareKind`] this boot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HardwareErrors {
    /// The kind.
    pub kind: HardwareKind,
    /// How many lines (exact).
    pub count: u64,
    /// Whether a memory error was uncorrected (`UE`, "uncorrected", "fatal").
    #[serde(default)]
    pub uncorrected: bool,
    /// The last lines.
    pub excerpt: Vec<JournalLine>,
}

/// The hardware kind of a kernel line, if it reports hardware or driver trouble. Kernel
/// warnings (priority 4) are read too, since firmware and thermal lines are warnings.
pub fn hardware_kind(message: &str, priority: Option<u8>) -> Option<HardwareKind> {
    let m = message.to_ascii_lowercase();
    if m.contains("direct firmware load for") && m.contains("failed") {
        return Some(HardwareKind::Firmware);
    }
    if m.contains("temperature above threshold")
        || m.contains("cpu clock throttled")
        || (m.contains("thermal") && (m.contains("throttl") || m.contains("critical temperature")))
    {
        return Some(HardwareKind::Thermal);
    }
    if m.starts_with("mce:")
        || m.contains("machine check")
        || m.contains("[hardware error]")
        || (m.starts_with("edac")
            && (m.contains(" ce ") || m.contains(" ue ") || m.contains("error")))
    {
        return Some(HardwareKind::Memory);
    }
    let gpu = m.starts_with("nvrm:")
        || m.starts_with("nvidia")
        || m.starts_with("amdgpu")
        || m.starts_with("i915")
        || m.starts_with("xe ")
        || m.starts_with("[drm")
        || m.contains("[drm:")
        || m.contains("gpu hang");
    let bad = matches!(priority, Some(0..=3))
        || ["error", "fail", "hang", "timeout", "timed out", "xid"]
            .iter()
            .any(|w| m.contains(w));
    (gpu && bad).then_some(HardwareKind::Gpu)
}

/// Whether a memory error line says the error was not corrected.
fn uncorrected(message: &str) -> bool {
    let m = message.to_ascii_lowercase();
    m.contains(" ue ") || m.contains("uncorrected") || m.contains("fatal")
}

/// What a NixOS activation message of the journal says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ActivationKind {
    /// `switching to system configuration <path>` (switch-to-configuration, `nixos[PID]`).
    Switching,
    /// `finished switching to system configuration <path>`.
    Finished,
    /// `switching to system configuration <path> failed (status N)`.
    Failed,
    /// `booting system configuration <path>` (stage 2, through /dev/kmsg).
    Booting,
}

/// A NixOS activation the journal recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Activation {
    /// When.
    pub time: DateTime<Utc>,
    /// The system store path activated.
    pub system: String,
    /// Which message.
    pub kind: ActivationKind,
    /// The boot it was logged in (`_BOOT_ID`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub boot_id: Option<String>,
}

/// The activation a message reports, with the system store path it names: the texts of
/// nixpkgs' switch-to-configuration (`switching to system configuration {}`, `finished
/// switching to system configuration {}`, `switching to system configuration {} failed
/// (status {})`) and stage-2-init (`booting system configuration {}`). The path must be one
/// word under `/nix/store/`.
pub fn activation_of(message: &str) -> Option<(ActivationKind, &str)> {
    const SWITCHING: &str = "switching to system configuration ";
    let m = message.trim_end();
    let (kind, rest) = if let Some(r) = m.strip_prefix("finished ") {
        (ActivationKind::Finished, r.strip_prefix(SWITCHING)?)
    } else if let Some(r) = m.strip_prefix(SWITCHING) {
        match r.split_once(" failed (status ") {
            Some((p, status)) if status.ends_with(')') => (ActivationKind::Failed, p),
            Some(_) => return None,
            None => (ActivationKind::Switching, r),
        }
    } else {
        (
            ActivationKind::Booting,
            m.strip_prefix("booting system configuration ")?,
        )
    };
    let ok = rest.starts_with("/nix/store/")
        && rest.len() > "/nix/store/".len()
        && !rest.contains(char::is_whitespace);
    ok.then_some((kind, rest))
}

/// Facts of the `journal` probe.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JournalFacts {
    /// The journalctl command the reads share (`journalctl` live, `journalctl --directory
    /// /var/log/journal` under --root).
    pub source: String,
    /// Whether a persistent journal directory (/var/log/journal) exists.
    pub persistent: bool,
    /// The logical directory read under --root (None live).
    pub directory: Option<PathBuf>,
    /// Journal files read under --root (0 live: journalctl picks them).
    #[serde(default)]
    pub files_read: usize,
    /// _BOOT_ID of the boot read (the newest one in the readable files; the running one live).
    pub boot_id: Option<String>,
    /// Whether that boot is the newest of all the files (false when files journalctl cannot
    /// read were left out: the newest boot may be in one of them).
    #[serde(default)]
    pub boot_is_newest: bool,
    /// Journal files journalctl cannot read (left out; every figure comes from the others).
    #[serde(default)]
    pub bad_files: Vec<BadJournalFile>,
    /// err..alert entries read this boot.
    pub error_entries: u64,
    /// Sources with most err..alert entries, most first (at most 20).
    pub noisy: Vec<NoisySource>,
    /// Kernel filesystem and block I/O error entries this boot (exact count).
    pub fs_error_count: u64,
    /// The last of them (at most 20).
    pub fs_errors: Vec<JournalLine>,
    /// OOM kills this boot (exact count).
    pub oom_count: u64,
    /// The last of them (at most 20).
    pub oom_kills: Vec<OomKill>,
    /// Hardware and driver errors this boot, by kind (kernel lines, priorities 0..4).
    #[serde(default)]
    pub hardware: Vec<HardwareErrors>,
    /// nix-daemon's own errors this boot (`_SYSTEMD_UNIT=nix-daemon.service`: priority 0..3,
    /// or a line starting `error:`, as Nix logs its errors): exact count.
    #[serde(default)]
    pub nix_daemon_error_count: u64,
    /// Its last lines.
    #[serde(default)]
    pub nix_daemon_errors: Vec<JournalLine>,
    /// Coredumps this boot (exact count).
    pub coredump_count: u64,
    /// The last of them (at most 20).
    pub coredumps: Vec<Coredump>,
    /// Every unit with a failure or success message this boot, with its last word.
    pub units: Vec<UnitLastWord>,
    /// NixOS activations of every boot the journal holds (switch-to-configuration and stage-2
    /// messages), oldest first; the newest [`MAX_ACTIVATIONS`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub activations: Vec<Activation>,
    /// Why `activations` may lack some (a cap, the deadline, a failed read).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub activations_note: Option<String>,
    /// The systems stage 2 booted, from the same read as `activations` (the next-boot
    /// checks read it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub boot_history: Option<crate::probes::nextboot::history::BootHistory>,
    /// Reads that stopped early (deadline or entry cap): their figures are partial.
    pub incomplete: Vec<String>,
    /// Reads that failed, as `command: why`.
    pub problems: Vec<String>,
    /// Commands run.
    pub commands: Vec<String>,
}

impl JournalFacts {
    /// Facts with nothing read yet.
    fn empty(source: String, persistent: bool) -> JournalFacts {
        JournalFacts {
            source,
            persistent,
            directory: None,
            files_read: 0,
            boot_id: None,
            boot_is_newest: false,
            bad_files: Vec::new(),
            error_entries: 0,
            noisy: Vec::new(),
            fs_error_count: 0,
            fs_errors: Vec::new(),
            oom_count: 0,
            oom_kills: Vec::new(),
            hardware: Vec::new(),
            nix_daemon_error_count: 0,
            nix_daemon_errors: Vec::new(),
            coredump_count: 0,
            coredumps: Vec::new(),
            units: Vec::new(),
            activations: Vec::new(),
            activations_note: None,
            boot_history: None,
            incomplete: Vec::new(),
            problems: Vec::new(),
            commands: Vec::new(),
        }
    }

    /// Units whose last word this boot is a failure.
    pub fn failed_units(&self) -> impl Iterator<Item = &UnitLastWord> {
        self.units.iter().filter(|u| u.word == UnitWord::Failed)
    }

    /// The activations logged in the boot this probe read (all of them when the boot or the
    /// activations' boots are unknown).
    pub fn this_boot_activations(&self) -> Vec<Activation> {
        self.activations
            .iter()
            .filter(|a| match (&a.boot_id, &self.boot_id) {
                (Some(a), Some(b)) => a == b,
                _ => true,
            })
            .cloned()
            .collect()
    }

    /// The last word of `unit` (a system unit) this boot.
    pub fn unit(&self, unit: &str) -> Option<&UnitLastWord> {
        self.units.iter().find(|u| u.unit == unit && !u.user)
    }

    /// How later reads select the boot this probe read (`None` when it read none).
    pub fn boot(&self, live: bool) -> Option<BootSelector> {
        if live {
            return Some(BootSelector::Current);
        }
        self.boot_id.clone().map(|id| BootSelector::Id {
            id,
            newest: self.boot_is_newest,
        })
    }
}

impl ProbeFacts for JournalFacts {
    const PROBE: ProbeId = ProbeId::Journal;

    fn incomplete(&self) -> Vec<String> {
        self.incomplete
            .iter()
            .chain(&self.problems)
            .cloned()
            .chain(
                self.bad_files
                    .iter()
                    .map(|b| format!("{} left out: {}", b.path, b.error)),
            )
            .collect()
    }
}

/// The `journal` probe.
#[derive(Debug, Default)]
pub struct JournalProbe;

/// One journal entry as journalctl prints it in JSON.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(transparent)]
pub struct Entry(serde_json::Map<String, serde_json::Value>);

impl Entry {
    /// A field decoded to text (see [`field_text`]).
    pub fn get(&self, name: &str) -> Option<String> {
        self.0.get(name).map(field_text)
    }

    /// `__REALTIME_TIMESTAMP` as a time.
    pub fn time(&self) -> Option<DateTime<Utc>> {
        let us: i64 = self.get("__REALTIME_TIMESTAMP")?.parse().ok()?;
        DateTime::from_timestamp_micros(us)
    }

    /// PRIORITY.
    pub fn priority(&self) -> Option<u8> {
        self.get("PRIORITY")?.trim().parse().ok()
    }

    fn is_kernel(&self) -> bool {
        self.get("_TRANSPORT").as_deref() == Some("kernel")
    }

    /// The entry as an excerpt line.
    pub fn line(&self) -> JournalLine {
        let identifier = self
            .get("SYSLOG_IDENTIFIER")
            .or_else(|| self.get("_COMM"))
            .unwrap_or_else(|| {
                if self.is_kernel() {
                    "kernel".to_string()
                } else {
                    "unknown".to_string()
                }
            });
        let mut message = self.get("MESSAGE").unwrap_or_default();
        if message.len() > MAX_MESSAGE {
            let mut cut = MAX_MESSAGE;
            while !message.is_char_boundary(cut) {
                cut -= 1;
            }
            message.truncate(cut);
            message.push_str(" [...]");
        }
        JournalLine {
            time: self.time(),
            priority: self.priority(),
            identifier,
            pid: self.get("_PID"),
            message,
        }
    }

    /// The unit or identifier an entry is counted under for `journal.noisy`.
    fn source(&self) -> String {
        if self.is_kernel() {
            return "kernel".to_string();
        }
        for f in ["_SYSTEMD_USER_UNIT", "_SYSTEMD_UNIT"] {
            if let Some(u) = self.get(f) {
                // The manager's own scopes say nothing about which service is unhappy.
                if u != "init.scope" && !u.starts_with("user@") && !u.starts_with("session-") {
                    return u;
                }
            }
        }
        if let Some(u) = self.get("UNIT").or_else(|| self.get("USER_UNIT")) {
            return u;
        }
        self.get("SYSLOG_IDENTIFIER")
            .or_else(|| self.get("_COMM"))
            .unwrap_or_else(|| "unknown".to_string())
    }
}

/// Decode a journalctl JSON field value to text: a string as is; an array of byte values
/// (a binary or non-UTF-8 field) as lossy UTF-8; an array of values (a repeated field) joined
/// with newlines; `null` (a field over 4 KiB) as `[blob data]`.
pub fn field_text(v: &serde_json::Value) -> String {
    use serde_json::Value;
    match v {
        Value::String(s) => s.clone(),
        Value::Null => "[blob data]".to_string(),
        Value::Array(items) if items.iter().all(Value::is_u64) => {
            let bytes: Vec<u8> = items
                .iter()
                .filter_map(Value::as_u64)
                .map(|b| u8::try_from(b).unwrap_or(b'?'))
                .collect();
            String::from_utf8_lossy(&bytes).into_owned()
        }
        Value::Array(items) => items.iter().map(field_text).collect::<Vec<_>>().join("\n"),
        other => other.to_string(),
    }
}

/// Kernel message fragments (lowercase) that mean a filesystem or block I/O error.
const FS_ERROR_MARKERS: &[&str] = &[
    "i/o error",
    "-fs error",
    "ext4-fs (",
    "btrfs error",
    "btrfs critical",
    "btrfs warning",
    "xfs (",
    "metadata corruption",
    "medium error",
    "critical target error",
    "blk_update_request",
    "fat-fs (",
    "f2fs-fs",
    "squashfs error",
    "zfs:",
    "remounting filesystem read-only",
    "bad block",
];

/// Whether a kernel message reports a filesystem or block I/O error.
pub fn is_fs_error(message: &str) -> bool {
    let m = message.to_ascii_lowercase();
    FS_ERROR_MARKERS.iter().any(|k| m.contains(k))
}

/// The process name in a kernel OOM kill line ("Out of memory: Killed process 123 (foo) ..."),
/// or `None` when the line is not one.
pub fn kernel_oom_victim(message: &str) -> Option<String> {
    let lower = message.to_ascii_lowercase();
    if !lower.contains("killed process") || !lower.contains("out of memory") {
        return None;
    }
    let start = message.find('(')?;
    let end = message[start..].find(')')? + start;
    Some(message[start + 1..end].to_string())
}

/// Keeps a count and the last `KEPT_EVENTS` items.
#[derive(Debug)]
struct Tail<T> {
    count: u64,
    items: VecDeque<T>,
}

impl<T> Tail<T> {
    fn new() -> Self {
        Tail {
            count: 0,
            items: VecDeque::new(),
        }
    }
    fn push(&mut self, t: T) {
        self.count += 1;
        if self.items.len() == KEPT_EVENTS {
            self.items.pop_front();
        }
        self.items.push_back(t);
    }
}

/// Per source: entries, last lines, first entry's time.
type SourceTally = (u64, VecDeque<JournalLine>, Option<DateTime<Utc>>);

/// What the err..alert pass accumulates.
#[derive(Debug)]
struct ErrorPass {
    entries: u64,
    sources: HashMap<String, SourceTally>,
    fs: Tail<JournalLine>,
    oom: Tail<OomKill>,
    boot_id: Option<String>,
}

impl ErrorPass {
    fn new() -> Self {
        ErrorPass {
            entries: 0,
            sources: HashMap::new(),
            fs: Tail::new(),
            oom: Tail::new(),
            boot_id: None,
        }
    }

    fn feed(&mut self, e: &Entry) {
        self.entries += 1;
        if self.boot_id.is_none() {
            self.boot_id = e.get("_BOOT_ID");
        }
        let line = e.line();
        if e.is_kernel() {
            if let Some(process) = kernel_oom_victim(&line.message) {
                self.oom.push(OomKill {
                    process: Some(process),
                    unit: None,
                    line: line.clone(),
                });
            } else if is_fs_error(&line.message) {
                self.fs.push(line.clone());
            }
        }
        let source = e.source();
        let known = self.sources.len();
        let slot = match self.sources.get_mut(&source) {
            Some(s) => s,
            None if known < MAX_SOURCES => self.sources.entry(source).or_default(),
            None => return,
        };
        slot.0 += 1;
        if slot.2.is_none() {
            slot.2 = line.time;
        }
        if slot.1.len() == EXCERPT_PER_SOURCE {
            slot.1.pop_front();
        }
        slot.1.push_back(line);
    }

    fn noisy(&mut self) -> Vec<NoisySource> {
        let mut all: Vec<NoisySource> = self
            .sources
            .drain()
            .map(|(source, (count, excerpt, first))| NoisySource {
                source,
                count,
                first,
                excerpt: excerpt.into(),
            })
            .collect();
        all.sort_by(|a, b| b.count.cmp(&a.count).then(a.source.cmp(&b.source)));
        all.truncate(KEPT_SOURCES);
        all
    }
}

/// What the catalog pass accumulates.
#[derive(Debug)]
struct CatalogPass {
    units: BTreeMap<(bool, String), UnitLastWord>,
    coredumps: Tail<Coredump>,
    oom: Vec<OomKill>,
    boot_id: Option<String>,
}

impl CatalogPass {
    fn new() -> Self {
        CatalogPass {
            units: BTreeMap::new(),
            coredumps: Tail::new(),
            oom: Vec::new(),
            boot_id: None,
        }
    }

    fn feed(&mut self, e: &Entry) {
        if self.boot_id.is_none() {
            self.boot_id = e.get("_BOOT_ID");
        }
        let Some(id) = e.get("MESSAGE_ID") else {
            return;
        };
        let (unit, user) = match (e.get("UNIT"), e.get("USER_UNIT")) {
            (Some(u), _) => (Some(u), false),
            (None, Some(u)) => (Some(u), true),
            (None, None) => (None, false),
        };
        match id.as_str() {
            MSG_COREDUMP => {
                self.coredumps.push(Coredump {
                    unit: e
                        .get("COREDUMP_UNIT")
                        .or_else(|| e.get("COREDUMP_USER_UNIT")),
                    executable: e.get("COREDUMP_EXE").or_else(|| e.get("COREDUMP_COMM")),
                    signal: e
                        .get("COREDUMP_SIGNAL_NAME")
                        .or_else(|| e.get("COREDUMP_SIGNAL")),
                    line: e.line(),
                });
            }
            MSG_UNIT_OOM => self.oom.push(OomKill {
                process: None,
                unit: unit.clone(),
                line: e.line(),
            }),
            _ => {}
        }
        let Some(unit) = unit else {
            return;
        };
        let word = match id.as_str() {
            MSG_UNIT_FAILED => Some((UnitWord::Failed, e.get("UNIT_RESULT"))),
            MSG_JOB_FAILED => match e.get("JOB_RESULT").as_deref() {
                // A dependency failure leaves the unit inactive, not failed.
                Some("dependency") | Some("canceled") | Some("skipped") => None,
                other => Some((UnitWord::Failed, other.map(str::to_string))),
            },
            MSG_UNIT_SUCCESS => Some((UnitWord::Succeeded, None)),
            MSG_JOB_DONE => {
                let start = e.get("JOB_TYPE").is_none_or(|t| t == "start");
                (start && e.get("JOB_RESULT").is_none_or(|r| r == "done"))
                    .then_some((UnitWord::Succeeded, None))
            }
            _ => None,
        };
        let Some((word, result)) = word else {
            return;
        };
        let key = (user, unit.clone());
        let fresh = !self.units.contains_key(&key);
        let entry = self.units.entry(key).or_insert_with(|| UnitLastWord {
            unit,
            user,
            word,
            result: None,
            at: None,
            message: String::new(),
            failures: 0,
        });
        // "Failed with result 'x'" is followed by "Failed to start X": the second one is the
        // same failure, and the first names the richer result.
        let same_failure = !fresh
            && entry.word == UnitWord::Failed
            && id == MSG_JOB_FAILED
            && word == UnitWord::Failed;
        if !same_failure {
            if word == UnitWord::Failed {
                entry.failures += 1;
            }
            entry.result = result;
            entry.message = e.line().message;
        }
        entry.word = word;
        entry.at = e.time();
    }
}
/// Part of the remaining time a pass may use, leaving a margin so the probe returns what it
/// read before the scheduler's own timeout abandons it.
fn budget(cx: &ProbeContext<'_>, share: f64) -> Duration {
    let left = cx.remaining();
    let margin = (left / 10).min(Duration::from_secs(2));
    left.saturating_sub(margin)
        .mul_f64(share)
        .max(Duration::from_millis(50))
}

/// Record how a pass ended: a failure (non-zero exit with nothing read) is a problem, a
/// deadline or a cap makes it incomplete.
fn note_end(
    what: &str,
    shown: &str,
    end: Result<StreamEnd, CommandError>,
    entries: u64,
    cap: u64,
    problems: &mut Vec<String>,
    incomplete: &mut Vec<String>,
) -> Result<(), ProbeError> {
    match end {
        Ok(end) => {
            if end.timed_out {
                incomplete.push(format!(
                    "{what}: stopped at the probe deadline after {entries} entries (`{shown}`)"
                ));
            } else if entries >= cap {
                incomplete.push(format!("{what}: only the newest {cap} entries were read"));
            } else if end.code != Some(0) && end.lines == 0 {
                problems.push(format!("`{shown}` failed: {}", end.stderr_line()));
            }
            Ok(())
        }
        Err(CommandError::NotFound { program }) => Err(ProbeError::Skipped(format!(
            "`{program}` is not installed, so the journal cannot be read"
        ))),
        Err(e) => {
            problems.push(e.to_string());
            Ok(())
        }
    }
}

/// What the one read of the boot accumulates: every entry goes to the err..alert tally when
/// its priority is 1..3, to the catalog tally when its MESSAGE_ID is one of [`CATALOG_IDS`]
/// (a coredump, priority 2, goes to both, as it did when they were separate reads).
#[derive(Debug)]
struct BootPass {
    entries: u64,
    errors: ErrorPass,
    catalog: CatalogPass,
}

impl BootPass {
    fn new() -> Self {
        BootPass {
            entries: 0,
            errors: ErrorPass::new(),
            catalog: CatalogPass::new(),
        }
    }

    fn feed(&mut self, e: &Entry) {
        self.entries += 1;
        let priority = e.priority();
        if matches!(priority, Some(1..=3)) {
            self.errors.feed(e);
        }
        let catalog =
            e.0.get("MESSAGE_ID")
                .and_then(serde_json::Value::as_str)
                .is_some_and(|id| CATALOG_IDS.contains(&id));
        if catalog {
            self.catalog.feed(e);
        }
    }
}

/// Per hardware kind: its lines and whether a memory error was uncorrected.
type HardwareTally = BTreeMap<HardwareKind, (Tail<JournalLine>, bool)>;

/// Tally a kernel line at warning or worse by its hardware kind, if it has one.
fn tally_hardware(hardware: &mut HardwareTally, e: &Entry) {
    let priority = e.priority();
    if !e.is_kernel() || !matches!(priority, Some(0..=4)) {
        return;
    }
    let message = e.get("MESSAGE").unwrap_or_default();
    if let Some(kind) = hardware_kind(&message, priority) {
        let slot = hardware.entry(kind).or_insert_with(|| (Tail::new(), false));
        slot.1 |= kind == HardwareKind::Memory && uncorrected(&message);
        slot.0.push(e.line());
    }
}

/// How many kernel lines at warning or worse of the boot the kernel read takes at most (the
/// newest).
pub const MAX_KERNEL_ENTRIES: u64 = 100_000;

/// The kernel read's match: kernel lines at priority 0..4, one term (journalctl 252 answers a
/// `_TRANSPORT=kernel PRIORITY=4` alternative inside the boot read's disjunction at several
/// times the cost of the rest of that read: BENCHMARKS.md, "Journal").
fn kernel_match() -> Vec<String> {
    std::iter::once("_TRANSPORT=kernel".to_string())
        .chain((0..=4).map(|p| format!("PRIORITY={p}")))
        .collect()
}

/// nix-daemon's unit.
const NIX_DAEMON_UNIT: &str = "nix-daemon.service";

/// Whether a line of nix-daemon's is an error: priority 0..3, or a line starting `error:`,
/// as Nix logs its errors (at priority info).
fn nix_daemon_error(e: &Entry) -> bool {
    matches!(e.priority(), Some(0..=3))
        || e.get("MESSAGE")
            .is_some_and(|m| m.trim_start().starts_with("error:"))
}

/// Fields the per-source reads (kernel warnings, nix-daemon) ask for.
const SOURCE_FIELDS: &str = "MESSAGE,PRIORITY,SYSLOG_IDENTIFIER,_COMM,_PID,_TRANSPORT";

/// The unit that runs stage 2's activation in a systemd initrd
/// (`boot.initrd.systemd.enable`); its `booting system configuration` line is on its stdout
/// rather than /dev/kmsg.
pub const INITRD_ACTIVATION_UNIT: &str = "initrd-nixos-activation.service";

/// The match alternatives of the boot read: err..alert, or one of the catalog messages.
fn boot_disjuncts() -> Vec<Vec<String>> {
    vec![
        (1..=3).map(|p| format!("PRIORITY={p}")).collect(),
        CATALOG_IDS
            .iter()
            .map(|id| format!("MESSAGE_ID={id}"))
            .collect(),
    ]
}

/// Why there is nothing to read, for the `skipped` row.
fn no_journal(host: &Host) -> String {
    if host.is_live() {
        "journalctl finds no journal files (nothing in /var/log/journal or /run/log/journal): \
         systemd-journald is not running or keeps no logs on this machine"
            .to_string()
    } else {
        "no journal files under /var/log/journal or /run/log/journal in the audited root"
            .to_string()
    }
}

impl Probe for JournalProbe {
    fn id(&self) -> ProbeId {
        ProbeId::Journal
    }

    fn by_hand(&self) -> &'static str {
        "journalctl -b -p err..alert; journalctl -b MESSAGE_ID=d9b373ed55a64feb8242e02dbe79a49c; \
         coredumpctl list; journalctl -k -b | grep -i -e 'i/o error' -e 'out of memory'"
    }

    fn collect(&self, host: &Host, cx: &ProbeContext<'_>) -> Result<Box<dyn Facts>, ProbeError> {
        let persistent = host.is_dir("/var/log/journal");
        let Some(src) = JournalSource::of(host) else {
            return Err(ProbeError::Skipped(no_journal(host)));
        };
        (cx.progress)("finding the boot");
        let choice = choose_boot(host, src, Instant::now() + budget(cx, 0.3));
        if let Some(program) = choice.missing {
            return Err(ProbeError::Skipped(format!(
                "`{program}` is not installed, so the journal cannot be read"
            )));
        }
        let src = choice.source;
        let mut facts = JournalFacts::empty(src.display().to_string(), persistent);
        facts.directory = src.directory.clone();
        facts.files_read = src.file_count();
        facts.bad_files = choice.bad_files;
        facts.problems = src.skipped_files.clone();
        facts.problems.extend(choice.problems);
        facts.commands = choice.commands;
        let Some(boot) = choice.boot else {
            if facts.bad_files.is_empty() && facts.problems.is_empty() {
                return Err(ProbeError::Skipped(if host.is_live() {
                    no_journal(host)
                } else {
                    format!(
                        "the journal files under {} hold no entries",
                        src.directory
                            .as_deref()
                            .unwrap_or(std::path::Path::new("/var/log/journal"))
                            .display()
                    )
                }));
            }
            // Files found, none readable: the rows for them are the findings.
            return Ok(Box::new(facts));
        };
        facts.boot_id = boot.id().map(str::to_string);
        facts.boot_is_newest = matches!(boot, BootSelector::Id { newest: true, .. });

        (cx.progress)("reading NixOS activations of every boot");
        let all_shown = allboots::shown(&src);
        facts.commands.push(all_shown.clone());
        let all = allboots::read(host, &src, &choice.rows, budget(cx, 0.2));
        if let Some(why) = &all.read_note {
            facts
                .incomplete
                .push(format!("every boot's activations: {why} (`{all_shown}`)"));
        }
        facts.activations = all.activations;
        facts.activations_note = all.activations_note;
        facts.boot_history = Some(all.history);

        (cx.progress)("reading err..alert entries and unit state messages");
        let mut pass = BootPass::new();
        let cmd = src
            .query_export([
                "-n".to_string(),
                MAX_BOOT_ENTRIES.to_string(),
                format!("--output-fields={FIELDS}"),
            ])
            .args(boot.args(&boot_disjuncts()));
        let shown = src.shown(
            &boot,
            &[
                "-n",
                &MAX_BOOT_ENTRIES.to_string(),
                "PRIORITY=1 PRIORITY=2 PRIORITY=3 + MESSAGE_ID=...",
            ],
        );
        facts.commands.push(shown.clone());
        let end = src.stream_export(host, &cmd, budget(cx, 0.85), &mut |e| {
            pass.feed(e);
            true
        });
        let end = match end {
            Ok((end, broken)) => {
                for bad in source::ignored_files(host, &end.stderr) {
                    if !facts.bad_files.iter().any(|b| b.path == bad.path) {
                        facts.bad_files.push(bad);
                    }
                }
                if let Some(why) = broken {
                    facts.problems.push(format!(
                        "`{shown}`: its output stopped making sense after {} entries: {why}",
                        pass.entries
                    ));
                }
                Ok(end)
            }
            Err(e) => Err(e),
        };
        note_end(
            "boot entries",
            &shown,
            end,
            pass.entries,
            MAX_BOOT_ENTRIES,
            &mut facts.problems,
            &mut facts.incomplete,
        )?;
        if src.is_live() && pass.entries == 0 && !running_boot_logged(host, &src, cx) {
            return Err(ProbeError::Skipped(
                "journalctl has no entries of the running boot: systemd-journald is not running \
                 or keeps no logs (Storage=none)"
                    .to_string(),
            ));
        }

        (cx.progress)("reading kernel warnings");
        let mut hardware = HardwareTally::new();
        let kernel = SourceRead {
            what: "kernel warnings",
            matches: kernel_match(),
            shown_match: "_TRANSPORT=kernel -p warning",
            cap: MAX_KERNEL_ENTRIES,
        };
        kernel.run(host, &src, &boot, cx, &mut facts, &mut |e| {
            tally_hardware(&mut hardware, e)
        })?;

        (cx.progress)("reading nix-daemon's lines");
        let mut nix_daemon = Tail::new();
        let daemon = SourceRead {
            what: "nix-daemon entries",
            matches: vec![format!("_SYSTEMD_UNIT={NIX_DAEMON_UNIT}")],
            shown_match: "_SYSTEMD_UNIT=nix-daemon.service",
            cap: MAX_DAEMON_ENTRIES,
        };
        daemon.run(host, &src, &boot, cx, &mut facts, &mut |e| {
            if nix_daemon_error(e) {
                nix_daemon.push(e.line());
            }
        })?;
        facts.nix_daemon_error_count = nix_daemon.count;
        facts.nix_daemon_errors = nix_daemon.items.into();

        let BootPass {
            mut errors,
            mut catalog,
            ..
        } = pass;
        facts.hardware = hardware
            .into_iter()
            .map(|(kind, (tail, uncorrected))| HardwareErrors {
                kind,
                count: tail.count,
                uncorrected,
                excerpt: tail.items.into(),
            })
            .collect();
        if facts.boot_id.is_none() {
            facts.boot_id = catalog.boot_id.clone().or(errors.boot_id.clone());
        }
        let mut oom_kills: Vec<OomKill> = errors.oom.items.drain(..).collect();
        facts.oom_count = errors.oom.count + catalog.oom.len() as u64;
        oom_kills.append(&mut catalog.oom);
        oom_kills.sort_by_key(|k| k.line.time);
        let skip = oom_kills.len().saturating_sub(KEPT_EVENTS);
        oom_kills.drain(..skip);
        facts.oom_kills = oom_kills;
        facts.error_entries = errors.entries;
        facts.noisy = errors.noisy();
        facts.fs_error_count = errors.fs.count;
        facts.fs_errors = errors.fs.items.into();
        facts.coredump_count = catalog.coredumps.count;
        facts.coredumps = catalog.coredumps.items.into();
        facts.units = catalog.units.into_values().collect();
        // Files left out may hold boots the history does not show.
        let left_out: Vec<String> = facts
            .bad_files
            .iter()
            .map(|b| format!("{} left out: {}", b.path, b.error))
            .chain(src.skipped_files.iter().cloned())
            .collect();
        if let Some(h) = facts.boot_history.as_mut().filter(|_| !left_out.is_empty()) {
            h.complete = false;
            let mut notes = left_out;
            notes.extend(h.note.take());
            h.note = Some(notes.join("; "));
        }
        Ok(Box::new(facts))
    }
}

/// A read of one source of the boot with its own entry cap (the newest entries), so that a
/// flood from it cannot push other entries out of the boot read's window, nor theirs out of
/// its own.
struct SourceRead {
    /// What is read, for notes (`nix-daemon entries`).
    what: &'static str,
    /// The match (one term).
    matches: Vec<String>,
    /// The match as shown to users.
    shown_match: &'static str,
    /// Entries read at most.
    cap: u64,
}

impl SourceRead {
    /// Read, handing every entry to `on_entry`; a cut or a failure is recorded in `facts`.
    fn run(
        &self,
        host: &Host,
        src: &JournalSource,
        boot: &BootSelector,
        cx: &ProbeContext<'_>,
        facts: &mut JournalFacts,
        on_entry: &mut dyn FnMut(&Entry),
    ) -> Result<(), ProbeError> {
        let cmd = src
            .query_export([
                "-n".to_string(),
                self.cap.to_string(),
                format!("--output-fields={SOURCE_FIELDS}"),
            ])
            .args(boot.args(std::slice::from_ref(&self.matches)));
        let shown = src.shown(boot, &["-n", &self.cap.to_string(), self.shown_match]);
        facts.commands.push(shown.clone());
        let mut entries = 0u64;
        let end = src.stream_export(host, &cmd, budget(cx, 0.9), &mut |e| {
            entries += 1;
            on_entry(e);
            true
        });
        let end = end.map(|(end, broken)| {
            if let Some(why) = broken {
                facts.problems.push(format!(
                    "`{shown}`: its output stopped making sense after {entries} entries: {why}"
                ));
            }
            end
        });
        note_end(
            self.what,
            &shown,
            end,
            entries,
            self.cap,
            &mut facts.problems,
            &mut facts.incomplete,
        )
    }
}

/// Live, after a read that matched nothing: whether the running boot has any entry at all
/// (a boot without a single catalog message is one journald did not log).
fn running_boot_logged(host: &Host, src: &JournalSource, cx: &ProbeContext<'_>) -> bool {
    let cmd = src.query(["-b", "-n", "1", "--output-fields=MESSAGE"]);
    let mut any = false;
    let _ = src.stream(host, &cmd, budget(cx, 0.5), &mut |_| {
        any = true;
        false
    });
    any
}

/// How `journalctl -u UNIT` (system unit) or `--user-unit UNIT` matches entries, as match
/// alternatives for several units at once (systemd 252, `add_matches_for_unit` and
/// `add_matches_for_user_unit` in src/shared/logs-show.c): the unit's own processes, its
/// coredumps (logged by systemd-coredump as root), the manager's messages about it (PID 1 for
/// system units), and messages of privileged daemons about it (`OBJECT_SYSTEMD_UNIT`). A
/// slice also matches `_SYSTEMD_SLICE`. For user units journalctl also requires the caller's
/// `_UID`; here a user unit of any user matches.
fn unit_disjuncts(system: &[&str], user: &[&str]) -> Vec<Vec<String>> {
    let each = |field: &str, units: &[&str]| -> Vec<String> {
        units.iter().map(|u| format!("{field}={u}")).collect()
    };
    let with = |fixed: &[&str], mut v: Vec<String>| -> Vec<String> {
        let mut out: Vec<String> = fixed.iter().map(|s| s.to_string()).collect();
        out.append(&mut v);
        out
    };
    let mut d = Vec::new();
    if !system.is_empty() {
        d.push(each("_SYSTEMD_UNIT", system));
        d.push(with(
            &[&format!("MESSAGE_ID={MSG_COREDUMP}"), "_UID=0"],
            each("COREDUMP_UNIT", system),
        ));
        d.push(with(&["_PID=1"], each("UNIT", system)));
        d.push(with(&["_UID=0"], each("OBJECT_SYSTEMD_UNIT", system)));
        let slices: Vec<&str> = system
            .iter()
            .copied()
            .filter(|u| u.ends_with(".slice"))
            .collect();
        if !slices.is_empty() {
            d.push(each("_SYSTEMD_SLICE", &slices));
        }
    }
    if !user.is_empty() {
        d.push(each("_SYSTEMD_USER_UNIT", user));
        d.push(each("USER_UNIT", user));
        d.push(each("COREDUMP_USER_UNIT", user));
        d.push(with(&["_UID=0"], each("OBJECT_SYSTEMD_USER_UNIT", user)));
    }
    d
}

/// Whether entry `e` is one `journalctl -u unit` (or `--user-unit`) shows: the same
/// alternatives as [`unit_disjuncts`], checked on the entry.
fn entry_of_unit(e: &Entry, unit: &str, user: bool) -> bool {
    let is = |field: &str, value: &str| e.get(field).as_deref() == Some(value);
    if user {
        return is("_SYSTEMD_USER_UNIT", unit)
            || is("USER_UNIT", unit)
            || is("COREDUMP_USER_UNIT", unit)
            || (is("_UID", "0") && is("OBJECT_SYSTEMD_USER_UNIT", unit));
    }
    is("_SYSTEMD_UNIT", unit)
        || (is("MESSAGE_ID", MSG_COREDUMP) && is("_UID", "0") && is("COREDUMP_UNIT", unit))
        || (is("_PID", "1") && is("UNIT", unit))
        || (is("_UID", "0") && is("OBJECT_SYSTEMD_UNIT", unit))
        || (unit.ends_with(".slice") && is("_SYSTEMD_SLICE", unit))
}

/// The last lines of several units, read together.
#[derive(Debug, Default)]
pub struct UnitExcerpts {
    /// Per `(user, unit)`: its last lines in the boot, oldest first (what `journalctl -b -u
    /// UNIT -n N` shows).
    pub lines: BTreeMap<(bool, String), Vec<JournalLine>>,
    /// Per `(user, unit)`: that command, as a user would type it.
    pub shown: BTreeMap<(bool, String), String>,
    /// Why there are no lines, when the read failed.
    pub error: Option<String>,
    /// Commands run.
    pub commands: Vec<String>,
}

/// How many entries the joint excerpt read takes at most before the units it has not filled
/// are asked for one by one (a failed unit that logged a flood, next to one that logged three
/// lines an hour earlier, would otherwise make it read the flood to the start of the boot).
const MAX_EXCERPT_ENTRIES: u64 = 20_000;

/// The last `n` lines of each of `units` (`(unit, user)`) in the boot the journal probe read
/// (`journal`; live without it, the running boot): one reverse read (`-r`) whose match
/// expression ORs what `journalctl -u` matches for every unit ([`unit_disjuncts`]), stopped as
/// soon as every unit has `n` lines. Only units it left short because it hit
/// [`MAX_EXCERPT_ENTRIES`] or its deadline get a read of their own (`-u UNIT -n N`).
pub fn unit_excerpts(
    host: &Host,
    journal: Option<&JournalFacts>,
    units: &[(String, bool)],
    n: usize,
    timeout: Duration,
) -> UnitExcerpts {
    let mut out = UnitExcerpts::default();
    if units.is_empty() {
        return out;
    }
    let deadline = Instant::now() + timeout;
    let Some(mut src) = JournalSource::of(host) else {
        out.error = Some("no journal files".to_string());
        return out;
    };
    let boot = match journal.and_then(|j| j.boot(host.is_live())) {
        Some(b) => {
            if let Some(j) = journal {
                let bad: Vec<String> = j.bad_files.iter().map(|b| b.path.clone()).collect();
                src = src.without(&bad);
            }
            b
        }
        None if host.is_live() => BootSelector::Current,
        None => {
            let choice = choose_boot(host, src, deadline);
            src = choice.source;
            out.commands.extend(choice.commands);
            match choice.boot {
                Some(b) => b,
                None => {
                    out.error = Some("no readable boot in the journal".to_string());
                    return out;
                }
            }
        }
    };
    let n_str = n.to_string();
    for (unit, user) in units {
        let flag = if *user { "--user-unit" } else { "-u" };
        out.shown.insert(
            (*user, unit.clone()),
            src.shown(&boot, &[flag, unit, "-n", &n_str]),
        );
    }
    let system: Vec<&str> = units
        .iter()
        .filter(|(_, u)| !u)
        .map(|(s, _)| s.as_str())
        .collect();
    let user: Vec<&str> = units
        .iter()
        .filter(|(_, u)| *u)
        .map(|(s, _)| s.as_str())
        .collect();
    let cmd = src
        .query([
            "-r".to_string(),
            format!("--output-fields={EXCERPT_FIELDS}"),
        ])
        .args(boot.args(&unit_disjuncts(&system, &user)));
    let shown = src.shown(
        &boot,
        &[
            "-r",
            "_SYSTEMD_UNIT=... + _PID=1 UNIT=... + ... (every failed unit)",
        ],
    );
    out.commands.push(shown.clone());
    let mut buckets: BTreeMap<(bool, String), Vec<JournalLine>> = units
        .iter()
        .map(|(u, user)| ((*user, u.clone()), Vec::new()))
        .collect();
    let mut read = 0u64;
    let end = src.stream(
        host,
        &cmd,
        deadline.saturating_duration_since(Instant::now()),
        &mut |e| {
            read += 1;
            for ((user, unit), lines) in buckets.iter_mut() {
                if lines.len() < n && entry_of_unit(e, unit, *user) {
                    lines.push(e.line());
                }
            }
            read < MAX_EXCERPT_ENTRIES && buckets.values().any(|l| l.len() < n)
        },
    );
    let cut_short = match &end {
        Ok(end) if end.code == Some(0) || end.stopped || end.timed_out || end.lines > 0 => {
            end.timed_out || (end.stopped && read >= MAX_EXCERPT_ENTRIES)
        }
        Ok(end) => {
            out.error = Some(format!("`{shown}` failed: {}", end.stderr_line()));
            return out;
        }
        Err(e) => {
            out.error = Some(e.to_string());
            return out;
        }
    };
    for ((user, unit), mut lines) in buckets {
        if cut_short && lines.len() < n {
            // The joint read stopped before reaching this unit's older lines: ask for them.
            let flag = if user { "--user-unit" } else { "-u" };
            let one = src
                .query(["-n", &n_str, flag, unit.as_str()])
                .args(boot.args(&[]));
            let mut own = Vec::new();
            let _ = src.stream(
                host,
                &one,
                deadline.saturating_duration_since(Instant::now()),
                &mut |e| {
                    own.push(e.line());
                    true
                },
            );
            if own.len() > lines.len() {
                own.reverse();
                lines = own;
            }
            out.commands
                .push(src.shown(&boot, &[flag, unit.as_str(), "-n", &n_str]));
        }
        lines.reverse();
        out.lines.insert((user, unit), lines);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(json: &str) -> Entry {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn binary_repeated_and_null_fields_decode() {
        let e = entry(
            r#"{"MESSAGE":[104,105,10,255,33],"X":["a","b"],"Y":null,"PRIORITY":"3","__REALTIME_TIMESTAMP":"1795641315280766"}"#,
        );
        assert_eq!(e.get("MESSAGE").unwrap(), "hi\n\u{FFFD}!");
        assert_eq!(e.get("X").unwrap(), "a\nb");
        assert_eq!(e.get("Y").unwrap(), "[blob data]");
        let l = e.line();
        assert_eq!(l.priority, Some(3));
        assert_eq!(
            l.render(),
            ["2026-11-25T21:15:15Z err unknown: hi", "    \u{FFFD}!"]
        );
    }

    #[test]
    fn activation_messages_parse() {
        let p = "/nix/store/1p0wzd2ngaw5hpa5pxn7ndzcyhk6j09x-nixos-system-pvl-l5-26.05.20260618.e8210c6";
        assert_eq!(
            activation_of(&format!("switching to system configuration {p}")),
            Some((ActivationKind::Switching, p))
        );
        assert_eq!(
            activation_of(&format!("finished switching to system configuration {p}")),
            Some((ActivationKind::Finished, p))
        );
        assert_eq!(
            activation_of(&format!(
                "switching to system configuration {p} failed (status 4)"
            )),
            Some((ActivationKind::Failed, p))
        );
        assert_eq!(
            activation_of(&format!("booting system configuration {p}\n")),
            Some((ActivationKind::Booting, p))
        );
        assert_eq!(activation_of("switching to system configuration"), None);
        assert_eq!(
            activation_of("switching to system configuration /etc/x"),
            None
        );
        assert_eq!(
            activation_of(&format!("switching to system configuration {p} and more")),
            None
        );
        assert_eq!(
            activation_of(&format!("Switching to system configuration {p}")),
            None
        );
    }

    #[test]
    fn this_boots_activations_are_those_of_the_boot_read() {
        let mut f = JournalFacts::empty("journalctl".into(), true);
        let a = |boot: Option<&str>, s: &str| Activation {
            time: Utc::now(),
            system: s.to_string(),
            kind: ActivationKind::Switching,
            boot_id: boot.map(str::to_string),
        };
        f.activations = vec![
            a(Some("old"), "/nix/store/a"),
            a(Some("new"), "/nix/store/b"),
        ];
        assert_eq!(f.this_boot_activations().len(), 2);
        f.boot_id = Some("new".into());
        let this = f.this_boot_activations();
        assert_eq!(this.len(), 1);
        assert_eq!(this[0].system, "/nix/store/b");
    }

    #[test]
    fn kernel_lines_are_classified() {
        assert!(is_fs_error(
            "EXT4-fs error (device sda1): ext4_find_entry:1455: inode #2: comm ls: reading directory lblock 0"
        ));
        assert!(is_fs_error(
            "I/O error, dev sda, sector 12345 op 0x0:(READ)"
        ));
        assert!(is_fs_error("Buffer I/O error on dev sda1, logical block 0"));
        assert!(!is_fs_error(
            "usb 1-1: device descriptor read/64, error -71"
        ));
        assert_eq!(
            kernel_oom_victim(
                "Out of memory: Killed process 4242 (hog) total-vm:9000kB, anon-rss:8000kB"
            )
            .as_deref(),
            Some("hog")
        );
        assert_eq!(
            kernel_oom_victim("Memory cgroup out of memory: Killed process 7 (java) total-vm:1kB")
                .as_deref(),
            Some("java")
        );
        assert!(kernel_oom_victim("oom_reaper: reaped process 4242 (hog)").is_none());
    }

    fn unit_msg(id: &str, unit: &str, extra: &str, t: u64) -> Entry {
        entry(&format!(
            r#"{{"MESSAGE_ID":"{id}","UNIT":"{unit}","MESSAGE":"m{t}","__REALTIME_TIMESTAMP":"{t}"{extra}}}"#
        ))
    }

    #[test]
    fn last_word_wins_and_keeps_the_unit_result() {
        let mut c = CatalogPass::new();
        c.feed(&unit_msg(
            MSG_UNIT_FAILED,
            "a.service",
            r#","UNIT_RESULT":"exit-code""#,
            1,
        ));
        c.feed(&unit_msg(
            MSG_JOB_FAILED,
            "a.service",
            r#","JOB_RESULT":"failed""#,
            2,
        ));
        c.feed(&unit_msg(
            MSG_UNIT_FAILED,
            "b.service",
            r#","UNIT_RESULT":"core-dump""#,
            3,
        ));
        c.feed(&unit_msg(
            MSG_JOB_DONE,
            "b.service",
            r#","JOB_RESULT":"done","JOB_TYPE":"start""#,
            4,
        ));
        c.feed(&unit_msg(
            MSG_JOB_FAILED,
            "c.service",
            r#","JOB_RESULT":"dependency""#,
            5,
        ));
        let units: Vec<_> = c.units.into_values().collect();
        assert_eq!(units.len(), 2);
        assert_eq!(units[0].unit, "a.service");
        assert_eq!(units[0].word, UnitWord::Failed);
        assert_eq!(units[0].result.as_deref(), Some("exit-code"));
        assert_eq!(units[0].message, "m1");
        assert_eq!(units[0].failures, 1);
        assert_eq!(units[1].unit, "b.service");
        assert_eq!(units[1].word, UnitWord::Succeeded);
    }

    #[test]
    fn one_read_feeds_errors_and_catalog() {
        let mut p = BootPass::new();
        // err..alert without catalog ID; a coredump (priority 2, catalog); "Started" (info).
        p.feed(&entry(
            r#"{"PRIORITY":"3","_SYSTEMD_UNIT":"a.service","MESSAGE":"x"}"#,
        ));
        p.feed(&entry(&format!(
            r#"{{"PRIORITY":"2","MESSAGE_ID":"{MSG_COREDUMP}","COREDUMP_UNIT":"a.service","MESSAGE":"dumped"}}"#
        )));
        p.feed(&entry(&format!(
            r#"{{"PRIORITY":"6","MESSAGE_ID":"{MSG_JOB_DONE}","UNIT":"b.service","JOB_TYPE":"start","JOB_RESULT":"done","MESSAGE":"Started"}}"#
        )));
        // An info line matched by neither alternative (cannot come from journalctl, ignored).
        p.feed(&entry(r#"{"PRIORITY":"6","MESSAGE":"noise"}"#));
        assert_eq!(p.entries, 4);
        assert_eq!(p.errors.entries, 2);
        assert_eq!(p.catalog.coredumps.count, 1);
        assert_eq!(p.catalog.units.len(), 1);
    }

    #[test]
    fn unit_matches_are_those_of_journalctl_u() {
        let d = unit_disjuncts(&["a.service", "s.slice"], &["u.service"]);
        assert_eq!(d[0], ["_SYSTEMD_UNIT=a.service", "_SYSTEMD_UNIT=s.slice"]);
        assert_eq!(
            d[2],
            ["_PID=1", "UNIT=a.service", "UNIT=s.slice"],
            "manager messages only from PID 1"
        );
        assert!(d.contains(&vec!["_SYSTEMD_SLICE=s.slice".to_string()]));
        assert!(d.contains(&vec!["USER_UNIT=u.service".to_string()]));
        let own = entry(r#"{"_SYSTEMD_UNIT":"a.service"}"#);
        let manager = entry(r#"{"_PID":"1","UNIT":"a.service"}"#);
        let spoofed = entry(r#"{"_PID":"77","UNIT":"a.service"}"#);
        let core = entry(&format!(
            r#"{{"MESSAGE_ID":"{MSG_COREDUMP}","_UID":"0","COREDUMP_UNIT":"a.service"}}"#
        ));
        let user_core = entry(&format!(
            r#"{{"MESSAGE_ID":"{MSG_COREDUMP}","_UID":"1000","COREDUMP_UNIT":"a.service"}}"#
        ));
        assert!(entry_of_unit(&own, "a.service", false));
        assert!(entry_of_unit(&manager, "a.service", false));
        assert!(!entry_of_unit(&spoofed, "a.service", false));
        assert!(entry_of_unit(&core, "a.service", false));
        assert!(!entry_of_unit(&user_core, "a.service", false));
        assert!(!entry_of_unit(&own, "a.service", true));
        assert!(entry_of_unit(
            &entry(r#"{"USER_UNIT":"u.service","_UID":"1000"}"#),
            "u.service",
            true
        ));
    }

    /// A live journalctl: `--list-boots` answers `boots`; the boot read prints `lines` (export
    /// format) and `stderr`.
    #[derive(Debug)]
    struct FakeJournalctl {
        boots: Result<&'static str, &'static str>,
        lines: &'static str,
        stderr: &'static str,
        seen: std::sync::Mutex<Vec<String>>,
        /// The read over every boot fails with this on stderr.
        all_boots_fails: Option<&'static str>,
    }

    impl crate::command::CommandRunner for FakeJournalctl {
        fn run(
            &self,
            cmd: &crate::command::Cmd,
            _: Duration,
        ) -> Result<crate::command::CmdOutput, CommandError> {
            let args: Vec<String> = cmd
                .get_args()
                .iter()
                .map(|a| a.to_string_lossy().into_owned())
                .collect();
            self.seen.lock().unwrap().push(args.join(" "));
            let out = |code, stdout: &str, stderr: &str| crate::command::CmdOutput {
                code: Some(code),
                stdout: stdout.as_bytes().to_vec(),
                stderr: stderr.as_bytes().to_vec(),
                truncated: false,
            };
            if args.iter().any(|a| a == "--list-boots") {
                return Ok(match self.boots {
                    Ok(json) => out(0, json, ""),
                    Err(why) => out(1, "", why),
                });
            }
            if let Some(why) = self.all_boots_fails {
                if args.iter().any(|a| a == "SYSLOG_IDENTIFIER=nixos") {
                    return Ok(out(1, "", why));
                }
            }
            Ok(out(0, self.lines, self.stderr))
        }
    }

    fn live_journal(fake: FakeJournalctl) -> (Result<JournalFacts, ProbeError>, Vec<String>) {
        let fake = std::sync::Arc::new(fake);
        let host = Host::live(fake.clone(), BTreeMap::new(), Utc::now()).unwrap();
        let facts = crate::probe::FactSet::new();
        let progress = |_: &str| {};
        let cx = ProbeContext {
            facts: &facts,
            deadline: Instant::now() + Duration::from_secs(30),
            progress: &progress,
        };
        let got = JournalProbe
            .collect(&host, &cx)
            .map(|f| f.as_any().downcast_ref::<JournalFacts>().unwrap().clone());
        let seen = fake.seen.lock().unwrap().clone();
        (got, seen)
    }

    const ONE_BOOT: &str = r#"[{"index":0,"boot_id":"b0","first_entry":1,"last_entry":2}]"#;
    const ERROR_LINE: &str =
        "__REALTIME_TIMESTAMP=1\nPRIORITY=3\n_SYSTEMD_UNIT=a.service\nMESSAGE=boom\n_BOOT_ID=b0\n\n";

    #[test]
    fn live_without_journal_files_is_skipped() {
        let (got, seen) = live_journal(FakeJournalctl {
            boots: Ok(""),
            lines: "",
            stderr: "",
            seen: Default::default(),
            all_boots_fails: None,
        });
        match got {
            Err(ProbeError::Skipped(why)) => assert!(why.contains("no journal files"), "{why}"),
            other => panic!("{other:?}"),
        }
        assert_eq!(seen.len(), 1, "{seen:?}");
    }

    #[test]
    fn live_running_boot_with_no_entries_is_skipped() {
        let (got, _) = live_journal(FakeJournalctl {
            boots: Ok(ONE_BOOT),
            lines: "",
            stderr: "",
            seen: Default::default(),
            all_boots_fails: None,
        });
        match got {
            Err(ProbeError::Skipped(why)) => assert!(why.contains("running boot"), "{why}"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn live_read_is_one_run_and_reports_the_files_journalctl_skipped() {
        let (got, seen) = live_journal(FakeJournalctl {
            boots: Ok(ONE_BOOT),
            lines: ERROR_LINE,
            stderr: "Journal file /var/log/journal/m/system@1.journal~ corrupted, ignoring file.\n",
            seen: Default::default(),
            all_boots_fails: None,
        });
        let j = got.unwrap();
        assert_eq!(
            seen.len(),
            5,
            "list-boots, every boot's activations, the boot, kernel warnings, nix-daemon: {seen:?}"
        );
        assert!(
            seen[1].starts_with("-q --no-pager -o export -n 50000 --output-fields=MESSAGE,_BOOT_ID _TRANSPORT=kernel SYSLOG_FACILITY=1 + _SYSTEMD_UNIT=initrd-nixos-activation.service + SYSLOG_IDENTIFIER=nixos"),
            "{}",
            seen[1]
        );
        assert!(!seen[1].contains("-b"), "{}", seen[1]);
        assert!(
            seen[2].starts_with("-q --no-pager -o export -n 300000"),
            "{}",
            seen[2]
        );
        assert!(seen[2].contains(" -b PRIORITY=1 PRIORITY=2 PRIORITY=3 + MESSAGE_ID="));
        assert!(
            seen[3].ends_with(
                " -b _TRANSPORT=kernel PRIORITY=0 PRIORITY=1 PRIORITY=2 PRIORITY=3 PRIORITY=4"
            ),
            "{}",
            seen[3]
        );
        assert!(
            seen[4].ends_with("-n 100000 --output-fields=MESSAGE,PRIORITY,SYSLOG_IDENTIFIER,_COMM,_PID,_TRANSPORT -b _SYSTEMD_UNIT=nix-daemon.service"),
            "{}",
            seen[4]
        );
        assert_eq!(j.error_entries, 1);
        assert_eq!(j.boot_id.as_deref(), Some("b0"));
        assert_eq!(j.bad_files.len(), 1);
        assert_eq!(j.bad_files[0].path, "/var/log/journal/m/system@1.journal~");
    }

    #[test]
    fn a_failed_read_over_every_boot_makes_the_probe_incomplete() {
        let (got, _) = live_journal(FakeJournalctl {
            boots: Ok(ONE_BOOT),
            lines: ERROR_LINE,
            stderr: "",
            seen: Default::default(),
            all_boots_fails: Some("Failed to add match: Invalid argument"),
        });
        let j = got.unwrap();
        assert_eq!(j.error_entries, 1);
        assert!(j.activations.is_empty());
        assert_eq!(j.incomplete.len(), 1, "{:?}", j.incomplete);
        assert!(
            j.incomplete[0]
                .starts_with("every boot's activations: journalctl failed: Failed to add match"),
            "{:?}",
            j.incomplete
        );
        let h = j.boot_history.unwrap();
        assert!(!h.complete);
        assert!(j.activations_note.unwrap().contains("journalctl failed"));
    }

    #[test]
    fn live_list_boots_failure_does_not_stop_the_read() {
        let (got, _) = live_journal(FakeJournalctl {
            boots: Err("Failed to determine boots: No data available"),
            lines: ERROR_LINE,
            stderr: "",
            seen: Default::default(),
            all_boots_fails: None,
        });
        let j = got.unwrap();
        assert_eq!(j.error_entries, 1);
        assert!(
            j.problems[0].contains("Failed to determine boots"),
            "{:?}",
            j.problems
        );
    }

    #[test]
    fn noisy_sources_group_by_unit_then_identifier() {
        let mut p = ErrorPass::new();
        for _ in 0..3 {
            p.feed(&entry(
                r#"{"_SYSTEMD_UNIT":"x.service","SYSLOG_IDENTIFIER":"x","MESSAGE":"boom"}"#,
            ));
        }
        p.feed(&entry(
            r#"{"_SYSTEMD_UNIT":"init.scope","SYSLOG_IDENTIFIER":"systemd","MESSAGE":"m"}"#,
        ));
        p.feed(&entry(
            r#"{"_TRANSPORT":"kernel","MESSAGE":"Buffer I/O error on dev sda1"}"#,
        ));
        let n = p.noisy();
        assert_eq!(n[0].source, "x.service");
        assert_eq!(n[0].count, 3);
        assert_eq!(n[0].excerpt.len(), 3);
        assert!(n.iter().any(|s| s.source == "systemd"));
        assert!(n.iter().any(|s| s.source == "kernel"));
        assert_eq!(p.fs.count, 1);
    }

    #[test]
    fn hardware_kinds_of_kernel_lines() {
        let k = |m: &str, p: u8| hardware_kind(m, Some(p));
        assert_eq!(
            k("NVRM: Xid (PCI:0000:01:00): 79", 3),
            Some(HardwareKind::Gpu)
        );
        assert_eq!(
            k("amdgpu 0000:03:00.0: amdgpu: ring gfx timeout", 3),
            Some(HardwareKind::Gpu)
        );
        assert_eq!(
            k("i915 0000:00:02.0: [drm] GPU HANG: ecode 12:1:85dffffb", 4),
            Some(HardwareKind::Gpu)
        );
        assert_eq!(k("[drm] Initialized amdgpu 3.57.0", 6), None);
        assert_eq!(
            k(
                "iwlwifi: Direct firmware load for iwlwifi-x.ucode failed with error -2",
                4
            ),
            Some(HardwareKind::Firmware)
        );
        assert_eq!(
            k("mce: [Hardware Error]: CPU 0: Machine Check: 0 Bank 5", 2),
            Some(HardwareKind::Memory)
        );
        assert_eq!(
            k("EDAC MC0: 1 CE memory read error on CPU_SrcID#0", 4),
            Some(HardwareKind::Memory)
        );
        assert!(uncorrected("EDAC MC0: 1 UE memory read error"));
        assert!(!uncorrected("EDAC MC0: 1 CE memory read error"));
        assert_eq!(
            k(
                "CPU3: Core temperature above threshold, cpu clock throttled",
                4
            ),
            Some(HardwareKind::Thermal)
        );
        assert_eq!(k("ACPI Warning: SystemIO range conflicts", 4), None);
    }
}
