//! `whitespace-mismatch`: leading/trailing whitespace or line breaks differ between source
//! and target.

use super::{Check, Fixable, RuleMeta, SegmentCtx};
use crate::diagnostic::{Applicability, Severity};
use crate::segment::Side;

/// The `whitespace-mismatch` rule.
pub static WHITESPACE_MISMATCH: RuleMeta = RuleMeta {
    name: "whitespace-mismatch",
    default_severity: Severity::Warning,
    summary: "leading/trailing whitespace or line breaks differ between source and target",
    doc: "## What it does\n\
Compares the edges and the line structure of source and target:\n\
- leading and trailing line breaks: the same number on both sides;\n\
- leading and trailing spaces or tabs: present on both sides or on neither;\n\
- line breaks inside the text: the same number.\n\n\
The width of indentation and of aligned `--help` columns may differ (Chinese characters are\n\
twice as wide). A trailing space after a colon, comma or full stop may go when the\n\
translation ends with the full-width mark (`Name: ` -> `名称：`), which carries its own\n\
space.\n\n\
## Why\n\
Programs concatenate strings and print them in columns: a lost trailing `\\n` runs two\n\
messages together, a lost trailing space glues a value to its label.\n\n\
## Example\n\
`Usage: %s FILE\\n` -> `用法：%s 文件` is flagged (the final line break is missing).\n\n\
## Options\n\
None.\n\n\
## Fix safety\n\
Safe for leading and trailing whitespace: the source's edge is copied into the target.",
    fixable: Fixable::Sometimes,
};

/// Compares whitespace structure.
pub struct WhitespaceMismatch;

fn is_break(c: char) -> bool {
    c == '\n' || c == '\u{2028}'
}

fn is_ws(c: char) -> bool {
    c.is_whitespace()
}

/// The leading whitespace run of `s` (byte length).
fn lead(s: &str) -> &str {
    &s[..s.len() - s.trim_start_matches(is_ws).len()]
}

/// The trailing whitespace run of `s`.
fn trail(s: &str) -> &str {
    &s[s.trim_end_matches(is_ws).len()..]
}

fn breaks(s: &str) -> usize {
    s.chars().filter(|c| is_break(*c)).count()
}

fn has_blank(s: &str) -> bool {
    s.chars().any(|c| is_ws(c) && !is_break(c) && c != '\r')
}

