//! `journal.*`: what the newest boot's journal says: filesystem errors, OOM kills,
//! coredumps, the noisiest sources of errors, and whether there is a journal to keep.

use nixbtw_contracts::prose::{lit, Prose};
use serde::Deserialize;

use nixbtw_contracts::{Chart, ChartKind, Finding, FindingId, FindingType, Priority, ProbeId};
use nixbtw_probes::probes::generations::{FailureAttribution, GenerationsFacts};
use nixbtw_probes::probes::journal::{BadJournalFile, HardwareKind, JournalFacts, JournalLine};

use super::{finding, rule, Rule, RuleContext};
use nixbtw_contracts::text::count;

/// Thresholds of the `journal.*` checks.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct JournalThresholds {
    /// How many sources `journal.noisy` lists.
    pub noisy_top: usize,
    /// `journal.fs-errors` fires at this many kernel fs/I/O errors this boot.
    pub fs_errors_min: u64,
    /// `journal.oom` fires at this many OOM kills this boot.
    pub oom_min: u64,
    /// `journal.coredumps` fires at this many coredumps this boot.
    pub coredumps_min: u64,
    /// Journal lines shown per event finding.
    pub excerpt_lines: usize,
}

impl Default for JournalThresholds {
    fn default() -> Self {
        JournalThresholds {
            noisy_top: 5,
            fs_errors_min: 1,
            oom_min: 1,
            coredumps_min: 1,
            excerpt_lines: 10,
        }
    }
}

fn boot_label(j: &JournalFacts) -> String {
    match &j.boot_id {
        Some(b) => format!("boot {}", lit(b)),
        None => "the newest boot".to_string(),
    }
}

/// Render journal lines, keeping the last `max` (after splitting multi-line messages).
fn last_lines<'a>(lines: impl IntoIterator<Item = &'a JournalLine>, max: usize) -> Vec<String> {
    let all: Vec<String> = lines.into_iter().flat_map(|l| l.render()).collect();
    let skip = all.len().saturating_sub(max);
    all[skip..].to_vec()
}

/// The rules of this module, in evaluation order.
pub const RULES: &[Rule] = &[
    rule!(JournalNotPersistent => not_persistent),
    rule!(JournalFsErrors => fs_errors),
    rule!(JournalOom => oom),
    rule!(JournalCoredumps => coredumps),
    rule!(JournalHardwareErrors => hardware_errors),
    rule!(JournalNixDaemonErrors => nix_daemon_errors),
    rule!(JournalNoisy => noisy),
    rule!(AuditProbeError => incomplete),
    rule!(AuditProbeError => unreadable_files),
];

/// `journal.not-persistent`: no /var/log/journal, no history across reboots.
pub fn not_persistent(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    let Some(j) = cx.facts.get::<JournalFacts>() else {
        return;
    };
    if !j.persistent {
        out.push(
            finding(FindingId::JournalNotPersistent, "/var/log/journal")
                .title("The journal is not persistent")
                .summary("no /var/log/journal: logs are lost at every reboot")
                .file("/var/log/journal")
                .description(
                    "/var/log/journal does not exist, so journald keeps logs only in /run and \
                     they vanish at reboot: after a crash or a failed boot there is nothing to \
                     read.",
                )
                .action(
                    "Set `services.journald.storage = \"persistent\";` (NixOS default is \
                     `persistent` when /var/log/journal exists; `mkdir -p /var/log/journal` \
                     and `systemctl restart systemd-journald` on other distros).",
                )
                .build(),
        );
    }
}

/// `journal.fs-errors`: kernel filesystem or block I/O errors this boot.
pub fn fs_errors(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    let Some(j) = cx.facts.get::<JournalFacts>() else {
        return;
    };
    let t = &cx.thresholds.journal;
    let boot = boot_label(j);
    let source = j.source.clone();
    if j.fs_error_count >= t.fs_errors_min && j.fs_error_count > 0 {
        out.push(
            finding(FindingId::JournalFsErrors, "kernel")
                .title(format!(
                    "{} this boot",
                    count(
                        j.fs_error_count,
                        "kernel filesystem / I/O error",
                        "kernel filesystem / I/O errors"
                    )
                ))
                .summary(format!(
                    "{} in the kernel log",
                    count(
                        j.fs_error_count,
                        "fs/block I/O error",
                        "fs/block I/O errors"
                    )
                ))
                .file("journalctl -k -b -p err")
                .description(format!(
                    "The kernel logged {} in {boot}. \
                     These precede data loss: a failing disk, a corrupt filesystem, or one \
                     remounted read-only (the next rebuild then fails).",
                    count(
                        j.fs_error_count,
                        "filesystem or block-device I/O error",
                        "filesystem or block-device I/O errors"
                    )
                ))
                .evidence(source.clone(), last_lines(&j.fs_errors, t.excerpt_lines))
                .action(
                    "Check the device: `journalctl -k -b -p err`, `smartctl -a /dev/DISK`, and \
                     schedule a filesystem check (`fsck` offline, `btrfs scrub start /` or \
                     `zpool scrub`); back up first.",
                )
                .build(),
        );
    }
}

