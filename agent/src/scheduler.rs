//! Running probes: concurrently, each under a timeout, none able to take the audit down.
//!
//! The probes form a graph by [`Probe::needs`]: a probe starts as soon as every probe it needs
//! has ended (or was not scheduled), not when some unrelated probe that happens to share its
//! depth ends, so a slow journal read does not hold back the store probe. Probes run on tokio's
//! blocking pool. Each gets a deadline (the per-probe timeout) that it passes on to the commands
//! it runs, so a hung tool is killed and the probe returns what it has; a probe that still has
//! not returned [`GRACE`] after its deadline is recorded as timed out and abandoned (its thread
//! is left to finish on its own and the process does not wait for it); a probe that panics is
//! recorded as failed. Either way the report is still written. A probe that needs a probe which
//! timed out or failed still runs, without those facts (its facts say so).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::task::JoinSet;

use nixbtw_contracts::ProbeId;
use nixbtw_probes::{FactSet, Host, Outcome, Probe, ProbeContext, ProbeError, ProbeRun};

/// How long past its deadline a probe may take to return what it has before it is abandoned.
/// Probes bound their own commands by the deadline (`ProbeContext::remaining`) and return
/// partial facts; the grace keeps those from racing the hard cut-off.
pub const GRACE: Duration = Duration::from_secs(2);

/// Progress sink for slow probes (the CLI prints to stderr when it is a terminal).
pub type Progress = Arc<dyn Fn(ProbeId, &str) + Send + Sync>;

/// Probes running now, with when each started.
type Running = Arc<Mutex<BTreeMap<ProbeId, Instant>>>;

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
    let running: Running = Arc::new(Mutex::new(BTreeMap::new()));
    let ticker = tokio::spawn(report_slow_probes(
        Arc::clone(&running),
        Arc::clone(&progress),
    ));
    let mut tasks: JoinSet<(ProbeId, ProbeRun)> = JoinSet::new();
    loop {
        let (ready, waiting): (Vec<_>, Vec<_>) = pending.into_iter().partition(|p| {
            p.needs()
                .iter()
                .all(|n| ended.contains(n) || !scheduled.contains(n))
        });
        pending = waiting;
        for probe in ready {
            start(
                &mut tasks, &host, probe, &facts, timeout, &progress, &running,
            );
        }
        if tasks.is_empty() {
            if pending.is_empty() {
                break;
            }
            // A dependency cycle: run the rest anyway rather than hang.
            for probe in std::mem::take(&mut pending) {
                start(
                    &mut tasks, &host, probe, &facts, timeout, &progress, &running,
                );
            }
        }
        // The supervising task itself cannot panic (the probe's panic is caught by its
        // blocking task); should it, the probe stays unrecorded rather than hanging here.
        if let Some(Ok((id, run))) = tasks.join_next().await {
            facts.insert(id, run);
            ended.insert(id);
            if let Ok(mut r) = running.lock() {
                r.remove(&id);
            }
        }
    }
    ticker.abort();
    facts
}

/// Start `probe` with the facts of every probe that has ended so far (those it needs among
/// them), supervised under its timeout.
fn start(
    tasks: &mut JoinSet<(ProbeId, ProbeRun)>,
    host: &Arc<Host>,
    probe: Arc<dyn Probe>,
    facts: &FactSet,
    timeout: Duration,
    progress: &Progress,
    running: &Running,
) {
    let host = Arc::clone(host);
    let snapshot = Arc::new(facts.clone());
    let progress = Arc::clone(progress);
    let id = probe.id();
    let timeout = probe.timeout(timeout);
    let by_hand = probe.by_hand().to_string();
    let started = Instant::now();
    if let Ok(mut r) = running.lock() {
        r.insert(id, started);
    }
    let task = tokio::task::spawn_blocking(move || {
        let report = move |msg: &str| progress(id, msg);
        let cx = ProbeContext {
            facts: &snapshot,
            deadline: Instant::now() + timeout,
            progress: &report,
        };
        probe.collect(&host, &cx)
    });
    tasks.spawn(async move {
        let outcome = match tokio::time::timeout(timeout + GRACE, task).await {
            Ok(Ok(Ok(f))) => Outcome::Collected(f),
            Ok(Ok(Err(ProbeError::Skipped(why)))) => Outcome::Skipped(why),
            Ok(Ok(Err(e))) => Outcome::Failed(e.to_string()),
            Ok(Err(join)) => Outcome::Failed(panic_message(join)),
            Err(_) => Outcome::TimedOut(timeout),
        };
        let run = ProbeRun {
            outcome,
            duration: started.elapsed(),
            by_hand,
        };
        (id, run)
    });
}

