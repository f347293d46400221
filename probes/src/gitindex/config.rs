//! Git config files read as data: a handful of keys, never a program.
//!
//! The reader knows the syntax git-config(1) documents (sections, `"sub"`sections, the legacy
//! `[section.sub]`, bare boolean keys, quotes, escapes, `\` continuations, `#`/`;` comments)
//! and is lenient: a line it cannot parse is skipped rather than failing the audit, since
//! only a few keys are looked up. `include` and `includeIf` are not followed (documented in
//! docs/security.md). Nothing read here is ever executed: `filter.*.clean`,
//! `core.fsmonitor` and `core.hooksPath` are just text the audit never looks at.

/// One `section.subsection.key = value` (section and key lowercased; value `None` for a bare
/// key, which git reads as boolean true).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigEntry {
    /// Section, lowercased.
    pub section: String,
    /// Subsection, case kept (`filter "evil"` -> `evil`).
    pub subsection: Option<String>,
    /// Key, lowercased.
    pub key: String,
    /// Value, unquoted and unescaped.
    pub value: Option<String>,
}

/// A stack of config files, lowest precedence first.
#[derive(Debug, Clone, Default)]
pub struct Config {
    entries: Vec<ConfigEntry>,
}

impl Config {
    /// Add one file's entries (higher precedence than those already added).
    pub fn add(&mut self, text: &[u8]) {
        self.entries.extend(parse(text));
    }

    /// The last value of `section.key` (no subsection), as git's "last one wins".
    pub fn get(&self, section: &str, key: &str) -> Option<Option<&str>> {
        self.entries
            .iter()
            .rev()
            .find(|e| e.section == section && e.subsection.is_none() && e.key == key)
            .map(|e| e.value.as_deref())
    }

    /// A boolean key; `None` when absent or not a boolean.
    pub fn get_bool(&self, section: &str, key: &str) -> Option<bool> {
        match self.get(section, key)? {
            None => Some(true),
            Some(v) => parse_bool(v),
        }
    }
}

/// Git's boolean spellings.
pub fn parse_bool(v: &str) -> Option<bool> {
    match v.to_ascii_lowercase().as_str() {
        "true" | "yes" | "on" | "1" => Some(true),
        "false" | "no" | "off" | "0" | "" => Some(false),
        _ => None,
    }
}

