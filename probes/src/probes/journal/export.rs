//! A streaming parser of journalctl's export format (`-o export`), for the boot read.
//!
//! Why export and not JSON there: journalctl 252 builds a JSON object per entry, and that is
//! most of its cost; the export format is written field by field. On 300,000 realistic entries
//! the boot read costs 0.34 s of journalctl CPU in export against 0.54 s in JSON with the same
//! fields (BENCHMARKS.md, "Journal").
//!
//! The format (systemd's docs/JOURNAL_EXPORT_FORMATS.md): entries separated by an empty line;
//! a field is `NAME=value\n` when the value is printable UTF-8 without a newline, otherwise
//! `NAME\n`, the value's length as a little-endian u64, the value, `\n`. The values come from
//! files other people control, so nothing here trusts a length: a value is kept up to
//! [`MAX_VALUE`] bytes and the rest skipped as it streams past, an entry keeps at most
//! [`MAX_VALUES`] values, and a stream that breaks the format stops the parse (`broken`).
//! Values become the JSON shapes journalctl would print ([`super::field_text`] decodes both):
//! a string when UTF-8, an array of byte values otherwise, an array when a field repeats.

use serde_json::{Map, Value};

use super::Entry;

/// Longest value kept, in bytes (a message is cut at 4 KiB later; names and units are short).
pub const MAX_VALUE: usize = 64 * 1024;
/// Most values kept per entry.
pub const MAX_VALUES: usize = 1024;
/// Longest field name accepted (journald allows 64).
const MAX_NAME: usize = 64;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Reading a line: `NAME=value`, a binary field's `NAME`, or the empty line ending an
    /// entry.
    Line,
    /// Reading the 8 length bytes of a binary value.
    Length,
    /// Reading a binary value.
    Data,
    /// Expecting the newline after a binary value.
    DataEnd,
}

/// Parses export output fed in chunks of any size.
#[derive(Debug)]
pub struct ExportParser {
    state: State,
    line: Vec<u8>,
    /// The line went over [`MAX_NAME`] + 1 + [`MAX_VALUE`] bytes; the rest is skipped.
    line_cut: bool,
    name: String,
    length: [u8; 8],
    have: usize,
    left: u64,
    value: Vec<u8>,
    entry: Map<String, Value>,
    values: usize,
    /// Entries handed over.
    pub entries: u64,
    /// Why the stream stopped making sense, if it did.
    pub broken: Option<String>,
}

impl Default for ExportParser {
    fn default() -> Self {
        ExportParser {
            state: State::Line,
            line: Vec::new(),
            line_cut: false,
            name: String::new(),
            length: [0; 8],
            have: 0,
            left: 0,
            value: Vec::new(),
            entry: Map::new(),
            values: 0,
            entries: 0,
            broken: None,
        }
    }
}

/// Whether `name` is a journal field name: `A-Z`, `0-9`, `_`, not starting with a digit.
fn valid_name(name: &[u8]) -> bool {
    !name.is_empty()
        && name.len() <= MAX_NAME
        && !name[0].is_ascii_digit()
        && name
            .iter()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || *b == b'_')
}

/// A value as journalctl's JSON would show it: a string, or an array of byte values.
fn json_value(bytes: &[u8]) -> Value {
    match std::str::from_utf8(bytes) {
        Ok(s) => Value::String(s.to_string()),
        Err(_) => Value::Array(bytes.iter().map(|b| Value::from(*b)).collect()),
    }
}

impl ExportParser {
    /// A parser at the start of a stream.
    pub fn new() -> Self {
        ExportParser::default()
    }

