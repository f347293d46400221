//! The `boot` probe: /boot's free space and its boot entries.
//!
//! A full /boot (often a small ESP) makes the next `nixos-rebuild switch` fail while copying a
//! kernel and initrd, after the new generation is already built. So the facts are statvfs of
//! the filesystem holding /boot (and whether it is its own filesystem), the systemd-boot entries
//! in `loader/entries` and the GRUB `menuentry` lines, and whether a `configurationLimit` is set
//! anywhere in the NixOS configuration (/etc/nixos), which bounds how many entries pile up.

use serde::{Deserialize, Serialize};
use std::os::unix::fs::MetadataExt;
use std::path::Path;

use nixbtw_contracts::ProbeId;

use crate::host::Host;
use crate::probe::{Facts, Probe, ProbeContext, ProbeError, ProbeFacts};
use crate::probes::store::{fs_space, FsSpace};

/// Facts of the `boot` probe.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct BootFacts {
    /// Whether /boot is its own filesystem (a different device than /).
    pub separate_fs: bool,
    /// The filesystem holding /boot.
    pub fs: Option<FsSpace>,
    /// Why statvfs failed.
    pub fs_error: Option<String>,
    /// `systemd-boot`, `grub`, or none found.
    pub loader: Option<String>,
    /// systemd-boot entry files (`loader/entries/*.conf`), sorted.
    pub systemd_boot_entries: Vec<String>,
    /// GRUB menu entry titles from `grub/grub.cfg`.
    pub grub_entries: Vec<String>,
    /// Where a `configurationLimit` was found (`file:line: text`).
    pub configuration_limit: Option<String>,
}

impl BootFacts {
    /// Number of boot entries of whichever loader was found.
    pub fn entry_count(&self) -> usize {
        self.systemd_boot_entries.len().max(self.grub_entries.len())
    }
}

impl ProbeFacts for BootFacts {
    const PROBE: ProbeId = ProbeId::Boot;

    fn incomplete(&self) -> Vec<String> {
        self.fs_error
            .iter()
            .map(|e| format!("statvfs: {e}"))
            .collect()
    }
}

/// The probe.
#[derive(Debug, Default)]
pub struct BootProbe;

impl Probe for BootProbe {
    fn id(&self) -> ProbeId {
        ProbeId::Boot
    }

    fn by_hand(&self) -> &'static str {
        "df -h /boot; ls /boot/loader/entries; grep -c menuentry /boot/grub/grub.cfg"
    }

    fn collect(&self, host: &Host, _cx: &ProbeContext<'_>) -> Result<Box<dyn Facts>, ProbeError> {
        let boot = host.path("/boot");
        if !boot.is_dir() {
            return Err(ProbeError::Skipped("no /boot directory".to_string()));
        }
        Ok(Box::new(collect(host)))
    }
}

/// Find `configurationLimit` in the .nix files under /etc/nixos (bounded walk).
fn find_configuration_limit(host: &Host) -> Option<String> {
    let dir = host.path("/etc/nixos");
    for e in walkdir::WalkDir::new(&dir)
        .max_depth(4)
        .into_iter()
        .flatten()
        .take(2000)
    {
        let p = e.path();
        if !e.file_type().is_file() || p.extension().is_none_or(|x| x != "nix") {
            continue;
        }
        if e.metadata().map(|m| m.len() > 1 << 20).unwrap_or(true) {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(p) else {
            continue;
        };
        for (i, line) in text.lines().enumerate() {
            let t = line.trim();
            if t.contains("configurationLimit") && !t.starts_with('#') {
                let logical = host
                    .logical(p)
                    .unwrap_or_else(|| p.to_path_buf())
                    .display()
                    .to_string();
                return Some(format!("{logical}:{}: {t}", i + 1));
            }
        }
    }
    None
}

/// Collect the facts.
pub fn collect(host: &Host) -> BootFacts {
    let boot = host.path("/boot");
    let mut f = BootFacts::default();
    let dev = |p: &Path| std::fs::metadata(p).ok().map(|m| m.dev());
    f.separate_fs = matches!((dev(&boot), dev(&host.path("/"))), (Some(a), Some(b)) if a != b);
    match fs_space(&boot) {
        Ok(s) => f.fs = Some(s),
        Err(e) => f.fs_error = Some(e),
    }
    if let Ok(rd) = std::fs::read_dir(boot.join("loader/entries")) {
        f.systemd_boot_entries = rd
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".conf"))
            .collect();
        f.systemd_boot_entries.sort();
        f.loader = Some("systemd-boot".to_string());
    }
    if let Ok(text) = host.read_to_string("/boot/grub/grub.cfg") {
        f.grub_entries = text
            .lines()
            .filter_map(|l| {
                let l = l.trim_start();
                let rest = l.strip_prefix("menuentry ")?;
                let q = rest.chars().next()?;
                let title = rest.get(1..)?.split(q).next()?;
                Some(title.to_string())
            })
            .collect();
        if f.loader.is_none() {
            f.loader = Some("grub".to_string());
        }
    }
    f.configuration_limit = find_configuration_limit(host);
    f
}
