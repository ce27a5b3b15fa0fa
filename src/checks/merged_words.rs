//! `merged-words`: two words run together in English text (`computerservers`, `theUS`).
//!
//! Two heuristics, both scored against the embedded word list ([`crate::lang::words`]):
//! - a lower-case or capitalised token that is not a word but splits into two (or three)
//!   common words, none of them a prefix or suffix that forms closed words;
//! - a short function word glued to an acronym or a proper noun (`theUS`, `ofNATO`,
//!   `inChina`); other camelCase (`toString`, `iPhone`, `macOS`) is code or a brand.
//!
//! A token that resists both but is used once, and whose split the document writes as two
//! words elsewhere (`thisLicense` beside `this License`), is flagged whatever its shape.
//!
//! Words the user knows are words: the `words` option, glossary terms, tokens that occur in
//! the segment's source, and tokens that recur in the same document (a term used three times
//! is a term) or that the document also writes in camelCase (`Wikileaks` beside `WikiLeaks`).

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Mutex;

use super::{Check, Chunk, Fixable, Kept, RuleMeta, RunCtx, SegmentCtx, StreamedPass};
use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::lang::protect::{overlaps_protected, protected_spans};
use crate::lang::tokens::{shape, tokens, Shape};
use crate::lang::words::{self, WordSet};
use crate::segment::{Document, Segment, Side};

/// The `merged-words` rule.
pub static MERGED_WORDS: RuleMeta = RuleMeta {
    name: "merged-words",
    default_severity: Severity::Warning,
    summary: "two words run together in the target: `computerservers`, `theUS`",
    doc: "## What it does\n\
Flags a token of English text that is not a word but two (or three) words that lost the \
space between them: `computerservers` (`computer servers`), `tothe`, and a function word \
glued to an acronym or a proper noun: `theUS`, `ofNATO`, `inChina`.\n\n\
A token is a candidate only when it is not in the embedded English word list (about \
100,000 words with frequencies), not a word the user knows (the `words` option, glossary \
terms, a token of the segment's source) and not recurring in the document (a token used \
three times or more, or also written in camelCase elsewhere, is a term). Each half must be \
a common word (the shorter, the more common; beside a function word any word will do); a \
split after a productive prefix (`sub|folder`, `re|connect`), before a word-like suffix \
(`clock|wise`) or an ending (`checkpoint|ed`), or with a two-letter function word where \
slips do not put one (`grant|or`, `is|trip`) is not taken. Two code morphemes, or a short \
word beside one (`lockfile`, `keycode`), make a code name.\n\n\
An acronym glued to a common word is flagged too (`URLaddress`, `XMLfiles`). A token used \
once whose split the document writes as two words elsewhere is flagged whatever its shape \
(`thisLicense` beside `this License`, `FreeSoftware` beside `Free Software`, `filesize` \
beside `file size`); a token used twice is not a one-off slip.\n\n\
Left alone: URLs, e-mail addresses, paths, placeholders, code and `--options`, \
`file.ext`, tokens with digits (`10MB`), all-caps words, camelCase and brand shapes \
(`toString`, `iPhone`, `macOS`, `eBay`, `JavaScript`, `YouTube`), a single token in quotes, \
and tokens touching code punctuation (`a.b`, `f(`, `x_y`).\n\n\
## Why\n\
A space lost in editing is invisible to the eye and to most QA tools: \"52,000 \
computerservers\" and \"theUS and its NATO allies\" went to print in a published article.\n\n\
## Example\n\
`52,000 computerservers controlled by` -> `computer servers`\n\
`and theUS and its NATO allies` -> `the US`\n\n\
## Options\n\
`words = [\"filesystem\", \"keyring\"]` in `termlint.toml` adds words the project knows. \
Glossary terms count as known words too. The rule runs on English targets (declared, or \
detected when no language is given).\n\n\
## Fix safety\n\
Unsafe: the fix inserts the space, but a rare real word or a name may have been meant.",
    fixable: Fixable::Unsafe,
};

/// Occurrences in one document that make a token a term.
const RECURRING: u32 = 3;
/// Zipf score given to a part known only from the user, the glossary or the document.
const KNOWN_PART_ZIPF: u8 = 40;

/// Finds merged words.
pub struct MergedWords;

impl Check for MergedWords {
    fn uses_glossary(&self) -> bool {
        true
    }

    fn rules(&self) -> &'static [&'static RuleMeta] {
        static RULES: [&RuleMeta; 1] = [&MERGED_WORDS];
        &RULES
    }

    fn streamed_pass(&self, run: &RunCtx<'_>, docs: &[Document]) -> Option<Box<dyn StreamedPass>> {
        if !run.rules.enabled(MERGED_WORDS.name) {
            return None;
        }
        // Only English targets are checked: without one, the glossary's words (100k rows
        // of them) need not be collected.
        let english: Vec<Option<bool>> = docs
            .iter()
            .map(|d| d.target_lang.as_ref().map(|l| l.is_english()))
            .collect();
        if english.iter().all(|e| *e == Some(false)) {
            return None;
        }
        Some(Box::new(MergedPass {
            learning: docs.iter().map(|_| Mutex::default()).collect(),
            english,
            user: WordSet::default(),
            vocab: Vec::new(),
            apart: Vec::new(),
            waiting: HashMap::new(),
        }))
    }
}

/// The pass, in three sweeps. The first learns each document's vocabulary (and, for a
/// document without a target language, whether its target is English); the second
/// reports the merged tokens, and keeps the positions of the segments with tokens that
/// are merged only if the document writes them apart elsewhere ([`Pending`]) and the word
/// pairs that can say so; the third reports those confirmed.
///
/// Kept between sweeps: each document's vocabulary (its distinct tokens that the word
/// list does not know, as [`DocWords`]), 5000 bits per document for the English
/// detection, a segment's position for each segment with a pending token, and the pairs
/// of words written apart whose letters make one of the vocabulary's tokens.
struct MergedPass {
    /// Per document: English (`Some(true)`), not (`Some(false)`), to be detected (`None`,
    /// until the first sweep is over).
    english: Vec<Option<bool>>,
    /// Per document, during the first sweep: the vocabulary learnt so far (chunks add
    /// theirs in any order: counts and sets add up alike).
    learning: Vec<Mutex<Vocab>>,
    /// Words the user knows (after the first sweep, when a document is English).
    user: WordSet,
    /// Per document (after the first sweep): its vocabulary; empty for documents that
    /// are not English.
    vocab: Vec<DocWords>,
    /// Per document (after the second sweep): the pairs it writes apart.
    apart: Vec<WrittenApart>,
    /// After the second sweep: by chunk ordinal, the positions in the chunk of the
    /// segments with pending tokens.
    waiting: HashMap<usize, Vec<u32>>,
}

/// What the second sweep keeps of a chunk.
struct Waiting {
    doc: usize,
    ordinal: usize,
    /// Positions in the chunk of the segments with pending tokens.
    segments: Vec<u32>,
    /// Pairs written apart that may confirm one (see [`pairs_written_apart`]).
    pairs: WordSet,
}

impl MergedPass {
    /// The words `doc` knows (valid after the first sweep, for an English document).
    fn known(&self, doc: usize) -> Known<'_> {
        let words = &self.vocab[doc];
        Known {
            user: &self.user,
            doc: &words.recurring,
            repeated: &words.repeated,
            camel: &words.camel,
        }
    }
}

