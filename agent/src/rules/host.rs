//! `host.*`: the lane, and whether the NixOS release is still supported.

use chrono::NaiveDate;
use nixbtw_contracts::prose::lit;
use serde::Deserialize;

use nixbtw_contracts::{Finding, FindingId, Priority};
use nixbtw_probes::probes::host::install::NixBinary;
use nixbtw_probes::probes::host::{HostFacts, NixFlavour};

use super::releases::Releases;
use super::{bytes, finding, rule, Rule, RuleContext};

/// Thresholds of the `host.*` checks.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct HostThresholds {
    /// `host.release-eol` is P2 when support ends within this many days.
    pub eol_warning_days: i64,
}

impl Default for HostThresholds {
    fn default() -> Self {
        HostThresholds {
            eol_warning_days: 30,
        }
    }
}

/// One line naming the lane: OS and release, Nix flavour and version.
pub fn lane_label(h: &HostFacts) -> String {
    let os = match &h.os_release {
        Some(os) if h.nixos => {
            let version = os.version_id.clone().unwrap_or_else(|| "?".into());
            match os.version_codename.as_deref() {
                Some(c) if !c.is_empty() => format!("NixOS {version} ({})", capitalise(c)),
                _ => format!("NixOS {version}"),
            }
        }
        Some(os) => os
            .pretty_name
            .clone()
            .or_else(|| os.name.clone())
            .unwrap_or_else(|| "unknown OS".into()),
        None if h.darwin => "macOS".to_string(),
        None if h.problems.iter().any(|p| p.starts_with("/etc/os-release:")) => {
            "unknown OS (/etc/os-release unreadable)".to_string()
        }
        None => "unknown OS (no /etc/os-release)".to_string(),
    };
    let os = if h.wsl { format!("{os} on WSL") } else { os };
    let nix = match &h.nix {
        Some(n) => format!("{} {}", n.flavour.label(), n.version),
        None if h.has_store => "Nix (version unknown)".to_string(),
        None => "no Nix".to_string(),
    };
    format!("{os} · {nix}")
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The rules of this module, in evaluation order.
pub const RULES: &[Rule] = &[
    rule!(HostLane => lane),
    rule!(HostNoNix => no_nix),
    rule!(HostReleaseEol => release_eol),
    rule!(HostNixOutdated => nix_outdated),
    rule!(HostNixVersionMismatch => nix_version_mismatch),
    rule!(HostNixMultipleOnPath => nix_multiple_on_path),
    rule!(HostDaemonSocketUnusable => daemon_socket_unusable),
];

/// `host.daemon-socket-unusable`: on a multi-user install (the socket directory exists),
/// clients other than root reach the store only through `/nix/var/nix/daemon-socket/socket`.
/// Missing (judged live only: under `--root` it is made at run time) or not a socket: P1,
/// every non-root `nix` command fails with "cannot connect to socket". A socket that users
/// `allowed-users` admits cannot open (search permission on the directory, write permission on
/// the socket; Debian's nix-bin makes the directory `root:nix-users 0770`): P2, naming them.
pub fn daemon_socket_unusable(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    use nixbtw_probes::FileKind;
    let Some(h) = cx.facts.get::<HostFacts>() else {
        return;
    };
    let Some(s) = &h.installation.socket else {
        return;
    };
    let perm = |m: Option<u32>, u: Option<u32>, g: Option<u32>| match (m, u, g) {
        (Some(m), Some(u), Some(g)) => format!("{m:04o} uid {u} gid {g}"),
        _ => "-".to_string(),
    };
    let mut lines = vec![
        format!("{}: {}", s.path, s.kind.map_or("missing", |k| k.describe())),
        format!("socket: {}", perm(s.mode, s.uid, s.gid)),
        format!(
            "directory: {:04o} uid {} gid {}",
            s.dir_mode, s.dir_uid, s.dir_gid
        ),
    ];
    let base = finding(FindingId::HostDaemonSocketUnusable, s.path.clone()).file(s.path.clone());
    match s.kind {
        None if !cx.live => {}
        None
        | Some(
            FileKind::File
            | FileKind::Dir
            | FileKind::Fifo
            | FileKind::Symlink
            | FileKind::CharDevice
            | FileKind::BlockDevice
            | FileKind::Unknown,
        ) => {
            let what = s.kind.map_or("missing".to_string(), |k| {
                format!("{} instead of a socket", k.describe())
            });
            out.push(
                base.title(format!("Nix daemon socket is {what}"))
                    .description(format!(
                        "This is a multi-user install (the directory {} exists), so every non-root `nix` command talks to the daemon through {}; it is {what}, so they fail with \"cannot connect to socket\".",
                        lit(s.path.trim_end_matches("/socket")),
                        lit(&s.path)
                    ))
                    .evidence(s.path.clone(), lines)
                    .action(
                        "Start the daemon's socket: `systemctl restart nix-daemon.socket nix-daemon.service`; remove anything else at the socket's path first.",
                    )
                    .build(),
            );
        }
        Some(FileKind::Socket) => {
            let Some(unreachable) = &s.unreachable_by else {
                return;
            };
            let trust = cx
                .facts
                .get::<nixbtw_probes::probes::nixconf::NixconfFacts>()
                .and_then(|n| n.trust.as_ref());
            let Some(t) = trust else {
                return;
            };
            let cut: Vec<&String> = unreachable
                .iter()
                .filter(|u| t.allowed_all || t.allowed.contains(u))
                .collect();
            if cut.is_empty() {
                return;
            }
            let mut named: Vec<String> = cut.iter().take(MAX_ROWS).map(|u| u.to_string()).collect();
            if cut.len() > MAX_ROWS {
                named.push(format!("and {} more", cut.len() - MAX_ROWS));
            }
            lines.push(format!("allowed but cannot connect: {}", named.join(", ")));
            // Users the facts count but do not name: not compared with allowed-users, so
            // the count above is a floor.
            let unnamed = s.unreachable_more + if t.allowed_all { 0 } else { t.allowed_more };
            if s.unreachable_more > 0 {
                lines.push(format!(
                    "{} more login users cannot connect (not named in the facts)",
                    s.unreachable_more
                ));
            }
            if !t.allowed_all && t.allowed_more > 0 {
                lines.push(format!(
                    "{} more users allowed-users admits (not named in the facts)",
                    t.allowed_more
                ));
            }
            let title = format!(
                "{}{} user{} allowed-users admits cannot reach the daemon socket",
                if unnamed > 0 { "At least " } else { "" },
                cut.len(),
                if cut.len() == 1 { "" } else { "s" }
            );
            out.push(
                base.priority(Priority::P2)
                    .title(title.clone())
                    .summary(title)
                    .description(
                        "`allowed-users` lets these users use the daemon, but the socket's (or its directory's) permissions do not let them connect: their `nix` commands fail with \"cannot connect to socket\" (permission denied). Either the permissions are the intended gate (Debian's `nix-users` group) and `allowed-users` says too much, or they are wrong.",
                    )
                    .evidence(s.path.clone(), lines)
                    .action(
                        "Decide who may use Nix: add them to the socket directory's group (`adduser USER nix-users` on Debian), or narrow `allowed-users` to that group (`allowed-users = @nix-users`).",
                    )
                    .build(),
            );
        }
    }
}

/// Most rows an evidence excerpt of these checks lists.
const MAX_ROWS: usize = 20;

/// `host.nix-version-mismatch`: the client `nix` each login user runs (the first on their
/// PATH), the daemon's and the current system's `nix.package` are not one Nix. A client newer
/// or older than its daemon speaks another protocol version and reads nix.conf settings the
/// daemon does not know (or the reverse); a system whose `nix.package` differs from what users
/// run has not been switched, or a user's profile shadows it. A binary whose version is unknown
/// (outside the store) is a Nix of its own, named by its resolved path.
pub fn nix_version_mismatch(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    let Some(h) = cx.facts.get::<HostFacts>() else {
        return;
    };
    let inst = &h.installation;
    let mut sides: Vec<(String, &NixBinary)> = Vec::new();
    for p in &inst.paths {
        if let Some(first) = p.found.first() {
            sides.push((format!("{}'s PATH", p.user), first));
        }
    }
    if let Some(d) = &inst.daemon {
        sides.push(("daemon".to_string(), &d.binary));
    }
    if let Some(s) = &inst.system {
        sides.push(("current system's nix.package".to_string(), s));
    }
    let mut versions: Vec<(NixFlavour, String)> =
        sides.iter().filter_map(|(_, b)| b.version_key()).collect();
    versions.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then_with(|| nixbtw_probes::pkgname::compare_versions(&a.1, &b.1))
    });
    versions.dedup();
    // A binary outside the store has no version in its name (Debian's /usr/bin/nix): it is a
    // Nix of its own, unless every side is that same binary.
    let mut unversioned: Vec<&str> = sides
        .iter()
        .filter(|(_, b)| b.install.is_none())
        .map(|(_, b)| b.resolved.as_str())
        .collect();
    unversioned.sort();
    unversioned.dedup();
    if versions.len() + unversioned.len() < 2 {
        return;
    }
    let labels: Vec<String> = versions
        .iter()
        .map(|(f, v)| format!("{} {v}", f.label()))
        .chain(unversioned.iter().map(|r| format!("{r} (version unknown)")))
        .collect();
    let lines: Vec<String> = sides
        .iter()
        .take(MAX_ROWS)
        .map(|(who, b)| {
            format!(
                "{who}: {} -> {} ({})",
                b.path,
                b.resolved,
                b.version_label()
            )
        })
        .chain((sides.len() > MAX_ROWS).then(|| format!("... and {} more", sides.len() - MAX_ROWS)))
        .collect();
    let daemon = inst
        .daemon
        .as_ref()
        .map(|d| format!(" The daemon's binary comes from {}.", lit(&d.source)))
        .unwrap_or_default();
    // The file is a binary the probe found: the daemon's, else the system's, else the first
    // user's; at least two sides stand here, so one of them is there.
    let file = inst
        .daemon
        .as_ref()
        .map(|d| &d.binary)
        .or(inst.system.as_ref())
        .or(sides.first().map(|(_, b)| *b))
        .map(|b| b.path.clone())
        .unwrap_or_default();
    let title = format!("Nix versions differ: {}", labels.join(", "));
    out.push(
        finding(FindingId::HostNixVersionMismatch, labels.join(" "))
            .title(title.clone())
            .summary(title)
            .file(file)
            .description(format!(
                "Not every part of this installation runs the same Nix. Each login user runs the first `nix` on their PATH; that client talks to the daemon, which builds and writes the store with its own version; the current system's `nix.package` is what NixOS means to run. A client and daemon of different versions disagree on settings and features (a newer client's options are ignored or rejected by an older daemon), and a profile that shadows the system's Nix keeps an old one in use after an upgrade.{daemon}"
            ))
            .evidence("resolved nix binaries", lines)
            .action(
                "Run one Nix everywhere: remove `nix` from the user profiles that shadow the system's (`nix-env -e nix`, `nix profile remove nix`), set `nix.package` once (NixOS) and rebuild, and restart the daemon after an upgrade: `systemctl restart nix-daemon`.",
            )
            .build(),
    );
}

