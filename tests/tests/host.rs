//! The host probe and its checks end to end: the lane of the demo host, and a root without
//! Nix.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use nixbtw_contracts::{FindingId, Priority, ProbeId};
use nixbtw_tests::{audit_probes, demo_host, run_cli};

#[test]
fn lane_release_eol_and_nix_outdated_of_the_demo_host() {
    let (report, facts) = audit_probes(&demo_host(), &[ProbeId::Host]);
    let h = facts
        .get::<nixbtw_probes::probes::host::HostFacts>()
        .unwrap();
    assert_eq!(h.hostname.as_deref(), Some("demo-host"));
    assert!(h.nixos);
    assert_eq!(report.lane, "NixOS 25.05 (Warbler) · Nix 2.24.14");
    let row = |id| report.findings.iter().find(|f| f.id == id);
    assert_eq!(row(FindingId::HostLane).unwrap().priority, Priority::Info);
    // NixOS 25.05 ended on 2025-12-31; Nix 2.24 is no longer patched.
    assert_eq!(
        row(FindingId::HostReleaseEol).unwrap().priority,
        Priority::P1
    );
    assert_eq!(
        row(FindingId::HostNixOutdated).unwrap().priority,
        Priority::P2
    );
    assert!(row(FindingId::HostNoNix).is_none());
}