impl StreamedPass for MergedPass {
    fn sweeps(&self) -> usize {
        3
    }

    fn visit(
        &self,
        sweep: usize,
        chunk: &Chunk<'_>,
        run: &RunCtx<'_>,
        out: &mut Vec<Diagnostic>,
    ) -> Option<Kept> {
        let d = chunk.doc_index;
        let targets = || {
            chunk
                .segments
                .iter()
                .filter_map(|s| s.target.as_ref().map(|t| t.as_str()))
        };
        match sweep {
            0 => {
                if self.english[d] == Some(false) {
                    return None;
                }
                let mut vocab = Vocab::default();
                for text in targets() {
                    vocab.add_text(text);
                }
                self.learning[d]
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .merge(vocab);
                if self.english[d].is_some() {
                    return None;
                }
                let mut detect = Detect::default();
                for text in targets() {
                    if !detect.add_text(text) {
                        break;
                    }
                }
                Some(Box::new((d, detect)))
            }
            1 => {
                if self.english[d] != Some(true) {
                    return None;
                }
                let known = self.known(d);
                let tokens = &self.vocab[d].tokens;
                let mut segments = Vec::new();
                let mut pairs = WordSet::default();
                for (i, seg) in chunk.segments.iter().enumerate() {
                    let Some(target) = seg.target.as_ref() else {
                        continue;
                    };
                    let source = seg.source.as_ref().map(|s| s.as_str());
                    let (found, pending) = find_merged(target.as_str(), source, &known);
                    if !pending.is_empty() {
                        segments.push(i as u32);
                    }
                    report(chunk.doc, seg, found, run, out);
                    pairs_written_apart(target.as_str(), tokens, &mut pairs);
                }
                (!segments.is_empty() || !pairs.is_empty()).then(|| {
                    Box::new(Waiting {
                        doc: d,
                        ordinal: chunk.ordinal,
                        segments,
                        pairs,
                    }) as Kept
                })
            }
            _ => {
                let waiting = self.waiting.get(&chunk.ordinal)?;
                let known = self.known(d);
                for &i in waiting {
                    let seg = &chunk.segments[i as usize];
                    let Some(target) = seg.target.as_ref() else {
                        continue;
                    };
                    let source = seg.source.as_ref().map(|s| s.as_str());
                    let (_, pending) = find_merged(target.as_str(), source, &known);
                    let mut found: Vec<Merged> = pending
                        .into_iter()
                        .filter_map(|p| self.apart[d].confirm(p))
                        .collect();
                    found.sort_by_key(|m| m.range.start);
                    report(chunk.doc, seg, found, run, out);
                }
                None
            }
        }
    }

    fn after_sweep(
        &mut self,
        sweep: usize,
        _docs: &[Document],
        kept: Vec<Kept>,
        run: &RunCtx<'_>,
        _out: &mut Vec<Diagnostic>,
    ) {
        match sweep {
            0 => {
                let mut detects: Vec<Vec<Detect>> =
                    self.english.iter().map(|_| Vec::new()).collect();
                for k in kept {
                    let (d, detect) = *k.downcast::<(usize, Detect)>().expect("detection");
                    detects[d].push(detect);
                }
                for (english, detects) in self.english.iter_mut().zip(&detects) {
                    if english.is_none() {
                        *english = Some(Detect::english(detects));
                    }
                }
                let learning = std::mem::take(&mut self.learning);
                self.vocab = learning
                    .into_iter()
                    .zip(&self.english)
                    .map(|(vocab, english)| {
                        if *english == Some(true) {
                            vocab
                                .into_inner()
                                .unwrap_or_else(|e| e.into_inner())
                                .finish()
                        } else {
                            DocWords::default()
                        }
                    })
                    .collect();
                if self.english.contains(&Some(true)) {
                    self.user = user_words(run);
                }
            }
            1 => {
                self.apart = self
                    .english
                    .iter()
                    .map(|_| WrittenApart {
                        found: WordSet::default(),
                    })
                    .collect();
                for k in kept {
                    let w = *k.downcast::<Waiting>().expect("waiting segments");
                    self.apart[w.doc].found.extend(w.pairs);
                    if !w.segments.is_empty() {
                        self.waiting.insert(w.ordinal, w.segments);
                    }
                }
                // The tokens picked the pairs; the last sweep needs only the counts.
                for words in &mut self.vocab {
                    words.tokens = WordSet::default();
                }
            }
            _ => {}
        }
    }
}

/// Report `found` on the target of `seg`.
fn report(
    doc: &Document,
    seg: &Segment,
    found: Vec<Merged>,
    run: &RunCtx<'_>,
    out: &mut Vec<Diagnostic>,
) {
    if found.is_empty() {
        return;
    }
    let mut ctx = SegmentCtx::new(run, doc, seg, out);
    for m in found {
        let fix = ctx.fix(
            Side::Target,
            m.range.clone(),
            &m.split,
            Applicability::Unsafe,
        );
        if let Some(d) = ctx.report(&MERGED_WORDS, Side::Target, m.range, m.message) {
            d.suggestion = Some(m.split);
            d.fix = fix;
        }
    }
}

/// Tokens of a document's target read to tell whether it is English.
const DETECT_TOKENS: usize = 5000;

/// The first [`DETECT_TOKENS`] tokens of some target text: how many, and which are
/// English function words, a bit each.
#[derive(Default)]
struct Detect {
    seen: usize,
    function: Vec<u64>,
}

impl Detect {
    /// Read the tokens of `text`; false once [`DETECT_TOKENS`] are read.
    fn add_text(&mut self, text: &str) -> bool {
        for tok in tokens(text) {
            if self.seen >= DETECT_TOKENS {
                return false;
            }
            let w = &text[tok.range];
            if self.seen % 64 == 0 {
                self.function.push(0);
            }
            if w.len() <= 5 && words::is_function_word(&w.to_ascii_lowercase()) {
                if let Some(bits) = self.function.last_mut() {
                    *bits |= 1 << (self.seen % 64);
                }
            }
            self.seen += 1;
        }
        self.seen < DETECT_TOKENS
    }

    /// Function words among the first `n` tokens read.
    fn function_words(&self, n: usize) -> usize {
        let mut count = 0;
        for (k, bits) in self.function.iter().enumerate() {
            let start = k * 64;
            if start >= n {
                break;
            }
            let take = (n - start).min(64);
            let mask = if take == 64 {
                u64::MAX
            } else {
                (1u64 << take) - 1
            };
            count += (bits & mask).count_ones() as usize;
        }
        count
    }

    /// Whether the target whose chunks read `parts` (in order) is English: Latin text where
    /// English function words are frequent among the first [`DETECT_TOKENS`] tokens.
    fn english(parts: &[Detect]) -> bool {
        let mut total = 0usize;
        let mut function = 0usize;
        for p in parts {
            let take = p.seen.min(DETECT_TOKENS - total);
            function += p.function_words(take);
            total += take;
            if total >= DETECT_TOKENS {
                break;
            }
        }
        total >= 8 && function * 100 >= total * 15
    }
}

