//! Nix source as bindings: every `name = value` of a file with its full attribute path, its
//! value classified, and its line.
//!
//! Probes that read a configuration (`secrets` for literal passwords, the release checks for
//! `system.stateVersion`) need "what is bound to which attribute path", not lines that look
//! like assignments: a grep misses the second binding on a line, mistakes shell code inside a
//! `''` string for an assignment and cannot tell `"$VAR"` from `"${var}"`. This module parses
//! with `rnix` (the parser behind nil and nixpkgs-fmt) and walks the syntax tree once.
//!
//! What a [`Binding`] records:
//! - `path`: the attribute path from the outermost attrset, through nested attrsets and
//!   `a.b.c = ...` paths (`users.users.alice = { password = ...; }` gives
//!   `users.users.alice.password`). A `let` starts a new namespace: its bindings have
//!   [`Origin::Let`] and paths that start at the let's own name. `inherit` is recorded with
//!   [`Origin::Inherit`], function argument defaults (`{ x ? "y" }:`) with [`Origin::Formal`].
//! - `through_expr`: whether something other than attrsets, parentheses, a function body, or
//!   the body of `let`/`with`/`assert` sits between the outer attrset and the binding (for
//!   example `mkIf cond { ... }` or `map (x: { ... })`): the path is then only indicative.
//! - `value`: an uninterpolated string literal with its text (a `''` string is judged as one
//!   literal, indentation stripped and escapes applied), an interpolated string, a path
//!   literal, an attrset (its bindings are listed on their own), or another expression.
//!   Priority wrappers that do not change the value (`lib.mkDefault "x"`, `mkForce`,
//!   `mkOverride 50 "x"`, ...) are looked through and recorded in `wrappers`.
//!
//! A file that does not parse still yields the bindings of the recovered tree, plus the
//! errors with their line and column: callers report them instead of staying silent.
//!
//! The walk is iterative (no recursion over the tree) and the parser bounds its own
//! recursion, so hostile input cannot overflow the stack.

use std::ops::Range;

use rnix::{NodeOrToken, Root, SyntaxKind, SyntaxNode};

/// One parsed file: its bindings in source order and its syntax errors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NixFile {
    /// Every binding, in source order.
    pub bindings: Vec<Binding>,
    /// Syntax errors; empty when the file parsed cleanly.
    pub errors: Vec<SyntaxError>,
    /// Byte offset of the start of each line (line `n` starts at `line_starts[n - 1]`).
    line_starts: Vec<usize>,
}

/// Where a syntax error is and what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
    /// The parser's message.
    pub message: String,
}

/// Where a binding was made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// `name = value;` in an attrset (`rec` or not).
    Attr,
    /// `name = value;` in a `let` (or a legacy `let { }`), or nested in an attrset bound there.
    Let,
    /// `inherit name;` or `inherit (from) name;` (`from` is its source text).
    Inherit {
        /// The source expression of `inherit (from)`, if any.
        from: Option<String>,
    },
    /// A function argument default: `{ name ? value }:`.
    Formal,
}

/// What kind of expression a value is, when it is not one of the literal forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExprKind {
    /// `x`
    Identifier,
    /// `a.b.c` or `a.b or c`
    Select,
    /// `f x`
    Apply,
    /// `[ ... ]`
    List,
    /// An integer or a float.
    Number,
    /// A bare URI (`https://example.org`), which Nix evaluates to a string.
    Uri,
    /// `x: ...`
    Lambda,
    /// `let ... in ...`
    Let,
    /// `with x; ...`
    With,
    /// `if ... then ... else ...`
    If,
    /// `assert ...; ...`
    Assert,
    /// A binary or unary operator (`a // b`, `a + b`, `!a`).
    Operator,
    /// `a ? b`
    HasAttr,
    /// The binding comes from `inherit`.
    Inherited,
    /// The parser could not make sense of it (or it is missing).
    Error,
}

/// A bound value, classified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// A string literal with no `${...}`: its text after escapes (and, for `''` strings,
    /// indentation stripping).
    Str {
        /// The string's value.
        text: String,
        /// Whether it was written as a `''` indented string.
        indented: bool,
    },
    /// A string with at least one `${...}`.
    Interpolated {
        /// The string's text with every interpolation kept as its source (`${...}`).
        template: String,
        /// Whether it was written as a `''` indented string.
        indented: bool,
    },
    /// A path literal (`./x`, `/etc/x`, `~/x`, `<nixpkgs>`), as written.
    Path(String),
    /// An attrset; its bindings are listed separately with this binding's path as prefix.
    AttrSet,
    /// Any other expression.
    Other(ExprKind),
}

