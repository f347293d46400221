//! What `git status` would say about a flake's `.nix` files, found without running git.
//!
//! The audit runs as root over repositories other people control, and git obeys the
//! repository it looks at: a `.gitattributes` `filter=` whose `clean` command sits in
//! `.git/config` runs during `git status`, so do fsmonitor hooks and other config-driven
//! programs. So the flake probe never starts git. This module reads the repository as data:
//!
//! - [`locate`] finds the repository the way Nix does for a flake directory (the directory or
//!   the nearest parent with a `.git` directory, or a `.git` file `gitdir: …` of a worktree,
//!   with `commondir`); every path is a *logical* path resolved by the caller's [`RepoFs`],
//!   which confines it to the audited root.
//! - [`config`] reads the few config keys that change the answer (`extensions.objectFormat`,
//!   `core.autocrlf`, `core.filemode`, `core.worktree`) as text.
//! - [`index`] parses `.git/index` (versions 2 to 4, checksum verified, bounded).
//! - [`pattern`] implements gitignore and gitattributes matching.
//! - [`status`] walks the work tree under the flake directory (bounded in entries and depth,
//!   never into `.git`, nested repositories or through symlinks) for `.nix` files that are
//!   neither in the index nor ignored, and compares each tracked `.nix` file with its index
//!   entry: stat data first, and where that does not prove it unchanged, the blob id of the
//!   content (`blob <len>\0…`, SHA-1 or SHA-256). Content that git would pass through a
//!   filter, an encoding, or an end-of-line conversion that matters for it cannot be compared
//!   exactly without running those: such a file is [`Unchecked`], never guessed.

pub mod config;
pub mod index;
pub mod pattern;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ffi::OsStr;
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::fs::{DirEntry, FileKind, FsError, Meta, RootDir};
use crate::host::DIR_ENTRIES_CAP;
use config::Config;
use index::{Index, IndexError, ObjectFormat, MODE_EXEC, MODE_GITLINK, MODE_SYMLINK};
use pattern::{AttrFile, AttrState, PatternList};

/// Largest `.gitignore`, `.gitattributes`, config or `info/exclude` read (1 MiB; git itself
/// refuses pattern files over 100 MiB).
pub const MAX_SMALL_FILE: u64 = 1024 * 1024;
/// Largest `.git` file, `commondir` or `HEAD` read.
const MAX_POINTER_FILE: u64 = 4096;
/// How many parent directories are searched for `.git`.
const MAX_PARENTS: usize = 64;

/// The file access the reader needs, on *logical* paths (as the audited system names them).
/// [`RootDir`] (the host's confined file API) implements it; the reader never opens a path
/// by itself.
pub trait RepoFs {
    /// Read a regular file (links followed inside the root), at most `cap` bytes.
    fn read_file(&self, path: &Path, cap: u64) -> Result<Vec<u8>, FsError>;
    /// List a directory (links followed inside the root); each entry's own kind.
    fn read_dir(&self, path: &Path) -> Result<Vec<DirEntry>, FsError>;
    /// `lstat`: the path itself, not a final link's target.
    fn symlink_metadata(&self, path: &Path) -> Result<Meta, FsError>;
    /// A symlink's target, as bytes.
    fn read_link(&self, path: &Path) -> Result<Vec<u8>, FsError>;
    /// `lstat` of each of `names` (single path components) in the directory `dir`: the
    /// directory is resolved once, each name is looked up in it without following a link.
    fn symlink_metadata_in(
        &self,
        dir: &Path,
        names: &[&OsStr],
    ) -> Result<Vec<Result<Meta, FsError>>, FsError> {
        Ok(names
            .iter()
            .map(|n| self.symlink_metadata(&dir.join(n)))
            .collect())
    }
}

impl RepoFs for RootDir {
    fn read_file(&self, path: &Path, cap: u64) -> Result<Vec<u8>, FsError> {
        RootDir::read_file(self, path, cap)
    }

    fn read_dir(&self, path: &Path) -> Result<Vec<DirEntry>, FsError> {
        RootDir::read_dir(self, path, DIR_ENTRIES_CAP)
    }

    fn symlink_metadata(&self, path: &Path) -> Result<Meta, FsError> {
        RootDir::symlink_metadata(self, path)
    }

    fn read_link(&self, path: &Path) -> Result<Vec<u8>, FsError> {
        Ok(RootDir::read_link(self, path)?.into_os_string().into_vec())
    }

