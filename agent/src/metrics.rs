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
use nixbtw_probes::probes::boot::BootFacts;
use nixbtw_probes::probes::flake::FlakeFacts;
use nixbtw_probes::probes::generations::GenerationsFacts;
use nixbtw_probes::probes::host::{HostFacts, NixFlavour};
use nixbtw_probes::probes::store::StoreFacts;
use nixbtw_probes::probes::units::UnitsFacts;
use nixbtw_probes::FactSet;

use crate::rules::releases::{release_of_branch, Releases};

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

/// The per-host gauges of the fleet dashboard: support window, nixpkgs age, generations,
/// the Nix in use and free space. `None` when the fact is absent, as for [`FleetFigures`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HostGauges {
    /// The NixOS release (`25.05`) and its end of support (the end of that day, UTC), Unix
    /// seconds. Days until (or since, when negative) are `(value - time()) / 86400`.
    pub end_of_support: Option<(String, i64)>,
    /// When the system's nixpkgs revision was made (the lock's `lastModified` of the input the
    /// flake facts chose by evidence), Unix seconds. Its age in days is
    /// `(time() - value) / 86400`.
    pub nixpkgs_lock_time: Option<i64>,
    /// When the current system generation was made, Unix seconds.
    pub current_generation_time: Option<i64>,
    /// When the booted system generation was made, Unix seconds.
    pub booted_generation_time: Option<i64>,
    /// The Nix in use: flavour (`upstream`, `determinate`, `lix`) and version, both safe as
    /// label values.
    pub nix: Option<(&'static str, String)>,
    /// Bytes available on the filesystem holding /boot.
    pub boot_available_bytes: Option<u64>,
    /// Bytes available on the filesystem holding the Nix store.
    pub store_available_bytes: Option<u64>,
}

impl HostGauges {
    /// The gauges of a report whose typed facts are `facts`, with end of support from
    /// `releases` (the table the report was judged with).
    pub fn of(facts: &FactSet, releases: &Releases) -> HostGauges {
        let host = facts.get::<HostFacts>();
        let end_of_support = host.and_then(|h| {
            let os = h.os_release.as_ref().filter(|_| h.nixos)?;
            let pre = os
                .version
                .as_deref()
                .or(os.build_id.as_deref())
                .is_some_and(|v| v.contains("pre"));
            let version = os.version_id.as_deref().filter(|_| !pre)?;
            // Only a real `YY.MM` is a label value (the file is the target's).
            let version = release_of_branch(&format!("nixos-{version}"))?;
            let eol = releases.nixos_end_of_support(&version)?;
            let end = eol.succ_opt()?.and_hms_opt(0, 0, 0)?.and_utc().timestamp();
            Some((version, end))
        });
        let nixpkgs_lock_time = facts.get::<FlakeFacts>().and_then(|f| {
            let l = f.lock.as_ref()?;
            let chosen = l.nixpkgs.as_ref()?;
            let input = l.inputs.iter().find(|i| i.name == chosen.input)?;
            input.locked.as_ref()?.last_modified
        });
        let gens = facts.get::<GenerationsFacts>();
        let generation_time = |n: Option<u32>| -> Option<i64> {
            let g = gens?;
            let n = n?;
            let gen = g
                .system
                .as_ref()?
                .generations
                .iter()
                .find(|x| x.number == n)?;
            Some(gen.date?.timestamp())
        };
        let nix = host.and_then(|h| h.nix.as_ref()).map(|n| {
            let flavour = match n.flavour {
                NixFlavour::Upstream => "upstream",
                NixFlavour::Determinate => "determinate",
                NixFlavour::Lix => "lix",
            };
            (flavour, version_label(&n.version))
        });
        HostGauges {
            end_of_support,
            nixpkgs_lock_time,
            current_generation_time: generation_time(gens.and_then(|g| g.current_generation)),
            booted_generation_time: generation_time(gens.and_then(|g| g.booted_generation)),
            nix,
            boot_available_bytes: facts
                .get::<BootFacts>()
                .and_then(|b| b.fs.as_ref())
                .map(|f| f.available_bytes),
            store_available_bytes: facts
                .get::<StoreFacts>()
                .and_then(|s| s.fs.as_ref())
                .map(|f| f.available_bytes),
        }
    }
}

