//! Run options: what the command line and `termlint.toml` set for rules.

use serde::Deserialize;

/// Rule options for one run. Every field has a default; checks read what concerns them.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Options {
    /// Words the project knows are words (for `merged-words` and spelling rules).
    #[serde(default)]
    pub words: Vec<String>,
    /// `cjk-spacing`: the convention for a space between CJK and Latin letters or digits.
    #[serde(default)]
    pub cjk_spacing: CjkSpacing,
    /// `cjk-spacing`: also check a number followed by a Chinese unit or measure word
    /// (`2020年`, `5.2万个`, `50%`); by default such a number is left alone on both sides.
    #[serde(default)]
    pub cjk_spacing_units: bool,
    /// `cjk-spacing`: spacing between a CJK character and a curly quote (“ ” ‘ ’).
    #[serde(default)]
    pub cjk_spacing_quotes: CjkQuoteSpacing,
    /// `cjk-punctuation` and `cjk-spacing`: check the source side too (off by default: the
    /// source is usually not the translator's to fix).
    #[serde(default)]
    pub cjk_check_source: bool,
}

/// The convention `cjk-spacing` enforces between CJK characters and Latin letters or digits.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CjkSpacing {
    /// A space is required (`组织 APT-C-39`), as the Chinese copywriting guidelines want.
    Require,
    /// No space (`组织APT-C-39`), PRC news style.
    Forbid,
    /// Whichever style is in the majority within a document; the minority is flagged.
    #[default]
    Consistent,
}

/// What `cjk-spacing` says about spaces between CJK characters and curly quotes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CjkQuoteSpacing {
    /// Not checked.
    #[default]
    Ignore,
    /// `点击 “确定” 按钮`.
    Require,
    /// `点击“确定”按钮`.
    Forbid,
}
