//! `/etc/passwd` and `/etc/group`, parsed once into typed accounts.
//!
//! Several probes need the accounts: the homes to scan for out-links (gcroots), login users'
//! PATHs and who can reach the daemon socket (host), who the daemon trusts and the build users
//! group (nixconf), per-user profiles (generations). [`crate::host::Host::accounts`] reads both
//! files once per audit (bounded by [`crate::fs::caps::ACCOUNTS`]) and parses them here; every
//! probe uses these types, so one file is read one way.
//!
//! The parser follows glibc's `files` NSS backend where it matters for who exists:
//!
//! - Lines are split at `\n`; empty and whitespace-only lines and `#` comments are skipped.
//! - A passwd line has exactly seven `:`-separated fields, a group line four; the uid and gid
//!   are decimal numbers that fit 32 bits. Anything else is a malformed line: skipped and
//!   reported ([`Skipped`]), never guessed at.
//! - `+` and `-` lines are NIS compat entries (`+::::::`, `+@netgroup`, `-user`): the accounts
//!   they bring come from NIS, not from this file, so they are reported, not parsed.
//! - A user name that repeats: `getpwnam` returns the first line, so the first wins and the
//!   others are reported. Groups keep every line (initgroups grants the gids of every line
//!   that lists a user, whatever its name), lookups by name take the first.
//! - Fields are bytes; the name, home and shell (and group names and members) must be UTF-8
//!   or the line is reported and skipped. The GECOS field is not read (old Latin-1 full names
//!   do not cost a user).

use std::collections::{BTreeMap, BTreeSet};

/// One `/etc/passwd` entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    /// Login name.
    pub name: String,
    /// User ID.
    pub uid: u32,
    /// Primary group ID.
    pub gid: u32,
    /// Home directory, as written.
    pub home: String,
    /// Login shell, as written (may be empty: `/bin/sh`).
    pub shell: String,
}

impl User {
    /// Whether the shell allows a login (not `nologin`, `false`, `sync`, `halt`, `shutdown`).
    pub fn has_login_shell(&self) -> bool {
        let base = self.shell.rsplit('/').next().unwrap_or(&self.shell);
        !matches!(base, "nologin" | "false" | "sync" | "halt" | "shutdown")
    }

    /// Whether the name is safe to put into a path (`/etc/profiles/per-user/NAME`).
    pub fn has_plain_name(&self) -> bool {
        let n = self.name.as_str();
        !n.is_empty() && n != "." && n != ".." && n.len() <= 64 && !n.contains(['/', '\0'])
    }

    /// A login user: a plain name, an absolute home and a login shell.
    pub fn is_login(&self) -> bool {
        self.has_plain_name() && self.home.starts_with('/') && self.has_login_shell()
    }
}

/// One `/etc/group` entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// Group name.
    pub name: String,
    /// Group ID.
    pub gid: u32,
    /// Listed members (the fourth field), empty names dropped.
    pub members: Vec<String>,
}

/// Why a line was not taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SkipReason {
    /// Not the right number of fields, or a bad uid/gid, or an empty name.
    Malformed,
    /// A NIS compat entry (`+...` or `-...`): those accounts come from NIS.
    NisCompat,
    /// A user name an earlier line already has (the first one is the user).
    Duplicate,
    /// A field the audit needs is not UTF-8.
    NotUtf8,
}

impl SkipReason {
    /// Human description.
    pub fn describe(self) -> &'static str {
        match self {
            SkipReason::Malformed => "malformed line",
            SkipReason::NisCompat => "NIS compat entry (its accounts come from NIS, not read)",
            SkipReason::Duplicate => "repeats an earlier user name (the first line wins)",
            SkipReason::NotUtf8 => "not UTF-8",
        }
    }
}

/// A line of an accounts file that was skipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// 1-based line number.
    pub line: usize,
    /// Why.
    pub why: SkipReason,
}

/// A parsed `/etc/passwd`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Passwd {
    /// Users in file order, one per name (the first line of a name).
    pub users: Vec<User>,
    /// Lines not taken.
    pub skipped: Vec<Skipped>,
}

