//! `generations.*`: system generations, what is current and booted, rollback, pile-up,
//! imperative profiles and home-manager generations.

use chrono::{DateTime, Utc};
use nixbtw_contracts::prose::{lit, sh};
use serde::Deserialize;

use nixbtw_contracts::text::{human_bytes, human_bytes_or_unknown};
use nixbtw_contracts::{Finding, FindingId, Priority};
use nixbtw_probes::pkgdiff::{ChangeKind, PackageChange};
use nixbtw_probes::probes::generations::{
    self, GenerationDiff, GenerationsFacts, Profile, SystemState,
};
use nixbtw_probes::probes::nextboot::NextbootFacts;

use super::{finding, rule, Rule, RuleContext};

/// Thresholds of the `generations.*` checks.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct GenerationsThresholds {
    /// `generations.pile-up` over this many system generations.
    pub max_generations: usize,
    /// `generations.pile-up` when the oldest is over this many days old.
    pub max_age_days: i64,
    /// home-manager: P3 over this many generations.
    pub home_manager_max_generations: usize,
    /// home-manager: P3 when the oldest is over this many days old.
    pub home_manager_max_age_days: i64,
}

impl Default for GenerationsThresholds {
    fn default() -> Self {
        GenerationsThresholds {
            max_generations: 30,
            max_age_days: 90,
            home_manager_max_generations: 30,
            home_manager_max_age_days: 90,
        }
    }
}

fn day(t: Option<DateTime<Utc>>) -> String {
    t.map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string())
        .unwrap_or_else(|| "?".to_string())
}

fn oldest_age(p: &Profile, now: DateTime<Utc>) -> Option<i64> {
    p.generations
        .iter()
        .filter_map(|g| g.date)
        .min()
        .map(|d| (now - d).num_days())
}

/// The rules of this module, in evaluation order.
pub const RULES: &[Rule] = &[
    rule!(GenerationsSystem => system),
    rule!(GenerationsNoRollback => no_rollback),
    rule!(GenerationsBootedUnprotected => booted_unprotected),
    rule!(GenerationsPileUp => pile_up),
    rule!(GenerationsCurrentNotDefault => current_not_default),
    rule!(GenerationsRebootPending => reboot_pending),
    rule!(GenerationsImperativeProfile => imperative_profile),
    rule!(GenerationsHomeManager => home_manager),
    rule!(GenerationsHomeManagerBothModes => home_manager_both_modes),
    rule!(GenerationsSecurityDowngrade => security_downgrade),
];

/// The comparisons a reader cares about: previous → current (what the last switch changed)
/// and booted → current (what a reboot will change), when the facts have them.
pub fn key_diffs(g: &GenerationsFacts) -> Vec<(&'static str, &GenerationDiff)> {
    let mut out = Vec::new();
    let Some(sys) = &g.system else {
        return out;
    };
    let Some(cur) = g.current_generation else {
        return out;
    };
    let last = generations::diff_into(&sys.generations, &g.diffs, cur);
    if let Some(d) = last {
        out.push(("last switch", d));
    }
    let prev = sys.generations.iter().rev().find(|x| x.number < cur);
    if let Some(b) = g
        .booted_generation
        .filter(|&b| b != cur && Some(b) != prev.map(|x| x.number))
    {
        if let Some(d) = g.diffs.iter().find(|d| d.from == b && d.to == cur) {
            out.push(("booted → current", d));
        }
    }
    out
}

/// `generations.security-downgrade`: previous → current or booted → current downgrades a
/// security-relevant package (kernel, glibc, openssl, openssh, systemd, nix, sudo).
pub fn security_downgrade(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    let Some(g) = cx.facts.get::<GenerationsFacts>() else {
        return;
    };
    let mut seen = std::collections::BTreeSet::new();
    for (what, d) in key_diffs(g) {
        for c in &d.changes {
            let Some(family) = c.security.as_deref() else {
                continue;
            };
            if c.kind != ChangeKind::Downgraded || !seen.insert(c.pname.clone()) {
                continue;
            }
            let change = c.short();
            out.push(
                finding(FindingId::GenerationsSecurityDowngrade, &c.pname)
                    .title(format!(
                        "{change}: generation {} downgrades {family} ({what})",
                        d.to
                    ))
                    .file("/nix/var/nix/profiles/system")
                    .description(format!(
                        "Generation {} runs an older {} than generation {} did ({}). \
                         An older {family} can bring back vulnerabilities fixed since; a \
                         downgrade usually comes from switching to an older nixpkgs (a flake \
                         input rolled back, or a rollback to an old generation).",
                        d.to,
                        lit(&c.pname),
                        d.from,
                        lit(&change)
                    ))
                    .evidence(
                        "/nix/var/nix/profiles/system",
                        vec![format!("{}  generation {} → {}", change, d.from, d.to)],
                    )
                    .action(
                        "Check why nixpkgs went back (`nix flake metadata`, `git log flake.lock`); \
                         update it and `nixos-rebuild switch`, or pin the package explicitly if \
                         the downgrade is deliberate.",
                    )
                    .build(),
            );
        }
    }
}

/// Evidence lines of a package diff: the changes, security-relevant and selected first.
pub fn diff_lines(d: &GenerationDiff, max: usize) -> Vec<String> {
    let mut changes: Vec<&PackageChange> = d.changes.iter().collect();
    changes.sort_by_key(|c| (c.security.is_none(), !c.selected, c.kind, c.pname.clone()));
    let mut lines: Vec<String> = changes
        .iter()
        .take(max)
        .map(|c| {
            let delta = c.delta();
            let sign = if delta < 0 { "-" } else { "+" };
            let mut s = format!("{}  {sign}{}", c.short(), human_bytes(delta.unsigned_abs()));
            if c.selected {
                s.push_str("  [selected]");
            }
            if let Some(f) = &c.security {
                s.push_str(&format!("  [security: {f}]"));
            }
            s
        })
        .collect();
    if changes.len() > max {
        lines.push(format!("… and {} more", changes.len() - max));
    }
    lines
}

