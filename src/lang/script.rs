//! Character classes: Han, CJK punctuation, Latin letters, full-width forms.

/// A Han ideograph (CJK Unified Ideographs and extensions, compatibility ideographs, 〇).
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2A6DF
        | 0x2A700..=0x2EBEF | 0x30000..=0x3134F | 0x3007)
}

/// Japanese kana.
pub fn is_kana(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x31F0..=0x31FF)
}

/// Korean Hangul syllables and jamo.
pub fn is_hangul(c: char) -> bool {
    matches!(c as u32, 0xAC00..=0xD7AF | 0x1100..=0x11FF | 0x3130..=0x318F)
}

/// A character of a CJK script (Han, kana, Hangul).
pub fn is_cjk(c: char) -> bool {
    is_han(c) || is_kana(c) || is_hangul(c)
}

/// CJK punctuation and full-width forms of ASCII punctuation (，。、：；！？（）「」《》…).
pub fn is_cjk_punct(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303F | 0xFE10..=0xFE1F | 0xFE30..=0xFE4F)
        || matches!(
            c,
            '，' | '：'
                | '；'
                | '！'
                | '？'
                | '（'
                | '）'
                | '［'
                | '］'
                | '｛'
                | '｝'
                | '％'
                | '＃'
                | '＆'
                | '＊'
                | '＠'
                | '～'
                | '．'
                | '／'
                | '＂'
                | '＇'
        )
}

/// A Latin letter (ASCII or accented; not digits).
pub fn is_latin_letter(c: char) -> bool {
    // The range test comes first: `is_alphabetic` is a table lookup, and most callers ask
    // about every character of Chinese text.
    c.is_ascii_alphabetic()
        || (matches!(c as u32, 0x00C0..=0x024F | 0x1E00..=0x1EFF)
            && c != '×'
            && c != '÷'
            && c.is_alphabetic())
}

/// Map a full-width ASCII form (`Ａ`, `１`, `（`) or the ideographic space to its
/// half-width equivalent; other characters are returned unchanged.
pub fn to_halfwidth(c: char) -> char {
    match c as u32 {
        0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        0x3000 => ' ',
        _ => c,
    }
}

/// The dominant script of a text, counted by letters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    /// Mostly Han (Chinese).
    Han,
    /// Mostly Latin letters.
    Latin,
    /// Kana present (Japanese).
    Kana,
    /// Hangul (Korean).
    Hangul,
    /// Another or no script.
    Other,
}

/// Letters counted by script, as [`dominant_script`] weighs them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct ScriptCounts {
    han: usize,
    latin: usize,
    kana: usize,
    hangul: usize,
    other: usize,
}

impl ScriptCounts {
    /// Count the letters of one character.
    #[inline]
    fn add(&mut self, c: char) {
        if is_han(c) {
            self.han += 1;
        } else if is_kana(c) {
            self.kana += 1;
        } else if is_hangul(c) {
            self.hangul += 1;
        } else if is_latin_letter(c) {
            self.latin += 1;
        } else if c.is_alphabetic() {
            self.other += 1;
        }
    }

