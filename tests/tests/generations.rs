//! The generations probe and its checks end to end (probes -> rules -> report) over NixOS
//! fixture roots, and over a real chroot store built with Debian's nix-bin.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use nixbtw_contracts::Priority;
use nixbtw_probes::probes::generations;
use nixbtw_tests::nixos_root::{ids, NixosRoot};
use nixbtw_tests::store_world::{can_build_stores, host, world};

#[test]
fn healthy_generations_only_list_themselves() {
    let r = NixosRoot::new();
    let g = r.generations(3, 20);
    r.link("/run/current-system", &g[2]);
    r.link("/run/booted-system", &g[2]);
    let rep = r.audit();
    assert_eq!(ids(&rep), vec!["generations.system"]);
    let f = &rep.findings[0];
    assert!(
        f.title.contains("default 3, current 3, booted 3"),
        "{}",
        f.title
    );
    assert!(f.evidence[0].excerpt[0].contains("NixOS 25.05.3 (Linux 6.6.2)"));
    assert!(f.evidence[0].excerpt[0].contains("kernel 6.6.2"));
}

#[test]
fn reboot_pending_when_the_kernel_changed() {
    let r = NixosRoot::new();
    let g = r.generations(3, 20);
    r.link("/run/current-system", &g[2]);
    r.link("/run/booted-system", &g[1]);
    let rep = r.audit();
    assert!(ids(&rep).contains(&"generations.reboot-pending"));
    assert!(!ids(&rep).contains(&"generations.current-not-default"));
    // Same kernel, initrd and modules: no reboot needed even if the system differs.
    let r = NixosRoot::new();
    let g = r.generations(3, 20);
    r.link("/run/current-system", &g[1]);
    r.link("/run/booted-system", &g[0]);
    let rep = r.audit();
    assert!(!ids(&rep).contains(&"generations.reboot-pending"));
    assert!(ids(&rep).contains(&"generations.current-not-default"));
}

#[test]
fn booted_unprotected_once_its_generation_is_deleted() {
    let r = NixosRoot::new();
    let g = r.generations(3, 20);
    r.link("/run/current-system", &g[2]);
    r.link("/run/booted-system", &g[0]);
    assert!(!ids(&r.audit()).contains(&"generations.booted-unprotected"));
    // `nix-collect-garbage -d` deleted generations 1 and 2 while 1 is still running.
    for n in [1, 2] {
        std::fs::remove_file(r.p(&format!("/nix/var/nix/profiles/system-{n}-link"))).unwrap();
    }
    let rep = r.audit();
    let f = rep
        .findings
        .iter()
        .find(|f| f.id.as_str() == "generations.booted-unprotected")
        .expect("booted-unprotected");
    assert_eq!(f.priority, Priority::P1);
    assert!(f.suggested_action.contains(&g[0]), "{}", f.suggested_action);
    assert!(ids(&rep).contains(&"generations.reboot-pending"));
}

#[test]
fn one_generation_and_pile_up() {
    let r = NixosRoot::new();
    r.generations(1, 1);
    assert!(ids(&r.audit()).contains(&"generations.no-rollback"));
    let r = NixosRoot::new();
    r.generations(31, 10);
    let rep = r.audit();
    assert!(ids(&rep).contains(&"generations.pile-up"));
    assert!(!ids(&rep).contains(&"generations.no-rollback"));
    let r = NixosRoot::new();
    r.generations(4, 120);
    assert!(ids(&r.audit()).contains(&"generations.pile-up"));
    let r = NixosRoot::new();
    r.generations(4, 60);
    assert!(!ids(&r.audit()).contains(&"generations.pile-up"));
}

