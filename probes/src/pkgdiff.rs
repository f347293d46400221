//! Closures compared package by package (what nvd and dix show): the packages of a closure
//! from its store path names ([`crate::pkgname`]), and the packages added, removed, upgraded
//! and downgraded between two closures, with size deltas. Rules in `docs/packages.md`.

use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

use crate::nixdb::StoreGraph;
use crate::pkgname::{self, compare_versions};

/// How versions are keyed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fold {
    /// All outputs of a version are one package (`glibc 2.40-66` holds `-bin`, `-dev`...).
    Outputs,
    /// The version keeps its output suffix, as dix shows it (`2.40-66-bin`).
    Exact,
}

/// One package version in a closure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Package {
    /// Package name.
    pub pname: String,
    /// Version, if the name has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// NAR bytes of its paths in the closure.
    pub nar_bytes: u64,
    /// Store paths it has in the closure (outputs, and same-named paths).
    pub paths: u32,
    /// The generation selects it (a direct reference of a system's `sw` path, or of a
    /// home-manager generation's `home-path`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub selected: bool,
}

/// What happened to a package name between two closures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChangeKind {
    /// Newest version after is older than newest before.
    Downgraded,
    /// Newest version after is newer.
    Upgraded,
    /// Versions differ but the newest is the same (a second version appeared or left).
    Changed,
    /// Only after.
    Added,
    /// Only before.
    Removed,
}

/// One package name's change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackageChange {
    /// Package name.
    pub pname: String,
    /// What happened.
    pub kind: ChangeKind,
    /// Versions before that are gone after (`None`: no version).
    pub old: Vec<Option<String>>,
    /// Versions after that were not there before.
    pub new: Vec<Option<String>>,
    /// NAR bytes of the name's paths before.
    pub old_bytes: u64,
    /// NAR bytes after.
    pub new_bytes: u64,
    /// Selected by the generation (before or after).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub selected: bool,
    /// Security family (`kernel`, `openssl`...), see [`pkgname::security_family`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security: Option<String>,
}

impl PackageChange {
    /// Bytes after minus bytes before.
    pub fn delta(&self) -> i64 {
        i64::try_from(self.new_bytes).unwrap_or(i64::MAX)
            - i64::try_from(self.old_bytes).unwrap_or(i64::MAX)
    }

