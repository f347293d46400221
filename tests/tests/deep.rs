#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Deep mode against real Nix (Debian's nix-bin 2.8): NAR bytes equal `nix-store --dump`,
//! hashes equal `nix-hash`, and a corrupted chroot store is judged as `nix-store --verify
//! --check-contents` judges it.

use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{symlink, PermissionsExt};
use std::path::Path;
use std::process::Command;
use std::sync::Arc;
use std::time::Duration;

use nixbtw_audit::audit::{self, Selection};
use nixbtw_audit::config::Config;
use nixbtw_contracts::{FindingId, Priority, ProbeId, Report};
use nixbtw_probes::nar::{to_nix_base32, NarHasher, WriteSink};
use nixbtw_probes::probes::deep::{DeepProbe, DeepScope, DeepSettings};
use nixbtw_probes::probes::gcroots::GcrootsProbe;
use nixbtw_probes::{Host, Probe, SystemRunner};
use nixbtw_tests::deep::{modified_paths, package_tree, ChrootStore, PathSpec};

fn nix_dump(path: &Path) -> Vec<u8> {
    let conf = tempfile::tempdir().unwrap();
    let o = Command::new("nix-store")
        .env("NIX_CONF_DIR", conf.path())
        .env("HOME", conf.path())
        .arg("--dump")
        .arg(path)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    o.stdout
}

fn nix_hash(path: &Path) -> String {
    let conf = tempfile::tempdir().unwrap();
    let o = Command::new("nix-hash")
        .env("NIX_CONF_DIR", conf.path())
        .env("HOME", conf.path())
        .args(["--type", "sha256", "--base32"])
        .arg(path)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).unwrap().trim().to_string()
}

#[test]
fn nar_serialization_matches_nix_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let t = dir.path().join("tree");
    std::fs::create_dir_all(t.join("empty-dir")).unwrap();
    std::fs::create_dir_all(t.join("sub/deeper")).unwrap();
    std::fs::write(t.join("plain"), b"hello\n").unwrap();
    std::fs::write(t.join("empty-file"), b"").unwrap();
    std::fs::write(t.join("eight888"), b"12345678").unwrap();
    std::fs::write(t.join("exe"), b"#!/bin/sh\necho hi\n").unwrap();
    std::fs::set_permissions(t.join("exe"), std::fs::Permissions::from_mode(0o755)).unwrap();
    // Only the owner-execute bit makes a file executable in a NAR.
    std::fs::write(t.join("group-exec-only"), b"x").unwrap();
    std::fs::set_permissions(
        t.join("group-exec-only"),
        std::fs::Permissions::from_mode(0o654),
    )
    .unwrap();
    // Bigger than the content buffer, not a multiple of 8.
    std::fs::write(
        t.join("sub/deeper/big.bin"),
        nixbtw_tests::deep::pseudo_random(7, 700_001),
    )
    .unwrap();
    symlink("../plain", t.join("sub/link-rel")).unwrap();
    symlink("/nix/store/does-not-exist", t.join("dangling")).unwrap();
    // Odd names: sorted by bytes (uppercase, digits, dots before lowercase; high bytes last).
    for name in [
        &b"Zebra"[..],
        b"a",
        b"a.b",
        b"a-b",
        b"aa",
        b"\xff\xfe not utf8",
        b"caf\xc3\xa9",
        b"with space",
        b"new\nline",
        b"1",
        b"_",
    ] {
        std::fs::write(t.join(std::ffi::OsStr::from_bytes(name)), name).unwrap();
    }
    symlink(
        std::ffi::OsStr::from_bytes(b"\xff target"),
        t.join("odd-target"),
    )
    .unwrap();

    // More entries than one getdents64 buffer holds (32 KiB): the listing takes several reads.
    std::fs::create_dir(t.join("many")).unwrap();
    for i in (0..1500).rev() {
        let name = format!("entry-{i:05}-with-a-name-long-enough-to-fill-buffers");
        std::fs::write(t.join("many").join(&name), i.to_string()).unwrap();
    }

    let mut cases = vec![t.clone()];
    for rel in [
        "plain",
        "exe",
        "empty-file",
        "empty-dir",
        "sub",
        "sub/link-rel",
        "dangling",
        "odd-target",
        "many",
    ] {
        cases.push(t.join(rel));
    }
    for p in cases {
        let mut sink = WriteSink(Vec::new());
        NarHasher::new(4096).dump(&p, &mut sink).unwrap();
        let nix = nix_dump(&p);
        assert_eq!(sink.0.len(), nix.len(), "{}", p.display());
        assert!(
            sink.0 == nix,
            "NAR of {} differs from nix-store --dump",
            p.display()
        );
        let (digest, size) = NarHasher::default().hash_path(&p, &mut |_| {}).unwrap();
        assert_eq!(size, nix.len() as u64);
        assert_eq!(to_nix_base32(&digest), nix_hash(&p), "{}", p.display());
    }
}

fn deep_report(store: &ChrootStore, scope: DeepScope) -> Report {
    let host = Host::at_root(store.root(), Arc::new(SystemRunner), chrono::Utc::now()).unwrap();
    let probes: Vec<Box<dyn Probe>> = vec![
        Box::new(GcrootsProbe),
        Box::new(DeepProbe {
            settings: DeepSettings {
                scope,
                threads: Some(2),
                timeout: Duration::from_secs(600),
            },
        }),
    ];
    audit::run(
        host,
        probes,
        &Selection::default(),
        &Config::default(),
        Duration::from_secs(60),
        Arc::new(|_, _| {}),
    )
    .unwrap()
}

fn subjects(r: &Report, id: FindingId) -> Vec<String> {
    r.findings
        .iter()
        .filter(|f| f.id == id)
        .map(|f| f.subject.clone())
        .collect()
}

