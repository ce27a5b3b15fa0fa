//! `end-punctuation`: the source ends a sentence, question or colon and the target does not.

use std::ops::Range;

use super::{Check, Fixable, RuleMeta, SegmentCtx};
use crate::diagnostic::Severity;
use crate::segment::Side;

/// The `end-punctuation` rule.
pub static END_PUNCTUATION: RuleMeta = RuleMeta {
    name: "end-punctuation",
    default_severity: Severity::Warning,
    summary: "the source ends a sentence/question/colon and the target does not (。 ~ .)",
    doc: "## What it does\n\
Looks at the last punctuation mark of source and target (after trailing spaces, line\n\
breaks, closing quotes and brackets) and flags a target that drops the source's full stop,\n\
question mark, exclamation mark, colon, semicolon or ellipsis. Full-width and half-width\n\
forms are the same mark (`。` = `.`, `？` = `?`, `：` = `:`, `……` = `...`); a full stop\n\
and an exclamation mark may stand for each other.\n\n\
Not flagged: a source ending in an abbreviation (`etc.` -> `等`, `e.g.`), the `...` of\n\
usage syntax (`[OPTION]...`, `FILE...`), a source made of punctuation only.\n\n\
## Why\n\
A dropped full stop or colon is a visible inconsistency in a UI (`Name:` -> `名称`), a\n\
dropped question mark changes the sentence.\n\n\
## Example\n\
`Do you want to continue?` -> `是否继续` is flagged; `是否继续？` is right.\n\n\
## Options\n\
None.\n\n\
## Fix safety\n\
No automatic fix; the suggestion is the target with the mark added.",
    fixable: Fixable::No,
};

/// Compares the final punctuation.
pub struct EndPunctuation;

/// The class of a closing mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum End {
    Stop,
    Question,
    Exclamation,
    Colon,
    Semicolon,
    Ellipsis,
}

impl End {
    fn mark(self, chinese: bool) -> &'static str {
        match (self, chinese) {
            (End::Stop, true) => "。",
            (End::Stop, false) => ".",
            (End::Question, true) => "？",
            (End::Question, false) => "?",
            (End::Exclamation, true) => "！",
            (End::Exclamation, false) => "!",
            (End::Colon, true) => "：",
            (End::Colon, false) => ":",
            (End::Semicolon, true) => "；",
            (End::Semicolon, false) => ";",
            (End::Ellipsis, true) => "……",
            (End::Ellipsis, false) => "...",
        }
    }

    fn accepts(self, other: End) -> bool {
        self == other
            || matches!(
                (self, other),
                (End::Stop, End::Exclamation) | (End::Exclamation, End::Stop)
            )
    }
}

fn is_closer(c: char) -> bool {
    matches!(
        c,
        ')' | '）'
            | ']'
            | '］'
            | '」'
            | '』'
            | '”'
            | '"'
            | '\''
            | '’'
            | '》'
            | '〉'
            | '】'
            | '*'
            | '_'
    )
}

/// The trimmed body end: the byte range of the last non-space, non-closer run, and the
/// final mark class with its byte range.
fn ending(text: &str, quotes_only: bool) -> (usize, Option<(End, Range<usize>)>) {
    let body = text.trim_end();
    let mut end = body.len();
    // strip closing quotes and brackets (`"%s".` and `“%s”。` both end with a stop)
    let mut stripped = body;
    while let Some(c) = stripped.chars().last() {
        if is_closer(c) {
            stripped = &stripped[..stripped.len() - c.len_utf8()];
        } else {
            break;
        }
    }
    // a mark may sit before or after the closers: `(see foo.)` / `(see foo).`
    let check = |s: &str| -> Option<(End, Range<usize>)> {
        if s.ends_with("...") {
            return Some((End::Ellipsis, s.len() - 3..s.len()));
        }
        if s.ends_with("。。。") {
            return Some((End::Ellipsis, s.len() - 9..s.len()));
        }
        let c = s.chars().last()?;
        let r = s.len() - c.len_utf8()..s.len();
        let e = match c {
            '.' | '。' | '．' | '｡' => End::Stop,
            '?' | '？' => End::Question,
            '!' | '！' => End::Exclamation,
            ':' | '：' => End::Colon,
            ';' | '；' => End::Semicolon,
            '…' | '⋯' => End::Ellipsis,
            _ => return None,
        };
        Some((e, r))
    };
    if let Some(e) = check(body) {
        return (end, Some(e));
    }
    if !quotes_only {
        end = stripped.len();
        return (end, check(stripped));
    }
    // the target: a mark inside closing quotes counts (`“完成。”`), one inside closing
    // brackets does not (`[y,n,?]`)
    let mut q = body;
    while let Some(c) = q.chars().last() {
        if matches!(c, '”' | '"' | '\'' | '’' | '」' | '』') {
            q = &q[..q.len() - c.len_utf8()];
        } else {
            break;
        }
    }
    if q.len() < body.len() {
        if let Some(e) = check(q) {
            return (q.len(), Some(e));
        }
    }
    (stripped.len(), None)
}

