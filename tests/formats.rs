//! Hand-written fixtures per format (tests/fixtures/<format>/): segments, states, notes,
//! suppressions, and exact positions. Every `double-space` finding the binary reports must
//! point at the two spaces in the file as written (through escapes, entities, literal
//! joins, CRLF, GBK and UTF-16), and broken files must fail with exit code 2 naming file,
//! line and column while the other inputs are still checked.

use std::path::{Path, PathBuf};
use std::process::Command;

use termlint::formats::{load, Input, LoadOptions};
use termlint::lang::Lang;
use termlint::segment::SegmentState;

fn fx(rel: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
        .to_string_lossy()
        .into_owned()
}

fn file(rel: &str) -> Input {
    Input::File(fx(rel))
}

fn run(args: &[&str]) -> (i32, serde_json::Value) {
    let out = Command::new(env!("CARGO_BIN_EXE_termlint"))
        .arg("check")
        .args(["--format", "json", "--select", "double-space"])
        .args(args)
        .output()
        .expect("run termlint");
    let json = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "bad JSON ({e}): {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out.status.code().unwrap_or(-1), json)
}

/// Decoded file content the way termlint decodes it (for position checks).
fn decoded(path: &str) -> String {
    let bytes = std::fs::read(path).unwrap();
    if bytes.starts_with(&[0xFF, 0xFE]) {
        return encoding_rs::UTF_16LE
            .decode_with_bom_removal(&bytes)
            .0
            .into_owned();
    }
    match String::from_utf8(bytes.clone()) {
        Ok(s) => s,
        Err(_) => encoding_rs::GBK.decode(&bytes).0.into_owned(),
    }
}

/// The text between two 1-based (line, column) positions, columns in characters.
fn slice(content: &str, l1: usize, c1: usize, l2: usize, c2: usize) -> String {
    let offset = |l: usize, c: usize| {
        let line_start: usize = content
            .split_inclusive('\n')
            .take(l - 1)
            .map(str::len)
            .sum();
        let rest = &content[line_start..];
        line_start
            + rest
                .char_indices()
                .nth(c - 1)
                .map_or(rest.len(), |(i, _)| i)
    };
    content[offset(l1, c1)..offset(l2, c2)].to_string()
}

/// Run on `args`, check every finding points at two spaces, return the lines found.
fn double_spaces(args: &[&str]) -> Vec<(String, usize)> {
    let (code, json) = run(args);
    assert_eq!(code, 0, "{json}");
    let mut out = Vec::new();
    for f in json["findings"].as_array().unwrap() {
        let path = f["file"].as_str().unwrap();
        let content = decoded(path);
        let (l1, c1) = (
            f["line"].as_u64().unwrap() as usize,
            f["column"].as_u64().unwrap() as usize,
        );
        let (l2, c2) = (
            f["end_line"].as_u64().unwrap() as usize,
            f["end_column"].as_u64().unwrap() as usize,
        );
        assert_eq!(f["text"], "  ", "{f}");
        assert_eq!(
            slice(&content, l1, c1, l2, c2),
            "  ",
            "{path}:{l1}:{c1}: {f}"
        );
        let name = Path::new(path)
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        out.push((name, l1));
    }
    out
}

#[test]
fn po_catalog_segments() {
    let d = load(&file("po/catalog.po"), &LoadOptions::default()).unwrap();
    assert_eq!(d.format, "po");
    assert_eq!(d.target_lang.as_ref().map(Lang::tag), Some("zh-CN"));
    let ids: Vec<_> = d.segments.iter().map(|s| s.id()).collect();
    assert_eq!(ids.len(), 7, "{ids:?}");
    assert_eq!(ids[1], "menu\u{4}Open");
    assert_eq!(d.segments[1].context(), Some("menu"));
    assert_eq!(d.segments[2].context(), Some("verb"));
    let first = &d.segments[0];
    assert_eq!(first.flags(), vec!["c-format"]);
    assert_eq!(
        first.notes(),
        vec![
            "Translators: keep the file name.",
            "TRANSLATORS: shown in the File menu"
        ]
    );
    assert_eq!(
        first.source.as_ref().unwrap().value,
        "Cannot open file \"%s\": %s\n"
    );
    let plural = &d.segments[3];
    assert_eq!(plural.plural_index(), Some(0));
    assert_eq!(plural.source.as_ref().unwrap().value, "%d files deleted");
    let long = &d.segments[4];
    assert_eq!(
        long.source.as_ref().unwrap().value,
        "A long message that is split over several string literals with <b>bold</b> text."
    );
    assert_eq!(d.segments[5].suppressed(), vec!["double-space"]);
    assert_eq!(d.segments[6].state, SegmentState::New);
    assert!(d
        .segments
        .iter()
        .all(|s| !s.source.as_ref().unwrap().value.contains("Obsolete")));
    let fuzzy = LoadOptions {
        include_fuzzy: true,
        ..Default::default()
    };
    let d = load(&file("po/catalog.po"), &fuzzy).unwrap();
    assert_eq!(d.segments.len(), 8);
    assert_eq!(d.segments[3].state, SegmentState::Fuzzy);
    let only_new = LoadOptions {
        states: vec![SegmentState::New],
        ..Default::default()
    };
    assert_eq!(
        load(&file("po/catalog.po"), &only_new)
            .unwrap()
            .segments
            .len(),
        1
    );
}

