//! `double-space`: two or more spaces inside text.

use super::{Check, Fixable, RuleMeta, SegmentCtx};
use crate::diagnostic::{Applicability, Severity};
use crate::segment::Side;

/// The `double-space` rule.
pub static DOUBLE_SPACE: RuleMeta = RuleMeta {
    name: "double-space",
    default_severity: Severity::Warning,
    summary: "two or more spaces inside text",
    doc: "## What it does\n\
Flags a run of two or more spaces between two non-space characters of the target.\n\n\
## Why\n\
A doubled space is invisible in review and shows up in print and UI layouts.\n\n\
## Example\n\
`the  host` -> `the host`\n\n\
## Options\n\
None. Leading and trailing spaces belong to `whitespace-mismatch`. Where the source lays\n\
text out in columns with runs of spaces (`--help` output), the target's runs are layout,\n\
realigned for double-width characters, and are left alone.\n\n\
## Fix safety\n\
Safe: the run is replaced by one space.",
    fixable: Fixable::Safe,
};

/// Finds doubled spaces.
pub struct DoubleSpace;

impl Check for DoubleSpace {
    fn rules(&self) -> &'static [&'static RuleMeta] {
        static RULES: [&RuleMeta; 1] = [&DOUBLE_SPACE];
        &RULES
    }

    fn check_segment(&self, ctx: &mut SegmentCtx<'_>) {
        if !ctx.enabled(&DOUBLE_SPACE) {
            return;
        }
        let Some(target) = ctx.target() else { return };
        let text = target.as_str();
        // A finding needs two spaces in a row: most targets have none.
        if two_spaces().find(text.as_bytes()).is_none() {
            return;
        }
        // Where the source lays text out in columns (`--help` output), runs of spaces in the
        // target are layout too, realigned for double-width characters: leave them alone.
        if ctx.source().is_some_and(|s| has_inner_run(s.as_str())) {
            return;
        }
        let bytes = text.as_bytes();
        let mut i = 0;
        let mut found = Vec::new();
        while i < bytes.len() {
            if bytes[i] == b' ' {
                let start = i;
                while i < bytes.len() && bytes[i] == b' ' {
                    i += 1;
                }
                let inner = start > 0
                    && i < bytes.len()
                    && !matches!(bytes[start - 1], b'\n' | b'\t')
                    && !matches!(bytes[i], b'\n' | b'\r' | b'\t');
                if i - start >= 2 && inner {
                    found.push(start..i);
                }
            } else {
                i += 1;
            }
        }
        for range in found {
            let fix = ctx.fix(Side::Target, range.clone(), " ", Applicability::Safe);
            if let Some(d) = ctx.report(
                &DOUBLE_SPACE,
                Side::Target,
                range.clone(),
                format!("{} spaces in a row", range.len()),
            ) {
                d.suggestion = Some(" ".into());
                d.fix = fix;
            }
        }
    }
}

/// A searcher for two spaces, built once (this runs on every target of a corpus).
fn two_spaces() -> &'static memchr::memmem::Finder<'static> {
    static F: std::sync::OnceLock<memchr::memmem::Finder<'static>> = std::sync::OnceLock::new();
    F.get_or_init(|| memchr::memmem::Finder::new(b"  "))
}

/// Whether `text` has a run of two or more spaces between two non-space characters of a line.
fn has_inner_run(text: &str) -> bool {
    let twice = two_spaces();
    if twice.find(text.as_bytes()).is_none() {
        return false;
    }
    text.lines().any(|line| {
        let body = line.trim();
        twice.find(body.as_bytes()).is_some()
    })
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::{findings_of, run_pair};
    use crate::config::Options;

    fn flagged(target: &str) -> usize {
        let d = run_pair(None, ("en", target), None, &Options::default());
        findings_of(&d, "double-space").len()
    }

    #[test]
    fn flags_inner_runs() {
        assert_eq!(flagged("the  host"), 1);
        assert_eq!(flagged("a   b  c"), 2);
    }

    #[test]
    fn leaves_single_spaces_and_edges_alone() {
        assert_eq!(flagged("the host"), 0);
        assert_eq!(flagged("  indented"), 0);
        assert_eq!(flagged("trailing  "), 0);
        assert_eq!(flagged("line\n  next"), 0);
    }

    #[test]
    fn keeps_realigned_help_columns() {
        let d = run_pair(
            Some((
                "en",
                "  INTEGER1 -eq INTEGER2   INTEGER1 is equal to INTEGER2\n",
            )),
            ("zh", "  整数1 -eq 整数2         <整数1> 等于 <整数2>\n"),
            None,
            &Options::default(),
        );
        assert!(findings_of(&d, "double-space").is_empty());
    }

    #[test]
    fn keeps_columns_the_source_has() {
        let d = run_pair(
            Some(("en", "  -a, --all    show all")),
            ("zh", "  -a, --all    显示全部"),
            None,
            &Options::default(),
        );
        assert!(findings_of(&d, "double-space").is_empty());
    }
}
