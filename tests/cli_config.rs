//! termlint.toml: discovery, unknown keys, per-path severities, patterns, include/exclude, init.

mod common;
use common::*;

const PAIR_ZH: &str = "中国是网络攻击的主要受害国之一。\n\n点击此处下载。\n";
const PAIR_EN: &str =
    "China is one of the main  victims of cyber-attack.\n\nClick here to download.\n";

#[test]
fn the_config_is_found_upward_from_the_working_directory() {
    let dir = tempdir();
    write(dir.path(), "zh.txt", PAIR_ZH);
    write(dir.path(), "en.txt", PAIR_EN);
    write(dir.path(), "a/b/.keep", "");
    let args = [
        "check",
        "--source",
        "../../zh.txt",
        "--target",
        "../../en.txt",
        "--format",
        "json",
        "--select",
        "double-space,custom-pattern",
    ];
    let sub = dir.path().join("a/b");
    // Without a configuration: double-space is a warning.
    let o = termlint(&sub, &args);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(findings(&o)[0].1, "warning");
    // A termlint.toml two folders up makes it an error and adds a pattern.
    write(
        dir.path(),
        "termlint.toml",
        "[rules]\ndouble-space = \"error\"\n\n[[patterns]]\nname = \"click\"\n\
         target = '(?i)click here'\nsource = '点击'\nmessage = \"no click here\"\n",
    );
    let o = termlint(&sub, &args);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let f = findings(&o);
    assert_eq!(f.len(), 2, "{f:?}");
    assert_eq!(
        (f[0].0.as_str(), f[0].1.as_str()),
        ("double-space", "error")
    );
    assert_eq!(
        (f[1].0.as_str(), f[1].4.as_str()),
        ("custom-pattern", "Click here")
    );
    // --no-config ignores it; --config names another file.
    let mut no = args.to_vec();
    no.push("--no-config");
    assert_eq!(findings(&termlint(&sub, &no))[0].1, "warning");
    write(
        dir.path(),
        "other.toml",
        "[rules]\ndouble-space = \"info\"\n",
    );
    let mut other = args.to_vec();
    other.extend(["--config", "../../other.toml"]);
    let o = termlint(&sub, &other);
    assert_eq!(findings(&o).len(), 1);
    assert_eq!(findings(&o)[0].1, "info");
}

#[test]
fn unknown_keys_are_errors_naming_key_file_and_line() {
    let dir = tempdir();
    write(dir.path(), "en.txt", "Fine text.\n");
    write(
        dir.path(),
        "termlint.toml",
        "target-lang = \"en\"\n\n[rules]\n\n[option]\nwords = []\n",
    );
    let o = termlint(dir.path(), &["check", "--lang", "en", "en.txt"]);
    assert_eq!(code(&o), 2);
    let e = stderr(&o);
    assert!(e.contains("termlint.toml:5:"), "{e}");
    assert!(e.contains("unknown key `option`"), "{e}");
    // Inside [options] and [[patterns]] too, and unknown rule names.
    for (toml, key) in [
        ("[options]\nwordz = []\n", "wordz"),
        (
            "[[patterns]]\nname = \"a\"\ntarget = 'x'\nmessage = \"m\"\nsevrity = \"error\"\n",
            "sevrity",
        ),
        ("[rules]\ndouble-spaces = \"off\"\n", "double-spaces"),
    ] {
        write(dir.path(), "termlint.toml", toml);
        let o = termlint(dir.path(), &["check", "--lang", "en", "en.txt"]);
        assert_eq!(code(&o), 2, "{toml}");
        assert!(
            stderr(&o).contains(key) && stderr(&o).contains("termlint.toml:"),
            "{}",
            stderr(&o)
        );
    }
}

#[test]
fn a_bad_pattern_is_a_config_error_with_its_position() {
    let dir = tempdir();
    write(dir.path(), "en.txt", "Fine text.\n");
    write(
        dir.path(),
        "termlint.toml",
        "[[patterns]]\nname = \"broken\"\ntarget = '(unclosed'\nmessage = \"m\"\n",
    );
    let o = termlint(dir.path(), &["check", "--lang", "en", "en.txt"]);
    assert_eq!(code(&o), 2);
    let e = stderr(&o);
    assert!(
        e.contains("termlint.toml:3:10: pattern `broken`: bad regular expression"),
        "{e}"
    );
}

