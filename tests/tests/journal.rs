#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The `journal` probe (and the `units` probe's reading of unit failures from the journal)
//! against real journal files (systemd-journal-remote), under `--root`, end to end through the
//! rules. The units probe's own tests: tests/tests/units.rs.

use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::Duration;

use nixbtw_contracts::{FindingId, FindingType, Priority, ProbeId, Report};
use nixbtw_probes::probes::journal::{JournalFacts, UnitWord};
use nixbtw_probes::probes::units::{UnitsFacts, UnitsSource};
use nixbtw_probes::{all_probes, Cmd, CmdOutput, CommandError, FactSet, Host, SystemRunner};
use nixbtw_tests::audit_probes;
use nixbtw_tests::journal::{flood, older_file, two_boots, Damage, NEW_BOOT, OLDER_BOOT};
use nixbtw_tests::require_journal_tools;

fn audit_root(root: &std::path::Path) -> (Report, FactSet) {
    audit_probes(root, &[ProbeId::Journal, ProbeId::Units])
}

/// [`audit_root`] with the commands run by `runner` (to count them).
fn audit_root_with(
    root: &std::path::Path,
    runner: Arc<dyn nixbtw_probes::CommandRunner>,
) -> (Report, FactSet) {
    let host = Host::at_root(root, runner, chrono::Utc::now()).unwrap();
    let probes: Vec<Arc<dyn nixbtw_probes::Probe>> = all_probes()
        .into_iter()
        .filter(|p| matches!(p.id(), ProbeId::Journal | ProbeId::Units))
        .map(Arc::from)
        .collect();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_time()
        .build()
        .unwrap();
    let facts = rt.block_on(nixbtw_audit::scheduler::run_probes(
        Arc::new(host.clone()),
        probes,
        Duration::from_secs(60),
        Arc::new(|_, _| {}),
    ));
    let report = nixbtw_audit::audit::assemble(
        &facts,
        &host,
        &nixbtw_audit::config::Config::default(),
        chrono::Utc::now(),
    );
    (report, facts)
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
    // The chart of every source, then at most five sources with their last lines.
    assert!(noisy[0].evidence[0].chart.is_some());
    assert!(noisy[0].evidence.len() <= 6);
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
fn root_without_journal_skips_journal_and_units_with_the_reason() {
    // Neither a journal directory, nor one with no journal file in it: nothing to read is
    // `skipped` with the reason, never `ok` with 0 entries (docs/units.md).
    for make_dir in [false, true] {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("etc/systemd/system")).unwrap();
        if make_dir {
            std::fs::create_dir_all(
                dir.path()
                    .join("var/log/journal")
                    .join(nixbtw_tests::journal::MACHINE_ID),
            )
            .unwrap();
        }
        let (report, facts) = audit_root(dir.path());
        assert!(facts.get::<JournalFacts>().is_none());
        assert!(facts.get::<UnitsFacts>().is_none());
        let state = |p: ProbeId| report.probes.iter().find(|s| s.probe == p).unwrap();
        let journal = state(ProbeId::Journal);
        assert_eq!(journal.state, nixbtw_contracts::ProbeState::Skipped);
        assert!(
            journal
                .message
                .contains("no journal files under /var/log/journal"),
            "{}",
            journal.message
        );
        let units = state(ProbeId::Units);
        assert_eq!(units.state, nixbtw_contracts::ProbeState::Skipped);
        assert!(
            units.message.contains("no systemd manager to ask")
                && units.message.contains("no journal files"),
            "{}",
            units.message
        );
        let skipped: Vec<_> = report
            .findings
            .iter()
            .filter(|f| f.kind == FindingType::Skipped)
            .map(|f| f.probe)
            .collect();
        assert!(
            skipped.contains(&ProbeId::Journal) && skipped.contains(&ProbeId::Units),
            "{skipped:?}"
        );
        assert!(findings(&report, FindingId::JournalNotPersistent).is_empty());
    }
}

/// What journalctl says when it cannot list the boots of `file` alone (the reason after the
/// last `: `), or `None` when it can.
fn journalctl_refuses(file: &std::path::Path) -> Option<String> {
    let out = std::process::Command::new("journalctl")
        .args(["--no-pager", "--list-boots", "--file"])
        .arg(file)
        .output()
        .unwrap();
    if out.status.success() {
        return None;
    }
    let err = String::from_utf8_lossy(&out.stderr);
    let last = err.lines().rfind(|l| !l.trim().is_empty()).unwrap_or("");
    Some(last.rsplit(": ").next().unwrap_or(last).trim().to_string())
}

