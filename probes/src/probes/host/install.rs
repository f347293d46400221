//! Which `nix` each part of the installation runs: each login user's PATH, the daemon, the
//! current system's `nix.package`.
//!
//! A `nix` binary is resolved through the confined [`Host`] to the store path it lives in, and
//! its flavour and version are read from that store path's name ([`crate::pkgname`]): `nix-2.28.3`,
//! `lix-2.91.1`, `determinate-nix-3.6.2`. A binary outside the store (Debian's `/usr/bin/nix`)
//! keeps its resolved path and no version. Nothing is run: a user's PATH is rebuilt the way
//! NixOS (or the Nix installer's profile script on another distro) sets it, and the daemon's
//! binary is the running process's `/proc/PID/exe` (live) or its unit's `ExecStart` (under
//! `--root`, or when no daemon runs).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

use crate::fs::caps;
use crate::host::Host;

use super::{NixFlavour, NixInstall};

/// How many login users' PATHs are rebuilt (the rest are counted, not read).
pub const MAX_USERS: usize = 200;

/// How many `/proc` entries are looked at for the daemon process.
const MAX_PROCS: usize = 100_000;

/// One `nix` binary, where it was found and what it resolves to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NixBinary {
    /// Where it was found (logical), e.g. `/run/current-system/sw/bin/nix`.
    pub path: String,
    /// What it resolves to (logical), links followed inside the root.
    pub resolved: String,
    /// The store path it lives in, when it lives in the store.
    pub store_path: Option<String>,
    /// Flavour and version from the store path's name, when it has one.
    pub install: Option<NixInstall>,
}

impl NixBinary {
    /// `Nix 2.28.3`, `Lix 2.91.1`, or `version unknown`.
    pub fn version_label(&self) -> String {
        match &self.install {
            Some(i) => format!("{} {}", i.flavour.label(), i.version),
            None => "version unknown".to_string(),
        }
    }

    /// What identifies the version for comparison: flavour and version, when known.
    pub fn version_key(&self) -> Option<(NixFlavour, String)> {
        self.install
            .as_ref()
            .map(|i| (i.flavour, i.version.clone()))
    }
}

/// The `nix` binaries on one user's PATH, in PATH order (the first one runs).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PathNix {
    /// The user (from /etc/passwd).
    pub user: String,
    /// The PATH directories looked in, in order.
    pub path: Vec<String>,
    /// Every `nix` found on it, in PATH order, one per distinct resolved binary.
    pub found: Vec<NixBinary>,
}

/// The Nix the daemon runs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DaemonNix {
    /// Where the binary was learnt: `/proc/PID/exe`, or the unit file's `ExecStart`.
    pub source: String,
    /// The binary.
    pub binary: NixBinary,
    /// The running daemon's process ID (live only).
    pub pid: Option<u32>,
    /// When the running daemon started (live only: /proc/PID/stat and /proc/stat's btime).
    pub started: Option<DateTime<Utc>>,
    /// The running daemon's executable was deleted (replaced by an upgrade, not restarted).
    pub exe_deleted: bool,
}

/// Facts about the Nix binaries of the installation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Installation {
    /// Root's and each login user's PATH.
    pub paths: Vec<PathNix>,
    /// Login users beyond [`MAX_USERS`] whose PATHs were not rebuilt.
    pub users_not_read: usize,
    /// The daemon's Nix, when found.
    pub daemon: Option<DaemonNix>,
    /// Why the running daemon was not looked at (under `--root`: no running system), or no
    /// daemon process was found live.
    pub daemon_note: Option<String>,
    /// The current system's `nix.package` (`/run/current-system/sw/bin/nix`).
    pub system: Option<NixBinary>,
    /// The daemon socket, when its directory exists (a multi-user install).
    #[serde(default)]
    pub socket: Option<DaemonSocket>,
}