    /// One confined open of `dir`, then `fstatat(AT_SYMLINK_NOFOLLOW)` per name: a name is one
    /// component (the index parser refuses `.`, `..` and empty ones), so it cannot leave `dir`.
    fn symlink_metadata_in(
        &self,
        dir: &Path,
        names: &[&OsStr],
    ) -> Result<Vec<Result<Meta, FsError>>, FsError> {
        let fd = self.open_dir(dir)?;
        Ok(names
            .iter()
            .map(|n| {
                let path = || dir.join(n);
                match rustix::fs::statat(&fd, *n, rustix::fs::AtFlags::SYMLINK_NOFOLLOW) {
                    Ok(st) => Ok(Meta::of(&st)),
                    Err(rustix::io::Errno::NOENT) => Err(FsError::NotFound { path: path() }),
                    Err(e) => Err(FsError::Io {
                        path: path(),
                        source: e.into(),
                    }),
                }
            })
            .collect())
    }
}

/// Bounds of one status run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Most directory entries the walk looks at.
    pub max_walk_entries: usize,
    /// Deepest directory the walk enters, counted from the flake directory.
    pub max_depth: usize,
    /// Largest tracked file whose content is hashed.
    pub max_hash_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_walk_entries: 200_000,
            max_depth: 64,
            max_hash_bytes: 64 * 1024 * 1024,
        }
    }
}

/// Why the repository could not be read; every variant names the path and what failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GitError {
    /// A `.git` file that does not point at a repository.
    #[error("{}: {reason}", path.display())]
    BadGitFile {
        /// The `.git` file.
        path: PathBuf,
        /// What is wrong.
        reason: String,
    },
    /// A file of the repository could not be read.
    #[error("{}: {reason}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// The index could not be parsed or is of a kind the reader refuses.
    #[error("{}: {source}", path.display())]
    Index {
        /// The index file.
        path: PathBuf,
        /// What is wrong with it.
        source: IndexError,
    },
    /// A repository setting the reader does not implement.
    #[error("{0}")]
    Unsupported(String),
    /// The work tree is larger than [`Limits`] allow.
    #[error("{0}")]
    TooLarge(String),
}

/// How a tracked file differs from its index entry (the second column of `git status`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Change {
    /// Content differs.
    Modified,
    /// The file is gone (or a directory or a path through a symlink is there instead).
    Deleted,
    /// A file became a symlink or the other way round.
    TypeChanged,
    /// The executable bit changed (`core.filemode`).
    ModeChanged,
    /// An unresolved merge conflict (stages 1 to 3).
    Unmerged,
    /// Added with `git add -N`: known, content not staged.
    IntentToAdd,
}

/// A tracked file whose state cannot be known without running what git would run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unchecked {
    /// Path relative to the work tree.
    pub path: Vec<u8>,
    /// Why: `filter=…`, `working-tree-encoding`, CR bytes under eol conversion, size.
    pub reason: String,
}

/// Where the repository is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repo {
    /// The work tree root (logical).
    pub worktree: PathBuf,
    /// The git directory (`.git`, or `…/.git/worktrees/<name>` for a linked worktree).
    pub git_dir: PathBuf,
    /// The common directory (config, info/exclude); the git directory unless `commondir`.
    pub common_dir: PathBuf,
}

/// The answer for one flake directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepoStatus {
    /// The repository.
    pub repo: Repo,
    /// The flake directory relative to the work tree (`""` or `dir/`): only paths under it
    /// are reported.
    pub prefix: Vec<u8>,
    /// The object format.
    pub object_format: ObjectFormat,
    /// Index version, `None` when there is no index yet (nothing staged).
    pub index_version: Option<u32>,
    /// Index entries.
    pub index_entries: usize,
    /// Directory entries the walk looked at.
    pub walked: usize,
    /// `.nix` files neither in the index nor ignored, sorted.
    pub untracked: Vec<Vec<u8>>,
    /// Tracked `.nix` files that differ from the index, sorted.
    pub unstaged: Vec<(Vec<u8>, Change)>,
    /// Tracked `.nix` files that could not be compared, sorted.
    pub unchecked: Vec<Unchecked>,
}

fn os(b: &[u8]) -> &OsStr {
    OsStr::from_bytes(b)
}

