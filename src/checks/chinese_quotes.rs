//! `chinese-quotes`: the quotation marks of the locale (zh-CN “” ‘’, zh-TW/zh-HK 「」『』),
//! or one style per document when the locale says nothing.

use std::ops::Range;

use super::chinese_script_mix::suppressed;
use super::cjk_punctuation::checked_sides;
use super::{
    make_diagnostic, make_edit, Check, Chunk, Fixable, Kept, RuleMeta, RunCtx, StreamedPass,
};
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

    fn streamed_pass(&self, run: &RunCtx<'_>, docs: &[Document]) -> Option<Box<dyn StreamedPass>> {
        if !run.rules.enabled(CHINESE_QUOTES.name) {
            return None;
        }
        let sides = checked_sides(run.options);
        let plans = docs
            .iter()
            .map(|doc| {
                let mut plan = [Plan::Skip, Plan::Skip];
                for &side in sides {
                    plan[side_slot(side)] = Plan::of(doc, side);
                }
                plan
            })
            .collect();
        Some(Box::new(QuotesPass { plans }))
    }
}

/// Where a side's plan sits in a document's pair of plans.
fn side_slot(side: Side) -> usize {
    match side {
        Side::Target => 0,
        Side::Source => 1,
    }
}

/// What the pass does with one side of one document.
enum Plan {
    /// Nothing: not Chinese, or not checked, or a tie.
    Skip,
    /// Flag the pairs of style `wrong`, known from the locale (in the first sweep) or
    /// voted (in the second).
    Flag {
        wrong: Style,
        why: String,
        applicability: Applicability,
        sweep: usize,
    },
    /// Count the pairs of each style in the first sweep: the minority style is wrong.
    Vote,
}

impl Plan {
    /// The plan for `side` of `doc`, from its language.
    fn of(doc: &Document, side: Side) -> Plan {
        let lang = match side {
            Side::Source => doc.source_lang.as_ref(),
            Side::Target => doc.target_lang.as_ref(),
        };
        let Some(lang) = lang.filter(|l| l.is_chinese()) else {
            return Plan::Skip;
        };
        let (wrong, quotes) = match variety_of(lang) {
            Some(Variety::Simplified) => (Style::Corner, "“ ” and ‘ ’"),
            Some(Variety::Traditional) => (Style::Curly, "「 」 and 『 』"),
            None => return Plan::Vote,
        };
        Plan::Flag {
            wrong,
            why: format!("{} uses {quotes}", lang.tag()),
            applicability: Applicability::Safe,
            sweep: 0,
        }
    }
}

/// The pass: one sweep when every locale names its variety, two when a document must vote.
struct QuotesPass {
    /// Per document, the plans of its target and source sides.
    plans: Vec<[Plan; 2]>,
}

/// Pairs of each style counted in one chunk: (document, side slot, curly, corner).
type Votes = Vec<(usize, usize, usize, usize)>;

impl StreamedPass for QuotesPass {
    fn sweeps(&self) -> usize {
        if self.plans.iter().flatten().any(|p| matches!(p, Plan::Vote)) {
            2
        } else {
            1
        }
    }

    fn visit(
        &self,
        sweep: usize,
        chunk: &Chunk<'_>,
        run: &RunCtx<'_>,
        out: &mut Vec<Diagnostic>,
    ) -> Option<Kept> {
        let mut votes: Votes = Vec::new();
        for &side in checked_sides(run.options) {
            let slot = side_slot(side);
            match &self.plans[chunk.doc_index][slot] {
                Plan::Skip => {}
                Plan::Vote => {
                    let (mut curly, mut corner) = (0, 0);
                    for seg in chunk.segments {
                        let Some(t) = seg.text(side) else { continue };
                        for p in pairs(t.as_str()) {
                            match p.style {
                                Style::Curly => curly += 1,
                                Style::Corner => corner += 1,
                            }
                        }
                    }
                    votes.push((chunk.doc_index, slot, curly, corner));
                }
                Plan::Flag {
                    wrong,
                    why,
                    applicability,
                    sweep: when,
                } if *when == sweep => {
                    flag(chunk, side, *wrong, why, *applicability, run, out);
                }
                Plan::Flag { .. } => {}
            }
        }
        (!votes.is_empty()).then(|| Box::new(votes) as Kept)
    }

    fn after_sweep(
        &mut self,
        sweep: usize,
        _docs: &[Document],
        kept: Vec<Kept>,
        _run: &RunCtx<'_>,
        _out: &mut Vec<Diagnostic>,
    ) {
        if sweep != 0 {
            return;
        }
        let mut totals: Vec<[(usize, usize); 2]> = vec![[(0, 0); 2]; self.plans.len()];
        for votes in kept {
            let votes = votes.downcast::<Votes>().expect("the pass keeps votes");
            for (d, slot, curly, corner) in *votes {
                totals[d][slot].0 += curly;
                totals[d][slot].1 += corner;
            }
        }
        for (plans, totals) in self.plans.iter_mut().zip(totals) {
            for (plan, (curly, corner)) in plans.iter_mut().zip(totals) {
                if !matches!(plan, Plan::Vote) {
                    continue;
                }
                *plan = if curly == corner {
                    Plan::Skip
                } else {
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
                    Plan::Flag {
                        wrong,
                        why: format!(
                            "this document mostly uses {majority} ({n} pairs against {m})"
                        ),
                        applicability: Applicability::Unsafe,
                        sweep: 1,
                    }
                };
            }
        }
    }
}

/// Flag the pairs of style `wrong` on `side` of the segments of `chunk`.
fn flag(
    chunk: &Chunk<'_>,
    side: Side,
    wrong: Style,
    why: &str,
    applicability: Applicability,
    run: &RunCtx<'_>,
    out: &mut Vec<Diagnostic>,
) {
    let rule = &CHINESE_QUOTES;
    let doc = chunk.doc;
    for seg in chunk.segments {
        let Some(text) = seg.text(side) else { continue };
        if suppressed(seg, rule.name) {
            continue;
        }
        for p in pairs(text.as_str()).iter().filter(|p| p.style == wrong) {
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
                Some(seg.id().into_owned()),
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
