//! Which journal files are read, and which boot.
//!
//! Under `--root` the files of `/var/log/journal` (or `/run/log/journal`) are opened through
//! the confined file API and handed to journalctl as `--file /proc/<pid>/fd/<n>`: journalctl
//! never resolves a path of the audited system itself (`--directory`/`--root` would, and a
//! link in the image could point it anywhere).
//!
//! Given files explicitly, journalctl 252 refuses to read *any* of them when one cannot be
//! opened ("Failed to open files: Bad message"), and `-b` finds the boot through every file's
//! hash tables, so one file with a damaged table fails the whole read ("Data from the
//! specified boot (+0) is not available"). One damaged file used to blind both the journal and
//! the units probe. So the boot is chosen first, with one `journalctl --list-boots -o json`
//! over all files; when that fails, the files are bisected with the same command to find the
//! ones journalctl cannot read (each becomes its own finding), and the rest are read with the
//! boot selected as `_BOOT_ID=<id>`, a plain match that needs no lookup. Measured behaviours
//! per kind of damage: docs/units.md and the tests in `tests/tests/journal.rs`.
//!
//! Live, plain `journalctl` reads the machine's journal as it would for the user (it skips
//! files it cannot open, warning "Journal file X is truncated, ignoring file."; those warnings
//! become the same findings), and `-b` is the running boot, taken from the kernel without a
//! lookup.

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::command::{Cmd, CommandError, StreamEnd};
use crate::fs::FileKind;
use crate::host::Host;

use super::export::ExportParser;
use super::Entry;

/// How many journal files under --root are handed to journalctl at most (each is an open
/// descriptor of the audit while journalctl runs); the newest are kept.
pub const MAX_JOURNAL_FILES: usize = 512;

/// Longest `--list-boots -o json` answer read (about 60,000 boots).
const MAX_LIST_BOOTS: usize = 8 * 1024 * 1024;

/// The journal directories, most authoritative first (journald writes to the first when it
/// exists and is persistent).
pub const JOURNAL_DIRS: &[&str] = &["/var/log/journal", "/run/log/journal"];

/// A journal file journalctl could not read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BadJournalFile {
    /// The file, as a logical path (inside the audited system under --root).
    pub path: String,
    /// What failed: journalctl's own message.
    pub error: String,
    /// How to check it by hand (`journalctl --verify --file PATH`, with the path on the
    /// machine that ran the audit).
    pub check: String,
}

/// One boot as `journalctl --list-boots -o json` lists it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct BootRow {
    /// 0 for the newest boot, -1 for the one before...
    pub index: i64,
    /// `_BOOT_ID`.
    pub boot_id: String,
    /// First entry, microseconds since the epoch.
    #[serde(default)]
    pub first_entry: Option<u64>,
    /// Last entry, microseconds since the epoch.
    #[serde(default)]
    pub last_entry: Option<u64>,
}

/// How a read picks its boot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BootSelector {
    /// `-b`: the running boot (live).
    Current,
    /// `_BOOT_ID=<id>` in every disjunct of the match expression (under --root).
    Id {
        /// The boot ID.
        id: String,
        /// Whether it is the newest boot of all the files found (then `-b` shows the same
        /// entries to a user); false when unreadable files were left out.
        newest: bool,
    },
}

impl BootSelector {
    /// The arguments selecting this boot and matching any of `disjuncts` (each a list of
    /// `FIELD=value` matches; journalctl ORs values of one field, ANDs different fields, and
    /// `+` separates alternatives). With `-b`, journalctl ANDs the boot with the whole
    /// expression; a `_BOOT_ID=` match has to be repeated in each alternative.
    pub fn args(&self, disjuncts: &[Vec<String>]) -> Vec<String> {
        let mut out = Vec::new();
        match self {
            BootSelector::Current => {
                out.push("-b".to_string());
                for (i, d) in disjuncts.iter().enumerate() {
                    if i > 0 {
                        out.push("+".to_string());
                    }
                    out.extend(d.iter().cloned());
                }
            }
            BootSelector::Id { id, .. } => {
                let boot = format!("_BOOT_ID={id}");
                if disjuncts.is_empty() {
                    out.push(boot.clone());
                }
                for (i, d) in disjuncts.iter().enumerate() {
                    if i > 0 {
                        out.push("+".to_string());
                    }
                    out.push(boot.clone());
                    out.extend(d.iter().cloned());
                }
            }
        }
        out
    }