/// Journal files of the scenario: the active file with [`two_boots`], and an older archived
/// one damaged as `damage` says. Returns the root and the damaged file's logical path.
fn root_with_damaged_file(
    damage: Damage,
    damaged_holds_newest: bool,
) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let name = "system@0005ebbfd42fc981-39a8842ec948769a.journal~";
    let (bad, good) = if damaged_holds_newest {
        (two_boots(), older_file())
    } else {
        (older_file(), two_boots())
    };
    good.write_named(dir.path(), "system.journal").unwrap();
    let file = bad.write_named(dir.path(), name).unwrap();
    damage.apply(&file).unwrap();
    let logical = format!(
        "/var/log/journal/{}/{name}",
        nixbtw_tests::journal::MACHINE_ID
    );
    (dir, logical)
}

#[test]
fn one_unreadable_file_among_good_ones_is_its_own_row_and_the_rest_is_read() {
    if !require_journal_tools() {
        return;
    }
    for damage in Damage::ALL {
        let (dir, bad_path) = root_with_damaged_file(damage, false);
        let (report, facts) = audit_root(dir.path());
        let j = facts
            .get::<JournalFacts>()
            .unwrap_or_else(|| panic!("{damage:?}: no journal facts: {:?}", report.probes));
        // The newest boot of the good file is read as if the damaged file were not there.
        assert_eq!(j.boot_id.as_deref(), Some(NEW_BOOT), "{damage:?}");
        let failed: BTreeSet<&str> = j.failed_units().map(|u| u.unit.as_str()).collect();
        assert!(
            failed.contains("fail.service") && failed.contains("crash.service"),
            "{damage:?}: {failed:?}"
        );
        assert_eq!(j.fs_error_count, 2, "{damage:?}");
        assert_eq!(j.noisy[0].count, 12, "{damage:?}");
        assert!(j.problems.is_empty(), "{damage:?}: {:?}", j.problems);
        let u = facts.get::<UnitsFacts>().expect("units facts");
        let fail = u.failed.iter().find(|f| f.unit == "fail.service").unwrap();
        assert!(
            fail.excerpt.iter().any(|l| l.message == "starting up"),
            "{damage:?}: {:?}",
            fail.excerpt
        );
        assert_eq!(
            findings(&report, FindingId::UnitsFailed).len(),
            3,
            "{damage:?}"
        );
        assert_eq!(findings(&report, FindingId::JournalFsErrors).len(), 1);

        // Zeroing the middle of a file hits whatever objects lie there, and where they lie
        // depends on the hash table sizes journal-remote chose from the free disk space: ask
        // journalctl itself whether it can read this copy.
        let host_file = dir.path().join(bad_path.trim_start_matches('/'));
        let says = damage
            .journalctl_says()
            .map(str::to_string)
            .or_else(|| journalctl_refuses(&host_file));
        match says.as_deref() {
            Some(says) => {
                assert!(!j.boot_is_newest, "{damage:?}: files were left out");
                assert_eq!(j.bad_files.len(), 1, "{damage:?}: {:?}", j.bad_files);
                let bad = &j.bad_files[0];
                assert_eq!(bad.path, bad_path);
                assert!(bad.error.contains(says), "{damage:?}: {}", bad.error);
                let rows: Vec<_> = report
                    .findings
                    .iter()
                    .filter(|f| f.kind == FindingType::Error)
                    .collect();
                assert_eq!(rows.len(), 1, "{damage:?}: {rows:?}");
                let row = rows[0];
                assert_eq!(row.probe, ProbeId::Journal);
                assert_eq!(row.subject, format!("journal:{bad_path}"));
                assert!(row.description.contains(says), "{}", row.description);
                let host_path = dir.path().join(bad_path.trim_start_matches('/'));
                assert!(
                    row.suggested_action.contains(&format!(
                        "journalctl --verify --file {}",
                        host_path.display()
                    )),
                    "{}",
                    row.suggested_action
                );
                // What the row tells the user to run does find the damage.
                let verify = std::process::Command::new("journalctl")
                    .args(["--verify", "--file"])
                    .arg(&host_path)
                    .output()
                    .unwrap();
                assert!(!verify.status.success(), "{damage:?}: --verify passed");
            }
            None => {
                // journalctl reads it without a word: nothing to report, nothing lost from
                // the good file.
                assert!(j.bad_files.is_empty(), "{damage:?}: {:?}", j.bad_files);
                assert!(j.boot_is_newest);
            }
        }
    }
}

