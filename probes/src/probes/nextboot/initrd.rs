//! What the initrd says about LUKS devices, read in-process and bounded.
//!
//! A NixOS initrd is one or more cpio archives ("newc", magic `070701`), usually compressed
//! (zstd by default since the kernel supports it, gzip, xz or lz4 before). Only uncompressed
//! members are read here: decompressing a file other users may control would need a decoder
//! for each format, and a compressed member is reported by its format instead, with the
//! command that reads it by hand. Inside an uncompressed member, two files carry the LUKS
//! devices of `boot.initrd.luks.devices`:
//!
//! * `etc/crypttab` (systemd stage 1): `name device keyfile options` per line;
//! * the stage-1 script (`nix/store/<hash>-stage-1-init.sh`, scripted stage 1): a
//!   `cryptsetup luksOpen <device> <name>` line per device.
//!
//! The reader streams the file: headers are parsed, contents are skipped except for those two
//! files (each at most [`MAX_MEMBER_FILE`] bytes), at most [`MAX_ENTRIES`] entries and
//! [`MAX_INITRD`] bytes in all.

use std::io::{self, Read};

/// The largest initrd read (uncompressed initrds of 100-300 MiB exist).
pub const MAX_INITRD: u64 = 1 << 30;
/// At most this many cpio entries.
pub const MAX_ENTRIES: usize = 200_000;
/// The largest crypttab or stage-1 script kept.
pub const MAX_MEMBER_FILE: u64 = 4 << 20;

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
    /// Whether everything was read (no compressed member, no cap hit, no damage).
    pub complete: bool,
    /// Why it is not complete.
    pub note: Option<String>,
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

fn interesting(name: &str) -> bool {
    name == "etc/crypttab" || (name.starts_with("nix/store/") && name.ends_with("-stage-1-init.sh"))
}

/// A reader that counts what it consumed and refuses to go past a limit.
struct Counted<R> {
    inner: R,
    read: u64,
    limit: u64,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
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

/// Scan an initrd stream (at most [`MAX_INITRD`] bytes of it).
pub fn scan<R: Read>(input: R) -> InitrdScan {
    let mut r = Counted {
        inner: input,
        read: 0,
        limit: MAX_INITRD,
    };
    let mut out = InitrdScan::default();
    match scan_members(&mut r, &mut out) {
        Ok(()) => {
            if out.note.is_none() {
                out.complete = true;
            }
        }
        Err(e) => {
            out.note = Some(format!("cpio unreadable after {} bytes: {e}", r.read));
        }
    }
    out
}

fn scan_members<R: Read>(r: &mut Counted<R>, out: &mut InitrdScan) -> io::Result<()> {
    let mut head = [0u8; 110];
    loop {
        // Between members: NUL padding (to 4 or 512 bytes), then a magic.
        let mut first = [0u8; 1];
        loop {
            if !fill(r, &mut first)? {
                if r.read >= r.limit {
                    out.note = Some(format!("stopped at the {}-byte limit", r.limit));
                }
                return Ok(());
            }
            if first[0] != 0 {
                break;
            }
        }
        head[0] = first[0];
        if !fill(r, &mut head[1..6])? {
            return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "truncated"));
        }
        if &head[..6] != b"070701" && &head[..6] != b"070702" {
            let format = compression(&head[..6]).unwrap_or("unknown format");
            out.members.push(format.to_string());
            out.note = Some(format!(
                "a {format} member after {} bytes is not read in-process",
                r.read - 6
            ));
            return Ok(());
        }
        out.members.push("cpio".to_string());
        // One member: entries until TRAILER!!!.
        let mut first_entry = true;
        loop {
            if !first_entry && !fill(r, &mut head[..6])? {
                return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "truncated"));
            }
            first_entry = false;
            if &head[..6] != b"070701" && &head[..6] != b"070702" {
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
                break;
            }
            out.entries += 1;
            if out.entries > MAX_ENTRIES {
                out.note = Some(format!("over {MAX_ENTRIES} entries: stopped"));
                return Ok(());
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

    #[test]
    fn a_compressed_member_is_named_not_read() {
        let mut v = archive(&[]);
        v.extend([0x28, 0xb5, 0x2f, 0xfd, 1, 2, 3, 4]);
        let s = scan(&v[..]);
        assert!(!s.complete);
        assert_eq!(s.members, ["cpio", "zstd"]);
        assert!(s.note.unwrap().contains("zstd member"));
        let s = scan(&[0x1f, 0x8b, 8, 0, 0, 0][..]);
        assert_eq!(s.members, ["gzip"]);
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