/// `generations.system`: always on NixOS, every system generation and which is which.
pub fn system(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    let Some(g) = cx.facts.get::<GenerationsFacts>() else {
        return;
    };
    let Some(sys) = &g.system else {
        return;
    };
    system_of(g, sys, out);
}

/// `generations.no-rollback`: a single system generation, nothing to roll back to.
pub fn no_rollback(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    let Some(g) = cx.facts.get::<GenerationsFacts>() else {
        return;
    };
    let Some(sys) = &g.system else {
        return;
    };
    let n = sys.generations.len();
    if n == 1 {
        out.push(
            finding(FindingId::GenerationsNoRollback, &sys.link)
                .title("Only one system generation: nothing to roll back to")
                .file(&sys.link)
                .description(
                    "The system profile holds a single generation. If the next switch \
                     breaks boot or networking there is no known-good generation in the boot \
                     menu or for `nixos-rebuild switch --rollback`.",
                )
                .evidence(&sys.link, sys.generations.iter().map(|g| g.link.clone()).collect())
                .action("Keep a few generations: use `--delete-older-than 14d` rather than `-d`, and `boot.loader.*.configurationLimit = 10`.")
                .build(),
        );
    }
}

/// `generations.booted-unprotected`: the booted system is not a generation of the system
/// profile any more (its generation was deleted): no boot entry leads back to it, and once the
/// host reboots, `/run/booted-system` no longer keeps it from the GC (Nix issue 1095).
pub fn booted_unprotected(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    let Some(g) = cx.facts.get::<GenerationsFacts>() else {
        return;
    };
    let (Some(sys), Some(booted)) = (&g.system, &g.booted_system) else {
        return;
    };
    if g.booted_generation.is_some()
        || sys
            .generations
            .iter()
            .any(|x| x.target.as_deref() == Some(booted.path.as_str()))
    {
        return;
    }
    out.push(
        finding(FindingId::GenerationsBootedUnprotected, &booted.path)
            .title("The booted system is no longer a generation: no way back after the next reboot")
            .file("/run/booted-system")
            .description(format!(
                "/run/booted-system is {}, and no generation of {} points at it any more (it \
                 was deleted, e.g. by `nix-collect-garbage -d`). It is the last system known to \
                 boot on this hardware, yet the boot menu has no entry for it, and after the \
                 next reboot nothing keeps it from the GC. If the new generation does not come \
                 up, there is nothing proven to fall back to.",
                lit(&booted.path),
                lit(&sys.link)
            ))
            .evidence(
                "readlink",
                std::iter::once(format!("/run/booted-system -> {}", booted.path))
                    .chain(sys.generations.iter().rev().take(5).map(|x| {
                        format!(
                            "{} -> {}",
                            x.link,
                            x.target.as_deref().unwrap_or("?")
                        )
                    }))
                    .collect(),
            )
            .action(format!(
                "Make it a generation again before rebooting: `sudo nix-env -p {link} --set {path}`, \
                 then `sudo nix-env -p {link} --set <the default generation's store path>` so the \
                 default stays, and `sudo {link}/bin/switch-to-configuration boot` for the boot \
                 entries. Prune with `--delete-older-than`, never `-d`, while a reboot is pending.",
                link = sh(&sys.link),
                path = sh(&booted.path)
            ))
            .build(),
    );
}

/// `generations.pile-up`: too many system generations, or too old ones.
pub fn pile_up(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    let Some(g) = cx.facts.get::<GenerationsFacts>() else {
        return;
    };
    let Some(sys) = &g.system else {
        return;
    };
    let t = &cx.thresholds.generations;
    let n = sys.generations.len();
    let age = oldest_age(sys, cx.now);
    if n > t.max_generations || age.is_some_and(|a| a > t.max_age_days) {
        out.push(
            finding(FindingId::GenerationsPileUp, &sys.link)
                .title(format!(
                    "{n} system generations, oldest {} days old",
                    age.unwrap_or(0)
                ))
                .file(&sys.link)
                .description(format!(
                    "Old system generations keep their whole closure (kernels, initrds, \
                     every package of that era) in the store and, with systemd-boot, an \
                     entry in /boot. Limits: {} generations, {} days.",
                    t.max_generations, t.max_age_days
                ))
                .evidence(
                    &sys.link,
                    vec![
                        format!("generations: {n}"),
                        format!("oldest: {}", day(sys.generations.first().and_then(|g| g.date))),
                    ],
                )
                .action("`sudo nix-collect-garbage --delete-older-than 30d`, then `sudo /run/current-system/bin/switch-to-configuration boot` to prune boot entries; set `nix.gc.automatic`.")
                .build(),
        );
    }
}

/// `generations.current-not-default`: the running system is not the profile's default.
pub fn current_not_default(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    let Some(g) = cx.facts.get::<GenerationsFacts>() else {
        return;
    };
    let Some(sys) = &g.system else {
        return;
    };
    if let (Some(cur), Some(def)) = (&g.current_system, sys.current) {
        let def_target = sys
            .generations
            .iter()
            .find(|x| x.number == def)
            .and_then(|x| x.target.clone());
        if def_target.as_deref().is_some_and(|d| d != cur.path) {
            out.push(
                finding(FindingId::GenerationsCurrentNotDefault, &cur.link)
                    .title("Running system is not the profile's default generation")
                    .file("/run/current-system")
                    .description(format!(
                        "/run/current-system is {} but the system profile's default \
                         (generation {def}) is {}. It was activated with `nixos-rebuild test` \
                         or by hand, and will not survive a reboot.",
                        lit(&cur.path),
                        lit(def_target.as_deref().unwrap_or("?"))
                    ))
                    .evidence(
                        "readlink",
                        vec![
                            format!("/run/current-system -> {}", cur.path),
                            format!("{} -> generation {def}", sys.link),
                        ],
                    )
                    .action("Make it permanent with `sudo nixos-rebuild switch` (or `boot`), or reboot into the default on purpose.")
                    .build(),
            );
        }
    }
}

