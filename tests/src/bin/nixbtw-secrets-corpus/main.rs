//! Measure `secrets.plaintext-in-config` on real NixOS configurations.
//!
//! `nixbtw-secrets-corpus [--mirrors DIR] [--corpus DIR] [--hits] [--manifest]`
//!
//! Reads `repos.tsv` in the corpus directory (default `tests/corpus/secrets`): one public
//! repository per line with the commit measured. Each is read from a bare mirror
//! (`DIR/<owner>+<name>/repo`, default `/work/.mirror`, as the search tool's `fetch` lays them
//! out) with `git ls-tree` and `git cat-file`: nothing is checked out and nothing fetched is
//! kept. Every `.nix` file under 1 MiB goes through the scanner of this tree
//! ([`scan_nix_source`]) and through the line grep that preceded it (`legacy.rs`).
//!
//! `labels.tsv` holds the hand labels: `repo, path, line, name, true|false, note`; a `true`
//! row that no scanner found is a miss (found by grepping the trees for secret-bearing names).
//! The tool prints a per-repository table of hits, true and false positives and misses,
//! before and after, with precision and recall; `--hits` prints every hit with its label;
//! `--rejected` prints every secret-bearing name the judge let go, with its value (to look
//! for misses by hand; never commit that output);
//! `--manifest` prints the manifest rows (repository, commit, path, blob) of every file with a
//! hit or a labelled miss. Exit status 1 when a hit has no label.
//!
//! `--export DIR` also copies, for each repository whose licence (the fourth column of
//! `repos.tsv`) allows it, every `.nix` file the judge could hit (a secret-bearing name bound,
//! a parse failure, or an old-grep hit) and the licence file to `DIR/<owner>+<name>/`.
//! `--tree DIR` reads such a copy instead of the mirrors: that is how CI measures the corpus
//! (`tests/tests/secrets_corpus.rs`), with no network and no mirror.

mod legacy;

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};

use nixbtw_probes::probes::secrets::nix::{classify_name, judge, Verdict};
use nixbtw_probes::probes::secrets::{scan_nix_source, LiteralClass};
use nixbtw_tests::corpus::{git, git_dir, licence_text, COPYABLE};

const MAX_BYTES: usize = 1024 * 1024 - 1;

type Key = (String, String, u32, String);

#[derive(Default)]
struct Counts {
    files: usize,
    unparsable: usize,
    old_hits: usize,
    old_tp: usize,
    new_hits: usize,
    new_tp: usize,
    hashes: usize,
    truth: usize,
    old_found: usize,
    new_found: usize,
    unlabelled: usize,
}

struct Label {
    truth: bool,
    note: String,
}

/// (path, blob id, size) of every `.nix` file at `commit`.
fn nix_files(mirror: &Path, commit: &str) -> Result<Vec<(String, String, usize)>, String> {
    let raw = git(mirror, &["ls-tree", "-r", "-z", "-l", commit])?;
    let mut out = Vec::new();
    for entry in raw.split(|b| *b == 0).filter(|e| !e.is_empty()) {
        let entry = String::from_utf8_lossy(entry);
        let Some((meta, path)) = entry.split_once('\t') else {
            continue;
        };
        let f: Vec<&str> = meta.split_whitespace().collect();
        if f.len() == 4 && f[1] == "blob" && path.ends_with(".nix") {
            out.push((
                path.to_string(),
                f[2].to_string(),
                f[3].parse().unwrap_or(0),
            ));
        }
    }
    Ok(out)
}

/// Read blobs with one `git cat-file --batch`.
fn read_blobs(mirror: &Path, ids: &[String]) -> Result<Vec<Vec<u8>>, String> {
    let mut child = Command::new("git")
        .arg("-C")
        .arg(mirror)
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("git cat-file: {e}"))?;
    let mut stdin = child.stdin.take().ok_or("no stdin")?;
    let input: String = ids.iter().map(|i| format!("{i}\n")).collect();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let mut reader = BufReader::new(child.stdout.take().ok_or("no stdout")?);
    let mut out = Vec::with_capacity(ids.len());
    for _ in ids {
        let mut header = String::new();
        reader
            .read_line(&mut header)
            .map_err(|e| format!("cat-file: {e}"))?;
        let size: usize = header
            .split_whitespace()
            .nth(2)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| format!("cat-file header {header:?}"))?;
        let mut buf = vec![0; size + 1];
        reader
            .read_exact(&mut buf)
            .map_err(|e| format!("cat-file: {e}"))?;
        buf.pop();
        out.push(buf);
    }
    let _ = writer.join();
    let _ = child.wait();
    Ok(out)
}

