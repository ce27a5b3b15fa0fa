//! `chinese-script-mix`: Traditional-only characters in Simplified Chinese text, and
//! Simplified-only characters in Traditional Chinese text.

use std::ops::Range;

use super::cjk_punctuation::checked_sides;
use super::{
    make_diagnostic, make_edit, Check, Chunk, Fixable, Kept, RuleMeta, RunCtx, StreamedPass,
};
use crate::diagnostic::{Applicability, Diagnostic, Fix, Severity};
use crate::lang::chinese::{
    count_specific, foreign_char_in, infer_variety, region_of, variety_of, Region, Variety,
};
use crate::lang::Lang;
use crate::segment::{Document, Segment, Side};

/// The `chinese-script-mix` rule.
pub static CHINESE_SCRIPT_MIX: RuleMeta = RuleMeta {
    name: "chinese-script-mix",
    default_severity: Severity::Warning,
    summary: "a Traditional-only character in Simplified Chinese text, or the reverse",
    doc: "## What it does\n\
Flags characters that belong only to the other written variety of Chinese: `後`, `髮`, `臺`, \
`軟體` in a zh-CN catalog, `后` is not flagged there (it is the Simplified form); `发`, `说`, \
`软件` in a zh-TW catalog. Adjacent characters form one finding; the suggestion is the \
conversion (several candidates when the character splits, as `发` -> `發`/`髮`).\n\n\
The variety comes from the language tag: `zh-CN`, `zh-SG`, `zh-MY`, `zh-Hans` are Simplified, \
`zh-TW`, `zh-HK`, `zh-MO`, `zh-Hant` Traditional (a script subtag wins over a region). For a \
plain `zh` tag the document decides: when it holds at least 20 variety-specific characters and \
95% of them belong to one variety, the other variety's characters are flagged; otherwise \
nothing is.\n\n\
Never flagged: characters written in both varieties or admissible variants in both, which the \
tables leave out (`台`/`臺` in Traditional text, `着`/`著`, `乾`, `后`, `干`, `里`, `只`, the Hong \
Kong forms `户`, `温`); a character that the segment's source contains too (copied names).\n\n\
## Why\n\
A Traditional character in a Simplified catalog (or the reverse) comes from copying from the \
other locale or from an input method in the wrong mode; readers notice it at once.\n\n\
## Example\n\
zh-CN: `重新啟動電腦` -> `重新启动电脑`; zh-TW: `無法開啟设定檔` -> `無法開啟設定檔`.\n\n\
## Options\n\
`cjk-check-source` (default false): check a Chinese source side too. The tables are generated \
from the OpenCC dictionaries (Apache-2.0) by `scripts/gen_zh_script.py`.\n\n\
## Fix safety\n\
Safe when every character of the finding has exactly one form in the other variety (the \
conversion of a character that exists only in one variety cannot change the meaning); no fix \
when one of them has several candidates (`发` -> `發` or `髮`).",
    fixable: Fixable::Safe,
};

/// Below this many variety-specific characters a plain-`zh` document shows no variety.
pub(crate) const INFER_MIN: usize = 20;

/// Finds characters of the other Chinese variety.
pub struct ChineseScriptMix;

impl Check for ChineseScriptMix {
    fn rules(&self) -> &'static [&'static RuleMeta] {
        static RULES: [&RuleMeta; 1] = [&CHINESE_SCRIPT_MIX];
        &RULES
    }

    fn streamed_pass(&self, run: &RunCtx<'_>, docs: &[Document]) -> Option<Box<dyn StreamedPass>> {
        if !run.rules.enabled(CHINESE_SCRIPT_MIX.name) {
            return None;
        }
        let varieties = Varieties::new(docs, checked_sides(run.options), |_| true);
        Some(Box::new(ScriptMixPass { varieties }))
    }
}

/// The pass: the sides' varieties (a first sweep counts characters when a plain-`zh`
/// side must show its own), then the foreign characters in the last sweep.
struct ScriptMixPass {
    varieties: Varieties,
}

impl StreamedPass for ScriptMixPass {
    fn sweeps(&self) -> usize {
        self.varieties.sweeps()
    }

