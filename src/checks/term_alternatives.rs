//! `term-alternatives`: one glossary concept rendered with different admitted alternatives
//! across the run.

use std::collections::HashMap;
use std::ops::Range;

use super::term_inconsistent::{allowed, excerpt, SegRef};
use super::{make_diagnostic, Check, Fixable, RuleMeta, RunCtx};
use crate::diagnostic::{Diagnostic, Severity};
use crate::glossary::{Role, TermIndex};
use crate::segment::{Document, Side};

/// The `term-alternatives` rule.
pub static TERM_ALTERNATIVES: RuleMeta = RuleMeta {
    name: "term-alternatives",
    default_severity: Severity::Info,
    summary: "one glossary concept rendered with different admitted alternatives across the input",
    doc: "## What it does\n\
For every glossary concept with more than one approved rendering (`target` column\n\
`malware|malicious program`, or several rows with one `id`), counts which rendering each\n\
segment of the run uses where the concept's source term occurs in the source (in\n\
monolingual documents: wherever a rendering occurs in the text). When one concept is\n\
rendered with two or more alternatives, each occurrence of an alternative other than the\n\
most used one is reported at its own place, with the most used one as suggestion and,\n\
in the note, every alternative with its count (the glossary's preferred one marked).\n\
Ties go to the alternative met first in input order.\n\n\
## Why\n\
Alternatives are admitted so that a translator can choose, not so that one text says\n\
`malware` in one paragraph and `malicious program` in the next. Mixing them makes a\n\
reader wonder whether two things are meant.\n\n\
## Example\n\
Glossary row `恶意程序,malware|malicious program`:\n\
```\n\
… controlled by malware …            (2 times)\n\
… the malicious program was found …  <- info, suggestion: malware\n\
```\n\n\
## Options\n\
None; it needs a glossary (`-g`). Severity `info` by default.\n\n\
## Fix safety\n\
No fix: choosing the house rendering is an editorial decision.",
    fixable: Fixable::No,
};

/// Reports concepts rendered with several admitted alternatives.
pub struct TermAlternatives;

/// One rendering found: which alternative, where.
struct Found {
    alt: u32,
    at: SegRef,
    range: Range<usize>,
}

impl TermAlternatives {
    /// The approved renderings of multi-rendering concepts used in each segment.
    fn collect(
        terms: &TermIndex,
        docs: &[Document],
        run: &RunCtx<'_>,
    ) -> HashMap<usize, Vec<Found>> {
        let mut by_concept: HashMap<usize, Vec<Found>> = HashMap::new();
        let eligible = |c: usize| terms.concepts[c].has_alternatives();
        // Most glossaries give one rendering per concept: then no segment can use an
        // alternative, and searching every source for terms would find nothing to report.
        if !(0..terms.concepts.len()).any(eligible) {
            return by_concept;
        }
        for (di, doc) in docs.iter().enumerate() {
            for (si, seg) in doc.segments.iter().enumerate() {
                if !allowed(run, &TERM_ALTERNATIVES, seg) {
                    continue;
                }
                let Some(target) = seg.target.as_ref() else {
                    continue;
                };
                if target.value.is_empty() {
                    continue;
                }
                // Concepts the source asks for (all, in monolingual documents).
                let wanted: Option<Vec<usize>> = seg.source.as_ref().map(|s| {
                    let mut v: Vec<usize> = terms
                        .find_source(&s.value, doc.source_lang.as_ref())
                        .into_iter()
                        .map(|m| m.concept)
                        .filter(|&c| eligible(c))
                        .collect();
                    v.sort_unstable();
                    v.dedup();
                    v
                });
                if wanted.as_ref().is_some_and(|w| w.is_empty()) {
                    continue;
                }
                let found = match &wanted {
                    Some(w) => terms.find_target_for(&target.value, doc.target_lang.as_ref(), w),
                    None => terms.find_target(&target.value, doc.target_lang.as_ref()),
                };
                for m in found {
                    if m.role != Role::Approved || m.cuts_word || !eligible(m.concept) {
                        continue;
                    }
                    if wanted
                        .as_ref()
                        .is_some_and(|w| w.binary_search(&m.concept).is_err())
                    {
                        continue;
                    }
                    by_concept.entry(m.concept).or_default().push(Found {
                        alt: m.index as u32,
                        at: SegRef {
                            doc: di as u32,
                            seg: si as u32,
                        },
                        range: m.range,
                    });
                }
            }
        }
        by_concept
    }
}

