//! The one place that knows where the audited system is.
//!
//! A [`Host`] is either the live machine or a mounted system under `--root DIR` (a rescue
//! shell, a CI image, a test fixture). Probes name paths as the audited system names them
//! (*logical* paths such as `/etc/os-release` or `/nix/var/nix/profiles/system`) and ask the
//! host to map or resolve them. Resolution follows symlinks *inside* the root: an absolute
//! link target such as `/nix/store/...-nixos-system` is re-rooted, `..` never climbs out of the
//! root, loops are detected, and links that Nix wrote as host paths in a chroot store
//! (`DIR/home/u/result`) are mapped back to logical ones.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::ffi::OsString;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use crate::command::{Cmd, CmdOutput, CommandError, CommandRunner, OnLine, StreamEnd};

/// How many symlinks one resolution may follow (Linux's own limit).
const MAX_LINK_HOPS: usize = 40;

/// The Nix store directory, as the audited system names it.
const STORE_DIR: &str = "/nix/store";
/// Nix's state directory (profiles, gcroots, DB).
const STATE_DIR: &str = "/nix/var/nix";

/// Why a [`Host`] could not be set up.
#[derive(Debug, thiserror::Error)]
pub enum HostError {
    /// `--root` names something that is not a readable directory.
    #[error("--root {}: {reason}", path.display())]
    BadRoot {
        /// The directory given.
        path: PathBuf,
        /// What is wrong with it.
        reason: String,
    },
}

/// Why a logical path could not be resolved.
#[derive(Debug, thiserror::Error)]
pub enum ResolveError {
    /// More than 40 symlinks were followed: a loop.
    #[error("{}: too many levels of symbolic links (a loop?)", path.display())]
    Loop {
        /// The logical path being resolved.
        path: PathBuf,
    },
    /// A component does not exist; `resolved` is how far resolution got (logical), including
    /// the missing remainder, so callers can report a dangling link's target.
    #[error("{}: not found (resolves to {})", path.display(), resolved.display())]
    Missing {
        /// The logical path being resolved.
        path: PathBuf,
        /// The logical path it points at.
        resolved: PathBuf,
    },
    /// Any other I/O error (permission denied, ...).
    #[error("{}: {source}", path.display())]
    Io {
        /// The logical path being resolved.
        path: PathBuf,
        /// The error.
        source: io::Error,
    },
}

/// The audited system: where it is, how to run commands on it, and the time of the audit.
#[derive(Debug, Clone)]
pub struct Host {
    root: PathBuf,
    live: bool,
    runner: Arc<dyn CommandRunner>,
    env: BTreeMap<String, OsString>,
    now: DateTime<Utc>,
}

impl Host {
    /// The running machine. `env` is the environment the audit was started with (only the
    /// variables probes ask about are looked at).
    pub fn live(
        runner: Arc<dyn CommandRunner>,
        env: BTreeMap<String, OsString>,
        now: DateTime<Utc>,
    ) -> Self {
        Host {
            root: PathBuf::from("/"),
            live: true,
            runner,
            env,
            now,
        }
    }

    /// A mounted, not running, system under `root`. Live-only sources are skipped and no
    /// commands that inspect the running machine are run.
    pub fn at_root(
        root: &Path,
        runner: Arc<dyn CommandRunner>,
        now: DateTime<Utc>,
    ) -> Result<Self, HostError> {
        let bad = |reason: String| HostError::BadRoot {
            path: root.to_path_buf(),
            reason,
        };
        let meta = std::fs::metadata(root).map_err(|e| bad(e.to_string()))?;
        if !meta.is_dir() {
            return Err(bad("not a directory".into()));
        }
        std::fs::read_dir(root).map_err(|e| bad(e.to_string()))?;
        let root = std::fs::canonicalize(root).map_err(|e| bad(e.to_string()))?;
        let live = root == Path::new("/");
        Ok(Host {
            root,
            live,
            runner,
            env: BTreeMap::new(),
            now,
        })
    }

    /// Whether this is the running machine (live-only sources such as /proc, /run and the
    /// systemd manager are meaningful).
    pub fn is_live(&self) -> bool {
        self.live
    }

