//! JSON locale files, read in source/target pairs (split at the first 0xFF byte).
#![no_main]
use libfuzzer_sys::fuzz_target;
use termlint::formats::{decode_text, json, LoadOptions};

fuzz_target!(|data: &[u8]| {
    let (a, b) = termlint_fuzz::split2(data);
    let Ok(src) = decode_text("en.json", a.to_vec()) else {
        return;
    };
    // A lone file is also read as both sides, so single-file inputs reach the pairing.
    let tgt = if b.is_empty() {
        src.clone()
    } else {
        match decode_text("zh-CN.json", b.to_vec()) {
            Ok(t) => t,
            Err(_) => return,
        }
    };
    let _ = json::strings("en.json", &src, 0);
    if let Ok(doc) = json::pair("en.json", src, "zh-CN.json", tgt, &LoadOptions::default()) {
        termlint_fuzz::check_spans(&doc);
    }
});
