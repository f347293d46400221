//! NAR serialization and hashing, byte for byte as Nix does it.
//!
//! The Nix DB records, for each valid store path, the SHA-256 of the path's NAR ("Nix ARchive")
//! serialization and the NAR's length. To check a path's contents without Nix we serialize the
//! path the same way and hash the stream: never the whole NAR in memory, never a whole file in
//! memory (file contents pass through one fixed-size buffer that the caller owns and reuses).
//!
//! The format (Nix's `dumpPath`, unchanged since NAR version 1): every token is a string written
//! as a little-endian u64 length, the bytes, and zero padding to a multiple of 8.
//!
//! ```text
//! "nix-archive-1" node
//! node      = "(" "type" ( regular | symlink | directory ) ")"
//! regular   = "regular" [ "executable" "" ] "contents" <file bytes as one string>
//! symlink   = "symlink" "target" <link target bytes>
//! directory = "directory" { "entry" "(" "name" <name> "node" node ")" }
//! ```
//!
//! Directory entries are sorted by the raw bytes of their names (names need not be UTF-8);
//! a regular file is executable when its owner-execute bit is set; any other file type
//! (FIFO, socket, device) cannot be in a NAR and is an error, as in Nix.
//!
//! Hashes are shown the way Nix shows them: `sha256:` and Nix's own base32 (alphabet
//! `0123456789abcdfghijklmnpqrsvwxyz`, bits taken from the end of the digest). The DB's `hash`
//! column may hold base16 (what Nix writes), base32, base64 or SRI (`sha256-…`); [`parse_hash`]
//! accepts them all and comparison is on the digest bytes. The encodings are the
//! `data-encoding` crate's: hex and base64 as they are, Nix base32 as a custom specification
//! (its alphabet, least significant bit first) read backwards, which is how Nix prints it.

use rustix::fs::{self as rfs, AtFlags, FileType, Mode, OFlags, RawDir, ResolveFlags};
use rustix::io::{self as rio, Errno};
use sha2::{Digest, Sha256};
use std::ffi::{OsStr, OsString};
use std::io::{self, Write};
use std::mem::MaybeUninit;
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

/// Nix's base32 alphabet (no `e`, `o`, `u`, `t`).
const BASE32_CHARS: &str = "0123456789abcdfghijklmnpqrsvwxyz";

/// Nix base32 before reversal: 5-bit groups from the start of the digest, least significant
/// bit first, no padding; the unused bits of the last group must be zero.
static NIX_BASE32: std::sync::LazyLock<Option<data_encoding::Encoding>> =
    std::sync::LazyLock::new(|| {
        let mut spec = data_encoding::Specification::new();
        spec.symbols.push_str(BASE32_CHARS);
        spec.bit_order = data_encoding::BitOrder::LeastSignificantFirst;
        spec.check_trailing_bits = true;
        spec.encoding().ok()
    });

/// Size of the content buffer [`NarHasher::new`] allocates.
pub const DEFAULT_BUFFER: usize = 64 * 1024;

/// A SHA-256 digest.
pub type Sha256Digest = [u8; 32];

/// Where NAR bytes go: a hasher, or a writer (for tests and `nar dump`-like uses).
pub trait NarSink {
    /// Consume the next bytes of the NAR.
    fn put(&mut self, data: &[u8]) -> io::Result<()>;
}

/// Hashes a NAR stream and counts its bytes.
#[derive(Debug, Clone, Default)]
pub struct HashSink {
    hasher: Sha256,
    count: u64,
}

impl HashSink {
    /// The digest and the NAR size so far.
    pub fn finish(self) -> (Sha256Digest, u64) {
        (self.hasher.finalize().into(), self.count)
    }

    /// Bytes hashed so far.
    pub fn count(&self) -> u64 {
        self.count
    }
}

