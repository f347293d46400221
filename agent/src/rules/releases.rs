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
    /// The Nix release line it ships as `pkgs.nix` (`2.28`), when verified.
    #[serde(default)]
    pub nix: Option<String>,
}

/// The oldest upstream Nix release line still patched on `today`, and why (see the data file).
/// `None` when the table knows no line at or before the oldest supported release.
pub fn oldest_patched_nix(today: NaiveDate) -> Option<(String, String)> {
    let mut rels: Vec<&NixosRelease> = releases().nixos.iter().collect();
    rels.sort_by_key(|r| r.end_of_support);
    let oldest_supported = rels.iter().find(|r| r.end_of_support >= today);
    let Some(oldest_supported) = oldest_supported else {
        // Every listed release has ended: the newest listed line is still a lower bound.
        let (r, line) = rels
            .iter()
            .filter_map(|r| Some((r, r.nix.as_ref()?)))
            .max_by_key(|(_, line)| nix_line(line))?;
        return Some((
            line.clone(),
            format!(
                "the Nix of NixOS {} (a lower bound: every listed release has ended)",
                r.version
            ),
        ));
    };
    if let Some(line) = &oldest_supported.nix {
        return Some((
            line.clone(),
            format!(
                "the Nix of NixOS {}, the oldest NixOS release still supported",
                oldest_supported.version
            ),
        ));
    }
    let known = rels
        .iter()
        .filter(|r| r.end_of_support < oldest_supported.end_of_support)
        .filter_map(|r| Some((r, r.nix.as_ref()?)))
        .max_by_key(|(_, line)| nix_line(line))?;
    Some((
        known.1.clone(),
        format!(
            "the Nix of NixOS {} (a lower bound: the oldest supported release, {}, ships a newer or equal line)",
            known.0.version, oldest_supported.version
        ),
    ))
}

/// `major.minor` of a Nix version string (`2.28.3`, `2.29.0pre2025...`) for comparison.
pub fn nix_line(version: &str) -> Option<(u32, u32)> {
    let mut parts = version.split('.');
    let major = parts.next()?.parse().ok()?;
    let minor: String = parts
        .next()?
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    Some((major, minor.parse().ok()?))
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
    fn oldest_patched_nix_follows_the_support_windows() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        // Mid-2025: 24.11 was still supported until 2025-06-30.
        assert_eq!(oldest_patched_nix(d(2025, 6, 1)).unwrap().0, "2.24");
        assert_eq!(oldest_patched_nix(d(2025, 9, 1)).unwrap().0, "2.28");
        // 2026-11: 26.05's line is not listed; 25.05's 2.28 is the safe lower bound.
        let (line, why) = oldest_patched_nix(d(2026, 11, 25)).unwrap();
        assert_eq!(line, "2.28");
        assert!(why.contains("lower bound"), "{why}");
        assert_eq!(nix_line("2.8.0"), Some((2, 8)));
        assert_eq!(nix_line("2.29.0pre20250101_abc"), Some((2, 29)));
        assert!(nix_line("2.8.0") < nix_line("2.28"));
        assert_eq!(nix_line("x"), None);
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
