//! Hostile and broken inputs: each ends with exit code 2 and a message naming the file,
//! never a panic, never anything read from outside the input (XXE), in bounded time.
//! (Time and memory limits are measured by `scripts/hostile_limits.sh`, not here.)

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn termlint(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_termlint"))
        .args(args)
        .output()
        .expect("run termlint")
}

fn hostile(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/hostile")
        .join(name)
}

fn assert_clean_failure(out: &Output, name: &str) {
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let all = format!("{stdout}{stderr}");
    assert_eq!(
        out.status.code(),
        Some(2),
        "{name}: exit code; output:\n{all}"
    );
    assert!(
        all.contains(name),
        "{name}: the message names the file:\n{all}"
    );
    assert!(
        !all.contains("internal error") && !all.contains("panicked"),
        "{name}: panicked:\n{all}"
    );
    assert!(!all.contains("root:x:0:0"), "{name}: leaked /etc/passwd");
}

#[test]
fn broken_bilingual_files_fail_cleanly() {
    for name in [
        "truncated-string.po",
        "xxe.xlf",
        "xxe.tmx",
        "unclosed.xlf",
        "unclosed.tmx",
        "utf16-no-bom.po",
        "image.po",
        "invalid-utf8.po",
    ] {
        let p = hostile(name);
        let out = termlint(&[
            "check".as_ref(),
            "--format".as_ref(),
            "json".as_ref(),
            p.as_os_str(),
        ]);
        assert_clean_failure(&out, name);
    }
}

#[test]
fn hostile_glossaries_fail_cleanly() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let zh = root.join("examples/seed/zh.txt");
    let en = root.join("examples/seed/en.txt");
    let run = |name: &str| {
        let p = hostile(name);
        termlint(&[
            "check".as_ref(),
            "--source".as_ref(),
            zh.as_os_str(),
            "--target".as_ref(),
            en.as_os_str(),
            "-g".as_ref(),
            p.as_os_str(),
        ])
    };
    for name in ["billion-laughs.tbx", "xxe.tbx"] {
        assert_clean_failure(&run(name), name);
    }
    // A DOCTYPE naming an external DTD (and no entities) is ignored, never fetched: the
    // glossary loads and nothing of the DTD's target shows.
    let out = run("external-dtd.tbx");
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(matches!(out.status.code(), Some(0 | 1)), "{all}");
    assert!(
        !all.contains("could not be read") && !all.contains("root:x:0:0"),
        "{all}"
    );
}

#[test]
fn deeply_nested_xml_fails_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("deep.xlf");
    let body = format!(
        "<?xml version=\"1.0\"?><xliff version=\"1.2\"><file source-language=\"en\" target-language=\"zh\"><body>{}</body></file></xliff>",
        "<group>".repeat(100_000)
    );
    std::fs::write(&p, body).unwrap();
    let out = termlint(&["check".as_ref(), p.as_os_str()]);
    assert_clean_failure(&out, "deep.xlf");
}

/// Every fixture and hostile file, checked as whatever it looks like: no panic, ever.
#[test]
fn no_input_in_the_corpora_panics() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // The fixtures, hostile files and fuzz regressions, and the fuzz seed corpora.
    let mut stack = vec![root.join("tests"), root.join("fuzz/corpus")];
    let mut seen = 0;
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            if p.extension().is_some_and(|x| x == "rs") {
                continue;
            }
            // Only the committed seeds of the fuzz corpora, not what a local run added.
            let name = p.file_name().unwrap_or_default().to_string_lossy();
            if p.starts_with(root.join("fuzz")) && !name.starts_with("seed-") {
                continue;
            }
            seen += 1;
            let (zh, en) = (
                root.join("examples/seed/zh.txt"),
                root.join("examples/seed/en.txt"),
            );
            let f = p.as_os_str();
            let mut runs: Vec<Vec<&std::ffi::OsStr>> = vec![
                vec!["check".as_ref(), f],
                vec!["check".as_ref(), "--lang".as_ref(), "en".as_ref(), f],
                // Every file as both sides of a pair (JSON, Markdown and text readers).
                vec![
                    "check".as_ref(),
                    "--source".as_ref(),
                    f,
                    "--target".as_ref(),
                    f,
                ],
            ];
            let ext = p.extension().and_then(|x| x.to_str()).unwrap_or("");
            if matches!(ext, "csv" | "tsv" | "tbx" | "xlsx") {
                runs.push(vec![
                    "check".as_ref(),
                    "--source".as_ref(),
                    zh.as_os_str(),
                    "--target".as_ref(),
                    en.as_os_str(),
                    "-g".as_ref(),
                    f,
                ]);
            }
            if ext == "toml" {
                runs.push(vec![
                    "check".as_ref(),
                    "--config".as_ref(),
                    f,
                    "--lang".as_ref(),
                    "en".as_ref(),
                    en.as_os_str(),
                ]);
            }
            for a in runs {
                let out = termlint(&a);
                let stderr = String::from_utf8_lossy(&out.stderr);
                assert_ne!(out.status.code(), Some(101), "{}: {stderr}", p.display());
                assert!(
                    !stderr.contains("internal error"),
                    "{} panicked: {stderr}",
                    p.display()
                );
            }
        }
    }
    assert!(seen >= 60, "the corpora were found ({seen} files)");
}

