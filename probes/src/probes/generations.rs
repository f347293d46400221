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
//!
//! From the Nix DB (one graph load shared with the store probe): every system and home-manager
//! generation's closure (paths, NAR bytes), the bytes only it keeps alive (the store probe's
//! per-root figure of its target), and the package changes of consecutive generations. A
//! home-manager generation (`home-manager-generation`: `activate`, `hm-version`, `home-files`,
//! `home-path`) selects the packages of its `home-path` (`home-manager-path`, the `buildEnv` of
//! `home.packages`), as a system selects those of its `sw`.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use nixbtw_contracts::ProbeId;

use crate::fs::{caps, FileKind};
use crate::host::Host;
use crate::nixdb::{GcKeep, SharedStore};
use crate::pkgdiff::{self, Fold, Package, PackageChange};
use crate::probe::{Facts, Probe, ProbeContext, ProbeError, ProbeFacts};
use crate::probes::journal::{Activation, ActivationKind, JournalFacts};
use crate::probes::nixconf::NixconfFacts;
use crate::probes::store::{gc_settings, StoreFacts};
use crate::probes::units::UnitsFacts;

/// One generation of a profile.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
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
    /// Kernel version (system generations): the directory under
    /// `kernel-modules/lib/modules`, as `nixos-rebuild list-generations` reads it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kernel: Option<String>,
    /// The generation's `nixos-version` file (system generations).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nixos_version: Option<String>,
    /// `system.configurationRevision`, read from the text of the generation's
    /// `sw/bin/nixos-version` (what `nixos-version --configuration-revision` prints; that
    /// script is never run).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub configuration_revision: Option<String>,
    /// Names under `specialisation/`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub specialisations: Vec<String>,
    /// Paths in its reference closure (from the Nix DB).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closure_paths: Option<u64>,
    /// NAR bytes of its reference closure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closure_bytes: Option<u64>,
    /// NAR bytes only this generation keeps alive (what deleting it frees, all other GC
    /// roots kept): the store probe's per-root figure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exclusive_bytes: Option<u64>,
    /// home-manager's release that built it (the generation's `hm-version` file, e.g.
    /// `25.05`; home-manager generations since 2022, the label's analogue).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hm_version: Option<String>,
}

/// What changed, package by package, from one generation of a profile to another (system or
/// home-manager).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GenerationDiff {
    /// The older generation.
    pub from: u32,
    /// The newer generation.
    pub to: u32,
    /// Closure NAR bytes of `from`.
    pub from_bytes: u64,
    /// Closure NAR bytes of `to`.
    pub to_bytes: u64,
    /// Changed packages, by name.
    pub changes: Vec<PackageChange>,
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
    /// home-manager profiles: package changes between consecutive generations (the newest
    /// [`MAX_DIFFS`] pairs), the packages it selects being those of its `home-path`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub diffs: Vec<GenerationDiff>,
}

impl Profile {
    /// Whether this is a home-manager profile ([`HOME_MANAGER`]).
    pub fn is_home_manager(&self) -> bool {
        self.name == HOME_MANAGER
    }
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
    /// Package changes between consecutive system generations (the last
    /// [`MAX_DIFFS`]), and booted → current when the booted generation is not the one before.
    #[serde(default)]
    pub diffs: Vec<GenerationDiff>,
    /// The current system's packages (compared with the next audit's).
    #[serde(default)]
    pub current_packages: Vec<Package>,
    /// Failed system units and the generation each failure followed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub failures: Vec<FailureAttribution>,
    /// Users the NixOS home-manager module manages in the running system (else the system
    /// profile's default): its `etc/systemd/system/home-manager-<user>.service` units.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub home_manager_units: Vec<HomeManagerUnit>,
    /// Sources of err..alert journal entries (journal probe, `noisy`) whose errors began this
    /// boot after a switch to another generation, tied to it (`unit` is the source, `failed_at`
    /// its first error of the boot).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub error_sources: Vec<FailureAttribution>,
    /// Why closures and package changes are missing (the Nix DB could not be read).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub db_error: Option<String>,
}

/// A `home-manager-<user>.service` of a system: the NixOS module manages that user's home.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HomeManagerUnit {
    /// The user.
    pub user: String,
    /// The unit file (`<system>/etc/systemd/system/home-manager-alice.service`).
    pub unit: String,
}

