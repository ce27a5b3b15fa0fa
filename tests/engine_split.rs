//! `termlint check` runs the checks that do not read the glossary while the glossary is
//! indexed, then the glossary's own checks (`CheckSet`). These tests hold that split to
//! the single pass: the same findings, in the same order, on real inputs with glossaries.

use termlint::checks::{registry, RuleSettings};
use termlint::config::Options;
use termlint::formats::{Input, LoadOptions};
use termlint::glossary::{load_all, TermIndex};
use termlint::lang::Lang;
use termlint::segment::Document;
use termlint::{CheckSet, Engine};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// The documents of `input` and the index of `glossaries`, for `source` -> `target`.
fn load(input: Input, glossaries: &[&str], source: &str, target: &str) -> (Document, TermIndex) {
    let load = LoadOptions {
        source_lang: Lang::parse(source),
        target_lang: Lang::parse(target),
        ..LoadOptions::default()
    };
    let doc = termlint::formats::load(&input, &load).expect("input loads");
    let paths: Vec<String> = glossaries.iter().map(|g| format!("{ROOT}/{g}")).collect();
    let (loaded, errors) = load_all(&paths, load.source_lang.as_ref(), load.target_lang.as_ref());
    assert!(errors.is_empty(), "{errors:?}");
    let entries = loaded.into_iter().flat_map(|g| g.entries).collect();
    (doc, TermIndex::from_entries(entries))
}

fn cases() -> Vec<(Document, TermIndex)> {
    vec![
        // The seed article, zh -> en, with the shipped glossaries.
        load(
            Input::Pair {
                source: format!("{ROOT}/examples/seed/zh.txt"),
                target: format!("{ROOT}/examples/seed/en.txt"),
            },
            &[
                "glossaries/zh-en/terms.csv",
                "glossaries/en/common-errors.csv",
            ],
            "zh",
            "en",
        ),
        // English targets: merged-words reads the glossary's words.
        load(
            Input::Pair {
                source: format!("{ROOT}/tests/fixtures/glossary/zh.txt"),
                target: format!("{ROOT}/tests/fixtures/glossary/en.txt"),
            },
            &["glossaries/zh-en/terms.csv"],
            "zh",
            "en",
        ),
        // A gettext catalog, en -> zh, with a git glossary.
        load(
            Input::File(format!("{ROOT}/tests/fixtures/po/catalog.po")),
            &["tests/fixtures/glossary/git-en-zh.csv"],
            "en",
            "zh-CN",
        ),
    ]
}

#[test]
fn split_run_equals_single_pass() {
    let rules = RuleSettings::defaults();
    let options = Options::default();
    let load = LoadOptions::default();
    let mut compared = 0;
    for (doc, index) in cases() {
        let docs = [doc];
        let engine = Engine {
            rules: &rules,
            terms: Some(&index),
            options: &options,
            load: &load,
            keep_documents: false,
        };
        let single = engine.check_documents(&docs);
        // As `check` does it: the first part without the index.
        let mut split = Engine {
            terms: None,
            ..engine
        }
        .check_set(&docs, CheckSet::WithoutGlossary);
        split.absorb(engine.check_set(&docs, CheckSet::GlossaryOnly));
        assert_eq!(single.findings, split.findings, "{}", docs[0].files[0].path);
        compared += single.findings.len();
    }
    assert!(compared > 0);
}

/// A check that reads the glossary must say so, or the split would run it without one.
#[test]
fn checks_without_the_glossary_do_not_read_it() {
    let rules = RuleSettings::defaults();
    let options = Options::default();
    let load = LoadOptions::default();
    let mut glossary_findings = 0;
    for (doc, index) in cases() {
        let docs = [doc];
        let with = Engine {
            rules: &rules,
            terms: Some(&index),
            options: &options,
            load: &load,
            keep_documents: false,
        };
        let without = Engine {
            terms: None,
            ..with
        };
        assert_eq!(
            with.check_set(&docs, CheckSet::WithoutGlossary).findings,
            without.check_set(&docs, CheckSet::WithoutGlossary).findings
        );
        glossary_findings += with.check_set(&docs, CheckSet::GlossaryOnly).findings.len();
    }
    // The glossary's checks do find something here, so the comparison above is not empty
    // by accident.
    assert!(glossary_findings > 0);
    assert!(registry().iter().any(|c| c.uses_glossary()));
}
