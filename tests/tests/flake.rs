#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The system flake's lock end to end over `--root` fixtures (issue 17, flake part): the
//! nixpkgs the system is built from named by evidence, forks, deliberate pins that are not
//! duplicates, lock versions 1 to 4, and bounded reading of hostile locks. The locks are the
//! minimal shape copies in `tests/fixtures/flake-locks/shapes/` (README names each source).

use std::path::Path;

use nixbtw_contracts::{Finding, FindingId, FindingType, Priority, ProbeId, Report};
use nixbtw_probes::probes::flake::{lock, lock_facts, LockError, NixpkgsEvidence};
use nixbtw_tests::trust::{audit, write};

fn shape(name: &str) -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/flake-locks/shapes")
        .join(name);
    std::fs::read_to_string(p).unwrap()
}

fn find(r: &Report, id: FindingId) -> Vec<&Finding> {
    r.findings.iter().filter(|f| f.id == id).collect()
}

fn flake_root(lock: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "etc/nixos/flake.nix", "{ }\n");
    write(dir.path(), "etc/nixos/flake.lock", lock);
    dir
}

/// NixOS/nix keeps `nixpkgs-regression` pinned to 2022 at the root. The old rule judged the
/// oldest nixpkgs-like input (a 4-year-old "stale" P1 about the wrong input) and counted three
/// nixpkgs copies; the system's nixpkgs is the input called `nixpkgs`, and root pins are
/// deliberate.
#[test]
fn a_pinned_regression_nixpkgs_is_not_the_systems() {
    let dir = flake_root(&shape("nix-pinned-regression-v7.lock"));
    let r = audit(dir.path());
    let lock = &r.facts["flake"]["lock"];
    assert_eq!(lock["nixpkgs"]["input"], "nixpkgs");
    assert_eq!(lock["nixpkgs"]["evidence"], "input-named-nixpkgs");
    let stale = find(&r, FindingId::FlakeLockStale);
    assert_eq!(stale.len(), 1);
    assert_eq!(stale[0].subject, "nixpkgs");
    // 2025-11-24, a year before the audit; nixos-25.11 ended 2026-06-30.
    assert!(
        stale[0].description.contains("from 2025-11-24"),
        "{}",
        stale[0].description
    );
    assert!(stale[0]
        .description
        .contains("unsupported since 2026-06-30"));
    assert!(stale[0].description.contains("called nixpkgs"));
    assert!(stale[0].description.code().any(|c| c == "nixpkgs"));
    assert!(find(&r, FindingId::FlakeDuplicateNixpkgs).is_empty());
}

/// haskell.nix: root `nixpkgs` follows `nixpkgs-unstable`; `nixpkgs-YY.MM-darwin` pins are
/// deliberate. The update advice names the input that owns the node.
#[test]
fn the_input_called_nixpkgs_through_follows() {
    let dir = flake_root(&shape("darwin-pins-follows-v7.lock"));
    let r = audit(dir.path());
    let lock = &r.facts["flake"]["lock"];
    assert_eq!(lock["nixpkgs"]["input"], "nixpkgs-unstable");
    assert_eq!(lock["nixpkgs"]["evidence"], "input-named-nixpkgs");
    assert!(lock["nixpkgs"]["detail"]
        .as_str()
        .unwrap()
        .contains("follows `nixpkgs-unstable`"));
    assert!(find(&r, FindingId::FlakeDuplicateNixpkgs).is_empty());
    let stale = find(&r, FindingId::FlakeLockStale);
    assert_eq!(stale[0].subject, "nixpkgs-unstable");
    // The darwin branch forms carry their real end of support.
    let inputs = &find(&r, FindingId::FlakeInputs)[0].evidence[0].excerpt;
    assert!(
        inputs
            .iter()
            .any(|l| l.contains("nixpkgs-23.05-darwin, unsupported since 2023-12-31")),
        "{inputs:?}"
    );
}

/// Forks are nixpkgs: the system's is a `git+https://…/nixpkgs` (followed by sops-nix and
/// agenix, beside a second root nixpkgs that nothing follows), and
/// `github:someone/nixpkgs` and `gitlab:me/nixpkgs` deeper down are copies that could follow
/// it; each gets its own `follows` line.
#[test]
fn forks_are_nixpkgs_and_transitive_copies_are_named() {
    let dir = flake_root(&shape("forks-and-copies-v7.lock"));
    let r = audit(dir.path());
    let lock = &r.facts["flake"]["lock"];
    assert_eq!(lock["nixpkgs"]["input"], "pkgs");
    assert_eq!(lock["nixpkgs"]["evidence"], "followed-by-other-inputs");
    assert!(lock["nixpkgs"]["detail"]
        .as_str()
        .unwrap()
        .starts_with("2 other inputs follow it"));
    let dup = find(&r, FindingId::FlakeDuplicateNixpkgs);
    assert_eq!(dup.len(), 1);
    let lines = &dup[0].evidence[0].excerpt;
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(lines[0]
        .starts_with("home-manager/nixpkgs -> node nixpkgs_2: github:someone/nixpkgs/patched"));
    assert!(lines[1].starts_with("sops-nix/tools/nixpkgs -> node nixpkgs_3: gitlab:me/nixpkgs"));
    assert!(dup[0]
        .suggested_action
        .code()
        .any(|c| c == "inputs.sops-nix.inputs.tools.inputs.nixpkgs.follows = \"pkgs\";"));
    let stale = find(&r, FindingId::FlakeLockStale);
    assert_eq!(stale[0].subject, "pkgs");
    assert_eq!(stale[0].priority, Priority::P1);
    assert!(stale[0]
        .description
        .contains("nixos-25.05, unsupported since 2025-12-31"));
}