/// `generations.reboot-pending`: booted and current systems differ in kernel, initrd or
/// modules.
pub fn reboot_pending(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    let Some(g) = cx.facts.get::<GenerationsFacts>() else {
        return;
    };
    if let (Some(cur), Some(boot)) = (&g.current_system, &g.booted_system) {
        let next = cx.facts.get::<NextbootFacts>();
        out.extend(reboot_pending_of(cur, boot).map(|f| with_next_boot(f, next)));
    }
}

/// The reboot-pending finding and the `nextboot.*` checks tell one story: what the reboot
/// changes, and whether the next boot will come up. This adds the second half, from the
/// nextboot probe's facts: what the next boot starts and what it needs.
fn with_next_boot(mut f: Finding, next: Option<&NextbootFacts>) -> Finding {
    let Some(s) = next.and_then(NextbootFacts::next) else {
        f.suggested_action = format!(
            "{} Before rebooting, check that the next boot's devices exist (`cat \
             /nix/var/nix/profiles/system/etc/fstab`, `ls /dev/disk/by-uuid`).",
            f.suggested_action
        )
        .into();
        return f;
    };
    let devices: Vec<_> = s.mounts.iter().filter_map(|m| m.device.as_ref()).collect();
    let luks = s.luks.len();
    // Only what the boot cannot go on without: nofail, noauto and automounts are optional.
    let missing = s
        .mounts
        .iter()
        .filter(|m| !m.optional())
        .filter_map(|m| m.device.as_ref())
        .chain(s.luks.iter().filter(|l| !l.optional).map(|l| &l.device))
        .filter(|d| d.present == Some(false))
        .count();
    let unjudged = devices
        .iter()
        .copied()
        .chain(s.luks.iter().map(|l| &l.device))
        .filter(|d| d.present.is_none())
        .count();
    let k = &s.kernel;
    let absent_modules: Vec<&str> = if k.modules_dep && k.modules_builtin {
        k.wanted
            .iter()
            .filter(|w| w.found.is_none())
            .map(|w| w.name.as_str())
            .collect()
    } else {
        Vec::new()
    };
    let mut lines = vec![format!(
        "starts: {}{}",
        s.generation
            .map(|g| format!("generation {g}, "))
            .unwrap_or_default(),
        s.path
    )];
    lines.push(format!(
        "kernel {}: modules tree {}",
        k.version.as_deref().unwrap_or("?"),
        match &k.version {
            Some(v) if k.module_trees.contains(v) => "present".to_string(),
            Some(_) => format!("missing (has {})", k.module_trees.join(", ")),
            None => "not judged".to_string(),
        }
    ));
    lines.push(format!(
        "devices: {} in fstab, {luks} LUKS; {missing} needed and missing, {unjudged} not \
         compared",
        devices.len()
    ));
    if !k.wanted.is_empty() {
        lines.push(format!(
            "modules wanted: {}; missing: {}",
            k.wanted.len(),
            if absent_modules.is_empty() {
                "none".to_string()
            } else {
                absent_modules.join(", ")
            }
        ));
    }
    if let Some(r) = next.and_then(|n| n.running_kernel.as_ref()) {
        lines.push(format!(
            "running kernel {}: modules {} ({})",
            r.release,
            if r.present { "still reachable" } else { "gone" },
            r.modules_path
        ));
        if !r.present {
            f.description = format!(
                "{} The running kernel's modules ({}) are gone: a module not loaded yet (a \
                 new USB device, a file system, a netfilter module) cannot load until the \
                 reboot.",
                f.description,
                lit(&r.modules_path)
            )
            .into();
        }
    }
    let trouble = missing > 0 || !absent_modules.is_empty();
    f.evidence.push(nixbtw_contracts::Evidence {
        source: "what the next boot needs (nextboot probe)".to_string(),
        excerpt: lines,
        chart: None,
    });
    f.suggested_action = if trouble {
        "Do not reboot yet: the next boot is missing what it needs (see the nextboot.* \
         findings of this report). Fix those, `sudo nixos-rebuild boot`, audit again, then \
         reboot."
            .into()
    } else {
        format!(
            "{} The nextboot checks found its devices and modules{}.",
            f.suggested_action,
            if unjudged > 0 {
                " as far as they could compare them (see nextboot.devices-unverified)"
            } else {
                ""
            }
        )
        .into()
    };
    f
}

/// `generations.imperative-profile`: packages installed with nix-env -i / nix profile install.
pub fn imperative_profile(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    let Some(g) = cx.facts.get::<GenerationsFacts>() else {
        return;
    };
    for p in &g.profiles {
        if p.is_home_manager() || matches!(p.name.as_str(), "system" | "channels") {
            continue;
        }
        let Some(m) = &p.manifest else { continue };
        if m.packages.is_empty() {
            continue;
        }
        let tool = if m.file.ends_with(".json") {
            "nix profile install"
        } else {
            "nix-env -i"
        };
        out.push(
            finding(FindingId::GenerationsImperativeProfile, &p.link)
                .title(format!(
                    "{}'s profile `{}` holds {}",
                    p.owner,
                    p.name,
                    nixbtw_contracts::text::count_of(
                        m.packages.len(),
                        "imperatively installed package",
                        "imperatively installed packages"
                    )
                ))
                .file(&m.file)
                .description(format!(
                    "Packages installed with `{tool}` live outside the declarative \
                     configuration: they are not rebuilt, not updated with the system and not \
                     reproducible on another host."
                ))
                .evidence(&m.file, m.packages.iter().take(30).cloned().collect())
                .action(format!(
                    "Move them into `environment.systemPackages` or home-manager's \
                     `home.packages`, then remove them (`{}`).",
                    if tool == "nix-env -i" {
                        format!("nix-env -p {} -e '.*'", sh(&p.link))
                    } else {
                        format!("nix profile remove --profile {} --all", sh(&p.link))
                    }
                ))
                .build(),
        );
    }
}

