//! Chinese scripts: Simplified vs Traditional characters, the variety a language tag asks
//! for, and the variety a text shows.
//!
//! The character tables are generated from the OpenCC dictionaries (Apache-2.0) by
//! `scripts/gen_zh_script.py` and embedded: `data/zh-trad-only.tsv` lists characters that
//! never occur in Simplified text (with their Simplified forms), `data/zh-simp-only.tsv`
//! characters that never occur in Traditional text (with their Traditional forms).
//! Characters shared by both scripts or admissible in both (台, 后, 干, 里, 只, 著, 乾) are in
//! neither list.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::Lang;

/// The written variety of Chinese.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Variety {
    /// Simplified characters (mainland China, Singapore, Malaysia).
    Simplified,
    /// Traditional characters (Taiwan, Hong Kong, Macau).
    Traditional,
}

impl Variety {
    /// The other variety.
    pub fn other(self) -> Variety {
        match self {
            Variety::Simplified => Variety::Traditional,
            Variety::Traditional => Variety::Simplified,
        }
    }

    /// `Simplified` / `Traditional`.
    pub fn name(self) -> &'static str {
        match self {
            Variety::Simplified => "Simplified",
            Variety::Traditional => "Traditional",
        }
    }
}

/// The variety a language tag asks for: `zh-CN`, `zh-SG`, `zh-MY`, `zh-Hans` are
/// Simplified; `zh-TW`, `zh-HK`, `zh-MO`, `zh-Hant` Traditional; a script subtag wins over a
/// region (`zh-Hant-CN` is Traditional). Plain `zh` (and non-Chinese tags) give `None`.
pub fn variety_of(lang: &Lang) -> Option<Variety> {
    if !lang.is_chinese() {
        return None;
    }
    // Asked for every Chinese segment: the subtags are walked, not collected.
    let parts = || lang.tag().split('-').skip(1);
    if parts().any(|p| p == "Hans") {
        return Some(Variety::Simplified);
    }
    if parts().any(|p| p == "Hant") {
        return Some(Variety::Traditional);
    }
    if parts().any(|p| matches!(p, "TW" | "HK" | "MO")) {
        return Some(Variety::Traditional);
    }
    if parts().any(|p| matches!(p, "CN" | "SG" | "MY")) {
        return Some(Variety::Simplified);
    }
    None
}

/// The region a tag names for vocabulary purposes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Region {
    /// Mainland China (and Singapore, Malaysia: they follow mainland vocabulary).
    Mainland,
    /// Taiwan.
    Taiwan,
    /// Hong Kong and Macau.
    HongKong,
}

/// The region of a Chinese language tag, if it names one (`zh-Hant` alone names none).
pub fn region_of(lang: &Lang) -> Option<Region> {
    if !lang.is_chinese() {
        return None;
    }
    for p in lang.tag().split('-').skip(1) {
        match p {
            "CN" | "SG" | "MY" => return Some(Region::Mainland),
            "TW" => return Some(Region::Taiwan),
            "HK" | "MO" => return Some(Region::HongKong),
            _ => {}
        }
    }
    None
}

struct Tables {
    trad_only: HashMap<char, &'static str>,
    simp_only: HashMap<char, &'static str>,
}

fn parse_table(text: &'static str) -> HashMap<char, &'static str> {
    let mut out = HashMap::new();
    for line in text.lines() {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        let Some((k, v)) = line.split_once('\t') else {
            continue;
        };
        let mut chars = k.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            out.insert(c, v);
        }
    }
    out
}

fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(|| Tables {
        trad_only: parse_table(include_str!("../../data/zh-trad-only.tsv")),
        simp_only: parse_table(include_str!("../../data/zh-simp-only.tsv")),
    })
}

/// The forms of `c` in variety `to` when `c` belongs only to the other variety: for
/// `to = Simplified`, the Simplified forms of a Traditional-only character (`後` -> `后`);
/// for `to = Traditional`, the Traditional forms of a Simplified-only one (`发` -> `發 髮`).
/// `None` when `c` is admissible in `to`.
pub fn foreign_char(c: char, to: Variety) -> Option<impl Iterator<Item = &'static str>> {
    foreign_char_in(c, to, None)
}

/// [`foreign_char`] with the Traditional forms of `region`: Taiwan (`启` -> `啟`), Hong Kong
/// (`启` -> `啓`), or OpenCC's standard forms for `None`.
pub fn foreign_char_in(
    c: char,
    to: Variety,
    region: Option<Region>,
) -> Option<impl Iterator<Item = &'static str>> {
    if (c as u32) < 0x3400 {
        return None;
    }
    let t = tables();
    let table = match to {
        Variety::Simplified => &t.trad_only,
        Variety::Traditional => &t.simp_only,
    };
    let columns = table.get(&c)?;
    let mut cols = columns.split('\t');
    let standard = cols.next().unwrap_or("");
    let (tw, hk) = (cols.next(), cols.next());
    let forms = match region {
        Some(Region::Taiwan) => tw.unwrap_or(standard),
        Some(Region::HongKong) => hk.unwrap_or(standard),
        _ => standard,
    };
    Some(forms.split(' '))
}

