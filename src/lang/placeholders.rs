//! Placeholders (format directives) in translatable strings: printf (`%s`, `%1$s`,
//! `%-10lu`, `%<PRIdMAX>`), Python (`%(name)s`, `{name}`, `{0}`), ICU MessageFormat
//! arguments (`{count, plural, other {# files}}`), Qt (`%1`, `%L1`), Ruby (`%{x}`,
//! `%<x>d`) and shell (`${x}`, `$VAR`).
//!
//! [`Formats::for_segment`] decides which syntaxes apply to a segment: the file's flags
//! (`c-format`, `python-format`, `python-brace-format`, `qt-format`, `no-c-format`...) where
//! present, heuristics otherwise. [`extract`] lists the placeholders of a text with their
//! argument slot and a normalised type signature, so that two texts can be compared.

use std::ops::Range;

/// A placeholder syntax family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Family {
    /// C/POSIX printf, with Python `%(name)s` when Python formats apply.
    Printf,
    /// Python `str.format` / ICU / .NET / Java MessageFormat braces.
    Brace,
    /// Qt / KDE `%1`.
    Qt,
    /// Ruby `%{name}` and `%<name>s`.
    Ruby,
    /// Shell `${name}` and `$NAME`.
    Shell,
}

impl Family {
    /// A short human name.
    pub fn name(self) -> &'static str {
        match self {
            Family::Printf => "printf",
            Family::Brace => "brace",
            Family::Qt => "Qt",
            Family::Ruby => "Ruby",
            Family::Shell => "shell",
        }
    }
}

/// Which argument a placeholder consumes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Slot {
    /// The next argument in order (`%s`, `{}`).
    Next,
    /// An explicit position, 1-based for printf and Qt, as written for braces (`{0}`).
    Pos(u32),
    /// A named argument (`%(name)s`, `{name}`, `%{name}`, `${name}`).
    Name(String),
    /// No argument (`%m`).
    None,
}

/// One placeholder found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placeholder {
    /// Byte range in the text.
    pub range: Range<usize>,
    /// Its syntax.
    pub family: Family,
    /// The argument it consumes.
    pub slot: Slot,
    /// Normalised type signature: what must stay equal in a translation (`d`, `ld`,
    /// `06ld`, `s`, `plural`...). Field width on string conversions is left out.
    pub spec: String,
    /// Why the placeholder is broken, when it is (`％s`, `{名称}`, a stray `%`).
    pub broken: Option<&'static str>,
}

/// The placeholder syntaxes that apply to a segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Formats {
    /// printf directives.
    pub printf: bool,
    /// Python `%(name)s` inside printf.
    pub python: bool,
    /// Brace placeholders.
    pub brace: bool,
    /// `{{` and `}}` are literal braces (Python `str.format`).
    pub brace_escapes: bool,
    /// Brace placeholders come from a flag (not guessed).
    pub brace_flagged: bool,
    /// Qt `%1`.
    pub qt: bool,
    /// Ruby `%{x}`.
    pub ruby: bool,
    /// Shell `${x}` and `$NAME`; with `shell_lower`, `$name` too.
    pub shell: bool,
    /// `$name` in lower case counts (sh-format).
    pub shell_lower: bool,
    /// The syntax comes from a flag: a `%` that starts no valid directive is an error.
    pub strict: bool,
}

const NONE: Formats = Formats {
    printf: false,
    python: false,
    brace: false,
    brace_escapes: false,
    brace_flagged: false,
    qt: false,
    ruby: false,
    shell: false,
    shell_lower: false,
    strict: false,
};

impl Formats {
    /// Every syntax, guessed from the text (no flags).
    pub fn heuristic() -> Formats {
        Formats {
            printf: true,
            python: true,
            brace: true,
            brace_escapes: false,
            brace_flagged: false,
            qt: true,
            ruby: true,
            shell: true,
            shell_lower: false,
            strict: false,
        }
    }

    /// Decide from a segment's flags and its source text. A positive `X-format` flag names
    /// exactly the syntaxes to check; `no-X-format` turns one off; without flags every
    /// syntax is guessed. A source that reads as a strftime pattern (`%Y-%m-%d`) is not
    /// printf unless a flag says so.
    pub fn for_segment(flags: &[String], source: &str) -> Formats {
        let mut f = NONE;
        let mut positive = false;
        for flag in flags {
            let flag = flag.trim();
            let Some(name) = flag.strip_suffix("-format") else {
                continue;
            };
            if name.starts_with("no-") {
                continue;
            }
            positive = true;
            match name {
                "c" | "objc" | "awk" | "php" | "lua" | "java-printf" | "gcc-internal"
                | "gfc-internal" | "perl" | "tcl" | "javascript" | "elisp" | "librep"
                | "object-pascal" | "d" | "go" | "rust" | "modula2" => {
                    f.printf = true;
                    f.strict = true;
                }
                "python" => {
                    f.printf = true;
                    f.python = true;
                    f.strict = true;
                }
                "python-brace" | "perl-brace" | "c++" | "csharp" | "java" | "icu" => {
                    f.brace = true;
                    f.brace_flagged = true;
                    f.brace_escapes = name == "python-brace" || name == "c++";
                }
                "qt" | "kde" | "kde-kuit" | "qt-plural" | "boost" => f.qt = true,
                "sh" => {
                    f.shell = true;
                    f.shell_lower = true;
                }
                "ruby" => f.ruby = true,
                // a syntax we do not know: check nothing rather than guess
                _ => {}
            }
        }
        if positive {
            return f;
        }
        let mut f = Formats::heuristic();
        for flag in flags {
            match flag.trim() {
                "no-c-format" | "no-objc-format" | "no-awk-format" | "no-php-format" => {
                    f.printf = false;
                    f.python = false;
                }
                "no-python-format" => f.python = false,
                "no-python-brace-format" | "no-csharp-format" | "no-java-format" => f.brace = false,
                "no-qt-format" | "no-kde-format" => f.qt = false,
                "no-sh-format" => f.shell = false,
                _ => {}
            }
        }
        if f.printf && looks_like_strftime(source) {
            f.printf = false;
            f.qt = false;
        }
        f
    }
}

