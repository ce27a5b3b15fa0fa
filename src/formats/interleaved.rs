//! Interleaved bilingual documents (`--interleaved FILE`): the text is cut into runs by
//! script (a paragraph, or the sentences of one paragraph written in one script), and each
//! source-language run is paired with the next target-language run, as on a bilingual news
//! page that quotes the original paragraph before its translation.
//!
//! Which script is the source: `--source-lang` (or the opposite of `--target-lang`);
//! otherwise the script with fewer runs (a document quoting originals inside its
//! translation), the first run's script on a tie. Runs left without a partner are not
//! checked.

use std::collections::VecDeque;
use std::ops::Range;
use std::sync::Arc;

use super::{read_text, text, Align, LoadOptions};
use crate::diagnostic::InputError;
use crate::lang::script::is_han;
use crate::lang::Lang;
use crate::segment::{Document, Escaping, Segment, SourceFile, Text};

/// The script of a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunScript {
    /// Chinese (Han characters).
    Han,
    /// Latin letters.
    Latin,
}

/// Cut a paragraph (`range` of `content`) into sentences: after `。！？` anywhere, after
/// `.!?` when followed by white space or a Han character; closing quotes and brackets stay
/// with their sentence.
fn sentences(content: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let s = &content[range.clone()];
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let strong = matches!(c, '。' | '！' | '？');
        let weak = matches!(c, '.' | '!' | '?');
        if !(strong || weak) {
            continue;
        }
        let mut end = i + c.len_utf8();
        while let Some(&(j, q)) = chars.peek() {
            if matches!(
                q,
                '"' | '\''
                    | '”'
                    | '’'
                    | ')'
                    | '）'
                    | '」'
                    | '』'
                    | '.'
                    | '!'
                    | '?'
                    | '。'
                    | '！'
                    | '？'
            ) {
                end = j + q.len_utf8();
                chars.next();
            } else {
                break;
            }
        }
        let next = chars.peek().map(|&(_, q)| q);
        if strong || next.map_or(true, |q| q.is_whitespace() || is_han(q)) {
            out.push(range.start + start..range.start + end);
            start = end;
        }
    }
    if start < s.len() {
        out.push(range.start + start..range.end);
    }
    out
}

fn classify(s: &str) -> Option<RunScript> {
    let han = s.chars().filter(|&c| is_han(c)).count();
    let latin = s.chars().filter(|c| c.is_ascii_alphabetic()).count();
    if han > 0 && han * 3 >= latin {
        Some(RunScript::Han)
    } else if latin > 0 {
        Some(RunScript::Latin)
    } else {
        None
    }
}

