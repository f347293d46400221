//! A parser for nix.conf with Nix's own rules, so the audit sees what Nix sees.
//!
//! Nix (libutil `AbstractConfig::applyConfig`) reads a file line by line: everything after a
//! `#` is a comment (even inside a value), the rest is split on whitespace; `include PATH` and
//! `!include PATH` load another file relative to the including file (a missing `!include` is
//! fine, a missing `include` is an error); every other line must be `name = value...`, with
//! spaces around `=` (`a=b` is an "illegal configuration line" and makes every nix command
//! fail). Settings apply in order, the later value wins, and `extra-NAME` appends to `NAME`.
//! Booleans are `true`/`yes`/`1` or `false`/`no`/`0` (`BaseSetting<bool>::parse`, the same
//! since Nix 2.3); `sandbox` takes only `true`, `false` or `relaxed`.
//! This module only needs a file loader, so it is host-independent and fuzzable.
//!
//! Secret-bearing values never leave it: `access-tokens` (and its 2020 predecessor
//! `github-access-token`) are kept as "set, N chars" with their `file:line`, and credentials in
//! URLs (`https://user:pass@host`, `?token=...`) are replaced by `[REDACTED]` in every value and
//! every quoted line, before anything is stored.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Largest nix.conf (or included file) read; Nix's own are a few KiB.
pub const MAX_CONF_BYTES: u64 = 1024 * 1024;
/// Deepest include nesting followed.
pub const MAX_INCLUDE_DEPTH: usize = 16;

/// Where a value was read: a file and line, or a pseudo-source such as `$NIX_CONFIG`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Origin {
    /// Logical path of the file (or `$NIX_CONFIG`).
    pub file: String,
    /// 1-based line number.
    pub line: u32,
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// One setting as the files leave it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettingValue {
    /// The value, tokens joined by one space (as Nix stores it).
    pub value: String,
    /// The line that last set it (`name = ...`), if any line did.
    pub set_at: Option<Origin>,
    /// `extra-name` lines appended after that, in order.
    pub appended_at: Vec<Origin>,
}

impl SettingValue {
    /// Every line that contributed, for evidence.
    pub fn origins(&self) -> Vec<Origin> {
        self.set_at
            .iter()
            .chain(self.appended_at.iter())
            .cloned()
            .collect()
    }
}

/// What kind of problem a file has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ConfProblemKind {
    /// A line Nix rejects ("illegal configuration line"): every nix command fails.
    IllegalLine,
    /// A plain `include` of a file that does not exist: Nix fails.
    IncludeMissing,
    /// A plain `include` of a file under `/run` (agenix, sops-nix secrets) on a mounted image,
    /// which has no `/run`: not checkable here; Nix on the running system reads it.
    IncludeRuntime,
    /// A file that is not a regular file (a directory Nix skips, a FIFO or device).
    NotRegular,
    /// A file includes itself, directly or through others.
    IncludeCycle,
    /// Includes nested deeper than [`MAX_INCLUDE_DEPTH`].
    IncludeTooDeep,
    /// A file could not be read (permissions, not a file).
    Unreadable,
    /// A file is larger than [`MAX_CONF_BYTES`]; not parsed.
    TooLarge,
    /// A file is not text (NUL bytes or invalid UTF-8).
    NotText,
    /// A setting's value is not valid for its type (e.g. `sandbox = yes`): Nix fails.
    InvalidValue,
}

/// A problem found while reading the configuration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConfProblem {
    /// What kind.
    pub kind: ConfProblemKind,
    /// File (logical path).
    pub file: String,
    /// Line, when one line is at fault.
    pub line: Option<u32>,
    /// What is wrong, verbatim where it quotes the file.
    pub detail: String,
}

/// What loading one file gave: the typed outcome of a bounded, confined read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Loaded {
    /// The file's bytes (at most [`MAX_CONF_BYTES`]).
    Bytes(Vec<u8>),
    /// No such file.
    Missing,
    /// Larger than the cap: its size. Not read.
    TooLarge(u64),
    /// Not a regular file: what it is (`directory`, `FIFO`, `socket`, `device`).
    NotRegular(String),
    /// Could not be read: why.
    Error(String),
}