/// A version string as a label value: what `nix --version` printed is the target's text, so
/// only a short run of version characters is exported (`unknown` otherwise); a label must not
/// carry arbitrary host text to the exporter's readers, nor grow the series count.
fn version_label(v: &str) -> String {
    let ok = !v.is_empty()
        && v.len() <= 64
        && v.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '+' | '_'));
    if ok {
        v.to_string()
    } else {
        "unknown".to_string()
    }
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
pub fn prometheus_text(report: &Report, facts: &FactSet, releases: &Releases) -> String {
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
    // One sample per catalog ID, zeros included: the series set is the catalog, bounded and
    // the same on every host, so `> 0` alerts and fleet-wide sums need no `absent()`.
    let mut by_id: std::collections::BTreeMap<FindingId, u64> =
        FindingId::ALL.iter().map(|id| (*id, 0)).collect();
    for f in &report.findings {
        if matches!(f.kind, FindingType::Found | FindingType::Rec) {
            *by_id.entry(f.id).or_default() += 1;
        }
    }
    let samples: Vec<(String, String)> = FindingId::ALL
        .iter()
        .map(|id| {
            (
                format!("{{id=\"{}\"}}", id.as_str()),
                by_id.get(id).copied().unwrap_or(0).to_string(),
            )
        })
        .collect();
    gauge(
        &mut out,
        "nixbtw_audit_check_findings",
        "Findings of the last audit (type found or rec) by check ID, after suppressions; one \
         sample per ID of the catalog.",
        &samples,
    );
    let g = HostGauges::of(facts, releases);
    // Dates, not ages: `(value - time()) / 86400` is the days until (or since) them, right
    // now rather than as of the last audit, and in base units as the format asks.
    if let Some((release, end)) = &g.end_of_support {
        gauge(
            &mut out,
            "nixbtw_audit_release_end_of_support_timestamp_seconds",
            "End of support of the NixOS release (the end of its last day, UTC), seconds since \
             the Unix epoch.",
            &[(format!("{{release=\"{release}\"}}"), end.to_string())],
        );
    }
    signed(
        &mut out,
        "nixbtw_audit_nixpkgs_lock_timestamp_seconds",
        "When the nixpkgs revision the system flake locks was made (lastModified), seconds \
         since the Unix epoch.",
        g.nixpkgs_lock_time,
    );
    signed(
        &mut out,
        "nixbtw_audit_current_generation_timestamp_seconds",
        "When the current NixOS system generation was made, seconds since the Unix epoch.",
        g.current_generation_time,
    );
    signed(
        &mut out,
        "nixbtw_audit_booted_generation_timestamp_seconds",
        "When the booted NixOS system generation was made, seconds since the Unix epoch.",
        g.booted_generation_time,
    );
    if let Some((flavour, version)) = &g.nix {
        gauge(
            &mut out,
            "nixbtw_audit_nix_info",
            "The Nix in use: flavour (upstream, determinate, lix) and version (always 1).",
            &[(
                format!(
                    "{{flavour=\"{flavour}\",version=\"{}\"}}",
                    label_value(version)
                ),
                "1".to_string(),
            )],
        );
    }
    single(
        &mut out,
        "nixbtw_audit_boot_available_bytes",
        "Bytes available on the filesystem holding /boot.",
        g.boot_available_bytes,
    );
    single(
        &mut out,
        "nixbtw_audit_store_available_bytes",
        "Bytes available on the filesystem holding the Nix store.",
        g.store_available_bytes,
    );
    out
}

fn signed(out: &mut String, name: &str, help: &str, value: Option<i64>) {
    if let Some(v) = value {
        gauge(out, name, help, &[(String::new(), v.to_string())]);
    }
}

