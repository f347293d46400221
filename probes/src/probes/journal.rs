//! The `journal` probe: what the newest boot's journal says went wrong.
//!
//! Why `journalctl -o json` and not a journal-file parser: the on-disk format has several
//! versions, compression (xz, lz4, zstd), sealing and rotation rules, and journalctl already
//! reads all of them, both live and from a directory of files (`--directory` under `--root`).
//! Its JSON output is one object per line, so the probe *streams* it: every pass is restricted
//! by boot (`-b`), by priority or catalog MESSAGE_ID, by count (`-n`), and by the probe's
//! deadline; memory is bounded by the number of distinct units, never by the journal's size.
//!
//! Three kinds of read, each cheap on a 4 GB journal because journalctl answers them from its
//! field indexes:
//! 1. boot-wide `err..alert` entries: grouped by unit or identifier (`journal.noisy`), kernel
//!    filesystem and block I/O errors (`journal.fs-errors`), kernel OOM kills (`journal.oom`);
//! 2. catalog messages by MESSAGE_ID: unit failed/succeeded, start job failed/done, coredumps
//!    and systemd's own "killed by the OOM killer"; from these, each unit's *last word* in the
//!    boot (a unit that failed and then started again has recovered);
//! 3. per failed unit, its last lines (`journalctl -b -u UNIT -n 20`), asked for by the units
//!    probe through [`unit_excerpt`].
//!
//! journalctl prints a field that is not valid UTF-8 (or holds control bytes) as an array of
//! byte values, a field that occurs twice as an array, and a field over 4 KiB as `null`; all
//! of those are decoded here ([`field_text`]) so nothing downstream sees raw bytes.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::path::PathBuf;
use std::time::Duration;

use nixbtw_contracts::ProbeId;

use crate::command::{Cmd, CommandError, StreamEnd};
use crate::host::Host;
use crate::probe::{Facts, Probe, ProbeContext, ProbeError, ProbeFacts};

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

/// How many err..alert entries of the boot are read at most (the newest ones).
pub const MAX_ERROR_ENTRIES: u64 = 200_000;
/// How many catalog (unit state, coredump, OOM) entries of the boot are read at most.
pub const MAX_CATALOG_ENTRIES: u64 = 100_000;
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

/// Fields asked for in every pass (`--output-fields`), so journalctl does not serialize the
/// dozens of trusted fields nobody reads.
const FIELDS: &str = "MESSAGE,MESSAGE_ID,PRIORITY,_SYSTEMD_UNIT,_SYSTEMD_USER_UNIT,\
SYSLOG_IDENTIFIER,_COMM,_PID,_TRANSPORT,_BOOT_ID,UNIT,USER_UNIT,UNIT_RESULT,JOB_RESULT,\
JOB_TYPE,COREDUMP_UNIT,COREDUMP_USER_UNIT,COREDUMP_EXE,COREDUMP_COMM,COREDUMP_PID,\
COREDUMP_SIGNAL_NAME,COREDUMP_SIGNAL";

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

/// Facts of the `journal` probe.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JournalFacts {
    /// The journalctl command the passes share (`journalctl` live, `journalctl --directory
    /// <root>/var/log/journal` under --root).
    pub source: String,
    /// Whether a persistent journal directory (/var/log/journal) exists.
    pub persistent: bool,
    /// The logical directory read under --root (None live, or when there is none).
    pub directory: Option<PathBuf>,
    /// _BOOT_ID of the boot read (the newest one in the files; the running one live).
    pub boot_id: Option<String>,
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
    /// Coredumps this boot (exact count).
    pub coredump_count: u64,
    /// The last of them (at most 20).
    pub coredumps: Vec<Coredump>,
    /// Every unit with a failure or success message this boot, with its last word.
    pub units: Vec<UnitLastWord>,
    /// Passes that stopped early (deadline or entry cap): their figures are partial.
    pub incomplete: Vec<String>,
    /// Passes that failed, as `command: why`.
    pub problems: Vec<String>,
    /// Commands run.
    pub commands: Vec<String>,
}

