//! `flake.*`: what the system flake is pinned to, and how old that is.
//!
//! Ages come from each input's `lastModified` (the commit time of the locked revision, which
//! is what decides which fixes the host has), measured from the audit's start. Whether the
//! nixpkgs branch is still supported comes from the same dated release table as
//! `host.release-eol`. A lock the audit cannot read is an `error` row: Nix rejects it too.

use chrono::{DateTime, NaiveDate, Utc};
use nixbtw_contracts::prose::{lit, sh};
use serde::Deserialize;

use nixbtw_contracts::{Finding, FindingId, FindingType, Priority, ProbeId};
use nixbtw_probes::probes::flake::{FlakeFacts, GitFacts, InputFact, LockFacts, NixpkgsChoice};

use super::releases::{release_of_branch, Releases};
use super::{finding, rule, Rule, RuleContext};

/// Thresholds of the `flake.*` checks.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct FlakeThresholds {
    /// `flake.lock-stale` (P2) when nixpkgs is older than this many days.
    pub stale_days: i64,
    /// ... and P1 when older than this many days.
    pub stale_p1_days: i64,
}

impl Default for FlakeThresholds {
    fn default() -> Self {
        FlakeThresholds {
            stale_days: 90,
            stale_p1_days: 180,
        }
    }
}

fn age_days(ts: i64, now: DateTime<Utc>) -> Option<i64> {
    DateTime::from_timestamp(ts, 0).map(|t| (now - t).num_days())
}

fn date_of(ts: i64) -> String {
    DateTime::from_timestamp(ts, 0).map_or_else(|| "?".into(), |t| t.format("%Y-%m-%d").to_string())
}

/// `nixos-25.11 (supported until 2026-06-30)` or `(unsupported since ...)`.
fn branch_support(branch: &str, today: NaiveDate, releases: &Releases) -> String {
    match release_of_branch(branch).and_then(|r| releases.nixos_end_of_support(&r)) {
        Some(eol) if eol < today => format!("{branch}, unsupported since {eol}"),
        Some(eol) => format!("{branch}, supported until {eol}"),
        None => branch.to_string(),
    }
}

fn input_line(i: &InputFact, now: DateTime<Utc>, releases: &Releases) -> String {
    if let Some(f) = &i.follows {
        if i.locked.is_none() {
            return format!("{}: follows {}", i.name, f.join("/"));
        }
    }
    let shown = i
        .original
        .as_ref()
        .or(i.locked.as_ref())
        .map(|r| r.display())
        .unwrap_or_else(|| "(no locked reference)".into());
    let mut s = format!("{}: {shown}", i.name);
    if let Some(f) = &i.follows {
        s.push_str(&format!(" (follows {})", f.join("/")));
    }
    if let Some(l) = &i.locked {
        if let Some(rev) = &l.rev {
            s.push_str(&format!(" @ {}", &rev[..rev.len().min(12)]));
        }
        if let Some(ts) = l.last_modified {
            s.push_str(&format!(
                ", {} ({} days old)",
                date_of(ts),
                age_days(ts, now).unwrap_or(0)
            ));
        }
    }
    if let Some(b) = &i.branch {
        s.push_str(&format!(
            " [{}]",
            branch_support(b, now.date_naive(), releases)
        ));
    }
    s
}

fn error_row(subject: String, title: String, detail: String, p: Priority) -> Finding {
    finding(FindingId::AuditProbeError, format!("flake:{subject}"))
        .probe(ProbeId::Flake)
        .kind(FindingType::Error)
        .priority(p)
        .title(title)
        .summary(format!("{subject}: {detail}"))
        .file(subject.clone())
        .description(format!(
            "{}: {}. The flake checks that need the lock were not evaluated.",
            lit(&subject),
            lit(&detail)
        ))
        .evidence(subject, vec![detail])
        .action("Regenerate the lock: `nix flake lock` in the flake directory (or restore it from git), then re-run the audit.")
        .build()
}

