//! The report model: what an audit produced, independent of how it is shown.
//!
//! Renderers (markdown, terminal, JSON, metrics) are pure functions of [`Report`], so the file,
//! the terminal and an attached JSON can never disagree, and `nixbtw-audit render` reproduces the
//! markdown from the JSON byte for byte.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use crate::ids::{FindingId, ProbeId};
use crate::prose::Prose;

/// Severity of a finding, most severe first (the derived order is the report order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Priority {
    /// Must fix: breaks functionality, security, or the next rebuild.
    P0,
    /// Should fix: significant correctness, safety or design problem.
    P1,
    /// Nice to fix: improvement, lower urgency.
    P2,
    /// Backlog: track, not now.
    P3,
    /// Informational, no action required.
    #[serde(rename = "info")]
    Info,
}

impl Priority {
    /// Every priority, in report order.
    pub const ALL: [Priority; 5] = [
        Priority::P0,
        Priority::P1,
        Priority::P2,
        Priority::P3,
        Priority::Info,
    ];

    /// The label used in both surfaces (`P0` .. `P3`, `info`).
    pub fn as_str(self) -> &'static str {
        match self {
            Priority::P0 => "P0",
            Priority::P1 => "P1",
            Priority::P2 => "P2",
            Priority::P3 => "P3",
            Priority::Info => "info",
        }
    }

    /// The markdown section heading for this priority.
    pub fn heading(self) -> &'static str {
        match self {
            Priority::P0 => "## P0 - Must fix",
            Priority::P1 => "## P1 - Should fix",
            Priority::P2 => "## P2 - Nice to fix",
            Priority::P3 => "## P3 - Backlog",
            Priority::Info => "## Info",
        }
    }
}

impl fmt::Display for Priority {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Priority {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "P0" | "p0" => Ok(Priority::P0),
            "P1" | "p1" => Ok(Priority::P1),
            "P2" | "p2" => Ok(Priority::P2),
            "P3" | "p3" => Ok(Priority::P3),
            "info" | "INFO" | "Info" => Ok(Priority::Info),
            _ => Err(format!(
                "unknown priority `{s}` (expected P0, P1, P2, P3 or info)"
            )),
        }
    }
}

/// What kind of row a finding is (the conclusion table's `Type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FindingType {
    /// A problem or fact that was detected.
    Found,
    /// A problem an earlier audit found that is no longer detected.
    Fixed,
    /// A recommendation rather than a detected problem.
    Rec,
    /// A check that could not apply to this target.
    Skipped,
    /// A probe that failed: the data is missing, not the problem.
    Error,
}

impl FindingType {
    /// The label used in both surfaces.
    pub fn as_str(self) -> &'static str {
        match self {
            FindingType::Found => "found",
            FindingType::Fixed => "fixed",
            FindingType::Rec => "rec",
            FindingType::Skipped => "skipped",
            FindingType::Error => "error",
        }
    }
}

/// What happens next about a finding (the conclusion table's `Action`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    /// The fix was applied (or the problem is no longer detected).
    Applied,
    /// A concrete change is proposed.
    Proposed,
    /// The suggested action is recommended.
    Recommend,
    /// Needs a human to look (for example, a probe error).
    Open,
    /// Nothing to do.
    #[serde(rename = "n/a")]
    NotApplicable,
}

impl Action {
    /// The label used in both surfaces.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Applied => "applied",
            Action::Proposed => "proposed",
            Action::Recommend => "recommend",
            Action::Open => "open",
            Action::NotApplicable => "n/a",
        }
    }

    /// The default action for a finding of this type and priority.
    pub fn default_for(kind: FindingType, priority: Priority) -> Action {
        match kind {
            FindingType::Fixed => Action::Applied,
            FindingType::Error => Action::Open,
            FindingType::Skipped => Action::NotApplicable,
            FindingType::Rec => Action::Recommend,
            FindingType::Found if priority == Priority::Info => Action::NotApplicable,
            FindingType::Found => Action::Recommend,
        }
    }
}

/// Evidence behind a finding: where it was read, and the lines that show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    /// Where the excerpt comes from: a file, a command line, a DB query.
    pub source: String,
    /// The excerpt, one entry per line, verbatim (renderers make it safe).
    pub excerpt: Vec<String>,
    /// The same data as a chart, drawn by the markdown renderer under the excerpt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chart: Option<crate::chart::Chart>,
}

