//! `termlint glossary coverage`: how a glossary meets a corpus. For every concept: the
//! segments whose source has one of its terms (found by the [`TermIndex`], so with the
//! same matching rules as `check`), and in those segments which approved renderings the
//! target uses, which forbidden ones, and how often it has none of them; then the concepts
//! that never occur and the most violated ones (forbidden rendering or none). Last, the
//! frequent source phrases that have no entry: what [`super::extract`] mines from the same
//! corpus, skipping every term the glossary already has, most frequent first.

use std::io::Write;

use serde::Serialize;

use super::index::Role;
use super::TermIndex;
use crate::formats::{Input, LoadOptions};
use crate::segment::Document;

/// What one concept met in the corpus.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ConceptCoverage {
    /// The concept's source terms.
    pub sources: Vec<String>,
    /// Its approved renderings (the preferred first).
    pub targets: Vec<String>,
    /// Glossary file and line of its first row.
    pub origin: String,
    /// Segments whose source has one of the terms.
    pub occurrences: usize,
    /// Approved renderings found in those segments' targets, with counts.
    pub approved_used: Vec<(String, usize)>,
    /// Forbidden renderings found, with counts.
    pub forbidden_used: Vec<(String, usize)>,
    /// Segments whose target has none of the approved renderings.
    pub missing: usize,
    /// The first such segment (`file` `id`), to look at.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub missing_example: Option<String>,
}

impl ConceptCoverage {
    /// Segments with a forbidden rendering or no approved one.
    pub fn violations(&self) -> usize {
        self.missing + self.forbidden_used.iter().map(|(_, n)| *n).sum::<usize>()
    }
}

/// The coverage of one run.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Coverage {
    /// Segments with a source and a non-empty target.
    pub segments: usize,
    /// One entry per concept with source terms, in glossary order.
    pub concepts: Vec<ConceptCoverage>,
    /// Frequent source phrases with no entry, most frequent first.
    pub uncovered: Vec<Uncovered>,
}

/// A recurring source phrase that no glossary entry covers.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Uncovered {
    /// The phrase.
    pub source: String,
    /// The rendering the corpus gives it most consistently.
    pub target: String,
    /// Segments whose source has it.
    pub frequency: usize,
    /// The evidence (`aligned`, `acronym`, `parenthesised`, `do-not-translate`).
    pub kind: &'static str,
    /// `file:line: source text` of a segment with it.
    pub example: String,
}

/// The `limit` most frequent source phrases of `docs` that `index` has no entry for,
/// as `glossary extract` finds them (recurring, with a consistent rendering).
pub fn uncovered(index: &TermIndex, docs: &[Document], limit: usize) -> Vec<Uncovered> {
    if limit == 0 {
        return Vec::new();
    }
    let mut cands = super::extract::extract(docs, Some(index), &Default::default());
    cands.sort_by(|a, b| {
        b.frequency
            .cmp(&a.frequency)
            .then(b.score.total_cmp(&a.score))
            .then_with(|| a.source.cmp(&b.source))
    });
    cands
        .into_iter()
        .take(limit)
        .map(|c| Uncovered {
            source: c.source,
            target: c.target,
            frequency: c.frequency,
            kind: c.kind.name(),
            example: c.example,
        })
        .collect()
}

fn bump(list: &mut Vec<(String, usize)>, key: &str) {
    match list.iter_mut().find(|(k, _)| k == key) {
        Some((_, n)) => *n += 1,
        None => list.push((key.to_string(), 1)),
    }
}