/// `/nix/var/nix/daemon-socket/socket` and its directory: what a client needs to connect
/// (search permission on the directory, write permission on the socket).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DaemonSocket {
    /// The socket's path (logical).
    pub path: String,
    /// What is there (a socket, a regular file, ...); `None` when nothing is.
    pub kind: Option<crate::fs::FileKind>,
    /// The socket's permission bits.
    pub mode: Option<u32>,
    /// The socket's owner.
    pub uid: Option<u32>,
    /// The socket's group.
    pub gid: Option<u32>,
    /// The directory's permission bits.
    pub dir_mode: u32,
    /// The directory's owner.
    pub dir_uid: u32,
    /// The directory's group.
    pub dir_gid: u32,
    /// Login users (of those whose PATHs were rebuilt) whose permissions let them connect;
    /// `None` when /etc/passwd or /etc/group could not be read.
    pub reachable_by: Option<Vec<String>>,
    /// Login users whose permissions do not.
    pub unreachable_by: Option<Vec<String>>,
}

/// Whether a user (uid, groups) has the permission `bit` (4 read, 2 write, 1 search) on a file
/// of `mode`, owner `owner`, group `group`, as the kernel decides for a non-root user.
pub fn permits(uid: u32, groups: &[u32], mode: u32, owner: u32, group: u32, bit: u32) -> bool {
    if uid == 0 {
        return true;
    }
    if uid == owner {
        return mode & (bit << 6) != 0;
    }
    if groups.contains(&group) {
        return mode & (bit << 3) != 0;
    }
    mode & bit != 0
}

/// The uid and every gid (primary and supplementary, from /etc/group's member lists) of each
/// login user.
fn user_ids(passwd: &str, group: &str) -> Vec<(String, u32, Vec<u32>)> {
    let groups: Vec<(u32, Vec<&str>)> = group
        .lines()
        .filter_map(|l| {
            let f: Vec<&str> = l.split(':').collect();
            let gid = f.get(2)?.parse().ok()?;
            let members = f
                .get(3)
                .map(|m| m.split(',').map(str::trim).collect())
                .unwrap_or_default();
            Some((gid, members))
        })
        .collect();
    passwd
        .lines()
        .filter_map(|l| {
            let f: Vec<&str> = l.split(':').collect();
            let name = *f.first()?;
            let uid: u32 = f.get(2)?.parse().ok()?;
            let gid: u32 = f.get(3)?.parse().ok()?;
            let mut gids = vec![gid];
            gids.extend(
                groups
                    .iter()
                    .filter(|(_, m)| m.contains(&name))
                    .map(|(g, _)| *g),
            );
            Some((name.to_string(), uid, gids))
        })
        .collect()
}

fn daemon_socket(host: &Host, users: &[String]) -> Option<DaemonSocket> {
    let dir = host.state_dir().join("daemon-socket");
    let d = host.metadata(&dir).ok().filter(|m| m.is_dir())?;
    let path = dir.join("socket");
    let s = host.symlink_metadata(&path).ok();
    let accounts = host.accounts();
    let ids = match (accounts.passwd(), accounts.group()) {
        (Ok(p), Ok(g)) => Some(user_ids(p, g)),
        _ => None,
    };
    let (reachable_by, unreachable_by) = match (&s, ids) {
        (Some(s), Some(ids)) => {
            let (mut yes, mut no) = (Vec::new(), Vec::new());
            for u in users {
                let Some((_, uid, gids)) = ids.iter().find(|(n, _, _)| n == u) else {
                    continue;
                };
                let ok = permits(*uid, gids, d.mode, d.uid, d.gid, 1)
                    && permits(*uid, gids, s.mode, s.uid, s.gid, 2);
                if ok {
                    yes.push(u.clone())
                } else {
                    no.push(u.clone())
                }
            }
            (Some(yes), Some(no))
        }
        _ => (None, None),
    };
    Some(DaemonSocket {
        path: path.display().to_string(),
        kind: s.map(|m| m.kind),
        mode: s.map(|m| m.mode),
        uid: s.map(|m| m.uid),
        gid: s.map(|m| m.gid),
        dir_mode: d.mode,
        dir_uid: d.uid,
        dir_gid: d.gid,
        reachable_by,
        unreachable_by,
    })
}

/// Resolve the `nix` at `logical`, if one is there (a regular file after following links).
pub fn binary(host: &Host, logical: &Path) -> Option<NixBinary> {
    let meta = host.metadata(logical).ok()?;
    if !meta.is_file() {
        return None;
    }
    let resolved = host.resolve(logical).ok()?;
    let store_path = host.store_path_of(&resolved);
    let install = store_path.as_deref().and_then(NixInstall::from_store_path);
    Some(NixBinary {
        path: logical.display().to_string(),
        resolved: resolved.display().to_string(),
        store_path: store_path.map(|p| p.display().to_string()),
        install,
    })
}

