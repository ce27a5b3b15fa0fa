//! English words with frequencies, embedded in the binary (`data/en-words.txt`, see
//! `data/README.md` for sources and licences), and the small closed word classes that the
//! English checks need (function words, prefixes, code words).
//!
//! Frequencies are Zipf-like scores: 10 × log10(occurrences per billion words), so `the` is
//! 76, `computer` 56, `mainframes` 29. A word known only from the SCOWL list (which has no
//! counts) scores 0 but is still a word. Lookups are case-insensitive ([`zipf`]); the forms
//! SCOWL writes with capitals (`China`, `NATO`, `iPhone`) are kept apart ([`is_cased_form`]).

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

static RAW: &str = include_str!("../../data/en-words.txt");
static EXTRA: &str = include_str!("../../data/en-extra.txt");

/// Score given to words of `data/en-extra.txt` (computing vocabulary): a rare word.
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

struct Lexicon {
    /// Lower-case word -> zipf score.
    freq: WordMap<u8>,
    /// Forms written with capitals in the source list.
    cased: WordMap<()>,
}

fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| {
        let mut freq: WordMap<u8> = WordMap::default();
        freq.reserve(110_000);
        let mut cased: WordMap<()> = WordMap::default();
        for line in RAW.lines() {
            if line.starts_with('#') {
                continue;
            }
            let Some((word, z)) = line.split_once(' ') else {
                continue;
            };
            let z: u8 = z.parse().unwrap_or(0);
            if word.bytes().any(|b| b.is_ascii_uppercase()) {
                cased.insert(word, ());
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
        Lexicon { freq, cased }
    })
}

/// Force the word list to be parsed now (benchmarks, and callers that want to pay the one-off
/// cost of about 10 ms up front).
pub fn init() {
    let _ = lexicon();
}

/// The zipf score of `word` (any case), `None` when it is not an English word we know.
/// ASCII only: accented words are not in the list.
pub fn zipf(word: &str) -> Option<u8> {
    let lex = lexicon();
    if word.bytes().any(|b| b.is_ascii_uppercase()) {
        let mut buf = [0u8; 48];
        if word.len() > buf.len() {
            return None;
        }
        let lower = &mut buf[..word.len()];
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        let lower = std::str::from_utf8(lower).ok()?;
        lex.freq.get(lower).copied()
    } else {
        lex.freq.get(word).copied()
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
    lexicon().cased.contains_key(word)
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
