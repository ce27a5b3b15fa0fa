//! The layout of the English word tables that `build.rs` writes into the binary, shared by
//! the build script (which includes this file) and [`crate::lang::words`], so that both
//! hash and pack entries alike.
//!
//! A table is an open-addressing hash table of `u64` slots (little-endian), a power of two
//! of them, probed linearly from `hash(word) & mask`. A slot is 0 when empty; otherwise it
//! packs the word's offset in the shared word blob (bits 0–31), its length (32–39), its
//! value (40–47, the zipf score) and an occupied bit (48). Built at compile time, the
//! tables cost nothing at start-up: parsing the 105,000-line list into a hash map took about
//! 25 ms, most of the run time of a check on a small file.

/// FNV-1a over `bytes`: the keys are short ASCII words.
pub fn hash(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The occupied bit of a slot.
pub const OCCUPIED: u64 = 1 << 48;

/// A slot for a word at `offset` in the blob, `len` bytes long, with `value`.
#[allow(dead_code)] // used by build.rs and the tests
pub fn pack(offset: u32, len: u8, value: u8) -> u64 {
    u64::from(offset) | u64::from(len) << 32 | u64::from(value) << 40 | OCCUPIED
}

/// The (offset, length, value) of an occupied slot.
pub fn unpack(slot: u64) -> (usize, usize, u8) {
    (
        (slot & 0xffff_ffff) as usize,
        ((slot >> 32) & 0xff) as usize,
        (slot >> 40) as u8,
    )
}

/// The number of slots for `n` words: a power of two, at most half full.
#[allow(dead_code)] // used by build.rs and the tests
pub fn slots_for(n: usize) -> usize {
    (2 * n).max(16).next_power_of_two()
}
