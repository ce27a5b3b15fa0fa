//! Spans of text that language checks must leave alone: URLs, e-mail addresses, file paths,
//! placeholders, XML/HTML tags and entities, inline code and command-line options.
//!
//! Checks such as `cjk-punctuation`, `merged-words` or `double-space` ask
//! [`protected_spans`] once per text and skip whatever falls inside.

use std::ops::Range;
use std::sync::OnceLock;

use regex_automata::meta::Regex as MetaRegex;

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
        MetaRegex::new_many(&sources).expect("protected-span patterns compile")
    })
}

/// The protected spans of `text`, sorted and non-overlapping.
pub fn protected_spans(text: &str) -> Vec<(Range<usize>, Protected)> {
    // Fast path: nothing that could start a protected span.
    if !text.bytes().any(|b| {
        matches!(
            b,
            b'/' | b'@' | b'%' | b'{' | b'$' | b'<' | b'&' | b'`' | b'-' | b'_' | b'.' | b':'
        )
    }) {
        return Vec::new();
    }
    patterns()
        .find_iter(text)
        .map(|m| (m.range(), PATTERNS[m.pattern().as_usize()].0))
        .collect()
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

#[cfg(test)]
mod tests {
    use super::*;

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