/// `generations.home-manager-both-modes`: a user with a standalone home-manager profile whom
/// the system's home-manager module manages too (`home-manager-<user>.service`).
pub fn home_manager_both_modes(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    let Some(g) = cx.facts.get::<GenerationsFacts>() else {
        return;
    };
    for u in &g.home_manager_units {
        let Some(p) = g
            .profiles
            .iter()
            .find(|p| p.is_home_manager() && p.owner == u.user)
        else {
            continue;
        };
        out.push(
            finding(FindingId::GenerationsHomeManagerBothModes, &u.user)
                .title(format!(
                    "home-manager ({}): standalone profile and NixOS module both manage this user",
                    u.user
                ))
                .file(&p.link)
                .description(format!(
                    "{} has a standalone home-manager profile ({}, {}) and the system's \
                     home-manager module manages the same user ({}). Each activation links the \
                     home files of its own generation and removes the other's: which \
                     configuration is in effect depends on which ran last (a `home-manager \
                     switch` or the next boot's {}), and a file one of them still expects can \
                     vanish. The guide calls the mode sticky: pick one.",
                    lit(&u.user),
                    lit(&p.link),
                    nixbtw_contracts::text::count_of(
                        p.generations.len(),
                        "generation",
                        "generations"
                    ),
                    lit(&u.unit),
                    lit(format!("home-manager-{}.service", u.user)),
                ))
                .evidence(
                    "home-manager",
                    vec![
                        format!("standalone: {} (current {:?})", p.link, p.current),
                        format!("NixOS module: {}", u.unit),
                    ],
                )
                .action(format!(
                    "Keep one mode. For the NixOS module: move the standalone configuration into \
                     `home-manager.users.{0}`, then as {0} remove the standalone profile \
                     (`nix profile remove home-manager-path` or `nix-env -e home-manager-path`, \
                     and delete {1}). For standalone: drop `home-manager.users.{0}` from the \
                     system configuration and `sudo nixos-rebuild switch`.",
                    u.user,
                    sh(&p.link)
                ))
                .build(),
        );
    }
}

/// The diff of a home-manager profile's last switch: the generation before its current one →
/// current (the newest when the profile link is unreadable).
pub fn home_manager_last_switch(p: &Profile) -> Option<&GenerationDiff> {
    let cur = p
        .current
        .or_else(|| p.generations.iter().map(|g| g.number).max())?;
    generations::diff_into(&p.generations, &p.diffs, cur)
}

/// How many home-manager generations the finding lists (newest first).
const HOME_MANAGER_LISTED: usize = 10;

/// `generations.home-manager`: home-manager generations per user (P3 when too many or old),
/// each with its closure and what only it keeps alive, and what the last switch changed. A
/// security-relevant downgrade there is named in the title, not raised: it reaches the
/// user's own tools, not the system's services (`generations.security-downgrade` is the
/// system's).
pub fn home_manager(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    let Some(g) = cx.facts.get::<GenerationsFacts>() else {
        return;
    };
    let t = &cx.thresholds.generations;
    for p in g.profiles.iter().filter(|p| p.is_home_manager()) {
        let n = p.generations.len();
        let age = oldest_age(p, cx.now);
        let over = n > t.home_manager_max_generations
            || age.is_some_and(|a| a > t.home_manager_max_age_days);
        let newest = p.generations.iter().filter_map(|g| g.date).max();
        let oldest = p.generations.iter().filter_map(|g| g.date).min();
        let last = home_manager_last_switch(p);
        let downgrades: Vec<String> = last
            .map(|d| {
                d.changes
                    .iter()
                    .filter(|c| c.security.is_some() && c.kind == ChangeKind::Downgraded)
                    .map(PackageChange::short)
                    .collect()
            })
            .unwrap_or_default();
        let mut title = format!(
            "home-manager ({}): {}",
            p.owner,
            nixbtw_contracts::text::count_of(n, "generation", "generations")
        );
        if !downgrades.is_empty() {
            title.push_str(&format!(
                "; last switch downgrades {}",
                downgrades.join(", ")
            ));
        }
        let mut listed: Vec<String> = p
            .generations
            .iter()
            .rev()
            .take(HOME_MANAGER_LISTED)
            .map(|x| {
                let size = human_bytes_or_unknown;
                format!(
                    "{:>4}  {}  home-manager {}  closure {}, only it {}{}",
                    x.number,
                    day(x.date),
                    x.hm_version.as_deref().unwrap_or("?"),
                    size(x.closure_bytes),
                    size(x.exclusive_bytes),
                    if p.current == Some(x.number) {
                        "  [current]"
                    } else {
                        ""
                    }
                )
            })
            .collect();
        if n > HOME_MANAGER_LISTED {
            listed.push(format!("… and {} older", n - HOME_MANAGER_LISTED));
        }
        let security_note = if downgrades.is_empty() {
            String::new()
        } else {
            format!(
                " The last switch downgraded {}: an older version of a security-relevant \
                 package in this user's own environment (the system's packages are not \
                 affected); check which nixpkgs the home configuration follows.",
                lit(downgrades.join(", "))
            )
        };
        out.push(
            finding(FindingId::GenerationsHomeManager, &p.owner)
                .priority(if over { Priority::P3 } else { Priority::Info })
                .title(title)
                .file(&p.link)
                .description(format!(
                    "{}'s home-manager profile has {n} generations (newest {}, oldest {}).{}{}",
                    lit(&p.owner),
                    day(newest),
                    day(oldest),
                    if over {
                        " Old generations keep their closures in the store."
                    } else {
                        ""
                    },
                    security_note
                ))
                .evidence(&p.link, listed)
                .evidence_each(last.map(|d| {
                    (
                        format!(
                            "last switch: generation {} → {} ({} → {})",
                            d.from,
                            d.to,
                            human_bytes(d.from_bytes),
                            human_bytes(d.to_bytes)
                        ),
                        diff_lines(d, 20),
                    )
                }))
                .action(if over {
                    "`home-manager expire-generations '-30 days'`, then `nix-collect-garbage`."
                } else {
                    "None; informational."
                })
                .build(),
        );
    }
}

