//! Text that comes from the host (journal lines, file names, config values) is untrusted: it
//! may hold newlines, control and escape sequences, bidi overrides, backticks, pipes, or wide
//! characters. These helpers are the one place that makes such text safe for each surface and
//! that measures it in display columns, so the renderers and the conformance checks agree.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Bytes for people: IEC units with one decimal (`512 B`, `1.5 KiB`, `10.0 GiB`). The one
/// formatter of sizes for reports, rules and progress lines.
pub fn human_bytes(n: u64) -> String {
    const UNITS: [&str; 6] = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
    let mut v = n as f64;
    let mut u = 0;
    while v >= 1024.0 && u < UNITS.len() - 1 {
        v /= 1024.0;
        u += 1;
    }
    if u == 0 {
        format!("{n} B")
    } else {
        format!("{v:.1} {}", UNITS[u])
    }
}

/// [`human_bytes`] of a size that may be unknown (`?`).
pub fn human_bytes_or_unknown(n: Option<u64>) -> String {
    n.map(human_bytes).unwrap_or_else(|| "?".into())
}

/// `n` and the noun in the number it needs: `count(1, "entry", "entries")` is "1 entry",
/// `count(3, ...)` "3 entries". Reports say "1 process", never "1 processes" or "process(es)".
pub fn count(n: impl Into<u64>, one: &str, many: &str) -> String {
    let n = n.into();
    format!("{n} {}", if n == 1 { one } else { many })
}

/// [`count`] for a `usize`.
pub fn count_of(n: usize, one: &str, many: &str) -> String {
    count(u64::try_from(n).unwrap_or(u64::MAX), one, many)
}

/// Display width in terminal columns.
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

fn is_unsafe_char(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}')
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{FEFF}')
}

/// JSON text (as serde_json writes it) with every character that could act on a terminal
/// written as a `\uXXXX` escape: C1 controls, bidi overrides and isolates, line separators, the
/// BOM. serde_json escapes only C0 controls, and these can only occur inside string literals,
/// so the result is the same JSON value, safe to print raw (`--json -`).
pub fn json_terminal_safe(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        // Raw `\n` and spaces are the pretty printer's own layout; every other unsafe
        // character can only be inside a string.
        if is_unsafe_char(c) && !matches!(c, '\n' | '\r' | '\t') {
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{:04x}", u));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// One line of safe text: every line break becomes a space, other control characters,
/// escape sequences and bidi overrides become U+FFFD, runs of white space collapse, and the
/// result is trimmed.
pub fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut last_space = true;
    for c in s.chars() {
        let c = match c {
            '\n' | '\r' | '\t' | '\u{2028}' | '\u{2029}' => ' ',
            c if is_unsafe_char(c) => '\u{FFFD}',
            c => c,
        };
        if c == ' ' {
            if !last_space {
                out.push(' ');
            }
            last_space = true;
        } else {
            out.push(c);
            last_space = false;
        }
    }
    while out.ends_with(' ') {
        out.pop();
    }
    out
}

/// A line of an excerpt, kept verbatim except that control characters (other than tab, which
/// becomes a space) are replaced with U+FFFD, so it cannot move the cursor or end a fence early.
pub fn excerpt_line(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\t' => ' ',
            c if is_unsafe_char(c) => '\u{FFFD}',
            c => c,
        })
        .collect()
}

