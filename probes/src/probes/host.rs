//! The `host` probe: which lane is this?
//!
//! Reads /etc/os-release (NixOS release and codename, or another distro), the Nix flavour and
//! version (`nix --version` on a live host; under `--root`, the version in the name of the store
//! path that the nix binary of the default or system profile resolves to), signs of NixOS-WSL
//! and of Determinate's `determinate-nixd`, the hostname, the kernel, and memory and disks.
//! Everything is a fact; whether a release is past its end of life is the rules' business.

pub mod install;

use serde::{Deserialize, Serialize};
use std::path::Path;
use std::time::Duration;

use nixbtw_contracts::ProbeId;

use crate::command::{Cmd, CommandError};
use crate::fs::caps;
use crate::host::Host;
use crate::probe::{Facts, Probe, ProbeContext, ProbeError, ProbeFacts};

/// Fields of /etc/os-release that the audit uses.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OsRelease {
    /// `ID` (e.g. `nixos`, `debian`).
    pub id: Option<String>,
    /// `NAME`.
    pub name: Option<String>,
    /// `PRETTY_NAME`.
    pub pretty_name: Option<String>,
    /// `VERSION` (e.g. `25.11 (Xantusia)`, or `26.11pre-git (Zebu)` on unstable).
    pub version: Option<String>,
    /// `VERSION_ID` (e.g. `25.11`).
    pub version_id: Option<String>,
    /// `VERSION_CODENAME` (e.g. `xantusia`).
    pub version_codename: Option<String>,
    /// `BUILD_ID` (on NixOS: `25.11.20251120.abcdef0`).
    pub build_id: Option<String>,
    /// `VARIANT_ID`.
    pub variant_id: Option<String>,
}

impl OsRelease {
    /// Parse the os-release format: `KEY=value` lines, values optionally quoted.
    pub fn parse(text: &str) -> OsRelease {
        let mut os = OsRelease::default();
        for line in text.lines() {
            let line = line.trim();
            if line.starts_with('#') {
                continue;
            }
            let Some((key, raw)) = line.split_once('=') else {
                continue;
            };
            let value = unquote(raw.trim());
            let slot = match key.trim() {
                "ID" => &mut os.id,
                "NAME" => &mut os.name,
                "PRETTY_NAME" => &mut os.pretty_name,
                "VERSION" => &mut os.version,
                "VERSION_ID" => &mut os.version_id,
                "VERSION_CODENAME" => &mut os.version_codename,
                "BUILD_ID" => &mut os.build_id,
                "VARIANT_ID" => &mut os.variant_id,
                _ => continue,
            };
            *slot = Some(value);
        }
        os
    }
}

fn unquote(raw: &str) -> String {
    let inner = if raw.len() >= 2
        && ((raw.starts_with('"') && raw.ends_with('"'))
            || (raw.starts_with('\'') && raw.ends_with('\'')))
    {
        &raw[1..raw.len() - 1]
    } else {
        raw
    };
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(n) = chars.next() {
                out.push(n);
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Which Nix implementation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum NixFlavour {
    /// Upstream Nix (NixOS/nix).
    Upstream,
    /// Determinate Nix (DeterminateSystems), flakes on by default.
    Determinate,
    /// Lix, the compatibility-focused fork.
    Lix,
}

impl NixFlavour {
    /// Human label.
    pub fn label(self) -> &'static str {
        match self {
            NixFlavour::Upstream => "Nix",
            NixFlavour::Determinate => "Determinate Nix",
            NixFlavour::Lix => "Lix",
        }
    }
}

/// The Nix installation found on the target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NixInstall {
    /// The implementation.
    pub flavour: NixFlavour,
    /// The implementation's own version (Lix 2.91.1, Determinate Nix 3.6.2, Nix 2.28.3).
    pub version: String,
    /// The upstream Nix version it is based on, when it says so (Determinate).
    pub nix_version: Option<String>,
    /// Where this came from: the command run or the store path read.
    pub source: String,
}

impl NixInstall {
    /// Parse `nix --version` output: `nix (Nix) 2.28.3`, `nix (Lix, like Nix) 2.91.1`,
    /// `nix (Determinate Nix 3.6.2) 2.29.0`.
    pub fn parse_version_output(text: &str, source: &str) -> Option<NixInstall> {
        let line = text.lines().next()?.trim();
        let (_, rest) = line.split_once('(')?;
        let (inside, after) = rest.split_once(')')?;
        let after = after.split_whitespace().next().unwrap_or("").to_string();
        let (flavour, version, nix_version) = if inside.starts_with("Lix") {
            (NixFlavour::Lix, after, None)
        } else if let Some(v) = inside.strip_prefix("Determinate Nix") {
            let v = v.trim();
            let version = if v.is_empty() {
                after.clone()
            } else {
                v.to_string()
            };
            (NixFlavour::Determinate, version, Some(after))
        } else if inside == "Nix" {
            (NixFlavour::Upstream, after, None)
        } else {
            return None;
        };
        if version.is_empty() || !version.starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        Some(NixInstall {
            flavour,
            version,
            nix_version,
            source: source.to_string(),
        })
    }