fn join(dir: &Path, rel: &[u8]) -> PathBuf {
    if rel.is_empty() {
        dir.to_path_buf()
    } else {
        dir.join(os(rel))
    }
}

/// Join a path a repository file names (`gitdir: …`, `commondir`) to the directory it is
/// relative to; an absolute one is a logical path of the audited system.
fn pointer(base: &Path, text: &[u8]) -> PathBuf {
    let p = Path::new(os(text));
    if p.is_absolute() {
        p.to_path_buf()
    } else {
        base.join(p)
    }
}

fn trim_line(b: &[u8]) -> &[u8] {
    let end = b
        .iter()
        .rposition(|c| !matches!(c, b'\n' | b'\r' | b' ' | b'\t'))
        .map_or(0, |i| i + 1);
    &b[..end]
}

/// A file that may be missing: `Ok(None)` when it is.
fn read_optional(fs: &dyn RepoFs, path: &Path, cap: u64) -> Result<Option<Vec<u8>>, GitError> {
    match fs.read_file(path, cap) {
        Ok(b) => Ok(Some(b)),
        Err(e) if e.is_not_found() => Ok(None),
        Err(e) => Err(GitError::Read {
            path: path.to_path_buf(),
            reason: e.to_string(),
        }),
    }
}

fn is_git_dir(fs: &dyn RepoFs, dir: &Path) -> bool {
    fs.read_file(&dir.join("HEAD"), MAX_POINTER_FILE).is_ok()
}

/// Find the repository holding `dir` (logical, links already resolved): `dir` or the nearest
/// parent with a `.git`. `Ok(None)` when there is none.
pub fn locate(fs: &dyn RepoFs, dir: &Path) -> Result<Option<Repo>, GitError> {
    for d in dir.ancestors().take(MAX_PARENTS) {
        let dot_git = d.join(".git");
        let kind = match fs.symlink_metadata(&dot_git) {
            Ok(m) => m.kind,
            Err(_) => continue,
        };
        let is_dir = match kind {
            FileKind::Dir => true,
            FileKind::Symlink => fs.read_dir(&dot_git).is_ok(),
            _ => false,
        };
        let git_dir = if is_dir {
            if !is_git_dir(fs, &dot_git) {
                continue; // not a repository: git goes on searching upwards too
            }
            dot_git
        } else {
            let bad = |reason: String| GitError::BadGitFile {
                path: dot_git.clone(),
                reason,
            };
            let text = fs
                .read_file(&dot_git, MAX_POINTER_FILE)
                .map_err(|e| bad(e.to_string()))?;
            let target = text
                .strip_prefix(b"gitdir: ")
                .map(trim_line)
                .filter(|t| !t.is_empty())
                .ok_or_else(|| bad("not a `gitdir: <path>` file".into()))?;
            let git_dir = pointer(d, target);
            if !is_git_dir(fs, &git_dir) {
                return Err(bad(format!(
                    "points at {}, which is not a git directory",
                    git_dir.display()
                )));
            }
            git_dir
        };
        let common_dir = match read_optional(fs, &git_dir.join("commondir"), MAX_POINTER_FILE)? {
            Some(t) => pointer(&git_dir, trim_line(&t)),
            None => git_dir.clone(),
        };
        return Ok(Some(Repo {
            worktree: d.to_path_buf(),
            git_dir,
            common_dir,
        }));
    }
    Ok(None)
}

/// Config files read as data, lowest precedence first: the system file and root's global
/// files (their `core.autocrlf` changes how content is compared), then the repository's.
const SYSTEM_CONFIGS: &[&str] = &[
    "/etc/gitconfig",
    "/root/.gitconfig",
    "/root/.config/git/config",
];

/// The system attributes file (git built with `sysconfdir=/etc`, as NixOS and Debian do).
const SYSTEM_ATTRIBUTES: &str = "/etc/gitattributes";

/// How git would convert a file's content on its way into the index.
enum Conversion {
    /// Only conversions that leave some contents alone: the blob id of the raw content is
    /// exact when `eol` (CRLF to LF, named by what asks for it) finds no CR byte and `ident`
    /// no `$Id`.
    Content {
        /// What asks for end-of-line conversion (`text`, `eol`, `crlf`, `core.autocrlf`).
        eol: Option<&'static str>,
        /// The `ident` attribute.
        ident: bool,
    },
    /// A filter or an encoding: only running it would tell.
    Opaque(String),
}

