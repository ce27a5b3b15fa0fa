//! Spans of text that language checks must leave alone: URLs, e-mail addresses, file paths,
//! placeholders, XML/HTML tags and entities, inline code and command-line options.
//!
//! Checks such as `cjk-punctuation`, `merged-words` or `double-space` ask
//! [`protected_spans`] once per text and skip whatever falls inside.

use std::ops::Range;
use std::sync::OnceLock;

use regex_automata::hybrid::dfa::{Cache as DfaCache, DFA};
use regex_automata::meta::Regex as MetaRegex;
use regex_automata::nfa::thompson;
use regex_automata::{Anchored, Input, MatchKind};

use crate::lang::script::find_ascii;

/// What kind of thing a protected span is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protected {
    /// `https://…`, `www.…`
    Url,
    /// `user@example.org`
    Email,
    /// `%s`, `%1$d`, `{name}`, `%(x)s`, `${x}`, `%1`
    Placeholder,
    /// `<b>`, `</a>`, `<br/>`
    Tag,
    /// `&amp;`, `&#x4E2D;`
    Entity,
    /// `` `code` ``
    Code,
    /// `/usr/share/x`, `C:\x`, `file.txt`, `--option`, `snake_case`, `core.autocrlf`
    Identifier,
}

/// The patterns, in priority order, each with the kind of span it finds. They are searched
/// together as one multi-pattern regex: at each position the leftmost match wins, and among
/// matches starting there the earlier pattern, exactly as if they were one alternation. A
/// multi-pattern search tells which pattern matched without capture groups, so it runs on
/// the lazy DFA instead of the (several times slower) capturing engines.
///
/// [`find_spans`] relies on two properties of every pattern (a test checks its answers
/// against the plain regex search): every match contains a [`trigger`] byte, and the part
/// of a match before its first trigger byte is ASCII.
const PATTERNS: &[(Protected, &str)] = &[
    (
        Protected::Url,
        r"(?-u:\b)(?:[a-zA-Z][a-zA-Z0-9+.-]*://|www\.)[^\s<>“”‘’，。、（）\p{Han}]*[^\s<>“”‘’，。、（）\p{Han}.,;:!?\)\]}'\x22]",
    ),
    (
        Protected::Email,
        r"(?-u:\b)[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?-u:\b)",
    ),
    (Protected::Code, r"`[^`\n]+`"),
    (
        Protected::Tag,
        r"</?[A-Za-z][A-Za-z0-9:_.-]*(?:\s+[A-Za-z_:][-A-Za-z0-9_:.]*(?:\s*=\s*(?:\x22[^\x22]*\x22|'[^']*'|[^\s>]+))?)*\s*/?>",
    ),
    (
        Protected::Entity,
        r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});",
    ),
    (
        Protected::Placeholder,
        r"%(?:[0-9]+\$)?[-+ #0']*(?:\*|[0-9]+)?(?:\.(?:\*|[0-9]+))?(?:hh|h|ll|l|L|q|j|z|t|I64|I32)?[diouxXeEfFgGaAcspn%@]",
    ),
    (Protected::Placeholder, r"%<PRI[a-zA-Z0-9]+>"),
    (
        Protected::Placeholder,
        r"%\([A-Za-z_][A-Za-z0-9_]*\)[-+ #0]*[0-9]*(?:\.[0-9]+)?[diouxXeEfFgGcrsa%]",
    ),
    (Protected::Placeholder, r"%\{[A-Za-z_][A-Za-z0-9_]*\}"),
    (Protected::Placeholder, r"\$\{[A-Za-z_][A-Za-z0-9_.]*\}"),
    (
        Protected::Placeholder,
        r"\{\{\s*[A-Za-z_][A-Za-z0-9_.]*\s*\}\}",
    ),
    (Protected::Placeholder, r"\{[0-9]+(?:,[^{}]*)?\}"),
    (
        Protected::Placeholder,
        r"\{[A-Za-z_][A-Za-z0-9_.]*(?:![rsa])?(?::[^{}]*)?\}",
    ),
    (Protected::Placeholder, r"%[0-9]{1,2}(?-u:\b)"),
    (Protected::Placeholder, r"\$[A-Z_][A-Z0-9_]+(?-u:\b)"),
    (
        Protected::Identifier,
        r"(?-u:\B)--?[A-Za-z][A-Za-z0-9-]*(?:=[^\s]*)?",
    ),
    (
        Protected::Identifier,
        r"(?:[A-Za-z]:)?(?:\.{0,2}/)?(?:[A-Za-z0-9_.-]+/)+[A-Za-z0-9_.*-]*",
    ),
    (
        Protected::Identifier,
        r"(?-u:\b)[A-Za-z0-9]+(?:_[A-Za-z0-9]+)+(?-u:\b)",
    ),
    (
        Protected::Identifier,
        r"(?-u:\b)[a-z][A-Za-z0-9]*(?:\.[A-Za-z][A-Za-z0-9_]*)+\(?\)?",
    ),
    (
        Protected::Identifier,
        r"(?-u:\b)[A-Za-z0-9_-]+\.(?:txt|md|po|pot|mo|json|xml|html?|css|js|ts|rs|py|c|h|cpp|sh|toml|ya?ml|ini|cfg|conf|log|png|jpe?g|gif|svg|pdf|zip|gz|tar|exe|dll|so)(?-u:\b)",
    ),
];