    /// Derive flavour and version from a store path name such as
    /// `/nix/store/<hash>-nix-2.28.3`, `...-lix-2.91.1` or `...-determinate-nix-3.6.2`.
    pub fn from_store_path(store_path: &Path) -> Option<NixInstall> {
        let name = crate::pkgname::parse(store_path.to_str()?);
        let flavour = match name.pname {
            "nix" => NixFlavour::Upstream,
            "lix" => NixFlavour::Lix,
            "determinate-nix" => NixFlavour::Determinate,
            _ => return None,
        };
        let version = name
            .version
            .filter(|v| v.starts_with(|c: char| c.is_ascii_digit()))?;
        Some(NixInstall {
            flavour,
            version: version.to_string(),
            nix_version: None,
            source: store_path.display().to_string(),
        })
    }
}

/// Total and free bytes of a filesystem.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiskSpace {
    /// Mount point (or the path that was measured).
    pub mount_point: String,
    /// Filesystem type, when known.
    pub fs_type: Option<String>,
    /// Size in bytes.
    pub total_bytes: u64,
    /// Bytes available to unprivileged users.
    pub available_bytes: u64,
}

/// Memory of the running machine.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Memory {
    /// Total RAM in bytes.
    pub total_bytes: u64,
    /// Available RAM in bytes.
    pub available_bytes: u64,
    /// Total swap in bytes.
    pub swap_total_bytes: u64,
}

/// Facts of the `host` probe.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HostFacts {
    /// Hostname: `gethostname` live, `/etc/hostname` under `--root`.
    pub hostname: Option<String>,
    /// /etc/os-release, when readable.
    pub os_release: Option<OsRelease>,
    /// Whether this is NixOS (`ID=nixos`).
    pub nixos: bool,
    /// Whether this is WSL (kernel release mentions Microsoft/WSL, or /etc/wsl.conf exists).
    pub wsl: bool,
    /// Whether this is macOS (nix-darwin or plain Nix).
    pub darwin: bool,
    /// The Nix installation, if one was found.
    pub nix: Option<NixInstall>,
    /// Whether `/nix/store` exists on the target.
    pub has_store: bool,
    /// Whether Determinate's daemon `determinate-nixd` is installed.
    pub determinate_nixd: bool,
    /// Whether a nix-daemon socket directory exists (a multi-user install).
    pub multi_user: bool,
    /// Kernel release: the running one live; under `--root`, the system profile's kernel.
    pub kernel: Option<String>,
    /// Memory of the running machine (live only).
    pub memory: Option<Memory>,
    /// Filesystems: all mounted ones live; the root's under `--root`.
    pub disks: Vec<DiskSpace>,
    /// Things that could not be read, as `what: why` (the probe still succeeded).
    pub problems: Vec<String>,
    /// Files and commands these facts came from.
    pub sources: Vec<String>,
    /// Which `nix` each login user's PATH, the daemon and the current system run.
    #[serde(default)]
    pub installation: install::Installation,
    /// What Nix printed on stderr while the probe asked it something (`nix --version`).
    #[serde(default)]
    pub nix_stderr: Vec<crate::command::CmdStderr>,
}

impl ProbeFacts for HostFacts {
    const PROBE: ProbeId = ProbeId::Host;

    fn incomplete(&self) -> Vec<String> {
        self.problems.clone()
    }
}

/// The `host` probe.
#[derive(Debug, Default)]
pub struct HostProbe;

/// Paths where a nix binary may be found, in order of preference.
const NIX_BINARIES: &[&str] = &[
    "/run/current-system/sw/bin/nix",
    "/nix/var/nix/profiles/default/bin/nix",
    "/nix/var/nix/profiles/system/sw/bin/nix",
    "/root/.nix-profile/bin/nix",
];

/// Paths where Determinate's daemon may be installed.
const DETERMINATE_NIXD: &[&str] = &[
    "/usr/local/bin/determinate-nixd",
    "/run/current-system/sw/bin/determinate-nixd",
    "/nix/var/nix/profiles/system/sw/bin/determinate-nixd",
    "/nix/var/nix/profiles/default/bin/determinate-nixd",
];

impl Probe for HostProbe {
    fn id(&self) -> ProbeId {
        ProbeId::Host
    }

