#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The `units` probe: maintenance timers from the system profile's unit files under `--root`,
//! and the live fallback to the journal when no systemd manager answers. (Failed units read
//! from real journal files: tests/tests/journal.rs.)

use std::sync::Arc;
use std::time::Duration;

use nixbtw_contracts::ProbeId;
use nixbtw_probes::probes::units::{UnitsFacts, UnitsSource};
use nixbtw_probes::{all_probes, Host, SystemRunner};
use nixbtw_tests::journal::two_boots;
use nixbtw_tests::require_journal_tools;
use nixbtw_tests::{audit_probes, require, require_tool};

fn audit_root(root: &std::path::Path) -> (nixbtw_contracts::Report, nixbtw_probes::FactSet) {
    audit_probes(root, &[ProbeId::Journal, ProbeId::Units])
}

#[test]
fn timers_are_found_in_the_system_profile_unit_files() {
    if !require_journal_tools() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let units = dir
        .path()
        .join("nix/store/abc-system-units/etc/systemd/system");
    std::fs::create_dir_all(&units).unwrap();
    std::fs::write(units.join("nix-gc.timer"), "[Timer]\nOnCalendar=weekly\n").unwrap();
    std::fs::create_dir_all(dir.path().join("nix/var/nix/profiles")).unwrap();
    std::os::unix::fs::symlink(
        "/nix/store/abc-system-units",
        dir.path().join("nix/var/nix/profiles/system"),
    )
    .unwrap();
    two_boots().write_under(dir.path()).unwrap();
    let (_, facts) = audit_root(dir.path());
    let u = facts.get::<UnitsFacts>().unwrap();
    assert!(u.timer("nix-gc.timer").unwrap().present);
    assert!(!u.timer("nix-optimise").unwrap().present);
}

#[test]
fn live_units_fall_back_to_the_journal_without_a_manager() {
    // This machine has no systemd as PID 1: systemctl says so, and the probe must not fail.
    if !require_tool("systemctl") {
        return;
    }
    let out = std::process::Command::new("systemctl")
        .args(["list-units", "--failed", "-o", "json"])
        .output();
    let manager = out.is_ok_and(|o| o.status.success());
    if !require(
        !manager,
        "a host without a running systemd manager (where the fallback applies)",
    ) {
        return;
    }
    let host = Host::live(
        Arc::new(SystemRunner),
        Default::default(),
        chrono::Utc::now(),
    )
    .unwrap();
    let probes: Vec<Arc<dyn nixbtw_probes::Probe>> = all_probes()
        .into_iter()
        .filter(|p| matches!(p.id(), ProbeId::Units | ProbeId::Journal))
        .map(Arc::from)
        .collect();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_time()
        .build()
        .unwrap();
    let facts = rt.block_on(nixbtw_audit::scheduler::run_probes(
        Arc::new(host),
        probes,
        Duration::from_secs(60),
        Arc::new(|_, _| {}),
    ));
    let run = facts.run(ProbeId::Units).unwrap();
    match &run.outcome {
        nixbtw_probes::Outcome::Collected(_) => {
            let u = facts.get::<UnitsFacts>().unwrap();
            assert_eq!(u.source, UnitsSource::Journal);
            assert!(u.manager_unavailable.is_some());
        }
        nixbtw_probes::Outcome::Skipped(why) => assert!(why.contains("manager"), "{why}"),
        other => panic!("{other:?}"),
    }
}
