//! Confined, bounded file access: the only way probes read the audited system.
//!
//! The audit runs as root over files other people control: a mounted image under `--root`, a
//! user's flake checkout, nix.conf includes. Two things must hold for every read:
//!
//! - **Confined.** A path names a file of the audited system, and every component of it, every
//!   symlink on the way included, resolves inside the root as if the root were `/` (a chroot):
//!   an absolute link target starts again at the root and `..` never climbs above it. On Linux
//!   5.6+ the kernel does this (`openat2` with `RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS`), which
//!   also holds while the tree changes under the audit. Where `openat2` is missing (old kernel,
//!   a seccomp filter), a user-space walker does the same one component at a time with
//!   `O_PATH | O_NOFOLLOW` descriptors; a property test keeps the two in agreement.
//! - **Bounded and typed.** A file is opened with `O_NONBLOCK | O_NOCTTY` (a FIFO cannot hang the
//!   audit, a terminal cannot become ours), checked to be a regular file *after* opening
//!   (`fstat` on the descriptor, so a swap between check and open cannot fool it), and read up
//!   to a cap chosen by the caller for that kind of file. Over the cap is an error that names
//!   the file and its size; a truncated read never reaches a parser.
//!
//! Paths given here are *logical*: as the audited system names them (`/etc/nix/nix.conf`). The
//! live host is the same code with the root `/`.

use std::ffi::{OsStr, OsString};
use std::fs::File;
use std::io::{self, Read};
use std::os::unix::ffi::OsStrExt;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rustix::fd::{AsFd, BorrowedFd, OwnedFd};
use rustix::fs::{self as rfs, AtFlags, FileType, Mode, OFlags, ResolveFlags};
use rustix::io::Errno;

/// Size caps per kind of file, in one place: a file over its cap is an error row naming the
/// file and its size, never a partial read. Each is far above what a real file of that kind
/// holds and far below what would strain memory.
pub mod caps {
    /// Single-line or few-line identity files: `/etc/hostname`, `/etc/os-release`,
    /// `nixos-version`, `/proc/sys/kernel/osrelease`, channel subscriptions.
    pub const TINY: u64 = 16 * 1024;
    /// Small structured files: `boot.json`, boot loader entries, a profile's `manifest.json`.
    pub const SMALL: u64 = 1024 * 1024;
    /// nix.conf and each of its includes.
    pub const NIX_CONF: u64 = 1024 * 1024;
    /// `/etc/passwd` and `/etc/group`.
    pub const ACCOUNTS: u64 = 8 * 1024 * 1024;
    /// `grub.cfg`, `manifest.nix`, a `.nix` source file, a file scanned for key material.
    pub const TEXT: u64 = 4 * 1024 * 1024;
    /// The audit's own configuration file (`--config`).
    pub const CONFIG: u64 = 1024 * 1024;
    /// A template of `--templates DIR`.
    pub const TEMPLATE: u64 = 1024 * 1024;
    /// A report's JSON (`render`, `rejudge`, the previous audit): facts of a large host.
    pub const REPORT_JSON: u64 = 64 * 1024 * 1024;
}

/// How many symlinks one resolution may follow (Linux's own limit).
pub const MAX_LINK_HOPS: usize = 40;

/// How many times an `openat2` that the kernel answered with `EAGAIN` (a rename raced the
/// resolution) is retried before giving up.
const EAGAIN_RETRIES: usize = 16;

/// What kind of file system object a path names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FileKind {
    /// A regular file.
    File,
    /// A directory.
    Dir,
    /// A symbolic link.
    Symlink,
    /// A named pipe.
    Fifo,
    /// A character device.
    CharDevice,
    /// A block device.
    BlockDevice,
    /// A socket.
    Socket,
    /// Anything else (the file system did not say).
    Unknown,
}

