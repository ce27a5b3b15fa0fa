//! Plain text: a source file beside its translation, aligned paragraph by paragraph (or line
//! by line), and monolingual documents.

use std::ops::Range;
use std::sync::Arc;

use rayon::prelude::*;
use smallvec::SmallVec;

use super::{max_file_size, max_line_length, read_text, Align, LoadOptions};
use crate::diagnostic::InputError;
use crate::lang::script::{dominant_script, Script};
use crate::segment::{line_starts, Document, Escaping, Segment, SourceFile, Text};

/// Split `content` into segments: blank-line separated paragraphs (each a byte range,
/// trailing line break excluded), or single non-blank lines.
pub fn split(content: &str, align: Align) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut para: Option<Range<usize>> = None;
    let mut pos = 0;
    for line in content.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        let range = pos..pos + body.len();
        pos += line.len();
        let blank = body.trim().is_empty();
        match align {
            Align::Lines => {
                if !blank {
                    out.push(range);
                }
            }
            Align::Paragraphs => {
                if blank {
                    if let Some(p) = para.take() {
                        out.push(p);
                    }
                } else {
                    para = Some(match para {
                        Some(p) => p.start..range.end,
                        None => range,
                    });
                }
            }
        }
    }
    if let Some(p) = para {
        out.push(p);
    }
    out
}

/// A segment of a plain-text file: its lines (each a byte range, the last without its line
/// break) and the rules an inline directive suppresses for it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Chunk {
    /// Line ranges, in order; all but the last include their line break. (Inline for one
    /// line: a file read line by line makes a million chunks.)
    pub lines: SmallVec<[Range<usize>; 1]>,
    /// Rules suppressed by `<!-- termlint-ignore: rule, ... -->` (`all` without a list).
    pub suppressed: Vec<String>,
}

impl Chunk {
    /// The byte range from the first line's start to the last line's end.
    pub fn span(&self) -> Range<usize> {
        let start = self.lines.first().map_or(0, |r| r.start);
        let end = self.lines.last().map_or(start, |r| r.end);
        start..end
    }

    /// The segment text (directive lines left out), mapped to the file.
    pub fn text(&self, content: &str, file: usize) -> Text {
        if let [only] = self.lines.as_slice() {
            return Text::verbatim(&content[only.clone()], file, only.start);
        }
        let mut b = Text::builder(file, self.span().start);
        for r in &self.lines {
            b.verbatim(&content[r.clone()], r.start);
        }
        b.build()
    }
}

/// A chunk as [`ChunkParts`] holds it: its lines and suppressed rules, borrowed.
#[derive(Debug, Clone, Copy)]
struct ChunkRef<'a> {
    lines: &'a [Range<usize>],
    suppressed: &'a [String],
}

impl ChunkRef<'_> {
    /// See [`Chunk::span`].
    fn span(&self) -> Range<usize> {
        let start = self.lines.first().map_or(0, |r| r.start);
        let end = self.lines.last().map_or(start, |r| r.end);
        start..end
    }

    /// See [`Chunk::text`].
    fn text(&self, content: &str, file: usize) -> Text {
        if let [only] = self.lines {
            return Text::verbatim(&content[only.clone()], file, only.start);
        }
        let mut b = Text::builder(file, self.span().start);
        for r in self.lines {
            b.verbatim(&content[r.clone()], r.start);
        }
        b.build()
    }
}

/// The chunks of one piece of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
enum PartChunks {
    /// With `Align::Lines`: one line per chunk, and the rules suppressed for the few
    /// chunks that have any, by index. A third of the memory of a [`Chunk`] per line (a
    /// 50 MB file has a million lines).
    Lines {
        lines: Vec<Range<usize>>,
        suppressed: Vec<(usize, Vec<String>)>,
    },
    /// Any chunks.
    General(Vec<Chunk>),
}

impl PartChunks {
    fn len(&self) -> usize {
        match self {
            PartChunks::Lines { lines, .. } => lines.len(),
            PartChunks::General(c) => c.len(),
        }
    }

    /// Chunk `k` of the piece.
    fn get(&self, k: usize) -> ChunkRef<'_> {
        match self {
            PartChunks::Lines { lines, suppressed } => ChunkRef {
                lines: std::slice::from_ref(&lines[k]),
                suppressed: if suppressed.is_empty() {
                    &[]
                } else {
                    suppressed
                        .binary_search_by_key(&k, |(i, _)| *i)
                        .map_or(&[][..], |j| &suppressed[j].1)
                },
            },
            PartChunks::General(c) => ChunkRef {
                lines: &c[k].lines,
                suppressed: &c[k].suppressed,
            },
        }
    }

    /// The chunks as [`Chunk`]s.
    fn into_chunks(self) -> Vec<Chunk> {
        match self {
            PartChunks::General(c) => c,
            PartChunks::Lines { .. } => (0..self.len())
                .map(|k| {
                    let c = self.get(k);
                    Chunk {
                        lines: c.lines.iter().cloned().collect(),
                        suppressed: c.suppressed.to_vec(),
                    }
                })
                .collect(),
        }
    }
}

