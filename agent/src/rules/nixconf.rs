//! `nixconf.*`: who is trusted and what is accepted from where.
//!
//! Every finding names the `file:line` that set the value (or "Nix default"), and, on a live
//! host where Nix's own view (`nix config show`) differs from the files, says so: the files are
//! what survives a reboot, Nix's view is what runs now. Problems reading the files (illegal
//! lines, include cycles) become `error` rows; those Nix itself rejects are P1, because every
//! nix command fails until they are fixed.

use serde::Deserialize;

use nixbtw_contracts::{Finding, FindingId, FindingType, Priority, ProbeId};
use nixbtw_probes::probes::host::{HostFacts, NixFlavour};
use nixbtw_probes::probes::nixconf::{ConfProblemKind, NixconfFacts};
use nixbtw_probes::probes::store::StoreFacts;
use nixbtw_probes::probes::units::UnitsFacts;

use super::{bytes, finding, RuleContext};

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

/// Evaluate the family.
pub fn evaluate(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    let Some(n) = cx.facts.get::<NixconfFacts>() else {
        return;
    };
    let host = cx.facts.get::<HostFacts>();
    let e = &n.effective;
    let src = n.files.join(", ");
    let src = if src.is_empty() {
        "no nix.conf (Nix defaults)".to_string()
    } else {
        src
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
                    } else {
                        "The audit could not read this part of the configuration; checks use \
                         the rest."
                    }
                ))
                .evidence(at, vec![p.detail.clone()])
                .action("Fix the line (settings are `name = value`, with spaces around `=`), then check with `nix config show`.")
                .build(),
        );
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
                     it, so nothing in it applies."
                ))
                .action("Add `!include nix.custom.conf` to nix.conf, or move the settings.")
                .build(),
        );
    }

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

    trusted_users(n, &src, out);
    substituters(n, &src, out);

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
                     file does not get updated."
                ))
                .evidence(src.clone(), setting_lines(n, "experimental-features", &shown))
                .action("Set `nix.settings.experimental-features = [ \"nix-command\" \"flakes\" ];` (NixOS) or `extra-experimental-features = nix-command flakes` in nix.conf.")
                .build(),
        );
    }

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

fn substituters(n: &NixconfFacts, src: &str, out: &mut Vec<Finding>) {
    let e = &n.effective;
    let key_names: Vec<&str> = e
        .trusted_public_keys
        .iter()
        .filter_map(|k| k.split_once(':').map(|(name, _)| name))
        .collect();
    for s in &e.substituters {
        if s.starts_with("file://")
            || s == "daemon"
            || s == "auto"
            || s == "local"
            || s.starts_with('/')
        {
            continue;
        }
        let Some(host) = url_host(s) else { continue };
        let has_key = key_names
            .iter()
            .any(|k| *k == host || k.strip_prefix(host).is_some_and(|r| r.starts_with('-')));
        if !has_key {
            out.push(
                finding(FindingId::NixconfSubstituterWithoutKey, s.clone())
                    .title(format!("Substituter {s} has no matching trusted key"))
                    .file(n.file_of("substituters"))
                    .description(format!(
                        "No `trusted-public-keys` entry is named after {host} (keys are named \
                         `<cache host>-<n>`). With `require-sigs` on, paths from this cache are \
                         rejected, so it silently does nothing; with it off, they are accepted \
                         unsigned."
                    ))
                    .evidence(
                        src.to_string(),
                        vec![
                            format!("substituters = {}  ({})", e.substituters.join(" "), n.origin("substituters")),
                            format!("trusted-public-keys names: {}  ({})", key_names.join(" "), n.origin("trusted-public-keys")),
                        ],
                    )
                    .action(format!("Add the cache's public key (from its operator) to `nix.settings.trusted-public-keys`, or remove {s}."))
                    .build(),
            );
        }
    }
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
    use crate::rules::run_family;
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
        run_family(evaluate, &set, now, false)
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
            "{NIXOS_DEFAULT}require-sigs = false\nsandbox = relaxed\ntrusted-users = root @users\nextra-substituters = http://cache.lan https://nix-community.cachix.org\naccept-flake-config = true\nexperimental-features = nix-command\n"
        );
        let out = eval(FactSet::new().with(facts(&text, true)));
        let got = ids(&out);
        for id in [
            "nixconf.require-sigs-off",
            "nixconf.sandbox-off",
            "nixconf.trusted-users-broad",
            "nixconf.substituter-without-key",
            "nixconf.insecure-substituter",
            "nixconf.accept-flake-config",
            "nixconf.flakes-disabled",
        ] {
            assert!(got.contains(&id), "{id} missing from {got:?}");
        }
        let sig = out
            .iter()
            .find(|f| f.id == FindingId::NixconfRequireSigsOff)
            .unwrap();
        assert_eq!(sig.priority, Priority::P0);
        assert_eq!(sig.file, "/etc/nix/nix.conf:19");
        // Two substituters lack a key: the http one and cachix.
        assert_eq!(
            out.iter()
                .filter(|f| f.id == FindingId::NixconfSubstituterWithoutKey)
                .count(),
            2
        );
    }

    #[test]
    fn wheel_is_info_and_star_is_p1() {
        let out = eval(FactSet::new().with(facts("trusted-users = root @wheel alice\n", false)));
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].priority, Priority::Info);
        let out = eval(FactSet::new().with(facts("trusted-users = *\n", false)));
        assert_eq!(out[0].priority, Priority::P1);
    }

    #[test]
    fn flakes_enabled_by_default_on_determinate() {
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
}
