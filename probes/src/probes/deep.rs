//! The `deep` probe (only with `--deep`): is every store path still what the DB says it is?
//!
//! What a user would otherwise run as `nix-store --verify --check-contents`, in parallel (see
//! [`crate::deep`]): each valid path (or, with `--deep=system`, each path of the current
//! system's closure) is serialized as a NAR and hashed; the digest is compared with
//! `ValidPaths.hash`. Also collected: DB rows whose path is gone, store entries with no DB row
//! (against *all* valid paths whatever the scope), and, for damaged paths only, which GC roots
//! keep them (the gcroots probe's roots, followed up the DB's references), so the report says
//! what is affected.
//!
//! Why a probe of its own: it is opt-in and slow (it reads the whole store), it needs its own
//! time budget ([`crate::Probe::timeout`]), and its facts are the report's own `deep` section.
//! It is not in [`crate::all_probes`]; the CLI adds it when `--deep` is given.

use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::ffi::OsString;
use std::os::fd::{AsFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use nixbtw_contracts::ProbeId;

use crate::deep::{self, DbPath, Job, Options, Problem};
use crate::host::Host;
use crate::nixdb::NixDb;
use crate::probe::{Facts, Probe, ProbeContext, ProbeError, ProbeFacts};
use crate::probes::gcroots::{GcRoot, GcrootsFacts};

/// Which paths to verify.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DeepScope {
    /// Every valid path in the DB.
    All,
    /// The closure of the current system (`/run/current-system` live, the system profile
    /// under `--root`).
    System,
}

/// Settings of deep mode (from the command line).
#[derive(Debug, Clone)]
pub struct DeepSettings {
    /// Which paths.
    pub scope: DeepScope,
    /// Worker threads (`None`: [`default_threads`]).
    pub threads: Option<usize>,
    /// Time budget of the whole probe (it reads the whole store, so the per-probe timeout
    /// does not apply). Past it, verification stops and the facts say how far it got.
    pub timeout: Duration,
}

/// Worker threads when none are asked for: four per core, at most 32. With a warm page cache
/// the extra threads cost little (they wait their turn for a core); with a cold one they keep
/// several reads in flight, which the disk serves faster than one at a time (measured in
/// BENCHMARKS.md, "Deep verify").
pub fn default_threads() -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    cores.saturating_mul(4).clamp(1, 32)
}

/// A path whose contents hash differently from the DB's record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorruptPath {
    /// The store path.
    pub path: String,
    /// The DB's hash, as stored.
    pub expected: String,
    /// The hash of the contents, `sha256:<nix base32>`.
    pub actual: String,
    /// The DB's NAR size.
    pub expected_nar_size: u64,
    /// The contents' NAR size.
    pub actual_nar_size: u64,
    /// GC roots (links) whose closure holds this path, when known.
    pub kept_by: Vec<String>,
}

/// A DB row whose path is not on disk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MissingPath {
    /// The store path.
    pub path: String,
    /// GC roots (links) whose closure holds this path, when known.
    pub kept_by: Vec<String>,
}

/// A path that could not be hashed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnreadablePath {
    /// The store path.
    pub path: String,
    /// What failed (I/O error, unsupported file type, file changed, unknown hash form).
    pub error: String,
    /// Permission denied: the audit ran without the rights to read it (not damage).
    pub permission_denied: bool,
    /// GC roots (links) whose closure holds this path, when known.
    pub kept_by: Vec<String>,
}

/// Facts of the `deep` probe.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeepFacts {
    /// Which paths were in scope.
    pub scope: DeepScope,
    /// The DB read (logical path).
    pub db: String,
    /// With `--deep=system`: the system store path whose closure was verified.
    pub system: Option<String>,
    /// Paths in scope.
    pub paths_total: u64,
    /// Their NAR bytes according to the DB.
    pub bytes_total: u64,
    /// Paths verified.
    pub paths_checked: u64,
    /// NAR bytes hashed.
    pub bytes_hashed: u64,
    /// Worker threads.
    pub threads: usize,
    /// Wall time of the verification, seconds.
    pub seconds: f64,
    /// Whether every path in scope was verified (false: stopped at the time budget).
    pub complete: bool,
    /// Paths whose contents do not match.
    pub corrupt: Vec<CorruptPath>,
    /// DB rows with no path on disk.
    pub missing: Vec<MissingPath>,
    /// Paths that could not be hashed.
    pub unreadable: Vec<UnreadablePath>,
    /// Store entries with no DB row (logical paths).
    pub unregistered: Vec<String>,
    /// Why the store directory could not be listed, if it could not.
    pub unregistered_error: Option<String>,
    /// Why the roots keeping damaged paths could not be determined, if they could not.
    pub roots_error: Option<String>,
    /// What this replaces, for provenance and re-checking by hand.
    pub by_hand: String,
}

impl ProbeFacts for DeepFacts {
    const PROBE: ProbeId = ProbeId::Deep;

