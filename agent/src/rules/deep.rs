//! Deep mode (`--deep`): `store.corrupt`, `store.missing-path`, `store.unregistered`.
//!
//! These checks keep the public `store.*` IDs of the catalog, but they are judged here, from
//! the `deep` probe's facts (`probes/src/probes/deep.rs`), with settings under
//! `[thresholds.deep]`: the catalog names `deep` as their probe, so the previous-audit diff
//! only calls one fixed after a complete `--deep` run. A damaged path is P0: anything built on
//! it may misbehave, and Nix will not notice by itself (it trusts the DB). Each damaged path
//! gets its own row, up to `max_listed`; the rest are gathered into one row so a badly damaged
//! store still gives a readable report. Unregistered junk is one P3 row listing the entries.
//! What deep mode could not check (paths it had no permission to read, its time limit, a
//! store directory it could not list) are `audit.probe-error` rows about the deep probe, not
//! store findings.

use nixbtw_contracts::prose::{lit, sh};
use serde::Deserialize;

use nixbtw_contracts::{Finding, FindingId, FindingType, ProbeId};
use nixbtw_probes::probes::deep::{DeepFacts, DeepScope};

use super::{bytes, finding, rule, Rule, RuleContext};

/// Thresholds of the deep-mode checks.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DeepThresholds {
    /// Damaged paths listed one row each; beyond this, one row gathers the rest.
    pub max_listed: usize,
    /// Lines of evidence in a gathered row.
    pub max_evidence_lines: usize,
}

impl Default for DeepThresholds {
    fn default() -> Self {
        DeepThresholds {
            max_listed: 50,
            max_evidence_lines: 200,
        }
    }
}

const FILE: &str = "/nix/var/nix/db/db.sqlite";

fn kept_line(kept_by: &[String]) -> String {
    if kept_by.is_empty() {
        "kept by: no known GC root (dead, or kept only by a root this audit does not see)"
            .to_string()
    } else {
        format!("kept by: {}", kept_by.join(", "))
    }
}

fn repair_action(path: &str) -> String {
    format!(
        "Fetch a good copy from a substituter: `sudo nix-store --repair-path {}` \
         (or `sudo nix-store --verify --check-contents --repair` for the whole store), then check \
         the disk that held it (`dmesg | grep -i error`, `smartctl -a`). A path no substituter \
         has must be rebuilt: `nix-store --realise --check` on its deriver.",
        sh(path)
    )
}

/// The rules of this module, in evaluation order.
pub const RULES: &[Rule] = &[
    rule!(StoreCorrupt => corrupt),
    rule!(StoreMissingPath => missing_path),
    rule!(StoreUnregistered => unregistered),
    rule!(AuditProbeError => limits),
];

/// `store.corrupt`: a store path whose contents do not match the NAR hash in the DB, or that
/// cannot be read back (an I/O error, a file type a store cannot hold).
pub fn corrupt(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    let Some(d) = cx.facts.get::<DeepFacts>() else {
        return;
    };
    let t = &cx.thresholds.deep;
    let mut damaged: Vec<Finding> = Vec::new();
    for c in &d.corrupt {
        damaged.push(
            finding(FindingId::StoreCorrupt, &c.path)
                .title(format!(
                    "Store path contents do not match the DB: {}",
                    lit(&c.path)
                ))
                .summary(format!("{} was modified after it was registered", c.path))
                .file(FILE)
                .description(format!(
                    "The NAR hash of {} differs from the hash the Nix DB recorded when the path \
                     was registered. Store paths are immutable, so the contents were changed on \
                     disk (disk or filesystem damage, or a manual edit). Programs using it may \
                     misbehave, and Nix will not notice: it trusts the DB.",
                    lit(&c.path)
                ))
                .evidence(
                    "nar hash",
                    vec![
                        format!(
                            "expected: {} ({} NAR bytes)",
                            c.expected, c.expected_nar_size
                        ),
                        format!("actual:   {} ({} NAR bytes)", c.actual, c.actual_nar_size),
                        kept_line(&c.kept_by),
                    ],
                )
                .action(repair_action(&c.path))
                .build(),
        );
    }
    for u in d.unreadable.iter().filter(|u| !u.permission_denied) {
        damaged.push(
            finding(FindingId::StoreCorrupt, &u.path)
                .title(format!("Store path cannot be read back: {}", u.path))
                .summary(format!("{} could not be hashed: {}", u.path, u.error))
                .file(FILE)
                .description(format!(
                    "Serializing {} as Nix does failed: {}. A valid store path always \
                     serializes; an I/O error or a file of a type a store cannot hold means the \
                     contents are damaged.",
                    lit(&u.path),
                    lit(&u.error)
                ))
                .evidence("error", vec![u.error.clone(), kept_line(&u.kept_by)])
                .action(repair_action(&u.path))
                .build(),
        );
    }
    push_capped(
        out,
        damaged,
        t,
        FindingId::StoreCorrupt,
        "damaged store paths",
    );
}

