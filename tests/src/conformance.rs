//! The output contract (output-contract.md) as executable checks.
//!
//! The tests run these against real output of the binary; `nixbtw-audit` itself never needs
//! them at run time. Each function returns every violation it finds, with the line number, so a
//! failing test says exactly which rule broke.

use nixbtw_contracts::text::width;

/// One broken rule: where, and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// 1-based line number (0 when the rule is about the whole text).
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// Allowed `Type` values.
pub const TYPES: [&str; 5] = ["found", "fixed", "rec", "skipped", "error"];
/// Allowed `Priority` values.
pub const PRIORITIES: [&str; 5] = ["P0", "P1", "P2", "P3", "info"];
/// Allowed `Action` values.
pub const ACTIONS: [&str; 5] = ["applied", "proposed", "recommend", "open", "n/a"];
/// Section headings, in their required order, with the priority each holds.
pub const SECTIONS: [(&str, &str); 5] = [
    ("## P0 - Must fix", "P0"),
    ("## P1 - Should fix", "P1"),
    ("## P2 - Nice to fix", "P2"),
    ("## P3 - Backlog", "P3"),
    ("## Info", "info"),
];
/// Inner widths of the conclusion table's columns (content plus one space each side).
pub const COLUMN_WIDTHS: [usize; 5] = [4, 10, 10, 38, 12];
/// Total width of every box line.
pub const BOX_WIDTH: usize = 80;

fn is_box_drawing(c: char) -> bool {
    ('\u{2500}'..='\u{257F}').contains(&c)
}

fn is_date(s: &str) -> bool {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok() && s.len() == 10
}

fn is_started(s: &str) -> bool {
    s.len() == 17
        && s.ends_with('Z')
        && chrono::NaiveDateTime::parse_from_str(&s[..16], "%Y-%m-%dT%H:%M").is_ok()
}

/// Check a deliverable file name (`<YYYY-MM-DD>-<slug>.md`, slug possibly ending `-N`).
pub fn check_file_name(name: &str) -> Vec<Violation> {
    let mut v = Vec::new();
    let bad = |m: &str| Violation {
        line: 0,
        message: format!("file name `{name}`: {m}"),
    };
    let Some(stem) = name.strip_suffix(".md") else {
        return vec![bad("must end in .md")];
    };
    if stem.len() < 12 || !is_date(&stem[..10]) || stem.as_bytes()[10] != b'-' {
        v.push(bad("must start with YYYY-MM-DD-"));
        return v;
    }
    let slug = &stem[11..];
    if slug.is_empty()
        || !slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        || slug.starts_with('-')
        || slug.ends_with('-')
        || slug.contains("--")
    {
        v.push(bad(
            "slug must be lowercase letters, digits and single dashes",
        ));
    }
    v
}

/// A parsed conclusion row, as the checks see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConclusionRow {
    /// The finding number.
    pub number: usize,
    /// Type cell.
    pub kind: String,
    /// Priority cell.
    pub priority: String,
    /// Summary cell (trimmed).
    pub summary: String,
    /// Action cell.
    pub action: String,
}

/// Split a markdown table row into cells, honouring `\|` escapes.
fn md_cells(line: &str) -> Option<Vec<String>> {
    let inner = line.strip_prefix('|')?.strip_suffix('|')?;
    let mut cells = Vec::new();
    let mut cur = String::new();
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                cur.push(c);
                if let Some(n) = chars.next() {
                    cur.push(n);
                }
            }
            '|' => cells.push(std::mem::take(&mut cur).trim().to_string()),
            _ => cur.push(c),
        }
    }
    cells.push(cur.trim().to_string());
    Some(cells)
}

