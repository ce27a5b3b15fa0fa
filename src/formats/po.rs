//! gettext PO and POT catalogs, read by a hand-written lexer so every decoded byte keeps its
//! position: escapes (`\"`, `\n`, octal and hex byte escapes) map to the bytes that spell
//! them, and a string split over several literals maps to several byte ranges.
//!
//! One [`Segment`] per message (one per `msgstr[n]` for plural messages); the header entry
//! (empty `msgid`, no `msgctxt`) gives the language, the plural forms and the charset;
//! obsolete `#~` entries are skipped; `fuzzy` entries carry [`SegmentState::Fuzzy`].

use std::ops::Range;
use std::sync::Arc;

use rayon::prelude::*;

use super::{decode_declared, error_at, human_size, max_line_length, LoadOptions};
use crate::diagnostic::InputError;
use crate::lang::Lang;
use crate::segment::{
    Document, Escaping, Segment, SegmentId, SegmentState, SourceFile, Text, TextBuilder,
};

/// The file id every PO text lives in (a catalog is one file).
const FILE: usize = 0;

/// A message as written in the catalog.
#[derive(Debug, Default)]
pub struct Entry {
    /// 1-based line of the entry's first keyword.
    pub line: usize,
    /// Translator comments (`# `), without the marker.
    pub translator_comments: Vec<String>,
    /// Extracted comments (`#.`), without the marker.
    pub extracted_comments: Vec<String>,
    /// Flags (`#, fuzzy, c-format`).
    pub flags: Vec<String>,
    /// `msgctxt`.
    pub msgctxt: Option<Text>,
    /// `msgid`.
    pub msgid: Option<Text>,
    /// `msgid_plural`.
    pub msgid_plural: Option<Text>,
    /// `msgstr` (index `None`) or `msgstr[n]`.
    pub msgstr: Vec<(Option<usize>, Text)>,
}

impl Entry {
    /// The header entry: empty msgid, no msgctxt.
    pub fn is_header(&self) -> bool {
        self.msgctxt.is_none() && self.msgid.as_ref().is_some_and(|t| t.is_empty())
    }

    /// Whether the entry is marked fuzzy.
    pub fn is_fuzzy(&self) -> bool {
        self.flags.iter().any(|f| f == "fuzzy")
    }

    /// Whether every msgstr is empty.
    pub fn is_untranslated(&self) -> bool {
        self.msgstr.iter().all(|(_, t)| t.is_empty())
    }

    fn has_content(&self) -> bool {
        self.msgctxt.is_some() || self.msgid.is_some()
    }
}

/// What the header entry says.
#[derive(Debug, Default, Clone)]
pub struct Header {
    /// `Language:`.
    pub language: Option<String>,
    /// `nplurals=` of `Plural-Forms:`.
    pub nplurals: Option<usize>,
    /// `charset=` of `Content-Type:`.
    pub charset: Option<String>,
}

impl Header {
    /// Read the fields termlint uses from the header's msgstr.
    pub fn parse(msgstr: &str) -> Header {
        let mut h = Header::default();
        for line in msgstr.lines() {
            let Some((key, value)) = line.split_once(':') else {
                continue;
            };
            let value = value.trim();
            match key.trim().to_ascii_lowercase().as_str() {
                "language" if !value.is_empty() => h.language = Some(value.to_string()),
                "plural-forms" => {
                    h.nplurals = value
                        .split(';')
                        .filter_map(|p| p.trim().strip_prefix("nplurals"))
                        .filter_map(|p| p.trim().strip_prefix('='))
                        .find_map(|n| n.trim().parse().ok());
                }
                "content-type" => {
                    h.charset = value
                        .split(';')
                        .filter_map(|p| p.trim().strip_prefix("charset="))
                        .map(|c| c.trim().to_string())
                        .next();
                }
                _ => {}
            }
        }
        h
    }
}

/// A parsed catalog.
#[derive(Debug)]
pub struct Catalog {
    /// The decoded file.
    pub file: SourceFile,
    /// Every entry in file order, the header included (obsolete ones are dropped).
    pub entries: Vec<Entry>,
    /// The header fields.
    pub header: Header,
}

/// Message counts as `msgfmt --statistics` reports them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Statistics {
    /// Translated, not fuzzy.
    pub translated: usize,
    /// Fuzzy (with a translation).
    pub fuzzy: usize,
    /// Without translation.
    pub untranslated: usize,
}

impl Catalog {
    /// Counts over non-header entries, as `msgfmt --statistics` does.
    pub fn statistics(&self) -> Statistics {
        let mut s = Statistics::default();
        for e in &self.entries {
            if e.is_header() {
                continue;
            }
            if e.is_untranslated() {
                s.untranslated += 1;
            } else if e.is_fuzzy() {
                s.fuzzy += 1;
            } else {
                s.translated += 1;
            }
        }
        s
    }
}

/// Decode catalog bytes: UTF-16 with a BOM, UTF-8 (BOM dropped), or the charset the header
/// declares (GBK, GB18030, Big5...).
pub fn decode(path: &str, bytes: Vec<u8>) -> Result<String, InputError> {
    let charset = find_charset(&bytes);
    decode_declared(path, bytes, charset.as_deref())
}

/// The `charset=` token in the raw bytes (ASCII-compatible encodings only).
fn find_charset(bytes: &[u8]) -> Option<String> {
    let needle = b"charset=";
    // The first occurrence, found by the vectorised `memmem` (a catalog without one was
    // searched a window at a time to its end, twice when read in parallel).
    let at = memchr::memmem::find(bytes, needle)?;
    let rest = &bytes[at + needle.len()..];
    let end = rest
        .iter()
        .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':')))
        .unwrap_or(rest.len());
    let name = std::str::from_utf8(&rest[..end]).ok()?;
    (!name.is_empty() && name != "CHARSET").then(|| name.to_string())
}

/// A catalog read by [`read_in_parallel`]: its decoded text and the [`line_starts`] of it.
///
/// [`line_starts`]: crate::segment::line_starts
#[derive(Debug)]
pub struct ReadCatalog {
    content: String,
    line_starts: Vec<usize>,
}

/// Pieces a large catalog is read and validated in, one per parallel task.
const READ_PIECE_BYTES: usize = 256 << 10;

/// A large catalog in UTF-8 (no BOM, no NUL byte, no other charset declared), read in
/// pieces on every core, each piece validated and its lines indexed on the core that read
/// it, while in cache: [`super::read_bytes`], [`decode`] and the line index read it on
/// one core, in four passes over fresh memory (a sixth of the wall time of a 10 MB check,
/// before any check could start). `None` for anything else, which [`load`] then reads
/// (and gives the same text, or the error).
pub fn read_in_parallel(path: &str) -> Option<ReadCatalog> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileExt;
        if rayon::current_num_threads() < 2 {
            return None;
        }
        let file = std::fs::File::open(path).ok()?;
        let meta = file.metadata().ok()?;
        let size_limit = super::max_file_size();
        if !meta.is_file()
            || meta.len() < PARALLEL_LEX_BYTES as u64
            || (size_limit > 0 && meta.len() > size_limit)
        {
            return None;
        }
        let len = usize::try_from(meta.len()).ok()?;
        // Zeroed memory fresh from the system: its pages are mapped in by the reads, on
        // every core.
        let mut bytes = vec![0u8; len];
        let read = bytes
            .par_chunks_mut(READ_PIECE_BYTES)
            .enumerate()
            .all(|(k, piece)| {
                file.read_exact_at(piece, (k * READ_PIECE_BYTES) as u64)
                    .is_ok()
            });
        // The whole file, and nothing more (it did not grow since its size was taken).
        if !read || !matches!(file.read_at(&mut [0u8; 1], len as u64), Ok(0)) {
            return None;
        }
        if bytes.starts_with(&[0xFF, 0xFE])
            || bytes.starts_with(&[0xFE, 0xFF])
            || bytes.starts_with(&[0xEF, 0xBB, 0xBF])
        {
            return None;
        }
        // Another charset declared: decoded by `decode`.
        if find_charset(&bytes).is_some_and(|c| {
            encoding_rs::Encoding::for_label(c.trim().as_bytes())
                .is_some_and(|e| e != encoding_rs::UTF_8)
        }) {
            return None;
        }
        let cuts = super::text::line_cuts(&bytes, READ_PIECE_BYTES);
        // Each piece (whole lines) valid UTF-8 without NUL, and its line breaks counted.
        let newlines: Option<Vec<usize>> = cuts
            .par_windows(2)
            .map(|w| {
                let piece = &bytes[w[0]..w[1]];
                (memchr::memchr(0, piece).is_none() && simdutf8::basic::from_utf8(piece).is_ok())
                    .then(|| memchr::memchr_iter(b'\n', piece).count())
            })
            .collect();
        let newlines = newlines?;
        // The line index, each piece's stretch filled in parallel.
        let mut line_starts = vec![0usize; 1 + newlines.iter().sum::<usize>()];
        let mut rest = &mut line_starts[1..];
        let mut stretches = Vec::with_capacity(newlines.len());
        for &n in &newlines {
            let (stretch, tail) = std::mem::take(&mut rest).split_at_mut(n);
            stretches.push(stretch);
            rest = tail;
        }
        stretches
            .into_par_iter()
            .zip(cuts.par_windows(2))
            .for_each(|(stretch, w)| {
                let starts = memchr::memchr_iter(b'\n', &bytes[w[0]..w[1]]).map(|i| w[0] + i + 1);
                for (to, start) in stretch.iter_mut().zip(starts) {
                    *to = start;
                }
            });
        // SAFETY: every piece was validated as UTF-8, and the pieces, cut after line
        // breaks (which no multi-byte sequence holds), make the whole.
        let content = unsafe { String::from_utf8_unchecked(bytes) };
        Some(ReadCatalog {
            content,
            line_starts,
        })
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