/// The users of a system's `home-manager-<user>.service` units.
fn home_manager_units(host: &Host, system: &Path) -> Vec<HomeManagerUnit> {
    let dir = system.join("etc/systemd/system");
    let Ok(entries) = host.read_dir(&dir) else {
        return Vec::new();
    };
    entries
        .into_iter()
        .filter_map(|e| {
            let name = e.name.to_string_lossy().into_owned();
            let user = name
                .strip_prefix("home-manager-")?
                .strip_suffix(".service")?
                .to_string();
            (!user.is_empty() && !user.contains('@')).then(|| HomeManagerUnit {
                unit: dir.join(&name).display().to_string(),
                user,
            })
        })
        .collect()
}

/// A failed system unit tied to the generation that was running when it failed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FailureAttribution {
    /// The unit (units probe).
    pub unit: String,
    /// When it failed (units probe).
    pub failed_at: DateTime<Utc>,
    /// The system generation activated before then: the last one the journal saw switched to
    /// or booted before the failure, else the newest created (by its link's time) before it.
    pub generation: u32,
    /// When that generation was activated (journal) or created (link time).
    pub activated: Option<DateTime<Utc>>,
    /// Where `activated` comes from.
    #[serde(default)]
    pub activated_by: ActivatedBy,
    /// The generation before it.
    pub previous: Option<u32>,
    /// Whether `changes` are limited to the unit's closure (its unit file in the generation's
    /// `etc/systemd/system` is a valid store path); otherwise they are all the generation's.
    pub unit_closure: bool,
    /// What `previous` -> `generation` changed (in the unit's closure when known).
    pub changes: Vec<PackageChange>,
}

/// Where a failure's activation time comes from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ActivatedBy {
    /// The generation's link time: when `nixos-rebuild` created it (a `nixos-rebuild boot`
    /// generation is created long before it runs).
    #[default]
    LinkTime,
    /// A journal message (of any boot the journal holds): switch-to-configuration's `switching to system
    /// configuration`, or stage 2's `booting system configuration`.
    Journal,
}

/// The diff into generation `n` from the one before it in `gens`, when `diffs` has it.
pub fn diff_into<'a>(
    gens: &[Generation],
    diffs: &'a [GenerationDiff],
    n: u32,
) -> Option<&'a GenerationDiff> {
    let prev = gens.iter().rev().find(|g| g.number < n)?.number;
    diffs.iter().find(|d| d.from == prev && d.to == n)
}

/// How many consecutive generation pairs the facts compare (the newest).
pub const MAX_DIFFS: usize = 10;

/// The name of home-manager's profile (`home-manager`, beside its `home-manager-N-link`s).
pub const HOME_MANAGER: &str = "home-manager";

/// What kind of profile a generation belongs to: where the packages it *selects* are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GenerationKind {
    /// A NixOS system: its `sw` link (`system-path`, `environment.systemPackages`).
    System,
    /// A home-manager generation (`home-manager-generation`): its `home-path` link
    /// (`home-manager-path`, the `buildEnv` of `home.packages`).
    HomeManager,
}

impl GenerationKind {
    /// The link in the generation to the environment of the packages it selects.
    pub fn env_link(self) -> &'static str {
        match self {
            GenerationKind::System => "sw",
            GenerationKind::HomeManager => "home-path",
        }
    }

    /// The name that environment has in the store (`<hash>-system-path`), for a generation
    /// whose link cannot be read: the reference so named.
    pub fn env_suffix(self) -> &'static str {
        match self {
            GenerationKind::System => "-system-path",
            GenerationKind::HomeManager => "-home-manager-path",
        }
    }
}

impl ProbeFacts for GenerationsFacts {
    const PROBE: ProbeId = ProbeId::Generations;

    fn incomplete(&self) -> Vec<String> {
        self.db_error
            .iter()
            .map(|e| format!("closures and package changes: {e}"))
            .collect()
    }
}

/// The probe.
#[derive(Debug, Default)]
pub struct GenerationsProbe;

impl Probe for GenerationsProbe {
    fn id(&self) -> ProbeId {
        ProbeId::Generations
    }

