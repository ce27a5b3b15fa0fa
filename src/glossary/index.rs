//! The term index: every glossary term of a run in one automaton, and the matching
//! semantics of SPEC §2.
//!
//! # How a term is found
//!
//! 1. **Normalisation.** Terms and texts are folded the same way: full-width ASCII forms
//!    become ASCII (`ＣＩＡ` = `CIA`), the ideographic space a space, and every character is
//!    lower-cased with Unicode rules (aho-corasick's own case-insensitivity is ASCII-only).
//!    A map from folded bytes back to original bytes keeps every span exact.
//! 2. **Forms.** Where a term may inflect (`match` = `inflect`, or the default for a term
//!    whose last word is made of Latin letters), the forms of its last word are generated
//!    by [`super::inflect::forms`]: `host` ~ `hosts`, `agency` ~ `agencies`, `commit` ~
//!    `committed`. Derived words are never forms: `attacker` does not match `attack`,
//!    `hostile` does not match `host`. Inflected forms count only in English (or
//!    unknown-language) text. Target-only rules (empty `source`) match exactly as written.
//! 3. **One automaton** over the source terms, one over the forbidden renderings and
//!    target-only rules (aho-corasick's contiguous NFA: on 100,000 Chinese terms it
//!    builds several times faster than daachorse's double array, which we used before).
//!    The regular forms of a term share a stem (`agenc` for `agency`, `agencies`);
//!    irregular forms (`children`) are stems of their own. The patterns are the stems'
//!    *keys*, the shortest prefixes that at most eight stems share, so the automaton is
//!    a fraction of the size of one over whole terms. It is run with *overlapping*
//!    matches: every key occurrence is seen and verified, and selection happens
//!    afterwards, so filtering can never lose a shorter valid match the way filtering
//!    leftmost-longest matches would. Approved renderings are looked for only for the
//!    concepts found in the segment's source ([`TermIndex::find_target_for`]); their
//!    automaton is built only if a caller asks for all of them.
//! 4. **Verification** of each occurrence against the term's forms, then:
//!    - **case**: `permissive` (default): capitals in the term must be capitals in the
//!      text, lower-case letters match either case (`host` matches `Host`, `US` does not
//!      match `us`); `sensitive`: exactly as written; `insensitive`: any case. Where
//!      several entries match the same text, those whose case matches exactly win (`HEAD`
//!      vs `head` on `HEAD`).
//!    - **word boundaries**: a term that begins (ends) with a letter or digit of a script
//!      that separates words must not be preceded (followed) by one. Inner punctuation
//!      belongs to the term: `CNCERT/CC`, `APT-C-39` and `Wi-Fi` are single terms.
//!    - **Chinese words**: a term that begins or ends with a Han character next to another
//!      Han character is checked against a word segmentation of the text (jieba-rs with
//!      its embedded dictionary plus every Han glossary term, loaded lazily the first time
//!      such a check is needed). A match whose edge falls inside a word is rejected (北约 in
//!      华北约有, 中国 in 发展中国家, 主机 in 民主机制), unless that word is itself a
//!      glossary term found in the text (partly overlapping terms are both kept).
//! 5. **Selection** (source side): a term inside a longer matched term is hidden
//!    (国家互联网应急中心 hides 互联网; `commit message` hides `commit`); terms that
//!    overlap only partly are both kept. The target side keeps every match and says
//!    whether it cuts a word, so that checks can be lenient when looking for an approved
//!    rendering and strict when flagging a forbidden one.

use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use aho_corasick::{AhoCorasick, AhoCorasickKind};
use rayon::prelude::*;

use super::inflect::{self, Inflection};
use super::{CaseRule, Glossary, MatchMode, TermEntry};
use crate::lang::script::{is_cjk, is_han, to_halfwidth};
use crate::lang::Lang;

/// Hash maps keyed by glossary strings: built over every term, so the hasher matters, and
/// the keys come from the user's own glossary (no flooding to defend against).
type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::FixedState>;

/// What a term string is to its concept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// A source-language term.
    Source,
    /// An approved rendering.
    Approved,
    /// A forbidden rendering.
    Forbidden,
}

/// One concept: glossary rows sharing an `id` (or, without ids, a `source`), or one
/// target-only rule.
#[derive(Debug, Clone, Default)]
pub struct Concept {
    /// Source terms (synonyms), in file order; empty for a target-only rule.
    pub sources: Vec<String>,
    /// Approved renderings, the preferred first.
    pub targets: Vec<String>,
    /// Forbidden renderings (never one that is also approved).
    pub forbidden: Vec<String>,
    /// Notes of the rows, joined with `; `.
    pub note: Option<String>,
    /// Part of speech, from the first row that gives one.
    pub pos: Option<String>,
    /// Subject field, from the first row that gives one.
    pub domain: Option<String>,
    /// An approved rendering equals a source term: keep it verbatim.
    pub do_not_translate: bool,
    /// A row with an empty `source`: its forbidden renderings are flagged anywhere.
    pub target_only: bool,
    /// Indices of the rows in [`TermIndex::entries`].
    pub entries: Vec<usize>,
}

impl Concept {
    /// Whether the concept offers a choice of approved renderings that a document should
    /// not mix (`term-alternatives`): two or more, for a translated source term.
    pub fn has_alternatives(&self) -> bool {
        self.targets.len() >= 2 && !self.target_only && !self.do_not_translate
    }

    /// The term strings of `role`.
    pub fn terms(&self, role: Role) -> &[String] {
        match role {
            Role::Source => &self.sources,
            Role::Approved => &self.targets,
            Role::Forbidden => &self.forbidden,
        }
    }
}

/// One term found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermMatch {
    /// Byte range in the text.
    pub range: Range<usize>,
    /// Index into [`TermIndex::concepts`].
    pub concept: usize,
    /// What the matched string is to the concept.
    pub role: Role,
    /// Index of the string in the concept's list for `role`.
    pub index: usize,
    /// Which form of the term the text uses.
    pub inflection: Inflection,
    /// The text has the term's capitals exactly.
    pub exact_case: bool,
    /// The match begins or ends inside a Chinese word (never set for source matches,
    /// which are dropped instead).
    pub cuts_word: bool,
}

/// One form of a term: byte ranges of its [`Term::text`].
#[derive(Debug)]
struct Form {
    /// Folded form, for verification against folded text.
    folded: (u32, u32),
    /// The form as generated from the glossary (half-width), for the case check.
    original: (u32, u32),
    inflection: Inflection,
}

#[derive(Debug)]
struct Term {
    concept: u32,
    role: Role,
    index: u32,
    case: CaseRule,
    forms: Box<[Form]>,
    /// The forms' strings, one after the other (one allocation per term, not two per
    /// form: a 100,000-term index makes half a million forms).
    text: Box<str>,
    /// Needs a word boundary before / after (starts / ends with a letter or digit of a
    /// script that separates words).
    word_start: bool,
    word_end: bool,
    /// Starts / ends with a Han character (Chinese word check).
    han_start: bool,
    han_end: bool,
}

/// The automaton over a [`Matcher`]'s terms.
struct Automaton {
    ac: Option<AhoCorasick>,
    /// Pattern `p` stands for `terms[starts[p]..starts[p + 1]]`.
    starts: Vec<u32>,
    /// The terms and forms each pattern stands for.
    terms: Vec<Behind>,
    /// Per pattern: whether every term it stands for must start a word, so that a hit
    /// inside a word (`file` in `profile`) needs no verification.
    word_start: Vec<bool>,
}

/// Forms of a term behind an automaton pattern: they all begin with `stem`, which begins
/// with the pattern.
#[derive(Debug, Clone, Copy)]
struct Behind {
    term: u32,
    /// A mask of the term's forms.
    forms: u64,
    /// The stem: a byte range of the term's [`Term::text`].
    stem: (u32, u32),
}

/// Forms of a term the automaton indexes: a mask bit each (a term has a handful: base,
/// plural, past, participle and their spelling variants).
const MAX_FORMS: usize = 64;

/// A set of terms and, built on first use, one automaton over them.
#[derive(Default)]
struct Matcher {
    terms: Vec<Term>,
    automaton: OnceLock<Automaton>,
}

/// Terms made on first use: with 100,000 concepts, making every approved rendering (its
/// inflected forms, folded) up front is a good part of the index's cost, and a run needs
/// only those of the concepts its sources name.
#[derive(Default)]
struct LazyTerms {
    /// Per term: the concept, the position in the concept's approved list, and the entry
    /// (row) whose case and match settings it takes.
    specs: Vec<(u32, u32, u32)>,
    terms: Vec<OnceLock<Term>>,
    /// A matcher over all of them, built when a caller searches for every one.
    all: OnceLock<Matcher>,
}

