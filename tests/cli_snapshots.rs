//! Snapshot tests of the human, JSON, SARIF and GitHub outputs for the fixture in
//! tests/fixtures/ci (a zh/en pair, its termlint.toml, and a missing file). The expected
//! outputs are in tests/snapshots/; `UPDATE_SNAPSHOTS=1 cargo test --test cli_snapshots`
//! rewrites them (review the diff before committing).

mod common;
use common::*;
use std::path::{Path, PathBuf};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ci")
}

/// Run on the fixture in `format`. The rule selection keeps the snapshots independent of
/// rules added later.
fn run(format: &str) -> (String, i32) {
    let o = termlint(
        &fixture(),
        &[
            "check",
            "--source",
            "zh.txt",
            "--target",
            "en.txt",
            "missing.po",
            "--format",
            format,
            "--color",
            "never",
            "--select",
            "double-space,custom-pattern",
        ],
    );
    (stdout(&o), code(&o))
}

fn compare(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(name);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; run `UPDATE_SNAPSHOTS=1 cargo test --test cli_snapshots`",
            path.display()
        )
    });
    if expected != actual {
        panic!(
            "{} differs from the output:\n--- expected\n{expected}\n--- actual\n{actual}\n\
             If the change is intended: `UPDATE_SNAPSHOTS=1 cargo test --test cli_snapshots`",
            path.display()
        );
    }
}

#[test]
fn human() {
    let (out, code) = run("human");
    assert_eq!(code, 2);
    compare("ci.human.txt", &out);
}

#[test]
fn json() {
    let (out, code) = run("json");
    assert_eq!(code, 2);
    compare("ci.json", &out);
}

#[test]
fn github() {
    let (out, code) = run("github");
    assert_eq!(code, 2);
    compare("ci.github.txt", &out);
}

/// The SARIF log with the driver's rule list cut down to the rules the results use (so a
/// rule added elsewhere does not change the snapshot) after checking that every
/// `ruleIndex` points at its rule.
#[test]
fn sarif() {
    let (out, code) = run("sarif");
    assert_eq!(code, 2);
    let mut log: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(log["version"], "2.1.0");
    let run = &mut log["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap().clone();
    let mut used = std::collections::BTreeSet::new();
    for r in run["results"].as_array_mut().unwrap() {
        let i = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[i]["id"], r["ruleId"]);
        used.insert(r["ruleId"].as_str().unwrap().to_string());
        r.as_object_mut().unwrap().remove("ruleIndex");
    }
    let kept: Vec<serde_json::Value> = rules
        .into_iter()
        .filter(|r| used.contains(r["id"].as_str().unwrap()))
        .collect();
    run["tool"]["driver"]["rules"] = serde_json::Value::Array(kept);
    run["tool"]["driver"]["version"] = "VERSION".into();
    run["tool"]["driver"]["semanticVersion"] = "VERSION".into();
    let notes = run["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .unwrap();
    assert_eq!(notes.len(), 1);
    compare(
        "ci.sarif.json",
        &(serde_json::to_string_pretty(&log).unwrap() + "\n"),
    );
}
