//! Read-only access to the Nix DB (`/nix/var/nix/db/db.sqlite`), shared by the store, gcroots
//! and deep-verify probes.
//!
//! Why this module exists: the Nix DB is the cheapest complete source of what is in the store
//! (100,000 paths are one table scan, where a file walk of the store is minutes), but opening it
//! carelessly writes to the audited host. The DB is in WAL mode. SQLite's `mode=ro` as root
//! *creates* `db.sqlite-wal` and `db.sqlite-shm` when they are absent, and even when they exist
//! a reader writes its read mark into the `-shm` (measured: the file's bytes change).
//! `immutable=1` writes nothing but reads neither the WAL nor concurrent writers' changes. So
//! [`NixDb::open`] picks per situation, and in every case writes no byte:
//!
//! * `-wal` and `-shm` both exist (a nix-daemon or client has the DB open, or a mounted image
//!   was not shut down cleanly): `mode=ro&readonly_shm=1`. SQLite opens the `-shm` read-only
//!   (`O_RDONLY|O_NOFOLLOW`) and builds its WAL index in its own memory, so it sees every
//!   committed transaction of the WAL without touching either file;
//! * otherwise (at rest, the usual case for `--root` and for an idle host): `immutable=1`,
//!   which creates nothing and takes no lock. A writer that starts during the audit could make
//!   the figures slightly inconsistent, so these facts are labelled
//!   [`NixDb::possibly_inconsistent`]; so are a `-wal` without `-shm` (its frames are not
//!   read) and a `readonly_shm` open that fails.
//!
//! Under `--root` the DB file is opened through the host's confined file API, and SQLite is
//! handed `/proc/self/fd/N` of that descriptor: SQLite resolves it to the file's real location,
//! which is inside the root, and opens the `-wal`/`-shm` beside it with `O_NOFOLLOW`.
//!
//! The hot path is [`NixDb::load_graph`]: the whole reference graph as dense `u32` indices in
//! compressed-sparse-row form (about 12 bytes per path plus 4 bytes per edge), with no string per
//! path, so the live set of a 100,000-path store is a few milliseconds of array walking.

use rusqlite::{Connection, OpenFlags, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::os::fd::AsRawFd;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::fs::FsError;
use crate::host::Host;

/// How the DB was opened (part of the facts' provenance).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum OpenMode {
    /// `mode=ro&readonly_shm=1` with `-wal`/`-shm` present: a consistent snapshot, the WAL
    /// read, nothing written.
    ReadOnly,
    /// `immutable=1`: no locks, no files created; consistent unless a writer is active.
    Immutable,
}

/// Why the DB could not be read.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// The DB file does not exist.
    #[error("{}: no such file", path.display())]
    Missing {
        /// The DB path (as the audited system names it, when opened through a host).
        path: PathBuf,
    },
    /// The file exists but cannot be opened or read (permissions, corruption, lock).
    #[error("{}: {source}", path.display())]
    Sqlite {
        /// The DB path (as the audited system names it, when opened through a host).
        path: PathBuf,
        /// SQLite's error.
        source: rusqlite::Error,
    },
    /// Opening the file for metadata failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The DB path (as the audited system names it, when opened through a host).
        path: PathBuf,
        /// The error.
        source: std::io::Error,
    },
}

/// One row of `ValidPaths`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidPathRow {
    /// Row id (what `Refs` refers to).
    pub id: i64,
    /// The store path (`/nix/store/<hash>-<name>`).
    pub path: String,
    /// The NAR hash (`sha256:<base16|base32>`).
    pub hash: String,
    /// When the path was registered (Unix seconds).
    pub registration_time: i64,
    /// The derivation that built it, if recorded.
    pub deriver: Option<String>,
    /// Size of the NAR serialisation in bytes (what `nix path-info -s` reports).
    pub nar_size: u64,
}