    /// The root directory (`/` when live).
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The time the audit started; probes use it for ages, never the wall clock.
    pub fn now(&self) -> DateTime<Utc> {
        self.now
    }

    /// An environment variable of the audit's own environment (live hosts only).
    pub fn env(&self, key: &str) -> Option<&OsString> {
        if self.live {
            self.env.get(key)
        } else {
            None
        }
    }

    /// The Nix store directory as the audited system names it.
    pub fn store_dir(&self) -> &'static Path {
        Path::new(STORE_DIR)
    }

    /// Nix's state directory as the audited system names it.
    pub fn state_dir(&self) -> &'static Path {
        Path::new(STATE_DIR)
    }

    /// `/nix/var/nix/profiles`.
    pub fn profiles_dir(&self) -> PathBuf {
        self.state_dir().join("profiles")
    }

    /// `/nix/var/nix/gcroots`.
    pub fn gcroots_dir(&self) -> PathBuf {
        self.state_dir().join("gcroots")
    }

    /// `/nix/var/nix/db/db.sqlite`.
    pub fn db_path(&self) -> PathBuf {
        self.state_dir().join("db/db.sqlite")
    }

    /// Map a logical path to the path to open on this machine, without following links.
    pub fn path(&self, logical: impl AsRef<Path>) -> PathBuf {
        let mut out = self.root.clone();
        for c in logical.as_ref().components() {
            match c {
                Component::Normal(n) => out.push(n),
                Component::ParentDir if out != self.root => {
                    out.pop();
                }
                _ => {}
            }
        }
        out
    }

    /// The logical path of a path on this machine (strips the root prefix), if it is inside.
    pub fn logical(&self, host_path: &Path) -> Option<PathBuf> {
        if self.live {
            return Some(host_path.to_path_buf());
        }
        host_path
            .strip_prefix(&self.root)
            .ok()
            .map(|rest| Path::new("/").join(rest))
    }

    /// Read a symlink and return its target as the audited system means it: a target Nix
    /// wrote as a host path inside the root is mapped back to its logical path.
    pub fn read_link(&self, logical: impl AsRef<Path>) -> io::Result<PathBuf> {
        let target = std::fs::read_link(self.path(logical))?;
        Ok(self.unroot(target))
    }

    fn unroot(&self, target: PathBuf) -> PathBuf {
        if !self.live && target.is_absolute() {
            if let Ok(rest) = target.strip_prefix(&self.root) {
                return Path::new("/").join(rest);
            }
        }
        target
    }

    /// Resolve every symlink in `logical` inside the root; returns the logical result.
    pub fn resolve(&self, logical: impl AsRef<Path>) -> Result<PathBuf, ResolveError> {
        let start = logical.as_ref();
        let mut pending: Vec<OsString> = Vec::new(); // reversed stack of components
        push_components(&mut pending, start);
        let mut cur = PathBuf::from("/");
        let mut hops = 0usize;
        while let Some(name) = pending.pop() {
            if name == ".." {
                cur.pop();
                continue;
            }
            let next = cur.join(&name);
            match std::fs::symlink_metadata(self.path(&next)) {
                Ok(meta) if meta.file_type().is_symlink() => {
                    hops += 1;
                    if hops > MAX_LINK_HOPS {
                        return Err(ResolveError::Loop {
                            path: start.to_path_buf(),
                        });
                    }
                    let target = self.read_link(&next).map_err(|source| ResolveError::Io {
                        path: start.to_path_buf(),
                        source,
                    })?;
                    if target.is_absolute() {
                        cur = PathBuf::from("/");
                    }
                    push_components(&mut pending, &target);
                }
                Ok(_) => cur = next,
                Err(e) if e.kind() == io::ErrorKind::NotFound => {
                    let mut resolved = next;
                    while let Some(rest) = pending.pop() {
                        resolved.push(rest);
                    }
                    return Err(ResolveError::Missing {
                        path: start.to_path_buf(),
                        resolved,
                    });
                }
                Err(source) => {
                    return Err(ResolveError::Io {
                        path: start.to_path_buf(),
                        source,
                    })
                }
            }
        }
        Ok(cur)
    }

    /// The top-level store path (`/nix/store/<hash>-<name>`) that `logical` lives in, if any.
    pub fn store_path_of(&self, logical: &Path) -> Option<PathBuf> {
        let rest = logical.strip_prefix(self.store_dir()).ok()?;
        let first = rest.components().next()?;
        Some(self.store_dir().join(first))
    }

    /// Resolve `logical` and return the store path it ends in, if it ends in the store.
    pub fn resolve_to_store(
        &self,
        logical: impl AsRef<Path>,
    ) -> Result<Option<PathBuf>, ResolveError> {
        let resolved = self.resolve(logical)?;
        Ok(self.store_path_of(&resolved))
    }

    /// Read a file of the audited system as text (lossy UTF-8), after resolving links.
    pub fn read_to_string(&self, logical: impl AsRef<Path>) -> io::Result<String> {
        let resolved = self.resolve(logical.as_ref()).map_err(resolve_to_io)?;
        let bytes = std::fs::read(self.path(resolved))?;
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    }

    /// Whether a logical path exists (following links inside the root).
    pub fn exists(&self, logical: impl AsRef<Path>) -> bool {
        self.resolve(logical).is_ok()
    }

    /// Run a command that inspects the running machine. Refused under `--root`, where the
    /// machine running the audit is not the audited system.
    pub fn run_live(&self, cmd: &Cmd, timeout: Duration) -> Result<CmdOutput, CommandError> {
        if !self.live {
            return Err(CommandError::NotLive {
                cmd: cmd.to_string(),
            });
        }
        self.runner.run(cmd, timeout)
    }

    /// Run a command that only reads files it is pointed at (for example
    /// `journalctl --directory <root>/var/log/journal`); allowed under `--root` too.
    pub fn run_offline(&self, cmd: &Cmd, timeout: Duration) -> Result<CmdOutput, CommandError> {
        self.runner.run(cmd, timeout)
    }

    /// [`Host::run_live`], streaming stdout line by line (see [`CommandRunner::run_streaming`]).
    pub fn run_live_streaming(
        &self,
        cmd: &Cmd,
        timeout: Duration,
        on_line: OnLine<'_>,
    ) -> Result<StreamEnd, CommandError> {
        if !self.live {
            return Err(CommandError::NotLive {
                cmd: cmd.to_string(),
            });
        }
        self.runner.run_streaming(cmd, timeout, on_line)
    }

    /// [`Host::run_offline`], streaming stdout line by line.
    pub fn run_offline_streaming(
        &self,
        cmd: &Cmd,
        timeout: Duration,
        on_line: OnLine<'_>,
    ) -> Result<StreamEnd, CommandError> {
        self.runner.run_streaming(cmd, timeout, on_line)
    }
}