/// app -> lib -> base, plus unrelated `other`, `gone` and `spare`.
fn small_store() -> (ChrootStore, Vec<String>) {
    let store = ChrootStore::new().unwrap();
    let specs = vec![
        PathSpec {
            name: "base-1.0".into(),
            build: Box::new(package_tree(1, 100_000)),
            refs: vec![],
        },
        PathSpec {
            name: "lib-2.0".into(),
            build: Box::new(package_tree(2, 300_000)),
            refs: vec![0],
        },
        PathSpec {
            name: "app-3.0".into(),
            build: Box::new(package_tree(3, 50_000)),
            refs: vec![1],
        },
        PathSpec {
            name: "other-4.0".into(),
            build: Box::new(package_tree(4, 70_000)),
            refs: vec![],
        },
        PathSpec {
            name: "gone-5.0".into(),
            build: Box::new(package_tree(5, 1000)),
            refs: vec![],
        },
        PathSpec {
            name: "single-file".into(),
            build: Box::new(|p: &Path| std::fs::write(p, b"just a file")),
            refs: vec![],
        },
    ];
    let paths = store.import(&specs).unwrap();
    (store, paths)
}

fn make_writable_and_write(path: &Path, data: &[u8]) {
    let dir = path.parent().unwrap();
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o644)).unwrap();
    std::fs::write(path, data).unwrap();
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o444)).unwrap();
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o555)).unwrap();
}

#[test]
fn a_clean_store_verifies_clean() {
    let (store, _paths) = small_store();
    let r = deep_report(&store, DeepScope::All);
    // The gcroots probe runs too (deep mode names roots from its facts); it has its own rows.
    let deep: Vec<_> = r
        .findings
        .iter()
        .filter(|f| f.probe == ProbeId::Deep)
        .collect();
    assert!(
        deep.is_empty(),
        "{:#?}",
        deep.iter().map(|f| &f.summary).collect::<Vec<_>>()
    );
    assert_eq!(r.facts["deep"]["paths_checked"], 6);
    assert_eq!(r.facts["deep"]["complete"], true);
}

#[test]
fn corruption_is_found_where_nix_finds_it() {
    let (store, paths) = small_store();
    store.profile("system", &paths[2]).unwrap();
    // Flip one byte of one library file of `lib` (kept by the system profile through `app`).
    let victim = store.host_path(&paths[1]).join("lib/f2.so");
    let mut data = std::fs::read(&victim).unwrap();
    data[1234] ^= 0x01;
    make_writable_and_write(&victim, &data);
    // A path deleted behind the DB's back, junk with no DB row, and a lock file (ignored).
    std::fs::remove_dir_all(store.host_path(&paths[4])).unwrap();
    std::fs::create_dir(
        store
            .root()
            .join("nix/store/00000000000000000000000000000000-junk"),
    )
    .unwrap();
    std::fs::write(store.root().join("nix/store/abc.lock"), b"").unwrap();

    let r = deep_report(&store, DeepScope::All);
    let corrupt = subjects(&r, FindingId::StoreCorrupt);
    assert_eq!(corrupt, [paths[1].clone()]);
    let f = r
        .findings
        .iter()
        .find(|f| f.id == FindingId::StoreCorrupt)
        .unwrap();
    assert_eq!(f.priority, Priority::P0);
    let ev = f.evidence[0].excerpt.join("\n");
    assert!(ev.contains("/nix/var/nix/profiles/system"), "{ev}");
    assert_eq!(
        subjects(&r, FindingId::StoreMissingPath),
        [paths[4].clone()]
    );
    let junk = r
        .findings
        .iter()
        .find(|f| f.id == FindingId::StoreUnregistered)
        .unwrap();
    assert_eq!(
        junk.evidence[0].excerpt,
        ["/nix/store/00000000000000000000000000000000-junk"]
    );

    // The oracle: Nix names the same modified path (run last: it may rewrite the DB).
    let o = store.nix_verify().unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(modified_paths(&stderr), [paths[1].clone()], "{stderr}");
}

#[test]
fn system_scope_checks_only_the_system_closure() {
    let (store, paths) = small_store();
    store.profile("system", &paths[2]).unwrap();
    // Damage inside the closure (base, via app -> lib -> base) and outside it (other).
    for i in [0, 3] {
        let victim = store.host_path(&paths[i]).join("bin/tool");
        make_writable_and_write(&victim, b"tampered");
    }
    let r = deep_report(&store, DeepScope::System);
    assert_eq!(subjects(&r, FindingId::StoreCorrupt), [paths[0].clone()]);
    assert_eq!(r.facts["deep"]["paths_total"], 3);
    assert_eq!(r.facts["deep"]["system"], paths[2].as_str());

    let all = deep_report(&store, DeepScope::All);
    let mut both = subjects(&all, FindingId::StoreCorrupt);
    both.sort();
    let mut want = vec![paths[0].clone(), paths[3].clone()];
    want.sort();
    assert_eq!(both, want);
    let o = store.nix_verify().unwrap();
    let mut nix = modified_paths(&String::from_utf8_lossy(&o.stderr));
    nix.sort();
    assert_eq!(nix, want);
}

#[test]
fn the_db_is_opened_without_writing_beside_it() {
    let (store, _paths) = small_store();
    let db_dir = store.root().join("nix/var/nix/db");
    let before: Vec<_> = std::fs::read_dir(&db_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(!db_dir.join("db.sqlite-wal").exists());
    let _ = deep_report(&store, DeepScope::All);
    let after: Vec<_> = std::fs::read_dir(&db_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(before.len(), after.len(), "{after:?}");
}