    fn incomplete(&self) -> Vec<String> {
        let mut out = Vec::new();
        if !self.complete {
            out.push(format!(
                "stopped at its time limit after {} of {} paths",
                self.paths_checked, self.paths_total
            ));
        }
        let denied = self
            .unreadable
            .iter()
            .filter(|u| u.permission_denied)
            .count();
        if denied > 0 {
            out.push(format!(
                "{denied} store paths could not be read (permission denied)"
            ));
        }
        out.extend(
            self.unregistered_error
                .iter()
                .map(|e| format!("store directory: {e}")),
        );
        out
    }
}

/// The `deep` probe.
#[derive(Debug, Clone)]
pub struct DeepProbe {
    /// Its settings.
    pub settings: DeepSettings,
}

/// How many roots a damaged path's facts name at most.
const MAX_KEPT_BY: usize = 10;

impl Probe for DeepProbe {
    fn id(&self) -> ProbeId {
        ProbeId::Deep
    }

    fn by_hand(&self) -> &'static str {
        "sudo nix-store --verify --check-contents (every valid path; prints `path '…' was modified!` for each damaged one)"
    }

    fn timeout(&self, _default: Duration) -> Duration {
        self.settings.timeout
    }

    /// The GC roots name what keeps a damaged path.
    fn needs(&self) -> &'static [ProbeId] {
        &[ProbeId::Gcroots]
    }

    fn collect(&self, host: &Host, cx: &ProbeContext<'_>) -> Result<Box<dyn Facts>, ProbeError> {
        Ok(Box::new(collect(host, cx, &self.settings)?))
    }
}

fn db_error(host: &Host, e: crate::nixdb::DbError) -> ProbeError {
    ProbeError::Parse {
        what: format!("Nix DB {}", host.db_path().display()),
        detail: e.to_string(),
    }
}

/// Collect deep facts (the probe's body; public for tests and the benchmark).
pub fn collect(
    host: &Host,
    cx: &ProbeContext<'_>,
    settings: &DeepSettings,
) -> Result<DeepFacts, ProbeError> {
    let store = host
        .open_dir(host.store_dir())
        .map_err(|e| ProbeError::Io {
            path: host.store_dir().to_path_buf(),
            source: e.into(),
        })?;
    // List the store before reading the DB: a path registered in between is then in our DB
    // snapshot, so it is never mistaken for junk.
    let listing = list_store(&store, host);
    let db = NixDb::open(host).map_err(|e| db_error(host, e))?;
    let all = deep::load_hashes(&db).map_err(|e| db_error(host, e))?;
    let mut refs: Option<Vec<(i64, i64)>> = None;

    let (scope_paths, system): (Vec<&DbPath>, Option<String>) = match settings.scope {
        DeepScope::All => (all.iter().collect(), None),
        DeepScope::System => {
            let link = if host.is_live() {
                PathBuf::from("/run/current-system")
            } else {
                host.profiles_dir().join("system")
            };
            let sys = match host.resolve_to_store(&link) {
                Ok(Some(p)) => p,
                Ok(None) | Err(_) => {
                    return Err(ProbeError::Skipped(format!(
                        "--deep=system: {} does not lead to a store path (not NixOS?); use --deep for every valid path",
                        link.display()
                    )))
                }
            };
            let Some(root) = all.iter().find(|p| p.path == sys) else {
                return Err(ProbeError::Skipped(format!(
                    "--deep=system: {} is not a valid path in the DB",
                    sys.display()
                )));
            };
            let r = deep::load_refs(&db).map_err(|e| db_error(host, e))?;
            let ids = deep::closure(&[root.id], &r);
            refs = Some(r);
            (
                all.iter().filter(|p| ids.contains(&p.id)).collect(),
                Some(sys.display().to_string()),
            )
        }
    };

    let mut unreadable = Vec::new();
    let mut jobs = Vec::with_capacity(scope_paths.len());
    for p in &scope_paths {
        if host.store_path_of(&p.path).as_deref() != Some(p.path.as_path()) {
            unreadable.push(UnreadablePath {
                path: p.path.display().to_string(),
                error: "the DB row does not name a top-level store path; not read".into(),
                permission_denied: false,
                kept_by: Vec::new(),
            });
            continue;
        }
        let Some(name) = p.path.file_name() else {
            continue;
        };
        jobs.push(Job {
            logical: p.path.clone(),
            name: name.to_os_string(),
            hash: p.hash.clone(),
            nar_size: p.nar_size,
        });
    }

    // Leave a little of the budget to assemble the facts before the scheduler gives up.
    let margin = cx.remaining().mul_f64(0.02).min(Duration::from_secs(5));
    let report = |p: &deep::Progress| (cx.progress)(&format!("\r{}", p.line()));
    let started = Instant::now();
    let outcome = deep::verify(
        &jobs,
        &Options {
            store: store.as_fd(),
            threads: settings.threads.unwrap_or_else(default_threads),
            deadline: Some(cx.deadline - margin),
            progress: Some(&report),
            interval: Duration::from_millis(500),
        },
    );
    let seconds = started.elapsed().as_secs_f64();
    (cx.progress)(&format!(
        "verified {} of {} paths ({} bytes) in {seconds:.1}s with {} threads",
        outcome.paths_checked,
        jobs.len(),
        outcome.bytes_hashed,
        outcome.threads
    ));

    let mut corrupt = Vec::new();
    let mut missing = Vec::new();
    for p in outcome.problems {
        match p {
            Problem::Corrupt {
                path,
                expected,
                actual,
                expected_nar_size,
                actual_nar_size,
            } => corrupt.push(CorruptPath {
                path: path.display().to_string(),
                expected,
                actual,
                expected_nar_size,
                actual_nar_size,
                kept_by: Vec::new(),
            }),
            Problem::Missing { path } => missing.push(MissingPath {
                path: path.display().to_string(),
                kept_by: Vec::new(),
            }),
            Problem::Unreadable {
                path,
                error,
                permission_denied,
            } => unreadable.push(UnreadablePath {
                path: path.display().to_string(),
                error,
                permission_denied,
                kept_by: Vec::new(),
            }),
        }
    }

    let damaged = !corrupt.is_empty()
        || !missing.is_empty()
        || unreadable.iter().any(|u| !u.permission_denied);
    let mut roots_error = None;
    if damaged {
        let refs = match refs {
            Some(r) => Ok(r),
            None => deep::load_refs(&db),
        };
        match (refs, cx.facts.get::<GcrootsFacts>()) {
            (Ok(refs), Some(gcroots)) => {
                let kept = KeptBy::new(&gcroots.roots, &all, refs);
                for c in &mut corrupt {
                    c.kept_by = kept.roots_of(&c.path);
                }
                for m in &mut missing {
                    m.kept_by = kept.roots_of(&m.path);
                }
                for u in unreadable.iter_mut().filter(|u| !u.permission_denied) {
                    u.kept_by = kept.roots_of(&u.path);
                }
            }
            (Err(e), _) => roots_error = Some(e.to_string()),
            (_, None) => {
                roots_error = Some("the gcroots probe did not run or failed (see its row)".into())
            }
        }
    }

    let (unregistered, unregistered_error) = match listing {
        Ok(names) => {
            let valid: HashSet<Vec<u8>> = all
                .iter()
                .filter_map(|p| p.path.file_name().map(|n| n.as_bytes().to_vec()))
                .collect();
            let junk = deep::unregistered(&names, &valid)
                .into_iter()
                .map(|n| host.store_dir().join(n).to_string_lossy().into_owned())
                .collect();
            (junk, None)
        }
        Err(e) => (Vec::new(), Some(e)),
    };

    Ok(DeepFacts {
        scope: settings.scope,
        db: host.db_path().display().to_string(),
        system,
        paths_total: scope_paths.len() as u64,
        bytes_total: scope_paths.iter().map(|p| p.nar_size).sum(),
        paths_checked: outcome.paths_checked,
        bytes_hashed: outcome.bytes_hashed,
        threads: outcome.threads,
        seconds,
        complete: outcome.complete,
        corrupt,
        missing,
        unreadable,
        unregistered,
        unregistered_error,
        roots_error,
        by_hand: "nix-store --verify --check-contents".to_string(),
    })
}