#[test]
fn damaged_file_holding_the_newest_boot_leaves_the_older_boot_read_and_says_so() {
    if !require_journal_tools() {
        return;
    }
    for damage in [Damage::ZeroedHashTable, Damage::Signature] {
        let (dir, bad_path) = root_with_damaged_file(damage, true);
        let (report, facts) = audit_root(dir.path());
        let j = facts.get::<JournalFacts>().unwrap();
        assert_eq!(j.boot_id.as_deref(), Some(OLDER_BOOT), "{damage:?}");
        assert!(!j.boot_is_newest);
        assert_eq!(j.bad_files.len(), 1);
        assert_eq!(j.bad_files[0].path, bad_path);
        let failed: Vec<&str> = j.failed_units().map(|u| u.unit.as_str()).collect();
        assert_eq!(failed, ["archived.service"], "{damage:?}");
        assert_eq!(j.fs_error_count, 1);
        let row = report
            .findings
            .iter()
            .find(|f| f.subject == format!("journal:{bad_path}"))
            .unwrap();
        assert!(
            row.description.contains("a newer boot may be in this one"),
            "{}",
            row.description
        );
        // The excerpt of the older boot's failed unit, read with that boot's ID.
        let u = facts.get::<UnitsFacts>().unwrap();
        let archived = &u.failed[0];
        assert!(archived
            .excerpt
            .iter()
            .any(|l| l.message == "archived trouble"));
        assert!(
            archived
                .excerpt_source
                .contains(&format!("-b {OLDER_BOOT}")),
            "{}",
            archived.excerpt_source
        );
    }
}

/// Counts the journalctl runs, passing every command to the real runner.
#[derive(Debug, Default)]
struct Counting {
    runs: std::sync::Mutex<Vec<Vec<String>>>,
}

impl Counting {
    fn note(&self, cmd: &Cmd) {
        let args = cmd
            .get_args()
            .iter()
            .map(|a| a.to_string_lossy().into_owned())
            .filter(|a| !a.starts_with("/proc/"))
            .collect();
        self.runs.lock().unwrap().push(args);
    }
}

impl nixbtw_probes::CommandRunner for Counting {
    fn run(&self, cmd: &Cmd, timeout: Duration) -> Result<CmdOutput, CommandError> {
        self.note(cmd);
        SystemRunner.run(cmd, timeout)
    }
    fn run_streaming(
        &self,
        cmd: &Cmd,
        timeout: Duration,
        on_line: nixbtw_probes::command::OnLine<'_>,
    ) -> Result<nixbtw_probes::command::StreamEnd, CommandError> {
        self.note(cmd);
        SystemRunner.run_streaming(cmd, timeout, on_line)
    }
}