/// `host.nix-multiple-on-path`: a login user's PATH holds more than one distinct `nix`
/// binary; the first shadows the others, so which Nix the user runs depends on PATH order.
pub fn nix_multiple_on_path(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    let Some(h) = cx.facts.get::<HostFacts>() else {
        return;
    };
    for p in &h.installation.paths {
        if p.found.len() < 2 {
            continue;
        }
        let lines: Vec<String> = p
            .found
            .iter()
            .take(MAX_ROWS)
            .enumerate()
            .map(|(i, b)| {
                format!(
                    "{}{} -> {} ({})",
                    if i == 0 { "runs: " } else { "shadowed: " },
                    b.path,
                    b.resolved,
                    b.version_label()
                )
            })
            .collect();
        let title = format!("{} `nix` binaries on {}'s PATH", p.found.len(), p.user);
        out.push(
            finding(FindingId::HostNixMultipleOnPath, p.user.clone())
                .title(title.clone())
                .summary(title)
                .file(p.found[0].path.clone())
                .description(format!(
                    "{user}'s login PATH ({path}) holds {n} different `nix` binaries. The first one runs; the others are shadowed, and which one runs changes when PATH order does (a login shell, sudo, a systemd service, cron).",
                    user = lit(&p.user),
                    path = lit(p.path.join(":")),
                    n = p.found.len()
                ))
                .evidence(format!("{}'s PATH", p.user), lines)
                .action(
                    "Keep one: remove the copy in the user's profile (`nix-env -e nix` or `nix profile remove nix`) unless it is deliberately newer, and check with `type -a nix` as that user.",
                )
                .build(),
        );
    }
}