/// Most entries of the store directory deep mode lists (far above any real store).
const STORE_ENTRIES_CAP: usize = 10_000_000;

fn list_store(store: &OwnedFd, host: &Host) -> Result<Vec<OsString>, String> {
    crate::fs::list_dir(store, host.store_dir(), STORE_ENTRIES_CAP)
        .map(|entries| entries.into_iter().map(|e| e.name).collect())
        .map_err(|e| e.to_string())
}

/// Which GC roots keep a path: every root link whose target's closure holds it. Only built
/// when something is damaged, so its cost (a reverse walk per damaged path) does not matter.
///
/// Roots: `/run/current-system` and `/run/booted-system` (live), and every symlink under the
/// profiles and gcroots directories that resolves into the store (auto roots resolve through
/// their indirect link). The gcroots probe owns the full root set; this is the subset that
/// names what a damaged path belongs to.
struct KeptBy {
    ids: HashMap<PathBuf, i64>,
    refs: Vec<(i64, i64)>,
    /// (root link, DB id of its target), from the gcroots probe.
    roots: Vec<(String, i64)>,
}

impl KeptBy {
    fn new(gc_roots: &[GcRoot], all: &[DbPath], refs: Vec<(i64, i64)>) -> Self {
        let ids: HashMap<PathBuf, i64> = all.iter().map(|p| (p.path.clone(), p.id)).collect();
        let mut roots: Vec<(String, i64)> = gc_roots
            .iter()
            .filter_map(|r| Some((r.link.clone(), *ids.get(Path::new(&r.target))?)))
            .collect();
        roots.sort();
        roots.dedup();
        KeptBy { ids, refs, roots }
    }

    fn roots_of(&self, path: &str) -> Vec<String> {
        let Some(&id) = self.ids.get(Path::new(path)) else {
            return Vec::new();
        };
        let up = deep::referrers_closure(id, &self.refs);
        self.roots
            .iter()
            .filter(|(_, r)| up.contains(r))
            .map(|(l, _)| l.clone())
            .take(MAX_KEPT_BY)
            .collect()
    }
}
