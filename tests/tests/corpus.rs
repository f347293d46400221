//! The real flake.lock and nix.conf corpus, run in CI.
//!
//! `tests/corpus/files/` holds the copyable part of the corpus of docs/corpus.md (45 locks and
//! 17 nix.conf files of licensed public repositories). The measuring binary audits each one
//! as a host's `/etc/nixos/flake.lock` or `/etc/nix/nix.conf` through the real probes and
//! rules, asks Debian's Nix for its view of every nix.conf (`nix show-config --json`), and
//! must give the committed results line for line.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::process::Command;

use nixbtw_tests::{require_tool, workspace};

#[test]
fn the_committed_corpus_gives_the_committed_results() {
    // The nix.conf lines compare with Nix itself.
    if !require_tool("nix") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out_file = dir.path().join("out.jsonl");
    let corpus = workspace().join("tests/corpus");
    let out = Command::new(env!("CARGO_BIN_EXE_nixbtw-corpus"))
        .arg("--tree")
        .arg(corpus.join("files"))
        .arg("--manifest")
        .arg(corpus.join("manifest.tsv"))
        .arg("--jsonl")
        .arg(&out_file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let totals = String::from_utf8(out.stdout).unwrap();
    let total = |name: &str| -> i64 {
        totals
            .lines()
            .find_map(|l| {
                let (n, k) = l.trim().split_once("  ")?;
                (k.trim() == name).then(|| n.trim().parse().ok())?
            })
            .unwrap_or(0)
    };
    assert!(total("locks read") >= 40, "{totals}");
    assert!(total("nix.conf files") >= 15, "{totals}");
    assert_eq!(total("oracle: accept/reject disagreements"), 0, "{totals}");
    assert_eq!(total("oracle: settings mismatched"), 0, "{totals}");
    assert_eq!(total("oracle: effective mismatches"), 0, "{totals}");
    assert!(total("oracle: settings agreed") >= 50, "{totals}");

    let got = std::fs::read_to_string(&out_file).unwrap();
    let want = std::fs::read_to_string(corpus.join("ci-expected.jsonl")).unwrap();
    let got: Vec<&str> = got.lines().collect();
    let want: Vec<&str> = want.lines().collect();
    assert_eq!(got.len(), want.len(), "files measured");
    for (g, w) in got.iter().zip(&want) {
        assert_eq!(
            g, w,
            "a result on a real file changed; if on purpose, rewrite tests/corpus/ci-expected.jsonl \
             (docs/corpus.md says how) and say why in the commit"
        );
    }
}