impl FileKind {
    fn of(t: FileType) -> FileKind {
        match t {
            FileType::RegularFile => FileKind::File,
            FileType::Directory => FileKind::Dir,
            FileType::Symlink => FileKind::Symlink,
            FileType::Fifo => FileKind::Fifo,
            FileType::CharacterDevice => FileKind::CharDevice,
            FileType::BlockDevice => FileKind::BlockDevice,
            FileType::Socket => FileKind::Socket,
            _ => FileKind::Unknown,
        }
    }

    /// A short human name ("a FIFO", "a directory") for error messages.
    pub fn describe(self) -> &'static str {
        match self {
            FileKind::File => "a regular file",
            FileKind::Dir => "a directory",
            FileKind::Symlink => "a symbolic link",
            FileKind::Fifo => "a FIFO",
            FileKind::CharDevice => "a character device",
            FileKind::BlockDevice => "a block device",
            FileKind::Socket => "a socket",
            FileKind::Unknown => "an unknown kind of file",
        }
    }
}

/// What `stat` says about a file, in the few fields probes use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Meta {
    /// The kind of object.
    pub kind: FileKind,
    /// Size in bytes.
    pub len: u64,
    /// Permission bits with setuid/setgid/sticky (`st_mode & 0o7777`).
    pub mode: u32,
    /// Owner.
    pub uid: u32,
    /// Group.
    pub gid: u32,
    /// Device of the file system holding it.
    pub dev: u64,
    /// Inode number.
    pub ino: u64,
    /// Hard links.
    pub nlink: u64,
    /// Modification time, seconds since the epoch.
    pub mtime_sec: i64,
    /// Modification time, nanoseconds part.
    pub mtime_nsec: u32,
    /// Status change time, seconds since the epoch.
    pub ctime_sec: i64,
    /// Status change time, nanoseconds part.
    pub ctime_nsec: u32,
}

impl Meta {
    /// The fields of a `stat` result (for callers that stat relative to an open directory).
    pub fn of(st: &rfs::Stat) -> Meta {
        Meta {
            kind: FileKind::of(FileType::from_raw_mode(st.st_mode)),
            len: u64::try_from(st.st_size).unwrap_or(0),
            mode: st.st_mode & 0o7777,
            uid: st.st_uid,
            gid: st.st_gid,
            dev: st.st_dev,
            ino: st.st_ino,
            nlink: st.st_nlink,
            mtime_sec: st.st_mtime,
            mtime_nsec: u32::try_from(st.st_mtime_nsec).unwrap_or(0),
            ctime_sec: st.st_ctime,
            ctime_nsec: u32::try_from(st.st_ctime_nsec).unwrap_or(0),
        }
    }

    /// Whether it is a directory.
    pub fn is_dir(&self) -> bool {
        self.kind == FileKind::Dir
    }

    /// Whether it is a regular file.
    pub fn is_file(&self) -> bool {
        self.kind == FileKind::File
    }

    /// Whether it is a symbolic link (only from [`RootDir::symlink_metadata`]).
    pub fn is_symlink(&self) -> bool {
        self.kind == FileKind::Symlink
    }

    /// Size in bytes.
    pub fn len(&self) -> u64 {
        self.len
    }

    /// Whether the size is zero.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Modification time.
    pub fn modified(&self) -> SystemTime {
        let nanos = Duration::from_nanos(u64::from(self.mtime_nsec));
        match u64::try_from(self.mtime_sec) {
            Ok(s) => UNIX_EPOCH + Duration::from_secs(s) + nanos,
            Err(_) => UNIX_EPOCH - Duration::from_secs(self.mtime_sec.unsigned_abs()) + nanos,
        }
    }
}

/// One entry of a directory listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DirEntry {
    /// The entry's name (any bytes but `/` and NUL).
    pub name: OsString,
    /// Its kind, not following a symlink.
    pub kind: FileKind,
}

