//! Fixture builders and helpers shared by the integration tests in `tests/tests/`.
//!
//! The tests run the real command line in-process (`nixbtw_audit::cli::run`, the function the
//! binary's `main` calls) against real fixture roots, so they see exactly what a user sees.

pub mod conformance;
pub mod corpus;
pub mod deep;
pub mod dix;
pub mod home_manager;
pub mod journal;
pub mod nextboot;
pub mod nixos_root;
pub mod nixstore;
pub mod store_world;
pub mod trust;

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};

/// Whether the tests run in CI (`CI=true`, as `.ci/run` is started).
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// Whether `tool` (a command name looked up on `PATH`, or an absolute path) can be run.
pub fn have_tool(tool: &str) -> bool {
    let path = Path::new(tool);
    if path.is_absolute() {
        return path.is_file();
    }
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(tool).is_file()))
}

/// The one way a test depends on something outside the workspace (a tool, root, a mount):
/// `require(ok, what)` returns `ok` when it holds. When it does not, the test must not pass by
/// doing nothing: under `CI=true` this panics, naming what is missing and that `scripts/test`
/// installs it; elsewhere it prints a visible `SKIPPED` line and returns false, and the caller
/// returns early.
#[allow(clippy::panic)]
pub fn require(ok: bool, what: &str) -> bool {
    if ok {
        return true;
    }
    if in_ci() {
        panic!("{what} is missing; CI must have it (scripts/test installs what the tests need)");
    }
    eprintln!("SKIPPED: {what} is missing (scripts/test installs what the tests need)");
    false
}

/// [`require`] a command: `if !require_tool("nix-store") { return; }`.
pub fn require_tool(tool: &str) -> bool {
    require(have_tool(tool), &format!("the tool `{tool}`"))
}

/// [`require`] what real journal files need: `systemd-journal-remote` to write them from the
/// export format and `journalctl` to read them.
pub fn require_journal_tools() -> bool {
    require_tool(journal::JOURNAL_REMOTE) && require_tool("journalctl")
}

/// [`require`] root (chroot stores, reading every file, mounting a tmpfs).
pub fn require_root() -> bool {
    require(
        nix::unistd::geteuid().is_root(),
        "root (the test builds chroot stores or mounts)",
    )
}

/// Run the probes `only` (through the audit's scheduler) over the mounted system at `root` and
/// assemble the report: the typed facts for direct assertions, and what the rules made of them.
pub fn audit_probes(
    root: &Path,
    only: &[nixbtw_contracts::ProbeId],
) -> (nixbtw_contracts::Report, nixbtw_probes::FactSet) {
    use std::sync::Arc;
    let now = chrono::Utc::now();
    let host = match nixbtw_probes::Host::at_root(root, Arc::new(nixbtw_probes::SystemRunner), now)
    {
        Ok(h) => h,
        Err(e) => return fail(&format!("{}: {e}", root.display())),
    };
    audit_host(host, only)
}

/// [`audit_probes`] on a given host (the live machine with a chosen environment, say).
pub fn audit_host(
    host: nixbtw_probes::Host,
    only: &[nixbtw_contracts::ProbeId],
) -> (nixbtw_contracts::Report, nixbtw_probes::FactSet) {
    use std::sync::Arc;
    let now = host.now();
    let probes: Vec<Arc<dyn nixbtw_probes::Probe>> = nixbtw_probes::all_probes()
        .into_iter()
        .filter(|p| only.contains(&p.id()))
        .map(Arc::from)
        .collect();
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .enable_time()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => return fail(&format!("tokio runtime: {e}")),
    };
    let facts = rt.block_on(nixbtw_audit::scheduler::run_probes(
        Arc::new(host.clone()),
        probes,
        std::time::Duration::from_secs(60),
        Arc::new(|_, _| {}),
    ));
    let report =
        nixbtw_audit::audit::assemble(&facts, &host, &nixbtw_audit::config::Config::default(), now);
    (report, facts)
}

#[allow(clippy::panic)]
fn fail<T>(why: &str) -> T {
    panic!("{why}")
}

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
