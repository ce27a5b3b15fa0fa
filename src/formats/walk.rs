//! Directories given on the command line are walked (the `ignore` crate: `.gitignore`,
//! `.ignore` and hidden files honoured) and replaced by the files in them that termlint
//! reads, sorted by path so output order never depends on the file system.

use std::path::Path;

use super::{is_binary, Format, Input};
use crate::diagnostic::InputError;

/// What walking produced besides inputs.
#[derive(Debug, Default)]
pub struct Walked {
    /// The inputs, directories replaced by their files.
    pub inputs: Vec<Input>,
    /// Files skipped with a reason (binary files met while walking).
    pub warnings: Vec<String>,
    /// Folders or files that could not be read (an I/O error while walking): what they
    /// hold was not checked, so the run cannot end with exit code 0.
    pub errors: Vec<InputError>,
}

/// Extensions read in monolingual mode.
fn is_document(path: &Path) -> bool {
    matches!(
        path.extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
            .as_deref(),
        Some("txt" | "md" | "markdown" | "text")
    )
}

/// Bilingual files a walk picks up: every format [`Format::from_extension`] knows except
/// JSON (a JSON locale file holds one language; pair them with --source/--target).
fn is_bilingual(path: &Path) -> bool {
    let p = path.to_string_lossy();
    matches!(Format::from_extension(&p), Some(f) if f != Format::Json)
}

fn is_compiled_catalog(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("mo"))
}

/// Replace directory inputs by the files inside them.
pub fn expand(inputs: Vec<Input>) -> Walked {
    let mut out = Walked::default();
    for input in inputs {
        let (dir, mono) = match &input {
            Input::File(p) if Path::new(p).is_dir() => (p.clone(), false),
            Input::Monolingual(p) if Path::new(p).is_dir() => (p.clone(), true),
            _ => {
                out.inputs.push(input);
                continue;
            }
        };
        let mut files = Vec::new();
        let walker = ignore::WalkBuilder::new(&dir)
            .require_git(false)
            .sort_by_file_path(|a, b| a.cmp(b))
            .build();
        for entry in walker {
            let entry = match entry {
                Ok(e) => e,
                // Reading failed: an error. Anything else (a bad `.gitignore` pattern) only
                // changes which files are picked: a warning.
                Err(e) if e.io_error().is_some() => {
                    out.errors.push(InputError::file(
                        &dir,
                        format!("cannot read while walking: {e}"),
                    ));
                    continue;
                }
                Err(e) => {
                    out.warnings.push(format!("{dir}: {e}"));
                    continue;
                }
            };
            if !entry.file_type().is_some_and(|t| t.is_file()) {
                continue;
            }
            let path = entry.path();
            let wanted = if mono {
                is_document(path)
            } else {
                is_bilingual(path) || is_compiled_catalog(path)
            };
            if !wanted {
                continue;
            }
            let shown = path.to_string_lossy().into_owned();
            if is_compiled_catalog(path) && !mono {
                out.warnings.push(format!(
                    "{shown}: compiled gettext catalog (binary) skipped; `msgunfmt` turns it into PO"
                ));
                continue;
            }
            match read_head(path) {
                Ok(head) if is_binary(&head) => {
                    out.warnings.push(format!("{shown}: binary file skipped"));
                }
                _ => files.push(shown),
            }
        }
        files.sort();
        out.inputs.extend(files.into_iter().map(|f| {
            if mono {
                Input::Monolingual(f)
            } else {
                Input::File(f)
            }
        }));
    }
    out
}

fn read_head(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut buf = Vec::with_capacity(8192);
    std::fs::File::open(path)?
        .take(8192)
        .read_to_end(&mut buf)?;
    Ok(buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_sorted_honours_gitignore_skips_binaries() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir(d.join("sub")).unwrap();
        std::fs::write(d.join("b.po"), "msgid \"a\"\nmsgstr \"b\"\n").unwrap();
        std::fs::write(d.join("sub/a.xlf"), "<xliff/>").unwrap();
        std::fs::write(d.join("ignored.po"), "").unwrap();
        std::fs::write(d.join(".gitignore"), "ignored.po\n").unwrap();
        std::fs::write(d.join("bin.po"), b"msgid\0\0").unwrap();
        std::fs::write(d.join("c.mo"), b"\xde\x12\x04\x95").unwrap();
        std::fs::write(d.join("readme.txt"), "x").unwrap();
        let w = expand(vec![Input::File(d.to_string_lossy().into_owned())]);
        let names: Vec<String> = w
            .inputs
            .iter()
            .map(|i| {
                Path::new(i.display_path())
                    .strip_prefix(d)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        assert_eq!(names, vec!["b.po", "sub/a.xlf"]);
        assert_eq!(w.warnings.len(), 2, "{:?}", w.warnings);
        assert!(w.warnings.iter().any(|m| m.contains("bin.po")));
        let w = expand(vec![Input::Monolingual(d.to_string_lossy().into_owned())]);
        assert_eq!(w.inputs.len(), 1);
    }
}