/// The pairs of words of `text` written apart (`file size`, a space or line break between
/// them) whose letters, lower-cased, make one of `tokens` (lower-case): as written and
/// lower-cased, added to `out`. Each pair that can confirm a [`Pending`] token of the
/// document is among them: the token is one of the document's tokens ([`DocWords::tokens`]).
fn pairs_written_apart(text: &str, tokens_of_doc: &WordSet, out: &mut WordSet) {
    if tokens_of_doc.is_empty() {
        return;
    }
    let toks = tokens(text);
    let mut buf = [0u8; 96];
    for w in toks.windows(2) {
        let a = &text[w[0].range.clone()];
        // A pending token is 40 bytes at most; the lower-cased first word had to fit 48.
        if a.len() > 48 {
            continue;
        }
        let between = &text[w[0].range.end..w[1].range.start];
        if between.is_empty() || !between.chars().all(|c| c == ' ' || c == '\n') {
            continue;
        }
        let b = words::strip_possessive(&text[w[1].range.clone()]);
        let Some(joined) = buf.get_mut(..a.len() + b.len()) else {
            continue;
        };
        joined[..a.len()].copy_from_slice(a.as_bytes());
        joined[a.len()..].copy_from_slice(b.as_bytes());
        joined.make_ascii_lowercase();
        if !std::str::from_utf8(joined).is_ok_and(|j| tokens_of_doc.contains(j)) {
            continue;
        }
        let pair = format!("{a} {b}");
        out.insert(pair.to_ascii_lowercase());
        out.insert(pair);
    }
}

/// Lower-case words the user knows: the `words` option and the words of glossary terms.
fn user_words(run: &RunCtx<'_>) -> WordSet {
    let mut set = WordSet::default();
    let mut add = |s: &str| {
        for t in tokens(s) {
            set.insert(words::strip_possessive(&s[t.range]).to_lowercase());
        }
    };
    for w in &run.options.words {
        add(w);
    }
    if let Some(terms) = run.terms {
        for e in &terms.entries {
            add(&e.source);
            for t in &e.targets {
                add(t);
            }
        }
    }
    set
}

/// What one document teaches about its own vocabulary.
#[derive(Default)]
struct DocWords {
    /// Lower-case tokens used [`RECURRING`] times or more.
    recurring: WordSet,
    /// Lower-case tokens used twice or more: not a one-off slip.
    repeated: WordSet,
    /// Lower-case forms of the camelCase tokens (`WikiLeaks`): the same letters in lower
    /// or capitalised case are that name, not two words.
    camel: WordSet,
    /// Every token counted, lower-cased, and the camelCase tokens of the word list (which
    /// are not counted): every token that can be [`Pending`].
    tokens: WordSet,
}

/// The tokens of some target text that the word list does not know, counted.
#[derive(Default)]
struct Vocab {
    /// Lower-case token -> uses.
    counts: HashMap<String, u32>,
    /// Lower-case forms of the camelCase ones.
    camel: WordSet,
    /// Lower-case forms of the camelCase tokens the word list knows (`McDonald`).
    listed_camel: WordSet,
}

impl Vocab {
    fn add_text(&mut self, text: &str) {
        for tok in tokens(text) {
            if tok.has_digit || !tok.ascii {
                continue;
            }
            let w = words::strip_possessive(&text[tok.range]);
            if w.len() < 4 {
                continue;
            }
            if words::zipf(w).is_some() {
                if w.bytes().any(|b| b.is_ascii_uppercase()) && shape(w) == Shape::Mixed {
                    self.listed_camel.insert(w.to_ascii_lowercase());
                }
                continue;
            }
            let lower = w.to_ascii_lowercase();
            if shape(w) == Shape::Mixed {
                self.camel.insert(lower.clone());
            }
            *self.counts.entry(lower).or_insert(0) += 1;
        }
    }

    /// Add the counts of `other` (of other text of the same document).
    fn merge(&mut self, other: Vocab) {
        if self.counts.is_empty() {
            self.counts = other.counts;
        } else {
            for (w, n) in other.counts {
                *self.counts.entry(w).or_insert(0) += n;
            }
        }
        self.camel.extend(other.camel);
        self.listed_camel.extend(other.listed_camel);
    }

    fn finish(self) -> DocWords {
        let mut recurring = WordSet::default();
        let mut repeated = WordSet::default();
        let mut tokens = self.listed_camel;
        tokens.reserve(self.counts.len());
        for (w, n) in self.counts {
            if n >= RECURRING {
                recurring.insert(w.clone());
            }
            if n >= 2 {
                repeated.insert(w.clone());
            }
            tokens.insert(w);
        }
        DocWords {
            recurring,
            repeated,
            camel: self.camel,
            tokens,
        }
    }
}

/// Words known beyond the word list.
pub(crate) struct Known<'a> {
    user: &'a WordSet,
    doc: &'a WordSet,
    repeated: &'a WordSet,
    camel: &'a WordSet,
}

/// Whether `lower` or its singular is in `set`.
fn in_set(set: &WordSet, lower: &str) -> bool {
    set.contains(lower)
        || lower.strip_suffix('s').is_some_and(|w| {
            set.contains(w) || w.strip_suffix('e').is_some_and(|w| set.contains(w))
        })
}

impl Known<'_> {
    fn user_knows(&self, lower: &str) -> bool {
        in_set(self.user, lower)
    }

    fn doc_knows(&self, lower: &str) -> bool {
        in_set(self.doc, lower)
    }

    fn contains(&self, lower: &str) -> bool {
        self.user_knows(lower) || self.doc_knows(lower)
    }
}

/// Whether one of the parts of `lower` cut at `cuts` is a function word.
fn has_function_word(lower: &str, cuts: &[usize]) -> bool {
    let mut last = 0;
    for &c in cuts.iter().chain(std::iter::once(&lower.len())) {
        if words::is_function_word(&lower[last..c]) {
            return true;
        }
        last = c;
    }
    false
}

/// One merged token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Merged {
    /// The whole token.
    pub range: Range<usize>,
    /// The token with the space(s) put back.
    pub split: String,
    /// The finding's message.
    pub message: String,
}

/// A token that is a merged word if the document writes one of its splits as two words
/// (`this License` beside `thisLicense`, `file name` beside `filename`).
#[derive(Debug)]
pub(crate) struct Pending {
    range: Range<usize>,
    token: String,
    /// Candidate splits.
    pairs: Vec<Split>,
}

/// One candidate split of a [`Pending`] token.
#[derive(Debug)]
struct Split {
    /// Where the space goes.
    cut: usize,
    /// The two words as the document would write them: `"a b"`, lower-cased for a lower-case
    /// or capitalised token (`File name` confirms `filename`), as written for camelCase.
    key: String,
}

/// Which candidate splits the document writes as two words.
struct WrittenApart {
    /// Every pair found: `"a b"` exactly as written, and lower-cased.
    found: WordSet,
}

impl WrittenApart {
    /// The finding for `p` if the document writes one of its splits apart.
    fn confirm(&self, p: Pending) -> Option<Merged> {
        let s = p.pairs.iter().find(|s| self.found.contains(&s.key))?;
        let split = format!("{} {}", &p.token[..s.cut], &p.token[s.cut..]);
        Some(Merged {
            message: format!(
                "`{}` looks like words run together: `{split}` (written apart elsewhere in \
                 this document)",
                p.token
            ),
            range: p.range,
            split,
        })
    }
}

