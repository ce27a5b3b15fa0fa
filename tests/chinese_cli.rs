//! End-to-end: the Chinese-side rules on small fixtures, bilingual PO and monolingual text,
//! and (when the machine has them) real zh_CN / zh_TW catalogs checked under the wrong tag.

use std::path::Path;
use std::process::Command;

const RULES: &str =
    "chinese-script-mix,chinese-regional-term,chinese-quotes,chinese-typo,accelerator-mismatch";

fn termlint(args: &[&str]) -> (i32, serde_json::Value, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_termlint"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("binary runs");
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    let json = serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null);
    (out.status.code().unwrap_or(-1), json, stderr)
}

fn findings(json: &serde_json::Value) -> Vec<(String, String)> {
    json["findings"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|f| {
                    (
                        f["rule"].as_str().unwrap_or("").to_string(),
                        f["text"].as_str().unwrap_or("").to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn bilingual_po_in_taiwan_chinese() {
    let (code, json, err) = termlint(&[
        "check",
        "--select",
        RULES,
        "--format",
        "json",
        "tests/fixtures/chinese/menu.zh_TW.po",
    ]);
    assert_eq!(code, 0, "{err}");
    let mut got = findings(&json);
    got.sort();
    let want = [
        ("accelerator-mismatch", "案"),
        ("chinese-quotes", "“確定”"),
        ("chinese-regional-term", "軟件"),
        ("chinese-script-mix", "启"),
    ];
    let want: Vec<(String, String)> = want
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert_eq!(got, want, "{json}");
    let acc = &json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "accelerator-mismatch")
        .unwrap()["suggestion"];
    assert_eq!(acc, "檔案(_F)");
}

#[test]
fn monolingual_simplified_text() {
    let (code, json, err) = termlint(&[
        "check",
        "--lang",
        "zh-CN",
        "--select",
        RULES,
        "--format",
        "json",
        "tests/fixtures/chinese/notes.zh_CN.txt",
    ]);
    assert_eq!(code, 0, "{err}");
    let got = findings(&json);
    for want in [
        ("chinese-typo", "登陆"),
        ("chinese-typo", "帐号"),
        ("chinese-script-mix", "啟動"),
        ("chinese-quotes", "「确定」"),
        ("chinese-typo", " "),
        ("chinese-regional-term", "伺服器"),
        ("chinese-typo", "Ｆ１"),
    ] {
        assert!(
            got.iter().any(|(r, t)| r == want.0 && t == want.1),
            "missing {want:?} in {got:?}"
        );
    }
    assert_eq!(got.len(), 7, "{got:?}");
}

#[test]
fn the_same_text_as_traditional_lights_up_script_mix() {
    let (_, json, _) = termlint(&[
        "check",
        "--lang",
        "zh-TW",
        "--select",
        "chinese-script-mix",
        "--format",
        "json",
        "tests/fixtures/chinese/notes.zh_CN.txt",
    ]);
    assert!(findings(&json).len() >= 5, "{json}");
}

#[test]
fn a_malformed_typo_entry_is_a_configuration_error() {
    let (code, _, err) = termlint(&[
        "check",
        "--config",
        "tests/fixtures/chinese/bad-typos.toml",
        "--lang",
        "zh-CN",
        "tests/fixtures/chinese/notes.zh_CN.txt",
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("bad-typos.toml"), "{err}");
    assert!(err.contains("wrong=right"), "{err}");
}

/// Real catalogs: a zh_TW catalog checked as zh-CN lights up chinese-script-mix, checked as
/// zh-TW it stays (almost) quiet.
#[test]
fn real_catalogs_under_the_wrong_tag() {
    let mo = Path::new("/usr/share/locale/zh_TW/LC_MESSAGES/coreutils.mo");
    let has_msgunfmt = Command::new("msgunfmt").arg("--version").output().is_ok();
    if !mo.exists() || !has_msgunfmt {
        eprintln!("skipping: no zh_TW coreutils catalog or no msgunfmt on this machine");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let po = dir.path().join("coreutils.po");
    let ok = Command::new("msgunfmt")
        .arg(mo)
        .arg("-o")
        .arg(&po)
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    if !ok {
        eprintln!("skipping: msgunfmt failed");
        return;
    }
    let po = po.to_str().unwrap();
    let count = |tag: &str| {
        let (_, json, err) = termlint(&[
            "check",
            "--select",
            "chinese-script-mix",
            "--source-lang",
            "en",
            "--target-lang",
            tag,
            "--format",
            "json",
            po,
        ]);
        assert!(json.is_object(), "{err}");
        findings(&json).len()
    };
    let wrong = count("zh-CN");
    let right = count("zh-TW");
    assert!(wrong > 100, "zh_TW checked as zh-CN: {wrong}");
    assert!(right * 100 < wrong, "as zh-TW: {right}, as zh-CN: {wrong}");
}