/// Two nixpkgs at the root, neither called `nixpkgs` nor followed twice: nothing in the lock
/// names the system's, so only what holds for both is said (even the newer is a year old),
/// until the running system's revision names it.
#[test]
fn the_running_systems_revision_names_the_nixpkgs() {
    let dir = flake_root(&shape("two-channels-v7.lock"));
    let r = audit(dir.path());
    let lock = &r.facts["flake"]["lock"];
    assert!(lock["nixpkgs"].is_null());
    assert_eq!(lock["nixpkgs_ambiguous"].as_array().unwrap().len(), 2);
    let stale = find(&r, FindingId::FlakeLockStale);
    assert_eq!(stale.len(), 1);
    assert_eq!(stale[0].subject, "nixpkgs-stable,nixpkgs-unstable");
    assert!(
        stale[0]
            .title
            .contains("newest of 2 nixpkgs inputs is 366 days old"),
        "{}",
        stale[0].title
    );
    assert!(find(&r, FindingId::FlakeInputs)[0]
        .description
        .contains("Several root inputs are nixpkgs"));

    write(
        dir.path(),
        "etc/os-release",
        "ID=nixos\nNAME=NixOS\nVERSION_ID=\"25.05\"\nBUILD_ID=\"25.05.20250523.abc1234\"\n",
    );
    let r = audit(dir.path());
    let lock = &r.facts["flake"]["lock"];
    assert_eq!(lock["nixpkgs"]["input"], "nixpkgs-stable");
    assert_eq!(lock["nixpkgs"]["evidence"], "system-revision");
    assert_eq!(lock["system_revision"]["rev"], "abc1234");
    let stale = find(&r, FindingId::FlakeLockStale);
    assert_eq!(stale[0].subject, "nixpkgs-stable");
    assert!(stale[0]
        .description
        .contains("BUILD_ID=25.05.20250523.abc1234"));
}

/// Versions 1, 3 and 4 (2019-2020, NixOS/nix and NixOS/hydra history) are read with their
/// inputs, revisions and dates; before, a version 4 lock gave inputs with no reference.
#[test]
fn lock_versions_1_to_4_are_read() {
    for (file, version, rev, last_modified) in [
        (
            "nix-2019-v1.lock",
            1,
            "f10e8a02eb7fa2b4a070f30cf87f4efcc7f3186d",
            None,
        ),
        (
            "nix-2019-v3.lock",
            3,
            "dd45a16733f4469a0dded6ad0bf9a662ea39bdea",
            None,
        ),
        (
            "hydra-nested-v4.lock",
            4,
            "43e283790fbe330b723ac44b584824cf6d85c1ee",
            Some(1580555706),
        ),
    ] {
        let l = lock::parse(shape(file).as_bytes()).unwrap();
        let f = lock_facts(Path::new("/etc/nixos/flake.lock"), &l);
        assert_eq!(f.version, version, "{file}");
        let n = f.inputs.iter().find(|i| i.name == "nixpkgs").unwrap();
        assert!(n.nixpkgs, "{file}: edolstra/nixpkgs is a fork");
        let locked = n.locked.as_ref().unwrap();
        assert_eq!(locked.rev.as_deref(), Some(rev), "{file}");
        assert_eq!(locked.last_modified, last_modified, "{file}");
        assert_eq!(f.nixpkgs.as_ref().unwrap().input, "nixpkgs", "{file}");
        assert!(
            f.problems[0].contains("Nix 2.4 and later refuse it"),
            "{file}"
        );
    }
    // Hydra's v4 lock: nix brings its own nixpkgs (the fork), a copy that could follow.
    let dir = flake_root(&shape("hydra-nested-v4.lock"));
    let r = audit(dir.path());
    let inputs = find(&r, FindingId::FlakeInputs);
    assert!(inputs[0].title.contains("lock version 4"));
    let n = &inputs[0].evidence[0].excerpt;
    assert!(
        n.iter()
            .any(|l| l.starts_with("nixpkgs: nixpkgs/release-19.09 @ 43e283790fbe, 2020-02-01")),
        "{n:?}"
    );
    let dup = find(&r, FindingId::FlakeDuplicateNixpkgs);
    assert_eq!(dup.len(), 1);
    assert!(dup[0].evidence[0].excerpt[0].starts_with("nix/nixpkgs -> node nix/nixpkgs"));
}