impl NarSink for HashSink {
    fn put(&mut self, data: &[u8]) -> io::Result<()> {
        self.hasher.update(data);
        self.count += data.len() as u64;
        Ok(())
    }
}

/// Writes a NAR stream to any [`Write`] (wrap files in a `BufWriter`).
#[derive(Debug)]
pub struct WriteSink<W: Write>(pub W);

impl<W: Write> NarSink for WriteSink<W> {
    fn put(&mut self, data: &[u8]) -> io::Result<()> {
        self.0.write_all(data)
    }
}

/// Why a path could not be serialized.
#[derive(Debug, thiserror::Error)]
pub enum NarError {
    /// An I/O error on a file inside the path (the path named is the file's).
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or directory.
        path: std::path::PathBuf,
        /// The error.
        source: io::Error,
    },
    /// A FIFO, socket or device: not representable in a NAR.
    #[error("{}: unsupported file type (not a regular file, directory or symlink)", path.display())]
    UnsupportedType {
        /// The file.
        path: std::path::PathBuf,
    },
    /// A file changed size while it was read (or reads came up short).
    #[error("{}: file size changed while reading (expected {expected} bytes, got {got})", path.display())]
    SizeChanged {
        /// The file.
        path: std::path::PathBuf,
        /// `st_size` when the entry was examined.
        expected: u64,
        /// Bytes actually read.
        got: u64,
    },
}

impl NarError {
    /// The underlying I/O error kind, if any.
    pub fn io_kind(&self) -> Option<io::ErrorKind> {
        match self {
            NarError::Io { source, .. } => Some(source.kind()),
            _ => None,
        }
    }
}

/// Serializes filesystem trees as NARs into a sink, reusing its buffers.
///
/// The walk is descriptor-relative: each directory is opened once and its entries are read
/// with `getdents64` into a reused buffer, then opened with `openat` against that directory,
/// so the kernel never walks a full path again. The entry type comes from the directory
/// listing (`d_type`); only regular files are `fstat`ed (for their size and execute bit),
/// after they are opened. That is about 4 system calls per file and per directory, where a
/// path-based walk (`lstat` + `open` per entry, `opendir`'s own `fstat`) needs 6 to 7.
#[derive(Debug)]
pub struct NarHasher {
    buf: Vec<u8>,
    dirents: Vec<MaybeUninit<u8>>,
    /// Entry lists of directories being walked, reused across directories.
    pool: Vec<Listing>,
    /// The path of the entry being serialized, as shown in error messages.
    path: PathBuf,
    /// How many leading components of `path` name the base directory the walk started in
    /// (entries deeper than [`MAX_HELD_DIRS`] are opened below it by the rest of the path).
    base_components: usize,
}

/// How many directory levels the walk keeps open (and opens entries relative to); deeper
/// levels are opened by full path. Store trees are rarely more than 20 levels deep.
const MAX_HELD_DIRS: usize = 32;

/// A directory being walked: its descriptor (while held), its sorted entries, the next one.
#[derive(Debug)]
struct Frame {
    fd: Option<OwnedFd>,
    listing: Listing,
    next: usize,
}

/// One directory's entries: names packed into one buffer, sorted by raw bytes.
#[derive(Debug, Default)]
struct Listing {
    names: Vec<u8>,
    entries: Vec<(usize, usize, FileType)>,
}

impl Default for NarHasher {
    fn default() -> Self {
        NarHasher::new(DEFAULT_BUFFER)
    }
}

/// Flags for every `open`: never follow a symlink in the last component (the listing said
/// what the entry is; if it changed since, fail rather than read something else), and never
/// block (an entry that became a FIFO must not hang the audit).
fn open_flags() -> OFlags {
    OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::CLOEXEC | OFlags::NONBLOCK
}

