//! The gcroots probe against Nix itself: the roots of a real chroot store (built with Debian's
//! nix-bin) equal `nix-store --gc --print-roots`, computed on a copy because that command
//! deletes stale `auto/` links; problems (stale, unresolvable, invalid) are facts.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use nixbtw_probes::probes::gcroots::{self, RootKind, RootProblemKind};
use nixbtw_tests::store_world::{can_build_stores, host, snapshot, world};

#[test]
fn roots_match_nix_print_roots() {
    if !can_build_stores() {
        return;
    }
    let (s, outs) = world();
    let before = snapshot(&s.root);
    let h = host(&s.root);
    let roots = gcroots::collect(&h);
    assert_eq!(before, snapshot(&s.root), "the audit changed the host");

    // Roots == nix-store --gc --print-roots (on a copy: it deletes the stale auto link).
    let copy = s.copy().unwrap();
    let oracle_roots = copy.print_roots().unwrap();
    let ours: Vec<(String, String)> = roots
        .roots
        .iter()
        .map(|r| (r.link.clone(), r.target.clone()))
        .collect();
    assert_eq!(ours, oracle_roots);
    assert!(ours.contains(&("/home/alice/proj/result".into(), outs[3].clone())));
    assert!(roots
        .roots
        .iter()
        .any(|r| r.kind == RootKind::Indirect && r.link == "/home/alice/p/.direnv/flake-profile"));
    let stale: Vec<_> = roots
        .problems
        .iter()
        .filter(|p| p.problem == RootProblemKind::StaleAuto)
        .collect();
    assert_eq!(stale.len(), 1, "{:?}", roots.problems);
    assert!(roots
        .problems
        .iter()
        .any(|p| p.problem == RootProblemKind::Unresolvable));
    assert!(roots
        .problems
        .iter()
        .any(|p| p.problem == RootProblemKind::InvalidTarget
            && p.link.ends_with("bob/profile-1-link")));
    assert_eq!(roots.validity_source, "db");
}

/// A `result` link copied into alice's home (`cp -P`: no `gcroots/auto` entry) is reported as
/// unprotected, the one Nix registered is not; Nix agrees: `--print-dead` lists its target.
#[test]
fn unprotected_links_match_what_nix_would_collect() {
    if !can_build_stores() {
        return;
    }
    let (s, outs) = world();
    std::fs::create_dir_all(s.host_path("/etc")).unwrap();
    std::fs::write(
        s.host_path("/etc/passwd"),
        "root:x:0:0::/root:/bin/sh\nalice:x:1000:100::/home/alice:/bin/sh\n\
         svc:x:999:999::/var/empty:/usr/sbin/nologin\n",
    )
    .unwrap();
    s.symlink("/home/alice/backup/result", &outs[11]).unwrap();
    let h = host(&s.root);
    let facts = gcroots::collect(&h);
    let links: Vec<&str> = facts.unprotected.iter().map(|u| u.link.as_str()).collect();
    assert_eq!(links, ["/home/alice/backup/result"]);
    assert_eq!(facts.unprotected[0].target, outs[11]);
    assert!(facts.home_scan.homes.contains(&"/home/alice".to_string()));
    assert!(!facts.home_scan.truncated);
    // Nix itself would delete its target: nothing protects it.
    let dead = s.copy().unwrap().print_dead().unwrap();
    assert!(dead.contains(&outs[11]), "{dead:?}");
    assert!(!dead.contains(&outs[3]));
}

/// Fedora-Atomic-like `/home -> var/home`: real Nix registers one root by the real path
/// (`nix-store --add-root /var/home/alice/a/result`) and one through the link, while
/// /etc/passwd names alice's home `/home/alice` and bob's `/var/home/bob`. Neither is unprotected (Nix
/// agrees: `--print-dead` lists neither target); a copy without a registration is.
#[test]
fn unprotected_links_through_a_symlinked_home() {
    use nixbtw_tests::nixstore::{derivation_expr, ChrootStore};
    if !can_build_stores() {
        return;
    }
    let s = ChrootStore::new().unwrap();
    let outs = s
        .build(&derivation_expr(&[
            ("a", &[], 100),
            ("b", &[], 100),
            ("c", &[], 100),
        ]))
        .unwrap();
    for d in ["/var/home/alice", "/var/home/bob", "/etc"] {
        std::fs::create_dir_all(s.host_path(d)).unwrap();
    }
    std::os::unix::fs::symlink("var/home", s.host_path("/home")).unwrap();
    std::fs::write(
        s.host_path("/etc/passwd"),
        "alice:x:1000:100::/home/alice:/bin/sh\nbob:x:1001:100::/var/home/bob:/bin/sh\n",
    )
    .unwrap();
    // Registered under the other name than /etc/passwd's: alice's as `nix build` in her
    // home registers it (the working directory is the real path), bob's through the link.
    s.add_indirect_root("/var/home/alice/a/result", &outs[0])
        .unwrap();
    s.add_indirect_root("/home/bob/b/result", &outs[1]).unwrap();
    s.symlink("/var/home/bob/copy/result", &outs[2]).unwrap();
    let facts = gcroots::collect(&host(&s.root));
    let links: Vec<&str> = facts.unprotected.iter().map(|u| u.link.as_str()).collect();
    assert_eq!(links, ["/var/home/bob/copy/result"]);
    assert!(facts.home_scan.gaps().is_empty(), "{:?}", facts.home_scan);
    let dead = s.copy().unwrap().print_dead().unwrap();
    assert!(dead.contains(&outs[2]), "{dead:?}");
    assert!(
        !dead.contains(&outs[0]) && !dead.contains(&outs[1]),
        "{dead:?}"
    );
}
