//! End-to-end tests of TBX glossaries and the `termlint glossary` subcommands, driving the
//! real binary.

mod common;

use std::path::PathBuf;

use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Run `termlint` in the crate root; (exit code, stdout, stderr).
fn run(args: &[&str]) -> (i32, String, String) {
    common::run(&root(), args)
}

fn json(s: &str) -> Value {
    serde_json::from_str(s).unwrap_or_else(|e| panic!("not JSON ({e}): {s}"))
}

fn finding_texts(v: &Value) -> Vec<(String, String)> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["text"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn check_with_a_tbx_glossary_works_like_csv() {
    let dir = tempfile::tempdir().unwrap();
    let en = dir.path().join("en.txt");
    let zh = dir.path().join("zh.txt");
    std::fs::write(&en, "Commit the working tree.\n").unwrap();
    std::fs::write(&zh, "承诺工作树。\n").unwrap();
    let csv = dir.path().join("g.csv");
    std::fs::write(
        &csv,
        "source,target,forbidden,id\ncommit,提交,承诺,c1\nworking tree,工作区,工作树,c2\nworktree,工作区,工作树,c2\nHEAD,HEAD,,c3\n",
    )
    .unwrap();
    let common = [
        "check",
        "--source",
        en.to_str().unwrap(),
        "--target",
        zh.to_str().unwrap(),
        "--format",
        "json",
        "--select",
        "term-missing,term-forbidden",
    ];
    let with = |g: &str, extra: &[&str]| {
        let mut a: Vec<&str> = common.to_vec();
        a.extend(["-g", g]);
        a.extend(extra);
        run(&a)
    };
    let (code_csv, out_csv, err) = with(csv.to_str().unwrap(), &[]);
    assert_eq!(code_csv, 1, "{err}");
    let (code_tbx, out_tbx, err) = with("tests/fixtures/tbx/basic-v2.tbx", &[]);
    assert_eq!(code_tbx, 1, "{err}");
    let mut a = finding_texts(&json(&out_csv));
    let mut b = finding_texts(&json(&out_tbx));
    a.sort();
    b.sort();
    assert_eq!(a, b);
    assert!(
        b.contains(&("term-forbidden".into(), "承诺".into())),
        "{b:?}"
    );
    assert!(
        b.contains(&("term-missing".into(), "working tree".into())),
        "{b:?}"
    );
    // Same with the language pair given, in the other spelling.
    let (code, out, err) = with(
        "tests/fixtures/tbx/basic-v2.tbx",
        &["--source-lang", "en_US", "--target-lang", "zh_CN"],
    );
    assert_eq!(code, 1, "{err}");
    let mut c = finding_texts(&json(&out));
    c.sort();
    assert_eq!(c, b);
}

#[test]
fn check_with_tbx_v3_from_chinese_to_english() {
    let args = [
        "check",
        "--source",
        "examples/seed/zh.txt",
        "--target",
        "examples/seed/en.txt",
        "--source-lang",
        "zh-CN",
        "--target-lang",
        "en",
        "--select",
        "term-forbidden",
        "--format",
        "json",
    ];
    for tbx in [
        "tests/fixtures/tbx/basic-v3-dca.tbx",
        "tests/fixtures/tbx/basic-v3-dct.tbx",
    ] {
        let mut a = args.to_vec();
        a.extend(["-g", tbx]);
        let (code, out, err) = run(&a);
        assert_eq!(code, 1, "{tbx}: {err}");
        let v = json(&out);
        let texts: Vec<(String, String)> = finding_texts(&v);
        assert_eq!(
            texts.iter().filter(|(_, t)| t == "mainframes").count(),
            2,
            "{tbx}: {texts:?}"
        );
        let f = &v["findings"][0];
        assert_eq!(f["suggestion"], "hosts", "{tbx}");
    }
}

#[test]
fn tbx_that_cannot_be_used_exits_2_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.tbx");
    std::fs::write(
        &bad,
        "<martif xml:lang=\"en\">\n<text><body>\n<termEntry>\n</body></text></martif>\n",
    )
    .unwrap();
    let (code, out, err) = run(&[
        "check",
        "--lang",
        "en",
        "examples/seed/en.txt",
        "-g",
        bad.to_str().unwrap(),
    ]);
    let err = out + &err;
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("bad.tbx:4"), "{err}");
    let (code, out, err) = run(&[
        "check",
        "--lang",
        "en",
        "examples/seed/en.txt",
        "-g",
        "tests/hostile/billion-laughs.tbx",
    ]);
    let err = out + &err;
    assert_eq!(code, 2);
    assert!(err.contains("billion-laughs.tbx:2:"), "{err}");
    assert!(err.contains("entity"), "{err}");
}

