//! Plain text: a source file beside its translation, aligned paragraph by paragraph (or line
//! by line), and monolingual documents.

use std::ops::Range;
use std::sync::Arc;

use super::{read_text, Align, LoadOptions};
use crate::diagnostic::InputError;
use crate::lang::script::{dominant_script, Script};
use crate::segment::{Document, Escaping, Segment, SourceFile, Text};

/// Split `content` into segments: blank-line separated paragraphs (each a byte range,
/// trailing line break excluded), or single non-blank lines.
pub fn split(content: &str, align: Align) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut para: Option<Range<usize>> = None;
    let mut pos = 0;
    for line in content.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        let range = pos..pos + body.len();
        pos += line.len();
        let blank = body.trim().is_empty();
        match align {
            Align::Lines => {
                if !blank {
                    out.push(range);
                }
            }
            Align::Paragraphs => {
                if blank {
                    if let Some(p) = para.take() {
                        out.push(p);
                    }
                } else {
                    para = Some(match para {
                        Some(p) => p.start..range.end,
                        None => range,
                    });
                }
            }
        }
    }
    if let Some(p) = para {
        out.push(p);
    }
    out
}

/// A source and a target file aligned by paragraph or line.
pub fn load_pair(source: &str, target: &str, opts: &LoadOptions) -> Result<Document, InputError> {
    let src = read_text(source)?;
    let tgt = read_text(target)?;
    let sp = split(&src, opts.align);
    let tp = split(&tgt, opts.align);
    let unit = match opts.align {
        Align::Lines => "lines",
        Align::Paragraphs => "paragraphs",
    };
    if sp.len() != tp.len() {
        let files = [
            SourceFile::new(source, src.clone(), Escaping::None),
            SourceFile::new(target, tgt.clone(), Escaping::None),
        ];
        let k = first_misalignment(&src, &sp, &tgt, &tp);
        let where_ = match (sp.get(k), tp.get(k)) {
            (Some(s), Some(t)) => format!(
                "; they stop matching at {} {} (source line {}, target line {})",
                &unit[..unit.len() - 1],
                k + 1,
                files[0].line_of(s.start),
                files[1].line_of(t.start)
            ),
            _ => String::new(),
        };
        return Err(InputError::file(
            target,
            format!(
                "{source} has {} {unit} but {target} has {}{where_}",
                sp.len(),
                tp.len()
            ),
        ));
    }
    let files = vec![
        Arc::new(SourceFile::new(source, src, Escaping::None)),
        Arc::new(SourceFile::new(target, tgt, Escaping::None)),
    ];
    let segments = sp
        .into_iter()
        .zip(tp)
        .enumerate()
        .map(|(i, (s, t))| Segment {
            id: (i + 1).to_string(),
            source: Some(Text::verbatim(&files[0].content[s.clone()], 0, s.start)),
            target: Some(Text::verbatim(&files[1].content[t.clone()], 1, t.start)),
            ..Default::default()
        })
        .collect();
    Ok(Document {
        files,
        format: "text",
        source_lang: None,
        target_lang: None,
        segments,
    })
}

/// The first paragraph index where the two sides stop looking like translations of each
/// other: its length ratio strays far from the median ratio of the file, or its script
/// does not match the side's dominant script.
fn first_misalignment(src: &str, sp: &[Range<usize>], tgt: &str, tp: &[Range<usize>]) -> usize {
    let n = sp.len().min(tp.len());
    let len = |s: &str| s.chars().filter(|c| !c.is_whitespace()).count().max(1) as f64;
    let mut ratios: Vec<f64> = (0..n)
        .map(|i| len(&tgt[tp[i].clone()]) / len(&src[sp[i].clone()]))
        .collect();
    let raw = ratios.clone();
    ratios.sort_by(|a, b| a.total_cmp(b));
    let median = ratios.get(ratios.len() / 2).copied().unwrap_or(1.0);
    let src_script = dominant_script([src]);
    let tgt_script = dominant_script([tgt]);
    for i in 0..n {
        let r = raw[i] / median;
        let s = dominant_script([&src[sp[i].clone()]]);
        let t = dominant_script([&tgt[tp[i].clone()]]);
        let script_off =
            (s != src_script && s != Script::Other) || (t != tgt_script && t != Script::Other);
        if !(0.33..=3.0).contains(&r) || script_off {
            return i;
        }
    }
    n
}

/// A monolingual document: every paragraph is a target text without a source.
pub fn load_monolingual(path: &str, opts: &LoadOptions) -> Result<Document, InputError> {
    let content = read_text(path)?;
    let ranges = split(&content, opts.align);
    let file = SourceFile::new(path, content, Escaping::None);
    let segments = ranges
        .into_iter()
        .enumerate()
        .map(|(i, r)| Segment {
            id: (i + 1).to_string(),
            target: Some(Text::verbatim(&file.content[r.clone()], 0, r.start)),
            ..Default::default()
        })
        .collect();
    Ok(Document {
        files: vec![Arc::new(file)],
        format: "text",
        source_lang: None,
        target_lang: opts.target_lang.clone(),
        segments,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_and_lines() {
        let text = "a\nb\n\n\nc\r\n\nd";
        let p: Vec<&str> = split(text, Align::Paragraphs)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(p, vec!["a\nb", "c", "d"]);
        let l: Vec<&str> = split(text, Align::Lines)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(l, vec!["a", "b", "c", "d"]);
    }
}