/// Whether `text` reads as a strftime/date pattern: it has a conversion that printf does
/// not have (`%Y`, `%H`, `%M`, `%B`...).
pub fn looks_like_strftime(text: &str) -> bool {
    let b = text.as_bytes();
    // Only a `%` starts anything below: straight to the first one (most texts have none).
    let Some(mut i) = memchr::memchr(b'%', b) else {
        return false;
    };
    while i + 1 < b.len() {
        if b[i] == b'%' {
            let mut j = i + 1;
            if b[j] == b'%' {
                i += 2;
                continue;
            }
            // glibc strftime flags and modifiers: %-d, %_H, %0e, %^a, %Ey, %Od
            let fstart = j;
            while j < b.len() && matches!(b[j], b'-' | b'_' | b'0' | b'^' | b'#') {
                j += 1;
            }
            let glibc_flag = b[fstart..j].iter().any(|c| matches!(c, b'-' | b'_' | b'^'));
            if glibc_flag
                && j < b.len()
                && matches!(
                    b[j],
                    b'd' | b'e'
                        | b'm'
                        | b'H'
                        | b'I'
                        | b'j'
                        | b'k'
                        | b'l'
                        | b'M'
                        | b'S'
                        | b'y'
                        | b'Y'
                        | b'b'
                        | b'a'
                        | b'A'
                        | b'B'
                )
                && !b.get(j + 1).is_some_and(|c| c.is_ascii_alphabetic())
            {
                return true;
            }
            if j < b.len() && matches!(b[j], b'E' | b'O') && j + 1 < b.len() {
                j += 1;
            }
            if j < b.len()
                && matches!(
                    b[j],
                    b'Y' | b'H'
                        | b'M'
                        | b'B'
                        | b'y'
                        | b'Z'
                        | b'T'
                        | b'D'
                        | b'R'
                        | b'U'
                        | b'W'
                        | b'V'
                        | b'G'
                        | b'P'
                        | b'k'
                        | b'b'
                        | b'A'
                )
            {
                // `%b` / `%A` are strftime only next to a clear date field
                if matches!(b[j], b'b' | b'A') {
                    i = j + 1;
                    continue;
                }
                return true;
            }
            i = j.max(i + 1);
        } else {
            // Every other byte is stepped over: to the next `%`.
            match memchr::memchr(b'%', &b[i + 1..]) {
                Some(p) => i += 1 + p,
                None => return false,
            }
        }
    }
    false
}

/// Whether `text` has a byte a placeholder may start at, under any formats: `false` means
/// [`extract`] and [`extract_pair`] find none in it (the scan starts at such a byte).
pub fn may_hold_placeholder(text: &str) -> bool {
    let b = text.as_bytes();
    Starts::new(b).next(0) < b.len()
}

/// The placeholders of `text` under `formats`, in text order. Placeholders inside URLs
/// (`%20`) are not counted.
pub fn extract(text: &str, formats: &Formats) -> Vec<Placeholder> {
    extract_with(text, formats, &[]).0
}

/// The placeholders of a source and its target, judged alike: a guessed printf directive
/// glued to an English word in the source (`%XCan't`, `%-encoding`) is prose there, and
/// the same directive is prose in the target too (`%X无法`, `%-编码`).
pub fn extract_pair(
    source: &str,
    target: &str,
    formats: &Formats,
) -> (Vec<Placeholder>, Vec<Placeholder>) {
    let (src, glued) = extract_with(source, formats, &[]);
    let (tgt, _) = extract_with(target, formats, &glued);
    (src, tgt)
}

