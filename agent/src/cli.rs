//! The command line: argument parsing, exit codes, and wiring the stages together.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsString;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use nixbtw_contracts::{text, FindingId, Priority, ProbeId, ProbeState, Report};
use nixbtw_probes::probes::deep::{DeepProbe, DeepScope, DeepSettings};
use nixbtw_probes::{FactSet, Host, Outcome, Probe, SystemRunner};

use crate::audit::{self, Selection};
use crate::config::Config;
use crate::render::Renderer;
use crate::{diff, metrics, redact, writer};

/// Exit code: the audit ran and the report was written.
pub const EXIT_OK: u8 = 0;
/// Exit code: a finding at or above `--fail-on`.
pub const EXIT_FINDINGS: u8 = 1;
/// Exit code: usage or configuration error; nothing was written.
pub const EXIT_USAGE: u8 = 2;
/// Exit code: the report, or a file asked for with `--json FILE` or `--prometheus FILE`, could
/// not be written (the report is written whenever it can be).
pub const EXIT_WRITE: u8 = 3;

const AFTER_HELP: &str = "\
Exit codes:
  0  the audit ran and the report was written
  1  a finding at or above --fail-on was raised (the report was written)
  2  usage or configuration error (nothing was written)
  3  the report, or a --json/--prometheus file, could not be written (the report is written
     whenever it can be: a missing metrics directory never costs it)

The audit is read-only: it never runs a GC, a rebuild or anything that changes the host, and
writes only its report under --out-dir. Probes that cannot run (missing tools, permissions, a
hung command) become `error` rows in the report, never a crash.

Examples:
  sudo nixbtw-audit                        audit this host, report under ./docs/local/audits
  nixbtw-audit --root /mnt --out-dir /tmp  audit a mounted system from a rescue shell
  nixbtw-audit --json - --quiet | jq .     the report model as JSON on stdout
  nixbtw-audit --fail-on P1                exit 1 when anything P0 or P1 is found
  nixbtw-audit --redact --out-dir /tmp     a report to attach to a support request
  nixbtw-audit --prometheus /var/lib/prometheus/node-exporter/nixbtw.prom
                                           also export metrics for node_exporter
  nixbtw-audit render report.json          re-render an attached report's markdown
  nixbtw-audit rejudge report.json --config other.toml --out-dir /tmp
                                           judge a report's stored facts again
  nixbtw-audit checks                      list every finding ID, its probe and rule";

/// Read-only audit of a NixOS or Nix host: lane, store, GC roots, generations, nix.conf,
/// flake and channels, failed units, journal, /boot and secrets. Prints a summary and writes a
/// markdown report (and its JSON) under docs/local/audits/nixos-btw/.
#[derive(Debug, Parser)]
#[command(name = "nixbtw-audit", version, after_help = AFTER_HELP, args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    audit: AuditArgs,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// List every finding ID with its default priority, the probe whose facts judge it, the
    /// rule function that judges it, and its meaning.
    Checks,
    /// Re-render a report from its JSON (as written beside the markdown or by --json).
    Render(RenderArgs),
    /// Run the rules again over a report's stored facts (its JSON) with another configuration
    /// (thresholds, priority overrides, suppressions) and write a new report. Nothing is read
    /// from the host. With the configuration the report was made with, the new report equals
    /// it (without the comparison with a previous audit, which rejudge does not make).
    Rejudge(RejudgeArgs),
    /// Summarise many hosts' report JSONs (found under each DIR, however the fleet collected
    /// them) on one markdown page: hosts against priorities, the checks many hosts share,
    /// each host's worst finding and report age, and hosts whose latest report is missing or
    /// stale. Reports of another report layout, or files that are not reports, are refused
    /// and listed.
    Summary(SummaryArgs),
    /// List the system generations as `nixos-rebuild list-generations` does (number, date,
    /// NixOS and kernel version, configuration revision, specialisations, current), plus
    /// booted and default, closure size, the bytes only each keeps alive, and each one's
    /// package changes against the one before; with `--user NAME`, that user's home-manager
    /// generations the same way. Read-only; needs no nix binary.
    Generations(GenerationsArgs),
}

