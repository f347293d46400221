//! The `flake` probe: the system flake, its lock, and what git hides from it.
//!
//! `nixos-rebuild` uses `/etc/nixos/flake.nix` when it exists (the directory may be a link to a
//! checkout elsewhere; links are followed inside the root). The probe reads `flake.lock` with
//! [`lock`] (every era, bounded), lists each root input with its locked revision,
//! `lastModified` and, for nixpkgs, the branch the original reference names. It names the
//! nixpkgs the system is built from by evidence, recorded in the facts: the node whose locked
//! revision is the running system's (the NixOS version `25.11.20251120.abc1234` in
//! `/etc/os-release` `BUILD_ID`, from the host probe), else the root input called
//! `nixpkgs`, else the one other inputs follow, else the only nixpkgs input. And when the
//! directory is in a git repository it finds which `.nix` files are untracked (a flake
//! evaluates the git tree, so it does not see them) or modified. It runs no git: a
//! repository's config can make git run programs (a `filter=` clean command, an fsmonitor
//! hook), so [`crate::gitindex`] reads the index, the ignore and attributes files and the work
//! tree as data, through the confined file API.

pub mod lock;

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

use nixbtw_contracts::ProbeId;

use crate::gitindex::{self, display_path, GitError, Limits, RepoStatus};
use crate::host::Host;
use crate::probe::{Facts, Probe, ProbeContext, ProbeError, ProbeFacts};
use crate::probes::nixconf::{read_capped, Loaded};

pub use lock::{
    FlakeRef, InputEdge, Lock, LockError, NixpkgsChoice, NixpkgsCopy, NixpkgsEvidence,
    SystemRevision, MAX_LOCK_BYTES,
};

use crate::probes::host::HostFacts;

/// Most root inputs (and nixpkgs nodes) kept in the facts: real locks have under 70 root
/// inputs; a hostile one must not turn into a 12 MB report.
pub const MAX_INPUTS_LISTED: usize = 200;
/// Most ambiguous nixpkgs candidates kept.
pub const MAX_AMBIGUOUS_LISTED: usize = 50;

/// Where the system flake is looked for (logical directories, in order).
pub const SYSTEM_FLAKE_DIRS: &[&str] = &["/etc/nixos"];

/// The system flake's directory, if one holds a flake.nix.
pub fn system_flake_dir(host: &Host) -> Option<PathBuf> {
    SYSTEM_FLAKE_DIRS
        .iter()
        .map(PathBuf::from)
        .find(|d| host.exists(d.join("flake.nix")))
}

/// One root input of the system flake.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputFact {
    /// The input's name in flake.nix.
    pub name: String,
    /// The lock node it resolves to.
    pub node: Option<String>,
    /// The `follows` path, when it follows another input.
    pub follows: Option<Vec<String>>,
    /// What it is locked to.
    pub locked: Option<FlakeRef>,
    /// What flake.nix asked for.
    pub original: Option<FlakeRef>,
    /// Whether it is nixpkgs.
    pub nixpkgs: bool,
    /// The branch the original reference names (`nixos-25.11`), for nixpkgs.
    pub branch: Option<String>,
}

/// What the lock file gave.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LockFacts {
    /// Logical path of flake.lock.
    pub path: String,
    /// `version`.
    pub version: i64,
    /// Number of nodes.
    pub nodes: usize,
    /// The root inputs (at most [`MAX_INPUTS_LISTED`], always including the system's nixpkgs and
    /// the ambiguous candidates).
    pub inputs: Vec<InputFact>,
    /// How many root inputs the lock has.
    #[serde(default)]
    pub inputs_total: usize,
    /// The nixpkgs nodes reachable from the root, with their locked form (at most
    /// [`MAX_INPUTS_LISTED`]).
    pub nixpkgs_nodes: Vec<(String, String)>,
    /// How many nixpkgs nodes are reachable from the root.
    #[serde(default)]
    pub nixpkgs_nodes_total: usize,
    /// The nixpkgs the system is built from, and the evidence that named it.
    #[serde(default)]
    pub nixpkgs: Option<NixpkgsChoice>,
    /// The nixpkgs root inputs, when none could be named the system's (ambiguous): the
    /// [`MAX_AMBIGUOUS_LISTED`] most recently locked, so the newest is always among them.
    #[serde(default)]
    pub nixpkgs_ambiguous: Vec<String>,
    /// The running system's nixpkgs revision, when the host reports one.
    #[serde(default)]
    pub system_revision: Option<SystemRevision>,
    /// Transitive nixpkgs copies that could `follows` the system's.
    #[serde(default)]
    pub nixpkgs_copies: Vec<NixpkgsCopy>,
    /// Graph problems (unknown version, node loop, dangling reference).
    pub problems: Vec<String>,
}