fn extract_with(
    text: &str,
    formats: &Formats,
    prose: &[String],
) -> (Vec<Placeholder>, Vec<String>) {
    let mut glued_out = Vec::new();
    let mut out = Vec::new();
    let b = text.as_bytes();
    // Only `%`, `{`, `}`, `$` and the full-width `％` and `｛` can start anything below;
    // every other byte is stepped over (a multi-byte character's other bytes are never
    // one of these). Most texts have none at all.
    let mut starts = Starts::new(b);
    let mut i = starts.next(0);
    if i == b.len() {
        return (out, glued_out);
    }
    // The URLs only matter for a `%`: found on the first one.
    let mut urls: Option<crate::lang::protect::SpanSet> = None;
    let mut in_url = |i: usize| {
        urls.get_or_insert_with(|| crate::lang::protect::SpanSet::new(url_spans(text)))
            .contains(i)
    };
    while i < b.len() {
        let c = b[i];
        if !may_start_placeholder(b, i) {
            i = starts.next(i + 1);
            continue;
        }
        if c == b'%' && in_url(i) {
            // inside a URL `%20` is an escape; only plain `%s`/`%d` are directives there
            let plain = ["%s", "%d", "%u"].iter().any(|d| text[i..].starts_with(d));
            if !(plain && formats.printf) {
                i += 1;
                continue;
            }
        }
        if c == b'%' {
            if b.get(i + 1) == Some(&b'%') && (formats.printf || formats.ruby) {
                i += 2;
                continue;
            }
            if formats.ruby {
                if let Some(p) = parse_ruby(text, i) {
                    i = p.range.end;
                    out.push(p);
                    continue;
                }
            }
            if formats.printf {
                if let Some((ps, glued)) = parse_printf(text, i, formats) {
                    let end = ps.last().map_or(i + 1, |p| p.range.end);
                    let directive = &text[i..end];
                    if glued {
                        glued_out.push(directive.to_string());
                        i = end;
                        continue;
                    }
                    if !formats.strict && prose.iter().any(|p| p == directive) {
                        i = end;
                        continue;
                    }
                    i = end;
                    out.extend(ps);
                    continue;
                }
            }
            if formats.qt {
                if let Some(p) = parse_qt(text, i) {
                    i = p.range.end;
                    out.push(p);
                    continue;
                }
            }
            if formats.printf && formats.strict {
                let end = text[i + 1..]
                    .chars()
                    .next()
                    .map_or(i + 1, |c| i + 1 + c.len_utf8());
                out.push(Placeholder {
                    range: i..end,
                    family: Family::Printf,
                    slot: Slot::None,
                    spec: String::new(),
                    broken: Some("`%` starts no valid directive (write `%%` for a percent sign)"),
                });
                i = end;
                continue;
            }
            i += 1;
        } else if c == b'{' && formats.brace {
            if formats.brace_escapes && b.get(i + 1) == Some(&b'{') {
                i += 2;
                continue;
            }
            match parse_brace(text, i) {
                // Without a flag, `{INTEGER}` in a --help text is a metavariable
                Some(ps)
                    if !formats.brace_flagged
                        && ps.len() == 1
                        && matches!(&ps[0].slot, Slot::Name(n) if n.len() >= 2
                            && n.chars().all(|c| c.is_ascii_uppercase() || c == '_' || c.is_ascii_digit())) =>
                {
                    i = ps[0].range.end;
                }
                Some(ps) if !ps.is_empty() => {
                    i = ps[0].range.end.max(i + 1);
                    out.extend(ps);
                }
                _ => i += 1,
            }
        } else if c == b'}' && formats.brace_escapes && b.get(i + 1) == Some(&b'}') {
            i += 2;
        } else if c == b'$' && formats.shell {
            match parse_shell(text, i, formats.shell_lower) {
                Some(p) => {
                    i = p.range.end;
                    out.push(p);
                }
                None => i += 1,
            }
        } else if c >= 0x80 {
            let ch = text[i..].chars().next().unwrap_or(' ');
            let len = ch.len_utf8();
            if ch == '％' && (formats.printf || formats.qt) {
                if let Some(p) = parse_fullwidth_percent(text, i, formats) {
                    i = p.range.end;
                    out.push(p);
                    continue;
                }
            }
            if ch == '｛' && formats.brace {
                if let Some(end) = text[i..].find('｝') {
                    let inner = &text[i + len..i + end];
                    if !inner.is_empty() && inner.chars().all(|c| c.is_alphanumeric() || c == '_') {
                        let end = i + end + '｝'.len_utf8();
                        out.push(Placeholder {
                            range: i..end,
                            family: Family::Brace,
                            slot: Slot::Name(inner.to_string()),
                            spec: String::new(),
                            broken: Some("full-width braces `｛｝` do not make a placeholder"),
                        });
                        i = end;
                        continue;
                    }
                }
            }
            i += len;
        } else {
            i += 1;
        }
    }
    (out, glued_out)
}

/// Whether the byte at `i` of `b` may start a placeholder for [`extract_with`]: `%`, `{`,
/// `}`, `$`, or the start of `％` or `｛` (any other character starting with their lead
/// byte 0xEF, such as the full-width `，` and `：` of Chinese text, starts none).
fn may_start_placeholder(b: &[u8], i: usize) -> bool {
    match b[i] {
        b'%' | b'{' | b'}' | b'$' => true,
        0xEF => matches!(b.get(i + 1..i + 3), Some([0xBC, 0x85] | [0xBD, 0x9B])),
        _ => false,
    }
}

/// The positions where [`may_start_placeholder`] holds, found by `memchr` searches: one for
/// `%`, `{` and `$`, one for `}` and `％`/`｛` (their lead byte 0xEF). The last hit of
/// each search is kept with where it started (no hit lies between the two), so that a text
/// is searched about once by each, whatever the number of calls.
struct Starts<'t> {
    b: &'t [u8],
    /// Where `next3` was searched from (`usize::MAX`: not yet).
    from3: usize,
    /// The first `%`, `{` or `$` at or after `from3` (or the text's length).
    next3: usize,
    /// Where `next2` was searched from (`usize::MAX`: not yet).
    from2: usize,
    /// The first `}`, `％` or `｛` at or after `from2` (or the text's length).
    next2: usize,
}

impl<'t> Starts<'t> {
    fn new(b: &'t [u8]) -> Self {
        Starts {
            b,
            from3: usize::MAX,
            next3: 0,
            from2: usize::MAX,
            next2: 0,
        }
    }

    /// The first position at or after `from` where a placeholder may start, or the length
    /// of the text.
    fn next(&mut self, from: usize) -> usize {
        let b = self.b;
        if from >= b.len() {
            return b.len();
        }
        if !(self.from3 <= from && from <= self.next3) {
            self.next3 =
                memchr::memchr3(b'%', b'{', b'$', &b[from..]).map_or(b.len(), |p| from + p);
            self.from3 = from;
        }
        if !(self.from2 <= from && from <= self.next2) {
            let mut at = from;
            self.next2 = loop {
                match memchr::memchr2(b'}', 0xEF, &b[at..]) {
                    None => break b.len(),
                    Some(p) if may_start_placeholder(b, at + p) => break at + p,
                    // `，`, `：` and the other characters led by 0xEF: the search goes on.
                    Some(p) => at += p + 1,
                }
                if at >= b.len() {
                    break b.len();
                }
            };
            self.from2 = from;
        }
        self.next3.min(self.next2)
    }
}

/// Searchers for `://` and `www.`.
type UrlFinders = (
    memchr::memmem::Finder<'static>,
    memchr::memmem::Finder<'static>,
);

/// The [`UrlFinders`], built once (this runs on every text of a corpus).
fn url_finders() -> &'static UrlFinders {
    static F: std::sync::OnceLock<UrlFinders> = std::sync::OnceLock::new();
    F.get_or_init(|| {
        (
            memchr::memmem::Finder::new("://"),
            memchr::memmem::Finder::new("www."),
        )
    })
}

