//! Release support windows, from the one dated data file `agent/data/releases.toml`.
//!
//! Kept as data, not code, so updating a window is a one-line, reviewable change with a date.

use chrono::NaiveDate;
use serde::Deserialize;
use std::sync::OnceLock;

/// The embedded data file.
pub const RELEASES_TOML: &str = include_str!("../../data/releases.toml");

/// The parsed data file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Releases {
    /// When the table was last checked.
    pub as_of: NaiveDate,
    /// NixOS releases.
    pub nixos: Vec<NixosRelease>,
}

/// One NixOS release line.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NixosRelease {
    /// `YY.MM`.
    pub version: String,
    /// Codename.
    pub codename: String,
    /// Last day of support.
    pub end_of_support: NaiveDate,
}

/// The embedded table (an empty one if the file were ever malformed; a unit test keeps it
/// well-formed, and the rules then fall back to the release rule).
pub fn releases() -> &'static Releases {
    static CELL: OnceLock<Releases> = OnceLock::new();
    CELL.get_or_init(|| {
        toml::from_str(RELEASES_TOML).unwrap_or(Releases {
            as_of: NaiveDate::MIN,
            nixos: Vec::new(),
        })
    })
}

/// End of support of NixOS release `YY.MM`: the table's entry, or the release rule. For a
/// release older than every listed one (the YY.03/YY.09 era), the oldest listed end of support
/// is returned as an upper bound; [`is_exact_end_of_support`] tells the two apart.
pub fn nixos_end_of_support(version: &str) -> Option<NaiveDate> {
    if let Some(r) = releases().nixos.iter().find(|r| r.version == version) {
        return Some(r.end_of_support);
    }
    let (yy, mm) = parse_version(version)?;
    if let Some(oldest) = oldest_listed() {
        if (yy, mm) < parse_version(&oldest.version)? {
            return Some(oldest.end_of_support);
        }
    }
    match mm {
        5 => NaiveDate::from_ymd_opt(2000 + yy, 12, 31),
        11 => NaiveDate::from_ymd_opt(2000 + yy + 1, 6, 30),
        _ => None,
    }
}

/// Whether [`nixos_end_of_support`] of `version` is its real date (not an upper bound).
pub fn is_exact_end_of_support(version: &str) -> bool {
    match (
        parse_version(version),
        oldest_listed().and_then(|o| parse_version(&o.version)),
    ) {
        (Some(v), Some(oldest)) => v >= oldest,
        _ => true,
    }
}

fn oldest_listed() -> Option<&'static NixosRelease> {
    releases()
        .nixos
        .iter()
        .min_by_key(|r| parse_version(&r.version))
}

fn parse_version(version: &str) -> Option<(i32, u32)> {
    let (yy, mm) = version.split_once('.')?;
    Some((yy.parse().ok()?, mm.parse().ok()?))
}

/// The `YY.MM` release line of a branch name such as `nixos-25.11`, `release-25.11` or
/// `nixos-25.11-small`; `None` for unstable or unknown branches.
pub fn release_of_branch(branch: &str) -> Option<String> {
    let rest = branch
        .strip_prefix("nixos-")
        .or_else(|| branch.strip_prefix("nixpkgs-"))
        .or_else(|| branch.strip_prefix("release-"))?;
    let version = rest.strip_suffix("-small").unwrap_or(rest);
    let (yy, mm) = version.split_once('.')?;
    (yy.len() == 2 && yy.chars().all(|c| c.is_ascii_digit()) && (mm == "05" || mm == "11"))
        .then(|| version.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_file_parses_and_is_consistent_with_the_rule() {
        let r: Releases = toml::from_str(RELEASES_TOML).unwrap();
        assert!(!r.nixos.is_empty());
        for rel in &r.nixos {
            let (yy, mm) = rel.version.split_once('.').unwrap();
            let yy: i32 = yy.parse().unwrap();
            let rule = match mm {
                "05" => NaiveDate::from_ymd_opt(2000 + yy, 12, 31).unwrap(),
                "11" => NaiveDate::from_ymd_opt(2001 + yy, 6, 30).unwrap(),
                _ => panic!("odd version {}", rel.version),
            };
            assert_eq!(rel.end_of_support, rule, "{}", rel.version);
        }
    }

    #[test]
    fn unlisted_releases_follow_the_rule() {
        assert_eq!(
            nixos_end_of_support("30.05"),
            NaiveDate::from_ymd_opt(2030, 12, 31)
        );
        assert_eq!(
            nixos_end_of_support("26.11"),
            NaiveDate::from_ymd_opt(2027, 6, 30)
        );
        assert_eq!(nixos_end_of_support("unstable"), None);
        assert!(is_exact_end_of_support("26.11"));
    }

    #[test]
    fn releases_older_than_the_table_are_bounded_by_its_oldest_entry() {
        assert_eq!(
            nixos_end_of_support("20.03"),
            NaiveDate::from_ymd_opt(2023, 6, 30)
        );
        assert!(!is_exact_end_of_support("20.03"));
        assert!(is_exact_end_of_support("22.11"));
    }

    #[test]
    fn branches() {
        assert_eq!(release_of_branch("nixos-25.11").as_deref(), Some("25.11"));
        assert_eq!(
            release_of_branch("nixos-24.05-small").as_deref(),
            Some("24.05")
        );
        assert_eq!(release_of_branch("release-25.05").as_deref(), Some("25.05"));
        assert_eq!(release_of_branch("nixos-unstable"), None);
        assert_eq!(release_of_branch("main"), None);
    }
}
