//! Running external tools: a typed argv builder, and a runner with a hard deadline.
//!
//! The audit prefers files and the Nix DB; where it must ask a tool (`nix --version`,
//! `journalctl`, `systemctl`), the command is built as an argv (never a shell string), run with
//! stdin closed, its output capped, and killed with its whole process group when the deadline
//! passes, so a hung tool costs one probe its timeout and nothing more. The command line is kept
//! so facts can name their provenance.

use std::ffi::{OsStr, OsString};
use std::fmt;
use std::io::Read;
use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A command to run: program, arguments and extra environment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cmd {
    program: OsString,
    args: Vec<OsString>,
    env: Vec<(OsString, OsString)>,
    max_output: usize,
}

impl Cmd {
    /// A command running `program` (looked up on `PATH` unless it contains a slash).
    pub fn new(program: impl AsRef<OsStr>) -> Self {
        Cmd {
            program: program.as_ref().to_owned(),
            args: Vec::new(),
            env: Vec::new(),
            max_output: 16 * 1024 * 1024,
        }
    }

    /// Append one argument.
    pub fn arg(mut self, arg: impl AsRef<OsStr>) -> Self {
        self.args.push(arg.as_ref().to_owned());
        self
    }

    /// Append several arguments.
    pub fn args<I, S>(mut self, args: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.args
            .extend(args.into_iter().map(|a| a.as_ref().to_owned()));
        self
    }

    /// Set an environment variable for the child.
    pub fn env(mut self, key: impl AsRef<OsStr>, value: impl AsRef<OsStr>) -> Self {
        self.env
            .push((key.as_ref().to_owned(), value.as_ref().to_owned()));
        self
    }

    /// Cap how many bytes of stdout (and of stderr) are kept; the rest is read and dropped.
    pub fn max_output(mut self, bytes: usize) -> Self {
        self.max_output = bytes;
        self
    }

    /// The program.
    pub fn program(&self) -> &OsStr {
        &self.program
    }

    /// The arguments.
    pub fn get_args(&self) -> &[OsString] {
        &self.args
    }
}

fn shell_quote(s: &OsStr) -> String {
    let s = s.to_string_lossy();
    if !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./=:,+@%".contains(c))
    {
        s.into_owned()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

impl fmt::Display for Cmd {
    /// The command as a user would type it (shell-quoted), for provenance and error rows.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&shell_quote(&self.program))?;
        for a in &self.args {
            write!(f, " {}", shell_quote(a))?;
        }
        Ok(())
    }
}

/// What a finished command produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CmdOutput {
    /// Exit code (`None` when killed by a signal).
    pub code: Option<i32>,
    /// Standard output, capped.
    pub stdout: Vec<u8>,
    /// Standard error, capped.
    pub stderr: Vec<u8>,
    /// Whether either stream was cut at the cap.
    pub truncated: bool,
}

impl CmdOutput {
    /// Whether the command exited with status 0.
    pub fn success(&self) -> bool {
        self.code == Some(0)
    }

    /// Standard output as (lossy) UTF-8.
    pub fn stdout_text(&self) -> String {
        String::from_utf8_lossy(&self.stdout).into_owned()
    }

    /// The first line of standard error, for error messages.
    pub fn stderr_line(&self) -> String {
        String::from_utf8_lossy(&self.stderr)
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("")
            .trim()
            .to_string()
    }
}

/// Most lines of a command's standard error kept as evidence ([`CmdOutput::stderr_evidence`]).
pub const STDERR_LINES: usize = 20;

/// Longest line of standard error kept as evidence, in characters (the rest is cut with `...`).
pub const STDERR_LINE_CHARS: usize = 300;

/// What a command printed on standard error, as evidence for the report: the command line and
/// its non-empty lines, each made one safe line (control characters and escape sequences
/// replaced, see [`nixbtw_contracts::text::one_line`]) and cut at [`STDERR_LINE_CHARS`], at
/// most [`STDERR_LINES`] of them.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CmdStderr {
    /// The command as a user would type it.
    pub command: String,
    /// Its exit code (`None` when killed).
    pub code: Option<i32>,
    /// The first lines, sanitized.
    pub lines: Vec<String>,
    /// Lines left out after [`STDERR_LINES`].
    pub more: usize,
}