/// Byte ranges of URLs (`scheme://…`, `www.…`) in `text`, ASCII only, trailing punctuation
/// left out.
pub fn url_spans(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let b = text.as_bytes();
    // Both needles hold a `:` or a `.`; a text with neither (most) has no URL.
    if memchr::memchr2(b':', b'.', b).is_none() {
        return out;
    }
    let (scheme_sep, www) = url_finders();
    let mut search = 0;
    while let Some(off) = scheme_sep.find(&b[search..]) {
        let sep = search + off;
        // scheme: letters before "://"
        let mut start = sep;
        while start > 0
            && (b[start - 1].is_ascii_alphanumeric() || matches!(b[start - 1], b'+' | b'-' | b'.'))
        {
            start -= 1;
        }
        while start < sep && !b[start].is_ascii_alphabetic() {
            start += 1;
        }
        let mut end = sep + 3;
        while end < b.len() && is_url_byte(b[end]) {
            end += 1;
        }
        end = trim_url_end(text, start, end);
        if start < sep && end > sep + 3 {
            out.push(start..end);
        }
        search = end.max(sep + 3);
    }
    // www. without a scheme
    let mut search = 0;
    while let Some(off) = www.find(&b[search..]) {
        let start = search + off;
        let boundary = start == 0
            || !(b[start - 1].is_ascii_alphanumeric()
                || b[start - 1] == b'/'
                || b[start - 1] == b'.');
        let mut end = start + 4;
        while end < b.len() && is_url_byte(b[end]) {
            end += 1;
        }
        end = trim_url_end(text, start, end);
        if boundary && end > start + 5 && !out.iter().any(|r: &Range<usize>| r.contains(&start)) {
            out.push(start..end);
        }
        search = end.max(start + 4);
    }
    out.sort_by_key(|r| r.start);
    out
}

fn is_url_byte(c: u8) -> bool {
    c.is_ascii_graphic()
        && !matches!(
            c,
            b'<' | b'>' | b'"' | b'`' | b'\\' | b'^' | b'{' | b'|' | b'}'
        )
}

fn trim_url_end(text: &str, start: usize, mut end: usize) -> usize {
    let b = text.as_bytes();
    loop {
        if end <= start {
            return end;
        }
        let c = b[end - 1];
        if matches!(c, b'.' | b',' | b';' | b':' | b'!' | b'?' | b'\'' | b'*') {
            end -= 1;
        } else if c == b')' {
            let s = &text[start..end];
            if s.matches('(').count() < s.matches(')').count() {
                end -= 1;
            } else {
                return end;
            }
        } else if c == b']' {
            let s = &text[start..end];
            if s.matches('[').count() < s.matches(']').count() {
                end -= 1;
            } else {
                return end;
            }
        } else {
            return end;
        }
    }
}

const PRINTF_CONV: &[u8] = b"diouxXeEfFgGaAcspnmSC@";

/// The placeholders of one printf directive: the directive, after the `*` width and
/// precision arguments it takes (almost always none; kept inline).
type Directive = smallvec::SmallVec<[Placeholder; 1]>;

fn parse_printf(text: &str, i: usize, f: &Formats) -> Option<(Directive, bool)> {
    let b = text.as_bytes();
    let mut j = i + 1;
    let mut name = None;
    if f.python && b.get(j) == Some(&b'(') {
        let close = text[j..].find(')')? + j;
        let n = &text[j + 1..close];
        if n.is_empty()
            || !n
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
        {
            return None;
        }
        name = Some(n.to_string());
        j = close + 1;
    }
    let mut pos = None;
    let digits_end = skip_digits(b, j);
    if name.is_none() && digits_end > j && b.get(digits_end) == Some(&b'$') {
        pos = text[j..digits_end].parse::<u32>().ok().filter(|p| *p > 0);
        pos?;
        j = digits_end + 1;
    }
    let fstart = j;
    while j < b.len() {
        match b[j] {
            b'-' | b'+' | b'#' | b'0' | b'\'' => j += 1,
            b' ' if f.strict => j += 1,
            b'I' if f.strict && b.get(j + 1).is_some_and(|c| b"dioux".contains(c)) => j += 1,
            _ => break,
        }
    }
    let flags = &text[fstart..j];
    let mut extra = Vec::new();
    // width
    let wstart = j;
    if b.get(j) == Some(&b'*') {
        j += 1;
        let d = skip_digits(b, j);
        let wpos = if d > j && b.get(d) == Some(&b'$') {
            let p = text[j..d].parse::<u32>().ok();
            j = d + 1;
            p
        } else {
            None
        };
        extra.push(wpos);
    } else {
        j = skip_digits(b, j);
    }
    let width = &text[wstart..j];
    // precision
    let pstart = j;
    if b.get(j) == Some(&b'.') {
        j += 1;
        if b.get(j) == Some(&b'*') {
            j += 1;
            let d = skip_digits(b, j);
            let ppos = if d > j && b.get(d) == Some(&b'$') {
                let p = text[j..d].parse::<u32>().ok();
                j = d + 1;
                p
            } else {
                None
            };
            extra.push(ppos);
        } else {
            j = skip_digits(b, j);
        }
    }
    let precision = &text[pstart..j];
    // length and conversion
    // Borrowed from the text unless rewritten (`i` is read as `d`): one allocation less
    // for most directives.
    let conv: std::borrow::Cow<'_, str>;
    if text[j..].starts_with("<PRI") {
        let close = text[j..].find('>')? + j;
        let inner = &text[j + 1..close];
        if !inner[3..].starts_with(|c: char| "diouxX".contains(c))
            || !inner.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        {
            return None;
        }
        conv = std::borrow::Cow::Borrowed(inner);
        j = close + 1;
    } else {
        let lstart = j;
        for l in [
            "hh", "ll", "I64", "I32", "h", "l", "L", "q", "j", "z", "Z", "t",
        ] {
            if text[j..].starts_with(l) {
                j += l.len();
                break;
            }
        }
        let c = *b.get(j)?;
        if !PRINTF_CONV.contains(&c) {
            return None;
        }
        if name.is_some() && !b"diouxXeEfFgGcrsa".contains(&c) && c != b'r' {
            return None;
        }
        j += 1;
        let written = &text[lstart..j];
        conv = match written.strip_suffix('i') {
            Some(head) => std::borrow::Cow::Owned(joined(&[head, "d"])),
            None => std::borrow::Cow::Borrowed(written),
        };
    }
    // Without a flag, keep guesses tight: `%s` glued to letters is likely a directive,
    // but a lone `%` followed by a word (`100%of`) is not worth an error.
    // `%-encoding`, `%age`: a directive glued to the rest of an English word is prose.
    // `%-encoding`, `%XCan't`: a directive glued to an English word is likely prose or a
    // program's own syntax (ld's `%X`); the caller decides (see [`extract_pair`]).
    // Glued means: the conversion letter starts a lower-case word of four letters or more
    // (`%-encoding`), or a capital follows a capital one (`%XCan't`, `%XX`); `%gs`, `%cx`,
    // `%llus`, `%dth`, `%sDate` stay directives.
    let word_len = 1 + b[j..].iter().take_while(|c| c.is_ascii_lowercase()).count();
    let glued = !f.strict
        && name.is_none()
        && !conv.starts_with("PRI")
        && conv.len() == 1
        && ((conv.as_bytes()[0].is_ascii_uppercase()
            && b.get(j).is_some_and(|c| c.is_ascii_uppercase()))
            || (word_len >= 4
                && matches!(
                    conv.as_bytes()[0],
                    b'a' | b'c' | b'e' | b'f' | b'g' | b'i' | b'n' | b'o' | b'p' | b'u' | b'x'
                )));
    let last = conv.chars().last().unwrap_or('s');
    let numeric = !matches!(last, 's' | 'c' | 'S' | 'C' | '@' | 'p' | 'm' | 'r' | 'a')
        || conv.starts_with("PRI");
    let spec = if numeric {
        let mut fl: Vec<char> = flags.chars().collect();
        fl.sort_unstable();
        fl.dedup();
        let fl: String = fl.into_iter().collect();
        let width = if fl.contains('0') { width } else { "" };
        let precision = if precision.starts_with(".*") {
            ".*"
        } else {
            precision
        };
        joined(&[&fl, width, precision, &conv])
    } else {
        // field width, `-` and a fixed precision (truncation) on strings are layout, as
        // for msgfmt; a `*` precision takes an argument and stays
        let fl: String = flags.chars().filter(|c| *c != '-').collect();
        let precision = if precision.starts_with(".*") {
            ".*"
        } else {
            ""
        };
        joined(&[&fl, precision, &conv])
    };
    let mut out = Directive::new();
    for e in extra {
        out.push(Placeholder {
            range: i..j,
            family: Family::Printf,
            slot: e.map_or(Slot::Next, Slot::Pos),
            spec: "*".into(),
            broken: None,
        });
    }
    let slot = if last == 'm' && !conv.starts_with("PRI") {
        Slot::None
    } else if let Some(n) = name {
        Slot::Name(n)
    } else if let Some(p) = pos {
        Slot::Pos(p)
    } else {
        Slot::Next
    };
    out.push(Placeholder {
        range: i..j,
        family: Family::Printf,
        slot,
        spec,
        broken: None,
    });
    Some((out, glued))
}