    fn needs(&self) -> &'static [ProbeId] {
        &[
            ProbeId::Store,
            ProbeId::Nixconf,
            ProbeId::Units,
            ProbeId::Journal,
        ]
    }

    fn by_hand(&self) -> &'static str {
        "sudo nixos-rebuild list-generations --json; \
         readlink /run/current-system /run/booted-system; \
         nix store diff-closures /nix/var/nix/profiles/system-{N-1,N}-link"
    }

    fn collect(&self, host: &Host, cx: &ProbeContext<'_>) -> Result<Box<dyn Facts>, ProbeError> {
        if !host.is_dir(host.state_dir()) {
            return Err(ProbeError::Skipped(format!(
                "no Nix state directory ({})",
                host.state_dir().display()
            )));
        }
        let keep = gc_settings(cx.facts.get::<NixconfFacts>()).keep;
        let mut f = collect_with(host, cx.facts.get::<StoreFacts>(), keep, MAX_DIFFS);
        if let Some(units) = cx.facts.get::<UnitsFacts>() {
            let failed: Vec<(String, DateTime<Utc>)> = units
                .failed
                .iter()
                .filter(|u| !u.user)
                .filter_map(|u| Some((u.unit.clone(), u.failed_at?)))
                .collect();
            let activations = cx
                .facts
                .get::<JournalFacts>()
                .map(|j| j.activations.as_slice())
                .unwrap_or_default();
            attribute_failures(host, keep, &failed, activations, &mut f);
            let sources: Vec<(String, DateTime<Utc>)> = cx
                .facts
                .get::<JournalFacts>()
                .map(|j| {
                    j.noisy
                        .iter()
                        .filter_map(|n| Some((n.source.clone(), n.first?)))
                        .collect()
                })
                .unwrap_or_default();
            // Errors that began this boot are tied to a switch of this boot only.
            let this_boot = cx
                .facts
                .get::<JournalFacts>()
                .map(JournalFacts::this_boot_activations)
                .unwrap_or_default();
            attribute_error_sources(host, keep, &sources, &this_boot, &mut f);
        }
        Ok(Box::new(f))
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
                    ..Generation::default()
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
            diffs: Vec::new(),
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

/// Users from /etc/passwd with an absolute home: (name, home).
fn users(host: &Host) -> Vec<(String, PathBuf)> {
    let Ok(passwd) = host.accounts().passwd() else {
        return Vec::new();
    };
    passwd
        .users
        .iter()
        .filter(|u| u.home.starts_with('/'))
        .map(|u| (u.name.clone(), PathBuf::from(&u.home)))
        .collect()
}

/// Collect the facts with Nix's default GC settings and no store facts (tests, tools).
pub fn collect(host: &Host) -> GenerationsFacts {
    collect_with(host, None, GcKeep::default(), MAX_DIFFS)
}

/// Collect the facts: `store` for the per-root exclusive bytes, `keep` for the shared graph
/// load, the newest `max_diffs` consecutive generation pairs compared.
pub fn collect_with(
    host: &Host,
    store: Option<&StoreFacts>,
    keep: GcKeep,
    max_diffs: usize,
) -> GenerationsFacts {
    complete(host, store, keep, max_diffs, collect_links(host))
}

/// `user`'s home-manager profiles alone, every generation read and every consecutive pair
/// compared (`nixbtw-audit generations --user`): the system and other users' profiles are
/// left out before any DB work.
pub fn collect_home_manager(
    host: &Host,
    store: Option<&StoreFacts>,
    keep: GcKeep,
    user: &str,
) -> GenerationsFacts {
    let mut f = collect_links(host);
    f.system = None;
    f.profiles
        .retain(|p| p.is_home_manager() && p.owner == user);
    complete(host, store, keep, usize::MAX, f)
}

/// The facts of the links `f`: generation files, exclusive bytes, closures and diffs.
fn complete(
    host: &Host,
    store: Option<&StoreFacts>,
    keep: GcKeep,
    max_diffs: usize,
    mut f: GenerationsFacts,
) -> GenerationsFacts {
    let by_target = exclusive_by_target(store);
    if let Some(sys) = f.system.as_mut() {
        for g in &mut sys.generations {
            if let Some(t) = g.target.clone() {
                read_generation_files(host, Path::new(&t), g);
            }
        }
        exclusive_bytes(by_target.as_ref(), &mut sys.generations);
    }
    for p in f.profiles.iter_mut().filter(|p| p.is_home_manager()) {
        exclusive_bytes(by_target.as_ref(), &mut p.generations);
        // The newest compared only: a profile in a home is the user's to fill with links.
        let start = p
            .generations
            .len()
            .saturating_sub(max_diffs.saturating_add(1));
        for g in p.generations.get_mut(start..).unwrap_or_default() {
            g.hm_version = g.target.as_deref().and_then(|t| hm_version(host, t));
        }
    }
    let home_manager = f
        .profiles
        .iter()
        .any(|p| p.is_home_manager() && !p.generations.is_empty());
    if f.system.is_some() || home_manager {
        match host.shared_store(keep) {
            Ok(shared) => {
                closures_and_diffs(host, &shared, &mut f, max_diffs);
                for p in f.profiles.iter_mut().filter(|p| p.is_home_manager()) {
                    home_manager_closures(host, &shared, p, max_diffs);
                }
            }
            // No DB at all (a bare fixture root): nothing was left unread, the store probe
            // says the DB is missing.
            Err(crate::nixdb::DbError::Missing { .. }) => {}
            Err(e) => f.db_error = Some(e.to_string()),
        }
    }
    f
}

/// The store probe's per-root exclusive bytes by root target (a generation link is a GC
/// root: under `profiles/` directly, or registered in `gcroots/auto` for a profile in a home
/// directory), when every root's figure was computed.
fn exclusive_by_target(store: Option<&StoreFacts>) -> Option<HashMap<&str, u64>> {
    let s = store.filter(|s| s.root_usage_complete)?;
    let mut by = HashMap::new();
    for u in &s.root_usage {
        by.entry(u.target.as_str()).or_insert(u.exclusive_bytes);
    }
    Some(by)
}

/// Each generation's exclusive bytes, from [`exclusive_by_target`].
fn exclusive_bytes(by_target: Option<&HashMap<&str, u64>>, gens: &mut [Generation]) {
    for g in gens {
        g.exclusive_bytes = by_target
            .zip(g.target.as_deref())
            .and_then(|(by, t)| by.get(t).copied());
    }
}

/// The selected paths of generation `i` (graph index): the references of its environment
/// ([`GenerationKind::env_link`]: a system's `sw`, `system-path`, which is
/// `environment.systemPackages`; a home-manager generation's `home-path`), read from the link
/// and otherwise the reference so named ([`GenerationKind::env_suffix`]).
fn selected_of(
    host: &Host,
    shared: &SharedStore,
    target: &str,
    i: u32,
    kind: GenerationKind,
) -> BTreeSet<u32> {
    let g = &shared.graph;
    let sw = host
        .resolve_to_store(Path::new(target).join(kind.env_link()))
        .ok()
        .flatten()
        .and_then(|p| shared.index_of_path(&p.display().to_string()))
        .or_else(|| {
            g.references(i)
                .iter()
                .copied()
                .find(|&r| g.path(r).is_some_and(|p| p.ends_with(kind.env_suffix())))
        });
    sw.map(|s| {
        g.references(s)
            .iter()
            .copied()
            .filter(|&r| r != s)
            .collect()
    })
    .unwrap_or_default()
}

/// The closure (indices) and selected paths of a system store path.
pub fn system_closure(
    host: &Host,
    shared: &SharedStore,
    target: &str,
) -> Option<(Vec<u32>, BTreeSet<u32>)> {
    let i = shared.index_of_path(target)?;
    Some((
        shared.graph.closure(i),
        selected_of(host, shared, target, i, GenerationKind::System),
    ))
}

/// What one system store path is made of: its packages (from one closure walk) and the
/// closure's totals.
#[derive(Debug, Clone)]
pub struct SystemPackages {
    /// Packages of the closure.
    pub packages: Vec<Package>,
    /// Paths in the reference closure.
    pub closure_paths: u64,
    /// NAR bytes of the reference closure.
    pub closure_bytes: u64,
}

fn closure_bytes(shared: &SharedStore, closure: &[u32]) -> u64 {
    closure
        .iter()
        .map(|&i| shared.graph.nar_size.get(i as usize).copied().unwrap_or(0))
        .sum()
}

/// Packages of a system store path (outputs folded per `fold`).
pub fn system_packages(
    host: &Host,
    shared: &SharedStore,
    target: &str,
    fold: Fold,
) -> Option<SystemPackages> {
    generation_packages(host, shared, target, fold, GenerationKind::System)
}

/// Packages of a generation's store path of either kind (outputs folded per `fold`).
pub fn generation_packages(
    host: &Host,
    shared: &SharedStore,
    target: &str,
    fold: Fold,
    kind: GenerationKind,
) -> Option<SystemPackages> {
    let i = shared.index_of_path(target)?;
    Some(packages_of(
        host,
        shared,
        target,
        i,
        &shared.graph.closure(i),
        fold,
        kind,
    ))
}

fn packages_of(
    host: &Host,
    shared: &SharedStore,
    target: &str,
    i: u32,
    closure: &[u32],
    fold: Fold,
    kind: GenerationKind,
) -> SystemPackages {
    let selected = selected_of(host, shared, target, i, kind);
    SystemPackages {
        packages: pkgdiff::packages(&shared.graph, closure, &selected, fold),
        closure_paths: closure.len() as u64,
        closure_bytes: closure_bytes(shared, closure),
    }
}

fn diff_of(
    a: &Generation,
    pa: &SystemPackages,
    b: &Generation,
    pb: &SystemPackages,
) -> GenerationDiff {
    GenerationDiff {
        from: a.number,
        to: b.number,
        from_bytes: pa.closure_bytes,
        to_bytes: pb.closure_bytes,
        changes: pkgdiff::diff(&pa.packages, &pb.packages),
    }
}

/// Compare generation `a` with `b` (both of `sys`).
pub fn diff_generations(
    host: &Host,
    shared: &SharedStore,
    a: &Generation,
    b: &Generation,
) -> Option<GenerationDiff> {
    let pa = system_packages(host, shared, a.target.as_deref()?, Fold::Outputs)?;
    let pb = system_packages(host, shared, b.target.as_deref()?, Fold::Outputs)?;
    Some(diff_of(a, &pa, b, &pb))
}

/// Every generation's closure totals, and the package set of each generation a comparison
/// needs (the newest `max_diffs + 1`, booted, current): each closure walked once, each package
/// set computed once however many comparisons use it.
fn closures_and_diffs(
    host: &Host,
    shared: &SharedStore,
    f: &mut GenerationsFacts,
    max_diffs: usize,
) {
    let current_path = f.current_system.as_ref().map(|s| s.path.clone());
    let (booted_gen, current_gen) = (f.booted_generation, f.current_generation);
    let Some(sys) = f.system.as_mut() else {
        return;
    };
    let start = sys
        .generations
        .len()
        .saturating_sub(max_diffs.saturating_add(1));
    let needed = |pos: usize, g: &Generation| {
        pos >= start
            || Some(g.number) == booted_gen
            || Some(g.number) == current_gen
            || current_path.is_some() && current_path == g.target
    };
    let mut sets = walk_generations(
        host,
        shared,
        &mut sys.generations,
        GenerationKind::System,
        needed,
    );
    let gens = &sys.generations;
    let pair = |a: &Generation, b: &Generation| -> Option<GenerationDiff> {
        Some(diff_of(a, sets.get(&a.number)?, b, sets.get(&b.number)?))
    };
    let mut diffs = consecutive_diffs(gens, start, &sets);
    let find = |n: Option<u32>| gens.iter().find(|g| Some(g.number) == n);
    if let (Some(b), Some(c)) = (find(booted_gen), find(current_gen)) {
        if b.number != c.number && !diffs.iter().any(|d| d.from == b.number && d.to == c.number) {
            diffs.extend(pair(b, c));
        }
    }
    if let Some(t) = current_path {
        let known = gens
            .iter()
            .rev()
            .find(|g| g.target.as_deref() == Some(t.as_str()))
            .and_then(|g| sets.remove(&g.number));
        match known {
            Some(s) => f.current_packages = s.packages,
            None => {
                if let Some(s) = system_packages(host, shared, &t, Fold::Outputs) {
                    f.current_packages = s.packages;
                }
            }
        }
    }
    f.diffs = diffs;
}

/// The diffs of each consecutive pair of `gens` from position `start` whose package sets are
/// in `sets`.
fn consecutive_diffs(
    gens: &[Generation],
    start: usize,
    sets: &BTreeMap<u32, SystemPackages>,
) -> Vec<GenerationDiff> {
    let mut diffs = Vec::new();
    for w in gens.get(start..).unwrap_or(&[]).windows(2) {
        if let [a, b] = w {
            if let (Some(pa), Some(pb)) = (sets.get(&a.number), sets.get(&b.number)) {
                diffs.push(diff_of(a, pa, b, pb));
            }
        }
    }
    diffs
}

/// Each generation's closure totals (one walk per generation) and, for those `needed` says
/// (position, generation), its package set.
fn walk_generations(
    host: &Host,
    shared: &SharedStore,
    gens: &mut [Generation],
    kind: GenerationKind,
    needed: impl Fn(usize, &Generation) -> bool,
) -> BTreeMap<u32, SystemPackages> {
    let mut sets = BTreeMap::new();
    for (pos, g) in gens.iter_mut().enumerate() {
        let Some(t) = g.target.as_deref() else {
            continue;
        };
        let Some(i) = shared.index_of_path(t) else {
            continue;
        };
        let c = shared.graph.closure(i);
        g.closure_paths = Some(c.len() as u64);
        g.closure_bytes = Some(closure_bytes(shared, &c));
        if needed(pos, g) {
            let set = packages_of(host, shared, t, i, &c, Fold::Outputs, kind);
            sets.insert(g.number, set);
        }
    }
    sets
}

/// A home-manager profile's newest `max_diffs + 1` generations: their closures and the package changes of consecutive pairs, what a generation selects being its
/// `home-path`.
fn home_manager_closures(host: &Host, shared: &SharedStore, p: &mut Profile, max_diffs: usize) {
    let start = p
        .generations
        .len()
        .saturating_sub(max_diffs.saturating_add(1));
    // Only the generations compared are read: a profile in a home is the user's to fill
    // with links, and each costs a closure walk.
    let newest = p.generations.get_mut(start..).unwrap_or_default();
    let sets = walk_generations(host, shared, newest, GenerationKind::HomeManager, |_, _| {
        true
    });
    p.diffs = consecutive_diffs(&p.generations, start, &sets);
}

/// The first line of a home-manager generation's `hm-version` file.
fn hm_version(host: &Host, target: &str) -> Option<String> {
    host.read_text(Path::new(target).join("hm-version"), caps::TINY)
        .ok()
        .and_then(|v| v.lines().next().map(|l| l.trim().to_string()))
        .filter(|v| !v.is_empty())
}

/// The system generation activated last before `at`: from the journal's activation
/// messages (the newest at or before `at` whose system is a generation of the profile), else
/// the newest generation created (link time) at or before `at`. Its position in `gens`, when,
/// and from where.
pub fn activated_before(
    gens: &[Generation],
    activations: &[Activation],
    at: DateTime<Utc>,
) -> Option<(usize, Option<DateTime<Utc>>, ActivatedBy)> {
    let journal = activations
        .iter()
        .filter(|a| a.time <= at)
        .max_by_key(|a| a.time)
        .and_then(|a| {
            let pos = gens
                .iter()
                .rposition(|g| g.target.as_deref() == Some(a.system.as_str()))?;
            Some((pos, Some(a.time), ActivatedBy::Journal))
        });
    journal.or_else(|| {
        gens.iter()
            .enumerate()
            .filter(|(_, g)| g.date.is_some_and(|d| d <= at))
            .max_by_key(|(_, g)| (g.date, g.number))
            .map(|(i, g)| (i, g.date, ActivatedBy::LinkTime))
    })
}

/// Tie each failed unit `(name, failed_at)` to the system generation activated before it
/// failed ([`activated_before`]: the journal's `activations` first, link times otherwise), and
/// name what that generation changed against the one before, limited to the unit's closure
/// when its unit file is a valid store path.
pub fn attribute_failures(
    host: &Host,
    keep: GcKeep,
    failed: &[(String, DateTime<Utc>)],
    activations: &[Activation],
    f: &mut GenerationsFacts,
) {
    let Ok(shared) = host.shared_store(keep) else {
        return;
    };
    f.failures = failed
        .iter()
        .filter_map(|(unit, at)| attribute_one(host, &shared, f, unit, *at, activations))
        .collect();
}

/// Tie each journal error source `(source, first error)` whose errors began after a
/// switch-to-configuration of this boot (the newest activation message before its first error
/// is a switch, not stage 2's boot line) to the generation switched to, as
/// [`attribute_failures`] ties a failed unit. Sources whose errors were there since the boot
/// began are left out: nothing says a generation brought them.
pub fn attribute_error_sources(
    host: &Host,
    keep: GcKeep,
    sources: &[(String, DateTime<Utc>)],
    activations: &[Activation],
    f: &mut GenerationsFacts,
) {
    let Ok(shared) = host.shared_store(keep) else {
        return;
    };
    f.error_sources = sources
        .iter()
        .filter(|(_, first)| {
            activations
                .iter()
                .filter(|a| a.time <= *first)
                .max_by_key(|a| a.time)
                .is_some_and(|a| a.kind != ActivationKind::Booting)
        })
        .filter_map(|(source, first)| attribute_one(host, &shared, f, source, *first, activations))
        .filter(|a| a.activated_by == ActivatedBy::Journal)
        .collect();
}

/// The attribution of `unit` (or journal source) failing at `at`.
fn attribute_one(
    host: &Host,
    shared: &SharedStore,
    f: &GenerationsFacts,
    unit: &str,
    at: DateTime<Utc>,
    activations: &[Activation],
) -> Option<FailureAttribution> {
    let sys = f.system.as_ref()?;
    let (pos, activated, activated_by) = activated_before(&sys.generations, activations, at)?;
    let g = sys.generations.get(pos)?;
    let prev = pos.checked_sub(1).and_then(|i| sys.generations.get(i));
    let mut changes = match prev {
        Some(p) => f
            .diffs
            .iter()
            .find(|d| d.from == p.number && d.to == g.number)
            .cloned()
            .or_else(|| diff_generations(host, shared, p, g))
            .map(|d| d.changes)
            .unwrap_or_default(),
        None => Vec::new(),
    };
    // The unit's closure: its unit file (a link into a `unit-<name>` store path) in this
    // generation and the one before.
    let mut names: BTreeSet<String> = BTreeSet::new();
    let mut known = false;
    for gen in [Some(g), prev].into_iter().flatten() {
        let Some(t) = gen.target.as_deref() else {
            continue;
        };
        // A journal source may be any identifier: only a plain file name is looked up.
        if unit.is_empty() || unit.contains('/') || unit.starts_with('.') {
            continue;
        }
        let file = Path::new(t).join("etc/systemd/system").join(unit);
        let idx = host
            .resolve_to_store(&file)
            .ok()
            .flatten()
            .and_then(|p| shared.index_of_path(&p.display().to_string()));
        if let Some(i) = idx {
            known = true;
            for m in shared.graph.closure(i) {
                if let Some(p) = shared.graph.path(m) {
                    names.insert(crate::pkgname::parse(p).pname.to_string());
                }
            }
        }
    }
    if known {
        changes.retain(|c| names.contains(&c.pname));
    }
    Some(FailureAttribution {
        unit: unit.to_string(),
        failed_at: at,
        generation: g.number,
        activated,
        activated_by,
        previous: prev.map(|p| p.number),
        unit_closure: known,
        changes,
    })
}

/// The configuration revision in the text of NixOS's `nixos-version` script: the `echo` of
/// its `--configuration-revision)` branch (or the `configurationRevision` of its `--json`
/// text), unless it is still the `@configurationRevision@` placeholder.
pub fn configuration_revision(script: &str) -> Option<String> {
    let mut in_branch = false;
    for line in script.lines() {
        let l = line.trim();
        if l.starts_with("--configuration-revision)") {
            in_branch = true;
            continue;
        }
        if in_branch {
            if l.starts_with(";;") {
                break;
            }
            if let Some(rest) = l.strip_prefix("echo \"") {
                let v = rest.strip_suffix('"').unwrap_or(rest);
                if !v.contains('@') && !v.contains('$') && !v.is_empty() {
                    return Some(v.to_string());
                }
            }
        }
    }
    let key = "\"configurationRevision\"";
    let at = script.find(key)?;
    let rest = script
        .get(at + key.len()..)?
        .trim_start()
        .strip_prefix(':')?
        .trim_start();
    let v = rest.strip_prefix('"')?.split('"').next()?;
    (!v.is_empty() && !v.contains('@')).then(|| v.to_string())
}

/// `nixos-version`, configuration revision and specialisations of a system generation.
fn read_generation_files(host: &Host, system: &Path, g: &mut Generation) {
    g.nixos_version = host
        .read_text(system.join("nixos-version"), caps::TINY)
        .ok()
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty());
    g.configuration_revision = host
        .read_text(system.join("sw/bin/nixos-version"), caps::SMALL)
        .ok()
        .and_then(|t| configuration_revision(&t));
    if let Ok(entries) = host.read_dir(system.join("specialisation")) {
        let mut names: Vec<String> = entries
            .into_iter()
            .filter(|e| matches!(e.kind, FileKind::Dir | FileKind::Symlink))
            .map(|e| e.name.to_string_lossy().into_owned())
            .collect();
        names.sort();
        g.specialisations = names;
    }
}

