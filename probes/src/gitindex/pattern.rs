//! Git's path patterns, for `.gitignore`, `info/exclude` and `.gitattributes`.
//!
//! [`Glob`] implements git's `wildmatch` with `WM_PATHNAME` as gitignore(5) documents it:
//! `?`, `*` and bracket expressions (`[a-z]`, `[!x]`/`[^x]`, `[:alpha:]`, `\` escapes) never
//! match `/`; `**` is special only as a whole component: a leading `**/` matches any number of
//! directories (zero included), a trailing `/**` everything inside, `/**/` zero or more
//! directories; elsewhere it is a plain `*`. A malformed bracket expression never matches, as
//! in git. Matching runs the pattern as a set of text positions advanced token by token, so it
//! costs at most (pattern tokens x path length) steps whatever the input: no backtracking.
//!
//! [`PatternList`] holds one ignore file's rules (last match wins; `!` negates; a trailing `/`
//! matches directories only; a pattern with a `/` other than a trailing one is anchored to the
//! file's directory, one without matches the basename at any depth). [`AttrFile`] holds one
//! attributes file's lines, with `[attr]` macros, for the few attributes that change content
//! on its way into git.

/// One step of a compiled pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    /// A literal byte.
    Lit(u8),
    /// `?`: one byte other than `/`.
    One,
    /// `*` (or a `**` that is not a whole component): any bytes other than `/`.
    Star,
    /// A trailing or lone `**`: anything, slashes included.
    Everything,
    /// `**/` at the start of a component: zero or more whole directories.
    Dirs,
    /// A bracket expression: one byte other than `/`.
    Class {
        negated: bool,
        items: Vec<ClassItem>,
    },
    /// Something git's wildmatch refuses (trailing `\`, unterminated `[`): never matches.
    Never,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum ClassItem {
    Byte(u8),
    Range(u8, u8),
    /// `[:name:]`, by its name.
    Posix(&'static str),
}

/// A compiled wildmatch pattern (with `WM_PATHNAME`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Glob {
    tokens: Vec<Token>,
}

impl Glob {
    /// Compile a pattern. Never fails: what git cannot match compiles to a pattern that never
    /// matches.
    pub fn new(p: &[u8]) -> Glob {
        let mut tokens = Vec::new();
        let mut i = 0;
        while i < p.len() {
            match p[i] {
                b'\\' => {
                    match p.get(i + 1) {
                        Some(c) => tokens.push(Token::Lit(*c)),
                        None => tokens.push(Token::Never),
                    }
                    i += 2;
                }
                b'?' => {
                    tokens.push(Token::One);
                    i += 1;
                }
                b'*' => {
                    let run = p[i..].iter().take_while(|c| **c == b'*').count();
                    let after = i + run;
                    let starts_component = i == 0 || p[i - 1] == b'/';
                    let next = p.get(after).copied();
                    let escaped_slash = next == Some(b'\\') && p.get(after + 1) == Some(&b'/');
                    if run >= 2 && starts_component && next.is_none() {
                        tokens.push(Token::Everything);
                        i = after;
                    } else if run >= 2 && starts_component && next == Some(b'/') {
                        tokens.push(Token::Dirs);
                        i = after + 1;
                    } else if run >= 2 && starts_component && escaped_slash {
                        tokens.push(Token::Dirs);
                        i = after + 2;
                    } else {
                        tokens.push(Token::Star);
                        i = after;
                    }
                }
                b'[' => match class(p, i + 1) {
                    Some((tok, end)) => {
                        tokens.push(tok);
                        i = end;
                    }
                    None => {
                        tokens.push(Token::Never);
                        i = p.len();
                    }
                },
                c => {
                    tokens.push(Token::Lit(c));
                    i += 1;
                }
            }
        }
        Glob { tokens }
    }

    /// Whether the whole of `text` matches.
    pub fn matches(&self, text: &[u8]) -> bool {
        let n = text.len();
        let mut cur = vec![false; n + 1];
        cur[0] = true;
        let mut next = vec![false; n + 1];
        for tok in &self.tokens {
            next.iter_mut().for_each(|x| *x = false);
            let mut any = false;
            match tok {
                Token::Lit(c) => {
                    for i in 0..n {
                        if cur[i] && text[i] == *c {
                            next[i + 1] = true;
                            any = true;
                        }
                    }
                }
                Token::One | Token::Class { .. } => {
                    for i in 0..n {
                        if cur[i] && text[i] != b'/' && class_matches(tok, text[i]) {
                            next[i + 1] = true;
                            any = true;
                        }
                    }
                }
                Token::Star => {
                    let mut on = false;
                    for i in 0..=n {
                        on = cur[i] || (on && text[i - 1] != b'/');
                        next[i] = on;
                        any |= on;
                    }
                }
                Token::Everything => {
                    let mut on = false;
                    for i in 0..=n {
                        on |= cur[i];
                        next[i] = on;
                        any |= on;
                    }
                }
                Token::Dirs => {
                    let mut seen = false;
                    for i in 0..=n {
                        next[i] = cur[i] || (seen && text[i - 1] == b'/');
                        seen |= cur[i];
                        any |= next[i];
                    }
                }
                Token::Never => {}
            }
            std::mem::swap(&mut cur, &mut next);
            if !any {
                return false;
            }
        }
        cur[n]
    }
}