/// Size and free space of a filesystem (statvfs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FsSpace {
    /// Size in bytes.
    pub total_bytes: u64,
    /// Free bytes (including those reserved for root).
    pub free_bytes: u64,
    /// Bytes available to unprivileged users.
    pub available_bytes: u64,
}

/// statvfs of a path on this machine (a host path, from [`Host::path`]): the one place the
/// audit measures a filesystem.
pub fn fs_space(path: &Path) -> Result<FsSpace, String> {
    let st = nix::sys::statvfs::statvfs(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let frag = st.fragment_size() as u64;
    Ok(FsSpace {
        total_bytes: (st.blocks() as u64).saturating_mul(frag),
        free_bytes: (st.blocks_free() as u64).saturating_mul(frag),
        available_bytes: (st.blocks_available() as u64).saturating_mul(frag),
    })
}

/// Normalise a logical path lexically, as Nix's `canonPath` does: `.` dropped, `..` pops a
/// component (never above `/`), no links followed, always absolute.
pub fn canon_path(p: &Path) -> PathBuf {
    let mut out = PathBuf::from("/");
    for c in p.components() {
        match c {
            Component::Normal(n) => out.push(n),
            Component::ParentDir => {
                out.pop();
            }
            _ => {}
        }
    }
    out
}

fn push_components(stack: &mut Vec<OsString>, path: &Path) {
    let mut comps: Vec<OsString> = Vec::new();
    for c in path.components() {
        match c {
            Component::Normal(n) => comps.push(n.to_owned()),
            Component::ParentDir => comps.push(OsString::from("..")),
            _ => {}
        }
    }
    stack.extend(comps.into_iter().rev());
}

/// Turn a resolution failure into the I/O error a caller reading a file expects.
pub fn resolve_to_io(e: ResolveError) -> io::Error {
    match e {
        ResolveError::Loop { .. } => io::Error::other(e.to_string()),
        ResolveError::Missing { .. } => io::Error::new(io::ErrorKind::NotFound, e.to_string()),
        ResolveError::Io { source, .. } => source,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::command::SystemRunner;
    use std::os::unix::fs::symlink;

    fn fixture() -> (tempfile::TempDir, Host) {
        let dir = tempfile::tempdir().unwrap();
        let host = Host::at_root(dir.path(), Arc::new(SystemRunner), Utc::now()).unwrap();
        (dir, host)
    }

    #[test]
    fn absolute_links_are_re_rooted() {
        let (dir, host) = fixture();
        let store = dir.path().join("nix/store/abc-sys");
        std::fs::create_dir_all(&store).unwrap();
        std::fs::create_dir_all(dir.path().join("run")).unwrap();
        symlink("/nix/store/abc-sys", dir.path().join("run/current-system")).unwrap();
        assert_eq!(
            host.resolve("/run/current-system").unwrap(),
            Path::new("/nix/store/abc-sys")
        );
        assert_eq!(
            host.resolve_to_store("/run/current-system")
                .unwrap()
                .unwrap(),
            Path::new("/nix/store/abc-sys")
        );
    }

    #[test]
    fn host_paths_written_by_a_chroot_store_are_mapped_back() {
        let (dir, host) = fixture();
        std::fs::create_dir_all(dir.path().join("home/u/p")).unwrap();
        std::fs::create_dir_all(dir.path().join("links")).unwrap();
        symlink(dir.path().join("home/u/p"), dir.path().join("links/a")).unwrap();
        assert_eq!(host.resolve("/links/a").unwrap(), Path::new("/home/u/p"));
    }

    #[test]
    fn dotdot_never_escapes_the_root() {
        let (dir, host) = fixture();
        symlink("../../../../etc", dir.path().join("up")).unwrap();
        let e = host.resolve("/up/passwd").unwrap_err();
        match e {
            ResolveError::Missing { resolved, .. } => {
                assert_eq!(resolved, Path::new("/etc/passwd"))
            }
            other => panic!("{other}"),
        }
        assert_eq!(
            host.path("/../../x"),
            dir.path().canonicalize().unwrap().join("x")
        );
    }

    #[test]
    fn loops_are_detected() {
        let (dir, host) = fixture();
        symlink("b", dir.path().join("a")).unwrap();
        symlink("a", dir.path().join("b")).unwrap();
        assert!(matches!(
            host.resolve("/a").unwrap_err(),
            ResolveError::Loop { .. }
        ));
    }

    #[test]
    fn dangling_links_report_their_target() {
        let (dir, host) = fixture();
        symlink("/nix/store/gone-x/bin", dir.path().join("r")).unwrap();
        match host.resolve("/r").unwrap_err() {
            ResolveError::Missing { resolved, .. } => {
                assert_eq!(resolved, Path::new("/nix/store/gone-x/bin"))
            }
            other => panic!("{other}"),
        }
    }

    #[test]
    fn bad_roots_are_rejected() {
        assert!(Host::at_root(
            Path::new("/nonexistent/x"),
            Arc::new(SystemRunner),
            Utc::now()
        )
        .is_err());
        let f = tempfile::NamedTempFile::new().unwrap();
        assert!(Host::at_root(f.path(), Arc::new(SystemRunner), Utc::now()).is_err());
    }

    #[test]
    fn live_commands_are_refused_under_root() {
        let (_dir, host) = fixture();
        let e = host
            .run_live(&Cmd::new("true"), Duration::from_secs(1))
            .unwrap_err();
        assert!(matches!(e, CommandError::NotLive { .. }));
    }
}