/// Totals that need no graph: what `sqlite3 db.sqlite 'select count(*), sum(narSize) ...'`
/// answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DbTotals {
    /// Rows in `ValidPaths`.
    pub valid_paths: u64,
    /// Sum of `narSize`.
    pub nar_bytes: u64,
    /// Rows in `Refs`.
    pub refs: u64,
}

/// Which extra edges the GC follows besides references (from nix.conf).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct GcKeep {
    /// `keep-derivations` (default true): a live output keeps its `.drv` alive.
    pub derivations: bool,
    /// `keep-outputs` (default false): a live `.drv` keeps its outputs alive.
    pub outputs: bool,
}

impl Default for GcKeep {
    fn default() -> Self {
        GcKeep {
            derivations: true,
            outputs: false,
        }
    }
}

/// The reference graph of the whole store in compressed-sparse-row form. Index `i` is the
/// `i`-th valid path in DB-id order; edges point from a path to what keeps-alive follows from
/// it (its references, plus deriver/output edges per [`GcKeep`]).
#[derive(Debug, Clone, Default)]
pub struct StoreGraph {
    /// DB ids, ascending; `ids[i]` is the row of index `i`.
    pub ids: Vec<i64>,
    /// `narSize` per index.
    pub nar_size: Vec<u64>,
    /// `registrationTime` per index.
    pub registration_time: Vec<i64>,
    /// `offsets[i]..offsets[i+1]` is the slice of `edges` leaving index `i`: its references
    /// first, then the deriver/output edges [`GcKeep`] adds.
    pub offsets: Vec<u32>,
    /// `offsets[i]..ref_end[i]` are index `i`'s references (empty: every edge is one).
    pub ref_end: Vec<u32>,
    /// Edge targets (indices).
    pub edges: Vec<u32>,
    /// How many `Refs` rows were read (self-references included).
    pub refs: u64,
    /// The store paths, concatenated; `path_end[i]` ends index `i`'s (empty when not loaded).
    pub path_buf: String,
    /// End of each path in `path_buf`.
    pub path_end: Vec<u32>,
    /// The keep edges this graph was loaded with.
    pub keep: GcKeep,
}

impl StoreGraph {
    /// Number of valid paths.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether the store is empty.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The index of DB row `id`, if it is a valid path.
    pub fn index_of(&self, id: i64) -> Option<u32> {
        self.ids
            .binary_search(&id)
            .ok()
            .and_then(|i| u32::try_from(i).ok())
    }

