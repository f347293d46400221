#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The `journal` probe (and the `units` probe's reading of unit failures from the journal)
//! against real journal files (systemd-journal-remote), under `--root`, end to end through the
//! rules. The units probe's own tests: tests/tests/units.rs.

use std::collections::BTreeSet;

use nixbtw_contracts::{FindingId, FindingType, Priority, ProbeId, Report};
use nixbtw_probes::probes::journal::{JournalFacts, UnitWord};
use nixbtw_probes::probes::units::{UnitsFacts, UnitsSource};
use nixbtw_probes::FactSet;
use nixbtw_tests::audit_probes;
use nixbtw_tests::journal::{two_boots, NEW_BOOT};
use nixbtw_tests::require_journal_tools;

fn audit_root(root: &std::path::Path) -> (Report, FactSet) {
    audit_probes(root, &[ProbeId::Journal, ProbeId::Units])
}

fn findings(r: &Report, id: FindingId) -> Vec<&nixbtw_contracts::Finding> {
    r.findings.iter().filter(|f| f.id == id).collect()
}

#[test]
fn offline_journal_gives_failed_units_and_events_of_the_newest_boot_only() {
    if !require_journal_tools() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    two_boots().write_under(dir.path()).unwrap();
    let (report, facts) = audit_root(dir.path());

    let j = facts.get::<JournalFacts>().expect("journal facts");
    assert_eq!(j.boot_id.as_deref(), Some(NEW_BOOT));
    assert!(j.persistent);
    assert!(j.problems.is_empty(), "{:?}", j.problems);
    assert!(j.incomplete.is_empty(), "{:?}", j.incomplete);

    // Last words: flaky recovered, old.service was in the older boot.
    let failed: BTreeSet<&str> = j.failed_units().map(|u| u.unit.as_str()).collect();
    assert_eq!(
        failed,
        [
            "crash.service",
            "fail.service",
            "nixos-upgrade.service",
            "ufail.service"
        ]
        .into_iter()
        .collect()
    );
    let flaky = j.unit("flaky.service").unwrap();
    assert_eq!(flaky.word, UnitWord::Succeeded);
    assert_eq!(flaky.failures, 1);
    assert_eq!(
        j.unit("crash.service").unwrap().result.as_deref(),
        Some("core-dump")
    );
    assert!(j.units.iter().any(|u| u.unit == "ufail.service" && u.user));

    // Events: this boot only (the older boot's OOM kill is not counted).
    assert_eq!(j.fs_error_count, 2, "{:?}", j.fs_errors);
    assert_eq!(j.oom_count, 2, "kernel line + systemd unit message");
    assert!(j
        .oom_kills
        .iter()
        .any(|k| k.process.as_deref() == Some("hog")));
    assert!(!j
        .oom_kills
        .iter()
        .any(|k| k.process.as_deref() == Some("oldhog")));
    assert_eq!(j.coredump_count, 1);
    assert_eq!(j.coredumps[0].unit.as_deref(), Some("crash.service"));
    assert_eq!(j.coredumps[0].signal.as_deref(), Some("SIGSEGV"));
    assert!(j.coredumps[0].line.message.contains("\nStack trace"));
    assert_eq!(j.noisy[0].source, "noisy.service");
    assert_eq!(j.noisy[0].count, 12);

    // Units from the journal, each with its excerpt as `journalctl -b -u` shows it.
    let u = facts.get::<UnitsFacts>().expect("units facts");
    assert_eq!(u.source, UnitsSource::Journal);
    let fail = u.failed.iter().find(|f| f.unit == "fail.service").unwrap();
    assert_eq!(fail.result.as_deref(), Some("exit-code"));
    let text: Vec<&str> = fail.excerpt.iter().map(|l| l.message.as_str()).collect();
    assert!(text.contains(&"starting up"), "{text:?}");
    assert!(text.contains(&"config missing:\n  /etc/fail.conf\n  (no such file)"));
    assert!(
        text.contains(&"bad bytes \u{FFFD}\u{FFFD} here"),
        "{text:?}"
    );
    assert!(text.contains(&"Failed to start fail.service."), "{text:?}");
    assert!(!text.iter().any(|t| t.contains("noisy")), "{text:?}");
    let crash = u.failed.iter().find(|f| f.unit == "crash.service").unwrap();
    assert!(
        crash
            .excerpt
            .iter()
            .any(|l| l.identifier == "systemd-coredump"),
        "-u also matches COREDUMP_UNIT"
    );
    let upgrade = u.auto_upgrade.as_ref().unwrap();
    assert!(upgrade.failed);
    let gc = u.timer("nix-gc").unwrap();
    assert!(!gc.present, "no unit files in this root");
    assert_eq!(gc.last_result.as_deref(), Some("success"));

    // Findings.
    // nixos-upgrade.service is reported once, as units.auto-upgrade-failed (with its lines).
    let failed_f = findings(&report, FindingId::UnitsFailed);
    assert_eq!(failed_f.len(), 3, "{failed_f:?}");
    assert!(failed_f
        .iter()
        .all(|f| f.subject != "nixos-upgrade.service"));
    assert!(failed_f.iter().all(|f| f.priority == Priority::P1));
    let fail_f = failed_f
        .iter()
        .find(|f| f.subject == "fail.service")
        .unwrap();
    let excerpt = &fail_f.evidence[1].excerpt;
    assert!(excerpt.len() <= 20 + 4);
    assert!(excerpt
        .iter()
        .any(|l| l == "  /etc/fail.conf" || l.ends_with("  /etc/fail.conf")));
    assert_eq!(
        findings(&report, FindingId::UnitsAutoUpgradeFailed).len(),
        1
    );
    assert_eq!(findings(&report, FindingId::JournalFsErrors).len(), 1);
    assert_eq!(findings(&report, FindingId::JournalOom).len(), 1);
    assert_eq!(findings(&report, FindingId::JournalCoredumps).len(), 1);
    let noisy = findings(&report, FindingId::JournalNoisy);
    assert_eq!(noisy.len(), 1);
    assert!(noisy[0].evidence.len() <= 5);
    assert!(findings(&report, FindingId::JournalNotPersistent).is_empty());
    assert!(findings(&report, FindingId::UnitsNixDaemonDown).is_empty());
    assert!(
        report.findings.iter().all(|f| f.kind != FindingType::Error),
        "{:?}",
        report.findings
    );
}