    /// The boot option as a user would type it: `-b`, or `-b <id>` when it is not the newest.
    pub fn shown(&self) -> String {
        match self {
            BootSelector::Current | BootSelector::Id { newest: true, .. } => "-b".to_string(),
            BootSelector::Id { id, .. } => format!("-b {id}"),
        }
    }

    /// The boot ID, when it was chosen by ID.
    pub fn id(&self) -> Option<&str> {
        match self {
            BootSelector::Current => None,
            BootSelector::Id { id, .. } => Some(id),
        }
    }
}

/// An open journal file under --root.
#[derive(Debug, Clone)]
struct JournalFile {
    /// Logical path.
    path: PathBuf,
    /// `/proc/<pid>/fd/<n>`.
    arg: String,
    /// Kept open while journalctl reads it.
    _file: Arc<std::fs::File>,
}

/// Where the journal of the target is: the files (under --root) or the machine's journal
/// (live).
#[derive(Debug, Clone)]
pub struct JournalSource {
    /// The base command as shown to users (logical directory, no output options).
    display: String,
    /// The logical directory read under --root.
    pub directory: Option<PathBuf>,
    live: bool,
    files: Vec<JournalFile>,
    /// Journal files found but not handed over (over [`MAX_JOURNAL_FILES`], or unreadable
    /// through the confined API), as messages.
    pub skipped_files: Vec<String>,
}