#[derive(Debug, Args)]
struct SummaryArgs {
    /// Directories holding report JSONs (searched recursively, symlinks not followed).
    #[arg(required = true, value_name = "DIR")]
    dirs: Vec<PathBuf>,
    /// A file naming the hosts that should have a report, one per line (`#` comments): those
    /// without one are listed as missing.
    #[arg(long, value_name = "FILE")]
    hosts: Option<PathBuf>,
    /// A host's latest report older than this many hours is stale (the timer runs daily).
    #[arg(long, value_name = "HOURS", default_value_t = 49, value_parser = clap::value_parser!(i64).range(1..=87600))]
    stale_hours: i64,
    /// Where docs/local/audits/nixos-btw/ is created [default: the working directory].
    #[arg(long, value_name = "DIR")]
    out_dir: Option<PathBuf>,
    /// File-name slug of the page.
    #[arg(long, value_name = "S", default_value = "fleet-summary")]
    slug: String,
    /// Do not print where the page was written.
    #[arg(long, short)]
    quiet: bool,
}

#[derive(Debug, Args)]
struct GenerationsArgs {
    /// Read a mounted, not running, system under DIR.
    #[arg(long, value_name = "DIR")]
    root: Option<PathBuf>,
    /// Print JSON (an array, newest first, like `nixos-rebuild list-generations --json`).
    #[arg(long)]
    json: bool,
    /// List this user's home-manager generations instead (like `home-manager generations`):
    /// each home-manager profile of the user (`/nix/var/nix/profiles/per-user/NAME` and
    /// `~NAME/.local/state/nix/profiles`), with home-manager's version, closure size, the bytes
    /// only each keeps alive and its package changes against the one before.
    #[arg(long, value_name = "NAME")]
    user: Option<String>,
}

#[derive(Debug, Args)]
struct RejudgeArgs {
    /// The report JSON (as written beside the markdown or by --json).
    report: PathBuf,
    /// Configuration file (TOML): thresholds, priority overrides, suppressions.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Release table to judge with instead of the built-in one (the format of
    /// agent/data/releases.toml, with an `as_of` no older than the built-in table's).
    #[arg(long, value_name = "FILE")]
    releases: Option<PathBuf>,
    #[command(flatten)]
    output: OutputArgs,
}

/// Where and how a report is written (an audit and `rejudge` share these).
#[derive(Debug, Args)]
struct OutputArgs {
    /// Where docs/local/audits/nixos-btw/ is created [default: the working directory].
    #[arg(long, value_name = "DIR")]
    out_dir: Option<PathBuf>,
    /// File-name slug of the report [default: the sanitized hostname].
    #[arg(long, value_name = "S")]
    slug: Option<String>,
    /// Also write the report model as JSON to PATH (`-` for stdout).
    #[arg(long, value_name = "PATH")]
    json: Option<PathBuf>,
    /// Exit 1 when a finding of this priority or higher is raised.
    #[arg(long, value_name = "P0|P1|P2|P3", value_parser = parse_fail_on)]
    fail_on: Option<Priority>,
    /// Directory with replacement templates (report.md.tera, inline.txt.tera).
    #[arg(long, value_name = "DIR")]
    templates: Option<PathBuf>,
    /// Let GROUP read the reports: files 0640 and created directories 0750, owned by the
    /// group (a name from /etc/group or a numeric gid). By default only the owner can read
    /// them (0600/0700): a report holds what a root-run audit could read.
    #[arg(long, value_name = "GROUP")]
    report_group: Option<String>,
    /// Do not print the summary on stdout (the report is still written).
    #[arg(long, short)]
    quiet: bool,
    /// Also write node_exporter textfile metrics to FILE (atomically; for the textfile
    /// collector, name it `*.prom` in its directory).
    #[arg(long, value_name = "FILE")]
    prometheus: Option<PathBuf>,
}

