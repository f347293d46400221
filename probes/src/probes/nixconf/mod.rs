//! The `nixconf` probe: what nix.conf really says, and where each value came from.
//!
//! Nix reads `$NIX_CONF_DIR/nix.conf` (default `/etc/nix`), its includes (Determinate's
//! installer writes `!include nix.custom.conf`), then the user files
//! (`$XDG_CONFIG_DIRS/nix/nix.conf`, then `~/.config/nix/nix.conf`; root's is the one that
//! matters for the daemon's trusted client), then `$NIX_CONFIG`. The probe replays that with
//! [`parser`], keeps `file:line` for every value, and on a live host asks Nix itself
//! (`nix config show --json`, or `nix show-config --json` before Nix 2.20) to cross-check.
//! Other probes read the effective `keep-*`, `min-free` and `auto-optimise-store` from here.

pub mod oracle;
pub mod parser;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use nixbtw_contracts::ProbeId;

use crate::accounts::{Groups, Passwd};
use crate::command::Cmd;
use crate::fs::{FileKind, FsError};
use crate::host::Host;
use crate::probe::{Facts, Probe, ProbeContext, ProbeError, ProbeFacts};

use parser::{list, parse_bool, parse_size, redact_urls, ConfReader, MAX_CONF_BYTES};
pub use parser::{ConfProblem, ConfProblemKind, Loaded, Origin, SettingValue, SECRET_SETTINGS};

/// The settings the checks (and other probes) use, with Nix's defaults filled in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Effective {
    /// `require-sigs` (default true).
    pub require_sigs: bool,
    /// `sandbox`: `true`, `false` or `relaxed` (default true on Linux).
    pub sandbox: String,
    /// `trusted-users` (default `root`).
    pub trusted_users: Vec<String>,
    /// `allowed-users` (default `*`).
    pub allowed_users: Vec<String>,
    /// `substituters` (default `https://cache.nixos.org/`).
    pub substituters: Vec<String>,
    /// `trusted-substituters` (default empty).
    pub trusted_substituters: Vec<String>,
    /// `trusted-public-keys` (default the cache.nixos.org key).
    pub trusted_public_keys: Vec<String>,
    /// `accept-flake-config` (default false).
    pub accept_flake_config: bool,
    /// `auto-optimise-store` (default false).
    pub auto_optimise_store: bool,
    /// `keep-outputs` (default false): GC roots keep build-time dependencies.
    pub keep_outputs: bool,
    /// `keep-derivations` (default true): GC roots keep their .drv files.
    pub keep_derivations: bool,
    /// `min-free` in bytes (default 0: no automatic GC when the disk fills).
    pub min_free: u64,
    /// `max-free` in bytes, when set.
    pub max_free: Option<u64>,
    /// `experimental-features` (default none upstream).
    pub experimental_features: Vec<String>,
}

impl Effective {
    /// Nix's defaults overlaid with what the files set.
    pub fn from_settings(s: &BTreeMap<String, SettingValue>) -> Effective {
        let get = |k: &str| s.get(k).map(|v| v.value.as_str());
        let boolean = |k: &str, d: bool| get(k).and_then(parse_bool).unwrap_or(d);
        // `extra-X` with no plain `X` line appends to Nix's default.
        let lst = |k: &str, d: &[&str]| {
            let default = || d.iter().map(|x| x.to_string()).collect::<Vec<_>>();
            match s.get(k) {
                None => default(),
                Some(v) if v.set_at.is_none() => {
                    let mut out = default();
                    out.extend(list(&v.value));
                    out
                }
                Some(v) => list(&v.value),
            }
        };
        Effective {
            require_sigs: boolean("require-sigs", true),
            sandbox: get("sandbox").unwrap_or("true").to_string(),
            trusted_users: lst("trusted-users", &["root"]),
            allowed_users: lst("allowed-users", &["*"]),
            substituters: lst("substituters", &["https://cache.nixos.org/"]),
            trusted_substituters: lst("trusted-substituters", &[]),
            trusted_public_keys: lst(
                "trusted-public-keys",
                &["cache.nixos.org-1:6NCHdD59X431o0gWypbMrAURkbJ16ZPMQFGspcDShjY="],
            ),
            accept_flake_config: boolean("accept-flake-config", false),
            auto_optimise_store: boolean("auto-optimise-store", false),
            keep_outputs: boolean("keep-outputs", false),
            keep_derivations: boolean("keep-derivations", true),
            min_free: get("min-free").and_then(parse_size).unwrap_or(0),
            max_free: get("max-free").and_then(parse_size),
            experimental_features: lst("experimental-features", &[]),
        }
    }
}

