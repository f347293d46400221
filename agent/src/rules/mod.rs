//! Rules: pure functions from facts (and thresholds) to findings.
//!
//! One module per probe, and in it one function per check ID: check `store.disk-low` is judged
//! by `rules::store::disk_low` from the facts of `probes/src/probes/store.rs`, with its unit
//! tests beside it (named after the function) and its integration tests in
//! `tests/tests/store.rs`. The catalog (`FindingId::info`) names the judging probe, which is the
//! ID's family except for the deep-mode `store.*` checks (judged in `rules/deep.rs`). Each
//! module lists its functions in `RULES`; [`RULES`] is every module's, in evaluation order, and
//! a test keeps it in step with the catalog.
//!
//! A rule never touches the filesystem or the clock (the audit's start time is passed in), so
//! every check is a unit test over a literal [`FactSet`]. Rules produce findings with their
//! default priority; overrides, suppressions, sorting and numbering happen once, in the sink.

use chrono::{DateTime, Utc};
use serde::Deserialize;

use nixbtw_contracts::{Action, Chart, Evidence, Finding, FindingId, FindingType, ProbeId, Prose};
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
pub mod nextboot;
pub mod nixconf;
pub mod releases;
pub mod secrets;
pub mod store;
pub mod units;

/// Every configurable threshold, grouped by check family.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Thresholds {
    /// `audit.*` checks.
    pub audit: audit::AuditThresholds,
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
    /// The release table (built in, or given with `--releases` / the configuration).
    pub releases: &'a releases::Releases,
    /// The previous audit's facts, for the checks in [`AGAINST_PREVIOUS`]; `None` while the
    /// report is first judged (the previous audit is compared afterwards, in `crate::diff`).
    pub previous: Option<&'a FactSet>,
}

/// The signature of every rule: read facts from the context, push findings.
pub type Judge = fn(&RuleContext<'_>, &mut Vec<Finding>);

/// One rule: the function that judges one check ID.
#[derive(Clone, Copy)]
pub struct Rule {
    /// The IDs it raises (one: every check has its own function).
    pub ids: &'static [FindingId],
    /// The function.
    pub judge: Judge,
    /// The function's name (`disk_low`).
    pub function: &'static str,
    /// The module it is in (`nixbtw_audit::rules::store`).
    pub module: &'static str,
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}::{} {:?}", self.module, self.function, self.ids)
    }
}

/// `rule!(StoreDiskLow => disk_low)`: the [`Rule`] of function `disk_low` of this module.
macro_rules! rule {
    ($id:ident => $f:ident) => {
        $crate::rules::Rule {
            ids: &[nixbtw_contracts::FindingId::$id],
            judge: $f,
            function: stringify!($f),
            module: module_path!(),
        }
    };
}
pub(crate) use rule;

/// Every rule, module by module, in evaluation order.
pub const RULES: &[&[Rule]] = &[
    audit::RULES,
    host::RULES,
    nixconf::RULES,
    flake::RULES,
    channels::RULES,
    secrets::RULES,
    units::RULES,
    journal::RULES,
    deep::RULES,
    store::RULES,
    gcroots::RULES,
    generations::RULES,
    boot::RULES,
    nextboot::RULES,
];

/// The rules that compare with the previous audit ([`RuleContext::previous`]). They are in
/// [`RULES`] too, where they find no previous facts and raise nothing; `crate::diff` runs them
/// again once the previous audit is known.
pub const AGAINST_PREVIOUS: &[Rule] = &[nextboot::STATE_VERSION_CHANGED];

