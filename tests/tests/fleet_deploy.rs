//! Deployment files: the flake, the NixOS module and the plain systemd units must at least be
//! valid for the real tools (`nix-instantiate --parse`, `systemd-analyze verify`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::Command;

use nixbtw_tests::workspace;
use serde_json::{json, Value};

fn nix_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        let name = e.file_name().to_string_lossy().into_owned();
        if p.is_dir() {
            if !matches!(name.as_str(), "target" | ".git" | "demo-host" | "local") {
                nix_files(&p, out);
            }
        } else if name.ends_with(".nix") {
            out.push(p);
        }
    }
}

#[test]
fn every_nix_file_parses() {
    // The shipped Nix: the flake, nix/, examples/ and this test's own evaluator (fixture
    // roots of other tests may hold deliberately odd .nix files and are not walked).
    let ws = workspace();
    let mut files = vec![ws.join("flake.nix")];
    for dir in ["nix", "examples", "tests/nix"] {
        nix_files(&ws.join(dir), &mut files);
    }
    files.sort();
    for must in [
        "flake.nix",
        "nix/module.nix",
        "nix/package.nix",
        "examples/nixos/configuration.nix",
    ] {
        assert!(files.contains(&ws.join(must)), "{must} missing: {files:?}");
    }
    // A private Nix configuration and state, so parsing touches nothing of the host.
    let (scratch, conf) = scratch_nix();
    for f in &files {
        let out = Command::new("nix-instantiate")
            .arg("--parse")
            .arg(f)
            .env("NIX_CONF_DIR", &conf)
            .env("NIX_STATE_DIR", scratch.path().join("state"))
            .env("HOME", scratch.path())
            .output()
            .expect("nix-instantiate (Debian: nix-bin) must be installed; run scripts/test");
        assert!(
            out.status.success(),
            "{} does not parse:\n{}",
            f.display(),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // The parser really rejects broken Nix (so the loop above can fail).
    let bad = scratch.path().join("bad.nix");
    std::fs::write(&bad, "{ a = ; }").unwrap();
    let out = Command::new("nix-instantiate")
        .arg("--parse")
        .arg(&bad)
        .env("NIX_CONF_DIR", &conf)
        .env("NIX_STATE_DIR", scratch.path().join("state"))
        .env("HOME", scratch.path())
        .output()
        .unwrap();
    assert!(!out.status.success());
}

#[test]
fn module_declares_the_documented_options_and_hardening() {
    let module = std::fs::read_to_string(workspace().join("nix/module.nix")).unwrap();
    for needle in [
        "options.services.nixbtw-audit",
        "schedule = mkOption",
        "outDir = mkOption",
        "failOn = mkOption",
        "extraArgs = mkOption",
        "prometheus.textfileDir = mkOption",
        "Persistent = true",
        "RandomizedDelaySec",
        "StateDirectory = \"nixbtw-audit\"",
        "ProtectSystem = \"strict\"",
        "ProtectHome = \"read-only\"",
        "NoNewPrivileges = true",
        "PrivateTmp = true",
        "ReadWritePaths",
    ] {
        assert!(module.contains(needle), "nix/module.nix lacks {needle}");
    }
    let package = std::fs::read_to_string(workspace().join("nix/package.nix")).unwrap();
    assert!(package.contains("rustPlatform.buildRustPackage"));
    assert!(package.contains("cargoLock.lockFile = ../Cargo.lock"));
}

/// The built binary, or `None` when this test run did not build it.
fn built_binary() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let dir = exe.parent()?.parent()?;
    let bin = dir.join("nixbtw-audit");
    bin.is_file().then_some(bin)
}

#[test]
fn plain_systemd_units_verify() {
    if !nixbtw_tests::require_tool("systemd-analyze") {
        return;
    }
    let status = Command::new("systemd-analyze")
        .arg("--version")
        .output()
        .unwrap();
    assert!(status.status.success());
    let src = workspace().join("examples/systemd");
    let dir = tempfile::tempdir().unwrap();
    // ExecStart must name an existing executable: the built binary, or a copy of one.
    let bin = dir.path().join("nixbtw-audit");
    let from = built_binary().unwrap_or_else(|| PathBuf::from("/bin/true"));
    std::fs::copy(&from, &bin).unwrap();
    for name in ["nixbtw-audit.service", "nixbtw-audit.timer"] {
        let text = std::fs::read_to_string(src.join(name)).unwrap();
        let text = text.replace("/usr/local/bin/nixbtw-audit", bin.to_str().unwrap());
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let verify = |files: &[&str]| {
        let out = Command::new("systemd-analyze")
            .arg("verify")
            .args(files.iter().map(|f| dir.path().join(f)))
            .output()
            .unwrap();
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned()
                + &String::from_utf8_lossy(&out.stderr),
        )
    };
    let (ok, text) = verify(&["nixbtw-audit.service", "nixbtw-audit.timer"]);
    // systemd-analyze exits 0 on unknown keys and bad values, but says so: demand silence.
    assert!(
        ok && text.trim().is_empty(),
        "systemd-analyze verify:\n{text}"
    );

    // The check can fail: a typo in a key is reported.
    let service = dir.path().join("nixbtw-audit.service");
    let text = std::fs::read_to_string(&service).unwrap();
    std::fs::write(&service, text.replace("ProtectHome=", "ProtectHme=")).unwrap();
    let (_, text) = verify(&["nixbtw-audit.service"]);
    assert!(text.contains("ProtectHme"), "{text}");

    let timer = std::fs::read_to_string(src.join("nixbtw-audit.timer")).unwrap();
    for needle in ["OnCalendar=daily", "Persistent=true", "RandomizedDelaySec="] {
        assert!(timer.contains(needle), "timer lacks {needle}");
    }
}

#[test]
fn example_config_is_valid() {
    let path = workspace().join("examples/nixbtw-audit.toml");
    let config = nixbtw_audit::config::Config::load(&path).unwrap();
    assert_eq!(config.suppress.len(), 2);
    assert_eq!(config.priorities.len(), 2);
}

/// A scratch directory with a private `conf/nix.conf` (no build users, no substituters), so
/// Nix run with `NIX_CONF_DIR=conf` touches nothing of the host. Returns it and `conf`.
fn scratch_nix() -> (tempfile::TempDir, std::path::PathBuf) {
    let scratch = tempfile::tempdir().unwrap();
    let conf = scratch.path().join("conf");
    std::fs::create_dir_all(&conf).unwrap();
    std::fs::write(
        conf.join("nix.conf"),
        "build-users-group =\nsubstituters =\n",
    )
    .unwrap();
    (scratch, conf)
}

/// Evaluate nix/module.nix with `nix-instantiate --eval` against a stub of nixpkgs' lib
/// (tests/nix/module-eval.nix): the config expression must evaluate, and yield the command
/// line, writable paths and timer the docs promise.
fn eval_module(extra: &[&str]) -> Value {
    let (scratch, conf) = scratch_nix();
    let ws = workspace();
    let out = Command::new("nix-instantiate")
        .arg("--store")
        .arg(scratch.path().join("store"))
        .args(["--eval", "--strict", "--json"])
        .arg(ws.join("tests/nix/module-eval.nix"))
        .arg("--arg")
        .arg("module")
        .arg(ws.join("nix/module.nix"))
        .args(extra)
        .env("NIX_CONF_DIR", &conf)
        .env("NIX_STATE_DIR", scratch.path().join("state"))
        .env("HOME", scratch.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "module evaluation failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn module_evaluates_to_the_documented_unit() {
    let v = eval_module(&[
        "--argstr",
        "textfileDir",
        "/var/lib/tf",
        "--argstr",
        "failOn",
        "P1",
    ]);
    assert_eq!(
        v["execStart"],
        "/nix/store/00000000000000000000000000000000-nixbtw-audit/bin/nixbtw-audit --out-dir \
         /var/lib/nixbtw-audit --quiet --fail-on P1 --config /etc/nixbtw-audit.toml \
         --prometheus /var/lib/tf/nixbtw-audit.prom --timeout 120"
    );
    assert_eq!(
        v["readWritePaths"],
        json!(["/var/lib/nixbtw-audit", "/var/lib/tf"])
    );
    assert_eq!(v["protectSystem"], "strict");
    assert_eq!(
        v["timer"],
        json!({"OnCalendar": "daily", "Persistent": true, "RandomizedDelaySec": "1h"})
    );
    assert_eq!(
        v["options"],
        json!([
            "configFile",
            "enable",
            "extraArgs",
            "failOn",
            "outDir",
            "package",
            "prometheus",
            "randomizedDelaySec",
            "schedule"
        ])
    );
    // Without a textfile dir and failOn: no --prometheus, no --fail-on, only the state dir.
    let v = eval_module(&["--arg", "textfileDir", "null", "--arg", "failOn", "null"]);
    let exec = v["execStart"].as_str().unwrap();
    assert!(
        !exec.contains("--prometheus") && !exec.contains("--fail-on"),
        "{exec}"
    );
    assert_eq!(v["readWritePaths"], json!(["/var/lib/nixbtw-audit"]));
    assert_eq!(v["tmpfiles"], json!([]));
}

#[test]
fn the_committed_flake_lock_pins_the_branch_flake_nix_names() {
    // flake.lock was written by hand from other repositories' locks (no network here), so it
    // is checked against flake.nix: one nixpkgs input, locked to a full revision and a
    // narHash, on the branch the flake's url names.
    use nixbtw_probes::probes::flake::lock;
    let ws = workspace();
    let flake = std::fs::read_to_string(ws.join("flake.nix")).unwrap();
    let url = flake
        .lines()
        .find_map(|l| l.trim().strip_prefix("inputs.nixpkgs.url = \""))
        .and_then(|rest| rest.strip_suffix("\";"))
        .expect("flake.nix sets inputs.nixpkgs.url on one line");
    let branch = url.rsplit('/').next().unwrap();
    let parsed = lock::parse(&std::fs::read(ws.join("flake.lock")).unwrap()).unwrap();
    assert_eq!(parsed.version, 7);
    assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
    let choice = parsed
        .system_nixpkgs(None)
        .expect("the nixpkgs input is named");
    assert_eq!(choice.input, "nixpkgs");
    let node = &parsed.nodes[&choice.node];
    assert_eq!(
        node.original.as_ref().and_then(|o| o.branch()).as_deref(),
        Some(branch)
    );
    let locked = node.locked.as_ref().unwrap();
    assert_eq!(locked.rev.as_deref().map(str::len), Some(40));
    let raw: Value =
        serde_json::from_slice(&std::fs::read(ws.join("flake.lock")).unwrap()).unwrap();
    let hash = raw["nodes"][&choice.node]["locked"]["narHash"]
        .as_str()
        .unwrap();
    assert!(hash.starts_with("sha256-") && hash.len() == 51, "{hash}");
}
