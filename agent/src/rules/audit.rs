//! `audit.*`: rows about the audit itself. A probe that failed, panicked or timed out becomes
//! an `error` row saying what failed and how to get the data by hand; a probe that does not
//! apply to the target becomes a `skipped` row. Neither is ever hidden.

use nixbtw_contracts::{Finding, FindingId, FindingType};
use nixbtw_probes::Outcome;

use super::{finding, RuleContext};

/// Error and skipped rows for probes that produced no facts.
pub fn evaluate(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    for (probe, run) in cx.facts.runs() {
        let by_hand = run.by_hand.as_str();
        let row = match &run.outcome {
            Outcome::Collected(_) => continue,
            Outcome::Skipped(reason) => finding(FindingId::AuditProbeSkipped, probe.as_str())
                .probe(probe)
                .kind(FindingType::Skipped)
                .title(format!("Probe `{probe}` skipped"))
                .summary(format!("{probe} probe skipped: {reason}"))
                .file(format!("probe:{probe}"))
                .description(format!(
                    "The `{probe}` probe does not apply to this target: {reason}."
                ))
                .action(format!(
                    "To get this data by hand on the audited system: {by_hand}"
                )),
            Outcome::Failed(what) => finding(FindingId::AuditProbeError, probe.as_str())
                .probe(probe)
                .kind(FindingType::Error)
                .title(format!("Probe `{probe}` failed"))
                .summary(format!("{probe} probe failed: {what}"))
                .file(format!("probe:{probe}"))
                .description(format!(
                    "The `{probe}` probe could not collect its facts: {what}. The checks that \
                     read them were not evaluated; the rest of the audit is complete."
                ))
                .action(format!("Get the data by hand: {by_hand}")),
            Outcome::TimedOut(after) => finding(FindingId::AuditProbeError, probe.as_str())
                .probe(probe)
                .kind(FindingType::Error)
                .title(format!("Probe `{probe}` timed out"))
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
                    "Re-run with a longer `--timeout`, or get the data by hand: {by_hand}"
                )),
        };
        out.push(row.build());
    }
}
