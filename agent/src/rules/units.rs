//! `units.*`: failed units, a down nix-daemon, a failing auto-upgrade.
//!
//! A failed unit is one finding each, with its own journal lines, because each has its own
//! fix; units the host cannot do without (the Nix daemon, sshd, journald, dbus) are P0.

use nixbtw_contracts::prose::{lit, sh, Prose};
use serde::Deserialize;

use nixbtw_contracts::{Finding, FindingId, FindingType, Priority, ProbeId};
use nixbtw_probes::pkgdiff::PackageChange;
use nixbtw_probes::probes::generations::{ActivatedBy, FailureAttribution, GenerationsFacts};
use nixbtw_probes::probes::host::HostFacts;
use nixbtw_probes::probes::units::{FailedUnit, UnitsFacts, UnitsSource};

use super::{finding, rule, Rule, RuleContext};

/// Thresholds of the `units.*` checks.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct UnitsThresholds {
    /// Units whose failure is P0 rather than P1.
    pub critical_units: Vec<String>,
    /// Journal lines shown per failed unit.
    pub excerpt_lines: usize,
}

impl Default for UnitsThresholds {
    fn default() -> Self {
        UnitsThresholds {
            critical_units: [
                "nix-daemon.service",
                "nix-daemon.socket",
                "sshd.service",
                "systemd-journald.service",
                "dbus.service",
                "dbus-broker.service",
                "dbus.socket",
            ]
            .iter()
            .map(|s| s.to_string())
            .collect(),
            excerpt_lines: 20,
        }
    }
}

/// The rules of this module, in evaluation order.
pub const RULES: &[Rule] = &[
    rule!(UnitsFailed => failed),
    rule!(UnitsNixDaemonDown => nix_daemon_down),
    rule!(UnitsAutoUpgradeFailed => auto_upgrade_failed),
    rule!(AuditProbeError => problems),
];

/// `units.failed`: one row per failed unit (nixos-upgrade.service is left to
/// [`auto_upgrade_failed`] when that check reports it).
pub fn failed(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    let Some(u) = cx.facts.get::<UnitsFacts>() else {
        return;
    };
    let t = &cx.thresholds.units;
    let upgrade_failed = u.auto_upgrade.as_ref().is_some_and(|r| r.failed);
    for f in &u.failed {
        // A failed nixos-upgrade.service is reported once, as units.auto-upgrade-failed.
        if upgrade_failed && !f.user && f.unit == "nixos-upgrade.service" {
            continue;
        }
        let mut finding = failed_of(u, f, t);
        let attribution = cx
            .facts
            .get::<GenerationsFacts>()
            .and_then(|g| g.failures.iter().find(|a| !f.user && a.unit == f.unit));
        if let Some(a) = attribution {
            attribute(&mut finding, a);
        }
        out.push(finding);
    }
}

/// How an attribution reads: when its generation was activated (`activated …, by the
/// journal` or `created …`), which changes (`which changed a → b, c and 2 more in the unit's
/// closure`; names and versions are host text, quoted), and the changes as evidence lines.
pub(crate) fn attribution_text(a: &FailureAttribution) -> (String, String, Vec<String>) {
    let at = a
        .activated
        .map(|d| d.format("%Y-%m-%d %H:%M UTC").to_string())
        .unwrap_or_else(|| "?".into());
    let when = match a.activated_by {
        ActivatedBy::Journal => format!("activated {at}, by the journal"),
        ActivatedBy::LinkTime => format!("created {at}"),
    };
    let scope = if a.unit_closure {
        "in the unit's closure"
    } else {
        "in the system (the unit's closure is not in the Nix DB)"
    };
    let mut changed: Vec<&PackageChange> = a.changes.iter().collect();
    changed.sort_by_key(|c| (c.security.is_none(), !c.selected, c.kind, c.pname.clone()));
    // Package names and versions come from store path names: host text.
    let shown: Vec<String> = changed.iter().take(3).map(|c| lit(c.short())).collect();
    let what = if shown.is_empty() {
        format!("which changed no package {scope}")
    } else {
        let more = changed.len().saturating_sub(shown.len());
        let tail = if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        };
        format!("which changed {}{tail} {scope}", shown.join(", "))
    };
    let mut lines: Vec<String> = changed.iter().take(15).map(|c| c.short()).collect();
    if lines.is_empty() {
        lines.push(format!("no package changes {scope}"));
    }
    (when, what, lines)
}

