//! The `units` probe: failed systemd units, nix-daemon, nixos-upgrade and the maintenance
//! timers.
//!
//! Live, the systemd manager is asked through `systemctl` rather than over D-Bus (zbus): the
//! same manager answers either way (systemctl is a D-Bus client of it), `systemctl -o json` and
//! `systemctl show -p` give exactly the properties needed, and it costs no async D-Bus stack
//! in the binary. When the manager cannot be asked (`systemctl` missing, "System has not been
//! booted with systemd", no bus) and under `--root`, failed units come from the journal
//! probe's facts instead: units whose last word in the newest boot is a failure.
//!
//! The maintenance timers (`nix-gc`, `nix-optimise`, `nixos-upgrade`, `nh-clean`) are exposed
//! as facts because `store.gc-not-scheduled` reads them; under `--root` their presence comes
//! from the unit files of the system profile.

use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::time::Duration;

use nixbtw_contracts::ProbeId;

use crate::command::Cmd;
use crate::host::Host;
use crate::probe::{Facts, Probe, ProbeContext, ProbeError, ProbeFacts};
use crate::probes::journal::{unit_excerpts, JournalFacts, JournalLine, UnitWord};

/// The maintenance timers looked for, by unit name without `.timer`.
pub const MAINTENANCE_TIMERS: &[&str] = &["nix-gc", "nix-optimise", "nixos-upgrade", "nh-clean"];
/// Journal lines kept per failed unit.
pub const EXCERPT_LINES: usize = 20;
/// Failed units that get an excerpt (the rest are still listed).
const MAX_EXCERPTS: usize = 30;

/// Where the unit states came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum UnitsSource {
    /// The running systemd manager (`systemctl`).
    Manager,
    /// Unit failure messages in the newest boot of the journal.
    Journal,
}

/// A unit in the failed state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FailedUnit {
    /// Unit name.
    pub unit: String,
    /// Whether it is a user manager's unit (journal source only).
    pub user: bool,
    /// Description, when the manager gave one.
    pub description: Option<String>,
    /// `Result` (`exit-code`, `core-dump`, `signal`, `timeout`, `oom-kill`...).
    pub result: Option<String>,
    /// ExecMainCode as a word (`exited`, `killed`, `dumped`).
    pub exec_main_code: Option<String>,
    /// ExecMainStatus (exit status or signal number).
    pub exec_main_status: Option<i32>,
    /// When it entered the failed state.
    pub failed_at: Option<DateTime<Utc>>,
    /// The failure message (journal source).
    pub message: Option<String>,
    /// Its last lines in the current boot.
    pub excerpt: Vec<JournalLine>,
    /// The command the excerpt came from.
    pub excerpt_source: String,
    /// Why there is no excerpt, when there is none.
    pub excerpt_error: Option<String>,
}

/// A unit's state as `systemctl show` reports it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitState {
    /// Unit name.
    pub unit: String,
    /// LoadState (`loaded`, `not-found`, `masked`...).
    pub load_state: Option<String>,
    /// ActiveState (`active`, `inactive`, `failed`, `activating`...).
    pub active_state: Option<String>,
    /// SubState (`running`, `listening`, `dead`...).
    pub sub_state: Option<String>,
    /// Result of the last run.
    pub result: Option<String>,
    /// ExecMainCode as a word.
    pub exec_main_code: Option<String>,
    /// ExecMainStatus.
    pub exec_main_status: Option<i32>,
    /// When the main process of the last run started (None: never ran).
    pub exec_main_start: Option<DateTime<Utc>>,
    /// StateChangeTimestamp.
    pub state_change: Option<DateTime<Utc>>,
    /// LastTriggerUSec (timers).
    pub last_trigger: Option<DateTime<Utc>>,
}

impl UnitState {
    /// Whether the unit file exists and loaded.
    pub fn loaded(&self) -> bool {
        self.load_state.as_deref() == Some("loaded")
    }

    /// Whether it is active (or reloading).
    pub fn active(&self) -> bool {
        matches!(self.active_state.as_deref(), Some("active" | "reloading"))
    }
}

/// nix-daemon.service and nix-daemon.socket, live.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DaemonState {
    /// nix-daemon.service.
    pub service: UnitState,
    /// nix-daemon.socket.
    pub socket: UnitState,
}