fn patterns() -> &'static MetaRegex {
    static P: OnceLock<MetaRegex> = OnceLock::new();
    P.get_or_init(|| {
        let sources: Vec<&str> = PATTERNS.iter().map(|(_, p)| *p).collect();
        MetaRegex::builder()
            .configure(MetaRegex::config().hybrid_cache_capacity(DFA_CACHE_BYTES))
            .build_many(&sources)
            .expect("protected-span patterns compile")
    })
}

/// A byte every match of [`PATTERNS`] contains at least one of.
fn trigger(b: u8) -> bool {
    matches!(
        b,
        b'/' | b'@' | b'%' | b'{' | b'$' | b'<' | b'&' | b'`' | b'-' | b'_' | b'.' | b':'
    )
}

/// [`PATTERNS`] as a forward lazy DFA (leftmost-first, as the meta regex searches) and a
/// reverse one with a start state per pattern.
struct Dfas {
    forward: DFA,
    reverse: DFA,
}

/// The capacity of each thread's cache of each lazy DFA over [`PATTERNS`] (those of
/// [`dfas`] and the meta regex's): larger than the default 2 MiB, because the Unicode
/// classes make many states, and a full cache is cleared and rebuilt state by state.
const DFA_CACHE_BYTES: usize = 8 << 20;

fn dfas() -> Option<&'static Dfas> {
    static D: OnceLock<Option<Dfas>> = OnceLock::new();
    D.get_or_init(|| {
        let sources: Vec<&str> = PATTERNS.iter().map(|(_, p)| *p).collect();
        let forward = DFA::builder()
            .configure(DFA::config().cache_capacity(DFA_CACHE_BYTES))
            .build_many(&sources)
            .ok()?;
        let reverse = DFA::builder()
            .configure(
                DFA::config()
                    .cache_capacity(DFA_CACHE_BYTES)
                    .prefilter(None)
                    .specialize_start_states(false)
                    .match_kind(MatchKind::All)
                    .starts_for_each_pattern(true),
            )
            .thompson(thompson::Config::new().reverse(true))
            .build_many(&sources)
            .ok()?;
        Some(Dfas { forward, reverse })
    })
    .as_ref()
}

/// Search caches of [`dfas`] in which [`prewarm`] made the states the usual texts of a
/// catalog need ([`WARM_TEXTS`]). Each thread's first search starts from a copy of them
/// instead of empty caches: the lazy DFAs were otherwise determinised again on every
/// thread, state after state, while they checked (about a twentieth of the CPU time of a
/// 10 MB catalog checked with the usual rules). A cache holds only what the DFA would build
/// anyway, so the spans found are the same whatever it holds.
static WARM: OnceLock<(DfaCache, DfaCache)> = OnceLock::new();

