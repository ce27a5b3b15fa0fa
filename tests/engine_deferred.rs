//! Monolingual plain text is checked with its segments made a chunk at a time and dropped
//! (`Engine::check_set_deferred`) when no enabled check has a corpus pass. These tests
//! hold that to checking the segments made all at once: the same findings, in the same
//! order, the same counts and the same errors.

mod common;
use common::*;

use termlint::checks::{registry, RuleSettings};
use termlint::config::{CjkSpacing, Options};
use termlint::formats::{load_each, load_each_deferred, Align, Input, LoadOptions};
use termlint::lang::Lang;
use termlint::{CheckSet, Engine};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Several thousand lines of Chinese with English, mistakes of many kinds, blank lines
/// and suppression directives: more segments than a few chunks hold.
fn corpus() -> String {
    let seed = std::fs::read_to_string(format!("{ROOT}/examples/seed/zh.txt")).unwrap();
    let mut text = String::new();
    for i in 0..1500 {
        match i % 10 {
            0 => text.push_str(&seed),
            1 => text.push_str(&format!("第{i}行,组织APT-C-39 发布了 2020年 的报告...\n")),
            2 => text.push_str("<!-- termlint-ignore: cjk-spacing -->\n"),
            3 => text.push_str("请运行 `git commit --amend` 并访问 https://example.com/a,b 。\n\n"),
            4 => text.push_str(&format!("The  the file %s has {i} errors(see below).\n")),
            5 => text.push_str("“引号”里的文字（全角）和 (半角) 括号;以及 —— 破折号\n"),
            6 => text.push_str("<!-- termlint-ignore -->\n文件(&F) 与 U盘 和 T恤\n"),
            7 => text.push_str("\n\n\n"),
            _ => text.push_str(&format!("第 {i} 行：正常的中文句子，没有问题。\n")),
        }
    }
    text
}

#[test]
fn deferred_segments_are_checked_like_made_ones() {
    let dir = tempdir();
    write(dir.path(), "zh.txt", &corpus());
    let path = dir.path().join("zh.txt").to_str().unwrap().to_string();
    let inputs = [Input::Monolingual(path)];
    let mut compared_checks = 0;
    let mut compared_findings = 0;
    for align in [Align::Lines, Align::Paragraphs] {
        for spacing in [
            CjkSpacing::Require,
            CjkSpacing::Forbid,
            CjkSpacing::Consistent,
        ] {
            let options = Options {
                cjk_spacing: spacing,
                ..Options::default()
            };
            let load = LoadOptions {
                target_lang: Lang::parse("zh-CN"),
                align,
                ..LoadOptions::default()
            };
            let (made, errors) = load_each(&inputs, &load, || ());
            assert!(errors.is_empty(), "{errors:?}");
            let (docs, deferred, errors) = load_each_deferred(&inputs, &load, || ());
            assert!(errors.is_empty(), "{errors:?}");
            assert!(deferred[0].is_some() && docs[0].segments.is_empty());
            assert_eq!(docs[0].target_lang, made[0].target_lang);
            // Each check alone, then every check without a corpus pass together.
            let mut alone: Vec<Vec<String>> = registry()
                .iter()
                .map(|c| c.rules().iter().map(|r| r.name.to_string()).collect())
                .collect();
            let mut together = Vec::new();
            for rules in &alone {
                let mut settings = RuleSettings::defaults();
                settings.select(rules).unwrap();
                let engine = Engine {
                    rules: &settings,
                    terms: None,
                    options: &options,
                    load: &load,
                    keep_documents: false,
                };
                if !engine.has_corpus_pass() {
                    together.extend(rules.iter().cloned());
                }
            }
            alone.push(together);
            for rules in &alone {
                let mut settings = RuleSettings::defaults();
                settings.select(rules).unwrap();
                let engine = Engine {
                    rules: &settings,
                    terms: None,
                    options: &options,
                    load: &load,
                    keep_documents: false,
                };
                if engine.has_corpus_pass() {
                    continue;
                }
                let expected = engine.check_documents(&made);
                let got = engine.check_set_deferred(&docs, &deferred, CheckSet::All);
                assert_eq!(expected.findings, got.findings, "{rules:?} {align:?}");
                assert_eq!(expected.segments, got.segments);
                assert_eq!(expected.files, got.files);
                compared_checks += 1;
                compared_findings += got.findings.len();
            }
        }
    }
    // Most checks look at segments alone, and they find things here.
    assert!(compared_checks >= 6 * 15, "{compared_checks}");
    assert!(compared_findings > 10_000, "{compared_findings}");
}

/// The command line defers only when nothing needs the segments afterwards: the same
/// findings with and without a corpus check beside, and the same error for a paragraph
/// over the length limit.
#[test]
fn check_command_defers_without_changing_findings_or_errors() {
    let dir = tempdir();
    let d = dir.path();
    write(d, "zh.txt", &corpus());
    let rules = "cjk-punctuation,cjk-spacing,double-space,repeated-word";
    let deferred = termlint(
        d,
        &[
            "check",
            "--lang",
            "zh",
            "--select",
            rules,
            "--cjk-spacing",
            "require",
            "--format",
            "json",
            "zh.txt",
        ],
    );
    // leftover-source-script has a corpus pass: the segments are all made first.
    let with_corpus = format!("{rules},leftover-source-script");
    let made = termlint(
        d,
        &[
            "check",
            "--lang",
            "zh",
            "--select",
            &with_corpus,
            "--cjk-spacing",
            "require",
            "--format",
            "json",
            "zh.txt",
        ],
    );
    let mut expected = findings(&made);
    expected.retain(|f| f.0 != "leftover-source-script");
    let got = findings(&deferred);
    assert!(got.len() > 1000, "{}", got.len());
    assert_eq!(got, expected);

    // Thirty lines of twenty-odd bytes: a 700-byte paragraph, each line well under 100.
    let para: String = (0..30).map(|i| format!("第{i}行,一些文字\n")).collect();
    write(d, "long.txt", &format!("短的一段。\n\n{para}\n结尾。\n"));
    let args = |select: &'static str| {
        [
            "check",
            "--lang",
            "zh",
            "--align",
            "paragraphs",
            "--max-line-length",
            "100",
            "--select",
            select,
            "long.txt",
        ]
    };
    // (Unreadable inputs are listed in the report, on standard output.)
    let (code_deferred, err_deferred, _) = run(d, &args("cjk-punctuation"));
    let (code_made, err_made, _) = run(d, &args("cjk-punctuation,leftover-source-script"));
    assert_eq!(code_deferred, 2, "{err_deferred}");
    assert_eq!(code_made, 2, "{err_made}");
    assert!(err_deferred.contains("long.txt:3"), "{err_deferred}");
    assert!(err_deferred.contains("too long"), "{err_deferred}");
    assert_eq!(err_deferred, err_made);
}
