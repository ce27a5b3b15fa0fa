//! `term-alternatives`: one glossary concept rendered with different admitted alternatives
//! across the run.

use std::collections::HashMap;
use std::ops::Range;

use super::term_inconsistent::{allowed, excerpt};
use super::{make_diagnostic, Check, Chunk, Fixable, Kept, RuleMeta, RunCtx, StreamedPass};
use crate::diagnostic::{Diagnostic, Severity};
use crate::glossary::{Role, TermIndex};
use crate::segment::{Document, Segment, Side};

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

/// One rendering found in a segment: which concept and alternative, where.
#[derive(Debug, Clone)]
struct Found {
    concept: u32,
    alt: u32,
    /// The segment's position in its chunk.
    seg: u32,
    range: Range<usize>,
}

/// Whether concept `c` has more than one approved rendering.
fn eligible(terms: &TermIndex, c: usize) -> bool {
    terms.concepts[c].has_alternatives()
}

/// The approved renderings of multi-rendering concepts that `seg` uses, in the order the
/// glossary finds them, with position `at`. A segment that uses two renderings of one
/// concept together (a long form with its abbreviation, `… Coordination Center of China
/// (CNCERT/CC)`) introduces one by the other: it is consistent with either, so that
/// concept's renderings in it count for neither and are left out.
fn found_in(
    terms: &TermIndex,
    doc: &Document,
    seg: &Segment,
    at: u32,
    run: &RunCtx<'_>,
) -> Vec<Found> {
    let mut out = Vec::new();
    if !allowed(run, &TERM_ALTERNATIVES, seg) {
        return out;
    }
    let Some(target) = seg.target.as_ref() else {
        return out;
    };
    if target.value.is_empty() {
        return out;
    }
    // Concepts the source asks for (all, in monolingual documents).
    let wanted: Option<Vec<usize>> = seg.source.as_ref().map(|s| {
        let mut v: Vec<usize> = terms
            .find_source(&s.value, doc.source_lang.as_ref())
            .into_iter()
            .map(|m| m.concept)
            .filter(|&c| eligible(terms, c))
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    });
    if wanted.as_ref().is_some_and(|w| w.is_empty()) {
        return out;
    }
    let found = match &wanted {
        Some(w) => terms.find_target_for(&target.value, doc.target_lang.as_ref(), w),
        None => terms.find_target(&target.value, doc.target_lang.as_ref()),
    };
    for m in found {
        if m.role != Role::Approved || m.cuts_word || !eligible(terms, m.concept) {
            continue;
        }
        if wanted
            .as_ref()
            .is_some_and(|w| w.binary_search(&m.concept).is_err())
        {
            continue;
        }
        out.push(Found {
            concept: m.concept as u32,
            alt: m.index as u32,
            seg: at,
            range: m.range,
        });
    }
    // By concept, then place (stable: matches at one place keep the glossary's order).
    out.sort_by_key(|f| (f.concept, f.range.start));
    let mut start = 0;
    let mut keep = vec![true; out.len()];
    while start < out.len() {
        let end = start
            + out[start..]
                .iter()
                .take_while(|f| f.concept == out[start].concept)
                .count();
        let group = &out[start..end];
        if group.iter().any(|f| f.alt != group[0].alt) {
            keep[start..end].iter_mut().for_each(|k| *k = false);
        }
        start = end;
    }
    let mut keep = keep.into_iter();
    out.retain(|_| keep.next().unwrap_or(true));
    out
}

/// Alternatives of one concept in order of first use, with their counts.
type Ranked = Vec<(u32, usize)>;

/// Count `alt` in `ranked`.
fn count(ranked: &mut Ranked, alt: u32, n: usize) {
    match ranked.iter_mut().find(|(a, _)| *a == alt) {
        Some((_, m)) => *m += n,
        None => ranked.push((alt, n)),
    }
}

/// What the run says of a concept rendered with two alternatives or more: the most used
/// (ties to the one met first) and the note listing them all.
struct Verdict {
    major: u32,
    note: String,
}