    /// `openssl 3.3.2 → 3.0.14`, `+ htop 3.3.0`, `- nano 8.2`.
    pub fn short(&self) -> String {
        let v = |l: &[Option<String>]| {
            l.iter()
                .map(|v| v.as_deref().unwrap_or("(no version)"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        match self.kind {
            ChangeKind::Added => format!("+ {} {}", self.pname, v(&self.new))
                .trim_end()
                .to_string(),
            ChangeKind::Removed => format!("- {} {}", self.pname, v(&self.old))
                .trim_end()
                .to_string(),
            _ => format!("{} {} → {}", self.pname, v(&self.old), v(&self.new)),
        }
    }
}

/// The packages of `closure` (graph indices); `selected` are the indices the system selects.
pub fn packages(
    g: &StoreGraph,
    closure: &[u32],
    selected: &BTreeSet<u32>,
    fold: Fold,
) -> Vec<Package> {
    let selected_names: BTreeSet<&str> = selected
        .iter()
        .filter_map(|&i| g.path(i))
        .map(|p| pkgname::parse(p).pname)
        .collect();
    let mut map: BTreeMap<(&str, Option<&str>), Package> = BTreeMap::new();
    for &i in closure {
        let Some(path) = g.path(i) else { continue };
        let n = pkgname::parse(path);
        let version = match fold {
            Fold::Outputs => n.version,
            Fold::Exact => n.full_version(),
        };
        let e = map.entry((n.pname, version)).or_insert_with(|| Package {
            pname: n.pname.to_string(),
            version: version.map(str::to_string),
            nar_bytes: 0,
            paths: 0,
            selected: selected_names.contains(n.pname),
        });
        e.nar_bytes += g.nar_size.get(i as usize).copied().unwrap_or(0);
        e.paths += 1;
    }
    map.into_values().collect()
}

fn newest<'a>(vs: impl Iterator<Item = &'a Option<String>>) -> Option<&'a str> {
    vs.filter_map(|v| v.as_deref())
        .max_by(|a, b| compare_versions(a, b))
}

/// Compare two package lists (as [`packages`] returns them): one change per package name whose
/// set of versions differs, sorted by name.
pub fn diff(old: &[Package], new: &[Package]) -> Vec<PackageChange> {
    #[derive(Default)]
    struct Side<'a> {
        versions: BTreeSet<&'a Option<String>>,
        bytes: u64,
        selected: bool,
    }
    let mut by: BTreeMap<&str, (Side<'_>, Side<'_>)> = BTreeMap::new();
    for (list, old_side) in [(old, true), (new, false)] {
        for p in list {
            let e = by.entry(p.pname.as_str()).or_default();
            let s = if old_side { &mut e.0 } else { &mut e.1 };
            s.versions.insert(&p.version);
            s.bytes += p.nar_bytes;
            s.selected |= p.selected;
        }
    }
    let mut out = Vec::new();
    for (pname, (a, b)) in by {
        if a.versions == b.versions {
            continue;
        }
        let gone: Vec<Option<String>> = a
            .versions
            .difference(&b.versions)
            .map(|v| (*v).clone())
            .collect();
        let came: Vec<Option<String>> = b
            .versions
            .difference(&a.versions)
            .map(|v| (*v).clone())
            .collect();
        let kind = if a.versions.is_empty() {
            ChangeKind::Added
        } else if b.versions.is_empty() {
            ChangeKind::Removed
        } else {
            match (
                newest(a.versions.iter().copied()),
                newest(b.versions.iter().copied()),
            ) {
                (Some(x), Some(y)) => match compare_versions(y, x) {
                    Ordering::Greater => ChangeKind::Upgraded,
                    Ordering::Less => ChangeKind::Downgraded,
                    Ordering::Equal => ChangeKind::Changed,
                },
                _ => ChangeKind::Changed,
            }
        };
        out.push(PackageChange {
            pname: pname.to_string(),
            kind,
            old: gone,
            new: came,
            old_bytes: a.bytes,
            new_bytes: b.bytes,
            selected: a.selected || b.selected,
            security: pkgname::security_family(pname).map(str::to_string),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pkg(pname: &str, version: Option<&str>, bytes: u64) -> Package {
        Package {
            pname: pname.into(),
            version: version.map(String::from),
            nar_bytes: bytes,
            paths: 1,
            selected: false,
        }
    }

    #[test]
    fn kinds_and_deltas() {
        let old = vec![
            pkg("openssl", Some("3.3.2"), 100),
            pkg("nano", Some("8.2"), 10),
            pkg("glibc", Some("2.40-36"), 50),
            pkg("etc", None, 1),
            pkg("same", Some("1"), 5),
        ];
        let new = vec![
            pkg("openssl", Some("3.0.14"), 90),
            pkg("htop", Some("3.3.0"), 20),
            pkg("glibc", Some("2.40-66"), 55),
            pkg("etc", None, 2),
            pkg("same", Some("1"), 6),
        ];
        let d = diff(&old, &new);
        let k: Vec<(&str, ChangeKind)> = d.iter().map(|c| (c.pname.as_str(), c.kind)).collect();
        assert_eq!(
            k,
            vec![
                ("glibc", ChangeKind::Upgraded),
                ("htop", ChangeKind::Added),
                ("nano", ChangeKind::Removed),
                ("openssl", ChangeKind::Downgraded),
            ]
        );
        let ssl = &d[3];
        assert_eq!(ssl.delta(), -10);
        assert_eq!(ssl.security.as_deref(), Some("openssl"));
        assert_eq!(ssl.short(), "openssl 3.3.2 → 3.0.14");
        assert_eq!(d[1].short(), "+ htop 3.3.0");
    }

    #[test]
    fn a_second_version_beside_the_first_is_changed() {
        let d = diff(
            &[pkg("python3", Some("3.12.8"), 1)],
            &[
                pkg("python3", Some("3.12.8"), 1),
                pkg("python3", Some("3.11.9"), 1),
            ],
        );
        assert_eq!(d[0].kind, ChangeKind::Changed);
        assert_eq!(d[0].new, vec![Some("3.11.9".to_string())]);
        assert!(d[0].old.is_empty());
    }

    fn graph(names: &[&str]) -> StoreGraph {
        let mut g = StoreGraph::default();
        for (i, n) in names.iter().enumerate() {
            g.ids.push(i as i64 + 1);
            g.nar_size.push(10);
            g.path_buf
                .push_str(&format!("/nix/store/{}-{n}", "a".repeat(32)));
            g.path_end.push(g.path_buf.len() as u32);
        }
        g.offsets = vec![0; names.len() + 1];
        g
    }

    #[test]
    fn outputs_fold_into_one_package_unless_exact() {
        let g = graph(&["glibc-2.40-66", "glibc-2.40-66-bin", "nano-8.2"]);
        let sel: BTreeSet<u32> = [2].into_iter().collect();
        let folded = packages(&g, &[0, 1, 2], &sel, Fold::Outputs);
        assert_eq!(folded.len(), 2);
        assert_eq!((folded[0].paths, folded[0].nar_bytes), (2, 20));
        assert!(!folded[0].selected && folded[1].selected);
        let exact = packages(&g, &[0, 1, 2], &sel, Fold::Exact);
        assert_eq!(exact.len(), 3);
        assert_eq!(exact[1].version.as_deref(), Some("2.40-66-bin"));
    }
}