/// A 190,000-node lock used to be parsed whole (656 MB peak RSS). Now the entry budget stops
/// it while deserializing: an info error row, no lock facts, promptly.
#[test]
fn hostile_locks_are_refused_by_size_and_entries() {
    let key = |mut i: u32| {
        let mut k = String::new();
        loop {
            k.push(char::from_digit(i % 36, 36).unwrap());
            i /= 36;
            if i == 0 {
                return k;
            }
        }
    };
    let mut s = String::from(r#"{"version":7,"root":"root","nodes":{"root":{"inputs":{"a":"0"}}"#);
    for i in 0..190_000 {
        s.push_str(&format!(",\"{}\":{{}}", key(i)));
    }
    s.push_str("}}");
    assert!(s.len() < lock::MAX_LOCK_BYTES as usize);
    assert_eq!(lock::parse(s.as_bytes()), Err(LockError::TooManyEntries));
    let dir = flake_root(&s);
    let r = audit(dir.path());
    let errs: Vec<&Finding> = r
        .findings
        .iter()
        .filter(|f| f.kind == FindingType::Error && f.probe == ProbeId::Flake)
        .collect();
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0].priority, Priority::Info);
    assert!(
        errs[0].summary.contains("more than 20000 nodes and inputs"),
        "{}",
        errs[0].summary
    );
    assert!(find(&r, FindingId::FlakeInputs).is_empty());
    // Over the byte cap (a dense 3 MiB lock, which the old 8 MiB cap read): refused unread.
    let big = format!(
        r#"{{"version":7,"root":"root","nodes":{{"root":{{}}}},"pad":"{}"}}"#,
        "x".repeat(3 << 20)
    );
    write(dir.path(), "etc/nixos/flake.lock", &big);
    let r = audit(dir.path());
    let errs: Vec<&Finding> = r
        .findings
        .iter()
        .filter(|f| f.kind == FindingType::Error && f.probe == ProbeId::Flake)
        .collect();
    assert!(
        errs[0].summary.contains("over the 2097152-byte limit"),
        "{}",
        errs[0].summary
    );
}

/// The real 2021 lock with a transitive home-manager nixpkgs still fires, naming the path.
#[test]
fn real_transitive_copy_still_fires() {
    let lock = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures/flake-locks/2021-nix-config-duplicate-nixpkgs-v7.lock"),
    )
    .unwrap();
    let l = lock::parse(lock.as_bytes()).unwrap();
    let f = lock_facts(Path::new("/etc/nixos/flake.lock"), &l);
    assert_eq!(
        f.nixpkgs.as_ref().unwrap().evidence,
        NixpkgsEvidence::InputNamedNixpkgs
    );
    assert_eq!(f.nixpkgs_copies.len(), 1, "{:?}", f.nixpkgs_copies);
    assert_eq!(f.nixpkgs_copies[0].path, vec!["home-manager", "nixpkgs"]);
}

// Moved from tests/tests/trust.rs: one test file per family.
use nixbtw_tests::trust::{error_rows, findings_of, flake_lock_at, report_ids};
use std::process::Command;

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
    let stale = findings_of(&r, FindingId::FlakeLockStale);
    assert_eq!(stale.len(), 1);
    assert_eq!(stale[0].priority, Priority::P1);
    assert!(stale[0]
        .description
        .contains("unsupported since 2025-12-31"));

    std::fs::remove_file(root.join("etc/nixos/flake.lock")).unwrap();
    let r = audit(root);
    assert_eq!(findings_of(&r, FindingId::FlakeLockMissing).len(), 1);

    write(
        root,
        "etc/nixos/flake.lock",
        include_str!("../fixtures/flake-locks/2021-nix-config-duplicate-nixpkgs-v7.lock"),
    );
    let r = audit(root);
    assert_eq!(findings_of(&r, FindingId::FlakeDuplicateNixpkgs).len(), 1);
    // Five years old: P1 stale, and the branch (unstable) has no end date.
    assert_eq!(
        findings_of(&r, FindingId::FlakeLockStale)[0].priority,
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
        let errs = error_rows(&r, ProbeId::Flake);
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
    let errs = error_rows(&r, ProbeId::Flake);
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
        findings_of(&r, FindingId::FlakeUntrackedFiles).is_empty(),
        "{:?}",
        report_ids(&r)
    );

    write(root, "etc/nixos/hosts/new.nix", "{ }\n");
    write(root, "etc/nixos/hosts/a.nix", "{ x = 1; }\n");
    write(root, "etc/nixos/notes.txt", "not nix\n");
    let index = std::fs::read(nixos.join(".git/index")).unwrap();
    let r = audit(root);
    let f = findings_of(&r, FindingId::FlakeUntrackedFiles);
    assert_eq!(f.len(), 1, "{:?}", report_ids(&r));
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
    let f = findings_of(&r, FindingId::FlakeUntrackedFiles);
    assert_eq!(f.len(), 1, "{:?}", report_ids(&r));
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
    let errs = error_rows(&r, ProbeId::Flake);
    assert!(
        errs[0].summary.contains("not a regular file"),
        "{}",
        errs[0].summary
    );
}
