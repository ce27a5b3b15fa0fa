//! Spans of text that language checks must leave alone: URLs, e-mail addresses, file paths,
//! placeholders, XML/HTML tags and entities, inline code and command-line options.
//!
//! Checks such as `cjk-punctuation`, `merged-words` or `double-space` ask
//! [`protected_spans`] once per text and skip whatever falls inside.

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

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

struct Patterns {
    all: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| {
        // One alternation, named groups: the leftmost match wins, longest alternative first.
        let all = Regex::new(concat!(
            r"(?P<url>(?-u:\b)(?:[a-zA-Z][a-zA-Z0-9+.-]*://|www\.)[^\s<>“”‘’，。、（）\p{Han}]*[^\s<>“”‘’，。、（）\p{Han}.,;:!?\)\]}'\x22])",
            r"|(?P<email>(?-u:\b)[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?-u:\b))",
            r"|(?P<code>`[^`\n]+`)",
            r"|(?P<tag></?[A-Za-z][A-Za-z0-9:_.-]*(?:\s+[A-Za-z_:][-A-Za-z0-9_:.]*(?:\s*=\s*(?:\x22[^\x22]*\x22|'[^']*'|[^\s>]+))?)*\s*/?>)",
            r"|(?P<entity>&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});)",
            r"|(?P<ph>%(?:[0-9]+\$)?[-+ #0']*(?:\*|[0-9]+)?(?:\.(?:\*|[0-9]+))?(?:hh|h|ll|l|L|q|j|z|t|I64|I32)?[diouxXeEfFgGaAcspn%@]",
            r"|%<PRI[a-zA-Z0-9]+>",
            r"|%\([A-Za-z_][A-Za-z0-9_]*\)[-+ #0]*[0-9]*(?:\.[0-9]+)?[diouxXeEfFgGcrsa%]",
            r"|%\{[A-Za-z_][A-Za-z0-9_]*\}",
            r"|\$\{[A-Za-z_][A-Za-z0-9_.]*\}",
            r"|\{\{\s*[A-Za-z_][A-Za-z0-9_.]*\s*\}\}",
            r"|\{[0-9]+(?:,[^{}]*)?\}",
            r"|\{[A-Za-z_][A-Za-z0-9_.]*(?:![rsa])?(?::[^{}]*)?\}",
            r"|%[0-9]{1,2}(?-u:\b)",
            r"|\$[A-Z_][A-Z0-9_]+(?-u:\b))",
            r"|(?P<ident>(?:(?-u:\B)--?[A-Za-z][A-Za-z0-9-]*(?:=[^\s]*)?)",
            r"|(?:[A-Za-z]:)?(?:\.{0,2}/)?(?:[A-Za-z0-9_.-]+/)+[A-Za-z0-9_.*-]*",
            r"|(?-u:\b)[A-Za-z0-9]+(?:_[A-Za-z0-9]+)+(?-u:\b)",
            r"|(?-u:\b)[a-z][A-Za-z0-9]*(?:\.[A-Za-z][A-Za-z0-9_]*)+\(?\)?",
            r"|(?-u:\b)[A-Za-z0-9_-]+\.(?:txt|md|po|pot|mo|json|xml|html?|css|js|ts|rs|py|c|h|cpp|sh|toml|ya?ml|ini|cfg|conf|log|png|jpe?g|gif|svg|pdf|zip|gz|tar|exe|dll|so)(?-u:\b))"
        ))
        .expect("protected-span pattern compiles");
        Patterns { all }
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
    let p = patterns();
    let mut out = Vec::new();
    for caps in p.all.captures_iter(text) {
        let (kind, m) = if let Some(m) = caps.name("url") {
            (Protected::Url, m)
        } else if let Some(m) = caps.name("email") {
            (Protected::Email, m)
        } else if let Some(m) = caps.name("code") {
            (Protected::Code, m)
        } else if let Some(m) = caps.name("tag") {
            (Protected::Tag, m)
        } else if let Some(m) = caps.name("entity") {
            (Protected::Entity, m)
        } else if let Some(m) = caps.name("ph") {
            (Protected::Placeholder, m)
        } else if let Some(m) = caps.name("ident") {
            (Protected::Identifier, m)
        } else {
            continue;
        };
        out.push((m.range(), kind));
    }
    out
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
