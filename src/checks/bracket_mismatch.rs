//! `bracket-mismatch`: unpaired brackets or quotes in the target.

use std::ops::Range;

use super::{Check, Fixable, RuleMeta, SegmentCtx};
use crate::diagnostic::Severity;
use crate::lang::placeholders::{extract, url_spans, Formats};
use crate::segment::Side;

/// The `bracket-mismatch` rule.
pub static BRACKET_MISMATCH: RuleMeta = RuleMeta {
    name: "bracket-mismatch",
    default_severity: Severity::Warning,
    summary: "unpaired brackets or quotes",
    doc: "## What it does\n\
Flags a bracket or quotation mark of the target left without its partner where the source\n\
has its pairs complete (or is unbalanced differently). Full-width and half-width forms are\n\
one kind: `（）` pairs like `()`, `［］`/`【】` like `[]`, and the quotes `“”`, `「」`, `『』`\n\
and `\"` are all quotation marks. Brackets inside placeholders (`%(name)s`, `{count}`) and\n\
URLs do not count.\n\n\
Not flagged: a translation that adds a balanced pair (an expansion such as `（CNCERT/CC）`,\n\
book-title marks `《》`) or drops one (`file(s)` -> `文件`); a list marker `1)` kept as in\n\
the source.\n\n\
## Why\n\
An unclosed bracket or quote is a typo that review rarely catches in a long string.\n\n\
## Example\n\
`Removed %s (was %s).` -> `已移除 %s（曾为 %s。` is flagged at `（`.\n\n\
## Options\n\
None.\n\n\
## Fix safety\n\
No automatic fix.",
    fixable: Fixable::No,
};

/// Checks pairs of brackets and quotes.
pub struct BracketMismatch;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Round,
    Square,
    Curly,
    Title,
    Quote,
    Single,
}

const CLASSES: [Class; 6] = [
    Class::Round,
    Class::Square,
    Class::Curly,
    Class::Title,
    Class::Quote,
    Class::Single,
];

/// (class, opening?) of a bracket or directional quote.
fn kind(c: char) -> Option<(Class, bool)> {
    Some(match c {
        '(' | '（' | '⦅' => (Class::Round, true),
        ')' | '）' | '⦆' => (Class::Round, false),
        '[' | '［' | '【' | '〔' | '〖' => (Class::Square, true),
        ']' | '］' | '】' | '〕' | '〗' => (Class::Square, false),
        '{' | '｛' => (Class::Curly, true),
        '}' | '｝' => (Class::Curly, false),
        '《' | '〈' => (Class::Title, true),
        '》' | '〉' => (Class::Title, false),
        '“' | '「' | '『' | '„' => (Class::Quote, true),
        '”' | '」' | '』' => (Class::Quote, false),
        '‘' => (Class::Single, true),
        '’' => (Class::Single, false),
        _ => return None,
    })
}

#[derive(Debug, Default, Clone)]
struct Balance {
    /// opens minus closes
    net: i32,
    /// the count went below zero at some point
    negative: bool,
    /// first close without an open
    stray_close: Option<Range<usize>>,
    /// opens still unclosed at the end
    open: Vec<Range<usize>>,
    /// ASCII double quotes
    ascii: Vec<Range<usize>>,
}

impl Balance {
    fn balanced(&self, class: Class) -> bool {
        self.net == 0 && !self.negative && (class != Class::Quote || self.ascii.len() % 2 == 0)
    }
}

/// Whether `c` is a mark [`balances`] counts: a bracket, a directional quote or `"`/`＂`.
fn is_mark(c: char) -> bool {
    c == '"' || c == '＂' || kind(c).is_some()
}

/// Whether the byte starts a character [`is_mark`] may accept: an ASCII bracket or quote,
/// or the lead byte of the full-width and CJK marks (0xE2 for U+2000-U+2FFF: `“`, `‘`,
/// `⦅`; 0xE3 for U+3000-U+3FFF: `「`, `【`, `《`; 0xEF for U+F000-U+FFFF: `（`, `＂`).
/// Han characters (lead bytes 0xE4-0xE9) start none: a Chinese text is not decoded
/// character by character for its marks.
fn may_start_mark(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'[' | b']' | b'{' | b'}' | b'"' | 0xE2 | 0xE3 | 0xEF
    )
}

/// [`may_start_mark`] as one expression without branches, which the compiler can apply to
/// sixteen bytes at once.
#[inline]
fn may_start_mark_flat(b: u8) -> bool {
    (b == b'(')
        | (b == b')')
        | (b == b'[')
        | (b == b']')
        | (b == b'{')
        | (b == b'}')
        | (b == b'"')
        | (b == 0xE2)
        | (b == 0xE3)
        | (b == 0xEF)
}

