//! JSON output, as SPEC §3 describes.

use std::io::{self, Write};

use rayon::prelude::*;
use serde::Serialize;

use crate::diagnostic::{Diagnostic, InputError};
use crate::Report;

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    findings: Vec<Finding<'a>>,
    errors: &'a [InputError],
    summary: Summary,
}

#[derive(Serialize)]
struct Finding<'a> {
    rule: &'a str,
    severity: &'a str,
    file: &'a str,
    side: crate::segment::Side,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    text: &'a str,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    suggestion: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    segment: Option<&'a str>,
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    segments: usize,
    findings: usize,
    errors: usize,
}

fn finding(d: &Diagnostic) -> Finding<'_> {
    Finding {
        rule: d.rule,
        severity: d.severity.as_str(),
        file: &d.file,
        side: d.side,
        line: d.start.line,
        column: d.start.column,
        end_line: d.end.line,
        end_column: d.end.column,
        text: &d.text,
        message: &d.message,
        suggestion: d.suggestion.as_deref(),
        note: d.note.as_deref(),
        segment: d.segment.as_deref(),
    }
}

/// Append one finding as a list item of the document, as serde_json's pretty printer
/// writes it two levels deep (a hand-written writer: serde's took a tenth of the time of
/// a large CJK run). The test below holds the two to the same bytes.
fn write_finding(buf: &mut Vec<u8>, f: &Finding<'_>) {
    fn key(buf: &mut Vec<u8>, name: &str) {
        buf.extend_from_slice(b",\n      \"");
        buf.extend_from_slice(name.as_bytes());
        buf.extend_from_slice(b"\": ");
    }
    fn num(buf: &mut Vec<u8>, name: &str, n: u32) {
        key(buf, name);
        buf.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
    }
    fn text(buf: &mut Vec<u8>, name: &str, s: &str) {
        key(buf, name);
        escaped(buf, s);
    }
    buf.extend_from_slice(b"\n    {\n      \"rule\": ");
    escaped(buf, f.rule);
    text(buf, "severity", f.severity);
    text(buf, "file", f.file);
    text(
        buf,
        "side",
        match f.side {
            crate::segment::Side::Source => "source",
            crate::segment::Side::Target => "target",
        },
    );
    num(buf, "line", f.line);
    num(buf, "column", f.column);
    num(buf, "end_line", f.end_line);
    num(buf, "end_column", f.end_column);
    text(buf, "text", f.text);
    text(buf, "message", f.message);
    for (name, v) in [
        ("suggestion", f.suggestion),
        ("note", f.note),
        ("segment", f.segment),
    ] {
        if let Some(v) = v {
            text(buf, name, v);
        }
    }
    buf.extend_from_slice(b"\n    }");
}

/// Append `s` as a JSON string literal, escaped as serde_json escapes: `"`, `\\` and the
/// control characters (short forms for `\b \t \n \f \r`, `\u00xx` for the others).
fn escaped(buf: &mut Vec<u8>, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    buf.push(b'"');
    let bytes = s.as_bytes();
    // Most strings need no escape: a branch-free test over every byte, then one copy.
    if !bytes.iter().fold(false, |any, &b| {
        any | (b < 0x20) | (b == b'"') | (b == b'\\')
    }) {
        buf.extend_from_slice(bytes);
        buf.push(b'"');
        return;
    }
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let short = match b {
            b'"' => b'"',
            b'\\' => b'\\',
            0x08 => b'b',
            b'\t' => b't',
            b'\n' => b'n',
            0x0C => b'f',
            b'\r' => b'r',
            0x00..=0x1F => b'u',
            _ => continue,
        };
        buf.extend_from_slice(&bytes[start..i]);
        buf.push(b'\\');
        buf.push(short);
        if short == b'u' {
            buf.extend_from_slice(b"00");
            buf.push(HEX[usize::from(b >> 4)]);
            buf.push(HEX[usize::from(b & 0xF)]);
        }
        start = i + 1;
    }
    buf.extend_from_slice(&bytes[start..]);
    buf.push(b'"');
}

/// Findings rendered per parallel task.
const FINDINGS_PER_TASK: usize = 2048;

/// Findings rendered per batch: a task for each thread. The JSON of two batches is held
/// at a time (half a kilobyte a finding: 4 MB on two threads), at the peak of a large
/// run, when every finding is held (batches four times as large held 16 MB).
fn batch_len() -> usize {
    FINDINGS_PER_TASK * rayon::current_num_threads().max(1)
}

