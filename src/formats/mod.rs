//! Input formats. Each file here reads one format into a [`Document`] whose texts keep exact
//! spans back into the file; [`load`] picks the reader.

pub mod csv;
pub mod interleaved;
pub mod json;
pub mod markdown;
pub mod po;
#[cfg(test)]
mod proptests;
pub mod text;
pub mod tmx;
pub mod walk;
pub mod xliff;
pub mod xml;

use std::io::Read;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::diagnostic::InputError;
use crate::lang::script::{dominant_script, Script};
use crate::lang::Lang;
use crate::segment::{Document, Segment, SegmentState, Text};

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
    /// Check only segments in these states (`--state`); empty: every state but fuzzy.
    /// Segments of formats without states ([`SegmentState::Unknown`]) are always kept.
    pub states: Vec<SegmentState>,
    /// A document whose segments are made a chunk at a time ([`DeferredSegments`]) keeps
    /// them across the sweeps of corpus passes when its files are smaller than this many
    /// bytes, instead of making them again in each sweep; `None`: 16 MiB.
    pub keep_segments_below: Option<usize>,
}

/// The file formats [`load`] reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// gettext PO/POT.
    Po,
    /// XLIFF 1.2 or 2.x.
    Xliff,
    /// TMX 1.4.
    Tmx,
    /// CSV/TSV bilingual tables.
    Csv,
    /// JSON locale files (read in source/target pairs).
    Json,
}

impl Format {
    /// The format a file name's extension announces.
    pub fn from_extension(path: &str) -> Option<Format> {
        let ext = Path::new(path).extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "po" | "pot" => Format::Po,
            "xlf" | "xliff" | "sdlxliff" | "mqxliff" => Format::Xliff,
            "tmx" => Format::Tmx,
            "csv" | "tsv" | "tab" => Format::Csv,
            "json" => Format::Json,
            _ => return None,
        })
    }

    /// The format the content looks like (for files without a telling extension).
    pub fn sniff(bytes: &[u8]) -> Option<Format> {
        let prefix = &bytes[..bytes.len().min(4096) & !1];
        let head = if prefix.starts_with(&[0xFF, 0xFE]) {
            encoding_rs::UTF_16LE.decode_with_bom_removal(prefix).0
        } else if prefix.starts_with(&[0xFE, 0xFF]) {
            encoding_rs::UTF_16BE.decode_with_bom_removal(prefix).0
        } else {
            String::from_utf8_lossy(prefix)
        };
        let head = head.trim_start_matches('\u{feff}').trim_start();
        if head.starts_with("msgid ")
            || head.starts_with("msgctxt ")
            || (head.starts_with('#') && head.contains("\nmsgid "))
        {
            return Some(Format::Po);
        }
        if head.starts_with('<') {
            let lower = head.to_ascii_lowercase();
            let root = lower
                .match_indices('<')
                .map(|(i, _)| &lower[i + 1..])
                .find(|t| !t.starts_with('?') && !t.starts_with('!'))?;
            if root.starts_with("xliff") {
                return Some(Format::Xliff);
            }
            if root.starts_with("tmx") {
                return Some(Format::Tmx);
            }
        }
        None
    }
}

/// The default largest file read, in bytes (1 GiB); `--max-file-size` changes it. Large
/// catalogs are fine (memory grows with the file), but a device, a dump or a file given by
/// mistake must end in a clear error, not an out-of-memory kill.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 1 << 30;

/// The default longest line of a plain-text or Markdown input, in bytes (1 MiB);
/// `--max-line-length` changes it. Such a line is one segment; a line of many megabytes is
/// not prose but generated or binary data, and checking it would take memory and time out
/// of proportion.
pub const DEFAULT_MAX_LINE_LENGTH: u64 = 1 << 20;

static MAX_FILE_SIZE: AtomicU64 = AtomicU64::new(DEFAULT_MAX_FILE_SIZE);
static MAX_LINE_LENGTH: AtomicU64 = AtomicU64::new(DEFAULT_MAX_LINE_LENGTH);