/// A half of a camelCase token that is one word: lower case, capitalised, or an acronym
/// with an optional plural `s` (`CPUs`).
fn simple_half(part: &str) -> bool {
    match shape(part) {
        Shape::Lower | Shape::Capitalized | Shape::Upper => true,
        Shape::Mixed => acronym(part),
    }
}

/// `XML`, `CPUs`: two capitals or more, with an optional plural `s`.
fn acronym(part: &str) -> bool {
    let caps = part.strip_suffix('s').unwrap_or(part);
    caps.len() >= 2 && caps.bytes().all(|b| b.is_ascii_uppercase())
}

/// Whether `part` (as written) can be one word of a split confirmed by the document.
fn evidence_part(part: &str) -> bool {
    let letters = part.len();
    if acronym(part) {
        return true;
    }
    let lower = part.to_ascii_lowercase();
    if letters == 2 {
        return words::is_function_word(&lower);
    }
    letters >= 3 && (words::zipf(&lower).is_some() || words::is_cased_form(part))
}

/// The splits of `word` that make it two words if the document writes them apart: any cut
/// of a lower-case or capitalised token into two words, the case boundary of a camelCase one
/// (`FreeSoftware`, `thisLicense`, `XMLfiles`, `usingSSL`).
fn evidence_splits(word: &str) -> Vec<Split> {
    let mut out = Vec::new();
    match shape(word) {
        Shape::Lower | Shape::Capitalized => {
            let lower = word.to_ascii_lowercase();
            for i in 2..=word.len().saturating_sub(2) {
                let (a, b) = word.split_at(i);
                let (la, lb) = lower.split_at(i);
                if evidence_part(a)
                    && evidence_part(b)
                    && short_word_fits(la, true, false)
                    && short_word_fits(lb, false, true)
                {
                    out.push(Split {
                        cut: i,
                        key: format!("{la} {lb}"),
                    });
                }
            }
        }
        Shape::Mixed => {
            // One cut into two simple halves (`Free|Software`, `this|License`, `XML|files`,
            // `using|SSL`, `CPUs`); `iPhone`, `McDonald` and `PostgreSQL` have none.
            for i in 1..word.len() {
                let (a, b) = word.split_at(i);
                if simple_half(a) && simple_half(b) && evidence_part(a) && evidence_part(b) {
                    out.push(Split {
                        cut: i,
                        key: format!("{a} {b}"),
                    });
                }
            }
        }
        Shape::Upper => {}
    }
    out
}

/// Characters that make an adjacent token code rather than prose.
fn code_neighbour_before(c: char) -> bool {
    matches!(
        c,
        '.' | '/'
            | '\\'
            | '_'
            | '@'
            | '#'
            | '$'
            | '%'
            | '&'
            | '='
            | '~'
            | '<'
            | '{'
            | '['
            | '|'
            | '^'
            | '*'
            | '+'
            | '-'
    )
}

fn code_neighbour_after(c: char) -> bool {
    matches!(
        c,
        '(' | '/'
            | '\\'
            | '_'
            | '@'
            | '#'
            | '$'
            | '%'
            | '='
            | '['
            | '{'
            | '|'
            | '^'
            | '*'
            | '+'
            | '>'
    )
}

fn opening_quote(c: char) -> bool {
    matches!(c, '\'' | '"' | '`' | '‘' | '“' | '«')
}

fn closing_quote(c: char) -> bool {
    matches!(c, '\'' | '"' | '’' | '”' | '»')
}

/// Find the merged tokens of `text`. `source` is the segment's source text, if any. The
/// second list holds the tokens that are merged words only if the document writes one of
/// their splits as two words elsewhere.
pub(crate) fn find_merged(
    text: &str,
    source: Option<&str>,
    known: &Known<'_>,
) -> (Vec<Merged>, Vec<Pending>) {
    let mut out = Vec::new();
    let mut pending = Vec::new();
    let mut protected = None;
    for tok in tokens(text) {
        if tok.has_digit || !tok.ascii || tok.range.len() < 4 {
            continue;
        }
        let token = &text[tok.range.clone()];
        let base = words::strip_possessive(token);
        if base.contains(['\'', '’']) || base.len() < 4 || base.len() > 40 {
            continue;
        }
        let sh = shape(base);
        if sh == Shape::Upper {
            continue;
        }
        // Cheap rejections first: most tokens are words. A camelCase token is compared with
        // its capitals (`withOUT` is not `without`).
        if words::is_cased_form(base) || (sh != Shape::Mixed && words::zipf(base).is_some()) {
            continue;
        }
        let lower = base.to_ascii_lowercase();
        if known.user_knows(&lower) || source.is_some_and(|s| s.contains(base)) {
            continue;
        }
        // A token the document repeats (or writes in camelCase) is a term, unless it splits
        // into a function word and another word: no term is `fromthe` or `theUS`.
        let doc_term =
            sh != Shape::Mixed && (known.doc_knows(&lower) || known.camel.contains(&lower));
        let before = text[..tok.range.start].chars().next_back();
        let after_str = &text[tok.range.end..];
        let mut after = after_str.chars();
        let next = after.next();
        let next2 = after.next();
        if before.is_some_and(code_neighbour_before)
            || next.is_some_and(code_neighbour_after)
            || (matches!(next, Some('.' | ':' | '-' | '\'' | '’'))
                && next2.is_some_and(|c| c.is_alphanumeric()))
        {
            continue;
        }
        if before.is_some_and(opening_quote) && next.is_some_and(closing_quote) {
            continue;
        }
        let spans = protected.get_or_insert_with(|| protected_spans(text));
        if overlaps_protected(spans, &tok.range) {
            continue;
        }
        let cuts = match sh {
            Shape::Mixed => glued_function_word(base).or_else(|| {
                (!known.repeated.contains(&lower))
                    .then(|| acronym_then_word(base))
                    .flatten()
            }),
            Shape::Lower => split_compound(&lower, Strictness::Normal, known),
            Shape::Capitalized => {
                // Capitalised: probably a name (`Calderdale`, `Westmeath`).
                // A lone capitalised token (a label, a list of names) is a name too: only
                // one that a lower-case word follows starts a sentence.
                let strictness = if sentence_initial(&text[..tok.range.start])
                    && sentence_goes_on(&text[tok.range.end..])
                {
                    Strictness::Initial
                } else {
                    Strictness::Name
                };
                split_compound(&lower, strictness, known)
            }
            Shape::Upper => None,
        };
        let Some(cuts) = cuts else {
            // A token written twice is not a one-off slip, whatever its shape.
            if !doc_term && !known.repeated.contains(&lower) {
                let pairs = evidence_splits(base);
                if !pairs.is_empty() {
                    pending.push(Pending {
                        range: tok.range,
                        token: token.to_string(),
                        pairs,
                    });
                }
            }
            continue;
        };
        if doc_term && !has_function_word(&lower, &cuts) {
            continue;
        }
        let mut split = String::with_capacity(token.len() + 2);
        let mut last = 0;
        for &c in &cuts {
            split.push_str(&token[last..c]);
            split.push(' ');
            last = c;
        }
        split.push_str(&token[last..]);
        out.push(Merged {
            message: format!("`{token}` looks like words run together: `{split}`"),
            range: tok.range,
            split,
        });
    }
    (out, pending)
}

