//! TBX (TermBase eXchange, ISO 30042) reading: TBX v2 / TBX-Basic (`martif`, `termEntry`,
//! `langSet`, `tig`/`ntig`, `term`, `termNote`) and TBX v3 (`tbx`, `conceptEntry`,
//! `langSec`, `termSec`), in both the DCA style (`<termNote type="partOfSpeech">`) and the
//! DCT style (`<basic:partOfSpeech>`).
//!
//! The file is read in one streaming pass into a [`TbxDocument`] (concepts, language
//! sections, terms, with their lines), which [`TbxDocument::to_glossary`] turns into
//! glossary rows for one language pair:
//!
//! - every term of the source language is a source term of its concept (deprecated ones
//!   too: they still name the concept in a source text);
//! - target terms whose `administrativeStatus` or `normativeAuthorization` is preferred,
//!   admitted (or standardized, legal, regulated, or absent) are approved renderings,
//!   preferred ones first; deprecated, superseded, notRecommended and obsolete ones are
//!   forbidden;
//! - `termType`, `partOfSpeech`, `subjectField`, `definition` and `note` are carried along.
//!
//! Safety: a DOCTYPE naming an external DTD is ignored (nothing is ever fetched); a DOCTYPE
//! declaring entities is refused, and only the predefined entities and character references
//! are decoded.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use rayon::prelude::*;

use super::{CaseRule, Glossary, MatchMode, Origin, TermEntry};
use crate::diagnostic::InputError;
use crate::formats::error_at;
use crate::lang::Lang;

/// TBX major version of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TbxVersion {
    /// TBX 2008 / TBX-Basic: root `martif`.
    V2,
    /// TBX 2019 (ISO 30042:2019): root `tbx`.
    V3,
}

/// The status of a term, from `administrativeStatus` or `normativeAuthorization`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TermStatus {
    /// No status given (an approved term by default).
    #[default]
    Unspecified,
    /// `preferredTerm-admn-sts`, `preferred`.
    Preferred,
    /// `admittedTerm-admn-sts`, `admitted`, `standardized`, `legal`, `regulated`.
    Admitted,
    /// `deprecatedTerm-admn-sts`, `deprecated`.
    Deprecated,
    /// `supersededTerm-admn-sts`, `superseded`.
    Superseded,
    /// `notRecommended`.
    NotRecommended,
    /// `obsolete`.
    Obsolete,
}

impl TermStatus {
    /// Parse a status value; `None` for an unknown one.
    pub fn parse(value: &str) -> Option<TermStatus> {
        // The values as TBX-Basic and TBX v3 spell them, without allocating.
        Some(match value {
            "preferredTerm-admn-sts" | "preferred" => TermStatus::Preferred,
            "admittedTerm-admn-sts" | "admitted" => TermStatus::Admitted,
            "deprecatedTerm-admn-sts" | "deprecated" => TermStatus::Deprecated,
            "supersededTerm-admn-sts" | "superseded" => TermStatus::Superseded,
            "notRecommended" => TermStatus::NotRecommended,
            "obsolete" => TermStatus::Obsolete,
            _ => return TermStatus::parse_any(value),
        })
    }

    /// [`TermStatus::parse`] of any spelling: case, spaces, `-admn-sts` and `term` aside.
    fn parse_any(value: &str) -> Option<TermStatus> {
        let v = value.trim().to_ascii_lowercase();
        let v = v.strip_suffix("-admn-sts").unwrap_or(&v);
        let v = v.strip_suffix("term").unwrap_or(v);
        let v: String = v.chars().filter(|c| c.is_ascii_alphabetic()).collect();
        Some(match v.as_str() {
            "preferred" => TermStatus::Preferred,
            "admitted" | "standardized" | "legal" | "regulated" => TermStatus::Admitted,
            "deprecated" => TermStatus::Deprecated,
            "superseded" => TermStatus::Superseded,
            "notrecommended" => TermStatus::NotRecommended,
            "obsolete" => TermStatus::Obsolete,
            _ => return None,
        })
    }

    /// Whether a term with this status must not be used.
    pub fn is_forbidden(self) -> bool {
        matches!(
            self,
            TermStatus::Deprecated
                | TermStatus::Superseded
                | TermStatus::NotRecommended
                | TermStatus::Obsolete
        )
    }
}

/// One term of a language section.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TbxTerm {
    /// The term as written (trimmed).
    pub text: String,
    /// Its status.
    pub status: TermStatus,
    /// `termType` (acronym, abbreviation, fullForm, ...).
    pub term_type: Option<String>,
    /// `partOfSpeech`.
    pub pos: Option<String>,
    /// Notes at the term level.
    pub notes: Vec<String>,
    /// termlint's own case rule (`x-termlint-case`), as written by `glossary convert`.
    pub case: Option<String>,
    /// termlint's own match mode (`x-termlint-match`).
    pub match_mode: Option<String>,
    /// 1-based line of `<term>`.
    pub line: usize,
}

/// One language section (`langSet` / `langSec`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TbxLangSection {
    /// The `xml:lang` value as written.
    pub lang: String,
    /// Its terms, in file order.
    pub terms: Vec<TbxTerm>,
    /// Notes at the language level.
    pub notes: Vec<String>,
    /// Definitions at the language level.
    pub definitions: Vec<String>,
    /// 1-based line of the element.
    pub line: usize,
}

/// One concept (`termEntry` / `conceptEntry`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TbxConcept {
    /// The `id` attribute.
    pub id: Option<String>,
    /// `subjectField`.
    pub subject_field: Option<String>,
    /// Definitions at the concept level.
    pub definitions: Vec<String>,
    /// Notes at the concept level.
    pub notes: Vec<String>,
    /// Language sections, in file order.
    pub langs: Vec<TbxLangSection>,
    /// 1-based line of the element.
    pub line: usize,
}

/// A parsed TBX file.
#[derive(Debug, Clone)]
pub struct TbxDocument {
    /// v2 or v3.
    pub version: TbxVersion,
    /// The root element's `xml:lang` (the default, usually the source, language).
    pub root_lang: Option<String>,
    /// The concepts, in file order.
    pub concepts: Vec<TbxConcept>,
    /// Problems that did not stop reading (unknown status values), with lines.
    pub warnings: Vec<InputError>,
}

/// Where captured character data goes when its element ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Capture {
    Term,
    Note,
    /// A data category (`administrativeStatus`, `definition`...).
    Category(Category),
}

/// The data categories read, by name; any other is read and dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Category {
    AdministrativeStatus,
    NormativeAuthorization,
    TermType,
    PartOfSpeech,
    /// `x-termlint-case`.
    Case,
    /// `x-termlint-match`.
    Match,
    Definition,
    SubjectField,
    Other,
}

impl Category {
    fn of(name: &[u8]) -> Category {
        match name {
            b"administrativeStatus" => Category::AdministrativeStatus,
            b"normativeAuthorization" => Category::NormativeAuthorization,
            b"termType" => Category::TermType,
            b"partOfSpeech" => Category::PartOfSpeech,
            b"x-termlint-case" => Category::Case,
            b"x-termlint-match" => Category::Match,
            b"definition" => Category::Definition,
            b"subjectField" => Category::SubjectField,
            _ => Category::Other,
        }
    }
}

/// Counts lines as the reader advances (positions only grow).
struct Lines<'a> {
    content: &'a [u8],
    pos: usize,
    line: usize,
}

impl Lines<'_> {
    /// The line of byte `offset`, at or after the offsets asked for before.
    fn at(&mut self, offset: usize) -> usize {
        let offset = offset.min(self.content.len());
        if offset > self.pos {
            self.line += newlines(&self.content[self.pos..offset]);
            self.pos = offset;
        }
        self.line
    }

    /// The line of byte `offset`, which may come before the offsets asked for before.
    fn back_at(&mut self, offset: usize) -> usize {
        if offset >= self.pos {
            return self.at(offset);
        }
        self.line - newlines(&self.content[offset..self.pos])
    }
}

/// The number of line feeds in `bytes`: most gaps between the elements whose line is
/// wanted are a few dozen bytes, too short for the vector search to pay.
fn newlines(bytes: &[u8]) -> usize {
    if bytes.len() < 64 {
        bytes.iter().filter(|&&b| b == b'\n').count()
    } else {
        memchr::memchr_iter(b'\n', bytes).count()
    }
}

/// Local name of a qualified name.
fn local(name: &[u8]) -> &[u8] {
    match name.iter().rposition(|&b| b == b':') {
        Some(i) => &name[i + 1..],
        None => name,
    }
}

/// `bytes` as the text they are in `piece` (no second UTF-8 check), or (bytes not of
/// `piece`) decoded.
fn text_of<'a>(piece: &'a str, bytes: &[u8]) -> Cow<'a, str> {
    let start = (bytes.as_ptr() as usize).wrapping_sub(piece.as_ptr() as usize);
    match start
        .checked_add(bytes.len())
        .and_then(|end| piece.get(start..end))
    {
        Some(s) => Cow::Borrowed(s),
        None => Cow::Owned(String::from_utf8_lossy(bytes).into_owned()),
    }
}