/// One `name = value` (or `inherit`, or argument default) of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    /// The full attribute path (see the module docs). Quoted names are unquoted; a dynamic
    /// name (`${x}` or `"${x}"`) is kept as its source text.
    pub path: Vec<String>,
    /// Where the binding was made.
    pub origin: Origin,
    /// Whether an expression other than attrsets (and transparent forms) sits between the
    /// outer attrset and this binding, so the path is only indicative.
    pub through_expr: bool,
    /// The value, classified.
    pub value: Value,
    /// Priority wrappers looked through to reach `value` (`lib.mkDefault`, `mkOverride 50`).
    pub wrappers: Vec<String>,
    /// 1-based line of the binding's name.
    pub line: u32,
    /// 1-based column of the binding's name, in characters.
    pub column: u32,
    /// 1-based line where the value starts.
    pub value_line: u32,
    /// Byte range of the value (after looking through wrappers) in the source.
    pub value_span: Range<usize>,
}

impl Binding {
    /// The path joined with dots (segments are not re-quoted).
    pub fn dotted(&self) -> String {
        self.path.join(".")
    }

    /// The last segment of the path (the option or attribute name).
    pub fn name(&self) -> &str {
        self.path.last().map(String::as_str).unwrap_or("")
    }

    /// The literal text, if the value is an uninterpolated string.
    pub fn literal(&self) -> Option<&str> {
        match &self.value {
            Value::Str { text, .. } => Some(text),
            _ => None,
        }
    }
}

impl NixFile {
    /// The first attrset binding (not `let`, not through another expression) whose path is
    /// exactly `path`.
    pub fn binding(&self, path: &[&str]) -> Option<&Binding> {
        self.bindings.iter().find(|b| {
            b.origin == Origin::Attr
                && !b.through_expr
                && b.path.len() == path.len()
                && b.path.iter().zip(path).all(|(a, b)| a == b)
        })
    }

    /// The literal string bound to `path` (see [`NixFile::binding`]), if it is one:
    /// `file.literal(&["system", "stateVersion"])` gives `Some("24.05")`.
    pub fn literal(&self, path: &[&str]) -> Option<&str> {
        self.binding(path).and_then(Binding::literal)
    }

    /// 1-based (line, column in characters) of a byte offset.
    pub fn position(&self, text: &str, offset: usize) -> (u32, u32) {
        position(&self.line_starts, text, offset)
    }

