//! `nixconf.*`: who is trusted and what is accepted from where.
//!
//! Every finding names the `file:line` that set the value (or "Nix default"), and, on a live
//! host where Nix's own view (`nix config show`) differs from the files, says so: the files are
//! what survives a reboot, Nix's view is what runs now. Problems reading the files (illegal
//! lines, include cycles) become `error` rows; those Nix itself rejects are P1, because every
//! nix command fails until they are fixed.

use nixbtw_contracts::prose::{lit, sh};
use serde::Deserialize;

use nixbtw_contracts::{Finding, FindingId, FindingType, Priority, ProbeId};
use nixbtw_probes::probes::host::{HostFacts, NixFlavour};
use nixbtw_probes::probes::nixconf::{ConfProblemKind, NixconfFacts};
use nixbtw_probes::probes::store::StoreFacts;
use nixbtw_probes::probes::units::UnitsFacts;

use super::{bytes, finding, rule, Rule, RuleContext};

/// Thresholds of the `nixconf.*` checks.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct NixconfThresholds {
    /// `nixconf.no-auto-optimise` needs a store larger than this (bytes).
    pub optimise_store_bytes: u64,
}

impl Default for NixconfThresholds {
    fn default() -> Self {
        NixconfThresholds {
            optimise_store_bytes: 20 << 30,
        }
    }
}

/// Groups whose members are everyone or nearly everyone.
const BROAD_GROUPS: &[&str] = &["@users", "@everyone", "@staff", "@nogroup", "@nixbld"];

/// The store's size in bytes, from the `store` probe's facts when it ran. Read through its
/// JSON so this family does not depend on the store probe's types.
/// Total NAR size of the store, from the store probe.
fn store_bytes(cx: &RuleContext<'_>) -> Option<u64> {
    cx.facts.get::<StoreFacts>()?.nar_bytes
}

/// Whether a nix-optimise.timer exists, from the units probe (live manager or unit files);
/// unknown (treated as absent) when that probe did not run.
fn optimise_timer(cx: &RuleContext<'_>) -> bool {
    cx.facts
        .get::<UnitsFacts>()
        .and_then(|u| u.timer("nix-optimise"))
        .is_some_and(|t| t.present)
}

fn setting_lines(n: &NixconfFacts, name: &str, shown: &str) -> Vec<String> {
    let mut lines = vec![format!("{name} = {shown}  ({})", n.origin(name))];
    if let Some(m) = n
        .live
        .as_ref()
        .and_then(|l| l.mismatches.iter().find(|m| m.name == name))
    {
        lines.push(format!(
            "Nix itself reports `{}` ({}): the running configuration differs from the files",
            m.nix,
            n.live.as_ref().map_or("", |l| l.command.as_str())
        ));
    }
    lines
}

/// The rules of this module, in evaluation order.
pub const RULES: &[Rule] = &[
    rule!(AuditProbeError => problems),
    rule!(NixconfRequireSigsOff => require_sigs_off),
    rule!(NixconfSandboxOff => sandbox_off),
    rule!(NixconfTrustedUsersBroad => trusted_users_broad),
    rule!(NixconfSubstituterWithoutKey => substituter_without_key),
    rule!(NixconfInsecureSubstituter => insecure_substituter),
    rule!(NixconfAcceptFlakeConfig => accept_flake_config),
    rule!(NixconfFlakesDisabled => flakes_disabled),
    rule!(NixconfNoAutoOptimise => no_auto_optimise),
    rule!(NixconfBuildUsersGroupMissing => build_users_group_missing),
    rule!(NixconfDaemonStale => daemon_stale),
    rule!(NixconfRootEquivalentUsers => root_equivalent_users),
];

/// Groups whose members are expected to be root-equivalent anyway (they can `sudo`).
const ADMIN_GROUPS: &[&str] = &["@wheel", "@admin", "@sudo", "@root"];

/// Most users a finding names in its title.
const NAMED_IN_TITLE: usize = 5;

/// `nixconf.daemon-stale`: the running nix-daemon started before the newest change to
/// nix.conf or a file it includes, so what those files now say is not what the daemon applies
/// (the client reads the files anew; the daemon only at its start). Live only: under `--root`
/// there is no running daemon, and nothing is judged (the lane's evidence says so).
pub fn daemon_stale(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    if !cx.live {
        return;
    }
    let Some(n) = cx.facts.get::<NixconfFacts>() else {
        return;
    };
    let Some(d) = cx
        .facts
        .get::<HostFacts>()
        .and_then(|h| h.installation.daemon.as_ref())
    else {
        return;
    };
    let Some(started) = d.started else {
        return;
    };
    let newer: Vec<_> = n.changed.iter().filter(|c| c.changed > started).collect();
    let Some(latest) = newer.iter().max_by_key(|c| c.changed) else {
        return;
    };
    let pid = d.pid.map(|p| format!(" (PID {p})")).unwrap_or_default();
    let mut lines = vec![format!(
        "nix-daemon{pid} started {}",
        started.format("%Y-%m-%d %H:%M:%S UTC")
    )];
    lines.extend(n.changed.iter().map(|c| {
        format!(
            "{} changed {}{}",
            c.file,
            c.changed.format("%Y-%m-%d %H:%M:%S UTC"),
            if c.changed > started { " (after)" } else { "" }
        )
    }));
    out.push(
        finding(FindingId::NixconfDaemonStale, latest.file.clone())
            .title(format!(
                "nix-daemon predates the last change to {}",
                latest.file
            ))
            .summary(format!("nix-daemon started before {} changed", latest.file))
            .file(latest.file.clone())
            .description(format!(
                "The running nix-daemon{pid} started {} and reads nix.conf only then; {} changed {} ({} after). Until it restarts, the daemon applies the old settings (trusted users, substituters, sandbox) while `nix` clients and this audit read the new ones.",
                started.format("%Y-%m-%d %H:%M UTC"),
                latest.file,
                latest.changed.format("%Y-%m-%d %H:%M UTC"),
                human_duration(latest.changed - started)
            ))
            .evidence("/proc/PID/stat, file times", lines)
            .action("Restart the daemon: `systemctl restart nix-daemon` (running builds are interrupted).")
            .build(),
    );
}

/// A positive duration in the largest whole unit: `3 days`, `5 h`, `12 min`, `40 s`.
fn human_duration(d: chrono::TimeDelta) -> String {
    let s = d.num_seconds().max(0);
    match s {
        s if s >= 2 * 86_400 => format!("{} days", s / 86_400),
        s if s >= 3_600 => format!("{} h", s / 3_600),
        s if s >= 60 => format!("{} min", s / 60),
        s => format!("{s} s"),
    }
}

