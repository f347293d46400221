//! The probe interface and the set of facts one audit collected.
//!
//! A probe is `collect(&Host, &ProbeContext) -> facts`. Facts are any serializable type; the
//! [`FactSet`] keeps them type-erased so the agent can schedule probes generically, while rules
//! and every later stage read them back with their concrete type (`facts.get::<StoreFacts>()`).
//! A probe that needs another probe's facts (gcroots needs nix.conf's `keep-outputs`) names it
//! in [`Probe::needs`]; the scheduler starts it once that probe has ended and hands it the
//! earlier facts.
//!
//! The report JSON carries a [`FactSet`] in two parts, the facts under `facts.<probe>` and one
//! [`ProbeStatus`] per run; [`FactSet::to_wire`] writes them and [`FactSet::from_wire`] reads
//! them back into the same typed facts through [`crate::registry`], so a stored report can be
//! re-judged (`nixbtw-audit rejudge`) and diffed without any stage reading facts by string key.

use serde::de::DeserializeOwned;
use serde::Serialize;
use std::any::Any;
use std::collections::BTreeMap;
use std::fmt::Debug;
use std::sync::Arc;
use std::time::{Duration, Instant};

use nixbtw_contracts::{ProbeId, ProbeState, ProbeStatus};

use crate::command::CommandError;
use crate::host::Host;

/// Facts of any probe, type-erased.
pub trait Facts: Any + Send + Sync + Debug {
    /// The facts as JSON, for the report's `facts.<probe>`.
    fn to_json(&self) -> serde_json::Value;
    /// Upcast for downcasting in [`FactSet::get`].
    fn as_any(&self) -> &dyn Any;
}

impl<T: Serialize + Any + Send + Sync + Debug> Facts for T {
    fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self)
            .unwrap_or_else(|e| serde_json::json!({ "serialization_error": e.to_string() }))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// The facts type a probe produces, tied to the probe's ID. Facts are stored in the report
/// JSON and read back ([`crate::registry`]), so they must deserialize from what they serialize
/// to.
pub trait ProbeFacts: Facts + Serialize + DeserializeOwned {
    /// The probe that produces these facts.
    const PROBE: ProbeId;

    /// What the probe could not read completely this time (a file over its size cap, a command
    /// that failed, a time budget that ran out), one reason each; empty when it read all of its
    /// input. Derived from the facts themselves, so a re-judged report gives the same answer.
    ///
    /// A probe that ran but is incomplete still collected facts and its checks still ran, but a
    /// finding it raised last time and not now is not called "fixed" (it may only have been out
    /// of sight): see `agent/src/diff.rs`.
    fn incomplete(&self) -> Vec<String> {
        Vec::new()
    }
}

/// Why a probe produced no facts.
#[derive(Debug, thiserror::Error)]
pub enum ProbeError {
    /// The probe does not apply to this target (not an error).
    #[error("{0}")]
    Skipped(String),
    /// A file or directory could not be read.
    #[error("{}: {source}", path.display())]
    Io {
        /// The logical path.
        path: std::path::PathBuf,
        /// The error.
        source: std::io::Error,
    },
    /// A tool could not give an answer.
    #[error(transparent)]
    Command(#[from] CommandError),
    /// Input could not be understood.
    #[error("{what}: {detail}")]
    Parse {
        /// What was being parsed.
        what: String,
        /// What was wrong.
        detail: String,
    },
}

/// What the scheduler gives a probe besides the host.
pub struct ProbeContext<'a> {
    /// Facts of the probes this one [`Probe::needs`] (and any other finished earlier).
    pub facts: &'a FactSet,
    /// When the probe's time is up. Long probes stop here with what they have.
    pub deadline: Instant,
    /// Progress reporting for slow probes (shown on stderr when it is a terminal).
    pub progress: &'a (dyn Fn(&str) + Sync),
}