/// Texts like those of software catalogs, English and Chinese, with the things
/// [`PATTERNS`] find: the states their searches reach are most of those a catalog needs.
const WARM_TEXTS: &[&str] = &[
    "Usage: %s [OPTION]... [FILE]...",
    "用法：%s [选项]... [文件]...",
    "cannot open '%s': %s (error %d)",
    "无法打开“%s”：%s（错误 %d）",
    "%1$s of %2$d files, %3$.2f%% done",
    "%-10s %5lu %lld %#x %zu %p %c %%",
    "Copyright (C) 2020 Free Software Foundation, Inc.",
    "See https://www.gnu.org/licenses/gpl.html or http://example.org/path?a=1&b=2#x.",
    "参见 https://www.gnu.org/licenses/ 获取更多信息。",
    "Report bugs to <bug-coreutils@gnu.org> or user.name+tag@example.co.uk.",
    "请将错误报告给 bug@example.org。",
    "Use `git add <file>...` to update what will be committed.",
    "使用 `git add <文件>...` 更新要提交的内容",
    "<b>Bold</b> <a href=\"https://x.org\">link</a> <br/> <span class='x'>text</span>",
    "&amp; &lt; &#x4E2D; &#123; &nbsp;",
    "Options: --verbose, -v, --output=FILE, --color[=WHEN]",
    "选项：--verbose、-v、--output=文件",
    "/usr/share/locale, ~/.config/app/settings.conf, C:\\Program Files\\x, ./run.sh ../x/y",
    "Edit core.autocrlf and user.email in .git/config; see README.md and config.toml.",
    "snake_case_name MAX_PATH_LENGTH x86_64 utf-8 UTF-8 i18n",
    "{0} of {1} {name} {count:d} {{ user.name }} ${HOME} $PATH %{count} %(name)s %(count)d",
    "文件 %s 第 %d 个，共 %lu 个 (%.1f%%)",
    "The file “%s” was not found.",
    "File '%s' is 3.5 MB; version 1.2.3, build 2024-01-31, 10:30.",
    "Press Ctrl+C to abort... 50% complete; e.g. 1,024 bytes, i.e. x.",
    "%<PRIu64> bytes in %<PRId32> blocks",
    "Error: %s: %s\n",
    "错误：%s：%s\n",
    "a.b.c() foo.bar_baz() obj.method() www.example.com ftp://host/file",
    "--no-verify -f --force-with-lease=origin/main -- path/to/file.txt",
    "%s: option '%s%s' requires an argument",
    "%s：选项“%s%s”需要一个参数",
    "e-mail: name@host.domain, tags <tag attr=\"v\" other=x/>, </end>",
];

/// Build [`dfas`] and [`WARM`]'s caches, where a core would otherwise be idle (see
/// [`crate::checks::prewarm`]): the first search of every thread waited for the DFAs to be
/// built, and each thread determinised the usual states again.
pub fn prewarm() {
    let Some(d) = dfas() else {
        return;
    };
    WARM.get_or_init(|| {
        let mut caches = (d.forward.create_cache(), d.reverse.create_cache());
        let mut out = Vec::new();
        for t in WARM_TEXTS {
            out.clear();
            let _ = find_spans_into(t, &mut caches, &mut out);
        }
        caches
    });
}

/// Caches for a thread's searches of [`dfas`]: a copy of [`WARM`]'s when they are ready,
/// else empty ones (never waiting for them).
fn thread_caches(d: &Dfas) -> (DfaCache, DfaCache) {
    match WARM.get() {
        Some(warm) => warm.clone(),
        None => (d.forward.create_cache(), d.reverse.create_cache()),
    }
}

/// The matches of [`PATTERNS`] in `text`, exactly as the meta regex's `find_iter` finds
/// them, but cheaper on short Chinese texts, where the meta regex spent most of its time:
/// - a search starts at the ASCII run holding the next [`trigger`] byte, since a match
///   starts there or later (the part of a match before its first trigger is ASCII), and
///   none is needed once no trigger is left;
/// - the start of a match is found by a reverse search anchored on the pattern that
///   matched (the meta regex runs every pattern backwards, and the code-span and
///   `--option=value` patterns scan back to the start of the line).
///
/// The leftmost match ending where the forward search stopped starts where the reverse
/// search of its own pattern stops: a match of any pattern starting further left would
/// have been found first. `None` when the DFAs fail (they do not, with these patterns: no
/// Unicode word boundary; the caller falls back on the meta regex).
fn find_spans_into(text: &str, cache: &mut (DfaCache, DfaCache), out: &mut Spans) -> Option<()> {
    let d = dfas()?;
    let h = text.as_bytes();
    let mut at = 0;
    while let Some(t) = find_ascii(h, at, |_, b| trigger(b)) {
        let mut from = t;
        while from > at && h[from - 1].is_ascii() {
            from -= 1;
        }
        // Most ASCII runs holding a trigger in Chinese text are a placeholder and
        // punctuation (` "%s" `, `%s: `, ` <`, `.`): they are read here, without the DFAs.
        match quick_scan(h, from) {
            Quick::Nothing(end) => {
                at = end;
                continue;
            }
            Quick::Placeholder(p) => {
                out.push((p..p + 2, Protected::Placeholder));
                at = p + 2;
                continue;
            }
            Quick::Search(k) => from = k,
        }
        let input = Input::new(text).range(from..h.len());
        let Some(end) = d.forward.try_search_fwd(&mut cache.0, &input).ok()? else {
            break;
        };
        let input = Input::new(text)
            .range(from..end.offset())
            .anchored(Anchored::Pattern(end.pattern()));
        let start = d.reverse.try_search_rev(&mut cache.1, &input).ok()??;
        if start.offset() >= end.offset() {
            // No pattern matches the empty string; an empty match would need the meta
            // regex's rules for advancing past it.
            return None;
        }
        out.push((
            start.offset()..end.offset(),
            PATTERNS[end.pattern().as_usize()].0,
        ));
        at = end.offset();
    }
    Some(())
}

