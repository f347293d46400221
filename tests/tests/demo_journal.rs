#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Writes the export stream of examples/demo-host's journal when NIXBTW_DEMO_EXPORT names a
//! file (used by scripts/gen-demo-journal); otherwise checks the scenario builds a journal.

#[test]
fn demo_journal_export() {
    let export = nixbtw_tests::journal::demo().export();
    if let Some(path) = std::env::var_os("NIXBTW_DEMO_EXPORT") {
        std::fs::write(path, &export).unwrap();
        return;
    }
    if !nixbtw_tests::require_journal_tools() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = nixbtw_tests::journal::demo()
        .write_under(dir.path())
        .unwrap();
    let out = std::process::Command::new("journalctl")
        .arg("--file")
        .arg(&file)
        .args([
            "-b",
            "-q",
            "-o",
            "cat",
            "-u",
            "restic-backups-daily.service",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("unable to open repository"), "{text}");
}
