//! `nixbtw-audit summary DIR...`: many hosts' JSON reports on one markdown page.
//!
//! A fleet collects each host's report JSON somewhere (rsync, a configuration-management pull,
//! a support upload); `summary` walks those directories, keeps each host's latest report and
//! writes one page in the output contract's style: hosts against priorities, the checks many
//! hosts share (ranked by how many hosts they hit, then how bad they are), each host's worst
//! finding and the age of its report, and the hosts whose latest report is missing or stale.
//!
//! Reports are other hosts' files: each is read bounded (`caps::REPORT_JSON`), only regular
//! files are opened, directories are walked without following symlinks and to a bounded depth,
//! and every text that reaches the page is escaped for markdown. A report of another tool
//! version is read as long as its layout (`schema_version`) is this tool's: only the fields
//! the page needs are decoded, so a newer build's new check IDs are shown as they are. A
//! report of another layout, or a file that is not a report, is refused and listed with why.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use nixbtw_contracts::text::{md_code, md_inline};
use nixbtw_contracts::{Action, FindingType, Priority, REPORT_SCHEMA_VERSION};

/// How deep below each named directory reports are looked for.
pub const MAX_DEPTH: usize = 8;
/// At most this many files are read (a bound on a hostile or mistaken directory).
pub const MAX_FILES: usize = 100_000;
/// At most this many shared checks are listed on the page (all are in the JSON).
pub const MAX_SHARED_ROWS: usize = 100;

/// The part of a report the summary reads; everything else (facts, probes) is skipped.
#[derive(Debug, Deserialize)]
struct LightReport {
    schema_version: u32,
    tool: LightTool,
    target: String,
    started: DateTime<Utc>,
    findings: Vec<LightFinding>,
}

#[derive(Debug, Deserialize)]
struct LightTool {
    name: String,
    version: String,
}

#[derive(Debug, Deserialize)]
struct LightFinding {
    id: String,
    #[serde(rename = "type")]
    kind: FindingType,
    priority: Priority,
    title: String,
    /// Grouped under a root finding: not counted on its own (as in the report's headline).
    #[serde(default)]
    related_to: Option<u32>,
}

/// Enough of any JSON to say why it was refused.
#[derive(Debug, Deserialize)]
struct Head {
    schema_version: Option<u32>,
    tool: Option<LightTool>,
    kind: Option<String>,
}

/// One host's latest report, as the page shows it.
#[derive(Debug, Clone, Serialize)]
pub struct HostRow {
    /// The host (the report's target).
    pub host: String,
    /// The report file.
    pub file: String,
    /// When its latest audit started.
    pub started: DateTime<Utc>,
    /// The tool version that wrote it.
    pub tool_version: String,
    /// Found and rec findings by priority (P0, P1, P2, P3, info).
    pub counts: [usize; 5],
    /// The worst found or rec finding: priority, ID, title.
    pub worst: Option<(Priority, String, String)>,
    /// Older reports of the same host that were read and superseded.
    pub older_reports: usize,
}

/// A check raised on one or more hosts.
#[derive(Debug, Clone, Serialize)]
pub struct SharedCheck {
    /// The check ID.
    pub id: String,
    /// Hosts whose latest report raises it.
    pub hosts: usize,
    /// Its worst priority among them.
    pub worst: Priority,
    /// The title of one of its findings (the worst one's).
    pub example: String,
}

/// A file that was not used, and why.
#[derive(Debug, Clone, Serialize)]
pub struct Refused {
    /// The file.
    pub file: String,
    /// Why.
    pub reason: String,
}

/// Whether a host's latest report can be trusted as current.
#[derive(Debug, Clone, Serialize)]
pub struct Lapse {
    /// The host.
    pub host: String,
    /// Its latest report's start, when it has one.
    pub latest: Option<DateTime<Utc>>,
    /// `stale` or `missing`.
    pub status: &'static str,
}

/// The whole summary. Host counts and worst findings follow each report's headline (a
/// finding grouped under a root cause is not counted on its own); the shared checks count
/// every host a check is raised on, grouped or not.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    /// Always `fleet-summary`: this JSON is not a host report.
    pub kind: &'static str,
    /// When the summary was made.
    pub made: DateTime<Utc>,
    /// The directories read.
    pub sources: Vec<String>,
    /// Reports older than this many hours are stale.
    pub stale_hours: i64,
    /// Reports read (all hosts, latest and older).
    pub reports_read: usize,
    /// One row per host, worst first.
    pub hosts: Vec<HostRow>,
    /// Every check raised on at least one host, most hosts first.
    pub shared: Vec<SharedCheck>,
    /// Hosts whose latest report is stale, and expected hosts without one.
    pub lapses: Vec<Lapse>,
    /// Files that were refused.
    pub refused: Vec<Refused>,
}