    /// Parse `chunk`, handing each complete entry to `on_entry`; returns `false` when
    /// `on_entry` asked to stop or the stream broke.
    pub fn feed(&mut self, mut chunk: &[u8], on_entry: &mut dyn FnMut(&Entry) -> bool) -> bool {
        while !chunk.is_empty() {
            if self.broken.is_some() {
                return false;
            }
            match self.state {
                State::Line => match chunk.iter().position(|b| *b == b'\n') {
                    Some(i) => {
                        self.push_line(&chunk[..i]);
                        chunk = &chunk[i + 1..];
                        if !self.end_line(on_entry) {
                            return false;
                        }
                    }
                    None => {
                        self.push_line(chunk);
                        chunk = &[];
                    }
                },
                State::Length => {
                    let n = (8 - self.have).min(chunk.len());
                    self.length[self.have..self.have + n].copy_from_slice(&chunk[..n]);
                    self.have += n;
                    chunk = &chunk[n..];
                    if self.have == 8 {
                        self.left = u64::from_le_bytes(self.length);
                        self.value.clear();
                        self.state = if self.left == 0 {
                            State::DataEnd
                        } else {
                            State::Data
                        };
                    }
                }
                State::Data => {
                    let n = usize::try_from(self.left)
                        .unwrap_or(usize::MAX)
                        .min(chunk.len());
                    let room = MAX_VALUE.saturating_sub(self.value.len());
                    self.value.extend_from_slice(&chunk[..n.min(room)]);
                    self.left -= n as u64;
                    chunk = &chunk[n..];
                    if self.left == 0 {
                        self.state = State::DataEnd;
                    }
                }
                State::DataEnd => {
                    if chunk[0] != b'\n' {
                        self.broken = Some(format!(
                            "no newline after the binary value of {} (entry {})",
                            self.name,
                            self.entries + 1
                        ));
                        return false;
                    }
                    chunk = &chunk[1..];
                    let name = std::mem::take(&mut self.name);
                    let value = std::mem::take(&mut self.value);
                    self.add(name, &value);
                    self.state = State::Line;
                }
            }
        }
        true
    }

    fn push_line(&mut self, bytes: &[u8]) {
        let room = (MAX_NAME + 1 + MAX_VALUE).saturating_sub(self.line.len());
        if bytes.len() > room {
            self.line_cut = true;
        }
        self.line.extend_from_slice(&bytes[..bytes.len().min(room)]);
    }

    /// A line is complete (its newline was read).
    fn end_line(&mut self, on_entry: &mut dyn FnMut(&Entry) -> bool) -> bool {
        let line = std::mem::take(&mut self.line);
        self.line_cut = false;
        if line.is_empty() {
            return self.finish_entry(on_entry);
        }
        match line.iter().position(|b| *b == b'=') {
            Some(eq) if valid_name(&line[..eq]) => {
                let name = String::from_utf8_lossy(&line[..eq]).into_owned();
                self.add(name, &line[eq + 1..]);
            }
            Some(_) => {
                self.broken = Some(format!(
                    "a field name that is not one (entry {})",
                    self.entries + 1
                ));
            }
            None if valid_name(&line) => {
                self.name = String::from_utf8_lossy(&line).into_owned();
                self.have = 0;
                self.state = State::Length;
            }
            None => {
                self.broken = Some(format!(
                    "a line that is not a field (entry {})",
                    self.entries + 1
                ));
            }
        }
        self.broken.is_none()
    }

    /// Add a value to the entry being read (a repeated field becomes an array).
    fn add(&mut self, name: String, value: &[u8]) {
        if self.values >= MAX_VALUES {
            return;
        }
        self.values += 1;
        let v = json_value(&value[..value.len().min(MAX_VALUE)]);
        match self.entry.get_mut(&name) {
            None => {
                self.entry.insert(name, v);
            }
            Some(Value::Array(items)) if items.iter().all(|i| !i.is_u64()) => items.push(v),
            Some(existing) => {
                let first = existing.take();
                *existing = Value::Array(vec![first, v]);
            }
        }
    }

    fn finish_entry(&mut self, on_entry: &mut dyn FnMut(&Entry) -> bool) -> bool {
        if self.entry.is_empty() {
            return true;
        }
        self.entries += 1;
        self.values = 0;
        let entry = Entry(std::mem::take(&mut self.entry));
        on_entry(&entry)
    }

