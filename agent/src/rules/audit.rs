//! `audit.*`: rows about the audit itself. A probe that failed, panicked or timed out becomes
//! an `error` row saying what failed and how to get the data by hand; a probe that does not
//! apply to the target becomes a `skipped` row. Neither is ever hidden. An expired suppression
//! becomes a row of its own (raised by the sink, which alone reads the suppressions).

use nixbtw_contracts::prose::{commands, lit, sh};
use nixbtw_contracts::{Finding, FindingId, FindingType, ProbeId};
use nixbtw_probes::Outcome;
use serde::Deserialize;

use super::{finding, rule, Rule, RuleContext};
use crate::config::Suppression;

/// Thresholds of the `audit.*` checks.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AuditThresholds {
    /// `audit.release-table-stale` is raised this many days after the first NixOS release
    /// expected after the table's `as_of` (releases come out at the end of May and November).
    pub release_table_grace_days: u64,
}

impl Default for AuditThresholds {
    fn default() -> Self {
        AuditThresholds {
            release_table_grace_days: 30,
        }
    }
}

/// The rules of this module, in evaluation order.
pub const RULES: &[Rule] = &[
    rule!(AuditProbeSkipped => probe_skipped),
    rule!(AuditProbeError => probe_error),
    rule!(AuditReleaseTableStale => release_table_stale),
];

/// `audit.release-table-stale`: the release table in use was last checked before the NixOS
/// release that should have come out by now (plus a grace period): a new release may be
/// missing from it, so its end-of-support and oldest-patched-Nix judgements may be stale.
pub fn release_table_stale(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    let table = cx.releases;
    let grace = cx.thresholds.audit.release_table_grace_days;
    let stale_after = table.stale_after(grace);
    let today = cx.now.date_naive();
    if today <= stale_after {
        return;
    }
    let source = table.source();
    let newest = table
        .nixos
        .iter()
        .map(|r| r.version.as_str())
        .max()
        .unwrap_or("none");
    out.push(
        finding(FindingId::AuditReleaseTableStale, "release-table")
            .title(format!(
                "Release table is as of {}: end-of-support judgements may be stale",
                table.as_of
            ))
            .summary(format!("Release table as of {} may be stale", table.as_of))
            .file(source.clone())
            .description(format!(
                "The release table this audit used ({}) was last checked on {}. A NixOS \
                 release was expected by {} and the {grace}-day grace period after it ended on \
                 {stale_after}: a release out since then is missing from the table, so \
                 `host.release-eol`, `host.nix-outdated` and the branch support shown for \
                 flake inputs may judge with old windows (newer releases fall back to the \
                 May/November rule).",
                lit(&source),
                table.as_of,
                stale_after - chrono::Days::new(grace),
            ))
            .evidence(
                source.clone(),
                vec![
                    format!("as_of: {}", table.as_of),
                    format!("newest listed release: {newest}"),
                    format!("stale after: {stale_after} (next expected release + {grace} days)"),
                ],
            )
            .action(
                "Update nixbtw-audit, or give it a newer table without a rebuild: \
                 `nixbtw-audit --releases /etc/nixbtw/releases.toml` or `releases = \"...\"` in \
                 the configuration (same format as agent/data/releases.toml, with a newer \
                 `as_of`).",
            )
            .build(),
    );
}

/// `audit.probe-skipped`: a probe that does not apply to this target.
pub fn probe_skipped(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    for (probe, run) in cx.facts.runs() {
        let Outcome::Skipped(reason) = &run.outcome else {
            continue;
        };
        let by_hand = run.by_hand.as_str();
        out.push(
            finding(FindingId::AuditProbeSkipped, probe.as_str())
                .probe(probe)
                .kind(FindingType::Skipped)
                .title(format!("Probe {probe} skipped"))
                .summary(format!("{probe} probe skipped: {reason}"))
                .file(format!("probe:{probe}"))
                .description(format!(
                    "The `{probe}` probe does not apply to this target: {}.",
                    lit(reason)
                ))
                .action(format!(
                    "To get this data by hand on the audited system: {}",
                    commands(by_hand)
                ))
                .build(),
        );
    }
}

/// Probes whose own rules raise no row for the inputs they could not read (an oversized
/// `/etc/hostname`, a device where `grub.cfg` belongs): `audit.probe-error` raises one per
/// input. The other probes' families say it in their own words (`store.db-unreadable`,
/// "Journal partly unreadable", ...).
const INCOMPLETE_AS_ROWS: &[ProbeId] = &[ProbeId::Host, ProbeId::Boot, ProbeId::Nextboot];

