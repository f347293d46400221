//! The chroot-store world the store, gcroots and generations tests share: a real Nix store
//! (built with Debian's nix-bin) with system generations, a user profile with an imperative
//! install, indirect roots (one of them stale), a symlink loop in gcroots and a profile
//! pointing at a path that is not in the DB.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::Utc;
use nixbtw_probes::{Host, SystemRunner};

use crate::nixstore::{derivation_expr, ChrootStore};

/// Whether the chroot-store tests can run here ([`crate::require`]s nix-store and root).
pub fn can_build_stores() -> bool {
    crate::require_tool("nix-store")
        && crate::require_root()
        && crate::require(
            user_namespaces(),
            "user namespaces (Nix's build sandbox, which the fixture stores use; a chroot or a \
         container without them cannot build: run the tests on a machine, a VM, or in a private \
         mount namespace)",
        )
}

/// Whether this process may create a user namespace (`unshare -U true`), as Nix's sandbox does.
fn user_namespaces() -> bool {
    std::process::Command::new("unshare")
        .args(["-U", "true"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// A host over `root` (a mounted system), at the current time.
pub fn host(root: &Path) -> Host {
    Host::at_root(root, Arc::new(SystemRunner), Utc::now()).unwrap()
}

/// A probe deadline far enough away for any fixture.
pub fn deadline() -> Instant {
    Instant::now() + Duration::from_secs(120)
}

/// Names and their dependencies (indices of earlier entries), sizes in bytes.
pub const ITEMS: &[(&str, &[usize], usize)] = &[
    ("base", &[], 2000),
    ("lib", &[0], 3000),
    ("app1", &[1], 4000),
    ("app2", &[0], 5000),
    ("tool", &[], 6000),
    ("big", &[0], 100_000),
    ("orphan1", &[1], 7000),
    ("orphan2", &[], 8000),
    ("sys1", &[2], 100),
    ("sys2", &[2, 3], 100),
    ("sys3", &[2, 3, 4], 100),
    ("old-result", &[5], 9000),
    ("direnv-env", &[3], 1000),
];

/// A store with system generations, a user profile with an imperative install, indirect
/// roots (one of them stale), a symlink loop in gcroots and a profile pointing at a path that
/// is not in the DB.
pub fn world() -> (ChrootStore, Vec<String>) {
    let s = ChrootStore::new().unwrap();
    let outs = s.build(&derivation_expr(ITEMS)).unwrap();
    assert_eq!(outs.len(), ITEMS.len());
    for i in [8, 9, 10] {
        s.set_profile("/nix/var/nix/profiles/system", &outs[i])
            .unwrap();
    }
    s.install("/nix/var/nix/profiles/per-user/alice/profile", &outs[4])
        .unwrap();
    s.add_indirect_root("/home/alice/proj/result", &outs[3])
        .unwrap();
    s.add_indirect_root("/home/alice/old/result", &outs[11])
        .unwrap();
    std::fs::remove_file(s.host_path("/home/alice/old/result")).unwrap();
    s.add_indirect_root("/home/alice/p/.direnv/flake-profile", &outs[12])
        .unwrap();
    s.symlink("/nix/var/nix/gcroots/loop", "loop").unwrap();
    s.symlink(
        "/nix/var/nix/profiles/per-user/bob/profile-1-link",
        "/nix/store/00000000000000000000000000000000-not-in-db",
    )
    .unwrap();
    s.symlink(
        "/nix/var/nix/profiles/per-user/bob/profile",
        "profile-1-link",
    )
    .unwrap();
    (s, outs)
}

/// Every entry under the Nix state dir (path, link target or size) and the DB dir listing:
/// what must be identical before and after an audit.
pub fn snapshot(root: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![root.join("nix/var/nix"), root.join("home")];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in rd.flatten() {
            let m = std::fs::symlink_metadata(e.path()).unwrap();
            let desc = if m.file_type().is_symlink() {
                format!("-> {}", std::fs::read_link(e.path()).unwrap().display())
            } else if m.is_dir() {
                stack.push(e.path());
                "dir".to_string()
            } else {
                format!("{} bytes {:?}", m.len(), m.modified().ok())
            };
            out.push(format!("{} {desc}", e.path().display()));
        }
    }
    out.sort();
    out
}

/// The root's nix.conf as the nixconf probe resolves it (the store probe reads its GC settings
/// from these facts).
pub fn nixconf(h: &nixbtw_probes::Host) -> nixbtw_probes::probes::nixconf::NixconfFacts {
    use nixbtw_probes::Probe;
    let facts = nixbtw_probes::FactSet::new();
    let quiet = |_: &str| {};
    let cx = nixbtw_probes::ProbeContext {
        facts: &facts,
        deadline: deadline(),
        progress: &quiet,
    };
    let f = nixbtw_probes::probes::nixconf::NixconfProbe
        .collect(h, &cx)
        .unwrap();
    f.as_any()
        .downcast_ref::<nixbtw_probes::probes::nixconf::NixconfFacts>()
        .unwrap()
        .clone()
}