/// Check a markdown deliverable against the contract. Returns the conclusion rows it parsed
/// alongside the violations, so callers can compare them with the inline surface.
pub fn check_markdown(md: &str) -> (Vec<Violation>, Vec<ConclusionRow>) {
    let mut v = Vec::new();
    let lines: Vec<&str> = md.lines().collect();
    let mut bad = |line: usize, m: String| v.push(Violation { line, message: m });

    for (i, l) in lines.iter().enumerate() {
        if l.chars().any(is_box_drawing) {
            bad(i + 1, "box-drawing character in the deliverable".into());
        }
    }
    if !md.ends_with('\n') {
        bad(lines.len(), "file must end with a newline".into());
    }

    // H1.
    let h1 = lines.first().copied().unwrap_or("");
    let date = match h1
        .strip_prefix("# NIXOS-BTW - ")
        .and_then(|r| r.rsplit_once(" - "))
    {
        Some((target, date)) if !target.is_empty() && is_date(date) => date.to_string(),
        _ => {
            bad(
                1,
                format!("H1 must be `# NIXOS-BTW - <target> - <date>`, got `{h1}`"),
            );
            String::new()
        }
    };
    if lines.get(1) != Some(&"") {
        bad(2, "blank line expected after the H1".into());
    }

    // Metadata bullets.
    let required = ["Skill", "Mode", "Target", "Started", "Findings"];
    let mut i = 2;
    let mut meta: Vec<(String, String)> = Vec::new();
    while i < lines.len() && lines[i].starts_with("- **") {
        let l = lines[i];
        match l[4..].split_once(":** ") {
            Some((k, val)) => meta.push((k.to_string(), val.to_string())),
            None => bad(
                i + 1,
                format!("metadata bullet must be `- **Key:** value`: `{l}`"),
            ),
        }
        i += 1;
    }
    for (n, key) in required.iter().enumerate() {
        match meta.get(n) {
            Some((k, _)) if k == key => {}
            other => bad(
                3 + n,
                format!("metadata bullet {} must be {key}, got {other:?}", n + 1),
            ),
        }
    }
    let value = |k: &str| {
        meta.iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.as_str())
    };
    if value("Skill") != Some("nixos-btw") {
        bad(3, "Skill must be `nixos-btw`".into());
    }
    if value("Mode") != Some("audit") {
        bad(4, "Mode must be `audit`".into());
    }
    if !value("Target").is_some_and(|t| t.starts_with('`') && t.ends_with('`') && t.len() > 2) {
        bad(5, "Target must be a code span".into());
    }
    match value("Started") {
        Some(s) if is_started(s) => {
            if !date.is_empty() && !s.starts_with(&date) {
                bad(6, "Started and the H1 date disagree".into());
            }
        }
        other => bad(
            6,
            format!("Started must be YYYY-MM-DDTHH:MMZ, got {other:?}"),
        ),
    }
    let declared = value("Findings").map(parse_findings_line);
    if let Some(Err(e)) = &declared {
        bad(7, e.clone());
    }

    // Body: sections, findings.
    let mut section_idx: Option<usize> = None;
    let mut next_number = 1usize;
    let mut found: Vec<(usize, &str)> = Vec::new(); // (number, priority)
    let mut sub_order: Vec<&str> = Vec::new();
    let mut in_conclusion = false;
    let mut rows: Vec<ConclusionRow> = Vec::new();
    let mut table_started = false;
    let mut fence: Option<String> = None;
    let check_subs = |subs: &[&str], line: usize, bad: &mut dyn FnMut(usize, String)| {
        let order = ["File", "Description", "Suggested action", "Fix applied"];
        let named: Vec<&str> = subs.iter().copied().filter(|s| order.contains(s)).collect();
        if named != order {
            bad(
                line,
                format!("finding sub-bullets must be File, Description, Suggested action, Fix applied in order; got {named:?}"),
            );
        }
        if let (Some(d), Some(s)) = (
            subs.iter().position(|s| *s == "Description"),
            subs.iter().position(|s| *s == "Suggested action"),
        ) {
            if subs[d + 1..s].iter().any(|x| order.contains(x)) {
                bad(
                    line,
                    "only evidence may stand between Description and Suggested action".into(),
                );
            }
        }
    };
    let mut finding_line = 0usize;
    let mut in_finding = false;
    while i < lines.len() {
        let l = lines[i];
        let ln = i + 1;
        i += 1;
        if let Some(f) = &fence {
            if l.trim_start() == f.as_str() {
                fence = None;
            }
            continue;
        }
        let t = l.trim_start();
        if t.starts_with("```") {
            let ticks: String = t.chars().take_while(|c| *c == '`').collect();
            fence = Some(ticks);
            continue;
        }
        if l.starts_with("## ") {
            if in_finding {
                check_subs(&sub_order, finding_line, &mut bad);
                in_finding = false;
            }
            if l == "## Conclusion" {
                in_conclusion = true;
                continue;
            }
            match SECTIONS.iter().position(|(h, _)| *h == l) {
                Some(idx) => {
                    if section_idx.is_some_and(|s| idx <= s) {
                        bad(ln, format!("section `{l}` out of order or repeated"));
                    }
                    section_idx = Some(idx);
                }
                None => bad(ln, format!("unknown section heading `{l}`")),
            }
            continue;
        }
        if l.starts_with('#') {
            bad(ln, format!("unexpected heading `{l}`"));
            continue;
        }
        if in_conclusion {
            if !l.starts_with('|') {
                if !l.is_empty() {
                    bad(ln, "only the table may follow ## Conclusion".into());
                }
                continue;
            }
            let Some(cells) = md_cells(l) else {
                bad(ln, "malformed table row".into());
                continue;
            };
            if !table_started {
                if cells != ["#", "Type", "Priority", "Summary", "Action"] {
                    bad(ln, format!("conclusion header must be # | Type | Priority | Summary | Action, got {cells:?}"));
                }
                table_started = true;
                continue;
            }
            if cells
                .iter()
                .all(|c| !c.is_empty() && c.chars().all(|ch| ch == '-' || ch == ':'))
            {
                continue;
            }
            if cells.len() != 5 {
                bad(
                    ln,
                    format!("conclusion row must have 5 cells, got {}", cells.len()),
                );
                continue;
            }
            let row = ConclusionRow {
                number: cells[0].parse().unwrap_or(0),
                kind: cells[1].clone(),
                priority: cells[2].clone(),
                summary: cells[3].clone(),
                action: cells[4].clone(),
            };
            check_row_values(&row, ln, &mut bad);
            rows.push(row);
            continue;
        }
        if let Some(rest) = l
            .strip_prefix("- [ ] **#")
            .or_else(|| l.strip_prefix("- [x] **#"))
        {
            if in_finding {
                check_subs(&sub_order, finding_line, &mut bad);
            }
            in_finding = true;
            finding_line = ln;
            sub_order.clear();
            let num: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
            let title_ok = rest[num.len()..].starts_with(' ') && rest.ends_with("**");
            if !title_ok {
                bad(
                    ln,
                    format!("finding line must be `- [ ] **#N Title**`: `{l}`"),
                );
            }
            let n: usize = num.parse().unwrap_or(0);
            if n != next_number {
                bad(ln, format!("finding number #{n}, expected #{next_number}"));
            }
            next_number = n.max(next_number) + 1;
            match section_idx {
                Some(s) => found.push((n, SECTIONS[s].1)),
                None => bad(ln, "finding outside a priority section".into()),
            }
            continue;
        }
        if let Some(rest) = l.strip_prefix("  - **") {
            if in_finding {
                if let Some((k, _)) = rest.split_once(":**") {
                    sub_order.push(match k {
                        "File" => "File",
                        "Description" => "Description",
                        "Suggested action" => "Suggested action",
                        "Fix applied" => "Fix applied",
                        _ => "evidence",
                    });
                }
            }
            continue;
        }
        if l.starts_with("- ") {
            bad(ln, format!("unexpected top-level bullet `{l}`"));
        }
    }
    if in_finding {
        check_subs(&sub_order, finding_line, &mut bad);
    }
    if fence.is_some() {
        bad(lines.len(), "unterminated code fence".into());
    }
    if !in_conclusion {
        bad(0, "missing ## Conclusion".into());
    }
    if rows.len() != found.len() {
        bad(
            0,
            format!(
                "conclusion has {} rows for {} findings",
                rows.len(),
                found.len()
            ),
        );
    }
    for (row, (n, prio)) in rows.iter().zip(&found) {
        if row.number != *n || row.priority != *prio {
            bad(
                0,
                format!(
                    "conclusion row #{} ({}) does not match finding #{} ({})",
                    row.number, row.priority, n, prio
                ),
            );
        }
    }
    if let Some(Ok((total, counts))) = declared {
        if total != found.len() {
            bad(
                7,
                format!("Findings says {total}, the report has {}", found.len()),
            );
        }
        for (label, count) in counts {
            let actual = found.iter().filter(|(_, p)| *p == label).count();
            if actual != count {
                bad(
                    7,
                    format!("Findings says {label}:{count}, the report has {actual}"),
                );
            }
        }
    }
    (v, rows)
}

