//! The boot probe and its checks end to end over NixOS fixture roots, with a real full /boot
//! (a tmpfs).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::Command;

use nixbtw_audit::config::Config;
use nixbtw_contracts::Priority;
use nixbtw_tests::nixos_root::{ids, NixosRoot};

#[test]
fn boot_entries_unlimited_unless_configured() {
    let r = NixosRoot::new();
    r.mkdir("/boot/loader/entries");
    for n in 1..=21 {
        std::fs::write(
            r.p(&format!("/boot/loader/entries/nixos-generation-{n}.conf")),
            "",
        )
        .unwrap();
    }
    assert!(ids(&r.audit()).contains(&"boot.entries-unlimited"));
    r.mkdir("/etc/nixos");
    std::fs::write(
        r.p("/etc/nixos/configuration.nix"),
        "{\n  boot.loader.systemd-boot.configurationLimit = 10;\n}\n",
    )
    .unwrap();
    assert!(!ids(&r.audit()).contains(&"boot.entries-unlimited"));
}

/// Unmounts on drop, so a failing assertion does not leave the tmpfs behind.
struct Mount(PathBuf);
impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

fn mount_tmpfs(at: &Path, size: &str) -> Option<Mount> {
    let ok = Command::new("mount")
        .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
        .arg(at)
        .stderr(std::process::Stdio::null())
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    ok.then(|| Mount(at.to_path_buf()))
}

#[test]
fn full_boot_partition_is_critical() {
    let r = NixosRoot::new();
    let mount = mount_tmpfs(&r.p("/boot"), "1m");
    if !nixbtw_tests::require(
        mount.is_some(),
        "a tmpfs mount (needs root and CAP_SYS_ADMIN)",
    ) {
        return;
    }
    // A 1 MiB /boot is under the 64 MiB default floor even when empty.
    assert!(ids(&r.audit()).contains(&"boot.esp-critical"));
    // With the byte floor lowered, only the percentage counts: empty is fine, full is not.
    let cfg = Config::parse("[thresholds.boot]\nesp_free_bytes = 1024\n", "test").unwrap();
    assert!(!ids(&r.audit_with(&cfg)).contains(&"boot.esp-critical"));
    std::fs::write(r.p("/boot/kernel"), vec![0u8; 960 * 1024]).unwrap();
    let rep = r.audit_with(&cfg);
    let f = rep
        .findings
        .iter()
        .find(|f| f.id.as_str() == "boot.esp-critical")
        .expect("full /boot must be critical");
    assert_eq!(f.priority, Priority::P0);
    let boot = &rep.facts["boot"];
    assert_eq!(boot["separate_fs"], true);
}

#[test]
fn boot_entries_for_deleted_generations_are_named() {
    let r = NixosRoot::new();
    r.generations(3, 10);
    r.mkdir("/boot/loader/entries");
    for n in 1..=5 {
        std::fs::write(
            r.p(&format!("/boot/loader/entries/nixos-generation-{n}.conf")),
            format!("title NixOS\nlinux /EFI/nixos/k.efi\noptions init=/nix/store/x-{n}/init\n"),
        )
        .unwrap();
    }
    let report = r.audit();
    let stale: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.id.as_str() == "boot.entry-without-generation")
        .collect();
    assert_eq!(stale.len(), 1, "{:?}", ids(&report));
    assert!(
        stale[0].title.ends_with("generations: 4, 5"),
        "{}",
        stale[0].title
    );
    assert_eq!(stale[0].priority, Priority::P2);
    // After `switch-to-configuration boot` rewrote the menu: nothing to say.
    for n in 4..=5 {
        std::fs::remove_file(r.p(&format!("/boot/loader/entries/nixos-generation-{n}.conf")))
            .unwrap();
    }
    assert!(!ids(&r.audit()).contains(&"boot.entry-without-generation"));
}