impl Check for WhitespaceMismatch {
    fn rules(&self) -> &'static [&'static RuleMeta] {
        static RULES: [&RuleMeta; 1] = [&WHITESPACE_MISMATCH];
        &RULES
    }

    fn check_segment(&self, ctx: &mut SegmentCtx<'_>) {
        if !ctx.enabled(&WHITESPACE_MISMATCH) {
            return;
        }
        let (Some(source), Some(target)) = (ctx.source(), ctx.target()) else {
            return;
        };
        let (s, t) = (source.as_str(), target.as_str());
        if t.is_empty() || s.trim().is_empty() || t.trim().is_empty() {
            return;
        }
        let mut found: Vec<(std::ops::Range<usize>, String, Option<String>)> = Vec::new();
        // leading
        let (sl, tl) = (lead(s), lead(t));
        // A leading space before a word that starts the Chinese text or a full-width mark
        // (` (core dumped)` -> `（核心已转储）`) is the Latin way of joining; not needed.
        let cjk_start = t[tl.len()..].chars().next().is_some_and(|c| {
            crate::lang::script::is_han(c) || crate::lang::script::is_cjk_punct(c)
        });
        let lead_space_dropped =
            breaks(sl) == breaks(tl) && has_blank(sl) && !has_blank(tl) && cjk_start;
        if (breaks(sl) != breaks(tl) || has_blank(sl) != has_blank(tl)) && !lead_space_dropped {
            found.push((
                0..tl.len(),
                format!(
                    "the source starts with {}, the translation with {}",
                    describe(sl),
                    describe(tl)
                ),
                Some(sl.to_string()),
            ));
        }
        // trailing
        let (st, tt) = (trail(s), trail(t));
        let body_end = t.len() - tt.len();
        let full_width_end = t[..body_end].chars().last().is_some_and(|c| {
            matches!(
                c,
                '：' | '，' | '。' | '；' | '？' | '！' | '、' | '）' | '」' | '”'
            )
        });
        let space_only_diff = breaks(st) == breaks(tt) && has_blank(st) && !has_blank(tt);
        if (breaks(st) != breaks(tt) || has_blank(st) != has_blank(tt))
            && !(space_only_diff && full_width_end)
        {
            found.push((
                body_end..t.len(),
                format!(
                    "the source ends with {}, the translation with {}",
                    describe(st),
                    describe(tt)
                ),
                Some(st.to_string()),
            ));
        }
        // paragraphs: blank-line separated blocks inside the text (lines may be rewrapped,
        // Chinese is shorter than English, but paragraphs stay)
        let (sp, tp) = (
            paragraph_breaks(&s[sl.len()..s.len() - st.len()]),
            paragraph_breaks(&t[tl.len()..body_end]),
        );
        if sp.len() != tp.len() && found.is_empty() {
            let at = tp
                .get(sp.len().min(tp.len()))
                .map(|r| r.start + tl.len()..r.end + tl.len())
                .unwrap_or(body_end.saturating_sub(1)..body_end);
            let at = if t.is_char_boundary(at.start) && t.is_char_boundary(at.end) {
                at
            } else {
                body_end..body_end
            };
            found.push((
                at,
                format!(
                    "the source has {} paragraph{}, the translation {}",
                    sp.len() + 1,
                    if sp.is_empty() { "" } else { "s" },
                    tp.len() + 1
                ),
                None,
            ));
        }
        for (range, message, replacement) in found {
            let fix = replacement
                .as_deref()
                .and_then(|r| ctx.fix(Side::Target, range.clone(), r, Applicability::Safe));
            if let Some(d) = ctx.report(&WHITESPACE_MISMATCH, Side::Target, range, message) {
                d.fix = fix;
            }
        }
    }
}

/// Byte ranges of blank-line runs (two or more line breaks with only blanks between).
fn paragraph_breaks(s: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    // A break is `\n` or U+2028 (lead byte 0xE2): a text with neither has no paragraphs.
    if memchr::memchr2(b'\n', 0xE2, s.as_bytes()).is_none() {
        return out;
    }
    // From break to break (`\n`, or 0xE2 when it starts U+2028): what lies between ends
    // the run of breaks unless it is all blanks (` `, `\t`, `\r`); any byte of any other
    // character is none of those. The same runs as going character by character.
    let b = s.as_bytes();
    let mut run: Option<(usize, usize, usize)> = None; // start, end, breaks
    let mut end_run = |run: &mut Option<(usize, usize, usize)>| {
        if let Some((st, en, n)) = run.take() {
            if n >= 2 {
                out.push(st..en);
            }
        }
    };
    let mut pos = 0;
    loop {
        let next = memchr::memchr2(b'\n', 0xE2, &b[pos..]).map(|p| pos + p);
        let upto = next.unwrap_or(b.len());
        if b[pos..upto]
            .iter()
            .any(|c| !matches!(c, b' ' | b'\t' | b'\r'))
        {
            end_run(&mut run);
        }
        let Some(at) = next else { break };
        let len = if b[at] == b'\n' {
            1
        } else if b[at + 1..].starts_with(&[0x80, 0xA8]) {
            3 // U+2028
        } else {
            // Another character led by 0xE2 (`“`, `…`): not blank.
            end_run(&mut run);
            pos = at + 1;
            continue;
        };
        run = Some(match run {
            Some((st, _, n)) => (st, at + len, n + 1),
            None => (at, at + len, 1),
        });
        pos = at + len;
    }
    end_run(&mut run);
    out
}

