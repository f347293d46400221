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
/// Exit code: the report could not be written.
pub const EXIT_WRITE: u8 = 3;

const AFTER_HELP: &str = "\
Exit codes:
  0  the audit ran and the report was written
  1  a finding at or above --fail-on was raised (the report was written)
  2  usage or configuration error (nothing was written)
  3  the report could not be written

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
}

#[derive(Debug, Args)]
struct RejudgeArgs {
    /// The report JSON (as written beside the markdown or by --json).
    report: PathBuf,
    /// Configuration file (TOML): thresholds, priority overrides, suppressions.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
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
    match s.parse::<Priority>()? {
        Priority::Info => Err("--fail-on takes P0, P1, P2 or P3".to_string()),
        p => Ok(p),
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
        None => run_audit(cli.audit, out, err, progress),
    }
}

fn print_checks(out: &mut dyn Write) -> u8 {
    let _ = out.write_all(checks_text().as_bytes());
    EXIT_OK
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

fn render(args: &RenderArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let result = (|| -> anyhow::Result<String> {
        let text = std::fs::read_to_string(&args.report)
            .with_context(|| format!("cannot read {}", args.report.display()))?;
        let report: Report = serde_json::from_str(&text)
            .with_context(|| format!("{} is not a nixbtw-audit report", args.report.display()))?;
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
        Err(e) => {
            let _ = writeln!(err, "nixbtw-audit: {e:#}");
            EXIT_USAGE
        }
    }
}

fn rejudge(args: &RejudgeArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let config = match &args.config {
        Some(path) => match Config::load(path) {
            Ok(c) => c,
            Err(e) => return usage_error(err, e),
        },
        None => Config::default(),
    };
    let renderer = match check_output(&args.output) {
        Ok(r) => r,
        Err(e) => return usage_error(err, e),
    };
    let stored = match std::fs::read_to_string(&args.report)
        .with_context(|| format!("cannot read {}", args.report.display()))
        .and_then(|text| {
            serde_json::from_str::<Report>(&text)
                .with_context(|| format!("{} is not a nixbtw-audit report", args.report.display()))
        }) {
        Ok(r) => r,
        Err(e) => return usage_error(err, format!("{e:#}")),
    };
    let (report, facts) = audit::rejudge(&stored, &config);
    // Facts this build cannot decode became error rows in the new report; say so here too.
    for status in stored.probes.iter().filter(|s| s.state == ProbeState::Ok) {
        if let Some(Outcome::Failed(why)) = facts.run(status.probe).map(|r| &r.outcome) {
            let _ = writeln!(err, "nixbtw-audit: {}: {why}", status.probe);
        }
    }
    emit(&report, &facts, &renderer, &args.output, out, err)
}

/// Check the output options before any work; the renderer they ask for.
fn check_output(o: &OutputArgs) -> Result<Renderer, String> {
    let renderer = Renderer::new(o.templates.as_deref()).map_err(|e| e.to_string())?;
    if let Some(slug) = &o.slug {
        if text::slug(slug) != *slug {
            return Err(format!(
                "--slug `{slug}`: use lowercase letters, digits and single dashes (e.g. `{}`)",
                text::slug(slug)
            ));
        }
    }
    if let Some(prom) = &o.prometheus {
        let parent = prom.parent().filter(|p| !p.as_os_str().is_empty());
        if parent.is_some_and(|p| !p.is_dir()) || prom.is_dir() {
            return Err(format!(
                "--prometheus {}: the directory must exist and the path must name a file",
                prom.display()
            ));
        }
    }
    Ok(renderer)
}

/// Write `report` everywhere the output options say, then the exit code from `--fail-on`.
fn emit(
    report: &Report,
    facts: &FactSet,
    renderer: &Renderer,
    o: &OutputArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> u8 {
    let out_dir = o.out_dir.clone().unwrap_or_else(|| PathBuf::from("."));
    if let Err(e) = finish(report, facts, renderer, o, &out_dir, out, err) {
        let _ = writeln!(err, "nixbtw-audit: {e:#}");
        return EXIT_WRITE;
    }
    match (o.fail_on, report.worst()) {
        (Some(limit), Some(worst)) if worst <= limit => EXIT_FINDINGS,
        _ => EXIT_OK,
    }
}

fn usage_error(err: &mut dyn Write, e: impl std::fmt::Display) -> u8 {
    let _ = writeln!(err, "nixbtw-audit: {e}");
    EXIT_USAGE
}

fn run_audit(args: AuditArgs, out: &mut dyn Write, err: &mut dyn Write, progress: bool) -> u8 {
    // Validate everything before any work, so a usage error writes nothing.
    let config = match &args.config {
        Some(path) => match Config::load(path) {
            Ok(c) => c,
            Err(e) => return usage_error(err, e),
        },
        None => Config::default(),
    };
    let renderer = match check_output(&args.output) {
        Ok(r) => r,
        Err(e) => return usage_error(err, e),
    };
    let now = chrono::Utc::now();
    let runner = Arc::new(SystemRunner);
    let host = match &args.root {
        Some(root) => match Host::at_root(root, runner, now) {
            Ok(h) => h,
            Err(e) => return usage_error(err, e),
        },
        None => Host::live(runner, audit_env(), now),
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
            let _ = writeln!(err, "nixbtw-audit: cannot start the probe runtime: {e}");
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
        if let Some(previous) = diff::find_previous(&out_dir, &slug) {
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
    emit(&report, &facts, &renderer, &args.output, out, err)
}

fn finish(
    report: &Report,
    facts: &FactSet,
    renderer: &Renderer,
    args: &OutputArgs,
    out_dir: &Path,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<()> {
    let markdown = renderer.markdown(report)?;
    let json = serde_json::to_string_pretty(report)? + "\n";
    let slug = args
        .slug
        .clone()
        .unwrap_or_else(|| text::slug(&report.target));
    let written = writer::write_report(out_dir, &report.date(), &slug, &markdown, &json)?;
    if let Some(path) = &args.json {
        if path == Path::new("-") {
            out.write_all(json.as_bytes())?;
        } else {
            writer::write_atomic(path, json.as_bytes())
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
    }
    if let Some(path) = &args.prometheus {
        writer::write_atomic(path, metrics::prometheus_text(report, facts).as_bytes())
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    let to_stdout_json = args.json.as_deref() == Some(Path::new("-"));
    if !args.quiet && !to_stdout_json {
        let inline = renderer.inline(report, &written.markdown.display().to_string())?;
        out.write_all(inline.as_bytes())?;
    } else if !args.quiet {
        writeln!(
            err,
            "nixbtw-audit: report written to {}",
            written.markdown.display()
        )?;
    }
    Ok(())
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
