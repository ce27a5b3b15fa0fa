//! Baselines: today's findings recorded in a file (`--write-baseline FILE`) so that later runs
//! report only what is new (`--baseline FILE`).
//!
//! A finding is keyed by rule, file (relative to the baseline file's folder), the segment's
//! identity and the finding's text, never by line numbers, so the key survives entries or
//! paragraphs being moved. The segment identity is a hash of its context, source and target
//! texts, plus the segment id for formats whose ids are stable names (PO msgctxt+msgid,
//! XLIFF unit ids; not paragraph numbers). The baseline is a multiset: two identical findings
//! recorded once each absorb two findings today, a third is new.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::config::normalize;
use crate::diagnostic::Diagnostic;
use crate::segment::Document;

/// Formats whose segment ids stay the same when entries move.
const STABLE_ID_FORMATS: &[&str] = &["po", "xliff"];

/// 64-bit FNV-1a: stable across platforms and versions, unlike the standard hasher.
fn fnv1a(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            h ^= 0xff;
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        for b in p.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    h
}

#[derive(Debug, Clone)]
struct SegmentInfo {
    hash: String,
    stable_id: bool,
}

/// What the baseline needs to know about every segment of a run: its text hash, and whether
/// its id is a stable name.
#[derive(Debug, Default)]
pub struct SegmentIndex {
    map: HashMap<(String, String), SegmentInfo>,
}

impl SegmentIndex {
    /// Index the segments of `docs` under every file of their document.
    pub fn build(docs: &[Document]) -> SegmentIndex {
        let mut texts: HashMap<(String, String), (Vec<String>, bool)> = HashMap::new();
        for doc in docs {
            let stable = STABLE_ID_FORMATS.contains(&doc.format);
            for seg in &doc.segments {
                let text = [
                    seg.context().unwrap_or(""),
                    seg.source.as_ref().map_or("", |t| t.as_str()),
                    seg.target.as_ref().map_or("", |t| t.as_str()),
                ]
                .join("\u{0}");
                for f in &doc.files {
                    texts
                        .entry((f.path.clone(), seg.id().into_owned()))
                        .or_insert_with(|| (Vec::new(), stable))
                        .0
                        .push(text.clone());
                }
            }
        }
        let map = texts
            .into_iter()
            .map(|(k, (t, stable_id))| {
                let parts: Vec<&str> = t.iter().map(String::as_str).collect();
                (
                    k,
                    SegmentInfo {
                        hash: format!("{:016x}", fnv1a(&parts)),
                        stable_id,
                    },
                )
            })
            .collect();
        SegmentIndex { map }
    }
}

/// One recorded finding.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Entry {
    /// Rule name.
    pub rule: String,
    /// File, relative to the baseline file's folder, `/`-separated.
    pub file: String,
    /// Segment id, for formats where it is a stable name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub segment: Option<String>,
    /// Hash of the segment's context, source and target.
    pub segment_hash: String,
    /// The text the finding covers.
    pub text: String,
    /// The message, for people reading the file (not compared).
    #[serde(default, skip_serializing)]
    pub message: String,
}

