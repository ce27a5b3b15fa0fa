//! PO/POT catalogs: any bytes give a document or an error, never a panic; spans stay in the
//! file.
#![no_main]
use libfuzzer_sys::fuzz_target;
use termlint::formats::{po, LoadOptions};

fuzz_target!(|data: &[u8]| {
    let opts = LoadOptions {
        include_fuzzy: data.first().is_some_and(|b| b & 1 == 1),
        ..LoadOptions::default()
    };
    if let Ok(doc) = po::load("fuzz.po", data.to_vec(), &opts) {
        termlint_fuzz::check_spans(&doc);
    }
});