/// A login user from /etc/passwd.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoginUser {
    /// Name.
    pub name: String,
    /// Home directory.
    pub home: String,
    /// Primary group ID.
    pub gid: u32,
}

/// Shells that refuse a login.
fn is_login_shell(shell: &str) -> bool {
    let base = shell.rsplit('/').next().unwrap_or(shell);
    !matches!(base, "nologin" | "false" | "sync" | "halt" | "shutdown")
}

/// A user name that is safe to put into a path (`/etc/profiles/per-user/NAME`).
fn plain_name(name: &str) -> bool {
    !name.is_empty()
        && name != "."
        && name != ".."
        && name.len() <= 64
        && !name.contains(['/', '\0'])
}

/// Login users of /etc/passwd (a login shell, an absolute home, a plain name), root first.
pub fn login_users(passwd: &str) -> Vec<LoginUser> {
    let mut out: Vec<LoginUser> = passwd
        .lines()
        .filter_map(|l| {
            let f: Vec<&str> = l.split(':').collect();
            let (name, gid, home, shell) = (f.first()?, f.get(3)?, f.get(5)?, f.get(6)?);
            (plain_name(name) && home.starts_with('/') && is_login_shell(shell)).then(|| {
                LoginUser {
                    name: (*name).to_string(),
                    home: (*home).to_string(),
                    gid: gid.parse().unwrap_or(u32::MAX),
                }
            })
        })
        .collect();
    out.sort_by_key(|u| u.name != "root");
    // One row per name, wherever the repeats stand in the file (the first one wins).
    let mut seen = std::collections::BTreeSet::new();
    out.retain(|u| seen.insert(u.name.clone()));
    out
}

/// The PATH a login shell of `user` gets: NixOS's order, or on another distro the Nix
/// installer's profile directories before the distribution's own.
pub fn login_path(user: &LoginUser, nixos: bool) -> Vec<PathBuf> {
    let home = Path::new(&user.home);
    let mut path = Vec::new();
    if nixos {
        path.push(PathBuf::from("/run/wrappers/bin"));
    }
    path.push(home.join(".nix-profile/bin"));
    path.push(home.join(".local/state/nix/profile/bin"));
    if nixos {
        path.push(
            Path::new("/etc/profiles/per-user")
                .join(&user.name)
                .join("bin"),
        );
    }
    path.push(PathBuf::from("/nix/var/nix/profiles/default/bin"));
    if nixos {
        path.push(PathBuf::from("/run/current-system/sw/bin"));
    } else {
        path.extend(["/usr/local/bin", "/usr/bin", "/bin"].map(PathBuf::from));
    }
    path
}

/// The `nix` binaries on `path`, one per distinct resolved binary, in order.
pub fn nixes_on(host: &Host, path: &[PathBuf]) -> Vec<NixBinary> {
    let mut found: Vec<NixBinary> = Vec::new();
    for dir in path {
        if let Some(b) = binary(host, &dir.join("nix")) {
            if !found.iter().any(|f| f.resolved == b.resolved) {
                found.push(b);
            }
        }
    }
    found
}

/// Collect the installation's binaries.
pub fn collect(host: &Host, nixos: bool) -> Installation {
    let mut inst = Installation::default();
    let mut users = host
        .accounts()
        .passwd()
        .map(login_users)
        .unwrap_or_default();
    if !users.iter().any(|u| u.name == "root") {
        users.insert(
            0,
            LoginUser {
                name: "root".into(),
                home: "/root".into(),
                gid: 0,
            },
        );
    }
    inst.users_not_read = users.len().saturating_sub(MAX_USERS);
    for u in users.iter().take(MAX_USERS) {
        let path = login_path(u, nixos);
        let found = nixes_on(host, &path);
        inst.paths.push(PathNix {
            user: u.name.clone(),
            path: path.iter().map(|p| p.display().to_string()).collect(),
            found,
        });
    }
    let names: Vec<String> = inst.paths.iter().map(|p| p.user.clone()).collect();
    inst.socket = daemon_socket(host, &names);
    inst.system = ["/run/current-system", "/nix/var/nix/profiles/system"]
        .iter()
        .find(|s| host.exists(s))
        .and_then(|s| binary(host, &Path::new(s).join("sw/bin/nix")));
    if host.is_live() {
        match running_daemon(host) {
            Some(d) => inst.daemon = Some(d),
            None => {
                inst.daemon_note = Some("no nix-daemon process runs".to_string());
                inst.daemon = daemon_unit(host);
            }
        }
    } else {
        inst.daemon_note = Some("not a running system (--root)".to_string());
        inst.daemon = daemon_unit(host);
    }
    inst
}