/// Tie a failed unit's finding to the generation it followed (generations probe): what that
/// generation changed in the unit's closure, and how to go back to the one before it.
fn attribute(finding: &mut Finding, a: &FailureAttribution) {
    let (when, what, lines) = attribution_text(a);
    finding.description = Prose::parse(&format!(
        "{} It failed at {} under generation {} ({when}), {what}.",
        finding.description,
        a.failed_at.format("%Y-%m-%d %H:%M UTC"),
        a.generation
    ));
    finding.evidence.push(nixbtw_contracts::Evidence {
        source: format!(
            "generation {} ({when}), the one activated before the failure: changes {}",
            a.generation,
            a.previous
                .map(|p| format!("against generation {p}"))
                .unwrap_or_else(|| "(no generation before it)".into())
        ),
        excerpt: lines,
        chart: None,
    });
    if let Some(p) = a.previous {
        finding.suggested_action = Prose::parse(&format!(
            "{} If it started with generation {g}, go back to generation {p}: \
             `sudo nix-env -p /nix/var/nix/profiles/system --switch-generation {p} && \
             sudo /nix/var/nix/profiles/system/bin/switch-to-configuration switch` (or pick {p} \
             in the boot menu), then fix forward.",
            finding.suggested_action,
            g = a.generation
        ));
    }
}

/// `units.nix-daemon-down`: a multi-user install whose daemon is neither active nor
/// socket-activatable.
pub fn nix_daemon_down(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    let Some(u) = cx.facts.get::<UnitsFacts>() else {
        return;
    };
    if let Some(f) = nix_daemon_down_of(u, cx.facts.get::<HostFacts>()) {
        out.push(f);
    }
}

/// `units.auto-upgrade-failed`: the last run of nixos-upgrade.service failed.
pub fn auto_upgrade_failed(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    let Some(u) = cx.facts.get::<UnitsFacts>() else {
        return;
    };
    let t = &cx.thresholds.units;
    if let Some(run) = u.auto_upgrade.as_ref().filter(|r| r.failed) {
        let result = run.result.as_deref().unwrap_or("failed");
        let when = run
            .at
            .map(|t| format!(" at {}", t.format("%Y-%m-%d %H:%M UTC")))
            .unwrap_or_default();
        let mut lines = vec![format!("result: {result}{when}")];
        if let Some(s) = run.exec_main_status {
            lines.push(format!("main process status: {s}"));
        }
        if let Some(m) = &run.message {
            lines.extend(m.lines().map(str::to_string));
        }
        let excerpt = u
            .failed
            .iter()
            .find(|f| !f.user && f.unit == "nixos-upgrade.service");
        let mut b = finding(FindingId::UnitsAutoUpgradeFailed, "nixos-upgrade.service")
            .title(format!("Automatic upgrade failed ({result})"))
            .summary("nixos-upgrade.service's last run failed")
            .file("nixos-upgrade.service")
            .description(
                "The last run of `system.autoUpgrade` (nixos-upgrade.service) failed, so this \
                 host has stopped receiving updates until it succeeds again.",
            )
            .evidence(source_label(u), lines)
            .action(
                "Read why: `journalctl -u nixos-upgrade.service -n 50`; fix the build or the \
                 flake input, then `systemctl start nixos-upgrade.service` and check it \
                 succeeds.",
            );
        if let Some(f) = excerpt.filter(|f| !f.excerpt.is_empty()) {
            let skip = f.excerpt.len().saturating_sub(t.excerpt_lines);
            b = b.evidence(
                f.excerpt_source.clone(),
                f.excerpt[skip..].iter().flat_map(|l| l.render()).collect(),
            );
        }
        out.push(b.build());
    }
}

/// `audit.probe-error` rows for what the units probe could not read (it still ran).
pub fn problems(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    let Some(u) = cx.facts.get::<UnitsFacts>() else {
        return;
    };
    for p in &u.problems {
        out.push(
            finding(FindingId::AuditProbeError, "units")
                .probe(ProbeId::Units)
                .kind(FindingType::Error)
                .title("Unit states partly unreadable")
                .summary(format!("units: {p}"))
                .file("probe:units")
                .description(format!(
                    "Part of the unit data could not be read: {p}. The findings above may be \
                     incomplete.",
                    p = lit(p)
                ))
                .action("Get the data by hand: `systemctl --failed; systemctl list-timers`.")
                .build(),
        );
    }
}

