//! `cjk-spacing`: a space (or none) between CJK characters and Latin letters or digits,
//! according to a configured convention or to the document's own majority.

use std::ops::Range;

use super::cjk_punctuation::{checked_sides, Spans};
use super::{
    make_diagnostic, make_edit, Check, Chunk, Fixable, Kept, RuleMeta, RunCtx, SegmentCtx,
    StreamedPass,
};
use crate::config::{CjkQuoteSpacing, CjkSpacing, Options};
use crate::diagnostic::{Applicability, Diagnostic, Fix, Severity};
use crate::lang::protect::Protected;
use crate::lang::script::{is_han, is_kana, is_latin_letter, next_ascii_or_latin_lead};
use crate::segment::{Document, Side};

/// The `cjk-spacing` rule.
pub static CJK_SPACING: RuleMeta = RuleMeta {
    name: "cjk-spacing",
    default_severity: Severity::Warning,
    summary: "spacing between CJK and Latin letters/digits breaks the configured convention",
    doc: "## What it does\n\
In Chinese text, looks at every place where a CJK character meets a Latin letter or a digit \
(`组织APT-C-39`, `组织 APT-C-39`) and flags the ones that break the convention: \
`require` flags the places without a space, `forbid` the places with one, and `consistent` \
(the default) counts both styles in each document and flags the minority (nothing when \
the two are tied).\n\n\
Never flagged: words that are written glued (`U盘`, `T恤`, `X光`, `A股`, `B超`, `卡拉OK`); \
placeholders, tags, entities and code spans next to Chinese (`删除%s`, `{0}个`); and, unless \
`cjk-spacing-units` is set, a number followed by a Chinese unit or measure word (`2020年`, \
`约5.2万个`, `长达11年`, `50%`), on both of its sides. URLs, paths and identifiers count as \
Latin text at their edges but are never split.\n\n\
## Why\n\
Style guides disagree (the Chinese copywriting guidelines want a space, PRC news style \
none), but a document should follow one; a mix looks careless.\n\n\
## Example\n\
With `--cjk-spacing require`: `组织APT-C-39` -> `组织 APT-C-39`. With `forbid`: \
`使用 Git 管理` -> `使用Git管理`.\n\n\
## Options\n\
- `cjk-spacing` = `require` | `forbid` | `consistent` (default `consistent`; also the \
`--cjk-spacing` command-line flag).\n\
- `cjk-spacing-units` (default false): also check numbers followed by a unit (`2020 年`).\n\
- `cjk-spacing-quotes` = `ignore` | `require` | `forbid` (default `ignore`): the space \
between a CJK character and a curly quote outside it (`点击“确定”按钮` vs \
`点击 “确定” 按钮`).\n\
- `cjk-check-source` (default false): check the source side too.\n\n\
## Fix safety\n\
Under `require` and `forbid`, inserting or removing the space is safe. Under `consistent` \
the fix is unsafe: the majority of a document can flip as it is edited.",
    fixable: Fixable::Sometimes,
};

/// Checks CJK–Latin spacing.
pub struct CjkSpacingCheck;

impl Check for CjkSpacingCheck {
    fn rules(&self) -> &'static [&'static RuleMeta] {
        static RULES: [&RuleMeta; 1] = [&CJK_SPACING];
        &RULES
    }

    fn check_segment(&self, ctx: &mut SegmentCtx<'_>) {
        check_segment_alone(ctx);
    }

    /// Only the `consistent` convention compares a file's boundaries with each other.
    fn streamed_pass(&self, run: &RunCtx<'_>, docs: &[Document]) -> Option<Box<dyn StreamedPass>> {
        if !run.rules.enabled(CJK_SPACING.name) || run.options.cjk_spacing != CjkSpacing::Consistent
        {
            return None;
        }
        let sides = checked_sides(run.options);
        if !docs
            .iter()
            .any(|d| sides.iter().any(|&s| chinese_side(d, s)))
        {
            return None;
        }
        Some(Box::new(ConsistentPass {
            votes: vec![(0, 0); docs.len()],
            todo: Vec::new(),
        }))
    }
}

/// What meets at a boundary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A CJK character and a Latin letter or digit.
    Latin,
    /// A CJK character and a curly quote outside it.
    Quote,
}

/// A place where CJK meets Latin text (or a quote), with or without spaces between.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Boundary {
    /// From the start of the left character to the end of the right one.
    pub range: Range<usize>,
    /// The left character's length in bytes.
    pub left_len: usize,
    /// The right character's length in bytes.
    pub right_len: usize,
    /// Whether spaces separate them.
    pub spaced: bool,
    /// What meets.
    pub kind: Kind,
}

fn cjk(c: char) -> bool {
    is_han(c) || is_kana(c)
}

fn latinish(c: char) -> bool {
    c.is_ascii_alphanumeric() || is_latin_letter(c)
}

/// Words written with a Latin letter glued to Chinese.
const GLUED_WORDS: &[&str] = &[
    "U盘",
    "T恤",
    "X光",
    "X射线",
    "A股",
    "B股",
    "H股",
    "N股",
    "B超",
    "K线",
    "K歌",
    "Q版",
    "T台",
    "T型",
    "X型",
    "Y型",
    "A型",
    "B型",
    "O型",
    "AB型",
    "阿Q",
    "卡拉OK",
    "AA制",
    "A4纸",
    "B站",
    "B树",
    "B+树",
    "R树",
    "维C",
    "维生素A",
    "维生素B",
    "维生素C",
    "维生素D",
    "维生素E",
    "三K党",
    "e化",
    "N次",
];

