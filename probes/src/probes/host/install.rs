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
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::accounts::User;
use crate::fs::caps;
use crate::host::Host;

use super::{NixFlavour, NixInstall};

/// How many login users' PATHs are rebuilt (the rest are counted, not read).
pub const MAX_USERS: usize = 200;

/// How many processes are looked at for the daemon process.
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
    /// Login users whose permissions let them connect, at most [`MAX_USERS`]; `None` when
    /// /etc/passwd or /etc/group could not be read.
    pub reachable_by: Option<Vec<String>>,
    /// Login users whose permissions do not, at most [`MAX_USERS`].
    pub unreachable_by: Option<Vec<String>>,
    /// Login users who can connect beyond those listed in `reachable_by`.
    #[serde(default)]
    pub reachable_more: usize,
    /// Login users who cannot connect beyond those listed in `unreachable_by`.
    #[serde(default)]
    pub unreachable_more: usize,
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

fn daemon_socket(host: &Host) -> Option<DaemonSocket> {
    let dir = host.state_dir().join("daemon-socket");
    let d = host.metadata(&dir).ok().filter(|m| m.is_dir())?;
    let path = dir.join("socket");
    let s = host.symlink_metadata(&path).ok();
    let accounts = host.accounts();
    let (mut reachable_by, mut unreachable_by, mut reachable_more, mut unreachable_more) =
        (None, None, 0, 0);
    if let (Some(s), Ok(passwd), Ok(groups)) = (&s, accounts.passwd(), accounts.group()) {
        // Every login user is judged (a permission check reads nothing); the lists are capped.
        let (mut yes, mut no) = (Vec::new(), Vec::new());
        let memberships = groups.memberships();
        for u in passwd.login_users() {
            let gids = memberships.gids_of(u);
            let ok = permits(u.uid, &gids, d.mode, d.uid, d.gid, 1)
                && permits(u.uid, &gids, s.mode, s.uid, s.gid, 2);
            let (list, more) = if ok {
                (&mut yes, &mut reachable_more)
            } else {
                (&mut no, &mut unreachable_more)
            };
            if list.len() < MAX_USERS {
                list.push(u.name.clone());
            } else {
                *more += 1;
            }
        }
        (reachable_by, unreachable_by) = (Some(yes), Some(no));
    }
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
        reachable_more,
        unreachable_more,
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

/// The PATH a login shell of `user` gets: NixOS's order, or on another distro the Nix
/// installer's profile directories before the distribution's own.
pub fn login_path(user: &User, nixos: bool) -> Vec<PathBuf> {
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

/// The `nix` binaries on `path`, one per distinct resolved binary, in order. `seen` holds
/// what each directory's `nix` resolved to: PATH directories most users share
/// (`/run/current-system/sw/bin`, the default profile) are resolved once per audit.
pub fn nixes_on(
    host: &Host,
    path: &[PathBuf],
    seen: &mut BTreeMap<PathBuf, Option<NixBinary>>,
) -> Vec<NixBinary> {
    let mut found: Vec<NixBinary> = Vec::new();
    for dir in path {
        let b = seen
            .entry(dir.clone())
            .or_insert_with(|| binary(host, &dir.join("nix")));
        if let Some(b) = b {
            if !found.iter().any(|f| f.resolved == b.resolved) {
                found.push(b.clone());
            }
        }
    }
    found
}

/// Collect the installation's binaries.
pub fn collect(host: &Host, nixos: bool) -> Installation {
    let mut inst = Installation::default();
    let mut users: Vec<User> = host
        .accounts()
        .passwd()
        .map(|p| p.login_users().into_iter().cloned().collect())
        .unwrap_or_default();
    if !users.iter().any(|u| u.name == "root") {
        users.insert(
            0,
            User {
                name: "root".into(),
                uid: 0,
                gid: 0,
                home: "/root".into(),
                shell: String::new(),
            },
        );
    }
    inst.users_not_read = users.len().saturating_sub(MAX_USERS);
    let mut seen = BTreeMap::new();
    for u in users.iter().take(MAX_USERS) {
        let path = login_path(u, nixos);
        let found = nixes_on(host, &path, &mut seen);
        inst.paths.push(PathNix {
            user: u.name.clone(),
            path: path.iter().map(|p| p.display().to_string()).collect(),
            found,
        });
    }
    inst.socket = daemon_socket(host);
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
    let pids = host.pids().ok()?;
    let proc_stat = host.read_text("/proc/stat", caps::SMALL).ok()?;
    let ticks = clock_ticks();
    let mut best: Option<(DateTime<Utc>, u32)> = None;
    for &pid in pids.iter().take(MAX_PROCS) {
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
    fn paths_follow_nixos_and_debian() {
        let u = User {
            name: "alice".into(),
            uid: 1000,
            gid: 100,
            home: "/home/alice".into(),
            shell: "/bin/sh".into(),
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

    /// Directories every user's PATH shares are resolved once: the second user's lookup
    /// answers from the first's (a binary that appeared since is not looked for again).
    #[test]
    fn shared_path_directories_are_resolved_once() {
        let dir = tempfile::tempdir().unwrap();
        let r = dir.path();
        let sys = "nix/store/0123456789abcdfghijklmnpqrsvwxyz-nix-2.28.3/bin";
        std::fs::create_dir_all(r.join(sys)).unwrap();
        std::fs::write(r.join(sys).join("nix"), "").unwrap();
        std::fs::create_dir_all(r.join("run/current-system/sw")).unwrap();
        std::os::unix::fs::symlink(format!("/{sys}"), r.join("run/current-system/sw/bin")).unwrap();
        let host = Host::at_root(
            r,
            std::sync::Arc::new(crate::command::SystemRunner),
            chrono::Utc::now(),
        )
        .unwrap();
        let user = |name: &str| User {
            name: name.into(),
            uid: 1000,
            gid: 100,
            home: format!("/home/{name}"),
            shell: "/bin/sh".into(),
        };
        let mut seen = BTreeMap::new();
        let a = nixes_on(&host, &login_path(&user("a"), true), &mut seen);
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].version_label(), "Nix 2.28.3");
        let dirs = seen.len();
        // A nix appearing in the default profile now is not seen: that directory was looked
        // at already; b's own directories are new.
        std::fs::create_dir_all(r.join("nix/var/nix/profiles/default/bin")).unwrap();
        std::fs::write(r.join("nix/var/nix/profiles/default/bin/nix"), "").unwrap();
        let b = nixes_on(&host, &login_path(&user("b"), true), &mut seen);
        assert_eq!(b, a);
        // b adds only its home's two directories and its per-user profile.
        assert_eq!(seen.len(), dirs + 3);
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
