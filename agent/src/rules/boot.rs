//! `boot.*`: room on /boot for the next kernel, and unbounded boot entries.

use nixbtw_contracts::prose::lit;
use serde::Deserialize;

use nixbtw_contracts::{Finding, FindingId};
use nixbtw_probes::probes::boot::BootFacts;

use super::{bytes, finding, rule, Rule, RuleContext};

/// Thresholds of the `boot.*` checks.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct BootThresholds {
    /// `boot.esp-critical` under this percentage free.
    pub esp_free_percent: f64,
    /// `boot.esp-critical` under this many bytes free.
    pub esp_free_bytes: u64,
    /// `boot.entries-unlimited` over this many entries.
    pub max_entries: usize,
}

impl Default for BootThresholds {
    fn default() -> Self {
        BootThresholds {
            esp_free_percent: 10.0,
            esp_free_bytes: 64 << 20,
            max_entries: 20,
        }
    }
}

/// The rules of this module, in evaluation order.
pub const RULES: &[Rule] = &[
    rule!(BootEspCritical => esp_critical),
    rule!(BootEntriesUnlimited => entries_unlimited),
];

/// `boot.esp-critical`: a separate /boot with under 10% or 64 MiB free.
pub fn esp_critical(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    let Some(b) = cx.facts.get::<BootFacts>() else {
        return;
    };
    let t = &cx.thresholds.boot;
    // Only a separate /boot can fill up on its own; a /boot on / is covered by store.disk-*.
    if let (true, Some(fs)) = (b.separate_fs, b.fs) {
        let free = fs.available_bytes;
        let p = if fs.total_bytes == 0 {
            0.0
        } else {
            free as f64 * 100.0 / fs.total_bytes as f64
        };
        if p < t.esp_free_percent || free < t.esp_free_bytes {
            out.push(
                finding(FindingId::BootEspCritical, "/boot")
                    .title(format!("/boot almost full: {} free ({p:.1}%)", bytes(free)))
                    .file("/boot")
                    .description(format!(
                        "/boot has {} available of {}. Each NixOS generation with a new kernel \
                         copies a kernel and initrd (often 30-100 MiB) to /boot; when they do \
                         not fit, `nixos-rebuild switch` fails after building, and the boot \
                         menu can be left half-updated.",
                        bytes(free),
                        bytes(fs.total_bytes)
                    ))
                    .evidence(
                        "statvfs /boot",
                        vec![
                            format!("{} available of {}", bytes(free), bytes(fs.total_bytes)),
                            format!("{} boot entries", b.entry_count()),
                        ],
                    )
                    .action("Delete old generations (`sudo nix-collect-garbage --delete-older-than 14d`), then `sudo /run/current-system/bin/switch-to-configuration boot` to remove their kernels from /boot; set `boot.loader.systemd-boot.configurationLimit = 10`.")
                    .build(),
            );
        }
    }
}

/// `boot.entries-unlimited`: over 20 boot entries and no configurationLimit evident.
pub fn entries_unlimited(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    let Some(b) = cx.facts.get::<BootFacts>() else {
        return;
    };
    let t = &cx.thresholds.boot;
    let n = b.entry_count();
    if n > t.max_entries && b.configuration_limit.is_none() {
        let entries = if b.systemd_boot_entries.len() >= b.grub_entries.len() {
            &b.systemd_boot_entries
        } else {
            &b.grub_entries
        };
        out.push(
            finding(FindingId::BootEntriesUnlimited, "/boot")
                .title(format!("{n} boot entries and no configurationLimit"))
                .file(if b.systemd_boot_entries.is_empty() {
                    "/boot/grub/grub.cfg"
                } else {
                    "/boot/loader/entries"
                })
                .description(format!(
                    "/boot holds {n} boot entries ({}) and no `configurationLimit` was found in \
                     /etc/nixos: every generation adds an entry and, with a new kernel, its files, \
                     until /boot fills up.",
                    lit(b.loader.as_deref().unwrap_or("unknown loader"))
                ))
                .evidence("/boot", entries.iter().take(5).cloned().collect())
                .action("Set `boot.loader.systemd-boot.configurationLimit = 10;` (or `boot.loader.grub.configurationLimit`).")
                .build(),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::run_rules;
    use chrono::Utc;
    use nixbtw_probes::probes::store::FsSpace;
    use nixbtw_probes::FactSet;

    fn eval(b: BootFacts) -> Vec<&'static str> {
        let out = run_rules(RULES, &FactSet::new().with(b), Utc::now(), false);
        out.iter().map(|f| f.id.as_str()).collect()
    }

    fn fs(total: u64, avail: u64) -> Option<FsSpace> {
        Some(FsSpace {
            total_bytes: total,
            free_bytes: avail,
            available_bytes: avail,
        })
    }

    #[test]
    fn esp_critical_only_for_a_separate_full_boot() {
        let mut b = BootFacts {
            separate_fs: true,
            fs: fs(512 << 20, 40 << 20),
            ..Default::default()
        };
        assert_eq!(eval(b.clone()), vec!["boot.esp-critical"]);
        b.fs = fs(512 << 20, 200 << 20);
        assert!(eval(b.clone()).is_empty());
        b.fs = fs(512 << 20, 40 << 20);
        b.separate_fs = false;
        assert!(eval(b).is_empty());
    }

    #[test]
    fn entries_unlimited_unless_a_limit_is_set() {
        let mut b = BootFacts {
            systemd_boot_entries: (1..=21)
                .map(|i| format!("nixos-generation-{i}.conf"))
                .collect(),
            ..Default::default()
        };
        assert_eq!(eval(b.clone()), vec!["boot.entries-unlimited"]);
        b.configuration_limit =
            Some("/etc/nixos/configuration.nix:3: configurationLimit = 10;".into());
        assert!(eval(b.clone()).is_empty());
        b.configuration_limit = None;
        b.systemd_boot_entries.truncate(20);
        assert!(eval(b).is_empty());
    }
}