/// Whether the final mark of `text` sits inside its closing brackets or quotes
/// (`Belgian (alt.)`, `(not on tapes!)`): it belongs to the parenthetical.
fn mark_inside_closers(text: &str) -> bool {
    let body = text.trim_end();
    body.chars().last().is_some_and(is_closer)
}

/// The mark just before a parenthetical the translation appended at its end
/// (`您确定吗？(y/n)`, `……按键。(ctrl-C)`).
fn mark_before_trailing_group(text: &str) -> Option<End> {
    let body = text.trim_end();
    let close = body.chars().last()?;
    let open = match close {
        ')' => '(',
        '）' => '（',
        ']' => '[',
        _ => return None,
    };
    let start = body.rfind(open)?;
    let before = body[..start].trim_end();
    if before.is_empty() {
        return None;
    }
    let group = &body[start..];
    if !group.is_ascii() || group.len() > 24 {
        return None;
    }
    ending(before, true).1.map(|(e, _)| e)
}

const ABBREVIATIONS: &[&str] = &[
    "etc.", "e.g.", "i.e.", "vs.", "approx.", "inc.", "ltd.", "co.", "jr.", "sr.", "misc.",
    "et al.", "cf.", "resp.", "no.", "esp.", "mr.", "mrs.", "ms.", "dr.", "st.", "alt.", "intl.",
    "ext.", "max.", "min.", "var.", "ver.", "vol.", "fig.", "abbr.",
];

/// Whether `source` ends (but for trailing white space) with one of [`ABBREVIATIONS`], in
/// any case, not glued to a letter or digit before it. The end is compared in place, case
/// ignored, instead of lower-casing a copy of the whole source for every one that ends
/// with a full stop.
fn ends_with_abbreviation(source: &str) -> bool {
    let text = source.trim_end();
    ABBREVIATIONS.iter().any(|a| {
        let Some(cut) = text.len().checked_sub(a.len()) else {
            return false;
        };
        // `a` is ASCII: a tail equal to it starts at a character boundary.
        text.as_bytes()[cut..].eq_ignore_ascii_case(a.as_bytes())
            && !text[..cut]
                .chars()
                .last()
                .is_some_and(|c| c.is_alphanumeric())
    })
}

/// Whether the source's final mark is not sentence punctuation: an abbreviation's period,
/// the ellipsis of usage syntax, or a source made of punctuation only.
fn exempt(source: &str, end: End, range: &Range<usize>) -> bool {
    let before = &source[..range.start];
    // Lower-cased only for a full stop, the one ending an abbreviation can explain.
    if end == End::Stop && ends_with_abbreviation(source) {
        return true;
    }
    if end == End::Ellipsis {
        // `[OPTION]...`, `<file>...`, `FILE...`, `ARGS...`
        let prev = before.trim_end_matches(['"', '\'']).chars().last();
        if matches!(prev, Some(']' | '>' | '}' | ')')) {
            return true;
        }
        let word: String = before
            .chars()
            .rev()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
            .collect();
        if word.len() >= 2 && word.chars().all(|c| !c.is_ascii_lowercase()) {
            return true;
        }
        // `param1,param2...`, `--opt=a,b...`: the ellipsis continues a list in code
        let token = before.rsplit(char::is_whitespace).next().unwrap_or("");
        if token.chars().any(|c| matches!(c, ',' | '=' | '/' | '|'))
            || word.ends_with(|c: char| c.is_ascii_digit())
        {
            return true;
        }
    }
    if end == End::Stop {
        // `.` of a path or a file name (`./`, `..`, `a/.`)
        let prev = before.chars().last();
        if matches!(prev, Some('.' | '*')) || before.trim().is_empty() {
            return true;
        }
    }
    // punctuation only (`:`, `...`)
    !source.chars().any(|c| c.is_alphanumeric())
}

