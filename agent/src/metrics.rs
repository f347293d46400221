//! Fleet figures: the few numbers a fleet watches, read from a report, and the node_exporter
//! textfile that carries them to Prometheus.
//!
//! A fleet of thousands of hosts is watched by Prometheus scraping node_exporter, which
//! re-exports every `*.prom` file of its textfile directory; no agent of ours sits in between.
//! So `--prometheus FILE` writes that file (atomically, so node_exporter never reads half of it)
//! from the finished [`Report`], like any other renderer.
//!
//! The figures that come from probe facts (store size, reclaimable bytes, generations, failed
//! units) are read from the typed facts (`&StoreFacts`, `&GenerationsFacts`, `&UnitsFacts`) of
//! the report's [`FactSet`], decoded by the probes' registry (`crate::audit::stored_facts`):
//! renaming a facts field breaks the build here, instead of silently dropping a metric and the
//! alert rules built on it. The previous-audit trend ([`crate::diff`]) reads the same
//! [`FleetFigures`]. A figure whose fact is absent (probe not run, failed, or the value
//! unknown) is left out of the metrics rather than exported as 0, so an alert on
//! "reclaimable > X" never fires on missing data and "absent()" alerts can catch probes that
//! stopped reporting.

use std::fmt::Write as _;

use nixbtw_contracts::{FindingId, FindingType, Priority, ProbeId, ProbeState, Report};
use nixbtw_probes::probes::generations::GenerationsFacts;
use nixbtw_probes::probes::store::StoreFacts;
use nixbtw_probes::probes::units::UnitsFacts;
use nixbtw_probes::FactSet;

/// The fleet figures of one report; `None` when the fact is absent.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FleetFigures {
    /// Total NAR size of the store's valid paths, bytes.
    pub store_bytes: Option<u64>,
    /// Bytes a garbage collection would free.
    pub reclaimable_bytes: Option<u64>,
    /// Valid store paths.
    pub valid_paths: Option<u64>,
    /// System profile generations.
    pub system_generations: Option<u64>,
    /// Failed systemd units.
    pub failed_units: Option<u64>,
    /// Whether a reboot is pending to activate the current system's kernel/initrd/modules.
    pub reboot_pending: Option<bool>,
}

impl FleetFigures {
    /// The figures of `report`, whose typed facts are `facts`
    /// (`crate::audit::stored_facts(report)`).
    pub fn of(report: &Report, facts: &FactSet) -> FleetFigures {
        let store = facts.get::<StoreFacts>();
        FleetFigures {
            store_bytes: store.and_then(|s| s.nar_bytes),
            reclaimable_bytes: store.and_then(|s| s.dead_bytes),
            valid_paths: store.and_then(|s| s.valid_paths),
            system_generations: facts
                .get::<GenerationsFacts>()
                .and_then(|g| g.system.as_ref())
                .and_then(|p| u64::try_from(p.generations.len()).ok()),
            failed_units: facts
                .get::<UnitsFacts>()
                .and_then(|u| u64::try_from(u.failed.len()).ok()),
            reboot_pending: reboot_pending(report),
        }
    }
}

/// Whether a reboot is pending: the `generations.reboot-pending` finding (the rule compares
/// the booted and current systems' kernel, initrd and modules), known only when the
/// generations probe ran.
fn reboot_pending(report: &Report) -> Option<bool> {
    let ran = report
        .probes
        .iter()
        .any(|p| p.probe == ProbeId::Generations && p.state == ProbeState::Ok);
    ran.then(|| {
        report
            .findings
            .iter()
            .any(|f| f.id == FindingId::GenerationsRebootPending && f.kind == FindingType::Found)
    })
}

/// One gauge: HELP and TYPE lines, then its samples.
fn gauge(out: &mut String, name: &str, help: &str, samples: &[(String, String)]) {
    let _ = writeln!(out, "# HELP {name} {help}");
    let _ = writeln!(out, "# TYPE {name} gauge");
    for (labels, value) in samples {
        let _ = writeln!(out, "{name}{labels} {value}");
    }
}

fn single(out: &mut String, name: &str, help: &str, value: Option<u64>) {
    if let Some(v) = value {
        gauge(out, name, help, &[(String::new(), v.to_string())]);
    }
}