/// `flake.lock-stale` for the system's nixpkgs input `i`, named by `c`.
fn stale(
    cx: &RuleContext<'_>,
    f: &FlakeFacts,
    l: &LockFacts,
    c: &NixpkgsChoice,
    i: &InputFact,
    out: &mut Vec<Finding>,
) {
    let t = &cx.thresholds.flake;
    let Some(ts) = i.locked.as_ref().and_then(|x| x.last_modified) else {
        return;
    };
    let Some(age) = age_days(ts, cx.now) else {
        return;
    };
    if age <= t.stale_days {
        return;
    }
    let p = if age > t.stale_p1_days {
        Priority::P1
    } else {
        Priority::P2
    };
    let branch = i
        .branch
        .as_deref()
        .map(|b| {
            format!(
                " The input follows {}.",
                lit(branch_support(b, cx.now.date_naive(), cx.releases))
            )
        })
        .unwrap_or_default();
    out.push(
        finding(FindingId::FlakeLockStale, i.name.clone())
            .priority(p)
            .title(format!("nixpkgs is locked to a revision {age} days old"))
            .file(l.path.clone())
            .description(format!(
                "The `{}` input, the nixpkgs this system is built from ({}), is locked to a \
                 nixpkgs commit from {} ({age} days ago): every security fix since then is \
                 missing from this host.{}",
                lit(&i.name),
                c.detail,
                date_of(ts),
                branch,
            ))
            .evidence(
                l.path.clone(),
                vec![
                    input_line(i, cx.now, cx.releases),
                    format!("chosen as the system's nixpkgs: {}", c.detail),
                ],
            )
            .action(format!(
                "`nix flake update {} --flake {}` (or `nix flake lock --update-input {}` on older Nix), then `nixos-rebuild switch`.",
                sh(&i.name),
                sh(&f.dir),
                sh(&i.name)
            ))
            .build(),
    );
}

/// `flake.lock-stale` when several root inputs are nixpkgs and nothing names the system's:
/// only what holds for every one of them is said (even the newest is this old).
fn stale_ambiguous(cx: &RuleContext<'_>, f: &FlakeFacts, l: &LockFacts, out: &mut Vec<Finding>) {
    let t = &cx.thresholds.flake;
    let candidates: Vec<&InputFact> = l
        .inputs
        .iter()
        .filter(|i| l.nixpkgs_ambiguous.contains(&i.name))
        .collect();
    let ages: Option<Vec<i64>> = candidates
        .iter()
        .map(|i| age_days(i.locked.as_ref()?.last_modified?, cx.now))
        .collect();
    let Some(youngest) = ages.and_then(|a| a.into_iter().min()) else {
        return;
    };
    if youngest <= t.stale_days {
        return;
    }
    let p = if youngest > t.stale_p1_days {
        Priority::P1
    } else {
        Priority::P2
    };
    let names: Vec<&str> = candidates.iter().map(|i| i.name.as_str()).collect();
    out.push(
        finding(FindingId::FlakeLockStale, names.join(","))
            .priority(p)
            .title(format!(
                "The newest of {} nixpkgs inputs is {youngest} days old",
                names.len()
            ))
            .file(l.path.clone())
            .description(format!(
                "The lock holds several nixpkgs root inputs ({}) and neither the lock nor the \
                 host says which one the system is built from (no input is called `nixpkgs`, \
                 none is followed by two inputs, and the running system's revision is not \
                 known or matches none). Whichever it is, it is at least {youngest} days old: \
                 every security fix since then is missing from this host.",
                lit(names.join(", "))
            ))
            .evidence(
                l.path.clone(),
                candidates.iter().map(|i| input_line(i, cx.now, cx.releases)).collect(),
            )
            .action(format!(
                "`nix flake update --flake {}` (or update the input the system uses), then `nixos-rebuild switch`.",
                sh(&f.dir)
            ))
            .build(),
    );
}

/// The rules of this module, in evaluation order.
pub const RULES: &[Rule] = &[
    rule!(AuditProbeError => problems),
    rule!(FlakeLockMissing => lock_missing),
    rule!(FlakeInputs => inputs),
    rule!(FlakeLockStale => lock_stale),
    rule!(FlakeDuplicateNixpkgs => duplicate_nixpkgs),
    rule!(FlakeUntrackedFiles => untracked_files),
];

