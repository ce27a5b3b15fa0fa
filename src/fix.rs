//! Applying fixes: edits to the decoded content of a file, re-checked until nothing fixable
//! is left, written atomically.
//!
//! Edits are byte ranges of [`SourceFile::content`](crate::segment::SourceFile) with
//! replacements already escaped for the file's format, so everything outside the edits stays
//! byte-identical: comments, ordering and line wrapping are never re-serialised.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use crate::diagnostic::{Applicability, Diagnostic, Edit, InputError};
use crate::formats::Input;
use crate::{Engine, Report};

/// Which fixes to apply.
#[derive(Debug, Clone, Copy, Default)]
pub struct FixMode {
    /// Apply unsafe fixes too.
    pub unsafe_fixes: bool,
}

/// The edits to make, grouped by file (paths as in the findings).
pub fn collect_edits(findings: &[Diagnostic], mode: FixMode) -> BTreeMap<String, Vec<Edit>> {
    let mut by_file: BTreeMap<String, Vec<Edit>> = BTreeMap::new();
    for d in findings {
        let Some(fix) = &d.fix else { continue };
        if fix.applicability == Applicability::Unsafe && !mode.unsafe_fixes {
            continue;
        }
        // A fix's edits are all-or-nothing: keep them together by pushing in order.
        by_file
            .entry(d.file.to_string())
            .or_default()
            .extend(fix.edits.iter().cloned());
    }
    by_file
}

/// Apply `edits` to `content`. Edits are sorted by position; an edit that overlaps one
/// already accepted is left for the next pass (deterministically: the earlier start wins,
/// then the shorter range). Returns the new content and how many edits were applied.
pub fn apply_edits(content: &str, edits: &[Edit]) -> (String, usize) {
    let mut sorted: Vec<&Edit> = edits
        .iter()
        .filter(|e| {
            e.range.start <= e.range.end
                && e.range.end <= content.len()
                && content.is_char_boundary(e.range.start)
                && content.is_char_boundary(e.range.end)
        })
        .collect();
    sorted.sort_by(|a, b| {
        (a.range.start, a.range.end, &a.replacement).cmp(&(
            b.range.start,
            b.range.end,
            &b.replacement,
        ))
    });
    sorted.dedup_by(|a, b| a == b);
    let mut out = String::with_capacity(content.len());
    let mut pos = 0;
    let mut applied = 0;
    for e in sorted {
        // Overlapping (or touching an insertion at the same point): leave for the next pass.
        if e.range.start < pos || (applied > 0 && e.range.start == pos && e.range.is_empty()) {
            continue;
        }
        out.push_str(&content[pos..e.range.start]);
        out.push_str(&e.replacement);
        pos = e.range.end;
        applied += 1;
    }
    out.push_str(&content[pos..]);
    (out, applied)
}

/// Why a file was not written.
#[derive(Debug)]
pub enum WriteError {
    /// The file on disk no longer holds what was checked.
    ChangedOnDisk,
    /// The file is not UTF-8 or UTF-16 text we can re-encode exactly.
    UnsupportedEncoding(String),
    /// An I/O error.
    Io(std::io::Error),
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::ChangedOnDisk => {
                f.write_str("the file changed on disk since it was read; not written")
            }
            WriteError::UnsupportedEncoding(e) => {
                write!(f, "cannot write {e} text back exactly; not written")
            }
            WriteError::Io(e) => write!(f, "{e}"),
        }
    }
}

/// How the file's bytes encode its text.
enum Encoding {
    Utf8 { bom: bool },
    Utf16 { big_endian: bool },
}

fn detect_encoding(bytes: &[u8]) -> Result<Encoding, WriteError> {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        Ok(Encoding::Utf8 { bom: true })
    } else if bytes.starts_with(&[0xFF, 0xFE]) {
        Ok(Encoding::Utf16 { big_endian: false })
    } else if bytes.starts_with(&[0xFE, 0xFF]) {
        Ok(Encoding::Utf16 { big_endian: true })
    } else if std::str::from_utf8(bytes).is_ok() {
        Ok(Encoding::Utf8 { bom: false })
    } else {
        Err(WriteError::UnsupportedEncoding("non-UTF-8".into()))
    }
}

fn decode(bytes: &[u8], enc: &Encoding) -> Option<String> {
    match enc {
        Encoding::Utf8 { bom } => {
            let body = if *bom { &bytes[3..] } else { bytes };
            std::str::from_utf8(body).ok().map(str::to_string)
        }
        Encoding::Utf16 { big_endian } => {
            let body = &bytes[2..];
            if body.len() % 2 != 0 {
                return None;
            }
            let units: Vec<u16> = body
                .chunks_exact(2)
                .map(|c| {
                    if *big_endian {
                        u16::from_be_bytes([c[0], c[1]])
                    } else {
                        u16::from_le_bytes([c[0], c[1]])
                    }
                })
                .collect();
            String::from_utf16(&units).ok()
        }
    }
}

fn encode(text: &str, enc: &Encoding) -> Vec<u8> {
    match enc {
        Encoding::Utf8 { bom } => {
            let mut out = Vec::with_capacity(text.len() + 3);
            if *bom {
                out.extend_from_slice(&[0xEF, 0xBB, 0xBF]);
            }
            out.extend_from_slice(text.as_bytes());
            out
        }
        Encoding::Utf16 { big_endian } => {
            let mut out = if *big_endian {
                vec![0xFE, 0xFF]
            } else {
                vec![0xFF, 0xFE]
            };
            for u in text.encode_utf16() {
                out.extend_from_slice(&if *big_endian {
                    u.to_be_bytes()
                } else {
                    u.to_le_bytes()
                });
            }
            out
        }
    }
}

