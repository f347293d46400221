//! The one place that knows where the audited system is.
//!
//! A [`Host`] is either the live machine or a mounted system under `--root DIR` (a rescue
//! shell, a CI image, a test fixture). Probes name paths as the audited system names them
//! (*logical* paths such as `/etc/os-release` or `/nix/var/nix/profiles/system`) and read them
//! through the host's confined, bounded file API ([`crate::fs::RootDir`]): every component and
//! every symlink resolves inside the root (an absolute link target such as
//! `/nix/store/...-nixos-system` starts again at the root, `..` never climbs out of it), every
//! file is checked to be a regular file after opening and read up to a cap for its kind. There
//! is no way to get a host path to open: probes cannot escape the root by accident.
//! [`Host::resolve`] additionally maps links that Nix wrote as host paths in a chroot store
//! (`DIR/home/u/result`) back to logical ones, for the GC-root scan.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::ffi::OsString;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use crate::command::{Cmd, CmdOutput, CommandError, CommandRunner, OnChunk, OnLine, StreamEnd};
use crate::fs::{DirEntry, FileKind, FsError, Meta, RootDir, MAX_LINK_HOPS};
use rustix::fd::OwnedFd;

/// How many entries a directory listing holds before it is refused (memory stays bounded).
pub const DIR_ENTRIES_CAP: usize = 200_000;

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
    fs: Arc<RootDir>,
    live: bool,
    runner: Arc<dyn CommandRunner>,
    env: BTreeMap<String, OsString>,
    now: DateTime<Utc>,
    store_cache: crate::nixdb::StoreCache,
    accounts: Arc<std::sync::OnceLock<crate::accounts::Accounts>>,
    pids: Arc<std::sync::OnceLock<Result<Vec<u32>, String>>>,
}

impl Host {
    /// The running machine. `env` is the environment the audit was started with (only the
    /// variables probes ask about are looked at).
    pub fn live(
        runner: Arc<dyn CommandRunner>,
        env: BTreeMap<String, OsString>,
        now: DateTime<Utc>,
    ) -> Result<Self, HostError> {
        let root = PathBuf::from("/");
        let fs = RootDir::open(&root).map_err(|e| HostError::BadRoot {
            path: root.clone(),
            reason: e.to_string(),
        })?;
        Ok(Host {
            root,
            fs: Arc::new(fs),
            live: true,
            runner,
            env,
            now,
            store_cache: crate::nixdb::StoreCache::default(),
            accounts: Arc::default(),
            pids: Arc::default(),
        })
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
        let fs = RootDir::open(&root).map_err(|e| bad(e.to_string()))?;
        Ok(Host {
            root,
            fs: Arc::new(fs),
            live,
            runner,
            env: BTreeMap::new(),
            now,
            store_cache: crate::nixdb::StoreCache::default(),
            accounts: Arc::default(),
            pids: Arc::default(),
        })
    }

    /// The Nix DB's graph, loaded once per audit and shared by the probes (see
    /// [`crate::nixdb::StoreCache`]).
    pub fn shared_store(
        &self,
        keep: crate::nixdb::GcKeep,
    ) -> Result<Arc<crate::nixdb::SharedStore>, crate::nixdb::DbError> {
        self.store_cache.get(self, keep)
    }

    /// `/etc/passwd` and `/etc/group`, read (bounded by [`crate::fs::caps::ACCOUNTS`]) and
    /// parsed on first use and shared by every probe of this audit: reading them again per
    /// probe would cost reads and could see a file that changed between probes.
    pub fn accounts(&self) -> &crate::accounts::Accounts {
        self.accounts.get_or_init(|| {
            let read = |p: &str| {
                self.read_file(p, crate::fs::caps::ACCOUNTS)
                    .map_err(|e| e.to_string())
            };
            let (passwd, group) = (read("/etc/passwd"), read("/etc/group"));
            crate::accounts::Accounts::new(
                passwd.as_deref().map_err(Clone::clone),
                group.as_deref().map_err(Clone::clone),
            )
        })
    }

    /// The process IDs `/proc` lists, in its order, read on first use and shared by every
    /// probe of this audit (the daemon lookup and the runtime-root scan walk the same list
    /// instead of listing /proc twice). Under `--root` it is the root's `proc/` (usually
    /// empty); callers that need a running system check [`Host::is_live`].
    pub fn pids(&self) -> Result<&[u32], &str> {
        self.pids
            .get_or_init(|| {
                let entries = self.read_dir("/proc").map_err(|e| e.to_string())?;
                Ok(entries
                    .iter()
                    .filter_map(|e| e.name.to_str())
                    .filter(|n| n.bytes().all(|b| b.is_ascii_digit()))
                    .filter_map(|n| n.parse().ok())
                    .collect())
            })
            .as_deref()
            .map_err(String::as_str)
    }

