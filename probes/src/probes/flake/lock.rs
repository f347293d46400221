//! A flake.lock reader that accepts every era Nix wrote and never trusts its input.
//!
//! Versions 5 to 7 are the node graph Nix reads today (`root`, `nodes`, each node with
//! `inputs`, `locked`, `original`; version 5 kept `lastModified`/`narHash` in an `info`
//! object; version 7 added `follows` as an array path). Versions 1 to 4 (2019-2020
//! pre-releases) nested inputs inside inputs, as Nix's own lock reader of March 2020
//! (`LockFile::LockFile`, src/libexpr/flake/lockfile.cc at ae9119167e) read them: version 1
//! `requires`/`nonFlakeRequires` with `uri`; versions 2 and 3 `inputs`/`nonFlakeInputs` with
//! `url`/`uri` and `originalUrl`/`originalUri` strings; version 4 `locked`/`original` (briefly
//! `resolvedRef`/`originalRef`) attribute sets with `info.narHash`/`info.lastModified`.
//! Nix 2.4 and later refuse versions below 5, so those are also reported.
//!
//! The JSON is read into serde-derived structs. Input is capped in size (2 MiB, ten times the
//! largest real lock seen) and in entries (nodes plus inputs, counted while deserializing, so a
//! hostile lock stops before it is built in memory), checked for binary content, and walked
//! with visited sets, so a truncated, looping or huge lock gives a [`LockError`] or a problem,
//! never a hang, a panic or a large allocation.

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::cell::Cell;
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::marker::PhantomData;

/// Largest flake.lock parsed. The largest real lock in the corpus (docs/corpus.md) is 115 KB.
pub const MAX_LOCK_BYTES: u64 = 2 * 1024 * 1024;
/// Most nodes plus inputs parsed. The largest real lock in the corpus has 213 nodes and 376
/// inputs.
pub const MAX_LOCK_ENTRIES: usize = 20_000;
/// Longest `follows` chain resolved.
const MAX_FOLLOWS_STEPS: usize = 64;
/// `follows` edges needed before "the one other inputs follow" names the system's nixpkgs.
const MIN_FOLLOWS_EVIDENCE: usize = 2;
/// Longest input path shown for a nixpkgs copy (real ones are 2-4 deep).
const MAX_PATH_SHOWN: usize = 32;
/// Input names by which a flake asks for "your nixpkgs": copies under these names could follow.
const FOLLOWABLE_INPUT_NAMES: &[&str] = &["nixpkgs", "nixpkgs-lib"];
/// Most nixpkgs copies listed.
const MAX_COPIES_SHOWN: usize = 200;

/// Why a lock file could not be read at all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "kebab-case", tag = "kind", content = "detail")]
pub enum LockError {
    /// Over [`MAX_LOCK_BYTES`].
    #[error("{0} bytes, over the {MAX_LOCK_BYTES}-byte limit; not parsed")]
    TooLarge(u64),
    /// Not a regular file (a FIFO, a directory): what it is. Not read.
    #[error("a {0}, not a regular file; not read")]
    NotRegular(String),
    /// More nodes and inputs than [`MAX_LOCK_ENTRIES`].
    #[error(
        "more than {MAX_LOCK_ENTRIES} nodes and inputs; not parsed (real locks have a few hundred)"
    )]
    TooManyEntries,
    /// NUL bytes or invalid UTF-8: not a JSON text.
    #[error("not a text file ({0})")]
    Binary(String),
    /// Not valid JSON (truncated, edited by hand).
    #[error("invalid JSON: {0}")]
    Json(String),
    /// JSON, but not shaped like any flake.lock.
    #[error("not a flake.lock: {0}")]
    Shape(String),
}

/// A flake reference as the lock writes it (`locked` or `original`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlakeRef {
    /// `type`: github, gitlab, sourcehut, git, path, tarball, file, indirect, mercurial.
    pub kind: String,
    /// `owner` (github, gitlab, sourcehut).
    pub owner: Option<String>,
    /// `repo`.
    pub repo: Option<String>,
    /// `url` (git, tarball, file, mercurial).
    pub url: Option<String>,
    /// `path` (path).
    pub path: Option<String>,
    /// `id` (indirect, a registry name).
    pub id: Option<String>,
    /// `ref`: a branch or tag.
    pub git_ref: Option<String>,
    /// `rev`: the commit.
    pub rev: Option<String>,
    /// `dir`: subdirectory of the flake.
    pub dir: Option<String>,
    /// `lastModified` (Unix seconds): the commit time of `rev`.
    pub last_modified: Option<i64>,
    /// `narHash`.
    pub nar_hash: Option<String>,
}