/// A parsed `/etc/group`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Groups {
    /// Groups in file order, every line (a name may repeat).
    pub groups: Vec<Group>,
    /// Lines not taken.
    pub skipped: Vec<Skipped>,
}

/// The lines of an accounts file worth parsing: (1-based number, fields), or why not.
fn records(
    bytes: &[u8],
    fields: usize,
) -> impl Iterator<Item = (usize, Result<Vec<&[u8]>, SkipReason>)> {
    bytes
        .split(|&b| b == b'\n')
        .enumerate()
        .filter_map(move |(i, raw)| {
            let line = raw.trim_ascii_start();
            if line.is_empty() || line.starts_with(b"#") || line.trim_ascii().is_empty() {
                return None;
            }
            if line.starts_with(b"+") || line.starts_with(b"-") {
                return Some((i + 1, Err(SkipReason::NisCompat)));
            }
            let f: Vec<&[u8]> = line.split(|&b| b == b':').collect();
            if f.len() != fields || f.first().is_none_or(|n| n.is_empty()) {
                return Some((i + 1, Err(SkipReason::Malformed)));
            }
            Some((i + 1, Ok(f)))
        })
}

/// A decimal id: digits only (no sign, no spaces), fitting 32 bits.
fn id(field: &[u8]) -> Result<u32, SkipReason> {
    if field.is_empty() || !field.iter().all(u8::is_ascii_digit) {
        return Err(SkipReason::Malformed);
    }
    std::str::from_utf8(field)
        .ok()
        .and_then(|s| s.parse().ok())
        .ok_or(SkipReason::Malformed)
}

fn text(field: &[u8]) -> Result<String, SkipReason> {
    std::str::from_utf8(field)
        .map(str::to_string)
        .map_err(|_| SkipReason::NotUtf8)
}

impl Passwd {
    /// Parse `/etc/passwd`'s bytes.
    pub fn parse(bytes: &[u8]) -> Passwd {
        let mut out = Passwd::default();
        let mut seen = BTreeSet::new();
        for (line, rec) in records(bytes, 7) {
            let user = rec.and_then(|f| {
                let field = |i: usize| f.get(i).copied().unwrap_or_default();
                Ok(User {
                    uid: id(field(2))?,
                    gid: id(field(3))?,
                    name: text(field(0))?,
                    home: text(field(5))?,
                    shell: text(field(6))?,
                })
            });
            match user {
                Ok(u) if seen.insert(u.name.clone()) => out.users.push(u),
                Ok(_) => out.skipped.push(Skipped {
                    line,
                    why: SkipReason::Duplicate,
                }),
                Err(why) => out.skipped.push(Skipped { line, why }),
            }
        }
        out
    }

    /// The user named `name`.
    pub fn user(&self, name: &str) -> Option<&User> {
        self.users.iter().find(|u| u.name == name)
    }

    /// Login users ([`User::is_login`]), root first, then in file order.
    pub fn login_users(&self) -> Vec<&User> {
        let mut out: Vec<&User> = self.users.iter().filter(|u| u.is_login()).collect();
        out.sort_by_key(|u| u.name != "root");
        out
    }
}

impl Groups {
    /// Parse `/etc/group`'s bytes.
    pub fn parse(bytes: &[u8]) -> Groups {
        let mut out = Groups::default();
        for (line, rec) in records(bytes, 4) {
            let group = rec.and_then(|f| {
                let field = |i: usize| f.get(i).copied().unwrap_or_default();
                let members = text(field(3))?
                    .split(',')
                    .map(str::trim)
                    .filter(|m| !m.is_empty())
                    .map(str::to_string)
                    .collect();
                Ok(Group {
                    gid: id(field(2))?,
                    name: text(field(0))?,
                    members,
                })
            });
            match group {
                Ok(g) => out.groups.push(g),
                Err(why) => out.skipped.push(Skipped { line, why }),
            }
        }
        out
    }