/// Every few seconds, say which probes are still running (slow probes are visible, not silent).
async fn report_slow_probes(running: Running, progress: Progress) {
    loop {
        tokio::time::sleep(Duration::from_secs(3)).await;
        let still: Vec<(ProbeId, Instant)> = match running.lock() {
            Ok(r) => r.iter().map(|(id, at)| (*id, *at)).collect(),
            Err(_) => return,
        };
        for (id, started) in still {
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

#[cfg(test)]
mod tests {
    use super::*;
    use nixbtw_probes::{Facts, SystemRunner};
    use std::sync::mpsc;

    /// When each fake probe started and ended, in one shared clock.
    #[derive(Default)]
    struct Log {
        events: Mutex<Vec<(ProbeId, &'static str, Instant)>>,
    }

    impl Log {
        fn at(&self, id: ProbeId, what: &'static str) -> Instant {
            let events = self.events.lock().unwrap();
            events
                .iter()
                .find(|(i, w, _)| *i == id && *w == what)
                .map(|(.., t)| *t)
                .unwrap_or_else(|| panic!("{id} never {what}"))
        }
        fn note(&self, id: ProbeId, what: &'static str) {
            self.events.lock().unwrap().push((id, what, Instant::now()));
        }
    }

    #[derive(Debug, serde::Serialize)]
    struct Done(bool);

    /// A fake probe: `work` runs between its start and end marks.
    struct Fake {
        id: ProbeId,
        needs: &'static [ProbeId],
        log: Arc<Log>,
        work: Box<dyn Fn(&ProbeContext<'_>) -> bool + Send + Sync>,
    }

    impl Probe for Fake {
        fn id(&self) -> ProbeId {
            self.id
        }
        fn needs(&self) -> &'static [ProbeId] {
            self.needs
        }
        fn by_hand(&self) -> &'static str {
            "by hand"
        }
        fn collect(
            &self,
            _host: &Host,
            cx: &ProbeContext<'_>,
        ) -> Result<Box<dyn Facts>, ProbeError> {
            self.log.note(self.id, "started");
            let result = (self.work)(cx);
            self.log.note(self.id, "ended");
            Ok(Box::new(Done(result)))
        }
    }

    /// A probe whose needs are done starts before an unrelated slow probe ends. The slow probe
    /// (journal) waits until the dependent one (store, which needs nixconf) has started: a
    /// scheduler that waits for the whole "wave" of journal and nixconf would start store only
    /// after journal gave up waiting, and the order below would be reversed.
    #[test]
    fn a_probe_starts_when_its_needs_are_done_not_when_its_wave_is() {
        let log = Arc::new(Log::default());
        let (tx, rx) = mpsc::channel::<()>();
        let rx = Mutex::new(rx);
        let tx = Mutex::new(tx);
        let probes: Vec<Arc<dyn Probe>> = vec![
            Arc::new(Fake {
                id: ProbeId::Journal,
                needs: &[],
                log: Arc::clone(&log),
                work: Box::new(move |_| {
                    rx.lock()
                        .unwrap()
                        .recv_timeout(Duration::from_secs(20))
                        .is_ok()
                }),
            }),
            Arc::new(Fake {
                id: ProbeId::Nixconf,
                needs: &[],
                log: Arc::clone(&log),
                work: Box::new(|_| true),
            }),
            Arc::new(Fake {
                id: ProbeId::Store,
                needs: &[ProbeId::Nixconf],
                log: Arc::clone(&log),
                work: Box::new(move |cx| {
                    let saw_nixconf = cx.facts.run(ProbeId::Nixconf).is_some();
                    let _ = tx.lock().unwrap().send(());
                    saw_nixconf
                }),
            }),
        ];
        let root = tempfile::tempdir().unwrap();
        let host = Host::at_root(root.path(), Arc::new(SystemRunner), chrono::Utc::now()).unwrap();
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_time()
            .build()
            .unwrap();
        let facts = rt.block_on(run_probes(
            Arc::new(host),
            probes,
            Duration::from_secs(60),
            Arc::new(|_, _| {}),
        ));
        assert!(log.at(ProbeId::Nixconf, "ended") <= log.at(ProbeId::Store, "started"));
        assert!(
            log.at(ProbeId::Store, "started") < log.at(ProbeId::Journal, "ended"),
            "store waited for the unrelated journal probe"
        );
        let collected = |id| match &facts.run(id).unwrap().outcome {
            Outcome::Collected(f) => f.to_json(),
            other => panic!("{id}: {other:?}"),
        };
        // The journal probe was released by the store probe, which saw nixconf's facts.
        assert_eq!(collected(ProbeId::Journal), serde_json::json!(true));
        assert_eq!(collected(ProbeId::Store), serde_json::json!(true));
    }

    #[test]
    fn a_dependency_cycle_still_runs_every_probe() {
        let log = Arc::new(Log::default());
        let probes: Vec<Arc<dyn Probe>> = vec![
            Arc::new(Fake {
                id: ProbeId::Host,
                needs: &[ProbeId::Boot],
                log: Arc::clone(&log),
                work: Box::new(|_| true),
            }),
            Arc::new(Fake {
                id: ProbeId::Boot,
                needs: &[ProbeId::Host],
                log: Arc::clone(&log),
                work: Box::new(|_| true),
            }),
        ];
        let root = tempfile::tempdir().unwrap();
        let host = Host::at_root(root.path(), Arc::new(SystemRunner), chrono::Utc::now()).unwrap();
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .unwrap();
        let facts = rt.block_on(run_probes(
            Arc::new(host),
            probes,
            Duration::from_secs(60),
            Arc::new(|_, _| {}),
        ));
        assert_eq!(facts.runs().count(), 2);
    }
}