impl JournalFacts {
    /// Units whose last word this boot is a failure.
    pub fn failed_units(&self) -> impl Iterator<Item = &UnitLastWord> {
        self.units.iter().filter(|u| u.word == UnitWord::Failed)
    }

    /// The last word of `unit` (a system unit) this boot.
    pub fn unit(&self, unit: &str) -> Option<&UnitLastWord> {
        self.units.iter().find(|u| u.unit == unit && !u.user)
    }
}

impl ProbeFacts for JournalFacts {
    const PROBE: ProbeId = ProbeId::Journal;

    fn incomplete(&self) -> Vec<String> {
        self.incomplete
            .iter()
            .chain(&self.problems)
            .cloned()
            .collect()
    }
}

/// The `journal` probe.
#[derive(Debug, Default)]
pub struct JournalProbe;

/// How many journal files under --root are handed to journalctl at most (each is an open
/// descriptor of the audit while journalctl runs); the newest are kept.
pub const MAX_JOURNAL_FILES: usize = 512;

/// Where the journal of the target is: the base command, and the logical directory read.
#[derive(Debug, Clone)]
pub struct JournalSource {
    base: Cmd,
    /// The base command as shown to users (logical directory, no output options).
    display: String,
    /// The logical directory read under --root.
    pub directory: Option<PathBuf>,
    live: bool,
    /// Under --root: the journal files, opened through the confined file API and kept open
    /// while journalctl reads them as `/proc/<pid>/fd/<n>` (it never resolves a path of the
    /// audited system itself, so no link in the image can point it elsewhere).
    _files: std::sync::Arc<Vec<std::fs::File>>,
    /// Journal files found but not handed over (over [`MAX_JOURNAL_FILES`], or unreadable).
    pub skipped_files: Vec<String>,
}

impl JournalSource {
    /// The target's journal: live, `journalctl`; under --root, the journal files of
    /// `<root>/var/log/journal` (or a volatile `/run/log/journal` left in the image), as
    /// `journalctl --directory` would pick them (the directory and its machine-id
    /// subdirectories), opened confined and passed as `--file /proc/<pid>/fd/<n>`. `None`
    /// under --root when neither directory exists.
    pub fn of(host: &Host) -> Option<JournalSource> {
        if host.is_live() {
            return Some(JournalSource {
                base: Cmd::new("journalctl"),
                display: "journalctl".to_string(),
                directory: None,
                live: true,
                _files: std::sync::Arc::new(Vec::new()),
                skipped_files: Vec::new(),
            });
        }
        let dir = ["/var/log/journal", "/run/log/journal"]
            .iter()
            .map(PathBuf::from)
            .find(|d| host.is_dir(d))?;
        let mut found: Vec<(i64, PathBuf)> = Vec::new();
        let mut skipped_files = Vec::new();
        let walk = host.walk(&dir, 2, 100_000);
        for e in walk.errors {
            skipped_files.push(e.to_string());
        }
        for (path, kind) in walk.entries {
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
            let is_journal = name
                .as_deref()
                .is_some_and(|n| n.ends_with(".journal") || n.ends_with(".journal~"));
            if kind != crate::fs::FileKind::File || !is_journal {
                continue;
            }
            let mtime = host.symlink_metadata(&path).map_or(0, |m| m.mtime_sec);
            found.push((mtime, path));
        }
        // Newest first, so a cap drops the oldest files.
        found.sort_by(|a, b| b.cmp(a));
        let mut base = Cmd::new("journalctl");
        let mut files = Vec::new();
        for (_, path) in found {
            if files.len() >= MAX_JOURNAL_FILES {
                skipped_files.push(format!(
                    "{}: not read (more than {MAX_JOURNAL_FILES} journal files; the newest were read)",
                    path.display()
                ));
                continue;
            }
            match host.open_file(&path) {
                Ok((file, _)) => {
                    use std::os::fd::AsRawFd;
                    base = base.arg("--file").arg(format!(
                        "/proc/{}/fd/{}",
                        std::process::id(),
                        file.as_raw_fd()
                    ));
                    files.push(file);
                }
                Err(e) => skipped_files.push(e.to_string()),
            }
        }
        if files.is_empty() {
            // No file to read: journalctl with no --file would read the machine's own journal.
            base = Cmd::new("journalctl").args(["--file", "/dev/null/no-journal-files"]);
        }
        Some(JournalSource {
            base,
            display: format!("journalctl --directory {}", dir.display()),
            directory: Some(dir),
            live: false,
            _files: std::sync::Arc::new(files),
            skipped_files,
        })
    }