/// Whether a token after `before` starts a sentence (or the text).
fn sentence_initial(before: &str) -> bool {
    match before
        .trim_end_matches(|c: char| c.is_whitespace() || opening_quote(c) || c == '(')
        .chars()
        .next_back()
    {
        None => true,
        Some(c) => matches!(c, '.' | '!' | '?' | ':' | '•' | '*' | '-' | '–' | '—'),
    }
}

/// Whether a lower-case word follows (after spaces or a comma): the text is a sentence.
fn sentence_goes_on(after: &str) -> bool {
    after
        .trim_start_matches([' ', ','])
        .starts_with(|c: char| c.is_ascii_lowercase())
}

/// Zipf score the word after an acronym needs (`XMLfiles`, `URLaddress`).
const ACRONYM_WORD_MIN_ZIPF: u8 = 40;

/// `URLaddress`, `XMLfiles`, `ELFheader`: an acronym (two to five capitals) glued to a
/// common lower-case word of four letters or more; the offset where the space goes.
/// `DECnet`, `IPsec` (short tails) and `VMware` (a suffix word) are left alone.
fn acronym_then_word(word: &str) -> Option<Vec<usize>> {
    let cut = word.bytes().position(|b| b.is_ascii_lowercase())?;
    let (head, tail) = word.split_at(cut);
    if !(2..=5).contains(&head.len())
        || !head.bytes().all(|b| b.is_ascii_uppercase())
        || tail.len() < 4
        || !tail.bytes().all(|b| b.is_ascii_lowercase())
        || words::is_suffix(tail)
    {
        return None;
    }
    // `KChart`, `TIFFClose`: the last capital starts the word.
    let camel_tail = &word[cut - 1..];
    if words::zipf(camel_tail).is_some() {
        return None;
    }
    words::zipf(tail)
        .is_some_and(|z| z >= ACRONYM_WORD_MIN_ZIPF)
        .then(|| vec![cut])
}

/// `theUS`, `ofNATO`, `inChina`, `TheUS`: the byte offset where the space goes.
fn glued_function_word(word: &str) -> Option<Vec<usize>> {
    let first_upper = word.starts_with(|c: char| c.is_ascii_uppercase());
    let cut = word
        .char_indices()
        .skip(1)
        .find(|(_, c)| c.is_ascii_uppercase())
        .map(|(i, _)| i)?;
    let head = &word[..cut];
    let rest = &word[cut..];
    let head_lower = head.to_ascii_lowercase();
    if !words::is_glue_word(&head_lower) {
        return None;
    }
    let acronym_part = rest
        .strip_suffix("s")
        .filter(|r| r.len() >= 2)
        .unwrap_or(rest);
    let is_acronym =
        acronym_part.len() >= 2 && acronym_part.bytes().all(|b| b.is_ascii_uppercase());
    if first_upper {
        // `TheUS` at the start of a sentence; `ForEach`, `OnePlus` are names.
        return (head == "The" && is_acronym).then(|| vec![cut]);
    }
    if is_acronym {
        return Some(vec![cut]);
    }
    if shape(rest) != Shape::Capitalized {
        return None;
    }
    let rest_lower = rest.to_ascii_lowercase();
    if words::is_code_word(&rest_lower) {
        return None;
    }
    // A proper noun (`China`, `May`) or a name the list does not know (`Lijian`); a common
    // word (`toString`, `onClick`) makes it an identifier.
    (words::is_cased_form(rest) || words::zipf(&rest_lower).is_none()).then(|| vec![cut])
}

/// The zipf score of `part` as a half of a merged token, `None` when it cannot be one.
fn part_score(part: &str, known: &Known<'_>) -> Option<u8> {
    let z = words::zipf(part);
    if words::is_function_word(part) {
        return z.or(Some(60));
    }
    let min = match part.len() {
        0..=2 => return None,
        3 => 50,
        4 => 38,
        _ => 30,
    };
    match z {
        Some(z) if z >= min => Some(z),
        _ if part.len() >= 4 && known.contains(part) => Some(KNOWN_PART_ZIPF),
        _ => None,
    }
}

/// Whether `a` followed by `b` is a closed word by derivation rather than a lost space.
fn derivation(a: &str, b: &str) -> bool {
    (words::is_prefix(a) && !words::is_function_word(b))
        || (words::is_suffix(b) && !words::is_function_word(a))
}

/// How much evidence a split needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Strictness {
    /// A lower-case token.
    Normal,
    /// A capitalised token starting a sentence: a function word, or two common words.
    Initial,
    /// A capitalised token inside a sentence, probably a name: a function word.
    Name,
}

/// Zipf score both halves need in a capitalised sentence-initial token without a
/// function word.
const INITIAL_MIN_ZIPF: u8 = 45;

/// Two-letter function words that can start a merged pair (`ofthe`, `tosave`, `inChina`);
/// the others (`is|trip`, `so|name`, `am|check`) start identifiers and closed words more
/// often than lost spaces.
const LEADING_SHORT: &[&str] = &["by", "in", "of", "on", "to"];

/// Whether `part` may stand at position `first`/`last` of a split: a two-letter function
/// word ends a split only as `of` (`rangeof`; `grant|or`, `what|is`, `add|on`, `comp|at`
/// are words or names), and starts one only as one of [`LEADING_SHORT`].
fn short_word_fits(part: &str, first: bool, last: bool) -> bool {
    if part.len() != 2 || !words::is_function_word(part) {
        return true;
    }
    if last {
        return part == "of";
    }
    let _ = first;
    LEADING_SHORT.contains(&part)
}

/// Whether `a|b` is more likely a code name (`lockfile`, `keycode`, `basename`) than a lost
/// space: one half is a code morpheme and the other is short or a code morpheme too. A long
/// ordinary word beside it (`repository|name`, `compatibility|value`) is prose.
fn code_name(a: &str, b: &str) -> bool {
    let (ca, cb) = (words::is_code_morpheme(a), words::is_code_morpheme(b));
    match (ca, cb) {
        (false, false) => false,
        (true, true) => true,
        (true, false) => b.len() < CODE_NAME_PROSE_LEN,
        (false, true) => a.len() < CODE_NAME_PROSE_LEN,
    }
}

/// Length from which a word beside a code morpheme makes the pair prose.
const CODE_NAME_PROSE_LEN: usize = 7;

/// Whether `lower` is a closed word with an ending the list lacks (`checkpointed`,
/// `checksumming`, `editability`): not `check|pointed`.
fn inflected_word(lower: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "ability", "able", "ed", "er", "ers", "es", "ing", "ings", "s",
    ];
    ENDINGS.iter().any(|e| {
        lower.strip_suffix(e).is_some_and(|stem| {
            let b = stem.as_bytes();
            // `checksumm|ing`: a doubled final consonant.
            let undoubled =
                (b.len() >= 2 && b[b.len() - 1] == b[b.len() - 2]).then(|| &stem[..stem.len() - 1]);
            [Some(stem), undoubled]
                .into_iter()
                .flatten()
                .any(|s| s.len() >= 4 && words::zipf(s).is_some())
        })
    })
}

/// Whether `lower` is a productive prefix glued to a word (`deallocate`, `prepending`,
/// `preprocessor`): a closed word by derivation, whatever else it splits into.
fn prefixed_word(lower: &str) -> bool {
    (2..lower.len().saturating_sub(3)).any(|i| {
        let (a, b) = lower.split_at(i);
        words::is_prefix(a) && !words::is_function_word(b) && words::zipf(b).is_some()
    })
}