    fn by_hand(&self) -> &'static str {
        "cat /etc/os-release; nix --version; uname -a; hostname; df -h /nix/store"
    }

    fn collect(&self, host: &Host, cx: &ProbeContext<'_>) -> Result<Box<dyn Facts>, ProbeError> {
        let mut problems = Vec::new();
        let mut sources = Vec::new();

        let os_release = match host.read_text("/etc/os-release", caps::TINY) {
            Ok(text) => {
                sources.push("/etc/os-release".to_string());
                Some(OsRelease::parse(&text))
            }
            Err(e) => {
                if !e.is_not_found() {
                    problems.push(e.to_string());
                }
                None
            }
        };
        let nixos = os_release
            .as_ref()
            .is_some_and(|o| o.id.as_deref() == Some("nixos"));
        let darwin = host.exists("/System/Library/CoreServices/SystemVersion.plist");

        let hostname = if host.is_live() {
            nix::unistd::gethostname()
                .ok()
                .map(|h| h.to_string_lossy().into_owned())
        } else {
            match host.read_text("/etc/hostname", caps::TINY) {
                Ok(h) => Some(h.trim().to_string()).filter(|h| !h.is_empty()),
                Err(e) => {
                    if !e.is_not_found() {
                        problems.push(e.to_string());
                    }
                    None
                }
            }
        };

        let kernel = if host.is_live() {
            host.read_text("/proc/sys/kernel/osrelease", caps::TINY)
                .ok()
                .map(|k| k.trim().to_string())
        } else {
            host.resolve_to_store("/nix/var/nix/profiles/system/kernel")
                .ok()
                .flatten()
                .and_then(|p| store_name(&p))
        };
        let wsl = kernel.as_deref().is_some_and(|k| {
            let k = k.to_ascii_lowercase();
            k.contains("microsoft") || k.contains("wsl")
        }) || host.exists("/etc/wsl.conf");

        let has_store = host.is_dir(host.store_dir());
        let mut nix_stderr = Vec::new();
        let nix = find_nix(host, cx, &mut sources, &mut problems, &mut nix_stderr);
        let determinate_nixd = DETERMINATE_NIXD.iter().any(|p| host.exists(p));
        let multi_user = host.is_dir(host.state_dir().join("daemon-socket"));
        let installation = install::collect(host, nixos);
        // Account lines the parser skipped (malformed, NIS compat): users the installation
        // and trust facts do not see.
        problems.extend(host.accounts().notes());

        let (memory, disks) = if host.is_live() {
            live_resources()
        } else {
            (
                None,
                disk_space_of(host, Path::new("/")).into_iter().collect(),
            )
        };

        Ok(Box::new(HostFacts {
            hostname,
            os_release,
            nixos,
            wsl,
            darwin,
            nix,
            has_store,
            determinate_nixd,
            multi_user,
            kernel,
            memory,
            disks,
            problems,
            sources,
            installation,
            nix_stderr,
        }))
    }
}

/// The name part of a store path (`/nix/store/<hash>-linux-6.12.40` -> `linux-6.12.40`).
fn store_name(store_path: &Path) -> Option<String> {
    let name = store_path.file_name()?.to_string_lossy().into_owned();
    name.split_once('-').map(|(_, n)| n.to_string())
}

fn find_nix(
    host: &Host,
    cx: &ProbeContext<'_>,
    sources: &mut Vec<String>,
    problems: &mut Vec<String>,
    nix_stderr: &mut Vec<crate::command::CmdStderr>,
) -> Option<NixInstall> {
    if host.is_live() {
        let cmd = Cmd::new("nix").arg("--version").max_output(64 * 1024);
        let timeout = cx.remaining().min(Duration::from_secs(10));
        let run = host.run_live(&cmd, timeout);
        if let Ok(out) = &run {
            nix_stderr.extend(out.stderr_evidence(&cmd));
        }
        match run {
            Ok(out) if out.success() => {
                sources.push(cmd.to_string());
                match NixInstall::parse_version_output(&out.stdout_text(), &cmd.to_string()) {
                    Some(n) => return Some(n),
                    None => problems.push(format!(
                        "`{cmd}` printed an unknown format: {}",
                        out.stdout_text().lines().next().unwrap_or("")
                    )),
                }
            }
            Ok(out) => problems.push(format!("`{cmd}` failed: {}", out.stderr_line())),
            Err(CommandError::NotFound { .. }) => {}
            Err(e) => problems.push(e.to_string()),
        }
    }
    for candidate in NIX_BINARIES {
        if let Ok(Some(store_path)) = host.resolve_to_store(candidate) {
            if let Some(n) = NixInstall::from_store_path(&store_path) {
                sources.push(format!("{candidate} -> {}", store_path.display()));
                return Some(n);
            }
        }
    }
    None
}