/// The rules of a Markdown/HTML comment line `<!-- termlint-ignore: a, b -->` (`["all"]`
/// without a list), or `None` when the line is not such a directive.
pub fn directive(line: &str) -> Option<Vec<String>> {
    let inner = line
        .trim()
        .strip_prefix("<!--")?
        .strip_suffix("-->")?
        .trim();
    let rest = inner.strip_prefix("termlint-ignore")?;
    let rest = rest.trim_start();
    if rest.is_empty() {
        return Some(vec!["all".into()]);
    }
    let list = rest.strip_prefix(':')?;
    let rules: Vec<String> = list
        .split([',', ' '])
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(String::from)
        .collect();
    if rules.is_empty() {
        Some(vec!["all".into()])
    } else {
        Some(rules)
    }
}

/// Files at least this large are split in pieces, in parallel.
const PARALLEL_SPLIT_BYTES: usize = 1 << 20;

/// Split `content` into segments as [`split`] does, honouring suppression directives: a
/// line that is only `<!-- termlint-ignore: rule, ... -->` is left out of the text and
/// applies to the paragraph it stands in, or, standing alone, to the next paragraph (with
/// `Align::Lines`, to the next line). Directive lines never count as segments, so a
/// directive in the translation does not break the alignment with the source.
///
/// A large file is cut into pieces where no paragraph and no directive carries over (see
/// [`cut_points`]) and the pieces are split in parallel; the result is the same.
pub fn split_chunks(content: &str, align: Align) -> Vec<Chunk> {
    split_chunk_parts(content, align)
        .parts
        .into_iter()
        .flat_map(PartChunks::into_chunks)
        .collect()
}

/// The chunks of a file as [`split_chunks`] finds them, left in the pieces they were found
/// in (a million-line file is not copied into one more vector).
#[derive(Debug)]
struct ChunkParts {
    parts: Vec<PartChunks>,
    /// The index of each part's first chunk.
    starts: Vec<usize>,
    len: usize,
}

impl ChunkParts {
    /// Chunk `i` of the file.
    fn get(&self, i: usize) -> ChunkRef<'_> {
        let p = self.starts.partition_point(|&s| s <= i) - 1;
        self.parts[p].get(i - self.starts[p])
    }

    /// Every chunk's span, in order.
    fn spans(&self) -> Vec<Range<usize>> {
        (0..self.len).map(|i| self.get(i).span()).collect()
    }
}

/// [`split_chunks`], in pieces.
fn split_chunk_parts(content: &str, align: Align) -> ChunkParts {
    let threads = rayon::current_num_threads();
    let parts: Vec<PartChunks> = if content.len() < PARALLEL_SPLIT_BYTES || threads < 2 {
        vec![split_part(content, 0..content.len(), align)]
    } else {
        cut_points(content, align, threads * 4)
            .par_windows(2)
            .map(|w| split_part(content, w[0]..w[1], align))
            .collect()
    };
    let mut starts = Vec::with_capacity(parts.len());
    let mut len = 0;
    for p in &parts {
        starts.push(len);
        len += p.len();
    }
    ChunkParts { parts, starts, len }
}

/// Up to `pieces + 1` byte offsets, from 0 to `content.len()`, cutting `content` into
/// pieces that [`split_chunks_in`] splits exactly as it splits the whole: each cut follows
/// a line after which the splitter holds nothing (no open paragraph, no pending
/// directive). With `Align::Lines`, that is any line with text that is not a directive;
/// with `Align::Paragraphs`, a blank line right after such a line.
fn cut_points(content: &str, align: Align, pieces: usize) -> Vec<usize> {
    let bytes = content.as_bytes();
    // Where the line ending at `end` (a line break's offset) starts.
    let line_start = |end: usize| memchr::memrchr(b'\n', &bytes[..end]).map_or(0, |i| i + 1);
    let plain_text = |start: usize, end: usize| {
        let body = content[start..end].trim_end_matches(['\n', '\r']);
        !body.trim().is_empty() && directive(body).is_none()
    };
    let safe_after = |end: usize| {
        let start = line_start(end);
        match align {
            Align::Lines => plain_text(start, end),
            Align::Paragraphs => {
                start > 0
                    && content[start..end].trim().is_empty()
                    && plain_text(line_start(start - 1), start - 1)
            }
        }
    };
    let step = content.len() / pieces.max(1);
    let mut cuts = vec![0];
    'cuts: for k in 1..pieces {
        let mut at = (k * step).max(cuts[cuts.len() - 1]);
        loop {
            let Some(nl) = memchr::memchr(b'\n', &bytes[at..]) else {
                break 'cuts;
            };
            let end = at + nl;
            if safe_after(end) {
                cuts.push(end + 1);
                break;
            }
            at = end + 1;
        }
    }
    if cuts[cuts.len() - 1] < content.len() {
        cuts.push(content.len());
    }
    cuts
}

