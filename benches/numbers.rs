//! Number extraction throughput on real-sized text: the seed article (Chinese and English)
//! and software-message-like lines, against a baseline in the same run (a plain scan for
//! ASCII digits over the same bytes), so the ratio is what to watch.

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use termlint::lang::numbers::{extract, Mode};
use termlint::lang::Lang;

fn corpus() -> (String, String) {
    let zh = include_str!("../examples/seed/zh.txt");
    let en = include_str!("../examples/seed/en.txt");
    let msgs_en = "Usernames must be no more than 32 bytes in length.\n\
        Please enter a number from 1 to %i: \n\
        Please migrate it to version 0.6 (or higher).\n\
        The screenshot caption is too long (should be <= 100 characters)\n\
        about 5.31 million hosts, the top three, twenty-one days, in the 1990s\n";
    let msgs_zh = "用户名长度不得超过 32 个字节。\n请输入一个 1 到 %i 之间的数字：\n\
        请迁移至 0.6 版本（或更高）。\n一些国家进一步加强了统一管理，两岸关系与一带一路。\n\
        2020年7月20日，约5.2万个，三成用户，打八折，百分之五，七八个人，90年代。\n";
    (
        format!("{zh}\n{msgs_zh}").repeat(20),
        format!("{en}\n{msgs_en}").repeat(20),
    )
}

fn bench(c: &mut Criterion) {
    let (zh, en) = corpus();
    let zh_lang = Lang::parse("zh-CN");
    let en_lang = Lang::parse("en");
    let mut g = c.benchmark_group("numbers");
    for (name, text, lang) in [("zh", &zh, &zh_lang), ("en", &en, &en_lang)] {
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(format!("baseline_digit_scan_{name}"), |b| {
            b.iter(|| {
                black_box(text)
                    .bytes()
                    .filter(|b| b.is_ascii_digit())
                    .count()
            })
        });
        g.bench_function(format!("extract_strict_{name}"), |b| {
            b.iter(|| {
                black_box(text)
                    .lines()
                    .map(|l| extract(l, lang.as_ref(), Mode::Strict).len())
                    .sum::<usize>()
            })
        });
        g.bench_function(format!("extract_lenient_{name}"), |b| {
            b.iter(|| {
                black_box(text)
                    .lines()
                    .map(|l| extract(l, lang.as_ref(), Mode::Lenient).len())
                    .sum::<usize>()
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
