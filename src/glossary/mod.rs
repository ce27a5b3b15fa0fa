//! Glossaries: loading (CSV/TSV, TBX), validation, and the [`TermIndex`] that finds their
//! terms in text.

pub mod commands;
pub mod coverage;
mod csv;
pub mod extract;
pub mod index;
pub mod inflect;
pub mod tbx;
pub mod validate;
pub mod write;

use std::path::Path;

use crate::diagnostic::InputError;
use crate::lang::Lang;

pub use index::{may_need_segmenter, warm_up_segmenter, Concept, Role, TermIndex, TermMatch};

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
    /// Glossary file, shared by the file's entries (one allocation per file, not per
    /// row: a 100k-row glossary would repeat its path 100,000 times).
    pub file: std::sync::Arc<str>,
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
    /// TBX `termType` of the source term (`acronym`, `abbreviation`, `fullForm`...).
    pub term_type: Option<String>,
    /// Definition of the concept (TBX `definition`, CSV `definition` column).
    pub definition: Option<String>,
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

/// Load every glossary of `paths` for the language pair `source` -> `target` (see
/// [`Glossary::load_for`]): the glossaries that loaded, and the errors of those that did
/// not.
pub fn load_all(
    paths: &[impl AsRef<Path>],
    source: Option<&Lang>,
    target: Option<&Lang>,
) -> (Vec<Glossary>, Vec<InputError>) {
    let mut glossaries = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        match Glossary::load_for(p.as_ref(), source, target) {
            Ok(g) => glossaries.push(g),
            Err(e) => errors.push(e),
        }
    }
    (glossaries, errors)
}

/// Read every input of a corpus command (`coverage`, `extract`) in order: the documents
/// that loaded; the errors of the others are added to `errors`.
pub(crate) fn load_inputs(
    inputs: &[crate::formats::Input],
    load: &crate::formats::LoadOptions,
    errors: &mut Vec<InputError>,
) -> Vec<crate::segment::Document> {
    let (docs, failed) = crate::formats::load_each(inputs, load, || ());
    errors.extend(failed);
    docs
}

/// Write a corpus command's report `text` to the file `output`, or else to `out` (a closed
/// pipe is not an error). The exit code: 2 when it cannot be written or `errors` (already
/// told) is not empty, else 0.
pub(crate) fn finish_report(
    text: &str,
    output: Option<&str>,
    out: &mut dyn std::io::Write,
    errors: &[InputError],
) -> u8 {
    let written = match output {
        Some(path) => std::fs::write(path, text).map_err(|e| format!("cannot write {path}: {e}")),
        None => match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
            Err(e) => Err(format!("cannot write output: {e}")),
        },
    };
    if let Err(e) = written {
        eprintln!("termlint: error: {e}");
        return 2;
    }
    if errors.is_empty() {
        0
    } else {
        2
    }
}

impl Glossary {
    /// Load a glossary file, choosing the format by extension: `.csv` (comma-separated),
    /// `.tsv` (tab-separated), `.tbx` (TBX v2 or v3, language pair chosen as
    /// [`Glossary::load_for`] describes with no languages given).
    pub fn load(path: &Path) -> Result<Glossary, InputError> {
        Glossary::load_for(path, None, None)
    }

    /// Load a glossary file for a run from `source` to `target` language. CSV and TSV
    /// have no languages and are read as they are. A TBX holds many languages: its source
    /// language is the one matching `source` (exact tag first, then the same language with
    /// a compatible script or region, then the same primary subtag), else the root
    /// element's `xml:lang`, else the first language of the file; its target language is
    /// the one matching `target`, else the first other language of the file.
    pub fn load_for(
        path: &Path,
        source: Option<&Lang>,
        target: Option<&Lang>,
    ) -> Result<Glossary, InputError> {
        let label = path.display().to_string();
        let format = GlossaryFormat::from_path(path)?;
        let bytes = crate::formats::read_bytes_at(path, &label).map_err(|mut e| {
            if let Some(rest) = e.message.strip_prefix("cannot read:") {
                e.message = format!("cannot read glossary:{rest}");
            }
            e
        })?;
        match format {
            GlossaryFormat::Csv => csv::parse(&label, &bytes, csv::Delimiter::Comma),
            GlossaryFormat::Tsv => csv::parse(&label, &bytes, csv::Delimiter::Tab),
            GlossaryFormat::Tbx => tbx::read_glossary(&label, bytes, source, target),
        }
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

/// The file formats a glossary can be read from and written to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GlossaryFormat {
    /// Comma-separated values (SPEC §2).
    Csv,
    /// Tab-separated values.
    Tsv,
    /// TermBase eXchange (ISO 30042), v2 or v3.
    Tbx,
}

impl GlossaryFormat {
    /// The format named by a file's extension (`.csv`, `.tsv`/`.tab`, `.tbx`); an error
    /// naming the known ones otherwise.
    pub fn from_path(path: &Path) -> Result<GlossaryFormat, InputError> {
        let label = path.display().to_string();
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
            .unwrap_or_default();
        match ext.as_str() {
            "csv" => Ok(GlossaryFormat::Csv),
            "tsv" | "tab" => Ok(GlossaryFormat::Tsv),
            "tbx" => Ok(GlossaryFormat::Tbx),
            "" => Err(InputError::file(
                label,
                "glossary file has no extension: name it .csv, .tsv or .tbx so its format is known",
            )),
            other => Err(InputError::file(
                label,
                format!("unknown glossary format `.{other}` (expected .csv, .tsv or .tbx)"),
            )),
        }
    }
}
