//! `punctuation-spacing`: a space before `, . ; : ! ?` in Latin-script text, or no space
//! after one where a word follows (`end.Next`).

use std::ops::Range;

use super::{Check, Fixable, RuleMeta, SegmentCtx};
use crate::diagnostic::{Applicability, Severity};
use crate::lang::protect::{protected_spans, Protected};
use crate::lang::script::{dominant_script, is_latin_letter, Script};
use crate::segment::Side;

/// The `punctuation-spacing` rule.
pub static PUNCTUATION_SPACING: RuleMeta = RuleMeta {
    name: "punctuation-spacing",
    default_severity: Severity::Warning,
    summary: "space before `, . ; : ! ?` in Latin text, or none after where a word follows",
    doc: "## What it does\n\
In a Latin-script target, flags spaces before `,` `.` `;` `:` `!` `?` (`the host , the \
key`) and a missing space after one of them where a word follows (`the end.Next`, \
`red,green`, `Done!Restart`).\n\n\
Left alone: URLs, paths, placeholders, code and options (`file.txt`, `a.b`), numbers \
(`3.14`, `1,000`, `10:30`), ellipses (`Loading ...`), abbreviations (`e.g.`, `U.S.`), a \
dot that starts a name (` .NET`, ` .txt`), emoticons, and anything the segment's source \
has too. French targets keep their space before `; : ! ?`. After `.` only a capitalised \
word counts as a missing space (`end.Next`), after `:` only one after a lower-case word.\n\n\
## Why\n\
Stray spaces before punctuation come from careless editing or machine translation and \
break lines in the wrong place; a missing space after a full stop runs two sentences \
together.\n\n\
## Example\n\
`servers , and` -> `servers, and`\n\
`the end.Next day` -> `the end. Next day`\n\n\
## Options\n\
None.\n\n\
## Fix safety\n\
Removing a space before punctuation is safe; inserting a missing space is unsafe (the \
text may be a name such as `Example.Com`).",
    fixable: Fixable::Sometimes,
};

/// Checks spacing around Latin punctuation.
pub struct PunctuationSpacing;

impl Check for PunctuationSpacing {
    fn prewarm(&self, _rules: &super::RuleSettings) {
        crate::lang::protect::prewarm();
    }

