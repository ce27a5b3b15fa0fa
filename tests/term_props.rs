//! Property tests of the glossary loader and the term index.

use proptest::prelude::*;
use termlint::glossary::{Glossary, Role, TermIndex};
use termlint::lang::Lang;

fn index_of(rows: &[(String, String)]) -> TermIndex {
    let mut csv = String::from("source,target\n");
    for (s, t) in rows {
        csv.push_str(&format!("\"{s}\",\"{t}\"\n"));
    }
    let g = Glossary::from_csv("p.csv", csv.as_bytes(), false).expect("generated glossary");
    TermIndex::build(&[g])
}

/// Ranges at which concept 0 (the term under test) is found in `text`.
fn spans_of_first(idx: &TermIndex, text: &str, lang: &str) -> Vec<std::ops::Range<usize>> {
    idx.find_source(text, Lang::parse(lang).as_ref())
        .into_iter()
        .filter(|m| m.concept == 0)
        .map(|m| m.range)
        .collect()
}

/// Other terms that can never occur in texts made of letters a-m and digits: letters n-z.
fn others(n: usize) -> Vec<(String, String)> {
    (0..n)
        .map(|i| {
            let mut s = String::new();
            let mut k = i;
            loop {
                s.push((b'n' + (k % 13) as u8) as char);
                k /= 13;
                if k == 0 {
                    break;
                }
            }
            (format!("{s}z"), format!("t{i}"))
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// A term inserted between word boundaries in random text is always found there.
    #[test]
    fn inserted_latin_term_is_found(
        words in prop::collection::vec("[a-m]{1,8}", 0..12),
        term in "[a-m]{2,8}( [a-m]{2,8}){0,2}",
        at in 0usize..12,
        capital in any::<bool>(),
    ) {
        let at = at.min(words.len());
        let mut shown = term.clone();
        if capital {
            shown[..1].make_ascii_uppercase();
        }
        let before = words[..at].join(" ");
        let after = words[at..].join(" ");
        let text = format!("{before}{}{shown}{}{after}",
            if before.is_empty() { "" } else { " " },
            if after.is_empty() { "" } else { ", " });
        let start = before.len() + usize::from(!before.is_empty());
        let idx = index_of(&[(term.clone(), "x".into())]);
        let spans = spans_of_first(&idx, &text, "en");
        prop_assert!(
            spans.iter().any(|r| r.start <= start && start + shown.len() <= r.end),
            "{term:?} not found at {start} in {text:?}: {spans:?}"
        );
    }

    /// The same for Chinese terms between punctuation.
    #[test]
    fn inserted_chinese_term_is_found(
        before in "[一-龥]{0,10}",
        term in "[一-龥]{2,5}",
        after in "[一-龥]{0,10}",
    ) {
        let text = format!("{before}，{term}。{after}");
        let start = before.len() + '，'.len_utf8();
        let idx = index_of(&[(term.clone(), "x".into())]);
        let spans = spans_of_first(&idx, &text, "zh");
        prop_assert!(
            spans.contains(&(start..start + term.len())),
            "{term:?} not found in {text:?}: {spans:?}"
        );
    }

    /// Loading never panics on arbitrary bytes, and what loads can be indexed and matched.
    #[test]
    fn loading_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..400), tab in any::<bool>(), text in ".{0,60}") {
        if let Ok(g) = Glossary::from_csv("fuzz.csv", &bytes, tab) {
            let idx = TermIndex::build(&[g]);
            let _ = idx.find_source(&text, None);
            let _ = idx.find_target(&text, None);
        }
    }

    /// Loading text that looks like a glossary never panics either.
    #[test]
    fn loading_csv_like_text_never_panics(rows in prop::collection::vec("[a-z主机|,\"\t ]{0,20}", 0..10)) {
        let text = format!("source,target,forbidden,case,match\n{}", rows.join("\n"));
        if let Ok(g) = Glossary::from_csv("fuzz.csv", text.as_bytes(), false) {
            let idx = TermIndex::build(&[g]);
            let _ = idx.find_source(&text, None);
            let _ = idx.find_target(&text, None);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    /// Matching a term gives the same spans whether the glossary holds 10 or 10,000 other
    /// (non-overlapping) terms.
    #[test]
    fn matching_independent_of_glossary_size(
        words in prop::collection::vec("[a-m0-9]{1,8}", 1..30),
        term in "[a-m]{2,8}( [a-m]{2,8}){0,1}",
        at in 0usize..30,
    ) {
        let at = at.min(words.len());
        let mut ws = words.clone();
        ws.insert(at, term.clone());
        let text = ws.join(" ");
        let mut small = vec![(term.clone(), "x".to_string())];
        small.extend(others(10));
        let mut large = vec![(term.clone(), "x".to_string())];
        large.extend(others(10_000));
        let a = spans_of_first(&index_of(&small), &text, "en");
        let b = spans_of_first(&index_of(&large), &text, "en");
        prop_assert!(!a.is_empty());
        prop_assert_eq!(a, b);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Searching the target for the approved renderings of a few concepts (without the
    /// automaton over all of them) finds exactly what the full search finds for those
    /// concepts, and every forbidden rendering, inflected forms included.
    #[test]
    fn target_search_for_some_concepts_agrees_with_the_full_search(
        rows in prop::collection::vec(("[a-f]{1,3}", "[a-f]{1,4}( [a-f]{1,4}){0,1}", "([a-f]{2,4})?"), 1..12),
        words in prop::collection::vec(("[a-f]{1,5}", 0usize..12, 0u8..4), 0..25),
        wanted in prop::collection::vec(0usize..12, 0..4),
    ) {
        // Each word is random, or a row's rendering (approved or forbidden), or its
        // plural: most texts hold several terms, inflected ones among them.
        let words: Vec<String> = words
            .into_iter()
            .map(|(w, row, how)| {
                let (_, t, f) = &rows[row % rows.len()];
                match how {
                    0 => w,
                    1 => t.clone(),
                    2 => format!("{t}s"),
                    _ if f.is_empty() => w,
                    _ => format!("{f}s"),
                }
            })
            .collect();
        let mut csv = String::from("source,target,forbidden\n");
        for (i, (s, t, f)) in rows.iter().enumerate() {
            csv.push_str(&format!("{s}{i},{t},{f}\n"));
        }
        let g = Glossary::from_csv("p.csv", csv.as_bytes(), false).expect("generated glossary");
        let idx = TermIndex::build(&[g]);
        let text = words.join(" ");
        let en = Lang::parse("en");
        let mut wanted = wanted;
        wanted.sort_unstable();
        wanted.dedup();
        let key = |m: &termlint::glossary::TermMatch| {
            (m.range.clone(), m.concept, m.role, m.index, m.inflection, m.exact_case, m.cuts_word)
        };
        let full: Vec<_> = idx
            .find_target(&text, en.as_ref())
            .iter()
            .filter(|m| m.role != Role::Approved || wanted.contains(&m.concept))
            .map(key)
            .collect();
        let some: Vec<_> = idx.find_target_for(&text, en.as_ref(), &wanted).iter().map(key).collect();
        prop_assert_eq!(full, some);
    }
}
