//! Literal secrets in `.nix` files, judged on parsed bindings (see [`crate::nixparse`]).
//!
//! A line grep for `password = "..."` was wrong most of the time on real configurations
//! (49 of 57 hits on a dozen public repositories were not secrets): it read shell code inside
//! `''` strings, runtime placeholders (`"$VAR"`, `"@NAME@"`, `"ext:name"`), and option names
//! that merely contain "token" or "secret"; and it missed the second binding on a line. Here a
//! hit is a binding whose **value is an uninterpolated string literal** (`"..."` or a whole
//! `''...''`), whose **name is secret-bearing** (below), and whose **text is not a
//! placeholder** (below). Attrsets, `let`, argument defaults and several bindings on one line
//! are all covered; interpolated strings, paths and other expressions never are.
//!
//! ## Secret-bearing names
//!
//! The last attribute of the path is compared after dropping `_`, `-` and case (so
//! `initialPassword`, `initial_password` and `INITIAL-PASSWORD` are alike), and after the last
//! `/` of a quoted name (`"wireguard/private_key"`). docs/trust.md has the same tables.
//!
//! | name ends with | class | examples |
//! |---|---|---|
//! | `hashedpassword`, `passwordhash`, `hashedsecret`, `secrethash` | password hash | `hashedPassword`, `initialHashedPassword`, `admin_password_hash` |
//! | `password`, `passwd`, `passphrase` | secret | `password`, `initialPassword`, `smtp_passwd`, `PASSPHRASE` |
//! | `secret`, `secretkeybase` | secret | `client_secret`, `jwtSecret`, `turn_shared_secret`, `SECRET_KEY_BASE` |
//! | `token`, `roottokenid` | secret | `token`, `api_token`, `GITHUB_TOKEN`, `devRootTokenID` (Vault's dev root token) |
//! | `psk`, `pskraw` | secret | `psk`, `pskRaw` (wpa_supplicant) |
//! | `apikey`, `privatekey`, `secretkey`, `secretaccesskey`, `presharedkey`, `authkey`, `encryptionkey`, `masterkey`, `hmackey`, `licensekey`, `appkey` | secret | `apiKey`, `privateKey`, `secret_key`, `AWS_SECRET_ACCESS_KEY`, `presharedKey`, `APP_KEY` |
//! | last word `pass` | secret | `pass`, `user.pass`, `smtp_pass`, `dbPass` |
//!
//! Names that end otherwise are not secret-bearing, whatever they contain: the `*File`,
//! `*Path`, `*Dir`, `*Command`/`*Cmd`/`*Eval` variants hold where the secret is, not the
//! secret; time spans (`tokenLifetime`, `TOKEN_TIME`, `PASSWORD_STORE_CLIP_TIME`), algorithm
//! names (`htpasswd_encryption`, `access_token_signed_response_alg`), flags
//! (`PasswordAuthentication`, `NEXT_PUBLIC_CREDENTIALS_ENABLED`), styles (`tokenFormatStyle`),
//! public identifiers (`publicKey`, `signingKey`, `AWS_ACCESS_KEY_ID`, a UI `AccessKey`) and
//! systemd's `LoadCredential=` specs (`name:path`) all end in another word. Excluded although
//! they end like a secret:
//!
//! | name | why |
//! |---|---|
//! | `askPassword` (`programs.ssh.askPassword`) | a program that asks, not a password |
//! | `Token`, `IPv6Token` under a path with `ipv6` or `networkConfig` (systemd-networkd) | an IPv6 interface identifier (`::9`, `static:::1`, `eui64`) |
//! | `proxyPass`, `grpcPass`, `fastcgiPass`, `uwsgiPass`, `scgiPass`, `memcachedPass`, `bypass`, `twopass` | nginx directives and words that end in `pass` |
//! | `…AgeSecret`, `…SopsSecret`, `…VaultSecret` (`sshAgeSecret`) | names a managed secret, does not hold one |
//! | a key of a map whose name ends in `Entries` (`rbwEntries."api-key"`) | names a secret-store entry |
//! | a key under `columns`, `fields`, `mapping(s)`, `claims` | names a field (`columns.secret = "secret"`) |
//! | a quoted `org.freedesktop.…` name (`"org.freedesktop.impl.portal.Secret"`) | a D-Bus interface, its value a backend |
//!
//! ## Values that are not secrets
//!
//! | value | example | why |
//! |---|---|---|
//! | empty or blank | `""` | nothing to leak (and often "no password") |
//! | a file path | `"/run/secrets/db"`, `"./pw.txt"`, `"~/.pw"` | a reference |
//! | an environment reference | `"$SMTP_PASSWORD"`, `"${TOKEN}"`, `"Bearer $API_TOKEN"` | filled at run time |
//! | a substitution placeholder | `"@DB_PASSWORD@"`, `"@psk_home@"` (envsubst, `replace-secret`) | filled at activation |
//! | a secret-store reference | `"ext:psk_home"`, `"%env(X)%"`, `"$env(X)"`, `"%{file:/x}%"`, `"env:X"`, `"file:/x"`, `"!secret x"`, `"$__file{/x}"`, `"op://v/i/f"`, `"{{ .Env.X }}"` | resolved by the program |
//! | a secret-store key path | `"home-assistant/mqtt/password"`, `"gpg/work/passphrase"` | lowercase words joined by `/`: the key of a sops/pass entry |
//! | a command | `"$(cat /run/x)"`, `` "`pass x`" ``, `"pass show mail"`, `"!rbw get api-key"` | the program runs it |
//! | a setting word | `"disable"`, `"generate"`, `"false"`, `"unused"`, `"none"`, `"auto"` | a mode, not a value |
//! | a time span | `"1h"`, `"1 hour"`, `"3 months"` | OIDC lifespans and the like |
//! | a mask, template or elided example | `"********"`, `"<your token>"`, `"abc123..."`, `"placeholder_token"` | no value |
//! | an IPv6 token | `"::1"`, `"static:::2"`, `"eui64"` | an address part |
//! | an algorithm name | `"HS256"`, `"sha512"`, `"argon2id"` | a setting |
//!
//! A crypt/bcrypt/argon2/PHC hash (`$6$…`, `$y$…`, `$2b$…`, `$argon2id$…`) or an LDAP-style
//! `{SSHA}…` is not plaintext: it is reported with [`LiteralClass::PasswordHash`] (the rule
//! raises `secrets.hash-in-store`, since the store copy is world-readable and crackable
//! offline, unlike `/etc/shadow`). A hash-bearing name holding anything else (`"!"`, `"*"`,
//! `""`: a locked or empty account) is not reported.
//!
//! ## Excerpts
//!
//! The excerpt is the binding's line with **every** string literal's content, every comment
//! and every bare URI on that line replaced by a length, so a second secret on the same line
//! (or a password in a trailing comment) never reaches the facts.

