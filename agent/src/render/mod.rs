//! Renderers: pure functions of a [`Report`].
//!
//! The markdown deliverable and the terminal surface are Tera templates (embedded from
//! `templates/`, overridable with `--templates DIR`); everything that makes host text safe or
//! fits it to a column width is a filter defined here over `nixbtw_contracts::text`, so a
//! custom template gets the same guarantees. Rendering reads nothing but the report: the JSON
//! of a report re-renders to the same markdown, byte for byte.

use serde::Serialize;
use std::collections::HashMap;
use std::path::Path;

use nixbtw_contracts::text::{self, md_code, md_fence_for, md_inline};
use nixbtw_contracts::{Finding, Priority, Report, Trend, TrendUnit};
use tera::{Context, Tera, Value};

/// The embedded markdown template.
pub const REPORT_TEMPLATE: &str = include_str!("../../../templates/report.md.tera");
/// The embedded terminal template.
pub const INLINE_TEMPLATE: &str = include_str!("../../../templates/inline.txt.tera");

const REPORT_NAME: &str = "report.md.tera";
const INLINE_NAME: &str = "inline.txt.tera";

/// How many conclusion rows fit the terminal table (the `#` column holds two digits).
pub const MAX_INLINE_ROWS: usize = 99;
/// How many findings the compact summary lists.
const TOP_FINDINGS: usize = 5;

/// A template could not be loaded or rendered.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// A template file could not be read.
    #[error("cannot read template {path}: {source}")]
    Read {
        /// The file.
        path: String,
        /// The error.
        source: std::io::Error,
    },
    /// A template is invalid or failed to render.
    #[error("template error: {0}")]
    Tera(String),
}

fn tera_err(e: tera::Error) -> RenderError {
    let mut msg = e.to_string();
    let mut src = std::error::Error::source(&e);
    while let Some(s) = src {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        src = s.source();
    }
    RenderError::Tera(msg)
}

/// The two templates, ready to render.
pub struct Renderer {
    tera: Tera,
}

impl Renderer {
    /// Load the embedded templates, replaced by `report.md.tera` / `inline.txt.tera` from
    /// `override_dir` where those files exist.
    pub fn new(override_dir: Option<&Path>) -> Result<Self, RenderError> {
        let mut report = REPORT_TEMPLATE.to_string();
        let mut inline = INLINE_TEMPLATE.to_string();
        if let Some(dir) = override_dir {
            // A directory that is not there is a mistake in the command line, not a request
            // for the built-in templates.
            match std::fs::metadata(dir) {
                Ok(m) if m.is_dir() => {}
                Ok(_) => {
                    return Err(RenderError::Read {
                        path: dir.display().to_string(),
                        source: std::io::Error::other("--templates names a file, not a directory"),
                    })
                }
                Err(source) => {
                    return Err(RenderError::Read {
                        path: dir.display().to_string(),
                        source,
                    })
                }
            }
            for (name, slot) in [(REPORT_NAME, &mut report), (INLINE_NAME, &mut inline)] {
                let path = dir.join(name);
                match nixbtw_probes::fs::read_local(&path, nixbtw_probes::fs::caps::TEMPLATE) {
                    Ok(bytes) => {
                        *slot = String::from_utf8(bytes).map_err(|_| RenderError::Read {
                            path: path.display().to_string(),
                            source: std::io::Error::new(
                                std::io::ErrorKind::InvalidData,
                                "not UTF-8 text",
                            ),
                        })?
                    }
                    Err(e) if e.is_not_found() => {}
                    Err(e) => {
                        return Err(RenderError::Read {
                            path: path.display().to_string(),
                            source: e.into(),
                        })
                    }
                }
            }
        }
        let mut tera = Tera::default();
        tera.autoescape_on(vec![]);
        tera.add_raw_templates(vec![(REPORT_NAME, report), (INLINE_NAME, inline)])
            .map_err(tera_err)?;
        register_filters(&mut tera);
        Ok(Renderer { tera })
    }

