//! `termlint fix` on real files: only reported spans change, runs converge, dry runs write
//! nothing.

use std::process::Command;

fn termlint() -> Command {
    Command::new(env!("CARGO_BIN_EXE_termlint"))
}

#[test]
fn fixes_plain_text_in_place_and_converges() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("doc.txt");
    std::fs::write(&p, "The  host   is up.\n\nSecond  paragraph.\n").unwrap();
    let out = termlint()
        .args(["fix", "--lang", "en"])
        .arg(&p)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(&p).unwrap(),
        "The host is up.\n\nSecond paragraph.\n"
    );
    // A second run changes nothing.
    let out = termlint()
        .args(["fix", "--lang", "en"])
        .arg(&p)
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("applied 0 edits"));
}

#[test]
fn dry_run_prints_a_diff_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("doc.txt");
    std::fs::write(&p, "a  b\n").unwrap();
    let out = termlint()
        .args(["fix", "--dry-run", "--lang", "en"])
        .arg(&p)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("-a  b") && stdout.contains("+a b"),
        "{stdout}"
    );
    assert_eq!(std::fs::read_to_string(&p).unwrap(), "a  b\n");
}

#[test]
fn ignored_rules_are_not_fixed() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("doc.txt");
    std::fs::write(&p, "a  b\n").unwrap();
    termlint()
        .args(["fix", "--lang", "en", "--ignore", "double-space"])
        .arg(&p)
        .output()
        .unwrap();
    assert_eq!(std::fs::read_to_string(&p).unwrap(), "a  b\n");
}