/// The result of reading one or more layers of configuration.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParsedConf {
    /// Every setting some line set, by canonical name (aliases resolved).
    pub settings: BTreeMap<String, SettingValue>,
    /// Files actually read, in order.
    pub files: Vec<String>,
    /// Problems, in the order found.
    pub problems: Vec<ConfProblem>,
    /// Files Nix reads whole that the audit could not (over the size cap, a FIFO, unreadable,
    /// binary, nested too deep): the settings above are partial, so checks that depend on the
    /// whole configuration must not run. Each entry names the file and why.
    pub incomplete: Vec<String>,
}

/// Old names Nix still accepts for a setting.
/// Every alias Nix 2.8 reports (`nix show-config --json`, `aliases`), plus
/// `substitution-max-jobs` (Nix 2.x, worker-settings.hh).
const ALIASES: &[(&str, &str)] = &[
    ("binary-caches", "substituters"),
    ("binary-cache-public-keys", "trusted-public-keys"),
    ("trusted-binary-caches", "trusted-substituters"),
    ("binary-caches-parallel-connections", "http-connections"),
    ("build-use-sandbox", "sandbox"),
    ("build-use-chroot", "sandbox"),
    ("build-sandbox-paths", "sandbox-paths"),
    ("build-chroot-dirs", "sandbox-paths"),
    ("gc-keep-outputs", "keep-outputs"),
    ("gc-keep-derivations", "keep-derivations"),
    ("env-keep-derivations", "keep-env-derivations"),
    ("build-max-jobs", "max-jobs"),
    ("build-cores", "cores"),
    ("build-compress-log", "compress-build-log"),
    ("build-fallback", "fallback"),
    ("build-impersonate-linux-26", "impersonate-linux-26"),
    ("build-keep-log", "keep-build-log"),
    ("build-max-log-size", "max-build-log-size"),
    ("build-max-silent-time", "max-silent-time"),
    ("build-repeat", "repeat"),
    ("build-timeout", "timeout"),
    ("build-use-substitutes", "substitute"),
    ("substitution-max-jobs", "max-substitution-jobs"),
];

/// Settings whose real name begins with `extra-` (not an append).
const REAL_EXTRA: &[&str] = &["extra-platforms"];

/// Settings Nix stores as booleans: every boolean setting of Nix 2.8 (`nix show-config
/// --json`, `defaultValue` a boolean, less `sandbox`), plus the global boolean settings newer
/// Nix added (`Setting<bool>` in NixOS/nix's libstore, libexpr, libfetchers at 88b09c64).
pub const BOOLEAN_SETTINGS: &[&str] = &[
    "accept-flake-config",
    "allow-dirty",
    "allow-import-from-derivation",
    "allow-new-privileges",
    "allow-symlinked-store",
    "allow-unsafe-native-code-during-evaluation",
    "auto-optimise-store",
    "builders-use-substitutes",
    "compress-build-log",
    "enforce-determinism",
    "eval-cache",
    "fallback",
    "filter-syscalls",
    "fsync-metadata",
    "http2",
    "impersonate-linux-26",
    "keep-build-log",
    "keep-derivations",
    "keep-env-derivations",
    "keep-failed",
    "keep-going",
    "keep-outputs",
    "preallocate-contents",
    "print-missing",
    "pure-eval",
    "require-sigs",
    "restrict-eval",
    "run-diff-hook",
    "sandbox-fallback",
    "show-trace",
    "substitute",
    "sync-before-registering",
    "trace-function-calls",
    "use-case-hack",
    "use-registries",
    "use-sqlite-wal",
    "warn-dirty",
    // Newer than Nix 2.8.
    "abort-on-warn",
    "allow-dirty-locks",
    "always-allow-substitutes",
    "auto-allocate-uids",
    "darwin-log-sandbox-violations",
    "debugger-on-trace",
    "debugger-on-warn",
    "filetransfer-retry-jitter",
    "fsync-store-paths",
    "ignore-try",
    "require-drop-supplementary-groups",
    "trace-import-from-derivation",
    "trace-verbose",
    "trust-tarballs-from-git-forges",
    "use-cgroups",
    "use-xdg-base-directories",
];

