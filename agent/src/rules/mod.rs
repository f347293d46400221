//! Rules: pure functions from facts (and thresholds) to findings.
//!
//! One module per check family, named after the probe whose facts it reads, so check
//! `store.disk-low` is judged in `rules/store.rs` from the facts of `probes/src/probes/store.rs`.
//! A rule never touches the filesystem or the clock (the audit's start time is passed in), so
//! every check is a unit test over a literal [`FactSet`]. Rules produce findings with their
//! default priority; overrides, suppressions, sorting and numbering happen once, in the sink.

use chrono::{DateTime, Utc};
use serde::Deserialize;

use nixbtw_contracts::{Action, Evidence, Finding, FindingId, FindingType, ProbeId};
use nixbtw_probes::FactSet;

pub mod audit;
pub mod boot;
pub mod channels;
pub mod deep;
pub mod flake;
pub mod gcroots;
pub mod generations;
pub mod host;
pub mod journal;
pub mod nixconf;
pub mod releases;
pub mod secrets;
pub mod store;
pub mod units;

/// Every configurable threshold, grouped by check family.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Thresholds {
    /// `host.*` checks.
    pub host: host::HostThresholds,
    /// `nixconf.*` checks.
    pub nixconf: nixconf::NixconfThresholds,
    /// `flake.*` checks.
    pub flake: flake::FlakeThresholds,
    /// `channels.*` checks.
    pub channels: channels::ChannelsThresholds,
    /// `units.*` checks.
    pub units: units::UnitsThresholds,
    /// `journal.*` checks.
    pub journal: journal::JournalThresholds,
    /// Deep-mode checks (`store.corrupt`, `store.missing-path`, `store.unregistered`).
    pub deep: deep::DeepThresholds,
    /// `store.*` checks.
    pub store: store::StoreThresholds,
    /// `gcroots.*` checks.
    pub gcroots: gcroots::GcrootsThresholds,
    /// `generations.*` checks.
    pub generations: generations::GenerationsThresholds,
    /// `boot.*` checks.
    pub boot: boot::BootThresholds,
}

/// What rules are given.
#[derive(Debug, Clone, Copy)]
pub struct RuleContext<'a> {
    /// Facts of this audit.
    pub facts: &'a FactSet,
    /// Thresholds from the configuration.
    pub thresholds: &'a Thresholds,
    /// When the audit started (ages are measured from here).
    pub now: DateTime<Utc>,
    /// Whether the target is the live host (some checks only apply live).
    pub live: bool,
}

/// Run every rule family.
pub fn evaluate(cx: &RuleContext<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    audit::evaluate(cx, &mut out);
    host::evaluate(cx, &mut out);
    nixconf::evaluate(cx, &mut out);
    flake::evaluate(cx, &mut out);
    channels::evaluate(cx, &mut out);
    secrets::evaluate(cx, &mut out);
    units::evaluate(cx, &mut out);
    journal::evaluate(cx, &mut out);
    deep::evaluate(cx, &mut out);
    store::evaluate(cx, &mut out);
    gcroots::evaluate(cx, &mut out);
    generations::evaluate(cx, &mut out);
    boot::evaluate(cx, &mut out);
    out
}

/// Build a finding with the catalog defaults of its ID; see [`FindingBuilder`].
pub fn finding(id: FindingId, subject: impl Into<String>) -> FindingBuilder {
    let info = id.info();
    FindingBuilder {
        f: Finding {
            number: 0,
            id,
            probe: info.probe.unwrap_or(ProbeId::Host),
            subject: subject.into(),
            kind: FindingType::Found,
            priority: info.priority,
            action: Action::default_for(FindingType::Found, info.priority),
            title: String::new(),
            summary: String::new(),
            file: String::new(),
            description: String::new(),
            evidence: Vec::new(),
            suggested_action: String::new(),
            fix_applied: None,
            new: false,
        },
        action_set: false,
    }
}

/// Fluent construction of a [`Finding`] (keeps rules short and uniform).
#[derive(Debug, Clone)]
pub struct FindingBuilder {
    f: Finding,
    action_set: bool,
}

impl FindingBuilder {
    /// Title (bold in the deliverable).
    pub fn title(mut self, s: impl Into<String>) -> Self {
        self.f.title = s.into();
        self
    }
    /// One-line summary (conclusion tables). Defaults to the title.
    pub fn summary(mut self, s: impl Into<String>) -> Self {
        self.f.summary = s.into();
        self
    }
    /// Where the evidence lives.
    pub fn file(mut self, s: impl Into<String>) -> Self {
        self.f.file = s.into();
        self
    }
    /// What is wrong and why it matters.
    pub fn description(mut self, s: impl Into<String>) -> Self {
        self.f.description = s.into();
        self
    }
    /// The concrete command or configuration change.
    pub fn action(mut self, s: impl Into<String>) -> Self {
        self.f.suggested_action = s.into();
        self
    }
    /// Add an excerpt.
    pub fn evidence(mut self, source: impl Into<String>, lines: Vec<String>) -> Self {
        self.f.evidence.push(Evidence {
            source: source.into(),
            excerpt: lines,
        });
        self
    }
    /// Override the default priority (for checks whose catalog entry scales, e.g. P1 over
    /// 180 days). Configuration overrides still win, in the sink.
    pub fn priority(mut self, p: nixbtw_contracts::Priority) -> Self {
        self.f.priority = p;
        self
    }
    /// Set the row type (found by default).
    pub fn kind(mut self, k: FindingType) -> Self {
        self.f.kind = k;
        self
    }
    /// Set the probe explicitly (for `audit.*` rows about a probe).
    pub fn probe(mut self, p: ProbeId) -> Self {
        self.f.probe = p;
        self
    }
    /// Set the conclusion action explicitly.
    pub fn conclusion_action(mut self, a: Action) -> Self {
        self.f.action = a;
        self.action_set = true;
        self
    }
    /// Finish: fills the summary from the title when empty and the action from type and
    /// priority unless set.
    pub fn build(mut self) -> Finding {
        if self.f.summary.is_empty() {
            self.f.summary = self.f.title.clone();
        }
        if !self.action_set {
            self.f.action = Action::default_for(self.f.kind, self.f.priority);
        }
        self.f
    }
}

/// Human-readable bytes (IEC units, one decimal).
pub use nixbtw_contracts::text::human_bytes as bytes;

/// Run one rule family on `facts` with default thresholds (for the families' unit tests).
#[cfg(test)]
pub(crate) fn run_family(
    family: fn(&RuleContext<'_>, &mut Vec<Finding>),
    facts: &FactSet,
    now: DateTime<Utc>,
    live: bool,
) -> Vec<Finding> {
    run_family_with(family, facts, &Thresholds::default(), now, live)
}

/// [`run_family`] with given thresholds.
#[cfg(test)]
pub(crate) fn run_family_with(
    family: fn(&RuleContext<'_>, &mut Vec<Finding>),
    facts: &FactSet,
    thresholds: &Thresholds,
    now: DateTime<Utc>,
    live: bool,
) -> Vec<Finding> {
    let cx = RuleContext {
        facts,
        thresholds,
        now,
        live,
    };
    let mut out = Vec::new();
    family(&cx, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builder_fills_defaults() {
        let f = finding(FindingId::StoreDiskLow, "/nix/store")
            .title("t")
            .build();
        assert_eq!(f.summary, "t");
        assert_eq!(f.priority, nixbtw_contracts::Priority::P1);
        assert_eq!(f.action, Action::Recommend);
        assert_eq!(f.probe, ProbeId::Store);
    }
}
