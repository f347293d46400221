//! dix (crates.io `dix` 2.x) as an oracle for the generation diff, and the generated store both
//! are run on.
//!
//! dix opens `/nix/var/nix/db/db.sqlite` at that fixed path, read-write (it leaves `-wal` and
//! `-shm` beside it). So it runs in a private mount namespace with the chroot store's `nix`
//! bound over `/nix` and a copy of the `db` directory bound over `/nix/var/nix/db`: the
//! generated store is not touched and the machine's `/nix` is not either.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::nixstore::{derivation_expr, ChrootStore};

/// Where dix is: `$DIX`, then `target/tools/dix/bin/dix` (where `scripts/test` installs it),
/// then `dix` on `PATH`.
pub fn dix_binary() -> Option<PathBuf> {
    let mut candidates: Vec<PathBuf> = Vec::new();
    if let Some(p) = std::env::var_os("DIX") {
        candidates.push(PathBuf::from(p));
    }
    candidates.push(crate::workspace().join("target/tools/dix/bin/dix"));
    if let Some(path) = std::env::var_os("PATH") {
        candidates.extend(std::env::split_paths(&path).map(|d| d.join("dix")));
    }
    candidates.into_iter().find(|p| p.is_file())
}

/// Per package name: the versions only before, and the versions only after (`None`: no
/// version). What both tools are compared on.
pub type VersionChanges = BTreeMap<String, (BTreeSet<Option<String>>, BTreeSet<Option<String>>)>;

