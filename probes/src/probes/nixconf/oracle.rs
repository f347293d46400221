//! Comparing the parser's view with Nix's own (`nix show-config --json`, `nix config show
//! --json`), setting by setting.
//!
//! The differential tests and the corpus measurement use this: every setting the files set is
//! looked up in Nix's JSON and compared by the JSON type Nix reports (booleans as booleans,
//! numbers as numbers, lists in order, or as sets when Nix sorts them, `access-tokens` by its
//! redacted shape). Settings the running Nix does not know (newer than it) and values that
//! cannot be compared (Nix 2.8 prints `experimental-features` as enum numbers, `max-jobs =
//! auto` as the CPU count) are listed apart, never counted as agreement. A setting set only by
//! `extra-` lines is compared as Nix's `defaultValue` followed by what the lines append.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use super::parser::{list, parse_bool, parse_size, redact_urls, SECRET_SETTINGS};
use super::{Mismatch, SettingValue};

/// How the files and Nix compare.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comparison {
    /// Settings whose values agree.
    pub agreed: Vec<String>,
    /// Settings whose values differ.
    pub mismatches: Vec<Mismatch>,
    /// Settings the files set that this Nix does not know (it ignores them with a warning).
    pub unknown_to_nix: Vec<String>,
    /// Settings whose values cannot be compared, and why.
    pub not_comparable: Vec<(String, String)>,
}

/// The redacted form the parser keeps for a secret `host=token` map.
fn redacted_map(m: &serde_json::Map<String, serde_json::Value>) -> String {
    let chars: usize = m
        .iter()
        .map(|(k, v)| k.chars().count() + 1 + v.as_str().map_or(0, |s| s.chars().count()))
        .sum();
    format!("[REDACTED: set, {} entries, {chars} chars]", m.len())
}

/// Compare one setting's file value with Nix's JSON value: `Ok(true)` agree, `Ok(false)`
/// differ (with Nix's value shown), `Err(why)` not comparable.
fn compare_one(name: &str, ours: &str, nix: &serde_json::Value) -> Result<(bool, String), String> {
    use serde_json::Value as J;
    Ok(match nix {
        J::Bool(b) => match parse_bool(ours) {
            Some(x) => (x == *b, b.to_string()),
            None => (false, b.to_string()),
        },
        J::Number(n) => {
            if ours == "auto" {
                return Err(format!("`auto` is the CPU count to Nix ({n})"));
            }
            let theirs = n.as_u64().map(|x| x.to_string()).unwrap_or(n.to_string());
            let mine = parse_size(ours).map_or_else(|| ours.to_string(), |x| x.to_string());
            (mine == theirs, theirs)
        }
        J::String(s) => {
            let theirs = redact_urls(&list(s).join(" "));
            (ours == theirs, theirs)
        }
        J::Null => (ours.is_empty(), String::new()),
        J::Array(a) => {
            if a.iter().any(|x| !x.is_string()) {
                return Err(format!("Nix reports non-strings: {nix}"));
            }
            let theirs: Vec<String> = a
                .iter()
                .filter_map(|x| x.as_str())
                .map(redact_urls)
                .collect();
            let mine = list(ours);
            let mut sorted = theirs.clone();
            sorted.sort();
            sorted.dedup();
            let is_set = sorted == theirs;
            let mut mine_sorted = mine.clone();
            mine_sorted.sort();
            mine_sorted.dedup();
            (
                mine == theirs || (is_set && mine_sorted == theirs),
                theirs.join(" "),
            )
        }
        J::Object(m) if SECRET_SETTINGS.contains(&name) => {
            let theirs = redacted_map(m);
            (ours == theirs, theirs)
        }
        J::Object(_) => return Err("Nix reports an object".into()),
    })
}

/// Compare every setting the files set with Nix's JSON (`{"name": {"value": ...}}`).
pub fn compare(
    settings: &BTreeMap<String, SettingValue>,
    nix: &serde_json::Value,
) -> Result<Comparison, String> {
    let obj = nix.as_object().ok_or("Nix's output is not a JSON object")?;
    let mut out = Comparison::default();
    for (name, v) in settings {
        let Some(entry) = obj.get(name) else {
            out.unknown_to_nix.push(name.clone());
            continue;
        };
        let value = entry.get("value").unwrap_or(entry);
        // Only `extra-` lines: they append to Nix's default, which the files do not state.
        let ours = match (&v.set_at, entry.get("defaultValue")) {
            (None, Some(serde_json::Value::Array(d))) if !v.appended_at.is_empty() => {
                let mut items: Vec<String> = d
                    .iter()
                    .filter_map(|x| x.as_str())
                    .map(str::to_string)
                    .collect();
                items.extend(list(&v.value));
                items.join(" ")
            }
            _ => v.value.clone(),
        };
        match compare_one(name, &ours, value) {
            Ok((true, _)) => out.agreed.push(name.clone()),
            Ok((false, theirs)) => out.mismatches.push(Mismatch {
                name: name.clone(),
                files: ours,
                nix: theirs,
            }),
            Err(why) => out.not_comparable.push((name.clone(), why)),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::probes::nixconf::parser::parse_str;

    #[test]
    fn compares_by_nix_type() {
        let c = parse_str(
            "f",
            "require-sigs = no\nsandbox = relaxed\nmax-jobs = auto\nmin-free = 1K\n\
             system-features = kvm big-parallel\nsubstituters = https://u:p@a/ https://b/\n\
             access-tokens = github.com=abc gitlab.com=PAT:x\nlazy-trees = true\ncores = 3\n",
        );
        let nix = serde_json::json!({
            "require-sigs": {"value": false},
            "sandbox": {"value": "relaxed"},
            "max-jobs": {"value": 2},
            "min-free": {"value": 1024},
            "system-features": {"value": ["big-parallel", "kvm"]},
            "substituters": {"value": ["https://u:p@a/", "https://b/"]},
            "access-tokens": {"value": {"github.com": "abc", "gitlab.com": "PAT:x"}},
            "cores": {"value": 4},
        });
        let r = compare(&c.settings, &nix).unwrap();
        assert_eq!(
            r.agreed,
            vec![
                "access-tokens",
                "min-free",
                "require-sigs",
                "sandbox",
                "substituters",
                "system-features"
            ]
        );
        assert_eq!(r.mismatches.len(), 1);
        assert_eq!(r.mismatches[0].name, "cores");
        assert_eq!(r.unknown_to_nix, vec!["lazy-trees"]);
        assert_eq!(r.not_comparable[0].0, "max-jobs");
        // A list Nix reports sorted may be a set: the same members agree in any order.
        let c = parse_str("f", "substituters = https://b/ https://a/\n");
        let nix = serde_json::json!({"substituters": {"value": ["https://a/", "https://b/"]}});
        assert_eq!(compare(&c.settings, &nix).unwrap().agreed.len(), 1);
        let nix = serde_json::json!({"substituters": {"value": ["https://b/", "https://c/"]}});
        assert_eq!(compare(&c.settings, &nix).unwrap().mismatches.len(), 1);
    }
}
