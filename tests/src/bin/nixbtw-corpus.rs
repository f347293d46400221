//! Measure the flake and nix.conf checks over real files from fetched public repositories.
//!
//! ```text
//! nixbtw-corpus [--mirrors DIR | --tree DIR] [--manifest FILE] [--jsonl OUT]
//! nixbtw-corpus --export DIR [--mirrors DIR] [--manifest FILE]
//! nixbtw-corpus parse-lock FILE
//! nixbtw-corpus hostile-lock OUT NODES
//! ```
//!
//! The default mode reads `tests/corpus/manifest.tsv` (kind, repository, commit, path, blob;
//! written by `scripts/corpus-manifest`), takes each blob from its bare mirror under
//! `--mirrors` (default `/work/.mirror`, `owner+name/repo`) with `git cat-file`, and audits it
//! the way a user's host would be audited: a `--root` fixture holding the file at
//! `/etc/nixos/flake.lock` or `/etc/nix/nix.conf` (with the files it includes from the same
//! commit), run through the real probes and rules at the fixed test clock. For nix.conf it
//! also asks Nix (`nix show-config --json`, private `NIX_CONF_DIR`, `NIX_USER_CONF_FILES=`
//! empty, scratch `HOME`, no `NIX_CONFIG`) and compares every setting. One JSON line per file
//! goes to `--jsonl`, totals to stdout. Nothing is written outside temporary directories.
//!
//! `--export DIR` copies the files of repositories whose licence (`licences.tsv`) allows it,
//! with the files their nix.conf includes and their licence, to `DIR/<owner>+<name>/<commit>/`;
//! `--tree DIR` measures such a copy instead of the mirrors. CI does that
//! (`tests/tests/corpus.rs`) and compares the lines with `tests/corpus/ci-expected.jsonl`.
//!
//! `parse-lock` parses one lock as the flake probe does (for `/usr/bin/time -v`);
//! `hostile-lock` writes a lock of NODES empty nodes with short keys (the shape that used to
//! take 656 MB).

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use nixbtw_contracts::{FindingId, FindingType, ProbeId, Report};
use nixbtw_probes::probes::flake::{lock, lock_facts};
use nixbtw_tests::corpus::{git, git_dir, licence_text, COPYABLE};
use nixbtw_tests::trust::{audit, write};
use serde_json::{json, Value};

struct Entry {
    kind: String,
    repo: String,
    commit: String,
    path: String,
    blob: String,
}

/// Where the corpus files come from: bare mirrors, or a committed copy laid out as
/// `DIR/<owner>+<name>/<commit>/<path>` (written by `--export`).
enum Source {
    Mirrors(PathBuf),
    Tree(PathBuf),
}

impl Source {
    /// The file at `path` of `repo` at `commit` (`None` when absent).
    fn read(&self, repo: &str, commit: &str, path: &str) -> Option<Vec<u8>> {
        // Relative to the repository's top, `..` clamped there.
        let canon = nixbtw_probes::host::canon_path(Path::new(path));
        let rel = canon.strip_prefix("/").ok()?;
        match self {
            Source::Mirrors(m) => git(
                &git_dir(m, repo),
                &["cat-file", "-p", &format!("{commit}:{}", rel.display())],
            )
            .ok(),
            Source::Tree(t) => {
                std::fs::read(t.join(repo.replace('/', "+")).join(commit).join(rel)).ok()
            }
        }
    }
}

fn read_manifest(path: &Path) -> Result<Vec<Entry>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(text
        .lines()
        .skip(1)
        .filter_map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            (f.len() == 5).then(|| Entry {
                kind: f[0].into(),
                repo: f[1].into(),
                commit: f[2].into(),
                path: f[3].into(),
                blob: f[4].into(),
            })
        })
        .collect())
}

fn ids(r: &Report, prefix: &str) -> Vec<String> {
    r.findings
        .iter()
        .filter(|f| f.id.as_str().starts_with(prefix))
        .map(|f| f.id.as_str().to_string())
        .collect()
}

