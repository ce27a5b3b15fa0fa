//! End-to-end tests of the terminology checks: run the real binary on fixtures and check
//! its JSON output (SPEC §3) and exit codes (SPEC §1).

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Run `termlint` in the crate root with `args`; returns (exit code, stdout JSON, stderr).
fn run(args: &[&str]) -> (i32, Value, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_termlint"))
        .current_dir(root())
        .args(args)
        .output()
        .expect("run termlint");
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    let json = serde_json::from_str(&stdout).unwrap_or(Value::Null);
    (
        out.status.code().unwrap_or(-1),
        json,
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

fn findings<'a>(json: &'a Value, rule: &str) -> Vec<&'a Value> {
    json["findings"]
        .as_array()
        .expect("findings array")
        .iter()
        .filter(|f| f["rule"] == rule)
        .collect()
}

fn texts(json: &Value, rule: &str) -> Vec<String> {
    findings(json, rule)
        .iter()
        .map(|f| f["text"].as_str().unwrap().to_string())
        .collect()
}

const SEED: &[&str] = &[
    "check",
    "--source",
    "examples/seed/zh.txt",
    "--target",
    "examples/seed/en.txt",
    "-g",
    "glossaries/zh-en/terms.csv",
    "-g",
    "glossaries/en/common-errors.csv",
    "--format",
    "json",
];

#[test]
fn seed_article_with_shipped_glossaries() {
    let (code, json, stderr) = run(SEED);
    assert_eq!(code, 1, "exit code; stderr: {stderr}");
    assert!(stderr.is_empty(), "no glossary warnings expected: {stderr}");

    let forbidden = findings(&json, "term-forbidden");
    let mainframes: Vec<&&Value> = forbidden
        .iter()
        .filter(|f| f["text"] == "mainframes")
        .collect();
    assert_eq!(mainframes.len(), 2, "{json:#}");
    let f = mainframes[0];
    assert_eq!(f["suggestion"], "hosts");
    assert_eq!(f["side"], "target");
    assert_eq!(f["file"], "examples/seed/en.txt");
    assert_eq!((&f["line"], &f["column"], &f["end_column"]), (&1.into(), &441.into(), &451.into()));
    assert_eq!(
        f["message"],
        "主机 is rendered \"host\"; \"mainframe\" is forbidden for it"
    );
    assert!(f["note"].as_str().unwrap().contains("networking"));
    assert_eq!(f["severity"], "error");
    assert_eq!(mainframes[1]["column"], 558);

    // term-missing on 主机, in the source, columns in characters.
    let missing = findings(&json, "term-missing");
    assert!(!missing.is_empty());
    for m in &missing {
        assert_eq!(m["text"], "主机", "only 主机 is missing: {json:#}");
        assert_eq!(m["side"], "source");
        assert_eq!(m["file"], "examples/seed/zh.txt");
        let col = m["column"].as_u64().unwrap();
        assert_eq!(m["end_column"].as_u64().unwrap(), col + 2);
    }
    let zh = std::fs::read_to_string(root().join("examples/seed/zh.txt")).unwrap();
    let col = missing[0]["column"].as_u64().unwrap() as usize;
    let at: String = zh.lines().next().unwrap().chars().skip(col - 1).take(2).collect();
    assert_eq!(at, "主机");

    // Nothing on the terms the translation gets right.
    let all: Vec<String> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"].as_str().unwrap().starts_with("term-"))
        .map(|f| f["text"].as_str().unwrap().to_string())
        .collect();
    for ok in [
        "CNCERT/CC",
        "CIA",
        "NATO",
        "APT-C-39",
        "malicious programs",
        "allies",
        "government agencies",
        "国家互联网应急中心",
        "美国中央情报局",
        "北约",
        "APT-C-39",
        "恶意程序",
        "盟国",
        "政府机构",
    ] {
        assert!(!all.iter().any(|t| t == ok), "{ok} flagged: {all:?}");
    }
    // The common-errors list catches "in term of".
    assert!(texts(&json, "term-forbidden").contains(&"in term of".to_string()));
}

#[test]
fn readme_command_runs() {
    let (code, _, stderr) = run(&SEED[..SEED.len() - 2]);
    assert_eq!(code, 1, "{stderr}");
}

