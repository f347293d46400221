//! The `store` probe: how big the store is, how much room is left, and what a GC would free.
//!
//! Why from the Nix DB and not from a file walk: `ValidPaths` already holds every path's NAR
//! size and `Refs` the whole reference graph, so one scan of two tables answers in a fraction of
//! a second what `du` or `nix-store --gc --print-dead` take seconds to minutes for. The live set
//! is computed here from the roots the `gcroots` probe enumerated (walking references, plus the
//! deriver/output edges that `keep-derivations`/`keep-outputs` add), so the dead set and the
//! bytes a GC would free are known without running a GC. Per distinct root target it also
//! records the closure size and the bytes only that target keeps alive (what removing it
//! frees).
//!
//! A DB that cannot be read is a fact (`db_error`), not a failed probe: the filesystem figures
//! are still useful and `store.db-unreadable` tells the user how to get the rest by hand.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

use nixbtw_contracts::ProbeId;

use crate::host::Host;
use crate::nixdb::{sidecar, GcKeep, OpenMode, SharedStore, StoreGraph};
use crate::probe::{Facts, Probe, ProbeContext, ProbeError, ProbeFacts};
use crate::probes::gcroots::GcrootsFacts;
use crate::probes::nixconf::NixconfFacts;

pub use crate::host::FsSpace;

/// GC-related nix.conf settings as this probe read them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GcSettings {
    /// `keep-derivations` / `keep-outputs`.
    pub keep: GcKeep,
    /// `min-free` in bytes, when set and non-zero (automatic GC when space runs low).
    pub min_free: Option<u64>,
    /// Where they were read (`/etc/nix/nix.conf`), or `defaults`.
    pub source: String,
}

/// `keep-derivations`, `keep-outputs` and `min-free` as the `nixconf` probe resolved them
/// (includes, `extra-` settings and defaults applied); Nix's defaults when that probe did not
/// run (skipped with `--skip nixconf`, or it failed), saying so in `source`.
pub fn gc_settings(nixconf: Option<&NixconfFacts>) -> GcSettings {
    match nixconf {
        // Partial nix.conf facts (a file over its cap) would put defaults in place of what it sets.
        Some(n) if n.incomplete.is_empty() => GcSettings {
            keep: GcKeep {
                derivations: n.effective.keep_derivations,
                outputs: n.effective.keep_outputs,
            },
            min_free: Some(n.effective.min_free).filter(|&b| b > 0),
            source: format!("{}/nix.conf and its includes", n.conf_dir),
        },
        _ => GcSettings {
            keep: GcKeep::default(),
            min_free: None,
            source: "Nix defaults (the nixconf probe did not run or could not read nix.conf whole)"
                .to_string(),
        },
    }
}

/// Closure figures of one root target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RootUsage {
    /// The store path.
    pub target: String,
    /// How many root links point at it.
    pub links: u32,
    /// Paths in its closure (as the GC follows edges).
    pub closure_paths: u64,
    /// NAR bytes of its closure.
    pub closure_bytes: u64,
    /// NAR bytes only this target keeps alive: what deleting all its links would free.
    pub exclusive_bytes: u64,
}

/// A store path and its NAR size.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PathSize {
    /// The store path.
    pub path: String,
    /// NAR bytes.
    pub nar_bytes: u64,
}

/// Facts of the `store` probe. Field names are a public contract (`facts.store.*`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct StoreFacts {
    /// The store directory (logical).
    pub store_dir: String,
    /// The filesystem holding the store.
    pub fs: Option<FsSpace>,
    /// Why statvfs failed.
    pub fs_error: Option<String>,
    /// The DB (logical path).
    pub db_path: String,
    /// Size of db.sqlite.
    pub db_bytes: Option<u64>,
    /// Size of db.sqlite-wal (absent when no writer has it open).
    pub wal_bytes: Option<u64>,
    /// How the DB was opened.
    pub db_open_mode: Option<OpenMode>,
    /// Opened without a consistent snapshot (a concurrent writer could skew figures).
    pub possibly_inconsistent: bool,
    /// Why the DB could not be read; the figures below are then absent.
    pub db_error: Option<String>,
    /// Rows in ValidPaths.
    pub valid_paths: Option<u64>,
    /// Sum of narSize.
    pub nar_bytes: Option<u64>,
    /// Rows in Refs.
    pub refs: Option<u64>,
    /// Paths reachable from the roots.
    pub live_paths: Option<u64>,
    /// NAR bytes of the live paths.
    pub live_bytes: Option<u64>,
    /// Valid paths no root reaches (what `nix-store --gc --print-dead` lists, DB rows only).
    pub dead_paths: Option<u64>,
    /// NAR bytes a GC would free.
    pub dead_bytes: Option<u64>,
    /// The ten largest dead paths.
    pub largest_dead: Vec<PathSize>,
    /// How many roots (links) the live set was computed from.
    pub roots_used: u64,
    /// Root targets missing from the DB (not valid; ignored, like Nix does).
    pub roots_not_in_db: Vec<String>,
    /// Per distinct root target, largest closure first.
    pub root_usage: Vec<RootUsage>,
    /// Whether every root target's usage was computed (false when the time budget ran out).
    pub root_usage_complete: bool,
    /// GC settings from nix.conf.
    pub gc: GcSettings,
    /// Milliseconds spent reading the DB and walking the graph.
    pub db_ms: u64,
}

