#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! nixconf, flake, channels and secrets end to end over `--root` fixtures: one fixture per
//! check, real-era lock files, bad input (include cycles, truncated/binary/huge/looping locks),
//! and a real git repository for `flake.untracked-files`.

use std::path::Path;
use std::process::Command;

use nixbtw_contracts::{Finding, FindingId, FindingType, Priority, ProbeId, Report};
use nixbtw_probes::probes::flake::{lock, lock_facts};
use nixbtw_tests::trust::{audit, channels, now, store, system_profile, write};

const NIXOS_CONF: &str = include_str!("../fixtures/nix-conf/nixos-25.11.conf");
const DETERMINATE_CONF: &str = include_str!("../fixtures/nix-conf/determinate.conf");

fn ids(r: &Report) -> Vec<&'static str> {
    r.findings.iter().map(|f| f.id.as_str()).collect()
}

fn find(r: &Report, id: FindingId) -> Vec<&Finding> {
    r.findings.iter().filter(|f| f.id == id).collect()
}

fn errors(r: &Report, probe: ProbeId) -> Vec<&Finding> {
    r.findings
        .iter()
        .filter(|f| f.kind == FindingType::Error && f.probe == probe)
        .collect()
}

fn flake_lock_at(days_old: i64, branch: &str) -> String {
    let ts = now().timestamp() - days_old * 86400;
    format!(
        r#"{{"nodes":{{"nixpkgs":{{"locked":{{"lastModified":{ts},"narHash":"sha256-AAAA","owner":"NixOS","repo":"nixpkgs","rev":"0123456789abcdef0123456789abcdef01234567","type":"github"}},"original":{{"owner":"NixOS","ref":"{branch}","repo":"nixpkgs","type":"github"}}}},"root":{{"inputs":{{"nixpkgs":"nixpkgs"}}}}}},"root":"root","version":7}}"#
    )
}

#[test]
fn clean_nixos_host_raises_only_info() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "etc/nix/nix.conf", NIXOS_CONF);
    write(root, "etc/nixos/flake.nix", "{ outputs = _: { }; }\n");
    write(
        root,
        "etc/nixos/flake.lock",
        flake_lock_at(10, "nixos-26.05"),
    );
    system_profile(root, &[("ssh/sshd_config", "PermitRootLogin no\n")]);
    let r = audit(root);
    let actionable: Vec<_> = r
        .findings
        .iter()
        .filter(|f| f.priority != Priority::Info && f.kind == FindingType::Found)
        .map(|f| f.id.as_str())
        .collect();
    assert!(actionable.is_empty(), "{actionable:?}");
    assert_eq!(find(&r, FindingId::FlakeInputs).len(), 1);
    // Other probes read these facts.
    let nc = &r.facts["nixconf"]["effective"];
    assert_eq!(nc["keep_outputs"], false);
    assert_eq!(nc["keep_derivations"], true);
    assert_eq!(nc["min_free"], 0);
    assert_eq!(nc["experimental_features"][1], "flakes");
}

#[test]
fn nixconf_checks_each_fire_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "etc/nix/nix.conf",
        format!("{NIXOS_CONF}!include local.conf\n"),
    );
    write(
        root,
        "etc/nix/local.conf",
        "require-sigs = false\nsandbox = false\ntrusted-users = root @users\nextra-substituters = http://cache.lan:5000\naccept-flake-config = true\nexperimental-features = nix-command\n",
    );
    write(root, "etc/nixos/flake.nix", "{ }\n");
    write(
        root,
        "etc/nixos/flake.lock",
        flake_lock_at(1, "nixos-26.05"),
    );
    let r = audit(root);
    for (id, file) in [
        (FindingId::NixconfRequireSigsOff, "/etc/nix/local.conf:1"),
        (FindingId::NixconfSandboxOff, "/etc/nix/local.conf:2"),
        (FindingId::NixconfTrustedUsersBroad, "/etc/nix/local.conf:3"),
        (
            FindingId::NixconfInsecureSubstituter,
            "/etc/nix/local.conf:4",
        ),
        (FindingId::NixconfAcceptFlakeConfig, "/etc/nix/local.conf:5"),
        (FindingId::NixconfFlakesDisabled, "/etc/nix/local.conf:6"),
    ] {
        let f = find(&r, id);
        assert_eq!(f.len(), 1, "{id}: {:?}", ids(&r));
        assert_eq!(f[0].file, file, "{id}");
    }
    assert_eq!(
        find(&r, FindingId::NixconfRequireSigsOff)[0].priority,
        Priority::P0
    );
}

