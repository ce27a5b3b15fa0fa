//! `chinese-regional-term`: mainland vocabulary in Taiwan text (`軟件` for `軟體`) and
//! Taiwan vocabulary in mainland text (`软体` for `软件`).

use std::ops::Range;
use std::sync::OnceLock;

use daachorse::CharwiseDoubleArrayAhoCorasick;

use super::chinese_script_mix::{suppressed, Varieties};
use super::cjk_punctuation::checked_sides;
use super::{
    make_diagnostic, make_edit, Check, Chunk, Fixable, Kept, RuleMeta, RunCtx, StreamedPass,
};
use crate::diagnostic::{Applicability, Diagnostic, Fix, Severity};
use crate::lang::chinese::{foreign_char, region_of, Region, Variety};
use crate::segment::{Document, Side};

/// The `chinese-regional-term` rule.
pub static CHINESE_REGIONAL_TERM: RuleMeta = RuleMeta {
    name: "chinese-regional-term",
    default_severity: Severity::Warning,
    summary: "mainland IT vocabulary in Taiwan Chinese, or Taiwan vocabulary in mainland Chinese",
    doc: "## What it does\n\
In zh-TW text, flags mainland computing terms written in Traditional characters (`軟件`, \
`網絡`, `默認`, `視頻`, `服務器`, `鼠標`) and suggests the Taiwan term (`軟體`, `網路`, `預設`, \
`影片`, `伺服器`, `滑鼠`). In zh-CN, zh-SG and zh-MY text (and plain-`zh` text that is clearly \
Simplified), flags Taiwan terms written in Simplified characters (`软体`, `网路`, `伺服器`, \
`滑鼠`) and suggests the mainland term.\n\n\
The table (`data/zh-regional-terms.tsv`, about 90 pairs) keeps to unambiguous IT \
vocabulary. Pairs where the Taiwan term is an ordinary mainland word too (`预设` preset, \
`视窗`, `使用者`, `执行`, `资讯`) are checked in Taiwan text only; words that are valid in \
both regions with another meaning (`文件` document, `程序` procedure, `项目` item, `数据`) are \
left out. A term inside a longer term of the expected region is not flagged (`用戶` inside \
`用戶端`, `算法` inside `演算法`).\n\n\
Not checked: zh-HK and zh-MO (Hong Kong usage mixes both vocabularies) and `zh-Hant` \
without a region.\n\n\
## Why\n\
Taiwan and mainland readers recognise each other's vocabulary at once as foreign; a release \
for one region with the other's terms reads like an unedited conversion.\n\n\
## Example\n\
zh-TW: `請重新啟動軟件` -> `請重新啟動軟體`; zh-CN: `连接到伺服器` -> `连接到服务器`.\n\n\
## Options\n\
`cjk-check-source` (default false): check a Chinese source side too.\n\n\
## Fix safety\n\
Unsafe: a term can be part of a name or a quotation, and some pairs have several regional \
renderings (`視頻` is `影片` or `視訊`).",
    fixable: Fixable::Unsafe,
};

/// One vocabulary pair.
#[derive(Debug)]
struct Pair {
    mainland_trad: String,
    mainland_simp: String,
    taiwan_trad: String,
    taiwan_simp: String,
    both: bool,
    /// Words a match may be part of without being the term (`符號` for `字符`).
    guards: Vec<String>,
}

fn to_simplified(s: &str) -> String {
    s.chars()
        .map(|c| {
            foreign_char(c, Variety::Simplified)
                .and_then(|mut i| i.next())
                .map(String::from)
                .unwrap_or_else(|| c.to_string())
        })
        .collect()
}

fn pairs() -> &'static [Pair] {
    static P: OnceLock<Vec<Pair>> = OnceLock::new();
    P.get_or_init(|| {
        include_str!("../../data/zh-regional-terms.tsv")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| {
                let mut f = l.split('\t');
                let (m, t, dir) = (f.next()?, f.next()?, f.next().unwrap_or("both"));
                let guards: Vec<String> = f
                    .next()
                    .unwrap_or("")
                    .split(',')
                    .map(str::trim)
                    .filter(|g| !g.is_empty())
                    .flat_map(|g| [g.to_string(), to_simplified(g)])
                    .collect();
                Some(Pair {
                    mainland_trad: m.to_string(),
                    mainland_simp: to_simplified(m),
                    taiwan_trad: t.to_string(),
                    taiwan_simp: to_simplified(t),
                    both: dir.trim() == "both",
                    guards,
                })
            })
            .collect()
    })
}