    /// The first group named `name` (what `getgrnam` returns).
    pub fn group(&self, name: &str) -> Option<&Group> {
        self.groups.iter().find(|g| g.name == name)
    }

    /// The first group with id `gid` (what `getgrgid` returns).
    pub fn by_gid(&self, gid: u32) -> Option<&Group> {
        self.groups.iter().find(|g| g.gid == gid)
    }

    /// Every gid `user` has at login: the primary one, then each group line that lists the
    /// user (as `initgroups` builds them), without repeats. For many users, index once with
    /// [`Groups::memberships`] instead.
    pub fn gids_of(&self, user: &User) -> Vec<u32> {
        self.memberships().gids_of(user)
    }

    /// The listed members' groups, indexed once: a check over every user costs one lookup
    /// each, not a pass over every group line.
    pub fn memberships(&self) -> Memberships<'_> {
        let mut map: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
        for g in &self.groups {
            for m in &g.members {
                let gids = map.entry(m.as_str()).or_default();
                if !gids.contains(&g.gid) {
                    gids.push(g.gid);
                }
            }
        }
        Memberships(map)
    }
}

/// Which gids each listed member has from /etc/group ([`Groups::memberships`]).
#[derive(Debug, Default)]
pub struct Memberships<'a>(BTreeMap<&'a str, Vec<u32>>);

impl Memberships<'_> {
    /// Every gid `user` has at login: the primary one first, then the listed ones in file
    /// order, without repeats.
    pub fn gids_of(&self, user: &User) -> Vec<u32> {
        let mut out = vec![user.gid];
        for &g in self.0.get(user.name.as_str()).into_iter().flatten() {
            if !out.contains(&g) {
                out.push(g);
            }
        }
        out
    }
}

/// `/etc/passwd` and `/etc/group` as read and parsed once per audit (see the module docs).
#[derive(Debug, Clone)]
pub struct Accounts {
    passwd: Result<Passwd, String>,
    group: Result<Groups, String>,
}

/// Most skipped lines [`Accounts::notes`] names per file.
const MAX_NOTES: usize = 5;

impl Accounts {
    /// Accounts from the two files' contents, or why each could not be read.
    pub fn new(passwd: Result<&[u8], String>, group: Result<&[u8], String>) -> Accounts {
        Accounts {
            passwd: passwd.map(Passwd::parse),
            group: group.map(Groups::parse),
        }
    }

    /// Accounts from text (tests, tools).
    pub fn from_text(passwd: &str, group: &str) -> Accounts {
        Accounts::new(Ok(passwd.as_bytes()), Ok(group.as_bytes()))
    }

    /// The parsed `/etc/passwd`, or why it could not be read.
    pub fn passwd(&self) -> Result<&Passwd, &str> {
        self.passwd.as_ref().map_err(String::as_str)
    }

    /// The parsed `/etc/group`, or why it could not be read.
    pub fn group(&self) -> Result<&Groups, &str> {
        self.group.as_ref().map_err(String::as_str)
    }

