//! `termlint fix` in PO, XLIFF and Markdown files: edits land on the encoded bytes (escapes
//! and entities kept), everything else stays byte-identical, and a second run changes nothing.

use std::path::Path;
use std::process::Command;

fn fix(args: &[&str], dir: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_termlint"))
        .arg("fix")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run termlint")
}

fn fix_twice(args: &[&str], dir: &Path) {
    let out = fix(args, dir);
    assert!(
        out.status.code() != Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let again = fix(args, dir);
    let stderr = String::from_utf8_lossy(&again.stderr);
    assert!(stderr.contains("applied 0 edits"), "second run: {stderr}");
}

#[test]
fn po_fix_keeps_escapes_comments_and_wrapping() {
    let dir = tempfile::tempdir().unwrap();
    let po = r#"# Chinese translations.
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"Language: zh_CN\n"

# translator comment stays
#: src/a.c:10
#, c-format
msgid "Cannot open \"%s\": %s\n"
msgstr "无法打开 \"%s\"：%s\n"

msgid "Open the file, then close it."
msgstr ""
"打开文件,"
"然后关闭它。"

msgid "Save now"
msgstr "立即  保存"
"#;
    std::fs::write(dir.path().join("zh.po"), po).unwrap();
    fix_twice(&["zh.po"], dir.path());
    let fixed = std::fs::read_to_string(dir.path().join("zh.po")).unwrap();
    // The ASCII comma after Chinese becomes full-width inside its own literal; the double
    // space in the last target is collapsed; the escaped quotes and comments are untouched.
    let expected = po
        .replace("\"打开文件,\"", "\"打开文件，\"")
        .replace("msgstr \"立即  保存\"", "msgstr \"立即 保存\"");
    assert_eq!(fixed, expected);
    if Command::new("msgfmt").arg("--version").output().is_ok() {
        let ok = Command::new("msgfmt")
            .args(["-c", "-o", "/dev/null", "zh.po"])
            .current_dir(dir.path())
            .status()
            .unwrap();
        assert!(ok.success(), "msgfmt -c accepts the fixed file");
    } else {
        eprintln!("msgfmt not installed: skipping the msgfmt -c check");
    }
}

#[test]
fn xliff_fix_keeps_entities() {
    let dir = tempfile::tempdir().unwrap();
    let xlf = r#"<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file source-language="en" target-language="zh-CN" datatype="plaintext" original="a">
    <body>
      <trans-unit id="1">
        <source>Tom &amp; Jerry, friends</source>
        <target>汤姆 &amp; 杰瑞,朋友</target>
      </trans-unit>
    </body>
  </file>
</xliff>
"#;
    std::fs::write(dir.path().join("a.xlf"), xlf).unwrap();
    fix_twice(&["a.xlf"], dir.path());
    let fixed = std::fs::read_to_string(dir.path().join("a.xlf")).unwrap();
    assert_eq!(fixed, xlf.replace("杰瑞,朋友", "杰瑞，朋友"));
}

#[test]
fn markdown_pair_fix_touches_only_the_target_text() {
    let dir = tempfile::tempdir().unwrap();
    let en = "# Title\n\nOpen the file, then close it.\n\n```\ncode,  kept\n```\n";
    let zh = "# 标题\n\n打开文件,然后关闭它。\n\n```\ncode,  kept\n```\n";
    std::fs::write(dir.path().join("en.md"), en).unwrap();
    std::fs::write(dir.path().join("zh.md"), zh).unwrap();
    fix_twice(&["--source", "en.md", "--target", "zh.md"], dir.path());
    assert_eq!(
        std::fs::read_to_string(dir.path().join("zh.md")).unwrap(),
        zh.replace("文件,然后", "文件，然后")
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("en.md")).unwrap(),
        en
    );
}
