//! The `generations` probe: profile generations and what is booted.
//!
//! A profile is a symlink `name -> name-N-link` beside its generations `name-N-link ->
//! /nix/store/...`; the generation's date is the lstat time of its `-link` (Nix sets it when the
//! generation is created). For the system profile, each generation's NixOS label and kernel come
//! from its `boot.json` (bootspec) or, for older systems, `nixos-version` and
//! `kernel-modules/lib/modules/<version>`. Which system is *current* (`/run/current-system`) and
//! which *booted* (`/run/booted-system`) are read as links, and their kernel, initrd and
//! kernel-modules store paths are compared by the rules (reboot pending). Per-user profiles come
//! from `/nix/var/nix/profiles/per-user/<user>` and `~/.local/state/nix/profiles` of the users
//! in /etc/passwd; a profile's current generation's `manifest.nix` (nix-env) or `manifest.json`
//! (nix profile) lists imperatively installed packages.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use nixbtw_contracts::ProbeId;

use crate::fs::{caps, FileKind};
use crate::host::Host;
use crate::probe::{Facts, Probe, ProbeContext, ProbeError, ProbeFacts};

/// One generation of a profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Generation {
    /// Generation number.
    pub number: u32,
    /// The `-link` (logical path).
    pub link: String,
    /// The store path it points at.
    pub target: Option<String>,
    /// When it was created (lstat of the link), UTC.
    pub date: Option<DateTime<Utc>>,
    /// NixOS label (system generations).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Kernel version (system generations).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kernel: Option<String>,
}

/// What a running or booted system is made of (store paths).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SystemState {
    /// The link read (`/run/current-system`).
    pub link: String,
    /// The system store path.
    pub path: String,
    /// `<system>/kernel`, resolved.
    pub kernel: Option<String>,
    /// `<system>/initrd`, resolved.
    pub initrd: Option<String>,
    /// `<system>/kernel-modules`, resolved.
    pub kernel_modules: Option<String>,
}

/// Packages in a profile's current generation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// `manifest.nix` (nix-env) or `manifest.json` (nix profile).
    pub file: String,
    /// Package names (store path names without hash, or element names).
    pub packages: Vec<String>,
}

/// A profile and its generations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    /// Whose it is (user name, or `root` for the global profiles).
    pub owner: String,
    /// Profile name (`profile`, `default`, `home-manager`, `channels`, `system`).
    pub name: String,
    /// The profile link (logical).
    pub link: String,
    /// The generation the profile link points at.
    pub current: Option<u32>,
    /// Generations, oldest first.
    pub generations: Vec<Generation>,
    /// The current generation's manifest, when it has one.
    pub manifest: Option<Manifest>,
}

/// Facts of the `generations` probe.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct GenerationsFacts {
    /// The host looks like NixOS (/etc/NIXOS or a system profile).
    pub nixos: bool,
    /// The system profile (`/nix/var/nix/profiles/system`), if any.
    pub system: Option<Profile>,
    /// `/run/current-system`.
    pub current_system: Option<SystemState>,
    /// `/run/booted-system`.
    pub booted_system: Option<SystemState>,
    /// The system generation whose store path is the current system.
    pub current_generation: Option<u32>,
    /// The system generation whose store path is the booted system.
    pub booted_generation: Option<u32>,
    /// Every other profile found (per-user, root's default, home-manager, channels).
    pub profiles: Vec<Profile>,
    /// Whether /run was readable (live host or a --root with a /run snapshot).
    pub run_available: bool,
}

impl ProbeFacts for GenerationsFacts {
    const PROBE: ProbeId = ProbeId::Generations;
}

/// The probe.
#[derive(Debug, Default)]
pub struct GenerationsProbe;

impl Probe for GenerationsProbe {
    fn id(&self) -> ProbeId {
        ProbeId::Generations
    }

    fn by_hand(&self) -> &'static str {
        "sudo nix-env --list-generations -p /nix/var/nix/profiles/system; \
         readlink /run/current-system /run/booted-system"
    }

    fn collect(&self, host: &Host, _cx: &ProbeContext<'_>) -> Result<Box<dyn Facts>, ProbeError> {
        if !host.is_dir(host.state_dir()) {
            return Err(ProbeError::Skipped(format!(
                "no Nix state directory ({})",
                host.state_dir().display()
            )));
        }
        Ok(Box::new(collect(host)))
    }
}

