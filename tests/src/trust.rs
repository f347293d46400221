//! Fixture roots for the nixconf, flake, channels and secrets probes: a `--root` directory
//! shaped like a NixOS host (nix.conf, /etc/nixos flake, root's channels, a system profile
//! whose etc tree is in a fake store), and a helper that audits it.

use chrono::{DateTime, TimeZone, Utc};
use std::collections::BTreeSet;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use nixbtw_audit::audit::{self, Selection};
use nixbtw_audit::config::Config;
use nixbtw_contracts::{Finding, FindingId, FindingType, ProbeId, Report};
use nixbtw_probes::{all_probes, Host, SystemRunner};

/// The audit time used by these fixtures: 2026-11-25 12:00 UTC.
pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 12, 0, 0)
        .single()
        .unwrap_or_default()
}

/// Write `content` to `root/rel`, creating parents.
pub fn write(root: &Path, rel: &str, content: impl AsRef<[u8]>) -> PathBuf {
    let p = root.join(rel);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap_or_default();
    }
    std::fs::write(&p, content).unwrap_or_default();
    p
}

/// Make `root/rel` a symlink to `target`.
pub fn link(root: &Path, rel: &str, target: &str) {
    let p = root.join(rel);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap_or_default();
    }
    let _ = std::fs::remove_file(&p);
    symlink(target, &p).unwrap_or_default();
}

/// Set a file's mtime (and for a symlink, the link's own) to `t`.
pub fn set_mtime(path: &Path, t: DateTime<Utc>) {
    let ts = nix::sys::time::TimeSpec::new(t.timestamp(), 0);
    let _ = nix::sys::stat::utimensat(
        nix::fcntl::AT_FDCWD,
        path,
        &ts,
        &ts,
        nix::sys::stat::UtimensatFlags::NoFollowSymlink,
    );
}

/// A fake store path name.
pub fn store(name: &str) -> String {
    format!("/nix/store/{}-{name}", "0".repeat(32))
}

/// A system profile whose etc tree is a store path; `etc_files` are (path under etc, content).
pub fn system_profile(root: &Path, etc_files: &[(&str, &str)]) {
    let sys = store("nixos-system-demo-26.05");
    let etc = store("etc");
    for (rel, content) in etc_files {
        write(root, &format!("{}/etc/{rel}", &etc[1..]), content);
    }
    std::fs::create_dir_all(root.join(&sys[1..])).unwrap_or_default();
    link(root, &format!("{}/etc", &sys[1..]), &format!("{etc}/etc"));
    link(root, "nix/var/nix/profiles/system-1-link", &sys);
    link(root, "nix/var/nix/profiles/system", "system-1-link");
}

/// Root's channels: `.nix-channels`, a channels profile with one generation dated `when`,
/// and a `nixos` channel of release `version`.
pub fn channels(root: &Path, version: &str, when: DateTime<Utc>) {
    write(
        root,
        "root/.nix-channels",
        format!("https://nixos.org/channels/nixos-{version} nixos\n"),
    );
    let gen = store("user-environment");
    let chan = store(&format!("nixos-{version}.1234.abcdef0"));
    write(root, &format!("{}/nixos/.version", &chan[1..]), version);
    write(
        root,
        &format!("{}/nixos/.version-suffix", &chan[1..]),
        ".1234.abcdef0",
    );
    write(
        root,
        &format!("{}/nixos/.git-revision", &chan[1..]),
        "abcdef0123456789abcdef0123456789abcdef01",
    );
    link(
        root,
        &format!("{}/nixos", &gen[1..]),
        &format!("{chan}/nixos"),
    );
    write(root, &format!("{}/manifest.nix", &gen[1..]), "[ ]");
    let dir = "nix/var/nix/profiles/per-user/root";
    link(root, &format!("{dir}/channels-1-link"), &gen);
    link(root, &format!("{dir}/channels"), "channels-1-link");
    set_mtime(&root.join(format!("{dir}/channels-1-link")), when);
}

/// Audit `root` with the probes of this issue (and `host`), at [`now`].
pub fn audit(root: &Path) -> Report {
    let host = Host::at_root(root, Arc::new(SystemRunner), now()).unwrap_or_else(|e| {
        std::panic::panic_any(e.to_string());
    });
    let only: BTreeSet<ProbeId> = [
        ProbeId::Host,
        ProbeId::Nixconf,
        ProbeId::Flake,
        ProbeId::Channels,
        ProbeId::Secrets,
    ]
    .into_iter()
    .collect();
    let selection = Selection {
        only: Some(only),
        skip: BTreeSet::new(),
    };
    audit::run(
        host,
        all_probes(),
        &selection,
        &Config::default(),
        Duration::from_secs(60),
        Arc::new(|_, _| {}),
    )
    .unwrap_or_else(|e| std::panic::panic_any(e.to_string()))
}

/// The finding IDs of a report, in report order.
pub fn report_ids(r: &Report) -> Vec<&'static str> {
    r.findings.iter().map(|f| f.id.as_str()).collect()
}

/// The findings of one ID.
pub fn findings_of(r: &Report, id: FindingId) -> Vec<&Finding> {
    r.findings.iter().filter(|f| f.id == id).collect()
}

/// The error rows about one probe.
pub fn error_rows(r: &Report, probe: ProbeId) -> Vec<&Finding> {
    r.findings
        .iter()
        .filter(|f| f.kind == FindingType::Error && f.probe == probe)
        .collect()
}

/// A one-input flake.lock whose nixpkgs was locked `days_old` days before [`now`] on `branch`.
pub fn flake_lock_at(days_old: i64, branch: &str) -> String {
    let ts = now().timestamp() - days_old * 86400;
    format!(
        r#"{{"nodes":{{"nixpkgs":{{"locked":{{"lastModified":{ts},"narHash":"sha256-AAAA","owner":"NixOS","repo":"nixpkgs","rev":"0123456789abcdef0123456789abcdef01234567","type":"github"}},"original":{{"owner":"NixOS","ref":"{branch}","repo":"nixpkgs","type":"github"}}}},"root":{{"inputs":{{"nixpkgs":"nixpkgs"}}}}}},"root":"root","version":7}}"#
    )
}
