//! The `gcroots` probe: what keeps the store alive, enumerated the way Nix does.
//!
//! Why mirror Nix exactly: the live set, the dead set and "what a GC would free" are only right
//! if the roots are Nix's roots. Nix 2.8 (`LocalStore::findRoots`) scans `gcroots/` and
//! `profiles/` recursively without following symlinked directories; a link whose target is in
//! the store is a root; a link whose target is not in the store is an *indirect* root when that
//! target is itself a symlink into the store (`auto/<hash> -> /home/u/p/result -> /nix/store/..`;
//! only one level); a regular file named like a store path is a root; a root whose store path is
//! not valid (no DB row) is skipped. Nix *deletes* `auto/` links whose target is gone while doing
//! this; this probe only records them (`gcroots.dangling`). On a live host as root, runtime roots
//! (store paths open in /proc: exe, cwd, fds, maps, environ) are added like Nix does.
//!
//! Links are reported as the audited system names them (without the `--root` prefix); Nix in a
//! chroot store writes indirect links as host paths, which [`Host::read_link`] maps back.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use nixbtw_contracts::ProbeId;

use crate::host::Host;
use crate::nixdb::NixDb;
use crate::probe::{Facts, Probe, ProbeContext, ProbeError, ProbeFacts};

/// How a root was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RootKind {
    /// A profile generation link under /nix/var/nix/profiles (system, default, per-user).
    Profile,
    /// An indirect root registered in `gcroots/auto/` (`result` links, direnv, `--add-root`).
    Indirect,
    /// A link under `gcroots/per-user/`.
    PerUser,
    /// Any other link under `gcroots/` (e.g. `booted-system`, `current-system`).
    Gcroot,
    /// A store path in use by a running process (live host, as root).
    Runtime,
}

impl RootKind {
    /// Label for the report.
    pub fn as_str(self) -> &'static str {
        match self {
            RootKind::Profile => "profile",
            RootKind::Indirect => "indirect",
            RootKind::PerUser => "per-user",
            RootKind::Gcroot => "gcroot",
            RootKind::Runtime => "runtime",
        }
    }
}

/// One GC root: `link -> target`, as `nix-store --gc --print-roots` prints it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GcRoot {
    /// The link that holds the root, as the audited system names it.
    pub link: String,
    /// The store path it keeps alive (top-level `/nix/store/<hash>-<name>`).
    pub target: String,
    /// How it was found.
    pub kind: RootKind,
    /// The `gcroots/auto/` entry that registered it (indirect roots only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub via: Option<String>,
    /// Modification time of the link itself (lstat), UTC.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modified: Option<DateTime<Utc>>,
}

/// Why a gcroots entry holds nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RootProblemKind {
    /// An `auto/` link whose target link no longer exists (Nix removes it on the next GC).
    StaleAuto,
    /// The link points at a store path that is not valid (no DB row, or missing).
    InvalidTarget,
    /// The link cannot be resolved (a symlink loop, or not pointing into the store).
    Unresolvable,
    /// The entry could not be read (permissions).
    Unreadable,
}

/// A gcroots or profile entry that keeps nothing alive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RootProblem {
    /// The entry (as the audited system names it).
    pub link: String,
    /// What it points at, when readable.
    pub target: Option<String>,
    /// The kind of root it would be.
    pub kind: RootKind,
    /// What is wrong.
    pub problem: RootProblemKind,
    /// Detail (an I/O error, the loop).
    pub detail: String,
}

/// Facts of the `gcroots` probe.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct GcrootsFacts {
    /// Every root, sorted by link; the same set as `nix-store --gc --print-roots`.
    pub roots: Vec<GcRoot>,
    /// Entries that hold nothing (stale `auto/` links, invalid targets, loops).
    pub problems: Vec<RootProblem>,
    /// Whether runtime roots (/proc) were scanned (live host, as root).
    pub runtime_scanned: bool,
    /// How root validity was decided: `db` (ValidPaths) or `filesystem` (DB unreadable).
    pub validity_source: String,
    /// Directories scanned (logical).
    pub scanned: Vec<String>,
    /// `result` links and profiles found in login users' homes that point into the store but
    /// that no root registers: a GC deletes what they point at.
    #[serde(default)]
    pub unprotected: Vec<UnprotectedLink>,
    /// The bounded home scan behind [`GcrootsFacts::unprotected`].
    #[serde(default)]
    pub home_scan: HomeScan,
}