/// Count the concepts of `index` in the bilingual segments of `docs`.
pub fn measure(index: &TermIndex, docs: &[Document]) -> Coverage {
    let mut cov = Coverage {
        segments: 0,
        uncovered: Vec::new(),
        concepts: index
            .concepts
            .iter()
            .map(|c| ConceptCoverage {
                sources: c.sources.clone(),
                targets: c.targets.clone(),
                origin: c
                    .entries
                    .first()
                    .map(|&e| {
                        let o = &index.entries[e].origin;
                        format!("{}:{}", o.file, o.line)
                    })
                    .unwrap_or_default(),
                ..Default::default()
            })
            .collect(),
    };
    for doc in docs {
        for seg in &doc.segments {
            let (Some(src), Some(tgt)) = (&seg.source, &seg.target) else {
                continue;
            };
            if tgt.value.trim().is_empty() {
                continue;
            }
            cov.segments += 1;
            let mut seen: Vec<usize> = index
                .find_source(&src.value, doc.source_lang.as_ref())
                .iter()
                .filter(|m| m.role == Role::Source)
                .map(|m| m.concept)
                .collect();
            seen.sort_unstable();
            seen.dedup();
            if seen.is_empty() {
                continue;
            }
            let in_target = index.find_target_for(&tgt.value, doc.target_lang.as_ref(), &seen);
            for c in seen {
                let concept = &index.concepts[c];
                if concept.target_only {
                    continue;
                }
                let cc = &mut cov.concepts[c];
                cc.occurrences += 1;
                let mut approved = false;
                for m in in_target.iter().filter(|m| m.concept == c) {
                    match m.role {
                        Role::Approved => {
                            approved = true;
                            bump(&mut cc.approved_used, &concept.targets[m.index]);
                        }
                        Role::Forbidden if !m.cuts_word => {
                            bump(&mut cc.forbidden_used, &concept.forbidden[m.index]);
                        }
                        _ => {}
                    }
                }
                if concept.do_not_translate
                    && concept
                        .sources
                        .iter()
                        .any(|s| tgt.value.contains(s.as_str()))
                {
                    approved = true;
                }
                if !approved {
                    cc.missing += 1;
                    if cc.missing_example.is_none() {
                        let whole = seg.id();
                        let first = whole.trim().lines().next().unwrap_or("");
                        let mut id: String = first.chars().take(60).collect();
                        if id.len() < whole.trim().len() {
                            id.push('…');
                        }
                        cc.missing_example = Some(format!("{}: {id}", doc.display_path()));
                    }
                }
            }
        }
    }
    cov.concepts.retain(|c| !c.sources.is_empty());
    for c in &mut cov.concepts {
        c.approved_used.sort_by_key(|x| std::cmp::Reverse(x.1));
        c.forbidden_used.sort_by_key(|x| std::cmp::Reverse(x.1));
    }
    cov
}

