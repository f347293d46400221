//! NixOS-shaped fixture roots for the generations and boot tests: profiles whose generations
//! point at fake system closures (kernel, initrd, kernel-modules, boot.json), /run links,
//! user profiles.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;
use std::os::unix::fs::symlink;
use std::path::PathBuf;
use std::process::Command;
use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use nixbtw_audit::audit::{self, Selection};
use nixbtw_audit::config::Config;
use nixbtw_contracts::{ProbeId, Report};
use nixbtw_probes::{Host, SystemRunner};

impl Default for NixosRoot {
    fn default() -> Self {
        NixosRoot::new()
    }
}

/// A NixOS-shaped root in a temporary directory.
pub struct NixosRoot {
    /// The directory.
    pub dir: tempfile::TempDir,
}

impl NixosRoot {
    /// An empty NixOS root (`/etc/NIXOS`, the Nix state dirs, /run, /boot).
    pub fn new() -> NixosRoot {
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
        NixosRoot { dir }
    }

    /// The host path of `logical`.
    pub fn p(&self, logical: &str) -> PathBuf {
        self.dir.path().join(logical.trim_start_matches('/'))
    }

    /// Create a directory.
    pub fn mkdir(&self, logical: &str) {
        std::fs::create_dir_all(self.p(logical)).unwrap();
    }

    /// Create (or replace) a symlink.
    pub fn link(&self, logical: &str, target: &str) {
        let p = self.p(logical);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        let _ = std::fs::remove_file(&p);
        symlink(target, p).unwrap();
    }

    /// A fake NixOS system closure with kernel `kver`; returns its store path.
    pub fn system(&self, n: u32, kver: &str) -> String {
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
    pub fn generations(&self, count: u32, oldest_days: i64) -> Vec<String> {
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

    /// Audit it with the generations and boot probes (not the store, gcroots, nixconf and units
    /// probes generations reads when they run).
    pub fn audit(&self) -> Report {
        self.audit_with(&Config::default())
    }

    /// [`NixosRoot::audit`] with a configuration.
    pub fn audit_with(&self, config: &Config) -> Report {
        let host = Host::at_root(self.dir.path(), Arc::new(SystemRunner), Utc::now()).unwrap();
        let only: BTreeSet<ProbeId> = [ProbeId::Generations, ProbeId::Boot].into_iter().collect();
        audit::run(
            host,
            nixbtw_probes::all_probes(),
            &Selection {
                only: Some(only),
                skip: [
                    ProbeId::Store,
                    ProbeId::Gcroots,
                    ProbeId::Nixconf,
                    ProbeId::Units,
                    ProbeId::Journal,
                ]
                .into_iter()
                .collect(),
            },
            config,
            Duration::from_secs(60),
            Arc::new(|_, _: &str| {}),
        )
        .unwrap()
    }
}

/// The IDs of a report's findings, in report order.
pub fn ids(r: &Report) -> Vec<&'static str> {
    r.findings.iter().map(|f| f.id.as_str()).collect()
}