    /// What index `i` keeps alive directly.
    pub fn successors(&self, i: u32) -> &[u32] {
        let i = i as usize;
        match (self.offsets.get(i), self.offsets.get(i + 1)) {
            (Some(&a), Some(&b)) => self.edges.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// Index `i`'s references only (what `nix-store -qR` follows), without the GC's
    /// deriver/output edges.
    pub fn references(&self, i: u32) -> &[u32] {
        let i = i as usize;
        match (
            self.offsets.get(i),
            self.ref_end.get(i).or(self.offsets.get(i + 1)),
        ) {
            (Some(&a), Some(&b)) => self.edges.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// The store path of index `i`, when paths were loaded.
    pub fn path(&self, i: u32) -> Option<&str> {
        let i = i as usize;
        let end = *self.path_end.get(i)? as usize;
        let start = match i.checked_sub(1) {
            Some(p) => *self.path_end.get(p)? as usize,
            None => 0,
        };
        self.path_buf.get(start..end)
    }

    /// The reference closure of `start` (itself included), as indices.
    pub fn closure(&self, start: u32) -> Vec<u32> {
        let mut out = Vec::new();
        let mut seen = vec![false; self.len()];
        match seen.get_mut(start as usize) {
            Some(s) => *s = true,
            None => return out,
        }
        let mut stack = vec![start];
        while let Some(v) = stack.pop() {
            out.push(v);
            for &m in self.references(v) {
                if let Some(s) = seen.get_mut(m as usize) {
                    if !*s {
                        *s = true;
                        stack.push(m);
                    }
                }
            }
        }
        out
    }

    /// Mark everything reachable from `starts` in `seen` (which must have `len()` entries);
    /// returns how many were newly marked. Iterative, so deep closures cannot overflow the
    /// stack.
    pub fn mark_reachable(&self, starts: &[u32], seen: &mut [bool]) -> usize {
        let mut stack: Vec<u32> = Vec::new();
        let mut marked = 0usize;
        for &s in starts {
            if let Some(slot) = seen.get_mut(s as usize) {
                if !*slot {
                    *slot = true;
                    marked += 1;
                    stack.push(s);
                }
            }
        }
        while let Some(n) = stack.pop() {
            for &m in self.successors(n) {
                if let Some(slot) = seen.get_mut(m as usize) {
                    if !*slot {
                        *slot = true;
                        marked += 1;
                        stack.push(m);
                    }
                }
            }
        }
        marked
    }
}

/// An open, read-only Nix DB.
#[derive(Debug)]
pub struct NixDb {
    conn: Connection,
    mode: OpenMode,
    possibly_inconsistent: bool,
    path: PathBuf,
    /// The confined descriptor SQLite was pointed at (`/proc/self/fd/N`), kept open as long
    /// as the connection.
    _file: Option<std::fs::File>,
}

fn sqlite_err(path: &Path) -> impl Fn(rusqlite::Error) -> DbError + '_ {
    move |source| DbError::Sqlite {
        path: path.to_path_buf(),
        source,
    }
}

/// `path` with `suffix` appended to its file name (`db.sqlite` -> `db.sqlite-wal`).
pub fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// Percent-encode a path for a `file:` URI (SQLite decodes `%XX`).
fn uri_path(path: &Path) -> String {
    use std::os::unix::ffi::OsStrExt;
    let mut out = String::from("file:");
    for &b in path.as_os_str().as_bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

impl NixDb {
    /// Open the audited host's DB (`host.db_path()`) through the confined file API, without
    /// writing anything; see the module docs for how the mode is chosen.
    pub fn open(host: &Host) -> Result<NixDb, DbError> {
        let logical = host.db_path();
        let (file, _) = host.open_file(&logical).map_err(|e| match e {
            FsError::NotFound { path } => DbError::Missing { path },
            other => DbError::Io {
                path: logical.clone(),
                source: other.into(),
            },
        })?;
        let regular = |suffix: &str| {
            host.symlink_metadata(sidecar(&logical, suffix))
                .is_ok_and(|m| m.is_file())
        };
        let sidecars = (regular("-wal"), regular("-shm"));
        if host.is_live() {
            // The root is `/`: the logical path is the real one.
            return Self::open_choosing(&logical, &logical, sidecars, None);
        }
        let fd_path = PathBuf::from(format!("/proc/self/fd/{}", file.as_raw_fd()));
        Self::open_choosing(&fd_path, &logical, sidecars, Some(file))
    }

    /// Open a DB file by its path on this machine (tools and tests; probes use
    /// [`NixDb::open`]), choosing the mode the same way.
    pub fn open_path(path: &Path) -> Result<NixDb, DbError> {
        match std::fs::metadata(path) {
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(DbError::Missing {
                    path: path.to_path_buf(),
                })
            }
            Err(source) => {
                return Err(DbError::Io {
                    path: path.to_path_buf(),
                    source,
                })
            }
        }
        let is_file = |suffix: &str| {
            std::fs::symlink_metadata(sidecar(path, suffix)).is_ok_and(|m| m.is_file())
        };
        Self::open_choosing(path, path, (is_file("-wal"), is_file("-shm")), None)
    }

    /// `sqlite_path` is what SQLite opens; `shown` names the DB in errors.
    fn open_choosing(
        sqlite_path: &Path,
        shown: &Path,
        (wal, shm): (bool, bool),
        file: Option<std::fs::File>,
    ) -> Result<NixDb, DbError> {
        if wal && shm {
            if let Ok(db) = Self::open_with(sqlite_path, shown, OpenMode::ReadOnly) {
                return Ok(NixDb { _file: file, ..db });
            }
        }
        let db = Self::open_with(sqlite_path, shown, OpenMode::Immutable)?;
        Ok(NixDb { _file: file, ..db })
    }

    fn open_with(sqlite_path: &Path, shown: &Path, mode: OpenMode) -> Result<NixDb, DbError> {
        let uri = match mode {
            OpenMode::ReadOnly => format!("{}?mode=ro&readonly_shm=1", uri_path(sqlite_path)),
            OpenMode::Immutable => format!("{}?mode=ro&immutable=1", uri_path(sqlite_path)),
        };
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(&uri, flags).map_err(sqlite_err(shown))?;
        conn.busy_timeout(Duration::from_millis(1500))
            .map_err(sqlite_err(shown))?;
        conn.pragma_update(None, "query_only", 1)
            .map_err(sqlite_err(shown))?;
        // Touch the schema now so a corrupt or foreign file fails here, not mid-probe.
        conn.query_row("select count(*) from sqlite_master", [], |r| {
            r.get::<_, i64>(0)
        })
        .map_err(sqlite_err(shown))?;
        Ok(NixDb {
            conn,
            mode,
            possibly_inconsistent: mode == OpenMode::Immutable,
            path: shown.to_path_buf(),
            _file: None,
        })
    }

    /// How the DB was opened.
    pub fn mode(&self) -> OpenMode {
        self.mode
    }

    /// Whether a concurrent writer could have made what was read inconsistent (opened
    /// `immutable=1`).
    pub fn possibly_inconsistent(&self) -> bool {
        self.possibly_inconsistent
    }

    fn err(&self) -> impl Fn(rusqlite::Error) -> DbError + '_ {
        sqlite_err(&self.path)
    }

    /// Valid paths, total NAR size, references.
    pub fn totals(&self) -> Result<DbTotals, DbError> {
        let (n, bytes) = self
            .conn
            .query_row(
                "select count(*), coalesce(sum(narSize), 0) from ValidPaths",
                [],
                |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)),
            )
            .map_err(self.err())?;
        let refs = self
            .conn
            .query_row("select count(*) from Refs", [], |r| r.get::<_, i64>(0))
            .map_err(self.err())?;
        Ok(DbTotals {
            valid_paths: u64::try_from(n).unwrap_or(0),
            nar_bytes: u64::try_from(bytes).unwrap_or(0),
            refs: u64::try_from(refs).unwrap_or(0),
        })
    }

