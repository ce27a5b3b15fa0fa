//! A self-contained HTML review page: a summary, then every segment with findings as a
//! side-by-side source/target row with the spans highlighted, the message, suggestion and
//! glossary note. Filters by rule, severity and file, a search box, keyboard navigation,
//! pagination (so 20,000 findings stay fast), and marking false positives to get the
//! suppression to paste or to export them as a baseline file. No network, no external assets.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::segment::{Document, Side, Text};
use crate::Report;

const TEMPLATE: &str = include_str!("assets/report.html");

#[derive(Serialize)]
struct Data<'a> {
    tool: &'static str,
    version: &'static str,
    files: Vec<&'a str>,
    rules: Vec<RuleInfo>,
    rows: Vec<Row>,
    errors: Vec<String>,
    summary: Summary,
}

#[derive(Serialize)]
struct RuleInfo {
    name: &'static str,
    summary: &'static str,
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    segments: usize,
    findings: usize,
}

/// One segment with its findings (or one finding whose segment is unknown).
#[derive(Serialize)]
struct Row {
    /// Index into `files`.
    f: usize,
    /// Segment id.
    id: String,
    /// Format (`po`, `text`...), for the suppression hint.
    fmt: &'static str,
    line: usize,
    src: String,
    tgt: String,
    findings: Vec<Item>,
}

#[derive(Serialize)]
struct Item {
    rule: &'static str,
    sev: &'static str,
    side: Side,
    /// UTF-16 offsets of the span inside `src` or `tgt` (for JavaScript), when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    at: Option<(usize, usize)>,
    line: usize,
    col: usize,
    text: String,
    msg: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    sug: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<String>,
}

fn utf16_len(s: &str) -> usize {
    s.encode_utf16().count()
}

/// The UTF-16 range of a finding inside `text`, from its file byte range.
fn span_in(text: &Text, d: &Diagnostic) -> Option<(usize, usize)> {
    let start = text.decoded_offset(d.range.start)?;
    let end = if d.range.is_empty() {
        start
    } else {
        text.decoded_offset(d.range.end)
            .or_else(|| text.decoded_offset(d.range.end - 1).map(|e| e + 1))?
    };
    let (start, end) = (start.min(text.value.len()), end.min(text.value.len()));
    if !text.value.is_char_boundary(start) || !text.value.is_char_boundary(end) || end < start {
        return None;
    }
    Some((
        utf16_len(&text.value[..start]),
        utf16_len(&text.value[..end]),
    ))
}

fn item(d: &Diagnostic, text: Option<&Text>) -> Item {
    Item {
        rule: d.rule,
        sev: d.severity.as_str(),
        side: d.side,
        at: text.and_then(|t| span_in(t, d)),
        line: d.start.line as usize,
        col: d.start.column as usize,
        text: d.text.to_string(),
        msg: d.message.to_string(),
        sug: d.suggestion.clone(),
        note: d.note.clone(),
    }
}

/// Group the findings by segment, in report order.
fn rows(report: &Report, files: &[&str]) -> Vec<Row> {
    // (file path, segment id) -> (document, segment index)
    let mut where_: BTreeMap<(&str, Cow<str>), (&Document, usize)> = BTreeMap::new();
    for doc in &report.documents {
        for (i, seg) in doc.segments.iter().enumerate() {
            for t in [&seg.source, &seg.target].into_iter().flatten() {
                if let Some(f) = doc.files.get(t.file) {
                    where_
                        .entry((f.path.as_str(), seg.id()))
                        .or_insert((doc, i));
                }
            }
        }
    }
    let file_index = |p: &str| files.iter().position(|f| *f == p).unwrap_or(0);
    let mut out: Vec<Row> = Vec::new();
    let mut open: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    for d in &report.findings {
        let found = d
            .segment
            .as_deref()
            .and_then(|id| where_.get(&(&*d.file, Cow::Borrowed(id))));
        match found {
            Some(&(doc, i)) => {
                let key = (doc as *const Document as usize, i);
                let seg = &doc.segments[i];
                let text = seg.text(d.side);
                if let Some(&row) = open.get(&key) {
                    out[row].findings.push(item(d, text));
                    continue;
                }
                open.insert(key, out.len());
                out.push(Row {
                    f: file_index(&d.file),
                    id: seg.id().into_owned(),
                    fmt: doc.format,
                    line: d.start.line as usize,
                    src: seg
                        .source
                        .as_ref()
                        .map(|t| t.value.clone())
                        .unwrap_or_default(),
                    tgt: seg
                        .target
                        .as_ref()
                        .map(|t| t.value.clone())
                        .unwrap_or_default(),
                    findings: vec![item(d, text)],
                });
            }
            None => out.push(Row {
                f: file_index(&d.file),
                id: d.segment.as_deref().unwrap_or_default().to_string(),
                fmt: "",
                line: d.start.line as usize,
                src: String::new(),
                tgt: String::new(),
                findings: vec![item(d, None)],
            }),
        }
    }
    out
}

/// Write the report page. The documents must have been kept (`Engine::keep_documents`) for
/// segments to show; without them each finding shows alone.
pub fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let mut files: Vec<&str> = report.findings.iter().map(|d| &*d.file).collect();
    files.sort_unstable();
    files.dedup();
    let data = Data {
        tool: "termlint",
        version: env!("CARGO_PKG_VERSION"),
        rules: crate::checks::all_rules()
            .into_iter()
            .map(|r| RuleInfo {
                name: r.name,
                summary: r.summary,
            })
            .collect(),
        rows: rows(report, &files),
        errors: report.errors.iter().map(|e| e.to_string()).collect(),
        summary: Summary {
            files: report.files,
            segments: report.segments,
            findings: report.findings.len(),
        },
        files,
    };
    let json = serde_json::to_string(&data).map_err(io::Error::other)?;
    // Inside <script>, `</` could close the element: JSON allows `<\/` instead.
    let json = json
        .replace("</", "<\\/")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029");
    let page = TEMPLATE.replacen("/*DATA*/null", &json, 1);
    out.write_all(page.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::Text;

    #[test]
    fn spans_are_utf16_offsets_in_the_segment() {
        let t = Text::verbatim("主机 mainframes", 0, 100);
        let d = crate::checks::make_diagnostic(
            &Document {
                files: vec![std::sync::Arc::new(crate::segment::SourceFile::new(
                    "x",
                    " ".repeat(100) + "主机 mainframes",
                    crate::segment::Escaping::None,
                ))],
                ..Default::default()
            },
            &t,
            "term-forbidden",
            crate::diagnostic::Severity::Error,
            Side::Target,
            7..17,
            "m".into(),
            None,
        );
        assert_eq!(span_in(&t, &d), Some((3, 13)));
    }

    #[test]
    fn the_page_is_self_contained_and_escapes_script_ends() {
        let report = Report {
            findings: vec![],
            errors: vec![crate::diagnostic::InputError::file("a</script>.po", "bad")],
            ..Default::default()
        };
        let mut out = Vec::new();
        write(&report, &mut out).unwrap();
        let page = String::from_utf8(out).unwrap();
        assert!(!page.contains("a</script>"));
        assert!(!page.contains("http://") && !page.contains("https://"));
        assert!(page.contains("a<\\/script>.po"));
    }
}
