//! Deep verification: re-hash store paths in parallel and compare with the Nix DB.
//!
//! `nix-store --verify --check-contents` serializes every valid path as a NAR, hashes it and
//! compares with `ValidPaths.hash`, one path after another on one core. We do the same work
//! (the NAR stream is Nix's, see [`crate::nar`]) on every core:
//!
//! - **Split by bytes, largest first.** Paths are sorted by their recorded NAR size, biggest
//!   first, and workers pull the next path from one atomic counter. One path's hash is a
//!   single SHA-256 stream and cannot be split, so this greedy "longest job first" order is
//!   what keeps the cores equally busy: the big paths start early and the many small ones
//!   fill the gaps at the end. Plain `std::thread::scope` workers and an `AtomicUsize` are all
//!   this needs; rayon's work stealing would buy nothing for indivisible items and would add a
//!   dependency.
//! - **Streaming.** Each worker owns one [`NarHasher`] with a fixed 64 KiB buffer; memory
//!   does not grow with file or store size.
//! - **Progress** (bytes and paths done, rate, ETA) is sampled by the calling thread from
//!   shared atomics, so workers never block on it.
//!
//! Also here: which store entries have no DB row (unregistered junk), and the small read-only
//! reader of the Nix DB that deep mode needs (see [`load_hashes`]).

use std::collections::{HashMap, HashSet, VecDeque};
use std::ffi::OsString;
use std::io;
use std::os::fd::BorrowedFd;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::nar::{format_sha256, parse_hash, NarError, NarHasher};
use crate::nixdb::{DbError, NixDb};
use nixbtw_contracts::text::human_bytes;

/// One valid path as the DB records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DbPath {
    /// `ValidPaths.id` (what `Refs` refers to).
    pub id: i64,
    /// The logical store path (`/nix/store/<hash>-<name>`).
    pub path: PathBuf,
    /// `ValidPaths.hash` as stored (e.g. `sha256:<base16>`).
    pub hash: String,
    /// `ValidPaths.narSize` (0 when the DB does not know it).
    pub nar_size: u64,
}

/// One path to verify.
#[derive(Debug, Clone)]
pub struct Job {
    /// The logical store path (reported).
    pub logical: PathBuf,
    /// Its name in the store directory (what is opened below [`Options::store`]).
    pub name: OsString,
    /// The expected hash, in any form Nix writes.
    pub hash: String,
    /// The expected NAR size (for ordering and progress; 0 when unknown).
    pub nar_size: u64,
}

/// What went wrong with one path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The NAR hash differs from the DB's.
    Corrupt {
        /// The logical path.
        path: PathBuf,
        /// The DB's hash as stored.
        expected: String,
        /// What the contents hash to, `sha256:<nix base32>`.
        actual: String,
        /// The DB's NAR size.
        expected_nar_size: u64,
        /// The NAR size of the contents.
        actual_nar_size: u64,
    },
    /// The path does not exist on disk.
    Missing {
        /// The logical path.
        path: PathBuf,
    },
    /// The path could not be serialized (unreadable file, unsupported file type, a file that
    /// changed while read, or a DB hash that is not SHA-256 in a form we know).
    Unreadable {
        /// The logical path.
        path: PathBuf,
        /// What failed.
        error: String,
        /// Whether it was permission denied (an audit limitation, not damage).
        permission_denied: bool,
    },
}

/// A snapshot of progress.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Progress {
    /// NAR bytes hashed so far.
    pub bytes_done: u64,
    /// NAR bytes to hash (sum of the recorded sizes).
    pub bytes_total: u64,
    /// Paths finished.
    pub paths_done: u64,
    /// Paths to verify.
    pub paths_total: u64,
    /// Time since the start.
    pub elapsed: Duration,
}

impl Progress {
    /// Bytes per second so far.
    pub fn rate(&self) -> f64 {
        let s = self.elapsed.as_secs_f64();
        if s > 0.0 {
            self.bytes_done as f64 / s
        } else {
            0.0
        }
    }

    /// Estimated time left, from the byte rate so far.
    pub fn eta(&self) -> Option<Duration> {
        let rate = self.rate();
        if rate <= 0.0 {
            return None;
        }
        let left = self.bytes_total.saturating_sub(self.bytes_done) as f64;
        Some(Duration::from_secs_f64(left / rate))
    }

