//! Running probes: concurrently, each under a timeout, none able to take the audit down.
//!
//! Probes run on tokio's blocking pool in waves: a probe starts as soon as every probe it
//! [`Probe::needs`] has ended (or was not scheduled). Each probe gets a deadline (the per-probe
//! timeout) that it passes on to the commands it runs, so a hung tool is killed and the probe
//! returns what it has; a probe that still has not returned [`GRACE`] after its deadline is
//! recorded as timed out and abandoned (its thread is left to finish on its own and the process
//! does not wait for it); a probe that panics is recorded as failed. Either way the report is
//! still written.

use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::{Duration, Instant};

use nixbtw_contracts::ProbeId;
use nixbtw_probes::{FactSet, Host, Outcome, Probe, ProbeContext, ProbeError, ProbeRun};

/// How long past its deadline a probe may take to return what it has before it is abandoned.
/// Probes bound their own commands by the deadline (`ProbeContext::remaining`) and return
/// partial facts; the grace keeps those from racing the hard cut-off.
pub const GRACE: Duration = Duration::from_secs(2);

/// Progress sink for slow probes (the CLI prints to stderr when it is a terminal).
pub type Progress = Arc<dyn Fn(ProbeId, &str) + Send + Sync>;

/// Run `probes` against `host`, each within `timeout`.
pub async fn run_probes(
    host: Arc<Host>,
    probes: Vec<Arc<dyn Probe>>,
    timeout: Duration,
    progress: Progress,
) -> FactSet {
    let scheduled: BTreeSet<ProbeId> = probes.iter().map(|p| p.id()).collect();
    let mut pending = probes;
    let mut facts = FactSet::new();
    let mut ended: BTreeSet<ProbeId> = BTreeSet::new();
    while !pending.is_empty() {
        let (ready, waiting): (Vec<_>, Vec<_>) = pending.into_iter().partition(|p| {
            p.needs()
                .iter()
                .all(|n| ended.contains(n) || !scheduled.contains(n))
        });
        pending = waiting;
        if ready.is_empty() {
            // A dependency cycle: run the rest anyway rather than hang.
            let stuck = std::mem::take(&mut pending);
            run_wave(&host, stuck, timeout, &progress, &mut facts, &mut ended).await;
            break;
        }
        run_wave(&host, ready, timeout, &progress, &mut facts, &mut ended).await;
    }
    facts
}

async fn run_wave(
    host: &Arc<Host>,
    wave: Vec<Arc<dyn Probe>>,
    timeout: Duration,
    progress: &Progress,
    facts: &mut FactSet,
    ended: &mut BTreeSet<ProbeId>,
) {
    let snapshot = Arc::new(facts.clone());
    let running: Arc<std::sync::Mutex<BTreeSet<ProbeId>>> =
        Arc::new(std::sync::Mutex::new(wave.iter().map(|p| p.id()).collect()));
    let ticker = tokio::spawn(report_slow_probes(
        Arc::clone(&running),
        Arc::clone(progress),
    ));
    let mut handles = Vec::new();
    for probe in wave {
        let host = Arc::clone(host);
        let snapshot = Arc::clone(&snapshot);
        let progress = Arc::clone(progress);
        let id = probe.id();
        let timeout = probe.timeout(timeout);
        let by_hand = probe.by_hand().to_string();
        let started = Instant::now();
        let task = tokio::task::spawn_blocking(move || {
            let report = move |msg: &str| progress(id, msg);
            let cx = ProbeContext {
                facts: &snapshot,
                deadline: Instant::now() + timeout,
                progress: &report,
            };
            probe.collect(&host, &cx)
        });
        handles.push((
            id,
            by_hand,
            started,
            timeout,
            tokio::time::timeout(timeout + GRACE, task),
        ));
    }
    for (id, by_hand, started, timeout, fut) in handles {
        let outcome = match fut.await {
            Ok(Ok(Ok(f))) => Outcome::Collected(f),
            Ok(Ok(Err(ProbeError::Skipped(why)))) => Outcome::Skipped(why),
            Ok(Ok(Err(e))) => Outcome::Failed(e.to_string()),
            Ok(Err(join)) => Outcome::Failed(panic_message(join)),
            Err(_) => Outcome::TimedOut(timeout),
        };
        facts.insert(
            id,
            ProbeRun {
                outcome,
                duration: started.elapsed(),
                by_hand,
            },
        );
        ended.insert(id);
        if let Ok(mut r) = running.lock() {
            r.remove(&id);
        }
    }
    ticker.abort();
}

/// Every few seconds, say which probes are still running (slow probes are visible, not silent).
async fn report_slow_probes(running: Arc<std::sync::Mutex<BTreeSet<ProbeId>>>, progress: Progress) {
    let started = Instant::now();
    loop {
        tokio::time::sleep(Duration::from_secs(3)).await;
        let still: Vec<ProbeId> = match running.lock() {
            Ok(r) => r.iter().copied().collect(),
            Err(_) => return,
        };
        for id in still {
            progress(
                id,
                &format!("still running ({}s)", started.elapsed().as_secs()),
            );
        }
    }
}

fn panic_message(join: tokio::task::JoinError) -> String {
    if !join.is_panic() {
        return "the probe task was cancelled".to_string();
    }
    let payload = join.into_panic();
    let msg = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string());
    format!("the probe panicked (a bug, please report it): {msg}")
}
