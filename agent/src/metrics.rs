//! Fleet figures: the few numbers a fleet watches, read from a report, and the node_exporter
//! textfile that carries them to Prometheus.
//!
//! A fleet of thousands of hosts is watched by Prometheus scraping node_exporter, which
//! re-exports every `*.prom` file of its textfile directory; no agent of ours sits in between.
//! So `--prometheus FILE` writes that file (atomically, so node_exporter never reads half of it)
//! from the finished [`Report`], like any other renderer.
//!
//! The figures that come from probe facts (store size, reclaimable bytes, generations, failed
//! units, reboot pending) are read from `Report.facts` as JSON, here and nowhere else:
//! [`FACT_KEYS`] lists every key path in one place, so a change in a probe's facts is fixed by
//! editing one table. The previous-audit trend ([`crate::diff`]) reads the same [`FleetFigures`].
//! A figure whose fact is absent (probe not run, failed, or the value unknown) is left out of
//! the metrics rather than exported as 0, so an alert on "reclaimable > X" never fires on
//! missing data and "absent()" alerts can catch probes that stopped reporting.

use std::fmt::Write as _;

use nixbtw_contracts::{FindingId, FindingType, Priority, ProbeId, ProbeState, Report};
use serde_json::Value;

/// Where each fact-derived figure lives in `Report.facts`: `(figure, key path)`. The first
/// path segment is the probe name. Alternatives for one figure are tried in order.
pub const FACT_KEYS: &[(&str, &[&str])] = &[
    // store probe: total NAR size of valid paths (bytes)
    ("store_bytes", &["store", "nar_bytes"]),
    // store probe: bytes a GC would free (dead paths)
    ("reclaimable_bytes", &["store", "dead_bytes"]),
    // store probe: number of rows in ValidPaths
    ("valid_paths", &["store", "valid_paths"]),
    // generations probe: the system profile's generations, as a plain list ...
    ("system_generations", &["generations", "system"]),
    // ... or as a profile object holding them
    (
        "system_generations",
        &["generations", "system", "generations"],
    ),
    // units probe: failed units (one entry each)
    ("failed_units", &["units", "failed"]),
];

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

fn lookup<'a>(
    facts: &'a std::collections::BTreeMap<String, Value>,
    path: &[&str],
) -> Option<&'a Value> {
    let (first, rest) = path.split_first()?;
    let mut v = facts.get(*first)?;
    for key in rest {
        v = v.get(*key)?;
    }
    (!v.is_null()).then_some(v)
}

/// The first present value of `figure` among [`FACT_KEYS`], converted by `conv`.
fn figure<T>(report: &Report, name: &str, conv: impl Fn(&Value) -> Option<T>) -> Option<T> {
    FACT_KEYS
        .iter()
        .filter(|(n, _)| *n == name)
        .find_map(|(_, path)| lookup(&report.facts, path).and_then(&conv))
}

fn count(v: &Value) -> Option<u64> {
    match v {
        Value::Array(items) => u64::try_from(items.len()).ok(),
        Value::Number(n) => n.as_u64(),
        _ => None,
    }
}

impl FleetFigures {
    /// Read the figures from a report's facts.
    pub fn of(report: &Report) -> FleetFigures {
        FleetFigures {
            store_bytes: figure(report, "store_bytes", Value::as_u64),
            reclaimable_bytes: figure(report, "reclaimable_bytes", Value::as_u64),
            valid_paths: figure(report, "valid_paths", Value::as_u64),
            system_generations: figure(report, "system_generations", count),
            failed_units: figure(report, "failed_units", count),
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
pub fn prometheus_text(report: &Report) -> String {
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
    let fig = FleetFigures::of(report);
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
    use serde_json::json;

    fn report(facts: Value) -> Report {
        serde_json::from_value(json!({
            "schema_version": 1,
            "tool": {"name": "nixbtw-audit", "version": "0.1.0"},
            "target": "h", "root": "/", "lane": "NixOS",
            "started": "2026-11-25T21:07:00Z",
            "findings": [], "suppressed": 2, "probes": [
                {"probe": "host", "state": "ok", "duration_ms": 1, "message": ""},
                {"probe": "store", "state": "timeout", "duration_ms": 1, "message": "x"}
            ],
            "facts": facts
        }))
        .unwrap()
    }

    #[test]
    fn figures_follow_the_key_table() {
        let r = report(json!({
            "store": {"nar_bytes": 1000, "dead_bytes": 300, "valid_paths": 12},
            "generations": {"system": {"generations": [{}, {}, {}]}},
            "units": {"failed": [{"unit": "a.service"}]}
        }));
        assert_eq!(
            FleetFigures::of(&r),
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
        let list = report(json!({"generations": {"system": [{}, {}]}}));
        assert_eq!(FleetFigures::of(&list).system_generations, Some(2));
    }

    #[test]
    fn reboot_pending_comes_from_the_finding_when_generations_ran() {
        let mut r = report(json!({}));
        r.probes.push(nixbtw_contracts::ProbeStatus {
            probe: ProbeId::Generations,
            state: ProbeState::Ok,
            duration_ms: 1,
            message: String::new(),
        });
        assert_eq!(FleetFigures::of(&r).reboot_pending, Some(false));
        let mut lane = serde_json::from_value::<nixbtw_contracts::Finding>(json!({
            "number": 1, "id": "generations.reboot-pending", "probe": "generations",
            "subject": "system", "type": "found", "priority": "P2", "action": "recommend",
            "title": "t", "summary": "s", "file": "f", "description": "d", "evidence": [],
            "suggested_action": "a", "fix_applied": null
        }))
        .unwrap();
        r.findings.push(lane.clone());
        assert_eq!(FleetFigures::of(&r).reboot_pending, Some(true));
        assert!(prometheus_text(&r).contains("nixbtw_audit_reboot_pending 1\n"));
        lane.kind = FindingType::Fixed;
        r.findings[0] = lane;
        assert_eq!(FleetFigures::of(&r).reboot_pending, Some(false));
    }

    #[test]
    fn absent_or_null_facts_emit_no_metric() {
        let r = report(json!({"store": {"nar_bytes": null, "dead_bytes": 5}}));
        let text = prometheus_text(&r);
        assert!(!text.contains("nixbtw_audit_store_bytes"), "{text}");
        assert!(text.contains("nixbtw_audit_store_reclaimable_bytes 5\n"));
        assert!(!text.contains("nixbtw_audit_failed_units"));
        assert!(!text.contains("nixbtw_audit_reboot_pending"));
        assert!(text.contains("nixbtw_audit_probe_errors 1\n"));
        assert!(text.contains("nixbtw_audit_suppressed_findings 2\n"));
        assert!(text.contains("nixbtw_audit_last_run_timestamp_seconds 1795640820\n"));
        assert!(text.contains("nixbtw_audit_findings{priority=\"P0\"} 0\n"));
    }

    #[test]
    fn label_values_are_escaped() {
        assert_eq!(label_value("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
    }
}
