//! Fleet features end to end, through the real command line: the configuration file
//! (overrides, suppressions, expiry), the diff with the previous audit, `--prometheus`
//! (validated by the real `promtool`) and `--redact` (no planted secret survives anywhere).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::Command;

use nixbtw_contracts::{FindingType, Report};
use nixbtw_tests::conformance::{check_inline, check_markdown};
use nixbtw_tests::{audit_args, files_under, run_cli, CliRun};
use serde_json::Value;

const REPORTS: &str = "docs/local/audits/nixos-btw";

/// A fixture root with just a hostname and an os-release.
fn root_at(dir: &Path, hostname: &str, os_release: &str) -> PathBuf {
    std::fs::create_dir_all(dir.join("etc")).unwrap();
    std::fs::write(dir.join("etc/hostname"), format!("{hostname}\n")).unwrap();
    std::fs::write(dir.join("etc/os-release"), os_release).unwrap();
    dir.to_path_buf()
}

const EOL_NIXOS: &str = "ID=nixos\nNAME=NixOS\nVERSION_ID=\"20.09\"\nVERSION_CODENAME=nightingale\nPRETTY_NAME=\"NixOS 20.09 (Nightingale)\"\n";
const DEBIAN: &str = "ID=debian\nNAME=\"Debian GNU/Linux\"\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nVERSION_ID=\"12\"\n";

fn audit(root: &Path, out: &Path, extra: &[&str]) -> CliRun {
    let mut args = vec![
        "--root".to_string(),
        root.display().to_string(),
        "--out-dir".to_string(),
        out.display().to_string(),
    ];
    args.extend(extra.iter().map(|s| s.to_string()));
    run_cli(args)
}

/// The newest report's file stem under `out` (file names sort by date, then -N).
fn newest_stem(out: &Path, slug: &str) -> String {
    let files = files_under(&out.join(REPORTS));
    let mut stems: Vec<String> = files
        .iter()
        .filter_map(|f| f.to_str()?.strip_suffix(".json").map(str::to_string))
        .filter(|s| s.contains(slug))
        .collect();
    stems.sort_by_key(|s| {
        let n: u32 = s
            .rsplit('-')
            .next()
            .and_then(|n| n.parse().ok())
            .filter(|_| s.matches('-').count() > 3)
            .unwrap_or(1);
        (s[..10].to_string(), n)
    });
    stems.last().expect("a report").clone()
}

/// The newest markdown and JSON under `out`.
fn newest(out: &Path, slug: &str) -> (String, Report, Value) {
    let stem = newest_stem(out, slug);
    let md = std::fs::read_to_string(out.join(REPORTS).join(format!("{stem}.md"))).unwrap();
    let text = std::fs::read_to_string(out.join(REPORTS).join(format!("{stem}.json"))).unwrap();
    (
        md,
        serde_json::from_str(&text).unwrap(),
        serde_json::from_str(&text).unwrap(),
    )
}

fn assert_conforms(md: &str, inline: Option<&str>) {
    let (v, _) = check_markdown(md);
    assert!(v.is_empty(), "markdown violations {v:?}\n{md}");
    if let Some(inline) = inline {
        let (v, _) = check_inline(inline);
        assert!(v.is_empty(), "inline violations {v:?}\n{inline}");
    }
}

fn schema_errors(instance: &Value) -> Vec<String> {
    let schema: Value = serde_json::from_str(nixbtw_contracts::SCHEMA).unwrap();
    let v = jsonschema::validator_for(&schema).unwrap();
    v.iter_errors(instance)
        .map(|e| format!("{e} at {}", e.instance_path))
        .collect()
}

