//! English words with frequencies, embedded in the binary (`data/en-words.txt`, see
//! `data/README.md` for sources and licences), and the small closed word classes that the
//! English checks need (function words, prefixes, code words).
//!
//! Frequencies are Zipf-like scores: 10 × log10(occurrences per billion words), so `the` is
//! 76, `computer` 56, `mainframes` 29. A word known only from the SCOWL list (which has no
//! counts) scores 0 but is still a word. Lookups are case-insensitive ([`zipf`]); the forms
//! SCOWL writes with capitals (`China`, `NATO`, `iPhone`) are kept apart ([`is_cased_form`]).

use super::lexicon_table;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// The word list as shipped; read at build time (`build.rs`), and by the tests.
#[cfg(test)]
static RAW: &str = include_str!("../../data/en-words.txt");
#[cfg(test)]
static EXTRA: &str = include_str!("../../data/en-extra.txt");

/// Score given to words of `data/en-extra.txt` (computing vocabulary): a rare word. (The
/// build script applies it; a test checks the two agree.)
#[cfg(test)]
const EXTRA_ZIPF: u8 = 25;

/// FNV-1a: the keys are short ASCII words; SipHash would dominate lookup time.
#[derive(Default)]
pub struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// A hash map keyed by words, with a fast hasher.
pub type WordMap<V> = HashMap<&'static str, V, BuildHasherDefault<Fnv>>;
/// A hash set of owned words, with a fast hasher.
pub type WordSet = HashSet<String, BuildHasherDefault<Fnv>>;

/// The words of the tables, concatenated.
static WORD_BLOB: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/lexicon_words.bin"));
/// Lower-case word -> zipf score.
static FREQ: Table = Table(include_bytes!(concat!(
    env!("OUT_DIR"),
    "/lexicon_freq.bin"
)));
/// Forms written with capitals in the source list.
static CASED: Table = Table(include_bytes!(concat!(
    env!("OUT_DIR"),
    "/lexicon_cased.bin"
)));