/// [`split_chunks`] over `range` of `content` (which starts and ends at line boundaries).
#[cfg(test)]
fn split_chunks_in(content: &str, range: Range<usize>, align: Align) -> Vec<Chunk> {
    split_part(content, range, align).into_chunks()
}

/// [`split_chunks`] over `range` of `content` (which starts and ends at line boundaries),
/// as one piece.
fn split_part(content: &str, range: Range<usize>, align: Align) -> PartChunks {
    match align {
        Align::Lines => split_lines_in(content, range),
        Align::Paragraphs => PartChunks::General(split_chunks_general(content, range, align)),
    }
}

/// [`split_chunks_in`] with `Align::Lines`: every line with text is a chunk, with the
/// directives standing on the lines right before it. The same chunks as
/// [`split_chunks_general`] finds (a test holds them to it), in one tight loop: a 50 MB file
/// has a million lines.
fn split_lines_in(content: &str, range: Range<usize>) -> PartChunks {
    let bytes = content.as_bytes();
    // Sized up front for one chunk per line: a million-line piece grown by doubling copied
    // its chunks about twice and touched twice the memory.
    let mut lines: Vec<Range<usize>> =
        Vec::with_capacity(memchr::memchr_iter(b'\n', &bytes[range.clone()]).count() + 1);
    let mut suppressed: Vec<(usize, Vec<String>)> = Vec::new();
    let mut pending: Vec<String> = Vec::new();
    let mut pos = range.start;
    while pos < range.end {
        let next = memchr::memchr(b'\n', &bytes[pos..range.end]).map_or(range.end, |k| pos + k + 1);
        let mut end = next;
        while end > pos && matches!(bytes[end - 1], b'\n' | b'\r') {
            end -= 1;
        }
        let body = &content[pos..end];
        let start = pos;
        pos = next;
        // Most lines start with a character that is neither whitespace nor `<`: text, which
        // needs neither trim below. (Whitespace beyond ASCII starts with one of four lead
        // bytes.)
        if !(start < end && plain_lead(bytes[start])) {
            // A directive starts with `<` once leading whitespace is skipped: most lines
            // are not asked.
            if body.trim_start().starts_with('<') {
                if let Some(rules) = directive(body) {
                    pending.extend(rules);
                    continue;
                }
            }
            if body.trim().is_empty() {
                continue;
            }
        }
        if !pending.is_empty() {
            let mut rules = std::mem::take(&mut pending);
            rules.sort();
            rules.dedup();
            suppressed.push((lines.len(), rules));
        }
        lines.push(start..end);
    }
    PartChunks::Lines { lines, suppressed }
}

/// Whether a line starting with byte `b` is text (neither blank nor a directive) whatever
/// follows: `b` is neither `<` nor the first byte of a whitespace character
/// ([`char::is_whitespace`]: ASCII `\t` to `\r` and space; beyond ASCII, U+0085, U+00A0,
/// U+1680, U+2000..U+205F and U+3000, whose UTF-8 starts with 0xC2, 0xE1, 0xE2 or 0xE3).
#[inline]
fn plain_lead(b: u8) -> bool {
    if b.is_ascii() {
        b != b'<' && !(b as char).is_whitespace()
    } else {
        !matches!(b, 0xC2 | 0xE1 | 0xE2 | 0xE3)
    }
}

/// [`split_chunks_in`], for either alignment.
fn split_chunks_general(content: &str, range: Range<usize>, align: Align) -> Vec<Chunk> {
    let mut out: Vec<Chunk> = Vec::new();
    let mut cur = Chunk::default();
    let mut pending: Vec<String> = Vec::new();
    let mut pos = range.start;
    let finish = |cur: &mut Chunk, out: &mut Vec<Chunk>, content: &str| {
        if cur.lines.is_empty() {
            return;
        }
        let mut c = std::mem::take(cur);
        if let Some(last) = c.lines.last_mut() {
            last.end = last.start + content[last.clone()].trim_end_matches(['\n', '\r']).len();
        }
        c.suppressed.sort();
        c.suppressed.dedup();
        out.push(c);
    };
    for line in content[range].split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        let full = pos..pos + line.len();
        pos += line.len();
        if let Some(rules) = directive(body) {
            if cur.lines.is_empty() || align == Align::Lines {
                pending.extend(rules);
            } else {
                cur.suppressed.extend(rules);
            }
            continue;
        }
        let blank = body.trim().is_empty();
        match align {
            Align::Lines => {
                if !blank {
                    cur.lines.push(full);
                    cur.suppressed.append(&mut pending);
                    finish(&mut cur, &mut out, content);
                }
            }
            Align::Paragraphs => {
                if blank {
                    finish(&mut cur, &mut out, content);
                } else {
                    if cur.lines.is_empty() {
                        cur.suppressed.append(&mut pending);
                    }
                    cur.lines.push(full);
                }
            }
        }
    }
    finish(&mut cur, &mut out, content);
    out
}