/// [`GLUED_WORDS`] cut around their first run of ASCII letters and digits: (text before,
/// the run, text after). Computed once: every boundary next to a short token asks.
fn glued_words() -> &'static [(&'static str, &'static str, &'static str)] {
    static CUT: std::sync::OnceLock<Vec<(&str, &str, &str)>> = std::sync::OnceLock::new();
    CUT.get_or_init(|| {
        GLUED_WORDS
            .iter()
            .filter_map(|w| {
                let p = w.find(|c: char| c.is_ascii_alphanumeric())?;
                let q = w[p..]
                    .find(|c: char| !c.is_ascii_alphanumeric())
                    .map_or(w.len(), |q| p + q);
                Some((&w[..p], &w[p..q], &w[q..]))
            })
            .collect()
    })
}

/// Chinese units, measure words and date parts that follow a number.
const UNIT_CHARS: &str = "年月日号时分秒点个位只台次条项件张页行列字元角块万亿千百十倍度岁米克吨斤章节版卷期届层楼种类组份篇首段处步轮场核周天人名家所座辆架艘枚颗粒本部集款代级成折寸尺亩升遍回下例多余来线路栏格帧兆宗笔批句座%°℃‰";
const UNIT_WORDS: &[&str] = &[
    "小时", "分钟", "毫秒", "微秒", "纳秒", "公里", "公斤", "千克", "像素", "字节", "字符", "毫米",
    "厘米", "英寸",
];

/// Every CJK–Latin (and, when asked, CJK–quote) boundary of `text` that the convention
/// applies to, in order.
pub(crate) fn boundaries(text: &str, options: &Options) -> Vec<Boundary> {
    let mut out = Vec::new();
    if text.is_ascii() {
        return out;
    }
    let quotes = options.cjk_spacing_quotes != CjkQuoteSpacing::Ignore;
    // Without quotes, a line without an ASCII letter or digit or an accented Latin letter
    // (whose UTF-8 starts with 0xC3..=0xC9 or 0xE1) is skipped in the one pass of
    // `latin_boundaries`, which only stops at those bytes.
    if quotes {
        all_boundaries(text, &mut out);
    } else {
        latin_boundaries(text, &mut out);
    }
    drop_exempt(text, options, &mut out);
    out
}

/// Drop from `out`, boundaries of `text`, the Latin ones [`exempt`] from the convention.
fn drop_exempt(text: &str, options: &Options, out: &mut Vec<Boundary>) {
    if out.is_empty() {
        return;
    }
    let mut spans = Spans::new(text);
    let mut apart = None;
    out.retain(|b| b.kind == Kind::Quote || !exempt(text, b, options, &mut spans, &mut apart));
}

/// The boundaries of `text` that break the convention of `require` or `forbid` (those of
/// [`boundaries`] whose spacing is not the expected one), in order. Their spacing is
/// compared first and only the ones that break it are judged for exemption: most places
/// follow the convention, and exemption may need the text's protected spans.
fn breaking_boundaries(text: &str, options: &Options) -> Vec<Boundary> {
    let mut out = Vec::new();
    if text.is_ascii() {
        return out;
    }
    if options.cjk_spacing_quotes != CjkQuoteSpacing::Ignore {
        all_boundaries(text, &mut out);
    } else {
        // Only the Latin boundaries of the wrong spacing are made.
        let want = expected_spaced(options, Kind::Latin, None);
        latin_boundaries_kept(text, &mut out, |spaced| want.is_some_and(|w| w != spaced));
    }
    out.retain(|b| expected_spaced(options, b.kind, None).is_some_and(|want| want != b.spaced));
    drop_exempt(text, options, &mut out);
    out
}

/// The Latin boundaries of `text`, as [`all_boundaries`] finds them without quotes, found
/// from the Latin letters and digits alone (a byte test skips every other character): the
/// CJK character right before each one, or one space before, and right after, or one space
/// after.
fn latin_boundaries(text: &str, out: &mut Vec<Boundary>) {
    latin_boundaries_kept(text, out, |_| true);
}