    /// When `path` (a store path) was registered, or `None` when it is not valid.
    pub fn registration_time(&self, path: &str) -> Result<Option<i64>, DbError> {
        use rusqlite::OptionalExtension;
        self.conn
            .query_row(
                "select registrationTime from ValidPaths where path = ?1",
                [path],
                |r| r.get::<_, i64>(0),
            )
            .optional()
            .map_err(self.err())
    }

    /// Call `f` for every row of `ValidPaths`, in id order (strings allocated per row: use
    /// [`NixDb::load_graph`] when only sizes and edges are needed).
    pub fn for_each_valid_path(&self, mut f: impl FnMut(ValidPathRow)) -> Result<(), DbError> {
        let mut st = self
            .conn
            .prepare(
                "select id, path, hash, registrationTime, deriver, narSize from ValidPaths \
                 order by id",
            )
            .map_err(self.err())?;
        let mut rows = st.query([]).map_err(self.err())?;
        while let Some(r) = rows.next().map_err(self.err())? {
            f(ValidPathRow {
                id: r.get(0).map_err(self.err())?,
                path: r.get(1).map_err(self.err())?,
                hash: r.get(2).map_err(self.err())?,
                registration_time: r.get(3).map_err(self.err())?,
                deriver: r.get(4).map_err(self.err())?,
                nar_size: r
                    .get::<_, Option<i64>>(5)
                    .map_err(self.err())?
                    .and_then(|v| u64::try_from(v).ok())
                    .unwrap_or(0),
            });
        }
        Ok(())
    }

