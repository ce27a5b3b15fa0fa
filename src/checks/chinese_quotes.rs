//! `chinese-quotes`: the quotation marks of the locale (zh-CN “” ‘’, zh-TW/zh-HK 「」『』),
//! or one style per document when the locale says nothing.

use std::ops::Range;

use super::chinese_script_mix::suppressed;
use super::cjk_punctuation::checked_sides;
use super::{make_diagnostic, make_edit, Check, Fixable, RuleMeta, RunCtx};
use crate::diagnostic::{Applicability, Diagnostic, Fix, Severity};
use crate::lang::chinese::{variety_of, Variety};
use crate::lang::script::is_latin_letter;
use crate::segment::{Document, Side};

/// The `chinese-quotes` rule.
pub static CHINESE_QUOTES: RuleMeta = RuleMeta {
    name: "chinese-quotes",
    default_severity: Severity::Warning,
    summary: "quotation marks of the wrong Chinese style: “” in zh-TW, 「」 in zh-CN, or a mix",
    doc: "## What it does\n\
Checks the quotation marks of Chinese text against the locale: Simplified Chinese (zh-CN, \
zh-SG, zh-MY, zh-Hans) uses `“ ”` and `‘ ’`; Traditional Chinese (zh-TW, zh-HK, zh-MO, \
zh-Hant) uses the corner brackets `「 」` and `『 』`. A pair of the other style is flagged \
with the converted pair suggested. When the tag names no variety (plain `zh`), each document \
should use one style: the pairs of the style used less often are flagged (nothing on a tie).\n\n\
Only pairs count: an opening and a closing mark in one segment. A `’` between two letters \
is an apostrophe (`don’t`) and a lone mark is left to `bracket-mismatch`. ASCII quotes \
(`\"`) are not considered: in software strings they are as often syntax.\n\n\
## Why\n\
Taiwan's Ministry of Education and Hong Kong practice prescribe corner brackets; mainland \
GB/T 15834 prescribes curly quotes. A catalog converted from the other locale keeps the \
other style.\n\n\
## Example\n\
zh-TW: `按下“確定”繼續` -> `按下「確定」繼續`; zh-CN: `点击「确定」` -> `点击“确定”`.\n\n\
## Options\n\
`cjk-check-source` (default false): check a Chinese source side too.\n\n\
## Fix safety\n\
Safe: both marks of the pair are replaced, nothing else changes. Under the plain-`zh` \
consistency mode the fix is unsafe, as the majority of a document can flip as it is edited.",
    fixable: Fixable::Sometimes,
};

/// Which style a pair is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    Curly,
    Corner,
}

/// A quoted pair: ranges of the opening and closing marks, style, and nesting (single).
#[derive(Debug, Clone, PartialEq, Eq)]
struct QuotePair {
    open: Range<usize>,
    close: Range<usize>,
    style: Style,
    single: bool,
    /// A single-quote pair inside a double-quote pair.
    nested: bool,
}

fn mark(c: char) -> Option<(Style, bool, bool)> {
    // (style, single, opening)
    Some(match c {
        '“' => (Style::Curly, false, true),
        '”' => (Style::Curly, false, false),
        '‘' => (Style::Curly, true, true),
        '’' => (Style::Curly, true, false),
        '「' => (Style::Corner, false, true),
        '」' => (Style::Corner, false, false),
        '『' => (Style::Corner, true, true),
        '』' => (Style::Corner, true, false),
        _ => return None,
    })
}

