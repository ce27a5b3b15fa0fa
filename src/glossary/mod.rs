//! Glossaries: loading (CSV/TSV, TBX), validation, and the [`TermIndex`] that finds their
//! terms in text.

mod csv;
pub mod index;
pub mod inflect;

use std::path::Path;

use crate::diagnostic::InputError;

pub use index::{Concept, Role, TermIndex, TermMatch};

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
    /// Load a glossary file, choosing the format by extension: `.csv` (comma-separated),
    /// `.tsv` (tab-separated). Any other extension is an error that names the known ones.
    pub fn load(path: &Path) -> Result<Glossary, InputError> {
        let label = path.display().to_string();
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
            .unwrap_or_default();
        let format =
            match ext.as_str() {
                "csv" => csv::Delimiter::Comma,
                "tsv" | "tab" => csv::Delimiter::Tab,
                "tbx" => return Err(InputError::file(
                    label,
                    "TBX glossaries are not supported by this build yet; convert to CSV (SPEC §2)",
                )),
                "" => return Err(InputError::file(
                    label,
                    "glossary file has no extension: name it .csv or .tsv so its format is known",
                )),
                other => {
                    return Err(InputError::file(
                        label,
                        format!("unknown glossary format `.{other}` (expected .csv, .tsv or .tbx)"),
                    ))
                }
            };
        let bytes = crate::formats::read_bytes_at(path, &label).map_err(|mut e| {
            if let Some(rest) = e.message.strip_prefix("cannot read:") {
                e.message = format!("cannot read glossary:{rest}");
            }
            e
        })?;
        csv::parse(&label, &bytes, format)
    }

    /// Parse glossary CSV (or TSV) from memory; `path` is used in messages.
    pub fn from_csv(path: &str, bytes: &[u8], tab_separated: bool) -> Result<Glossary, InputError> {
        let d = if tab_separated {
            csv::Delimiter::Tab
        } else {
            csv::Delimiter::Comma
        };
        csv::parse(path, bytes, d)
    }
}