fn list(v: &[(String, usize)]) -> String {
    v.iter()
        .map(|(k, n)| format!("{k} ×{n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Human-readable report: totals, the `top` most violated concepts, every occurring
/// concept with its renderings, and the concepts that never occur.
pub fn human(cov: &Coverage, top: usize) -> String {
    let occurring = cov.concepts.iter().filter(|c| c.occurrences > 0).count();
    let total = cov.concepts.len();
    let mut s = format!(
        "{occurring} of {total} concepts occur in {} segments ({:.0}%); {} never occur\n",
        cov.segments,
        if total == 0 {
            0.0
        } else {
            occurring as f64 * 100.0 / total as f64
        },
        total - occurring
    );
    let mut worst: Vec<&ConceptCoverage> =
        cov.concepts.iter().filter(|c| c.violations() > 0).collect();
    worst.sort_by_key(|c| std::cmp::Reverse(c.violations()));
    if !worst.is_empty() {
        s.push_str(
            "
most violated (forbidden rendering, or none of the approved):
",
        );
        for c in worst.iter().take(top) {
            s.push_str(&format!(
                "  {:>5}/{:<5} {} -> {}{}{}  [{}]\n",
                c.violations(),
                c.occurrences,
                c.sources.join("|"),
                c.targets.join("|"),
                if c.forbidden_used.is_empty() {
                    String::new()
                } else {
                    format!("; forbidden used: {}", list(&c.forbidden_used))
                },
                c.missing_example
                    .as_ref()
                    .map(|e| format!("; e.g. {e}"))
                    .unwrap_or_default(),
                c.origin
            ));
        }
    }
    s.push_str("\noccurring concepts (segments; renderings found):\n");
    let mut occ: Vec<&ConceptCoverage> =
        cov.concepts.iter().filter(|c| c.occurrences > 0).collect();
    occ.sort_by_key(|c| std::cmp::Reverse(c.occurrences));
    for c in occ {
        s.push_str(&format!(
            "  {:>5} {}: {}{}{}\n",
            c.occurrences,
            c.sources.join("|"),
            if c.approved_used.is_empty() {
                "no approved rendering".to_string()
            } else {
                list(&c.approved_used)
            },
            if c.forbidden_used.is_empty() {
                String::new()
            } else {
                format!("; forbidden {}", list(&c.forbidden_used))
            },
            if c.missing > 0 {
                format!("; none ×{}", c.missing)
            } else {
                String::new()
            }
        ));
    }
    let never: Vec<String> = cov
        .concepts
        .iter()
        .filter(|c| c.occurrences == 0)
        .map(|c| c.sources.join("|"))
        .collect();
    if !never.is_empty() {
        s.push_str(&format!(
            "\nnever occurring ({}):\n  {}\n",
            never.len(),
            never.join(", ")
        ));
    }
    if !cov.uncovered.is_empty() {
        s.push_str(
            "\nfrequent source phrases with no entry (segments; rendering found; \
             `glossary extract` writes them all as CSV to review):\n",
        );
        for u in &cov.uncovered {
            s.push_str(&format!(
                "  {:>5} {} -> {}  [{}]\n",
                u.frequency, u.source, u.target, u.kind
            ));
        }
    }
    s
}

/// `glossary coverage -g GLOSSARY... INPUT...`: load the glossaries and inputs, measure,
/// report. Exit 2 if a glossary or an input cannot be read (the rest is still reported).
pub fn run(
    glossaries: &[String],
    inputs: &[Input],
    load: &LoadOptions,
    json: bool,
    top: usize,
    out: &mut dyn Write,
) -> u8 {
    let (gs, mut errors) = super::load_all(
        glossaries,
        load.source_lang.as_ref(),
        load.target_lang.as_ref(),
    );
    let index = TermIndex::build(&gs);
    let docs = super::load_inputs(inputs, load, &mut errors);
    let mut cov = measure(&index, &docs);
    cov.uncovered = uncovered(&index, &docs, top);
    for e in &errors {
        eprintln!("termlint: error: {e}");
    }
    let text = if json {
        serde_json::to_string_pretty(&serde_json::json!({
            "version": 1,
            "segments": cov.segments,
            "concepts": cov.concepts,
            "uncovered": cov.uncovered,
            "errors": errors,
        }))
        .unwrap_or_default()
            + "\n"
    } else {
        human(&cov, top)
    };
    super::finish_report(&text, None, out, &errors)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::Align;
    use crate::lang::Lang;

    /// An en->zh-CN line-aligned document of `en` and `zh`, and an index of `csv`.
    fn setup(en_text: &str, zh_text: &str, csv: &str) -> (TermIndex, Document) {
        let dir = tempfile::tempdir().unwrap();
        let en = dir.path().join("en.txt");
        let zh = dir.path().join("zh.txt");
        std::fs::write(&en, en_text).unwrap();
        std::fs::write(&zh, zh_text).unwrap();
        let g = crate::glossary::Glossary::from_csv("g.csv", csv.as_bytes(), false).unwrap();
        let load = LoadOptions {
            source_lang: Lang::parse("en"),
            target_lang: Lang::parse("zh-CN"),
            align: Align::Lines,
            ..Default::default()
        };
        let doc = crate::formats::load(
            &Input::Pair {
                source: en.display().to_string(),
                target: zh.display().to_string(),
            },
            &load,
        )
        .unwrap();
        (TermIndex::build(&[g]), doc)
    }

    #[test]
    fn counts_renderings_forbidden_missing_and_never() {
        let (index, doc) = setup(
            "Commit the hunk.\nAmend the commit.\nAnother commit.\nNo terms here.\n",
            "提交该补丁片段。\n修补该承诺。\n另一个提交记录。\n这里没有术语。\n",
            "source,target,forbidden\ncommit,提交|提交记录,承诺\nhunk,补丁片段,\namend,修订,修补\nbranch,分支,\n",
        );
        let cov = measure(&index, &[doc]);
        assert_eq!(cov.segments, 4);
        let by = |s: &str| cov.concepts.iter().find(|c| c.sources[0] == s).unwrap();
        let commit = by("commit");
        assert_eq!(commit.occurrences, 3);
        assert_eq!(commit.forbidden_used, [("承诺".to_string(), 1)]);
        assert_eq!(commit.missing, 1);
        assert!(
            commit.approved_used.contains(&("提交".to_string(), 2)),
            "{commit:?}"
        );
        let amend = by("amend");
        assert_eq!((amend.occurrences, amend.missing), (1, 1));
        assert_eq!(amend.forbidden_used, [("修补".to_string(), 1)]);
        assert_eq!(by("hunk").missing, 0);
        assert_eq!(by("branch").occurrences, 0);
        let h = human(&cov, 10);
        assert!(h.contains("3 of 4 concepts occur in 4 segments"), "{h}");
        assert!(h.contains("never occurring (1):\n  branch"), "{h}");
    }

    #[test]
    fn lists_frequent_phrases_without_an_entry_and_not_those_with_one() {
        let (index, doc) = setup(
            "Add the file to the staging area.\nThe staging area is empty.\n\
             Commit the staging area.\nCommit everything.\nShow the staging area.\n",
            "将文件添加到暂存区。\n暂存区为空。\n提交暂存区。\n提交所有内容。\n显示暂存区。\n",
            "source,target\ncommit,提交\n",
        );
        let docs = [doc];
        let found = uncovered(&index, &docs, 10);
        let staging = found
            .iter()
            .find(|u| u.source == "staging area")
            .unwrap_or_else(|| panic!("{found:?}"));
        assert_eq!((staging.target.as_str(), staging.frequency), ("暂存区", 4));
        assert!(
            !found.iter().any(|u| u.source.contains("ommit")),
            "{found:?}"
        );
        assert!(uncovered(&index, &docs, 0).is_empty());
        let mut cov = measure(&index, &docs);
        cov.uncovered = found;
        let h = human(&cov, 10);
        assert!(h.contains("frequent source phrases with no entry"), "{h}");
        assert!(h.contains("4 staging area -> 暂存区"), "{h}");
    }
}