/// `journal.hardware-errors`: GPU driver errors, firmware load failures, machine check / EDAC
/// memory errors and thermal throttling in this boot's kernel log, one finding per kind; P1
/// for memory errors, P2 otherwise.
pub fn hardware_errors(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    let Some(j) = cx.facts.get::<JournalFacts>() else {
        return;
    };
    let boot = boot_label(j);
    for h in j.hardware.iter().filter(|h| h.count > 0) {
        let (what, grep, why, action, p) = match h.kind {
            HardwareKind::Memory => (
                "machine check / EDAC memory error",
                "journalctl -k -b | grep -i -e mce -e edac -e 'hardware error'",
                "The CPU or memory controller reported errors. Corrected errors that repeat \
                 precede uncorrected ones; an uncorrected error corrupts whatever was in that \
                 memory, the Nix store included.",
                "Find the DIMM or CPU: `ras-mc-ctl --errors` (rasdaemon) or `edac-util -v`; run \
                 memtest86+ (`boot.loader.systemd-boot.memtest86.enable`) and replace the \
                 module; then `nix-store --verify --check-contents` for what was written \
                 meanwhile.",
                Priority::P1,
            ),
            HardwareKind::Gpu => (
                "GPU driver error",
                "journalctl -k -b | grep -i -e nvrm -e amdgpu -e i915 -e drm",
                "The GPU driver reported errors: hangs, ring timeouts, Xid errors. On the next \
                 boot the display manager may not come up if the driver and the kernel \
                 disagree.",
                "Check that the driver matches the kernel (`hardware.nvidia.package` from \
                 `config.boot.kernelPackages`), and look for the firmware lines of the same \
                 boot; keep a generation with the previous driver until the next boot is \
                 clean.",
                Priority::P2,
            ),
            HardwareKind::Firmware => (
                "firmware load failure",
                "journalctl -k -b | grep -i 'firmware load'",
                "A driver asked for firmware the system does not ship: the device (Wi-Fi, \
                 GPU, Bluetooth, audio DSP) runs without it or not at all.",
                "Enable the firmware: `hardware.enableRedistributableFirmware = true;` (or \
                 `hardware.enableAllFirmware`, unfree), rebuild with `nixos-rebuild boot` and \
                 reboot.",
                Priority::P2,
            ),
            HardwareKind::Thermal => (
                "thermal throttling event",
                "journalctl -k -b | grep -i -e throttl -e 'temperature above'",
                "The CPU throttled itself because it ran too hot: builds and services slow \
                 down, and a machine that reaches its critical temperature powers off.",
                "Check cooling (fans, dust, thermal paste) and `sensors`; `services.thermald` \
                 on Intel laptops; lower `nix.settings.max-jobs` if builds trigger it.",
                Priority::P2,
            ),
        };
        let mut why = why.to_string();
        if h.uncorrected {
            why.push_str(" At least one error this boot was not corrected.");
        }
        out.push(
            finding(
                FindingId::JournalHardwareErrors,
                format!("{:?}", h.kind).to_lowercase(),
            )
            .priority(p)
            .title(format!(
                "{} this boot",
                count(h.count, what, &format!("{what}s"))
            ))
            .file(grep)
            .description(format!(
                "The kernel logged {} in {boot}. {why}",
                count(h.count, what, &format!("{what}s"))
            ))
            .evidence(
                j.source.clone(),
                last_lines(&h.excerpt, cx.thresholds.journal.excerpt_lines),
            )
            .action(action)
            .build(),
        );
    }
}