/// A hash table made by `build.rs`: little-endian `u64` slots (see [`lexicon_table`]).
struct Table(&'static [u8]);

impl Table {
    /// The value stored for `word`, if it is in the table.
    #[inline]
    fn get(&self, word: &[u8]) -> Option<u8> {
        let n = self.0.len() / 8;
        if n == 0 {
            return None;
        }
        let mask = n - 1;
        let mut i = lexicon_table::hash(word) as usize & mask;
        loop {
            let at = i * 8;
            let mut slot = [0u8; 8];
            slot.copy_from_slice(&self.0[at..at + 8]);
            let slot = u64::from_le_bytes(slot);
            if slot == 0 {
                return None;
            }
            let (offset, len, value) = lexicon_table::unpack(slot);
            if len == word.len() && WORD_BLOB.get(offset..offset + len) == Some(word) {
                return Some(value);
            }
            i = (i + 1) & mask;
        }
    }
}

/// The zipf score of `word` (any case), `None` when it is not an English word we know.
/// ASCII only: accented words are not in the list.
pub fn zipf(word: &str) -> Option<u8> {
    if word.bytes().any(|b| b.is_ascii_uppercase()) {
        let mut buf = [0u8; 48];
        if word.len() > buf.len() {
            return None;
        }
        let lower = &mut buf[..word.len()];
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        FREQ.get(lower)
    } else {
        FREQ.get(word.as_bytes())
    }
}

/// Whether `word` (any case) is an English word: in the list, or a regular inflection or
/// possessive of one (`servers`, `China’s`).
pub fn is_word(word: &str) -> bool {
    let word = strip_possessive(word);
    zipf(word).is_some() || is_cased_form(word)
}

/// Whether `word` is written exactly so (with its capitals) in the list: proper nouns,
/// acronyms and brand shapes such as `China`, `NATO`, `iPhone`, `JavaScript`.
pub fn is_cased_form(word: &str) -> bool {
    CASED.get(word.as_bytes()).is_some()
}

/// `word` without a trailing possessive `'s`/`’s`/`'`.
pub fn strip_possessive(word: &str) -> &str {
    for suffix in ["'s", "’s", "'S", "’S", "'", "’"] {
        if let Some(w) = word.strip_suffix(suffix) {
            if !w.is_empty() {
                return w;
            }
        }
    }
    word
}

/// English function words: articles, prepositions, conjunctions, pronouns and auxiliaries
/// that are never the first or last half of a closed compound (`the`, `of`, `and`...).
pub const FUNCTION_WORDS: &[&str] = &[
    "a", "about", "above", "after", "against", "all", "also", "am", "among", "an", "and", "any",
    "are", "as", "at", "be", "been", "before", "being", "between", "both", "but", "by", "can",
    "could", "did", "do", "does", "each", "either", "every", "for", "from", "had", "has", "have",
    "he", "her", "his", "how", "if", "in", "into", "is", "it", "its", "may", "might", "more",
    "most", "must", "my", "no", "nor", "not", "of", "on", "or", "our", "shall", "she", "should",
    "since", "so", "some", "such", "than", "that", "the", "their", "them", "then", "there",
    "these", "they", "this", "those", "through", "to", "too", "under", "until", "upon", "very",
    "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "whose", "why",
    "will", "with", "within", "without", "would", "you", "your",
];

/// Whether `word` (lower case) is a function word.
pub fn is_function_word(word: &str) -> bool {
    FUNCTION_WORDS.binary_search(&word).is_ok()
}

/// The short function words that, glued to an acronym or a capitalised word, make the
/// `theUS` / `ofNATO` / `inChina` error.
pub const GLUE_WORDS: &[&str] = &[
    "about", "after", "against", "among", "an", "and", "as", "at", "between", "by", "for", "from",
    "in", "into", "is", "of", "on", "or", "over", "than", "that", "the", "to", "via", "was",
    "with", "within", "without",
];

/// Whether `word` is one of [`GLUE_WORDS`].
pub fn is_glue_word(word: &str) -> bool {
    GLUE_WORDS.binary_search(&word).is_ok()
}

/// Productive prefixes that form closed words with almost anything (`reconnect`,
/// `subfolder`, `unmount`, `multiline`): a split after one of them is not a lost space.
pub const PREFIXES: &[&str] = &[
    "after", "anti", "astro", "audio", "auto", "back", "bi", "bio", "co", "counter", "cross",
    "cyber", "de", "dis", "down", "eco", "electro", "en", "ex", "extra", "fore", "geo", "hyper",
    "in", "infra", "inter", "intra", "macro", "mega", "meta", "micro", "mid", "mini", "mis",
    "mono", "multi", "neo", "no", "non", "off", "on", "out", "over", "para", "photo", "poly",
    "post", "pre", "pro", "proto", "pseudo", "re", "self", "semi", "sub", "super", "tele", "trans",
    "tri", "ultra", "un", "under", "uni", "up", "video", "web",
];

/// Whether `word` is one of [`PREFIXES`].
pub fn is_prefix(word: &str) -> bool {
    PREFIXES.binary_search(&word).is_ok()
}

/// Word-like suffixes that form closed words (`clockwise`, `spyware`, `homeless`).
pub const SUFFIXES: &[&str] = &[
    "able", "based", "fold", "free", "ful", "hood", "less", "like", "ly", "most", "ness", "proof",
    "ship", "side", "ward", "wards", "ware", "way", "ways", "wide", "wise", "worthy",
];

/// Whether `word` is one of [`SUFFIXES`].
pub fn is_suffix(word: &str) -> bool {
    SUFFIXES.binary_search(&word).is_ok()
}

/// Capitalised halves of code identifiers that start with a function word (`toString`,
/// `isEmpty`, `forEach`, `onClick`): such a token is code, not a lost space.
pub const CODE_WORDS: &[&str] = &[
    "array", "bool", "boolean", "buffer", "bytes", "change", "char", "click", "close", "defined",
    "double", "each", "empty", "enabled", "entries", "equal", "equals", "error", "file", "float",
    "focus", "hex", "index", "instance", "int", "integer", "item", "json", "key", "keys", "list",
    "load", "long", "lower", "map", "name", "null", "number", "object", "path", "range", "ready",
    "set", "size", "string", "text", "then", "type", "upper", "valid", "value", "values",
    "visible",
];

/// Whether `word` (lower case) is one of [`CODE_WORDS`].
pub fn is_code_word(word: &str) -> bool {
    CODE_WORDS.binary_search(&word).is_ok()
}

/// Nouns and verbs that software glues into identifiers and option names (`readlink`,
/// `menuitem`, `lockfile`, `keycode`, `basename`): a split of two content words where one is
/// of these is more likely a code name than a lost space.
pub const CODE_MORPHEMES: &[&str] = &[
    "addr", "alloc", "array", "attr", "auto", "bar", "base", "bit", "bits", "block", "box", "buf",
    "buffer", "byte", "bytes", "cache", "char", "chars", "check", "code", "codes", "conf",
    "config", "count", "data", "date", "debug", "def", "dir", "disk", "edit", "elem", "end",
    "entry", "enum", "exec", "field", "file", "files", "flag", "flags", "func", "get", "group",
    "groups", "hash", "id", "info", "init", "item", "items", "key", "keys", "level", "lib", "line",
    "lines", "link", "links", "list", "load", "local", "lock", "log", "long", "map", "max", "menu",
    "min", "mode", "name", "names", "node", "num", "obj", "page", "path", "point", "pool", "proc",
    "prop", "read", "rule", "run", "set", "size", "space", "spec", "stamp", "start", "stat",
    "status", "str", "sym", "sys", "tab", "table", "tag", "temp", "text", "time", "tmp", "token",
    "tool", "tree", "type", "types", "user", "value", "values", "var", "view", "word", "words",
    "write",
];

/// Whether `word` (lower case) is one of [`CODE_MORPHEMES`].
pub fn is_code_morpheme(word: &str) -> bool {
    CODE_MORPHEMES.binary_search(&word).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closed_lists_are_sorted_lower_case_and_unique() {
        for list in [
            FUNCTION_WORDS,
            GLUE_WORDS,
            PREFIXES,
            SUFFIXES,
            CODE_WORDS,
            CODE_MORPHEMES,
        ] {
            for pair in list.windows(2) {
                assert!(pair[0] < pair[1], "{} >= {}", pair[0], pair[1]);
            }
            assert!(list
                .iter()
                .all(|w| w.bytes().all(|b| b.is_ascii_lowercase())));
        }
    }

    #[test]
    fn data_files_are_well_formed() {
        for (i, line) in RAW.lines().enumerate().skip(1) {
            let (w, z) = line
                .split_once(' ')
                .unwrap_or_else(|| panic!("line {}: {line:?}", i + 1));
            assert!(!w.is_empty() && z.parse::<u8>().is_ok(), "line {}", i + 1);
        }
        for line in EXTRA
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
        {
            assert!(
                line.bytes().all(|b| b.is_ascii_lowercase()),
                "en-extra.txt: {line:?} must be lower-case ASCII letters"
            );
        }
    }

    /// The word list read the way the binary read it at start-up before the tables were
    /// built at compile time: the oracle of the tables.
    fn reference() -> (HashMap<&'static str, u8>, HashSet<&'static str>) {
        let mut freq = HashMap::new();
        let mut cased = HashSet::new();
        for line in RAW.lines() {
            if line.starts_with('#') {
                continue;
            }
            let Some((word, z)) = line.split_once(' ') else {
                continue;
            };
            let z: u8 = z.parse().unwrap_or(0);
            if word.bytes().any(|b| b.is_ascii_uppercase()) {
                cased.insert(word);
            } else {
                freq.entry(word).or_insert(z);
            }
        }
        for line in EXTRA.lines() {
            let word = line.trim();
            if word.is_empty() || word.starts_with('#') {
                continue;
            }
            freq.entry(word).or_insert(EXTRA_ZIPF);
        }
        (freq, cased)
    }

    /// The number of occupied slots of a table.
    fn occupied(table: &Table) -> usize {
        table
            .0
            .chunks_exact(8)
            .filter(|s| s.iter().any(|&b| b != 0))
            .count()
    }

    #[test]
    fn built_tables_hold_exactly_the_word_list() {
        let (freq, cased) = reference();
        assert_eq!(occupied(&FREQ), freq.len());
        assert_eq!(occupied(&CASED), cased.len());
        for (word, z) in &freq {
            assert_eq!(FREQ.get(word.as_bytes()), Some(*z), "{word}");
            assert_eq!(zipf(word), Some(*z), "{word}");
        }
        for word in &cased {
            assert!(is_cased_form(word), "{word}");
            // Its lower-case form is a word only where the list has it so.
            let lower = word.to_ascii_lowercase();
            assert_eq!(zipf(word), freq.get(lower.as_str()).copied(), "{word}");
        }
        // Near misses: a letter more, a letter less, other case.
        for word in freq.keys().take(5000) {
            for probe in [format!("{word}q"), word[..word.len() - 1].to_string()] {
                assert_eq!(zipf(&probe), freq.get(probe.as_str()).copied(), "{probe}");
            }
            let upper = word.to_ascii_uppercase();
            assert_eq!(is_cased_form(&upper), cased.contains(upper.as_str()));
        }
        assert_eq!(zipf(""), None);
        assert_eq!(zipf(&"a".repeat(300)), None);
    }

    #[test]
    fn slots_pack_and_unpack() {
        for (offset, len, value) in [(0u32, 1u8, 0u8), (123_456, 28, 76), (u32::MAX, 255, 255)] {
            let slot = lexicon_table::pack(offset, len, value);
            assert_ne!(slot, 0);
            assert_eq!(
                lexicon_table::unpack(slot),
                (offset as usize, len as usize, value)
            );
        }
        assert_eq!(lexicon_table::slots_for(0), 16);
        assert_eq!(lexicon_table::slots_for(100_000), 262_144);
    }

    #[test]
    fn lookups() {
        assert!(zipf("the").unwrap() > 70);
        assert!(zipf("computer").unwrap() > zipf("mainframes").unwrap());
        assert_eq!(zipf("The"), zipf("the"));
        assert!(zipf("computerservers").is_none());
        assert!(zipf("theus").is_none());
        assert!(is_word("servers"));
        assert!(is_word("China’s"));
        assert!(is_word("NATO"));
        assert!(is_cased_form("China"));
        assert!(is_cased_form("iPhone"));
        assert!(!is_cased_form("String"));
        assert!(is_function_word("the") && !is_function_word("server"));
        assert!(is_glue_word("of") && is_prefix("sub") && is_code_word("string"));
    }
}