/// A link into the store outside the gcroots tree that no `gcroots/auto` entry registers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnprotectedLink {
    /// The link (logical), e.g. `/home/alice/proj/result`.
    pub link: String,
    /// Its target, as written.
    pub target: String,
    /// The link's modification time.
    pub modified: Option<DateTime<Utc>>,
}

/// What the home scan looked at.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HomeScan {
    /// Home directories walked.
    pub homes: Vec<String>,
    /// Entries looked at in all.
    pub entries: usize,
    /// Whether a depth or entry limit stopped the walk somewhere.
    pub truncated: bool,
    /// Homes that were not walked, and why (over [`HOME_SCAN_HOMES`], unreadable), at most
    /// [`MAX_SCAN_NOTES`].
    #[serde(default)]
    pub not_walked: Vec<HomeNotWalked>,
    /// Homes not walked beyond those listed in `not_walked`.
    #[serde(default)]
    pub not_walked_more: usize,
    /// Directories below the homes that could not be listed (`path: why`), at most
    /// [`MAX_SCAN_NOTES`]: links under them were not seen.
    #[serde(default)]
    pub errors: Vec<String>,
    /// Unlistable directories beyond those in `errors`.
    #[serde(default)]
    pub errors_more: usize,
    /// Why no home was known: /etc/passwd could not be read (the error names the file).
    #[serde(default)]
    pub accounts_error: Option<String>,
}

/// A home the scan did not walk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HomeNotWalked {
    /// The home (logical, as /etc/passwd names it).
    pub home: String,
    /// Why: over the cap, or the error resolving or listing it.
    pub why: String,
}

/// Most homes and directory errors [`HomeScan`] names.
pub const MAX_SCAN_NOTES: usize = 20;

impl HomeScan {
    /// What the scan could not look at, one line each, with how to look by hand; empty when
    /// every home was walked whole (limits aside: `truncated`).
    pub fn gaps(&self) -> Vec<String> {
        let by_hand = "check by hand: find HOME -maxdepth 4 -type l \\( -name result -o -name \
                       'result-*' -o -name .nix-profile \\) and compare with \
                       `nix-store --gc --print-roots`";
        let mut out = Vec::new();
        if let Some(e) = &self.accounts_error {
            out.push(format!(
                "home scan: {e}: no home was checked for unprotected links; {by_hand}"
            ));
        }
        if !self.not_walked.is_empty() {
            let n = self.not_walked.len() + self.not_walked_more;
            let named = self
                .not_walked
                .iter()
                .map(|h| format!("{} ({})", h.home, h.why));
            out.push(format!(
                "home scan: {n} home{} not walked: {}; {by_hand}",
                if n == 1 { "" } else { "s" },
                named_and_more(named, self.not_walked_more)
            ));
        }
        if !self.errors.is_empty() {
            let n = self.errors.len() + self.errors_more;
            out.push(format!(
                "home scan: {n} director{} could not be listed: {}",
                if n == 1 { "y" } else { "ies" },
                named_and_more(self.errors.iter().cloned(), self.errors_more)
            ));
        }
        out
    }

    fn not_walked(&mut self, home: &str, why: String) {
        let row = HomeNotWalked {
            home: home.to_string(),
            why,
        };
        push_capped(&mut self.not_walked, &mut self.not_walked_more, row);
    }
}

/// `a, b, and 3 more`.
fn named_and_more(named: impl Iterator<Item = String>, more: usize) -> String {
    let mut named: Vec<String> = named.collect();
    if more > 0 {
        named.push(format!("and {more} more"));
    }
    named.join(", ")
}

/// Push `item` while `list` holds fewer than [`MAX_SCAN_NOTES`], else count it in `more`.
fn push_capped<T>(list: &mut Vec<T>, more: &mut usize, item: T) {
    if list.len() < MAX_SCAN_NOTES {
        list.push(item);
    } else {
        *more += 1;
    }
}