impl ProbeFacts for StoreFacts {
    const PROBE: ProbeId = ProbeId::Store;

    fn incomplete(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .db_error
            .iter()
            .map(|e| format!("Nix DB: {e}"))
            .collect();
        out.extend(self.fs_error.iter().map(|e| format!("statvfs: {e}")));
        if !self.root_usage_complete && self.db_error.is_none() {
            out.push("per-root closure sizes: time budget ran out".to_string());
        }
        out
    }
}

/// The probe.
#[derive(Debug, Default)]
pub struct StoreProbe;

impl Probe for StoreProbe {
    fn id(&self) -> ProbeId {
        ProbeId::Store
    }

    fn needs(&self) -> &'static [ProbeId] {
        &[ProbeId::Gcroots, ProbeId::Nixconf]
    }

    fn by_hand(&self) -> &'static str {
        "df -h /nix/store; sudo sqlite3 'file:/nix/var/nix/db/db.sqlite?mode=ro' \
         'select count(*), sum(narSize) from ValidPaths'; nix-store --gc --print-dead | wc -l"
    }

    fn collect(&self, host: &Host, cx: &ProbeContext<'_>) -> Result<Box<dyn Facts>, ProbeError> {
        if !host.is_dir(host.store_dir()) {
            return Err(ProbeError::Skipped(format!(
                "no Nix store ({})",
                host.store_dir().display()
            )));
        }
        Ok(Box::new(collect(
            host,
            cx.facts.get::<GcrootsFacts>(),
            cx.facts.get::<NixconfFacts>(),
            cx.deadline,
        )))
    }
}

fn file_size(host: &Host, logical: &Path) -> Option<u64> {
    host.symlink_metadata(logical).ok().map(|m| m.len())
}

/// Collect the store facts; `roots` from the gcroots probe (live/dead unknown without it),
/// `nixconf` for the GC settings.
pub fn collect(
    host: &Host,
    roots: Option<&GcrootsFacts>,
    nixconf: Option<&NixconfFacts>,
    deadline: Instant,
) -> StoreFacts {
    let mut f = StoreFacts {
        store_dir: host.store_dir().display().to_string(),
        db_path: host.db_path().display().to_string(),
        gc: gc_settings(nixconf),
        root_usage_complete: true,
        ..StoreFacts::default()
    };
    match host.fs_space(host.store_dir()) {
        Ok(s) => f.fs = Some(s),
        Err(e) => f.fs_error = Some(e.to_string()),
    }
    let db = host.db_path();
    f.db_bytes = file_size(host, &db);
    f.wal_bytes = file_size(host, &sidecar(&db, "-wal"));
    let started = Instant::now();
    if let Err(e) = read_db(host, roots, deadline, &mut f) {
        f.db_error = Some(e.to_string());
    }
    f.db_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    f
}

/// Distinct root targets as graph indices `(index, target, links)`, and the targets that are
/// not valid paths.
pub type RootTargets = (Vec<(u32, String, u32)>, Vec<String>);

/// Map the roots' targets to graph indices.
pub fn root_targets(
    store: &SharedStore,
    roots: &GcrootsFacts,
) -> Result<RootTargets, crate::nixdb::DbError> {
    let mut targets: BTreeMap<&str, u32> = BTreeMap::new();
    for r in &roots.roots {
        *targets.entry(r.target.as_str()).or_default() += 1;
    }
    let mut idx = Vec::new();
    let mut missing = Vec::new();
    for (t, links) in targets {
        match store.index_of_path(t) {
            Some(i) => idx.push((i, t.to_string(), links)),
            None => missing.push(t.to_string()),
        }
    }
    Ok((idx, missing))
}