use serde::{Deserialize, Serialize};

use crate::nixparse::{self, Binding, NixFile, Origin, TokenKind, Value};

use super::SecretHit;

/// What a literal bound to a secret-bearing name holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LiteralClass {
    /// A password, token or key in clear.
    Plaintext,
    /// A password hash (crypt, bcrypt, argon2, PHC, `{SCHEME}`).
    PasswordHash,
}

/// The binding behind a [`SecretHit`] from a `.nix` file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoundLiteral {
    /// The full attribute path (`users.users.alice.initialPassword`).
    pub attr_path: String,
    /// Whether the binding is made in a `let` (or is a function argument default).
    pub in_let: bool,
    /// What the literal holds.
    pub class: LiteralClass,
    /// The hash scheme (`$6$`, `$y$`, `{SSHA}`), for a hash.
    pub scheme: Option<String>,
    /// Set when the literal is an assignment inside a string (an embedded configuration
    /// such as `extraConfig = '' send_password = "x"; ''`), not a Nix binding: `attr_path` is
    /// then the embedded name.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub embedded: bool,
}

/// A `.nix` file that did not parse: where and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NixParseFailure {
    /// The file.
    pub file: String,
    /// 1-based line of the first error.
    pub line: u32,
    /// 1-based column of the first error.
    pub column: u32,
    /// The parser's message for the first error.
    pub message: String,
    /// How many errors the parser reported.
    pub errors: usize,
}

/// What a scan of one `.nix` file found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NixScan {
    /// Literals bound to secret-bearing names (plaintext and hashes).
    pub hits: Vec<SecretHit>,
    /// Set when the file did not parse (hits of the recovered tree are still listed).
    pub parse_failure: Option<NixParseFailure>,
}

/// How a name is judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameClass {
    /// Holds a secret in clear.
    Secret,
    /// Holds a password hash.
    Hash,
}

const HASH_SUFFIXES: &[&str] = &[
    "hashedpassword",
    "passwordhash",
    "hashedsecret",
    "secrethash",
];

const SECRET_SUFFIXES: &[&str] = &[
    "password",
    "passwd",
    "passphrase",
    "secret",
    "secretkeybase",
    "token",
    "roottokenid",
    "psk",
    "pskraw",
    "apikey",
    "privatekey",
    "secretkey",
    "secretaccesskey",
    "presharedkey",
    "authkey",
    "encryptionkey",
    "masterkey",
    "hmackey",
    "licensekey",
    "appkey",
];

/// Normalized names that end like a secret but are not one.
const NOT_SECRET_NAMES: &[&str] = &["askpassword", "sshaskpassword"];

/// Parent attributes whose values name fields of a table or a token, not secrets.
const FIELD_MAPS: &[&str] = &["columns", "fields", "mapping", "mappings", "claims"];

/// Words before a final `pass` that make it a directive, not a password (nginx `proxyPass`).
const PASS_DIRECTIVES: &[&str] = &[
    "proxy",
    "grpc",
    "fastcgi",
    "uwsgi",
    "scgi",
    "memcached",
    "by",
    "first",
    "second",
    "single",
    "multi",
    "two",
];

/// Words before a final `secret` that make the option name a managed secret (agenix, sops),
/// not hold one: `sshAgeSecret = "restic-ssh-privkey"`.
const SECRET_MANAGERS: &[&str] = &["age", "agenix", "sops", "vault", "rbw", "keyring"];