#[derive(Debug, Args)]
struct RenderArgs {
    /// The report JSON.
    report: PathBuf,
    /// What to print.
    #[arg(long, value_enum, default_value_t = RenderFormat::Markdown)]
    format: RenderFormat,
    /// Directory with replacement templates (report.md.tera, inline.txt.tera).
    #[arg(long, value_name = "DIR")]
    templates: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum RenderFormat {
    /// The markdown deliverable.
    Markdown,
    /// The terminal surface.
    Inline,
}

#[derive(Debug, Args)]
struct AuditArgs {
    /// Audit a mounted, not running, system under DIR (rescue shell, CI image). Live-only
    /// sources are read from files or reported skipped.
    #[arg(long, value_name = "DIR")]
    root: Option<PathBuf>,
    #[command(flatten)]
    output: OutputArgs,
    /// Run only these probes (comma-separated).
    #[arg(long, value_name = "P,..", value_delimiter = ',')]
    only: Vec<ProbeId>,
    /// Skip these probes (comma-separated).
    #[arg(long, value_name = "P,..", value_delimiter = ',')]
    skip: Vec<ProbeId>,
    /// Per-probe timeout in seconds; a probe that overruns becomes an error row.
    #[arg(long, value_name = "SECS", default_value_t = 60, value_parser = clap::value_parser!(u64).range(1..=86400))]
    timeout: u64,
    /// Configuration file (TOML): thresholds, priority overrides, suppressions.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Release table to judge with instead of the built-in one (the format of
    /// agent/data/releases.toml, with an `as_of` no older than the built-in table's), so a
    /// fleet updates NixOS support windows without a rebuild. Overrides the configuration's
    /// `releases` key.
    #[arg(long, value_name = "FILE")]
    releases: Option<PathBuf>,
    /// Replace host names, user names and home paths, IP and MAC addresses, e-mail addresses
    /// and token-like strings with placeholders in every output: for a support request.
    #[arg(long)]
    redact: bool,
    /// Do not compare with the previous report of the same slug (no `fixed`/`new` marks, no
    /// trend).
    #[arg(long)]
    no_diff: bool,
    /// Deep mode: re-hash store contents and compare with the Nix DB, in parallel (what
    /// `nix-store --verify --check-contents` does). `--deep` checks every valid path,
    /// `--deep=system` the current system's closure. Reads the whole store: slow.
    #[arg(long, value_name = "all|system", num_args = 0..=1, default_missing_value = "all", require_equals = true)]
    deep: Option<DeepScopeArg>,
    /// Time limit of deep mode in seconds (it is not bound by --timeout).
    #[arg(long, value_name = "SECS", default_value_t = 86400, value_parser = clap::value_parser!(u64).range(1..))]
    deep_timeout: u64,
    /// Worker threads of deep mode [default: four per core, at most 32: more reads in flight
    /// help a cold page cache; use fewer on a spinning disk].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..=1024))]
    deep_jobs: Option<u64>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum DeepScopeArg {
    /// Every valid path.
    All,
    /// The current system's closure.
    System,
}

impl AuditArgs {
    /// Deep mode's settings, when `--deep` was given.
    fn deep_settings(&self) -> Option<DeepSettings> {
        let scope = match self.deep? {
            DeepScopeArg::All => DeepScope::All,
            DeepScopeArg::System => DeepScope::System,
        };
        Some(DeepSettings {
            scope,
            threads: self.deep_jobs.and_then(|n| usize::try_from(n).ok()),
            timeout: Duration::from_secs(self.deep_timeout),
        })
    }
}

fn parse_fail_on(s: &str) -> Result<Priority, String> {
    match s.parse::<Priority>() {
        Ok(Priority::Info) | Err(_) => Err(format!("--fail-on takes P0, P1, P2 or P3, not `{s}`")),
        Ok(p) => Ok(p),
    }
}

/// Entry point of the binary.
pub fn main() -> ExitCode {
    let stderr_tty = std::io::stderr().is_terminal();
    let code = run(
        std::env::args_os(),
        &mut std::io::stdout().lock(),
        &mut std::io::stderr(),
        stderr_tty,
    );
    ExitCode::from(code)
}

/// Run the command line `args` (program name first) with the given output streams and
/// return the exit code. The binary's `main` and the integration tests both call this.
/// `progress` enables progress lines on `err` (the binary sets it when stderr is a terminal).
pub fn run(
    args: impl IntoIterator<Item = OsString>,
    out: &mut dyn Write,
    err: &mut dyn Write,
    progress: bool,
) -> u8 {
    let cli = match Cli::try_parse_from(args) {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { EXIT_USAGE } else { EXIT_OK };
            let text = e.render().to_string();
            let _ = if e.use_stderr() {
                err.write_all(text.as_bytes())
            } else {
                out.write_all(text.as_bytes())
            };
            return code;
        }
    };
    match cli.command {
        Some(Command::Checks) => print_checks(out),
        Some(Command::Render(args)) => render(&args, out, err),
        Some(Command::Rejudge(args)) => rejudge(&args, out, err),
        Some(Command::Summary(args)) => summary(&args, out, err),
        Some(Command::Generations(args)) => crate::generations::list(
            args.root.as_deref(),
            args.json,
            args.user.as_deref(),
            out,
            err,
            audit_env(),
        ),
        None => run_audit(cli.audit, out, err, progress),
    }
}

fn print_checks(out: &mut dyn Write) -> u8 {
    // On a terminal, fit its width; piped, print the one-line table (for grep and cut).
    let width = terminal_size::terminal_size_of(std::io::stdout())
        .map(|(terminal_size::Width(w), _)| usize::from(w));
    let text = match width {
        Some(w) if w < table_width() => checks_wrapped(w),
        _ => checks_text(),
    };
    let _ = out.write_all(text.as_bytes());
    EXIT_OK
}

/// The width of the widest line of [`checks_text`].
fn table_width() -> usize {
    checks_text()
        .lines()
        .map(nixbtw_contracts::text::width)
        .max()
        .unwrap_or(0)
}

/// `nixbtw-audit checks` for a terminal `width` columns wide: one block per finding ID, the ID,
/// default priority and probe on the first line, the rule and the meaning indented below,
/// wrapped at word boundaries.
pub fn checks_wrapped(width: usize) -> String {
    let width = width.max(40);
    let mut text = String::new();
    for id in FindingId::ALL {
        let info = id.info();
        text.push_str(&format!(
            "{}  {}  {}\n",
            id.as_str(),
            info.priority.as_str(),
            info.probe.map_or("-", ProbeId::as_str)
        ));
        for line in wrap(&format!("rule: {}", rule_location(*id)), width - 4)
            .into_iter()
            .chain(wrap(info.meaning, width - 4))
        {
            text.push_str("    ");
            text.push_str(&line);
            text.push('\n');
        }
    }
    text
}

/// Split `s` into lines of at most `max` columns at spaces (a longer word gets a line of its own).
fn wrap(s: &str, max: usize) -> Vec<String> {
    use nixbtw_contracts::text::width;
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in s.split_whitespace() {
        if !line.is_empty() && width(&line) + 1 + width(word) > max {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// What `nixbtw-audit checks` prints: one line per finding ID with its default priority, the
/// probe whose facts judge it, the rule function that judges it, and its meaning.
pub fn checks_text() -> String {
    let mut text = format!(
        "{:<34} {:<7} {:<12} {:<50} {}\n",
        "ID", "DEFAULT", "PROBE", "RULE", "RAISED WHEN"
    );
    for id in FindingId::ALL {
        let info = id.info();
        text.push_str(&format!(
            "{:<34} {:<7} {:<12} {:<50} {}\n",
            id.as_str(),
            info.priority.as_str(),
            info.probe.map_or("-", ProbeId::as_str),
            rule_location(*id),
            info.meaning
        ));
    }
    text
}

/// Where the rule judging `id` is, from the rules registry: `agent/src/rules/<module>.rs::<fn>`.
/// The catalog's [`nixbtw_contracts::ids::CheckInfo::location`] for split families; a family
/// still judged by one function names that function.
fn rule_location(id: FindingId) -> String {
    let info = id.info();
    if id == FindingId::AuditSuppressionExpired {
        return info.location();
    }
    let module = format!("nixbtw_audit::rules::{}", info.rule_module());
    crate::rules::RULES
        .iter()
        .flat_map(|m| m.iter())
        .find(|r| r.module == module && r.ids.contains(&id))
        .map_or_else(
            || info.location(),
            |r| format!("agent/src/rules/{}.rs::{}", info.rule_module(), r.function),
        )
}

/// A report JSON named on the command line (`render`, `rejudge`): a bounded regular file.
fn read_report(path: &Path) -> anyhow::Result<Report> {
    let bytes = nixbtw_probes::fs::read_local(path, nixbtw_probes::fs::caps::REPORT_JSON)
        .map_err(|e| anyhow::anyhow!("cannot read {}: {}", path.display(), e.reason()))?;
    serde_json::from_slice::<Report>(&bytes)
        .with_context(|| format!("{} is not a nixbtw-audit report", path.display()))
}

fn render(args: &RenderArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let result = (|| -> anyhow::Result<String> {
        let report = read_report(&args.report)?;
        let renderer = Renderer::new(args.templates.as_deref())?;
        Ok(match args.format {
            RenderFormat::Markdown => renderer.markdown(&report)?,
            RenderFormat::Inline => renderer.inline(&report, "(re-rendered from JSON)")?,
        })
    })();
    match result {
        Ok(s) => {
            let _ = out.write_all(s.as_bytes());
            EXIT_OK
        }
        Err(e) => usage_error(err, error_text(&e)),
    }
}

/// An error and its causes in one line, each cause once: types whose message already holds
/// their source (`cannot write X: Read-only file system`) are not repeated by the chain.
fn error_text(e: &anyhow::Error) -> String {
    let mut out = String::new();
    for cause in e.chain() {
        let text = cause.to_string();
        if out.contains(&text) {
            continue;
        }
        if !out.is_empty() {
            out.push_str(": ");
        }
        out.push_str(&text);
    }
    out
}

/// Print an error message: one line per line of it, each stripped of control characters and
/// escape sequences (a tampered report's values are echoed in parse errors).
fn say(err: &mut dyn Write, msg: impl std::fmt::Display) {
    for line in msg.to_string().lines() {
        let _ = writeln!(err, "nixbtw-audit: {}", text::excerpt_line(line));
    }
}

/// The configuration of `--config` (or the default one) with the release table of
/// `--releases` or its `releases` key loaded.
fn load_config(config: Option<&Path>, releases: Option<&Path>) -> Result<Config, String> {
    let mut c = match config {
        Some(path) => Config::load(path).map_err(|e| e.to_string())?,
        None => Config::default(),
    };
    c.load_releases(releases, chrono::Utc::now().date_naive())
        .map_err(|e| e.to_string())?;
    Ok(c)
}

fn rejudge(args: &RejudgeArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let config = match load_config(args.config.as_deref(), args.releases.as_deref()) {
        Ok(c) => c,
        Err(e) => return usage_error(err, e),
    };
    let (renderer, access) = match check_output(&args.output) {
        Ok(r) => r,
        Err(e) => return usage_error(err, e),
    };
    let stored = match read_report(&args.report) {
        Ok(r) => r,
        Err(e) => return usage_error(err, error_text(&e)),
    };
    let (report, facts) = audit::rejudge(&stored, &config);
    // Facts this build cannot decode became error rows in the new report; say so here too.
    for status in stored.probes.iter().filter(|s| s.state == ProbeState::Ok) {
        if let Some(Outcome::Failed(why)) = facts.run(status.probe).map(|r| &r.outcome) {
            say(err, format!("{}: {why}", status.probe));
        }
    }
    emit(
        &report,
        Judged {
            facts: &facts,
            releases: &config.release_table,
        },
        &renderer,
        access,
        &args.output,
        out,
        err,
    )
}

fn summary(args: &SummaryArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    if text::slug(&args.slug) != args.slug {
        return usage_error(
            err,
            format!(
                "--slug `{}`: use lowercase letters, digits and single dashes",
                args.slug
            ),
        );
    }
    let expected = match &args.hosts {
        None => Vec::new(),
        Some(path) => match nixbtw_probes::fs::read_local(path, nixbtw_probes::fs::caps::CONFIG) {
            Ok(bytes) => String::from_utf8_lossy(&bytes)
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(str::to_string)
                .collect(),
            Err(e) => {
                return usage_error(err, format!("--hosts {}: {}", path.display(), e.reason()))
            }
        },
    };
    let now = chrono::Utc::now();
    let s = match crate::summary::summarise(&args.dirs, &expected, args.stale_hours, now) {
        Ok(s) => s,
        Err(e) => return usage_error(err, e),
    };
    let md = s.markdown();
    let json = match serde_json::to_string_pretty(&s) {
        Ok(j) => text::json_terminal_safe(&j) + "\n",
        Err(e) => {
            say(err, e);
            return EXIT_WRITE;
        }
    };
    let out_dir = args.out_dir.clone().unwrap_or_else(|| PathBuf::from("."));
    let date = now.format("%Y-%m-%d").to_string();
    match writer::write_report(
        &out_dir,
        &date,
        &args.slug,
        &md,
        &json,
        writer::Access::default(),
    ) {
        Ok(w) => {
            if !args.quiet {
                let _ = writeln!(
                    out,
                    "nixbtw-audit: {} hosts, {} reports read, {} refused: {}",
                    s.hosts.len(),
                    s.reports_read,
                    s.refused.len(),
                    out_dir.join(&w.markdown).display()
                );
            }
            EXIT_OK
        }
        Err(e) => {
            say(err, e);
            EXIT_WRITE
        }
    }
}

/// Check the output options before any work; the renderer they ask for.
fn check_output(o: &OutputArgs) -> Result<(Renderer, writer::Access), String> {
    let renderer = Renderer::new(o.templates.as_deref()).map_err(|e| e.to_string())?;
    let access = writer::Access {
        group: o.report_group.as_deref().map(group_id).transpose()?,
    };
    if let Some(slug) = &o.slug {
        if text::slug(slug) != *slug {
            return Err(format!(
                "--slug `{slug}`: use lowercase letters, digits and single dashes (e.g. `{}`)",
                text::slug(slug)
            ));
        }
    }
    // A missing directory is not a usage error: the report is still written (exit 3 then).
    if let Some(prom) = &o.prometheus {
        if prom.is_dir() {
            return Err(format!(
                "--prometheus {}: names a directory, not a file",
                prom.display()
            ));
        }
    }
    Ok((renderer, access))
}

/// What a report was judged from: its typed facts and the release table.
#[derive(Clone, Copy)]
struct Judged<'a> {
    facts: &'a FactSet,
    releases: &'a crate::rules::releases::Releases,
}

/// Write `report` everywhere the output options say, then the exit code from `--fail-on`.
fn emit(
    report: &Report,
    judged: Judged<'_>,
    renderer: &Renderer,
    access: writer::Access,
    o: &OutputArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> u8 {
    if let Err(e) = finish(report, judged, renderer, o, access, out, err) {
        say(err, error_text(&e));
        return EXIT_WRITE;
    }
    match (o.fail_on, report.worst()) {
        (Some(limit), Some(worst)) if worst <= limit => EXIT_FINDINGS,
        _ => EXIT_OK,
    }
}

fn usage_error(err: &mut dyn Write, e: impl std::fmt::Display) -> u8 {
    say(err, e);
    EXIT_USAGE
}

/// The gid of `group`: a number, or a name in /etc/group.
fn group_id(group: &str) -> Result<u32, String> {
    if let Ok(gid) = group.parse::<u32>() {
        return Ok(gid);
    }
    let bytes =
        nixbtw_probes::fs::read_local(Path::new("/etc/group"), nixbtw_probes::fs::caps::ACCOUNTS)
            .map_err(|e| format!("--report-group {group}: {e}"))?;
    nixbtw_probes::accounts::Groups::parse(&bytes)
        .group(group)
        .map(|g| g.gid)
        .ok_or_else(|| format!("--report-group {group}: no such group in /etc/group"))
}

fn run_audit(args: AuditArgs, out: &mut dyn Write, err: &mut dyn Write, progress: bool) -> u8 {
    // Validate everything before any work, so a usage error writes nothing.
    let config = match load_config(args.config.as_deref(), args.releases.as_deref()) {
        Ok(c) => c,
        Err(e) => return usage_error(err, e),
    };
    let (renderer, access) = match check_output(&args.output) {
        Ok(r) => r,
        Err(e) => return usage_error(err, e),
    };
    if args.only.contains(&ProbeId::Deep) && args.deep.is_none() {
        return usage_error(
            err,
            "--only deep needs --deep (or --deep=system): deep verification reads the whole \
             store and only runs when asked for",
        );
    }
    let now = chrono::Utc::now();
    let runner = Arc::new(SystemRunner);
    let host = match &args.root {
        Some(root) => Host::at_root(root, runner, now),
        None => Host::live(runner, audit_env(), now),
    };
    let host = match host {
        Ok(h) => h,
        Err(e) => return usage_error(err, e),
    };
    let mut selection = Selection {
        only: (!args.only.is_empty()).then(|| args.only.iter().copied().collect::<BTreeSet<_>>()),
        skip: args.skip.iter().copied().collect(),
    };
    // Deep mode is its own probe, added only when asked for (and then never filtered out by
    // --only, which names the other probes).
    let mut probes: Vec<Box<dyn Probe>> = nixbtw_probes::all_probes();
    if let Some(settings) = args.deep_settings() {
        probes.push(Box::new(DeepProbe { settings }));
        if let Some(only) = &mut selection.only {
            only.insert(ProbeId::Deep);
        }
    }
    let out_dir = args
        .output
        .out_dir
        .clone()
        .unwrap_or_else(|| PathBuf::from("."));
    let show_progress = !args.output.quiet && progress;
    // A message starting with `\r` is a status line that replaces the previous one (deep
    // mode's bytes/rate/ETA); any other message ends it and prints on its own line.
    let status_open = std::sync::Mutex::new(false);
    let progress: crate::scheduler::Progress = Arc::new(move |probe, msg: &str| {
        if !show_progress {
            return;
        }
        let Ok(mut open) = status_open.lock() else {
            return;
        };
        let mut err = std::io::stderr().lock();
        if let Some(status) = msg.strip_prefix('\r') {
            let _ = write!(
                err,
                "\r\x1b[Knixbtw-audit: {probe}: {}",
                text::one_line(status)
            );
            *open = true;
        } else {
            if *open {
                let _ = write!(err, "\r\x1b[K");
                *open = false;
            }
            let _ = writeln!(err, "nixbtw-audit: {probe}: {}", text::one_line(msg));
        }
        let _ = err.flush();
    });

    let mut report = match audit::run(
        host,
        probes,
        &selection,
        &config,
        Duration::from_secs(args.timeout),
        progress,
    ) {
        Ok(r) => r,
        Err(e) => {
            say(err, format!("cannot start the probe runtime: {e}"));
            return EXIT_WRITE;
        }
    };

    // Every later stage reads the typed facts the report stores (decoded from its JSON form,
    // so what the JSON says is what they see).
    let facts = audit::stored_facts(&report);
    // The previous audit is looked up under the real slug, before redaction renames the host.
    if !args.no_diff {
        let slug = args
            .output
            .slug
            .clone()
            .unwrap_or_else(|| text::slug(&report.target));
        if let Some(previous) = diff::find_previous(&out_dir, &slug, &report.target) {
            diff::apply(&mut report, &facts, &previous, &config);
        }
    }
    if args.redact {
        if let Err(e) = redact::redact(&mut report, &facts) {
            let _ = writeln!(
                err,
                "nixbtw-audit: --redact failed ({e}); nothing was written"
            );
            return EXIT_WRITE;
        }
    }
    emit(
        &report,
        Judged {
            facts: &facts,
            releases: &config.release_table,
        },
        &renderer,
        access,
        &args.output,
        out,
        err,
    )
}

fn finish(
    report: &Report,
    judged: Judged<'_>,
    renderer: &Renderer,
    args: &OutputArgs,
    access: writer::Access,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<()> {
    let out_dir = args.out_dir.clone().unwrap_or_else(|| PathBuf::from("."));
    let out_dir = out_dir.as_path();
    let markdown = renderer.markdown(report)?;
    let json = text::json_terminal_safe(&serde_json::to_string_pretty(report)?) + "\n";
    let slug = args
        .slug
        .clone()
        .unwrap_or_else(|| text::slug(&report.target));
    let written = writer::write_report(out_dir, &report.date(), &slug, &markdown, &json, access)?;
    // The report is written; the files asked for besides it are attempted each, and a failure
    // is said and returned after the summary, never instead of it.
    let mut failed: Vec<String> = Vec::new();
    if let Some(path) = &args.json {
        if path == Path::new("-") {
            out.write_all(json.as_bytes())?;
        } else {
            let mode = if access.group.is_some() { 0o640 } else { 0o600 };
            if let Err(e) = writer::write_atomic(path, json.as_bytes(), mode) {
                failed.push(format!("cannot write {}: {e}", path.display()));
            }
        }
    }
    if let Some(path) = &args.prometheus {
        // The textfile holds figures and catalog IDs, no host text: the exporter's user reads it.
        if let Err(e) = writer::write_atomic(
            path,
            metrics::prometheus_text(report, judged.facts, judged.releases).as_bytes(),
            0o644,
        ) {
            failed.push(format!(
                "cannot write the metrics textfile {}: {e} (the report was written)",
                path.display()
            ));
        }
    }
    // Where the user can open the report from where they stand.
    let shown = if out_dir == Path::new(".") {
        written.markdown.clone()
    } else {
        out_dir.join(&written.markdown)
    };
    let to_stdout_json = args.json.as_deref() == Some(Path::new("-"));
    if !args.quiet && !to_stdout_json {
        let inline = renderer.inline(report, &shown.display().to_string())?;
        out.write_all(inline.as_bytes())?;
    } else if !args.quiet {
        writeln!(err, "nixbtw-audit: report written to {}", shown.display())?;
    }
    if failed.is_empty() {
        Ok(())
    } else {
        Err(anyhow::anyhow!(failed.join("; ")))
    }
}

/// The environment variables probes may consult on a live host.
fn audit_env() -> BTreeMap<String, OsString> {
    [
        "NIX_CONF_DIR",
        "NIX_PATH",
        "NIX_REMOTE",
        "HOME",
        "PATH",
        "XDG_CONFIG_HOME",
    ]
    .iter()
    .filter_map(|k| std::env::var_os(k).map(|v| (k.to_string(), v)))
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_fit_an_80_column_terminal_and_keep_every_word() {
        let wrapped = checks_wrapped(80);
        assert!(table_width() > 80, "the table is wider than a terminal");
        for line in wrapped.lines() {
            assert!(nixbtw_contracts::text::width(line) <= 80, "{line}");
        }
        let words = |s: &str| -> Vec<String> {
            s.split_whitespace()
                .filter(|w| *w != "rule:")
                .map(str::to_string)
                .collect()
        };
        let mut table: Vec<String> = checks_text().lines().skip(1).flat_map(words).collect();
        let mut blocks: Vec<String> = words(&wrapped);
        table.sort();
        blocks.sort();
        assert_eq!(table, blocks);
        for id in FindingId::ALL {
            assert!(
                wrapped.contains(&format!("\n{}  ", id.as_str()))
                    || wrapped.starts_with(id.as_str())
            );
        }
    }

    #[test]
    fn wrap_breaks_at_spaces_and_never_drops_a_long_word() {
        assert_eq!(wrap("a bb ccc dddd", 6), ["a bb", "ccc", "dddd"]);
        assert_eq!(
            wrap("averyveryverylongword x", 5),
            ["averyveryverylongword", "x"]
        );
        assert!(wrap("", 10).is_empty());
    }
}
