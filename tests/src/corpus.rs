//! What the two corpus tools (`nixbtw-corpus`, `nixbtw-secrets-corpus`) share: reading fetched
//! mirrors with git, and the licence rule for copying a repository's files into `tests/corpus`.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Licences (SPDX ids) under which a repository's files may be copied into this repository's
/// tests, with the licence file beside them.
pub const COPYABLE: [&str; 5] = [
    "MIT",
    "BSD-3-Clause",
    "Apache-2.0",
    "BlueOak-1.0.0",
    "Unlicense",
];

/// The git directory of `repo` (`owner/name`) under `mirrors`, as the search tool's `fetch`
/// lays them out: `owner+name/repo`, bare or with a `.git` inside.
pub fn git_dir(mirrors: &Path, repo: &str) -> PathBuf {
    let d = mirrors.join(repo.replace('/', "+")).join("repo");
    if d.join(".git").is_dir() {
        d.join(".git")
    } else {
        d
    }
}

/// Run git on a git directory; its stdout, or what failed.
pub fn git(dir: &Path, args: &[&str]) -> Result<Vec<u8>, String> {
    let out = Command::new("git")
        .arg("--git-dir")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|e| format!("git: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "git --git-dir {} {}: {}",
            dir.display(),
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    Ok(out.stdout)
}

/// The text of the licence file (`LICENSE*`, `COPYING*`, `UNLICENSE` at the top) at `rev`.
pub fn licence_text(dir: &Path, rev: &str) -> Result<Vec<u8>, String> {
    let names = git(dir, &["ls-tree", "--name-only", rev])?;
    let names = String::from_utf8_lossy(&names);
    let name = names
        .lines()
        .find(|n| {
            let n = n.to_ascii_lowercase();
            n.starts_with("licen") || n.starts_with("copying") || n == "unlicense"
        })
        .ok_or_else(|| format!("{}: no licence file at {rev}", dir.display()))?;
    git(dir, &["show", &format!("{rev}:{name}")])
}
