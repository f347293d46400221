//! Release support windows, from the one dated data file `agent/data/releases.toml`.
//!
//! Kept as data, not code, so updating a window is a one-line, reviewable change with a date.

use chrono::{Datelike, NaiveDate};
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
    /// Where the table came from: a file's path, or empty for the built-in one.
    #[serde(skip)]
    pub origin: String,
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

/// A release table that cannot be used: the file named by `--releases` or the configuration's
/// `releases` key, or (caught by a unit test) the built-in one.
#[derive(Debug, thiserror::Error)]
pub enum ReleasesError {
    /// The file could not be read.
    #[error("cannot read release table {path}: {reason}")]
    Read {
        /// The file.
        path: String,
        /// Why.
        reason: String,
    },
    /// The text is not a release table, or one whose entries contradict each other.
    #[error("invalid release table {path}: {message}")]
    Invalid {
        /// The file.
        path: String,
        /// What is wrong, with the entry.
        message: String,
    },
}

/// The day a NixOS release `YY.MM` came out at the earliest (its first of the month).
fn release_month(version: &str) -> Option<NaiveDate> {
    let (yy, mm) = parse_version(version)?;
    NaiveDate::from_ymd_opt(2000 + yy, mm, 1)
}

impl Releases {
    /// Parse and check a release table. `origin` names it in errors; `today` (UTC) bounds
    /// `as_of`, which may not lie in the future. The built-in table passes the same checks
    /// (a unit test), so a table given at run time is held to exactly its standard: known
    /// keys only, one entry per `YY.MM` of the month scheme of its era, a codename, an end of
    /// support after the release and within two years of it, a `nix` line `MAJOR.MINOR`.
    pub fn parse(text: &str, origin: &str, today: NaiveDate) -> Result<Releases, ReleasesError> {
        let invalid = |message: String| ReleasesError::Invalid {
            path: origin.to_string(),
            message,
        };
        let mut table: Releases =
            toml::from_str(text).map_err(|e| invalid(e.to_string().trim().to_string()))?;
        table.origin = origin.to_string();
        if table.nixos.is_empty() {
            return Err(invalid("no [[nixos]] release is listed".into()));
        }
        let earliest = NaiveDate::from_ymd_opt(2017, 1, 1).unwrap_or(NaiveDate::MIN);
        if table.as_of < earliest || table.as_of > today + chrono::Days::new(1) {
            return Err(invalid(format!(
                "`as_of = {}` is not a date between {earliest} and today ({today})",
                table.as_of
            )));
        }
        let mut seen = std::collections::BTreeSet::new();
        for r in &table.nixos {
            let v = &r.version;
            if release_of_branch(&format!("nixos-{v}")).as_deref() != Some(v.as_str()) {
                return Err(invalid(format!(
                    "release `{v}` is not a NixOS version (YY.03/YY.09 until 20.09, YY.05/YY.11 \
                     since 21.05)"
                )));
            }
            if !seen.insert(v.clone()) {
                return Err(invalid(format!("release `{v}` is listed twice")));
            }
            if r.codename.trim().is_empty() {
                return Err(invalid(format!("release `{v}`: `codename` is empty")));
            }
            let released = release_month(v).unwrap_or(NaiveDate::MIN);
            let latest = released + chrono::Months::new(24);
            if r.end_of_support <= released || r.end_of_support > latest {
                return Err(invalid(format!(
                    "release `{v}`: `end_of_support = {}` is not after its release month and \
                     within two years of it",
                    r.end_of_support
                )));
            }
            if let Some(line) = &r.nix {
                let ok = line
                    .split_once('.')
                    .is_some_and(|(a, b)| is_number(a) && is_number(b));
                if !ok {
                    return Err(invalid(format!(
                        "release `{v}`: `nix = \"{line}\"` is not a release line like \"2.28\""
                    )));
                }
            }
        }
        Ok(table)
    }

    /// Read and check a release table file (a local file the operator names, bounded like the
    /// configuration).
    pub fn load(path: &std::path::Path, today: NaiveDate) -> Result<Releases, ReleasesError> {
        let origin = path.display().to_string();
        let bytes =
            nixbtw_probes::fs::read_local(path, nixbtw_probes::fs::caps::CONFIG).map_err(|e| {
                ReleasesError::Read {
                    path: origin.clone(),
                    reason: e.reason(),
                }
            })?;
        let text = String::from_utf8(bytes).map_err(|_| ReleasesError::Read {
            path: origin.clone(),
            reason: "not UTF-8 text".into(),
        })?;
        Releases::parse(&text, &origin, today)
    }

