//! The `secrets` probe: private key material where others can read it.
//!
//! Three places leak secrets on NixOS. The store is world-readable, so a key that a module
//! wrote into the system's `etc/` tree or a unit file is readable by every local user
//! (`secrets.in-store`). A password or token written as a string literal in a `.nix` file ends
//! up in the store the same way (`secrets.plaintext-in-config`; a password hash there is
//! `secrets.hash-in-store`): [`nix`] parses each file and judges its bindings. And key files
//! outside the store are only as private as their mode bits (`secrets.world-readable-keys`).
//!
//! The probe never copies a secret into its facts: every hit keeps the file, the line and a
//! redacted excerpt (the key's header, or the binding's line with every string replaced by a
//! length).
//! Walks are bounded in files, bytes, depth and time; links are followed inside the root with
//! a visited set.

use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Instant;

use nixbtw_contracts::ProbeId;

use crate::host::Host;
use crate::probe::{Facts, Probe, ProbeContext, ProbeError, ProbeFacts};

pub mod nix;

pub use nix::{scan_nix_source, BoundLiteral, LiteralClass, NixParseFailure, NixScan};

/// Files at or over this size are not scanned.
pub const MAX_SCAN_BYTES: u64 = 1024 * 1024;
/// At most this many files are scanned per tree.
pub const MAX_FILES: usize = 50_000;
const MAX_DEPTH: usize = 24;

/// One place secret material was found. Never holds the secret itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecretHit {
    /// The file as the system names it (a path under the system's `etc`, or a .nix file).
    pub file: String,
    /// The store path holding it, when it is in the store.
    pub store_path: Option<String>,
    /// 1-based line.
    pub line: u32,
    /// What was found (`OPENSSH PRIVATE KEY`, `age secret key`, `password literal`, ...).
    pub kind: String,
    /// The line with the secret replaced by `[REDACTED ...]`.
    pub redacted: String,
    /// For a literal in a `.nix` file: the binding and what its literal holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub binding: Option<BoundLiteral>,
}

/// A key file and its permissions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyFile {
    /// Logical path.
    pub path: String,
    /// Permission bits (e.g. 0o644).
    pub mode: u32,
    /// Owner uid.
    pub uid: u32,
    /// Whether it resolves into the (world-readable) store.
    pub in_store: bool,
}

/// Facts of the `secrets` probe.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecretsFacts {
    /// The system scanned (store path of the current system), if found.
    pub system: Option<String>,
    /// Files scanned in the system's etc tree.
    pub store_files_scanned: usize,
    /// Key material in the store.
    pub in_store: Vec<SecretHit>,
    /// The configuration directory scanned.
    pub config_dir: Option<String>,
    /// `.nix` files scanned there.
    pub config_files_scanned: usize,
    /// Literal secrets in the configuration.
    pub in_config: Vec<SecretHit>,
    /// `.nix` files of the configuration that did not parse.
    #[serde(default)]
    pub unparsable: Vec<NixParseFailure>,
    /// Key files checked for their mode.
    pub key_files_checked: usize,
    /// Key files readable by others (or in the store).
    pub world_readable: Vec<KeyFile>,
    /// Whether a walk stopped at a limit (files, time) before finishing.
    pub truncated: bool,
    /// Things that could not be read.
    pub problems: Vec<String>,
}

impl ProbeFacts for SecretsFacts {
    const PROBE: ProbeId = ProbeId::Secrets;

    /// A walk cut at its limit, a file that could not be read or parsed: what was not
    /// scanned could hold what an earlier audit found, so it is not "fixed".
    fn incomplete(&self) -> Vec<String> {
        let mut out: Vec<String> = self.problems.clone();
        if self.truncated {
            out.push("the scan stopped at its file or time limit".to_string());
        }
        out.extend(
            self.unparsable
                .iter()
                .map(|f| format!("{}:{}: not valid Nix", f.file, f.line)),
        );
        out
    }
}

/// The `secrets` probe.
#[derive(Debug, Default)]
pub struct SecretsProbe;

fn is_b64(s: &str) -> bool {
    s.len() >= 16
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/' || b == b'=')
}