/// Files at least this large are read and checked in parallel ([`read_in_parallel`]).
const PARALLEL_READ_BYTES: u64 = 4 << 20;

/// Pieces a large file is read and checked in, one per parallel task: small enough to
/// stay in cache between the reading and the checks, and below the default line-length
/// limit (a piece no longer than the limit has no line to measure).
const READ_PIECE_BYTES: usize = 256 << 10;

/// [`read_text`] of a plain-text file: the same text, or the same error. A large file is
/// read by [`read_in_parallel`]; anything it does not take (a BOM, a NUL byte, invalid
/// UTF-8, a line too long, a file that changed while read) is read again by
/// [`read_text`], which gives the error or decodes the text.
fn read_plain_text(path: &str) -> Result<String, InputError> {
    match read_in_parallel(path) {
        Some(text) => Ok(text),
        None => read_text(path),
    }
}

/// A large UTF-8 file without BOM, NUL bytes or overlong lines, read in pieces on every
/// core, and checked in pieces on every core (each piece cut after a line break, so that
/// its lines and its UTF-8 are whole): [`read_text`] read it in one thread and checked it
/// in three passes over the whole file (line lengths, NUL bytes, UTF-8), a tenth of the
/// time of a 50 MB check. `None` for anything else, or when the file cannot be read so.
fn read_in_parallel(path: &str) -> Option<String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileExt;
        if rayon::current_num_threads() < 2 {
            return None;
        }
        let file = std::fs::File::open(path).ok()?;
        let meta = file.metadata().ok()?;
        let size_limit = max_file_size();
        if !meta.is_file()
            || meta.len() < PARALLEL_READ_BYTES
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
        let line_limit = match max_line_length() {
            0 => usize::MAX,
            l => usize::try_from(l).unwrap_or(usize::MAX),
        };
        let cuts = line_cuts(&bytes, READ_PIECE_BYTES);
        let clean = cuts
            .par_windows(2)
            .all(|w| clean_piece(&bytes[w[0]..w[1]], line_limit));
        if !clean {
            return None;
        }
        // SAFETY: every piece was validated as UTF-8, and the pieces, cut after line
        // breaks (which no multi-byte sequence holds), make the whole.
        Some(unsafe { String::from_utf8_unchecked(bytes) })
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

/// Offsets from 0 to `bytes.len()` cutting `bytes` into pieces of about `piece` bytes,
/// each cut right after a line break.
pub(crate) fn line_cuts(bytes: &[u8], piece: usize) -> Vec<usize> {
    let mut cuts = vec![0];
    let mut at = piece;
    while at < bytes.len() {
        match memchr::memchr(b'\n', &bytes[at..]) {
            Some(k) => {
                let cut = at + k + 1;
                if cut < bytes.len() {
                    cuts.push(cut);
                }
                at = cut + piece;
            }
            None => break,
        }
    }
    cuts.push(bytes.len());
    cuts
}

/// Whether a piece of a file (whole lines but perhaps the last of the file) has no NUL
/// byte, is valid UTF-8 and has no line longer than `line_limit` bytes (line breaks not
/// counted): the checks of [`read_text`], while the piece is in cache.
fn clean_piece(piece: &[u8], line_limit: usize) -> bool {
    if memchr::memchr(0, piece).is_some() || simdutf8::basic::from_utf8(piece).is_err() {
        return false;
    }
    if line_limit == usize::MAX || piece.len() <= line_limit {
        return true;
    }
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', piece).chain(std::iter::once(piece.len())) {
        if end - start > line_limit {
            return false;
        }
        start = end + 1;
    }
    true
}

/// The id of the `i`-th segment (0-based): its 1-based number. (`itoa` rather than
/// `to_string`: the formatting machinery shows in the profile of a million-line file.)
fn segment_id(i: usize) -> String {
    itoa::Buffer::new().format(i + 1).to_owned()
}

/// Segments built per parallel task.
const SEGMENTS_PER_TASK: usize = 4096;