/// The last run of a oneshot service (nixos-upgrade).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LastRun {
    /// Unit name.
    pub unit: String,
    /// Whether the last run failed.
    pub failed: bool,
    /// Result (`success`, `exit-code`...).
    pub result: Option<String>,
    /// ExecMainStatus, when known.
    pub exec_main_status: Option<i32>,
    /// When it ended or failed.
    pub at: Option<DateTime<Utc>>,
    /// The journal message, when that is the source.
    pub message: Option<String>,
}

/// A maintenance timer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimerInfo {
    /// Timer name (`nix-gc.timer`).
    pub name: String,
    /// Whether the timer unit exists.
    pub present: bool,
    /// When it last fired (live: LastTriggerUSec; journal: the service's last message this
    /// boot).
    pub last_trigger: Option<DateTime<Utc>>,
    /// Result of the service's last run (`success`, `exit-code`...).
    pub last_result: Option<String>,
}

/// Facts of the `units` probe.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitsFacts {
    /// Where the unit states came from.
    pub source: UnitsSource,
    /// Why the manager was not used, when it was not.
    pub manager_unavailable: Option<String>,
    /// Failed units.
    pub failed: Vec<FailedUnit>,
    /// nix-daemon (live only).
    pub nix_daemon: Option<DaemonState>,
    /// nixos-upgrade.service's last run, when it has one.
    pub auto_upgrade: Option<LastRun>,
    /// The maintenance timers, present or not.
    pub timers: Vec<TimerInfo>,
    /// What could not be read (the probe still succeeded).
    pub problems: Vec<String>,
    /// Commands run and files read.
    pub sources: Vec<String>,
}

impl UnitsFacts {
    /// The timer `name` (with or without `.timer`).
    pub fn timer(&self, name: &str) -> Option<&TimerInfo> {
        let full = if name.ends_with(".timer") {
            name.to_string()
        } else {
            format!("{name}.timer")
        };
        self.timers.iter().find(|t| t.name == full)
    }
}

impl ProbeFacts for UnitsFacts {
    const PROBE: ProbeId = ProbeId::Units;

    fn incomplete(&self) -> Vec<String> {
        self.problems.clone()
    }
}

/// One entry of `systemctl list-units -o json`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ListedUnit {
    /// Unit name.
    pub unit: String,
    /// LoadState.
    #[serde(default)]
    pub load: String,
    /// ActiveState.
    #[serde(default)]
    pub active: String,
    /// SubState.
    #[serde(default)]
    pub sub: String,
    /// Description.
    #[serde(default)]
    pub description: String,
}

/// Parse `systemctl list-units -o json` output.
pub fn parse_list_units(json: &str) -> Result<Vec<ListedUnit>, String> {
    let t = json.trim();
    if t.is_empty() {
        return Ok(Vec::new());
    }
    serde_json::from_str(t).map_err(|e| e.to_string())
}