/// What [`quick_scan`] makes of an ASCII run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Quick {
    /// No match starts before this offset (the end of the run).
    Nothing(usize),
    /// The next match is the two-byte placeholder (`%s`, `%d`...) at this offset.
    Placeholder(usize),
    /// No match starts before this offset, where the DFAs must take over.
    Search(usize),
}

/// Reads the ASCII run from `from`, where a search for the next match of [`PATTERNS`] may
/// start (no match starts between the previous match and `from`), as far as it can tell
/// without the DFAs where the next match starts. A match starts only at a letter, a digit
/// or one of `_ . % + - / \` < & $ {` ([`may_start_at`]); bytes where none can start are
/// passed over. At a `%` followed by a conversion letter (`%s`, `%d`, `%u`...), the
/// printf pattern matches those two bytes; the only pattern before it that can start
/// with `%` is the e-mail one, which needs a word character before the `%` (its `\b`)
/// and, after the two bytes, more of a local part or the `@`.
/// (`find_spans_agree_with_the_meta_regex` holds this to the patterns.)
#[inline]
fn quick_scan(h: &[u8], from: usize) -> Quick {
    let mut k = from;
    while let Some(&c) = h.get(k) {
        if !c.is_ascii() {
            return Quick::Nothing(k);
        }
        if !may_start_at(h, k, c) {
            k += 1;
            continue;
        }
        if c == b'%'
            && h.get(k + 1).is_some_and(|&n| is_conversion(n))
            && (k == 0
                || !is_word_byte(h[k - 1])
                || !h.get(k + 2).is_some_and(|&n| email_local_or_at(n)))
        {
            return Quick::Placeholder(k);
        }
        return Quick::Search(k);
    }
    Quick::Nothing(k)
}

/// A printf conversion letter that [`PATTERNS`]' printf pattern takes right after the
/// `%` and that nothing else in it takes there (not a flag, width, precision or length).
#[inline]
fn is_conversion(b: u8) -> bool {
    matches!(
        b,
        b'd' | b'i'
            | b'o'
            | b'u'
            | b'x'
            | b'X'
            | b'e'
            | b'E'
            | b'f'
            | b'F'
            | b'g'
            | b'G'
            | b'a'
            | b'A'
            | b'c'
            | b's'
            | b'p'
            | b'n'
    )
}

/// A word byte of `(?-u:\b)`.
#[inline]
fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// A byte of an e-mail address's local part, or its `@`.
#[inline]
fn email_local_or_at(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'%' | b'+' | b'-' | b'@')
}

/// Whether a match of some pattern of [`PATTERNS`] may start at byte `k` (which is `c`),
/// judged from `c` and the byte after it; `false` only where none can. A match starts
/// with a letter or digit (URL, e-mail, path, identifiers), `_ . % + - /` (e-mail local
/// part, path, option, file name), `` ` `` (code), `<` before a letter or `/` (tag), `&`
/// before a letter or `#` (entity), `$` before `{` or a capital or `_`, `{` before `{`, a
/// digit, a letter or `_`. Of `_ . + - /`, each goes on with a byte of
/// `[A-Za-z0-9_.%+/@-]` (the rest of a local part or its `@`, of a path or a file name,
/// an option's name); `%` with an ASCII byte.
#[inline]
fn may_start_at(h: &[u8], k: usize, c: u8) -> bool {
    let next = h.get(k + 1).copied();
    match c {
        b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'`' => true,
        b'_' | b'.' | b'+' | b'-' | b'/' => next.is_some_and(|n| {
            n.is_ascii_alphanumeric() || matches!(n, b'_' | b'.' | b'%' | b'+' | b'/' | b'@' | b'-')
        }),
        b'%' => next.is_some_and(|n| n.is_ascii()),
        b'<' => next.is_some_and(|n| n.is_ascii_alphabetic() || n == b'/'),
        b'&' => next.is_some_and(|n| n.is_ascii_alphabetic() || n == b'#'),
        b'$' => next.is_some_and(|n| n.is_ascii_uppercase() || matches!(n, b'_' | b'{')),
        b'{' => next.is_some_and(|n| n.is_ascii_alphanumeric() || matches!(n, b'_' | b'{')),
        _ => false,
    }
}