impl Check for TermAlternatives {
    fn uses_glossary(&self) -> bool {
        true
    }

    fn rules(&self) -> &'static [&'static RuleMeta] {
        static RULES: [&RuleMeta; 1] = [&TERM_ALTERNATIVES];
        &RULES
    }

    fn corpus_pass(&self, run: &RunCtx<'_>) -> bool {
        run.rules.enabled(TERM_ALTERNATIVES.name)
    }

    fn check_corpus(&self, docs: &[Document], run: &RunCtx<'_>, out: &mut Vec<Diagnostic>) {
        if !self.corpus_pass(run) {
            return;
        }
        let Some(terms) = run.terms else { return };
        let severity = run.rules.severity(TERM_ALTERNATIVES.name);
        let mut concepts: Vec<(usize, Vec<Found>)> =
            Self::collect(terms, docs, run).into_iter().collect();
        concepts.sort_by_key(|(c, _)| *c);
        for (concept, mut found) in concepts {
            found.sort_by_key(|f| (f.at, f.range.start));
            // A segment that uses two admitted renderings together (a long form with its
            // abbreviation, `… Coordination Center of China (CNCERT/CC)`) introduces one by
            // the other: it is consistent with either, so it counts for neither.
            // `found` is sorted by segment, so each segment's renderings are adjacent.
            let mut keep = vec![true; found.len()];
            let mut start = 0;
            while start < found.len() {
                let end = start
                    + found[start..]
                        .iter()
                        .take_while(|f| f.at == found[start].at)
                        .count();
                let group = &found[start..end];
                if group.iter().any(|f| f.alt != group[0].alt) {
                    keep[start..end].iter_mut().for_each(|k| *k = false);
                }
                start = end;
            }
            let mut keep = keep.into_iter();
            found.retain(|_| keep.next().unwrap_or(true));
            // Alternatives in order of first use, then by count (stable: ties keep it).
            let mut ranked: Vec<(u32, usize)> = Vec::new();
            for f in &found {
                match ranked.iter_mut().find(|(a, _)| *a == f.alt) {
                    Some((_, n)) => *n += 1,
                    None => ranked.push((f.alt, 1)),
                }
            }
            if ranked.len() < 2 {
                continue;
            }
            ranked.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
            let c = &terms.concepts[concept];
            let name = |alt: u32| c.targets[alt as usize].as_str();
            let major = ranked[0].0;
            let note = format!(
                "renderings of \"{}\" in this run: {}",
                c.sources.first().map_or("", |s| s.as_str()),
                ranked
                    .iter()
                    .map(|(a, n)| format!(
                        "\"{}\" ×{n}{}",
                        name(*a),
                        if *a == 0 { " (preferred)" } else { "" }
                    ))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            for f in found.iter().filter(|f| f.alt != major) {
                let (doc, seg) = f.at.get(docs);
                let Some(target) = seg.target.as_ref() else {
                    continue;
                };
                let mut d = make_diagnostic(
                    doc,
                    target,
                    TERM_ALTERNATIVES.name,
                    severity,
                    Side::Target,
                    f.range.clone(),
                    format!(
                        "\"{}\" is rendered \"{}\" here and mostly \"{}\" elsewhere (both admitted)",
                        excerpt(c.sources.first().map_or("", |s| s.as_str()), 40),
                        &target.value[f.range.clone()],
                        name(major)
                    ),
                    Some(seg.id.clone()),
                );
                d.suggestion = Some(name(major).to_string());
                d.note = Some(note.clone());
                out.push(d);
            }
        }
    }
}

#[cfg(test)]
mod mixed_tests {
    use crate::checks::testing::{findings_of, run_pair};
    use crate::config::Options;
    use crate::glossary::{Glossary, TermEntry, TermIndex};