/// `nixconf.root-equivalent-users`: who the daemon trusts, by name, with `@group` entries
/// expanded through /etc/group (listed members and users whose primary group it is) and `*`
/// through /etc/passwd's login users. A trusted user can import unsigned paths and set any
/// substituter: root-equivalent. Info when only named users and admin groups (`@wheel`) are
/// trusted, P2 when another group is, P1 for `*` (every user the daemon admits). Not judged
/// when /etc/passwd or /etc/group could not be read, or the configuration was read partially.
pub fn root_equivalent_users(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    let Some((n, src)) = judged(cx) else {
        return;
    };
    let Some(t) = &n.trust else {
        return;
    };
    let others: Vec<_> = t.trusted.iter().filter(|u| u.user != "root").collect();
    if others.is_empty() {
        return;
    }
    let wide_group = t
        .trusted
        .iter()
        .any(|u| u.via.starts_with('@') && !ADMIN_GROUPS.contains(&u.via.as_str()));
    let priority = if t.star {
        Priority::P1
    } else if wide_group {
        Priority::P2
    } else {
        Priority::Info
    };
    let count = others.len() + t.trusted_more;
    let mut named: Vec<&str> = others
        .iter()
        .take(NAMED_IN_TITLE)
        .map(|u| u.user.as_str())
        .collect();
    if count > NAMED_IN_TITLE {
        named.push("...");
    }
    let title = format!(
        "{count} user{} root-equivalent through trusted-users: {}",
        if count == 1 { " is" } else { "s are" },
        named.join(", ")
    );
    let mut lines: Vec<String> = others
        .iter()
        .map(|u| format!("{} (via {})", u.user, u.via))
        .collect();
    if t.trusted_more > 0 {
        lines.push(format!("... and {} more", t.trusted_more));
    }
    lines.push(format!(
        "trusted-users = {}  ({})",
        n.effective.trusted_users.join(" "),
        n.origin("trusted-users")
    ));
    lines.push(format!(
        "allowed-users = {}  ({}): {}",
        n.effective.allowed_users.join(" "),
        n.origin("allowed-users"),
        if t.allowed_all {
            "every user may use the daemon".to_string()
        } else {
            format!(
                "{} login users may use the daemon",
                t.allowed.len() + t.allowed_more
            )
        }
    ));
    if !t.unknown_groups.is_empty() {
        lines.push(format!(
            "groups /etc/group lacks: {}",
            t.unknown_groups.join(" ")
        ));
    }
    let why = if t.star {
        " `*` trusts every user the daemon admits (`allowed-users`): any local account, or any process that compromises one, can become root."
    } else if wide_group {
        " A group beyond the admin groups is trusted: everyone in it is an admin in effect."
    } else {
        " These are named users and admin groups; fine when they are the admins."
    };
    out.push(
        finding(FindingId::NixconfRootEquivalentUsers, "trusted-users")
            .priority(priority)
            .title(title.clone())
            .summary(title)
            .file(n.file_of("trusted-users"))
            .description(format!(
                "The Nix daemon trusts these users (`trusted-users`, groups expanded through /etc/group and /etc/passwd): they can import unsigned store paths and add substituters, which makes them root-equivalent.{why}"
            ))
            .evidence(format!("{src}; /etc/passwd; /etc/group"), lines)
            .action(
                "Trust only admins: `nix.settings.trusted-users = [ \"root\" \"@wheel\" ];` \
                 (NixOS) or `trusted-users = root @wheel` in nix.conf; others still build \
                 through the daemon as allowed users.",
            )
            .build(),
    );
}

/// `nixconf.build-users-group-missing`: Nix running as root (the daemon, root's `nix-env`)
/// builds as the members of `build-users-group` (Nix's default `nixbld` when unset). A group
/// /etc/group lacks fails every such build ("the group 'nixbld' specified in
/// 'build-users-group' does not exist": a fresh Debian with `nix-bin`); a group without
/// members fails it too ("has no members"). Not judged when /etc/group could not be read or
/// the configuration was read partially.
pub fn build_users_group_missing(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    let Some((n, src)) = judged(cx) else {
        return;
    };
    let Some(g) = &n.build_users else {
        return;
    };
    // Nix's default group is only used by Nix running as root: judge it where root runs Nix
    // (a daemon install, NixOS), or where a file names the group; never on a host without Nix.
    let Some(h) = cx.facts.get::<HostFacts>() else {
        return;
    };
    let root_runs_nix = h.multi_user || h.nixos || g.origin != "default";
    if !(h.nix.is_some() || h.has_store) || !root_runs_nix {
        return;
    }
    let (title, why) = match g.exists {
        Some(false) => (
            format!("Build users group `{}` does not exist", lit(&g.name)),
            format!(
                "Nix running as root (the daemon, or root's `nix-env`/`nix build`) builds as the \
                 members of `build-users-group`, here `{n}` ({o}), but /etc/group has no such \
                 group: every build fails with \"the group '{n}' specified in \
                 'build-users-group' does not exist\".",
                n = lit(&g.name),
                o = lit(&g.origin)
            ),
        ),
        Some(true) if g.members.is_empty() => (
            format!("Build users group `{}` has no members", lit(&g.name)),
            format!(
                "Nix running as root builds as the members of `build-users-group`, here `{n}` \
                 ({o}), but the group has no members in /etc/group: builds fail with \"the \
                 build users group '{n}' has no members\".",
                n = lit(&g.name),
                o = lit(&g.origin)
            ),
        ),
        _ => return,
    };
    let default = g.origin == "default";
    out.push(
        finding(FindingId::NixconfBuildUsersGroupMissing, g.name.clone())
            .title(title.clone())
            .summary(title)
            .file(if default {
                "/etc/group".to_string()
            } else {
                g.origin.clone()
            })
            .description(why)
            .evidence(
                format!("{src}; /etc/group"),
                vec![
                    format!("build-users-group = {} ({})", g.name, g.origin),
                    match g.exists {
                        Some(true) => format!("/etc/group: {}: no members", g.name),
                        _ => format!("/etc/group: no `{}` line", g.name),
                    },
                ],
            )
            .action(format!(
                "Create the group and build users (as Nix's installer does): `groupadd -r {g} \
                 && for i in $(seq 1 10); do useradd -r -g {g} -G {g} -d /var/empty -s \
                 /usr/sbin/nologin -c \"Nix build user $i\" {g}$i; done`; or, on a \
                 single-user install, set `build-users-group =` (empty) in nix.conf. On NixOS \
                 the group comes from `nix.settings.build-users-group` and activation: rebuild.",
                g = sh(&g.name)
            ))
            .build(),
    );
}

/// The facts the value checks judge, with the files they came from; `None` when the probe
/// did not run or could not read the whole configuration: a partial read must not feed the
/// value checks (a false `flakes-disabled`, a P0 that silently disappears), and
/// [`problems`] says what could not be read.
fn judged<'a>(cx: &RuleContext<'a>) -> Option<(&'a NixconfFacts, String)> {
    let n = cx.facts.get::<NixconfFacts>()?;
    if !n.incomplete.is_empty() {
        return None;
    }
    let src = n.files.join(", ");
    let src = if src.is_empty() {
        "no nix.conf (Nix defaults)".to_string()
    } else {
        src
    };
    Some((n, src))
}

