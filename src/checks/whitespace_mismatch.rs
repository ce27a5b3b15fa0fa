//! `whitespace-mismatch`: leading/trailing whitespace or line breaks differ between source
//! and target.

use super::{Check, Fixable, RuleMeta, SegmentCtx};
use crate::diagnostic::{Applicability, Severity};
use crate::segment::Side;

/// The `whitespace-mismatch` rule.
pub const WHITESPACE_MISMATCH: RuleMeta = RuleMeta {
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
        &[&WHITESPACE_MISMATCH]
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
        if breaks(sl) != breaks(tl) || has_blank(sl) != has_blank(tl) {
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
        let full_width_end = t[..body_end]
            .chars()
            .last()
            .is_some_and(|c| matches!(c, '：' | '，' | '。' | '；' | '？' | '！' | '、' | '）' | '」' | '”'));
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
        // inner line breaks
        let s_inner = breaks(s) - breaks(sl) - breaks(st);
        let t_inner = breaks(t) - breaks(tl) - breaks(tt);
        if s_inner != t_inner && found.is_empty() {
            // point at the first line break where the structure departs, or the end
            let at = t
                .char_indices()
                .filter(|(_, c)| is_break(*c))
                .map(|(i, _)| i)
                .filter(|i| *i >= tl.len() && *i < body_end)
                .nth(s_inner.min(t_inner))
                .map_or(body_end.saturating_sub(1)..body_end, |i| i..i + 1);
            let at = if t.is_char_boundary(at.start) {
                at
            } else {
                body_end..body_end
            };
            found.push((
                at,
                format!(
                    "the source has {s_inner} line break{} inside, the translation {t_inner}",
                    if s_inner == 1 { "" } else { "s" }
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
    fn flags_changed_line_count() {
        assert_eq!(flagged("first line\nsecond line\n", "第一行第二行\n"), 1);
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
        assert_eq!(fix.edits[0].replacement, "\n");
    }
}
