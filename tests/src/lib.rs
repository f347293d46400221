//! Fixture builders and helpers shared by the integration tests in `tests/tests/`.
//!
//! The tests run the real command line in-process (`nixbtw_audit::cli::run`, the function the
//! binary's `main` calls) against real fixture roots, so they see exactly what a user sees.

pub mod deep;
pub mod journal;
pub mod nixstore;
pub mod trust;

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};

/// The workspace root.
pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

/// The shipped demo host (`examples/demo-host`).
pub fn demo_host() -> PathBuf {
    workspace().join("examples/demo-host")
}

/// What one CLI run produced.
#[derive(Debug, Clone)]
pub struct CliRun {
    /// Exit code.
    pub code: u8,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

/// Run `nixbtw-audit ARGS...` in-process.
pub fn run_cli<I, S>(args: I) -> CliRun
where
    I: IntoIterator<Item = S>,
    S: Into<OsString>,
{
    let mut argv: Vec<OsString> = vec!["nixbtw-audit".into()];
    argv.extend(args.into_iter().map(Into::into));
    let mut out = Vec::new();
    let mut err = Vec::new();
    let code = nixbtw_audit::cli::run(argv, &mut out, &mut err, false);
    CliRun {
        code,
        stdout: String::from_utf8_lossy(&out).into_owned(),
        stderr: String::from_utf8_lossy(&err).into_owned(),
    }
}

/// The arguments of an audit of `root` writing into `out` (`--root ROOT --out-dir OUT`).
pub fn audit_args(root: impl AsRef<OsStr>, out: impl AsRef<OsStr>) -> Vec<OsString> {
    vec![
        "--root".into(),
        root.as_ref().to_owned(),
        "--out-dir".into(),
        out.as_ref().to_owned(),
    ]
}

/// Every file under `dir`, relative, sorted (empty when `dir` does not exist).
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = walkdir_files(dir)
        .into_iter()
        .filter_map(|p| p.strip_prefix(dir).ok().map(Path::to_path_buf))
        .collect();
    out.sort();
    out
}

fn walkdir_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for e in entries.flatten() {
        let p = e.path();
        match e.file_type() {
            Ok(t) if t.is_dir() => out.extend(walkdir_files(&p)),
            Ok(_) => out.push(p),
            Err(_) => {}
        }
    }
    out
}
