//! Writing the deliverable: atomically, and never over an earlier report.
//!
//! The report goes to `docs/local/audits/nixos-btw/<date>-<slug>.md` under the output
//! directory; a second report of the same date and slug is `<slug>-2`, then `-3`. The text is
//! written to a temporary file in the same directory, synced, then *linked* to its final name:
//! `link(2)` fails if the name exists, so claiming a name is atomic and can never replace an
//! earlier report, even when two audits race. The JSON of the report is written beside it under
//! the same name, and the two are one unit: both are written or neither is. Nothing is written
//! anywhere else.
//!
//! A report holds what a root-run audit could read, so it is private by default: files mode
//! 0600 and every directory the run creates mode 0700 (directories that exist are left as they
//! are). [`Access::group`] widens both to a group (0640/0750, owned by that group) for a team
//! that reads reports without root.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

/// Who may read the reports.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Access {
    /// A group that may read them (files 0640, created directories 0750, group-owned); only
    /// the owner when `None` (0600, 0700).
    pub group: Option<u32>,
}

impl Access {
    fn file_mode(self) -> u32 {
        if self.group.is_some() {
            0o640
        } else {
            0o600
        }
    }

    fn dir_mode(self) -> u32 {
        if self.group.is_some() {
            0o750
        } else {
            0o700
        }
    }

    /// Give `path` to the group (the owner stays).
    fn chown(self, path: &Path) -> io::Result<()> {
        if let Some(gid) = self.group {
            std::os::unix::fs::chown(path, None, Some(gid))?;
        }
        Ok(())
    }
}

/// Create `dir` and its missing parents with the access's directory mode.
fn create_dirs(dir: &Path, access: Access) -> io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    if let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
        create_dirs(parent, access)?;
    }
    match fs::DirBuilder::new().mode(access.dir_mode()).create(dir) {
        Ok(()) => access.chown(dir),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists && dir.is_dir() => Ok(()),
        Err(e) => Err(e),
    }
}

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
    access: Access,
) -> Result<Written, WriteError> {
    let dir = out_dir.join(REPORT_DIR);
    let err = |source| WriteError {
        dir: dir.clone(),
        source,
    };
    create_dirs(&dir, access).map_err(err)?;
    let md_tmp = write_temp(&dir, markdown.as_bytes(), access).map_err(err)?;
    let json_tmp = match write_temp(&dir, json.as_bytes(), access) {
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

/// Claim the first free `<date>-<slug>[-N]` name for both files. A name is taken when
/// anything is there, a dangling symlink included; when the JSON's name turns out taken after
/// the markdown's was claimed, the markdown link is removed again: both files or neither.
fn claim(dir: &Path, date: &str, slug: &str, md: &Path, json: &Path) -> io::Result<String> {
    for n in 1u32..10_000 {
        let stem = if n == 1 {
            format!("{date}-{slug}")
        } else {
            format!("{date}-{slug}-{n}")
        };
        let md_path = dir.join(format!("{stem}.md"));
        let json_path = dir.join(format!("{stem}.json"));
        // A stray JSON of that name (from an interrupted run, or a link) makes the name taken.
        if fs::symlink_metadata(&json_path).is_ok() {
            continue;
        }
        match link_no_replace(md, &md_path) {
            Ok(()) => match link_no_replace(json, &json_path) {
                Ok(()) => return Ok(stem),
                Err(e) => {
                    let _ = fs::remove_file(&md_path);
                    if e.kind() == io::ErrorKind::AlreadyExists {
                        continue;
                    }
                    return Err(e);
                }
            },
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

fn write_temp(dir: &Path, bytes: &[u8], access: Access) -> io::Result<PathBuf> {
    for n in 0u32..1000 {
        let path = dir.join(format!(".nixbtw-audit-{}-{n}.tmp", std::process::id()));
        match OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(access.file_mode())
            .open(&path)
        {
            Ok(mut f) => {
                // The mode is masked by the umask; set it exactly.
                f.set_permissions(std::os::unix::fs::PermissionsExt::from_mode(
                    access.file_mode(),
                ))?;
                access.chown(&path)?;
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
/// replacing `path` if it exists: for outputs the user names explicitly (`--json FILE` with
/// the report's access, the metrics textfile readable by all: it holds no host text).
pub fn write_atomic(path: &Path, bytes: &[u8], mode: u32) -> io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let tmp = write_temp(&dir, bytes, Access::default())?;
    fs::set_permissions(&tmp, std::os::unix::fs::PermissionsExt::from_mode(mode))?;
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
        let a = write_report(
            dir.path(),
            "2026-11-25",
            "h",
            "one\n",
            "{}",
            Access::default(),
        )
        .unwrap();
        let b = write_report(
            dir.path(),
            "2026-11-25",
            "h",
            "two\n",
            "{}",
            Access::default(),
        )
        .unwrap();
        let c = write_report(
            dir.path(),
            "2026-11-25",
            "h",
            "three\n",
            "{}",
            Access::default(),
        )
        .unwrap();
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
        assert!(write_report(&file, "2026-11-25", "h", "x", "{}", Access::default()).is_err());
    }

    #[test]
    fn reports_are_private_unless_a_group_is_named() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let w = write_report(dir.path(), "2026-11-25", "h", "x", "{}", Access::default()).unwrap();
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&dir.path().join(&w.markdown)), 0o600);
        assert_eq!(mode(&dir.path().join(&w.json)), 0o600);
        for d in ["docs", "docs/local", "docs/local/audits", REPORT_DIR] {
            assert_eq!(mode(&dir.path().join(d)), 0o700, "{d}");
        }
        let other = tempfile::tempdir().unwrap();
        let access = Access { group: Some(0) };
        let w = write_report(other.path(), "2026-11-25", "h", "x", "{}", access).unwrap();
        assert_eq!(mode(&other.path().join(&w.markdown)), 0o640);
        assert_eq!(mode(&other.path().join(REPORT_DIR)), 0o750);
    }

    #[test]
    fn a_link_at_the_next_name_costs_that_name_not_the_report() {
        let dir = tempfile::tempdir().unwrap();
        let reports = dir.path().join(REPORT_DIR);
        fs::create_dir_all(&reports).unwrap();
        // Dangling links where the first report's JSON and the second report's markdown go.
        std::os::unix::fs::symlink("/nonexistent/a", reports.join("2026-11-25-h.json")).unwrap();
        std::os::unix::fs::symlink("/nonexistent/b", reports.join("2026-11-25-h-2.md")).unwrap();
        let w = write_report(dir.path(), "2026-11-25", "h", "md", "{}", Access::default()).unwrap();
        assert_eq!(w.markdown, Path::new(REPORT_DIR).join("2026-11-25-h-3.md"));
        assert_eq!(fs::read_to_string(dir.path().join(&w.json)).unwrap(), "{}");
        let mut names: Vec<_> = fs::read_dir(&reports)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        // No orphan markdown under a taken name; the links are untouched.
        assert_eq!(
            names,
            [
                "2026-11-25-h-2.md",
                "2026-11-25-h-3.json",
                "2026-11-25-h-3.md",
                "2026-11-25-h.json"
            ]
        );
    }
}