/// Unit files of nix-daemon.service, in the order systemd prefers them.
const DAEMON_UNITS: &[&str] = &[
    "/etc/systemd/system/nix-daemon.service",
    "/run/current-system/etc/systemd/system/nix-daemon.service",
    "/nix/var/nix/profiles/system/etc/systemd/system/nix-daemon.service",
    "/lib/systemd/system/nix-daemon.service",
    "/usr/lib/systemd/system/nix-daemon.service",
];

/// The program of an `ExecStart=` line (its prefixes `@-:+!` dropped).
pub fn exec_start_program(unit: &str) -> Option<String> {
    unit.lines().rev().find_map(|l| {
        let v = l.trim().strip_prefix("ExecStart=")?;
        let v = v.trim_start_matches(['@', '-', ':', '+', '!']);
        let prog = v.split_whitespace().next()?;
        prog.starts_with('/').then(|| prog.to_string())
    })
}

fn daemon_unit(host: &Host) -> Option<DaemonNix> {
    for unit in DAEMON_UNITS {
        let Ok(text) = host.read_text(unit, caps::SMALL) else {
            continue;
        };
        // A unit without a usable ExecStart (or whose binary is gone) does not end the
        // search: a later unit file may still name the daemon.
        let Some(prog) = exec_start_program(&text) else {
            continue;
        };
        let Some(binary) = binary(host, Path::new(&prog)) else {
            continue;
        };
        return Some(DaemonNix {
            source: format!("{unit}: ExecStart={prog}"),
            binary,
            pid: None,
            started: None,
            exe_deleted: false,
        });
    }
    None
}

/// The start time of process `pid`: field 22 of /proc/PID/stat (clock ticks after boot)
/// plus /proc/stat's `btime`.
pub fn start_time(stat: &str, proc_stat: &str, ticks_per_sec: u64) -> Option<DateTime<Utc>> {
    let after = stat.rsplit_once(')')?.1;
    // Fields after the command: state is field 3, starttime field 22.
    let ticks: u64 = after.split_whitespace().nth(19)?.parse().ok()?;
    let btime: i64 = proc_stat
        .lines()
        .find_map(|l| l.strip_prefix("btime "))?
        .trim()
        .parse()
        .ok()?;
    let secs = i64::try_from(ticks / ticks_per_sec.max(1)).ok()?;
    DateTime::from_timestamp(btime.checked_add(secs)?, 0)
}

fn clock_ticks() -> u64 {
    nix::unistd::sysconf(nix::unistd::SysconfVar::CLK_TCK)
        .ok()
        .flatten()
        .and_then(|t| u64::try_from(t).ok())
        .unwrap_or(100)
}

