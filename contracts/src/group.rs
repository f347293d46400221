//! One root cause, one finding: which findings are grouped under which.
//!
//! An end-of-life release makes three findings true at once: the release is past its end of
//! support, the lock still pins that release's nixpkgs, and the Nix it ships is below the
//! patched lines. They have one fix (move to a supported release), so an expert reads them as
//! one problem with consequences. A full store likewise explains the space a GC would free and
//! the missing GC schedule. The report lists the root finding and the others as "Related"
//! lines under it; each keeps its ID for suppressions, overrides and the diff.
//!
//! Grouping never hides something worse: a finding is grouped only under a root of at least
//! its own priority, and only findings of type `found` take part.

use crate::ids::FindingId as F;
use crate::model::{Finding, FindingType};

/// Root finding ID, and the IDs grouped under it when both are present.
pub const GROUPS: &[(F, &[F])] = &[
    (F::HostReleaseEol, &[F::HostNixOutdated, F::FlakeLockStale]),
    (
        F::StoreDiskCritical,
        &[F::StoreReclaimable, F::StoreGcNotScheduled],
    ),
    (
        F::StoreDiskLow,
        &[F::StoreReclaimable, F::StoreGcNotScheduled],
    ),
];

/// For each finding (in report order), the index of the root it is grouped under.
pub fn assign(findings: &[Finding]) -> Vec<Option<usize>> {
    let mut root_of = vec![None; findings.len()];
    for (root_id, members) in GROUPS {
        let Some(root) = findings
            .iter()
            .position(|f| f.id == *root_id && f.kind == FindingType::Found)
        else {
            continue;
        };
        if root_of[root].is_some() {
            continue;
        }
        for (i, f) in findings.iter().enumerate() {
            if i != root
                && root_of[i].is_none()
                && members.contains(&f.id)
                && f.kind == FindingType::Found
                && f.priority >= findings[root].priority
            {
                root_of[i] = Some(root);
            }
        }
    }
    root_of
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Action, Priority, Report};
    use crate::ProbeId;

    fn f(id: F, priority: Priority) -> Finding {
        Finding {
            number: 0,
            id,
            probe: ProbeId::Host,
            subject: id.as_str().into(),
            kind: FindingType::Found,
            priority,
            action: Action::Recommend,
            title: id.as_str().into(),
            summary: String::new(),
            file: String::new(),
            description: Default::default(),
            evidence: vec![],
            suggested_action: Default::default(),
            fix_applied: None,
            new: false,
            related_to: None,
        }
    }

    fn listed(findings: &[Finding]) -> Vec<(u32, &str, Option<u32>)> {
        findings
            .iter()
            .map(|f| (f.number, f.id.as_str(), f.related_to))
            .collect()
    }

    #[test]
    fn end_of_life_is_one_finding_with_its_consequences_under_it() {
        let mut v = vec![
            f(F::HostNixOutdated, Priority::P2),
            f(F::JournalOom, Priority::P2),
            f(F::FlakeLockStale, Priority::P1),
            f(F::HostReleaseEol, Priority::P1),
        ];
        Report::sort_and_number(&mut v);
        assert_eq!(
            listed(&v),
            [
                (1, "host.release-eol", None),
                (1, "flake.lock-stale", Some(1)),
                (1, "host.nix-outdated", Some(1)),
                (2, "journal.oom", None),
            ]
        );
    }

    #[test]
    fn without_the_root_nothing_is_grouped() {
        let mut v = vec![
            f(F::HostNixOutdated, Priority::P2),
            f(F::FlakeLockStale, Priority::P1),
        ];
        Report::sort_and_number(&mut v);
        assert!(v.iter().all(|f| f.related_to.is_none()));
        assert_eq!(v[1].number, 2);
    }

    #[test]
    fn a_more_severe_consequence_stays_on_its_own() {
        let mut v = vec![
            f(F::HostReleaseEol, Priority::P2),
            f(F::FlakeLockStale, Priority::P1),
        ];
        Report::sort_and_number(&mut v);
        assert!(v.iter().all(|f| f.related_to.is_none()), "{:?}", listed(&v));
    }

    #[test]
    fn only_found_rows_take_part() {
        let mut v = vec![
            f(F::HostReleaseEol, Priority::P1),
            f(F::HostNixOutdated, Priority::P2),
        ];
        v[1].kind = FindingType::Fixed;
        Report::sort_and_number(&mut v);
        assert!(v.iter().all(|f| f.related_to.is_none()));
    }
}
