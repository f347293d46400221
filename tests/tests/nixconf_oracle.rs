#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Differential test: the nix.conf parser against the real Nix (Debian's nix-bin, 2.8).
//!
//! Every case directory of `tests/fixtures/nix-conf/oracle/` (minimal copies of real shapes:
//! NixOS- and nix-darwin-generated files, the Determinate installer's nix.conf with
//! `!include nix.custom.conf`, nested `include`/`!include`, Nix's booleans, old aliases, IOG's
//! cache, CRLF and comments, `access-tokens` from an included file, and files Nix rejects) is
//! copied to a private `NIX_CONF_DIR`; `nix show-config --json` runs with
//! `NIX_USER_CONF_FILES=` empty, `HOME` a scratch directory and no `NIX_CONFIG`. Nix fails on a
//! case exactly when the parser reports a problem Nix rejects; otherwise every setting the files
//! set has the value Nix reports ([`oracle::compare`]), and so has every checked setting with
//! defaults filled in ([`effective_mismatches`]).
//!
//! Needs `nix` (scripts/test installs nix-bin): fails under `CI=true` without it, and is skipped
//! visibly elsewhere.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};

use nixbtw_probes::probes::nixconf::parser::{ConfReader, Loaded};
use nixbtw_probes::probes::nixconf::{
    effective_mismatches, oracle, ConfProblemKind, NixconfFacts, NixconfProbe,
};
use nixbtw_probes::{FactSet, Host, Probe, ProbeContext, SystemRunner};

fn have_nix() -> bool {
    nixbtw_tests::require_tool("nix")
}

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/nix-conf/oracle")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let dest = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &dest);
        } else {
            std::fs::copy(e.path(), dest).unwrap();
        }
    }
}

