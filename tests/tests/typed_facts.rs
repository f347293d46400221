//! Facts stay typed from the probes to every output: the report JSON round-trips the whole
//! fact set (through the probes' registry), so `rejudge` reproduces a report byte for byte,
//! and the metrics of a real run match what Nix, journalctl and the files say.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::Command;

use nixbtw_contracts::{FindingId, FindingType, Priority, ProbeState, Report};
use nixbtw_tests::{audit_args, demo_host, files_under, require_tool, run_cli};

/// A writable copy of the demo host (Nix creates lock files beside a store's DB).
fn demo_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("demo-host");
    let ok = Command::new("cp")
        .arg("-a")
        .arg(demo_host())
        .arg(&copy)
        .status()
        .unwrap();
    assert!(ok.success());
    (dir, copy)
}

/// The one markdown report under `out`.
fn markdown(out: &Path) -> String {
    let dir = out.join("docs/local/audits/nixos-btw");
    let md: Vec<_> = files_under(&dir)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    assert_eq!(md.len(), 1, "{md:?}");
    std::fs::read_to_string(dir.join(&md[0])).unwrap()
}

fn report(path: &Path) -> Report {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Audit the demo host into `tmp/a` (JSON also at `tmp/a.json`).
fn audit_demo(tmp: &Path, extra: &[&str]) -> PathBuf {
    let json = tmp.join("a.json");
    let mut args = audit_args(demo_host(), tmp.join("a"));
    args.extend(["--quiet", "--no-diff", "--json"].map(Into::into));
    args.push(json.clone().into());
    args.extend(extra.iter().map(Into::into));
    let run = run_cli(args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    json
}

fn rejudge(json: &Path, out: &Path, extra: &[&str]) -> (PathBuf, nixbtw_tests::CliRun) {
    let new = out.with_extension("json");
    let mut args: Vec<std::ffi::OsString> = vec!["rejudge".into(), json.into()];
    args.extend(["--quiet", "--out-dir"].map(Into::into));
    args.push(out.into());
    args.push("--json".into());
    args.push(new.clone().into());
    args.extend(extra.iter().map(Into::into));
    (new, run_cli(args))
}

#[test]
fn rejudge_with_the_same_config_reproduces_the_report_byte_for_byte() {
    let tmp = tempfile::tempdir().unwrap();
    let json = audit_demo(tmp.path(), &[]);
    let (new, run) = rejudge(&json, &tmp.path().join("b"), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(&new).unwrap(),
        std::fs::read_to_string(&json).unwrap()
    );
    assert_eq!(
        markdown(&tmp.path().join("b")),
        markdown(&tmp.path().join("a"))
    );
    // Every probe of the demo host ran and its facts decoded (no error rows appeared).
    let r = report(&new);
    assert!(
        r.probes.iter().all(|p| p.state == ProbeState::Ok),
        "{:?}",
        r.probes
    );
}

/// The committed sample report (examples/sample-report, the demo host's): its markdown comes
/// back byte for byte from its JSON's facts alone, and re-judging the result changes nothing.
#[test]
fn rejudge_reproduces_the_committed_sample_report() {
    let sample = nixbtw_tests::workspace().join("examples/sample-report");
    let tmp = tempfile::tempdir().unwrap();
    // With the configuration the sample was made with: its disk checks are off, so the
    // result does not depend on this machine's free space.
    let config = nixbtw_tests::workspace().join("scripts/sample-report.toml");
    let (new, run) = rejudge(
        &sample.join("demo-host.json"),
        &tmp.path().join("b"),
        &["--slug", "demo-host", "--config", config.to_str().unwrap()],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        markdown(&tmp.path().join("b")),
        std::fs::read_to_string(sample.join("demo-host.md")).unwrap()
    );
    let (again, run) = rejudge(
        &new,
        &tmp.path().join("c"),
        &["--slug", "demo-host", "--config", config.to_str().unwrap()],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(&again).unwrap(),
        std::fs::read_to_string(&new).unwrap()
    );
}

#[test]
fn rejudge_with_another_config_changes_what_it_should_and_nothing_else() {
    let tmp = tempfile::tempdir().unwrap();
    let json = audit_demo(tmp.path(), &[]);
    let before = report(&json);
    let reclaimable = before
        .findings
        .iter()
        .find(|f| f.id == FindingId::StoreReclaimable)
        .expect("the demo store has reclaimable paths");
    assert_eq!(reclaimable.priority, Priority::P2);
    assert!(before
        .findings
        .iter()
        .any(|f| f.id == FindingId::JournalOom));

    let config = tmp.path().join("other.toml");
    std::fs::write(
        &config,
        "[thresholds.store]\nreclaimable_percent = 99.0\n\n\
         [priorities]\n\"units.failed\" = \"P0\"\n\n\
         [[suppress]]\nid = \"journal.oom\"\nreason = \"known\"\nuntil = \"2999-01-01\"\n",
    )
    .unwrap();
    let (new, run) = rejudge(
        &json,
        &tmp.path().join("b"),
        &["--config", config.to_str().unwrap()],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let after = report(&new);
    // The threshold: a GC would free 55% of the demo store, under 99%.
    assert!(!after
        .findings
        .iter()
        .any(|f| f.id == FindingId::StoreReclaimable));
    // The override: every failed unit is P0 now.
    let failed: Vec<_> = after
        .findings
        .iter()
        .filter(|f| f.id == FindingId::UnitsFailed)
        .collect();
    assert!(!failed.is_empty());
    assert!(failed.iter().all(|f| f.priority == Priority::P0));
    // The suppression.
    assert!(!after.findings.iter().any(|f| f.id == FindingId::JournalOom));
    assert_eq!(after.suppressed, before.suppressed + 1);
    // Everything else is the same finding, with the same text.
    let key = |f: &nixbtw_contracts::Finding| (f.id, f.subject.clone(), f.description.clone());
    let touched = [
        FindingId::StoreReclaimable,
        FindingId::UnitsFailed,
        FindingId::JournalOom,
    ];
    let rest = |r: &Report| {
        let mut v: Vec<_> = r
            .findings
            .iter()
            .filter(|f| !touched.contains(&f.id))
            .map(key)
            .collect();
        v.sort();
        v
    };
    assert_eq!(rest(&after), rest(&before));
    assert_eq!(after.facts, before.facts);
    assert_eq!(after.probes, before.probes);
}

#[test]
fn rejudge_refuses_what_is_not_a_report() {
    let tmp = tempfile::tempdir().unwrap();
    let bad = tmp.path().join("x.json");
    std::fs::write(&bad, "{\"facts\": {}}").unwrap();
    let (_, run) = rejudge(&bad, &tmp.path().join("b"), &[]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("not a nixbtw-audit report"),
        "{}",
        run.stderr
    );
    assert!(files_under(&tmp.path().join("b")).is_empty());
}

#[test]
fn facts_this_version_cannot_read_become_an_error_row_not_a_silent_gap() {
    let tmp = tempfile::tempdir().unwrap();
    let json = audit_demo(tmp.path(), &[]);
    let mut r = report(&json);
    // A renamed field, as a report of another version would have it.
    let units = r.facts.get_mut("units").unwrap().as_object_mut().unwrap();
    let failed = units.remove("failed").unwrap();
    units.insert("failed_units".into(), failed);
    std::fs::write(&json, serde_json::to_string(&r).unwrap()).unwrap();
    let (new, run) = rejudge(&json, &tmp.path().join("b"), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("units:"), "{}", run.stderr);
    let after = report(&new);
    let status = after
        .probes
        .iter()
        .find(|p| p.probe == nixbtw_contracts::ProbeId::Units)
        .unwrap();
    assert_eq!(status.state, ProbeState::Error);
    assert!(
        status.message.contains("missing field `failed`"),
        "{}",
        status.message
    );
    assert!(after
        .findings
        .iter()
        .any(|f| f.id == FindingId::AuditProbeError
            && f.subject == "units"
            && f.kind == FindingType::Error));
    assert!(!after
        .findings
        .iter()
        .any(|f| f.id == FindingId::UnitsFailed));
}

#[test]
fn a_redacted_report_can_be_rejudged() {
    let tmp = tempfile::tempdir().unwrap();
    let json = audit_demo(tmp.path(), &["--redact"]);
    let (new, run) = rejudge(&json, &tmp.path().join("b"), &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let r = report(&new);
    assert!(r.redacted);
    assert_eq!(r.target, "host-1");
    assert!(
        r.probes.iter().all(|p| p.state == ProbeState::Ok),
        "{:?}",
        r.probes
    );
}

/// Registration info of every valid path, as `nix-store --dump-db` prints it: (path, NAR size).
fn dump_db(root: &Path) -> Vec<(String, u64)> {
    let out = Command::new("nix-store")
        .arg("--store")
        .arg(root)
        .arg("--dump-db")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let mut lines = text.lines();
    let mut paths = Vec::new();
    // path, NAR hash, NAR size, deriver, number of references, the references.
    while let Some(path) = lines.next() {
        let _hash = lines.next().unwrap();
        let size: u64 = lines.next().unwrap().parse().unwrap();
        let _deriver = lines.next().unwrap();
        let refs: usize = lines.next().unwrap().parse().unwrap();
        for _ in 0..refs {
            lines.next().unwrap();
        }
        paths.push((path.to_string(), size));
    }
    paths
}

/// Units of the newest boot of a journal directory that logged systemd's "Failed with result".
fn failed_units_by_journalctl(journal: &Path) -> Vec<String> {
    let out = Command::new("journalctl")
        .arg("--directory")
        .arg(journal)
        .args(["-b", "-q", "-o", "json", "--no-pager"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut units: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|e| {
            e["MESSAGE"]
                .as_str()
                .is_some_and(|m| m.contains(": Failed with result"))
        })
        .filter_map(|e| e["UNIT"].as_str().map(str::to_string))
        .collect();
    units.sort();
    units.dedup();
    units
}

/// The metrics of a real run of the demo host, each checked against a value computed without
/// the audit: a renamed or retyped facts field cannot make one vanish or drift unnoticed.
#[test]
fn metrics_of_a_real_run_match_nix_journalctl_and_the_files() {
    if !require_tool("nix-store") || !require_tool("journalctl") {
        return;
    }
    let (_keep, copy) = demo_copy();
    let tmp = tempfile::tempdir().unwrap();
    let prom = tmp.path().join("nixbtw-audit.prom");
    let mut args = audit_args(&copy, tmp.path().join("out"));
    args.extend(["--quiet", "--prometheus"].map(Into::into));
    args.push(prom.clone().into());
    let run = run_cli(args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = std::fs::read_to_string(&prom).unwrap();
    let metric = |name: &str| -> u64 {
        text.lines()
            .find_map(|l| l.strip_prefix(&format!("{name} ")))
            .unwrap_or_else(|| panic!("{name} missing:\n{text}"))
            .parse()
            .unwrap()
    };

    let valid = dump_db(&copy);
    assert_eq!(metric("nixbtw_audit_store_valid_paths"), valid.len() as u64);
    assert_eq!(
        metric("nixbtw_audit_store_bytes"),
        valid.iter().map(|(_, s)| s).sum::<u64>()
    );
    let generations = std::fs::read_dir(copy.join("nix/var/nix/profiles"))
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.starts_with("system-") && n.ends_with("-link"))
        .count();
    assert_eq!(
        metric("nixbtw_audit_system_generations"),
        generations as u64
    );
    let failed = failed_units_by_journalctl(&copy.join("var/log/journal"));
    assert!(!failed.is_empty());
    assert_eq!(metric("nixbtw_audit_failed_units"), failed.len() as u64);
    // The demo host boots an older kernel than its current system has.
    assert_eq!(metric("nixbtw_audit_reboot_pending"), 1);
    // Reclaimable bytes: what the store probe's dead set weighs, which tests/tests/store.rs
    // checks against `nix-store --gc --print-dead`; here it must at least be a part of the
    // store.
    let dead = metric("nixbtw_audit_store_reclaimable_bytes");
    assert!(dead > 0 && dead < metric("nixbtw_audit_store_bytes"));
}