/// Parse `systemctl show` output (`Key=value` lines, one block per unit, blank line between).
pub fn parse_show(text: &str) -> Vec<BTreeMap<String, String>> {
    let mut out = Vec::new();
    let mut cur = BTreeMap::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if let Some((k, v)) = line.split_once('=') {
            cur.insert(k.to_string(), v.to_string());
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// A `systemctl show` timestamp: `@1795641316` (`--timestamp=unix`), or the default
/// `Wed 2026-11-25 22:00:00 UTC`; empty and `n/a` mean never.
pub fn parse_timestamp(v: &str) -> Option<DateTime<Utc>> {
    let v = v.trim();
    if v.is_empty() || v == "n/a" || v == "0" {
        return None;
    }
    if let Some(secs) = v.strip_prefix('@') {
        let (s, frac) = secs.split_once('.').unwrap_or((secs, "0"));
        let s: i64 = s.parse().ok()?;
        let micros: u32 = format!("{frac:0<6}").get(..6)?.parse().ok()?;
        return DateTime::from_timestamp(s, micros * 1000);
    }
    let mut parts: Vec<&str> = v.split_whitespace().collect();
    if parts.last() == Some(&"UTC") {
        parts.pop();
    }
    let joined = parts.join(" ");
    ["%a %Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M:%S"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(&joined, f).ok())
        .map(|n| n.and_utc())
}

/// ExecMainCode as a word (the kernel's CLD_* codes).
pub fn exec_main_code(v: &str) -> Option<String> {
    match v.trim() {
        "" | "0" => None,
        "1" => Some("exited".into()),
        "2" => Some("killed".into()),
        "3" => Some("dumped".into()),
        "4" => Some("trapped".into()),
        "5" => Some("stopped".into()),
        "6" => Some("continued".into()),
        other => Some(other.to_string()),
    }
}

fn non_empty(v: Option<&String>) -> Option<String> {
    v.map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty() && s != "n/a")
}

/// A [`UnitState`] from one `systemctl show` block.
pub fn unit_state(block: &BTreeMap<String, String>) -> UnitState {
    UnitState {
        unit: block.get("Id").cloned().unwrap_or_default(),
        load_state: non_empty(block.get("LoadState")),
        active_state: non_empty(block.get("ActiveState")),
        sub_state: non_empty(block.get("SubState")),
        result: non_empty(block.get("Result")),
        exec_main_code: block.get("ExecMainCode").and_then(|v| exec_main_code(v)),
        exec_main_status: block
            .get("ExecMainStatus")
            .and_then(|v| v.trim().parse().ok()),
        exec_main_start: block
            .get("ExecMainStartTimestamp")
            .and_then(|v| parse_timestamp(v)),
        state_change: block
            .get("StateChangeTimestamp")
            .and_then(|v| parse_timestamp(v)),
        last_trigger: block
            .get("LastTriggerUSec")
            .and_then(|v| parse_timestamp(v)),
    }
}

/// Properties asked of `systemctl show`.
const SHOW_PROPERTIES: &str = "Id,LoadState,ActiveState,SubState,Result,ExecMainCode,\
ExecMainStatus,ExecMainStartTimestamp,StateChangeTimestamp,LastTriggerUSec";

/// Whether systemctl's complaint means "no manager to ask" (rather than a real failure).
fn no_manager(stderr: &str) -> bool {
    let s = stderr.to_ascii_lowercase();
    s.contains("not been booted with systemd")
        || s.contains("failed to connect to bus")
        || s.contains("failed to connect to system scope bus")
        || s.contains("no such file or directory")
}

/// The `units` probe.
#[derive(Debug, Default)]
pub struct UnitsProbe;

impl Probe for UnitsProbe {
    fn id(&self) -> ProbeId {
        ProbeId::Units
    }

    fn needs(&self) -> &'static [ProbeId] {
        &[ProbeId::Journal]
    }

    fn by_hand(&self) -> &'static str {
        "systemctl --failed; systemctl status nix-daemon.socket nix-daemon.service \
         nixos-upgrade.service; systemctl list-timers; journalctl -b -u UNIT -n 20"
    }

    fn collect(&self, host: &Host, cx: &ProbeContext<'_>) -> Result<Box<dyn Facts>, ProbeError> {
        let journal = cx.facts.get::<JournalFacts>();
        let mut facts = if host.is_live() {
            match from_manager(host, cx) {
                Ok(f) => f,
                Err(why) => from_journal(host, journal, Some(why), journal_absent(cx))?,
            }
        } else {
            from_journal(host, journal, None, journal_absent(cx))?
        };
        add_excerpts(host, cx, &mut facts);
        Ok(Box::new(facts))
    }
}

