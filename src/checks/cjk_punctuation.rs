//! `cjk-punctuation`: half-width punctuation in Chinese text, full-width punctuation in
//! Latin-script text.

use std::ops::Range;

use super::{Check, Fixable, RuleMeta, SegmentCtx};
use crate::config::Options;
use crate::diagnostic::Applicability;
use crate::diagnostic::Severity;
use crate::lang::protect::{protected_spans_shared, Protected, SharedSpans};
use crate::lang::script::{is_cjk, is_han, next_ascii_punct};
use crate::segment::Side;

/// The `cjk-punctuation` rule.
pub static CJK_PUNCTUATION: RuleMeta = RuleMeta {
    name: "cjk-punctuation",
    default_severity: Severity::Warning,
    summary: "half-width `, . ? ! : ; ( )` in Chinese text, or full-width `，。？！：；（）` in Latin text",
    doc: "## What it does\n\
In Chinese text, flags a half-width `, . ? ! : ; ( )` next to a CJK character (spaces, \
placeholders, URLs and closing quotes aside) and suggests the full-width mark \
(`，。？！：；（）`); `...` becomes `……` and `--` becomes `——`. In Latin-script text \
(an English translation, say), flags a full-width `，。？！：；（）` that is not next to a CJK \
character and suggests the half-width mark.\n\n\
Left alone: marks inside numbers (`3.14`, `1,000`, `10:30`), inside identifiers, URLs, paths, \
placeholders (`%s`, `{0}`), entities (`&amp;`), tags and code spans; accelerator markers \
(`文件(&F)`, `打开(_O)`, `文件(F)`); punctuation between two Latin words of a Latin run \
embedded in Chinese (`支持 png, jpg 等格式`); a `.` right after a digit (`1.` list numbers, \
versions) or right before a letter or digit (`文件.txt`). Half-width parentheses around \
content without any CJK character (`分离头指针(HEAD)`, `(%s)`, `(y/n)`) are accepted: \
this is the common practice of software catalogs and of the Microsoft Chinese style guide \
for English content in parentheses; parentheses around Chinese (`(默认)`) are flagged. \
The curly quotes, ellipsis, dash and middle dot (“ ” ‘ ’ … — ·) are shared by Chinese and \
English and never flagged.\n\n\
## Why\n\
Chinese text takes full-width punctuation; a half-width comma squeezes the next character \
against the previous one and looks like a typing accident. Conversely a `，` in English \
text is a copy-paste leftover from the Chinese source.\n\n\
## Example\n\
`殊不知,无论如何` -> `殊不知，无论如何`; `是否继续?` -> `是否继续？`; \
`Hello，world` -> `Hello, world`.\n\n\
## Options\n\
`cjk-check-source` (default false): also check the source side. The target side is \
always checked when its language is Chinese (half-width marks) or written in Latin script \
(full-width marks).\n\n\
## Fix safety\n\
Safe: `,` -> `，`, `?` -> `？`, `!` -> `！`, `(` `)` -> `（` `）` and the full-width -> \
half-width direction. Unsafe: `.` -> `。` (it may be an abbreviation or part of a name), \
`...` -> `……` and `--` -> `——` (teams differ), `:` -> `：` and `;` -> `；` (as often syntax: \
`do 命令; done`, `键:值`), every fix in `--help` text (lines starting with an option, where \
punctuation may be what the user types), and a `,` between two short items, where the \
enumeration comma `、` may be meant (both are suggested). Marks that are escaped (`\\(`) or \
inside ASCII `[...]`, `{...}` or `<...>` are syntax and are not flagged.",
    fixable: Fixable::Sometimes,
};

/// Finds punctuation of the wrong width.
pub struct CjkPunctuation;

impl Check for CjkPunctuation {
    fn rules(&self) -> &'static [&'static RuleMeta] {
        static RULES: [&RuleMeta; 1] = [&CJK_PUNCTUATION];
        &RULES
    }

    fn check_segment(&self, ctx: &mut SegmentCtx<'_>) {
        for &side in checked_sides(ctx.run.options) {
            let Some(lang) = ctx.lang(side) else { continue };
            let Some(text) = ctx.seg.text(side) else {
                continue;
            };
            let found = if lang.is_chinese() {
                halfwidth_in_chinese(text.as_str())
            } else if lang.uses_latin() {
                fullwidth_in_latin(text.as_str())
            } else {
                continue;
            };
            // In `--help` text (lines that start with an option), punctuation may be
            // syntax the user types (`-S 字节数, --strings`, `组1,组2`): never fix it unseen.
            if found.is_empty() {
                continue;
            }
            // Asked only now: most texts have nothing to report, and the question is a
            // hash lookup (a million-line file asks it a million times).
            if !ctx.enabled(&CJK_PUNCTUATION) {
                return;
            }
            // (Without a `-` no line can start with an option: one SIMD search instead of a
            // walk through the lines.)
            let help_like = memchr::memchr(b'-', text.as_str().as_bytes()).is_some()
                && text
                    .as_str()
                    .lines()
                    .any(|l| l.trim_start().starts_with('-') && l.starts_with(' '));
            for f in found {
                // `;` and `:` are as often syntax (`do 命令; done`, `<所有者:组>`, `键:值`)
                // as punctuation: their fixes need a look.
                let syntax_mark = matches!(&text.as_str()[f.range.clone()], ";" | ":");
                let applicability = if f.safe && !help_like && !syntax_mark {
                    Applicability::Safe
                } else {
                    Applicability::Unsafe
                };
                let fix = ctx.fix(side, f.range.clone(), &f.replacement, applicability);
                if let Some(d) = ctx.report(&CJK_PUNCTUATION, side, f.range, f.message) {
                    d.suggestion = Some(f.replacement);
                    d.note = f.note;
                    d.fix = fix;
                }
            }
        }
    }
}

/// The sides the CJK rules look at: the target, and the source when asked.
pub(super) fn checked_sides(options: &Options) -> &'static [Side] {
    if options.cjk_check_source {
        &[Side::Target, Side::Source]
    } else {
        &[Side::Target]
    }
}