/// How deep below a home the scan looks (`~/src/project/result` is depth 3).
pub const HOME_SCAN_DEPTH: usize = 4;

/// Entries looked at per home, and homes walked: the scan's cost stays bounded on a host with
/// huge homes (a `node_modules` tree is cut, never followed into).
pub const HOME_SCAN_ENTRIES: usize = 20_000;
/// Homes walked at most.
pub const HOME_SCAN_HOMES: usize = 50;

/// Whether a link name is one Nix gives out-links or profiles (`result`, `result-dev`,
/// `.nix-profile`, `*-profile`).
fn is_out_link_name(name: &str) -> bool {
    name == "result" || name.starts_with("result-") || name == ".nix-profile"
}

/// Where a link lives with the directories above it resolved (confined): Nix registers an
/// indirect root by the path it was given, which may pass through a symlink (`/home ->
/// var/home` on Fedora-Atomic-like layouts, a home that is itself a link), so registered and
/// found links are compared by this key. `dirs` caches each directory's resolution.
fn link_key(host: &Host, link: &Path, dirs: &mut BTreeMap<PathBuf, PathBuf>) -> PathBuf {
    let link = crate::host::canon_path(link);
    let (Some(parent), Some(name)) = (link.parent(), link.file_name()) else {
        return link;
    };
    let dir = dirs.entry(parent.to_path_buf()).or_insert_with(|| {
        host.resolve(parent)
            .unwrap_or_else(|_| parent.to_path_buf())
    });
    dir.join(name)
}

/// Walk login users' homes (no links followed, bounded) for `result` links into the store
/// that no root in `roots` registers. Links are compared with their directories resolved
/// ([`link_key`]); homes that resolve to one directory are walked once; homes over the cap
/// and directories that could not be listed are recorded ([`HomeScan::gaps`]).
fn unprotected_links(host: &Host, roots: &[GcRoot]) -> (Vec<UnprotectedLink>, HomeScan) {
    let mut scan = HomeScan::default();
    let mut out = Vec::new();
    let passwd = match host.accounts().passwd() {
        Ok(p) => p,
        Err(e) => {
            scan.accounts_error = Some(e.to_string());
            return (out, scan);
        }
    };
    let mut dirs = BTreeMap::new();
    let registered: BTreeSet<PathBuf> = roots
        .iter()
        .filter(|r| r.kind != RootKind::Runtime)
        .map(|r| link_key(host, Path::new(&r.link), &mut dirs))
        .collect();
    let mut homes: Vec<&str> = passwd
        .login_users()
        .into_iter()
        .map(|u| u.home.as_str())
        .collect();
    homes.sort();
    homes.dedup();
    let mut walked: BTreeSet<PathBuf> = BTreeSet::new();
    for home in homes {
        if home == "/" {
            continue;
        }
        let resolved = match host.resolve(home) {
            Ok(r) => r,
            // No home: nothing in it to protect (system users, an unbooted image).
            Err(crate::host::ResolveError::Missing { .. }) => continue,
            Err(e) => {
                scan.not_walked(home, e.to_string());
                continue;
            }
        };
        match host.metadata(&resolved) {
            Ok(m) if m.is_dir() => {}
            Ok(_) => continue,
            Err(e) if e.is_not_found() => continue,
            Err(e) => {
                scan.not_walked(home, e.to_string());
                continue;
            }
        }
        if walked.contains(&resolved) {
            continue;
        }
        if walked.len() >= HOME_SCAN_HOMES {
            scan.not_walked(home, format!("over the {HOME_SCAN_HOMES}-home limit"));
            continue;
        }
        walked.insert(resolved.clone());
        let walk = host.walk(home, HOME_SCAN_DEPTH, HOME_SCAN_ENTRIES);
        scan.entries += walk.entries.len();
        scan.truncated |= walk.truncated;
        for e in walk.errors {
            push_capped(&mut scan.errors, &mut scan.errors_more, e.to_string());
        }
        for (path, kind) in &walk.entries {
            if *kind != crate::fs::FileKind::Symlink {
                continue;
            }
            let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
                continue;
            };
            if !is_out_link_name(name) {
                continue;
            }
            // The walk follows no link below the home, so the home's resolution is the
            // only one on the way.
            let key = match path.strip_prefix(home) {
                Ok(rel) => resolved.join(rel),
                Err(_) => link_key(host, path, &mut dirs),
            };
            if registered.contains(&key) {
                continue;
            }
            let Ok(target) = host.read_link(path) else {
                continue;
            };
            // Only links straight into the store: `.nix-profile -> /nix/var/nix/profiles/...`
            // is protected by the profile it names.
            if !target.starts_with(host.store_dir()) {
                continue;
            }
            out.push(UnprotectedLink {
                link: path.display().to_string(),
                target: target.display().to_string(),
                modified: mtime(host, path),
            });
        }
        scan.homes.push(home.to_string());
    }
    (out, scan)
}