/// A setting where Nix's own view differs from the files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mismatch {
    /// Setting name.
    pub name: String,
    /// What the files give (normalised).
    pub files: String,
    /// What Nix reports (normalised).
    pub nix: String,
}

/// Nix's own view of its configuration (live hosts).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveConfig {
    /// The command run.
    pub command: String,
    /// The checked settings as Nix reports them (normalised: lists space-joined and sorted).
    pub values: BTreeMap<String, String>,
    /// Settings where Nix and the files disagree (for example `$NIX_CONFIG`, or a file the
    /// audit could not read).
    pub mismatches: Vec<Mismatch>,
}

/// Facts of the `nixconf` probe.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NixconfFacts {
    /// The configuration directory (logical): `/etc/nix`, or `$NIX_CONF_DIR` live.
    pub conf_dir: String,
    /// Every file read, in order (includes and user files too).
    pub files: Vec<String>,
    /// Every setting some file set, by canonical name, with `file:line` of each line.
    pub settings: BTreeMap<String, SettingValue>,
    /// Problems reading the files (illegal lines, include cycles, ...).
    pub problems: Vec<ConfProblem>,
    /// The values the checks use, defaults filled in.
    pub effective: Effective,
    /// Determinate's `nix.custom.conf` when it exists but nix.conf does not include it.
    pub custom_conf_not_included: Option<String>,
    /// Whether a system flake exists (`/etc/nixos/flake.nix`).
    pub system_flake: bool,
    /// Nix's own view, on a live host where `nix` answered.
    pub live: Option<LiveConfig>,
    /// Why Nix's own view is missing, on a live host.
    pub live_error: Option<String>,
    /// Files Nix reads whole that the audit could not (over the size cap, a FIFO, unreadable,
    /// binary), as `file: why`. When not empty the settings above are partial: the checks that
    /// depend on the whole configuration do not run, and the diff does not call the previous
    /// audit's findings fixed ([`ProbeFacts::incomplete`]).
    #[serde(default)]
    pub incomplete: Vec<String>,
    /// The build users group Nix running as root would use, and what /etc/group says of it;
    /// `None` when `build-users-group` is set empty (builds run as root, no group needed).
    #[serde(default)]
    pub build_users: Option<BuildUsersGroup>,
    /// When each file read last changed: the newest modification time along its path's
    /// links (on NixOS the `/etc/static` link moves at a switch; store files are dated 1970).
    #[serde(default)]
    pub changed: Vec<ConfChange>,
    /// `trusted-users` and `allowed-users` expanded through /etc/passwd and /etc/group;
    /// `None` when /etc/group could not be read.
    #[serde(default)]
    pub trust: Option<Trust>,
    /// What Nix printed on stderr while the probe asked it for its view (live).
    #[serde(default)]
    pub nix_stderr: Vec<crate::command::CmdStderr>,
}

/// When one configuration file last changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConfChange {
    /// The file (logical).
    pub file: String,
    /// The newest modification time of the file and of the links leading to it.
    pub changed: DateTime<Utc>,
}

/// One user the daemon trusts, and through which entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrustedUser {
    /// The user.
    pub user: String,
    /// The `trusted-users` entry that names them: the name, `@group` or `*`.
    pub via: String,
}

/// `trusted-users` and `allowed-users` as the daemon applies them to this host's users.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Trust {
    /// Trusted users (root-equivalent): named ones, members of named groups (as a listed
    /// member or by primary group), every login user for `*`. At most [`MAX_TRUST_ROWS`].
    pub trusted: Vec<TrustedUser>,
    /// More trusted users than were listed.
    pub trusted_more: usize,
    /// Whether `trusted-users` holds `*`.
    pub star: bool,
    /// Login users `allowed-users` admits to the daemon, at most [`MAX_TRUST_ROWS`].
    pub allowed: Vec<String>,
    /// More users `allowed-users` admits than were listed.
    #[serde(default)]
    pub allowed_more: usize,
    /// Whether `allowed-users` holds `*` (everyone may use the daemon).
    pub allowed_all: bool,
    /// `@group` entries /etc/group does not have.
    pub unknown_groups: Vec<String>,
}