fn measure_lock(bytes: &[u8]) -> Value {
    let dir = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => return json!({"error": e.to_string()}),
    };
    write(dir.path(), "etc/nixos/flake.nix", "{ }\n");
    write(dir.path(), "etc/nixos/flake.lock", bytes);
    let r = audit(dir.path());
    let lock = &r.facts["flake"]["lock"];
    let stale: Vec<&str> = r
        .findings
        .iter()
        .filter(|f| f.id == FindingId::FlakeLockStale)
        .map(|f| f.subject.as_str())
        .collect();
    // The rule the flake checks used before: the oldest nixpkgs-like root input, and "more
    // than one nixpkgs node" for duplicates. Computed from the facts of whichever build runs.
    let oldest = lock["inputs"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|i| i["nixpkgs"] == true)
        .filter_map(|i| Some((i["locked"]["last_modified"].as_i64()?, i["name"].as_str()?)))
        .min()
        .map(|(_, n)| n);
    let nodes_rule = lock["nixpkgs_nodes"].as_array().map_or(0, Vec::len) > 1;
    let errors: Vec<&str> = r
        .findings
        .iter()
        .filter(|f| f.kind == FindingType::Error && f.probe == ProbeId::Flake)
        .map(|f| f.summary.as_str())
        .collect();
    json!({
        "read": !lock.is_null(),
        "version": lock["version"],
        "nodes": lock["nodes"],
        "root_inputs": lock["inputs"].as_array().map_or(0, Vec::len),
        "nixpkgs_inputs": lock["inputs"].as_array().into_iter().flatten()
            .filter(|i| i["nixpkgs"] == true).filter_map(|i| i["name"].as_str()).collect::<Vec<_>>(),
        "chosen": lock["nixpkgs"]["input"],
        "evidence": lock["nixpkgs"]["evidence"],
        "ambiguous": lock["nixpkgs_ambiguous"],
        "oldest_nixpkgs_input": oldest,
        "stale_subject": stale.first(),
        "duplicate_fires": !ids(&r, "flake.duplicate-nixpkgs").is_empty(),
        "duplicate_nodes_rule": nodes_rule,
        "copies": lock["nixpkgs_copies"].as_array().map(|c| c.iter()
            .map(|x| x["path"].as_array().map(|p| p.iter().filter_map(Value::as_str).collect::<Vec<_>>().join("/")).unwrap_or_default())
            .collect::<Vec<_>>()),
        "errors": errors,
    })
}

/// Files a nix.conf includes (relative), fetched from the same commit into `dir`.
fn place_includes(src: &Source, e: &Entry, repo_path: &str, text: &str, dir: &Path, depth: u32) {
    if depth > 4 {
        return;
    }
    let parent = Path::new(repo_path).parent().unwrap_or(Path::new(""));
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or("");
        let t: Vec<&str> = line.split_whitespace().collect();
        if t.len() != 2 || (t[0] != "include" && t[0] != "!include") || t[1].starts_with('/') {
            continue;
        }
        let rel = Path::new(t[1]);
        let in_repo = nixbtw_probes::host::canon_path(&parent.join(rel));
        if let Some(bytes) = src.read(&e.repo, &e.commit, &in_repo.display().to_string()) {
            let dest = nixbtw_probes::host::canon_path(&dir.join(rel));
            if dest.starts_with(dir) {
                if let Some(p) = dest.parent() {
                    let _ = std::fs::create_dir_all(p);
                }
                let _ = std::fs::write(&dest, &bytes);
                let sub = String::from_utf8_lossy(&bytes);
                place_includes(src, e, &in_repo.display().to_string(), &sub, dir, depth + 1);
            }
        }
    }
}

