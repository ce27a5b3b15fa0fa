//! TMX: any bytes give a document or an error, never a panic; spans stay in the file.
#![no_main]
use libfuzzer_sys::fuzz_target;
use termlint::formats::{tmx, LoadOptions};

fuzz_target!(|data: &[u8]| {
    if let Ok(doc) = tmx::load("fuzz.tmx", data.to_vec(), &LoadOptions::default()) {
        termlint_fuzz::check_spans(&doc);
    }
});