#[derive(Serialize, Deserialize)]
struct FileEntry {
    rule: String,
    file: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    segment: Option<String>,
    segment_hash: String,
    text: String,
    #[serde(default)]
    message: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BaselineFile {
    version: u32,
    findings: Vec<FileEntry>,
}

/// A set of known findings.
#[derive(Debug, Default)]
pub struct Baseline {
    /// The entries (a multiset), sorted.
    pub entries: Vec<Entry>,
    dir: PathBuf,
}

/// `path` relative to `base` (both made absolute against the working directory), lexically.
pub fn relative_path(path: &Path, base: &Path) -> String {
    let cwd = std::env::current_dir().unwrap_or_default();
    let p = normalize(&cwd.join(path));
    let b = normalize(&cwd.join(base));
    let pc: Vec<_> = p.components().collect();
    let bc: Vec<_> = b.components().collect();
    let common = pc.iter().zip(&bc).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = std::iter::repeat("..".to_string())
        .take(bc.len() - common)
        .collect();
    parts.extend(
        pc[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    parts.join("/")
}

fn dir_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

impl Baseline {
    fn key(&self, d: &Diagnostic, index: &SegmentIndex) -> Entry {
        let info = d
            .segment
            .as_ref()
            .and_then(|s| index.map.get(&(d.file.to_string(), s.to_string())));
        Entry {
            rule: d.rule.to_string(),
            file: relative_path(Path::new(&*d.file), &self.dir),
            segment: match info {
                Some(i) if i.stable_id => d.segment.as_deref().map(str::to_string),
                _ => None,
            },
            segment_hash: info.map_or_else(String::new, |i| i.hash.clone()),
            text: d.text.to_string(),
            message: String::new(),
        }
    }

    /// A baseline of `findings`, to be written to `path`.
    pub fn from_findings(findings: &[Diagnostic], index: &SegmentIndex, path: &Path) -> Baseline {
        let mut b = Baseline {
            entries: Vec::new(),
            dir: dir_of(path),
        };
        let mut entries: Vec<Entry> = findings
            .iter()
            .map(|d| Entry {
                message: d.message.to_string(),
                ..b.key(d, index)
            })
            .collect();
        entries.sort();
        b.entries = entries;
        b
    }

    /// Write as JSON.
    pub fn write(&self, path: &Path) -> std::io::Result<()> {
        let file = BaselineFile {
            version: 1,
            findings: self
                .entries
                .iter()
                .map(|e| FileEntry {
                    rule: e.rule.clone(),
                    file: e.file.clone(),
                    segment: e.segment.clone(),
                    segment_hash: e.segment_hash.clone(),
                    text: e.text.clone(),
                    message: e.message.clone(),
                })
                .collect(),
        };
        let mut text = serde_json::to_string_pretty(&file).map_err(std::io::Error::other)?;
        text.push('\n');
        std::fs::write(path, text)
    }

    /// Read a baseline file.
    pub fn load(path: &Path) -> Result<Baseline, String> {
        let shown = path.display();
        let text =
            std::fs::read_to_string(path).map_err(|e| format!("{shown}: cannot read: {e}"))?;
        let file: BaselineFile = serde_json::from_str(&text).map_err(|e| {
            format!(
                "{shown}:{}:{}: not a termlint baseline: {e}",
                e.line(),
                e.column()
            )
        })?;
        if file.version != 1 {
            return Err(format!(
                "{shown}: baseline version {} is not supported (expected 1)",
                file.version
            ));
        }
        Ok(Baseline {
            entries: file
                .findings
                .into_iter()
                .map(|f| Entry {
                    rule: f.rule,
                    file: f.file,
                    segment: f.segment,
                    segment_hash: f.segment_hash,
                    text: f.text,
                    message: String::new(),
                })
                .collect(),
            dir: dir_of(path),
        })
    }

    /// Keep the findings the baseline does not account for; returns how many it absorbed.
    pub fn filter(&self, findings: &mut Vec<Diagnostic>, index: &SegmentIndex) -> usize {
        let mut known: HashMap<Entry, usize> = HashMap::new();
        for e in &self.entries {
            *known.entry(e.clone()).or_default() += 1;
        }
        let before = findings.len();
        findings.retain(|d| match known.get_mut(&self.key(d, index)) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        });
        before - findings.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths() {
        assert_eq!(relative_path(Path::new("a/b.po"), Path::new(".")), "a/b.po");
        assert_eq!(relative_path(Path::new("a/b.po"), Path::new("a")), "b.po");
        assert_eq!(
            relative_path(Path::new("x/b.po"), Path::new("a")),
            "../x/b.po"
        );
    }

    #[test]
    fn hashes_are_stable_and_separate_parts() {
        assert_eq!(fnv1a(&["a"]), 0xaf63_dc4c_8601_ec8c);
        assert_ne!(fnv1a(&["ab", "c"]), fnv1a(&["a", "bc"]));
    }
}