/// Find private key material in a text: PEM `PRIVATE KEY` blocks (with a body), age secret
/// keys, WireGuard `PrivateKey =` lines. Returns (line, kind, redacted line).
pub fn scan_key_material(text: &str) -> Vec<(u32, String, String)> {
    let mut out = Vec::new();
    let lines: Vec<&str> = text.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        let n = u32::try_from(i + 1).unwrap_or(u32::MAX);
        if let Some(start) = line.find("-----BEGIN ") {
            let rest = &line[start + 11..];
            if let Some(end) = rest.find("PRIVATE KEY-----") {
                let label = format!("{}PRIVATE KEY", &rest[..end]);
                let next = lines.get(i + 1).map(|l| l.trim()).unwrap_or("");
                // A header followed by a body (or PEM headers), not a grep pattern in a script.
                let inline_body = rest[end + 16..].trim();
                let inline_body = inline_body.trim_matches(|c| c == '"' || c == '\'');
                if is_b64(next) || next.starts_with("Proc-Type:") || is_b64(inline_body) {
                    out.push((
                        n,
                        label.clone(),
                        format!("-----BEGIN {label}----- [key body REDACTED]"),
                    ));
                }
            }
        }
        if let Some(pos) = line.find("AGE-SECRET-KEY-1") {
            let body: String = line[pos + 16..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            if body.len() >= 50 {
                out.push((
                    n,
                    "age secret key".into(),
                    format!("{}AGE-SECRET-KEY-1[REDACTED]", line[..pos].trim_start()),
                ));
            }
        }
        let t = line.trim_start();
        if let Some(rest) = t.strip_prefix("PrivateKey") {
            if let Some(v) = rest.trim_start().strip_prefix('=') {
                let v = v.trim();
                if v.len() == 44 && v.ends_with('=') && is_b64(v) {
                    out.push((
                        n,
                        "WireGuard private key".into(),
                        "PrivateKey = [REDACTED]".into(),
                    ));
                }
            }
        }
    }
    out
}

/// A bounded walk over logical paths; links are resolved inside the root.
struct Walk<'a> {
    host: &'a Host,
    seen: BTreeSet<PathBuf>,
    files: usize,
    deadline: Instant,
    truncated: bool,
    /// Directories and files that exist but could not be read: never read as "nothing here".
    problems: Vec<String>,
}

impl Walk<'_> {
    /// Visit regular files under `logical`, calling `f(logical, resolved)`.
    fn run(&mut self, logical: &Path, depth: usize, f: &mut dyn FnMut(&Path, &Path)) {
        if depth > MAX_DEPTH {
            return;
        }
        if self.files >= MAX_FILES || Instant::now() >= self.deadline {
            self.truncated = true;
            return;
        }
        let resolved = match self.host.resolve(logical) {
            Ok(r) => r,
            Err(crate::ResolveError::Missing { .. }) => return,
            Err(e) => {
                self.problems.push(e.to_string());
                return;
            }
        };
        if !self.seen.insert(resolved.clone()) {
            return;
        }
        let meta = match self.host.metadata(&resolved) {
            Ok(m) => m,
            Err(e) if e.is_not_found() => return,
            Err(e) => {
                self.problems.push(e.to_string());
                return;
            }
        };
        if meta.is_dir() {
            let entries = match self.host.read_dir(&resolved) {
                Ok(entries) => entries,
                Err(e) => {
                    self.problems.push(e.to_string());
                    return;
                }
            };
            for e in entries {
                if e.name == ".git" {
                    continue;
                }
                self.run(&logical.join(e.name), depth + 1, f);
            }
        } else if meta.is_file() {
            self.files += 1;
            f(logical, &resolved);
        }
    }
}

/// A file's text for scanning; binary files (a NUL byte) are not text. A file that cannot be
/// read, or is over [`MAX_SCAN_BYTES`], is recorded in `problems` and not scanned.
fn read_text(host: &Host, resolved: &Path, problems: &mut Vec<String>) -> Option<String> {
    match host.read_file(resolved, MAX_SCAN_BYTES - 1) {
        Ok(b) if !b.contains(&0) => Some(String::from_utf8_lossy(&b).into_owned()),
        Ok(_) => None,
        Err(e) => {
            problems.push(e.to_string());
            None
        }
    }
}

/// Whether the target is NixOS (`/etc/NIXOS`, or a system profile).
fn is_nixos(host: &Host) -> bool {
    host.exists("/etc/NIXOS") || host.exists("/nix/var/nix/profiles/system")
}

impl Probe for SecretsProbe {
    fn id(&self) -> ProbeId {
        ProbeId::Secrets
    }