impl Verdict {
    /// The verdict on `concept` from its alternatives in order of first use, `None` when
    /// only one is used.
    fn of(terms: &TermIndex, concept: usize, mut ranked: Ranked) -> Option<Verdict> {
        if ranked.len() < 2 {
            return None;
        }
        ranked.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
        let c = &terms.concepts[concept];
        let note = format!(
            "renderings of \"{}\" in this run: {}",
            c.sources.first().map_or("", |s| s.as_str()),
            ranked
                .iter()
                .map(|(a, n)| format!(
                    "\"{}\" ×{n}{}",
                    c.targets[*a as usize].as_str(),
                    if *a == 0 { " (preferred)" } else { "" }
                ))
                .collect::<Vec<_>>()
                .join(", ")
        );
        Some(Verdict {
            major: ranked[0].0,
            note,
        })
    }

    /// The finding on rendering `f` (not the major one) of `seg`.
    fn finding(
        &self,
        terms: &TermIndex,
        doc: &Document,
        seg: &Segment,
        f: &Found,
        run: &RunCtx<'_>,
    ) -> Option<Diagnostic> {
        let c = &terms.concepts[f.concept as usize];
        let major = c.targets[self.major as usize].as_str();
        let target = seg.target.as_ref()?;
        let mut d = make_diagnostic(
            doc,
            target,
            TERM_ALTERNATIVES.name,
            run.rules.severity(TERM_ALTERNATIVES.name),
            Side::Target,
            f.range.clone(),
            format!(
                "\"{}\" is rendered \"{}\" here and mostly \"{}\" elsewhere (both admitted)",
                excerpt(c.sources.first().map_or("", |s| s.as_str()), 40),
                &target.value[f.range.clone()],
                major
            ),
            Some(seg.id().into_owned()),
        );
        d.suggestion = Some(major.to_string());
        d.note = Some(self.note.clone());
        Some(d)
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

    fn streamed_pass(&self, run: &RunCtx<'_>, _docs: &[Document]) -> Option<Box<dyn StreamedPass>> {
        if !run.rules.enabled(TERM_ALTERNATIVES.name) {
            return None;
        }
        let terms = run.terms?;
        // Most glossaries give one rendering per concept: then no segment can use an
        // alternative, and searching every source for terms would find nothing to report.
        if !(0..terms.concepts.len()).any(|c| eligible(terms, c)) {
            return None;
        }
        Some(Box::new(AlternativesPass {
            verdicts: HashMap::new(),
            flagged: HashMap::new(),
        }))
    }
}

/// The pass, in two sweeps: the first finds the renderings, counts them per concept in
/// order of first use and keeps each one's place (16 bytes and a range); the second
/// reports those of an alternative other than the most used one.
struct AlternativesPass {
    /// After the first sweep: the concepts rendered with two alternatives or more.
    verdicts: HashMap<u32, Verdict>,
    /// After the first sweep: by chunk ordinal, the renderings to report, by concept
    /// then place.
    flagged: HashMap<usize, Vec<Found>>,
}

/// What the first sweep keeps of a chunk: per concept, its alternatives in order of first
/// use in the chunk with their counts; the renderings found, by concept then place.
struct Renderings {
    ordinal: usize,
    counts: Vec<(u32, Ranked)>,
    found: Vec<Found>,
}

impl StreamedPass for AlternativesPass {
    fn sweeps(&self) -> usize {
        2
    }

