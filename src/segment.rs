//! The data every format produces and every check reads: documents, segments and texts
//! that remember where each decoded byte came from in the file.

use std::ops::Range;
use std::sync::Arc;

use crate::lang::Lang;

/// Index of a [`SourceFile`] inside its [`Document`].
pub type FileId = usize;

/// How decoded text must be escaped to be written back into a file (used by fixes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Escaping {
    /// Plain text: written as is.
    None,
    /// A gettext PO string literal (`\"`, `\\`, `\n`, `\t`).
    Po,
    /// XML character data (`&amp;`, `&lt;`, `&gt;`).
    Xml,
    /// A JSON string literal.
    Json,
    /// A CSV field inside double quotes (`""`).
    CsvQuoted,
}

impl Escaping {
    /// Escape `s` for this context.
    pub fn escape(self, s: &str) -> String {
        match self {
            Escaping::None => s.to_string(),
            Escaping::Po => {
                let mut out = String::with_capacity(s.len());
                for c in s.chars() {
                    match c {
                        '"' => out.push_str("\\\""),
                        '\\' => out.push_str("\\\\"),
                        '\n' => out.push_str("\\n"),
                        '\t' => out.push_str("\\t"),
                        '\r' => out.push_str("\\r"),
                        _ => out.push(c),
                    }
                }
                out
            }
            Escaping::Xml => s
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;"),
            Escaping::Json => {
                let quoted = serde_json::to_string(s).unwrap_or_default();
                quoted[1..quoted.len() - 1].to_string()
            }
            Escaping::CsvQuoted => s.replace('"', "\"\""),
        }
    }
}

/// One file read from disk, decoded to UTF-8, with a line index.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as the user gave it (or as found while walking a directory).
    pub path: String,
    /// The decoded content.
    pub content: String,
    /// How strings in this file are escaped.
    pub escaping: Escaping,
    line_starts: Vec<usize>,
}

impl SourceFile {
    /// Wrap decoded content.
    pub fn new(path: impl Into<String>, content: String, escaping: Escaping) -> Self {
        let line_starts = line_starts(&content);
        Self::with_line_starts(path, content, escaping, line_starts)
    }

    /// Wrap decoded content whose line index, [`line_starts`] of it, was computed already
    /// (by a reader, beside its own work on the content).
    pub(crate) fn with_line_starts(
        path: impl Into<String>,
        content: String,
        escaping: Escaping,
        line_starts: Vec<usize>,
    ) -> Self {
        debug_assert_eq!(
            line_starts.len(),
            memchr::memchr_iter(b'\n', content.as_bytes()).count() + 1
        );
        SourceFile {
            path: path.into(),
            content,
            escaping,
            line_starts,
        }
    }

    /// 1-based line and column (in Unicode scalar values) of a byte offset.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.content.len());
        let line = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.line_starts[line];
        let column = self
            .content
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        (line + 1, column + 1)
    }

    /// The text of 1-based line `line`, without its line ending.
    pub fn line_text(&self, line: usize) -> &str {
        let start = self.line_starts.get(line - 1).copied().unwrap_or(0);
        let end = self
            .line_starts
            .get(line)
            .copied()
            .unwrap_or(self.content.len());
        self.content[start..end].trim_end_matches(['\n', '\r'])
    }

    /// 1-based line number of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        self.position(offset).0
    }
}

/// The byte offset of every line's start in `content` (0, then one past each `\n`),
/// allocated at its exact size.
pub(crate) fn line_starts(content: &str) -> Vec<usize> {
    let bytes = content.as_bytes();
    let mut starts = Vec::with_capacity(memchr::memchr_iter(b'\n', bytes).count() + 1);
    starts.push(0);
    starts.extend(memchr::memchr_iter(b'\n', bytes).map(|i| i + 1));
    starts
}

/// A stretch of decoded text and the file bytes it came from. Verbatim pieces map byte for
/// byte; an escape piece (one decoded character from `\n` or `&amp;`) maps as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Piece {
    decoded: usize,
    decoded_len: usize,
    file: usize,
    file_len: usize,
}

/// A placeholder for [`Text::pieces`]'s scratch slot.
const NO_PIECE: Piece = Piece {
    decoded: 0,
    decoded_len: 0,
    file: 0,
    file_len: 0,
};

impl Piece {
    fn verbatim(&self) -> bool {
        self.decoded_len == self.file_len
    }
}

