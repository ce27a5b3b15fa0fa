//! `chinese-typo`: common slips of software Chinese: a shipped list of confusions
//! (`登陆` for `登录`), a doubled `的的`, full-width letters and digits, spaces between
//! Chinese characters or around full-width punctuation, an ideographic space inside a line.

use std::ops::Range;
use std::sync::OnceLock;

use super::{Check, Fixable, RuleMeta, SegmentCtx};
use crate::diagnostic::{Applicability, Severity};
use crate::lang::chinese::{only_in, variety_of, Variety};
use crate::lang::protect::{overlaps_protected, protected_spans};
use crate::lang::script::{is_han, to_halfwidth};
use crate::segment::Side;

/// The `chinese-typo` rule.
pub static CHINESE_TYPO: RuleMeta = RuleMeta {
    name: "chinese-typo",
    default_severity: Severity::Warning,
    summary: "common slips of Chinese text: 登陆 for 登录, 的的, full-width ＡＢ１, stray spaces",
    doc: "## What it does\n\
In Chinese text, flags:\n\
- words of a shipped list of confusions common in software Chinese (`data/zh-typos.tsv`): \
`登陆` -> `登录` (log in; `登陆` is landing), `帐号` -> `账号` and `帐户` -> `账户` (the \
standard character since the 2013 通用规范汉字表; zh-CN only: `帳號` is standard in Taiwan), \
`按装` -> `安装`, `既使` -> `即使`, `做为` -> `作为`, `部份` -> `部分` (zh-CN only)...;\n\
- a doubled `的的` (not `目的的`, `的的确确`);\n\
- full-width Latin letters and digits (`Ａ１`), which belong in half-width;\n\
- a single space between two Chinese characters (`打开 文件`); runs of two or more are \
`double-space`'s;\n\
- a space before a full-width closing mark or after an opening one (`文件 ，`, `（ 可选`), a \
space between a full-width mark and a Chinese character (`完成。 下一步`, `按下 「確定」`);\n\
- an ideographic space (U+3000) inside a line (at its start it is paragraph indentation).\n\n\
Entries marked for one variety apply to text of that variety: from the language tag, or, \
for plain `zh`, when the entry itself is written in characters of only that variety. \
Entries of kind `style` (`其它` -> `其他`) are reported only with `chinese-typo-style`. \
Text inside placeholders, tags, code and identifiers is left alone; so is a segment whose \
source contains the same spacing (columns of `--help` output).\n\n\
## Why\n\
These are the slips a Chinese reviewer corrects on every pass: homophone input-method \
errors, full-width characters typed in the wrong input mode, spaces copied from the English \
word breaks of the source.\n\n\
## Example\n\
`请先登陆您的帐号` -> `请先登录您的账号`; `版本１．２` -> `版本1．2`; \
`打开 文件` -> `打开文件`; `完成 。` -> `完成。`.\n\n\
## Options\n\
- `chinese-typo-style` (default false): also report the list's style entries.\n\
- `chinese-typos` (list of `\"wrong=right\"`): the project's own confusions, checked in all \
Chinese text.\n\
- `cjk-check-source` (default false): check a Chinese source side too.\n\n\
## Fix safety\n\
Safe: full-width letters and digits to half-width; removing a space next to full-width \
punctuation. Unsafe: list entries (`登陆` can be meant), `的的`, spaces between Chinese \
characters and ideographic spaces (they can separate the items of a list).",
    fixable: Fixable::Sometimes,
};

/// One entry of the confusion list.
#[derive(Debug)]
struct Entry {
    wrong: &'static str,
    right: &'static str,
    variety: Option<Variety>,
    style: bool,
    note: &'static str,
}

/// One automaton over every entry's wrong form, pattern `i` being entry `i`.
fn shipped_matcher() -> &'static aho_corasick::AhoCorasick {
    static M: OnceLock<aho_corasick::AhoCorasick> = OnceLock::new();
    M.get_or_init(|| {
        aho_corasick::AhoCorasick::new(entries().iter().map(|e| e.wrong))
            .expect("the confusion list compiles")
    })
}

