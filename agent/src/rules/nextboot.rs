//! `nextboot.*`: will the next boot come up? The devices its fstab and initrd need, and its
//! kernel's modules, judged for the generation the next boot starts (the system profile's
//! default; the running system when there is no profile).

use nixbtw_contracts::prose::{lit, sh};
use nixbtw_contracts::{Finding, FindingId, Priority};
use nixbtw_probes::probes::host::HostFacts;
use nixbtw_probes::probes::nextboot::stateversion::StateVersionFacts;
use nixbtw_probes::probes::nextboot::{DeviceRef, MountEntry, NextSystem, NextbootFacts};

use super::{finding, rule, Rule, RuleContext};

/// The rules of this module, in evaluation order.
pub const RULES: &[Rule] = &[
    rule!(NextbootBootDeviceMissing => boot_device_missing),
    rule!(NextbootDeviceMissing => device_missing),
    rule!(NextbootDevicesUnverified => devices_unverified),
    rule!(NextbootKernelModulesMismatch => kernel_modules_mismatch),
    rule!(NextbootModuleMissing => module_missing),
    STATE_VERSION_CHANGED,
    rule!(NextbootStateVersionAhead => state_version_ahead),
    rule!(NextbootFallbackNeverBooted => fallback_never_booted),
];

/// `nextboot.state-version-changed`, which `crate::diff` runs again with the previous audit.
pub const STATE_VERSION_CHANGED: Rule = rule!(NextbootStateVersionChanged => state_version_changed);

/// Mount points the boot cannot go on without: what NixOS mounts in stage 1 (its
/// `pathsNeededForBoot`) and the boot partition.
const STAGE_1: &[&str] = &[
    "/",
    "/nix",
    "/nix/store",
    "/var",
    "/var/log",
    "/var/lib",
    "/var/lib/nixos",
    "/etc",
    "/usr",
    "/boot",
    "/boot/efi",
    "/efi",
];

fn needed_for_boot(m: &MountEntry) -> bool {
    STAGE_1.contains(&m.mount_point.as_str()) || m.options.iter().any(|o| o == "x-initrd.mount")
}

/// "the next boot (generation 3)" or "the running system".
fn which(s: &NextSystem) -> String {
    match (s.is_default(), s.generation) {
        (true, Some(g)) => format!("the next boot (system generation {g})"),
        (true, None) => "the next boot (the system profile's default)".to_string(),
        (false, _) => "the next boot (the running system; no system profile)".to_string(),
    }
}

const HOW_TO_FIND: &str = "List what this machine has with `lsblk -o NAME,FSTYPE,UUID,LABEL,PARTUUID,MOUNTPOINTS` (or `blkid`); `nixos-generate-config --show-hardware-config` prints the `fileSystems`, `swapDevices` and `boot.initrd.luks.devices` that match it.";

/// A missing device: what needs it, the option that names it, where it was read.
struct Missing<'a> {
    what: String,
    option: String,
    r: &'a DeviceRef,
    source: String,
    consequence: &'static str,
}