impl LazyTerms {
    fn new(specs: Vec<(u32, u32, u32)>) -> LazyTerms {
        let terms = specs.iter().map(|_| OnceLock::new()).collect();
        LazyTerms {
            specs,
            terms,
            all: OnceLock::new(),
        }
    }

    fn spec<'a>(
        &self,
        ti: usize,
        concepts: &'a [Concept],
        entries: &'a [TermEntry],
    ) -> TermSpec<'a> {
        let (ci, i, ei) = self.specs[ti];
        let s = &concepts[ci as usize].targets[i as usize];
        let entry = &entries[ei as usize];
        (s, ci as usize, Role::Approved, i as usize, entry, false)
    }

    /// Term `ti`, made now if it has not been yet.
    fn get(&self, ti: usize, concepts: &[Concept], entries: &[TermEntry]) -> &Term {
        self.terms[ti].get_or_init(|| {
            let (s, ci, role, i, entry, exact) = self.spec(ti, concepts, entries);
            Term::new(s, ci, role, i, entry, exact)
        })
    }

    /// The matcher over every term.
    fn all(&self, concepts: &[Concept], entries: &[TermEntry]) -> &Matcher {
        self.all.get_or_init(|| {
            Matcher::new(
                (0..self.specs.len())
                    .map(|ti| self.spec(ti, concepts, entries))
                    .collect(),
            )
        })
    }
}

/// A verified occurrence and the term it belongs to.
type Candidate<'a> = (TermMatch, &'a Term);

/// What [`Term::new`] needs: string, concept, role, position in the role's list, the
/// row it came from, never inflect.
type TermSpec<'a> = (&'a str, usize, Role, usize, &'a TermEntry, bool);

/// All glossary terms of a run, indexed for fast matching. Built once, shared by threads.
pub struct TermIndex {
    /// Every entry, across glossaries, in load order.
    pub entries: Vec<TermEntry>,
    /// Concepts, in order of first appearance.
    pub concepts: Vec<Concept>,
    source: Matcher,
    /// Forbidden renderings and target-only rules: searched in every target.
    target: Matcher,
    /// Approved renderings. A segment needs those of the concepts its source names
    /// ([`TermIndex::find_target_for`]), made on first use and found without an
    /// automaton; a matcher over all of them is built only when a caller needs every
    /// approved rendering.
    approved: LazyTerms,
    /// For each concept, its terms in `approved`.
    approved_of: Vec<Range<u32>>,
    /// Whether any term has a Han character: only then can the segmenter be needed.
    has_han: bool,
    /// Han terms to add to the segmenter's dictionary, sorted, without repeats; collected
    /// on first use (see [`TermIndex::han_words`]).
    han_words: OnceLock<Arc<Vec<String>>>,
    /// Whether checking segments with a source can need the segmenter (see
    /// [`TermIndex::segmenter_expected`]).
    pair_cuts: bool,
    /// The segmenter, loaded on first use or in the background from
    /// [`TermIndex::preload_segmenter`].
    jieba: Arc<OnceLock<jieba_rs::Jieba>>,
}

impl std::fmt::Debug for TermIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TermIndex")
            .field("entries", &self.entries.len())
            .field("concepts", &self.concepts.len())
            .field("source_terms", &self.source.terms.len())
            .field("target_terms", &self.target.terms.len())
            .field("approved_terms", &self.approved.specs.len())
            .finish()
    }
}

impl Default for TermIndex {
    fn default() -> Self {
        TermIndex::build(&[])
    }
}

/// Fold `text` for matching: half-width, lower case. Returns the folded string and, for
/// each folded byte (and one past the end), the original byte offset it came from.
fn fold(text: &str) -> (String, Vec<u32>) {
    let mut out = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len() + 1);
    for (i, c) in text.char_indices() {
        // CJK punctuation, kana and ideographs (most of a Chinese text) have no case
        // and no half-width form: skip the case tables.
        if matches!(c as u32, CASELESS_CJK_START..=CASELESS_CJK_END) {
            out.push(c);
            // Three bytes each in UTF-8.
            map.extend([i as u32; 3]);
            continue;
        }
        let c = to_halfwidth(c);
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            map.push(i as u32);
        } else {
            for l in c.to_lowercase() {
                out.push(l);
                for _ in 0..l.len_utf8() {
                    map.push(i as u32);
                }
            }
        }
    }
    map.push(text.len() as u32);
    (out, map)
}

/// Text folded for matching (see [`fold`]) and the way back to the original offsets.
struct Folded<'t> {
    text: std::borrow::Cow<'t, str>,
    /// For each folded byte (and one past the end), the original offset; `None` when
    /// every byte stays where it was (ASCII text: folding only lower-cases it), which
    /// spares English text a table of four bytes per byte.
    map: Option<Vec<u32>>,
}

impl<'t> Folded<'t> {
    /// `text` folded: borrowed when it is ASCII without capitals, lower-cased in a copy
    /// when it is other ASCII, through [`fold`] otherwise.
    fn of(text: &'t str) -> Folded<'t> {
        if !text.is_ascii() {
            let (folded, map) = fold(text);
            return Folded {
                text: std::borrow::Cow::Owned(folded),
                map: Some(map),
            };
        }
        let text = if text.bytes().any(|b| b.is_ascii_uppercase()) {
            std::borrow::Cow::Owned(text.to_ascii_lowercase())
        } else {
            std::borrow::Cow::Borrowed(text)
        };
        Folded { text, map: None }
    }

    /// The folded text.
    fn text(&self) -> &str {
        &self.text
    }

    /// The original offset of folded byte `i` (`i` may be the folded length).
    fn original(&self, i: usize) -> usize {
        match &self.map {
            None => i,
            Some(map) => map[i] as usize,
        }
    }
}

/// U+3001..=U+9FFF (CJK symbols and punctuation, kana, CJK ideographs): characters that
/// folding leaves alone (U+3000, the ideographic space, becomes a space).
const CASELESS_CJK_START: u32 = 0x3001;
/// See [`CASELESS_CJK_START`].
const CASELESS_CJK_END: u32 = 0x9FFF;

/// Whether folding leaves `s` as it is (ASCII without capitals: most English terms).
fn is_folded(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase())
}

