//! `gcroots.*`: what keeps the store alive, forgotten `result` links, dangling roots.

use chrono::{DateTime, Utc};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};

use nixbtw_contracts::{Finding, FindingId};
use nixbtw_probes::probes::gcroots::{GcRoot, GcrootsFacts, RootKind, RootProblemKind};
use nixbtw_probes::probes::store::StoreFacts;

use super::{bytes, finding, rule, Rule, RuleContext};

/// Thresholds of the `gcroots.*` checks.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct GcrootsThresholds {
    /// An indirect `result`/direnv root older than this is forgotten.
    pub forgotten_age_days: i64,
    /// `gcroots.forgotten-results` when forgotten roots hold over this many bytes together.
    pub forgotten_bytes: u64,
    /// How many roots `gcroots.summary` lists.
    pub top: usize,
}

impl Default for GcrootsThresholds {
    fn default() -> Self {
        GcrootsThresholds {
            forgotten_age_days: 30,
            forgotten_bytes: 1 << 30,
            top: 10,
        }
    }
}

/// Whether an indirect root looks like a build result or a direnv root.
pub fn is_result_like(r: &GcRoot) -> bool {
    if r.kind != RootKind::Indirect {
        return false;
    }
    let name = r.link.rsplit('/').next().unwrap_or("");
    name.starts_with("result") || r.link.contains("/.direnv/")
}

fn age_days(now: DateTime<Utc>, t: Option<DateTime<Utc>>) -> Option<i64> {
    t.map(|t| (now - t).num_days())
}

/// The rules of this module, in evaluation order.
pub const RULES: &[Rule] = &[
    rule!(GcrootsSummary => summary),
    rule!(GcrootsForgottenResults => forgotten_results),
    rule!(GcrootsDangling => dangling),
    rule!(GcrootsUnprotectedLinks => unprotected_links),
];

/// Most links the finding lists.
const MAX_LINKS: usize = 20;

/// `gcroots.unprotected-links`: links Nix makes registered roots (`result` out-links,
/// profiles) found in login users' homes (a bounded walk, no links followed) that point into
/// the store while no `gcroots/auto` entry registers them: copied or restored from a backup,
/// or their home moved. Nothing protects what they point at from the next GC.
pub fn unprotected_links(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    let Some(g) = cx.facts.get::<GcrootsFacts>() else {
        return;
    };
    if g.unprotected.is_empty() {
        return;
    }
    let mut lines: Vec<String> = g
        .unprotected
        .iter()
        .take(MAX_LINKS)
        .map(|u| format!("{} -> {}", u.link, u.target))
        .collect();
    if g.unprotected.len() > MAX_LINKS {
        lines.push(format!("... and {} more", g.unprotected.len() - MAX_LINKS));
    }
    lines.push(format!(
        "scanned {} entries under {} home(s), {} levels deep{}",
        g.home_scan.entries,
        g.home_scan.homes.len(),
        nixbtw_probes::probes::gcroots::HOME_SCAN_DEPTH,
        if g.home_scan.truncated {
            " (cut at the limits)"
        } else {
            ""
        }
    ));
    // Homes not walked: links there may be unprotected too.
    lines.extend(g.home_scan.gaps());
    let n = g.unprotected.len();
    let title = format!(
        "{n} link{} into the store no GC root protects",
        if n == 1 { "" } else { "s" }
    );
    out.push(
        finding(
            FindingId::GcrootsUnprotectedLinks,
            g.unprotected[0].link.clone(),
        )
        .title(title.clone())
        .summary(title)
        .file(g.unprotected[0].link.clone())
        .description(
            "These `result` links or profiles look like Nix's own out-links, but no \
                 `gcroots/auto` entry registers them (they were copied, restored from a backup, \
                 or their home moved), so the next garbage collection deletes what they point \
                 at and they dangle.",
        )
        .evidence("home directories", lines)
        .action(
            "Register the ones you keep: `nix-store --add-root LINK -r TARGET` (or rebuild: \
                 `nix-build` / `nix build` recreate a registered `result`); delete the others.",
        )
        .build(),
    );
}

