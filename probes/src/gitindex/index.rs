//! A reader of git's index file (`.git/index`), versions 2 to 4, that never trusts its input.
//!
//! Layout (gitformat-index(5)): a 12-byte header (`DIRC`, version, entry count), the entries
//! sorted by path, optional extensions (4-byte signature, 4-byte size, data), and a trailing
//! checksum of everything before it (SHA-1 or SHA-256, as the repository's object format;
//! all zero when `index.skipHash` is set). Each entry holds the stat data git recorded, the
//! mode, the object id of the staged blob, 16 bits of flags (assume-valid, extended, stage,
//! name length), in version 3+ 16 more (skip-worktree, intent-to-add) when `extended` is set,
//! and the path as bytes: NUL-terminated and padded to 8 bytes in versions 2 and 3,
//! prefix-compressed against the previous path (a varint of bytes to drop, then the rest) in
//! version 4.
//!
//! Extensions whose signature starts with an uppercase letter are optional caches (TREE,
//! REUC, UNTR, FSMN, EOIE, IEOT, ...) and are skipped. A lowercase one changes what the
//! entries mean: `link` (split index: most entries live in a shared index file) and `sdir`
//! (sparse index: directories stand for whole subtrees) are refused with a typed error,
//! never read as if the entries were complete.
//!
//! Every size comes from the file and is checked against what is left before it is used; the
//! file itself is capped at [`MAX_INDEX_BYTES`], the entries at [`MAX_ENTRIES`] and a path at
//! [`MAX_PATH_BYTES`], so a corrupt, truncated or hostile index gives an [`IndexError`].

use sha1::Digest;

/// Largest index read (64 MiB). A v2 index costs about 70 bytes plus the path per entry, so
/// this holds several hundred thousand files; a system flake has dozens.
pub const MAX_INDEX_BYTES: u64 = 64 * 1024 * 1024;
/// Most entries accepted.
pub const MAX_ENTRIES: u32 = 1_000_000;
/// Longest path accepted (Linux's PATH_MAX).
pub const MAX_PATH_BYTES: usize = 4096;

/// Bytes of an entry before the object id: ten 32-bit stat and mode fields.
const STAT_BYTES: usize = 40;
/// `flags` after the object id.
const FLAGS_BYTES: usize = 2;

/// The hash function of a repository's objects (`extensions.objectFormat`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ObjectFormat {
    /// SHA-1, 20 bytes (the default).
    Sha1,
    /// SHA-256, 32 bytes.
    Sha256,
}

impl ObjectFormat {
    /// Bytes of an object id.
    pub fn hash_len(self) -> usize {
        match self {
            ObjectFormat::Sha1 => 20,
            ObjectFormat::Sha256 => 32,
        }
    }

    /// Name as git's config spells it.
    pub fn name(self) -> &'static str {
        match self {
            ObjectFormat::Sha1 => "sha1",
            ObjectFormat::Sha256 => "sha256",
        }
    }

    /// Hash of `parts` concatenated.
    pub fn digest(self, parts: &[&[u8]]) -> Vec<u8> {
        match self {
            ObjectFormat::Sha1 => {
                let mut h = sha1::Sha1::new();
                for p in parts {
                    h.update(p);
                }
                h.finalize().to_vec()
            }
            ObjectFormat::Sha256 => {
                let mut h = sha2::Sha256::new();
                for p in parts {
                    h.update(p);
                }
                h.finalize().to_vec()
            }
        }
    }

    /// The object id git gives a blob with this content (`blob <len>\0<content>`).
    pub fn blob_id(self, content: &[u8]) -> Vec<u8> {
        let header = format!("blob {}\0", content.len());
        self.digest(&[header.as_bytes(), content])
    }
}