/// Split `name-N-link` into (`name`, N).
pub fn parse_generation_link(file: &str) -> Option<(&str, u32)> {
    let rest = file.strip_suffix("-link")?;
    let (name, n) = rest.rsplit_once('-')?;
    if name.is_empty() || n.is_empty() || !n.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((name, n.parse().ok()?))
}

fn mtime(host: &Host, logical: &Path) -> Option<DateTime<Utc>> {
    let m = host.symlink_metadata(logical).ok()?;
    Some(DateTime::<Utc>::from(m.modified()))
}

/// Every profile in a directory, by name.
fn profiles_in(host: &Host, dir: &Path, owner: &str) -> Vec<Profile> {
    let Ok(entries) = host.read_dir(dir) else {
        return Vec::new();
    };
    let mut gens: BTreeMap<String, Vec<Generation>> = BTreeMap::new();
    let mut names: Vec<String> = Vec::new();
    for e in entries {
        let file = e.name.to_string_lossy().into_owned();
        if e.kind != FileKind::Symlink {
            continue;
        }
        let parsed = parse_generation_link(&file).map(|(name, n)| (name.to_string(), n));
        match parsed {
            Some((name, n)) => {
                let link = dir.join(&file);
                let target = host
                    .read_link(&link)
                    .ok()
                    .and_then(|t| host.store_path_of(&t))
                    .map(|p| p.display().to_string());
                gens.entry(name).or_default().push(Generation {
                    number: n,
                    date: mtime(host, &link),
                    link: link.display().to_string(),
                    target,
                    label: None,
                    kernel: None,
                });
            }
            None => names.push(file),
        }
    }
    let mut out = Vec::new();
    for name in names {
        let link = dir.join(&name);
        let current = host.read_link(&link).ok().and_then(|t| {
            let f = t.file_name()?.to_string_lossy().into_owned();
            parse_generation_link(&f)
                .filter(|(n, _)| *n == name)
                .map(|(_, g)| g)
        });
        let Some(mut generations) = gens.remove(&name) else {
            continue;
        };
        generations.sort_by_key(|g| g.number);
        let manifest = host
            .resolve_to_store(&link)
            .ok()
            .flatten()
            .and_then(|sp| read_manifest(host, &sp));
        out.push(Profile {
            owner: owner.to_string(),
            name,
            link: link.display().to_string(),
            current,
            generations,
            manifest,
        });
    }
    out
}

fn name_of_store_path(p: &str) -> String {
    let base = p.rsplit('/').next().unwrap_or(p);
    base.split_once('-')
        .map(|(_, n)| n)
        .unwrap_or(base)
        .to_string()
}

/// Packages listed by `manifest.nix` (nix-env) or `manifest.json` (nix profile).
fn read_manifest(host: &Host, store_path: &Path) -> Option<Manifest> {
    let json = store_path.join("manifest.json");
    if let Ok(text) = host.read_text(&json, caps::SMALL) {
        let v: serde_json::Value = serde_json::from_str(&text).ok()?;
        let mut packages = Vec::new();
        match v.get("elements") {
            Some(serde_json::Value::Array(a)) => {
                for e in a {
                    let name = e
                        .get("storePaths")
                        .and_then(|s| s.get(0))
                        .and_then(|s| s.as_str())
                        .map(name_of_store_path)
                        .unwrap_or_else(|| "?".to_string());
                    packages.push(name);
                }
            }
            Some(serde_json::Value::Object(o)) => packages.extend(o.keys().cloned()),
            _ => {}
        }
        return Some(Manifest {
            file: json.display().to_string(),
            packages,
        });
    }
    let nix = store_path.join("manifest.nix");
    let text = host.read_text(&nix, caps::TEXT).ok()?;
    // Elements carry `outPath = "/nix/store/..."` (and per-output copies): dedupe by path.
    let mut seen = std::collections::BTreeSet::new();
    let mut packages = Vec::new();
    for part in text.split("outPath = \"").skip(1) {
        if let Some(p) = part.split('"').next() {
            if seen.insert(p.to_string()) {
                packages.push(name_of_store_path(p));
            }
        }
    }
    packages.dedup();
    Some(Manifest {
        file: nix.display().to_string(),
        packages,
    })
}