/// Set the largest file [`read_bytes`] accepts, in bytes, for the whole process (the
/// `--max-file-size` option); `0` removes the limit.
pub fn set_max_file_size(bytes: u64) {
    MAX_FILE_SIZE.store(bytes, Ordering::Relaxed);
}

/// The largest file [`read_bytes`] accepts, in bytes (`0`: no limit).
pub fn max_file_size() -> u64 {
    MAX_FILE_SIZE.load(Ordering::Relaxed)
}

/// Set the longest line [`read_text`] accepts, in bytes, for the whole process (the
/// `--max-line-length` option); `0` removes the limit.
pub fn set_max_line_length(bytes: u64) {
    MAX_LINE_LENGTH.store(bytes, Ordering::Relaxed);
}

/// The longest line [`read_text`] accepts, in bytes (`0`: no limit).
pub fn max_line_length() -> u64 {
    MAX_LINE_LENGTH.load(Ordering::Relaxed)
}

/// A byte count for messages: `52428800` -> `50.0 MiB`.
pub fn human_size(bytes: u64) -> String {
    if bytes >= 1 << 20 {
        format!("{:.1} MiB", bytes as f64 / (1u64 << 20) as f64)
    } else if bytes >= 1 << 10 {
        format!("{:.1} KiB", bytes as f64 / 1024.0)
    } else {
        format!("{bytes} bytes")
    }
}

/// Read a whole input file, refusing one larger than [`max_file_size`] with an error that
/// names the limit and the option. Devices and pipes (`/dev/zero`) are read only up to the
/// limit, so an endless input is refused too instead of exhausting memory.
pub fn read_bytes(path: &str) -> Result<Vec<u8>, InputError> {
    read_bytes_at(Path::new(path), path)
}

/// [`read_bytes`] for a path that may not be UTF-8, named `path` in messages.
pub fn read_bytes_at(file: &Path, path: &str) -> Result<Vec<u8>, InputError> {
    let limit = max_file_size();
    let too_big = |size: String| {
        InputError::file(
            path,
            format!(
                "file too large ({size}; the limit is {}): raise it with --max-file-size, or split the file",
                human_size(limit)
            ),
        )
    };
    let file = std::fs::File::open(file)
        .map_err(|e| InputError::file(path, format!("cannot read: {e}")))?;
    let meta = file.metadata().ok();
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if meta.as_ref().is_some_and(|m| {
            let t = m.file_type();
            t.is_char_device() || t.is_block_device()
        }) {
            return Err(InputError::file(path, "a device, not a file; not read"));
        }
    }
    let len = meta.map_or(0, |m| m.len());
    if limit > 0 && len > limit {
        return Err(too_big(human_size(len)));
    }
    let mut bytes = Vec::with_capacity(len as usize);
    let cap = if limit > 0 { limit + 1 } else { u64::MAX };
    file.take(cap)
        .read_to_end(&mut bytes)
        .map_err(|e| InputError::file(path, format!("cannot read: {e}")))?;
    if limit > 0 && bytes.len() as u64 > limit {
        return Err(too_big(format!("over {}", human_size(limit))));
    }
    Ok(bytes)
}

/// Read one bilingual file, its format detected by extension, then by content.
fn load_file(path: &str, opts: &LoadOptions) -> Result<Document, InputError> {
    load_file_as(path, opts, false).map(|(doc, _)| doc)
}

/// [`load_file`], leaving the segments of a large catalog unmade when `defer` is set (see
/// [`po::load_deferred`]).
fn load_file_as(
    path: &str,
    opts: &LoadOptions,
    defer: bool,
) -> Result<(Document, Option<po::DeferredEntries>), InputError> {
    if Format::from_extension(path) == Some(Format::Po) {
        if let Some(read) = po::read_in_parallel(path) {
            return if defer {
                po::load_deferred_read(path, read, opts)
            } else {
                po::load_read(path, read, opts).map(|doc| (doc, None))
            };
        }
    }
    let bytes = read_bytes(path)?;
    if is_binary(&bytes) {
        return Err(InputError::file(
            path,
            "binary file; not a translation file",
        ));
    }
    let format = Format::from_extension(path)
        .or_else(|| Format::sniff(&bytes))
        .ok_or_else(|| {
            InputError::file(
                path,
                "unrecognised file format (expected .po, .pot, .xlf, .xliff, .tmx, .csv, .tsv or .json)",
            )
        })?;
    let doc = match format {
        Format::Po if defer => return po::load_deferred(path, bytes, opts),
        Format::Po => po::load(path, bytes, opts),
        Format::Xliff => xliff::load(path, bytes, opts),
        Format::Tmx => tmx::load(path, bytes, opts),
        Format::Csv => csv::load(path, bytes, opts),
        Format::Json => Err(InputError::file(
            path,
            "a JSON locale file holds one language: give the pair, e.g. --source en.json --target zh-CN.json",
        )),
    }?;
    Ok((doc, None))
}