#[test]
fn determinate_install_with_custom_conf() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "etc/nix/nix.conf", DETERMINATE_CONF);
    write(
        root,
        "etc/nix/nix.custom.conf",
        "# Written by you.\ntrusted-users = root alice\n",
    );
    let r = audit(root);
    let f = find(&r, FindingId::NixconfTrustedUsersBroad);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].priority, Priority::Info);
    assert_eq!(f[0].file, "/etc/nix/nix.custom.conf:2");
    // FlakeHub's cache has its keys, so no substituter-without-key.
    assert!(
        find(&r, FindingId::NixconfSubstituterWithoutKey).is_empty(),
        "{:?}",
        ids(&r)
    );
    let files = r.facts["nixconf"]["files"].as_array().unwrap();
    assert_eq!(files.len(), 2);
}

#[test]
fn nixconf_bad_input_is_reported_not_fatal() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "etc/nix/nix.conf",
        "sandbox=false\ninclude a.conf\ninclude missing.conf\n",
    );
    write(
        root,
        "etc/nix/a.conf",
        "include nix.conf\nrequire-sigs = maybe\n",
    );
    let r = audit(root);
    let errs = errors(&r, ProbeId::Nixconf);
    let summaries: Vec<&str> = errs.iter().map(|f| f.summary.as_str()).collect();
    for want in [
        "illegal configuration line 'sandbox=false'",
        "include cycle",
        "invalid value 'maybe'",
        "missing.conf",
    ] {
        assert!(
            summaries.iter().any(|s| s.contains(want)),
            "{want}: {summaries:?}"
        );
    }
    assert!(errs.iter().all(|f| f.priority == Priority::P1));
    // `sandbox=false` is illegal, so Nix's default (on) stands.
    assert!(find(&r, FindingId::NixconfSandboxOff).is_empty());
}

#[test]
fn flake_checks_stale_missing_duplicate() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "etc/nixos/flake.nix", "{ }\n");
    write(
        root,
        "etc/nixos/flake.lock",
        flake_lock_at(200, "nixos-25.05"),
    );
    let r = audit(root);
    let stale = find(&r, FindingId::FlakeLockStale);
    assert_eq!(stale.len(), 1);
    assert_eq!(stale[0].priority, Priority::P1);
    assert!(stale[0]
        .description
        .contains("unsupported since 2025-12-31"));

    std::fs::remove_file(root.join("etc/nixos/flake.lock")).unwrap();
    let r = audit(root);
    assert_eq!(find(&r, FindingId::FlakeLockMissing).len(), 1);

    write(
        root,
        "etc/nixos/flake.lock",
        include_str!("../fixtures/flake-locks/2021-nix-config-duplicate-nixpkgs-v7.lock"),
    );
    let r = audit(root);
    assert_eq!(find(&r, FindingId::FlakeDuplicateNixpkgs).len(), 1);
    // Five years old: P1 stale, and the branch (unstable) has no end date.
    assert_eq!(
        find(&r, FindingId::FlakeLockStale)[0].priority,
        Priority::P1
    );
}

