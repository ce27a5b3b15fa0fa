//! Monolingual plain text and large gettext catalogs are checked with their segments made a
//! chunk at a time and dropped (`Engine::check_set_deferred`) when no enabled check has a
//! corpus pass. These tests hold that to checking the segments made all at once: the same
//! findings, in the same order, the same counts and the same errors.

mod common;
use common::*;

use termlint::checks::{registry, RuleSettings};
use termlint::config::{CjkSpacing, Options};
use termlint::formats::{
    load_each, load_each_deferred, Align, DeferredSegments, Input, LoadOptions,
};
use termlint::lang::Lang;
use termlint::segment::Document;
use termlint::{CheckSet, Engine, Report};

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

/// The rules of each registered check, one list per check.
fn each_check() -> Vec<Vec<String>> {
    registry()
        .iter()
        .map(|c| c.rules().iter().map(|r| r.name.to_string()).collect())
        .collect()
}

/// `rules` checked over the `made` documents and over the same documents `deferred`: the
/// two reports and the documents the deferred run left out.
fn both_ways(
    rules: &[String],
    options: &Options,
    load: &LoadOptions,
    made: &[Document],
    (docs, deferred): (&[Document], &[Option<DeferredSegments>]),
) -> (Report, Report, Vec<usize>) {
    let mut settings = RuleSettings::defaults();
    settings.select(rules).unwrap();
    let engine = Engine {
        rules: &settings,
        terms: None,
        options,
        load,
        keep_documents: false,
    };
    let (got, failed) = engine.check_set_deferred(docs, deferred, CheckSet::All);
    (engine.check_documents(made), got, failed)
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
            // Segments made again in each sweep of the corpus passes (lines), or kept
            // from the first sweep (paragraphs: the file is under the default limit).
            let load = LoadOptions {
                target_lang: Lang::parse("zh-CN"),
                align,
                keep_segments_below: (align == Align::Lines).then_some(0),
                ..LoadOptions::default()
            };
            let (made, errors) = load_each(&inputs, &load, || ());
            assert!(errors.is_empty(), "{errors:?}");
            let (docs, deferred, errors) = load_each_deferred(&inputs, &load, || ());
            assert!(errors.is_empty(), "{errors:?}");
            assert!(deferred[0].is_some() && docs[0].segments.is_empty());
            assert_eq!(docs[0].target_lang, made[0].target_lang);
            // Each check alone, then every check together.
            let mut lists = each_check();
            let together: Vec<String> = lists.iter().flatten().cloned().collect();
            lists.push(together);
            for rules in &lists {
                let (expected, got, failed) =
                    both_ways(rules, &options, &load, &made, (&docs, &deferred));
                assert!(failed.is_empty());
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

/// A configuration whose one override matches no file: with overrides, `check` makes every
/// segment before the checks (the overrides are applied to the findings afterwards).
const MADE: &str =
    "[[overrides]]\npaths = [\"no-such-dir/\"]\nrules = { double-space = \"info\" }\n";

/// The command line defers only when nothing needs the segments afterwards: the same
/// findings with the segments made first (a configuration override), with corpus passes
/// in one and two sweeps, and the same error for a paragraph over the length limit.
#[test]
fn check_command_defers_without_changing_findings_or_errors() {
    let dir = tempdir();
    let d = dir.path();
    // A few corner-bracket quotes and Traditional characters among the corpus's curly
    // quotes and Simplified text.
    let minority = "然后选择「高级」并重新啟動。\n".repeat(40);
    write(d, "zh.txt", &format!("{}{minority}", corpus()));
    write(d, "made.toml", MADE);
    // Plain `zh`: chinese-quotes and chinese-script-mix learn the document's style and
    // variety in a first sweep; cjk-spacing's `consistent` convention counts first too.
    for spacing in ["require", "consistent"] {
        let rules =
            "cjk-punctuation,cjk-spacing,double-space,repeated-word,chinese-quotes,chinese-script-mix";
        let args = |made: bool| {
            let mut a = vec![
                "check",
                "--lang",
                "zh",
                "--select",
                rules,
                "--cjk-spacing",
                spacing,
                "--format",
                "json",
                "zh.txt",
            ];
            if made {
                a.extend(["--config", "made.toml"]);
            }
            a
        };
        let deferred = termlint(d, &args(false));
        let made = termlint(d, &args(true));
        let got = findings(&deferred);
        assert!(got.len() > 1000, "{}", got.len());
        for rule in ["chinese-quotes", "chinese-script-mix"] {
            assert!(got.iter().any(|f| f.0 == rule), "{rule} {spacing}");
        }
        assert_eq!(got, findings(&made), "{spacing}");
    }

    // Thirty lines of twenty-odd bytes: a 700-byte paragraph, each line well under 100.
    let para: String = (0..30).map(|i| format!("第{i}行,一些文字\n")).collect();
    write(d, "long.txt", &format!("短的一段。\n\n{para}\n结尾。\n"));
    let args = |made: bool| {
        let mut a = vec![
            "check",
            "--lang",
            "zh",
            "--align",
            "paragraphs",
            "--max-line-length",
            "100",
            "--select",
            "cjk-punctuation",
            "long.txt",
        ];
        if made {
            a.extend(["--config", "made.toml"]);
        }
        a
    };
    // (Unreadable inputs are listed in the report, on standard output.)
    let (code_deferred, err_deferred, _) = run(d, &args(false));
    let (code_made, err_made, _) = run(d, &args(true));
    assert_eq!(code_deferred, 2, "{err_deferred}");
    assert_eq!(code_made, 2, "{err_made}");
    assert!(err_deferred.contains("long.txt:3"), "{err_deferred}");
    assert!(err_deferred.contains("too long"), "{err_deferred}");
    assert_eq!(err_deferred, err_made);
}

/// A catalog of a few MB: messages with placeholders, numbers, markup and mistakes, fuzzy
/// and untranslated ones, plurals and obsolete entries. With `split_comments`, every
/// entry's comment stands before a blank line, so that some pieces cut between a comment
/// and its message and cannot be lexed alone.
fn catalog(language: &str, split_comments: bool) -> String {
    let mut po = format!(
        "msgid \"\"\nmsgstr \"\"\n{language}\"Plural-Forms: nplurals=1; plural=0;\\n\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n\n"
    );
    let gap = if split_comments { "\n" } else { "" };
    for i in 0..12_000 {
        let flag = if i % 7 == 0 {
            "#, fuzzy, c-format"
        } else {
            "#, c-format"
        };
        po.push_str(&format!(
            "# comment {i}\n{gap}{flag}\nmsgid \"Copy %s to %d files (<b>{i}</b>)\"\nmsgstr \"将 %s 复制到 %d 个文件(<b>{}</b>)\"\n\n",
            i + i % 3
        ));
        match i % 5 {
            0 => po.push_str(&format!("msgid \"Untranslated {i}\"\nmsgstr \"\"\n\n")),
            1 => po.push_str(&format!(
                "msgid \"one file {i}\"\nmsgid_plural \"%d files\"\nmsgstr[0] \"%d 个文件  {i}\"\n\n"
            )),
            2 => po.push_str(&format!("#~ msgid \"old {i}\"\n#~ msgstr \"旧的 {i}\"\n\n")),
            3 => po.push_str(&format!(
                "msgid \"See https://example.com/{i}.\"\nmsgstr \"参见 https://example.com/{i}\"\n\n"
            )),
            _ => po.push_str("msgid \"Done.\"\nmsgstr \"Done.\"\n\n"),
        }
    }
    po
}

#[test]
fn deferred_catalogs_are_checked_like_made_ones() {
    let dir = tempdir();
    let cases = [
        ("zh.po", catalog("\"Language: zh_CN\\n\"\n", false), false),
        // No language in the header: both sides are detected from the first pieces.
        ("nolang.po", catalog("", false), false),
        ("split.po", catalog("\"Language: zh_CN\\n\"\n", true), true),
    ];
    let mut compared = 0;
    for (name, po, splits) in cases {
        write(dir.path(), name, &po);
        let path = dir.path().join(name).to_str().unwrap().to_string();
        let inputs = [Input::File(path)];
        // With both languages given nothing is lexed before the checks: a piece that does
        // not lex alone is met while checking.
        // (Segments made again in each sweep of the corpus passes with these two, kept
        // from the first with the default.)
        let given = LoadOptions {
            source_lang: Lang::parse("en"),
            target_lang: Lang::parse("zh-CN"),
            keep_segments_below: Some(0),
            ..LoadOptions::default()
        };
        let loads = if splits {
            vec![given]
        } else {
            vec![
                LoadOptions::default(),
                LoadOptions {
                    include_fuzzy: true,
                    keep_segments_below: Some(0),
                    ..LoadOptions::default()
                },
                given,
            ]
        };
        for load in loads {
            let (made, errors) = load_each(&inputs, &load, || ());
            assert!(errors.is_empty(), "{errors:?}");
            let (docs, deferred, errors) = load_each_deferred(&inputs, &load, || ());
            assert!(errors.is_empty(), "{errors:?}");
            assert!(
                deferred[0].is_some() && docs[0].segments.is_empty(),
                "{name}"
            );
            assert_eq!(docs[0].source_lang, made[0].source_lang, "{name}");
            assert_eq!(docs[0].target_lang, made[0].target_lang, "{name}");
            assert!(made[0].target_lang.is_some() && made[0].source_lang.is_some());
            let options = Options::default();
            for rules in each_check() {
                let (expected, got, failed) =
                    both_ways(&rules, &options, &load, &made, (&docs, &deferred));
                if splits {
                    // The document is left out, for the caller to read whole.
                    assert_eq!(failed, vec![0], "{name}");
                    assert!(got.findings.is_empty() && got.segments == 0 && got.files == 0);
                    continue;
                }
                assert!(failed.is_empty(), "{name}");
                assert_eq!(expected.findings, got.findings, "{rules:?} {name}");
                assert_eq!(expected.segments, got.segments);
                compared += got.findings.len();
            }
        }
    }
    assert!(compared > 10_000, "{compared}");
}

/// On the command line: the same findings from a deferred catalog, a catalog whose pieces
/// do not all lex alone (read whole instead) and the same error for a broken catalog.
#[test]
fn check_command_defers_catalogs_without_changing_anything() {
    let dir = tempdir();
    let d = dir.path();
    // term-inconsistent compares documents in two sweeps: a catalog read whole after
    // the first is compared with the others all the same.
    let rules = "placeholder-mismatch,number-mismatch,markup-mismatch,double-space,untranslated,term-inconsistent";
    write(d, "made.toml", MADE);
    let broken = {
        let mut po = catalog("\"Language: zh_CN\\n\"\n", false);
        let at = po.len() / 2;
        let at = at + po[at..].find("\n\n# comment").unwrap() + 2;
        po.insert_str(at, "msgid \"unterminated\n");
        po
    };
    for (name, po) in [
        ("zh.po", catalog("\"Language: zh_CN\\n\"\n", false)),
        ("split.po", catalog("\"Language: zh_CN\\n\"\n", true)),
        ("broken.po", broken),
    ] {
        write(d, name, &po);
        for format in ["json", "human"] {
            // With the languages given, nothing is lexed before the checks, so a piece of
            // split.po that does not lex alone is met while checking.
            let args = |made: bool| -> Vec<&'static str> {
                let mut a = vec!["check", "--select", rules, "--format", format, name];
                if name == "split.po" {
                    a.extend(["--source-lang", "en", "--target-lang", "zh-CN"]);
                }
                if made {
                    a.extend(["--config", "made.toml"]);
                }
                a
            };
            let deferred = termlint(d, &args(false));
            let made = termlint(d, &args(true));
            assert_eq!(code(&deferred), code(&made), "{name}");
            if format == "human" {
                if name == "broken.po" {
                    assert_eq!(code(&deferred), 2);
                    assert_eq!(stdout(&deferred), stdout(&made));
                }
                continue;
            }
            let expected = findings(&made);
            let got = findings(&deferred);
            if name != "broken.po" {
                assert!(got.len() > 5000, "{name}: {}", got.len());
            }
            assert_eq!(got, expected, "{name}");
        }
    }
    // A catalog read whole (split.po, some of whose pieces do not lex alone) is still
    // compared with the others: other.po's `Done.` departs from split.po's 2400.
    write(
        d,
        "other.po",
        "msgid \"\"\nmsgstr \"\"\n\"Language: zh_CN\\n\"\n\nmsgid \"Done.\"\nmsgstr \"完成。\"\n",
    );
    let args = |made: bool| {
        let mut a = vec![
            "check",
            "--select",
            rules,
            "--format",
            "json",
            "--source-lang",
            "en",
            "--target-lang",
            "zh-CN",
            "split.po",
            "other.po",
        ];
        if made {
            a.extend(["--config", "made.toml"]);
        }
        a
    };
    let got = findings(&termlint(d, &args(false)));
    assert!(
        got.iter()
            .any(|f| f.0 == "term-inconsistent" && f.2.ends_with("other.po")),
        "{:?}",
        got.iter()
            .filter(|f| f.0 == "term-inconsistent")
            .take(3)
            .collect::<Vec<_>>()
    );
    assert_eq!(got, findings(&termlint(d, &args(true))));
}