/// [`find_spans_into`] a new vector.
#[cfg(test)]
fn find_spans(text: &str, cache: &mut (DfaCache, DfaCache)) -> Option<Spans> {
    let mut out = Vec::new();
    find_spans_into(text, cache, &mut out)?;
    Some(out)
}

/// The protected spans of `text`, sorted and non-overlapping.
pub fn protected_spans(text: &str) -> Vec<(Range<usize>, Protected)> {
    protected_spans_shared(text).map_or_else(Vec::new, |s| s.to_vec())
}

/// Protected spans as [`protected_spans_shared`] gives them: shared with its per-thread
/// cache of recent texts, so that a check asking again about a text it or another check
/// asked about gets them without a copy.
pub type SharedSpans = std::rc::Rc<[(Range<usize>, Protected)]>;

/// [`protected_spans`] of `text`, shared (`None` when there is none).
pub fn protected_spans_shared(text: &str) -> Option<SharedSpans> {
    // Fast path: nothing that could start a protected span.
    if !may_hold_span(text) {
        return None;
    }
    // Every check of a segment asks about the same two texts, one after the other, on one
    // thread: the last few answers are kept so that the regex runs once per text.
    thread_local! {
        static RECENT: std::cell::RefCell<Recent> = std::cell::RefCell::new(Recent::default());
    }
    RECENT.with(|recent| {
        let mut recent = recent.borrow_mut();
        if let Some(spans) = recent.get(text) {
            return spans.clone();
        }
        let recent = &mut *recent;
        let mut found = std::mem::take(&mut recent.scratch);
        found.clear();
        let searched = match &mut recent.caches {
            Some(c) => find_spans_into(text, c, &mut found),
            None => dfas().and_then(|d| {
                let c = recent.caches.insert(thread_caches(d));
                find_spans_into(text, c, &mut found)
            }),
        };
        if searched.is_none() {
            found = regex_spans(text);
        }
        let spans: Option<SharedSpans> = (!found.is_empty()).then(|| found.as_slice().into());
        recent.scratch = found;
        recent.put(text, &spans);
        spans
    })
}

/// Whether any of [`PATTERNS`] could match in `text`: exact, in that `false` means no
/// span. Every pattern needs a [`trigger`] byte other than `-`, `.` and `:` (a URL's `://`
/// has its slashes, a path's slash...), except three: an option needs `-` before a letter or
/// `-`, a dotted name or file name `.` before a letter, and `www.` itself. So sentences whose only such bytes
/// are a full stop, a hyphen before a space or a colon skip the regex.
fn may_hold_span(text: &str) -> bool {
    let bytes = text.as_bytes();
    // Every byte looked at is ASCII: runs of Chinese are skipped eight bytes at a time.
    find_ascii(bytes, 0, |i, b| may_start_span(bytes, i, b)).is_some()
}

/// [`may_hold_span`]'s test of byte `b` at `i`.
#[inline]
fn may_start_span(bytes: &[u8], i: usize, b: u8) -> bool {
    match b {
        b'.' => {
            bytes.get(i + 1).is_some_and(u8::is_ascii_alphabetic) || bytes[..i].ends_with(b"www")
        }
        b'-' => bytes
            .get(i + 1)
            .is_some_and(|n| n.is_ascii_alphabetic() || *n == b'-'),
        // A URL's `:` comes with its `//`.
        b':' => false,
        _ => trigger(b),
    }
}

/// The matches of [`PATTERNS`] by the meta regex.
fn regex_spans(text: &str) -> Spans {
    patterns()
        .find_iter(text)
        .map(|m| (m.range(), PATTERNS[m.pattern().as_usize()].0))
        .collect()
}

