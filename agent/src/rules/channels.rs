//! `channels.*`: root's channels against the flake and the running release.

use chrono::Duration;
use nixbtw_contracts::prose::{lit, sh};
use serde::Deserialize;

use nixbtw_contracts::{Finding, FindingId, FindingType, ProbeId};
use nixbtw_probes::probes::channels::ChannelsFacts;
use nixbtw_probes::probes::host::HostFacts;

use super::releases::release_of_branch;
use super::{finding, rule, Rule, RuleContext};

/// Thresholds of the `channels.*` checks.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ChannelsThresholds {
    /// `channels.stale` when the newest channel generation is older than this many days.
    pub stale_days: i64,
}

impl Default for ChannelsThresholds {
    fn default() -> Self {
        ChannelsThresholds { stale_days: 90 }
    }
}

fn listing(c: &ChannelsFacts) -> Vec<String> {
    let mut lines: Vec<String> = c
        .subscriptions
        .iter()
        .map(|s| format!("subscribed: {} {}", s.url, s.name))
        .collect();
    for ch in &c.channels {
        lines.push(format!(
            "installed: {} {}{}{}",
            ch.name,
            ch.version.as_deref().unwrap_or("(no .version)"),
            ch.version_suffix.as_deref().unwrap_or(""),
            ch.git_revision
                .as_deref()
                .map(|r| format!(" (git {})", &r[..r.len().min(12)]))
                .unwrap_or_default()
        ));
    }
    for g in &c.generations {
        lines.push(format!(
            "generation {}{}: {}",
            g.number,
            if g.current { " (current)" } else { "" },
            g.date
                .map_or("date unknown".into(), |d| d.format("%Y-%m-%d").to_string())
        ));
    }
    if let Some(p) = &c.nix_path {
        lines.push(format!("NIX_PATH={p}"));
    }
    lines
}

/// The `YY.MM` release of the `nixos` channel: its `.version`, else its subscription URL.
fn nixos_channel_release(c: &ChannelsFacts) -> Option<(String, String)> {
    if let Some(ch) = c.channels.iter().find(|ch| ch.name == "nixos") {
        if let Some(v) = &ch.version {
            let pre = ch
                .version_suffix
                .as_deref()
                .is_some_and(|s| s.contains("pre"));
            let yymm: String = v.chars().take(5).collect();
            return Some((
                yymm,
                format!("{v}{}", if pre { " (pre-release)" } else { "" }),
            ));
        }
    }
    let sub = c.subscriptions.iter().find(|s| s.name == "nixos")?;
    let branch = sub.url.trim_end_matches('/').rsplit('/').next()?;
    match release_of_branch(branch) {
        Some(r) => Some((r.clone(), format!("{r} (from {})", sub.url))),
        None => Some((branch.to_string(), format!("{branch} (from {})", sub.url))),
    }
}

/// Where the channels live (the channels profile, or root's subscription file).
fn source(c: &ChannelsFacts) -> String {
    c.profile
        .clone()
        .unwrap_or_else(|| "/root/.nix-channels".to_string())
}

/// The rules of this module, in evaluation order.
pub const RULES: &[Rule] = &[
    rule!(AuditProbeError => problems),
    rule!(ChannelsMixed => mixed),
    rule!(ChannelsStale => stale),
    rule!(ChannelsReleaseMismatch => release_mismatch),
];

/// `audit.probe-error` rows for what the channels probe could not read (it still ran).
pub fn problems(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    let Some(c) = cx.facts.get::<ChannelsFacts>() else {
        return;
    };
    let src = source(c);
    for p in &c.problems {
        out.push(
            finding(FindingId::AuditProbeError, format!("channels:{p}"))
                .probe(ProbeId::Channels)
                .kind(FindingType::Error)
                .title("Channels could not be read completely")
                .summary(p.clone())
                .file(src.clone())
                .description(format!(
                    "{}. The channel checks used what could be read.",
                    lit(p)
                ))
                .action("By hand: `sudo nix-channel --list`.")
                .build(),
        );
    }
}

/// `channels.mixed`: a flake-built system whose root still has a `nixos` channel.
pub fn mixed(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    let Some(c) = cx.facts.get::<ChannelsFacts>() else {
        return;
    };
    let src = source(c);
    let has_nixos = c.subscriptions.iter().any(|s| s.name == "nixos")
        || c.channels.iter().any(|ch| ch.name == "nixos");
    if c.system_flake && has_nixos {
        out.push(
            finding(FindingId::ChannelsMixed, "nixos")
                .title("The system is built from a flake, but root still has a `nixos` channel")
                .file("/root/.nix-channels")
                .description(
                    "`nixos-rebuild` without `--flake` (or an old habit, or a script) builds \
                     from the channel instead of the flake, and `<nixpkgs>` in `nix-shell -p` \
                     resolves to the channel: two different nixpkgs on one host, drifting apart.",
                )
                .evidence(src.clone(), listing(c))
                .action("`sudo nix-channel --remove nixos`, and set `nix.channel.enable = false;` (NixOS 23.11+) with `nix.nixPath = [ \"nixpkgs=${inputs.nixpkgs}\" ];`.")
                .build(),
        );
    }
}

