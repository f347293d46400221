//! A flake.lock reader that accepts every era Nix wrote and never trusts its input.
//!
//! Versions 5 to 7 are the node graph Nix reads today (`root`, `nodes`, each node with
//! `inputs`, `locked`, `original`; version 5 kept `lastModified`/`narHash` in an `info`
//! object; version 7 added `follows` as an array path). Versions 1 to 4 (2019 pre-releases)
//! nested inputs inside inputs; Nix 2.4+ refuses them, we still list them. Input is capped in
//! size, checked for binary content, and walked with a visited set, so a truncated, looping or
//! 100 MB lock gives a [`LockError`] or a problem, never a hang or a panic.

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Largest flake.lock parsed (real ones are under 200 KiB).
pub const MAX_LOCK_BYTES: u64 = 8 * 1024 * 1024;
/// Longest `follows` chain resolved.
const MAX_FOLLOWS_STEPS: usize = 64;

/// Why a lock file could not be read at all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "kebab-case", tag = "kind", content = "detail")]
pub enum LockError {
    /// Over [`MAX_LOCK_BYTES`].
    #[error("{0} bytes, over the {MAX_LOCK_BYTES}-byte limit; not parsed")]
    TooLarge(u64),
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

impl FlakeRef {
    fn from_json(v: &serde_json::Value) -> Option<FlakeRef> {
        let o = v.as_object()?;
        let s = |k: &str| o.get(k).and_then(|x| x.as_str()).map(str::to_string);
        Some(FlakeRef {
            kind: s("type").unwrap_or_default(),
            owner: s("owner"),
            repo: s("repo"),
            url: s("url"),
            path: s("path"),
            id: s("id"),
            git_ref: s("ref"),
            rev: s("rev"),
            dir: s("dir"),
            last_modified: o.get("lastModified").and_then(|x| x.as_i64()),
            nar_hash: s("narHash"),
        })
    }