/// `host.lane`: always, the OS, Nix flavour and version, kernel and hostname.
pub fn lane(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    if let Some(h) = cx.facts.get::<HostFacts>() {
        let mut f = lane_of(h);
        let nixconf = cx
            .facts
            .get::<nixbtw_probes::probes::nixconf::NixconfFacts>()
            .map(|n| n.nix_stderr.as_slice())
            .unwrap_or_default();
        let said: Vec<String> = h
            .nix_stderr
            .iter()
            .chain(nixconf)
            .flat_map(|e| {
                let code = e.code.map_or("killed".to_string(), |c| format!("exit {c}"));
                std::iter::once(format!("$ {} ({code})", e.command))
                    .chain(e.lines.iter().map(|l| format!("  {l}")))
                    .chain((e.more > 0).then(|| format!("  ... {} more lines", e.more)))
            })
            .collect();
        if !said.is_empty() {
            f.evidence.push(nixbtw_contracts::Evidence {
                source: "what Nix printed on stderr while the audit asked it".to_string(),
                excerpt: said,
                chart: None,
            });
        }
        out.push(f);
    }
}

/// `host.no-nix`: neither a `nix` command nor a store on the target.
pub fn no_nix(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    let Some(h) = cx.facts.get::<HostFacts>() else {
        return;
    };
    if h.nix.is_some() || h.has_store {
        return;
    }
    out.push(
        finding(FindingId::HostNoNix, "nix")
            .title("No Nix installation found")
            .file("/nix/store")
            .description(
                "Neither a `nix` command nor a /nix/store was found on the target, so the \
                 Nix checks (store, GC roots, generations, nix.conf) have nothing to read. \
                 The audit completed with what applies.",
            )
            .action("If this host should have Nix, check the install: `ls -ld /nix/store; command -v nix`.")
            .build(),
    );
}

/// `host.release-eol`: the NixOS release is past (P1) or near (P2) its end of support.
pub fn release_eol(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    if let Some(h) = cx.facts.get::<HostFacts>() {
        out.extend(release_eol_of(
            h,
            cx.now.date_naive(),
            &cx.thresholds.host,
            cx.releases,
        ));
    }
}

/// `host.nix-outdated`: see [`nix_outdated_of`].
pub fn nix_outdated(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    if let Some(h) = cx.facts.get::<HostFacts>() {
        out.extend(nix_outdated_of(h, cx.now.date_naive(), cx.releases));
    }
}