/// The repository's settings that change the answer.
struct Settings {
    format: ObjectFormat,
    autocrlf: bool,
    filemode: bool,
}

fn settings(fs: &dyn RepoFs, repo: &Repo) -> Result<Settings, GitError> {
    let mut global = Config::default();
    for p in SYSTEM_CONFIGS {
        if let Some(t) = read_optional(fs, Path::new(p), MAX_SMALL_FILE)? {
            global.add(&t);
        }
    }
    let mut local = Config::default();
    if let Some(t) = read_optional(fs, &repo.common_dir.join("config"), MAX_SMALL_FILE)? {
        local.add(&t);
    }
    if local.get_bool("extensions", "worktreeconfig") == Some(true) {
        if let Some(t) = read_optional(fs, &repo.git_dir.join("config.worktree"), MAX_SMALL_FILE)? {
            local.add(&t);
        }
    }
    let format = match local.get("extensions", "objectformat") {
        None | Some(None) => ObjectFormat::Sha1,
        Some(Some(v)) if v.eq_ignore_ascii_case("sha1") => ObjectFormat::Sha1,
        Some(Some(v)) if v.eq_ignore_ascii_case("sha256") => ObjectFormat::Sha256,
        Some(Some(v)) => {
            return Err(GitError::Unsupported(format!(
                "object format `{v}` (extensions.objectFormat) is not known"
            )))
        }
    };
    if let Some(Some(w)) = local.get("core", "worktree") {
        return Err(GitError::Unsupported(format!(
            "core.worktree = {w}: the work tree is not beside the repository"
        )));
    }
    let crlf = |c: &Config| match c.get("core", "autocrlf") {
        Some(Some(v)) if v.eq_ignore_ascii_case("input") => Some(true),
        Some(_) => c.get_bool("core", "autocrlf"),
        None => None,
    };
    let autocrlf = crlf(&local).or_else(|| crlf(&global)).unwrap_or(false);
    let filemode = local
        .get_bool("core", "filemode")
        .or_else(|| global.get_bool("core", "filemode"))
        .unwrap_or(true);
    Ok(Settings {
        format,
        autocrlf,
        filemode,
    })
}

/// The ignore files in force while walking: `info/exclude` and one list per directory.
struct Ignores {
    exclude: PatternList,
    /// `.gitignore` of each directory from the top of the work tree down to the current one.
    stack: Vec<(Vec<u8>, PatternList)>,
}

impl Ignores {
    /// Whether `path` is ignored: the deepest `.gitignore` with a matching rule decides, then
    /// `info/exclude`.
    fn ignored(&self, path: &[u8], is_dir: bool) -> bool {
        for (_, l) in self.stack.iter().rev() {
            if let Some(d) = l.decide(path, is_dir) {
                return d;
            }
        }
        self.exclude.decide(path, is_dir).unwrap_or(false)
    }

    /// Keep only the lists of `dir` and its parents.
    fn enter(&mut self, dir: &[u8]) {
        while self
            .stack
            .last()
            .is_some_and(|(base, _)| !dir.starts_with(base))
        {
            self.stack.pop();
        }
    }
}

/// Read an in-tree pattern file (`.gitignore`, `.gitattributes`) of the directory `dir_rel`,
/// when the listing shows a regular file (git does not follow such links either).
fn in_tree_file(
    fs: &dyn RepoFs,
    worktree: &Path,
    dir_rel: &[u8],
    name: &str,
) -> Result<Option<Vec<u8>>, GitError> {
    let path = join(worktree, dir_rel).join(name);
    match fs.symlink_metadata(&path) {
        Ok(m) if m.kind == FileKind::File => read_optional(fs, &path, MAX_SMALL_FILE),
        _ => Ok(None),
    }
}