/// Write `new_content` to `path`, which must still hold `checked_content` (the decoded text
/// that was checked). The original encoding (UTF-8 with or without BOM, UTF-16 with BOM) is
/// kept; the file is replaced atomically (temporary file + rename) with its permissions.
pub fn write_file(path: &Path, checked_content: &str, new_content: &str) -> Result<(), WriteError> {
    let bytes = std::fs::read(path).map_err(WriteError::Io)?;
    let enc = detect_encoding(&bytes)?;
    match decode(&bytes, &enc) {
        Some(now) if now == checked_content => {}
        Some(_) => return Err(WriteError::ChangedOnDisk),
        None => return Err(WriteError::UnsupportedEncoding("undecodable".into())),
    }
    let out = encode(new_content, &enc);
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(WriteError::Io)?;
    tmp.write_all(&out).map_err(WriteError::Io)?;
    tmp.as_file().sync_all().map_err(WriteError::Io)?;
    if let Ok(meta) = std::fs::metadata(path) {
        let _ = std::fs::set_permissions(tmp.path(), meta.permissions());
    }
    tmp.persist(path).map_err(|e| WriteError::Io(e.error))?;
    Ok(())
}

/// A unified diff between two versions of a file, for `--dry-run`.
pub fn unified_diff(path: &str, old: &str, new: &str) -> String {
    let (old_name, new_name) = if Path::new(path).is_absolute() {
        (path.to_string(), path.to_string())
    } else {
        (format!("a/{path}"), format!("b/{path}"))
    };
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(2)
        .header(&old_name, &new_name)
        .to_string()
}

/// What `termlint fix` did.
#[derive(Debug, Default)]
pub struct FixOutcome {
    /// Files written (or, in a dry run, that would be written), with their diff.
    pub changed: Vec<(String, String)>,
    /// Edits applied, over all passes.
    pub applied: usize,
    /// Passes run.
    pub passes: usize,
    /// The check report after the last pass (what is left).
    pub remaining: Report,
    /// Files that could not be written.
    pub errors: Vec<InputError>,
}

/// How many times to re-check and fix before giving up on convergence.
pub const MAX_PASSES: usize = 6;

/// Check `inputs`, apply the fixes, re-check, and repeat until no fixable finding is left
/// (or [`MAX_PASSES`]). A dry run computes one pass and writes nothing.
pub fn run(engine: &Engine<'_>, inputs: &[Input], mode: FixMode, dry_run: bool) -> FixOutcome {
    let mut outcome = FixOutcome::default();
    let mut diffs: BTreeMap<String, String> = BTreeMap::new();
    loop {
        let report = engine.run(inputs);
        let edits = collect_edits(&report.findings, mode);
        let done =
            edits.is_empty() || outcome.passes >= MAX_PASSES || (dry_run && outcome.passes == 1);
        if done {
            outcome.remaining = report;
            break;
        }
        outcome.passes += 1;
        let mut wrote_any = false;
        for (path, file_edits) in edits {
            if outcome.errors.iter().any(|e| e.file == path) {
                continue;
            }
            let Some(source) = report.sources.iter().find(|f| f.path == path) else {
                continue;
            };
            let (new_content, n) = apply_edits(&source.content, &file_edits);
            if n == 0 || new_content == source.content {
                continue;
            }
            let diff = unified_diff(&path, &source.content, &new_content);
            if dry_run {
                diffs.insert(path.clone(), diff);
                outcome.applied += n;
                continue;
            }
            match write_file(Path::new(&path), &source.content, &new_content) {
                Ok(()) => {
                    outcome.applied += n;
                    wrote_any = true;
                    diffs.entry(path.clone()).or_default().push_str(&diff);
                }
                Err(e) => outcome
                    .errors
                    .push(InputError::file(path.clone(), e.to_string())),
            }
        }
        if !wrote_any && !dry_run {
            outcome.remaining = engine.run(inputs);
            break;
        }
    }
    outcome.changed = diffs.into_iter().collect();
    outcome
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(r: std::ops::Range<usize>, s: &str) -> Edit {
        Edit {
            range: r,
            replacement: s.into(),
        }
    }

    #[test]
    fn applies_in_order_and_skips_overlaps() {
        let (out, n) = apply_edits(
            "a  b,c",
            &[edit(4..5, "，"), edit(1..3, " "), edit(2..4, "X")],
        );
        assert_eq!(out, "a b，c");
        assert_eq!(n, 2);
    }

    #[test]
    fn ignores_edits_out_of_bounds_or_off_char_boundaries() {
        let (out, n) = apply_edits("主机", &[edit(1..2, "x"), edit(5..9, "y")]);
        assert_eq!(out, "主机");
        assert_eq!(n, 0);
    }

    #[test]
    fn writes_atomically_and_refuses_changed_files() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        std::fs::write(&p, "\u{feff}a  b\n").unwrap();
        write_file(&p, "a  b\n", "a b\n").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), "\u{feff}a b\n".as_bytes());
        assert!(matches!(
            write_file(&p, "a  b\n", "x"),
            Err(WriteError::ChangedOnDisk)
        ));
    }

    #[test]
    fn keeps_utf16() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        let enc = Encoding::Utf16 { big_endian: false };
        std::fs::write(&p, encode("主机,", &enc)).unwrap();
        write_file(&p, "主机,", "主机，").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), encode("主机，", &enc));
    }

    #[test]
    fn diff_shows_the_change() {
        let d = unified_diff("x.txt", "a  b\n", "a b\n");
        assert!(d.contains("-a  b") && d.contains("+a b"), "{d}");
    }
}
