//! `system.stateVersion` as the system's configuration sets it.
//!
//! The configuration is `/etc/nixos/configuration.nix` (else `/etc/nixos/flake.nix`) and the
//! files it imports: relative path literals inside an `imports` or `modules` list, a directory
//! meaning its `default.nix`. Every file is parsed with [`crate::nixparse`] (no evaluation, no
//! program run); the walk is bounded ([`MAX_FILES`] files, [`MAX_DEPTH`] imports deep, each file
//! at most [`caps::CONFIG`]) and every read is confined under the target's root. The first
//! binding of `system.stateVersion` wins, in the order the files are read (the importing file
//! first); further bindings are recorded so a reader sees when two files disagree.
//!
//! NixOS does not write `system.stateVersion` into the system it builds, so there is no built
//! value to compare with; the rules compare the configuration's value with the previous audit's
//! and with the running release.

use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};

use crate::fs::caps;
use crate::host::Host;
use crate::nixparse;

/// At most this many configuration files are read.
pub const MAX_FILES: usize = 64;
/// Most notes kept (errors, imports not followed).
const MAX_NOTES: usize = 64;
/// Imports are followed at most this deep.
pub const MAX_DEPTH: usize = 8;

/// Where the configuration starts, in order of preference.
const ENTRY_POINTS: &[&str] = &["/etc/nixos/configuration.nix", "/etc/nixos/flake.nix"];

/// One binding of `system.stateVersion`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StateVersionBinding {
    /// The file that binds it.
    pub file: String,
    /// 1-based line.
    pub line: u32,
    /// The literal value (`"24.05"`); `None` when it is an expression.
    pub value: Option<String>,
    /// The expression's source text when it is not a literal (at most 200 bytes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expression: Option<String>,
}

/// `system.stateVersion` of the configuration.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StateVersionFacts {
    /// The configuration files read, in order.
    pub files: Vec<String>,
    /// Every binding found, the one that counts first.
    pub bindings: Vec<StateVersionBinding>,
    /// Whether every import was followed (false at a bound, or when an import is not a
    /// relative path literal).
    pub complete: bool,
    /// Imports that were not followed, and files that could not be read or parsed.
    #[serde(default)]
    pub notes: Vec<String>,
}

impl StateVersionFacts {
    /// The configuration's stateVersion: the first literal binding.
    pub fn value(&self) -> Option<&str> {
        self.bindings.first().and_then(|b| b.value.as_deref())
    }
}

/// The relative path literals (`./x.nix`, `../y`) of `text[span]`.
fn relative_paths(text: &str, span: std::ops::Range<usize>) -> Vec<String> {
    nixparse::path_literals(text.get(span).unwrap_or(""))
        .into_iter()
        .filter(|p| p.starts_with("./") || p.starts_with("../"))
        .collect()
}

/// `base` (a directory) joined with `rel`, `..` resolved lexically; `None` if it climbs above
/// the root.
fn join(base: &Path, rel: &str) -> Option<PathBuf> {
    let mut out = PathBuf::from("/");
    for c in base.join(rel).components() {
        match c {
            Component::RootDir | Component::CurDir | Component::Prefix(_) => {}
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::Normal(n) => out.push(n),
        }
    }
    Some(out)
}

/// Read the configuration's `system.stateVersion`. `None` when the target has no
/// `/etc/nixos/configuration.nix` or `flake.nix`.
pub fn collect(host: &Host) -> Option<StateVersionFacts> {
    let entry = ENTRY_POINTS.iter().find(|p| host.exists(p))?;
    let mut f = StateVersionFacts {
        complete: true,
        ..StateVersionFacts::default()
    };
    let mut seen = BTreeSet::new();
    let mut queue = vec![(PathBuf::from(entry), 0usize)];
    while let Some((path, depth)) = queue.pop() {
        let mut path = path;
        if host.is_dir(&path) {
            path.push("default.nix");
        }
        if !seen.insert(path.clone()) {
            continue;
        }
        if f.files.len() >= MAX_FILES {
            f.complete = false;
            f.notes.push(format!(
                "stopped after {MAX_FILES} files: {} not read",
                path.display()
            ));
            continue;
        }
        let text = match host.read_text(&path, caps::CONFIG) {
            Ok(t) => t,
            Err(e) => {
                f.complete = false;
                f.notes.push(format!("{}: {e}", path.display()));
                continue;
            }
        };
        f.files.push(path.display().to_string());
        let parsed = nixparse::parse(&text);
        if let Some(e) = parsed.errors.first() {
            f.notes.push(format!(
                "{}:{}:{}: {}",
                path.display(),
                e.line,
                e.column,
                e.message
            ));
        }
        for b in &parsed.bindings {
            let at = |want: &[&str]| {
                b.path.len() == want.len() && b.path.iter().zip(want).all(|(a, w)| a == w)
            };
            if b.origin != nixparse::Origin::Attr
                || !(at(&["system", "stateVersion"]) || at(&["config", "system", "stateVersion"]))
            {
                continue;
            }
            {
                let expression = match b.literal() {
                    Some(_) => None,
                    None => text
                        .get(b.value_span.clone())
                        .map(|s| s.chars().take(200).collect()),
                };
                f.bindings.push(StateVersionBinding {
                    file: path.display().to_string(),
                    line: b.line,
                    value: b.literal().map(str::to_string),
                    expression,
                });
            }
        }
        let dir = path.parent().unwrap_or(Path::new("/")).to_path_buf();
        let mut imports = Vec::new();
        for b in &parsed.bindings {
            if matches!(b.name(), "imports" | "modules") && b.origin == nixparse::Origin::Attr {
                imports.extend(relative_paths(&text, b.value_span.clone()));
            }
        }
        // Depth-first in source order: push in reverse so the first import is read next.
        // The queue is bounded like the files read: a hostile image with thousands of
        // `./a` imports per file must not grow it (nor the notes) without end.
        let room = (MAX_FILES * 4).saturating_sub(f.files.len() + queue.len());
        if imports.len() > room {
            f.complete = false;
            f.notes.push(format!(
                "{}: {} imports not followed (more than the walk reads)",
                path.display(),
                imports.len() - room
            ));
            imports.truncate(room);
        }
        if f.notes.len() > MAX_NOTES {
            f.notes.truncate(MAX_NOTES);
        }
        for rel in imports.into_iter().rev() {
            match join(&dir, &rel) {
                Some(p) if depth < MAX_DEPTH => queue.push((p, depth + 1)),
                Some(p) => {
                    f.complete = false;
                    f.notes.push(format!(
                        "{}: imports deeper than {MAX_DEPTH} not followed",
                        p.display()
                    ));
                }
                None => {
                    f.complete = false;
                    f.notes
                        .push(format!("{}: import {rel} leaves the root", path.display()));
                }
            }
        }
    }
    Some(f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_imports_only() {
        let t = "[ ./hardware-configuration.nix ../common <nixpkgs/x> /etc/abs.nix ]";
        assert_eq!(
            relative_paths(t, 0..t.len()),
            ["./hardware-configuration.nix", "../common"]
        );
    }

    #[test]
    fn join_stays_under_the_root() {
        assert_eq!(
            join(Path::new("/etc/nixos"), "../x/./y.nix"),
            Some(PathBuf::from("/etc/x/y.nix"))
        );
        assert_eq!(join(Path::new("/etc"), "../../../x"), None);
    }
}