/// The value of the first of the attributes `want` of `e` (an element of `piece`),
/// entities decoded.
fn attr<'a>(
    path: &str,
    content: &str,
    piece: &'a str,
    e: &BytesStart<'_>,
    at: usize,
    want: &[&[u8]],
) -> Result<Option<Cow<'a, str>>, InputError> {
    let value = |v: &Cow<'_, [u8]>| -> Result<Cow<'a, str>, InputError> {
        let raw = match v {
            Cow::Borrowed(b) => text_of(piece, b),
            Cow::Owned(b) => Cow::Owned(String::from_utf8_lossy(b).into_owned()),
        };
        let bad = |err| {
            error_at(
                path,
                content,
                at,
                format!("bad attribute value: {err} (DTD entities are not expanded)"),
            )
        };
        Ok(match raw {
            Cow::Borrowed(r) => quick_xml::escape::unescape(r).map_err(bad)?,
            Cow::Owned(r) => Cow::Owned(quick_xml::escape::unescape(&r).map_err(bad)?.into_owned()),
        })
    };
    // Mostly the attribute wanted comes first, or there is none: no attribute before it
    // can repeat, so it is read without the check for repeated ones (which allocates).
    let mut first = e.attributes();
    first.with_checks(false);
    match first.next() {
        None => return Ok(None),
        Some(Ok(a)) if want.contains(&a.key.as_ref()) => return value(&a.value).map(Some),
        _ => {}
    }
    for a in e.attributes() {
        let a =
            a.map_err(|err| error_at(path, content, at, format!("malformed attribute: {err}")))?;
        if want.contains(&a.key.as_ref()) {
            return value(&a.value).map(Some);
        }
    }
    Ok(None)
}