#[test]
fn imperative_profiles_and_home_manager() {
    let r = NixosRoot::new();
    r.generations(2, 5);
    std::fs::write(
        r.p("/etc/passwd"),
        "root:x:0:0::/root:/bin/sh\nalice:x:1000:100::/home/alice:/bin/sh\n",
    )
    .unwrap();
    let env = "/nix/store/eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee-profile";
    r.mkdir(env);
    std::fs::write(
        r.p(&format!("{env}/manifest.json")),
        r#"{"version":2,"elements":[{"storePaths":["/nix/store/hhhhhhhhhhhhhhhhhhhhhhhhhhhhhhhh-hello-2.12"]}]}"#,
    )
    .unwrap();
    r.link("/home/alice/.local/state/nix/profiles/profile-1-link", env);
    r.link(
        "/home/alice/.local/state/nix/profiles/profile",
        "profile-1-link",
    );
    for n in 1..=3 {
        r.link(
            &format!("/home/alice/.local/state/nix/profiles/home-manager-{n}-link"),
            env,
        );
    }
    r.link(
        "/home/alice/.local/state/nix/profiles/home-manager",
        "home-manager-3-link",
    );
    let rep = r.audit();
    let imp = rep
        .findings
        .iter()
        .find(|f| f.id.as_str() == "generations.imperative-profile")
        .unwrap();
    assert!(imp.evidence[0].excerpt.contains(&"hello-2.12".to_string()));
    assert!(imp.suggested_action.contains("nix profile remove"));
    let hm = rep
        .findings
        .iter()
        .find(|f| f.id.as_str() == "generations.home-manager")
        .unwrap();
    assert_eq!(hm.priority, Priority::Info);
    assert!(hm.title.contains("3 generations"));
}

#[test]
fn generations_of_a_chroot_store() {
    if !can_build_stores() {
        return;
    }
    let (s, outs) = world();
    let h = host(&s.root);
    let g = generations::collect(&h);
    let sys = g.system.as_ref().unwrap();
    assert_eq!(sys.generations.len(), 3);
    assert_eq!(sys.current, Some(3));
    assert_eq!(
        sys.generations[2].target.as_deref(),
        Some(outs[10].as_str())
    );
    let alice = g
        .profiles
        .iter()
        .find(|p| p.owner == "alice" && p.name == "profile")
        .unwrap();
    let m = alice.manifest.as_ref().unwrap();
    assert_eq!(m.packages, vec!["tool".to_string()]);
}

/// The text of NixOS's `nixos-version` script as Nixpkgs builds it
/// (nixos/modules/installer/tools/nixos-version.sh at NixOS/nixpkgs
/// 0a2c8a5824f4d11518168b74002249c6ecec21d5, placeholders substituted; shape excerpt).
fn nixos_version_script(rev: &str) -> String {
    format!(
        "#! /nix/store/x-bash/bin/bash\ncase \"$1\" in\n  --hash|--revision)\n    echo \"0a2c8a5\"\n    ;;\n  --configuration-revision)\n    if [[ \"{rev}\" =~ \"@\" ]]; then\n      echo \"$0: configuration revision is unknown\" >&2\n      exit 1\n    fi\n    echo \"{rev}\"\n    ;;\n  --json)\n    cat <<'EOF'\n{{\"configurationRevision\":\"{rev}\"}}\nEOF\n    ;;\nesac\n"
    )
}