    /// The day after which this table is stale: the first expected NixOS release after
    /// `as_of` (releases come out in May and November: the last day of either month) plus
    /// `grace_days`. Until then, a release the table does not know cannot have come out.
    pub fn stale_after(&self, grace_days: u64) -> NaiveDate {
        let y = self.as_of.year();
        let candidates = [
            NaiveDate::from_ymd_opt(y, 5, 31),
            NaiveDate::from_ymd_opt(y, 11, 30),
            NaiveDate::from_ymd_opt(y + 1, 5, 31),
        ];
        let next = candidates
            .into_iter()
            .flatten()
            .find(|d| *d > self.as_of)
            .unwrap_or(self.as_of);
        next + chrono::Days::new(grace_days)
    }

    /// Where the table came from, for a report: its file, or the built-in data file.
    pub fn source(&self) -> String {
        if self.origin.is_empty() {
            "agent/data/releases.toml (built in)".to_string()
        } else {
            self.origin.clone()
        }
    }

    /// The oldest upstream Nix release line still patched on `today`, and why (see the data
    /// file). `None` when the table knows no line at or before the oldest supported release.
    pub fn oldest_patched_nix(&self, today: NaiveDate) -> Option<(String, String)> {
        let mut rels: Vec<&NixosRelease> = self.nixos.iter().collect();
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

    /// End of support of NixOS release `YY.MM`: the table's entry, or the release rule. For a
    /// release older than every listed one (the YY.03/YY.09 era), the oldest listed end of
    /// support is returned as an upper bound; [`Releases::is_exact_end_of_support`] tells the
    /// two apart.
    pub fn nixos_end_of_support(&self, version: &str) -> Option<NaiveDate> {
        if let Some(r) = self.nixos.iter().find(|r| r.version == version) {
            return Some(r.end_of_support);
        }
        let (yy, mm) = parse_version(version)?;
        if let Some(oldest) = self.oldest_listed() {
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

    /// Whether [`Releases::nixos_end_of_support`] of `version` is its real date (not an upper
    /// bound).
    pub fn is_exact_end_of_support(&self, version: &str) -> bool {
        match (
            parse_version(version),
            self.oldest_listed().and_then(|o| parse_version(&o.version)),
        ) {
            (Some(v), Some(oldest)) => v >= oldest,
            _ => true,
        }
    }

    fn oldest_listed(&self) -> Option<&NixosRelease> {
        self.nixos.iter().min_by_key(|r| parse_version(&r.version))
    }
}

fn is_number(s: &str) -> bool {
    !s.is_empty() && s.len() <= 4 && s.chars().all(|c| c.is_ascii_digit())
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

/// The built-in table (an empty one if the file were ever malformed; a unit test keeps it
/// well-formed and passing [`Releases::parse`], and the rules then fall back to the release
/// rule).
pub fn releases() -> &'static Releases {
    static CELL: OnceLock<Releases> = OnceLock::new();
    CELL.get_or_init(|| {
        toml::from_str(RELEASES_TOML).unwrap_or(Releases {
            as_of: NaiveDate::MIN,
            nixos: Vec::new(),
            origin: String::new(),
        })
    })
}

impl Default for Releases {
    /// The built-in table.
    fn default() -> Self {
        releases().clone()
    }
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
            assert!(releases().is_exact_end_of_support(v), "{v}");
        }
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd);
        assert_eq!(releases().nixos_end_of_support("17.03"), d(2017, 10, 31));
        assert_eq!(releases().nixos_end_of_support("18.09"), d(2019, 4, 30));
        assert_eq!(releases().nixos_end_of_support("20.09"), d(2021, 6, 30));
        assert_eq!(releases().nixos_end_of_support("21.11"), d(2022, 6, 30));
    }

    #[test]
    fn unlisted_releases_follow_the_rule() {
        assert_eq!(
            releases().nixos_end_of_support("30.05"),
            NaiveDate::from_ymd_opt(2030, 12, 31)
        );
        assert_eq!(
            releases().nixos_end_of_support("26.11"),
            NaiveDate::from_ymd_opt(2027, 6, 30)
        );
        assert_eq!(releases().nixos_end_of_support("unstable"), None);
        assert!(releases().is_exact_end_of_support("26.11"));
    }

    #[test]
    fn releases_older_than_the_table_are_bounded_by_its_oldest_entry() {
        assert_eq!(
            releases().nixos_end_of_support("16.09"),
            NaiveDate::from_ymd_opt(2017, 10, 31)
        );
        assert!(!releases().is_exact_end_of_support("16.09"));
        assert!(releases().is_exact_end_of_support("20.03"));
        assert!(releases().is_exact_end_of_support("22.11"));
    }