/// Open the directory `rel` below `base` without following any symlink and without leaving
/// `base`: `openat2(RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS)`, or one `O_NOFOLLOW` component at a
/// time where the kernel lacks `openat2`. A path longer than the kernel allows fails cleanly.
fn open_dir_beneath(base: BorrowedFd<'_>, rel: &Path) -> io::Result<OwnedFd> {
    let flags = OFlags::RDONLY | OFlags::DIRECTORY | OFlags::NOFOLLOW | OFlags::CLOEXEC;
    if rel.as_os_str().is_empty() {
        return Ok(rfs::openat(base, ".", flags, Mode::empty())?);
    }
    let resolve = ResolveFlags::BENEATH | ResolveFlags::NO_SYMLINKS | ResolveFlags::NO_MAGICLINKS;
    loop {
        match rfs::openat2(base, rel, flags, Mode::empty(), resolve) {
            Err(Errno::AGAIN) => continue,
            Err(Errno::NOSYS) | Err(Errno::PERM) => break,
            other => return Ok(other?),
        }
    }
    if rel.as_os_str().len() >= 4096 {
        return Err(Errno::NAMETOOLONG.into());
    }
    let mut cur = rfs::openat(base, ".", flags, Mode::empty())?;
    for c in rel.components() {
        let std::path::Component::Normal(n) = c else {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                "not a plain relative path",
            ));
        };
        cur = rfs::openat(&cur, n, flags, Mode::empty())?;
    }
    Ok(cur)
}

impl NarHasher {
    /// A serializer whose file-content buffer holds `buffer` bytes (at least 4 KiB).
    pub fn new(buffer: usize) -> Self {
        NarHasher {
            buf: vec![0; buffer.max(4096)],
            dirents: vec![MaybeUninit::uninit(); 32 * 1024],
            pool: Vec::new(),
            path: PathBuf::new(),
            base_components: 0,
        }
    }

    /// Hash the NAR of `path` (a path on this machine): `(sha256 digest, NAR size)`. `tick` is
    /// called with the number of bytes hashed since its last call, at most every buffer-full
    /// (for progress).
    pub fn hash_path(
        &mut self,
        path: &Path,
        tick: &mut dyn FnMut(u64),
    ) -> Result<(Sha256Digest, u64), NarError> {
        let (base, name) = self.open_parent(path)?;
        self.hash_at(base.as_fd(), &name, path, tick)
    }

    /// Hash the NAR of the entry `name` of the open directory `base` (a store path in the
    /// store directory, opened through the host's confined API); `shown` names it in errors.
    /// Nothing outside `base` is opened: no symlink is followed on the way down.
    pub fn hash_at(
        &mut self,
        base: BorrowedFd<'_>,
        name: &OsStr,
        shown: &Path,
        tick: &mut dyn FnMut(u64),
    ) -> Result<(Sha256Digest, u64), NarError> {
        let mut sink = Ticking {
            inner: HashSink::default(),
            tick,
            pending: 0,
        };
        self.dump_at(base, name, shown, &mut sink)?;
        (sink.tick)(sink.pending);
        Ok(sink.inner.finish())
    }

    /// Write the NAR of `path` (a path on this machine) into `sink`.
    pub fn dump(&mut self, path: &Path, sink: &mut dyn NarSink) -> Result<(), NarError> {
        let (base, name) = self.open_parent(path)?;
        self.dump_at(base.as_fd(), &name, path, sink)
    }

    fn open_parent(&mut self, path: &Path) -> Result<(OwnedFd, OsString), NarError> {
        self.path = path.to_path_buf();
        let parent = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let name = path.file_name().map(OsStr::to_os_string).ok_or_else(|| {
            self.io(io::Error::new(
                io::ErrorKind::InvalidInput,
                "names no file or directory",
            ))
        })?;
        let base = rfs::open(
            parent,
            OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC,
            Mode::empty(),
        )
        .map_err(|e| self.io(e.into()))?;
        Ok((base, name))
    }