impl ProbeFacts for GcrootsFacts {
    const PROBE: ProbeId = ProbeId::Gcroots;

    /// Homes the unprotected-link scan could not walk: a link there is out of sight.
    fn incomplete(&self) -> Vec<String> {
        self.home_scan.gaps()
    }
}

/// The probe.
#[derive(Debug, Default)]
pub struct GcrootsProbe;

impl Probe for GcrootsProbe {
    fn id(&self) -> ProbeId {
        ProbeId::Gcroots
    }

    fn by_hand(&self) -> &'static str {
        "sudo nix-store --gc --print-roots (note: it also removes stale gcroots/auto links)"
    }

    fn collect(&self, host: &Host, _cx: &ProbeContext<'_>) -> Result<Box<dyn Facts>, ProbeError> {
        if !host.is_dir(host.state_dir()) {
            return Err(ProbeError::Skipped(format!(
                "no Nix state directory ({})",
                host.state_dir().display()
            )));
        }
        Ok(Box::new(collect(host)))
    }
}

/// Decides whether a store path is valid.
enum Validity {
    Db(NixDb),
    Filesystem,
}

impl Validity {
    fn valid(&self, host: &Host, store_path: &Path) -> bool {
        match self {
            Validity::Db(db) => db
                .id_of(&store_path.to_string_lossy())
                .ok()
                .flatten()
                .is_some(),
            Validity::Filesystem => host.symlink_metadata(store_path).is_ok(),
        }
    }
}

struct Scan<'a> {
    host: &'a Host,
    validity: Validity,
    roots: BTreeMap<(String, String), GcRoot>,
    problems: Vec<RootProblem>,
    entries: usize,
}

/// Lexically normalise `dir/target` (Nix's `absPath` + `canonPath`: no links followed).
fn abs_path(dir: &Path, target: &Path) -> PathBuf {
    let joined = if target.is_absolute() {
        target.to_path_buf()
    } else {
        dir.join(target)
    };
    crate::host::canon_path(&joined)
}

fn mtime(host: &Host, logical: &Path) -> Option<DateTime<Utc>> {
    let meta = host.symlink_metadata(logical).ok()?;
    Some(DateTime::<Utc>::from(meta.modified()))
}

/// Whether a file name looks like a store path's base name (`<32 base32 chars>-<name>`).
pub fn looks_like_store_name(name: &str) -> bool {
    let b = name.as_bytes();
    b.len() > 33
        && b.get(32) == Some(&b'-')
        && b.iter()
            .take(32)
            .all(|c| c.is_ascii_digit() || c.is_ascii_lowercase())
}