/// Why a file could not be read. Every variant names the logical path.
#[derive(Debug, thiserror::Error)]
pub enum FsError {
    /// Nothing at that path (or a component of it is missing).
    #[error("{}: not found", path.display())]
    NotFound {
        /// The logical path.
        path: PathBuf,
    },
    /// Too many symlinks on the way: a loop.
    #[error("{}: too many levels of symbolic links (a loop?)", path.display())]
    Loop {
        /// The logical path.
        path: PathBuf,
    },
    /// A file was expected and something else is there.
    #[error("{}: is {}, not a regular file", path.display(), kind.describe())]
    NotRegular {
        /// The logical path.
        path: PathBuf,
        /// What is there instead.
        kind: FileKind,
    },
    /// The file is larger than the cap for its kind; nothing of it was used.
    #[error("{}: {size} bytes, over the {cap}-byte limit for this kind of file (not read)", path.display())]
    TooLarge {
        /// The logical path.
        path: PathBuf,
        /// Its size (at least `cap + 1` when it grew while being read).
        size: u64,
        /// The cap.
        cap: u64,
    },
    /// Any other I/O error (permission denied, not a directory, ...).
    #[error("{}: {source}", path.display())]
    Io {
        /// The logical path.
        path: PathBuf,
        /// The error.
        source: io::Error,
    },
}

impl FsError {
    /// Whether the path does not exist.
    pub fn is_not_found(&self) -> bool {
        matches!(self, FsError::NotFound { .. })
    }

    /// The logical path the error is about.
    pub fn path(&self) -> &Path {
        match self {
            FsError::NotFound { path }
            | FsError::Loop { path }
            | FsError::NotRegular { path, .. }
            | FsError::TooLarge { path, .. }
            | FsError::Io { path, .. } => path,
        }
    }

    fn from_errno(path: &Path, e: Errno) -> FsError {
        let path = path.to_path_buf();
        match e {
            Errno::NOENT => FsError::NotFound { path },
            Errno::LOOP => FsError::Loop { path },
            _ => FsError::Io {
                path,
                source: io::Error::from(e),
            },
        }
    }
}

impl FsError {
    /// What went wrong, without the path (for messages that name the path themselves).
    pub fn reason(&self) -> String {
        let full = self.to_string();
        let prefix = format!("{}: ", self.path().display());
        full.strip_prefix(&prefix)
            .map_or(full.clone(), str::to_string)
    }
}

/// The I/O error a caller that names the path itself expects: the kind, and the reason
/// without the path.
impl From<FsError> for io::Error {
    fn from(e: FsError) -> io::Error {
        match e {
            FsError::Io { source, .. } => source,
            FsError::NotFound { .. } => {
                io::Error::new(io::ErrorKind::NotFound, "no such file or directory")
            }
            other => {
                let kind = match &other {
                    FsError::TooLarge { .. } => io::ErrorKind::FileTooLarge,
                    FsError::NotRegular { .. } => io::ErrorKind::InvalidInput,
                    _ => io::ErrorKind::Other,
                };
                io::Error::new(kind, other.reason())
            }
        }
    }
}

/// How paths are resolved inside the root.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolver {
    /// The kernel: `openat2(RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS)`.
    Kernel,
    /// One component at a time in user space (`O_PATH | O_NOFOLLOW`, `readlinkat`).
    UserSpace,
}

/// A directory that every path is resolved inside, and the reads the probes may do there.
#[derive(Debug)]
pub struct RootDir {
    fd: OwnedFd,
    /// Set once `openat2` turned out to be unavailable: use the user-space walker from then on.
    no_openat2: AtomicBool,
}

impl RootDir {
    /// Open `dir` as the root of all later resolutions.
    pub fn open(dir: &Path) -> io::Result<RootDir> {
        let fd = rfs::open(
            dir,
            OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC,
            Mode::empty(),
        )?;
        Ok(RootDir {
            fd,
            no_openat2: AtomicBool::new(false),
        })
    }

