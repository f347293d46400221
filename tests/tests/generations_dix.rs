//! dix as an oracle: on a generated store whose system generations change real-looking
//! package names, our version changes (added, removed, changed, with versions) equal dix's for
//! every consecutive pair and for first -> last. Our diff runs unfolded (`Fold::Exact`, the
//! output kept in the version as dix keeps it) for the comparison; folding and the other
//! deliberate differences are in docs/packages.md.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;
use std::path::PathBuf;

use nixbtw_probes::nixdb::GcKeep;
use nixbtw_probes::pkgdiff::{self, ChangeKind, Fold};
use nixbtw_probes::probes::generations;
use nixbtw_tests::dix::{build_generations, dix_binary, dix_changes, VersionChanges};
use nixbtw_tests::nixstore::ChrootStore;
use nixbtw_tests::require;
use nixbtw_tests::store_world::{can_build_stores, host};

fn ours(h: &nixbtw_probes::Host, old: &str, new: &str, fold: Fold) -> Vec<pkgdiff::PackageChange> {
    let shared = h.shared_store(GcKeep::default()).unwrap();
    let a = generations::system_packages(h, &shared, old, fold)
        .unwrap()
        .packages;
    let b = generations::system_packages(h, &shared, new, fold)
        .unwrap()
        .packages;
    pkgdiff::diff(&a, &b)
}

fn as_sets(changes: &[pkgdiff::PackageChange]) -> VersionChanges {
    changes
        .iter()
        .map(|c| {
            (
                c.pname.clone(),
                (
                    c.old.iter().cloned().collect::<BTreeSet<_>>(),
                    c.new.iter().cloned().collect::<BTreeSet<_>>(),
                ),
            )
        })
        .collect()
}

/// dix, when this machine can build chroot stores and run dix in a mount namespace (`None`
/// outside CI when something is missing; a failure under `CI=true`).
fn dix_and_stores() -> Option<PathBuf> {
    let ok = can_build_stores()
        && require(
            dix_binary().is_some(),
            "dix (cargo install dix --version '<3' --locked)",
        )
        && require(nixbtw_tests::have_tool("unshare"), "unshare");
    if ok {
        dix_binary()
    } else {
        None
    }
}

#[test]
fn version_changes_equal_dix() {
    let Some(dix) = dix_and_stores() else {
        return;
    };
    let store = ChrootStore::new().unwrap();
    let systems = build_generations(&store).unwrap();
    let h = host(&store.root);
    let mut pairs: Vec<(usize, usize)> = (1..systems.len()).map(|i| (i - 1, i)).collect();
    pairs.push((0, systems.len() - 1));
    for (a, b) in pairs {
        let theirs = dix_changes(&dix, &store, &systems[a], &systems[b]).unwrap();
        let mine = as_sets(&ours(&h, &systems[a], &systems[b], Fold::Exact));
        assert!(!theirs.is_empty());
        if (a, b) == (0, 1) {
            // dix's own view, so the comparison is not of two empty answers.
            let set = |v: &[&str]| {
                v.iter()
                    .map(|s| Some(s.to_string()))
                    .collect::<BTreeSet<_>>()
            };
            assert_eq!(
                theirs["glibc"],
                (
                    set(&["2.40-36", "2.40-36-bin"]),
                    set(&["2.40-66", "2.40-66-bin", "2.40-66-dev"])
                )
            );
            assert_eq!(theirs["perl5.38.0-Foo"], (set(&["1.2"]), set(&["1.3"])));
            assert_eq!(theirs["nano"], (set(&["8.2"]), BTreeSet::new()));
        }
        assert_eq!(mine, theirs, "generation {} -> {}", a + 1, b + 1);
    }
    assert_eq!(h.store_loads(), 1, "every pair from one graph load");
    // The db copy dix wrote beside is not ours: the store's DB has no -wal/-shm.
    assert!(!store.root.join("nix/var/nix/db/db.sqlite-wal").exists());

    // Folded (what the report shows): one glibc change, not one per output.
    let folded = ours(&h, &systems[0], &systems[1], Fold::Outputs);
    let glibc: Vec<_> = folded.iter().filter(|c| c.pname == "glibc").collect();
    assert_eq!(glibc.len(), 1);
    assert_eq!(glibc[0].kind, ChangeKind::Upgraded);
    assert_eq!(glibc[0].old, vec![Some("2.40-36".to_string())]);
    let ssl = folded.iter().find(|c| c.pname == "openssl").unwrap();
    assert_eq!(ssl.kind, ChangeKind::Downgraded);
    assert!(!ssl.selected, "openssl is only a dependency of openssh");
    let htop = folded.iter().find(|c| c.pname == "htop").unwrap();
    assert!(htop.selected && htop.kind == ChangeKind::Added);
    // 3 -> 4: only the `-dev` output left glibc: no glibc change when folded.
    let f34 = ours(&h, &systems[1], &systems[2], Fold::Outputs);
    assert!(!f34.iter().any(|c| c.pname == "glibc"), "{f34:?}");
}