    #[test]
    fn oldest_patched_nix_follows_the_support_windows() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        // Mid-2025: 24.11 was still supported until 2025-06-30.
        assert_eq!(
            releases().oldest_patched_nix(d(2025, 6, 1)).unwrap().0,
            "2.24"
        );
        assert_eq!(
            releases().oldest_patched_nix(d(2025, 9, 1)).unwrap().0,
            "2.28"
        );
        // 2026-11: 26.05's line is not listed; 25.05's 2.28 is the safe lower bound.
        let (line, why) = releases().oldest_patched_nix(d(2026, 11, 25)).unwrap();
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
                assert_eq!(
                    releases().nixos_end_of_support(&v),
                    Some(r.end_of_support),
                    "{form}"
                );
            }
        }
    }

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn the_built_in_table_passes_the_run_time_checks() {
        let r = Releases::parse(RELEASES_TOML, "built-in", releases().as_of).unwrap();
        assert_eq!(r.nixos.len(), releases().nixos.len());
        assert_eq!(r.as_of, releases().as_of);
        assert_eq!(releases().source(), "agent/data/releases.toml (built in)");
    }

    #[test]
    fn a_newer_table_is_accepted_and_used() {
        let text = "as_of = \"2027-06-10\"\n[[nixos]]\nversion = \"27.05\"\ncodename = \"Zebu\"\n\
                    end_of_support = \"2027-12-31\"\nnix = \"2.34\"\n";
        let r = Releases::parse(text, "/etc/r.toml", day("2027-06-11")).unwrap();
        assert_eq!(r.nixos_end_of_support("27.05"), Some(day("2027-12-31")));
        assert_eq!(r.oldest_patched_nix(day("2027-07-01")).unwrap().0, "2.34");
        assert_eq!(r.source(), "/etc/r.toml");
    }

    #[test]
    fn run_time_tables_are_checked_strictly() {
        let ok =
            "[[nixos]]\nversion = \"25.11\"\ncodename = \"X\"\nend_of_support = \"2026-06-30\"\n";
        let cases = [
            (format!("as_of = \"2026-12-01\"\nbogus = 1\n{ok}"), "bogus"),
            (
                format!("as_of = \"2026-12-01\"\n{ok}nixx = \"2.28\"\n"),
                "nixx",
            ),
            (ok.to_string(), "as_of"),
            ("as_of = \"2026-12-01\"\n".to_string(), "nixos"),
            (
                "as_of = \"2026-12-01\"\nnixos = []\n".to_string(),
                "no [[nixos]]",
            ),
            (format!("as_of = \"2026-02-30\"\n{ok}"), "as_of"),
            (
                format!("as_of = \"2030-01-01\"\n{ok}"),
                "not a date between",
            ),
            (
                format!("as_of = \"2001-01-01\"\n{ok}"),
                "not a date between",
            ),
            (format!("as_of = \"2026-12-01\"\n{ok}{ok}"), "listed twice"),
            (
                format!("as_of = \"2026-12-01\"\n{}", ok.replace("25.11", "25.12")),
                "not a NixOS version",
            ),
            (
                format!("as_of = \"2026-12-01\"\n{}", ok.replace("25.11", "22.03")),
                "not a NixOS version",
            ),
            (
                format!(
                    "as_of = \"2026-12-01\"\n{}",
                    ok.replace("25.11", "unstable")
                ),
                "not a NixOS version",
            ),
            (
                format!("as_of = \"2026-12-01\"\n{}", ok.replace("\"X\"", "\" \"")),
                "codename",
            ),
            (
                format!(
                    "as_of = \"2026-12-01\"\n{}",
                    ok.replace("2026-06-30", "2025-10-01")
                ),
                "end_of_support",
            ),
            (
                format!(
                    "as_of = \"2026-12-01\"\n{}",
                    ok.replace("2026-06-30", "2028-06-30")
                ),
                "end_of_support",
            ),
            (
                format!("as_of = \"2026-12-01\"\n{ok}nix = \"latest\"\n"),
                "release line",
            ),
            (format!("as_of = \"2026-12-01\"\n{ok}nix = 2.28\n"), "nix"),
        ];
        for (text, want) in cases {
            let e = Releases::parse(&text, "/etc/r.toml", day("2026-12-02"))
                .unwrap_err()
                .to_string();
            assert!(
                e.contains("/etc/r.toml") && e.contains(want),
                "{text}\n=> {e}"
            );
        }
        assert!(Releases::parse(
            &format!("as_of = \"2026-12-01\"\n{ok}"),
            "t",
            day("2026-12-02")
        )
        .is_ok());
    }

    #[test]
    fn stale_after_is_the_next_may_or_november_plus_grace() {
        let t = |as_of: &str| Releases {
            as_of: day(as_of),
            nixos: vec![],
            origin: String::new(),
        };
        assert_eq!(t("2026-01-01").stale_after(0), day("2026-05-31"));
        assert_eq!(t("2026-05-31").stale_after(0), day("2026-11-30"));
        assert_eq!(t("2026-11-30").stale_after(10), day("2027-06-10"));
        assert_eq!(t("2026-12-02").stale_after(30), day("2027-06-30"));
    }
}