/// Decoded text that remembers, for every byte, the file bytes that encode it.
#[derive(Debug, Clone, Default)]
pub struct Text {
    /// The decoded string checks see.
    pub value: String,
    /// The file (inside the document) this text lives in.
    pub file: FileId,
    /// The piece map. Empty for a non-empty text means one verbatim run starting at
    /// `anchor` (what [`Text::verbatim`] makes: a million-line file needs no piece vector
    /// per line); see [`Text::pieces`].
    pieces: Vec<Piece>,
    /// Where an empty text sits in the file (for findings about absent text).
    anchor: usize,
}

impl Text {
    /// Text copied verbatim from `file` starting at byte `file_start`.
    pub fn verbatim(value: impl Into<String>, file: FileId, file_start: usize) -> Self {
        Text {
            value: value.into(),
            file,
            pieces: Vec::new(),
            anchor: file_start,
        }
    }

    /// The piece map: the stored pieces, or the single verbatim run a text made by
    /// [`Text::verbatim`] stands for (written into `one`).
    fn pieces<'s>(&'s self, one: &'s mut [Piece; 1]) -> &'s [Piece] {
        if self.pieces.is_empty() && !self.value.is_empty() {
            one[0] = Piece {
                decoded: 0,
                decoded_len: self.value.len(),
                file: self.anchor,
                file_len: self.value.len(),
            };
            one
        } else {
            &self.pieces
        }
    }

    /// A builder for text assembled from verbatim runs and escapes.
    pub fn builder(file: FileId, anchor: usize) -> TextBuilder {
        TextBuilder {
            text: Text {
                value: String::new(),
                file,
                pieces: Vec::new(),
                anchor,
            },
        }
    }

    /// The decoded string.
    pub fn as_str(&self) -> &str {
        &self.value
    }

    /// Whether the decoded text is empty.
    pub fn is_empty(&self) -> bool {
        self.value.is_empty()
    }

    /// File offset of decoded offset `d`, taken as the start of a span.
    pub fn file_start(&self, d: usize) -> usize {
        let mut one = [NO_PIECE];
        let pieces = self.pieces(&mut one);
        if pieces.is_empty() {
            return self.anchor;
        }
        let i = pieces
            .partition_point(|p| p.decoded + p.decoded_len <= d)
            .min(pieces.len() - 1);
        let p = pieces[i];
        if d >= p.decoded + p.decoded_len {
            return p.file + p.file_len;
        }
        if p.verbatim() {
            p.file + (d - p.decoded)
        } else {
            p.file
        }
    }

    /// File offset of decoded offset `d`, taken as the end of a span.
    pub fn file_end(&self, d: usize) -> usize {
        let mut one = [NO_PIECE];
        let pieces = self.pieces(&mut one);
        if pieces.is_empty() {
            return self.anchor;
        }
        let i = pieces.partition_point(|p| p.decoded + p.decoded_len < d);
        if i >= pieces.len() {
            let p = pieces[pieces.len() - 1];
            return p.file + p.file_len;
        }
        let p = pieces[i];
        if d <= p.decoded {
            return p.file;
        }
        if p.verbatim() {
            p.file + (d - p.decoded)
        } else {
            p.file + p.file_len
        }
    }

    /// The file byte range covering decoded range `r` (from its first to its last byte).
    pub fn file_span(&self, r: Range<usize>) -> Range<usize> {
        let start = self.file_start(r.start);
        let end = if r.end > r.start {
            self.file_end(r.end)
        } else {
            start
        };
        start..end.max(start)
    }

    /// The decoded offset whose bytes include file offset `f` (the inverse of
    /// [`Text::file_start`]); `None` when `f` lies outside this text.
    pub fn decoded_offset(&self, f: usize) -> Option<usize> {
        let mut one = [NO_PIECE];
        let pieces = self.pieces(&mut one);
        if pieces.is_empty() {
            return (f == self.anchor).then_some(0);
        }
        for p in pieces {
            if f >= p.file && f < p.file + p.file_len {
                return Some(if p.verbatim() {
                    p.decoded + (f - p.file)
                } else {
                    p.decoded
                });
            }
            if f == p.file + p.file_len && p.decoded + p.decoded_len == self.value.len() {
                return Some(self.value.len());
            }
        }
        None
    }