/// `store.missing-path`: a DB row whose store path is missing on disk.
pub fn missing_path(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    let Some(d) = cx.facts.get::<DeepFacts>() else {
        return;
    };
    let t = &cx.thresholds.deep;
    let missing: Vec<Finding> = d
        .missing
        .iter()
        .map(|m| {
            finding(FindingId::StoreMissingPath, &m.path)
                .title(format!("Registered store path is missing: {}", m.path))
                .summary(format!("{} is in the Nix DB but not on disk", m.path))
                .file(FILE)
                .description(format!(
                    "The Nix DB lists {} as valid, but it does not exist. Nix will treat it as \
                     present: builds that need it fail or, worse, produce results referring to \
                     a path that is not there.",
                    lit(&m.path)
                ))
                .evidence("db", vec![kept_line(&m.kept_by)])
                .action(format!(
                    "Restore it from a substituter: `sudo nix-store --repair-path {}`; if that \
                     fails, `sudo nix-store --verify --check-contents --repair`.",
                    sh(&m.path)
                ))
                .build()
        })
        .collect();
    push_capped(
        out,
        missing,
        t,
        FindingId::StoreMissingPath,
        "missing store paths",
    );
}

/// `store.unregistered`: store entries with no DB row.
pub fn unregistered(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    let Some(d) = cx.facts.get::<DeepFacts>() else {
        return;
    };
    let t = &cx.thresholds.deep;
    if !d.unregistered.is_empty() {
        let names: Vec<&str> = d.unregistered.iter().map(String::as_str).collect();
        out.push(
            finding(FindingId::StoreUnregistered, "/nix/store")
                .title(format!("{} store entries have no DB row", names.len()))
                .file("/nix/store")
                .description(
                    "These entries are in the store directory but not in the Nix DB: left over \
                     from interrupted builds or copies, or put there by hand. Nix ignores them \
                     (they are not valid paths) but they take space, and a later build of the \
                     same path has to delete them first.",
                )
                .evidence("store entries", cap_lines(&names, t.max_evidence_lines))
                .action(
                    "A garbage collection deletes store entries with no DB row: `sudo \
                     nix-store --gc`. Or delete them by hand after checking that no build is \
                     running.",
                )
                .build(),
        );
    }
}