fn entries() -> &'static [Entry] {
    static E: OnceLock<Vec<Entry>> = OnceLock::new();
    E.get_or_init(|| {
        include_str!("../../data/zh-typos.tsv")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| {
                let f: Vec<&'static str> = l.split('\t').collect();
                Some(Entry {
                    wrong: f.first()?,
                    right: f.get(1)?,
                    variety: match f.get(2).copied().unwrap_or("all") {
                        "simp" => Some(Variety::Simplified),
                        "trad" => Some(Variety::Traditional),
                        _ => None,
                    },
                    style: f.get(3).copied() == Some("style"),
                    note: f.get(4).copied().unwrap_or(""),
                })
            })
            .collect()
    })
}

/// One finding before it is reported.
#[derive(Debug, Clone, PartialEq)]
struct Finding {
    range: Range<usize>,
    message: String,
    replacement: String,
    safe: bool,
}

/// Closing full-width marks: no space before them.
fn is_closing(c: char) -> bool {
    matches!(
        c,
        '，' | '。' | '、' | '；' | '：' | '！' | '？' | '）' | '」' | '』' | '》' | '】' | '〉'
    )
}

/// Opening full-width marks: no space after them.
fn is_opening(c: char) -> bool {
    matches!(c, '（' | '「' | '『' | '《' | '【' | '〈')
}

fn is_fullwidth_alnum(c: char) -> bool {
    matches!(c as u32, 0xFF10..=0xFF19 | 0xFF21..=0xFF3A | 0xFF41..=0xFF5A)
}

/// Whether the entry applies to text of `variety` (`None`: the tag names none).
fn applies(e: &Entry, variety: Option<Variety>) -> bool {
    match (e.variety, variety) {
        (None, _) => true,
        (Some(want), Some(have)) => want == have,
        (Some(want), None) => e.wrong.chars().any(|c| only_in(c, want)),
    }
}

