//! `leftover-source-script`: source-script text (Chinese, Japanese, Korean) left inside a
//! Latin-script target.

use std::ops::Range;

use rayon::prelude::*;

use super::{Check, Fixable, RuleMeta, RunCtx, SegmentCtx};
use crate::diagnostic::{Diagnostic, Severity};
use crate::lang::script::{dominant_script, is_cjk_punct, is_han, is_hangul, is_kana, Script};
use crate::lang::Lang;
use crate::segment::{Document, Side};

/// The `leftover-source-script` rule.
pub static LEFTOVER_SOURCE_SCRIPT: RuleMeta = RuleMeta {
    name: "leftover-source-script",
    default_severity: Severity::Error,
    summary: "source-script text (e.g. Chinese) left inside a Latin-script target",
    doc: "## What it does\n\
Flags Han, kana or Hangul text inside a target written in the Latin script (English, \
French...). A run of such text, with the digits, punctuation and spaces inside it, is one \
finding; a Latin word ends the run. A Chinese paragraph left in an English article is one \
finding (two if an untranslated code name such as `APT-C-39` sits in the middle), not one \
per character.\n\n\
The rule runs when the target language uses the Latin script, or, with no language given, \
when most of the document's target text is Latin. When the source language is known, only \
its script counts (Han for Chinese; Han and kana for Japanese; Hangul for Korean); in \
monolingual mode any of the three. A short gloss in brackets or quotes after a Latin word \
(`Beijing (北京)`) is left alone.\n\n\
## Why\n\
A paragraph left untranslated during editing, or a sentence pasted from the source, is a \
serious defect that readers of the target cannot read.\n\n\
## Example\n\
`... drawing in allies is a new direction. 殊不知，无论……` -> translate the Chinese text\n\n\
## Options\n\
None.\n\n\
## Fix safety\n\
No fix: the text must be translated.",
    fixable: Fixable::No,
};

/// Finds leftover source-script text.
pub struct LeftoverScript;

impl Check for LeftoverScript {
    fn rules(&self) -> &'static [&'static RuleMeta] {
        static RULES: [&RuleMeta; 1] = [&LEFTOVER_SOURCE_SCRIPT];
        &RULES
    }

    fn corpus_pass(&self, run: &RunCtx<'_>) -> bool {
        run.rules.enabled(LEFTOVER_SOURCE_SCRIPT.name)
    }

    fn check_corpus(&self, docs: &[Document], run: &RunCtx<'_>, out: &mut Vec<Diagnostic>) {
        if !self.corpus_pass(run) {
            return;
        }
        let found: Vec<Vec<Diagnostic>> = docs
            .par_iter()
            .map(|doc| check_document(doc, run))
            .collect();
        out.extend(found.into_iter().flatten());
    }
}

/// Whether the target side of `doc` is written in the Latin script: declared so, or (no
/// language given) mostly Latin letters.
pub(crate) fn target_is_latin(doc: &Document) -> bool {
    match &doc.target_lang {
        Some(l) => l.uses_latin(),
        None => {
            dominant_script(
                doc.segments
                    .iter()
                    .filter_map(|s| s.target.as_ref().map(|t| t.as_str())),
            ) == Script::Latin
        }
    }
}

/// Which characters count as source script for this source language.
fn source_letter(source: Option<&Lang>) -> fn(char) -> bool {
    match source {
        Some(l) if l.is_chinese() => is_han,
        Some(l) if l.is_japanese() => |c| is_han(c) || is_kana(c),
        Some(l) if l.is_korean() => is_hangul,
        _ => |c| is_han(c) || is_kana(c) || is_hangul(c),
    }
}

fn check_document(doc: &Document, run: &RunCtx<'_>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if !target_is_latin(doc) {
        return out;
    }
    if doc.source_lang.as_ref().is_some_and(|l| l.uses_latin()) {
        // A Latin-script source leaves no foreign script to copy; CJK in the target is then
        // deliberate (a language name, a quoted example).
        return out;
    }
    let letter = source_letter(doc.source_lang.as_ref());
    for seg in &doc.segments {
        let Some(target) = seg.target.as_ref() else {
            continue;
        };
        let text = target.as_str();
        if text.is_ascii() {
            continue;
        }
        let runs = find_runs(text, letter);
        if runs.is_empty() {
            continue;
        }
        let mut ctx = SegmentCtx::new(run, doc, seg, &mut out);
        for r in runs {
            let n = text[r.clone()].chars().filter(|c| letter(*c)).count();
            let preview: String = text[r.clone()].chars().take(12).collect();
            let more = if text[r.clone()].chars().count() > 12 {
                "…"
            } else {
                ""
            };
            ctx.report(
                &LEFTOVER_SOURCE_SCRIPT,
                Side::Target,
                r,
                format!(
                    "untranslated source-script text in the target ({n} characters): \
                     `{preview}{more}`"
                ),
            );
        }
    }
    out
}