/// `audit.probe-error` rows for what deep mode could not check: paths it had no permission to
/// read, its time limit, a store directory or GC roots it could not read. (Until these were
/// audit rows, the permission-denied one reused the `store.corrupt` ID.)
pub fn limits(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    let Some(d) = cx.facts.get::<DeepFacts>() else {
        return;
    };
    let t = &cx.thresholds.deep;
    let scope = match (d.scope, &d.system) {
        (DeepScope::System, Some(s)) => format!("the closure of {s}"),
        _ => "every valid path".to_string(),
    };
    let denied: Vec<&str> = d
        .unreadable
        .iter()
        .filter(|u| u.permission_denied)
        .map(|u| u.path.as_str())
        .collect();
    if !denied.is_empty() {
        out.push(
            finding(FindingId::AuditProbeError, "deep")
                .probe(ProbeId::Deep)
                .kind(FindingType::Error)
                .title(format!("{} store paths could not be read (permission denied)", denied.len()))
                .file(FILE)
                .description(
                    "Deep verification needs to read every file of the store; the audit ran \
                     without the rights to read these, so they were not checked.",
                )
                .evidence("unreadable", cap_lines(&denied, t.max_evidence_lines))
                .action("Re-run as root: `sudo nixbtw-audit --deep`, or check by hand: `sudo nix-store --verify --check-contents`.")
                .build(),
        );
    }
    if !d.complete {
        out.push(
            finding(FindingId::AuditProbeError, "deep")
                .probe(ProbeId::Deep)
                .kind(FindingType::Error)
                .title("Deep verification stopped at its time limit")
                .summary(format!(
                    "deep verification checked {} of {} paths before its time limit",
                    d.paths_checked, d.paths_total
                ))
                .file(format!("probe:{}", ProbeId::Deep))
                .description(format!(
                    "Deep verification of {scope} stopped after {} of {} paths ({} of {}); the \
                     rest were not checked. The findings above cover the checked paths only.",
                    d.paths_checked,
                    d.paths_total,
                    bytes(d.bytes_hashed),
                    bytes(d.bytes_total)
                ))
                .action("Re-run with a larger `--deep-timeout`, or by hand: `sudo nix-store --verify --check-contents`.")
                .build(),
        );
    }
    for (what, err) in [
        ("list the store directory", &d.unregistered_error),
        ("find the GC roots keeping damaged paths", &d.roots_error),
    ] {
        if let Some(e) = err {
            out.push(
                finding(FindingId::AuditProbeError, "deep")
                    .probe(ProbeId::Deep)
                    .kind(FindingType::Error)
                    .title(format!("Deep verification could not {what}"))
                    .summary(format!("deep: could not {what}: {e}"))
                    .file(format!("probe:{}", ProbeId::Deep))
                    .description(format!(
                        "Deep verification could not {what}: {}. The other deep checks ran.",
                        lit(e),
                        what = lit(what)
                    ))
                    .action("By hand: `ls /nix/store`; `nix-store --query --roots PATH`.")
                    .build(),
            );
        }
    }
}

fn cap_lines(items: &[&str], max: usize) -> Vec<String> {
    let mut lines: Vec<String> = items.iter().take(max).map(|s| s.to_string()).collect();
    if items.len() > max {
        lines.push(format!("… and {} more", items.len() - max));
    }
    lines
}