    /// Call `f(referrer, reference)` for every row of `Refs` (DB ids).
    pub fn for_each_ref(&self, mut f: impl FnMut(i64, i64)) -> Result<(), DbError> {
        let mut st = self
            .conn
            .prepare("select referrer, reference from Refs")
            .map_err(self.err())?;
        let mut rows = st.query([]).map_err(self.err())?;
        while let Some(r) = rows.next().map_err(self.err())? {
            f(r.get(0).map_err(self.err())?, r.get(1).map_err(self.err())?);
        }
        Ok(())
    }

    /// The DB id of a store path, if it is valid.
    pub fn id_of(&self, store_path: &str) -> Result<Option<i64>, DbError> {
        self.one("select id from ValidPaths where path = ?1", store_path)
    }

    /// The store path of DB row `id`.
    pub fn path_of(&self, id: i64) -> Result<Option<String>, DbError> {
        self.one("select path from ValidPaths where id = ?1", id)
    }

    /// The first column of the row `sql` finds for `key`, if any.
    fn one<K: rusqlite::ToSql, T: rusqlite::types::FromSql>(
        &self,
        sql: &str,
        key: K,
    ) -> Result<Option<T>, DbError> {
        let mut st = self.conn.prepare_cached(sql).map_err(self.err())?;
        st.query_row([key], |r| r.get(0))
            .optional()
            .map_err(self.err())
    }

    /// Load the whole graph: sizes per path and the edges the GC follows under `keep`.
    pub fn load_graph(&self, keep: GcKeep) -> Result<StoreGraph, DbError> {
        let mut g = StoreGraph::default();
        {
            let mut st = self
                .conn
                .prepare("select id, narSize, registrationTime, path from ValidPaths order by id")
                .map_err(self.err())?;
            let mut rows = st.query([]).map_err(self.err())?;
            while let Some(r) = rows.next().map_err(self.err())? {
                g.ids.push(r.get(0).map_err(self.err())?);
                if let Ok(p) = r.get_ref(3).map_err(self.err())?.as_str() {
                    g.path_buf.push_str(p);
                }
                g.path_end
                    .push(u32::try_from(g.path_buf.len()).unwrap_or(u32::MAX));
                let size: Option<i64> = r.get(1).map_err(self.err())?;
                g.nar_size
                    .push(size.and_then(|v| u64::try_from(v).ok()).unwrap_or(0));
                let t: Option<i64> = r.get(2).map_err(self.err())?;
                g.registration_time.push(t.unwrap_or(0));
            }
        }
        // Dense remap from DB id to index when ids are not too sparse; binary search otherwise.
        let max_id = g.ids.last().copied().unwrap_or(0).max(0);
        let dense: Option<Vec<u32>> =
            (usize::try_from(max_id).unwrap_or(usize::MAX) <= g.ids.len() * 4 + 4096).then(|| {
                let mut v = vec![u32::MAX; usize::try_from(max_id).unwrap_or(0) + 1];
                for (i, &id) in g.ids.iter().enumerate() {
                    if let (Ok(id), Ok(i)) = (usize::try_from(id), u32::try_from(i)) {
                        if let Some(slot) = v.get_mut(id) {
                            *slot = i;
                        }
                    }
                }
                v
            });
        let index = |id: i64| -> Option<u32> {
            match &dense {
                Some(v) => usize::try_from(id)
                    .ok()
                    .and_then(|i| v.get(i).copied())
                    .filter(|&i| i != u32::MAX),
                None => g.index_of(id),
            }
        };
        let mut pairs: Vec<(u32, u32)> = Vec::new();
        let mut keep_pairs: Vec<(u32, u32)> = Vec::new();
        let mut refs = 0u64;
        let push = |a: i64, b: i64, pairs: &mut Vec<(u32, u32)>| {
            if let (Some(a), Some(b)) = (index(a), index(b)) {
                if a != b {
                    pairs.push((a, b));
                }
            }
        };
        {
            let mut st = self
                .conn
                .prepare("select referrer, reference from Refs")
                .map_err(self.err())?;
            let mut rows = st.query([]).map_err(self.err())?;
            while let Some(r) = rows.next().map_err(self.err())? {
                refs += 1;
                push(
                    r.get(0).map_err(self.err())?,
                    r.get(1).map_err(self.err())?,
                    &mut pairs,
                );
            }
        }
        let extra = |sql: &str, pairs: &mut Vec<(u32, u32)>| -> Result<(), DbError> {
            let mut st = self.conn.prepare(sql).map_err(self.err())?;
            let mut rows = st.query([]).map_err(self.err())?;
            while let Some(r) = rows.next().map_err(self.err())? {
                push(
                    r.get(0).map_err(self.err())?,
                    r.get(1).map_err(self.err())?,
                    pairs,
                );
            }
            Ok(())
        };
        if keep.outputs {
            // A live derivation keeps every valid output it lists.
            extra(
                "select d.drv, v.id from DerivationOutputs d join ValidPaths v on v.path = d.path",
                &mut keep_pairs,
            )?;
        }
        if keep.derivations {
            // A live output keeps its deriver when that derivation lists it as an output
            // (Nix's `queryPartialDerivationOutputMap` + deriver check).
            extra(
                // Driven from DerivationOutputs (one row per output of a valid .drv), not
                // from ValidPaths: a string-index lookup per output instead of per path.
                "select v.id, d.drv from DerivationOutputs d \
                 join ValidPaths v on v.path = d.path \
                 join ValidPaths dv on dv.id = d.drv \
                 where v.deriver = dv.path",
                &mut keep_pairs,
            )?;
        }
        g.refs = refs;
        g.keep = keep;
        build_csr(&mut g, &pairs, &keep_pairs);
        Ok(g)
    }
}