/// Whether bytes look binary: a NUL byte in the first 8 KiB of a file without a UTF-16 BOM.
pub fn is_binary(bytes: &[u8]) -> bool {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return false;
    }
    bytes[..bytes.len().min(8192)].contains(&0)
}

/// Whether the state filter keeps `s`.
pub(crate) fn keeps_state(s: &Segment, opts: &LoadOptions) -> bool {
    s.state == SegmentState::Unknown
        || (s.state == SegmentState::Fuzzy && opts.include_fuzzy)
        || if opts.states.is_empty() {
            s.state != SegmentState::Fuzzy
        } else {
            opts.states.contains(&s.state)
        }
}

/// Refuse a document with a segment text longer than [`max_line_length`] (see
/// [`too_long_error`]), then drop the segments the state filter excludes. One parallel
/// walk over the segments answers both questions (a million segments are hundreds of MB
/// to walk); usually no text is too long and every segment stays, and then nothing moves.
/// `limit` is [`max_line_length`] (`0`: none).
fn check_lengths_and_filter_states(
    doc: &mut Document,
    opts: &LoadOptions,
    limit: u64,
) -> Result<(), InputError> {
    use rayon::prelude::*;
    let too_long =
        |seg: &Segment| limit != 0 && texts_of(seg).any(|t| t.as_str().len() as u64 > limit);
    // (index of the first segment with a text too long, whether any segment is dropped)
    let (first_long, drop_any) = doc
        .segments
        .par_iter()
        .enumerate()
        .map(|(i, s)| (too_long(s).then_some(i), !keeps_state(s, opts)))
        .reduce(
            || (None, false),
            |(a, x), (b, y)| {
                let first = match (a, b) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (a, b) => a.or(b),
                };
                (first, x || y)
            },
        );
    if let Some(i) = first_long {
        let t = texts_of(&doc.segments[i])
            .find(|t| t.as_str().len() as u64 > limit)
            .expect("a text over the limit");
        return Err(too_long_error(doc, t, limit));
    }
    if drop_any {
        doc.segments.retain(|s| keeps_state(s, opts));
    }
    Ok(())
}

