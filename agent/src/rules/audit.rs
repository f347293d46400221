//! `audit.*`: rows about the audit itself. A probe that failed, panicked or timed out becomes
//! an `error` row saying what failed and how to get the data by hand; a probe that does not
//! apply to the target becomes a `skipped` row. Neither is ever hidden. An expired suppression
//! becomes a row of its own (raised by the sink, which alone reads the suppressions).

use nixbtw_contracts::prose::{commands, lit, sh};
use nixbtw_contracts::{Finding, FindingId, FindingType, ProbeId};
use nixbtw_probes::Outcome;

use super::{finding, rule, Rule, RuleContext};
use crate::config::Suppression;

/// The rules of this module, in evaluation order.
pub const RULES: &[Rule] = &[
    rule!(AuditProbeSkipped => probe_skipped),
    rule!(AuditProbeError => probe_error),
];

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
}
