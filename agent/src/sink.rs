//! The one place findings are ranked and silenced.
//!
//! Rules emit findings at their catalog priority. Here, and only here, the configuration's
//! priority overrides and suppressions are applied (an expired suppression becomes a finding of
//! its own), then findings are sorted by priority, the catalog's impact order and subject and numbered from 1, which
//! makes the report deterministic. The order and the numbers have one definition,
//! [`Report::sort_and_number`]: the previous-audit diff (`crate::diff`) calls it again after
//! adding its `fixed` rows, so those are placed by the same rule.

use chrono::NaiveDate;

use nixbtw_contracts::{Action, Finding, FindingType, Report};

use crate::config::Config;
use crate::rules::audit::suppression_expired;

/// Findings after the sink: what the report shows, and how many were suppressed.
#[derive(Debug, Clone, PartialEq)]
pub struct Sunk {
    /// Findings in report order, numbered.
    pub findings: Vec<Finding>,
    /// How many findings active suppressions removed.
    pub suppressed: u32,
}

/// Apply overrides and suppressions, then sort and number.
///
/// `today` is the audit's UTC date: a suppression holds through its `until` day.
pub fn sink(mut findings: Vec<Finding>, config: &Config, today: NaiveDate) -> Sunk {
    let mut expired: Vec<Finding> = config
        .suppress
        .iter()
        .filter(|s| !s.is_active(today))
        .map(suppression_expired)
        .collect();
    let before = findings.len();
    findings.retain(|f| !config.silences(f.id, &f.subject, today));
    let suppressed = u32::try_from(before - findings.len()).unwrap_or(u32::MAX);
    findings.append(&mut expired);
    // Overrides re-rank what is left (expiry notices included). A `fixed` or `skipped` row
    // keeps its priority: there is nothing to act on.
    for f in &mut findings {
        if let Some(p) = config.priorities.get(&f.id) {
            if matches!(
                f.kind,
                FindingType::Found | FindingType::Rec | FindingType::Error
            ) {
                f.priority = *p;
                f.action = Action::default_for(f.kind, *p);
            }
        }
    }
    Report::sort_and_number(&mut findings);
    Sunk {
        findings,
        suppressed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Suppression;
    use crate::rules::finding;
    use nixbtw_contracts::{FindingId, Priority};

    fn f(id: FindingId, subject: &str) -> Finding {
        finding(id, subject).title(subject).build()
    }

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn sorts_by_priority_id_subject_and_numbers() {
        let out = sink(
            vec![
                f(FindingId::HostLane, "lane"),
                f(FindingId::UnitsFailed, "b.service"),
                f(FindingId::StoreDiskCritical, "/nix/store"),
                f(FindingId::UnitsFailed, "a.service"),
            ],
            &Config::default(),
            day("2026-11-25"),
        );
        let order: Vec<_> = out
            .findings
            .iter()
            .map(|f| (f.number, f.id.as_str(), f.subject.as_str()))
            .collect();
        assert_eq!(
            order,
            vec![
                (1, "store.disk-critical", "/nix/store"),
                (2, "units.failed", "a.service"),
                (3, "units.failed", "b.service"),
                (4, "host.lane", "lane"),
            ]
        );
    }

    #[test]
    fn overrides_and_suppressions_apply_once() {
        let mut config = Config::default();
        config
            .priorities
            .insert(FindingId::UnitsFailed, Priority::P3);
        config.suppress.push(Suppression {
            id: FindingId::UnitsFailed,
            subject: Some("a.service".into()),
            reason: "known".into(),
            until: day("2026-12-01"),
        });
        config.suppress.push(Suppression {
            id: FindingId::StoreDiskCritical,
            subject: None,
            reason: "old".into(),
            until: day("2026-01-01"),
        });
        let out = sink(
            vec![
                f(FindingId::UnitsFailed, "a.service"),
                f(FindingId::UnitsFailed, "b.service"),
                f(FindingId::StoreDiskCritical, "/nix/store"),
            ],
            &config,
            day("2026-11-25"),
        );
        assert_eq!(out.suppressed, 1);
        let ids: Vec<_> = out
            .findings
            .iter()
            .map(|f| (f.id.as_str(), f.priority))
            .collect();
        assert_eq!(
            ids,
            vec![
                ("store.disk-critical", Priority::P0),
                // Within a priority, the impact order: a failed unit before an expired note.
                ("units.failed", Priority::P3),
                ("audit.suppression-expired", Priority::P3),
            ]
        );
    }

    #[test]
    fn within_a_priority_findings_follow_the_impact_order() {
        let mut config = Config::default();
        config
            .priorities
            .insert(FindingId::FlakeLockStale, Priority::P1);
        let out = sink(
            vec![
                f(FindingId::FlakeLockStale, "nixpkgs"),
                f(FindingId::HostReleaseEol, "25.05"),
                f(FindingId::JournalFsErrors, "kernel"),
                f(FindingId::SecretsPlaintextInConfig, "/etc/nixos/a.nix"),
            ],
            &config,
            day("2026-11-25"),
        );
        let ids: Vec<_> = out.findings.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "journal.fs-errors",
                "secrets.plaintext-in-config",
                "host.release-eol",
                "flake.lock-stale"
            ]
        );
    }

    #[test]
    fn suppression_holds_through_its_until_day_then_expires() {
        let mut config = Config::default();
        config.suppress.push(Suppression {
            id: FindingId::UnitsFailed,
            subject: None,
            reason: "maintenance window".into(),
            until: day("2026-11-25"),
        });
        let findings = vec![
            f(FindingId::UnitsFailed, "a.service"),
            f(FindingId::UnitsFailed, "b.service"),
        ];
        let on = sink(findings.clone(), &config, day("2026-11-25"));
        assert_eq!(on.suppressed, 2);
        assert!(on.findings.is_empty());
        let after = sink(findings, &config, day("2026-11-26"));
        assert_eq!(after.suppressed, 0);
        let ids: Vec<_> = after.findings.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(
            ids,
            vec!["units.failed", "units.failed", "audit.suppression-expired"]
        );
        let notice = &after.findings[2];
        assert_eq!(notice.subject, "units.failed:*");
        assert!(notice.description.contains("maintenance window"));
        assert_eq!(notice.number, 3);
    }

    #[test]
    fn overrides_reach_error_rows_but_not_skipped_ones() {
        let mut config = Config::default();
        config
            .priorities
            .insert(FindingId::AuditProbeError, Priority::P1);
        config
            .priorities
            .insert(FindingId::AuditProbeSkipped, Priority::P1);
        let err = finding(FindingId::AuditProbeError, "store")
            .kind(FindingType::Error)
            .title("x")
            .build();
        let skip = finding(FindingId::AuditProbeSkipped, "units")
            .kind(FindingType::Skipped)
            .title("y")
            .build();
        let out = sink(vec![err, skip], &config, day("2026-11-25"));
        assert_eq!(out.findings[0].priority, Priority::P1);
        assert_eq!(out.findings[0].action, Action::Open);
        assert_eq!(out.findings[1].priority, Priority::Info);
    }
}