/// The runs of source-script text in `text`: from the first to the last source-script
/// letter or CJK punctuation mark, across digits, punctuation and spaces; a Latin letter
/// ends a run.
pub(crate) fn find_runs(text: &str, letter: fn(char) -> bool) -> Vec<Range<usize>> {
    let mut runs = Vec::new();
    // (start, end of last CJK char, has a letter)
    let mut cur: Option<(usize, usize, bool)> = None;
    let mut close = |cur: &mut Option<(usize, usize, bool)>| {
        if let Some((s, e, has_letter)) = cur.take() {
            if has_letter && !is_gloss(text, s..e) {
                runs.push(s..e);
            }
        }
    };
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        if letter(c) {
            match cur.as_mut() {
                Some(r) => {
                    r.1 = end;
                    r.2 = true;
                }
                None => cur = Some((i, end, true)),
            }
        } else if is_cjk_punct(c) || c == '“' || c == '”' || c == '‘' || c == '’' || c == '…'
        {
            // Punctuation joins a run; it starts one only when CJK (，。「).
            match cur.as_mut() {
                Some(r) => r.1 = end,
                None if is_cjk_punct(c) => cur = Some((i, end, false)),
                None => {}
            }
        } else if c.is_alphabetic() {
            // A Latin (or other) word ends the run.
            close(&mut cur);
        }
        // Digits, ASCII punctuation and spaces continue a run without extending it.
    }
    close(&mut cur);
    runs
}

/// A short gloss in brackets or quotes right after Latin text: `Beijing (北京)`.
fn is_gloss(text: &str, r: Range<usize>) -> bool {
    let inner = &text[r.clone()];
    if inner.chars().count() > 6 {
        return false;
    }
    let before = text[..r.start].chars().next_back();
    let after = text[r.end..].chars().next();
    let bracketed = matches!(
        (before, after),
        (Some('('), Some(')'))
            | (Some('（'), Some('）'))
            | (Some('"'), Some('"'))
            | (Some('“'), Some('”'))
            | (Some('「'), Some('」'))
            | (Some('《'), Some('》'))
    );
    bracketed
        && text[..r.start]
            .trim_end_matches(['(', '（', '"', '“', '「', '《'])
            .trim_end()
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::{findings_of, run_pair};
    use crate::config::Options;

    fn found(target: &str) -> Vec<String> {
        let d = run_pair(None, ("en", target), None, &Options::default());
        findings_of(&d, "leftover-source-script")
            .into_iter()
            .map(String::from)
            .collect()
    }

    #[test]
    fn one_finding_per_run_a_latin_word_ends_it() {
        let t =
            "The Hill commented. 殊不知,无论一些美西方国家如何虚张声势。2020年位于境外的约5.2万个\
                 服务器。美国中央情报局的网络攻击组织APT-C-39,曾对中国进行了长达11年的攻击。";
        let f = found(t);
        assert_eq!(f.len(), 2, "{f:?}");
        assert!(
            f[0].starts_with("殊不知") && f[0].ends_with("组织"),
            "{f:?}"
        );
        assert!(
            f[1].starts_with(",曾对") || f[1].starts_with("曾对"),
            "{f:?}"
        );
        assert!(f[1].ends_with("攻击。"), "{f:?}");
        assert!(f[0].contains("5.2万"));
    }

    #[test]
    fn latin_text_is_clean() {
        assert!(found("China is one of the main victims of cyber-attack.").is_empty());
        assert!(found("They met in Beijing (北京) last May.").is_empty());
        assert!(found("Prices rose 5% – “quoted” text…").is_empty());
    }

    #[test]
    fn single_characters_are_reported() {
        assert_eq!(found("The 服务器 is down."), vec!["服务器"]);
    }

    #[test]
    fn not_in_chinese_targets() {
        let d = run_pair(
            Some(("en", "The server")),
            ("zh", "服务器"),
            None,
            &Options::default(),
        );
        assert!(findings_of(&d, "leftover-source-script").is_empty());
    }

    #[test]
    fn bilingual_target_side() {
        let d = run_pair(
            Some(("zh", "控制服务器")),
            ("en", "controls 服务器"),
            None,
            &Options::default(),
        );
        assert_eq!(findings_of(&d, "leftover-source-script"), vec!["服务器"]);
    }
}