/// Append `s` folded for matching (half-width, lower case) to `out`.
fn fold_into(s: &str, out: &mut String) {
    if s.is_ascii() {
        out.extend(s.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        return;
    }
    for c in s.chars().map(to_halfwidth) {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
}

fn halfwidth(s: &str) -> String {
    if s.is_ascii() {
        return s.to_string();
    }
    s.chars().map(to_halfwidth).collect()
}

/// A letter, digit or underscore of a script that separates words with spaces.
fn is_word_char(c: char) -> bool {
    (c.is_alphanumeric() || c == '_' || matches!(c as u32, 0x300..=0x36F)) && !is_cjk(c)
}

/// Whether the character before byte `at` of `text` is a word character ([`is_word_char`]).
fn word_char_before(text: &str, at: usize) -> bool {
    text[..at].chars().next_back().is_some_and(is_word_char)
}

/// Whether the character at byte `at` of `text` is a word character ([`is_word_char`]).
fn word_char_at(text: &str, at: usize) -> bool {
    text[at..].chars().next().is_some_and(is_word_char)
}

/// Whether the term's last word should inflect under `mode`.
fn inflects(mode: MatchMode, term: &str) -> bool {
    match mode {
        MatchMode::Exact => false,
        MatchMode::Inflect => true,
        MatchMode::Auto => {
            let (_, last) = inflect::split_last_word(term);
            !last.is_empty()
        }
    }
}

/// The case check of one form against the original text it matched.
/// Returns (accepted, exact).
fn case_ok(rule: CaseRule, form: &str, text: &str) -> (bool, bool) {
    let text_hw = halfwidth(text);
    let exact = text_hw == form;
    let ok = match rule {
        CaseRule::Sensitive => exact,
        CaseRule::Insensitive => true,
        CaseRule::Permissive => {
            if form.chars().count() != text_hw.chars().count() {
                true
            } else {
                form.chars()
                    .zip(text_hw.chars())
                    .all(|(f, t)| !f.is_uppercase() || f == t)
            }
        }
    };
    (ok, exact)
}

impl Term {
    /// The term `term` (string `index` of role `role` of concept `concept`, from the row
    /// `entry`) with its forms. `exact`: never inflect. An empty term has one empty form,
    /// which never matches.
    fn new(
        term: &str,
        concept: usize,
        role: Role,
        index: usize,
        entry: &TermEntry,
        exact: bool,
    ) -> Term {
        let trimmed = term.trim();
        // Most terms are ASCII, already half-width: borrowed, not copied.
        let widened;
        let original: &str = if trimmed.is_ascii() {
            trimmed
        } else {
            widened = halfwidth(trimmed);
            &widened
        };
        let inflecting = !exact && inflects(entry.match_mode, original);
        let (head, last) = inflect::split_last_word(original);
        // The generated forms of the last word, one after another in `generated`.
        let mut generated = String::new();
        let mut ranges: Vec<(Range<usize>, Inflection)> = Vec::new();
        let whole = !inflecting || last.is_empty();
        if !whole {
            generated.reserve(8 * (last.len() + 4));
            ranges.reserve(8);
            inflect::forms_into(last, &mut generated, &mut ranges);
        }
        // Sized for every form as written and, unless the term is folded already (then so
        // are its forms: suffixes are lower case), folded: allocated once, at its size.
        let room = if whole {
            original.len()
        } else {
            ranges
                .iter()
                .map(|(r, _)| head.len() + r.len())
                .sum::<usize>()
        };
        let folded_too = if is_folded(original) { 1 } else { 2 };
        let mut text = String::with_capacity(folded_too * room);
        let mut forms: Vec<Form> = Vec::with_capacity(ranges.len().max(1));
        let mut add = |parts: [&str; 2], inflection: Inflection| {
            let start = text.len() as u32;
            text.push_str(parts[0]);
            text.push_str(parts[1]);
            let original = (start, text.len() as u32);
            let already_folded = parts.iter().all(|p| is_folded(p));
            let folded = if already_folded {
                original
            } else {
                fold_into(parts[0], &mut text);
                fold_into(parts[1], &mut text);
                (original.1, text.len() as u32)
            };
            forms.push(Form {
                folded,
                original,
                inflection,
            });
        };
        if whole {
            add([original, ""], Inflection::Base);
        } else {
            for (r, inflection) in ranges {
                add([head, &generated[r]], inflection);
            }
        }
        let first = original.chars().next().unwrap_or(' ');
        let last_c = original.chars().next_back().unwrap_or(' ');
        Term {
            concept: concept as u32,
            role,
            index: index as u32,
            case: entry.case,
            forms: forms.into_boxed_slice(),
            text: text.into_boxed_str(),
            word_start: is_word_char(first),
            word_end: is_word_char(last_c) || (inflecting && !last.is_empty()),
            han_start: is_han(first),
            han_end: is_han(last_c),
        }
    }
}

impl Matcher {
    /// A matcher over the terms described by `specs`, made in parallel.
    fn new(specs: Vec<TermSpec<'_>>) -> Matcher {
        Matcher {
            terms: specs
                .into_par_iter()
                .map(|(s, ci, role, i, entry, exact)| Term::new(s, ci, role, i, entry, exact))
                .collect(),
            automaton: OnceLock::new(),
        }
    }

    /// The automaton, built on first use.
    fn automaton(&self) -> &Automaton {
        self.automaton.get_or_init(|| Automaton::build(&self.terms))
    }

    /// Every verified occurrence of any term in `text` (folded as `folded`, with `map`
    /// back to `text`), unselected. `english`: whether inflected forms count.
    fn candidates<'a>(
        &'a self,
        text: &str,
        folding: &Folded<'_>,
        english: bool,
        out: &mut Vec<Candidate<'a>>,
    ) {
        let auto = self.automaton();
        let Some(ac) = &auto.ac else {
            return;
        };
        let folded = folding.text();
        for m in ac.find_overlapping_iter(folded) {
            let p = m.pattern().as_usize();
            // `map` gives the original offset of each folded byte: always a character
            // boundary of `text`.
            if auto.word_start[p] && word_char_before(text, folding.original(m.start())) {
                continue;
            }
            let key_end = m.end();
            for &Behind {
                term: ti,
                mut forms,
                stem,
            } in auto.stands_for(p)
            {
                let term = &self.terms[ti as usize];
                // The stem past the key decides for all its forms at once (most hits
                // of a short key are other words).
                let stem_rest =
                    &term.text.as_bytes()[stem.0 as usize + (key_end - m.start())..stem.1 as usize];
                if !folded.as_bytes()[key_end..].starts_with(stem_rest) {
                    continue;
                }
                while forms != 0 {
                    let fi = forms.trailing_zeros();
                    forms &= forms - 1;
                    out.extend(term.verify(text, folding, m.start(), fi, english));
                }
            }
        }
    }
}

/// Every verified occurrence of `terms`, found by searching for each of their forms: for
/// a handful of terms, cheaper than an automaton over all of them.
fn candidates_of<'a>(
    terms: impl Iterator<Item = &'a Term>,
    text: &str,
    folding: &Folded<'_>,
    english: bool,
    out: &mut Vec<Candidate<'a>>,
) {
    let folded = folding.text();
    for term in terms {
        for (fi, form) in term.forms.iter().enumerate() {
            let pat = term.folded(form);
            let Some(step) = pat.chars().next().map(char::len_utf8) else {
                continue;
            };
            let mut from = 0;
            // One searcher per form, reused along the text.
            let finder = memchr::memmem::Finder::new(pat.as_bytes());
            while let Some(at) = finder.find(&folded.as_bytes()[from..]) {
                let start = from + at;
                out.extend(term.verify(text, folding, start, fi as u32, english));
                from = start + step;
            }
        }
    }
}

impl Term {
    /// The folded string of `form`.
    fn folded(&self, form: &Form) -> &str {
        &self.text[form.folded.0 as usize..form.folded.1 as usize]
    }

    /// The string of `form` as generated from the glossary.
    fn original(&self, form: &Form) -> &str {
        &self.text[form.original.0 as usize..form.original.1 as usize]
    }

    /// Verify that form `fi` of this term occurs at byte `start` of the folded text:
    /// language, word boundaries and case.
    fn verify<'a>(
        &'a self,
        text: &str,
        folding: &Folded<'_>,
        start: usize,
        fi: u32,
        english: bool,
    ) -> Option<Candidate<'a>> {
        let folded = folding.text();
        let form = &self.forms[fi as usize];
        if form.inflection != Inflection::Base && !english {
            return None;
        }
        let form_folded = self.folded(form);
        if !folded[start..].starts_with(form_folded) {
            return None;
        }
        let fend = start + form_folded.len();
        let (os, oe) = (folding.original(start), folding.original(fend));
        if oe <= os || !text.is_char_boundary(os) || !text.is_char_boundary(oe) {
            return None;
        }
        if self.word_start && word_char_before(text, os) {
            return None;
        }
        if self.word_end && word_char_at(text, oe) {
            return None;
        }
        let (ok, exact) = case_ok(self.case, self.original(form), &text[os..oe]);
        if !ok {
            return None;
        }
        Some((
            TermMatch {
                range: os..oe,
                concept: self.concept as usize,
                role: self.role,
                index: self.index as usize,
                inflection: form.inflection,
                exact_case: exact,
                cuts_word: false,
            },
            self,
        ))
    }
}

/// A stem, its term, the mask of the term's forms it stands for, and its byte range in
/// the term's text.
type StemRecord<'a> = (&'a str, u32, u64, (u32, u32));

/// At most this many distinct stems share one automaton key.
const MAX_STEMS_PER_KEY: usize = 8;

/// The shortest automaton key, in bytes (a shorter stem is its own key).
const MIN_KEY: usize = 4;

/// Push the stem records of `term` (number `ti`) to `stems`: see [`Automaton::build`].
fn stems_of<'a>(term: &'a Term, ti: u32, stems: &mut Vec<StemRecord<'a>>) {
    let base = term.folded(&term.forms[0]);
    let min_len = base.len().saturating_sub(2).max(1.min(base.len()));
    let shared = |f: &str| {
        let n = f
            .bytes()
            .zip(base.bytes())
            .take_while(|(a, b)| a == b)
            .count();
        (n >= min_len).then_some(n)
    };
    let stem_len = term
        .forms
        .iter()
        .filter_map(|f| shared(term.folded(f)))
        .min()
        .unwrap_or(base.len());
    // A stem ends on a character boundary, so it stays a prefix of every form
    // that shares it.
    let stem_len = (0..=stem_len)
        .rev()
        .find(|&n| base.is_char_boundary(n))
        .unwrap_or(0);
    let mut regular = 0u64;
    for (fi, f) in term.forms.iter().enumerate().take(MAX_FORMS) {
        let folded = term.folded(f);
        match shared(folded) {
            Some(_) if stem_len > 0 => regular |= 1 << fi,
            _ if !folded.is_empty() => stems.push((folded, ti, 1 << fi, f.folded)),
            _ => {}
        }
    }
    if regular != 0 {
        let at = term.forms[0].folded.0;
        stems.push((&base[..stem_len], ti, regular, (at, at + stem_len as u32)));
    }
}

/// Terms per parallel task when the automaton's stems are made.
const STEM_CHUNK: usize = 4096;