    /// Write the NAR of the entry `name` of the directory `base` into `sink`.
    ///
    /// The walk is iterative (an explicit stack of open directories), so a deep tree cannot
    /// overflow the thread's stack; like Nix, it fails cleanly when a path gets longer than
    /// the kernel allows.
    pub fn dump_at(
        &mut self,
        base: BorrowedFd<'_>,
        name: &OsStr,
        shown: &Path,
        sink: &mut dyn NarSink,
    ) -> Result<(), NarError> {
        self.path = shown.to_path_buf();
        self.base_components = shown.components().count().saturating_sub(1);
        put_str(sink, b"nix-archive-1").map_err(|e| self.io(e))?;
        let st =
            rfs::statat(base, name, AtFlags::SYMLINK_NOFOLLOW).map_err(|e| self.io(e.into()))?;
        let kind = FileType::from_raw_mode(st.st_mode);
        let mut stack: Vec<Frame> = Vec::new();
        if let Some(frame) = self.node(base, name.as_bytes(), kind, 0, sink)? {
            stack.push(frame);
        }
        let mut name = Vec::new();
        while let Some(top) = stack.last_mut() {
            let Some(&(start, end, kind)) = top.listing.entries.get(top.next) else {
                // The directory is done: close its node, and the entry that holds it.
                if let Some(done) = stack.pop() {
                    self.pool.push(done.listing);
                }
                put_str(sink, b")").map_err(|e| self.io(e))?;
                if !stack.is_empty() {
                    put_str(sink, b")").map_err(|e| self.io(e))?;
                    self.path.pop();
                }
                continue;
            };
            top.next += 1;
            name.clear();
            name.extend_from_slice(&top.listing.names[start..end]);
            self.path.push(OsStr::from_bytes(&name));
            for token in [&b"entry"[..], b"(", b"name", &name, b"node"] {
                put_str(sink, token).map_err(|e| self.io(e))?;
            }
            let depth = stack.len();
            let child = match stack.last().and_then(|f| f.fd.as_ref()) {
                Some(dir) => self.node(dir.as_fd(), &name, kind, depth, sink)?,
                None => {
                    // Past the held levels: open the parent by its path below `base`, with
                    // no symlink followed on the way.
                    let below: PathBuf =
                        self.path.components().skip(self.base_components).collect();
                    let parent = below.parent().unwrap_or(Path::new(""));
                    let dir = open_dir_beneath(base, parent).map_err(|e| self.io(e))?;
                    self.node(dir.as_fd(), &name, kind, depth, sink)?
                }
            };
            match child {
                Some(frame) => stack.push(frame),
                None => {
                    put_str(sink, b")").map_err(|e| self.io(e))?;
                    self.path.pop();
                }
            }
        }
        Ok(())
    }

    fn io(&self, source: io::Error) -> NarError {
        NarError::Io {
            path: self.path.clone(),
            source,
        }
    }