/// The spans of one text, as [`protected_spans`] gives them.
type Spans = Vec<(Range<usize>, Protected)>;

/// How many texts [`protected_spans`] remembers per thread.
const RECENT_TEXTS: usize = 4;

/// The last texts [`protected_spans`] analysed on this thread, with their spans.
#[derive(Default)]
struct Recent {
    slots: [(String, Option<SharedSpans>); RECENT_TEXTS],
    next: usize,
    /// The buffer searches write their spans into.
    scratch: Spans,
    /// This thread's search caches of [`dfas`], made on first use.
    caches: Option<(DfaCache, DfaCache)>,
}

impl Recent {
    fn get(&self, text: &str) -> Option<&Option<SharedSpans>> {
        self.slots
            .iter()
            .find(|(t, _)| t == text)
            .map(|(_, spans)| spans)
    }

    fn put(&mut self, text: &str, spans: &Option<SharedSpans>) {
        // Very long texts are not worth a copy.
        if text.len() > 4096 {
            return;
        }
        let (t, s) = &mut self.slots[self.next];
        t.clear();
        t.push_str(text);
        *s = spans.clone();
        self.next = (self.next + 1) % RECENT_TEXTS;
    }
}

/// Whether byte offset `at` lies inside one of `spans` (as returned by [`protected_spans`]).
pub fn is_protected(spans: &[(Range<usize>, Protected)], at: usize) -> bool {
    let i = spans.partition_point(|(r, _)| r.end <= at);
    spans.get(i).is_some_and(|(r, _)| r.start <= at)
}

/// Whether range `r` overlaps one of `spans`.
pub fn overlaps_protected(spans: &[(Range<usize>, Protected)], r: &Range<usize>) -> bool {
    let i = spans.partition_point(|(s, _)| s.end <= r.start);
    spans.get(i).is_some_and(|(s, _)| s.start < r.end)
}

/// A set of byte ranges, sorted and merged, answering "is this offset inside one?" by binary
/// search. Scanning a list of ranges for every character is quadratic on long segments with
/// many placeholders or URLs.
#[derive(Debug, Clone, Default)]
pub struct SpanSet(Vec<Range<usize>>);

impl SpanSet {
    /// Sort and merge `ranges` (empty ones are dropped).
    pub fn new(mut ranges: Vec<Range<usize>>) -> Self {
        ranges.retain(|r| r.start < r.end);
        ranges.sort_by_key(|r| r.start);
        let mut out: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
        for r in ranges {
            match out.last_mut() {
                Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
                _ => out.push(r),
            }
        }
        SpanSet(out)
    }

