//! `audit.*` rows and the probe runtime: a probe that hangs, panics or fails becomes an `error` row within its
//! timeout, and the rest of the audit completes.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;
use std::time::Duration;

use nixbtw_audit::audit::{self, Selection};
use nixbtw_audit::config::Config;
use nixbtw_contracts::{FindingId, FindingType, ProbeId, ProbeState};
use nixbtw_probes::probes::host::HostProbe;
use nixbtw_probes::{Cmd, Facts, Host, Probe, ProbeContext, ProbeError, SystemRunner};
use nixbtw_tests::demo_host;

/// Runs a real command that hangs, bounded (as every probe's commands are) by its deadline:
/// the runner kills the command and the probe reports the failure.
struct HungCommandProbe;
impl Probe for HungCommandProbe {
    fn id(&self) -> ProbeId {
        ProbeId::Journal
    }
    fn by_hand(&self) -> &'static str {
        "journalctl -b -p err"
    }
    fn collect(&self, host: &Host, cx: &ProbeContext<'_>) -> Result<Box<dyn Facts>, ProbeError> {
        host.run_offline(&Cmd::new("sleep").arg("3600"), cx.remaining())?;
        Ok(Box::new(()))
    }
}

/// A probe that ignores its deadline altogether (a bug): abandoned after the grace period.
struct StuckProbe;
impl Probe for StuckProbe {
    fn id(&self) -> ProbeId {
        ProbeId::Flake
    }
    fn by_hand(&self) -> &'static str {
        "cat /etc/nixos/flake.lock"
    }
    fn collect(&self, _: &Host, _: &ProbeContext<'_>) -> Result<Box<dyn Facts>, ProbeError> {
        std::thread::sleep(Duration::from_secs(600));
        Ok(Box::new(()))
    }
}

struct PanickingProbe;
impl Probe for PanickingProbe {
    fn id(&self) -> ProbeId {
        ProbeId::Units
    }
    fn by_hand(&self) -> &'static str {
        "systemctl --failed"
    }
    fn collect(&self, _: &Host, _: &ProbeContext<'_>) -> Result<Box<dyn Facts>, ProbeError> {
        panic!("simulated bug");
    }
}

struct FailingProbe;
impl Probe for FailingProbe {
    fn id(&self) -> ProbeId {
        ProbeId::Boot
    }
    fn by_hand(&self) -> &'static str {
        "df -h /boot"
    }
    fn collect(&self, _: &Host, _: &ProbeContext<'_>) -> Result<Box<dyn Facts>, ProbeError> {
        Err(ProbeError::Io {
            path: "/boot".into(),
            source: std::io::Error::from(std::io::ErrorKind::PermissionDenied),
        })
    }
}

struct SkippedProbe;
impl Probe for SkippedProbe {
    fn id(&self) -> ProbeId {
        ProbeId::Channels
    }
    fn by_hand(&self) -> &'static str {
        "nix-channel --list"
    }
    fn collect(&self, _: &Host, _: &ProbeContext<'_>) -> Result<Box<dyn Facts>, ProbeError> {
        Err(ProbeError::Skipped("live-only source under --root".into()))
    }
}

#[test]
fn hung_panicking_and_failing_probes_become_rows_and_the_audit_completes() {
    let host = Host::at_root(&demo_host(), Arc::new(SystemRunner), chrono::Utc::now()).unwrap();
    let probes: Vec<Box<dyn Probe>> = vec![
        Box::new(HostProbe),
        Box::new(HungCommandProbe),
        Box::new(StuckProbe),
        Box::new(PanickingProbe),
        Box::new(FailingProbe),
        Box::new(SkippedProbe),
    ];
    let report = audit::run(
        host,
        probes,
        &Selection::default(),
        &Config::default(),
        Duration::from_secs(1),
        Arc::new(|_, _| {}),
    )
    .unwrap();

    let status = |p: ProbeId| report.probes.iter().find(|s| s.probe == p).unwrap();
    assert_eq!(status(ProbeId::Host).state, ProbeState::Ok);
    assert_eq!(status(ProbeId::Journal).state, ProbeState::Error);
    assert!(status(ProbeId::Journal)
        .message
        .contains("`sleep 3600` did not finish"));
    assert_eq!(status(ProbeId::Flake).state, ProbeState::Timeout);
    assert_eq!(status(ProbeId::Units).state, ProbeState::Error);
    assert!(status(ProbeId::Units).message.contains("simulated bug"));
    assert_eq!(status(ProbeId::Boot).state, ProbeState::Error);
    assert_eq!(status(ProbeId::Channels).state, ProbeState::Skipped);

    let row = |p: ProbeId| {
        report
            .findings
            .iter()
            .find(|f| f.probe == p && f.id.as_str().starts_with("audit."))
            .unwrap()
    };
    let hung = row(ProbeId::Journal);
    assert_eq!(hung.id, FindingId::AuditProbeError);
    assert_eq!(hung.kind, FindingType::Error);
    assert!(
        hung.description.contains("was killed"),
        "{}",
        hung.description
    );
    assert!(
        hung.suggested_action.contains("journalctl -b -p err"),
        "how to get it by hand"
    );
    let stuck = row(ProbeId::Flake);
    assert_eq!(stuck.kind, FindingType::Error);
    assert!(stuck.title.contains("timed out"));
    assert!(stuck.suggested_action.contains("--timeout"));
    let panicked = row(ProbeId::Units);
    assert!(panicked.description.contains("panicked"));
    let failed = row(ProbeId::Boot);
    assert!(failed.description.contains("/boot"));
    assert!(failed.suggested_action.contains("df -h /boot"));
    let skipped = row(ProbeId::Channels);
    assert_eq!(skipped.kind, FindingType::Skipped);
    // The host probe's findings are all still there.
    assert!(report.findings.iter().any(|f| f.id == FindingId::HostLane));
}