/// (path, contents) of every `.nix` file of one repository of the corpus: from its bare
/// mirror at `commit` (files over [`MAX_BYTES`] left out), or from a committed tree
/// (`--tree`: `DIR/<owner>+<name>/<path>`, written by `--export`). `None` when a tree has no
/// copy of that repository (it has no licence that allows one).
type Files = Vec<(String, String, Vec<u8>)>;

fn repo_files(src: &Source, repo: &str, commit: &str) -> Result<Option<(usize, Files)>, String> {
    match src {
        Source::Mirrors(mirrors) => {
            let mirror = git_dir(mirrors, repo);
            let files = nix_files(&mirror, commit)?;
            let small: Vec<&(String, String, usize)> =
                files.iter().filter(|f| f.2 <= MAX_BYTES).collect();
            let ids: Vec<String> = small.iter().map(|f| f.1.clone()).collect();
            let blobs = read_blobs(&mirror, &ids)?;
            let out = small
                .iter()
                .zip(blobs)
                .map(|(f, b)| (f.0.clone(), f.1.clone(), b))
                .collect();
            Ok(Some((files.len(), out)))
        }
        Source::Tree(tree) => {
            let dir = tree.join(repo.replace('/', "+"));
            if !dir.is_dir() {
                return Ok(None);
            }
            let mut out = Vec::new();
            walk(&dir, &dir, &mut out)?;
            out.sort();
            Ok(Some((out.len(), out)))
        }
    }
}

fn walk(base: &Path, dir: &Path, out: &mut Files) -> Result<(), String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for e in entries {
        let p = e.map_err(|e| e.to_string())?.path();
        if p.is_dir() {
            walk(base, &p, out)?;
        } else if p.extension().is_some_and(|x| x == "nix") {
            let rel = p.strip_prefix(base).map_err(|e| e.to_string())?;
            let bytes = std::fs::read(&p).map_err(|e| format!("{}: {e}", p.display()))?;
            out.push((rel.display().to_string(), String::new(), bytes));
        }
    }
    Ok(())
}

/// Copy the repository's licence file next to its files, as the licence asks of copies.
fn copy_licence(mirror: &Path, commit: &str, dir: &Path) -> Result<(), String> {
    let text = licence_text(mirror, commit)?;
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    std::fs::write(dir.join("LICENSE"), text).map_err(|e| e.to_string())
}

/// Words of every secret-bearing name (`nix.rs`'s suffix list), lowercased, with `_` and `-`
/// spellings of the compound ones.
const SECRET_WORDS: &[&str] = &[
    "password",
    "passwd",
    "passphrase",
    "secret",
    "token",
    "psk",
    "apikey",
    "api_key",
    "api-key",
    "privatekey",
    "private_key",
    "private-key",
    "secretkey",
    "authkey",
    "auth_key",
    "presharedkey",
    "preshared_key",
    "encryptionkey",
    "masterkey",
    "hmackey",
    "licensekey",
    "appkey",
    "app_key",
];

/// Whether a word ends in `pass` somewhere (`pass`, `smtp_pass`, `dbPass`): `pass` not followed
/// by a lowercase letter.
fn ends_in_pass(text: &str) -> bool {
    text.match_indices("pass")
        .chain(text.match_indices("Pass"))
        .chain(text.match_indices("PASS"))
        .any(|(i, _)| !text[i + 4..].starts_with(|c: char| c.is_ascii_lowercase()))
}

/// Where the corpus files come from.
enum Source {
    Mirrors(PathBuf),
    Tree(PathBuf),
}

fn read_tsv(path: &Path) -> Result<Vec<Vec<String>>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(text
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect())
}

