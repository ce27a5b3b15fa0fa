//! End-to-end: the corpus consistency rules across two PO files and on the seed article.

use std::process::Command;

fn termlint(args: &[&str]) -> (i32, serde_json::Value) {
    let out = Command::new(env!("CARGO_BIN_EXE_termlint"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("binary runs");
    let json = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out.status.code().unwrap_or(-1), json)
}

#[test]
fn one_source_translated_two_ways_across_two_po_files() {
    let (code, json) = termlint(&[
        "check",
        "--select",
        "term-inconsistent",
        "--format",
        "json",
        "tests/fixtures/consistency/a.po",
        "tests/fixtures/consistency/b.po",
    ]);
    assert_eq!(code, 0, "{json}");
    let findings = json["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{json}");
    let f = &findings[0];
    assert_eq!(f["rule"], "term-inconsistent");
    assert_eq!(f["file"], "tests/fixtures/consistency/b.po");
    assert_eq!(f["text"], "开启档案");
    assert_eq!(f["suggestion"], "打开文件");
    assert_eq!(f["side"], "target");
    let note = f["note"].as_str().unwrap();
    assert!(note.contains("\"打开文件\" ×2"), "{note}");
    assert!(note.contains("\"开启档案\" ×1"), "{note}");
}

#[test]
fn the_seed_articles_cyber_compounds_are_variants_of_one_another() {
    let (_, json) = termlint(&[
        "check",
        "--lang",
        "en",
        "--select",
        "spelling-variant",
        "--format",
        "json",
        "examples/seed/article.txt",
    ]);
    let texts: Vec<&str> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["text"].as_str().unwrap())
        .collect();
    for want in ["cyber attacker", "cyberspace", "cyber weapons", "China’s"] {
        assert!(texts.contains(&want), "{want} not in {texts:?}");
    }
    let note = json["findings"][0]["note"].as_str().unwrap();
    assert!(note.contains("hyphenated (\"cyber-attack\") ×9"), "{note}");
}
