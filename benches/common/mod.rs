//! Deterministic data generation shared by the benchmarks, so every run measures the same
//! input.

// Each benchmark is its own crate and uses only part of this module.
#![allow(dead_code)]

/// A small deterministic generator (xorshift).
pub struct Rng(pub u64);

impl Rng {
    /// The next raw value.
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A value in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// A made-up English-looking word of 2 to 4 syllables (it never occurs in real text).
pub fn syllable_word(rng: &mut Rng) -> String {
    const SYL: &[&str] = &[
        "ka", "ro", "ten", "mi", "sol", "ver", "an", "dus", "pel", "tor", "qua", "lin", "bre",
        "zo", "nix", "fa", "gor", "hu", "jem", "wyl",
    ];
    let n = 2 + rng.below(3);
    (0..n)
        .map(|_| SYL[rng.below(SYL.len() as u64) as usize])
        .collect()
}