/// Why an index could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IndexError {
    /// Over [`MAX_INDEX_BYTES`].
    #[error("index is {0} bytes, over the {MAX_INDEX_BYTES}-byte limit; not read")]
    TooLarge(u64),
    /// Not an index file (wrong signature).
    #[error("not a git index (no DIRC signature)")]
    NotAnIndex,
    /// A version this reader does not know.
    #[error("index version {0} is not supported (2, 3 and 4 are)")]
    Version(u32),
    /// More entries than [`MAX_ENTRIES`].
    #[error("index claims {0} entries, over the limit of {MAX_ENTRIES}")]
    TooManyEntries(u32),
    /// The file ends inside an entry, an extension or the checksum.
    #[error("index is truncated ({0})")]
    Truncated(String),
    /// A structural error: a field that cannot be right.
    #[error("index is corrupt: {0}")]
    Corrupt(String),
    /// The trailing checksum does not match the content.
    #[error("index checksum does not match its content (corrupt, or written half-way)")]
    Checksum,
    /// A mandatory extension this reader does not implement.
    #[error("{what} (`{signature}` extension) is not read by the audit")]
    Unsupported {
        /// The 4-byte signature.
        signature: String,
        /// What it is, in words.
        what: String,
    },
}

/// One entry of the index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexEntry {
    /// Path relative to the work tree, `/`-separated, as bytes (git paths need not be UTF-8).
    pub path: Vec<u8>,
    /// `st_ctime` seconds and nanoseconds when git last looked at the file.
    pub ctime: (u32, u32),
    /// `st_mtime` seconds and nanoseconds.
    pub mtime: (u32, u32),
    /// `st_dev`, truncated to 32 bits.
    pub dev: u32,
    /// `st_ino`, truncated to 32 bits.
    pub ino: u32,
    /// Mode: 0o100644, 0o100755, 0o120000 (symlink) or 0o160000 (gitlink).
    pub mode: u32,
    /// `st_uid`.
    pub uid: u32,
    /// `st_gid`.
    pub gid: u32,
    /// `st_size`, truncated to 32 bits (0 when git smudged a racily clean entry).
    pub size: u32,
    /// Object id of the staged content.
    pub oid: Vec<u8>,
    /// Merge stage: 0 normally, 1 to 3 for an unresolved conflict.
    pub stage: u8,
    /// `assume-unchanged` (git does not look at the work tree file).
    pub assume_valid: bool,
    /// `skip-worktree` (sparse checkout: git does not look at the work tree file).
    pub skip_worktree: bool,
    /// `intent-to-add` (`git add -N`: the path is known, its content not staged).
    pub intent_to_add: bool,
}

/// Mode of a regular file entry, either permission.
pub const MODE_FILE: u32 = 0o100644;
/// Mode of an executable file entry.
pub const MODE_EXEC: u32 = 0o100755;
/// Mode of a symlink entry.
pub const MODE_SYMLINK: u32 = 0o120000;
/// Mode of a gitlink (submodule) entry.
pub const MODE_GITLINK: u32 = 0o160000;
/// Mode of a sparse-directory entry (sparse index only).
const MODE_DIR: u32 = 0o040000;

/// A parsed index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Index {
    /// 2, 3 or 4.
    pub version: u32,
    /// The entries, in file order (sorted by path, then stage).
    pub entries: Vec<IndexEntry>,
    /// Signatures of the optional extensions that were skipped.
    pub skipped_extensions: Vec<String>,
    /// Whether the trailing checksum was all zero (`index.skipHash`) and so not verified.
    pub checksum_skipped: bool,
}

struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize, what: &str) -> Result<&'a [u8], IndexError> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|e| *e <= self.buf.len())
            .ok_or_else(|| IndexError::Truncated(format!("in {what} at byte {}", self.pos)))?;
        let s = &self.buf[self.pos..end];
        self.pos = end;
        Ok(s)
    }

    fn u32(&mut self, what: &str) -> Result<u32, IndexError> {
        let b = self.take(4, what)?;
        Ok(u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn u16(&mut self, what: &str) -> Result<u16, IndexError> {
        let b = self.take(2, what)?;
        Ok(u16::from_be_bytes([b[0], b[1]]))
    }

    /// Git's offset varint (index v4): 7 bits a byte, high bit = more, +1 per continuation.
    fn varint(&mut self) -> Result<usize, IndexError> {
        let mut byte = self.take(1, "path prefix length")?[0];
        let mut value = usize::from(byte & 0x7f);
        while byte & 0x80 != 0 {
            byte = self.take(1, "path prefix length")?[0];
            value = value
                .checked_add(1)
                .and_then(|v| v.checked_mul(128))
                .and_then(|v| v.checked_add(usize::from(byte & 0x7f)))
                .filter(|v| *v <= MAX_PATH_BYTES)
                .ok_or_else(|| IndexError::Corrupt("path prefix length out of range".into()))?;
        }
        Ok(value)
    }

    /// Bytes up to the next NUL (not included); the NUL is consumed.
    fn cstr(&mut self, max: usize) -> Result<&'a [u8], IndexError> {
        let rest = &self.buf[self.pos..];
        let window = &rest[..rest.len().min(max + 1)];
        match memchr_zero(window) {
            Some(n) => {
                let s = &rest[..n];
                self.pos += n + 1;
                Ok(s)
            }
            None if window.len() > max => Err(IndexError::Corrupt(format!(
                "a path is longer than {MAX_PATH_BYTES} bytes"
            ))),
            None => Err(IndexError::Truncated("in a path".into())),
        }
    }
}

/// Git's own rule for paths in the index (`verify_path`): no empty, `.`, `..` or `.git`
/// component. It also keeps every component a single name that cannot leave its directory.
fn valid_path(p: &[u8]) -> bool {
    p.split(|c| *c == b'/')
        .all(|c| !c.is_empty() && c != b"." && c != b".." && !c.eq_ignore_ascii_case(b".git"))
}

fn memchr_zero(b: &[u8]) -> Option<usize> {
    b.iter().position(|c| *c == 0)
}

