//! What the initrd says about LUKS devices, read in-process and bounded.
//!
//! A NixOS initrd is one or more cpio archives ("newc", magic `070701`), usually compressed:
//! zstd by default (`boot.initrd.compressor`), gzip before, xz or lz4 by choice; an
//! uncompressed archive (CPU microcode, `boot.initrd.prepend`) may come first. The kernel reads
//! the members one after another, and so does this reader: uncompressed members directly,
//! zstd, gzip, xz and lz4 members through pure-Rust decoders (`ruzstd`, `flate2` on
//! `miniz_oxide`, `lzma-rust2`, `lz4_flex`); no external program runs. bzip2, lzma and lzo
//! members are named, not read.
//!
//! Inside the archives, two files carry the LUKS devices of `boot.initrd.luks.devices`:
//!
//! * `etc/crypttab` (systemd stage 1): `name device keyfile options` per line;
//! * the stage-1 script (`nix/store/<hash>-stage-1-init.sh`, scripted stage 1): a
//!   `cryptsetup luksOpen <device> <name>` line per device.
//!
//! Everything is bounded: at most [`Limits::input`] bytes of the file are read, the decoders
//! together produce at most [`Limits::output`] bytes (a decompression bomb hits that cap and
//! ends the scan as an error, see [`output_cap`]), decoders' memory is capped (zstd window
//! [`MAX_ZSTD_WINDOW`], xz dictionary [`MAX_XZ_MEMORY_KIB`]), at most [`MAX_ENTRIES`] entries,
//! and only the two files above are kept (each at most [`MAX_MEMBER_FILE`] bytes). A scan
//! stops at [`Limits::deadline`] (the probe's), as an error that says so: a huge or slow
//! initrd cannot hold the probe past its time.
//!
//! lz4 members are in the legacy format (`lz4 -l`, what NixOS and the kernel use): a magic
//! number, then blocks of `<u32 size><data>` with no end mark. It is read here as the kernel's
//! `lib/decompress_unlz4.c` reads an initramfs held in memory: the stream ends at the end of
//! input, at fewer than 4 bytes left, or at a block size of 0 (NUL padding after the last
//! block, which the kernel accepts since "lib/decompress_unlz4.c: correctly handle
//! zero-padding around initrds", 2021); a repeated magic number is skipped (concatenated
//! streams). Each block decompresses to at most 8 MiB (`LZ4_DEFAULT_UNCOMPRESSED_CHUNK_SIZE`).

use std::io::{self, BufRead, Read};
use std::time::Instant;

/// The largest initrd read (uncompressed initrds of 100-300 MiB exist).
pub const MAX_INITRD: u64 = 1 << 30;
/// The most the decoders may produce in all, whatever the file's size.
pub const MAX_DECOMPRESSED: u64 = 1 << 30;
/// The least the decoders may produce (small initrds of any real content).
pub const MIN_DECOMPRESSED: u64 = 64 << 20;
/// Decompressed output allowed per byte of file: real initrds compress 3-6 times (zstd -19,
/// xz); a bomb compresses thousands of times.
pub const OUTPUT_RATIO: u64 = 32;
/// The largest zstd window accepted (NixOS's `zstd -19` uses 8 MiB).
pub const MAX_ZSTD_WINDOW: u64 = 64 << 20;
/// The most memory an xz block's dictionary may need, in KiB (NixOS uses a 512 KiB dictionary).
pub const MAX_XZ_MEMORY_KIB: u32 = 64 << 10;
/// At most this many cpio entries.
pub const MAX_ENTRIES: usize = 200_000;
/// The largest crypttab or stage-1 script kept.
pub const MAX_MEMBER_FILE: u64 = 4 << 20;

/// How much one scan may read and produce.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Bytes of the initrd file read at most.
    pub input: u64,
    /// Bytes the decoders may produce in all.
    pub output: u64,
    /// When the scan must stop (the probe's deadline); `None`: no time limit.
    pub deadline: Option<Instant>,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            input: MAX_INITRD,
            output: MAX_DECOMPRESSED,
            deadline: None,
        }
    }
}

/// The error a read returns once the deadline has passed.
fn past_deadline(deadline: Option<Instant>) -> io::Result<()> {
    match deadline {
        Some(d) if Instant::now() >= d => Err(io::Error::new(
            io::ErrorKind::TimedOut,
            "the probe's deadline passed",
        )),
        _ => Ok(()),
    }
}