/// `journal.nix-daemon-errors`: nix-daemon's own errors this boot.
pub fn nix_daemon_errors(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    let Some(j) = cx.facts.get::<JournalFacts>() else {
        return;
    };
    if j.nix_daemon_error_count == 0 {
        return;
    }
    let boot = boot_label(j);
    out.push(
        finding(FindingId::JournalNixDaemonErrors, "nix-daemon.service")
            .title(format!(
                "nix-daemon logged {} this boot",
                count(j.nix_daemon_error_count, "error", "errors")
            ))
            .file("journalctl -u nix-daemon -b")
            .description(format!(
                "nix-daemon.service logged {} in {boot}. Every build, substitution and \
                 garbage collection of the host goes through it: its errors (a substituter \
                 that cannot be reached, a signature that does not verify, a full disk, a \
                 store path that is corrupt) are why a rebuild fails.",
                count(j.nix_daemon_error_count, "error line", "error lines")
            ))
            .evidence(
                j.source.clone(),
                last_lines(&j.nix_daemon_errors, cx.thresholds.journal.excerpt_lines),
            )
            .action(
                "Read them in context with `journalctl -u nix-daemon -b`; a substituter or \
                 signature error points at `nix.settings.substituters` and \
                 `trusted-public-keys`, a disk error at `df /nix/store`, a corrupt path at \
                 `nix-store --verify --check-contents --repair`.",
            )
            .build(),
    );
}

/// `journal.oom`: OOM-killer kills this boot.
pub fn oom(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    let Some(j) = cx.facts.get::<JournalFacts>() else {
        return;
    };
    let t = &cx.thresholds.journal;
    let boot = boot_label(j);
    let source = j.source.clone();
    if j.oom_count >= t.oom_min && j.oom_count > 0 {
        let mut victims: Vec<String> = j
            .oom_kills
            .iter()
            .filter_map(|k| k.process.clone().or_else(|| k.unit.clone()))
            .collect();
        victims.sort();
        victims.dedup();
        out.push(
            finding(FindingId::JournalOom, "oom-killer")
                .title(format!(
                    "{} this boot",
                    count(j.oom_count, "OOM kill", "OOM kills")
                ))
                .summary(format!(
                    "OOM killer struck {}: {}",
                    count(j.oom_count, "time", "times"),
                    victims.join(", ")
                ))
                .file("journalctl -k -b")
                .description(format!(
                    "The OOM killer ended processes {} in {boot} ({}). Large Nix \
                     builds are the usual cause on NixOS.",
                    if j.oom_count == 1 {
                        "once".to_string()
                    } else {
                        format!("{} times", j.oom_count)
                    },
                    lit(victims.join(", "))
                ))
                .evidence(
                    source.clone(),
                    last_lines(j.oom_kills.iter().map(|k| &k.line), t.excerpt_lines),
                )
                .action(
                    "Limit build parallelism (`nix.settings.max-jobs`, `cores`), add swap or \
                     zram (`zramSwap.enable = true;`), or set MemoryMax= on the unit that grew.",
                )
                .build(),
        );
    }
}

/// `journal.coredumps`: coredumps this boot.
pub fn coredumps(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    let Some(j) = cx.facts.get::<JournalFacts>() else {
        return;
    };
    let t = &cx.thresholds.journal;
    let boot = boot_label(j);
    let source = j.source.clone();
    if j.coredump_count >= t.coredumps_min && j.coredump_count > 0 {
        let mut lines = Vec::new();
        for c in &j.coredumps {
            lines.push(format!(
                "{} {} ({})",
                c.unit.as_deref().unwrap_or("-"),
                c.executable.as_deref().unwrap_or("?"),
                c.signal.as_deref().unwrap_or("?"),
            ));
            lines.extend(c.line.render().into_iter().take(4));
        }
        let skip = lines.len().saturating_sub(t.excerpt_lines * 2);
        out.push(
            finding(FindingId::JournalCoredumps, "coredumps")
                .title(format!(
                    "{} this boot",
                    count(j.coredump_count, "coredump", "coredumps")
                ))
                .summary(format!(
                    "{} dumped core",
                    count(j.coredump_count, "process", "processes")
                ))
                .file("coredumpctl list")
                .description(format!(
                    "{} crashed and dumped core in {boot}.",
                    count(j.coredump_count, "process", "processes")
                ))
                .evidence(source.clone(), lines[skip..].to_vec())
                .action("Inspect: `coredumpctl list`, `coredumpctl info PID`; report upstream or roll back the package.")
                .build(),
        );
    }
}