#[test]
fn agrees_with_journalctl_on_err_alert_count() {
    if !require_journal_tools() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    two_boots().write_under(dir.path()).unwrap();
    let (_, facts) = audit_root(dir.path());
    let j = facts.get::<JournalFacts>().unwrap();
    let out = std::process::Command::new("journalctl")
        .arg("--directory")
        .arg(dir.path().join("var/log/journal"))
        .args(["-b", "-p", "err..alert", "-o", "json", "-q"])
        .output()
        .unwrap();
    let lines = out
        .stdout
        .split(|b| *b == b'\n')
        .filter(|l| !l.is_empty())
        .count() as u64;
    assert_eq!(j.error_entries, lines);
    let total: u64 = j.noisy.iter().map(|s| s.count).sum();
    assert_eq!(total, lines, "every entry is counted under one source");
}

#[test]
fn root_without_journal_is_not_persistent_and_units_skip_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("etc")).unwrap();
    let (report, facts) = audit_root(dir.path());
    let j = facts.get::<JournalFacts>().unwrap();
    assert!(!j.persistent);
    assert_eq!(findings(&report, FindingId::JournalNotPersistent).len(), 1);
    let u = facts.get::<UnitsFacts>().unwrap();
    assert!(u.failed.is_empty());
    assert_eq!(u.timers.len(), 4);
    assert!(findings(&report, FindingId::UnitsFailed).is_empty());
}