    /// The base command as a user would type it on the audited system (the logical
    /// directory under --root), for provenance that does not depend on where the root is.
    pub fn display(&self) -> &str {
        &self.display
    }

    /// `display -b ARGS`: a pass as a user would type it.
    pub fn shown(&self, args: &[&str]) -> String {
        let mut s = format!("{} -b", self.display);
        for a in args {
            s.push(' ');
            s.push_str(a);
        }
        s
    }

    /// `journalctl [--directory D] -b -q -o json --output-fields=... <args>`.
    pub fn query<I, S>(&self, args: I) -> Cmd
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        self.base
            .clone()
            .args(["-b", "-q", "--no-pager", "-o", "json"])
            .arg(format!("--output-fields={FIELDS}"))
            .args(args)
    }

    /// Run `cmd`, handing each decoded entry to `on_entry` (return `false` to stop).
    pub fn stream(
        &self,
        host: &Host,
        cmd: &Cmd,
        timeout: Duration,
        on_entry: &mut dyn FnMut(&Entry) -> bool,
    ) -> Result<StreamEnd, CommandError> {
        let mut on_line = |line: &[u8]| match serde_json::from_slice::<Entry>(line) {
            Ok(e) => on_entry(&e),
            Err(_) => true,
        };
        if self.live {
            host.run_live_streaming(cmd, timeout, &mut on_line)
        } else {
            host.run_offline_streaming(cmd, timeout, &mut on_line)
        }
    }
}

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