/// `journal.noisy`: the units or identifiers with most err..alert entries this boot.
pub fn noisy(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    let Some(j) = cx.facts.get::<JournalFacts>() else {
        return;
    };
    let t = &cx.thresholds.journal;
    let boot = boot_label(j);
    let top: Vec<_> = j.noisy.iter().take(t.noisy_top).collect();
    if !top.is_empty() {
        let names: Vec<String> = top
            .iter()
            .map(|s| format!("{} ({})", s.source, s.count))
            .collect();
        let mut b = finding(FindingId::JournalNoisy, "err..alert")
            .title(format!(
                "Most err..alert entries this boot: {}",
                names.join(", ")
            ))
            .summary(format!(
                "{} err..alert entries; top: {}",
                j.error_entries, names[0]
            ))
            .file("journalctl -b -p err..alert")
            .description(format!(
                "{} err..alert entries in {boot}. The sources with the most are listed with \
                 their last lines.",
                j.error_entries
            ))
            .action("None required; read them with `journalctl -b -p err..alert -u UNIT`.");
        let charted: Vec<_> = j.noisy.iter().take(CHART_SOURCES).collect();
        b = b.chart(
            "err..alert entries per source",
            charted
                .iter()
                .map(|s| format!("{}: {}", s.source, s.count))
                .collect(),
            Chart {
                kind: ChartKind::Bar,
                title: "err..alert entries per source (this boot)".into(),
                unit: "entries".into(),
                points: charted
                    .iter()
                    .map(|s| (s.source.clone(), s.count))
                    .collect(),
            },
        );
        for s in &top {
            b = b.evidence(
                format!("{}: {}", s.source, count(s.count, "entry", "entries")),
                last_lines(&s.excerpt, 3),
            );
        }
        let mut f = b.build();
        let started = cx.facts.get::<GenerationsFacts>().map(|g| {
            top.iter()
                .filter_map(|s| g.error_sources.iter().find(|a| a.unit == s.source))
                .collect::<Vec<_>>()
        });
        for a in started.unwrap_or_default() {
            began_with_a_generation(&mut f, a);
        }
        out.push(f);
    }
}

/// Name the generation a source's errors began with (generations probe: the switch of this
/// boot before its first error), what that generation changed and how to go back.
fn began_with_a_generation(f: &mut Finding, a: &FailureAttribution) {
    let (when, what, lines) = super::units::attribution_text(a);
    f.description = Prose::parse(&format!(
        "{} {}'s errors began at {} this boot, after the switch to generation {} ({when}), \
         {what}.",
        f.description,
        lit(&a.unit),
        a.failed_at.format("%Y-%m-%d %H:%M UTC"),
        a.generation
    ));
    f.evidence.push(nixbtw_contracts::Evidence {
        source: format!(
            "{}: its errors began after the switch to generation {} ({when}), which changed, {}",
            a.unit,
            a.generation,
            a.previous
                .map(|p| format!("against generation {p}"))
                .unwrap_or_else(|| "with no generation before it".into())
        ),
        excerpt: lines,
        chart: None,
    });
    if let Some(p) = a.previous {
        f.suggested_action = Prose::parse(&format!(
            "{} If {}'s errors came with generation {g}, go back to generation {p}: \
             `sudo nix-env -p /nix/var/nix/profiles/system --switch-generation {p} && \
             sudo /nix/var/nix/profiles/system/bin/switch-to-configuration switch`, then fix \
             forward.",
            f.suggested_action,
            lit(&a.unit),
            g = a.generation
        ));
    }
}

/// Most sources drawn in the err..alert chart.
const CHART_SOURCES: usize = 10;

/// `audit.probe-error` rows for journal passes that failed or were cut short (the probe
/// still ran; its facts say so).
pub fn incomplete(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    let Some(j) = cx.facts.get::<JournalFacts>() else {
        return;
    };
    for (what, detail) in j
        .incomplete
        .iter()
        .map(|i| ("Journal read cut short", i))
        .chain(j.problems.iter().map(|p| ("Journal partly unreadable", p)))
    {
        out.push(
            finding(FindingId::AuditProbeError, "journal")
                .probe(ProbeId::Journal)
                .kind(FindingType::Error)
                .title(what)
                .summary(format!("journal: {detail}"))
                .file("probe:journal")
                .description(format!(
                    "{detail}. The journal findings are based on what was read.",
                    detail = lit(detail)
                ))
                .action("Read by hand: `journalctl -b -p err..alert`, `coredumpctl list`.")
                .build(),
        );
    }
}