/// The words of a name: split on `_`, `-`, `.`, spaces and lower-to-upper case changes.
fn words(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for c in name.chars() {
        if !c.is_alphanumeric() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            prev_lower = false;
            continue;
        }
        if c.is_uppercase() && prev_lower && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        prev_lower = c.is_lowercase() || c.is_ascii_digit();
        cur.extend(c.to_lowercase());
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Judge an attribute path by its last name (see the module docs).
pub fn classify_name(path: &[String]) -> Option<NameClass> {
    let last = path.last()?;
    // A D-Bus interface name (`"org.freedesktop.impl.portal.Secret"`) names a backend.
    if last.starts_with("org.freedesktop.") {
        return None;
    }
    // The keys of a map of secret-store entries name entries (`rbwEntries."api-key"`), and
    // the values of a field map name fields (`columns.secret = "secret"`).
    if let Some(parent) = path.len().checked_sub(2).and_then(|i| path.get(i)) {
        let parent = parent.to_ascii_lowercase();
        if parent.ends_with("entries") || FIELD_MAPS.contains(&parent.as_str()) {
            return None;
        }
    }
    let last = last.rsplit('/').next().unwrap_or(last);
    let norm: String = last
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    if norm.is_empty() || NOT_SECRET_NAMES.contains(&norm.as_str()) {
        return None;
    }
    if norm.ends_with("token") {
        let ipv6 = path.iter().any(|s| {
            let s = s.to_ascii_lowercase();
            s.contains("ipv6") || s == "networkconfig"
        });
        if ipv6 || norm.ends_with("ipv6token") {
            return None;
        }
    }
    if HASH_SUFFIXES.iter().any(|s| norm.ends_with(s)) {
        return Some(NameClass::Hash);
    }
    let w = words(last);
    let before_last = w
        .len()
        .checked_sub(2)
        .and_then(|i| w.get(i))
        .map(String::as_str);
    if w.last().is_some_and(|l| l == "secret")
        && before_last.is_some_and(|b| SECRET_MANAGERS.contains(&b))
    {
        return None;
    }
    if SECRET_SUFFIXES.iter().any(|s| norm.ends_with(s)) {
        return Some(NameClass::Secret);
    }
    if w.last().is_some_and(|l| l == "pass")
        && !before_last.is_some_and(|b| PASS_DIRECTIVES.contains(&b))
    {
        return Some(NameClass::Secret);
    }
    None
}

/// If `text` is a password hash, its scheme (`$6$`, `$2b$`, `$argon2id$`, `{SSHA}`).
pub fn hash_scheme(text: &str) -> Option<String> {
    let t = text.trim();
    if let Some(rest) = t.strip_prefix('$') {
        let id: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        let after = &rest[id.len()..];
        if !id.is_empty() && id.len() <= 16 && after.starts_with('$') && after.len() > 8 {
            return Some(format!("${id}$"));
        }
        return None;
    }
    if let Some(rest) = t.strip_prefix('{') {
        let id: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '.')
            .collect();
        if !id.is_empty()
            && id.chars().any(|c| c.is_ascii_uppercase())
            && rest[id.len()..].starts_with('}')
            && rest.len() > id.len() + 8
        {
            return Some(format!("{{{id}}}"));
        }
    }
    None
}

/// Commands that fetch a secret at run time, when a value starts with one and a space.
const COMMANDS: &[&str] = &[
    "cat",
    "pass",
    "gopass",
    "gpg",
    "gpg2",
    "bw",
    "rbw",
    "op",
    "secret-tool",
    "security",
    "sops",
    "age",
    "rage",
    "head",
    "tail",
    "echo",
    "printf",
    "sed",
    "awk",
    "jq",
    "base64",
    "systemd-creds",
    "keepassxc-cli",
    "kwallet-query",
    "lpass",
    "vault",
    "doppler",
    "sh",
    "bash",
    "cut",
    "tr",
    "grep",
    "passage",
    "pass-cli",
    "getent",
];

/// Prefixes that name a secret store or a templating engine.
const REFERENCE_PREFIXES: &[&str] = &[
    "ext:",
    "$env(",
    "%{",
    "env:",
    "file:",
    "%env(",
    "!secret ",
    "!env_var ",
    "$__file{",
    "$__env{",
    "op://",
    "vault:",
    "sops:",
    "keyring:",
    "{{",
    "<%",
];

/// Values that are a setting word, not a secret (`shared_secret = "generate"` asks the program
/// to make one; `"disable"` turns it off; `apiKey = "unused"` for a server without auth).
const SETTING_WORDS: &[&str] = &[
    "true",
    "false",
    "yes",
    "no",
    "on",
    "off",
    "enable",
    "enabled",
    "disable",
    "disabled",
    "none",
    "null",
    "nil",
    "auto",
    "autodetect",
    "generate",
    "random",
    "unused",
    "unset",
    "placeholder",
    "required",
    "optional",
];

const TIME_UNITS: &[&str] = &[
    "ms", "s", "sec", "secs", "second", "seconds", "m", "min", "mins", "minute", "minutes", "h",
    "hr", "hrs", "hour", "hours", "d", "day", "days", "w", "week", "weeks", "mo", "month",
    "months", "y", "yr", "year", "years",
];

/// `"1h"`, `"1h30m"`, `"1 hour"`, `"3 months"`: a number and a unit, repeated.
pub fn is_time_span(text: &str) -> bool {
    let mut rest = text.trim();
    let mut groups = 0;
    while !rest.is_empty() {
        let digits = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        if digits == 0 {
            return false;
        }
        rest = rest[digits..].trim_start();
        let letters = rest
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(rest.len());
        if !TIME_UNITS.contains(&rest[..letters].to_ascii_lowercase().as_str()) {
            return false;
        }
        rest = rest[letters..].trim_start_matches([' ', ',']);
        groups += 1;
    }
    groups > 0
}

/// `"home-assistant/mqtt/password"`, `"gpg/work/passphrase"`: the key of an entry in sops,
/// pass or a vault. Lowercase words joined by `/`, at least two of them.
fn is_store_key_path(text: &str) -> bool {
    let parts: Vec<&str> = text.split('/').collect();
    parts.len() >= 2
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.chars().all(|c| {
                    c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | '.')
                })
        })
}

const ALGORITHMS: &[&str] = &[
    "hs256",
    "hs384",
    "hs512",
    "rs256",
    "rs384",
    "rs512",
    "es256",
    "es384",
    "es512",
    "eddsa",
    "md5",
    "sha1",
    "sha256",
    "sha384",
    "sha512",
    "bcrypt",
    "scrypt",
    "argon2",
    "argon2i",
    "argon2d",
    "argon2id",
    "pbkdf2",
    "yescrypt",
    "ed25519",
    "rsa",
    "plain",
    "plaintext",
];