#[test]
fn one_read_of_the_boot_one_of_every_boot_one_of_the_daemon_and_one_for_failed_units_lines() {
    if !require_journal_tools() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    two_boots().write_under(dir.path()).unwrap();
    let counting = Arc::new(Counting::default());
    let (_, facts) = audit_root_with(dir.path(), counting.clone());
    let runs = counting.runs.lock().unwrap().clone();
    let has = |args: &Vec<String>, a: &str| args.iter().any(|x| x == a);
    let list_boots = runs.iter().filter(|a| has(a, "--list-boots")).count();
    let boot_reads: Vec<_> = runs
        .iter()
        .filter(|a| has(a, "PRIORITY=1") && !has(a, "_TRANSPORT=kernel"))
        .collect();
    let excerpt_reads = runs.iter().filter(|a| has(a, "-r")).count();
    assert_eq!(list_boots, 1, "{runs:?}");
    assert_eq!(
        boot_reads.len(),
        1,
        "one read for errors and catalog: {runs:?}"
    );
    let catalog = boot_reads[0];
    assert!(
        has(catalog, "+") && has(catalog, "MESSAGE_ID=d9b373ed55a64feb8242e02dbe79a49c"),
        "{catalog:?}"
    );
    assert!(
        !has(catalog, "-b"),
        "boot chosen by ID, not looked up: {catalog:?}"
    );
    assert_eq!(excerpt_reads, 1, "{runs:?}");
    // Every boot's activations (no boot selected), kernel warnings and nix-daemon's lines: one
    // read each.
    let all_boots: Vec<_> = runs
        .iter()
        .filter(|a| has(a, "SYSLOG_IDENTIFIER=nixos"))
        .collect();
    assert_eq!(all_boots.len(), 1, "{runs:?}");
    assert!(
        !all_boots[0].iter().any(|a| a.starts_with("_BOOT_ID=")),
        "{all_boots:?}"
    );
    let daemon = runs
        .iter()
        .filter(|a| has(a, "_SYSTEMD_UNIT=nix-daemon.service"))
        .count();
    assert_eq!(daemon, 1, "{runs:?}");
    let kernel = runs
        .iter()
        .filter(|a| has(a, "_TRANSPORT=kernel") && has(a, "PRIORITY=4"))
        .count();
    assert_eq!(kernel, 1, "{runs:?}");
    assert_eq!(runs.len(), 6, "nothing else: {runs:?}");
    // And it is all there.
    let u = facts.get::<UnitsFacts>().unwrap();
    assert_eq!(u.failed.len(), 4);
    assert!(
        u.failed.iter().all(|f| !f.excerpt.is_empty()),
        "{:?}",
        u.failed
    );
}

/// journalctl's own answer: the MESSAGE of each entry `journalctl -b -u UNIT -n N` shows.
fn journalctl_unit_lines(root: &std::path::Path, unit: &str, n: usize) -> Vec<String> {
    let out = std::process::Command::new("journalctl")
        .arg("--directory")
        .arg(root.join("var/log/journal"))
        .args(["-b", "-q", "-o", "json", "-u", unit, "-n", &n.to_string()])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
        .split(|b| *b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| {
            let e: nixbtw_probes::probes::journal::Entry = serde_json::from_slice(l).unwrap();
            e.line().message
        })
        .collect()
}

#[test]
fn excerpts_are_what_journalctl_u_shows() {
    if !require_journal_tools() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    two_boots().write_under(dir.path()).unwrap();
    let (_, facts) = audit_root(dir.path());
    let u = facts.get::<UnitsFacts>().unwrap();
    let mut compared = 0;
    for f in u.failed.iter().filter(|f| !f.user) {
        let ours: Vec<String> = f.excerpt.iter().map(|l| l.message.clone()).collect();
        assert_eq!(
            ours,
            journalctl_unit_lines(dir.path(), &f.unit, 20),
            "{}",
            f.unit
        );
        compared += 1;
    }
    assert_eq!(compared, 3);
    // A user unit: journalctl --user-unit as root matches only root's (_UID=0) entries; the
    // excerpt takes the user manager's message about it whoever's manager it is.
    let ufail = u.failed.iter().find(|f| f.user).unwrap();
    assert_eq!(ufail.unit, "ufail.service");
    assert!(ufail
        .excerpt
        .iter()
        .any(|l| l.message == "ufail.service: Failed with result 'exit-code'."));
}

#[test]
fn a_flood_from_one_failed_unit_does_not_cost_another_its_lines() {
    if !require_journal_tools() {
        return;
    }
    // 25,000 lines of flood.service are more than the joint read takes (20,000): the quiet
    // unit's three lines, logged before the flood, come from a read of its own.
    let dir = tempfile::tempdir().unwrap();
    flood(25_000).write_under(dir.path()).unwrap();
    let counting = Arc::new(Counting::default());
    let (_, facts) = audit_root_with(dir.path(), counting.clone());
    let u = facts.get::<UnitsFacts>().unwrap();
    for unit in ["quiet.service", "flood.service"] {
        let f = u.failed.iter().find(|f| f.unit == unit).unwrap();
        let ours: Vec<String> = f.excerpt.iter().map(|l| l.message.clone()).collect();
        assert_eq!(ours, journalctl_unit_lines(dir.path(), unit, 20), "{unit}");
    }
    let runs = counting.runs.lock().unwrap();
    let own: Vec<_> = runs
        .iter()
        .filter(|a| a.iter().any(|x| x == "-u"))
        .collect();
    assert_eq!(
        own.len(),
        1,
        "only the quiet unit gets its own read: {own:?}"
    );
    assert!(own[0].iter().any(|x| x == "quiet.service"));
}