/// [`latin_boundaries`], keeping those whose spacing (`true`: spaced) `keep` accepts.
fn latin_boundaries_kept(text: &str, out: &mut Vec<Boundary>, keep: impl Fn(bool) -> bool) {
    let bytes = text.as_bytes();
    // The character ending at byte `at`, unless it is ASCII (never CJK).
    let non_ascii_before = |at: usize| match at.checked_sub(1).map(|k| bytes[k]) {
        Some(p) if !p.is_ascii() => text[..at].chars().next_back(),
        _ => None,
    };
    // The character starting at byte `at`, unless it is ASCII.
    let non_ascii_after = |at: usize| match bytes.get(at) {
        Some(n) if !n.is_ascii() => text[at..].chars().next(),
        _ => None,
    };
    // The boundary between the CJK character touching `i..i + len` on the left, or one
    // space away (two spaces are layout), and that Latin character.
    let before = |i: usize, len: usize, out: &mut Vec<Boundary>| {
        let (before, spaced) = match bytes[..i] {
            [.., b' ', b' '] => (None, false),
            [.., b' '] => (non_ascii_before(i - 1), true),
            _ => (non_ascii_before(i), false),
        };
        if let Some(pc) = before.filter(|&pc| cjk(pc) && keep(spaced)) {
            let start = i - usize::from(spaced) - pc.len_utf8();
            out.push(Boundary {
                range: start..i + len,
                left_len: pc.len_utf8(),
                right_len: len,
                spaced,
                kind: Kind::Latin,
            });
        }
    };
    // Likewise on the right.
    let after = |i: usize, len: usize, out: &mut Vec<Boundary>| {
        let end = i + len;
        let (after, spaced) = match bytes[end..] {
            [b' ', b' ', ..] => (None, false),
            [b' ', ..] => (non_ascii_after(end + 1), true),
            _ => (non_ascii_after(end), false),
        };
        if let Some(nc) = after.filter(|&nc| cjk(nc) && keep(spaced)) {
            let next = end + usize::from(spaced);
            out.push(Boundary {
                range: i..next + nc.len_utf8(),
                left_len: len,
                right_len: nc.len_utf8(),
                spaced,
                kind: Kind::Latin,
            });
        }
    };
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_alphanumeric() {
            // A run of ASCII letters and digits: inside it every neighbour is ASCII, so only
            // its first character can meet CJK on the left and its last on the right.
            let mut e = i + 1;
            while e < bytes.len() && bytes[e].is_ascii_alphanumeric() {
                e += 1;
            }
            before(i, 1, out);
            after(e - 1, 1, out);
            i = e;
            continue;
        }
        if b.is_ascii() {
            i += 1;
            continue;
        }
        // The lead byte of U+00C0..=U+027F or U+1000..=U+1FFF (accented Latin letters).
        if !matches!(b, 0xC3..=0xC9 | 0xE1) {
            // Nothing happens before the next ASCII byte or such lead byte: runs of
            // Chinese are skipped eight bytes at a time.
            i = next_ascii_or_latin_lead(bytes, i + 1);
            continue;
        }
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        let len = c.len_utf8();
        if latinish(c) {
            before(i, len, out);
            after(i, len, out);
        }
        i += len;
    }
}

/// Every boundary of `text`: Latin ones and, when quotes are checked, quote ones.
fn all_boundaries(text: &str, out: &mut Vec<Boundary>) {
    let mut prev: Option<(usize, char)> = None;
    let mut spaces = 0;
    for (i, c) in text.char_indices() {
        if c == ' ' {
            spaces += 1;
            continue;
        }
        // Two or more spaces are layout (aligned `--help` columns), not a word space.
        if spaces > 1 {
            prev = None;
        }
        let spaced = spaces == 1;
        if let Some((pi, pc)) = prev {
            let kind = if (cjk(pc) && latinish(c)) || (latinish(pc) && cjk(c)) {
                Some(Kind::Latin)
            } else if (cjk(pc) && matches!(c, '“' | '‘')) || (matches!(pc, '”' | '’') && cjk(c))
            {
                Some(Kind::Quote)
            } else {
                None
            };
            if let Some(kind) = kind {
                out.push(Boundary {
                    range: pi..i + c.len_utf8(),
                    left_len: pc.len_utf8(),
                    right_len: c.len_utf8(),
                    spaced,
                    kind,
                });
            }
        }
        prev = if c.is_whitespace() {
            None
        } else {
            Some((i, c))
        };
        spaces = 0;
    }
}

/// Whether a CJK–Latin boundary is exempt from the convention. The rules of the Latin
/// token (glued words, numbers with units, numbered metavariables) are asked first: they
/// need only the bytes around the boundary, while the others need the text's protected
/// spans, a regex search that most boundaries next to a unit or a glued word now skip.
/// (The same answer as asking in the other order: every rule only says yes.)
fn exempt(
    text: &str,
    b: &Boundary,
    options: &Options,
    spans: &mut Spans<'_>,
    apart: &mut Option<bool>,
) -> bool {
    let left = &text[b.range.start..b.range.start + b.left_len];
    let latin_on_left = left.chars().next().is_some_and(latinish);
    let latin_at = if latin_on_left {
        b.range.start
    } else {
        b.range.end - b.right_len
    };
    let han = if latin_on_left {
        text[b.range.end - b.right_len..].chars().next()
    } else {
        left.chars().next()
    }
    .is_some_and(is_han);
    token_exempt(text, latin_at, options)
        || (!(han && *apart.get_or_insert_with(|| spans_stay_apart(text)))
            && span_exempt(b, latin_at, spans))
}

/// Whether no protected span of `text` can make a boundary whose CJK character is Han
/// exempt, so that [`span_exempt`] need not ask: without `` ` < { % $ & = `` there is no
/// placeholder, tag, entity or code span, and the spans left (URLs, e-mail addresses,
/// paths, identifiers, options without a value) hold no Han character.
fn spans_stay_apart(text: &str) -> bool {
    !text
        .bytes()
        .any(|b| matches!(b, b'`' | b'<' | b'{' | b'%' | b'$' | b'&' | b'='))
}

/// [`exempt`]'s rules of protected spans: the Latin side of the boundary at `latin_at` is
/// a placeholder, tag, entity or code, or the boundary lies inside one URL, path or
/// identifier.
fn span_exempt(b: &Boundary, latin_at: usize, spans: &mut Spans<'_>) -> bool {
    // Placeholders, tags, entities and code: not text.
    if let Some((_, kind)) = spans.at(latin_at) {
        if matches!(
            kind,
            Protected::Placeholder | Protected::Tag | Protected::Entity | Protected::Code
        ) {
            return true;
        }
    }
    // Inside one URL, path or identifier: never split.
    if let Some((r, _)) = spans.at(b.range.start) {
        if r.contains(&(b.range.end - 1)) {
            return true;
        }
    }
    false
}