fn class_matches(tok: &Token, c: u8) -> bool {
    match tok {
        Token::Class { negated, items } => {
            let hit = items.iter().any(|it| match it {
                ClassItem::Byte(b) => *b == c,
                ClassItem::Range(lo, hi) => *lo <= c && c <= *hi,
                ClassItem::Posix(name) => posix(name, c),
            });
            hit != *negated
        }
        _ => true,
    }
}

/// The character classes git's wildmatch knows (C locale).
const POSIX_CLASSES: &[&str] = &[
    "alnum", "alpha", "blank", "cntrl", "digit", "graph", "lower", "print", "punct", "space",
    "upper", "xdigit",
];

fn posix(name: &str, c: u8) -> bool {
    match name {
        "alnum" => c.is_ascii_alphanumeric(),
        "alpha" => c.is_ascii_alphabetic(),
        "blank" => c == b' ' || c == b'\t',
        "cntrl" => c.is_ascii_control(),
        "digit" => c.is_ascii_digit(),
        "graph" => c.is_ascii_graphic(),
        "lower" => c.is_ascii_lowercase(),
        "print" => c.is_ascii_graphic() || c == b' ',
        "punct" => c.is_ascii_punctuation(),
        "space" => matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c),
        "upper" => c.is_ascii_uppercase(),
        "xdigit" => c.is_ascii_hexdigit(),
        _ => false,
    }
}

/// Parse a bracket expression starting after `[`; returns the token and the index after `]`,
/// or `None` when it is malformed (git then matches nothing).
fn class(p: &[u8], mut i: usize) -> Option<(Token, usize)> {
    let mut negated = false;
    if matches!(p.get(i), Some(b'!' | b'^')) {
        negated = true;
        i += 1;
    }
    let mut items = Vec::new();
    let mut first = true;
    // The previous single byte, which a following `-x` turns into a range.
    let mut prev: Option<u8> = None;
    loop {
        let c = *p.get(i)?;
        if c == b']' && !first {
            return Some((Token::Class { negated, items }, i + 1));
        }
        first = false;
        if c == b'\\' {
            let e = *p.get(i + 1)?;
            items.push(ClassItem::Byte(e));
            prev = Some(e);
            i += 2;
        } else if c == b'-' && prev.is_some() && p.get(i + 1).is_some_and(|n| *n != b']') {
            let lo = prev.take()?;
            let (hi, used) = match p.get(i + 1)? {
                b'\\' => (*p.get(i + 2)?, 3),
                h => (*h, 2),
            };
            items.push(ClassItem::Range(lo, hi));
            i += used;
        } else if c == b'[' && p.get(i + 1) == Some(&b':') {
            // `[:name:]`; without a closing `:]` before the next `]` it is a literal `[`.
            let start = i + 2;
            let close = start + p[start..].iter().position(|b| *b == b']')?;
            if close > start && p[close - 1] == b':' {
                let name = POSIX_CLASSES
                    .iter()
                    .find(|n| n.as_bytes() == &p[start..close - 1])?;
                items.push(ClassItem::Posix(name));
                prev = None;
                i = close + 1;
            } else {
                items.push(ClassItem::Byte(b'['));
                prev = Some(b'[');
                i += 1;
            }
        } else {
            items.push(ClassItem::Byte(c));
            prev = Some(c);
            i += 1;
        }
    }
}

/// How a pattern line names paths (shared by ignore and attributes files).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathPattern {
    glob: Glob,
    /// Trailing `/`: directories only.
    dir_only: bool,
    /// No `/` but a trailing one: matched against the basename at any depth.
    basename: bool,
}