fn measure_conf(src: &Source, e: &Entry, bytes: &[u8]) -> Value {
    let (Ok(root), Ok(home)) = (tempfile::tempdir(), tempfile::tempdir()) else {
        return json!({"error": "no temporary directory"});
    };
    let etc_nix = root.path().join("etc/nix");
    write(root.path(), "etc/nix/nix.conf", bytes);
    place_includes(
        src,
        e,
        &e.path,
        &String::from_utf8_lossy(bytes),
        &etc_nix,
        0,
    );
    let r = audit(root.path());
    let errors: Vec<Value> = r
        .findings
        .iter()
        .filter(|f| f.kind == FindingType::Error && f.probe == ProbeId::Nixconf)
        .map(|f| json!({"priority": f.priority.as_str(), "summary": f.summary}))
        .collect();
    let mut v = json!({
        "findings": ids(&r, "nixconf."),
        "substituter_without_key": r.findings.iter()
            .filter(|f| f.id == FindingId::NixconfSubstituterWithoutKey)
            .map(|f| f.subject.clone()).collect::<Vec<_>>(),
        "errors": errors,
        "files": r.facts["nixconf"]["files"],
    });
    // ORACLE-BEGIN (absent from the `before` build: main had no oracle module)
    let nix = Command::new("nix")
        .args([
            "--extra-experimental-features",
            "nix-command",
            "show-config",
            "--json",
        ])
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", home.path())
        .env("NIX_CONF_DIR", &etc_nix)
        .env("NIX_USER_CONF_FILES", "")
        .output();
    let settings: Option<BTreeMap<String, nixbtw_probes::probes::nixconf::SettingValue>> =
        serde_json::from_value(r.facts["nixconf"]["settings"].clone()).ok();
    let oracle = match (nix, settings) {
        (Ok(out), Some(settings)) if out.status.success() => {
            match serde_json::from_slice::<Value>(&out.stdout) {
                Ok(j) => match nixbtw_probes::probes::nixconf::oracle::compare(&settings, &j) {
                    Ok(c) => json!({
                        "nix": "accepted",
                        "agreed": c.agreed.len(),
                        "mismatches": c.mismatches,
                        "unknown_to_nix": c.unknown_to_nix,
                        "not_comparable": c.not_comparable.iter().map(|x| &x.0).collect::<Vec<_>>(),
                        "effective_mismatches": nixbtw_probes::probes::nixconf::effective_mismatches(
                            &settings, &String::from_utf8_lossy(&out.stdout)).map(|x| x.1).unwrap_or_default(),
                    }),
                    Err(e) => json!({"nix": "accepted", "error": e}),
                },
                Err(e) => json!({"nix": "accepted", "error": e.to_string()}),
            }
        }
        (Ok(out), _) if !out.status.success() => json!({
            "nix": "rejected",
            "stderr": String::from_utf8_lossy(&out.stderr).lines().last().unwrap_or("")
                .replace(&root.path().display().to_string(), "ROOT"),
        }),
        (Ok(_), _) => json!({"nix": "accepted", "error": "the probe produced no settings"}),
        (Err(e), _) => json!({"nix": "not run", "error": e.to_string()}),
    };
    v["oracle"] = oracle;
    // ORACLE-END
    v
}

/// Copy each entry of a repository with a copyable licence (`licences.tsv` beside the
/// manifest), and the files its nix.conf includes, from the mirrors into `out` as a tree.
fn export(mirrors: &Path, manifest: &Path, out: &Path) -> Result<(), String> {
    let entries = read_manifest(manifest)?;
    let licences_path = manifest.with_file_name("licences.tsv");
    let licences = std::fs::read_to_string(&licences_path)
        .map_err(|e| format!("{}: {e}", licences_path.display()))?;
    let licence = |repo: &str| -> Option<String> {
        licences
            .lines()
            .filter(|l| !l.starts_with('#'))
            .find_map(|l| {
                l.split_once('\t')
                    .filter(|(r, _)| *r == repo)
                    .map(|x| x.1.to_string())
            })
    };
    let src = Source::Mirrors(mirrors.to_path_buf());
    for e in &entries {
        let lic = licence(&e.repo).ok_or_else(|| format!("{}: no licence row", e.repo))?;
        if !COPYABLE.contains(&lic.as_str()) {
            continue;
        }
        let base = out.join(e.repo.replace('/', "+")).join(&e.commit);
        let mut todo = vec![e.path.clone()];
        while let Some(path) = todo.pop() {
            let Some(bytes) = src.read(&e.repo, &e.commit, &path) else {
                continue;
            };
            let dest = base.join(&path);
            if dest.exists() {
                continue;
            }
            if let Some(p) = dest.parent() {
                std::fs::create_dir_all(p).map_err(|e| e.to_string())?;
            }
            std::fs::write(&dest, &bytes).map_err(|e| e.to_string())?;
            if e.kind == "nix-conf" {
                let parent = Path::new(&path).parent().unwrap_or(Path::new(""));
                for line in String::from_utf8_lossy(&bytes).lines() {
                    let t: Vec<&str> = line
                        .split('#')
                        .next()
                        .unwrap_or("")
                        .split_whitespace()
                        .collect();
                    if t.len() == 2
                        && (t[0] == "include" || t[0] == "!include")
                        && !t[1].starts_with('/')
                    {
                        let p = nixbtw_probes::host::canon_path(&parent.join(t[1]));
                        todo.push(p.display().to_string().trim_start_matches('/').to_string());
                    }
                }
            }
        }
        let lic_dir = out.join(e.repo.replace('/', "+"));
        if !lic_dir.join("LICENSE").exists() {
            let text = licence_text(&git_dir(mirrors, &e.repo), "HEAD")?;
            std::fs::write(lic_dir.join("LICENSE"), text).map_err(|e| e.to_string())?;
        }
    }
    Ok(())
}