    /// The markdown deliverable.
    pub fn markdown(&self, report: &Report) -> Result<String, RenderError> {
        let mut cx = base_context(report);
        let sections: Vec<Section<'_>> = Priority::ALL
            .iter()
            .filter_map(|p| {
                let findings: Vec<Entry<'_>> = report
                    .headline()
                    .filter(|f| f.priority == *p)
                    .map(|f| Entry {
                        finding: f,
                        related: report.related_to(f.number).collect(),
                    })
                    .collect();
                (!findings.is_empty()).then_some(Section {
                    heading: p.heading(),
                    findings,
                })
            })
            .collect();
        cx.insert("sections", &sections);
        self.tera.render(REPORT_NAME, &cx).map_err(tera_err)
    }

    /// The terminal surface; `deliverable` is the path the report was written to.
    pub fn inline(&self, report: &Report, deliverable: &str) -> Result<String, RenderError> {
        let mut cx = base_context(report);
        cx.insert("deliverable", deliverable);
        let top: Vec<&Finding> = report
            .headline()
            .filter(|f| f.priority != Priority::Info)
            .take(TOP_FINDINGS)
            .collect();
        cx.insert("top", &top);
        let rows: Vec<&Finding> = report.headline().take(MAX_INLINE_ROWS).collect();
        cx.insert("rows", &rows);
        cx.insert(
            "hidden_rows",
            &report.headline().count().saturating_sub(MAX_INLINE_ROWS),
        );
        // The probes that did not simply work, named; the ones that did, counted.
        let ok = report
            .probes
            .iter()
            .filter(|p| p.state == nixbtw_contracts::ProbeState::Ok)
            .count();
        // Grouped by state (`skipped: flake, units; error: store`), so more of them fit the line.
        let mut by_state: Vec<(&str, Vec<String>)> = Vec::new();
        for p in report
            .probes
            .iter()
            .filter(|p| p.state != nixbtw_contracts::ProbeState::Ok)
        {
            let state = p.state.as_str();
            match by_state.iter_mut().find(|(s, _)| *s == state) {
                Some((_, names)) => names.push(p.probe.to_string()),
                None => by_state.push((state, vec![p.probe.to_string()])),
            }
        }
        let others: Vec<String> = by_state
            .iter()
            .map(|(state, names)| format!("{state}: {}", names.join(", ")))
            .collect();
        let probes_line = match (ok, others.is_empty()) {
            (_, true) => format!("all {ok} ok"),
            (0, false) => others.join("; "),
            (_, false) => format!("{}; {ok} ok", others.join("; ")),
        };
        cx.insert("probes_lines", &wrap_list(&probes_line, PROBES_WIDTH, 3));
        cx.insert("box", &BoxEdges::new());
        cx.insert("table", &TableEdges::new());
        self.tera.render(INLINE_NAME, &cx).map_err(tera_err)
    }
}

#[derive(Serialize)]
struct Section<'a> {
    heading: &'static str,
    findings: Vec<Entry<'a>>,
}

/// A finding listed on its own, with the findings grouped under it.
#[derive(Serialize)]
struct Entry<'a> {
    #[serde(flatten)]
    finding: &'a Finding,
    related: Vec<&'a Finding>,
}

#[derive(Serialize)]
struct BoxEdges {
    top: String,
    bottom: String,
}

impl BoxEdges {
    fn new() -> Self {
        BoxEdges {
            top: format!("╔{}╗", "═".repeat(78)),
            bottom: format!("╚{}╝", "═".repeat(78)),
        }
    }
}

#[derive(Serialize)]
struct TableEdges {
    top: String,
    header: String,
    separator: String,
    bottom: String,
}

const COLUMNS: [(&str, usize); 5] = [
    ("#", 4),
    ("Type", 10),
    ("Priority", 10),
    ("Summary", 38),
    ("Action", 12),
];

impl TableEdges {
    fn new() -> Self {
        let edge = |l: &str, m: &str, r: &str| {
            let inner: Vec<String> = COLUMNS.iter().map(|(_, w)| "═".repeat(*w)).collect();
            format!("{l}{}{r}", inner.join(m))
        };
        let header: Vec<String> = COLUMNS.iter().map(|(h, w)| cell(h, *w)).collect();
        TableEdges {
            top: edge("╔", "╦", "╗"),
            header: format!("║{}║", header.join("║")),
            separator: edge("╠", "╬", "╣"),
            bottom: edge("╚", "╩", "╝"),
        }
    }
}