/// The DB's graph, read once per audit and shared by the probes that need it (store,
/// generations): one scan of `ValidPaths` and `Refs`, kept with the open connection for point
/// lookups (`id_of`).
#[derive(Debug)]
pub struct SharedStore {
    /// The whole graph, with the store paths.
    pub graph: StoreGraph,
    db: std::sync::Mutex<NixDb>,
    /// How the DB was opened.
    pub mode: OpenMode,
    /// See [`NixDb::possibly_inconsistent`].
    pub possibly_inconsistent: bool,
}

impl SharedStore {
    /// Open `host`'s DB and load its graph under `keep`.
    pub fn load(host: &Host, keep: GcKeep) -> Result<SharedStore, DbError> {
        let db = NixDb::open(host)?;
        let graph = db.load_graph(keep)?;
        Ok(SharedStore {
            graph,
            mode: db.mode(),
            possibly_inconsistent: db.possibly_inconsistent(),
            db: std::sync::Mutex::new(db),
        })
    }

    /// The graph index of a store path, if it is valid.
    pub fn index_of_path(&self, store_path: &str) -> Option<u32> {
        let db = self.db.lock().ok()?;
        db.id_of(store_path)
            .ok()
            .flatten()
            .and_then(|id| self.graph.index_of(id))
    }

    /// Run `f` with the open DB (point queries).
    pub fn with_db<R>(&self, f: impl FnOnce(&NixDb) -> R) -> Option<R> {
        self.db.lock().ok().map(|db| f(&db))
    }
}

/// The per-audit cache of [`SharedStore`] (held by the [`Host`]): the first probe that asks
/// loads it while later ones wait, so the DB is scanned once however many probes use it.
#[derive(Debug, Default, Clone)]
pub struct StoreCache {
    slot: std::sync::Arc<std::sync::Mutex<Option<std::sync::Arc<SharedStore>>>>,
    loads: std::sync::Arc<std::sync::atomic::AtomicU32>,
}