/// What the flake directory's git repository says, read in-process (no git command is run).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GitFacts {
    /// How the answer was found: `in-process index reader: <index> (index v2, N entries,
    /// sha1)`. Reports before the reader named the git command here.
    #[serde(alias = "command")]
    pub source: String,
    /// The work tree root (logical), when a repository was found.
    #[serde(default)]
    pub worktree: Option<String>,
    /// `.nix` files git does not track and does not ignore (the flake does not see them);
    /// paths relative to the work tree, non-UTF-8 bytes as `\xNN`.
    pub untracked_nix: Vec<String>,
    /// Tracked `.nix` files with unstaged changes (modified, deleted, type or mode changed,
    /// unmerged, intent-to-add).
    pub unstaged_nix: Vec<String>,
    /// Tracked `.nix` files that differ in stat data but whose content git would pass through
    /// a filter, an encoding or an end-of-line conversion: not compared, never guessed.
    #[serde(default)]
    pub unchecked_nix: Vec<UncheckedNix>,
    /// Why the repository could not be read, with how to get the answer by hand.
    pub error: Option<String>,
}

/// A tracked `.nix` file the reader could not compare.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UncheckedNix {
    /// Path relative to the work tree.
    pub path: String,
    /// Why (`filter=crypt (.gitattributes): …`, CR bytes under eol conversion, size).
    pub reason: String,
}

/// Facts of the `flake` probe.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlakeFacts {
    /// The flake directory (logical).
    pub dir: String,
    /// The flake.lock, when it exists and could be read.
    pub lock: Option<LockFacts>,
    /// Whether flake.lock exists at all.
    pub lock_present: bool,
    /// Why flake.lock could not be read, when it exists.
    pub lock_error: Option<LockError>,
    /// Git status, when the directory is a git repository.
    pub git: Option<GitFacts>,
}

impl ProbeFacts for FlakeFacts {
    const PROBE: ProbeId = ProbeId::Flake;
}

/// The `flake` probe.
#[derive(Debug, Default)]
pub struct FlakeProbe;

impl Probe for FlakeProbe {
    fn id(&self) -> ProbeId {
        ProbeId::Flake
    }

    fn needs(&self) -> &'static [ProbeId] {
        // The running system's nixpkgs revision (os-release BUILD_ID) names the lock's nixpkgs.
        &[ProbeId::Host]
    }

    fn by_hand(&self) -> &'static str {
        "nix flake metadata /etc/nixos; git -C /etc/nixos status (the audit reads the git index itself and runs no git)"
    }

    fn collect(&self, host: &Host, cx: &ProbeContext<'_>) -> Result<Box<dyn Facts>, ProbeError> {
        let Some(dir) = system_flake_dir(host) else {
            return Err(ProbeError::Skipped(
                "no system flake (/etc/nixos/flake.nix)".into(),
            ));
        };
        let lock_path = dir.join("flake.lock");
        let (lock, lock_present, lock_error) = match read_capped(host, &lock_path, MAX_LOCK_BYTES) {
            Loaded::Missing => (None, false, None),
            Loaded::TooLarge(n) => (None, true, Some(LockError::TooLarge(n))),
            Loaded::NotRegular(what) => (None, true, Some(LockError::NotRegular(what))),
            Loaded::Error(e) => (
                None,
                true,
                Some(LockError::Shape(format!("unreadable: {e}"))),
            ),
            Loaded::Bytes(b) => match lock::parse(&b) {
                Ok(l) => {
                    let system = system_revision(cx);
                    (
                        Some(lock_facts_for(&lock_path, &l, system.as_ref())),
                        true,
                        None,
                    )
                }
                Err(e) => (None, true, Some(e)),
            },
        };
        let git = git_status(host, &dir);
        Ok(Box::new(FlakeFacts {
            dir: dir.display().to_string(),
            lock,
            lock_present,
            lock_error,
            git,
        }))
    }
}

/// The running system's nixpkgs revision, from `/etc/os-release` `BUILD_ID`
/// (`25.11.20251120.abc1234`: the system the host, or the image, was last switched to).
pub fn system_revision(cx: &ProbeContext<'_>) -> Option<SystemRevision> {
    let build_id = cx
        .facts
        .get::<HostFacts>()?
        .os_release
        .as_ref()?
        .build_id
        .as_ref()?;
    SystemRevision::from_version(build_id, &format!("/etc/os-release BUILD_ID={build_id}"))
}

/// Summarise a parsed lock for the facts (no system revision known).
pub fn lock_facts(path: &Path, l: &Lock) -> LockFacts {
    lock_facts_for(path, l, None)
}