    /// The file byte ranges that encode decoded range `r`, contiguous runs merged. More than
    /// one range means the span crosses something that is not text (such as the join of two
    /// PO string literals).
    pub fn file_ranges(&self, r: Range<usize>) -> Vec<Range<usize>> {
        let mut out: Vec<Range<usize>> = Vec::new();
        if r.start >= r.end {
            let at = self.file_start(r.start);
            return std::iter::once(at..at).collect();
        }
        let mut one = [NO_PIECE];
        for p in self.pieces(&mut one) {
            let (ps, pe) = (p.decoded, p.decoded + p.decoded_len);
            if pe <= r.start || ps >= r.end {
                continue;
            }
            let (fs, fe) = if p.verbatim() {
                let s = r.start.max(ps);
                let e = r.end.min(pe);
                (p.file + (s - ps), p.file + (e - ps))
            } else {
                (p.file, p.file + p.file_len)
            };
            match out.last_mut() {
                Some(last) if last.end == fs => last.end = fe,
                _ => out.push(fs..fe),
            }
        }
        out
    }
}

/// Assembles a [`Text`] piece by piece, in decoded order.
pub struct TextBuilder {
    text: Text,
}

impl TextBuilder {
    /// Append `s`, found verbatim in the file at `file_start`.
    pub fn verbatim(&mut self, s: &str, file_start: usize) -> &mut Self {
        if s.is_empty() {
            return self;
        }
        let decoded = self.text.value.len();
        self.text.value.push_str(s);
        if let Some(last) = self.text.pieces.last_mut() {
            if last.verbatim()
                && last.decoded + last.decoded_len == decoded
                && last.file + last.file_len == file_start
            {
                last.decoded_len += s.len();
                last.file_len += s.len();
                return self;
            }
        }
        self.text.pieces.push(Piece {
            decoded,
            decoded_len: s.len(),
            file: file_start,
            file_len: s.len(),
        });
        self
    }

    /// Append `s`, decoded from the escape sequence at `file` (e.g. `\n`, `&amp;`).
    pub fn escaped(&mut self, s: &str, file: Range<usize>) -> &mut Self {
        if s.is_empty() {
            return self;
        }
        let decoded = self.text.value.len();
        self.text.value.push_str(s);
        self.text.pieces.push(Piece {
            decoded,
            decoded_len: s.len(),
            file: file.start,
            file_len: file.len(),
        });
        self
    }

    /// The decoded length so far.
    pub fn len(&self) -> usize {
        self.text.value.len()
    }

    /// Whether nothing was appended yet.
    pub fn is_empty(&self) -> bool {
        self.text.value.is_empty()
    }

    /// Finish.
    pub fn build(self) -> Text {
        self.text
    }

    /// Finish into a [`Text`] whose string and piece map are allocated at their exact size
    /// (one allocation each, none for a single verbatim run), and leave the builder empty
    /// with its buffers kept, ready for [`TextBuilder::reset`]. A reader that builds many
    /// texts through one builder grows its buffers once instead of every text growing its
    /// own by doubling.
    pub fn take(&mut self) -> Text {
        let t = &self.text;
        let single_run = matches!(
            t.pieces.as_slice(),
            [p] if p.verbatim() && p.decoded == 0 && p.file == t.anchor
        );
        let text = Text {
            value: t.value.as_str().into(),
            file: t.file,
            pieces: if single_run {
                Vec::new()
            } else {
                t.pieces.as_slice().into()
            },
            anchor: t.anchor,
        };
        self.text.value.clear();
        self.text.pieces.clear();
        text
    }

    /// Start a new text in `file` anchored at `anchor`, keeping the buffers.
    pub fn reset(&mut self, file: FileId, anchor: usize) {
        self.text.value.clear();
        self.text.pieces.clear();
        self.text.file = file;
        self.text.anchor = anchor;
    }
}

/// Which text of a segment a finding points into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    /// The source text.
    Source,
    /// The translation.
    Target,
}

/// Workflow state of a segment, where the format records one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SegmentState {
    /// Nothing recorded.
    #[default]
    Unknown,
    /// Needs review (PO `fuzzy`, XLIFF `needs-review-*`).
    Fuzzy,
    /// No translation yet.
    New,
    /// Translated.
    Translated,
    /// Reviewed, signed off or locked (XLIFF `final`, `signed-off`).
    Final,
}

/// One translation unit: a source text and its translation.
#[derive(Debug, Clone, Default)]
pub struct Segment {
    /// A stable identifier to show users: paragraph number, msgctxt+msgid, unit id.
    pub id: String,
    /// Disambiguating context (PO msgctxt), compared by consistency checks.
    pub context: Option<String>,
    /// The source text; `None` in monolingual mode.
    pub source: Option<Text>,
    /// The translation; `None` when the unit has no target element at all.
    pub target: Option<Text>,
    /// Format flags such as `c-format`, `no-c-format`, `python-format`.
    pub flags: Vec<String>,
    /// Translator and extracted comments, XLIFF notes.
    pub notes: Vec<String>,
    /// Workflow state.
    pub state: SegmentState,
    /// For plural entries: which form this target is.
    pub plural_index: Option<usize>,
    /// Rules suppressed for this segment by an inline directive (`termlint-ignore`).
    pub suppressed: Vec<String>,
}

