//! Exit codes (SPEC §1): 0 clean, 1 error findings, 2 usage errors and unreadable inputs.

mod common;
use common::*;

#[test]
fn exit_codes() {
    let dir = tempdir();
    write(dir.path(), "clean.txt", "A clean sentence.\n");
    write(dir.path(), "warn.txt", "A  warning.\n");
    let d = dir.path();
    let run = |args: &[&str]| code(&termlint(d, args));
    // 0: clean, or only warnings.
    assert_eq!(run(&["check", "--lang", "en", "clean.txt"]), 0);
    assert_eq!(run(&["check", "--lang", "en", "warn.txt"]), 0);
    // 1: an error finding (double-space raised to error by the configuration).
    write(d, "strict.toml", "[rules]\ndouble-space = \"error\"\n");
    assert_eq!(
        run(&[
            "check",
            "--config",
            "strict.toml",
            "--lang",
            "en",
            "warn.txt"
        ]),
        1
    );
    // ...and 0 again when the finding is recorded in a baseline.
    assert_eq!(
        run(&[
            "check",
            "--config",
            "strict.toml",
            "--lang",
            "en",
            "--write-baseline",
            "b.json",
            "warn.txt"
        ]),
        0
    );
    assert_eq!(
        run(&[
            "check",
            "--config",
            "strict.toml",
            "--lang",
            "en",
            "--baseline",
            "b.json",
            "warn.txt"
        ]),
        0
    );
    // 2: unreadable input (the other inputs are still reported), usage errors.
    let o = termlint(
        d,
        &[
            "check",
            "--config",
            "strict.toml",
            "--lang",
            "en",
            "--format",
            "json",
            "missing.txt",
            "warn.txt",
        ],
    );
    assert_eq!(code(&o), 2);
    assert_eq!(findings(&o).len(), 1);
    assert_eq!(
        run(&[
            "check",
            "--lang",
            "en",
            "--select",
            "no-such-rule",
            "clean.txt"
        ]),
        2
    );
    assert_eq!(run(&["check"]), 2);
    assert_eq!(run(&["check", "--config", "missing.toml", "clean.txt"]), 2);
    assert_eq!(run(&["explain", "no-such-rule"]), 2);
    assert_eq!(run(&["explain", "double-space"]), 0);
    assert_eq!(run(&["rules"]), 0);
    assert_eq!(
        run(&["check", "--lang", "en", "--format", "nope", "clean.txt"]),
        2
    );
}