/// A probe that reads another's facts runs after it and sees them.
struct NeedsHost;
impl Probe for NeedsHost {
    fn id(&self) -> ProbeId {
        ProbeId::Secrets
    }
    fn needs(&self) -> &'static [ProbeId] {
        &[ProbeId::Host]
    }
    fn by_hand(&self) -> &'static str {
        "-"
    }
    fn collect(&self, _: &Host, cx: &ProbeContext<'_>) -> Result<Box<dyn Facts>, ProbeError> {
        let host = cx
            .facts
            .get::<nixbtw_probes::probes::host::HostFacts>()
            .ok_or_else(|| ProbeError::Skipped("host facts missing".into()))?;
        Ok(Box::new(host.hostname.clone()))
    }
}

#[test]
fn dependent_probes_see_earlier_facts() {
    let host = Host::at_root(&demo_host(), Arc::new(SystemRunner), chrono::Utc::now()).unwrap();
    // Listed before its dependency on purpose.
    let probes: Vec<Box<dyn Probe>> = vec![Box::new(NeedsHost), Box::new(HostProbe)];
    let report = audit::run(
        host,
        probes,
        &Selection::default(),
        &Config::default(),
        Duration::from_secs(30),
        Arc::new(|_, _| {}),
    )
    .unwrap();
    assert_eq!(report.facts["secrets"], "demo-host");
}

/// A release table in the built-in format that keeps NixOS 25.05 (the demo host's release)
/// supported a year longer than the built-in one, dated today.
fn extended_table(dir: &std::path::Path) -> std::path::PathBuf {
    let today = chrono::Utc::now().date_naive();
    let path = dir.join("releases.toml");
    std::fs::write(
        &path,
        format!(
            "as_of = \"{today}\"\n[[nixos]]\nversion = \"25.05\"\ncodename = \"Warbler\"\n\
             end_of_support = \"2026-12-31\"\nnix = \"2.28\"\n"
        ),
    )
    .unwrap();
    path
}

fn demo_json(extra: &[&str]) -> nixbtw_tests::CliRun {
    let out = tempfile::tempdir().unwrap();
    let mut argv = vec![
        "--root".to_string(),
        demo_host().display().to_string(),
        "--only".into(),
        "host".into(),
        "--out-dir".into(),
        out.path().display().to_string(),
        "--no-diff".into(),
        "--quiet".into(),
        "--json".into(),
        "-".into(),
    ];
    argv.extend(extra.iter().map(|s| s.to_string()));
    nixbtw_tests::run_cli(argv)
}

fn eol_of(run: &nixbtw_tests::CliRun) -> nixbtw_contracts::Finding {
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report: nixbtw_contracts::Report = serde_json::from_str(&run.stdout).unwrap();
    report
        .findings
        .into_iter()
        .find(|f| f.id == FindingId::HostReleaseEol)
        .expect("the demo host runs NixOS 25.05")
}

