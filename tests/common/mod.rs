//! Helpers for the CLI tests: run the real binary in a folder, write files.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

/// Run `termlint ARGS` with `dir` as the working directory.
pub fn termlint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_termlint"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .output()
        .expect("run termlint")
}

/// Standard output as text.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Standard error as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The exit code.
pub fn code(o: &Output) -> i32 {
    o.status.code().expect("exit code")
}

/// Run `termlint ARGS` in `dir`: (exit code, standard output, standard error).
pub fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let o = termlint(dir, args);
    (code(&o), stdout(&o), stderr(&o))
}

/// Write `content` to `dir/name`, creating folders.
pub fn write(dir: &Path, name: &str, content: &str) {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(p, content).unwrap();
}

/// The findings of a JSON report as (rule, severity, file, line, text).
pub fn findings(o: &Output) -> Vec<(String, String, String, u64, String)> {
    let v: serde_json::Value = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}\nstderr: {}", stdout(o), stderr(o)));
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["severity"].as_str().unwrap().to_string(),
                f["file"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["text"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// A temporary folder whose ancestors hold no termlint.toml that could leak into a test.
pub fn tempdir() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    let mut cur = d.path().parent();
    while let Some(p) = cur {
        assert!(
            !p.join("termlint.toml").exists(),
            "{} has a termlint.toml, which the tests would pick up",
            p.display()
        );
        cur = p.parent();
    }
    d
}