/// Whether `c` is written only in variety `v` (a Traditional-only or Simplified-only
/// character).
pub fn only_in(c: char, v: Variety) -> bool {
    foreign_char(c, v.other()).is_some()
}

/// Counts of variety-specific characters in some texts: (Simplified-only, Traditional-only).
pub fn count_specific<'a>(texts: impl IntoIterator<Item = &'a str>) -> (usize, usize) {
    let (mut s, mut t) = (0, 0);
    for text in texts {
        for c in text.chars() {
            if only_in(c, Variety::Simplified) {
                s += 1;
            } else if only_in(c, Variety::Traditional) {
                t += 1;
            }
        }
    }
    (s, t)
}

/// The variety a body of text clearly shows: at least `min` variety-specific characters,
/// of which at least 95% belong to one variety. `None` when the evidence is thin or mixed.
pub fn infer_variety(simp: usize, trad: usize, min: usize) -> Option<Variety> {
    let total = simp + trad;
    if total < min.max(1) {
        return None;
    }
    if simp * 100 >= total * 95 {
        Some(Variety::Simplified)
    } else if trad * 100 >= total * 95 {
        Some(Variety::Traditional)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conv(c: char, to: Variety) -> Option<Vec<&'static str>> {
        foreign_char(c, to).map(|i| i.collect())
    }

    #[test]
    fn varieties_of_tags() {
        let v = |t: &str| variety_of(&Lang::parse(t).unwrap());
        assert_eq!(v("zh-CN"), Some(Variety::Simplified));
        assert_eq!(v("zh_SG"), Some(Variety::Simplified));
        assert_eq!(v("zh-Hans"), Some(Variety::Simplified));
        assert_eq!(v("zh-TW"), Some(Variety::Traditional));
        assert_eq!(v("zh-HK"), Some(Variety::Traditional));
        assert_eq!(v("zh-Hant"), Some(Variety::Traditional));
        assert_eq!(v("zh-Hans-HK"), Some(Variety::Simplified));
        assert_eq!(v("zh-Hant-CN"), Some(Variety::Traditional));
        assert_eq!(v("zh"), None);
        assert_eq!(v("en-US"), None);
        assert_eq!(
            region_of(&Lang::parse("zh-Hant-TW").unwrap()),
            Some(Region::Taiwan)
        );
        assert_eq!(region_of(&Lang::parse("zh-Hant").unwrap()), None);
    }

    #[test]
    fn traditional_only_characters() {
        assert_eq!(conv('後', Variety::Simplified), Some(vec!["后"]));
        assert_eq!(conv('髮', Variety::Simplified), Some(vec!["发"]));
        assert_eq!(conv('臺', Variety::Simplified), Some(vec!["台"]));
        assert_eq!(conv('啟', Variety::Simplified), Some(vec!["启"]));
        // Admissible in Simplified text: 乾 (乾隆), 著 (著名), and the shared characters.
        for c in ['乾', '著', '台', '后', '干', '里', '只', '的', '着'] {
            assert_eq!(conv(c, Variety::Simplified), None, "{c}");
        }
    }

    #[test]
    fn regional_traditional_forms() {
        let f = |r| foreign_char_in('启', Variety::Traditional, r).map(|i| i.collect::<Vec<_>>());
        assert_eq!(f(Some(Region::Taiwan)), Some(vec!["啟"]));
        assert_eq!(f(Some(Region::HongKong)), Some(vec!["啓"]));
        assert_eq!(f(None), Some(vec!["啓"]));
        assert_eq!(
            foreign_char_in('说', Variety::Traditional, Some(Region::Taiwan))
                .map(|i| i.collect::<Vec<_>>()),
            Some(vec!["說"])
        );
    }

    #[test]
    fn simplified_only_characters() {
        assert_eq!(conv('发', Variety::Traditional), Some(vec!["發", "髮"]));
        assert_eq!(conv('说', Variety::Traditional), Some(vec!["說"]));
        // Admissible in Traditional text: 后 (皇后), 干 (干涉), 里 (公里), 只, 台, 么 and 着
        // (variants), 户 and 温 (Hong Kong forms).
        for c in ['后', '干', '里', '只', '台', '么', '着', '户', '温', '的'] {
            assert_eq!(conv(c, Variety::Traditional), None, "{c}");
        }
    }

    #[test]
    fn inference_needs_clear_evidence() {
        assert_eq!(
            infer_variety(count_specific(["这是简体中文的说明"]).0, 0, 3),
            Some(Variety::Simplified)
        );
        let (s, t) = count_specific(["這是繁體中文的說明"]);
        assert_eq!(infer_variety(s, t, 3), Some(Variety::Traditional));
        assert_eq!(infer_variety(10, 10, 3), None);
        assert_eq!(infer_variety(2, 0, 3), None);
    }
}