/// Hardware and driver errors and nix-daemon's errors come from the same one read of the boot:
/// kernel warnings (firmware, thermal) are in it, nix-daemon's info-priority `error:` lines
/// too; the older boot's, the kernel's unrelated warnings and nix-daemon's chatter are not.
#[test]
fn hardware_and_nix_daemon_errors_of_this_boot_with_excerpts() {
    if !require_journal_tools() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut j = nixbtw_tests::journal::JournalBuilder::new();
    j.boot(OLDER_BOOT);
    j.kernel(
        4,
        "Direct firmware load for old-board.bin failed with error -2",
    );
    j.service_line(
        "nix-daemon.service",
        "nix-daemon",
        6,
        "error: old boot's error",
    );
    j.boot(NEW_BOOT);
    j.kernel(6, "Linux version 6.12.40 (nixbld@localhost)");
    j.kernel(4, "bluetooth hci0: Direct firmware load for qca/rampatch_usb_00000302.bin failed with error -2");
    j.kernel(4, "iwlwifi 0000:00:14.3: Direct firmware load for iwlwifi-so-a0-gf-a0-89.ucode failed with error -2");
    j.kernel(
        3,
        "NVRM: Xid (PCI:0000:01:00): 79, pid=1234, GPU has fallen off the bus.",
    );
    j.kernel(
        6,
        "[drm] Initialized amdgpu 3.57.0 20150101 for 0000:03:00.0 on minor 0",
    );
    j.kernel(2, "mce: [Hardware Error]: Machine check events logged");
    j.kernel(
        4,
        "CPU3: Core temperature above threshold, cpu clock throttled (total events = 1)",
    );
    j.kernel(4, "ACPI Warning: SystemIO range conflicts with OpRegion");
    j.service_line(
        "nix-daemon.service",
        "nix-daemon",
        6,
        "accepted connection from pid 811, user root (trusted)",
    );
    j.service_line(
        "nix-daemon.service",
        "nix-daemon",
        6,
        "error: cannot add path '/nix/store/0a-hello' because it lacks a signature by a trusted key",
    );
    j.write_under(dir.path()).unwrap();
    let (report, facts) = audit_root(dir.path());
    let jf = facts.get::<JournalFacts>().expect("journal facts");
    let kinds: Vec<(String, u64)> = jf
        .hardware
        .iter()
        .map(|h| (format!("{:?}", h.kind), h.count))
        .collect();
    assert_eq!(
        kinds,
        [
            ("Memory".to_string(), 1),
            ("Gpu".to_string(), 1),
            ("Firmware".to_string(), 2),
            ("Thermal".to_string(), 1)
        ]
    );
    assert_eq!(jf.nix_daemon_error_count, 1);
    assert!(jf.nix_daemon_errors[0]
        .message
        .contains("lacks a signature"));
    // Kernel warnings do not count as err..alert entries (journal.noisy is unchanged).
    assert_eq!(jf.error_entries, 2);

    let hw = findings(&report, FindingId::JournalHardwareErrors);
    let got: Vec<(&str, Priority)> = hw
        .iter()
        .map(|f| (f.subject.as_str(), f.priority))
        .collect();
    assert_eq!(
        got,
        [
            ("memory", Priority::P1),
            ("firmware", Priority::P2),
            ("gpu", Priority::P2),
            ("thermal", Priority::P2)
        ]
    );
    let fw = hw.iter().find(|f| f.subject == "firmware").unwrap();
    assert!(fw.evidence[0]
        .excerpt
        .iter()
        .any(|l| l.contains("rampatch_usb")));
    assert!(!fw.evidence[0]
        .excerpt
        .iter()
        .any(|l| l.contains("old-board")));
    let nd = findings(&report, FindingId::JournalNixDaemonErrors);
    assert_eq!(nd.len(), 1);
    assert!(nd[0].evidence[0]
        .excerpt
        .iter()
        .any(|l| l.contains("lacks a signature")));
    assert!(!nd[0].evidence[0]
        .excerpt
        .iter()
        .any(|l| l.contains("accepted connection")));
}