/// Parse an index held in memory (already capped by the caller).
pub fn parse(buf: &[u8], format: ObjectFormat) -> Result<Index, IndexError> {
    if buf.len() as u64 > MAX_INDEX_BYTES {
        return Err(IndexError::TooLarge(buf.len() as u64));
    }
    let hash_len = format.hash_len();
    if buf.len() < 4 || &buf[..4] != b"DIRC" {
        return Err(if buf.len() < 4 {
            IndexError::Truncated("in the header".into())
        } else {
            IndexError::NotAnIndex
        });
    }
    if buf.len() < 12 + hash_len {
        return Err(IndexError::Truncated(
            "shorter than header and checksum".into(),
        ));
    }
    let (body, trailer) = buf.split_at(buf.len() - hash_len);
    let checksum_skipped = trailer.iter().all(|b| *b == 0);
    if !checksum_skipped && format.digest(&[body]) != trailer {
        return Err(IndexError::Checksum);
    }

    let mut r = Reader { buf: body, pos: 4 };
    let version = r.u32("the header")?;
    if !(2..=4).contains(&version) {
        return Err(IndexError::Version(version));
    }
    let count = r.u32("the header")?;
    if count > MAX_ENTRIES {
        return Err(IndexError::TooManyEntries(count));
    }
    // The smallest entry is the fixed part and a one-byte path with its NUL (v4: + varint).
    let min_entry = STAT_BYTES + hash_len + FLAGS_BYTES + 2;
    if (count as usize).saturating_mul(min_entry) > body.len() {
        return Err(IndexError::Truncated(format!(
            "{count} entries cannot fit in {} bytes",
            body.len()
        )));
    }
    let mut entries = Vec::with_capacity(count as usize);
    let mut prev: Vec<u8> = Vec::new();
    let mut first_empty = None;
    for i in 0..count {
        let start = r.pos;
        let mut f = [0u32; 10];
        for v in &mut f {
            *v = r.u32("an entry's stat data")?;
        }
        let [ctime_s, ctime_ns, mtime_s, mtime_ns, dev, ino, mode, uid, gid, size] = f;
        let oid = r.take(hash_len, "an entry's object id")?.to_vec();
        let flags = r.u16("an entry's flags")?;
        let extended = flags & 0x4000 != 0;
        let (mut skip_worktree, mut intent_to_add) = (false, false);
        if extended {
            if version < 3 {
                return Err(IndexError::Corrupt(format!(
                    "entry {i} has extended flags in a version {version} index"
                )));
            }
            let x = r.u16("an entry's extended flags")?;
            if x & !0x6000 != 0 {
                return Err(IndexError::Corrupt(format!(
                    "entry {i} has unknown extended flags {x:#06x}"
                )));
            }
            skip_worktree = x & 0x4000 != 0;
            intent_to_add = x & 0x2000 != 0;
        }
        let name_len = usize::from(flags & 0x0fff);
        if mode == MODE_DIR {
            return Err(IndexError::Unsupported {
                signature: "sdir".into(),
                what: "a sparse index (directory entries)".into(),
            });
        }
        let path = if version == 4 {
            let drop = r.varint()?;
            if drop > prev.len() {
                return Err(IndexError::Corrupt(format!(
                    "entry {i} drops {drop} bytes of a {}-byte previous path",
                    prev.len()
                )));
            }
            let suffix = r.cstr(MAX_PATH_BYTES)?;
            let mut p = prev[..prev.len() - drop].to_vec();
            p.extend_from_slice(suffix);
            p
        } else {
            let p = r.cstr(MAX_PATH_BYTES)?.to_vec();
            // Entries are padded with 1 to 8 NULs to a multiple of 8 bytes; one was read.
            let used = r.pos - start;
            let padded = (used + 7) & !7;
            let pad = r.take(padded - used, "an entry's padding")?;
            if pad.iter().any(|b| *b != 0) {
                return Err(IndexError::Corrupt(format!(
                    "entry {i} has non-zero padding"
                )));
            }
            p
        };
        if path.len() > MAX_PATH_BYTES {
            return Err(IndexError::Corrupt(format!(
                "a path is longer than {MAX_PATH_BYTES} bytes"
            )));
        }
        if path.is_empty() && first_empty.is_none() {
            // Only a split index's delta entries have none; decided after the extensions.
            first_empty = Some(i);
        }
        if !path.is_empty() && !valid_path(&path) {
            return Err(IndexError::Corrupt(format!(
                "entry {i} has a path git never writes (an empty, `.`, `..` or `.git` component)"
            )));
        }
        if name_len < 0x0fff && name_len != path.len() {
            return Err(IndexError::Corrupt(format!(
                "entry {i}: name length {name_len} does not match its {}-byte path",
                path.len()
            )));
        }
        if !matches!(mode, MODE_FILE | MODE_EXEC | MODE_SYMLINK | MODE_GITLINK) {
            return Err(IndexError::Corrupt(format!(
                "entry {i} has mode {mode:o}, not a file, link or gitlink"
            )));
        }
        prev.clone_from(&path);
        entries.push(IndexEntry {
            path,
            ctime: (ctime_s, ctime_ns),
            mtime: (mtime_s, mtime_ns),
            dev,
            ino,
            mode,
            uid,
            gid,
            size,
            oid,
            stage: ((flags >> 12) & 3) as u8,
            assume_valid: flags & 0x8000 != 0,
            skip_worktree,
            intent_to_add,
        });
    }

    let mut skipped_extensions = Vec::new();
    while r.pos < body.len() {
        let sig = r.take(4, "an extension signature")?;
        let size = r.u32("an extension size")? as usize;
        r.take(size, "an extension")?;
        let name = String::from_utf8_lossy(sig).into_owned();
        if sig[0].is_ascii_uppercase() {
            skipped_extensions.push(name);
            continue;
        }
        let what = match sig {
            b"link" => "a split index (entries in a shared index file)",
            b"sdir" => "a sparse index (directory entries)",
            _ => "an unknown mandatory index extension",
        };
        return Err(IndexError::Unsupported {
            signature: name,
            what: what.into(),
        });
    }
    if let Some(i) = first_empty {
        return Err(IndexError::Corrupt(format!("entry {i} has an empty path")));
    }
    Ok(Index {
        version,
        entries,
        skipped_extensions,
        checksum_skipped,
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A minimal index writer for tests: entries as (path, mode, oid byte, size, mtime).
    pub(crate) fn build(version: u32, paths: &[&[u8]], format: ObjectFormat) -> Vec<u8> {
        let mut out = b"DIRC".to_vec();
        out.extend(version.to_be_bytes());
        out.extend((paths.len() as u32).to_be_bytes());
        let mut prev: &[u8] = b"";
        for p in paths {
            let start = out.len();
            for v in [1u32, 2, 3, 4, 5, 6, MODE_FILE, 0, 0, 7] {
                out.extend(v.to_be_bytes());
            }
            out.extend(vec![0xab; format.hash_len()]);
            out.extend((p.len().min(0xfff) as u16).to_be_bytes());
            if version == 4 {
                let common = prev
                    .iter()
                    .zip(p.iter())
                    .take_while(|(a, b)| a == b)
                    .count();
                let drop = prev.len() - common;
                assert!(drop < 128);
                out.push(drop as u8);
                out.extend(&p[common..]);
                out.push(0);
            } else {
                out.extend(*p);
                out.push(0);
                while !(out.len() - start).is_multiple_of(8) {
                    out.push(0);
                }
            }
            prev = p;
        }
        let sum = format.digest(&[&out]);
        out.extend(sum);
        out
    }

    fn reseal(mut body: Vec<u8>, format: ObjectFormat) -> Vec<u8> {
        body.truncate(body.len() - format.hash_len());
        let sum = format.digest(&[&body]);
        body.extend(sum);
        body
    }

    #[test]
    fn versions_two_three_four() {
        for v in [2, 3, 4] {
            for f in [ObjectFormat::Sha1, ObjectFormat::Sha256] {
                let paths: &[&[u8]] = &[b"a.nix", b"hosts/a.nix", b"hosts/b.nix", b"z\xff.nix"];
                let idx = parse(&build(v, paths, f), f).unwrap();
                assert_eq!(idx.version, v);
                let got: Vec<&[u8]> = idx.entries.iter().map(|e| e.path.as_slice()).collect();
                assert_eq!(got, paths);
                assert_eq!(idx.entries[0].mtime, (3, 4));
                assert_eq!(idx.entries[0].size, 7);
                assert_eq!(idx.entries[0].oid.len(), f.hash_len());
            }
        }
    }

    #[test]
    fn every_truncation_is_an_error() {
        let full = build(4, &[b"a.nix", b"b/c.nix"], ObjectFormat::Sha1);
        for n in 0..full.len() {
            let cut = full[..n].to_vec();
            assert!(parse(&cut, ObjectFormat::Sha1).is_err(), "cut at {n}");
            // Even with a valid checksum over the cut content.
            if n >= 12 && n < full.len() - 20 {
                let mut sealed = cut.clone();
                sealed.extend(ObjectFormat::Sha1.digest(&[&cut]));
                assert!(
                    parse(&sealed, ObjectFormat::Sha1).is_err(),
                    "sealed cut at {n}"
                );
            }
        }
    }

    #[test]
    fn checksum_is_verified_unless_zero() {
        let f = ObjectFormat::Sha1;
        let mut b = build(2, &[b"a.nix"], f);
        let n = b.len();
        b[20] ^= 1;
        assert_eq!(parse(&b, f), Err(IndexError::Checksum));
        b[20] ^= 1;
        for x in &mut b[n - 20..] {
            *x = 0;
        }
        assert!(parse(&b, f).unwrap().checksum_skipped);
        // The wrong object format is a checksum error, not a misread.
        assert_eq!(
            parse(&build(2, &[b"a.nix"], f), ObjectFormat::Sha256),
            Err(IndexError::Checksum)
        );
    }

    #[test]
    fn extensions_optional_skipped_mandatory_refused() {
        let f = ObjectFormat::Sha1;
        let mut b = build(2, &[b"a.nix"], f);
        b.truncate(b.len() - 20);
        b.extend(b"TREE");
        b.extend(3u32.to_be_bytes());
        b.extend(b"xyz");
        let ok = reseal([b.clone(), vec![0; 20]].concat(), f);
        assert_eq!(parse(&ok, f).unwrap().skipped_extensions, vec!["TREE"]);
        for sig in [&b"link"[..], b"sdir", b"zzzz"] {
            let mut m = b.clone();
            m.extend(sig);
            m.extend(0u32.to_be_bytes());
            let m = reseal([m, vec![0; 20]].concat(), f);
            assert!(matches!(parse(&m, f), Err(IndexError::Unsupported { .. })));
        }
        // An extension size past the end.
        let mut m = b.clone();
        m.extend(b"UNTR");
        m.extend(u32::MAX.to_be_bytes());
        let m = reseal([m, vec![0; 20]].concat(), f);
        assert!(matches!(parse(&m, f), Err(IndexError::Truncated(_))));
    }

    #[test]
    fn hostile_headers() {
        let f = ObjectFormat::Sha1;
        let mut b = build(2, &[b"a.nix"], f);
        b[8..12].copy_from_slice(&u32::MAX.to_be_bytes());
        let b = reseal(b, f);
        assert_eq!(parse(&b, f), Err(IndexError::TooManyEntries(u32::MAX)));
        let mut b = build(2, &[b"a.nix"], f);
        b[8..12].copy_from_slice(&1000u32.to_be_bytes());
        let b = reseal(b, f);
        assert!(matches!(parse(&b, f), Err(IndexError::Truncated(_))));
        let mut b = build(2, &[b"a.nix"], f);
        b[4..8].copy_from_slice(&5u32.to_be_bytes());
        assert_eq!(parse(&reseal(b, f), f), Err(IndexError::Version(5)));
        assert_eq!(
            parse(b"PACK\0\0\0\x02\0\0\0\0xxxxxxxxxxxxxxxxxxxx", f),
            Err(IndexError::NotAnIndex)
        );
        // v4: dropping more than the previous path.
        let mut b = build(4, &[b"a.nix", b"b.nix"], f);
        // Header 12 + first entry (62 fixed, 1 varint, 6 path) + 62 fixed of the second.
        let drop_at = 12 + 69 + 62;
        assert_eq!(b[drop_at], 5);
        b[drop_at] = 100;
        assert!(parse(&reseal(b, f), f).is_err());
    }

    #[test]
    fn paths_git_never_writes_are_refused() {
        let f = ObjectFormat::Sha1;
        for bad in [
            &b"../x.nix"[..],
            b"a/./b.nix",
            b"a//b.nix",
            b"/abs.nix",
            b"a/",
            b".GIT/config",
        ] {
            assert!(
                matches!(parse(&build(2, &[bad], f), f), Err(IndexError::Corrupt(_))),
                "{}",
                String::from_utf8_lossy(bad)
            );
        }
        assert!(parse(&build(2, &[b".gitignore", b"a/.github/x.nix"], f), f).is_ok());
    }

    #[test]
    fn blob_ids_match_git() {
        // `printf 'hello\n' | git hash-object --stdin` and with --object-format=sha256.
        assert_eq!(
            hex(&ObjectFormat::Sha1.blob_id(b"hello\n")),
            "ce013625030ba8dba906f756967f9e9ca394464a"
        );
        assert_eq!(
            hex(&ObjectFormat::Sha256.blob_id(b"hello\n")),
            "2cf8d83d9ee29543b34a87727421fdecb7e3f3a183d337639025de576db9ebb4"
        );
    }

    fn hex(b: &[u8]) -> String {
        b.iter().map(|x| format!("{x:02x}")).collect()
    }
}