/// `audit.probe-error` rows of nix.conf: lines and includes Nix rejects or the audit could not
/// read, and a Determinate `nix.custom.conf` that nothing includes.
pub fn problems(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    let Some(n) = cx.facts.get::<NixconfFacts>() else {
        return;
    };
    for p in &n.problems {
        let fatal = matches!(
            p.kind,
            ConfProblemKind::IllegalLine
                | ConfProblemKind::IncludeMissing
                | ConfProblemKind::InvalidValue
                | ConfProblemKind::IncludeCycle
        );
        let at = match p.line {
            Some(l) => format!("{}:{l}", p.file),
            None => p.file.clone(),
        };
        out.push(
            finding(FindingId::AuditProbeError, format!("nixconf:{at}"))
                .probe(ProbeId::Nixconf)
                .kind(FindingType::Error)
                .priority(if fatal { Priority::P1 } else { Priority::Info })
                .title(format!("nix.conf problem at {at}"))
                .summary(format!("{at}: {}", p.detail))
                .file(at.clone())
                .description(format!(
                    "{}: {}. {}",
                    at,
                    p.detail,
                    if fatal {
                        "Nix rejects this too (or, for an include cycle, recurses until it \
                         crashes): nix commands fail until it is fixed. The audit read the \
                         rest of the file."
                    } else if !n.incomplete.is_empty()
                        && matches!(
                            p.kind,
                            ConfProblemKind::TooLarge
                                | ConfProblemKind::NotRegular
                                | ConfProblemKind::Unreadable
                                | ConfProblemKind::NotText
                                | ConfProblemKind::IncludeTooDeep
                        )
                    {
                        "Nix reads this file whole and the audit could not, so no nixconf check \
                         ran on the partial configuration, and the previous audit's nixconf \
                         findings are not marked fixed."
                    } else if p.kind == ConfProblemKind::IncludeRuntime {
                        "This is normal for a secrets file on an audited image; the checks \
                         use the rest of the configuration."
                    } else {
                        "The audit could not read this part of the configuration; checks use \
                         the rest."
                    }
                ))
                .evidence(at, vec![p.detail.clone()])
                .action(if p.kind == ConfProblemKind::IncludeRuntime {
                    "None for the image; on the running host, `nix config show` shows what the file sets."
                } else {
                    "Fix the line (settings are `name = value`, with spaces around `=`), then check with `nix config show`."
                })
                .build(),
        );
    }
    if !n.incomplete.is_empty() {
        return;
    }
    if let Some(c) = &n.custom_conf_not_included {
        out.push(
            finding(FindingId::AuditProbeError, format!("nixconf:{c}"))
                .probe(ProbeId::Nixconf)
                .kind(FindingType::Error)
                .title(format!("{c} exists but nix.conf does not include it"))
                .file(c.clone())
                .description(format!(
                    "Determinate's installer keeps local settings in {c} and includes it from \
                     nix.conf with `!include nix.custom.conf`. Here nix.conf does not include \
                     it, so nothing in it applies.",
                    c = lit(c)
                ))
                .action("Add `!include nix.custom.conf` to nix.conf, or move the settings.")
                .build(),
        );
    }
}

/// `nixconf.require-sigs-off`: unsigned paths from any substituter are accepted.
pub fn require_sigs_off(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    let Some((n, src)) = judged(cx) else {
        return;
    };
    let e = &n.effective;
    if !e.require_sigs {
        out.push(
            finding(FindingId::NixconfRequireSigsOff, "require-sigs")
                .title("Signature checking is off (`require-sigs = false`)")
                .file(n.file_of("require-sigs"))
                .description(
                    "Nix accepts store paths from any substituter without a valid signature. \
                     Anyone who can answer for a substituter URL (a compromised cache, a \
                     network attacker on an http:// cache) can hand this host arbitrary \
                     binaries that run as root.",
                )
                .evidence(src.clone(), setting_lines(n, "require-sigs", "false"))
                .action("Remove the line or set `nix.settings.require-sigs = true;` (NixOS), and list each cache's key in `trusted-public-keys`.")
                .build(),
        );
    }
}

/// `nixconf.sandbox-off`: builds can read the host and the network (not judged on macOS).
pub fn sandbox_off(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    let Some((n, src)) = judged(cx) else {
        return;
    };
    let e = &n.effective;
    let host = cx.facts.get::<HostFacts>();
    let darwin = host.is_some_and(|h| h.darwin);
    if !darwin && (e.sandbox == "false" || e.sandbox == "relaxed") {
        out.push(
            finding(FindingId::NixconfSandboxOff, "sandbox")
                .title(format!("Build sandbox is `{}`", e.sandbox))
                .file(n.file_of("sandbox"))
                .description(format!(
                    "With `sandbox = {}` builds can read the host's files and the network \
                     (relaxed: derivations marked `__noChroot` may), so a build's output \
                     depends on the machine and a malicious derivation can read secrets.",
                    e.sandbox
                ))
                .evidence(src.clone(), setting_lines(n, "sandbox", &e.sandbox))
                .action(
                    "Set `nix.settings.sandbox = true;` (NixOS) or `sandbox = true` in nix.conf.",
                )
                .build(),
        );
    }
}

/// `nixconf.trusted-users-broad`: see [`trusted_users`].
pub fn trusted_users_broad(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    if let Some((n, src)) = judged(cx) {
        trusted_users(n, &src, out);
    }
}

/// `nixconf.substituter-without-key`: see [`substituter_keys`].
pub fn substituter_without_key(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    if let Some((n, src)) = judged(cx) {
        substituter_keys(n, &src, out);
    }
}

/// `nixconf.insecure-substituter`: see [`substituters`].
pub fn insecure_substituter(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    if let Some((n, src)) = judged(cx) {
        substituters(n, &src, out);
    }
}

/// `nixconf.accept-flake-config`: any flake can set Nix options without asking.
pub fn accept_flake_config(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    let Some((n, src)) = judged(cx) else {
        return;
    };
    let e = &n.effective;
    if e.accept_flake_config {
        out.push(
            finding(FindingId::NixconfAcceptFlakeConfig, "accept-flake-config")
                .title("`accept-flake-config = true`")
                .file(n.file_of("accept-flake-config"))
                .description(
                    "Any flake this host evaluates can set Nix options through its \
                     `nixConfig`, including extra substituters and their keys, without asking. \
                     For a trusted user that is a path to root.",
                )
                .evidence(src.clone(), setting_lines(n, "accept-flake-config", "true"))
                .action("Remove it; accept a flake's settings case by case when Nix asks, or add its cache to nix.conf yourself.")
                .build(),
        );
    }
}

/// `nixconf.flakes-disabled`: a flake drives the system, but flakes are not enabled.
pub fn flakes_disabled(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    let Some((n, src)) = judged(cx) else {
        return;
    };
    let e = &n.effective;
    let host = cx.facts.get::<HostFacts>();
    let flavour = host.and_then(|h| h.nix.as_ref()).map(|x| x.flavour);
    let has = |f: &str| e.experimental_features.iter().any(|x| x == f);
    if n.system_flake
        && flavour != Some(NixFlavour::Determinate)
        && !(has("flakes") && has("nix-command"))
    {
        let shown = e.experimental_features.join(" ");
        out.push(
            finding(FindingId::NixconfFlakesDisabled, "experimental-features")
                .title("A flake drives the system but flakes are not enabled")
                .file(n.file_of("experimental-features"))
                .description(format!(
                    "/etc/nixos/flake.nix exists, but `experimental-features` is `{shown}`. \
                     `nixos-rebuild` passes its own `--extra-experimental-features`, but `nix \
                     flake update`, `nix build` and friends fail on this host, so the lock \
                     file does not get updated.", shown = lit(&shown)))
                .evidence(src.clone(), setting_lines(n, "experimental-features", &shown))
                .action("Set `nix.settings.experimental-features = [ \"nix-command\" \"flakes\" ];` (NixOS) or `extra-experimental-features = nix-command flakes` in nix.conf.")
                .build(),
        );
    }
}

