//! Comparing an audit with the previous one of the same host.
//!
//! Every audit writes its JSON beside the markdown (`<date>-<slug>[-N].json`), so the previous
//! audit is on disk: the newest report of the same slug by `started`. Comparing the two turns a
//! nightly audit into a to-do list that closes itself: findings no longer detected are carried
//! over as Type `fixed`, Action `applied`, "no longer detected on <date>" (the contract's fix
//! protocol, a ticked box); findings the previous audit did not have are flagged `new`; and the
//! key figures (store size, reclaimable bytes, system generations) are shown then and now.
//!
//! A finding is the same across audits when its (ID, subject) is. A previous finding is only
//! called fixed when this audit could have seen it again: the probe that judges its ID (the
//! check catalog's [`nixbtw_contracts::ids::CheckInfo::probe`], e.g. `deep` for
//! `store.corrupt`) ran this time, read all of its input ([`nixbtw_contracts::ProbeStatus::complete`]: not timed
//! out, not failed, not stopped at a size cap or a time budget), and no active suppression hides
//! the finding now. Otherwise a probe that timed out tonight, an audit without `--deep`, or a
//! nix.conf that could not be read would "fix" everything found yesterday. Only actionable rows
//! (found or rec, P0..P3) are carried over; info rows describe the host, and their subjects
//! (generation numbers, roots) change by design.
//!
//! This runs on the finished [`Report`] (after the sink), before redaction and rendering; the
//! rules never see the previous audit. The trend figures come from both audits' typed facts
//! ([`FleetFigures`]), the previous one's decoded from its JSON by the probes' registry.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use std::path::{Path, PathBuf};

use nixbtw_contracts::{
    Action, Finding, FindingId, FindingType, PreviousAudit, Priority, ProbeId, Report, Trend,
    TrendUnit,
};
use nixbtw_probes::pkgdiff;
use nixbtw_probes::probes::generations::{GenerationDiff, GenerationsFacts};
use nixbtw_probes::FactSet;

use crate::audit::stored_facts;
use crate::config::Config;
use crate::metrics::FleetFigures;
use crate::rules::{RuleContext, AGAINST_PREVIOUS};
use crate::sink;
use crate::writer::REPORT_DIR;

/// A previous report, as found on disk.
#[derive(Debug, Clone)]
pub struct Previous {
    /// Its JSON file.
    pub path: PathBuf,
    /// The report it holds.
    pub report: Report,
}

/// Whether `name` is a report JSON of `slug`: `<YYYY-MM-DD>-<slug>.json` or
/// `<YYYY-MM-DD>-<slug>-<N>.json`.
fn is_report_of(name: &str, slug: &str) -> bool {
    let Some(stem) = name.strip_suffix(".json") else {
        return false;
    };
    if stem.len() < 11 || !stem.is_char_boundary(11) {
        return false;
    }
    let (date, rest) = stem.split_at(11);
    let date_ok =
        chrono::NaiveDate::parse_from_str(&date[..10], "%Y-%m-%d").is_ok() && date.ends_with('-');
    if !date_ok {
        return false;
    }
    match rest.strip_prefix(slug) {
        Some("") => true,
        Some(tail) => tail
            .strip_prefix('-')
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())),
        None => false,
    }
}

/// The newest unredacted report of `slug` under `out_dir` whose target is `target` (by
/// `started`; ties by file name), skipping files that are not readable reports. `None` when
/// there is none. The file name alone cannot tell `<date>-web-2.json` (host `web`, second
/// report of the day) from host `web-2`'s report: the report's own target decides.
///
/// The date in a report's file name is its `started` date (the writer names it so), so only
/// the files of the newest date are parsed, going back a date only when none of them is usable:
/// years of nightly reports do not make every audit parse them all.
pub fn find_previous(out_dir: &Path, slug: &str, target: &str) -> Option<Previous> {
    let dir = out_dir.join(REPORT_DIR);
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .ok()?
        .flatten()
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| is_report_of(n, slug))
        .collect();
    names.sort_by(|a, b| b[..10].cmp(&a[..10]));
    // Day by day, newest first: the day's reports by their head alone (a report's facts are
    // most of its bytes), newest first; the first that parses whole is the previous audit.
    let read = |path: &Path| {
        nixbtw_probes::fs::read_local(path, nixbtw_probes::fs::caps::REPORT_JSON).ok()
    };
    for day in names.chunk_by(|a, b| a[..10] == b[..10]) {
        let mut heads: Vec<(DateTime<Utc>, PathBuf)> = day
            .iter()
            .filter_map(|name| {
                let path = dir.join(name);
                let head = serde_json::from_slice::<ReportHead>(&read(&path)?).ok()?;
                // Placeholders of a redacted report match nothing in this one; another
                // host's report (a slug that is a prefix of ours) is not our history.
                (!head.redacted && head.target == target).then_some((head.started, path))
            })
            .collect();
        heads.sort_by(|a, b| b.cmp(a));
        let found = heads.into_iter().find_map(|(_, path)| {
            let report = serde_json::from_slice::<Report>(&read(&path)?).ok()?;
            Some(Previous { path, report })
        });
        if found.is_some() {
            return found;
        }
    }
    None
}

