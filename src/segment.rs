//! The data every format produces and every check reads: documents, segments and texts
//! that remember where each decoded byte came from in the file.

use std::borrow::Cow;
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
    /// `path`, shared by the file's findings ([`SourceFile::shared_path`]).
    shared_path: Arc<str>,
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
        let path = path.into();
        SourceFile {
            shared_path: Arc::from(path.as_str()),
            path,
            content,
            escaping,
            line_starts,
        }
    }

    /// The path, shared: each finding in the file holds it
    /// ([`crate::diagnostic::Diagnostic::file`]) rather than a copy.
    pub(crate) fn shared_path(&self) -> &Arc<str> {
        &self.shared_path
    }

    /// 1-based line and column (in Unicode scalar values) of a byte offset.
    ///
    /// Findings are located in file order, so the line is first looked for at or after the
    /// line this thread found last (a hint checked against this file's line index, so
    /// any file's hint is safe), and only then by binary search.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        thread_local! {
            static LAST_LINE: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
        }
        let offset = offset.min(self.content.len());
        let starts = &self.line_starts;
        let hint = LAST_LINE.with(std::cell::Cell::get);
        let line = if starts.get(hint).is_some_and(|&s| s <= offset) {
            // The last line starting at or before `offset`: found by galloping ahead from
            // the hint (1, 2, 4... lines) and a binary search of the last stride.
            let mut l = hint;
            let mut stride = 1;
            loop {
                let probe = l + stride;
                match starts.get(probe) {
                    Some(&s) if s <= offset => {
                        l = probe;
                        stride *= 2;
                    }
                    _ => {
                        let end = probe.min(starts.len());
                        break l + starts[l + 1..end].partition_point(|&s| s <= offset);
                    }
                }
            }
        } else {
            line_of_offset(starts, offset)
        };
        LAST_LINE.with(|c| c.set(line));
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

