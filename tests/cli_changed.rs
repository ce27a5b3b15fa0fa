//! `--changed-since REV` on a temporary git repository.

mod common;
use common::*;
use std::path::Path;
use std::process::Command;

fn git(dir: &Path, args: &[&str]) {
    let o = Command::new("git")
        .args([
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@example.org",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git");
    assert!(
        o.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

fn have_git() -> bool {
    Command::new("git").arg("--version").output().is_ok()
}

const HEADER: &str = "msgid \"\"\nmsgstr \"\"\n\"Language: en\\n\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n\n";

fn po(entries: &[(&str, &str)]) -> String {
    let mut s = HEADER.to_string();
    for (id, tr) in entries {
        s.push_str(&format!("msgid \"{id}\"\nmsgstr \"{tr}\"\n\n"));
    }
    s
}

#[test]
fn only_changed_files_and_po_entries_are_reported() {
    if !have_git() {
        eprintln!("skipped: git is not installed");
        return;
    }
    let dir = tempdir();
    let d = dir.path();
    git(d, &["init", "-q"]);
    write(
        d,
        "a.po",
        &po(&[("一", "One  old"), ("二", "Two  old"), ("三", "Three  old")]),
    );
    write(d, "b.po", &po(&[("四", "Four  old")]));
    write(d, "notes/c.txt", "Old  notes.\n");
    git(d, &["add", "."]);
    git(d, &["commit", "-q", "-m", "base"]);

    let args = [
        "check",
        "--format",
        "json",
        "--select",
        "double-space",
        "--changed-since",
        "HEAD",
    ];
    // Nothing changed: nothing to check is fine, no findings.
    let mut all = args.to_vec();
    all.extend(["a.po", "b.po"]);
    let o = termlint(d, &all);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(findings(&o).is_empty());

    // Change one entry of a.po (the second), add an untracked file.
    write(
        d,
        "a.po",
        &po(&[("一", "One  old"), ("二", "Two  new"), ("三", "Three  old")]),
    );
    write(d, "new.po", &po(&[("五", "Five  new")]));
    let mut all = args.to_vec();
    all.extend(["a.po", "b.po", "new.po"]);
    let o = termlint(d, &all);
    let got: Vec<(String, String)> = findings(&o).into_iter().map(|f| (f.2, f.4)).collect();
    assert_eq!(got.len(), 2, "{got:?} {}", stderr(&o));
    assert_eq!(got[0].0, "a.po");
    assert_eq!(got[1].0, "new.po");
    // The finding of a.po is in the changed entry (line 10: msgstr "Two  new").
    let lines: Vec<u64> = findings(&o).iter().map(|f| f.3).collect();
    assert_eq!(lines[0], 10);

    // Removing a flag line counts as a change of the entry below it.
    write(
        d,
        "b.po",
        &format!("{HEADER}#, fuzzy\nmsgid \"四\"\nmsgstr \"Four  old\"\n"),
    );
    git(d, &["add", "."]);
    git(d, &["commit", "-q", "-m", "fuzzy"]);
    write(d, "b.po", &po(&[("四", "Four  old")]));
    let mut b = args.to_vec();
    b.push("b.po");
    let o = termlint(d, &b);
    assert_eq!(findings(&o).len(), 1, "{}", stderr(&o));

    // Plain files are kept or dropped whole; a folder walk is narrowed too.
    write(d, "notes/c.txt", "Old  notes.\n\nNew  notes.\n");
    let o = termlint(
        d,
        &[
            "check",
            "--lang",
            "en",
            "--format",
            "json",
            "--select",
            "double-space",
            "--changed-since",
            "HEAD",
            "notes/c.txt",
        ],
    );
    assert_eq!(findings(&o).len(), 2);
    git(d, &["add", "."]);
    git(d, &["commit", "-q", "-m", "all"]);
    let o = termlint(
        d,
        &[
            "check",
            "--format",
            "json",
            "--select",
            "double-space",
            "--changed-since",
            "HEAD",
            ".",
        ],
    );
    assert!(findings(&o).is_empty(), "{:?}", findings(&o));
    let since = |rev: &str| {
        let o = termlint(
            d,
            &[
                "check",
                "--format",
                "json",
                "--select",
                "double-space",
                "--changed-since",
                rev,
                ".",
            ],
        );
        findings(&o)
            .into_iter()
            .map(|f| (f.2, f.3))
            .collect::<Vec<_>>()
    };
    // Since the previous commit: the un-fuzzied entry of b.po.
    assert_eq!(since("HEAD~1"), vec![("b.po".to_string(), 7)]);
    // Since the first: a.po's changed entry and all of new.po (b.po is back as it was).
    assert_eq!(
        since("HEAD~2"),
        vec![("a.po".to_string(), 10), ("new.po".to_string(), 7)]
    );
}

#[test]
fn a_bad_revision_is_a_usage_error() {
    if !have_git() {
        eprintln!("skipped: git is not installed");
        return;
    }
    let dir = tempdir();
    git(dir.path(), &["init", "-q"]);
    write(dir.path(), "a.txt", "Text.\n");
    let o = termlint(
        dir.path(),
        &[
            "check",
            "--lang",
            "en",
            "--changed-since",
            "no-such-rev",
            "a.txt",
        ],
    );
    assert_eq!(code(&o), 2);
    assert!(
        stderr(&o).contains("`no-such-rev` is not a commit"),
        "{}",
        stderr(&o)
    );
}