fn find(
    text: &str,
    source: Option<&str>,
    variety: Option<Variety>,
    style: bool,
    extra: &[(String, String)],
) -> Vec<Finding> {
    let mut out = Vec::new();
    if !text.chars().any(|c| is_han(c) || is_fullwidth_alnum(c)) {
        return out;
    }
    // Most texts have no candidate at all: their protected spans are never needed.
    let spans = std::cell::OnceCell::new();
    let free =
        |r: &Range<usize>| !overlaps_protected(spans.get_or_init(|| protected_spans(text)), r);
    let source = source.unwrap_or("");

    // The project's entries, then the confusion list (found in one pass of an automaton).
    let mut taken: Vec<Range<usize>> = Vec::new();
    let own = extra.iter().map(|(w, r)| {
        let found: Vec<usize> = text.match_indices(w.as_str()).map(|(i, _)| i).collect();
        (
            w.as_str(),
            r.as_str(),
            "project list (chinese-typos)",
            found,
        )
    });
    // (entry, start) of every match; nothing is allocated for the usual text without one.
    let mut shipped_found: Vec<(usize, usize)> = Vec::new();
    for m in shipped_matcher().find_overlapping_iter(text) {
        let entry = m.pattern().as_usize();
        // Like `match_indices`: each entry's matches left to right, never overlapping.
        let last = shipped_found.iter().rev().find(|(e, _)| *e == entry);
        if last.map_or(true, |&(_, start)| m.start() >= start + m.len()) {
            shipped_found.push((entry, m.start()));
        }
    }
    shipped_found.sort_by_key(|&(entry, _)| entry);
    let shipped = shipped_found
        .chunk_by(|a, b| a.0 == b.0)
        .map(|run| {
            (
                &entries()[run[0].0],
                run.iter().map(|&(_, start)| start).collect(),
            )
        })
        .filter(|(e, _)| (style || !e.style) && applies(e, variety))
        .map(|(e, found): (&Entry, Vec<usize>)| (e.wrong, e.right, e.note, found));
    for (wrong, right, note, found) in own.chain(shipped) {
        for i in found {
            let r = i..i + wrong.len();
            if !free(&r) || taken.iter().any(|t| t.start < r.end && r.start < t.end) {
                continue;
            }
            // Not when the right form is what is written (`帐号` inside a longer right word).
            if text[..r.end].ends_with(right) || text[r.start..].starts_with(right) {
                continue;
            }
            taken.push(r.clone());
            let note = if note.is_empty() {
                String::new()
            } else {
                format!(" ({note})")
            };
            out.push(Finding {
                range: r,
                message: format!("`{wrong}` is a common slip for `{right}`{note}"),
                replacement: right.to_string(),
                safe: false,
            });
        }
    }

    // 的的, not in 目的的 or 的的确确.
    for (i, _) in text.match_indices("的的") {
        let before = text[..i].chars().next_back();
        let after = text[i + 6..].chars().next();
        if before == Some('目')
            || before == Some('的')
            || after == Some('确')
            || after == Some('確')
            || after == Some('的')
        {
            continue;
        }
        out.push(Finding {
            range: i..i + 6,
            message: "`的` is doubled".into(),
            replacement: "的".into(),
            safe: false,
        });
    }

    // The scan below looks only at full-width letters and digits, ideographic spaces and
    // spaces: a text without any has nothing more to report.
    if !text.contains([' ', '\u{3000}']) && !text.chars().any(is_fullwidth_alnum) {
        out.sort_by_key(|f| f.range.start);
        return out;
    }
    scan_spaces_and_widths(text, source, &free, &mut out);
    out.sort_by_key(|f| f.range.start);
    out
}

/// Report full-width letters and digits, ideographic spaces inside a line, and spaces
/// next to Chinese characters or full-width punctuation in `text` (`free`: whether a
/// range lies outside protected spans). Jumps from one possible byte to the next (a
/// space, or the lead byte of U+3000 or of a full-width letter) instead of walking
/// every character.
fn scan_spaces_and_widths(
    text: &str,
    source: &str,
    free: &dyn Fn(&Range<usize>) -> bool,
    out: &mut Vec<Finding>,
) {
    // Only a space between two Chinese characters asks (most texts have none).
    let mut han_space_ok: Option<bool> = None;
    let bytes = text.as_bytes();
    let before = |i: usize| text[..i].chars().next_back();
    let mut i = 0;
    // U+3000 is E3 80 80; full-width letters and digits are EF BC 90..EF BD 9A.
    while let Some(p) = memchr::memchr3(b' ', 0xE3, 0xEF, &bytes[i..]) {
        i += p;
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        let after = i + c.len_utf8();
        if is_fullwidth_alnum(c) {
            let end = text[i..]
                .char_indices()
                .find(|&(_, c)| !is_fullwidth_alnum(c))
                .map_or(text.len(), |(k, _)| i + k);
            let r = i..end;
            let run = &text[r.clone()];
            if !source.contains(run) {
                out.push(Finding {
                    range: r,
                    message: format!("full-width letters or digits `{run}`"),
                    replacement: run.chars().map(to_halfwidth).collect(),
                    safe: true,
                });
            }
            i = end;
            continue;
        }
        if c == '\u{3000}' {
            let prev = before(i);
            let next = text[after..].chars().next();
            let inner = prev.is_some_and(|p| !p.is_whitespace())
                && next.is_some_and(|n| !n.is_whitespace());
            // Several ideographic spaces on a line lay out columns.
            let line_start = text[..i].rfind('\n').map_or(0, |n| n + 1);
            let line_end = text[i..].find('\n').map_or(text.len(), |n| i + n);
            let layout = text[line_start..line_end].matches('\u{3000}').count() > 1;
            if inner && !layout && !source.contains('\u{3000}') {
                let cjk = |c: Option<char>| {
                    c.is_some_and(|c| is_han(c) || is_closing(c) || is_opening(c))
                };
                let repl = if cjk(prev) && cjk(next) { "" } else { " " };
                out.push(Finding {
                    range: i..i + 3,
                    message: "ideographic space (U+3000) inside a line".into(),
                    replacement: repl.into(),
                    safe: false,
                });
            }
        }
        if c == ' ' {
            if let (Some(p), Some(n)) = (before(i), text[after..].chars().next()) {
                spaced(text, source, i, (p, n), free, &mut han_space_ok, out);
            }
        }
        i = after;
    }
}