    /// One status line: `1.2 GiB/3.4 GiB (35%), 812/2000 paths, 410.3 MiB/s, ETA 6s`.
    pub fn line(&self) -> String {
        let pct = if self.bytes_total > 0 {
            (self.bytes_done as f64 * 100.0 / self.bytes_total as f64).min(100.0)
        } else {
            100.0
        };
        let eta = match self.eta() {
            Some(d) => format!("ETA {}s", d.as_secs()),
            None => "ETA ?".to_string(),
        };
        format!(
            "{}/{} ({pct:.0}%), {}/{} paths, {}/s, {eta}",
            human_bytes(self.bytes_done),
            human_bytes(self.bytes_total),
            self.paths_done,
            self.paths_total,
            human_bytes(self.rate() as u64)
        )
    }
}

/// How to run a verification.
pub struct Options<'a> {
    /// The store directory, opened through the host's confined file API: every path is read
    /// below it and nothing outside.
    pub store: BorrowedFd<'a>,
    /// Worker threads (at least 1).
    pub threads: usize,
    /// Stop starting new paths after this instant (the result is then incomplete).
    pub deadline: Option<Instant>,
    /// Called about every `interval` and once at the end.
    pub progress: Option<&'a (dyn Fn(&Progress) + Sync)>,
    /// How often to call `progress`.
    pub interval: Duration,
}

impl<'a> Options<'a> {
    /// Defaults (every core, no deadline, no progress) for the store directory `store`.
    pub fn new(store: BorrowedFd<'a>) -> Self {
        Options {
            store,
            threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
            deadline: None,
            progress: None,
            interval: Duration::from_millis(500),
        }
    }
}

/// The result of [`verify`].
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    /// Problems found, sorted by path.
    pub problems: Vec<Problem>,
    /// Paths verified (with or without a problem).
    pub paths_checked: u64,
    /// NAR bytes hashed.
    pub bytes_hashed: u64,
    /// Whether every path was verified (false when the deadline stopped it).
    pub complete: bool,
    /// Worker threads used.
    pub threads: usize,
}

/// Verify `jobs` in parallel: hash each path's NAR and compare with its expected hash.
pub fn verify(jobs: &[Job], opts: &Options<'_>) -> Outcome {
    let mut order: Vec<usize> = (0..jobs.len()).collect();
    order.sort_by(|&a, &b| jobs[b].nar_size.cmp(&jobs[a].nar_size));
    let threads = opts.threads.clamp(1, jobs.len().max(1));
    let next = AtomicUsize::new(0);
    let bytes = AtomicU64::new(0);
    let paths = AtomicU64::new(0);
    let running = AtomicUsize::new(threads);
    let stopped = AtomicBool::new(false);
    let bytes_total: u64 = jobs.iter().map(|j| j.nar_size).sum();
    let start = Instant::now();
    let snapshot = || Progress {
        bytes_done: bytes.load(Ordering::Relaxed),
        bytes_total,
        paths_done: paths.load(Ordering::Relaxed),
        paths_total: jobs.len() as u64,
        elapsed: start.elapsed(),
    };

    let mut problems: Vec<Problem> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut found = Vec::new();
                    let mut hasher = NarHasher::default();
                    loop {
                        if opts.deadline.is_some_and(|d| Instant::now() >= d) {
                            stopped.store(true, Ordering::Relaxed);
                            break;
                        }
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(&j) = order.get(i) else { break };
                        let mut tick = |n: u64| {
                            bytes.fetch_add(n, Ordering::Relaxed);
                        };
                        if let Some(p) = check_one(opts.store, &jobs[j], &mut hasher, &mut tick) {
                            found.push(p);
                        }
                        paths.fetch_add(1, Ordering::Relaxed);
                    }
                    running.fetch_sub(1, Ordering::Release);
                    found
                })
            })
            .collect();
        if let Some(report) = opts.progress {
            let mut last = Instant::now();
            while running.load(Ordering::Acquire) > 0 {
                std::thread::sleep(Duration::from_millis(50).min(opts.interval));
                if last.elapsed() >= opts.interval {
                    report(&snapshot());
                    last = Instant::now();
                }
            }
        }
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    });
    if let Some(report) = opts.progress {
        report(&snapshot());
    }
    problems.sort_by(|a, b| problem_path(a).cmp(problem_path(b)));
    Outcome {
        problems,
        paths_checked: paths.load(Ordering::Relaxed),
        bytes_hashed: bytes.load(Ordering::Relaxed),
        complete: !stopped.load(Ordering::Relaxed),
        threads,
    }
}