fn measure(src: &Source, manifest: &Path, jsonl: Option<&Path>) -> Result<(), String> {
    let entries = read_manifest(manifest)?;
    let mut out: Box<dyn Write> = match jsonl {
        Some(p) => Box::new(std::fs::File::create(p).map_err(|e| e.to_string())?),
        None => Box::new(std::io::sink()),
    };
    let mut totals: BTreeMap<String, i64> = BTreeMap::new();
    let mut bump = |k: &str, n: i64| *totals.entry(k.to_string()).or_insert(0) += n;
    for e in &entries {
        let bytes = match src {
            Source::Mirrors(m) => git(&git_dir(m, &e.repo), &["cat-file", "blob", &e.blob]).ok(),
            Source::Tree(_) => src.read(&e.repo, &e.commit, &e.path),
        };
        let Some(bytes) = bytes else {
            if let Source::Mirrors(_) = src {
                bump(&format!("{}: blob missing from mirror", e.kind), 1);
            }
            continue;
        };
        let m = match e.kind.as_str() {
            "flake-lock" => {
                let m = measure_lock(&bytes);
                bump("locks", 1);
                bump("locks read", i64::from(m["read"] == true));
                bump(
                    &format!("locks of version {}", m["version"]),
                    i64::from(m["read"] == true),
                );
                bump(
                    "duplicate-nixpkgs fires",
                    i64::from(m["duplicate_fires"] == true),
                );
                bump(
                    "duplicate by the old node-count rule",
                    i64::from(m["duplicate_nodes_rule"] == true),
                );
                if let Some(ev) = m["evidence"].as_str() {
                    bump(&format!("nixpkgs chosen by {ev}"), 1);
                }
                if m["ambiguous"].as_array().is_some_and(|a| !a.is_empty()) {
                    bump(
                        "nixpkgs ambiguous (only what holds for every candidate judged)",
                        1,
                    );
                }
                if m["stale_subject"].is_string() && m["stale_subject"] != m["oldest_nixpkgs_input"]
                {
                    bump("stale subject differs from the oldest nixpkgs input", 1);
                }
                m
            }
            "nix-conf" => {
                let m = measure_conf(src, e, &bytes);
                bump("nix.conf files", 1);
                bump(
                    "substituter-without-key findings",
                    m["substituter_without_key"]
                        .as_array()
                        .map_or(0, |a| a.len() as i64),
                );
                bump(
                    "nix.conf files with substituter-without-key",
                    i64::from(
                        m["substituter_without_key"]
                            .as_array()
                            .is_some_and(|a| !a.is_empty()),
                    ),
                );
                bump(
                    "nixconf P1 error rows",
                    m["errors"].as_array().map_or(0, |a| {
                        a.iter().filter(|x| x["priority"] == "P1").count() as i64
                    }),
                );
                let o = &m["oracle"];
                if o.is_object() {
                    bump(
                        &format!("oracle: Nix {}", o["nix"].as_str().unwrap_or("?")),
                        1,
                    );
                    bump("oracle: settings agreed", o["agreed"].as_i64().unwrap_or(0));
                    bump(
                        "oracle: settings mismatched",
                        o["mismatches"].as_array().map_or(0, |a| a.len() as i64),
                    );
                    bump(
                        "oracle: effective mismatches",
                        o["effective_mismatches"]
                            .as_array()
                            .map_or(0, |a| a.len() as i64),
                    );
                    bump(
                        "oracle: settings unknown to Nix 2.8",
                        o["unknown_to_nix"].as_array().map_or(0, |a| a.len() as i64),
                    );
                    let fatal = m["errors"]
                        .as_array()
                        .is_some_and(|a| a.iter().any(|x| x["priority"] == "P1"));
                    let rejected = o["nix"] == "rejected";
                    bump(
                        "oracle: accept/reject disagreements",
                        i64::from(fatal != rejected),
                    );
                }
                m
            }
            _ => continue,
        };
        let line = json!({
            "kind": e.kind, "repository": e.repo, "commit": e.commit, "path": e.path,
            "blob": e.blob, "result": m,
        });
        writeln!(out, "{line}").map_err(|e| e.to_string())?;
    }
    for (k, v) in &totals {
        println!("{v:>6}  {k}");
    }
    Ok(())
}