/// An error at byte `offset` of decoded `content`, with its line and column.
pub(crate) fn error_at(
    path: &str,
    content: &str,
    offset: usize,
    message: impl Into<String>,
) -> InputError {
    let mut offset = offset.min(content.len());
    while !content.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &content[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    InputError::at(path, line, Some(column), message)
}

/// Decode bytes: a UTF-16 BOM wins; else the declared charset (`None`, UTF-8 or an unknown
/// label: UTF-8, BOM dropped, validated); else that encoding (GBK, GB18030, Big5...).
pub fn decode_declared(
    path: &str,
    bytes: Vec<u8>,
    charset: Option<&str>,
) -> Result<String, InputError> {
    if bytes.starts_with(&[0xFF, 0xFE])
        || bytes.starts_with(&[0xFE, 0xFF])
        || bytes.starts_with(&[0xEF, 0xBB, 0xBF])
    {
        return decode_text(path, bytes);
    }
    let enc = charset.and_then(|c| encoding_rs::Encoding::for_label(c.trim().as_bytes()));
    match enc {
        Some(enc) if enc != encoding_rs::UTF_8 && !bytes.is_ascii() => {
            match enc.decode_without_bom_handling_and_without_replacement(&bytes) {
                Some(s) => Ok(s.into_owned()),
                None => {
                    let (lossy, _) = enc.decode_without_bom_handling(&bytes);
                    let at = lossy.find('\u{fffd}').unwrap_or(0);
                    Err(error_at(
                        path,
                        &lossy,
                        at,
                        format!("invalid {} byte sequence", enc.name()),
                    ))
                }
            }
        }
        _ => decode_text(path, bytes),
    }
}

/// Read every input ([`load`]), on all cores, calling `done` after each (for a progress
/// bar): the documents that loaded, in input order, and the errors of the others.
pub fn load_each(
    inputs: &[Input],
    opts: &LoadOptions,
    done: impl Fn() + Sync,
) -> (Vec<Document>, Vec<InputError>) {
    let (docs, _, errors) = load_each_inner(inputs, opts, done, false);
    (docs, errors)
}

/// [`load_each`], leaving unmade the segments of monolingual plain-text inputs (with their
/// language given) and of gettext catalogs of 1 MB or more: beside each document, what
/// makes its segments on demand (see [`text::load_monolingual_deferred`] and
/// [`po::load_deferred`]), or `None` for a document whose segments are made. Only for a
/// run whose checks look at each segment alone and nothing after them reads the segments:
/// a deferred document's `segments` are empty.
pub fn load_each_deferred(
    inputs: &[Input],
    opts: &LoadOptions,
    done: impl Fn() + Sync,
) -> (
    Vec<Document>,
    Vec<Option<DeferredSegments>>,
    Vec<InputError>,
) {
    load_each_inner(inputs, opts, done, true)
}

fn load_each_inner(
    inputs: &[Input],
    opts: &LoadOptions,
    done: impl Fn() + Sync,
    defer: bool,
) -> (
    Vec<Document>,
    Vec<Option<DeferredSegments>>,
    Vec<InputError>,
) {
    use rayon::prelude::*;
    let loaded: Vec<Result<(Document, Option<DeferredSegments>), InputError>> = inputs
        .par_iter()
        .map(|input| {
            let r = if defer {
                load_deferring(input, opts)
            } else {
                load(input, opts).map(|doc| (doc, None))
            };
            done();
            r
        })
        .collect();
    let mut docs = Vec::with_capacity(loaded.len());
    let mut deferred = Vec::with_capacity(loaded.len());
    let mut errors = Vec::new();
    for r in loaded {
        match r {
            Ok((doc, d)) => {
                docs.push(doc);
                deferred.push(d);
            }
            Err(e) => errors.push(e),
        }
    }
    (docs, deferred, errors)
}

/// Read one input into a document. Languages not given or found in metadata are detected
/// from the script of each side.
pub fn load(input: &Input, opts: &LoadOptions) -> Result<Document, InputError> {
    let mut doc = match input {
        Input::Pair { source, target } => {
            let ext = |p: &str| {
                Path::new(p)
                    .extension()
                    .and_then(|e| e.to_str())
                    .map(|e| e.to_ascii_lowercase())
            };
            match (ext(source).as_deref(), ext(target).as_deref()) {
                (Some("json"), Some("json")) => json::load_pair(source, target, opts)?,
                (Some("md" | "markdown"), _) | (_, Some("md" | "markdown")) => {
                    markdown::load_pair(source, target, opts)?
                }
                _ => text::load_pair(source, target, opts)?,
            }
        }
        Input::Monolingual(path) => text::load_monolingual(path, opts)?,
        Input::Interleaved(path) => interleaved::load(path, opts)?,
        Input::File(path) => load_file(path, opts)?,
    };
    finish_loading(&mut doc, opts)?;
    Ok(doc)
}

/// What [`load`] does to every document a reader made: refuse texts over the length
/// limit, apply the state filter, settle the languages.
fn finish_loading(doc: &mut Document, opts: &LoadOptions) -> Result<(), InputError> {
    check_lengths_and_filter_states(doc, opts, max_line_length())?;
    settle_langs(
        &mut doc.source_lang,
        &mut doc.target_lang,
        doc.segments.iter(),
        opts,
    );
    Ok(())
}

/// The languages of a document whose reader found `source` and `target` (from metadata):
/// those of the options first, else those, else the ones detected in `segments` (all of
/// them, or the first ones, as long as they hold the sample [`detect_lang`] looks at).
fn settle_langs<'a>(
    source: &mut Option<Lang>,
    target: &mut Option<Lang>,
    segments: impl Iterator<Item = &'a Segment> + Clone,
    opts: &LoadOptions,
) {
    if opts.source_lang.is_some() {
        source.clone_from(&opts.source_lang);
    }
    if opts.target_lang.is_some() {
        target.clone_from(&opts.target_lang);
    }
    if source.is_none() && segments.clone().any(|s| s.source.is_some()) {
        *source = detect_lang(
            segments
                .clone()
                .filter_map(|s| s.source.as_ref())
                .map(|t| t.as_str()),
        );
    }
    if target.is_none() {
        *target = detect_lang(
            segments
                .filter_map(|s| s.target.as_ref())
                .map(|t| t.as_str()),
        );
    }
}