/// `gcroots.summary`: always, the roots by kind and the closures they hold, top N.
pub fn summary(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    let Some(g) = cx.facts.get::<GcrootsFacts>() else {
        return;
    };
    let store = cx.facts.get::<StoreFacts>();
    let t = &cx.thresholds.gcroots;
    out.push(summary_of(g, store, t.top));
}

/// `gcroots.forgotten-results`: old `result`/direnv roots that alone keep over 1 GiB alive.
pub fn forgotten_results(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    let Some(g) = cx.facts.get::<GcrootsFacts>() else {
        return;
    };
    let store = cx.facts.get::<StoreFacts>();
    let t = &cx.thresholds.gcroots;
    // Forgotten results: old result/direnv roots; bytes they alone keep alive, counting a
    // target only when every link holding it is one of them.
    let old: Vec<&GcRoot> = g
        .roots
        .iter()
        .filter(|r| is_result_like(r))
        .filter(|r| age_days(cx.now, r.modified).is_some_and(|d| d > t.forgotten_age_days))
        .collect();
    if !old.is_empty() {
        let mut per_target: BTreeMap<&str, u32> = BTreeMap::new();
        for r in &old {
            *per_target.entry(r.target.as_str()).or_default() += 1;
        }
        let usage: BTreeMap<&str, _> = store
            .map(|s| {
                s.root_usage
                    .iter()
                    .map(|u| (u.target.as_str(), u))
                    .collect()
            })
            .unwrap_or_default();
        let freed: u64 = per_target
            .iter()
            .filter_map(|(t, n)| usage.get(t).filter(|u| u.links == *n))
            .map(|u| u.exclusive_bytes)
            .sum();
        if freed > t.forgotten_bytes {
            let lines = old
                .iter()
                .map(|r| {
                    let u = usage.get(r.target.as_str());
                    format!(
                        "{} -> {}  ({} days old, closure {})",
                        r.link,
                        r.target,
                        age_days(cx.now, r.modified).unwrap_or(0),
                        u.map(|u| bytes(u.closure_bytes))
                            .unwrap_or_else(|| "?".into())
                    )
                })
                .collect();
            out.push(
                finding(FindingId::GcrootsForgottenResults, "result-links")
                    .title(format!(
                        "{} old `result`/direnv roots keep {} alive",
                        old.len(),
                        bytes(freed)
                    ))
                    .file("/nix/var/nix/gcroots/auto")
                    .description(format!(
                        "{} indirect GC roots (`result` links from nix-build / nix build, \
                         direnv caches) are older than {} days. Each keeps its whole closure \
                         out of every GC; deleting them would free at least {}.",
                        old.len(),
                        t.forgotten_age_days,
                        bytes(freed)
                    ))
                    .evidence("gcroots/auto and the links they name", lines)
                    .action("Delete the links you no longer need (`rm <link>`), then `sudo nix-store --gc`.")
                    .build(),
            );
        }
    }
}

/// `gcroots.dangling`: root entries that point at nothing.
pub fn dangling(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    let Some(g) = cx.facts.get::<GcrootsFacts>() else {
        return;
    };
    let dangling: Vec<String> = g
        .problems
        .iter()
        .filter(|p| {
            matches!(
                p.problem,
                RootProblemKind::StaleAuto | RootProblemKind::InvalidTarget
            )
        })
        .map(|p| {
            format!(
                "{} -> {} ({}: {})",
                p.link,
                p.target.as_deref().unwrap_or("?"),
                p.kind.as_str(),
                p.detail
            )
        })
        .collect();
    if !dangling.is_empty() {
        out.push(
            finding(FindingId::GcrootsDangling, "gcroots")
                .title(format!("{} GC roots point at nothing", dangling.len()))
                .file("/nix/var/nix/gcroots")
                .description(
                    "These root entries point at a link or store path that no longer exists \
                     (or is not a valid store path). They keep nothing alive; Nix removes stale \
                     `auto/` links on its next GC. A profile generation pointing at an invalid \
                     path cannot be rolled back to.",
                )
                .evidence("gcroots and profiles", dangling)
                .action("Remove the stale entries (`sudo nix-store --gc --print-roots` prunes stale auto links); repair profiles with `nix-env --rollback` or by deleting the broken generation.")
                .build(),
        );
    }
}