/// Escape a label value (backslash, double quote, newline), as the text format requires.
fn label_value(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

/// The node_exporter textfile for `report` (Prometheus text exposition format 0.0.4).
///
/// Every value is a gauge: each file describes one audit, so nothing here only ever goes up
/// (no `_total` suffixes). Names carry the `nixbtw_audit_` prefix and base units (`_bytes`,
/// `_seconds`).
pub fn prometheus_text(report: &Report, facts: &FactSet) -> String {
    let mut out = String::new();
    let mut by_priority = [0u64; 5];
    for f in &report.findings {
        if matches!(f.kind, FindingType::Found | FindingType::Rec) {
            by_priority[f.priority as usize] += 1;
        }
    }
    let samples: Vec<(String, String)> = Priority::ALL
        .iter()
        .zip(by_priority)
        .map(|(p, n)| (format!("{{priority=\"{}\"}}", p.as_str()), n.to_string()))
        .collect();
    gauge(
        &mut out,
        "nixbtw_audit_findings",
        "Findings of the last audit (type found or rec) by priority, after suppressions.",
        &samples,
    );
    single(
        &mut out,
        "nixbtw_audit_suppressed_findings",
        "Findings of the last audit silenced by the configuration.",
        Some(u64::from(report.suppressed)),
    );
    let errors = report
        .probes
        .iter()
        .filter(|p| matches!(p.state, ProbeState::Error | ProbeState::Timeout))
        .count();
    single(
        &mut out,
        "nixbtw_audit_probe_errors",
        "Probes that failed or timed out in the last audit (their checks were not evaluated).",
        u64::try_from(errors).ok(),
    );
    single(
        &mut out,
        "nixbtw_audit_last_run_timestamp_seconds",
        "Start of the last audit, seconds since the Unix epoch.",
        u64::try_from(report.started.timestamp()).ok(),
    );
    gauge(
        &mut out,
        "nixbtw_audit_info",
        "Version of the tool that wrote the last audit (always 1).",
        &[(
            format!("{{version=\"{}\"}}", label_value(&report.tool.version)),
            "1".to_string(),
        )],
    );
    let fig = FleetFigures::of(report, facts);
    single(
        &mut out,
        "nixbtw_audit_store_bytes",
        "Total NAR size of the valid paths of the Nix store.",
        fig.store_bytes,
    );
    single(
        &mut out,
        "nixbtw_audit_store_reclaimable_bytes",
        "Bytes a garbage collection would free (dead store paths).",
        fig.reclaimable_bytes,
    );
    single(
        &mut out,
        "nixbtw_audit_store_valid_paths",
        "Valid paths registered in the Nix store database.",
        fig.valid_paths,
    );
    single(
        &mut out,
        "nixbtw_audit_system_generations",
        "Generations of the NixOS system profile.",
        fig.system_generations,
    );
    single(
        &mut out,
        "nixbtw_audit_failed_units",
        "Failed systemd units.",
        fig.failed_units,
    );
    single(
        &mut out,
        "nixbtw_audit_reboot_pending",
        "1 when the booted system differs from the current one in kernel, initrd or modules.",
        fig.reboot_pending.map(u64::from),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use nixbtw_probes::probes::generations::Profile;
    use nixbtw_probes::probes::units::{FailedUnit, UnitsSource};
    use serde_json::json;

    fn report() -> Report {
        serde_json::from_value(json!({
            "schema_version": 1,
            "tool": {"name": "nixbtw-audit", "version": "0.1.0"},
            "target": "h", "root": "/", "lane": "NixOS",
            "started": "2026-11-25T21:07:00Z",
            "findings": [], "suppressed": 2, "probes": [
                {"probe": "host", "state": "ok", "duration_ms": 1, "message": ""},
                {"probe": "store", "state": "timeout", "duration_ms": 1, "message": "x"}
            ],
            "facts": {}
        }))
        .unwrap()
    }

    fn failed(unit: &str) -> FailedUnit {
        FailedUnit {
            unit: unit.into(),
            user: false,
            description: None,
            result: None,
            exec_main_code: None,
            exec_main_status: None,
            failed_at: None,
            message: None,
            excerpt: vec![],
            excerpt_source: String::new(),
            excerpt_error: None,
        }
    }

    fn sample_facts() -> FactSet {
        let system = Profile {
            owner: "root".into(),
            name: "system".into(),
            link: "/nix/var/nix/profiles/system".into(),
            current: Some(3),
            generations: vec![],
            manifest: None,
        };
        FactSet::new()
            .with(StoreFacts {
                nar_bytes: Some(1000),
                dead_bytes: Some(300),
                valid_paths: Some(12),
                ..StoreFacts::default()
            })
            .with(GenerationsFacts {
                system: Some(Profile {
                    generations: (1..=3)
                        .map(|n| nixbtw_probes::probes::generations::Generation {
                            number: n,
                            link: format!("system-{n}-link"),
                            target: None,
                            date: None,
                            label: None,
                            kernel: None,
                        })
                        .collect(),
                    ..system
                }),
                ..GenerationsFacts::default()
            })
            .with(UnitsFacts {
                source: UnitsSource::Journal,
                manager_unavailable: None,
                failed: vec![failed("a.service")],
                nix_daemon: None,
                auto_upgrade: None,
                timers: vec![],
                problems: vec![],
                sources: vec![],
            })
    }

    #[test]
    fn figures_come_from_the_typed_facts() {
        assert_eq!(
            FleetFigures::of(&report(), &sample_facts()),
            FleetFigures {
                store_bytes: Some(1000),
                reclaimable_bytes: Some(300),
                valid_paths: Some(12),
                system_generations: Some(3),
                failed_units: Some(1),
                // The generations probe is not in this report's probe list: unknown.
                reboot_pending: None,
            }
        );
    }

    #[test]
    fn reboot_pending_comes_from_the_finding_when_generations_ran() {
        let mut r = report();
        r.probes.push(nixbtw_contracts::ProbeStatus {
            probe: ProbeId::Generations,
            state: ProbeState::Ok,
            duration_ms: 1,
            message: String::new(),
            incomplete: vec![],
        });
        let none = FactSet::new();
        assert_eq!(FleetFigures::of(&r, &none).reboot_pending, Some(false));
        let mut lane = serde_json::from_value::<nixbtw_contracts::Finding>(json!({
            "number": 1, "id": "generations.reboot-pending", "probe": "generations",
            "subject": "system", "type": "found", "priority": "P2", "action": "recommend",
            "title": "t", "summary": "s", "file": "f", "description": "d", "evidence": [],
            "suggested_action": "a", "fix_applied": null
        }))
        .unwrap();
        r.findings.push(lane.clone());
        assert_eq!(FleetFigures::of(&r, &none).reboot_pending, Some(true));
        assert!(prometheus_text(&r, &none).contains("nixbtw_audit_reboot_pending 1\n"));
        lane.kind = FindingType::Fixed;
        r.findings[0] = lane;
        assert_eq!(FleetFigures::of(&r, &none).reboot_pending, Some(false));
    }

    #[test]
    fn absent_facts_emit_no_metric() {
        let facts = FactSet::new().with(StoreFacts {
            dead_bytes: Some(5),
            ..StoreFacts::default()
        });
        let text = prometheus_text(&report(), &facts);
        assert!(!text.contains("nixbtw_audit_store_bytes"), "{text}");
        assert!(text.contains("nixbtw_audit_store_reclaimable_bytes 5\n"));
        assert!(!text.contains("nixbtw_audit_failed_units"));
        assert!(!text.contains("nixbtw_audit_system_generations"));
        assert!(!text.contains("nixbtw_audit_reboot_pending"));
        assert!(text.contains("nixbtw_audit_probe_errors 1\n"));
        assert!(text.contains("nixbtw_audit_suppressed_findings 2\n"));
        assert!(text.contains("nixbtw_audit_last_run_timestamp_seconds 1795640820\n"));
        assert!(text.contains("nixbtw_audit_findings{priority=\"P0\"} 0\n"));
        let full = prometheus_text(&report(), &sample_facts());
        assert!(full.contains("nixbtw_audit_failed_units 1\n"), "{full}");
        assert!(
            full.contains("nixbtw_audit_system_generations 3\n"),
            "{full}"
        );
    }

    #[test]
    fn label_values_are_escaped() {
        assert_eq!(label_value("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
    }
}