/// Inputs the fuzzers found (`tests/hostile/fuzz-*`): each ends with findings (0/1) or a
/// clean error (2), never a panic.
#[test]
fn fuzz_regressions_end_cleanly() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile");
    let mut seen = 0;
    for e in std::fs::read_dir(&dir).unwrap().flatten() {
        let p = e.path();
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        if !name.starts_with("fuzz-") {
            continue;
        }
        seen += 1;
        let out = if name.ends_with(".tbx") || name.ends_with(".csv") || name.ends_with(".tsv") {
            // A glossary: used with the seed article.
            let root = Path::new(env!("CARGO_MANIFEST_DIR"));
            let (zh, en) = (
                root.join("examples/seed/zh.txt"),
                root.join("examples/seed/en.txt"),
            );
            termlint(&[
                "check".as_ref(),
                "--source".as_ref(),
                zh.as_os_str(),
                "--target".as_ref(),
                en.as_os_str(),
                "-g".as_ref(),
                p.as_os_str(),
            ])
        } else {
            termlint(&["check".as_ref(), p.as_os_str()])
        };
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            matches!(out.status.code(), Some(0..=2)),
            "{name}: exit {:?}:\n{all}",
            out.status.code()
        );
        assert!(
            !all.contains("internal error") && !all.contains("panicked"),
            "{name}: panicked:\n{all}"
        );
        if out.status.code() == Some(2) {
            assert!(
                all.contains(&name),
                "{name}: the error names the file:\n{all}"
            );
        }
    }
    assert!(seen >= 2, "fuzz regressions found ({seen})");
}

/// The tbx fuzz target's first find: two TBX concepts with the same id. They are one
/// concept (rows sharing an id are, in every glossary format); a warning says so, and
/// `glossary convert` to TBX and back keeps that one concept's terms.
#[test]
fn tbx_with_a_duplicate_concept_id_converts_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let input = hostile("fuzz-duplicate-concept-id.tbx");
    let tbx = dir.path().join("out.tbx");
    let csv = dir.path().join("out.csv");
    let direct = dir.path().join("direct.csv");
    let run = |a: &std::path::Path, b: &std::path::Path| {
        let out = termlint(&[
            "glossary".as_ref(),
            "convert".as_ref(),
            a.as_os_str(),
            b.as_os_str(),
        ]);
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let stderr = run(&input, &tbx);
    assert!(
        stderr.contains("fuzz-duplicate-concept-id.tbx:29: duplicate concept id `c1` (first at line 8): both entries are read as one concept"),
        "{stderr}"
    );
    run(&tbx, &csv);
    run(&input, &direct);
    // The same source terms, all in concept c1, before and after the TBX round trip.
    let sources = |p: &std::path::Path| {
        let text = std::fs::read_to_string(p).unwrap();
        let mut v: Vec<String> = text
            .lines()
            .skip(1)
            .filter(|l| l.contains(",c1,"))
            .map(|l| l.split(',').next().unwrap().to_string())
            .collect();
        v.sort();
        v
    };
    assert_eq!(
        sources(&csv),
        ["CIA", "Central Intelligence Agency", "host", "mainframe"]
    );
    assert_eq!(sources(&csv), sources(&direct));
}