#[test]
fn revision_specialisations_and_version_as_nixos_rebuild_reads_them() {
    let r = NixosRoot::new();
    let g = r.generations(2, 5);
    std::fs::write(
        r.p(&format!("{}/nixos-version", g[1])),
        "25.05.20250602.abcdef0\n",
    )
    .unwrap();
    r.mkdir(&format!("{}/sw/bin", g[1]));
    std::fs::write(
        r.p(&format!("{}/sw/bin/nixos-version", g[1])),
        nixos_version_script("8c2f1e0d9b7a"),
    )
    .unwrap();
    // An unset revision keeps Nixpkgs' placeholder: unknown, as nixos-version says.
    r.mkdir(&format!("{}/sw/bin", g[0]));
    std::fs::write(
        r.p(&format!("{}/sw/bin/nixos-version", g[0])),
        nixos_version_script("@configurationRevision@"),
    )
    .unwrap();
    r.mkdir(&format!("{}/specialisation/gaming", g[1]));
    r.link(&format!("{}/specialisation/work", g[1]), &g[0]);
    let h = host(r.dir.path());
    let f = generations::collect(&h);
    let gens = &f.system.as_ref().unwrap().generations;
    assert_eq!(
        gens[1].nixos_version.as_deref(),
        Some("25.05.20250602.abcdef0")
    );
    assert_eq!(
        gens[1].configuration_revision.as_deref(),
        Some("8c2f1e0d9b7a")
    );
    assert_eq!(gens[1].specialisations, vec!["gaming", "work"]);
    assert_eq!(gens[1].kernel.as_deref(), Some("6.6.2"));
    assert_eq!(gens[0].configuration_revision, None);
    assert!(gens[0].specialisations.is_empty());
}

#[test]
fn the_generations_subcommand_lists_the_demo_host() {
    let demo = nixbtw_tests::demo_host();
    let run = nixbtw_tests::run_cli(["generations", "--root", demo.to_str().unwrap(), "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let rows = v.as_array().unwrap();
    assert_eq!(rows.len(), 3);
    let newest = &rows[0];
    assert_eq!(newest["generation"], 3);
    assert_eq!(newest["current"], true);
    assert_eq!(newest["kernelVersion"], "6.6.8");
    assert!(newest["closureBytes"].as_u64().unwrap() > 0);
    assert!(newest["exclusiveBytes"].as_u64().is_some());
    let linux = newest["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["pname"] == "linux")
        .unwrap();
    assert_eq!(linux["kind"], "upgraded");
    assert_eq!(linux["security"], "kernel");
    assert_eq!(rows[1]["booted"], true);
    let text = nixbtw_tests::run_cli(["generations", "--root", demo.to_str().unwrap()]);
    assert!(
        text.stdout.contains("U  linux 6.6.1 → 6.6.8"),
        "{}",
        text.stdout
    );
}

#[test]
fn home_manager_in_both_modes_names_the_profile_and_the_unit() {
    if !can_build_stores() {
        return;
    }
    use nixbtw_tests::nextboot::{build_systems, run_links, SystemSpec};
    use nixbtw_tests::nixstore::ChrootStore;
    let s = ChrootStore::new().unwrap();
    // The running system's home-manager module manages alice and bob.
    let mut spec = SystemSpec::healthy("hm");
    spec.home_manager_users = vec!["alice".into(), "bob".into()];
    let outs = build_systems(&s, &[spec]);
    run_links(&s.root, &outs[0], &outs[0]);
    std::fs::create_dir_all(s.root.join("etc")).unwrap();
    std::fs::write(
        s.root.join("etc/passwd"),
        "root:x:0:0::/root:/bin/sh\nalice:x:1000:100::/home/alice:/bin/sh\n\
         bob:x:1001:100::/home/bob:/bin/sh\ncarol:x:1002:100::/home/carol:/bin/sh\n",
    )
    .unwrap();
    // alice and carol also have a standalone home-manager profile (carol only that).
    let env = s
        .build(
            r#"[ (derivation { name = "home-manager-generation"; system = builtins.currentSystem;
                 builder = "/bin/sh"; PATH = "/bin:/usr/bin";
                 args = [ "-c" "mkdir $out; echo hm > $out/activate" ]; }) ]"#,
        )
        .unwrap()
        .remove(0);
    for user in ["alice", "carol"] {
        let dir = s
            .root
            .join(format!("home/{user}/.local/state/nix/profiles"));
        std::fs::create_dir_all(&dir).unwrap();
        std::os::unix::fs::symlink(&env, dir.join("home-manager-1-link")).unwrap();
        std::os::unix::fs::symlink("home-manager-1-link", dir.join("home-manager")).unwrap();
    }
    let h = host(&s.root);
    let facts = generations::collect(&h);
    let users: Vec<&str> = facts
        .home_manager_units
        .iter()
        .map(|u| u.user.as_str())
        .collect();
    assert_eq!(users, ["alice", "bob"]);
    let (rep, _) = nixbtw_tests::audit_probes(&s.root, &[nixbtw_contracts::ProbeId::Generations]);
    let both: Vec<_> = rep
        .findings
        .iter()
        .filter(|f| f.id.as_str() == "generations.home-manager-both-modes")
        .collect();
    assert_eq!(both.len(), 1, "{:?}", ids(&rep));
    assert_eq!(both[0].priority, Priority::P2);
    assert!(both[0].title.contains("alice"));
    assert!(both[0]
        .description
        .contains("/home/alice/.local/state/nix/profiles/home-manager"));
    assert!(both[0]
        .description
        .contains("etc/systemd/system/home-manager-alice.service"));
}