/// Live: ask the manager. `Err(why)` when there is no manager to ask.
fn from_manager(host: &Host, cx: &ProbeContext<'_>) -> Result<UnitsFacts, String> {
    let timeout = (cx.remaining() / 4).min(Duration::from_secs(20));
    let list = Cmd::new("systemctl")
        .args([
            "list-units",
            "--failed",
            "--no-pager",
            "--plain",
            "-o",
            "json",
        ])
        .max_output(4 * 1024 * 1024);
    let out = match host.run_live(&list, timeout) {
        Ok(out) => out,
        Err(e) => return Err(e.to_string()),
    };
    if !out.success() {
        let why = out.stderr_line();
        if no_manager(&why) || out.stdout.is_empty() {
            return Err(format!("`{list}` failed: {why}"));
        }
    }
    let mut problems = Vec::new();
    let listed = match parse_list_units(&out.stdout_text()) {
        Ok(l) => l,
        Err(e) => {
            problems.push(format!("`{list}` printed unexpected JSON: {e}"));
            Vec::new()
        }
    };
    let mut sources = vec![list.to_string()];

    let mut names: Vec<String> = listed.iter().map(|u| u.unit.clone()).collect();
    for n in [
        "nix-daemon.service",
        "nix-daemon.socket",
        "nixos-upgrade.service",
    ] {
        names.push(n.to_string());
    }
    for t in MAINTENANCE_TIMERS {
        names.push(format!("{t}.timer"));
        names.push(format!("{t}.service"));
    }
    names.dedup();
    // `--timestamp=unix` (systemd 251+) gives parseable times; older systemctl rejects it, so
    // ask again without it (times then parse only when printed in UTC).
    let show_cmd = |unix: bool| {
        let mut c = Cmd::new("systemctl").args(["show", "--no-pager"]);
        if unix {
            c = c.arg("--timestamp=unix");
        }
        c.args(["-p", SHOW_PROPERTIES, "--"])
            .args(&names)
            .max_output(4 * 1024 * 1024)
    };
    let mut show = show_cmd(true);
    let mut answer = host.run_live(&show, timeout);
    if matches!(&answer, Ok(out) if !out.success()) {
        show = show_cmd(false);
        answer = host.run_live(&show, timeout);
    }
    sources.push(show.to_string());
    let states: BTreeMap<String, UnitState> = match answer {
        Ok(out) if out.success() => parse_show(&out.stdout_text())
            .iter()
            .map(unit_state)
            .map(|s| (s.unit.clone(), s))
            .collect(),
        Ok(out) => {
            problems.push(format!("`{show}` failed: {}", out.stderr_line()));
            BTreeMap::new()
        }
        Err(e) => {
            problems.push(e.to_string());
            BTreeMap::new()
        }
    };
    let state = |name: &str| {
        states.get(name).cloned().unwrap_or_else(|| UnitState {
            unit: name.to_string(),
            ..UnitState::default()
        })
    };

    let failed = listed
        .iter()
        .map(|u| {
            let s = state(&u.unit);
            FailedUnit {
                unit: u.unit.clone(),
                user: false,
                description: Some(u.description.clone()).filter(|d| !d.is_empty()),
                result: s.result.clone(),
                exec_main_code: s.exec_main_code.clone(),
                exec_main_status: s.exec_main_status,
                failed_at: s.state_change,
                message: None,
                excerpt: Vec::new(),
                excerpt_source: String::new(),
                excerpt_error: None,
            }
        })
        .collect();
    let nix_daemon = (!states.is_empty()).then(|| DaemonState {
        service: state("nix-daemon.service"),
        socket: state("nix-daemon.socket"),
    });
    let upgrade = state("nixos-upgrade.service");
    let auto_upgrade = (upgrade.loaded() && upgrade.exec_main_start.is_some()).then(|| {
        let result = upgrade.result.clone();
        LastRun {
            unit: upgrade.unit.clone(),
            failed: upgrade.active_state.as_deref() == Some("failed")
                || result.as_deref().is_some_and(|r| r != "success"),
            result,
            exec_main_status: upgrade.exec_main_status,
            at: upgrade.state_change,
            message: None,
        }
    });
    let timers = MAINTENANCE_TIMERS
        .iter()
        .map(|t| {
            let timer = state(&format!("{t}.timer"));
            let service = state(&format!("{t}.service"));
            TimerInfo {
                name: format!("{t}.timer"),
                present: timer.loaded(),
                last_trigger: timer.last_trigger,
                last_result: service
                    .exec_main_start
                    .is_some()
                    .then(|| service.result.clone())
                    .flatten(),
            }
        })
        .collect();
    Ok(UnitsFacts {
        source: UnitsSource::Manager,
        manager_unavailable: None,
        failed,
        nix_daemon,
        auto_upgrade,
        timers,
        problems,
        sources,
    })
}

/// Where the system's unit files live, as logical paths, most authoritative first.
const UNIT_DIRS: &[&str] = &[
    "/nix/var/nix/profiles/system/etc/systemd/system",
    "/etc/systemd/system",
    "/run/current-system/etc/systemd/system",
];

/// Why the journal probe left no facts: its skip or failure message, or that it did not run.
fn journal_absent(cx: &ProbeContext<'_>) -> String {
    match cx.facts.run(ProbeId::Journal).map(|r| &r.outcome) {
        Some(crate::probe::Outcome::Skipped(why)) => format!("no journal ({why})"),
        Some(crate::probe::Outcome::Failed(why)) => format!("the journal probe failed ({why})"),
        Some(crate::probe::Outcome::TimedOut(after)) => {
            format!("the journal probe timed out after {}s", after.as_secs())
        }
        Some(crate::probe::Outcome::Collected(_)) => "no readable boot in the journal".to_string(),
        None => "no journal facts (the journal probe did not run)".to_string(),
    }
}

