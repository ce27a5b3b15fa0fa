//! A tokenizer for Latin-script text: words as byte ranges, with their shape.

use std::ops::Range;

use super::script::is_latin_letter;

/// One token of Latin-script text: a run of letters and digits, with apostrophes inside
/// (`don't`, `China’s`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Byte range in the text.
    pub range: Range<usize>,
    /// Whether the token contains a digit (`10MB`, `x86`).
    pub has_digit: bool,
    /// Whether every letter is ASCII.
    pub ascii: bool,
}

/// The letter/digit tokens of `text`, in order. Other scripts (Han) and punctuation separate
/// tokens; an apostrophe (`'` or `’`) is inside a token only between two letters.
pub fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut iter = text.char_indices().peekable();
    let mut cur: Option<Token> = None;
    while let Some((i, c)) = iter.next() {
        let is_word_char = is_latin_letter(c) || c.is_ascii_digit();
        if is_word_char {
            let tok = cur.get_or_insert(Token {
                range: i..i,
                has_digit: false,
                ascii: true,
            });
            tok.range.end = i + c.len_utf8();
            tok.has_digit |= c.is_ascii_digit();
            tok.ascii &= c.is_ascii();
            continue;
        }
        if (c == '\'' || c == '’') && cur.is_some() {
            if let Some(&(_, next)) = iter.peek() {
                if is_latin_letter(next) {
                    if let Some(t) = cur.as_mut() {
                        t.range.end = i + c.len_utf8();
                    }
                    continue;
                }
            }
        }
        if let Some(t) = cur.take() {
            out.push(t);
        }
    }
    if let Some(t) = cur.take() {
        out.push(t);
    }
    out
}

/// The case shape of a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// `server`
    Lower,
    /// `Server`
    Capitalized,
    /// `NATO`
    Upper,
    /// Anything else: `theUS`, `iPhone`, `JavaScript`, `macOS`.
    Mixed,
}

/// The case shape of `word` (letters only are looked at).
pub fn shape(word: &str) -> Shape {
    let mut upper = 0usize;
    let mut lower = 0usize;
    let mut first_upper = false;
    let mut upper_after_first = false;
    for (i, c) in word.chars().filter(|c| c.is_alphabetic()).enumerate() {
        if c.is_uppercase() {
            upper += 1;
            if i == 0 {
                first_upper = true;
            } else {
                upper_after_first = true;
            }
        } else {
            lower += 1;
        }
    }
    if upper == 0 {
        Shape::Lower
    } else if lower == 0 {
        Shape::Upper
    } else if first_upper && !upper_after_first {
        Shape::Capitalized
    } else {
        Shape::Mixed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokens(text).into_iter().map(|t| &text[t.range]).collect()
    }

    #[test]
    fn splits_on_space_punctuation_and_other_scripts() {
        assert_eq!(
            words("In 2020, 52,000 computerservers—théâtre"),
            vec!["In", "2020", "52", "000", "computerservers", "théâtre"]
        );
        assert_eq!(
            words("China’s don't 'quoted'"),
            vec!["China’s", "don't", "quoted"]
        );
        assert_eq!(words("中国APT-C-39组织"), vec!["APT", "C", "39"]);
        assert!(tokens("10MB")[0].has_digit);
        assert!(!tokens("théâtre")[0].ascii);
    }

    #[test]
    fn shapes() {
        assert_eq!(shape("server"), Shape::Lower);
        assert_eq!(shape("Server"), Shape::Capitalized);
        assert_eq!(shape("NATO"), Shape::Upper);
        assert_eq!(shape("theUS"), Shape::Mixed);
        assert_eq!(shape("iPhone"), Shape::Mixed);
        assert_eq!(shape("JavaScript"), Shape::Mixed);
    }
}
