//! Snapshot of the report of the shipped demo host (`examples/demo-host`), at a fixed clock,
//! with the machine-specific parts (the absolute root path, probe durations) redacted.
//! When the demo host grows, review the diff and accept it with
//! `INSTA_UPDATE=always cargo test -p nixbtw-tests --test demo_host`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::TimeZone;
use std::sync::Arc;
use std::time::Duration;

use nixbtw_audit::audit::{self, Selection};
use nixbtw_audit::config::Config;
use nixbtw_audit::render::Renderer;
use nixbtw_contracts::Report;
use nixbtw_probes::{Host, SystemRunner};
use nixbtw_tests::demo_host;

/// A copy of the demo host whose links carry fixed dates: git does not keep a link's mtime,
/// and generation and channel dates are the mtimes of their `-link`s.
fn pinned_demo_host() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("demo-host");
    let ok = std::process::Command::new("cp")
        .arg("-a")
        .arg(demo_host())
        .arg(&copy)
        .status()
        .unwrap();
    assert!(ok.success());
    let ok = std::process::Command::new("find")
        .arg(&copy)
        .args([
            "-type",
            "l",
            "-exec",
            "touch",
            "-h",
            "-d",
            "2026-11-01T12:00:00Z",
            "{}",
            "+",
        ])
        .status()
        .unwrap();
    assert!(ok.success());
    dir
}

fn demo_report() -> Report {
    let now = chrono::Utc
        .with_ymd_and_hms(2026, 11, 25, 21, 7, 0)
        .unwrap();
    let pinned = pinned_demo_host();
    let host = Host::at_root(
        &pinned.path().join("demo-host"),
        Arc::new(SystemRunner),
        now,
    )
    .unwrap();
    // The demo host lives on the test machine's disk, so its filesystem figures are that
    // machine's (redacted below). The checks that judge them are turned off here, so the
    // snapshot does not depend on how full the machine is; rules/store.rs and rules/boot.rs
    // test those checks.
    let mut config = Config::default();
    config.thresholds.store.critical_free_percent = 0.0;
    config.thresholds.store.critical_free_bytes = 0;
    config.thresholds.store.low_free_percent = 0.0;
    config.thresholds.store.low_free_bytes = 0;
    config.thresholds.boot.esp_free_percent = 0.0;
    config.thresholds.boot.esp_free_bytes = 0;
    let mut report = audit::run(
        host,
        nixbtw_probes::all_probes(),
        &Selection::default(),
        &config,
        Duration::from_secs(60),
        Arc::new(|_, _| {}),
    )
    .unwrap();
    report.root = "[demo-host]".to_string();
    for p in &mut report.probes {
        p.duration_ms = 0;
    }
    report
}

#[test]
fn demo_host_markdown() {
    let md = Renderer::new(None)
        .unwrap()
        .markdown(&demo_report())
        .unwrap();
    let (v, _) = nixbtw_tests::conformance::check_markdown(&md);
    assert!(v.is_empty(), "{v:?}");
    // Free space is the fixture's filesystem, not the demo host's: redact the figures.
    insta::with_settings!({filters => vec![
        (r"disk /: .* free of .*", "disk /: [free] free of [size]"),
        (r"filesystem: .* used of .*, .* available", "filesystem: [used] used of [size], [free] available"),
    ]}, {
        insta::assert_snapshot!("demo_host_markdown", md);
    });
}

#[test]
fn demo_host_inline() {
    let inline = Renderer::new(None)
        .unwrap()
        .inline(
            &demo_report(),
            "docs/local/audits/nixos-btw/2026-11-25-demo-host.md",
        )
        .unwrap();
    insta::assert_snapshot!("demo_host_inline", inline);
}

/// The demo report as GitHub draws it: rendered by cmark-gfm (GitHub's CommonMark/GFM
/// implementation), every code span of the findings' prose is a `<code>` element, no escaped
/// backtick is left as text, the conclusion is a table, and each chart is a mermaid block (the
/// class GitHub turns into a diagram).
#[test]
fn demo_report_renders_code_as_code_and_charts_as_mermaid() {
    if !nixbtw_tests::require_tool("cmark-gfm") {
        return;
    }
    let report = demo_report();
    let md = Renderer::new(None).unwrap().markdown(&report).unwrap();
    let mut child = std::process::Command::new("cmark-gfm")
        .args(["-e", "table", "-e", "tasklist", "-e", "autolink"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(md.as_bytes())
            .unwrap();
    }
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let html = String::from_utf8(out.stdout).unwrap();
    let unescape = |s: &str| {
        s.replace("&quot;", "\"")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&")
    };
    let codes: Vec<String> = html
        .split("<code>")
        .skip(1)
        .filter_map(|s| s.split("</code>").next())
        .map(unescape)
        .collect();
    let mut spans = 0;
    for f in &report.findings {
        // A related finding shows its description under its root; its action is the root's.
        let shown = if f.related_to.is_some() {
            vec![&f.description]
        } else {
            vec![&f.description, &f.suggested_action]
        };
        for prose in shown {
            for code in prose.code() {
                spans += 1;
                assert!(
                    codes.iter().any(|c| c.trim() == code.trim()),
                    "{}: `{code}` is not a <code> element",
                    f.id
                );
            }
        }
    }
    assert!(spans > 30, "the demo's prose has code spans ({spans})");
    assert!(
        !html.contains("\\`"),
        "an escaped backtick reached the page"
    );
    assert_eq!(html.matches("<table>").count(), 1);
    let charts: usize = report
        .findings
        .iter()
        .flat_map(|f| &f.evidence)
        .filter(|e| e.chart.is_some())
        .count();
    assert!(charts >= 2, "{charts}");
    assert_eq!(
        html.matches("<pre><code class=\"language-mermaid\">")
            .count(),
        charts
    );
}
