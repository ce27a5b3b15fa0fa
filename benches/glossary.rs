//! Glossary benchmarks (issue 7): loading a 100k-entry glossary as CSV and as TBX, and
//! `glossary validate` on it, against the same work on 1k entries in the same run.
//!
//! Aim: a 100k-entry TBX and CSV load and validate in well under a second each. The
//! generated glossary is en -> zh with Latin source terms of one to three made-up words
//! (so the edit-distance comparisons of validate run on every entry), Chinese renderings
//! of 2 to 5 common characters, every tenth row with a forbidden rendering and a note.
//!
//! Run: `cargo bench --bench glossary`.

mod common;

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use termlint::glossary::tbx::{self, TbxVersion};
use termlint::glossary::{validate, write, Glossary, TermIndex};
use termlint::lang::Lang;

use common::{syllable_word, Rng};

/// `n` en -> zh rows as glossary CSV.
fn csv_rows(n: usize) -> String {
    let han: Vec<char> = "的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马命张活难神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务制解各任至清物台象记边共风战干接它许八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指思非流每青管夫连远资队跟带花快条院变联言权往展该领传近留红治决周保达办运武半候七必城父强步完革深区即求品士转量空甚众技轻程告江语英基派满式李息写呢识极令黄德收脸钱党倒未持取设始版双历越史商千片容研像找友孩站广改议形委早房音火际则首单据导影失拿网香似斯专石若兵弟谁校读志飞观争究包组造落视济喜离虽坐集编宝谈府拉黑且随格尽剑讲布杀微怕母调局根曾准团段终乐切级克精哪官示冷域读".chars().collect();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut out = String::with_capacity(n * 48);
    out.push_str("source,target,forbidden,note\n");
    let mut seen = std::collections::HashSet::new();
    let mut made = 0;
    while made < n {
        let words = 1 + rng.below(3);
        let src: Vec<String> = (0..words).map(|_| syllable_word(&mut rng)).collect();
        let src = src.join(" ");
        if !seen.insert(src.clone()) {
            continue;
        }
        let len = 2 + rng.below(4);
        let tgt: String = (0..len)
            .map(|_| han[rng.below(han.len() as u64) as usize])
            .collect();
        if made % 10 == 0 {
            let bad: String = (0..len)
                .map(|_| han[rng.below(han.len() as u64) as usize])
                .collect();
            out.push_str(&format!("{src},{tgt},{bad},generated row {made}\n"));
        } else {
            out.push_str(&format!("{src},{tgt},,\n"));
        }
        made += 1;
    }
    out
}

fn bench(c: &mut Criterion) {
    let en = Lang::parse("en").unwrap();
    let zh = Lang::parse("zh-CN").unwrap();
    let mut group = c.benchmark_group("glossary");
    group.sample_size(10);
    for n in [1_000usize, 100_000] {
        let csv = csv_rows(n);
        let g = Glossary::from_csv("g.csv", csv.as_bytes(), false).unwrap();
        assert_eq!(g.entries.len(), n);
        let tbx_text = write::to_tbx(&g.entries, &en, &zh, TbxVersion::V2, false);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::new("load-csv", n), &csv, |b, csv| {
            b.iter(|| Glossary::from_csv("g.csv", black_box(csv.as_bytes()), false).unwrap())
        });
        group.bench_with_input(BenchmarkId::new("load-tbx", n), &tbx_text, |b, t| {
            b.iter(|| {
                let doc = tbx::parse_str("g.tbx", black_box(t)).unwrap();
                doc.to_glossary("g.tbx", None, None).unwrap()
            })
        });
        group.bench_with_input(BenchmarkId::new("validate", n), &g, |b, g| {
            b.iter(|| validate::validate(black_box(g)))
        });
        // The whole of issue 7's aim: load, validate and index, from CSV and from TBX.
        group.bench_with_input(
            BenchmarkId::new("load-validate-index-csv", n),
            &csv,
            |b, csv| {
                // The CLI never frees an index: neither does the measurement.
                b.iter_with_large_drop(|| {
                    let g = Glossary::from_csv("g.csv", black_box(csv.as_bytes()), false).unwrap();
                    black_box(validate::validate(&g));
                    TermIndex::from_entries(g.entries)
                })
            },
        );
        group.bench_with_input(
            BenchmarkId::new("load-validate-index-tbx", n),
            &tbx_text,
            |b, t| {
                b.iter_with_large_drop(|| {
                    let doc = tbx::parse_str("g.tbx", black_box(t)).unwrap();
                    let g = doc.to_glossary("g.tbx", None, None).unwrap();
                    black_box(validate::validate(&g));
                    TermIndex::from_entries(g.entries)
                })
            },
        );
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
