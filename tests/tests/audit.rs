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
