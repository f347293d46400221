//! `nixbtw-audit generations [--json] [--user NAME]`: the system generations by hand, like
//! `nixos-rebuild list-generations`, with closure sizes, the bytes only each generation keeps
//! alive and each one's package changes against the one before; with `--user NAME`, that
//! user's home-manager generations the same way (like `home-manager generations`).
//!
//! It runs the gcroots, store and generations probes in-process (one load of the Nix DB shared
//! by store and generations, no nix binary) and prints their facts; nothing is judged.

use serde::Serialize;
use std::collections::BTreeMap;
use std::ffi::OsString;
use std::io::Write;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use nixbtw_contracts::text::{human_bytes, human_bytes_or_unknown, json_terminal_safe, one_line};
use nixbtw_probes::nixdb::GcKeep;
use nixbtw_probes::pkgdiff::{ChangeKind, PackageChange};
use nixbtw_probes::probes::generations::{self, Generation, GenerationDiff, GenerationsFacts};
use nixbtw_probes::probes::{gcroots, store};
use nixbtw_probes::{Host, SystemRunner};

use crate::cli::{EXIT_OK, EXIT_USAGE};

/// One generation as printed (`--json`): `nixos-rebuild list-generations --json`'s fields,
/// then ours.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GenerationRow {
    /// Generation number.
    pub generation: u32,
    /// Creation time of its link, `YYYY-MM-DD HH:MM:SS` UTC.
    pub date: String,
    /// The `nixos-version` file, or `Unknown`.
    pub nixos_version: String,
    /// Kernel version, or `Unknown`.
    pub kernel_version: String,
    /// `system.configurationRevision`, or `Unknown`.
    pub configuration_revision: String,
    /// Specialisation names.
    pub specialisations: Vec<String>,
    /// The running system (`/run/current-system`).
    pub current: bool,
    /// The booted system (`/run/booted-system`).
    pub booted: bool,
    /// What the system profile points at (the boot default).
    pub default: bool,
    /// Closure NAR bytes.
    pub closure_bytes: Option<u64>,
    /// Bytes only this generation keeps alive.
    pub exclusive_bytes: Option<u64>,
    /// Package changes against the generation before it.
    pub changes: Vec<PackageChange>,
}

/// The rows of `facts`, newest first.
pub fn rows(facts: &GenerationsFacts) -> Vec<GenerationRow> {
    let Some(sys) = &facts.system else {
        return Vec::new();
    };
    let mut out: Vec<GenerationRow> = sys
        .generations
        .iter()
        .map(|g| GenerationRow {
            generation: g.number,
            date: date_of(g),
            nixos_version: g.nixos_version.clone().unwrap_or_else(|| "Unknown".into()),
            kernel_version: g.kernel.clone().unwrap_or_else(|| "Unknown".into()),
            configuration_revision: g
                .configuration_revision
                .clone()
                .unwrap_or_else(|| "Unknown".into()),
            specialisations: g.specialisations.clone(),
            current: facts.current_generation == Some(g.number),
            booted: facts.booted_generation == Some(g.number),
            default: sys.current == Some(g.number),
            closure_bytes: g.closure_bytes,
            exclusive_bytes: g.exclusive_bytes,
            changes: changes_into(&sys.generations, &facts.diffs, g.number),
        })
        .collect();
    out.reverse();
    out
}

/// One home-manager generation as printed with `--user` (`--json`): what `home-manager
/// generations` prints (date, id, store path, current), then ours.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HomeManagerRow {
    /// The profile link it belongs to (`~/.local/state/nix/profiles/home-manager`).
    pub profile: String,
    /// Generation number (`id`).
    pub generation: u32,
    /// Creation time of its link, `YYYY-MM-DD HH:MM:SS` UTC.
    pub date: String,
    /// The `home-manager-generation` store path.
    pub path: Option<String>,
    /// home-manager's version (the generation's `hm-version`), or `Unknown`.
    pub hm_version: String,
    /// What the profile points at (the active generation).
    pub current: bool,
    /// Closure NAR bytes.
    pub closure_bytes: Option<u64>,
    /// Bytes only this generation keeps alive.
    pub exclusive_bytes: Option<u64>,
    /// Package changes against the generation before it.
    pub changes: Vec<PackageChange>,
}

fn date_of(g: &Generation) -> String {
    g.date
        .map(|d| d.format("%Y-%m-%d %H:%M:%S").to_string())
        .unwrap_or_else(|| "Unknown".into())
}

/// The changes into generation `n` from the one before it, if the facts compared them.
fn changes_into(gens: &[Generation], diffs: &[GenerationDiff], n: u32) -> Vec<PackageChange> {
    generations::diff_into(gens, diffs, n)
        .map(|d| d.changes.clone())
        .unwrap_or_default()
}