#[test]
fn failed_user_units_are_read_from_the_users_own_journal_file() {
    if !require_journal_tools() {
        return;
    }
    use nixbtw_tests::journal::{Entry, JournalBuilder};
    // journald keeps a user's entries in user-<UID>.journal beside system.journal: the user
    // service's own lines and its user manager's messages about it.
    let dir = tempfile::tempdir().unwrap();
    let mut sys = JournalBuilder::new();
    sys.boot(NEW_BOOT).unit_started("nix-daemon.service");
    sys.write_under(dir.path()).unwrap();
    let mut user = JournalBuilder::new();
    user.boot(NEW_BOOT);
    let in_user = |e: Entry| {
        e.field("_UID", "1000")
            .field("_GID", "100")
            .field("_SYSTEMD_UNIT", "user@1000.service")
            .field("_SYSTEMD_OWNER_UID", "1000")
    };
    user.push(in_user(
        Entry::default()
            .field("_TRANSPORT", "stdout")
            .field("PRIORITY", "3")
            .field("SYSLOG_IDENTIFIER", "rclone")
            .field("_PID", "2301")
            .field("_COMM", "rclone")
            .field("_SYSTEMD_USER_UNIT", "rclone-sync.service")
            .field(
                "MESSAGE",
                "Failed to create file system: didn't find section in config file",
            ),
    ));
    user.push(in_user(
        Entry::default()
            .field("_TRANSPORT", "journal")
            .field("PRIORITY", "4")
            .field("SYSLOG_IDENTIFIER", "systemd")
            .field("_PID", "1200")
            .field("_COMM", "systemd")
            .field("_SYSTEMD_USER_UNIT", "init.scope")
            .field("USER_UNIT", "rclone-sync.service")
            .field("MESSAGE_ID", "d9b373ed55a64feb8242e02dbe79a49c")
            .field("UNIT_RESULT", "exit-code")
            .field(
                "MESSAGE",
                "rclone-sync.service: Failed with result 'exit-code'.",
            ),
    ));
    let file = user.write_named(dir.path(), "user-1000.journal").unwrap();
    assert!(file.ends_with("user-1000.journal"));

    let (report, facts) = audit_root(dir.path());
    let j = facts.get::<JournalFacts>().unwrap();
    assert_eq!(j.files_read, 2);
    let failed: Vec<(&str, bool)> = j
        .failed_units()
        .map(|u| (u.unit.as_str(), u.user))
        .collect();
    assert_eq!(failed, [("rclone-sync.service", true)]);
    let u = facts.get::<UnitsFacts>().unwrap();
    let f = u.failed.iter().find(|f| f.user).unwrap();
    assert_eq!(f.unit, "rclone-sync.service");
    let lines: Vec<&str> = f.excerpt.iter().map(|l| l.message.as_str()).collect();
    assert_eq!(
        lines,
        [
            "Failed to create file system: didn't find section in config file",
            "rclone-sync.service: Failed with result 'exit-code'."
        ]
    );
    let row = report
        .findings
        .iter()
        .find(|x| x.id == FindingId::UnitsFailed)
        .unwrap();
    assert!(
        row.title.contains("user unit rclone-sync.service"),
        "{}",
        row.title
    );
    assert!(row.suggested_action.contains("systemctl --user"));
    assert!(row
        .evidence
        .iter()
        .any(|e| e.excerpt.iter().any(|l| l.contains("didn't find section"))));
}