/// A source and a target file aligned by paragraph or line.
pub fn load_pair(source: &str, target: &str, opts: &LoadOptions) -> Result<Document, InputError> {
    let src = read_plain_text(source)?;
    let tgt = read_plain_text(target)?;
    // The line index of each file is built beside its split (one more pass over the file,
    // on whichever core is free).
    let ((sc, src_starts), (tc, tgt_starts)) = rayon::join(
        || rayon::join(|| split_chunk_parts(&src, opts.align), || line_starts(&src)),
        || rayon::join(|| split_chunk_parts(&tgt, opts.align), || line_starts(&tgt)),
    );
    let unit = match opts.align {
        Align::Lines => "lines",
        Align::Paragraphs => "paragraphs",
    };
    if sc.len != tc.len {
        let (sp, tp) = (sc.spans(), tc.spans());
        let files = [
            SourceFile::new(source, src.clone(), Escaping::None),
            SourceFile::new(target, tgt.clone(), Escaping::None),
        ];
        let k = first_misalignment(&src, &sp, &tgt, &tp);
        let where_ = match (sp.get(k), tp.get(k)) {
            (Some(s), Some(t)) => format!(
                "; they stop matching at {} {} (source line {}, target line {})",
                &unit[..unit.len() - 1],
                k + 1,
                files[0].line_of(s.start),
                files[1].line_of(t.start)
            ),
            _ => String::new(),
        };
        return Err(InputError::file(
            target,
            format!(
                "{source} has {} {unit} but {target} has {}{where_}",
                sp.len(),
                tp.len()
            ),
        ));
    }
    let files = vec![
        Arc::new(SourceFile::with_line_starts(
            source,
            src,
            Escaping::None,
            src_starts,
        )),
        Arc::new(SourceFile::with_line_starts(
            target,
            tgt,
            Escaping::None,
            tgt_starts,
        )),
    ];
    let mut segments = Vec::with_capacity(sc.len);
    crate::memory::prefault(&mut segments);
    (0..sc.len)
        .into_par_iter()
        .with_min_len(SEGMENTS_PER_TASK)
        .map(|i| {
            let (s, t) = (sc.get(i), tc.get(i));
            let mut suppressed = s.suppressed.to_vec();
            suppressed.extend_from_slice(t.suppressed);
            suppressed.sort();
            suppressed.dedup();
            Segment {
                id: segment_id(i).into(),
                source: Some(s.text(&files[0].content, 0)),
                target: Some(t.text(&files[1].content, 1)),
                ..Default::default()
            }
            .with_suppressed(suppressed)
        })
        .collect_into_vec(&mut segments);
    Ok(Document {
        files,
        format: "text",
        source_lang: None,
        target_lang: None,
        segments,
    })
}

/// The first paragraph index where the two sides stop looking like translations of each
/// other: its length ratio strays far from the median ratio of the file, or its script
/// does not match the side's dominant script.
fn first_misalignment(src: &str, sp: &[Range<usize>], tgt: &str, tp: &[Range<usize>]) -> usize {
    let n = sp.len().min(tp.len());
    let len = |s: &str| s.chars().filter(|c| !c.is_whitespace()).count().max(1) as f64;
    let mut ratios: Vec<f64> = (0..n)
        .map(|i| len(&tgt[tp[i].clone()]) / len(&src[sp[i].clone()]))
        .collect();
    let raw = ratios.clone();
    ratios.sort_by(|a, b| a.total_cmp(b));
    let median = ratios.get(ratios.len() / 2).copied().unwrap_or(1.0);
    let src_script = dominant_script([src]);
    let tgt_script = dominant_script([tgt]);
    for i in 0..n {
        let r = raw[i] / median;
        let s = dominant_script([&src[sp[i].clone()]]);
        let t = dominant_script([&tgt[tp[i].clone()]]);
        let script_off =
            (s != src_script && s != Script::Other) || (t != tgt_script && t != Script::Other);
        if !(0.33..=3.0).contains(&r) || script_off {
            return i;
        }
    }
    n
}

/// A monolingual document: every paragraph is a target text without a source.
pub fn load_monolingual(path: &str, opts: &LoadOptions) -> Result<Document, InputError> {
    let (file, deferred) = read_monolingual(path, opts)?;
    let mut segments = Vec::with_capacity(deferred.len());
    crate::memory::prefault(&mut segments);
    (0..deferred.len())
        .into_par_iter()
        .with_min_len(SEGMENTS_PER_TASK)
        .map(|i| deferred.segment(&file.content, i))
        .collect_into_vec(&mut segments);
    Ok(monolingual_document(file, segments, opts))
}

/// [`load_monolingual`] without its segments: the document (its `segments` left empty)
/// and what makes them, on demand. A check that looks at each segment alone can then
/// make a few thousand at a time and drop them when done: a million-line file's segments
/// take ten times the memory of the file, and mapping that memory in was a fifth of the
/// time of a check of such a file.
///
/// A text longer than [`max_line_length`] is refused here, as [`super::load`] refuses it
/// in a made document (the reader refused long lines, but a paragraph can be longer, and
/// so can a line of a UTF-16 file once decoded).
pub fn load_monolingual_deferred(
    path: &str,
    opts: &LoadOptions,
) -> Result<(Document, DeferredLines), InputError> {
    let (file, deferred) = read_monolingual(path, opts)?;
    let doc = monolingual_document(file, Vec::new(), opts);
    let limit = max_line_length();
    let content = &doc.files[0].content;
    if limit != 0 && content.len() as u64 > limit {
        // A text is made of its span's lines, so only a span over the limit can hold one.
        let long = (0..deferred.len()).into_par_iter().find_first(|&i| {
            let c = deferred.chunks.get(i);
            c.span().len() as u64 > limit && c.text(content, 0).as_str().len() as u64 > limit
        });
        if let Some(i) = long {
            let seg = deferred.segment(content, i);
            let text = seg
                .target
                .as_ref()
                .expect("a monolingual segment has a target");
            return Err(super::too_long_error(&doc, text, limit));
        }
    }
    Ok((doc, deferred))
}

