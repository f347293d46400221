//! `--redact`: a report that can be attached to a support request.
//!
//! Replaces what identifies a host or a person, in every string of the report (target, root,
//! lane, every finding field and evidence excerpt, probe messages, every value and key of the
//! facts, the previous-audit file name) before anything is rendered, so the markdown, the
//! terminal surface, the JSON and the metrics all show the same placeholders:
//!
//! | kind | example | placeholder |
//! |---|---|---|
//! | host names (target, `facts.host.hostname`, its short and slug forms) | `alice-laptop` | `host-1` |
//! | user names (from `/home/U`, `/Users/U`, `per-user/U`) and so home paths | `/home/alice` | `/home/user-1` |
//! | e-mail addresses | `alice@example.com` | `email-1` |
//! | IPv4 and IPv6 addresses | `192.168.1.20` | `ip-1` |
//! | MAC addresses | `52:54:00:12:34:56` | `mac-1` |
//! | token-like strings (known secret prefixes, long mixed-case or hex strings) | `ghp_...` | `token-1` |
//!
//! The same value always gets the same placeholder within one report, so a reader can still
//! tell "the same user owns both roots". Kept on purpose: Nix store hashes
//! (`/nix/store/<hash>-name`, public build identities that support needs), SRI content hashes
//! (`sha256-...`), generic host names (`nixos`, `localhost`) and `root`. Git revisions (40 hex
//! characters) are replaced: a private repository's revision is identifying. So are their
//! abbreviations (7 to 39 leading hex digits, as `configurationRevision` and `git log
//! --oneline` print them) wherever the full revision appears in the same report, with the
//! same placeholder.
//!
//! Matching is by whole word (a user `al` does not touch `alsa`, but does `al-backup.service`),
//! host names case-insensitively.
//! The redacted report is marked `redacted: true`; it is never used as the previous audit.

use std::collections::BTreeMap;

use nixbtw_contracts::{text, Prose, Report, Span};
use nixbtw_probes::probes::host::HostFacts;
use nixbtw_probes::FactSet;
use regex::Regex;
use serde_json::Value;

/// Host names that identify nobody (installer and container defaults).
const GENERIC_HOSTS: &[&str] = &["localhost", "nixos", "nixos-wsl", "unknown-host", "nixbtw"];
/// User names that identify nobody.
const GENERIC_USERS: &[&str] = &["root", "nobody", "nixos", "shared", "default", "user"];
/// Prefixes of well-known secret formats.
const TOKEN_PREFIXES: &[&str] = &[
    "ghp_",
    "gho_",
    "ghu_",
    "ghs_",
    "ghr_",
    "github_pat_",
    "glpat-",
    "xoxb-",
    "xoxp-",
    "xoxa-",
    "xoxs-",
    "AKIA",
    "ASIA",
    "AGE-SECRET-KEY-",
    "sk-",
    "hf_",
    "npm_",
    "pypi-",
    "cachix",
];

/// Which placeholder family a value belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Host,
    User,
    Email,
    Ip,
    Mac,
    Token,
}

impl Kind {
    fn prefix(self) -> &'static str {
        match self {
            Kind::Host => "host",
            Kind::User => "user",
            Kind::Email => "email",
            Kind::Ip => "ip",
            Kind::Mac => "mac",
            Kind::Token => "token",
        }
    }
}

struct Patterns {
    home: Regex,
    email: Regex,
    mac: Regex,
    ipv4: Regex,
    ipv6: Regex,
    token: Regex,
    revision: Regex,
    short_revision: Regex,
}