/// [`load`], leaving unmade the segments of a monolingual plain-text input (with its
/// language given) and of a large gettext catalog: the document, its `segments` empty,
/// and what makes them. Languages still to be detected in a catalog are detected in its
/// first pieces, lexed here for that.
fn load_deferring(
    input: &Input,
    opts: &LoadOptions,
) -> Result<(Document, Option<DeferredSegments>), InputError> {
    match input {
        Input::Monolingual(path) if opts.target_lang.is_some() => {
            let (mut doc, lines) = text::load_monolingual_deferred(path, opts)?;
            settle_langs(&mut doc.source_lang, &mut doc.target_lang, [].iter(), opts);
            Ok((doc, Some(DeferredSegments::Lines(lines))))
        }
        Input::File(path) => {
            let (mut doc, entries) = load_file_as(path, opts, true)?;
            let Some(mut entries) = entries else {
                finish_loading(&mut doc, opts)?;
                return Ok((doc, None));
            };
            let (mut source_bytes, mut target_bytes) = (0, 0);
            let source_known = opts.source_lang.is_some() || doc.source_lang.is_some();
            let target_known = opts.target_lang.is_some() || doc.target_lang.is_some();
            let file = &doc.files[0];
            // The first pieces, a few per core at a time, until they hold the sample of
            // each language to detect (the pieces after that are not looked at).
            let batch = 2 * rayon::current_num_threads().max(1);
            let mut first: Vec<Vec<Segment>> = Vec::new();
            while first.len() < entries.pieces()
                && !((source_known || source_bytes >= DETECT_SAMPLE)
                    && (target_known || target_bytes >= DETECT_SAMPLE))
            {
                use rayon::prelude::*;
                let next = first.len()..(first.len() + batch).min(entries.pieces());
                let made: Option<Vec<Vec<Segment>>> = next
                    .into_par_iter()
                    .map(|k| {
                        let mut made = Vec::new();
                        entries
                            .fill(&file.path, &file.content, k, &mut made)
                            .then_some(made)
                    })
                    .collect();
                let Some(made) = made else {
                    return load(input, opts).map(|doc| (doc, None));
                };
                for s in made.iter().flatten() {
                    source_bytes += s.source.as_ref().map_or(0, |t| t.as_str().len());
                    target_bytes += s.target.as_ref().map_or(0, |t| t.as_str().len());
                }
                first.extend(made);
            }
            settle_langs(
                &mut doc.source_lang,
                &mut doc.target_lang,
                first.iter().flatten(),
                opts,
            );
            entries.keep_made(first);
            Ok((doc, Some(DeferredSegments::Po(entries))))
        }
        _ => load(input, opts).map(|doc| (doc, None)),
    }
}

/// The segments of a document made on demand, a unit of work at a time (see
/// [`load_each_deferred`]).
#[derive(Debug)]
pub enum DeferredSegments {
    /// Monolingual plain text.
    Lines(text::DeferredLines),
    /// A large gettext catalog.
    Po(po::DeferredEntries),
}