/// One finding, before it is located.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Finding {
    /// Decoded byte range of the mark.
    pub range: Range<usize>,
    /// What replaces it.
    pub replacement: String,
    /// Whether the replacement is safe.
    pub safe: bool,
    /// The message.
    pub message: String,
    /// An extra explanation.
    pub note: Option<String>,
}

/// Protected spans of a text, computed on first use (shared with the other checks of the
/// segment through [`protected_spans_shared`]'s cache).
pub(super) struct Spans<'t> {
    text: &'t str,
    spans: Option<Option<SharedSpans>>,
}

impl<'t> Spans<'t> {
    pub(super) fn new(text: &'t str) -> Self {
        Spans { text, spans: None }
    }

    fn get(&mut self) -> &[(Range<usize>, Protected)] {
        let text = self.text;
        self.spans
            .get_or_insert_with(|| {
                let spans = protected_spans_shared(text)?;
                // (No pattern matches the empty string: never copied.)
                if spans.iter().any(|(r, _)| r.is_empty()) {
                    let kept: Vec<_> = spans
                        .iter()
                        .filter(|(r, _)| !r.is_empty())
                        .cloned()
                        .collect();
                    return (!kept.is_empty()).then(|| kept.into());
                }
                Some(spans)
            })
            .as_deref()
            .unwrap_or(&[])
    }

    /// The protected span containing byte `at`, if any.
    pub(super) fn at(&mut self, at: usize) -> Option<(Range<usize>, Protected)> {
        let spans = self.get();
        let i = spans.partition_point(|(r, _)| r.end <= at);
        spans
            .get(i)
            .filter(|(r, _)| r.start <= at)
            .map(|(r, k)| (r.clone(), *k))
    }
}

/// Opening marks that are looked through when searching forward for the next character.
fn is_opening(c: char) -> bool {
    matches!(
        c,
        '“' | '‘' | '「' | '『' | '《' | '〈' | '（' | '【' | '〔' | '"' | '\''
    )
}

/// Closing marks that are looked through when searching backward.
fn is_closing(c: char) -> bool {
    matches!(
        c,
        '”' | '’' | '」' | '』' | '》' | '〉' | '）' | '】' | '〕' | '"' | '\''
    )
}

/// The previous significant character before byte `i`: spaces, protected spans and
/// closing quotes are looked through; a line break or the start of the text ends the search.
fn prev_sig(
    text: &str,
    mut i: usize,
    spans: &mut Spans<'_>,
    accel: &[Range<usize>],
    through: bool,
) -> Option<char> {
    loop {
        let c = text[..i].chars().next_back()?;
        let start = i - c.len_utf8();
        if c == ' ' || c == '\t' || c == '\u{3000}' || is_closing(c) {
            i = start;
            continue;
        }
        if c == '\n' || c == '\r' {
            return None;
        }
        if let Some(a) = accel.iter().find(|a| a.contains(&start)) {
            i = a.start;
            continue;
        }
        // (The spans are asked only when they are looked through.)
        if through && c.is_ascii() && !c.is_ascii_whitespace() {
            if let Some((r, k)) = spans.at(start) {
                if k != Protected::Identifier {
                    i = r.start;
                    continue;
                }
            }
        }
        return Some(c);
    }
}

/// The next significant character at or after byte `i` (see [`prev_sig`]).
fn next_sig(
    text: &str,
    mut i: usize,
    spans: &mut Spans<'_>,
    accel: &[Range<usize>],
    through: bool,
) -> Option<char> {
    loop {
        let c = text[i..].chars().next()?;
        if c == ' ' || c == '\t' || c == '\u{3000}' || is_opening(c) {
            i += c.len_utf8();
            continue;
        }
        if c == '\n' || c == '\r' {
            return None;
        }
        if let Some(a) = accel.iter().find(|a| a.contains(&i)) {
            i = a.end;
            continue;
        }
        if through && c.is_ascii() {
            if let Some((r, k)) = spans.at(i) {
                if k != Protected::Identifier {
                    i = r.end;
                    continue;
                }
            }
        }
        return Some(c);
    }
}

fn cjk(c: Option<char>) -> bool {
    c.is_some_and(is_cjk)
}

/// Part of a token: an ASCII letter or digit, `_`, `%` or a closing/opening brace of a
/// placeholder.
fn tokenish(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '}' | '{' | '%' | '$'))
}