/// `audit.probe-error` rows of the flake: a lock that cannot be read (P1 when Nix rejects it
/// too), a malformed lock graph, a git repository that could not be read.
pub fn problems(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    let Some(f) = cx.facts.get::<FlakeFacts>() else {
        return;
    };
    let lock_path = format!("{}/flake.lock", f.dir);
    if let Some(e) = &f.lock_error {
        // Nix rejects what we cannot parse, except a lock over our size cap.
        let p = match e {
            nixbtw_probes::probes::flake::LockError::TooLarge(_)
            | nixbtw_probes::probes::flake::LockError::TooManyEntries
            | nixbtw_probes::probes::flake::LockError::NotRegular(_) => Priority::Info,
            _ => Priority::P1,
        };
        out.push(error_row(
            lock_path.clone(),
            "flake.lock cannot be read".into(),
            e.to_string(),
            p,
        ));
    }
    if let Some(l) = &f.lock {
        for p in &l.problems {
            out.push(error_row(
                l.path.clone(),
                "flake.lock is malformed".into(),
                p.clone(),
                Priority::Info,
            ));
        }
    }
    if let Some(g) = &f.git {
        git_error(f, g, out);
    }
}

/// `flake.lock-missing`: flake.nix without flake.lock.
pub fn lock_missing(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    let Some(f) = cx.facts.get::<FlakeFacts>() else {
        return;
    };
    let lock_path = format!("{}/flake.lock", f.dir);
    if !f.lock_present {
        out.push(
            finding(FindingId::FlakeLockMissing, lock_path.clone())
                .title(format!("{}/flake.nix has no flake.lock", f.dir))
                .file(format!("{}/flake.nix", f.dir))
                .description(
                    "Without a lock file every rebuild resolves the inputs afresh: two \
                     rebuilds of the same configuration can get different nixpkgs revisions, \
                     and a rollback is not reproducible.",
                )
                .action(format!(
                    "`nix flake lock {}` and commit flake.lock with the configuration.",
                    sh(&f.dir)
                ))
                .build(),
        );
    }
}