impl Scan<'_> {
    fn kind_of(&self, entry: &Path) -> RootKind {
        let gc = self.host.gcroots_dir();
        if entry.starts_with(gc.join("auto")) {
            RootKind::Indirect
        } else if entry.starts_with(gc.join("per-user")) {
            RootKind::PerUser
        } else if entry.starts_with(&gc) {
            RootKind::Gcroot
        } else {
            RootKind::Profile
        }
    }

    fn found(&mut self, link: &Path, target: &Path, kind: RootKind, via: Option<&Path>) {
        let Some(store_path) = self.host.store_path_of(target) else {
            return;
        };
        if !self.validity.valid(self.host, &store_path) {
            self.problems.push(RootProblem {
                link: link.display().to_string(),
                target: Some(target.display().to_string()),
                kind,
                problem: RootProblemKind::InvalidTarget,
                detail: format!("{} is not a valid store path", store_path.display()),
            });
            return;
        }
        let key = (link.display().to_string(), store_path.display().to_string());
        let modified = mtime(self.host, link);
        self.roots.entry(key.clone()).or_insert(GcRoot {
            link: key.0,
            target: key.1,
            kind,
            via: via.map(|v| v.display().to_string()),
            modified,
        });
    }

    fn problem(
        &mut self,
        link: &Path,
        target: Option<&Path>,
        kind: RootKind,
        p: RootProblemKind,
        detail: String,
    ) {
        self.problems.push(RootProblem {
            link: link.display().to_string(),
            target: target.map(|t| t.display().to_string()),
            kind,
            problem: p,
            detail,
        });
    }

    /// An I/O error on `link` (or on the `target` it points through): an unreadable root.
    fn unreadable(
        &mut self,
        link: &Path,
        target: Option<&Path>,
        kind: RootKind,
        e: &std::io::Error,
    ) {
        self.problem(
            link,
            target,
            kind,
            RootProblemKind::Unreadable,
            e.to_string(),
        );
    }

    fn walk(&mut self, logical: &Path, depth: usize) {
        self.entries += 1;
        if depth > 64 || self.entries > 1_000_000 {
            return;
        }
        let kind = self.kind_of(logical);
        let meta = match self.host.symlink_metadata(logical) {
            Ok(m) => m,
            Err(e) => {
                if !e.is_not_found() {
                    self.unreadable(logical, None, kind, &e.into());
                }
                return;
            }
        };
        if meta.is_dir() {
            let entries = match self.host.read_dir(logical) {
                Ok(entries) => entries,
                Err(e) => {
                    self.unreadable(logical, None, kind, &e.into());
                    return;
                }
            };
            for e in entries {
                self.walk(&logical.join(e.name), depth + 1);
            }
        } else if meta.is_symlink() {
            let target = match self.host.read_link(logical) {
                Ok(t) => t,
                Err(e) => {
                    self.unreadable(logical, None, kind, &e);
                    return;
                }
            };
            if target.starts_with(self.host.store_dir()) {
                self.found(logical, &target, kind, None);
                return;
            }
            // An indirect root: the target must itself be a link into the store.
            let dir = logical.parent().unwrap_or(Path::new("/"));
            let target = abs_path(dir, &target);
            let tmeta = match self.host.symlink_metadata(&target) {
                Ok(m) => m,
                Err(e) if e.is_not_found() => {
                    if kind == RootKind::Indirect {
                        self.problem(
                            logical,
                            Some(&target),
                            kind,
                            RootProblemKind::StaleAuto,
                            format!("{} no longer exists", target.display()),
                        );
                    }
                    return;
                }
                Err(e) => {
                    self.unreadable(logical, Some(&target), kind, &e.into());
                    return;
                }
            };
            if !tmeta.is_symlink() {
                return;
            }
            match self.host.read_link(&target) {
                Ok(t2) if t2.starts_with(self.host.store_dir()) => {
                    let via = (kind == RootKind::Indirect).then_some(logical);
                    // Indirect roots count as the kind of the entry that registered them,
                    // except links that are profile generations (Nix registers every
                    // generation in auto/ too): those are profiles.
                    let kind = if target.starts_with(self.host.profiles_dir()) {
                        RootKind::Profile
                    } else {
                        kind
                    };
                    self.found(&target, &t2, kind, via);
                }
                Ok(t2) => {
                    // Nix ignores this; record loops so they are visible.
                    if let Err(crate::host::ResolveError::Loop { .. }) = self.host.resolve(&target)
                    {
                        self.problem(
                            logical,
                            Some(&target),
                            kind,
                            RootProblemKind::Unresolvable,
                            format!("{} -> {}: symlink loop", target.display(), t2.display()),
                        );
                    }
                }
                Err(e) => {
                    self.unreadable(logical, Some(&target), kind, &e);
                }
            }
        } else if meta.is_file() {
            let name = logical
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if looks_like_store_name(&name) {
                let sp = self.host.store_dir().join(&name);
                if self.validity.valid(self.host, &sp) {
                    let key = (logical.display().to_string(), sp.display().to_string());
                    let modified = mtime(self.host, logical);
                    self.roots.entry(key.clone()).or_insert(GcRoot {
                        link: key.0,
                        target: key.1,
                        kind,
                        via: None,
                        modified,
                    });
                }
            }
        }
    }
}

