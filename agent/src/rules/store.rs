//! `store.*`: free space, size, what a GC would free, and whether GC runs by itself. One
//! function per check; the deep-mode `store.*` checks are judged in `rules/deep.rs` from the
//! deep probe's facts.

use nixbtw_contracts::prose::{lit, sh};
use serde::Deserialize;

use nixbtw_contracts::{Chart, ChartKind, Finding, FindingId, FindingType, Priority};
use nixbtw_probes::probes::generations::GenerationsFacts;
use nixbtw_probes::probes::store::StoreFacts;
use nixbtw_probes::probes::units::UnitsFacts;

use super::{bytes, finding, rule, Rule, RuleContext};

const GIB: u64 = 1 << 30;

/// Thresholds of the `store.*` checks (defaults from CHECKS.md).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct StoreThresholds {
    /// `store.disk-critical` under this percentage free.
    pub critical_free_percent: f64,
    /// `store.disk-critical` under this many bytes free.
    pub critical_free_bytes: u64,
    /// `store.disk-low` under this percentage free.
    pub low_free_percent: f64,
    /// `store.disk-low` under this many bytes free.
    pub low_free_bytes: u64,
    /// `store.reclaimable` when a GC would free over this percentage of the store.
    pub reclaimable_percent: f64,
    /// `store.reclaimable` when a GC would free over this many bytes.
    pub reclaimable_bytes: u64,
    /// `store.gc-not-scheduled` when the store is over this many bytes...
    pub gc_store_bytes: u64,
    /// ...or holds over this many system generations.
    pub gc_generations: usize,
}

impl Default for StoreThresholds {
    fn default() -> Self {
        StoreThresholds {
            critical_free_percent: 5.0,
            critical_free_bytes: 2 * GIB,
            low_free_percent: 10.0,
            low_free_bytes: 10 * GIB,
            reclaimable_percent: 20.0,
            reclaimable_bytes: 10 * GIB,
            gc_store_bytes: 20 * GIB,
            gc_generations: 30,
        }
    }
}

/// What `store.gc-not-scheduled` judges: nix.conf `min-free` and the store size (store facts),
/// the number of system generations (generations facts), and whether an automatic-GC timer
/// exists (the units probe's timer facts, live from the manager or from unit files under
/// `--root`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GcScheduleInput {
    /// Whether an automatic-GC timer (nix-gc.timer, nh clean) exists; `None`: unknown.
    pub gc_timer: Option<bool>,
    /// Where `gc_timer` comes from.
    pub timer_source: String,
    /// nix.conf `min-free` (bytes), when set.
    pub min_free: Option<u64>,
    /// Total NAR size of the store.
    pub store_bytes: Option<u64>,
    /// Number of system generations.
    pub system_generations: Option<usize>,
}

impl GcScheduleInput {
    /// Gather the input from the store, generations and units facts (the units probe knows
    /// the maintenance timers, live from the manager or from unit files under `--root`).
    pub fn from_facts(
        store: &StoreFacts,
        generations: Option<&GenerationsFacts>,
        units: Option<&UnitsFacts>,
    ) -> Self {
        let present: Vec<&str> = units
            .map(|u| {
                ["nix-gc", "nh-clean"]
                    .into_iter()
                    .filter(|t| u.timer(t).is_some_and(|t| t.present))
                    .collect()
            })
            .unwrap_or_default();
        let (gc_timer, timer_source) = match units {
            None => (None, "unknown: the units probe did not run".to_string()),
            Some(_) if present.is_empty() => (
                Some(false),
                "no nix-gc.timer or nh-clean.timer (units probe)".to_string(),
            ),
            Some(_) => (
                Some(true),
                present
                    .iter()
                    .map(|t| format!("{t}.timer"))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
        };
        GcScheduleInput {
            gc_timer,
            timer_source,
            min_free: store.gc.min_free,
            store_bytes: store.nar_bytes,
            system_generations: generations
                .and_then(|g| g.system.as_ref())
                .map(|s| s.generations.len()),
        }
    }
}

fn pct(part: u64, whole: u64) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 * 100.0 / whole as f64
    }
}