impl Automaton {
    /// The automaton over `terms`.
    ///
    /// The regular forms of a term share a stem: its base, at most two bytes shorter
    /// (`agenc` for `agency`, `agencies`; `mak` for `make`, `making`); irregular forms
    /// (`children`) are stems of their own. The automaton's patterns are not even the
    /// stems but their keys: the shortest prefixes that at most [`MAX_STEMS_PER_KEY`]
    /// stems share (`hos` may stand for `host` and `hostel`). Each occurrence of a key is
    /// verified against the forms behind it. An automaton over 100,000 whole terms has
    /// millions of states and takes seconds to build; over the keys it is a fraction of
    /// that, and a hit costs a few prefix comparisons.
    fn build(terms: &[Term]) -> Automaton {
        // (stem, term, forms, stem range in the term's text): the forms of a term that
        // share its stem make one record, irregular forms one each. The forms are bits of
        // a mask (a term has a handful). In term order, made on all cores.
        let stems: Vec<StemRecord<'_>> = terms
            .par_chunks(STEM_CHUNK)
            .enumerate()
            .flat_map_iter(|(chunk, part)| {
                let first = chunk * STEM_CHUNK;
                let mut stems = Vec::with_capacity(part.len() + part.len() / 8);
                for (k, term) in part.iter().enumerate() {
                    stems_of(term, (first + k) as u32, &mut stems);
                }
                stems
            })
            .collect();
        Self::from_stems(terms, stems)
    }

    /// The automaton over the stem records of `terms`.
    fn from_stems<'a>(terms: &'a [Term], stems: Vec<StemRecord<'a>>) -> Automaton {
        // Sorting the stems is a good part of the build: compare their first eight bytes
        // as one number, and the rest only on a tie; on both cores.
        let prefix = |s: &str| {
            let mut b = [0u8; 8];
            let n = s.len().min(8);
            b[..n].copy_from_slice(&s.as_bytes()[..n]);
            u64::from_be_bytes(b)
        };
        let mut keyed: Vec<(u64, StemRecord<'_>)> =
            stems.into_iter().map(|st| (prefix(st.0), st)).collect();
        keyed.par_sort_unstable_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1 .0.cmp(b.1 .0)));
        let mut distinct: Vec<&str> = keyed.iter().map(|(_, st)| st.0).collect();
        distinct.dedup();
        let lengths = key_lengths(&distinct, MAX_STEMS_PER_KEY);
        // Walk the stems in sorted order beside their distinct list; equal keys are
        // nearly always adjacent, the map catches the rest.
        let mut keys: Vec<&str> = Vec::new();
        let mut key_ids: HashMap<&str, u32> = HashMap::default();
        let mut items: Vec<(u32, Behind)> = Vec::with_capacity(keyed.len());
        let mut d = 0;
        for &(_, (stem, ti, forms, range)) in &keyed {
            while distinct[d] != stem {
                d += 1;
            }
            // Never shorter than MIN_KEY bytes (or the whole stem): with few stems the
            // shared-prefix rule alone gives keys of a letter or two, which hit at almost
            // every position of a text.
            let mut len = lengths[d].max(MIN_KEY.min(stem.len()));
            while !stem.is_char_boundary(len) {
                len += 1;
            }
            let key = &stem[..len];
            let id = if keys.last() == Some(&key) {
                keys.len() as u32 - 1
            } else {
                *key_ids.entry(key).or_insert_with(|| {
                    keys.push(key);
                    keys.len() as u32 - 1
                })
            };
            items.push((
                id,
                Behind {
                    term: ti,
                    forms,
                    stem: range,
                },
            ));
        }
        // Group by key (stable: the order of the sorted stems within a key).
        items.par_sort_by_key(|&(id, _)| id);
        let mut starts: Vec<u32> = Vec::with_capacity(keys.len() + 1);
        for (i, &(id, _)) in items.iter().enumerate() {
            while starts.len() <= id as usize {
                starts.push(i as u32);
            }
        }
        starts.push(items.len() as u32);
        let ac = if keys.is_empty() {
            None
        } else {
            // Standard (overlapping) semantics; keys are unique by construction. The
            // contiguous NFA builds several times faster than a DFA or a double array
            // over a large alphabet (Chinese) and searches about as fast.
            AhoCorasick::builder()
                .kind(Some(AhoCorasickKind::ContiguousNFA))
                .build(&keys)
                .ok()
        };
        let word_start = starts
            .windows(2)
            .map(|w| {
                items[w[0] as usize..w[1] as usize]
                    .iter()
                    .all(|(_, b)| terms[b.term as usize].word_start)
            })
            .collect();
        Automaton {
            ac,
            starts,
            terms: items.into_iter().map(|(_, b)| b).collect(),
            word_start,
        }
    }

    /// The terms and forms that key `pattern` stands for.
    fn stands_for(&self, pattern: usize) -> &[Behind] {
        &self.terms[self.starts[pattern] as usize..self.starts[pattern + 1] as usize]
    }
}

/// For each of the sorted, distinct `strings`, the length in bytes of its key: the
/// shortest prefix (ending on a character boundary) that at most `max` of the strings
/// share, or the whole string.
///
/// The strings sharing a prefix of length `l` with string `i` form a run around `i` in
/// sorted order. That run has more than `max` members exactly when some window of
/// `max + 1` consecutive strings containing `i` has all its neighbouring common
/// prefixes at least `l` long; so the key is one byte longer than the longest such
/// window minimum.
fn key_lengths(strings: &[&str], max: usize) -> Vec<usize> {
    let n = strings.len();
    // Each of the three passes is independent per position: on all cores.
    let lcp: Vec<usize> = strings
        .par_windows(2)
        .map(|w| {
            w[0].bytes()
                .zip(w[1].bytes())
                .take_while(|(a, b)| a == b)
                .count()
        })
        .collect();
    // window_min[w]: the shortest common prefix among strings w..=w+max.
    let window_min: Vec<usize> = if n > max {
        (0..n - max)
            .into_par_iter()
            .map(|w| lcp[w..w + max].iter().copied().min().unwrap_or(0))
            .collect()
    } else {
        Vec::new()
    };
    (0..n)
        .into_par_iter()
        .map(|i| {
            let s = strings[i];
            let first = i.saturating_sub(max);
            let last = i.min(window_min.len().saturating_sub(1));
            let shared = if window_min.is_empty() || first > last {
                0
            } else {
                window_min[first..=last].iter().copied().max().unwrap_or(0)
            };
            let mut len = (shared + 1).min(s.len());
            while !s.is_char_boundary(len) {
                len += 1;
            }
            len
        })
        .collect()
}

/// Sort candidates by position; where several terms match the same text, those with the
/// exact case win, and repeats of one term at one place are dropped.
fn select(mut out: Vec<Candidate<'_>>) -> Vec<Candidate<'_>> {
    // Where several terms match the same text, those with the exact case win.
    out.sort_by(|a, b| {
        (a.0.range.start, a.0.range.end, !a.0.exact_case).cmp(&(
            b.0.range.start,
            b.0.range.end,
            !b.0.exact_case,
        ))
    });
    let mut kept: Vec<Candidate<'_>> = Vec::with_capacity(out.len());
    for (m, t) in out {
        if let Some((prev, _)) = kept.last() {
            if prev.range == m.range && prev.exact_case && !m.exact_case {
                continue;
            }
            if prev.range == m.range
                && prev.concept == m.concept
                && prev.role == m.role
                && prev.index == m.index
            {
                continue;
            }
        }
        kept.push((m, t));
    }
    kept
}

/// Background segmenter loads running (see [`TermIndex::preload_segmenter`]): at most one.
static BACKGROUND_LOADS: AtomicUsize = AtomicUsize::new(0);

/// jieba's default dictionary, being loaded in the background by [`warm_up_segmenter`].
static WARM_SEGMENTER: Mutex<Option<std::thread::JoinHandle<jieba_rs::Jieba>>> = Mutex::new(None);

/// Start loading the word segmenter's dictionary (a good part of a second) in a background
/// thread, so that the index built next finds it ready: call it before loading a glossary
/// that may hold Chinese terms. The first index that needs a segmenter takes it; at most
/// one load runs at a time.
pub fn warm_up_segmenter() {
    let Ok(mut slot) = WARM_SEGMENTER.lock() else {
        return;
    };
    if slot.is_none() {
        *slot = std::thread::Builder::new().spawn(jieba_rs::Jieba::new).ok();
    }
}

/// Whether glossary row `entry` may need the word segmenter, as far as one row tells: the
/// rule of [`TermIndex::segmenter_expected`] (Chinese source terms and forbidden renderings;
/// approved ones only for alternatives, or when `bilingual` is false), before the rows are
/// grouped into concepts. Callers use it to start [`warm_up_segmenter`] early; the index
/// decides again with its concepts.
pub fn may_need_segmenter(entry: &TermEntry, bilingual: bool) -> bool {
    let has_han = |s: &String| s.chars().any(is_han);
    has_han(&entry.source)
        || entry.forbidden.iter().any(has_han)
        || ((!bilingual || entry.targets.len() >= 2) && entry.targets.iter().any(has_han))
}

/// jieba's dictionary with the glossary's Han terms added.
fn load_jieba(han_words: &[String]) -> jieba_rs::Jieba {
    let warm = WARM_SEGMENTER.lock().ok().and_then(|mut slot| slot.take());
    let mut j = warm
        .and_then(|handle| handle.join().ok())
        .unwrap_or_default();
    for w in han_words {
        if !j.has_word(w) {
            j.add_word(w, None, None);
        }
    }
    j
}

/// Whether jieba keeps `c` inside a block it segments (its default `RE_HAN_DEFAULT`
/// class: CJK ideographs, ASCII letters and digits, `+#&._%-`); other characters split
/// blocks, and blocks are segmented independently.
fn is_jieba_block_char(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2A6DF
        | 0x2A700..=0x2EBEF | 0x2F800..=0x2FA1F)
        || c.is_ascii_alphanumeric()
        || matches!(c, '+' | '#' | '&' | '.' | '_' | '%' | '-')
}