    /// Count the letters of `t`: runs of ASCII a word of eight bytes at a time (their
    /// letters are Latin, nothing else in them counts), the other characters one by one
    /// as [`ScriptCounts::add`] does. Language detection counts the first 512 KB of a
    /// catalog's texts before any check can start, most of it English.
    pub(crate) fn add_text(&mut self, t: &str) {
        let bytes = t.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let end = ascii_run_end(bytes, i);
            self.latin += bytes[i..end]
                .iter()
                .filter(|b| b.is_ascii_alphabetic())
                .count();
            i = end;
            if let Some(c) = t.get(i..).and_then(|r| r.chars().next()) {
                self.add(c);
                i += c.len_utf8();
            }
        }
    }

    /// Add the counts of other texts (counts of parts add up to those of the whole).
    pub(crate) fn merge(&mut self, o: &ScriptCounts) {
        self.han += o.han;
        self.kana += o.kana;
        self.hangul += o.hangul;
        self.latin += o.latin;
        self.other += o.other;
    }

    /// The dominant script of the letters counted.
    pub(crate) fn dominant(&self) -> Script {
        let ScriptCounts {
            han,
            latin,
            kana,
            hangul,
            other,
        } = *self;
        if kana > 0 && kana * 10 >= han {
            return Script::Kana;
        }
        // Han characters carry about three Latin letters' worth of text each.
        let weighted_han = han * 3;
        let best = [weighted_han, latin, hangul * 2, other]
            .into_iter()
            .max()
            .unwrap_or(0);
        if best == 0 {
            Script::Other
        } else if best == weighted_han {
            Script::Han
        } else if best == latin {
            Script::Latin
        } else if best == hangul * 2 {
            Script::Hangul
        } else {
            Script::Other
        }
    }
}

/// The end of the run of ASCII bytes of `bytes` from `from` (the offset of the first
/// non-ASCII byte at or after it, or `bytes.len()`), eight bytes at a time.
#[inline]
fn ascii_run_end(bytes: &[u8], from: usize) -> usize {
    find_by_words(bytes, from, |w| w & HIGH_BITS != 0, |b| !b.is_ascii())
}

/// Count letters by script and return the dominant one.
pub fn dominant_script<'a>(texts: impl IntoIterator<Item = &'a str>) -> Script {
    let mut counts = ScriptCounts::default();
    for t in texts {
        counts.add_text(t);
    }
    counts.dominant()
}

/// Eight bytes at a time: the offset of the first byte of `bytes` at or after `from` for
/// which `stops` holds (`bytes.len()` when none does), where `may_stop(word)` is false
/// only for a little-endian word of eight bytes none of which stops.
#[inline]
fn find_by_words(
    bytes: &[u8],
    mut from: usize,
    may_stop: impl Fn(u64) -> bool,
    stops: impl Fn(u8) -> bool,
) -> usize {
    while let Some(chunk) = bytes.get(from..from + 8) {
        let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        if may_stop(word) {
            if let Some(k) = chunk.iter().position(|&b| stops(b)) {
                return from + k;
            }
        }
        from += 8;
    }
    let from = from.min(bytes.len());
    bytes[from..]
        .iter()
        .position(|&b| stops(b))
        .map_or(bytes.len(), |k| from + k)
}

/// The high bit of every byte of a word.
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// The offset of the first ASCII byte of `bytes` at or after `from` (`bytes.len()` when
/// none is left): Chinese text is runs of non-ASCII bytes, skipped eight at a time by
/// scans that only look at ASCII bytes (punctuation, placeholder triggers).
#[inline]
pub fn next_ascii(bytes: &[u8], from: usize) -> usize {
    find_by_words(
        bytes,
        from,
        |w| w & HIGH_BITS != HIGH_BITS,
        |b| b.is_ascii(),
    )
}

/// The offset of the first ASCII byte of `bytes` at or after `from` for which
/// `wanted(offset, byte)` holds, runs of Chinese skipped eight bytes at a time
/// ([`next_ascii`]); `None` when there is none.
#[inline]
pub fn find_ascii(
    bytes: &[u8],
    mut from: usize,
    mut wanted: impl FnMut(usize, u8) -> bool,
) -> Option<usize> {
    loop {
        from = next_ascii(bytes, from);
        let &b = bytes.get(from)?;
        if wanted(from, b) {
            return Some(from);
        }
        from += 1;
    }
}

/// Whether some byte of `x` (every byte below 0x80) lies strictly between `m` and `n`
/// (0 <= m <= 127, 0 <= n <= 128): `hasbetween` of the Bit Twiddling Hacks.
#[inline]
fn has_between(x: u64, m: u64, n: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let low = x & (ONES * 127);
    ((ONES * (127 + n)).wrapping_sub(low) & !x & low.wrapping_add(ONES * (127 - m)) & HIGH_BITS)
        != 0
}

