//! Language knowledge shared by checks: language tags, scripts, protected spans.

pub mod chinese;
mod lexicon_table;
pub mod numbers;
pub mod placeholders;
pub mod protect;
pub mod script;
pub mod tokens;
pub mod words;

use std::fmt;

/// A normalised BCP 47 language tag (`zh_CN` becomes `zh-CN`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Lang {
    tag: String,
}

impl Lang {
    /// Parse and normalise a tag: `_` becomes `-`, the language subtag is lower-cased, a
    /// region upper-cased, a script title-cased. Returns `None` for an empty or malformed tag.
    pub fn parse(tag: &str) -> Option<Lang> {
        let tag = tag.trim().split(['.', '@']).next().unwrap_or("");
        if tag.is_empty() {
            return None;
        }
        let mut parts = Vec::new();
        for (i, part) in tag.split(['-', '_']).enumerate() {
            if part.is_empty() || !part.chars().all(|c| c.is_ascii_alphanumeric()) {
                return None;
            }
            let norm = if i == 0 {
                part.to_ascii_lowercase()
            } else if part.len() == 2
                || (part.len() == 3 && part.chars().all(|c| c.is_ascii_digit()))
            {
                part.to_ascii_uppercase()
            } else if part.len() == 4 {
                let mut s = part[..1].to_ascii_uppercase();
                s.push_str(&part[1..].to_ascii_lowercase());
                s
            } else {
                part.to_ascii_lowercase()
            };
            parts.push(norm);
        }
        Some(Lang {
            tag: parts.join("-"),
        })
    }

    /// The normalised tag.
    pub fn tag(&self) -> &str {
        &self.tag
    }

    /// The primary language subtag (`zh`, `en`).
    pub fn primary(&self) -> &str {
        // Found on the bytes: asked once or twice per segment (`is_chinese`...), and
        // splitting the string showed in the profile of a million-line file.
        let end = self
            .tag
            .bytes()
            .position(|b| b == b'-')
            .unwrap_or(self.tag.len());
        &self.tag[..end]
    }

    /// Chinese, any variety.
    pub fn is_chinese(&self) -> bool {
        matches!(self.primary(), "zh" | "cmn" | "yue")
    }

    /// Japanese.
    pub fn is_japanese(&self) -> bool {
        self.primary() == "ja"
    }

    /// Korean.
    pub fn is_korean(&self) -> bool {
        self.primary() == "ko"
    }

    /// Written with Han characters (Chinese, Japanese).
    pub fn uses_han(&self) -> bool {
        self.is_chinese() || self.is_japanese()
    }

    /// Written without spaces between words (Chinese, Japanese, Thai...).
    pub fn is_cjk(&self) -> bool {
        self.is_chinese() || self.is_japanese() || self.is_korean()
    }

    /// English.
    pub fn is_english(&self) -> bool {
        self.primary() == "en"
    }

    /// Traditional Chinese (zh-TW, zh-HK, zh-MO, zh-Hant).
    pub fn is_traditional_chinese(&self) -> bool {
        self.is_chinese()
            && self
                .tag
                .split('-')
                .skip(1)
                .any(|p| matches!(p, "TW" | "HK" | "MO" | "Hant"))
            && !self.tag.split('-').any(|p| p == "Hans")
    }

    /// Written in the Latin script (by default for the languages we know).
    pub fn uses_latin(&self) -> bool {
        !matches!(
            self.primary(),
            "zh" | "cmn"
                | "yue"
                | "ja"
                | "ko"
                | "ru"
                | "uk"
                | "be"
                | "bg"
                | "sr"
                | "mk"
                | "el"
                | "ar"
                | "fa"
                | "he"
                | "hi"
                | "th"
                | "ka"
                | "hy"
                | "am"
                | "bn"
                | "ta"
                | "te"
                | "kn"
                | "ml"
                | "gu"
                | "pa"
                | "mr"
                | "ne"
                | "si"
                | "km"
                | "lo"
                | "my"
                | "ur"
                | "kk"
                | "ky"
                | "mn"
                | "tg"
        )
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.tag)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_normalised() {
        assert_eq!(Lang::parse("zh_CN").unwrap().tag(), "zh-CN");
        assert_eq!(Lang::parse("zh-hans").unwrap().tag(), "zh-Hans");
        assert_eq!(Lang::parse("en").unwrap().tag(), "en");
        assert_eq!(Lang::parse("zh_TW.UTF-8").unwrap().tag(), "zh-TW");
        assert!(Lang::parse("").is_none());
        assert!(Lang::parse("zh CN").is_none());
    }

    /// The primary subtag, and the language families read from it (the tags the removed
    /// byte test of `cjk-punctuation` was held to).
    #[test]
    fn primary_subtags() {
        for tag in [
            "zh",
            "zh-CN",
            "zh_TW",
            "zh-Hant-HK",
            "cmn",
            "cmn-Hans",
            "yue",
            "yue-HK",
            "en",
            "en-US",
            "ja",
            "z",
            "zhx",
            "cmnx",
            "yu",
            "ZH",
            "Zh-cn",
            "x-zh",
        ] {
            let Some(lang) = Lang::parse(tag) else {
                continue;
            };
            let expected = lang.tag().split('-').next().unwrap_or("");
            assert_eq!(lang.primary(), expected, "{tag}");
            assert_eq!(
                lang.is_chinese(),
                matches!(expected, "zh" | "cmn" | "yue"),
                "{tag}"
            );
        }
    }

    #[test]
    fn chinese_varieties() {
        assert!(Lang::parse("zh-TW").unwrap().is_traditional_chinese());
        assert!(Lang::parse("zh-Hant").unwrap().is_traditional_chinese());
        assert!(!Lang::parse("zh-CN").unwrap().is_traditional_chinese());
        assert!(!Lang::parse("zh-Hans-HK").unwrap().is_traditional_chinese());
        assert!(Lang::parse("zh").unwrap().is_chinese());
        assert!(Lang::parse("en-US").unwrap().uses_latin());
        assert!(!Lang::parse("zh").unwrap().uses_latin());
    }
}