/// `nixconf.no-auto-optimise`: a large store that is never deduplicated.
pub fn no_auto_optimise(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    let Some((n, src)) = judged(cx) else {
        return;
    };
    let e = &n.effective;
    if !e.auto_optimise_store && !optimise_timer(cx) {
        if let Some(size) = store_bytes(cx) {
            if size > cx.thresholds.nixconf.optimise_store_bytes {
                out.push(
                    finding(FindingId::NixconfNoAutoOptimise, "auto-optimise-store")
                        .title(format!("Store of {} is never deduplicated", bytes(size)))
                        .file(n.file_of("auto-optimise-store"))
                        .description(format!(
                            "The store holds {} and neither `auto-optimise-store` nor a \
                             nix-optimise.timer is set up, so identical files in different \
                             store paths are stored once each. Hard-linking them typically \
                             saves 20-40%.",
                            bytes(size)
                        ))
                        .evidence(
                            src.clone(),
                            setting_lines(n, "auto-optimise-store", "false"),
                        )
                        .action("Set `nix.optimise.automatic = true;` (NixOS, a weekly timer) or run `nix-store --optimise` once.")
                        .build(),
                );
            }
        }
    }
}

fn trusted_users(n: &NixconfFacts, src: &str, out: &mut Vec<Finding>) {
    let users = &n.effective.trusted_users;
    let broad: Vec<&String> = users
        .iter()
        .filter(|u| u.as_str() == "*" || BROAD_GROUPS.contains(&u.as_str()))
        .collect();
    let others: Vec<&String> = users.iter().filter(|u| u.as_str() != "root").collect();
    if others.is_empty() {
        return;
    }
    // Named users and admin groups are listed, expanded, by `nixconf.root-equivalent-users`
    // whenever /etc/passwd and /etc/group were read; this row is for when they were not.
    if broad.is_empty() && n.trust.is_some() {
        return;
    }
    let shown = users.join(" ");
    let b = finding(FindingId::NixconfTrustedUsersBroad, "trusted-users")
        .file(n.file_of("trusted-users"))
        .evidence(src.to_string(), setting_lines(n, "trusted-users", &shown));
    let f = if broad.is_empty() {
        b.priority(Priority::Info)
            .title(format!(
                "Trusted users besides root: {}",
                others
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            ))
            .description(
                "These users (or members of these groups) are trusted by the Nix daemon: they \
                 can add substituters and import unsigned paths, which makes them \
                 root-equivalent. Fine for admins; make sure that is who they are.",
            )
            .action("None if intended; otherwise remove them from `nix.settings.trusted-users`.")
    } else {
        b.title(format!(
            "`trusted-users` includes {}",
            broad.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(" ")
        ))
        .description(
            "A trusted user can add substituters and import unsigned store paths, which makes \
             them root-equivalent. This entry trusts every local user (or nearly every one).",
        )
        .action("Trust only admins: `nix.settings.trusted-users = [ \"root\" \"@wheel\" ];` (NixOS); ordinary users can still build through the daemon.")
    };
    out.push(f.build());
}

/// The host part of a substituter URL (`https://cache.example.org/x` -> `cache.example.org`).
fn url_host(url: &str) -> Option<&str> {
    let (_, rest) = url.split_once("://")?;
    let host = rest.split(['/', '?']).next()?;
    let host = host.rsplit('@').next()?;
    Some(host.split(':').next().unwrap_or(host))
}

/// The cache.nixos.org signing key (nixpkgs `nixos/modules/config/nix.nix` default).
const CACHE_NIXOS_ORG_KEY: &str = "cache.nixos.org-1:6NCHdD59X431o0gWypbMrAURkbJ16ZPMQFGspcDShjY=";

/// Which keys sign a substituter whose operator documents them. A key name need not match the
/// cache's host (IOG's cache.iog.io is signed `hydra.iohk.io`), so only documented caches can
/// be judged; for any other cache the files cannot tell which key signs it.
enum Signers {
    /// Exactly these keys (`name:base64`): another value under the same name is a different key.
    Keys(&'static [&'static str]),
    /// Any key named `<host>-<n>` (Cachix names every cache's key so).
    HostNamed,
}

/// Documented caches, by host or URL pattern:
/// - cache.nixos.org: nixpkgs `nixos/modules/config/nix.nix` (the default key);
/// - mirrors of cache.nixos.org (`.../nix-channels/store`, e.g. TUNA, USTC, SJTU) serve its
///   signed narinfos unchanged;
/// - cache.iog.io (and hydra.iohk.io before it): IOG's documentation, `extra-trusted-public-keys
///   = hydra.iohk.io:f/Ea+s+dFdN+3Y/G+FDgSq+a5NEWhJGzdjvKNGv0/EQ=`;
/// - cache.flakehub.com: the Determinate installer (DeterminateSystems/nix-installer
///   `src/action/common/place_nix_configuration.rs`) trusts `cache.flakehub.com-3` to `-10`;
/// - `*.cachix.org`: Cachix names a cache's key `<name>.cachix.org-<n>`.
fn signers(url: &str, host: &str) -> Option<Signers> {
    const IOG: &[&str] = &["hydra.iohk.io:f/Ea+s+dFdN+3Y/G+FDgSq+a5NEWhJGzdjvKNGv0/EQ="];
    const FLAKEHUB: &[&str] = &[
        "cache.flakehub.com-3:hJuILl5sVK4iKm86JzgdXW12Y2Hwd5G07qKtHTOcDCM=",
        "cache.flakehub.com-4:Asi8qIv291s0aYLyH6IOnr5Kf6+OF14WVjkE6t3xMio=",
        "cache.flakehub.com-5:zB96CRlL7tiPtzA9/WKyPkp3A2vqxqgdgyTVNGShPDU=",
        "cache.flakehub.com-6:W4EGFwAGgBj3he7c5fNh9NkOXw0PUVaxygCVKeuvaqU=",
        "cache.flakehub.com-7:mvxJ2DZVHn/kRxlIaxYNMuDG1OvMckZu32um1TadOR8=",
        "cache.flakehub.com-8:moO+OVS0mnTjBTcOUh2kYLQEd59ExzyoW1QgQ8XAARQ=",
        "cache.flakehub.com-9:wChaSeTI6TeCuV/Sg2513ZIM9i0qJaYsF+lZCXg0J6o=",
        "cache.flakehub.com-10:2GqeNlIp6AKp4EF2MVbE1kBOp9iBSyo0UPR9KoR0o1Y=",
    ];
    let path = url
        .split(['?', '#'])
        .next()
        .unwrap_or(url)
        .trim_end_matches('/');
    match host {
        "cache.nixos.org" => Some(Signers::Keys(&[CACHE_NIXOS_ORG_KEY])),
        "cache.iog.io" | "hydra.iohk.io" => Some(Signers::Keys(IOG)),
        "cache.flakehub.com" => Some(Signers::Keys(FLAKEHUB)),
        h if h.ends_with(".cachix.org") => Some(Signers::HostNamed),
        _ if path.ends_with("/nix-channels/store") => Some(Signers::Keys(&[CACHE_NIXOS_ORG_KEY])),
        _ => None,
    }
}