fn is_rev(s: &str) -> bool {
    s.len() == 40 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The value of `key` in a URL's query string (`?ref=x&rev=y`).
fn query_param(url: &str, key: &str) -> Option<String> {
    let (_, query) = url.split_once('?')?;
    query.split('&').find_map(|kv| {
        let (k, v) = kv.split_once('=')?;
        (k == key).then(|| v.to_string())
    })
}

impl FlakeRef {
    /// Parse a version 1-3 URL string: `github:owner/repo/<rev or ref>`, `gitlab:...`,
    /// `git+https://...?ref=x&rev=y`, `https://.../x.tar.gz`, `path:/x`, `flake:nixpkgs/ref`
    /// or a bare registry name `nixpkgs/release-19.09`.
    fn from_legacy_url(url: &str) -> FlakeRef {
        let mut r = FlakeRef {
            url: Some(url.to_string()),
            ..FlakeRef::default()
        };
        let path_part = url.split(['?', '#']).next().unwrap_or("");
        let forge = ["github", "gitlab", "sourcehut"]
            .into_iter()
            .find_map(|f| Some((f, path_part.strip_prefix(f)?.strip_prefix(':')?)));
        if let Some((forge, rest)) = forge {
            r.kind = forge.into();
            let mut parts = rest.split('/');
            r.owner = parts.next().map(str::to_string);
            r.repo = parts.next().map(str::to_string);
            if let Some(x) = parts.next() {
                if is_rev(x) {
                    r.rev = Some(x.to_string());
                } else {
                    r.git_ref = Some(x.to_string());
                }
            }
        } else if url.starts_with("git+") {
            r.kind = "git".into();
        } else if url.starts_with("http://") || url.starts_with("https://") {
            r.kind = "tarball".into();
        } else if let Some(p) = path_part.strip_prefix("path:") {
            r.kind = "path".into();
            r.path = Some(p.to_string());
        } else if path_part.starts_with('/') {
            r.kind = "path".into();
            r.path = Some(path_part.to_string());
        } else {
            let name = path_part.strip_prefix("flake:").unwrap_or(path_part);
            if !name.contains(':') {
                r.kind = "indirect".into();
                let mut parts = name.split('/');
                r.id = parts.next().map(str::to_string);
                if let Some(x) = parts.next() {
                    if is_rev(x) {
                        r.rev = Some(x.to_string());
                    } else {
                        r.git_ref = Some(x.to_string());
                    }
                }
            }
        }
        if r.git_ref.is_none() {
            r.git_ref = query_param(url, "ref");
        }
        if r.rev.is_none() {
            r.rev = query_param(url, "rev").filter(|x| is_rev(x));
        }
        r
    }

    /// Short human form: `github:NixOS/nixpkgs/nixos-25.11`, `git+URL`, `path:/x`.
    pub fn display(&self) -> String {
        let suffix = self
            .git_ref
            .as_deref()
            .map(|r| format!("/{r}"))
            .unwrap_or_default();
        match self.kind.as_str() {
            "github" | "gitlab" | "sourcehut" => format!(
                "{}:{}/{}{suffix}",
                self.kind,
                self.owner.as_deref().unwrap_or("?"),
                self.repo.as_deref().unwrap_or("?")
            ),
            "indirect" => format!("{}{suffix}", self.id.as_deref().unwrap_or("?")),
            "path" => format!("path:{}", self.path.as_deref().unwrap_or("?")),
            kind => format!("{kind}+{}", self.url.as_deref().unwrap_or("?")),
        }
    }

    /// Whether this reference points at nixpkgs or a fork of it: a `github:`/`gitlab:`/
    /// `sourcehut:` repository named `nixpkgs` (any owner), the registry name `nixpkgs`, a
    /// channel tarball, or a git/tarball/path URL with a `nixpkgs` path segment
    /// (`git+https://git.example.org/me/nixpkgs`, `.../NixOS/nixpkgs/archive/<rev>.tar.gz`,
    /// FlakeHub's `/f/NixOS/nixpkgs/...`). The 2019-2020 `nixpkgs-channels` mirror counts too.
    pub fn is_nixpkgs(&self) -> bool {
        let is_name = |s: &str| {
            let s = s.to_ascii_lowercase();
            let s = s.strip_suffix(".git").unwrap_or(&s);
            s == "nixpkgs" || s == "nixpkgs-channels"
        };
        match self.kind.as_str() {
            "github" | "gitlab" | "sourcehut" if self.repo.is_some() => {
                self.repo.as_deref().is_some_and(is_name)
            }
            "indirect" if self.id.is_some() => self.id.as_deref() == Some("nixpkgs"),
            _ => {
                let target = self.url.as_deref().or(self.path.as_deref()).unwrap_or("");
                let lc = target.to_ascii_lowercase();
                let lc = lc.split(['?', '#']).next().unwrap_or("");
                lc.contains("channels.nixos.org/")
                    || lc.contains("nixos.org/channels/")
                    || lc.replace("%2f", "/").split(['/', ':']).any(is_name)
            }
        }
    }

    /// The nixpkgs branch this reference names: `ref`, or the channel name of a channel
    /// tarball URL, or a FlakeHub version (`0.2505.*` is `nixos-25.05`).
    pub fn branch(&self) -> Option<String> {
        if let Some(r) = &self.git_ref {
            return Some(r.strip_prefix("refs/heads/").unwrap_or(r).to_string());
        }
        let url = self.url.as_deref()?;
        for marker in ["channels.nixos.org/", "nixos.org/channels/", "/archive/"] {
            if let Some(i) = url.find(marker) {
                let rest = &url[i + marker.len()..];
                let name = rest.split('/').next()?.trim_end_matches(".tar.gz");
                if !name.is_empty() && !is_rev(name) {
                    return Some(name.to_string());
                }
            }
        }
        if let Some(i) = url.find("flakehub.com/f/NixOS/nixpkgs/") {
            let v = &url[i + "flakehub.com/f/NixOS/nixpkgs/".len()..];
            let mut parts = v.split('.');
            let (_zero, yymm) = (parts.next()?, parts.next()?);
            if yymm.len() == 4 && yymm.chars().all(|c| c.is_ascii_digit()) {
                return Some(format!("nixos-{}.{}", &yymm[..2], &yymm[2..]));
            }
            if yymm == "1" {
                return Some("nixos-unstable".into());
            }
        }
        None
    }
}

/// How a node's input is given: a node name or a `follows` path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum InputEdge {
    /// A node key.
    Node(String),
    /// A path of input names from the root (`[]` is the root itself).
    Follows(Vec<String>),
}

/// One node of the lock graph.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LockNode {
    /// Its inputs.
    pub inputs: BTreeMap<String, InputEdge>,
    /// `locked`.
    pub locked: Option<FlakeRef>,
    /// `original`.
    pub original: Option<FlakeRef>,
    /// `flake = false` inputs are plain sources.
    pub flake: bool,
}

impl LockNode {
    /// Whether this node's reference is nixpkgs (or a fork of it).
    pub fn is_nixpkgs(&self) -> bool {
        self.locked.as_ref().is_some_and(FlakeRef::is_nixpkgs)
            || self.original.as_ref().is_some_and(FlakeRef::is_nixpkgs)
    }

    /// Whether flake.nix pinned this input to a revision on purpose (`original` has `rev`),
    /// as `nixpkgs-regression` inputs do.
    pub fn pinned_rev(&self) -> bool {
        self.original.as_ref().is_some_and(|o| o.rev.is_some())
    }
}

/// A parsed lock file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lock {
    /// `version`.
    pub version: i64,
    /// The root node's key.
    pub root: String,
    /// Every node by key.
    pub nodes: BTreeMap<String, LockNode>,
    /// Problems with the graph (unknown version, loops, dangling references).
    pub problems: Vec<String>,
}

/// A root input after `follows` are resolved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResolvedInput {
    /// The input's name in the root.
    pub name: String,
    /// The node it ends at (`None` when it follows nothing resolvable).
    pub node: Option<String>,
    /// The `follows` path, when it is one.
    pub follows: Option<Vec<String>>,
}

// ---------------------------------------------------------------------------------------------
// Deserialization: derived structs, with maps that count their entries against one budget.

thread_local! {
    /// Entries (nodes and inputs) the current [`parse`] may still read.
    static BUDGET: Cell<usize> = const { Cell::new(0) };
}

const BUDGET_EXHAUSTED: &str = "nixbtw: lock entry budget exhausted";

/// What a [`Capped`] map's entries are called in error messages.
trait Label {
    const NAME: &'static str;
}
struct NodeLabel;
impl Label for NodeLabel {
    const NAME: &'static str = "node";
}
struct InputLabel;
impl Label for InputLabel {
    const NAME: &'static str = "input";
}

/// A JSON object read into a map, each entry charged to [`BUDGET`], errors naming the entry.
struct Capped<V, L>(BTreeMap<String, V>, PhantomData<L>);

impl<V, L> Default for Capped<V, L> {
    fn default() -> Self {
        Capped(BTreeMap::new(), PhantomData)
    }
}

/// The message of a nested error without serde_json's position suffix (the outer error gets
/// its own).
fn bare_message(e: &impl std::fmt::Display) -> String {
    let s = e.to_string();
    match s.rsplit_once(" at line ") {
        Some((m, _)) => m.to_string(),
        None => s,
    }
}