    /// Serialize the entry `name` of the directory `dir`, whose type the listing gave. A file
    /// or symlink is written whole; a directory gets its header and comes back as a frame
    /// for [`NarHasher::dump`] to walk (and to close).
    fn node(
        &mut self,
        dir: BorrowedFd<'_>,
        name: &[u8],
        kind: FileType,
        depth: usize,
        sink: &mut dyn NarSink,
    ) -> Result<Option<Frame>, NarError> {
        match kind {
            FileType::RegularFile => {
                let fd = rfs::openat(dir, name, open_flags(), Mode::empty())
                    .map_err(|e| self.io(e.into()))?;
                let st = rfs::fstat(&fd).map_err(|e| self.io(e.into()))?;
                if FileType::from_raw_mode(st.st_mode) != FileType::RegularFile {
                    return Err(NarError::UnsupportedType {
                        path: self.path.clone(),
                    });
                }
                let len = u64::try_from(st.st_size).unwrap_or(0);
                self.header(sink, b"regular")?;
                if st.st_mode & 0o100 != 0 {
                    put_str(sink, b"executable").map_err(|e| self.io(e))?;
                    put_str(sink, b"").map_err(|e| self.io(e))?;
                }
                put_str(sink, b"contents").map_err(|e| self.io(e))?;
                self.dump_contents(&fd, len, sink)?;
            }
            FileType::Symlink => {
                let target =
                    rfs::readlinkat(dir, name, Vec::new()).map_err(|e| self.io(e.into()))?;
                self.header(sink, b"symlink")?;
                put_str(sink, b"target").map_err(|e| self.io(e))?;
                put_str(sink, target.as_bytes()).map_err(|e| self.io(e))?;
            }
            FileType::Directory => {
                let fd = rfs::openat(dir, name, open_flags() | OFlags::DIRECTORY, Mode::empty())
                    .map_err(|e| self.io(e.into()))?;
                let listing = self.list(&fd)?;
                self.header(sink, b"directory")?;
                // Deep trees: stop holding a descriptor per level and open what is below by
                // full path, which bounds the open files per worker.
                let fd = (depth < MAX_HELD_DIRS).then_some(fd);
                return Ok(Some(Frame {
                    fd,
                    listing,
                    next: 0,
                }));
            }
            FileType::Unknown => {
                // A filesystem that does not fill in d_type: ask the inode.
                let st = rfs::statat(dir, name, AtFlags::SYMLINK_NOFOLLOW)
                    .map_err(|e| self.io(e.into()))?;
                let kind = FileType::from_raw_mode(st.st_mode);
                if kind == FileType::Unknown {
                    return Err(NarError::UnsupportedType {
                        path: self.path.clone(),
                    });
                }
                return self.node(dir, name, kind, depth, sink);
            }
            _ => {
                return Err(NarError::UnsupportedType {
                    path: self.path.clone(),
                })
            }
        }
        put_str(sink, b")").map_err(|e| self.io(e))?;
        Ok(None)
    }

    fn header(&self, sink: &mut dyn NarSink, kind: &[u8]) -> Result<(), NarError> {
        for token in [&b"("[..], b"type", kind] {
            put_str(sink, token).map_err(|e| self.io(e))?;
        }
        Ok(())
    }

    /// Every entry of the open directory `fd` but `.` and `..`, sorted by raw name bytes.
    fn list(&mut self, fd: &OwnedFd) -> Result<Listing, NarError> {
        let mut listing = self.pool.pop().unwrap_or_default();
        listing.names.clear();
        listing.entries.clear();
        let mut dir = RawDir::new(fd, &mut self.dirents);
        while let Some(entry) = dir.next() {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    self.pool.push(listing);
                    return Err(NarError::Io {
                        path: self.path.clone(),
                        source: e.into(),
                    });
                }
            };
            let name = entry.file_name().to_bytes();
            if name == b"." || name == b".." {
                continue;
            }
            let start = listing.names.len();
            listing.names.extend_from_slice(name);
            listing
                .entries
                .push((start, listing.names.len(), entry.file_type()));
        }
        let names = &listing.names;
        listing
            .entries
            .sort_unstable_by(|a, b| names[a.0..a.1].cmp(&names[b.0..b.1]));
        Ok(listing)
    }

    /// A file's contents as one NAR string: length (from `fstat`), bytes, padding. Exactly
    /// `len` bytes are hashed; a file that turns out shorter or longer is an error (as in Nix).
    /// The last read asks for one byte more than is left, so a file that grew is caught
    /// without a separate end-of-file read.
    fn dump_contents(
        &mut self,
        fd: &OwnedFd,
        len: u64,
        sink: &mut dyn NarSink,
    ) -> Result<(), NarError> {
        sink.put(&len.to_le_bytes()).map_err(|e| self.io(e))?;
        let size_changed = |this: &Self, got| NarError::SizeChanged {
            path: this.path.clone(),
            expected: len,
            got,
        };
        let cap = self.buf.len() as u64;
        let mut left = len;
        let mut at_eof = false;
        while !at_eof {
            let want = usize::try_from((left + 1).min(cap)).unwrap_or(self.buf.len());
            let n = match rio::read(fd, &mut self.buf[..want]) {
                Ok(n) => n,
                Err(Errno::INTR) => continue,
                Err(e) => return Err(self.io(e.into())),
            };
            if n as u64 > left {
                return Err(size_changed(self, len + 1));
            }
            if n == 0 {
                if left > 0 {
                    return Err(size_changed(self, len - left));
                }
                break;
            }
            // A read shorter than asked for that covers what is left ends the file.
            at_eof = n < want && n as u64 == left;
            if let Err(e) = sink.put(&self.buf[..n]) {
                return Err(self.io(e));
            }
            left -= n as u64;
        }
        put_padding(sink, len).map_err(|e| self.io(e))
    }
}