/// Enumerate the roots of `host`.
pub fn collect(host: &Host) -> GcrootsFacts {
    let validity = match NixDb::open(host) {
        Ok(db) => Validity::Db(db),
        Err(_) => Validity::Filesystem,
    };
    let validity_source = match validity {
        Validity::Db(_) => "db",
        Validity::Filesystem => "filesystem",
    }
    .to_string();
    let mut scan = Scan {
        host,
        validity,
        roots: BTreeMap::new(),
        problems: Vec::new(),
        entries: 0,
    };
    let dirs = [host.gcroots_dir(), host.profiles_dir()];
    for d in &dirs {
        scan.walk(d, 0);
    }
    let runtime_scanned = host.is_live() && nix::unistd::geteuid().is_root();
    if runtime_scanned {
        for (link, target) in runtime_roots(host) {
            scan.found(
                Path::new(&link),
                Path::new(&target),
                RootKind::Runtime,
                None,
            );
        }
    }
    let mut problems = scan.problems;
    problems.sort_by(|a, b| (&a.link, &a.target).cmp(&(&b.link, &b.target)));
    problems.dedup_by(|a, b| a.link == b.link && a.problem == b.problem);
    let roots: Vec<GcRoot> = scan.roots.into_values().collect();
    let (unprotected, home_scan) = unprotected_links(host, &roots);
    GcrootsFacts {
        roots,
        problems,
        runtime_scanned,
        validity_source,
        scanned: dirs.iter().map(|d| d.display().to_string()).collect(),
        unprotected,
        home_scan,
    }
}