fn missing_device_finding(
    id: FindingId,
    s: &NextSystem,
    facts: &NextbootFacts,
    m: Missing<'_>,
) -> Finding {
    let Missing {
        what,
        option,
        r,
        source,
        consequence,
    } = m;
    finding(id, format!("{}:{}", s.path, r.spec))
        .title(format!("{what}: {} is not present", r.spec))
        .file(&source)
        .description(format!(
            "{} needs {} for {}, and {} has no {}. {consequence} The usual cause is a \
             disk that was replaced, reformatted or moved to another machine while the old \
             hardware-configuration.nix stayed.",
            capitalise(&which(s)),
            lit(&r.spec),
            lit(&what),
            facts.devices.describe(),
            lit(&r.dev_path),
        ))
        .evidence(
            &source,
            vec![
                format!("{what}: {}", r.spec),
                format!("looked up: {} (absent)", r.dev_path),
                format!(
                    "device view: {} ({} links under disk/by-*)",
                    facts.devices.describe(),
                    facts.devices.links
                ),
            ],
        )
        .action(format!(
            "Do not reboot into it yet. {HOW_TO_FIND} Correct `{}` in the configuration, \
             then `sudo nixos-rebuild boot` and check again before rebooting.",
            lit(&option)
        ))
        .build()
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

fn fstab_option(m: &MountEntry) -> String {
    if m.is_swap() {
        "swapDevices".to_string()
    } else {
        format!("fileSystems.\"{}\".device", m.mount_point)
    }
}

fn absent(r: &Option<DeviceRef>) -> Option<&DeviceRef> {
    r.as_ref().filter(|r| r.present == Some(false))
}

/// `nextboot.boot-device-missing`: a stage-1 mount's device (/, /nix, /boot, ...) or a LUKS
/// device the initrd opens is not present.
pub fn boot_device_missing(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    let Some(f) = cx.facts.get::<NextbootFacts>() else {
        return;
    };
    let Some(s) = f.next() else { return };
    for l in &s.luks {
        if l.optional || l.device.present != Some(false) {
            continue;
        }
        let source = format!(
            "{} ({})",
            s.initrd.file.as_deref().unwrap_or("initrd"),
            l.source
        );
        out.push(missing_device_finding(
            FindingId::NextbootBootDeviceMissing,
            s,
            f,
            Missing {
                what: format!("LUKS device {}", l.name),
                option: format!("boot.initrd.luks.devices.\"{}\".device", l.name),
                r: &l.device,
                source,
                consequence: "The initrd waits for it, cannot open it, and stops in an \
                              emergency shell.",
            },
        ));
    }
    for m in &s.mounts {
        let Some(r) = absent(&m.device) else { continue };
        if m.optional() || !needed_for_boot(m) {
            continue;
        }
        out.push(missing_device_finding(
            FindingId::NextbootBootDeviceMissing,
            s,
            f,
            Missing {
                what: format!("{} ({})", m.mount_point, m.fs_type),
                option: fstab_option(m),
                r,
                source: s.fstab.clone().unwrap_or_else(|| "etc/fstab".into()),
                consequence: "The boot waits for it (90 seconds by default) and then stops in \
                              an emergency shell.",
            },
        ));
    }
}

/// `nextboot.device-missing`: another fstab or swap device is not present (nofail, noauto and
/// automounts are optional and excepted).
pub fn device_missing(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    let Some(f) = cx.facts.get::<NextbootFacts>() else {
        return;
    };
    let Some(s) = f.next() else { return };
    for m in &s.mounts {
        let Some(r) = absent(&m.device) else { continue };
        if m.optional() || needed_for_boot(m) {
            continue;
        }
        let what = if m.is_swap() {
            "swap".to_string()
        } else {
            format!("{} ({})", m.mount_point, m.fs_type)
        };
        out.push(missing_device_finding(
            FindingId::NextbootDeviceMissing,
            s,
            f,
            Missing {
                what,
                option: fstab_option(m),
                r,
                source: s.fstab.clone().unwrap_or_else(|| "etc/fstab".into()),
                consequence: "Its mount unit fails after a 90-second wait and `local-fs.target` with it, which \
             can end the boot in emergency mode; add `nofail` if the system can do without it.",
            },
        ));
    }
}

/// `nextboot.devices-unverified`: the next boot's devices could not all be compared: no device
/// view (under `--root` without `DIR/dev`), or an initrd not read to its end (a bzip2, lzma or
/// lzo member; a damaged member; a decompression cap hit), so its LUKS devices are not known.
pub fn devices_unverified(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    let Some(f) = cx.facts.get::<NextbootFacts>() else {
        return;
    };
    let Some(s) = f.next() else { return };
    let refs: Vec<String> = s
        .mounts
        .iter()
        .filter_map(|m| {
            let r = m.device.as_ref()?;
            Some(format!(
                "{} {} {}{}",
                r.spec,
                if m.is_swap() { "swap" } else { &m.mount_point },
                m.fs_type,
                if m.optional() { " (optional)" } else { "" }
            ))
        })
        .chain(
            s.luks
                .iter()
                .map(|l| format!("{} LUKS `{}` ({})", l.device.spec, l.name, l.source)),
        )
        .collect();
    let no_view = !f.devices.available && !refs.is_empty();
    // An initrd that exists and was not read to its end: a format not decoded in-process, or
    // an error (a damaged member, a decompression cap hit).
    let unread = s
        .initrd
        .file
        .as_deref()
        .filter(|_| !s.initrd.complete && !s.initrd.members.is_empty());
    if !no_view && unread.is_none() {
        return;
    }
    let mut description = Vec::new();
    let mut actions = Vec::new();
    if no_view {
        description.push(format!(
            "{} has no disk/by-* links, so whether the {} devices of {} are present was not \
             judged.",
            capitalise(f.devices.describe()),
            refs.len(),
            which(s)
        ));
        actions.push(
            "In a rescue shell, `mount --rbind /dev DIR/dev` before auditing DIR (as \
             `nixos-enter` does), or run the audit on the live host"
                .to_string(),
        );
    }
    if let Some(file) = unread {
        let format = s
            .initrd
            .members
            .iter()
            .rev()
            .find(|m| *m != "cpio")
            .map_or("cpio", String::as_str);
        let tool = match format {
            "zstd" => "zstd -dc",
            "gzip" => "gzip -dc",
            "xz" | "lzma" => "xz -dc",
            "lz4" => "lz4 -dc",
            "bzip2" => "bzip2 -dc",
            _ => "cat",
        };
        let why = s.initrd.note.as_deref().unwrap_or("not read to its end");
        if s.initrd.error {
            description.push(format!(
                "The initrd could not be read ({}); its LUKS devices \
                 (`boot.initrd.luks.devices`) are not known, so a missing LUKS device is not \
                 reported. A damaged initrd also fails the kernel's own unpacking.",
                lit(why)
            ));
        } else {
            description.push(format!(
                "The initrd holds a member this audit does not read ({}); its LUKS devices \
                 (`boot.initrd.luks.devices`) may not all be known, so a missing LUKS device \
                 may not be reported.",
                lit(why)
            ));
        }
        actions.push(format!(
            "list its LUKS devices with `{tool} {} | cpio -i --to-stdout 'etc/crypttab' \
             '*stage-1-init.sh' | grep -e luksOpen -e '^[^#]'` and compare them with `ls \
             /dev/disk/by-uuid`{}",
            sh(file),
            if s.initrd.error {
                "; if that fails too, rebuild the initrd with `sudo nixos-rebuild boot`"
            } else {
                ""
            }
        ));
    }
    out.push(
        finding(FindingId::NextbootDevicesUnverified, &s.path)
            .title(format!(
                "Devices of the next boot not compared: {}",
                [
                    no_view.then_some("no device view"),
                    unread.map(|_| "initrd not read")
                ]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", ")
            ))
            .file(s.fstab.as_deref().unwrap_or(&s.path))
            .description(description.join(" "))
            .evidence(
                s.fstab.as_deref().unwrap_or("etc/fstab"),
                if refs.is_empty() {
                    vec!["(no device references)".to_string()]
                } else {
                    refs
                },
            )
            .action(format!("{}.", capitalise(&actions.join("; "))))
            .build(),
    );
}