    fn visit(
        &self,
        sweep: usize,
        chunk: &Chunk<'_>,
        run: &RunCtx<'_>,
        out: &mut Vec<Diagnostic>,
    ) -> Option<Kept> {
        let terms = run.terms?;
        if sweep == 1 {
            for f in self.flagged.get(&chunk.ordinal)? {
                let seg = &chunk.segments[f.seg as usize];
                let verdict = &self.verdicts[&f.concept];
                out.extend(verdict.finding(terms, chunk.doc, seg, f, run));
            }
            return None;
        }
        let mut found: Vec<Found> = Vec::new();
        for (i, seg) in chunk.segments.iter().enumerate() {
            found.extend(found_in(terms, chunk.doc, seg, i as u32, run));
        }
        if found.is_empty() {
            return None;
        }
        // By concept, then place (stable: segments stay in order).
        found.sort_by_key(|f| f.concept);
        let mut counts: Vec<(u32, Ranked)> = Vec::new();
        for f in &found {
            match counts.last_mut() {
                Some((c, ranked)) if *c == f.concept => count(ranked, f.alt, 1),
                _ => counts.push((f.concept, vec![(f.alt, 1)])),
            }
        }
        Some(Box::new(Renderings {
            ordinal: chunk.ordinal,
            counts,
            found,
        }))
    }

    fn after_sweep(
        &mut self,
        sweep: usize,
        _docs: &[Document],
        kept: Vec<Kept>,
        run: &RunCtx<'_>,
        _out: &mut Vec<Diagnostic>,
    ) {
        let Some(terms) = run.terms else { return };
        if sweep != 0 {
            return;
        }
        let chunks: Vec<Renderings> = kept
            .into_iter()
            .map(|k| {
                *k.downcast::<Renderings>()
                    .expect("the pass keeps renderings")
            })
            .collect();
        let mut ranked: HashMap<u32, Ranked> = HashMap::new();
        for r in &chunks {
            for (concept, counts) in &r.counts {
                let total = ranked.entry(*concept).or_default();
                for &(alt, n) in counts {
                    count(total, alt, n);
                }
            }
        }
        self.verdicts = ranked
            .into_iter()
            .filter_map(|(c, r)| Some((c, Verdict::of(terms, c as usize, r)?)))
            .collect();
        for r in chunks {
            let flagged: Vec<Found> = r
                .found
                .into_iter()
                .filter(|f| {
                    self.verdicts
                        .get(&f.concept)
                        .is_some_and(|v| v.major != f.alt)
                })
                .collect();
            if !flagged.is_empty() {
                self.flagged.insert(r.ordinal, flagged);
            }
        }
    }
}

/// The check as it was, over whole documents: the oracle of the streamed pass.
#[cfg(test)]
pub(crate) mod oracle {
    use super::*;

    /// One rendering found: which alternative, where (document, segment).
    struct OldFound {
        alt: u32,
        at: (usize, usize),
        range: Range<usize>,
    }

    /// The approved renderings of multi-rendering concepts used in each segment.
    fn collect(
        terms: &TermIndex,
        docs: &[Document],
        run: &RunCtx<'_>,
    ) -> HashMap<usize, Vec<OldFound>> {
        let mut by_concept: HashMap<usize, Vec<OldFound>> = HashMap::new();
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
                    by_concept.entry(m.concept).or_default().push(OldFound {
                        alt: m.index as u32,
                        at: (di, si),
                        range: m.range,
                    });
                }
            }
        }
        by_concept
    }

    /// The findings over all `docs` together.
    pub(crate) fn check_all(docs: &[Document], run: &RunCtx<'_>, out: &mut Vec<Diagnostic>) {
        let Some(terms) = run.terms else { return };
        let severity = run.rules.severity(TERM_ALTERNATIVES.name);
        let mut concepts: Vec<(usize, Vec<OldFound>)> =
            collect(terms, docs, run).into_iter().collect();
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
                let doc = &docs[f.at.0];
                let seg = &doc.segments[f.at.1];
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
                    Some(seg.id().into_owned()),
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
    use crate::checks::leftover_script::streamed_testing::{doc as doc_of, run_chunked, Unit};
    use crate::checks::RuleSettings;
    use crate::config::Options;
    use crate::glossary::{Glossary, TermEntry};

    /// A document of (context, source, target) units in English.
    fn doc(path: &str, lang: &str, units: &[(Option<&str>, Option<&str>, &str)]) -> Document {
        let u: Vec<Unit<'_>> = units
            .iter()
            .map(|(c, s, t)| (*c, *s, *t, &[][..]))
            .collect();
        doc_of(path, "en", lang, &u)
    }

    /// The pass over `docs`, one chunk of a segment at a time, checked against the oracle.
    fn run_with(
        check: &TermAlternatives,
        docs: &[Document],
        options: &Options,
        terms: Option<&TermIndex>,
    ) -> Vec<Diagnostic> {
        let settings = RuleSettings::defaults();
        let run = RunCtx {
            rules: &settings,
            terms,
            options,
        };
        let got = run_chunked(check, docs, &run, 1);
        let mut want = Vec::new();
        oracle::check_all(docs, &run, &mut want);
        want.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        assert!(got == want, "{got:#?}\n{want:#?}");
        got
    }

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
        let u: Vec<Unit<'_>> = u.iter().map(|(c, s, t)| (*c, *s, *t, &[][..])).collect();
        doc_of(path, "zh", "en", &u)
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
        assert_eq!(&*d[0].file, "b.txt");
        assert_eq!(&*d[0].text, "malicious program");
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
            d.iter().map(|d| &*d.text).collect::<Vec<_>>(),
            vec!["malicious program"]
        );
    }

    #[test]
    fn nothing_without_a_glossary() {
        let a = zh_en("a.txt", &[("清除恶意程序", "remove the malware")]);
        assert!(run_with(&TermAlternatives, &[a], &Options::default(), None).is_empty());
    }
}