impl PathPattern {
    /// Parse a pattern (negation already removed).
    pub fn new(mut p: &[u8]) -> PathPattern {
        let dir_only = p.len() > 1 && p.ends_with(b"/");
        if dir_only {
            p = &p[..p.len() - 1];
        }
        let basename = !p.contains(&b'/');
        if !basename && p.starts_with(b"/") {
            p = &p[1..];
        }
        PathPattern {
            glob: Glob::new(p),
            dir_only,
            basename,
        }
    }

    /// Whether `path` (relative to the work tree) matches, for a pattern read from the file
    /// in directory `base` (`""` or `dir/`, relative to the work tree).
    pub fn matches(&self, base: &[u8], path: &[u8], is_dir: bool) -> bool {
        if self.dir_only && !is_dir {
            return false;
        }
        let Some(rel) = path.strip_prefix(base) else {
            return false;
        };
        if self.basename {
            let name = rel.rsplit(|c| *c == b'/').next().unwrap_or(rel);
            self.glob.matches(name)
        } else {
            self.glob.matches(rel)
        }
    }
}

/// Split a file into lines the way git reads pattern files: `\n` ends a line, a `\r` before
/// it is dropped, a UTF-8 byte order mark at the start is skipped.
fn lines(text: &[u8]) -> impl Iterator<Item = &[u8]> {
    let text = text.strip_prefix(b"\xef\xbb\xbf").unwrap_or(text);
    text.split(|c| *c == b'\n')
        .map(|l| l.strip_suffix(b"\r").unwrap_or(l))
}

/// Drop trailing spaces that are not escaped with `\`.
fn trim_trailing_spaces(l: &[u8]) -> &[u8] {
    let mut keep = 0;
    let mut i = 0;
    while i < l.len() {
        match l[i] {
            b' ' => {}
            b'\\' => {
                i += 1;
                keep = (i + 1).min(l.len());
            }
            _ => keep = i + 1,
        }
        i += 1;
    }
    &l[..keep]
}

/// One ignore rule.
#[derive(Debug, Clone, PartialEq, Eq)]
struct IgnoreRule {
    pattern: PathPattern,
    negated: bool,
}

/// The rules of one ignore file (`.gitignore` or `info/exclude`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PatternList {
    /// Directory the file applies to, relative to the work tree (`""` or `dir/`).
    base: Vec<u8>,
    rules: Vec<IgnoreRule>,
}

impl PatternList {
    /// Parse an ignore file found in `base` (`""` for the top and for `info/exclude`).
    pub fn parse(base: &[u8], text: &[u8]) -> PatternList {
        let mut rules = Vec::new();
        for l in lines(text) {
            if l.first() == Some(&b'#') {
                continue;
            }
            let l = trim_trailing_spaces(l);
            if l.is_empty() {
                continue;
            }
            let (negated, p) = match l.strip_prefix(b"!") {
                Some(rest) => (true, rest),
                None => (false, l),
            };
            if p.is_empty() {
                continue;
            }
            rules.push(IgnoreRule {
                pattern: PathPattern::new(p),
                negated,
            });
        }
        PatternList {
            base: base.to_vec(),
            rules,
        }
    }

    /// Number of rules.
    pub fn len(&self) -> usize {
        self.rules.len()
    }

    /// Whether the file had no rules.
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// The decision of the last matching rule: `Some(true)` ignored, `Some(false)` re-included
    /// by a `!` rule, `None` when no rule matches.
    pub fn decide(&self, path: &[u8], is_dir: bool) -> Option<bool> {
        self.rules
            .iter()
            .rev()
            .find(|r| r.pattern.matches(&self.base, path, is_dir))
            .map(|r| !r.negated)
    }
}

/// The state of one attribute on one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AttrState {
    /// `attr`.
    Set,
    /// `-attr`.
    Unset,
    /// `attr=value`.
    Value(String),
    /// `!attr`: back to unspecified.
    Unspecified,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct AttrLine {
    pattern: PathPattern,
    attrs: Vec<(String, AttrState)>,
}

/// One attributes file (`.gitattributes`, `info/attributes`, `/etc/gitattributes`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AttrFile {
    base: Vec<u8>,
    lines: Vec<AttrLine>,
    /// `[attr]name ...` definitions (honoured by git only in top-level files).
    macros: Vec<(String, Vec<(String, AttrState)>)>,
}

/// Longest attributes line git reads (longer ones are ignored with a warning).
const MAX_ATTR_LINE: usize = 2048;