/// The decompressed-output cap for an initrd file of `file_size` bytes:
/// [`OUTPUT_RATIO`] times its size, within [`MIN_DECOMPRESSED`]..=[`MAX_DECOMPRESSED`].
pub fn output_cap(file_size: u64) -> u64 {
    file_size
        .saturating_mul(OUTPUT_RATIO)
        .clamp(MIN_DECOMPRESSED, MAX_DECOMPRESSED)
}

/// A file found in the initrd that may name LUKS devices.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InitrdFile {
    /// Its name inside the archive (`etc/crypttab`).
    pub name: String,
    /// Its contents (lossy UTF-8).
    pub text: String,
}

/// The result of reading an initrd.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InitrdScan {
    /// The interesting files found.
    pub files: Vec<InitrdFile>,
    /// How many cpio entries were seen.
    pub entries: usize,
    /// Each member's format, in order (`cpio`, `zstd`, `gzip`, ...).
    pub members: Vec<String>,
    /// Bytes the decoders produced.
    pub decompressed: u64,
    /// Whether everything was read (no unread member, no cap hit, no damage).
    pub complete: bool,
    /// Why it is not complete.
    pub note: Option<String>,
    /// Whether that is an error (a cap hit, a damaged member) rather than an unread format.
    pub error: bool,
}

/// The compression format named by the first bytes of a member, if it is one.
pub fn compression(magic: &[u8]) -> Option<&'static str> {
    const FORMATS: &[(&[u8], &str)] = &[
        (&[0x28, 0xb5, 0x2f, 0xfd], "zstd"),
        (&[0x1f, 0x8b], "gzip"),
        (&[0xfd, b'7', b'z', b'X', b'Z', 0], "xz"),
        (&[0x02, 0x21, 0x4c, 0x18], "lz4"),
        (&[0x04, 0x22, 0x4d, 0x18], "lz4"),
        (b"BZh", "bzip2"),
        (&[0x5d, 0x00, 0x00], "lzma"),
        (&[0x89, b'L', b'Z', b'O'], "lzo"),
    ];
    FORMATS
        .iter()
        .find(|(m, _)| magic.starts_with(m))
        .map(|(_, f)| *f)
}

/// Whether [`scan`] decompresses members of this format.
pub fn decoded(format: &str) -> bool {
    matches!(format, "zstd" | "gzip" | "xz" | "lz4")
}

fn interesting(name: &str) -> bool {
    name == "etc/crypttab" || (name.starts_with("nix/store/") && name.ends_with("-stage-1-init.sh"))
}

/// A reader that counts what it consumed, refuses to go past a limit, and fails once the
/// deadline has passed.
struct Counted<R> {
    inner: R,
    read: u64,
    limit: u64,
    deadline: Option<Instant>,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        past_deadline(self.deadline)?;
        let left = self.limit.saturating_sub(self.read);
        if left == 0 {
            return Ok(0);
        }
        let want = buf.len().min(usize::try_from(left).unwrap_or(usize::MAX));
        let n = self.inner.read(&mut buf[..want])?;
        self.read += n as u64;
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counted<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        past_deadline(self.deadline)?;
        let left = usize::try_from(self.limit.saturating_sub(self.read)).unwrap_or(usize::MAX);
        let buf = self.inner.fill_buf()?;
        Ok(&buf[..buf.len().min(left)])
    }

    fn consume(&mut self, amt: usize) {
        self.read += amt as u64;
        self.inner.consume(amt);
    }
}

/// A decoder's output, refused past `cap` bytes: reading more is an error, and `hit` is set.
/// Past the deadline every read fails (a decoder can produce much from little input).
struct Capped<R> {
    inner: R,
    out: u64,
    cap: u64,
    hit: bool,
    deadline: Option<Instant>,
}

impl<R: Read> Read for Capped<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        past_deadline(self.deadline)?;
        let left = self.cap.saturating_sub(self.out);
        if left == 0 {
            let mut one = [0u8; 1];
            if self.inner.read(&mut one)? == 0 {
                return Ok(0);
            }
            self.hit = true;
            return Err(io::Error::other(format!(
                "decompressed output over the {}-byte cap",
                self.cap
            )));
        }
        let want = buf.len().min(usize::try_from(left).unwrap_or(usize::MAX));
        let n = self.inner.read(&mut buf[..want])?;
        self.out += n as u64;
        Ok(n)
    }
}