/// `audit.probe-error`: a probe that failed, panicked or timed out; or one that ran but could
/// not read one of its inputs (see [`INCOMPLETE_AS_ROWS`]).
pub fn probe_error(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    for &probe in INCOMPLETE_AS_ROWS {
        for what in cx.facts.incomplete(probe) {
            let file = what.split(": ").next().unwrap_or_default().to_string();
            out.push(
                finding(FindingId::AuditProbeError, format!("{probe}:{what}"))
                    .probe(probe)
                    .kind(FindingType::Error)
                    .title(format!("Could not read {file}"))
                    .summary(format!("{probe}: {what}"))
                    .file(file.clone())
                    .description(format!(
                        "{}. The `{probe}` checks ran without it; the rest of the audit is \
                         complete.",
                        lit(what)
                    ))
                    .action(format!("Look at it by hand: `ls -l {}`.", sh(file)))
                    .build(),
            );
        }
    }
    for (probe, run) in cx.facts.runs() {
        let by_hand = run.by_hand.as_str();
        let row = match &run.outcome {
            Outcome::Collected(_) | Outcome::Skipped(_) => continue,
            Outcome::Failed(what) => finding(FindingId::AuditProbeError, probe.as_str())
                .probe(probe)
                .kind(FindingType::Error)
                .title(format!("Probe {probe} failed"))
                .summary(format!("{probe} probe failed: {what}"))
                .file(format!("probe:{probe}"))
                .description(format!(
                    "The `{probe}` probe could not collect its facts: {}. The checks that \
                     read them were not evaluated; the rest of the audit is complete.",
                    lit(what)
                ))
                .action(format!("Get the data by hand: {}", commands(by_hand))),
            Outcome::TimedOut(after) => finding(FindingId::AuditProbeError, probe.as_str())
                .probe(probe)
                .kind(FindingType::Error)
                .title(format!("Probe {probe} timed out"))
                .summary(format!(
                    "{probe} probe timed out after {}s",
                    after.as_secs()
                ))
                .file(format!("probe:{probe}"))
                .description(format!(
                    "The `{probe}` probe did not finish within {}s and was abandoned. The \
                     checks that read its facts were not evaluated; the rest of the audit is \
                     complete.",
                    after.as_secs()
                ))
                .action(format!(
                    "Re-run with a longer `--timeout`, or get the data by hand: {}",
                    commands(by_hand)
                )),
        };
        out.push(row.build());
    }
}