fn pct(num: usize, den: usize) -> String {
    if den == 0 {
        "n/a".into()
    } else {
        format!("{:.1}%", 100.0 * num as f64 / den as f64)
    }
}

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(e) => {
            eprintln!("nixbtw-secrets-corpus: {e}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<ExitCode, String> {
    let mut src = Source::Mirrors(PathBuf::from("/work/.mirror"));
    let mut export: Option<PathBuf> = None;
    let mut corpus = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/secrets"));
    let (mut show_hits, mut show_manifest, mut show_rejected) = (false, false, false);
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--mirrors" => src = Source::Mirrors(args.next().ok_or("--mirrors DIR")?.into()),
            "--tree" => src = Source::Tree(args.next().ok_or("--tree DIR")?.into()),
            "--export" => export = Some(args.next().ok_or("--export DIR")?.into()),
            "--corpus" => corpus = args.next().ok_or("--corpus DIR")?.into(),
            "--hits" => show_hits = true,
            "--manifest" => show_manifest = true,
            "--rejected" => show_rejected = true,
            _ => return Err(format!("unknown argument {a}")),
        }
    }
    let repos = read_tsv(&corpus.join("repos.tsv"))?;
    let mut labels: BTreeMap<Key, Label> = BTreeMap::new();
    for row in read_tsv(&corpus.join("labels.tsv"))? {
        let [repo, path, line, name, truth, note] = row.as_slice() else {
            return Err(format!("labels.tsv: bad row {row:?}"));
        };
        let line = line.parse().map_err(|_| format!("bad line in {row:?}"))?;
        labels.insert(
            (repo.clone(), path.clone(), line, name.clone()),
            Label {
                truth: truth == "true",
                note: note.clone(),
            },
        );
    }
    let mut table: Vec<(String, Counts)> = Vec::new();
    let mut manifest: BTreeSet<(String, String, String, String)> = BTreeSet::new();
    let mut unlabelled_any = false;
    for row in &repos {
        let (Some(repo), Some(commit)) = (row.first(), row.get(1)) else {
            continue;
        };
        let Some((count, files)) = repo_files(&src, repo, commit)? else {
            continue;
        };
        let licence = row.get(3).map_or("none", String::as_str);
        let copy_to = export
            .as_ref()
            .filter(|_| COPYABLE.contains(&licence))
            .map(|d| d.join(repo.replace('/', "+")));
        let mut c = Counts {
            files: count,
            ..Counts::default()
        };
        let mut old_keys = BTreeSet::new();
        let mut new_keys = BTreeSet::new();
        for (path, blob, bytes) in &files {
            if bytes.contains(&0) {
                continue;
            }
            let text = String::from_utf8_lossy(bytes);
            let scan = scan_nix_source(&text, path);
            // A file the judge could ever hit: one that binds a secret-bearing name, holds a
            // secret word anywhere (embedded configurations), fails to parse, or that the old
            // grep hit. Only these are copied by `--export`; the rest cannot change a figure
            // while the name list stays as it is.
            let lower = text.to_ascii_lowercase();
            let candidate = scan.parse_failure.is_some()
                || !scan.hits.is_empty()
                || SECRET_WORDS.iter().any(|w| lower.contains(w))
                || ends_in_pass(&text)
                || !legacy::scan_nix_literals(&text).is_empty()
                || nixbtw_probes::nixparse::parse(&text)
                    .bindings
                    .iter()
                    .any(|b| classify_name(&b.path).is_some());
            if let (Some(dir), true) = (&copy_to, candidate) {
                let dest = dir.join(path);
                if let Some(parent) = dest.parent() {
                    std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
                }
                std::fs::write(&dest, bytes).map_err(|e| format!("{}: {e}", dest.display()))?;
            }
            if show_rejected {
                // For looking for misses: every secret-bearing name the judge let go, with
                // its value. Printed for the person labelling, never written to the repo.
                for b in &nixbtw_probes::nixparse::parse(&text).bindings {
                    if classify_name(&b.path).is_none() {
                        continue;
                    }
                    let v = match judge(b) {
                        Verdict::Hit(..) => continue,
                        Verdict::NotSecret(why) => {
                            format!("{why}: {:?}", b.literal().unwrap_or(""))
                        }
                        Verdict::NotCandidate => format!("{:?}", b.value),
                    };
                    println!("REJECTED\t{repo}\t{path}:{}\t{}\t{v}", b.line, b.dotted());
                }
            }
            let mut file_has = false;
            if let Some(f) = &scan.parse_failure {
                c.unparsable += 1;
                file_has = true;
                if show_hits {
                    println!(
                        "PARSE\t{repo}\t{path}:{}:{}\t{}",
                        f.line, f.column, f.message
                    );
                }
            }
            for h in &scan.hits {
                let Some(b) = &h.binding else { continue };
                let name = b.attr_path.rsplit('.').next().unwrap_or("").to_string();
                file_has = true;
                if b.class == LiteralClass::PasswordHash {
                    c.hashes += 1;
                    if show_hits {
                        println!("HASH\t{repo}\t{path}:{}\t{name}\t{}", h.line, h.redacted);
                    }
                    continue;
                }
                new_keys.insert((repo.clone(), path.clone(), h.line, name.clone()));
                if show_hits {
                    let key = (repo.clone(), path.clone(), h.line, name.clone());
                    let l = labels.get(&key).map_or("UNLABELLED", |l| {
                        if l.truth {
                            "true"
                        } else {
                            "false"
                        }
                    });
                    println!(
                        "NEW\t{repo}\t{path}:{}\t{}\t{l}\t{}",
                        h.line, b.attr_path, h.redacted
                    );
                }
            }
            for (line, name, redacted) in legacy::scan_nix_literals(&text) {
                file_has = true;
                let key = (repo.clone(), path.clone(), line, name.clone());
                if show_hits {
                    let l = labels.get(&key).map_or("UNLABELLED", |l| {
                        if l.truth {
                            "true"
                        } else {
                            "false"
                        }
                    });
                    println!("OLD\t{repo}\t{path}:{line}\t{name}\t{l}\t{redacted}");
                }
                old_keys.insert(key);
            }
            let labelled_miss = labels
                .iter()
                .any(|(k, l)| l.truth && k.0 == *repo && k.1 == *path);
            if file_has || labelled_miss {
                manifest.insert((repo.clone(), commit.clone(), path.clone(), blob.clone()));
            }
        }
        if let (Some(dir), Source::Mirrors(mirrors)) = (&copy_to, &src) {
            copy_licence(
                &mirrors.join(repo.replace('/', "+")).join("repo"),
                commit,
                dir,
            )?;
        }
        for (keys, hits, tp) in [
            (&old_keys, &mut c.old_hits, &mut c.old_tp),
            (&new_keys, &mut c.new_hits, &mut c.new_tp),
        ] {
            *hits = keys.len();
            *tp = keys
                .iter()
                .filter(|k| labels.get(*k).is_some_and(|l| l.truth))
                .count();
        }
        c.unlabelled = old_keys
            .union(&new_keys)
            .filter(|k| !labels.contains_key(*k))
            .inspect(|k| eprintln!("unlabelled: {}\t{}\t{}\t{}", k.0, k.1, k.2, k.3))
            .count();
        unlabelled_any |= c.unlabelled > 0;
        let truth: Vec<&Key> = labels
            .iter()
            .filter(|(k, l)| l.truth && k.0 == *repo)
            .map(|(k, _)| k)
            .collect();
        c.truth = truth.len();
        c.old_found = truth.iter().filter(|k| old_keys.contains(**k)).count();
        c.new_found = truth.iter().filter(|k| new_keys.contains(**k)).count();
        if show_hits {
            for k in truth.iter().filter(|k| !new_keys.contains(**k)) {
                let note = labels.get(*k).map_or("", |l| l.note.as_str());
                println!("MISS\t{}\t{}:{}\t{}\t{note}", k.0, k.1, k.2, k.3);
            }
        }
        table.push((repo.clone(), c));
    }
    if show_manifest {
        println!(
            "# Files of the corpus with a hit (before or after), a hash, a parse failure or a"
        );
        println!("# labelled miss. Written by: cargo run -p nixbtw-tests --bin nixbtw-secrets-corpus -- --manifest");
        println!("# repository\tcommit\tpath\tblob");
        for (repo, commit, path, blob) in &manifest {
            println!("{repo}\t{commit}\t{path}\t{blob}");
        }
        return Ok(ExitCode::SUCCESS);
    }
    println!("| repository | .nix files | unparsable | before: hits | TP | FP | precision | recall | after: hits | TP | FP | precision | recall | hashes |");
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    let mut t = Counts::default();
    for (repo, c) in &table {
        println!(
            "| {repo} | {} | {} | {} | {} | {} | {} | {}/{} | {} | {} | {} | {} | {}/{} | {} |",
            c.files,
            c.unparsable,
            c.old_hits,
            c.old_tp,
            c.old_hits - c.old_tp,
            pct(c.old_tp, c.old_hits),
            c.old_found,
            c.truth,
            c.new_hits,
            c.new_tp,
            c.new_hits - c.new_tp,
            pct(c.new_tp, c.new_hits),
            c.new_found,
            c.truth,
            c.hashes,
        );
        t.files += c.files;
        t.unparsable += c.unparsable;
        t.old_hits += c.old_hits;
        t.old_tp += c.old_tp;
        t.new_hits += c.new_hits;
        t.new_tp += c.new_tp;
        t.hashes += c.hashes;
        t.truth += c.truth;
        t.old_found += c.old_found;
        t.new_found += c.new_found;
    }
    println!(
        "| **total ({} repositories)** | {} | {} | {} | {} | {} | {} | {}/{} ({}) | {} | {} | {} | {} | {}/{} ({}) | {} |",
        table.len(),
        t.files,
        t.unparsable,
        t.old_hits,
        t.old_tp,
        t.old_hits - t.old_tp,
        pct(t.old_tp, t.old_hits),
        t.old_found,
        t.truth,
        pct(t.old_found, t.truth),
        t.new_hits,
        t.new_tp,
        t.new_hits - t.new_tp,
        pct(t.new_tp, t.new_hits),
        t.new_found,
        t.truth,
        pct(t.new_found, t.truth),
        t.hashes,
    );
    let at95 = table
        .iter()
        .filter(|(_, c)| c.new_hits == 0 || c.new_tp * 100 >= c.new_hits * 95)
        .count();
    println!(
        "\nrepositories at precision >= 95% after (or without hits): {at95} of {}",
        table.len()
    );
    Ok(if unlabelled_any {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
