//! The host probe and its checks end to end: the lane of the demo host, and a root without
//! Nix.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use nixbtw_contracts::{FindingId, Priority, ProbeId};
use nixbtw_tests::{audit_probes, demo_host, run_cli};

#[test]
fn lane_release_eol_and_nix_outdated_of_the_demo_host() {
    let (report, facts) = audit_probes(&demo_host(), &[ProbeId::Host]);
    let h = facts
        .get::<nixbtw_probes::probes::host::HostFacts>()
        .unwrap();
    assert_eq!(h.hostname.as_deref(), Some("demo-host"));
    assert!(h.nixos);
    assert_eq!(report.lane, "NixOS 25.05 (Warbler) · Nix 2.24.14");
    let row = |id| report.findings.iter().find(|f| f.id == id);
    assert_eq!(row(FindingId::HostLane).unwrap().priority, Priority::Info);
    // NixOS 25.05 ended on 2025-12-31; Nix 2.24 is no longer patched.
    assert_eq!(
        row(FindingId::HostReleaseEol).unwrap().priority,
        Priority::P1
    );
    assert_eq!(
        row(FindingId::HostNixOutdated).unwrap().priority,
        Priority::P2
    );
    assert!(row(FindingId::HostNoNix).is_none());
}

#[test]
fn a_host_without_nix_completes_and_says_so() {
    let root = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(root.path().join("etc")).unwrap();
    std::fs::write(
        root.path().join("etc/os-release"),
        "ID=debian\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n",
    )
    .unwrap();
    std::fs::write(root.path().join("etc/hostname"), "plain-debian\n").unwrap();
    let out = tempfile::tempdir().unwrap();
    let run = run_cli([
        "--root",
        root.path().to_str().unwrap(),
        "--out-dir",
        out.path().to_str().unwrap(),
        "--json",
        "-",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report: nixbtw_contracts::Report = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(report.target, "plain-debian");
    assert_eq!(report.lane, "Debian GNU/Linux 12 (bookworm) · no Nix");
    assert!(report.findings.iter().any(|f| f.id == FindingId::HostNoNix));
}