    /// Like [`RootDir::open`], always resolving in user space (tests compare the two).
    pub fn open_with(dir: &Path, resolver: Resolver) -> io::Result<RootDir> {
        let root = RootDir::open(dir)?;
        root.no_openat2
            .store(resolver == Resolver::UserSpace, Ordering::Relaxed);
        Ok(root)
    }

    /// Which resolver is in use.
    pub fn resolver(&self) -> Resolver {
        if self.no_openat2.load(Ordering::Relaxed) {
            Resolver::UserSpace
        } else {
            Resolver::Kernel
        }
    }

    /// The root directory's descriptor.
    pub fn as_fd(&self) -> BorrowedFd<'_> {
        self.fd.as_fd()
    }

    /// Open `logical` inside the root with `flags` (`O_CLOEXEC` is added). With `follow`, a
    /// symlink as the last component is followed (inside the root); without, the link itself
    /// is opened (only meaningful with `O_PATH`).
    pub fn open_at(&self, logical: &Path, flags: OFlags, follow: bool) -> Result<OwnedFd, FsError> {
        let rel = relative(logical);
        let mut flags = flags | OFlags::CLOEXEC;
        if !follow {
            flags |= OFlags::NOFOLLOW;
        }
        if !self.no_openat2.load(Ordering::Relaxed) {
            for _ in 0..EAGAIN_RETRIES {
                match rfs::openat2(
                    &self.fd,
                    rel.as_os_str(),
                    flags,
                    Mode::empty(),
                    ResolveFlags::IN_ROOT | ResolveFlags::NO_MAGICLINKS,
                ) {
                    Ok(fd) => return Ok(fd),
                    Err(Errno::AGAIN) => continue,
                    Err(Errno::NOSYS) | Err(Errno::PERM) if self.probe_no_openat2() => break,
                    Err(e) => return Err(FsError::from_errno(logical, e)),
                }
            }
            if !self.no_openat2.load(Ordering::Relaxed) {
                return Err(FsError::Io {
                    path: logical.to_path_buf(),
                    source: io::Error::other("the path kept changing while it was resolved"),
                });
            }
        }
        self.walk_open(logical, &rel, flags, follow)
    }

    /// Whether `openat2` itself is unavailable (as opposed to refusing one path): asked once by
    /// opening the root itself, which always exists.
    fn probe_no_openat2(&self) -> bool {
        match rfs::openat2(
            &self.fd,
            ".",
            OFlags::PATH | OFlags::CLOEXEC,
            Mode::empty(),
            ResolveFlags::IN_ROOT,
        ) {
            Err(Errno::NOSYS) | Err(Errno::PERM) => {
                self.no_openat2.store(true, Ordering::Relaxed);
                true
            }
            _ => false,
        }
    }

    /// The user-space resolver: descend one component at a time, each opened `O_PATH |
    /// O_NOFOLLOW` relative to the previous one; a symlink's target is read from its own
    /// descriptor and pushed back onto the pending components (an absolute one restarts at the
    /// root); `..` pops the stack of opened directories and never goes below the root.
    fn walk_open(
        &self,
        logical: &Path,
        rel: &Path,
        flags: OFlags,
        follow: bool,
    ) -> Result<OwnedFd, FsError> {
        let err = |e: Errno| FsError::from_errno(logical, e);
        let mut pending: Vec<OsString> = Vec::new();
        push_components(&mut pending, rel);
        let mut stack: Vec<OwnedFd> = Vec::new();
        let mut hops = 0usize;
        while let Some(name) = pending.pop() {
            if name == ".." {
                stack.pop();
                continue;
            }
            let last = pending.is_empty();
            let dir: BorrowedFd<'_> = stack.last().map_or(self.fd.as_fd(), |f| f.as_fd());
            let fd = rfs::openat(
                dir,
                name.as_os_str(),
                OFlags::PATH | OFlags::NOFOLLOW | OFlags::CLOEXEC,
                Mode::empty(),
            )
            .map_err(err)?;
            let st = rfs::fstat(&fd).map_err(err)?;
            let kind = FileKind::of(FileType::from_raw_mode(st.st_mode));
            if kind == FileKind::Symlink && (!last || follow) {
                hops += 1;
                if hops > MAX_LINK_HOPS {
                    return Err(FsError::Loop {
                        path: logical.to_path_buf(),
                    });
                }
                let target = rfs::readlinkat(&fd, "", Vec::new()).map_err(err)?;
                let target = PathBuf::from(OsStr::from_bytes(target.as_bytes()));
                if target.is_absolute() {
                    stack.clear();
                }
                push_components(&mut pending, &target);
                continue;
            }
            if last {
                // Re-open the final object with the flags asked for, relative to its parent and
                // without following: it was just seen not to be a link (or one not to follow).
                let parent: BorrowedFd<'_> = stack.last().map_or(self.fd.as_fd(), |f| f.as_fd());
                return rfs::openat(
                    parent,
                    name.as_os_str(),
                    flags | OFlags::NOFOLLOW,
                    Mode::empty(),
                )
                .map_err(err);
            }
            if kind != FileKind::Dir {
                return Err(err(Errno::NOTDIR));
            }
            stack.push(fd);
        }
        // The path named the root itself, or ended in `..`.
        let dir: BorrowedFd<'_> = stack.last().map_or(self.fd.as_fd(), |f| f.as_fd());
        rfs::openat(dir, ".", flags, Mode::empty()).map_err(err)
    }

    /// `lstat`: what is at `logical`, not following a final symlink.
    pub fn symlink_metadata(&self, logical: &Path) -> Result<Meta, FsError> {
        let fd = self.open_at(logical, OFlags::PATH, false)?;
        let st = rfs::fstat(&fd).map_err(|e| FsError::from_errno(logical, e))?;
        Ok(Meta::of(&st))
    }

    /// `stat`: what `logical` resolves to (symlinks followed inside the root).
    pub fn metadata(&self, logical: &Path) -> Result<Meta, FsError> {
        let fd = self.open_at(logical, OFlags::PATH, true)?;
        let st = rfs::fstat(&fd).map_err(|e| FsError::from_errno(logical, e))?;
        Ok(Meta::of(&st))
    }

    /// The target of the symlink at `logical`, as written in the link.
    pub fn read_link(&self, logical: &Path) -> Result<PathBuf, FsError> {
        let fd = self.open_at(logical, OFlags::PATH, false)?;
        let target =
            rfs::readlinkat(&fd, "", Vec::new()).map_err(|e| FsError::from_errno(logical, e))?;
        Ok(PathBuf::from(OsStr::from_bytes(target.as_bytes())))
    }

    /// Open the regular file at `logical` for reading; anything else (a FIFO, a device, a
    /// directory) is refused after opening without blocking.
    pub fn open_file(&self, logical: &Path) -> Result<(File, Meta), FsError> {
        let fd = self.open_at(
            logical,
            OFlags::RDONLY | OFlags::NONBLOCK | OFlags::NOCTTY,
            true,
        )?;
        let st = rfs::fstat(&fd).map_err(|e| FsError::from_errno(logical, e))?;
        let meta = Meta::of(&st);
        if meta.kind != FileKind::File {
            return Err(FsError::NotRegular {
                path: logical.to_path_buf(),
                kind: meta.kind,
            });
        }
        Ok((File::from(fd), meta))
    }

    /// Read the regular file at `logical`, at most `cap` bytes. A larger file (or one that
    /// grows past the cap while being read) is an error naming its size; nothing is returned.
    pub fn read_file(&self, logical: &Path, cap: u64) -> Result<Vec<u8>, FsError> {
        let (file, meta) = self.open_file(logical)?;
        if meta.len > cap {
            return Err(FsError::TooLarge {
                path: logical.to_path_buf(),
                size: meta.len,
                cap,
            });
        }
        let mut buf = Vec::with_capacity(usize::try_from(meta.len).unwrap_or(0));
        file.take(cap.saturating_add(1))
            .read_to_end(&mut buf)
            .map_err(|source| FsError::Io {
                path: logical.to_path_buf(),
                source,
            })?;
        if buf.len() as u64 > cap {
            return Err(FsError::TooLarge {
                path: logical.to_path_buf(),
                size: buf.len() as u64,
                cap,
            });
        }
        Ok(buf)
    }

    /// Open the directory at `logical` (following links inside the root) for listing or for
    /// descriptor-relative walks.
    pub fn open_dir(&self, logical: &Path) -> Result<OwnedFd, FsError> {
        self.open_at(
            logical,
            OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NONBLOCK,
            true,
        )
    }

    /// The entries of the directory at `logical` (without `.` and `..`), at most `cap` of
    /// them: a larger directory is an error rather than unbounded memory.
    pub fn read_dir(&self, logical: &Path, cap: usize) -> Result<Vec<DirEntry>, FsError> {
        let fd = self.open_dir(logical)?;
        list_dir(&fd, logical, cap)
    }

    /// `statvfs` of the file system holding `logical`.
    pub fn statvfs(&self, logical: &Path) -> Result<rfs::StatVfs, FsError> {
        let fd = self.open_at(logical, OFlags::PATH, true)?;
        rfs::fstatvfs(&fd).map_err(|e| FsError::from_errno(logical, e))
    }
}