impl ProbeContext<'_> {
    /// Time left before the deadline (at least one millisecond).
    pub fn remaining(&self) -> Duration {
        self.deadline
            .saturating_duration_since(Instant::now())
            .max(Duration::from_millis(1))
    }
}

/// A source of facts.
pub trait Probe: Send + Sync {
    /// The probe's ID.
    fn id(&self) -> ProbeId;

    /// Probes whose facts this one reads; it runs after them.
    fn needs(&self) -> &'static [ProbeId] {
        &[]
    }

    /// How a user gets the same data by hand: shown when the probe fails or times out.
    fn by_hand(&self) -> &'static str;

    /// This probe's time limit, given the audit's per-probe `default`. Only a probe whose
    /// work scales with the store (deep verification) overrides it.
    fn timeout(&self, default: Duration) -> Duration {
        default
    }

    /// Collect the facts. Must not write to the host.
    fn collect(&self, host: &Host, cx: &ProbeContext<'_>) -> Result<Box<dyn Facts>, ProbeError>;
}

/// How one probe ended.
#[derive(Debug)]
pub enum Outcome {
    /// Facts were collected.
    Collected(Box<dyn Facts>),
    /// The probe does not apply here.
    Skipped(String),
    /// The probe failed (or panicked): what failed.
    Failed(String),
    /// The probe ran past its timeout.
    TimedOut(Duration),
}

/// One probe's run: its outcome, how long it took, and how to get the data by hand.
#[derive(Debug)]
pub struct ProbeRun {
    /// The outcome.
    pub outcome: Outcome,
    /// How long it ran.
    pub duration: Duration,
    /// The probe's [`Probe::by_hand`] text.
    pub by_hand: String,
}

/// Every probe run of one audit.
#[derive(Debug, Default, Clone)]
pub struct FactSet {
    runs: BTreeMap<ProbeId, Arc<ProbeRun>>,
}

impl FactSet {
    /// An empty set.
    pub fn new() -> Self {
        FactSet::default()
    }

    /// Record a probe's run (replacing an earlier one of the same probe).
    pub fn insert(&mut self, id: ProbeId, run: ProbeRun) {
        self.runs.insert(id, Arc::new(run));
    }

    /// Convenience for tests and replays: record collected facts.
    pub fn with<T: ProbeFacts>(mut self, facts: T) -> Self {
        self.insert(
            T::PROBE,
            ProbeRun {
                outcome: Outcome::Collected(Box::new(facts)),
                duration: Duration::ZERO,
                by_hand: String::new(),
            },
        );
        self
    }

    /// The facts of type `T`, if its probe ran and collected them.
    pub fn get<T: ProbeFacts>(&self) -> Option<&T> {
        match &self.runs.get(&T::PROBE)?.outcome {
            Outcome::Collected(f) => f.as_any().downcast_ref::<T>(),
            _ => None,
        }
    }

    /// A probe's run, if it was scheduled.
    pub fn run(&self, id: ProbeId) -> Option<&ProbeRun> {
        self.runs.get(&id).map(Arc::as_ref)
    }

    /// Every run, in probe order.
    pub fn runs(&self) -> impl Iterator<Item = (ProbeId, &ProbeRun)> {
        self.runs.iter().map(|(k, v)| (*k, v.as_ref()))
    }

    /// The collected facts as JSON, keyed by probe name.
    pub fn to_json(&self) -> BTreeMap<String, serde_json::Value> {
        self.runs
            .iter()
            .filter_map(|(id, run)| match &run.outcome {
                Outcome::Collected(f) => Some((id.as_str().to_string(), f.to_json())),
                _ => None,
            })
            .collect()
    }

    /// What probe `id` could not read completely ([`ProbeFacts::incomplete`]); empty when it
    /// read everything or produced no facts (its state says why).
    pub fn incomplete(&self, id: ProbeId) -> Vec<String> {
        match self.run(id).map(|r| &r.outcome) {
            Some(Outcome::Collected(f)) => crate::registry::incomplete(id, f.as_ref()),
            _ => Vec::new(),
        }
    }

