//! The `channels` probe: root's channels, their generations and releases.
//!
//! `nix-channel` keeps its subscriptions in `~/.nix-channels` (`URL name` lines) and installs
//! them as a profile, `/nix/var/nix/profiles/per-user/root/channels` (newer Nix may use
//! `~/.local/state/nix/profiles/channels`), whose generations `channels-N-link` are dated by the
//! link's own mtime, as `nix-env --list-generations` does. Each channel in the current
//! generation carries `.version`, `.version-suffix` and `.git-revision` files: that is the
//! release it would build. On a live host `NIX_PATH` is recorded too.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

use nixbtw_contracts::ProbeId;

use crate::fs::caps;
use crate::host::Host;
use crate::probe::{Facts, Probe, ProbeContext, ProbeError, ProbeFacts};

/// One line of `.nix-channels`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subscription {
    /// The channel name (`nixos`).
    pub name: String,
    /// Its URL.
    pub url: String,
}

/// One generation of the channels profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChannelGeneration {
    /// Generation number.
    pub number: u64,
    /// When it was created (the link's mtime).
    pub date: Option<DateTime<Utc>>,
    /// Whether the profile points at it.
    pub current: bool,
}

/// One channel of the current generation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstalledChannel {
    /// Name (a directory of the generation).
    pub name: String,
    /// `.version` (`25.11`).
    pub version: Option<String>,
    /// `.version-suffix` (`.1234.abcdef0`).
    pub version_suffix: Option<String>,
    /// `.git-revision`.
    pub git_revision: Option<String>,
    /// The store path it resolves to.
    pub store_path: Option<String>,
}

/// Facts of the `channels` probe.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChannelsFacts {
    /// `/root/.nix-channels` lines.
    pub subscriptions: Vec<Subscription>,
    /// The channels profile found (logical), if any.
    pub profile: Option<String>,
    /// Its generations, oldest first.
    pub generations: Vec<ChannelGeneration>,
    /// Channels in the current generation.
    pub channels: Vec<InstalledChannel>,
    /// `NIX_PATH` of the audit's environment (live only).
    pub nix_path: Option<String>,
    /// Whether a system flake exists (`/etc/nixos/flake.nix`).
    pub system_flake: bool,
    /// Things that could not be read.
    pub problems: Vec<String>,
}

impl ChannelsFacts {
    /// The newest generation's date.
    pub fn last_update(&self) -> Option<DateTime<Utc>> {
        self.generations.iter().filter_map(|g| g.date).max()
    }
}

impl ProbeFacts for ChannelsFacts {
    const PROBE: ProbeId = ProbeId::Channels;

    fn incomplete(&self) -> Vec<String> {
        self.problems.clone()
    }
}

/// The `channels` probe.
#[derive(Debug, Default)]
pub struct ChannelsProbe;

const PROFILES: &[&str] = &[
    "/nix/var/nix/profiles/per-user/root/channels",
    "/root/.local/state/nix/profiles/channels",
];

/// Parse `.nix-channels`: `URL [name]`, the name defaulting to the URL's last component.
pub fn parse_subscriptions(text: &str) -> Vec<Subscription> {
    text.lines()
        .filter_map(|l| {
            let l = l.trim();
            if l.is_empty() || l.starts_with('#') {
                return None;
            }
            let mut parts = l.split_whitespace();
            let url = parts.next()?.to_string();
            let name = parts.next().map(str::to_string).unwrap_or_else(|| {
                url.trim_end_matches('/')
                    .rsplit('/')
                    .next()
                    .unwrap_or("")
                    .to_string()
            });
            Some(Subscription { name, url })
        })
        .collect()
}

fn mtime(host: &Host, logical: &Path) -> Option<DateTime<Utc>> {
    let m = host.symlink_metadata(logical).ok()?;
    Some(DateTime::<Utc>::from(m.modified()))
}

fn small_file(host: &Host, logical: &Path) -> Option<String> {
    let s = host.read_text(logical, caps::TINY).ok()?;
    let s = s.trim().to_string();
    (!s.is_empty()).then_some(s)
}

impl Probe for ChannelsProbe {
    fn id(&self) -> ProbeId {
        ProbeId::Channels
    }

    fn by_hand(&self) -> &'static str {
        "sudo nix-channel --list; sudo nix-env -p /nix/var/nix/profiles/per-user/root/channels --list-generations"
    }

    fn collect(&self, host: &Host, _cx: &ProbeContext<'_>) -> Result<Box<dyn Facts>, ProbeError> {
        let mut problems = Vec::new();
        let subscriptions = match host.read_text("/root/.nix-channels", caps::TINY) {
            Ok(t) => parse_subscriptions(&t),
            Err(e) if e.is_not_found() => Vec::new(),
            Err(e) => {
                problems.push(e.to_string());
                Vec::new()
            }
        };
        let profile = PROFILES
            .iter()
            .map(PathBuf::from)
            .find(|p| host.symlink_metadata(p).is_ok());
        let mut generations = Vec::new();
        let mut channels = Vec::new();
        if let Some(profile) = &profile {
            let current = host.read_link(profile).ok();
            let base = profile
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let parent = profile.parent().unwrap_or(Path::new("/"));
            if let Ok(entries) = host.read_dir(parent) {
                for e in entries {
                    let name = e.name.to_string_lossy().into_owned();
                    let Some(n) = name
                        .strip_prefix(&format!("{base}-"))
                        .and_then(|r| r.strip_suffix("-link"))
                        .and_then(|n| n.parse::<u64>().ok())
                    else {
                        continue;
                    };
                    let link = parent.join(&name);
                    generations.push(ChannelGeneration {
                        number: n,
                        date: mtime(host, &link),
                        current: current
                            .as_ref()
                            .is_some_and(|c| c.file_name() == link.file_name()),
                    });
                }
            }
            generations.sort_by_key(|g| g.number);
            let listing = host
                .resolve(profile)
                .map_err(|e| e.to_string())
                .and_then(|r| host.read_dir(r).map_err(|e| e.to_string()));
            match listing {
                Ok(entries) => {
                    let mut names: Vec<String> = entries
                        .into_iter()
                        .map(|e| e.name.to_string_lossy().into_owned())
                        .filter(|n| n != "manifest.nix" && !n.starts_with('.'))
                        .collect();
                    names.sort();
                    for name in names {
                        let dir = profile.join(&name);
                        channels.push(InstalledChannel {
                            version: small_file(host, &dir.join(".version")),
                            version_suffix: small_file(host, &dir.join(".version-suffix")),
                            git_revision: small_file(host, &dir.join(".git-revision")),
                            store_path: host
                                .resolve_to_store(&dir)
                                .ok()
                                .flatten()
                                .map(|p| p.display().to_string()),
                            name,
                        });
                    }
                }
                Err(e) => problems.push(format!("{}: {e}", profile.display())),
            }
        }
        Ok(Box::new(ChannelsFacts {
            subscriptions,
            profile: profile.map(|p| p.display().to_string()),
            generations,
            channels,
            nix_path: host
                .env("NIX_PATH")
                .map(|v| v.to_string_lossy().into_owned()),
            system_flake: crate::probes::flake::system_flake_dir(host).is_some(),
            problems,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subscriptions() {
        let s = parse_subscriptions(
            "https://nixos.org/channels/nixos-25.11 nixos\n\nhttps://channels.nixos.org/nixpkgs-unstable\n",
        );
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].name, "nixos");
        assert_eq!(s[1].name, "nixpkgs-unstable");
    }
}
