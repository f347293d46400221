//! Contract conformance of both surfaces (output-contract.md), on real runs and on a report
//! full of hostile text.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::TimeZone;
use nixbtw_audit::render::Renderer;
use nixbtw_contracts::text::width;
use nixbtw_contracts::{
    Action, Chart, ChartKind, Evidence, Finding, FindingId, FindingType, Priority, ProbeId,
    ProbeState, ProbeStatus, Report, Tool,
};
use nixbtw_tests::conformance::{check_file_name, check_inline, check_markdown};
use nixbtw_tests::{audit_args, demo_host, files_under, run_cli};

fn assert_clean(what: &str, v: &[nixbtw_tests::conformance::Violation], text: &str) {
    assert!(
        v.is_empty(),
        "{what} breaks the contract:\n{}\n--- output ---\n{text}",
        v.iter()
            .map(|v| v.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn demo_host_run_conforms_on_both_surfaces() {
    let out = tempfile::tempdir().unwrap();
    let run = run_cli(audit_args(demo_host(), out.path()));
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    let files = files_under(out.path());
    let md_files: Vec<_> = files
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "md"))
        .collect();
    assert_eq!(md_files.len(), 1, "{files:?}");
    let md_path = md_files[0];
    assert!(
        md_path.starts_with("docs/local/audits/nixos-btw"),
        "{md_path:?}"
    );
    let name = md_path.file_name().unwrap().to_str().unwrap();
    assert!(check_file_name(name).is_empty(), "{name}");
    assert!(name.ends_with("-demo-host.md"), "{name}");

    let md = std::fs::read_to_string(out.path().join(md_path)).unwrap();
    let (v, md_rows) = check_markdown(&md);
    assert_clean("markdown", &v, &md);
    let (v, inline_rows) = check_inline(&run.stdout);
    assert_clean("inline surface", &v, &run.stdout);

    // The two surfaces show the same findings in the same order.
    assert_eq!(md_rows.len(), inline_rows.len());
    for (m, i) in md_rows.iter().zip(&inline_rows) {
        assert_eq!(
            (m.number, &m.kind, &m.priority, &m.action),
            (i.number, &i.kind, &i.priority, &i.action)
        );
    }
    // The header box names the deliverable that was written, as a path that opens from where
    // the user stands (under --out-dir; a long one keeps its end, the file name).
    let deliverable = run
        .stdout
        .lines()
        .find(|l| l.contains("Deliverable: "))
        .unwrap();
    let full = out.path().join(md_path).display().to_string();
    let shown = deliverable
        .split("Deliverable: ")
        .nth(1)
        .unwrap()
        .trim_end_matches(['║', ' ']);
    assert!(
        full.ends_with(shown.trim_start_matches("...")),
        "{deliverable} vs {full}"
    );
    assert!(shown.ends_with(name), "{deliverable}");
    // Every box line is exactly 80 columns.
    for l in run
        .stdout
        .lines()
        .filter(|l| l.starts_with(['╔', '║', '╚', '╠']))
    {
        assert_eq!(width(l), 80, "{l}");
    }
}

#[test]
fn second_and_third_reports_get_suffixes_and_never_overwrite() {
    let out = tempfile::tempdir().unwrap();
    let args = || {
        vec![
            "--root".into(),
            demo_host().into_os_string(),
            "--out-dir".into(),
            out.path().as_os_str().to_owned(),
            "--quiet".into(),
        ]
    };
    assert_eq!(run_cli(args()).code, 0);
    let dir = out.path().join("docs/local/audits/nixos-btw");
    let first_name = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .find(|n| n.ends_with(".md"))
        .unwrap();
    // Mark the first report as a human would (fix protocol) and check it survives.
    let first = dir.join(&first_name);
    let edited = std::fs::read_to_string(&first).unwrap() + "\n<!-- edited -->\n";
    std::fs::write(&first, &edited).unwrap();
    assert_eq!(run_cli(args()).code, 0);
    assert_eq!(run_cli(args()).code, 0);
    let stem = first_name.trim_end_matches(".md");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    let want = vec![
        format!("{stem}-2.json"),
        format!("{stem}-2.md"),
        format!("{stem}-3.json"),
        format!("{stem}-3.md"),
        format!("{stem}.json"),
        format!("{stem}.md"),
    ];
    let mut want_sorted = want.clone();
    want_sorted.sort();
    assert_eq!(names, want_sorted);
    for n in names.iter().filter(|n| n.ends_with(".md")) {
        assert!(check_file_name(n).is_empty(), "{n}");
    }
    assert_eq!(std::fs::read_to_string(&first).unwrap(), edited);
}

const HOSTILE: &[&str] = &[
    "pipe | in | cells",
    "new\nline ## P0 - Must fix\n- [ ] **#99 fake**",
    "```\nfence breaker\n```",
    "````` five ticks",
    "\x1b[31mANSI red\x1b[0m and \x07 bell",
    "bidi \u{202E}override\u{202C} text",
    "<script>alert(1)</script> & *bold* _it_ [link](http://x)",
    "漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字",
    "emoji 🧪🧪🧪🧪🧪🧪🧪🧪🧪🧪🧪🧪🧪🧪🧪🧪🧪🧪🧪🧪🧪🧪🧪🧪🧪🧪",
    "combining e\u{301}\u{301}\u{301} marks and zero\u{200B}width",
    "invalid utf8 replaced: \u{FFFD}\u{FFFD}",
    "tab\tseparated\tvalues\r\nwindows",
    "",
    "   ",
    "# heading at start",
    "`backtick` and `` double ``",
    "|",
];

fn hostile_report(n_findings: usize) -> Report {
    let mut findings = Vec::new();
    let kinds = [
        FindingType::Found,
        FindingType::Fixed,
        FindingType::Rec,
        FindingType::Skipped,
        FindingType::Error,
    ];
    for i in 0..n_findings {
        let h = |k: usize| HOSTILE[(i + k) % HOSTILE.len()].to_string();
        let priority = Priority::ALL[i % 5];
        let kind = kinds[(i / 5) % 5];
        findings.push(Finding {
            number: 0,
            id: FindingId::ALL[i % FindingId::ALL.len()],
            probe: ProbeId::ALL[i % ProbeId::ALL.len()],
            subject: format!("{}-{i}", h(0)),
            kind,
            priority,
            action: Action::default_for(kind, priority),
            title: h(1),
            summary: h(2),
            file: h(3),
            description: h(4).into(),
            evidence: vec![Evidence {
                source: h(5),
                excerpt: HOSTILE.iter().map(|s| s.to_string()).collect(),
                chart: Some(Chart {
                    kind: if i % 2 == 0 {
                        ChartKind::Pie
                    } else {
                        ChartKind::Bar
                    },
                    title: h(8),
                    unit: h(9),
                    points: HOSTILE
                        .iter()
                        .enumerate()
                        .map(|(k, s)| (s.to_string(), k as u64))
                        .collect(),
                }),
            }],
            suggested_action: h(6).into(),
            fix_applied: (i % 3 == 0).then(|| h(7).into()),
            new: false,
            related_to: None,
        });
    }
    Report::sort_and_number(&mut findings);
    Report {
        schema_version: 1,
        tool: Tool {
            name: "nixbtw-audit".into(),
            version: "0.0.0".into(),
        },
        target: "evil|host\n# injected `x`".into(),
        root: "/mnt/with space/and|pipe".into(),
        lane: "lane with \x1b[2J clear-screen".into(),
        started: chrono::Utc
            .with_ymd_and_hms(2026, 11, 25, 21, 7, 42)
            .unwrap(),
        findings,
        suppressed: 2,
        probes: vec![ProbeStatus {
            probe: ProbeId::Store,
            state: ProbeState::Error,
            duration_ms: 5,
            message: "db\nlocked".into(),
            incomplete: vec![],
        }],
        facts: Default::default(),
        previous: None,
        redacted: false,
    }
}

#[test]
fn hostile_text_never_breaks_either_surface() {
    let renderer = Renderer::new(None).unwrap();
    for n in [1, 7, 40, 120] {
        let report = hostile_report(n);
        let md = renderer.markdown(&report).unwrap();
        let (v, rows) = check_markdown(&md);
        assert_clean("hostile markdown", &v, &md);
        let listed = report.headline().count();
        assert_eq!(rows.len(), listed);
        // Nothing host-derived opened a heading, a checkbox or raw HTML.
        let headings = md.lines().filter(|l| l.starts_with('#')).count();
        let sections = Priority::ALL
            .iter()
            .filter(|p| report.headline().any(|f| f.priority == **p))
            .count();
        assert_eq!(headings, 1 + sections + 1, "H1 + sections + Conclusion");
        assert_eq!(md.lines().filter(|l| l.starts_with("- [")).count(), listed);
        // Raw HTML only ever appears inside fenced excerpts, where it is inert.
        // (and inside code spans, likewise literal).
        let prose = without_code_spans(&outside_fences(&md));
        assert!(!prose.contains("<script>"), "{prose}");
        assert!(!md.contains('\x1b'));

        let inline = renderer
            .inline(
                &report,
                "docs/local/audits/nixos-btw/2026-11-25-evil-host.md",
            )
            .unwrap();
        let (v, rows) = check_inline(&inline);
        assert_clean("hostile inline", &v, &inline);
        assert_eq!(rows.len(), listed.min(99));
        assert!(!inline.contains('\x1b') && !inline.contains('\u{202E}'));
        if listed > 99 {
            assert!(inline.contains(&format!(
                "({} more findings in the deliverable)",
                listed - 99
            )));
        }
    }
}

/// The markdown with every fenced block removed.
fn outside_fences(md: &str) -> String {
    let mut out = String::new();
    let mut fence: Option<String> = None;
    for l in md.lines() {
        let t = l.trim_start();
        match &fence {
            Some(f) if t == f => fence = None,
            Some(_) => {}
            None if t.starts_with("```") => {
                fence = Some(t.chars().take_while(|c| *c == '`').collect())
            }
            None => {
                out.push_str(l);
                out.push('\n');
            }
        }
    }
    out
}

/// The text with CommonMark code spans removed (a run of N backticks up to the next run of
/// exactly N; a backslash-escaped backtick opens nothing).
fn without_code_spans(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let run_at = |i: usize| chars[i..].iter().take_while(|c| **c == '`').count();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '\\' && i + 1 < chars.len() {
            out.push(chars[i]);
            out.push(chars[i + 1]);
            i += 2;
            continue;
        }
        if chars[i] != '`' {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let n = run_at(i);
        let mut j = i + n;
        let mut close = None;
        while j < chars.len() {
            if chars[j] == '`' {
                let m = run_at(j);
                if m == n {
                    close = Some(j + m);
                    break;
                }
                j += m;
            } else {
                j += 1;
            }
        }
        match close {
            Some(end) => i = end,
            None => {
                out.extend(&chars[i..i + n]);
                i += n;
            }
        }
    }
    out
}

#[test]
fn long_summaries_are_cut_to_36_columns_with_dots() {
    let renderer = Renderer::new(None).unwrap();
    let mut report = hostile_report(1);
    report.findings[0].summary = "x".repeat(100);
    let inline = renderer.inline(&report, "d.md").unwrap();
    let (_, rows) = check_inline(&inline);
    assert_eq!(rows[0].summary, format!("{}...", "x".repeat(33)));
    report.findings[0].summary = "y".repeat(36);
    let inline = renderer.inline(&report, "d.md").unwrap();
    let (_, rows) = check_inline(&inline);
    assert_eq!(rows[0].summary, "y".repeat(36));
}

#[test]
fn excerpts_stay_inside_their_fence() {
    let renderer = Renderer::new(None).unwrap();
    let report = hostile_report(1);
    let md = renderer.markdown(&report).unwrap();
    // The excerpt holds a run of five backticks, so the fence must be six.
    assert!(md.contains("    ``````text\n"), "{md}");
    assert!(md.contains("    ```\n") || md.contains("    ```"), "{md}");
}

#[test]
fn hostile_host_files_go_through_a_real_run_safely() {
    // A fixture root whose hostname and os-release carry markup, escapes and line breaks.
    let root = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(root.path().join("etc")).unwrap();
    std::fs::write(
        root.path().join("etc/hostname"),
        "evil|host`name\x1b[31m\u{202E}",
    )
    .unwrap();
    std::fs::write(
        root.path().join("etc/os-release"),
        "ID=nixos\nVERSION_ID=\"20.03\"\nVERSION_CODENAME=\"mark`|down\\n## P0 - Must fix\"\nPRETTY_NAME=\"<b>pretty</b> | \\\"quoted\\\"\"\n",
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let run = run_cli(audit_args(root.path(), out.path()));
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (v, _) = check_inline(&run.stdout);
    assert_clean("inline", &v, &run.stdout);
    assert!(!run.stdout.contains('\x1b'));
    let files = files_under(out.path());
    let md_file = files
        .iter()
        .find(|f| f.extension().is_some_and(|e| e == "md"))
        .unwrap();
    let name = md_file.file_name().unwrap().to_str().unwrap();
    assert!(check_file_name(name).is_empty(), "{name}");
    let md = std::fs::read_to_string(out.path().join(md_file)).unwrap();
    let (v, _) = check_markdown(&md);
    assert_clean("markdown", &v, &md);
    // NixOS 20.03 is long past its end of support: the EOL finding is there, in P1.
    assert!(md.contains("## P1 - Should fix"));
}

#[test]
fn custom_templates_are_used_and_broken_ones_are_usage_errors() {
    let tpl = tempfile::tempdir().unwrap();
    std::fs::write(
        tpl.path().join("report.md.tera"),
        "custom report for {{ report.target | md_text }}\n",
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let run = run_cli(
        [
            audit_args(demo_host(), out.path()),
            vec![
                "--templates".into(),
                tpl.path().as_os_str().into(),
                "--quiet".into(),
            ],
        ]
        .concat(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let md_file = files_under(out.path())
        .into_iter()
        .find(|f| f.extension().is_some_and(|e| e == "md"))
        .unwrap();
    assert_eq!(
        std::fs::read_to_string(out.path().join(md_file)).unwrap(),
        "custom report for demo-host\n"
    );

    std::fs::write(tpl.path().join("inline.txt.tera"), "{% if %}").unwrap();
    let out2 = tempfile::tempdir().unwrap();
    let run = run_cli(
        [
            audit_args(demo_host(), out2.path()),
            vec!["--templates".into(), tpl.path().as_os_str().into()],
        ]
        .concat(),
    );
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("template error"), "{}", run.stderr);
    assert!(files_under(out2.path()).is_empty());
}

/// The inline `Probes:` line names the probes that did not simply work, grouped by state, and
/// counts the ones that did.
#[test]
fn probes_line_groups_what_did_not_work_by_state() {
    let mut report = hostile_report(1);
    let status = |probe, state| ProbeStatus {
        probe,
        state,
        duration_ms: 1,
        message: String::new(),
        incomplete: vec![],
    };
    report.probes = vec![
        status(ProbeId::Host, ProbeState::Ok),
        status(ProbeId::Flake, ProbeState::Skipped),
        status(ProbeId::Store, ProbeState::Error),
        status(ProbeId::Units, ProbeState::Skipped),
    ];
    let inline = Renderer::new(None)
        .unwrap()
        .inline(&report, "x.md")
        .unwrap();
    let line = inline.lines().find(|l| l.starts_with("  Probes:")).unwrap();
    assert_eq!(
        line,
        "  Probes:   skipped: flake, units; error: store; 1 ok"
    );
    // A host where nearly everything is skipped (a fresh Debian without Nix) gets the whole
    // list, wrapped after a comma under the first line, not cut.
    let all = [
        ProbeId::Store,
        ProbeId::Gcroots,
        ProbeId::Generations,
        ProbeId::Nextboot,
        ProbeId::Flake,
        ProbeId::Units,
        ProbeId::Journal,
        ProbeId::Channels,
        ProbeId::Deep,
    ];
    report.probes = all
        .into_iter()
        .map(|p| status(p, ProbeState::Skipped))
        .chain([status(ProbeId::Host, ProbeState::Ok)])
        .collect();
    let inline = Renderer::new(None)
        .unwrap()
        .inline(&report, "x.md")
        .unwrap();
    let at = inline
        .lines()
        .position(|l| l.starts_with("  Probes:"))
        .unwrap();
    let lines: Vec<&str> = inline.lines().skip(at).take(2).collect();
    assert_eq!(
        lines,
        [
            "  Probes:   skipped: store, gcroots, generations, nextboot, flake, units,",
            "            journal, channels, deep; 1 ok",
        ]
    );
}
