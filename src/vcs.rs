//! `--changed-since REV`: the files, and for PO and XLIFF the entries, changed since a git
//! revision (committed, staged or not, plus untracked files).

use std::collections::{HashMap, HashSet};
use std::ops::RangeInclusive;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::config::normalize;
use crate::diagnostic::Diagnostic;
use crate::segment::Document;

/// Formats whose findings are narrowed to the entries whose lines changed.
const ENTRY_FORMATS: &[&str] = &["po", "xliff"];

/// What changed in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileChange {
    /// New (untracked or added) or otherwise wholly changed.
    All,
    /// These 1-based lines of the current file were added or modified, or border a deletion.
    Lines(Vec<RangeInclusive<usize>>),
}

/// The changes since a revision, keyed by absolute normalised path.
#[derive(Debug, Default)]
pub struct Changes {
    files: HashMap<PathBuf, FileChange>,
}

fn git(dir: &Path, args: &[&str]) -> Result<Vec<u8>, String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "core.quotepath=off"])
        .args(args)
        .output()
        .map_err(|e| format!("--changed-since: cannot run git: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "--changed-since: git {} failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    Ok(out.stdout)
}

/// Undo git's C-style quoting of a path in diff headers (`"a\tb"`).
fn unquote(s: &str) -> String {
    let Some(inner) = s.strip_prefix('"').and_then(|s| s.strip_suffix('"')) else {
        return s.to_string();
    };
    let mut bytes = Vec::new();
    let mut it = inner.bytes().peekable();
    while let Some(b) = it.next() {
        if b != b'\\' {
            bytes.push(b);
            continue;
        }
        match it.next() {
            Some(b'n') => bytes.push(b'\n'),
            Some(b't') => bytes.push(b'\t'),
            Some(b'"') => bytes.push(b'"'),
            Some(b'\\') => bytes.push(b'\\'),
            Some(d @ b'0'..=b'7') => {
                let mut v = u32::from(d - b'0');
                for _ in 0..2 {
                    if let Some(&n @ b'0'..=b'7') = it.peek() {
                        v = v * 8 + u32::from(n - b'0');
                        it.next();
                    }
                }
                bytes.push(v as u8);
            }
            Some(other) => bytes.push(other),
            None => {}
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Parse `@@ -a,b +c,d @@` into the touched new-file lines.
fn hunk_lines(header: &str) -> Option<RangeInclusive<usize>> {
    let plus = header.split_whitespace().find(|w| w.starts_with('+'))?;
    let mut it = plus[1..].split(',');
    let start: usize = it.next()?.parse().ok()?;
    let count: usize = match it.next() {
        Some(c) => c.parse().ok()?,
        None => 1,
    };
    Some(if count == 0 {
        // A pure deletion after line `start`: the lines on either side are touched.
        start.max(1)..=start + 1
    } else {
        start..=start + count - 1
    })
}

/// Parse `git diff -U0` output into changed lines per file (paths relative to the top).
fn parse_diff(diff: &str) -> HashMap<String, Vec<RangeInclusive<usize>>> {
    let mut out: HashMap<String, Vec<RangeInclusive<usize>>> = HashMap::new();
    let mut current: Option<String> = None;
    for line in diff.lines() {
        if let Some(rest) = line.strip_prefix("+++ ") {
            let path = unquote(rest.trim_end());
            current = path.strip_prefix("b/").map(String::from);
            if let Some(p) = &current {
                out.entry(p.clone()).or_default();
            }
        } else if line.starts_with("diff --git ") {
            current = None;
        } else if line.starts_with("@@ ") {
            if let (Some(p), Some(r)) = (&current, hunk_lines(line)) {
                out.entry(p.clone()).or_default().push(r);
            }
        }
    }
    out
}

impl Changes {
    /// Ask git, from `dir`, what changed since `rev`.
    pub fn since(rev: &str, dir: &Path) -> Result<Changes, String> {
        if rev.starts_with('-') {
            return Err(format!("--changed-since: `{rev}` is not a revision"));
        }
        let top = git(dir, &["rev-parse", "--show-toplevel"])?;
        let top = PathBuf::from(String::from_utf8_lossy(&top).trim());
        git(
            dir,
            &[
                "rev-parse",
                "--verify",
                "--quiet",
                &format!("{rev}^{{commit}}"),
            ],
        )
        .map_err(|_| format!("--changed-since: `{rev}` is not a commit in this repository"))?;
        let diff = git(
            &top,
            &[
                "diff",
                "-U0",
                "--no-color",
                "--no-ext-diff",
                "--no-renames",
                "--src-prefix=a/",
                "--dst-prefix=b/",
                rev,
                "--",
            ],
        )?;
        let mut files = HashMap::new();
        for (path, lines) in parse_diff(&String::from_utf8_lossy(&diff)) {
            let change = if lines.is_empty() {
                FileChange::All
            } else {
                FileChange::Lines(lines)
            };
            files.insert(normalize(&top.join(path)), change);
        }
        let untracked = git(&top, &["ls-files", "--others", "--exclude-standard", "-z"])?;
        for p in untracked.split(|&b| b == 0).filter(|p| !p.is_empty()) {
            let p = String::from_utf8_lossy(p);
            files.insert(normalize(&top.join(p.as_ref())), FileChange::All);
        }
        Ok(Changes { files })
    }

    fn abs(path: &Path) -> PathBuf {
        let cwd = std::env::current_dir().unwrap_or_default();
        let p = normalize(&cwd.join(path));
        // git reports paths under the real top-level folder; follow symlinks in the folder.
        match (p.parent(), p.file_name()) {
            (Some(dir), Some(name)) => dir
                .canonicalize()
                .map(|d| d.join(name))
                .unwrap_or_else(|_| p.clone()),
            _ => p,
        }
    }

    /// What changed in `path` (as given on the command line), if anything.
    pub fn file(&self, path: &Path) -> Option<&FileChange> {
        self.files.get(&Changes::abs(path))
    }

    /// Whether `path` changed.
    pub fn changed(&self, path: &Path) -> bool {
        self.file(path).is_some()
    }

    /// Keep the findings in changed files, and for PO and XLIFF only those in entries whose
    /// lines changed. An entry spans from the line after the previous entry's last string
    /// to its own last string, so its comments and flags count as its lines.
    pub fn filter(&self, docs: &[Document], findings: &mut Vec<Diagnostic>) {
        let mut changed_segments: HashSet<(String, String)> = HashSet::new();
        let mut narrowed: HashSet<String> = HashSet::new();
        for doc in docs.iter().filter(|d| ENTRY_FORMATS.contains(&d.format)) {
            for (fid, file) in doc.files.iter().enumerate() {
                let Some(FileChange::Lines(lines)) = self.file(Path::new(&file.path)) else {
                    continue;
                };
                narrowed.insert(file.path.clone());
                let mut spans: Vec<(usize, usize, std::borrow::Cow<str>)> = doc
                    .segments
                    .iter()
                    .filter_map(|s| {
                        let texts = [s.source.as_ref(), s.target.as_ref()];
                        let ranges: Vec<_> = texts
                            .iter()
                            .flatten()
                            .filter(|t| t.file == fid)
                            .map(|t| t.file_span(0..t.value.len()))
                            .collect();
                        let start = ranges.iter().map(|r| r.start).min()?;
                        let end = ranges.iter().map(|r| r.end).max()?;
                        Some((file.line_of(start), file.line_of(end), s.id()))
                    })
                    .collect();
                spans.sort();
                let mut prev_end = 0;
                for (start, end, id) in spans {
                    let first = (prev_end + 1).min(start);
                    if lines.iter().any(|r| *r.start() <= end && first <= *r.end()) {
                        changed_segments.insert((file.path.clone(), id.to_string()));
                    }
                    prev_end = prev_end.max(end);
                }
            }
        }
        findings.retain(|d| {
            if !self.changed(Path::new(&*d.file)) && !narrowed.contains(&*d.file) {
                // A finding in the untouched source file of a changed pair stays.
                return docs.iter().any(|doc| {
                    doc.files.iter().any(|f| f.path == *d.file)
                        && doc.files.iter().any(|f| self.changed(Path::new(&f.path)))
                });
            }
            if narrowed.contains(&*d.file) {
                return d.segment.as_ref().is_some_and(|s| {
                    changed_segments.contains(&(d.file.to_string(), s.to_string()))
                });
            }
            true
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hunks_give_new_file_lines() {
        assert_eq!(hunk_lines("@@ -3,2 +3,4 @@ x"), Some(3..=6));
        assert_eq!(hunk_lines("@@ -3 +3 @@"), Some(3..=3));
        assert_eq!(hunk_lines("@@ -5,1 +4,0 @@"), Some(4..=5));
        assert_eq!(hunk_lines("@@ -1,1 +0,0 @@"), Some(1..=1));
    }

    #[test]
    fn diff_headers_and_quoting() {
        let d = "diff --git a/x.po b/x.po\n--- a/x.po\n+++ b/x.po\n@@ -2 +2 @@\n-a\n+b\n\
                 diff --git \"a/t\\tb.po\" \"b/t\\tb.po\"\n--- \"a/t\\tb.po\"\n+++ \"b/t\\tb.po\"\n@@ -1 +1,2 @@\n\
                 diff --git a/gone.po b/gone.po\n--- a/gone.po\n+++ /dev/null\n@@ -1 +0,0 @@\n";
        let m = parse_diff(d);
        assert_eq!(m["x.po"], vec![2..=2]);
        assert_eq!(m["t\tb.po"], vec![1..=2]);
        assert!(!m.contains_key("gone.po"));
        assert_eq!(unquote("\"\\344\\270\\255.po\""), "中.po");
    }
}