fn is_env_name(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// `$NAME` or `${NAME}` at `rest` (after the `$`), `NAME` in capitals: an environment variable.
fn env_reference_at(rest: &str) -> bool {
    let name: String = if let Some(r) = rest.strip_prefix('{') {
        match r.find('}') {
            Some(end) => r[..end].to_string(),
            None => return false,
        }
    } else {
        rest.chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    name.len() >= 2
        && is_env_name(&name)
        && name
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

/// Why a literal is not a secret, if it is not (see the module docs).
pub fn placeholder(text: &str) -> Option<&'static str> {
    let t = text.trim();
    if t.is_empty() {
        return Some("empty");
    }
    if t.starts_with('/') || t.starts_with("./") || t.starts_with("../") || t.starts_with("~/") {
        return Some("a file path");
    }
    if t.contains("$(") || t.contains('`') {
        return Some("a command");
    }
    if t.match_indices('$')
        .any(|(i, _)| env_reference_at(&t[i + 1..]))
    {
        return Some("an environment reference");
    }
    if t.match_indices('@').any(|(i, _)| {
        let rest = &t[i + 1..];
        rest.find('@').is_some_and(|end| {
            let name = &rest[..end];
            name.len() >= 2
                && name
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
        })
    }) {
        return Some("a substitution placeholder");
    }
    if t.len() >= 3 && t.starts_with('@') && t.ends_with('@') && is_env_name(&t[1..t.len() - 1]) {
        return Some("a substitution placeholder");
    }
    if REFERENCE_PREFIXES.iter().any(|p| t.starts_with(p)) {
        return Some("a secret-store reference");
    }
    if let Some((first, _)) = t.split_once(char::is_whitespace) {
        // `!cmd args` is how several programs spell "run this" (`apiKey = "!rbw get x"`).
        if COMMANDS.contains(&first.strip_prefix('!').unwrap_or(first)) {
            return Some("a command");
        }
    }
    if is_store_key_path(t) {
        return Some("a secret-store key path");
    }
    if SETTING_WORDS.contains(&t.to_ascii_lowercase().as_str()) {
        return Some("a setting word");
    }
    if is_time_span(t) {
        return Some("a time span");
    }
    if t.chars()
        .all(|c| c == '*' || c == 'x' || c == 'X' || c == '.' || c == '•')
        || (t.starts_with('<') && t.ends_with('>'))
        || t.to_ascii_lowercase().contains("placeholder")
        || t.ends_with("...")
        || t.ends_with('…')
    {
        return Some("a mask or template");
    }
    let ipv6ish = t.strip_prefix("static:").unwrap_or(t);
    if ipv6ish.starts_with("::") && ipv6ish.chars().all(|c| c.is_ascii_hexdigit() || c == ':')
        || t == "eui64"
        || t.starts_with("prefixstable")
    {
        return Some("an IPv6 token");
    }
    if ALGORITHMS.contains(&t.to_ascii_lowercase().as_str()) {
        return Some("an algorithm name");
    }
    None
}

/// The judgement of one binding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// A literal secret (or hash) to report.
    Hit(LiteralClass, Option<String>),
    /// A literal bound to a secret-bearing name that is not a secret, and why.
    NotSecret(&'static str),
    /// Not a literal string, or not a secret-bearing name.
    NotCandidate,
}

/// Judge one binding.
pub fn judge(b: &Binding) -> Verdict {
    if matches!(b.origin, Origin::Inherit { .. }) {
        return Verdict::NotCandidate;
    }
    let Some(name) = classify_name(&b.path) else {
        return Verdict::NotCandidate;
    };
    let Value::Str { text, .. } = &b.value else {
        return Verdict::NotCandidate;
    };
    if let Some(scheme) = hash_scheme(text) {
        return Verdict::Hit(LiteralClass::PasswordHash, Some(scheme));
    }
    if is_des_crypt(text) {
        return Verdict::Hit(LiteralClass::PasswordHash, Some("DES crypt".into()));
    }
    if name == NameClass::Hash {
        return Verdict::NotSecret("not a hash (locked or empty account)");
    }
    match placeholder(text) {
        Some(why) => Verdict::NotSecret(why),
        None => Verdict::Hit(LiteralClass::Plaintext, None),
    }
}

/// Longest excerpt kept, in characters.
pub const MAX_EXCERPT_CHARS: usize = 200;

/// `line` of `text` with every string literal's content, comment and bare URI on it replaced
/// (see the module docs), trimmed, and cut to [`MAX_EXCERPT_CHARS`] around `column`.
pub fn redacted_line(
    text: &str,
    file: &NixFile,
    tokens: &[nixparse::SourceToken],
    line: u32,
    column: u32,
) -> String {
    let Some(start) = file.line_start(line) else {
        return String::new();
    };
    let end = text[start..].find('\n').map_or(text.len(), |n| start + n);
    let focus_byte = text[start..end]
        .char_indices()
        .nth(usize::try_from(column).unwrap_or(1).saturating_sub(1))
        .map_or(end, |(i, _)| start + i);
    let mut out = String::new();
    let mut focus_out = 0usize;
    let first = tokens.partition_point(|t| t.span.end <= start);
    for t in tokens[first..].iter().take_while(|t| t.span.start < end) {
        let s = t.span.start.max(start);
        let e = t.span.end.min(end);
        if s >= e {
            continue;
        }
        if s <= focus_byte && focus_byte < e {
            focus_out = out.len();
        }
        let piece = &text[s..e];
        match t.kind {
            TokenKind::StringContent => {
                out.push_str(&format!("[REDACTED {} chars]", piece.chars().count()));
            }
            TokenKind::Comment => out.push_str(if piece.starts_with('#') {
                "# [comment REDACTED]"
            } else {
                "[comment REDACTED]"
            }),
            TokenKind::Uri => out.push_str("[REDACTED uri]"),
            TokenKind::Error => out.push_str("[REDACTED]"),
            TokenKind::Code => out.push_str(piece),
        }
    }
    let trimmed_start = out.len() - out.trim_start().len();
    let out = out.trim().to_string();
    let focus = focus_out.saturating_sub(trimmed_start);
    if out.chars().count() <= MAX_EXCERPT_CHARS {
        return out;
    }
    // Cut around the binding, on char boundaries.
    let focus_char = out[..focus.min(out.len())].chars().count();
    let from = focus_char.saturating_sub(40);
    let window: String = out.chars().skip(from).take(MAX_EXCERPT_CHARS).collect();
    let mut s = String::new();
    if from > 0 {
        s.push('…');
    }
    s.push_str(&window);
    if from + MAX_EXCERPT_CHARS < out.chars().count() {
        s.push('…');
    }
    s
}

/// One `name = "value"` line inside a string's literal text.
struct Embedded<'a> {
    line: u32,
    name: &'a str,
    sep: char,
    quote: char,
    value: &'a str,
    name_class: NameClass,
}

/// Assignments of a quoted, complete literal to a secret-bearing name inside the literal text
/// of strings: the configuration files people embed (`extraConfig = '' ... ''`). The line must
/// be exactly `NAME = "VALUE"` or `NAME: "VALUE"` (either quote, an optional `;` or `,`, an
/// optional trailing comment), NAME a plain identifier (letters, digits, `_`, `-`, `.`), and
/// the value whole inside this piece of text (an interpolation ends a piece, so
/// `password = "${pw}"` never matches). Shell (`export X="…"`, `-e X="$X"`), commands and
/// values with `$` fall outside the pattern or are placeholders; the value is judged as a
/// binding's value is.
fn embedded_assignments<'a>(text: &'a str, tokens: &[nixparse::SourceToken]) -> Vec<Embedded<'a>> {
    let mut out = Vec::new();
    for t in tokens.iter().filter(|t| t.kind == TokenKind::StringContent) {
        let Some(piece) = text.get(t.span.clone()) else {
            continue;
        };
        let mut offset = t.span.start;
        for raw in piece.split_inclusive('\n') {
            let line_start = offset;
            offset += raw.len();
            let Some(e) = embedded_line(raw.trim_end_matches(['\n', '\r'])) else {
                continue;
            };
            let line = text[..line_start].matches('\n').count() + 1;
            out.push(Embedded {
                line: u32::try_from(line).unwrap_or(u32::MAX),
                ..e
            });
        }
    }
    out
}