/// Every metric name [`prometheus_text`] can write, in order (the dashboard and alert-rule
/// tests check that they reference only these).
pub const METRIC_NAMES: &[&str] = &[
    "nixbtw_audit_findings",
    "nixbtw_audit_suppressed_findings",
    "nixbtw_audit_probe_errors",
    "nixbtw_audit_last_run_timestamp_seconds",
    "nixbtw_audit_info",
    "nixbtw_audit_store_bytes",
    "nixbtw_audit_store_reclaimable_bytes",
    "nixbtw_audit_store_valid_paths",
    "nixbtw_audit_system_generations",
    "nixbtw_audit_failed_units",
    "nixbtw_audit_reboot_pending",
    "nixbtw_audit_check_findings",
    "nixbtw_audit_release_end_of_support_timestamp_seconds",
    "nixbtw_audit_nixpkgs_lock_timestamp_seconds",
    "nixbtw_audit_current_generation_timestamp_seconds",
    "nixbtw_audit_booted_generation_timestamp_seconds",
    "nixbtw_audit_nix_info",
    "nixbtw_audit_boot_available_bytes",
    "nixbtw_audit_store_available_bytes",
];

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
            diffs: Vec::new(),
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
                            ..Default::default()
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
        assert!(
            prometheus_text(&r, &none, crate::rules::releases::releases())
                .contains("nixbtw_audit_reboot_pending 1\n")
        );
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
        let text = prometheus_text(&report(), &facts, crate::rules::releases::releases());
        assert!(!text.contains("nixbtw_audit_store_bytes"), "{text}");
        assert!(text.contains("nixbtw_audit_store_reclaimable_bytes 5\n"));
        assert!(!text.contains("nixbtw_audit_failed_units"));
        assert!(!text.contains("nixbtw_audit_system_generations"));
        assert!(!text.contains("nixbtw_audit_reboot_pending"));
        assert!(text.contains("nixbtw_audit_probe_errors 1\n"));
        assert!(text.contains("nixbtw_audit_suppressed_findings 2\n"));
        assert!(text.contains("nixbtw_audit_last_run_timestamp_seconds 1795640820\n"));
        assert!(text.contains("nixbtw_audit_findings{priority=\"P0\"} 0\n"));
        let full = prometheus_text(
            &report(),
            &sample_facts(),
            crate::rules::releases::releases(),
        );
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

    fn host(os: &str, nix_version: &str) -> nixbtw_probes::probes::host::HostFacts {
        serde_json::from_value(json!({
            "hostname": "h", "nixos": true, "wsl": false, "darwin": false,
            "os_release": {"id": "nixos", "version_id": os},
            "nix": {"flavour": "lix", "version": nix_version, "nix_version": null, "source": "nix --version"},
            "has_store": true, "determinate_nixd": false, "multi_user": true,
            "kernel": null, "memory": null, "disks": [], "problems": [], "sources": []
        }))
        .unwrap()
    }

    #[test]
    fn host_gauges_come_from_host_generations_boot_and_store_facts() {
        let rel = crate::rules::releases::releases();
        let mut facts = sample_facts().with(host("25.05", "2.91.1"));
        let g = HostGauges::of(&facts, rel);
        // 25.05 ends on 2025-12-31: the end of that day.
        assert_eq!(g.end_of_support, Some(("25.05".into(), 1_767_225_600)));
        assert_eq!(g.nix, Some(("lix", "2.91.1".to_string())));
        assert_eq!(g.store_available_bytes, None);
        assert_eq!(g.current_generation_time, None);
        let text = prometheus_text(&report(), &facts, rel);
        assert!(
            text.contains("nixbtw_audit_nix_info{flavour=\"lix\",version=\"2.91.1\"} 1\n"),
            "{text}"
        );
        assert!(text.contains("nixbtw_audit_release_end_of_support_timestamp_seconds{release=\"25.05\"} 1767225600\n"), "{text}");
        assert!(
            !text.contains("nixbtw_audit_store_available_bytes"),
            "{text}"
        );
        // Host text never becomes a label: a version with odd characters, an odd release.
        facts = sample_facts().with(host("25.05\"} 1\nevil 2", "2.91\"x"));
        let g = HostGauges::of(&facts, rel);
        assert_eq!(g.end_of_support, None);
        assert_eq!(g.nix, Some(("lix", "unknown".to_string())));
        // Free space, generation dates.
        let gen = |n: u32, secs: i64| nixbtw_probes::probes::generations::Generation {
            number: n,
            link: format!("system-{n}-link"),
            target: None,
            date: chrono::DateTime::from_timestamp(secs, 0),
            label: None,
            kernel: None,
            ..Default::default()
        };
        let fs = nixbtw_probes::host::FsSpace {
            total_bytes: 100,
            free_bytes: 50,
            available_bytes: 40,
        };
        let facts = FactSet::new()
            .with(StoreFacts {
                fs: Some(fs),
                ..StoreFacts::default()
            })
            .with(BootFacts {
                fs: Some(nixbtw_probes::host::FsSpace {
                    available_bytes: 7,
                    ..fs
                }),
                ..BootFacts::default()
            })
            .with(GenerationsFacts {
                system: Some(Profile {
                    owner: "root".into(),
                    name: "system".into(),
                    link: "/nix/var/nix/profiles/system".into(),
                    current: Some(2),
                    generations: vec![gen(1, 1000), gen(2, 2000)],
                    manifest: None,
                    diffs: Vec::new(),
                }),
                current_generation: Some(2),
                booted_generation: Some(1),
                ..GenerationsFacts::default()
            });
        let g = HostGauges::of(&facts, rel);
        assert_eq!(g.store_available_bytes, Some(40));
        assert_eq!(g.boot_available_bytes, Some(7));
        assert_eq!(g.current_generation_time, Some(2000));
        assert_eq!(g.booted_generation_time, Some(1000));
        assert_eq!(g.end_of_support, None);
    }

    #[test]
    fn one_check_findings_sample_per_catalog_id() {
        let mut r = report();
        let f = serde_json::from_value::<nixbtw_contracts::Finding>(json!({
            "number": 1, "id": "units.failed", "probe": "units",
            "subject": "a.service", "type": "found", "priority": "P1", "action": "recommend",
            "title": "t", "summary": "s", "file": "f", "description": "d", "evidence": [],
            "suggested_action": "a", "fix_applied": null
        }))
        .unwrap();
        r.findings = vec![f.clone(), f.clone()];
        let text = prometheus_text(&r, &FactSet::new(), crate::rules::releases::releases());
        let lines: Vec<&str> = text
            .lines()
            .filter(|l| l.starts_with("nixbtw_audit_check_findings{"))
            .collect();
        assert_eq!(lines.len(), FindingId::ALL.len());
        assert!(lines.contains(&"nixbtw_audit_check_findings{id=\"units.failed\"} 2"));
        assert!(lines.contains(&"nixbtw_audit_check_findings{id=\"store.disk-low\"} 0"));
        // Every name written is listed in METRIC_NAMES.
        for l in text.lines().filter(|l| l.starts_with("# TYPE ")) {
            let name = l.split(' ').nth(2).unwrap();
            assert!(METRIC_NAMES.contains(&name), "{name}");
        }
    }
}
