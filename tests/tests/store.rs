//! The store probe and its checks against Nix itself: real chroot stores built with Debian's
//! nix-bin; Nix's own answers (`--print-dead`, `path-info -S`) computed on copies, because
//! those commands delete stale `auto/` links. (GC roots: tests/tests/gcroots.rs; generations:
//! tests/tests/generations.rs.)
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use nixbtw_probes::nixdb::{GcKeep, NixDb};
use nixbtw_probes::probes::{gcroots, store};
use nixbtw_tests::nixstore::ChrootStore;
use nixbtw_tests::store_world::{can_build_stores, deadline, host, nixconf, snapshot, world};

#[test]
fn dead_set_and_sizes_match_nix() {
    if !can_build_stores() {
        return;
    }
    let (s, outs) = world();
    let before = snapshot(&s.root);
    let h = host(&s.root);
    let roots = gcroots::collect(&h);
    let facts = store::collect(&h, Some(&roots), Some(&nixconf(&h)), deadline());
    assert_eq!(before, snapshot(&s.root), "the audit changed the host");
    assert!(!s.host_path("/nix/var/nix/db/db.sqlite-wal").exists());
    assert!(!s.host_path("/nix/var/nix/db/db.sqlite-shm").exists());

    let copy = s.copy().unwrap();

    // Dead set == --print-dead, minus entries with no DB row (which Nix also lists).
    let db = NixDb::open(&h).unwrap();
    let shared = h.shared_store(GcKeep::default()).unwrap();
    assert_eq!(
        h.store_loads(),
        1,
        "the store probe and this test share one load"
    );
    let g = &shared.graph;
    let (idx, missing) = store::root_targets(&shared, &roots).unwrap();
    assert_eq!(g.path(idx[0].0), Some(idx[0].1.as_str()));
    assert!(missing.is_empty());
    let mut live = vec![false; g.len()];
    g.mark_reachable(&idx.iter().map(|x| x.0).collect::<Vec<_>>(), &mut live);
    let ours_dead: BTreeSet<String> = live
        .iter()
        .enumerate()
        .filter(|(_, l)| !**l)
        .map(|(i, _)| db.path_of(g.ids[i]).unwrap().unwrap())
        .collect();
    let oracle_dead_all = copy.print_dead().unwrap();
    let (oracle_valid, oracle_no_row): (Vec<String>, Vec<String>) = oracle_dead_all
        .into_iter()
        .partition(|p| db.id_of(p).unwrap().is_some());
    for p in &oracle_no_row {
        // Only things that were never valid paths: lock files, temp dirs.
        assert!(!ours_dead.contains(p));
    }
    let oracle_dead: BTreeSet<String> = oracle_valid.into_iter().collect();
    assert_eq!(ours_dead, oracle_dead);
    for dead in [&outs[6], &outs[7], &outs[11]] {
        assert!(ours_dead.contains(dead), "{dead} should be dead");
    }
    assert!(
        !ours_dead.contains(&outs[12]),
        "direnv root keeps its env alive"
    );
    assert_eq!(facts.dead_paths, Some(oracle_dead.len() as u64));
    assert_eq!(facts.valid_paths, Some(g.len() as u64));

    // Sizes == nix path-info --json (`--all`: a `.drv` argument would mean its outputs).
    let sizes: std::collections::BTreeMap<String, u64> = {
        let j = s.run("nix", &["path-info", "--all", "--json"]).unwrap();
        let v: serde_json::Value = serde_json::from_str(&j).unwrap();
        v.as_array()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    e["path"].as_str().unwrap().to_string(),
                    e["narSize"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    let dead_bytes: u64 = oracle_dead.iter().map(|p| sizes[p]).sum();
    assert_eq!(facts.dead_bytes, Some(dead_bytes));
    let plain = db
        .load_graph(GcKeep {
            derivations: false,
            outputs: false,
        })
        .unwrap();
    let (usage, complete) = store::root_usage(&plain, &idx, deadline());
    assert!(complete);
    let targets: Vec<&str> = usage.iter().map(|u| u.target.as_str()).collect();
    let info = copy.path_info(&targets).unwrap();
    for (path, _nar, closure) in info {
        let u = usage.iter().find(|u| u.target == path).unwrap();
        assert_eq!(u.closure_bytes, closure, "closure of {path}");
    }
    assert_eq!(facts.nar_bytes, Some(sizes.values().sum::<u64>()));
    assert_eq!(facts.valid_paths, Some(sizes.len() as u64));
}

#[test]
fn keep_outputs_is_honoured_like_nix() {
    if !can_build_stores() {
        return;
    }
    let (s, _outs) = world();
    s.add_conf("keep-outputs = true\nkeep-derivations = false\n")
        .unwrap();
    let h = host(&s.root);
    let roots = gcroots::collect(&h);
    let facts = store::collect(&h, Some(&roots), Some(&nixconf(&h)), deadline());
    assert!(facts.gc.keep.outputs && !facts.gc.keep.derivations);
    let copy = s.copy().unwrap();
    let db = NixDb::open(&h).unwrap();
    let valid_dead = copy
        .print_dead()
        .unwrap()
        .into_iter()
        .filter(|p| db.id_of(p).unwrap().is_some())
        .count();
    assert_eq!(facts.dead_paths, Some(valid_dead as u64));
}

#[test]
fn generated_store_via_import_matches_nix() {
    if !can_build_stores() {
        return;
    }
    let s = ChrootStore::new().unwrap();
    let paths = s.import_generated(3000, 4, 7).unwrap();
    s.set_profile("/nix/var/nix/profiles/system", &paths[2999])
        .unwrap();
    s.set_profile("/nix/var/nix/profiles/system", &paths[1500])
        .unwrap();
    s.add_indirect_root("/home/u/r/result", &paths[100])
        .unwrap();
    let h = host(&s.root);
    let roots = gcroots::collect(&h);
    let facts = store::collect(&h, Some(&roots), Some(&nixconf(&h)), deadline());
    let copy = s.copy().unwrap();
    assert_eq!(
        roots
            .roots
            .iter()
            .map(|r| (r.link.clone(), r.target.clone()))
            .collect::<Vec<_>>(),
        copy.print_roots().unwrap()
    );
    let db = NixDb::open(&h).unwrap();
    let dead: Vec<String> = copy
        .print_dead()
        .unwrap()
        .into_iter()
        .filter(|p| db.id_of(p).unwrap().is_some())
        .collect();
    assert_eq!(facts.dead_paths, Some(dead.len() as u64));
    assert!(facts.dead_paths.unwrap() > 0 && facts.live_paths.unwrap() > 0);
    let dead_refs: Vec<&str> = dead.iter().map(String::as_str).collect();
    let bytes: u64 = copy
        .path_info(&dead_refs)
        .unwrap()
        .iter()
        .map(|x| x.1)
        .sum();
    assert_eq!(facts.dead_bytes, Some(bytes));
}

#[test]
fn unreadable_db_is_a_fact_and_the_rest_goes_on() {
    if !can_build_stores() {
        return;
    }
    let (s, _) = world();
    let db = s.host_path("/nix/var/nix/db/db.sqlite");
    std::fs::write(
        &db,
        b"garbage garbage garbage garbage garbage garbage garbage",
    )
    .unwrap();
    let h = host(&s.root);
    let roots = gcroots::collect(&h);
    assert_eq!(roots.validity_source, "filesystem");
    assert!(!roots.roots.is_empty());
    let facts = store::collect(&h, Some(&roots), Some(&nixconf(&h)), deadline());
    assert!(facts.db_error.is_some());
    assert!(facts.fs.is_some());
    assert_eq!(facts.valid_paths, None);
}

/// The committed demo host (a real Nix 2.8 chroot store, see examples/demo-host/rebuild.sh):
/// the JSON contract names and the findings it is meant to show. Needs no Nix.
#[test]
fn demo_host_facts_contract() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/demo-host");
    let h = host(&root);
    let only: BTreeSet<nixbtw_contracts::ProbeId> = [
        nixbtw_contracts::ProbeId::Store,
        nixbtw_contracts::ProbeId::Gcroots,
        nixbtw_contracts::ProbeId::Generations,
        nixbtw_contracts::ProbeId::Boot,
    ]
    .into_iter()
    .collect();
    let report = nixbtw_audit::audit::run(
        h,
        nixbtw_probes::all_probes(),
        &nixbtw_audit::audit::Selection {
            only: Some(only),
            skip: BTreeSet::new(),
        },
        &nixbtw_audit::config::Config::default(),
        Duration::from_secs(60),
        Arc::new(|_, _: &str| {}),
    )
    .unwrap();
    let json = serde_json::to_value(&report).unwrap();
    let st = &json["facts"]["store"];
    assert_eq!(st["valid_paths"], 29);
    for k in ["nar_bytes", "live_paths", "dead_paths", "dead_bytes"] {
        assert!(st[k].as_u64().is_some(), "facts.store.{k}");
    }
    assert_eq!(st["dead_paths"], 2);
    let roots = json["facts"]["gcroots"]["roots"].as_array().unwrap();
    assert_eq!(roots.len(), 5);
    for r in roots {
        let link = r["link"].as_str().unwrap();
        assert!(
            link.starts_with('/') && !link.contains("demo-host"),
            "{link}"
        );
        assert!(r["target"].as_str().unwrap().starts_with("/nix/store/"));
        assert!(r["kind"].is_string());
    }
    let ids: BTreeSet<&str> = report.findings.iter().map(|f| f.id.as_str()).collect();
    for id in [
        "store.summary",
        "store.reclaimable",
        "gcroots.summary",
        "gcroots.dangling",
        "generations.system",
        "generations.reboot-pending",
        "generations.imperative-profile",
    ] {
        assert!(ids.contains(id), "{id} missing from {ids:?}");
    }
    // The audit wrote nothing into the demo store.
    assert!(!root.join("nix/var/nix/db/db.sqlite-wal").exists());
}