/// What the err..alert pass accumulates.
#[derive(Debug)]
struct ErrorPass {
    entries: u64,
    sources: HashMap<String, (u64, VecDeque<JournalLine>)>,
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
        if slot.1.len() == EXCERPT_PER_SOURCE {
            slot.1.pop_front();
        }
        slot.1.push_back(line);
    }

    fn noisy(&mut self) -> Vec<NoisySource> {
        let mut all: Vec<NoisySource> = self
            .sources
            .drain()
            .map(|(source, (count, excerpt))| NoisySource {
                source,
                count,
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
    cmd: &Cmd,
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
                    "{what}: stopped at the probe deadline after {entries} entries (`{cmd}`)"
                ));
            } else if entries >= cap {
                incomplete.push(format!("{what}: only the newest {cap} entries were read"));
            } else if end.code != Some(0) && end.lines == 0 {
                problems.push(format!("`{cmd}` failed: {}", end.stderr_line()));
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
            // A mounted system with no journal at all: nothing to read, and that is a fact.
            return Ok(Box::new(JournalFacts {
                source: "no /var/log/journal or /run/log/journal under the root".to_string(),
                persistent,
                directory: None,
                boot_id: None,
                error_entries: 0,
                noisy: Vec::new(),
                fs_error_count: 0,
                fs_errors: Vec::new(),
                oom_count: 0,
                oom_kills: Vec::new(),
                coredump_count: 0,
                coredumps: Vec::new(),
                units: Vec::new(),
                incomplete: Vec::new(),
                problems: Vec::new(),
                commands: Vec::new(),
            }));
        };
        let mut problems = src.skipped_files.clone();
        let mut incomplete = Vec::new();
        let mut commands = Vec::new();

        // Pass 1: the catalog messages (small: indexed by MESSAGE_ID).
        (cx.progress)("journal: unit state messages");
        let mut catalog = CatalogPass::new();
        let mut args: Vec<String> = vec!["-n".into(), MAX_CATALOG_ENTRIES.to_string()];
        for id in [
            MSG_UNIT_FAILED,
            MSG_JOB_FAILED,
            MSG_JOB_DONE,
            MSG_UNIT_SUCCESS,
            MSG_COREDUMP,
            MSG_UNIT_OOM,
        ] {
            args.push(format!("MESSAGE_ID={id}"));
        }
        let cmd = src.query(&args);
        commands.push(src.shown(&["-n", &MAX_CATALOG_ENTRIES.to_string(), "MESSAGE_ID=..."]));
        let mut n = 0u64;
        let end = src.stream(host, &cmd, budget(cx, 0.4), &mut |e| {
            n += 1;
            catalog.feed(e);
            true
        });
        note_end(
            "unit state messages",
            &cmd,
            end,
            n,
            MAX_CATALOG_ENTRIES,
            &mut problems,
            &mut incomplete,
        )?;

        // Pass 2: every err..alert entry of the boot, newest first capped.
        (cx.progress)("journal: err..alert entries");
        let mut errors = ErrorPass::new();
        let cmd = src.query([
            "-p".to_string(),
            "err..alert".to_string(),
            "-n".to_string(),
            MAX_ERROR_ENTRIES.to_string(),
        ]);
        commands.push(src.shown(&["-p", "err..alert", "-n", &MAX_ERROR_ENTRIES.to_string()]));
        let end = src.stream(host, &cmd, budget(cx, 0.9), &mut |e| {
            errors.feed(e);
            true
        });
        let read = errors.entries;
        note_end(
            "err..alert entries",
            &cmd,
            end,
            read,
            MAX_ERROR_ENTRIES,
            &mut problems,
            &mut incomplete,
        )?;

        let mut oom_kills: Vec<OomKill> = errors.oom.items.drain(..).collect();
        let oom_count = errors.oom.count + catalog.oom.len() as u64;
        oom_kills.append(&mut catalog.oom);
        oom_kills.sort_by_key(|k| k.line.time);
        let skip = oom_kills.len().saturating_sub(KEPT_EVENTS);
        oom_kills.drain(..skip);

        Ok(Box::new(JournalFacts {
            source: src.display().to_string(),
            persistent,
            directory: src.directory.clone(),
            boot_id: catalog.boot_id.clone().or(errors.boot_id.clone()),
            error_entries: errors.entries,
            noisy: errors.noisy(),
            fs_error_count: errors.fs.count,
            fs_errors: errors.fs.items.into(),
            oom_count,
            oom_kills,
            coredump_count: catalog.coredumps.count,
            coredumps: catalog.coredumps.items.into(),
            units: catalog.units.into_values().collect(),
            incomplete,
            problems,
            commands,
        }))
    }
}

/// The last `n` lines of `unit` in the newest boot: what `journalctl -b -u UNIT -n N` shows
/// (`--user-unit` for a user manager's unit). Returns the lines and the command run.
pub fn unit_excerpt(
    host: &Host,
    unit: &str,
    user: bool,
    n: usize,
    timeout: Duration,
) -> (Result<Vec<JournalLine>, String>, String) {
    let Some(src) = JournalSource::of(host) else {
        return (Err("no journal".to_string()), String::new());
    };
    let cmd = src.query([
        if user { "--user-unit" } else { "-u" },
        unit,
        "-n",
        &n.to_string(),
    ]);
    let mut lines = Vec::new();
    let end = src.stream(host, &cmd, timeout, &mut |e| {
        lines.push(e.line());
        true
    });
    let shown = src.shown(&[
        if user { "--user-unit" } else { "-u" },
        unit,
        "-n",
        &n.to_string(),
    ]);
    match end {
        Ok(end) if end.code == Some(0) || !lines.is_empty() || end.timed_out => (Ok(lines), shown),
        Ok(end) => (
            Err(format!("`{shown}` failed: {}", end.stderr_line())),
            shown,
        ),
        Err(e) => (Err(e.to_string()), shown),
    }
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
}