impl Patterns {
    fn new() -> Result<Patterns, regex::Error> {
        Ok(Patterns {
            home: Regex::new(r"(?:/home|/Users|/per-user)/([A-Za-z0-9_][A-Za-z0-9._-]*)")?,
            email: Regex::new(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")?,
            mac: Regex::new(r"(?i)[0-9a-f]{2}(?:[:-][0-9a-f]{2}){5}")?,
            ipv4: Regex::new(
                r"(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])",
            )?,
            ipv6: Regex::new(r"(?i)(?:[0-9a-f]{0,4}:){2,7}[0-9a-f]{0,4}")?,
            token: Regex::new(
                r"sha(?:256|512)-[A-Za-z0-9+/=]+|[A-Za-z0-9_+-]+(?:/[A-Za-z0-9_+-]+)*={0,2}",
            )?,
            revision: Regex::new(r"\b[0-9a-f]{40}\b")?,
            short_revision: Regex::new(r"\b[0-9a-f]{7,39}\b")?,
        })
    }
}

/// The placeholders of one report.
struct Redactor {
    pat: Patterns,
    /// (lowercased host name, placeholder), longest first.
    hosts: Vec<(String, String)>,
    /// (user name, placeholder), longest first.
    users: Vec<(String, String)>,
    /// Full git revisions (40 hex) anywhere in the report: their abbreviations
    /// (`a1b2c3d4e5f6`, `configurationRevision` of a dirty tree) get the same placeholder.
    revisions: Vec<String>,
    seen: BTreeMap<(Kind, String), String>,
    counters: BTreeMap<Kind, usize>,
}

/// Bytes that continue a word. `-` and `.` end one: a user or host name inside a unit or
/// store name (`home-manager-alice.service`, `nixos-system-alice-laptop-25.11`) is replaced too;
/// over-redaction is the safe side.
fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Nix base32 alphabet (no e, o, u, t).
fn is_nix32(b: u8) -> bool {
    matches!(b, b'0'..=b'9' | b'a'..=b'd' | b'f'..=b'n' | b'p'..=b's' | b'v'..=b'z')
}

fn is_store_name(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 32 && b[..32].iter().all(|c| is_nix32(*c)) && (b.len() == 32 || b[32] == b'-')
}

fn looks_like_token(s: &str) -> bool {
    if s.starts_with("sha256-") || s.starts_with("sha512-") || is_store_name(s) {
        return false;
    }
    if s.contains('/') {
        // A base64 secret may hold `/`; a path holds words. Judged as a whole, and only
        // when no segment reads like a path's word (`home`, `store`, a store name).
        let wordy = s.split('/').any(|seg| {
            is_store_name(seg)
                || (seg.len() >= 3 && seg.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'))
        });
        let upper = s.bytes().any(|b| b.is_ascii_uppercase());
        let lower = s.bytes().any(|b| b.is_ascii_lowercase());
        let digits = s.bytes().filter(u8::is_ascii_digit).count();
        return !wordy && s.len() >= 24 && upper && lower && digits >= 2;
    }
    if TOKEN_PREFIXES.iter().any(|p| s.starts_with(p)) && s.len() >= 16 {
        return true;
    }
    let upper = s.bytes().any(|b| b.is_ascii_uppercase());
    let lower = s.bytes().any(|b| b.is_ascii_lowercase());
    let digits = s.bytes().filter(u8::is_ascii_digit).count();
    let len = s.len();
    (len >= 20 && upper && lower && digits > 0)
        || (len >= 32 && s.bytes().all(|b| b.is_ascii_hexdigit()))
        || (len >= 24
            && digits >= 4
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}

impl Redactor {
    fn new() -> Result<Redactor, regex::Error> {
        Ok(Redactor {
            pat: Patterns::new()?,
            hosts: Vec::new(),
            users: Vec::new(),
            revisions: Vec::new(),
            seen: BTreeMap::new(),
            counters: BTreeMap::new(),
        })
    }

    /// Longest first, so `alice-admin` is replaced before `alice`.
    fn sort_longest_first(&mut self) {
        self.hosts
            .sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        self.users
            .sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
    }

    fn placeholder(&mut self, kind: Kind, value: &str) -> String {
        let key = (kind, value.to_string());
        if let Some(p) = self.seen.get(&key) {
            return p.clone();
        }
        let n = self.counters.entry(kind).or_insert(0);
        *n += 1;
        let p = format!("{}-{n}", kind.prefix());
        self.seen.insert(key, p.clone());
        p
    }

    fn add_host(&mut self, name: &str) {
        let name = name.trim().trim_end_matches('.').to_ascii_lowercase();
        if name.is_empty() {
            return;
        }
        let short = name.split('.').next().unwrap_or("").to_string();
        let p = if GENERIC_HOSTS.contains(&short.as_str()) && short == name {
            return;
        } else {
            self.placeholder(Kind::Host, &name)
        };
        let slug = text::slug(&name);
        for variant in [name.clone(), short, slug] {
            if variant.len() >= 2
                && !GENERIC_HOSTS.contains(&variant.as_str())
                && !self.hosts.iter().any(|(h, _)| *h == variant)
            {
                self.hosts.push((variant, p.clone()));
            }
        }
    }

    fn add_users_from(&mut self, s: &str) {
        let names: Vec<String> = self
            .pat
            .home
            .captures_iter(s)
            .filter_map(|c| c.get(1).map(|m| m.as_str().to_string()))
            .collect();
        for name in names {
            if name.len() < 2
                || GENERIC_USERS.contains(&name.as_str())
                || self.users.iter().any(|(u, _)| *u == name)
            {
                continue;
            }
            let p = self.placeholder(Kind::User, &name);
            self.users.push((name, p));
        }
    }

    fn add_revisions_from(&mut self, s: &str) {
        for m in self.pat.revision.find_iter(s) {
            if !self.revisions.iter().any(|r| r == m.as_str()) {
                self.revisions.push(m.as_str().to_string());
            }
        }
    }

    /// Replace abbreviations (7 to 39 hex digits, a whole word) of a known full revision with
    /// that revision's placeholder. Other short hex words stay: without the full revision
    /// nothing says they are one.
    fn replace_short_revisions(&mut self, s: &str) -> String {
        if self.revisions.is_empty() {
            return s.to_string();
        }
        let spans: Vec<(usize, usize, String)> = self
            .pat
            .short_revision
            .find_iter(s)
            .filter_map(|m| {
                let full = self.revisions.iter().find(|r| r.starts_with(m.as_str()))?;
                Some((m.start(), m.end(), full.clone()))
            })
            .collect();
        let mut out = String::with_capacity(s.len());
        let mut last = 0;
        for (a, b, full) in spans {
            out.push_str(&s[last..a]);
            let p = self.placeholder(Kind::Token, &full);
            out.push_str(&p);
            last = b;
        }
        out.push_str(&s[last..]);
        out
    }

    /// Replace every match of `re` that `accept` keeps (it may narrow the span: a match
    /// that swallowed glue, say) with a placeholder of `kind`.
    fn replace_pattern(
        &mut self,
        s: &str,
        which: fn(&Patterns) -> &Regex,
        kind: Kind,
        accept: Accept,
    ) -> String {
        let spans: Vec<(usize, usize)> = which(&self.pat)
            .find_iter(s)
            .flat_map(|m| accept(s, m.as_str(), m.start(), m.end()))
            .collect();
        if spans.is_empty() {
            return s.to_string();
        }
        let mut out = String::with_capacity(s.len());
        let mut last = 0;
        for (a, b) in spans {
            if a < last || !s.is_char_boundary(a) || !s.is_char_boundary(b) {
                continue;
            }
            out.push_str(&s[last..a]);
            let p = self.placeholder(kind, &s[a..b]);
            out.push_str(&p);
            last = b;
        }
        out.push_str(&s[last..]);
        out
    }

    /// Replace whole-word occurrences of each `(needle, placeholder)`; `fold` matches
    /// ASCII-case-insensitively.
    fn replace_words(s: &str, words: &[(String, String)], fold: bool) -> String {
        let mut cur = s.to_string();
        for (needle, placeholder) in words {
            let hay = if fold {
                cur.to_ascii_lowercase()
            } else {
                cur.clone()
            };
            let bytes = hay.as_bytes();
            let mut out = String::with_capacity(cur.len());
            let mut last = 0;
            let mut from = 0;
            while let Some(pos) = hay[from..].find(needle.as_str()) {
                let a = from + pos;
                let b = a + needle.len();
                let left_ok = a == 0 || !is_word_byte(bytes[a - 1]);
                let right_ok = b == bytes.len() || !is_word_byte(bytes[b]);
                if left_ok && right_ok {
                    out.push_str(&cur[last..a]);
                    out.push_str(placeholder);
                    last = b;
                }
                from = b;
            }
            out.push_str(&cur[last..]);
            cur = out;
        }
        cur
    }

    fn redact(&mut self, s: &str) -> String {
        let s = self.replace_pattern(
            s,
            |p| &p.email,
            Kind::Email,
            |_, m, a, b| {
                let tld = m.rsplit('.').next().unwrap_or("");
                let unit = [
                    "service",
                    "socket",
                    "timer",
                    "mount",
                    "target",
                    "path",
                    "slice",
                    "scope",
                    "device",
                    "swap",
                    "automount",
                ];
                let keep = tld.len() >= 2
                    && tld.bytes().all(|b| b.is_ascii_alphabetic())
                    && !unit.contains(&tld);
                only_if(keep, a, b)
            },
        );
        let s = self.replace_pattern(&s, |p| &p.token, Kind::Token, token_spans);
        let s = self.replace_short_revisions(&s);
        let s = self.replace_pattern(
            &s,
            |p| &p.mac,
            Kind::Mac,
            // Not one group of a longer run of hex pairs; `hwaddr:52:54:...` is a MAC.
            |s, _, a, b| only_if(!hex_run_left(s, a) && !hex_run_right(s, b), a, b),
        );
        let s = self.replace_pattern(
            &s,
            |p| &p.ipv4,
            Kind::Ip,
            |s, _, a, b| {
                // Not part of a longer dotted number (a version such as 1.2.3.4.5).
                let bytes = s.as_bytes();
                let before = a.checked_sub(1).map(|i| bytes[i]);
                let after = bytes.get(b).copied();
                let dotted_digit = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
                let keep = !before.is_some_and(|c| {
                    c.is_ascii_digit() || (c == b'.' && a >= 2 && dotted_digit(a - 2))
                }) && !after
                    .is_some_and(|c| c.is_ascii_digit() || (c == b'.' && dotted_digit(b + 1)));
                only_if(keep, a, b)
            },
        );
        let s = self.replace_pattern(
            &s,
            |p| &p.ipv6,
            Kind::Ip,
            |s, m, a, b| {
                // A match that starts with the colon of `word:` (`addr:fe80::1`) is the
                // address after it.
                let (m, a) = match m.strip_prefix(':') {
                    Some(rest) if !rest.starts_with(':') => (rest, a + 1),
                    _ => (m, a),
                };
                let colons = m.bytes().filter(|c| *c == b':').count();
                let hex = m.bytes().filter(u8::is_ascii_hexdigit).count();
                let keep = (m.contains("::") || colons == 7)
                    && hex >= 1
                    && m != "::"
                    && !hex_run_left(s, a)
                    && !hex_run_right(s, b)
                    && s.as_bytes().get(b).is_none_or(|c| *c != b'.');
                only_if(keep, a, b)
            },
        );
        let s = Self::replace_words(&s, &self.hosts, true);
        Self::replace_words(&s, &self.users, false)
    }

    fn value(&mut self, v: &mut Value) {
        match v {
            Value::String(s) => *s = self.redact(s),
            Value::Array(items) => items.iter_mut().for_each(|i| self.value(i)),
            Value::Object(map) => {
                let old = std::mem::take(map);
                for (k, mut item) in old {
                    self.value(&mut item);
                    map.insert(self.redact(&k), item);
                }
            }
            _ => {}
        }
    }
}

/// Which spans of a match (text, match, start, end) are replaced.
type Accept = fn(&str, &str, usize, usize) -> Vec<(usize, usize)>;

/// The span `a..b` when `keep`, else nothing.
fn only_if(keep: bool, a: usize, b: usize) -> Vec<(usize, usize)> {
    if keep {
        vec![(a, b)]
    } else {
        Vec::new()
    }
}

/// Whether the text before `a` continues a run of hex digits and `:`/`-` separators (so a
/// match at `a` is one part of a longer address or hash). A word then a colon (`addr:`) does
/// not: only a hex digit right before, or a separator with a hex digit before it.
fn hex_run_left(s: &str, a: usize) -> bool {
    let bytes = s.as_bytes();
    match a.checked_sub(1).map(|i| bytes[i]) {
        Some(c) if c.is_ascii_alphanumeric() => true,
        Some(b':' | b'-') => {
            a >= 2 && bytes[a - 2].is_ascii_hexdigit() && {
                // `word:` ends in a letter that is also a hex digit (`id:`): look at the whole word.
                let word_start = bytes[..a - 1]
                    .iter()
                    .rposition(|c| !c.is_ascii_alphanumeric())
                    .map_or(0, |i| i + 1);
                bytes[word_start..a - 1].iter().all(u8::is_ascii_hexdigit)
            }
        }
        _ => false,
    }
}

/// Whether the text after `b` continues a run of hex digits and separators.
fn hex_run_right(s: &str, b: usize) -> bool {
    let bytes = s.as_bytes();
    match bytes.get(b) {
        Some(c) if c.is_ascii_alphanumeric() => true,
        Some(b':' | b'-') => bytes.get(b + 1).is_some_and(u8::is_ascii_hexdigit),
        _ => false,
    }
}

/// The token-like spans of one match of the token pattern: the whole match when it looks
/// like a secret, else the secrets glued inside it (`source-<40 hex>`, `x_ghp_...`): a run of
/// 32 or more hex digits, or a known secret prefix and what follows it.
fn token_spans(s: &str, m: &str, a: usize, b: usize) -> Vec<(usize, usize)> {
    let glued = |i: usize| i > 0 && s.as_bytes()[i - 1].is_ascii_alphanumeric();
    if !glued(a) && !s.as_bytes().get(b).is_some_and(u8::is_ascii_alphanumeric) {
        if looks_like_token(m) {
            return vec![(a, b)];
        }
    } else if glued(a) {
        return Vec::new();
    }
    let mut out = Vec::new();
    if let Some(p) = TOKEN_PREFIXES
        .iter()
        .filter_map(|p| m.find(p).filter(|i| *i > 0).map(|i| (i, p)))
        .min()
    {
        let start = p.0;
        let glue_ok = !m.as_bytes()[start - 1].is_ascii_alphanumeric();
        if glue_ok && m.len() - start >= 16 {
            return vec![(a + start, b)];
        }
    }
    let bytes = m.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_hexdigit() && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric()) {
            let end = bytes[i..]
                .iter()
                .position(|c| !c.is_ascii_hexdigit())
                .map_or(bytes.len(), |n| i + n);
            let clean_end = end == bytes.len() || !bytes[end].is_ascii_alphanumeric();
            if end - i >= 32 && clean_end {
                out.push((a + i, a + end));
            }
            i = end.max(i + 1);
        } else {
            i += 1;
        }
    }
    out
}

/// Every free-text string of the report, in a fixed order (placeholders are numbered in it).
fn for_each_text(report: &mut Report, mut f: impl FnMut(&mut String)) {
    f(&mut report.target);
    f(&mut report.root);
    f(&mut report.lane);
    for finding in &mut report.findings {
        f(&mut finding.subject);
        f(&mut finding.title);
        f(&mut finding.summary);
        f(&mut finding.file);
        prose_texts(&mut finding.description, &mut f);
        for e in &mut finding.evidence {
            f(&mut e.source);
            e.excerpt.iter_mut().for_each(&mut f);
        }
        prose_texts(&mut finding.suggested_action, &mut f);
        if let Some(fix) = &mut finding.fix_applied {
            prose_texts(fix, &mut f);
        }
    }
    for p in &mut report.probes {
        f(&mut p.message);
    }
    if let Some(prev) = &mut report.previous {
        f(&mut prev.file);
    }
}

/// Each span of `prose`, text and code alike (a secret is a secret in a command too).
fn prose_texts(prose: &mut Prose, f: &mut impl FnMut(&mut String)) {
    for span in prose.spans_mut() {
        match span {
            Span::Text(t) | Span::Code(t) => f(t),
        }
    }
}

fn collect_strings(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(items) => items.iter().for_each(|i| collect_strings(i, out)),
        Value::Object(map) => {
            for (k, item) in map {
                out.push(k.clone());
                collect_strings(item, out);
            }
        }
        _ => {}
    }
}