fn parse_lock(path: &Path) -> Result<(), String> {
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    match lock::parse(&bytes) {
        Ok(l) => {
            let f = lock_facts(path, &l);
            println!(
                "parsed: version {}, {} nodes, {} root inputs",
                f.version,
                f.nodes,
                f.inputs.len()
            );
        }
        Err(e) => println!("refused: {e}"),
    }
    Ok(())
}

fn hostile_lock(out: &Path, nodes: u32) -> Result<(), String> {
    let key = |mut i: u32| {
        let mut k = String::from("n");
        loop {
            k.push(char::from_digit(i % 36, 36).unwrap_or('0'));
            i /= 36;
            if i == 0 {
                return k;
            }
        }
    };
    let mut s = String::from(r#"{"version":7,"root":"root","nodes":{"root":{"inputs":{"a":"n0"}}"#);
    for i in 0..nodes {
        s.push_str(&format!(",\"{}\":{{}}", key(i)));
    }
    s.push_str("}}");
    std::fs::write(out, s).map_err(|e| e.to_string())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("parse-lock") => args
            .get(1)
            .map_or(Err("parse-lock FILE".into()), |f| parse_lock(Path::new(f))),
        Some("hostile-lock") => match (args.get(1), args.get(2).and_then(|n| n.parse().ok())) {
            (Some(out), Some(n)) => hostile_lock(Path::new(out), n),
            _ => Err("hostile-lock OUT NODES".into()),
        },
        _ => {
            let mut mirrors = PathBuf::from("/work/.mirror");
            let mut tree = None;
            let mut export_to = None;
            let mut manifest = nixbtw_tests::workspace().join("tests/corpus/manifest.tsv");
            let mut jsonl = None;
            let mut it = args.iter();
            while let Some(a) = it.next() {
                match (a.as_str(), it.next()) {
                    ("--mirrors", Some(v)) => mirrors = v.into(),
                    ("--tree", Some(v)) => tree = Some(PathBuf::from(v)),
                    ("--export", Some(v)) => export_to = Some(PathBuf::from(v)),
                    ("--manifest", Some(v)) => manifest = v.into(),
                    ("--jsonl", Some(v)) => jsonl = Some(PathBuf::from(v)),
                    _ => {
                        eprintln!(
                            "usage: nixbtw-corpus [--mirrors DIR | --tree DIR] [--export DIR] [--manifest FILE] [--jsonl OUT]"
                        );
                        return ExitCode::from(2);
                    }
                }
            }
            match (export_to, tree) {
                (Some(out), _) => export(&mirrors, &manifest, &out),
                (None, Some(t)) => measure(&Source::Tree(t), &manifest, jsonl.as_deref()),
                (None, None) => measure(&Source::Mirrors(mirrors), &manifest, jsonl.as_deref()),
            }
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("nixbtw-corpus: {e}");
            ExitCode::FAILURE
        }
    }
}
