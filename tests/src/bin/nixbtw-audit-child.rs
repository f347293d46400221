//! The `nixbtw-audit` command line as a child process for tests that must watch a whole run
//! from outside: its exit, its files, and (with `NIXBTW_TEST_PEAK_RSS=1`) its peak resident
//! memory, printed as `peak-rss-kib: N` on stderr after the run.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

fn main() -> std::process::ExitCode {
    let code = nixbtw_audit::cli::main();
    if std::env::var_os("NIXBTW_TEST_PEAK_RSS").is_some() {
        let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
        let hwm = status
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            .unwrap_or(0);
        eprintln!("peak-rss-kib: {hwm}");
    }
    code
}