impl<'de, V: Deserialize<'de>, L: Label> Deserialize<'de> for Capped<V, L> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V2<V, L>(PhantomData<(V, L)>);
        impl<'de, V: Deserialize<'de>, L: Label> Visitor<'de> for V2<V, L> {
            type Value = Capped<V, L>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "an object of {}s", L::NAME)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out = BTreeMap::new();
                while let Some(key) = map.next_key::<String>()? {
                    let left = BUDGET.with(Cell::get);
                    if left == 0 {
                        return Err(de::Error::custom(BUDGET_EXHAUSTED));
                    }
                    BUDGET.with(|b| b.set(left - 1));
                    let value = map.next_value::<V>().map_err(|e| {
                        let m = bare_message(&e);
                        if m.contains(BUDGET_EXHAUSTED) {
                            de::Error::custom(BUDGET_EXHAUSTED)
                        } else {
                            de::Error::custom(format_args!("{} `{key}`: {m}", L::NAME))
                        }
                    })?;
                    out.insert(key, value);
                }
                Ok(Capped(out, PhantomData))
            }
        }
        d.deserialize_map(V2(PhantomData))
    }
}

/// A lock as written, every era's fields optional.
#[derive(Deserialize)]
struct RawLock {
    version: i64,
    #[serde(default)]
    root: Option<String>,
    #[serde(default)]
    nodes: Option<Capped<RawNode, NodeLabel>>,
    // Versions 1 to 4: the root's inputs, nested.
    #[serde(default)]
    inputs: Option<Capped<RawLegacy, InputLabel>>,
    #[serde(default, rename = "nonFlakeInputs")]
    non_flake_inputs: Option<Capped<RawLegacy, InputLabel>>,
    #[serde(default)]
    requires: Option<Capped<RawLegacy, InputLabel>>,
    #[serde(default, rename = "nonFlakeRequires")]
    non_flake_requires: Option<Capped<RawLegacy, InputLabel>>,
}

/// One node of a version 5-7 lock.
#[derive(Deserialize)]
struct RawNode {
    #[serde(default)]
    inputs: Capped<RawEdge, InputLabel>,
    #[serde(default)]
    locked: Option<RawRef>,
    #[serde(default)]
    original: Option<RawRef>,
    /// Version 5 kept `lastModified` and `narHash` here.
    #[serde(default)]
    info: Option<RawInfo>,
    #[serde(default)]
    flake: Option<bool>,
}

#[derive(Deserialize)]
#[serde(
    untagged,
    expecting = "a node name or a follows path (an array of input names)"
)]
enum RawEdge {
    Node(String),
    Follows(Vec<String>),
}

/// A flake reference in attribute form.
#[derive(Deserialize)]
struct RawRef {
    #[serde(default, rename = "type")]
    kind: Option<String>,
    #[serde(default)]
    owner: Option<String>,
    #[serde(default)]
    repo: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    path: Option<String>,
    #[serde(default)]
    id: Option<String>,
    #[serde(default, rename = "ref")]
    git_ref: Option<String>,
    #[serde(default)]
    rev: Option<String>,
    #[serde(default)]
    dir: Option<String>,
    #[serde(default, rename = "lastModified")]
    last_modified: Option<i64>,
    #[serde(default, rename = "narHash")]
    nar_hash: Option<String>,
}

impl From<RawRef> for FlakeRef {
    fn from(r: RawRef) -> FlakeRef {
        FlakeRef {
            kind: r.kind.unwrap_or_default(),
            owner: r.owner,
            repo: r.repo,
            url: r.url,
            path: r.path,
            id: r.id,
            git_ref: r.git_ref,
            rev: r.rev,
            dir: r.dir,
            last_modified: r.last_modified,
            nar_hash: r.nar_hash,
        }
    }
}

#[derive(Deserialize)]
struct RawInfo {
    #[serde(default, rename = "lastModified")]
    last_modified: Option<i64>,
    #[serde(default, rename = "narHash")]
    nar_hash: Option<String>,
    #[serde(default)]
    rev: Option<String>,
}

/// An input of a version 1-4 lock, with its own inputs nested inside.
#[derive(Deserialize)]
struct RawLegacy {
    #[serde(default)]
    inputs: Option<Capped<RawLegacy, InputLabel>>,
    #[serde(default, rename = "nonFlakeInputs")]
    non_flake_inputs: Option<Capped<RawLegacy, InputLabel>>,
    #[serde(default)]
    requires: Option<Capped<RawLegacy, InputLabel>>,
    #[serde(default, rename = "nonFlakeRequires")]
    non_flake_requires: Option<Capped<RawLegacy, InputLabel>>,
    /// Versions 1-3: the locked reference as a URL (`uri` until October 2019).
    #[serde(default, alias = "uri")]
    url: Option<String>,
    #[serde(default, rename = "originalUrl", alias = "originalUri")]
    original_url: Option<String>,
    /// Version 4: attribute forms (`resolvedRef`/`originalRef` for a few days in 2020).
    #[serde(default, alias = "resolvedRef")]
    locked: Option<RawRef>,
    #[serde(default, alias = "originalRef")]
    original: Option<RawRef>,
    #[serde(default)]
    info: Option<RawInfo>,
    #[serde(default, rename = "narHash")]
    nar_hash: Option<String>,
    #[serde(default)]
    flake: Option<bool>,
}

/// Parse a lock file's bytes.
pub fn parse(bytes: &[u8]) -> Result<Lock, LockError> {
    if bytes.len() as u64 > MAX_LOCK_BYTES {
        return Err(LockError::TooLarge(bytes.len() as u64));
    }
    if bytes.contains(&0) {
        return Err(LockError::Binary("contains NUL bytes".into()));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| LockError::Binary(e.to_string()))?;
    // Syntax first (no allocation, serde_json's recursion limit), so a truncated file is
    // "invalid JSON" rather than a shape error of whichever node it was cut in.
    serde_json::from_str::<de::IgnoredAny>(text).map_err(|e| LockError::Json(e.to_string()))?;
    BUDGET.with(|b| b.set(MAX_LOCK_ENTRIES));
    let raw: Result<RawLock, _> = serde_json::from_str(text);
    BUDGET.with(|b| b.set(0));
    let raw = raw.map_err(|e| {
        if e.to_string().contains(BUDGET_EXHAUSTED) {
            LockError::TooManyEntries
        } else if e.is_data() {
            LockError::Shape(e.to_string())
        } else {
            LockError::Json(e.to_string())
        }
    })?;
    let version = raw.version;
    let mut problems = Vec::new();
    if version > 7 {
        problems.push(format!(
            "unknown lock version {version} (Nix reads 5 to 7); read as version 7"
        ));
    }
    if version < 5 {
        problems.push(format!(
            "lock version {version} is from a 2019-2020 pre-release; Nix 2.4 and later refuse it"
        ));
        return Ok(from_legacy(raw, version, problems));
    }
    let Some(raw_nodes) = raw.nodes else {
        return Err(LockError::Shape("no `nodes` object".into()));
    };
    let root = raw.root.unwrap_or_else(|| "root".to_string());
    let nodes: BTreeMap<String, LockNode> = raw_nodes
        .0
        .into_iter()
        .map(|(key, n)| (key, node_from_raw(n)))
        .collect();
    if !nodes.contains_key(&root) {
        return Err(LockError::Shape(format!("root node `{root}` is missing")));
    }
    let mut lock = Lock {
        version,
        root,
        nodes,
        problems,
    };
    lock.check_graph();
    Ok(lock)
}