/// The rules of this module, in evaluation order.
pub const RULES: &[Rule] = &[
    rule!(StoreSummary => summary),
    rule!(StoreDiskCritical => disk_critical),
    rule!(StoreDiskLow => disk_low),
    rule!(StoreDbUnreadable => db_unreadable),
    rule!(StoreReclaimable => reclaimable),
    rule!(StoreGcNotScheduled => gc_not_scheduled),
];

/// `store.summary`: always, the store's size and what a GC would free.
pub fn summary(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    if let Some(s) = cx.facts.get::<StoreFacts>() {
        out.push(summary_of(s));
    }
}

/// How full the store's filesystem is: (available bytes, percent free, total bytes).
fn free_space(s: &StoreFacts) -> Option<(u64, f64, u64)> {
    let fs = s.fs?;
    Some((
        fs.available_bytes,
        pct(fs.available_bytes, fs.total_bytes),
        fs.total_bytes,
    ))
}

/// Whether the store's filesystem is under the critical thresholds.
fn critical(free: u64, p: f64, t: &StoreThresholds) -> bool {
    p < t.critical_free_percent || free < t.critical_free_bytes
}

/// `store.disk-critical`: under 5% or 2 GiB free where the store lives.
pub fn disk_critical(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    let Some(s) = cx.facts.get::<StoreFacts>() else {
        return;
    };
    let t = &cx.thresholds.store;
    if let Some((free, p, total)) = free_space(s) {
        if critical(free, p, t) {
            out.push(disk_finding(
                FindingId::StoreDiskCritical,
                s,
                free,
                p,
                total,
            ));
        }
    }
}

/// `store.disk-low`: under 10% or 10 GiB free where the store lives (and not critical, which
/// [`disk_critical`] reports instead).
pub fn disk_low(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    let Some(s) = cx.facts.get::<StoreFacts>() else {
        return;
    };
    let t = &cx.thresholds.store;
    if let Some((free, p, total)) = free_space(s) {
        let low = p < t.low_free_percent || free < t.low_free_bytes;
        if low && !critical(free, p, t) {
            out.push(disk_finding(FindingId::StoreDiskLow, s, free, p, total));
        }
    }
}

fn disk_finding(id: FindingId, s: &StoreFacts, free: u64, p: f64, total: u64) -> Finding {
    let line = vec![format!(
        "{}: {} available of {} ({p:.1}% free)",
        s.store_dir,
        bytes(free),
        bytes(total)
    )];
    let reclaim = s
        .dead_bytes
        .map(|d| format!(" A GC would free about {} right now.", bytes(d)))
        .unwrap_or_default();
    finding(id, &s.store_dir)
        .title(format!(
            "Nix store filesystem {}: {} free ({p:.1}%)",
            if id == FindingId::StoreDiskCritical {
                "almost full"
            } else {
                "low on space"
            },
            bytes(free)
        ))
        .file(&s.store_dir)
        .description(format!(
            "The filesystem holding {} has {} available of {}. Builds and \
             `nixos-rebuild` write into the store first, so they fail when it \
             fills up, and a half-finished switch is harder to recover from.{reclaim}",
            lit(&s.store_dir),
            bytes(free),
            bytes(total)
        ))
        .evidence("statvfs", line)
        .action(
            "Free space: `sudo nix-collect-garbage --delete-older-than 14d` (removes \
             old generations, then unreachable paths), then `sudo nix-store --optimise`; \
             enable `nix.gc.automatic` and `nix.settings.min-free`.",
        )
        .build()
}