/// Replace identifying values in every string of `report` and mark it redacted. Fails
/// (leaving the report untouched) only if a pattern does not compile: the caller must then
/// write nothing rather than an unredacted report.
///
/// `facts` are the report's typed facts (`crate::audit::stored_facts`); the host name is read
/// from them, then every string of the stored facts is rewritten.
pub fn redact(report: &mut Report, facts: &FactSet) -> Result<(), regex::Error> {
    let mut r = Redactor::new()?;
    r.add_host(&report.target.clone());
    if let Some(h) = facts.get::<HostFacts>().and_then(|h| h.hostname.as_deref()) {
        r.add_host(h);
    }
    let mut all = Vec::new();
    for_each_text(report, |s| all.push(s.clone()));
    for v in report.facts.values() {
        collect_strings(v, &mut all);
    }
    for s in &all {
        r.add_users_from(s);
        r.add_revisions_from(s);
    }
    r.sort_longest_first();
    for_each_text(report, |s| *s = r.redact(s));
    for v in report.facts.values_mut() {
        r.value(v);
    }
    report.redacted = true;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn redactor() -> Redactor {
        let mut r = Redactor::new().unwrap();
        r.add_host("Alice-Laptop.corp.example.org");
        r.add_users_from(
            "/home/alice/x /Users/bob /nix/var/nix/profiles/per-user/carol/profile /home/root",
        );
        r.sort_longest_first();
        r
    }

    #[test]
    fn each_kind_is_replaced_consistently() {
        let mut r = redactor();
        let cases = [
            (
                "ssh alice-laptop.corp.example.org failed",
                "ssh host-1 failed",
            ),
            ("ALICE-LAPTOP rebooted", "host-1 rebooted"),
            (
                "/home/alice/src/result -> /nix/store/x",
                "/home/user-1/src/result -> /nix/store/x",
            ),
            ("owner carol, then alice", "owner user-3, then user-1"),
            ("home-manager-alice.service", "home-manager-user-1.service"),
            (
                "/nix/store/0123456789abcdfghijklmnpqrsvwxyz-nixos-system-alice-laptop-25.11",
                "/nix/store/0123456789abcdfghijklmnpqrsvwxyz-nixos-system-host-1-25.11",
            ),
            (
                "mail alice@example.com or bob@mail.example.net",
                "mail email-1 or email-2",
            ),
            (
                "from 192.168.1.20 port 22 and 192.168.1.20",
                "from ip-1 port 22 and ip-1",
            ),
            ("link fe80::1ff:fe23:4567:890a up", "link ip-2 up"),
            ("ether 52:54:00:AB:cd:ef brd", "ether mac-1 brd"),
            (
                "token=ghp_abcdefghijklmnopqrstuvwxyz0123456789",
                "token=token-1",
            ),
            (
                "key AGE-SECRET-KEY-1QQQQQQQQQQQQQQQQQQQQQQQQQQ",
                "key token-2",
            ),
            ("secret aB3dE5gH7jK9mN1pQ3sT5vX7", "secret token-3"),
        ];
        for (input, want) in cases {
            assert_eq!(r.redact(input), want, "{input}");
        }
    }

    #[test]
    fn abbreviated_revisions_of_a_known_revision_share_its_placeholder() {
        let mut r = redactor();
        let full = "0f3e9a1b2c4d5e6f708192a3b4c5d6e7f8091a2b";
        r.add_revisions_from(&format!("configurationRevision {full}"));
        assert_eq!(r.redact(&format!("rev {full}")), "rev token-1");
        assert_eq!(
            r.redact("built from 0f3e9a1b2c4d-dirty"),
            "built from token-1-dirty"
        );
        assert_eq!(
            r.redact("nixos 26.05.20261120.0f3e9a1"),
            "nixos 26.05.20261120.token-1"
        );
        // Not a prefix of a known revision, too short, or inside a word: kept.
        assert_eq!(
            r.redact("abcdef1234567 and 0f3e9a"),
            "abcdef1234567 and 0f3e9a"
        );
        assert_eq!(r.redact("x0f3e9a1b2c4d"), "x0f3e9a1b2c4d");
        // With no full revision in the report nothing short is touched.
        let mut bare = redactor();
        assert_eq!(bare.redact("0f3e9a1b2c4d"), "0f3e9a1b2c4d");
    }

    /// Each class is found whatever glues to it (issue: a MAC after `word:`, an IPv6 address
    /// glued to `word:`, a key holding `/`, git revisions inside other words).
    #[test]
    fn glued_values_are_still_replaced() {
        let mut r = redactor();
        let rev = "0123456789abcdef0123456789abcdef01234567";
        let cases = [
            ("hwaddr:52:54:00:ab:cd:ef", "hwaddr:mac-1"),
            ("mac=52-54-00-ab-cd-ef;", "mac=mac-2;"),
            ("(52:54:00:ab:cd:ef)", "(mac-1)"),
            ("addr:fe80::1ff:fe23:4567:890a/64", "addr:ip-1/64"),
            ("inet6=2001:db8::42,", "inet6=ip-2,"),
            ("src:10.1.2.3:22", "src:ip-3:22"),
            (
                "PrivateKey = yAnz5TF+lXXJte14tji3zlMNq/hd2rYUIgJBgB3fBmk=",
                "PrivateKey = token-1",
            ),
            (&format!("rev:{rev}"), "rev:token-2"),
            (&format!("source-{rev}.tar"), "source-token-2.tar"),
            (
                &format!("github:me/private/{rev}"),
                "github:me/private/token-2",
            ),
            ("x_ghp_abcdefghijklmnopqrstuvwxyz0123456789", "x_token-3"),
        ];
        for (input, want) in cases {
            assert_eq!(r.redact(input), want, "{input}");
        }
        // Paths stay paths.
        for keep in [
            "/home/user-1/Projects2024/Reports/Q3",
            "/nix/store/0123456789abcdfghijklmnpqrsvwxyz-source/lib/NixOS2024",
            "fe80 is a prefix; 12:34:56 is a time",
        ] {
            assert_eq!(r.redact(keep), keep);
        }
    }

    #[test]
    fn ordinary_text_is_left_alone() {
        let mut r = redactor();
        for keep in [
            "/nix/store/0123456789abcdfghijklmnpqrsvwxyz-nix-2.28.3",
            "NixOS 25.11.20251120.abcdef0 (Xantusia), Nix 2.28.3, kernel 6.12.40",
            "user@1000.service failed at 22:15:03",
            "getty@tty1.service",
            "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=",
            "nixos-system-nixos-25.11pre-git and home-manager-generation",
            "std::io::Error in /root/.nix-profile",
            "alsa-lib and alicebot (not the user alice's words)",
            "10 GiB free of 1.2.3.4.5",
        ] {
            let out = r.redact(keep);
            if keep.starts_with("alsa") {
                assert_eq!(out, "alsa-lib and alicebot (not the user user-1's words)");
            } else {
                assert_eq!(out, keep);
            }
        }
    }

    #[test]
    fn generic_host_names_are_kept() {
        let mut r = Redactor::new().unwrap();
        r.add_host("nixos");
        assert!(r.hosts.is_empty());
        assert_eq!(
            r.redact("/etc/nixos/configuration.nix"),
            "/etc/nixos/configuration.nix"
        );
    }
}
