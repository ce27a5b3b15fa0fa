//! Build script: turns the embedded English word list (`data/en-words.txt`,
//! `data/en-extra.txt`) into ready-made hash tables (see `src/lang/lexicon_table.rs`), so
//! that the binary does not parse 105,000 lines at start-up.

use std::collections::HashMap;
use std::path::Path;

#[path = "src/lang/lexicon_table.rs"]
#[allow(dead_code)]
mod lexicon_table;

/// Score given to words of `data/en-extra.txt` (computing vocabulary): a rare word. Keep in
/// step with `EXTRA_ZIPF` in `src/lang/words.rs` (a test compares the two).
const EXTRA_ZIPF: u8 = 25;

fn main() {
    println!("cargo:rerun-if-changed=data/en-words.txt");
    println!("cargo:rerun-if-changed=data/en-extra.txt");
    println!("cargo:rerun-if-changed=src/lang/lexicon_table.rs");
    println!("cargo:rerun-if-changed=build.rs");
    let raw = std::fs::read_to_string("data/en-words.txt").expect("data/en-words.txt");
    let extra = std::fs::read_to_string("data/en-extra.txt").expect("data/en-extra.txt");

    // The same reading as the word list's former start-up parse: lines `word zipf`; words
    // with a capital are kept as cased forms; the first score of a word wins; the extra
    // words count as rare where the list lacks them.
    let mut freq: Vec<(&str, u8)> = Vec::new();
    let mut freq_seen: HashMap<&str, ()> = HashMap::new();
    let mut cased: Vec<&str> = Vec::new();
    let mut cased_seen: HashMap<&str, ()> = HashMap::new();
    for line in raw.lines() {
        if line.starts_with('#') {
            continue;
        }
        let Some((word, z)) = line.split_once(' ') else {
            continue;
        };
        let z: u8 = z.parse().unwrap_or(0);
        if word.bytes().any(|b| b.is_ascii_uppercase()) {
            if cased_seen.insert(word, ()).is_none() {
                cased.push(word);
            }
        } else if freq_seen.insert(word, ()).is_none() {
            freq.push((word, z));
        }
    }
    for line in extra.lines() {
        let word = line.trim();
        if word.is_empty() || word.starts_with('#') {
            continue;
        }
        if freq_seen.insert(word, ()).is_none() {
            freq.push((word, EXTRA_ZIPF));
        }
    }

    let mut blob: Vec<u8> = Vec::new();
    let freq_table = table(&freq, &mut blob);
    let cased: Vec<(&str, u8)> = cased.into_iter().map(|w| (w, 0)).collect();
    let cased_table = table(&cased, &mut blob);
    assert!(u32::try_from(blob.len()).is_ok(), "word blob over 4 GiB");

    let out = std::env::var("OUT_DIR").expect("OUT_DIR");
    let out = Path::new(&out);
    std::fs::write(out.join("lexicon_words.bin"), &blob).expect("write word blob");
    std::fs::write(out.join("lexicon_freq.bin"), slots_bytes(&freq_table)).expect("write table");
    std::fs::write(out.join("lexicon_cased.bin"), slots_bytes(&cased_table)).expect("write table");
}

/// The slots of a table over `words`, their bytes appended to `blob`.
fn table(words: &[(&str, u8)], blob: &mut Vec<u8>) -> Vec<u64> {
    let n = lexicon_table::slots_for(words.len());
    let mask = n - 1;
    let mut slots = vec![0u64; n];
    for &(word, value) in words {
        let len = u8::try_from(word.len()).expect("a word of at most 255 bytes");
        let offset = blob.len() as u32;
        blob.extend_from_slice(word.as_bytes());
        let mut i = lexicon_table::hash(word.as_bytes()) as usize & mask;
        while slots[i] != 0 {
            i = (i + 1) & mask;
        }
        slots[i] = lexicon_table::pack(offset, len, value);
    }
    slots
}

fn slots_bytes(slots: &[u64]) -> Vec<u8> {
    slots.iter().flat_map(|s| s.to_le_bytes()).collect()
}
