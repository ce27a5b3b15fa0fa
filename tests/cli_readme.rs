//! The README's rule table is generated from the rule registry; this test fails when it is
//! stale. Fix: `UPDATE_README=1 cargo test --test cli_readme` (or paste the output of
//! `cargo run -- rules --markdown` between the markers).

use std::path::Path;
use std::process::Command;

const START: &str = "<!-- rules:start -->\n";
const END: &str = "<!-- rules:end -->";

#[test]
fn readme_rule_table_is_current() {
    let out = Command::new(env!("CARGO_BIN_EXE_termlint"))
        .args(["rules", "--markdown"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let table = String::from_utf8(out.stdout).unwrap();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let start = readme
        .find(START)
        .expect("README.md has no <!-- rules:start --> marker")
        + START.len();
    let end = start
        + readme[start..]
            .find(END)
            .expect("README.md has no <!-- rules:end --> marker");
    if readme[start..end] == table {
        return;
    }
    if std::env::var_os("UPDATE_README").is_some() {
        let updated = format!("{}{table}{}", &readme[..start], &readme[end..]);
        std::fs::write(&path, updated).unwrap();
        return;
    }
    panic!(
        "the rule table in README.md is stale.\nFix: UPDATE_README=1 cargo test --test cli_readme\n\
         (or replace the lines between the markers with the output of `cargo run -- rules --markdown`)\n\
         --- expected\n{table}--- found\n{}",
        &readme[start..end]
    );
}
