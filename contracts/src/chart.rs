//! Charts inside a finding's evidence, where a reader would rather look than read.
//!
//! Rules describe a chart as data (a kind, a title and labelled values); only the markdown
//! renderer draws it, as a mermaid block, which GitHub, GitLab and Gitea render and any other
//! viewer shows as an inert code block. The same numbers are always in the evidence's text
//! excerpt too, so nothing is lost where mermaid is not drawn.
//!
//! Labels come from the host (unit and profile names), so [`Chart::mermaid`] keeps only
//! characters that mean nothing to mermaid's parser and cuts them short.

use serde::{Deserialize, Serialize};

/// How the values are drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ChartKind {
    /// Shares of a whole (bytes of the store by holder).
    Pie,
    /// Values side by side, in order (sizes over generations, errors per unit).
    Bar,
}

/// A chart: labelled values of one unit.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Chart {
    /// Pie or bar.
    pub kind: ChartKind,
    /// What it shows, one line.
    pub title: String,
    /// The values' unit, for the axis ("MiB", "entries").
    pub unit: String,
    /// Label and value, in drawing order.
    pub points: Vec<(String, u64)>,
}

/// Longest label kept, in characters.
const LABEL_MAX: usize = 40;
/// Most points drawn (the text excerpt has them all).
const POINTS_MAX: usize = 24;

/// A label mermaid reads as plain text: letters, digits, space and `._:/+@-(),` kept,
/// anything else a space; cut to `max` characters; `-` when nothing is left.
fn label(s: &str) -> String {
    cut_label(s, LABEL_MAX)
}

fn cut_label(s: &str, max: usize) -> String {
    let kept: String = s
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || " ._:/+@-(),".contains(c) {
                c
            } else {
                ' '
            }
        })
        .collect();
    let kept = kept.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out: String = kept.chars().take(max).collect();
    if kept.chars().count() > max {
        out.push_str("...");
    }
    if out.is_empty() {
        "-".into()
    } else {
        out
    }
}

impl Chart {
    /// The chart as the lines of a mermaid diagram (without the fence).
    pub fn mermaid(&self) -> Vec<String> {
        let points = &self.points[..self.points.len().min(POINTS_MAX)];
        let title = cut_label(&self.title, 72);
        match self.kind {
            ChartKind::Pie => {
                let mut lines = vec![format!("pie showData title {title}")];
                for (l, v) in points.iter().filter(|(_, v)| *v > 0) {
                    lines.push(format!("    \"{}\" : {v}", label(l)));
                }
                lines
            }
            ChartKind::Bar => {
                let labels: Vec<String> = points
                    .iter()
                    .map(|(l, _)| format!("\"{}\"", label(l)))
                    .collect();
                let values: Vec<String> = points.iter().map(|(_, v)| v.to_string()).collect();
                vec![
                    "xychart-beta".to_string(),
                    format!("    title \"{title}\""),
                    format!("    x-axis [{}]", labels.join(", ")),
                    format!("    y-axis \"{}\"", label(&self.unit)),
                    format!("    bar [{}]", values.join(", ")),
                ]
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_labels_cannot_break_out_of_their_quotes() {
        let c = Chart {
            kind: ChartKind::Pie,
            title: "Where the store's bytes are".into(),
            unit: "MiB".into(),
            points: vec![
                ("evil\" : 1\n```\n# x".into(), 5),
                ("zero".into(), 0),
                ("ok-1.2".into(), 7),
            ],
        };
        let m = c.mermaid();
        assert_eq!(m[0], "pie showData title Where the store s bytes are");
        assert_eq!(m[1], "    \"evil : 1 x\" : 5");
        assert_eq!(m[2], "    \"ok-1.2\" : 7", "zero slices are left out");
        assert!(m.iter().all(|l| !l.contains('`') && !l.contains('#')));
    }

    #[test]
    fn bars_keep_order_and_are_capped() {
        let c = Chart {
            kind: ChartKind::Bar,
            title: "Closure size by generation".into(),
            unit: "MiB".into(),
            points: (1..=30).map(|i| (format!("gen {i}"), i)).collect(),
        };
        let m = c.mermaid();
        assert_eq!(m[0], "xychart-beta");
        assert!(m[2].starts_with("    x-axis [\"gen 1\", \"gen 2\""));
        assert_eq!(m[4].matches(',').count(), POINTS_MAX - 1);
        assert!(m[4].ends_with("23, 24]"));
    }
}