/// `nextboot.kernel-modules-mismatch`: the next boot's kernel version has no `lib/modules`
/// tree in its kernel-modules.
pub fn kernel_modules_mismatch(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    let Some(f) = cx.facts.get::<NextbootFacts>() else {
        return;
    };
    let Some(s) = f.next() else { return };
    let k = &s.kernel;
    let (Some(v), Some(mods)) = (&k.version, &k.modules_path) else {
        return;
    };
    if k.module_trees.contains(v) {
        return;
    }
    out.push(
        finding(FindingId::NextbootKernelModulesMismatch, &s.path)
            .title(format!(
                "Next boot's kernel {v} has no modules tree ({})",
                if k.module_trees.is_empty() {
                    "none".to_string()
                } else {
                    k.module_trees.join(", ")
                }
            ))
            .file(format!("{mods}/lib/modules"))
            .description(format!(
                "{} starts kernel {} (from its {}), but its kernel-modules hold modules for \
                 {}. After the initrd, no module loads: drivers, file systems and networking \
                 that are not built in stay missing. This happens when `boot.kernelPackages` \
                 and the packages of `boot.extraModulePackages` come from different kernels.",
                capitalise(&which(s)),
                lit(v),
                k.version_source.as_deref().unwrap_or("image"),
                if k.module_trees.is_empty() {
                    "no version at all".to_string()
                } else {
                    lit(k.module_trees.join(", "))
                }
            ))
            .evidence(
                &s.path,
                vec![
                    format!("kernel: {} ({v})", k.image.as_deref().unwrap_or("?")),
                    format!("kernel-modules: {mods}"),
                    format!("lib/modules: {}", k.module_trees.join(", ")),
                ],
            )
            .action("Take `boot.extraModulePackages` from the same kernel package set as `boot.kernelPackages` (`config.boot.kernelPackages.<module>`), `sudo nixos-rebuild boot`, and check again before rebooting.")
            .build(),
    );
}