/// Parse a config file's bytes.
pub fn parse(text: &[u8]) -> Vec<ConfigEntry> {
    let text = String::from_utf8_lossy(text);
    let mut out = Vec::new();
    let mut section = String::new();
    let mut subsection: Option<String> = None;
    let mut chars = text.chars().peekable();
    loop {
        // Start of a line: skip blanks.
        while matches!(chars.peek(), Some(' ' | '\t' | '\r' | '\n')) {
            chars.next();
        }
        let Some(&c) = chars.peek() else { break };
        match c {
            '#' | ';' => skip_line(&mut chars),
            '[' => {
                chars.next();
                match header(&mut chars) {
                    Some((s, sub)) => {
                        section = s;
                        subsection = sub;
                    }
                    None => {
                        section.clear();
                        subsection = None;
                        skip_line(&mut chars);
                    }
                }
            }
            c if c.is_ascii_alphabetic() => {
                let mut key = String::new();
                while let Some(&k) = chars.peek() {
                    if k.is_ascii_alphanumeric() || k == '-' {
                        key.push(k.to_ascii_lowercase());
                        chars.next();
                    } else {
                        break;
                    }
                }
                while matches!(chars.peek(), Some(' ' | '\t')) {
                    chars.next();
                }
                let value = match chars.peek() {
                    Some('=') => {
                        chars.next();
                        Some(value(&mut chars))
                    }
                    None | Some('\n' | '#' | ';' | '\r') => {
                        skip_line(&mut chars);
                        None
                    }
                    Some(_) => {
                        skip_line(&mut chars);
                        continue;
                    }
                };
                if !section.is_empty() {
                    out.push(ConfigEntry {
                        section: section.clone(),
                        subsection: subsection.clone(),
                        key,
                        value,
                    });
                }
            }
            _ => skip_line(&mut chars),
        }
    }
    out
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

fn skip_line(chars: &mut Chars<'_>) {
    for c in chars.by_ref() {
        if c == '\n' {
            break;
        }
    }
}

/// After `[`: `section]`, `section "sub"]` or `section.sub]`.
fn header(chars: &mut Chars<'_>) -> Option<(String, Option<String>)> {
    let mut name = String::new();
    while let Some(&c) = chars.peek() {
        if c.is_ascii_alphanumeric() || c == '-' || c == '.' {
            name.push(c);
            chars.next();
        } else {
            break;
        }
    }
    match chars.next()? {
        ']' => {
            if let Some((s, sub)) = name.split_once('.') {
                Some((s.to_ascii_lowercase(), Some(sub.to_ascii_lowercase())))
            } else {
                Some((name.to_ascii_lowercase(), None))
            }
        }
        ' ' | '\t' => {
            while matches!(chars.peek(), Some(' ' | '\t')) {
                chars.next();
            }
            if chars.next()? != '"' {
                return None;
            }
            let mut sub = String::new();
            loop {
                match chars.next()? {
                    '"' => break,
                    '\\' => sub.push(chars.next()?),
                    '\n' => return None,
                    c => sub.push(c),
                }
            }
            (chars.next()? == ']').then(|| (name.to_ascii_lowercase(), Some(sub)))
        }
        _ => None,
    }
}

/// After `=`: the value to the end of the line, with quotes, escapes and continuations.
fn value(chars: &mut Chars<'_>) -> String {
    let mut out = String::new();
    let mut quoted = false;
    // Whitespace outside quotes is kept only between words; trailing is dropped.
    let mut pending_space = String::new();
    let mut started = false;
    while let Some(c) = chars.next() {
        match c {
            '\n' => break,
            '\r' if chars.peek() == Some(&'\n') => {}
            '\\' => match chars.next() {
                Some('\n') => {}
                Some('\r') if chars.peek() == Some(&'\n') => {
                    chars.next();
                }
                Some(e) => {
                    out.push_str(&pending_space);
                    pending_space.clear();
                    started = true;
                    out.push(match e {
                        'n' => '\n',
                        't' => '\t',
                        'b' => '\u{8}',
                        other => other,
                    });
                }
                None => break,
            },
            '"' => {
                out.push_str(&pending_space);
                pending_space.clear();
                started = true;
                quoted = !quoted;
            }
            '#' | ';' if !quoted => {
                skip_line(chars);
                break;
            }
            ' ' | '\t' if !quoted => {
                if started {
                    pending_space.push(c);
                }
            }
            c => {
                out.push_str(&pending_space);
                pending_space.clear();
                started = true;
                out.push(c);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_keys_values() {
        let text = br#"
# comment
[core]
	repositoryformatversion = 1
	filemode = true
	bare
	autocrlf = "input" ; comment
[filter "evil"]
	clean = touch /tmp/MARKER
[extensions]
	objectFormat = sha256
[Core.Sub] x = 1
[core] worktree = "/a b" \
 c
"#;
        let mut c = Config::default();
        c.add(text);
        assert_eq!(c.get("core", "autocrlf"), Some(Some("input")));
        assert_eq!(c.get_bool("core", "bare"), Some(true));
        assert_eq!(c.get_bool("core", "filemode"), Some(true));
        assert_eq!(c.get("extensions", "objectformat"), Some(Some("sha256")));
        // As `git config -f`: the space before the continuation is kept.
        assert_eq!(c.get("core", "worktree"), Some(Some("/a b  c")));
        assert_eq!(c.get("core", "clean"), None);
        let e = parse(text);
        assert!(e.iter().any(|e| e.subsection.as_deref() == Some("evil")
            && e.value.as_deref() == Some("touch /tmp/MARKER")));
        assert!(e.iter().any(|e| e.section == "core"
            && e.subsection.as_deref() == Some("sub")
            && e.key == "x"));
    }

    #[test]
    fn later_files_win_and_garbage_is_skipped() {
        let mut c = Config::default();
        c.add(b"[core]\nautocrlf = true\n");
        c.add(b"\xff\xfe garbage [[[\n[core]\n!!!\nautocrlf = false\n");
        assert_eq!(c.get_bool("core", "autocrlf"), Some(false));
        assert_eq!(parse_bool("maybe"), None);
    }
}