/// NixOS activation messages (stage 2's kmsg line, switch-to-configuration's syslog lines)
/// read from a real journal file: every boot's, in order, with their system paths and boots;
/// a look-alike line from another program is not one.
#[test]
fn activations_of_every_boot_are_read() {
    if !require_journal_tools() {
        return;
    }
    use nixbtw_probes::probes::journal::ActivationKind;
    use nixbtw_tests::journal::{JournalBuilder, OLD_BOOT};
    let a = "/nix/store/ryw229l3irzk6bkivkmcri9i357x61ag-nixos-system-demo-25.05.20250602";
    let b = "/nix/store/hlaa8bkp8nwglhr9rljzb5z81a96rhnd-nixos-system-demo-25.05.20250603";
    let mut j = JournalBuilder::new();
    j.boot(OLD_BOOT);
    j.stage2_kmsg(b);
    j.boot(NEW_BOOT);
    j.stage2_kmsg(a);
    j.service_line(
        "evil.service",
        "evil",
        3,
        format!("switching to system configuration {b}"),
    );
    j.switch_to_configuration(5, &format!("switching to system configuration {b}"));
    j.switch_to_configuration(
        3,
        &format!("switching to system configuration {b} failed (status 4)"),
    );
    let dir = tempfile::tempdir().unwrap();
    j.write_under(dir.path()).unwrap();
    let (_, facts) = audit_root(dir.path());
    let jf = facts.get::<JournalFacts>().expect("journal facts");
    let got: Vec<(ActivationKind, &str, &str)> = jf
        .activations
        .iter()
        .map(|x| {
            (
                x.kind,
                x.system.as_str(),
                x.boot_id.as_deref().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (ActivationKind::Booting, b, OLD_BOOT),
            (ActivationKind::Booting, a, NEW_BOOT),
            (ActivationKind::Switching, b, NEW_BOOT),
            (ActivationKind::Failed, b, NEW_BOOT)
        ]
    );
    assert!(jf.activations[0].time < jf.activations[1].time);
    assert!(jf.activations_note.is_none());
    assert_eq!(jf.this_boot_activations().len(), 3);
    // The boot history comes from the same read.
    let h = jf.boot_history.as_ref().unwrap();
    assert!(h.complete, "{h:?}");
    assert_eq!(h.boots, 2);
    assert_eq!(h.booted(b).unwrap().last_boot_id.as_deref(), Some(OLD_BOOT));
    assert_eq!(h.booted(a).unwrap().last_boot_id.as_deref(), Some(NEW_BOOT));
    assert!(h.oldest_entry.is_some());
}

/// A chatty nix-daemon (a build's log lines, more than the boot read's whole window) does not
/// push the boot's failures and kernel errors out: its lines are a read of their own, with
/// their own cap, said when it cuts.
#[test]
fn a_chatty_nix_daemon_does_not_crowd_the_boot_read() {
    if !require_journal_tools() {
        return;
    }
    use nixbtw_probes::probes::journal::{MAX_BOOT_ENTRIES, MAX_DAEMON_ENTRIES};
    use nixbtw_tests::journal::JournalBuilder;
    let mut j = JournalBuilder::new();
    j.boot(NEW_BOOT);
    j.service_line("fail.service", "fail", 3, "fail: cannot start");
    j.unit_fails("fail.service", 1, "exit-code");
    j.kernel(
        3,
        "I/O error, dev sdb, sector 42 op 0x0:(READ) flags 0x0 phys_seg 1 prio class 2",
    );
    j.service_line(
        "nix-daemon.service",
        "nix-daemon",
        6,
        "error: early failure",
    );
    let chatty = usize::try_from(MAX_BOOT_ENTRIES).unwrap() + 10;
    for i in 0..chatty {
        j.service_line(
            "nix-daemon.service",
            "nix-daemon",
            6,
            format!("building '/nix/store/{i:032}-x.drv'..."),
        );
    }
    j.service_line(
        "nix-daemon.service",
        "nix-daemon",
        6,
        "error: builder for '/nix/store/00000000000000000000000000000000-y.drv' failed",
    );
    let dir = tempfile::tempdir().unwrap();
    j.write_under(dir.path()).unwrap();
    let (_, facts) = audit_root(dir.path());
    let jf = facts.get::<JournalFacts>().expect("journal facts");
    let failed: Vec<&str> = jf.failed_units().map(|u| u.unit.as_str()).collect();
    assert_eq!(failed, ["fail.service"]);
    assert_eq!(jf.fs_error_count, 1);
    // The daemon's window holds its newest lines: the late error, not the early one.
    assert_eq!(jf.nix_daemon_error_count, 1);
    assert!(jf.nix_daemon_errors[0].message.contains("y.drv"));
    assert_eq!(
        jf.incomplete,
        [format!(
            "nix-daemon entries: only the newest {MAX_DAEMON_ENTRIES} entries were read"
        )]
    );
}