/// alice's home-manager generations (home-manager's layout, `tests/src/home_manager.rs`) in a
/// real chroot store, as `home-manager switch` leaves them in `~/.local/state/nix/profiles`.
fn home_manager_store() -> (nixbtw_tests::nixstore::ChrootStore, Vec<String>) {
    use nixbtw_tests::home_manager::{build, ALICE};
    let s = nixbtw_tests::nixstore::ChrootStore::new().unwrap();
    let gens = build(&s, HM_PROFILE, ALICE).unwrap();
    std::fs::create_dir_all(s.root.join("etc")).unwrap();
    std::fs::write(
        s.root.join("etc/passwd"),
        "root:x:0:0::/root:/bin/sh\nalice:x:1000:100::/home/alice:/bin/sh\n",
    )
    .unwrap();
    (s, gens)
}

const HM_PROFILE: &str = "/home/alice/.local/state/nix/profiles/home-manager";

/// (name, kind, old versions, new versions, selected, security) of each change.
type ChangeRow = (
    String,
    nixbtw_probes::pkgdiff::ChangeKind,
    Vec<Option<String>>,
    Vec<Option<String>>,
    bool,
    Option<String>,
);

fn change_rows(changes: &[nixbtw_probes::pkgdiff::PackageChange]) -> Vec<ChangeRow> {
    changes
        .iter()
        .map(|c| {
            (
                c.pname.clone(),
                c.kind,
                c.old.clone(),
                c.new.clone(),
                c.selected,
                c.security.clone(),
            )
        })
        .collect()
}