/// `nextboot.module-missing`: a module the next boot loads (modules-load.d, a file system type
/// of its fstab) is not in its kernel's modules; P0 for the root file system's (a ZFS root
/// whose next kernel lacks zfs.ko).
pub fn module_missing(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    let Some(f) = cx.facts.get::<NextbootFacts>() else {
        return;
    };
    let Some(s) = f.next() else { return };
    let k = &s.kernel;
    if !k.modules_dep || !k.modules_builtin {
        return;
    }
    let v = k.version.as_deref().unwrap_or("?");
    for w in k.wanted.iter().filter(|w| w.found.is_none()) {
        let consequence = if w.root_fs {
            "The initrd cannot mount the root file system: the boot stops in an emergency \
             shell."
        } else {
            "Whatever needs it fails on the next boot (systemd-modules-load.service fails for \
             modules-load.d entries; a mount of that type fails)."
        };
        out.push(
            finding(FindingId::NextbootModuleMissing, format!("{}:{}", s.path, w.name))
                .priority(if w.root_fs { Priority::P0 } else { Priority::P1 })
                .title(format!("Next boot's kernel {v} lacks the `{}` module", w.name))
                .file(format!(
                    "{}/lib/modules/{v}/modules.dep",
                    k.modules_path.as_deref().unwrap_or("kernel-modules")
                ))
                .description(format!(
                    "{} asks for `{}` ({}), and neither modules.dep nor modules.builtin of \
                     its kernel {} has it. {consequence} Out-of-tree modules (zfs, nvidia, \
                     v4l2loopback) must be built for the exact kernel: a kernel update whose \
                     module package failed or was taken from another kernel set leaves them \
                     out.",
                    capitalise(&which(s)),
                    lit(&w.name),
                    lit(&w.reason),
                    lit(v)
                ))
                .evidence(
                    &s.path,
                    vec![
                        format!("wanted: {} ({})", w.name, w.reason),
                        format!("kernel: {v}"),
                        format!(
                            "modules: {}",
                            k.modules_path.as_deref().unwrap_or("?")
                        ),
                    ],
                )
                .action(if w.name == "zfs" {
                    "Pin a kernel ZFS supports (`boot.kernelPackages = config.boot.zfs.package.latestCompatibleLinuxPackages` on older releases, or a fixed `pkgs.linuxPackages_6_6`), `sudo nixos-rebuild boot`, and check again before rebooting; until then boot the previous generation.".to_string()
                } else {
                    format!(
                        "Add the module's package from the same kernel set (`boot.extraModulePackages = [ config.boot.kernelPackages.{} ];`) or remove `{}` from `boot.kernelModules`, then `sudo nixos-rebuild boot`.",
                        lit(&w.name),
                        lit(&w.name)
                    )
                })
                .build(),
        );
    }
}

/// A NixOS release (`24.05`, or the first two parts of `24.05.1234.abcdef`) as (year, month).
fn release(s: &str) -> Option<(u32, u32)> {
    // Digits only: `parse` would take `+24`, and `.` or `24.` are no release.
    let num = |p: &str| {
        (!p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse().ok())
            .flatten()
    };
    let mut it = s.split('.');
    let y = num(it.next()?)?;
    let m = num(it.next()?)?;
    Some((y, m))
}

/// The configuration's stateVersion facts, when they hold a literal value.
fn state_version_of(facts: &nixbtw_probes::FactSet) -> Option<(&StateVersionFacts, &str)> {
    let sv = facts.get::<NextbootFacts>()?.state_version.as_ref()?;
    Some((sv, sv.value()?))
}

fn where_bound(sv: &StateVersionFacts) -> String {
    sv.bindings
        .first()
        .map(|b| format!("{}:{}", b.file, b.line))
        .unwrap_or_default()
}

fn state_version_evidence(sv: &StateVersionFacts) -> Vec<String> {
    sv.bindings
        .iter()
        .map(|b| {
            format!(
                "{}:{}: system.stateVersion = {}",
                b.file,
                b.line,
                b.value
                    .as_ref()
                    .map(|v| format!("\"{v}\""))
                    .or_else(|| b.expression.clone())
                    .unwrap_or_default()
            )
        })
        .collect()
}

/// `nextboot.state-version-changed`: the configuration's `system.stateVersion` differs from
/// the one the previous audit read. Runs with the previous audit's facts only (see
/// `rules::AGAINST_PREVIOUS`).
pub fn state_version_changed(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    let Some(prev) = cx.previous else { return };
    let (Some((sv, now)), Some((old_sv, before))) =
        (state_version_of(cx.facts), state_version_of(prev))
    else {
        return;
    };
    if now == before {
        return;
    }
    let file = where_bound(sv);
    let restore = if release(before).is_some() {
        format!("`system.stateVersion = \"{}\";`", lit(before))
    } else {
        "the previous value".to_string()
    };
    let mut evidence = state_version_evidence(sv);
    evidence.extend(
        state_version_evidence(old_sv)
            .into_iter()
            .map(|l| format!("previous audit: {l}")),
    );
    out.push(
        finding(
            FindingId::NextbootStateVersionChanged,
            "system.stateVersion",
        )
        .title(format!(
            "system.stateVersion changed from {before} to {now} since the previous audit"
        ))
        .file(&file)
        .description(format!(
            "The configuration sets `system.stateVersion` to {} ({}); the previous audit \
                 read {}. stateVersion is not the release the system runs: it tells stateful \
                 modules (PostgreSQL, Nextcloud, MySQL, the default data directories and \
                 formats) which release's data layout the disks hold. Changing it makes the \
                 next rebuild assume a layout the data was never migrated to, which can leave \
                 services unable to read their data. It is set once, at installation, and \
                 left alone.",
            lit(now),
            lit(&file),
            lit(before),
        ))
        .evidence(&file, evidence)
        .action(format!(
            "Unless the change was deliberate and every affected service's data was \
                 migrated by hand (the release notes of each release in between say how), set \
                 {restore} back in {} before the next `sudo nixos-rebuild switch` or reboot. \
                 `git log -p` on the configuration shows who changed it.",
            lit(&file)
        ))
        .build(),
    );
}