fn system_of(g: &GenerationsFacts, sys: &Profile, out: &mut Vec<Finding>) {
    let lines: Vec<String> = sys
        .generations
        .iter()
        .rev()
        .map(|x| {
            let mut tags = Vec::new();
            if sys.current == Some(x.number) {
                tags.push("default");
            }
            if g.current_generation == Some(x.number) {
                tags.push("current");
            }
            if g.booted_generation == Some(x.number) {
                tags.push("booted");
            }
            format!(
                "{:>4}  {}  {}  kernel {}{}",
                x.number,
                day(x.date),
                x.label.as_deref().unwrap_or("-"),
                x.kernel.as_deref().unwrap_or("?"),
                if tags.is_empty() {
                    String::new()
                } else {
                    format!("  [{}]", tags.join(", "))
                }
            )
        })
        .collect();
    let n = sys.generations.len();
    out.push(
        finding(FindingId::GenerationsSystem, &sys.link)
            .title(format!(
                "{n} system generations; default {}, current {}, booted {}",
                opt(sys.current),
                opt(g.current_generation),
                opt(g.booted_generation)
            ))
            .file(&sys.link)
            .description(
                "System profile generations (newest first): date the generation was created, \
                 NixOS label and kernel; which is the profile's default, which is running \
                 (/run/current-system) and which was booted (/run/booted-system).",
            )
            .evidence(&sys.link, lines)
            .evidence_each(key_diffs(g).into_iter().map(|(what, d)| {
                (
                    format!(
                        "{what}: generation {} → {} ({} → {})",
                        d.from,
                        d.to,
                        human_bytes(d.from_bytes),
                        human_bytes(d.to_bytes)
                    ),
                    diff_lines(d, 20),
                )
            }))
            .action("None; informational.")
            .build(),
    );
}

fn opt(n: Option<u32>) -> String {
    n.map(|n| n.to_string()).unwrap_or_else(|| "?".into())
}