/// home-manager generations too: dix compares any two store paths, and our home-manager
/// diff (the packages of the closure, selected by `home-path`) has the same version changes.
#[test]
fn home_manager_version_changes_equal_dix() {
    let Some(dix) = dix_and_stores() else {
        return;
    };
    use nixbtw_tests::home_manager::{build, ALICE};
    let store = ChrootStore::new().unwrap();
    let gens = build(
        &store,
        "/nix/var/nix/profiles/per-user/alice/home-manager",
        ALICE,
    )
    .unwrap();
    let h = host(&store.root);
    let shared = h.shared_store(GcKeep::default()).unwrap();
    let kind = generations::GenerationKind::HomeManager;
    let pkgs = |p: &str, fold| {
        generations::generation_packages(&h, &shared, p, fold, kind)
            .unwrap()
            .packages
    };
    for (a, b) in [(0, 1), (1, 2), (0, 2)] {
        let theirs = dix_changes(&dix, &store, &gens[a], &gens[b]).unwrap();
        let mine = as_sets(&pkgdiff::diff(
            &pkgs(&gens[a], Fold::Exact),
            &pkgs(&gens[b], Fold::Exact),
        ));
        assert!(!theirs.is_empty());
        assert_eq!(
            mine,
            theirs,
            "home-manager generation {} -> {}",
            a + 1,
            b + 1
        );
    }
    let set = |v: &[&str]| {
        v.iter()
            .map(|s| Some(s.to_string()))
            .collect::<BTreeSet<_>>()
    };
    let d = dix_changes(&dix, &store, &gens[0], &gens[1]).unwrap();
    assert_eq!(d["openssh"], (set(&["9.9p1"]), set(&["9.8p1"])));
    // Selected: home.packages (home-path's references), not what `activate` runs.
    let folded = pkgdiff::diff(
        &pkgs(&gens[0], Fold::Outputs),
        &pkgs(&gens[1], Fold::Outputs),
    );
    let sel = |n: &str| folded.iter().find(|c| c.pname == n).unwrap().selected;
    assert!(sel("openssh") && sel("ripgrep") && !sel("bash") && !sel("openssl"));
}

#[test]
fn generations_probe_on_the_generated_store() {
    if !can_build_stores() {
        return;
    }
    let store = ChrootStore::new().unwrap();
    let systems = build_generations(&store).unwrap();
    let h = host(&store.root);
    let f = generations::collect(&h);
    let sys = f.system.as_ref().unwrap();
    assert_eq!(sys.generations.len(), systems.len());
    assert!(sys.generations.iter().all(|g| g.closure_bytes.unwrap() > 0));
    // Consecutive pairs: 1->2, 2->3, 3->4.
    let pairs: Vec<(u32, u32)> = f.diffs.iter().map(|d| (d.from, d.to)).collect();
    assert_eq!(pairs, vec![(1, 2), (2, 3), (3, 4)]);
    let d34 = &f.diffs[2];
    let ssl = d34.changes.iter().find(|c| c.pname == "openssl").unwrap();
    assert_eq!(ssl.kind, ChangeKind::Upgraded);
    assert_eq!(ssl.security.as_deref(), Some("openssl"));

    // Generation N created N days ago... oldest first: 1 four days ago, 4 one day ago.
    let now = chrono::Utc::now();
    for n in 1..=systems.len() {
        let t = now - chrono::Duration::days((systems.len() + 1 - n) as i64);
        let link = store
            .root
            .join(format!("nix/var/nix/profiles/system-{n}-link"));
        let ok = std::process::Command::new("touch")
            .args(["-h", "-d", &format!("@{}", t.timestamp())])
            .arg(&link)
            .status()
            .unwrap()
            .success();
        assert!(ok);
    }
    let mut f = generations::collect(&h);
    // Failed 2.5 days ago: after generation 2 (3 days ago), before 3.
    let at = now - chrono::Duration::hours(60);
    generations::attribute_failures(
        &h,
        GcKeep::default(),
        &[("nginx.service".into(), at)],
        &[],
        &mut f,
    );
    let a = &f.failures[0];
    assert_eq!((a.generation, a.previous), (2, Some(1)));
    // No unit file in these systems: the whole generation's changes, said so.
    assert!(!a.unit_closure);
    let ssl = a.changes.iter().find(|c| c.pname == "openssl").unwrap();
    assert_eq!(ssl.kind, ChangeKind::Downgraded);
    // Generation 4 (a day ago) was made with `nixos-rebuild boot` and never ran: the journal
    // says generation 3 was booted 20 hours ago, and a failure 12 hours ago follows it, not 4.
    let mut f = generations::collect(&h);
    let booted = nixbtw_probes::probes::journal::Activation {
        time: now - chrono::Duration::hours(20),
        system: systems[2].clone(),
        kind: nixbtw_probes::probes::journal::ActivationKind::Booting,
        boot_id: None,
    };
    let at = now - chrono::Duration::hours(12);
    generations::attribute_failures(
        &h,
        GcKeep::default(),
        &[("nginx.service".into(), at)],
        std::slice::from_ref(&booted),
        &mut f,
    );
    let a = &f.failures[0];
    assert_eq!((a.generation, a.previous), (3, Some(2)));
    assert_eq!(a.activated_by, generations::ActivatedBy::Journal);
    assert_eq!(a.activated, Some(booted.time));
    // Without the journal, the link times name generation 4.
    let mut f = generations::collect(&h);
    generations::attribute_failures(
        &h,
        GcKeep::default(),
        &[("nginx.service".into(), at)],
        &[],
        &mut f,
    );
    let a = &f.failures[0];
    assert_eq!((a.generation, a.previous), (4, Some(3)));
    assert_eq!(a.activated_by, generations::ActivatedBy::LinkTime);
    // A journal error source whose errors began after a switch to generation 4 this boot is
    // tied to it; one whose errors were there since the boot began (only stage 2's line before
    // them) is not.
    let switched = nixbtw_probes::probes::journal::Activation {
        time: now - chrono::Duration::hours(10),
        system: systems[3].clone(),
        kind: nixbtw_probes::probes::journal::ActivationKind::Switching,
        boot_id: None,
    };
    let mut f = generations::collect(&h);
    generations::attribute_error_sources(
        &h,
        GcKeep::default(),
        &[
            ("late.service".into(), now - chrono::Duration::hours(5)),
            ("early.service".into(), now - chrono::Duration::hours(15)),
        ],
        &[booted, switched],
        &mut f,
    );
    let got: Vec<(&str, u32, Option<u32>)> = f
        .error_sources
        .iter()
        .map(|a| (a.unit.as_str(), a.generation, a.previous))
        .collect();
    assert_eq!(got, vec![("late.service", 4, Some(3))]);
    // Before every generation: nothing to attribute.
    let mut f = generations::collect(&h);
    generations::attribute_failures(
        &h,
        GcKeep::default(),
        &[("nginx.service".into(), now - chrono::Duration::days(30))],
        &[],
        &mut f,
    );
    assert!(f.failures.is_empty());
}