#[test]
fn home_manager_generations_have_closures_exclusive_bytes_and_changes() {
    use nixbtw_probes::nixdb::GcKeep;
    use nixbtw_probes::pkgdiff::ChangeKind::{Added, Downgraded, Removed, Upgraded};
    use nixbtw_probes::probes::{gcroots, store};
    use nixbtw_tests::store_world::deadline;
    if !can_build_stores() {
        return;
    }
    let (s, paths) = home_manager_store();
    let h = host(&s.root);
    let roots = gcroots::collect(&h);
    let store_facts = store::collect(&h, Some(&roots), None, deadline());
    let f = generations::collect_with(
        &h,
        Some(&store_facts),
        GcKeep::default(),
        generations::MAX_DIFFS,
    );
    let p = f
        .profiles
        .iter()
        .find(|p| p.owner == "alice" && p.name == "home-manager")
        .unwrap();
    assert_eq!(p.current, Some(3));
    let gens = &p.generations;
    assert_eq!(gens.len(), 3);
    let versions: Vec<_> = gens.iter().map(|g| g.hm_version.as_deref()).collect();
    assert_eq!(versions, [Some("24.11"), Some("24.11"), Some("25.05")]);

    // Closures: Nix's own figures.
    let refs: Vec<&str> = paths.iter().map(String::as_str).collect();
    let info = s.path_info(&refs).unwrap();
    for (g, path) in gens.iter().zip(&paths) {
        assert_eq!(g.target.as_deref(), Some(path.as_str()));
        let (_, _, closure) = info.iter().find(|(p, _, _)| p == path).unwrap();
        assert_eq!(g.closure_bytes, Some(*closure), "generation {}", g.number);
        let n = s.run("nix-store", &["-qR", path]).unwrap().lines().count() as u64;
        assert_eq!(g.closure_paths, Some(n), "generation {}", g.number);
    }

    // Exclusive bytes: what a GC frees once the generation's link is gone (on copies: a GC
    // run changes the store).
    let dead_now: std::collections::BTreeSet<String> = s
        .copy()
        .unwrap()
        .print_dead()
        .unwrap()
        .into_iter()
        .collect();
    for g in gens {
        let c = s.copy().unwrap();
        std::fs::remove_file(c.host_path(&g.link)).unwrap();
        let freed: Vec<String> = c
            .print_dead()
            .unwrap()
            .into_iter()
            .filter(|p| !dead_now.contains(p))
            .collect();
        assert!(!freed.is_empty());
        // `nix-store -q --size` (`nix path-info` would read a `.drv` as its outputs).
        let mut args = vec!["-q", "--size"];
        args.extend(freed.iter().map(String::as_str));
        let bytes: u64 = s
            .run("nix-store", &args)
            .unwrap()
            .lines()
            .map(|l| l.trim().parse::<u64>().unwrap())
            .sum();
        assert_eq!(
            g.exclusive_bytes,
            Some(bytes),
            "generation {}: {freed:?}",
            g.number
        );
    }

    // Package changes of consecutive generations; selected = in home-path.
    let pairs: Vec<(u32, u32)> = p.diffs.iter().map(|d| (d.from, d.to)).collect();
    assert_eq!(pairs, [(1, 2), (2, 3)]);
    let v = |s: &str| vec![Some(s.to_string())];
    let none = Vec::new;
    let sec = |s: &str| Some(s.to_string());
    assert_eq!(
        change_rows(&p.diffs[0].changes),
        vec![
            (
                "bash".into(),
                Upgraded,
                v("5.2p32"),
                v("5.2p37"),
                false,
                None
            ),
            ("htop".into(), Removed, v("3.3.0"), none(), true, None),
            ("neovim".into(), Added, none(), v("0.10.2"), true, None),
            (
                "openssh".into(),
                Downgraded,
                v("9.9p1"),
                v("9.8p1"),
                true,
                sec("openssh")
            ),
            (
                "openssl".into(),
                Downgraded,
                v("3.3.2"),
                v("3.0.14"),
                false,
                sec("openssl")
            ),
            (
                "ripgrep".into(),
                Upgraded,
                v("14.1.0"),
                v("14.1.1"),
                true,
                None
            ),
        ]
    );
    // jq's `-bin` and `-man` outputs are one package.
    assert_eq!(
        change_rows(&p.diffs[1].changes),
        vec![("jq".into(), Added, none(), v("1.7.1"), true, None)]
    );
    assert_eq!(p.diffs[0].from_bytes, gens[0].closure_bytes.unwrap());
    assert_eq!(p.diffs[1].to_bytes, gens[2].closure_bytes.unwrap());
}

