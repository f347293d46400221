#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Differential test: the nix.conf parser against the real Nix (Debian's nix-bin, 2.8) via
//! `nix show-config --json`, on a live Host whose `NIX_CONF_DIR` is a private directory.
//! Needs `nix` (scripts/test installs nix-bin): fails under `CI=true` without it, and is skipped
//! visibly elsewhere.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::sync::Arc;
use std::time::{Duration, Instant};

use nixbtw_probes::probes::nixconf::{NixconfFacts, NixconfProbe};
use nixbtw_probes::{FactSet, Host, Probe, ProbeContext, SystemRunner};

fn have_nix() -> bool {
    nixbtw_tests::require_tool("nix")
}

fn collect(dir: &std::path::Path) -> NixconfFacts {
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

#[test]
fn parser_agrees_with_nix_show_config() {
    if !have_nix() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("nix.conf"),
        "# comment\nrequire-sigs = false # trailing\nsandbox = relaxed\ntrusted-users = root @wheel\n\
         substituters = https://a.example/\n!include extra.conf\n!include absent.conf\n\
         binary-cache-public-keys = a.example-1:AAAA\nmin-free = 1073741824\nkeep-outputs = true\n\
         experimental-features = nix-command\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("extra.conf"),
        "extra-substituters = https://b.example/\nextra-trusted-public-keys = b.example-1:BBBB\n\
         accept-flake-config = true\nauto-optimise-store = true\n",
    )
    .unwrap();
    let f = collect(dir.path());
    assert!(f.problems.is_empty(), "{:?}", f.problems);
    let live = f
        .live
        .as_ref()
        .unwrap_or_else(|| panic!("no live view: {:?}", f.live_error));
    assert!(live.command.contains("show-config") || live.command.contains("config show"));
    // Every checked setting Nix reports agrees with the parser.
    assert!(live.mismatches.is_empty(), "{:#?}", live.mismatches);
    assert_eq!(
        live.values["substituters"],
        "https://a.example/ https://b.example/"
    );
    assert_eq!(live.values["min-free"], "1073741824");
    assert_eq!(live.values["require-sigs"], "false");
    assert!(f.effective.keep_outputs && f.effective.auto_optimise_store);
    // The plain (alias) line after the include replaces what `extra-` appended before it,
    // and Nix agrees.
    assert_eq!(f.settings["trusted-public-keys"].origins().len(), 1);
    assert_eq!(live.values["trusted-public-keys"], "a.example-1:AAAA");
}

#[test]
fn nix_rejects_what_the_parser_flags() {
    if !have_nix() {
        return;
    }
    for bad in [
        "sandbox=false\n",
        "require-sigs = maybe\n",
        "include missing.conf\n",
    ] {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("nix.conf"), bad).unwrap();
        let f = collect(dir.path());
        assert_eq!(f.problems.len(), 1, "{bad:?}: {:?}", f.problems);
        // Nix fails on the same file.
        assert!(f.live.is_none(), "{bad:?}: nix accepted it");
        assert!(f.live_error.is_some());
    }
}