/// The quote pairs of `text` that enclose or touch Chinese text.
fn pairs(text: &str) -> Vec<QuotePair> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut stack: Vec<(usize, Style, bool)> = Vec::new();
    let mut out = Vec::new();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let Some((style, single, opening)) = mark(c) else {
            continue;
        };
        if c == '’' {
            let prev = k.checked_sub(1).map(|p| chars[p].1);
            let next = chars.get(k + 1).map(|p| p.1);
            if prev.is_some_and(|p| is_latin_letter(p) || p.is_ascii_digit())
                && next.is_some_and(is_latin_letter)
            {
                continue; // an apostrophe: don’t
            }
        }
        if opening {
            stack.push((i, style, single));
        } else if let Some(pos) = stack
            .iter()
            .rposition(|&(_, s, sg)| s == style && sg == single)
        {
            let (start, _, _) = stack[pos];
            stack.truncate(pos);
            let inner = &text[start + 3..i];
            let around = |r: &str| r.chars().any(crate::lang::script::is_han);
            let before = &text[..start];
            let after = &text[i + 3..];
            if around(inner)
                || before
                    .chars()
                    .next_back()
                    .is_some_and(crate::lang::script::is_han)
                || after
                    .chars()
                    .next()
                    .is_some_and(crate::lang::script::is_han)
            {
                out.push(QuotePair {
                    open: start..start + c.len_utf8(),
                    close: i..i + c.len_utf8(),
                    style,
                    single,
                    nested: false,
                });
            }
        }
    }
    out.sort_by_key(|p| p.open.start);
    let doubles: Vec<Range<usize>> = out
        .iter()
        .filter(|p| !p.single)
        .map(|p| p.open.start..p.close.end)
        .collect();
    for p in out.iter_mut().filter(|p| p.single) {
        p.nested = doubles
            .iter()
            .any(|d| d.start < p.open.start && p.close.end <= d.end);
    }
    out
}

/// The pair in the other style; a single-quote pair that is not nested becomes a primary
/// pair in Traditional text (`‘x’` -> `「x」`: `『』` is for quotes inside quotes).
fn converted(p: &QuotePair) -> (&'static str, &'static str) {
    match (p.style, p.single) {
        (Style::Curly, false) => ("「", "」"),
        (Style::Curly, true) if !p.nested => ("「", "」"),
        (Style::Curly, true) => ("『", "』"),
        (Style::Corner, false) => ("“", "”"),
        (Style::Corner, true) => ("‘", "’"),
    }
}

/// Checks Chinese quotation marks.
pub struct ChineseQuotes;

