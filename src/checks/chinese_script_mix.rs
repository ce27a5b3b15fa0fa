//! `chinese-script-mix`: Traditional-only characters in Simplified Chinese text, and
//! Simplified-only characters in Traditional Chinese text.

use std::ops::Range;

use super::cjk_punctuation::checked_sides;
use super::{make_diagnostic, make_edit, Check, Fixable, RuleMeta, RunCtx};
use crate::diagnostic::{Applicability, Diagnostic, Fix, Severity};
use crate::lang::chinese::{
    count_specific, foreign_char_in, infer_variety, region_of, variety_of, Region, Variety,
};
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

    fn corpus_pass(&self, run: &RunCtx<'_>) -> bool {
        run.rules.enabled(CHINESE_SCRIPT_MIX.name)
    }

    fn check_corpus(&self, docs: &[Document], run: &RunCtx<'_>, out: &mut Vec<Diagnostic>) {
        if !self.corpus_pass(run) {
            return;
        }
        for doc in docs {
            for &side in checked_sides(run.options) {
                let Some((variety, inferred)) = doc_variety(doc, side) else {
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
                for seg in &doc.segments {
                    if suppressed(seg, CHINESE_SCRIPT_MIX.name) {
                        continue;
                    }
                    let Some(text) = seg.text(side) else { continue };
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
                            Some(seg.id.clone()),
                        );
                        d.suggestion = Some(suggestion.clone());
                        if one_to_one {
                            d.fix = make_edit(doc, text, range, &suggestion).map(|e| Fix {
                                edits: vec![e],
                                applicability: Applicability::Safe,
                            });
                        } else {
                            d.note = Some(
                                "the character has several forms in the other variety: pick by meaning"
                                    .into(),
                            );
                        }
                        out.push(d);
                    }
                }
            }
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

/// The Chinese variety of `side` of `doc`: from its language tag, or for a plain `zh`, the
/// variety its text clearly shows (then `true`). `None` for non-Chinese sides and plain-`zh`
/// documents without a clear variety.
pub(crate) fn doc_variety(doc: &Document, side: Side) -> Option<(Variety, bool)> {
    let lang = match side {
        Side::Source => doc.source_lang.as_ref(),
        Side::Target => doc.target_lang.as_ref(),
    }?;
    if !lang.is_chinese() {
        return None;
    }
    if let Some(v) = variety_of(lang) {
        return Some((v, false));
    }
    let (s, t) = count_specific(
        doc.segments
            .iter()
            .filter_map(|seg| seg.text(side))
            .map(|t| t.as_str()),
    );
    infer_variety(s, t, INFER_MIN).map(|v| (v, true))
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