/// `store.db-unreadable`: the Nix DB could not be opened; how to get the figures by hand.
pub fn db_unreadable(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    let Some(s) = cx.facts.get::<StoreFacts>() else {
        return;
    };
    let Some(e) = &s.db_error else {
        return;
    };
    out.push(
        finding(FindingId::StoreDbUnreadable, &s.db_path)
            .kind(FindingType::Error)
            .title("Nix DB could not be read")
            .summary(format!("Nix DB unreadable: {e}"))
            .file(&s.db_path)
            .description(format!(
                "The Nix DB {} could not be opened read-only ({e}). Store size, dead paths \
                 and per-root closure sizes are missing from this report; the free-space \
                 checks above still apply.",
                lit(&s.db_path),
                e = lit(e)
            ))
            .evidence(&s.db_path, vec![e.clone()])
            .action(format!(
                "As root: `sqlite3 'file:{}?immutable=1' 'select count(*), sum(narSize) from \
                 ValidPaths'`; `du -sh {}`; `nix-store --gc --print-dead | wc -l` (note: \
                 the last one also removes stale gcroots/auto links).",
                lit(&s.db_path),
                sh(&s.store_dir)
            ))
            .build(),
    );
}

/// `store.reclaimable`: a GC would free over 20% of the store or over 10 GiB.
pub fn reclaimable(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    let Some(s) = cx.facts.get::<StoreFacts>() else {
        return;
    };
    let t = &cx.thresholds.store;
    let (Some(dead), Some(total)) = (s.dead_bytes, s.nar_bytes) else {
        return;
    };
    let p = pct(dead, total);
    if p <= t.reclaimable_percent && dead <= t.reclaimable_bytes {
        return;
    }
    let mut lines: Vec<String> = s
        .largest_dead
        .iter()
        .map(|d| format!("{}  {}", bytes(d.nar_bytes), d.path))
        .collect();
    lines.insert(
        0,
        format!(
            "{} dead paths, {} of {} ({p:.1}%)",
            s.dead_paths.unwrap_or(0),
            bytes(dead),
            bytes(total)
        ),
    );
    out.push(
        finding(FindingId::StoreReclaimable, &s.store_dir)
            .title(format!("A GC would free {} ({p:.0}% of the store)", bytes(dead)))
            .file(&s.db_path)
            .description(format!(
                "{} store paths ({}) are reachable from no GC root: `nix-store --gc` \
                 would delete them. Computed from the Nix DB (ValidPaths, Refs) and the \
                 roots in the gcroots facts, without running a GC.",
                s.dead_paths.unwrap_or(0),
                bytes(dead)
            ))
            .evidence("Nix DB: dead paths, largest first", lines)
            .action("`sudo nix-store --gc` (or `sudo nix-collect-garbage` to also drop old profile generations).")
            .build(),
    );
}

/// `store.gc-not-scheduled`: no automatic GC, and the store is big or the generations many.
pub fn gc_not_scheduled(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    let Some(s) = cx.facts.get::<StoreFacts>() else {
        return;
    };
    let input = GcScheduleInput::from_facts(
        s,
        cx.facts.get::<GenerationsFacts>(),
        cx.facts.get::<UnitsFacts>(),
    );
    out.extend(gc_not_scheduled_of(
        &input,
        &cx.thresholds.store,
        &s.store_dir,
    ));
}

/// `store.gc-not-scheduled` over its input.
pub fn gc_not_scheduled_of(
    i: &GcScheduleInput,
    t: &StoreThresholds,
    subject: &str,
) -> Option<Finding> {
    if i.gc_timer == Some(true) || i.min_free.is_some() {
        return None;
    }
    let big = i.store_bytes.is_some_and(|b| b > t.gc_store_bytes);
    let many = i.system_generations.is_some_and(|n| n > t.gc_generations);
    if !big && !many {
        return None;
    }
    let mut lines = vec![
        format!("timer: {}", i.timer_source),
        "nix.conf min-free: not set".to_string(),
    ];
    if let Some(b) = i.store_bytes {
        lines.push(format!("store: {}", bytes(b)));
    }
    if let Some(n) = i.system_generations {
        lines.push(format!("system generations: {n}"));
    }
    Some(
        finding(FindingId::StoreGcNotScheduled, subject)
            .title("No automatic garbage collection")
            .file("/etc/nix/nix.conf")
            .description(
                "Nothing collects garbage on this host: no nix-gc.timer (or nh clean timer) was \
                 found and nix.conf sets no `min-free`. The store and the generation list only \
                 grow until the disk fills.",
            )
            .evidence("nix.conf, /etc/systemd", lines)
            .action(
                "NixOS: `nix.gc = { automatic = true; dates = \"weekly\"; options = \
                 \"--delete-older-than 30d\"; };` and `nix.settings.min-free = 5 * 1024 * 1024 * 1024;`",
            )
            .build(),
    )
}