/// The strings `parts` one after the other, in one allocation (what `format!` makes, without
/// its formatting machinery: this runs for every printf directive of a corpus).
fn joined(parts: &[&str]) -> String {
    let mut s = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for p in parts {
        s.push_str(p);
    }
    s
}

fn skip_digits(b: &[u8], mut j: usize) -> usize {
    while j < b.len() && b[j].is_ascii_digit() {
        j += 1;
    }
    j
}

fn parse_ruby(text: &str, i: usize) -> Option<Placeholder> {
    let b = text.as_bytes();
    match b.get(i + 1) {
        Some(b'{') => {
            let close = text[i + 2..].find('}')? + i + 2;
            let n = &text[i + 2..close];
            let translated = !n.is_empty()
                && !n.is_ascii()
                && n.chars().all(|c| c.is_alphanumeric() || c == '_');
            if !is_ident(n) && !translated {
                return None;
            }
            Some(Placeholder {
                range: i..close + 1,
                family: Family::Ruby,
                slot: Slot::Name(n.into()),
                spec: String::new(),
                broken: translated.then_some("the placeholder name was translated"),
            })
        }
        Some(b'<') if !text[i + 1..].starts_with("<PRI") => {
            let close = text[i + 2..].find('>')? + i + 2;
            let n = &text[i + 2..close];
            if !is_ident(n) {
                return None;
            }
            let mut j = close + 1;
            while j < b.len()
                && matches!(b[j], b'-' | b'+' | b'0' | b' ' | b'#' | b'.' | b'0'..=b'9')
            {
                j += 1;
            }
            if !b.get(j).is_some_and(|c| b"diouxXeEfgGcsbBp".contains(c)) {
                return None;
            }
            Some(Placeholder {
                range: i..j + 1,
                family: Family::Ruby,
                slot: Slot::Name(n.into()),
                spec: text[close + 1..j + 1].to_string(),
                broken: None,
            })
        }
        _ => None,
    }
}

