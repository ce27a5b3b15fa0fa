//! Property tests of the glossary loader and the term index.

use proptest::prelude::*;
use termlint::glossary::{Glossary, TermIndex};
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