#[test]
fn config_file_overrides_suppresses_and_expires() {
    let tmp = tempfile::tempdir().unwrap();
    let root = root_at(&tmp.path().join("root"), "cfg-host", EOL_NIXOS);
    let out = tmp.path().join("out");
    let config = tmp.path().join("audit.toml");
    // host.release-eol suppressed until far away; host.lane re-ranked to P2; an expired
    // suppression of something else.
    std::fs::write(
        &config,
        r#"
[priorities]
"host.lane" = "P2"

[[suppress]]
id = "host.release-eol"
reason = "upgrade scheduled in OPS-7"
until = "2999-12-31"

[[suppress]]
id = "journal.oom"
subject = "worker.service"
reason = "batch job, tuned in OPS-3"
until = "2001-01-01"
"#,
    )
    .unwrap();
    let run = audit(
        &root,
        &out,
        &["--config", config.to_str().unwrap(), "--fail-on", "P2"],
    );
    assert_eq!(
        run.code, 1,
        "a P2 finding with --fail-on P2: {}",
        run.stderr
    );
    let (md, report, _) = newest(&out, "cfg-host");
    assert_conforms(&md, Some(&run.stdout));
    assert_eq!(report.suppressed, 1);
    assert!(md.contains("- **Suppressed:** 1 finding(s)"), "{md}");
    assert!(run.stdout.contains("1 suppressed"), "{}", run.stdout);
    let ids: Vec<(&str, &str, String)> = report
        .findings
        .iter()
        .map(|f| (f.id.as_str(), f.priority.as_str(), f.subject.clone()))
        .collect();
    assert!(
        !ids.iter().any(|(id, ..)| *id == "host.release-eol"),
        "{ids:?}"
    );
    assert!(
        ids.iter()
            .any(|(id, p, _)| *id == "host.lane" && *p == "P2"),
        "{ids:?}"
    );
    assert!(
        ids.iter()
            .any(|(id, p, s)| *id == "audit.suppression-expired"
                && *p == "P3"
                && s == "journal.oom:worker.service"),
        "{ids:?}"
    );
    assert!(md.contains("batch job, tuned in OPS-3"));

    // Without the config, the EOL finding is back and nothing is suppressed.
    let run = audit(&root, &out, &["--no-diff"]);
    assert_eq!(run.code, 0);
    let (_, report, _) = newest(&out, "cfg-host");
    assert_eq!(report.suppressed, 0);
    assert!(report
        .findings
        .iter()
        .any(|f| f.id.as_str() == "host.release-eol"));

    // A suppression without `until` is a configuration error: exit 2, nothing written.
    let before = files_under(&out);
    std::fs::write(
        &config,
        "[[suppress]]\nid = \"host.release-eol\"\nreason = \"forever\"\n",
    )
    .unwrap();
    let run = audit(&root, &out, &["--config", config.to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("until"), "{}", run.stderr);
    assert_eq!(files_under(&out), before);
}

#[test]
fn second_audit_marks_fixed_and_new_and_shows_the_trend() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    // First audit: the demo host (NixOS 25.11, past its end of support, with Nix).
    let eol = tmp.path().join("a");
    let cp = Command::new("cp")
        .arg("-a")
        .arg(nixbtw_tests::demo_host())
        .arg(&eol)
        .status()
        .unwrap();
    assert!(cp.success());
    std::fs::write(eol.join("etc/hostname"), "diff-host\n").unwrap();
    // The host probe, and the store and generations probes for the trend: this test is about
    // the diff, not about what other probes find.
    let run = audit(&eol, &out, &["--only", "host,store,generations"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (md1, first, _) = newest(&out, "diff-host");
    assert!(first.previous.is_none());
    assert!(!md1.contains("Previous audit"));
    assert!(first.findings.iter().all(|f| !f.new));

    let json1 = files_under(&out.join(REPORTS))
        .into_iter()
        .find(|f| f.extension().is_some_and(|e| e == "json"))
        .unwrap();

    // The host was upgraded: no EOL finding any more, and it is no longer NixOS-shaped.
    let fixed_root = root_at(&tmp.path().join("b"), "diff-host", DEBIAN);
    let run = audit(&fixed_root, &out, &["--only", "host"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (md, report, raw) = newest(&out, "diff-host");
    assert_conforms(&md, Some(&run.stdout));
    assert!(schema_errors(&raw).is_empty(), "{:?}", schema_errors(&raw));

    let eol_rows: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.id.as_str() == "host.release-eol")
        .collect();
    assert_eq!(eol_rows.len(), 1, "{:?}", report.findings);
    let fixed = eol_rows[0];
    assert_eq!(fixed.kind, FindingType::Fixed);
    assert_eq!(fixed.action.as_str(), "applied");
    let date = report.date();
    assert_eq!(
        fixed.fix_applied.as_ref().map(|p| p.plain()).as_deref(),
        Some(format!("no longer detected on {date}").as_str())
    );
    assert!(md.contains(&format!("- [x] **#{} ", fixed.number)), "{md}");
    assert!(md.contains(&format!("- **Fix applied:** no longer detected on {date}")));
    assert!(
        md.contains(&format!("| {} | fixed | P1 |", fixed.number)),
        "{md}"
    );
    // Nix is gone on the second root: host.no-nix is new, and says so.
    let prev = report.previous.as_ref().unwrap();
    assert_eq!(prev.file, json1.file_name().unwrap().to_str().unwrap());
    // Every actionable finding of the first audit's host probe (release EOL, outdated Nix...)
    // is gone; the store's are not called fixed, since the store probe did not run this time.
    let actionable = first
        .findings
        .iter()
        .filter(|f| f.priority != nixbtw_contracts::Priority::Info)
        .filter(|f| f.probe == nixbtw_contracts::ProbeId::Host)
        .count();
    assert!(first
        .findings
        .iter()
        .any(|f| f.id == nixbtw_contracts::FindingId::StoreReclaimable));
    assert!(actionable >= 1);
    assert_eq!(prev.fixed as usize, actionable);
    let new: Vec<&str> = report
        .findings
        .iter()
        .filter(|f| f.new)
        .map(|f| f.id.as_str())
        .collect();
    assert_eq!(new, vec!["host.no-nix"]);
    assert_eq!(prev.new, 1);
    assert!(
        md.contains(&format!(
            "(found, info, new since {})",
            prev.started.format("%Y-%m-%d")
        )),
        "{md}"
    );
    assert!(md.contains(&format!("- **Previous audit:** `{}`", prev.file)));
    assert!(md.contains("- **Trend:** Store size 110.1 KiB → ?; Reclaimable by GC 59.7 KiB → ?; System generations 3 → ?"), "{md}");
    assert!(
        run.stdout
            .contains(&format!("{actionable} no longer detected")),
        "{}",
        run.stdout
    );
    // A fixed row never fails the run.
    let run = audit(&fixed_root, &out, &["--only", "host", "--fail-on", "P1"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    // `render` reproduces the markdown from the JSON (new fields round-trip).
    let (md3, _, _) = newest(&out, "diff-host");
    let last_json = out
        .join(REPORTS)
        .join(format!("{}.json", newest_stem(&out, "diff-host")));
    let rendered = run_cli(["render", last_json.to_str().unwrap()]);
    assert_eq!(rendered.code, 0);
    assert_eq!(rendered.stdout, md3);
}

/// promtool from $PROMTOOL or PATH (scripts/test extracts it from Debian's prometheus).
fn promtool() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("PROMTOOL").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    let tools = nixbtw_tests::workspace().join("target/tools/promtool");
    if tools.is_file() {
        return Some(tools);
    }
    Command::new("promtool")
        .arg("--version")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|_| PathBuf::from("promtool"))
}

fn promtool_check(tool: &Path, text: &str) -> (bool, String) {
    use std::io::Write;
    let mut child = Command::new(tool)
        .args(["check", "metrics"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr),
    )
}

#[test]
fn prometheus_textfile_is_valid_and_atomic() {
    let tmp = tempfile::tempdir().unwrap();
    let root = root_at(&tmp.path().join("root"), "prom-host", EOL_NIXOS);
    let out = tmp.path().join("out");
    let textfile_dir = tmp.path().join("textfile");
    std::fs::create_dir_all(&textfile_dir).unwrap();
    let prom = textfile_dir.join("nixbtw-audit.prom");
    std::fs::write(&prom, "stale\n").unwrap();
    let run = audit(&root, &out, &["--prometheus", prom.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = std::fs::read_to_string(&prom).unwrap();
    // Replaced whole, and no temporary file left beside it for node_exporter to see.
    assert!(!text.lines().any(|l| l == "stale"));
    assert_eq!(
        files_under(&textfile_dir),
        vec![PathBuf::from("nixbtw-audit.prom")]
    );
    assert!(
        text.contains("nixbtw_audit_findings{priority=\"P1\"} 1\n"),
        "{text}"
    );
    assert!(text.contains("nixbtw_audit_findings{priority=\"P0\"} 0\n"));
    assert!(text.contains("nixbtw_audit_probe_errors 0\n"));
    assert!(text.contains("# TYPE nixbtw_audit_last_run_timestamp_seconds gauge\n"));

    // A metrics directory that does not exist never costs the report: it is written, the
    // failure is said, and the exit code is 3.
    let before = nixbtw_tests::files_under(&out).len();
    let run = audit(&root, &out, &["--prometheus", "/nonexistent/dir/x.prom"]);
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(
        run.stderr.contains("the report was written"),
        "{}",
        run.stderr
    );
    assert_eq!(nixbtw_tests::files_under(&out).len(), before + 2);

    // Every metric, fact-derived ones included, passes promtool's lint: the demo host's real
    // run has them all (tests/tests/typed_facts.rs checks their values).
    let demo_prom = tmp.path().join("demo.prom");
    let run = run_cli(
        audit_args(nixbtw_tests::demo_host(), tmp.path().join("demo-out"))
            .into_iter()
            .chain([
                "--quiet".into(),
                "--prometheus".into(),
                demo_prom.clone().into(),
            ]),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let full = std::fs::read_to_string(&demo_prom).unwrap();
    for name in [
        "nixbtw_audit_store_bytes",
        "nixbtw_audit_store_reclaimable_bytes",
        "nixbtw_audit_store_valid_paths",
        "nixbtw_audit_system_generations",
        "nixbtw_audit_failed_units",
        "nixbtw_audit_reboot_pending",
        "nixbtw_audit_current_generation_timestamp_seconds",
        "nixbtw_audit_booted_generation_timestamp_seconds",
        "nixbtw_audit_nixpkgs_lock_timestamp_seconds",
        "nixbtw_audit_boot_available_bytes",
        "nixbtw_audit_store_available_bytes",
    ] {
        assert!(
            full.contains(&format!("\n{name} ")),
            "{name} missing:\n{full}"
        );
    }
    // Labelled ones: the demo runs NixOS 25.05 with Nix 2.24.14; one sample per catalog ID.
    assert!(full.contains(
        "\nnixbtw_audit_release_end_of_support_timestamp_seconds{release=\"25.05\"} 1767225600\n"
    ));
    assert!(full.contains("\nnixbtw_audit_nix_info{flavour=\"upstream\",version=\"2.24.14\"} 1\n"));
    assert_eq!(
        full.matches("\nnixbtw_audit_check_findings{id=").count(),
        nixbtw_contracts::FindingId::ALL.len()
    );
    assert!(full.contains("\nnixbtw_audit_check_findings{id=\"host.release-eol\"} 1\n"));
    // Every name the tool can write is in the demo's textfile (so the rules/dashboard checks
    // below, which compare with it, cover them all).
    for name in nixbtw_audit::metrics::METRIC_NAMES {
        assert!(full.contains(&format!("# TYPE {name} gauge\n")), "{name}");
    }
    let tool = promtool();
    if !nixbtw_tests::require(
        tool.is_some(),
        "promtool (scripts/test extracts it from Debian's prometheus)",
    ) {
        return;
    }
    let Some(tool) = tool else { return };
    for t in [&text, &full] {
        let (ok, msg) = promtool_check(&tool, t);
        assert!(
            ok && msg.trim().is_empty(),
            "promtool check metrics:\n{msg}\n{t}"
        );
    }
    // promtool does reject a badly named counter (the check can fail).
    let (ok, _) = promtool_check(&tool, "# HELP x y\n# TYPE x counter\nx 1\n");
    assert!(!ok);

    // The shipped alert rules parse, and use only metrics this tool exports.
    let rules = nixbtw_tests::workspace().join("examples/prometheus/nixbtw-audit.rules.yml");
    let out = Command::new(&tool)
        .args(["check", "rules"])
        .arg(&rules)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout) + String::from_utf8_lossy(&out.stderr)
    );
    let rules = std::fs::read_to_string(rules).unwrap();
    for word in rules.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')) {
        if word.starts_with("nixbtw_audit_") {
            assert!(
                full.contains(&format!("# TYPE {word} gauge")),
                "rules use unknown {word}"
            );
        }
    }
    // Every gauge of the textfile has an alert rule (the version info is the dashboard's).
    for name in nixbtw_audit::metrics::METRIC_NAMES {
        if [
            "nixbtw_audit_info",
            "nixbtw_audit_suppressed_findings",
            "nixbtw_audit_store_valid_paths",
            "nixbtw_audit_system_generations",
        ]
        .contains(name)
        {
            continue;
        }
        assert!(rules.contains(name), "no alert rule uses {name}");
    }
    dashboard_is_importable_and_uses_only_exported_metrics(&tool, &full, tmp.path());
}

/// The Grafana dashboard in examples/ imports as is: valid JSON of the export shape (a
/// Prometheus datasource input, panels with positions and PromQL targets, the host variable),
/// every expression valid PromQL (checked by promtool as recording rules, the Grafana
/// variables substituted), and every metric it names one that the textfile `full` contains.
fn dashboard_is_importable_and_uses_only_exported_metrics(tool: &Path, full: &str, tmp: &Path) {
    let path = nixbtw_tests::workspace().join("examples/grafana/nixbtw-audit-dashboard.json");
    let d: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(d["__inputs"][0]["name"], "DS_PROMETHEUS");
    assert_eq!(d["__inputs"][0]["pluginId"], "prometheus");
    assert!(d["uid"]
        .as_str()
        .is_some_and(|u| !u.is_empty() && u.len() <= 40));
    assert!(d["title"].as_str().is_some_and(|t| !t.is_empty()));
    assert!(d["schemaVersion"].as_u64().is_some_and(|v| v >= 30));
    assert!(
        d.get("id").is_none_or(Value::is_null),
        "an export carries no instance id"
    );
    let vars = d["templating"]["list"].as_array().unwrap();
    assert!(vars.iter().any(|v| v["name"] == "instance"));
    let panels = d["panels"].as_array().unwrap();
    assert!(panels.len() >= 10);
    let mut ids = std::collections::BTreeSet::new();
    let mut exprs = Vec::new();
    for p in panels {
        let title = p["title"].as_str().unwrap();
        assert!(
            ids.insert(p["id"].as_u64().unwrap()),
            "duplicate id: {title}"
        );
        assert!(p["type"].as_str().is_some(), "{title}");
        for k in ["x", "y", "w", "h"] {
            assert!(p["gridPos"][k].as_u64().is_some(), "{title}: gridPos.{k}");
        }
        assert!(
            p["gridPos"]["x"].as_u64().unwrap() + p["gridPos"]["w"].as_u64().unwrap() <= 24,
            "{title}"
        );
        assert_eq!(p["datasource"]["uid"], "${DS_PROMETHEUS}", "{title}");
        let targets = p["targets"].as_array().unwrap();
        assert!(!targets.is_empty(), "{title}");
        for t in targets {
            exprs.push(t["expr"].as_str().unwrap().to_string());
        }
    }
    let mut used = std::collections::BTreeSet::new();
    for e in &exprs {
        for word in e.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')) {
            if word.starts_with("nixbtw_") {
                assert!(
                    full.contains(&format!("# TYPE {word} gauge\n")),
                    "the dashboard uses {word}, which the textfile does not contain"
                );
                used.insert(word.to_string());
            }
        }
    }
    // Every new fleet gauge is on the dashboard.
    for name in nixbtw_audit::metrics::METRIC_NAMES {
        assert!(used.contains(*name), "{name} is on no panel");
    }
    // Valid PromQL: promtool parses each expression as a recording rule.
    let mut rules = String::from("groups:\n  - name: dashboard\n    rules:\n");
    for (i, e) in exprs.iter().enumerate() {
        let e = e.replace("$instance", ".*");
        rules.push_str(&format!(
            "      - record: dashboard:expr{i}\n        expr: {}\n",
            serde_json::to_string(&e).unwrap()
        ));
    }
    let file = tmp.join("dashboard.rules.yml");
    std::fs::write(&file, &rules).unwrap();
    let out = Command::new(tool)
        .args(["check", "rules"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}\n{rules}",
        String::from_utf8_lossy(&out.stdout) + String::from_utf8_lossy(&out.stderr)
    );
    // ... and the check can fail.
    std::fs::write(
        &file,
        "groups:\n  - name: d\n    rules:\n      - record: r\n        expr: \"sum(\"\n",
    )
    .unwrap();
    assert!(!Command::new(tool)
        .args(["check", "rules"])
        .arg(&file)
        .output()
        .unwrap()
        .status
        .success());
}

#[test]
fn redact_leaves_no_planted_secret_in_any_output() {
    let tmp = tempfile::tempdir().unwrap();
    // The root lives in a home, so the root path itself carries a user name.
    let root_dir = tmp.path().join("home/alice/images/root");
    let root = root_at(
        &root_dir,
        "alice-laptop.corp.example.org",
        "ID=debian\nNAME=Debian\nPRETTY_NAME=\"Debian 12 (admin bob@example.com, gw 192.168.17.20, fe80::1ff:fe23:4567:890a)\"\nVERSION_ID=\"12\"\nBUILD_ID=ghp_Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Jh1Gf0Ed9Cb8A\nVARIANT_ID=\"52:54:00:ab:cd:ef\"\n",
    );
    let out = tmp.path().join("out");
    let config = tmp.path().join("audit.toml");
    // Findings carry secrets too: an expired suppression quotes its reason.
    std::fs::write(
        &config,
        "[[suppress]]\nid = \"units.failed\"\nsubject = \"backup@alice-laptop.service\"\nreason = \"ask bob@example.com; /home/alice/.ssh; 10.1.2.3 aa:bb:cc:dd:ee:ff AGE-SECRET-KEY-1QYQSZQGPQYQSZQGPQYQSZQGPQYQSZQGPQYQSZQGPQYQSZQGPQYQSZQ\"\nuntil = \"2001-01-01\"\n",
    )
    .unwrap();
    let json_file = tmp.path().join("report.json");
    let prom = tmp.path().join("m.prom");
    let run = audit(
        &root,
        &out,
        &[
            "--redact",
            "--config",
            config.to_str().unwrap(),
            "--json",
            json_file.to_str().unwrap(),
            "--prometheus",
            prom.to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let files = files_under(&out.join(REPORTS));
    assert_eq!(files.len(), 2, "{files:?}");
    let mut outputs = vec![
        ("inline", run.stdout.clone()),
        ("--json", std::fs::read_to_string(&json_file).unwrap()),
        ("metrics", std::fs::read_to_string(&prom).unwrap()),
    ];
    for f in &files {
        let name = f.display().to_string();
        outputs.push((
            "file",
            name.clone() + "\n" + &std::fs::read_to_string(out.join(REPORTS).join(f)).unwrap(),
        ));
    }
    let secrets = [
        "alice",
        "corp.example",
        "bob@example.com",
        "example.com",
        "192.168.17.20",
        "10.1.2.3",
        "fe80::1ff:fe23:4567:890a",
        "52:54:00:ab:cd:ef",
        "aa:bb:cc:dd:ee:ff",
        "ghp_Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Jh1Gf0Ed9Cb8A",
        "AGE-SECRET-KEY-1QYQSZQ",
    ];
    for (what, text) in &outputs {
        let lower = text.to_lowercase();
        for s in secrets {
            assert!(
                !lower.contains(&s.to_lowercase()),
                "{what} still contains {s}:\n{text}"
            );
        }
    }
    let (md, report, raw) = newest(&out, "host-1");
    assert_conforms(&md, Some(&run.stdout));
    assert!(schema_errors(&raw).is_empty(), "{:?}", schema_errors(&raw));
    assert!(report.redacted);
    assert_eq!(report.target, "host-1");
    assert!(md.contains("- **Redacted:**"));
    // The values were there and were replaced consistently, not dropped.
    let all = outputs.iter().map(|(_, t)| t.as_str()).collect::<String>();
    for placeholder in [
        "host-1", "user-1", "email-1", "ip-1", "ip-2", "ip-3", "mac-1", "mac-2", "token-1",
        "token-2",
    ] {
        assert!(all.contains(placeholder), "{placeholder} missing");
    }
    assert!(
        report.root.contains("/home/user-1/images/root"),
        "{}",
        report.root
    );
    // bob's address is the same placeholder in the lane (os-release) and the finding.
    assert!(report.lane.contains("email-1"), "{}", report.lane);
    let expired = report
        .findings
        .iter()
        .find(|f| f.id.as_str() == "audit.suppression-expired")
        .unwrap();
    assert!(
        expired.description.contains("email-1"),
        "{}",
        expired.description
    );
    assert!(expired.description.contains("/home/user-1/.ssh"));
    assert!(
        expired.subject.contains("backup@host-1.service"),
        "{}",
        expired.subject
    );

    // A later unredacted audit does not diff against the redacted report.
    let run = audit(&root, &out, &["--slug", "host-1"]);
    assert_eq!(run.code, 0);
    let (_, plain, _) = newest(&out, "host-1");
    assert!(plain.previous.is_none());
}