/// Read a file the *user* named on the command line (a config, a template, a report to
/// render): its path is resolved as given, but it must be a regular file (a FIFO, a device or a
/// directory is refused after a non-blocking open) and at most `cap` bytes. Files of the
/// audited system never come through here: they go through [`RootDir`].
pub fn read_local(path: &Path, cap: u64) -> Result<Vec<u8>, FsError> {
    let fd = rfs::open(
        path,
        OFlags::RDONLY | OFlags::NONBLOCK | OFlags::NOCTTY | OFlags::CLOEXEC,
        Mode::empty(),
    )
    .map_err(|e| FsError::from_errno(path, e))?;
    let st = rfs::fstat(&fd).map_err(|e| FsError::from_errno(path, e))?;
    let meta = Meta::of(&st);
    if meta.kind != FileKind::File {
        return Err(FsError::NotRegular {
            path: path.to_path_buf(),
            kind: meta.kind,
        });
    }
    if meta.len > cap {
        return Err(FsError::TooLarge {
            path: path.to_path_buf(),
            size: meta.len,
            cap,
        });
    }
    let mut buf = Vec::with_capacity(usize::try_from(meta.len).unwrap_or(0));
    File::from(fd)
        .take(cap.saturating_add(1))
        .read_to_end(&mut buf)
        .map_err(|source| FsError::Io {
            path: path.to_path_buf(),
            source,
        })?;
    if buf.len() as u64 > cap {
        return Err(FsError::TooLarge {
            path: path.to_path_buf(),
            size: buf.len() as u64,
            cap,
        });
    }
    Ok(buf)
}