fn reboot_pending_of(cur: &SystemState, boot: &SystemState) -> Option<Finding> {
    let mut diffs = Vec::new();
    for (what, a, b) in [
        ("kernel", &boot.kernel, &cur.kernel),
        ("initrd", &boot.initrd, &cur.initrd),
        ("kernel-modules", &boot.kernel_modules, &cur.kernel_modules),
    ] {
        if a != b {
            diffs.push(format!(
                "{what}: booted {} -> current {}",
                a.as_deref().unwrap_or("-"),
                b.as_deref().unwrap_or("-")
            ));
        }
    }
    if diffs.is_empty() {
        return None;
    }
    Some(
        finding(FindingId::GenerationsRebootPending, "/run/booted-system")
            .title("Reboot pending: the running kernel is not the current system's")
            .file("/run/booted-system")
            .description(
                "The booted system and the current system differ in kernel, initrd or kernel \
                 modules. The new kernel is not running yet, and loading a module can fail \
                 because the running kernel's modules are no longer in /run/current-system.",
            )
            .evidence("/run/booted-system vs /run/current-system", diffs)
            .action("Reboot when convenient (`systemctl reboot`).")
            .build(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::run_rules;
    use nixbtw_probes::probes::generations::{Generation, Manifest};
    use nixbtw_probes::FactSet;

    fn mkgen(n: u32, days: i64, now: DateTime<Utc>) -> Generation {
        Generation {
            number: n,
            link: format!("/nix/var/nix/profiles/system-{n}-link"),
            target: Some(format!("/nix/store/s{n}")),
            date: Some(now - chrono::Duration::days(days)),
            label: Some("NixOS 25.05".into()),
            kernel: Some("6.6.1".into()),
            ..Default::default()
        }
    }

    fn state(p: &str, k: &str) -> SystemState {
        SystemState {
            link: "/run/current-system".into(),
            path: p.into(),
            kernel: Some(k.into()),
            initrd: Some("i".into()),
            kernel_modules: Some("m".into()),
        }
    }

    fn facts(n: u32, oldest_days: i64, now: DateTime<Utc>) -> GenerationsFacts {
        let gens = (1..=n)
            .map(|i| mkgen(i, oldest_days - i64::from(i) + 1, now))
            .collect();
        GenerationsFacts {
            nixos: true,
            system: Some(Profile {
                owner: "root".into(),
                name: "system".into(),
                link: "/nix/var/nix/profiles/system".into(),
                current: Some(n),
                generations: gens,
                manifest: None,
                diffs: Vec::new(),
            }),
            current_system: Some(state(&format!("/nix/store/s{n}"), "k")),
            booted_system: Some(state(&format!("/nix/store/s{n}"), "k")),
            current_generation: Some(n),
            booted_generation: Some(n),
            ..Default::default()
        }
    }

    fn eval(g: GenerationsFacts, now: DateTime<Utc>) -> Vec<&'static str> {
        let out = run_rules(RULES, &FactSet::new().with(g), now, true);
        out.iter().map(|f| f.id.as_str()).collect()
    }

    fn change(pname: &str, kind: ChangeKind, old: &str, new: &str) -> PackageChange {
        PackageChange {
            pname: pname.into(),
            kind,
            old: vec![Some(old.into())],
            new: vec![Some(new.into())],
            old_bytes: 100,
            new_bytes: 90,
            selected: false,
            security: nixbtw_probes::pkgname::security_family(pname).map(String::from),
        }
    }

    fn with_diff(
        mut g: GenerationsFacts,
        from: u32,
        to: u32,
        c: Vec<PackageChange>,
    ) -> GenerationsFacts {
        g.diffs.push(GenerationDiff {
            from,
            to,
            from_bytes: 1,
            to_bytes: 1,
            changes: c,
        });
        g
    }

    #[test]
    fn security_downgrade_on_the_last_switch_or_the_next_reboot() {
        let now = Utc::now();
        let down = change("openssl", ChangeKind::Downgraded, "3.3.2", "3.0.14");
        let out = run_rules(
            RULES,
            &FactSet::new().with(with_diff(facts(3, 5, now), 2, 3, vec![down.clone()])),
            now,
            true,
        );
        let f = out
            .iter()
            .find(|f| f.id == FindingId::GenerationsSecurityDowngrade)
            .expect("raised");
        assert!(f.title.contains("openssl 3.3.2 → 3.0.14"), "{}", f.title);
        assert!(f.title.contains("last switch"));
        // booted 1, current 3: what a reboot changes.
        let mut g = with_diff(facts(3, 5, now), 1, 3, vec![down.clone()]);
        g.booted_generation = Some(1);
        assert!(eval(g, now).contains(&"generations.security-downgrade"));
        // The system shows both comparisons as evidence.
        let sys = out
            .iter()
            .find(|f| f.id == FindingId::GenerationsSystem)
            .expect("system");
        assert!(sys.evidence[1]
            .source
            .starts_with("last switch: generation 2 → 3"));
        assert!(sys.evidence[1].excerpt[0].contains("[security: openssl]"));
    }

    #[test]
    fn security_downgrade_not_for_upgrades_other_packages_or_old_pairs() {
        let now = Utc::now();
        let up = change("openssl", ChangeKind::Upgraded, "3.0.14", "3.3.2");
        let other = change("nano", ChangeKind::Downgraded, "8.2", "8.1");
        let g = with_diff(facts(3, 5, now), 2, 3, vec![up, other]);
        assert!(!eval(g, now).contains(&"generations.security-downgrade"));
        // A downgrade between two older generations is history, not the running system.
        let down = change("linux", ChangeKind::Downgraded, "6.6.8", "6.6.1");
        let g = with_diff(facts(3, 5, now), 1, 2, vec![down]);
        assert!(!eval(g, now).contains(&"generations.security-downgrade"));
    }

    #[test]
    fn system_alone_on_a_healthy_host() {
        let now = Utc::now();
        assert_eq!(eval(facts(5, 20, now), now), vec!["generations.system"]);
        let not_nixos = GenerationsFacts::default();
        assert!(eval(not_nixos, now).is_empty());
    }

    #[test]
    fn no_rollback_with_one_generation_only() {
        let now = Utc::now();
        assert!(eval(facts(1, 1, now), now).contains(&"generations.no-rollback"));
        assert!(!eval(facts(2, 1, now), now).contains(&"generations.no-rollback"));
    }

    #[test]
    fn booted_unprotected_when_no_generation_points_at_the_booted_system() {
        let now = Utc::now();
        let mut g = facts(3, 3, now);
        assert!(!eval(g.clone(), now).contains(&"generations.booted-unprotected"));
        g.booted_system = Some(state("/nix/store/gone", "old-kernel"));
        g.booted_generation = None;
        assert!(eval(g.clone(), now).contains(&"generations.booted-unprotected"));
        // Not live (no /run/booted-system): nothing to judge.
        g.booted_system = None;
        assert!(!eval(g, now).contains(&"generations.booted-unprotected"));
    }

    #[test]
    fn pile_up_over_30_generations_or_90_days_only() {
        let now = Utc::now();
        assert!(eval(facts(31, 31, now), now).contains(&"generations.pile-up"));
        assert!(eval(facts(3, 91, now), now).contains(&"generations.pile-up"));
        assert!(!eval(facts(30, 89, now), now).contains(&"generations.pile-up"));
    }

    #[test]
    fn reboot_pending_when_the_booted_kernel_differs_only() {
        let now = Utc::now();
        let mut g = facts(3, 3, now);
        g.booted_system = Some(state("/nix/store/s2", "old-kernel"));
        assert!(eval(g.clone(), now).contains(&"generations.reboot-pending"));
        g.booted_system = Some(state("/nix/store/s2", "k"));
        assert!(!eval(g, now).contains(&"generations.reboot-pending"));
    }

    #[test]
    fn reboot_pending_tells_what_the_next_boot_needs() {
        use nixbtw_probes::probes::nextboot::{parse_fstab, NextSystem};
        let now = Utc::now();
        let mut g = facts(3, 3, now);
        g.booted_system = Some(state("/nix/store/s2", "old-kernel"));
        let mut mounts = parse_fstab("UUID=a / ext4 defaults 0 1\n");
        if let Some(d) = mounts[0].device.as_mut() {
            d.present = Some(false);
        }
        let next = NextbootFacts {
            systems: vec![NextSystem {
                roles: vec!["default".into()],
                generation: Some(3),
                path: "/nix/store/s3".into(),
                mounts,
                ..Default::default()
            }],
            ..Default::default()
        };
        let out = run_rules(RULES, &FactSet::new().with(g.clone()).with(next), now, true);
        let f = out
            .iter()
            .find(|f| f.id == FindingId::GenerationsRebootPending)
            .unwrap();
        assert!(f
            .suggested_action
            .to_string()
            .starts_with("Do not reboot yet"));
        let ev = &f.evidence.last().unwrap().excerpt;
        assert!(ev.contains(
            &"devices: 1 in fstab, 0 LUKS; 1 needed and missing, 0 not compared".to_string()
        ));
        // Without nextboot facts, the action says how to check by hand.
        let out = run_rules(RULES, &FactSet::new().with(g), now, true);
        let f = out
            .iter()
            .find(|f| f.id == FindingId::GenerationsRebootPending)
            .unwrap();
        assert!(f.suggested_action.contains("/dev/disk/by-uuid"));
    }

    #[test]
    fn reboot_pending_says_whether_the_running_kernels_modules_are_still_there() {
        use nixbtw_probes::probes::nextboot::{NextSystem, RunningKernel};
        let now = Utc::now();
        let mut g = facts(3, 3, now);
        g.booted_system = Some(state("/nix/store/s2", "old-kernel"));
        let next = |present: bool| NextbootFacts {
            systems: vec![NextSystem {
                roles: vec!["default".into()],
                generation: Some(3),
                path: "/nix/store/s3".into(),
                ..Default::default()
            }],
            running_kernel: Some(RunningKernel {
                release: "6.6.1".into(),
                modules_path: "/run/booted-system/kernel-modules/lib/modules/6.6.1".into(),
                present,
            }),
            ..Default::default()
        };
        let pending = |n: NextbootFacts| {
            run_rules(RULES, &FactSet::new().with(g.clone()).with(n), now, true)
                .into_iter()
                .find(|f| f.id == FindingId::GenerationsRebootPending)
                .unwrap()
        };
        let gone = pending(next(false));
        assert!(gone.description.contains("modules"));
        assert!(gone.description.contains("cannot load until the reboot"));
        assert!(gone.evidence.last().unwrap().excerpt.contains(
            &"running kernel 6.6.1: modules gone (/run/booted-system/kernel-modules/lib/modules/6.6.1)"
                .to_string()
        ));
        let there = pending(next(true));
        assert!(!there.description.contains("cannot load until the reboot"));
        assert!(there
            .evidence
            .last()
            .unwrap()
            .excerpt
            .iter()
            .any(|l| l.starts_with("running kernel 6.6.1: modules still reachable")));
    }

    #[test]
    fn home_manager_both_modes_only_for_a_user_in_both() {
        use nixbtw_probes::probes::generations::HomeManagerUnit;
        let now = Utc::now();
        let mut g = facts(3, 3, now);
        g.profiles = vec![Profile {
            owner: "alice".into(),
            name: "home-manager".into(),
            link: "/home/alice/.local/state/nix/profiles/home-manager".into(),
            current: Some(2),
            generations: (1..=2).map(|i| mkgen(i, 5, now)).collect(),
            manifest: None,
            diffs: Vec::new(),
        }];
        assert!(!eval(g.clone(), now).contains(&"generations.home-manager-both-modes"));
        g.home_manager_units = vec![HomeManagerUnit {
            user: "bob".into(),
            unit: "/nix/store/s3/etc/systemd/system/home-manager-bob.service".into(),
        }];
        assert!(!eval(g.clone(), now).contains(&"generations.home-manager-both-modes"));
        g.home_manager_units.push(HomeManagerUnit {
            user: "alice".into(),
            unit: "/nix/store/s3/etc/systemd/system/home-manager-alice.service".into(),
        });
        let out = run_rules(RULES, &FactSet::new().with(g), now, true);
        let both: Vec<_> = out
            .iter()
            .filter(|f| f.id == FindingId::GenerationsHomeManagerBothModes)
            .collect();
        assert_eq!(both.len(), 1);
        assert_eq!(both[0].priority, Priority::P2);
        assert!(both[0].description.contains("home-manager-alice.service"));
        assert!(both[0]
            .description
            .contains(".local/state/nix/profiles/home-manager"));
        assert!(both[0]
            .suggested_action
            .contains("home-manager.users.alice"));
    }

    fn hm_profile(current: u32, n: u32, now: DateTime<Utc>) -> Profile {
        Profile {
            owner: "alice".into(),
            name: "home-manager".into(),
            link: "/home/alice/.local/state/nix/profiles/home-manager".into(),
            current: Some(current),
            generations: (1..=n)
                .map(|i| Generation {
                    hm_version: Some("25.05".into()),
                    closure_bytes: Some(1 << 20),
                    exclusive_bytes: Some(1 << 10),
                    ..mkgen(i, 5, now)
                })
                .collect(),
            manifest: None,
            diffs: Vec::new(),
        }
    }

    fn hm_diff(from: u32, to: u32, c: Vec<PackageChange>) -> GenerationDiff {
        GenerationDiff {
            from,
            to,
            from_bytes: 1 << 20,
            to_bytes: 1 << 20,
            changes: c,
        }
    }

    fn hm_finding(g: GenerationsFacts, now: DateTime<Utc>) -> Vec<Finding> {
        run_rules(RULES, &FactSet::new().with(g), now, true)
            .into_iter()
            .filter(|f| f.id == FindingId::GenerationsHomeManager)
            .collect()
    }

    #[test]
    fn home_manager_names_a_security_downgrade_of_its_last_switch_without_raising_it() {
        let now = Utc::now();
        let mut g = facts(3, 3, now);
        let mut p = hm_profile(3, 3, now);
        p.diffs = vec![
            hm_diff(
                1,
                2,
                vec![change("sudo", ChangeKind::Downgraded, "1.9.16", "1.9.15")],
            ),
            hm_diff(
                2,
                3,
                vec![
                    change("openssh", ChangeKind::Downgraded, "9.9p1", "9.8p1"),
                    change("ripgrep", ChangeKind::Upgraded, "14.1.0", "14.1.1"),
                ],
            ),
        ];
        g.profiles = vec![p];
        let out = hm_finding(g.clone(), now);
        assert_eq!(out.len(), 1);
        let f = &out[0];
        assert_eq!(f.priority, Priority::Info);
        assert_eq!(
            f.title,
            "home-manager (alice): 3 generations; last switch downgrades openssh 9.9p1 → 9.8p1"
        );
        assert!(f.description.contains("this user's own environment"));
        assert_eq!(f.evidence[0].excerpt.len(), 3);
        assert!(f.evidence[0].excerpt[0].starts_with("   3  "));
        assert!(f.evidence[0].excerpt[0]
            .contains("home-manager 25.05  closure 1.0 MiB, only it 1.0 KiB"));
        assert!(f.evidence[0].excerpt[0].ends_with("[current]"));
        assert_eq!(
            f.evidence[1].source,
            "last switch: generation 2 → 3 (1.0 MiB → 1.0 MiB)"
        );
        assert!(f.evidence[1].excerpt[0].starts_with("openssh 9.9p1 → 9.8p1"));
        // The system's rule does not see home-manager's changes.
        assert!(!eval(g, now).contains(&"generations.security-downgrade"));
    }

    #[test]
    fn home_manager_without_a_downgrade_or_a_compared_last_switch() {
        let now = Utc::now();
        let mut g = facts(3, 3, now);
        let mut p = hm_profile(2, 3, now);
        // Rolled back to 2: its last switch is 1 → 2 (an upgrade); 2 → 3's downgrade is not
        // in effect.
        p.diffs = vec![
            hm_diff(
                1,
                2,
                vec![change("openssh", ChangeKind::Upgraded, "9.8p1", "9.9p1")],
            ),
            hm_diff(
                2,
                3,
                vec![change("openssh", ChangeKind::Downgraded, "9.9p1", "9.8p1")],
            ),
        ];
        g.profiles = vec![p.clone()];
        let f = &hm_finding(g.clone(), now)[0];
        assert_eq!(f.title, "home-manager (alice): 3 generations");
        assert_eq!(f.priority, Priority::Info);
        assert!(f.evidence[1]
            .source
            .starts_with("last switch: generation 1 → 2"));
        assert!(f.evidence[0].excerpt[1].ends_with("[current]"));
        // No diffs in the facts (no Nix DB): the generations only.
        p.diffs.clear();
        g.profiles = vec![p];
        let f = &hm_finding(g, now)[0];
        assert_eq!(f.evidence.len(), 1);
    }

    #[test]
    fn home_manager_lists_the_newest_ten_generations() {
        let now = Utc::now();
        let mut g = facts(3, 3, now);
        g.profiles = vec![hm_profile(12, 12, now)];
        let f = &hm_finding(g, now)[0];
        let lines = &f.evidence[0].excerpt;
        assert_eq!(lines.len(), 11);
        assert!(lines[0].starts_with("  12  "));
        assert_eq!(lines[10], "… and 2 older");
    }

    #[test]
    fn current_not_default_when_another_system_runs_only() {
        let now = Utc::now();
        let mut g = facts(3, 3, now);
        assert!(!eval(g.clone(), now).contains(&"generations.current-not-default"));
        g.current_system = Some(state("/nix/store/other", "k"));
        assert!(eval(g, now).contains(&"generations.current-not-default"));
    }

    #[test]
    fn imperative_profile_and_home_manager() {
        let now = Utc::now();
        let mut g = facts(3, 3, now);
        let prof = |name: &str, pk: Vec<String>, n: u32| Profile {
            owner: "alice".into(),
            name: name.into(),
            link: format!("/home/alice/.local/state/nix/profiles/{name}"),
            current: Some(n),
            generations: (1..=n).map(|i| mkgen(i, 5, now)).collect(),
            manifest: Some(Manifest {
                file: "/nix/store/x/manifest.nix".into(),
                packages: pk,
            }),
            diffs: Vec::new(),
        };
        g.profiles = vec![
            prof("profile", vec!["hello-2.12".into()], 2),
            prof("channels", vec!["nixos".into()], 1),
            prof("empty", vec![], 1),
            prof("home-manager", vec![], 31),
        ];
        let ids = eval(g.clone(), now);
        assert_eq!(
            ids.iter()
                .filter(|i| **i == "generations.imperative-profile")
                .count(),
            1
        );
        let out = run_rules(RULES, &FactSet::new().with(g), now, true);
        let hm = out
            .iter()
            .find(|f| f.id == FindingId::GenerationsHomeManager)
            .unwrap();
        assert_eq!(hm.priority, Priority::P3);
    }

    #[test]
    fn imperative_profile_not_raised_without_packages() {
        let now = Utc::now();
        assert!(!eval(facts(3, 3, now), now).contains(&"generations.imperative-profile"));
    }

    #[test]
    fn home_manager_info_when_few_and_recent_absent_without_a_profile() {
        let now = Utc::now();
        let mut g = facts(3, 3, now);
        assert!(!eval(g.clone(), now).contains(&"generations.home-manager"));
        g.profiles = vec![Profile {
            owner: "alice".into(),
            name: "home-manager".into(),
            link: "/home/alice/.local/state/nix/profiles/home-manager".into(),
            current: Some(2),
            generations: (1..=2).map(|i| mkgen(i, 5, now)).collect(),
            manifest: None,
            diffs: Vec::new(),
        }];
        let out = run_rules(RULES, &FactSet::new().with(g), now, true);
        let hm = out
            .iter()
            .find(|f| f.id == FindingId::GenerationsHomeManager)
            .unwrap();
        assert_eq!(hm.priority, Priority::Info);
    }
}
