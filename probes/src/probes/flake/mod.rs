//! The `flake` probe: the system flake, its lock, and what git hides from it.
//!
//! `nixos-rebuild` uses `/etc/nixos/flake.nix` when it exists (the directory may be a link to a
//! checkout elsewhere; links are followed inside the root). The probe reads `flake.lock` with
//! [`lock`] (every era, bounded), lists each root input with its locked revision,
//! `lastModified` and, for nixpkgs, the branch the original reference names; and when the
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

pub use lock::{FlakeRef, InputEdge, Lock, LockError, MAX_LOCK_BYTES};

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
    /// The root inputs.
    pub inputs: Vec<InputFact>,
    /// Every nixpkgs node reachable from the root, with its locked form.
    pub nixpkgs_nodes: Vec<(String, String)>,
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

    fn by_hand(&self) -> &'static str {
        "nix flake metadata /etc/nixos; git -C /etc/nixos status (the audit reads the git index itself and runs no git)"
    }

    fn collect(&self, host: &Host, _cx: &ProbeContext<'_>) -> Result<Box<dyn Facts>, ProbeError> {
        let Some(dir) = system_flake_dir(host) else {
            return Err(ProbeError::Skipped(
                "no system flake (/etc/nixos/flake.nix)".into(),
            ));
        };
        let lock_path = dir.join("flake.lock");
        let (lock, lock_present, lock_error) = match read_capped(host, &lock_path, MAX_LOCK_BYTES) {
            Loaded::Missing => (None, false, None),
            Loaded::TooLarge(n) => (None, true, Some(LockError::TooLarge(n))),
            Loaded::Error(e) => (
                None,
                true,
                Some(LockError::Shape(format!("unreadable: {e}"))),
            ),
            Loaded::Bytes(b) => match lock::parse(&b) {
                Ok(l) => (Some(lock_facts(&lock_path, &l)), true, None),
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

/// Summarise a parsed lock for the facts.
pub fn lock_facts(path: &Path, l: &Lock) -> LockFacts {
    let inputs = l
        .root_inputs()
        .into_iter()
        .map(|ri| {
            let node = ri.node.as_ref().and_then(|k| l.nodes.get(k));
            let nixpkgs = node.is_some_and(lock::LockNode::is_nixpkgs);
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
                name: ri.name,
                node: ri.node,
                follows: ri.follows,
                locked: node.and_then(|n| n.locked.clone()),
                original,
                nixpkgs,
                branch,
            }
        })
        .collect();
    let nixpkgs_nodes = l
        .nixpkgs_nodes()
        .into_iter()
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
        nixpkgs_nodes,
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
