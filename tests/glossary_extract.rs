//! End-to-end tests of `termlint glossary extract`, driving the real binary.

mod common;

use common::run;

const PO: &str = r#"msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"Language: zh_CN\n"

msgid "your working tree is dirty"
msgstr "您的工作区不干净"

msgid "clean the working tree first"
msgstr "请先清理工作区"

msgid "update the working tree"
msgstr "更新工作区"

msgid "cannot create branch '%s'"
msgstr "无法创建分支 '%s'"

msgid "delete the branch"
msgstr "删除该分支"

#, fuzzy
msgid "rename a branch"
msgstr "重命名一个分支"

msgid "branch '%s' does not exist"
msgstr "分支 '%s' 不存在"

msgid "Check the GPG signature of commits"
msgstr "检查提交的 GPG 签名"

msgid "GPG failed to sign the data"
msgstr "GPG 无法为数据签名"

msgid "no GPG key found"
msgstr "未找到 GPG 密钥"
"#;

#[test]
fn extract_writes_proposed_csv_and_skips_glossary_entries() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("git.po"), PO).unwrap();
    let (code, out, err) = run(
        dir.path(),
        &[
            "glossary",
            "extract",
            "git.po",
            "--source-lang",
            "en",
            "--target-lang",
            "zh-CN",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let mut lines = out.lines();
    assert_eq!(
        lines.next(),
        Some("source,target,note,frequency,score,example,status")
    );
    let rows: Vec<&str> = lines.collect();
    assert!(
        rows.iter().any(|r| r.starts_with("working tree,工作区,")),
        "{out}"
    );
    assert!(
        rows.iter()
            .any(|r| r.starts_with("GPG,GPG,do-not-translate")),
        "{out}"
    );
    assert!(rows.iter().all(|r| r.ends_with(",proposed")), "{out}");
    // The fuzzy entry is not read: `branch` is in three segments.
    let branch = rows
        .iter()
        .find(|r| r.starts_with("branch,分支,"))
        .expect(&out);
    assert!(branch.contains(",3,"), "{branch}");
    assert!(branch.contains("git.po:"), "{branch}");

    // -g skips known entries; -o writes a file that loads as a glossary; --limit.
    std::fs::write(
        dir.path().join("known.csv"),
        "source,target\nbranches,分支\n",
    )
    .unwrap();
    let (code, out, err) = run(
        dir.path(),
        &[
            "glossary",
            "extract",
            "git.po",
            "--source-lang",
            "en",
            "--target-lang",
            "zh-CN",
            "-g",
            "known.csv",
            "--limit",
            "2",
            "-o",
            "cands.csv",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.is_empty());
    let csv = std::fs::read_to_string(dir.path().join("cands.csv")).unwrap();
    assert_eq!(csv.lines().count(), 3, "{csv}");
    assert!(!csv.contains("\nbranch,"), "{csv}");
    let (code, out, err) = run(dir.path(), &["glossary", "stats", "cands.csv"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains('2'), "{out}");
}

#[test]
fn extract_reads_plain_pairs_and_reports_bad_input() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("en.txt"),
        "Restart the host.\nThe host is down.\nA host was added.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("zh.txt"),
        "重启主机。\n主机已停机。\n添加了一台主机。\n",
    )
    .unwrap();
    let (code, out, err) = run(
        dir.path(),
        &[
            "glossary",
            "extract",
            "--source",
            "en.txt",
            "--target",
            "zh.txt",
            "--lines",
            "--source-lang",
            "en",
            "--target-lang",
            "zh-CN",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("\nhost,主机,"), "{out}");

    let (code, _, err) = run(dir.path(), &["glossary", "extract", "missing.po"]);
    assert_eq!(code, 2);
    assert!(err.contains("missing.po"), "{err}");
    let (code, _, err) = run(
        dir.path(),
        &[
            "glossary", "extract", "--source", "en.txt", "--target", "zh.txt", "-g", "nope.csv",
        ],
    );
    assert_eq!(code, 2);
    assert!(err.contains("nope.csv"), "{err}");
}
