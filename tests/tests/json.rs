//! The JSON report: valid against contracts/report.schema.json, and re-rendered by
//! `nixbtw-audit render` into the same markdown, byte for byte.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use nixbtw_tests::{audit_args, demo_host, files_under, run_cli};
use serde_json::Value;

fn schema() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(nixbtw_contracts::SCHEMA).unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

fn errors(v: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    v.iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect()
}

struct Audit {
    _dir: tempfile::TempDir,
    out: std::path::PathBuf,
    md: std::path::PathBuf,
    beside_json: std::path::PathBuf,
    json_flag: std::path::PathBuf,
}

fn audit_demo_host() -> Audit {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_path_buf();
    let json_flag = out.join("report.json");
    let run = run_cli(
        [
            audit_args(demo_host(), &out),
            vec![
                "--json".into(),
                json_flag.as_os_str().into(),
                "--quiet".into(),
            ],
        ]
        .concat(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let files = files_under(&out);
    let find = |ext: &str| {
        out.join(
            files
                .iter()
                .find(|f| f.starts_with("docs") && f.extension().is_some_and(|e| e == ext))
                .unwrap(),
        )
    };
    Audit {
        md: find("md"),
        beside_json: find("json"),
        json_flag,
        out,
        _dir: dir,
    }
}

#[test]
fn real_output_validates_against_the_schema() {
    let a = audit_demo_host();
    let v = schema();
    for path in [&a.json_flag, &a.beside_json] {
        let instance: Value =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let errs = errors(&v, &instance);
        assert!(errs.is_empty(), "{}: {errs:#?}", path.display());
        assert_eq!(instance["facts"]["host"]["hostname"], "demo-host");
    }
    assert_eq!(
        std::fs::read(&a.json_flag).unwrap(),
        std::fs::read(&a.beside_json).unwrap()
    );
}

#[test]
fn the_schema_rejects_what_the_contract_forbids() {
    let a = audit_demo_host();
    let v = schema();
    let good: Value =
        serde_json::from_str(&std::fs::read_to_string(&a.json_flag).unwrap()).unwrap();
    type Mutation = Box<dyn Fn(&mut Value)>;
    let mutations: Vec<(&str, Mutation)> = vec![
        (
            "bad priority",
            Box::new(|r| r["findings"][0]["priority"] = "P9".into()),
        ),
        (
            "bad type",
            Box::new(|r| r["findings"][0]["type"] = "maybe".into()),
        ),
        (
            "bad action",
            Box::new(|r| r["findings"][0]["action"] = "later".into()),
        ),
        (
            "bad id",
            Box::new(|r| r["findings"][0]["id"] = "Not An ID".into()),
        ),
        ("unknown field", Box::new(|r| r["extra"] = 1.into())),
        (
            "unknown probe in facts",
            Box::new(|r| r["facts"]["nope"] = serde_json::json!({})),
        ),
        (
            "missing target",
            Box::new(|r| {
                r.as_object_mut().unwrap().remove("target");
            }),
        ),
        (
            "number 0",
            Box::new(|r| r["findings"][0]["number"] = 0.into()),
        ),
    ];
    for (what, mutate) in mutations {
        let mut bad = good.clone();
        mutate(&mut bad);
        assert!(!v.is_valid(&bad), "schema accepted: {what}");
    }
}

#[test]
fn render_reproduces_the_deliverable_byte_for_byte() {
    let a = audit_demo_host();
    let deliverable = std::fs::read_to_string(&a.md).unwrap();
    for json in [&a.json_flag, &a.beside_json] {
        let run = run_cli(["render".into(), json.as_os_str().to_owned()]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert_eq!(run.stdout, deliverable);
    }
    // The inline surface re-renders too, and still conforms.
    let run = run_cli([
        "render".into(),
        a.json_flag.as_os_str().to_owned(),
        "--format".into(),
        "inline".into(),
    ]);
    assert_eq!(run.code, 0);
    let (v, _) = nixbtw_tests::conformance::check_inline(&run.stdout);
    assert!(v.is_empty(), "{v:?}");
    let _ = &a.out;
}

#[test]
fn render_of_a_non_report_is_a_clear_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let bogus = dir.path().join("x.json");
    std::fs::write(&bogus, "{\"hello\": 1}").unwrap();
    let run = run_cli(["render".into(), bogus.as_os_str().to_owned()]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("is not a nixbtw-audit report"),
        "{}",
        run.stderr
    );
}

#[test]
fn json_to_stdout_is_the_report_model() {
    let dir = tempfile::tempdir().unwrap();
    let run = run_cli(
        [
            audit_args(demo_host(), dir.path()),
            vec!["--json".into(), "-".into()],
        ]
        .concat(),
    );
    assert_eq!(run.code, 0);
    let report: nixbtw_contracts::Report = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(report.target, "demo-host");
    assert!(
        !run.stdout.contains('╔'),
        "JSON on stdout is not mixed with boxes"
    );
}