/// List an open directory: names and kinds (from `d_type`, or `fstatat` where the file system
/// leaves it unknown), sorted by name, at most `cap` entries.
pub fn list_dir(dir: &OwnedFd, logical: &Path, cap: usize) -> Result<Vec<DirEntry>, FsError> {
    let err = |e: Errno| FsError::from_errno(logical, e);
    let mut out = Vec::new();
    let mut entries = rfs::Dir::read_from(dir).map_err(err)?;
    for entry in entries.by_ref() {
        let entry = entry.map_err(err)?;
        let name = entry.file_name().to_bytes();
        if name == b"." || name == b".." {
            continue;
        }
        if out.len() >= cap {
            return Err(FsError::Io {
                path: logical.to_path_buf(),
                source: io::Error::other(format!(
                    "more than {cap} entries: not listed (a directory this large is not expected here)"
                )),
            });
        }
        let mut kind = FileKind::of(entry.file_type());
        if kind == FileKind::Unknown {
            if let Ok(st) = rfs::statat(dir, entry.file_name(), AtFlags::SYMLINK_NOFOLLOW) {
                kind = FileKind::of(FileType::from_raw_mode(st.st_mode));
            }
        }
        out.push(DirEntry {
            name: OsStr::from_bytes(name).to_os_string(),
            kind,
        });
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

/// A logical path as a path relative to the root (`.` for the root itself).
fn relative(logical: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in logical.components() {
        match c {
            Component::Normal(n) => out.push(n),
            Component::ParentDir => out.push(".."),
            Component::RootDir | Component::CurDir | Component::Prefix(_) => {}
        }
    }
    if out.as_os_str().is_empty() {
        out.push(".");
    }
    out
}

fn push_components(stack: &mut Vec<OsString>, path: &Path) {
    let comps: Vec<OsString> = path
        .components()
        .filter_map(|c| match c {
            Component::Normal(n) => Some(n.to_owned()),
            Component::ParentDir => Some(OsString::from("..")),
            _ => None,
        })
        .collect();
    stack.extend(comps.into_iter().rev());
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    fn roots(dir: &Path) -> [RootDir; 2] {
        [
            RootDir::open_with(dir, Resolver::Kernel).unwrap(),
            RootDir::open_with(dir, Resolver::UserSpace).unwrap(),
        ]
    }

    /// A tree with a secret outside the root and links that try to reach it.
    fn escape_fixture() -> (tempfile::TempDir, PathBuf) {
        let top = tempfile::tempdir().unwrap();
        let outside = top.path().join("outside");
        std::fs::create_dir_all(outside.join("etc")).unwrap();
        std::fs::write(outside.join("etc/secret"), "OUTSIDE").unwrap();
        let root = top.path().join("root");
        std::fs::create_dir_all(root.join("etc")).unwrap();
        std::fs::write(root.join("etc/secret"), "INSIDE").unwrap();
        (top, root)
    }

    #[test]
    fn absolute_and_dotdot_links_stay_inside() {
        let (top, root) = escape_fixture();
        let outside = top.path().join("outside");
        symlink(&outside, root.join("abs")).unwrap();
        symlink("../../../../../../outside", root.join("up")).unwrap();
        symlink("/etc", root.join("etclink")).unwrap();
        std::fs::create_dir_all(root.join("a/b")).unwrap();
        for r in roots(&root) {
            // An absolute link to the outside directory resolves to <root>/<that path>: absent.
            let e = r.read_file(&outside.join("etc/secret"), 100).unwrap_err();
            assert!(e.is_not_found(), "{e}");
            let e = r.read_file(Path::new("/abs/etc/secret"), 100).unwrap_err();
            assert!(e.is_not_found(), "{:?}: {e}", r.resolver());
            // `..` stops at the root: ../../outside is /outside inside the root.
            let e = r.read_file(Path::new("/up/etc/secret"), 100).unwrap_err();
            assert!(e.is_not_found(), "{e}");
            assert_eq!(
                r.read_file(Path::new("/a/b/../../../../etc/secret"), 100)
                    .unwrap(),
                b"INSIDE"
            );
            assert_eq!(
                r.read_file(Path::new("/etclink/secret"), 100).unwrap(),
                b"INSIDE"
            );
        }
    }

    #[test]
    fn fifos_devices_and_directories_are_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        nix::unistd::mkfifo(&fifo, nix::sys::stat::Mode::from_bits_truncate(0o644)).unwrap();
        symlink("/dev/zero", dir.path().join("zero")).unwrap();
        std::fs::create_dir(dir.path().join("d")).unwrap();
        let r = RootDir::open(dir.path()).unwrap();
        let e = r.read_file(Path::new("/fifo"), 10).unwrap_err();
        assert!(
            matches!(
                e,
                FsError::NotRegular {
                    kind: FileKind::Fifo,
                    ..
                }
            ),
            "{e}"
        );
        // /dev/zero inside this root does not exist: the link cannot reach the host's.
        assert!(r
            .read_file(Path::new("/zero"), 10)
            .unwrap_err()
            .is_not_found());
        let e = r.read_file(Path::new("/d"), 10).unwrap_err();
        assert!(
            matches!(
                e,
                FsError::NotRegular {
                    kind: FileKind::Dir,
                    ..
                }
            ),
            "{e}"
        );
        // The host's own /dev/zero, through a root of `/`: refused as a device, not read.
        let host = RootDir::open(Path::new("/")).unwrap();
        let e = host.read_file(Path::new("/dev/zero"), 10).unwrap_err();
        assert!(
            matches!(
                e,
                FsError::NotRegular {
                    kind: FileKind::CharDevice,
                    ..
                }
            ),
            "{e}"
        );
    }

    #[test]
    fn caps_are_enforced_and_named() {
        let dir = tempfile::tempdir().unwrap();
        let f = std::fs::File::create(dir.path().join("big")).unwrap();
        f.set_len(1536 * 1024 * 1024).unwrap(); // sparse 1.5 GiB
        std::fs::write(dir.path().join("small"), "hello").unwrap();
        let r = RootDir::open(dir.path()).unwrap();
        match r.read_file(Path::new("/big"), 4096).unwrap_err() {
            FsError::TooLarge { size, cap, path } => {
                assert_eq!((size, cap), (1536 * 1024 * 1024, 4096));
                assert_eq!(path, Path::new("/big"));
            }
            e => panic!("{e}"),
        }
        assert_eq!(r.read_file(Path::new("/small"), 5).unwrap(), b"hello");
        assert!(matches!(
            r.read_file(Path::new("/small"), 4).unwrap_err(),
            FsError::TooLarge { size: 5, .. }
        ));
    }

    #[test]
    fn loops_and_lstat_and_readlink() {
        let dir = tempfile::tempdir().unwrap();
        symlink("b", dir.path().join("a")).unwrap();
        symlink("a", dir.path().join("b")).unwrap();
        symlink("/nix/store/x-y", dir.path().join("r")).unwrap();
        for r in roots(dir.path()) {
            assert!(matches!(
                r.read_file(Path::new("/a"), 10).unwrap_err(),
                FsError::Loop { .. }
            ));
            assert!(r.symlink_metadata(Path::new("/a")).unwrap().is_symlink());
            assert_eq!(
                r.read_link(Path::new("/r")).unwrap(),
                Path::new("/nix/store/x-y")
            );
            assert!(r.metadata(Path::new("/r")).unwrap_err().is_not_found());
            assert!(r.metadata(Path::new("/")).unwrap().is_dir());
        }
    }

    #[test]
    fn read_dir_lists_names_and_kinds_including_non_utf8() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join(OsStr::from_bytes(b"caf\xe9")), "").unwrap();
        symlink("sub", dir.path().join("link")).unwrap();
        for r in roots(dir.path()) {
            let list = r.read_dir(Path::new("/"), 100).unwrap();
            let got: Vec<(Vec<u8>, FileKind)> = list
                .iter()
                .map(|e| (e.name.as_bytes().to_vec(), e.kind))
                .collect();
            assert_eq!(
                got,
                vec![
                    (b"caf\xe9".to_vec(), FileKind::File),
                    (b"link".to_vec(), FileKind::Symlink),
                    (b"sub".to_vec(), FileKind::Dir),
                ]
            );
            assert!(r.read_dir(Path::new("/"), 2).is_err());
            assert_eq!(r.read_dir(Path::new("/link"), 10).unwrap(), vec![]);
        }
    }
}