/// Files over `--max-file-size` (default 1 GiB) are refused with an error naming the file,
/// the size and the option; endless inputs (a device) too, without reading them whole.
#[test]
fn files_over_the_size_limit_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("big-en.txt");
    std::fs::write(&p, "Commit the file. ".repeat(200)).unwrap(); // 3400 bytes
    let out = termlint(&[
        "check".as_ref(),
        "--lang".as_ref(),
        "en".as_ref(),
        "--max-file-size".as_ref(),
        "2K".as_ref(),
        p.as_os_str(),
    ]);
    assert_clean_failure(&out, "big-en.txt");
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        all.contains("file too large (3.3 KiB; the limit is 2.0 KiB)")
            && all.contains("--max-file-size"),
        "{all}"
    );
    let out = termlint(&[
        "check".as_ref(),
        "--lang".as_ref(),
        "en".as_ref(),
        "--max-file-size".as_ref(),
        "4K".as_ref(),
        p.as_os_str(),
    ]);
    assert!(matches!(out.status.code(), Some(0 | 1)), "{out:?}");
    let out = termlint(&[
        "check".as_ref(),
        "--max-file-size".as_ref(),
        "4 parsecs".as_ref(),
        p.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(2), "a bad size is a usage error");
    if Path::new("/dev/zero").exists() {
        let out = termlint(&[
            "check".as_ref(),
            "--lang".as_ref(),
            "en".as_ref(),
            "--max-file-size".as_ref(),
            "1M".as_ref(),
            "/dev/zero".as_ref(),
        ]);
        assert_clean_failure(&out, "/dev/zero");
        assert!(String::from_utf8_lossy(&out.stdout).contains("a device, not a file"));
    }
}

/// A plain-text line over `--max-line-length` (default 1 MiB) is refused, naming the line.
#[test]
fn lines_over_the_length_limit_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("long-line-en.txt");
    let body = format!(
        "A short first line.\n\n{}\n",
        "Commit the file. ".repeat(100)
    );
    std::fs::write(&p, body).unwrap();
    let run = |limit: &str| {
        termlint(&[
            "check".as_ref(),
            "--lang".as_ref(),
            "en".as_ref(),
            "--max-line-length".as_ref(),
            limit.as_ref(),
            p.as_os_str(),
        ])
    };
    let out = run("1K");
    assert_clean_failure(&out, "long-line-en.txt");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("long-line-en.txt:3")
            && stdout.contains(
                "line too long (1.7 KiB; the limit for plain-text and Markdown lines is 1.0 KiB)"
            ),
        "{stdout}"
    );
    assert!(matches!(run("2K").status.code(), Some(0 | 1)));
    assert!(matches!(run("0").status.code(), Some(0 | 1)));
}

/// A segment text over `--max-line-length` is refused in any format, naming its position.
#[test]
fn segments_over_the_length_limit_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("long-string.po");
    let body = format!(
        "msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n\nmsgid \"{}\"\nmsgstr \"x\"\n",
        "Commit the file. ".repeat(100)
    );
    std::fs::write(&p, body).unwrap();
    let out = termlint(&[
        "check".as_ref(),
        "--max-line-length".as_ref(),
        "1K".as_ref(),
        p.as_os_str(),
    ]);
    assert_clean_failure(&out, "long-string.po");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout
            .contains("long-string.po:5:8: segment text too long (1.7 KiB; the limit is 1.0 KiB)"),
        "{stdout}"
    );
}

/// A folder whose files cannot be read (here: nested past the system's path length limit)
/// is an error, not a warning: exit code 0 only when every input was read and checked.
#[test]
fn unreadable_folders_met_while_walking_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    let name = "d".repeat(250);
    let made = Command::new("sh")
        .current_dir(dir.path())
        .args([
            "-c",
            &format!(
                "for i in $(seq 18); do mkdir {name} && cd -P {name} || exit 1; done; printf 'msgid \"a\"\\nmsgstr \"b\"\\n' > x.po"
            ),
        ])
        .status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: cannot make a deep folder here");
        return;
    }
    let out = termlint(&["check".as_ref(), dir.path().as_os_str()]);
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(out.status.code(), Some(2), "{all}");
    assert!(all.contains("cannot read while walking"), "{all}");
    assert!(
        all.contains(&dir.path().display().to_string()),
        "names the folder: {all}"
    );
}