/// Settings whose value is a secret: kept as "set, N chars" with their `file:line`, never the
/// value. `access-tokens` holds `host=token` pairs (Nix 2.4+); `github-access-token` was its
/// predecessor in the 2020 flakes pre-releases. Credentials inside URLs of any other setting
/// are redacted by [`redact_urls`].
pub const SECRET_SETTINGS: &[&str] = &["access-tokens", "github-access-token"];

/// URL query parameters whose values are treated as credentials.
const SECRET_QUERY_KEYS: &[&str] = &["token", "password", "passwd", "secret", "auth", "key"];

/// A boolean as Nix parses it: `true`/`yes`/`1`, `false`/`no`/`0`, nothing else.
pub fn parse_bool(v: &str) -> Option<bool> {
    match v {
        "true" | "yes" | "1" => Some(true),
        "false" | "no" | "0" => Some(false),
        _ => None,
    }
}

/// Replace credentials in URLs: the userinfo of `scheme://user:pass@host` and the values of
/// query parameters named like tokens or passwords. Everything else is kept.
pub fn redact_urls(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, word) in text.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(&redact_url(word));
    }
    out
}

fn redact_url(word: &str) -> String {
    let Some(scheme_end) = word.find("://") else {
        return word.to_string();
    };
    let (scheme, rest) = word.split_at(scheme_end + 3);
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    let authority = match authority.rsplit_once('@') {
        Some((_, host)) => format!("[REDACTED]@{host}"),
        None => authority.to_string(),
    };
    let tail = match tail.split_once('?') {
        Some((path, query)) => {
            let params: Vec<String> = query
                .split('&')
                .map(|kv| match kv.split_once('=') {
                    Some((k, _))
                        if SECRET_QUERY_KEYS
                            .iter()
                            .any(|s| k.to_ascii_lowercase().contains(s)) =>
                    {
                        format!("{k}=[REDACTED]")
                    }
                    _ => kv.to_string(),
                })
                .collect();
            format!("{path}?{}", params.join("&"))
        }
        None => tail.to_string(),
    };
    format!("{scheme}{authority}{tail}")
}

/// A line of a configuration file as it may be quoted in a problem: the value of a
/// secret-bearing setting replaced by its length, credentials in URLs redacted.
pub fn redact_line(line: &str) -> String {
    let trimmed = line.trim();
    for name in SECRET_SETTINGS {
        if let Some(pos) = trimmed.find(name) {
            let head = &trimmed[..pos + name.len()];
            let rest = trimmed[pos + name.len()..].trim_start();
            let value = rest.strip_prefix('=').unwrap_or(rest).trim();
            return format!("{head} = [REDACTED: {} chars]", value.chars().count());
        }
    }
    redact_urls(trimmed)
}

/// Settings that hold a single value: `extra-` does not apply to them (Nix ignores it with an
/// "unknown setting" warning).
const SCALAR_SETTINGS: &[&str] = &[
    "sandbox",
    "min-free",
    "max-free",
    "max-jobs",
    "cores",
    "build-users-group",
    "store",
];

/// The canonical name of a setting (aliases resolved).
pub fn canonical(name: &str) -> &str {
    ALIASES
        .iter()
        .find(|(a, _)| *a == name)
        .map_or(name, |(_, c)| c)
}

fn is_scalar(name: &str) -> bool {
    BOOLEAN_SETTINGS.contains(&name) || SCALAR_SETTINGS.contains(&name)
}

/// Normalise a logical path (`a/./b/../c` -> `a/c`) without touching the disk, as Nix's
/// `canonPath` does.
pub fn normalise(p: &Path) -> PathBuf {
    crate::host::canon_path(p)
}

/// Reads configuration layers into one [`ParsedConf`]; layers later in the call order win,
/// as Nix applies its system file, then user files, then `$NIX_CONFIG`.
pub struct ConfReader<'a> {
    load: &'a mut dyn FnMut(&Path) -> Loaded,
    /// The state so far.
    pub conf: ParsedConf,
    stack: Vec<PathBuf>,
    mounted_image: bool,
    /// Characters and `host=token` entries of each secret setting (the value is never kept).
    secrets: BTreeMap<String, (usize, usize)>,
}