/// One automaton over the terms that are wrong in `region`: most texts hold none, and one
/// scan tells so (instead of a substring search per pair and text).
fn may_hold_wrong_term(text: &str, region: Region) -> bool {
    type Automaton = Option<CharwiseDoubleArrayAhoCorasick<u32>>;
    static TAIWAN: OnceLock<Automaton> = OnceLock::new();
    static MAINLAND: OnceLock<Automaton> = OnceLock::new();
    let build = |region: Region| -> Automaton {
        let mut terms: Vec<&str> = pairs()
            .iter()
            .map(|p| match region {
                Region::Taiwan => p.mainland_trad.as_str(),
                Region::Mainland if p.both => p.taiwan_simp.as_str(),
                _ => "",
            })
            .filter(|t| !t.is_empty())
            .collect();
        terms.sort_unstable();
        terms.dedup();
        CharwiseDoubleArrayAhoCorasick::new(terms).ok()
    };
    let automaton = match region {
        Region::Taiwan => TAIWAN.get_or_init(|| build(Region::Taiwan)),
        Region::Mainland => MAINLAND.get_or_init(|| build(Region::Mainland)),
        Region::HongKong => return false,
    };
    automaton
        .as_ref()
        .map_or(true, |a| a.find_overlapping_iter(text).next().is_some())
}