#[test]
fn release_table_stale_a_newer_table_given_at_run_time_is_used() {
    let dir = tempfile::tempdir().unwrap();
    let table = extended_table(dir.path());
    // Built in: 25.05 ended on 2025-12-31.
    let builtin = eol_of(&demo_json(&[]));
    assert!(builtin.title.contains("2025-12-31"), "{}", builtin.title);
    // --releases: the file's window is the one judged.
    let given = eol_of(&demo_json(&["--releases", table.to_str().unwrap()]));
    assert!(!given.title.contains("2025-12-31"), "{}", given.title);
    assert!(
        given.description.contains("2026-12-31") || given.title.contains("2026-12-31"),
        "{given:?}"
    );
    // The configuration's `releases` key, relative to the configuration file.
    let config = dir.path().join("audit.toml");
    std::fs::write(&config, "releases = \"releases.toml\"\n").unwrap();
    let keyed = eol_of(&demo_json(&["--config", config.to_str().unwrap()]));
    assert_eq!(keyed.title, given.title);
}

#[test]
fn release_table_stale_a_bad_table_is_a_usage_error_naming_file_and_entry() {
    let dir = tempfile::tempdir().unwrap();
    let today = chrono::Utc::now().date_naive();
    let entry =
        "[[nixos]]\nversion = \"25.05\"\ncodename = \"Warbler\"\nend_of_support = \"2025-12-31\"\n";
    let cases = [
        (
            format!("as_of = \"{today}\"\n{entry}colour = 1\n"),
            "unknown field `colour`",
        ),
        (
            format!(
                "as_of = \"{today}\"\n{}",
                entry.replace("2025-12-31", "2029-12-31")
            ),
            "end_of_support",
        ),
        (
            format!("as_of = \"{today}\"\n{}", entry.replace("25.05", "25.06")),
            "not a NixOS version",
        ),
        (format!("as_of = \"2099-01-01\"\n{entry}"), "as_of"),
        // Older than the built-in table: refused, never a silent step back.
        (
            format!("as_of = \"2025-01-01\"\n{entry}"),
            "older than the built-in table",
        ),
    ];
    for (i, (text, want)) in cases.iter().enumerate() {
        let path = dir.path().join(format!("r{i}.toml"));
        std::fs::write(&path, text).unwrap();
        let run = demo_json(&["--releases", path.to_str().unwrap()]);
        assert_eq!(run.code, 2, "{text}: {}", run.stderr);
        assert!(run.stdout.is_empty());
        assert!(
            run.stderr.contains(path.to_str().unwrap()) && run.stderr.contains(want),
            "{text}: {}",
            run.stderr
        );
    }
    let run = demo_json(&["--releases", "/nonexistent/releases.toml"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("cannot read release table"),
        "{}",
        run.stderr
    );
}

#[test]
fn release_table_stale_raised_when_a_report_is_judged_after_the_next_release() {
    let dir = tempfile::tempdir().unwrap();
    let run = demo_json(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut report: nixbtw_contracts::Report = serde_json::from_str(&run.stdout).unwrap();
    let stale = |r: &nixbtw_contracts::Report| {
        r.findings
            .iter()
            .find(|f| f.id == FindingId::AuditReleaseTableStale)
            .cloned()
    };
    // Today, the built-in table is current.
    assert!(stale(&report).is_none());
    // The same facts judged on a day past the next release and its grace period.
    let builtin = nixbtw_audit::rules::releases::releases();
    let late = builtin.stale_after(30) + chrono::Days::new(1);
    report.started = late.and_hms_opt(8, 0, 0).unwrap().and_utc();
    let (rejudged, _) = audit::rejudge(&report, &Config::default());
    let f = stale(&rejudged).expect("stale table reported");
    assert_eq!(f.kind, FindingType::Found);
    assert_eq!(f.priority, nixbtw_contracts::Priority::Info);
    assert!(f.title.contains(&builtin.as_of.to_string()), "{}", f.title);
    // Through the command line as well, and a longer grace period keeps it quiet.
    let json = dir.path().join("late.json");
    std::fs::write(&json, serde_json::to_string(&report).unwrap()).unwrap();
    let rejudge = |config: Option<&str>| {
        let mut argv = vec![
            "rejudge".to_string(),
            json.display().to_string(),
            "--out-dir".into(),
            dir.path().display().to_string(),
            "--quiet".into(),
            "--json".into(),
            "-".into(),
        ];
        if let Some(c) = config {
            let p = dir.path().join("c.toml");
            std::fs::write(&p, c).unwrap();
            argv.extend(["--config".to_string(), p.display().to_string()]);
        }
        let run = nixbtw_tests::run_cli(argv);
        assert_eq!(run.code, 0, "{}", run.stderr);
        serde_json::from_str::<nixbtw_contracts::Report>(&run.stdout).unwrap()
    };
    assert!(stale(&rejudge(None)).is_some());
    assert!(stale(&rejudge(Some(
        "[thresholds.audit]\nrelease_table_grace_days = 400\n"
    )))
    .is_none());
}