/// `nextboot.state-version-ahead`: the configuration's `system.stateVersion` is newer than the
/// release the host runs.
pub fn state_version_ahead(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    let Some((sv, value)) = state_version_of(cx.facts) else {
        return;
    };
    let Some(running) = cx
        .facts
        .get::<HostFacts>()
        .and_then(|h| h.os_release.as_ref()?.version_id.clone())
    else {
        return;
    };
    let (Some(v), Some(r)) = (release(value), release(&running)) else {
        return;
    };
    if v <= r {
        return;
    }
    let file = where_bound(sv);
    out.push(
        finding(FindingId::NextbootStateVersionAhead, "system.stateVersion")
            .title(format!(
                "system.stateVersion {value} is newer than the running release {running}"
            ))
            .file(&file)
            .description(format!(
                "The configuration sets `system.stateVersion` to {} ({}), but the host runs \
                 NixOS {}. stateVersion names the release whose data layout stateful services \
                 were first set up with; a value from the future is a copy from another \
                 machine's configuration or a mistaken \"upgrade\" of it. When the host does \
                 reach that release, services will assume data formats and paths they never \
                 created.",
                lit(value),
                lit(&file),
                lit(&running),
            ))
            .evidence(&file, state_version_evidence(sv))
            .action(format!(
                "Set `system.stateVersion` back to the release this machine was installed with \
                 (the oldest generation's `nixos-version`, or the value in the original \
                 configuration) in {}; never raise it to upgrade: `system.autoUpgrade` or a \
                 new channel/flake input upgrades the release.",
                lit(&file)
            ))
            .build(),
    );
}