fn source_label(u: &UnitsFacts) -> String {
    match u.source {
        UnitsSource::Manager => "systemd manager (systemctl)".to_string(),
        UnitsSource::Journal => u
            .sources
            .first()
            .cloned()
            .unwrap_or_else(|| "journal".to_string()),
    }
}

fn failed_of(u: &UnitsFacts, f: &FailedUnit, t: &UnitsThresholds) -> Finding {
    let critical = !f.user && t.critical_units.iter().any(|c| c == &f.unit);
    let result = f.result.as_deref().unwrap_or("failed");
    let mut state = vec![format!("result: {result}")];
    if let (Some(code), Some(status)) = (&f.exec_main_code, f.exec_main_status) {
        state.push(format!("main process: code={code}, status={status}"));
    }
    if let Some(at) = f.failed_at {
        state.push(format!("failed at: {}", at.format("%Y-%m-%d %H:%M:%S UTC")));
    }
    if let Some(m) = &f.message {
        state.push(format!("last word: {}", m.lines().next().unwrap_or("")));
    }
    let label = if f.user {
        format!("user unit {}", f.unit)
    } else {
        f.unit.clone()
    };
    let how = match u.source {
        UnitsSource::Manager => "The systemd manager lists it in the failed state.".to_string(),
        UnitsSource::Journal => {
            "Its last word in the newest boot of the journal is a failure (the manager was not \
             asked: the target is not a running system)."
                .to_string()
        }
    };
    let desc = match &f.description {
        Some(d) => format!(
            "{} ({}) failed with result '{}'. {how}",
            lit(&label),
            lit(d),
            lit(result)
        ),
        None => format!(
            "{} failed with result '{}'. {how}",
            lit(&label),
            lit(result)
        ),
    };
    let desc = if critical {
        format!("{desc} The host depends on this unit, so this is P0.")
    } else {
        desc
    };
    let user_flag = if f.user { " --user" } else { "" };
    let mut b = finding(FindingId::UnitsFailed, f.unit.clone())
        .title(format!("{label} failed ({result})"))
        .summary(format!("{label} failed: {result}"))
        .file(f.unit.clone())
        .description(desc)
        .evidence(source_label(u), state);
    let lines: Vec<String> = {
        let skip = f.excerpt.len().saturating_sub(t.excerpt_lines);
        f.excerpt[skip..].iter().flat_map(|l| l.render()).collect()
    };
    if !lines.is_empty() {
        b = b.evidence(f.excerpt_source.clone(), lines);
    } else if let Some(e) = &f.excerpt_error {
        b = b.evidence("journal excerpt", vec![format!("no excerpt: {e}")]);
    }
    if critical {
        b = b.priority(Priority::P0);
    }
    b.action(format!(
        "See why: `systemctl{user_flag} status {0}` and `journalctl -b{1} -u {0}`; fix the \
         cause, then `systemctl{user_flag} restart {0}` (or `systemctl{user_flag} reset-failed \
         {0}` if it is obsolete).",
        sh(&f.unit),
        if f.user { " --user" } else { "" },
    ))
    .build()
}