fn trim(content: &str, r: Range<usize>) -> Range<usize> {
    let s = &content[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let body = s.trim();
    r.start + lead..r.start + lead + body.len()
}

/// The runs of a document: maximal stretches of sentences of one script, never crossing a
/// paragraph break.
pub fn runs(content: &str) -> Vec<(RunScript, Range<usize>)> {
    let mut out: Vec<(RunScript, Range<usize>)> = Vec::new();
    for para in text::split(content, Align::Paragraphs) {
        let mut cur: Option<(RunScript, Range<usize>)> = None;
        for sent in sentences(content, para) {
            let script = classify(&content[sent.clone()]);
            match (&mut cur, script) {
                (Some((s, r)), Some(k)) if *s == k => r.end = sent.end,
                (Some((_, r)), None) => r.end = sent.end,
                (_, Some(k)) => {
                    out.extend(cur.take());
                    cur = Some((k, sent));
                }
                (None, None) => {}
            }
        }
        out.extend(cur.take());
    }
    out.into_iter()
        .map(|(s, r)| (s, trim(content, r)))
        .filter(|(_, r)| !r.is_empty())
        .collect()
}

/// Read an interleaved document.
pub fn load(path: &str, opts: &LoadOptions) -> Result<Document, InputError> {
    let content = read_text(path)?;
    Ok(parse(path, content, opts))
}

/// Pair the runs of decoded `content`.
pub fn parse(path: &str, content: String, opts: &LoadOptions) -> Document {
    let runs = runs(&content);
    let script_of = |l: &Lang| {
        if l.uses_han() {
            RunScript::Han
        } else {
            RunScript::Latin
        }
    };
    let other = |s: RunScript| match s {
        RunScript::Han => RunScript::Latin,
        RunScript::Latin => RunScript::Han,
    };
    let source = match (&opts.source_lang, &opts.target_lang) {
        (Some(l), _) => script_of(l),
        (None, Some(l)) => other(script_of(l)),
        _ => {
            let han = runs.iter().filter(|(s, _)| *s == RunScript::Han).count();
            let latin = runs.len() - han;
            match han.cmp(&latin) {
                std::cmp::Ordering::Less => RunScript::Han,
                std::cmp::Ordering::Greater => RunScript::Latin,
                std::cmp::Ordering::Equal => runs.first().map_or(RunScript::Han, |r| r.0),
            }
        }
    };
    let file = SourceFile::new(path, content, Escaping::None);
    let mut pending: VecDeque<Range<usize>> = VecDeque::new();
    let mut segments = Vec::new();
    for (script, r) in runs {
        if script == source {
            pending.push_back(r);
        } else if let Some(s) = pending.pop_front() {
            segments.push(Segment {
                id: file.line_of(s.start).to_string().into(),
                source: Some(Text::verbatim(&file.content[s.clone()], 0, s.start)),
                target: Some(Text::verbatim(&file.content[r.clone()], 0, r.start)),
                ..Default::default()
            });
        }
    }
    let lang = |s: RunScript| match s {
        RunScript::Han => Lang::parse("zh"),
        RunScript::Latin => Lang::parse("en"),
    };
    Document {
        files: vec![Arc::new(file)],
        format: "interleaved",
        source_lang: opts.source_lang.clone().or_else(|| lang(source)),
        target_lang: opts.target_lang.clone().or_else(|| lang(other(source))),
        segments,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quoted_original_pairs_with_the_next_paragraph() {
        let doc = "Intro paragraph in English.\n\nThe Hill commented on it. 殊不知，无论如何虚张声势，都无法掩盖本质。APT-C-39曾进行攻击。\n\nNo matter how bluffing they are, they cannot hide it. APT-C-39 attacked.\n\nMore English.\n";
        let d = parse("a.txt", doc.into(), &LoadOptions::default());
        assert_eq!(d.segments.len(), 1);
        let s = &d.segments[0];
        assert_eq!(
            s.source.as_ref().unwrap().value,
            "殊不知，无论如何虚张声势，都无法掩盖本质。APT-C-39曾进行攻击。"
        );
        assert!(s
            .target
            .as_ref()
            .unwrap()
            .value
            .starts_with("No matter how"));
        assert_eq!(d.source_lang.unwrap().tag(), "zh");
        assert_eq!(s.id(), "3");
    }

    #[test]
    fn alternating_paragraphs_pair_in_order() {
        let doc = "第一段。\n\nFirst.\n\n第二段。\n\nSecond.\n";
        let d = parse("a.txt", doc.into(), &LoadOptions::default());
        let pairs: Vec<(&str, &str)> = d
            .segments
            .iter()
            .map(|s| {
                (
                    s.source.as_ref().unwrap().as_str(),
                    s.target.as_ref().unwrap().as_str(),
                )
            })
            .collect();
        assert_eq!(pairs, vec![("第一段。", "First."), ("第二段。", "Second.")]);
        let opts = LoadOptions {
            source_lang: Lang::parse("en"),
            ..Default::default()
        };
        let d = parse("a.txt", doc.into(), &opts);
        assert_eq!(d.segments.len(), 1);
        assert_eq!(d.segments[0].source.as_ref().unwrap().value, "First.");
    }
}