/// `nix show-config --json` over `dir` as the only configuration: Ok(JSON) or Err(stderr).
fn nix_show_config(dir: &Path) -> Result<serde_json::Value, String> {
    let home = tempfile::tempdir().unwrap();
    let out = Command::new("nix")
        .args([
            "--extra-experimental-features",
            "nix-command",
            "show-config",
            "--json",
        ])
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", home.path())
        .env("NIX_CONF_DIR", dir)
        .env("NIX_USER_CONF_FILES", "")
        .output()
        .unwrap();
    if out.status.success() {
        Ok(serde_json::from_slice(&out.stdout).unwrap())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

/// The parser over `dir/nix.conf` (includes resolved in `dir`, as on a running host).
fn parse_dir(dir: &Path) -> nixbtw_probes::probes::nixconf::parser::ParsedConf {
    let mut load = |p: &Path| match std::fs::read(p) {
        Ok(b) => Loaded::Bytes(b),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Loaded::Missing,
        Err(e) => Loaded::Error(e.to_string()),
    };
    let mut r = ConfReader::new(&mut load);
    r.apply_file(&dir.join("nix.conf"));
    r.conf
}

fn fatal(kind: ConfProblemKind) -> bool {
    matches!(
        kind,
        ConfProblemKind::IllegalLine
            | ConfProblemKind::IncludeMissing
            | ConfProblemKind::InvalidValue
            | ConfProblemKind::IncludeCycle
    )
}

/// What each case must show beyond full agreement: settings newer than Nix 2.8 (it ignores them
/// with a warning) and values it reports in a form that cannot be compared.
fn expected(case: &str) -> (Vec<&'static str>, Vec<&'static str>) {
    match case {
        "determinate" => (
            vec![
                "always-allow-substitutes",
                "bash-prompt-prefix",
                "upgrade-nix-store-path-url",
            ],
            vec!["experimental-features", "max-jobs"],
        ),
        "nix-darwin" => (vec![], vec!["experimental-features", "max-jobs"]),
        "iog" => (vec![], vec!["experimental-features"]),
        _ => (vec![], vec![]),
    }
}

#[test]
fn parser_agrees_with_nix_on_every_case() {
    if !have_nix() {
        return;
    }
    let mut cases: Vec<PathBuf> = std::fs::read_dir(cases_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    assert!(cases.len() >= 13, "{cases:?}");
    let mut compared = 0;
    for case in &cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let tmp = tempfile::tempdir().unwrap();
        copy_dir(case, tmp.path());
        let ours = parse_dir(tmp.path());
        let ours_fatal: Vec<_> = ours.problems.iter().filter(|p| fatal(p.kind)).collect();
        match nix_show_config(tmp.path()) {
            Err(stderr) => {
                assert!(
                    !ours_fatal.is_empty(),
                    "{name}: Nix rejects it ({stderr}) but the parser found nothing fatal"
                );
                assert!(name.starts_with("bad-"), "{name}: {stderr}");
            }
            Ok(json) => {
                assert!(
                    ours_fatal.is_empty(),
                    "{name}: Nix accepts it but the parser reports {ours_fatal:?}"
                );
                assert!(!name.starts_with("bad-"), "{name}: Nix accepted it");
                let c = oracle::compare(&ours.settings, &json).unwrap();
                assert!(c.mismatches.is_empty(), "{name}: {:#?}", c.mismatches);
                let (unknown, not_comparable) = expected(&name);
                assert_eq!(c.unknown_to_nix, unknown, "{name}");
                let nc: Vec<&str> = c.not_comparable.iter().map(|(n, _)| n.as_str()).collect();
                assert_eq!(nc, not_comparable, "{name}");
                assert!(!c.agreed.is_empty(), "{name}");
                let (_, eff) = effective_mismatches(&ours.settings, &json.to_string()).unwrap();
                assert!(eff.is_empty(), "{name}: effective values differ: {eff:#?}");
                compared += c.agreed.len();
            }
        }
    }
    // Every case carries real settings: a vacuous pass would compare none.
    assert!(compared > 60, "only {compared} settings compared");
}

fn collect(dir: &Path) -> NixconfFacts {
    let env: BTreeMap<String, OsString> =
        [("NIX_CONF_DIR".to_string(), dir.as_os_str().to_owned())]
            .into_iter()
            .collect();
    let host = Host::live(Arc::new(SystemRunner), env, chrono::Utc::now()).unwrap();
    let facts = FactSet::new();
    let progress = |_: &str| {};
    let cx = ProbeContext {
        facts: &facts,
        deadline: Instant::now() + Duration::from_secs(60),
        progress: &progress,
    };
    let f = NixconfProbe.collect(&host, &cx).unwrap();
    f.as_any().downcast_ref::<NixconfFacts>().unwrap().clone()
}

/// The probe on a live host asks Nix itself and finds no difference on a real-shaped file,
/// and no secret from an included file reaches its facts (Nix's own view included).
#[test]
fn live_probe_agrees_and_keeps_secrets_out() {
    if !have_nix() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&cases_dir().join("access-tokens"), tmp.path());
    let f = collect(tmp.path());
    assert!(f.problems.is_empty(), "{:?}", f.problems);
    let live = f
        .live
        .as_ref()
        .unwrap_or_else(|| panic!("no live view: {:?}", f.live_error));
    assert!(live.mismatches.is_empty(), "{:#?}", live.mismatches);
    let dump = serde_json::to_string(&f).unwrap();
    for secret in [
        "ghp_FAKEFAKEFAKEFAKE",
        "glpat-FAKE",
        "tok_FAKE",
        "s3cret",
        "ci:",
    ] {
        assert!(!dump.contains(secret), "{secret} leaked into the facts");
    }
    assert_eq!(
        f.settings["access-tokens"].value,
        "[REDACTED: set, 3 entries, 84 chars]"
    );
    assert_eq!(
        live.values["substituters"],
        "https://[REDACTED]@cache.example.org/ https://cache.nixos.org"
    );
}