/// What went wrong before any report could be read.
#[derive(Debug, thiserror::Error)]
pub enum SummaryError {
    /// A named directory cannot be walked.
    #[error("cannot read {path}: {reason}")]
    Dir {
        /// The directory.
        path: String,
        /// Why.
        reason: String,
    },
}

/// Collect the `*.json` files under `dir` (no symlinks followed, bounded depth and count).
fn walk(dir: &Path, depth: usize, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        if out.len() >= MAX_FILES {
            return Ok(());
        }
        let Ok(ft) = e.file_type() else { continue };
        let path = e.path();
        if ft.is_dir() && depth < MAX_DEPTH {
            // A subdirectory that cannot be read is skipped: the others still count.
            let _ = walk(&path, depth + 1, out);
        } else if ft.is_file() && path.extension().is_some_and(|x| x == "json") {
            out.push(path);
        }
    }
    Ok(())
}

fn read_one(path: &Path) -> Result<LightReport, String> {
    let bytes = nixbtw_probes::fs::read_local(path, nixbtw_probes::fs::caps::REPORT_JSON)
        .map_err(|e| e.reason())?;
    match serde_json::from_slice::<LightReport>(&bytes) {
        Ok(r) if r.tool.name != "nixbtw-audit" => Err(format!(
            "written by {} {}, not nixbtw-audit",
            r.tool.name, r.tool.version
        )),
        Ok(r) if r.schema_version != REPORT_SCHEMA_VERSION => Err(format!(
            "report layout {} (nixbtw-audit {}); this tool reads layout {REPORT_SCHEMA_VERSION}: \
             summarise it with a matching nixbtw-audit",
            r.schema_version, r.tool.version
        )),
        Ok(r) => Ok(r),
        Err(e) => Err(match serde_json::from_slice::<Head>(&bytes) {
            Ok(Head {
                kind: Some(kind), ..
            }) => format!("a {kind}, not a host report"),
            Ok(Head {
                schema_version: Some(v),
                tool: Some(t),
                ..
            }) if v != REPORT_SCHEMA_VERSION => format!(
                "report layout {v} (nixbtw-audit {}); this tool reads layout \
                 {REPORT_SCHEMA_VERSION}: summarise it with a matching nixbtw-audit",
                t.version
            ),
            _ => format!("not a nixbtw-audit report: {e}"),
        }),
    }
}