fn read_db(
    host: &Host,
    roots: Option<&GcrootsFacts>,
    deadline: Instant,
    f: &mut StoreFacts,
) -> Result<(), crate::nixdb::DbError> {
    let store = host.shared_store(f.gc.keep)?;
    f.db_open_mode = Some(store.mode);
    f.possibly_inconsistent = store.possibly_inconsistent;
    let g = &store.graph;
    f.valid_paths = Some(g.len() as u64);
    f.nar_bytes = Some(g.nar_size.iter().sum());
    f.refs = Some(g.refs);
    let Some(roots) = roots else {
        return Ok(());
    };
    f.roots_used = roots.roots.len() as u64;
    let (idx, missing) = root_targets(&store, roots)?;
    f.roots_not_in_db = missing;
    let starts: Vec<u32> = idx.iter().map(|x| x.0).collect();
    let mut live = vec![false; g.len()];
    g.mark_reachable(&starts, &mut live);
    let (mut lp, mut lb, mut dp, mut db_) = (0u64, 0u64, 0u64, 0u64);
    let mut dead_top: Vec<(u64, u32)> = Vec::new();
    for (i, (&l, &s)) in live.iter().zip(&g.nar_size).enumerate() {
        if l {
            lp += 1;
            lb += s;
        } else {
            dp += 1;
            db_ += s;
            push_top(&mut dead_top, (s, i as u32), 10);
        }
    }
    f.live_paths = Some(lp);
    f.live_bytes = Some(lb);
    f.dead_paths = Some(dp);
    f.dead_bytes = Some(db_);
    dead_top.sort_by(|a, b| b.cmp(a));
    for (s, i) in dead_top {
        if let Some(p) = g.path(i) {
            f.largest_dead.push(PathSize {
                path: p.to_string(),
                nar_bytes: s,
            });
        }
    }
    let (usage, complete) = root_usage(g, &idx, deadline);
    f.root_usage = usage;
    f.root_usage_complete = complete;
    Ok(())
}

fn push_top(top: &mut Vec<(u64, u32)>, x: (u64, u32), n: usize) {
    if top.len() < n {
        top.push(x);
        return;
    }
    if let Some((pos, min)) = top.iter().copied().enumerate().min_by_key(|(_, v)| *v) {
        if x > min {
            if let Some(slot) = top.get_mut(pos) {
                *slot = x;
            }
        }
    }
}

const NONE: u32 = u32::MAX;
const SHARED: u32 = u32::MAX - 1;

/// Closure and exclusive bytes per target (and whether all were computed before `deadline`): one walk per target with an epoch-stamped visited
/// array; `owner[n]` is the only target reaching `n`, or SHARED.
pub fn root_usage(
    g: &StoreGraph,
    targets: &[(u32, String, u32)],
    deadline: Instant,
) -> (Vec<RootUsage>, bool) {
    let n = g.len();
    let mut stamp = vec![0u32; n];
    let mut owner = vec![NONE; n];
    let mut out: Vec<RootUsage> = Vec::with_capacity(targets.len());
    let mut stack: Vec<u32> = Vec::new();
    let mut complete = true;
    for (k, (start, name, links)) in targets.iter().enumerate() {
        let (start, links) = (*start, *links);
        if k % 16 == 0 && Instant::now() >= deadline {
            complete = false;
            break;
        }
        let epoch = k as u32 + 1;
        let mut paths = 0u64;
        let mut bytes = 0u64;
        stack.clear();
        stack.push(start);
        if let Some(s) = stamp.get_mut(start as usize) {
            *s = epoch;
        }
        while let Some(v) = stack.pop() {
            paths += 1;
            bytes += g.nar_size.get(v as usize).copied().unwrap_or(0);
            if let Some(o) = owner.get_mut(v as usize) {
                *o = match *o {
                    NONE => k as u32,
                    x if x == k as u32 => x,
                    _ => SHARED,
                };
            }
            for &m in g.successors(v) {
                if let Some(s) = stamp.get_mut(m as usize) {
                    if *s != epoch {
                        *s = epoch;
                        stack.push(m);
                    }
                }
            }
        }
        out.push(RootUsage {
            target: name.to_string(),
            links,
            closure_paths: paths,
            closure_bytes: bytes,
            exclusive_bytes: 0,
        });
    }
    if complete {
        for (v, &o) in owner.iter().enumerate() {
            if let Some(u) = out.get_mut(o as usize) {
                u.exclusive_bytes += g.nar_size.get(v).copied().unwrap_or(0);
            }
        }
    }
    out.sort_by(|a, b| {
        b.closure_bytes
            .cmp(&a.closure_bytes)
            .then(a.target.cmp(&b.target))
    });
    (out, complete)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usage_counts_exclusive_bytes() {
        // 0 -> 2, 1 -> 2, 2 -> 3; 4 isolated.
        let g = StoreGraph {
            ids: vec![1, 2, 3, 4, 5],
            nar_size: vec![1, 10, 100, 1000, 10000],
            registration_time: vec![0; 5],
            offsets: vec![0, 1, 2, 3, 3, 3],
            edges: vec![2, 2, 3],
            refs: 3,
            ..StoreGraph::default()
        };
        let (u, complete) = root_usage(
            &g,
            &[(0, "a".to_string(), 1), (1, "b".to_string(), 2)],
            Instant::now() + std::time::Duration::from_secs(60),
        );
        assert!(complete);
        let a = u.iter().find(|x| x.target == "a").unwrap();
        let b = u.iter().find(|x| x.target == "b").unwrap();
        assert_eq!(
            (a.closure_paths, a.closure_bytes, a.exclusive_bytes),
            (3, 1101, 1)
        );
        assert_eq!(
            (b.closure_paths, b.closure_bytes, b.exclusive_bytes),
            (3, 1110, 10)
        );
        assert_eq!(b.links, 2);
    }
}