fn is_ident(s: &str) -> bool {
    let mut cs = s.chars();
    cs.next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && cs.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn parse_qt(text: &str, i: usize) -> Option<Placeholder> {
    let b = text.as_bytes();
    let mut j = i + 1;
    let localized = b.get(j) == Some(&b'L');
    if localized {
        j += 1;
    }
    let d = skip_digits(b, j);
    if d == j || d - j > 2 || b.get(d) == Some(&b'$') {
        // `%n` of qt-plural
        if !localized
            && b.get(j) == Some(&b'n')
            && !b.get(j + 1).is_some_and(|c| c.is_ascii_alphanumeric())
        {
            return Some(Placeholder {
                range: i..j + 1,
                family: Family::Qt,
                slot: Slot::Name("n".into()),
                spec: String::new(),
                broken: None,
            });
        }
        return None;
    }
    let n: u32 = text[j..d].parse().ok()?;
    if n == 0 {
        return None;
    }
    Some(Placeholder {
        range: i..d,
        family: Family::Qt,
        slot: Slot::Pos(n),
        spec: String::new(),
        broken: None,
    })
}

fn parse_shell(text: &str, i: usize, lower: bool) -> Option<Placeholder> {
    let b = text.as_bytes();
    if b.get(i + 1) == Some(&b'{') {
        let close = text[i + 2..].find('}')? + i + 2;
        let inner = &text[i + 2..close];
        let n_end = inner
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(inner.len());
        let name = &inner[..n_end];
        if !inner.is_empty()
            && !inner.is_ascii()
            && inner.chars().all(|c| c.is_alphanumeric() || c == '_')
        {
            return Some(Placeholder {
                range: i..close + 1,
                family: Family::Shell,
                slot: Slot::Name(inner.into()),
                spec: String::new(),
                broken: Some("the placeholder name was translated"),
            });
        }
        if !is_ident(name) && !name.chars().all(|c| c.is_ascii_digit()) || name.is_empty() {
            return None;
        }
        return Some(Placeholder {
            range: i..close + 1,
            family: Family::Shell,
            slot: Slot::Name(name.into()),
            spec: String::new(),
            broken: None,
        });
    }
    if i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'$') {
        return None;
    }
    let mut j = i + 1;
    while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'_') {
        j += 1;
    }
    let name = &text[i + 1..j];
    if !is_ident(name) {
        return None;
    }
    let upper = name.len() >= 2
        && name
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
    if !(upper || lower) {
        return None;
    }
    Some(Placeholder {
        range: i..j,
        family: Family::Shell,
        slot: Slot::Name(name.into()),
        spec: String::new(),
        broken: None,
    })
}

fn parse_fullwidth_percent(text: &str, i: usize, f: &Formats) -> Option<Placeholder> {
    let start = i + '％'.len_utf8();
    let rest = &text[start..];
    // `％s`, `％1$s`, `％(name)s`, `％d`, `％ｓ`, `％1` (Qt)
    let mut end = start;
    let mut saw_conv = false;
    for (k, c) in rest.char_indices() {
        let h = crate::lang::script::to_halfwidth(c);
        if h.is_ascii_digit() || matches!(h, '$' | '-' | '.' | 'l' | 'h' | 'z') {
            end = start + k + c.len_utf8();
            continue;
        }
        if h.is_ascii() && PRINTF_CONV.contains(&(h as u8)) && f.printf {
            end = start + k + c.len_utf8();
            saw_conv = true;
        }
        break;
    }
    let digits_only = end > start
        && text[start..end]
            .chars()
            .all(|c| crate::lang::script::to_halfwidth(c).is_ascii_digit());
    if !(saw_conv || (f.qt && digits_only)) {
        return None;
    }
    let after = text[end..].chars().next();
    if saw_conv && after.is_some_and(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    Some(Placeholder {
        range: i..end,
        family: if saw_conv { Family::Printf } else { Family::Qt },
        slot: Slot::None,
        spec: String::new(),
        broken: Some("a full-width `％` does not make a placeholder"),
    })
}

const ICU_TYPES: &[&str] = &[
    "plural",
    "select",
    "selectordinal",
    "number",
    "date",
    "time",
    "choice",
    "spellout",
    "ordinal",
    "duration",
];

/// Parse a brace placeholder at `i` (a `{`). Returns the placeholder first (its range is
/// the whole `{…}`), then arguments nested in ICU plural/select branches.
fn parse_brace(text: &str, i: usize) -> Option<Vec<Placeholder>> {
    let close = matching_brace(text, i)?;
    let inner = &text[i + 1..close];
    let range = i..close + 1;
    // Jinja/Handlebars/Angular {{ name }}
    if let Some(t) = inner.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
        let n = t.trim();
        if is_dotted_ident(n) {
            return Some(vec![Placeholder {
                range,
                family: Family::Brace,
                slot: Slot::Name(format!("{{{n}}}")),
                spec: "template".into(),
                broken: None,
            }]);
        }
        return None;
    }
    // ICU argument with a type
    if let Some((name, rest)) = inner.split_once(',') {
        let name = name.trim();
        let (ty, style) = match rest.split_once(',') {
            Some((t, s)) => (t.trim(), s),
            None => (rest.trim(), ""),
        };
        if (is_ident(name) || name.chars().all(|c| c.is_ascii_digit()) && !name.is_empty())
            && ICU_TYPES.contains(&ty)
        {
            let slot = match name.parse::<u32>() {
                Ok(n) => Slot::Pos(n),
                Err(_) => Slot::Name(name.into()),
            };
            let mut out = vec![Placeholder {
                range,
                family: Family::Brace,
                slot,
                spec: match ty {
                    "plural" | "selectordinal" | "choice" => "plural".into(),
                    t => t.into(),
                },
                broken: None,
            }];
            if matches!(ty, "plural" | "select" | "selectordinal") {
                let style_off = close - style.len();
                nested_icu(text, style_off, close, &mut out);
            }
            return Some(out);
        }
        // `{0,number,#}` handled above; `{1,2}` (a regex quantifier) is not a placeholder
        return None;
    }
    let name_part = inner.split_once(['!', ':']).map_or(inner, |(n, _)| n);
    let conv = &inner[name_part.len()..];
    if conv.starts_with('!') && !matches!(conv.get(1..2), Some("r" | "s" | "a")) {
        return None;
    }
    if name_part.is_empty() {
        return Some(vec![Placeholder {
            range,
            family: Family::Brace,
            slot: Slot::Next,
            spec: String::new(),
            broken: None,
        }]);
    }
    if name_part.chars().all(|c| c.is_ascii_digit()) {
        return Some(vec![Placeholder {
            range,
            family: Family::Brace,
            slot: Slot::Pos(name_part.parse().ok()?),
            spec: String::new(),
            broken: None,
        }]);
    }
    if is_field_name(name_part) {
        return Some(vec![Placeholder {
            range,
            family: Family::Brace,
            slot: Slot::Name(name_part.into()),
            spec: String::new(),
            broken: None,
        }]);
    }
    // `{名称}`: a placeholder name that was translated
    if !name_part.is_ascii()
        && name_part.chars().all(|c| c.is_alphanumeric() || c == '_')
        && name_part.chars().count() <= 12
    {
        return Some(vec![Placeholder {
            range,
            family: Family::Brace,
            slot: Slot::Name(name_part.into()),
            spec: String::new(),
            broken: Some("the placeholder name was translated"),
        }]);
    }
    None
}