/// [`load`] of a catalog [`read_in_parallel`].
pub fn load_read(
    path: &str,
    read: ReadCatalog,
    opts: &LoadOptions,
) -> Result<Document, InputError> {
    load_decoded_with_lines(path, read.content, Some(read.line_starts), opts)
}

/// Read a PO file from disk into a document.
pub fn load(path: &str, bytes: Vec<u8>, opts: &LoadOptions) -> Result<Document, InputError> {
    load_decoded(path, decode(path, bytes)?, opts)
}

/// [`load`] of decoded content.
fn load_decoded(path: &str, content: String, opts: &LoadOptions) -> Result<Document, InputError> {
    load_decoded_with_lines(path, content, None, opts)
}

/// [`load_decoded`], given the [`crate::segment::line_starts`] of `content` when they are
/// known already.
fn load_decoded_with_lines(
    path: &str,
    content: String,
    lines: Option<Vec<usize>>,
    opts: &LoadOptions,
) -> Result<Document, InputError> {
    // Piece by piece: each entry of a piece is turned into segments as soon as it is
    // lexed, while the other pieces are being lexed, so the entries of the catalog never
    // exist at once. The line index is built beside the lexing.
    let (lexed, lines) = rayon::join(
        || lex_segments_in_parallel(path, &content),
        || lines.unwrap_or_else(|| crate::segment::line_starts(&content)),
    );
    if let Some((segments, header)) = lexed {
        let file = SourceFile::with_line_starts(path, content, Escaping::Po, lines);
        return Ok(document_of(file, segments, &header, opts));
    }
    let pieces = lex_pieces(path, &content)?;
    let header = header_of(pieces.iter().flatten());
    let file = SourceFile::with_line_starts(path, content, Escaping::Po, lines);
    Ok(document(file, pieces, &header, opts))
}

/// Where the second entry of `src` starts and the header, when the first entry is the
/// header and lexes alone (the header decides how plural entries become segments).
fn header_entry(path: &str, src: &str) -> Option<(usize, Header)> {
    let second = next_entry_start(src.as_bytes(), 1)?;
    let first = Lexer::new(path, src).run_piece(0..second, 1, false)?;
    match first.as_slice() {
        [e] if e.is_header() => Some((second, header_of(first.iter()))),
        _ => None,
    }
}

/// The segments of a large catalog whose first entry is the header, lexed and converted in
/// parallel pieces (in file order), with the header. The header comes first, from its own
/// little piece (it decides how plural entries become segments). `None` when the catalog
/// is small, starts with something else or any piece fails: the caller then goes the
/// sequential way, whose results and errors these are exactly.
///
/// Every piece writes its segments straight into its own stretch of the one vector the
/// document keeps, sized by the `msgstr` keyword lines of the piece (one segment each at
/// most, see [`msgstr_lines`]): no per-piece vectors to copy into a new one afterwards (on
/// a 10 MB catalog that copy, 20 MB of fresh memory written by one thread, was a tenth of
/// the run). Stretches left partly empty (an entry that makes no segment) are closed up.
fn lex_segments_in_parallel(path: &str, src: &str) -> Option<(Vec<Segment>, Header)> {
    let threads = rayon::current_num_threads();
    if src.len() < PARALLEL_LEX_BYTES || threads < 2 {
        return None;
    }
    let (second, header) = header_entry(path, src)?;
    let single_form = header.nplurals == Some(1);
    let mut ranges = entry_ranges(src, threads * 4);
    if ranges.len() < 2 {
        return None;
    }
    // The header, lexed above, makes no segment: the first piece starts after it (where
    // the lexer of the whole first piece would start afresh too), so that its `msgstr`
    // takes no room.
    let mut first_line = 1;
    if second < ranges[0].end {
        first_line += memchr::memchr_iter(b'\n', &src.as_bytes()[..second]).count();
        ranges[0].start = second;
    }
    // Room and line count of every piece, in one parallel pass; the first line of each
    // piece follows.
    let counts: Vec<(usize, usize)> = ranges
        .par_iter()
        .map(|range| msgstr_lines(&src.as_bytes()[range.clone()]))
        .collect();
    let room: Vec<usize> = counts.iter().map(|&(n, _)| n).collect();
    let cuts: Vec<(Range<usize>, usize)> = ranges
        .into_iter()
        .zip(&counts)
        .map(|(range, &(_, lines))| {
            let line = first_line;
            first_line += lines;
            (range, line)
        })
        .collect();
    let total: usize = room.iter().sum();
    let mut all: Vec<Segment> = Vec::with_capacity(total);
    all.par_extend((0..total).into_par_iter().map(|_| Segment::default()));
    let mut stretches = Vec::with_capacity(cuts.len());
    let mut rest = all.as_mut_slice();
    for &n in &room {
        let (stretch, tail) = std::mem::take(&mut rest).split_at_mut(n);
        stretches.push(stretch);
        rest = tail;
    }
    let last = cuts.len() - 1;
    let lexed: Option<Vec<(usize, Vec<Segment>)>> = cuts
        .into_par_iter()
        .zip(stretches)
        .enumerate()
        .map(|(i, ((range, first_line), stretch))| {
            let mut lexer = Lexer::new(path, src);
            lexer.single_form = Some(single_form);
            lexer.slot = stretch;
            lexer.lex_piece(range, first_line, i == last)?;
            Some((lexer.filled, lexer.segments))
        })
        .collect();
    let lexed = lexed?;
    Some((close_up(all, &room, lexed), header))
}

/// Pieces a deferred catalog is lexed in, one unit of checking each: about as many
/// segments as the engine checks per task.
const DEFERRED_PIECE_BYTES: usize = 64 << 10;

/// The segments of a large catalog, lexed on demand piece by piece (see
/// [`super::text::load_monolingual_deferred`] for why), with what lexing a piece needs.
#[derive(Debug)]
pub struct DeferredEntries {
    /// The pieces (the first starts after the header) and the line each starts at.
    pieces: Vec<(Range<usize>, usize)>,
    single_form: bool,
    /// The state filter of the load options.
    opts: LoadOptions,
    /// Segments of the first pieces, made already (to detect the languages), each taken
    /// by the first [`DeferredEntries::fill`] of its piece.
    made: Vec<std::sync::Mutex<Option<Vec<Segment>>>>,
}

impl DeferredEntries {
    /// Keep `made`, the segments of the first pieces as [`DeferredEntries::fill`] made
    /// them, for the first fill of each of those pieces.
    pub(crate) fn keep_made(&mut self, made: Vec<Vec<Segment>>) {
        self.made = made
            .into_iter()
            .map(|m| std::sync::Mutex::new(Some(m)))
            .collect();
    }

    /// How many pieces.
    pub fn pieces(&self) -> usize {
        self.pieces.len()
    }

    /// Append the segments of piece `k` (those the state filter keeps) to `out`. `path`
    /// and `content` are the catalog's. `false` when the piece does not lex alone (an
    /// error, or an entry that runs on into the next piece): the catalog must then be read
    /// whole, which gives its exact error or segments.
    pub fn fill(&self, path: &str, content: &str, k: usize, out: &mut Vec<Segment>) -> bool {
        let Some((range, first_line)) = self.pieces.get(k) else {
            return false;
        };
        let made = self.made.get(k).and_then(|m| match m.lock() {
            Ok(mut m) => m.take(),
            Err(_) => None,
        });
        if let Some(made) = made {
            out.extend(made);
            return true;
        }
        let start = out.len();
        let mut lexer = Lexer::new(path, content);
        lexer.single_form = Some(self.single_form);
        lexer.segments = std::mem::take(out);
        let lexed = lexer.lex_piece(range.clone(), *first_line, k + 1 == self.pieces.len());
        *out = std::mem::take(&mut lexer.segments);
        if lexed.is_none() {
            out.truncate(start);
            return false;
        }
        if out[start..]
            .iter()
            .any(|s| !super::keeps_state(s, &self.opts))
        {
            let mut k = 0;
            out.retain(|s| {
                k += 1;
                k <= start || super::keeps_state(s, &self.opts)
            });
        }
        true
    }
}

/// [`load`] without making the segments of a large catalog whose first entry is the
/// header: the document (its `segments` empty, its languages from the options and the
/// header only) and what makes them. `None` beside a document whose segments are made
/// (a small catalog, or one that starts otherwise).
pub fn load_deferred(
    path: &str,
    bytes: Vec<u8>,
    opts: &LoadOptions,
) -> Result<(Document, Option<DeferredEntries>), InputError> {
    load_deferred_decoded(path, decode(path, bytes)?, None, opts)
}

/// [`load_deferred`] of a catalog [`read_in_parallel`].
pub fn load_deferred_read(
    path: &str,
    read: ReadCatalog,
    opts: &LoadOptions,
) -> Result<(Document, Option<DeferredEntries>), InputError> {
    load_deferred_decoded(path, read.content, Some(read.line_starts), opts)
}