/// Most users a [`Trust`] lists.
pub const MAX_TRUST_ROWS: usize = 200;

/// Expand `trusted-users` and `allowed-users` through /etc/passwd and /etc/group.
pub fn expand_trust(e: &Effective, passwd: &Passwd, groups: &Groups) -> Trust {
    let users = passwd.login_users();
    let mut unknown_groups = Vec::new();
    let mut expand = |entries: &[String]| -> (Vec<TrustedUser>, bool) {
        let mut out: Vec<TrustedUser> = Vec::new();
        let mut star = false;
        // Who is in already: a set, so `*` over thousands of users stays linear.
        let mut seen: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
        let mut add = |user: &str, via: &str, out: &mut Vec<TrustedUser>| {
            if seen.insert(user.to_string()) {
                out.push(TrustedUser {
                    user: user.to_string(),
                    via: via.to_string(),
                });
            }
        };
        for entry in entries {
            if entry == "*" {
                star = true;
                for u in &users {
                    add(&u.name, "*", &mut out);
                }
            } else if let Some(g) = entry.strip_prefix('@') {
                match groups.group(g) {
                    Some(group) => {
                        for m in &group.members {
                            add(m, entry, &mut out);
                        }
                        for u in users.iter().filter(|u| u.gid == group.gid) {
                            add(&u.name, entry, &mut out);
                        }
                    }
                    None => {
                        if !unknown_groups.contains(entry) {
                            unknown_groups.push(entry.clone());
                        }
                    }
                }
            } else {
                add(entry, entry, &mut out);
            }
        }
        (out, star)
    };
    let (mut trusted, star) = expand(&e.trusted_users);
    let (allowed, allowed_all) = expand(&e.allowed_users);
    let trusted_more = trusted.len().saturating_sub(MAX_TRUST_ROWS);
    trusted.truncate(MAX_TRUST_ROWS);
    let mut allowed: Vec<String> = allowed.into_iter().map(|t| t.user).collect();
    let allowed_more = allowed.len().saturating_sub(MAX_TRUST_ROWS);
    allowed.truncate(MAX_TRUST_ROWS);
    Trust {
        trusted,
        trusted_more,
        star,
        allowed,
        allowed_more,
        allowed_all,
        unknown_groups,
    }
}

/// When the content `logical` names last changed. A file in the store (NixOS's
/// `/etc/nix/nix.conf -> /etc/static/... -> /nix/store/...-nix.conf`) changes only by becoming
/// another store path, so its time is that path's registration in the Nix DB: every switch
/// replaces the `/etc/static` link even when nix.conf stays the same, and NixOS restarts the
/// daemon only when the content changes. Elsewhere it is the newest modification time of the
/// file and of every link met while resolving it (confined like [`Host::resolve`]). `None`
/// when it does not resolve, or a store file's registration cannot be read.
pub fn latest_change(host: &Host, logical: &Path) -> Option<DateTime<Utc>> {
    let (resolved, links) = host.resolve_links(logical).ok()?;
    if let Some(store_path) = host.store_path_of(&resolved) {
        let db = crate::nixdb::NixDb::open(host).ok()?;
        let t = db
            .registration_time(&store_path.display().to_string())
            .ok()??;
        return DateTime::from_timestamp(t, 0);
    }
    let meta = host.metadata(&resolved).ok()?;
    let newest = links
        .iter()
        .map(|l| l.mtime_sec)
        .fold(meta.mtime_sec, i64::max);
    DateTime::from_timestamp(newest, 0)
}

/// `build-users-group` and the group it names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BuildUsersGroup {
    /// The group's name.
    pub name: String,
    /// Where it comes from: `file:line`, or `default` (Nix's `nixbld` when run as root).
    /// Judged only where the files decide: a partial read leaves the checks out.
    pub origin: String,
    /// Whether /etc/group has the group; `None` when /etc/group could not be read (or does
    /// not exist: an unbooted image), so nothing is judged.
    pub exists: Option<bool>,
    /// Its members (the 4th field of its /etc/group line), which Nix takes as build users.
    pub members: Vec<String>,
}