#[test]
fn lock_files_of_every_era_parse() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/flake-locks");
    let mut seen = 0;
    for e in std::fs::read_dir(&dir).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_none_or(|x| x != "lock") {
            continue;
        }
        seen += 1;
        let l = lock::parse(&std::fs::read(&p).unwrap()).unwrap_or_else(|e| panic!("{p:?}: {e}"));
        let f = lock_facts(&p, &l);
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        let nixpkgs = f
            .inputs
            .iter()
            .find(|i| i.name == "nixpkgs")
            .unwrap_or_else(|| panic!("{name}"));
        assert!(nixpkgs.nixpkgs, "{name}");
        match name.as_str() {
            "2025-infra-follows-v7.lock" => {
                assert_eq!(f.version, 7);
                assert_eq!(f.nodes, 56);
                assert_eq!(nixpkgs.branch.as_deref(), Some("nixos-25.11"));
                assert!(f.nixpkgs_nodes.len() > 3);
                assert!(f.problems.is_empty(), "{:?}", f.problems);
                let git = f.inputs.iter().find(|i| i.name == "technorino").unwrap();
                assert_eq!(git.locked.as_ref().unwrap().kind, "git");
            }
            "2020-rfc0049-v5.lock" => {
                assert_eq!(f.version, 5);
                // v5 kept lastModified in `info`.
                assert_eq!(
                    nixpkgs.locked.as_ref().unwrap().last_modified,
                    Some(1580555482)
                );
                assert_eq!(f.inputs.len(), 3);
            }
            "2019-prerelease-v3.lock" => {
                assert_eq!(f.version, 3);
                assert!(f.problems[0].contains("refuse"));
                assert_eq!(
                    nixpkgs.locked.as_ref().unwrap().rev.as_deref(),
                    Some("a4d896e89932e873c4117908d558db6210fa3b56")
                );
            }
            "2023-home-manager-v7.lock" => {
                assert_eq!(nixpkgs.branch.as_deref(), Some("nixos-unstable"));
                assert_eq!(
                    nixpkgs.locked.as_ref().unwrap().last_modified,
                    Some(1685931219)
                );
            }
            "2021-nix-config-duplicate-nixpkgs-v7.lock" => {
                assert_eq!(f.nixpkgs_nodes.len(), 2);
            }
            other => panic!("unexpected fixture {other}"),
        }
    }
    assert_eq!(seen, 5);
}

#[test]
fn follows_resolve_in_the_real_lock() {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/flake-locks/2025-infra-follows-v7.lock");
    let l = lock::parse(&std::fs::read(&p).unwrap()).unwrap();
    // nur.inputs.nixpkgs follows ["stylix", "nixpkgs"], which is the node `nixpkgs_5`-style copy.
    let via = l.find_input(&["stylix".into(), "nur".into(), "nixpkgs".into()]);
    let direct = l.find_input(&["stylix".into(), "nixpkgs".into()]);
    assert!(via.is_some());
    assert_eq!(via, direct);
}

#[test]
fn broken_locks_each_get_a_clear_error_row() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "etc/nixos/flake.nix", "{ }\n");
    let full = flake_lock_at(1, "nixos-26.05");
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("truncated", full.as_bytes()[..full.len() / 2].to_vec(), "invalid JSON"),
        ("binary", b"\x7fELF\x02\x01\x01\0\0\0\0garbage".to_vec(), "not a text file"),
        (
            "unknown version",
            full.replace("\"version\":7", "\"version\":99").into_bytes(),
            "unknown lock version 99",
        ),
        (
            "node loop",
            br#"{"version":7,"root":"root","nodes":{"root":{"inputs":{"a":"a"}},"a":{"inputs":{"b":"b"}},"b":{"inputs":{"a":"a"}}}}"#.to_vec(),
            "node loop: root -> a -> b -> a",
        ),
    ];
    for (name, bytes, expect) in cases {
        write(root, "etc/nixos/flake.lock", &bytes);
        let r = audit(root);
        let errs = errors(&r, ProbeId::Flake);
        assert!(
            errs.iter().any(|f| f.summary.contains(expect)),
            "{name}: {:?}",
            errs.iter().map(|f| &f.summary).collect::<Vec<_>>()
        );
    }
    // A 100 MB lock (sparse): refused by size, never read into memory.
    let f = std::fs::File::create(root.join("etc/nixos/flake.lock")).unwrap();
    f.set_len(100 * 1024 * 1024).unwrap();
    let r = audit(root);
    let errs = errors(&r, ProbeId::Flake);
    assert!(
        errs[0].summary.contains("104857600 bytes"),
        "{}",
        errs[0].summary
    );
}

fn git(dir: &Path, args: &[&str]) {
    let ok = Command::new("git")
        .args([
            "-c",
            "user.email=t@example.invalid",
            "-c",
            "user.name=t",
            "-C",
        ])
        .arg(dir)
        .args(args)
        .output()
        .unwrap()
        .status
        .success();
    assert!(ok, "git {args:?}");
}

