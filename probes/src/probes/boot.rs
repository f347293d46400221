//! The `boot` probe: /boot's free space and its boot entries.
//!
//! A full /boot (often a small ESP) makes the next `nixos-rebuild switch` fail while copying a
//! kernel and initrd, after the new generation is already built. So the facts are statvfs of
//! the filesystem holding /boot (and whether it is its own filesystem), the systemd-boot entries
//! in `loader/entries` and the GRUB `menuentry` lines, and whether a `configurationLimit` is set
//! anywhere in the NixOS configuration (/etc/nixos), which bounds how many entries pile up.

use serde::{Deserialize, Serialize};

use nixbtw_contracts::ProbeId;

use crate::fs::{caps, FileKind};
use crate::host::{FsSpace, Host};
use crate::probe::{Facts, Probe, ProbeContext, ProbeError, ProbeFacts};

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
    /// Files or directories that exist but could not be read (what failed, and why).
    #[serde(default)]
    pub problems: Vec<String>,
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
            .chain(self.problems.iter().cloned())
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
        if !host.is_dir("/boot") {
            return Err(ProbeError::Skipped("no /boot directory".to_string()));
        }
        Ok(Box::new(collect(host)))
    }
}

/// Find `configurationLimit` in the .nix files under /etc/nixos (bounded walk).
fn find_configuration_limit(host: &Host, problems: &mut Vec<String>) -> Option<String> {
    let walk = host.walk("/etc/nixos", 4, 2000);
    for (path, kind) in walk.entries {
        if kind != FileKind::File || path.extension().is_none_or(|x| x != "nix") {
            continue;
        }
        let text = match host.read_text(&path, caps::TEXT) {
            Ok(t) => t,
            Err(e) => {
                problems.push(e.to_string());
                continue;
            }
        };
        for (i, line) in text.lines().enumerate() {
            let t = line.trim();
            if t.contains("configurationLimit") && !t.starts_with('#') {
                return Some(format!("{}:{}: {t}", path.display(), i + 1));
            }
        }
    }
    None
}

/// Collect the facts.
pub fn collect(host: &Host) -> BootFacts {
    let mut f = BootFacts::default();
    let dev = |p: &str| host.metadata(p).ok().map(|m| m.dev);
    f.separate_fs = matches!((dev("/boot"), dev("/")), (Some(a), Some(b)) if a != b);
    match host.fs_space("/boot") {
        Ok(s) => f.fs = Some(s),
        Err(e) => f.fs_error = Some(e.to_string()),
    }
    match host.read_dir("/boot/loader/entries") {
        Ok(entries) => {
            f.systemd_boot_entries = entries
                .into_iter()
                .map(|e| e.name.to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".conf"))
                .collect();
            f.loader = Some("systemd-boot".to_string());
        }
        Err(e) if e.is_not_found() => {}
        Err(e) => f.problems.push(e.to_string()),
    }
    let grub = match host.read_text("/boot/grub/grub.cfg", caps::TEXT) {
        Ok(text) => Some(text),
        Err(e) if e.is_not_found() => None,
        Err(e) => {
            f.problems.push(e.to_string());
            None
        }
    };
    if let Some(text) = grub {
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
    f.configuration_limit = find_configuration_limit(host, &mut f.problems);
    f
}