/// The jieba block of `text` around byte offset `at` (empty when `at` touches none).
fn jieba_block(text: &str, at: usize) -> Range<usize> {
    let start = text[..at]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_jieba_block_char(c))
        .last()
        .map_or(at, |(i, _)| i);
    let end = text[at..]
        .char_indices()
        .find(|&(_, c)| !is_jieba_block_char(c))
        .map_or(text.len(), |(i, _)| at + i);
    start..end
}

/// For each string of a concept, (role, position in its list, row it came from); empty
/// for a concept of one row, whose strings all come from it.
type StringRows = Vec<(Role, usize, usize)>;

/// The concept made of the rows `rows` (indices into `entries`, in file order), and for
/// each of its strings (role, position in its list) the row it came from where there are
/// several (a string not listed comes from the first row).
fn concept_from_rows(entries: &[TermEntry], rows: &[u32]) -> (Concept, StringRows) {
    let first = &entries[rows[0] as usize];
    let mut c = Concept {
        target_only: first.source.is_empty(),
        entries: rows.iter().map(|&ei| ei as usize).collect(),
        ..Default::default()
    };
    let mut fe: Vec<(Role, usize, usize)> = Vec::new();
    // A concept of one row (most of them) needs no list: every string falls back to its
    // first row.
    let several = rows.len() > 1;
    for &ei in rows {
        let (ei, e) = (ei as usize, &entries[ei as usize]);
        let mut add = |list: &mut Vec<String>, role: Role, s: &String| {
            if !list.contains(s) {
                if several {
                    fe.push((role, list.len(), ei));
                }
                list.push(s.clone());
            }
        };
        if !e.source.is_empty() {
            add(&mut c.sources, Role::Source, &e.source);
        }
        for t in &e.targets {
            add(&mut c.targets, Role::Approved, t);
        }
        for f in &e.forbidden {
            add(&mut c.forbidden, Role::Forbidden, f);
        }
        if let Some(n) = &e.note {
            match &mut c.note {
                Some(old) if !old.split("; ").any(|x| x == n) => {
                    old.push_str("; ");
                    old.push_str(n);
                }
                Some(_) => {}
                None => c.note = Some(n.clone()),
            }
        }
        if c.pos.is_none() {
            c.pos = e.pos.clone();
        }
        if c.domain.is_none() {
            c.domain = e.domain.clone();
        }
    }
    // An approved rendering is never also forbidden. Dropping a forbidden string shifts
    // the ones after it: renumber their rows in `fe` so each keeps its own case and
    // match settings.
    let mut kept = 0;
    let mut renumber: Vec<Option<usize>> = Vec::with_capacity(c.forbidden.len());
    for f in &c.forbidden {
        if c.targets.contains(f) {
            renumber.push(None);
        } else {
            renumber.push(Some(kept));
            kept += 1;
        }
    }
    if kept < c.forbidden.len() {
        fe.retain_mut(|(role, k, _)| {
            if *role != Role::Forbidden {
                return true;
            }
            match renumber[*k] {
                Some(new) => {
                    *k = new;
                    true
                }
                None => false,
            }
        });
        let mut it = renumber.iter();
        c.forbidden
            .retain(|_| it.next().is_some_and(Option::is_some));
    }
    c.do_not_translate = c.sources.iter().any(|s| c.targets.contains(s));
    (c, fe)
}

/// Whether inflected (English) forms count in text of `lang`.
fn english(lang: Option<&Lang>) -> bool {
    !matches!(lang, Some(l) if !l.is_english())
}

impl TermIndex {
    /// Index the entries of `glossaries`: group rows into concepts, then build one
    /// automaton over the source terms and one over the target renderings.
    pub fn build(glossaries: &[Glossary]) -> TermIndex {
        TermIndex::from_entries(
            glossaries
                .iter()
                .flat_map(|g| g.entries.iter().cloned())
                .collect(),
        )
    }

    /// Like [`TermIndex::build`], from the entries of the glossaries in load order
    /// (taken, not copied: with 100,000 entries the copy is a good part of the cost).
    pub fn from_entries(entries: Vec<TermEntry>) -> TermIndex {
        // Rows with the same id (in one file), or else the same source, are one concept.
        // First each row's concept (one pass, in order), then each concept's lists
        // (independent of each other: on all cores).
        #[derive(PartialEq, Eq, Hash)]
        enum Key<'a> {
            Id(&'a str, &'a str),
            Source(&'a str),
        }
        let mut by_key: HashMap<Key<'_>, u32> =
            HashMap::with_capacity_and_hasher(entries.len(), Default::default());
        let mut concept_of: Vec<u32> = Vec::with_capacity(entries.len());
        let mut n_concepts = 0u32;
        for e in &entries {
            let ci = if e.source.is_empty() {
                None
            } else {
                let key = match &e.id {
                    Some(id) => Key::Id(&e.origin.file, id),
                    None => Key::Source(&e.source),
                };
                match by_key.entry(key) {
                    std::collections::hash_map::Entry::Occupied(o) => Some(*o.get()),
                    std::collections::hash_map::Entry::Vacant(v) => {
                        v.insert(n_concepts);
                        None
                    }
                }
            };
            concept_of.push(ci.unwrap_or_else(|| {
                n_concepts += 1;
                n_concepts - 1
            }));
        }
        drop(by_key);
        // The rows of concept `c`: members[starts[c]..starts[c + 1]], in file order.
        let mut starts = vec![0u32; n_concepts as usize + 1];
        for &c in &concept_of {
            starts[c as usize + 1] += 1;
        }
        for c in 0..n_concepts as usize {
            starts[c + 1] += starts[c];
        }
        let mut members = vec![0u32; entries.len()];
        let mut next = starts.clone();
        for (ei, &c) in concept_of.iter().enumerate() {
            members[next[c as usize] as usize] = ei as u32;
            next[c as usize] += 1;
        }
        // Per concept: (role, position in its list) -> the entry the string came from. A
        // concept has a handful of strings: a list beats a map per concept.
        // Written in place (a plain `unzip` gathers pieces and copies them: 20 MB for
        // 100,000 concepts).
        let mut concepts: Vec<Concept> = Vec::new();
        let mut first_entry: Vec<StringRows> = Vec::new();
        (0..n_concepts as usize)
            .into_par_iter()
            .map(|ci| {
                let rows = &members[starts[ci] as usize..starts[ci + 1] as usize];
                concept_from_rows(&entries, rows)
            })
            .unzip_into_vecs(&mut concepts, &mut first_entry);
        let mut source_specs: Vec<TermSpec<'_>> = Vec::new();
        let mut target_specs: Vec<TermSpec<'_>> = Vec::new();
        let mut approved_specs: Vec<(u32, u32, u32)> = Vec::new();
        let mut approved_of: Vec<Range<u32>> = Vec::with_capacity(concepts.len());
        let mut has_han = false;
        for (ci, c) in concepts.iter().enumerate() {
            let fe = &first_entry[ci];
            let first_approved = approved_specs.len() as u32;
            for role in [Role::Source, Role::Approved, Role::Forbidden] {
                for (i, s) in c.terms(role).iter().enumerate() {
                    let ei = fe
                        .iter()
                        .find(|&&(r, k, _)| r == role && k == i)
                        .map_or(c.entries[0], |&(_, _, ei)| ei);
                    let entry = &entries[ei];
                    has_han = has_han || s.chars().any(is_han);
                    match role {
                        Role::Source => source_specs.push((s, ci, role, i, entry, false)),
                        Role::Approved if c.target_only => {}
                        Role::Approved => approved_specs.push((ci as u32, i as u32, ei as u32)),
                        Role::Forbidden => {
                            target_specs.push((s, ci, role, i, entry, c.target_only))
                        }
                    }
                }
            }
            approved_of.push(first_approved..approved_specs.len() as u32);
        }
        let source = Matcher::new(source_specs);
        let approved = LazyTerms::new(approved_specs);
        let target = Matcher::new(target_specs);
        // The two automata are independent: build them side by side.
        rayon::join(|| source.automaton(), || target.automaton());
        let jieba = Arc::new(OnceLock::new());
        let han_edge = |t: &str| {
            t.trim().chars().next().is_some_and(is_han)
                || t.trim().chars().next_back().is_some_and(is_han)
        };
        let pair_cuts = source.terms.iter().any(|t| t.han_start || t.han_end)
            || target.terms.iter().any(|t| t.han_start || t.han_end)
            || concepts
                .iter()
                .any(|c| c.has_alternatives() && c.targets.iter().any(|t| han_edge(t)));
        TermIndex {
            entries,
            concepts,
            source,
            target,
            approved,
            approved_of,
            has_han,
            han_words: OnceLock::new(),
            pair_cuts,
            jieba,
        }
    }