    /// One status line per run, in probe order: the report's `probes`.
    pub fn statuses(&self) -> Vec<ProbeStatus> {
        self.runs()
            .map(|(probe, run)| {
                let (state, message) = match &run.outcome {
                    Outcome::Collected(_) => (ProbeState::Ok, String::new()),
                    Outcome::Skipped(why) => (ProbeState::Skipped, why.clone()),
                    Outcome::Failed(what) => (ProbeState::Error, what.clone()),
                    Outcome::TimedOut(after) => (ProbeState::Timeout, timeout_message(*after)),
                };
                ProbeStatus {
                    probe,
                    state,
                    duration_ms: u64::try_from(run.duration.as_millis()).unwrap_or(u64::MAX),
                    message,
                    incomplete: self.incomplete(probe),
                }
            })
            .collect()
    }

    /// Rebuild the set from a report's `probes` and `facts` (what [`FactSet::statuses`] and
    /// [`FactSet::to_json`] wrote), with each probe's facts decoded into their type by
    /// [`crate::registry`]. `by_hand` gives a probe's [`Probe::by_hand`] text, which the report
    /// does not store. Facts this build cannot decode (a report of another version) make that
    /// probe's run `Failed`, saying so; nothing is silently dropped.
    pub fn from_wire(
        statuses: &[ProbeStatus],
        facts: &BTreeMap<String, serde_json::Value>,
        by_hand: impl Fn(ProbeId) -> String,
    ) -> FactSet {
        let mut set = FactSet::new();
        for status in statuses {
            let id = status.probe;
            let outcome = match status.state {
                ProbeState::Ok => match facts.get(id.as_str()) {
                    Some(v) => match crate::registry::decode(id, v.clone()) {
                        Ok(f) => Outcome::Collected(f),
                        Err(e) => Outcome::Failed(format!(
                            "the report's `facts.{id}` could not be read by this version: {e}"
                        )),
                    },
                    None => Outcome::Failed(format!("the report has no `facts.{id}`")),
                },
                ProbeState::Skipped => Outcome::Skipped(status.message.clone()),
                ProbeState::Error => Outcome::Failed(status.message.clone()),
                ProbeState::Timeout => match parse_timeout_message(&status.message) {
                    Some(after) => Outcome::TimedOut(after),
                    None => Outcome::Failed(status.message.clone()),
                },
            };
            set.insert(
                id,
                ProbeRun {
                    outcome,
                    duration: Duration::from_millis(status.duration_ms),
                    by_hand: by_hand(id),
                },
            );
        }
        set
    }
}

/// The status message of a probe that timed out; [`parse_timeout_message`] reads it back.
fn timeout_message(after: Duration) -> String {
    format!("no answer within {}s", after.as_secs())
}

fn parse_timeout_message(message: &str) -> Option<Duration> {
    let secs = message
        .strip_prefix("no answer within ")?
        .strip_suffix('s')?
        .parse()
        .ok()?;
    Some(Duration::from_secs(secs))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Serialize, serde::Deserialize, PartialEq)]
    struct Dummy {
        n: u32,
    }
    impl ProbeFacts for Dummy {
        const PROBE: ProbeId = ProbeId::Boot;
    }

    #[test]
    fn typed_access_round_trips() {
        let set = FactSet::new().with(Dummy { n: 7 });
        assert_eq!(set.get::<Dummy>(), Some(&Dummy { n: 7 }));
        assert_eq!(set.to_json()["boot"]["n"], 7);
    }

    #[test]
    fn timeout_messages_round_trip() {
        let d = Duration::from_secs(60);
        assert_eq!(parse_timeout_message(&timeout_message(d)), Some(d));
        assert_eq!(parse_timeout_message("no answer"), None);
    }
}