#[cfg(test)]
mod streamed_tests {
    use super::*;
    use crate::checks::leftover_script::streamed_testing::{doc, run_chunked, Unit};
    use crate::checks::testing::{generated_texts, pseudo_random};
    use crate::checks::RuleSettings;
    use crate::config::Options;
    use crate::glossary::{Glossary, TermEntry};

    #[test]
    fn the_streamed_pass_finds_what_the_whole_documents_gave() {
        let rows: [(&str, &[&str]); 4] = [
            ("恶意程序", &["malware", "malicious program"]),
            ("服务器", &["server", "host"]),
            ("文件", &["file", "document", "doc"]),
            ("文档", &["document"]),
        ];
        let g = Glossary {
            entries: rows
                .iter()
                .map(|(s, t)| TermEntry {
                    source: s.to_string(),
                    targets: t.iter().map(|x| x.to_string()).collect(),
                    ..Default::default()
                })
                .collect(),
            ..Default::default()
        };
        let terms = TermIndex::build(&[g]);
        let targets = generated_texts(
            &[
                "the malware ",
                "a malicious program ",
                "the server ",
                "this host ",
                "a file ",
                "the document ",
                "doc ",
                "and ",
                "files ",
            ],
            3,
            900,
            5,
        );
        let sources = [
            "恶意程序和服务器",
            "文件",
            "文档和文件",
            "服务器",
            "没有",
            "恶意程序文件",
        ];
        let mut pick = pseudo_random(5);
        let suppressed: &[&str] = &["term-alternatives"];
        let mut docs = Vec::new();
        for (j, group) in targets.chunks(61).enumerate() {
            let units: Vec<Unit<'_>> = group
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    let s: &[&str] = if i % 19 == 7 { suppressed } else { &[] };
                    let src = (j % 4 != 3).then(|| sources[pick(sources.len())]);
                    (None, src, t.as_str(), s)
                })
                .collect();
            docs.push(doc(&format!("{j}.txt"), "zh", "en", &units));
        }
        let settings = RuleSettings::defaults();
        let options = Options::default();
        let run = RunCtx {
            rules: &settings,
            terms: Some(&terms),
            options: &options,
        };
        let mut want = Vec::new();
        oracle::check_all(&docs, &run, &mut want);
        want.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        assert!(want.len() > 50, "{}", want.len());
        for len in [1, 7, 512] {
            let got = run_chunked(&TermAlternatives, &docs, &run, len);
            assert!(got == want, "{len}: {} against {}", got.len(), want.len());
        }
    }
}