    /// Start loading the word segmenter in a background thread, so that the first
    /// Chinese match does not wait for it (it takes a good part of a second, better spent
    /// while the inputs are read). Without this call it is loaded on first use. Does
    /// nothing when the glossaries have no Han terms.
    pub fn preload_segmenter(&self) {
        if !self.has_han || self.jieba.get().is_some() {
            return;
        }
        // At most one background load at a time: each holds a whole dictionary (tens of
        // MB) for the better part of a second, and a caller preloading many indexes would
        // otherwise pile up threads until memory runs out. An index preloaded meanwhile
        // loads its segmenter when it first needs it.
        if BACKGROUND_LOADS
            .compare_exchange(0, 1, Ordering::AcqRel, Ordering::Acquire)
            .is_err()
        {
            return;
        }
        let (cell, words) = (Arc::clone(&self.jieba), Arc::clone(self.han_words()));
        let spawned = std::thread::Builder::new().spawn(move || {
            // Skip the work if the index is already gone.
            if Arc::strong_count(&cell) > 1 {
                cell.get_or_init(|| load_jieba(&words));
            }
            drop(cell);
            BACKGROUND_LOADS.fetch_sub(1, Ordering::AcqRel);
        });
        if spawned.is_err() {
            BACKGROUND_LOADS.fetch_sub(1, Ordering::AcqRel);
        }
    }

    /// Whether checking will probably need the word segmenter, so that
    /// [`TermIndex::preload_segmenter`] is worth its cost (a dictionary load and, for a
    /// large glossary, a good part of a second adding terms). Segments with a source need it
    /// only for Chinese source terms, forbidden renderings and rules, and concepts with
    /// alternative renderings: an approved rendering counts wherever it stands, so a Chinese
    /// target is never segmented for it. Monolingual documents (`bilingual` false) are
    /// searched for every rendering. Either way the segmenter is loaded on first use if the
    /// guess is wrong.
    pub fn segmenter_expected(&self, bilingual: bool) -> bool {
        self.has_han && (!bilingual || self.pair_cuts)
    }

    /// Whether the index holds no terms.
    pub fn is_empty(&self) -> bool {
        self.concepts.is_empty()
    }

    /// The word segmenter, loaded on first use with the Han glossary terms added.
    fn jieba(&self) -> &jieba_rs::Jieba {
        self.jieba.get_or_init(|| load_jieba(self.han_words()))
    }

    /// The Han terms of every concept, sorted and without repeats: what the segmenter's
    /// dictionary gets. Collected on first use, since an index whose checks never segment
    /// (an en -> zh glossary of approved renderings) does without them.
    fn han_words(&self) -> &Arc<Vec<String>> {
        self.han_words.get_or_init(|| {
            let mut words: Vec<String> = self
                .concepts
                .iter()
                .flat_map(|c| [Role::Source, Role::Approved, Role::Forbidden].map(|r| c.terms(r)))
                .flatten()
                .filter(|s| s.chars().any(is_han))
                .cloned()
                .collect();
            // Equal strings are indistinguishable: the unstable sort gives the same list.
            words.sort_unstable();
            words.dedup();
            Arc::new(words)
        })
    }

    /// Mark candidates whose Han edge cuts through a word of `text` (with `only`, just the
    /// candidates of that role: the others keep `cuts_word` false).
    fn mark_cuts(&self, text: &str, cands: &mut [(TermMatch, &Term)], only: Option<Role>) {
        let han_before = |at: usize| text[..at].chars().next_back().is_some_and(is_han);
        let han_after = |at: usize| text[at..].chars().next().is_some_and(is_han);
        let needs = |(m, t): &(TermMatch, &Term)| {
            only.map_or(true, |r| m.role == r)
                && ((t.han_start && han_before(m.range.start))
                    || (t.han_end && han_after(m.range.end)))
        };
        if !cands.iter().any(needs) {
            return;
        }
        // Word boundaries of the text; a word that is itself a candidate term may be cut
        // (partly overlapping terms). jieba segments each run of its word characters on its
        // own, so only the runs around the edges to check are segmented, not the whole text.
        let mut words: Vec<Range<usize>> = Vec::new();
        let mut done: Vec<Range<usize>> = Vec::new();
        for c in cands.iter() {
            if !needs(c) {
                continue;
            }
            for at in [c.0.range.start, c.0.range.end] {
                let block = jieba_block(text, at);
                if block.is_empty() || done.contains(&block) {
                    continue;
                }
                let mut pos = block.start;
                for w in self.jieba().cut(&text[block.clone()], false) {
                    words.push(pos..pos + w.len());
                    pos += w.len();
                }
                done.push(block);
            }
        }
        words.sort_by_key(|w| w.start);
        let ranges: Vec<Range<usize>> = cands.iter().map(|(m, _)| m.range.clone()).collect();
        let cut_at = |b: usize| {
            let i = words.partition_point(|w| w.end <= b);
            match words.get(i) {
                Some(w) if w.start < b && b < w.end => !ranges.contains(w),
                _ => false,
            }
        };
        for c in cands.iter_mut() {
            if !needs(c) {
                continue;
            }
            let (m, t) = c;
            m.cuts_word = (t.han_start && han_before(m.range.start) && cut_at(m.range.start))
                || (t.han_end && han_after(m.range.end) && cut_at(m.range.end));
        }
    }

    /// The source terms in `text` (a segment's source, in language `lang` when known):
    /// verified, Chinese-word-checked, with nested terms hidden. Sorted by position.
    pub fn find_source(&self, text: &str, lang: Option<&Lang>) -> Vec<TermMatch> {
        let folding = Folded::of(text);
        let mut cands = Vec::new();
        self.source
            .candidates(text, &folding, english(lang), &mut cands);
        if cands.is_empty() {
            return Vec::new();
        }
        let mut cands = select(cands);
        self.mark_cuts(text, &mut cands, None);
        let mut ms: Vec<TermMatch> = cands
            .into_iter()
            .map(|(m, _)| m)
            .filter(|m| !m.cuts_word)
            .collect();
        hide_nested(&mut ms);
        ms
    }

    /// Every rendering (approved and forbidden) and target-only rule in `text` (a
    /// segment's target). Every match is kept; `cuts_word` tells those that begin or end
    /// inside a Chinese word. Sorted by position. Where the source of the segment is
    /// known, [`TermIndex::find_target_for`] does the same work for its concepts only.
    pub fn find_target(&self, text: &str, lang: Option<&Lang>) -> Vec<TermMatch> {
        self.target_matches(text, lang, None, None)
    }

    /// Like [`TermIndex::find_target`], but approved renderings only of `concepts` (the
    /// concepts found in the segment's source); forbidden renderings and target-only
    /// rules of every concept. With a large glossary this is much cheaper: no automaton
    /// over all approved renderings is needed.
    pub fn find_target_for(
        &self,
        text: &str,
        lang: Option<&Lang>,
        concepts: &[usize],
    ) -> Vec<TermMatch> {
        self.target_matches(text, lang, Some(concepts), None)
    }

    /// Like [`TermIndex::find_target_for`], but only forbidden renderings (and target-only
    /// rules) are checked for cutting a Chinese word; approved renderings keep `cuts_word`
    /// false. This is what `term-missing` and `term-forbidden` need (an approved rendering
    /// counts wherever it stands), and it segments a Chinese target only around forbidden
    /// renderings instead of around every rendering.
    pub fn find_renderings_for(
        &self,
        text: &str,
        lang: Option<&Lang>,
        concepts: &[usize],
    ) -> Vec<TermMatch> {
        self.target_matches(text, lang, Some(concepts), Some(Role::Forbidden))
    }