#[test]
fn english_source_chinese_target() {
    let (code, json, stderr) = run(&[
        "check",
        "--source",
        "tests/fixtures/glossary/en.txt",
        "--target",
        "tests/fixtures/glossary/zh.txt",
        "-g",
        "tests/fixtures/glossary/git-en-zh.csv",
        "--format",
        "json",
    ]);
    assert_eq!(code, 1, "{stderr}");
    // "Committed" (inflected) is the term commit; 承诺 is forbidden for it.
    assert_eq!(texts(&json, "term-forbidden"), ["承诺", "工作树"]);
    let f = &findings(&json, "term-forbidden")[0];
    assert_eq!(f["suggestion"], "提交");
    assert_eq!(f["note"], "git sense");
    assert_eq!((&f["line"], &f["column"]), (&1.into(), &2.into()));
    // HEAD is kept (exact-case entry wins over head -> 头); "head" is rendered 头;
    // "--branch" is an option, not the term branch.
    assert_eq!(texts(&json, "term-missing"), ["Committed", "working trees"]);
    let m = &findings(&json, "term-missing")[0];
    assert_eq!((&m["line"], &m["column"], &m["end_column"]), (&1.into(), &1.into(), &10.into()));
    assert_eq!(m["side"], "source");
}

#[test]
fn malformed_glossary_is_exit_2_with_line_and_column() {
    let (code, json, _) = run(&[
        "check",
        "--source",
        "examples/seed/zh.txt",
        "--target",
        "examples/seed/en.txt",
        "-g",
        "tests/fixtures/glossary/bad-case.csv",
        "--format",
        "json",
    ]);
    assert_eq!(code, 2);
    let e = &json["errors"][0];
    assert_eq!(e["file"], "tests/fixtures/glossary/bad-case.csv");
    assert_eq!((&e["line"], &e["column"]), (&2.into(), &9.into()));
    assert!(e["message"].as_str().unwrap().contains("sometimes"));

    let (code, json, _) = run(&[
        "check",
        "--source",
        "examples/seed/zh.txt",
        "--target",
        "examples/seed/en.txt",
        "-g",
        "tests/fixtures/glossary/bad-fields.csv",
        "--format",
        "json",
    ]);
    assert_eq!(code, 2);
    assert_eq!(json["errors"][0]["line"], 3);
    assert!(json["errors"][0]["message"]
        .as_str()
        .unwrap()
        .contains("3 fields"));
}

#[test]
fn unknown_extension_and_missing_file() {
    for (g, needle) in [
        ("tests/fixtures/glossary/terms.xlsx", "unknown glossary format `.xlsx`"),
        ("tests/fixtures/glossary/nope.csv", "cannot read glossary"),
    ] {
        let (code, json, _) = run(&[
            "check",
            "--source",
            "examples/seed/zh.txt",
            "--target",
            "examples/seed/en.txt",
            "-g",
            g,
            "--format",
            "json",
        ]);
        assert_eq!(code, 2, "{g}");
        let msg = json["errors"][0]["message"].as_str().unwrap();
        assert!(msg.contains(needle), "{msg}");
        assert_eq!(json["errors"][0]["file"], g);
    }
}

#[test]
fn tsv_duplicates_warn_and_still_check() {
    let (code, json, stderr) = run(&[
        "check",
        "--source",
        "examples/seed/zh.txt",
        "--target",
        "examples/seed/en.txt",
        "-g",
        "tests/fixtures/glossary/dup.tsv",
        "--format",
        "json",
    ]);
    assert_eq!(code, 1);
    assert!(stderr.contains("dup.tsv:3") && stderr.contains("duplicate"), "{stderr}");
    assert_eq!(texts(&json, "term-forbidden"), ["mainframes", "mainframes"]);
}

#[test]
fn shipped_glossaries_load_cleanly() {
    for entry in walk(&root().join("glossaries")) {
        let ext = entry.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !matches!(ext, "csv" | "tsv") {
            continue;
        }
        let g = termlint::glossary::Glossary::load(&entry)
            .unwrap_or_else(|e| panic!("{}: {e}", entry.display()));
        assert!(g.warnings.is_empty(), "{}: {:?}", entry.display(), g.warnings);
        assert!(!g.entries.is_empty());
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}