/// The path a problem is about.
pub fn problem_path(p: &Problem) -> &Path {
    match p {
        Problem::Corrupt { path, .. }
        | Problem::Missing { path }
        | Problem::Unreadable { path, .. } => path,
    }
}

fn check_one(
    store: BorrowedFd<'_>,
    job: &Job,
    hasher: &mut NarHasher,
    tick: &mut dyn FnMut(u64),
) -> Option<Problem> {
    let unreadable = |error: String, permission_denied: bool| Problem::Unreadable {
        path: job.logical.clone(),
        error,
        permission_denied,
    };
    let Some(expected) = parse_hash(&job.hash) else {
        return Some(unreadable(
            format!(
                "the DB's hash `{}` is not SHA-256 in a known form",
                job.hash
            ),
            false,
        ));
    };
    match hasher.hash_at(store, &job.name, &job.logical, tick) {
        Ok((digest, _)) if digest == expected => None,
        Ok((digest, size)) => Some(Problem::Corrupt {
            path: job.logical.clone(),
            expected: job.hash.clone(),
            actual: format_sha256(&digest),
            expected_nar_size: job.nar_size,
            actual_nar_size: size,
        }),
        Err(NarError::Io { path, source })
            if source.kind() == io::ErrorKind::NotFound && path == job.logical =>
        {
            Some(Problem::Missing {
                path: job.logical.clone(),
            })
        }
        Err(e) => {
            let denied = e.io_kind() == Some(io::ErrorKind::PermissionDenied);
            Some(unreadable(e.to_string(), denied))
        }
    }
}

/// Store entries (names in `listing`) with no DB row among `valid_names`. Ignored: `.links`
/// (the optimiser's hard-link pool), `*.lock` files, and any entry whose `<name>.lock` exists
/// (a build or substitution in progress holds it).
pub fn unregistered(listing: &[OsString], valid_names: &HashSet<Vec<u8>>) -> Vec<OsString> {
    let names: HashSet<&[u8]> = listing.iter().map(|n| n.as_bytes()).collect();
    let mut out: Vec<OsString> = listing
        .iter()
        .filter(|n| {
            let b = n.as_bytes();
            if b == b".links" || b.ends_with(b".lock") || valid_names.contains(b) {
                return false;
            }
            let mut lock = b.to_vec();
            lock.extend_from_slice(b".lock");
            !names.contains(lock.as_slice())
        })
        .cloned()
        .collect();
    out.sort();
    out
}

/// The closure of `roots` (by `ValidPaths.id`) over `refs` (`(referrer, reference)`).
pub fn closure(roots: &[i64], refs: &[(i64, i64)]) -> HashSet<i64> {
    let mut by_referrer: HashMap<i64, Vec<i64>> = HashMap::new();
    for &(from, to) in refs {
        by_referrer.entry(from).or_default().push(to);
    }
    walk(roots, &by_referrer)
}

/// Every path that (transitively) refers to `target`, and `target` itself.
pub fn referrers_closure(target: i64, refs: &[(i64, i64)]) -> HashSet<i64> {
    let mut by_reference: HashMap<i64, Vec<i64>> = HashMap::new();
    for &(from, to) in refs {
        by_reference.entry(to).or_default().push(from);
    }
    walk(&[target], &by_reference)
}

fn walk(start: &[i64], edges: &HashMap<i64, Vec<i64>>) -> HashSet<i64> {
    let mut seen: HashSet<i64> = start.iter().copied().collect();
    let mut queue: VecDeque<i64> = start.iter().copied().collect();
    while let Some(id) = queue.pop_front() {
        for &next in edges.get(&id).map(Vec::as_slice).unwrap_or(&[]) {
            if seen.insert(next) {
                queue.push_back(next);
            }
        }
    }
    seen
}

// ---------------------------------------------------------------------------------------------
// Reading the Nix DB (through the shared read-only layer).

/// Every valid path with its recorded NAR hash and size, from the shared read-only DB layer
/// ([`crate::nixdb`]: writes nothing).
pub fn load_hashes(db: &NixDb) -> Result<Vec<DbPath>, DbError> {
    let mut out = Vec::new();
    db.for_each_valid_path(|row| {
        out.push(DbPath {
            id: row.id,
            path: PathBuf::from(row.path),
            hash: row.hash,
            nar_size: row.nar_size,
        })
    })?;
    Ok(out)
}