/// [`exempt`]'s rules of the Latin token around byte `latin_at`: a numbered metavariable,
/// a glued word, a number followed by a unit.
fn token_exempt(text: &str, latin_at: usize, options: &Options) -> bool {
    // The Latin token around the boundary.
    let bytes = text.as_bytes();
    let is_tok = |i: usize| {
        bytes[i].is_ascii_alphanumeric()
            || (matches!(bytes[i], b'.' | b',' | b':')
                && i > 0
                && bytes[i - 1].is_ascii_digit()
                && bytes.get(i + 1).is_some_and(|c| c.is_ascii_digit()))
    };
    let mut ts = latin_at;
    while ts > 0 && is_tok(ts - 1) {
        ts -= 1;
    }
    let mut te = latin_at;
    while te < bytes.len() && is_tok(te) {
        te += 1;
    }
    if te == ts {
        // A non-ASCII Latin letter (é): no word or number rules apply.
        return false;
    }
    let token = &text[ts..te];
    // A numbered metavariable: `<文件1>`, `[表达式2]`.
    if token.bytes().all(|c| c.is_ascii_digit()) && matches!(bytes.get(te), Some(b'>' | b']')) {
        let word_start = text[..ts].rfind([' ', '<', '[']).unwrap_or(0);
        if matches!(bytes.get(word_start), Some(b'<' | b'[')) {
            return true;
        }
    }
    let before = text[..ts].trim_end_matches(' ');
    let after = text[te..].trim_start_matches(' ');
    // Glued words: U盘, 卡拉OK.
    if glued_words()
        .iter()
        .any(|(pre, tok, post)| *tok == token && before.ends_with(pre) && after.starts_with(post))
    {
        return true;
    }
    // A number followed by a unit: 2020年, 5.2万, 50%.
    if !options.cjk_spacing_units
        && token
            .bytes()
            .all(|c| c.is_ascii_digit() || matches!(c, b'.' | b',' | b':'))
    {
        let unit = after.chars().next().is_some_and(|c| UNIT_CHARS.contains(c))
            || UNIT_WORDS.iter().any(|u| after.starts_with(u));
        if unit {
            return true;
        }
    }
    false
}

/// What a document's boundaries should look like under `options`.
fn expected_spaced(options: &Options, kind: Kind, majority: Option<bool>) -> Option<bool> {
    match kind {
        Kind::Quote => match options.cjk_spacing_quotes {
            CjkQuoteSpacing::Ignore => None,
            CjkQuoteSpacing::Require => Some(true),
            CjkQuoteSpacing::Forbid => Some(false),
        },
        Kind::Latin => match options.cjk_spacing {
            CjkSpacing::Require => Some(true),
            CjkSpacing::Forbid => Some(false),
            CjkSpacing::Consistent => majority,
        },
    }
}

/// Whether `side` of `doc` is Chinese text (the only text this rule looks at).
fn chinese_side(doc: &Document, side: Side) -> bool {
    match side {
        Side::Source => doc.source_lang.as_ref(),
        Side::Target => doc.target_lang.as_ref(),
    }
    .is_some_and(|l| l.is_chinese())
}

/// Under `require` and `forbid`, a boundary is judged on its own: the segment pass reports
/// it, right after `cjk-punctuation` looked at the same text (whose protected spans are
/// then still cached). Under `consistent`, the document's majority decides: see
/// [`check_document`].
fn check_segment_alone(ctx: &mut SegmentCtx<'_>) {
    let options = ctx.run.options;
    if options.cjk_spacing == CjkSpacing::Consistent {
        return;
    }
    for &side in checked_sides(options) {
        if !chinese_side(ctx.doc, side) {
            continue;
        }
        let Some(text) = ctx.seg.text(side) else {
            continue;
        };
        let found = breaking_boundaries(text.as_str(), options);
        // Asked only when there is something to judge: the question is a hash lookup, and
        // most lines of a large file have no boundary.
        if found.is_empty() {
            continue;
        }
        if !ctx.enabled(&CJK_SPACING) {
            return;
        }
        for b in found {
            let Some(want) = expected_spaced(options, b.kind, None) else {
                continue;
            };
            if want == b.spaced {
                continue;
            }
            let (replacement, message, safe) = describe(text.as_str(), &b, want, options, (0, 0));
            let applicability = if safe {
                Applicability::Safe
            } else {
                Applicability::Unsafe
            };
            let fix = ctx.fix(side, b.range.clone(), &replacement, applicability);
            if let Some(d) = ctx.report(&CJK_SPACING, side, b.range, message) {
                d.fix = fix;
                d.suggestion = Some(replacement);
            }
        }
    }
}