fn system_state(host: &Host, link: &str) -> Option<SystemState> {
    let path = host.resolve_to_store(link).ok().flatten()?;
    let sub = |s: &str| {
        host.resolve(path.join(s))
            .ok()
            .map(|p| p.display().to_string())
    };
    Some(SystemState {
        link: link.to_string(),
        path: path.display().to_string(),
        kernel: sub("kernel"),
        initrd: sub("initrd"),
        kernel_modules: sub("kernel-modules"),
    })
}

/// NixOS label and kernel version of a system generation.
fn label_and_kernel(host: &Host, system: &Path) -> (Option<String>, Option<String>) {
    let mut label = None;
    let mut kernel = None;
    if let Ok(text) = host.read_text(system.join("boot.json"), caps::SMALL) {
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(&text) {
            let spec = v.get("org.nixos.bootspec.v1").unwrap_or(&v);
            label = spec.get("label").and_then(|l| l.as_str()).map(String::from);
        }
    }
    if label.is_none() {
        if let Ok(v) = host.read_text(system.join("nixos-version"), caps::TINY) {
            let v = v.trim();
            if !v.is_empty() {
                label = Some(format!("NixOS {v}"));
            }
        }
    }
    let modules = system.join("kernel-modules/lib/modules");
    if let Ok(entries) = host.read_dir(&modules) {
        kernel = entries
            .into_iter()
            .map(|e| e.name.to_string_lossy().into_owned())
            .next();
    }
    if kernel.is_none() {
        kernel = host
            .resolve_to_store(system.join("kernel"))
            .ok()
            .flatten()
            .map(|p| name_of_store_path(&p.display().to_string()));
    }
    (label, kernel)
}

/// Users from /etc/passwd: (name, home).
fn users(host: &Host) -> Vec<(String, PathBuf)> {
    let Ok(text) = host.read_text("/etc/passwd", caps::ACCOUNTS) else {
        return Vec::new();
    };
    text.lines()
        .filter_map(|l| {
            let f: Vec<&str> = l.split(':').collect();
            let name = f.first()?;
            let home = f.get(5)?;
            (!name.is_empty() && home.starts_with('/'))
                .then(|| (name.to_string(), PathBuf::from(home)))
        })
        .collect()
}

/// Collect the facts.
pub fn collect(host: &Host) -> GenerationsFacts {
    let profiles_dir = host.profiles_dir();
    let mut all = profiles_in(host, &profiles_dir, "root");
    let system = all
        .iter()
        .position(|p| p.name == "system")
        .map(|i| all.remove(i))
        .map(|mut s| {
            for g in &mut s.generations {
                if let Some(t) = &g.target {
                    let (l, k) = label_and_kernel(host, Path::new(t));
                    g.label = l;
                    g.kernel = k;
                }
            }
            s
        });
    let per_user = profiles_dir.join("per-user");
    if let Ok(entries) = host.read_dir(&per_user) {
        let owners: Vec<String> = entries
            .into_iter()
            .filter(|e| e.kind == FileKind::Dir)
            .map(|e| e.name.to_string_lossy().into_owned())
            .collect();
        for o in owners {
            all.extend(profiles_in(host, &per_user.join(&o), &o));
        }
    }
    for (user, home) in users(host) {
        let dir = home.join(".local/state/nix/profiles");
        all.extend(profiles_in(host, &dir, &user));
    }
    let current_system = system_state(host, "/run/current-system");
    let booted_system = system_state(host, "/run/booted-system");
    let gen_of = |s: &Option<SystemState>| -> Option<u32> {
        let s = s.as_ref()?;
        let sys = system.as_ref()?;
        sys.generations
            .iter()
            .rev()
            .find(|g| g.target.as_deref() == Some(s.path.as_str()))
            .map(|g| g.number)
    };
    GenerationsFacts {
        nixos: host.exists("/etc/NIXOS") || system.is_some(),
        current_generation: gen_of(&current_system),
        booted_generation: gen_of(&booted_system),
        run_available: host.is_dir("/run"),
        system,
        current_system,
        booted_system,
        profiles: all,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generation_links_parse() {
        assert_eq!(
            parse_generation_link("system-12-link"),
            Some(("system", 12))
        );
        assert_eq!(
            parse_generation_link("home-manager-3-link"),
            Some(("home-manager", 3))
        );
        assert_eq!(parse_generation_link("system"), None);
        assert_eq!(parse_generation_link("system--link"), None);
    }

    #[test]
    fn store_names_drop_the_hash() {
        assert_eq!(
            name_of_store_path("/nix/store/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-hello-2.12"),
            "hello-2.12"
        );
    }
}