    fn visit(
        &self,
        sweep: usize,
        chunk: &Chunk<'_>,
        run: &RunCtx<'_>,
        out: &mut Vec<Diagnostic>,
    ) -> Option<Kept> {
        if sweep + 1 < self.varieties.sweeps() {
            return self.varieties.count(chunk);
        }
        let doc = chunk.doc;
        for &side in checked_sides(run.options) {
            let Some((variety, inferred)) = self.varieties.of(chunk.doc_index, side) else {
                continue;
            };
            // Traditional forms: Hong Kong's for zh-HK/zh-MO, else Taiwan's.
            let region = match side {
                Side::Source => doc.source_lang.as_ref(),
                Side::Target => doc.target_lang.as_ref(),
            }
            .and_then(region_of)
            .filter(|r| *r == Region::HongKong)
            .or(Some(Region::Taiwan));
            for seg in chunk.segments {
                flag_segment(doc, seg, side, variety, inferred, region, run, out);
            }
        }
        None
    }

    fn after_sweep(
        &mut self,
        _sweep: usize,
        _docs: &[Document],
        kept: Vec<Kept>,
        _run: &RunCtx<'_>,
        _out: &mut Vec<Diagnostic>,
    ) {
        self.varieties.settle(kept);
    }
}

/// Flag the characters of the other variety on `side` of `seg`.
#[allow(clippy::too_many_arguments)]
fn flag_segment(
    doc: &Document,
    seg: &Segment,
    side: Side,
    variety: Variety,
    inferred: bool,
    region: Option<Region>,
    run: &RunCtx<'_>,
    out: &mut Vec<Diagnostic>,
) {
    if suppressed(seg, CHINESE_SCRIPT_MIX.name) {
        return;
    }
    let Some(text) = seg.text(side) else { return };
    let other = match side {
        Side::Target => seg.source.as_ref(),
        Side::Source => seg.target.as_ref(),
    }
    .map(|t| t.as_str())
    .unwrap_or("");
    for (range, conv) in foreign_runs(text.as_str(), variety, region, other) {
        let shown = &text.as_str()[range.clone()];
        let one_to_one = conv.iter().all(|c| c.len() == 1);
        let suggestion: String = conv
            .iter()
            .map(|c| {
                if c.len() == 1 {
                    c[0].to_string()
                } else {
                    format!("[{}]", c.join("/"))
                }
            })
            .collect();
        let why = if inferred {
            format!(
                "{} text (the document is written in {} characters)",
                variety.name(),
                variety.name()
            )
        } else {
            format!(
                "{} text ({})",
                variety.name(),
                doc_lang(doc, side).unwrap_or_default()
            )
        };
        let mut d = make_diagnostic(
            doc,
            text,
            CHINESE_SCRIPT_MIX.name,
            run.rules.severity(CHINESE_SCRIPT_MIX.name),
            side,
            range.clone(),
            format!(
                "{} character{} `{shown}` in {why}",
                variety.other().name(),
                if shown.chars().count() > 1 { "s" } else { "" },
            ),
            Some(seg.id().into_owned()),
        );
        d.suggestion = Some(suggestion.clone());
        if one_to_one {
            d.fix = make_edit(doc, text, range, &suggestion).map(|e| Fix {
                edits: vec![e],
                applicability: Applicability::Safe,
            });
        } else {
            d.note = Some(
                "the character has several forms in the other variety: pick by meaning".into(),
            );
        }
        out.push(d);
    }
}

/// The Chinese variety of each checked side of each document, as the checks of Chinese
/// text need it: from the language tag, or for a plain `zh` tag, the variety the side's
/// text clearly shows (counted in a first sweep: see [`Varieties::sweeps`]).
pub(crate) struct Varieties {
    /// Per document, its target and source sides.
    slots: Vec<[VarietySlot; 2]>,
}

/// What is known of one side's variety.
#[derive(Clone, Copy)]
enum VarietySlot {
    /// Not Chinese, not checked, or without a clear variety.
    None,
    /// From the tag (`false`) or shown by the text (`true`).
    Known(Variety, bool),
    /// A plain `zh` side whose characters are to be counted.
    Count,
}

/// Variety-specific characters counted in one chunk: (document, side slot, Simplified,
/// Traditional).
type Specific = (usize, usize, usize, usize);

/// Where a side sits in a document's pair of slots.
fn side_slot(side: Side) -> usize {
    match side {
        Side::Target => 0,
        Side::Source => 1,
    }
}