/// Read exactly `buf.len()` bytes; `Ok(false)` on a clean end of input before the first byte.
fn fill<R: Read>(r: &mut R, buf: &mut [u8]) -> io::Result<bool> {
    let mut got = 0;
    while got < buf.len() {
        let n = r.read(&mut buf[got..])?;
        if n == 0 {
            if got == 0 {
                return Ok(false);
            }
            return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "truncated"));
        }
        got += n;
    }
    Ok(true)
}

fn skip<R: Read>(r: &mut R, n: u64) -> io::Result<()> {
    let copied = io::copy(&mut r.take(n), &mut io::sink())?;
    if copied < n {
        return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "truncated"));
    }
    Ok(())
}

fn hex_field(h: &[u8], i: usize) -> Option<u64> {
    let s = std::str::from_utf8(h.get(6 + i * 8..6 + (i + 1) * 8)?).ok()?;
    u64::from_str_radix(s, 16).ok()
}

fn pad4(n: u64) -> u64 {
    (4 - n % 4) % 4
}

fn is_cpio(magic: &[u8]) -> bool {
    magic == b"070701" || magic == b"070702"
}

/// Scan an initrd stream with the default [`Limits`].
pub fn scan<R: BufRead>(input: R) -> InitrdScan {
    scan_with(input, Limits::default())
}

/// Scan an initrd stream within `limits`.
pub fn scan_with<R: BufRead>(input: R, limits: Limits) -> InitrdScan {
    let mut r = Counted {
        inner: input,
        read: 0,
        limit: limits.input,
        deadline: limits.deadline,
    };
    let mut out = InitrdScan::default();
    match outer_members(&mut r, &mut out, limits.output) {
        Ok(()) => {
            if out.note.is_none() {
                out.complete = true;
            }
        }
        Err(e) if e.kind() == io::ErrorKind::TimedOut => {
            out.note = Some(timed_out_note(r.read, out.decompressed));
            out.error = true;
        }
        Err(e) => {
            out.note = Some(format!("cpio unreadable after {} bytes: {e}", r.read));
            out.error = true;
        }
    }
    out
}

/// The note of a scan the deadline stopped.
fn timed_out_note(read: u64, decompressed: u64) -> String {
    format!(
        "stopped at the probe's deadline after {read} bytes of the file \
         ({decompressed} decompressed): the rest of the initrd was not read"
    )
}

/// The magic of the next member after NUL padding, or `None` at the end of input.
fn next_magic<R: Read>(r: &mut R) -> io::Result<Option<[u8; 6]>> {
    let mut first = [0u8; 1];
    loop {
        if !fill(r, &mut first)? {
            return Ok(None);
        }
        if first[0] != 0 {
            break;
        }
    }
    let mut head = [first[0], 0, 0, 0, 0, 0];
    if !fill(r, &mut head[1..])? {
        return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "truncated"));
    }
    Ok(Some(head))
}