/// Read every report under `dirs` and summarise the fleet as of `now`. `expected` names
/// hosts that should have a report (from `--hosts FILE`); `stale_hours` is the age after
/// which a latest report is stale.
pub fn summarise(
    dirs: &[PathBuf],
    expected: &[String],
    stale_hours: i64,
    now: DateTime<Utc>,
) -> Result<Summary, SummaryError> {
    let mut files = Vec::new();
    for d in dirs {
        walk(d, 0, &mut files).map_err(|e| SummaryError::Dir {
            path: d.display().to_string(),
            reason: e.to_string(),
        })?;
    }
    let mut refused = Vec::new();
    let mut latest: BTreeMap<String, (LightReport, String, usize)> = BTreeMap::new();
    let mut read = 0usize;
    for f in &files {
        let shown = f.display().to_string();
        match read_one(f) {
            Err(reason) => refused.push(Refused {
                file: shown,
                reason,
            }),
            Ok(r) => {
                read += 1;
                match latest.get_mut(&r.target) {
                    Some(slot) => {
                        slot.2 += 1;
                        if r.started > slot.0.started {
                            slot.0 = r;
                            slot.1 = shown;
                        }
                    }
                    None => {
                        latest.insert(r.target.clone(), (r, shown, 0));
                    }
                }
            }
        }
    }
    let mut hosts = Vec::new();
    let mut by_id: BTreeMap<String, SharedCheck> = BTreeMap::new();
    for (host, (r, file, older)) in &latest {
        let mut counts = [0usize; 5];
        let mut worst: Option<&LightFinding> = None;
        let mut ids_here = BTreeSet::new();
        for f in &r.findings {
            if !matches!(f.kind, FindingType::Found | FindingType::Rec) {
                continue;
            }
            if f.related_to.is_none() {
                counts[f.priority as usize] += 1;
                if worst.is_none_or(|w| f.priority < w.priority) {
                    worst = Some(f);
                }
            }
            let e = by_id.entry(f.id.clone()).or_insert_with(|| SharedCheck {
                id: f.id.clone(),
                hosts: 0,
                worst: f.priority,
                example: nixbtw_contracts::Prose::parse(&f.title).plain(),
            });
            if ids_here.insert(f.id.clone()) {
                e.hosts += 1;
            }
            if f.priority < e.worst {
                e.worst = f.priority;
                e.example = nixbtw_contracts::Prose::parse(&f.title).plain();
            }
        }
        hosts.push(HostRow {
            host: host.clone(),
            file: file.clone(),
            started: r.started,
            tool_version: r.tool.version.clone(),
            counts,
            worst: worst.map(|w| {
                (
                    w.priority,
                    w.id.clone(),
                    nixbtw_contracts::Prose::parse(&w.title).plain(),
                )
            }),
            older_reports: *older,
        });
    }
    // Worst hosts first: by their worst priority, then how many findings of each priority.
    hosts.sort_by(|a, b| {
        let key = |h: &HostRow| {
            (
                h.worst
                    .as_ref()
                    .map_or(Priority::Info as usize + 1, |w| w.0 as usize),
                std::cmp::Reverse(h.counts),
            )
        };
        key(a).cmp(&key(b)).then_with(|| a.host.cmp(&b.host))
    });
    let mut shared: Vec<SharedCheck> = by_id.into_values().collect();
    shared.sort_by(|a, b| {
        b.hosts
            .cmp(&a.hosts)
            .then(a.worst.cmp(&b.worst))
            .then_with(|| a.id.cmp(&b.id))
    });
    let mut lapses: Vec<Lapse> = hosts
        .iter()
        .filter(|h| (now - h.started).num_hours() >= stale_hours)
        .map(|h| Lapse {
            host: h.host.clone(),
            latest: Some(h.started),
            status: "stale",
        })
        .collect();
    for e in expected {
        if !latest.contains_key(e) {
            lapses.push(Lapse {
                host: e.clone(),
                latest: None,
                status: "missing",
            });
        }
    }
    Ok(Summary {
        kind: "fleet-summary",
        made: now,
        sources: dirs.iter().map(|d| d.display().to_string()).collect(),
        stale_hours,
        reports_read: read,
        hosts,
        shared,
        lapses,
        refused,
    })
}

/// `3 min`, `5 h`, `12 d`.
fn age(from: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let d = now - from;
    if d.num_minutes() < 0 {
        "in the future".to_string()
    } else if d.num_hours() < 1 {
        format!("{} min", d.num_minutes())
    } else if d.num_hours() < 48 {
        format!("{} h", d.num_hours())
    } else {
        format!("{} d", d.num_days())
    }
}

fn cell(s: &str) -> String {
    let s = md_inline(s);
    if s.is_empty() {
        "-".to_string()
    } else {
        s
    }
}

