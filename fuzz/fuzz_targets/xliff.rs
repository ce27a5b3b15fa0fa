//! XLIFF 1.2/2.x: any bytes give a document or an error, never a panic; spans stay in the
//! file.
#![no_main]
use libfuzzer_sys::fuzz_target;
use termlint::formats::{xliff, LoadOptions};

fuzz_target!(|data: &[u8]| {
    if let Ok(doc) = xliff::load("fuzz.xlf", data.to_vec(), &LoadOptions::default()) {
        termlint_fuzz::check_spans(&doc);
    }
});