    fn target_matches(
        &self,
        text: &str,
        lang: Option<&Lang>,
        concepts: Option<&[usize]>,
        cut_role: Option<Role>,
    ) -> Vec<TermMatch> {
        let folding = Folded::of(text);
        let english = english(lang);
        let mut cands = Vec::new();
        self.target.candidates(text, &folding, english, &mut cands);
        match concepts {
            None => self
                .approved
                .all(&self.concepts, &self.entries)
                .candidates(text, &folding, english, &mut cands),
            Some(cs) => {
                for &c in cs {
                    if let Some(terms) = self.approved_of.get(c) {
                        let terms = terms.clone().map(|ti| {
                            self.approved
                                .get(ti as usize, &self.concepts, &self.entries)
                        });
                        candidates_of(terms, text, &folding, english, &mut cands);
                    }
                }
            }
        }
        if cands.is_empty() {
            return Vec::new();
        }
        let mut cands = select(cands);
        self.mark_cuts(text, &mut cands, cut_role);
        cands.into_iter().map(|(m, _)| m).collect()
    }

    /// The string a match stands for (the glossary's spelling of it).
    pub fn term(&self, m: &TermMatch) -> &str {
        &self.concepts[m.concept].terms(m.role)[m.index]
    }

    /// The preferred rendering of `concept`, inflected and capitalised like `replaced`
    /// (a form with inflection `infl`): `mainframes` -> `hosts`.
    pub fn suggestion(&self, concept: usize, replaced: &str, infl: Inflection) -> Option<String> {
        let c = &self.concepts[concept];
        let preferred = c.targets.first()?;
        let s = if c.target_only {
            preferred.clone()
        } else {
            inflect::inflect_phrase(preferred, infl)
        };
        Some(inflect::match_case(replaced, &s))
    }
}

/// Drop every match that lies strictly inside another (same span: both kept).
fn hide_nested(ms: &mut Vec<TermMatch>) {
    ms.sort_by(|a, b| {
        (a.range.start, std::cmp::Reverse(a.range.end))
            .cmp(&(b.range.start, std::cmp::Reverse(b.range.end)))
    });
    let mut keep = vec![true; ms.len()];
    // Largest end among matches of earlier (different) spans.
    let mut max_end = 0usize;
    let mut i = 0;
    while i < ms.len() {
        let mut j = i;
        while j < ms.len() && ms[j].range == ms[i].range {
            j += 1;
        }
        if i > 0 && max_end >= ms[i].range.end {
            for k in keep.iter_mut().take(j).skip(i) {
                *k = false;
            }
        }
        max_end = max_end.max(ms[i].range.end);
        i = j;
    }
    let mut it = keep.into_iter();
    ms.retain(|_| it.next().unwrap_or(true));
}

#[cfg(test)]
mod tests {
    /// The CJK shortcut of `fold` changes nothing: those characters have no case and no
    /// half-width form, and the byte map still points at each character.
    #[test]
    fn fold_shortcut_agrees_with_the_case_tables() {
        for u in super::CASELESS_CJK_START..=super::CASELESS_CJK_END {
            let Some(c) = char::from_u32(u) else { continue };
            assert_eq!(super::to_halfwidth(c), c, "{u:X}");
            assert!(c.to_lowercase().eq([c]), "{u:X}");
            assert_eq!(c.len_utf8(), 3);
        }
        let (folded, map) = super::fold("Ａ主机，HOST。");
        assert_eq!(folded, "a主机,host。");
        assert_eq!(
            map,
            [0, 3, 3, 3, 6, 6, 6, 9, 12, 13, 14, 15, 16, 16, 16, 19]
        );
    }

    /// [`super::Folded`]'s ASCII shortcut against the general [`super::fold`].
    fn assert_folding_agrees(text: &str) {
        let folding = super::Folded::of(text);
        let (folded, map) = super::fold(text);
        assert_eq!(folding.text(), folded, "{text:?}");
        for (i, &o) in map.iter().enumerate() {
            assert_eq!(folding.original(i), o as usize, "{text:?} at {i}");
        }
    }

    #[test]
    fn ascii_folding_agrees_with_the_general_fold() {
        for text in [
            "",
            "host",
            "Host HOSTS",
            "a\tb",
            "git commit --amend",
            "主机 Host",
            "Ａbc",
        ] {
            assert_folding_agrees(text);
        }
    }

    proptest::proptest! {
        #[test]
        fn folding_agrees_with_the_general_fold(text in "[ -~]{0,40}|[ -~ａ-ｚＡ-Ｚ主机İ]{0,20}") {
            assert_folding_agrees(&text);
        }
    }

    #[test]
    fn segmenting_one_block_agrees_with_segmenting_the_whole_text() {
        let jieba = jieba_rs::Jieba::new();
        for text in [
            "请使用U盘复制2020年的文件，然后运行 git-commit 命令。",
            "主机(host)与服务器之间的连接已断开：%s 无法访问",
            "黑客攻击了5.2万台计算机服务器和网络设备",
        ] {
            let mut whole = Vec::new();
            let mut at = 0;
            for w in jieba.cut(text, false) {
                whole.push(at..at + w.len());
                at += w.len();
            }
            for (i, _) in text.char_indices() {
                let block = jieba_block(text, i);
                if block.is_empty() {
                    continue;
                }
                let mut pos = block.start;
                for w in jieba.cut(&text[block.clone()], false) {
                    assert!(whole.contains(&(pos..pos + w.len())), "{text}: {block:?}");
                    pos += w.len();
                }
            }
        }
    }

    use super::*;

    /// Found by the tbx fuzz target: building many indexes with Han terms started one
    /// dictionary load per index in the background, until memory ran out. Building no
    /// longer loads anything; preloading runs one load at a time.
    #[test]
    fn background_segmenter_loads_do_not_pile_up() {
        for i in 0..40 {
            let csv = format!("source,target\nhost{i},主机{i}\n");
            let idx = index(&csv);
            idx.preload_segmenter();
            assert!(BACKGROUND_LOADS.load(Ordering::Acquire) <= 1);
            drop(idx);
        }
        // An index still finds its Chinese terms (loading the segmenter itself if needed).
        let idx = index("source,target\nhost,主机\n");
        assert_eq!(idx.find_target("连接到主机。", None).len(), 1);
    }

    #[test]
    fn renderings_for_the_term_checks_segment_only_around_forbidden_ones() {
        // 文件 inside 文件夹 cuts a word: find_target_for says so for the approved
        // rendering; find_renderings_for does not ask (an approved rendering counts
        // wherever it stands) but still does for a forbidden one.
        let idx = index("source,target,forbidden\nfile,文件,档案\nfolder,文件夹,\n");
        let file = [0usize];
        let cut = |ms: Vec<TermMatch>| -> Vec<(Role, bool)> {
            ms.into_iter().map(|m| (m.role, m.cuts_word)).collect()
        };
        let text = "打开文件夹";
        assert_eq!(
            cut(idx.find_target_for(text, None, &file)),
            vec![(Role::Approved, true)]
        );
        assert_eq!(
            cut(idx.find_renderings_for(text, None, &file)),
            vec![(Role::Approved, false)]
        );
        let text = "打开档案夹";
        assert_eq!(
            cut(idx.find_renderings_for(text, None, &file)),
            vec![(
                Role::Forbidden,
                idx.find_target_for(text, None, &file)[0].cuts_word
            )]
        );
    }

    #[test]
    fn the_segmenter_is_expected_only_where_a_check_asks_it() {
        // Approved Chinese renderings alone: bilingual checks never segment.
        let approved = index("source,target\nfile,文件\nfolder,文件夹\n");
        assert!(!approved.segmenter_expected(true));
        assert!(approved.segmenter_expected(false));
        // A Chinese source term, a forbidden rendering, alternatives: they do.
        for csv in [
            "source,target\n主机,host\n",
            "source,target,forbidden\nhost,主机,大型机\n",
            "source,target\nhost,主机|宿主机\n",
        ] {
            assert!(index(csv).segmenter_expected(true), "{csv}");
        }
        // No Chinese at all: never.
        assert!(!index("source,target\nhost,Wirt\n").segmenter_expected(false));
    }

    /// Build an index from CSV text.
    fn index(csv: &str) -> TermIndex {
        let g = Glossary::from_csv("t.csv", csv.as_bytes(), false).expect("test glossary");
        TermIndex::build(&[g])
    }

