//! placeholder-mismatch on real PO entries with flags (c-format, no-c-format,
//! python-format, python-brace-format, qt-format, plural forms), from git's zh_CN catalog.

use std::process::Command;

fn findings(path: &str, rules: &str) -> Vec<(String, usize, String)> {
    let out = Command::new(env!("CARGO_BIN_EXE_termlint"))
        .args(["check", path, "--select", rules, "--format", "json"])
        .output()
        .expect("termlint runs");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON output");
    assert!(
        json["errors"].as_array().is_some_and(|e| e.is_empty()),
        "read errors: {}",
        json["errors"]
    );
    json["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap_or_default().to_string(),
                f["line"].as_u64().unwrap_or_default() as usize,
                f["text"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

const PO: &str = "tests/fixtures/placeholders/git-c-format.po";

#[test]
fn flags_exactly_the_broken_entries() {
    let got = findings(PO, "placeholder-mismatch");
    let text = std::fs::read_to_string(PO).expect("fixture");
    let line_of = |needle: &str| {
        text.lines()
            .position(|l| l.contains(needle))
            .map(|i| i + 1)
            .unwrap_or_else(|| panic!("{needle} not in fixture"))
    };
    let mut expected = vec![
        // swapped without positions: both arguments change type
        (
            "placeholder-mismatch".to_string(),
            line_of("在第 %d 行得到 %s"),
            "%d".to_string(),
        ),
        (
            "placeholder-mismatch".to_string(),
            line_of("在第 %d 行得到 %s"),
            "%s".to_string(),
        ),
        (
            "placeholder-mismatch".to_string(),
            line_of("包含 %d% 的"),
            "% ".to_string(),
        ),
        (
            "placeholder-mismatch".to_string(),
            line_of("无法暂存 '％s'"),
            "％s".to_string(),
        ),
        // msgstr[1] answers msgid_plural, which has %d
        (
            "placeholder-mismatch".to_string(),
            line_of("msgid_plural \"pruned %d refs"),
            "%d".to_string(),
        ),
        (
            "placeholder-mismatch".to_string(),
            line_of("时间戳太大：%s"),
            "%s".to_string(),
        ),
        (
            "placeholder-mismatch".to_string(),
            line_of("打开 {名称}"),
            "{名称}".to_string(),
        ),
    ];
    let mut got = got;
    got.sort();
    expected.sort();
    assert_eq!(got, expected);
}

#[test]
fn the_real_catalog_entries_are_clean_for_structure_rules() {
    // the unbroken entries of the fixture raise no structural finding at all
    let got = findings(
        PO,
        "markup-mismatch,url-mismatch,bracket-mismatch,whitespace-mismatch",
    );
    assert!(got.is_empty(), "{got:?}");
}