impl JournalSource {
    /// The target's journal: live, `journalctl`; under --root, the journal files of
    /// `<root>/var/log/journal` (or, when it has none, a volatile `/run/log/journal` left in
    /// the image): the directory and its machine-id subdirectories, as `journalctl
    /// --directory` would pick them, opened confined. `None` under --root when neither
    /// directory holds a journal file.
    pub fn of(host: &Host) -> Option<JournalSource> {
        if host.is_live() {
            return Some(JournalSource {
                display: "journalctl".to_string(),
                directory: None,
                live: true,
                files: Vec::new(),
                skipped_files: Vec::new(),
            });
        }
        let mut skipped_files = Vec::new();
        let (dir, mut found) = JOURNAL_DIRS.iter().map(PathBuf::from).find_map(|dir| {
            if !host.is_dir(&dir) {
                return None;
            }
            let walk = host.walk(&dir, 2, 100_000);
            skipped_files.extend(walk.errors.iter().map(ToString::to_string));
            let files: Vec<(i64, PathBuf)> = walk
                .entries
                .into_iter()
                .filter(|(path, kind)| *kind == FileKind::File && is_journal_name(path))
                .map(|(path, _)| {
                    let mtime = host.symlink_metadata(&path).map_or(0, |m| m.mtime_sec);
                    (mtime, path)
                })
                .collect();
            (!files.is_empty()).then_some((dir, files))
        })?;
        // Newest first, so a cap drops the oldest files.
        found.sort_by(|a, b| b.cmp(a));
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
                    let arg = format!("/proc/{}/fd/{}", std::process::id(), file.as_raw_fd());
                    files.push(JournalFile {
                        path,
                        arg,
                        _file: Arc::new(file),
                    });
                }
                Err(e) => skipped_files.push(e.to_string()),
            }
        }
        Some(JournalSource {
            display: format!("journalctl --directory {}", dir.display()),
            directory: Some(dir),
            live: false,
            files,
            skipped_files,
        })
    }

    /// Whether this is the live machine's journal.
    pub fn is_live(&self) -> bool {
        self.live
    }

    /// How many files are handed to journalctl (0 live).
    pub fn file_count(&self) -> usize {
        self.files.len()
    }

    /// This source without the files at the logical `paths`.
    pub fn without(&self, paths: &[String]) -> JournalSource {
        let mut out = self.clone();
        out.files
            .retain(|f| !paths.iter().any(|p| Path::new(p) == f.path));
        out
    }

    /// `journalctl` with the files at `which` (all when `None`).
    fn base(&self, which: Option<&[usize]>) -> Cmd {
        let mut cmd = Cmd::new("journalctl");
        if self.live {
            return cmd;
        }
        let picked: Vec<&JournalFile> = match which {
            Some(idx) => idx.iter().filter_map(|i| self.files.get(*i)).collect(),
            None => self.files.iter().collect(),
        };
        if picked.is_empty() {
            // No file: journalctl with no --file would read the machine's own journal.
            return cmd.args(["--file", "/dev/null/no-journal-files"]);
        }
        for f in picked {
            cmd = cmd.arg("--file").arg(&f.arg);
        }
        cmd
    }

    /// The base command as a user would type it on the audited system (the logical
    /// directory under --root), for provenance that does not depend on where the root is.
    pub fn display(&self) -> &str {
        &self.display
    }

    /// `display BOOT ARGS`: a read as a user would type it.
    pub fn shown(&self, boot: &BootSelector, args: &[&str]) -> String {
        let mut s = format!("{} {}", self.display, boot.shown());
        for a in args {
            s.push(' ');
            s.push_str(a);
        }
        s
    }

    /// `journalctl [--file ...] -q --no-pager -o json <args>` (the caller selects the boot).
    pub fn query<I, S>(&self, args: I) -> Cmd
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        self.base(None)
            .args(["-q", "--no-pager", "-o", "json"])
            .args(args)
    }

    /// `journalctl [--file ...] -q --no-pager -o export <args>`, for [`JournalSource::stream_export`].
    pub fn query_export<I, S>(&self, args: I) -> Cmd
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        self.base(None)
            .args(["-q", "--no-pager", "-o", "export"])
            .args(args)
    }

    /// Run an export `cmd` ([`JournalSource::query_export`]), handing each parsed entry to
    /// `on_entry` (return `false` to stop). `StreamEnd::lines` is the number of entries; the
    /// second value says why the output stopped making sense, if it did.
    pub fn stream_export(
        &self,
        host: &Host,
        cmd: &Cmd,
        timeout: Duration,
        on_entry: &mut dyn FnMut(&Entry) -> bool,
    ) -> Result<(StreamEnd, Option<String>), CommandError> {
        let mut parser = ExportParser::new();
        let mut end = {
            let mut on_chunk = |chunk: &[u8]| parser.feed(chunk, on_entry);
            if self.live {
                host.run_live_streaming_chunks(cmd, timeout, &mut on_chunk)?
            } else {
                host.run_offline_streaming_chunks(cmd, timeout, &mut on_chunk)?
            }
        };
        if !end.timed_out && !end.stopped {
            parser.finish(on_entry);
        }
        end.lines = parser.entries;
        Ok((end, parser.broken))
    }

    /// Run a JSON `cmd` ([`JournalSource::query`]), handing each decoded entry to `on_entry`
    /// (return `false` to stop).
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

    /// `journalctl --list-boots -o json` over the files at `which`.
    fn list_boots(
        &self,
        host: &Host,
        which: Option<&[usize]>,
        timeout: Duration,
    ) -> Result<Vec<BootRow>, ListError> {
        let cmd = self
            .base(which)
            .args(["--list-boots", "-o", "json", "-q", "--no-pager"])
            .max_output(MAX_LIST_BOOTS);
        let out = if self.live {
            host.run_live(&cmd, timeout)
        } else {
            host.run_offline(&cmd, timeout)
        }
        .map_err(|e| match e {
            CommandError::NotFound { program } => ListError::NotFound(program),
            CommandError::Timeout { after, .. } => ListError::Failed(format!(
                "journalctl did not finish within {}s",
                after.as_secs_f32()
            )),
            other => ListError::Failed(other.to_string()),
        })?;
        if !out.success() {
            let why = out.stderr_line();
            return Err(ListError::Failed(if why.is_empty() {
                format!("journalctl exited with {:?}", out.code)
            } else {
                why
            }));
        }
        if out.truncated {
            return Err(ListError::Failed(format!(
                "more than {} MiB of boots listed",
                MAX_LIST_BOOTS >> 20
            )));
        }
        let text = out.stdout_text();
        if text.trim().is_empty() {
            // "No journal files were found." (said only without -o json).
            return Ok(Vec::new());
        }
        serde_json::from_str(text.trim())
            .map_err(|e| ListError::Failed(format!("unexpected --list-boots JSON: {e}")))
    }
}

/// Whether a file name is a journal file journalctl reads (`*.journal`, or `*.journal~` for
/// one journald renamed after finding it dirty).
fn is_journal_name(path: &Path) -> bool {
    path.file_name()
        .map(|n| n.to_string_lossy())
        .is_some_and(|n| n.ends_with(".journal") || n.ends_with(".journal~"))
}

/// Why `--list-boots` gave no list.
#[derive(Debug, Clone, PartialEq, Eq)]
enum ListError {
    /// journalctl is not installed.
    NotFound(String),
    /// It failed, or said something unexpected.
    Failed(String),
}

impl std::fmt::Display for ListError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ListError::NotFound(p) => write!(f, "`{p}` is not installed"),
            ListError::Failed(why) => f.write_str(why),
        }
    }
}