    /// The source-side spans found, as text.
    fn found<'a>(idx: &TermIndex, text: &'a str, lang: &str) -> Vec<&'a str> {
        idx.find_source(text, Lang::parse(lang).as_ref())
            .into_iter()
            .map(|m| &text[m.range])
            .collect()
    }

    #[test]
    fn matcher_table() {
        // (glossary rows without header, source language, text, expected spans)
        let table: &[(&str, &str, &str, &[&str])] = &[
            // permissive case
            (
                "host,主机",
                "en",
                "The Host is up; HOST too",
                &["Host", "HOST"],
            ),
            ("US,美国", "en", "the US and us", &["US"]),
            ("Internet,互联网", "en", "the internet", &[]),
            // inflected last words
            ("host,主机", "en", "two hosts", &["hosts"]),
            (
                "government agency,政府机构",
                "en",
                "government agencies and a government agency",
                &["government agencies", "government agency"],
            ),
            (
                "commit,提交",
                "en",
                "he committed it, committing",
                &["committed", "committing"],
            ),
            ("child,子", "en", "children", &["children"]),
            ("write,写", "en", "written", &["written"]),
            // derived words never match
            ("attack,攻击", "en", "the attacker attacks", &["attacks"]),
            ("host,主机", "en", "hostile hostel ghost", &[]),
            // inflection only in English text
            ("host,主机", "fr", "hosts host", &["host"]),
            // word boundaries and inner punctuation
            (
                "CNCERT/CC,CNCERT/CC",
                "zh",
                "中国（CNCERT/CC）发布",
                &["CNCERT/CC"],
            ),
            (
                "APT-C-39,APT-C-39",
                "en",
                "APT-C-39, not APT-C-390",
                &["APT-C-39"],
            ),
            ("Wi-Fi,无线", "en", "Wi-Fi and wi-fi", &["Wi-Fi"]),
            ("CIA,美国中央情报局", "en", "CIAO SOCIAL (CIA)", &["CIA"]),
            // full-width Latin
            ("CIA,美国中央情报局", "zh", "ＣＩＡ的行动", &["ＣＩＡ"]),
            (
                "APT-C-39,APT-C-39",
                "zh",
                "组织ＡＰＴ－Ｃ－３９曾",
                &["ＡＰＴ－Ｃ－３９"],
            ),
            // Chinese: nested hidden, overlapping both kept
            (
                "国家互联网应急中心,CNCERT/CC\n互联网,Internet",
                "zh",
                "中国国家互联网应急中心数据",
                &["国家互联网应急中心"],
            ),
            ("互联网,Internet", "zh", "大型互联网公司", &["互联网"]),
            (
                "网络攻击,cyber-attack\n攻击组织,attack group",
                "zh",
                "网络攻击组织",
                &["网络攻击", "攻击组织"],
            ),
            // Chinese: matches that cut through a word
            ("北约,NATO", "zh", "华北约有三成", &[]),
            ("北约,NATO", "zh", "美国及其北约盟国", &["北约"]),
            ("中国,China", "zh", "发展中国家", &[]),
            ("中国,China", "zh", "中国是受害国", &["中国"]),
            ("主机,host", "zh", "民主机制", &[]),
            ("主机,host", "zh", "约531万台主机", &["主机"]),
            // multi-word English with a nested term hidden
            (
                "commit message,提交说明\ncommit,提交",
                "en",
                "Edit the commit message",
                &["commit message"],
            ),
        ];
        for (rows, lang, text, expected) in table {
            let idx = index(&format!("source,target\n{rows}\n"));
            assert_eq!(&found(&idx, text, lang), expected, "{rows:?} in {text:?}");
        }
    }

    #[test]
    fn exact_case_entry_wins() {
        let idx = index("source,target\nHEAD,HEAD\nhead,头\n");
        let concept_of = |text: &str| -> Vec<String> {
            idx.find_source(text, None)
                .iter()
                .map(|m| idx.concepts[m.concept].targets[0].clone())
                .collect()
        };
        assert_eq!(concept_of("detached HEAD"), ["HEAD"]);
        assert_eq!(concept_of("the head of"), ["头"]);
        assert_eq!(concept_of("Head of"), ["头"]);
    }

    #[test]
    fn forbidden_rows_keep_their_own_settings_after_an_approved_duplicate_is_dropped() {
        // `machine` is forbidden by the first row but approved by the second, so it leaves
        // the forbidden list; `mainframe` (third row) must keep its case-sensitive rule.
        let idx = index(
            "source,target,forbidden,case\n\
             主机,hosts,machine,\n\
             主机,machine,,\n\
             主机,hosts,mainframe,sensitive\n",
        );
        assert_eq!(idx.concepts[0].forbidden, ["mainframe"]);
        let en = Lang::parse("en");
        let found_target = |t: &str| -> Vec<(String, Role)> {
            idx.find_target(t, en.as_ref())
                .into_iter()
                .map(|m| (t[m.range].to_string(), m.role))
                .collect()
        };
        assert_eq!(
            found_target("mainframe"),
            [("mainframe".to_string(), Role::Forbidden)]
        );
        assert!(found_target("Mainframe").is_empty());
        assert_eq!(
            found_target("a machine"),
            [("machine".to_string(), Role::Approved)]
        );
    }

    #[test]
    fn key_lengths_agree_with_counting_shared_prefixes() {
        // Brute force: the shortest prefix on a character boundary that at most `max`
        // strings share.
        fn brute(strings: &[&str], i: usize, max: usize) -> usize {
            let s = strings[i];
            for (at, c) in s.char_indices() {
                let l = at + c.len_utf8();
                if strings.iter().filter(|t| t.starts_with(&s[..l])).count() <= max {
                    return l;
                }
            }
            s.len()
        }
        let mut rng = 0x2545_F491_4F6C_DD1Du64;
        let alphabet = ['a', 'b', 'c', '主', '机', 'é'];
        for round in 0..200 {
            let mut strings: Vec<String> = (0..1 + round % 40)
                .map(|_| {
                    rng ^= rng << 13;
                    rng ^= rng >> 7;
                    rng ^= rng << 17;
                    (0..1 + rng % 5)
                        .map(|k| alphabet[((rng >> (8 * k)) % 6) as usize])
                        .collect()
                })
                .collect();
            strings.sort();
            strings.dedup();
            let refs: Vec<&str> = strings.iter().map(String::as_str).collect();
            for max in [1, 2, 3, 8] {
                let got = key_lengths(&refs, max);
                for (i, &len) in got.iter().enumerate() {
                    assert_eq!(len, brute(&refs, i, max), "{refs:?} {i} max {max}");
                }
            }
        }
    }

    #[test]
    fn case_rules() {
        let idx = index("source,target,case\nhost,主机,sensitive\nNATO,北约,insensitive\n");
        assert_eq!(found(&idx, "Host host", "en"), ["host"]);
        assert_eq!(found(&idx, "nato Nato", "en"), ["nato", "Nato"]);
    }

    #[test]
    fn match_exact_column() {
        let idx = index("source,target,match\nhost,主机,exact\n");
        assert_eq!(found(&idx, "hosts host", "en"), ["host"]);
    }

    #[test]
    fn target_side_renderings_and_inflection() {
        let idx = index("source,target,forbidden\n主机,host,mainframe\n,in terms of,in term of\n");
        let t = "controlled mainframes, in term of numbers; In term of";
        let ms = idx.find_target(t, Lang::parse("en").as_ref());
        let got: Vec<(&str, Role, Inflection)> = ms
            .iter()
            .map(|m| (&t[m.range.clone()], m.role, m.inflection))
            .collect();
        assert_eq!(
            got,
            [
                ("mainframes", Role::Forbidden, Inflection::S),
                ("in term of", Role::Forbidden, Inflection::Base),
                ("In term of", Role::Forbidden, Inflection::Base),
            ]
        );
        assert_eq!(
            idx.suggestion(ms[0].concept, "mainframes", ms[0].inflection)
                .as_deref(),
            Some("hosts")
        );
        assert_eq!(
            idx.suggestion(ms[2].concept, "In term of", ms[2].inflection)
                .as_deref(),
            Some("In terms of")
        );
        // Target-only rules match exactly as written: no inflection.
        let idx = index("source,target,forbidden\n,in terms of,in term of\n");
        assert!(idx.find_target("in term ofs", None).is_empty());
    }

    #[test]
    fn concepts_group_by_id_and_source() {
        let idx = index(
            "source,target,forbidden,id,note\n\
             恶意程序,malicious program,,,a\n\
             恶意程序,malware,,,b\n\
             网络攻击,cyber-attack,,c1,\n\
             网络袭击,cyberattack,cyber attack,c1,\n\
             APT-C-39,APT-C-39,,,\n",
        );
        assert_eq!(idx.concepts.len(), 3);
        assert_eq!(idx.concepts[0].targets, ["malicious program", "malware"]);
        assert_eq!(idx.concepts[0].note.as_deref(), Some("a; b"));
        assert_eq!(idx.concepts[1].sources, ["网络攻击", "网络袭击"]);
        assert!(idx.concepts[2].do_not_translate);
        assert!(!idx.concepts[0].do_not_translate);
    }

    #[test]
    fn spans_map_back_through_folding() {
        // Non-ASCII lower-casing and full-width forms keep exact original spans.
        let idx = index("source,target\nÉcole,学校\nhost,主机\n");
        let t = "ÉCOLE, Ｈｏｓｔ";
        assert_eq!(found(&idx, t, "fr"), ["ÉCOLE", "Ｈｏｓｔ"]);
    }
}