impl Summary {
    /// The markdown page, in the output contract's style (H1, metadata bullets, sections,
    /// a conclusion table with the contract's columns).
    pub fn markdown(&self) -> String {
        let mut o = String::new();
        let mut totals = [0usize; 5];
        for h in &self.hosts {
            for (t, c) in totals.iter_mut().zip(h.counts) {
                *t += c;
            }
        }
        let total: usize = totals.iter().sum();
        let parts: Vec<String> = Priority::ALL
            .iter()
            .zip(totals)
            .filter(|(_, n)| *n > 0)
            .map(|(p, n)| format!("{}:{n}", p.as_str()))
            .collect();
        let stale = self.lapses.iter().filter(|l| l.status == "stale").count();
        let missing = self.lapses.len() - stale;
        o.push_str(&format!(
            "# NIXOS-BTW - fleet - {}\n\n",
            self.made.format("%Y-%m-%d")
        ));
        o.push_str("- **Skill:** nixos-btw\n- **Mode:** audit\n");
        o.push_str(&format!(
            "- **Target:** `fleet ({})`\n",
            nixbtw_contracts::text::count_of(self.hosts.len(), "host", "hosts")
        ));
        o.push_str(&format!(
            "- **Started:** {}\n",
            self.made.format("%Y-%m-%dT%H:%MZ")
        ));
        o.push_str(&format!(
            "- **Findings:** {total} ({}), in the hosts' latest reports\n",
            parts.join(", ")
        ));
        o.push_str(&format!(
            "- **Hosts:** {} with a report, {stale} stale (older than {} h), {missing} missing\n",
            self.hosts.len(),
            self.stale_hours
        ));
        o.push_str(&format!(
            "- **Reports:** {} read, {} refused\n",
            self.reports_read,
            self.refused.len()
        ));
        let sources: Vec<String> = self.sources.iter().map(|s| md_code(s)).collect();
        o.push_str(&format!("- **Sources:** {}\n", sources.join(", ")));
        o.push_str(&format!(
            "- **Tool:** nixbtw-audit {}\n\n---\n\n",
            env!("CARGO_PKG_VERSION")
        ));

        o.push_str("## Hosts by priority\n\n");
        o.push_str("| Host | P0 | P1 | P2 | P3 | info | Worst finding | Report age | Tool |\n");
        o.push_str("|---|---:|---:|---:|---:|---:|---|---:|---|\n");
        for h in &self.hosts {
            let worst = h.worst.as_ref().map_or("-".to_string(), |(p, id, title)| {
                format!("{} {} {}", p.as_str(), md_code(id), cell(title))
            });
            let c = h.counts;
            o.push_str(&format!(
                "| {} | {} | {} | {} | {} | {} | {worst} | {} | {} |\n",
                cell(&h.host),
                c[0],
                c[1],
                c[2],
                c[3],
                c[4],
                age(h.started, self.made),
                cell(&h.tool_version)
            ));
        }
        if self.hosts.is_empty() {
            o.push_str("| - | 0 | 0 | 0 | 0 | 0 | - | - | - |\n");
        }

        o.push_str("\n## Shared findings\n\n");
        o.push_str(
            "Checks raised on more than one host, most hosts first, then the worst priority.\n\n",
        );
        o.push_str("| Check | Hosts | Worst | Example |\n|---|---:|---|---|\n");
        let many: Vec<&SharedCheck> = self.shared.iter().filter(|s| s.hosts > 1).collect();
        for s in many.iter().take(MAX_SHARED_ROWS) {
            o.push_str(&format!(
                "| {} | {} of {} | {} | {} |\n",
                md_code(&s.id),
                s.hosts,
                self.hosts.len(),
                s.worst.as_str(),
                cell(&s.example)
            ));
        }
        if many.is_empty() {
            o.push_str("| - | 0 | - | no check is raised on more than one host |\n");
        } else if many.len() > MAX_SHARED_ROWS {
            o.push_str(&format!(
                "\n{} more in the JSON beside this file.\n",
                many.len() - MAX_SHARED_ROWS
            ));
        }

        o.push_str("\n## Missing or stale reports\n\n");
        if self.lapses.is_empty() {
            o.push_str("Every host's latest report is current.\n");
        } else {
            o.push_str("| Host | Latest report | Age | Status |\n|---|---|---:|---|\n");
            for l in &self.lapses {
                let (when, how_old) = match l.latest {
                    Some(t) => (t.format("%Y-%m-%dT%H:%MZ").to_string(), age(t, self.made)),
                    None => ("none".to_string(), "-".to_string()),
                };
                o.push_str(&format!(
                    "| {} | {when} | {how_old} | {} |\n",
                    cell(&l.host),
                    l.status
                ));
            }
        }

        if !self.refused.is_empty() {
            o.push_str("\n## Refused reports\n\n| File | Why |\n|---|---|\n");
            for r in &self.refused {
                o.push_str(&format!("| {} | {} |\n", md_code(&r.file), cell(&r.reason)));
            }
        }

        o.push_str("\n---\n\n## Conclusion\n\n");
        o.push_str("| # | Type | Priority | Summary | Action |\n|---|---|---|---|---|\n");
        let mut n = 0;
        for s in &self.shared {
            n += 1;
            o.push_str(&format!(
                "| {n} | found | {} | {} on {} of {} | {} |\n",
                s.worst.as_str(),
                md_code(&s.id),
                s.hosts,
                self.hosts.len(),
                Action::default_for(FindingType::Found, s.worst).as_str()
            ));
        }
        for l in &self.lapses {
            n += 1;
            o.push_str(&format!(
                "| {n} | error | P2 | {}: report {} | open |\n",
                cell(&l.host),
                l.status
            ));
        }
        o
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, text: &str) {
        std::fs::write(dir.join(name), text).unwrap();
    }