fn embedded_line(line: &str) -> Option<Embedded<'_>> {
    let t = line.trim();
    let name_end =
        t.find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')))?;
    let (name, rest) = t.split_at(name_end);
    if name.is_empty() || name.starts_with(['-', '.']) || name.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let rest = rest.trim_start();
    let sep = rest.chars().next().filter(|c| matches!(c, '=' | ':'))?;
    let rest = rest[1..].trim_start();
    if rest.starts_with(['=', ':']) {
        return None;
    }
    let quote = rest.chars().next().filter(|c| matches!(c, '"' | '\''))?;
    let body = &rest[1..];
    let close = body.find(quote)?;
    let value = &body[..close];
    let tail = body[close + 1..].trim_start();
    let tail = tail.strip_prefix([';', ',']).unwrap_or(tail).trim_start();
    if !(tail.is_empty() || tail.starts_with('#') || tail.starts_with("//")) {
        return None;
    }
    // An escape (`\\"`, or `''$` in an indented string) means the raw text is not the value.
    if value.trim().is_empty() || value.contains('\\') || value.contains("''") {
        return None;
    }
    // Embedded text is mostly shell and scripts, where `$name` of any case expands.
    let expands = value.match_indices('$').any(|(i, _)| {
        value[i + 1..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, '_' | '{' | '('))
    });
    if expands && hash_scheme(value).is_none() {
        return None;
    }
    let name_class = classify_name(&[name.rsplit('.').next()?.to_string()])?;
    Some(Embedded {
        line: 0,
        name,
        sep,
        quote,
        value,
        name_class,
    })
}

/// Traditional DES `crypt(3)` output: 13 characters of `[./0-9A-Za-z]` mixing cases and
/// digits, as IRC daemons (solanum's `operator { password = ... }`) still store operator
/// passwords. A human-chosen 13-character password of that shape is unlikely; it is reported
/// as a hash either way, never dropped.
pub fn is_des_crypt(text: &str) -> bool {
    text.len() == 13
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '/')
        && text.chars().any(|c| c.is_ascii_uppercase())
        && text.chars().any(|c| c.is_ascii_lowercase())
        && text.chars().any(|c| c.is_ascii_digit())
}