/// Regional-term findings in `text` for `region`: (range, expected term).
fn find(text: &str, region: Region) -> Vec<(Range<usize>, &'static str)> {
    if !may_hold_wrong_term(text, region) {
        return Vec::new();
    }
    let mut wrong: Vec<(Range<usize>, &'static str)> = Vec::new();
    let mut right: Vec<Range<usize>> = Vec::new();
    for p in pairs() {
        let (bad, good, expected): (&str, &str, &'static str) = match region {
            Region::Taiwan => (&p.mainland_trad, &p.taiwan_trad, &p.taiwan_trad),
            Region::Mainland if p.both => (&p.taiwan_simp, &p.mainland_simp, &p.mainland_simp),
            Region::Mainland => ("", &p.mainland_simp, ""),
            Region::HongKong => return Vec::new(),
        };
        if !bad.is_empty() {
            let guarded: Vec<Range<usize>> = p
                .guards
                .iter()
                .flat_map(|g| text.match_indices(g.as_str()).map(|(i, m)| i..i + m.len()))
                .collect();
            for (i, m) in text.match_indices(bad) {
                let r = i..i + m.len();
                if guarded.iter().any(|g| g.start < r.end && r.start < g.end) {
                    continue;
                }
                wrong.push((r, expected));
            }
        }
        for (i, m) in text.match_indices(good) {
            right.push(i..i + m.len());
        }
    }
    // Longest first, then drop overlaps with a kept finding or with an expected term.
    wrong.sort_by_key(|(r, _)| (r.start, std::cmp::Reverse(r.end)));
    let mut out: Vec<(Range<usize>, &'static str)> = Vec::new();
    for (r, e) in wrong {
        let overlaps = |o: &Range<usize>| o.start < r.end && r.start < o.end;
        if out.iter().any(|(o, _)| overlaps(o)) || right.iter().any(overlaps) {
            continue;
        }
        out.push((r, e));
    }
    out
}

/// Finds vocabulary of the other region.
pub struct ChineseRegionalTerm;

impl Check for ChineseRegionalTerm {
    fn rules(&self) -> &'static [&'static RuleMeta] {
        static RULES: [&RuleMeta; 1] = [&CHINESE_REGIONAL_TERM];
        &RULES
    }

    fn streamed_pass(&self, run: &RunCtx<'_>, docs: &[Document]) -> Option<Box<dyn StreamedPass>> {
        if !run.rules.enabled(CHINESE_REGIONAL_TERM.name) {
            return None;
        }
        // A plain `zh` side counts as mainland when its text is clearly Simplified.
        let varieties = Varieties::new(docs, checked_sides(run.options), |l| {
            region_of(l).is_none() && l.tag() == "zh"
        });
        Some(Box::new(RegionalPass { varieties }))
    }
}

/// The pass: the plain-`zh` sides' varieties first when there are any, then the terms.
struct RegionalPass {
    varieties: Varieties,
}

impl StreamedPass for RegionalPass {
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
        let rule = &CHINESE_REGIONAL_TERM;
        let doc = chunk.doc;
        for &side in checked_sides(run.options) {
            let lang = match side {
                Side::Source => doc.source_lang.as_ref(),
                Side::Target => doc.target_lang.as_ref(),
            };
            let Some(lang) = lang.filter(|l| l.is_chinese()) else {
                continue;
            };
            let region = match region_of(lang) {
                Some(r) => r,
                None if lang.tag() == "zh" => match self.varieties.of(chunk.doc_index, side) {
                    Some((Variety::Simplified, _)) => Region::Mainland,
                    _ => continue,
                },
                None => continue,
            };
            if region == Region::HongKong {
                continue;
            }
            for seg in chunk.segments {
                if suppressed(seg, rule.name) {
                    continue;
                }
                let Some(text) = seg.text(side) else { continue };
                for (range, expected) in find(text.as_str(), region) {
                    let found = &text.as_str()[range.clone()];
                    let (this, that) = match region {
                        Region::Taiwan => ("mainland", "Taiwan"),
                        _ => ("Taiwan", "mainland"),
                    };
                    let mut d = make_diagnostic(
                        doc,
                        text,
                        rule.name,
                        run.rules.severity(rule.name),
                        side,
                        range.clone(),
                        format!("`{found}` is {this} usage; {that} usage is `{expected}`"),
                        Some(seg.id().into_owned()),
                    );
                    d.suggestion = Some(expected.to_string());
                    d.fix = make_edit(doc, text, range, expected).map(|e| Fix {
                        edits: vec![e],
                        applicability: Applicability::Unsafe,
                    });
                    out.push(d);
                }
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

#[cfg(test)]
mod tests {
    use crate::checks::testing::{findings_of, run_pair};
    use crate::config::Options;

    fn found(lang: &str, text: &str) -> Vec<String> {
        let d = run_pair(None, (lang, text), None, &Options::default());
        findings_of(&d, "chinese-regional-term")
            .into_iter()
            .map(String::from)
            .collect()
    }

    #[test]
    fn flags_mainland_terms_in_taiwan_text() {
        assert_eq!(found("zh-TW", "請重新啟動軟件後再試"), vec!["軟件"]);
        assert_eq!(found("zh-TW", "無法連線到服務器"), vec!["服務器"]);
        assert_eq!(found("zh-TW", "恢復默認設定"), vec!["默認"]);
    }

    #[test]
    fn flags_taiwan_terms_in_mainland_text() {
        assert_eq!(found("zh-CN", "无法连接到伺服器"), vec!["伺服器"]);
        assert_eq!(found("zh-CN", "正在更新软体"), vec!["软体"]);
        assert_eq!(found("zh-CN", "请检查网路连接"), vec!["网路"]);
    }

    #[test]
    fn does_not_flag_words_valid_in_both_or_inside_expected_terms() {
        // 预设 (preset) and 执行 are ordinary mainland words.
        assert!(found("zh-CN", "使用预设的配置执行命令").is_empty());
        // 用戶 inside 用戶端, 算法 inside 演算法 in Taiwan text.
        assert!(found("zh-TW", "用戶端使用新的演算法").is_empty());
        // 文件 (document) is valid in Taiwan.
        assert!(found("zh-TW", "請參閱說明文件").is_empty());
        // Hong Kong and plain Traditional: not checked.
        assert!(found("zh-HK", "軟件更新").is_empty());
        assert!(found("zh-Hant", "軟件更新").is_empty());
        assert!(found("zh-TW", "插入隨身碟").is_empty());
        // 字符 inside 點字符號 (Braille symbols); 磁盘阵列 (disk array) is mainland usage.
        assert!(found("zh-TW", "盲人點字符號").is_empty());
        assert!(found("zh-CN", "RAID 磁盘阵列").is_empty());
        // 状态 + 列表 (status list), 归档 + 名 (archive name): not 状态列, 档名.
        assert!(found("zh-CN", "无法对状态列表目录加锁").is_empty());
        assert!(found("zh-CN", "显示变换后的文件名或归档名").is_empty());
    }

    #[test]
    fn suggests_the_regional_term() {
        let d = run_pair(None, ("zh-TW", "播放視頻"), None, &Options::default());
        let f = d
            .iter()
            .find(|d| d.rule == "chinese-regional-term")
            .unwrap();
        assert_eq!(f.suggestion.as_deref(), Some("影片"));
        assert!(f.fix.is_some());
        let d = run_pair(None, ("zh-CN", "插入随身碟"), None, &Options::default());
        let f = d
            .iter()
            .find(|d| d.rule == "chinese-regional-term")
            .unwrap();
        assert_eq!(f.suggestion.as_deref(), Some("U盘"));
    }
}