/// The group of `build-users-group` in /etc/group (the target's, confined under --root).
fn build_users_group(
    host: &Host,
    settings: &BTreeMap<String, SettingValue>,
) -> Option<BuildUsersGroup> {
    let (name, origin) = match settings.get("build-users-group") {
        Some(v) => (
            v.value.trim().to_string(),
            v.origins()
                .iter()
                .map(Origin::to_string)
                .collect::<Vec<_>>()
                .join(", "),
        ),
        // Nix's default when it runs as root (the daemon, root's nix-env): `nixbld`.
        None => ("nixbld".to_string(), "default".to_string()),
    };
    if name.is_empty() {
        return None;
    }
    let (exists, members) = match host.accounts().group() {
        Ok(groups) => match groups.group(&name) {
            Some(g) => (Some(true), g.members.iter().take(1000).cloned().collect()),
            None => (Some(false), Vec::new()),
        },
        Err(_) => (None, Vec::new()),
    };
    Some(BuildUsersGroup {
        name,
        origin,
        exists,
        members,
    })
}

impl NixconfFacts {
    /// Where a setting's value comes from: `file:line` lines, or `default`.
    pub fn origin(&self, name: &str) -> String {
        match self.settings.get(name) {
            Some(v) if !v.origins().is_empty() => v
                .origins()
                .iter()
                .map(Origin::to_string)
                .collect::<Vec<_>>()
                .join(", "),
            _ => "Nix default".to_string(),
        }
    }

    /// The first file:line of a setting, or the main nix.conf.
    pub fn file_of(&self, name: &str) -> String {
        self.settings
            .get(name)
            .and_then(|v| v.origins().last().cloned())
            .map_or_else(|| format!("{}/nix.conf", self.conf_dir), |o| o.to_string())
    }
}

impl ProbeFacts for NixconfFacts {
    const PROBE: ProbeId = ProbeId::Nixconf;

    fn incomplete(&self) -> Vec<String> {
        self.incomplete.clone()
    }
}

/// The `nixconf` probe.
#[derive(Debug, Default)]
pub struct NixconfProbe;

/// Read a file of the audited system through the confined API, at most `cap` bytes; links
/// resolved inside the root, anything but a regular file refused.
pub fn read_capped(host: &Host, logical: &Path, cap: u64) -> Loaded {
    match host.read_file(logical, cap) {
        Ok(b) => Loaded::Bytes(b),
        Err(FsError::NotFound { .. }) => Loaded::Missing,
        Err(FsError::TooLarge { size, .. }) => Loaded::TooLarge(size),
        Err(FsError::NotRegular { kind, .. }) => Loaded::NotRegular(
            match kind {
                FileKind::Dir => "directory",
                FileKind::Fifo => "FIFO",
                FileKind::Socket => "socket",
                FileKind::CharDevice | FileKind::BlockDevice => "device",
                _ => "special file",
            }
            .into(),
        ),
        Err(FsError::Loop { .. }) => {
            Loaded::Error("too many levels of symbolic links (a loop?)".to_string())
        }
        Err(FsError::Io { source, .. }) => Loaded::Error(source.to_string()),
    }
}

/// Settings cross-checked against Nix's own view.
const CHECKED: &[&str] = &[
    "require-sigs",
    "sandbox",
    "trusted-users",
    "substituters",
    "trusted-public-keys",
    "accept-flake-config",
    "auto-optimise-store",
    "keep-outputs",
    "keep-derivations",
    "min-free",
    "experimental-features",
];

impl Probe for NixconfProbe {
    fn id(&self) -> ProbeId {
        ProbeId::Nixconf
    }