/// Push `rows` one by one up to `max_listed`; gather the rest into one row.
fn push_capped(
    out: &mut Vec<Finding>,
    mut rows: Vec<Finding>,
    t: &DeepThresholds,
    id: FindingId,
    what: &str,
) {
    if rows.len() <= t.max_listed {
        out.append(&mut rows);
        return;
    }
    let rest = rows.split_off(t.max_listed);
    out.append(&mut rows);
    let subjects: Vec<&str> = rest.iter().map(|f| f.subject.as_str()).collect();
    out.push(
        finding(id, format!("{} more", rest.len()))
            .title(format!("{} more {what}", rest.len()))
            .file(FILE)
            .description(format!(
                "Beyond the {} listed one by one, these {what} were found too; see the JSON \
                 report's `facts.deep` for the details of each.",
                t.max_listed,
                what = lit(what)
            ))
            .evidence("paths", cap_lines(&subjects, t.max_evidence_lines))
            .action("Repair them all: `sudo nix-store --verify --check-contents --repair`.")
            .build(),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::run_rules_with;
    use crate::rules::Thresholds;
    use nixbtw_contracts::Priority;
    use nixbtw_probes::probes::deep::{CorruptPath, MissingPath, UnreadablePath};
    use nixbtw_probes::FactSet;

    fn clean() -> DeepFacts {
        DeepFacts {
            scope: DeepScope::All,
            db: FILE.into(),
            system: None,
            paths_total: 3,
            bytes_total: 3000,
            paths_checked: 3,
            bytes_hashed: 3000,
            threads: 2,
            seconds: 0.1,
            complete: true,
            corrupt: vec![],
            missing: vec![],
            unreadable: vec![],
            unregistered: vec![],
            unregistered_error: None,
            roots_error: None,
            by_hand: "nix-store --verify --check-contents".into(),
        }
    }

    fn run(d: DeepFacts, t: &Thresholds) -> Vec<Finding> {
        run_rules_with(RULES, &FactSet::new().with(d), t, chrono::Utc::now(), false)
    }

    fn corrupt(n: usize) -> CorruptPath {
        CorruptPath {
            path: format!("/nix/store/{n:032}-x"),
            expected: "sha256:aa".into(),
            actual: "sha256:bb".into(),
            expected_nar_size: 1,
            actual_nar_size: 2,
            kept_by: vec!["/nix/var/nix/profiles/system-3-link".into()],
        }
    }

    #[test]
    fn a_clean_store_raises_nothing() {
        assert!(run(clean(), &Thresholds::default()).is_empty());
        assert!(run(
            DeepFacts {
                unreadable: vec![],
                ..clean()
            },
            &Thresholds::default()
        )
        .is_empty());
    }

    #[test]
    fn corrupt_paths_are_p0_with_their_root() {
        let out = run(
            DeepFacts {
                corrupt: vec![corrupt(1)],
                ..clean()
            },
            &Thresholds::default(),
        );
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].id, FindingId::StoreCorrupt);
        assert_eq!(out[0].priority, Priority::P0);
        assert_eq!(out[0].subject, corrupt(1).path);
        let ev = out[0].evidence[0].excerpt.join("\n");
        assert!(
            ev.contains("system-3-link") && ev.contains("sha256:bb"),
            "{ev}"
        );
    }

    #[test]
    fn corrupt_for_io_errors_but_permission_denied_is_one_of_the_limits() {
        let out = run(
            DeepFacts {
                unreadable: vec![
                    UnreadablePath {
                        path: "/nix/store/a-x".into(),
                        error: "Input/output error".into(),
                        permission_denied: false,
                        kept_by: vec![],
                    },
                    UnreadablePath {
                        path: "/nix/store/b-y".into(),
                        error: "Permission denied".into(),
                        permission_denied: true,
                        kept_by: vec![],
                    },
                ],
                ..clean()
            },
            &Thresholds::default(),
        );
        assert_eq!(out.len(), 2);
        assert_eq!(
            (out[0].priority, out[0].kind),
            (Priority::P0, FindingType::Found)
        );
        assert_eq!(out[0].id, FindingId::StoreCorrupt);
        // Not a store problem: a limit of this audit, about the deep probe.
        assert_eq!(
            (out[1].id, out[1].kind, out[1].probe),
            (
                FindingId::AuditProbeError,
                FindingType::Error,
                ProbeId::Deep
            )
        );
        assert_eq!(out[1].evidence[0].excerpt, ["/nix/store/b-y"]);
    }

    #[test]
    fn missing_path_and_unregistered_rows() {
        let out = run(
            DeepFacts {
                missing: vec![MissingPath {
                    path: "/nix/store/m-gone".into(),
                    kept_by: vec![],
                }],
                unregistered: vec!["/nix/store/j-junk".into()],
                ..clean()
            },
            &Thresholds::default(),
        );
        let ids: Vec<_> = out.iter().map(|f| (f.id, f.priority)).collect();
        assert_eq!(
            ids,
            [
                (FindingId::StoreMissingPath, Priority::P0),
                (FindingId::StoreUnregistered, Priority::P3)
            ]
        );
        assert!(out[0].evidence[0].excerpt[0].contains("no known GC root"));
    }

    #[test]
    fn corrupt_rows_are_gathered_beyond_the_cap() {
        let mut t = Thresholds::default();
        t.deep.max_listed = 3;
        t.deep.max_evidence_lines = 2;
        let out = run(
            DeepFacts {
                corrupt: (0..10).map(corrupt).collect(),
                ..clean()
            },
            &t,
        );
        assert_eq!(out.len(), 4);
        assert_eq!(out[3].subject, "7 more");
        assert_eq!(out[3].evidence[0].excerpt.len(), 3);
        assert_eq!(out[3].evidence[0].excerpt[2], "… and 5 more");
        // At the cap exactly, nothing is gathered.
        t.deep.max_listed = 10;
        let out = run(
            DeepFacts {
                corrupt: (0..10).map(corrupt).collect(),
                ..clean()
            },
            &t,
        );
        assert_eq!(out.len(), 10);
    }

    #[test]
    fn limits_an_incomplete_run_says_so() {
        let out = run(
            DeepFacts {
                complete: false,
                paths_checked: 1,
                ..clean()
            },
            &Thresholds::default(),
        );
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].id, FindingId::AuditProbeError);
        assert!(out[0].summary.contains("1 of 3"));
    }

    #[test]
    fn unregistered_one_row_for_all_entries_none_without() {
        let out = run(
            DeepFacts {
                unregistered: vec!["/nix/store/a-junk".into(), "/nix/store/b-junk".into()],
                ..clean()
            },
            &Thresholds::default(),
        );
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].id, FindingId::StoreUnregistered);
        assert_eq!(out[0].evidence[0].excerpt.len(), 2);
        assert!(run(clean(), &Thresholds::default()).is_empty());
    }
}