/// The boot chosen for the reads, the source without the files journalctl cannot read, and
/// what went wrong on the way.
#[derive(Debug)]
pub struct BootChoice {
    /// The files to read (the unreadable ones left out).
    pub source: JournalSource,
    /// How the reads select the boot; `None` when no readable file holds an entry.
    pub boot: Option<BootSelector>,
    /// Files journalctl cannot read.
    pub bad_files: Vec<BadJournalFile>,
    /// Other failures, as `command: why`.
    pub problems: Vec<String>,
    /// Commands run (as a user would type them).
    pub commands: Vec<String>,
    /// The program that is not installed, when journalctl could not be run at all.
    pub missing: Option<String>,
    /// The boots `--list-boots` listed (of the readable files); empty when it failed.
    pub rows: Vec<BootRow>,
}

/// Choose the boot the journal and units probes read. Live: the running one (`-b`), after one
/// `journalctl --list-boots` that tells whether there is a journal at all (`boot: None` when
/// journalctl finds no journal file). Under --root: the newest boot of the files journalctl
/// can read, found as the module documentation says; every run stops at `deadline`.
pub fn choose_boot(host: &Host, source: JournalSource, deadline: Instant) -> BootChoice {
    let mut choice = BootChoice {
        boot: None,
        bad_files: Vec::new(),
        problems: Vec::new(),
        commands: vec![format!("{} --list-boots -o json", source.display())],
        missing: None,
        rows: Vec::new(),
        source,
    };
    let left = || deadline.saturating_duration_since(Instant::now());
    let all = choice.source.list_boots(host, None, left());
    if let Err(ListError::NotFound(program)) = &all {
        choice.missing = Some(program.clone());
        return choice;
    }
    if choice.source.is_live() {
        match all {
            Ok(rows) if rows.is_empty() => {}
            Ok(rows) => {
                choice.rows = rows;
                choice.boot = Some(BootSelector::Current);
            }
            Err(why) => {
                // `-b` live needs no lookup, so the read still works.
                choice.problems.push(format!(
                    "`journalctl --list-boots` failed: {why} (a journal file may be damaged: \
                     `journalctl --verify` names it)"
                ));
                choice.boot = Some(BootSelector::Current);
            }
        }
        return choice;
    }
    let (rows, newest) = match all {
        Ok(rows) => (rows, true),
        Err(why) => {
            let all: Vec<usize> = (0..choice.source.file_count()).collect();
            let mut bad = Vec::new();
            let mut unchecked = Vec::new();
            bisect(
                host,
                &choice.source,
                &all,
                deadline,
                &mut bad,
                &mut unchecked,
            );
            let mut left_out: Vec<String> = Vec::new();
            for (i, error) in bad {
                if let Some(f) = choice.source.files.get(i) {
                    let path = f.path.display().to_string();
                    choice.bad_files.push(BadJournalFile {
                        check: verify_command(host, &f.path),
                        path: path.clone(),
                        error,
                    });
                    left_out.push(path);
                }
            }
            for i in unchecked {
                if let Some(f) = choice.source.files.get(i) {
                    choice.problems.push(format!(
                        "{}: not read (the probe's time ran out before journalctl could check it)",
                        f.path.display()
                    ));
                    left_out.push(f.path.display().to_string());
                }
            }
            if choice.bad_files.is_empty() {
                choice.problems.push(format!(
                    "`{} --list-boots` failed: {why}",
                    choice.source.display()
                ));
                return choice;
            }
            choice.source = choice.source.without(&left_out);
            if choice.source.file_count() == 0 {
                return choice;
            }
            match choice.source.list_boots(host, None, left()) {
                Ok(rows) => (rows, false),
                Err(why) => {
                    choice.problems.push(format!(
                        "`{} --list-boots` failed even without the unreadable files: {why}",
                        choice.source.display()
                    ));
                    return choice;
                }
            }
        }
    };
    choice.boot = rows
        .iter()
        .max_by_key(|r| (r.index, r.last_entry))
        .map(|r| BootSelector::Id {
            id: r.boot_id.clone(),
            newest,
        });
    choice.rows = rows;
    choice
}

/// Find the files at `idx` that journalctl cannot read on their own: a set it reads is
/// fine as a whole, a single file it cannot read is bad, any other set is split in two. One
/// bad file among n costs about 2·log2(n) runs of `--list-boots`.
fn bisect(
    host: &Host,
    source: &JournalSource,
    idx: &[usize],
    deadline: Instant,
    bad: &mut Vec<(usize, String)>,
    unchecked: &mut Vec<usize>,
) {
    if idx.is_empty() {
        return;
    }
    let left = deadline.saturating_duration_since(Instant::now());
    if left.is_zero() {
        unchecked.extend_from_slice(idx);
        return;
    }
    match source.list_boots(host, Some(idx), left.min(Duration::from_secs(10))) {
        Ok(_) => {}
        Err(why) if idx.len() == 1 => bad.push((idx[0], why.to_string())),
        Err(_) => {
            let (a, b) = idx.split_at(idx.len() / 2);
            bisect(host, source, a, deadline, bad, unchecked);
            bisect(host, source, b, deadline, bad, unchecked);
        }
    }
}