fn with_info(mut r: FlakeRef, info: Option<&RawInfo>, nar_hash: Option<&String>) -> FlakeRef {
    if let Some(info) = info {
        r.last_modified = r.last_modified.or(info.last_modified);
        r.nar_hash = r.nar_hash.or_else(|| info.nar_hash.clone());
        r.rev = r.rev.or_else(|| info.rev.clone());
    }
    r.nar_hash = r.nar_hash.or_else(|| nar_hash.cloned());
    r
}

fn node_from_raw(n: RawNode) -> LockNode {
    let inputs = n
        .inputs
        .0
        .into_iter()
        .map(|(k, e)| {
            let edge = match e {
                RawEdge::Node(s) => InputEdge::Node(s),
                RawEdge::Follows(p) => InputEdge::Follows(p),
            };
            (k, edge)
        })
        .collect();
    LockNode {
        inputs,
        locked: n.locked.map(|r| with_info(r.into(), n.info.as_ref(), None)),
        original: n.original.map(FlakeRef::from),
        flake: n.flake.unwrap_or(true),
    }
}

/// Flatten a version 1-4 tree into nodes keyed by their input path (`home-manager/nixpkgs`).
fn from_legacy(raw: RawLock, version: i64, problems: Vec<String>) -> Lock {
    let mut nodes = BTreeMap::new();
    let mut root = LockNode::default();
    let mut queue: VecDeque<(String, RawLegacy, bool)> = VecDeque::new();
    let groups = [
        (raw.inputs, true),
        (raw.requires, true),
        (raw.non_flake_inputs, false),
        (raw.non_flake_requires, false),
    ];
    for (group, flake) in groups {
        for (k, v) in group.map(|g| g.0).unwrap_or_default() {
            root.inputs.insert(k.clone(), InputEdge::Node(k.clone()));
            queue.push_back((k, v, flake));
        }
    }
    while let Some((key, v, flake)) = queue.pop_front() {
        let locked = match (v.locked, &v.url) {
            (Some(r), _) => Some(FlakeRef::from(r)),
            (None, Some(u)) => Some(FlakeRef::from_legacy_url(u)),
            (None, None) => None,
        };
        let original = match (v.original, &v.original_url) {
            (Some(r), _) => Some(FlakeRef::from(r)),
            (None, Some(u)) => Some(FlakeRef::from_legacy_url(u)),
            (None, None) => None,
        };
        let mut node = LockNode {
            locked: locked.map(|r| with_info(r, v.info.as_ref(), v.nar_hash.as_ref())),
            original,
            flake: v.flake.unwrap_or(flake),
            ..LockNode::default()
        };
        let children = [
            (v.inputs, true),
            (v.requires, true),
            (v.non_flake_inputs, false),
            (v.non_flake_requires, false),
        ];
        for (group, child_flake) in children {
            for (k, sub) in group.map(|g| g.0).unwrap_or_default() {
                let sub_key = format!("{key}/{k}");
                node.inputs.insert(k, InputEdge::Node(sub_key.clone()));
                queue.push_back((sub_key, sub, child_flake));
            }
        }
        nodes.insert(key, node);
    }
    nodes.insert("root".into(), root);
    Lock {
        version,
        root: "root".into(),
        nodes,
        problems,
    }
}

// ---------------------------------------------------------------------------------------------
// Which nixpkgs the system is built from, and which copies could follow it.

/// What identified the system's nixpkgs among the lock's nixpkgs inputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum NixpkgsEvidence {
    /// The running system's nixpkgs revision (from its NixOS version, `25.11.20251120.abc1234`)
    /// is this node's locked revision.
    SystemRevision,
    /// The root input called `nixpkgs`.
    InputNamedNixpkgs,
    /// It is the only nixpkgs among the root inputs.
    OnlyNixpkgsInput,
    /// At least two other inputs `follows` it, more than any other nixpkgs.
    FollowedByOtherInputs,
}

/// The nixpkgs the system is built from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NixpkgsChoice {
    /// The root input to update (`nix flake update <input>`): the one whose edge owns the node.
    pub input: String,
    /// The lock node.
    pub node: String,
    /// What identified it.
    pub evidence: NixpkgsEvidence,
    /// The evidence in words, for the report.
    pub detail: String,
}

/// The revision the running system reports for its nixpkgs, and where it was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SystemRevision {
    /// Abbreviated commit (at least 7 hex digits).
    pub rev: String,
    /// Where it came from (`/etc/os-release BUILD_ID=25.11.20251120.abc1234`).
    pub source: String,
}

impl SystemRevision {
    /// The nixpkgs revision in a NixOS version string such as `25.11.20251120.abc1234`,
    /// `25.11.20251120.abc1234 (Xantusia)` or `NixOS 25.11.20251120.abc1234 (Linux 6.12)`:
    /// the last dot-separated part when it is 7-40 hex digits after an 8-digit date.
    pub fn from_version(version: &str, source: &str) -> Option<SystemRevision> {
        let word = version
            .split_whitespace()
            .find(|w| w.chars().next().is_some_and(|c| c.is_ascii_digit()))?;
        let mut parts = word.rsplit('.');
        let rev = parts.next()?;
        let date = parts.next()?;
        let ok_rev = (7..=40).contains(&rev.len()) && rev.bytes().all(|b| b.is_ascii_hexdigit());
        let ok_date = date.len() == 8 && date.bytes().all(|b| b.is_ascii_digit());
        (ok_rev && ok_date).then(|| SystemRevision {
            rev: rev.to_ascii_lowercase(),
            source: source.to_string(),
        })
    }
}

/// A transitive nixpkgs that could follow the system's instead of bringing its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NixpkgsCopy {
    /// The input path from the root (`home-manager/nixpkgs`).
    pub path: Vec<String>,
    /// The lock node.
    pub node: String,
    /// Its reference, for the report.
    pub shown: String,
    /// Whether it is locked to the same revision as the system's nixpkgs.
    pub same_rev: bool,
}