/// Segments per unit of a deferred plain-text document: as many as the engine checks per
/// task when they are made.
const LINES_PER_UNIT: usize = crate::SEGMENT_CHUNK;

impl DeferredSegments {
    /// How many units the segments are made in.
    pub fn units(&self) -> usize {
        match self {
            DeferredSegments::Lines(l) => l.len().div_ceil(LINES_PER_UNIT),
            DeferredSegments::Po(p) => p.pieces(),
        }
    }

    /// Append the segments of unit `k` of `doc` (the document they belong to) to `out`, in
    /// order. `false` when they cannot be made alone (a catalog piece that does not lex by
    /// itself): the document must then be read whole with [`load`], which gives its
    /// segments or its error.
    pub fn fill(&self, doc: &Document, k: usize, out: &mut Vec<Segment>) -> bool {
        let Some(file) = doc.files.first() else {
            return false;
        };
        match self {
            DeferredSegments::Lines(l) => {
                let start = k * LINES_PER_UNIT;
                l.fill(
                    &file.content,
                    start..(start + LINES_PER_UNIT).min(l.len()),
                    out,
                );
                true
            }
            DeferredSegments::Po(p) => p.fill(&file.path, &file.content, k, out),
        }
    }
}

/// The source and target texts of `seg`, where present.
fn texts_of(seg: &Segment) -> impl Iterator<Item = &Text> {
    [&seg.source, &seg.target].into_iter().flatten()
}

/// The error for text `t` of `doc`, longer than `limit`: no translation unit is megabytes
/// long, and checking one would take time and memory out of proportion.
pub(crate) fn too_long_error(doc: &Document, t: &Text, limit: u64) -> InputError {
    let file = &doc.files[t.file.min(doc.files.len() - 1)];
    let at = t.file_span(0..0).start;
    let (line, col) = file.position(at);
    InputError::at(
        file.path.clone(),
        line,
        Some(col),
        format!(
            "segment text too long ({}; the limit is {}): raise it with --max-line-length",
            human_size(t.as_str().len() as u64),
            human_size(limit)
        ),
    )
}

/// Bytes of text [`detect_lang`] looks at (the texts up to the one that reaches this).
const DETECT_SAMPLE: usize = 512 * 1024;

/// Guess a language from the dominant script: Han -> `zh`, Latin -> `en`. The first
/// 512 KB of text decide: a sample that size never disagrees with the whole, and a
/// 200 MB catalog is not read twice for it.
pub fn detect_lang<'a>(texts: impl IntoIterator<Item = &'a str>) -> Option<Lang> {
    let mut seen = 0;
    let sample = texts.into_iter().take_while(|t| {
        let more = seen < DETECT_SAMPLE;
        seen += t.len();
        more
    });
    match dominant_script(sample) {
        Script::Han => Lang::parse("zh"),
        Script::Latin => Lang::parse("en"),
        Script::Kana => Lang::parse("ja"),
        Script::Hangul => Lang::parse("ko"),
        Script::Other => None,
    }
}

/// Read a file as UTF-8 text: a UTF-8 BOM is dropped, UTF-16 with a BOM is transcoded;
/// invalid UTF-8 and NUL bytes are errors naming the byte offset.
///
/// Plain-text and Markdown inputs are read with this, and a line longer than
/// [`max_line_length`] is refused with an error naming its line.
pub fn read_text(path: &str) -> Result<String, InputError> {
    let bytes = read_bytes(path)?;
    let limit = max_line_length();
    if limit > 0 && bytes.len() as u64 > limit {
        let (mut line, mut start) = (1, 0);
        let ends = memchr::memchr_iter(b'\n', &bytes).chain(std::iter::once(bytes.len()));
        for i in ends {
            if (i - start) as u64 > limit {
                return Err(InputError::at(
                    path,
                    line,
                    None,
                    format!(
                        "line too long ({}; the limit for plain-text and Markdown lines is {}): raise it with --max-line-length",
                        human_size((i - start) as u64),
                        human_size(limit)
                    ),
                ));
            }
            line += 1;
            start = i + 1;
        }
    }
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
    if let Some(at) = memchr::memchr(0, body) {
        return Err(InputError::file(
            path,
            format!("binary file (NUL byte at offset {at}); not text"),
        ));
    }
    // Reuse the buffer (no copy of a large file): drop the BOM in place, then validate once.
    let bom = bytes.len() - body.len();
    let mut bytes = bytes;
    bytes.drain(..bom);
    // simdutf8 validates Chinese text several times faster than `String::from_utf8` (which
    // took a twentieth of the CPU of a 51 MB Chinese check); invalid input takes the
    // standard path, whose error tells where.
    if simdutf8::basic::from_utf8(&bytes).is_ok() {
        // SAFETY: the bytes were just validated as UTF-8.
        return Ok(unsafe { String::from_utf8_unchecked(bytes) });
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let body = e.as_bytes();
            let line = memchr::memchr_iter(b'\n', &body[..at]).count() + 1;
            Err(InputError::at(
                path,
                line,
                None,
                format!("invalid UTF-8 at byte offset {at}"),
            ))
        }
    }
}