/// Every reference edge (`Refs`: referrer id, reference id).
pub fn load_refs(db: &NixDb) -> Result<Vec<(i64, i64)>, DbError> {
    let mut out = Vec::new();
    db.for_each_ref(|a, b| out.push((a, b)))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nar::NarHasher;
    use std::os::fd::AsFd;

    fn job(name: &str, hash: String, size: u64) -> Job {
        Job {
            logical: PathBuf::from("/nix/store").join(name),
            name: OsString::from(name),
            hash,
            nar_size: size,
        }
    }

    fn store_fd(dir: &Path) -> std::os::fd::OwnedFd {
        rustix::fs::open(
            dir,
            rustix::fs::OFlags::PATH | rustix::fs::OFlags::DIRECTORY,
            rustix::fs::Mode::empty(),
        )
        .unwrap()
    }

    #[test]
    fn finds_corrupt_missing_and_unparsable() {
        let dir = tempfile::tempdir().unwrap();
        let mut jobs = Vec::new();
        for i in 0..20 {
            let name = format!("p{i:02}");
            std::fs::create_dir(dir.path().join(&name)).unwrap();
            std::fs::write(dir.path().join(&name).join("f"), vec![b'x'; i * 1000]).unwrap();
            let (d, size) = NarHasher::default()
                .hash_path(&dir.path().join(&name), &mut |_| {})
                .unwrap();
            jobs.push(job(&name, format_sha256(&d), size));
        }
        std::fs::write(dir.path().join("p03/f"), b"tampered").unwrap();
        std::fs::remove_dir_all(dir.path().join("p07")).unwrap();
        jobs[11].hash = "md5:0123".into();
        let calls = AtomicUsize::new(0);
        let progress = |_: &Progress| {
            calls.fetch_add(1, Ordering::Relaxed);
        };
        let store = store_fd(dir.path());
        let out = verify(
            &jobs,
            &Options {
                threads: 2,
                progress: Some(&progress),
                ..Options::new(store.as_fd())
            },
        );
        assert!(out.complete);
        assert_eq!(out.paths_checked, 20);
        assert!(calls.load(Ordering::Relaxed) >= 1);
        let paths: Vec<_> = out.problems.iter().map(problem_path).collect();
        assert_eq!(
            paths,
            [
                Path::new("/nix/store/p03"),
                Path::new("/nix/store/p07"),
                Path::new("/nix/store/p11")
            ]
        );
        assert!(matches!(out.problems[0], Problem::Corrupt { .. }));
        assert!(matches!(out.problems[1], Problem::Missing { .. }));
        assert!(matches!(out.problems[2], Problem::Unreadable { .. }));
    }

    #[test]
    fn a_past_deadline_stops_early() {
        let dir = tempfile::tempdir().unwrap();
        let jobs = vec![job("x", "sha256:00".into(), 0)];
        let store = store_fd(dir.path());
        let out = verify(
            &jobs,
            &Options {
                deadline: Some(Instant::now()),
                ..Options::new(store.as_fd())
            },
        );
        assert!(!out.complete);
        assert_eq!(out.paths_checked, 0);
    }

    #[test]
    fn unregistered_ignores_links_locks_and_builds_in_progress() {
        let listing: Vec<OsString> = [
            ".links",
            "aaa-ok",
            "bbb-junk",
            "ccc-building",
            "ccc-building.lock",
            "ddd.drv.lock",
        ]
        .iter()
        .map(OsString::from)
        .collect();
        let valid: HashSet<Vec<u8>> = [b"aaa-ok".to_vec()].into_iter().collect();
        assert_eq!(unregistered(&listing, &valid), [OsString::from("bbb-junk")]);
    }

    #[test]
    fn closures_walk_both_ways() {
        let refs = [(1, 2), (2, 3), (2, 2), (4, 3)];
        let c = closure(&[1], &refs);
        assert_eq!(c, [1, 2, 3].into_iter().collect());
        let r = referrers_closure(3, &refs);
        assert_eq!(r, [1, 2, 3, 4].into_iter().collect());
    }

    #[test]
    fn progress_line_has_rate_and_eta() {
        let p = Progress {
            bytes_done: 512 * 1024 * 1024,
            bytes_total: 1024 * 1024 * 1024,
            paths_done: 5,
            paths_total: 10,
            elapsed: Duration::from_secs(2),
        };
        assert_eq!(
            p.line(),
            "512.0 MiB/1.0 GiB (50%), 5/10 paths, 256.0 MiB/s, ETA 2s"
        );
    }
}