fn nix_daemon_down_of(u: &UnitsFacts, host: Option<&HostFacts>) -> Option<Finding> {
    let d = u.nix_daemon.as_ref()?;
    let multi_user = host.is_some_and(|h| h.multi_user) || d.service.loaded() || d.socket.loaded();
    if !multi_user || d.service.active() || d.socket.active() {
        return None;
    }
    let show = |s: &nixbtw_probes::probes::units::UnitState| {
        format!(
            "{}: load={}, active={}, sub={}, result={}",
            s.unit,
            s.load_state.as_deref().unwrap_or("?"),
            s.active_state.as_deref().unwrap_or("?"),
            s.sub_state.as_deref().unwrap_or("?"),
            s.result.as_deref().unwrap_or("?"),
        )
    };
    Some(
        finding(FindingId::UnitsNixDaemonDown, "nix-daemon")
            .title("nix-daemon is down and not socket-activatable")
            .summary("nix-daemon neither running nor listening")
            .file("nix-daemon.socket")
            .description(
                "This is a multi-user Nix install, but neither nix-daemon.service is active \
                 nor nix-daemon.socket is listening: every nix command by a non-root user, \
                 and every rebuild, fails to connect to the daemon.",
            )
            .evidence(
                "systemctl show nix-daemon.service nix-daemon.socket",
                vec![show(&d.service), show(&d.socket)],
            )
            .action(
                "`systemctl start nix-daemon.socket` (or `systemctl restart nix-daemon`), then \
                 `journalctl -b -u nix-daemon -n 50` for why it stopped.",
            )
            .build(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::run_rules;
    use nixbtw_probes::probes::journal::JournalLine;
    use nixbtw_probes::probes::units::{DaemonState, LastRun, UnitState};
    use nixbtw_probes::FactSet;

    fn unit(name: &str, result: &str) -> FailedUnit {
        FailedUnit {
            unit: name.into(),
            user: false,
            description: Some("Demo".into()),
            result: Some(result.into()),
            exec_main_code: Some("exited".into()),
            exec_main_status: Some(1),
            failed_at: None,
            message: None,
            excerpt: (0..25)
                .map(|i| JournalLine {
                    time: None,
                    priority: Some(3),
                    identifier: "demo".into(),
                    pid: Some("7".into()),
                    message: format!("line {i}"),
                })
                .collect(),
            excerpt_source: format!("journalctl -b -u {name} -n 20"),
            excerpt_error: None,
        }
    }

    fn state(name: &str, load: &str, active: &str) -> UnitState {
        UnitState {
            unit: name.into(),
            load_state: Some(load.into()),
            active_state: Some(active.into()),
            ..UnitState::default()
        }
    }

    fn facts() -> UnitsFacts {
        UnitsFacts {
            source: UnitsSource::Manager,
            manager_unavailable: None,
            failed: vec![],
            nix_daemon: Some(DaemonState {
                service: state("nix-daemon.service", "loaded", "inactive"),
                socket: state("nix-daemon.socket", "loaded", "active"),
            }),
            auto_upgrade: None,
            timers: vec![],
            problems: vec![],
            sources: vec![],
        }
    }

    fn run(u: UnitsFacts) -> Vec<Finding> {
        run_rules(RULES, &FactSet::new().with(u), chrono::Utc::now(), true)
    }

    #[test]
    fn failed_names_the_generation_it_followed_and_how_to_go_back() {
        use nixbtw_probes::pkgdiff::{ChangeKind, PackageChange};
        use nixbtw_probes::probes::generations::{FailureAttribution, GenerationsFacts};
        let at = chrono::Utc::now();
        let mut u = facts();
        u.failed = vec![
            unit("nginx.service", "exit-code"),
            unit("other.service", "exit-code"),
        ];
        let g = GenerationsFacts {
            failures: vec![FailureAttribution {
                unit: "nginx.service".into(),
                failed_at: at,
                generation: 42,
                activated: Some(at - chrono::Duration::hours(2)),
                activated_by: nixbtw_probes::probes::generations::ActivatedBy::Journal,
                previous: Some(41),
                unit_closure: true,
                changes: vec![
                    PackageChange {
                        pname: "openssl".into(),
                        kind: ChangeKind::Upgraded,
                        old: vec![Some("3.0.14".into())],
                        new: vec![Some("3.3.2".into())],
                        old_bytes: 1,
                        new_bytes: 2,
                        selected: false,
                        security: Some("openssl".into()),
                    },
                    PackageChange {
                        pname: "nginx".into(),
                        kind: ChangeKind::Upgraded,
                        old: vec![Some("1.26.2".into())],
                        new: vec![Some("1.27.3".into())],
                        old_bytes: 1,
                        new_bytes: 2,
                        selected: true,
                        security: None,
                    },
                ],
            }],
            ..GenerationsFacts::default()
        };
        let out = run_rules(RULES, &FactSet::new().with(u).with(g), at, true);
        let nginx = out.iter().find(|f| f.subject == "nginx.service").unwrap();
        assert!(
            nginx
                .description
                .contains("under generation 42 (activated "),
            "{}",
            nginx.description
        );
        assert!(nginx.description.contains(", by the journal)"));
        assert!(nginx
            .description
            .contains("openssl 3.0.14 → 3.3.2, nginx 1.26.2 → 1.27.3 in the unit's closure"));
        assert!(nginx.suggested_action.contains("--switch-generation 41"));
        assert_eq!(nginx.evidence.last().unwrap().excerpt.len(), 2);
        // A unit with no attribution keeps its finding as it was.
        let other = out.iter().find(|f| f.subject == "other.service").unwrap();
        assert!(!other.description.contains("generation"));
        assert!(!other.suggested_action.contains("switch-generation"));
    }

    #[test]
    fn failed_and_the_rest_quiet_on_a_healthy_host() {
        let mut u = facts();
        u.auto_upgrade = Some(LastRun {
            unit: "nixos-upgrade.service".into(),
            failed: false,
            result: Some("success".into()),
            exec_main_status: Some(0),
            at: None,
            message: None,
        });
        assert!(run(u).is_empty());
    }

    #[test]
    fn failed_one_finding_per_unit_with_20_lines() {
        let mut u = facts();
        u.failed = vec![
            unit("fail.service", "exit-code"),
            unit("sshd.service", "signal"),
        ];
        let out = run(u);
        let failed: Vec<_> = out
            .iter()
            .filter(|f| f.id == FindingId::UnitsFailed)
            .collect();
        assert_eq!(failed.len(), 2);
        assert_eq!(failed[0].priority, Priority::P1);
        assert_eq!(failed[1].priority, Priority::P0);
        let excerpt = &failed[0].evidence[1].excerpt;
        assert_eq!(excerpt.len(), 20);
        assert!(excerpt[0].ends_with("demo[7]: line 5"), "{}", excerpt[0]);
        assert!(failed[0].evidence[0]
            .excerpt
            .contains(&"main process: code=exited, status=1".to_string()));
    }

    #[test]
    fn failed_unit_name_stays_one_quoted_word_in_the_commands() {
        let mut u = facts();
        let name = "x`$(reboot)` y.service";
        u.failed = vec![unit(name, "exit-code")];
        let out = run(u);
        let f = &out[0];
        // Text keeps the name as text; each command is one code span with the name quoted.
        assert!(f.description.plain().starts_with(name), "{}", f.description);
        let commands: Vec<&str> = f.suggested_action.code().collect();
        assert_eq!(commands[0], format!("systemctl status '{name}'"));
        assert_eq!(commands.len(), 4, "{commands:?}");
        let md = nixbtw_contracts::text::md_prose(&f.suggested_action);
        assert!(
            md.contains("`` systemctl status 'x`$(reboot)` y.service' ``"),
            "{md}"
        );
    }

    #[test]
    fn nix_daemon_down_only_when_neither_unit_is_active() {
        let mut u = facts();
        assert!(run(u.clone()).is_empty());
        u.nix_daemon = Some(DaemonState {
            service: state("nix-daemon.service", "loaded", "failed"),
            socket: state("nix-daemon.socket", "loaded", "inactive"),
        });
        let out = run(u.clone());
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].id, FindingId::UnitsNixDaemonDown);
        assert_eq!(out[0].priority, Priority::P0);
        // Single-user install: no daemon units at all, no host facts saying multi-user.
        u.nix_daemon = Some(DaemonState {
            service: state("nix-daemon.service", "not-found", "inactive"),
            socket: state("nix-daemon.socket", "not-found", "inactive"),
        });
        assert!(run(u).is_empty());
    }

    #[test]
    fn auto_upgrade_failed_when_the_last_run_failed() {
        let mut u = facts();
        u.auto_upgrade = Some(LastRun {
            unit: "nixos-upgrade.service".into(),
            failed: true,
            result: Some("exit-code".into()),
            exec_main_status: Some(1),
            at: None,
            message: None,
        });
        let out = run(u);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].id, FindingId::UnitsAutoUpgradeFailed);
        assert_eq!(out[0].priority, Priority::P1);
    }

    #[test]
    fn auto_upgrade_failed_not_raised_when_the_last_run_succeeded() {
        let mut u = facts();
        u.auto_upgrade = Some(LastRun {
            unit: "nixos-upgrade.service".into(),
            failed: false,
            result: Some("success".into()),
            exec_main_status: Some(0),
            at: None,
            message: None,
        });
        assert!(run(u).is_empty());
    }
}