fn base_context(report: &Report) -> Context {
    let mut cx = Context::new();
    cx.insert("report", report);
    cx.insert("date", &report.date());
    cx.insert("started", &report.started_minute());
    let headline: Vec<&Finding> = report.headline().collect();
    cx.insert("total", &headline.len());
    cx.insert("headline", &headline);
    let counts = report.counts();
    let counts: Vec<String> = Priority::ALL
        .iter()
        .zip(counts)
        .filter(|(_, n)| *n > 0)
        .map(|(p, n)| format!("{}:{n}", p.as_str()))
        .collect();
    cx.insert("counts", &counts.join(", "));
    if let Some(prev) = &report.previous {
        cx.insert(
            "previous_date",
            &prev.started.format("%Y-%m-%d").to_string(),
        );
        cx.insert(
            "previous_started",
            &prev.started.format("%Y-%m-%dT%H:%MZ").to_string(),
        );
        cx.insert("trend", &trend_line(&prev.trend));
        cx.insert("packages_since", &prev.packages.join("; "));
    }
    cx
}

/// `Store size 1.0 GiB → 820.0 MiB (-204.0 MiB); System generations 3 → 5 (+2)`.
fn trend_line(trend: &[Trend]) -> String {
    let show = |unit: TrendUnit, v: u64| match unit {
        TrendUnit::Bytes => crate::rules::bytes(v),
        TrendUnit::Count => v.to_string(),
    };
    trend
        .iter()
        .map(|t| {
            let p = t.previous.map_or("?".to_string(), |v| show(t.unit, v));
            let c = t.current.map_or("?".to_string(), |v| show(t.unit, v));
            let delta = match (t.previous, t.current) {
                (Some(a), Some(b)) if b >= a => format!(" (+{})", show(t.unit, b - a)),
                (Some(a), Some(b)) => format!(" (-{})", show(t.unit, a - b)),
                _ => String::new(),
            };
            format!("{} {p} → {c}{delta}", t.label)
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// A table cell: one space, the text padded or cut to `width - 2` columns, one space.
fn cell(s: &str, width: usize) -> String {
    format!(
        " {} ",
        text::pad(
            &text::short_store_paths(&text::one_line(s)),
            width.saturating_sub(2)
        )
    )
}

fn value_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

fn arg_usize(args: &HashMap<String, Value>, name: &str, default: usize) -> usize {
    args.get(name)
        .and_then(Value::as_u64)
        .and_then(|n| usize::try_from(n).ok())
        .unwrap_or(default)
}

fn arg_str<'a>(args: &'a HashMap<String, Value>, name: &str) -> &'a str {
    args.get(name).and_then(Value::as_str).unwrap_or("")
}

fn register_filters(tera: &mut Tera) {
    tera.register_filter("md_text", |v: &Value, _: &HashMap<String, Value>| {
        Ok(Value::String(md_inline(&value_text(v))))
    });
    tera.register_filter("md_prose", |v: &Value, _: &HashMap<String, Value>| {
        let prose = nixbtw_contracts::Prose::parse(&value_text(v));
        Ok(Value::String(text::md_prose(&prose)))
    });
    tera.register_filter("plain", |v: &Value, _: &HashMap<String, Value>| {
        Ok(Value::String(
            nixbtw_contracts::Prose::parse(&value_text(v)).plain(),
        ))
    });
    tera.register_filter("md_cell", |v: &Value, _: &HashMap<String, Value>| {
        let s = md_inline(&value_text(v));
        Ok(Value::String(if s.is_empty() { "-".into() } else { s }))
    });
    tera.register_filter("md_code", |v: &Value, _: &HashMap<String, Value>| {
        Ok(Value::String(md_code(&value_text(v))))
    });
    tera.register_filter("fence", |v: &Value, args: &HashMap<String, Value>| {
        let indent = " ".repeat(arg_usize(args, "indent", 0));
        let lines: Vec<String> = match v {
            Value::Array(items) => items
                .iter()
                .map(|i| text::excerpt_line(&value_text(i)))
                .collect(),
            other => value_text(other).lines().map(text::excerpt_line).collect(),
        };
        let fence = md_fence_for(&lines);
        let mut out = format!("{indent}{fence}text\n");
        for l in &lines {
            out.push_str(&indent);
            out.push_str(l);
            out.push('\n');
        }
        out.push_str(&indent);
        out.push_str(&fence);
        Ok(Value::String(out))
    });
    tera.register_filter("mermaid", |v: &Value, args: &HashMap<String, Value>| {
        let indent = " ".repeat(arg_usize(args, "indent", 0));
        let chart: nixbtw_contracts::Chart = serde_json::from_value(v.clone())
            .map_err(|e| tera::Error::msg(format!("not a chart: {e}")))?;
        let mut out = format!("{indent}```mermaid\n");
        for l in chart.mermaid() {
            out.push_str(&indent);
            out.push_str(&l);
            out.push('\n');
        }
        out.push_str(&indent);
        out.push_str("```");
        Ok(Value::String(out))
    });
    tera.register_filter("term", |v: &Value, args: &HashMap<String, Value>| {
        let width = arg_usize(args, "width", 76);
        Ok(Value::String(text::terminal(&value_text(v), width)))
    });
    tera.register_filter("summary", |v: &Value, args: &HashMap<String, Value>| {
        let width = arg_usize(args, "width", 66);
        Ok(Value::String(text::terminal_summary(&value_text(v), width)))
    });
    tera.register_filter("cell", |v: &Value, args: &HashMap<String, Value>| {
        Ok(Value::String(cell(
            &value_text(v),
            arg_usize(args, "width", 10),
        )))
    });
    tera.register_filter("box_row", |v: &Value, args: &HashMap<String, Value>| {
        let prefix = text::excerpt_line(arg_str(args, "prefix"));
        let suffix = text::excerpt_line(arg_str(args, "suffix"));
        let room = 76usize.saturating_sub(text::width(&prefix) + text::width(&suffix));
        let value = text::one_line(&value_text(v));
        let value = if arg_str(args, "keep") == "end" {
            text::cut_left(&value, room)
        } else {
            text::cut(&value, room)
        };
        let content = format!("{prefix}{value}{suffix}");
        Ok(Value::String(format!("║  {}║", text::pad(&content, 76))))
    });
}

/// Columns the `Probes:` list may use after its label.
const PROBES_WIDTH: usize = 68;

/// `list` (items separated by `, ` or `; `) on at most `max_lines` lines of `width` columns,
/// broken after a separator; what does not fit stays on the last line, for the `term` filter
/// to cut.
fn wrap_list(list: &str, width: usize, max_lines: usize) -> Vec<String> {
    let mut items: Vec<&str> = Vec::new();
    let mut start = 0;
    for (i, _) in list.match_indices([',', ';']) {
        if list[i + 1..].starts_with(' ') {
            items.push(&list[start..i + 2]);
            start = i + 2;
        }
    }
    items.push(&list[start..]);
    let mut lines: Vec<String> = vec![String::new()];
    for item in items {
        let cur = lines.last_mut().map_or(0, |l| l.trim_end().chars().count());
        let fits = cur + item.trim_end().chars().count() <= width;
        if !fits && cur > 0 && lines.len() < max_lines {
            if let Some(l) = lines.last_mut() {
                *l = l.trim_end().to_string();
            }
            lines.push(String::new());
        }
        if let Some(l) = lines.last_mut() {
            l.push_str(item);
        }
    }
    lines.iter().map(|l| l.trim_end().to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_edges_are_80_wide() {
        let t = TableEdges::new();
        for l in [&t.top, &t.header, &t.separator, &t.bottom] {
            assert_eq!(text::width(l), 80, "{l}");
        }
        assert_eq!(
            t.header,
            "║ #  ║ Type     ║ Priority ║ Summary                              ║ Action     ║"
        );
    }

    #[test]
    fn trend_line_shows_both_values_and_the_change() {
        let t = |metric: &str, unit, previous, current| Trend {
            metric: metric.into(),
            label: metric.into(),
            unit,
            previous,
            current,
        };
        let line = trend_line(&[
            t("store", TrendUnit::Bytes, Some(2048), Some(1024)),
            t("gens", TrendUnit::Count, Some(3), Some(5)),
            t("dead", TrendUnit::Bytes, None, Some(0)),
        ]);
        assert_eq!(
            line,
            "store 2.0 KiB → 1.0 KiB (-1.0 KiB); gens 3 → 5 (+2); dead ? → 0 B"
        );
    }

    #[test]
    fn embedded_templates_load() {
        Renderer::new(None).unwrap();
    }
}