/// Split a lower-case non-word into two (or three) words; returns the cut offsets.
fn split_compound(lower: &str, strictness: Strictness, known: &Known<'_>) -> Option<Vec<usize>> {
    let strict = strictness == Strictness::Name;
    if lower.len() < 5 || prefixed_word(lower) || inflected_word(lower) {
        return None;
    }
    let mut best: Option<(u32, Vec<usize>)> = None;
    // The best split refused as a derivation or a code name: when it scores higher than the
    // best accepted one (`strip|space` over `strips|pace`), the token is a closed word.
    let mut refused = 0u32;
    let consider = |best: &mut Option<(u32, Vec<usize>)>, score: u32, cuts: Vec<usize>| {
        if best.as_ref().map_or(true, |(s, _)| score > *s) {
            *best = Some((score, cuts));
        }
    };
    // In a capitalised token a two-letter half is a name's syllable (`Dog|on`, `An|cash`).
    let min_part = if strictness == Strictness::Normal {
        2
    } else {
        3
    };
    for i in min_part..=lower.len() - min_part {
        let (a, b) = lower.split_at(i);
        // Beside a function word (`parses|the`, `for|reading`) any word of four letters or
        // more will do in a lower-case token: the function word is the evidence. Not in a
        // capitalised one: `For|tran`, `Her|manas`, `And|arum` are names.
        let lenient = |part: &str, other: &str| {
            let other_fw = strictness == Strictness::Normal
                && words::is_function_word(other)
                && (other.len() >= 3 || LEADING_SHORT.contains(&other));
            part_score(part, known).or_else(|| {
                (other_fw && part.len() >= 4 && !words::is_function_word(part))
                    .then(|| words::zipf(part))
                    .flatten()
            })
        };
        let Some(za) = lenient(a, b) else {
            continue;
        };
        let Some(zb) = lenient(b, a) else {
            continue;
        };
        let score = u32::from(za) + u32::from(zb);
        if derivation(a, b) {
            refused = refused.max(score);
            continue;
        }
        if !short_word_fits(a, true, false) || !short_word_fits(b, false, true) {
            continue;
        }
        // A two-letter function word at the end (`line|no`, `size|of`) is how code names
        // are made; only a longer one (`open|the`) or one in front (`of|the`) is evidence.
        let function = words::is_function_word(a) || (words::is_function_word(b) && b.len() >= 3);
        if !function && code_name(a, b) {
            refused = refused.max(score);
            continue;
        }
        if !function
            && (strict || (strictness == Strictness::Initial && za.min(zb) < INITIAL_MIN_ZIPF))
        {
            continue;
        }
        consider(&mut best, score, vec![i]);
    }
    if best.is_none() && refused == 0 && lower.len() >= 8 && lower.len() <= 30 {
        // Three words: at least one a function word, each a strong part.
        for i in 2..=lower.len() - 4 {
            let a = &lower[..i];
            let Some(za) = part_score(a, known) else {
                continue;
            };
            if !short_word_fits(a, true, false) {
                continue;
            }
            for j in i + 2..=lower.len() - 2 {
                let (b, c) = (&lower[i..j], &lower[j..]);
                let (Some(zb), Some(zc)) = (part_score(b, known), part_score(c, known)) else {
                    continue;
                };
                if derivation(a, b)
                    || derivation(b, c)
                    || words::is_suffix(c)
                    || !short_word_fits(b, false, false)
                    || !short_word_fits(c, false, true)
                {
                    continue;
                }
                let fw = [a, b, c]
                    .iter()
                    .filter(|p| words::is_function_word(p))
                    .count();
                if fw == 0 || (strict && fw < 2) {
                    continue;
                }
                // A three-way split must beat the two-way ones by a margin: it is rarer.
                let score = u32::from(za) + u32::from(zb) + u32::from(zc);
                consider(&mut best, score.saturating_sub(30), vec![i, j]);
            }
        }
    }
    match best {
        Some((score, cuts)) if score >= refused || cuts.len() > 1 => Some(cuts),
        _ => None,
    }
}

/// The check as it was, over whole documents: the oracle of the streamed pass.
#[cfg(test)]
pub(crate) mod oracle {
    use super::*;

