//! One audit, end to end, as a library call: the CLI and the integration tests both use it.

use chrono::{DateTime, Utc};
use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::Duration;

use nixbtw_contracts::{ProbeId, Report, Tool, REPORT_SCHEMA_VERSION};
use nixbtw_probes::probes::host::HostFacts;
use nixbtw_probes::{FactSet, Host, Probe};

use crate::config::Config;
use crate::rules::{self, RuleContext};
use crate::scheduler::{self, Progress};
use crate::sink;

/// Which probes to run.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Only these (all when `None`).
    pub only: Option<BTreeSet<ProbeId>>,
    /// Never these.
    pub skip: BTreeSet<ProbeId>,
}

impl Selection {
    /// Whether `id` is selected.
    pub fn includes(&self, id: ProbeId) -> bool {
        self.only.as_ref().is_none_or(|o| o.contains(&id)) && !self.skip.contains(&id)
    }
}

/// Run `probes` (filtered by `selection`) against `host` and assemble the report.
pub fn run(
    host: Host,
    probes: Vec<Box<dyn Probe>>,
    selection: &Selection,
    config: &Config,
    timeout: Duration,
    progress: Progress,
) -> Result<Report, std::io::Error> {
    let started = host.now();
    let host = Arc::new(host);
    let selected: Vec<Arc<dyn Probe>> = with_needs(probes, selection)
        .into_iter()
        .map(Arc::from)
        .collect();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_time()
        .build()?;
    let facts = runtime.block_on(scheduler::run_probes(
        Arc::clone(&host),
        selected,
        timeout,
        progress,
    ));
    // Abandoned (timed-out) probe threads must not keep the audit alive.
    runtime.shutdown_background();
    Ok(assemble(&facts, &host, config, started))
}

/// The selected probes plus every probe they need (`--only store` also runs gcroots and
/// nixconf, whose facts it reads), except those the user skipped explicitly: a probe whose
/// dependency is skipped runs without it and says so in its facts.
fn with_needs(probes: Vec<Box<dyn Probe>>, selection: &Selection) -> Vec<Box<dyn Probe>> {
    let mut wanted: BTreeSet<ProbeId> = probes
        .iter()
        .map(|p| p.id())
        .filter(|id| selection.includes(*id))
        .collect();
    loop {
        let more: Vec<ProbeId> = probes
            .iter()
            .filter(|p| wanted.contains(&p.id()))
            .flat_map(|p| p.needs().iter().copied())
            .filter(|n| !wanted.contains(n) && !selection.skip.contains(n))
            .collect();
        if more.is_empty() {
            break;
        }
        wanted.extend(more);
    }
    probes
        .into_iter()
        .filter(|p| wanted.contains(&p.id()))
        .collect()
}

/// Turn collected facts into the report: rules, then the sink.
pub fn assemble(facts: &FactSet, host: &Host, config: &Config, started: DateTime<Utc>) -> Report {
    judge(
        facts,
        &host.root().display().to_string(),
        host.is_live(),
        config,
        started,
    )
}

/// The typed facts a report stores: its `facts` and `probes`, decoded by the probes'
/// registry (`nixbtw_probes::registry`). What the diff, the metrics and `rejudge` read.
pub fn stored_facts(report: &Report) -> FactSet {
    FactSet::from_wire(&report.probes, &report.facts, nixbtw_probes::by_hand)
}

/// `nixbtw-audit rejudge`: run the rules again over a stored report's facts with `config`
/// (other thresholds, overrides, suppressions). With the configuration the report was made
/// with, the result is the report itself, byte for byte, except that a comparison with a
/// previous audit (`previous`, `fixed` rows, `new` marks) is not carried over: that needs the
/// previous report, which `rejudge` does not read. Also returns the stored facts, decoded.
pub fn rejudge(stored: &Report, config: &Config) -> (Report, FactSet) {
    let facts = stored_facts(stored);
    // `--root /` is the live host too (see `Host::at_root`).
    let live = stored.root == "/";
    let mut report = judge(&facts, &stored.root, live, config, stored.started);
    report.redacted = stored.redacted;
    (report, facts)
}

/// Rules then sink over `facts` of the target at `root`.
fn judge(
    facts: &FactSet,
    root: &str,
    live: bool,
    config: &Config,
    started: DateTime<Utc>,
) -> Report {
    let cx = RuleContext {
        facts,
        thresholds: &config.thresholds,
        now: started,
        live,
        releases: &config.release_table,
        previous: None,
    };
    let findings = rules::evaluate(&cx);
    let sunk = sink::sink(findings, config, started.date_naive());
    let host_facts = facts.get::<HostFacts>();
    let target = host_facts
        .and_then(|h| h.hostname.clone())
        .filter(|h| !h.trim().is_empty())
        .unwrap_or_else(|| "unknown-host".to_string());
    let lane = host_facts
        .map(rules::host::lane_label)
        .unwrap_or_else(|| "unknown (host probe did not run)".to_string());
    Report {
        schema_version: REPORT_SCHEMA_VERSION,
        tool: Tool {
            name: "nixbtw-audit".to_string(),
            version: env!("CARGO_PKG_VERSION").to_string(),
        },
        target,
        root: root.to_string(),
        lane,
        started: truncate_to_seconds(started),
        findings: sunk.findings,
        suppressed: sunk.suppressed,
        probes: facts.statuses(),
        facts: facts.to_json(),
        previous: None,
        redacted: false,
    }
}

/// Whole seconds keep the JSON stable and round-trippable.
fn truncate_to_seconds(t: DateTime<Utc>) -> DateTime<Utc> {
    DateTime::from_timestamp(t.timestamp(), 0).unwrap_or(t)
}