/// Store paths mentioned in `text` (`/nix/store/<hash>-<name>`), top-level.
fn store_paths_in(text: &[u8], store: &[u8], out: &mut BTreeSet<String>) {
    let mut i = 0;
    while let Some(pos) = find(&text[i..], store) {
        let start = i + pos;
        let mut end = start + store.len();
        if text.get(end) == Some(&b'/') {
            end += 1;
            let name_start = end;
            while let Some(&c) = text.get(end) {
                if c.is_ascii_alphanumeric() || b"+-._?=".contains(&c) {
                    end += 1;
                } else {
                    break;
                }
            }
            if let Ok(name) = std::str::from_utf8(&text[name_start..end]) {
                if looks_like_store_name(name) {
                    out.insert(format!("{}/{name}", String::from_utf8_lossy(store)));
                }
            }
        }
        i = end.max(start + 1);
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The most read of one process's `maps` or `environ` (procfs files report no size).
const PROC_FILE_CAP: u64 = 16 * 1024 * 1024;

/// Runtime roots as Nix finds them: links and maps/environ of every process.
fn runtime_roots(host: &Host) -> BTreeSet<(String, String)> {
    let mut out = BTreeSet::new();
    let store = host.store_dir().as_os_str().as_encoded_bytes().to_vec();
    let Ok(pids) = host.pids() else {
        return out;
    };
    for pid in pids {
        let base = PathBuf::from("/proc").join(pid.to_string());
        let mut links = vec![base.join("exe"), base.join("cwd")];
        if let Ok(fds) = host.read_dir(base.join("fd")) {
            links.extend(fds.into_iter().map(|f| base.join("fd").join(f.name)));
        }
        for l in links {
            if let Ok(t) = host.read_link(&l) {
                if let Some(sp) = host.store_path_of(&t) {
                    out.insert((l.display().to_string(), sp.display().to_string()));
                }
            }
        }
        for f in ["maps", "environ"] {
            if let Ok(bytes) = host.read_file(base.join(f), PROC_FILE_CAP) {
                let mut found = BTreeSet::new();
                store_paths_in(&bytes, &store, &mut found);
                for sp in found {
                    out.insert((base.join(f).display().to_string(), sp));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::command::SystemRunner;
    use std::os::unix::fs::symlink;
    use std::sync::Arc;

    const A: &str = "/nix/store/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-a";
    const B: &str = "/nix/store/bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb-b";

    fn fixture() -> (tempfile::TempDir, Host) {
        let dir = tempfile::tempdir().unwrap();
        let r = dir.path();
        for d in [
            "nix/var/nix/gcroots/auto",
            "nix/var/nix/profiles/per-user/u",
            "home/u/p",
        ] {
            std::fs::create_dir_all(r.join(d)).unwrap();
        }
        for p in [A, B] {
            std::fs::create_dir_all(r.join(&p[1..])).unwrap();
        }
        let host = Host::at_root(r, Arc::new(SystemRunner), Utc::now()).unwrap();
        (dir, host)
    }

    #[test]
    fn enumerates_like_nix_without_a_db() {
        let (dir, host) = fixture();
        let r = dir.path();
        let prof = r.join("nix/var/nix/profiles");
        symlink(A, prof.join("system-1-link")).unwrap();
        symlink("system-1-link", prof.join("system")).unwrap();
        symlink(format!("{B}/bin/x"), r.join("home/u/p/result")).unwrap();
        // Nix writes auto links as host paths in a chroot store.
        symlink(
            r.join("home/u/p/result"),
            r.join("nix/var/nix/gcroots/auto/h1"),
        )
        .unwrap();
        symlink("/home/u/gone/result", r.join("nix/var/nix/gcroots/auto/h2")).unwrap();
        symlink("loop", r.join("nix/var/nix/gcroots/loop")).unwrap();
        symlink(
            "/nix/store/cccccccccccccccccccccccccccccccc-c",
            prof.join("per-user/u/profile-1-link"),
        )
        .unwrap();
        let f = collect(&host);
        assert_eq!(f.validity_source, "filesystem");
        let got: Vec<_> = f
            .roots
            .iter()
            .map(|r| (r.link.as_str(), r.target.as_str(), r.kind))
            .collect();
        assert_eq!(
            got,
            vec![
                ("/home/u/p/result", B, RootKind::Indirect),
                ("/nix/var/nix/profiles/system-1-link", A, RootKind::Profile),
            ]
        );
        assert_eq!(
            f.roots[0].via.as_deref(),
            Some("/nix/var/nix/gcroots/auto/h1")
        );
        let probs: Vec<_> = f
            .problems
            .iter()
            .map(|p| (p.link.as_str(), p.problem))
            .collect();
        assert!(probs.contains(&("/nix/var/nix/gcroots/auto/h2", RootProblemKind::StaleAuto)));
        assert!(probs.contains(&("/nix/var/nix/gcroots/loop", RootProblemKind::Unresolvable)));
        assert!(probs.contains(&(
            "/nix/var/nix/profiles/per-user/u/profile-1-link",
            RootProblemKind::InvalidTarget
        )));
        // Nothing was removed (Nix would delete auto/h2).
        assert!(std::fs::symlink_metadata(r.join("nix/var/nix/gcroots/auto/h2")).is_ok());
    }

    /// `/home -> var/home` (Fedora-Atomic-like): Nix registered alice's root through the
    /// link, bob's by the real path; both homes are named the other way in /etc/passwd. The
    /// comparison is on resolved directories, so neither is "unprotected"; an unregistered
    /// copy still is, and is reported by the path walked.
    #[test]
    fn homes_reached_through_links_match_their_registered_roots() {
        let (dir, host) = fixture();
        let r = dir.path();
        std::fs::remove_dir_all(r.join("home")).unwrap();
        for d in [
            "var/home/alice/p",
            "var/home/bob/q",
            "var/home/bob/copy",
            "etc",
        ] {
            std::fs::create_dir_all(r.join(d)).unwrap();
        }
        symlink("var/home", r.join("home")).unwrap();
        std::fs::write(
            r.join("etc/passwd"),
            "alice:x:1000:100::/var/home/alice:/bin/sh
             bob:x:1001:100::/home/bob:/bin/sh
             bob2:x:1002:100::/var/home/bob:/bin/sh
",
        )
        .unwrap();
        symlink(A, r.join("var/home/alice/p/result")).unwrap();
        symlink(B, r.join("var/home/bob/q/result")).unwrap();
        symlink(B, r.join("var/home/bob/copy/result")).unwrap();
        let auto = r.join("nix/var/nix/gcroots/auto");
        symlink("/home/alice/p/result", auto.join("a1")).unwrap();
        symlink("/var/home/bob/q/result", auto.join("b1")).unwrap();
        let f = collect(&host);
        let roots: Vec<_> = f.roots.iter().map(|r| r.link.as_str()).collect();
        assert_eq!(roots, ["/home/alice/p/result", "/var/home/bob/q/result"]);
        let links: Vec<_> = f.unprotected.iter().map(|u| u.link.as_str()).collect();
        assert_eq!(links, ["/home/bob/copy/result"]);
        // bob's home under both names is walked once.
        assert_eq!(f.home_scan.homes, ["/home/bob", "/var/home/alice"]);
        assert!(f.home_scan.gaps().is_empty(), "{:?}", f.home_scan.gaps());
        assert!(f.incomplete().is_empty());
    }

    /// Homes beyond the cap, and homes that cannot be resolved, are named with how to check
    /// them by hand, and make the facts incomplete.
    #[test]
    fn homes_not_walked_are_reported() {
        let (dir, host) = fixture();
        let r = dir.path();
        std::fs::create_dir_all(r.join("etc")).unwrap();
        let mut passwd = String::new();
        for i in 0..HOME_SCAN_HOMES + 2 {
            std::fs::create_dir_all(r.join(format!("home/u{i:03}"))).unwrap();
            passwd.push_str(&format!(
                "u{i:03}:x:{}:100::/home/u{i:03}:/bin/sh\n",
                1000 + i
            ));
        }
        symlink("loop", r.join("home/loop")).unwrap();
        passwd.push_str("l:x:999:100::/home/loop:/bin/sh\ngone:x:998:100::/home/gone:/bin/sh\n");
        std::fs::write(r.join("etc/passwd"), passwd).unwrap();
        let f = collect(&host);
        assert_eq!(f.home_scan.homes.len(), HOME_SCAN_HOMES);
        let not: Vec<_> = f
            .home_scan
            .not_walked
            .iter()
            .map(|h| h.home.as_str())
            .collect();
        // A missing home holds nothing: not a gap.
        assert_eq!(not, ["/home/loop", "/home/u050", "/home/u051"]);
        assert!(f.home_scan.not_walked[0].why.contains("loop"));
        assert_eq!(f.home_scan.not_walked[1].why, "over the 50-home limit");
        let gaps = f.incomplete();
        assert_eq!(gaps.len(), 1);
        assert!(gaps[0].starts_with("home scan: 3 homes not walked: /home/loop ("));
        assert!(
            gaps[0].contains("find HOME -maxdepth 4 -type l"),
            "{}",
            gaps[0]
        );
    }

    /// Without /etc/passwd no home is known: said, not silently an empty scan.
    #[test]
    fn unreadable_accounts_are_a_gap() {
        let (_dir, host) = fixture();
        let f = collect(&host);
        assert!(f.home_scan.accounts_error.is_some());
        assert!(
            f.incomplete()[0].starts_with("home scan: /etc/passwd: not found: no home was checked")
        );
    }

    #[test]
    fn finds_store_paths_in_maps() {
        let mut out = BTreeSet::new();
        let text = format!("7f00 r-xp 0 08:01 1 {A}/lib/libc.so\n{B}:x\n/nix/store/short");
        store_paths_in(text.as_bytes(), b"/nix/store", &mut out);
        assert_eq!(
            out.into_iter().collect::<Vec<_>>(),
            vec![A.to_string(), B.to_string()]
        );
    }
}
