//! Generations and /boot checks end to end (probes -> rules -> report) over fixture roots:
//! NixOS-shaped profiles whose generations point at fake system closures (kernel, initrd,
//! kernel-modules, boot.json), /run links, user profiles, and a real full /boot (tmpfs).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use nixbtw_audit::audit::{self, Selection};
use nixbtw_audit::config::Config;
use nixbtw_contracts::{Priority, ProbeId, Report};
use nixbtw_probes::{Host, SystemRunner};

struct Root {
    dir: tempfile::TempDir,
}

impl Root {
    fn new() -> Root {
        let dir = tempfile::tempdir().unwrap();
        for d in [
            "nix/store",
            "nix/var/nix/profiles",
            "nix/var/nix/gcroots",
            "run",
            "etc",
            "boot",
        ] {
            std::fs::create_dir_all(dir.path().join(d)).unwrap();
        }
        std::fs::write(dir.path().join("etc/NIXOS"), "").unwrap();
        Root { dir }
    }

    fn p(&self, logical: &str) -> PathBuf {
        self.dir.path().join(logical.trim_start_matches('/'))
    }

    fn mkdir(&self, logical: &str) {
        std::fs::create_dir_all(self.p(logical)).unwrap();
    }

    fn link(&self, logical: &str, target: &str) {
        let p = self.p(logical);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        let _ = std::fs::remove_file(&p);
        symlink(target, p).unwrap();
    }

    /// A fake NixOS system closure with kernel `kver`; returns its store path.
    fn system(&self, n: u32, kver: &str) -> String {
        let h = |c: char| std::iter::repeat_n(c, 31).collect::<String>();
        let k = format!("/nix/store/k{}-linux-{kver}", h('k'));
        let m = format!("/nix/store/m{}-kernel-modules-{kver}", h('m'));
        let i = format!("/nix/store/i{}-initrd-{kver}", h('i'));
        let sys = format!("/nix/store/{n:0>32}-nixos-system-demo-25.05");
        self.mkdir(&k);
        std::fs::write(self.p(&format!("{k}/bzImage")), "k").unwrap();
        self.mkdir(&format!("{m}/lib/modules/{kver}"));
        self.mkdir(&i);
        std::fs::write(self.p(&format!("{i}/initrd")), "i").unwrap();
        self.mkdir(&sys);
        self.link(&format!("{sys}/kernel"), &format!("{k}/bzImage"));
        self.link(&format!("{sys}/initrd"), &format!("{i}/initrd"));
        self.link(&format!("{sys}/kernel-modules"), &m);
        std::fs::write(
            self.p(&format!("{sys}/boot.json")),
            format!(
                r#"{{"org.nixos.bootspec.v1":{{"label":"NixOS 25.05.{n} (Linux {kver})","kernel":"{k}/bzImage"}}}}"#
            ),
        )
        .unwrap();
        sys
    }

    /// `count` system generations, the oldest `oldest_days` old; returns store paths.
    fn generations(&self, count: u32, oldest_days: i64) -> Vec<String> {
        let mut v = Vec::new();
        for n in 1..=count {
            let sys = self.system(n, if n == count { "6.6.2" } else { "6.6.1" });
            let link = format!("/nix/var/nix/profiles/system-{n}-link");
            self.link(&link, &sys);
            let age = oldest_days - i64::from(n - 1) * oldest_days / i64::from(count.max(1));
            let t = Utc::now().timestamp() - age * 86400;
            let ok = Command::new("touch")
                .arg("-h")
                .arg("-d")
                .arg(format!("@{t}"))
                .arg(self.p(&link))
                .status()
                .unwrap()
                .success();
            assert!(ok);
            v.push(sys);
        }
        self.link(
            "/nix/var/nix/profiles/system",
            &format!("system-{count}-link"),
        );
        v
    }

    fn audit(&self) -> Report {
        self.audit_with(&Config::default())
    }

    fn audit_with(&self, config: &Config) -> Report {
        let host = Host::at_root(self.dir.path(), Arc::new(SystemRunner), Utc::now()).unwrap();
        let only: BTreeSet<ProbeId> = [ProbeId::Generations, ProbeId::Boot].into_iter().collect();
        audit::run(
            host,
            nixbtw_probes::all_probes(),
            &Selection {
                only: Some(only),
                skip: BTreeSet::new(),
            },
            config,
            Duration::from_secs(60),
            Arc::new(|_, _: &str| {}),
        )
        .unwrap()
    }
}

fn ids(r: &Report) -> Vec<&'static str> {
    r.findings.iter().map(|f| f.id.as_str()).collect()
}

#[test]
fn healthy_generations_only_list_themselves() {
    let r = Root::new();
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
    let r = Root::new();
    let g = r.generations(3, 20);
    r.link("/run/current-system", &g[2]);
    r.link("/run/booted-system", &g[1]);
    let rep = r.audit();
    assert!(ids(&rep).contains(&"generations.reboot-pending"));
    assert!(!ids(&rep).contains(&"generations.current-not-default"));
    // Same kernel, initrd and modules: no reboot needed even if the system differs.
    let r = Root::new();
    let g = r.generations(3, 20);
    r.link("/run/current-system", &g[1]);
    r.link("/run/booted-system", &g[0]);
    let rep = r.audit();
    assert!(!ids(&rep).contains(&"generations.reboot-pending"));
    assert!(ids(&rep).contains(&"generations.current-not-default"));
}

#[test]
fn one_generation_and_pile_up() {
    let r = Root::new();
    r.generations(1, 1);
    assert!(ids(&r.audit()).contains(&"generations.no-rollback"));
    let r = Root::new();
    r.generations(31, 10);
    let rep = r.audit();
    assert!(ids(&rep).contains(&"generations.pile-up"));
    assert!(!ids(&rep).contains(&"generations.no-rollback"));
    let r = Root::new();
    r.generations(4, 120);
    assert!(ids(&r.audit()).contains(&"generations.pile-up"));
    let r = Root::new();
    r.generations(4, 60);
    assert!(!ids(&r.audit()).contains(&"generations.pile-up"));
}

#[test]
fn imperative_profiles_and_home_manager() {
    let r = Root::new();
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
fn boot_entries_unlimited_unless_configured() {
    let r = Root::new();
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
    let r = Root::new();
    let Some(_m) = mount_tmpfs(&r.p("/boot"), "1m") else {
        eprintln!("SKIPPED: cannot mount a tmpfs (needs root and CAP_SYS_ADMIN)");
        return;
    };
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
