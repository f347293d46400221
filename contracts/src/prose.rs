//! Structured finding text: words and code, kept apart until a renderer draws them.
//!
//! A finding's description and suggested action mix the rule's own words, commands the reader
//! should copy, and values read from the host (unit names, paths, settings). Escaping them for
//! markdown in the rule made copied commands break (`\|`, `\*`) and made the terminal and JSON
//! show backslashes. So rules build a [`Prose`]: a list of [`Span`]s that are either text or
//! code, and each renderer turns spans into its own form in one place (markdown escapes text and
//! picks a safe code-span fence; the terminal prints both as they are).
//!
//! Rules write prose as a string in a small syntax, because `format!` is how rules already say
//! things: a backtick opens and closes a code span, and `\` escapes a backtick or backslash.
//! Values from the host are passed through [`lit`], which escapes exactly those two characters,
//! so a hostile unit name cannot end a code span or open one. The syntax is also the JSON form
//! (`"Run `nix-store --gc --print-dead`."`), readable as it stands and parsed back losslessly.
//!
//! Safety never depends on the syntax being used right: every span, text or code, is escaped by
//! the renderer. A value that missed [`lit`] can at worst be drawn as code instead of text.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// One run of finding text.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Span {
    /// Words, read as prose (host values included).
    Text(String),
    /// A command, setting or path to be shown and copied literally.
    Code(String),
}

/// Finding text as spans of words and code; see the module docs.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Prose(Vec<Span>);

/// Escape a host value (or any literal) for the prose syntax: it stays what it is inside text
/// or inside a code span.
pub fn lit(s: impl AsRef<str>) -> String {
    let s = s.as_ref();
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c == '`' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A host value as one shell word inside a code span: single-quoted unless it is made only
/// of characters no shell treats specially, so a copied command cannot run a hostile name.
pub fn sh(s: impl AsRef<str>) -> String {
    let s = s.as_ref();
    let plain = !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "_./:@%+=,-".contains(c));
    if plain {
        lit(s)
    } else {
        lit(format!("'{}'", s.replace('\'', r"'\''")))
    }
}

/// A "how to get it by hand" text (commands separated by `; `, each maybe followed by a note
/// in parentheses) as prose: each command a code span, each note text.
pub fn commands(s: impl AsRef<str>) -> String {
    let s = s.as_ref();
    s.split("; ")
        .map(|part| match part.find(" (") {
            Some(i) if part.ends_with(')') => {
                format!("`{}` {}", lit(&part[..i]), lit(&part[i + 1..]))
            }
            _ => format!("`{}`", lit(part)),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

impl Prose {
    /// Parse the prose syntax. Never fails: an unmatched backtick is a literal backtick.
    pub fn parse(s: &str) -> Prose {
        let mut spans = Vec::new();
        let mut text = String::new();
        let mut chars = s.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\\' if matches!(chars.peek(), Some('`') | Some('\\')) => {
                    text.extend(chars.next());
                }
                '`' => {
                    // Look ahead for the closing backtick; without one this is literal.
                    let rest: String = chars.clone().collect();
                    match code_end(&rest) {
                        Some((code, used)) => {
                            if !text.is_empty() {
                                spans.push(Span::Text(std::mem::take(&mut text)));
                            }
                            spans.push(Span::Code(code));
                            for _ in 0..used {
                                chars.next();
                            }
                        }
                        None => text.push('`'),
                    }
                }
                _ => text.push(c),
            }
        }
        if !text.is_empty() {
            spans.push(Span::Text(text));
        }
        Prose(spans)
    }

    /// The spans, in order.
    pub fn spans(&self) -> &[Span] {
        &self.0
    }

    /// Mutable spans (redaction rewrites their text in place).
    pub fn spans_mut(&mut self) -> &mut [Span] {
        &mut self.0
    }

    /// Whether there is no text at all.
    pub fn is_empty(&self) -> bool {
        self.0.iter().all(|s| match s {
            Span::Text(t) | Span::Code(t) => t.is_empty(),
        })
    }

    /// The words without markup, code spans as their bare content: what a plain-text reader
    /// sees, and what tests search.
    pub fn plain(&self) -> String {
        self.0
            .iter()
            .map(|s| match s {
                Span::Text(t) | Span::Code(t) => t.as_str(),
            })
            .collect()
    }

    /// Whether the plain text contains `needle`.
    pub fn contains(&self, needle: &str) -> bool {
        self.plain().contains(needle)
    }

    /// The code spans' contents, in order.
    pub fn code(&self) -> impl Iterator<Item = &str> {
        self.0.iter().filter_map(|s| match s {
            Span::Code(c) => Some(c.as_str()),
            Span::Text(_) => None,
        })
    }
}