/// `journalctl --verify --file PATH`, with the path where the file lies on the machine that
/// ran the audit (the logical path live).
fn verify_command(host: &Host, logical: &Path) -> String {
    format!(
        "journalctl --verify --file {}",
        host.display_path(logical).display()
    )
}

/// The files journalctl skipped, from its warnings on standard error (live reads of the
/// journal directories): "Journal file X is truncated, ignoring file.", "Journal file X
/// corrupted, ignoring file.", "Journal file X uses an unsupported feature, ignoring file."
pub fn ignored_files(host: &Host, stderr: &[u8]) -> Vec<BadJournalFile> {
    const REASONS: &[&str] = &[
        " is truncated",
        " corrupted",
        " uses an unsupported feature",
        " has ",
        " is ",
    ];
    let text = String::from_utf8_lossy(stderr);
    let mut out: Vec<BadJournalFile> = Vec::new();
    for line in text.lines() {
        let Some(rest) = line.trim().strip_prefix("Journal file ") else {
            continue;
        };
        let Some(what) = rest.strip_suffix(", ignoring file.") else {
            continue;
        };
        let (path, why) = REASONS
            .iter()
            .find_map(|r| what.find(r).map(|at| (&what[..at], what[at..].trim())))
            .unwrap_or((what, "cannot be read"));
        if out.iter().any(|b| b.path == path) {
            continue;
        }
        out.push(BadJournalFile {
            path: path.to_string(),
            error: format!("journalctl: {why}, ignoring file"),
            check: verify_command(host, Path::new(path)),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boot_selection_repeats_the_boot_match_in_every_alternative() {
        let d = vec![
            vec!["PRIORITY=1".to_string(), "PRIORITY=2".to_string()],
            vec!["MESSAGE_ID=x".to_string()],
        ];
        assert_eq!(
            BootSelector::Current.args(&d),
            ["-b", "PRIORITY=1", "PRIORITY=2", "+", "MESSAGE_ID=x"]
        );
        let id = BootSelector::Id {
            id: "b1".into(),
            newest: false,
        };
        assert_eq!(
            id.args(&d),
            [
                "_BOOT_ID=b1",
                "PRIORITY=1",
                "PRIORITY=2",
                "+",
                "_BOOT_ID=b1",
                "MESSAGE_ID=x"
            ]
        );
        assert_eq!(id.args(&[]), ["_BOOT_ID=b1"]);
        assert_eq!(id.shown(), "-b b1");
        let newest = BootSelector::Id {
            id: "b1".into(),
            newest: true,
        };
        assert_eq!(newest.shown(), "-b");
    }

    #[test]
    fn journalctl_warnings_name_the_skipped_files() {
        let host = Host::live(
            Arc::new(crate::command::SystemRunner),
            Default::default(),
            chrono::Utc::now(),
        )
        .unwrap();
        let stderr =
            b"Journal file /var/log/journal/m/system@a.journal~ is truncated, ignoring file.\n\
Journal file /var/log/journal/m/b.journal corrupted, ignoring file.\n\
Journal file /run/log/journal/m/c.journal uses an unsupported feature, ignoring file.\n\
Use SYSTEMD_LOG_LEVEL=debug journalctl --file=/run/log/journal/m/c.journal to see the details.\n";
        let bad = ignored_files(&host, stderr);
        let paths: Vec<&str> = bad.iter().map(|b| b.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "/var/log/journal/m/system@a.journal~",
                "/var/log/journal/m/b.journal",
                "/run/log/journal/m/c.journal"
            ]
        );
        assert_eq!(bad[0].error, "journalctl: is truncated, ignoring file");
        assert_eq!(
            bad[1].check,
            "journalctl --verify --file /var/log/journal/m/b.journal"
        );
    }

    #[test]
    fn list_boots_json_parses() {
        let rows: Vec<BootRow> = serde_json::from_str(
            r#"[{"index":-1,"boot_id":"11","first_entry":1,"last_entry":2},{"index":0,"boot_id":"84","first_entry":3,"last_entry":4}]"#,
        )
        .unwrap();
        assert_eq!(rows[1].boot_id, "84");
        assert_eq!(rows[0].index, -1);
    }
}