    /// The findings over whole `doc`.
    pub(crate) fn check_document(
        doc: &Document,
        run: &RunCtx<'_>,
        user: &WordSet,
    ) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        if !target_is_english(doc) {
            return out;
        }
        let doc_words = doc_words(doc);
        let known = Known {
            user,
            doc: &doc_words.recurring,
            repeated: &doc_words.repeated,
            camel: &doc_words.camel,
        };
        let mut per_segment: Vec<(usize, Vec<Merged>, Vec<Pending>)> = Vec::new();
        for (i, seg) in doc.segments.iter().enumerate() {
            let Some(target) = seg.target.as_ref() else {
                continue;
            };
            let source = seg.source.as_ref().map(|s| s.as_str());
            let (found, pending) = find_merged(target.as_str(), source, &known);
            if !found.is_empty() || !pending.is_empty() {
                per_segment.push((i, found, pending));
            }
        }
        if per_segment.iter().any(|(_, _, p)| !p.is_empty()) {
            let apart = written_apart(doc, per_segment.iter().flat_map(|(_, _, p)| p));
            for (_, found, pending) in &mut per_segment {
                for p in pending.drain(..) {
                    if let Some(m) = apart.confirm(p) {
                        found.push(m);
                    }
                }
                found.sort_by_key(|m| m.range.start);
            }
        }
        for (i, found, _) in per_segment {
            report(doc, &doc.segments[i], found, run, &mut out);
        }
        out
    }

    /// Whether the document's target side is English: declared so, or (no language
    /// given) Latin text where English function words are frequent.
    pub(crate) fn target_is_english(doc: &Document) -> bool {
        if let Some(l) = &doc.target_lang {
            return l.is_english();
        }
        let mut total = 0usize;
        let mut function = 0usize;
        'outer: for seg in &doc.segments {
            let Some(t) = seg.target.as_ref() else {
                continue;
            };
            let text = t.as_str();
            for tok in tokens(text) {
                total += 1;
                let w = &text[tok.range];
                if w.len() <= 5 && words::is_function_word(&w.to_ascii_lowercase()) {
                    function += 1;
                }
                if total >= 5000 {
                    break 'outer;
                }
            }
        }
        total >= 8 && function * 100 >= total * 15
    }

    fn doc_words(doc: &Document) -> DocWords {
        let mut counts: HashMap<String, u32> = HashMap::new();
        let mut camel = WordSet::default();
        for seg in &doc.segments {
            let Some(t) = seg.target.as_ref() else {
                continue;
            };
            let text = t.as_str();
            for tok in tokens(text) {
                if tok.has_digit || !tok.ascii {
                    continue;
                }
                let w = words::strip_possessive(&text[tok.range]);
                if w.len() < 4 || words::zipf(w).is_some() {
                    continue;
                }
                let lower = w.to_ascii_lowercase();
                if shape(w) == Shape::Mixed {
                    camel.insert(lower.clone());
                }
                *counts.entry(lower).or_insert(0) += 1;
            }
        }
        let mut recurring = WordSet::default();
        let mut repeated = WordSet::default();
        for (w, n) in counts {
            if n >= RECURRING {
                recurring.insert(w.clone());
            }
            if n >= 2 {
                repeated.insert(w);
            }
        }
        DocWords {
            recurring,
            repeated,
            camel,
            tokens: WordSet::default(),
        }
    }

    fn written_apart<'a>(
        doc: &Document,
        pending: impl Iterator<Item = &'a Pending>,
    ) -> WrittenApart {
        let mut wanted = WordSet::default();
        let mut firsts = WordSet::default();
        for p in pending {
            for s in &p.pairs {
                wanted.insert(s.key.clone());
                if let Some((a, _)) = s.key.split_once(' ') {
                    firsts.insert(a.to_ascii_lowercase());
                }
            }
        }
        let mut found = WordSet::default();
        let mut buf = [0u8; 48];
        for seg in &doc.segments {
            let Some(t) = seg.target.as_ref() else {
                continue;
            };
            let text = t.as_str();
            let toks = tokens(text);
            for w in toks.windows(2) {
                let a = &text[w[0].range.clone()];
                let Some(la) = lower_in(a, &mut buf) else {
                    continue;
                };
                if !firsts.contains(la) {
                    continue;
                }
                let between = &text[w[0].range.end..w[1].range.start];
                if between.is_empty() || !between.chars().all(|c| c == ' ' || c == '\n') {
                    continue;
                }
                let b = words::strip_possessive(&text[w[1].range.clone()]);
                let pair = format!("{a} {b}");
                let lower = pair.to_ascii_lowercase();
                for key in [pair, lower] {
                    if wanted.contains(&key) {
                        found.insert(key);
                    }
                }
            }
        }
        WrittenApart { found }
    }

    /// The lower-case letters of `word` in `buf`, `None` when it does not fit.
    fn lower_in<'b>(word: &str, buf: &'b mut [u8; 48]) -> Option<&'b str> {
        let b = buf.get_mut(..word.len())?;
        b.copy_from_slice(word.as_bytes());
        b.make_ascii_lowercase();
        std::str::from_utf8(b).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::testing::{findings_of, run_pair};
    use crate::config::Options;

    fn flagged(text: &str) -> Vec<String> {
        let d = run_pair(None, ("en", text), None, &Options::default());
        d.iter()
            .filter(|d| d.rule == "merged-words")
            .map(|d| d.suggestion.clone().unwrap_or_default())
            .collect()
    }

    fn clean(text: &str) {
        let f = flagged(text);
        assert!(f.is_empty(), "{text:?} flagged: {f:?}");
    }

    #[test]
    fn flags_the_seed_article_errors() {
        let text = "in 2020, 52,000 computerservers controlled by malicious programs \
                    outside of China controlled about 5.31 million mainframes in China, and \
                    theUS and its NATO allies are among the top three";
        assert_eq!(flagged(text), vec!["computer servers", "the US"]);
        let d = run_pair(None, ("en", text), None, &Options::default());
        assert_eq!(
            findings_of(&d, "merged-words"),
            vec!["computerservers", "theUS"]
        );
        let fix = d[0].fix.as_ref().unwrap();
        assert_eq!(fix.applicability, Applicability::Unsafe);
        assert_eq!(&*fix.edits[0].replacement, "computer servers");
    }

    #[test]
    fn flags_common_lost_spaces() {
        assert_eq!(flagged("This is one ofthe best."), vec!["of the"]);
        assert_eq!(flagged("Click here tosave the file."), vec!["to save"]);
        assert_eq!(flagged("Could not open thefile."), vec!["the file"]);
        assert_eq!(
            flagged("The networkconnection failed."),
            vec!["network connection"]
        );
        assert_eq!(flagged("Thefile was removed."), vec!["The file"]);
    }

    #[test]
    fn flags_function_word_glued_to_acronym_or_name() {
        assert_eq!(flagged("members ofNATO met"), vec!["of NATO"]);
        assert_eq!(flagged("made inChina today"), vec!["in China"]);
        assert_eq!(flagged("export toPDF now"), vec!["to PDF"]);
        assert_eq!(flagged("TheUS said so."), vec!["The US"]);
        assert_eq!(flagged("sent fromBeijing"), vec!["from Beijing"]);
    }

    #[test]
    fn leaves_words_and_names_alone() {
        clean("52,000 computer servers in the US and CNCERT/CC, APT-C-39, China’s key areas");
        clean("The Hill commented that Politicization and stigmatization bring no benefits");
        clean("Assange, a founder of Wikileaks, once revealed it; see WikiLeaks.");
        clean("Spokesperson Zhao Lijian made a solemn response");
    }

    #[test]
    fn leaves_code_and_brands_alone() {
        clean("Call toString() or use obj.toString and isEmpty, onClick, forEach here.");
        clean("Buy an iPhone, use macOS, sell on eBay, write JavaScript, watch YouTube.");
        clean("Energy in kWh and 10MB of RAM on x86_64 with NATO and GNOME.");
        clean("Run git --amendthis or see https://example.org/computerservers now.");
        clean("Edit ~/.config/someprogramrc and file.ext or some_identifier_name.");
        clean("Use %(filename)s and {username} and 'readlinkat' in the shell.");
    }

    #[test]
    fn leaves_derivations_and_compounds_alone() {
        clean("Choose a subfolder, reconnect, and unmount the filesystem.");
        clean("The hostname and the username are shown in the sidebar.");
        clean("Turn the knob clockwise.");
    }

    #[test]
    fn capitalised_names_inside_sentences_need_a_function_word() {
        // `Greenfield` could be `green field`, but inside a sentence it is a name.
        clean("We met Anna Greenwaldson in Wellhampton yesterday.");
        assert_eq!(flagged("Then Andthe rest left."), vec!["And the"]);
    }

    #[test]
    fn words_the_user_knows_are_words() {
        let text = "Install the keyringhelper first.";
        assert_eq!(flagged(text), vec!["keyring helper"]);
        let opts = Options {
            words: vec!["keyringhelper".into()],
            ..Default::default()
        };
        let d = run_pair(None, ("en", text), None, &opts);
        assert!(findings_of(&d, "merged-words").is_empty());
    }

    #[test]
    fn recurring_tokens_are_terms() {
        clean("The fooberry tool. Run fooberry. Configure fooberry now.");
        // Twice is not enough: the seed article repeats its paragraph.
        assert_eq!(
            flagged("The computerservers. The computerservers."),
            vec!["computer servers", "computer servers"]
        );
    }

    #[test]
    fn tokens_copied_from_the_source_are_left_alone() {
        let d = run_pair(
            Some(("zh", "打开 Passwordsafe 设置")),
            ("en", "Open the Passwordsafe settings"),
            None,
            &Options::default(),
        );
        assert!(findings_of(&d, "merged-words").is_empty());
    }

    #[test]
    fn only_english_targets() {
        let d = run_pair(
            None,
            ("de", "die Computerserver und Netzwerkverbindung"),
            None,
            &Options::default(),
        );
        assert!(findings_of(&d, "merged-words").is_empty());
    }

    #[test]
    fn flags_a_join_the_document_writes_apart() {
        // Two code morphemes make `filesize` look like a code name; the document writes it
        // apart.
        assert_eq!(
            flagged("Enter the file size below. The filesize must be small."),
            vec!["file size"]
        );
        clean("The filesize must be small.");
        // Capitalised pairs are brands or identifiers unless the document writes them apart.
        assert_eq!(
            flagged(
                "Published by the Free Software Foundation. Write to the FreeSoftware \
                 Foundation for a copy."
            ),
            vec!["Free Software"]
        );
        clean("Write to the FreeSoftware Foundation for a copy of PowerPoint.");
        assert_eq!(
            flagged("You may copy this License. Read thisLicense first."),
            vec!["this License"]
        );
        assert_eq!(
            flagged("Connect using SSL or TLS. The connection usingSSL failed."),
            vec!["using SSL"]
        );
        // Case matters for camelCase: `Java script` does not make `JavaScript` two words.
        clean("Java script files are written in JavaScript.");
    }

    #[test]
    fn a_token_written_twice_is_not_a_slip() {
        clean("Press the Caps Lock key. CapsLock is on. Turn CapsLock off.");
        clean("Set the file size. The filesize option and the filesize limit.");
    }

    #[test]
    fn flags_an_acronym_glued_to_a_word() {
        assert_eq!(
            flagged("Open the URLaddress in a browser."),
            vec!["URL address"]
        );
        assert_eq!(flagged("Could not read the ELFheader."), vec!["ELF header"]);
        // Short tails, suffix words and camelCase after a one-letter prefix are names.
        clean("Use DECnet, IPsec, VMware, KChart and TIFFClose here.");
    }

    #[test]
    fn two_letter_function_words_only_where_slips_put_them() {
        clean("The grantor, the accessor, whatis, istrip and the soname are fine.");
        assert_eq!(flagged("Compute the rangeof values."), vec!["range of"]);
        assert_eq!(flagged("This is one ofthe best."), vec!["of the"]);
    }

    #[test]
    fn a_prefix_glued_to_a_word_is_a_derivation() {
        clean("Call deallocate while prepending to the preprocessor output.");
    }

    #[test]
    fn a_better_refused_split_means_a_closed_word() {
        // `strip|space` (a code name) beats `strips|pace`: the token is one word.
        clean("Run git stripspace on the tablespace.");
    }

    #[test]
    fn a_lone_capitalised_token_is_a_name() {
        clean("Northland");
        clean("Westmoreland");
        assert_eq!(flagged("Thefile was removed."), vec!["The file"]);
    }

    #[test]
    fn a_function_word_vouches_for_its_neighbour() {
        assert_eq!(flagged("The tool parsesthe input."), vec!["parses the"]);
        // Only in a lower-case token: capitalised, `For|tran` is a name.
        clean("Code written in Fortran runs in Hermanas and Andarum.");
    }

    #[test]
    fn a_long_word_beside_a_code_morpheme_is_prose() {
        assert_eq!(
            flagged("Enter a repositoryname for the mirror."),
            vec!["repository name"]
        );
        assert_eq!(
            flagged("The compatibilityvalue is ignored."),
            vec!["compatibility value"]
        );
        // Two code morphemes, or a short word beside one, make a code name.
        clean("Remove the lockfile and check the keycode and the basename.");
    }

    #[test]
    fn a_closed_word_with_an_ending_is_one_word() {
        clean("The checkpointer is checkpointing; checksumming and editability are on.");
    }
}