impl Check for EndPunctuation {
    fn rules(&self) -> &'static [&'static RuleMeta] {
        static RULES: [&RuleMeta; 1] = [&END_PUNCTUATION];
        &RULES
    }

    fn check_segment(&self, ctx: &mut SegmentCtx<'_>) {
        if !ctx.enabled(&END_PUNCTUATION) {
            return;
        }
        let (Some(source), Some(target)) = (ctx.source(), ctx.target()) else {
            return;
        };
        let (s, t) = (source.as_str(), target.as_str());
        if t.trim().is_empty() {
            return;
        }
        let (_, Some((want, srange))) = ending(s, false) else {
            return;
        };
        if exempt(s, want, &srange) || mark_inside_closers(s) {
            return;
        }
        let (_, got) = ending(t, true);
        if got.as_ref().is_some_and(|(g, _)| want.accepts(*g)) {
            return;
        }
        if mark_before_trailing_group(t).is_some_and(|g| want.accepts(g)) {
            return;
        }
        let chinese = ctx.lang(Side::Target).is_some_and(|l| l.is_cjk())
            || t.chars().any(crate::lang::script::is_han);
        let mark = want.mark(chinese);
        let body = t.trim_end();
        let (range, message) = match got.clone() {
            Some((_, r)) => (
                r.clone(),
                format!(
                    "the source ends with `{}`, the translation with `{}`",
                    &s[srange.clone()],
                    &t[r]
                ),
            ),
            None => {
                let end = body.len();
                let last = body.chars().last().map_or(0, |c| c.len_utf8());
                (
                    end - last..end,
                    format!(
                        "the source ends with `{}`; the translation has no `{}`",
                        &s[srange.clone()],
                        mark
                    ),
                )
            }
        };
        let suggestion = match got {
            Some((_, r)) => format!("{}{}{}", &t[..r.start], mark, &t[r.end..]),
            None => format!("{}{}{}", body, mark, &t[body.len()..]),
        };
        if let Some(d) = ctx.report(&END_PUNCTUATION, Side::Target, range, message) {
            d.suggestion = Some(suggestion.trim_end().to_string());
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::{findings_of, run_pair};
    use crate::config::Options;

    /// The abbreviation test as it was: the whole source lower-cased, then compared.
    fn ends_with_abbreviation_by_copy(source: &str) -> bool {
        let lower = source.trim_end().to_ascii_lowercase();
        let abbreviation = |a: &&str| {
            lower.ends_with(*a)
                && !lower[..lower.len() - a.len()]
                    .chars()
                    .last()
                    .is_some_and(|c| c.is_alphanumeric())
        };
        super::ABBREVIATIONS.iter().any(abbreviation)
    }

    #[test]
    fn abbreviations_are_found_like_the_lowered_copy_finds_them() {
        for a in super::ABBREVIATIONS {
            for before in ["", " ", "x", "X", "中", "中 ", "é", "1", "(", "ÉTC"] {
                for after in ["", " ", "\n", "x"] {
                    for cased in [a.to_string(), a.to_ascii_uppercase(), {
                        let mut c = a.to_string();
                        c[..1].make_ascii_uppercase();
                        c
                    }] {
                        let t = format!("see {before}{cased}{after}");
                        assert_eq!(
                            super::ends_with_abbreviation(&t),
                            ends_with_abbreviation_by_copy(&t),
                            "{t:?}"
                        );
                    }
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn abbreviation_test_agrees_with_the_lowered_copy(
            t in "[a-zA-Z .中é1]{0,6}(etc|e\\.g|i\\.e|ET AL|Vs|no|NO)?\\.?[ \n]?"
        ) {
            proptest::prop_assert_eq!(
                super::ends_with_abbreviation(&t),
                ends_with_abbreviation_by_copy(&t)
            );
        }
    }

    fn flagged(src: &str, tgt: &str) -> usize {
        let d = run_pair(Some(("en", src)), ("zh", tgt), None, &Options::default());
        findings_of(&d, "end-punctuation").len()
    }

    #[test]
    fn full_and_half_width_are_the_same_mark() {
        assert_eq!(flagged("Deleted \"%s\".", "已删除“%s”。"), 0);
        assert_eq!(flagged("Do you want to continue?", "是否继续？"), 0);
        assert_eq!(flagged("Name:", "名称："), 0);
        assert_eq!(flagged("Loading...", "正在加载……"), 0);
        assert_eq!(flagged("Loading...", "正在加载…"), 0);
        assert_eq!(flagged("Loading…", "正在加载..."), 0);
        assert_eq!(flagged("Done.\n", "完成。\n"), 0);
        assert_eq!(flagged("(see the manual.)", "（参见手册。）"), 0);
        assert_eq!(flagged("Removed %s (was %s).", "已移除 %s（曾为 %s）。"), 0);
        assert_eq!(flagged("Could not find it!", "找不到它。"), 0);
    }

    #[test]
    fn flags_dropped_marks() {
        assert_eq!(flagged("Do you want to continue?", "是否继续"), 1);
        assert_eq!(flagged("Name:", "名称"), 1);
        assert_eq!(flagged("The file was deleted.", "文件已删除"), 1);
        assert_eq!(flagged("The file was deleted.", "文件已删除，"), 1);
        assert_eq!(flagged("Are you sure?", "您确定吗。"), 1);
        assert_eq!(
            flagged(
                "URL was not found on the server.",
                "未在服务器上找到该网址，"
            ),
            1
        );
        assert_eq!(
            flagged(
                "Apply this hunk to index [y,n,q,a,d%s,?]? ",
                "将该块应用到索引 [y,n,q,a,d%s,?] "
            ),
            1
        );
        assert_eq!(
            flagged(
                "output '.' (meaning the current directory).",
                "输出 \".\"（表示当前目录）"
            ),
            1
        );
    }

    #[test]
    fn suggests_the_mark() {
        let d = run_pair(
            Some(("en", "Do you want to continue?")),
            ("zh", "是否继续"),
            None,
            &Options::default(),
        );
        let f = d.iter().find(|d| d.rule == "end-punctuation").unwrap();
        assert_eq!(f.suggestion.as_deref(), Some("是否继续？"));
        let d = run_pair(
            Some(("en", "Hunk #%d succeeded at %d (offset %d lines).")),
            ("zh", "块 #%d 成功应用于 %d（偏移 %d 行）"),
            None,
            &Options::default(),
        );
        let f = d.iter().find(|d| d.rule == "end-punctuation").unwrap();
        assert_eq!(
            f.suggestion.as_deref(),
            Some("块 #%d 成功应用于 %d（偏移 %d 行）。")
        );
    }

    #[test]
    fn legitimate_differences() {
        assert_eq!(flagged("images, sounds, etc.", "图像、声音等"), 0);
        assert_eq!(
            flagged(
                "Usage: %s [OPTION]... [FILE]...\n",
                "用法：%s [选项]... [文件]\n"
            ),
            0
        );
        assert_eq!(
            flagged("  or:  %s [OPTION]... FILE...", "  或：%s [选项] 文件"),
            0
        );
        assert_eq!(flagged("Open file", "打开文件。"), 0);
        assert_eq!(flagged(".", "。"), 0);
        assert_eq!(flagged("...", "…"), 0);
        assert_eq!(flagged("Belgian (alt.)", "比利时语（替代）"), 0);
        assert_eq!(flagged("Mr.", "先生"), 0);
        assert_eq!(
            flagged(
                "delete from the archive (not on mag tapes!)",
                "从归档(非磁带！)中删除"
            ),
            0
        );
        assert_eq!(
            flagged(
                "Is this photo correct (y/N/q)? ",
                "这张照片正确吗？(y/N/q) "
            ),
            0
        );
        assert_eq!(
            flagged(
                "synonym for --dirstat=files,param1,param2...",
                "是 --dirstat=files,param1,param2... 的同义词"
            ),
            0
        );
    }
}