/// `--root`, or live without a manager: failed units from the journal, timers from unit files.
/// Without a journal boot to read, the unit states are unknown: `skipped`, with both reasons.
fn from_journal(
    host: &Host,
    journal: Option<&JournalFacts>,
    manager_unavailable: Option<String>,
    journal_absent: String,
) -> Result<UnitsFacts, ProbeError> {
    // Live, the journal probe read the running boot even when it matched nothing (no boot ID
    // seen); under --root it read a boot only when it chose one.
    let Some(j) = journal.filter(|j| j.boot_id.is_some() || host.is_live()) else {
        let manager = manager_unavailable
            .unwrap_or_else(|| "the audited root is not a running system".to_string());
        let journal = match journal {
            Some(j) if !j.bad_files.is_empty() => format!(
                "no readable boot in the journal ({} journal file(s) journalctl cannot read)",
                j.bad_files.len()
            ),
            Some(_) => "no readable boot in the journal".to_string(),
            None => journal_absent,
        };
        return Err(ProbeError::Skipped(format!(
            "no systemd manager to ask ({manager}) and {journal}"
        )));
    };
    let mut sources = vec![format!("journal: {}", j.source)];
    let failed = j
        .failed_units()
        .map(|u| FailedUnit {
            unit: u.unit.clone(),
            user: u.user,
            description: None,
            result: u.result.clone(),
            exec_main_code: None,
            exec_main_status: None,
            failed_at: u.at,
            message: Some(u.message.clone()),
            excerpt: Vec::new(),
            excerpt_source: String::new(),
            excerpt_error: None,
        })
        .collect();
    let auto_upgrade = j.unit("nixos-upgrade.service").map(|u| LastRun {
        unit: u.unit.clone(),
        failed: u.word == UnitWord::Failed,
        result: Some(match u.word {
            UnitWord::Failed => u.result.clone().unwrap_or_else(|| "failed".into()),
            UnitWord::Succeeded => "success".into(),
        }),
        exec_main_status: None,
        at: u.at,
        message: Some(u.message.clone()),
    });
    let timers = MAINTENANCE_TIMERS
        .iter()
        .map(|t| {
            let name = format!("{t}.timer");
            let file = UNIT_DIRS
                .iter()
                .map(|d| format!("{d}/{name}"))
                .find(|p| host.exists(p));
            if let Some(f) = &file {
                sources.push(f.clone());
            }
            let run = j.unit(&format!("{t}.service"));
            TimerInfo {
                name,
                present: file.is_some(),
                last_trigger: run.and_then(|r| r.at),
                last_result: run.map(|r| match r.word {
                    UnitWord::Failed => r.result.clone().unwrap_or_else(|| "failed".into()),
                    UnitWord::Succeeded => "success".into(),
                }),
            }
        })
        .collect();
    Ok(UnitsFacts {
        source: UnitsSource::Journal,
        manager_unavailable,
        failed,
        nix_daemon: None,
        auto_upgrade,
        timers,
        problems: Vec::new(),
        sources,
    })
}