/// What [`find_previous`] chooses by: a report's target, start and whether it is redacted
/// (every other field skipped unparsed).
#[derive(serde::Deserialize)]
struct ReportHead {
    target: String,
    started: DateTime<Utc>,
    #[serde(default)]
    redacted: bool,
}

/// The probe whose facts judge `f`: the catalog's, or for `audit.*` rows (which the catalog
/// ties to no probe) the probe the row is about.
pub fn judged_by(f: &Finding) -> ProbeId {
    f.id.info().probe.unwrap_or(f.probe)
}

/// Mark `report` (whose typed facts are `facts`) against `previous`: carry over fixed findings,
/// flag new ones, add the trend. Renumbers the findings.
pub fn apply(report: &mut Report, facts: &FactSet, previous: &Previous, config: &Config) {
    let prev = &previous.report;
    let today = report.started.date_naive();
    let date = report.date();
    let prev_facts = stored_facts(prev);
    // The checks that compare with the previous audit (a changed system.stateVersion): judged
    // now, through the same sink (overrides, suppressions) as every other finding.
    let cx = RuleContext {
        facts,
        thresholds: &config.thresholds,
        now: report.started,
        live: report.root == "/",
        releases: &config.release_table,
        previous: Some(&prev_facts),
    };
    let mut against = Vec::new();
    for rule in AGAINST_PREVIOUS {
        (rule.judge)(&cx, &mut against);
    }
    let sunk = sink::sink(against, config, today);
    report.suppressed = report.suppressed.saturating_add(sunk.suppressed);
    report.findings.extend(
        sunk.findings
            .into_iter()
            .filter(|f| f.id != FindingId::AuditSuppressionExpired),
    );
    let before: BTreeSet<(&str, &str)> = prev
        .findings
        .iter()
        .filter(|f| f.kind != FindingType::Fixed)
        .map(|f| (f.id.as_str(), f.subject.as_str()))
        .collect();
    let mut new = 0u32;
    for f in &mut report.findings {
        f.new =
            f.kind != FindingType::Fixed && !before.contains(&(f.id.as_str(), f.subject.as_str()));
        new += u32::from(f.new);
    }
    let now: BTreeSet<(&str, String)> = report
        .findings
        .iter()
        .map(|f| (f.id.as_str(), f.subject.clone()))
        .collect();
    let complete: BTreeSet<ProbeId> = report
        .probes
        .iter()
        .filter(|p| p.complete())
        .map(|p| p.probe)
        .collect();
    let fixed: Vec<Finding> = prev
        .findings
        .iter()
        .filter(|f| matches!(f.kind, FindingType::Found | FindingType::Rec))
        .filter(|f| f.priority != Priority::Info)
        .filter(|f| !now.contains(&(f.id.as_str(), f.subject.clone())))
        .filter(|f| complete.contains(&judged_by(f)))
        // A change between two audits is reported once; the next audit not seeing it again
        // does not mean it was undone.
        .filter(|f| !AGAINST_PREVIOUS.iter().any(|r| r.ids.contains(&f.id)))
        .filter(|f| !config.silences(f.id, &f.subject, today))
        .map(|f| Finding {
            kind: FindingType::Fixed,
            action: Action::Applied,
            fix_applied: Some(format!("no longer detected on {date}").into()),
            new: false,
            related_to: None,
            number: 0,
            ..f.clone()
        })
        .collect();
    let fixed_count = u32::try_from(fixed.len()).unwrap_or(u32::MAX);
    report.findings.extend(fixed);
    Report::sort_and_number(&mut report.findings);

    let prev_facts = stored_facts(prev);
    let packages = package_changes(&prev_facts, facts);
    let (a, b) = (
        FleetFigures::of(prev, &prev_facts),
        FleetFigures::of(report, facts),
    );
    let trend = [
        (
            "store_bytes",
            "Store size",
            TrendUnit::Bytes,
            a.store_bytes,
            b.store_bytes,
        ),
        (
            "reclaimable_bytes",
            "Reclaimable by GC",
            TrendUnit::Bytes,
            a.reclaimable_bytes,
            b.reclaimable_bytes,
        ),
        (
            "system_generations",
            "System generations",
            TrendUnit::Count,
            a.system_generations,
            b.system_generations,
        ),
    ]
    .into_iter()
    .filter(|(.., p, c)| p.is_some() || c.is_some())
    .map(|(metric, label, unit, previous, current)| Trend {
        metric: metric.to_string(),
        label: label.to_string(),
        unit,
        previous,
        current,
    })
    .collect();
    report.previous = Some(PreviousAudit {
        file: previous
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        started: prev.started,
        new,
        fixed: fixed_count,
        trend,
        packages,
    });
}

