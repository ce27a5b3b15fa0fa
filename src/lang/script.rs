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

/// Count letters by script and return the dominant one.
pub fn dominant_script<'a>(texts: impl IntoIterator<Item = &'a str>) -> Script {
    let (mut han, mut latin, mut kana, mut hangul, mut other) =
        (0usize, 0usize, 0usize, 0usize, 0usize);
    for t in texts {
        for c in t.chars() {
            if is_han(c) {
                han += 1;
            } else if is_kana(c) {
                kana += 1;
            } else if is_hangul(c) {
                hangul += 1;
            } else if is_latin_letter(c) {
                latin += 1;
            } else if c.is_alphabetic() {
                other += 1;
            }
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

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
