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

        // Bytes a safe fix may touch: the spans its edits replace in the first report.
        let first = engine.run(&inputs);
        let mut allowed = vec![false; text.len() + 1];
        for d in &first.findings {
            if let Some(f) = d.fix.as_ref().filter(|f| f.applicability == Applicability::Safe) {
                for e in &f.edits {
                    for b in e.range.clone() { allowed[b] = true; }
                    allowed[e.range.start] = true;
                }
            }
        }
        // One pass, as `fix` makes it: the edits of the first report, applied.
        let edits = fix::collect_edits(&first.findings, FixMode::default());
        let (fixed, _) = match edits.values().next() {
            Some(e) => fix::apply_edits(&text, e),
            None => (text.clone(), 0),
        };

        // Every byte outside the allowed spans survives: a character diff of old and new
        // text deletes or inserts only at allowed places.
        let diff = similar::TextDiff::from_chars(text.as_str(), fixed.as_str());
        for op in diff.ops() {
            let old = op.old_range();
            // `similar` counts characters: turn them into byte offsets of the old text.
            let byte = |i: usize| text.char_indices().nth(i).map_or(text.len(), |(b, _)| b);
            let (from, to) = (byte(old.start), byte(old.end));
            match op.tag() {
                similar::DiffTag::Equal => {}
                similar::DiffTag::Insert => prop_assert!(
                    allowed[from] || (from > 0 && allowed[from - 1]),
                    "insertion at byte {from} of {text:?} outside a reported span: {fixed:?}"
                ),
                _ => {
                    // A run of equal characters may be aligned either way by the diff:
                    // a changed character counts as its allowed twin next door.
                    let twin_allowed = |b: usize| {
                        let c = text[b..].chars().next();
                        let next = b + c.map_or(1, |c| c.len_utf8());
                        let prev = text[..b].char_indices().last().map(|(i, _)| i);
                        (next < text.len() && text[next..].chars().next() == c && allowed[next])
                            || prev.is_some_and(|p| text[p..].chars().next() == c && allowed[p])
                    };
                    let outside = (from..to)
                        .filter(|&b| text.is_char_boundary(b))
                        .find(|&b| !allowed[b] && !twin_allowed(b));
                    prop_assert!(
                        outside.is_none(),
                        "byte {:?} of {:?} changed outside a reported span: {:?}",
                        outside,
                        text,
                        fixed
                    );
                }
            }
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