#[test]
fn po_positions_through_escapes_crlf_and_gbk() {
    let found = double_spaces(&[&fx("po/catalog.po"), &fx("po/crlf.po"), &fx("po/gbk.po")]);
    let names: Vec<&str> = found.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, vec!["catalog.po", "crlf.po", "gbk.po"]);
    let with_fuzzy = double_spaces(&["--include-fuzzy", &fx("po/catalog.po")]);
    assert_eq!(with_fuzzy.len(), 2);
    let d = load(&file("po/crlf.po"), &LoadOptions::default()).unwrap();
    assert_eq!(d.target_lang.as_ref().map(Lang::tag), Some("zh-TW"));
    let d = load(&file("po/gbk.po"), &LoadOptions::default()).unwrap();
    assert_eq!(d.segments[0].target.as_ref().unwrap().value, "退出  程序");
}

#[test]
fn xliff_segments_and_positions() {
    let d = load(&file("xliff/demo-1.2.xlf"), &LoadOptions::default()).unwrap();
    let ids: Vec<_> = d.segments.iter().map(|s| s.id()).collect();
    // "bold" needs review (fuzzy) and "locked" is translate="no"
    assert_eq!(ids, vec!["open", "two:1", "two:2", "new"]);
    assert_eq!(d.segments[0].suppressed(), vec!["cjk-spacing"]);
    assert_eq!(
        d.segments[0].target.as_ref().unwrap().value,
        "打开&编辑  <g id=\"1\">文件</g><x id=\"2\"/>"
    );
    assert_eq!(d.segments[2].state, SegmentState::Final);
    assert_eq!(d.segments[2].target.as_ref().unwrap().value, "第二  。");
    let utf16 = load(&file("xliff/demo-1.2-utf16.xlf"), &LoadOptions::default()).unwrap();
    assert_eq!(utf16.segments.len(), 4);
    let d2 = load(&file("xliff/demo-2.1.xlf"), &LoadOptions::default()).unwrap();
    assert_eq!(d2.target_lang.as_ref().map(Lang::tag), Some("zh-Hant"));
    let ids: Vec<_> = d2.segments.iter().map(|s| s.id()).collect();
    assert_eq!(ids, vec!["greet:s1", "greet:s2"]);
    let found = double_spaces(&[
        &fx("xliff/demo-1.2.xlf"),
        &fx("xliff/demo-1.2-utf16.xlf"),
        &fx("xliff/demo-2.1.xlf"),
    ]);
    assert_eq!(found.len(), 5, "{found:?}");
    let only_final = double_spaces(&["--state", "final", &fx("xliff/demo-1.2.xlf")]);
    assert_eq!(only_final.len(), 1);
}

