//! `custom-pattern`: the project's own regex rules from `termlint.toml` (`[[patterns]]`).

use super::{Check, Fixable, RuleMeta, SegmentCtx};
use crate::diagnostic::Severity;
use crate::segment::Side;

/// The `custom-pattern` rule.
pub static CUSTOM_PATTERN: RuleMeta = RuleMeta {
    name: "custom-pattern",
    default_severity: Severity::Warning,
    summary: "a custom pattern from termlint.toml matches the target",
    doc: "## What it does\n\
Runs the `[[patterns]]` of `termlint.toml`: each is a regular expression searched in every\n\
target text, optionally only in segments whose source matches a second expression. Every\n\
match is a finding with the pattern's message and severity. This is what Xbench calls a\n\
checklist and Okapi CheckMate a pattern.\n\n\
## Why\n\
Every project has its own don'ts: a product name misspelled a known way, a phrase the\n\
style guide bans, a source word that must always come out a certain way.\n\n\
## Example\n\
```toml\n\
[[patterns]]\n\
name = \"click-here\"\n\
target = '(?i)\\bclick here\\b'\n\
source = '点击'\n\
message = \"say what the link does instead of \\\"click here\\\"\"\n\
severity = \"warning\"\n\
```\n\
flags `Click here to download` when the source has 点击.\n\n\
## Options\n\
`name` (shown with each finding), `target` (required), `source` (optional condition),\n\
`message` (required), `severity` (default: this rule's severity). Patterns use Rust regex\n\
syntax (no look-around or back-references) with size limits: a pattern that compiles too\n\
large, or that matches the empty string, is a configuration error naming its line.\n\
`[rules] custom-pattern = \"off\"` turns all of them off.\n\n\
## Fix safety\n\
No fixes.",
    fixable: Fixable::No,
};

/// Runs the configured patterns.
pub struct CustomPatterns;

impl Check for CustomPatterns {
    fn rules(&self) -> &'static [&'static RuleMeta] {
        static RULES: [&RuleMeta; 1] = [&CUSTOM_PATTERN];
        &RULES
    }

    fn check_segment(&self, ctx: &mut SegmentCtx<'_>) {
        let patterns = &ctx.run.options.patterns;
        if patterns.is_empty() || !ctx.enabled(&CUSTOM_PATTERN) {
            return;
        }
        let Some(target) = ctx.target() else { return };
        for p in patterns {
            if let Some(cond) = &p.source {
                match ctx.source() {
                    Some(s) if cond.is_match(s.as_str()) => {}
                    _ => continue,
                }
            }
            let spans: Vec<_> = p
                .target
                .find_iter(target.as_str())
                .filter(|m| !m.is_empty())
                .map(|m| m.range())
                .collect();
            for range in spans {
                if let Some(d) = ctx.report(&CUSTOM_PATTERN, Side::Target, range, &p.message) {
                    if let Some(sev) = p.severity {
                        d.severity = sev;
                    }
                    d.note = Some(format!("custom pattern `{}` (termlint.toml)", p.name));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::{findings_of, run_pair};
    use crate::config::{compile_pattern, CustomPattern, Options};
    use crate::diagnostic::Severity;

    fn options(target: &str, source: Option<&str>, severity: Option<Severity>) -> Options {
        Options {
            patterns: vec![CustomPattern {
                name: "p".into(),
                target: compile_pattern(target).unwrap(),
                source: source.map(|s| compile_pattern(s).unwrap()),
                message: "avoid this".into(),
                severity,
            }],
            ..Default::default()
        }
    }

    #[test]
    fn flags_every_match_in_the_target() {
        let o = options(r"(?i)\bclick here\b", None, None);
        let d = run_pair(
            None,
            ("en", "Click here to download, or click here to cancel."),
            None,
            &o,
        );
        assert_eq!(
            findings_of(&d, "custom-pattern"),
            vec!["Click here", "click here"]
        );
        assert_eq!(&*d[0].message, "avoid this");
        assert_eq!(d[0].severity, Severity::Warning);
        assert!(d[0].note.as_deref().unwrap().contains("`p`"));
    }

    #[test]
    fn the_source_condition_gates_the_pattern() {
        let o = options(r"(?i)click here", Some("点击"), Some(Severity::Error));
        let hit = run_pair(
            Some(("zh", "点击此处下载。")),
            ("en", "Click here to download."),
            None,
            &o,
        );
        assert_eq!(findings_of(&hit, "custom-pattern"), vec!["Click here"]);
        assert_eq!(hit[0].severity, Severity::Error);
        let miss = run_pair(
            Some(("zh", "下载文件。")),
            ("en", "Click here to download."),
            None,
            &o,
        );
        assert!(findings_of(&miss, "custom-pattern").is_empty());
        // Monolingual: no source, so a conditioned pattern never fires.
        let mono = run_pair(None, ("en", "Click here to download."), None, &o);
        assert!(findings_of(&mono, "custom-pattern").is_empty());
    }

    #[test]
    fn nothing_without_patterns() {
        let d = run_pair(None, ("en", "Click here."), None, &Options::default());
        assert!(findings_of(&d, "custom-pattern").is_empty());
    }
}