fn is_local_store(s: &str) -> bool {
    s.starts_with("file://")
        || s == "daemon"
        || s == "auto"
        || s == "local"
        || s.starts_with('/')
        || s.starts_with("unix://")
}

/// `nixconf.substituter-without-key`: with `require-sigs` on, Nix accepts a path from a
/// substituter only when one of `trusted-public-keys` signed it. What the files can decide:
/// no trusted key at all (nothing from any remote substituter is accepted), and a documented
/// cache whose documented key is not trusted (nothing from it is accepted). Both are
/// functional problems (every build from source), not security ones: an unsigned path is
/// rejected, never used. With `require-sigs` off, `nixconf.require-sigs-off` says what matters.
fn substituter_keys(n: &NixconfFacts, src: &str, out: &mut Vec<Finding>) {
    let e = &n.effective;
    if !e.require_sigs {
        return;
    }
    let keys: Vec<&str> = e.trusted_public_keys.iter().map(String::as_str).collect();
    let key_names: Vec<&str> = keys
        .iter()
        .filter_map(|k| k.split_once(':').map(|(name, _)| name))
        .collect();
    for s in &e.substituters {
        if is_local_store(s) {
            continue;
        }
        let Some(host) = url_host(s) else { continue };
        let shown = lit(host);
        let why = if keys.is_empty() {
            "`trusted-public-keys` is empty, so no substituter's paths are accepted".to_string()
        } else {
            match signers(s, host) {
                Some(Signers::Keys(want)) if !want.iter().any(|k| keys.contains(k)) => {
                    let names: Vec<&str> = want
                        .iter()
                        .filter_map(|k| k.split_once(':'))
                        .map(|(n, _)| n)
                        .collect();
                    let same_name_other_value = want
                        .iter()
                        .filter_map(|k| k.split_once(':'))
                        .any(|(name, _)| key_names.contains(&name));
                    if same_name_other_value {
                        format!(
                            "{shown} is signed by {}, and the key trusted under that name has a \
                             different value (a typo or a wrong copy), so its paths are rejected",
                            lit(names.join(" or "))
                        )
                    } else {
                        format!(
                            "{shown} is signed by {} (its operator's documentation), which is not \
                             in `trusted-public-keys`, so its paths are rejected",
                            lit(names.join(" or "))
                        )
                    }
                }
                Some(Signers::HostNamed)
                    if !key_names.iter().any(|k| {
                        k.strip_prefix(host).is_some_and(|r| {
                            r.strip_prefix('-').is_some_and(|n| {
                                !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())
                            })
                        })
                    }) =>
                {
                    format!(
                        "Cachix signs {shown} with a key named `{shown}-<n>`, and none is in \
                         `trusted-public-keys`, so its paths are rejected"
                    )
                }
                _ => continue,
            }
        };
        out.push(
            finding(FindingId::NixconfSubstituterWithoutKey, s.clone())
                .title(format!("Nothing from substituter {s} is accepted: no trusted key signs it"))
                .file(n.file_of("substituters"))
                .description(format!(
                    "{why}. Nix then builds from source what the cache would have served: slow \
                     rebuilds, not a security problem (unsigned paths are refused, not used)."))
                .evidence(
                    src.to_string(),
                    vec![
                        format!(
                            "substituters = {}  ({})",
                            e.substituters.join(" "),
                            n.origin("substituters")
                        ),
                        format!(
                            "trusted-public-keys names: {}  ({})",
                            if key_names.is_empty() {
                                "(none)".to_string()
                            } else {
                                key_names.join(" ")
                            },
                            n.origin("trusted-public-keys")
                        ),
                    ],
                )
                .action(format!(
                    "Add the cache's public key from its operator to `nix.settings.trusted-public-keys` (NixOS) or `extra-trusted-public-keys` in nix.conf, or remove {s}.", s = lit(s)))
                .build(),
        );
    }
}

