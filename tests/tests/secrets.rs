#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! `secrets.plaintext-in-config` and `secrets.hash-in-store` on the regression corpus: minimal
//! copies of the shapes met in public NixOS configurations (tests/corpus/secrets/regression,
//! each construct naming the repository, commit, path and line it reproduces), with the exact
//! hits expected in `expected.tsv`. A hit that appears or disappears fails, so a regression in
//! either direction is caught. docs/secrets-corpus.md has the measurement on the full trees.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use nixbtw_contracts::{FindingId, FindingType, Priority, ProbeId};
use nixbtw_probes::nixparse::{tokens, TokenKind};
use nixbtw_probes::probes::secrets::{scan_nix_source, LiteralClass};
use nixbtw_tests::trust::{audit, system_profile, write};

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/secrets/regression")
}

fn files() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(corpus())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "nix"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    out.sort();
    assert!(out.len() >= 10, "regression corpus missing: {out:?}");
    out
}

/// One row per hit (`file line attr-path class`) and per parse failure (`file line PARSE`).
fn actual_rows() -> BTreeSet<String> {
    let mut rows = BTreeSet::new();
    for (name, text) in files() {
        let scan = scan_nix_source(&text, &name);
        for h in &scan.hits {
            let b = h.binding.as_ref().unwrap();
            let class = match b.class {
                LiteralClass::Plaintext => "plaintext",
                LiteralClass::PasswordHash => "hash",
            };
            rows.insert(format!("{name}\t{}\t{}\t{class}", h.line, b.attr_path));
        }
        if let Some(f) = &scan.parse_failure {
            rows.insert(format!("{name}\t{}\t-\tparse-error", f.line));
        }
    }
    rows
}

#[test]
fn the_regression_corpus_gives_exactly_the_expected_hits() {
    let expected: BTreeSet<String> = std::fs::read_to_string(corpus().join("expected.tsv"))
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect();
    let actual = actual_rows();
    let missing: Vec<_> = expected.difference(&actual).collect();
    let extra: Vec<_> = actual.difference(&expected).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "missing (expected, not found): {missing:#?}\nextra (found, not expected): {extra:#?}"
    );
    // The false-* files are the false classes: nothing there.
    assert!(
        actual.iter().all(|r| !r.starts_with("false-")),
        "{actual:#?}"
    );
}

#[test]
fn excerpts_hold_no_string_content() {
    for (name, text) in files() {
        for h in scan_nix_source(&text, &name).hits {
            let r = &h.redacted;
            for t in tokens(r) {
                let piece = &r[t.span.clone()];
                match t.kind {
                    TokenKind::StringContent => assert!(
                        piece.starts_with("[REDACTED ") && piece.ends_with(" chars]"),
                        "{name}:{}: {r}",
                        h.line
                    ),
                    TokenKind::Comment => {
                        assert_eq!(piece, "# [comment REDACTED]", "{name}:{}: {r}", h.line)
                    }
                    _ => {}
                }
            }
        }
    }
}

/// The literal values of the true files, as written there (dummies).
const PLANTED: &[&str] = &[
    "changeme",
    "helloworld",
    "sk-0000",
    "Zk2cFakeGrafanaKey01",
    "fakepublicturnsecret",
    "phony-token",
    "AAAAfakewireguardkey",
    "first-fake-pw",
    "second-fake-tok",
    "fake-link-pw",
    "L/b5FCMZ1DUc2",
    "third-fake",
    "gateway-replaces-this",
    "before-the-error",
    "fakesaltfakesalt",
    "fakehashfakehash",
];