fn is_dotted_ident(s: &str) -> bool {
    !s.is_empty() && s.split('.').all(is_ident)
}

/// `name`, `name.attr`, `name[0]`, `0.attr`.
fn is_field_name(s: &str) -> bool {
    let head_end = s.find(['.', '[']).unwrap_or(s.len());
    let head = &s[..head_end];
    if !(is_ident(head) || (!head.is_empty() && head.chars().all(|c| c.is_ascii_digit()))) {
        return false;
    }
    s[head_end..]
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '[' | ']'))
}

fn matching_brace(text: &str, i: usize) -> Option<usize> {
    let b = text.as_bytes();
    let mut depth = 0usize;
    for (k, &c) in b.iter().enumerate().skip(i) {
        match c {
            b'{' => depth += 1,
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(k);
                }
            }
            b'\n' if depth == 1 && k - i > 200 => return None,
            _ => {}
        }
    }
    None
}

/// Arguments nested in the branches of an ICU plural/select (`one {# file in {folder}}`).
fn nested_icu(text: &str, from: usize, to: usize, out: &mut Vec<Placeholder>) {
    let b = text.as_bytes();
    let mut k = from;
    while k < to {
        if b[k] == b'{' {
            let Some(close) = matching_brace(text, k) else {
                return;
            };
            // inside a branch: look for arguments
            let mut m = k + 1;
            while m < close {
                if b[m] == b'{' {
                    if let Some(ps) = parse_brace(text, m) {
                        if let Some(first) = ps.first() {
                            m = first.range.end;
                        }
                        out.extend(ps);
                        continue;
                    }
                }
                m += 1;
            }
            k = close + 1;
        } else {
            k += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn specs(text: &str, f: &Formats) -> Vec<(String, Slot, String)> {
        extract(text, f)
            .into_iter()
            .map(|p| (text[p.range].to_string(), p.slot, p.spec))
            .collect()
    }

    fn c() -> Formats {
        Formats::for_segment(&["c-format".into()], "")
    }

    #[test]
    fn printf_basics() {
        let f = c();
        assert_eq!(
            specs("%s: %-10lu items, %1$s, %06ld, %%", &f),
            vec![
                ("%s".into(), Slot::Next, "s".into()),
                ("%-10lu".into(), Slot::Next, "-lu".into()),
                ("%1$s".into(), Slot::Pos(1), "s".into()),
                ("%06ld".into(), Slot::Next, "06ld".into()),
            ]
        );
        // field width on strings is layout
        assert_eq!(specs("%-20s", &f)[0].2, "s");
        assert_eq!(specs("%-16s", &f)[0].2, "s");
        assert_eq!(specs("%i", &f)[0].2, "d");
        assert_eq!(specs("%<PRIdMAX> bytes", &f)[0].2, "PRIdMAX");
        assert_eq!(specs("%.*s", &f).len(), 2);
        assert_eq!(specs("cannot open: %m", &f)[0].1, Slot::None);
    }

    #[test]
    fn stray_percent_is_broken_under_a_flag() {
        let p = extract("完成 %d%", &c());
        assert_eq!(p.len(), 2);
        assert!(p[1].broken.is_some());
        // without a flag a lone percent sign is prose
        assert!(extract("完成 100% 的工作", &Formats::heuristic()).is_empty());
        assert!(extract("100% done", &Formats::heuristic()).is_empty());
    }

    #[test]
    fn python_and_braces() {
        let py = Formats::for_segment(&["python-format".into()], "");
        assert_eq!(
            specs("%(name)s has %(count)d", &py),
            vec![
                ("%(name)s".into(), Slot::Name("name".into()), "s".into()),
                ("%(count)d".into(), Slot::Name("count".into()), "d".into()),
            ]
        );
        let br = Formats::for_segment(&["python-brace-format".into()], "");
        assert_eq!(
            specs("{name} {0} {} {{literal}} {x:>10}", &br),
            vec![
                ("{name}".into(), Slot::Name("name".into()), "".into()),
                ("{0}".into(), Slot::Pos(0), "".into()),
                ("{}".into(), Slot::Next, "".into()),
                ("{x:>10}".into(), Slot::Name("x".into()), "".into()),
            ]
        );
        let p = extract("删除{名称}", &br);
        assert!(p[0].broken.is_some());
    }

    #[test]
    fn icu_arguments() {
        let f = Formats::heuristic();
        let s = specs(
            "{count, plural, one {# file in {folder}} other {# files in {folder}}}",
            &f,
        );
        assert_eq!(s[0].1, Slot::Name("count".into()));
        assert_eq!(s[0].2, "plural");
        assert!(
            s.iter()
                .filter(|x| x.1 == Slot::Name("folder".into()))
                .count()
                == 2
        );
        let t = specs("{count, plural, other {{folder} 中有 # 个文件}}", &f);
        assert_eq!(t[0].2, "plural");
        assert!(t.iter().any(|x| x.1 == Slot::Name("folder".into())));
    }

    #[test]
    fn qt_ruby_shell() {
        let f = Formats::heuristic();
        assert_eq!(specs("Copy %1 to %L2", &f).len(), 2);
        assert_eq!(specs("Copy %1 to %L2", &f)[1].1, Slot::Pos(2));
        assert_eq!(specs("Hello %{user}", &f)[0].1, Slot::Name("user".into()));
        assert_eq!(specs("%<count>d items", &f)[0].2, "d");
        assert_eq!(specs("set ${HOME} and $PATH", &f).len(), 2);
        assert!(specs("costs $5 or $x", &f).is_empty());
    }

    #[test]
    fn full_width_forms_are_broken() {
        let f = c();
        let p = extract("已删除％s。", &f);
        assert_eq!(p.len(), 1);
        assert!(p[0].broken.is_some());
        let p = extract("已删除％ｓ。", &f);
        assert!(p[0].broken.is_some());
        // a full-width percent sign as a percent sign is fine
        assert!(extract("增长了５％。", &f).is_empty());
        assert!(extract("增长５％以上", &f).is_empty());
    }

    #[test]
    fn strftime_is_not_printf() {
        assert!(looks_like_strftime("%b %d, %Y"));
        assert!(looks_like_strftime("%Y年%m月%d日"));
        assert!(looks_like_strftime("%H:%M"));
        assert!(looks_like_strftime("%-e %b"));
        assert!(looks_like_strftime("%-m月%-d日"));
        assert!(!looks_like_strftime("%s: %d files"));
        assert!(!looks_like_strftime("cannot open %s: %m"));
        assert!(!Formats::for_segment(&[], "%b %d, %Y").printf);
        assert!(Formats::for_segment(&[], "%s %d").printf);
    }

    #[test]
    fn flags_decide() {
        let f = Formats::for_segment(&["no-c-format".into()], "100%s");
        assert!(!f.printf);
        let f = Formats::for_segment(&["fuzzy".into(), "c-format".into()], "x");
        assert!(f.printf && f.strict && !f.brace && !f.qt);
        let f = Formats::for_segment(&["qt-format".into()], "x");
        assert!(f.qt && !f.printf);
    }

    /// The first `i >= from` where the old byte rule finds a possible start: `%`, `{`, `}`,
    /// `$`, or a character that is `％` or `｛`.
    fn naive_start(text: &str, from: usize) -> usize {
        (from..text.len())
            .find(|&i| match text.as_bytes()[i] {
                b'%' | b'{' | b'}' | b'$' => true,
                0xEF => text[i..].starts_with(['％', '｛']),
                _ => false,
            })
            .unwrap_or(text.len())
    }

    /// `looks_like_strftime` as it was, stepping over every byte.
    fn strftime_bytewise(text: &str) -> bool {
        let b = text.as_bytes();
        let mut i = 0;
        while i + 1 < b.len() {
            if b[i] == b'%' {
                let mut j = i + 1;
                if b[j] == b'%' {
                    i += 2;
                    continue;
                }
                let fstart = j;
                while j < b.len() && matches!(b[j], b'-' | b'_' | b'0' | b'^' | b'#') {
                    j += 1;
                }
                let glibc_flag = b[fstart..j].iter().any(|c| matches!(c, b'-' | b'_' | b'^'));
                if glibc_flag
                    && j < b.len()
                    && b"demHIjklMSyYbaAB".contains(&b[j])
                    && !b.get(j + 1).is_some_and(|c| c.is_ascii_alphabetic())
                {
                    return true;
                }
                if j < b.len() && matches!(b[j], b'E' | b'O') && j + 1 < b.len() {
                    j += 1;
                }
                if j < b.len() && b"YHMByZTDRUWVGPkbA".contains(&b[j]) {
                    if matches!(b[j], b'b' | b'A') {
                        i = j + 1;
                        continue;
                    }
                    return true;
                }
                i = j.max(i + 1);
            } else {
                i += 1;
            }
        }
        false
    }

    const PIECES: &[&str] = &[
        "%", "%%", "{", "}", "$", "％", "｛", "｝", "，", "：", "ｓ", "a", "Y", "-", "_", "d", " ",
        "文", "%s", "%d", "%Y", "%-d", "%Ey", "%b", "{0}", "$HOME", "。", "\u{FFFD}", "é",
    ];

    proptest::proptest! {
        #[test]
        fn starts_are_exactly_the_bytewise_ones(
            picks in proptest::collection::vec(0..PIECES.len(), 0..40),
            froms in proptest::collection::vec(0usize..200, 0..12),
        ) {
            let text: String = picks.iter().map(|&k| PIECES[k]).collect();
            let b = text.as_bytes();
            // In order, as extract_with asks...
            let mut starts = Starts::new(b);
            let mut from = 0;
            while from <= b.len() {
                let want = naive_start(&text, from);
                proptest::prop_assert_eq!(starts.next(from), want, "{:?} from {}", text, from);
                from = want + 1;
            }
            // ... and in any order.
            let mut starts = Starts::new(b);
            for f in froms {
                let f = f.min(b.len());
                proptest::prop_assert_eq!(starts.next(f), naive_start(&text, f), "{:?} from {}", text, f);
            }
            proptest::prop_assert_eq!(looks_like_strftime(&text), strftime_bytewise(&text), "{:?}", text);
            if !may_hold_placeholder(&text) {
                for flag in ["", "c-format", "python-brace-format", "qt-format", "sh-format"] {
                    let flags: Vec<String> = if flag.is_empty() { vec![] } else { vec![flag.into()] };
                    let f = Formats::for_segment(&flags, &text);
                    proptest::prop_assert!(extract(&text, &f).is_empty(), "{:?}", text);
                }
            }
        }
    }

    #[test]
    fn starts_skip_full_width_punctuation_only() {
        let text = "已删除，%s：｛名称｝和％d";
        let mut starts = Starts::new(text.as_bytes());
        let first = starts.next(0);
        assert_eq!(&text[first..first + 2], "%s");
        let second = starts.next(first + 1);
        assert!(text[second..].starts_with('｛'));
        for from in 0..=text.len() {
            assert_eq!(
                Starts::new(text.as_bytes()).next(from),
                naive_start(text, from)
            );
        }
        assert_eq!(
            Starts::new("无，占位：符。".as_bytes()).next(0),
            "无，占位：符。".len()
        );
    }

    #[test]
    fn urls_are_not_placeholders() {
        let f = Formats::heuristic();
        assert!(extract("see https://example.org/a%20b%2Fc", &f).is_empty());
        assert_eq!(
            extract("http://changelogs.example.com/pool/%s/%s_%s/changelog", &f).len(),
            3
        );
        assert_eq!(url_spans("见 https://example.org/x。以及"), vec![4..25]);
        assert_eq!(url_spans("(see http://a.org/b)."), vec![5..19]);
        assert_eq!(url_spans("visit www.gnu.org."), vec![6..17]);
    }
}
