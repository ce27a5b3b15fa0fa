//! Run options: what the command line and `termlint.toml` set for rules.

use serde::Deserialize;

/// Rule options for one run. Every field has a default; checks read what concerns them.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Options {
    /// Words the project knows are words (for `merged-words` and spelling rules).
    #[serde(default)]
    pub words: Vec<String>,
    /// Options of `term-inconsistent` (`[term-inconsistent]` in `termlint.toml`).
    #[serde(default)]
    pub term_inconsistent: TermInconsistentOptions,
}

/// Options of the `term-inconsistent` rule.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct TermInconsistentOptions {
    /// Also flag one translation shared by different sources (off by default).
    #[serde(default)]
    pub reverse: bool,
}