impl Lock {
    /// Record dangling node references and loops among node edges reachable from the root.
    fn check_graph(&mut self) {
        let mut problems = Vec::new();
        // Iterative DFS with colours: 1 = on stack, 2 = done.
        let mut colour: BTreeMap<&str, u8> = BTreeMap::new();
        let mut stack: Vec<(&str, Vec<&str>)> = Vec::new();
        let children = |k: &str| -> Vec<&str> {
            self.nodes.get(k).map_or_else(Vec::new, |n| {
                n.inputs
                    .values()
                    .filter_map(|e| match e {
                        InputEdge::Node(s) => Some(s.as_str()),
                        InputEdge::Follows(_) => None,
                    })
                    .collect()
            })
        };
        let mut reported_loop = false;
        let mut dangling = BTreeSet::new();
        colour.insert(self.root.as_str(), 1);
        stack.push((self.root.as_str(), children(&self.root)));
        while let Some((key, mut kids)) = stack.pop() {
            match kids.pop() {
                None => {
                    colour.insert(key, 2);
                }
                Some(child) => {
                    stack.push((key, kids));
                    if !self.nodes.contains_key(child) {
                        dangling.insert(child.to_string());
                        continue;
                    }
                    match colour.get(child) {
                        Some(1) if !reported_loop => {
                            reported_loop = true;
                            let path: Vec<&str> = stack.iter().map(|(k, _)| *k).collect();
                            problems.push(format!(
                                "node loop: {} -> {child} (Nix never writes one; the lock was edited or corrupted)",
                                path.join(" -> ")
                            ));
                        }
                        Some(_) => {}
                        None => {
                            colour.insert(child, 1);
                            let c = children(child);
                            stack.push((child, c));
                        }
                    }
                }
            }
        }
        for d in dangling {
            problems.push(format!(
                "an input refers to node `{d}`, which does not exist"
            ));
        }
        self.problems.extend(problems);
    }

    /// Follow an input path from the root (Nix's `findInput`), bounded.
    pub fn find_input(&self, path: &[String]) -> Option<String> {
        let mut steps = 0usize;
        self.find_input_inner(path, &mut steps)
    }

    fn find_input_inner(&self, path: &[String], steps: &mut usize) -> Option<String> {
        let mut cur = self.root.clone();
        for name in path {
            *steps += 1;
            if *steps > MAX_FOLLOWS_STEPS {
                return None;
            }
            let edge = self.nodes.get(&cur)?.inputs.get(name)?;
            cur = match edge {
                InputEdge::Node(k) => k.clone(),
                InputEdge::Follows(p) => self.find_input_inner(p, steps)?,
            };
        }
        Some(cur)
    }

    /// The root's inputs with `follows` resolved.
    pub fn root_inputs(&self) -> Vec<ResolvedInput> {
        let Some(root) = self.nodes.get(&self.root) else {
            return Vec::new();
        };
        root.inputs
            .iter()
            .map(|(name, edge)| match edge {
                InputEdge::Node(k) => ResolvedInput {
                    name: name.clone(),
                    node: self.nodes.contains_key(k).then(|| k.clone()),
                    follows: None,
                },
                InputEdge::Follows(p) => ResolvedInput {
                    name: name.clone(),
                    node: self.find_input(p).filter(|k| *k != self.root),
                    follows: Some(p.clone()),
                },
            })
            .collect()
    }

    /// Every node reachable from the root over node edges, with the edge that first reached it
    /// (parent node, input name); the root has none. Breadth-first with a visited set, so
    /// loops end and each node is queued once.
    pub fn reachable(&self) -> BTreeMap<String, Option<(String, String)>> {
        let mut seen: BTreeMap<String, Option<(String, String)>> = BTreeMap::new();
        if !self.nodes.contains_key(&self.root) {
            return seen;
        }
        seen.insert(self.root.clone(), None);
        let mut todo = VecDeque::from([self.root.clone()]);
        while let Some(k) = todo.pop_front() {
            let Some(n) = self.nodes.get(&k) else {
                continue;
            };
            for (name, e) in &n.inputs {
                if let InputEdge::Node(c) = e {
                    if self.nodes.contains_key(c) && !seen.contains_key(c) {
                        seen.insert(c.clone(), Some((k.clone(), name.clone())));
                        todo.push_back(c.clone());
                    }
                }
            }
        }
        seen
    }

    /// The input path from the root to `node` in a [`Lock::reachable`] map, at most
    /// [`MAX_PATH_SHOWN`] names (the nearest ones kept when longer).
    fn path_to(reach: &BTreeMap<String, Option<(String, String)>>, node: &str) -> Vec<String> {
        let mut path = Vec::new();
        let mut cur = node;
        while let Some(Some((parent, name))) = reach.get(cur) {
            if path.len() == MAX_PATH_SHOWN {
                path.push("…".to_string());
                break;
            }
            path.push(name.clone());
            cur = parent;
        }
        path.reverse();
        path
    }

    /// Keys of the nodes used as nixpkgs: a nixpkgs reference (forks included), or the target
    /// of an input called `nixpkgs` (a flake that names its input `nixpkgs` uses it as one,
    /// whatever repository it points at: `cachix/devenv-nixpkgs`).
    pub fn nixpkgs_like(&self) -> BTreeSet<String> {
        let mut out: BTreeSet<String> = self
            .nodes
            .iter()
            .filter(|(_, n)| n.is_nixpkgs())
            .map(|(k, _)| k.clone())
            .collect();
        for n in self.nodes.values() {
            if let Some(InputEdge::Node(k)) = n.inputs.get("nixpkgs") {
                if self.nodes.contains_key(k) {
                    out.insert(k.clone());
                }
            }
        }
        if let Some(k) = self
            .root_inputs()
            .into_iter()
            .find(|i| i.name == "nixpkgs")
            .and_then(|i| i.node)
        {
            out.insert(k);
        }
        out.remove(&self.root);
        out
    }

    /// Keys of the nixpkgs nodes reachable from the root.
    pub fn nixpkgs_nodes(&self) -> Vec<String> {
        let like = self.nixpkgs_like();
        self.reachable()
            .into_keys()
            .filter(|k| like.contains(k))
            .collect()
    }

    /// How many `follows` edges anywhere in the lock end at each node (one pass, each follows
    /// path resolved once).
    fn follows_counts(&self) -> BTreeMap<String, usize> {
        let mut counts = BTreeMap::new();
        for e in self.nodes.values().flat_map(|n| n.inputs.values()) {
            if let InputEdge::Follows(p) = e {
                if let Some(k) = self.find_input(p) {
                    *counts.entry(k).or_insert(0) += 1;
                }
            }
        }
        counts
    }