fn describe(ws: &str) -> String {
    if ws.is_empty() {
        return "no whitespace".into();
    }
    let n = breaks(ws);
    let blanks = ws.chars().filter(|c| !is_break(*c)).count();
    match (n, blanks) {
        (0, b) => format!("{b} space{}", if b == 1 { "" } else { "s" }),
        (n, 0) => format!("{n} line break{}", if n == 1 { "" } else { "s" }),
        (n, b) => format!(
            "{n} line break{} and {b} space{}",
            if n == 1 { "" } else { "s" },
            if b == 1 { "" } else { "s" }
        ),
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::{findings_of, run_pair};
    use crate::config::Options;

    fn flagged(src: &str, tgt: &str) -> usize {
        let d = run_pair(Some(("en", src)), ("zh", tgt), None, &Options::default());
        findings_of(&d, "whitespace-mismatch").len()
    }

    #[test]
    fn flags_lost_edges() {
        assert_eq!(flagged("Usage: %s FILE\n", "用法：%s 文件"), 1);
        assert_eq!(flagged("\nDone", "完成"), 1);
        assert_eq!(flagged("  -a, --all", "-a, --all"), 1);
        assert_eq!(flagged("Copying ", "正在复制"), 1);
        assert_eq!(flagged("Done\n\n", "完成\n"), 1);
    }

    #[test]
    fn flags_changed_paragraphs() {
        assert_eq!(
            flagged(
                "Usage: apt [options]\n\nMore text\n",
                "用法：apt [选项] 更多文本\n"
            ),
            1
        );
        // rewrapped lines inside a paragraph are fine
        assert_eq!(
            flagged(
                "Hmm, seems like the AutoRemover destroyed something which really\nshouldn't happen.",
                "似乎自动卸载工具损坏了一些软件，这不应该发生。"
            ),
            0
        );
    }

    #[test]
    fn accepts_layout_differences() {
        assert_eq!(
            flagged(
                "  -a, --all                  do not ignore entries\n",
                "  -a, --all                  不忽略任何条目\n"
            ),
            0
        );
        assert_eq!(flagged("  -v  verbose", "    -v  详细"), 0);
        assert_eq!(flagged("Name: ", "名称："), 0);
        assert_eq!(flagged(" (core dumped)", "（核心已转储）"), 0);
        assert_eq!(flagged(" failed.\n", "失败。\n"), 0);
        assert_eq!(flagged("Usage: %s FILE\n", "用法：%s 文件\n"), 0);
    }

    #[test]
    fn fix_copies_the_source_edge() {
        let d = run_pair(
            Some(("en", "Usage: %s FILE\n")),
            ("zh", "用法：%s 文件  "),
            None,
            &Options::default(),
        );
        let f = d.iter().find(|d| d.rule == "whitespace-mismatch").unwrap();
        let fix = f.fix.as_ref().unwrap();
        assert_eq!(&*fix.edits[0].replacement, "\n");
    }

    /// `paragraph_breaks` as it was, character by character.
    fn breaks_by_char(s: &str) -> Vec<std::ops::Range<usize>> {
        let mut out = Vec::new();
        let mut run: Option<(usize, usize, usize)> = None;
        for (i, c) in s.char_indices() {
            if super::is_break(c) {
                run = Some(match run {
                    Some((st, _, n)) => (st, i + c.len_utf8(), n + 1),
                    None => (i, i + c.len_utf8(), 1),
                });
            } else if c == ' ' || c == '\t' || c == '\r' {
                continue;
            } else if let Some((st, en, n)) = run.take() {
                if n >= 2 {
                    out.push(st..en);
                }
            }
        }
        if let Some((st, en, n)) = run {
            if n >= 2 {
                out.push(st..en);
            }
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn paragraph_breaks_are_the_character_ones(
            s in "[\n\u{2028}\u{2029} \t\r“…a文，]{0,30}"
        ) {
            proptest::prop_assert_eq!(super::paragraph_breaks(&s), breaks_by_char(&s));
        }
    }

    #[test]
    fn paragraph_breaks_by_byte() {
        for s in [
            "a\n\nb",
            "a\n \u{2028}b",
            "“\n”\n\n",
            "\n\r\n\t\n",
            "a\n…\nb",
            "",
        ] {
            assert_eq!(super::paragraph_breaks(s), breaks_by_char(s), "{s:?}");
        }
        assert_eq!(super::paragraph_breaks("a\n \u{2028}b"), vec![1..6]);
    }
}