impl Segment {
    /// The text on `side`.
    pub fn text(&self, side: Side) -> Option<&Text> {
        match side {
            Side::Source => self.source.as_ref(),
            Side::Target => self.target.as_ref(),
        }
    }

    /// Whether the segment carries `flag` (e.g. `c-format`).
    pub fn has_flag(&self, flag: &str) -> bool {
        self.flags.iter().any(|f| f == flag)
    }
}

/// One parsed input: its files (a source/target pair has two), languages and segments.
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// The files the segments point into.
    pub files: Vec<Arc<SourceFile>>,
    /// Short name of the format (`po`, `xliff`, `text`...).
    pub format: &'static str,
    /// Language of the source side, from the command line, metadata or detection.
    pub source_lang: Option<Lang>,
    /// Language of the target side.
    pub target_lang: Option<Lang>,
    /// The translation units, in file order.
    pub segments: Vec<Segment>,
}

impl Document {
    /// The path users know this document by (its target file, or its only file).
    pub fn display_path(&self) -> &str {
        self.files.last().map_or("", |f| f.path.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters() {
        let f = SourceFile::new("a", "ab\n主机 x\n".into(), Escaping::None);
        assert_eq!(f.position(0), (1, 1));
        assert_eq!(f.position(3), (2, 1));
        assert_eq!(f.position(9), (2, 3));
        assert_eq!(f.line_text(2), "主机 x");
    }

    #[test]
    fn escapes_map_back_to_their_bytes() {
        // file: "a\nb" written as `a\nb` (4 bytes) at offset 10
        let mut b = Text::builder(0, 10);
        b.verbatim("a", 10).escaped("\n", 11..13).verbatim("b", 13);
        let t = b.build();
        assert_eq!(t.value, "a\nb");
        assert_eq!(t.file_span(1..2), 11..13);
        assert_eq!(t.file_span(2..3), 13..14);
        assert_eq!(t.file_span(0..3), 10..14);
        assert_eq!(t.file_ranges(0..3), vec![10..14]);
    }

    #[test]
    fn taken_texts_map_like_built_ones() {
        let mut b = Text::builder(0, 10);
        b.verbatim("a", 10).escaped("\n", 11..13).verbatim("b", 13);
        let built = {
            let mut c = Text::builder(0, 10);
            c.verbatim("a", 10).escaped("\n", 11..13).verbatim("b", 13);
            c.build()
        };
        let taken = b.take();
        assert!(b.is_empty());
        assert_eq!(taken.value, built.value);
        assert_eq!(taken.pieces, built.pieces);
        // One verbatim run at the anchor: stored without a piece map, mapped the same.
        b.reset(0, 20);
        b.verbatim("hello", 20);
        let t = b.take();
        assert!(t.pieces.is_empty());
        assert_eq!(t.file_span(1..3), 21..23);
        assert_eq!(t.file_ranges(0..5), vec![20..25]);
        assert_eq!(t.decoded_offset(25), Some(5));
        // A run that does not start at the anchor keeps its piece.
        b.reset(0, 30);
        b.verbatim("x", 31);
        assert_eq!(b.take().file_span(0..1), 31..32);
    }

    #[test]
    fn decoded_offsets_invert_file_offsets() {
        let mut b = Text::builder(0, 10);
        b.verbatim("a", 10).escaped("\n", 11..13).verbatim("b", 13);
        let t = b.build();
        assert_eq!(t.decoded_offset(10), Some(0));
        assert_eq!(t.decoded_offset(11), Some(1));
        assert_eq!(t.decoded_offset(12), Some(1));
        assert_eq!(t.decoded_offset(13), Some(2));
        assert_eq!(t.decoded_offset(14), Some(3));
        assert_eq!(t.decoded_offset(9), None);
    }

    #[test]
    fn a_span_across_a_literal_join_maps_to_two_ranges() {
        let mut b = Text::builder(0, 0);
        b.verbatim("ab", 1).verbatim("cd", 7);
        let t = b.build();
        assert_eq!(t.file_ranges(1..3), vec![2..3, 7..8]);
        assert_eq!(t.file_span(1..3), 2..8);
    }
}