impl<'a> ConfReader<'a> {
    /// A reader that loads files with `load` (given normalised logical paths).
    pub fn new(load: &'a mut dyn FnMut(&Path) -> Loaded) -> Self {
        ConfReader {
            load,
            conf: ParsedConf::default(),
            stack: Vec::new(),
            mounted_image: false,
            secrets: BTreeMap::new(),
        }
    }

    /// Read a mounted, not running, system (`--root`): `/run` does not exist there, so a
    /// missing `include` under `/run` (agenix, sops-nix secrets) is not checkable rather than
    /// an error Nix would make.
    pub fn mounted_image(mut self, yes: bool) -> Self {
        self.mounted_image = yes;
        self
    }

    /// Apply a top-level file. Returns whether it existed.
    pub fn apply_file(&mut self, path: &Path) -> bool {
        let path = normalise(path);
        match (self.load)(&path) {
            Loaded::Missing => false,
            other => {
                self.apply_loaded(&path, other);
                true
            }
        }
    }

    /// Apply text that is not a file (`$NIX_CONFIG`), labelled `label`.
    pub fn apply_text(&mut self, label: &str, text: &str) {
        self.apply_contents(text, Path::new(label), label);
    }

    fn apply_loaded(&mut self, path: &Path, loaded: Loaded) {
        let file = path.display().to_string();
        let bytes = match loaded {
            Loaded::Bytes(b) => b,
            Loaded::Missing => return,
            Loaded::TooLarge(size) => {
                let detail = format!(
                    "{size} bytes, over the {MAX_CONF_BYTES}-byte limit; not read (Nix would read it)"
                );
                self.conf.incomplete.push(format!("{file}: {detail}"));
                self.problem(ConfProblemKind::TooLarge, &file, None, detail);
                return;
            }
            Loaded::NotRegular(what) if what == "directory" => {
                // Nix's readFile fails on a directory and applyConfigFile ignores the error.
                self.problem(
                    ConfProblemKind::NotRegular,
                    &file,
                    None,
                    "a directory, not a file; Nix skips it too".into(),
                );
                return;
            }
            Loaded::NotRegular(what) => {
                let detail = format!("a {what}, not a regular file; not read");
                self.conf.incomplete.push(format!("{file}: {detail}"));
                self.problem(ConfProblemKind::NotRegular, &file, None, detail);
                return;
            }
            Loaded::Error(e) => {
                self.conf.incomplete.push(format!("{file}: {e}"));
                self.problem(ConfProblemKind::Unreadable, &file, None, e);
                return;
            }
        };
        if bytes.contains(&0) {
            let detail = "contains NUL bytes: not a text file".to_string();
            self.conf.incomplete.push(format!("{file}: {detail}"));
            self.problem(ConfProblemKind::NotText, &file, None, detail);
            return;
        }
        let text = match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                // Nix reads bytes; keep going with a lossy copy but say so.
                self.problem(
                    ConfProblemKind::NotText,
                    &file,
                    None,
                    format!("not valid UTF-8 ({e}); read lossily"),
                );
                String::from_utf8_lossy(e.as_bytes()).into_owned()
            }
        };
        self.conf.files.push(file.clone());
        self.stack.push(path.to_path_buf());
        self.apply_contents(&text, path, &file);
        self.stack.pop();
    }

    fn problem(&mut self, kind: ConfProblemKind, file: &str, line: Option<u32>, detail: String) {
        self.conf.problems.push(ConfProblem {
            kind,
            file: file.to_string(),
            line,
            detail,
        });
    }

    fn apply_contents(&mut self, text: &str, path: &Path, file: &str) {
        for (idx, raw) in text.split('\n').enumerate() {
            let line_no = u32::try_from(idx + 1).unwrap_or(u32::MAX);
            let line = raw.split('#').next().unwrap_or("");
            let tokens: Vec<&str> = line
                .split([' ', '\t', '\r', '\n'])
                .filter(|t| !t.is_empty())
                .collect();
            if tokens.is_empty() {
                continue;
            }
            let illegal = |me: &mut Self| {
                me.problem(
                    ConfProblemKind::IllegalLine,
                    file,
                    Some(line_no),
                    format!("illegal configuration line '{}'", redact_line(line)),
                )
            };
            if tokens.len() < 2 {
                illegal(self);
                continue;
            }
            if tokens[0] == "include" || tokens[0] == "!include" {
                if tokens.len() != 2 {
                    illegal(self);
                    continue;
                }
                let optional = tokens[0] == "!include";
                let dir = path.parent().unwrap_or(Path::new("/"));
                let target = normalise(&dir.join(tokens[1]));
                self.include(&target, optional, file, line_no);
                continue;
            }
            if tokens[1] != "=" {
                illegal(self);
                continue;
            }
            let value = tokens[2..].join(" ");
            self.set(
                tokens[0],
                value,
                Origin {
                    file: file.to_string(),
                    line: line_no,
                },
            );
        }
    }

    fn include(&mut self, target: &Path, optional: bool, file: &str, line: u32) {
        let shown = target.display().to_string();
        if self.stack.iter().any(|p| p == target) {
            let chain: Vec<String> = self
                .stack
                .iter()
                .map(|p| p.display().to_string())
                .chain(std::iter::once(shown.clone()))
                .collect();
            self.problem(
                ConfProblemKind::IncludeCycle,
                file,
                Some(line),
                format!("include cycle: {}", chain.join(" -> ")),
            );
            return;
        }
        if self.stack.len() >= MAX_INCLUDE_DEPTH {
            let detail =
                format!("includes nested deeper than {MAX_INCLUDE_DEPTH}; {shown} not read");
            self.conf
                .incomplete
                .push(format!("{file}:{line}: {detail}"));
            self.problem(ConfProblemKind::IncludeTooDeep, file, Some(line), detail);
            return;
        }
        match (self.load)(target) {
            Loaded::Missing if optional => {}
            Loaded::Missing if self.mounted_image && target.starts_with("/run") => self.problem(
                ConfProblemKind::IncludeRuntime,
                file,
                Some(line),
                format!(
                    "'{shown}' is under /run, which a mounted image does not have (secrets \
                     managers such as agenix and sops-nix create it at boot); its settings \
                     are not checked here"
                ),
            ),
            Loaded::Missing => self.problem(
                ConfProblemKind::IncludeMissing,
                file,
                Some(line),
                format!("file '{shown}' included from '{file}' not found"),
            ),
            loaded => self.apply_loaded(target, loaded),
        }
    }

    fn set(&mut self, name: &str, value: String, origin: Origin) {
        let (base, append) = match name.strip_prefix("extra-") {
            Some(rest) if !REAL_EXTRA.contains(&name) => (canonical(rest), true),
            _ => (canonical(name), false),
        };
        let value = if SECRET_SETTINGS.contains(&base) {
            let (chars, entries) = self.secrets.entry(base.to_string()).or_insert((0, 0));
            let words = list(&value);
            if !append {
                (*chars, *entries) = (0, 0);
            }
            *chars += words.iter().map(|w| w.chars().count()).sum::<usize>();
            *entries += words.len();
            format!("[REDACTED: set, {entries} entries, {chars} chars]")
        } else {
            redact_urls(&value)
        };
        if append && is_scalar(base) {
            self.problem(
                ConfProblemKind::InvalidValue,
                &origin.file,
                Some(origin.line),
                format!(
                    "`{name}`: `{base}` is not a list, so Nix ignores this line (unknown setting)"
                ),
            );
            return;
        }
        if BOOLEAN_SETTINGS.contains(&base) && parse_bool(&value).is_none() {
            self.problem(
                ConfProblemKind::InvalidValue,
                &origin.file,
                Some(origin.line),
                format!("Boolean setting '{base}' has invalid value '{value}'"),
            );
            return;
        }
        if base == "sandbox" && !matches!(value.as_str(), "true" | "false" | "relaxed") {
            self.problem(
                ConfProblemKind::InvalidValue,
                &origin.file,
                Some(origin.line),
                format!("option 'sandbox' has invalid value '{value}'"),
            );
            return;
        }
        if (base == "min-free" || base == "max-free") && parse_size(&value).is_none() {
            self.problem(
                ConfProblemKind::InvalidValue,
                &origin.file,
                Some(origin.line),
                format!("setting '{base}' has invalid value '{value}'"),
            );
            return;
        }
        let entry = self
            .conf
            .settings
            .entry(base.to_string())
            .or_insert_with(|| SettingValue {
                value: String::new(),
                set_at: None,
                appended_at: Vec::new(),
            });
        if append {
            if SECRET_SETTINGS.contains(&base) {
                entry.value = value;
            } else if !value.is_empty() {
                if !entry.value.is_empty() {
                    entry.value.push(' ');
                }
                entry.value.push_str(&value);
            }
            entry.appended_at.push(origin);
        } else {
            entry.value = value;
            entry.set_at = Some(origin);
            entry.appended_at.clear();
        }
    }
}