impl AttrFile {
    /// Parse an attributes file of directory `base`; `macros_allowed` for top-level files.
    pub fn parse(base: &[u8], text: &[u8], macros_allowed: bool) -> AttrFile {
        let mut out = AttrFile {
            base: base.to_vec(),
            ..AttrFile::default()
        };
        for l in lines(text) {
            if l.len() > MAX_ATTR_LINE {
                continue;
            }
            let l = String::from_utf8_lossy(l);
            let l = l.trim_start_matches([' ', '\t', '\r']);
            if l.is_empty() || l.starts_with('#') {
                continue;
            }
            let (pattern, rest) = if let Some(q) = l.strip_prefix('"') {
                match unquote(q) {
                    Some(x) => x,
                    None => continue,
                }
            } else {
                let end = l.find([' ', '\t', '\r']).unwrap_or(l.len());
                (l.as_bytes()[..end].to_vec(), &l[end..])
            };
            let attrs: Vec<(String, AttrState)> = rest
                .split([' ', '\t', '\r'])
                .filter(|w| !w.is_empty())
                .map(attr_state)
                .collect();
            if let Some(name) = pattern.strip_prefix(b"[attr]") {
                if macros_allowed {
                    out.macros
                        .push((String::from_utf8_lossy(name).into_owned(), attrs));
                }
                continue;
            }
            if pattern.starts_with(b"!") || pattern.is_empty() {
                continue; // git refuses negative patterns in attributes files
            }
            out.lines.push(AttrLine {
                pattern: PathPattern::new(&pattern),
                attrs,
            });
        }
        out
    }
}

fn attr_state(w: &str) -> (String, AttrState) {
    if let Some(n) = w.strip_prefix('-') {
        (n.into(), AttrState::Unset)
    } else if let Some(n) = w.strip_prefix('!') {
        (n.into(), AttrState::Unspecified)
    } else if let Some((n, v)) = w.split_once('=') {
        (n.into(), AttrState::Value(v.into()))
    } else {
        (w.into(), AttrState::Set)
    }
}

/// A C-quoted pattern after the opening `"`: the pattern and what follows the closing quote.
fn unquote(q: &str) -> Option<(Vec<u8>, &str)> {
    let b = q.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'"' => return Some((out, &q[i + 1..])),
            b'\\' => {
                let e = *b.get(i + 1)?;
                i += 2;
                match e {
                    b'n' => out.push(b'\n'),
                    b't' => out.push(b'\t'),
                    b'a' => out.push(7),
                    b'b' => out.push(8),
                    b'f' => out.push(12),
                    b'r' => out.push(b'\r'),
                    b'v' => out.push(11),
                    b'0'..=b'3' => {
                        let d = b.get(i..i + 2)?;
                        if !d.iter().all(|c| (b'0'..=b'7').contains(c)) {
                            return None;
                        }
                        out.push((e - b'0') * 64 + (d[0] - b'0') * 8 + (d[1] - b'0'));
                        i += 2;
                    }
                    other => out.push(other),
                }
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    None
}

/// Attribute states for one file after all files were applied.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Attrs {
    states: Vec<(String, AttrState)>,
}

impl Attrs {
    /// The state of `name` (`Unspecified` when nothing set it).
    pub fn get(&self, name: &str) -> &AttrState {
        self.states
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, s)| s)
            .unwrap_or(&AttrState::Unspecified)
    }
}

/// Attributes of `path` (a file), from `files` in ascending precedence (system, top-level
/// `.gitattributes`, deeper ones, `info/attributes`): later lines win, as in git.
pub fn attributes(files: &[&AttrFile], path: &[u8]) -> Attrs {
    let mut macros: Vec<(&str, &[(String, AttrState)])> = vec![("binary", &[])];
    for f in files {
        for (n, a) in &f.macros {
            macros.push((n, a));
        }
    }
    let mut out = Attrs::default();
    for f in files {
        for line in &f.lines {
            if line.pattern.matches(&f.base, path, false) {
                apply(&mut out, &line.attrs, &macros, 0);
            }
        }
    }
    out
}