#[test]
fn overrides_set_severities_per_path() {
    let dir = tempdir();
    write(dir.path(), "legacy/old.txt", "An  old text.\n");
    write(dir.path(), "new/fresh.txt", "A  new text.\n");
    write(dir.path(), "vendor/x.txt", "A  vendored text.\n");
    write(
        dir.path(),
        "termlint.toml",
        "[rules]\ndouble-space = \"error\"\n\n[[overrides]]\npaths = [\"legacy/\"]\n\
         rules = { double-space = \"info\" }\n\n[[overrides]]\npaths = [\"vendor/**\"]\n\
         rules = { double-space = \"off\" }\n",
    );
    let o = termlint(
        dir.path(),
        &[
            "check",
            "--lang",
            "en",
            "--format",
            "json",
            "--select",
            "double-space",
            "legacy/old.txt",
            "new/fresh.txt",
            "vendor/x.txt",
        ],
    );
    let f = findings(&o);
    let got: Vec<(&str, &str)> = f.iter().map(|f| (f.2.as_str(), f.1.as_str())).collect();
    assert_eq!(
        got,
        vec![("legacy/old.txt", "info"), ("new/fresh.txt", "error")]
    );
    assert_eq!(code(&o), 1);
    // An override can also raise a rule that is off everywhere else.
    write(
        dir.path(),
        "termlint.toml",
        "[rules]\ndouble-space = \"off\"\n\n[[overrides]]\npaths = [\"new/\"]\n\
         rules = { double-space = \"warning\" }\n",
    );
    let o = termlint(
        dir.path(),
        &[
            "check",
            "--lang",
            "en",
            "--format",
            "json",
            "legacy/old.txt",
            "new/fresh.txt",
        ],
    );
    let f = findings(&o);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(
        (f[0].2.as_str(), f[0].1.as_str()),
        ("new/fresh.txt", "warning")
    );
}

#[test]
fn include_and_exclude_choose_the_files_of_a_bare_run() {
    let dir = tempdir();
    write(dir.path(), "docs/a.txt", "One  space too many.\n");
    write(dir.path(), "docs/skip/b.txt", "Two  spaces here.\n");
    write(dir.path(), "docs/c.md", "Not  included.\n");
    write(
        dir.path(),
        "termlint.toml",
        "target-lang = \"en\"\ninclude = [\"*.txt\"]\nexclude = [\"skip/\"]\n",
    );
    let o = termlint(
        &dir.path().join("docs"),
        &[
            "check",
            "--lang",
            "en",
            "--format",
            "json",
            "--select",
            "double-space",
        ],
    );
    let f = findings(&o);
    let files: Vec<&str> = f.iter().map(|f| f.2.as_str()).collect();
    assert_eq!(files, vec!["a.txt"], "{}", stderr(&o));
    // A folder given on the command line is walked with the same globs.
    let o = termlint(
        dir.path(),
        &[
            "check",
            "--lang",
            "en",
            "--format",
            "json",
            "--select",
            "double-space",
            "docs",
        ],
    );
    let files: Vec<String> = findings(&o).into_iter().map(|f| f.2).collect();
    assert_eq!(files, vec!["docs/a.txt"]);
}

#[test]
fn init_writes_a_starter_file_that_check_accepts() {
    let dir = tempdir();
    let o = termlint(dir.path(), &["init"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let text = std::fs::read_to_string(dir.path().join("termlint.toml")).unwrap();
    assert!(text.contains("[rules]") && text.contains("# [[patterns]]"));
    let again = termlint(dir.path(), &["init"]);
    assert_eq!(code(&again), 2);
    assert!(stderr(&again).contains("already exists"));
    assert_eq!(code(&termlint(dir.path(), &["init", "--force"])), 0);
    write(dir.path(), "en.txt", "Fine text.\n");
    let o = termlint(dir.path(), &["check", "--lang", "en", "en.txt"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
}
