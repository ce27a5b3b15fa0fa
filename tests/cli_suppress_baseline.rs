//! Inline suppressions and baselines.

mod common;
use common::*;

#[test]
fn an_html_comment_suppresses_the_next_paragraph_without_breaking_alignment() {
    let dir = tempdir();
    write(dir.path(), "zh.txt", "第一段。\n\n第二段。\n\n第三段。\n");
    write(
        dir.path(),
        "en.txt",
        "The  first.\n\n<!-- termlint-ignore: double-space -->\n\nThe  second.\n\n\
         <!-- termlint-ignore -->\nThe  third.\n",
    );
    let o = termlint(
        dir.path(),
        &[
            "check",
            "--source",
            "zh.txt",
            "--target",
            "en.txt",
            "--format",
            "json",
            "--select",
            "double-space",
        ],
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let f = findings(&o);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!((f[0].3, f[0].4.as_str()), (1, "  "));
    // A directive naming another rule leaves double-space on.
    write(
        dir.path(),
        "en.txt",
        "The  first.\n\n<!-- termlint-ignore: term-missing -->\nThe  second.\n\nThe third.\n",
    );
    let o = termlint(
        dir.path(),
        &[
            "check",
            "--source",
            "zh.txt",
            "--target",
            "en.txt",
            "--format",
            "json",
            "--select",
            "double-space",
        ],
    );
    let lines: Vec<u64> = findings(&o).iter().map(|f| f.3).collect();
    assert_eq!(lines, vec![1, 4]);
}

#[test]
fn a_po_translator_comment_suppresses_its_entry() {
    let dir = tempdir();
    let po = "msgid \"\"\nmsgstr \"\"\n\"Language: en\\n\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n\n\
              # termlint-ignore: double-space\nmsgid \"第一\"\nmsgstr \"The  first\"\n\n\
              msgid \"第二\"\nmsgstr \"The  second\"\n";
    write(dir.path(), "en.po", po);
    let o = termlint(
        dir.path(),
        &[
            "check",
            "--format",
            "json",
            "--select",
            "double-space",
            "en.po",
        ],
    );
    let f = findings(&o);
    assert_eq!(f.len(), 1, "{f:?} {}", stderr(&o));
    assert_eq!(f[0].3, 11);
}

const DOC: &str = "Alpha  one.\n\nBeta  two.\n\nGamma three.\n";

#[test]
fn a_baseline_survives_reordering_and_reports_only_new_findings() {
    let dir = tempdir();
    write(dir.path(), "doc.txt", DOC);
    let base = [
        "check",
        "--lang",
        "en",
        "--select",
        "double-space",
        "--format",
        "json",
    ];
    let mut write_args = base.to_vec();
    write_args.extend(["--write-baseline", "known.json", "doc.txt"]);
    let o = termlint(dir.path(), &write_args);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(findings(&o).len(), 2);
    let recorded: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("known.json")).unwrap())
            .unwrap();
    assert_eq!(recorded["findings"].as_array().unwrap().len(), 2);
    assert!(recorded.to_string().contains("\"file\":\"doc.txt\""));

    let mut check = base.to_vec();
    check.extend(["--baseline", "known.json", "doc.txt"]);
    // Unchanged: nothing new.
    let o = termlint(dir.path(), &check);
    assert_eq!(code(&o), 0);
    assert!(findings(&o).is_empty());
    assert!(
        stderr(&o).contains("2 known findings hidden"),
        "{}",
        stderr(&o)
    );

    // Reordered, with a new paragraph: only the new finding.
    write(
        dir.path(),
        "doc.txt",
        "Intro text.\n\nGamma three.\n\nBeta  two.\n\nDelta  four.\n\nAlpha  one.\n",
    );
    let o = termlint(dir.path(), &check);
    let f = findings(&o);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].3, 7, "{f:?}");

    // Editing a known paragraph makes its finding new again (the text hash changed).
    write(dir.path(), "doc.txt", "Alpha  one, edited.\n\nBeta  two.\n");
    let o = termlint(dir.path(), &check);
    let lines: Vec<u64> = findings(&o).iter().map(|f| f.3).collect();
    assert_eq!(lines, vec![1]);

    // Run from another folder: paths are relative to the baseline file.
    std::fs::create_dir_all(dir.path().join("sub")).unwrap();
    write(dir.path(), "doc.txt", DOC);
    let mut from_sub = base.to_vec();
    from_sub.extend(["--baseline", "../known.json", "../doc.txt"]);
    let o = termlint(&dir.path().join("sub"), &from_sub);
    assert!(findings(&o).is_empty(), "{:?}", findings(&o));
}

#[test]
fn identical_findings_are_counted() {
    let dir = tempdir();
    write(dir.path(), "doc.txt", "Same  text.\n");
    let o = termlint(
        dir.path(),
        &[
            "check",
            "--lang",
            "en",
            "--select",
            "double-space",
            "--write-baseline",
            "b.json",
            "doc.txt",
        ],
    );
    assert_eq!(code(&o), 0);
    write(dir.path(), "doc.txt", "Same  text.\n\nSame  text.\n");
    let o = termlint(
        dir.path(),
        &[
            "check",
            "--lang",
            "en",
            "--select",
            "double-space",
            "--format",
            "json",
            "--baseline",
            "b.json",
            "doc.txt",
        ],
    );
    assert_eq!(findings(&o).len(), 1);
}

#[test]
fn a_broken_baseline_is_a_usage_error() {
    let dir = tempdir();
    write(dir.path(), "doc.txt", DOC);
    write(dir.path(), "b.json", "{\"version\": 1, \"findings\": [}");
    let o = termlint(
        dir.path(),
        &["check", "--lang", "en", "--baseline", "b.json", "doc.txt"],
    );
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("b.json:1:"), "{}", stderr(&o));
    let o = termlint(
        dir.path(),
        &[
            "check",
            "--lang",
            "en",
            "--baseline",
            "nope.json",
            "doc.txt",
        ],
    );
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("nope.json: cannot read"),
        "{}",
        stderr(&o)
    );
}