/// Two systems built by Nix whose `etc/systemd/system/nginx.service` links into a unit store
/// path referencing nginx and openssl: a failure after the second is tied to what changed in
/// the unit's closure only.
#[test]
fn failure_attribution_limited_to_the_units_closure() {
    if !can_build_stores() {
        return;
    }
    let store = ChrootStore::new().unwrap();
    let expr = r#"
let
  sh = name: script: derivation {
    inherit name;
    system = builtins.currentSystem;
    builder = "/bin/sh";
    PATH = "/bin:/usr/bin";
    args = [ "-c" script ];
  };
  pkg = name: sh name "mkdir $out; echo ${name} > $out/v";
  unit = nginx: ssl: sh "unit-nginx.service" "mkdir $out; echo ExecStart=${nginx}/bin/nginx ${ssl} > $out/nginx.service";
  system = n: nginx: ssl: other: let u = unit nginx ssl; in
    sh "nixos-system-web-25.05.${toString n}" ''
      mkdir -p $out/etc/systemd/system
      ln -s ${u}/nginx.service $out/etc/systemd/system/nginx.service
      echo ${other} > $out/other
    '';
in [
  (system 1 (pkg "nginx-1.26.2") (pkg "openssl-3.0.14") (pkg "htop-3.3.0"))
  (system 2 (pkg "nginx-1.27.3") (pkg "openssl-3.3.2") (pkg "htop-3.4.0"))
]
"#;
    let outs = store.build(expr).unwrap();
    for p in &outs {
        store
            .set_profile("/nix/var/nix/profiles/system", p)
            .unwrap();
    }
    let h = host(&store.root);
    let mut f = generations::collect(&h);
    let at = chrono::Utc::now() + chrono::Duration::minutes(5);
    generations::attribute_failures(
        &h,
        GcKeep::default(),
        &[("nginx.service".into(), at)],
        &[],
        &mut f,
    );
    let a = &f.failures[0];
    assert_eq!((a.generation, a.previous), (2, Some(1)));
    assert!(
        a.unit_closure,
        "the unit file resolved to a valid store path"
    );
    let mut changed: Vec<String> = a.changes.iter().map(|c| c.short()).collect();
    changed.sort();
    // htop changed in the system but is not in nginx.service's closure.
    assert_eq!(
        changed,
        vec!["nginx 1.26.2 → 1.27.3", "openssl 3.0.14 → 3.3.2"]
    );
}