/// The running daemon: the oldest process named `nix-daemon` (workers are its forks).
fn running_daemon(host: &Host) -> Option<DaemonNix> {
    let entries = host.read_dir("/proc").ok()?;
    let proc_stat = host.read_text("/proc/stat", caps::SMALL).ok()?;
    let ticks = clock_ticks();
    let mut best: Option<(DateTime<Utc>, u32)> = None;
    for e in entries.iter().take(MAX_PROCS) {
        let Some(pid) = e.name.to_str().and_then(|n| n.parse::<u32>().ok()) else {
            continue;
        };
        let Ok(comm) = host.read_text(format!("/proc/{pid}/comm"), caps::TINY) else {
            continue;
        };
        if comm.trim() != "nix-daemon" {
            continue;
        }
        let Some(started) = host
            .read_text(format!("/proc/{pid}/stat"), caps::TINY)
            .ok()
            .and_then(|s| start_time(&s, &proc_stat, ticks))
        else {
            continue;
        };
        if best.is_none_or(|(t, _)| started < t) {
            best = Some((started, pid));
        }
    }
    let (started, pid) = best?;
    let exe_link = format!("/proc/{pid}/exe");
    let target = host.read_link(&exe_link).ok()?;
    let text = target.display().to_string();
    let (exe, deleted) = match text.strip_suffix(" (deleted)") {
        Some(t) => (t.to_string(), true),
        None => (text, false),
    };
    let exe_path = PathBuf::from(&exe);
    let store_path = host.store_path_of(&exe_path);
    let binary = NixBinary {
        path: exe_link.clone(),
        resolved: exe.clone(),
        install: store_path.as_deref().and_then(NixInstall::from_store_path),
        store_path: store_path.map(|p| p.display().to_string()),
    };
    Some(DaemonNix {
        source: format!("{exe_link} -> {exe}"),
        binary,
        pid: Some(pid),
        started: Some(started),
        exe_deleted: deleted,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn login_users_skip_nologin_and_odd_names_root_first() {
        let p = "alice:x:1000:100::/home/alice:/run/current-system/sw/bin/bash\n\
                 root:x:0:0:System administrator:/root:/run/current-system/sw/bin/bash\n\
                 nixbld1:x:30001:30000::/var/empty:/run/current-system/sw/bin/nologin\n\
                 ..:x:1:1::/tmp:/bin/sh\nbad/name:x:2:2::/tmp:/bin/sh\nnohome:x:3:3::rel:/bin/sh\n\
                 sync:x:4:65534:sync:/bin:/bin/sync\n";
        let u = login_users(p);
        let names: Vec<_> = u.iter().map(|u| u.name.as_str()).collect();
        assert_eq!(names, ["root", "alice"]);
        assert_eq!(u[1].gid, 100);
    }

    #[test]
    fn paths_follow_nixos_and_debian() {
        let u = LoginUser {
            name: "alice".into(),
            home: "/home/alice".into(),
            gid: 100,
        };
        let nixos: Vec<_> = login_path(&u, true)
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        assert_eq!(nixos[0], "/run/wrappers/bin");
        assert!(nixos.contains(&"/etc/profiles/per-user/alice/bin".to_string()));
        assert_eq!(nixos.last().unwrap(), "/run/current-system/sw/bin");
        let deb: Vec<_> = login_path(&u, false)
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        assert_eq!(deb.last().unwrap(), "/bin");
        assert!(!deb.iter().any(|p| p.starts_with("/run")));
    }

    #[test]
    fn exec_start_program_drops_prefixes() {
        let unit = "[Service]\nExecStart=\nExecStart=@/nix/store/abc-nix-2.28.3/bin/nix-daemon nix-daemon --daemon\n";
        assert_eq!(
            exec_start_program(unit).as_deref(),
            Some("/nix/store/abc-nix-2.28.3/bin/nix-daemon")
        );
        assert_eq!(exec_start_program("[Service]\nType=simple\n"), None);
    }

    #[test]
    fn permits_follows_owner_group_other() {
        // Debian's socket directory: root:nix-users 0770.
        assert!(permits(1000, &[100, 993], 0o770, 0, 993, 1));
        assert!(!permits(1000, &[100], 0o770, 0, 993, 1));
        assert!(permits(0, &[0], 0o700, 5, 5, 2));
        // The owner's bits decide for the owner, even when others may.
        assert!(!permits(5, &[5], 0o007, 5, 5, 2));
        let ids = user_ids(
            "root:x:0:0::/root:/bin/sh\nalice:x:1000:100::/h:/bin/sh\n",
            "nix-users:x:993:alice\nusers:x:100:\n",
        );
        assert_eq!(ids[1], ("alice".to_string(), 1000, vec![100, 993]));
    }

    #[test]
    fn start_time_from_proc() {
        // comm with a space and a parenthesis, starttime 12345 ticks.
        let stat = "812 (nix-da (x)) S 1 812 812 0 -1 4194560 1 0 0 0 0 0 0 0 20 0 1 0 12345 0 0";
        let t = start_time(stat, "cpu 1\nbtime 1700000000\n", 100).unwrap();
        assert_eq!(t.timestamp(), 1_700_000_123);
        assert!(start_time("garbage", "btime 1", 100).is_none());
    }
}