#[test]
fn a_host_without_nix_completes_and_says_so() {
    let root = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(root.path().join("etc")).unwrap();
    std::fs::write(
        root.path().join("etc/os-release"),
        "ID=debian\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n",
    )
    .unwrap();
    std::fs::write(root.path().join("etc/hostname"), "plain-debian\n").unwrap();
    let out = tempfile::tempdir().unwrap();
    let run = run_cli([
        "--root",
        root.path().to_str().unwrap(),
        "--out-dir",
        out.path().to_str().unwrap(),
        "--json",
        "-",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report: nixbtw_contracts::Report = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(report.target, "plain-debian");
    assert_eq!(report.lane, "Debian GNU/Linux 12 (bookworm) · no Nix");
    assert!(report.findings.iter().any(|f| f.id == FindingId::HostNoNix));
}

/// A NixOS-shaped root (the shapes of a real host: /run/current-system into the store, the
/// system's `sw/bin/nix`, nix-daemon.service from the nix package with NixOS's
/// `ExecStart=@…/bin/nix-daemon nix-daemon --daemon`, home-manager-style per-user profiles),
/// whose daemon unit, system and users do not run one Nix.
fn nixos_root(root: &std::path::Path, daemon: &str, alice_nix: Option<&str>) {
    use nixbtw_tests::trust::{link, store, write};
    write(
        root,
        "etc/os-release",
        "ID=nixos\nVERSION_ID=\"25.11\"\nVERSION_CODENAME=xantusia\n",
    );
    write(
        root,
        "etc/passwd",
        "root:x:0:0:System administrator:/root:/run/current-system/sw/bin/bash\n\
         alice:x:1000:100::/home/alice:/run/current-system/sw/bin/bash\n\
         nixbld1:x:30001:30000:Nix build user 1:/var/empty:/run/current-system/sw/bin/nologin\n",
    );
    for n in ["nix-2.28.3", "nix-2.24.14", "lix-2.91.1"] {
        write(root, &format!("{}/bin/nix", &store(n)[1..]), "ELF");
        link(root, &format!("{}/bin/nix-daemon", &store(n)[1..]), "nix");
    }
    let sys = store("nixos-system-h-25.11");
    link(
        root,
        &format!("{}/sw/bin/nix", &sys[1..]),
        &format!("{}/bin/nix", store("nix-2.28.3")),
    );
    write(
        root,
        &format!("{}/etc/systemd/system/nix-daemon.service", &sys[1..]),
        format!(
            "[Unit]\nDescription=Nix Daemon\n[Service]\nExecStart=\nExecStart=@{}/bin/nix-daemon nix-daemon --daemon\nKillMode=process\n",
            store(daemon)
        ),
    );
    link(root, "run/current-system", &sys);
    link(root, "nix/var/nix/profiles/system", &sys);
    if let Some(n) = alice_nix {
        let env = store("user-environment");
        link(
            root,
            &format!("{}/bin/nix", &env[1..]),
            &format!("{}/bin/nix", store(n)),
        );
        link(root, "home/alice/.nix-profile", &env);
    }
}

#[test]
fn nix_version_mismatch_and_multiple_on_path_under_root() {
    use nixbtw_probes::probes::host::HostFacts;
    let dir = tempfile::tempdir().unwrap();
    nixos_root(dir.path(), "nix-2.24.14", Some("lix-2.91.1"));
    let (report, facts) = audit_probes(dir.path(), &[ProbeId::Host]);
    let h = facts.get::<HostFacts>().unwrap();
    let inst = &h.installation;
    let users: Vec<_> = inst.paths.iter().map(|p| p.user.as_str()).collect();
    assert_eq!(users, ["root", "alice"], "nixbld1 has no login shell");
    let d = inst.daemon.as_ref().unwrap();
    assert!(
        d.source.contains("nix-daemon.service: ExecStart="),
        "{}",
        d.source
    );
    assert_eq!(d.binary.install.as_ref().unwrap().version, "2.24.14");
    assert!(d.started.is_none(), "no start time under --root");
    let find = |id| report.findings.iter().filter(move |f| f.id == id);
    let mismatch: Vec<_> = find(FindingId::HostNixVersionMismatch).collect();
    assert_eq!(mismatch.len(), 1);
    assert_eq!(
        mismatch[0].title,
        "Nix versions differ: Nix 2.24.14, Nix 2.28.3, Lix 2.91.1"
    );
    let ev = mismatch[0].evidence[0].excerpt.join("\n");
    assert!(
        ev.contains("alice's PATH: /home/alice/.nix-profile/bin/nix -> /nix/store/"),
        "{ev}"
    );
    let multiple: Vec<_> = find(FindingId::HostNixMultipleOnPath).collect();
    assert_eq!(multiple.len(), 1);
    assert_eq!(multiple[0].subject, "alice");
    // The lane says the daemon's start is not judged here.
    let lane = find(FindingId::HostLane).next().unwrap();
    let ev = lane.evidence[0].excerpt.join("\n");
    assert!(
        ev.contains(
            "daemon: Nix 2.24.14 from /run/current-system/etc/systemd/system/nix-daemon.service"
        ),
        "{ev}"
    );
    assert!(
        ev.contains(
            "nix-daemon start vs nix.conf changes: not judged (not a running system (--root)"
        ),
        "{ev}"
    );
}

#[test]
fn one_nix_everywhere_raises_neither() {
    let dir = tempfile::tempdir().unwrap();
    nixos_root(dir.path(), "nix-2.28.3", None);
    let (report, _) = audit_probes(dir.path(), &[ProbeId::Host]);
    assert!(!report.findings.iter().any(|f| matches!(
        f.id,
        FindingId::HostNixVersionMismatch | FindingId::HostNixMultipleOnPath
    )));
}

/// Live, on the machine running the tests (Debian with nix-bin in CI): every login user's
/// PATH reaches /usr/bin/nix, the daemon is /usr/bin/nix-daemon's; one Nix, no row.
#[test]
fn live_binaries_of_a_debian_nix_bin_install() {
    use nixbtw_probes::probes::host::HostFacts;
    if !nixbtw_tests::require(
        std::path::Path::new("/usr/bin/nix").exists(),
        "Debian's nix-bin (/usr/bin/nix)",
    ) {
        return;
    }
    let (report, facts) = audit_probes(std::path::Path::new("/"), &[ProbeId::Host]);
    let h = facts.get::<HostFacts>().unwrap();
    let root = &h.installation.paths[0];
    assert_eq!(root.user, "root");
    assert!(
        root.found.iter().any(|b| b.resolved == "/usr/bin/nix"),
        "{:?}",
        root.found
    );
    assert!(!report
        .findings
        .iter()
        .any(|f| f.id == FindingId::HostNixVersionMismatch));
}

/// Live: what Nix prints on stderr while the audit asks it (here Nix's "unknown setting"
/// warning for a nix.conf in `$NIX_CONF_DIR`) is evidence of the lane row, bounded and
/// sanitized, not lost (nor on the terminal: every command's stderr is a pipe).
#[test]
fn nix_stderr_becomes_lane_evidence_live() {
    if !nixbtw_tests::require_tool("nix") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("nix.conf"),
        "bogus-setting-for-the-audit = 1\nsandbox = false\n",
    )
    .unwrap();
    let env = std::collections::BTreeMap::from([(
        "NIX_CONF_DIR".to_string(),
        dir.path().as_os_str().to_owned(),
    )]);
    let host = nixbtw_probes::Host::live(
        std::sync::Arc::new(nixbtw_probes::SystemRunner),
        env,
        chrono::Utc::now(),
    )
    .unwrap();
    let (report, _) = nixbtw_tests::audit_host(host, &[ProbeId::Host, ProbeId::Nixconf]);
    let lane = report
        .findings
        .iter()
        .find(|f| f.id == FindingId::HostLane)
        .unwrap();
    let said = lane
        .evidence
        .iter()
        .find(|e| e.source.starts_with("what Nix printed on stderr"))
        .unwrap_or_else(|| panic!("{:?}", lane.evidence));
    let text = said.excerpt.join("\n");
    assert!(
        text.contains("$ nix --extra-experimental-features nix-command"),
        "{text}"
    );
    assert!(
        text.contains("unknown setting 'bogus-setting-for-the-audit'"),
        "{text}"
    );
}

/// A real unix socket at /nix/var/nix/daemon-socket/socket in a directory gated like Debian's
/// nix-bin (`root:nix-users 0770`; the gid is the fixture's own `nix-users` line), with
/// `allowed-users = *`: alice (not in nix-users) is admitted by nix.conf but cannot connect.
#[test]
fn daemon_socket_unusable_under_root_with_a_real_socket() {
    use nixbtw_tests::trust::write;
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "etc/os-release",
        "ID=debian\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n",
    );
    write(root, "etc/nix/nix.conf", "allowed-users = *\n");
    write(
        root,
        "etc/passwd",
        "root:x:0:0:root:/root:/bin/bash\nalice:x:1000:1000::/home/alice:/bin/bash\n\
         bob:x:1001:1001::/home/bob:/bin/bash\n",
    );
    let sock_dir = root.join("nix/var/nix/daemon-socket");
    std::fs::create_dir_all(&sock_dir).unwrap();
    std::fs::create_dir_all(root.join("nix/store")).unwrap();
    let gid = std::os::unix::fs::MetadataExt::gid(&std::fs::metadata(&sock_dir).unwrap());
    write(
        root,
        "etc/group",
        format!("root:x:0:\nalice:x:1000:\nbob:x:1001:\nnix-users:x:{gid}:bob\n"),
    );
    let _listener = std::os::unix::net::UnixListener::bind(sock_dir.join("socket")).unwrap();
    std::fs::set_permissions(
        sock_dir.join("socket"),
        std::fs::Permissions::from_mode(0o666),
    )
    .unwrap();
    std::fs::set_permissions(&sock_dir, std::fs::Permissions::from_mode(0o770)).unwrap();
    let (report, facts) = audit_probes(root, &[ProbeId::Host, ProbeId::Nixconf]);
    let s = facts
        .get::<nixbtw_probes::probes::host::HostFacts>()
        .unwrap()
        .installation
        .socket
        .clone()
        .unwrap();
    assert_eq!(s.kind, Some(nixbtw_probes::FileKind::Socket));
    assert_eq!(s.dir_mode, 0o770);
    let rows: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.id == FindingId::HostDaemonSocketUnusable)
        .collect();
    // The test's own uid owns the directory: only when it is root (CI) are alice and bob
    // judged by their group alone.
    if nix::unistd::geteuid().is_root() {
        assert_eq!(rows.len(), 1, "{s:?}");
        assert_eq!(rows[0].priority, Priority::P2);
        assert!(rows[0].evidence[0]
            .excerpt
            .iter()
            .any(|l| l == "allowed but cannot connect: alice"));
        // Narrowing allowed-users to the gate's group: consistent, no row.
        write(root, "etc/nix/nix.conf", "allowed-users = @nix-users\n");
        let (report, _) = audit_probes(root, &[ProbeId::Host, ProbeId::Nixconf]);
        assert!(!report
            .findings
            .iter()
            .any(|f| f.id == FindingId::HostDaemonSocketUnusable));
    } else {
        assert!(!nixbtw_tests::in_ci(), "CI runs as root");
    }
}