fn summary_of(s: &StoreFacts) -> Finding {
    let mut lines = Vec::new();
    let title = match (s.valid_paths, s.nar_bytes) {
        (Some(n), Some(b)) => {
            lines.push(format!(
                "valid paths: {n}, NAR size: {}, references: {}",
                bytes(b),
                s.refs.unwrap_or(0)
            ));
            format!("Store: {n} paths, {}", bytes(b))
        }
        _ => "Store: size unknown (DB unreadable)".to_string(),
    };
    if let (Some(lp), Some(lb)) = (s.live_paths, s.live_bytes) {
        lines.push(format!(
            "live: {lp} paths, {} (from {} roots)",
            bytes(lb),
            s.roots_used
        ));
    }
    if let (Some(dp), Some(db)) = (s.dead_paths, s.dead_bytes) {
        lines.push(format!("dead (a GC would free): {dp} paths, {}", bytes(db)));
    }
    if let Some(fs) = s.fs {
        lines.push(format!(
            "filesystem: {} used of {}, {} available",
            bytes(fs.total_bytes.saturating_sub(fs.free_bytes)),
            bytes(fs.total_bytes),
            bytes(fs.available_bytes)
        ));
    }
    lines.push(format!(
        "db: {} (wal {}), opened {}{}",
        s.db_bytes.map(bytes).unwrap_or_else(|| "missing".into()),
        s.wal_bytes.map(bytes).unwrap_or_else(|| "none".into()),
        match s.db_open_mode {
            Some(nixbtw_probes::nixdb::OpenMode::ReadOnly) => "read-only (WAL snapshot)",
            Some(nixbtw_probes::nixdb::OpenMode::Immutable) => "immutable",
            None => "-",
        },
        if s.possibly_inconsistent {
            ", possibly inconsistent if a writer was active"
        } else {
            ""
        }
    ));
    lines.push(format!(
        "gc settings: keep-derivations={}, keep-outputs={} ({})",
        s.gc.keep.derivations, s.gc.keep.outputs, s.gc.source
    ));
    let dead = s
        .dead_bytes
        .map(|d| format!("; a GC would free {}", bytes(d)))
        .unwrap_or_default();
    let b = finding(FindingId::StoreSummary, &s.store_dir)
        .priority(Priority::Info)
        .title(title.clone())
        .summary(format!("{title}{dead}"))
        .file(&s.db_path)
        .description(
            "Store size and reclaimable space, from the Nix DB (ValidPaths, Refs) and the GC \
             roots, computed without running a GC. NAR size is close to the on-disk size before \
             hard-link optimisation.",
        )
        .evidence(&s.db_path, lines);
    match bytes_by_holder(s) {
        Some((lines, chart)) => b.chart(
            "bytes by what keeps them (Nix DB and GC roots)",
            lines,
            chart,
        ),
        None => b,
    }
    .action("None; informational.")
    .build()
}

/// Most root targets named in the store chart; the rest are summed as "other roots".
const CHART_ROOTS: usize = 6;