    /// The stream ended: hand over an entry that lacked only its closing empty line.
    pub fn finish(&mut self, on_entry: &mut dyn FnMut(&Entry) -> bool) {
        if self.broken.is_none() && self.state == State::Line && self.line.is_empty() {
            self.finish_entry(on_entry);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn binary(name: &str, value: &[u8]) -> Vec<u8> {
        let mut out = format!("{name}\n").into_bytes();
        out.extend_from_slice(&(value.len() as u64).to_le_bytes());
        out.extend_from_slice(value);
        out.push(b'\n');
        out
    }

    fn parse_in(stream: &[u8], chunk: usize) -> (Vec<Entry>, ExportParser) {
        let mut p = ExportParser::new();
        let mut got = Vec::new();
        for c in stream.chunks(chunk.max(1)) {
            if !p.feed(c, &mut |e| {
                got.push(e.clone());
                true
            }) {
                break;
            }
        }
        p.finish(&mut |e| {
            got.push(e.clone());
            true
        });
        (got, p)
    }

    #[test]
    fn text_and_binary_fields_in_any_chunking() {
        let mut s = b"__REALTIME_TIMESTAMP=1795641315280766\nPRIORITY=3\nMESSAGE=a=b\n".to_vec();
        s.extend(binary("MESSAGE_X", b"line one\nline two"));
        s.extend(binary("BAD", b"bytes \xff\n\n here"));
        s.extend(b"X=1\nX=2\n\n_BOOT_ID=b\nMESSAGE=last\n");
        for chunk in [1, 2, 3, 7, 8, 9, 64, 4096] {
            let (got, p) = parse_in(&s, chunk);
            assert!(p.broken.is_none(), "{chunk}: {:?}", p.broken);
            assert_eq!(got.len(), 2, "{chunk}");
            let e = &got[0];
            assert_eq!(e.get("MESSAGE").as_deref(), Some("a=b"));
            assert_eq!(e.get("MESSAGE_X").as_deref(), Some("line one\nline two"));
            assert_eq!(e.get("BAD").as_deref(), Some("bytes \u{FFFD}\n\n here"));
            assert_eq!(e.get("X").as_deref(), Some("1\n2"));
            assert_eq!(e.priority(), Some(3));
            assert_eq!(e.time().unwrap().timestamp(), 1_795_641_315);
            assert_eq!(got[1].get("MESSAGE").as_deref(), Some("last"), "{chunk}");
        }
    }

    #[test]
    fn huge_values_are_cut_while_streaming_and_lengths_are_not_trusted() {
        let mut s = binary("MESSAGE", &vec![b'x'; 3 * MAX_VALUE]);
        s.extend(b"\n");
        s.extend(format!("MESSAGE={}\n\n", "y".repeat(2 * MAX_VALUE)).as_bytes());
        let (got, p) = parse_in(&s, 1000);
        assert!(p.broken.is_none());
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].get("MESSAGE").unwrap().len(), MAX_VALUE);
        assert_eq!(got[1].get("MESSAGE").unwrap().len(), MAX_VALUE);
        // A length that claims more than the stream holds: the parse just waits for it.
        let mut lie = b"MESSAGE\n".to_vec();
        lie.extend(u64::MAX.to_le_bytes());
        lie.extend(b"short\n\n");
        let (got, _) = parse_in(&lie, 3);
        assert!(got.is_empty());
    }

    #[test]
    fn a_stream_that_is_not_export_stops() {
        let (got, p) = parse_in(b"{\"MESSAGE\":\"json\"}\n\n", 5);
        assert!(got.is_empty());
        assert!(p.broken.is_some());
        let mut s = binary("M", b"v");
        s.pop();
        s.extend(b"X\n\n");
        let (_, p) = parse_in(&s, 4);
        assert!(p.broken.unwrap().contains("no newline"));
    }

    #[test]
    fn values_per_entry_are_capped() {
        let mut s = Vec::new();
        for i in 0..(MAX_VALUES + 10) {
            s.extend(format!("F{}=v\n", i % 3).as_bytes());
        }
        s.extend(b"\n");
        let (got, _) = parse_in(&s, 100);
        let kept: usize = ["F0", "F1", "F2"]
            .iter()
            .map(|f| got[0].get(f).unwrap().split('\n').count())
            .sum();
        assert_eq!(kept, MAX_VALUES);
    }
}