/// [`load_deferred`] of decoded content, given its line index when known already.
fn load_deferred_decoded(
    path: &str,
    content: String,
    lines: Option<Vec<usize>>,
    opts: &LoadOptions,
) -> Result<(Document, Option<DeferredEntries>), InputError> {
    if content.len() < PARALLEL_LEX_BYTES || rayon::current_num_threads() < 2 {
        return load_decoded_with_lines(path, content, lines, opts).map(|d| (d, None));
    }
    let Some((second, header)) = header_entry(path, &content) else {
        return load_decoded_with_lines(path, content, lines, opts).map(|d| (d, None));
    };
    let (mut ranges, starts) = rayon::join(
        || entry_ranges(&content, content.len() / DEFERRED_PIECE_BYTES),
        || lines.unwrap_or_else(|| crate::segment::line_starts(&content)),
    );
    if second < ranges[0].end {
        ranges[0].start = second;
    } else {
        // The header is the whole first piece.
        ranges.remove(0);
    }
    let pieces = ranges
        .into_iter()
        .map(|r| {
            let line = starts.partition_point(|&s| s <= r.start);
            (r, line)
        })
        .collect();
    let deferred = DeferredEntries {
        pieces,
        single_form: header.nplurals == Some(1),
        opts: opts.clone(),
        made: Vec::new(),
    };
    let file = SourceFile::with_line_starts(path, content, Escaping::Po, starts);
    Ok((document_of(file, Vec::new(), &header, opts), Some(deferred)))
}

/// The segments of the pieces in order, from `all`, where piece `k` filled the first
/// `lexed[k].0` cells of its stretch of `room[k]` cells and put any more in `lexed[k].1`.
fn close_up(
    mut all: Vec<Segment>,
    room: &[usize],
    lexed: Vec<(usize, Vec<Segment>)>,
) -> Vec<Segment> {
    if lexed.iter().any(|(_, more)| !more.is_empty()) {
        // More segments than `msgstr` lines counted (a keyword indented with a non-ASCII
        // space): rebuilt in order.
        let mut out = Vec::with_capacity(all.len());
        let mut start = 0;
        for ((filled, more), &n) in lexed.into_iter().zip(room) {
            out.extend(all[start..start + filled].iter_mut().map(std::mem::take));
            out.extend(more);
            start += n;
        }
        return out;
    }
    let mut written = 0;
    let mut start = 0;
    for ((filled, _), &n) in lexed.into_iter().zip(room) {
        if start > written && filled > 0 {
            // Move the piece down over the empty cells before it (which go after it).
            all[written..start + filled].rotate_left(start - written);
        }
        written += filled;
        start += n;
    }
    all.truncate(written);
    all
}

/// The number of lines of `bytes` (a piece of a catalog, starting at a line start) that
/// begin with the keyword `msgstr` (after spaces or tabs), each of which makes one segment
/// at most, and the number of `\n` in `bytes`.
fn msgstr_lines(bytes: &[u8]) -> (usize, usize) {
    let mut start = 0;
    let mut n = 0;
    let mut newlines = 0;
    for end in memchr::memchr_iter(b'\n', bytes) {
        n += usize::from(is_msgstr_line(&bytes[start..end]));
        newlines += 1;
        start = end + 1;
    }
    n += usize::from(is_msgstr_line(&bytes[start..]));
    (n, newlines)
}

/// Whether `line` starts with `msgstr` after spaces and tabs.
fn is_msgstr_line(line: &[u8]) -> bool {
    let indent = line
        .iter()
        .take_while(|&&b| b == b' ' || b == b'\t')
        .count();
    line[indent..].starts_with(b"msgstr")
}

/// The header of the catalog whose entries are `entries`.
fn header_of<'a>(mut entries: impl Iterator<Item = &'a Entry>) -> Header {
    entries
        .find(|e| e.is_header())
        .and_then(|e| e.msgstr.first())
        .map(|(_, t)| Header::parse(t.as_str()))
        .unwrap_or_default()
}

/// Parse decoded catalog text.
pub fn parse(path: &str, content: String) -> Result<Catalog, InputError> {
    let pieces = lex_pieces(path, &content)?;
    let entries = concat(pieces);
    let header = header_of(entries.iter());
    Ok(Catalog {
        file: SourceFile::new(path, content, Escaping::Po),
        entries,
        header,
    })
}

/// Catalogs at least this large are lexed in parallel chunks.
const PARALLEL_LEX_BYTES: usize = 1 << 20;

/// Lex a whole catalog into entries, in pieces (in file order). Large catalogs are cut at
/// entry boundaries and the pieces lexed in parallel; if any piece fails or a cut turns out
/// not to be a clean entry boundary, the whole catalog is lexed again in one pass, so errors
/// and results are exactly those of the sequential lexer.
fn lex_pieces(path: &str, src: &str) -> Result<Vec<Vec<Entry>>, InputError> {
    let threads = rayon::current_num_threads();
    let pieces = if src.len() < PARALLEL_LEX_BYTES || threads < 2 {
        Vec::new()
    } else {
        entry_cuts(src, threads * 4)
    };
    if pieces.len() >= 2 {
        let last = pieces.len() - 1;
        let lexed: Option<Vec<Vec<Entry>>> = pieces
            .into_par_iter()
            .enumerate()
            .map(|(i, (range, first_line))| {
                Lexer::new(path, src).run_piece(range, first_line, i == last)
            })
            .collect();
        if let Some(lexed) = lexed {
            return Ok(lexed);
        }
    }
    Ok(vec![Lexer::new(path, src).run()?])
}

/// One vector of the vectors `parts`, allocated once.
fn concat<T>(parts: Vec<Vec<T>>) -> Vec<T> {
    let mut all = Vec::with_capacity(parts.iter().map(Vec::len).sum());
    for part in parts {
        all.extend(part);
    }
    all
}

/// Cut `src` into about `n` ranges, each (but the first) starting at a line that begins an
/// entry (`#` but not `#~`, `msgctxt` or `msgid`) right after a blank line, with the
/// 1-based number of its first line.
fn entry_cuts(src: &str, n: usize) -> Vec<(Range<usize>, usize)> {
    let bytes = src.as_bytes();
    let mut line = 1;
    entry_ranges(src, n)
        .into_iter()
        .map(|range| {
            let first = line;
            line += memchr::memchr_iter(b'\n', &bytes[range.clone()]).count();
            (range, first)
        })
        .collect()
}

/// The ranges of [`entry_cuts`], without their line numbers.
fn entry_ranges(src: &str, n: usize) -> Vec<Range<usize>> {
    let bytes = src.as_bytes();
    let step = (src.len() / n.max(1)).max(1);
    let mut cuts = vec![0];
    let mut from = step;
    while from < src.len() {
        let Some(cut) = next_entry_start(bytes, from) else {
            break;
        };
        cuts.push(cut);
        from = cut + step;
    }
    (0..cuts.len())
        .map(|i| cuts[i]..cuts.get(i + 1).copied().unwrap_or(src.len()))
        .collect()
}

/// The first offset at or after `from` that starts a line opening an entry after a blank
/// line.
fn next_entry_start(bytes: &[u8], mut from: usize) -> Option<usize> {
    loop {
        let blank = from + find_blank_line(&bytes[from..])?;
        // Skip the blank line(s) and spaces.
        let mut at = blank;
        while at < bytes.len() && matches!(bytes[at], b'\n' | b'\r' | b' ' | b'\t') {
            at += 1;
        }
        // Back to the start of the line holding `at` (spaces before a keyword are allowed).
        let line_start = bytes[..at]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let rest = &bytes[at..];
        let opens = (rest.starts_with(b"#") && !rest.starts_with(b"#~"))
            || rest.starts_with(b"msgctxt")
            || (rest.starts_with(b"msgid") && !rest.starts_with(b"msgid_plural"));
        if opens {
            return Some(line_start);
        }
        if at >= bytes.len() {
            return None;
        }
        from = at;
    }
}

/// Offset just past the newline that ends a blank line (`\n\n` or `\n\r\n`).
fn find_blank_line(bytes: &[u8]) -> Option<usize> {
    let mut i = 0;
    while let Some(p) = bytes[i..].iter().position(|&b| b == b'\n') {
        let nl = i + p;
        let mut j = nl + 1;
        while j < bytes.len() && matches!(bytes[j], b' ' | b'\t' | b'\r') {
            j += 1;
        }
        if j < bytes.len() && bytes[j] == b'\n' {
            return Some(j + 1);
        }
        i = nl + 1;
    }
    None
}

/// Turn a catalog into segments (the header and obsolete entries are not segments).
pub fn to_document(catalog: Catalog, opts: &LoadOptions) -> Document {
    let Catalog {
        file,
        entries,
        header,
    } = catalog;
    document(file, vec![entries], &header, opts)
}

/// The document of `file`, whose entries are `pieces` (in order).
fn document(
    file: SourceFile,
    pieces: Vec<Vec<Entry>>,
    header: &Header,
    opts: &LoadOptions,
) -> Document {
    let single_form = header.nplurals == Some(1);
    let parts: Vec<Vec<Segment>> = pieces
        .into_par_iter()
        .map(|piece| {
            let mut out = Vec::with_capacity(piece.len());
            for e in piece {
                entry_segments(e, single_form, &mut |s| out.push(s));
            }
            out
        })
        .collect();
    document_of(file, concat(parts), header, opts)
}

