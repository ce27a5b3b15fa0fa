//! Throughput of the English checks (`merged-words`, `punctuation-spacing`,
//! `repeated-word`, `leftover-source-script`) on about 3 MB of English, against a baseline
//! measured in the same run: tokenizing the same text.
//!
//! The text is generated deterministically from the embedded word list (words drawn by
//! frequency, sentences of 5 to 25 words, one merged pair in about 200 words), cut into 300
//! documents of about 10 kB so that per-document vocabulary work is counted too.

mod common;

use std::sync::Arc;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use termlint::checks::RuleSettings;
use termlint::config::Options;
use termlint::formats::LoadOptions;
use termlint::lang::Lang;
use termlint::segment::{Document, Escaping, Segment, SourceFile, Text};
use termlint::Engine;

use common::Rng;

fn vocabulary() -> Vec<&'static str> {
    include_str!("../data/en-words.txt")
        .lines()
        .skip(1)
        .filter_map(|l| l.split_once(' '))
        .filter(|(w, z)| {
            z.parse::<u8>().unwrap_or(0) >= 30 && w.bytes().all(|b| b.is_ascii_lowercase())
        })
        .map(|(w, _)| w)
        .take(30_000)
        .collect()
}

fn corpus(docs: usize, doc_bytes: usize) -> Vec<String> {
    let vocab = vocabulary();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut out = Vec::with_capacity(docs);
    for _ in 0..docs {
        let mut doc = String::with_capacity(doc_bytes + 200);
        while doc.len() < doc_bytes {
            let n = 5 + rng.below(21) as usize;
            for i in 0..n {
                // Zipf-like: a low index is much likelier.
                let r = rng.below(vocab.len() as u64) as usize;
                let w = vocab[rng.below(r as u64 + 1) as usize];
                if i == 0 {
                    let mut c = w.chars();
                    let first = c.next().unwrap().to_ascii_uppercase();
                    doc.push(first);
                    doc.push_str(c.as_str());
                } else {
                    doc.push_str(w);
                }
                if i + 1 < n {
                    if rng.below(200) == 0 {
                        continue; // a lost space
                    }
                    doc.push(if rng.below(12) == 0 { ',' } else { ' ' });
                    if doc.ends_with(',') {
                        doc.push(' ');
                    }
                }
            }
            doc.push_str(if rng.below(8) == 0 { ".\n\n" } else { ". " });
        }
        out.push(doc);
    }
    out
}

fn documents(texts: &[String]) -> Vec<Document> {
    texts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let file = Arc::new(SourceFile::new(
                format!("doc{i}.txt"),
                t.clone(),
                Escaping::None,
            ));
            let mut segments = Vec::new();
            let mut pos = 0;
            for (k, para) in t.split("\n\n").enumerate() {
                segments.push(Segment::new(
                    (k + 1).to_string(),
                    None,
                    Some(Text::verbatim(para, 0, pos)),
                ));
                pos += para.len() + 2;
            }
            Document {
                files: vec![file],
                format: "text",
                source_lang: None,
                target_lang: Lang::parse("en"),
                segments,
            }
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let texts = corpus(300, 10_000);
    let bytes: usize = texts.iter().map(|t| t.len()).sum();
    let docs = documents(&texts);
    let options = Options::default();
    let load = LoadOptions::default();
    let mut group = c.benchmark_group("english");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.bench_function("baseline: tokenize", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| termlint::lang::tokens::tokens(t).len())
                .sum::<usize>()
        })
    });
    for rules in [
        vec!["merged-words"],
        vec![
            "merged-words",
            "punctuation-spacing",
            "repeated-word",
            "leftover-source-script",
        ],
    ] {
        let mut settings = RuleSettings::defaults();
        let names: Vec<String> = rules.iter().map(|s| s.to_string()).collect();
        settings.select(&names).unwrap();
        let engine = Engine {
            rules: &settings,
            terms: None,
            options: &options,
            load: &load,
            keep_documents: false,
        };
        group.bench_function(rules.join("+"), |b| {
            b.iter(|| engine.check_documents(&docs).findings.len())
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