    fn by_hand(&self) -> &'static str {
        "cat /etc/nix/nix.conf; nix config show (or: nix show-config)"
    }

    fn collect(&self, host: &Host, cx: &ProbeContext<'_>) -> Result<Box<dyn Facts>, ProbeError> {
        let conf_dir = host
            .env("NIX_CONF_DIR")
            .map(|d| PathBuf::from(d.clone()))
            .unwrap_or_else(|| PathBuf::from("/etc/nix"));
        let main = conf_dir.join("nix.conf");
        let custom = conf_dir.join("nix.custom.conf");
        let mut load = |p: &Path| read_capped(host, p, MAX_CONF_BYTES);
        let mut reader = ConfReader::new(&mut load).mounted_image(!host.is_live());
        reader.apply_file(&main);
        let custom_logical = parser::normalise(&custom).display().to_string();
        let custom_conf_not_included = (!reader.conf.files.contains(&custom_logical)
            && host.exists(&custom))
        .then(|| custom_logical.clone());
        // User files: $XDG_CONFIG_DIRS (default /etc/xdg) first, then root's own.
        reader.apply_file(Path::new("/etc/xdg/nix/nix.conf"));
        reader.apply_file(Path::new("/root/.config/nix/nix.conf"));
        if let Some(extra) = host.env("NIX_CONFIG") {
            reader.apply_text("$NIX_CONFIG", &extra.to_string_lossy());
        }
        let conf = reader.conf;
        // A partial read must not feed the checks: defaults would stand in for what the
        // unread file sets (a false `flakes-disabled`, findings wrongly "fixed"). The facts say
        // so (`incomplete`); the rules skip the value checks and the diff fixes nothing.
        let effective = Effective::from_settings(&conf.settings);
        let build_users = build_users_group(host, &conf.settings);
        let changed = conf
            .files
            .iter()
            .filter_map(|f| {
                latest_change(host, Path::new(f)).map(|changed| ConfChange {
                    file: f.clone(),
                    changed,
                })
            })
            .collect();
        let accounts = host.accounts();
        let trust = match (accounts.passwd(), accounts.group()) {
            (Ok(p), Ok(g)) => Some(expand_trust(&effective, p, g)),
            _ => None,
        };

        let mut nix_stderr = Vec::new();
        let (live, live_error) = if host.is_live() {
            match nix_view(host, cx, &conf.settings, &mut nix_stderr) {
                Ok(l) => (Some(l), None),
                Err(e) => (None, Some(e)),
            }
        } else {
            (None, None)
        };

        Ok(Box::new(NixconfFacts {
            conf_dir: conf_dir.display().to_string(),
            files: conf.files,
            settings: conf.settings,
            problems: conf.problems,
            effective,
            custom_conf_not_included,
            system_flake: host.exists("/etc/nixos/flake.nix"),
            live,
            live_error,
            incomplete: conf.incomplete,
            build_users,
            changed,
            trust,
            nix_stderr,
        }))
    }
}

/// Normalise a value for comparison: list items sorted, numbers as decimal, booleans as
/// `true`/`false`, credentials in URLs redacted.
fn normalise_value(name: &str, v: &str) -> String {
    if name == "min-free" {
        return parse_size(v).map_or_else(|| v.to_string(), |n| n.to_string());
    }
    if parser::BOOLEAN_SETTINGS.contains(&name) {
        if let Some(b) = parse_bool(v) {
            return b.to_string();
        }
    }
    let v = redact_urls(v);
    let mut items = list(&v);
    items.sort();
    items.dedup();
    items.join(" ")
}