/// Passes bytes to a [`HashSink`] and reports progress in chunks.
struct Ticking<'a> {
    inner: HashSink,
    tick: &'a mut dyn FnMut(u64),
    pending: u64,
}

impl NarSink for Ticking<'_> {
    fn put(&mut self, data: &[u8]) -> io::Result<()> {
        self.inner.put(data)?;
        self.pending += data.len() as u64;
        if self.pending >= 1 << 20 {
            (self.tick)(self.pending);
            self.pending = 0;
        }
        Ok(())
    }
}

fn put_str(sink: &mut dyn NarSink, s: &[u8]) -> io::Result<()> {
    sink.put(&(s.len() as u64).to_le_bytes())?;
    sink.put(s)?;
    put_padding(sink, s.len() as u64)
}

fn put_padding(sink: &mut dyn NarSink, len: u64) -> io::Result<()> {
    let pad = (8 - (len % 8) as usize) % 8;
    if pad > 0 {
        sink.put(&[0u8; 8][..pad])?;
    }
    Ok(())
}

/// Nix's base32 of a digest (52 characters for SHA-256).
pub fn to_nix_base32(hash: &[u8]) -> String {
    NIX_BASE32
        .as_ref()
        .map(|e| e.encode(hash).chars().rev().collect())
        .unwrap_or_default()
}

/// Decode Nix's base32 into `size` bytes; `None` on a bad character, length or overflow.
pub fn from_nix_base32(s: &str, size: usize) -> Option<Vec<u8>> {
    let forward: String = s.chars().rev().collect();
    let bytes = NIX_BASE32.as_ref()?.decode(forward.as_bytes()).ok()?;
    (bytes.len() == size).then_some(bytes)
}

/// `sha256:<nix base32>`, the form `nix path-info` and `nix-store --verify` print.
pub fn format_sha256(digest: &Sha256Digest) -> String {
    format!("sha256:{}", to_nix_base32(digest))
}

/// Parse a SHA-256 hash as Nix stores or prints it: `sha256:` followed by base16 (64),
/// Nix base32 (52) or base64 (44 characters), or SRI `sha256-<base64>`.
pub fn parse_hash(s: &str) -> Option<Sha256Digest> {
    let s = s.trim();
    let bytes = if let Some(rest) = s.strip_prefix("sha256:") {
        match rest.len() {
            64 => from_hex(rest)?,
            52 => from_nix_base32(rest, 32)?,
            44 => from_base64(rest)?,
            _ => return None,
        }
    } else {
        from_base64(s.strip_prefix("sha256-")?)?
    };
    bytes.try_into().ok()
}

fn from_hex(s: &str) -> Option<Vec<u8>> {
    data_encoding::HEXLOWER_PERMISSIVE.decode(s.as_bytes()).ok()
}