/// Whether byte `b` is ASCII or may start an accented Latin letter (the lead byte of
/// U+00C0..=U+027F or U+1000..=U+1FFF).
#[inline]
pub fn ascii_or_latin_lead(b: u8) -> bool {
    b.is_ascii() || matches!(b, 0xC3..=0xC9 | 0xE1)
}

/// The offset of the first byte of `bytes` at or after `from` that is ASCII or may start
/// an accented Latin letter ([`ascii_or_latin_lead`]; `bytes.len()` when none is left),
/// eight bytes at a time over Chinese text.
#[inline]
pub fn next_ascii_or_latin_lead(bytes: &[u8], from: usize) -> usize {
    find_by_words(
        bytes,
        from,
        |w| {
            w & HIGH_BITS != HIGH_BITS || {
                let x = w ^ HIGH_BITS;
                has_between(x, 0x42, 0x4A) || has_between(x, 0x60, 0x62)
            }
        },
        ascii_or_latin_lead,
    )
}

/// The offset of the first byte of `bytes` at or after `from` that is ASCII punctuation or
/// a digit (0x21..=0x3F: `! " # $ % & ' ( ) * + , - . /`, digits, `: ; < = > ?`) and for
/// which `wanted` holds (`bytes.len()` when none is left). Words of eight bytes none of
/// which is in that range (Chinese, letters, spaces) are skipped with one test: faster
/// than [`find_ascii`] where letters and spaces abound.
#[inline]
pub fn next_ascii_punct(bytes: &[u8], from: usize, wanted: impl Fn(u8) -> bool) -> usize {
    find_by_words(
        bytes,
        from,
        |w| {
            // The bytes from 0x80 up cleared, so that every byte is below 0x80.
            let ascii = w & !(((w & HIGH_BITS) >> 7) * 0xFF);
            has_between(ascii, 0x20, 0x40)
        },
        |b| (0x21..=0x3F).contains(&b) && wanted(b),
    )
}

/// `f` of the `char_indices` of `text`, collected in a buffer kept per thread: checks that
/// need a text's character table build one for every segment of a corpus. The buffer is
/// taken out of its cell for the call, so a nested call only allocates its own, and a huge
/// text's table is not kept.
pub(crate) fn with_char_indices<R>(text: &str, f: impl FnOnce(&[(usize, char)]) -> R) -> R {
    thread_local! {
        static CHARS: std::cell::Cell<Vec<(usize, char)>> = const { std::cell::Cell::new(Vec::new()) };
    }
    let mut chars = CHARS.take();
    chars.clear();
    chars.extend(text.char_indices());
    let out = f(&chars);
    if chars.capacity() <= 1 << 16 {
        CHARS.set(chars);
    }
    out
}