/// The replacement, message and fix safety for boundary `b` of `value` that should be
/// `want` (spaced or not); `counts` are the document's spaced and tight Latin boundaries
/// (used under `consistent`).
fn describe(
    value: &str,
    b: &Boundary,
    want: bool,
    options: &Options,
    (spaced, tight): (usize, usize),
) -> (String, String, bool) {
    let consistent = options.cjk_spacing == CjkSpacing::Consistent;
    let left = &value[b.range.start..b.range.start + b.left_len];
    let right = &value[b.range.end - b.right_len..b.range.end];
    let what = match b.kind {
        Kind::Quote => "a quote",
        Kind::Latin
            if left.chars().all(|c| c.is_ascii_digit())
                || right.chars().all(|c| c.is_ascii_digit()) =>
        {
            "a digit"
        }
        Kind::Latin => "Latin text",
    };
    // Concatenated rather than formatted, in one allocation each: a large file has a
    // hundred thousand of these.
    let (replacement, head) = if want {
        ([left, " ", right].concat(), "no space between Chinese and ")
    } else {
        ([left, right].concat(), "space between Chinese and ")
    };
    let safe = !(consistent && b.kind == Kind::Latin);
    let message = if b.kind == Kind::Latin && consistent {
        let (n, style) = if want {
            (spaced, "with")
        } else {
            (tight, "without")
        };
        format!(
            "{head}{what}; {n} of {} such places in this document are written {style} one",
            spaced + tight
        )
    } else {
        let conv = if b.kind == Kind::Quote {
            "cjk-spacing-quotes"
        } else {
            "cjk-spacing"
        };
        let mode = if want { "require" } else { "forbid" };
        [head, what, " (", conv, " = ", mode, ")"].concat()
    };
    (replacement, message, safe)
}

/// Under `consistent`: every boundary of the document, the majority style, and the
/// boundaries that break it.
/// The `consistent` convention, in two sweeps: the first counts each document's spaced
/// and tight boundaries and marks the segments that have either (or a quote breaking
/// its own convention); the second looks again at the marked segments whose boundaries
/// go against their document's majority. Kept between them: two counts per document
/// and a few bytes per marked segment.
struct ConsistentPass {
    /// Per document: (spaced, tight) boundaries between CJK and Latin text.
    votes: Vec<(usize, usize)>,
    /// Per chunk (by ordinal): its marked segments.
    todo: Vec<Vec<Marked>>,
}

/// A segment of a chunk with boundaries: (index in the chunk, side, [`HAS_TIGHT`] |
/// [`HAS_SPACED`] | [`HAS_QUOTE`]).
type Marked = (u32, Side, u8);

/// A boundary between CJK and Latin text without a space.
const HAS_TIGHT: u8 = 1;
/// A boundary between CJK and Latin text with a space.
const HAS_SPACED: u8 = 2;
/// A quote boundary breaking the configured quote convention.
const HAS_QUOTE: u8 = 4;

/// What the first sweep keeps of a chunk: (ordinal, document, spaced, tight, marked).
type FirstSweep = (usize, usize, usize, usize, Vec<Marked>);

impl StreamedPass for ConsistentPass {
    fn sweeps(&self) -> usize {
        2
    }

    fn visit(
        &self,
        sweep: usize,
        chunk: &Chunk<'_>,
        run: &RunCtx<'_>,
        out: &mut Vec<Diagnostic>,
    ) -> Option<Kept> {
        let options = run.options;
        if sweep == 0 {
            let (mut spaced, mut tight) = (0, 0);
            let mut marked = Vec::new();
            for &side in checked_sides(options) {
                if !chinese_side(chunk.doc, side) {
                    continue;
                }
                for (i, seg) in chunk.segments.iter().enumerate() {
                    let Some(text) = seg.text(side).filter(|_| !suppressed(seg)) else {
                        continue;
                    };
                    let mut bits = 0;
                    for b in boundaries(text.as_str(), options) {
                        match b.kind {
                            Kind::Latin if b.spaced => {
                                spaced += 1;
                                bits |= HAS_SPACED;
                            }
                            Kind::Latin => {
                                tight += 1;
                                bits |= HAS_TIGHT;
                            }
                            Kind::Quote => {
                                if expected_spaced(options, b.kind, None)
                                    .is_some_and(|want| want != b.spaced)
                                {
                                    bits |= HAS_QUOTE;
                                }
                            }
                        }
                    }
                    if bits != 0 {
                        marked.push((i as u32, side, bits));
                    }
                }
            }
            let kept: FirstSweep = (chunk.ordinal, chunk.doc_index, spaced, tight, marked);
            return Some(Box::new(kept));
        }
        let (spaced, tight) = self.votes[chunk.doc_index];
        let majority = match spaced.cmp(&tight) {
            std::cmp::Ordering::Greater => Some(true),
            std::cmp::Ordering::Less => Some(false),
            std::cmp::Ordering::Equal => None,
        };
        let against = match majority {
            Some(true) => HAS_TIGHT | HAS_QUOTE,
            Some(false) => HAS_SPACED | HAS_QUOTE,
            None => HAS_QUOTE,
        };
        let severity = run.rules.severity(CJK_SPACING.name);
        let doc = chunk.doc;
        for &(i, side, bits) in self.todo.get(chunk.ordinal).into_iter().flatten() {
            if bits & against == 0 {
                continue;
            }
            let seg = &chunk.segments[i as usize];
            let Some(text) = seg.text(side) else { continue };
            for b in boundaries(text.as_str(), options) {
                let Some(want) = expected_spaced(options, b.kind, majority) else {
                    continue;
                };
                if want == b.spaced {
                    continue;
                }
                let (replacement, message, safe) =
                    describe(text.as_str(), &b, want, options, (spaced, tight));
                let mut d = make_diagnostic(
                    doc,
                    text,
                    CJK_SPACING.name,
                    severity,
                    side,
                    b.range.clone(),
                    message,
                    Some(seg.id().into_owned()),
                );
                d.fix = make_edit(doc, text, b.range.clone(), &replacement).map(|e| Fix {
                    edits: vec![e],
                    applicability: if safe {
                        Applicability::Safe
                    } else {
                        Applicability::Unsafe
                    },
                });
                d.suggestion = Some(replacement);
                out.push(d);
            }
        }
        None
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
        for k in kept {
            let (ordinal, doc, spaced, tight, marked) = *k
                .downcast::<FirstSweep>()
                .expect("the first sweep keeps counts");
            self.votes[doc].0 += spaced;
            self.votes[doc].1 += tight;
            if self.todo.len() <= ordinal {
                self.todo.resize_with(ordinal + 1, Vec::new);
            }
            self.todo[ordinal] = marked;
        }
    }
}