    fn by_hand(&self) -> &'static str {
        "grep -rIl 'PRIVATE KEY-----\\|AGE-SECRET-KEY-' -- \"$(readlink -f /run/current-system)/etc/\"; ls -l /etc/ssh /var/lib/sops-nix"
    }

    fn collect(&self, host: &Host, cx: &ProbeContext<'_>) -> Result<Box<dyn Facts>, ProbeError> {
        let mut problems = Vec::new();
        let mut walk = Walk {
            host,
            seen: BTreeSet::new(),
            files: 0,
            deadline: cx.deadline,
            truncated: false,
            problems: Vec::new(),
        };

        // 1. The current system's etc tree (unit files live under etc/systemd).
        let system_link = if host.is_live() {
            "/run/current-system"
        } else {
            "/nix/var/nix/profiles/system"
        };
        let system = host.resolve_to_store(system_link).ok().flatten();
        let mut in_store = Vec::new();
        let mut read_problems = Vec::new();
        if let Some(sys) = &system {
            let etc = sys.join("etc");
            walk.run(&etc, 0, &mut |logical, resolved| {
                if host.store_path_of(resolved).is_none() {
                    return;
                }
                if let Some(text) = read_text(host, resolved, &mut read_problems) {
                    for (line, kind, redacted) in scan_key_material(&text) {
                        in_store.push(SecretHit {
                            file: logical.display().to_string(),
                            store_path: Some(resolved.display().to_string()),
                            line,
                            kind,
                            redacted,
                            binding: None,
                        });
                    }
                }
            });
        } else if is_nixos(host) {
            // On any other distribution there is no NixOS system to scan, and nothing is wrong.
            problems.push(format!("{system_link}: no current system in the store"));
        }
        let store_files_scanned = walk.files;

        // 2. The configuration's .nix files.
        let config_dir = ["/etc/nixos"]
            .iter()
            .map(PathBuf::from)
            .find(|d| host.exists(d));
        let mut in_config = Vec::new();
        let mut unparsable = Vec::new();
        walk.files = 0;
        walk.seen.clear();
        if let Some(dir) = &config_dir {
            walk.run(dir, 0, &mut |logical, resolved| {
                if logical.extension().is_none_or(|e| e != "nix") {
                    return;
                }
                let Some(text) = read_text(host, resolved, &mut read_problems) else {
                    return;
                };
                let file = logical.display().to_string();
                for (line, kind, redacted) in scan_key_material(&text) {
                    in_config.push(SecretHit {
                        file: file.clone(),
                        store_path: None,
                        line,
                        kind,
                        redacted,
                        binding: None,
                    });
                }
                let scan = scan_nix_source(&text, &file);
                in_config.extend(scan.hits);
                unparsable.extend(scan.parse_failure);
            });
        }
        let config_files_scanned = walk.files;

        // 3. Key files and their modes.
        let mut world_readable = Vec::new();
        let mut key_files_checked = 0usize;
        for dir in ["/etc/nixos", "/var/lib/sops-nix", "/etc/ssh"] {
            walk.files = 0;
            walk.seen.clear();
            walk.run(Path::new(dir), 0, &mut |logical, resolved| {
                let name = logical
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let keyish = name.ends_with(".key")
                    || name.ends_with(".agekey")
                    || (name.starts_with("ssh_host_") && name.ends_with("_key"))
                    || ((name == "keys.txt" || name == "key.txt")
                        && (logical.starts_with("/var/lib/sops-nix")
                            || logical.to_string_lossy().contains("sops")
                            || logical.to_string_lossy().contains("age")));
                if !keyish {
                    return;
                }
                key_files_checked += 1;
                let in_store = host.store_path_of(resolved).is_some();
                match host.metadata(resolved) {
                    Ok(m) => {
                        let mode = m.mode;
                        if in_store || mode & 0o004 != 0 {
                            world_readable.push(KeyFile {
                                path: logical.display().to_string(),
                                mode,
                                uid: m.uid,
                                in_store,
                            });
                        }
                    }
                    Err(e) => problems.push(format!("{}: {e}", logical.display())),
                }
            });
        }

        Ok(Box::new(SecretsFacts {
            system: system.map(|s| s.display().to_string()),
            store_files_scanned,
            in_store,
            config_dir: config_dir.map(|d| d.display().to_string()),
            config_files_scanned,
            in_config,
            unparsable,
            key_files_checked,
            world_readable,
            truncated: walk.truncated,
            problems: problems
                .into_iter()
                .chain(walk.problems)
                .chain(read_problems)
                .collect(),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FAKE_AGE: &str =
        "AGE-SECRET-KEY-1QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ";

    #[test]
    fn finds_key_material_without_copying_it() {
        let text = format!(
            "x\n-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n-----END OPENSSH PRIVATE KEY-----\n# {FAKE_AGE}\n[Interface]\nPrivateKey = yAnz5TF+lXXJte14tji3zlMNq+hd2rYUIgJBgB3fBmk=\n"
        );
        let hits = scan_key_material(&text);
        assert_eq!(hits.len(), 3, "{hits:?}");
        assert_eq!(hits[0].0, 2);
        assert_eq!(hits[0].1, "OPENSSH PRIVATE KEY");
        for (_, _, r) in &hits {
            assert!(
                !r.contains("b3Blbn") && !r.contains("QQQQ") && !r.contains("yAnz"),
                "{r}"
            );
        }
    }

    #[test]
    fn a_pattern_in_a_script_is_not_a_key() {
        let hits =
            scan_key_material("grep -q -- '-----BEGIN RSA PRIVATE KEY-----' \"$f\"\necho done\n");
        assert!(hits.is_empty(), "{hits:?}");
    }
}