impl CmdOutput {
    /// What `cmd` printed on standard error, bounded and sanitized; `None` when nothing.
    /// Probes that ask Nix something keep this in their facts, so Nix's warnings reach the
    /// report as evidence instead of being dropped (or printed on the terminal).
    pub fn stderr_evidence(&self, cmd: &Cmd) -> Option<CmdStderr> {
        let text = String::from_utf8_lossy(&self.stderr);
        let all: Vec<String> = text
            .lines()
            .map(nixbtw_contracts::text::one_line)
            .filter(|l| !l.is_empty())
            .collect();
        if all.is_empty() {
            return None;
        }
        let more = all.len().saturating_sub(STDERR_LINES);
        Some(CmdStderr {
            command: cmd.to_string(),
            code: self.code,
            lines: all
                .into_iter()
                .take(STDERR_LINES)
                .map(|l| nixbtw_contracts::text::cut(&l, STDERR_LINE_CHARS))
                .collect(),
            more,
        })
    }
}

/// Why a command could not give an answer.
#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    /// The program is not installed (or not on `PATH`).
    #[error("`{program}` not found")]
    NotFound {
        /// The program.
        program: String,
    },
    /// The program could not be started.
    #[error("could not run `{cmd}`: {source}")]
    Spawn {
        /// The command line.
        cmd: String,
        /// The OS error.
        source: std::io::Error,
    },
    /// The program did not finish in time and was killed.
    #[error("`{cmd}` did not finish within {}s and was killed", after.as_secs_f32())]
    Timeout {
        /// The command line.
        cmd: String,
        /// The deadline it ran into.
        after: Duration,
    },
    /// Live commands are not run against a `--root` target.
    #[error("`{cmd}` is not run when auditing a mounted root")]
    NotLive {
        /// The command line.
        cmd: String,
    },
}

/// How a streamed command ended (see [`CommandRunner::run_streaming`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StreamEnd {
    /// Exit code (`None` when killed, by the deadline, by an early stop, or by a signal).
    pub code: Option<i32>,
    /// Standard error, capped.
    pub stderr: Vec<u8>,
    /// Lines handed to the callback.
    pub lines: u64,
    /// The deadline passed: the tool was killed and the lines read so far are all there is.
    pub timed_out: bool,
    /// The callback asked to stop: the tool was killed.
    pub stopped: bool,
}

impl StreamEnd {
    /// The first line of standard error, for error messages.
    pub fn stderr_line(&self) -> String {
        String::from_utf8_lossy(&self.stderr)
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("")
            .trim()
            .to_string()
    }
}

/// The callback of a streamed run: gets each stdout line (without its newline); returns
/// `false` to stop the tool early.
pub type OnLine<'a> = &'a mut dyn FnMut(&[u8]) -> bool;

/// The callback of a byte-streamed run: gets stdout in chunks as it arrives; returns `false`
/// to stop the tool early.
pub type OnChunk<'a> = &'a mut dyn FnMut(&[u8]) -> bool;

/// Runs commands. Injected through [`crate::Host`], so tests can count, refuse or replace runs.
pub trait CommandRunner: Send + Sync + fmt::Debug {
    /// Run `cmd`, waiting at most `timeout`.
    fn run(&self, cmd: &Cmd, timeout: Duration) -> Result<CmdOutput, CommandError>;

    /// Run `cmd` and hand its stdout to `on_chunk` as it arrives, in chunks of any size, for
    /// output that is not line-oriented (journalctl's export format, whose binary fields hold
    /// newlines): the caller parses and bounds what it keeps. Same deadline and stop rules as
    /// [`CommandRunner::run_streaming`]; `StreamEnd::lines` counts chunks. The default buffers
    /// through [`CommandRunner::run`] (fine for fakes).
    fn run_streaming_chunks(
        &self,
        cmd: &Cmd,
        timeout: Duration,
        on_chunk: OnChunk<'_>,
    ) -> Result<StreamEnd, CommandError> {
        let out = self.run(cmd, timeout)?;
        let any = !out.stdout.is_empty();
        let stopped = any && !on_chunk(&out.stdout);
        Ok(StreamEnd {
            code: out.code,
            stderr: out.stderr,
            lines: u64::from(any),
            timed_out: false,
            stopped,
        })
    }