    fn rules(&self) -> &'static [&'static RuleMeta] {
        static RULES: [&RuleMeta; 1] = [&PUNCTUATION_SPACING];
        &RULES
    }

    fn check_segment(&self, ctx: &mut SegmentCtx<'_>) {
        if !ctx.enabled(&PUNCTUATION_SPACING) {
            return;
        }
        let Some(target) = ctx.target() else { return };
        let text = target.as_str();
        if !text.contains([',', '.', ';', ':', '!', '?']) {
            return;
        }
        let lang = ctx.lang(Side::Target);
        let latin = match lang {
            Some(l) => l.uses_latin(),
            None => dominant_script([text]) == Script::Latin,
        };
        if !latin {
            return;
        }
        let french = lang.is_some_and(|l| l.primary() == "fr");
        let source = ctx.source().map(|s| s.as_str());
        let found = find(text, french, source);
        for (range, kind) in found {
            let (replacement, message, applicability) = match kind {
                Kind::SpaceBefore(p) => (
                    p.to_string(),
                    format!("space before `{p}`"),
                    Applicability::Safe,
                ),
                Kind::NoSpaceAfter(p) => (
                    format!("{p} "),
                    format!("no space after `{p}`"),
                    Applicability::Unsafe,
                ),
            };
            let fix = ctx.fix(Side::Target, range.clone(), &replacement, applicability);
            if let Some(d) = ctx.report(&PUNCTUATION_SPACING, Side::Target, range, message) {
                d.suggestion = Some(replacement);
                d.fix = fix;
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Spaces then the mark: the range covers both.
    SpaceBefore(char),
    /// The mark with a word right after it: the range covers the mark.
    NoSpaceAfter(char),
}

/// Common abbreviations written with inner full stops.
fn abbreviation_before(text: &str, dot: usize) -> bool {
    // `e.g`, `i.e`, `U.S`, `a.m`: single letters separated by dots.
    let bytes = text.as_bytes();
    (dot >= 2 && bytes[dot - 1].is_ascii_alphabetic() && matches!(bytes[dot - 2], b'.'))
        || (dot >= 1
            && bytes[dot - 1].is_ascii_alphabetic()
            && (dot == 1 || !bytes[dot - 2].is_ascii_alphanumeric())
            && bytes.get(dot + 2) == Some(&b'.'))
}

/// The kind of the protected span containing byte `at`, if any.
fn protected_kind(spans: &[(Range<usize>, Protected)], at: usize) -> Option<Protected> {
    let i = spans.partition_point(|(r, _)| r.end <= at);
    spans.get(i).filter(|(r, _)| r.start <= at).map(|(_, k)| *k)
}

/// `end.Next`: a lower-case word of two letters or more, a full stop, a capitalised word,
/// and nothing code-like around them.
fn sentence_join(text: &str, dot: usize) -> bool {
    if text.as_bytes()[dot] != b'.' {
        return false;
    }
    let before = &text[..dot];
    let word: &str = before
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    let after = &text[dot + 1..];
    let next: &str = after
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    let end = dot + 1 + next.len();
    word.chars().count() >= 2
        && word.chars().all(char::is_lowercase)
        && next.chars().count() >= 2
        && next.chars().next().is_some_and(char::is_uppercase)
        && next.chars().skip(1).all(char::is_lowercase)
        && !before[..before.len() - word.len()].ends_with(['.', '/', '_', '-', '@'])
        && !text[end..].starts_with(['.', '(', '_', '/'])
}

fn find(text: &str, french: bool, source: Option<&str>) -> Vec<(Range<usize>, Kind)> {
    let spans = protected_spans(text);
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let in_source = |s: &str| source.is_some_and(|src| src.contains(s));
    for (k, &(i, c)) in chars.iter().enumerate() {
        if !matches!(c, ',' | '.' | ';' | ':' | '!' | '?') {
            continue;
        }
        // `end.Next` looks like an identifier (`core.autocrlf`) to the protected-span
        // finder; a capitalised word after a lower-case one is prose, not code.
        let protected = match protected_kind(&spans, i) {
            None => false,
            Some(Protected::Identifier) => !sentence_join(text, i),
            Some(_) => true,
        };
        if protected {
            continue;
        }
        let prev = k.checked_sub(1).map(|j| chars[j].1);
        let next = chars.get(k + 1).map(|x| x.1);
        let next2 = chars.get(k + 2).map(|x| x.1);
        // Space before.
        if prev == Some(' ') && !(french && matches!(c, ';' | ':' | '!' | '?')) {
            let mut j = k;
            while j > 0 && chars[j - 1].1 == ' ' {
                j -= 1;
            }
            let before = j.checked_sub(1).map(|x| chars[x].1);
            let word_before = before.is_some_and(|b| {
                is_latin_letter(b)
                    || b.is_ascii_digit()
                    || matches!(b, ')' | ']' | '"' | '\'' | '’' | '”')
            });
            let ends_here = none_space_or(next, |n| {
                matches!(n, '"' | '\'' | '’' | '”' | ')' | ']')
                    || (c != '.' && matches!(n, ',' | '.' | ';' | ':' | '!' | '?'))
            });
            let ellipsis = c == '.' && next == Some('.');
            let emoticon =
                matches!(c, ':' | ';') && matches!(next, Some(')' | '(' | 'D' | 'P' | '-'));
            let start = chars[j].0;
            if word_before && ends_here && !ellipsis && !emoticon && !in_source(&text[start..i + 1])
            {
                out.push((start..i + 1, Kind::SpaceBefore(c)));
                continue;
            }
        }
        // No space after.
        let Some(n) = next else { continue };
        let Some(p) = prev else { continue };
        if !is_latin_letter(p) || !is_latin_letter(n) {
            continue;
        }
        let word_before: String = text[..i]
            .chars()
            .rev()
            .take_while(|c| c.is_alphabetic())
            .collect();
        let missing = match c {
            '.' => {
                word_before.chars().count() >= 2
                    && word_before.chars().all(|c| c.is_lowercase())
                    && n.is_uppercase()
                    && next2.is_some_and(|c| c.is_lowercase())
                    && !abbreviation_before(text, i)
            }
            ':' => {
                word_before.chars().count() >= 3
                    && word_before.chars().all(|c| c.is_lowercase())
                    && n.is_uppercase()
                    && next2.is_some_and(|c| c.is_lowercase())
            }
            ',' | ';' => word_before.chars().count() >= 2 && next2.is_some_and(is_latin_letter),
            _ => next2.is_some_and(is_latin_letter),
        };
        if missing && !in_source(&text[i..chars.get(k + 2).map_or(text.len(), |x| x.0)]) {
            out.push((i..i + c.len_utf8(), Kind::NoSpaceAfter(c)));
        }
    }
    out
}

/// `None`, a whitespace character, or one that satisfies `f`.
fn none_space_or(c: Option<char>, f: impl Fn(char) -> bool) -> bool {
    match c {
        None => true,
        Some(c) => c.is_whitespace() || f(c),
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::{findings_of, run_pair};
    use crate::config::Options;

    fn found(target: &str) -> Vec<String> {
        let d = run_pair(None, ("en", target), None, &Options::default());
        findings_of(&d, "punctuation-spacing")
            .into_iter()
            .map(String::from)
            .collect()
    }

    #[test]
    fn flags_space_before() {
        assert_eq!(found("the servers , and the hosts"), vec![" ,"]);
        assert_eq!(found("It failed !"), vec![" !"]);
        assert_eq!(found("Really ?"), vec![" ?"]);
        assert_eq!(found("the end ."), vec![" ."]);
    }

    #[test]
    fn flags_missing_space_after() {
        assert_eq!(found("It was the end.Next day came."), vec!["."]);
        assert_eq!(found("red,green and blue"), vec![","]);
        assert_eq!(found("Done!Restart now"), vec!["!"]);
        let d = run_pair(None, ("en", "the end.Next"), None, &Options::default());
        assert_eq!(d[0].suggestion.as_deref(), Some(". "));
    }

    #[test]
    fn leaves_numbers_code_and_abbreviations_alone() {
        for t in [
            "in 2020, 52,000 computer servers; 5.31 million at 10:30.",
            "see file.txt, core.autocrlf and https://example.org/a?b=1,2",
            "e.g. this, i.e. that, the U.S. and a.m. times",
            "Loading ...",
            "Use .NET or the .txt files",
            "Nice :) and ;-)",
            "Usage: tar [OPTION]... [FILE]...",
            "Node.js and ASP.NET",
            "Error:%s failed",
            "(CNCERT/CC), in 2020",
        ] {
            assert!(found(t).is_empty(), "{t:?}: {:?}", found(t));
        }
    }

    #[test]
    fn french_keeps_its_spaces() {
        let d = run_pair(
            None,
            ("fr", "Attention : le fichier !"),
            None,
            &Options::default(),
        );
        assert!(findings_of(&d, "punctuation-spacing").is_empty());
        let d = run_pair(None, ("fr", "le fichier , et"), None, &Options::default());
        assert_eq!(findings_of(&d, "punctuation-spacing"), vec![" ,"]);
    }

    #[test]
    fn mirrors_the_source() {
        let d = run_pair(
            Some(("en", "Name : %s")),
            ("en-GB", "Name : %s"),
            None,
            &Options::default(),
        );
        assert!(findings_of(&d, "punctuation-spacing").is_empty());
    }

    #[test]
    fn not_inside_chinese_passages() {
        assert!(found("China. 殊不知,无论一些美西方国家 , 如何").is_empty());
    }

    #[test]
    fn not_in_chinese() {
        let d = run_pair(None, ("zh", "服务器 , 主机"), None, &Options::default());
        assert!(findings_of(&d, "punctuation-spacing").is_empty());
    }
}