fn apply(
    out: &mut Attrs,
    attrs: &[(String, AttrState)],
    macros: &[(&str, &[(String, AttrState)])],
    depth: usize,
) {
    for (name, state) in attrs {
        out.states.push((name.clone(), state.clone()));
        if *state != AttrState::Set || depth > 8 {
            continue;
        }
        if name == "binary" {
            for n in ["diff", "merge", "text"] {
                out.states.push((n.into(), AttrState::Unset));
            }
        }
        if let Some((_, def)) = macros.iter().rev().find(|(n, _)| n == name) {
            apply(out, def, macros, depth + 1);
        }
    }
    // Bound the history: only the last state of each name matters.
    if out.states.len() > 256 {
        let mut seen = std::collections::HashSet::new();
        let mut kept: Vec<(String, AttrState)> = Vec::new();
        for (n, s) in out.states.drain(..).rev() {
            if seen.insert(n.clone()) {
                kept.push((n, s));
            }
        }
        kept.reverse();
        out.states = kept;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(p: &str, t: &str) -> bool {
        Glob::new(p.as_bytes()).matches(t.as_bytes())
    }

    #[test]
    fn wildmatch_basics() {
        assert!(m("*.nix", "a.nix"));
        assert!(!m("*.nix", "d/a.nix"));
        assert!(m("a?c", "abc"));
        assert!(!m("a?c", "a/c"));
        assert!(m("**/foo", "foo"));
        assert!(m("**/foo", "a/b/foo"));
        assert!(!m("**/foo", "afoo"));
        assert!(m("a/**/b", "a/b"));
        assert!(m("a/**/b", "a/x/y/b"));
        assert!(!m("a/**/b", "ax/b"));
        assert!(m("a/**", "a/x/y"));
        assert!(!m("a/**", "a"));
        assert!(m("**", "x/y/z"));
        assert!(m("a**b", "axxb"));
        assert!(!m("a**b", "a/b"));
        assert!(m("foo**", "foobar"));
        assert!(!m("foo**", "foo/bar"));
        assert!(m("[a-c]x", "bx"));
        assert!(!m("[!a-c]x", "bx"));
        assert!(m("[^a-c]x", "dx"));
        assert!(m("[]]", "]"));
        assert!(m("[!]]", "a"));
        assert!(m("[[:digit:]]*", "9lives"));
        assert!(!m("[[:bogus:]]", "b"));
        assert!(!m("[abc", "a"));
        assert!(!m("[/]", "/"));
        assert!(m("\\*", "*"));
        assert!(!m("\\*", "x"));
        assert!(!m("abc\\", "abc\\"));
        assert!(m("a-[a-]", "a--"));
        assert!(m("*/*.nix", "hosts/a.nix"));
        assert!(!m("*/*.nix", "x/hosts/a.nix"));
    }

    #[test]
    fn wildmatch_is_linear_on_hostile_patterns() {
        let p = "*a".repeat(200) + "b";
        let t = "a".repeat(4000);
        assert!(!m(&p, &t));
        let p = "**/".repeat(200) + "x";
        assert!(m(&p, &("d/".repeat(1000) + "x")));
    }

    #[test]
    fn ignore_rules() {
        let l = PatternList::parse(
            b"",
            b"# c\n*.nix\n!keep.nix\nbuild/\n/top.txt\nsub/deep.nix\n\\#hash\ntrail \\ \n",
        );
        assert_eq!(l.decide(b"a.nix", false), Some(true));
        assert_eq!(l.decide(b"x/keep.nix", false), Some(false));
        assert_eq!(l.decide(b"build", true), Some(true));
        assert_eq!(l.decide(b"build", false), None);
        assert_eq!(l.decide(b"top.txt", false), Some(true));
        assert_eq!(l.decide(b"x/top.txt", false), None);
        assert_eq!(l.decide(b"sub/deep.nix", false), Some(true));
        assert_eq!(l.decide(b"#hash", false), Some(true));
        assert_eq!(l.decide(b"trail  ", false), Some(true));
        let sub = PatternList::parse(b"d/", b"/only.nix\n");
        assert_eq!(sub.decide(b"d/only.nix", false), Some(true));
        assert_eq!(sub.decide(b"d/x/only.nix", false), None);
    }

    #[test]
    fn attributes_with_macros() {
        let top = AttrFile::parse(
            b"",
            b"[attr]crypt filter=evil -text\n* text=auto\n*.nix crypt\n*.bin binary\n\"q x.nix\" ident\n",
            true,
        );
        let sub = AttrFile::parse(b"d/", b"*.nix -filter\n[attr]ignored filter=x\n", false);
        let a = attributes(&[&top, &sub], b"a.nix");
        assert_eq!(a.get("filter"), &AttrState::Value("evil".into()));
        assert_eq!(a.get("text"), &AttrState::Unset);
        let a = attributes(&[&top, &sub], b"d/a.nix");
        assert_eq!(a.get("filter"), &AttrState::Unset);
        let a = attributes(&[&top, &sub], b"x.bin");
        assert_eq!(a.get("text"), &AttrState::Unset);
        let a = attributes(&[&top, &sub], b"q x.nix");
        assert_eq!(a.get("ident"), &AttrState::Set);
        let a = attributes(&[&top, &sub], b"x.txt");
        assert_eq!(a.get("text"), &AttrState::Value("auto".into()));
    }
}
