//! The configuration file (TOML), read strictly.
//!
//! Unknown keys are errors, not silently ignored: a typo in a suppression must not quietly
//! keep a finding silenced or un-silenced. The configuration holds thresholds (the defaults of
//! CHECKS.md), priority overrides per finding ID, and suppressions; the [`crate::sink`] applies
//! the last two in one place.

use chrono::NaiveDate;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use nixbtw_contracts::{FindingId, Priority};

use crate::rules::releases::{Releases, ReleasesError};
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
    /// A release table to use instead of the built-in one (`releases = "/etc/nixbtw/releases.toml"`;
    /// relative to the configuration file's directory). `--releases FILE` wins over it.
    #[serde(default)]
    pub releases: Option<PathBuf>,
    /// The release table in use: the built-in one unless [`Config::load_releases`] loaded
    /// another. Not a key of the file.
    #[serde(skip)]
    pub release_table: Releases,
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
    /// Why: shown in the report when it expires. Must not be empty.
    pub reason: String,
    /// Last day (UTC, inclusive) the suppression holds; after it, it becomes a finding itself.
    /// Required: a silenced finding must come back for review eventually.
    pub until: NaiveDate,
}

impl Suppression {
    /// Whether the suppression still holds on `today` (UTC date of the audit).
    pub fn is_active(&self, today: NaiveDate) -> bool {
        today <= self.until
    }

    /// Whether this suppression, active on `today`, silences a finding of `id` and `subject`.
    pub fn silences(&self, id: FindingId, subject: &str, today: NaiveDate) -> bool {
        self.is_active(today)
            && self.id == id
            && self.subject.as_deref().is_none_or(|s| s == subject)
    }
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
        let invalid = |message: String| ConfigError::Invalid {
            path: origin.to_string(),
            message,
        };
        let config: Config =
            toml::from_str(text).map_err(|e| invalid(e.to_string().trim().to_string()))?;
        for (i, s) in config.suppress.iter().enumerate() {
            let n = i + 1;
            if s.reason.trim().is_empty() {
                return Err(invalid(format!(
                    "[[suppress]] #{n} (`{}`): `reason` must say why the finding is silenced",
                    s.id
                )));
            }
            // Silencing the expiry notice would make every suppression permanent.
            if s.id == FindingId::AuditSuppressionExpired {
                return Err(invalid(format!(
                    "[[suppress]] #{n}: `{}` cannot be suppressed; extend the expired \
                     suppression's `until` instead",
                    s.id
                )));
            }
            if s.subject.as_deref().is_some_and(|x| x.trim().is_empty()) {
                return Err(invalid(format!(
                    "[[suppress]] #{n} (`{}`): `subject` is empty; leave it out to match every \
                     subject",
                    s.id
                )));
            }
        }
        Ok(config)
    }

    /// Whether an active suppression silences a finding of `id` and `subject` on `today`.
    pub fn silences(&self, id: FindingId, subject: &str, today: NaiveDate) -> bool {
        self.suppress.iter().any(|s| s.silences(id, subject, today))
    }

    /// Read and parse a configuration file.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let bytes =
            nixbtw_probes::fs::read_local(path, nixbtw_probes::fs::caps::CONFIG).map_err(|e| {
                ConfigError::Read {
                    path: path.display().to_string(),
                    source: e.into(),
                }
            })?;
        let text = String::from_utf8(bytes).map_err(|_| ConfigError::Read {
            path: path.display().to_string(),
            source: std::io::Error::new(std::io::ErrorKind::InvalidData, "not UTF-8 text"),
        })?;
        let mut config = Config::parse(&text, &path.display().to_string())?;
        // A relative table path is the configuration's neighbour, wherever the audit runs from.
        if let Some(rel) = config.releases.take() {
            let base = path.parent().unwrap_or(Path::new("."));
            config.releases = Some(base.join(rel));
        }
        Ok(config)
    }

    /// Load the release table named by `cli` (`--releases FILE`), else by the `releases` key,
    /// checked as strictly as the built-in one ([`Releases::parse`]); neither keeps the
    /// built-in table. A table older than the built-in one is refused: it would bring back
    /// the staleness it is meant to fix.
    pub fn load_releases(
        &mut self,
        cli: Option<&Path>,
        today: NaiveDate,
    ) -> Result<(), ReleasesError> {
        let Some(path) = cli.map(Path::to_path_buf).or_else(|| self.releases.clone()) else {
            return Ok(());
        };
        let table = Releases::load(&path, today)?;
        let builtin = crate::rules::releases::releases();
        if table.as_of < builtin.as_of {
            return Err(ReleasesError::Invalid {
                path: path.display().to_string(),
                message: format!(
                    "`as_of = {}` is older than the built-in table's ({}); use the built-in \
                     table (leave the file out) or a newer one",
                    table.as_of, builtin.as_of
                ),
            });
        }
        self.release_table = table;
        Ok(())
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
        let s = &c.suppress[0];
        let day = |d: &str| d.parse::<NaiveDate>().unwrap();
        assert!(s.silences(FindingId::UnitsFailed, "foo.service", day("2027-01-31")));
        assert!(!s.silences(FindingId::UnitsFailed, "foo.service", day("2027-02-01")));
        assert!(!s.silences(FindingId::UnitsFailed, "bar.service", day("2027-01-01")));
        assert!(!s.silences(FindingId::JournalOom, "foo.service", day("2027-01-01")));
    }

    #[test]
    fn errors_name_the_file_and_the_problem() {
        let e = Config::parse(
            "[[suppress]]\nid = \"units.failed\"\nreason = \"\"\nuntil = \"2027-01-01\"",
            "my.toml",
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("my.toml") && e.contains("reason"), "{e}");
        let e = Config::parse("[priorities]\n\"store.nope\" = \"P0\"", "my.toml")
            .unwrap_err()
            .to_string();
        assert!(e.contains("store.nope"), "{e}");
    }

    #[test]
    fn unknown_keys_and_ids_are_errors() {
        for bad in [
            "bogus = 1",
            "[priorities]\n\"store.nope\" = \"P0\"",
            "[priorities]\n\"store.disk-low\" = \"P9\"",
            "[[suppress]]\nid = \"units.failed\"\nreason = \"x\"\nuntill = \"2027-01-01\"",
            "[[suppress]]\nid = \"units.failed\"",
            "[[suppress]]\nid = \"units.failed\"\nreason = \"x\"",
            "[[suppress]]\nid = \"units.failed\"\nreason = \"x\"\nuntil = \"2027-02-30\"",
            "[[suppress]]\nid = \"units.failed\"\nreason = \" \"\nuntil = \"2027-01-01\"",
            "[[suppress]]\nid = \"units.failed\"\nsubject = \"\"\nreason = \"x\"\nuntil = \"2027-01-01\"",
            "[[suppress]]\nid = \"audit.suppression-expired\"\nreason = \"x\"\nuntil = \"2099-01-01\"",
            "[priorities]\n\"store.disk-low\" = 0",
            "[thresholds]\nnope = 1",
        ] {
            let e = Config::parse(bad, "t").unwrap_err();
            assert!(matches!(e, ConfigError::Invalid { .. }), "{bad}");
        }
    }
}