fn check_row_values(row: &ConclusionRow, ln: usize, bad: &mut dyn FnMut(usize, String)) {
    if row.number == 0 {
        bad(ln, "row number must be a positive integer".into());
    }
    if !TYPES.contains(&row.kind.as_str()) {
        bad(ln, format!("Type `{}` not allowed", row.kind));
    }
    if !PRIORITIES.contains(&row.priority.as_str()) {
        bad(ln, format!("Priority `{}` not allowed", row.priority));
    }
    if !ACTIONS.contains(&row.action.as_str()) {
        bad(ln, format!("Action `{}` not allowed", row.action));
    }
}

/// Parse `N (P0:a, P1:b, ...)` into the total and the per-priority counts.
/// The total and the per-priority counts of a `Findings:` line.
type FindingCounts = (usize, Vec<(&'static str, usize)>);

fn parse_findings_line(s: &str) -> Result<FindingCounts, String> {
    let err = || format!("Findings must be `N (P0:a, ...)`, got `{s}`");
    let (total, rest) = match s.split_once(' ') {
        Some((t, r)) => (t, r),
        None => (s, ""),
    };
    let total: usize = total.parse().map_err(|_| err())?;
    let mut counts = Vec::new();
    if !rest.is_empty() {
        let inner = rest
            .strip_prefix('(')
            .and_then(|r| r.strip_suffix(')'))
            .ok_or_else(err)?;
        let mut last = None;
        for part in inner.split(", ") {
            let (label, n) = part.split_once(':').ok_or_else(err)?;
            let pos = PRIORITIES
                .iter()
                .position(|p| *p == label)
                .ok_or_else(err)?;
            if last.is_some_and(|l| pos <= l) {
                return Err(format!("Findings counts out of order in `{s}`"));
            }
            last = Some(pos);
            counts.push((PRIORITIES[pos], n.parse().map_err(|_| err())?));
        }
    }
    if counts.iter().map(|(_, n)| n).sum::<usize>() != total {
        return Err(format!(
            "Findings total does not equal the sum of its counts: `{s}`"
        ));
    }
    Ok((total, counts))
}

fn box_line_ok(l: &str) -> bool {
    width(l) == BOX_WIDTH
}

/// Check the inline (terminal) surface. Returns the conclusion rows it parsed.
pub fn check_inline(text: &str) -> (Vec<Violation>, Vec<ConclusionRow>) {
    let mut v = Vec::new();
    let lines: Vec<&str> = text.lines().collect();
    let mut bad = |line: usize, m: String| v.push(Violation { line, message: m });
    let top = format!("╔{}╗", "═".repeat(78));
    let bottom = format!("╚{}╝", "═".repeat(78));

    // Every line that starts with a box character is a box line and must be 80 wide.
    for (i, l) in lines.iter().enumerate() {
        if l.starts_with(is_box_drawing) && !box_line_ok(l) {
            bad(
                i + 1,
                format!("box line is {} columns, must be 80", width(l)),
            );
        }
        if l.chars().any(|c| c.is_control()) {
            bad(i + 1, "control character on the terminal".into());
        }
    }

    // Header box: first line.
    let mut i = 0;
    let read_box = |i: &mut usize, bad: &mut dyn FnMut(usize, String)| -> Vec<String> {
        let mut content = Vec::new();
        if lines.get(*i) != Some(&top.as_str()) {
            bad(*i + 1, "expected a box top border".into());
            return content;
        }
        *i += 1;
        while *i < lines.len() && lines[*i] != bottom {
            let l = lines[*i];
            match l.strip_prefix('║').and_then(|r| r.strip_suffix('║')) {
                Some(inner) => content.push(inner.trim().to_string()),
                None => bad(*i + 1, "box line must start and end with ║".into()),
            }
            *i += 1;
        }
        if *i >= lines.len() {
            bad(*i, "box not closed".into());
        }
        *i += 1;
        content
    };
    let header = read_box(&mut i, &mut bad);
    match header.as_slice() {
        [one] => {
            if !(one.starts_with("NIXOS-BTW  ->  docs/local/audits/nixos-btw/")
                || one.starts_with("NIXOS-BTW  ->  ..."))
            {
                bad(
                    2,
                    format!("minimum header must be `NIXOS-BTW  ->  <path>`, got `{one}`"),
                );
            }
        }
        [name, meta, deliverable] => {
            if name != "NIXOS-BTW" {
                bad(2, "extended header must start with NIXOS-BTW".into());
            }
            if !(meta.starts_with("Mode: audit  ·  Target: ") && meta.contains("  ·  Started: "))
            {
                bad(3, format!("extended header meta line malformed: `{meta}`"));
            }
            if !deliverable.starts_with("Deliverable: ") {
                bad(4, "extended header must name the Deliverable".into());
            }
        }
        other => bad(
            1,
            format!("header box must have 1 or 3 lines, got {}", other.len()),
        ),
    }

    // Body until the conclusion header box.
    let body_start = i;
    while i < lines.len() && lines[i] != top {
        i += 1;
    }
    if i == body_start {
        bad(i + 1, "compact summary missing between the boxes".into());
    }
    let concl = read_box(&mut i, &mut bad);
    if concl != ["NIXOS-BTW · CONCLUSION"] {
        bad(
            i,
            format!("conclusion header box must read `NIXOS-BTW · CONCLUSION`, got {concl:?}"),
        );
    }

    // Table.
    let border = |l: char, m: char, r: char| {
        let mut s = String::new();
        s.push(l);
        for (n, w) in COLUMN_WIDTHS.iter().enumerate() {
            if n > 0 {
                s.push(m);
            }
            s.push_str(&"═".repeat(*w));
        }
        s.push(r);
        s
    };
    let expect = |i: usize, want: &str, what: &str, bad: &mut dyn FnMut(usize, String)| {
        if lines.get(i) != Some(&want) {
            bad(i + 1, format!("expected the table {what}"));
        }
    };
    expect(i, &border('╔', '╦', '╗'), "top border", &mut bad);
    let header_row = lines.get(i + 1).copied().unwrap_or("");
    let want_header =
        "║ #  ║ Type     ║ Priority ║ Summary                              ║ Action     ║";
    if header_row != want_header {
        bad(i + 2, format!("table header row must be `{want_header}`"));
    }
    expect(i + 2, &border('╠', '╬', '╣'), "header separator", &mut bad);
    i += 3;
    let mut rows = Vec::new();
    let bottom_border = border('╚', '╩', '╝');
    while i < lines.len() && lines[i] != bottom_border {
        let l = lines[i];
        let ln = i + 1;
        i += 1;
        let cells: Vec<&str> = l.split('║').collect();
        if cells.len() != 7 || !cells[0].is_empty() || !cells[6].is_empty() {
            bad(ln, "table row must have five cells between ║ walls".into());
            continue;
        }
        for (n, w) in COLUMN_WIDTHS.iter().enumerate() {
            let cell = cells[n + 1];
            if width(cell) != *w {
                bad(
                    ln,
                    format!("column {} is {} wide, must be {w}", n + 1, width(cell)),
                );
            }
            if !cell.starts_with(' ') || !cell.ends_with(' ') {
                bad(
                    ln,
                    format!("column {} must be padded with a space each side", n + 1),
                );
            }
        }
        let summary = cells[4].trim();
        if width(cells[4].trim_end()) > 37 {
            bad(ln, "summary longer than 36 columns".into());
        }
        let row = ConclusionRow {
            number: cells[1].trim().parse().unwrap_or(0),
            kind: cells[2].trim().to_string(),
            priority: cells[3].trim().to_string(),
            summary: summary.to_string(),
            action: cells[5].trim().to_string(),
        };
        check_row_values(&row, ln, &mut bad);
        rows.push(row);
    }
    if i >= lines.len() {
        bad(lines.len(), "table bottom border missing".into());
    }
    for (n, row) in rows.iter().enumerate() {
        if row.number != n + 1 {
            bad(0, format!("row {} numbered #{}", n + 1, row.number));
        }
    }
    (v, rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names() {
        assert!(check_file_name("2026-11-25-myhost.md").is_empty());
        assert!(check_file_name("2026-11-25-myhost-2.md").is_empty());
        assert!(!check_file_name("2026-13-25-myhost.md").is_empty());
        assert!(!check_file_name("2026-11-25-My_Host.md").is_empty());
        assert!(!check_file_name("2026-11-25-.md").is_empty());
        assert!(!check_file_name("2026-11-25-host.txt").is_empty());
    }

    #[test]
    fn findings_line() {
        assert_eq!(
            parse_findings_line("3 (P0:1, info:2)").unwrap(),
            (3, vec![("P0", 1), ("info", 2)])
        );
        assert!(parse_findings_line("3 (P0:1)").is_err());
        assert!(parse_findings_line("2 (info:1, P0:1)").is_err());
        assert_eq!(parse_findings_line("0").unwrap(), (0, vec![]));
    }

    #[test]
    fn md_cells_keep_escaped_pipes() {
        assert_eq!(
            md_cells("| 1 | a \\| b | c |").unwrap(),
            vec!["1", "a \\| b", "c"]
        );
    }

    const GOOD_MD: &str = "# NIXOS-BTW - h - 2026-11-25\n\n- **Skill:** nixos-btw\n- **Mode:** audit\n- **Target:** `h`\n- **Started:** 2026-11-25T21:07Z\n- **Findings:** 1 (P0:1)\n\n---\n\n## P0 - Must fix\n\n- [ ] **#1 Disk full**\n  - **File:** `/nix/store`\n  - **Description:** d\n  - **Evidence:** `df`\n    ```text\n    x\n    ```\n  - **Suggested action:** s\n  - **Fix applied:** _to be filled by implementer_\n\n---\n\n## Conclusion\n\n| #  | Type   | Priority | Summary | Action |\n|----|--------|----------|---------|--------|\n| 1  | found  | P0       | full    | recommend |\n";

    #[test]
    fn a_good_markdown_passes() {
        let (v, rows) = check_markdown(GOOD_MD);
        assert!(v.is_empty(), "{v:?}");
        assert_eq!(rows.len(), 1);
    }

    #[test]
    fn broken_markdowns_are_caught() {
        for (from, to) in [
            ("## P0 - Must fix", "## P0 - must fix"),
            ("**#1 Disk", "**#2 Disk"),
            ("| recommend |", "| maybe |"),
            ("1 (P0:1)", "2 (P0:2)"),
            ("- **Mode:** audit\n", ""),
            ("  - **Fix applied:** _to be filled by implementer_\n", ""),
            ("# NIXOS-BTW", "# NIXOS"),
            ("x\n    ```", "x\n    ╔"),
        ] {
            let md = GOOD_MD.replacen(from, to, 1);
            assert_ne!(md, GOOD_MD);
            let (v, _) = check_markdown(&md);
            assert!(!v.is_empty(), "not caught: {from} -> {to}");
        }
    }
}