/// The home-manager rows of `user` (each of their home-manager profiles, newest generation
/// first).
pub fn home_manager_rows(facts: &GenerationsFacts, user: &str) -> Vec<HomeManagerRow> {
    let mut out = Vec::new();
    for p in facts
        .profiles
        .iter()
        .filter(|p| p.is_home_manager() && p.owner == user)
    {
        for g in p.generations.iter().rev() {
            out.push(HomeManagerRow {
                profile: p.link.clone(),
                generation: g.number,
                date: date_of(g),
                path: g.target.clone(),
                hm_version: g.hm_version.clone().unwrap_or_else(|| "Unknown".into()),
                current: p.current == Some(g.number),
                closure_bytes: g.closure_bytes,
                exclusive_bytes: g.exclusive_bytes,
                changes: changes_into(&p.generations, &p.diffs, g.number),
            });
        }
    }
    out
}

/// Print `user`'s home-manager rows as text.
fn print_home_manager(rows: &[HomeManagerRow], user: &str, out: &mut dyn Write) {
    if rows.is_empty() {
        let _ = writeln!(out, "No home-manager profile for {}.", one_line(user));
        return;
    }
    let mut profile = "";
    for r in rows {
        if r.profile != profile {
            profile = &r.profile;
            let _ = writeln!(out, "{}", one_line(profile));
            let _ = writeln!(
                out,
                "{:<10} {:<19} {:<14} {:>10} {:>10}  Flags",
                "Generation", "Build-date", "HM version", "Closure", "Only it",
            );
        }
        let line = format!(
            "{:<10} {:<19} {:<14} {:>10} {:>10}  {}",
            r.generation,
            r.date,
            one_line(&r.hm_version),
            human_bytes_or_unknown(r.closure_bytes),
            human_bytes_or_unknown(r.exclusive_bytes),
            if r.current { "current" } else { "" }
        );
        let _ = writeln!(out, "{}", line.trim_end());
        for c in &r.changes {
            let _ = writeln!(out, "    {}", change_line(c));
        }
    }
}

fn mark(c: &PackageChange) -> &'static str {
    match c.kind {
        ChangeKind::Added => "A",
        ChangeKind::Removed => "R",
        ChangeKind::Upgraded => "U",
        ChangeKind::Downgraded => "D",
        ChangeKind::Changed => "C",
    }
}

/// One change as a line: `U  openssl 3.3.2 → 3.0.14  -1.2 MiB  [selected] [security: openssl]`.
pub fn change_line(c: &PackageChange) -> String {
    let d = c.delta();
    let delta = if d < 0 {
        format!("-{}", human_bytes(d.unsigned_abs()))
    } else {
        format!("+{}", human_bytes(d.unsigned_abs()))
    };
    let mut s = format!("{}  {}  {delta}", mark(c), one_line(&c.short()));
    if c.selected {
        s.push_str("  [selected]");
    }
    if let Some(f) = &c.security {
        s.push_str(&format!("  [security: {}]", one_line(f)));
    }
    s
}

/// Collect the facts of the system under `root` (or this machine) and print them: the system
/// generations, or `user`'s home-manager generations.
pub fn list(
    root: Option<&Path>,
    json: bool,
    user: Option<&str>,
    out: &mut dyn Write,
    err: &mut dyn Write,
    env: BTreeMap<String, OsString>,
) -> u8 {
    let now = chrono::Utc::now();
    let runner = Arc::new(SystemRunner);
    let host = match root {
        Some(r) => Host::at_root(r, runner, now),
        None => Host::live(runner, env, now),
    };
    let host = match host {
        Ok(h) => h,
        Err(e) => {
            let _ = writeln!(err, "nixbtw-audit generations: {e}");
            return EXIT_USAGE;
        }
    };
    let deadline = Instant::now() + Duration::from_secs(120);
    let roots = gcroots::collect(&host);
    let store_facts = store::collect(&host, Some(&roots), None, deadline);
    match user {
        Some(user) => {
            let facts = generations::collect_home_manager(
                &host,
                Some(&store_facts),
                GcKeep::default(),
                user,
            );
            let rows = home_manager_rows(&facts, user);
            emit(&rows, json, &facts, out, err, |rows, out| {
                print_home_manager(rows, user, out)
            })
        }
        None => {
            let facts =
                generations::collect_with(&host, Some(&store_facts), GcKeep::default(), usize::MAX);
            emit(&rows(&facts), json, &facts, out, err, print_system)
        }
    }
}

/// `rows` as JSON, or as text by `print` after a line on stderr when the DB was unreadable.
fn emit<T: Serialize>(
    rows: &[T],
    json: bool,
    facts: &GenerationsFacts,
    out: &mut dyn Write,
    err: &mut dyn Write,
    print: impl FnOnce(&[T], &mut dyn Write),
) -> u8 {
    if json {
        let text = serde_json::to_string_pretty(rows).unwrap_or_else(|_| "[]".into());
        let _ = writeln!(out, "{}", json_terminal_safe(&text));
        return EXIT_OK;
    }
    if let Some(e) = &facts.db_error {
        let _ = writeln!(
            err,
            "closures and package changes unavailable: {}",
            one_line(e)
        );
    }
    print(rows, out);
    EXIT_OK
}