/// `host.nix-outdated`: upstream Nix older than the oldest line upstream still patches (from
/// the dated table in `agent/data/releases.toml`). Lix and Determinate Nix are not judged:
/// there is no comparable published table for them.
fn nix_outdated_of(h: &HostFacts, today: NaiveDate, releases: &Releases) -> Option<Finding> {
    use super::releases::nix_line;
    let n = h.nix.as_ref()?;
    if n.flavour != NixFlavour::Upstream {
        return None;
    }
    let (floor, why) = releases.oldest_patched_nix(today)?;
    let (have, min) = (nix_line(&n.version)?, nix_line(&floor)?);
    if have >= min {
        return None;
    }
    Some(
        finding(FindingId::HostNixOutdated, n.version.clone())
            .title(format!(
                "Nix {} is older than {floor}, the oldest line upstream still patches",
                n.version
            ))
            .summary(format!(
                "Nix {} is no longer patched (oldest patched line {floor})",
                n.version
            ))
            .file(n.source.clone())
            .description(format!(
                "This host runs Nix {} ({}). Upstream Nix backports security fixes only to the \
                 release lines of supported NixOS releases and to the latest release; the oldest \
                 such line on {today} is {floor}: {why}. Release table as of {}.",
                n.version,
                n.source,
                releases.as_of,
                why = lit(&why)
            ))
            .evidence(
                "agent/data/releases.toml",
                vec![
                    format!("nix in use: {} ({})", n.version, n.source),
                    format!("oldest patched line: {floor} ({why})"),
                ],
            )
            .action(
                "Update Nix: on NixOS, move to a supported release (or set `nix.package = \
                 pkgs.nixVersions.latest;`); elsewhere `sudo nix upgrade-nix` or your \
                 installer's upgrade path.",
            )
            .build(),
    )
}

fn lane_of(h: &HostFacts) -> Finding {
    let label = lane_label(h);
    let mut lines = Vec::new();
    if let Some(os) = &h.os_release {
        if let Some(p) = &os.pretty_name {
            lines.push(format!("os: {p}"));
        }
        if let Some(b) = &os.build_id {
            lines.push(format!("build: {b}"));
        }
    }
    match &h.nix {
        Some(n) => {
            let based = n
                .nix_version
                .as_deref()
                .map(|v| format!(" (Nix {v})"))
                .unwrap_or_default();
            lines.push(format!(
                "nix: {} {}{based} from {}",
                n.flavour.label(),
                n.version,
                n.source
            ));
        }
        None => lines.push("nix: not found".to_string()),
    }
    let inst = &h.installation;
    match &inst.daemon {
        Some(d) => lines.push(format!(
            "daemon: {} from {}{}",
            d.binary.version_label(),
            d.source,
            if d.exe_deleted {
                " (its executable was deleted: upgraded, not restarted)"
            } else {
                ""
            }
        )),
        None if h.nix.is_some() || h.has_store => {
            lines.push("daemon: no nix-daemon process or unit file found".to_string())
        }
        None => {}
    }
    if let Some(s) = &inst.system {
        lines.push(format!(
            "nix.package: {} from {}",
            s.version_label(),
            s.path
        ));
    }
    if (h.nix.is_some() || h.has_store) && inst.daemon.as_ref().is_none_or(|d| d.started.is_none())
    {
        // nixconf.daemon-stale needs a running daemon's start time.
        lines.push(format!(
            "nix-daemon start vs nix.conf changes: not judged ({})",
            inst.daemon_note.as_deref().unwrap_or("no running daemon")
        ));
    }
    lines.push(format!(
        "install: {}{}",
        if h.multi_user {
            "multi-user (daemon)"
        } else {
            "single-user or no daemon socket"
        },
        if h.determinate_nixd {
            ", determinate-nixd present"
        } else {
            ""
        }
    ));
    if let Some(k) = &h.kernel {
        lines.push(format!("kernel: {k}"));
    }
    lines.push(format!(
        "hostname: {}",
        h.hostname.as_deref().unwrap_or("unknown")
    ));
    if let Some(m) = &h.memory {
        lines.push(format!(
            "memory: {} total, {} available, {} swap",
            bytes(m.total_bytes),
            bytes(m.available_bytes),
            bytes(m.swap_total_bytes)
        ));
    }
    for d in &h.disks {
        lines.push(format!(
            "disk {}: {} free of {}",
            d.mount_point,
            bytes(d.available_bytes),
            bytes(d.total_bytes)
        ));
    }
    for p in &h.problems {
        lines.push(format!("could not read: {p}"));
    }
    let mut b = finding(FindingId::HostLane, "lane")
        .title(format!("Lane: {label}"))
        .summary(label.clone())
        .file("/etc/os-release")
        .description(format!(
            "This host is {label}. Advice for NixOS, Nix on another distro, WSL, Determinate Nix \
             and Lix diverges; every other finding assumes this lane.",
            label = lit(&label)
        ))
        .action("None; informational.");
    b = b.evidence(h.sources.join(", "), lines);
    b.build()
}

