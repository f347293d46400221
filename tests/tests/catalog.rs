//! The check catalog as a reviewed snapshot, and the layout it promises: every check ID leads in
//! one step to its probe module, its rule function and its tests. A renamed or removed ID, a
//! changed default priority or a check moved to another probe shows up in review as a snapshot
//! diff (accept it with `INSTA_UPDATE=always cargo test -p nixbtw-tests --test catalog`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use nixbtw_contracts::FindingId;
use nixbtw_tests::{run_cli, workspace};

#[test]
fn checks_catalog_snapshot() {
    let run = run_cli(["checks"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("checks", run.stdout);
}

#[test]
fn checks_lists_every_finding_id_once() {
    let run = run_cli(["checks"]);
    assert_eq!(run.code, 0);
    for id in FindingId::ALL {
        let lines = run
            .stdout
            .lines()
            .filter(|l| l.split_whitespace().next() == Some(id.as_str()))
            .count();
        assert_eq!(lines, 1, "{id}");
    }
    // A header, then one line per ID.
    assert_eq!(run.stdout.lines().count(), FindingId::ALL.len() + 1);
}

/// The probe module, the rule function and the test file that `checks` names exist.
#[test]
fn every_check_leads_to_its_probe_rule_and_tests() {
    let root = workspace();
    for id in FindingId::ALL {
        let info = id.info();
        let module = info.rule_module();
        if let Some(probe) = info.probe {
            let flat = root.join(format!("probes/src/probes/{probe}.rs"));
            let dir = root.join(format!("probes/src/probes/{probe}/mod.rs"));
            assert!(
                flat.is_file() || dir.is_file(),
                "{id}: no probe module {probe}"
            );
        }
        let rules = root.join(format!("agent/src/rules/{module}.rs"));
        let text = std::fs::read_to_string(&rules)
            .unwrap_or_else(|e| panic!("{id}: {}: {e}", rules.display()));
        let function = info.function();
        if *id == FindingId::AuditSuppressionExpired {
            assert!(
                text.contains(&format!("pub fn {function}(s: &Suppression)")),
                "{id}"
            );
        } else {
            assert!(
                text.contains(&format!("pub fn {function}(cx: &RuleContext<'_>")),
                "{id}: no `pub fn {function}` in {}",
                rules.display()
            );
        }
        // Its unit tests sit beside it, named after it.
        let prefix = format!("fn {function}_");
        assert!(
            text.split("#[test]")
                .skip(1)
                .any(|t| t.trim_start().starts_with(&prefix)),
            "{id}: no unit test named `{function}_*` in {}",
            rules.display()
        );
        let tests = root.join(format!("tests/tests/{module}.rs"));
        assert!(tests.is_file(), "{id}: no {}", tests.display());
    }
}