/// `channels.stale`: the channels were last updated over 90 days ago.
pub fn stale(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    let Some(c) = cx.facts.get::<ChannelsFacts>() else {
        return;
    };
    let src = source(c);
    if !c.channels.is_empty() {
        if let Some(last) = c.last_update() {
            let age = (cx.now - last).num_days();
            if cx.now - last > Duration::days(cx.thresholds.channels.stale_days) {
                out.push(
                    finding(FindingId::ChannelsStale, src.clone())
                        .title(format!("Channels last updated {age} days ago"))
                        .file(src.clone())
                        .description(format!(
                            "The newest generation of root's channels profile is from {}: a \
                             rebuild from the channel gets nixpkgs as of then, without the \
                             security fixes since.",
                            last.format("%Y-%m-%d")
                        ))
                        .evidence(src.clone(), listing(c))
                        .action("`sudo nix-channel --update`, then `sudo nixos-rebuild switch` (or enable `system.autoUpgrade`).")
                        .build(),
                );
            }
        }
    }
}

/// `channels.release-mismatch`: the `nixos` channel is another release than the running one.
pub fn release_mismatch(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    let Some(c) = cx.facts.get::<ChannelsFacts>() else {
        return;
    };
    let src = source(c);
    let running = cx
        .facts
        .get::<HostFacts>()
        .filter(|h| h.nixos)
        .and_then(|h| h.os_release.as_ref()?.version_id.clone());
    if let (Some(running), Some((release, shown))) = (running, nixos_channel_release(c)) {
        if release != running {
            out.push(
                finding(FindingId::ChannelsReleaseMismatch, "nixos")
                    .title(format!("The nixos channel is {shown}, the system runs {running}"))
                    .file(src.clone())
                    .description(format!(
                        "The next `nixos-rebuild` from the channel switches the system from \
                         {} to {}: a release change is an upgrade (or downgrade) \
                         with its own release notes, not a routine rebuild.",
                        lit(&running),
                        lit(&shown)
                    ))
                    .evidence(src.clone(), listing(c))
                    .action(format!("If {} is intended: `sudo nix-channel --add {} nixos && sudo nix-channel --update`.", lit(&running), sh(format!("https://channels.nixos.org/nixos-{running}"))))
                    .build(),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::run_rules;
    use chrono::{TimeZone, Utc};
    use nixbtw_probes::probes::channels::{ChannelGeneration, InstalledChannel, Subscription};
    use nixbtw_probes::FactSet;

    fn facts(days_old: i64, version: &str, flake: bool) -> ChannelsFacts {
        ChannelsFacts {
            subscriptions: vec![Subscription {
                name: "nixos".into(),
                url: "https://nixos.org/channels/nixos-25.11".into(),
            }],
            profile: Some("/nix/var/nix/profiles/per-user/root/channels".into()),
            generations: vec![ChannelGeneration {
                number: 3,
                date: Some(now() - Duration::days(days_old)),
                current: true,
            }],
            channels: vec![InstalledChannel {
                name: "nixos".into(),
                version: Some(version.into()),
                version_suffix: Some(".1234.abcdef0".into()),
                git_revision: Some("abcdef0123456789".into()),
                store_path: None,
            }],
            nix_path: None,
            system_flake: flake,
            problems: vec![],
        }
    }

    fn now() -> chrono::DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 25, 12, 0, 0).unwrap()
    }

    fn host(version: &str) -> HostFacts {
        serde_json::from_value(serde_json::json!({
            "hostname": "h", "os_release": {"id": "nixos", "version_id": version}, "nixos": true,
            "wsl": false, "darwin": false, "nix": null, "has_store": true,
            "determinate_nixd": false, "multi_user": true, "kernel": null, "memory": null,
            "disks": [], "problems": [], "sources": []
        }))
        .unwrap()
    }

    fn ids(c: ChannelsFacts, running: &str) -> Vec<&'static str> {
        let set = FactSet::new().with(c).with(host(running));
        let out = run_rules(RULES, &set, now(), false);
        out.iter().map(|f| f.id.as_str()).collect()
    }

    #[test]
    fn quiet_when_fresh_matching_and_not_flake() {
        assert!(ids(facts(10, "25.11", false), "25.11").is_empty());
    }

    #[test]
    fn mixed_when_a_flake_system_keeps_the_nixos_channel_only() {
        assert_eq!(
            ids(facts(10, "25.11", true), "25.11"),
            vec!["channels.mixed"]
        );
        let mut no_nixos = facts(10, "25.11", true);
        no_nixos.subscriptions.clear();
        no_nixos.channels[0].name = "home-manager".into();
        assert!(ids(no_nixos, "25.11").is_empty());
    }

    #[test]
    fn stale_over_90_days_only() {
        assert_eq!(
            ids(facts(91, "25.11", false), "25.11"),
            vec!["channels.stale"]
        );
        assert_eq!(ids(facts(89, "25.11", false), "25.11"), Vec::<&str>::new());
    }

    #[test]
    fn release_mismatch_when_the_channel_is_another_release_only() {
        assert_eq!(
            ids(facts(10, "26.05", false), "25.11"),
            vec!["channels.release-mismatch"]
        );
        assert!(ids(facts(10, "25.11", false), "25.11").is_empty());
    }
}