/// Parse an integer setting as recent Nix does, with an optional `K`/`M`/`G`/`T` suffix
/// (powers of 1024). Nix 2.8 rejects the suffixes (measured with `nix show-config`); the
/// parser accepts them so newer hosts are read right.
pub fn parse_size(s: &str) -> Option<u64> {
    let s = s.trim();
    let (digits, mult) = match s.chars().last()? {
        'K' | 'k' => (&s[..s.len() - 1], 1u64 << 10),
        'M' | 'm' => (&s[..s.len() - 1], 1u64 << 20),
        'G' | 'g' => (&s[..s.len() - 1], 1u64 << 30),
        'T' | 't' => (&s[..s.len() - 1], 1u64 << 40),
        _ => (s, 1),
    };
    digits.parse::<u64>().ok()?.checked_mul(mult)
}

/// A list setting's items (whitespace-separated, as Nix tokenises them).
pub fn list(value: &str) -> Vec<String> {
    value.split_whitespace().map(str::to_string).collect()
}

/// Parse one text as a standalone file named `name` (no includes resolved): for fuzzing and
/// tests.
pub fn parse_str(name: &str, text: &str) -> ParsedConf {
    let mut load = |_: &Path| Loaded::Missing;
    let mut r = ConfReader::new(&mut load);
    r.apply_text(name, text);
    r.conf
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn read(files: &[(&str, &str)], top: &[&str]) -> ParsedConf {
        let map: HashMap<PathBuf, Vec<u8>> = files
            .iter()
            .map(|(p, t)| (PathBuf::from(p), t.as_bytes().to_vec()))
            .collect();
        let mut load = |p: &Path| match map.get(p) {
            Some(b) => Loaded::Bytes(b.clone()),
            None => Loaded::Missing,
        };
        let mut r = ConfReader::new(&mut load);
        for t in top {
            r.apply_file(Path::new(t));
        }
        r.conf
    }

    #[test]
    fn comments_tokens_and_later_values_win() {
        let c = parse_str(
            "/etc/nix/nix.conf",
            "# header\nsandbox = false\n  sandbox   =   true  # trailing\nsubstituters = https://a/#frag https://b\n\n",
        );
        assert!(c.problems.is_empty(), "{:?}", c.problems);
        let s = &c.settings["sandbox"];
        assert_eq!(s.value, "true");
        assert_eq!(s.set_at.as_ref().unwrap().line, 3);
        // Everything after `#` is a comment, even inside a value (as Nix does).
        assert_eq!(c.settings["substituters"].value, "https://a/");
    }

    #[test]
    fn extra_appends_and_a_later_plain_set_replaces() {
        let c = parse_str(
            "f",
            "substituters = a\nextra-substituters = b c\nextra-trusted-public-keys = k-1:x\ntrusted-public-keys = k-2:y\nextra-trusted-public-keys = k-3:z\n",
        );
        let s = &c.settings["substituters"];
        assert_eq!(s.value, "a b c");
        assert_eq!(s.origins().len(), 2);
        assert_eq!(c.settings["trusted-public-keys"].value, "k-2:y k-3:z");
        assert_eq!(list(&c.settings["trusted-public-keys"].value).len(), 2);
    }

    #[test]
    fn aliases_and_real_extra_names() {
        let c = parse_str(
            "f",
            "binary-caches = http://x\nbuild-use-sandbox = false\nextra-platforms = aarch64-linux\n",
        );
        assert_eq!(c.settings["substituters"].value, "http://x");
        assert_eq!(c.settings["sandbox"].value, "false");
        assert_eq!(c.settings["extra-platforms"].value, "aarch64-linux");
        assert!(!c.settings.contains_key("platforms"));
    }

    #[test]
    fn illegal_lines_are_reported_with_their_line() {
        let c = parse_str("f", "a=b\nfoo\nx =y\ninclude a b\nok = 1\n");
        let lines: Vec<_> = c.problems.iter().map(|p| (p.kind, p.line)).collect();
        assert_eq!(
            lines,
            vec![
                (ConfProblemKind::IllegalLine, Some(1)),
                (ConfProblemKind::IllegalLine, Some(2)),
                (ConfProblemKind::IllegalLine, Some(3)),
                (ConfProblemKind::IllegalLine, Some(4)),
            ]
        );
        assert_eq!(c.settings["ok"].value, "1");
    }

    #[test]
    fn booleans_are_read_as_nix_reads_them() {
        // Nix's BaseSetting<bool>::parse: true/yes/1 and false/no/0.
        let c = parse_str(
            "f",
            "require-sigs = no\nkeep-outputs = yes\nkeep-derivations = 0\nauto-optimise-store = 1\n",
        );
        assert!(c.problems.is_empty(), "{:?}", c.problems);
        assert_eq!(c.settings["require-sigs"].value, "no");
        assert_eq!(parse_bool("no"), Some(false));
        assert_eq!(parse_bool("yes"), Some(true));
        assert_eq!(parse_bool("True"), None);
        assert_eq!(parse_bool("on"), None);
        // Anything else is rejected by Nix; `sandbox` takes only true/false/relaxed.
        let c = parse_str(
            "f",
            "require-sigs = maybe\nsandbox = relaxed\nsandbox = yes\nextra-sandbox = x\n",
        );
        assert_eq!(c.problems.len(), 3, "{:?}", c.problems);
        assert!(!c.settings.contains_key("require-sigs"));
        assert_eq!(c.settings["sandbox"].value, "relaxed");
    }

    #[test]
    fn secret_values_never_reach_the_parsed_conf() {
        let c = read(
            &[
                (
                    "/etc/nix/nix.conf",
                    "include /run/agenix/nix-tokens\nsubstituters = https://cache.nixos.org https://bob:hunter2@cache.example.org/?token=abc&priority=10\naccess-tokens=github.com=ghp_INLINE\n",
                ),
                (
                    "/run/agenix/nix-tokens",
                    "access-tokens = github.com=ghp_SECRETSECRET gitlab.com=PAT:glpat-SECRET\nextra-access-tokens = example.org=tok_MORE\n",
                ),
            ],
            &["/etc/nix/nix.conf"],
        );
        let dump = serde_json::to_string(&c).unwrap();
        for secret in [
            "ghp_SECRETSECRET",
            "glpat-SECRET",
            "tok_MORE",
            "hunter2",
            "token=abc",
            "ghp_INLINE",
            "bob",
        ] {
            assert!(!dump.contains(secret), "{secret} leaked: {dump}");
        }
        let t = &c.settings["access-tokens"];
        assert_eq!(t.value, "[REDACTED: set, 3 entries, 74 chars]");
        assert_eq!(t.origins().len(), 2);
        assert_eq!(
            t.set_at.as_ref().unwrap().to_string(),
            "/run/agenix/nix-tokens:1"
        );
        assert_eq!(
            c.settings["substituters"].value,
            "https://cache.nixos.org https://[REDACTED]@cache.example.org/?token=[REDACTED]&priority=10"
        );
        // The illegal line is quoted without its value.
        assert!(
            c.problems[0]
                .detail
                .contains("access-tokens = [REDACTED: 21 chars]"),
            "{:?}",
            c.problems
        );
    }

    #[test]
    fn runtime_includes_on_an_image_are_not_errors() {
        let files = [(
            "/etc/nix/nix.conf",
            "include /run/agenix/tokens\nsandbox = true\n",
        )];
        let map: HashMap<PathBuf, Vec<u8>> = files
            .iter()
            .map(|(p, t)| (PathBuf::from(p), t.as_bytes().to_vec()))
            .collect();
        let run = |image: bool| {
            let mut load = |p: &Path| match map.get(p) {
                Some(b) => Loaded::Bytes(b.clone()),
                None => Loaded::Missing,
            };
            let mut r = ConfReader::new(&mut load).mounted_image(image);
            r.apply_file(Path::new("/etc/nix/nix.conf"));
            r.conf
        };
        let image = run(true);
        assert_eq!(image.problems[0].kind, ConfProblemKind::IncludeRuntime);
        assert!(image.incomplete.is_empty());
        // On a running host, a missing include is what Nix rejects.
        let live = run(false);
        assert_eq!(live.problems[0].kind, ConfProblemKind::IncludeMissing);
        // Not under /run: still Nix's error, image or not.
        let c = read(
            &[("/etc/nix/nix.conf", "include /etc/nix/gone.conf\n")],
            &["/etc/nix/nix.conf"],
        );
        assert_eq!(c.problems[0].kind, ConfProblemKind::IncludeMissing);
    }

    #[test]
    fn partial_reads_are_marked_incomplete() {
        for (loaded, kind) in [
            (Loaded::TooLarge(2 << 20), ConfProblemKind::TooLarge),
            (
                Loaded::NotRegular("FIFO".into()),
                ConfProblemKind::NotRegular,
            ),
            (Loaded::Error("EIO".into()), ConfProblemKind::Unreadable),
            (Loaded::Bytes(b"a = b\0".to_vec()), ConfProblemKind::NotText),
        ] {
            let mut load = |p: &Path| {
                if p == Path::new("/etc/nix/nix.conf") {
                    Loaded::Bytes(b"sandbox = true\n!include big.conf\n".to_vec())
                } else {
                    loaded.clone()
                }
            };
            let mut r = ConfReader::new(&mut load);
            r.apply_file(Path::new("/etc/nix/nix.conf"));
            assert_eq!(r.conf.problems[0].kind, kind);
            assert_eq!(r.conf.incomplete.len(), 1, "{kind:?}");
            assert!(r.conf.incomplete[0].starts_with("/etc/nix/big.conf: "));
        }
        // A directory: Nix skips it too, so the view is complete.
        let mut load = |p: &Path| {
            if p == Path::new("/etc/nix/nix.conf") {
                Loaded::Bytes(b"!include d\n".to_vec())
            } else {
                Loaded::NotRegular("directory".into())
            }
        };
        let mut r = ConfReader::new(&mut load);
        r.apply_file(Path::new("/etc/nix/nix.conf"));
        assert!(r.conf.incomplete.is_empty());
        assert_eq!(r.conf.problems[0].kind, ConfProblemKind::NotRegular);
    }

    #[test]
    fn includes_are_relative_optional_and_cycle_safe() {
        let c = read(
            &[
                (
                    "/etc/nix/nix.conf",
                    "sandbox = true\n!include nix.custom.conf\n!include absent.conf\ninclude ../nix/sub/x.conf\n",
                ),
                ("/etc/nix/nix.custom.conf", "trusted-users = root alice\n"),
                ("/etc/nix/sub/x.conf", "include ../nix.conf\ninclude gone.conf\n"),
            ],
            &["/etc/nix/nix.conf"],
        );
        assert_eq!(c.settings["trusted-users"].value, "root alice");
        assert_eq!(
            c.settings["trusted-users"].set_at.as_ref().unwrap().file,
            "/etc/nix/nix.custom.conf"
        );
        let kinds: Vec<_> = c.problems.iter().map(|p| p.kind).collect();
        assert_eq!(
            kinds,
            vec![
                ConfProblemKind::IncludeCycle,
                ConfProblemKind::IncludeMissing
            ]
        );
        assert!(c.problems[0]
            .detail
            .contains("/etc/nix/nix.conf -> /etc/nix/sub/x.conf -> /etc/nix/nix.conf"));
        assert_eq!(c.files.len(), 3);
    }

    #[test]
    fn sizes() {
        assert_eq!(parse_size("1G"), Some(1 << 30));
        assert_eq!(parse_size("512"), Some(512));
        assert_eq!(parse_size("x"), None);
        assert_eq!(parse_size(""), None);
        assert_eq!(parse_size("99999999999999T"), None);
    }

    #[test]
    fn binary_files_are_not_parsed() {
        let c = read(&[("/f", "a = b\0\0")], &["/f"]);
        assert_eq!(c.problems[0].kind, ConfProblemKind::NotText);
        assert!(c.settings.is_empty());
    }
}