    /// How many times this host's DB graph was loaded.
    pub fn store_loads(&self) -> u32 {
        self.store_cache.loads()
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

    /// The confined file access of this host (for descriptor-relative walks).
    pub fn fs(&self) -> &RootDir {
        &self.fs
    }

    /// Where a logical path lies on the machine running the audit, for messages only: it is
    /// not resolved and must never be opened (reads go through the confined methods below).
    pub fn display_path(&self, logical: impl AsRef<Path>) -> PathBuf {
        let mut out = self.root.clone();
        for c in canon_path(logical.as_ref()).components() {
            if let Component::Normal(n) = c {
                out.push(n);
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

    /// Read the regular file `logical` (links followed inside the root), at most `cap` bytes.
    pub fn read_file(&self, logical: impl AsRef<Path>, cap: u64) -> Result<Vec<u8>, FsError> {
        self.fs.read_file(logical.as_ref(), cap)
    }

    /// [`Host::read_file`] as text (invalid UTF-8 replaced).
    pub fn read_text(&self, logical: impl AsRef<Path>, cap: u64) -> Result<String, FsError> {
        let bytes = self.read_file(logical, cap)?;
        Ok(match String::from_utf8(bytes) {
            Ok(s) => s,
            Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
        })
    }

    /// Open the regular file `logical` for a streaming read (the caller bounds what it reads).
    pub fn open_file(&self, logical: impl AsRef<Path>) -> Result<(std::fs::File, Meta), FsError> {
        self.fs.open_file(logical.as_ref())
    }

    /// Open the directory `logical` (links followed inside the root).
    pub fn open_dir(&self, logical: impl AsRef<Path>) -> Result<OwnedFd, FsError> {
        self.fs.open_dir(logical.as_ref())
    }

    /// The entries of directory `logical`, sorted by name, at most [`DIR_ENTRIES_CAP`].
    pub fn read_dir(&self, logical: impl AsRef<Path>) -> Result<Vec<DirEntry>, FsError> {
        self.fs.read_dir(logical.as_ref(), DIR_ENTRIES_CAP)
    }

    /// `lstat` of `logical` (a final symlink is not followed).
    pub fn symlink_metadata(&self, logical: impl AsRef<Path>) -> Result<Meta, FsError> {
        self.fs.symlink_metadata(logical.as_ref())
    }

    /// `stat` of `logical` (links followed inside the root).
    pub fn metadata(&self, logical: impl AsRef<Path>) -> Result<Meta, FsError> {
        self.fs.metadata(logical.as_ref())
    }

    /// Whether `logical` resolves to a directory.
    pub fn is_dir(&self, logical: impl AsRef<Path>) -> bool {
        self.metadata(logical).is_ok_and(|m| m.is_dir())
    }

    /// Size and free space of the file system holding `logical`.
    pub fn fs_space(&self, logical: impl AsRef<Path>) -> Result<FsSpace, FsError> {
        let st = self.fs.statvfs(logical.as_ref())?;
        Ok(FsSpace {
            total_bytes: st.f_blocks.saturating_mul(st.f_frsize),
            free_bytes: st.f_bfree.saturating_mul(st.f_frsize),
            available_bytes: st.f_bavail.saturating_mul(st.f_frsize),
        })
    }

    /// Read a symlink and return its target as the audited system means it: a target Nix
    /// wrote as a host path inside the root is mapped back to its logical path.
    pub fn read_link(&self, logical: impl AsRef<Path>) -> io::Result<PathBuf> {
        let target = self.fs.read_link(logical.as_ref())?;
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

    /// Resolve every symlink in `logical` inside the root; returns the logical result. Each
    /// step is a confined `lstat`/`readlink`, so a link can never lead outside the root; links
    /// that Nix wrote as host paths (chroot stores) are mapped back first.
    pub fn resolve(&self, logical: impl AsRef<Path>) -> Result<PathBuf, ResolveError> {
        self.resolve_links(logical).map(|(path, _)| path)
    }

    /// [`Host::resolve`], also returning the `lstat` of every link followed on the way, in
    /// the order met (for when a path last changed: a link that moved changed it).
    pub fn resolve_links(
        &self,
        logical: impl AsRef<Path>,
    ) -> Result<(PathBuf, Vec<Meta>), ResolveError> {
        let start = logical.as_ref();
        let mut links = Vec::new();
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
            match self.fs.symlink_metadata(&next) {
                Ok(meta) if meta.is_symlink() => {
                    hops += 1;
                    links.push(meta);
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
                Err(FsError::NotFound { .. }) => {
                    let mut resolved = next;
                    while let Some(rest) = pending.pop() {
                        resolved.push(rest);
                    }
                    return Err(ResolveError::Missing {
                        path: start.to_path_buf(),
                        resolved,
                    });
                }
                Err(e) => {
                    return Err(ResolveError::Io {
                        path: start.to_path_buf(),
                        source: e.into(),
                    })
                }
            }
        }
        Ok((cur, links))
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

    /// Walk the tree under `logical` without following symlinks: every entry below it (not
    /// `logical` itself) with its kind, at most `max_depth` levels deep and `max_entries`
    /// entries in all. Unreadable directories are reported, not skipped silently.
    pub fn walk(&self, logical: impl AsRef<Path>, max_depth: usize, max_entries: usize) -> Walk {
        let mut walk = Walk::default();
        let mut stack: Vec<(PathBuf, usize)> = vec![(logical.as_ref().to_path_buf(), 0)];
        while let Some((dir, depth)) = stack.pop() {
            let entries = match self.read_dir(&dir) {
                Ok(e) => e,
                Err(e) => {
                    walk.errors.push(e);
                    continue;
                }
            };
            let mut subdirs = Vec::new();
            for e in entries {
                if walk.entries.len() >= max_entries {
                    walk.truncated = true;
                    return walk;
                }
                let path = dir.join(&e.name);
                if e.kind == FileKind::Dir {
                    if depth + 1 < max_depth {
                        subdirs.push((path.clone(), depth + 1));
                    } else {
                        walk.truncated = true;
                    }
                }
                walk.entries.push((path, e.kind));
            }
            // Depth first, in name order.
            stack.extend(subdirs.into_iter().rev());
        }
        walk
    }

    /// Whether a logical path exists (following links inside the root).
    pub fn exists(&self, logical: impl AsRef<Path>) -> bool {
        self.metadata(logical).is_ok()
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

    /// [`Host::run_live`], streaming stdout in chunks (see
    /// [`CommandRunner::run_streaming_chunks`]).
    pub fn run_live_streaming_chunks(
        &self,
        cmd: &Cmd,
        timeout: Duration,
        on_chunk: OnChunk<'_>,
    ) -> Result<StreamEnd, CommandError> {
        if !self.live {
            return Err(CommandError::NotLive {
                cmd: cmd.to_string(),
            });
        }
        self.runner.run_streaming_chunks(cmd, timeout, on_chunk)
    }

    /// [`Host::run_offline`], streaming stdout in chunks.
    pub fn run_offline_streaming_chunks(
        &self,
        cmd: &Cmd,
        timeout: Duration,
        on_chunk: OnChunk<'_>,
    ) -> Result<StreamEnd, CommandError> {
        self.runner.run_streaming_chunks(cmd, timeout, on_chunk)
    }
}

/// What [`Host::walk`] found.
#[derive(Debug, Default)]
pub struct Walk {
    /// Every entry found (logical path, kind), depth first in name order.
    pub entries: Vec<(PathBuf, FileKind)>,
    /// Directories that could not be listed.
    pub errors: Vec<FsError>,
    /// Whether a depth or entry limit stopped the walk.
    pub truncated: bool,
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
            host.display_path("/../../x"),
            dir.path().canonicalize().unwrap().join("x")
        );
    }

    #[test]
    fn resolve_links_returns_every_link_followed() {
        let (dir, host) = fixture();
        std::fs::create_dir_all(dir.path().join("etc/static/nix")).unwrap();
        std::fs::write(dir.path().join("etc/static/nix/nix.conf"), "").unwrap();
        symlink("static/nix", dir.path().join("etc/n")).unwrap();
        symlink("/etc/n/nix.conf", dir.path().join("conf")).unwrap();
        let (path, links) = host.resolve_links("/conf").unwrap();
        assert_eq!(path, Path::new("/etc/static/nix/nix.conf"));
        assert_eq!(links.len(), 2);
        assert!(links.iter().all(|m| m.is_symlink()));
        assert!(host.resolve_links("/etc").unwrap().1.is_empty());
    }

    /// /proc is listed once per audit: both probes that walk processes see one list.
    #[test]
    fn pids_are_listed_once_and_shared() {
        let (dir, host) = fixture();
        for d in ["proc/1", "proc/22", "proc/sys", "proc/4x"] {
            std::fs::create_dir_all(dir.path().join(d)).unwrap();
        }
        symlink("22", dir.path().join("proc/self")).unwrap();
        assert_eq!(host.pids().unwrap(), [1, 22]);
        std::fs::remove_dir(dir.path().join("proc/22")).unwrap();
        let clone = host.clone();
        assert_eq!(clone.pids().unwrap(), [1, 22]);
        let (_d, empty) = fixture();
        assert!(empty.pids().is_err());
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