/// Collapse runs of whitespace (XML content spread over lines) and trim.
fn clean(s: String) -> String {
    if is_tidy(&s) {
        return s;
    }
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Whether [`clean`] leaves `s` as it is: no whitespace at either end, none inside but
/// single spaces.
fn is_tidy(s: &str) -> bool {
    let b = s.as_bytes();
    // Bytes that begin the non-ASCII whitespace characters (U+0085, U+00A0; U+1680;
    // U+2000-U+205F; U+3000): where there are none, the bytes tell.
    if b.iter().any(|&c| matches!(c, 0xC2 | 0xE1 | 0xE2 | 0xE3)) {
        return is_tidy_by_chars(s);
    }
    let space = |c: u8| matches!(c, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r');
    if b.first().is_some_and(|&c| space(c)) || b.last().is_some_and(|&c| space(c)) {
        return false;
    }
    !b.iter()
        .enumerate()
        .any(|(i, &c)| space(c) && (c != b' ' || b.get(i + 1) == Some(&b' ')))
}

/// [`is_tidy`] character by character.
fn is_tidy_by_chars(s: &str) -> bool {
    !s.starts_with(char::is_whitespace)
        && !s.ends_with(char::is_whitespace)
        && !s
            .char_indices()
            .any(|(i, c)| c.is_whitespace() && (c != ' ' || s[i + 1..].starts_with(' ')))
}

/// Parse TBX bytes (UTF-8, or the encoding a BOM or the XML declaration names).
pub fn parse(path: &str, bytes: Vec<u8>) -> Result<TbxDocument, InputError> {
    let content = crate::formats::xml::decode(path, bytes)?;
    parse_str(path, &content)
}

/// Files at least this large are read in two pieces, one per core.
const PIECES_MIN_BYTES: usize = 1 << 20;

/// Parse decoded TBX text.
///
/// A large file is read in two pieces, split where a concept entry begins, on both
/// cores; where that does not work out (the split fell inside a comment, the file is
/// malformed...), the file is read again in one piece, which gives the same result or
/// the same error.
pub fn parse_str(path: &str, content: &str) -> Result<TbxDocument, InputError> {
    // A concept takes a few hundred bytes of TBX: room for them all up front (pages of
    // the reservation not used are never touched), not a copy at every doubling.
    let (parsed, concepts) = read(path, content, &|rest| Vec::with_capacity(rest / 256))?;
    let ids = concepts
        .iter()
        .filter_map(|c| c.id.as_deref().map(|id| (id, c.line)));
    let (version, root_lang, warnings) = parsed.finish(path, content, ids)?;
    Ok(TbxDocument {
        version,
        root_lang,
        concepts,
        warnings,
    })
}

/// The glossary rows of TBX `bytes` for the language pair chosen from `source`/`target`
/// (see [`TbxDocument::to_glossary`], which gives the same rows, warnings and errors).
///
/// Each concept becomes rows as soon as it is read, so the whole document is never held
/// in memory. That needs the language pair before reading, which is guessed from the
/// `xml:lang` values of the file and confirmed from the language sections once read; in
/// the rare file where the two differ, the file is read again the long way.
pub fn read_glossary(
    path: &str,
    bytes: Vec<u8>,
    source: Option<&Lang>,
    target: Option<&Lang>,
) -> Result<Glossary, InputError> {
    let content = crate::formats::xml::decode(path, bytes)?;
    if let Some(pair) = guess_pair(path, &content, source, target) {
        let (parsed, sink) = read(path, &content, &|rest| RowSink::new(path, &pair, rest))?;
        let root = parsed.root_lang.as_deref();
        let langs = languages_of(sink.roles.iter().map(|(tag, _)| tag.as_str()), root);
        if pair_for(path, &langs, root, source, target).ok().as_ref() == Some(&pair) {
            let ids = sink.ids.iter().map(|(id, line)| (id.as_str(), *line));
            let (_, _, warnings) = parsed.finish(path, &content, ids)?;
            return sink.tally.into_glossary(path, warnings, &pair);
        }
    }
    parse_str(path, &content)?.to_glossary(path, source, target)
}

/// The language pair the `xml:lang` values of `content` would give, if any.
fn guess_pair(
    path: &str,
    content: &str,
    source: Option<&Lang>,
    target: Option<&Lang>,
) -> Option<(Lang, Lang)> {
    let mut tags: Vec<&str> = Vec::new();
    for at in memchr::memmem::find_iter(content.as_bytes(), b"lang=") {
        let rest = &content[at + 5..];
        let Some(&quote) = rest
            .as_bytes()
            .first()
            .filter(|q| matches!(q, b'"' | b'\''))
        else {
            continue;
        };
        let Some(len) = memchr::memchr(quote, &rest.as_bytes()[1..]) else {
            continue;
        };
        let tag = &rest[1..1 + len];
        if !tags.contains(&tag) {
            if tags.len() == 64 {
                return None;
            }
            tags.push(tag);
        }
    }
    let langs = languages_of(tags.into_iter(), None);
    pair_for(path, &langs, None, source, target).ok()
}

/// Where the concepts of a piece of a TBX file go as they are read.
trait Sink: Send {
    /// Take one concept, in file order.
    fn concept(&mut self, c: TbxConcept);
    /// This piece's concepts followed by those of the next piece.
    fn join(&mut self, next: Self);
}

/// The whole document: every concept kept.
impl Sink for Vec<TbxConcept> {
    fn concept(&mut self, c: TbxConcept) {
        self.push(c);
    }
    fn join(&mut self, next: Self) {
        self.extend(next);
    }
}

/// Makes the sink of a piece, given the number of bytes from the piece's start to the end
/// of the file (what the sink may hold once the pieces after it are joined to it).
type NewSink<'a, S> = dyn Fn(usize) -> S + Sync + 'a;

/// Read all of `content` into sinks made by `new`: in two pieces side by side where the
/// file is large, else in one.
fn read<S: Sink>(
    path: &str,
    content: &str,
    new: &NewSink<'_, S>,
) -> Result<(Parsed, S), InputError> {
    if let Some(read) = in_two_pieces(path, content, new) {
        return Ok(read);
    }
    let mut sink = new(content.len());
    let parsed = parse_piece(path, content, 0..content.len(), Vec::new(), None, &mut sink)?;
    Ok((parsed, sink))
}

/// `content` read in two pieces side by side, if it is large and both pieces read well.
///
/// The second piece starts at a concept entry halfway through the file; the elements
/// open there are taken to be those open at the first concept entry (the root, `text`,
/// `body`), which the first piece confirms once read.
fn in_two_pieces<S: Sink>(path: &str, content: &str, new: &NewSink<'_, S>) -> Option<(Parsed, S)> {
    if content.len() < PIECES_MIN_BYTES {
        return None;
    }
    let first_concept = concept_start_after(content, 0)?;
    let at = concept_start_after(content, content.len() / 2)?;
    if at <= first_concept {
        return None;
    }
    let no_concepts = &mut Vec::new();
    let head = parse_piece(
        path,
        content,
        0..first_concept,
        Vec::new(),
        None,
        no_concepts,
    )
    .ok()?;
    if head.open_concept || head.version.is_none() {
        return None;
    }
    let (first, second) = rayon::join(
        || {
            let mut sink = new(content.len());
            parse_piece(path, content, 0..at, Vec::new(), None, &mut sink).map(|p| (p, sink))
        },
        || {
            let mut sink = new(content.len() - at);
            let open = head.open.clone();
            parse_piece(
                path,
                content,
                at..content.len(),
                open,
                head.version,
                &mut sink,
            )
            .map(|p| (p, sink))
        },
    );
    let ((first, mut sink), (second, second_sink)) = (first.ok()?, second.ok()?);
    if first.open_concept || first.open != head.open || first.version != head.version {
        return None;
    }
    sink.join(second_sink);
    Some((first.join(second), sink))
}

/// The byte offset of the first `<termEntry` or `<conceptEntry` at or after `from`.
fn concept_start_after(content: &str, from: usize) -> Option<usize> {
    let bytes = content.as_bytes();
    // Both names end in `Entry`, which is rare elsewhere: look for that, then at what
    // precedes it, so that the search stops at the first entry of either version.
    memchr::memmem::find_iter(&bytes[from..], b"Entry")
        .map(|i| from + i)
        .find_map(|at| {
            let start = ["<term", "<concept"]
                .iter()
                .find(|tag| bytes[..at].ends_with(tag.as_bytes()))
                .map(|tag| at - tag.len())?;
            let follows = bytes.get(at + "Entry".len());
            matches!(follows, Some(b' ' | b'>' | b'/' | b'\t' | b'\n' | b'\r')).then_some(start)
        })
}

/// What reading a piece of a TBX file gives besides its concepts.
struct Parsed {
    version: Option<TbxVersion>,
    root_lang: Option<String>,
    warnings: Vec<InputError>,
    /// Names of the elements open at the end of the piece, outermost first.
    open: Vec<Vec<u8>>,
    /// The piece ended inside a concept entry.
    open_concept: bool,
}

impl Parsed {
    /// This piece followed by the next.
    fn join(mut self, next: Parsed) -> Parsed {
        self.warnings.extend(next.warnings);
        self.open = next.open;
        self.open_concept = next.open_concept;
        self
    }

    /// Version, root language and warnings, once the whole file is read; `ids` are the
    /// concept ids with their lines, in file order.
    fn finish<'a>(
        self,
        path: &str,
        content: &str,
        ids: impl Iterator<Item = (&'a str, usize)>,
    ) -> Result<(TbxVersion, Option<String>, Vec<InputError>), InputError> {
        let Parsed {
            version,
            root_lang,
            mut warnings,
            open,
            ..
        } = self;
        let Some(version) = version else {
            return Err(error_at(
                path,
                content,
                content.len(),
                "no root element: not a TBX file",
            ));
        };
        if !open.is_empty() {
            return Err(error_at(
                path,
                content,
                content.len(),
                "unexpected end of file: an element is not closed",
            ));
        }
        // Concept ids are unique in TBX; rows sharing an id are one concept in a
        // glossary, so two entries with the same id are read as one concept: say so
        // (found by fuzzing).
        let mut first_line: HashMap<&str, usize> = HashMap::new();
        for (id, line) in ids {
            match first_line.get(id) {
                Some(&first) => warnings.push(InputError::at(
                    path,
                    line,
                    None,
                    format!(
                        "duplicate concept id `{id}` (first at line {first}): both entries are read as one concept"
                    ),
                )),
                None => {
                    first_line.insert(id, line);
                }
            }
        }
        Ok((version, root_lang, warnings))
    }
}

/// Read the bytes `range` of `content`, a piece that begins with the elements `open`
/// open (outermost first) in a file of version `version`. Positions in errors and
/// lines are of the whole file.
fn parse_piece<S: Sink>(
    path: &str,
    content: &str,
    range: std::ops::Range<usize>,
    mut open: Vec<Vec<u8>>,
    mut version: Option<TbxVersion>,
    sink: &mut S,
) -> Result<Parsed, InputError> {
    let base = range.start;
    let piece = &content[range];
    let mut reader = Reader::from_str(piece);
    let cfg = reader.config_mut();
    cfg.trim_text(false);
    cfg.expand_empty_elements = true;
    // End names are checked below, against elements opened in earlier pieces too; the
    // reader checks those of a piece that starts the file (its messages).
    cfg.check_end_names = open.is_empty();
    cfg.allow_unmatched_ends = !open.is_empty();
    // Buffers of closed element names, for the next ones.
    let mut spare: Vec<Vec<u8>> = Vec::new();
    let mut lines = Lines {
        content: content.as_bytes(),
        pos: base,
        line: 1 + memchr::memchr_iter(b'\n', &content.as_bytes()[..base]).count(),
    };
    let mut root_lang = None;
    let mut warnings = Vec::new();
    let mut depth = open.len();
    let mut concept: Option<TbxConcept> = None;
    let mut lang: Option<TbxLangSection> = None;
    let mut term: Option<TbxTerm> = None;
    // Where the open term section begins.
    let mut term_at = 0;
    // (capture kind, depth of its element, text so far)
    let mut capture: Option<(Capture, usize, String)> = None;
    loop {
        let start = base + reader.buffer_position() as usize;
        let ev = match reader.read_event() {
            Ok(ev) => ev,
            Err(e) => {
                let at = base + reader.error_position() as usize;
                return Err(error_at(path, content, at, format!("malformed XML: {e}")));
            }
        };
        match ev {
            Event::Eof => break,
            Event::DocType(ref d) => {
                crate::formats::xml::refuse_entity_declarations(path, content, start, d.as_ref())?;
                // An external DTD is only named: never fetched, ignored.
            }
            Event::Start(ref e) => {
                depth += 1;
                let name = e.name();
                let mut buf = spare.pop().unwrap_or_default();
                buf.clear();
                buf.extend_from_slice(name.as_ref());
                open.push(buf);
                let lname = local(name.as_ref());
                if depth == 1 {
                    version = Some(match lname {
                        b"martif" => TbxVersion::V2,
                        b"tbx" => TbxVersion::V3,
                        other => {
                            return Err(error_at(
                                path,
                                content,
                                start,
                                format!(
                                    "not a TBX file: the root element is <{}> (expected <martif> for TBX v2 or <tbx> for TBX v3)",
                                    String::from_utf8_lossy(other)
                                ),
                            ))
                        }
                    });
                    root_lang = attr(path, content, piece, e, start, &[b"xml:lang", b"lang"])?
                        .map(Cow::into_owned);
                    continue;
                }
                if capture.is_some() {
                    // Inline markup inside a captured element (<hi>, <ph>): text only.
                    continue;
                }
                match lname {
                    b"termEntry" | b"conceptEntry" => {
                        concept = Some(TbxConcept {
                            id: attr(path, content, piece, e, start, &[b"id", b"xml:id"])?
                                .map(Cow::into_owned),
                            line: lines.at(start),
                            ..Default::default()
                        });
                    }
                    b"langSet" | b"langSec" if concept.is_some() => {
                        let Some(l) =
                            attr(path, content, piece, e, start, &[b"xml:lang", b"lang"])?
                        else {
                            return Err(error_at(
                                path,
                                content,
                                start,
                                format!("<{}> without xml:lang", String::from_utf8_lossy(lname)),
                            ));
                        };
                        lang = Some(TbxLangSection {
                            lang: l.into_owned(),
                            line: lines.at(start),
                            ..Default::default()
                        });
                    }
                    b"tig" | b"ntig" | b"termSec" if lang.is_some() => {
                        // Its line is that of its <term>, else (found when it ends) its own.
                        term = Some(TbxTerm::default());
                        term_at = start;
                    }
                    b"term" if term.is_some() => {
                        if let Some(t) = term.as_mut() {
                            t.line = lines.at(start);
                        }
                        capture = Some((Capture::Term, depth, String::new()));
                    }
                    b"note" if concept.is_some() => {
                        capture = Some((Capture::Note, depth, String::new()));
                    }
                    b"termNote" | b"descrip" | b"admin" if concept.is_some() => {
                        if let Some(t) = attr(path, content, piece, e, start, &[b"type"])? {
                            let c = Category::of(t.as_bytes());
                            capture = Some((Capture::Category(c), depth, String::new()));
                        }
                    }
                    b"administrativeStatus"
                    | b"normativeAuthorization"
                    | b"termType"
                    | b"partOfSpeech"
                    | b"definition"
                    | b"subjectField"
                        if concept.is_some() =>
                    {
                        let c = Category::of(lname);
                        capture = Some((Capture::Category(c), depth, String::new()));
                    }
                    _ => {}
                }
            }
            Event::Text(ref t) => {
                if let Some((_, _, buf)) = capture.as_mut() {
                    let raw = text_of(piece, t.as_ref());
                    let v = quick_xml::escape::unescape(&raw).map_err(|err| {
                        error_at(
                            path,
                            content,
                            start,
                            format!("{err} (only the predefined XML entities and character references are decoded; DTD entities are never expanded)"),
                        )
                    })?;
                    buf.push_str(&v);
                } else if depth == 0 && !t.iter().all(u8::is_ascii_whitespace) {
                    return Err(error_at(
                        path,
                        content,
                        start,
                        "text outside the root element",
                    ));
                }
            }
            Event::CData(ref t) => {
                if let Some((_, _, buf)) = capture.as_mut() {
                    buf.push_str(&String::from_utf8_lossy(t.as_ref()));
                }
            }
            Event::End(ref e) => {
                let name = e.name();
                match open.pop() {
                    Some(opened) if opened == name.as_ref() => spare.push(opened),
                    opened => {
                        let expected = opened.map(|o| String::from_utf8_lossy(&o).into_owned());
                        return Err(error_at(
                            path,
                            content,
                            start,
                            format!(
                                "malformed XML: expected `</{}>`, found `</{}>`",
                                expected.unwrap_or_default(),
                                String::from_utf8_lossy(name.as_ref())
                            ),
                        ));
                    }
                }
                let lname = local(name.as_ref());
                if let Some(d) = capture.as_ref().map(|c| c.1) {
                    if d == depth {
                        if let Some((kind, _, text)) = capture.take() {
                            store(
                                path,
                                kind,
                                clean(text),
                                &mut || lines.at(start),
                                &mut concept,
                                &mut lang,
                                &mut term,
                                &mut warnings,
                            );
                        }
                    }
                    depth -= 1;
                    continue;
                }
                depth = depth.saturating_sub(1);
                match lname {
                    b"tig" | b"ntig" | b"termSec" => {
                        if let (Some(mut t), Some(l)) = (term.take(), lang.as_mut()) {
                            if t.line == 0 {
                                t.line = lines.back_at(term_at);
                            }
                            l.terms.push(t);
                        }
                    }
                    b"langSet" | b"langSec" => {
                        if let (Some(l), Some(c)) = (lang.take(), concept.as_mut()) {
                            c.langs.push(l);
                        }
                    }
                    b"termEntry" | b"conceptEntry" => {
                        if let Some(c) = concept.take() {
                            sink.concept(c);
                        }
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }
    let open_concept = concept.is_some() || lang.is_some() || term.is_some() || capture.is_some();
    Ok(Parsed {
        version,
        root_lang,
        warnings,
        open,
        open_concept,
    })
}

/// File captured text at the innermost open level; `line` gives the line of the end of
/// its element (for a warning).
#[allow(clippy::too_many_arguments)]
fn store(
    path: &str,
    kind: Capture,
    text: String,
    line: &mut dyn FnMut() -> usize,
    concept: &mut Option<TbxConcept>,
    lang: &mut Option<TbxLangSection>,
    term: &mut Option<TbxTerm>,
    warnings: &mut Vec<InputError>,
) {
    match kind {
        Capture::Term => {
            if let Some(t) = term.as_mut() {
                t.text = text;
            }
        }
        Capture::Note => {
            if text.is_empty() {
                return;
            }
            if let Some(t) = term.as_mut() {
                t.notes.push(text);
            } else if let Some(l) = lang.as_mut() {
                l.notes.push(text);
            } else if let Some(c) = concept.as_mut() {
                c.notes.push(text);
            }
        }
        Capture::Category(cat) => {
            let opt = |text: String| (!text.is_empty()).then_some(text);
            match cat {
                Category::AdministrativeStatus | Category::NormativeAuthorization => {
                    if let Some(t) = term.as_mut() {
                        match TermStatus::parse(&text) {
                            Some(s) => t.status = s,
                            None => {
                                let cat = if cat == Category::AdministrativeStatus {
                                    "administrativeStatus"
                                } else {
                                    "normativeAuthorization"
                                };
                                warnings.push(InputError::at(
                                    path,
                                    line(),
                                    None,
                                    format!(
                                        "unknown {cat} value `{text}`: the term is taken as admitted"
                                    ),
                                ))
                            }
                        }
                    }
                }
                Category::TermType => {
                    if let Some(t) = term.as_mut() {
                        t.term_type = opt(text);
                    }
                }
                Category::PartOfSpeech => {
                    if let Some(t) = term.as_mut() {
                        t.pos = opt(text);
                    }
                }
                Category::Case => {
                    if let Some(t) = term.as_mut() {
                        t.case = opt(text);
                    }
                }
                Category::Match => {
                    if let Some(t) = term.as_mut() {
                        t.match_mode = opt(text);
                    }
                }
                Category::Definition => {
                    let Some(d) = opt(text) else { return };
                    if let Some(l) = lang.as_mut() {
                        l.definitions.push(d);
                    } else if let Some(c) = concept.as_mut() {
                        c.definitions.push(d);
                    }
                }
                Category::SubjectField => {
                    if let Some(c) = concept.as_mut() {
                        if c.subject_field.is_none() {
                            c.subject_field = opt(text);
                        }
                    }
                }
                Category::Other => {}
            }
        }
    }
}

/// How well a glossary language tag fits a requested language: 3 exact, 2 same language
/// with a compatible script or region (zh-CN ~ zh-Hans), 1 same primary subtag, 0 none.
fn fit(have: &Lang, want: &Lang) -> u8 {
    if have == want {
        return 3;
    }
    if have.primary() != want.primary() {
        return 0;
    }
    let family = |l: &Lang| -> Option<bool> {
        if !l.is_chinese() || l.tag() == l.primary() {
            return None;
        }
        Some(l.is_traditional_chinese())
    };
    match (family(have), family(want)) {
        (Some(a), Some(b)) if a == b => 2,
        (Some(_), Some(_)) => 0,
        _ => 1,
    }
}

/// Why a concept gave no rows.
enum Skipped {
    /// Terms of the target language but none of the source language.
    NoSource,
    /// No approved term of the target language.
    NoTarget,
}

/// What one concept gives besides its rows: bad termlint values, or why it was skipped.
struct ConceptRows {
    bad_value: Vec<InputError>,
    skipped: Option<Skipped>,
    line: usize,
}

/// The rows one concept gives for the language pair whose sections `is_source` and
/// `is_target` pick (see [`TbxDocument::to_glossary`]), pushed onto `entries`.
fn concept_rows(
    c: &TbxConcept,
    path: &Arc<str>,
    is_source: &dyn Fn(&&TbxLangSection) -> bool,
    is_target: &dyn Fn(&&TbxLangSection) -> bool,
    entries: &mut Vec<TermEntry>,
) -> ConceptRows {
    let mut bad_value: Vec<InputError> = Vec::new();
    // The non-empty terms of the sections `pick` chooses.
    let terms_in = |pick: &dyn Fn(&&TbxLangSection) -> bool| -> Vec<&TbxTerm> {
        c.langs
            .iter()
            .filter(|l| pick(l))
            .flat_map(|l| &l.terms)
            .filter(|t| !t.text.is_empty())
            .collect()
    };
    let src_terms = terms_in(is_source);
    let tgt_terms = terms_in(is_target);
    let mut targets: Vec<String> = Vec::new();
    for pass in [true, false] {
        for t in &tgt_terms {
            let preferred = t.status == TermStatus::Preferred;
            if !t.status.is_forbidden() && preferred == pass && !targets.contains(&t.text) {
                targets.push(t.text.clone());
            }
        }
    }
    let mut forbidden: Vec<String> = Vec::new();
    for t in &tgt_terms {
        if t.status.is_forbidden() && !forbidden.contains(&t.text) && !targets.contains(&t.text) {
            forbidden.push(t.text.clone());
        }
    }
    let mut notes: Vec<String> = Vec::new();
    let mut definitions: Vec<String> = c.definitions.clone();
    for l in c.langs.iter().filter(|l| is_source(l) || is_target(l)) {
        definitions.extend(l.definitions.iter().cloned());
    }
    let mut push_note = |n: &String, notes: &mut Vec<String>| {
        if !notes.contains(n) {
            notes.push(n.clone());
        }
    };
    let concept_notes = |notes: &mut Vec<String>,
                         push: &mut dyn FnMut(&String, &mut Vec<String>)| {
        for l in c.langs.iter().filter(is_source) {
            for n in &l.notes {
                push(n, notes);
            }
        }
        for n in &c.notes {
            push(n, notes);
        }
        for l in c.langs.iter().filter(is_target) {
            for n in &l.notes {
                push(n, notes);
            }
        }
        for t in &tgt_terms {
            for n in &t.notes {
                push(n, notes);
            }
        }
    };
    definitions.dedup();
    let definition = (!definitions.is_empty()).then(|| definitions.join("; "));
    if src_terms.is_empty() {
        if forbidden.is_empty() {
            let skipped = (!tgt_terms.is_empty()).then_some(Skipped::NoSource);
            return ConceptRows {
                bad_value,
                skipped,
                line: c.line,
            };
        }
        concept_notes(&mut notes, &mut push_note);
        entries.push(TermEntry {
            source: String::new(),
            targets: targets.into_iter().take(1).collect(),
            forbidden,
            note: (!notes.is_empty()).then(|| notes.join("; ")),
            id: c.id.clone(),
            domain: c.subject_field.clone(),
            definition,
            origin: Origin {
                file: Arc::clone(path),
                line: c.line,
            },
            ..Default::default()
        });
        return ConceptRows {
            bad_value,
            skipped: None,
            line: c.line,
        };
    }
    if targets.is_empty() {
        let skipped = Some(Skipped::NoTarget);
        return ConceptRows {
            bad_value,
            skipped,
            line: c.line,
        };
    }
    // Synonyms without a concept id would otherwise become separate concepts.
    let distinct_sources = {
        let mut v: Vec<&str> = src_terms.iter().map(|t| t.text.as_str()).collect();
        v.sort_unstable();
        v.dedup();
        v.len()
    };
    let id =
        c.id.clone()
            .or_else(|| (distinct_sources > 1).then(|| format!("tbx-line-{}", c.line)));
    let mut seen: Vec<&str> = Vec::new();
    for t in &src_terms {
        if seen.contains(&t.text.as_str()) {
            continue;
        }
        seen.push(&t.text);
        let mut row_notes = Vec::new();
        for n in &t.notes {
            push_note(n, &mut row_notes);
        }
        concept_notes(&mut row_notes, &mut push_note);
        let case = match t.case.as_deref().map(str::to_ascii_lowercase).as_deref() {
            None | Some("") | Some("permissive") => CaseRule::Permissive,
            Some("sensitive") => CaseRule::Sensitive,
            Some("insensitive") => CaseRule::Insensitive,
            Some(other) => {
                bad_value.push(InputError::at(&**path, t.line, None, format!("unknown x-termlint-case value `{other}` (expected permissive, sensitive or insensitive)")));
                CaseRule::Permissive
            }
        };
        let match_mode = match t
            .match_mode
            .as_deref()
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            None | Some("") => MatchMode::Auto,
            Some("inflect") => MatchMode::Inflect,
            Some("exact") => MatchMode::Exact,
            Some(other) => {
                bad_value.push(InputError::at(
                    &**path,
                    t.line,
                    None,
                    format!("unknown x-termlint-match value `{other}` (expected inflect or exact)"),
                ));
                MatchMode::Auto
            }
        };
        entries.push(TermEntry {
            source: t.text.clone(),
            targets: targets.clone(),
            forbidden: forbidden.clone(),
            note: (!row_notes.is_empty()).then(|| row_notes.join("; ")),
            case,
            match_mode,
            id: id.clone(),
            pos: t
                .pos
                .clone()
                .or_else(|| tgt_terms.iter().find_map(|x| x.pos.clone())),
            domain: c.subject_field.clone(),
            origin: Origin {
                file: Arc::clone(path),
                line: t.line,
            },
            term_type: t.term_type.clone(),
            definition: definition.clone(),
        });
    }

    ConceptRows {
        bad_value,
        skipped: None,
        line: c.line,
    }
}

/// The languages of `tags` (as written; normalised, each once), the root's language
/// first if it is among them, then in order of first appearance.
fn languages_of<'a>(tags: impl Iterator<Item = &'a str>, root: Option<&str>) -> Vec<Lang> {
    let mut out: Vec<Lang> = Vec::new();
    // Every concept names the same few tags: parse each once.
    let mut seen: Vec<&str> = Vec::new();
    for tag in tags {
        if seen.contains(&tag) {
            continue;
        }
        seen.push(tag);
        if let Some(lang) = Lang::parse(tag) {
            if !out.contains(&lang) {
                out.push(lang);
            }
        }
    }
    if let Some(root) = root.and_then(Lang::parse) {
        if let Some(i) = out.iter().position(|l| *l == root) {
            let r = out.remove(i);
            out.insert(0, r);
        }
    }
    out
}

/// Choose the (source, target) language pair among `langs` (see [`Glossary::load_for`]);
/// `root` is the root element's `xml:lang`.
fn pair_for(
    path: &str,
    langs: &[Lang],
    root: Option<&str>,
    source: Option<&Lang>,
    target: Option<&Lang>,
) -> Result<(Lang, Lang), InputError> {
    let list = || {
        langs
            .iter()
            .map(|l| l.tag().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    // A language asked for may also be the root's `xml:lang` without terms: a file of
    // target-only rules, as `glossary convert` writes it (found by fuzzing).
    let root = root.and_then(Lang::parse);
    let best = |want: &Lang, not: Option<&Lang>| -> Option<Lang> {
        langs
            .iter()
            .chain(root.iter())
            .filter(|l| Some(*l) != not)
            .map(|l| (fit(l, want), l))
            .filter(|(f, _)| *f > 0)
            .max_by_key(|(f, _)| *f)
            .map(|(_, l)| l.clone())
    };
    let pick = |want: Option<&Lang>, not: Option<&Lang>, flag: &str| -> Result<Lang, InputError> {
        match want {
            Some(w) => best(w, not).ok_or_else(|| {
                InputError::file(
                    path,
                    format!(
                        "no language of this TBX ({}) matches {flag} {}",
                        list(),
                        w.tag()
                    ),
                )
            }),
            None => langs
                .iter()
                .find(|l| Some(*l) != not && not.map_or(true, |n| n.primary() != l.primary()))
                .or_else(|| langs.iter().find(|l| Some(*l) != not))
                .cloned()
                .ok_or_else(|| {
                    InputError::file(
                        path,
                        if langs.is_empty() {
                            "this TBX has no terms".to_string()
                        } else {
                            format!("this TBX has only one language ({}): a glossary needs a source and a target language", list())
                        },
                    )
                }),
        }
    };
    match (source, target) {
        (_, Some(t)) if source.is_none() => {
            let tl = pick(Some(t), None, "--target-lang")?;
            let sl = pick(None, Some(&tl), "--source-lang")?;
            Ok((sl, tl))
        }
        _ => {
            let sl = pick(source, None, "--source-lang")?;
            let tl = pick(target, Some(&sl), "--target-lang")?;
            Ok((sl, tl))
        }
    }
}

/// Whether a language section tagged `tag` is of the source and of the target language
/// of `pair`.
fn role_of(tag: &str, (sl, tl): &(Lang, Lang)) -> (bool, bool) {
    let lang = Lang::parse(tag);
    (lang.as_ref() == Some(sl), lang.as_ref() == Some(tl))
}

/// Rows gathered concept by concept, in file order.
#[derive(Default)]
struct RowTally {
    entries: Vec<TermEntry>,
    /// The first bad termlint value (`x-termlint-case`...).
    bad_value: Option<InputError>,
    /// Concepts skipped for want of a source term: (count, line of the first).
    no_source: (usize, usize),
    /// Concepts skipped for want of an approved target term.
    no_target: (usize, usize),
}

impl RowTally {
    /// Add one concept's outcome (its rows are pushed onto `entries` already).
    fn add(&mut self, o: ConceptRows) {
        if self.bad_value.is_none() {
            self.bad_value = o.bad_value.into_iter().next();
        }
        let count = match o.skipped {
            None => return,
            Some(Skipped::NoSource) => &mut self.no_source,
            Some(Skipped::NoTarget) => &mut self.no_target,
        };
        count.0 += 1;
        if count.1 == 0 {
            count.1 = o.line;
        }
    }

    /// These rows followed by `next`'s.
    fn join(&mut self, next: RowTally) {
        self.entries.extend(next.entries);
        if self.bad_value.is_none() {
            self.bad_value = next.bad_value;
        }
        for (mine, theirs) in [
            (&mut self.no_source, next.no_source),
            (&mut self.no_target, next.no_target),
        ] {
            if mine.0 == 0 {
                mine.1 = theirs.1;
            }
            mine.0 += theirs.0;
        }
    }

    /// The glossary, or the first bad value; a warning for each kind of skipped concept
    /// follows the reading `warnings`.
    fn into_glossary(
        self,
        path: &str,
        mut warnings: Vec<InputError>,
        (sl, tl): &(Lang, Lang),
    ) -> Result<Glossary, InputError> {
        if let Some(e) = self.bad_value {
            return Err(e);
        }
        let (no_source, no_target) = (self.no_source, self.no_target);
        if no_source.0 > 0 {
            warnings.push(InputError::at(
                path,
                no_source.1,
                None,
                format!(
                    "{} concept{} with {} terms but no {} term skipped (the first here)",
                    no_source.0,
                    if no_source.0 == 1 { "" } else { "s" },
                    tl.tag(),
                    sl.tag()
                ),
            ));
        }
        if no_target.0 > 0 {
            warnings.push(InputError::at(
                path,
                no_target.1,
                None,
                format!(
                    "{} concept{} with {} terms but no approved {} term skipped (the first here)",
                    no_target.0,
                    if no_target.0 == 1 { "" } else { "s" },
                    sl.tag(),
                    tl.tag()
                ),
            ));
        }
        Ok(Glossary {
            path: path.to_string(),
            entries: self.entries,
            warnings,
        })
    }
}

/// Fewer bytes of TBX than a row takes at the least (a concept of one short term in each of
/// two languages, without spaces, takes some 130; another source term adds some 25).
const ROW_MIN_BYTES: usize = 96;

/// Concepts turned into rows as they are read (see [`read_glossary`]).
struct RowSink<'a> {
    path: Arc<str>,
    pair: &'a (Lang, Lang),
    /// Each language tag seen, in order of first appearance, with whether it is of the
    /// source and of the target language.
    roles: Vec<(String, (bool, bool))>,
    /// Concept ids with their lines.
    ids: Vec<(String, usize)>,
    tally: RowTally,
}

impl<'a> RowSink<'a> {
    /// A sink for a piece followed by `rest` bytes of TBX (its own included).
    fn new(path: &str, pair: &'a (Lang, Lang), rest: usize) -> Self {
        RowSink {
            path: Arc::from(path),
            pair,
            roles: Vec::new(),
            ids: Vec::new(),
            tally: RowTally {
                // A row takes at least 100-odd bytes of TBX: room for all the rows of
                // the piece and of the pieces joined to it (pages of the reservation
                // not used are never touched), not a copy of them all at every doubling.
                entries: Vec::with_capacity(rest / ROW_MIN_BYTES),
                ..Default::default()
            },
        }
    }
}

/// The role in `roles` of language section `l`.
fn role(roles: &[(String, (bool, bool))], l: &TbxLangSection) -> (bool, bool) {
    roles
        .iter()
        .find(|(tag, _)| *tag == l.lang)
        .map_or((false, false), |(_, role)| *role)
}

impl Sink for RowSink<'_> {
    fn concept(&mut self, mut c: TbxConcept) {
        for l in &c.langs {
            if !self.roles.iter().any(|(tag, _)| *tag == l.lang) {
                self.roles
                    .push((l.lang.clone(), role_of(&l.lang, self.pair)));
            }
        }
        let roles = &self.roles;
        let is_source = |l: &&TbxLangSection| role(roles, l).0;
        let is_target = |l: &&TbxLangSection| role(roles, l).1;
        let rows = concept_rows(
            &c,
            &self.path,
            &is_source,
            &is_target,
            &mut self.tally.entries,
        );
        self.tally.add(rows);
        if let Some(id) = c.id.take() {
            self.ids.push((id, c.line));
        }
    }

    fn join(&mut self, next: Self) {
        for (tag, role) in next.roles {
            if !self.roles.iter().any(|(t, _)| *t == tag) {
                self.roles.push((tag, role));
            }
        }
        self.ids.extend(next.ids);
        self.tally.join(next.tally);
    }
}

impl TbxDocument {
    /// The languages of the file (normalised tags), the root's `xml:lang` first if it has
    /// terms, then in order of first appearance.
    pub fn languages(&self) -> Vec<Lang> {
        let tags = self
            .concepts
            .iter()
            .flat_map(|c| c.langs.iter().map(|l| l.lang.as_str()));
        languages_of(tags, self.root_lang.as_deref())
    }

    /// Choose the (source, target) language pair for a run (see [`Glossary::load_for`]).
    pub fn language_pair(
        &self,
        path: &str,
        source: Option<&Lang>,
        target: Option<&Lang>,
    ) -> Result<(Lang, Lang), InputError> {
        pair_for(
            path,
            &self.languages(),
            self.root_lang.as_deref(),
            source,
            target,
        )
    }

    /// Glossary rows for the language pair chosen from `source`/`target` (see
    /// [`Glossary::load_for`]): one row per source term of a concept, each with the
    /// concept's approved renderings (preferred first) and forbidden ones. A concept with
    /// no source term but forbidden renderings is a target-only rule; concepts without a
    /// source term otherwise, or without an approved rendering, are skipped (counted in
    /// one warning each).
    pub fn to_glossary(
        &self,
        path: &str,
        source: Option<&Lang>,
        target: Option<&Lang>,
    ) -> Result<Glossary, InputError> {
        let pair = self.language_pair(path, source, target)?;
        // Which language sections are of the source and of the target language, by tag:
        // every concept names the same few tags, parsed once here.
        let mut roles: HashMap<&str, (bool, bool)> = HashMap::new();
        for c in &self.concepts {
            for l in &c.langs {
                roles
                    .entry(&l.lang)
                    .or_insert_with(|| role_of(&l.lang, &pair));
            }
        }
        let is_source = |l: &&TbxLangSection| roles.get(l.lang.as_str()).is_some_and(|r| r.0);
        let is_target = |l: &&TbxLangSection| roles.get(l.lang.as_str()).is_some_and(|r| r.1);
        // Each concept on its own (on all cores), then gathered in file order.
        let shared_path: Arc<str> = Arc::from(path);
        let outcomes: Vec<(Vec<TermEntry>, ConceptRows)> = self
            .concepts
            .par_iter()
            .map(|c| {
                let mut entries = Vec::new();
                let o = concept_rows(c, &shared_path, &is_source, &is_target, &mut entries);
                (entries, o)
            })
            .collect();
        let mut tally = RowTally {
            entries: Vec::with_capacity(outcomes.iter().map(|o| o.0.len()).sum()),
            ..Default::default()
        };
        for (entries, o) in outcomes {
            tally.entries.extend(entries);
            tally.add(o);
        }
        tally.into_glossary(path, self.warnings.clone(), &pair)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> String {
        let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/tbx")
            .join(name);
        std::fs::read_to_string(p).unwrap()
    }

    fn lang(s: &str) -> Lang {
        Lang::parse(s).unwrap()
    }

    #[test]
    fn reads_tbx_basic_v2() {
        let doc = parse_str("g.tbx", &fixture("basic-v2.tbx")).unwrap();
        assert_eq!(doc.version, TbxVersion::V2);
        assert_eq!(doc.concepts.len(), 4);
        let langs: Vec<String> = doc
            .languages()
            .iter()
            .map(|l| l.tag().to_string())
            .collect();
        assert_eq!(langs, ["en", "zh-CN", "de"]);
        let g = doc.to_glossary("g.tbx", None, None).unwrap();
        let commit = &g.entries[0];
        assert_eq!(commit.source, "commit");
        assert_eq!(commit.targets, ["提交"]);
        assert_eq!(commit.forbidden, ["承诺"]);
        assert_eq!(commit.id.as_deref(), Some("c-commit"));
        assert_eq!(commit.pos.as_deref(), Some("noun"));
        assert_eq!(commit.domain.as_deref(), Some("version control"));
        assert_eq!(
            commit.note.as_deref(),
            Some("git sense; wrong sense (promise)")
        );
        assert_eq!(
            commit.definition.as_deref(),
            Some("A snapshot of the project recorded in its history.")
        );
        assert_eq!(commit.origin.line, 17);
        // ntig > termGrp > term, synonyms share the concept; superseded is forbidden.
        let wt: Vec<&TermEntry> = g
            .entries
            .iter()
            .filter(|e| e.id.as_deref() == Some("c-worktree"))
            .collect();
        assert_eq!(wt.len(), 2);
        assert_eq!(wt[0].source, "working tree");
        assert_eq!(wt[0].term_type.as_deref(), Some("fullForm"));
        assert_eq!(wt[1].source, "worktree");
        assert_eq!(wt[0].targets, ["工作区"]);
        assert_eq!(wt[0].forbidden, ["工作树"]);
        let head = g.entries.iter().find(|e| e.source == "HEAD").unwrap();
        assert_eq!(head.case, CaseRule::Sensitive);
        assert_eq!(head.match_mode, MatchMode::Exact);
        assert!(head.is_do_not_translate());
        // Concepts without a term in either language are left out silently.
        assert_eq!(g.entries.len(), 4);
        assert!(g.warnings.is_empty(), "{:?}", g.warnings);
        // Another pair: en -> de; the German-only concept is skipped with one warning.
        let g = doc.to_glossary("g.tbx", None, Some(&lang("de"))).unwrap();
        assert!(
            g.warnings.iter().any(|w| w.message.contains("no en term")),
            "{:?}",
            g.warnings
        );
        assert_eq!(g.entries[0].targets, ["Commit"]);
    }

    #[test]
    fn reads_tbx_v3_dca_and_dct_alike() {
        for name in ["basic-v3-dca.tbx", "basic-v3-dct.tbx"] {
            let doc = parse_str(name, &fixture(name)).unwrap();
            assert_eq!(doc.version, TbxVersion::V3);
            let g = doc
                .to_glossary(name, Some(&lang("zh-Hans")), Some(&lang("en-US")))
                .unwrap();
            let host = &g.entries[0];
            assert_eq!(host.source, "主机", "{name}");
            assert_eq!(host.targets, ["host"], "{name}");
            assert_eq!(host.forbidden, ["mainframe"], "{name}");
            assert_eq!(host.domain.as_deref(), Some("networking"), "{name}");
            assert_eq!(host.pos.as_deref(), Some("noun"), "{name}");
            assert_eq!(
                host.definition.as_deref(),
                Some("A computer connected to a network."),
                "{name}"
            );
            let cia = &g.entries[1];
            // Preferred first, whatever the file order.
            assert_eq!(
                cia.targets,
                ["Central Intelligence Agency", "CIA"],
                "{name}"
            );
        }
        let doc = parse_str("g.tbx", &fixture("basic-v3-dca.tbx")).unwrap();
        // Run from zh to en: the target-only concept c3 becomes a target-only rule.
        let g = doc.to_glossary("g.tbx", Some(&lang("zh")), None).unwrap();
        let rule = g.entries.iter().find(|e| e.source.is_empty()).unwrap();
        assert_eq!(rule.targets, ["in terms of"]);
        assert_eq!(rule.forbidden, ["in term of"]);
        assert_eq!(rule.note.as_deref(), Some("target-only rule"));
    }

    /// [`attr`] before its fast path: every attribute read with the check for repeated
    /// ones, the value decoded from bytes.
    fn attr_reference(
        path: &str,
        content: &str,
        e: &BytesStart<'_>,
        at: usize,
        want: &[&[u8]],
    ) -> Result<Option<String>, InputError> {
        for a in e.attributes() {
            let a = a.map_err(|err| {
                error_at(path, content, at, format!("malformed attribute: {err}"))
            })?;
            if want.contains(&a.key.as_ref()) {
                let raw = String::from_utf8_lossy(&a.value);
                let v = quick_xml::escape::unescape(&raw).map_err(|err| {
                    error_at(
                        path,
                        content,
                        at,
                        format!("bad attribute value: {err} (DTD entities are not expanded)"),
                    )
                })?;
                return Ok(Some(v.into_owned()));
            }
        }
        Ok(None)
    }

    /// The attribute read of every start tag of `xml`, by [`attr`] and by
    /// [`attr_reference`].
    fn attrs_both_ways(xml: &str) -> Vec<(String, String)> {
        let mut reader = Reader::from_str(xml);
        let mut out = Vec::new();
        loop {
            match reader.read_event() {
                Ok(Event::Start(e)) | Ok(Event::Empty(e)) => {
                    for want in [&[b"xml:lang".as_slice(), b"lang"][..], &[b"id"], &[b"type"]] {
                        let fast =
                            attr("g.tbx", xml, xml, &e, 0, want).map(|v| v.map(Cow::into_owned));
                        let slow = attr_reference("g.tbx", xml, &e, 0, want);
                        out.push((format!("{fast:?}"), format!("{slow:?}")));
                    }
                }
                Ok(Event::Eof) | Err(_) => break,
                _ => {}
            }
        }
        out
    }

    #[test]
    fn attributes_read_as_before() {
        for xml in [
            "<a xml:lang=\"en\" id='x&amp;y' type=\"t\"/>",
            "<a id=\"1\" id=\"2\" type=\"t\"/>",
            "<a type=\"t\" type=\"u\"/>",
            "<a x=\"1\" x=\"2\" lang=\"de\"/>",
            "<a/>",
            "<a other=\"1\"/>",
            "<a id=\"&bogus;\"/>",
            "<a type=\"&#x4e2d;&lt;\"/>",
            "<a id=x/>",
            "<a id/>",
            "<a id=\"1\" lang/>",
            "<a\r\n  xml:lang=\"zh\"\r\n  id=\"主机\"/>",
        ] {
            for (fast, slow) in attrs_both_ways(xml) {
                assert_eq!(fast, slow, "{xml}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn attributes_read_as_before_on_any_tag(
            attrs in proptest::collection::vec(
                ("(id|type|lang|xml:lang|x)", "[a-z&;#0-9 \"'<]{0,6}", "[\"']"),
                0..4,
            )
        ) {
            let mut xml = String::from("<a");
            for (k, v, q) in &attrs {
                xml.push_str(&format!(" {k}={q}{v}{q}"));
            }
            xml.push_str("/>");
            for (fast, slow) in attrs_both_ways(&xml) {
                proptest::prop_assert_eq!(fast, slow, "{}", xml);
            }
        }

        #[test]
        fn tidy_by_bytes_agrees_with_chars(s in "[a 主\t\n\r\u{b}\u{c}\u{85}\u{a0}\u{1680}\u{2000}\u{200a}\u{200b}\u{2028}\u{202f}\u{205f}\u{3000}\u{3001}\u{1c}é—]{0,8}") {
            proptest::prop_assert_eq!(is_tidy(&s), is_tidy_by_chars(&s), "{:?}", s);
        }

        #[test]
        fn status_fast_path_agrees(v in "(preferred|admitted|deprecated|superseded|notRecommended|obsolete|standardized|Preferred)(Term)?(-admn-sts)?( )?") {
            proptest::prop_assert_eq!(TermStatus::parse(&v), TermStatus::parse_any(&v));
        }

        #[test]
        fn line_counts_forward_and_back(text in "[a\r\n]{0,200}", offsets in proptest::collection::vec(0usize..220, 1..12)) {
            let bytes = text.as_bytes();
            let line_of = |o: usize| 1 + bytes[..o.min(bytes.len())].iter().filter(|&&b| b == b'\n').count();
            let mut lines = Lines { content: bytes, pos: 0, line: 1 };
            let mut furthest = 0;
            for &o in &offsets {
                if o >= furthest {
                    proptest::prop_assert_eq!(lines.at(o), line_of(o));
                    furthest = o;
                } else {
                    proptest::prop_assert_eq!(lines.back_at(o), line_of(o));
                }
            }
        }
    }

    #[test]
    fn status_spellings_agree_with_the_general_parse() {
        for v in [
            "preferredTerm-admn-sts",
            "admittedTerm-admn-sts",
            "deprecatedTerm-admn-sts",
            "supersededTerm-admn-sts",
            "preferred",
            "admitted",
            "deprecated",
            "superseded",
            "notRecommended",
            "obsolete",
        ] {
            assert_eq!(TermStatus::parse(v), TermStatus::parse_any(v), "{v}");
            assert!(TermStatus::parse(v).is_some(), "{v}");
        }
    }

    /// Lines of concepts, sections, terms (a term section without <term> at its own),
    /// warnings and errors, with CRLF line ends and tags, text and attributes over
    /// several lines.
    #[test]
    fn lines_across_crlf_and_multi_line_elements() {
        let src = [
            "<?xml version=\"1.0\"?>",
            "<martif type=\"TBX-Basic\"",
            "  xml:lang=\"en\">",
            "<text><body>",
            "<termEntry",
            " id=\"c1\">",
            "<langSet xml:lang=\"en\"><tig>",
            "<term>remote",
            " host</term>",
            "<termNote type=\"administrativeStatus\">",
            "bogus</termNote>",
            "</tig></langSet>",
            "<langSet xml:lang=\"zh\">",
            "<tig><termNote type=\"administrativeStatus\">preferredTerm-admn-sts</termNote></tig>",
            "<ntig>",
            "<termGrp><term>远程主机</term></termGrp></ntig>",
            "</langSet>",
            "</termEntry>",
            "<termEntry id=\"c1\"><langSet xml:lang=\"en\"><tig><term>x</term></tig></langSet></termEntry>",
            "</body></text></martif>",
            "",
        ]
        .join("\r\n");
        let doc = parse_str("g.tbx", &src).unwrap();
        let c = &doc.concepts[0];
        assert_eq!(c.line, 5);
        assert_eq!((c.langs[0].line, c.langs[1].line), (7, 13));
        let t = &c.langs[0].terms[0];
        assert_eq!((t.text.as_str(), t.line), ("remote host", 8));
        let zh: Vec<(&str, usize)> = c.langs[1]
            .terms
            .iter()
            .map(|t| (t.text.as_str(), t.line))
            .collect();
        assert_eq!(zh, [("", 14), ("远程主机", 16)]);
        assert_eq!(doc.concepts[1].line, 19);
        let warned: Vec<(Option<usize>, &str)> = doc
            .warnings
            .iter()
            .map(|w| (w.line, w.message.as_str()))
            .collect();
        assert_eq!(
            warned,
            [
                (
                    Some(11),
                    "unknown administrativeStatus value `bogus`: the term is taken as admitted"
                ),
                (
                    Some(19),
                    "duplicate concept id `c1` (first at line 5): both entries are read as one concept"
                ),
            ]
        );
        let g = read_glossary("g.tbx", src.as_bytes().to_vec(), None, None).unwrap();
        assert_eq!(g.entries[0].origin.line, 8);
        assert_eq!(g.warnings[0].line, Some(11));
        // The same lines read in two pieces, and the same errors.
        let entry = &src[src.find("<termEntry").unwrap()..src.rfind("</termEntry>").unwrap() + 12];
        let mut big_src = src.replace(entry, "");
        let at = big_src.find("</body>").unwrap();
        let many: String = (0..6000)
            .map(|i| entry.replace("c1", &format!("c{i}")) + "\r\n")
            .collect();
        big_src.insert_str(at, &many);
        assert!(in_two_pieces("g.tbx", &big_src, &|_| Vec::<TbxConcept>::new()).is_some());
        let pieces = parse_str("g.tbx", &big_src).unwrap();
        assert!(pieces.concepts == whole(&big_src).unwrap().concepts);
        // Two concepts of 15 lines a copy, the first copy from line 6.
        let last = &pieces.concepts[2 * 5999];
        let first_line = 6 + 15 * 5999;
        assert_eq!(last.line, first_line);
        let zh: Vec<usize> = last.langs[1].terms.iter().map(|t| t.line).collect();
        assert_eq!(zh, [first_line + 9, first_line + 11]);
        assert_eq!(pieces.concepts[2 * 5999 + 1].line, first_line + 14);
        let e = parse_str("g.tbx", "<martif>\r\n<text>\r\n<body>\r\n</text></martif>").unwrap_err();
        assert_eq!(e.line, Some(4), "{e}");
    }

    #[test]
    fn statuses() {
        for (v, s) in [
            ("preferredTerm-admn-sts", TermStatus::Preferred),
            ("admittedTerm-admn-sts", TermStatus::Admitted),
            ("deprecatedTerm-admn-sts", TermStatus::Deprecated),
            ("supersededTerm-admn-sts", TermStatus::Superseded),
            ("preferred", TermStatus::Preferred),
            ("notRecommended", TermStatus::NotRecommended),
            ("obsolete", TermStatus::Obsolete),
            ("standardizedTerm", TermStatus::Admitted),
        ] {
            assert_eq!(TermStatus::parse(v), Some(s), "{v}");
        }
        assert_eq!(TermStatus::parse("maybe"), None);
        assert!(TermStatus::Superseded.is_forbidden() && !TermStatus::Admitted.is_forbidden());
    }

    #[test]
    fn refuses_entities_and_ignores_external_dtd() {
        let src = "<?xml version=\"1.0\"?>\n<!DOCTYPE martif [\n<!ENTITY x \"boom\">\n]>\n<martif><text><body/></text></martif>";
        let e = parse_str("g.tbx", src).unwrap_err();
        assert!(e.message.contains("entity"), "{e}");
        assert_eq!(e.line, Some(2));
        let src = "<?xml version=\"1.0\"?>\n<!DOCTYPE martif SYSTEM \"http://example.invalid/TBXcoreStructV02.dtd\">\n<martif xml:lang=\"en\"><text><body>\n<termEntry><langSet xml:lang=\"en\"><tig><term>a&amp;b</term></tig></langSet><langSet xml:lang=\"fr\"><tig><term>x</term></tig></langSet></termEntry>\n</body></text></martif>";
        let doc = parse_str("g.tbx", src).unwrap();
        assert_eq!(doc.concepts[0].langs[0].terms[0].text, "a&b");
        // An undeclared entity is an error with its line.
        let src = "<martif><text><body>\n<termEntry><langSet xml:lang=\"en\"><tig><term>&lol9;</term></tig></langSet></termEntry></body></text></martif>";
        let e = parse_str("g.tbx", src).unwrap_err();
        assert_eq!(e.line, Some(2), "{e}");
    }

    /// A file of `n` copies of the concepts of a fixture, with `middle` put between two
    /// of them halfway through.
    /// Rows read concept by concept equal the rows of the whole document, for every
    /// language choice, in one piece and in two, and where the `xml:lang` values of the
    /// file suggest another pair than its language sections give.
    #[test]
    fn streamed_rows_equal_document_rows() {
        let show = |g: Result<Glossary, InputError>| format!("{g:?}");
        let choices: [(Option<&str>, Option<&str>); 6] = [
            (None, None),
            (Some("en"), Some("zh")),
            (Some("zh"), Some("en")),
            (None, Some("en")),
            (Some("de"), None),
            (Some("en"), Some("zh-TW")),
        ];
        let mut texts: Vec<(String, String)> = Vec::new();
        for name in ["basic-v2.tbx", "basic-v3-dca.tbx", "basic-v3-dct.tbx"] {
            texts.push((name.to_string(), fixture(name)));
            texts.push((format!("{name} big"), big(name, 8000, "")));
            // A note in another language naming a tag no section has: the guessed pair
            // (from every `xml:lang`) may differ from the real one.
            let body = if fixture(name).contains("<body>") {
                "<body>"
            } else {
                "<text>"
            };
            texts.push((
                format!("{name} odd xml:lang"),
                fixture(name).replacen(body, &format!("{body}<!-- xml:lang=\"fr\" -->"), 1),
            ));
        }
        for (label, text) in &texts {
            for (source, target) in choices {
                let (source, target) = (source.map(lang), target.map(lang));
                let streamed = read_glossary(
                    "g.tbx",
                    text.as_bytes().to_vec(),
                    source.as_ref(),
                    target.as_ref(),
                );
                let whole = parse_str("g.tbx", text)
                    .and_then(|d| d.to_glossary("g.tbx", source.as_ref(), target.as_ref()));
                assert_eq!(show(streamed), show(whole), "{label} {source:?} {target:?}");
            }
        }
    }

    fn big(fixture_name: &str, n: usize, middle: &str) -> String {
        let text = fixture(fixture_name);
        let (open, close) = if text.contains("<termEntry") {
            ("<termEntry", "</termEntry>")
        } else {
            ("<conceptEntry", "</conceptEntry>")
        };
        let first = text.find(open).unwrap();
        let last = text.rfind(close).unwrap() + close.len();
        let (head, entries, tail) = (&text[..first], &text[first..last], &text[last..]);
        let mut out = head.to_string();
        for i in 0..n {
            out.push_str(&entries.replace("id=\"", &format!("id=\"n{i}-")));
            out.push('\n');
            if i == n / 2 {
                out.push_str(middle);
            }
        }
        out.push_str(tail);
        out
    }

    fn whole(content: &str) -> Result<TbxDocument, InputError> {
        let mut concepts = Vec::new();
        let parsed = parse_piece(
            "g.tbx",
            content,
            0..content.len(),
            Vec::new(),
            None,
            &mut concepts,
        )?;
        let ids = concepts
            .iter()
            .filter_map(|c| c.id.as_deref().map(|id| (id, c.line)));
        let (version, root_lang, warnings) = parsed.finish("g.tbx", content, ids)?;
        Ok(TbxDocument {
            version,
            root_lang,
            concepts,
            warnings,
        })
    }

    #[test]
    fn clean_collapses_whitespace_and_keeps_tidy_text() {
        for (raw, want) in [
            ("host", "host"),
            ("remote host", "remote host"),
            ("  remote\n      host ", "remote host"),
            ("remote  host", "remote host"),
            ("remote\thost", "remote host"),
            ("远程\u{3000}主机", "远程 主机"),
            ("", ""),
        ] {
            assert_eq!(clean(raw.to_string()), want, "{raw:?}");
        }
    }

    #[test]
    fn reading_in_two_pieces_equals_reading_in_one() {
        for name in ["basic-v2.tbx", "basic-v3-dca.tbx", "basic-v3-dct.tbx"] {
            for middle in [
                "",
                // The split point found inside a comment or CDATA: read again in one piece.
                "<!-- <termEntry id=\"x\"> <conceptEntry id=\"y\"> -->\n",
                "<![CDATA[ <termEntry> <conceptEntry> ]]>",
                // Malformed: an element closed that the second piece never opened.
                "</wrong>",
                "</body>",
            ] {
                let content = big(name, 8000, middle);
                assert!(
                    content.len() >= PIECES_MIN_BYTES,
                    "{name}: {}",
                    content.len()
                );
                if middle.is_empty() {
                    assert!(
                        in_two_pieces("g.tbx", &content, &|_| Vec::<TbxConcept>::new()).is_some(),
                        "{name}: not split"
                    );
                }
                let pieces = parse_str("g.tbx", &content);
                let one = whole(&content);
                match (pieces, one) {
                    (Ok(a), Ok(b)) => {
                        assert_eq!(a.concepts.len(), b.concepts.len(), "{name} {middle:?}");
                        assert!(a.concepts == b.concepts, "{name} {middle:?}");
                        assert_eq!(a.warnings, b.warnings, "{name} {middle:?}");
                        assert_eq!(a.root_lang, b.root_lang);
                    }
                    (Err(a), Err(b)) => assert_eq!(a, b, "{name} {middle:?}"),
                    (a, b) => panic!("{name} {middle:?}: {:?} / {:?}", a.err(), b.err()),
                }
            }
        }
    }

    #[test]
    fn malformed_input_names_the_line() {
        let e = parse_str("g.tbx", "<martif>\n<text>\n<body>\n</text></martif>").unwrap_err();
        assert_eq!(e.line, Some(4), "{e}");
        let e = parse_str("g.tbx", "<xliff/>").unwrap_err();
        assert!(e.message.contains("not a TBX file"), "{e}");
        let e = parse_str("g.tbx", "<martif><text><body><termEntry><langSet><tig><term>a</term></tig></langSet></termEntry></body></text></martif>").unwrap_err();
        assert!(e.message.contains("xml:lang"), "{e}");
        let doc = parse_str("g.tbx", "<martif xml:lang=\"en\"><text><body><termEntry><langSet xml:lang=\"en\"><tig><term>a</term></tig></langSet></termEntry></body></text></martif>").unwrap();
        let e = doc.to_glossary("g.tbx", None, None).unwrap_err();
        assert!(e.message.contains("only one language"), "{e}");
        let e = doc
            .to_glossary("g.tbx", Some(&lang("ja")), None)
            .unwrap_err();
        assert!(e.message.contains("--source-lang ja"), "{e}");
    }

    #[test]
    fn duplicate_concept_ids_are_one_concept_with_a_warning() {
        let src = "<martif xml:lang=\"en\"><text><body>\n<termEntry id=\"c1\"><langSet xml:lang=\"en\"><tig><term>host</term></tig></langSet><langSet xml:lang=\"zh\"><tig><term>主机</term></tig></langSet></termEntry>\n<termEntry id=\"c1\"><langSet xml:lang=\"en\"><tig><term>CIA</term></tig></langSet><langSet xml:lang=\"zh\"><tig><term>美国中央情报局</term></tig></langSet></termEntry>\n</body></text></martif>";
        let doc = parse_str("g.tbx", src).unwrap();
        assert_eq!(doc.warnings.len(), 1);
        let w = &doc.warnings[0];
        assert_eq!(w.line, Some(3));
        assert_eq!(
            w.message,
            "duplicate concept id `c1` (first at line 2): both entries are read as one concept"
        );
        let g = doc.to_glossary("g.tbx", None, None).unwrap();
        assert_eq!(g.warnings.len(), 1);
        let index = crate::glossary::TermIndex::build(&[g]);
        assert_eq!(index.concepts.len(), 1);
        assert_eq!(index.concepts[0].sources, ["host", "CIA"]);
    }

    /// Found by the tbx fuzz target: a glossary of target-only rules, written as TBX, has
    /// terms in the target language only; read back for the same pair, the source language
    /// is the root's `xml:lang`.
    #[test]
    fn target_only_glossaries_read_back_for_their_pair() {
        let g = Glossary::from_csv(
            "g.csv",
            "source,target,forbidden\n,in terms of,in term of\n".as_bytes(),
            false,
        )
        .unwrap();
        for version in [TbxVersion::V2, TbxVersion::V3] {
            let x = crate::glossary::write::to_tbx(
                &g.entries,
                &lang("zh-CN"),
                &lang("en"),
                version,
                false,
            );
            let doc = parse_str("g.tbx", &x).unwrap();
            let back = doc
                .to_glossary("g.tbx", Some(&lang("zh-CN")), Some(&lang("en")))
                .unwrap();
            assert_eq!(back.entries.len(), 1);
            assert_eq!(back.entries[0].targets, ["in terms of"]);
            assert_eq!(back.entries[0].forbidden, ["in term of"]);
        }
        // Not asked for, a language without terms is not chosen.
        let doc = parse_str("g.tbx", "<martif xml:lang=\"fr\"><text><body><termEntry><langSet xml:lang=\"en\"><tig><term>a</term></tig></langSet></termEntry></body></text></martif>").unwrap();
        let e = doc.to_glossary("g.tbx", None, None).unwrap_err();
        assert!(e.message.contains("only one language"), "{e}");
    }

    #[test]
    fn chinese_variants_fit_by_script() {
        assert_eq!(fit(&lang("zh-CN"), &lang("zh-Hans")), 2);
        assert_eq!(fit(&lang("zh-TW"), &lang("zh-Hans")), 0);
        assert_eq!(fit(&lang("zh"), &lang("zh-TW")), 1);
        assert_eq!(fit(&lang("en-GB"), &lang("en")), 1);
    }
}
