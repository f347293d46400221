#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Truthful probe states on a host that is not NixOS: what is expected there (no
//! `/run/current-system`, no system profile) is neither an error nor a reason to "run as
//! root".

use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::Duration;

use nixbtw_audit::audit::{self, Selection};
use nixbtw_audit::config::Config;
use nixbtw_contracts::{FindingType, ProbeId, Report};
use nixbtw_probes::{all_probes, Host, SystemRunner};

fn audit(host: Host, only: &[ProbeId]) -> Report {
    let selection = Selection {
        only: Some(only.iter().copied().collect::<BTreeSet<_>>()),
        skip: BTreeSet::new(),
    };
    audit::run(
        host,
        all_probes(),
        &selection,
        &Config::default(),
        Duration::from_secs(60),
        Arc::new(|_, _| {}),
    )
    .unwrap()
}

fn no_run_as_root_for_a_missing_system(report: &Report) {
    for f in &report.findings {
        assert!(
            !(f.suggested_action.contains("as root") && f.description.contains("current system")),
            "{f:?}"
        );
        assert!(
            !(f.kind == FindingType::Error && f.summary.contains("no current system")),
            "{f:?}"
        );
    }
}

#[test]
fn a_debian_root_has_no_current_system_and_that_is_fine() {
    let dir = tempfile::tempdir().unwrap();
    let etc = dir.path().join("etc");
    std::fs::create_dir_all(etc.join("ssh")).unwrap();
    std::fs::write(
        etc.join("os-release"),
        "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\nVERSION_ID=\"12\"\n",
    )
    .unwrap();
    let host = Host::at_root(dir.path(), Arc::new(SystemRunner), chrono::Utc::now()).unwrap();
    let report = audit(host, &[ProbeId::Secrets]);
    no_run_as_root_for_a_missing_system(&report);
}

#[test]
fn a_nixos_root_without_its_system_still_says_so_without_run_as_root() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("etc/nixos")).unwrap();
    std::fs::write(dir.path().join("etc/NIXOS"), "").unwrap();
    let host = Host::at_root(dir.path(), Arc::new(SystemRunner), chrono::Utc::now()).unwrap();
    let report = audit(host, &[ProbeId::Secrets]);
    let row = report
        .findings
        .iter()
        .find(|f| f.kind == FindingType::Error && f.summary.contains("no current system"))
        .expect("on NixOS a missing system is worth a row");
    assert!(!row.suggested_action.contains("as root"), "{row:?}");
}

#[test]
fn live_on_this_machine_a_missing_current_system_is_not_an_error_either() {
    // On NixOS /run/current-system exists; elsewhere (the Debian CI machine) it is expected to
    // be missing. Either way no row asks to run as root because of it.
    let host = Host::live(
        Arc::new(SystemRunner),
        Default::default(),
        chrono::Utc::now(),
    )
    .unwrap();
    let report = audit(host, &[ProbeId::Secrets]);
    no_run_as_root_for_a_missing_system(&report);
}
