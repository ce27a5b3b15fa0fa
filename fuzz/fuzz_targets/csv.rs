//! CSV/TSV: glossaries (comma and tab), indexed and matched against text, and bilingual
//! tables. Never a panic; spans stay in the file.
#![no_main]
use libfuzzer_sys::fuzz_target;
use termlint::formats::{csv, LoadOptions};
use termlint::glossary::{Glossary, TermIndex};
use termlint::lang::Lang;

fuzz_target!(|data: &[u8]| {
    let Some((&sel, rest)) = data.split_first() else {
        return;
    };
    match sel % 3 {
        0 | 1 => {
            // A glossary, then the text after the first 0xFF matched against it both ways.
            let (table, text) = termlint_fuzz::split2(rest);
            let Ok(g) = Glossary::from_csv("fuzz-glossary.csv", table, sel % 3 == 1) else {
                return;
            };
            let index = TermIndex::build(&[g]);
            let text = String::from_utf8_lossy(text);
            for lang in [Lang::parse("en"), Lang::parse("zh-CN"), None] {
                for m in index.find_source(&text, lang.as_ref()) {
                    let _ = index.term(&m);
                }
                for m in index.find_target(&text, lang.as_ref()) {
                    let _ = index.term(&m);
                }
            }
        }
        _ => {
            let path = if sel & 0x80 != 0 { "fuzz.tsv" } else { "fuzz.csv" };
            if let Ok(doc) = csv::load(path, rest.to_vec(), &LoadOptions::default()) {
                termlint_fuzz::check_spans(&doc);
            }
        }
    }
});