/// Accelerator markers: `(&F)`, `(_F)`, `(F)` after a CJK character, and their ranges
/// (both parentheses included).
fn accelerators(text: &str) -> Vec<Range<usize>> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(k) = memchr::memchr(b'(', &b[i..]) {
        i += k;
        let mut j = i + 1;
        let marked = matches!(b.get(j), Some(b'&' | b'_'));
        if marked {
            j += 1;
        }
        if b.get(j).is_some_and(|c| c.is_ascii_alphanumeric()) && b.get(j + 1) == Some(&b')') {
            let after_cjk = text[..i]
                .trim_end_matches(' ')
                .chars()
                .next_back()
                .is_some_and(|c| is_cjk(c) || c == '…');
            if marked || after_cjk {
                out.push(i..j + 2);
                i = j + 2;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// The half-width marks [`halfwidth_in_chinese`] looks at.
fn is_mark(b: u8) -> bool {
    matches!(
        b,
        b',' | b'.' | b'?' | b'!' | b':' | b';' | b'(' | b')' | b'-'
    )
}

/// The offset of the first half-width mark at or after `from`, runs of Chinese, letters
/// and spaces skipped eight bytes at a time (every mark is in 0x21..=0x3F).
fn next_mark(bytes: &[u8], from: usize) -> Option<usize> {
    let at = next_ascii_punct(bytes, from, is_mark);
    (at < bytes.len()).then_some(at)
}

/// Half-width punctuation that Chinese text should write full-width.
pub(crate) fn halfwidth_in_chinese(text: &str) -> Vec<Finding> {
    let mut out = Vec::new();
    // Fast path: nothing to flag without a CJK character and an ASCII mark.
    if text.is_ascii() {
        return out;
    }
    let bytes = text.as_bytes();
    let Some(first_mark) = next_mark(bytes, 0) else {
        return out;
    };
    if !text.chars().any(is_cjk) {
        return out;
    }
    let mut spans = Spans::new(text);
    let accel = accelerators(text);
    let in_accel = |i: usize| accel.iter().any(|a| a.contains(&i));
    // A usage synopsis (`%s [选项]... 文件...`): its `...` mean repetition. Asked only
    // about an ellipsis (two substring searches of the whole text otherwise).
    let synopsis = || text.contains("]...") || text.contains(">...");
    let mut parens: Vec<usize> = Vec::new();
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    let mut wide_spans = None;
    let parens_matter = parens_may_pair_around_cjk(text, &accel);
    // No mark before the first one.
    let mut i = first_mark;
    while i < bytes.len() {
        let b = bytes[i];
        if !is_mark(b) {
            // Nothing happens before the next mark.
            i = next_mark(bytes, i + 1).unwrap_or(bytes.len());
            continue;
        }
        if in_accel(i) {
            i += 1;
            continue;
        }
        // A single `, . ? ! : ;` is judged before asking whether it lies in a protected
        // span (the spans are a regex search, and most marks are not flagged: inside a
        // token, mentioned, or already decided by their neighbours); see `judge_single`.
        let single = matches!(b, b',' | b'?' | b'!' | b':' | b';')
            || (b == b'.' && bytes.get(i + 1) != Some(&b'.'));
        if single {
            if judge_single(text, i, b, &mut spans, &accel)
                && (bounded_outside_spans(text, i, &mut wide_spans) || spans.at(i).is_none())
            {
                out.push(mark_finding(text, i, b as char));
            }
            i += 1;
            continue;
        }
        // A lone `-` is never flagged, nor a `--` inside a token (`--help`, `a--b`): in a
        // protected span or not, the loop goes on after it (see the run test below).
        if b == b'-' {
            let next = bytes.get(i + 1).copied();
            if next != Some(b'-') {
                i += 1;
                continue;
            }
            if bytes.get(i + 2) != Some(&b'-')
                && (tokenish(text[..i].chars().next_back())
                    || tokenish(text[i + 2..].chars().next()))
            {
                i += 2;
                continue;
            }
        }
        // Parentheses are paired only to flag pairs around Chinese: without any, they
        // need no spans either.
        if (b == b'(' || b == b')') && !parens_matter {
            i += 1;
            continue;
        }
        if spans.at(i).is_some() {
            i += 1;
            continue;
        }
        let prev_imm = text[..i].chars().next_back();
        // Runs: `...` and `--`.
        if b == b'.' || b == b'-' {
            let run = bytes[i..].iter().take_while(|&&c| c == b).count();
            if b == b'.' && run >= 3 || b == b'-' && run == 2 {
                let next_imm = text[i + run..].chars().next();
                let p = prev_sig(text, i, &mut spans, &accel, true);
                let n = next_sig(text, i + run, &mut spans, &accel, true);
                let glued = (b == b'-' && (tokenish(prev_imm) || tokenish(next_imm)))
                    // Repetition in a synopsis: `<文件>...`, `[选项]... 文件...`; a mention.
                    || (b == b'.'
                        && (matches!(prev_imm, Some('>' | ']'))
                            || next_imm == Some(']')
                            || synopsis()
                            || (matches!(prev_imm, None | Some(' '))
                                && matches!(next_imm, None | Some(' ')))));
                if !glued && (cjk(p) || cjk(n)) && (b == b'.' || (cjk(p) && cjk(n))) {
                    let (repl, name) = if b == b'.' {
                        ("……", "ellipsis")
                    } else {
                        ("——", "dash")
                    };
                    out.push(Finding {
                        range: i..i + run,
                        replacement: repl.into(),
                        safe: false,
                        message: format!(
                            "ASCII {name} `{}` in Chinese text; Chinese writes `{repl}`",
                            &text[i..i + run]
                        ),
                        note: None,
                    });
                }
            }
            if run > 1 || b == b'-' {
                i += run;
                continue;
            }
        }
        // (Single marks were judged above, and runs went on past themselves.)
        match b {
            b'(' => parens.push(i),
            b')' => {
                if let Some(o) = parens.pop() {
                    pairs.push((o, i));
                }
            }
            _ => {}
        }
        i += 1;
    }
    for (o, c) in pairs {
        let inner = &text[o + 1..c];
        // `((`, `))`: shell arithmetic and other syntax.
        let doubled = bytes.get(o + 1) == Some(&b'(')
            || (o > 0 && bytes[o - 1] == b'(')
            || bytes.get(c + 1) == Some(&b')')
            || bytes[c - 1] == b')';
        if doubled || !inner.chars().any(is_cjk) {
            // A Latin run in parentheses: `(HEAD)`, `(%s)`, `(y/n)`: accepted.
            continue;
        }
        for (at, ch, repl) in [(o, "(", "（"), (c, ")", "）")] {
            out.push(Finding {
                range: at..at + 1,
                replacement: repl.into(),
                safe: true,
                message: [
                    "half-width `",
                    ch,
                    "` around Chinese text; use `",
                    repl,
                    "`",
                ]
                .concat(),
                note: None,
            });
        }
    }
    out.sort_by_key(|f| f.range.start);
    out.retain(|f| !in_syntax(text, f.range.start));
    out
}

/// Whether a protected span of `bytes` may hold non-ASCII characters other than those of
/// a URL: only code (`` ` ``), tags (`<`), brace placeholders (`{`) and option values
/// (`=`) can hold any character; every other pattern but the URL one matches ASCII
/// alone.
fn may_span_non_ascii(bytes: &[u8]) -> bool {
    bytes
        .iter()
        .any(|&b| matches!(b, b'`' | b'<' | b'{' | b'='))
}

/// Whether the single-byte mark at `i` lies outside every protected span, as told by its
/// neighbours alone (`false`: ask the spans). Where no span can hold any character
/// (`wide_spans`, [`may_span_non_ascii`] of the text asked on first use, false), a span holds no Han character, no
/// `“ ” ‘ ’ ， 。 、 （ ）` and no whitespace beyond ASCII (URLs exclude them, and the other
/// patterns are ASCII): between two such characters, or the ends of the text, a span
/// holding the mark would be the mark alone, and every pattern needs two characters.
fn bounded_outside_spans(text: &str, i: usize, wide_spans: &mut Option<bool>) -> bool {
    if *wide_spans.get_or_insert_with(|| may_span_non_ascii(text.as_bytes())) {
        return false;
    }
    let bound = |c: Option<char>| {
        c.map_or(true, |c| {
            !c.is_ascii()
                && (is_han(c)
                    || c.is_whitespace()
                    || matches!(c, '“' | '”' | '‘' | '’' | '，' | '。' | '、' | '（' | '）'))
        })
    };
    bound(text[..i].chars().next_back()) && bound(text[i + 1..].chars().next())
}

/// Whether some `(` of `text` before some `)` (neither in an accelerator) has a CJK
/// character between them: without one, no pair the loop could make is flagged.
fn parens_may_pair_around_cjk(text: &str, accel: &[Range<usize>]) -> bool {
    let bytes = text.as_bytes();
    let free = |i: &usize| !accel.iter().any(|a| a.contains(i));
    let Some(open) = memchr::memchr_iter(b'(', bytes).find(free) else {
        return false;
    };
    let Some(close) = memchr::memrchr_iter(b')', bytes).find(free) else {
        return false;
    };
    open < close && text[open + 1..close].chars().any(is_cjk)
}

/// Whether the single mark `b` (`, . ? ! : ;`, a `.` not followed by another) at byte `i`
/// is flagged, provided it lies outside every protected span (which the caller asks only
/// when this says yes). The tests are those of the original loop, cheapest first; each
/// one can only say no, so their order does not change the answer, and [`prev_sig`] and
/// [`next_sig`] (which may need the spans) are asked last.
fn judge_single(
    text: &str,
    i: usize,
    b: u8,
    spans: &mut Spans<'_>,
    accel: &[Range<usize>],
) -> bool {
    let prev_imm = text[..i].chars().next_back();
    let next_imm = text[i + 1..].chars().next();
    // Inside a token: 3.14, 1,000, 10:30, a.b, %d,%d.
    if tokenish(prev_imm) && tokenish(next_imm) {
        return false;
    }
    // A mark standing alone between spaces or quoted is mentioned, not used:
    // `启用 ! 风格`, `放置一个 ":" 到`.
    let alone = |c: Option<char>| matches!(c, None | Some(' ' | '\t'));
    let quote = |c: Option<char>| matches!(c, Some('"' | '\'' | '“' | '”' | '‘' | '’'));
    if (alone(prev_imm) && alone(next_imm)) || (quote(prev_imm) && quote(next_imm)) {
        return false;
    }
    // Sentence-final marks look through placeholders and URLs (`是否删除 %s?`); the
    // others must touch the Chinese text (spaces aside).
    let through = matches!(b, b'.' | b'?' | b'!');
    let mut p = || cjk(prev_sig(text, i, spans, accel, through));
    match b {
        b',' | b';' | b'?' | b'!' => {
            next_imm != Some('=')
                // Regular-expression syntax: `(?`, `(?-`.
                && prev_imm != Some('(')
                && (p() || cjk(next_sig(text, i + 1, spans, accel, through)))
        }
        b':' => {
            // `prog: 消息`, `%s: 未找到`: the Latin `label: message` form keeps its colon.
            let latin_label = (tokenish(prev_imm) || matches!(prev_imm, Some('"' | '\'')))
                && next_imm == Some(' ');
            !matches!(next_imm, Some('/' | '\\' | ':'))
                && prev_imm != Some(':')
                && (p() || (!latin_label && cjk(next_sig(text, i + 1, spans, accel, through))))
        }
        b'.' => {
            !prev_imm.is_some_and(|c| c.is_ascii_digit())
                && !next_imm.is_some_and(|c| {
                    c.is_ascii_alphanumeric() || matches!(c, '_' | '%' | '{' | '$')
                })
                && p()
        }
        _ => false,
    }
}

/// Whether the mark at byte `at` is syntax rather than Chinese punctuation: escaped (`\(` in
/// a regular expression), inside ASCII `[...]` or `{...}` (optional arguments, brace lists:
/// `[,字段]`, `{separate（默认）,prepend}`), or a parenthesis padded with spaces inside, as
/// in command synopses (`( 表达式 )`). Rewriting these would change what the text means.
fn in_syntax(text: &str, at: usize) -> bool {
    let bytes = text.as_bytes();
    if at > 0 && bytes[at - 1] == b'\\' {
        return true;
    }
    match bytes[at] {
        b'(' if bytes.get(at + 1) == Some(&b' ') => return true,
        b')' if at > 0 && bytes[at - 1] == b' ' => return true,
        _ => {}
    }
    // Unclosed ASCII `[`/`{` before `at` on the same line, closed after it.
    let line_start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |i| i + 1);
    let line_end = memchr::memchr(b'\n', &bytes[at..]).map_or(text.len(), |i| at + i);
    let mut depth: i32 = 0;
    for &b in &bytes[line_start..at] {
        match b {
            b'[' | b'{' | b'<' => depth += 1,
            b']' | b'}' | b'>' => depth = (depth - 1).max(0),
            _ => {}
        }
    }
    depth > 0
        && bytes[at..line_end]
            .iter()
            .any(|&b| b == b']' || b == b'}' || b == b'>')
}

fn mark_finding(text: &str, i: usize, ch: char) -> Finding {
    let repl = match ch {
        ',' => "，",
        '.' => "。",
        '?' => "？",
        '!' => "！",
        ':' => "：",
        _ => "；",
    };
    let mut safe = ch != '.';
    let mut note = None;
    let mut replacement = repl.to_string();
    if ch == ',' && list_like(text, i) {
        safe = false;
        replacement = "、".into();
        note = Some(
            "between short items the enumeration comma `、` is likely meant; otherwise use `，`"
                .into(),
        );
    }
    let message = if replacement == "、" {
        "half-width `,` between list items in Chinese text; use `、` (or `，`)".to_string()
    } else {
        let mut m = String::with_capacity(48);
        m.push_str("half-width `");
        m.push(ch);
        m.push_str("` in Chinese text; use `");
        m.push_str(repl);
        m.push('`');
        m
    };
    Finding {
        range: i..i + 1,
        replacement,
        safe,
        message,
        note,
    }
}

/// Whether the comma at byte `i` separates two short items of an enumeration
/// (`苹果,香蕉,橙子`, `石油,天然气等`).
fn list_like(text: &str, i: usize) -> bool {
    let before: Vec<char> = text[..i]
        .trim_end_matches(' ')
        .chars()
        .rev()
        .take_while(|&c| is_cjk(c))
        .collect();
    let after_str = text[i + 1..].trim_start_matches(' ');
    let after: Vec<char> = after_str.chars().take_while(|&c| is_cjk(c)).collect();
    if before.is_empty() || after.is_empty() || before.len() > 4 || after.len() > 6 {
        return false;
    }
    // What lies beyond each item.
    let before_str = text[..i].trim_end_matches(' ');
    let far_before = before_str
        [..before_str.len() - before.iter().map(|c| c.len_utf8()).sum::<usize>()]
        .trim_end_matches(' ')
        .chars()
        .next_back();
    let rest = &after_str[after.iter().map(|c| c.len_utf8()).sum::<usize>()..];
    let far_after = rest.trim_start_matches(' ').chars().next();
    let sep = |c: Option<char>| matches!(c, Some(',' | '、' | '，'));
    let after_item: String = after.iter().collect();
    let ends_enum = ["等", "和", "及", "与", "或"]
        .iter()
        .any(|w| after_item.len() > w.len() && after_item.ends_with(w));
    (before.len() <= 3 && after.len() <= 3 && (sep(far_before) || sep(far_after))) || ends_enum
}

/// Full-width punctuation in Latin-script text.
pub(crate) fn fullwidth_in_latin(text: &str) -> Vec<Finding> {
    let mut out = Vec::new();
    if text.is_ascii() {
        return out;
    }
    let mut spans = Spans::new(text);
    for (i, c) in text.char_indices() {
        let half = match c {
            '，' => ',',
            '。' => '.',
            '？' => '?',
            '！' => '!',
            '：' => ':',
            '；' => ';',
            '（' => '(',
            '）' => ')',
            _ => continue,
        };
        let end = i + c.len_utf8();
        let p = prev_sig(text, i, &mut spans, &[], true);
        let n = next_sig(text, end, &mut spans, &[], true);
        if cjk(p) || cjk(n) {
            continue;
        }
        let latin = |c: Option<char>| {
            c.is_some_and(|c| c.is_alphanumeric() || c.is_ascii_punctuation() || c == '”')
        };
        if !(latin(p) || latin(n)) {
            continue;
        }
        if c == '（' || c == '）' {
            // Parentheses around or next to CJK content belong to the CJK text.
            let cjk_pair = if c == '（' {
                let inner = text[end..].split('）').next().unwrap_or("");
                inner.chars().any(is_cjk)
                    || text[end..].find('）').is_some_and(|k| {
                        cjk(next_sig(
                            text,
                            end + k + '）'.len_utf8(),
                            &mut spans,
                            &[],
                            true,
                        ))
                    })
            } else {
                let inner = text[..i].rsplit('（').next().unwrap_or("");
                inner.chars().any(is_cjk)
                    || text[..i]
                        .rfind('（')
                        .is_some_and(|k| cjk(prev_sig(text, k, &mut spans, &[], true)))
            };
            if cjk_pair {
                continue;
            }
        }
        let prev_imm = text[..i].chars().next_back();
        let next_imm = text[end..].chars().next();
        let mut replacement = String::new();
        if half == '(' && prev_imm.is_some_and(|c| c.is_alphanumeric()) {
            replacement.push(' ');
        }
        replacement.push(half);
        if half != '(' && next_imm.is_some_and(|c| c.is_alphanumeric()) {
            replacement.push(' ');
        }
        out.push(Finding {
            range: i..end,
            message: format!("full-width `{c}` in Latin-script text; use `{half}`"),
            replacement,
            safe: true,
            note: None,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::testing::{findings_of, run_pair};

    fn zh(text: &str) -> Vec<String> {
        let d = run_pair(None, ("zh-CN", text), None, &Options::default());
        findings_of(&d, "cjk-punctuation")
            .into_iter()
            .map(String::from)
            .collect()
    }

    fn zh_suggestions(text: &str) -> Vec<(String, String, bool)> {
        halfwidth_in_chinese(text)
            .into_iter()
            .map(|f| (text[f.range].to_string(), f.replacement, f.safe))
            .collect()
    }

    fn en(text: &str) -> Vec<(String, String)> {
        let d = run_pair(
            Some(("zh", "中文")),
            ("en", text),
            None,
            &Options::default(),
        );
        d.iter()
            .filter(|d| d.rule == "cjk-punctuation")
            .map(|d| (d.text.to_string(), d.suggestion.clone().unwrap_or_default()))
            .collect()
    }

    /// [`halfwidth_in_chinese`] as it was, every mark asked about the protected spans
    /// first: the oracle of its tests.
    fn halfwidth_in_chinese_reference(text: &str) -> Vec<Finding> {
        let mut out = Vec::new();
        // Fast path: nothing to flag without a CJK character and an ASCII mark.
        if text.is_ascii() {
            return out;
        }
        let bytes = text.as_bytes();
        let Some(first_mark) = next_mark(bytes, 0) else {
            return out;
        };
        if !text.chars().any(is_cjk) {
            return out;
        }
        let mut spans = Spans::new(text);
        let accel = accelerators(text);
        let in_accel = |i: usize| accel.iter().any(|a| a.contains(&i));
        // A usage synopsis (`%s [选项]... 文件...`): its `...` mean repetition. Asked only
        // about an ellipsis (two substring searches of the whole text otherwise).
        let synopsis = || text.contains("]...") || text.contains(">...");
        let mut parens: Vec<usize> = Vec::new();
        let mut pairs: Vec<(usize, usize)> = Vec::new();
        // No mark before the first one.
        let mut i = first_mark;
        while i < bytes.len() {
            let b = bytes[i];
            if !is_mark(b) {
                // Nothing happens before the next mark.
                i = next_mark(bytes, i + 1).unwrap_or(bytes.len());
                continue;
            }
            if in_accel(i) || spans.at(i).is_some() {
                i += 1;
                continue;
            }
            let prev_imm = text[..i].chars().next_back();
            // Runs: `...` and `--`.
            if b == b'.' || b == b'-' {
                let run = bytes[i..].iter().take_while(|&&c| c == b).count();
                if b == b'.' && run >= 3 || b == b'-' && run == 2 {
                    let next_imm = text[i + run..].chars().next();
                    let p = prev_sig(text, i, &mut spans, &accel, true);
                    let n = next_sig(text, i + run, &mut spans, &accel, true);
                    let glued = (b == b'-' && (tokenish(prev_imm) || tokenish(next_imm)))
                        // Repetition in a synopsis: `<文件>...`, `[选项]... 文件...`; a mention.
                        || (b == b'.'
                            && (matches!(prev_imm, Some('>' | ']'))
                                || next_imm == Some(']')
                                || synopsis()
                                || (matches!(prev_imm, None | Some(' '))
                                    && matches!(next_imm, None | Some(' ')))));
                    if !glued && (cjk(p) || cjk(n)) && (b == b'.' || (cjk(p) && cjk(n))) {
                        let (repl, name) = if b == b'.' {
                            ("……", "ellipsis")
                        } else {
                            ("——", "dash")
                        };
                        out.push(Finding {
                            range: i..i + run,
                            replacement: repl.into(),
                            safe: false,
                            message: format!(
                                "ASCII {name} `{}` in Chinese text; Chinese writes `{repl}`",
                                &text[i..i + run]
                            ),
                            note: None,
                        });
                    }
                }
                if run > 1 || b == b'-' {
                    i += run;
                    continue;
                }
            }
            let next_imm = text[i + 1..].chars().next();
            match b {
                b'(' => {
                    parens.push(i);
                    i += 1;
                    continue;
                }
                b')' => {
                    if let Some(o) = parens.pop() {
                        pairs.push((o, i));
                    }
                    i += 1;
                    continue;
                }
                _ => {}
            }
            // Inside a token: 3.14, 1,000, 10:30, a.b, %d,%d.
            let glued = tokenish(prev_imm) && tokenish(next_imm);
            // Sentence-final marks look through placeholders and URLs (`是否删除 %s?`); the
            // others must touch the Chinese text (spaces aside).
            let through = matches!(b, b'.' | b'?' | b'!');
            let p = prev_sig(text, i, &mut spans, &accel, through);
            let n = next_sig(text, i + 1, &mut spans, &accel, through);
            // A mark standing alone between spaces or quoted is mentioned, not used:
            // `启用 ! 风格`, `放置一个 ":" 到`.
            let alone = |c: Option<char>| matches!(c, None | Some(' ' | '\t'));
            let quote = |c: Option<char>| matches!(c, Some('"' | '\'' | '“' | '”' | '‘' | '’'));
            if (alone(prev_imm) && alone(next_imm)) || (quote(prev_imm) && quote(next_imm)) {
                i += 1;
                continue;
            }
            let flag = match b {
                b',' | b';' | b'?' | b'!' => {
                    !glued
                        && (cjk(p) || cjk(n))
                        && next_imm != Some('=')
                        // Regular-expression syntax: `(?`, `(?-`.
                        && prev_imm != Some('(')
                }
                b':' => {
                    // `prog: 消息`, `%s: 未找到`: the Latin `label: message` form keeps its colon.
                    let latin_label = (tokenish(prev_imm) || matches!(prev_imm, Some('"' | '\'')))
                        && next_imm == Some(' ');
                    !glued
                        && (cjk(p) || (cjk(n) && !latin_label))
                        && !matches!(next_imm, Some('/' | '\\' | ':'))
                        && prev_imm != Some(':')
                }
                b'.' => {
                    !glued
                        && !prev_imm.is_some_and(|c| c.is_ascii_digit())
                        && !next_imm.is_some_and(|c| {
                            c.is_ascii_alphanumeric() || matches!(c, '_' | '%' | '{' | '$')
                        })
                        && cjk(p)
                }
                _ => false,
            };
            if flag {
                out.push(mark_finding(text, i, b as char));
            }
            i += 1;
        }
        for (o, c) in pairs {
            let inner = &text[o + 1..c];
            // `((`, `))`: shell arithmetic and other syntax.
            let doubled = bytes.get(o + 1) == Some(&b'(')
                || (o > 0 && bytes[o - 1] == b'(')
                || bytes.get(c + 1) == Some(&b')')
                || bytes[c - 1] == b')';
            if doubled || !inner.chars().any(is_cjk) {
                // A Latin run in parentheses: `(HEAD)`, `(%s)`, `(y/n)`: accepted.
                continue;
            }
            for (at, ch, repl) in [(o, "(", "（"), (c, ")", "）")] {
                out.push(Finding {
                    range: at..at + 1,
                    replacement: repl.into(),
                    safe: true,
                    message: [
                        "half-width `",
                        ch,
                        "` around Chinese text; use `",
                        repl,
                        "`",
                    ]
                    .concat(),
                    note: None,
                });
            }
        }
        out.sort_by_key(|f| f.range.start);
        out.retain(|f| !in_syntax(text, f.range.start));
        out
    }
    /// Single marks judged before the protected spans are asked about find what the
    /// original order found, on texts mixing marks, Chinese, placeholders, URLs, code,
    /// paths, accelerators and parentheses.
    #[test]
    fn single_marks_judged_first_agree_with_the_original_order() {
        let pieces = [
            "中文",
            "汉",
            ",",
            ".",
            "...",
            "--",
            "-",
            "?",
            "!",
            ":",
            ";",
            "(",
            ")",
            "(&F)",
            "(E)",
            "%s",
            "%d",
            " ",
            "\"",
            "'",
            "“",
            "”",
            "a",
            "1",
            "3.14",
            "x_y",
            "=",
            "https://example.org/a,b",
            "`a, b`",
            "<a href=\"x,y\">",
            "{0,数字}",
            "--opt=值,",
            "/etc/a.conf",
            "file.txt",
            "[",
            "]",
            "<",
            ">",
            "{",
            "}",
            "\\",
            "：",
            "，",
            "\n",
            "-n,",
            "é",
            "かな",
            "&amp;",
            "core.x",
            "a@b.org",
        ];
        let texts = crate::checks::testing::generated_texts(&pieces, 7, 20000, 23);
        for t in texts.iter().map(String::as_str).chain([SEED]) {
            assert_eq!(
                halfwidth_in_chinese(t),
                halfwidth_in_chinese_reference(t),
                "{t:?}"
            );
        }
    }

    const SEED: &str = "殊不知,无论一些美西方国家如何虚张声势,都无法掩盖“贼喊捉贼”的本质。中国是网络攻击的主要受害国之一。中国国家互联网应急中心数据显示,2020年位于境外的约5.2万个计算机恶意程序控制服务器,控制了中国境内约531万台主机,就控制中国境内主机数量来看,美国及其北约盟国分列前三位。此外,美国中央情报局的网络攻击组织APT-C-39,曾对中国航空航天科研机构、石油行业、大型互联网公司以及政府机构等关键领域进行了长达11年的网络渗透攻击。";

    /// The mark search skipping runs of Chinese finds every mark a byte scan finds.
    #[test]
    fn mark_search_finds_every_mark() {
        let pieces = [
            "中文字符测试",
            "汉",
            ",",
            ".",
            "...",
            "--",
            "(",
            ")",
            "a",
            " ",
            "é",
            "：",
            "?!;",
        ];
        for t in crate::checks::testing::generated_texts(&pieces, 5, 3000, 11) {
            let b = t.as_bytes();
            for from in 0..=b.len() {
                let naive = (from..b.len()).find(|&i| is_mark(b[i]));
                assert_eq!(next_mark(b, from), naive, "{t:?} {from}");
            }
        }
    }

    #[test]
    fn seed_paragraph_has_eight_ascii_commas() {
        let f = zh(SEED);
        assert_eq!(f, vec![","; 8]);
        assert!(zh_suggestions(SEED)
            .iter()
            .all(|(_, r, safe)| r == "，" && *safe));
    }

    #[test]
    fn flags_marks_next_to_chinese() {
        assert_eq!(zh("是否继续?"), vec!["?"]);
        assert_eq!(zh("太好了!"), vec!["!"]);
        assert_eq!(zh("用法:"), vec![":"]);
        assert_eq!(zh("第一步;第二步"), vec![";"]);
        assert_eq!(zh("文件已删除."), vec!["."]);
        assert_eq!(zh("选项(默认)"), vec!["(", ")"]);
        assert_eq!(zh("错误:%s"), vec![":"]);
    }

    #[test]
    fn looks_through_placeholders_spaces_and_quotes() {
        assert_eq!(zh("是否删除 %s?"), vec!["?"]);
        assert_eq!(zh("无法打开“%s”,请重试"), vec![","]);
        assert_eq!(zh("请访问 https://example.org/x."), vec!["."]);
        assert_eq!(zh("支持 GNU, 以及其他"), vec![","]);
    }

    #[test]
    fn suggests_full_width_marks() {
        assert_eq!(
            zh_suggestions("是否继续?"),
            vec![("?".into(), "？".into(), true)]
        );
        assert_eq!(
            zh_suggestions("文件已删除."),
            vec![(".".into(), "。".into(), false)]
        );
        assert_eq!(
            zh_suggestions("正在加载..."),
            vec![("...".into(), "……".into(), false)]
        );
        assert_eq!(
            zh_suggestions("中国--美国"),
            vec![("--".into(), "——".into(), false)]
        );
    }

    #[test]
    fn list_items_suggest_the_enumeration_comma_unsafely() {
        let s = zh_suggestions("苹果,香蕉,橙子");
        assert_eq!(s.len(), 2);
        assert!(s.iter().all(|(_, r, safe)| r == "、" && !safe));
        let f = halfwidth_in_chinese("石油,天然气等");
        assert_eq!(f[0].replacement, "、");
        assert!(f[0].note.as_deref().unwrap().contains('，'));
        // A clause comma is not a list.
        assert_eq!(
            zh_suggestions("殊不知,无论如何,组织"),
            vec![
                (",".into(), "，".into(), true),
                (",".into(), "，".into(), true)
            ]
        );
        assert_eq!(
            zh_suggestions("殊不知,无论如何"),
            vec![(",".into(), "，".into(), true)]
        );
    }

    #[test]
    fn leaves_numbers_alone() {
        assert!(zh("圆周率约为3.14").is_empty());
        assert!(zh("共1,000个文件").is_empty());
        assert!(zh("会议在10:30开始").is_empty());
        assert!(zh("版本 2.0 已发布").is_empty());
        assert!(zh("1.安装软件").is_empty());
        assert!(zh("共 %d.%d 个").is_empty());
    }

    #[test]
    fn leaves_code_urls_paths_and_placeholders_alone() {
        assert!(zh("请访问 https://example.org/a,b?c=1 获取").is_empty());
        assert!(zh("配置文件位于 /etc/foo.conf 中").is_empty());
        assert!(zh("运行 `git commit -m \"a, b\"` 提交").is_empty());
        assert!(zh("打开 file.txt 文件").is_empty());
        assert!(zh("打开文件.txt").is_empty());
        assert!(zh("汤姆&amp;杰瑞").is_empty());
        assert!(zh("设置 core.autocrlf 选项").is_empty());
        assert!(zh("使用 --amend 选项").is_empty());
        assert!(zh("作者:a@b.org").len() == 1);
    }

    #[test]
    fn leaves_accelerators_alone() {
        assert!(zh("文件(&F)").is_empty());
        assert!(zh("打开(_O)").is_empty());
        assert!(zh("编辑(E)").is_empty());
        assert_eq!(zh("打开(_O)..."), vec!["..."]);
    }

    #[test]
    fn latin_runs_embedded_in_chinese_are_left_alone() {
        assert!(zh("分离头指针(HEAD)状态").is_empty());
        assert!(zh("请输入 (y/n)").is_empty());
        assert!(zh("支持 png, jpg, gif 等格式").is_empty());
        assert!(zh("显示 git-log(1) 手册").is_empty());
        assert!(zh("组织APT-C-39").is_empty());
    }

    #[test]
    fn option_lists_and_program_prefixes_are_left_alone() {
        assert!(zh("显示帮助 -n, --new-name 新名称").is_empty());
        assert!(zh("%s: 未找到").is_empty());
        assert!(zh("无法读取文件\"%s\": %m").is_empty());
        assert!(zh("%X%P: 匿名版本标记").is_empty());
        assert!(zh("\"%s\": 无效的键映射名").is_empty());
        // Touching Chinese, the colon is flagged.
        assert_eq!(zh("错误: %s"), vec![":"]);
    }

    #[test]
    fn mentioned_marks_and_syntax_are_left_alone() {
        assert!(zh("启用 ! 风格的历史替换").is_empty());
        assert!(zh("放置一个 \":\" 到名称").is_empty());
        assert!(zh("用法: \"git add <文件>...\"").len() == 1);
        assert!(zh("[设置]... 或").is_empty());
        assert!(zh("(( 表达式 ))").is_empty());
        assert_eq!(zh("正在删除文件..."), vec!["..."]);
        assert!(zh("用法: %s [选项]... 文件...").len() == 1);
        assert!(zh("--status <软件包> ...        显示软件包").is_empty());
        assert!(zh("(? 或 (?- 后有无法识别的字符").is_empty());
        assert!(zh("echo [-n] [参数 ...]").is_empty());
        assert!(zh("包文件名 '%s' 没有以 '.%s' 结尾").is_empty());
    }

    #[test]
    fn syntax_marks_are_not_rewritten() {
        assert!(zh("如果未使用 \\( 和 \\)，则返回").is_empty());
        assert!(zh("<键定义> 是 字段[.字符][选项][,字段[.字符][选项]]，其中").is_empty());
        assert!(zh("方法={separate（默认）,prepend,append,both}").is_empty());
        assert!(zh("  ( 表达式 )   <表达式> 为真").is_empty());
        assert!(zh("手工指定 <所有者:组> 的值").is_empty());
        // Ordinary punctuation next to the syntax is still flagged.
        assert_eq!(zh("字段[选项],然后"), vec![","]);
    }

    #[test]
    fn shared_marks_are_not_flagged() {
        assert!(zh("“贼喊捉贼”的本质").is_empty());
        assert!(zh("正在加载…").is_empty());
        assert!(zh("中国——美国").is_empty());
        assert!(zh("让·雅克").is_empty());
        assert!(zh("中文，标点。").is_empty());
    }

    #[test]
    fn latin_text_with_full_width_marks() {
        assert_eq!(en("Hello，world"), vec![("，".into(), ", ".into())]);
        assert_eq!(en("Done。"), vec![("。".into(), ".".into())]);
        assert_eq!(
            en("Save（S）"),
            vec![("（".into(), " (".into()), ("）".into(), ")".into())]
        );
        assert_eq!(en("Continue？"), vec![("？".into(), "?".into())]);
    }

    #[test]
    fn latin_text_quoting_chinese_is_left_alone() {
        assert!(en("Click “保存（S）”").is_empty());
        assert!(en("The word 中文，here").is_empty());
        assert!(en("Hello, world.").is_empty());
        assert!(en("He said “yes” — and left…").is_empty());
    }

    #[test]
    fn only_chinese_and_latin_sides() {
        let d = run_pair(None, ("ja", "こんにちは,世界"), None, &Options::default());
        assert!(findings_of(&d, "cjk-punctuation").is_empty());
    }

    #[test]
    fn source_side_only_when_asked() {
        let d = run_pair(
            Some(("zh", "你好,世界")),
            ("en", "Hello, world"),
            None,
            &Options::default(),
        );
        assert!(findings_of(&d, "cjk-punctuation").is_empty());
        let opts = Options {
            cjk_check_source: true,
            ..Options::default()
        };
        let d = run_pair(
            Some(("zh", "你好,世界")),
            ("en", "Hello, world"),
            None,
            &opts,
        );
        assert_eq!(findings_of(&d, "cjk-punctuation"), vec![","]);
        assert_eq!(d[0].side, Side::Source);
    }

    #[test]
    fn fixes_are_attached() {
        let d = run_pair(None, ("zh", "殊不知,无论"), None, &Options::default());
        let fix = d[0].fix.as_ref().expect("fix");
        assert_eq!(fix.applicability, Applicability::Safe);
        assert_eq!(&*fix.edits[0].replacement, "，");
        assert_eq!(fix.edits[0].range, 9..10);
    }
}
