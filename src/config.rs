//! Run options: what the command line and `termlint.toml` set for rules.

use serde::Deserialize;

/// Rule options for one run. Every field has a default; checks read what concerns them.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Options {
    /// Words the project knows are words (for `merged-words` and spelling rules).
    #[serde(default)]
    pub words: Vec<String>,
}