    /// Byte offset where 1-based `line` starts, if the file has that line.
    pub fn line_start(&self, line: u32) -> Option<usize> {
        let i = usize::try_from(line).ok()?.checked_sub(1)?;
        self.line_starts.get(i).copied()
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn line_starts(text: &str) -> Vec<usize> {
    let mut v = vec![0];
    v.extend(
        text.bytes()
            .enumerate()
            .filter(|(_, b)| *b == b'\n')
            .map(|(i, _)| i + 1),
    );
    v
}

fn position(starts: &[usize], text: &str, offset: usize) -> (u32, u32) {
    let offset = offset.min(text.len());
    let line = match starts.binary_search(&offset) {
        Ok(i) => i,
        Err(i) => i.saturating_sub(1),
    };
    let start = starts.get(line).copied().unwrap_or(0);
    let column = text
        .get(start..offset)
        .map(|s| s.chars().count())
        .unwrap_or(0);
    (to_u32(line + 1), to_u32(column + 1))
}

fn span(node: &SyntaxNode) -> Range<usize> {
    let r = node.text_range();
    usize::from(r.start())..usize::from(r.end())
}

/// Deepest bracket nesting the guard lets through to the parser.
pub const MAX_NESTING: usize = 256;
/// Longest run of operands and operators (an operator chain or an application) the guard
/// lets through: each can be one level of the tree.
pub const MAX_CHAIN: usize = 4096;

/// rnix recurses without a bound on `[ [ [ ...` and builds (and drops) left-nested trees for
/// long operator chains and applications; tens of thousands of levels overflow a thread's
/// stack, which aborts the process. Real configurations nest a few dozen levels, so a file
/// past these bounds is refused with an error instead of being parsed.
fn nesting_guard(text: &str) -> Option<(usize, String)> {
    use SyntaxKind::*;
    // One frame per open bracket: (flat: a list or a string, whose items are siblings in the
    // tree; tokens in the current chain).
    let mut stack: Vec<(bool, usize)> = vec![(false, 0)];
    let mut offset = 0usize;
    for (kind, s) in rnix::tokenize(text) {
        let at = offset;
        offset += s.len();
        match kind {
            TOKEN_WHITESPACE | TOKEN_COMMENT => continue,
            TOKEN_L_BRACE | TOKEN_L_PAREN | TOKEN_L_BRACK | TOKEN_INTERPOL_START
            | TOKEN_STRING_START => {
                if let Some(top) = stack.last_mut() {
                    top.1 += 1;
                }
                stack.push((matches!(kind, TOKEN_L_BRACK | TOKEN_STRING_START), 0));
                if stack.len() > MAX_NESTING {
                    return Some((at, format!("nested more than {MAX_NESTING} levels deep")));
                }
                continue;
            }
            TOKEN_R_BRACE | TOKEN_R_PAREN | TOKEN_R_BRACK | TOKEN_INTERPOL_END
            | TOKEN_STRING_END => {
                if stack.len() > 1 {
                    stack.pop();
                }
                continue;
            }
            _ => {}
        }
        let Some(top) = stack.last_mut() else {
            continue;
        };
        let separator = matches!(
            kind,
            TOKEN_SEMICOLON
                | TOKEN_COMMA
                | TOKEN_ASSIGN
                | TOKEN_COLON
                | TOKEN_IN
                | TOKEN_THEN
                | TOKEN_ELSE
                | TOKEN_IF
                | TOKEN_AT
                | TOKEN_ELLIPSIS
        );
        if separator || top.0 {
            top.1 = 0;
            continue;
        }
        top.1 += 1;
        if top.1 > MAX_CHAIN {
            return Some((
                at,
                format!("an expression chains more than {MAX_CHAIN} terms"),
            ));
        }
    }
    None
}

/// Parse `text` and list its bindings.
pub fn parse(text: &str) -> NixFile {
    let starts = line_starts(text);
    if let Some((offset, why)) = nesting_guard(text) {
        let (line, column) = position(&starts, text, offset);
        return NixFile {
            bindings: Vec::new(),
            errors: vec![SyntaxError {
                line,
                column,
                message: format!("not parsed: {why}"),
            }],
            line_starts: starts,
        };
    }
    let parsed = Root::parse(text);
    let errors = parsed
        .errors()
        .iter()
        .map(|e| {
            let offset = error_offset(e).unwrap_or(text.len());
            let (line, column) = position(&starts, text, offset);
            SyntaxError {
                line,
                column,
                message: e.to_string(),
            }
        })
        .collect();
    let root = parsed.syntax();
    let mut bindings = Vec::new();
    for node in root.descendants() {
        match node.kind() {
            SyntaxKind::NODE_ATTRPATH_VALUE => {
                if let Some(b) = attrpath_value(&node, text, &starts) {
                    bindings.push(b);
                }
            }
            SyntaxKind::NODE_INHERIT => inherit(&node, text, &starts, &mut bindings),
            SyntaxKind::NODE_PAT_ENTRY => {
                if let Some(b) = formal(&node, text, &starts) {
                    bindings.push(b);
                }
            }
            _ => {}
        }
    }
    NixFile {
        bindings,
        errors,
        line_starts: starts,
    }
}

fn error_offset(e: &rnix::ParseError) -> Option<usize> {
    use rnix::ParseError as E;
    match e {
        E::Unexpected(r)
        | E::UnexpectedExtra(r)
        | E::UnexpectedWanted(_, r, _)
        | E::UnexpectedDoubleBind(r)
        | E::DuplicatedArgs(r, _) => Some(usize::from(r.start())),
        _ => None,
    }
}

fn is_expr(kind: SyntaxKind) -> bool {
    use SyntaxKind::*;
    matches!(
        kind,
        NODE_APPLY
            | NODE_ASSERT
            | NODE_ERROR
            | NODE_IF_ELSE
            | NODE_SELECT
            | NODE_STRING
            | NODE_PATH_ABS
            | NODE_PATH_REL
            | NODE_PATH_HOME
            | NODE_PATH_SEARCH
            | NODE_LITERAL
            | NODE_LAMBDA
            | NODE_LEGACY_LET
            | NODE_LET_IN
            | NODE_LIST
            | NODE_BIN_OP
            | NODE_PAREN
            | NODE_ATTR_SET
            | NODE_UNARY_OP
            | NODE_IDENT
            | NODE_WITH
            | NODE_HAS_ATTR
            | NODE_CUR_POS
    )
}

/// The segments of a `NODE_ATTRPATH`.
fn attrpath_segments(attrpath: &SyntaxNode) -> Vec<String> {
    attrpath
        .children()
        .map(|attr| match attr.kind() {
            SyntaxKind::NODE_STRING => match string_value(&attr) {
                Value::Str { text, .. } => text,
                _ => attr.text().to_string(),
            },
            _ => attr.text().to_string(),
        })
        .collect()
}

/// The attribute path an ancestor chain adds in front of `node`, whether the binding sits in
/// a `let`, and whether the chain passes through other expressions.
fn prefix(node: &SyntaxNode) -> (Vec<String>, bool, bool) {
    use SyntaxKind::*;
    let mut segments: Vec<Vec<String>> = Vec::new();
    let mut in_let = false;
    let mut through = false;
    let mut child = node.clone();
    while let Some(parent) = child.parent() {
        match parent.kind() {
            NODE_LET_IN | NODE_LEGACY_LET
                if matches!(child.kind(), NODE_ATTRPATH_VALUE | NODE_INHERIT) =>
            {
                // An entry of a let: a new namespace starts here.
                in_let = true;
                break;
            }
            NODE_ATTRPATH_VALUE => {
                if child.kind() == NODE_ATTRPATH {
                    // Inside a dynamic attribute name: not a binding path.
                    through = true;
                } else if let Some(ap) = parent.children().find(|c| c.kind() == NODE_ATTRPATH) {
                    segments.push(attrpath_segments(&ap));
                }
            }
            NODE_ATTR_SET | NODE_PAREN | NODE_LAMBDA | NODE_LET_IN | NODE_WITH | NODE_ASSERT
            | NODE_ROOT => {
                if matches!(parent.kind(), NODE_WITH | NODE_ASSERT)
                    && parent
                        .children()
                        .filter(|c| is_expr(c.kind()))
                        .last()
                        .as_ref()
                        != Some(&child)
                {
                    through = true;
                }
            }
            NODE_APPLY if is_wrapper_apply(&parent, &child) => {}
            _ => through = true,
        }
        child = parent;
    }
    segments.reverse();
    (segments.concat(), in_let, through)
}

/// `lib.mkDefault x`, `mkForce x`, `mkOverride 50 x`, ... where `child` is the wrapped value.
fn is_wrapper_apply(apply: &SyntaxNode, child: &SyntaxNode) -> bool {
    let mut exprs = apply.children().filter(|c| is_expr(c.kind()));
    let (Some(func), Some(arg)) = (exprs.next(), exprs.next()) else {
        return false;
    };
    arg == *child && wrapper_name(&func).is_some()
}

const PRIORITY_WRAPPERS: &[&str] = &[
    "mkDefault",
    "mkForce",
    "mkOptionDefault",
    "mkImageMediaOverride",
    "mkVMOverride",
    "mkOverride",
];

/// If `func` is a priority wrapper (`mkDefault`, `lib.mkForce`, `mkOverride 50`), its text.
fn wrapper_name(func: &SyntaxNode) -> Option<String> {
    use SyntaxKind::*;
    let last_name = |n: &SyntaxNode| -> Option<String> {
        match n.kind() {
            NODE_IDENT => Some(n.text().to_string()),
            NODE_SELECT => n
                .children()
                .find(|c| c.kind() == NODE_ATTRPATH)
                .and_then(|ap| ap.children().last())
                .map(|a| a.text().to_string()),
            _ => None,
        }
    };
    match func.kind() {
        NODE_IDENT | NODE_SELECT => {
            let name = last_name(func)?;
            (PRIORITY_WRAPPERS.contains(&name.as_str()) && name != "mkOverride")
                .then(|| func.text().to_string())
        }
        // `mkOverride 50` is itself an application.
        NODE_APPLY => {
            let mut exprs = func.children().filter(|c| is_expr(c.kind()));
            let (f, n) = (exprs.next()?, exprs.next()?);
            (last_name(&f)?.as_str() == "mkOverride" && n.kind() == NODE_LITERAL)
                .then(|| func.text().to_string())
        }
        _ => None,
    }
}

/// Look through parentheses and priority wrappers.
fn peel(mut value: SyntaxNode) -> (SyntaxNode, Vec<String>) {
    use SyntaxKind::*;
    let mut wrappers = Vec::new();
    // Bounded: each step moves to a strict descendant.
    loop {
        match value.kind() {
            NODE_PAREN => match value.children().find(|c| is_expr(c.kind())) {
                Some(inner) => value = inner,
                None => break,
            },
            NODE_APPLY => {
                let mut exprs = value.children().filter(|c| is_expr(c.kind()));
                let (Some(func), Some(arg)) = (exprs.next(), exprs.next()) else {
                    break;
                };
                match wrapper_name(&func) {
                    Some(w) => {
                        wrappers.push(w);
                        value = arg;
                    }
                    None => break,
                }
            }
            _ => break,
        }
    }
    (value, wrappers)
}

fn classify(value: &SyntaxNode) -> Value {
    use SyntaxKind::*;
    match value.kind() {
        NODE_STRING => string_value(value),
        NODE_PATH_ABS | NODE_PATH_REL | NODE_PATH_HOME | NODE_PATH_SEARCH => {
            Value::Path(value.text().to_string())
        }
        NODE_ATTR_SET => Value::AttrSet,
        NODE_LITERAL => {
            let uri = value
                .children_with_tokens()
                .any(|t| t.kind() == SyntaxKind::TOKEN_URI);
            Value::Other(if uri { ExprKind::Uri } else { ExprKind::Number })
        }
        NODE_IDENT => Value::Other(ExprKind::Identifier),
        NODE_SELECT => Value::Other(ExprKind::Select),
        NODE_APPLY => Value::Other(ExprKind::Apply),
        NODE_LIST => Value::Other(ExprKind::List),
        NODE_LAMBDA => Value::Other(ExprKind::Lambda),
        NODE_LET_IN | NODE_LEGACY_LET => Value::Other(ExprKind::Let),
        NODE_WITH => Value::Other(ExprKind::With),
        NODE_IF_ELSE => Value::Other(ExprKind::If),
        NODE_ASSERT => Value::Other(ExprKind::Assert),
        NODE_BIN_OP | NODE_UNARY_OP => Value::Other(ExprKind::Operator),
        NODE_HAS_ATTR => Value::Other(ExprKind::HasAttr),
        _ => Value::Other(ExprKind::Error),
    }
}

/// A string node's value: literal text when it has no interpolation.
fn string_value(node: &SyntaxNode) -> Value {
    use SyntaxKind::*;
    let mut indented = false;
    let mut raw = String::new();
    let mut interpolated = false;
    for part in node.children_with_tokens() {
        match part {
            NodeOrToken::Token(t) => match t.kind() {
                TOKEN_STRING_START => indented = t.text() == "''",
                TOKEN_STRING_CONTENT => raw.push_str(t.text()),
                _ => {}
            },
            NodeOrToken::Node(n) => {
                interpolated = true;
                raw.push_str(&n.text().to_string());
            }
        }
    }
    if interpolated {
        return Value::Interpolated {
            template: raw,
            indented,
        };
    }
    let text = if indented {
        unescape_indented(&strip_indentation(&raw))
    } else {
        unescape_plain(&raw)
    };
    Value::Str { text, indented }
}

/// `"..."` escapes: `\n`, `\r`, `\t`, and `\x` for any other `x`.
fn unescape_plain(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('t') => out.push('\t'),
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}

/// `''...''` escapes: `'''` is `''`, `''$` is `$`, `''\x` is the `"..."` escape of `x`.
fn unescape_indented(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(pos) = rest.find("''") {
        out.push_str(&rest[..pos]);
        let after = &rest[pos + 2..];
        let mut chars = after.chars();
        match chars.next() {
            Some('\'') => {
                out.push_str("''");
                rest = chars.as_str();
            }
            Some('$') => {
                out.push('$');
                rest = chars.as_str();
            }
            Some('\\') => {
                match chars.next() {
                    Some('n') => out.push('\n'),
                    Some('r') => out.push('\r'),
                    Some('t') => out.push('\t'),
                    Some(other) => out.push(other),
                    None => {}
                }
                rest = chars.as_str();
            }
            _ => {
                out.push_str("''");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Nix's rule for `''` strings: drop a first line of only spaces, strip the smallest
/// indentation of the non-blank lines, drop a last line of only spaces.
fn strip_indentation(raw: &str) -> String {
    let mut lines: Vec<&str> = raw.split('\n').collect();
    if lines.len() > 1 && lines.first().is_some_and(|l| l.chars().all(|c| c == ' ')) {
        lines.remove(0);
    }
    let indent = lines
        .iter()
        .filter(|l| !l.chars().all(|c| c == ' '))
        .map(|l| l.len() - l.trim_start_matches(' ').len())
        .min()
        .unwrap_or(0);
    let last_blank = lines.len() > 1 && lines.last().is_some_and(|l| l.chars().all(|c| c == ' '));
    let n = lines.len();
    let mut out = String::with_capacity(raw.len());
    for (i, l) in lines.iter().enumerate() {
        if i + 1 == n && last_blank {
            break;
        }
        out.push_str(l.get(indent.min(l.len())..).unwrap_or(""));
        if i + 1 < n {
            out.push('\n');
        }
    }
    out
}

fn attrpath_value(node: &SyntaxNode, text: &str, starts: &[usize]) -> Option<Binding> {
    let attrpath = node
        .children()
        .find(|c| c.kind() == SyntaxKind::NODE_ATTRPATH)?;
    let (mut path, in_let, through_expr) = prefix(node);
    path.extend(attrpath_segments(&attrpath));
    let (line, column) = position(starts, text, span(&attrpath).start);
    let (value, wrappers, value_span) = match node.children().find(|c| is_expr(c.kind())) {
        Some(v) => {
            let (v, wrappers) = peel(v);
            (classify(&v), wrappers, span(&v))
        }
        None => (Value::Other(ExprKind::Error), Vec::new(), span(node)),
    };
    let (value_line, _) = position(starts, text, value_span.start);
    Some(Binding {
        path,
        origin: if in_let { Origin::Let } else { Origin::Attr },
        through_expr,
        value,
        wrappers,
        line,
        column,
        value_line,
        value_span,
    })
}

fn inherit(node: &SyntaxNode, text: &str, starts: &[usize], out: &mut Vec<Binding>) {
    let (prefix_path, _, through_expr) = prefix(node);
    let from = node
        .children()
        .find(|c| c.kind() == SyntaxKind::NODE_INHERIT_FROM)
        .map(|f| {
            let t = f.text().to_string();
            t.trim_start_matches('(')
                .trim_end_matches(')')
                .trim()
                .to_string()
        });
    for attr in node.children().filter(|c| {
        matches!(
            c.kind(),
            SyntaxKind::NODE_IDENT | SyntaxKind::NODE_STRING | SyntaxKind::NODE_DYNAMIC
        )
    }) {
        let mut path = prefix_path.clone();
        path.extend(attrpath_segments_of_one(&attr));
        let s = span(&attr);
        let (line, column) = position(starts, text, s.start);
        out.push(Binding {
            path,
            origin: Origin::Inherit { from: from.clone() },
            through_expr,
            value: Value::Other(ExprKind::Inherited),
            wrappers: Vec::new(),
            line,
            column,
            value_line: line,
            value_span: s,
        });
    }
}

fn attrpath_segments_of_one(attr: &SyntaxNode) -> Vec<String> {
    match attr.kind() {
        SyntaxKind::NODE_STRING => match string_value(attr) {
            Value::Str { text, .. } => vec![text],
            _ => vec![attr.text().to_string()],
        },
        _ => vec![attr.text().to_string()],
    }
}

fn formal(node: &SyntaxNode, text: &str, starts: &[usize]) -> Option<Binding> {
    let ident = node
        .children()
        .find(|c| c.kind() == SyntaxKind::NODE_IDENT)?;
    let default = node
        .children()
        .filter(|c| is_expr(c.kind()))
        .find(|c| *c != ident)?;
    let (default, wrappers) = peel(default);
    let (line, column) = position(starts, text, span(&ident).start);
    let value_span = span(&default);
    let (value_line, _) = position(starts, text, value_span.start);
    Some(Binding {
        path: vec![ident.text().to_string()],
        origin: Origin::Formal,
        through_expr: false,
        value: classify(&default),
        wrappers,
        line,
        column,
        value_line,
        value_span,
    })
}

/// A source token and its byte range, for callers that rewrite a line (redaction).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceToken {
    /// What the token is.
    pub kind: TokenKind,
    /// Its bytes in the source.
    pub span: Range<usize>,
}

/// Coarse token classes: what a redactor needs to know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Literal text inside a string (either quoting).
    StringContent,
    /// A comment.
    Comment,
    /// A bare URI.
    Uri,
    /// A token the lexer could not classify.
    Error,
    /// Anything else (identifiers, operators, punctuation, whitespace, quotes).
    Code,
}

/// Every token of `text`, in order, covering the whole text (the lexer alone: no tree).
pub fn tokens(text: &str) -> Vec<SourceToken> {
    let mut offset = 0usize;
    rnix::tokenize(text)
        .map(|(kind, s)| {
            let start = offset;
            offset += s.len();
            SourceToken {
                kind: match kind {
                    SyntaxKind::TOKEN_STRING_CONTENT => TokenKind::StringContent,
                    SyntaxKind::TOKEN_COMMENT => TokenKind::Comment,
                    SyntaxKind::TOKEN_URI => TokenKind::Uri,
                    SyntaxKind::TOKEN_ERROR => TokenKind::Error,
                    _ => TokenKind::Code,
                },
                span: start..offset,
            }
        })
        .collect()
}

/// The path literals of `text` (`./a.nix`, `../b`, `/etc/c`, `<nixpkgs>`, `~/d`), as written;
/// a path with `${...}` in it is not a literal and is left out. The lexer alone: no tree.
pub fn path_literals(text: &str) -> Vec<String> {
    let toks: Vec<(SyntaxKind, &str)> = rnix::tokenize(text).collect();
    let mut out = Vec::new();
    for (i, (kind, s)) in toks.iter().enumerate() {
        let is_path = matches!(
            kind,
            SyntaxKind::TOKEN_PATH_ABS
                | SyntaxKind::TOKEN_PATH_REL
                | SyntaxKind::TOKEN_PATH_HOME
                | SyntaxKind::TOKEN_PATH_SEARCH
        );
        let interpolated = toks
            .get(i + 1)
            .is_some_and(|(k, _)| *k == SyntaxKind::TOKEN_INTERPOL_START);
        let after_interpolation = i
            .checked_sub(1)
            .and_then(|j| toks.get(j))
            .is_some_and(|(k, _)| *k == SyntaxKind::TOKEN_INTERPOL_END);
        if is_path && !interpolated && !after_interpolation {
            out.push((*s).to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(f: &NixFile) -> Vec<String> {
        f.bindings.iter().map(Binding::dotted).collect()
    }

    fn get<'a>(f: &'a NixFile, dotted: &str) -> &'a Binding {
        f.bindings
            .iter()
            .find(|b| b.dotted() == dotted)
            .unwrap_or_else(|| panic!("{dotted} not in {:?}", paths(f)))
    }

    #[test]
    fn nested_attrsets_and_dotted_paths() {
        let f = parse(
            "{ config, ... }:\n{\n  users.users.alice = {\n    isNormalUser = true;\n    initialPassword = \"changeme\";\n  };\n  services.x.settings = { a.b = 1; };\n}\n",
        );
        assert!(f.errors.is_empty(), "{:?}", f.errors);
        assert_eq!(
            paths(&f),
            vec![
                "users.users.alice",
                "users.users.alice.isNormalUser",
                "users.users.alice.initialPassword",
                "services.x.settings",
                "services.x.settings.a.b",
            ]
        );
        let b = get(&f, "users.users.alice.initialPassword");
        assert_eq!(b.line, 5);
        assert_eq!(b.column, 5);
        assert_eq!(b.literal(), Some("changeme"));
        assert_eq!(b.origin, Origin::Attr);
        assert!(!b.through_expr);
        assert_eq!(get(&f, "users.users.alice").value, Value::AttrSet);
        assert_eq!(
            get(&f, "services.x.settings.a.b").value,
            Value::Other(ExprKind::Number)
        );
    }

    #[test]
    fn several_bindings_on_one_line() {
        let f = parse("{ u = { isNormalUser = true; initialPassword = \"changeme\"; }; }");
        let b = get(&f, "u.initialPassword");
        assert_eq!((b.line, b.column), (1, 30));
        assert_eq!(b.literal(), Some("changeme"));
        assert_eq!(get(&f, "u.isNormalUser").line, 1);
    }

    #[test]
    fn let_bindings_start_a_namespace() {
        let f = parse(
            "let\n  pw = \"hunter2\";\n  cfg = { token = \"t\"; };\nin {\n  x.password = pw;\n  y = let z = \"a\"; in { w = z; };\n}\n",
        );
        assert_eq!(
            paths(&f),
            vec!["pw", "cfg", "cfg.token", "x.password", "y", "z", "y.w"]
        );
        assert_eq!(get(&f, "pw").origin, Origin::Let);
        assert_eq!(get(&f, "cfg").origin, Origin::Let);
        // Inside a let-bound attrset: the path starts at the let name.
        assert_eq!(get(&f, "cfg.token").origin, Origin::Let);
        assert_eq!(get(&f, "z").origin, Origin::Let);
        assert_eq!(get(&f, "y.w").origin, Origin::Attr);
        assert!(!get(&f, "y.w").through_expr);
        assert_eq!(
            get(&f, "x.password").value,
            Value::Other(ExprKind::Identifier)
        );
    }

    #[test]
    fn values_are_classified() {
        let f = parse(concat!(
            "{\n",
            "  a = \"plain\\n\\\"q\\\"\";\n",
            "  b = \"x${y}z\";\n",
            "  c = ./secret.txt;\n",
            "  d = /run/secrets/d;\n",
            "  e = ''\n    line one\n      two ''${x} '''\n  '';\n",
            "  f = ''pre ${x} post'';\n",
            "  g = lib.mkDefault \"dflt\";\n",
            "  h = mkOverride 50 (mkForce \"deep\");\n",
            "  i = https://example.org;\n",
            "  j = [ \"x\" ];\n",
            "  k = foo \"arg\";\n",
            "  \"quoted name\" = \"q\";\n",
            "  ${dyn} = \"d\";\n",
            "  inherit (pkgs) hello;\n",
            "  inherit world;\n",
            "}\n"
        ));
        assert!(f.errors.is_empty(), "{:?}", f.errors);
        let v = |p: &str| get(&f, p).value.clone();
        assert_eq!(
            v("a"),
            Value::Str {
                text: "plain\n\"q\"".into(),
                indented: false
            }
        );
        assert_eq!(
            v("b"),
            Value::Interpolated {
                template: "x${y}z".into(),
                indented: false
            }
        );
        assert_eq!(v("c"), Value::Path("./secret.txt".into()));
        assert_eq!(v("d"), Value::Path("/run/secrets/d".into()));
        assert_eq!(
            v("e"),
            Value::Str {
                text: "line one\n  two ${x} ''\n".into(),
                indented: true
            }
        );
        assert!(matches!(v("f"), Value::Interpolated { indented: true, .. }));
        assert_eq!(get(&f, "g").literal(), Some("dflt"));
        assert_eq!(get(&f, "g").wrappers, vec!["lib.mkDefault"]);
        assert_eq!(get(&f, "h").literal(), Some("deep"));
        assert_eq!(get(&f, "h").wrappers, vec!["mkOverride 50", "mkForce"]);
        assert_eq!(v("i"), Value::Other(ExprKind::Uri));
        assert_eq!(v("j"), Value::Other(ExprKind::List));
        assert_eq!(v("k"), Value::Other(ExprKind::Apply));
        assert_eq!(get(&f, "quoted name").literal(), Some("q"));
        assert_eq!(get(&f, "${dyn}").literal(), Some("d"));
        assert_eq!(
            get(&f, "hello").origin,
            Origin::Inherit {
                from: Some("pkgs".into())
            }
        );
        assert_eq!(get(&f, "world").origin, Origin::Inherit { from: None });
    }

    #[test]
    fn through_expressions_is_recorded() {
        let f = parse(
            "{ lib, cfg, ... }: {\n  config = lib.mkIf cfg.enable {\n    services.x.token = \"t\";\n  };\n  y = lib.mkDefault { z = \"s\"; };\n}\n",
        );
        let b = get(&f, "config.services.x.token");
        assert!(b.through_expr);
        assert_eq!(b.literal(), Some("t"));
        assert!(!get(&f, "y.z").through_expr);
        assert_eq!(get(&f, "y").value, Value::AttrSet);
    }

    #[test]
    fn formals_defaults_are_bindings() {
        let f = parse("{ password ? \"dflt\", lib, ... }: { }");
        let b = get(&f, "password");
        assert_eq!(b.origin, Origin::Formal);
        assert_eq!(b.literal(), Some("dflt"));
    }

    #[test]
    fn lookup_api() {
        let f = parse(
            "{ ... }: {\n  imports = [ ./hw.nix ];\n  system.stateVersion = \"24.05\";\n  x = let system.stateVersion = \"no\"; in 1;\n}\n",
        );
        assert_eq!(f.literal(&["system", "stateVersion"]), Some("24.05"));
        assert_eq!(
            f.binding(&["system", "stateVersion"]).map(|b| b.line),
            Some(3)
        );
        assert_eq!(f.literal(&["imports"]), None);
        assert_eq!(f.literal(&["nope"]), None);
        let g = parse("{ system = { stateVersion = \"23.11\"; }; }");
        assert_eq!(g.literal(&["system", "stateVersion"]), Some("23.11"));
    }

    #[test]
    fn errors_have_a_position_and_bindings_survive() {
        let f = parse("{\n  a = \"x\";\n  b = ;\n  c = \"y\";\n}\n");
        assert!(!f.errors.is_empty());
        assert_eq!(f.errors[0].line, 3, "{:?}", f.errors);
        assert_eq!(get(&f, "a").literal(), Some("x"));
        let eof = parse("{ a = \"x\";");
        assert!(!eof.errors.is_empty());
        assert_eq!(eof.errors[0].line, 1);
    }

    #[test]
    fn hostile_input_does_not_overflow_or_panic() {
        for text in [
            "[".repeat(200_000),
            "{a=".repeat(100_000),
            "(".repeat(100_000),
            "\"${".repeat(50_000),
            "''${".repeat(50_000),
            "x: ".repeat(100_000),
            "let ".repeat(100_000),
            "\u{0}\u{ffff}''\\".repeat(1000),
            "f ".repeat(100_000) + "x",
            "a + ".repeat(100_000) + "x",
            "!".repeat(100_000) + "x",
            "a ++ ".repeat(100_000) + "x",
        ] {
            let f = parse(&text);
            assert!(!f.errors.is_empty());
            let _ = tokens(&text);
        }
        let deep = parse(&format!(
            "{{\n  a = {}1{};\n}}",
            "[".repeat(300),
            "]".repeat(300)
        ));
        assert!(deep.errors[0]
            .message
            .starts_with("not parsed: nested more than"));
        assert_eq!((deep.errors[0].line, deep.errors[0].column), (2, 261));
    }

    #[test]
    fn the_guard_lets_real_shapes_through() {
        // A long flat list and a long `++` chain of lists are ordinary.
        let list = format!("{{ a = [ {} ]; }}", "pkgs.x ".repeat(20_000));
        assert!(parse(&list).errors.is_empty());
        let chain = format!("{{ a = [ ] {}; }}", "++ [ 1 ] ".repeat(1000));
        assert!(parse(&chain).errors.is_empty());
        // A long script with many interpolations is flat too.
        let script = format!(
            "{{ a = ''\n{}''; }}",
            "${pkgs.x}/bin/x --flag\n".repeat(5000)
        );
        let f = parse(&script);
        assert!(f.errors.is_empty(), "{:?}", f.errors);
        assert!(matches!(f.bindings[0].value, Value::Interpolated { .. }));
        let nested = format!("{{ a = {}1{}; }}", "[".repeat(200), "]".repeat(200));
        assert!(parse(&nested).errors.is_empty());
    }

    #[test]
    fn tokens_cover_the_text() {
        let text = "{ a = \"s\"; # c\n  b = https://x.y; }";
        let toks = tokens(text);
        let mut at = 0;
        for t in &toks {
            assert_eq!(t.span.start, at);
            at = t.span.end;
        }
        assert_eq!(at, text.len());
        let kinds: Vec<_> = toks
            .iter()
            .filter(|t| t.kind != TokenKind::Code)
            .map(|t| (t.kind, &text[t.span.clone()]))
            .collect();
        assert_eq!(
            kinds,
            vec![
                (TokenKind::StringContent, "s"),
                (TokenKind::Comment, "# c"),
                (TokenKind::Uri, "https://x.y")
            ]
        );
    }
}
