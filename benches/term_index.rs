//! Term index benchmarks: building the index and matching with 1k, 10k and 100k terms.
//!
//! Aims (issue 2): a 100k-term glossary loads and indexes in under 0.5 s; on a fixed text
//! with a fixed set of occurring terms (the shipped seed glossary on the seed article),
//! adding 99k terms that do not occur costs less than 20% of matching throughput. Compare
//! `match/zh-en/100000` with `match/zh-en/base` from the same run.
//!
//! Run: `cargo bench --bench term_index`.

mod common;

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion, Throughput};
use termlint::glossary::{Glossary, TermIndex};
use termlint::lang::Lang;

use common::{syllable_word, Rng};

const SEED_ZH: &str = include_str!("../examples/seed/zh.txt");
const SEED_EN: &str = include_str!("../examples/seed/en.txt");
const SHIPPED: &str = include_str!("../glossaries/zh-en/terms.csv");

/// The 3,755 common Han characters (GB 2312 level 1), the alphabet of real Chinese terms.
/// (Characters drawn uniformly from all 20,000 CJK ideographs make an alphabet no glossary
/// has, and both automaton libraries build far slower on it.)
fn common_han() -> Vec<char> {
    let mut bytes = Vec::new();
    for hi in 0xB0u8..=0xD7 {
        for lo in 0xA1u8..=0xFE {
            bytes.extend([hi, lo]);
        }
    }
    let (text, _, _) = encoding_rs::GBK.decode(&bytes);
    text.chars()
        .filter(|c| termlint::lang::script::is_han(*c))
        .collect()
}

/// `n` zh->en rows whose terms do not occur in the seed texts: 3 to 6 common Han
/// characters (so the automaton is entered often), English renderings of 1 to 3 words.
fn zh_en_rows(n: usize) -> String {
    let han = common_han();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let en_lower = SEED_EN.to_lowercase();
    let mut out = String::with_capacity(n * 40);
    let mut made = 0;
    let mut seen = std::collections::HashSet::new();
    while made < n {
        let len = 3 + rng.below(4);
        let src: String = (0..len)
            .map(|_| han[rng.below(han.len() as u64) as usize])
            .collect();
        let words = 1 + rng.below(3);
        let tgt: Vec<String> = (0..words).map(|_| syllable_word(&mut rng)).collect();
        let tgt = tgt.join(" ");
        if SEED_ZH.contains(&src) || en_lower.contains(&tgt) || !seen.insert(src.clone()) {
            continue;
        }
        out.push_str(&format!("{src},{tgt},,\n"));
        made += 1;
    }
    out
}

/// `n` en->zh rows (English sources inflect: the harder case for building).
fn en_zh_rows(n: usize) -> String {
    let han = common_han();
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let mut out = String::with_capacity(n * 40);
    let mut seen = std::collections::HashSet::new();
    while seen.len() < n {
        let words = 1 + rng.below(3);
        let src: Vec<String> = (0..words).map(|_| syllable_word(&mut rng)).collect();
        let src = src.join(" ");
        if !seen.insert(src.clone()) {
            continue;
        }
        let tgt: String = (0..2 + rng.below(3))
            .map(|_| han[rng.below(han.len() as u64) as usize])
            .collect();
        out.push_str(&format!("{src},{tgt}\n"));
    }
    out
}

/// Load and index, as `termlint check -g` does (the entries are moved into the index).
fn load(csv: &str) -> TermIndex {
    let g = Glossary::from_csv("bench.csv", csv.as_bytes(), false).expect("bench glossary");
    TermIndex::from_entries(g.entries)
}

fn build(c: &mut Criterion) {
    let mut group = c.benchmark_group("build");
    group.sample_size(10);
    for n in [1_000usize, 10_000, 100_000] {
        for (name, csv) in [
            (
                "zh-en",
                format!("source,target,forbidden,note\n{}", zh_en_rows(n)),
            ),
            ("en-zh", format!("source,target\n{}", en_zh_rows(n))),
        ] {
            group.throughput(Throughput::Elements(n as u64));
            group.bench_with_input(BenchmarkId::new(name, n), &csv, |b, csv| {
                b.iter_with_large_drop(|| load(black_box(csv)))
            });
        }
    }
    group.finish();
}

fn matching(c: &mut Criterion) {
    let zh = Lang::parse("zh-CN");
    let en = Lang::parse("en");
    let mut group = c.benchmark_group("match");
    group.throughput(Throughput::Bytes((SEED_ZH.len() + SEED_EN.len()) as u64));
    let mut sizes: Vec<(String, String)> = vec![("base".into(), SHIPPED.to_string())];
    for n in [1_000usize, 10_000, 100_000] {
        sizes.push((n.to_string(), format!("{SHIPPED}{}", zh_en_rows(n - 22))));
    }
    for (name, csv) in sizes {
        let idx = load(&csv);
        let expected = idx.find_source(SEED_ZH, zh.as_ref()).len();
        // Warm up the lazily loaded word segmenter outside the measurement.
        assert_eq!(
            expected,
            load(SHIPPED).find_source(SEED_ZH, zh.as_ref()).len()
        );
        group.bench_function(BenchmarkId::new("zh-en", name), |b| {
            b.iter(|| {
                let s = idx.find_source(black_box(SEED_ZH), zh.as_ref());
                let t = idx.find_target(black_box(SEED_EN), en.as_ref());
                black_box((s, t))
            })
        });
    }
    group.finish();

    // The first Chinese match of a run loads jieba and adds the Han terms to it.
    let mut group = c.benchmark_group("first-match");
    group.sample_size(10);
    for n in [1_000usize, 100_000] {
        let csv = format!("{SHIPPED}{}", zh_en_rows(n - 22));
        group.bench_function(BenchmarkId::new("zh-en-jieba-load", n), |b| {
            b.iter_batched(
                || load(&csv),
                |idx| black_box(idx.find_source(SEED_ZH, zh.as_ref()).len()),
                BatchSize::PerIteration,
            )
        });
    }
    group.finish();
}

criterion_group!(benches, build, matching);
criterion_main!(benches);
