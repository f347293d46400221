//! Writing the deliverable: atomically, and never over an earlier report.
//!
//! The report goes to `docs/local/audits/nixos-btw/<date>-<slug>.md` under the output
//! directory; a second report of the same date and slug is `<slug>-2`, then `-3`. The text is
//! written to a temporary file in the same directory, synced, then *linked* to its final name:
//! `link(2)` fails if the name exists, so claiming a name is atomic and can never replace an
//! earlier report, even when two audits race. The JSON of the report is written beside it under
//! the same name. Nothing is written anywhere else.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Where reports go, relative to the output directory.
pub const REPORT_DIR: &str = "docs/local/audits/nixos-btw";

/// The deliverable could not be written.
#[derive(Debug, thiserror::Error)]
#[error("cannot write the report under {}: {source}", dir.display())]
pub struct WriteError {
    /// The directory it was being written to.
    pub dir: PathBuf,
    /// The error.
    pub source: io::Error,
}

/// What was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// The markdown file, relative to the output directory.
    pub markdown: PathBuf,
    /// The JSON file beside it, relative to the output directory.
    pub json: PathBuf,
}

/// Write `markdown` (and `json` beside it) as the report of `date` and `slug` under `out_dir`.
pub fn write_report(
    out_dir: &Path,
    date: &str,
    slug: &str,
    markdown: &str,
    json: &str,
) -> Result<Written, WriteError> {
    let dir = out_dir.join(REPORT_DIR);
    let err = |source| WriteError {
        dir: dir.clone(),
        source,
    };
    fs::create_dir_all(&dir).map_err(err)?;
    let md_tmp = write_temp(&dir, markdown.as_bytes()).map_err(err)?;
    let json_tmp = match write_temp(&dir, json.as_bytes()) {
        Ok(t) => t,
        Err(e) => {
            let _ = fs::remove_file(&md_tmp);
            return Err(err(e));
        }
    };
    let result = claim(&dir, date, slug, &md_tmp, &json_tmp);
    let _ = fs::remove_file(&md_tmp);
    let _ = fs::remove_file(&json_tmp);
    let stem = result.map_err(err)?;
    if let Ok(d) = File::open(&dir) {
        let _ = d.sync_all();
    }
    let rel = Path::new(REPORT_DIR);
    Ok(Written {
        markdown: rel.join(format!("{stem}.md")),
        json: rel.join(format!("{stem}.json")),
    })
}

/// Claim the first free `<date>-<slug>[-N]` name for both files.
fn claim(dir: &Path, date: &str, slug: &str, md: &Path, json: &Path) -> io::Result<String> {
    for n in 1u32..10_000 {
        let stem = if n == 1 {
            format!("{date}-{slug}")
        } else {
            format!("{date}-{slug}-{n}")
        };
        let md_path = dir.join(format!("{stem}.md"));
        // A stray JSON of that name (from an interrupted run) also makes the name taken.
        if dir.join(format!("{stem}.json")).exists() {
            continue;
        }
        match link_no_replace(md, &md_path) {
            Ok(()) => {
                link_no_replace(json, &dir.join(format!("{stem}.json")))?;
                return Ok(stem);
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other("no free report name after 9999 tries"))
}

/// Give `tmp`'s contents the name `dest`, failing if `dest` exists.
fn link_no_replace(tmp: &Path, dest: &Path) -> io::Result<()> {
    match fs::hard_link(tmp, dest) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(e),
        Err(_) => {
            // Filesystems without hard links: an exclusive create, then a copy.
            let mut f = OpenOptions::new().write(true).create_new(true).open(dest)?;
            f.write_all(&fs::read(tmp)?)?;
            f.sync_all()
        }
    }
}

fn write_temp(dir: &Path, bytes: &[u8]) -> io::Result<PathBuf> {
    for n in 0u32..1000 {
        let path = dir.join(format!(".nixbtw-audit-{}-{n}.tmp", std::process::id()));
        match OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(mut f) => {
                f.write_all(bytes)?;
                f.sync_all()?;
                return Ok(path);
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other("no free temporary file name"))
}

/// Write `bytes` to `path` atomically (temporary file in the same directory, then rename),
/// replacing `path` if it exists: for outputs the user names explicitly (`--json FILE`).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let tmp = write_temp(&dir, bytes)?;
    fs::rename(&tmp, path).inspect_err(|_| {
        let _ = fs::remove_file(&tmp);
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collisions_get_numbered_and_nothing_is_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let a = write_report(dir.path(), "2026-11-25", "h", "one\n", "{}").unwrap();
        let b = write_report(dir.path(), "2026-11-25", "h", "two\n", "{}").unwrap();
        let c = write_report(dir.path(), "2026-11-25", "h", "three\n", "{}").unwrap();
        assert_eq!(a.markdown, Path::new(REPORT_DIR).join("2026-11-25-h.md"));
        assert_eq!(b.markdown, Path::new(REPORT_DIR).join("2026-11-25-h-2.md"));
        assert_eq!(c.json, Path::new(REPORT_DIR).join("2026-11-25-h-3.json"));
        assert_eq!(
            fs::read_to_string(dir.path().join(&a.markdown)).unwrap(),
            "one\n"
        );
        assert_eq!(
            fs::read_to_string(dir.path().join(&b.markdown)).unwrap(),
            "two\n"
        );
        let names: Vec<_> = fs::read_dir(dir.path().join(REPORT_DIR))
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert_eq!(names.len(), 6, "no temp files left: {names:?}");
    }

    #[test]
    fn unwritable_directory_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("file");
        fs::write(&file, "x").unwrap();
        assert!(write_report(&file, "2026-11-25", "h", "x", "{}").is_err());
    }
}
