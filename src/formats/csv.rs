//! Bilingual CSV/TSV tables: one row per segment. Columns are named `source`/`target` (or
//! `source text`, `translation`...), or by language (`zh-CN,en`: the `--source-lang`
//! column, else the first, is the source). Optional columns: `id`/`key`/`location`,
//! `context`/`msgctxt`, `note`/`comment`, `state`/`fuzzy`. A table without a recognisable
//! header is read as headerless `source,target`.
//!
//! The lexer is hand-written (RFC 4180) so that spans are exact: `""` inside a quoted field
//! maps to its two bytes.

use std::sync::Arc;

use super::{decode_text, error_at, LoadOptions};
use crate::diagnostic::InputError;
use crate::lang::Lang;
use crate::segment::{Document, Escaping, Segment, SegmentState, SourceFile, Text};

/// One field: its decoded text and whether it was quoted.
struct Field {
    text: Text,
    quoted: bool,
}

/// One record: its fields and the byte offset where it starts.
struct Record {
    start: usize,
    fields: Vec<Field>,
}

/// Read a CSV (or, for `.tsv`/`.tab`, TSV) table.
pub fn load(path: &str, bytes: Vec<u8>, opts: &LoadOptions) -> Result<Document, InputError> {
    let content = decode_text(path, bytes)?;
    let lower = path.to_ascii_lowercase();
    let delim = if lower.ends_with(".tsv") || lower.ends_with(".tab") {
        b'\t'
    } else {
        let first = content.lines().next().unwrap_or("");
        if !first.contains(',') && first.contains(';') {
            b';'
        } else if !first.contains(',') && first.contains('\t') {
            b'\t'
        } else {
            b','
        }
    };
    parse(path, content, delim, opts)
}

/// Split `content` into records.
fn records(path: &str, content: &str, delim: u8) -> Result<Vec<Record>, InputError> {
    let b = content.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let start = i;
        let mut fields = Vec::new();
        loop {
            // one field starting at i
            if b.get(i) == Some(&b'"') {
                let mut tb = Text::builder(0, i + 1);
                let mut run = i + 1;
                let mut j = i + 1;
                loop {
                    match b.get(j) {
                        None => {
                            return Err(error_at(path, content, i, "unterminated quoted field"))
                        }
                        Some(b'"') if b.get(j + 1) == Some(&b'"') => {
                            tb.verbatim(&content[run..j], run);
                            tb.escaped("\"", j..j + 2);
                            j += 2;
                            run = j;
                        }
                        Some(b'"') => {
                            tb.verbatim(&content[run..j], run);
                            j += 1;
                            break;
                        }
                        Some(_) => j += 1,
                    }
                }
                fields.push(Field {
                    text: tb.build(),
                    quoted: true,
                });
                i = j;
                match b.get(i) {
                    Some(&c) if c == delim => i += 1,
                    None | Some(b'\n') => break,
                    Some(b'\r') if matches!(b.get(i + 1), Some(b'\n') | None) => break,
                    Some(_) => {
                        return Err(error_at(
                            path,
                            content,
                            i,
                            "unexpected text after a closing quote (write \"\" for a quote inside a quoted field)",
                        ))
                    }
                }
            } else {
                let end = b[i..]
                    .iter()
                    .position(|&c| c == delim || c == b'\n')
                    .map_or(b.len(), |p| i + p);
                let mut fend = end;
                if b.get(end) != Some(&delim) && fend > i && b[fend - 1] == b'\r' {
                    fend -= 1;
                }
                fields.push(Field {
                    text: Text::verbatim(&content[i..fend], 0, i),
                    quoted: false,
                });
                i = end;
                if b.get(i) == Some(&delim) {
                    i += 1;
                } else {
                    break;
                }
            }
            if i >= b.len() {
                // a trailing delimiter: one more empty field
                fields.push(Field {
                    text: Text::verbatim("", 0, i),
                    quoted: false,
                });
                break;
            }
        }
        // end of record
        if b.get(i) == Some(&b'\r') {
            i += 1;
        }
        if b.get(i) == Some(&b'\n') {
            i += 1;
        }
        let blank = fields.len() == 1 && !fields[0].quoted && fields[0].text.is_empty();
        if !blank {
            out.push(Record { start, fields });
        }
    }
    Ok(out)
}