/// `http://` substituters.
fn substituters(n: &NixconfFacts, src: &str, out: &mut Vec<Finding>) {
    let e = &n.effective;
    for s in e.substituters.iter().chain(e.trusted_substituters.iter()) {
        if s.starts_with("http://") {
            out.push(
                finding(FindingId::NixconfInsecureSubstituter, s.clone())
                    .title(format!("Substituter over plain HTTP: {s}"))
                    .file(n.file_of(if e.substituters.contains(s) {
                        "substituters"
                    } else {
                        "trusted-substituters"
                    }))
                    .description(
                        "Downloads from this cache are not encrypted or authenticated in \
                         transit: anyone on the path sees what the host fetches, and only the \
                         signature check stands between a tampered path and the store.",
                    )
                    .evidence(
                        src.to_string(),
                        vec![format!("{s}  ({})", n.origin("substituters"))],
                    )
                    .action("Use the cache's https:// URL.")
                    .build(),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use chrono::TimeZone;
    use nixbtw_probes::probes::nixconf::parser::{parse_str, ConfReader, Loaded};
    use nixbtw_probes::probes::nixconf::Effective;
    use nixbtw_probes::FactSet;

    fn facts(text: &str, flake: bool) -> NixconfFacts {
        let c = parse_str("/etc/nix/nix.conf", text);
        NixconfFacts {
            conf_dir: "/etc/nix".into(),
            files: vec!["/etc/nix/nix.conf".into()],
            effective: Effective::from_settings(&c.settings),
            settings: c.settings,
            problems: c.problems,
            custom_conf_not_included: None,
            system_flake: flake,
            live: None,
            live_error: None,
            incomplete: c.incomplete,
            build_users: None,
            changed: Vec::new(),
            trust: None,
            nix_stderr: Vec::new(),
        }
    }

    fn store(nar_bytes: u64) -> StoreFacts {
        StoreFacts {
            nar_bytes: Some(nar_bytes),
            ..StoreFacts::default()
        }
    }

    fn units_with_optimise_timer() -> UnitsFacts {
        UnitsFacts {
            source: nixbtw_probes::probes::units::UnitsSource::Journal,
            manager_unavailable: None,
            failed: vec![],
            nix_daemon: None,
            auto_upgrade: None,
            timers: vec![nixbtw_probes::probes::units::TimerInfo {
                name: "nix-optimise.timer".into(),
                present: true,
                last_trigger: None,
                last_result: None,
            }],
            problems: vec![],
            sources: vec![],
        }
    }

    fn eval(set: FactSet) -> Vec<Finding> {
        let now = chrono::Utc
            .with_ymd_and_hms(2026, 11, 25, 12, 0, 0)
            .unwrap();
        crate::rules::run_rules(RULES, &set, now, false)
    }

    fn ids(out: &[Finding]) -> Vec<&'static str> {
        out.iter().map(|f| f.id.as_str()).collect()
    }

    const NIXOS_DEFAULT: &str = "# WARNING: this file is generated from the nix.* options in\n# your NixOS configuration, typically\n# /etc/nixos/configuration.nix.  Do not edit it!\nallowed-users = *\nauto-optimise-store = false\nbuilders =\ncores = 0\nexperimental-features = nix-command flakes\nmax-jobs = auto\nrequire-sigs = true\nsandbox = true\nsandbox-fallback = false\nsubstituters = https://cache.nixos.org/\nsystem-features = nixos-test benchmark big-parallel kvm\ntrusted-public-keys = cache.nixos.org-1:6NCHdD59X431o0gWypbMrAURkbJ16ZPMQFGspcDShjY=\ntrusted-substituters =\ntrusted-users = root\nextra-sandbox-paths =\n";

    #[test]
    fn a_default_nixos_nix_conf_raises_nothing() {
        let out = eval(FactSet::new().with(facts(NIXOS_DEFAULT, true)));
        assert!(out.is_empty(), "{:?}", ids(&out));
    }

    #[test]
    fn each_check_fires_on_its_setting() {
        let text = format!(
            "{NIXOS_DEFAULT}require-sigs = no\nsandbox = relaxed\ntrusted-users = root @users\nextra-substituters = http://cache.lan https://nix-community.cachix.org\naccept-flake-config = true\nexperimental-features = nix-command\n"
        );
        let out = eval(FactSet::new().with(facts(&text, true)));
        let got = ids(&out);
        for id in [
            "nixconf.require-sigs-off",
            "nixconf.sandbox-off",
            "nixconf.trusted-users-broad",
            "nixconf.insecure-substituter",
            "nixconf.accept-flake-config",
            "nixconf.flakes-disabled",
        ] {
            assert!(got.contains(&id), "{id} missing from {got:?}");
        }
        // `require-sigs = no` is Nix's `false`: the P0 fires, from its line.
        let sig = out
            .iter()
            .find(|f| f.id == FindingId::NixconfRequireSigsOff)
            .unwrap();
        assert_eq!(sig.priority, Priority::P0);
        assert_eq!(sig.file, "/etc/nix/nix.conf:19");
        // With signatures off, a missing key changes nothing: require-sigs-off says what
        // matters.
        assert!(!got.contains(&"nixconf.substituter-without-key"), "{got:?}");
    }

    fn key_findings(conf: &str) -> Vec<String> {
        eval(FactSet::new().with(facts(conf, false)))
            .into_iter()
            .filter(|f| f.id == FindingId::NixconfSubstituterWithoutKey)
            .map(|f| f.subject)
            .collect()
    }

    const NIXOS_KEY: &str = "cache.nixos.org-1:6NCHdD59X431o0gWypbMrAURkbJ16ZPMQFGspcDShjY=";
    const IOG_KEY: &str = "hydra.iohk.io:f/Ea+s+dFdN+3Y/G+FDgSq+a5NEWhJGzdjvKNGv0/EQ=";

    /// Documented setups do not fire: IOG's cache is signed `hydra.iohk.io`, not after its
    /// host; a cache nobody documents cannot be judged from the files.
    #[test]
    fn substituter_without_key_follows_what_the_operators_document() {
        // IOG's documented setup (github.com/input-output-hk/cardano-node README shape).
        assert!(key_findings(&format!(
            "substituters = https://cache.nixos.org https://cache.iog.io\ntrusted-public-keys = {NIXOS_KEY} {IOG_KEY}\n"
        ))
        .is_empty());
        // Unknown cache with a key named after something else: not judged.
        assert!(key_findings(&format!(
            "substituters = https://cache.nixos.org https://nix.example.org\ntrusted-public-keys = {NIXOS_KEY} company-1:AAAA\n"
        ))
        .is_empty());
        // A TUNA-style mirror of cache.nixos.org is signed by cache.nixos.org.
        assert!(key_findings(&format!(
            "substituters = https://mirrors.tuna.tsinghua.edu.cn/nix-channels/store https://cache.nixos.org/\ntrusted-public-keys = {NIXOS_KEY}\n"
        ))
        .is_empty());
        // Cachix keys are named after the cache.
        assert!(key_findings(&format!(
            "substituters = https://nix-community.cachix.org\ntrusted-public-keys = {NIXOS_KEY} nix-community.cachix.org-1:mB9FSh9qf2dCimDSUo8Zy7bkq5CX+/rkCWyvRCYg3Fs=\n"
        ))
        .is_empty());
        // What fires: a Cachix cache without its key,
        assert_eq!(
            key_findings(&format!(
                "substituters = https://cache.nixos.org/ https://nix-community.cachix.org\ntrusted-public-keys = {NIXOS_KEY}\n"
            )),
            vec!["https://nix-community.cachix.org"]
        );
        // cache.nixos.org with its key replaced (github.com/coinmetrics/cardano-fullnode
        // nix.conf at 6f28a1bb: `binary-cache-public-keys` lists only IOG's key),
        assert_eq!(
            key_findings(&format!(
                "binary-caches = https://cache.nixos.org https://hydra.iohk.io\nbinary-cache-public-keys = {IOG_KEY}\n"
            )),
            vec!["https://cache.nixos.org"]
        );
        // IOG's cache trusted under a made-up key (a Dockerfile's `cache.iog.io-1:...`),
        assert_eq!(
            key_findings(&format!(
                "substituters = https://cache.iog.io https://cache.nixos.org\ntrusted-public-keys = cache.iog.io-1:HPVKrDdmoQy8VHxFEkY0YtVvzGwMHgO4pY1GSwpMq7g= {NIXOS_KEY}\n"
            )),
            vec!["https://cache.iog.io"]
        );
        // cache.nixos.org's name with another value,
        let out = eval(FactSet::new().with(facts(
            "substituters = https://cache.nixos.org\ntrusted-public-keys = cache.nixos.org-1:6NCHdD59X431o0gWypbMrAURkbJcM1QEOQJYv9j7hWc=\n",
            false,
        )));
        let f = out
            .iter()
            .find(|f| f.id == FindingId::NixconfSubstituterWithoutKey)
            .unwrap();
        assert!(
            f.description.contains("different value"),
            "{}",
            f.description
        );
        assert_eq!(f.priority, Priority::P3);
        // and no trusted key at all: every remote substituter.
        assert_eq!(
            key_findings("substituters = https://cache.nixos.org https://nix.example.org file:///srv/cache\ntrusted-public-keys =\n"),
            vec!["https://cache.nixos.org", "https://nix.example.org"]
        );
    }

    #[test]
    fn trusted_users_broad_wheel_is_info_and_star_is_p1() {
        let out = eval(FactSet::new().with(facts("trusted-users = root @wheel alice\n", false)));
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].priority, Priority::Info);
        let out = eval(FactSet::new().with(facts("trusted-users = *\n", false)));
        assert_eq!(out[0].priority, Priority::P1);
    }

    #[test]
    fn flakes_disabled_not_on_determinate_where_they_are_on_by_default() {
        let mut h_out = eval(FactSet::new().with(facts("experimental-features =\n", true)));
        assert_eq!(ids(&h_out), vec!["nixconf.flakes-disabled"]);
        h_out.clear();
        let host: HostFacts = serde_json::from_value(serde_json::json!({
            "hostname": "h", "os_release": null, "nixos": false, "wsl": false, "darwin": false,
            "nix": {"flavour": "determinate", "version": "3.6.2", "nix_version": "2.29.0", "source": "x"},
            "has_store": true, "determinate_nixd": true, "multi_user": true, "kernel": null,
            "memory": null, "disks": [], "problems": [], "sources": []
        }))
        .unwrap();
        let out = eval(
            FactSet::new()
                .with(host)
                .with(facts("experimental-features =\n", true)),
        );
        assert!(out.is_empty(), "{:?}", ids(&out));
    }

    #[test]
    fn no_auto_optimise_needs_a_big_store() {
        let small = FactSet::new()
            .with(facts(NIXOS_DEFAULT, false))
            .with(store(19 << 30));
        assert!(eval(small).is_empty());
        let big = FactSet::new()
            .with(facts(NIXOS_DEFAULT, false))
            .with(store(21 << 30));
        assert_eq!(ids(&eval(big)), vec!["nixconf.no-auto-optimise"]);
        let set = FactSet::new()
            .with(facts(NIXOS_DEFAULT, false))
            .with(units_with_optimise_timer())
            .with(store(21 << 30));
        assert!(eval(set).is_empty());
    }

    #[test]
    fn problems_become_error_rows() {
        let mut load = |p: &std::path::Path| match p.to_str() {
            Some("/etc/nix/nix.conf") => Loaded::Bytes(b"include a.conf\nfoo=bar\n".to_vec()),
            Some("/etc/nix/a.conf") => Loaded::Bytes(b"include nix.conf\n".to_vec()),
            _ => Loaded::Missing,
        };
        let mut r = ConfReader::new(&mut load);
        r.apply_file(std::path::Path::new("/etc/nix/nix.conf"));
        let mut f = facts("", false);
        f.problems = r.conf.problems;
        let out = eval(FactSet::new().with(f));
        assert_eq!(out.len(), 2, "{:?}", ids(&out));
        assert!(out
            .iter()
            .all(|f| f.kind == FindingType::Error && f.probe == ProbeId::Nixconf));
        assert!(out.iter().any(|f| f.summary.contains("include cycle")));
        assert!(out.iter().any(|f| f.file == "/etc/nix/nix.conf:2"));
    }

    /// One check on one configuration text.
    fn only(judge: crate::rules::Judge, text: &str) -> Vec<&'static str> {
        let now = chrono::Utc
            .with_ymd_and_hms(2026, 11, 25, 12, 0, 0)
            .unwrap();
        let set = FactSet::new().with(facts(text, true));
        crate::rules::run_family(judge, &set, now, false)
            .iter()
            .map(|f| f.id.as_str())
            .collect()
    }

    #[test]
    fn require_sigs_off_fires_on_every_false_spelling_only() {
        for off in ["false", "no", "0"] {
            let text = format!("{NIXOS_DEFAULT}require-sigs = {off}\n");
            assert_eq!(
                only(require_sigs_off, &text),
                ["nixconf.require-sigs-off"],
                "{off}"
            );
        }
        assert!(only(require_sigs_off, NIXOS_DEFAULT).is_empty());
    }

    #[test]
    fn sandbox_off_fires_on_false_and_relaxed_not_true() {
        for v in ["false", "relaxed"] {
            let text = format!("{NIXOS_DEFAULT}sandbox = {v}\n");
            assert_eq!(only(sandbox_off, &text), ["nixconf.sandbox-off"], "{v}");
        }
        assert!(only(sandbox_off, NIXOS_DEFAULT).is_empty());
    }

    #[test]
    fn insecure_substituter_fires_on_http_only() {
        let text = format!("{NIXOS_DEFAULT}extra-substituters = http://cache.lan\n");
        assert_eq!(
            only(insecure_substituter, &text),
            ["nixconf.insecure-substituter"]
        );
        assert!(only(insecure_substituter, NIXOS_DEFAULT).is_empty());
    }

    #[test]
    fn accept_flake_config_fires_when_true() {
        let text = format!("{NIXOS_DEFAULT}accept-flake-config = true\n");
        assert_eq!(
            only(accept_flake_config, &text),
            ["nixconf.accept-flake-config"]
        );
        assert!(only(accept_flake_config, NIXOS_DEFAULT).is_empty());
    }

    #[test]
    fn no_check_judges_a_configuration_it_could_not_read_whole() {
        let mut f = facts("require-sigs = false\nsandbox = false\n", true);
        f.incomplete = vec!["/etc/nix/nix.conf: 2000000 bytes, over the limit".into()];
        let now = chrono::Utc
            .with_ymd_and_hms(2026, 11, 25, 12, 0, 0)
            .unwrap();
        let out = crate::rules::run_rules(RULES, &FactSet::new().with(f), now, false);
        assert!(
            out.iter().all(|f| f.id == FindingId::AuditProbeError),
            "{:?}",
            ids(&out)
        );
    }

    fn with_group(text: &str, exists: Option<bool>, members: &[&str]) -> FactSet {
        let mut f = facts(text, false);
        let origin = if text.contains("build-users-group") {
            "/etc/nix/nix.conf:1".to_string()
        } else {
            "default".to_string()
        };
        f.build_users = Some(nixbtw_probes::probes::nixconf::BuildUsersGroup {
            name: "nixbld".into(),
            origin,
            exists,
            members: members.iter().map(|m| m.to_string()).collect(),
        });
        FactSet::new().with(f).with(host_facts(true, true))
    }

    fn host_facts(has_store: bool, multi_user: bool) -> HostFacts {
        serde_json::from_value(serde_json::json!({
            "hostname": "h", "nixos": false, "wsl": false, "darwin": false, "os_release": null,
            "nix": null, "has_store": has_store, "determinate_nixd": false,
            "multi_user": multi_user, "kernel": null, "memory": null, "disks": [],
            "problems": [], "sources": []
        }))
        .unwrap()
    }

    fn group_rows(set: FactSet) -> Vec<Finding> {
        eval(set)
            .into_iter()
            .filter(|f| f.id == FindingId::NixconfBuildUsersGroupMissing)
            .collect()
    }

    #[test]
    fn build_users_group_missing_when_etc_group_lacks_it() {
        // Debian's nix-bin nix.conf: no build-users-group line, Nix's default `nixbld`.
        let out = group_rows(with_group("sandbox = false\n", Some(false), &[]));
        assert_eq!(out.len(), 1);
        let f = &out[0];
        assert_eq!(f.priority, Priority::P1);
        assert_eq!(f.subject, "nixbld");
        assert_eq!(f.file, "/etc/group");
        assert!(f
            .description
            .contains("'nixbld' specified in 'build-users-group' does not exist"));
        assert!(f.suggested_action.contains("groupadd -r nixbld"));
        // Set explicitly: the file is the nix.conf line.
        let out = group_rows(with_group("build-users-group = nixbld\n", Some(false), &[]));
        assert_eq!(out[0].file, "/etc/nix/nix.conf:1");
    }

    #[test]
    fn build_users_group_missing_when_the_group_has_no_members() {
        let out = group_rows(with_group("", Some(true), &[]));
        assert_eq!(out.len(), 1);
        assert!(out[0].title.contains("has no members"), "{}", out[0].title);
    }

    #[test]
    fn build_users_group_missing_not_raised_when_fine_unknown_empty_or_partial() {
        assert!(group_rows(with_group("", Some(true), &["nixbld1"])).is_empty());
        // /etc/group unreadable or absent (an unbooted image): not judged.
        assert!(group_rows(with_group("", None, &[])).is_empty());
        // `build-users-group =` (empty): builds run as root, no group.
        assert!(group_rows(FactSet::new().with(facts("build-users-group =\n", false))).is_empty());
        // A partial read judges nothing.
        let mut set = with_group("", Some(false), &[]);
        let mut f = set.get::<NixconfFacts>().unwrap().clone();
        f.incomplete = vec!["/etc/nix/big.conf: over the cap".into()];
        set = FactSet::new().with(f).with(host_facts(true, true));
        assert!(group_rows(set).is_empty());
        // No Nix on the host, or a single-user install with Nix's default: not judged.
        let f = with_group("", Some(false), &[])
            .get::<NixconfFacts>()
            .unwrap()
            .clone();
        assert!(group_rows(
            FactSet::new()
                .with(f.clone())
                .with(host_facts(false, false))
        )
        .is_empty());
        assert!(
            group_rows(FactSet::new().with(f.clone()).with(host_facts(true, false))).is_empty()
        );
        assert_eq!(
            group_rows(FactSet::new().with(f).with(host_facts(true, true))).len(),
            1
        );
    }

    fn at(s: &str) -> chrono::DateTime<chrono::Utc> {
        chrono::DateTime::parse_from_rfc3339(s).unwrap().to_utc()
    }

    /// A live host whose daemon started at `started`, nix.conf changed at `changed`.
    fn stale_set(started: &str, changed: &str) -> FactSet {
        let mut h = host_facts(true, true);
        h.installation.daemon = Some(nixbtw_probes::probes::host::install::DaemonNix {
            source: "/proc/812/exe -> /nix/store/x-nix-2.28.3/bin/nix".into(),
            binary: nixbtw_probes::probes::host::install::NixBinary {
                path: "/proc/812/exe".into(),
                resolved: "/nix/store/x-nix-2.28.3/bin/nix".into(),
                store_path: None,
                install: None,
            },
            pid: Some(812),
            started: Some(at(started)),
            exe_deleted: false,
        });
        let mut f = facts(NIXOS_DEFAULT, false);
        f.changed = vec![nixbtw_probes::probes::nixconf::ConfChange {
            file: "/etc/nix/nix.conf".into(),
            changed: at(changed),
        }];
        FactSet::new().with(f).with(h)
    }

    fn live_rows(judge: crate::rules::Judge, set: &FactSet, live: bool) -> Vec<Finding> {
        let now = chrono::Utc
            .with_ymd_and_hms(2026, 11, 25, 12, 0, 0)
            .unwrap();
        crate::rules::run_family(judge, set, now, live)
    }

    #[test]
    fn daemon_stale_when_nix_conf_changed_after_the_daemon_started() {
        let set = stale_set("2026-11-20T08:00:00Z", "2026-11-24T09:30:00Z");
        let out = live_rows(daemon_stale, &set, true);
        assert_eq!(ids(&out), ["nixconf.daemon-stale"]);
        let ev = out[0].evidence[0].excerpt.join("\n");
        assert!(
            ev.contains("nix-daemon (PID 812) started 2026-11-20 08:00:00 UTC"),
            "{ev}"
        );
        assert!(
            ev.contains("/etc/nix/nix.conf changed 2026-11-24 09:30:00 UTC (after)"),
            "{ev}"
        );
        assert!(out[0].description.to_string().contains("4 days after"));
    }

    #[test]
    fn daemon_stale_not_raised_when_restarted_since_or_under_root() {
        let set = stale_set("2026-11-24T10:00:00Z", "2026-11-24T09:30:00Z");
        assert!(live_rows(daemon_stale, &set, true).is_empty());
        // Under --root nothing runs: never judged, whatever the times say.
        let set = stale_set("2026-11-20T08:00:00Z", "2026-11-24T09:30:00Z");
        assert!(live_rows(daemon_stale, &set, false).is_empty());
    }

    fn trust_rows(conf: &str, passwd: &str, group: &str) -> Vec<Finding> {
        let mut f = facts(conf, false);
        f.trust = Some(nixbtw_probes::probes::nixconf::expand_trust(
            &f.effective,
            &nixbtw_probes::accounts::Passwd::parse(passwd.as_bytes()),
            &nixbtw_probes::accounts::Groups::parse(group.as_bytes()),
        ));
        live_rows(root_equivalent_users, &FactSet::new().with(f), false)
    }

    const PASSWD: &str = "root:x:0:0::/root:/bin/sh\nalice:x:1000:100::/home/alice:/bin/sh\n\
                          bob:x:1001:100::/home/bob:/bin/sh\n";
    const GROUP: &str = "wheel:x:1:alice\nusers:x:100:\ndocker:x:131:bob\n";

    #[test]
    fn root_equivalent_users_names_them_by_group() {
        let out = trust_rows("trusted-users = root @wheel\n", PASSWD, GROUP);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].priority, Priority::Info);
        assert_eq!(
            out[0].title,
            "1 user is root-equivalent through trusted-users: alice"
        );
        assert_eq!(out[0].evidence[0].excerpt[0], "alice (via @wheel)");
        // A non-admin group (here users, by primary group): P2.
        let out = trust_rows("trusted-users = root @users @docker\n", PASSWD, GROUP);
        assert_eq!(out[0].priority, Priority::P2);
        assert!(
            out[0].title.starts_with("2 users are root-equivalent"),
            "{}",
            out[0].title
        );
        // `*`: every login user, P1.
        let out = trust_rows("trusted-users = *\n", PASSWD, GROUP);
        assert_eq!(out[0].priority, Priority::P1);
        assert_eq!(
            out[0].title,
            "2 users are root-equivalent through trusted-users: alice, bob"
        );
    }

    #[test]
    fn root_equivalent_users_not_raised_for_root_only_or_unread_accounts() {
        assert!(trust_rows("trusted-users = root\n", PASSWD, GROUP).is_empty());
        // An empty group trusts nobody.
        assert!(trust_rows("trusted-users = root @wheel\n", PASSWD, "wheel:x:1:\n").is_empty());
        // /etc/group unreadable: no trust facts, nothing judged.
        let f = facts("trusted-users = *\n", false);
        assert!(live_rows(root_equivalent_users, &FactSet::new().with(f), false).is_empty());
    }

    #[test]
    fn one_row_for_admins_trusted_when_accounts_were_read() {
        // With /etc/passwd and /etc/group read, root-equivalent-users lists the admins and the
        // older info row stays away; without them, the older row is the only one.
        let mut f = facts("trusted-users = root @wheel\n", false);
        f.trust = Some(nixbtw_probes::probes::nixconf::expand_trust(
            &f.effective,
            &nixbtw_probes::accounts::Passwd::parse(PASSWD.as_bytes()),
            &nixbtw_probes::accounts::Groups::parse(GROUP.as_bytes()),
        ));
        let set = FactSet::new().with(f);
        assert!(live_rows(trusted_users_broad, &set, false).is_empty());
        assert_eq!(live_rows(root_equivalent_users, &set, false).len(), 1);
        let set = FactSet::new().with(facts("trusted-users = root @wheel\n", false));
        assert_eq!(live_rows(trusted_users_broad, &set, false).len(), 1);
        // A broad entry is still its own (P1) finding either way.
        let mut f = facts("trusted-users = *\n", false);
        f.trust = Some(nixbtw_probes::probes::nixconf::expand_trust(
            &f.effective,
            &nixbtw_probes::accounts::Passwd::parse(PASSWD.as_bytes()),
            &nixbtw_probes::accounts::Groups::parse(GROUP.as_bytes()),
        ));
        let out = live_rows(trusted_users_broad, &FactSet::new().with(f), false);
        assert_eq!(out[0].priority, Priority::P1);
    }
}
