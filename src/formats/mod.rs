//! Input formats. Each file here reads one format into a [`Document`] whose texts keep exact
//! spans back into the file; [`load`] picks the reader.

pub mod text;

use std::path::Path;

use crate::diagnostic::InputError;
use crate::lang::script::{dominant_script, Script};
use crate::lang::Lang;
use crate::segment::Document;

/// How a plain-text source and target are cut into segments.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    /// Blank-line separated paragraphs.
    #[default]
    Paragraphs,
    /// One segment per line.
    Lines,
}

/// What to read.
#[derive(Debug, Clone)]
pub enum Input {
    /// A bilingual file; the format comes from its extension and content.
    File(String),
    /// A source file and its translation, aligned by paragraph or line.
    Pair {
        /// The source file.
        source: String,
        /// The translation.
        target: String,
    },
    /// A monolingual document: target-side checks only.
    Monolingual(String),
    /// A document with source and target paragraphs interleaved.
    Interleaved(String),
}

impl Input {
    /// The path to name in messages.
    pub fn display_path(&self) -> &str {
        match self {
            Input::File(p) | Input::Monolingual(p) | Input::Interleaved(p) => p,
            Input::Pair { target, .. } => target,
        }
    }
}

/// Options that affect reading.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Source language from the command line.
    pub source_lang: Option<Lang>,
    /// Target language from the command line.
    pub target_lang: Option<Lang>,
    /// Segmenting of plain-text pairs.
    pub align: Align,
    /// Check fuzzy entries too.
    pub include_fuzzy: bool,
}

/// Read one input into a document. Languages not given or found in metadata are detected
/// from the script of each side.
pub fn load(input: &Input, opts: &LoadOptions) -> Result<Document, InputError> {
    let mut doc = match input {
        Input::Pair { source, target } => text::load_pair(source, target, opts)?,
        Input::Monolingual(path) => text::load_monolingual(path, opts)?,
        Input::Interleaved(path) => {
            return Err(InputError::file(
                path.clone(),
                "--interleaved is not supported yet",
            ))
        }
        Input::File(path) => {
            return Err(InputError::file(
                path.clone(),
                "unrecognised file format (expected .po, .pot, .xlf, .xliff, .tmx, .csv, .tsv or .json)",
            ))
        }
    };
    if opts.source_lang.is_some() {
        doc.source_lang = opts.source_lang.clone();
    }
    if opts.target_lang.is_some() {
        doc.target_lang = opts.target_lang.clone();
    }
    if doc.source_lang.is_none() && doc.segments.iter().any(|s| s.source.is_some()) {
        doc.source_lang = detect_lang(
            doc.segments
                .iter()
                .filter_map(|s| s.source.as_ref())
                .map(|t| t.as_str()),
        );
    }
    if doc.target_lang.is_none() {
        doc.target_lang = detect_lang(
            doc.segments
                .iter()
                .filter_map(|s| s.target.as_ref())
                .map(|t| t.as_str()),
        );
    }
    Ok(doc)
}

/// Guess a language from the dominant script: Han -> `zh`, Latin -> `en`.
pub fn detect_lang<'a>(texts: impl IntoIterator<Item = &'a str>) -> Option<Lang> {
    match dominant_script(texts) {
        Script::Han => Lang::parse("zh"),
        Script::Latin => Lang::parse("en"),
        Script::Kana => Lang::parse("ja"),
        Script::Hangul => Lang::parse("ko"),
        Script::Other => None,
    }
}

/// Read a file as UTF-8 text: a UTF-8 BOM is dropped, UTF-16 with a BOM is transcoded;
/// invalid UTF-8 and NUL bytes are errors naming the byte offset.
pub fn read_text(path: &str) -> Result<String, InputError> {
    let bytes = std::fs::read(Path::new(path))
        .map_err(|e| InputError::file(path, format!("cannot read: {e}")))?;
    decode_text(path, bytes)
}

/// Decode file bytes as [`read_text`] does.
pub fn decode_text(path: &str, bytes: Vec<u8>) -> Result<String, InputError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        let enc = if bytes[0] == 0xFF {
            encoding_rs::UTF_16LE
        } else {
            encoding_rs::UTF_16BE
        };
        let (text, had_errors) = enc.decode_with_bom_removal(&bytes);
        if had_errors {
            return Err(InputError::file(path, "invalid UTF-16"));
        }
        return Ok(text.into_owned());
    }
    let body = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(&bytes);
    if let Some(at) = body.iter().position(|&b| b == 0) {
        return Err(InputError::file(
            path,
            format!("binary file (NUL byte at offset {at}); not text"),
        ));
    }
    match std::str::from_utf8(body) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => {
            let at = e.valid_up_to();
            let line = body[..at].iter().filter(|&&b| b == b'\n').count() + 1;
            Err(InputError::at(
                path,
                line,
                None,
                format!("invalid UTF-8 at byte offset {at}"),
            ))
        }
    }
}