/// Summarise a parsed lock for the facts, naming the system's nixpkgs with `system` as the
/// strongest evidence when known.
pub fn lock_facts_for(path: &Path, l: &Lock, system: Option<&SystemRevision>) -> LockFacts {
    let like = l.nixpkgs_like();
    let choice = l.system_nixpkgs(system);
    let root_inputs = l.root_inputs();
    let inputs_total = root_inputs.len();
    let last_modified: std::collections::BTreeMap<&str, Option<i64>> = root_inputs
        .iter()
        .map(|i| {
            let t = i
                .node
                .as_ref()
                .and_then(|k| l.nodes.get(k)?.locked.as_ref()?.last_modified);
            (i.name.as_str(), t)
        })
        .collect();
    let nixpkgs_ambiguous = if choice.is_none() {
        let mut c = l.nixpkgs_root_inputs();
        c.sort_by_key(|n| std::cmp::Reverse(last_modified.get(n.as_str()).copied().flatten()));
        c.truncate(MAX_AMBIGUOUS_LISTED);
        c.sort();
        c
    } else {
        Vec::new()
    };
    let keep = |name: &str| {
        choice.as_ref().is_some_and(|c| c.input == name)
            || nixpkgs_ambiguous.iter().any(|a| a == name)
    };
    let inputs = root_inputs
        .iter()
        .enumerate()
        .filter(|(n, ri)| *n < MAX_INPUTS_LISTED || keep(&ri.name))
        .map(|(_, ri)| {
            let node = ri.node.as_ref().and_then(|k| l.nodes.get(k));
            let nixpkgs = ri.node.as_ref().is_some_and(|k| like.contains(k));
            let original = node.and_then(|n| n.original.clone());
            let branch = if nixpkgs {
                original
                    .as_ref()
                    .and_then(FlakeRef::branch)
                    .or_else(|| node.and_then(|n| n.locked.as_ref()?.branch()))
            } else {
                None
            };
            InputFact {
                name: ri.name.clone(),
                node: ri.node.clone(),
                follows: ri.follows.clone(),
                locked: node.and_then(|n| n.locked.clone()),
                original,
                nixpkgs,
                branch,
            }
        })
        .collect();
    let all_nixpkgs = l.nixpkgs_nodes();
    let nixpkgs_nodes_total = all_nixpkgs.len();
    let nixpkgs_nodes = all_nixpkgs
        .into_iter()
        .take(MAX_INPUTS_LISTED)
        .map(|k| {
            let shown = l
                .nodes
                .get(&k)
                .and_then(|n| n.original.as_ref().or(n.locked.as_ref()))
                .map(FlakeRef::display)
                .unwrap_or_default();
            (k, shown)
        })
        .collect();
    LockFacts {
        path: path.display().to_string(),
        version: l.version,
        nodes: l.nodes.len(),
        inputs,
        inputs_total,
        nixpkgs_nodes,
        nixpkgs_nodes_total,
        nixpkgs_copies: l.nixpkgs_copies(choice.as_ref()),
        nixpkgs: choice,
        nixpkgs_ambiguous,
        system_revision: system.cloned(),
        problems: l.problems.clone(),
    }
}

/// The git facts of the flake directory `dir` (logical): `None` when it is not in a git
/// repository.
fn git_status(host: &Host, dir: &Path) -> Option<GitFacts> {
    let resolved = host.resolve(dir).ok()?;
    let by_hand = |e: &GitError| {
        format!(
            "{e}; run `git -C {} status` by hand (the audit runs no git)",
            dir.display()
        )
    };
    match gitindex::status(host.fs(), &resolved, Limits::default()) {
        Ok(None) => None,
        Ok(Some(st)) => Some(git_facts(&st)),
        Err(e) => Some(GitFacts {
            source: "in-process index reader".into(),
            worktree: None,
            untracked_nix: Vec::new(),
            unstaged_nix: Vec::new(),
            unchecked_nix: Vec::new(),
            error: Some(by_hand(&e)),
        }),
    }
}

/// Facts from a status.
pub fn git_facts(st: &RepoStatus) -> GitFacts {
    let index = st.repo.git_dir.join("index");
    let source = match st.index_version {
        Some(v) => format!(
            "in-process index reader: {} (index v{v}, {} entries, {})",
            index.display(),
            st.index_entries,
            st.object_format.name()
        ),
        None => format!(
            "in-process index reader: no {} yet (nothing staged)",
            index.display()
        ),
    };
    GitFacts {
        source,
        worktree: Some(st.repo.worktree.display().to_string()),
        untracked_nix: st.untracked.iter().map(|p| display_path(p)).collect(),
        unstaged_nix: st.unstaged.iter().map(|(p, _)| display_path(p)).collect(),
        unchecked_nix: st
            .unchecked
            .iter()
            .map(|u| UncheckedNix {
                path: display_path(&u.path),
                reason: u.reason.clone(),
            })
            .collect(),
        error: None,
    }
}