impl Check for ChineseQuotes {
    fn rules(&self) -> &'static [&'static RuleMeta] {
        static RULES: [&RuleMeta; 1] = [&CHINESE_QUOTES];
        &RULES
    }

    fn corpus_pass(&self, run: &RunCtx<'_>) -> bool {
        run.rules.enabled(CHINESE_QUOTES.name)
    }

    fn check_corpus(&self, docs: &[Document], run: &RunCtx<'_>, out: &mut Vec<Diagnostic>) {
        let rule = &CHINESE_QUOTES;
        if !self.corpus_pass(run) {
            return;
        }
        for doc in docs {
            for &side in checked_sides(run.options) {
                let lang = match side {
                    Side::Source => doc.source_lang.as_ref(),
                    Side::Target => doc.target_lang.as_ref(),
                };
                let Some(lang) = lang.filter(|l| l.is_chinese()) else {
                    continue;
                };
                let found: Vec<(usize, Vec<QuotePair>)> = doc
                    .segments
                    .iter()
                    .enumerate()
                    .filter_map(|(i, s)| s.text(side).map(|t| (i, pairs(t.as_str()))))
                    .filter(|(_, p)| !p.is_empty())
                    .collect();
                let (wrong, why, applicability) = match variety_of(lang) {
                    Some(Variety::Simplified) => (
                        Style::Corner,
                        format!("{} uses “ ” and ‘ ’", lang.tag()),
                        Applicability::Safe,
                    ),
                    Some(Variety::Traditional) => (
                        Style::Curly,
                        format!("{} uses 「 」 and 『 』", lang.tag()),
                        Applicability::Safe,
                    ),
                    None => {
                        let count = |s: Style| {
                            found
                                .iter()
                                .flat_map(|(_, p)| p)
                                .filter(|p| p.style == s)
                                .count()
                        };
                        let (curly, corner) = (count(Style::Curly), count(Style::Corner));
                        if curly == corner {
                            continue;
                        }
                        let (wrong, n, m) = if curly < corner {
                            (Style::Curly, corner, curly)
                        } else {
                            (Style::Corner, curly, corner)
                        };
                        let majority = if wrong == Style::Curly {
                            "「 」"
                        } else {
                            "“ ”"
                        };
                        (
                            wrong,
                            format!("this document mostly uses {majority} ({n} pairs against {m})"),
                            Applicability::Unsafe,
                        )
                    }
                };
                for (si, ps) in found {
                    let seg = &doc.segments[si];
                    if suppressed(seg, rule.name) {
                        continue;
                    }
                    let Some(text) = seg.text(side) else { continue };
                    for p in ps.iter().filter(|p| p.style == wrong) {
                        let (o, c) = converted(p);
                        let range = p.open.start..p.close.end;
                        let t = text.as_str();
                        let suggestion = format!("{o}{}{c}", &t[p.open.end..p.close.start]);
                        let mut d = make_diagnostic(
                            doc,
                            text,
                            rule.name,
                            run.rules.severity(rule.name),
                            side,
                            range,
                            format!(
                                "quotation marks `{}…{}`: {why}",
                                &t[p.open.clone()],
                                &t[p.close.clone()]
                            ),
                            Some(seg.id.clone()),
                        );
                        d.suggestion = Some(suggestion);
                        let edits = [
                            make_edit(doc, text, p.open.clone(), o),
                            make_edit(doc, text, p.close.clone(), c),
                        ];
                        if edits.iter().all(Option::is_some) {
                            d.fix = Some(Fix {
                                edits: edits.into_iter().flatten().collect(),
                                applicability,
                            });
                        }
                        out.push(d);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::{findings_of, run_pair};
    use crate::config::Options;

    fn found(lang: &str, text: &str) -> Vec<String> {
        let d = run_pair(None, (lang, text), None, &Options::default());
        findings_of(&d, "chinese-quotes")
            .into_iter()
            .map(String::from)
            .collect()
    }

    #[test]
    fn flags_curly_quotes_in_taiwan_text() {
        assert_eq!(found("zh-TW", "按下“確定”繼續"), vec!["“確定”"]);
        assert_eq!(found("zh-HK", "他說：‘好’"), vec!["‘好’"]);
        assert_eq!(found("zh-TW", "他說：“‘好’”"), vec!["“‘好’”", "‘好’"]);
    }

    #[test]
    fn flags_corner_brackets_in_mainland_text() {
        assert_eq!(found("zh-CN", "点击「确定」按钮"), vec!["「确定」"]);
        assert_eq!(found("zh-Hans", "请选择『高级』选项"), vec!["『高级』"]);
    }

    #[test]
    fn does_not_flag_the_locale_style_or_apostrophes() {
        assert!(found("zh-CN", "点击“确定”按钮，选择‘高级’").is_empty());
        assert!(found("zh-TW", "按下「確定」繼續，選擇『進階』").is_empty());
        assert!(found("zh-TW", "無法開啟 don’t 檔案").is_empty());
        // A lone mark is bracket-mismatch's business.
        assert!(found("zh-TW", "按下“確定繼續").is_empty());
        assert!(found("en", "Press “OK”").is_empty());
    }

    #[test]
    fn suggests_the_converted_pair() {
        let d = run_pair(None, ("zh-TW", "按下“確定”繼續"), None, &Options::default());
        let f = d.iter().find(|d| d.rule == "chinese-quotes").unwrap();
        assert_eq!(f.suggestion.as_deref(), Some("「確定」"));
        assert_eq!(f.fix.as_ref().unwrap().edits.len(), 2);
        let d = run_pair(None, ("zh-TW", "移除書籤‘%s’"), None, &Options::default());
        let f = d.iter().find(|d| d.rule == "chinese-quotes").unwrap();
        assert_eq!(f.suggestion.as_deref(), Some("「%s」"));
        let d = run_pair(None, ("zh-TW", "他說：“‘好’”"), None, &Options::default());
        let s: Vec<_> = d
            .iter()
            .filter(|d| d.rule == "chinese-quotes")
            .map(|d| d.suggestion.clone().unwrap())
            .collect();
        assert_eq!(s, vec!["「‘好’」", "『好』"]);
    }

    #[test]
    fn plain_zh_wants_one_style() {
        assert_eq!(
            found("zh", "点击“确定”后，再点击“应用”，然后选择「高级」"),
            vec!["「高级」"]
        );
        assert!(found("zh", "点击“确定”，然后选择「高级」").is_empty());
    }
}