/// A `--state` name: `new`/`untranslated`, `fuzzy`/`needs-review`, `translated`,
/// `final`/`reviewed`/`signed-off`.
pub fn parse_state(name: &str) -> Option<SegmentState> {
    Some(match name.to_ascii_lowercase().as_str() {
        "new" | "untranslated" => SegmentState::New,
        "fuzzy" | "needs-review" => SegmentState::Fuzzy,
        "translated" => SegmentState::Translated,
        "final" | "reviewed" | "signed-off" => SegmentState::Final,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::{Escaping, SourceFile};
    use std::sync::Arc;

    /// The one-walk length check and state filter give what the two separate steps gave
    /// (the first too-long text in segment order, else the kept segments in order), for
    /// every mix of states, options and limits.
    #[test]
    fn fused_walk_agrees_with_two_walks() {
        let states = [
            SegmentState::Unknown,
            SegmentState::Fuzzy,
            SegmentState::New,
            SegmentState::Translated,
            SegmentState::Final,
        ];
        let mut rand = crate::checks::testing::pseudo_random(7u64);
        for round in 0..300 {
            let n = rand(3000);
            let mut content = String::new();
            let mut segments = Vec::new();
            for i in 0..n {
                let len = if rand(500) == 0 { 40 } else { rand(12) };
                let at = content.len();
                content.push_str(&"x".repeat(len));
                let text = Text::verbatim("x".repeat(len), 0, at);
                let (source, target) = match rand(3) {
                    0 => (None, Some(text)),
                    1 => (Some(text), Some(Text::verbatim("y", 0, at))),
                    _ => (Some(Text::verbatim("y", 0, at)), Some(text)),
                };
                let mut s = Segment::new(i.to_string(), source, target);
                s.state = states[rand(states.len())];
                segments.push(s);
            }
            let doc = Document {
                files: vec![Arc::new(SourceFile::new("t", content, Escaping::None))],
                format: "text",
                source_lang: None,
                target_lang: None,
                segments,
            };
            let opts = LoadOptions {
                include_fuzzy: rand(2) == 0,
                states: (0..rand(3)).map(|_| states[rand(states.len())]).collect(),
                ..Default::default()
            };
            let limit = [0, 20, 30][round % 3];
            // The two steps, one after the other, sequentially.
            let expected = match doc
                .segments
                .iter()
                .flat_map(texts_of)
                .find(|t| limit != 0 && t.as_str().len() as u64 > limit)
            {
                Some(t) => Err(too_long_error(&doc, t, limit)),
                None => Ok(doc
                    .segments
                    .iter()
                    .filter(|s| keeps_state(s, &opts))
                    .map(|s| s.id().into_owned())
                    .collect::<Vec<_>>()),
            };
            let mut fused = doc.clone();
            let got = check_lengths_and_filter_states(&mut fused, &opts, limit).map(|()| {
                fused
                    .segments
                    .iter()
                    .map(|s| s.id().into_owned())
                    .collect::<Vec<_>>()
            });
            assert_eq!(format!("{got:?}"), format!("{expected:?}"), "round {round}");
        }
    }
}