/// `nextboot.fallback-never-booted`: the generation before the default (what a failed next
/// boot falls back to) was never seen booting, in a journal whose stage-2 lines reach back to
/// the generation's creation; not when it is the booted system.
pub fn fallback_never_booted(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    let Some(f) = cx.facts.get::<NextbootFacts>() else {
        return;
    };
    let (Some(fb), Some(h), Some(next)) = (&f.fallback, &f.history, f.next()) else {
        return;
    };
    let Some(created) = fb.created else { return };
    if !h.complete
        || h.boots == 0
        || !h.covers(created)
        || f.booted_system.as_deref() == Some(fb.path.as_str())
        || h.booted(&fb.path).is_some()
    {
        return;
    }
    let default = next
        .generation
        .map_or_else(|| "the default".to_string(), |g| format!("generation {g}"));
    let oldest = h
        .oldest_entry
        .map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string())
        .unwrap_or_default();
    let mut evidence = vec![
        format!("rollback target: {} -> {}", fb.link, fb.path),
        format!("created: {}", created.format("%Y-%m-%d %H:%M UTC")),
        format!(
            "journal: {} boots with a stage-2 line since {oldest}, none of them this system",
            h.boots
        ),
    ];
    if let Some(b) = &f.booted_system {
        evidence.push(format!("booted now: {b}"));
    }
    evidence.extend(h.systems.iter().take(3).map(|s| {
        format!(
            "booted {}x, last {}: {}",
            s.boots,
            s.last
                .map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string())
                .unwrap_or_else(|| "?".to_string()),
            s.path
        )
    }));
    out.push(
        finding(FindingId::NextbootFallbackNeverBooted, &fb.path)
            .title(format!(
                "Rollback target generation {} has never booted",
                fb.generation
            ))
            .file(&fb.link)
            .description(format!(
                "If {default} does not come up, the boot menu's next choice is system \
                 generation {} ({}). The journal, which holds {} boots since {oldest} (before \
                 that generation was created), never shows it booting: no stage-2 line \
                 {}. It was switched to without a reboot, or never used: whether its kernel, \
                 initrd and devices work on this machine is unknown, so it is not a \
                 known-good generation.",
                fb.generation,
                lit(&fb.path),
                h.boots,
                lit(format!("booting system configuration {}", fb.path)),
            ))
            .evidence(&h.command, evidence)
            .action(format!(
                "Before relying on a rollback, keep a generation that has booted (do not \
                 delete it, e.g. `nix-collect-garbage -d`), or boot generation {g} once to \
                 prove it: pick it in the boot menu (systemd-boot: `sudo bootctl set-oneshot \
                 nixos-generation-{g}.conf`, then reboot).",
                g = fb.generation
            ))
            .build(),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::run_rules;
    use chrono::Utc;
    use nixbtw_probes::probes::nextboot::{
        device_ref, parse_fstab, DeviceView, InitrdFacts, KernelFacts, LuksDevice, RefKind,
        WantedModule,
    };
    use nixbtw_probes::FactSet;

    fn present(mut r: DeviceRef, p: bool) -> DeviceRef {
        r.present = Some(p);
        r
    }

    /// A next boot whose fstab is `fstab`, with the devices in `missing` absent.
    fn facts(fstab: &str, missing: &[&str], view: bool) -> NextbootFacts {
        let mut mounts = parse_fstab(fstab);
        for m in &mut mounts {
            if let Some(r) = m.device.take() {
                let gone = missing.contains(&r.spec.as_str());
                m.device = Some(if view && r.kind != RefKind::Mapper {
                    present(r, !gone)
                } else {
                    r
                });
            }
        }
        NextbootFacts {
            systems: vec![NextSystem {
                roles: vec!["default".into()],
                generation: Some(3),
                path: "/nix/store/s3".into(),
                fstab: Some("/nix/store/s3/etc/fstab".into()),
                mounts,
                initrd: InitrdFacts {
                    members: vec!["cpio".into()],
                    complete: true,
                    ..Default::default()
                },
                luks: vec![],
                kernel: KernelFacts::default(),
            }],
            devices: DeviceView {
                under_root: false,
                links: usize::from(view) * 5,
                available: view,
            },
            problems: vec![],
            state_version: None,
            fallback: None,
            booted_system: None,
            history: None,
            running_kernel: None,
        }
    }

    const FSTAB: &str = "UUID=root / ext4 defaults 0 1\nUUID=ESP /boot vfat umask=0077 0 2\n\
        LABEL=data /data xfs defaults 0 2\nLABEL=usb /mnt/usb ext4 nofail 0 2\n\
        PARTUUID=swap none swap defaults 0 0\n";

    fn eval(f: NextbootFacts) -> Vec<(&'static str, Priority)> {
        run_rules(RULES, &FactSet::new().with(f), Utc::now(), true)
            .iter()
            .map(|x| (x.id.as_str(), x.priority))
            .collect()
    }

    #[test]
    fn boot_device_missing_for_root_boot_and_luks_only() {
        assert!(eval(facts(FSTAB, &[], true)).is_empty());
        let out = eval(facts(FSTAB, &["UUID=root", "UUID=ESP"], true));
        assert_eq!(
            out,
            vec![
                ("nextboot.boot-device-missing", Priority::P0),
                ("nextboot.boot-device-missing", Priority::P0)
            ]
        );
        let mut f = facts(FSTAB, &[], true);
        f.systems[0].luks = vec![LuksDevice {
            name: "cryptroot".into(),
            device: present(device_ref("/dev/disk/by-uuid/L").unwrap(), false),
            source: "etc/crypttab".into(),
            optional: false,
        }];
        assert_eq!(
            eval(f.clone()),
            vec![("nextboot.boot-device-missing", Priority::P0)]
        );
        f.systems[0].luks[0].optional = true;
        assert!(eval(f).is_empty());
    }

    #[test]
    fn device_missing_for_other_mounts_and_swap_not_nofail() {
        let out = eval(facts(FSTAB, &["LABEL=data", "LABEL=usb"], true));
        assert_eq!(out, vec![("nextboot.device-missing", Priority::P1)]);
        let out = eval(facts(FSTAB, &["PARTUUID=swap"], true));
        assert_eq!(out, vec![("nextboot.device-missing", Priority::P1)]);
    }

    #[test]
    fn devices_unverified_without_a_device_view_or_with_an_initrd_not_read() {
        let out = eval(facts(FSTAB, &["UUID=root"], false));
        assert_eq!(out, vec![("nextboot.devices-unverified", Priority::Info)]);
        let mut f = facts(FSTAB, &[], true);
        f.systems[0].initrd.file = Some("/nix/store/i-initrd-linux-6.6.8/initrd".into());
        // A zstd initrd read to its end is judged like a cpio one: nothing to say.
        f.systems[0].initrd.members = vec!["cpio".into(), "zstd".into()];
        f.systems[0].initrd.complete = true;
        assert!(eval(f.clone()).is_empty());
        // A bzip2 member is named, not read.
        f.systems[0].initrd.members = vec!["bzip2".into()];
        f.systems[0].initrd.complete = false;
        f.systems[0].initrd.note = Some("a bzip2 member after 0 bytes is not read".into());
        let all = run_rules(RULES, &FactSet::new().with(f.clone()), Utc::now(), true);
        assert_eq!(all.len(), 1);
        assert!(all[0].suggested_action.contains("bzip2 -dc"), "{all:?}");
        assert!(all[0].description.contains("does not read"), "{all:?}");
        // A zstd member over the decompression cap: an error, and the rebuild advice.
        f.systems[0].initrd.members = vec!["zstd".into()];
        f.systems[0].initrd.error = true;
        f.systems[0].initrd.note = Some("decompresses to more than the cap".into());
        let all = run_rules(RULES, &FactSet::new().with(f.clone()), Utc::now(), true);
        assert_eq!(all.len(), 1);
        assert!(all[0].suggested_action.contains("zstd -dc"), "{all:?}");
        assert!(all[0].suggested_action.contains("nixos-rebuild boot"));
        assert!(all[0].description.contains("could not be read"));
        // No initrd file at all (a container): nothing about the initrd.
        f.systems[0].initrd.file = None;
        assert!(eval(f).is_empty());
        // No references and a readable initrd: nothing to say.
        assert!(eval(facts("tmpfs / tmpfs mode=755 0 0\n", &[], false)).is_empty());
    }

    fn kernel(version: &str, trees: &[&str], wanted: Vec<WantedModule>) -> KernelFacts {
        KernelFacts {
            image: Some("/nix/store/k-linux-6.6.8/bzImage".into()),
            version: Some(version.into()),
            version_source: Some("bzImage header".into()),
            modules_path: Some("/nix/store/m-linux-6.6.8-modules".into()),
            module_trees: trees.iter().map(|t| t.to_string()).collect(),
            modules_dep: true,
            modules_builtin: true,
            wanted,
        }
    }

    #[test]
    fn kernel_modules_mismatch_when_no_tree_has_the_kernels_version() {
        let mut f = facts("", &[], true);
        f.systems[0].kernel = kernel("6.6.8", &["6.6.8"], vec![]);
        assert!(eval(f.clone()).is_empty());
        f.systems[0].kernel = kernel("6.6.8", &["6.6.1"], vec![]);
        assert_eq!(
            eval(f),
            vec![("nextboot.kernel-modules-mismatch", Priority::P1)]
        );
    }

    #[test]
    fn module_missing_p0_for_the_root_fs_p1_otherwise() {
        let want = |name: &str, root_fs: bool, found: Option<&str>| WantedModule {
            name: name.into(),
            reason: "x".into(),
            root_fs,
            found: found.map(String::from),
        };
        let mut f = facts("", &[], true);
        f.systems[0].kernel = kernel(
            "6.6.8",
            &["6.6.8"],
            vec![
                want("zfs", true, None),
                want("nvidia", false, None),
                want("ext4", false, Some("builtin")),
            ],
        );
        assert_eq!(
            eval(f.clone()),
            vec![
                ("nextboot.module-missing", Priority::P0),
                ("nextboot.module-missing", Priority::P1)
            ]
        );
        // Without modules.builtin, a built-in module would look missing: not judged.
        f.systems[0].kernel.modules_builtin = false;
        assert!(eval(f).is_empty());
    }
    fn with_state_version(v: &str) -> NextbootFacts {
        let mut f = facts(FSTAB, &[], true);
        f.state_version = Some(StateVersionFacts {
            files: vec!["/etc/nixos/configuration.nix".into()],
            bindings: vec![
                nixbtw_probes::probes::nextboot::stateversion::StateVersionBinding {
                    file: "/etc/nixos/configuration.nix".into(),
                    line: 12,
                    value: Some(v.into()),
                    expression: None,
                },
            ],
            complete: true,
            notes: vec![],
        });
        f
    }

    #[test]
    fn malformed_releases_are_not_known() {
        assert_eq!(release("24.05"), Some((24, 5)));
        assert_eq!(release("24.05.1234.abcdef"), Some((24, 5)));
        for bad in [
            ".", "..", "24.", ".05", "+24.05", "24.+5", "24", "", "24 .05", "99999.1",
        ] {
            assert_eq!(release(bad), None, "{bad:?}");
        }
    }

    fn host_release(v: &str) -> HostFacts {
        serde_json::from_value(serde_json::json!({
            "hostname": "h", "os_release": {"id": "nixos", "version_id": v}, "nixos": true,
            "wsl": false, "darwin": false, "nix": null, "has_store": true,
            "determinate_nixd": false, "multi_user": true, "kernel": null, "memory": null,
            "disks": [], "problems": [], "sources": []
        }))
        .unwrap()
    }

    fn changed(now: &str, before: Option<&str>) -> Vec<Finding> {
        let facts = FactSet::new().with(with_state_version(now));
        let prev = before.map(|b| FactSet::new().with(with_state_version(b)));
        let t = crate::rules::Thresholds::default();
        let cx = RuleContext {
            facts: &facts,
            thresholds: &t,
            now: Utc::now(),
            live: true,
            releases: crate::rules::releases::releases(),
            previous: prev.as_ref(),
        };
        let mut out = vec![];
        state_version_changed(&cx, &mut out);
        out
    }

    #[test]
    fn state_version_changed_against_the_previous_audit_only() {
        let out = changed("24.05", Some("23.11"));
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].priority, Priority::P1);
        assert!(out[0].title.contains("from 23.11 to 24.05"));
        assert!(out[0]
            .suggested_action
            .code()
            .any(|c| c == "system.stateVersion = \"23.11\";"));
        assert!(changed("24.05", Some("24.05")).is_empty());
        // No previous audit (the first judgement): nothing.
        assert!(changed("24.05", None).is_empty());
        assert!(eval(with_state_version("24.05")).is_empty());
    }

    #[test]
    fn state_version_ahead_of_the_running_release() {
        let run = |sv: &str, rel: &str| {
            run_rules(
                &[rule!(NextbootStateVersionAhead => state_version_ahead)],
                &FactSet::new()
                    .with(with_state_version(sv))
                    .with(host_release(rel)),
                Utc::now(),
                true,
            )
        };
        let out = run("24.11", "24.05");
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].priority, Priority::P2);
        assert!(run("24.05", "24.05").is_empty());
        assert!(run("23.11", "24.05").is_empty());
        assert!(run("25.05", "24.11.20241201.abcdef").len() == 1);
        assert!(run("weird", "24.05").is_empty());
    }

    #[test]
    fn fallback_never_booted_only_when_the_journal_covers_it_and_never_saw_it() {
        use chrono::TimeZone;
        use nixbtw_probes::probes::nextboot::history::{BootHistory, BootedSystem, Fallback};
        let t = |d: u32| {
            Utc.with_ymd_and_hms(2026, 11, d, 12, 0, 0)
                .single()
                .unwrap()
        };
        let mut f = facts("", &[], true);
        f.fallback = Some(Fallback {
            generation: 2,
            link: "/nix/var/nix/profiles/system-2-link".into(),
            path: "/nix/store/s2".into(),
            created: Some(t(10)),
        });
        f.booted_system = Some("/nix/store/s1".into());
        let booted = |path: &str| BootedSystem {
            path: path.into(),
            boots: 4,
            last_boot_id: Some("b".into()),
            last: Some(t(20)),
        };
        f.history = Some(BootHistory {
            command: "journalctl ...".into(),
            oldest_entry: Some(t(1)),
            boots: 4,
            systems: vec![booted("/nix/store/s1")],
            complete: true,
            note: None,
        });
        let all = run_rules(RULES, &FactSet::new().with(f.clone()), Utc::now(), true);
        assert_eq!(
            all.iter()
                .map(|x| (x.id.as_str(), x.priority))
                .collect::<Vec<_>>(),
            vec![("nextboot.fallback-never-booted", Priority::P2)]
        );
        assert!(all[0].title.contains("generation 2"), "{}", all[0].title);
        assert!(all[0].suggested_action.contains("nixos-generation-2.conf"));
        assert!(all[0].evidence[0].excerpt[2].contains("4 boots"));
        // Seen booting: nothing.
        let mut seen = f.clone();
        seen.history
            .as_mut()
            .unwrap()
            .systems
            .push(booted("/nix/store/s2"));
        assert!(eval(seen).is_empty());
        // It is the booted system: nothing.
        let mut running = f.clone();
        running.booted_system = Some("/nix/store/s2".into());
        assert!(eval(running).is_empty());
        // The journal starts after it was created: it may have booted unseen.
        let mut short = f.clone();
        short.history.as_mut().unwrap().oldest_entry = Some(t(11));
        assert!(eval(short).is_empty());
        // A journal with no stage-2 line at all, or a read that did not finish: no judgement.
        let mut silent = f.clone();
        silent.history.as_mut().unwrap().boots = 0;
        assert!(eval(silent).is_empty());
        let mut partial = f.clone();
        partial.history.as_mut().unwrap().complete = false;
        assert!(eval(partial).is_empty());
        let mut none = f;
        none.fallback = None;
        assert!(eval(none).is_empty());
    }
}