#[test]
fn tmx_sides_and_positions() {
    let d = load(&file("tmx/demo.tmx"), &LoadOptions::default()).unwrap();
    assert_eq!(d.source_lang.as_ref().map(Lang::tag), Some("en-US"));
    assert_eq!(d.segments.len(), 3);
    assert_eq!(d.segments[0].context(), Some("menu"));
    assert_eq!(d.segments[1].suppressed(), vec!["all"]);
    assert_eq!(
        d.segments[2].source.as_ref().unwrap().value,
        "File <bpt i=\"1\">&lt;b&gt;</bpt>name<ept i=\"1\">&lt;/b&gt;</ept>"
    );
    assert_eq!(double_spaces(&[&fx("tmx/demo.tmx")]).len(), 2);
    // --source-lang swaps the sides
    let opts = LoadOptions {
        source_lang: Lang::parse("zh-CN"),
        ..Default::default()
    };
    let d = load(&file("tmx/demo.tmx"), &opts).unwrap();
    assert_eq!(
        d.segments[0].target.as_ref().unwrap().value,
        "Save & close <ph x=\"1\">&lt;br/&gt;</ph>"
    );
}

#[test]
fn csv_json_markdown_interleaved() {
    let d = load(&file("csv/demo.csv"), &LoadOptions::default()).unwrap();
    assert_eq!(d.segments.len(), 3);
    assert_eq!(
        d.segments[0].source.as_ref().unwrap().value,
        "Open \"recent\" files"
    );
    assert_eq!(d.segments[0].id(), "menu.c:1");
    let d = load(&file("csv/langs.tsv"), &LoadOptions::default()).unwrap();
    assert_eq!(d.target_lang.as_ref().map(Lang::tag), Some("zh-CN"));
    assert_eq!(
        double_spaces(&[&fx("csv/demo.csv"), &fx("csv/langs.tsv")]).len(),
        3
    );

    let pair = Input::Pair {
        source: fx("json/en.json"),
        target: fx("json/zh-CN.json"),
    };
    let d = load(&pair, &LoadOptions::default()).unwrap();
    let ids: Vec<_> = d.segments.iter().map(|s| s.id()).collect();
    assert_eq!(
        ids,
        vec!["menu.open", "menu.items[0]", "menu.items[1]", "files_other"]
    );
    assert_eq!(
        double_spaces(&[
            "--source",
            &fx("json/en.json"),
            "--target",
            &fx("json/zh-CN.json")
        ])
        .len(),
        2
    );

    // code blocks and link URLs are not text: only the list item's double space counts
    let found = double_spaces(&[
        "--source",
        &fx("markdown/en.md"),
        "--target",
        &fx("markdown/zh.md"),
    ]);
    assert_eq!(found, vec![("zh.md".to_string(), 9)]);

    let d = load(
        &Input::Interleaved(fx("interleaved/article.txt")),
        &LoadOptions::default(),
    )
    .unwrap();
    assert_eq!(d.segments.len(), 1);
    let s = &d.segments[0];
    assert!(s.source.as_ref().unwrap().value.starts_with("殊不知"));
    assert!(s
        .target
        .as_ref()
        .unwrap()
        .value
        .starts_with("No matter how bluffing"));
}

#[test]
fn broken_files_exit_2_and_the_others_are_still_checked() {
    for (rel, line) in [
        ("po/broken.po", 7),
        ("xliff/broken.xlf", 5),
        ("tmx/broken.tmx", 6),
        ("csv/broken.csv", 3),
    ] {
        let (code, json) = run(&[&fx(rel), &fx("po/crlf.po")]);
        assert_eq!(code, 2, "{rel}: {json}");
        let errors = json["errors"].as_array().unwrap();
        assert_eq!(errors.len(), 1, "{rel}: {json}");
        assert!(errors[0]["file"].as_str().unwrap().ends_with(rel));
        assert_eq!(errors[0]["line"], line, "{rel}: {json}");
        assert!(errors[0]["column"].as_u64().is_some(), "{rel}: {json}");
        assert_eq!(
            json["findings"].as_array().unwrap().len(),
            1,
            "crlf.po still checked"
        );
    }
    let (code, json) = run(&[
        "--source",
        &fx("json/en.json"),
        "--target",
        &fx("json/broken.json"),
    ]);
    assert_eq!(code, 2);
    assert_eq!(json["errors"][0]["line"], 4);
}

#[test]
fn directories_are_walked_in_order() {
    let dir: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/po");
    let (code, json) = run(&[dir.to_str().unwrap()]);
    assert_eq!(code, 2, "broken.po is in the folder");
    let files: Vec<&str> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["file"].as_str().unwrap())
        .collect();
    let mut sorted = files.clone();
    sorted.sort();
    assert_eq!(files, sorted);
    assert_eq!(files.len(), 3);
}