fn live_resources() -> (Option<Memory>, Vec<DiskSpace>) {
    let mut sys = sysinfo::System::new();
    sys.refresh_memory();
    let memory = Some(Memory {
        total_bytes: sys.total_memory(),
        available_bytes: sys.available_memory(),
        swap_total_bytes: sys.total_swap(),
    });
    let disks = sysinfo::Disks::new_with_refreshed_list();
    let mut out: Vec<DiskSpace> = disks
        .list()
        .iter()
        .map(|d| DiskSpace {
            mount_point: d.mount_point().display().to_string(),
            fs_type: Some(d.file_system().to_string_lossy().into_owned()),
            total_bytes: d.total_space(),
            available_bytes: d.available_space(),
        })
        .collect();
    out.sort_by(|a, b| a.mount_point.cmp(&b.mount_point));
    out.dedup_by(|a, b| a.mount_point == b.mount_point);
    (memory, out)
}

/// Where on disk a logical path's filesystem is measured (used by other probes too).
pub fn disk_space_of(host: &Host, logical: &Path) -> Option<DiskSpace> {
    let fs = host.fs_space(logical).ok()?;
    Some(DiskSpace {
        mount_point: logical.display().to_string(),
        fs_type: None,
        total_bytes: fs.total_bytes,
        available_bytes: fs.available_bytes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_nixos_os_release() {
        let text = "ANSI_COLOR=\"1;34\"\nBUILD_ID=\"25.11.20251120.abcdef0\"\nID=nixos\nNAME=NixOS\nPRETTY_NAME=\"NixOS 25.11 (Xantusia)\"\nVERSION_CODENAME=xantusia\nVERSION_ID=\"25.11\"\n# comment\nbogus line\n";
        let os = OsRelease::parse(text);
        assert_eq!(os.id.as_deref(), Some("nixos"));
        assert_eq!(os.version_id.as_deref(), Some("25.11"));
        assert_eq!(os.version_codename.as_deref(), Some("xantusia"));
        assert_eq!(os.pretty_name.as_deref(), Some("NixOS 25.11 (Xantusia)"));
    }

    #[test]
    fn parses_nix_version_lines() {
        let up = NixInstall::parse_version_output("nix (Nix) 2.28.3\n", "nix --version").unwrap();
        assert_eq!(
            (up.flavour, up.version.as_str()),
            (NixFlavour::Upstream, "2.28.3")
        );
        let lix = NixInstall::parse_version_output("nix (Lix, like Nix) 2.91.1", "x").unwrap();
        assert_eq!(
            (lix.flavour, lix.version.as_str()),
            (NixFlavour::Lix, "2.91.1")
        );
        let det =
            NixInstall::parse_version_output("nix (Determinate Nix 3.6.2) 2.29.0", "x").unwrap();
        assert_eq!(det.flavour, NixFlavour::Determinate);
        assert_eq!(det.version, "3.6.2");
        assert_eq!(det.nix_version.as_deref(), Some("2.29.0"));
        assert!(NixInstall::parse_version_output("garbage", "x").is_none());
        assert!(NixInstall::parse_version_output("", "x").is_none());
        assert!(NixInstall::parse_version_output("nix (Nix) ", "x").is_none());
    }

    #[test]
    fn parses_store_path_names() {
        let p = Path::new("/nix/store/0123456789abcdfghijklmnpqrsvwxyz-nix-2.28.3");
        let n = NixInstall::from_store_path(p).unwrap();
        assert_eq!(
            (n.flavour, n.version.as_str()),
            (NixFlavour::Upstream, "2.28.3")
        );
        let l = Path::new("/nix/store/0123456789abcdfghijklmnpqrsvwxyz-lix-2.91.1");
        assert_eq!(
            NixInstall::from_store_path(l).unwrap().flavour,
            NixFlavour::Lix
        );
        let x = Path::new("/nix/store/0123456789abcdfghijklmnpqrsvwxyz-nixos-system-x");
        assert!(NixInstall::from_store_path(x).is_none());
        // Split as pkgname splits every store name: the output is not the version, and a
        // package whose name only starts like Nix's is not Nix.
        let h = "/nix/store/0123456789abcdfghijklmnpqrsvwxyz";
        let v = |n: &str| {
            NixInstall::from_store_path(Path::new(&format!("{h}-{n}")))
                .map(|i| (i.flavour, i.version))
        };
        assert_eq!(
            v("determinate-nix-3.6.2"),
            Some((NixFlavour::Determinate, "3.6.2".into()))
        );
        assert_eq!(
            v("nix-2.28.3-man"),
            Some((NixFlavour::Upstream, "2.28.3".into()))
        );
        assert_eq!(
            v("nix-2.30.0pre20250521_76a4d4c"),
            Some((NixFlavour::Upstream, "2.30.0pre20250521_76a4d4c".into()))
        );
        assert_eq!(v("nix-index-0.1.8"), None);
        assert_eq!(v("nix-output-monitor-2.1.5"), None);
        assert_eq!(v("lix-abcdef1"), None);
    }
}