/// One finding of the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Finding {
    /// Position in the report (1-based), assigned after sorting; 0 before.
    pub number: u32,
    /// Stable ID from the check catalog.
    pub id: FindingId,
    /// The probe whose facts raised it (or which failed).
    pub probe: ProbeId,
    /// What the finding is about within its check (a unit, a path, a user); sorts and
    /// identifies findings that share an ID.
    pub subject: String,
    /// Found, fixed, rec, skipped or error.
    #[serde(rename = "type")]
    pub kind: FindingType,
    /// P0..P3 or info.
    pub priority: Priority,
    /// Applied, proposed, recommend, open or n/a.
    pub action: Action,
    /// Short title, shown bold in the deliverable.
    pub title: String,
    /// One-line summary for the conclusion tables.
    pub summary: String,
    /// Where the evidence lives: a path, path:line, or a unit.
    pub file: String,
    /// What is wrong and why it matters.
    pub description: Prose,
    /// Excerpts that show it.
    pub evidence: Vec<Evidence>,
    /// The concrete command or configuration change.
    pub suggested_action: Prose,
    /// What was done about it; `None` renders the contract's placeholder.
    pub fix_applied: Option<Prose>,
    /// First seen in this audit: the previous audit of the same host (see [`Report::previous`])
    /// did not have a finding with this ID and subject. Always false without a previous audit.
    #[serde(default, skip_serializing_if = "is_false")]
    pub new: bool,
    /// Set when this finding has the same root cause as a more important one (see
    /// [`crate::group`]): the number of that root finding, under which the report lists this
    /// one as a "Related" line. It keeps its own ID and subject for suppressions and the diff,
    /// but is not counted in the headline or listed on its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub related_to: Option<u32>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl Finding {
    /// The sort key of the report: priority, then the catalog's impact order
    /// ([`crate::impact::IMPACT_ORDER`]: data loss and compromise before outages, broken
    /// updates and hygiene), then subject.
    pub fn sort_key(&self) -> (Priority, (crate::impact::Impact, usize), &str) {
        (self.priority, self.id.impact_rank(), self.subject.as_str())
    }
}

/// How a probe ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ProbeState {
    /// Facts were collected.
    Ok,
    /// The probe does not apply to this target.
    Skipped,
    /// The probe failed (or panicked).
    Error,
    /// The probe did not finish within its timeout.
    Timeout,
}

impl ProbeState {
    /// Label as shown in the report.
    pub fn as_str(self) -> &'static str {
        match self {
            ProbeState::Ok => "ok",
            ProbeState::Skipped => "skipped",
            ProbeState::Error => "error",
            ProbeState::Timeout => "timeout",
        }
    }
}

/// Per-probe status line of the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProbeStatus {
    /// The probe.
    pub probe: ProbeId,
    /// How it ended.
    pub state: ProbeState,
    /// Wall-clock time it took, in milliseconds.
    pub duration_ms: u64,
    /// Why it was skipped or what failed; empty when ok.
    pub message: String,
    /// State `ok`, but the probe could not read all of its input (a file over its size cap,
    /// a command that failed, a time budget that ran out): one reason each. Its checks ran on
    /// what it read, so a finding of the previous audit that it did not raise again is not
    /// called fixed. Empty (and absent from the JSON) when the probe read everything.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub incomplete: Vec<String>,
}

impl ProbeStatus {
    /// Whether the probe ran and read all of its input: only then can the absence of one of
    /// its findings mean the problem is gone.
    pub fn complete(&self) -> bool {
        self.state == ProbeState::Ok && self.incomplete.is_empty()
    }
}

/// The tool that wrote the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tool {
    /// Always `nixbtw-audit`.
    pub name: String,
    /// The tool's version.
    pub version: String,
}

/// A whole audit: metadata, findings in report order, probe statuses and raw facts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Report {
    /// Layout version of this JSON ([`crate::REPORT_SCHEMA_VERSION`]).
    pub schema_version: u32,
    /// The tool and its version.
    pub tool: Tool,
    /// The audited host's name (the contract's Target).
    pub target: String,
    /// The root that was audited: `/` for the live host, else the `--root` directory.
    pub root: String,
    /// One line describing the lane (OS, release, Nix flavour and version).
    pub lane: String,
    /// When the audit started (UTC).
    pub started: DateTime<Utc>,
    /// Findings, sorted and numbered.
    pub findings: Vec<Finding>,
    /// How many findings the configuration suppressed.
    pub suppressed: u32,
    /// One status per probe that was scheduled, in probe order.
    pub probes: Vec<ProbeStatus>,
    /// Each probe's facts under its name; probes that produced none are absent.
    pub facts: BTreeMap<String, serde_json::Value>,
    /// The comparison with the previous audit of the same host, when one was found.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<PreviousAudit>,
    /// Whether `--redact` replaced host names, users, addresses and tokens with placeholders.
    /// A redacted report is never used as the previous audit (its subjects are placeholders).
    #[serde(default, skip_serializing_if = "is_false")]
    pub redacted: bool,
}