/// The members of the file: cpio archives and compressed ones, one after another.
fn outer_members<R: BufRead>(
    r: &mut Counted<R>,
    out: &mut InitrdScan,
    output_cap: u64,
) -> io::Result<()> {
    loop {
        let Some(magic) = next_magic(r)? else {
            if r.read >= r.limit {
                out.note = Some(format!("stopped at the {}-byte limit", r.limit));
            }
            return Ok(());
        };
        if is_cpio(&magic) {
            out.members.push("cpio".to_string());
            if !cpio_archive(r, magic, out)? {
                return Ok(());
            }
            continue;
        }
        let at = r.read - 6;
        let format = compression(&magic).unwrap_or("unknown format");
        out.members.push(format.to_string());
        if !decoded(format) {
            out.note = Some(match compression(&magic) {
                Some(f) => format!("a {f} member after {at} bytes is not read in-process"),
                None => format!("a member of unknown format after {at} bytes is not read"),
            });
            return Ok(());
        }
        let left = output_cap.saturating_sub(out.decompressed);
        let deadline = r.deadline;
        let src = io::Cursor::new(magic).chain(&mut *r);
        let decoder: Box<dyn Read + '_> = match format {
            "zstd" => {
                match ruzstd::decoding::StreamingDecoder::new_with_max_window_size(
                    src,
                    MAX_ZSTD_WINDOW,
                ) {
                    Ok(d) => Box::new(d),
                    Err(e) => {
                        out.note = Some(format!("the zstd member after {at} bytes: {e}"));
                        out.error = true;
                        return Ok(());
                    }
                }
            }
            "gzip" => Box::new(flate2::bufread::GzDecoder::new(src)),
            "xz" => Box::new(lzma_rust2::XzReader::new_mem_limit(
                src,
                false,
                MAX_XZ_MEMORY_KIB,
            )),
            _ if magic.starts_with(&LZ4_LEGACY_MAGIC) => Box::new(Lz4Legacy::new(src)),
            _ => Box::new(lz4_flex::frame::FrameDecoder::new(src)),
        };
        let mut capped = Capped {
            inner: decoder,
            out: 0,
            cap: left,
            hit: false,
            deadline,
        };
        let res = inner_members(&mut capped, out);
        out.decompressed += capped.out;
        match res {
            Ok(true) => {}
            Ok(false) => return Ok(()),
            // scan_with says where it stopped.
            Err(e) if e.kind() == io::ErrorKind::TimedOut => return Err(e),
            Err(_) if capped.hit => {
                out.note = Some(format!(
                    "the {format} member after {at} bytes decompresses to more than the \
                     {output_cap}-byte cap ({} times the file, at most {MAX_DECOMPRESSED}): \
                     stopped, a decompression bomb or a damaged initrd",
                    OUTPUT_RATIO
                ));
                out.error = true;
                return Ok(());
            }
            Err(e) => {
                out.note = Some(format!(
                    "the {format} member after {at} bytes is unreadable after {} decompressed \
                     bytes: {e}",
                    capped.out
                ));
                out.error = true;
                return Ok(());
            }
        }
    }
}

/// The magic number of the legacy lz4 format (`lz4 -l`), little-endian 0x184C2102.
const LZ4_LEGACY_MAGIC: [u8; 4] = [0x02, 0x21, 0x4c, 0x18];
/// What one legacy lz4 block decompresses to at most (the kernel's
/// `LZ4_DEFAULT_UNCOMPRESSED_CHUNK_SIZE`).
const LZ4_LEGACY_BLOCK: usize = 8 << 20;

/// A reader of the legacy lz4 format, ending where the kernel's `unlz4` ends (see the module
/// documentation). It never reads past the block size word of 0 that ends it, so what
/// follows (NUL padding, another member) is left to the caller.
struct Lz4Legacy<R> {
    inner: R,
    started: bool,
    done: bool,
    block: Vec<u8>,
    out: Vec<u8>,
    pos: usize,
}

impl<R: Read> Lz4Legacy<R> {
    fn new(inner: R) -> Self {
        Lz4Legacy {
            inner,
            started: false,
            done: false,
            block: Vec::new(),
            out: Vec::new(),
            pos: 0,
        }
    }

    /// Up to 4 bytes: the next word, or `None` when fewer than 4 are left (the end).
    fn word(&mut self) -> io::Result<Option<u32>> {
        let mut w = [0u8; 4];
        let mut got = 0;
        while got < 4 {
            let n = self.inner.read(&mut w[got..])?;
            if n == 0 {
                return Ok(None);
            }
            got += n;
        }
        Ok(Some(u32::from_le_bytes(w)))
    }

    /// Decode the next block into `out`; `false` at the end of the stream.
    fn next_block(&mut self) -> io::Result<bool> {
        let magic = u32::from_le_bytes(LZ4_LEGACY_MAGIC);
        if !self.started {
            self.started = true;
            if self.word()? != Some(magic) {
                return Err(io::Error::new(io::ErrorKind::InvalidData, "invalid header"));
            }
        }
        loop {
            let size = match self.word()? {
                None | Some(0) => return Ok(false),
                Some(w) if w == magic => continue,
                Some(w) => w,
            };
            let bound = lz4_flex::block::get_maximum_output_size(LZ4_LEGACY_BLOCK);
            let size = usize::try_from(size).unwrap_or(usize::MAX);
            if size > bound {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    "chunk length is longer than allocated",
                ));
            }
            self.block.resize(size, 0);
            self.inner.read_exact(&mut self.block)?;
            self.out.resize(LZ4_LEGACY_BLOCK, 0);
            let n = lz4_flex::block::decompress_into(&self.block, &mut self.out)
                .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
            self.out.truncate(n);
            self.pos = 0;
            if n > 0 {
                return Ok(true);
            }
        }
    }
}