    /// One line per file with skipped lines (`/etc/passwd: line 3: NIS compat entry ...`),
    /// at most five named per file and the rest counted.
    pub fn notes(&self) -> Vec<String> {
        let mut out = Vec::new();
        let files = [
            ("/etc/passwd", self.passwd.as_ref().map(|p| &p.skipped)),
            ("/etc/group", self.group.as_ref().map(|g| &g.skipped)),
        ];
        for (file, skipped) in files {
            let Ok(skipped) = skipped else { continue };
            if skipped.is_empty() {
                continue;
            }
            let mut parts: Vec<String> = skipped
                .iter()
                .take(MAX_NOTES)
                .map(|s| format!("line {}: {}", s.line, s.why.describe()))
                .collect();
            if skipped.len() > MAX_NOTES {
                parts.push(format!("and {} more", skipped.len() - MAX_NOTES));
            }
            out.push(format!("{file}: skipped {}", parts.join("; ")));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shape of NixOS's generated /etc/passwd (nixpkgs
    /// nixos/modules/config/update-users-groups.pl writes `name:x:uid:gid:description:home:shell`
    /// with shells under /run/current-system/sw/bin).
    const NIXOS_PASSWD: &str = "\
root:x:0:0:System administrator:/root:/run/current-system/sw/bin/bash
messagebus:x:4:4:D-Bus system message bus daemon user:/run/dbus:/run/current-system/sw/bin/nologin
nixbld1:x:30001:30000:Nix build user 1:/var/empty:/run/current-system/sw/bin/nologin
nixbld2:x:30002:30000:Nix build user 2:/var/empty:/run/current-system/sw/bin/nologin
nobody:x:65534:65534:Unprivileged account (don't use!):/var/empty:/run/current-system/sw/bin/nologin
alice:x:1000:100::/home/alice:/run/current-system/sw/bin/bash
sshd:x:998:998:SSH privilege separation user:/var/empty:/run/current-system/sw/bin/nologin
";

    /// The shape of NixOS's generated /etc/group.
    const NIXOS_GROUP: &str = "\
root:x:0:
wheel:x:1:alice
messagebus:x:4:
nixbld:x:30000:nixbld1,nixbld2
users:x:100:
nogroup:x:65534:
sshd:x:998:
";

    /// The shape of Debian's base-passwd /etc/passwd after `apt install nix-setup-systemd`
    /// and an `adduser alice`.
    const DEBIAN_PASSWD: &str = "\
root:x:0:0:root:/root:/bin/bash
daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
bin:x:2:2:bin:/bin:/usr/sbin/nologin
sync:x:4:65534:sync:/bin:/bin/sync
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
_apt:x:42:65534::/nonexistent:/usr/sbin/nologin
alice:x:1000:1000:Alice,,,:/home/alice:/bin/bash
";

    const DEBIAN_GROUP: &str = "\
root:x:0:
sudo:x:27:alice
users:x:100:
nogroup:x:65534:
alice:x:1000:
nix-users:x:996:alice
nixbld:x:995:nixbld1
";

    fn names<'a>(users: impl IntoIterator<Item = &'a User>) -> Vec<&'a str> {
        users.into_iter().map(|u| u.name.as_str()).collect()
    }

    /// Both files, every line taken.
    fn whole(a: &Accounts) -> (&Passwd, &Groups) {
        let (p, g) = (a.passwd().unwrap(), a.group().unwrap());
        assert!(p.skipped.is_empty() && g.skipped.is_empty());
        (p, g)
    }

    #[test]
    fn nixos_files_parse_whole() {
        let a = Accounts::from_text(NIXOS_PASSWD, NIXOS_GROUP);
        let (p, g) = whole(&a);
        assert_eq!(p.users.len(), 7);
        assert_eq!(names(p.login_users()), ["root", "alice"]);
        let alice = p.user("alice").unwrap();
        assert_eq!((alice.uid, alice.gid), (1000, 100));
        assert_eq!(alice.shell, "/run/current-system/sw/bin/bash");
        assert_eq!(g.gids_of(alice), [100, 1]);
        assert_eq!(g.group("nixbld").unwrap().members, ["nixbld1", "nixbld2"]);
        assert_eq!(g.by_gid(100).unwrap().name, "users");
        assert!(a.notes().is_empty());
    }

    #[test]
    fn debian_files_parse_whole() {
        let a = Accounts::from_text(DEBIAN_PASSWD, DEBIAN_GROUP);
        let (p, g) = whole(&a);
        // sync's /bin/sync and nologin shells are no logins.
        assert_eq!(names(p.login_users()), ["root", "alice"]);
        assert_eq!(g.gids_of(p.user("alice").unwrap()), [1000, 27, 996]);
    }

    #[test]
    fn malformed_comment_and_nis_lines_are_skipped_and_reported() {
        let passwd = "# local accounts\n\
                      \n\
                      root:x:0:0:root:/root:/bin/bash\n\
                      short:x:1:1\n\
                      badid:x:-1:1::/h:/bin/sh\n\
                      plus:x:+5:1::/h:/bin/sh\n\
                      big:x:4294967296:1::/h:/bin/sh\n\
                      :x:5:5::/h:/bin/sh\n\
                      extra:x:6:6::/h:/bin/sh:more\n\
                      +bob::::::\n\
                      +@netgroup\n\
                      -eve\n\
                      +\n\
                      alice:x:1000:100::/home/alice:/bin/sh";
        let p = Passwd::parse(passwd.as_bytes());
        assert_eq!(names(&p.users), ["root", "alice"]);
        let got: Vec<(usize, SkipReason)> = p.skipped.iter().map(|s| (s.line, s.why)).collect();
        use SkipReason::*;
        assert_eq!(
            got,
            [
                (4, Malformed),
                (5, Malformed),
                (6, Malformed),
                (7, Malformed),
                (8, Malformed),
                (9, Malformed),
                (10, NisCompat),
                (11, NisCompat),
                (12, NisCompat),
                (13, NisCompat),
            ]
        );
        let a = Accounts::new(Ok(passwd.as_bytes()), Err("gone".into()));
        let notes = a.notes();
        assert_eq!(notes.len(), 1);
        assert!(notes[0].starts_with("/etc/passwd: skipped line 4: malformed line;"));
        assert!(notes[0].ends_with("and 5 more"), "{}", notes[0]);
        assert_eq!(a.group().unwrap_err(), "gone");
    }

    #[test]
    fn duplicate_user_names_keep_the_first_and_groups_keep_every_line() {
        let p =
            Passwd::parse(b"alice:x:1000:100::/home/alice:/bin/sh\nalice:x:0:0::/root:/bin/sh\n");
        assert_eq!(p.users.len(), 1);
        assert_eq!(p.user("alice").unwrap().uid, 1000);
        assert_eq!(
            p.skipped,
            [Skipped {
                line: 2,
                why: SkipReason::Duplicate
            }]
        );
        // initgroups grants both lines' gids; getgrnam returns the first.
        let g = Groups::parse(b"nix-users:x:996:alice\nnix-users:x:997:bob, alice\n");
        assert_eq!(g.group("nix-users").unwrap().gid, 996);
        assert_eq!(g.gids_of(&p.users[0]), [100, 996, 997]);
        assert_eq!(g.memberships().gids_of(&p.users[0]), [100, 996, 997]);
        assert_eq!(g.groups[1].members, ["bob", "alice"]);
    }

    #[test]
    fn non_utf8_names_skip_the_line_but_gecos_does_not_matter() {
        let mut passwd = b"ren\xe9:x:1001:100::/home/rene:/bin/sh\n".to_vec();
        // A Latin-1 full name (old Debian GECOS) does not cost the user.
        passwd.extend_from_slice(b"jose:x:1002:100:Jos\xe9 P,,,:/home/jose:/bin/bash\n");
        passwd.extend_from_slice(b"h:x:1003:100::/home/\xff:/bin/sh\r\n");
        let p = Passwd::parse(&passwd);
        assert_eq!(names(&p.users), ["jose"]);
        assert_eq!(
            p.skipped,
            [
                Skipped {
                    line: 1,
                    why: SkipReason::NotUtf8
                },
                Skipped {
                    line: 3,
                    why: SkipReason::NotUtf8
                },
            ]
        );
        let g = Groups::parse(b"g\xff:x:5:\nok:x:6:a,\xffb\nfine:x:7:jose\n");
        assert_eq!(g.groups.len(), 1);
        assert_eq!(g.skipped.len(), 2);
    }

    #[test]
    fn odd_names_homes_and_shells_are_no_login_users() {
        let p = Passwd::parse(
            b"..:x:1:1::/tmp:/bin/sh\nbad/name:x:2:2::/tmp:/bin/sh\nrel:x:3:3::home:/bin/sh\n\
              nologin:x:4:4::/h:/usr/sbin/nologin\nfalse:x:5:5::/h:/bin/false\n\
              empty:x:6:6::/home/empty:\n",
        );
        assert_eq!(p.users.len(), 6);
        // An empty shell is /bin/sh: a login.
        assert_eq!(names(p.login_users()), ["empty"]);
    }
}
