//! The `.nix` literal scanner as it was before issue 17 (a line grep), frozen here so the
//! corpus tool can give before/after figures on the same files. Not used by the audit.

#![allow(clippy::indexing_slicing)]

/// Whether an option name holds a secret value (and is not a hash or a file reference).
pub(crate) fn secret_option_name(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    const SENSITIVE: &[&str] = &[
        "password",
        "passwd",
        "passphrase",
        "secret",
        "token",
        "apikey",
        "api_key",
        "api-key",
        "privatekey",
        "private_key",
        "private-key",
        "psk",
        "credential",
    ];
    const NOT: &[&str] = &[
        "file",
        "files",
        "path",
        "command",
        "cmd",
        "dir",
        "length",
        "policy",
        "prompt",
        "auth",
        "authentication",
        "user",
        "username",
        "url",
        "name",
        "type",
        "mode",
        "method",
        "regex",
        "format",
        "expiry",
        "ttl",
        "lifetime",
        "enable",
    ];
    SENSITIVE.iter().any(|s| n.contains(s))
        && !n.contains("hash")
        && !NOT.iter().any(|s| n.ends_with(s))
}

/// Find `name = "literal";` lines whose option name is a secret. Returns (line, name,
/// redacted line).
pub(crate) fn scan_nix_literals(text: &str) -> Vec<(u32, String, String)> {
    let mut out = Vec::new();
    let mut in_block_comment = false;
    for (i, line) in text.lines().enumerate() {
        let n = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let t = line.trim_start();
        if in_block_comment {
            if t.contains("*/") {
                in_block_comment = false;
            }
            continue;
        }
        if t.starts_with("/*") && !t.contains("*/") {
            in_block_comment = true;
            continue;
        }
        if t.starts_with('#') {
            continue;
        }
        let Some(eq) = find_assign(line) else {
            continue;
        };
        let lhs = line[..eq].trim();
        let name = lhs
            .rsplit('.')
            .next()
            .unwrap_or("")
            .trim_matches('"')
            .trim();
        if name.is_empty() || !secret_option_name(name) {
            continue;
        }
        let rhs = line[eq + 1..].trim_start();
        let (open, close) = if rhs.starts_with("''") {
            ("''", "''")
        } else if rhs.starts_with('"') {
            ("\"", "\"")
        } else {
            continue;
        };
        let body = &rhs[open.len()..];
        let Some(end) = find_close(body, close) else {
            continue;
        };
        let literal = &body[..end];
        if literal.trim().is_empty()
            || literal.contains("${")
            || literal.starts_with('/')
            || literal.starts_with("$2")
            || literal.starts_with("$6$")
            || literal.starts_with("$y$")
        {
            continue;
        }
        let redacted = format!(
            "{} = {open}[REDACTED {} chars]{close}{}",
            lhs,
            literal.chars().count(),
            &body[end + close.len()..]
        );
        out.push((n, name.to_string(), redacted));
    }
    out
}

fn find_assign(line: &str) -> Option<usize> {
    let b = line.as_bytes();
    (0..b.len()).find(|&i| {
        b[i] == b'='
            && b.get(i + 1) != Some(&b'=')
            && (i == 0 || !matches!(b[i - 1], b'=' | b'!' | b'<' | b'>'))
    })
}

fn find_close(body: &str, close: &str) -> Option<usize> {
    let b = body.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if close == "\"" && b[i] == b'\\' {
            i += 2;
            continue;
        }
        if body[i..].starts_with(close) {
            return Some(i);
        }
        i += 1;
    }
    None
}