/// The status of the `.nix` files under `flake_dir` (logical, links resolved). `Ok(None)`
/// when it is not in a git repository.
pub fn status(
    fs: &dyn RepoFs,
    flake_dir: &Path,
    limits: Limits,
) -> Result<Option<RepoStatus>, GitError> {
    let Some(repo) = locate(fs, flake_dir)? else {
        return Ok(None);
    };
    let settings = settings(fs, &repo)?;
    let index_path = repo.git_dir.join("index");
    let (index, index_mtime) = match fs.symlink_metadata(&index_path) {
        Err(e) if e.is_not_found() => (None, None),
        Err(e) => {
            return Err(GitError::Read {
                path: index_path,
                reason: e.to_string(),
            })
        }
        Ok(m) => {
            let bytes = match fs.read_file(&index_path, index::MAX_INDEX_BYTES) {
                Ok(b) => b,
                Err(FsError::TooLarge { size, .. }) => {
                    return Err(GitError::Index {
                        path: index_path,
                        source: IndexError::TooLarge(size),
                    })
                }
                Err(e) => {
                    return Err(GitError::Read {
                        path: index_path,
                        reason: e.to_string(),
                    })
                }
            };
            let idx = index::parse(&bytes, settings.format).map_err(|source| GitError::Index {
                path: index_path.clone(),
                source,
            })?;
            (Some(idx), Some((m.mtime_sec, m.mtime_nsec)))
        }
    };
    let prefix: Vec<u8> = match flake_dir.strip_prefix(&repo.worktree) {
        Ok(rel) if rel.as_os_str().is_empty() => Vec::new(),
        Ok(rel) => [rel.as_os_str().as_bytes(), b"/"].concat(),
        Err(_) => Vec::new(),
    };
    let empty = Index {
        version: 0,
        entries: Vec::new(),
        skipped_extensions: Vec::new(),
        checksum_skipped: false,
    };
    let idx = index.as_ref().unwrap_or(&empty);

    let (untracked, walked) = untracked_nix(fs, &repo, &prefix, idx, limits)?;
    let mut cmp = Compare {
        fs,
        repo: &repo,
        settings: &settings,
        index_mtime,
        limits,
        dir_kinds: HashMap::new(),
        attr_files: HashMap::new(),
        base_attrs: None,
        unstaged: Vec::new(),
        unchecked: Vec::new(),
    };
    cmp.tracked_nix(idx, &prefix)?;
    let Compare {
        mut unstaged,
        mut unchecked,
        ..
    } = cmp;
    unstaged.sort_by(|a, b| a.0.cmp(&b.0));
    unchecked.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(Some(RepoStatus {
        prefix,
        object_format: settings.format,
        index_version: index.as_ref().map(|i| i.version),
        index_entries: idx.entries.len(),
        walked,
        untracked,
        unstaged,
        unchecked,
        repo,
    }))
}

fn is_nix(path: &[u8]) -> bool {
    path.ends_with(b".nix")
}

/// Walk the work tree under `prefix` for untracked, not ignored `.nix` files.
fn untracked_nix(
    fs: &dyn RepoFs,
    repo: &Repo,
    prefix: &[u8],
    idx: &Index,
    limits: Limits,
) -> Result<(Vec<Vec<u8>>, usize), GitError> {
    let exclude = match read_optional(fs, &repo.common_dir.join("info/exclude"), MAX_SMALL_FILE)? {
        Some(t) => PatternList::parse(b"", &t),
        None => PatternList::default(),
    };
    let mut ign = Ignores {
        exclude,
        stack: Vec::new(),
    };
    let tracked: HashSet<&[u8]> = idx.entries.iter().map(|e| e.path.as_slice()).collect();

    // The directories from the top of the work tree down to the flake directory: their
    // ignore files apply, and an ignored one hides everything below it.
    let mut dir: Vec<u8> = Vec::new();
    let parts: Vec<&[u8]> = prefix
        .split(|c| *c == b'/')
        .filter(|p| !p.is_empty())
        .collect();
    for part in parts {
        if let Some(t) = in_tree_file(fs, &repo.worktree, &dir, ".gitignore")? {
            ign.stack.push((dir.clone(), PatternList::parse(&dir, &t)));
        }
        let sub = [dir.as_slice(), part].concat();
        if ign.ignored(&sub, true) {
            return Ok((Vec::new(), 0));
        }
        dir = [sub.as_slice(), b"/"].concat();
    }

    let mut out = Vec::new();
    let mut walked = 0usize;
    // Depth-first, in name order; (directory relative to the work tree, depth).
    let mut todo: Vec<(Vec<u8>, usize)> = vec![(dir, 0)];
    while let Some((dir, depth)) = todo.pop() {
        ign.enter(&dir);
        let path = join(&repo.worktree, &dir);
        let mut entries = fs.read_dir(&path).map_err(|e| GitError::Read {
            path: path.clone(),
            reason: format!("cannot list the directory: {e}"),
        })?;
        walked += entries.len();
        if walked > limits.max_walk_entries {
            return Err(GitError::TooLarge(format!(
                "the work tree under {} has more than {} entries; not walked to the end",
                join(&repo.worktree, prefix).display(),
                limits.max_walk_entries
            )));
        }
        entries.sort_by(|a, b| b.name.cmp(&a.name)); // reversed: popped in name order
        if depth > 0 && entries.iter().any(|e| e.name == ".git") {
            continue; // a nested repository: git shows it as one untracked directory
        }
        if entries
            .iter()
            .any(|e| e.name == ".gitignore" && e.kind == FileKind::File)
        {
            if let Some(t) = read_optional(fs, &path.join(".gitignore"), MAX_SMALL_FILE)? {
                ign.stack.push((dir.clone(), PatternList::parse(&dir, &t)));
            }
        }
        for e in &entries {
            let name = e.name.as_bytes();
            if name == b".git" {
                continue;
            }
            let rel = [dir.as_slice(), name].concat();
            match e.kind {
                FileKind::Dir => {
                    if tracked.contains(rel.as_slice()) || ign.ignored(&rel, true) {
                        continue; // a gitlink's checkout, or ignored as a whole
                    }
                    if depth + 1 > limits.max_depth {
                        return Err(GitError::TooLarge(format!(
                            "{} is more than {} directories deep; not walked",
                            join(&repo.worktree, &rel).display(),
                            limits.max_depth
                        )));
                    }
                    todo.push(([rel.as_slice(), b"/"].concat(), depth + 1));
                }
                FileKind::File | FileKind::Symlink
                    if is_nix(&rel)
                        && !tracked.contains(rel.as_slice())
                        && !ign.ignored(&rel, false) =>
                {
                    out.push(rel);
                }
                _ => {} // other files; FIFOs, sockets, devices (git lists none of them)
            }
        }
    }
    out.sort();
    Ok((out, walked))
}