/// A setting's value from Nix's JSON as nix.conf text.
pub fn json_to_text(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Array(a) => a.iter().map(json_to_text).collect::<Vec<_>>().join(" "),
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// Parse `nix config show --json` / `nix show-config --json` output into normalised values.
pub fn parse_nix_json(text: &str) -> Result<BTreeMap<String, String>, String> {
    let v: serde_json::Value =
        serde_json::from_str(text).map_err(|e| format!("unparsable JSON: {e}"))?;
    let obj = v.as_object().ok_or("not a JSON object")?;
    let mut out = BTreeMap::new();
    for name in CHECKED {
        if let Some(entry) = obj.get(*name) {
            let value = entry.get("value").unwrap_or(entry);
            // Nix 2.8 prints `experimental-features` as enum numbers (measured): not comparable.
            let numeric = value.is_number()
                || value
                    .as_array()
                    .is_some_and(|a| a.iter().any(serde_json::Value::is_number));
            if *name == "experimental-features" && numeric {
                continue;
            }
            out.insert(
                name.to_string(),
                normalise_value(name, &json_to_text(value)),
            );
        }
    }
    Ok(out)
}

fn nix_view(
    host: &Host,
    cx: &ProbeContext<'_>,
    settings: &BTreeMap<String, SettingValue>,
    nix_stderr: &mut Vec<crate::command::CmdStderr>,
) -> Result<LiveConfig, String> {
    let attempts = [
        Cmd::new("nix").args([
            "--extra-experimental-features",
            "nix-command",
            "config",
            "show",
            "--json",
        ]),
        Cmd::new("nix").args([
            "--extra-experimental-features",
            "nix-command",
            "show-config",
            "--json",
        ]),
    ];
    let mut last = String::new();
    for cmd in attempts {
        let mut cmd = cmd.max_output(4 * 1024 * 1024);
        // Ask Nix about the same directory the files were read from.
        if let Some(dir) = host.env("NIX_CONF_DIR") {
            cmd = cmd.env("NIX_CONF_DIR", dir);
        }
        let timeout = cx.remaining().min(Duration::from_secs(20));
        let run = host.run_live(&cmd, timeout);
        // The stderr of the attempt that answered, or of the last one that failed: a first
        // attempt that an older Nix does not know (`config show` before 2.20) is not news.
        if let Ok(out) = &run {
            nix_stderr.clear();
            nix_stderr.extend(out.stderr_evidence(&cmd));
        }
        match run {
            Ok(out) if out.success() => {
                let (values, mismatches) = effective_mismatches(settings, &out.stdout_text())
                    .map_err(|e| format!("`{cmd}`: {e}"))?;
                return Ok(LiveConfig {
                    command: cmd.to_string(),
                    values,
                    mismatches,
                });
            }
            Ok(out) => last = format!("`{cmd}` failed: {}", out.stderr_line()),
            Err(e) => return Err(e.to_string()),
        }
    }
    Err(last)
}

/// The checked settings as Nix reports them (normalised), and where the files' effective values
/// (defaults filled in) differ from them. `nix_json` is `nix show-config --json` output.
pub fn effective_mismatches(
    settings: &BTreeMap<String, SettingValue>,
    nix_json: &str,
) -> Result<(BTreeMap<String, String>, Vec<Mismatch>), String> {
    let values = parse_nix_json(nix_json)?;
    let files_view = files_values(&Effective::from_settings(settings));
    let mismatches = values
        .iter()
        .filter_map(|(name, nix)| {
            let files = files_view.get(name.as_str())?;
            (files != nix).then(|| Mismatch {
                name: name.clone(),
                files: files.clone(),
                nix: nix.clone(),
            })
        })
        .collect();
    Ok((values, mismatches))
}

fn files_values(e: &Effective) -> BTreeMap<&'static str, String> {
    let b = |x: bool| x.to_string();
    let l = |x: &[String]| normalise_value("", &x.join(" "));
    BTreeMap::from([
        ("require-sigs", b(e.require_sigs)),
        ("sandbox", e.sandbox.clone()),
        ("trusted-users", l(&e.trusted_users)),
        ("substituters", l(&e.substituters)),
        ("trusted-public-keys", l(&e.trusted_public_keys)),
        ("accept-flake-config", b(e.accept_flake_config)),
        ("auto-optimise-store", b(e.auto_optimise_store)),
        ("keep-outputs", b(e.keep_outputs)),
        ("keep-derivations", b(e.keep_derivations)),
        ("min-free", e.min_free.to_string()),
        ("experimental-features", l(&e.experimental_features)),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_store_file_changes_when_its_store_path_is_registered_not_when_links_move() {
        // NixOS: every switch replaces /etc/static (a new link time) even when nix.conf keeps
        // its store path; the content changed when that path was registered.
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let conf = "/nix/store/0123456789abcdfghijklmnpqrsvwxyz-nix.conf";
        std::fs::create_dir_all(root.join("nix/store")).unwrap();
        std::fs::write(root.join(conf.trim_start_matches('/')), "sandbox = true\n").unwrap();
        std::fs::create_dir_all(root.join("nix/var/nix/db")).unwrap();
        let db = rusqlite::Connection::open(root.join("nix/var/nix/db/db.sqlite")).unwrap();
        db.execute_batch(&format!(
            "create table ValidPaths (id integer primary key, path text unique not null,
               hash text not null, registrationTime integer not null, deriver text,
               narSize integer);
             insert into ValidPaths (path, hash, registrationTime, narSize)
               values ('{conf}', 'sha256:x', 1700000000, 1);"
        ))
        .unwrap();
        drop(db);
        std::fs::create_dir_all(root.join("etc/static/nix")).unwrap();
        std::fs::create_dir_all(root.join("etc/nix")).unwrap();
        std::os::unix::fs::symlink(conf, root.join("etc/static/nix/nix.conf")).unwrap();
        std::os::unix::fs::symlink("/etc/static/nix/nix.conf", root.join("etc/nix/nix.conf"))
            .unwrap();
        let host = Host::at_root(
            root,
            std::sync::Arc::new(crate::command::SystemRunner),
            chrono::Utc::now(),
        )
        .unwrap();
        let t = latest_change(&host, Path::new("/etc/nix/nix.conf")).unwrap();
        assert_eq!(t.timestamp(), 1_700_000_000);
        // Outside the store the newest link or file time counts.
        std::fs::write(root.join("etc/plain.conf"), "").unwrap();
        let t = latest_change(&host, Path::new("/etc/plain.conf")).unwrap();
        assert!(t.timestamp() > 1_700_000_000);
    }

    #[test]
    fn defaults_when_nothing_is_set() {
        let e = Effective::from_settings(&BTreeMap::new());
        assert!(e.require_sigs && e.keep_derivations && !e.keep_outputs);
        assert_eq!(e.sandbox, "true");
        assert_eq!(e.trusted_users, vec!["root"]);
        assert_eq!(e.min_free, 0);
    }

    #[test]
    fn extra_without_a_plain_line_appends_to_the_default() {
        let c = parser::parse_str(
            "f",
            "extra-trusted-public-keys = k-1:x\nextra-substituters = https://k\n",
        );
        let e = Effective::from_settings(&c.settings);
        assert_eq!(e.trusted_public_keys.len(), 2);
        assert!(e.trusted_public_keys[0].starts_with("cache.nixos.org-1:"));
        assert_eq!(
            e.substituters,
            vec!["https://cache.nixos.org/", "https://k"]
        );
    }

    #[test]
    fn trust_expands_groups_primary_groups_and_star() {
        let passwd = "root:x:0:0::/root:/bin/sh\nalice:x:1000:100::/home/alice:/bin/sh\n\
                      bob:x:1001:1001::/home/bob:/bin/sh\nsvc:x:900:900::/var/empty:/sbin/nologin\n";
        let group = "wheel:x:1:alice\nusers:x:100:\nbob:x:1001:\n";
        let (passwd, group) = (
            &Passwd::parse(passwd.as_bytes()),
            &Groups::parse(group.as_bytes()),
        );
        let c = parser::parse_str(
            "f",
            "trusted-users = root @wheel @nope carol\nallowed-users = @users\n",
        );
        let t = expand_trust(&Effective::from_settings(&c.settings), passwd, group);
        let names: Vec<_> = t
            .trusted
            .iter()
            .map(|u| (u.user.as_str(), u.via.as_str()))
            .collect();
        assert_eq!(
            names,
            [("root", "root"), ("alice", "@wheel"), ("carol", "carol")]
        );
        assert_eq!(t.unknown_groups, ["@nope"]);
        assert!(!t.star && !t.allowed_all);
        // alice's primary group is users (gid 100).
        assert_eq!(t.allowed, ["alice"]);
        let c = parser::parse_str("f", "trusted-users = *\n");
        let t = expand_trust(&Effective::from_settings(&c.settings), passwd, group);
        assert!(t.star && t.allowed_all);
        let names: Vec<_> = t.trusted.iter().map(|u| u.user.as_str()).collect();
        assert_eq!(names, ["root", "alice", "bob"]);
    }

    /// More admitted users than listed are counted, not dropped.
    #[test]
    fn trust_counts_allowed_users_beyond_the_list() {
        let passwd: String = (0..MAX_TRUST_ROWS + 7)
            .map(|i| format!("u{i}:x:{}:100::/home/u{i}:/bin/sh\n", 1000 + i))
            .collect();
        let c = parser::parse_str("f", "allowed-users = @users\n");
        let t = expand_trust(
            &Effective::from_settings(&c.settings),
            &Passwd::parse(passwd.as_bytes()),
            &Groups::parse(b"users:x:100:\n"),
        );
        assert_eq!((t.allowed.len(), t.allowed_more), (MAX_TRUST_ROWS, 7));
    }

    #[test]
    fn parses_nix_show_config_json() {
        let text = r#"{"require-sigs":{"aliases":[],"defaultValue":true,"description":"x","value":true},
            "substituters":{"value":["https://b/","https://a/"]},
            "min-free":{"value":1073741824},
            "sandbox":{"value":"true"}}"#;
        let v = parse_nix_json(text).unwrap();
        assert_eq!(v["require-sigs"], "true");
        assert_eq!(v["substituters"], "https://a/ https://b/");
        assert_eq!(v["min-free"], "1073741824");
        assert!(parse_nix_json("[").is_err());
    }
}