/// The offset of the first byte of `b` at or after `from` that [`may_start_mark`] accepts:
/// blocks of sixteen bytes none of which does are passed over with one vectorised test
/// (most texts hold no mark, and the byte-by-byte search was half of this check's time).
#[inline]
fn next_mark_lead(b: &[u8], from: usize) -> Option<usize> {
    let rest = b.get(from..)?;
    let mut blocks = rest.chunks_exact(16);
    let mut offset = from;
    for block in &mut blocks {
        if block
            .iter()
            .fold(false, |any, &c| any | may_start_mark_flat(c))
        {
            return block
                .iter()
                .position(|&c| may_start_mark(c))
                .map(|p| offset + p);
        }
        offset += 16;
    }
    blocks
        .remainder()
        .iter()
        .position(|&c| may_start_mark(c))
        .map(|p| offset + p)
}

/// The marks of `text` ([`is_mark`]) from byte `from` on, with their offsets, in order.
/// Only the characters whose first byte [`may_start_mark`] accepts are decoded: in a
/// Chinese text, its punctuation, not its Han characters.
fn marks(text: &str, from: usize) -> impl Iterator<Item = (usize, char)> + '_ {
    let b = text.as_bytes();
    let mut at = from;
    std::iter::from_fn(move || {
        while let Some(i) = next_mark_lead(b, at) {
            at = i + 1;
            // `i` is a character boundary: the byte is ASCII or a lead byte.
            let c = text[i..].chars().next()?;
            if is_mark(c) {
                return Some((i, c));
            }
        }
        at = b.len();
        None
    })
}

/// The offset of the first mark [`balances`] counts in `text`, if any.
fn first_mark(text: &str) -> Option<usize> {
    marks(text, 0).next().map(|(i, _)| i)
}

fn balances(text: &str) -> [Balance; 6] {
    let mut out: [Balance; 6] = Default::default();
    // Most texts hold no bracket or quote at all: then there is nothing to count, and the
    // placeholders and URLs (which only hide marks) need not be found.
    let Some(first) = first_mark(text) else {
        return out;
    };
    let mut skip: Vec<Range<usize>> = url_spans(text);
    skip.extend(
        extract(text, &Formats::heuristic())
            .into_iter()
            .map(|p| p.range),
    );
    let skip = crate::lang::protect::SpanSet::new(skip);
    // Every character that is not a mark is passed over below: only the marks are visited.
    for (i, c) in marks(text, first) {
        if c == '"' || c == '＂' {
            if !skip.contains(i) {
                out[4].ascii.push(i..i + c.len_utf8());
            }
            continue;
        }
        let Some((class, open)) = kind(c) else {
            continue;
        };
        if skip.contains(i) {
            continue;
        }
        // `’` between letters is an apostrophe (it’s)
        if c == '’' {
            let prev = text[..i].chars().last();
            let next = text[i + c.len_utf8()..].chars().next();
            if prev.is_some_and(|c| c.is_ascii_alphanumeric())
                && next.is_some_and(|c| c.is_ascii_alphanumeric())
            {
                continue;
            }
        }
        let k = CLASSES.iter().position(|x| *x == class).unwrap_or(0);
        let b = &mut out[k];
        let r = i..i + c.len_utf8();
        if open {
            b.net += 1;
            b.open.push(r);
        } else {
            b.net -= 1;
            if b.open.pop().is_none() {
                b.negative = true;
                b.stray_close.get_or_insert(r);
            }
        }
    }
    out
}

/// Whether ASCII single quotes and backticks (not apostrophes) pair up in `s`, and the
/// text has letters (a source made of one quote character defines the locale's quotes).
fn ascii_quotes_complete(s: &str) -> bool {
    if !s.chars().any(char::is_alphanumeric) {
        return false;
    }
    let b: Vec<char> = s.chars().collect();
    let mut ticks = 0;
    let mut quotes = 0;
    for (i, &c) in b.iter().enumerate() {
        if c == '`' {
            ticks += 1;
        } else if c == '\'' {
            let prev = i.checked_sub(1).map(|k| b[k]);
            let next = b.get(i + 1).copied();
            let apostrophe = prev.is_some_and(|c| c.is_alphanumeric())
                && next.is_some_and(|c| c.is_alphanumeric());
            if !apostrophe {
                quotes += 1;
            }
        }
    }
    if ticks > 0 {
        ticks == quotes
    } else {
        quotes % 2 == 0
    }
}

