//! Count glossary term hits in a list of texts with the term index, against a naive
//! case-insensitive substring count. Used by `scripts/eval_git_terms.sh`.
//!
//! Usage: `cargo run --release --example term_hits -- GLOSSARY TEXTS LANG`
//! where TEXTS holds one text per line (newlines inside a text written as `\n`).

use std::collections::HashMap;

use termlint::glossary::{Glossary, Role, TermIndex};
use termlint::lang::Lang;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 4 {
        eprintln!("usage: term_hits GLOSSARY TEXTS LANG");
        std::process::exit(2);
    }
    let glossary = match Glossary::load(std::path::Path::new(&args[1])) {
        Ok(g) => g,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let texts = std::fs::read_to_string(&args[2]).expect("read texts");
    let lang = Lang::parse(&args[3]);
    let t0 = std::time::Instant::now();
    let index = TermIndex::build(std::slice::from_ref(&glossary));
    let build = t0.elapsed();
    let texts: Vec<String> = texts.lines().map(|l| l.replace("\\n", "\n")).collect();

    let t1 = std::time::Instant::now();
    let mut index_hits: HashMap<&str, usize> = HashMap::new();
    let mut index_total = 0;
    let mut texts_with_hit = 0;
    for t in &texts {
        let ms = index.find_source(t, lang.as_ref());
        if !ms.is_empty() {
            texts_with_hit += 1;
        }
        for m in ms {
            index_total += 1;
            *index_hits
                .entry(index.concepts[m.concept].terms(Role::Source)[m.index].as_str())
                .or_default() += 1;
        }
    }
    let matching = t1.elapsed();

    let mut naive_hits: HashMap<&str, usize> = HashMap::new();
    let mut naive_total = 0;
    let mut sources: Vec<&str> = index
        .concepts
        .iter()
        .flat_map(|c| c.sources.iter().map(String::as_str))
        .collect();
    sources.sort();
    sources.dedup();
    let lowered: Vec<String> = texts.iter().map(|t| t.to_lowercase()).collect();
    for s in &sources {
        let needle = s.to_lowercase();
        let n: usize = lowered.iter().map(|t| t.matches(&needle).count()).sum();
        naive_total += n;
        naive_hits.insert(s, n);
    }

    println!("texts: {}", texts.len());
    println!("terms (distinct sources): {}", sources.len());
    println!("index: {index_total} term hits in {texts_with_hit} texts");
    println!("naive substring: {naive_total} hits");
    println!(
        "index build {:.1} ms, matching {:.1} ms ({:.1} MB/s)",
        build.as_secs_f64() * 1e3,
        matching.as_secs_f64() * 1e3,
        texts.iter().map(String::len).sum::<usize>() as f64 / matching.as_secs_f64() / 1e6
    );
    let mut diffs: Vec<(&str, usize, usize)> = sources
        .iter()
        .map(|s| (*s, naive_hits[s], index_hits.get(s).copied().unwrap_or(0)))
        .filter(|(_, n, i)| n != i)
        .collect();
    diffs.sort_by_key(|(_, n, i)| std::cmp::Reverse(n.abs_diff(*i)));
    println!("largest differences (term: naive vs index):");
    for (s, n, i) in diffs.iter().take(15) {
        println!("  {s}: {n} vs {i}");
    }
}