/// The finding, if any, for the space at byte `i` of `text` between `p` and `n`.
fn spaced(
    text: &str,
    source: &str,
    i: usize,
    (p, n): (char, char),
    free: &dyn Fn(&Range<usize>) -> bool,
    han_space_ok: &mut Option<bool>,
    out: &mut Vec<Finding>,
) {
    // Runs of spaces are double-space's (or layout).
    if p.is_whitespace() || n.is_whitespace() {
        return;
    }
    let r = i..i + 1;
    if !free(&r) || source.contains("  ") {
        return;
    }
    let message = if is_han(p) && is_han(n) {
        let ok = *han_space_ok.get_or_insert_with(|| words_spaced_on_purpose(text, source));
        (!ok).then_some(("space between Chinese characters", false))
    } else if is_closing(n) {
        Some(("space before full-width punctuation", true))
    } else if is_opening(p) {
        Some(("space after full-width punctuation", true))
    } else if (is_closing(p) || is_opening(n)) && (is_han(n) || is_han(p)) {
        Some(("space next to full-width punctuation", true))
    } else {
        None
    };
    if let Some((message, safe)) = message {
        out.push(Finding {
            range: r,
            message: message.into(),
            replacement: String::new(),
            safe,
        });
    }
}

/// Whether spaces between Chinese words of `text` are there on purpose: the source is a
/// usage synopsis (metavariables such as `NAME`, `[FILE]`, `<dir>`), or a short label
/// (at most four words, no sentence punctuation) rendered without Chinese punctuation,
/// such as a language name `贛語 漢語` for `Gan Chinese`.
fn words_spaced_on_purpose(text: &str, source: &str) -> bool {
    if source.is_empty() {
        return false;
    }
    let metavariable = source
        .split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
        .any(|w| {
            w.len() >= 3
                && w.chars()
                    .all(|c| c.is_ascii_uppercase() || c == '_' || c.is_ascii_digit())
                && w.chars().filter(char::is_ascii_uppercase).count() >= 3
        });
    let synopsis = source.contains("sage:") || source.contains('|');
    if metavariable || synopsis || source.contains('[') || source.contains('<') {
        return true;
    }
    let label = source.split_whitespace().count() <= 4
        && !source.trim_end().ends_with(['.', '!', '?', ':'])
        && !text.chars().any(|c| is_closing(c) || is_opening(c));
    label
}

/// Finds common slips in Chinese text.
pub struct ChineseTypo;