fn release_eol_of(
    h: &HostFacts,
    today: NaiveDate,
    t: &super::host::HostThresholds,
    releases: &Releases,
) -> Option<Finding> {
    if !h.nixos {
        return None;
    }
    let os = h.os_release.as_ref()?;
    let version = os.version_id.as_deref()?;
    let pre = os
        .version
        .as_deref()
        .or(os.build_id.as_deref())
        .is_some_and(|v| v.contains("pre"));
    let label = format!("NixOS {version}");
    if pre {
        return Some(
            finding(FindingId::HostReleaseEol, version)
                .priority(Priority::Info)
                .title(format!("{label} is a pre-release (unstable)"))
                .file("/etc/os-release")
                .description(format!(
                    "{label} is an unstable or pre-release build ({}); it has no support window. \
                     Expect breakage and verify options still exist before rebuilding.",
                    os.version.as_deref().unwrap_or(version), label = lit(&label)))
                .action("None required; track nixos-unstable deliberately, or move to a stable release.")
                .build(),
        );
    }
    let eol = releases.nixos_end_of_support(version)?;
    let days_left = (eol - today).num_days();
    let next = "Upgrade to a supported release: point the system flake's nixpkgs input (or the \
                `nixos` channel) at the current stable branch, then `nixos-rebuild boot` and reboot.";
    if days_left < 0 {
        let (when, ended) = if releases.is_exact_end_of_support(version) {
            (
                eol.to_string(),
                format!("on {eol}, {} days ago", -days_left),
            )
        } else {
            (format!("before {eol}"), format!("before {eol}"))
        };
        Some(
            finding(FindingId::HostReleaseEol, version)
                .title(format!("{label} is past its end of support ({when})"))
                .summary(format!("{label} end of support was {when}"))
                .file("/etc/os-release")
                .description(format!(
                    "{label} stopped receiving security fixes {ended}. Packages from its \
                     branch no longer get updates.",
                    label = lit(&label)
                ))
                .action(next)
                .build(),
        )
    } else if days_left <= t.eol_warning_days {
        Some(
            finding(FindingId::HostReleaseEol, version)
                .priority(Priority::P2)
                .title(format!("{label} reaches end of support on {eol}"))
                .summary(format!("{label} support ends in {days_left} days"))
                .file("/etc/os-release")
                .description(format!(
                    "{label} stops receiving security fixes on {eol}, in {days_left} days.",
                    label = lit(&label)
                ))
                .action(next)
                .build(),
        )
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::run_rules;
    use chrono::TimeZone;
    use nixbtw_probes::probes::host::install::{DaemonNix, Installation, PathNix};
    use nixbtw_probes::probes::host::{NixFlavour, NixInstall, OsRelease};
    use nixbtw_probes::FactSet;

    fn nixos(version: &str, pretty_version: Option<&str>) -> HostFacts {
        HostFacts {
            hostname: Some("h".into()),
            os_release: Some(OsRelease {
                id: Some("nixos".into()),
                version_id: Some(version.into()),
                version: pretty_version.map(str::to_string),
                version_codename: Some("xantusia".into()),
                ..OsRelease::default()
            }),
            nixos: true,
            wsl: false,
            darwin: false,
            nix: Some(NixInstall {
                flavour: NixFlavour::Upstream,
                version: "2.28.3".into(),
                nix_version: None,
                source: "nix --version".into(),
            }),
            has_store: true,
            determinate_nixd: false,
            multi_user: true,
            kernel: Some("6.12.40".into()),
            memory: None,
            disks: vec![],
            problems: vec![],
            sources: vec![],
            installation: Installation::default(),
            nix_stderr: vec![],
        }
    }

    fn bin(path: &str, store_name: Option<&str>) -> NixBinary {
        let store_path =
            store_name.map(|n| format!("/nix/store/0123456789abcdfghijklmnpqrsvwxyz-{n}"));
        NixBinary {
            path: path.into(),
            resolved: store_path
                .as_ref()
                .map_or(path.to_string(), |s| format!("{s}/bin/nix")),
            install: store_path
                .as_deref()
                .and_then(|s| NixInstall::from_store_path(std::path::Path::new(s))),
            store_path,
        }
    }

    fn with_install(paths: Vec<(&str, Vec<NixBinary>)>, daemon: Option<NixBinary>) -> HostFacts {
        let mut h = nixos("25.11", None);
        h.installation = Installation {
            paths: paths
                .into_iter()
                .map(|(user, found)| PathNix {
                    user: user.into(),
                    path: vec![],
                    found,
                })
                .collect(),
            users_not_read: 0,
            daemon: daemon.map(|binary| DaemonNix {
                source: "/proc/1/exe".into(),
                binary,
                pid: Some(1),
                started: None,
                exe_deleted: false,
            }),
            daemon_note: None,
            system: Some(bin("/run/current-system/sw/bin/nix", Some("nix-2.28.3"))),
            socket: None,
        };
        h
    }

    fn only(out: &[Finding], id: FindingId) -> Vec<&Finding> {
        out.iter().filter(|f| f.id == id).collect()
    }

    #[test]
    fn nix_version_mismatch_names_client_daemon_and_system() {
        let sys = || bin("/run/current-system/sw/bin/nix", Some("nix-2.28.3"));
        let h = with_install(
            vec![
                ("root", vec![sys()]),
                (
                    "alice",
                    vec![
                        bin("/home/alice/.nix-profile/bin/nix", Some("lix-2.91.1")),
                        sys(),
                    ],
                ),
            ],
            Some(bin("/proc/1/exe", Some("nix-2.24.14"))),
        );
        let out = run(h, 2026, 1, 1);
        let rows = only(&out, FindingId::HostNixVersionMismatch);
        assert_eq!(rows.len(), 1);
        let f = rows[0];
        assert_eq!(f.priority, Priority::P2);
        assert!(
            f.title.contains("Nix 2.24.14") && f.title.contains("Lix 2.91.1"),
            "{}",
            f.title
        );
        let ev = f.evidence[0].excerpt.join("\n");
        assert!(
            ev.contains("alice's PATH: /home/alice/.nix-profile/bin/nix"),
            "{ev}"
        );
        assert!(ev.contains("daemon: /proc/1/exe"), "{ev}");
        assert!(ev.contains("current system's nix.package"), "{ev}");
    }

    #[test]
    fn nix_version_mismatch_compares_unversioned_binaries_by_path() {
        let sys = || bin("/run/current-system/sw/bin/nix", Some("nix-2.28.3"));
        let h = with_install(vec![("root", vec![sys()])], Some(sys()));
        assert!(only(&run(h, 2026, 1, 1), FindingId::HostNixVersionMismatch).is_empty());
        // Debian: /usr/bin/nix for everyone and the daemon, no store version to compare.
        let deb = || bin("/usr/bin/nix", None);
        let mut h = with_install(vec![("root", vec![deb()])], Some(deb()));
        h.installation.system = None;
        assert!(only(
            &run(h.clone(), 2026, 1, 1),
            FindingId::HostNixVersionMismatch
        )
        .is_empty());
        // ... but a profile's store Nix first on alice's PATH is another Nix.
        h.installation.paths.push(PathNix {
            user: "alice".into(),
            path: vec![],
            found: vec![
                bin("/home/alice/.nix-profile/bin/nix", Some("nix-2.24.14")),
                deb(),
            ],
        });
        let out = run(h, 2026, 1, 1);
        let rows = only(&out, FindingId::HostNixVersionMismatch);
        assert_eq!(
            rows[0].title,
            "Nix versions differ: Nix 2.24.14, /usr/bin/nix (version unknown)"
        );
    }

    /// The finding's file is a binary the probe found, never a path the rule makes up: with
    /// no daemon, the system's (here the profile's, the probe having found no
    /// /run/current-system), and with neither, the first user's.
    #[test]
    fn nix_version_mismatch_file_is_a_found_binary() {
        let prof = || {
            bin(
                "/nix/var/nix/profiles/system/sw/bin/nix",
                Some("nix-2.28.3"),
            )
        };
        let mut h = with_install(
            vec![
                ("root", vec![prof()]),
                (
                    "alice",
                    vec![bin("/home/alice/.nix-profile/bin/nix", Some("nix-2.24.14"))],
                ),
            ],
            None,
        );
        h.installation.system = Some(prof());
        let out = run(h.clone(), 2026, 1, 1);
        let rows = only(&out, FindingId::HostNixVersionMismatch);
        assert_eq!(rows[0].file, "/nix/var/nix/profiles/system/sw/bin/nix");
        h.installation.system = None;
        h.installation.paths[0].found = vec![bin("/usr/bin/nix", None)];
        let out = run(h, 2026, 1, 1);
        let rows = only(&out, FindingId::HostNixVersionMismatch);
        assert_eq!(rows[0].file, "/usr/bin/nix");
    }

    #[test]
    fn nix_multiple_on_path_lists_runs_and_shadowed() {
        let h = with_install(
            vec![(
                "alice",
                vec![
                    bin("/home/alice/.nix-profile/bin/nix", Some("nix-2.28.3")),
                    bin("/run/current-system/sw/bin/nix", Some("nix-2.28.3")),
                ],
            )],
            None,
        );
        let out = run(h, 2026, 1, 1);
        let rows = only(&out, FindingId::HostNixMultipleOnPath);
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].subject, "alice");
        let ev = &rows[0].evidence[0].excerpt;
        assert!(
            ev[0].starts_with("runs: /home/alice/.nix-profile/bin/nix"),
            "{ev:?}"
        );
        assert!(
            ev[1].starts_with("shadowed: /run/current-system/sw/bin/nix"),
            "{ev:?}"
        );
        // Same versions: no mismatch row.
        assert!(only(&out, FindingId::HostNixVersionMismatch).is_empty());
    }

    fn socket(kind: Option<nixbtw_probes::FileKind>, unreachable: &[&str]) -> HostFacts {
        let mut h = nixos("25.11", None);
        h.installation.socket = Some(nixbtw_probes::probes::host::install::DaemonSocket {
            path: "/nix/var/nix/daemon-socket/socket".into(),
            kind,
            mode: kind.map(|_| 0o666),
            uid: kind.map(|_| 0),
            gid: kind.map(|_| 0),
            dir_mode: 0o770,
            dir_uid: 0,
            dir_gid: 993,
            reachable_by: Some(vec!["root".into()]),
            unreachable_by: Some(unreachable.iter().map(|u| u.to_string()).collect()),
            reachable_more: 0,
            unreachable_more: 0,
        });
        h
    }

    fn socket_rows(h: HostFacts, allowed: &str, live: bool) -> Vec<Finding> {
        let c = nixbtw_probes::probes::nixconf::parser::parse_str(
            "/etc/nix/nix.conf",
            &format!("allowed-users = {allowed}\n"),
        );
        let e = nixbtw_probes::probes::nixconf::Effective::from_settings(&c.settings);
        let trust = nixbtw_probes::probes::nixconf::expand_trust(
            &e,
            &nixbtw_probes::accounts::Passwd::parse("root:x:0:0::/root:/bin/sh\nalice:x:1000:100::/h:/bin/sh\nbob:x:1001:100::/h:/bin/sh\n".as_bytes()),
            &nixbtw_probes::accounts::Groups::parse("nix-users:x:993:bob\n".as_bytes()),
        );
        let n: nixbtw_probes::probes::nixconf::NixconfFacts =
            serde_json::from_value(serde_json::json!({
                "conf_dir": "/etc/nix", "files": [], "settings": {}, "problems": [],
                "effective": e, "custom_conf_not_included": null, "system_flake": false,
                "live": null, "live_error": null, "trust": trust
            }))
            .unwrap();
        let now = chrono::Utc.with_ymd_and_hms(2026, 1, 1, 12, 0, 0).unwrap();
        crate::rules::run_family(
            daemon_socket_unusable,
            &FactSet::new().with(h).with(n),
            now,
            live,
        )
    }

    #[test]
    fn daemon_socket_unusable_when_missing_live_or_not_a_socket() {
        let out = socket_rows(socket(None, &[]), "*", true);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].priority, Priority::P1);
        assert_eq!(out[0].title, "Nix daemon socket is missing");
        let out = socket_rows(socket(Some(nixbtw_probes::FileKind::File), &[]), "*", false);
        assert_eq!(
            out[0].title,
            "Nix daemon socket is a regular file instead of a socket"
        );
    }

    #[test]
    fn daemon_socket_unusable_names_allowed_users_who_cannot_connect() {
        let out = socket_rows(
            socket(Some(nixbtw_probes::FileKind::Socket), &["alice"]),
            "*",
            true,
        );
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].priority, Priority::P2);
        assert_eq!(
            out[0].title,
            "1 user allowed-users admits cannot reach the daemon socket"
        );
        assert!(has_line(&out[0], "allowed but cannot connect: alice"));
    }

    fn has_line(f: &Finding, line: &str) -> bool {
        f.evidence[0].excerpt.iter().any(|l| l == line)
    }

    /// More users than the excerpt names: counted, never cut silently; users the facts only
    /// count make the number a floor.
    #[test]
    fn daemon_socket_unusable_counts_users_beyond_the_list() {
        let many: Vec<String> = (0..MAX_ROWS + 5).map(|i| format!("u{i}")).collect();
        let refs: Vec<&str> = many.iter().map(String::as_str).collect();
        let out = socket_rows(
            socket(Some(nixbtw_probes::FileKind::Socket), &refs),
            "*",
            true,
        );
        assert_eq!(
            out[0].title,
            "25 users allowed-users admits cannot reach the daemon socket"
        );
        let line = out[0].evidence[0]
            .excerpt
            .iter()
            .find(|l| l.starts_with("allowed but cannot connect: "))
            .unwrap();
        assert!(line.ends_with(", u19, and 5 more"), "{line}");
        let mut h = socket(Some(nixbtw_probes::FileKind::Socket), &refs);
        if let Some(s) = h.installation.socket.as_mut() {
            s.unreachable_more = 7;
        }
        let out = socket_rows(h, "*", true);
        assert_eq!(
            out[0].title,
            "At least 25 users allowed-users admits cannot reach the daemon socket"
        );
        assert!(has_line(
            &out[0],
            "7 more login users cannot connect (not named in the facts)"
        ));
    }

    #[test]
    fn daemon_socket_unusable_not_raised_when_fine_gated_or_under_root() {
        // Missing under --root: made at run time, not judged.
        assert!(socket_rows(socket(None, &[]), "*", false).is_empty());
        // Everyone can connect.
        assert!(socket_rows(
            socket(Some(nixbtw_probes::FileKind::Socket), &[]),
            "*",
            true
        )
        .is_empty());
        // alice cannot, but allowed-users admits only the socket's group: consistent.
        assert!(socket_rows(
            socket(Some(nixbtw_probes::FileKind::Socket), &["alice"]),
            "@nix-users",
            true
        )
        .is_empty());
    }

    #[test]
    fn nix_multiple_on_path_not_raised_for_one_nix_per_path() {
        let sys = || bin("/run/current-system/sw/bin/nix", Some("nix-2.28.3"));
        let h = with_install(vec![("root", vec![sys()]), ("alice", vec![sys()])], None);
        assert!(only(&run(h, 2026, 1, 1), FindingId::HostNixMultipleOnPath).is_empty());
    }

    fn run(h: HostFacts, y: i32, m: u32, d: u32) -> Vec<Finding> {
        let now = chrono::Utc.with_ymd_and_hms(y, m, d, 12, 0, 0).unwrap();
        run_rules(RULES, &FactSet::new().with(h), now, false)
    }

    fn eol(out: &[Finding]) -> Option<&Finding> {
        out.iter().find(|f| f.id == FindingId::HostReleaseEol)
    }

    #[test]
    fn lane_is_always_reported_and_names_the_lane() {
        let out = run(nixos("25.11", None), 2026, 1, 1);
        let lane = out.iter().find(|f| f.id == FindingId::HostLane).unwrap();
        assert_eq!(lane.summary, "NixOS 25.11 (Xantusia) · Nix 2.28.3");
        assert_eq!(lane.priority, Priority::Info);
    }

    #[test]
    fn lane_carries_what_nix_printed_on_stderr() {
        let mut h = nixos("25.11", None);
        let lane = |h: HostFacts| {
            run(h, 2026, 1, 1)
                .into_iter()
                .find(|f| f.id == FindingId::HostLane)
                .unwrap()
        };
        assert_eq!(lane(h.clone()).evidence.len(), 1);
        h.nix_stderr = vec![nixbtw_probes::command::CmdStderr {
            command: "nix --version".into(),
            code: Some(0),
            lines: vec!["warning: unknown setting 'x'".into()],
            more: 2,
        }];
        let f = lane(h);
        assert_eq!(
            f.evidence[1].excerpt,
            [
                "$ nix --version (exit 0)",
                "  warning: unknown setting 'x'",
                "  ... 2 more lines"
            ]
        );
    }

    #[test]
    fn release_eol_not_raised_for_a_supported_release() {
        assert!(eol(&run(nixos("25.11", None), 2026, 1, 1)).is_none());
    }

    #[test]
    fn release_eol_near_its_end_is_p2() {
        let out = run(nixos("25.11", None), 2026, 6, 10);
        assert_eq!(eol(&out).unwrap().priority, Priority::P2);
    }

    #[test]
    fn release_eol_past_its_end_is_p1() {
        let out = run(nixos("25.05", None), 2026, 11, 25);
        let f = eol(&out).unwrap();
        assert_eq!(f.priority, Priority::P1);
        assert!(f.title.contains("2025-12-31"));
    }

    #[test]
    fn release_eol_of_an_ancient_release_is_p1_with_a_bounded_date() {
        // Older than every listed release (17.03 is the oldest): bounded by its date.
        let out = run(nixos("16.09", None), 2026, 11, 25);
        let f = eol(&out).unwrap();
        assert_eq!(f.priority, Priority::P1);
        assert!(f.title.contains("before 2017-10-31"), "{}", f.title);
        // 20.03 is listed: its real end of support.
        let out = run(nixos("20.03", None), 2026, 11, 25);
        let f = eol(&out).unwrap();
        assert!(f.title.contains("(2020-10-31)"), "{}", f.title);
    }

    #[test]
    fn release_eol_of_a_pre_release_is_info() {
        let out = run(nixos("26.11", Some("26.11pre-git (Zebu)")), 2026, 11, 25);
        assert_eq!(eol(&out).unwrap().priority, Priority::Info);
    }

    #[test]
    fn nix_outdated_for_old_upstream_nix_not_for_current_or_other_flavours() {
        let outdated = |h: HostFacts| {
            run(h, 2026, 11, 25)
                .into_iter()
                .find(|f| f.id == FindingId::HostNixOutdated)
        };
        let mut h = nixos("25.11", None);
        h.nix.as_mut().unwrap().version = "2.8.0".into();
        let f = outdated(h.clone()).unwrap();
        assert_eq!(f.priority, Priority::P2);
        assert!(f.title.contains("2.28"), "{}", f.title);
        h.nix.as_mut().unwrap().version = "2.28.3".into();
        assert!(outdated(h.clone()).is_none());
        h.nix.as_mut().unwrap().version = "2.8.0".into();
        h.nix.as_mut().unwrap().flavour = NixFlavour::Lix;
        assert!(outdated(h).is_none());
    }

    #[test]
    fn no_nix_when_neither_nix_nor_a_store() {
        let mut h = nixos("25.11", None);
        h.nix = None;
        h.has_store = false;
        h.nixos = false;
        h.os_release = Some(OsRelease {
            id: Some("debian".into()),
            pretty_name: Some("Debian GNU/Linux 12 (bookworm)".into()),
            ..OsRelease::default()
        });
        let out = run(h, 2026, 11, 25);
        assert!(out.iter().any(|f| f.id == FindingId::HostNoNix));
        let lane = out.iter().find(|f| f.id == FindingId::HostLane).unwrap();
        assert_eq!(lane.summary, "Debian GNU/Linux 12 (bookworm) · no Nix");
        assert!(eol(&out).is_none());
    }

    #[test]
    fn no_nix_not_raised_with_a_store_or_a_nix_command() {
        let mut h = nixos("25.11", None);
        assert!(run(h.clone(), 2026, 1, 1)
            .iter()
            .all(|f| f.id != FindingId::HostNoNix));
        h.nix = None;
        assert!(run(h, 2026, 1, 1)
            .iter()
            .all(|f| f.id != FindingId::HostNoNix));
    }
}