/// Run every rule.
pub fn evaluate(cx: &RuleContext<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for rule in RULES.iter().flat_map(|m| m.iter()) {
        (rule.judge)(cx, &mut out);
    }
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
            description: Prose::default(),
            evidence: Vec::new(),
            suggested_action: Prose::default(),
            fix_applied: None,
            new: false,
            related_to: None,
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
    pub fn description(mut self, s: impl Into<Prose>) -> Self {
        self.f.description = s.into();
        self
    }
    /// The concrete command or configuration change.
    pub fn action(mut self, s: impl Into<Prose>) -> Self {
        self.f.suggested_action = s.into();
        self
    }
    /// Add an excerpt.
    pub fn evidence(mut self, source: impl Into<String>, lines: Vec<String>) -> Self {
        self.f.evidence.push(Evidence {
            source: source.into(),
            excerpt: lines,
            chart: None,
        });
        self
    }
    /// Add an excerpt with the same data drawn as a chart (see [`nixbtw_contracts::chart`]).
    pub fn chart(mut self, source: impl Into<String>, lines: Vec<String>, chart: Chart) -> Self {
        self.f.evidence.push(Evidence {
            source: source.into(),
            excerpt: lines,
            chart: Some(chart),
        });
        self
    }
    /// Add one excerpt per `(source, lines)`.
    pub fn evidence_each(mut self, items: impl IntoIterator<Item = (String, Vec<String>)>) -> Self {
        for (source, lines) in items {
            self = self.evidence(source, lines);
        }
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

/// Run one rule (or family) on `facts` with default thresholds (for the unit tests).
#[cfg(test)]
pub(crate) fn run_family(
    family: fn(&RuleContext<'_>, &mut Vec<Finding>),
    facts: &FactSet,
    now: DateTime<Utc>,
    live: bool,
) -> Vec<Finding> {
    run_family_with(family, facts, &Thresholds::default(), now, live)
}

/// Run every rule of `rules` (a module's `RULES`) on `facts` with default thresholds.
#[cfg(test)]
pub(crate) fn run_rules(
    rules: &[Rule],
    facts: &FactSet,
    now: DateTime<Utc>,
    live: bool,
) -> Vec<Finding> {
    run_rules_with(rules, facts, &Thresholds::default(), now, live)
}

/// [`run_rules`] with given thresholds.
#[cfg(test)]
pub(crate) fn run_rules_with(
    rules: &[Rule],
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
        releases: releases::releases(),
        previous: None,
    };
    let mut out = Vec::new();
    for rule in rules {
        (rule.judge)(&cx, &mut out);
    }
    assert_authored_spacing(&out);
    out
}

/// Authored text has single spaces between words: a run of spaces inside a sentence is a
/// string continuation that lost its `\` (it reaches the JSON and the terminal as is).
#[cfg(test)]
fn assert_authored_spacing(findings: &[Finding]) {
    for f in findings {
        for text in [
            f.title.clone(),
            f.description.plain(),
            f.suggested_action.plain(),
        ] {
            assert!(
                !text.trim().contains("   "),
                "{}: a run of spaces in {text:?}",
                f.id
            );
        }
    }
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
        releases: releases::releases(),
        previous: None,
    };
    let mut out = Vec::new();
    family(&cx, &mut out);
    assert_authored_spacing(&out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    /// Every check ID leads in one step to the function that judges it: the catalog's
    /// `location()` names `agent/src/rules/<probe>.rs::<function>`, and that is where the rule
    /// registered for the ID is.
    #[test]
    fn every_check_has_one_rule_function_where_the_catalog_says() {
        let mut seen: BTreeMap<FindingId, Vec<&Rule>> = BTreeMap::new();
        for rule in RULES.iter().flat_map(|m| m.iter()) {
            for id in rule.ids {
                seen.entry(*id).or_default().push(rule);
            }
        }
        for id in FindingId::ALL {
            let info = id.info();
            let module = format!("nixbtw_audit::rules::{}", info.rule_module());
            if *id == FindingId::AuditSuppressionExpired {
                // Raised by the sink, from the configuration, with `audit::suppression_expired`.
                assert!(!seen.contains_key(id));
                continue;
            }
            let rules = seen
                .get(id)
                .unwrap_or_else(|| panic!("no rule raises {id}"));
            let own: Vec<_> = rules.iter().filter(|r| r.module == module).collect();
            assert_eq!(own.len(), 1, "{id}: {rules:?}");
            let rule = own[0];
            assert_eq!(rule.ids, [*id], "{id}: one function per check");
            assert_eq!(rule.function, info.function(), "{id}");
            // Only audit.* rows may also be raised elsewhere (a probe's own limits, e.g. deep
            // mode stopping at its time limit).
            if info.probe.is_some() {
                assert_eq!(rules.len(), 1, "{id}: {rules:?}");
            }
        }
        for rule in RULES.iter().flat_map(|m| m.iter()) {
            assert_eq!(rule.ids.len(), 1, "one function per check: {rule:?}");
        }
    }

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