/// [`next_ascii_punct`]'s test of a byte, for the tests.
#[cfg(test)]
fn punct_or_digit(b: u8) -> bool {
    (0x21..=0x3F).contains(&b)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The word scans agree with byte scans on random bytes, mostly non-ASCII.
        #[test]
        fn word_scans_agree_on_random_bytes(
            t in proptest::collection::vec(
                proptest::prop_oneof![9 => 0x80u8..=0xFF, 1 => 0u8..0x80], 0..40),
            from in 0usize..41,
        ) {
            let from = from.min(t.len());
            let naive = |stops: fn(u8) -> bool| {
                (from..t.len()).find(|&i| stops(t[i])).unwrap_or(t.len())
            };
            proptest::prop_assert_eq!(next_ascii(&t, from), naive(|b| b.is_ascii()));
            proptest::prop_assert_eq!(
                next_ascii_or_latin_lead(&t, from),
                naive(ascii_or_latin_lead)
            );
            proptest::prop_assert_eq!(
                next_ascii_punct(&t, from, |_| true),
                naive(punct_or_digit)
            );
        }
    }

    /// The word-at-a-time scans find what a byte-by-byte scan finds, on Chinese, accented
    /// and mixed text and on every byte value in every lane.
    #[test]
    fn word_scans_agree_with_byte_scans() {
        let naive = |bytes: &[u8], from: usize, stops: fn(u8) -> bool| {
            (from..bytes.len())
                .find(|&i| stops(bytes[i]))
                .unwrap_or(bytes.len())
        };
        let mut texts: Vec<Vec<u8>> = [
            "",
            "a",
            "中文中文中文中文中文中文",
            "中文，测试。用法: %s [选项]... 文件...",
            "Café 中文 naïve résumé Ưu tiên 中文 ḿ",
            "ÿ中Ā文ɏ字ɐ符Ḁ",
        ]
        .iter()
        .map(|s| s.as_bytes().to_vec())
        .collect();
        for b in 0..=255u8 {
            for lane in 0..9 {
                let mut t = "中文字符测".as_bytes().to_vec();
                t.insert(lane, b);
                texts.push(t);
            }
        }
        for t in &texts {
            for from in 0..=t.len() + 1 {
                let from = from.min(t.len());
                assert_eq!(
                    next_ascii(t, from),
                    naive(t, from, |b| b.is_ascii()),
                    "{t:?} {from}"
                );
                assert_eq!(
                    next_ascii_or_latin_lead(t, from),
                    naive(t, from, ascii_or_latin_lead),
                    "{t:?} {from}"
                );
                assert_eq!(
                    next_ascii_punct(t, from, |_| true),
                    naive(t, from, punct_or_digit),
                    "{t:?} {from}"
                );
                assert_eq!(
                    next_ascii_punct(t, from, |b| b == b','),
                    naive(t, from, |b| b == b','),
                    "{t:?} {from}"
                );
            }
        }
    }

    #[test]
    fn classes() {
        assert!(is_han('主'));
        assert!(!is_han('，'));
        assert!(is_cjk_punct('，'));
        assert!(is_cjk_punct('。'));
        assert!(!is_cjk_punct('“'));
        assert!(is_latin_letter('é'));
        assert!(!is_latin_letter('1'));
        assert_eq!(to_halfwidth('Ｃ'), 'C');
        assert_eq!(to_halfwidth('（'), '(');
    }

    /// The letter counts of the code [`ScriptCounts::add_text`] replaced: every
    /// character classified one by one.
    fn counts_by_chars(t: &str) -> ScriptCounts {
        let mut counts = ScriptCounts::default();
        for c in t.chars() {
            counts.add(c);
        }
        counts
    }

    proptest::proptest! {
        /// Counting ASCII runs by words counts what classifying each character counts.
        #[test]
        fn ascii_runs_count_like_characters(
            t in "[a-zA-Z0-9 .,%_\\-]{0,20}(\\PC{0,3}[a-zA-Z .中文ひらがな한국어éàŁ×÷]{0,12}){0,4}",
        ) {
            proptest::prop_assert_eq!(ScriptCounts::default().tap(&t), counts_by_chars(&t));
        }
    }

    impl ScriptCounts {
        fn tap(mut self, t: &str) -> Self {
            self.add_text(t);
            self
        }
    }

    #[test]
    fn ascii_runs_count_like_characters_at_every_lane() {
        for lane in 0..17 {
            for tail in ["", "中", "é", "ab中", "×", "\u{10348}"] {
                let t = format!("{}{tail}Zz9{tail}", "a-".repeat(lane));
                assert_eq!(ScriptCounts::default().tap(&t), counts_by_chars(&t), "{t}");
            }
        }
    }

    #[test]
    fn dominant() {
        assert_eq!(
            dominant_script(["中国是网络攻击的主要受害国之一。"]),
            Script::Han
        );
        assert_eq!(
            dominant_script(["China is one of the main victims"]),
            Script::Latin
        );
        assert_eq!(dominant_script(["2020"]), Script::Other);
    }
}
