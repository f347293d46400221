//! `nixbtw-audit generations [--json]`: the system generations by hand, like
//! `nixos-rebuild list-generations`, with closure sizes, the bytes only each generation keeps
//! alive and each one's package changes against the one before.
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

use nixbtw_contracts::text::{human_bytes, json_terminal_safe, one_line};
use nixbtw_probes::nixdb::GcKeep;
use nixbtw_probes::pkgdiff::{ChangeKind, PackageChange};
use nixbtw_probes::probes::generations::{self, GenerationsFacts};
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
            date: g
                .date
                .map(|d| d.format("%Y-%m-%d %H:%M:%S").to_string())
                .unwrap_or_else(|| "Unknown".into()),
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
            changes: facts
                .diffs
                .iter()
                .filter(|d| d.to == g.number)
                .find(|d| {
                    sys.generations
                        .iter()
                        .rev()
                        .find(|p| p.number < g.number)
                        .is_some_and(|p| p.number == d.from)
                })
                .map(|d| d.changes.clone())
                .unwrap_or_default(),
        })
        .collect();
    out.reverse();
    out
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

/// Collect the facts of the system under `root` (or this machine) and print them.
pub fn list(
    root: Option<&Path>,
    json: bool,
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
    let facts = generations::collect_with(&host, Some(&store_facts), GcKeep::default(), usize::MAX);
    let rows = rows(&facts);
    if json {
        let text = serde_json::to_string_pretty(&rows).unwrap_or_else(|_| "[]".into());
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
    if rows.is_empty() {
        let _ = writeln!(out, "No system profile.");
        return EXIT_OK;
    }
    let _ = writeln!(
        out,
        "{:<10} {:<19} {:<24} {:<10} {:<12} {:>10} {:>10}  Flags",
        "Generation", "Build-date", "NixOS version", "Kernel", "Revision", "Closure", "Only it",
    );
    for r in &rows {
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
            r.closure_bytes
                .map(human_bytes)
                .unwrap_or_else(|| "?".into()),
            r.exclusive_bytes
                .map(human_bytes)
                .unwrap_or_else(|| "?".into()),
            flags.join(",")
        );
        let _ = writeln!(out, "{}", line.trim_end());
        for c in &r.changes {
            let _ = writeln!(out, "    {}", change_line(c));
        }
    }
    EXIT_OK
}