impl StoreCache {
    /// The shared graph under `keep`: loaded on first use; loaded again only when a caller
    /// asks for other keep edges than the cached graph has.
    pub fn get(&self, host: &Host, keep: GcKeep) -> Result<std::sync::Arc<SharedStore>, DbError> {
        let mut slot = match self.slot.lock() {
            Ok(g) => g,
            Err(poisoned) => poisoned.into_inner(),
        };
        if let Some(s) = slot.as_ref().filter(|s| s.graph.keep == keep) {
            return Ok(std::sync::Arc::clone(s));
        }
        self.loads
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let s = std::sync::Arc::new(SharedStore::load(host, keep)?);
        *slot = Some(std::sync::Arc::clone(&s));
        Ok(s)
    }

    /// How many times the graph was loaded (tests check it is once per audit).
    pub fn loads(&self) -> u32 {
        self.loads.load(std::sync::atomic::Ordering::Relaxed)
    }
}

/// Counting sort of `(from, to)` pairs into CSR arrays: per node its references (`pairs`),
/// then its keep edges.
fn build_csr(g: &mut StoreGraph, pairs: &[(u32, u32)], keep_pairs: &[(u32, u32)]) {
    let n = g.ids.len();
    let mut offsets = vec![0u32; n + 1];
    for &(a, _) in pairs.iter().chain(keep_pairs) {
        if let Some(c) = offsets.get_mut(a as usize + 1) {
            *c += 1;
        }
    }
    for i in 0..n {
        let prev = offsets.get(i).copied().unwrap_or(0);
        if let Some(c) = offsets.get_mut(i + 1) {
            *c += prev;
        }
    }
    let mut cursor: Vec<u32> = offsets.iter().take(n).copied().collect();
    let mut edges = vec![0u32; pairs.len() + keep_pairs.len()];
    let mut place = |list: &[(u32, u32)], cursor: &mut Vec<u32>| {
        for &(a, b) in list {
            if let Some(c) = cursor.get_mut(a as usize) {
                if let Some(slot) = edges.get_mut(*c as usize) {
                    *slot = b;
                }
                *c += 1;
            }
        }
    };
    place(pairs, &mut cursor);
    g.ref_end = cursor.clone();
    place(keep_pairs, &mut cursor);
    g.offsets = offsets;
    g.edges = edges;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn make_db(dir: &Path) -> PathBuf {
        let path = dir.join("db.sqlite");
        let c = Connection::open(&path).unwrap();
        c.execute_batch(
            "pragma journal_mode = wal;
             create table ValidPaths (id integer primary key autoincrement not null,
               path text unique not null, hash text not null, registrationTime integer not null,
               deriver text, narSize integer, ultimate integer, sigs text, ca text);
             create table Refs (referrer integer not null, reference integer not null,
               primary key (referrer, reference));
             create table DerivationOutputs (drv integer not null, id text not null,
               path text not null, primary key (drv, id));
             insert into ValidPaths (id, path, hash, registrationTime, deriver, narSize) values
               (1, '/nix/store/a-a', 'sha256:x', 10, '/nix/store/d-a.drv', 100),
               (2, '/nix/store/b-b', 'sha256:x', 10, null, 200),
               (5, '/nix/store/c-c', 'sha256:x', 10, null, 400),
               (7, '/nix/store/d-a.drv', 'sha256:x', 10, null, 1);
             insert into Refs values (1, 2), (1, 1), (2, 5);
             insert into DerivationOutputs values (7, 'out', '/nix/store/a-a');",
        )
        .unwrap();
        drop(c);
        path
    }

    #[test]
    fn registration_time_of_one_path() {
        let dir = tempfile::tempdir().unwrap();
        let path = make_db(dir.path());
        let db = NixDb::open_path(&path).unwrap();
        assert_eq!(db.registration_time("/nix/store/b-b").unwrap(), Some(10));
        assert_eq!(db.registration_time("/nix/store/zz-none").unwrap(), None);
    }

    #[test]
    fn graph_has_dense_indices_and_keep_edges() {
        let dir = tempfile::tempdir().unwrap();
        let path = make_db(dir.path());
        let db = NixDb::open_path(&path).unwrap();
        let t = db.totals().unwrap();
        assert_eq!((t.valid_paths, t.nar_bytes, t.refs), (4, 701, 3));
        let g = db
            .load_graph(GcKeep {
                derivations: false,
                outputs: false,
            })
            .unwrap();
        assert_eq!(g.ids, vec![1, 2, 5, 7]);
        assert_eq!(g.successors(0), &[1]);
        assert_eq!(g.successors(1), &[2]);
        let mut seen = vec![false; g.len()];
        assert_eq!(g.mark_reachable(&[0], &mut seen), 3);
        assert!(!seen[3]);
        let g = db.load_graph(GcKeep::default()).unwrap();
        let mut seen = vec![false; g.len()];
        assert_eq!(g.mark_reachable(&[0], &mut seen), 4, "keep-derivations");
        let g = db
            .load_graph(GcKeep {
                derivations: false,
                outputs: true,
            })
            .unwrap();
        let mut seen = vec![false; g.len()];
        assert_eq!(g.mark_reachable(&[3], &mut seen), 4, "keep-outputs");
        assert_eq!(db.id_of("/nix/store/c-c").unwrap(), Some(5));
        assert_eq!(db.path_of(2).unwrap().as_deref(), Some("/nix/store/b-b"));
        let mut n = 0;
        db.for_each_valid_path(|r| {
            n += 1;
            if r.id == 1 {
                assert_eq!(r.deriver.as_deref(), Some("/nix/store/d-a.drv"));
            }
        })
        .unwrap();
        assert_eq!(n, 4);
    }

    #[test]
    fn opening_at_rest_creates_no_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = make_db(dir.path());
        assert!(!sidecar(&path, "-wal").exists());
        let before = std::fs::read(&path).unwrap();
        let db = NixDb::open_path(&path).unwrap();
        assert_eq!(db.mode(), OpenMode::Immutable);
        assert!(db.possibly_inconsistent());
        db.totals().unwrap();
        drop(db);
        assert!(!sidecar(&path, "-wal").exists());
        assert!(!sidecar(&path, "-shm").exists());
        assert_eq!(std::fs::read(&path).unwrap(), before);
    }

    #[test]
    fn with_a_writer_open_it_reads_the_wal_read_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = make_db(dir.path());
        let writer = Connection::open(&path).unwrap();
        writer
            .execute_batch(
                "pragma wal_autocheckpoint = 0;
                 insert into ValidPaths (path, hash, registrationTime, narSize)
                 values ('/nix/store/e-e', 'sha256:x', 11, 1000);",
            )
            .unwrap();
        let wal = sidecar(&path, "-wal");
        assert!(wal.exists());
        let wal_before = std::fs::read(&wal).unwrap();
        let db = NixDb::open_path(&path).unwrap();
        assert_eq!(db.mode(), OpenMode::ReadOnly);
        assert!(!db.possibly_inconsistent());
        assert_eq!(db.totals().unwrap().valid_paths, 5, "sees the WAL");
        drop(db);
        assert_eq!(std::fs::read(&wal).unwrap(), wal_before);
        drop(writer);
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("db.sqlite");
        std::fs::write(&path, b"this is not a database, not even close to one..").unwrap();
        assert!(matches!(
            NixDb::open_path(&path),
            Err(DbError::Sqlite { .. })
        ));
        assert!(matches!(
            NixDb::open_path(&dir.path().join("nope")),
            Err(DbError::Missing { .. })
        ));
    }
}