#[cfg(test)]
mod streamed_tests {
    use super::*;
    use crate::checks::leftover_script::streamed_testing::{doc, run_chunked, Unit};
    use crate::checks::testing::generated_texts;
    use crate::checks::RuleSettings;
    use crate::config::Options;

    /// Documents of generated English-like text with merged words, some written apart
    /// elsewhere, in several languages (`""`: none given), some segments suppressed.
    fn documents(texts: &[String], langs: &[&str]) -> Vec<Document> {
        let suppressed: &[&str] = &["merged-words"];
        let mut docs = Vec::new();
        for (k, lang) in langs.iter().enumerate() {
            for (j, group) in texts.chunks(41 + 7 * k).enumerate() {
                let units: Vec<Unit<'_>> = group
                    .iter()
                    .enumerate()
                    .map(|(i, t)| {
                        let s: &[&str] = if i % 11 == 5 { suppressed } else { &[] };
                        let src = if i % 13 == 0 {
                            Some("thefile 文件")
                        } else {
                            None
                        };
                        (None, src, t.as_str(), s)
                    })
                    .collect();
                docs.push(doc(&format!("{k}-{j}.txt"), "zh", lang, &units));
            }
        }
        docs
    }

    #[test]
    fn the_streamed_pass_finds_what_the_whole_documents_gave() {
        let texts = generated_texts(
            &[
                "the ",
                "file size ",
                "filesize ",
                "thefile ",
                "of ",
                "computerservers ",
                "theUS ",
                "Free Software ",
                "FreeSoftware ",
                "thisLicense ",
                "this License ",
                "fooberry ",
                "CapsLock ",
                "Caps Lock ",
                "and ",
                "keyringhelper ",
                "usingSSL ",
                "using SSL ",
                "Die Datei ",
                "ist ",
                "服务器 ",
                "McDonald ",
                "Mc Donald ",
                "tosave ",
                "networkconnection ",
                ". ",
                "\n",
            ],
            23,
            1500,
            9,
        );
        let docs = documents(&texts, &["en", "", "de", "en-GB"]);
        let settings = RuleSettings::defaults();
        let options = Options {
            words: vec!["keyringhelper".into()],
            ..Default::default()
        };
        let run = RunCtx {
            rules: &settings,
            terms: None,
            options: &options,
        };
        let user = user_words(&run);
        let mut want: Vec<Diagnostic> = docs
            .iter()
            .flat_map(|d| oracle::check_document(d, &run, &user))
            .collect();
        want.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        assert!(want.len() > 100, "{}", want.len());
        assert!(want.iter().any(|d| d.message.contains("written apart")));
        for len in [1, 4, 512] {
            let got = run_chunked(&MergedWords, &docs, &run, len);
            assert!(got == want, "{len}: {} against {}", got.len(), want.len());
        }
    }

    #[test]
    fn english_is_told_from_the_first_tokens_as_before() {
        // German first, English later: the first 5000 tokens decide.
        for (german, english) in [(100, 100), (3000, 4000), (4990, 3000), (6000, 10)] {
            let mut texts = vec!["Die Datei ist groß und".to_string(); german / 5];
            texts.extend(vec!["the file of the user and".to_string(); english / 5]);
            let units: Vec<Unit<'_>> = texts
                .iter()
                .map(|t| (None, None, t.as_str(), &[][..]))
                .collect();
            let docs = [doc("a.txt", "zh", "", &units)];
            for len in [1, 3, 64, 512] {
                let mut detects = Vec::new();
                for d in &docs {
                    let mut parts = Vec::new();
                    for c in d.segments.chunks(len) {
                        let mut detect = Detect::default();
                        for s in c {
                            if !detect.add_text(s.target.as_ref().unwrap().as_str()) {
                                break;
                            }
                        }
                        parts.push(detect);
                    }
                    detects.push(Detect::english(&parts));
                }
                let want: Vec<bool> = docs.iter().map(oracle::target_is_english).collect();
                assert_eq!(detects, want, "{german} {english} {len}");
            }
        }
    }
}
