//! Command-line behaviour: exit codes, usage errors that write nothing, `checks`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use nixbtw_tests::{demo_host, files_under, run_cli};

#[test]
fn root_pointing_nowhere_is_exit_2_and_writes_nothing() {
    let out = tempfile::tempdir().unwrap();
    let run = run_cli([
        "--root",
        "/nonexistent/nixbtw-test-root",
        "--out-dir",
        out.path().to_str().unwrap(),
    ]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("--root /nonexistent/nixbtw-test-root"),
        "{}",
        run.stderr
    );
    assert!(files_under(out.path()).is_empty());
    // A file is not a root either.
    let f = out.path().join("file");
    std::fs::write(&f, "x").unwrap();
    let run = run_cli([
        "--root",
        f.to_str().unwrap(),
        "--out-dir",
        out.path().to_str().unwrap(),
    ]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("not a directory"), "{}", run.stderr);
}

#[test]
fn usage_and_config_errors_are_exit_2_and_write_nothing() {
    let out = tempfile::tempdir().unwrap();
    let o = out.path().to_str().unwrap();
    let bad_config = out.path().join("bad.toml");
    std::fs::write(&bad_config, "[priorities]\n\"store.typo\" = \"P0\"\n").unwrap();
    let unknown_key = out.path().join("unknown.toml");
    std::fs::write(&unknown_key, "colour = \"red\"\n").unwrap();
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["--only", "bogus"], "unknown probe `bogus`"),
        (
            vec!["--fail-on", "info"],
            "--fail-on takes P0, P1, P2 or P3",
        ),
        (
            vec!["--fail-on", "P7"],
            "--fail-on takes P0, P1, P2 or P3, not `P7`",
        ),
        (vec!["--only", "nope"], "(probes: host, nixconf,"),
        (vec!["--only", "deep"], "--only deep needs --deep"),
        (vec!["--timeout", "0"], "--timeout"),
        (vec!["--slug", "Bad Slug"], "--slug"),
        (
            vec!["--config", bad_config.to_str().unwrap()],
            "unknown finding ID `store.typo`",
        ),
        (
            vec!["--config", unknown_key.to_str().unwrap()],
            "unknown field `colour`",
        ),
        (
            vec!["--config", "/nonexistent/c.toml"],
            "cannot read config",
        ),
        (vec!["--no-such-flag"], "--no-such-flag"),
    ];
    for (args, message) in cases {
        let mut argv = vec![
            "--root",
            demo_host().to_str().unwrap().to_owned().leak(),
            "--out-dir",
            o,
        ];
        argv.extend(args.iter().copied());
        let run = run_cli(argv.clone());
        assert_eq!(run.code, 2, "{argv:?}: {}", run.stderr);
        assert!(run.stderr.contains(message), "{argv:?}: {}", run.stderr);
    }
    let written: Vec<_> = files_under(out.path())
        .into_iter()
        .filter(|p| p.starts_with("docs"))
        .collect();
    assert!(written.is_empty(), "{written:?}");
}

#[test]
fn fail_on_sets_exit_1_only_at_or_above_the_threshold() {
    let out = tempfile::tempdir().unwrap();
    let base = |fail_on: &str| {
        run_cli([
            "--root",
            demo_host().to_str().unwrap(),
            "--out-dir",
            out.path().to_str().unwrap(),
            "--quiet",
            "--json",
            "-",
            "--fail-on",
            fail_on,
        ])
    };
    // What the demo host's worst actionable finding is decides the expected codes.
    let run = base("P3");
    let report: nixbtw_contracts::Report = serde_json::from_str(&run.stdout).unwrap();
    let worst = report
        .worst()
        .expect("the demo host has actionable findings");
    for limit in ["P0", "P1", "P2", "P3"] {
        let run = base(limit);
        let limit_p: nixbtw_contracts::Priority = limit.parse().unwrap();
        let want = if worst <= limit_p { 1 } else { 0 };
        assert_eq!(run.code, want, "--fail-on {limit} with worst {worst}");
    }
}

#[test]
fn unwritable_out_dir_is_exit_3() {
    let out = tempfile::tempdir().unwrap();
    let blocker = out.path().join("blocker");
    std::fs::write(&blocker, "a file where the out dir should be").unwrap();
    let run = run_cli([
        "--root",
        demo_host().to_str().unwrap(),
        "--out-dir",
        blocker.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(
        run.stderr.contains("cannot write the report"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.is_empty());
}

#[test]
fn help_explains_exit_codes_and_is_exit_0() {
    let run = run_cli(["--help"]);
    assert_eq!(run.code, 0);
    for needle in [
        "Exit codes:",
        "--root",
        "--fail-on",
        "--json",
        "read-only",
        "render",
    ] {
        assert!(run.stdout.contains(needle), "--help lacks {needle}");
    }
}

#[test]
fn only_and_skip_select_probes() {
    let out = tempfile::tempdir().unwrap();
    let run = run_cli([
        "--root",
        demo_host().to_str().unwrap(),
        "--out-dir",
        out.path().to_str().unwrap(),
        "--json",
        "-",
        "--skip",
        "host",
    ]);
    assert_eq!(run.code, 0);
    let report: nixbtw_contracts::Report = serde_json::from_str(&run.stdout).unwrap();
    assert!(report.probes.iter().all(|p| p.probe.as_str() != "host"));
    assert!(!report.facts.contains_key("host"));
    // Without the host probe the target is unknown but the report is still complete.
    assert_eq!(report.target, "unknown-host");
}