/// A monolingual file, read and split into its chunks (not yet segments).
fn read_monolingual(
    path: &str,
    opts: &LoadOptions,
) -> Result<(SourceFile, DeferredLines), InputError> {
    let content = read_plain_text(path)?;
    let (chunks, starts) = rayon::join(
        || split_chunk_parts(&content, opts.align),
        || line_starts(&content),
    );
    let file = SourceFile::with_line_starts(path, content, Escaping::None, starts);
    Ok((file, DeferredLines { chunks }))
}

/// The document of a monolingual `file` with `segments`.
fn monolingual_document(file: SourceFile, segments: Vec<Segment>, opts: &LoadOptions) -> Document {
    Document {
        files: vec![Arc::new(file)],
        format: "text",
        source_lang: None,
        target_lang: opts.target_lang.clone(),
        segments,
    }
}

/// The segments of a monolingual plain-text document, made on demand (see
/// [`load_monolingual_deferred`]): exactly those [`load_monolingual`] makes.
#[derive(Debug)]
pub struct DeferredLines {
    chunks: ChunkParts,
}

impl DeferredLines {
    /// How many segments the document has.
    pub fn len(&self) -> usize {
        self.chunks.len
    }

    /// Whether the document has no segment.
    pub fn is_empty(&self) -> bool {
        self.chunks.len == 0
    }

    /// Append segments `range` to `out`. `content` is the document's file's content.
    pub fn fill(&self, content: &str, range: Range<usize>, out: &mut Vec<Segment>) {
        out.extend(range.map(|i| self.segment(content, i)));
    }