/// `rest` starts just after an opening backtick: the code up to the closing one, and how many
/// characters of `rest` that used (closing backtick included).
fn code_end(rest: &str) -> Option<(String, usize)> {
    let mut code = String::new();
    let mut chars = rest.chars().peekable();
    let mut used = 0;
    while let Some(c) = chars.next() {
        used += 1;
        match c {
            '\\' if matches!(chars.peek(), Some('`') | Some('\\')) => {
                code.extend(chars.next());
                used += 1;
            }
            '`' => return Some((code, used)),
            _ => code.push(c),
        }
    }
    None
}

/// The prose syntax again: [`Prose::parse`] of it gives back the same spans.
impl fmt::Display for Prose {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for span in &self.0 {
            match span {
                Span::Text(t) => f.write_str(&lit(t))?,
                Span::Code(c) => write!(f, "`{}`", lit(c))?,
            }
        }
        Ok(())
    }
}

impl From<&str> for Prose {
    fn from(s: &str) -> Prose {
        Prose::parse(s)
    }
}

impl From<String> for Prose {
    fn from(s: String) -> Prose {
        Prose::parse(&s)
    }
}

impl From<&String> for Prose {
    fn from(s: &String) -> Prose {
        Prose::parse(s)
    }
}

impl Serialize for Prose {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Prose {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Prose, D::Error> {
        let s = String::deserialize(d)?;
        Ok(Prose::parse(&s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(s: &str) -> Span {
        Span::Code(s.into())
    }
    fn text(s: &str) -> Span {
        Span::Text(s.into())
    }

    #[test]
    fn backticks_make_code_spans() {
        let p = Prose::parse("Run `nix-store --gc --print-dead | wc -l` to count.");
        assert_eq!(
            p.spans(),
            [
                text("Run "),
                code("nix-store --gc --print-dead | wc -l"),
                text(" to count.")
            ]
        );
        assert_eq!(
            p.plain(),
            "Run nix-store --gc --print-dead | wc -l to count."
        );
    }

    #[test]
    fn a_host_value_through_lit_stays_inside_its_span() {
        let unit = "evil`; rm -rf / `x\\";
        let p = Prose::parse(&format!(
            "Unit {} failed: `systemctl status {}`",
            lit(unit),
            lit(unit)
        ));
        assert_eq!(
            p.spans(),
            [
                text(&format!("Unit {unit} failed: ")),
                code(&format!("systemctl status {unit}")),
            ]
        );
    }

    #[test]
    fn sh_quotes_what_a_shell_would_interpret() {
        assert_eq!(
            sh("/nix/var/nix/profiles/system"),
            "/nix/var/nix/profiles/system"
        );
        assert_eq!(sh("a b"), "'a b'");
        assert_eq!(sh("$(reboot)"), "'$(reboot)'");
        // In the prose syntax, so read back through the parser.
        assert_eq!(Prose::parse(&sh("it's")).plain(), r"'it'\''s'");
        assert_eq!(Prose::parse(&sh("x`y")).plain(), "'x`y'");
        assert_eq!(sh(""), "''");
        let p = Prose::parse(&format!("`ls -l {}`", sh("a`b; reboot")));
        assert_eq!(p.spans(), [code("ls -l 'a`b; reboot'")]);
    }

    #[test]
    fn commands_are_code_and_notes_are_text() {
        let p = Prose::parse(&commands(
            "df -h /boot; nix-store --gc --print-roots (note: it also removes links)",
        ));
        assert_eq!(
            p.spans(),
            [
                code("df -h /boot"),
                text(", "),
                code("nix-store --gc --print-roots"),
                text(" (note: it also removes links)"),
            ]
        );
    }

    #[test]
    fn an_unmatched_backtick_is_literal() {
        let p = Prose::parse("it's `open and never closed");
        assert_eq!(p.spans(), [text("it's `open and never closed")]);
        let p = Prose::parse("a lone \\ stays");
        assert_eq!(p.plain(), "a lone \\ stays");
    }

    #[test]
    fn display_round_trips_through_parse() {
        for s in [
            "plain",
            "`code` first",
            "mixed `a\\`b` and \\\\ and \\` tick",
            "`` empty code",
            "trailing `x`",
        ] {
            let p = Prose::parse(s);
            assert_eq!(Prose::parse(&p.to_string()), p, "{s}");
        }
        let spans = Prose(vec![text("a`b\\"), code("c`\\d"), text("")]);
        assert_eq!(
            Prose::parse(&spans.to_string()).plain(),
            spans.plain(),
            "{spans}"
        );
    }

    #[test]
    fn json_is_the_readable_syntax() {
        let p = Prose::parse("Run `nix-collect-garbage -d`.");
        let json = serde_json::to_string(&p).unwrap_or_default();
        assert_eq!(json, r#""Run `nix-collect-garbage -d`.""#);
        let back: Prose = serde_json::from_str(&json).unwrap_or_default();
        assert_eq!(back, p);
    }
}
