//! Throughput of `cjk-punctuation` and `cjk-spacing` on mixed Chinese/English lines,
//! against the `double-space` check (a single byte scan) as the baseline of the same run.
//!
//! Input: the zh_CN msgstr lines extracted by `scripts/extract_msgstr.py` when the file named
//! by `TERMLINT_CJK_BENCH_INPUT` exists, else the seed paragraph and a few catalog-like lines
//! repeated to about 2 MB.

use std::sync::Arc;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use termlint::checks::RuleSettings;
use termlint::config::{CjkSpacing, Options};
use termlint::formats::LoadOptions;
use termlint::lang::Lang;
use termlint::segment::{Document, Escaping, Segment, SourceFile, Text};
use termlint::Engine;

const SAMPLE: &str = concat!(
    include_str!("../examples/seed/zh.txt"),
    "\n",
    "是否删除 %s?\n",
    "用法: git commit [<选项>] [--] <路径规格>...\n",
    "请访问 https://example.org/help 获取帮助,或运行 `git help`.\n",
    "分离头指针(HEAD)状态,使用 git switch -c <新分支名> 创建分支\n",
    "文件(&F)\n",
    "插入U盘后,在Linux上运行 make 命令\n",
    "下载了 %d 个文件,共 5.2 MB\n",
    "This line is plain English, with commas, and full stops.\n",
);

fn document() -> Document {
    let content = match std::env::var("TERMLINT_CJK_BENCH_INPUT") {
        Ok(p) if std::path::Path::new(&p).exists() => {
            std::fs::read_to_string(&p).expect("bench input is UTF-8")
        }
        _ => SAMPLE.repeat(2_000_000 / SAMPLE.len()),
    };
    let mut segments = Vec::new();
    let mut pos = 0;
    for (n, line) in content.split_inclusive('\n').enumerate() {
        let body = line.trim_end_matches('\n');
        if !body.is_empty() {
            segments.push(Segment::new(
                (n + 1).to_string(),
                None,
                Some(Text::verbatim(body, 0, pos)),
            ));
        }
        pos += line.len();
    }
    Document {
        files: vec![Arc::new(SourceFile::new(
            "bench.txt",
            content,
            Escaping::None,
        ))],
        format: "text",
        source_lang: None,
        target_lang: Lang::parse("zh-CN"),
        segments,
    }
}

fn bench(c: &mut Criterion) {
    let doc = document();
    let bytes: usize = doc.files[0].content.len();
    let docs = std::slice::from_ref(&doc);
    let load = LoadOptions::default();
    let mut group = c.benchmark_group("cjk");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    let cases: [(&str, &str, CjkSpacing); 4] = [
        (
            "baseline-double-space",
            "double-space",
            CjkSpacing::Consistent,
        ),
        ("cjk-punctuation", "cjk-punctuation", CjkSpacing::Consistent),
        (
            "cjk-spacing-consistent",
            "cjk-spacing",
            CjkSpacing::Consistent,
        ),
        ("cjk-spacing-require", "cjk-spacing", CjkSpacing::Require),
    ];
    for (name, rule, mode) in cases {
        let mut rules = RuleSettings::defaults();
        rules.select(&[rule.to_string()]).expect("rule exists");
        let options = Options {
            cjk_spacing: mode,
            ..Options::default()
        };
        let engine = Engine {
            rules: &rules,
            terms: None,
            options: &options,
            load: &load,
            keep_documents: false,
        };
        group.bench_function(name, |b| {
            b.iter(|| engine.check_documents(docs).findings.len())
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