    /// Run `cmd` and hand its stdout to `on_line` line by line as it arrives, so a tool that
    /// prints gigabytes (journalctl on a big journal) costs one line of memory. At the
    /// deadline the tool is killed and the run ends normally with `timed_out` set: callers keep
    /// what they read. The default buffers through [`CommandRunner::run`] (fine for fakes).
    fn run_streaming(
        &self,
        cmd: &Cmd,
        timeout: Duration,
        on_line: OnLine<'_>,
    ) -> Result<StreamEnd, CommandError> {
        let out = self.run(cmd, timeout)?;
        let mut lines = 0;
        let mut stopped = false;
        for line in out.stdout.split(|b| *b == b'\n') {
            if line.is_empty() {
                continue;
            }
            lines += 1;
            if !on_line(line) {
                stopped = true;
                break;
            }
        }
        Ok(StreamEnd {
            code: out.code,
            stderr: out.stderr,
            lines,
            timed_out: false,
            stopped,
        })
    }
}

/// The real runner: spawns processes in their own process group.
#[derive(Debug, Default, Clone)]
pub struct SystemRunner;

fn drain(
    mut r: impl Read + Send + 'static,
    cap: usize,
) -> std::thread::JoinHandle<(Vec<u8>, bool)> {
    std::thread::spawn(move || {
        let mut kept = Vec::new();
        let mut buf = [0u8; 64 * 1024];
        let mut truncated = false;
        loop {
            match r.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    let room = cap.saturating_sub(kept.len());
                    if n > room {
                        truncated = true;
                    }
                    kept.extend_from_slice(&buf[..n.min(room)]);
                }
            }
        }
        (kept, truncated)
    })
}

impl CommandRunner for SystemRunner {
    fn run(&self, cmd: &Cmd, timeout: Duration) -> Result<CmdOutput, CommandError> {
        let mut child = spawn(cmd)?;
        let out = child.stdout.take().map(|s| drain(s, cmd.max_output));
        let err = child.stderr.take().map(|s| drain(s, cmd.max_output));
        let started = Instant::now();
        let status = loop {
            match child.try_wait() {
                Ok(Some(status)) => break Some(status),
                Ok(None) if started.elapsed() >= timeout => break None,
                Ok(None) => std::thread::sleep(Duration::from_millis(5)),
                Err(_) => break None,
            }
        };
        let Some(status) = status else {
            // Kill the whole group: the tool may have forked helpers that hold our pipes.
            kill_group(child.id());
            let _ = child.kill();
            let _ = child.wait();
            return Err(CommandError::Timeout {
                cmd: cmd.to_string(),
                after: timeout,
            });
        };
        let (stdout, t1) = out.and_then(|h| h.join().ok()).unwrap_or_default();
        let (stderr, t2) = err.and_then(|h| h.join().ok()).unwrap_or_default();
        Ok(CmdOutput {
            code: status.code(),
            stdout,
            stderr,
            truncated: t1 || t2,
        })
    }

    fn run_streaming(
        &self,
        cmd: &Cmd,
        timeout: Duration,
        on_line: OnLine<'_>,
    ) -> Result<StreamEnd, CommandError> {
        SystemRunner::stream(cmd, timeout, on_line)
    }

    fn run_streaming_chunks(
        &self,
        cmd: &Cmd,
        timeout: Duration,
        on_chunk: OnChunk<'_>,
    ) -> Result<StreamEnd, CommandError> {
        SystemRunner::stream_chunks(cmd, timeout, on_chunk)
    }
}

/// Longest stdout line handed to a streaming callback; the rest of a longer line is dropped
/// (journalctl prints one entry per line, and no excerpt needs a megabyte).
const MAX_STREAM_LINE: usize = 1024 * 1024;