impl Varieties {
    /// The varieties of `sides` of `docs` whose language passes `wanted` (a plain `zh`
    /// side is counted only then).
    pub(crate) fn new(docs: &[Document], sides: &[Side], wanted: impl Fn(&Lang) -> bool) -> Self {
        let slots = docs
            .iter()
            .map(|doc| {
                let mut slots = [VarietySlot::None; 2];
                for &side in sides {
                    let lang = match side {
                        Side::Source => doc.source_lang.as_ref(),
                        Side::Target => doc.target_lang.as_ref(),
                    };
                    slots[side_slot(side)] = match lang.filter(|l| l.is_chinese()) {
                        None => VarietySlot::None,
                        Some(l) => match variety_of(l) {
                            Some(v) => VarietySlot::Known(v, false),
                            None if wanted(l) => VarietySlot::Count,
                            None => VarietySlot::None,
                        },
                    };
                }
                slots
            })
            .collect();
        Varieties { slots }
    }

    /// Sweeps needed: two when a side's characters must be counted first, else one.
    pub(crate) fn sweeps(&self) -> usize {
        let count = |s: &VarietySlot| matches!(s, VarietySlot::Count);
        if self.slots.iter().flatten().any(count) {
            2
        } else {
            1
        }
    }

    /// The first sweep's count over `chunk`, when its document has a side to count.
    pub(crate) fn count(&self, chunk: &Chunk<'_>) -> Option<Kept> {
        let counted: Vec<Specific> = [Side::Target, Side::Source]
            .into_iter()
            .filter(|&side| {
                matches!(
                    self.slots[chunk.doc_index][side_slot(side)],
                    VarietySlot::Count
                )
            })
            .map(|side| {
                let (s, t) = count_specific(
                    chunk
                        .segments
                        .iter()
                        .filter_map(|seg| seg.text(side))
                        .map(|t| t.as_str()),
                );
                (chunk.doc_index, side_slot(side), s, t)
            })
            .collect();
        (!counted.is_empty()).then(|| Box::new(counted) as Kept)
    }

    /// Decide the counted sides from the first sweep's counts (harmless after a later
    /// sweep: nothing is left to count).
    pub(crate) fn settle(&mut self, kept: Vec<Kept>) {
        let mut totals = vec![[(0, 0); 2]; self.slots.len()];
        for k in kept {
            let Ok(counted) = k.downcast::<Vec<Specific>>() else {
                continue;
            };
            for (d, slot, s, t) in *counted {
                totals[d][slot].0 += s;
                totals[d][slot].1 += t;
            }
        }
        for (slots, totals) in self.slots.iter_mut().zip(totals) {
            for (slot, (s, t)) in slots.iter_mut().zip(totals) {
                if matches!(slot, VarietySlot::Count) {
                    *slot = match infer_variety(s, t, INFER_MIN) {
                        Some(v) => VarietySlot::Known(v, true),
                        None => VarietySlot::None,
                    };
                }
            }
        }
    }

    /// The variety of `side` of document `doc` and whether the text showed it; `None`
    /// when the side is not Chinese or shows no clear variety (or is still to count).
    pub(crate) fn of(&self, doc: usize, side: Side) -> Option<(Variety, bool)> {
        match self.slots[doc][side_slot(side)] {
            VarietySlot::Known(v, inferred) => Some((v, inferred)),
            _ => None,
        }
    }
}

/// Whether `rule` is suppressed inline on `seg`.
pub(crate) fn suppressed(seg: &Segment, rule: &str) -> bool {
    seg.suppressed().iter().any(|s| s == rule || s == "all")
}

fn doc_lang(doc: &Document, side: Side) -> Option<String> {
    match side {
        Side::Source => doc.source_lang.as_ref(),
        Side::Target => doc.target_lang.as_ref(),
    }
    .map(|l| l.tag().to_string())
}

