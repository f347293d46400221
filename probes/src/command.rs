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

/// Runs commands. Injected through [`crate::Host`], so tests can count, refuse or replace runs.
pub trait CommandRunner: Send + Sync + fmt::Debug {
    /// Run `cmd`, waiting at most `timeout`.
    fn run(&self, cmd: &Cmd, timeout: Duration) -> Result<CmdOutput, CommandError>;
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
        let mut command = Command::new(&cmd.program);
        command
            .args(&cmd.args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .process_group(0);
        for (k, v) in &cmd.env {
            command.env(k, v);
        }
        let mut child = command.spawn().map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => CommandError::NotFound {
                program: cmd.program.to_string_lossy().into_owned(),
            },
            _ => CommandError::Spawn {
                cmd: cmd.to_string(),
                source: e,
            },
        })?;
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
            let pgid = nix::unistd::Pid::from_raw(i32::try_from(child.id()).unwrap_or(0));
            let _ = nix::sys::signal::killpg(pgid, nix::sys::signal::Signal::SIGKILL);
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