/// Cut `s` (already one line) to at most `max` display columns; a cut string ends in `...`.
pub fn cut(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    let budget = max.saturating_sub(3);
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > budget {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push_str(&"..."[..max.min(3)]);
    out
}

/// Cut `s` to at most `max` columns keeping its end (for paths: the file name matters most);
/// a cut string starts with `...`.
pub fn cut_left(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    let budget = max.saturating_sub(3);
    let mut tail: Vec<char> = Vec::new();
    let mut used = 0;
    for c in s.chars().rev() {
        let w = UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > budget {
            break;
        }
        used += w;
        tail.push(c);
    }
    let mut out = String::from(&"..."[..max.min(3)]);
    out.extend(tail.into_iter().rev());
    out
}

/// Pad `s` with spaces to exactly `cols` display columns (cutting first if it is wider).
pub fn pad(s: &str, cols: usize) -> String {
    let s = cut(s, cols);
    let fill = cols.saturating_sub(width(&s));
    let mut out = s;
    out.extend(std::iter::repeat_n(' ', fill));
    out
}

/// Escape text for inline markdown: one line, with every markdown-active ASCII punctuation
/// backslash-escaped (CommonMark allows escaping any ASCII punctuation), so host text cannot
/// open emphasis, links, HTML, code spans or table cells.
pub fn md_inline(s: &str) -> String {
    md_escape(&one_line(s))
}

/// Backslash-escape markdown-active ASCII punctuation in `s` (already one safe line).
fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '&' | '~' | '#' | '!' | '$'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Markdown for finding prose: text spans escaped as [`md_inline`], code spans as [`md_code`]
/// (so authored commands render as code and copy cleanly, whatever host values they hold).
pub fn md_prose(p: &crate::Prose) -> String {
    let joined: String = p
        .spans()
        .iter()
        .map(|span| match span {
            // Text keeps its edge spaces (they separate it from the code beside it); the
            // joined line is collapsed and trimmed once, below.
            crate::Span::Text(t) => {
                let lead = if t.starts_with(char::is_whitespace) {
                    " "
                } else {
                    ""
                };
                let trail = if t.ends_with(char::is_whitespace) {
                    " "
                } else {
                    ""
                };
                format!("{lead}{}{trail}", md_escape(&one_line(t)))
            }
            crate::Span::Code(c) => md_code(c),
        })
        .collect();
    one_line(&joined)
}

fn longest_backtick_run(s: &str) -> usize {
    let mut best = 0;
    let mut run = 0;
    for c in s.chars() {
        if c == '`' {
            run += 1;
            best = best.max(run);
        } else {
            run = 0;
        }
    }
    best
}

/// A markdown code span holding `s` (one line) literally, whatever backticks it contains.
pub fn md_code(s: &str) -> String {
    let line = one_line(s);
    if line.is_empty() {
        return "`-`".to_string();
    }
    let ticks = "`".repeat(longest_backtick_run(&line) + 1);
    if line.contains('`') {
        format!("{ticks} {line} {ticks}")
    } else {
        format!("{ticks}{line}{ticks}")
    }
}

/// The backtick fence for a fenced block holding `lines`: longer than any backtick run in them
/// and at least three long.
pub fn md_fence_for<'a>(lines: impl IntoIterator<Item = &'a String>) -> String {
    let longest = lines
        .into_iter()
        .map(|l| longest_backtick_run(l))
        .max()
        .unwrap_or(0);
    "`".repeat((longest + 1).max(3))
}