    /// The nixpkgs the system is built from, by evidence (strongest first): the node whose
    /// locked revision is the running system's, the root input called `nixpkgs`, the only
    /// nixpkgs root input, the nixpkgs at least two other inputs follow (more than any other).
    /// `None` when the root inputs hold several nixpkgs and nothing tells them apart.
    pub fn system_nixpkgs(&self, system: Option<&SystemRevision>) -> Option<NixpkgsChoice> {
        let like = self.nixpkgs_like();
        let inputs = self.root_inputs();
        // Root inputs that are nixpkgs, by node; the owning input is the one with a node edge.
        let mut candidates: BTreeMap<String, Vec<&ResolvedInput>> = BTreeMap::new();
        for i in &inputs {
            if let Some(n) = &i.node {
                if like.contains(n) {
                    candidates.entry(n.clone()).or_default().push(i);
                }
            }
        }
        let owner = |node: &str| -> String {
            let list = candidates.get(node);
            list.and_then(|l| l.iter().find(|i| i.follows.is_none()))
                .or_else(|| list.and_then(|l| l.first()))
                .map_or_else(|| node.to_string(), |i| i.name.clone())
        };
        let rev_of = |node: &str| {
            self.nodes
                .get(node)
                .and_then(|n| n.locked.as_ref())
                .and_then(|l| l.rev.clone())
        };
        if let Some(sys) = system {
            let matching: Vec<&String> = candidates
                .keys()
                .filter(|k| rev_of(k).is_some_and(|r| r.to_ascii_lowercase().starts_with(&sys.rev)))
                .collect();
            if let [node] = matching.as_slice() {
                return Some(NixpkgsChoice {
                    input: owner(node),
                    node: (*node).clone(),
                    evidence: NixpkgsEvidence::SystemRevision,
                    detail: format!(
                        "its locked revision starts with {}, the running system's nixpkgs revision ({})",
                        sys.rev, sys.source
                    ),
                });
            }
        }
        if let Some(i) = inputs.iter().find(|i| i.name == "nixpkgs") {
            if let Some(node) = &i.node {
                let via = i
                    .follows
                    .as_ref()
                    .map(|p| format!(" (it follows `{}`)", p.join("/")))
                    .unwrap_or_default();
                return Some(NixpkgsChoice {
                    input: owner(node),
                    node: node.clone(),
                    evidence: NixpkgsEvidence::InputNamedNixpkgs,
                    detail: format!("the root input is called `nixpkgs`{via}"),
                });
            }
        }
        if candidates.len() == 1 {
            let node = candidates.keys().next()?;
            return Some(NixpkgsChoice {
                input: owner(node),
                node: node.clone(),
                evidence: NixpkgsEvidence::OnlyNixpkgsInput,
                detail: "it is the only nixpkgs among the root inputs".into(),
            });
        }
        // One `follows` is weak evidence (hlissner/dotfiles 2020: home-manager follows
        // `nixos-unstable` while the system is built from `nixos`): take the most followed
        // only when at least two inputs follow it and no other nixpkgs is followed as much.
        let counts = self.follows_counts();
        let mut followed: Vec<(usize, &String)> = candidates
            .keys()
            .map(|k| (counts.get(k).copied().unwrap_or(0), k))
            .filter(|(n, _)| *n >= MIN_FOLLOWS_EVIDENCE)
            .collect();
        followed.sort_by_key(|f| std::cmp::Reverse(f.0));
        let top = match followed.as_slice() {
            [(n, node)] => Some((*n, *node)),
            [(n, node), (m, _), ..] if n > m => Some((*n, *node)),
            _ => None,
        };
        let (n, node) = top?;
        Some(NixpkgsChoice {
            input: owner(node),
            node: node.clone(),
            evidence: NixpkgsEvidence::FollowedByOtherInputs,
            detail: format!("{n} other inputs follow it, more than any other nixpkgs"),
        })
    }

    /// The nixpkgs root inputs (names), for saying what was ambiguous.
    pub fn nixpkgs_root_inputs(&self) -> Vec<String> {
        let like = self.nixpkgs_like();
        self.root_inputs()
            .into_iter()
            .filter(|i| i.node.as_ref().is_some_and(|n| like.contains(n)))
            .map(|i| i.name)
            .collect()
    }