/// Where the store's bytes are: each large root target's exclusive bytes, what several roots
/// share, and what a GC would free; as excerpt lines and as a pie chart of the same numbers.
/// `None` when the DB figures or per-root sizes are missing.
fn bytes_by_holder(s: &StoreFacts) -> Option<(Vec<String>, Chart)> {
    let (live, dead) = (s.live_bytes?, s.dead_bytes?);
    if s.root_usage.is_empty() {
        return None;
    }
    let mut usage: Vec<_> = s.root_usage.iter().collect();
    usage.sort_by(|a, b| {
        b.exclusive_bytes
            .cmp(&a.exclusive_bytes)
            .then(a.target.cmp(&b.target))
    });
    let mut parts: Vec<(String, u64)> = usage
        .iter()
        .take(CHART_ROOTS)
        .map(|u| {
            (
                nixbtw_contracts::text::short_store_paths(&u.target),
                u.exclusive_bytes,
            )
        })
        .collect();
    let other: u64 = usage
        .iter()
        .skip(CHART_ROOTS)
        .map(|u| u.exclusive_bytes)
        .sum();
    if other > 0 {
        parts.push(("other roots".into(), other));
    }
    let exclusive: u64 = usage.iter().map(|u| u.exclusive_bytes).sum();
    parts.push((
        "shared by several roots".into(),
        live.saturating_sub(exclusive),
    ));
    parts.push(("dead: a GC would free".into(), dead));
    let total: u64 = parts.iter().map(|(_, v)| v).sum();
    let (unit, div) = if total >= 10 << 20 {
        ("MiB", 1u64 << 20)
    } else {
        ("KiB", 1 << 10)
    };
    let lines = parts
        .iter()
        .map(|(l, v)| format!("{l}: {}", bytes(*v)))
        .collect();
    let chart = Chart {
        kind: ChartKind::Pie,
        title: format!("Store bytes by what keeps them ({unit})"),
        unit: unit.into(),
        points: parts
            .into_iter()
            .map(|(l, v)| (l, v.div_ceil(div)))
            .collect(),
    };
    Some((lines, chart))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::run_rules;
    use chrono::Utc;
    use nixbtw_probes::probes::store::{FsSpace, PathSize};
    use nixbtw_probes::FactSet;

    fn eval(s: StoreFacts) -> Vec<Finding> {
        run_rules(RULES, &FactSet::new().with(s), Utc::now(), false)
    }

    fn ids(v: &[Finding]) -> Vec<&'static str> {
        v.iter().map(|f| f.id.as_str()).collect()
    }

    fn base() -> StoreFacts {
        StoreFacts {
            store_dir: "/nix/store".into(),
            db_path: "/nix/var/nix/db/db.sqlite".into(),
            fs: Some(FsSpace {
                total_bytes: 100 * GIB,
                free_bytes: 50 * GIB,
                available_bytes: 50 * GIB,
            }),
            valid_paths: Some(10),
            nar_bytes: Some(GIB),
            live_paths: Some(9),
            live_bytes: Some(GIB - 1000),
            dead_paths: Some(1),
            dead_bytes: Some(1000),
            ..StoreFacts::default()
        }
    }

    #[test]
    fn summary_alone_for_a_healthy_store() {
        assert_eq!(ids(&eval(base())), vec!["store.summary"]);
    }

    #[test]
    fn disk_critical_and_disk_low_thresholds() {
        let mut s = base();
        s.fs = Some(FsSpace {
            total_bytes: 100 * GIB,
            free_bytes: 9 * GIB,
            available_bytes: 9 * GIB,
        });
        assert!(ids(&eval(s.clone())).contains(&"store.disk-low"));
        s.fs = Some(FsSpace {
            total_bytes: 100 * GIB,
            free_bytes: GIB,
            available_bytes: GIB,
        });
        let out = eval(s.clone());
        assert!(ids(&out).contains(&"store.disk-critical"));
        assert!(!ids(&out).contains(&"store.disk-low"));
        s.fs = Some(FsSpace {
            total_bytes: 100 * GIB,
            free_bytes: 11 * GIB,
            available_bytes: 11 * GIB,
        });
        assert_eq!(ids(&eval(s)), vec!["store.summary"]);
    }

    #[test]
    fn reclaimable_over_a_fifth_not_under() {
        let mut s = base();
        s.dead_bytes = Some(GIB / 5 + 1);
        s.largest_dead = vec![PathSize {
            path: "/nix/store/x-y".into(),
            nar_bytes: 5,
        }];
        let out = eval(s.clone());
        let f = out
            .iter()
            .find(|f| f.id == FindingId::StoreReclaimable)
            .unwrap();
        assert!(f.evidence[0].excerpt[1].contains("/nix/store/x-y"));
        s.dead_bytes = Some(GIB / 5 - 1);
        assert!(!ids(&eval(s)).contains(&"store.reclaimable"));
    }

    #[test]
    fn db_unreadable_is_an_error_row_only_when_the_db_failed() {
        let mut s = base();
        s.db_error = Some("permission denied".into());
        s.valid_paths = None;
        s.nar_bytes = None;
        s.dead_bytes = None;
        let out = eval(s);
        let f = out
            .iter()
            .find(|f| f.id == FindingId::StoreDbUnreadable)
            .unwrap();
        assert_eq!(f.kind, FindingType::Error);
        assert!(f.suggested_action.contains("sqlite3"));
    }

    #[test]
    fn gc_not_scheduled_needs_size_or_generations_and_no_gc() {
        let t = StoreThresholds::default();
        let mut i = GcScheduleInput {
            store_bytes: Some(21 * GIB),
            ..Default::default()
        };
        assert!(gc_not_scheduled_of(&i, &t, "s").is_some());
        i.min_free = Some(GIB);
        assert!(gc_not_scheduled_of(&i, &t, "s").is_none());
        i.min_free = None;
        i.gc_timer = Some(true);
        assert!(gc_not_scheduled_of(&i, &t, "s").is_none());
        i.gc_timer = None;
        i.store_bytes = Some(19 * GIB);
        assert!(gc_not_scheduled_of(&i, &t, "s").is_none());
        i.system_generations = Some(31);
        assert!(gc_not_scheduled_of(&i, &t, "s").is_some());
        let mut s = base();
        s.nar_bytes = Some(25 * GIB);
        assert!(ids(&eval(s.clone())).contains(&"store.gc-not-scheduled"));
        // The units probe's timers decide whether a GC is scheduled.
        let units = |present: bool| UnitsFacts {
            source: nixbtw_probes::probes::units::UnitsSource::Journal,
            manager_unavailable: None,
            failed: vec![],
            nix_daemon: None,
            auto_upgrade: None,
            timers: vec![nixbtw_probes::probes::units::TimerInfo {
                name: "nix-gc.timer".into(),
                present,
                last_trigger: None,
                last_result: None,
            }],
            problems: vec![],
            sources: vec![],
        };
        let input = GcScheduleInput::from_facts(&s, None, Some(&units(true)));
        assert_eq!(input.gc_timer, Some(true));
        assert!(gc_not_scheduled_of(&input, &t, "s").is_none());
        let input = GcScheduleInput::from_facts(&s, None, Some(&units(false)));
        assert_eq!(input.gc_timer, Some(false));
        assert!(gc_not_scheduled_of(&input, &t, "s").is_some());
        assert_eq!(GcScheduleInput::from_facts(&s, None, None).gc_timer, None);
    }

    #[test]
    fn disk_low_alone_between_the_two_floors() {
        let mut s = base();
        s.fs = Some(FsSpace {
            total_bytes: 100 * GIB,
            free_bytes: 9 * GIB,
            available_bytes: 9 * GIB,
        });
        let judge = |s: StoreFacts, f: crate::rules::Judge| {
            crate::rules::run_family(f, &FactSet::new().with(s), Utc::now(), false)
        };
        assert_eq!(ids(&judge(s.clone(), disk_low)), ["store.disk-low"]);
        assert!(judge(s, disk_critical).is_empty());
    }
}