impl<R: Read> Read for Lz4Legacy<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.pos == self.out.len() {
            if self.done || buf.is_empty() {
                return Ok(0);
            }
            if !self.next_block()? {
                self.done = true;
                return Ok(0);
            }
        }
        let n = buf.len().min(self.out.len() - self.pos);
        buf[..n].copy_from_slice(&self.out[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

/// The cpio archives inside a decompressed member; `Ok(false)` when the scan stopped.
fn inner_members<R: Read>(r: &mut R, out: &mut InitrdScan) -> io::Result<bool> {
    while let Some(magic) = next_magic(r)? {
        if !is_cpio(&magic) {
            let format = compression(&magic).unwrap_or("unknown format");
            out.note = Some(format!(
                "a {format} member inside a compressed member is not read"
            ));
            return Ok(false);
        }
        if !cpio_archive(r, magic, out)? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// One cpio archive, from its first header (whose magic is read) to `TRAILER!!!`;
/// `Ok(false)` when the entry cap stopped the scan.
fn cpio_archive<R: Read>(r: &mut R, magic: [u8; 6], out: &mut InitrdScan) -> io::Result<bool> {
    let mut head = [0u8; 110];
    head[..6].copy_from_slice(&magic);
    let mut first_entry = true;
    loop {
        if !first_entry && !fill(r, &mut head[..6])? {
            return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "truncated"));
        }
        first_entry = false;
        if !is_cpio(&head[..6]) {
            return Err(io::Error::new(io::ErrorKind::InvalidData, "bad cpio magic"));
        }
        if !fill(r, &mut head[6..])? {
            return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "truncated"));
        }
        let bad = || io::Error::new(io::ErrorKind::InvalidData, "bad cpio header");
        let mode = hex_field(&head, 1).ok_or_else(bad)?;
        let size = hex_field(&head, 6).ok_or_else(bad)?;
        let namesize = hex_field(&head, 11).ok_or_else(bad)?;
        if namesize == 0 || namesize > 4096 {
            return Err(bad());
        }
        let mut name = vec![0u8; usize::try_from(namesize).map_err(|_| bad())?];
        if !fill(r, &mut name)? {
            return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "truncated"));
        }
        skip(r, pad4(110 + namesize))?;
        name.pop(); // the NUL
        let name = String::from_utf8_lossy(&name).into_owned();
        let name = name.trim_start_matches("./").to_string();
        if name == "TRAILER!!!" {
            skip(r, size + pad4(size))?;
            return Ok(true);
        }
        out.entries += 1;
        if out.entries > MAX_ENTRIES {
            out.note = Some(format!("over {MAX_ENTRIES} entries: stopped"));
            return Ok(false);
        }
        let regular = mode & 0o170000 == 0o100000;
        if regular && interesting(&name) && size <= MAX_MEMBER_FILE {
            let mut data = vec![0u8; usize::try_from(size).map_err(|_| bad())?];
            if !fill(r, &mut data)? && size > 0 {
                return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "truncated"));
            }
            skip(r, pad4(size))?;
            out.files.push(InitrdFile {
                name,
                text: String::from_utf8_lossy(&data).into_owned(),
            });
        } else {
            skip(r, size + pad4(size))?;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(out: &mut Vec<u8>, name: &str, mode: u32, data: &[u8]) {
        let namesize = name.len() + 1;
        out.extend_from_slice(
            format!(
                "070701{:08X}{mode:08X}{:08X}{:08X}{:08X}{:08X}{:08X}{:08X}{:08X}{:08X}{:08X}{namesize:08X}{:08X}",
                1, 0, 0, 1, 0, data.len(), 0, 0, 0, 0, 0
            )
            .as_bytes(),
        );
        out.extend_from_slice(name.as_bytes());
        out.push(0);
        while !out.len().is_multiple_of(4) {
            out.push(0);
        }
        out.extend_from_slice(data);
        while !out.len().is_multiple_of(4) {
            out.push(0);
        }
    }

    fn archive(files: &[(&str, &[u8])]) -> Vec<u8> {
        let mut v = Vec::new();
        entry(&mut v, ".", 0o40755, b"");
        for (n, d) in files {
            entry(&mut v, n, 0o100644, d);
        }
        entry(&mut v, "TRAILER!!!", 0, b"");
        v
    }

    #[test]
    fn finds_crypttab_and_the_stage_1_script_in_concatenated_members() {
        let mut v = archive(&[("etc/crypttab", b"root /dev/disk/by-uuid/a - luks\n")]);
        v.extend(std::iter::repeat_n(0u8, 512 - v.len() % 512));
        v.extend(archive(&[
            ("init", b"x"),
            (
                "nix/store/aaaa-stage-1-init.sh",
                b"cryptsetup luksOpen /dev/sda2 crypt\n",
            ),
        ]));
        let s = scan(&v[..]);
        assert!(s.complete, "{s:?}");
        assert_eq!(s.members, ["cpio", "cpio"]);
        assert_eq!(s.entries, 5);
        assert_eq!(s.files.len(), 2);
        assert_eq!(s.files[1].name, "nix/store/aaaa-stage-1-init.sh");
    }

    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(&mut e, data).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn a_gzip_member_is_decompressed_and_what_follows_it_is_read() {
        // microcode cpio, then a gzip member, then another cpio: the kernel reads all three.
        let mut v = archive(&[("kernel/x86/microcode/GenuineIntel.bin", b"ucode")]);
        v.extend(gzip(&archive(&[(
            "etc/crypttab",
            b"cryptroot /dev/disk/by-uuid/aa - luks\n",
        )])));
        v.extend([0u8; 3]);
        v.extend(archive(&[(
            "nix/store/aaaa-stage-1-init.sh",
            b"cryptsetup luksOpen /dev/sda2 crypt\n",
        )]));
        let s = scan(&v[..]);
        assert!(s.complete, "{s:?}");
        assert!(!s.error);
        assert_eq!(s.members, ["cpio", "gzip", "cpio"]);
        assert_eq!(s.files.len(), 2);
        assert_eq!(s.files[0].name, "etc/crypttab");
        assert!(s.decompressed > 0);
    }

    #[test]
    fn a_decompression_bomb_hits_the_output_cap_and_is_an_error() {
        let big = vec![0u8; 4 << 20];
        let bomb = gzip(&archive(&[
            ("big", &big),
            ("etc/crypttab", b"x /dev/sda1\n"),
        ]));
        assert!(bomb.len() < 64 << 10, "{}", bomb.len());
        let s = scan_with(
            &bomb[..],
            Limits {
                input: MAX_INITRD,
                output: 1 << 20,
                deadline: None,
            },
        );
        assert!(!s.complete);
        assert!(s.error);
        assert_eq!(s.decompressed, 1 << 20);
        assert!(
            s.note.as_deref().unwrap().contains("1048576-byte cap"),
            "{s:?}"
        );
        assert!(s.files.is_empty());
        // Within a cap that fits, the same member reads completely.
        let s = scan_with(
            &bomb[..],
            Limits {
                input: MAX_INITRD,
                output: 8 << 20,
                deadline: None,
            },
        );
        assert!(s.complete, "{s:?}");
        assert_eq!(s.files.len(), 1);
        // The cap follows the file's size, within its bounds.
        assert_eq!(output_cap(1000), MIN_DECOMPRESSED);
        assert_eq!(output_cap(10 << 20), 320 << 20);
        assert_eq!(output_cap(u64::MAX), MAX_DECOMPRESSED);
    }

    #[test]
    fn a_damaged_compressed_member_is_an_error_and_an_unknown_one_is_named() {
        let mut v = archive(&[]);
        v.extend([0x28, 0xb5, 0x2f, 0xfd, 1, 2, 3, 4]);
        let s = scan(&v[..]);
        assert!(!s.complete && s.error, "{s:?}");
        assert_eq!(s.members, ["cpio", "zstd"]);
        let mut g = gzip(&archive(&[("etc/crypttab", b"x /dev/sda1\n")]));
        let n = g.len();
        g[n / 2] ^= 0xff;
        g.truncate(n - 4);
        let s = scan(&g[..]);
        assert!(!s.complete && s.error, "{s:?}");
        assert!(s.note.unwrap().contains("gzip member"));
        let s = scan(&b"BZh91AY&SY"[..]);
        assert_eq!(s.members, ["bzip2"]);
        assert!(!s.complete && !s.error);
        assert!(s.note.unwrap().contains("not read in-process"));
    }

    /// A legacy lz4 stream (`lz4 -l`) as the lz4 tool writes it: the magic, then each 8 MiB
    /// chunk as `<u32 size><block>`.
    fn lz4_legacy(data: &[u8]) -> Vec<u8> {
        let mut v = LZ4_LEGACY_MAGIC.to_vec();
        for chunk in data.chunks(LZ4_LEGACY_BLOCK) {
            let block = lz4_flex::block::compress(chunk);
            v.extend(u32::try_from(block.len()).unwrap().to_le_bytes());
            v.extend(block);
        }
        v
    }

    #[test]
    fn legacy_lz4_ends_where_the_kernel_ends_it() {
        let main = archive(&[("etc/crypttab", b"root /dev/sda2 - luks\n")]);
        let tail = archive(&[(
            "nix/store/aaaa-stage-1-init.sh",
            b"cryptsetup luksOpen /dev/sda3 crypt\n",
        )]);
        // NUL padding after the last block (any length): the stream ends at the end of input
        // or at the zero size word. With a whole zero word before another member, the kernel
        // stops the lz4 stream there, skips the NULs and reads the member.
        for pad in [0usize, 2, 4, 13, 512] {
            let mut v = lz4_legacy(&main);
            v.extend(std::iter::repeat_n(0u8, pad));
            let alone = scan(&v[..]);
            assert!(alone.complete, "pad {pad}: {alone:?}");
            assert_eq!(alone.members, ["lz4"]);
            assert_eq!(alone.files.len(), 1);
            if pad < 4 {
                continue;
            }
            v.extend(&tail);
            let s = scan(&v[..]);
            assert!(s.complete, "pad {pad}: {s:?}");
            assert_eq!(s.members, ["lz4", "cpio"]);
            assert_eq!(s.files.len(), 2, "pad {pad}");
        }
        // Two legacy streams back to back (the magic repeated) read as one.
        let mut v = lz4_legacy(&main);
        v.extend(&lz4_legacy(&tail)[..]);
        let s = scan(&v[..]);
        assert!(s.complete, "{s:?}");
        assert_eq!(s.files.len(), 2);
        // Trailing garbage is damage, as it is to the kernel.
        let mut v = lz4_legacy(&main);
        v.extend([0xff; 8]);
        let s = scan(&v[..]);
        assert!(!s.complete && s.error, "{s:?}");
    }

    #[test]
    fn a_scan_stops_at_the_deadline_as_an_error() {
        let big = vec![7u8; 1 << 20];
        let v = gzip(&archive(&[
            ("big", &big),
            ("etc/crypttab", b"x /dev/sda1\n"),
        ]));
        let past = Instant::now();
        let s = scan_with(
            &v[..],
            Limits {
                deadline: Some(past),
                ..Limits::default()
            },
        );
        assert!(!s.complete && s.error, "{s:?}");
        assert!(s.note.as_deref().unwrap().contains("deadline"), "{s:?}");
        assert!(s.files.is_empty());
        // A deadline that does not pass changes nothing.
        let later = Instant::now() + std::time::Duration::from_secs(3600);
        let s = scan_with(
            &v[..],
            Limits {
                deadline: Some(later),
                ..Limits::default()
            },
        );
        assert!(s.complete, "{s:?}");
        assert_eq!(s.files.len(), 1);
    }

    #[test]
    fn truncated_or_hostile_headers_end_the_scan_with_a_note() {
        let v = archive(&[("etc/crypttab", b"root /dev/sda1")]);
        let s = scan(&v[..v.len() - 20]);
        assert!(!s.complete);
        let mut bad = v.clone();
        bad[6 + 11 * 8..6 + 12 * 8].copy_from_slice(b"FFFFFFFF");
        let s = scan(&bad[..]);
        assert!(!s.complete);
        assert!(s.note.unwrap().contains("bad cpio header"));
    }
}
