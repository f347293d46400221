//! `nixbtw-audit summary DIR...`: many hosts' reports on one page, through the real command
//! line, over reports made from the demo host's real report (facts and all) by changing the
//! host name, the start time and the findings, as a fleet's collection would hold them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use chrono::{Duration, Utc};
use nixbtw_contracts::Report;
use nixbtw_tests::{files_under, run_cli, workspace};

fn demo_report() -> Report {
    let text =
        std::fs::read_to_string(workspace().join("examples/sample-report/demo-host.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// The demo's report as host `host`, audited `hours_ago`, keeping the findings `keep` says.
fn host_report(
    base: &Report,
    host: &str,
    hours_ago: i64,
    keep: impl Fn(&nixbtw_contracts::Finding) -> bool,
) -> Report {
    let mut r = base.clone();
    r.target = host.to_string();
    r.started = Utc::now() - Duration::hours(hours_ago);
    r.findings.retain(|f| keep(f));
    r
}

fn put(dir: &Path, name: &str, r: &Report) {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(dir.join(name), serde_json::to_string_pretty(r).unwrap()).unwrap();
}

#[test]
fn summary_of_a_small_fleet_snapshot() {
    let tmp = tempfile::tempdir().unwrap();
    let collected = tmp.path().join("collected");
    let base = demo_report();
    use nixbtw_contracts::Priority as P;
    // web-1: everything the demo has; web-2: without P0/P1; db-1: only info, audited three
    // days ago (stale); build-1 has an older and a newer report, from an older tool version;
    // a host named with markdown in it; a report of a newer layout; a file that is no report.
    put(
        &collected.join("web-1"),
        "2026-a.json",
        &host_report(&base, "web-1", 2, |_| true),
    );
    put(
        &collected.join("web-2"),
        "r.json",
        &host_report(&base, "web-2", 5, |f| f.priority > P::P1),
    );
    put(
        &collected.join("db-1"),
        "r.json",
        &host_report(&base, "db-1", 72, |f| f.priority == P::Info),
    );
    let mut old = host_report(&base, "build-1", 30, |f| f.priority <= P::P1);
    old.tool.version = "0.0.9".into();
    put(&collected.join("build-1"), "old.json", &old);
    let mut new = host_report(&base, "build-1", 1, |f| {
        f.priority == P::P1 || f.priority == P::P3
    });
    new.tool.version = "0.0.9".into();
    put(&collected.join("build-1"), "new.json", &new);
    put(
        &collected.join("odd"),
        "r.json",
        &host_report(&base, "odd|host `x` *y*", 3, |f| f.priority == P::P2),
    );
    let mut future = serde_json::to_value(host_report(&base, "future-1", 1, |_| true)).unwrap();
    future["schema_version"] = 2.into();
    future["tool"]["version"] = "9.0.0".into();
    std::fs::write(collected.join("future.json"), future.to_string()).unwrap();
    std::fs::write(
        collected.join("odd/notes.json"),
        "{\"note\": \"not a report\"}",
    )
    .unwrap();
    // Symlinks are not followed out of the collection.
    std::os::unix::fs::symlink(workspace().join("examples"), collected.join("link")).unwrap();
    let hosts = tmp.path().join("hosts.txt");
    std::fs::write(&hosts, "# the fleet\nweb-1\nweb-2\ndb-1\nbuild-1\nmail-1\n").unwrap();

    let out = tmp.path().join("out");
    let run = run_cli([
        "summary".as_ref(),
        collected.as_os_str(),
        "--hosts".as_ref(),
        hosts.as_os_str(),
        "--out-dir".as_ref(),
        out.as_os_str(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("5 hosts, 6 reports read, 2 refused"),
        "{}",
        run.stdout
    );
    let files = files_under(&out);
    let md_file = files
        .iter()
        .find(|f| f.extension().is_some_and(|e| e == "md"))
        .unwrap();
    assert!(
        md_file.to_str().unwrap().ends_with("-fleet-summary.md"),
        "{files:?}"
    );
    let md = std::fs::read_to_string(out.join(md_file)).unwrap();
    assert!(!md.contains('║') && !md.contains('═'), "pure markdown");
    let tmp_path = tmp.path().display().to_string();
    insta::with_settings!({filters => vec![
        (tmp_path.as_str(), "[TMP]"),
        (r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z", "[TIME]"),
        (r"\d{4}-\d{2}-\d{2}", "[DATE]"),
        (r"\| \d+ (min|h|d) \|", "| [AGE] |"),
        (r"nixbtw-audit \d+\.\d+\.\d+\n", "nixbtw-audit [VERSION]\n"),
    ]}, {
        insta::assert_snapshot!("fleet_summary", md);
    });
    // The JSON beside it is not a host report: a second summary over the output refuses it.
    let run = run_cli([
        "summary".as_ref(),
        out.as_os_str(),
        "--out-dir".as_ref(),
        tmp.path().join("out2").as_os_str(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("0 hosts, 0 reports read, 1 refused"),
        "{}",
        run.stdout
    );
    // A directory that cannot be read is a usage error, nothing written.
    let run = run_cli([
        "summary",
        "/nonexistent/nixbtw-reports",
        "--out-dir",
        tmp.path().join("out3").to_str().unwrap(),
    ]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("/nonexistent/nixbtw-reports"),
        "{}",
        run.stderr
    );
    assert!(!tmp.path().join("out3").exists());
}