    #[test]
    fn a_long_form_with_its_abbreviation_is_not_an_alternative() {
        let entry = TermEntry {
            source: "美国中央情报局".into(),
            targets: vec!["Central Intelligence Agency".into(), "CIA".into()],
            ..Default::default()
        };
        let g = Glossary {
            entries: vec![entry],
            ..Default::default()
        };
        let index = TermIndex::build(&[g]);
        let d = run_pair(
            Some(("zh", "美国中央情报局的组织")),
            (
                "en",
                "an organization of the US Central Intelligence Agency (CIA)",
            ),
            Some(&index),
            &Options::default(),
        );
        assert!(findings_of(&d, "term-alternatives").is_empty(), "{d:?}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::term_inconsistent::tests::{doc, run_with};
    use crate::config::Options;
    use crate::glossary::{Glossary, TermEntry};
    use crate::lang::Lang;

    fn index(rows: &[(&str, &[&str])]) -> TermIndex {
        let g = Glossary {
            path: "g.csv".into(),
            entries: rows
                .iter()
                .enumerate()
                .map(|(i, (s, t))| TermEntry {
                    source: s.to_string(),
                    targets: t.iter().map(|x| x.to_string()).collect(),
                    origin: crate::glossary::Origin {
                        file: "g.csv".into(),
                        line: i + 2,
                    },
                    ..Default::default()
                })
                .collect(),
            warnings: Vec::new(),
        };
        TermIndex::build(&[g])
    }

    fn zh_en(path: &str, units: &[(&str, &str)]) -> Document {
        let u: Vec<_> = units.iter().map(|(s, t)| (None, Some(*s), *t)).collect();
        let mut d = doc(path, "en", &u);
        d.source_lang = Lang::parse("zh");
        d
    }

    #[test]
    fn flags_the_less_used_admitted_alternative() {
        let terms = index(&[("恶意程序", &["malware", "malicious program"])]);
        let a = zh_en(
            "a.txt",
            &[
                ("计算机恶意程序控制服务器", "servers controlled by malware"),
                ("清除恶意程序", "remove the malware"),
            ],
        );
        let b = zh_en(
            "b.txt",
            &[("发现恶意程序", "a malicious program was found")],
        );
        let d = run_with(
            &TermAlternatives,
            &[a, b],
            &Options::default(),
            Some(&terms),
        );
        assert_eq!(d.len(), 1, "{d:#?}");
        assert_eq!(d[0].file, "b.txt");
        assert_eq!(d[0].text, "malicious program");
        assert_eq!(d[0].severity, Severity::Info);
        assert_eq!(d[0].suggestion.as_deref(), Some("malware"));
        assert!(d[0]
            .note
            .as_deref()
            .unwrap()
            .contains("\"malware\" ×2 (preferred), \"malicious program\" ×1"));
    }

    #[test]
    fn one_alternative_throughout_is_fine() {
        let terms = index(&[("恶意程序", &["malware", "malicious program"])]);
        let a = zh_en(
            "a.txt",
            &[
                ("清除恶意程序", "remove the malicious program"),
                ("发现恶意程序", "a malicious program was found"),
            ],
        );
        assert!(run_with(&TermAlternatives, &[a], &Options::default(), Some(&terms)).is_empty());
    }

    #[test]
    fn a_rendering_without_its_source_term_does_not_count() {
        let terms = index(&[("恶意程序", &["malware", "malicious program"])]);
        let a = zh_en(
            "a.txt",
            &[
                ("清除恶意程序", "remove the malware"),
                (
                    "这是一个程序",
                    "this malicious program is not in the source",
                ),
            ],
        );
        assert!(run_with(&TermAlternatives, &[a], &Options::default(), Some(&terms)).is_empty());
    }

    #[test]
    fn monolingual_documents_count_renderings_in_the_text() {
        let terms = index(&[("恶意程序", &["malware", "malicious program"])]);
        let a = doc(
            "en.txt",
            "en",
            &[
                (None, None, "Malware spreads. The malware hides."),
                (None, None, "A malicious program was found."),
            ],
        );
        let d = run_with(&TermAlternatives, &[a], &Options::default(), Some(&terms));
        assert_eq!(
            d.iter().map(|d| d.text.as_str()).collect::<Vec<_>>(),
            vec!["malicious program"]
        );
    }

    #[test]
    fn nothing_without_a_glossary() {
        let a = zh_en("a.txt", &[("清除恶意程序", "remove the malware")]);
        assert!(run_with(&TermAlternatives, &[a], &Options::default(), None).is_empty());
    }
}
