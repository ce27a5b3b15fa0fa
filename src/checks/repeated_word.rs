//! `repeated-word`: the same word twice in a row (`the the`).

use std::ops::Range;

use super::{Check, Fixable, RuleMeta, SegmentCtx};
use crate::diagnostic::{Applicability, Severity};
use crate::lang::protect::{overlaps_protected, protected_spans};
use crate::lang::script::{dominant_script, Script};
use crate::lang::tokens::tokens;
use crate::segment::Side;

/// The `repeated-word` rule.
pub static REPEATED_WORD: RuleMeta = RuleMeta {
    name: "repeated-word",
    default_severity: Severity::Warning,
    summary: "the same word twice in a row: `the the`",
    doc: "## What it does\n\
In a Latin-script target, flags a word repeated right after itself, separated only by \
spaces or a line break, ignoring case (`The the`).\n\n\
Left alone: doublings that are grammatical or idiomatic (`had had`, `that that`, `is is`, \
`bye bye`, `so so`, `very very`...), numbers, single letters other than `a` and `I`, code, \
placeholders, and doublings the segment's source has too.\n\n\
## Why\n\
A doubled word is the commonest slip of editing, and the eye reads over it.\n\n\
## Example\n\
`controlled by the the malicious programs` -> `the malicious programs`\n\n\
## Options\n\
None.\n\n\
## Fix safety\n\
Unsafe: the fix deletes the second word, but an emphatic doubling may be meant.",
    fixable: Fixable::Unsafe,
};

/// Doublings that are grammatical or idiomatic in English.
const ALLOWED: &[&str] = &[
    "blah", "bora", "bye", "chop", "do", "dum", "ha", "had", "hip", "knock", "la", "meow", "na",
    "no", "now", "pom", "really", "so", "that", "tom", "tut", "very", "walla", "yada", "is",
];

/// Finds repeated words.
pub struct RepeatedWord;

impl Check for RepeatedWord {
    fn prewarm(&self, _rules: &super::RuleSettings) {
        crate::lang::protect::prewarm();
    }

    fn rules(&self) -> &'static [&'static RuleMeta] {
        static RULES: [&RuleMeta; 1] = [&REPEATED_WORD];
        &RULES
    }

    fn check_segment(&self, ctx: &mut SegmentCtx<'_>) {
        if !ctx.enabled(&REPEATED_WORD) {
            return;
        }
        let Some(target) = ctx.target() else { return };
        let text = target.as_str();
        let latin = match ctx.lang(Side::Target) {
            Some(l) => l.uses_latin(),
            None => dominant_script([text]) == Script::Latin,
        };
        if !latin {
            return;
        }
        let source = ctx.source().map(|s| s.as_str());
        for (whole, delete) in find(text, source) {
            let fix = ctx.fix(Side::Target, delete, "", Applicability::Unsafe);
            let word = text[whole.clone()]
                .split_whitespace()
                .next()
                .unwrap_or_default()
                .to_string();
            if let Some(d) = ctx.report(
                &REPEATED_WORD,
                Side::Target,
                whole,
                format!("`{word}` is repeated"),
            ) {
                d.suggestion = Some(word);
                d.fix = fix;
            }
        }
    }
}

/// Repeated words: (the span of both words, the span to delete: the space and the second).
fn find(text: &str, source: Option<&str>) -> Vec<(Range<usize>, Range<usize>)> {
    let toks = tokens(text);
    let mut out = Vec::new();
    let mut spans = None;
    for pair in toks.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        let (wa, wb) = (&text[a.range.clone()], &text[b.range.clone()]);
        if a.has_digit || !wa.eq_ignore_ascii_case(wb) && wa.to_lowercase() != wb.to_lowercase() {
            continue;
        }
        let between = &text[a.range.end..b.range.start];
        if between.is_empty() || !between.chars().all(char::is_whitespace) {
            continue;
        }
        // A paragraph break is a new start (a heading repeated as a first word).
        if between.matches('\n').count() > 1 {
            continue;
        }
        let lower = wa.to_lowercase();
        if ALLOWED.contains(&lower.as_str()) || (wa.chars().count() == 1 && wa != "a") {
            continue;
        }
        // Inside a word joined by punctuation: `foo-bar bar` is fine, `x.y y` is code.
        let before = text[..a.range.start].chars().next_back();
        let after = text[b.range.end..].chars().next();
        if before.is_some_and(|c| matches!(c, '-' | '.' | '/' | '_' | '@'))
            || after.is_some_and(|c| {
                matches!(c, '-' | '.' | '/' | '_' | '@' | '(') && {
                    // A sentence-final full stop is fine.
                    !text[b.range.end + 1..]
                        .chars()
                        .next()
                        .map_or(true, char::is_whitespace)
                }
            })
        {
            continue;
        }
        let whole = a.range.start..b.range.end;
        let s = spans.get_or_insert_with(|| protected_spans(text));
        if overlaps_protected(s, &whole) {
            continue;
        }
        if source.is_some_and(|src| {
            src.to_lowercase()
                .contains(&text[whole.clone()].to_lowercase())
        }) {
            continue;
        }
        out.push((whole, a.range.end..b.range.end));
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::{findings_of, run_pair};
    use crate::config::Options;

    fn found(target: &str) -> Vec<String> {
        let d = run_pair(None, ("en", target), None, &Options::default());
        findings_of(&d, "repeated-word")
            .into_iter()
            .map(String::from)
            .collect()
    }

    #[test]
    fn flags_doubled_words() {
        assert_eq!(
            found("controlled by the the malicious programs"),
            vec!["the the"]
        );
        assert_eq!(found("The the end."), vec!["The the"]);
        assert_eq!(found("a cyber\nattack attack"), vec!["attack attack"]);
        let d = run_pair(None, ("en", "of of China"), None, &Options::default());
        assert_eq!(d[0].fix.as_ref().unwrap().edits[0].range, 2..5);
    }

    #[test]
    fn leaves_grammatical_doublings_alone() {
        for t in [
            "He had had enough.",
            "He said that that was fine.",
            "What it is is a test.",
            "bye bye, so so, very very good",
            "in 2020 2020 times",
            "Type A A B",
            "run foo.bar bar",
            "use %s %s here",
            "Close\n\nclose the window",
        ] {
            assert!(found(t).is_empty(), "{t:?}: {:?}", found(t));
        }
    }

    #[test]
    fn mirrors_the_source() {
        let d = run_pair(
            Some(("en", "Bora Bora")),
            ("en-GB", "Walla Walla Walla"),
            None,
            &Options::default(),
        );
        assert!(findings_of(&d, "repeated-word").is_empty());
    }

    #[test]
    fn not_in_chinese() {
        let d = run_pair(
            None,
            ("zh", "the the 服务器服务器服务器"),
            None,
            &Options::default(),
        );
        assert!(findings_of(&d, "repeated-word").is_empty());
    }
}