/// The index of the line holding `offset` in a line index (the last line starting at or
/// before it).
fn line_of_offset(starts: &[usize], offset: usize) -> usize {
    match starts.binary_search(&offset) {
        Ok(i) => i,
        Err(i) => i - 1,
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
    /// How decoded bytes map to file bytes.
    map: PieceMap,
}

/// The piece map of a [`Text`], two words wide: a million-line file holds a million
/// segments, and their texts were a third of its memory.
#[derive(Debug, Clone)]
enum PieceMap {
    /// One verbatim run starting at this file offset (what [`Text::verbatim`] makes: a
    /// million-line file needs no piece vector per line), or, for an empty text, where it
    /// sits in the file (for findings about absent text).
    Verbatim(usize),
    /// Pieces in decoded order (never empty).
    Pieces(Box<[Piece]>),
}

impl Default for PieceMap {
    fn default() -> Self {
        PieceMap::Verbatim(0)
    }
}

impl PieceMap {
    /// The map of a text built from `pieces` anchored at `anchor`: a single verbatim run
    /// from the anchor (or nothing) is stored as the anchor alone.
    fn new(pieces: &[Piece], anchor: usize) -> Self {
        match pieces {
            [] => PieceMap::Verbatim(anchor),
            [p] if p.verbatim() && p.decoded == 0 && p.file == anchor => PieceMap::Verbatim(anchor),
            _ => PieceMap::Pieces(pieces.into()),
        }
    }
}

impl Text {
    /// Text copied verbatim from `file` starting at byte `file_start`.
    pub fn verbatim(value: impl Into<String>, file: FileId, file_start: usize) -> Self {
        Text {
            value: value.into(),
            file,
            map: PieceMap::Verbatim(file_start),
        }
    }

    /// The piece map: the stored pieces, or the single verbatim run a text made by
    /// [`Text::verbatim`] stands for (written into `one`); empty for an empty verbatim text.
    fn pieces<'s>(&'s self, one: &'s mut [Piece; 1]) -> &'s [Piece] {
        match &self.map {
            PieceMap::Pieces(p) => p,
            PieceMap::Verbatim(_) if self.value.is_empty() => &[],
            &PieceMap::Verbatim(anchor) => {
                one[0] = Piece {
                    decoded: 0,
                    decoded_len: self.value.len(),
                    file: anchor,
                    file_len: self.value.len(),
                };
                one
            }
        }
    }

    /// Where an empty text sits in the file.
    fn anchor(&self) -> usize {
        match &self.map {
            PieceMap::Verbatim(a) => *a,
            PieceMap::Pieces(p) => p[0].file,
        }
    }

    /// A builder for text assembled from verbatim runs and escapes.
    pub fn builder(file: FileId, anchor: usize) -> TextBuilder {
        TextBuilder {
            value: String::new(),
            file,
            anchor,
            pieces: Vec::new(),
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
            return self.anchor();
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
            return self.anchor();
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
            return (f == self.anchor()).then_some(0);
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
    value: String,
    file: FileId,
    anchor: usize,
    pieces: Vec<Piece>,
}

impl TextBuilder {
    /// Append `s`, found verbatim in the file at `file_start`.
    pub fn verbatim(&mut self, s: &str, file_start: usize) -> &mut Self {
        if s.is_empty() {
            return self;
        }
        let decoded = self.value.len();
        self.value.push_str(s);
        if let Some(last) = self.pieces.last_mut() {
            if last.verbatim()
                && last.decoded + last.decoded_len == decoded
                && last.file + last.file_len == file_start
            {
                last.decoded_len += s.len();
                last.file_len += s.len();
                return self;
            }
        }
        self.pieces.push(Piece {
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
        let decoded = self.value.len();
        self.value.push_str(s);
        self.pieces.push(Piece {
            decoded,
            decoded_len: s.len(),
            file: file.start,
            file_len: file.len(),
        });
        self
    }

    /// The decoded length so far.
    pub fn len(&self) -> usize {
        self.value.len()
    }

    /// Whether nothing was appended yet.
    pub fn is_empty(&self) -> bool {
        self.value.is_empty()
    }

    /// Finish.
    pub fn build(self) -> Text {
        Text {
            map: PieceMap::new(&self.pieces, self.anchor),
            value: self.value,
            file: self.file,
        }
    }

    /// Finish into a [`Text`] whose string and piece map are allocated at their exact size
    /// (one allocation each, none for a single verbatim run), and leave the builder empty
    /// with its buffers kept, ready for [`TextBuilder::reset`]. A reader that builds many
    /// texts through one builder grows its buffers once instead of every text growing its
    /// own by doubling.
    pub fn take(&mut self) -> Text {
        let text = Text {
            value: self.value.as_str().into(),
            file: self.file,
            map: PieceMap::new(&self.pieces, self.anchor),
        };
        self.value.clear();
        self.pieces.clear();
        text
    }

    /// Start a new text in `file` anchored at `anchor`, keeping the buffers.
    pub fn reset(&mut self, file: FileId, anchor: usize) {
        self.value.clear();
        self.pieces.clear();
        self.file = file;
        self.anchor = anchor;
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
///
/// A million-entry catalog holds a million segments, so the fields most segments leave
/// empty (flags, notes, inline suppressions, an outsized plural index) live together
/// behind one optional box, and the context and plural index are stored compactly; read
/// them through [`Segment::context`], [`Segment::flags`], [`Segment::notes`],
/// [`Segment::suppressed`] and [`Segment::plural_index`], and set them with the `with_*`
/// and `set_*` methods.
#[derive(Debug, Clone, Default)]
pub struct Segment {
    /// A stable identifier to show users: paragraph number, msgctxt+msgid, unit id. Read
    /// it with [`Segment::id`]. (Crate-visible for the same reason as `context`.)
    pub(crate) id: SegmentId,
    /// The source text; `None` in monolingual mode.
    pub source: Option<Text>,
    /// The translation; `None` when the unit has no target element at all.
    pub target: Option<Text>,
    /// Disambiguating context (PO msgctxt). (Crate-visible, like the two fields below, only
    /// so that readers may write `Segment { .., ..Default::default() }`: use the methods.)
    pub(crate) context: Option<Box<str>>,
    /// The rarely present fields; `None` when all of them are empty.
    pub(crate) extra: Option<Box<SegmentExtra>>,
    /// The plural form plus one (0: not a plural entry); a form that does not fit is kept
    /// in [`SegmentExtra::plural_index`].
    pub(crate) plural: u32,
    /// Workflow state.
    pub state: SegmentState,
}

/// How a [`Segment`] holds its identifier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum SegmentId {
    /// As given.
    Given(String),
    /// Gettext's key of the entry: the context, U+0004 and the source text, or the source
    /// text alone without a context. Made when asked rather than stored: a PO catalog's
    /// ids were a copy of every msgid, made for the few segments a finding names.
    ContextAndSource,
}

impl From<String> for SegmentId {
    fn from(id: String) -> Self {
        SegmentId::Given(id)
    }
}

impl From<&str> for SegmentId {
    fn from(id: &str) -> Self {
        SegmentId::Given(id.to_string())
    }
}

impl Default for SegmentId {
    fn default() -> Self {
        SegmentId::Given(String::new())
    }
}

/// The fields of a [`Segment`] that most segments leave empty.
#[derive(Debug, Clone, Default)]
pub(crate) struct SegmentExtra {
    flags: Vec<String>,
    notes: Vec<String>,
    suppressed: Vec<String>,
    /// A plural index too large for [`Segment::plural`].
    plural_index: Option<usize>,
}

impl SegmentExtra {
    fn is_empty(&self) -> bool {
        self.flags.is_empty()
            && self.notes.is_empty()
            && self.suppressed.is_empty()
            && self.plural_index.is_none()
    }
}

impl Segment {
    /// A segment with these texts and nothing else recorded (state unknown).
    pub fn new(id: impl Into<String>, source: Option<Text>, target: Option<Text>) -> Self {
        Segment {
            id: SegmentId::Given(id.into()),
            source,
            target,
            ..Default::default()
        }
    }

    /// A stable identifier to show users: paragraph number, msgctxt+msgid, unit id.
    pub fn id(&self) -> Cow<'_, str> {
        match &self.id {
            SegmentId::Given(id) => Cow::Borrowed(id),
            SegmentId::ContextAndSource => {
                let source = self.source.as_ref().map_or("", Text::as_str);
                match self.context() {
                    None => Cow::Borrowed(source),
                    Some(c) => {
                        let mut id = String::with_capacity(c.len() + 1 + source.len());
                        id.push_str(c);
                        id.push('\u{4}');
                        id.push_str(source);
                        Cow::Owned(id)
                    }
                }
            }
        }
    }

    /// Set the identifier.
    pub fn set_id(&mut self, id: impl Into<String>) {
        self.id = SegmentId::Given(id.into());
    }

    /// The text on `side`.
    pub fn text(&self, side: Side) -> Option<&Text> {
        match side {
            Side::Source => self.source.as_ref(),
            Side::Target => self.target.as_ref(),
        }
    }

    /// Disambiguating context (PO msgctxt), compared by consistency checks.
    pub fn context(&self) -> Option<&str> {
        self.context.as_deref()
    }

    /// Format flags such as `c-format`, `no-c-format`, `python-format`.
    pub fn flags(&self) -> &[String] {
        self.extra.as_ref().map_or(&[], |e| &e.flags)
    }

    /// Translator and extracted comments, XLIFF notes.
    pub fn notes(&self) -> &[String] {
        self.extra.as_ref().map_or(&[], |e| &e.notes)
    }

    /// Rules suppressed for this segment by an inline directive (`termlint-ignore`).
    pub fn suppressed(&self) -> &[String] {
        self.extra.as_ref().map_or(&[], |e| &e.suppressed)
    }

    /// For plural entries: which form this target is.
    pub fn plural_index(&self) -> Option<usize> {
        match self.plural {
            0 => self.extra.as_ref().and_then(|e| e.plural_index),
            p => Some(p as usize - 1),
        }
    }

    /// Whether the segment carries `flag` (e.g. `c-format`).
    pub fn has_flag(&self, flag: &str) -> bool {
        self.flags().iter().any(|f| f == flag)
    }

    /// Set the context.
    pub fn set_context(&mut self, context: Option<String>) {
        self.context = context.map(String::into_boxed_str);
    }

    /// Set the flags.
    pub fn set_flags(&mut self, flags: Vec<String>) {
        self.edit_extra(|e| e.flags = flags);
    }

    /// Set the notes.
    pub fn set_notes(&mut self, notes: Vec<String>) {
        self.edit_extra(|e| e.notes = notes);
    }

    /// Set the suppressed rules.
    pub fn set_suppressed(&mut self, suppressed: Vec<String>) {
        self.edit_extra(|e| e.suppressed = suppressed);
    }

    /// Set the plural index.
    pub fn set_plural_index(&mut self, index: Option<usize>) {
        match index {
            Some(i) if i < u32::MAX as usize => {
                self.plural = i as u32 + 1;
                if self
                    .extra
                    .as_ref()
                    .is_some_and(|e| e.plural_index.is_some())
                {
                    self.edit_extra(|e| e.plural_index = None);
                }
            }
            wide => {
                self.plural = 0;
                if wide.is_some() || self.extra.is_some() {
                    self.edit_extra(|e| e.plural_index = wide);
                }
            }
        }
    }

    /// [`Segment::set_context`], by value.
    pub fn with_context(mut self, context: Option<String>) -> Self {
        self.set_context(context);
        self
    }

    /// [`Segment::set_flags`], by value.
    pub fn with_flags(mut self, flags: Vec<String>) -> Self {
        self.set_flags(flags);
        self
    }

    /// [`Segment::set_notes`], by value.
    pub fn with_notes(mut self, notes: Vec<String>) -> Self {
        self.set_notes(notes);
        self
    }

    /// [`Segment::set_suppressed`], by value.
    pub fn with_suppressed(mut self, suppressed: Vec<String>) -> Self {
        self.set_suppressed(suppressed);
        self
    }

    /// [`Segment::set_plural_index`], by value.
    pub fn with_plural_index(mut self, index: Option<usize>) -> Self {
        self.set_plural_index(index);
        self
    }

    /// Change the rare fields; the box is made only when they end up not all empty, and
    /// dropped when they end up empty.
    fn edit_extra(&mut self, edit: impl FnOnce(&mut SegmentExtra)) {
        match &mut self.extra {
            Some(e) => {
                edit(e);
                if e.is_empty() {
                    self.extra = None;
                }
            }
            None => {
                let mut e = SegmentExtra::default();
                edit(&mut e);
                if !e.is_empty() {
                    self.extra = Some(Box::new(e));
                }
            }
        }
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

    /// Positions found from the last line's hint are those the binary search finds, in
    /// file order, backwards, at random and across files.
    #[test]
    fn hinted_positions_agree_with_the_binary_search() {
        let reference = |f: &SourceFile, offset: usize| {
            let offset = offset.min(f.content.len());
            let line = line_of_offset(&f.line_starts, offset);
            let start = f.line_starts[line];
            (line + 1, f.content[start..offset].chars().count() + 1)
        };
        let mut content = String::new();
        for i in 0..300 {
            content.push_str(&"中a\n".repeat(i % 7));
            content.push_str(&format!("行 {i} line\n"));
        }
        let files = [
            SourceFile::new("a", content.clone(), Escaping::None),
            SourceFile::new("b", "x\n\n\ny".into(), Escaping::None),
            SourceFile::new("c", String::new(), Escaping::None),
        ];
        let bounds: Vec<usize> = (0..=content.len())
            .filter(|&i| content.is_char_boundary(i))
            .collect();
        let mut rand = crate::checks::testing::pseudo_random(12345u64);
        for &o in bounds.iter().chain(bounds.iter().rev()) {
            assert_eq!(files[0].position(o), reference(&files[0], o), "{o}");
        }
        for _ in 0..5000 {
            let f = &files[rand(3)];
            let o = if f.content.len() > 100 {
                bounds[rand(bounds.len())]
            } else {
                rand(f.content.len() + 3)
            };
            assert_eq!(f.position(o), reference(f, o), "{} {o}", f.path);
        }
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
        let mut one = [NO_PIECE];
        let mut two = [NO_PIECE];
        assert_eq!(taken.pieces(&mut one), built.pieces(&mut two));
        // One verbatim run at the anchor: stored without a piece map, mapped the same.
        b.reset(0, 20);
        b.verbatim("hello", 20);
        let t = b.take();
        assert!(matches!(t.map, PieceMap::Verbatim(20)));
        assert_eq!(t.file_span(1..3), 21..23);
        assert_eq!(t.file_ranges(0..5), vec![20..25]);
        assert_eq!(t.decoded_offset(25), Some(5));
        // A run that does not start at the anchor keeps its piece.
        b.reset(0, 30);
        b.verbatim("x", 31);
        assert_eq!(b.take().file_span(0..1), 31..32);
    }

    /// A segment keeps its rarely present fields behind one box: a million-entry catalog
    /// holds a million segments.
    #[test]
    fn segments_stay_small() {
        assert!(std::mem::size_of::<Segment>() <= 152);
    }

    /// The accessors give back what the setters stored, with or without the box.
    #[test]
    fn rare_fields_round_trip() {
        let mut s = Segment::default();
        assert!(s.extra.is_none());
        assert_eq!(s.plural_index(), None);
        assert!(s.flags().is_empty() && s.notes().is_empty() && s.suppressed().is_empty());
        for i in [
            0,
            1,
            5,
            u32::MAX as usize - 1,
            u32::MAX as usize,
            usize::MAX,
        ] {
            s.set_plural_index(Some(i));
            assert_eq!(s.plural_index(), Some(i));
            assert_eq!(s.extra.is_some(), i >= u32::MAX as usize);
        }
        s.set_plural_index(None);
        assert_eq!(s.plural_index(), None);
        assert!(s.extra.is_none());
        let s = s
            .with_context(Some("menu".into()))
            .with_flags(vec!["c-format".into()])
            .with_notes(vec!["a note".into()])
            .with_suppressed(vec!["all".into()])
            .with_plural_index(Some(usize::MAX));
        assert_eq!(s.context(), Some("menu"));
        assert!(s.has_flag("c-format") && !s.has_flag("fuzzy"));
        assert_eq!(s.notes(), ["a note"]);
        assert_eq!(s.suppressed(), ["all"]);
        assert_eq!(s.plural_index(), Some(usize::MAX));
        let mut s = s.with_plural_index(Some(2));
        assert_eq!(s.plural_index(), Some(2));
        s.set_flags(Vec::new());
        s.set_notes(Vec::new());
        s.set_suppressed(Vec::new());
        assert!(s.extra.is_none());
        assert_eq!(s.plural_index(), Some(2));
        s.set_context(None);
        assert_eq!(s.context(), None);
    }

    /// A text is two words of piece map beside its string and file: a million-line file
    /// holds a million segments of two texts each.
    #[test]
    fn texts_stay_small() {
        assert!(std::mem::size_of::<Text>() <= 48);
        assert!(std::mem::size_of::<Option<Text>>() <= 48);
    }

    /// Texts built piece by piece map every offset as the same text built as one verbatim
    /// run, or kept piece by piece, does: the compact map changes nothing.
    #[test]
    fn compact_maps_agree_with_piece_maps() {
        let s = "ab中c";
        let verbatim = Text::verbatim(s, 0, 7);
        let mut b = Text::builder(0, 7);
        b.verbatim("ab", 7).verbatim("中c", 9);
        let built = b.build();
        assert!(matches!(built.map, PieceMap::Verbatim(7)));
        let general = Text {
            value: s.into(),
            file: 0,
            map: PieceMap::Pieces(
                vec![
                    Piece {
                        decoded: 0,
                        decoded_len: 2,
                        file: 7,
                        file_len: 2,
                    },
                    Piece {
                        decoded: 2,
                        decoded_len: 4,
                        file: 9,
                        file_len: 4,
                    },
                ]
                .into(),
            ),
        };
        for t in [&verbatim, &built] {
            for a in 0..=s.len() {
                assert_eq!(t.file_start(a), general.file_start(a));
                assert_eq!(t.file_end(a), general.file_end(a));
                for e in a..=s.len() {
                    assert_eq!(t.file_span(a..e), general.file_span(a..e));
                    assert_eq!(t.file_ranges(a..e), general.file_ranges(a..e));
                }
            }
            for f in 0..20 {
                assert_eq!(t.decoded_offset(f), general.decoded_offset(f));
            }
        }
        let empty = Text::verbatim("", 0, 5);
        assert_eq!(empty.file_span(0..0), 5..5);
        assert_eq!(empty.decoded_offset(5), Some(0));
        assert_eq!(Text::builder(0, 5).build().file_span(0..0), 5..5);
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