/// `audit.probe-error` rows, one per journal file journalctl cannot read (left out; the probe
/// read the others).
pub fn unreadable_files(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    let Some(j) = cx.facts.get::<JournalFacts>() else {
        return;
    };
    for bad in &j.bad_files {
        out.push(bad_file(j, bad));
    }
}

/// An `error` row for a journal file journalctl cannot read: which file, what failed, how to
/// check it by hand. The other files were still read.
fn bad_file(j: &JournalFacts, bad: &BadJournalFile) -> Finding {
    let boot = if j.boot_id.is_some() && !j.boot_is_newest {
        " The boot read is the newest one of the other files; a newer boot may be in this one."
    } else {
        ""
    };
    finding(FindingId::AuditProbeError, format!("journal:{}", bad.path))
        .probe(ProbeId::Journal)
        .kind(FindingType::Error)
        .title(format!("Journal file unreadable: {}", bad.path))
        .summary(format!("journal: {}: {}", bad.path, bad.error))
        .file(bad.path.clone())
        .description(format!(
            "journalctl cannot read the journal file {}: {}. It was left out; the journal and \
             unit findings come from the other files, so entries only in this one are \
             missing.{boot}",
            lit(&bad.path),
            lit(&bad.error)
        ))
        .evidence(
            j.source.clone(),
            vec![format!("{}: {}", bad.path, bad.error)],
        )
        .action(format!(
            "Check it by hand: `{}`. A damaged archived file can be moved out of the journal \
             directory (journald itself renames a damaged active file to `*.journal~` and \
             starts a new one).",
            lit(&bad.check)
        ))
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{run_family, run_rules};
    use nixbtw_contracts::Priority;
    use nixbtw_probes::probes::journal::{Coredump, NoisySource, OomKill};
    use nixbtw_probes::FactSet;

    fn line(msg: &str) -> JournalLine {
        JournalLine {
            time: None,
            priority: Some(3),
            identifier: "kernel".into(),
            pid: None,
            message: msg.into(),
        }
    }

    fn quiet() -> JournalFacts {
        JournalFacts {
            source: "journalctl".into(),
            persistent: true,
            directory: None,
            files_read: 1,
            boot_id: Some("b".into()),
            boot_is_newest: true,
            bad_files: vec![],
            error_entries: 0,
            noisy: vec![],
            fs_error_count: 0,
            fs_errors: vec![],
            oom_count: 0,
            oom_kills: vec![],
            hardware: vec![],
            nix_daemon_error_count: 0,
            nix_daemon_errors: vec![],
            coredump_count: 0,
            coredumps: vec![],
            units: vec![],
            activations: vec![],
            activations_note: None,
            boot_history: None,
            incomplete: vec![],
            problems: vec![],
            commands: vec![],
        }
    }

    fn run(j: JournalFacts) -> Vec<Finding> {
        run_rules(RULES, &FactSet::new().with(j), chrono::Utc::now(), false)
    }

    #[test]
    fn quiet_persistent_journal_raises_nothing() {
        assert!(run(quiet()).is_empty());
    }

    #[test]
    fn not_persistent_is_p3_for_a_volatile_journal() {
        let mut j = quiet();
        j.persistent = false;
        let out = run(j);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].id, FindingId::JournalNotPersistent);
        assert_eq!(out[0].priority, Priority::P3);
    }

    #[test]
    fn fs_errors_oom_and_coredumps_from_their_events() {
        let mut j = quiet();
        j.fs_error_count = 1;
        j.fs_errors = vec![line("Buffer I/O error on dev sda1")];
        j.oom_count = 1;
        j.oom_kills = vec![OomKill {
            process: Some("hog".into()),
            unit: None,
            line: line("Out of memory: Killed process 1 (hog)"),
        }];
        j.coredump_count = 1;
        j.coredumps = vec![Coredump {
            unit: Some("crash.service".into()),
            executable: Some("/bin/crash".into()),
            signal: Some("SIGSEGV".into()),
            line: line("Process 1 (crash) dumped core.\n\nStack trace:\n#0 main"),
        }];
        let out = run(j);
        let ids: Vec<_> = out.iter().map(|f| f.id).collect();
        assert_eq!(
            ids,
            [
                FindingId::JournalFsErrors,
                FindingId::JournalOom,
                FindingId::JournalCoredumps
            ]
        );
        assert_eq!(out[0].priority, Priority::P1);
        assert!(out[1].summary.contains("hog"));
        // The multi-line message is split into lines, not glued into one.
        assert!(out[2].evidence[0]
            .excerpt
            .iter()
            .any(|l| l == "    Stack trace:"));
    }

    #[test]
    fn noisy_names_the_generation_a_source_began_with() {
        use nixbtw_probes::pkgdiff::{ChangeKind, PackageChange};
        use nixbtw_probes::probes::generations::{
            ActivatedBy, FailureAttribution, GenerationsFacts,
        };
        let at = chrono::Utc::now();
        let mut j = quiet();
        j.error_entries = 30;
        j.noisy = ["hass.service", "other.service"]
            .iter()
            .map(|s| NoisySource {
                source: s.to_string(),
                count: 15,
                first: Some(at),
                excerpt: vec![line("boom")],
            })
            .collect();
        let g = GenerationsFacts {
            error_sources: vec![FailureAttribution {
                unit: "hass.service".into(),
                failed_at: at,
                generation: 7,
                activated: Some(at - chrono::Duration::minutes(5)),
                activated_by: ActivatedBy::Journal,
                previous: Some(6),
                unit_closure: true,
                changes: vec![PackageChange {
                    pname: "home-assistant".into(),
                    kind: ChangeKind::Upgraded,
                    old: vec![Some("2025.5.1".into())],
                    new: vec![Some("2025.6.0".into())],
                    old_bytes: 1,
                    new_bytes: 2,
                    selected: true,
                    security: None,
                }],
            }],
            ..GenerationsFacts::default()
        };
        let out = run_rules(RULES, &FactSet::new().with(j).with(g), at, false);
        let f = out
            .iter()
            .find(|f| f.id == FindingId::JournalNoisy)
            .unwrap();
        assert!(
            f.description.contains("errors began at ")
                && f.description.contains("after the switch to generation 7"),
            "{}",
            f.description
        );
        assert!(f.description.contains("home-assistant 2025.5.1 → 2025.6.0"));
        assert!(!f.description.contains("other.service"));
        assert!(f.suggested_action.contains("--switch-generation 6"));
        assert_eq!(f.evidence.last().unwrap().excerpt.len(), 1);
    }

    #[test]
    fn noisy_lists_the_top_five_only() {
        let mut j = quiet();
        j.error_entries = 70;
        j.noisy = (0..7)
            .map(|i| NoisySource {
                source: format!("u{i}.service"),
                count: 10 - i,
                first: None,
                excerpt: vec![line("boom")],
            })
            .collect();
        let out = run(j);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].id, FindingId::JournalNoisy);
        // Without the generations probe's facts, no generation is named.
        assert!(!out[0].description.contains("generation"));
        // The chart of all seven, then the top five with their last lines.
        assert_eq!(out[0].evidence.len(), 6);
        let chart = out[0].evidence[0].chart.as_ref().unwrap();
        assert_eq!(chart.points.len(), 7);
        assert_eq!(chart.points[0], ("u0.service".to_string(), 10));
        assert_eq!(out[0].evidence[0].excerpt[6], "u6.service: 4");
        assert!(out[0].evidence[1..].iter().all(|e| e.chart.is_none()));
        assert_eq!(out[0].priority, Priority::Info);
    }

    #[test]
    fn each_unreadable_file_is_its_own_error_row_with_a_check_by_hand() {
        let mut j = quiet();
        j.boot_is_newest = false;
        j.bad_files = vec![BadJournalFile {
            path: "/var/log/journal/m/system@x.journal~".into(),
            error: "Failed to open files: Bad message".into(),
            check: "journalctl --verify --file /mnt/var/log/journal/m/system@x.journal~".into(),
        }];
        j.fs_error_count = 1;
        j.fs_errors = vec![line("Buffer I/O error on dev sda1")];
        let out = run(j);
        let ids: Vec<_> = out.iter().map(|f| f.id).collect();
        assert_eq!(
            ids,
            [FindingId::JournalFsErrors, FindingId::AuditProbeError],
            "the other files' findings stay"
        );
        let row = &out[1];
        assert_eq!(row.kind, FindingType::Error);
        assert_eq!(row.subject, "journal:/var/log/journal/m/system@x.journal~");
        assert!(
            row.description.contains("Bad message"),
            "{}",
            row.description
        );
        assert!(row.description.contains("a newer boot may be in this one"));
        assert!(row
            .suggested_action
            .contains("journalctl --verify --file /mnt/var/log/journal/m/system@x.journal~"));
    }

    #[test]
    fn cut_short_reads_are_error_rows() {
        let mut j = quiet();
        j.incomplete = vec!["err..alert entries: stopped at the probe deadline".into()];
        let out = run(j);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].kind, FindingType::Error);
    }

    /// Each event check, alone: raised by its own event, not by the others'.
    fn only(judge: crate::rules::Judge, j: JournalFacts) -> Vec<FindingId> {
        run_family(judge, &FactSet::new().with(j), chrono::Utc::now(), false)
            .iter()
            .map(|f| f.id)
            .collect()
    }

    #[test]
    fn fs_errors_only_with_fs_errors() {
        let mut j = quiet();
        j.oom_count = 3;
        assert!(only(fs_errors, j.clone()).is_empty());
        j.fs_error_count = 1;
        j.fs_errors = vec![line("EXT4-fs error (device sda1)")];
        assert_eq!(only(fs_errors, j), [FindingId::JournalFsErrors]);
    }

    #[test]
    fn oom_only_with_oom_kills() {
        let mut j = quiet();
        j.fs_error_count = 1;
        assert!(only(oom, j.clone()).is_empty());
        j.oom_count = 1;
        j.oom_kills = vec![OomKill {
            process: Some("hog".into()),
            unit: None,
            line: line("Out of memory: Killed process 1 (hog)"),
        }];
        assert_eq!(only(oom, j), [FindingId::JournalOom]);
    }

    #[test]
    fn coredumps_only_with_coredumps() {
        let mut j = quiet();
        j.oom_count = 1;
        assert!(only(coredumps, j.clone()).is_empty());
        j.coredump_count = 1;
        j.coredumps = vec![Coredump {
            unit: None,
            executable: Some("/bin/crash".into()),
            signal: Some("SIGABRT".into()),
            line: line("Process 1 (crash) dumped core."),
        }];
        assert_eq!(only(coredumps, j), [FindingId::JournalCoredumps]);
    }

    #[test]
    fn hardware_errors_one_per_kind_memory_is_p1() {
        use nixbtw_probes::probes::journal::HardwareErrors;
        assert!(run(quiet())
            .iter()
            .all(|f| f.id != FindingId::JournalHardwareErrors));
        let mut j = quiet();
        j.hardware = vec![
            HardwareErrors {
                kind: HardwareKind::Memory,
                count: 2,
                uncorrected: true,
                excerpt: vec![line("EDAC MC0: 1 UE memory read error on CPU_SrcID#0")],
            },
            HardwareErrors {
                kind: HardwareKind::Firmware,
                count: 1,
                uncorrected: false,
                excerpt: vec![line(
                    "Direct firmware load for iwlwifi-ty-a0-gf-a0-83.ucode failed with error -2",
                )],
            },
        ];
        let out: Vec<_> = run(j)
            .into_iter()
            .filter(|f| f.id == FindingId::JournalHardwareErrors)
            .collect();
        assert_eq!(out.len(), 2);
        assert_eq!(
            (out[0].subject.as_str(), out[0].priority),
            ("memory", Priority::P1)
        );
        assert!(out[0].description.plain().contains("not corrected"));
        assert_eq!(
            (out[1].subject.as_str(), out[1].priority),
            ("firmware", Priority::P2)
        );
        assert!(out[1].evidence[0].excerpt[0].contains("iwlwifi"));
        assert!(out[1]
            .suggested_action
            .code()
            .any(|c| c.contains("enableRedistributableFirmware")));
    }

    #[test]
    fn nix_daemon_errors_with_their_lines() {
        assert!(run(quiet())
            .iter()
            .all(|f| f.id != FindingId::JournalNixDaemonErrors));
        let mut j = quiet();
        j.nix_daemon_error_count = 3;
        j.nix_daemon_errors = vec![line(
            "error: cannot add path '/nix/store/x' because it lacks a signature by a trusted key",
        )];
        let out: Vec<_> = run(j)
            .into_iter()
            .filter(|f| f.id == FindingId::JournalNixDaemonErrors)
            .collect();
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].priority, Priority::P2);
        assert!(out[0].title.contains("3 errors"));
        assert!(out[0].evidence[0].excerpt[0].contains("lacks a signature"));
    }
}