#[test]
fn the_audit_reports_the_corpus_without_leaking_it() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    system_profile(root, &[("ssh/sshd_config", "PermitRootLogin no\n")]);
    for (name, text) in files() {
        // One level down, as a configuration splits into modules.
        write(root, &format!("etc/nixos/modules/{name}"), &text);
    }
    let r = audit(root);
    let subjects = |id: FindingId| -> Vec<String> {
        let mut v: Vec<String> = r
            .findings
            .iter()
            .filter(|f| f.id == id)
            .map(|f| f.subject.clone())
            .collect();
        v.sort();
        v
    };
    let m = |n: &str| format!("/etc/nixos/modules/{n}");
    assert_eq!(
        subjects(FindingId::SecretsPlaintextInConfig),
        vec![
            m("true-indented-and-redaction.nix"),
            m("true-services.nix"),
            m("true-users.nix"),
            m("unparsable-colon.nix"),
        ]
    );
    assert_eq!(
        subjects(FindingId::SecretsHashInStore),
        vec![m("hashes.nix"), m("true-indented-and-redaction.nix")]
    );
    let hash = r
        .findings
        .iter()
        .find(|f| f.id == FindingId::SecretsHashInStore)
        .unwrap();
    assert_eq!(hash.priority, Priority::P3);
    let parse_rows: Vec<&str> = r
        .findings
        .iter()
        .filter(|f| {
            f.kind == FindingType::Error
                && f.probe == ProbeId::Secrets
                && f.subject.starts_with("secrets:parse:")
        })
        .map(|f| f.file.as_str())
        .collect();
    assert_eq!(
        parse_rows.len(),
        3,
        "one error row per unparsable file: {parse_rows:?}"
    );
    assert!(parse_rows.contains(&"/etc/nixos/modules/unparsable-colon.nix:9"));
    let users = r
        .findings
        .iter()
        .find(|f| f.subject == m("true-users.nix"))
        .unwrap();
    assert_eq!(users.evidence[0].excerpt.len(), 9, "{:#?}", users.evidence);
    let json = serde_json::to_string(&r).unwrap();
    for secret in PLANTED {
        assert!(!json.contains(secret), "{secret} leaked into the report");
    }
}

// Moved from tests/tests/trust.rs: one test file per family.
use nixbtw_tests::trust::{findings_of, report_ids, store};

/// Assembled at run time so no key-shaped text sits in the repository.
fn fake_pem() -> String {
    let body = "QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB";
    format!("-----BEGIN OPENSSH PRIVATE KEY-----\n{body}\n-----END OPENSSH PRIVATE KEY-----\n")
}

#[test]
fn secrets_checks_never_leak_the_secret() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let pem = fake_pem();
    let age = format!("AGE-SECRET-KEY-1{}", "Q".repeat(58));
    system_profile(
        root,
        &[
            ("ssh/sshd_config", "PermitRootLogin no\n"),
            ("deploy/id_ed25519", &pem),
            (
                "systemd/system/backup.service",
                &format!("[Service]\nEnvironment=KEY={age}\n"),
            ),
        ],
    );
    write(
        root,
        "etc/nixos/configuration.nix",
        "{\n  users.users.alice.hashedPassword = \"$y$j9T$x\";\n  users.users.bob.password = \"hunter22\";\n}\n",
    );
    let key = write(root, "etc/ssh/ssh_host_ed25519_key", "not really\n");
    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o644)).unwrap();
    let private = write(root, "var/lib/sops-nix/key.txt", "x\n");
    std::fs::set_permissions(&private, std::fs::Permissions::from_mode(0o600)).unwrap();

    let r = audit(root);
    let in_store = findings_of(&r, FindingId::SecretsInStore);
    assert_eq!(in_store.len(), 2, "{:?}", report_ids(&r));
    assert!(in_store.iter().all(|f| f.priority == Priority::P0));
    assert!(in_store.iter().any(|f| f.file == "/nix/store/00000000000000000000000000000000-nixos-system-demo-26.05/etc/deploy/id_ed25519:1"), "{:?}", in_store.iter().map(|f| &f.file).collect::<Vec<_>>());
    let plain = findings_of(&r, FindingId::SecretsPlaintextInConfig);
    assert_eq!(plain.len(), 1);
    assert_eq!(plain[0].file, "/etc/nixos/configuration.nix:3");
    let wr = findings_of(&r, FindingId::SecretsWorldReadableKeys);
    assert_eq!(wr.len(), 1);
    assert_eq!(wr[0].subject, "/etc/ssh/ssh_host_ed25519_key");
    // Neither the report nor its facts hold any secret.
    let json = serde_json::to_string(&r).unwrap();
    for secret in ["QUFBQUFB", "QQQQQQQQ", "hunter22"] {
        assert!(!json.contains(secret), "{secret} leaked");
    }
    let _ = store("x");
}