/// Columns of a bilingual table.
#[derive(Default)]
struct Columns {
    source: usize,
    target: usize,
    id: Option<usize>,
    context: Option<usize>,
    notes: Vec<usize>,
    state: Option<usize>,
    fuzzy: Option<usize>,
}

fn looks_like_lang(s: &str) -> bool {
    let s = s.trim();
    let mut parts = s.split(['-', '_']);
    let first = parts.next().unwrap_or("");
    (2..=3).contains(&first.len())
        && first.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// Parse a table with delimiter `delim`.
pub fn parse(
    path: &str,
    content: String,
    delim: u8,
    opts: &LoadOptions,
) -> Result<Document, InputError> {
    let recs = records(path, &content, delim)?;
    let file = SourceFile::new(path, content, Escaping::None);
    let mut source_lang = opts.source_lang.clone();
    let mut target_lang = opts.target_lang.clone();
    let (cols, data) = match recs.first() {
        None => (
            Columns {
                source: 0,
                target: 1,
                ..Default::default()
            },
            &recs[..],
        ),
        Some(h) => {
            let names: Vec<String> = h
                .fields
                .iter()
                .map(|f| f.text.value.trim().to_ascii_lowercase())
                .collect();
            let find = |cands: &[&str]| names.iter().position(|n| cands.contains(&n.as_str()));
            let src = find(&[
                "source",
                "src",
                "source text",
                "source_text",
                "original",
                "msgid",
                "source string",
            ]);
            let tgt = find(&[
                "target",
                "tgt",
                "target text",
                "target_text",
                "translation",
                "msgstr",
                "target string",
            ]);
            let named = |s, t| Columns {
                source: s,
                target: t,
                id: find(&["id", "key", "location", "name", "string id", "resname"]),
                context: find(&["context", "msgctxt"]),
                notes: names
                    .iter()
                    .enumerate()
                    .filter(|(_, n)| {
                        matches!(
                            n.as_str(),
                            "note"
                                | "notes"
                                | "comment"
                                | "comments"
                                | "developer_comments"
                                | "translator_comments"
                                | "description"
                        )
                    })
                    .map(|(i, _)| i)
                    .collect(),
                state: find(&["state", "status"]),
                fuzzy: find(&["fuzzy"]),
            };
            match (src, tgt) {
                (Some(s), Some(t)) => (named(s, t), &recs[1..]),
                (Some(_), None) | (None, Some(_)) => {
                    return Err(error_at(
                        path,
                        &file.content,
                        h.start,
                        "the header names a source or a target column but not both",
                    ))
                }
                (None, None) => {
                    let langs: Vec<usize> = names
                        .iter()
                        .enumerate()
                        .filter(|(_, n)| looks_like_lang(n))
                        .map(|(i, _)| i)
                        .collect();
                    if langs.len() >= 2 {
                        let tag = |i: usize| Lang::parse(&h.fields[i].text.value);
                        let matches = |i: usize, l: &Option<Lang>| {
                            l.as_ref().is_some_and(|l| {
                                tag(i).is_some_and(|t| t == *l || t.primary() == l.tag())
                            })
                        };
                        let s = langs
                            .iter()
                            .copied()
                            .find(|&i| matches(i, &opts.source_lang))
                            .or_else(|| {
                                opts.target_lang.as_ref().and_then(|_| {
                                    langs
                                        .iter()
                                        .copied()
                                        .find(|&i| !matches(i, &opts.target_lang))
                                })
                            })
                            .unwrap_or(langs[0]);
                        let t = langs
                            .iter()
                            .copied()
                            .find(|&i| i != s && matches(i, &opts.target_lang))
                            .or_else(|| langs.iter().copied().find(|&i| i != s))
                            .unwrap_or(langs[1]);
                        source_lang = source_lang.or_else(|| tag(s));
                        target_lang = target_lang.or_else(|| tag(t));
                        (named(s, t), &recs[1..])
                    } else {
                        (
                            Columns {
                                source: 0,
                                target: 1,
                                ..Default::default()
                            },
                            &recs[..],
                        )
                    }
                }
            }
        }
    };
    let need = cols.source.max(cols.target) + 1;
    let mut segments = Vec::new();
    let mut quoted = false;
    for r in data {
        if r.fields.len() < need {
            if r.fields.iter().all(|f| f.text.value.trim().is_empty()) {
                continue;
            }
            return Err(error_at(
                path,
                &file.content,
                r.start,
                format!(
                    "row has {} field(s); the source and target columns need {need}",
                    r.fields.len()
                ),
            ));
        }
        let get = |i: Option<usize>| {
            i.and_then(|i| r.fields.get(i))
                .map(|f| f.text.value.clone())
                .filter(|v| !v.is_empty())
        };
        quoted |= r.fields[cols.target].quoted;
        let target = r.fields[cols.target].text.clone();
        let fuzzy = get(cols.fuzzy).is_some_and(|v| {
            matches!(
                v.trim().to_ascii_lowercase().as_str(),
                "1" | "true" | "yes" | "fuzzy"
            )
        });
        let state = match get(cols.state).and_then(|s| super::parse_state(s.trim())) {
            Some(s) => s,
            None if fuzzy => SegmentState::Fuzzy,
            None if target.is_empty() => SegmentState::New,
            None => SegmentState::Unknown,
        };
        let notes: Vec<String> = cols.notes.iter().filter_map(|&i| get(Some(i))).collect();
        let line = file.line_of(r.start);
        segments.push(
            Segment {
                id: get(cols.id).unwrap_or_else(|| line.to_string()).into(),
                source: Some(r.fields[cols.source].text.clone()),
                target: Some(target),
                state,
                ..Default::default()
            }
            .with_context(get(cols.context))
            .with_suppressed(super::xliff::suppressions(&notes))
            .with_notes(notes),
        );
    }
    let mut file = file;
    if quoted {
        file.escaping = Escaping::CsvQuoted;
    }
    Ok(Document {
        files: vec![Arc::new(file)],
        format: "csv",
        source_lang,
        target_lang,
        segments,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(src: &str, delim: u8, opts: &LoadOptions) -> Result<Document, InputError> {
        parse("t.csv", src.to_string(), delim, opts)
    }

    #[test]
    fn named_columns_quotes_and_spans() {
        let src = "\"location\",\"source\",\"target\",\"comment\"\r\n\"a.c:1\",\"Say \"\"hi\"\"\",\"说\"\"你好\"\"\",\"termlint-ignore: double-space\"\r\n,plain,\"多\n行\"\n";
        let d = p(src, b',', &LoadOptions::default()).unwrap();
        assert_eq!(d.segments.len(), 2);
        let s = &d.segments[0];
        assert_eq!(s.id(), "a.c:1");
        assert_eq!(s.source.as_ref().unwrap().value, "Say \"hi\"");
        assert_eq!(s.suppressed(), vec!["double-space"]);
        let t = s.target.as_ref().unwrap();
        assert_eq!(t.value, "说\"你好\"");
        let q = t.value.find('"').unwrap();
        assert_eq!(&d.files[0].content[t.file_span(q..q + 1)], "\"\"");
        assert_eq!(d.segments[1].id(), "3");
        assert_eq!(d.segments[1].target.as_ref().unwrap().value, "多\n行");
        assert_eq!(d.files[0].escaping, Escaping::CsvQuoted);
    }

    #[test]
    fn language_headers_pick_sides() {
        let src = "zh-CN\ten\n主机\thost\n";
        let d = p(src, b'\t', &LoadOptions::default()).unwrap();
        assert_eq!(d.source_lang.as_ref().unwrap().tag(), "zh-CN");
        assert_eq!(d.target_lang.as_ref().unwrap().tag(), "en");
        assert_eq!(d.segments[0].source.as_ref().unwrap().value, "主机");
        let opts = LoadOptions {
            source_lang: Lang::parse("en"),
            ..Default::default()
        };
        let d = p(src, b'\t', &opts).unwrap();
        assert_eq!(d.segments[0].source.as_ref().unwrap().value, "host");
        assert_eq!(d.target_lang.as_ref().unwrap().tag(), "zh-CN");
    }

    #[test]
    fn headerless_and_broken() {
        let d = p("hello,你好\nbye,再见", b',', &LoadOptions::default()).unwrap();
        assert_eq!(d.segments.len(), 2);
        assert_eq!(d.segments[1].target.as_ref().unwrap().value, "再见");
        let e = p("source,target\n\"a\"x,b\n", b',', &LoadOptions::default()).unwrap_err();
        assert_eq!((e.line, e.column), (Some(2), Some(4)));
        let e = p("source,target\n\"a,b\n", b',', &LoadOptions::default()).unwrap_err();
        assert!(e.message.contains("unterminated"));
        let e = p("source,target\nonly\n", b',', &LoadOptions::default()).unwrap_err();
        assert_eq!(e.line, Some(2));
    }
}