/// Standard base64, with or without its `=` padding.
fn from_base64(s: &str) -> Option<Vec<u8>> {
    let spec = if s.ends_with('=') {
        &data_encoding::BASE64
    } else {
        &data_encoding::BASE64_NOPAD
    };
    spec.decode(s.as_bytes()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::{symlink, PermissionsExt};

    fn nar_of(path: &Path) -> Vec<u8> {
        let mut sink = WriteSink(Vec::new());
        NarHasher::new(4096).dump(path, &mut sink).unwrap();
        sink.0
    }

    /// Append NAR strings: `spec` is whitespace-separated tokens, `''` for an empty one, and
    /// `@` for `data`.
    fn put(v: &mut Vec<u8>, spec: &str, data: &[u8]) {
        for t in spec.split_whitespace() {
            let t = match t {
                "''" => &b""[..],
                "@" => data,
                t => t.as_bytes(),
            };
            v.extend_from_slice(&(t.len() as u64).to_le_bytes());
            v.extend_from_slice(t);
            v.resize(v.len().div_ceil(8) * 8, 0);
        }
    }

    fn tokens(spec: &str) -> Vec<u8> {
        let mut v = Vec::new();
        put(&mut v, spec, b"");
        v
    }

    #[test]
    fn regular_file_layout() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("f");
        std::fs::write(&f, b"hello").unwrap();
        let want = tokens("nix-archive-1 ( type regular contents hello )");
        assert_eq!(nar_of(&f), want);
        let (digest, size) = NarHasher::default().hash_path(&f, &mut |_| {}).unwrap();
        assert_eq!(size, want.len() as u64);
        assert_eq!(digest.as_slice(), Sha256::digest(&want).as_slice());
    }

    #[test]
    fn executables_symlinks_and_sorted_entries() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path().join("d");
        std::fs::create_dir(&d).unwrap();
        std::fs::write(d.join("b"), b"").unwrap();
        std::fs::set_permissions(d.join("b"), std::fs::Permissions::from_mode(0o755)).unwrap();
        symlink("b", d.join("a")).unwrap();
        let want = tokens(
            "nix-archive-1 ( type directory \
               entry ( name a node ( type symlink target b ) ) \
               entry ( name b node ( type regular executable '' contents '' ) ) \
             )",
        );
        assert_eq!(nar_of(&d), want);
    }

    #[test]
    fn sizes_around_the_buffer_edge_serialize_exactly() {
        let dir = tempfile::tempdir().unwrap();
        for len in [0usize, 1, 7, 8, 4095, 4096, 4097, 8191, 8192, 8193, 20_000] {
            let f = dir.path().join(format!("f{len}"));
            let data: Vec<u8> = (0..len).map(|i| (i % 251) as u8).collect();
            std::fs::write(&f, &data).unwrap();
            let mut want = Vec::new();
            put(
                &mut want,
                "nix-archive-1 ( type regular contents @ )",
                &data,
            );
            assert_eq!(nar_of(&f), want, "{len} bytes");
        }
    }

    #[test]
    fn a_fifo_inside_a_directory_is_rejected_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path().join("d");
        std::fs::create_dir(&d).unwrap();
        std::fs::write(d.join("a"), b"x").unwrap();
        nix::unistd::mkfifo(&d.join("b"), nix::sys::stat::Mode::S_IRWXU).unwrap();
        let e = NarHasher::default().hash_path(&d, &mut |_| {}).unwrap_err();
        match e {
            NarError::UnsupportedType { path } => assert_eq!(path, d.join("b")),
            other => panic!("{other}"),
        }
    }

    #[test]
    fn deep_trees_serialize_until_the_path_gets_too_long() {
        // 40 levels: past MAX_HELD_DIRS, so the deepest entries are opened by full path.
        let dir = tempfile::tempdir().unwrap();
        let mut p = dir.path().join("t");
        let top = p.clone();
        for _ in 0..40 {
            std::fs::create_dir_all(&p).unwrap();
            std::fs::write(p.join("f"), b"x").unwrap();
            p.push("d");
        }
        let mut want = tokens("nix-archive-1");
        fn level(v: &mut Vec<u8>, depth: usize) {
            put(v, "( type directory", b"");
            if depth < 39 {
                put(v, "entry ( name d node", b"");
                level(v, depth + 1);
                put(v, ")", b"");
            }
            put(
                v,
                "entry ( name f node ( type regular contents x ) ) )",
                b"",
            );
        }
        level(&mut want, 0);
        assert_eq!(nar_of(&top), want);

        // Deeper than PATH_MAX allows (1500 levels, over 4500 bytes of path): a clean error
        // naming the path, and no stack overflow on the way down.
        let root = rfs::open(
            dir.path(),
            OFlags::RDONLY | OFlags::DIRECTORY,
            Mode::empty(),
        )
        .unwrap();
        let open_dir = |at: &OwnedFd, name: &str| {
            rfs::openat(at, name, OFlags::RDONLY | OFlags::DIRECTORY, Mode::empty()).unwrap()
        };
        rfs::mkdirat(&root, "deep", Mode::RWXU).unwrap();
        let mut cur = open_dir(&root, "deep");
        for _ in 0..1500 {
            rfs::mkdirat(&cur, "dd", Mode::RWXU).unwrap();
            cur = open_dir(&cur, "dd");
        }
        let e = NarHasher::default()
            .hash_path(&dir.path().join("deep"), &mut |_| {})
            .unwrap_err();
        assert_eq!(e.io_kind(), Some(io::ErrorKind::InvalidFilename), "{e}");
        assert!(e.to_string().contains("/deep/dd/dd/dd/"), "{e}");
        // Clean up one level at a time from the top (the deep paths are too long to name).
        loop {
            let top = open_dir(&root, "deep");
            if rfs::renameat(&top, "dd", &root, "next").is_err() {
                break;
            }
            rfs::unlinkat(&root, "deep", AtFlags::REMOVEDIR).unwrap();
            rfs::renameat(&root, "next", &root, "deep").unwrap();
        }
    }

    #[test]
    fn fifos_are_rejected() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("fifo");
        nix::unistd::mkfifo(&p, nix::sys::stat::Mode::S_IRWXU).unwrap();
        let e = NarHasher::default().hash_path(&p, &mut |_| {}).unwrap_err();
        assert!(matches!(e, NarError::UnsupportedType { .. }), "{e}");
    }

    #[test]
    fn base32_round_trips_and_matches_nix() {
        // `nix-hash --type sha256 --to-base32 <hex>` for sha256("") (Nix 2.8).
        let empty = Sha256::digest(b"");
        assert_eq!(
            to_nix_base32(&empty),
            "0mdqa9w1p6cmli6976v4wi0sw9r4p5prkj7lzfd1877wk11c9c73"
        );
        for n in 0u8..=255 {
            let d: Vec<u8> = (0..32)
                .map(|i| n.wrapping_mul(31).wrapping_add(i))
                .collect();
            assert_eq!(from_nix_base32(&to_nix_base32(&d), 32).unwrap(), d);
        }
        assert!(from_nix_base32("e".repeat(52).as_str(), 32).is_none());
        assert!(
            from_nix_base32("z".repeat(52).as_str(), 32).is_none(),
            "overflow"
        );
    }

    #[test]
    fn every_hash_form_parses_to_the_same_digest() {
        let d: Sha256Digest = Sha256::digest(b"abc").into();
        let hex: String = d.iter().map(|b| format!("{b:02x}")).collect();
        let b64 = "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=";
        for form in [
            format!("sha256:{hex}"),
            format_sha256(&d),
            format!("sha256:{b64}"),
            format!("sha256-{b64}"),
        ] {
            assert_eq!(parse_hash(&form), Some(d), "{form}");
        }
        assert_eq!(parse_hash("md5:abc"), None);
        assert_eq!(parse_hash("sha256:xyz"), None);
    }
}
