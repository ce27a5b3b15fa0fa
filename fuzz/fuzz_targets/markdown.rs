//! Markdown pairs (split at the first 0xFF byte), plain-text segmenting and interleaved
//! documents.
#![no_main]
use libfuzzer_sys::fuzz_target;
use termlint::formats::{interleaved, markdown, text, Align, LoadOptions};

fuzz_target!(|data: &[u8]| {
    let (a, b) = termlint_fuzz::split2(data);
    let src = String::from_utf8_lossy(a).into_owned();
    let tgt = if b.is_empty() {
        src.clone()
    } else {
        String::from_utf8_lossy(b).into_owned()
    };
    for align in [Align::Paragraphs, Align::Lines] {
        for c in text::split_chunks(&src, align) {
            let r = c.span();
            assert!(r.start <= r.end && r.end <= src.len());
        }
    }
    let doc = interleaved::parse("fuzz.txt", src.clone(), &LoadOptions::default());
    termlint_fuzz::check_spans(&doc);
    if let Ok(doc) = markdown::pair("en.md", src, "zh.md", tgt, &LoadOptions::default()) {
        termlint_fuzz::check_spans(&doc);
    }
});