impl Check for ChineseTypo {
    fn rules(&self) -> &'static [&'static RuleMeta] {
        static RULES: [&RuleMeta; 1] = [&CHINESE_TYPO];
        &RULES
    }

    fn check_segment(&self, ctx: &mut SegmentCtx<'_>) {
        if !ctx.enabled(&CHINESE_TYPO) {
            return;
        }
        let options = ctx.run.options;
        for &side in super::cjk_punctuation::checked_sides(options) {
            let Some(lang) = ctx.lang(side).filter(|l| l.is_chinese()) else {
                continue;
            };
            let Some(text) = ctx.seg.text(side) else {
                continue;
            };
            let other = match side {
                Side::Target => ctx.source(),
                Side::Source => ctx.target(),
            }
            .map(|t| t.as_str());
            let found = find(
                text.as_str(),
                other,
                variety_of(lang),
                options.chinese_typo_style,
                &options.chinese_typos,
            );
            for f in found {
                let applicability = if f.safe {
                    Applicability::Safe
                } else {
                    Applicability::Unsafe
                };
                let fix = ctx.fix(side, f.range.clone(), &f.replacement, applicability);
                if let Some(d) = ctx.report(&CHINESE_TYPO, side, f.range, f.message) {
                    d.suggestion = Some(f.replacement);
                    d.fix = fix;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::{findings_of, run_pair};

    use super::{
        is_closing, is_fullwidth_alnum, is_han, is_opening, scan_spaces_and_widths, to_halfwidth,
        words_spaced_on_purpose, Finding,
    };
    use std::ops::Range;

    /// The character scan as it was before [`scan_spaces_and_widths`] (every character
    /// collected first), kept as the oracle.
    fn scan_reference(
        text: &str,
        source: &str,
        free: &dyn Fn(&Range<usize>) -> bool,
        out: &mut Vec<Finding>,
    ) {
        let mut han_space_ok: Option<bool> = None;
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let at = |k: usize| chars.get(k).map(|p| p.1);
        let mut k = 0;
        while k < chars.len() {
            let (i, c) = chars[k];
            if is_fullwidth_alnum(c) {
                let mut j = k;
                while j < chars.len() && is_fullwidth_alnum(chars[j].1) {
                    j += 1;
                }
                let end = chars.get(j).map_or(text.len(), |p| p.0);
                let r = i..end;
                let run = &text[r.clone()];
                if !source.contains(run) {
                    out.push(Finding {
                        range: r,
                        message: format!("full-width letters or digits `{run}`"),
                        replacement: run.chars().map(to_halfwidth).collect(),
                        safe: true,
                    });
                }
                k = j;
                continue;
            }
            if c == '\u{3000}' {
                let prev = k.checked_sub(1).and_then(at);
                let next = at(k + 1);
                let inner = prev.is_some_and(|p| !p.is_whitespace())
                    && next.is_some_and(|n| !n.is_whitespace());
                // Several ideographic spaces on a line lay out columns.
                let line_start = text[..i].rfind('\n').map_or(0, |n| n + 1);
                let line_end = text[i..].find('\n').map_or(text.len(), |n| i + n);
                let layout = text[line_start..line_end].matches('\u{3000}').count() > 1;
                if inner && !layout && !source.contains('\u{3000}') {
                    let cjk = |c: Option<char>| {
                        c.is_some_and(|c| is_han(c) || is_closing(c) || is_opening(c))
                    };
                    let repl = if cjk(prev) && cjk(next) { "" } else { " " };
                    out.push(Finding {
                        range: i..i + 3,
                        message: "ideographic space (U+3000) inside a line".into(),
                        replacement: repl.into(),
                        safe: false,
                    });
                }
            }
            if c == ' ' {
                let prev = k.checked_sub(1).and_then(at);
                let next = at(k + 1);
                let (Some(p), Some(n)) = (prev, next) else {
                    k += 1;
                    continue;
                };
                // Runs of spaces are double-space's (or layout).
                if p.is_whitespace() || n.is_whitespace() {
                    k += 1;
                    continue;
                }
                let r = i..i + 1;
                if !free(&r) || source.contains("  ") {
                    k += 1;
                    continue;
                }
                let message = if is_han(p) && is_han(n) {
                    let ok =
                        *han_space_ok.get_or_insert_with(|| words_spaced_on_purpose(text, source));
                    (!ok).then_some(("space between Chinese characters", false))
                } else if is_closing(n) {
                    Some(("space before full-width punctuation", true))
                } else if is_opening(p) {
                    Some(("space after full-width punctuation", true))
                } else if (is_closing(p) || is_opening(n)) && (is_han(n) || is_han(p)) {
                    Some(("space next to full-width punctuation", true))
                } else {
                    None
                };
                if let Some((message, safe)) = message {
                    out.push(Finding {
                        range: r,
                        message: message.into(),
                        replacement: String::new(),
                        safe,
                    });
                }
            }
            k += 1;
        }
    }

    fn assert_scans_agree(text: &str, source: &str) {
        // Protected: every third byte offset, so that `free` matters.
        let free = |r: &Range<usize>| r.start % 3 != 1;
        let (mut fast, mut slow) = (Vec::new(), Vec::new());
        scan_spaces_and_widths(text, source, &free, &mut fast);
        scan_reference(text, source, &free, &mut slow);
        assert_eq!(fast, slow, "{text:?} / {source:?}");
    }

    #[test]
    fn scan_agrees_with_the_reference() {
        for (text, source) in [
            ("请 使用 ＡＢＣ１２ 和\u{3000}文件", ""),
            ("列\u{3000}一\u{3000}二\n行\u{3000}三", "a b"),
            ("（ 注意 ）中 文", "NAME"),
            ("中文 ，English 。", "Usage: x"),
            ("", ""),
            (" ", ""),
            ("Ａ", "Ａ"),
        ] {
            assert_scans_agree(text, source);
        }
    }

    /// On generated texts mixing Chinese, full-width letters and digits, ideographic
    /// spaces, spaces, full-width punctuation, line breaks and a four-byte character.
    #[test]
    fn scan_agrees_with_the_reference_on_generated_texts() {
        let texts = crate::checks::testing::generated_texts(
            &[
                "中", "文", " ", "  ", "\u{3000}", "Ａ", "１２", "，", "（", "）", "a", "\n", "😀",
                "。",
            ],
            17,
            5000,
            14,
        );
        let sources = ["", "１２", "a  b", "\u{3000}", "Ａ"];
        let mut hits = 0;
        for (n, t) in texts.iter().enumerate() {
            let source = sources[n % sources.len()];
            let free = |r: &Range<usize>| r.start % 7 != 3;
            let (mut fast, mut slow) = (Vec::new(), Vec::new());
            scan_spaces_and_widths(t, source, &free, &mut fast);
            scan_reference(t, source, &free, &mut slow);
            assert_eq!(fast, slow, "{t:?} / {source:?}");
            hits += fast.len();
        }
        assert!(hits > 1000, "{hits}");
    }

    proptest::proptest! {
        #[test]
        fn scan_agrees_with_the_reference_on_any_text(
            text in "[ \u{3000}ＡＺａ０９中文，（）「」a1\n\t]{0,24}",
            source in "[ a-zA-Z\u{3000}Ａ]{0,6}",
        ) {
            assert_scans_agree(&text, &source);
        }
    }
    use crate::config::Options;

    fn found_with(lang: &str, text: &str, o: &Options) -> Vec<String> {
        let d = run_pair(None, (lang, text), None, o);
        findings_of(&d, "chinese-typo")
            .into_iter()
            .map(String::from)
            .collect()
    }

    fn found(lang: &str, text: &str) -> Vec<String> {
        found_with(lang, text, &Options::default())
    }

    #[test]
    fn flags_listed_confusions() {
        assert_eq!(found("zh-CN", "请先登陆您的帐号"), vec!["登陆", "帐号"]);
        assert_eq!(found("zh-TW", "請先登陸"), vec!["登陸"]);
        assert_eq!(found("zh-CN", "正在按装软件包"), vec!["按装"]);
        // Plain zh: an entry written in Simplified-only characters applies.
        assert_eq!(found("zh", "请先登陆"), vec!["登陆"]);
    }

    #[test]
    fn respects_varieties_and_style() {
        // 帳號 is standard in Taiwan; 部份 is accepted there.
        assert!(found("zh-TW", "請輸入帳號，部份檔案").is_empty());
        assert!(found("zh-CN", "其它选项").is_empty());
        let o = Options {
            chinese_typo_style: true,
            ..Default::default()
        };
        assert_eq!(found_with("zh-CN", "其它选项", &o), vec!["其它"]);
        let o = Options {
            chinese_typos: vec![("帐套".into(), "账套".into())],
            ..Default::default()
        };
        assert_eq!(found_with("zh-CN", "新建帐套", &o), vec!["帐套"]);
    }

    #[test]
    fn flags_doubled_de_but_not_mude() {
        assert_eq!(found("zh-CN", "这是我的的文件"), vec!["的的"]);
        assert!(found("zh-CN", "实现目的的方法").is_empty());
        assert!(found("zh-CN", "的的确确如此").is_empty());
    }

    #[test]
    fn flags_fullwidth_letters_and_digits() {
        assert_eq!(found("zh-CN", "请按Ｆ１键"), vec!["Ｆ１"]);
        let d = run_pair(None, ("zh-CN", "版本２"), None, &Options::default());
        let f = d.iter().find(|d| d.rule == "chinese-typo").unwrap();
        assert_eq!(f.suggestion.as_deref(), Some("2"));
        assert!(f.fix.is_some());
    }

    #[test]
    fn flags_stray_spaces() {
        assert_eq!(found("zh-CN", "打开 文件"), vec![" "]);
        assert_eq!(found("zh-CN", "完成 。"), vec![" "]);
        assert_eq!(found("zh-CN", "（ 可选）"), vec![" "]);
        assert_eq!(found("zh-CN", "完成。 下一步"), vec![" "]);
        assert_eq!(found("zh-CN", "名称\u{3000}描述"), vec!["\u{3000}"]);
        // Columns laid out with ideographic spaces or runs of spaces.
        assert!(found("zh-TW", "已壓縮\u{3000}\u{3000}未壓縮\u{3000}比例").is_empty());
        assert!(found("zh-CN", "字符分隔符      ：%c").is_empty());
    }

    #[test]
    fn leaves_legitimate_spacing_alone() {
        // CJK–Latin spacing is cjk-spacing's; runs of spaces are double-space's.
        assert!(found("zh-CN", "使用 Git 管理").is_empty());
        assert!(found("zh-CN", "打开  文件").is_empty());
        // Indentation with U+3000; a colon followed by a space and a placeholder.
        assert!(found("zh-CN", "\u{3000}\u{3000}第一段").is_empty());
        assert!(found("zh-CN", "用法： %s").is_empty());
        assert!(found("zh-CN", "插入U盘").is_empty());
        assert!(found("en", "open the file").is_empty());
        // Columns of --help output.
        let d = run_pair(
            Some(("en", "  -a, --all    show all")),
            ("zh-CN", "  -a, --all    显示 全部"),
            None,
            &Options::default(),
        );
        assert!(findings_of(&d, "chinese-typo").is_empty());
        // Usage synopses and short labels keep their word spaces.
        let d = run_pair(
            Some(("en", "NAME TYPE [MAJOR MINOR]")),
            ("zh-TW", "名稱 類型 [主裝置號 次裝置號]"),
            None,
            &Options::default(),
        );
        assert!(findings_of(&d, "chinese-typo").is_empty());
        let d = run_pair(
            Some(("en", "Gan Chinese")),
            ("zh-TW", "贛語 漢語"),
            None,
            &Options::default(),
        );
        assert!(findings_of(&d, "chinese-typo").is_empty());
        // A sentence is no label.
        let d = run_pair(
            Some(("en", "but the server was compiled with a different size.")),
            ("zh-CN", "但是 服务器是以不同大小编译的。"),
            None,
            &Options::default(),
        );
        assert_eq!(findings_of(&d, "chinese-typo"), vec![" "]);
    }
}