/// Runs of characters of `text` foreign to `variety`, each with the conversions of its
/// characters; characters that also occur in `other` (the segment's other side) are skipped.
fn foreign_runs(
    text: &str,
    variety: Variety,
    region: Option<Region>,
    other: &str,
) -> Vec<(Range<usize>, Vec<Vec<&'static str>>)> {
    let mut out: Vec<(Range<usize>, Vec<Vec<&'static str>>)> = Vec::new();
    for (i, c) in text.char_indices() {
        let Some(conv) = foreign_char_in(c, variety, region) else {
            continue;
        };
        if other.contains(c) {
            continue;
        }
        let conv: Vec<&'static str> = conv.collect();
        match out.last_mut() {
            Some((r, convs)) if r.end == i => {
                r.end = i + c.len_utf8();
                convs.push(conv);
            }
            _ => out.push((i..i + c.len_utf8(), vec![conv])),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::{findings_of, run_pair};
    use crate::config::Options;
    use crate::diagnostic::Diagnostic;

    fn check(lang: &str, text: &str) -> Vec<Diagnostic> {
        run_pair(None, (lang, text), None, &Options::default())
    }

    fn found(lang: &str, text: &str) -> Vec<String> {
        findings_of(&check(lang, text), "chinese-script-mix")
            .into_iter()
            .map(String::from)
            .collect()
    }

    #[test]
    fn flags_traditional_in_simplified() {
        assert_eq!(found("zh-CN", "请重新啟動计算机以完成安装。"), vec!["啟動"]);
        assert_eq!(found("zh-Hans", "之後再试"), vec!["後"]);
        assert_eq!(found("zh-SG", "已設定"), vec!["設"]);
    }

    #[test]
    fn flags_simplified_in_traditional() {
        assert_eq!(found("zh-TW", "無法開啟设定檔"), vec!["设"]);
        assert_eq!(found("zh-HK", "软件更新"), vec!["软"]);
        assert_eq!(found("zh-Hant", "頭发"), vec!["发"]);
    }

    #[test]
    fn does_not_flag_shared_or_admissible_characters() {
        // 后, 干, 里, 只, 台 are Simplified forms and also valid Traditional characters.
        assert!(found("zh-TW", "皇后干涉了公里外只有一台電腦的事").is_empty());
        // 乾 (乾隆), 著 (著名) are valid in Simplified text.
        assert!(found("zh-CN", "乾隆年间的著名学者").is_empty());
        // 台/臺 and 着/著 are admissible variants in Traditional text.
        assert!(found("zh-TW", "臺灣與台灣；看着與看著").is_empty());
        assert!(found("zh-CN", "插入U盘后重启").is_empty());
        assert!(found("zh-TW", "插入USB隨身碟").is_empty());
    }

    #[test]
    fn plain_zh_needs_a_clear_document() {
        // Too little evidence: nothing.
        assert!(found("zh", "請重新啟動").is_empty());
        assert!(found("zh", "请重新启动").is_empty());
        // A clearly Simplified document with one Traditional slip.
        let text = "这个程序会检查您的系统设置并报告发现的问题，请确认网络连接正常以后再继续，\
                    谢谢您的耐心等待。之後";
        assert_eq!(found("zh", text), vec!["後"]);
    }

    #[test]
    fn suggests_conversion_and_safe_fix_when_one_to_one() {
        let d = check("zh-CN", "之後再试");
        let f = d.iter().find(|d| d.rule == "chinese-script-mix").unwrap();
        assert_eq!(f.suggestion.as_deref(), Some("后"));
        assert!(f.fix.is_some());
        let d = check("zh-TW", "頭发");
        let f = d.iter().find(|d| d.rule == "chinese-script-mix").unwrap();
        assert_eq!(f.suggestion.as_deref(), Some("[發/髮]"));
        assert!(f.fix.is_none());
        let d = check("zh-TW", "重新启動");
        let f = d.iter().find(|d| d.rule == "chinese-script-mix").unwrap();
        assert_eq!(f.suggestion.as_deref(), Some("啟"));
        let d = check("zh-HK", "重新启動");
        let f = d.iter().find(|d| d.rule == "chinese-script-mix").unwrap();
        assert_eq!(f.suggestion.as_deref(), Some("啓"));
    }

    #[test]
    fn not_for_other_languages_or_copied_source() {
        assert!(found("ja", "後で設定する").is_empty());
        let d = run_pair(
            Some(("en", "Traditional Chinese (繁體中文)")),
            ("zh-CN", "繁体中文（繁體中文）"),
            None,
            &Options::default(),
        );
        assert!(findings_of(&d, "chinese-script-mix").is_empty());
    }
}