/// The comparison of tracked files with the work tree.
struct Compare<'a> {
    fs: &'a dyn RepoFs,
    repo: &'a Repo,
    settings: &'a Settings,
    index_mtime: Option<(i64, u32)>,
    limits: Limits,
    /// Whether each directory is a real directory (not a link, not missing).
    dir_kinds: HashMap<Vec<u8>, bool>,
    /// `.gitattributes` of each directory, read when a file there needs its content compared.
    attr_files: HashMap<Vec<u8>, AttrFile>,
    /// The system file and `info/attributes`.
    base_attrs: Option<(AttrFile, AttrFile)>,
    unstaged: Vec<(Vec<u8>, Change)>,
    unchecked: Vec<Unchecked>,
}

impl Compare<'_> {
    fn tracked_nix(&mut self, idx: &Index, prefix: &[u8]) -> Result<(), GitError> {
        let mut unmerged: HashSet<&[u8]> = HashSet::new();
        // Entries to compare, by directory, so each directory is resolved once.
        let mut by_dir: BTreeMap<&[u8], Vec<&index::IndexEntry>> = BTreeMap::new();
        for e in &idx.entries {
            if !e.path.starts_with(prefix) || !is_nix(&e.path) || e.mode == MODE_GITLINK {
                continue;
            }
            if e.stage != 0 {
                if unmerged.insert(&e.path) {
                    self.unstaged.push((e.path.clone(), Change::Unmerged));
                }
                continue;
            }
            if e.skip_worktree || e.assume_valid {
                continue; // git does not look at these files either
            }
            if e.intent_to_add {
                self.unstaged.push((e.path.clone(), Change::IntentToAdd));
                continue;
            }
            let dir = e
                .path
                .iter()
                .rposition(|c| *c == b'/')
                .map_or(&e.path[..0], |i| &e.path[..i]);
            by_dir.entry(dir).or_default().push(e);
        }
        for (dir, entries) in by_dir {
            if !self.real_dir(dir) {
                for e in entries {
                    self.unstaged.push((e.path.clone(), Change::Deleted));
                }
                continue;
            }
            let names: Vec<&OsStr> = entries
                .iter()
                .map(|e| os(&e.path[if dir.is_empty() { 0 } else { dir.len() + 1 }..]))
                .collect();
            let metas = match self
                .fs
                .symlink_metadata_in(&join(&self.repo.worktree, dir), &names)
            {
                Ok(m) => m,
                Err(err) => entries.iter().map(|_| Err(clone_err(&err))).collect(),
            };
            for (e, m) in entries.into_iter().zip(metas) {
                if let Some(change) = self.compare(e, m)? {
                    self.unstaged.push((e.path.clone(), change));
                }
            }
        }
        Ok(())
    }

    /// Whether `dir` (relative to the work tree) and each directory above it is a real
    /// directory: git does not follow a link there, a file below one counts as deleted.
    fn real_dir(&mut self, dir: &[u8]) -> bool {
        if dir.is_empty() {
            return true;
        }
        let ends = dir
            .iter()
            .enumerate()
            .filter(|(_, c)| **c == b'/')
            .map(|(i, _)| i)
            .chain([dir.len()]);
        for end in ends {
            let d = &dir[..end];
            let ok = match self.dir_kinds.get(d) {
                Some(ok) => *ok,
                None => {
                    let ok = self
                        .fs
                        .symlink_metadata(&join(&self.repo.worktree, d))
                        .is_ok_and(|m| m.kind == FileKind::Dir);
                    self.dir_kinds.insert(d.to_vec(), ok);
                    ok
                }
            };
            if !ok {
                return false;
            }
        }
        true
    }

    fn compare(
        &mut self,
        e: &index::IndexEntry,
        m: Result<Meta, FsError>,
    ) -> Result<Option<Change>, GitError> {
        let path = join(&self.repo.worktree, &e.path);
        let m = match m {
            Ok(m) => m,
            Err(err) if err.is_not_found() => return Ok(Some(Change::Deleted)),
            Err(err) => {
                self.unchecked.push(Unchecked {
                    path: e.path.clone(),
                    reason: format!("cannot stat: {err}"),
                });
                return Ok(None);
            }
        };
        let is_link = e.mode == MODE_SYMLINK;
        match (m.kind, is_link) {
            (FileKind::File, false) | (FileKind::Symlink, true) => {}
            (FileKind::Dir, _) => return Ok(Some(Change::Deleted)),
            _ => return Ok(Some(Change::TypeChanged)),
        }
        if !is_link && self.settings.filemode && ((m.mode & 0o100 != 0) != (e.mode == MODE_EXEC)) {
            return Ok(Some(Change::ModeChanged));
        }
        let size_same = m.len as u32 == e.size;
        if size_same && self.stat_unchanged(e, &m) {
            return Ok(None);
        }
        if !size_same && e.size != 0 {
            // git too calls a file modified when its size differs from the one it recorded.
            return Ok(Some(Change::Modified));
        }
        let content = if is_link {
            match self.fs.read_link(&path) {
                Ok(t) => t,
                Err(err) => {
                    self.unchecked.push(Unchecked {
                        path: e.path.clone(),
                        reason: format!("cannot read the link: {err}"),
                    });
                    return Ok(None);
                }
            }
        } else {
            if m.len > self.limits.max_hash_bytes {
                self.unchecked.push(Unchecked {
                    path: e.path.clone(),
                    reason: format!(
                        "{} bytes, over the {}-byte limit for hashing",
                        m.len, self.limits.max_hash_bytes
                    ),
                });
                return Ok(None);
            }
            let conversion = self.conversion(&e.path)?;
            if let Conversion::Opaque(why) = &conversion {
                self.unchecked.push(Unchecked {
                    path: e.path.clone(),
                    reason: why.clone(),
                });
                return Ok(None);
            }
            let content = match self.fs.read_file(&path, self.limits.max_hash_bytes) {
                Ok(c) => c,
                Err(err) if err.is_not_found() => return Ok(Some(Change::Deleted)),
                Err(err) => {
                    self.unchecked.push(Unchecked {
                        path: e.path.clone(),
                        reason: format!("cannot read: {err}"),
                    });
                    return Ok(None);
                }
            };
            let blocked = match conversion {
                Conversion::Content { eol: Some(why), .. } if content.contains(&b'\r') => {
                    Some(format!("CR bytes under end-of-line conversion ({why})"))
                }
                Conversion::Content { ident: true, .. }
                    if content.windows(3).any(|w| w == b"$Id") =>
                {
                    Some("`ident` attribute and a `$Id` in the content".to_string())
                }
                _ => None,
            };
            if let Some(why) = blocked {
                self.unchecked.push(Unchecked {
                    path: e.path.clone(),
                    reason: why,
                });
                return Ok(None);
            }
            content
        };
        Ok((self.settings.format.blob_id(&content) != e.oid).then_some(Change::Modified))
    }

    /// Whether the stat data proves the file unchanged: every field the file API reports
    /// equals the recorded one, and the entry is not racily clean (written in the same
    /// instant as the index or later, when a change in that instant leaves no trace).
    fn stat_unchanged(&self, e: &index::IndexEntry, m: &Meta) -> bool {
        let t32 = |t: (i64, u32)| (t.0 as u32, t.1);
        if t32((m.mtime_sec, m.mtime_nsec)) != e.mtime
            || t32((m.ctime_sec, m.ctime_nsec)) != e.ctime
            || m.ino as u32 != e.ino
        {
            return false;
        }
        match self.index_mtime {
            Some(im) => (i64::from(e.mtime.0), e.mtime.1) < im,
            None => false,
        }
    }

    /// How git would convert `path`'s content, from the attributes files that apply to it
    /// (lowest precedence first: system, top-level and deeper `.gitattributes`,
    /// `info/attributes`) and `core.autocrlf`.
    fn conversion(&mut self, path: &[u8]) -> Result<Conversion, GitError> {
        if self.base_attrs.is_none() {
            let system = match read_optional(self.fs, Path::new(SYSTEM_ATTRIBUTES), MAX_SMALL_FILE)?
            {
                Some(t) => AttrFile::parse(b"", &t, true),
                None => AttrFile::default(),
            };
            let info = match read_optional(
                self.fs,
                &self.repo.common_dir.join("info/attributes"),
                MAX_SMALL_FILE,
            )? {
                Some(t) => AttrFile::parse(b"", &t, true),
                None => AttrFile::default(),
            };
            self.base_attrs = Some((system, info));
        }
        let mut dirs: Vec<Vec<u8>> = vec![Vec::new()];
        for (i, c) in path.iter().enumerate() {
            if *c == b'/' {
                dirs.push(path[..=i].to_vec());
            }
        }
        for d in &dirs {
            if !self.attr_files.contains_key(d) {
                let f = match in_tree_file(self.fs, &self.repo.worktree, d, ".gitattributes")? {
                    Some(t) => AttrFile::parse(d, &t, d.is_empty()),
                    None => AttrFile::default(),
                };
                self.attr_files.insert(d.clone(), f);
            }
        }
        let Some((system, info)) = &self.base_attrs else {
            return Ok(Conversion::Content {
                eol: None,
                ident: false,
            });
        };
        let mut files: Vec<&AttrFile> = vec![system];
        files.extend(dirs.iter().filter_map(|d| self.attr_files.get(d)));
        files.push(info);
        let a = pattern::attributes(&files, path);
        if let AttrState::Value(v) = a.get("filter") {
            return Ok(Conversion::Opaque(format!(
                "filter={v} (.gitattributes): git would run the filter's clean command"
            )));
        }
        if let AttrState::Value(v) = a.get("working-tree-encoding") {
            return Ok(Conversion::Opaque(format!(
                "working-tree-encoding={v}: git would re-encode the content"
            )));
        }
        let eol = match a.get("text") {
            AttrState::Set | AttrState::Value(_) => Some("text attribute"),
            AttrState::Unset => None,
            AttrState::Unspecified => match (a.get("crlf"), a.get("eol")) {
                (AttrState::Unset, _) => None,
                (AttrState::Set | AttrState::Value(_), _) => Some("crlf attribute"),
                (_, AttrState::Value(_)) => Some("eol attribute"),
                _ if self.settings.autocrlf => Some("core.autocrlf"),
                _ => None,
            },
        };
        Ok(Conversion::Content {
            eol,
            ident: *a.get("ident") == AttrState::Set,
        })
    }
}

/// The same error again (an error for a whole directory stands for each of its entries).
fn clone_err(e: &FsError) -> FsError {
    match e {
        FsError::NotFound { path } => FsError::NotFound { path: path.clone() },
        other => FsError::Io {
            path: other.path().to_path_buf(),
            source: std::io::Error::other(other.to_string()),
        },
    }
}

/// A path for reports: UTF-8 as is, other bytes as `\xNN`, so distinct names stay distinct.
pub fn display_path(b: &[u8]) -> String {
    let mut out = String::new();
    for chunk in b.utf8_chunks() {
        out.push_str(chunk.valid());
        for x in chunk.invalid() {
            out.push_str(&format!("\\x{x:02x}"));
        }
    }
    out
}

#[cfg(test)]
mod tests;