/// The document of `file` with `segments`.
fn document_of(
    file: SourceFile,
    segments: Vec<Segment>,
    header: &Header,
    opts: &LoadOptions,
) -> Document {
    let target_lang = opts
        .target_lang
        .clone()
        .or_else(|| header.language.as_deref().and_then(Lang::parse));
    Document {
        files: vec![Arc::new(file)],
        format: "po",
        source_lang: opts.source_lang.clone(),
        target_lang,
        segments,
    }
}

/// Append the segments of one entry to `out`: one per msgstr (none for the header). Every
/// text is moved from the entry, copied only where plural forms share a msgid.
fn entry_segments(e: Entry, single_form: bool, push: &mut impl FnMut(Segment)) {
    if e.is_header() {
        return;
    }
    let state = if e.is_untranslated() {
        SegmentState::New
    } else if e.is_fuzzy() {
        SegmentState::Fuzzy
    } else {
        SegmentState::Translated
    };
    let Some(msgid) = e.msgid else {
        return;
    };
    let context = e.msgctxt.map(|t| t.value);
    let suppressed = suppressions(&e.translator_comments);
    let mut notes = e.translator_comments;
    notes.extend(e.extracted_comments);
    // Set in place: each `with_*` by value moved the whole segment (a tenth of a catalog's
    // lexing was such copies).
    // The id is the context and the msgid: a form whose source is the msgid makes it when
    // asked; one whose source is the msgid_plural keeps its own copy.
    let mut base = Segment {
        id: SegmentId::ContextAndSource,
        state,
        ..Default::default()
    };
    base.set_context(context);
    base.set_flags(e.flags);
    base.set_notes(notes);
    base.set_suppressed(suppressed);
    let count = e.msgstr.len();
    let mut msgid = Some(msgid);
    let mut plural = e.msgid_plural;
    let mut base = Some(base);
    for (n, (index, msgstr)) in e.msgstr.into_iter().enumerate() {
        let last = n + 1 == count;
        let answers_plural = matches!(index, Some(i) if i >= 1 || single_form) && plural.is_some();
        let source = match (answers_plural, last) {
            (true, true) => plural.take(),
            (true, false) => plural.clone(),
            (false, true) => msgid.take(),
            (false, false) => msgid.clone(),
        };
        let base = if last { base.take() } else { base.clone() };
        let Some(base) = base else { break };
        let mut segment = Segment {
            source,
            target: Some(msgstr),
            ..base
        };
        if answers_plural {
            // (The msgid is taken only by the last form, and only when it is its source.)
            let msgid = msgid.as_ref().map_or("", |t| t.as_str());
            segment.set_id(match segment.context() {
                Some(c) => format!("{c}\u{4}{msgid}"),
                None => msgid.to_string(),
            });
        }
        segment.set_plural_index(index);
        push(segment);
    }
}