/// Variables of the audit's own environment that a child keeps; everything else is dropped.
/// What a child may read from the environment is chosen here, not by whoever started the
/// audit: no `NIX_CONFIG`, `NIX_USER_CONF_FILES`, `XDG_CONFIG_*`, `LD_*`, `GIT_*`, pager or
/// editor variables reach a tool, and `HOME` points nowhere, so a user's own configuration
/// (`~/.config/nix/nix.conf` with `plugin-files`, say) never configures a program run as root.
const KEPT_ENV: &[&str] = &["PATH", "TZ", "LANG", "LC_ALL", "LC_CTYPE", "LC_MESSAGES"];

/// The environment every child gets besides [`KEPT_ENV`] (a command's own `env` wins).
const FIXED_ENV: &[(&str, &str)] = &[
    ("HOME", "/nonexistent"),
    // Nix: read no per-user configuration file.
    ("NIX_USER_CONF_FILES", ""),
    // systemd tools: never start a pager, never colour.
    ("SYSTEMD_PAGER", "cat"),
    ("SYSTEMD_COLORS", "0"),
];

/// Start `cmd` with stdin closed, stdout and stderr piped, in its own process group (so a
/// timeout can kill everything it forked), with a clean environment ([`KEPT_ENV`],
/// [`FIXED_ENV`], then the command's own variables).
fn spawn(cmd: &Cmd) -> Result<std::process::Child, CommandError> {
    let mut command = Command::new(&cmd.program);
    command
        .args(&cmd.args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0)
        .env_clear();
    for key in KEPT_ENV {
        if let Some(v) = std::env::var_os(key) {
            command.env(key, v);
        }
    }
    for (k, v) in FIXED_ENV {
        command.env(k, v);
    }
    for (k, v) in &cmd.env {
        command.env(k, v);
    }
    command.spawn().map_err(|e| spawn_error(cmd, e))
}

fn spawn_error(cmd: &Cmd, e: std::io::Error) -> CommandError {
    match e.kind() {
        std::io::ErrorKind::NotFound => CommandError::NotFound {
            program: cmd.program.to_string_lossy().into_owned(),
        },
        _ => CommandError::Spawn {
            cmd: cmd.to_string(),
            source: e,
        },
    }
}

/// SIGKILL the process group of `pid` (a child started in its own group). A pid that does not
/// fit a positive `pid_t` is ignored: `killpg(0)` would kill the audit's own group.
fn kill_group(pid: u32) {
    let pgid = nix::unistd::Pid::from_raw(i32::try_from(pid).unwrap_or(0));
    if pgid.as_raw() > 0 {
        let _ = nix::sys::signal::killpg(pgid, nix::sys::signal::Signal::SIGKILL);
    }
}