/// `audit.suppression-expired`: the row of a suppression past its `until` date. Raised by the
/// sink, which applies the configuration's suppressions.
pub fn suppression_expired(s: &Suppression) -> Finding {
    let subject = s.subject.clone().unwrap_or_else(|| "*".to_string());
    let until = s.until;
    finding(
        FindingId::AuditSuppressionExpired,
        format!("{}:{subject}", s.id),
    )
    .probe(s.id.info().probe.unwrap_or(ProbeId::Host))
    .title(format!("Suppression of {} expired on {until}", s.id))
    .summary(format!("suppression of {} expired {until}", s.id))
    .file("config:suppress")
    .description(format!(
        "The configuration suppressed `{}` (subject: {}) until {until} \
         because: {}. It no longer applies, so matching findings are shown again.",
        s.id,
        lit(subject),
        lit(&s.reason)
    ))
    .action("Fix the underlying finding, or extend `until` with a fresh reason.")
    .build()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::run_family;
    use nixbtw_probes::{FactSet, ProbeRun};
    use std::time::Duration;

    fn with(outcome: Outcome) -> FactSet {
        let mut set = FactSet::new();
        set.insert(
            ProbeId::Journal,
            ProbeRun {
                outcome,
                duration: Duration::ZERO,
                by_hand: "journalctl -b -p err".into(),
            },
        );
        set
    }

    fn run(judge: super::super::Judge, facts: &FactSet) -> Vec<Finding> {
        run_family(judge, facts, chrono::Utc::now(), false)
    }

    #[derive(Debug, serde::Serialize)]
    struct Any;

    #[test]
    fn probe_skipped_raised_for_a_skipped_probe_only() {
        let out = run(probe_skipped, &with(Outcome::Skipped("no journal".into())));
        assert_eq!(out.len(), 1);
        assert_eq!(
            (out[0].kind, out[0].subject.as_str()),
            (FindingType::Skipped, "journal")
        );
        assert!(out[0].suggested_action.contains("journalctl -b -p err"));
        assert!(run(probe_skipped, &with(Outcome::Failed("x".into()))).is_empty());
        assert!(run(probe_skipped, &with(Outcome::Collected(Box::new(Any)))).is_empty());
    }

    #[test]
    fn probe_error_raised_for_failed_and_timed_out_probes_only() {
        let out = run(probe_error, &with(Outcome::Failed("boom".into())));
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].kind, FindingType::Error);
        assert!(out[0].summary.contains("boom"));
        let out = run(
            probe_error,
            &with(Outcome::TimedOut(Duration::from_secs(7))),
        );
        assert!(
            out[0].summary.contains("timed out after 7s"),
            "{}",
            out[0].summary
        );
        assert!(run(probe_error, &with(Outcome::Skipped("n/a".into()))).is_empty());
        assert!(run(probe_error, &with(Outcome::Collected(Box::new(Any)))).is_empty());
    }

    #[test]
    fn suppression_expired_names_the_check_and_the_reason() {
        let s = Suppression {
            id: FindingId::UnitsFailed,
            subject: None,
            reason: "vendor bug".into(),
            until: chrono::NaiveDate::from_ymd_opt(2026, 1, 31).unwrap(),
        };
        let f = suppression_expired(&s);
        assert_eq!(f.subject, "units.failed:*");
        assert_eq!(f.probe, ProbeId::Units);
        assert!(f.description.contains("vendor bug"));
    }

    fn stale_run(table: &crate::rules::releases::Releases, today: &str) -> Vec<Finding> {
        let facts = FactSet::new();
        let thresholds = crate::rules::Thresholds::default();
        let cx = RuleContext {
            facts: &facts,
            thresholds: &thresholds,
            now: format!("{today}T12:00:00Z").parse().unwrap(),
            live: false,
            releases: table,
            previous: None,
        };
        let mut out = Vec::new();
        release_table_stale(&cx, &mut out);
        out
    }

    fn table(as_of: &str) -> crate::rules::releases::Releases {
        let text = format!(
            "as_of = \"{as_of}\"\n[[nixos]]\nversion = \"25.11\"\ncodename = \"Xantusia\"\n\
             end_of_support = \"2026-06-30\"\n"
        );
        crate::rules::releases::Releases::parse(
            &text,
            "/etc/nixbtw/releases.toml",
            "2027-12-31".parse().unwrap(),
        )
        .unwrap()
    }

    #[test]
    fn release_table_stale_after_the_next_release_and_grace() {
        // As of 2026-01-10: 26.05 is expected by 2026-05-31; 30 days' grace ends 2026-06-30.
        let t = table("2026-01-10");
        assert!(stale_run(&t, "2026-06-30").is_empty());
        let out = stale_run(&t, "2026-07-01");
        assert_eq!(out.len(), 1);
        let f = &out[0];
        assert_eq!(f.id, FindingId::AuditReleaseTableStale);
        assert_eq!(f.priority, nixbtw_contracts::Priority::Info);
        assert_eq!(f.file, "/etc/nixbtw/releases.toml");
        assert!(f.description.contains("2026-05-31"), "{}", f.description);
        assert!(f.evidence[0]
            .excerpt
            .iter()
            .any(|l| l == "stale after: 2026-06-30 (next expected release + 30 days)"));
        // As of June: the next release is November's.
        let t = table("2026-06-02");
        assert!(stale_run(&t, "2026-12-30").is_empty());
        assert_eq!(stale_run(&t, "2026-12-31").len(), 1);
        // As of December: next May.
        let t = table("2026-12-02");
        assert!(stale_run(&t, "2027-06-30").is_empty());
        assert_eq!(stale_run(&t, "2027-07-01").len(), 1);
    }

    #[test]
    fn release_table_stale_not_raised_for_the_built_in_table_on_its_date() {
        let builtin = crate::rules::releases::releases();
        let out = stale_run(builtin, &builtin.as_of.to_string());
        assert!(out.is_empty(), "{out:?}");
        // ... and the built-in table names itself as the source once stale.
        let late = builtin.stale_after(30) + chrono::Days::new(1);
        let out = stale_run(builtin, &late.to_string());
        assert_eq!(out[0].file, "agent/data/releases.toml (built in)");
    }
}