/// Profiles and links only (no DB).
fn collect_links(host: &Host) -> GenerationsFacts {
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
    // A user's profiles are those inside their own home: a `profiles` link out of it (to
    // root's, or another user's) names no profile of theirs, and a directory two users'
    // homes share is listed once.
    let mut listed = BTreeSet::new();
    for (user, home) in users(host) {
        let dir = home.join(".local/state/nix/profiles");
        let (Ok(home_real), Ok(dir_real)) = (host.resolve(&home), host.resolve(&dir)) else {
            continue;
        };
        if dir_real.starts_with(&home_real) && listed.insert(dir_real) {
            all.extend(profiles_in(host, &dir, &user));
        }
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
    let running = current_system
        .as_ref()
        .map(|c| PathBuf::from(&c.path))
        .or_else(|| {
            host.resolve_to_store(profiles_dir.join("system"))
                .ok()
                .flatten()
        });
    let home_manager_units = running
        .map(|p| home_manager_units(host, &p))
        .unwrap_or_default();
    GenerationsFacts {
        home_manager_units,
        nixos: host.exists("/etc/NIXOS") || system.is_some(),
        current_generation: gen_of(&current_system),
        booted_generation: gen_of(&booted_system),
        run_available: host.is_dir("/run"),
        system,
        current_system,
        booted_system,
        profiles: all,
        ..GenerationsFacts::default()
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

    fn gen_at(number: u32, target: &str, hours_ago: i64, now: DateTime<Utc>) -> Generation {
        Generation {
            number,
            target: Some(target.to_string()),
            date: Some(now - chrono::Duration::hours(hours_ago)),
            ..Generation::default()
        }
    }

    fn act(system: &str, hours_ago: i64, now: DateTime<Utc>) -> Activation {
        Activation {
            time: now - chrono::Duration::hours(hours_ago),
            system: system.to_string(),
            kind: crate::probes::journal::ActivationKind::Switching,
            boot_id: None,
        }
    }

    #[test]
    fn the_journal_names_the_generation_activated_before_a_failure() {
        let now = Utc::now();
        let gens = vec![gen_at(1, "/s/a", 50, now), gen_at(2, "/s/b", 40, now)];
        // Switched back to 1 (a rollback) after 2 was created: the failure follows 1.
        let acts = vec![act("/s/b", 39, now), act("/s/a", 30, now)];
        let (pos, when, by) = activated_before(&gens, &acts, now).unwrap();
        assert_eq!((pos, by), (0, ActivatedBy::Journal));
        assert_eq!(when, Some(now - chrono::Duration::hours(30)));
        // A failure between the two switches follows 2.
        let at = now - chrono::Duration::hours(35);
        assert_eq!(activated_before(&gens, &acts, at).unwrap().0, 1);
    }

    #[test]
    fn without_a_usable_activation_the_link_times_decide() {
        let now = Utc::now();
        let gens = vec![gen_at(1, "/s/a", 50, now), gen_at(2, "/s/b", 40, now)];
        // Activations after the failure, or of a system that is no generation (`nixos-rebuild
        // test` of a build), do not count.
        let acts = vec![act("/s/a", 1, now), act("/s/other", 20, now)];
        let at = now - chrono::Duration::hours(10);
        let (pos, when, by) = activated_before(&gens, &acts, at).unwrap();
        assert_eq!((pos, by), (1, ActivatedBy::LinkTime));
        assert_eq!(when, gens[1].date);
        // Before every generation and every activation: none.
        let at = now - chrono::Duration::hours(60);
        assert!(activated_before(&gens, &acts, at).is_none());
    }

    #[test]
    fn store_names_drop_the_hash() {
        assert_eq!(
            name_of_store_path("/nix/store/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-hello-2.12"),
            "hello-2.12"
        );
    }
}