    /// Segment `i`.
    fn segment(&self, content: &str, i: usize) -> Segment {
        let c = self.chunks.get(i);
        let seg = Segment {
            id: segment_id(i).into(),
            target: Some(c.text(content, 0)),
            ..Default::default()
        };
        if c.suppressed.is_empty() {
            seg
        } else {
            seg.with_suppressed(c.suppressed.to_vec())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_and_lines() {
        let text = "a\nb\n\n\nc\r\n\nd";
        let p: Vec<&str> = split(text, Align::Paragraphs)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(p, vec!["a\nb", "c", "d"]);
        let l: Vec<&str> = split(text, Align::Lines)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(l, vec!["a", "b", "c", "d"]);
    }

    /// Cutting a file at [`cut_points`] and splitting the pieces gives the chunks of the
    /// whole, directives, blank-line runs and CRLF included, however many pieces.
    #[test]
    fn pieces_split_like_the_whole() {
        let mut text = String::new();
        for i in 0..3000 {
            match i % 11 {
                0 => text.push_str("<!-- termlint-ignore: cjk-spacing -->\n"),
                3 => text.push_str("\n\n"),
                5 => text.push_str("line 中文 with CRLF\r\n"),
                7 => text.push_str("  \n<!-- termlint-ignore -->\n\n"),
                _ => text.push_str(&format!("第{i}行, some text\n")),
            }
        }
        text.push_str("last line without a break");
        for align in [Align::Lines, Align::Paragraphs] {
            let whole = split_chunks_in(&text, 0..text.len(), align);
            for pieces in [1, 2, 7, 50, 400] {
                let cuts = cut_points(&text, align, pieces);
                assert_eq!(cuts.first(), Some(&0));
                assert_eq!(cuts.last(), Some(&text.len()));
                assert!(
                    cuts.len() > pieces.min(40) / 2,
                    "{align:?} {pieces}: {cuts:?}"
                );
                let joined: Vec<Chunk> = cuts
                    .windows(2)
                    .flat_map(|w| split_chunks_in(&text, w[0]..w[1], align))
                    .collect();
                assert_eq!(joined, whole, "{align:?}, {pieces} pieces");
            }
        }
    }

    /// A file with enough lines for its segments to be faulted in ahead reads as the
    /// lines, one segment each, in order, monolingual and paired.
    #[test]
    fn large_files_read_line_by_line() {
        let dir = tempfile::tempdir().unwrap();
        let lines: Vec<String> = (0..60_000).map(|i| format!("第{i}行, line {i}")).collect();
        let path = dir.path().join("zh.txt");
        std::fs::write(&path, lines.join("\n")).unwrap();
        let path = path.to_str().unwrap();
        let opts = LoadOptions {
            align: Align::Lines,
            ..Default::default()
        };
        let doc = load_monolingual(path, &opts).unwrap();
        let texts: Vec<&str> = doc
            .segments
            .iter()
            .map(|s| s.target.as_ref().unwrap().as_str())
            .collect();
        assert_eq!(texts, lines);
        assert_eq!(doc.segments[59_999].id(), "60000");
        let pair = load_pair(path, path, &opts).unwrap();
        assert_eq!(pair.segments.len(), lines.len());
        assert!(pair.segments.iter().zip(&lines).all(|(s, l)| {
            s.source.as_ref().unwrap().as_str() == l && s.target.as_ref().unwrap().as_str() == l
        }));
    }

    /// Deferred segments, made in any ranges, are the segments the chunks of the file
    /// make (ids, texts with their maps, suppressed rules), in both alignments, for a
    /// file split in parallel pieces and a small one.
    #[test]
    fn deferred_segments_are_the_chunks_segments() {
        let dir = tempfile::tempdir().unwrap();
        let mut text = String::new();
        for i in 0..40_000 {
            match i % 13 {
                0 => text.push_str("<!-- termlint-ignore: cjk-spacing -->\n"),
                4 => text.push_str("\n\n"),
                6 => text.push_str("中文 with CRLF\r\n"),
                9 => text.push_str("<!-- termlint-ignore -->\n第二段\n"),
                _ => text.push_str(&format!("第{i}行, some text\n")),
            }
        }
        let big = dir.path().join("big.txt");
        std::fs::write(&big, &text).unwrap();
        let small = dir.path().join("small.txt");
        std::fs::write(&small, &text[..3000]).unwrap();
        for path in [&big, &small] {
            let path = path.to_str().unwrap();
            for align in [Align::Lines, Align::Paragraphs] {
                let opts = LoadOptions {
                    align,
                    ..Default::default()
                };
                let (doc, deferred) = load_monolingual_deferred(path, &opts).unwrap();
                assert!(doc.segments.is_empty());
                let content = &doc.files[0].content;
                let expected: Vec<String> = split_chunks(content, align)
                    .into_iter()
                    .enumerate()
                    .map(|(i, c)| {
                        let seg = Segment {
                            id: (i + 1).to_string().into(),
                            target: Some(c.text(content, 0)),
                            ..Default::default()
                        };
                        format!("{:?}", seg.with_suppressed(c.suppressed))
                    })
                    .collect();
                assert_eq!(deferred.len(), expected.len());
                let mut made = Vec::new();
                let mut at = 0;
                for step in [1, 511, 512, 3, 4096].into_iter().cycle() {
                    if at >= deferred.len() {
                        break;
                    }
                    let end = (at + step).min(deferred.len());
                    deferred.fill(content, at..end, &mut made);
                    at = end;
                }
                let made: Vec<String> = made.iter().map(|s| format!("{s:?}")).collect();
                assert_eq!(made, expected, "{path} {align:?}");
                let whole = load_monolingual(path, &opts).unwrap();
                let whole: Vec<String> = whole.segments.iter().map(|s| format!("{s:?}")).collect();
                assert_eq!(whole, expected, "{path} {align:?}");
            }
        }
    }

    /// A large file read in parallel pieces is the text [`read_text`] reads, and any file
    /// it does not take (BOM, NUL byte, invalid UTF-8, also across a piece border, small)
    /// gives [`read_text`]'s text or error.
    #[test]
    fn parallel_reads_read_like_read_text() {
        let dir = tempfile::tempdir().unwrap();
        let line = "第一行, some text 中文，标点。\n";
        let mut body = line.repeat((5 << 20) / line.len()).into_bytes();
        let at_border = READ_PIECE_BYTES + 3;
        let variants: Vec<(&str, Vec<u8>)> = vec![
            ("plain", body.clone()),
            ("no final break", body[..body.len() - 1].to_vec()),
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
            ("bom", [&[0xEF, 0xBB, 0xBF][..], &body].concat()),
            ("utf-16", [&[0xFF, 0xFE][..], &body].concat()),
            ("small", line.as_bytes().to_vec()),
        ];
        body.clear();
        for (name, bytes) in variants {
            let path = dir.path().join(name);
            std::fs::write(&path, &bytes).unwrap();
            let path = path.to_str().unwrap();
            let fast = read_plain_text(path).map_err(|e| format!("{e:?}"));
            let slow = read_text(path).map_err(|e| format!("{e:?}"));
            assert!(fast == slow, "{name}");
            let parallel = read_in_parallel(path);
            let taken = matches!(name, "plain" | "no final break");
            assert_eq!(parallel.is_some(), taken, "{name}");
        }
    }

    /// Pieces cut after line breaks, and the line-length test of a piece, as the whole
    /// file's line-by-line test finds them.
    #[test]
    fn pieces_and_line_lengths() {
        let texts = crate::checks::testing::generated_texts(
            &["a", "bb", "中", "\n", "\n\n", "ccccccc"],
            5,
            2000,
            40,
        );
        for t in &texts {
            let b = t.as_bytes();
            for piece in [1, 2, 7, 30] {
                let cuts = line_cuts(b, piece);
                assert_eq!(cuts.first(), Some(&0));
                assert_eq!(cuts.last(), Some(&b.len()));
                assert!(
                    cuts.windows(2).all(|w| w[0] < w[1] || b.is_empty()),
                    "{t:?}"
                );
                assert!(cuts[1..cuts.len() - 1].iter().all(|&c| b[c - 1] == b'\n'));
                for limit in [0, 1, 3, 6, 9] {
                    let whole = b.split(|&c| c == b'\n').all(|l| l.len() <= limit);
                    let pieces = cuts.windows(2).all(|w| clean_piece(&b[w[0]..w[1]], limit));
                    assert_eq!(pieces, whole, "{t:?} {piece} {limit}");
                }
            }
        }
    }

    /// The line splitter's tight loop finds the chunks the general one finds.
    #[test]
    fn line_loop_splits_like_the_general_loop() {
        let texts = [
            "",
            "\n\n",
            "a",
            "a\n",
            "a\r\nb\r\n\r\n  \n\tc",
            "<!-- termlint-ignore: x -->\n<!-- termlint-ignore: y, x -->\n\nline\nnext\n",
            "<!-- termlint-ignore -->\n",
            "中文\n\u{3000}\nEnglish  \n<!-- a comment -->\n<!--termlint-ignore-->\r\nlast",
            "\u{3000}<!-- termlint-ignore -->\n中\n\u{a0}\n\u{85}\n\u{2028}\n\u{205f}x\n\x0b\n\x0c\n、\n",
            "a\r\r\n\r\n\rb\r",
        ];
        let pieces = [
            "\n",
            "\r\n",
            "\r",
            " ",
            "\t",
            "\x0b",
            "\u{3000}",
            "\u{a0}",
            "\u{85}",
            "\u{1680}",
            "\u{2009}",
            "\u{2028}",
            "\u{202f}",
            "\u{205f}",
            "、",
            "中文",
            "é",
            "x",
            "<",
            "<!-- termlint-ignore -->",
            "<!-- termlint-ignore: a, b -->",
            "<!-- no -->",
        ];
        let generated = crate::checks::testing::generated_texts(&pieces, 3, 3000, 12);
        for t in texts
            .iter()
            .copied()
            .chain(generated.iter().map(String::as_str))
        {
            assert_eq!(
                split_lines_in(t, 0..t.len()).into_chunks(),
                split_chunks_general(t, 0..t.len(), Align::Lines),
                "{t:?}"
            );
        }
        // Every byte that may start a character is judged as the trims judge it.
        for c in [
            '\0', '\t', '\x0b', ' ', '<', 'a', '\u{85}', '\u{a0}', '\u{3000}', '中', '、',
        ] {
            let s = c.to_string();
            let by_trims = !s.trim().is_empty() && !s.trim_start().starts_with('<');
            assert!(!plain_lead(s.as_bytes()[0]) || by_trims, "{c:?}");
        }
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            if c.is_whitespace() || c == '<' {
                let s = c.to_string();
                assert!(!plain_lead(s.as_bytes()[0]), "{c:?}");
            }
        }
    }

    #[test]
    fn directives_suppress_the_next_or_own_paragraph() {
        assert_eq!(
            directive("<!-- termlint-ignore: double-space, term-missing -->"),
            Some(vec!["double-space".into(), "term-missing".into()])
        );
        assert_eq!(
            directive(" <!--termlint-ignore-->"),
            Some(vec!["all".into()])
        );
        assert_eq!(directive("<!-- a comment -->"), None);
        assert_eq!(directive("text <!-- termlint-ignore -->"), None);

        let text = "a  b\n\n<!-- termlint-ignore: double-space -->\n\nc  d\ne\n\n\
                    f\n<!-- termlint-ignore -->\ng\n\nh";
        let chunks = split_chunks(text, Align::Paragraphs);
        let texts: Vec<String> = chunks.iter().map(|c| c.text(text, 0).value).collect();
        assert_eq!(texts, vec!["a  b", "c  d\ne", "f\ng", "h"]);
        let sup: Vec<&[String]> = chunks.iter().map(|c| c.suppressed.as_slice()).collect();
        assert_eq!(
            sup,
            vec![
                &[][..],
                &["double-space".to_string()][..],
                &["all".to_string()][..],
                &[][..]
            ]
        );
        // The text skips the directive line but keeps exact file positions.
        let t = chunks[2].text(text, 0);
        assert_eq!(&text[t.file_span(2..3)], "g");
        // Without directives, the chunks are the plain paragraphs.
        let plain = "x\ny\n\nz\r\n";
        let spans: Vec<_> = split_chunks(plain, Align::Paragraphs)
            .iter()
            .map(Chunk::span)
            .collect();
        assert_eq!(spans, split(plain, Align::Paragraphs));
        let lines = split_chunks("<!-- termlint-ignore: x -->\na\nb\n", Align::Lines);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].suppressed, vec!["x"]);
        assert!(lines[1].suppressed.is_empty());
    }
}