/// Store paths shortened for a narrow surface: `/nix/store/<hash>-name-1.2/etc/x` becomes
/// `name-1.2/etc/x`. The hash says nothing to a reader and pushes the file name off the line.
pub fn short_store_paths(s: &str) -> String {
    const PREFIX: &str = "/nix/store/";
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find(PREFIX) {
        out.push_str(&rest[..i]);
        let after = &rest[i + PREFIX.len()..];
        let b = after.as_bytes();
        let is_hash = b.len() > 33
            && b[32] == b'-'
            && b[..32]
                .iter()
                .all(|c| c.is_ascii_digit() || c.is_ascii_lowercase());
        if is_hash {
            rest = &after[33..];
        } else {
            out.push_str(PREFIX);
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// A summary for a terminal line of `max` columns: one line, store paths shortened, and when
/// it is still too long and ends in a path, cut in the middle so the path's end (the file
/// name) stays visible; otherwise cut at the end.
pub fn terminal_summary(s: &str, max: usize) -> String {
    let line = short_store_paths(&one_line(s));
    if width(&line) <= max {
        return line;
    }
    let ends_in_path = line
        .rsplit(' ')
        .next()
        .is_some_and(|last| last.contains('/'));
    if !ends_in_path || max < 12 {
        return cut(&line, max);
    }
    // Keep the first third, then ` ...`, then as much of the end as fits.
    let head: String = take_cols(line.chars(), max / 3).trim_end().to_string();
    let sep = " ...";
    let room = max.saturating_sub(width(&head) + width(sep));
    let tail: Vec<char> = take_cols(line.chars().rev(), room).chars().rev().collect();
    format!("{head}{sep}{}", tail.into_iter().collect::<String>())
}

/// The leading characters of `chars` that fit in `max` columns.
fn take_cols(chars: impl Iterator<Item = char>, max: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for c in chars {
        let w = UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > max {
            break;
        }
        used += w;
        out.push(c);
    }
    out
}

/// Text for the terminal: one line, cut to `max` columns.
pub fn terminal(s: &str, max: usize) -> String {
    cut(&one_line(s), max)
}

/// Turn a hostname (or any label) into a file-name slug: lowercase ASCII letters, digits and
/// single dashes; `host` when nothing is left.
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        let c = c.to_ascii_lowercase();
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out.truncate(64);
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        "host".to_string()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_are_human() {
        assert_eq!(human_bytes(512), "512 B");
        assert_eq!(human_bytes(1536), "1.5 KiB");
        assert_eq!(human_bytes(10 * 1024 * 1024 * 1024), "10.0 GiB");
    }

    #[test]
    fn one_line_strips_breaks_and_escapes() {
        assert_eq!(one_line("a\nb\r\n\tc  d "), "a b c d");
        assert_eq!(one_line("\x1b[31mred"), "\u{FFFD}[31mred");
        assert_eq!(one_line("x\u{202E}y"), "x\u{FFFD}y");
    }

    #[test]
    fn cut_and_pad_count_columns() {
        assert_eq!(cut("short", 36), "short");
        let long = "x".repeat(40);
        assert_eq!(width(&cut(&long, 36)), 36);
        assert!(cut(&long, 36).ends_with("..."));
        let wide = "漢".repeat(30); // 60 columns
        let c = cut(&wide, 36);
        assert!(width(&c) <= 36 && c.ends_with("..."));
        assert_eq!(width(&pad(&wide, 36)), 36);
        assert_eq!(width(&pad("é", 5)), 5);
        assert_eq!(cut_left("/a/very/long/path.md", 10), "...path.md");
    }

    #[test]
    fn md_prose_draws_code_as_code_and_escapes_text() {
        let p = crate::Prose::parse("Run (`nix-store --gc --print-dead | wc -l`) *now*; `-e '.*'`");
        assert_eq!(
            md_prose(&p),
            "Run (`nix-store --gc --print-dead | wc -l`) \\*now\\*; `-e '.*'`"
        );
        let hostile = crate::Prose::parse(&format!(
            "unit {} failed: `systemctl status {}`",
            crate::prose::lit("a`b\nc"),
            crate::prose::lit("x``y")
        ));
        assert_eq!(
            md_prose(&hostile),
            "unit a\\`b c failed: ``` systemctl status x``y ```"
        );
    }

    #[test]
    fn md_inline_neutralises_markup() {
        assert_eq!(md_inline("a|b*c"), "a\\|b\\*c");
        assert_eq!(md_inline("<script>"), "\\<script\\>");
        assert!(!md_inline("x\ny").contains('\n'));
    }

    #[test]
    fn code_spans_survive_backticks() {
        assert_eq!(md_code("plain"), "`plain`");
        assert_eq!(md_code("a`b"), "`` a`b ``");
        assert_eq!(md_code("a``b"), "``` a``b ```");
        assert_eq!(md_code(""), "`-`");
    }

    #[test]
    fn fences_are_longer_than_any_run() {
        let lines = vec!["````".to_string(), "x".to_string()];
        assert_eq!(md_fence_for(&lines), "`````");
        assert_eq!(md_fence_for(&Vec::<String>::new()), "```");
    }

    #[test]
    fn slugs_are_file_safe() {
        assert_eq!(slug("My.Host_01"), "my-host-01");
        assert_eq!(slug("../../etc"), "etc");
        assert_eq!(slug("***"), "host");
        assert_eq!(slug("ünïcödé"), "n-c-d");
    }

    #[test]
    fn json_is_made_terminal_safe_without_changing_its_value() {
        let value = serde_json::json!({"t": "a\u{9b}31mb\u{202e}c\u{7f}d\u{1F600}\u{2028}"});
        let text = serde_json::to_string_pretty(&value).unwrap();
        let safe = json_terminal_safe(&text);
        assert!(
            safe.chars().all(|c| !is_unsafe_char(c) || c == '\n'),
            "{safe}"
        );
        assert!(
            safe.contains("\\u009b") && safe.contains("\\u202e"),
            "{safe}"
        );
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, value);
    }

    #[test]
    fn counts_take_the_noun_they_need() {
        assert_eq!(count(1u32, "entry", "entries"), "1 entry");
        assert_eq!(count(0u32, "entry", "entries"), "0 entries");
        assert_eq!(count_of(2, "process", "processes"), "2 processes");
    }

    #[test]
    fn terminal_summaries_keep_the_file_name() {
        let s = "OPENSSH PRIVATE KEY in /nix/store/hlaa8bkp8nwglhr9rljzb5z81a96rhnd-nixos-system-demo-25.05.20250603/etc/deploy/id_ed25519";
        assert_eq!(
            short_store_paths(s),
            "OPENSSH PRIVATE KEY in nixos-system-demo-25.05.20250603/etc/deploy/id_ed25519"
        );
        let t = terminal_summary(s, 66);
        assert_eq!(width(&t), 66, "{t}");
        assert!(t.starts_with("OPENSSH PRIVATE KEY"), "{t}");
        assert!(t.ends_with("etc/deploy/id_ed25519"), "{t}");
        assert_eq!(terminal_summary("short", 66), "short");
        // Not a store path: left alone.
        assert_eq!(
            short_store_paths("/nix/store/short-x"),
            "/nix/store/short-x"
        );
    }
}