/// Scan one `.nix` file's text: every literal bound to a secret-bearing name, and the parse
/// failure if there is one. `file` is the name put in the hits.
pub fn scan_nix_source(text: &str, file: &str) -> NixScan {
    let parsed = nixparse::parse(text);
    let parse_failure = parsed.errors.first().map(|e| NixParseFailure {
        file: file.to_string(),
        line: e.line,
        column: e.column,
        message: e.message.clone(),
        errors: parsed.errors.len(),
    });
    let mut tokens = None;
    let mut hits = Vec::new();
    for b in &parsed.bindings {
        let Verdict::Hit(class, scheme) = judge(b) else {
            continue;
        };
        let tokens = tokens.get_or_insert_with(|| nixparse::tokens(text));
        let name = b.name();
        let kind = match (&class, &scheme) {
            (LiteralClass::PasswordHash, Some(s)) => {
                format!("`{name}` set to a password hash ({s})")
            }
            _ => format!("`{name}` set to a literal string"),
        };
        hits.push(SecretHit {
            file: file.to_string(),
            store_path: None,
            line: b.line,
            kind,
            redacted: redacted_line(text, &parsed, tokens, b.line, b.column),
            binding: Some(BoundLiteral {
                attr_path: b.dotted(),
                in_let: matches!(b.origin, Origin::Let | Origin::Formal),
                class,
                scheme,
                embedded: false,
            }),
        });
    }
    let tokens = tokens.get_or_insert_with(|| nixparse::tokens(text));
    for e in embedded_assignments(text, tokens) {
        let class = if hash_scheme(e.value).is_some() || is_des_crypt(e.value) {
            LiteralClass::PasswordHash
        } else if e.name_class == NameClass::Hash || placeholder(e.value).is_some() {
            continue;
        } else {
            LiteralClass::Plaintext
        };
        let scheme = match class {
            LiteralClass::PasswordHash => {
                Some(hash_scheme(e.value).unwrap_or_else(|| "DES crypt".to_string()))
            }
            LiteralClass::Plaintext => None,
        };
        let kind = match &scheme {
            Some(s) => format!(
                "`{}` set to a password hash ({s}) inside a string (embedded configuration)",
                e.name
            ),
            None => format!(
                "`{}` set to a literal string inside a string (embedded configuration)",
                e.name
            ),
        };
        hits.push(SecretHit {
            file: file.to_string(),
            store_path: None,
            line: e.line,
            kind,
            redacted: format!(
                "{} {} {q}[REDACTED {} chars]{q}",
                e.name,
                e.sep,
                e.value.chars().count(),
                q = e.quote
            ),
            binding: Some(BoundLiteral {
                attr_path: e.name.to_string(),
                in_let: false,
                class,
                scheme,
                embedded: true,
            }),
        });
    }
    hits.sort_by_key(|h| h.line);
    NixScan {
        hits,
        parse_failure,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Vec<String> {
        s.split('.').map(String::from).collect()
    }

    #[test]
    fn names() {
        use NameClass::*;
        for (name, want) in [
            ("users.users.a.password", Some(Secret)),
            ("users.users.a.initialPassword", Some(Secret)),
            ("users.users.a.hashedPassword", Some(Hash)),
            ("users.users.a.initialHashedPassword", Some(Hash)),
            ("users.users.a.hashedPasswordFile", None),
            ("users.users.a.passwordFile", None),
            ("x.settings.admin_password_hash", Some(Hash)),
            ("x.settings.client_secret", Some(Secret)),
            ("x.settings.jwtSecret", Some(Secret)),
            ("x.environment.GITHUB_TOKEN", Some(Secret)),
            ("x.settings.api_token", Some(Secret)),
            ("x.settings.apiKey", Some(Secret)),
            ("x.environment.AWS_SECRET_ACCESS_KEY", Some(Secret)),
            ("x.directory.idmail.columns.secret", None),
            ("x.environment.AWS_ACCESS_KEY_ID", None),
            (
                "networking.wireguard.interfaces.wg0.privateKey",
                Some(Secret),
            ),
            ("networking.wireguard.interfaces.wg0.privateKeyFile", None),
            ("networking.wireless.networks.home.psk", Some(Secret)),
            ("networking.wireless.networks.home.pskRaw", Some(Secret)),
            ("x.settings.smtp_pass", Some(Secret)),
            ("x.settings.bypass", None),
            ("x.settings.SECRET_KEY_BASE", Some(Secret)),
            ("x.settings.tokenLifetime", None),
            ("x.settings.token_ttl", None),
            ("x.settings.password_reset_timeout", None),
            ("x.settings.token_algorithm", None),
            ("services.openssh.settings.PasswordAuthentication", None),
            ("x.passwordCommand", None),
            ("x.passwordeval", None),
            ("x.serviceConfig.LoadCredential", None),
            ("programs.ssh.askPassword", None),
            (
                "systemd.network.networks.eth0.ipv6AcceptRAConfig.Token",
                None,
            ),
            (
                "systemd.network.networks.eth0.networkConfig.IPv6Token",
                None,
            ),
            ("x.publicKey", None),
            ("services.nginx.virtualHosts.a.locations./.proxyPass", None),
            ("x.locations./.grpcPass", None),
            ("user.pass", Some(Secret)),
            ("x.auth.pass", Some(Secret)),
            ("x.restic.sshAgeSecret", None),
            ("x.mqttPasswordSecret", Some(Secret)),
            ("x.opencrow.rbwEntries.morpheus-api-key", None),
            ("programs.firefox.policies.SupportMenu.AccessKey", None),
            ("services.vault.devRootTokenID", Some(Secret)),
            ("x.environment.AWS_SECRET_ACCESS_KEY", Some(Secret)),
            ("x.directory.idmail.columns.secret", None),
            ("x.signingKey", None),
            ("sops.secrets.\"wg/private_key\"", Some(Secret)),
        ] {
            let path = if name.contains('"') {
                vec!["sops".into(), "secrets".into(), "wg/private_key".into()]
            } else {
                p(name)
            };
            assert_eq!(classify_name(&path), want, "{name}");
        }
    }

    #[test]
    fn hashes() {
        assert_eq!(
            hash_scheme("$y$j9T$abcdefgh$ijklmnop").as_deref(),
            Some("$y$")
        );
        assert_eq!(hash_scheme("$6$salt$abcdefghijk").as_deref(), Some("$6$"));
        assert_eq!(hash_scheme("$2b$12$abcdefghijkl").as_deref(), Some("$2b$"));
        assert_eq!(
            hash_scheme("$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA").as_deref(),
            Some("$argon2id$")
        );
        assert_eq!(
            hash_scheme("{SSHA}abcdefghijklmnop").as_deref(),
            Some("{SSHA}")
        );
        assert_eq!(hash_scheme("$SMTP_PASSWORD"), None);
        assert_eq!(hash_scheme("hunter2"), None);
        assert_eq!(hash_scheme("!"), None);
    }

    #[test]
    fn placeholders() {
        for (v, why) in [
            ("", "empty"),
            ("  ", "empty"),
            ("/run/secrets/x", "a file path"),
            ("./pw.txt", "a file path"),
            ("$SMTP_PASSWORD", "an environment reference"),
            ("${TOKEN}", "an environment reference"),
            ("Bearer $API_TOKEN", "an environment reference"),
            ("@DB_PASSWORD@", "a substitution placeholder"),
            ("@psk_home@", "a substitution placeholder"),
            ("postgres://u:@PW@@host/db", "a substitution placeholder"),
            ("ext:psk_home", "a secret-store reference"),
            ("%env(APP_SECRET)%", "a secret-store reference"),
            ("!secret mqtt_password", "a secret-store reference"),
            ("$__file{/run/secrets/g}", "a secret-store reference"),
            ("$(cat /run/secrets/x)", "a command"),
            ("pass show mail/work", "a command"),
            ("gpg -d ~/.pw.gpg", "a command"),
            ("********", "a mask or template"),
            ("<your token here>", "a mask or template"),
            ("::1", "an IPv6 token"),
            ("static:::2", "an IPv6 token"),
            ("HS256", "an algorithm name"),
            ("!rbw get morpheus-api-key", "a command"),
            ("home-assistant/mqtt/password", "a secret-store key path"),
            ("gpg/work/passphrase", "a secret-store key path"),
            ("disable", "a setting word"),
            ("False", "a setting word"),
            ("unused", "a setting word"),
            ("1 hour", "a time span"),
            ("3 months", "a time span"),
            ("1h30m", "a time span"),
            ("90d", "a time span"),
            ("$env(ADMIN_PASSWORD)", "a secret-store reference"),
            ("%{file:/run/admin-hash}%", "a secret-store reference"),
        ] {
            assert_eq!(placeholder(v), Some(why), "{v:?}");
        }
        for v in [
            "hunter2",
            "changeme",
            "1234",
            "pa$$word",
            "hunter$2",
            "correct horse battery staple",
            "tok_123",
            "AKIAEXAMPLE",
            "72",
            "admin",
            "restic-ssh-privkey",
            "SW2YcwTIb9zpOOhoPsMm",
            "Abc/Def+ghi=",
        ] {
            assert_eq!(placeholder(v), None, "{v:?}");
        }
    }

    fn hits(text: &str) -> Vec<(u32, String, LiteralClass, String)> {
        scan_nix_source(text, "/etc/nixos/x.nix")
            .hits
            .into_iter()
            .map(|h| {
                let b = h.binding.unwrap_or_else(|| panic!("no binding"));
                (h.line, b.attr_path, b.class, h.redacted)
            })
            .collect()
    }

    #[test]
    fn the_old_scanners_cases() {
        let text = r#"{
  users.users.alice.password = "hunter2";
  users.users.bob.hashedPassword = "$y$j9T$abcdefgh$ijkl";
  users.users.carol.initialPassword = "changeme"; # first boot
  services.x.passwordFile = "/run/secrets/x";
  services.y.settings.api_token = "tok_123";
  services.z.secret = "${config.sops.placeholder.z}";
  # services.old.password = "commented";
  networking.wireless.networks."home".psk = ''wifi pass'';
  services.openssh.settings.PasswordAuthentication = false;
  a = b == "x";
}"#;
        let h = hits(text);
        let got: Vec<_> = h.iter().map(|x| (x.0, x.1.as_str(), x.2)).collect();
        use LiteralClass::*;
        assert_eq!(
            got,
            vec![
                (2, "users.users.alice.password", Plaintext),
                (3, "users.users.bob.hashedPassword", PasswordHash),
                (4, "users.users.carol.initialPassword", Plaintext),
                (6, "services.y.settings.api_token", Plaintext),
                (9, "networking.wireless.networks.home.psk", Plaintext),
            ]
        );
        assert_eq!(
            h[0].3,
            "users.users.alice.password = \"[REDACTED 7 chars]\";"
        );
        assert_eq!(
            h[2].3,
            "users.users.carol.initialPassword = \"[REDACTED 8 chars]\"; # [comment REDACTED]"
        );
        assert_eq!(
            h[4].3,
            "networking.wireless.networks.\"[REDACTED 4 chars]\".psk = ''[REDACTED 9 chars]'';"
        );
    }

    #[test]
    fn every_binding_on_a_line_and_every_secret_redacted() {
        let text = "{ u = { isNormalUser = true; initialPassword = \"changeme\"; }; t = { token = \"abc123def\"; other = \"s3cr3t-looking\"; }; }\n";
        let h = hits(text);
        assert_eq!(h.len(), 2, "{h:?}");
        assert_eq!(h[0].1, "u.initialPassword");
        assert_eq!(h[1].1, "t.token");
        for (_, _, _, r) in &h {
            for s in ["changeme", "abc123def", "s3cr3t"] {
                assert!(!r.contains(s), "{s} in {r}");
            }
        }
    }

    #[test]
    fn let_formals_and_indented_strings() {
        let text = "{ smtpPassword ? \"dflt-pw\" }:\nlet\n  MAIN_USER_PASSWORD = \"nixos\";\n  creds = { token = \"t0k\"; };\nin {\n  services.x.privateKey = ''\n    abcdefABCDEF0123\n  '';\n  services.y.script = ''\n    password=\"$(cat /run/pw)\"\n    token = \"inline\"\n  '';\n}\n";
        let h = hits(text);
        let got: Vec<_> = h.iter().map(|x| (x.0, x.1.as_str())).collect();
        assert_eq!(
            got,
            vec![
                (1, "smtpPassword"),
                (3, "MAIN_USER_PASSWORD"),
                (4, "creds.token"),
                (6, "services.x.privateKey"),
                // Inside the script: the command substitution is not a secret; a quoted
                // literal assigned to `token` is, as an embedded-configuration line.
                (11, "token"),
            ]
        );
        let scan = scan_nix_source(text, "f");
        assert!(scan.hits[4].binding.as_ref().is_some_and(|b| b.embedded));
        assert!(scan.hits[1].binding.as_ref().is_some_and(|b| b.in_let));
        assert!(scan.hits[3].binding.as_ref().is_some_and(|b| !b.in_let));
        assert!(!scan.hits[3].redacted.contains("abcdef"));
    }

    #[test]
    fn not_secrets() {
        let text = r#"{ config, pkgs, ... }: {
  networking.wireless.networks.home.pskRaw = "ext:psk_home";
  networking.wireless.networks.work.psk = "@PSK_WORK@";
  services.a.settings.password = "$DB_PASSWORD";
  services.b.settings.secret = "%env(APP_SECRET)%";
  services.c.token = "${config.sops.placeholder.c}";
  services.d.password = "";
  services.e.passwordCommand = "pass show e";
  accounts.email.accounts.f.passwordCommand = "cat /run/f";
  services.g.settings.password = "pass show g";
  users.users.root.hashedPassword = "!";
  services.h.settings.tokenLifetime = "1h";
  systemd.network.networks.eth0.ipv6AcceptRAConfig.Token = "static:::1";
  systemd.services.i.serviceConfig.LoadCredential = "token:/run/secrets/i";
  services.j.settings.jwt_secret_algorithm = "HS256";
  services.k.password = ./k.txt;
  services.l.password = config.sops.secrets.l.path;
  services.m.script = ''
    export TOKEN=$(cat /run/m)
    curl -H "Authorization: $TOKEN" ...
  '';
}"#;
        let h = hits(text);
        assert!(h.is_empty(), "{h:?}");
    }

    #[test]
    fn wrappers_are_looked_through() {
        let h = hits("{ lib, ... }: { users.users.root.initialPassword = lib.mkForce \"root\"; }");
        assert_eq!(h.len(), 1);
    }

    #[test]
    fn a_file_that_does_not_parse_says_where() {
        let scan = scan_nix_source(
            "{\n  a.password = \"pw1\";\n  b = ;\n}\n",
            "/etc/nixos/bad.nix",
        );
        let f = scan.parse_failure.unwrap_or_else(|| panic!("no failure"));
        assert_eq!((f.file.as_str(), f.line), ("/etc/nixos/bad.nix", 3));
        assert!(f.errors >= 1);
        assert_eq!(scan.hits.len(), 1, "recovered tree still judged");
        let clean = scan_nix_source("{ }", "x");
        assert!(clean.parse_failure.is_none());
    }

    #[test]
    fn long_lines_are_cut_around_the_binding() {
        let text = format!(
            "{{ {} p.password = \"pw\"; {} }}",
            "a = 1; ".repeat(100),
            "b = 2; ".repeat(100)
        );
        let h = hits(&text);
        assert_eq!(h.len(), 1);
        let r = &h[0].3;
        assert!(r.chars().count() <= MAX_EXCERPT_CHARS + 2, "{r}");
        assert!(r.starts_with('…') && r.ends_with('…'), "{r}");
        assert!(r.contains("p.password = \"[REDACTED 2 chars]\""), "{r}");
    }

    #[test]
    fn assignments_inside_embedded_configurations_are_judged() {
        // The shape of Xe/nixos-configs' solanum.nix (74fa9e5c, common/hardware/alrest/
        // solanum.nix:158-167): an operator hash and server-link passwords in an `''` string.
        let text = "{ services.solanum.config = ''\n  operator \"x\" {\n    password = \"L/b5FCMZ1DUc2\";\n    flags = encrypted;\n  };\n  connect \"peer\" {\n    send_password = \"hunter2\";\n    accept_password = 'hunter3';\n  };\n''; }\n";
        let scan = scan_nix_source(text, "f");
        let got: Vec<(u32, String, LiteralClass, bool)> = scan
            .hits
            .iter()
            .map(|h| {
                let b = h.binding.as_ref().unwrap_or_else(|| panic!("binding"));
                (h.line, b.attr_path.clone(), b.class, b.embedded)
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (3, "password".into(), LiteralClass::PasswordHash, true),
                (7, "send_password".into(), LiteralClass::Plaintext, true),
                (8, "accept_password".into(), LiteralClass::Plaintext, true),
            ]
        );
        assert_eq!(
            scan.hits[1].redacted,
            "send_password = \"[REDACTED 7 chars]\""
        );
        assert!(scan.hits.iter().all(|h| !h.redacted.contains("hunter")));
    }

    #[test]
    fn embedded_shell_and_templates_are_not_secrets() {
        // Shapes from the corpus (docs/secrets-corpus.md): shell assignments and flags
        // (dustinlyons/nixos-config, wimpysworld/nix-config, jwiegley/nixos-config), an
        // `''$` escape, a documented example and a Python fallback, interpolated values.
        for text in [
            "{ x = ''\n  export GH_TOKEN=\"ghp_abc\"\n''; }",
            "{ x = ''\n  docker run -e ACCESS_TOKEN=\"$ACCESS_TOKEN\" img\n''; }",
            "{ x = ''\n  ANTHROPIC_OAUTH_TOKEN=\"$anthropic_oauth_token\"\n''; }",
            "{ x = ''\n  GITHUB_TOKEN=\"''${GITHUB_TOKEN:-}\"\n''; }",
            "{ x = ''\n  node-red-token: \"abc123...\"  # one of your tokens\n''; }",
            "{ x = ''\n  github_token = \"placeholder_token\"\n''; }",
            "{ x = ''\n  password = \"${pw}\";\n''; }",
            "{ x = ''\n  password = \"@DB_PASSWORD@\";\n''; }",
            "{ x = ''\n  token = \"\";\n''; }",
            "{ x = ''\n  if password == \"x\": pass\n''; }",
            "{ x = ''\n  proxy_pass = \"http://x\";\n''; }",
        ] {
            let h = hits(text);
            assert!(h.is_empty(), "{text}: {h:?}");
        }
        // A yescrypt hash in embedded text is still a hash, `$y` notwithstanding.
        let h =
            hits("{ x = ''\n  enable_password = \"$y$j9T$abcdefghijklmnop$qrstuvwxyz\";\n''; }");
        assert_eq!(h.len(), 1);
        assert_eq!(h[0].2, LiteralClass::PasswordHash);
    }

    #[test]
    fn des_crypt_is_told_from_a_password() {
        assert!(is_des_crypt("L/b5FCMZ1DUc2"));
        for not in ["hunter2", "changemechang", "ABCDEFGHIJKLM", "abc/def.ghij1"] {
            assert!(!is_des_crypt(not), "{not}");
        }
    }
}