/// How many package changes since the last audit the report lists.
pub const MAX_PACKAGE_CHANGES: usize = 30;

/// The current system's package changes between the previous audit's facts and these (both
/// need the generations probe's `current_packages`), as lines: security-relevant first, then
/// selected, then by kind and name.
pub fn package_changes(prev: &FactSet, now: &FactSet) -> Vec<String> {
    let (Some(a), Some(b)) = (
        prev.get::<GenerationsFacts>(),
        now.get::<GenerationsFacts>(),
    ) else {
        return Vec::new();
    };
    if a.current_packages.is_empty() || b.current_packages.is_empty() {
        return Vec::new();
    }
    let d = GenerationDiff {
        from: 0,
        to: 0,
        from_bytes: 0,
        to_bytes: 0,
        changes: pkgdiff::diff(&a.current_packages, &b.current_packages),
    };
    crate::rules::generations::diff_lines(&d, MAX_PACKAGE_CHANGES)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::finding;
    use crate::sink;
    use nixbtw_contracts::{FindingId, ProbeState, ProbeStatus};
    use nixbtw_probes::probes::generations::{Generation, GenerationsFacts, Profile};
    use nixbtw_probes::probes::store::StoreFacts;
    use serde_json::json;

    /// A report of `findings` whose facts are `facts`, as the JSON stores them; the host, store
    /// and units probes (and every probe with facts) ran completely.
    fn report(started: &str, findings: Vec<Finding>, facts: &FactSet) -> Report {
        let mut r: Report = serde_json::from_value(json!({
            "schema_version": 1,
            "tool": {"name": "nixbtw-audit", "version": "0.1.0"},
            "target": "h", "root": "/", "lane": "NixOS",
            "started": started,
            "findings": [], "suppressed": 0, "probes": [], "facts": {}
        }))
        .unwrap();
        r.facts = facts.to_json();
        r.probes = facts.statuses();
        for p in [ProbeId::Host, ProbeId::Store, ProbeId::Units] {
            if facts.run(p).is_none() {
                r.probes.push(ProbeStatus {
                    probe: p,
                    state: ProbeState::Ok,
                    duration_ms: 1,
                    message: String::new(),
                    incomplete: vec![],
                });
            }
        }
        r.findings = sink::sink(findings, &Config::default(), r.started.date_naive()).findings;
        r
    }

    fn store(nar: u64, dead: u64) -> StoreFacts {
        StoreFacts {
            nar_bytes: Some(nar),
            dead_bytes: Some(dead),
            root_usage_complete: true,
            ..StoreFacts::default()
        }
    }

    fn generations(n: u32) -> GenerationsFacts {
        let gens = (1..=n)
            .map(|number| Generation {
                number,
                link: format!("system-{number}-link"),
                target: None,
                date: None,
                label: None,
                kernel: None,
                ..Default::default()
            })
            .collect();
        GenerationsFacts {
            system: Some(Profile {
                owner: "root".into(),
                name: "system".into(),
                link: "/nix/var/nix/profiles/system".into(),
                current: Some(n),
                generations: gens,
                manifest: None,
                diffs: Vec::new(),
            }),
            ..GenerationsFacts::default()
        }
    }

    fn previous(r: Report) -> Previous {
        Previous {
            path: PathBuf::from("/x/2026-11-24-h.json"),
            report: r,
        }
    }

    fn f(id: FindingId, subject: &str) -> Finding {
        finding(id, subject)
            .title(format!("{id} {subject}"))
            .build()
    }

    #[test]
    fn names_of_the_same_slug_only() {
        for ok in [
            "2026-11-24-h.json",
            "2026-11-24-h-2.json",
            "1999-01-01-h-13.json",
        ] {
            assert!(is_report_of(ok, "h"), "{ok}");
        }
        for bad in [
            "2026-11-24-h.md",
            "2026-11-24-hx.json",
            "2026-11-24-h-.json",
            "2026-11-24-h-x.json",
            "2026-13-24-h.json",
            "h.json",
            "2026-11-24-h-2-3.json",
        ] {
            assert!(!is_report_of(bad, "h"), "{bad}");
        }
        // A slug that itself ends in -<digits> still matches its own files.
        assert!(is_report_of("2026-11-24-web-2.json", "web-2"));
    }

    fn with_packages(mut g: GenerationsFacts, pkgs: &[(&str, &str)]) -> GenerationsFacts {
        g.current_packages = pkgs
            .iter()
            .map(|(n, v)| pkgdiff::Package {
                pname: n.to_string(),
                version: Some(v.to_string()),
                nar_bytes: 1024,
                paths: 1,
                selected: false,
            })
            .collect();
        g
    }

    #[test]
    fn package_changes_since_the_last_audit() {
        let prev = report(
            "2026-11-24T03:00:00Z",
            vec![],
            &FactSet::new().with(with_packages(
                generations(3),
                &[("openssl", "3.3.2"), ("nano", "8.2"), ("bash", "5.2p37")],
            )),
        );
        let mut now = report(
            "2026-11-25T03:00:00Z",
            vec![],
            &FactSet::new().with(with_packages(
                generations(4),
                &[("openssl", "3.0.14"), ("htop", "3.3.0"), ("bash", "5.2p37")],
            )),
        );
        let facts = crate::audit::stored_facts(&now);
        apply(&mut now, &facts, &previous(prev), &Config::default());
        let p = now.previous.as_ref().unwrap();
        assert_eq!(p.packages.len(), 3, "{:?}", p.packages);
        assert!(p.packages[0].starts_with("openssl 3.3.2 → 3.0.14"));
        assert!(p.packages[0].contains("[security: openssl]"));
        assert!(p.packages.iter().any(|l| l.starts_with("+ htop 3.3.0")));
        assert!(p.packages.iter().any(|l| l.starts_with("- nano 8.2")));
        // Without the previous facts' packages (an older report): nothing listed.
        let prev = report(
            "2026-11-24T03:00:00Z",
            vec![],
            &FactSet::new().with(generations(3)),
        );
        let mut now2 = now.clone();
        apply(&mut now2, &facts, &previous(prev), &Config::default());
        assert!(now2.previous.unwrap().packages.is_empty());
    }

    #[test]
    fn fixed_new_and_trend() {
        let prev = report(
            "2026-11-24T03:00:00Z",
            vec![
                f(FindingId::UnitsFailed, "a.service"),
                f(FindingId::UnitsFailed, "b.service"),
                f(FindingId::StoreReclaimable, "/nix/store"),
                f(FindingId::HostLane, "lane"),
            ],
            &FactSet::new().with(store(1000, 400)).with(generations(3)),
        );
        let mut now = report(
            "2026-11-25T03:00:00Z",
            vec![
                f(FindingId::UnitsFailed, "b.service"),
                f(FindingId::UnitsFailed, "c.service"),
                f(FindingId::HostLane, "lane"),
            ],
            &FactSet::new().with(store(800, 0)),
        );
        let facts = crate::audit::stored_facts(&now);
        apply(&mut now, &facts, &previous(prev), &Config::default());
        let rows: Vec<_> = now
            .findings
            .iter()
            .map(|f| (f.number, f.id.as_str(), f.subject.as_str(), f.kind, f.new))
            .collect();
        assert_eq!(
            rows,
            vec![
                (1, "units.failed", "a.service", FindingType::Fixed, false),
                (2, "units.failed", "b.service", FindingType::Found, false),
                (3, "units.failed", "c.service", FindingType::Found, true),
                (
                    4,
                    "store.reclaimable",
                    "/nix/store",
                    FindingType::Fixed,
                    false
                ),
                (5, "host.lane", "lane", FindingType::Found, false),
            ]
        );
        let fixed = &now.findings[0];
        assert_eq!(fixed.action, Action::Applied);
        assert_eq!(
            fixed.fix_applied.as_ref().map(|p| p.plain()).as_deref(),
            Some("no longer detected on 2026-11-25")
        );
        let p = now.previous.as_ref().unwrap();
        assert_eq!(
            (p.file.as_str(), p.new, p.fixed),
            ("2026-11-24-h.json", 1, 2)
        );
        let trend: Vec<_> = p
            .trend
            .iter()
            .map(|t| (t.metric.as_str(), t.previous, t.current))
            .collect();
        assert_eq!(
            trend,
            vec![
                ("store_bytes", Some(1000), Some(800)),
                ("reclaimable_bytes", Some(400), Some(0)),
                ("system_generations", Some(3), None),
            ]
        );
        // A fixed row does not make the exit code fail.
        assert_eq!(now.worst(), Some(Priority::P1));
    }

    #[test]
    fn not_fixed_when_the_probe_did_not_run_or_is_suppressed() {
        let prev = report(
            "2026-11-24T03:00:00Z",
            vec![
                f(FindingId::UnitsFailed, "a.service"),
                f(FindingId::StoreReclaimable, "/nix/store"),
            ],
            &FactSet::new(),
        );
        let mut now = report("2026-11-25T03:00:00Z", vec![], &FactSet::new());
        now.probes.retain(|p| p.probe != ProbeId::Store);
        let config = Config::parse(
            "[[suppress]]\nid = \"units.failed\"\nreason = \"known\"\nuntil = \"2026-12-01\"\n",
            "t",
        )
        .unwrap();
        apply(&mut now, &FactSet::new(), &previous(prev), &config);
        assert!(now.findings.is_empty(), "{:?}", now.findings);
        assert_eq!(now.previous.unwrap().fixed, 0);
    }

    #[test]
    fn not_fixed_when_the_judging_probe_was_incomplete() {
        let prev = report(
            "2026-11-24T03:00:00Z",
            vec![
                f(FindingId::UnitsFailed, "a.service"),
                f(FindingId::StoreReclaimable, "/nix/store"),
            ],
            &FactSet::new(),
        );
        // The store probe ran but could not read the Nix DB: its facts say so, and so does
        // its status; the units probe read everything.
        let unreadable = StoreFacts {
            db_error: Some("permission denied".into()),
            ..store(0, 0)
        };
        let facts = FactSet::new().with(unreadable);
        let mut now = report("2026-11-25T03:00:00Z", vec![], &facts);
        let status = now
            .probes
            .iter()
            .find(|p| p.probe == ProbeId::Store)
            .unwrap();
        assert_eq!(status.incomplete, ["Nix DB: permission denied"]);
        apply(&mut now, &facts, &previous(prev), &Config::default());
        let fixed: Vec<_> = now.findings.iter().map(|f| f.id).collect();
        assert_eq!(fixed, [FindingId::UnitsFailed]);
    }

    #[test]
    fn deep_findings_are_fixed_only_by_a_complete_deep_run() {
        let corrupt = || f(FindingId::StoreCorrupt, "/nix/store/x-y");
        // The catalog names the deep probe as the judge of store.corrupt.
        assert_eq!(judged_by(&corrupt()), ProbeId::Deep);
        let prev = report("2026-11-24T03:00:00Z", vec![corrupt()], &FactSet::new());
        // A run without --deep: the store probe ran completely, the deep probe not at all.
        let mut now = report("2026-11-25T03:00:00Z", vec![], &FactSet::new());
        apply(
            &mut now,
            &FactSet::new(),
            &previous(prev.clone()),
            &Config::default(),
        );
        assert!(now.findings.is_empty(), "{:?}", now.findings);
        // A deep run that stopped at its time limit.
        let partial = nixbtw_probes::probes::deep::DeepFacts {
            scope: nixbtw_probes::probes::deep::DeepScope::All,
            db: String::new(),
            system: None,
            paths_total: 2,
            bytes_total: 2,
            paths_checked: 1,
            bytes_hashed: 1,
            threads: 1,
            seconds: 0.5,
            complete: false,
            corrupt: vec![],
            missing: vec![],
            unreadable: vec![],
            unregistered: vec![],
            unregistered_error: None,
            roots_error: None,
            by_hand: String::new(),
        };
        let facts = FactSet::new().with(partial.clone());
        let mut now = report("2026-11-25T03:00:00Z", vec![], &facts);
        apply(
            &mut now,
            &facts,
            &previous(prev.clone()),
            &Config::default(),
        );
        assert!(now.findings.is_empty(), "{:?}", now.findings);
        // A complete deep run that no longer finds it: fixed.
        let facts = FactSet::new().with(nixbtw_probes::probes::deep::DeepFacts {
            complete: true,
            paths_checked: 2,
            ..partial
        });
        let mut now = report("2026-11-25T03:00:00Z", vec![], &facts);
        apply(&mut now, &facts, &previous(prev), &Config::default());
        assert_eq!(now.findings.len(), 1);
        assert_eq!(now.findings[0].kind, FindingType::Fixed);
    }

    #[test]
    fn finds_the_newest_unredacted_report_of_the_slug() {
        let dir = tempfile::tempdir().unwrap();
        let reports = dir.path().join(REPORT_DIR);
        std::fs::create_dir_all(&reports).unwrap();
        let write = |name: &str, started: &str, redacted: bool| {
            let mut r = report(started, vec![], &FactSet::new());
            r.redacted = redacted;
            std::fs::write(reports.join(name), serde_json::to_string(&r).unwrap()).unwrap();
        };
        write("2026-11-20-h.json", "2026-11-20T03:00:00Z", false);
        // Newest by `started` within the newest usable date, not by name: `-2` can be older.
        write("2026-11-22-h.json", "2026-11-22T09:00:00Z", false);
        write("2026-11-22-h-2.json", "2026-11-22T03:00:00Z", false);
        // Newer, but redacted: skipped, so the search goes back a date.
        write("2026-11-23-h.json", "2026-11-23T03:00:00Z", true);
        write("2026-11-24-other.json", "2026-11-24T03:00:00Z", false);
        std::fs::write(reports.join("2026-11-25-h.json"), "not json").unwrap();
        let p = find_previous(dir.path(), "h", "h").unwrap();
        assert_eq!(p.path.file_name().unwrap(), "2026-11-22-h.json");
        assert!(find_previous(dir.path(), "nobody", "h").is_none());
        assert!(find_previous(&dir.path().join("missing"), "h", "h").is_none());
        // Host `h-2`'s report is named like `h`'s second report of a day: not ours.
        let mut other = report("2026-11-26T03:00:00Z", vec![], &FactSet::new());
        other.target = "h-2".to_string();
        std::fs::write(
            reports.join("2026-11-26-h-2.json"),
            serde_json::to_string(&other).unwrap(),
        )
        .unwrap();
        let p = find_previous(dir.path(), "h", "h").unwrap();
        assert_eq!(p.path.file_name().unwrap(), "2026-11-22-h.json");
        assert!(find_previous(dir.path(), "h-2", "h-2").is_some());
        // A newer report whose head reads but whose body does not (truncated facts): the
        // next newest of its date is taken.
        let mut broken: serde_json::Value =
            serde_json::to_value(report("2026-11-22T12:00:00Z", vec![], &FactSet::new())).unwrap();
        broken["findings"] = serde_json::json!("not a list");
        std::fs::write(reports.join("2026-11-22-h-3.json"), broken.to_string()).unwrap();
        let p = find_previous(dir.path(), "h", "h").unwrap();
        assert_eq!(p.path.file_name().unwrap(), "2026-11-22-h.json");
    }
}