fn summary_of(g: &GcrootsFacts, store: Option<&StoreFacts>, top: usize) -> Finding {
    let mut by_kind: BTreeMap<&str, usize> = BTreeMap::new();
    for r in &g.roots {
        *by_kind.entry(r.kind.as_str()).or_default() += 1;
    }
    let kinds = by_kind
        .iter()
        .map(|(k, n)| format!("{n} {k}"))
        .collect::<Vec<_>>()
        .join(", ");
    let mut lines = vec![format!(
        "{} roots: {}{}",
        g.roots.len(),
        if kinds.is_empty() {
            "none".to_string()
        } else {
            kinds
        },
        if g.runtime_scanned {
            ""
        } else {
            " (runtime roots not scanned: needs a live host and root)"
        }
    )];
    if let Some(s) = store {
        let mut links: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
        for r in &g.roots {
            links
                .entry(r.target.as_str())
                .or_default()
                .insert(r.link.as_str());
        }
        for u in s.root_usage.iter().take(top) {
            let names: Vec<&str> = links
                .get(u.target.as_str())
                .map(|l| l.iter().copied().take(3).collect())
                .unwrap_or_default();
            lines.push(format!(
                "{}  closure {} ({} paths), only this: {}  <- {}",
                u.target,
                bytes(u.closure_bytes),
                u.closure_paths,
                bytes(u.exclusive_bytes),
                names.join(", ")
            ));
        }
    }
    finding(FindingId::GcrootsSummary, "roots")
        .title(format!("GC roots: {}", g.roots.len()))
        .summary(lines[0].clone())
        .file("/nix/var/nix/gcroots")
        .description(
            "Every GC root, found the way Nix finds them (gcroots/ incl. auto/ indirections, \
             profiles, per-user), with the closure each root target holds and the bytes only it \
             keeps alive (what deleting its links would free), largest first.",
        )
        .evidence("gcroots, profiles, Nix DB", lines)
        .action("None; informational.")
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::run_rules;
    use nixbtw_probes::probes::gcroots::RootProblem;
    use nixbtw_probes::probes::store::RootUsage;
    use nixbtw_probes::FactSet;

    fn root(link: &str, target: &str, kind: RootKind, days: i64, now: DateTime<Utc>) -> GcRoot {
        GcRoot {
            link: link.into(),
            target: target.into(),
            kind,
            via: None,
            modified: Some(now - chrono::Duration::days(days)),
        }
    }

    fn eval(g: GcrootsFacts, s: StoreFacts, now: DateTime<Utc>) -> Vec<Finding> {
        run_rules(RULES, &FactSet::new().with(g).with(s), now, false)
    }

    fn usage(target: &str, links: u32, excl: u64) -> RootUsage {
        RootUsage {
            target: target.into(),
            links,
            closure_paths: 1,
            closure_bytes: excl,
            exclusive_bytes: excl,
        }
    }

    fn with_unprotected(n: usize) -> GcrootsFacts {
        GcrootsFacts {
            unprotected: (0..n)
                .map(|i| nixbtw_probes::probes::gcroots::UnprotectedLink {
                    link: format!("/home/u/p{i}/result"),
                    target: "/nix/store/0123456789abcdfghijklmnpqrsvwxyz-hello-2.12.1".into(),
                    modified: None,
                })
                .collect(),
            home_scan: nixbtw_probes::probes::gcroots::HomeScan {
                homes: vec!["/home/u".into()],
                entries: 40,
                truncated: false,
                ..Default::default()
            },
            ..GcrootsFacts::default()
        }
    }

    #[test]
    fn unprotected_links_lists_them_and_the_scan() {
        let out = crate::rules::run_family(
            unprotected_links,
            &FactSet::new().with(with_unprotected(25)),
            Utc::now(),
            false,
        );
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].title, "25 links into the store no GC root protects");
        let ev = &out[0].evidence[0].excerpt;
        assert_eq!(ev.len(), MAX_LINKS + 2);
        assert_eq!(ev[MAX_LINKS], "... and 5 more");
        assert!(ev[MAX_LINKS + 1].starts_with("scanned 40 entries under 1 home(s)"));
        // Homes the scan did not walk are named with the links.
        let mut g = with_unprotected(1);
        g.home_scan.not_walked_more = 3;
        g.home_scan.not_walked = vec![nixbtw_probes::probes::gcroots::HomeNotWalked {
            home: "/home/z".into(),
            why: "over the 50-home limit".into(),
        }];
        let out = crate::rules::run_family(
            unprotected_links,
            &FactSet::new().with(g),
            Utc::now(),
            false,
        );
        let last = out[0].evidence[0].excerpt.last().unwrap();
        assert!(
            last.starts_with(
                "home scan: 4 homes not walked: /home/z (over the 50-home limit), and 3 more;"
            ),
            "{last}"
        );
    }

    #[test]
    fn unprotected_links_not_raised_when_every_link_is_registered() {
        let out = crate::rules::run_family(
            unprotected_links,
            &FactSet::new().with(with_unprotected(0)),
            Utc::now(),
            false,
        );
        assert!(out.is_empty());
    }

    #[test]
    fn forgotten_results_over_threshold_only() {
        let now = Utc::now();
        let g = GcrootsFacts {
            roots: vec![
                root(
                    "/home/u/a/result",
                    "/nix/store/a",
                    RootKind::Indirect,
                    40,
                    now,
                ),
                root(
                    "/home/u/b/result-bin",
                    "/nix/store/b",
                    RootKind::Indirect,
                    40,
                    now,
                ),
                root(
                    "/home/u/c/result",
                    "/nix/store/c",
                    RootKind::Indirect,
                    2,
                    now,
                ),
                root(
                    "/nix/var/nix/profiles/system-1-link",
                    "/nix/store/s",
                    RootKind::Profile,
                    400,
                    now,
                ),
            ],
            ..Default::default()
        };
        let mut s = StoreFacts {
            root_usage: vec![
                usage("/nix/store/a", 1, 600 << 20),
                usage("/nix/store/b", 1, 600 << 20),
                usage("/nix/store/c", 1, 5 << 30),
                usage("/nix/store/s", 1, 5 << 30),
            ],
            ..Default::default()
        };
        let out = eval(g.clone(), s.clone(), now);
        let f = out
            .iter()
            .find(|f| f.id == FindingId::GcrootsForgottenResults)
            .unwrap();
        assert!(f.title.contains("1.2 GiB"), "{}", f.title);
        assert_eq!(f.evidence[0].excerpt.len(), 2);
        // A target also held by a fresh link frees nothing.
        s.root_usage[1].links = 2;
        let out = eval(g, s, now);
        assert!(!out
            .iter()
            .any(|f| f.id == FindingId::GcrootsForgottenResults));
    }

    fn one_root_one_stale_link(now: DateTime<Utc>) -> (GcrootsFacts, StoreFacts) {
        let g = GcrootsFacts {
            roots: vec![root(
                "/nix/var/nix/profiles/system-1-link",
                "/nix/store/s",
                RootKind::Profile,
                1,
                now,
            )],
            problems: vec![RootProblem {
                link: "/nix/var/nix/gcroots/auto/x".into(),
                target: Some("/home/u/gone/result".into()),
                kind: RootKind::Indirect,
                problem: RootProblemKind::StaleAuto,
                detail: "gone".into(),
            }],
            ..Default::default()
        };
        let s = StoreFacts {
            root_usage: vec![usage("/nix/store/s", 1, 1 << 20)],
            ..Default::default()
        };
        (g, s)
    }

    #[test]
    fn summary_lists_the_roots_with_their_closures() {
        let now = Utc::now();
        let (g, s) = one_root_one_stale_link(now);
        let out = eval(g, s, now);
        let sum = out
            .iter()
            .find(|f| f.id == FindingId::GcrootsSummary)
            .unwrap();
        assert!(sum.evidence[0].excerpt[1].contains("system-1-link"));
    }

    #[test]
    fn dangling_for_stale_or_invalid_targets_not_unresolvable_links() {
        let now = Utc::now();
        let (g, s) = one_root_one_stale_link(now);
        assert!(eval(g.clone(), s.clone(), now)
            .iter()
            .any(|f| f.id == FindingId::GcrootsDangling));
        let mut g = g;
        g.problems[0].problem = RootProblemKind::Unresolvable;
        assert!(!eval(g, s, now)
            .iter()
            .any(|f| f.id == FindingId::GcrootsDangling));
    }
}