    /// Whether byte offset `at` lies inside one of the ranges.
    pub fn contains(&self, at: usize) -> bool {
        let i = self.0.partition_point(|r| r.end <= at);
        self.0.get(i).is_some_and(|r| r.start <= at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_set_merges_and_finds() {
        let s = SpanSet::new(vec![5..8, 0..2, 7..10, 3..3, 20..21]);
        let inside: Vec<usize> = (0..25).filter(|&i| s.contains(i)).collect();
        assert_eq!(inside, vec![0, 1, 5, 6, 7, 8, 9, 20]);
        assert!(!SpanSet::default().contains(0));
    }

    fn kinds(text: &str) -> Vec<(&str, Protected)> {
        protected_spans(text)
            .into_iter()
            .map(|(r, k)| (&text[r], k))
            .collect()
    }

    #[test]
    fn finds_the_usual_suspects() {
        assert_eq!(
            kinds("see https://example.org/a?b=1, then"),
            vec![("https://example.org/a?b=1", Protected::Url)]
        );
        assert_eq!(
            kinds("mail a@b.org now"),
            vec![("a@b.org", Protected::Email)]
        );
        assert_eq!(
            kinds("删除 %s 和 %1$d 和 {name} 和 %(x)s"),
            vec![
                ("%s", Protected::Placeholder),
                ("%1$d", Protected::Placeholder),
                ("{name}", Protected::Placeholder),
                ("%(x)s", Protected::Placeholder)
            ]
        );
        assert_eq!(
            kinds("a <b>x</b>"),
            vec![("<b>", Protected::Tag), ("</b>", Protected::Tag)]
        );
        assert_eq!(kinds("a &amp; b"), vec![("&amp;", Protected::Entity)]);
        assert_eq!(kinds("run `git add`"), vec![("`git add`", Protected::Code)]);
        assert_eq!(
            kinds("use --amend"),
            vec![("--amend", Protected::Identifier)]
        );
        assert_eq!(
            kinds("set core.autocrlf"),
            vec![("core.autocrlf", Protected::Identifier)]
        );
        assert_eq!(
            kinds("in /usr/share/locale"),
            vec![("/usr/share/locale", Protected::Identifier)]
        );
        assert_eq!(
            kinds("read file.txt"),
            vec![("file.txt", Protected::Identifier)]
        );
    }

    #[test]
    fn plain_prose_is_not_protected() {
        assert!(kinds("China is one of the main victims of cyber-attack.")
            .iter()
            .all(|(s, _)| *s != "cyber-attack"));
        assert!(kinds("in 2020, 52,000 servers").is_empty());
    }

    #[test]
    fn spans_glued_to_chinese_are_found() {
        // Word boundaries are ASCII: a Han character next to a URL or placeholder is not a
        // word character of the span; a URL ends before Han characters glued to it.
        assert_eq!(
            kinds("访问https://example.org/a获取"),
            vec![("https://example.org/a", Protected::Url)]
        );
        assert_eq!(
            kinds("目录$HOME下"),
            vec![("$HOME", Protected::Placeholder)]
        );
        assert_eq!(kinds("共%1个"), vec![("%1", Protected::Placeholder)]);
        assert_eq!(
            kinds("使用--amend选项"),
            vec![("--amend", Protected::Identifier)]
        );
        assert_eq!(
            kinds("打开file.txt文件"),
            vec![("file.txt", Protected::Identifier)]
        );
    }

    /// The trigger-skipping search finds exactly what the meta regex finds, on every line
    /// of the test fixtures and on texts made to stretch each pattern (spans holding
    /// Chinese, look-around at the edges of ASCII runs, matches back to back).
    #[test]
    fn dfa_search_finds_what_the_regex_finds() {
        let d = dfas().expect("the patterns build as lazy DFAs");
        let mut caches = (d.forward.create_cache(), d.reverse.create_cache());
        let mut texts: Vec<String> = Vec::new();
        let mut dirs = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures"
        ))];
        dirs.push(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/seed").into());
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    dirs.push(path);
                } else if let Ok(content) = std::fs::read_to_string(&path) {
                    texts.extend(content.lines().map(String::from));
                    texts.push(content);
                }
            }
        }
        let pieces = [
            "中文",
            "%d",
            "%s@",
            "`代码 x`",
            "`",
            "<a href=\"链接\">",
            "<b>",
            "</b>",
            "&amp;",
            "&#x4E2D;",
            "%s",
            "%1$d",
            "%(名字)s",
            "%(name)s",
            "%{x}",
            "${HOME}",
            "{{ name }}",
            "{0,数字}",
            "{name:中}",
            "{0}",
            "%12",
            "$HOME",
            "--opt=值",
            "-v",
            "a--b",
            "/usr/share",
            "C:\\x/y",
            "./a/b",
            "snake_case",
            "core.autocrlf",
            "obj.method()",
            "file.txt",
            "https://例え.jp/パス",
            "www.example.org",
            "mail@example.org",
            "ab@",
            ".",
            ":",
            "-",
            "_",
            "/",
            "@",
            " ",
            "　",
            "，",
            "x",
            "Ab9",
            "é",
            "かな",
            "\n",
            "=",
            "{",
            "}",
            "\"%s\"",
            " '%u' ",
            ": %s",
            "%c",
            "%%",
            "% d",
            "%x",
            "<",
            "<文件>",
            " - ",
            "$",
            "&",
            "+",
            "\\",
            "'",
            "\"",
            "(",
            ")",
            "#",
            "*",
        ];
        texts.extend(crate::checks::testing::generated_texts(
            &pieces, 7, 20000, 9,
        ));
        assert!(texts.len() > 20000);
        // The gate as a plain byte-by-byte scan: the word-at-a-time one must agree.
        let byte_gate = |t: &str| {
            let bytes = t.as_bytes();
            (0..bytes.len()).any(|i| may_start_span(bytes, i, bytes[i]))
        };
        // Caches copied from the warmed ones find the same.
        prewarm();
        let mut warm = thread_caches(d);
        assert!(warm.0.memory_usage() > caches.0.memory_usage());
        for t in &texts {
            let spans = Some(regex_spans(t));
            assert_eq!(find_spans(t, &mut caches), spans, "{t:?}");
            assert_eq!(find_spans(t, &mut warm), spans, "{t:?}");
            assert_eq!(may_hold_span(t), byte_gate(t), "{t:?}");
        }
        for t in WARM_TEXTS {
            assert_eq!(find_spans(t, &mut warm), Some(regex_spans(t)), "{t:?}");
        }
    }

    /// A `%s` or `%d` standing alone between Chinese words is taken without the DFAs, and
    /// exactly as the patterns take it; one that is part of something else is not.
    #[test]
    fn lone_placeholders_match_like_the_patterns() {
        let d = dfas().expect("the patterns build as lazy DFAs");
        let mut caches = (d.forward.create_cache(), d.reverse.create_cache());
        for t in [
            "%s",
            "%d",
            "%s ",
            "删除%s文件",
            "共 %d 个",
            "%s%d",
            "%s%s",
            "%s@example.org",
            "%d@example.org",
            "x%s@example.org 中",
            "中%s@example.org",
            "中%sfoo",
            "中%ss中",
            "中%s.txt",
            "中%s/路径",
            "中%d%%",
            "中%s，%d。",
            "a%s中",
            "%d_x 中",
            "中%s\n",
            "中%",
            "中%x",
            "%",
            " \"%s\" ",
            "中 '%u' 中",
            "中%s: %d中",
            "中: %lu中",
            "a%s@example.org",
            "a_%s@example.org",
            "a %s@example.org",
            "中%c%s中",
            "中%%中",
            "中% d中",
            "中 <文件> 中",
            "中 - 中",
            "中. 中",
            "中.中",
            "中-x中",
            "中/中",
            "中/a/中",
            "中&中",
            "中&#1;中",
            "中$中",
            "中$A1中",
            "中{中",
            "中{0}中",
            "中+中",
            "中+a@b.org中",
            "中\\中",
            "(%s)",
            "[%s]",
            "%s_%s",
            "中x%s中",
        ] {
            assert_eq!(find_spans(t, &mut caches), Some(regex_spans(t)), "{t:?}");
        }
        assert_eq!(quick_scan(b"\xe4%s\xe4", 1), Quick::Placeholder(1));
        assert_eq!(quick_scan(b"%d", 0), Quick::Placeholder(0));
        assert_eq!(quick_scan(b" \"%s\"", 0), Quick::Placeholder(2));
        assert_eq!(quick_scan(b"%sx", 0), Quick::Placeholder(0));
        assert_eq!(quick_scan(b"a%s@", 1), Quick::Search(1));
        assert_eq!(quick_scan(b" %s@", 1), Quick::Placeholder(1));
        assert_eq!(quick_scan(b"%", 0), Quick::Nothing(1));
        assert_eq!(quick_scan(b": <\xe4", 0), Quick::Nothing(3));
        assert_eq!(quick_scan(b" - x", 0), Quick::Search(3));
    }

    #[test]
    fn the_gate_only_turns_away_texts_without_spans() {
        let mut gated = 0;
        for t in [
            "Done.",
            "Done. Next",
            "well-known",
            "a - b",
            "a -- b",
            "time: 5",
            "C: drive",
            "www.",
            "www.1",
            "x.y",
            "x -y",
            "--",
            "-",
            ".",
            "e.g.",
            "a.txt",
            "no spans here",
            "see https://example.org",
            "50%",
            "{x}",
            "$HOME",
            "<b>",
            "&amp;",
            "`x`",
            "a_b",
            "a@b.org",
            "C:/x",
            "中文。",
            "a .b",
            "1.5",
            "-1",
            "a-1",
        ] {
            let full: Vec<_> = patterns()
                .find_iter(t)
                .map(|m| (m.range(), PATTERNS[m.pattern().as_usize()].0))
                .collect();
            assert_eq!(protected_spans(t), full, "{t:?}");
            if !may_hold_span(t) {
                assert!(full.is_empty(), "{t:?}: {full:?}");
                gated += 1;
            }
        }
        assert!(gated >= 8, "{gated}");
    }

    #[test]
    fn lookup() {
        let spans = protected_spans("x %s y");
        assert!(is_protected(&spans, 2));
        assert!(is_protected(&spans, 3));
        assert!(!is_protected(&spans, 4));
        assert!(overlaps_protected(&spans, &(0..3)));
        assert!(!overlaps_protected(&spans, &(4..6)));
    }
}
