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
                "every release in the table has ended, so Nix {line} of NixOS {}, the newest \
                 recorded, is used as a lower bound",
                r.version
            ),
        ));
    };
    if let Some(line) = &oldest_supported.nix {
        return Some((
            line.clone(),
            format!(
                "NixOS {} is the oldest supported release and ships Nix {line}",
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
            "NixOS {} is the oldest supported release; the release table does not record its \
             Nix line, so Nix {} of NixOS {} is used as a lower bound",
            oldest_supported.version, known.1, known.0.version
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

/// The `YY.MM` release line of a branch name: `nixos-25.11`, `nixos-20.09-small`,
/// `release-21.05`, `nixpkgs-22.11-darwin`, `nixpkgs-25.05` (and `refs/heads/` of any of them);
/// `None` for unstable or unknown branches. Releases were `YY.03`/`YY.09` until 20.09 and
/// `YY.05`/`YY.11` since 21.05.
pub fn release_of_branch(branch: &str) -> Option<String> {
    let branch = branch.strip_prefix("refs/heads/").unwrap_or(branch);
    let rest = branch
        .strip_prefix("nixos-")
        .or_else(|| branch.strip_prefix("nixpkgs-"))
        .or_else(|| branch.strip_prefix("release-"))?;
    let version = ["-small", "-darwin", "-aarch64"]
        .iter()
        .find_map(|s| rest.strip_suffix(s))
        .unwrap_or(rest);
    let (yy, mm) = version.split_once('.')?;
    let month_ok = match mm {
        "03" | "09" => yy <= "20",
        "05" | "11" => yy >= "21",
        _ => false,
    };
    (yy.len() == 2 && yy.chars().all(|c| c.is_ascii_digit()) && month_ok)
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
            // The rule holds since 21.05; older releases are listed with their own dates.
            let rule = match mm {
                "05" => NaiveDate::from_ymd_opt(2000 + yy, 12, 31).unwrap(),
                "11" => NaiveDate::from_ymd_opt(2001 + yy, 6, 30).unwrap(),
                "03" | "09" => continue,
                _ => panic!("odd version {}", rel.version),
            };
            assert_eq!(rel.end_of_support, rule, "{}", rel.version);
        }
    }

    #[test]
    fn every_release_since_17_03_is_listed() {
        let listed: Vec<&str> = releases()
            .nixos
            .iter()
            .map(|r| r.version.as_str())
            .collect();
        let mut want = Vec::new();
        for yy in 17..=20 {
            want.push(format!("{yy}.03"));
            want.push(format!("{yy}.09"));
        }
        for yy in 21..=26 {
            want.push(format!("{yy}.05"));
            if yy < 26 {
                want.push(format!("{yy}.11"));
            }
        }
        for v in &want {
            assert!(
                listed.contains(&v.as_str()),
                "{v} missing from releases.toml"
            );
            assert!(is_exact_end_of_support(v), "{v}");
        }
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd);
        assert_eq!(nixos_end_of_support("17.03"), d(2017, 10, 31));
        assert_eq!(nixos_end_of_support("18.09"), d(2019, 4, 30));
        assert_eq!(nixos_end_of_support("20.09"), d(2021, 6, 30));
        assert_eq!(nixos_end_of_support("21.11"), d(2022, 6, 30));
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
            nixos_end_of_support("16.09"),
            NaiveDate::from_ymd_opt(2017, 10, 31)
        );
        assert!(!is_exact_end_of_support("16.09"));
        assert!(is_exact_end_of_support("20.03"));
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
        // The reference is the oldest supported release, said flat (no nested parentheses).
        assert!(
            why.starts_with("NixOS 26.05 is the oldest supported release"),
            "{why}"
        );
        assert!(!why.contains('('), "{why}");
        assert_eq!(nix_line("2.8.0"), Some((2, 8)));
        assert_eq!(nix_line("2.29.0pre20250101_abc"), Some((2, 29)));
        assert!(nix_line("2.8.0") < nix_line("2.28"));
        assert_eq!(nix_line("x"), None);
    }

    #[test]
    fn branches() {
        let cases = [
            ("nixos-25.11", Some("25.11")),
            ("nixos-24.05-small", Some("24.05")),
            ("release-25.05", Some("25.05")),
            ("nixos-17.03", Some("17.03")),
            ("nixos-20.09-small", Some("20.09")),
            ("nixos-20.03-small", Some("20.03")),
            ("release-21.05", Some("21.05")),
            ("release-19.09", Some("19.09")),
            ("nixpkgs-22.11-darwin", Some("22.11")),
            ("nixpkgs-20.09-darwin", Some("20.09")),
            ("nixpkgs-25.05", Some("25.05")),
            ("refs/heads/nixos-23.11", Some("23.11")),
            ("nixos-unstable", None),
            ("nixos-unstable-small", None),
            ("nixpkgs-unstable", None),
            ("main", None),
            ("master", None),
            // Not releases: a May release before 21.05, a March one after 20.09.
            ("nixos-19.05", None),
            ("nixos-22.03", None),
            ("nixos-2x.05", None),
        ];
        for (branch, want) in cases {
            assert_eq!(release_of_branch(branch).as_deref(), want, "{branch}");
        }
        // Every form of every release since 17.03 has a real end of support.
        for r in &releases().nixos {
            for form in [
                format!("nixos-{}", r.version),
                format!("nixos-{}-small", r.version),
                format!("release-{}", r.version),
                format!("nixpkgs-{}-darwin", r.version),
            ] {
                let v = release_of_branch(&form).unwrap_or_else(|| panic!("{form}"));
                assert_eq!(nixos_end_of_support(&v), Some(r.end_of_support), "{form}");
            }
        }
    }
}
