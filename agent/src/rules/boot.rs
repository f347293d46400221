//! `boot.*`: room on /boot for the next kernel, and unbounded boot entries.

use nixbtw_contracts::prose::lit;
use serde::Deserialize;

use nixbtw_contracts::text::count_of;
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
    rule!(BootEntryWithoutGeneration => entry_without_generation),
];

/// The system generation a boot entry names: systemd-boot's `nixos-generation-N.conf` (also
/// `nixos-generation-N-specialisation-X.conf`), GRUB's `NixOS - Configuration N (...)`.
fn entry_generation(entry: &str) -> Option<u32> {
    let digits = |s: &str| -> Option<u32> {
        let end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
        s[..end].parse().ok()
    };
    if let Some(rest) = entry.strip_prefix("nixos-generation-") {
        return digits(rest);
    }
    let i = entry.find("Configuration ")?;
    digits(&entry[i + "Configuration ".len()..])
}

/// `boot.entry-without-generation`: boot menu entries for system generations the profile no
/// longer has. The menu is rewritten only by `switch-to-configuration`; deleting generations
/// by hand (`nix-env --delete-generations`, a GC) leaves entries whose system may be gone, so
/// the rollback a reader counts on fails at boot.
pub fn entry_without_generation(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    let (Some(b), Some(g)) = (
        cx.facts.get::<BootFacts>(),
        cx.facts
            .get::<nixbtw_probes::probes::generations::GenerationsFacts>(),
    ) else {
        return;
    };
    let Some(system) = g.system.as_ref().filter(|p| !p.generations.is_empty()) else {
        return;
    };
    let live: std::collections::BTreeSet<u32> = system
        .generations
        .iter()
        .filter(|x| x.target.is_some())
        .map(|x| x.number)
        .collect();
    let (entries, file) = if b.systemd_boot_entries.is_empty() {
        (&b.grub_entries, "/boot/grub/grub.cfg")
    } else {
        (&b.systemd_boot_entries, "/boot/loader/entries")
    };
    let stale: Vec<(&String, u32)> = entries
        .iter()
        .filter_map(|e| entry_generation(e).map(|n| (e, n)))
        .filter(|(_, n)| !live.contains(n))
        .collect();
    if stale.is_empty() {
        return;
    }
    let numbers: Vec<String> = stale.iter().map(|(_, n)| n.to_string()).collect();
    out.push(
        finding(FindingId::BootEntryWithoutGeneration, file)
            .title(format!(
                "{} for deleted system generations: {}",
                count_of(stale.len(), "boot entry", "boot entries"),
                numbers.join(", ")
            ))
            .file(file)
            .description(format!(
                "The boot menu ({}) offers system generations that the system profile no \
                 longer has, probably deleted by hand or by a GC without a rebuild. Their \
                 kernels may still be in /boot, but the system they start can be gone from the \
                 store: choosing one, as the rollback after a bad upgrade, ends in an emergency \
                 shell. The profile has generations {}.",
                lit(b.loader.as_deref().unwrap_or("unknown loader")),
                lit(live
                    .iter()
                    .map(u32::to_string)
                    .collect::<Vec<_>>()
                    .join(", "))
            ))
            .evidence(
                file,
                stale
                    .iter()
                    .take(20)
                    .map(|(e, n)| format!("{e}: generation {n} is not in the system profile"))
                    .collect(),
            )
            .action(
                "Rewrite the menu from the generations that exist: \
                 `sudo /run/current-system/bin/switch-to-configuration boot` (or \
                 `sudo nixos-rebuild boot`); delete generations with `nix-collect-garbage -d` or \
                 `nixos-rebuild`'s GC options, which keep the menu in step.",
            )
            .build(),
    );
}

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

    fn with_generations(b: BootFacts, numbers: &[u32]) -> Vec<Finding> {
        use nixbtw_probes::probes::generations::{Generation, GenerationsFacts, Profile};
        let g = GenerationsFacts {
            system: Some(Profile {
                owner: "root".into(),
                name: "system".into(),
                link: "/nix/var/nix/profiles/system".into(),
                current: numbers.last().copied(),
                generations: numbers
                    .iter()
                    .map(|n| Generation {
                        number: *n,
                        target: Some(format!("/nix/store/x-nixos-system-{n}")),
                        ..Default::default()
                    })
                    .collect(),
                manifest: None,
                diffs: Vec::new(),
            }),
            ..Default::default()
        };
        let facts = FactSet::new().with(b).with(g);
        run_rules(RULES, &facts, Utc::now(), false)
            .into_iter()
            .filter(|f| f.id == FindingId::BootEntryWithoutGeneration)
            .collect()
    }

    #[test]
    fn entry_generation_reads_both_loaders_names() {
        assert_eq!(entry_generation("nixos-generation-42.conf"), Some(42));
        assert_eq!(
            entry_generation("nixos-generation-7-specialisation-gpu.conf"),
            Some(7)
        );
        assert_eq!(
            entry_generation("NixOS - Configuration 12 (2026-11-20 - 25.05)"),
            Some(12)
        );
        assert_eq!(entry_generation("loader.conf"), None);
        assert_eq!(entry_generation("NixOS - Default"), None);
    }

    #[test]
    fn entry_without_generation_names_only_the_deleted_ones() {
        let b = BootFacts {
            loader: Some("systemd-boot".into()),
            systemd_boot_entries: (1..=4)
                .map(|n| format!("nixos-generation-{n}.conf"))
                .collect(),
            ..Default::default()
        };
        let out = with_generations(b.clone(), &[3, 4]);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].priority, nixbtw_contracts::Priority::P2);
        assert!(
            out[0].title.ends_with("generations: 1, 2"),
            "{}",
            out[0].title
        );
        assert_eq!(out[0].evidence[0].excerpt.len(), 2);
        assert!(with_generations(b.clone(), &[1, 2, 3, 4]).is_empty());
        // No system profile read: nothing to compare with, nothing said.
        assert!(with_generations(b, &[]).is_empty());
    }

    #[test]
    fn entry_without_generation_reads_grub_titles() {
        let b = BootFacts {
            loader: Some("grub".into()),
            grub_entries: vec![
                "NixOS - Default".into(),
                "NixOS - Configuration 5 (2026-11-01)".into(),
                "NixOS - Configuration 9 (2026-11-20)".into(),
            ],
            ..Default::default()
        };
        let out = with_generations(b, &[9]);
        assert_eq!(out.len(), 1);
        assert!(out[0].title.ends_with(": 5"), "{}", out[0].title);
        assert_eq!(out[0].file, "/boot/grub/grub.cfg");
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