    fn report(host: &str, started: &str, findings: &[(&str, &str, &str)]) -> String {
        let f: Vec<serde_json::Value> = findings
            .iter()
            .enumerate()
            .map(|(i, (id, kind, p))| {
                serde_json::json!({"number": i + 1, "id": id, "probe": "host", "subject": "s",
                    "type": kind, "priority": p, "action": "recommend", "title": format!("{id} title"),
                    "summary": "s", "file": "f", "description": "d", "evidence": [],
                    "suggested_action": "a", "fix_applied": null})
            })
            .collect();
        serde_json::json!({"schema_version": 1, "tool": {"name": "nixbtw-audit", "version": "0.1.0"},
            "target": host, "root": "/", "lane": "NixOS", "started": started, "findings": f,
            "suppressed": 0, "probes": [], "facts": {}})
        .to_string()
    }

    #[test]
    fn latest_report_per_host_shared_ranking_and_lapses() {
        let d = tempfile::tempdir().unwrap();
        let now: DateTime<Utc> = "2026-12-02T12:00:00Z".parse().unwrap();
        write(
            d.path(),
            "a1.json",
            &report(
                "a",
                "2026-12-01T12:00:00Z",
                &[("units.failed", "found", "P1")],
            ),
        );
        write(
            d.path(),
            "a0.json",
            &report(
                "a",
                "2026-11-01T12:00:00Z",
                &[("store.disk-critical", "found", "P0")],
            ),
        );
        write(
            d.path(),
            "b.json",
            &report(
                "b",
                "2026-11-20T12:00:00Z",
                &[
                    ("units.failed", "found", "P1"),
                    ("host.release-eol", "found", "P0"),
                    ("future.check", "found", "P3"),
                    ("host.lane", "fixed", "P0"),
                ],
            ),
        );
        write(
            d.path(),
            "c.json",
            &report(
                "c",
                "2026-12-02T11:00:00Z",
                &[("host.release-eol", "found", "P2")],
            ),
        );
        write(
            d.path(),
            "new.json",
            &report("z", "2026-12-02T11:00:00Z", &[])
                .replace("\"schema_version\":1", "\"schema_version\":7"),
        );
        write(d.path(), "junk.json", "{\"hello\": 1}");
        write(d.path(), "notes.txt", "ignored");
        let s = summarise(
            &[d.path().to_path_buf()],
            &["a".into(), "gone".into()],
            48,
            now,
        )
        .unwrap();
        assert_eq!(s.reports_read, 4);
        assert_eq!(s.hosts.len(), 3);
        // b has a P0 (release-eol), then c's worst is P2... a's is P1.
        let order: Vec<&str> = s.hosts.iter().map(|h| h.host.as_str()).collect();
        assert_eq!(order, ["b", "a", "c"]);
        let a = s.hosts.iter().find(|h| h.host == "a").unwrap();
        assert_eq!(a.older_reports, 1);
        assert_eq!(a.counts, [0, 1, 0, 0, 0]);
        // Fixed rows do not count; an ID this build does not know is kept.
        let b = &s.hosts[0];
        assert_eq!(b.counts, [1, 1, 0, 1, 0]);
        let ids: Vec<(&str, usize, Priority)> = s
            .shared
            .iter()
            .map(|c| (c.id.as_str(), c.hosts, c.worst))
            .collect();
        assert_eq!(
            ids,
            [
                ("host.release-eol", 2, Priority::P0),
                ("units.failed", 2, Priority::P1),
                ("future.check", 1, Priority::P3)
            ]
        );
        let lapses: Vec<(&str, &str)> = s
            .lapses
            .iter()
            .map(|l| (l.host.as_str(), l.status))
            .collect();
        assert_eq!(lapses, [("b", "stale"), ("gone", "missing")]);
        assert_eq!(s.refused.len(), 2);
        assert!(
            s.refused.iter().any(|r| r.reason.contains("layout 7")),
            "{:?}",
            s.refused
        );
        assert!(s
            .refused
            .iter()
            .any(|r| r.reason.contains("not a nixbtw-audit report")));
    }

    #[test]
    fn host_text_is_escaped_on_the_page() {
        let d = tempfile::tempdir().unwrap();
        let now: DateTime<Utc> = "2026-12-02T12:00:00Z".parse().unwrap();
        write(
            d.path(),
            "x.json",
            &report(
                "evil|host\n# H1 `x`",
                "2026-12-02T11:00:00Z",
                &[("units.failed", "found", "P1")],
            ),
        );
        let md = summarise(&[d.path().to_path_buf()], &[], 48, now)
            .unwrap()
            .markdown();
        assert!(md.contains("| evil\\|host \\# H1 \\`x\\` |"), "{md}");
        assert!(!md.contains("\n# H1"), "{md}");
    }
}