#[test]
fn untracked_nix_files_in_a_real_git_repo() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let nixos = root.join("etc/nixos");
    write(root, "etc/nixos/flake.nix", "{ }\n");
    write(
        root,
        "etc/nixos/flake.lock",
        flake_lock_at(1, "nixos-26.05"),
    );
    write(root, "etc/nixos/hosts/a.nix", "{ }\n");
    git(&nixos, &["init", "-q"]);
    git(&nixos, &["add", "."]);
    git(&nixos, &["commit", "-qm", "init"]);
    let r = audit(root);
    assert!(
        find(&r, FindingId::FlakeUntrackedFiles).is_empty(),
        "{:?}",
        ids(&r)
    );

    write(root, "etc/nixos/hosts/new.nix", "{ }\n");
    write(root, "etc/nixos/hosts/a.nix", "{ x = 1; }\n");
    write(root, "etc/nixos/notes.txt", "not nix\n");
    let index = std::fs::read(nixos.join(".git/index")).unwrap();
    let r = audit(root);
    let f = find(&r, FindingId::FlakeUntrackedFiles);
    assert_eq!(f.len(), 1, "{:?}", ids(&r));
    assert_eq!(
        f[0].evidence[0].excerpt,
        vec![
            "untracked: hosts/new.nix",
            "modified, not staged: hosts/a.nix"
        ]
    );
    // --no-optional-locks: the audit did not rewrite the index.
    assert_eq!(std::fs::read(nixos.join(".git/index")).unwrap(), index);
}

/// The issue-16 attack: a flake checkout whose own config names programs for git to run (a
/// `filter=evil` clean command for every .nix file, an fsmonitor hook, index hooks). The audit
/// reads the repository as data and starts none of them; git itself, run the way the audit
/// used to run it, does (the control at the end proves the trap is armed).
#[test]
fn a_hostile_repository_config_runs_nothing() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("root");
    let markers = dir.path().join("markers");
    std::fs::create_dir_all(&markers).unwrap();
    let nixos = root.join("etc/nixos");
    write(&root, "etc/nixos/flake.nix", "{ }\n");
    write(
        &root,
        "etc/nixos/flake.lock",
        flake_lock_at(1, "nixos-26.05"),
    );
    write(&root, "etc/nixos/grown.nix", "{ a = 1; }\n");
    write(&root, "etc/nixos/same-size.nix", "{ a = 1; }\n");
    git(&nixos, &["init", "-q"]);
    git(&nixos, &["add", "."]);
    git(&nixos, &["commit", "-qm", "init"]);

    let script = |name: &str| {
        let p = dir.path().join(format!("{name}.sh"));
        std::fs::write(
            &p,
            format!("#!/bin/sh\ntouch {}/{name}\ncat\n", markers.display()),
        )
        .unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
        p
    };
    let fsmonitor = script("fsmonitor");
    let hook = script("hook");
    for h in ["post-index-change", "post-checkout", "pre-commit"] {
        std::fs::copy(&hook, nixos.join(".git/hooks").join(h)).unwrap();
    }
    let mut config = std::fs::read_to_string(nixos.join(".git/config")).unwrap();
    config.push_str(&format!(
        "[filter \"evil\"]\n\tclean = {} \n\tsmudge = cat\n[core]\n\tfsmonitor = {}\n",
        script("filter").display(),
        fsmonitor.display()
    ));
    std::fs::write(nixos.join(".git/config"), config).unwrap();
    write(&root, "etc/nixos/.gitattributes", "*.nix filter=evil\n");
    write(&root, "etc/nixos/grown.nix", "{ a = 12; }\n");
    write(&root, "etc/nixos/same-size.nix", "{ a = 2; }\n");
    write(&root, "etc/nixos/new.nix", "{ }\n");
    let index = std::fs::read(nixos.join(".git/index")).unwrap();

    let r = audit(&root);
    let ran: Vec<_> = std::fs::read_dir(&markers)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(
        ran.is_empty(),
        "the audit ran repository-configured programs: {ran:?}"
    );
    assert_eq!(std::fs::read(nixos.join(".git/index")).unwrap(), index);
    let f = find(&r, FindingId::FlakeUntrackedFiles);
    assert_eq!(f.len(), 1, "{:?}", ids(&r));
    assert!(
        f[0].evidence[0]
            .source
            .starts_with("in-process index reader"),
        "{}",
        f[0].evidence[0].source
    );
    // The size changed: git too calls that modified without running the filter. Same size:
    // only the filter could tell, so the file is named as unchecked, never called clean.
    assert_eq!(
        f[0].evidence[0].excerpt,
        vec![
            "untracked: new.nix".to_string(),
            "modified, not staged: grown.nix".to_string(),
            "not compared, check with git status by hand: same-size.nix (filter=evil \
             (.gitattributes): git would run the filter's clean command)"
                .to_string(),
        ]
    );

    // Control: the command the audit used to run springs the trap.
    let _ = Command::new("git")
        .args(["-c", "core.fsmonitor=false", "--no-optional-locks", "-C"])
        .arg(&nixos)
        .args(["status", "--porcelain=v1", "-z", "--untracked-files=all"])
        .output()
        .unwrap();
    assert!(
        markers.join("filter").exists(),
        "git status did not run the filter: the trap is not armed, so the test proves nothing"
    );
}