/// `flake.inputs`: each root input with its locked revision and age.
pub fn inputs(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    let Some(f) = cx.facts.get::<FlakeFacts>() else {
        return;
    };
    let Some(l) = &f.lock else {
        return;
    };
    let lines: Vec<String> = l
        .inputs
        .iter()
        .map(|i| input_line(i, cx.now, cx.releases))
        .collect();
    out.push(
        finding(FindingId::FlakeInputs, l.path.clone())
            .title(format!(
                "System flake: {} inputs (lock version {})",
                l.inputs_total, l.version
            ))
            .summary(format!(
                "{} inputs: {}{}",
                l.inputs_total,
                l.inputs
                    .iter()
                    .map(|i| i.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                if l.inputs_total > l.inputs.len() {
                    format!(" (and {} more)", l.inputs_total - l.inputs.len())
                } else {
                    String::new()
                }
            ))
            .file(l.path.clone())
            .description(format!(
                "The system is built from {}. Ages are each locked revision's commit time \
                 (`lastModified`); {} nodes in the lock. {}",
                lit(&f.dir),
                l.nodes,
                match (&l.nixpkgs, l.nixpkgs_ambiguous.is_empty()) {
                    (Some(c), _) => format!(
                        "The system's nixpkgs is the `{}` input: {}.",
                        lit(&c.input),
                        c.detail
                    ),
                    (None, false) => format!(
                        "Several root inputs are nixpkgs ({}) and nothing in the lock or \
                         the host names the system's, so its age is not judged.",
                        lit(l.nixpkgs_ambiguous.join(", "))
                    ),
                    (None, true) => "No root input is nixpkgs.".to_string(),
                }
            ))
            .evidence(l.path.clone(), lines)
            .action("None; informational. `nix flake update` moves every input forward.")
            .build(),
    );
}

/// `flake.lock-stale`: the system's nixpkgs is locked to an old revision.
pub fn lock_stale(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    let Some(f) = cx.facts.get::<FlakeFacts>() else {
        return;
    };
    let Some(l) = &f.lock else {
        return;
    };
    // The nixpkgs the system is built from (named by evidence in the facts), not the
    // oldest nixpkgs-like input: a pinned `nixpkgs-regression` is not the system's.
    let chosen = l.nixpkgs.as_ref().and_then(|c| {
        let i = l.inputs.iter().find(|i| i.name == c.input)?;
        Some((c, i))
    });
    if let Some((c, i)) = chosen {
        stale(cx, f, l, c, i, out);
    } else if !l.nixpkgs_ambiguous.is_empty() {
        stale_ambiguous(cx, f, l, out);
    }
}

/// `flake.duplicate-nixpkgs`: transitive nixpkgs copies that could follow the system's.
pub fn duplicate_nixpkgs(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    let Some(f) = cx.facts.get::<FlakeFacts>() else {
        return;
    };
    let Some(l) = &f.lock else {
        return;
    };
    if !l.nixpkgs_copies.is_empty() {
        let n = l.nixpkgs_copies.len();
        let target = l.nixpkgs.as_ref().map_or("nixpkgs", |c| c.input.as_str());
        let lines: Vec<String> = l
            .nixpkgs_copies
            .iter()
            .map(|c| {
                format!(
                    "{} -> node {}: {}{}",
                    c.path.join("/"),
                    c.node,
                    c.shown,
                    if c.same_rev {
                        " (same revision as the system's)"
                    } else {
                        ""
                    }
                )
            })
            .collect();
        let fixes: Vec<String> = l
            .nixpkgs_copies
            .iter()
            .map(|c| {
                let attr: Vec<String> = c.path.iter().map(|p| format!("inputs.{p}")).collect();
                format!(
                    "`{}`",
                    lit(format!("{}.follows = \"{target}\";", attr.join(".")))
                )
            })
            .collect();
        out.push(
            finding(FindingId::FlakeDuplicateNixpkgs, l.path.clone())
                .title(format!(
                    "{n} input{} bring{} {} own nixpkgs instead of following the system's",
                    if n == 1 { "" } else { "s" },
                    if n == 1 { "s" } else { "" },
                    if n == 1 { "its" } else { "their" },
                ))
                .file(l.path.clone())
                .description(
                    "These nixpkgs copies come in through other inputs and are not pinned \
                     to a revision on purpose: each is another tarball to fetch and \
                     evaluate, and packages from different copies do not share store \
                     paths. Root inputs that pin another nixpkgs on purpose (a second \
                     release, `nixpkgs-regression`) are not counted.",
                )
                .evidence(l.path.clone(), lines)
                .action(format!(
                    "In flake.nix: {}; then `nix flake lock`.",
                    fixes.join(", ")
                ))
                .build(),
        );
    }
}

/// `flake.untracked-files`: see [`git_findings`].
pub fn untracked_files(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    let Some(f) = cx.facts.get::<FlakeFacts>() else {
        return;
    };
    if let Some(g) = &f.git {
        git_findings(f, g, out);
    }
}

/// The error row of a repository the in-process index reader could not read, saying how to
/// get the answer by hand.
fn git_error(f: &FlakeFacts, g: &GitFacts, out: &mut Vec<Finding>) {
    if let Some(e) = &g.error {
        out.push(
            finding(FindingId::AuditProbeError, format!("flake:{}", f.dir))
                .probe(ProbeId::Flake)
                .kind(FindingType::Error)
                .priority(Priority::Info)
                .title("the flake's git repository could not be read")
                .summary(format!("{}: {e}", f.dir))
                .file(f.dir.clone())
                .description(format!(
                    "{}: {}. Whether .nix files are untracked or modified was not checked.",
                    lit(&f.dir),
                    lit(e)
                ))
                .evidence(g.source.clone(), vec![e.clone()])
                .action(format!(
                    "Run `git -C {} status` by hand (as the repository's owner) and commit or \
                     delete untracked .nix files.",
                    sh(&f.dir)
                ))
                .build(),
        );
    }
}

/// `flake.untracked-files` from what the in-process index reader found.
fn git_findings(f: &FlakeFacts, g: &GitFacts, out: &mut Vec<Finding>) {
    if g.error.is_some() {
        return;
    }
    if g.untracked_nix.is_empty() && g.unstaged_nix.is_empty() && g.unchecked_nix.is_empty() {
        return;
    }
    let mut lines: Vec<String> = g
        .untracked_nix
        .iter()
        .map(|p| format!("untracked: {p}"))
        .collect();
    lines.extend(
        g.unstaged_nix
            .iter()
            .map(|p| format!("modified, not staged: {p}")),
    );
    lines.extend(g.unchecked_nix.iter().map(|u| {
        format!(
            "not compared, check with git status by hand: {} ({})",
            u.path, u.reason
        )
    }));
    let mut counts = vec![
        format!("{} untracked", g.untracked_nix.len()),
        format!("{} modified", g.unstaged_nix.len()),
    ];
    if !g.unchecked_nix.is_empty() {
        counts.push(format!("{} unchecked", g.unchecked_nix.len()));
    }
    let last = counts.pop().unwrap_or_default();
    let title = format!("{} and {last} .nix files in {}", counts.join(", "), f.dir);
    let mut description = String::from(
        "A flake in a git repository evaluates only what git tracks: untracked \
         files do not exist for `nixos-rebuild --flake` (an import of one fails \
         or, worse, an older tracked copy is used). Modified files are used but \
         make the tree dirty, so the system records no git revision.",
    );
    if !g.unchecked_nix.is_empty() {
        description.push_str(
            " Unchecked files changed on disk but git would pass their content through a \
             filter or a conversion the audit does not run: only `git status` can tell \
             whether they differ.",
        );
    }
    out.push(
        finding(FindingId::FlakeUntrackedFiles, f.dir.clone())
            .title(title)
            .file(f.dir.clone())
            .description(description)
            .evidence(g.source.clone(), lines)
            .action(format!(
                "`git -C {} add <files>` (and commit), or delete what should not be there.",
                sh(&f.dir)
            ))
            .build(),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    use chrono::TimeZone;
    use nixbtw_probes::probes::flake::{lock, lock_facts, GitFacts, UncheckedNix};
    use nixbtw_probes::FactSet;

    fn now() -> DateTime<Utc> {
        chrono::Utc
            .with_ymd_and_hms(2026, 11, 25, 12, 0, 0)
            .unwrap()
    }

    fn lock_with(last_modified: i64, reff: &str, extra_nixpkgs: bool) -> FlakeFacts {
        let extra = if extra_nixpkgs {
            r#","hm":{"inputs":{"nixpkgs":"nixpkgs_2"},"locked":{"type":"github","owner":"nix-community","repo":"home-manager","rev":"aaaa","lastModified":1760000000,"narHash":"x"},"original":{"type":"github","owner":"nix-community","repo":"home-manager"}},
              "nixpkgs_2":{"locked":{"type":"github","owner":"NixOS","repo":"nixpkgs","rev":"bbbb","lastModified":1750000000,"narHash":"y"},"original":{"type":"github","owner":"NixOS","ref":"nixos-unstable","repo":"nixpkgs"}}"#
        } else {
            ""
        };
        let hm = if extra_nixpkgs { r#","hm":"hm""# } else { "" };
        let text = format!(
            r#"{{"nodes":{{"nixpkgs":{{"locked":{{"lastModified":{last_modified},"narHash":"sha256-x","owner":"NixOS","repo":"nixpkgs","rev":"0123456789abcdef0123456789abcdef01234567","type":"github"}},"original":{{"owner":"NixOS","ref":"{reff}","repo":"nixpkgs","type":"github"}}}},
            "root":{{"inputs":{{"nixpkgs":"nixpkgs"{hm}}}}}{extra}}},"root":"root","version":7}}"#
        );
        let l = lock::parse(text.as_bytes()).unwrap();
        FlakeFacts {
            dir: "/etc/nixos".into(),
            lock: Some(lock_facts(
                std::path::Path::new("/etc/nixos/flake.lock"),
                &l,
            )),
            lock_present: true,
            lock_error: None,
            git: None,
        }
    }

    fn eval(f: FlakeFacts) -> Vec<Finding> {
        crate::rules::run_rules(RULES, &FactSet::new().with(f), now(), false)
    }

    fn find(out: &[Finding], id: FindingId) -> Option<&Finding> {
        out.iter().find(|f| f.id == id)
    }

    #[test]
    fn inputs_of_a_fresh_lock_is_only_informational() {
        let ts = now().timestamp() - 10 * 86400;
        let out = eval(lock_with(ts, "nixos-26.05", false));
        assert_eq!(out.len(), 1);
        let inputs = find(&out, FindingId::FlakeInputs).unwrap();
        let line = &inputs.evidence[0].excerpt[0];
        assert!(line.contains("10 days old"), "{line}");
        assert!(
            line.contains("nixos-26.05, supported until 2026-12-31"),
            "{line}"
        );
    }

    #[test]
    fn lock_stale_thresholds() {
        let day = 86400;
        let at = |d: i64| now().timestamp() - d * day;
        assert!(find(
            &eval(lock_with(at(89), "nixos-25.11", false)),
            FindingId::FlakeLockStale
        )
        .is_none());
        let p2 = eval(lock_with(at(91), "nixos-25.11", false));
        let f = find(&p2, FindingId::FlakeLockStale).unwrap();
        assert_eq!(f.priority, Priority::P2);
        assert!(
            f.description.contains("unsupported since 2026-06-30"),
            "{}",
            f.description
        );
        let p1 = eval(lock_with(at(181), "nixos-25.11", false));
        assert_eq!(
            find(&p1, FindingId::FlakeLockStale).unwrap().priority,
            Priority::P1
        );
    }

    #[test]
    fn duplicate_nixpkgs_names_each_copy() {
        let out = eval(lock_with(now().timestamp(), "nixos-26.05", true));
        let f = find(&out, FindingId::FlakeDuplicateNixpkgs).unwrap();
        // One transitive copy: home-manager's own nixpkgs.
        assert_eq!(f.evidence[0].excerpt.len(), 1);
        assert!(
            f.evidence[0].excerpt[0].starts_with("hm/nixpkgs -> node nixpkgs_2"),
            "{:?}",
            f.evidence[0].excerpt
        );
        assert!(
            f.suggested_action
                .code()
                .any(|c| c == "inputs.hm.inputs.nixpkgs.follows = \"nixpkgs\";"),
            "{}",
            f.suggested_action
        );
        assert_eq!(f.priority, Priority::P3);
    }

    /// A second nixpkgs pinned on purpose at the root (NixOS/nix's flake.lock keeps
    /// `nixpkgs-regression` at a 2022 revision): not a duplicate, and not the nixpkgs whose
    /// age is judged.
    #[test]
    fn lock_stale_ignores_a_pinned_root_nixpkgs_which_is_no_duplicate() {
        let fresh = now().timestamp() - 5 * 86400;
        let text = format!(
            r#"{{"nodes":{{
              "nixpkgs":{{"locked":{{"lastModified":{fresh},"narHash":"x","owner":"NixOS","repo":"nixpkgs","rev":"1111111111111111111111111111111111111111","type":"github"}},"original":{{"owner":"NixOS","ref":"nixos-26.05","repo":"nixpkgs","type":"github"}}}},
              "nixpkgs-regression":{{"locked":{{"lastModified":1643052045,"narHash":"y","owner":"NixOS","repo":"nixpkgs","rev":"215d4d0fd80ca5163643b03a33fde804a29cc1e2","type":"github"}},"original":{{"owner":"NixOS","repo":"nixpkgs","rev":"215d4d0fd80ca5163643b03a33fde804a29cc1e2","type":"github"}}}},
              "root":{{"inputs":{{"nixpkgs":"nixpkgs","nixpkgs-regression":"nixpkgs-regression"}}}}}},
              "root":"root","version":7}}"#
        );
        let l = lock::parse(text.as_bytes()).unwrap();
        let facts = lock_facts(std::path::Path::new("/etc/nixos/flake.lock"), &l);
        let c = facts.nixpkgs.as_ref().unwrap();
        assert_eq!(c.input, "nixpkgs");
        assert_eq!(
            c.evidence,
            nixbtw_probes::probes::flake::NixpkgsEvidence::InputNamedNixpkgs
        );
        let out = eval(FlakeFacts {
            dir: "/etc/nixos".into(),
            lock: Some(facts),
            lock_present: true,
            lock_error: None,
            git: None,
        });
        assert!(find(&out, FindingId::FlakeLockStale).is_none());
        assert!(find(&out, FindingId::FlakeDuplicateNixpkgs).is_none());
    }

    #[test]
    fn lock_missing_and_problems_of_broken_locks() {
        let mut f = lock_with(0, "x", false);
        f.lock = None;
        f.lock_present = false;
        let out = eval(f.clone());
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].id, FindingId::FlakeLockMissing);
        f.lock_present = true;
        f.lock_error = lock::parse(b"{\"nodes\":").err();
        let out = eval(f);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].kind, FindingType::Error);
        assert!(
            out[0].summary.contains("invalid JSON"),
            "{}",
            out[0].summary
        );
    }

    #[test]
    fn untracked_files_lists_untracked_modified_and_unchecked() {
        let mut f = lock_with(now().timestamp(), "nixos-26.05", false);
        f.git = Some(GitFacts {
            source: "in-process index reader".into(),
            worktree: Some("/etc/nixos".into()),
            untracked_nix: vec![],
            unstaged_nix: vec![],
            unchecked_nix: vec![],
            error: None,
        });
        assert!(find(&eval(f.clone()), FindingId::FlakeUntrackedFiles).is_none());
        f.git
            .as_mut()
            .unwrap()
            .untracked_nix
            .push("hosts/new.nix".into());
        let out = eval(f.clone());
        let u = find(&out, FindingId::FlakeUntrackedFiles).unwrap();
        assert_eq!(u.evidence[0].excerpt, vec!["untracked: hosts/new.nix"]);
        assert_eq!(
            u.title,
            "1 untracked and 0 modified .nix files in /etc/nixos"
        );

        // A file only the filter could judge still raises the finding, saying so.
        let g = f.git.as_mut().unwrap();
        g.untracked_nix.clear();
        g.unchecked_nix.push(UncheckedNix {
            path: "secrets.nix".into(),
            reason: "filter=crypt (.gitattributes)".into(),
        });
        let out = eval(f.clone());
        let u = find(&out, FindingId::FlakeUntrackedFiles).unwrap();
        assert_eq!(
            u.title,
            "0 untracked, 0 modified and 1 unchecked .nix files in /etc/nixos"
        );
        assert!(
            u.evidence[0].excerpt[0].contains("by hand"),
            "{:?}",
            u.evidence
        );
    }

    #[test]
    fn problems_git_reader_error_is_an_error_row_with_the_by_hand_command() {
        let mut f = lock_with(now().timestamp(), "nixos-26.05", false);
        f.git = Some(GitFacts {
            source: "in-process index reader".into(),
            worktree: None,
            untracked_nix: vec![],
            unstaged_nix: vec![],
            unchecked_nix: vec![],
            error: Some("split index; run `git -C /etc/nixos status` by hand".into()),
        });
        let out = eval(f);
        let e = out
            .iter()
            .find(|x| x.id == FindingId::AuditProbeError)
            .unwrap();
        assert_eq!(e.kind, FindingType::Error);
        assert!(
            e.suggested_action.contains("git -C /etc/nixos status"),
            "{}",
            e.suggested_action
        );
        assert!(!e.suggested_action.contains("flake lock"));
    }

    #[test]
    fn old_reports_with_a_command_field_still_load() {
        let g: GitFacts = serde_json::from_str(
            r#"{"command":"git status","untracked_nix":["a.nix"],"unstaged_nix":[],"error":null}"#,
        )
        .unwrap();
        assert_eq!(g.source, "git status");
        assert!(g.unchecked_nix.is_empty());
    }
}
