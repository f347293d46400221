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

#[test]
fn the_demo_journal_names_the_demo_hosts_own_generations() {
    // The journal's boot and switch lines must name the store paths the demo host's profile
    // links hold, or attribution by the journal silently falls back to link times.
    let profiles = nixbtw_tests::workspace().join("examples/demo-host/nix/var/nix/profiles");
    for (link, want) in [
        ("system-2-link", nixbtw_tests::journal::DEMO_SYSTEM_2),
        ("system-3-link", nixbtw_tests::journal::DEMO_SYSTEM_3),
    ] {
        let target = std::fs::read_link(profiles.join(link)).unwrap();
        assert_eq!(
            target.to_str(),
            Some(want),
            "{link}: rerun scripts/gen-demo-journal"
        );
    }
}