#[test]
fn channel_checks() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "etc/os-release", "ID=nixos\nVERSION_ID=\"26.05\"\n");
    channels(root, "25.11", now() - chrono::Duration::days(120));
    let r = audit(root);
    assert_eq!(find(&r, FindingId::ChannelsStale).len(), 1, "{:?}", ids(&r));
    let mm = find(&r, FindingId::ChannelsReleaseMismatch);
    assert_eq!(mm.len(), 1);
    assert!(mm[0].title.contains("25.11"), "{}", mm[0].title);
    assert!(find(&r, FindingId::ChannelsMixed).is_empty());
    let ch = &r.facts["channels"]["channels"][0];
    assert_eq!(
        ch["git_revision"],
        "abcdef0123456789abcdef0123456789abcdef01"
    );

    write(root, "etc/nixos/flake.nix", "{ }\n");
    write(
        root,
        "etc/nixos/flake.lock",
        flake_lock_at(1, "nixos-26.05"),
    );
    let r = audit(root);
    assert_eq!(find(&r, FindingId::ChannelsMixed).len(), 1);
}

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
    let in_store = find(&r, FindingId::SecretsInStore);
    assert_eq!(in_store.len(), 2, "{:?}", ids(&r));
    assert!(in_store.iter().all(|f| f.priority == Priority::P0));
    assert!(in_store.iter().any(|f| f.file == "/nix/store/00000000000000000000000000000000-nixos-system-demo-26.05/etc/deploy/id_ed25519:1"), "{:?}", in_store.iter().map(|f| &f.file).collect::<Vec<_>>());
    let plain = find(&r, FindingId::SecretsPlaintextInConfig);
    assert_eq!(plain.len(), 1);
    assert_eq!(plain[0].file, "/etc/nixos/configuration.nix:3");
    let wr = find(&r, FindingId::SecretsWorldReadableKeys);
    assert_eq!(wr.len(), 1);
    assert_eq!(wr[0].subject, "/etc/ssh/ssh_host_ed25519_key");
    // Neither the report nor its facts hold any secret.
    let json = serde_json::to_string(&r).unwrap();
    for secret in ["QUFBQUFB", "QQQQQQQQ", "hunter22"] {
        assert!(!json.contains(secret), "{secret} leaked");
    }
    let _ = store("x");
}

#[test]
fn a_fifo_named_flake_lock_does_not_hang() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "etc/nixos/flake.nix", "{ }\n");
    nix::unistd::mkfifo(
        &root.join("etc/nixos/flake.lock"),
        nix::sys::stat::Mode::from_bits_truncate(0o644),
    )
    .unwrap();
    let r = audit(root);
    let errs = errors(&r, ProbeId::Flake);
    assert!(
        errs[0].summary.contains("not a regular file"),
        "{}",
        errs[0].summary
    );
}