/// The last lines of the failed units, all in one journal read ([`unit_excerpts`]).
fn add_excerpts(host: &Host, cx: &ProbeContext<'_>, facts: &mut UnitsFacts) {
    let wanted: Vec<(String, bool)> = facts
        .failed
        .iter()
        .take(MAX_EXCERPTS)
        .map(|f| (f.unit.clone(), f.user))
        .collect();
    if wanted.is_empty() {
        return;
    }
    let timeout = (cx.remaining() / 2).min(Duration::from_secs(30));
    let mut read = unit_excerpts(
        host,
        cx.facts.get::<JournalFacts>(),
        &wanted,
        EXCERPT_LINES,
        timeout,
    );
    facts.sources.append(&mut read.commands);
    for (i, f) in facts.failed.iter_mut().enumerate() {
        if i >= MAX_EXCERPTS {
            f.excerpt_error = Some(format!(
                "only the first {MAX_EXCERPTS} failed units get an excerpt"
            ));
            continue;
        }
        let key = (f.user, f.unit.clone());
        f.excerpt_source = read.shown.remove(&key).unwrap_or_default();
        match (read.lines.remove(&key), &read.error) {
            (Some(lines), _) => f.excerpt = lines,
            (None, Some(e)) => f.excerpt_error = Some(e.clone()),
            (None, None) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::command::CommandError;

    /// Real shape of `systemctl list-units --failed -o json` (systemd 252).
    const LIST: &str = r#"[{"unit":"crash.service","load":"loaded","active":"failed","sub":"failed","description":"Demo unit that dies with SIGSEGV"},{"unit":"fail.service","load":"loaded","active":"failed","sub":"failed","description":"Demo unit that exits 1"}]"#;

    #[test]
    fn parses_failed_units_json() {
        let l = parse_list_units(LIST).unwrap();
        assert_eq!(l.len(), 2);
        assert_eq!(l[0].unit, "crash.service");
        assert_eq!(l[1].description, "Demo unit that exits 1");
        assert!(parse_list_units("[]\n").unwrap().is_empty());
        assert!(parse_list_units("").unwrap().is_empty());
        assert!(parse_list_units("{oops").is_err());
    }

    #[test]
    fn parses_show_blocks() {
        let text = "Id=fail.service\nLoadState=loaded\nActiveState=failed\nSubState=failed\n\
Result=exit-code\nExecMainCode=1\nExecMainStatus=1\nExecMainStartTimestamp=@1795641316.991000\n\
StateChangeTimestamp=@1795641316\nLastTriggerUSec=\n\n\
Id=nix-gc.timer\nLoadState=not-found\nActiveState=inactive\nSubState=dead\nResult=success\n\
LastTriggerUSec=n/a\n\n\
Id=nix-optimise.timer\nLoadState=loaded\nActiveState=active\nLastTriggerUSec=Wed 2026-11-25 03:45:00 UTC\n";
        let blocks = parse_show(text);
        assert_eq!(blocks.len(), 3);
        let s = unit_state(&blocks[0]);
        assert_eq!(s.unit, "fail.service");
        assert_eq!(s.result.as_deref(), Some("exit-code"));
        assert_eq!(s.exec_main_code.as_deref(), Some("exited"));
        assert_eq!(s.exec_main_status, Some(1));
        assert_eq!(s.state_change.unwrap().timestamp(), 1795641316);
        assert_eq!(s.exec_main_start.unwrap().timestamp_subsec_micros(), 991000);
        assert!(s.last_trigger.is_none());
        let gc = unit_state(&blocks[1]);
        assert!(!gc.loaded());
        assert!(gc.last_trigger.is_none());
        let opt = unit_state(&blocks[2]);
        assert!(opt.loaded() && opt.active());
        assert_eq!(
            opt.last_trigger.unwrap().to_rfc3339(),
            "2026-11-25T03:45:00+00:00"
        );
    }

    /// A manager that answers like systemd 252 does (shapes from a real `systemd --user`).
    #[derive(Debug)]
    struct FakeManager {
        booted: bool,
    }

    impl crate::command::CommandRunner for FakeManager {
        fn run(
            &self,
            cmd: &Cmd,
            _timeout: Duration,
        ) -> Result<crate::command::CmdOutput, CommandError> {
            let args: Vec<String> = cmd
                .get_args()
                .iter()
                .map(|a| a.to_string_lossy().into_owned())
                .collect();
            let ok = |out: &str| crate::command::CmdOutput {
                code: Some(0),
                stdout: out.as_bytes().to_vec(),
                stderr: Vec::new(),
                truncated: false,
            };
            let program = cmd.program().to_string_lossy().into_owned();
            if program == "systemctl" && !self.booted {
                return Ok(crate::command::CmdOutput {
                    code: Some(1),
                    stdout: Vec::new(),
                    stderr: b"System has not been booted with systemd as init system (PID 1). Can't operate.\n".to_vec(),
                    truncated: false,
                });
            }
            match (program.as_str(), args.first().map(String::as_str)) {
                ("systemctl", Some("list-units")) => Ok(ok(LIST)),
                ("systemctl", Some("show")) => Ok(ok("Id=crash.service\nLoadState=loaded\nActiveState=failed\nResult=core-dump\nExecMainCode=3\nExecMainStatus=11\nExecMainStartTimestamp=@1795641316\nStateChangeTimestamp=@1795641317\n\n\
Id=fail.service\nLoadState=loaded\nActiveState=failed\nResult=exit-code\nExecMainCode=1\nExecMainStatus=1\nStateChangeTimestamp=@1795641318\n\n\
Id=nix-daemon.service\nLoadState=loaded\nActiveState=inactive\nSubState=dead\nResult=success\n\n\
Id=nix-daemon.socket\nLoadState=loaded\nActiveState=active\nSubState=listening\nResult=success\n\n\
Id=nixos-upgrade.service\nLoadState=loaded\nActiveState=inactive\nResult=success\nExecMainStartTimestamp=@1795600000\nExecMainStatus=0\n\n\
Id=nix-gc.timer\nLoadState=loaded\nActiveState=active\nLastTriggerUSec=@1795500000\n\n\
Id=nix-gc.service\nLoadState=loaded\nActiveState=inactive\nResult=success\nExecMainStartTimestamp=@1795500001\n\n\
Id=nh-clean.timer\nLoadState=not-found\nActiveState=inactive\nLastTriggerUSec=\n")),
                // The joint excerpt read (`-r`: newest first); the entry of another unit is
                // not crash.service's.
                ("journalctl", _) => Ok(ok(r#"{"MESSAGE":[98,97,100,255],"PRIORITY":"3","SYSLOG_IDENTIFIER":"crash","_PID":"42","_SYSTEMD_UNIT":"crash.service","__REALTIME_TIMESTAMP":"1795641316500000"}
{"MESSAGE":"other","PRIORITY":"6","SYSLOG_IDENTIFIER":"x","_PID":"7","_SYSTEMD_UNIT":"x.service","__REALTIME_TIMESTAMP":"1795641316200000"}
{"MESSAGE":"about to crash","PRIORITY":"6","SYSLOG_IDENTIFIER":"crash","_PID":"42","_SYSTEMD_UNIT":"crash.service","__REALTIME_TIMESTAMP":"1795641316000000"}
"#)),
                _ => Err(CommandError::NotFound { program }),
            }
        }
    }

    fn live(booted: bool) -> Result<UnitsFacts, ProbeError> {
        let host = Host::live(
            std::sync::Arc::new(FakeManager { booted }),
            BTreeMap::new(),
            Utc::now(),
        )
        .unwrap();
        let facts = crate::probe::FactSet::new();
        let progress = |_: &str| {};
        let cx = ProbeContext {
            facts: &facts,
            deadline: std::time::Instant::now() + Duration::from_secs(30),
            progress: &progress,
        };
        let f = UnitsProbe.collect(&host, &cx)?;
        Ok(f.as_any().downcast_ref::<UnitsFacts>().unwrap().clone())
    }

    #[test]
    fn live_manager_gives_units_daemon_upgrade_and_timers() {
        let u = live(true).unwrap();
        assert_eq!(u.source, UnitsSource::Manager);
        assert_eq!(u.failed.len(), 2);
        let crash = &u.failed[0];
        assert_eq!(crash.unit, "crash.service");
        assert_eq!(crash.result.as_deref(), Some("core-dump"));
        assert_eq!(crash.exec_main_code.as_deref(), Some("dumped"));
        assert_eq!(crash.exec_main_status, Some(11));
        assert_eq!(crash.failed_at.unwrap().timestamp(), 1795641317);
        assert_eq!(crash.excerpt.len(), 2);
        assert_eq!(crash.excerpt[1].message, "bad\u{FFFD}");
        assert_eq!(crash.excerpt_source, "journalctl -b -u crash.service -n 20");
        let d = u.nix_daemon.as_ref().unwrap();
        assert!(!d.service.active() && d.socket.active());
        let up = u.auto_upgrade.as_ref().unwrap();
        assert!(!up.failed);
        let gc = u.timer("nix-gc").unwrap();
        assert!(gc.present);
        assert_eq!(gc.last_trigger.unwrap().timestamp(), 1795500000);
        assert_eq!(gc.last_result.as_deref(), Some("success"));
        let nh = u.timer("nh-clean.timer").unwrap();
        assert!(!nh.present && nh.last_trigger.is_none());
        assert!(u.problems.is_empty(), "{:?}", u.problems);
    }

    #[test]
    fn no_manager_and_no_journal_facts_is_skipped() {
        match live(false) {
            Err(ProbeError::Skipped(why)) => assert!(why.contains("not been booted"), "{why}"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn recognises_a_missing_manager() {
        assert!(no_manager(
            "System has not been booted with systemd as init system (PID 1). Can't operate."
        ));
        assert!(no_manager(
            "Failed to connect to bus: No such file or directory"
        ));
        assert!(!no_manager("Unknown command verb list-unit."));
    }
}