    /// Transitive nixpkgs copies: nixpkgs nodes reachable only through other inputs (not a
    /// root input's node, not inside a root nixpkgs), brought in under the name `nixpkgs` (or
    /// flake-parts' `nixpkgs-lib`), not pinned to a revision on purpose. Each could `follows`
    /// the root's nixpkgs. Root inputs that pin another nixpkgs (`nixpkgs-regression`,
    /// `nixpkgs-darwin`) and inputs that ask for a release by name (`nixpkgs-stable`,
    /// `nixpkgs-2305`) are deliberate and not listed.
    pub fn nixpkgs_copies(&self, system: Option<&NixpkgsChoice>) -> Vec<NixpkgsCopy> {
        let like = self.nixpkgs_like();
        let roots: BTreeSet<String> = self
            .root_inputs()
            .into_iter()
            .filter_map(|i| i.node)
            .collect();
        let system_rev = system
            .and_then(|c| self.nodes.get(&c.node))
            .and_then(|n| n.locked.as_ref()?.rev.clone());
        // A root nixpkgs's own inputs are its business (cachix/devenv-nixpkgs wraps its
        // `nixpkgs-src`): they cannot follow the root's nixpkgs, which they are part of.
        let mut inside_root_nixpkgs = BTreeSet::new();
        let mut todo: Vec<&String> = roots.iter().filter(|k| like.contains(*k)).collect();
        while let Some(k) = todo.pop() {
            for e in self
                .nodes
                .get(k)
                .map(|n| n.inputs.values())
                .into_iter()
                .flatten()
            {
                if let InputEdge::Node(c) = e {
                    if inside_root_nixpkgs.insert(c.clone()) {
                        todo.push(c);
                    }
                }
            }
        }
        // The input a flake means as "your nixpkgs" is called `nixpkgs` (flake-parts documents
        // following its `nixpkgs-lib`); `nixpkgs-stable`, `nixpkgs-2305`, `nixpkgs-22_05` name a
        // release the flake wants on purpose (sops-nix, haskell.nix, emacs-overlay).
        let followable: BTreeSet<&String> = self
            .nodes
            .values()
            .flat_map(|n| n.inputs.iter())
            .filter(|(name, _)| FOLLOWABLE_INPUT_NAMES.contains(&name.as_str()))
            .filter_map(|(_, e)| match e {
                InputEdge::Node(k) => Some(k),
                InputEdge::Follows(_) => None,
            })
            .collect();
        let reach = self.reachable();
        reach
            .keys()
            .filter(|k| like.contains(*k) && !roots.contains(*k) && **k != self.root)
            .filter(|k| !inside_root_nixpkgs.contains(*k) && followable.contains(k))
            .take(MAX_COPIES_SHOWN)
            .filter_map(|k| {
                let n = self.nodes.get(k)?;
                if n.pinned_rev() {
                    return None;
                }
                let shown = n
                    .original
                    .as_ref()
                    .or(n.locked.as_ref())
                    .map(FlakeRef::display)
                    .unwrap_or_default();
                let rev = n.locked.as_ref().and_then(|l| l.rev.clone());
                Some(NixpkgsCopy {
                    same_rev: rev.is_some() && rev == system_rev,
                    path: Self::path_to(&reach, k),
                    node: k.clone(),
                    shown,
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_bad_input_cleanly() {
        assert!(matches!(parse(b"{\"nodes\": {"), Err(LockError::Json(_))));
        assert!(matches!(
            parse(b"\x7fELF\0\0\x01"),
            Err(LockError::Binary(_))
        ));
        assert!(matches!(parse(b"[1,2]"), Err(LockError::Shape(_))));
        assert!(matches!(
            parse(br#"{"version": 7, "nodes": {}, "root": "root"}"#),
            Err(LockError::Shape(_))
        ));
        assert!(matches!(
            parse(br#"{"version": "7", "nodes": {}}"#),
            Err(LockError::Shape(_))
        ));
        let big = vec![b' '; (MAX_LOCK_BYTES + 1) as usize];
        assert!(matches!(parse(&big), Err(LockError::TooLarge(_))));
        // serde_json's recursion limit keeps deep nesting bounded.
        let deep = "[".repeat(100_000);
        assert!(parse(deep.as_bytes()).is_err());
        let deep_legacy = format!("{{\"version\":3,{}}}", "\"inputs\":{\"a\":{".repeat(1000));
        assert!(parse(deep_legacy.as_bytes()).is_err());
    }

    #[test]
    fn malformed_nodes_name_the_node() {
        let e = parse(br#"{"version":7,"root":"root","nodes":{"root":{"inputs":{"a":5}},"a":{}}}"#)
            .unwrap_err();
        let LockError::Shape(m) = e else {
            panic!("{e:?}")
        };
        assert!(m.starts_with("node `root`: input `a`:"), "{m}");
        assert!(m.contains("follows path"), "{m}");
        let e = parse(br#"{"version":7,"nodes":{"root":{"locked":{"lastModified":"x"}}}}"#)
            .unwrap_err();
        assert!(e.to_string().contains("node `root`"), "{e}");
    }

    #[test]
    fn entry_budget_stops_hostile_locks() {
        let mut s = String::from(r#"{"version":7,"root":"root","nodes":{"root":{}"#);
        for i in 0..MAX_LOCK_ENTRIES {
            s.push_str(&format!(",\"n{i}\":{{}}"));
        }
        s.push_str("}}");
        assert_eq!(parse(s.as_bytes()), Err(LockError::TooManyEntries));
        // Inputs count too.
        let mut s = String::from(r#"{"version":7,"root":"root","nodes":{"root":{"inputs":{"#);
        for i in 0..MAX_LOCK_ENTRIES {
            s.push_str(&format!(
                "{}\"i{i}\":\"root\"",
                if i > 0 { "," } else { "" }
            ));
        }
        s.push_str("}}}}");
        assert_eq!(parse(s.as_bytes()), Err(LockError::TooManyEntries));
        // The budget is per parse: a normal lock parses right after.
        assert!(parse(br#"{"version":7,"root":"root","nodes":{"root":{}}}"#).is_ok());
    }

    #[test]
    fn loops_and_dangling_nodes_are_problems() {
        let lock = parse(
            br#"{"version":7,"root":"root","nodes":{
              "root":{"inputs":{"a":"a","z":"missing"}},
              "a":{"inputs":{"b":"b"},"locked":{"type":"path","path":"/x"}},
              "b":{"inputs":{"a":"a"},"locked":{"type":"path","path":"/y"}}}}"#,
        )
        .unwrap();
        assert!(
            lock.problems.iter().any(|p| p.starts_with("node loop")),
            "{:?}",
            lock.problems
        );
        assert!(lock.problems.iter().any(|p| p.contains("`missing`")));
        assert_eq!(lock.root_inputs().len(), 2);
        assert_eq!(lock.reachable().len(), 3);
    }

    #[test]
    fn follows_loops_terminate() {
        let lock = parse(
            br#"{"version":7,"root":"root","nodes":{
              "root":{"inputs":{"a":["b"],"b":["a"]}}}}"#,
        )
        .unwrap();
        let inputs = lock.root_inputs();
        assert!(inputs.iter().all(|i| i.node.is_none()));
    }

    // Shapes of NixOS/nix's own flake.lock history (github.com/NixOS/nix, flake.lock):
    // v1 at 54ca4b4e81, v2 at e2d7569685, v3 at 26f895a26d, v4 at 4e67f89f38.
    const V1: &str = r#"{"nonFlakeRequires":{},"requires":{"nixpkgs":{"uri":"github:edolstra/nixpkgs/f10e8a02eb7fa2b4a070f30cf87f4efcc7f3186d"}},"version":1}"#;
    const V2: &str = r#"{"inputs":{"nixpkgs":{"id":"nixpkgs","inputs":{},"narHash":"sha256-A=","nonFlakeInputs":{},"uri":"github:edolstra/nixpkgs/62ac6f7f504c8d3998558d9b269d22d26f13f1f0"}},"nonFlakeInputs":{},"version":2}"#;
    const V3: &str = r#"{"inputs":{"nixpkgs":{"inputs":{},"narHash":"sha256-A=","originalUrl":"flake:nixpkgs/release-19.09","url":"github:edolstra/nixpkgs/dd45a16733f4469a0dded6ad0bf9a662ea39bdea"}},"version":3}"#;
    const V4: &str = r#"{"inputs":{"nixpkgs":{"info":{"lastModified":1584712526,"narHash":"sha256-A="},"inputs":{},"locked":{"owner":"NixOS","repo":"nixpkgs","rev":"81fa5f4501372671b464fe0104fe47f5327b46fe","type":"github"},"original":{"id":"nixpkgs","ref":"nixos-20.03-small","type":"indirect"}}},"version":4}"#;

    #[test]
    fn versions_1_to_4_read_as_nix_read_them() {
        for (text, rev, branch, modified) in [
            (V1, "f10e8a02eb7fa2b4a070f30cf87f4efcc7f3186d", None, None),
            (V2, "62ac6f7f504c8d3998558d9b269d22d26f13f1f0", None, None),
            (
                V3,
                "dd45a16733f4469a0dded6ad0bf9a662ea39bdea",
                Some("release-19.09"),
                None,
            ),
            (
                V4,
                "81fa5f4501372671b464fe0104fe47f5327b46fe",
                Some("nixos-20.03-small"),
                Some(1584712526),
            ),
        ] {
            let l = parse(text.as_bytes()).unwrap();
            assert!(l.problems[0].contains("refuse"), "{:?}", l.problems);
            let inputs = l.root_inputs();
            assert_eq!(inputs.len(), 1, "{text}");
            let node = &l.nodes[inputs[0].node.as_ref().unwrap()];
            let locked = node.locked.as_ref().unwrap();
            assert_eq!(locked.rev.as_deref(), Some(rev), "{text}");
            // edolstra/nixpkgs is a fork: still nixpkgs.
            assert!(node.is_nixpkgs(), "{text}");
            let orig_branch = node.original.as_ref().and_then(FlakeRef::branch);
            assert_eq!(orig_branch.as_deref(), branch, "{text}");
            assert_eq!(locked.last_modified, modified, "{text}");
            let choice = l.system_nixpkgs(None).unwrap();
            assert_eq!(choice.input, "nixpkgs");
        }
    }

    #[test]
    fn forks_are_nixpkgs() {
        let gh = |owner: &str, repo: &str| FlakeRef {
            kind: "github".into(),
            owner: Some(owner.into()),
            repo: Some(repo.into()),
            ..FlakeRef::default()
        };
        let url = |kind: &str, u: &str| FlakeRef {
            kind: kind.into(),
            url: Some(u.into()),
            ..FlakeRef::default()
        };
        assert!(gh("NixOS", "nixpkgs").is_nixpkgs());
        assert!(gh("someone", "nixpkgs").is_nixpkgs());
        assert!(gh("NixOS", "nixpkgs-channels").is_nixpkgs());
        assert!(!gh("nix-community", "nixpkgs-wayland").is_nixpkgs());
        assert!(!gh("nix-community", "nixpkgs.lib").is_nixpkgs());
        assert!(FlakeRef {
            kind: "gitlab".into(),
            owner: Some("me".into()),
            repo: Some("nixpkgs".into()),
            ..FlakeRef::default()
        }
        .is_nixpkgs());
        assert!(FlakeRef {
            kind: "sourcehut".into(),
            owner: Some("~me".into()),
            repo: Some("nixpkgs".into()),
            ..FlakeRef::default()
        }
        .is_nixpkgs());
        assert!(url("git", "https://git.example.org/me/nixpkgs").is_nixpkgs());
        assert!(url("git", "https://git.example.org/me/nixpkgs.git?ref=main").is_nixpkgs());
        assert!(url("git", "ssh://git@example.org/me/nixpkgs").is_nixpkgs());
        assert!(url(
            "tarball",
            "https://github.com/NixOS/nixpkgs/archive/0123456789abcdef0123456789abcdef01234567.tar.gz"
        )
        .is_nixpkgs());
        assert!(url(
            "tarball",
            "https://gitlab.example.org/api/v4/projects/me%2Fnixpkgs/repository/archive.tar.gz"
        )
        .is_nixpkgs());
        assert!(url(
            "tarball",
            "https://api.flakehub.com/f/pinned/NixOS/nixpkgs/0.2505.1/x/source.tar.gz"
        )
        .is_nixpkgs());
        assert!(!url("git", "https://git.example.org/me/nixpkgs-review").is_nixpkgs());
        assert!(!url("tarball", "https://example.org/x.tar.gz?name=nixpkgs-ish").is_nixpkgs());
        assert!(
            FlakeRef::from_legacy_url("git+https://example.org/nixpkgs?ref=nixos-20.09")
                .is_nixpkgs()
        );
        assert_eq!(
            FlakeRef::from_legacy_url("git+https://example.org/nixpkgs?ref=nixos-20.09")
                .branch()
                .as_deref(),
            Some("nixos-20.09")
        );
    }

    /// cachix/devenv `flake.lock` (b83fbd5f): the root `nixpkgs` is cachix/devenv-nixpkgs, a
    /// wrapper whose own `nixpkgs-src` is not a copy; sops-nix's `nixpkgs-stable` asks for a
    /// release on purpose; home-manager's `nixpkgs` is a copy.
    #[test]
    fn copies_are_inputs_meant_to_follow() {
        let l = parse(
            br#"{"version":7,"root":"root","nodes":{
              "root":{"inputs":{"nixpkgs":"nixpkgs","sops-nix":"sops-nix","home-manager":"hm"}},
              "nixpkgs":{"inputs":{"nixpkgs-src":"nixpkgs-src"},"locked":{"type":"github","owner":"cachix","repo":"devenv-nixpkgs","rev":"a"},"original":{"type":"github","owner":"cachix","repo":"devenv-nixpkgs","ref":"rolling"}},
              "nixpkgs-src":{"flake":false,"locked":{"type":"github","owner":"NixOS","repo":"nixpkgs","rev":"b"},"original":{"type":"github","owner":"NixOS","repo":"nixpkgs","ref":"nixpkgs-unstable"}},
              "sops-nix":{"inputs":{"nixpkgs":["nixpkgs"],"nixpkgs-stable":"nixpkgs_2"}},
              "nixpkgs_2":{"locked":{"type":"github","owner":"NixOS","repo":"nixpkgs","rev":"c"},"original":{"type":"github","owner":"NixOS","repo":"nixpkgs","ref":"release-24.05"}},
              "hm":{"inputs":{"nixpkgs":"nixpkgs_3"}},
              "nixpkgs_3":{"locked":{"type":"github","owner":"NixOS","repo":"nixpkgs","rev":"d"},"original":{"type":"github","owner":"NixOS","repo":"nixpkgs","ref":"nixos-unstable"}}}}"#,
        )
        .unwrap();
        let c = l.system_nixpkgs(None).unwrap();
        assert_eq!((c.input.as_str(), c.node.as_str()), ("nixpkgs", "nixpkgs"));
        let copies = l.nixpkgs_copies(Some(&c));
        let paths: Vec<String> = copies.iter().map(|c| c.path.join("/")).collect();
        assert_eq!(paths, vec!["home-manager/nixpkgs"]);
    }

    #[test]
    fn system_revisions_from_nixos_versions() {
        let r = SystemRevision::from_version("25.11.20251120.abc1234 (Xantusia)", "x").unwrap();
        assert_eq!(r.rev, "abc1234");
        assert_eq!(
            SystemRevision::from_version("NixOS 24.05.20240605.B3B2B28 (Linux 6.6.32)", "x")
                .unwrap()
                .rev,
            "b3b2b28"
        );
        assert!(SystemRevision::from_version("25.11", "x").is_none());
        assert!(SystemRevision::from_version("25.11.20251120.dirty", "x").is_none());
        assert!(SystemRevision::from_version("24.11pre-git", "x").is_none());
    }

    #[test]
    fn branches_from_refs_and_urls() {
        let r = |url: &str| FlakeRef {
            kind: "tarball".into(),
            url: Some(url.into()),
            ..FlakeRef::default()
        };
        assert_eq!(
            r("https://channels.nixos.org/nixos-25.05/nixexprs.tar.xz")
                .branch()
                .as_deref(),
            Some("nixos-25.05")
        );
        assert_eq!(
            r("https://github.com/NixOS/nixpkgs/archive/nixos-24.11.tar.gz")
                .branch()
                .as_deref(),
            Some("nixos-24.11")
        );
        assert_eq!(
            r("https://github.com/NixOS/nixpkgs/archive/0123456789abcdef0123456789abcdef01234567.tar.gz")
                .branch(),
            None
        );
        assert_eq!(
            r("https://flakehub.com/f/NixOS/nixpkgs/0.2505.802491.tar.gz")
                .branch()
                .as_deref(),
            Some("nixos-25.05")
        );
        assert!(r("https://channels.nixos.org/nixos-25.05/nixexprs.tar.xz").is_nixpkgs());
    }
}