/// What changed since the previous audit of the same host (same report slug).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PreviousAudit {
    /// The previous report's JSON file name (`<date>-<slug>[-N].json`).
    pub file: String,
    /// When the previous audit started.
    pub started: DateTime<Utc>,
    /// Findings of this audit that the previous one did not have (flagged [`Finding::new`]).
    pub new: u32,
    /// Findings of the previous audit no longer detected (carried over as Type `fixed`).
    pub fixed: u32,
    /// Key figures then and now.
    pub trend: Vec<Trend>,
    /// The current system's package changes since then (`openssl 3.3.2 → 3.0.14 (-1.2 KiB)`,
    /// `+ htop 3.3.0 (+3.1 MiB)`), security-relevant and selected first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub packages: Vec<String>,
}

/// One key figure in both audits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Trend {
    /// Stable name (`store_bytes`, `reclaimable_bytes`, `system_generations`).
    pub metric: String,
    /// Human label (`Store size`).
    pub label: String,
    /// How to show the values.
    pub unit: TrendUnit,
    /// The value in the previous audit, when its facts had it.
    pub previous: Option<u64>,
    /// The value now, when this audit's facts have it.
    pub current: Option<u64>,
}

/// Unit of a [`Trend`] value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TrendUnit {
    /// Bytes (shown in IEC units).
    Bytes,
    /// A plain count.
    Count,
}

impl Report {
    /// Number of findings of each priority, in [`Priority::ALL`] order.
    pub fn counts(&self) -> [usize; 5] {
        let mut counts = [0usize; 5];
        for f in self.headline() {
            counts[f.priority as usize] += 1;
        }
        counts
    }

    /// The highest priority (lowest `P`) among actionable findings (found or error), if any.
    pub fn worst(&self) -> Option<Priority> {
        self.findings
            .iter()
            .filter(|f| matches!(f.kind, FindingType::Found | FindingType::Rec))
            .map(|f| f.priority)
            .min()
    }

    /// The report date (`YYYY-MM-DD`, UTC) used in the H1 and the file name.
    pub fn date(&self) -> String {
        self.started.format("%Y-%m-%d").to_string()
    }

    /// The contract's `Started` value: `YYYY-MM-DDTHH:MMZ`.
    pub fn started_minute(&self) -> String {
        self.started.format("%Y-%m-%dT%H:%MZ").to_string()
    }

    /// The findings the report lists and counts on their own: all but those grouped under a
    /// root finding ([`Finding::related_to`]).
    pub fn headline(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.related_to.is_none())
    }

    /// The findings grouped under root finding number `n`, in report order.
    pub fn related_to(&self, n: u32) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(move |f| f.related_to == Some(n))
    }

    /// Sort findings into report order, group related ones under their root ([`crate::group`])
    /// and number the rest from 1. A grouped finding follows its root and carries the root's
    /// number in both `number` and `related_to`.
    pub fn sort_and_number(findings: &mut Vec<Finding>) {
        findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        let roots = crate::group::assign(findings);
        let mut ordered: Vec<Finding> = Vec::with_capacity(findings.len());
        let mut rest: Vec<Option<Finding>> =
            std::mem::take(findings).into_iter().map(Some).collect();
        let mut n = 0u32;
        for i in 0..rest.len() {
            if roots[i].is_some() {
                continue;
            }
            let Some(mut root) = rest[i].take() else {
                continue;
            };
            n = n.saturating_add(1);
            root.number = n;
            root.related_to = None;
            ordered.push(root);
            for j in 0..rest.len() {
                if roots[j] == Some(i) {
                    if let Some(mut member) = rest[j].take() {
                        member.number = n;
                        member.related_to = Some(n);
                        ordered.push(member);
                    }
                }
            }
        }
        *findings = ordered;
    }
}