#[test]
fn home_manager_changes_in_the_report_and_the_subcommand() {
    use nixbtw_contracts::ProbeId;
    if !can_build_stores() {
        return;
    }
    let (s, paths) = home_manager_store();
    let root = s.root.to_str().unwrap().to_string();

    // `generations --user alice`: like `home-manager generations`, newest first.
    let run = nixbtw_tests::run_cli(["generations", "--root", &root, "--user", "alice", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let rows = v.as_array().unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0]["generation"], 3);
    assert_eq!(rows[0]["current"], true);
    assert_eq!(rows[0]["hmVersion"], "25.05");
    assert_eq!(rows[0]["path"], paths[2].as_str());
    assert_eq!(rows[0]["profile"], HM_PROFILE);
    let info = s.path_info(&[paths[2].as_str()]).unwrap();
    assert_eq!(rows[0]["closureBytes"].as_u64(), Some(info[0].2));
    assert!(rows[0]["exclusiveBytes"].as_u64().unwrap() > 0);
    assert_eq!(rows[0]["changes"][0]["pname"], "jq");
    let ssh = rows[1]["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["pname"] == "openssh")
        .unwrap();
    assert_eq!(ssh["kind"], "downgraded");
    assert_eq!(rows[2]["changes"].as_array().unwrap().len(), 0);
    let text = nixbtw_tests::run_cli(["generations", "--root", &root, "--user", "alice"]);
    assert!(text.stdout.starts_with(HM_PROFILE), "{}", text.stdout);
    let line = text
        .stdout
        .lines()
        .find(|l| l.contains("D  openssh 9.9p1 → 9.8p1  "))
        .unwrap_or_else(|| panic!("{}", text.stdout));
    assert!(line.ends_with("[selected]  [security: openssh]"), "{line}");
    let nobody = nixbtw_tests::run_cli(["generations", "--root", &root, "--user", "bob"]);
    assert_eq!(nobody.code, 0);
    assert!(nobody.stdout.contains("No home-manager profile for bob."));
    // Without --user: the system generations, unchanged (there are none here).
    let sys = nixbtw_tests::run_cli(["generations", "--root", &root, "--json"]);
    assert_eq!(sys.stdout.trim(), "[]");

    // alice rolled back to generation 2: its last switch (1 → 2) downgraded openssh and its
    // openssl. Named on her home-manager finding, which stays informational: the system's
    // packages did not change, so no generations.security-downgrade.
    let profile = s.host_path(HM_PROFILE).display().to_string();
    s.run("nix-env", &["-p", &profile, "--switch-generation", "2"])
        .unwrap();
    let (rep, _) = nixbtw_tests::audit_probes(
        &s.root,
        &[ProbeId::Gcroots, ProbeId::Store, ProbeId::Generations],
    );
    assert!(!ids(&rep).contains(&"generations.security-downgrade"));
    let hm = rep
        .findings
        .iter()
        .find(|f| f.id.as_str() == "generations.home-manager")
        .unwrap();
    assert_eq!(hm.priority, Priority::Info);
    assert_eq!(
        hm.title,
        "home-manager (alice): 3 generations; last switch downgrades openssh 9.9p1 → 9.8p1, \
         openssl 3.3.2 → 3.0.14"
    );
    assert!(
        hm.evidence[0].excerpt[0].starts_with("   3  "),
        "{:?}",
        hm.evidence
    );
    assert!(hm.evidence[0].excerpt[1].contains("home-manager 24.11  closure "));
    assert!(hm.evidence[0].excerpt[1].ends_with("[current]"));
    assert!(
        hm.evidence[1]
            .source
            .starts_with("last switch: generation 1 → 2 ("),
        "{:?}",
        hm.evidence
    );
    assert!(hm.evidence[1].excerpt[0].starts_with("openssh 9.9p1 → 9.8p1  "));
    assert!(hm.evidence[1].excerpt[0].ends_with("[selected]  [security: openssh]"));
}

/// A unit that failed in a boot with no stage-2 line of its own (the journal lost the early
/// boot) is tied to the generation an earlier boot switched to: the journal probe reads the
/// activations of every boot, not only the newest one's (whose absence used to leave only the
/// link times, which here all come after the failure).
#[test]
fn a_failure_is_tied_to_a_switch_logged_in_an_earlier_boot() {
    if !can_build_stores() || !nixbtw_tests::require_journal_tools() {
        return;
    }
    use nixbtw_contracts::ProbeId;
    use nixbtw_probes::probes::journal::JournalFacts;
    use nixbtw_tests::journal::{JournalBuilder, NEW_BOOT, OLD_BOOT};
    use nixbtw_tests::nextboot::{build_systems, run_links, SystemSpec};
    let s = nixbtw_tests::nixstore::ChrootStore::new().unwrap();
    let outs = build_systems(
        &s,
        &[
            SystemSpec::healthy("a1"),
            SystemSpec::healthy("a2"),
            SystemSpec::healthy("a3"),
        ],
    );
    run_links(&s.root, &outs[2], &outs[2]);
    let mut j = JournalBuilder::new();
    j.boot(OLD_BOOT).stage2_kmsg(&outs[0]);
    j.switch_to_configuration(5, &format!("switching to system configuration {}", outs[1]));
    j.boot(NEW_BOOT);
    j.service_line("web.service", "web", 3, "web: cannot bind");
    j.unit_fails("web.service", 1, "exit-code");
    j.write_under(&s.root).unwrap();
    let (_, facts) = nixbtw_tests::audit_probes(
        &s.root,
        &[
            ProbeId::Journal,
            ProbeId::Units,
            ProbeId::Generations,
            ProbeId::Store,
            ProbeId::Gcroots,
            ProbeId::Nixconf,
        ],
    );
    let jf = facts.get::<JournalFacts>().expect("journal facts");
    assert_eq!(jf.activations.len(), 2, "{:?}", jf.activations);
    assert!(jf.this_boot_activations().is_empty());
    let g = facts
        .get::<generations::GenerationsFacts>()
        .expect("generations facts");
    let a = g
        .failures
        .iter()
        .find(|a| a.unit == "web.service")
        .unwrap_or_else(|| panic!("{:?}", g.failures));
    assert_eq!(a.generation, 2);
    assert_eq!(a.activated_by, generations::ActivatedBy::Journal);
    assert_eq!(a.activated, Some(jf.activations[1].time));
    // Errors that began this boot are not tied to a switch of an earlier boot.
    assert!(g.error_sources.is_empty(), "{:?}", g.error_sources);
}

/// A profile in a home is the user's to fill: only the generations compared are walked (their
/// closures and `hm-version`), and a `profiles` link out of a user's home (bob's, to alice's)
/// names no profile of bob's, even listed before alice.
#[test]
fn home_manager_walks_only_compared_generations_and_stays_in_each_home() {
    use nixbtw_probes::nixdb::GcKeep;
    if !can_build_stores() {
        return;
    }
    let (s, _) = home_manager_store();
    std::fs::write(
        s.root.join("etc/passwd"),
        "root:x:0:0::/root:/bin/sh\nbob:x:1001:100::/home/bob:/bin/sh\n\
         alice:x:1000:100::/home/alice:/bin/sh\n",
    )
    .unwrap();
    std::fs::create_dir_all(s.root.join("home/bob/.local/state/nix")).unwrap();
    std::os::unix::fs::symlink(
        "/home/alice/.local/state/nix/profiles",
        s.root.join("home/bob/.local/state/nix/profiles"),
    )
    .unwrap();
    let h = host(&s.root);
    let f = generations::collect_with(&h, None, GcKeep::default(), 1);
    let hm: Vec<_> = f.profiles.iter().filter(|p| p.is_home_manager()).collect();
    assert_eq!(hm.len(), 1, "{hm:?}");
    assert_eq!(hm[0].owner, "alice");
    let walked: Vec<(u32, bool, bool)> = hm[0]
        .generations
        .iter()
        .map(|g| (g.number, g.closure_bytes.is_some(), g.hm_version.is_some()))
        .collect();
    assert_eq!(
        walked,
        [(1, false, false), (2, true, true), (3, true, true)]
    );
    assert_eq!(hm[0].diffs.len(), 1);
    assert_eq!((hm[0].diffs[0].from, hm[0].diffs[0].to), (2, 3));
}