/// The system generations as `nixos-rebuild list-generations` prints them, with ours.
fn print_system(rows: &[GenerationRow], out: &mut dyn Write) {
    if rows.is_empty() {
        let _ = writeln!(out, "No system profile.");
        return;
    }
    let _ = writeln!(
        out,
        "{:<10} {:<19} {:<24} {:<10} {:<12} {:>10} {:>10}  Flags",
        "Generation", "Build-date", "NixOS version", "Kernel", "Revision", "Closure", "Only it",
    );
    for r in rows {
        let mut flags = Vec::new();
        if r.current {
            flags.push("current");
        }
        if r.booted {
            flags.push("booted");
        }
        if r.default {
            flags.push("default");
        }
        let spec = if r.specialisations.is_empty() {
            String::new()
        } else {
            one_line(&format!(
                " specialisations: {}",
                r.specialisations.join(", ")
            ))
        };
        let line = format!(
            "{:<10} {:<19} {:<24} {:<10} {:<12} {:>10} {:>10}  {}{spec}",
            r.generation,
            r.date,
            r.nixos_version,
            r.kernel_version,
            r.configuration_revision
                .chars()
                .take(12)
                .collect::<String>(),
            human_bytes_or_unknown(r.closure_bytes),
            human_bytes_or_unknown(r.exclusive_bytes),
            flags.join(",")
        );
        let _ = writeln!(out, "{}", line.trim_end());
        for c in &r.changes {
            let _ = writeln!(out, "    {}", change_line(c));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use nixbtw_probes::pkgdiff::ChangeKind;
    use nixbtw_probes::probes::generations::GenerationDiff;
    use nixbtw_probes::probes::generations::Profile;

    fn hm(owner: &str, link: &str, current: u32, numbers: &[u32]) -> Profile {
        Profile {
            owner: owner.into(),
            name: generations::HOME_MANAGER.into(),
            link: link.into(),
            current: Some(current),
            generations: numbers
                .iter()
                .map(|&n| Generation {
                    number: n,
                    target: Some(format!("/nix/store/{n}-home-manager-generation")),
                    hm_version: (n > 1).then(|| "25.05".to_string()),
                    ..Generation::default()
                })
                .collect(),
            manifest: None,
            diffs: Vec::new(),
        }
    }

    fn added(pname: &str) -> PackageChange {
        PackageChange {
            pname: pname.into(),
            kind: ChangeKind::Added,
            old: Vec::new(),
            new: vec![Some("1".into())],
            old_bytes: 0,
            new_bytes: 10,
            selected: true,
            security: None,
        }
    }

    #[test]
    fn a_users_home_manager_rows_newest_first_with_their_changes() {
        let mut p = hm(
            "alice",
            "/home/alice/.local/state/nix/profiles/home-manager",
            5,
            &[2, 3, 5],
        );
        // 3 → 5 (4 was deleted) is the pair before 5; 2 → 5 is not.
        p.diffs = vec![
            GenerationDiff {
                from: 3,
                to: 5,
                from_bytes: 1,
                to_bytes: 2,
                changes: vec![added("jq")],
            },
            GenerationDiff {
                from: 2,
                to: 5,
                from_bytes: 1,
                to_bytes: 2,
                changes: vec![added("wrong")],
            },
        ];
        let facts = GenerationsFacts {
            profiles: vec![
                p,
                hm(
                    "bob",
                    "/nix/var/nix/profiles/per-user/bob/home-manager",
                    1,
                    &[1],
                ),
                Profile {
                    name: "profile".into(),
                    ..hm(
                        "alice",
                        "/home/alice/.local/state/nix/profiles/profile",
                        1,
                        &[1],
                    )
                },
            ],
            ..GenerationsFacts::default()
        };
        let rows = home_manager_rows(&facts, "alice");
        let numbers: Vec<u32> = rows.iter().map(|r| r.generation).collect();
        assert_eq!(numbers, [5, 3, 2]);
        assert!(rows[0].current && !rows[1].current);
        assert_eq!(rows[0].changes, vec![added("jq")]);
        assert!(rows[1].changes.is_empty());
        assert_eq!(rows[0].hm_version, "25.05");
        assert_eq!(
            rows[0].path.as_deref(),
            Some("/nix/store/5-home-manager-generation")
        );
        assert!(home_manager_rows(&facts, "carol").is_empty());
        let mut text = Vec::new();
        print_home_manager(&rows, "alice", &mut text);
        let text = String::from_utf8(text).unwrap();
        assert!(text.starts_with("/home/alice/.local/state/nix/profiles/home-manager\n"));
        assert!(
            text.contains("\n    A  + jq 1  +10 B  [selected]\n"),
            "{text}"
        );
        let json = serde_json::to_value(&rows[0]).unwrap();
        assert_eq!(json["hmVersion"], "25.05");
        assert_eq!(json["closureBytes"], serde_json::Value::Null);
    }
}