/// Whether the rule is suppressed inline on `seg`.
fn suppressed(seg: &crate::segment::Segment) -> bool {
    seg.suppressed()
        .iter()
        .any(|s| s == CJK_SPACING.name || s == "all")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::testing::{findings_of, run_pair};

    /// [`exempt`] as it was, spans first: the oracle of its tests.
    fn exempt_reference(
        text: &str,
        b: &Boundary,
        options: &Options,
        spans: &mut Spans<'_>,
    ) -> bool {
        let left = &text[b.range.start..b.range.start + b.left_len];
        let latin_on_left = left.chars().next().is_some_and(latinish);
        let latin_at = if latin_on_left {
            b.range.start
        } else {
            b.range.end - b.right_len
        };
        // Placeholders, tags, entities and code: not text.
        if let Some((_, kind)) = spans.at(latin_at) {
            if matches!(
                kind,
                Protected::Placeholder | Protected::Tag | Protected::Entity | Protected::Code
            ) {
                return true;
            }
        }
        // Inside one URL, path or identifier: never split.
        if let Some((r, _)) = spans.at(b.range.start) {
            if r.contains(&(b.range.end - 1)) {
                return true;
            }
        }
        // The Latin token around the boundary.
        let bytes = text.as_bytes();
        let is_tok = |i: usize| {
            bytes[i].is_ascii_alphanumeric()
                || (matches!(bytes[i], b'.' | b',' | b':')
                    && i > 0
                    && bytes[i - 1].is_ascii_digit()
                    && bytes.get(i + 1).is_some_and(|c| c.is_ascii_digit()))
        };
        let mut ts = latin_at;
        while ts > 0 && is_tok(ts - 1) {
            ts -= 1;
        }
        let mut te = latin_at;
        while te < bytes.len() && is_tok(te) {
            te += 1;
        }
        if te == ts {
            // A non-ASCII Latin letter (é): no word or number rules apply.
            return false;
        }
        let token = &text[ts..te];
        // A numbered metavariable: `<文件1>`, `[表达式2]`.
        if token.bytes().all(|c| c.is_ascii_digit()) && matches!(bytes.get(te), Some(b'>' | b']')) {
            let word_start = text[..ts].rfind([' ', '<', '[']).unwrap_or(0);
            if matches!(bytes.get(word_start), Some(b'<' | b'[')) {
                return true;
            }
        }
        let before = text[..ts].trim_end_matches(' ');
        let after = text[te..].trim_start_matches(' ');
        // Glued words: U盘, 卡拉OK.
        if glued_words().iter().any(|(pre, tok, post)| {
            *tok == token && before.ends_with(pre) && after.starts_with(post)
        }) {
            return true;
        }
        // A number followed by a unit: 2020年, 5.2万, 50%.
        if !options.cjk_spacing_units
            && token
                .bytes()
                .all(|c| c.is_ascii_digit() || matches!(c, b'.' | b',' | b':'))
        {
            let unit = after.chars().next().is_some_and(|c| UNIT_CHARS.contains(c))
                || UNIT_WORDS.iter().any(|u| after.starts_with(u));
            if unit {
                return true;
            }
        }
        false
    }

    /// [`boundaries`] as it was: every boundary, exempt ones dropped by
    /// [`exempt_reference`].
    fn boundaries_reference(text: &str, options: &Options) -> Vec<Boundary> {
        let mut out = Vec::new();
        if text.is_ascii() {
            return out;
        }
        if options.cjk_spacing_quotes != CjkQuoteSpacing::Ignore {
            all_boundaries(text, &mut out);
        } else {
            latin_boundaries(text, &mut out);
        }
        let mut spans = Spans::new(text);
        out.retain(|b| b.kind == Kind::Quote || !exempt_reference(text, b, options, &mut spans));
        out
    }

    /// The token rules asked before the span rules, and the boundaries that break the
    /// convention picked before they are judged, give the boundaries of the old order:
    /// all of them, and those that break `require` or `forbid`.
    #[test]
    fn exemptions_agree_with_the_spans_first_order() {
        let pieces = [
            "中文",
            "汉",
            "年",
            "万个",
            "小时",
            "盘",
            "U",
            "KU",
            "卡拉",
            "OK",
            "A",
            "Git",
            "2020",
            "5.2",
            "1,000",
            "10:30",
            " ",
            "  ",
            "%s",
            "%d",
            "{0}",
            "<b>",
            "</b>",
            "&amp;",
            "`ls`",
            "https://example.org/a",
            "/usr/bin",
            "--opt",
            "a_b",
            "file.txt",
            "<文件",
            "1>",
            "[表达式",
            "2]",
            "é",
            "“",
            "”",
            "，",
            "\n",
            "$HOME",
            "维生素",
            "C",
            "B+树",
            "かな",
            "https://例え.jp/パス",
            "a=值",
            "&",
            "{",
        ];
        let mut options = Vec::new();
        for mode in [
            CjkSpacing::Require,
            CjkSpacing::Forbid,
            CjkSpacing::Consistent,
        ] {
            for units in [false, true] {
                for quotes in [
                    CjkQuoteSpacing::Ignore,
                    CjkQuoteSpacing::Require,
                    CjkQuoteSpacing::Forbid,
                ] {
                    options.push(Options {
                        cjk_spacing: mode,
                        cjk_spacing_units: units,
                        cjk_spacing_quotes: quotes,
                        ..Options::default()
                    });
                }
            }
        }
        let texts = crate::checks::testing::generated_texts(&pieces, 6, 3000, 17);
        for t in texts.iter().map(String::as_str).chain([SEED]) {
            for o in &options {
                let old = boundaries_reference(t, o);
                assert_eq!(boundaries(t, o), old, "{t:?} {o:?}");
                if o.cjk_spacing != CjkSpacing::Consistent {
                    let breaking: Vec<Boundary> = old
                        .into_iter()
                        .filter(|b| expected_spaced(o, b.kind, None).is_some_and(|w| w != b.spaced))
                        .collect();
                    assert_eq!(breaking_boundaries(t, o), breaking, "{t:?} {o:?}");
                }
            }
        }
    }

    /// The byte-driven Latin scan finds exactly the Latin boundaries of the full scan.
    #[test]
    fn latin_scan_matches_the_full_scan() {
        let texts = [
            "组织APT-C-39发布了 Linux 5.10 内核",
            "在  Git 中",
            "在\tGit\u{3000}中 x",
            "Café咖啡 naïve 用户 ×2 倍 ÷3",
            "Ångström单位 Ḁ测试 ḁ",
            "ひらがなABCカタカナ abc",
            "𠀀X 𠀁 Y",
            "A中",
            "中A",
            " 中 A ",
            "删除%s个文件, 共 5.2 MB",
            "“确定”按钮 A“B”",
            "",
            "abc",
        ];
        for t in texts {
            let mut fast = Vec::new();
            latin_boundaries(t, &mut fast);
            let mut full = Vec::new();
            all_boundaries(t, &mut full);
            full.retain(|b| b.kind == Kind::Latin);
            assert_eq!(fast, full, "{t:?}");
        }
        // Long mixed texts, where runs of Chinese are skipped a word at a time.
        let pieces = [
            "中文字符测试",
            "汉",
            "A",
            "abc",
            "é",
            "Ḁ",
            "Ưu",
            "ɐ",
            " ",
            "  ",
            "1",
            "ひ",
            "𠀀",
            "，",
            "x y",
            "Ω",
            "ñ中",
            "\n",
        ];
        for t in crate::checks::testing::generated_texts(&pieces, 3, 5000, 13) {
            let mut fast = Vec::new();
            latin_boundaries(&t, &mut fast);
            let mut full = Vec::new();
            all_boundaries(&t, &mut full);
            full.retain(|b| b.kind == Kind::Latin);
            assert_eq!(fast, full, "{t:?}");
        }
        let mut one = Vec::new();
        latin_boundaries("组织 APT", &mut one);
        assert_eq!(one.len(), 1);
        assert!(one[0].spaced);
    }

    fn opts(mode: CjkSpacing) -> Options {
        Options {
            cjk_spacing: mode,
            ..Options::default()
        }
    }

    fn flagged(text: &str, o: &Options) -> Vec<String> {
        let d = run_pair(None, ("zh-CN", text), None, o);
        findings_of(&d, "cjk-spacing")
            .into_iter()
            .map(String::from)
            .collect()
    }

    fn suggested(text: &str, o: &Options) -> Vec<(String, Applicability)> {
        let d = run_pair(None, ("zh-CN", text), None, o);
        d.iter()
            .filter(|d| d.rule == "cjk-spacing")
            .map(|d| {
                (
                    d.suggestion.clone().unwrap(),
                    d.fix.as_ref().unwrap().applicability,
                )
            })
            .collect()
    }

    const SEED: &str = "殊不知,无论一些美西方国家如何虚张声势,都无法掩盖“贼喊捉贼”的本质。中国是网络攻击的主要受害国之一。中国国家互联网应急中心数据显示,2020年位于境外的约5.2万个计算机恶意程序控制服务器,控制了中国境内约531万台主机,就控制中国境内主机数量来看,美国及其北约盟国分列前三位。此外,美国中央情报局的网络攻击组织APT-C-39,曾对中国航空航天科研机构、石油行业、大型互联网公司以及政府机构等关键领域进行了长达11年的网络渗透攻击。";

    #[test]
    fn seed_in_require_mode() {
        assert_eq!(flagged(SEED, &opts(CjkSpacing::Require)), vec!["织A"]);
        assert!(flagged(SEED, &opts(CjkSpacing::Forbid)).is_empty());
        // One tight place and nothing else: no minority.
        assert!(flagged(SEED, &Options::default()).is_empty());
    }

    #[test]
    fn seed_with_units_checked() {
        let o = Options {
            cjk_spacing: CjkSpacing::Require,
            cjk_spacing_units: true,
            ..Options::default()
        };
        assert_eq!(
            flagged(SEED, &o),
            vec!["0年", "约5", "2万", "约5", "1万", "织A", "达1", "1年"]
        );
    }

    #[test]
    fn require_flags_tight_and_suggests_a_space() {
        let o = opts(CjkSpacing::Require);
        assert_eq!(flagged("使用Git管理代码", &o), vec!["用G", "t管"]);
        assert_eq!(
            suggested("使用Git", &o),
            vec![("用 G".into(), Applicability::Safe)]
        );
        assert!(flagged("使用 Git 管理代码", &o).is_empty());
        assert_eq!(flagged("升级到Windows 10 系统", &o), vec!["到W"]);
    }

    #[test]
    fn forbid_flags_spaces() {
        let o = opts(CjkSpacing::Forbid);
        assert_eq!(flagged("使用 Git 管理", &o), vec!["用 G", "t 管"]);
        assert_eq!(
            suggested("使用 Git", &o),
            vec![("用G".into(), Applicability::Safe)]
        );
        assert!(flagged("使用Git管理", &o).is_empty());
    }

    #[test]
    fn consistent_flags_the_minority_unsafely() {
        let text = "使用 Git 管理代码，用 Python 编写脚本，在Linux上运行";
        let o = Options::default();
        assert_eq!(flagged(text, &o), vec!["在L", "x上"]);
        assert!(suggested(text, &o)
            .iter()
            .all(|(_, a)| *a == Applicability::Unsafe));
        // Tied: nothing.
        assert!(flagged("使用 Git 管理，在Linux上", &o).is_empty());
        // All one style: nothing.
        assert!(flagged("使用Git管理，在Linux上", &o).is_empty());
    }

    #[test]
    fn glued_words_are_never_split() {
        let o = opts(CjkSpacing::Require);
        assert!(flagged("插入U盘", &o).is_empty());
        assert!(flagged("一件T恤", &o).is_empty());
        assert!(flagged("拍X光片", &o).is_empty());
        assert!(flagged("唱卡拉OK", &o).is_empty());
        assert!(flagged("投资A股市场", &o).is_empty());
        // A longer run is not the glued word.
        assert_eq!(flagged("插入KU盘", &o), vec!["入K", "U盘"]);
    }

    #[test]
    fn numbers_with_units_are_left_alone_by_default() {
        let o = opts(CjkSpacing::Require);
        assert!(flagged("2020年", &o).is_empty());
        assert!(flagged("长达11年", &o).is_empty());
        assert!(flagged("约5.2万个", &o).is_empty());
        assert!(flagged("增长50%", &o).is_empty());
        assert!(flagged("等待3 小时", &o).is_empty());
        assert_eq!(flagged("版本2发布", &o), vec!["本2", "2发"]);
    }

    #[test]
    fn placeholders_and_markup_are_not_latin_text() {
        let o = opts(CjkSpacing::Require);
        assert!(flagged("删除%s吗", &o).is_empty());
        assert!(flagged("共{0}个", &o).is_empty());
        assert!(flagged("目录$HOME下", &o).is_empty());
        assert!(flagged("按<b>确定</b>", &o).is_empty());
        assert!(flagged("运行`ls`命令", &o).is_empty());
        let o = opts(CjkSpacing::Forbid);
        assert!(flagged("删除 %s 吗", &o).is_empty());
    }

    #[test]
    fn urls_count_at_their_edges_only() {
        let o = opts(CjkSpacing::Require);
        assert_eq!(flagged("访问https://example.org/了解更多", &o), vec!["问h"]);
        assert_eq!(flagged("见https://example.org/a了", &o), vec!["见h", "a了"]);
    }

    #[test]
    fn quotes_follow_their_own_option() {
        let text = "点击 “确定” 按钮";
        assert!(flagged(text, &opts(CjkSpacing::Forbid)).is_empty());
        let o = Options {
            cjk_spacing_quotes: CjkQuoteSpacing::Forbid,
            ..Options::default()
        };
        assert_eq!(flagged(text, &o), vec!["击 “", "” 按"]);
        let o = Options {
            cjk_spacing_quotes: CjkQuoteSpacing::Require,
            ..Options::default()
        };
        assert_eq!(flagged("点击“确定”按钮", &o), vec!["击“", "”按"]);
        assert!(flagged(text, &o).is_empty());
    }

    #[test]
    fn only_chinese_target_by_default() {
        let d = run_pair(
            Some(("zh", "使用Git")),
            ("en", "Use Git"),
            None,
            &opts(CjkSpacing::Require),
        );
        assert!(findings_of(&d, "cjk-spacing").is_empty());
        let o = Options {
            cjk_spacing: CjkSpacing::Require,
            cjk_check_source: true,
            ..Options::default()
        };
        let d = run_pair(Some(("zh", "使用Git")), ("en", "Use Git"), None, &o);
        assert_eq!(findings_of(&d, "cjk-spacing"), vec!["用G"]);
    }

    #[test]
    fn help_columns_and_metavariables_are_left_alone() {
        let o = opts(CjkSpacing::Forbid);
        assert!(flagged("  -V, --version        输出版本信息", &o).is_empty());
        let o = opts(CjkSpacing::Require);
        assert!(flagged("如果 <文件1> 和 <文件2> 相同", &o).is_empty());
        assert!(flagged("B树索引检查选项", &o).is_empty());
        assert_eq!(flagged("文件1和文件2", &o), vec!["件1", "1和", "件2"]);
    }

    #[test]
    fn line_breaks_are_not_spaces() {
        let o = opts(CjkSpacing::Forbid);
        assert!(flagged("使用\nGit", &o).is_empty());
        let o = opts(CjkSpacing::Require);
        assert!(flagged("使用\nGit", &o).is_empty());
    }
}
