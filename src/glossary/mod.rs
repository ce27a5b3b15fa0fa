//! Glossaries: loading (CSV/TSV, TBX), validation, and the [`TermIndex`] that finds their
//! terms in text.

use std::path::Path;

use crate::diagnostic::InputError;

/// How capitals in a term must match the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CaseRule {
    /// Capitals in the term must be capitals in the text; lower case matches either.
    #[default]
    Permissive,
    /// Exactly as written.
    Sensitive,
    /// Any case.
    Insensitive,
}

/// Whether the last word of an English term may inflect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MatchMode {
    /// `inflect` for English sources, `exact` otherwise.
    #[default]
    Auto,
    /// The last word inflects (`host` ~ `hosts`).
    Inflect,
    /// Only the form as written.
    Exact,
}

/// Where an entry came from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Origin {
    /// Glossary file.
    pub file: String,
    /// 1-based line of the row (or element).
    pub line: usize,
}

/// One glossary row: a source term and its renderings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TermEntry {
    /// The source-language term; empty for a target-only rule.
    pub source: String,
    /// Approved renderings, the first preferred.
    pub targets: Vec<String>,
    /// Renderings that must not be used.
    pub forbidden: Vec<String>,
    /// Free text shown to the user.
    pub note: Option<String>,
    /// Case matching.
    pub case: CaseRule,
    /// Inflection.
    pub match_mode: MatchMode,
    /// Concept id.
    pub id: Option<String>,
    /// Part of speech.
    pub pos: Option<String>,
    /// Subject field.
    pub domain: Option<String>,
    /// File and line.
    pub origin: Origin,
}

impl TermEntry {
    /// Do-not-translate: the approved rendering is the source itself.
    pub fn is_do_not_translate(&self) -> bool {
        !self.source.is_empty() && self.targets.iter().any(|t| t == &self.source)
    }
}

/// A loaded glossary.
#[derive(Debug, Clone, Default)]
pub struct Glossary {
    /// The file it was read from.
    pub path: String,
    /// Its rows, in file order.
    pub entries: Vec<TermEntry>,
    /// Problems that did not stop loading (duplicate rows, unknown columns).
    pub warnings: Vec<InputError>,
}

impl Glossary {
    /// Load a glossary file, choosing the format by extension.
    pub fn load(path: &Path) -> Result<Glossary, InputError> {
        Err(InputError::file(
            path.display().to_string(),
            "glossary loading is not implemented yet",
        ))
    }
}

/// All glossary terms of a run, indexed for fast matching.
#[derive(Debug, Default)]
pub struct TermIndex {
    /// Every entry, across glossaries.
    pub entries: Vec<TermEntry>,
}

impl TermIndex {
    /// Index the entries of `glossaries`.
    pub fn build(glossaries: &[Glossary]) -> TermIndex {
        TermIndex {
            entries: glossaries
                .iter()
                .flat_map(|g| g.entries.iter().cloned())
                .collect(),
        }
    }
}