/// Batch `b` of the findings (`findings`), rendered in parallel: a list of parts, each
/// starting with the comma that separates it from the finding before it.
fn render_batch(b: usize, findings: &[Diagnostic]) -> Vec<Vec<u8>> {
    findings
        .par_chunks(FINDINGS_PER_TASK)
        .enumerate()
        .map(|(k, chunk)| {
            // Room for findings a little longer than most (no copy as it fills): pages
            // not written are not touched.
            let mut buf = Vec::with_capacity(chunk.len() * 512);
            for (i, d) in chunk.iter().enumerate() {
                if b > 0 || k > 0 || i > 0 {
                    buf.push(b',');
                }
                write_finding(&mut buf, &finding(d));
            }
            buf
        })
        .collect()
}

/// Write the report as one JSON document.
///
/// The findings (hundreds of thousands on a large input) are rendered in parallel, in
/// batches (the next one while the last one is written), and spliced into the document
/// serde_json writes around an empty list: the bytes are exactly those of
/// `serde_json::to_writer_pretty` on the whole document.
pub fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let frame = Document {
        version: 1,
        findings: Vec::new(),
        errors: &report.errors,
        summary: Summary {
            files: report.files,
            segments: report.segments,
            findings: report.findings.len(),
            errors: report.errors.len(),
        },
    };
    let frame = serde_json::to_string_pretty(&frame)?;
    const EMPTY: &str = "\"findings\": []";
    let at = frame
        .find(EMPTY)
        .expect("the findings list comes right after the version");
    if report.findings.is_empty() {
        out.write_all(frame.as_bytes())?;
        return writeln!(out);
    }
    out.write_all(&frame.as_bytes()[..at + EMPTY.len() - 1])?;
    let batch = batch_len();
    let batches: Vec<&[Diagnostic]> = report.findings.chunks(batch).collect();
    // Batch `b + 1` is rendered while batch `b` is written: writing 90 MB of JSON to a
    // file takes tens of milliseconds, during which the cores used to wait.
    let mut ready = render_batch(0, batches[0]);
    for b in 1..=batches.len() {
        let mut next = None;
        let written = rayon::in_place_scope(|s| {
            if let Some(&findings) = batches.get(b) {
                let next = &mut next;
                s.spawn(move |_| *next = Some(render_batch(b, findings)));
            }
            ready.iter().try_for_each(|part| out.write_all(part))
        });
        written?;
        ready = next.unwrap_or_default();
    }
    out.write_all(b"\n  ]")?;
    out.write_all(&frame.as_bytes()[at + EMPTY.len()..])?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Position, Severity};
    use crate::segment::Side;

    fn diag(i: usize) -> Diagnostic {
        Diagnostic {
            rule: "cjk-spacing",
            severity: Severity::Warning,
            file: "a \"b\".txt".into(),
            side: Side::Target,
            start: Position::new(i, 2),
            end: Position::new(i, 4),
            range: i..i + 2,
            text: "中\nA\t\u{1}\u{8}\u{c}\r\u{1f}\u{7f}/é".into(),
            message: format!("message {i} with \\ and \"").into(),
            suggestion: (i % 2 == 0).then(|| "中 A".to_string()),
            note: (i % 3 == 0).then(|| "note".to_string()),
            segment: (i % 5 != 0).then(|| i.to_string().into()),
            fix: None,
        }
    }

    /// Strings with and without characters to escape are written as serde_json writes
    /// them (the no-escape fast path and the escaping loop agree with it).
    #[test]
    fn strings_escape_like_serde() {
        let mut all: String = (0u8..128).map(char::from).collect();
        all.push_str("中文，é");
        let mut cases = vec![
            String::new(),
            "plain".to_string(),
            "中文 text".to_string(),
            all.clone(),
        ];
        for c in all.chars() {
            cases.push(format!("a{c}b"));
            cases.push(c.to_string());
        }
        for s in cases {
            let mut buf = Vec::new();
            escaped(&mut buf, &s);
            assert_eq!(buf, serde_json::to_vec(&s).unwrap(), "{s:?}");
        }
    }

    /// The spliced, parallel rendering is byte for byte serde_json's pretty rendering of
    /// the whole document, for no finding, one, and several batches.
    #[test]
    fn same_bytes_as_one_serde_document() {
        let batch = batch_len();
        for n in [0, 1, 2, FINDINGS_PER_TASK + 1, batch + 3] {
            let report = Report {
                findings: (0..n).map(diag).collect(),
                errors: vec![InputError::at("x.po", 3, Some(1), "bad")],
                files: 1,
                segments: n,
                ..Report::default()
            };
            let mut fast = Vec::new();
            write(&report, &mut fast).unwrap();
            let doc = Document {
                version: 1,
                findings: report.findings.iter().map(finding).collect(),
                errors: &report.errors,
                summary: Summary {
                    files: 1,
                    segments: n,
                    findings: n,
                    errors: 1,
                },
            };
            let mut whole = serde_json::to_vec_pretty(&doc).unwrap();
            whole.push(b'\n');
            assert!(fast == whole, "{n} findings differ");
        }
    }
}