#[test]
fn validate_finds_every_planted_problem() {
    let (code, out, err) = run(&[
        "glossary",
        "validate",
        "--format",
        "json",
        "tests/fixtures/glossary-validate/planted.csv",
    ]);
    assert_eq!(code, 1, "{err}");
    let v = json(&out);
    let got: Vec<(String, u64, String)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["level"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let want = [
        ("duplicate-row", 4, "warning"),
        ("several-renderings", 5, "warning"),
        ("explanation-in-term", 6, "warning"),
        ("approved-and-forbidden", 7, "error"),
        ("conflicting-status", 9, "error"),
        ("single-character-term", 9, "warning"),
        ("near-duplicate", 11, "warning"),
        ("near-duplicate", 13, "warning"),
        ("near-duplicate", 15, "warning"),
        ("case-variant", 16, "warning"),
        ("single-character-term", 17, "warning"),
        ("swapped-columns", 17, "warning"),
        ("swapped-columns", 18, "warning"),
        ("invisible-character", 19, "warning"),
        ("malformed-row", 20, "error"),
    ];
    for (c, l, lv) in want {
        assert!(
            got.contains(&(c.to_string(), l, lv.to_string())),
            "{c} at line {l} missing: {got:#?}"
        );
    }
    assert_eq!(got.len(), want.len(), "unexpected extra findings: {got:#?}");
    for f in v["findings"].as_array().unwrap() {
        assert_eq!(f["file"], "tests/fixtures/glossary-validate/planted.csv");
    }
    assert_eq!(v["summary"]["errors"], 3);
    // Human output names file and line.
    let (code, out, _) = run(&[
        "glossary",
        "validate",
        "tests/fixtures/glossary-validate/planted.csv",
    ]);
    assert_eq!(code, 1);
    assert!(
        out.contains(
            "tests/fixtures/glossary-validate/planted.csv:7: error[approved-and-forbidden]"
        ),
        "{out}"
    );
}

#[test]
fn validate_is_silent_on_a_clean_glossary_and_strict_counts_warnings() {
    for f in [
        "tests/fixtures/glossary-validate/clean.csv",
        "tests/fixtures/tbx/basic-v2.tbx",
        "tests/fixtures/tbx/basic-v3-dct.tbx",
    ] {
        let (code, out, err) = run(&["glossary", "validate", "--strict", "--format", "json", f]);
        assert_eq!(code, 0, "{f}: {out}{err}");
        assert_eq!(
            json(&out)["findings"].as_array().unwrap().len(),
            0,
            "{f}: {out}"
        );
    }
    let (code, _, _) = run(&[
        "glossary",
        "validate",
        "--strict",
        "tests/fixtures/glossary/dup.tsv",
    ]);
    assert_eq!(code, 1);
    let (code, _, _) = run(&["glossary", "validate", "tests/fixtures/glossary/dup.tsv"]);
    assert_eq!(code, 0);
}

#[test]
fn validate_bad_input_exits_2() {
    let (code, out, _) = run(&[
        "glossary",
        "validate",
        "tests/hostile/billion-laughs.tbx",
        "tests/fixtures/glossary-validate/clean.csv",
    ]);
    assert_eq!(code, 2);
    assert!(out.contains("billion-laughs.tbx:2:"), "{out}");
    assert!(out.contains("1 file could not be read"), "{out}");
    let (code, _, err) = run(&["glossary", "validate", "no/such/file.csv"]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn convert_csv_to_tbx_and_back_is_lossless() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("g.csv");
    let text = "source,target,forbidden,note,case,match,id,pos,domain\n\
                commit,提交|提交记录,承诺,\"git sense, noun\",,,,n,vcs\n\
                HEAD,HEAD,,do not translate,sensitive,exact,,,\n\
                repo,仓库,,,,,c9,,\n\
                repository,仓库,,,,,c9,,\n\
                ,in terms of,in term of,,,,,,\n";
    std::fs::write(&src, text).unwrap();
    for v in ["2", "3"] {
        let tbx = dir.path().join(format!("g{v}.tbx"));
        let back = dir.path().join(format!("back{v}.csv"));
        let (code, _, err) = run(&[
            "glossary",
            "convert",
            src.to_str().unwrap(),
            tbx.to_str().unwrap(),
            "--tbx-version",
            v,
        ]);
        assert_eq!(code, 0, "{err}");
        assert!(
            err.contains("en -> zh"),
            "languages guessed and said: {err}"
        );
        let x = std::fs::read_to_string(&tbx).unwrap();
        assert!(x.contains(if v == "2" { "<martif" } else { "<tbx" }));
        let (code, _, err) = run(&[
            "glossary",
            "convert",
            tbx.to_str().unwrap(),
            back.to_str().unwrap(),
        ]);
        assert_eq!(code, 0, "{err}");
        let got = std::fs::read_to_string(&back).unwrap();
        if v == "2" {
            assert_eq!(got, text);
        } else {
            // TBX v3 requires concept ids: c1, c2... were added.
            assert!(got.starts_with("source,target,forbidden,note,case,match,id,pos,domain\ncommit,提交|提交记录,承诺,\"git sense, noun\",,,c1,n,vcs\n"), "{got}");
        }
    }
    // TSV -> CSV.
    let tsv = dir.path().join("g.tsv");
    let (code, _, err) = run(&[
        "glossary",
        "convert",
        src.to_str().unwrap(),
        tsv.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(std::fs::read_to_string(&tsv)
        .unwrap()
        .starts_with("source\ttarget\tforbidden"));
    let (code, _, err) = run(&["glossary", "convert", src.to_str().unwrap(), "out.xlsx"]);
    assert_eq!(code, 2);
    assert!(err.contains(".xlsx"), "{err}");
}

#[test]
fn merge_keeps_origin_and_writes_conflicts() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("project.csv");
    let general = dir.path().join("general.csv");
    std::fs::write(
        &project,
        "source,target\ncommit,提交\nworking tree,工作区\n",
    )
    .unwrap();
    std::fs::write(
        &general,
        "source,target,forbidden\ncommit,提交,承诺\nworking tree,工作树,\nbranch,分支,\n",
    )
    .unwrap();
    let out = dir.path().join("merged.csv");
    let conflicts = dir.path().join("conflicts.csv");
    let (code, _, err) = run(&[
        "glossary",
        "merge",
        project.to_str().unwrap(),
        general.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--conflicts",
        conflicts.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("1 conflict"), "{err}");
    let merged = std::fs::read_to_string(&out).unwrap();
    let lines: Vec<&str> = merged.lines().collect();
    assert_eq!(lines[0], "source,target,forbidden,origin");
    assert!(lines[1].starts_with("commit,提交,承诺,"), "{merged}");
    assert!(lines[1].ends_with("project.csv:2"), "{merged}");
    assert!(lines[2].starts_with("working tree,工作区,,"), "{merged}");
    assert!(
        lines[3].starts_with("branch,分支,,") && lines[3].ends_with("general.csv:4"),
        "{merged}"
    );
    let c = std::fs::read_to_string(&conflicts).unwrap();
    assert!(
        c.starts_with(
            "source,kept,kept_origin,dropped,dropped_origin,reason\nworking tree,工作区,"
        ),
        "{c}"
    );
    // The merged glossary loads (the origin column is known).
    let (code, _, err) = run(&["glossary", "validate", "--strict", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn diff_reports_added_removed_changed_superseded() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old.csv");
    let new = dir.path().join("new.csv");
    std::fs::write(&old, "source,target,forbidden,note\namend,修补,,\nhunk,补丁片段,,\nbranch,分支,,\nstash,贮藏,,x\ntag,标签,,a\n").unwrap();
    std::fs::write(&new, "source,target,forbidden,note\namend,修订,修补,\nbranch,分支,分枝,\nstash,贮藏,,x\ntag,标签,,b\npatch hunk,补丁块,,\n").unwrap();
    let (code, out, err) = run(&[
        "glossary",
        "diff",
        "--format",
        "json",
        old.to_str().unwrap(),
        new.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let v = json(&out);
    assert_eq!(v["summary"]["added"], 1);
    assert_eq!(v["summary"]["removed"], 1);
    assert_eq!(v["summary"]["changed"], 1);
    assert_eq!(v["summary"]["superseded"], 1);
    assert_eq!(v["summary"]["note_only"], 1);
    let (_, out, _) = run(&[
        "glossary",
        "diff",
        old.to_str().unwrap(),
        new.to_str().unwrap(),
    ]);
    assert!(
        out.contains("amend: 修补 -> 修订 (not 修补) (old rendering now forbidden)"),
        "{out}"
    );
    assert!(
        out.contains("removed") && out.contains("hunk: 补丁片段"),
        "{out}"
    );
}

#[test]
fn stats_counts_tbx_and_csv() {
    let (code, out, err) = run(&[
        "glossary",
        "stats",
        "--format",
        "json",
        "tests/fixtures/tbx/basic-v2.tbx",
        "tests/fixtures/glossary-validate/clean.csv",
    ]);
    assert_eq!(code, 0, "{err}");
    let v = json(&out);
    let tbx = &v["glossaries"][0];
    assert_eq!(tbx["languages"], serde_json::json!(["en", "zh-CN", "de"]));
    assert_eq!(tbx["concepts"], 3);
    assert_eq!(tbx["entries"], 4);
    assert_eq!(tbx["forbidden"], 2);
    assert_eq!(tbx["do_not_translate"], 1);
    let csv = &v["glossaries"][1];
    assert_eq!(csv["target_only"], 1);
}

#[test]
fn coverage_reports_occurrences_and_never_occurring() {
    let dir = tempfile::tempdir().unwrap();
    let en = dir.path().join("en.txt");
    let zh = dir.path().join("zh.txt");
    std::fs::write(&en, "Commit the hunk.\nAmend the commit.\n").unwrap();
    std::fs::write(&zh, "提交该块。\n修补该提交。\n").unwrap();
    let g = dir.path().join("g.csv");
    std::fs::write(&g, "source,target,forbidden\ncommit,提交,承诺\nhunk,补丁片段,\namend,修订,修补\nbranch,分支,\n").unwrap();
    let (code, out, err) = run(&[
        "glossary",
        "coverage",
        "-g",
        g.to_str().unwrap(),
        "--source",
        en.to_str().unwrap(),
        "--target",
        zh.to_str().unwrap(),
        "--lines",
        "--source-lang",
        "en",
        "--target-lang",
        "zh-CN",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{err}");
    let v = json(&out);
    assert_eq!(v["segments"], 2);
    let c = v["concepts"].as_array().unwrap();
    let by = |s: &str| c.iter().find(|x| x["sources"][0] == s).unwrap();
    assert_eq!(by("commit")["occurrences"], 2);
    assert_eq!(by("commit")["missing"], 0);
    assert_eq!(by("hunk")["missing"], 1);
    assert_eq!(
        by("amend")["forbidden_used"],
        serde_json::json!([["修补", 1]])
    );
    assert_eq!(by("branch")["occurrences"], 0);
    let (code, _, _) = run(&[
        "glossary",
        "coverage",
        "-g",
        "no/such.csv",
        en.to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
}