impl SystemRunner {
    /// The streaming run proper: a watchdog thread kills the process group at the deadline
    /// (which ends the blocking read with EOF), the current thread hands stdout to `on_chunk`
    /// as it arrives.
    fn stream_chunks(
        cmd: &Cmd,
        timeout: Duration,
        on_chunk: OnChunk<'_>,
    ) -> Result<StreamEnd, CommandError> {
        use std::sync::atomic::{AtomicBool, Ordering};
        use std::sync::{mpsc, Arc};

        let mut child = spawn(cmd)?;
        let pid = child.id();
        let err = child.stderr.take().map(|s| drain(s, cmd.max_output));
        let fired = Arc::new(AtomicBool::new(false));
        let (done_tx, done_rx) = mpsc::channel::<()>();
        let watchdog = {
            let fired = Arc::clone(&fired);
            std::thread::spawn(move || {
                if let Err(mpsc::RecvTimeoutError::Timeout) = done_rx.recv_timeout(timeout) {
                    fired.store(true, Ordering::SeqCst);
                    kill_group(pid);
                }
            })
        };
        let mut chunks = 0u64;
        let mut stopped = false;
        if let Some(mut stdout) = child.stdout.take() {
            let mut buf = vec![0u8; 256 * 1024];
            loop {
                match stdout.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        chunks += 1;
                        if !on_chunk(&buf[..n]) {
                            stopped = true;
                            kill_group(pid);
                            break;
                        }
                    }
                }
            }
        }
        let status = child.wait().ok();
        let _ = done_tx.send(());
        let _ = watchdog.join();
        let (stderr, _) = err.and_then(|h| h.join().ok()).unwrap_or_default();
        let timed_out = fired.load(Ordering::SeqCst);
        Ok(StreamEnd {
            code: if timed_out || stopped {
                None
            } else {
                status.and_then(|s| s.code())
            },
            stderr,
            lines: chunks,
            timed_out,
            stopped,
        })
    }

    /// Line by line over [`SystemRunner::stream_chunks`]: lines are cut at
    /// [`MAX_STREAM_LINE`]; a last line without a newline is handed over too, unless the
    /// deadline cut it.
    fn stream(
        cmd: &Cmd,
        timeout: Duration,
        on_line: OnLine<'_>,
    ) -> Result<StreamEnd, CommandError> {
        let mut line: Vec<u8> = Vec::new();
        let mut lines = 0u64;
        let mut end = {
            let mut on_chunk = |mut chunk: &[u8]| -> bool {
                while !chunk.is_empty() {
                    let room = MAX_STREAM_LINE.saturating_sub(line.len());
                    match chunk.iter().position(|b| *b == b'\n') {
                        Some(i) => {
                            line.extend_from_slice(&chunk[..i.min(room)]);
                            chunk = &chunk[i + 1..];
                            if !line.is_empty() {
                                lines += 1;
                                if !on_line(&line) {
                                    return false;
                                }
                            }
                            line.clear();
                        }
                        None => {
                            line.extend_from_slice(&chunk[..chunk.len().min(room)]);
                            chunk = &[];
                        }
                    }
                }
                true
            };
            Self::stream_chunks(cmd, timeout, &mut on_chunk)?
        };
        if !end.stopped && !end.timed_out && !line.is_empty() {
            lines += 1;
            if !on_line(&line) {
                end.stopped = true;
                end.code = None;
            }
        }
        end.lines = lines;
        Ok(end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_quotes_like_a_shell() {
        let c = Cmd::new("journalctl").args(["-u", "a b", "it's"]);
        assert_eq!(c.to_string(), "journalctl -u 'a b' 'it'\\''s'");
    }

    #[test]
    fn runs_and_captures() {
        let out = SystemRunner
            .run(
                &Cmd::new("sh").args(["-c", "echo hi; echo err >&2; exit 3"]),
                Duration::from_secs(10),
            )
            .unwrap();
        assert_eq!(out.code, Some(3));
        assert_eq!(out.stdout_text(), "hi\n");
        assert_eq!(out.stderr_line(), "err");
    }

    #[test]
    fn missing_program_is_not_found() {
        let e = SystemRunner
            .run(&Cmd::new("/nonexistent/tool"), Duration::from_secs(1))
            .unwrap_err();
        assert!(matches!(e, CommandError::NotFound { .. }), "{e}");
    }

    #[test]
    fn hung_command_is_killed_with_its_children() {
        // The child forks a grandchild that keeps the pipe open; both must die.
        let e = SystemRunner
            .run(
                &Cmd::new("sh").args(["-c", "sleep 30 & sleep 30"]),
                Duration::from_millis(300),
            )
            .unwrap_err();
        assert!(matches!(e, CommandError::Timeout { .. }), "{e}");
    }

    #[test]
    fn streams_lines_as_they_come() {
        let mut seen = Vec::new();
        let end = SystemRunner
            .run_streaming(
                &Cmd::new("sh").args(["-c", "printf 'a\\nbb\\n\\nccc'; echo oops >&2; exit 4"]),
                Duration::from_secs(10),
                &mut |l| {
                    seen.push(String::from_utf8_lossy(l).into_owned());
                    true
                },
            )
            .unwrap();
        assert_eq!(seen, ["a", "bb", "ccc"]);
        assert_eq!(end.code, Some(4));
        assert_eq!(end.lines, 3);
        assert_eq!(end.stderr_line(), "oops");
        assert!(!end.timed_out && !end.stopped);
    }

    #[test]
    fn streaming_stops_when_asked() {
        let mut n = 0;
        let end = SystemRunner
            .run_streaming(
                &Cmd::new("sh").args(["-c", "yes line"]),
                Duration::from_secs(30),
                &mut |_| {
                    n += 1;
                    n < 1000
                },
            )
            .unwrap();
        assert!(end.stopped);
        assert_eq!(n, 1000);
    }

    #[test]
    fn streaming_keeps_what_it_read_at_the_deadline() {
        let mut seen = Vec::new();
        let end = SystemRunner
            .run_streaming(
                &Cmd::new("sh").args(["-c", "echo first; sleep 30 & sleep 30"]),
                Duration::from_millis(300),
                &mut |l| {
                    seen.push(l.to_vec());
                    true
                },
            )
            .unwrap();
        assert!(end.timed_out);
        assert_eq!(seen, [b"first".to_vec()]);
    }

    #[test]
    fn streams_bytes_with_newlines_and_nul_as_they_are() {
        let mut seen = Vec::new();
        let end = SystemRunner
            .run_streaming_chunks(
                &Cmd::new("sh").args(["-c", "printf 'a\\nb\\000c'; exit 3"]),
                Duration::from_secs(10),
                &mut |c| {
                    seen.extend_from_slice(c);
                    true
                },
            )
            .unwrap();
        assert_eq!(seen, b"a\nb\0c");
        assert_eq!(end.code, Some(3));
        assert!(!end.timed_out && !end.stopped);
    }

    #[test]
    fn byte_streaming_stops_when_asked_and_at_the_deadline() {
        let mut n = 0usize;
        let end = SystemRunner
            .run_streaming_chunks(
                &Cmd::new("sh").args(["-c", "yes line"]),
                Duration::from_secs(30),
                &mut |c| {
                    n += c.len();
                    n < 1_000_000
                },
            )
            .unwrap();
        assert!(end.stopped && end.code.is_none());
        let end = SystemRunner
            .run_streaming_chunks(
                &Cmd::new("sh").args(["-c", "echo first; sleep 30 & sleep 30"]),
                Duration::from_millis(300),
                &mut |_| true,
            )
            .unwrap();
        assert!(end.timed_out);
    }

    #[test]
    fn streaming_a_missing_program_is_not_found() {
        let e = SystemRunner
            .run_streaming(
                &Cmd::new("/nonexistent/tool"),
                Duration::from_secs(1),
                &mut |_| true,
            )
            .unwrap_err();
        assert!(matches!(e, CommandError::NotFound { .. }), "{e}");
    }

    #[test]
    fn stderr_evidence_is_bounded_and_sanitized() {
        let cmd = Cmd::new("sh").args([
            "-c",
            "{ printf 'warning: unknown setting \\033[31mx\\033[0m\\n\\n'; \
             for i in $(seq 30); do echo line$i; done; } >&2; exit 1",
        ]);
        let out = SystemRunner.run(&cmd, Duration::from_secs(10)).unwrap();
        let e = out.stderr_evidence(&cmd).unwrap();
        assert_eq!(e.lines.len(), STDERR_LINES);
        assert_eq!(e.more, 31 - STDERR_LINES);
        assert!(
            e.lines[0].starts_with("warning: unknown setting"),
            "{:?}",
            e.lines[0]
        );
        assert!(!e.lines[0].contains('\u{1b}'), "{:?}", e.lines[0]);
        assert_eq!(e.code, Some(1));
        let quiet = SystemRunner
            .run(&Cmd::new("true"), Duration::from_secs(10))
            .unwrap();
        assert!(quiet.stderr_evidence(&Cmd::new("true")).is_none());
    }

    #[test]
    fn output_is_capped() {
        let out = SystemRunner
            .run(
                &Cmd::new("sh")
                    .args(["-c", "head -c 100000 /dev/zero"])
                    .max_output(1000),
                Duration::from_secs(10),
            )
            .unwrap();
        assert_eq!(out.stdout.len(), 1000);
        assert!(out.truncated);
    }
}
