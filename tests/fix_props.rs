//! Property tests of `termlint fix`: on random Chinese/English text with planted errors, the
//! fix changes only bytes inside reported spans, a second run changes nothing, and a re-check
//! finds nothing left of the fixed rules.

use proptest::prelude::*;
use termlint::checks::RuleSettings;
use termlint::config::{CjkSpacing, Options};
use termlint::diagnostic::Applicability;
use termlint::fix::{self, FixMode};
use termlint::formats::{Input, LoadOptions};
use termlint::lang::Lang;
use termlint::Engine;

const FIXED_RULES: [&str; 3] = ["double-space", "cjk-punctuation", "cjk-spacing"];

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("打开文件".to_string()),
        Just("服务器".to_string()),
        Just("主机".to_string()),
        Just("然后关闭".to_string()),
        Just("Linux".to_string()),
        Just("2020".to_string()),
        Just(",".to_string()),
        Just("，".to_string()),
        Just(" ".to_string()),
        Just("  ".to_string()),
        Just("。".to_string()),
        Just(":".to_string()),
        Just("%s".to_string()),
        Just("https://example.org/a,b".to_string()),
    ]
}

fn document() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::collection::vec(piece(), 1..12), 1..5).prop_map(|paras| {
        paras
            .into_iter()
            .map(|p| format!("开始{}结束。", p.concat()))
            .collect::<Vec<_>>()
            .join("\n\n")
            + "\n"
    })
}

fn engine_parts() -> (RuleSettings, Options, LoadOptions) {
    let mut rules = RuleSettings::defaults();
    rules
        .select(
            &FIXED_RULES
                .iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>(),
        )
        .unwrap();
    let options = Options {
        cjk_spacing: CjkSpacing::Require,
        ..Options::default()
    };
    let load = LoadOptions {
        target_lang: Lang::parse("zh-CN"),
        ..LoadOptions::default()
    };
    (rules, options, load)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn fixes_stay_inside_spans_converge_and_are_idempotent(text in document()) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("doc.txt");
        std::fs::write(&path, &text).unwrap();
        let (rules, options, load) = engine_parts();
        let engine = Engine { rules: &rules, terms: None, options: &options, load: &load, keep_documents: false };
        let inputs = vec![Input::Monolingual(path.display().to_string())];

        let first = engine.run(&inputs);
        // One pass, as `fix` makes it: the edits of the first report, applied.
        let edits = fix::collect_edits(&first.findings, FixMode::default());
        let (fixed, _) = match edits.values().next() {
            Some(e) => fix::apply_edits(&text, e),
            None => (text.clone(), 0),
        };

        // Every edit lies inside (or, for an insertion, at the edge of) its finding's span.
        for d in &first.findings {
            if let Some(f) = d.fix.as_ref().filter(|f| f.applicability == Applicability::Safe) {
                for e in &f.edits {
                    prop_assert!(
                        e.range.start >= d.range.start && e.range.end <= d.range.end.max(d.range.start),
                        "edit {:?} outside the span {:?} of {} in {:?}", e.range, d.range, d.rule, text
                    );
                }
            }
        }
        // Every byte outside the edits survives, in order: the text between edits is found
        // verbatim, one piece after another, in the fixed text.
        let mut ranges: Vec<std::ops::Range<usize>> =
            edits.values().flatten().map(|e| e.range.clone()).collect();
        ranges.sort_by_key(|r| (r.start, r.end));
        let mut pos = 0;
        let mut cursor = 0;
        for r in ranges.iter().chain(std::iter::once(&(text.len()..text.len()))) {
            if r.start < pos {
                continue;
            }
            let gap = &text[pos..r.start];
            match fixed[cursor..].find(gap) {
                Some(at) => cursor += at + gap.len(),
                None => prop_assert!(false, "{gap:?} of {text:?} did not survive: {fixed:?}"),
            }
            pos = r.end;
        }

        // The whole run: converges (nothing safely fixable is left) and is idempotent.
        let outcome = fix::run(&engine, &inputs, FixMode::default(), false);
        prop_assert!(outcome.errors.is_empty(), "{:?}", outcome.errors);
        let fixed = std::fs::read_to_string(&path).unwrap();
        let left = engine.run(&inputs);
        prop_assert!(
            !left.findings.iter().any(|d| d.fix.as_ref().is_some_and(|f| f.applicability == Applicability::Safe)),
            "safe fixes left after fix: {:?}", left.findings
        );
        let again = fix::run(&engine, &inputs, FixMode::default(), false);
        prop_assert_eq!(again.applied, 0);
        prop_assert_eq!(std::fs::read_to_string(&path).unwrap(), fixed);
    }
}