/// Run dix on two store paths of `store` and return its version changes (its
/// `amount_changed` rows, a count of same-version paths, left out).
pub fn dix_changes(
    dix: &Path,
    store: &ChrootStore,
    old: &str,
    new: &str,
) -> Result<VersionChanges, String> {
    let db_copy = tempfile::tempdir().map_err(|e| e.to_string())?;
    let db = store.root.join("nix/var/nix/db");
    for e in std::fs::read_dir(&db).map_err(|e| e.to_string())?.flatten() {
        std::fs::copy(e.path(), db_copy.path().join(e.file_name())).map_err(|e| e.to_string())?;
    }
    let script = format!(
        "mkdir -p /nix && mount --bind '{}' /nix && mount --bind '{}' /nix/var/nix/db && exec '{}' --color never --output json '{old}' '{new}'",
        store.root.join("nix").display(),
        db_copy.path().display(),
        dix.display(),
    );
    let out = Command::new("unshare")
        .args(["-m", "--propagation", "private", "sh", "-c", &script])
        .output()
        .map_err(|e| format!("unshare: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "dix: {}: {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let v: serde_json::Value =
        serde_json::from_slice(&out.stdout).map_err(|e| format!("dix JSON: {e}"))?;
    let version = |x: &serde_json::Value| -> Option<String> {
        let s = x["name"].as_str()?;
        (s != "<none>").then(|| s.to_string())
    };
    let mut map = VersionChanges::new();
    for d in v["diffs"].as_array().cloned().unwrap_or_default() {
        let name = d["name"].as_str().unwrap_or("").to_string();
        let mut gone = BTreeSet::new();
        let mut came = BTreeSet::new();
        for vd in d["versions"].as_array().cloned().unwrap_or_default() {
            match vd["kind"].as_str() {
                Some("removed") => {
                    gone.insert(version(&vd["version"]));
                }
                Some("added") => {
                    came.insert(version(&vd["version"]));
                }
                Some("changed") => {
                    gone.insert(version(&vd["old"]));
                    came.insert(version(&vd["new"]));
                }
                _ => {}
            }
        }
        if !gone.is_empty() || !came.is_empty() {
            map.insert(name, (gone, came));
        }
    }
    Ok(map)
}

/// The packages of each generation of [`build_generations`].
pub const GENERATIONS: &[&[&str]] = &[
    &[
        "glibc-2.40-36",
        "glibc-2.40-36-bin",
        "openssl-3.3.2",
        "openssh-9.8p1",
        "linux-6.6.1",
        "linux-6.6.1-modules",
        "nano-8.2",
        "python3-3.12.7",
        "python3-3.12.7-env",
        "perl5.38.0-Foo-1.2",
        "etc",
        "unit-nginx.service",
        "source-0fa3c2d",
        "util-linux-minimal-2.39.4-lib",
    ],
    &[
        "glibc-2.40-66",
        "glibc-2.40-66-bin",
        "glibc-2.40-66-dev",
        "openssl-3.0.14",
        "openssh-9.8p1",
        "linux-6.6.8",
        "linux-6.6.8-modules",
        "htop-3.3.0",
        "python3-3.12.7",
        "python3-3.12.7-env",
        "perl5.38.0-Foo-1.3",
        "etc",
        "unit-nginx.service",
        "source-1ab2c3d",
        "util-linux-minimal-2.39.4-lib",
    ],
    &[
        "glibc-2.40-66",
        "glibc-2.40-66-bin",
        "openssl-3.0.14",
        "openssh-9.9p1",
        "linux-6.6.8",
        "linux-6.6.8-modules",
        "htop-3.3.0",
        "python3-3.12.8",
        "python3-3.12.8-env",
        "python3-3.11.9",
        "perl5.38.0-Foo-1.3",
        "etc",
        "nix-2.24.11",
        "nix-2.24.11-man",
        "util-linux-minimal-2.40.2-lib",
    ],
    &[
        "glibc-2.40-66",
        "glibc-2.40-66-bin",
        "openssl-3.3.2",
        "openssh-9.9p1",
        "linux-6.6.8",
        "linux-6.6.8-modules-shrunk",
        "htop-3.3.0",
        "python3-3.12.8",
        "python3-3.12.8-env",
        "perl5.38.0-Foo-1.3",
        "etc",
        "nix-2.24.11",
        "nix-2.24.11-man",
        "zlib-1.3.1",
        "util-linux-minimal-2.40.2-lib",
    ],
];

/// Build [`GENERATIONS`] as system generations of `store` (one derivation per package, each
/// generation's packages referenced by its `system-path`, which its
/// `nixos-system-demo-25.05.<N>` references; `openssl` only through `openssh`, a dependency)
/// and return the system paths, oldest first. Packages of the same name and version in two
/// generations are the same store path unless what they reference changed.
pub fn build_generations(store: &ChrootStore) -> Result<Vec<String>, String> {
    let mut items: Vec<(String, Vec<usize>, usize)> = Vec::new();
    let mut index: BTreeMap<(String, Vec<usize>), usize> = BTreeMap::new();
    let mut add = |items: &mut Vec<(String, Vec<usize>, usize)>, name: &str, deps: Vec<usize>| {
        let key = (name.to_string(), deps.clone());
        if let Some(&i) = index.get(&key) {
            return i;
        }
        items.push((name.to_string(), deps, 1000 + 37 * name.len()));
        index.insert(key, items.len() - 1);
        items.len() - 1
    };
    let mut systems = Vec::new();
    for (n, pkgs) in GENERATIONS.iter().enumerate() {
        let ssl = pkgs.iter().find(|p| p.starts_with("openssl-")).copied();
        let ssl_i = ssl.map(|s| add(&mut items, s, vec![]));
        let mut selected = Vec::new();
        for p in pkgs.iter().filter(|p| Some(**p) != ssl) {
            let deps = if p.starts_with("openssh-") {
                ssl_i.into_iter().collect()
            } else {
                vec![]
            };
            selected.push(add(&mut items, p, deps));
        }
        let sp = add(&mut items, "system-path", selected);
        systems.push(add(
            &mut items,
            &format!("nixos-system-demo-25.05.{}", n + 1),
            vec![sp],
        ));
    }
    let refs: Vec<(&str, &[usize], usize)> = items
        .iter()
        .map(|(n, d, s)| (n.as_str(), d.as_slice(), *s))
        .collect();
    let outs = store.build(&derivation_expr(&refs))?;
    let mut paths = Vec::new();
    for i in systems {
        let p = outs.get(i).cloned().ok_or("missing output")?;
        store.set_profile("/nix/var/nix/profiles/system", &p)?;
        paths.push(p);
    }
    Ok(paths)
}