impl Check for BracketMismatch {
    fn rules(&self) -> &'static [&'static RuleMeta] {
        static RULES: [&RuleMeta; 1] = [&BRACKET_MISMATCH];
        &RULES
    }

    fn check_segment(&self, ctx: &mut SegmentCtx<'_>) {
        if !ctx.enabled(&BRACKET_MISMATCH) {
            return;
        }
        let Some(target) = ctx.target() else { return };
        let t = target.as_str();
        if t.is_empty() {
            return;
        }
        // A target without marks is balanced: nothing to count (and no empty balances to
        // make), as for most.
        if first_mark(t).is_none() {
            return;
        }
        let tb = balances(t);
        // The source only matters for a class the target leaves unbalanced: most targets
        // are balanced, and then the source is not read at all.
        if CLASSES.iter().zip(&tb).all(|(c, b)| b.balanced(*c)) {
            return;
        }
        let sb = ctx.source().map(|s| balances(s.as_str()));
        // Quotes in the source written with ASCII `'` or a backtick (`foo'): the target's
        // quotes are only judged when those are complete too (asked at most once, when a
        // quote class needs it).
        let mut quoting_complete: Option<bool> = None;
        let mut source_quoting_complete = || {
            *quoting_complete.get_or_insert_with(|| {
                ctx.source()
                    .map_or(true, |s| ascii_quotes_complete(s.as_str()))
            })
        };
        let mut found = Vec::new();
        for (k, class) in CLASSES.iter().enumerate() {
            let tbal = &tb[k];
            if tbal.balanced(*class) {
                continue;
            }
            if let Some(sb) = &sb {
                let sbal = &sb[k];
                if *class == Class::Quote || *class == Class::Single {
                    // the source's quotes must be complete for the target's to be judged
                    let s_ok = sbal.balanced(Class::Quote)
                        || (*class == Class::Single && sbal.net == 0 && !sbal.negative);
                    if !s_ok || !source_quoting_complete() {
                        continue;
                    }
                    if *class == Class::Single && sbal.net == 0 && tbal.open.is_empty() {
                        // only closing ’: apostrophes, not quotes
                        continue;
                    }
                } else if sbal.net == tbal.net && sbal.negative == tbal.negative {
                    continue;
                }
            } else if *class == Class::Single && tbal.open.is_empty() {
                continue;
            }
            let (range, what) = if let Some(r) = &tbal.stray_close {
                (r.clone(), "closing mark without an opening one")
            } else if let Some(r) = tbal.open.last() {
                (r.clone(), "opening mark never closed")
            } else if let Some(r) = tbal.ascii.last() {
                (r.clone(), "odd number of `\"`")
            } else {
                continue;
            };
            found.push((range, what));
        }
        for (range, what) in found {
            let mark = &t[range.clone()];
            ctx.report(
                &BRACKET_MISMATCH,
                Side::Target,
                range.clone(),
                format!("`{mark}`: {what}"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::{findings_of, run_pair};
    use crate::config::Options;

    fn found(src: &str, tgt: &str) -> Vec<String> {
        let d = run_pair(Some(("en", src)), ("zh", tgt), None, &Options::default());
        findings_of(&d, "bracket-mismatch")
            .into_iter()
            .map(String::from)
            .collect()
    }

    #[test]
    fn full_and_half_width_pair_up() {
        assert!(found("Removed %s (was %s).", "已移除 %s（曾为 %s）。").is_empty());
        assert!(found("Deleted \"%s\".", "已删除“%s”。").is_empty());
        assert!(found("Deleted \"%s\".", "已删除「%s」。").is_empty());
        assert!(found("[y/N]", "［y/N］").is_empty());
        assert!(found("see (a)", "参见（a)").is_empty());
    }

    #[test]
    fn flags_unpaired_marks() {
        assert_eq!(
            found("Removed %s (was %s).", "已移除 %s（曾为 %s。"),
            vec!["（"]
        );
        assert_eq!(
            found("Removed %s (was %s).", "已移除 %s 曾为 %s）。"),
            vec!["）"]
        );
        assert_eq!(found("Deleted \"%s\".", "已删除“%s。"), vec!["“"]);
        assert_eq!(found("Deleted \"%s\".", "已删除“%s\"。"), vec!["“"]);
        assert_eq!(found("Path [%s]", "路径【%s"), vec!["【"]);
    }

    #[test]
    fn legitimate_differences() {
        // an expansion added in brackets
        assert!(found(
            "Reported by CNCERT/CC.",
            "由国家互联网应急中心（CNCERT/CC）报告。"
        )
        .is_empty());
        // a plural marker dropped
        assert!(found("%d file(s) changed", "%d 个文件被修改").is_empty());
        // the source's own imbalance kept (list markers, split strings)
        assert!(found("a) first option", "a）第一个选项").is_empty());
        // brackets inside placeholders and URLs
        assert!(found("%(name)s done", "%(name)s 完成").is_empty());
        assert!(found(
            "see https://en.wikipedia.org/wiki/Foo_(bar)",
            "参见 https://en.wikipedia.org/wiki/Foo_(bar)"
        )
        .is_empty());
        // apostrophes are not quotes
        assert!(found("It’s done", "It’s 完成").is_empty());
        // book-title marks added
        assert!(found("See the GNU manual", "参见《GNU 手册》").is_empty());
    }

    /// Every character `is_mark` accepts starts with a byte `may_start_mark` accepts (all
    /// of Unicode is tried), so the byte test never hides a mark.
    #[test]
    fn mark_lead_bytes_cover_every_mark() {
        let mut marks = 0;
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            if super::is_mark(c) {
                marks += 1;
                let mut buf = [0u8; 4];
                let lead = c.encode_utf8(&mut buf).as_bytes()[0];
                assert!(super::may_start_mark(lead), "{c:?}");
            }
        }
        assert!(marks > 30, "{marks}");
        // Chinese text without marks is passed over.
        assert_eq!(super::first_mark("中文文本，没有括号。"), None);
        assert_eq!(super::first_mark("中文（括号）"), Some("中文".len()));
    }

    /// `marks` yields exactly the marks a walk over every character finds.
    #[test]
    fn marks_are_the_characters_that_are_marks() {
        for text in [
            "中文（括号）“引号”「引」，。",
            "say \"hi\" (now) [x] {y} ‘q’ it’s",
            "《书名》〈篇〉【注】〔1〕〖2〗⦅3⦆„x”＂y＂［z］｛w｝",
            "",
            "没有",
        ] {
            let want: Vec<(usize, char)> = text
                .char_indices()
                .filter(|&(_, c)| super::is_mark(c))
                .collect();
            assert_eq!(super::marks(text, 0).collect::<Vec<_>>(), want, "{text}");
            for from in (0..=text.len()).filter(|&f| text.is_char_boundary(f)) {
                let tail: Vec<_> = want.iter().copied().filter(|&(i, _)| i >= from).collect();
                assert_eq!(
                    super::marks(text, from).collect::<Vec<_>>(),
                    tail,
                    "{text} {from}"
                );
            }
        }
    }

    /// The block search finds the byte the byte-by-byte search it replaced finds, from
    /// every offset, on every byte value at every lane; the flat test is the plain one.
    #[test]
    fn mark_leads_are_found_like_a_byte_search() {
        for c in 0..=255u8 {
            assert_eq!(
                super::may_start_mark_flat(c),
                super::may_start_mark(c),
                "{c}"
            );
        }
        let naive = |b: &[u8], from: usize| {
            b.get(from..)?
                .iter()
                .position(|&c| super::may_start_mark(c))
                .map(|p| from + p)
        };
        for len in [0, 1, 15, 16, 17, 33, 40] {
            for lane in 0..len {
                for c in [b'(', b'"', b'}', 0xE2, 0xEF, b'a', 0xE4, 0x80] {
                    let mut t = vec![b'x'; len];
                    t[lane] = c;
                    for from in 0..=len + 1 {
                        assert_eq!(
                            super::next_mark_lead(&t, from),
                            naive(&t, from),
                            "{len} {lane} {c} {from}"
                        );
                    }
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn mark_leads_agree_with_a_byte_search(
            t in proptest::collection::vec(
                proptest::prop_oneof![6 => b'a'..=b'z', 3 => 0x80u8..=0xFF, 1 => 0u8..=255], 0..60),
            from in 0usize..62,
        ) {
            let naive = t
                .get(from..)
                .and_then(|r| r.iter().position(|&c| super::may_start_mark(c)))
                .map(|p| from + p);
            proptest::prop_assert_eq!(super::next_mark_lead(&t, from), naive);
        }

        #[test]
        fn marks_agree_with_a_walk_over_every_character(
            text in "[a-z 文，。（）“”「」‘’\"(){}\\[\\]《》＂…—]{0,24}"
        ) {
            let want: Vec<(usize, char)> =
                text.char_indices().filter(|&(_, c)| super::is_mark(c)).collect();
            proptest::prop_assert_eq!(super::marks(&text, 0).collect::<Vec<_>>(), want);
        }
    }
}
