//! The configuration file (TOML), read strictly.
//!
//! Unknown keys are errors, not silently ignored: a typo in a suppression must not quietly
//! keep a finding silenced or un-silenced. The configuration holds thresholds (the defaults of
//! CHECKS.md), priority overrides per finding ID, and suppressions; the [`crate::sink`] applies
//! the last two in one place.

use chrono::NaiveDate;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

use nixbtw_contracts::{FindingId, Priority};

use crate::rules::Thresholds;

/// The whole configuration file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Thresholds of the checks (defaults from CHECKS.md).
    #[serde(default)]
    pub thresholds: Thresholds,
    /// Priority overrides: `"store.disk-low" = "P0"`.
    #[serde(default, deserialize_with = "de_priorities")]
    pub priorities: BTreeMap<FindingId, Priority>,
    /// Suppressed findings.
    #[serde(default)]
    pub suppress: Vec<Suppression>,
}

/// One suppression: silence a finding ID (for one subject, or all) until a date.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Suppression {
    /// The finding ID.
    #[serde(deserialize_with = "de_finding_id")]
    pub id: FindingId,
    /// The subject (unit, path, user...) it applies to; all subjects when absent.
    pub subject: Option<String>,
    /// Why: shown in the report when it expires.
    pub reason: String,
    /// Last day the suppression holds (inclusive); after it, it becomes a finding itself.
    pub until: Option<NaiveDate>,
}

fn de_finding_id<'de, D: serde::Deserializer<'de>>(d: D) -> Result<FindingId, D::Error> {
    let s = String::deserialize(d)?;
    s.parse().map_err(serde::de::Error::custom)
}

fn de_priorities<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<BTreeMap<FindingId, Priority>, D::Error> {
    let raw = BTreeMap::<String, String>::deserialize(d)?;
    raw.into_iter()
        .map(|(k, v)| {
            let id = k.parse::<FindingId>().map_err(serde::de::Error::custom)?;
            let p = v.parse::<Priority>().map_err(serde::de::Error::custom)?;
            Ok((id, p))
        })
        .collect()
}

/// A configuration that could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("cannot read config {path}: {source}")]
    Read {
        /// The file.
        path: String,
        /// The error.
        source: std::io::Error,
    },
    /// The file is not valid configuration.
    #[error("invalid config {path}: {message}")]
    Invalid {
        /// The file.
        path: String,
        /// What is wrong, with position.
        message: String,
    },
}

impl Config {
    /// Parse configuration text; `origin` names it in errors.
    pub fn parse(text: &str, origin: &str) -> Result<Config, ConfigError> {
        toml::from_str(text).map_err(|e| ConfigError::Invalid {
            path: origin.to_string(),
            message: e.to_string().trim().to_string(),
        })
    }

    /// Read and parse a configuration file.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.display().to_string(),
            source,
        })?;
        Config::parse(&text, &path.display().to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_config_is_default() {
        let c = Config::parse("", "t").unwrap();
        assert!(c.suppress.is_empty() && c.priorities.is_empty());
    }

    #[test]
    fn full_config_parses() {
        let c = Config::parse(
            r#"
[priorities]
"store.disk-low" = "P0"

[[suppress]]
id = "units.failed"
subject = "foo.service"
reason = "known flaky, ticket 42"
until = "2027-01-31"
"#,
            "t",
        )
        .unwrap();
        assert_eq!(c.priorities[&FindingId::StoreDiskLow], Priority::P0);
        assert_eq!(c.suppress[0].subject.as_deref(), Some("foo.service"));
    }

    #[test]
    fn unknown_keys_and_ids_are_errors() {
        for bad in [
            "bogus = 1",
            "[priorities]\n\"store.nope\" = \"P0\"",
            "[priorities]\n\"store.disk-low\" = \"P9\"",
            "[[suppress]]\nid = \"units.failed\"\nreason = \"x\"\nuntill = \"2027-01-01\"",
            "[[suppress]]\nid = \"units.failed\"",
            "[thresholds]\nnope = 1",
        ] {
            let e = Config::parse(bad, "t").unwrap_err();
            assert!(matches!(e, ConfigError::Invalid { .. }), "{bad}");
        }
    }
}
