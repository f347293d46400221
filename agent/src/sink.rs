//! The one place findings are ranked, silenced, sorted and numbered.
//!
//! Rules emit findings at their catalog priority. Here, and only here, the configuration's
//! priority overrides and suppressions are applied (an expired suppression becomes a finding of
//! its own), then findings are sorted by priority, ID and subject and numbered from 1, which
//! makes the report deterministic.

use chrono::NaiveDate;

use nixbtw_contracts::{Action, Finding, FindingId, FindingType, ProbeId, Report};

use crate::config::Config;
use crate::rules::finding;

/// Findings after the sink: what the report shows, and how many were suppressed.
#[derive(Debug, Clone, PartialEq)]
pub struct Sunk {
    /// Findings in report order, numbered.
    pub findings: Vec<Finding>,
    /// How many findings active suppressions removed.
    pub suppressed: u32,
}

/// Apply overrides and suppressions, then sort and number.
pub fn sink(mut findings: Vec<Finding>, config: &Config, today: NaiveDate) -> Sunk {
    for f in &mut findings {
        if let Some(p) = config.priorities.get(&f.id) {
            if f.kind == FindingType::Found || f.kind == FindingType::Rec {
                f.priority = *p;
                f.action = Action::default_for(f.kind, *p);
            }
        }
    }
    let mut suppressed = 0u32;
    let mut expired = Vec::new();
    for s in &config.suppress {
        let active = s.until.is_none_or(|u| today <= u);
        if !active {
            let subject = s.subject.clone().unwrap_or_else(|| "*".to_string());
            let until = s.until.map(|u| u.to_string()).unwrap_or_default();
            expired.push(
                finding(
                    FindingId::AuditSuppressionExpired,
                    format!("{}:{subject}", s.id),
                )
                .probe(s.id.info().probe.unwrap_or(ProbeId::Host))
                .title(format!("Suppression of `{}` expired on {until}", s.id))
                .summary(format!("suppression of {} expired {until}", s.id))
                .file("config:suppress")
                .description(format!(
                    "The configuration suppressed `{}` (subject: {subject}) until {until} \
                         because: {}. It no longer applies, so matching findings are shown again.",
                    s.id, s.reason
                ))
                .action("Fix the underlying finding, or extend `until` with a fresh reason.")
                .build(),
            );
        }
    }
    findings.retain(|f| {
        let hit = config.suppress.iter().any(|s| {
            s.id == f.id
                && s.subject.as_ref().is_none_or(|subj| *subj == f.subject)
                && s.until.is_none_or(|u| today <= u)
        });
        if hit {
            suppressed += 1;
        }
        !hit
    });
    for e in &mut expired {
        if let Some(p) = config.priorities.get(&e.id) {
            e.priority = *p;
            e.action = Action::default_for(e.kind, *p);
        }
    }
    findings.extend(expired);
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
    use nixbtw_contracts::Priority;

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
            until: Some(day("2026-12-01")),
        });
        config.suppress.push(Suppression {
            id: FindingId::StoreDiskCritical,
            subject: None,
            reason: "old".into(),
            until: Some(day("2026-01-01")),
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
                ("audit.suppression-expired", Priority::P3),
                ("units.failed", Priority::P3),
            ]
        );
    }
}