    /// Parse a legacy (version 1-4) URL string such as `github:NixOS/nixpkgs/<rev>`.
    fn from_legacy_url(url: &str) -> FlakeRef {
        let mut r = FlakeRef {
            url: Some(url.to_string()),
            ..FlakeRef::default()
        };
        if let Some(rest) = url.strip_prefix("github:") {
            r.kind = "github".into();
            let mut parts = rest.split('/');
            r.owner = parts.next().map(str::to_string);
            r.repo = parts.next().map(str::to_string);
            if let Some(x) = parts.next() {
                if x.len() == 40 && x.chars().all(|c| c.is_ascii_hexdigit()) {
                    r.rev = Some(x.to_string());
                } else {
                    r.git_ref = Some(x.to_string());
                }
            }
        } else if url.starts_with("git+") {
            r.kind = "git".into();
        } else if !url.contains(':') {
            r.kind = "indirect".into();
            r.id = url.split('/').next().map(str::to_string);
            r.git_ref = url.split('/').nth(1).map(str::to_string);
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

    /// Whether this reference points at nixpkgs.
    pub fn is_nixpkgs(&self) -> bool {
        let lc = |o: &Option<String>| o.as_deref().unwrap_or("").to_ascii_lowercase();
        (lc(&self.repo) == "nixpkgs" && lc(&self.owner) == "nixos")
            || lc(&self.id) == "nixpkgs"
            || {
                let url = lc(&self.url);
                url.contains("nixos/nixpkgs")
                    || url.contains("channels.nixos.org")
                    || url.contains("nixos.org/channels")
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
                if !name.is_empty() {
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
    /// Whether this node is nixpkgs.
    pub fn is_nixpkgs(&self) -> bool {
        self.locked.as_ref().is_some_and(FlakeRef::is_nixpkgs)
            || self.original.as_ref().is_some_and(FlakeRef::is_nixpkgs)
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

fn parse_inputs(v: Option<&serde_json::Value>) -> BTreeMap<String, InputEdge> {
    let mut out = BTreeMap::new();
    let Some(obj) = v.and_then(|x| x.as_object()) else {
        return out;
    };
    for (k, val) in obj {
        let edge = match val {
            serde_json::Value::String(s) => InputEdge::Node(s.clone()),
            serde_json::Value::Array(a) => InputEdge::Follows(
                a.iter()
                    .map(|x| x.as_str().unwrap_or("").to_string())
                    .collect(),
            ),
            _ => continue,
        };
        out.insert(k.clone(), edge);
    }
    out
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
    let v: serde_json::Value =
        serde_json::from_str(text).map_err(|e| LockError::Json(e.to_string()))?;
    let obj = v
        .as_object()
        .ok_or_else(|| LockError::Shape("the top level is not an object".into()))?;
    let version = obj
        .get("version")
        .and_then(|x| x.as_i64())
        .ok_or_else(|| LockError::Shape("no numeric `version`".into()))?;
    let mut problems = Vec::new();
    if version > 7 {
        problems.push(format!(
            "unknown lock version {version} (Nix reads 5 to 7); read as version 7"
        ));
    }
    if version < 5 {
        problems.push(format!(
            "lock version {version} is from a 2019 pre-release; Nix 2.4 and later refuse it"
        ));
        return Ok(parse_legacy(obj, version, problems));
    }
    let nodes_json = obj
        .get("nodes")
        .and_then(|x| x.as_object())
        .ok_or_else(|| LockError::Shape("no `nodes` object".into()))?;
    let root = obj
        .get("root")
        .and_then(|x| x.as_str())
        .unwrap_or("root")
        .to_string();
    let mut nodes = BTreeMap::new();
    for (key, n) in nodes_json {
        let mut locked = n.get("locked").and_then(FlakeRef::from_json);
        // Version 5 kept these in `info`.
        if let (Some(l), Some(info)) = (locked.as_mut(), n.get("info")) {
            if l.last_modified.is_none() {
                l.last_modified = info.get("lastModified").and_then(|x| x.as_i64());
            }
            if l.nar_hash.is_none() {
                l.nar_hash = info
                    .get("narHash")
                    .and_then(|x| x.as_str())
                    .map(str::to_string);
            }
        }
        nodes.insert(
            key.clone(),
            LockNode {
                inputs: parse_inputs(n.get("inputs")),
                locked,
                original: n.get("original").and_then(FlakeRef::from_json),
                flake: n.get("flake").and_then(|x| x.as_bool()).unwrap_or(true),
            },
        );
    }
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

fn parse_legacy(
    obj: &serde_json::Map<String, serde_json::Value>,
    version: i64,
    problems: Vec<String>,
) -> Lock {
    let mut nodes = BTreeMap::new();
    let mut root = LockNode::default();
    // Breadth-first over nested `inputs` (and v1-3 `nonFlakeInputs`), bounded by a counter.
    let mut queue: Vec<(String, &serde_json::Value, bool)> = Vec::new();
    for (field, flake) in [("inputs", true), ("nonFlakeInputs", false)] {
        if let Some(m) = obj.get(field).and_then(|x| x.as_object()) {
            for (k, v) in m {
                root.inputs.insert(k.clone(), InputEdge::Node(k.clone()));
                queue.push((k.clone(), v, flake));
            }
        }
    }
    let mut budget = 10_000usize;
    while let Some((key, v, flake)) = queue.pop() {
        budget = budget.saturating_sub(1);
        if budget == 0 || nodes.contains_key(&key) {
            continue;
        }
        let url = v
            .get("url")
            .or_else(|| v.get("uri"))
            .and_then(|x| x.as_str())
            .unwrap_or("");
        let original = v
            .get("originalUrl")
            .or_else(|| v.get("originalUri"))
            .and_then(|x| x.as_str());
        let mut node = LockNode {
            locked: Some(FlakeRef::from_legacy_url(url)),
            original: original.map(FlakeRef::from_legacy_url),
            flake,
            ..LockNode::default()
        };
        if let Some(l) = node.locked.as_mut() {
            l.nar_hash = v
                .get("narHash")
                .and_then(|x| x.as_str())
                .map(str::to_string);
        }
        if let Some(m) = v.get("inputs").and_then(|x| x.as_object()) {
            for (k, sub) in m {
                let sub_key = format!("{key}/{k}");
                node.inputs
                    .insert(k.clone(), InputEdge::Node(sub_key.clone()));
                queue.push((sub_key, sub, true));
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
                    node: self.find_input(p),
                    follows: Some(p.clone()),
                },
            })
            .collect()
    }

    /// Keys of the nixpkgs nodes reachable from the root (a visited set bounds the walk).
    pub fn nixpkgs_nodes(&self) -> Vec<String> {
        let mut seen = BTreeSet::new();
        let mut todo = vec![self.root.clone()];
        while let Some(k) = todo.pop() {
            if !seen.insert(k.clone()) {
                continue;
            }
            if let Some(n) = self.nodes.get(&k) {
                for e in n.inputs.values() {
                    if let InputEdge::Node(c) = e {
                        todo.push(c.clone());
                    }
                }
            }
        }
        seen.into_iter()
            .filter(|k| self.nodes.get(k).is_some_and(LockNode::is_nixpkgs))
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
        let big = vec![b' '; (MAX_LOCK_BYTES + 1) as usize];
        assert!(matches!(parse(&big), Err(LockError::TooLarge(_))));
        // serde_json's recursion limit keeps deep nesting bounded.
        let deep = "[".repeat(100_000);
        assert!(parse(deep.as_bytes()).is_err());
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
            r("https://flakehub.com/f/NixOS/nixpkgs/0.2505.802491.tar.gz")
                .branch()
                .as_deref(),
            Some("nixos-25.05")
        );
        assert!(r("https://channels.nixos.org/nixos-25.05/nixexprs.tar.xz").is_nixpkgs());
    }
}