/// Rules named by `# termlint-ignore: rule, rule` translator comments.
fn suppressions(comments: &[String]) -> Vec<String> {
    comments
        .iter()
        .filter_map(|c| c.trim().strip_prefix("termlint-ignore"))
        .flat_map(|rest| {
            let rest = rest.trim_start();
            let list = rest
                .strip_prefix(':')
                .unwrap_or(if rest.is_empty() { "all" } else { "" });
            let list = if list.trim().is_empty() { "all" } else { list };
            list.split(',')
                .map(|r| r.trim().to_string())
                .filter(|r| !r.is_empty())
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Which string a keyword or continuation line fills.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Field {
    Ctxt,
    Id,
    Plural,
    Str(Option<usize>),
}

struct Lexer<'a> {
    path: &'a str,
    src: &'a str,
    entries: Vec<Entry>,
    /// When set (to whether the catalog has a single plural form), finished entries go
    /// straight into `segments` instead of `entries`.
    single_form: Option<bool>,
    /// The segments of the finished entries, with `single_form` (those that did not fit
    /// in `slot`).
    segments: Vec<Segment>,
    /// Cells the segments of the finished entries (with `single_form`) fill first, in
    /// order; `filled` of them are written.
    slot: &'a mut [Segment],
    /// The cells of `slot` written.
    filled: usize,
    cur: Entry,
    /// The current entry is obsolete (`#~`): dropped when finished.
    obsolete: bool,
    /// The obsolete entry already had its msgstr.
    obsolete_str: bool,
    /// The field being built, and the file offset where its text starts.
    open: Option<(Field, TextBuilder, usize)>,
    /// The builder of the last closed field, kept for the next one (its buffers are
    /// reused: see [`TextBuilder::take`]).
    spare: TextBuilder,
    /// [`max_line_length`] when the lexer was made (`0`: no limit).
    limit: usize,
    /// Decoded bytes of the open field not kept because it grew past `limit`: counted on
    /// to name its size, never stored, so an oversized string costs no memory beyond the
    /// file itself.
    dropped: usize,
    /// 1-based number of the line being read.
    lineno: usize,
}

impl<'a> Lexer<'a> {
    fn new(path: &'a str, src: &'a str) -> Self {
        Lexer {
            path,
            src,
            entries: Vec::new(),
            single_form: None,
            segments: Vec::new(),
            slot: &mut [],
            filled: 0,
            cur: Entry::default(),
            obsolete: false,
            obsolete_str: false,
            open: None,
            spare: Text::builder(FILE, 0),
            limit: usize::try_from(max_line_length()).unwrap_or(usize::MAX),
            dropped: 0,
            lineno: 0,
        }
    }

    fn err(&self, offset: usize, msg: impl Into<String>) -> InputError {
        error_at(self.path, self.src, offset, msg)
    }

    fn run(mut self) -> Result<Vec<Entry>, InputError> {
        self.lines(0..self.src.len(), 1)?;
        self.run_tail()
    }

    /// Lex the piece `range` of the file (first line numbered `first_line`), which starts at
    /// an entry. `None` when it fails or (unless it is the `last` piece) ends inside an entry
    /// that the next piece would continue: the caller then lexes the whole file in one pass.
    fn run_piece(
        mut self,
        range: Range<usize>,
        first_line: usize,
        last: bool,
    ) -> Option<Vec<Entry>> {
        self.lex_piece(range, first_line, last)?;
        Some(self.entries)
    }

    /// [`Lexer::run_piece`], leaving the entries (or segments) in the lexer.
    fn lex_piece(&mut self, range: Range<usize>, first_line: usize, last: bool) -> Option<()> {
        self.lines(range, first_line).ok()?;
        if last {
            return self.tail().ok();
        }
        self.close_field().ok()?;
        let c = &self.cur;
        let complete = !c.msgstr.is_empty()
            || self.obsolete
            || (!c.has_content()
                && c.translator_comments.is_empty()
                && c.extracted_comments.is_empty()
                && c.flags.is_empty());
        if !complete {
            return None;
        }
        self.finish();
        Some(())
    }

    /// The end-of-file checks of [`Lexer::run`], after the lines were read.
    fn run_tail(mut self) -> Result<Vec<Entry>, InputError> {
        self.tail()?;
        Ok(self.entries)
    }

    /// [`Lexer::run_tail`], leaving the entries (or segments) in the lexer.
    fn tail(&mut self) -> Result<(), InputError> {
        let src = self.src;
        self.close_field()?;
        if self.cur.msgid.is_some() && !self.obsolete && self.cur.msgstr.is_empty() {
            return Err(self.err(src.len(), "missing msgstr at end of file"));
        }
        if self.cur.msgctxt.is_some() && self.cur.msgid.is_none() && !self.obsolete {
            return Err(self.err(src.len(), "msgctxt without msgid at end of file"));
        }
        self.finish();
        Ok(())
    }

    /// Read the lines of `range` (whose first line is numbered `first_line`).
    fn lines(&mut self, range: Range<usize>, first_line: usize) -> Result<(), InputError> {
        let src = self.src;
        let mut pos = range.start;
        // The lines of `range` with their `\n` (the last one may have none), as
        // `split_inclusive('\n')` gives them, found by the vectorised `memchr` rather than
        // the standard library's byte-wise one.
        let ends = memchr::memchr_iter(b'\n', &src.as_bytes()[range.clone()])
            .map(|p| range.start + p + 1)
            .chain((!src[range.clone()].ends_with('\n') && !range.is_empty()).then_some(range.end));
        for (index, end) in ends.enumerate() {
            self.lineno = first_line + index;
            let line_start = pos;
            let raw = &src[pos..end];
            pos = end;
            let line = raw.trim_end_matches(['\n', '\r']);
            let body = line.trim_start();
            let at = line_start + (line.len() - body.len());
            if body.is_empty() {
                continue;
            }
            if let Some(rest) = body.strip_prefix("#~") {
                self.obsolete_line(rest.trim_start(), at)?;
            } else if let Some(rest) = body.strip_prefix('#') {
                self.close_field()?;
                if self.limit > 0 && rest.len() > self.limit {
                    return Err(self.err(
                        at,
                        format!(
                            "comment line too long ({}; the limit is {}): raise it with --max-line-length",
                            human_size(rest.len() as u64),
                            human_size(self.limit as u64)
                        ),
                    ));
                }
                if !self.cur.msgstr.is_empty() || self.obsolete {
                    self.finish();
                }
                self.comment(rest);
            } else if body.starts_with('"') {
                let Some((field, mut builder, start)) = self.open.take() else {
                    return Err(self.err(at, "string continuation without msgid or msgstr"));
                };
                self.string(body, at, &mut builder)?;
                self.open = Some((field, builder, start));
            } else {
                self.keyword_line(body, at)?;
            }
        }
        Ok(())
    }

    /// `#~ ...`: part of an obsolete entry, skipped.
    fn obsolete_line(&mut self, rest: &str, at: usize) -> Result<(), InputError> {
        self.close_field()?;
        if !self.obsolete && self.cur.has_content() {
            if self.cur.msgstr.is_empty() {
                return Err(self.err(at, "msgid without msgstr before an obsolete entry"));
            }
            self.finish();
        }
        if self.obsolete
            && self.obsolete_str
            && (rest.starts_with("msgid") || rest.starts_with("msgctxt"))
            && !rest.starts_with("msgid_plural")
        {
            self.finish();
        }
        // Comments gathered so far belong to this obsolete entry.
        self.obsolete = true;
        if rest.starts_with("msgstr") {
            self.obsolete_str = true;
        }
        Ok(())
    }

    fn comment(&mut self, rest: &str) {
        match rest.chars().next() {
            Some(',') => self.cur.flags.extend(
                rest[1..]
                    .split(',')
                    .map(str::trim)
                    .filter(|f| !f.is_empty())
                    .map(String::from),
            ),
            Some('.') => self
                .cur
                .extracted_comments
                .push(rest[1..].trim().to_string()),
            // References and previous strings.
            Some(':') | Some('|') => {}
            None => self.cur.translator_comments.push(String::new()),
            Some(c) if c.is_whitespace() => {
                self.cur.translator_comments.push(rest.trim().to_string())
            }
            Some(_) => {}
        }
    }

    fn keyword_line(&mut self, body: &str, at: usize) -> Result<(), InputError> {
        let kw_len = body
            .find(|c: char| c.is_whitespace() || c == '"')
            .unwrap_or(body.len());
        let keyword = &body[..kw_len];
        let field = match keyword {
            "msgctxt" => Field::Ctxt,
            "msgid" => Field::Id,
            "msgid_plural" => Field::Plural,
            "msgstr" => Field::Str(None),
            "domain" => return Ok(()),
            k if k.starts_with("msgstr[") && k.ends_with(']') => {
                match k["msgstr[".len()..k.len() - 1].trim().parse::<usize>() {
                    Ok(n) => Field::Str(Some(n)),
                    Err(_) => return Err(self.err(at, format!("bad plural index in `{k}`"))),
                }
            }
            _ => {
                let shown: String = body.chars().take(24).collect();
                return Err(self.err(
                    at,
                    format!("expected msgctxt, msgid, msgid_plural, msgstr or a string, found `{shown}`"),
                ));
            }
        };
        self.close_field()?;
        self.check_order(field, at)?;
        let rest = &body[kw_len..];
        let lit = rest.trim_start();
        let lit_at = at + kw_len + (rest.len() - lit.len());
        if !lit.starts_with('"') {
            return Err(self.err(lit_at, format!("expected a string after `{keyword}`")));
        }
        if self.cur.line == 0 {
            self.cur.line = self.lineno;
        }
        let mut builder = std::mem::replace(&mut self.spare, Text::builder(FILE, 0));
        builder.reset(FILE, lit_at + 1);
        self.string(lit, lit_at, &mut builder)?;
        self.open = Some((field, builder, lit_at + 1));
        Ok(())
    }

    /// Keywords must come in order: msgctxt? msgid msgid_plural? (msgstr | msgstr[n]+).
    fn check_order(&mut self, field: Field, at: usize) -> Result<(), InputError> {
        if self.obsolete {
            self.finish();
        }
        let c = &self.cur;
        match field {
            Field::Ctxt | Field::Id => {
                if !c.msgstr.is_empty() {
                    self.finish();
                } else if c.msgid.is_some() {
                    return Err(self.err(at, "missing msgstr for the previous msgid"));
                } else if field == Field::Ctxt && c.msgctxt.is_some() {
                    return Err(self.err(at, "duplicate msgctxt"));
                }
            }
            Field::Plural => {
                if c.msgid.is_none() || !c.msgstr.is_empty() {
                    return Err(self.err(at, "msgid_plural must follow msgid"));
                }
                if c.msgid_plural.is_some() {
                    return Err(self.err(at, "duplicate msgid_plural"));
                }
            }
            Field::Str(None) => {
                if c.msgid.is_none() {
                    return Err(self.err(at, "msgstr without msgid"));
                }
                if c.msgid_plural.is_some() {
                    return Err(self.err(at, "expected msgstr[0] after msgid_plural"));
                }
                if !c.msgstr.is_empty() {
                    return Err(self.err(at, "duplicate msgstr"));
                }
            }
            Field::Str(Some(n)) => {
                if c.msgid.is_none() {
                    return Err(self.err(at, "msgstr without msgid"));
                }
                if c.msgid_plural.is_none() {
                    return Err(self.err(at, format!("msgstr[{n}] without msgid_plural")));
                }
                if c.msgstr.iter().any(|(i, _)| *i == Some(n)) {
                    return Err(self.err(at, format!("duplicate msgstr[{n}]")));
                }
            }
        }
        Ok(())
    }

    /// Store the open field in the entry; an error if it grew past the length limit.
    fn close_field(&mut self) -> Result<(), InputError> {
        let Some((field, builder, start)) = self.open.take() else {
            return Ok(());
        };
        if self.dropped > 0 {
            let size = self.dropped + builder.len();
            self.dropped = 0;
            return Err(self.err(
                start,
                format!(
                    "segment text too long ({}; the limit is {}): raise it with --max-line-length",
                    human_size(size as u64),
                    human_size(self.limit as u64)
                ),
            ));
        }
        let mut builder = builder;
        let text = builder.take();
        self.spare = builder;
        match field {
            Field::Ctxt => self.cur.msgctxt = Some(text),
            Field::Id => self.cur.msgid = Some(text),
            Field::Plural => self.cur.msgid_plural = Some(text),
            Field::Str(i) => self.cur.msgstr.push((i, text)),
        }
        Ok(())
    }

    /// Append decoded text to the open field (`verbatim`: found as it is in the file at
    /// `file.start`; else decoded from the escape at `file`), unless the field grew past
    /// the length limit: from then on its bytes are only counted (see `dropped`).
    fn push(&mut self, b: &mut TextBuilder, s: &str, file: std::ops::Range<usize>, verbatim: bool) {
        if self.dropped > 0 {
            self.dropped += s.len();
            return;
        }
        if self.limit > 0 && b.len() + s.len() > self.limit {
            self.dropped = b.len() + s.len();
            // Free what was kept: only the size is needed now.
            *b = Text::builder(FILE, file.start);
            return;
        }
        if verbatim {
            b.verbatim(s, file.start);
        } else {
            b.escaped(s, file);
        }
    }

    fn finish(&mut self) {
        let e = std::mem::take(&mut self.cur);
        if !self.obsolete && e.has_content() {
            match self.single_form {
                Some(single_form) => {
                    let (slot, filled, more) =
                        (&mut *self.slot, &mut self.filled, &mut self.segments);
                    entry_segments(e, single_form, &mut |s| match slot.get_mut(*filled) {
                        Some(cell) => {
                            *cell = s;
                            *filled += 1;
                        }
                        None => more.push(s),
                    })
                }
                None => self.entries.push(e),
            }
        }
        self.obsolete = false;
        self.obsolete_str = false;
    }

    /// Lex the string literal `lit` (starting with `"`, at file offset `at`) into `b`.
    fn string(&mut self, lit: &str, at: usize, b: &mut TextBuilder) -> Result<(), InputError> {
        let bytes = lit.as_bytes();
        let mut i = 1;
        let mut run = 1;
        loop {
            // Straight to the next quote or backslash.
            i = memchr::memchr2(b'"', b'\\', &bytes[i.min(bytes.len())..])
                .map_or(bytes.len(), |p| i + p);
            let Some(&c) = bytes.get(i) else {
                return Err(self.err(at, "unterminated string (no closing `\"` on this line)"));
            };
            match c {
                b'"' => {
                    self.push(b, &lit[run..i], at + run..at + i, true);
                    i += 1;
                    break;
                }
                b'\\' => {
                    self.push(b, &lit[run..i], at + run..at + i, true);
                    i = self.escape(lit, at, i, b)?;
                    run = i;
                }
                _ => i += 1,
            }
        }
        let trailing = &lit[i..];
        if !trailing.trim().is_empty() {
            let skip = trailing.len() - trailing.trim_start().len();
            return Err(self.err(at + i + skip, "unexpected text after the closing `\"`"));
        }
        Ok(())
    }

    /// Decode the escape at `lit[i]` (a backslash); returns the index after it. Runs of
    /// octal/hex byte escapes are decoded together (UTF-8 if valid, else Latin-1).
    fn escape(
        &mut self,
        lit: &str,
        at: usize,
        i: usize,
        b: &mut TextBuilder,
    ) -> Result<usize, InputError> {
        let bytes = lit.as_bytes();
        let simple = match bytes.get(i + 1) {
            None => return Err(self.err(at, "unterminated string (ends with a backslash)")),
            Some(b'n') => Some('\n'),
            Some(b't') => Some('\t'),
            Some(b'r') => Some('\r'),
            Some(b'"') => Some('"'),
            Some(b'\\') => Some('\\'),
            Some(b'a') => Some('\x07'),
            Some(b'b') => Some('\x08'),
            Some(b'f') => Some('\x0c'),
            Some(b'v') => Some('\x0b'),
            Some(b'?') => Some('?'),
            Some(b'\'') => Some('\''),
            Some(b'0'..=b'7') | Some(b'x') => None,
            Some(_) => {
                let c = lit[i + 1..].chars().next().unwrap_or('?');
                return Err(self.err(at + i, format!("invalid escape `\\{c}`")));
            }
        };
        if let Some(c) = simple {
            self.push(b, c.encode_utf8(&mut [0; 4]), at + i..at + i + 2, false);
            return Ok(i + 2);
        }
        let mut group = Vec::new();
        let mut j = i;
        while bytes.get(j) == Some(&b'\\') {
            let (value, next) = match bytes.get(j + 1) {
                Some(b'x') => {
                    let digits = bytes[j + 2..]
                        .iter()
                        .take(2)
                        .take_while(|d| d.is_ascii_hexdigit())
                        .count();
                    if digits == 0 {
                        return Err(self.err(at + j, "`\\x` without hex digits"));
                    }
                    let v = u8::from_str_radix(&lit[j + 2..j + 2 + digits], 16).unwrap_or(0);
                    (v, j + 2 + digits)
                }
                Some(b'0'..=b'7') => {
                    let digits = bytes[j + 1..]
                        .iter()
                        .take(3)
                        .take_while(|d| (b'0'..=b'7').contains(d))
                        .count();
                    let v = u32::from_str_radix(&lit[j + 1..j + 1 + digits], 8).unwrap_or(0);
                    if v > 0xFF {
                        return Err(self.err(at + j, "octal escape above \\377"));
                    }
                    (v as u8, j + 1 + digits)
                }
                _ => break,
            };
            group.push(value);
            j = next;
        }
        let decoded = match String::from_utf8(group) {
            Ok(s) => s,
            Err(e) => e.into_bytes().iter().map(|&b| b as char).collect(),
        };
        self.push(b, &decoded, at + i..at + j, false);
        Ok(j)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(src: &str) -> Document {
        let cat = parse("t.po", src.to_string()).unwrap();
        to_document(cat, &LoadOptions::default())
    }

    fn err(src: &str) -> InputError {
        parse("t.po", src.to_string()).unwrap_err()
    }

    const HEADER: &str = "msgid \"\"\nmsgstr \"\"\n\"Language: zh_CN\\n\"\n\"Plural-Forms: nplurals=1; plural=0;\\n\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n\n";

    #[test]
    fn header_is_read_and_not_a_segment() {
        let d = doc(&format!("{HEADER}msgid \"a\"\nmsgstr \"甲\"\n"));
        assert_eq!(d.segments.len(), 1);
        assert_eq!(d.target_lang.as_ref().unwrap().tag(), "zh-CN");
        assert_eq!(d.segments[0].id(), "a");
        assert_eq!(d.segments[0].state, SegmentState::Translated);
    }

    #[test]
    fn escapes_and_joins_map_to_exact_bytes() {
        let src = "msgid \"\"\n\"Say \\\"hi\\\"\\n\"\n\"now\"\nmsgstr \"x\"\n";
        let d = doc(src);
        let s = d.segments[0].source.as_ref().unwrap();
        assert_eq!(s.value, "Say \"hi\"\nnow");
        let f = &d.files[0].content;
        // the quote escape maps to the two bytes `\"`
        let q = s.value.find('"').unwrap();
        assert_eq!(&f[s.file_span(q..q + 1)], "\\\"");
        // a span over the join maps to two ranges
        let nl = s.value.find('\n').unwrap();
        let r = s.file_ranges(nl..nl + 2);
        assert_eq!(r.len(), 2);
        assert_eq!(&f[r[0].clone()], "\\n");
        assert_eq!(&f[r[1].clone()], "n");
        let h = s.value.find("hi").unwrap();
        assert_eq!(&f[s.file_span(h..h + 2)], "hi");
    }

    #[test]
    fn plurals_context_flags_comments() {
        let src = format!(
            "{HEADER}# translator note\n# termlint-ignore: double-space, term-missing\n#. extracted\n#: src/a.c:12\n#, c-format, fuzzy\nmsgctxt \"menu\"\nmsgid \"%d file\"\nmsgid_plural \"%d files\"\nmsgstr[0] \"%d 个文件\"\n"
        );
        let cat = parse("t.po", src).unwrap();
        let d = to_document(
            cat,
            &LoadOptions {
                include_fuzzy: true,
                ..Default::default()
            },
        );
        let s = &d.segments[0];
        assert_eq!(s.context(), Some("menu"));
        assert_eq!(s.id(), "menu\u{4}%d file");
        assert_eq!(s.flags(), vec!["c-format", "fuzzy"]);
        assert_eq!(s.state, SegmentState::Fuzzy);
        assert_eq!(
            s.notes(),
            vec![
                "translator note",
                "termlint-ignore: double-space, term-missing",
                "extracted"
            ]
        );
        assert_eq!(s.suppressed(), vec!["double-space", "term-missing"]);
        // nplurals=1: msgstr[0] answers msgid_plural
        assert_eq!(s.source.as_ref().unwrap().value, "%d files");
        assert_eq!(s.plural_index(), Some(0));
    }

    #[test]
    fn two_forms_answer_msgid_then_plural() {
        let src = "msgid \"\"\nmsgstr \"Plural-Forms: nplurals=2; plural=n != 1;\\n\"\n\nmsgid \"one\"\nmsgid_plural \"many\"\nmsgstr[0] \"un\"\nmsgstr[1] \"plusieurs\"\n";
        let d = doc(src);
        let srcs: Vec<&str> = d
            .segments
            .iter()
            .map(|s| s.source.as_ref().unwrap().as_str())
            .collect();
        assert_eq!(srcs, vec!["one", "many"]);
        assert_eq!(d.segments[1].plural_index(), Some(1));
    }

    #[test]
    fn obsolete_entries_are_skipped() {
        let src = "msgid \"a\"\nmsgstr \"b\"\n\n# old\n#~ msgid \"x\"\n#~ msgstr \"y\"\n#~ msgid \"z\"\n#~ msgstr \"w\"\nmsgid \"c\"\nmsgstr \"d\"\n";
        let cat = parse("t.po", src.into()).unwrap();
        assert_eq!(cat.entries.len(), 2);
        assert!(cat.entries[1].translator_comments.is_empty());
        assert_eq!(cat.statistics().translated, 2);
    }

    #[test]
    fn crlf_and_octal_hex_escapes() {
        let src = "msgid \"a\\101\\x42\"\r\nmsgstr \"\\344\\270\\255\"\r\n";
        let d = doc(src);
        assert_eq!(d.segments[0].source.as_ref().unwrap().value, "aAB");
        let t = d.segments[0].target.as_ref().unwrap();
        assert_eq!(t.value, "中");
        assert_eq!(&d.files[0].content[t.file_span(0..3)], "\\344\\270\\255");
    }

    #[test]
    fn broken_files_name_line_and_column() {
        let e = err("msgid \"a\"\nmsgstr \"b\n");
        assert_eq!((e.line, e.column), (Some(2), Some(8)));
        assert!(e.message.contains("unterminated"));
        let e = err("msgid \"a\"\nmsgid \"b\"\nmsgstr \"\"\n");
        assert_eq!(e.line, Some(2));
        let e = err("msgid \"a\"\nmsgstr \"b\" x\n");
        assert_eq!((e.line, e.column), (Some(2), Some(12)));
        let e = err("msgid \"a\\q\"\nmsgstr \"\"\n");
        assert!(e.message.contains("invalid escape"));
        let e = err("msgid \"a\"\n");
        assert!(e.message.contains("missing msgstr"));
        let e = err("msgid \"a\"\nmsgstr[0] \"b\"\n");
        assert!(e.message.contains("msgid_plural"));
        let e = err("bogus\n");
        assert_eq!(e.line, Some(1));
    }

    /// A catalog big enough to be lexed in pieces, with the shapes that make a cut unsafe:
    /// comments parted from their msgid by a blank line, obsolete entries, a string
    /// continued after a blank line, plurals, escapes.
    fn big_catalog(tricky: bool) -> String {
        let mut s =
            String::from("msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n\n");
        let mut i = 0;
        while s.len() < 3 * PARALLEL_LEX_BYTES {
            s.push_str(&format!("#. note {i}\n#, c-format\nmsgid \"File %s number {i}\"\nmsgstr \"文件 %s 第 {i} 个\\n\"\n\n"));
            s.push_str(&format!("msgctxt \"ctx\"\nmsgid \"one {i}\"\nmsgid_plural \"many {i}\"\nmsgstr[0] \"\"\n\"多个 {i}\"\n\n"));
            s.push_str(&format!("#~ msgid \"old {i}\"\n#~ msgstr \"旧 {i}\"\n\n"));
            if tricky && i % 97 == 0 {
                s.push_str(&format!(
                    "# translator {i}\n\nmsgid \"split {i}\"\n\n\"continued\"\nmsgstr \"分开\"\n\n"
                ));
            }
            i += 1;
        }
        s
    }

    #[test]
    fn parallel_lexing_gives_exactly_the_sequential_entries() {
        for tricky in [false, true] {
            let src = big_catalog(tricky);
            assert!(entry_cuts(&src, 8).len() > 2, "the catalog is cut");
            let parallel = concat(lex_pieces("big.po", &src).unwrap());
            let sequential = Lexer::new("big.po", &src).run().unwrap();
            assert_eq!(parallel.len(), sequential.len());
            for (p, q) in parallel.iter().zip(&sequential) {
                assert_eq!(format!("{p:?}"), format!("{q:?}"));
            }
        }
    }

    #[test]
    fn parallel_segments_are_exactly_the_sequential_ones() {
        for (tricky, header) in [(false, HEADER), (true, HEADER), (false, "")] {
            let src = format!("{header}{}", big_catalog(tricky));
            let sequential = to_document(
                parse("big.po", src.clone()).unwrap(),
                &LoadOptions::default(),
            );
            let loaded = load("big.po", src.into_bytes(), &LoadOptions::default()).unwrap();
            assert_eq!(loaded.segments.len(), sequential.segments.len());
            assert_eq!(
                loaded.target_lang.map(|l| l.tag().to_string()),
                sequential.target_lang.map(|l| l.tag().to_string())
            );
            for (p, q) in loaded.segments.iter().zip(&sequential.segments) {
                assert_eq!(format!("{p:?}"), format!("{q:?}"));
            }
        }
    }

    /// Deferred pieces make, in order, exactly the segments [`load`] makes and the state
    /// filter keeps, under several filters and plural headers; the document's languages
    /// are the loaded one's. Where cuts fall inside entries (the tricky catalog), some
    /// piece says it cannot be lexed alone.
    /// The `charset=` search finds the first occurrence, as the window search it
    /// replaced did.
    #[test]
    fn charset_is_the_first_one_a_window_search_finds() {
        let by_windows = |bytes: &[u8]| {
            let needle = b"charset=";
            let at = bytes.windows(needle.len()).position(|w| w == needle)?;
            let rest = &bytes[at + needle.len()..];
            let end = rest
                .iter()
                .position(|b| {
                    !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':'))
                })
                .unwrap_or(rest.len());
            let name = std::str::from_utf8(&rest[..end]).ok()?;
            (!name.is_empty() && name != "CHARSET").then(|| name.to_string())
        };
        for text in [
            "",
            "charset=",
            "charset=UTF-8",
            "x charset=GBK\\n charset=UTF-8",
            "charset=CHARSET\\n",
            "chars charset charset=big5.x:y-z_1 ",
            "no declaration at all",
            "charset=中文",
            "ccharset=UTF-8",
        ] {
            assert_eq!(
                find_charset(text.as_bytes()),
                by_windows(text.as_bytes()),
                "{text}"
            );
        }
    }

    /// A catalog read in parallel is the text, line index and document of the reading
    /// it replaces (`read_bytes`, `decode`, `line_starts`); anything else is left to that
    /// reading: BOMs, NUL bytes, invalid UTF-8 (in a piece or cut between pieces),
    /// another charset, small files.
    #[test]
    fn parallel_reads_read_like_decode() {
        let dir = tempfile::tempdir().unwrap();
        let body = big_catalog(true).into_bytes();
        let at_border = READ_PIECE_BYTES + 3;
        let variants: Vec<(&str, Vec<u8>)> = vec![
            ("plain", body.clone()),
            ("no final break", body[..body.len() - 2].to_vec()),
            (
                "crlf",
                String::from_utf8(body.clone())
                    .unwrap()
                    .replace('\n', "\r\n")
                    .into_bytes(),
            ),
            ("nul", {
                let mut b = body.clone();
                b[at_border] = 0;
                b
            }),
            ("invalid", {
                let mut b = body.clone();
                b[at_border] = 0xFF;
                b
            }),
            ("cut sequence", {
                let mut b = body.clone();
                let k = b.len() / 2;
                let k = k + b[k..].iter().position(|&c| c == b'\n').unwrap();
                b.insert(k, 0xE4);
                b
            }),
            (
                "gbk",
                String::from_utf8(body.clone())
                    .unwrap()
                    .replacen("UTF-8", "GBK", 1)
                    .into_bytes(),
            ),
            ("ascii gbk", {
                let s = String::from_utf8(body.clone())
                    .unwrap()
                    .replacen("UTF-8", "GBK", 1);
                s.chars()
                    .map(|c| if c.is_ascii() { c } else { 'x' })
                    .collect::<String>()
                    .into_bytes()
            }),
            (
                "no charset",
                String::from_utf8(body.clone())
                    .unwrap()
                    .replacen("charset=UTF-8", "x", 1)
                    .into_bytes(),
            ),
            ("bom", [&[0xEF, 0xBB, 0xBF][..], &body].concat()),
            ("utf-16", [&[0xFF, 0xFE][..], &body].concat()),
            ("small", body[..4000].to_vec()),
        ];
        for (name, bytes) in variants {
            let path = dir.path().join(format!("{}.po", name.replace(' ', "-")));
            std::fs::write(&path, &bytes).unwrap();
            let path = path.to_str().unwrap();
            let parallel = read_in_parallel(path);
            let taken = matches!(name, "plain" | "no final break" | "crlf" | "no charset");
            assert_eq!(parallel.is_some(), taken, "{name}");
            let Some(read) = parallel else { continue };
            let content = decode(path, super::super::read_bytes(path).unwrap()).unwrap();
            assert!(read.content == content, "{name}");
            assert_eq!(
                read.line_starts,
                crate::segment::line_starts(&content),
                "{name}"
            );
            let opts = LoadOptions::default();
            let whole = |d: &Document| {
                format!(
                    "{:?}",
                    (&d.segments, &d.source_lang, &d.target_lang, &d.files)
                )
            };
            let read_again = read_in_parallel(path).unwrap();
            assert_eq!(
                whole(&load_read(path, read_again, &opts).unwrap()),
                whole(&load(path, bytes.clone(), &opts).unwrap()),
                "{name}"
            );
            let (fast, fast_entries) = load_deferred_read(path, read, &opts).unwrap();
            let (slow, slow_entries) = load_deferred(path, bytes, &opts).unwrap();
            assert_eq!(whole(&fast), whole(&slow), "{name}");
            assert_eq!(
                format!("{fast_entries:?}"),
                format!("{slow_entries:?}"),
                "{name}"
            );
        }
    }

    #[test]
    fn deferred_pieces_make_the_loaded_segments() {
        use crate::segment::SegmentState;
        for (tricky, header, broken) in [
            (false, HEADER, false),
            (true, HEADER, false),
            (false, "", false),
            (false, HEADER, true),
        ] {
            let mut src = format!("{header}{}", big_catalog(tricky)).replacen(
                "#, c-format",
                "#, fuzzy, c-format",
                700,
            );
            if broken {
                // A line that is no PO, in the middle of the catalog.
                let mid = src.len() / 2;
                let at = mid + src[mid..].find("\n\n#. note").unwrap() + 2;
                src.insert_str(at, "this is not PO\n");
            }
            for i in 0..3000 {
                src.push_str(&format!("msgid \"untranslated {i}\"\nmsgstr \"\"\n\n"));
            }
            let filters = [
                LoadOptions::default(),
                LoadOptions {
                    include_fuzzy: true,
                    ..LoadOptions::default()
                },
                LoadOptions {
                    states: vec![SegmentState::New, SegmentState::Fuzzy],
                    ..LoadOptions::default()
                },
            ];
            for opts in filters {
                if broken {
                    let (_, deferred) =
                        load_deferred("big.po", src.clone().into_bytes(), &opts).unwrap();
                    let deferred = deferred.unwrap();
                    let (path, content) = ("big.po", src.as_str());
                    let failed = (0..deferred.pieces())
                        .filter(|&k| !deferred.fill(path, content, k, &mut Vec::new()))
                        .count();
                    assert_eq!(failed, 1);
                    assert!(load("big.po", src.clone().into_bytes(), &opts).is_err());
                    continue;
                }
                let loaded = load("big.po", src.clone().into_bytes(), &opts).unwrap();
                let expected: Vec<String> = loaded
                    .segments
                    .iter()
                    .filter(|s| super::super::keeps_state(s, &opts))
                    .map(|s| format!("{s:?}"))
                    .collect();
                let (doc, deferred) =
                    load_deferred("big.po", src.clone().into_bytes(), &opts).unwrap();
                let deferred = deferred.expect("a large catalog with a header is deferred");
                assert!(doc.segments.is_empty());
                assert_eq!(
                    format!("{:?}", doc.target_lang),
                    format!("{:?}", loaded.target_lang)
                );
                assert!(deferred.pieces() > 20, "{}", deferred.pieces());
                let file = &doc.files[0];
                let mut made = Vec::new();
                let mut whole = true;
                for k in 0..deferred.pieces() {
                    let before = made.len();
                    if !deferred.fill(&file.path, &file.content, k, &mut made) {
                        assert_eq!(made.len(), before, "a failed piece adds nothing");
                        whole = false;
                    }
                }
                // Cuts inside the tricky entries are rare; elsewhere every piece lexes.
                assert!(whole || tricky);
                if whole {
                    let made: Vec<String> = made.iter().map(|s| format!("{s:?}")).collect();
                    assert_eq!(made.len(), expected.len());
                    assert_eq!(made, expected);
                }
            }
        }
    }

    /// Entries that make no segment (a second header) leave cells of a piece's stretch
    /// empty, and keywords indented with a non-ASCII space are not counted as `msgstr`
    /// lines (more segments than room): the segments still come out exactly as the
    /// sequential reader makes them.
    #[test]
    fn parallel_segments_fill_and_overflow_their_room_exactly() {
        for (gaps, overflow) in [(true, false), (false, true), (true, true)] {
            let mut src = String::from(HEADER);
            // (Not the tricky catalog: an entry of it continues after a blank line.)
            for (i, chunk) in big_catalog(false).split("\n\n").enumerate() {
                src.push_str(chunk);
                src.push_str("\n\n");
                if gaps && i % 50 == 7 {
                    src.push_str("msgid \"\"\nmsgstr \"again\"\n\n");
                    src.push_str("msgid \"a msgstr inside {i}\"\n\"msgstr\"\nmsgstr \"x\"\n\n");
                }
                if overflow && i % 61 == 3 {
                    src.push_str(&format!("\u{a0}msgid \"nb {i}\"\n\u{a0}msgstr \"不\"\n\n"));
                }
            }
            let sequential = to_document(
                parse("big.po", src.clone()).unwrap(),
                &LoadOptions::default(),
            );
            let (parallel, _) = lex_segments_in_parallel("big.po", &src).unwrap();
            assert_eq!(parallel.len(), sequential.segments.len());
            for (p, q) in parallel.iter().zip(&sequential.segments) {
                assert_eq!(format!("{p:?}"), format!("{q:?}"));
            }
        }
    }

    /// Every form of an entry has the entry's id (context, U+0004, msgid), whether its
    /// source is the msgid (the id is made when asked) or the msgid_plural (a copy).
    #[test]
    fn every_form_has_the_entrys_id() {
        let two = "msgid \"\"\nmsgstr \"Plural-Forms: nplurals=2; plural=n != 1;\\n\"\n\n";
        for (header, forms) in [(HEADER, 1), (two, 2)] {
            let mut src = header.to_string();
            src.push_str("msgctxt \"m\"\nmsgid \"%d file\"\nmsgid_plural \"%d files\"\n");
            src.push_str("msgstr[0] \"a\"\nmsgstr[1] \"b\"\n\n");
            src.push_str(
                "msgid \"one\"\nmsgid_plural \"many\"\nmsgstr[0] \"c\"\nmsgstr[1] \"d\"\n\n",
            );
            src.push_str(
                "msgctxt \"k\"\nmsgid \"plain\"\nmsgstr \"e\"\n\nmsgid \"bare\"\nmsgstr \"f\"\n",
            );
            let d = to_document(parse("t.po", src).unwrap(), &LoadOptions::default());
            let ids: Vec<_> = d.segments.iter().map(|s| s.id()).collect();
            assert_eq!(
                ids,
                [
                    "m\u{4}%d file",
                    "m\u{4}%d file",
                    "one",
                    "one",
                    "k\u{4}plain",
                    "bare"
                ],
                "nplurals={forms}"
            );
            let sources: Vec<_> = d
                .segments
                .iter()
                .map(|s| s.source.as_ref().unwrap().as_str())
                .collect();
            let plural = if forms == 1 { "%d files" } else { "%d file" };
            assert_eq!(sources[0], plural, "nplurals={forms}");
        }
    }

    #[test]
    fn close_up_keeps_order_over_gaps_and_extras() {
        let seg = |n: usize| Segment {
            id: n.to_string().into(),
            ..Default::default()
        };
        let ids = |v: &[Segment]| v.iter().map(|s| s.id().into_owned()).collect::<Vec<_>>();
        // Stretches of 3, 2 and 3 cells; the first and third partly filled.
        let all = vec![
            seg(1),
            seg(2),
            seg(0),
            seg(3),
            seg(4),
            seg(5),
            seg(0),
            seg(0),
        ];
        let room = [3, 2, 3];
        let lexed = vec![(2, vec![]), (2, vec![]), (1, vec![])];
        assert_eq!(
            ids(&close_up(all.clone(), &room, lexed)),
            ["1", "2", "3", "4", "5"]
        );
        // The second piece had one segment more than its room.
        let lexed = vec![(2, vec![]), (2, vec![seg(9)]), (1, vec![])];
        assert_eq!(
            ids(&close_up(all, &room, lexed)),
            ["1", "2", "3", "4", "9", "5"]
        );
        // Nothing filled at all.
        let lexed = vec![(0, vec![]), (0, vec![])];
        assert!(close_up(vec![seg(0), seg(0)], &[1, 1], lexed).is_empty());
    }

    /// Lines are cut at every `\n` whether or not the file ends with one, with CRLF too.
    #[test]
    fn lines_end_with_or_without_a_final_newline() {
        let body = "msgid \"a\"\nmsgstr \"甲\"\n\nmsgid \"b\"\nmsgstr \"\"\n\"乙\"";
        for text in [
            format!("{HEADER}{body}"),
            format!("{HEADER}{body}\n"),
            format!("{HEADER}{body}\n\n"),
            format!("{HEADER}{body}").replace('\n', "\r\n"),
        ] {
            let d = doc(&text);
            assert_eq!(d.segments.len(), 2, "{text:?}");
            assert_eq!(d.segments[1].target.as_ref().unwrap().as_str(), "乙");
            let t = d.segments[1].target.as_ref().unwrap();
            assert_eq!(
                d.files[0].position(t.file_span(0..3).start).0,
                12,
                "{text:?}"
            );
        }
        let e = err(&format!("{HEADER}msgid \"a\"\nmsgstr \"甲\"\nbogus"));
        assert_eq!(e.line, Some(9), "{e:?}");
    }

    #[test]
    fn msgstr_lines_counts_keyword_lines_only() {
        let piece = b"msgid \"msgstr\"\nmsgstr \"a\"\n  msgstr[0] \"b\"\n#~ msgstr \"c\"\n\tmsgstr[1] \"\"\n\"msgstr\"\n";
        assert_eq!(msgstr_lines(piece), (3, 6));
        assert_eq!(msgstr_lines(b"msgstr \"\""), (1, 0));
        assert_eq!(msgstr_lines(b""), (0, 0));
    }

    #[test]
    fn parallel_lexing_reports_the_first_error_with_its_line() {
        let mut src = big_catalog(false);
        let at = src.len() * 3 / 4;
        let line_start = src[..at].rfind("\nmsgid ").unwrap() + 1;
        src.insert_str(line_start, "bogus line\n");
        let expected_line = src[..line_start].matches('\n').count() + 1;
        let err = lex_pieces("big.po", &src).unwrap_err();
        assert_eq!(err.line, Some(expected_line), "{err:?}");
        assert_eq!(
            format!("{err:?}"),
            format!("{:?}", Lexer::new("big.po", &src).run().unwrap_err())
        );
    }

    #[test]
    fn statistics_count_like_msgfmt() {
        let src = format!("{HEADER}msgid \"a\"\nmsgstr \"b\"\n\n#, fuzzy\nmsgid \"c\"\nmsgstr \"d\"\n\nmsgid \"e\"\nmsgstr \"\"\n\n#, fuzzy\nmsgid \"f\"\nmsgstr \"\"\n");
        let cat = parse("t.po", src).unwrap();
        assert_eq!(
            cat.statistics(),
            Statistics {
                translated: 1,
                fuzzy: 1,
                untranslated: 2
            }
        );
    }
    /// Strings longer than `--max-line-length` (default 1 MiB, decoded) are refused while
    /// lexing, with their full size, before any segment is built; escapes count decoded.
    #[test]
    fn strings_over_the_length_limit_are_refused_while_lexing() {
        let limit = max_line_length() as usize;
        let chunk = "commit the file ".repeat(limit / 16 / 3 + 1);
        let src = format!(
            "{HEADER}msgid \"a\"\nmsgstr \"\"\n\"{chunk}\"\n\"{chunk}\"\n\"{chunk}\"\n\"\\n\"\n"
        );
        let e = err(&src);
        let size = human_size((chunk.len() * 3 + 1) as u64);
        assert_eq!((e.line, e.column), (Some(8), Some(9)), "{e:?}");
        assert_eq!(
            e.message,
            format!("segment text too long ({size}; the limit is 1.0 MiB): raise it with --max-line-length")
        );
        // A line longer than the limit whose decoded text is not: accepted.
        let escapes = "\\n".repeat(limit / 2 + 10);
        let d = doc(&format!("{HEADER}msgid \"a\"\nmsgstr \"{escapes}\"\n"));
        assert_eq!(
            d.segments[0].target.as_ref().unwrap().as_str().len(),
            limit / 2 + 10
        );
        // Escapes count by what they decode to.
        let escapes = "\\t".repeat(limit + 1);
        let e = err(&format!(
            "{HEADER}msgctxt \"{escapes}\"\nmsgid \"a\"\nmsgstr \"\"\n"
        ));
        assert!(
            e.message.starts_with("segment text too long (1.0 MiB;"),
            "{e:?}"
        );
        // Obsolete entries are skipped, however long.
        let long = "x".repeat(limit + 1);
        let d = doc(&format!(
            "{HEADER}#~ msgid \"{long}\"\n#~ msgstr \"y\"\n\nmsgid \"a\"\nmsgstr \"b\"\n"
        ));
        assert_eq!(d.segments.len(), 1);
        // A comment line is kept as a note: the same limit.
        let e = err(&format!("{HEADER}# {long}\nmsgid \"a\"\nmsgstr \"b\"\n"));
        assert_eq!(e.line, Some(7));
        assert!(e.message.starts_with("comment line too long"), "{e:?}");
    }
}
