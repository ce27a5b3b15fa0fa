//! `termlint glossary extract`: candidate glossary entries mined from bilingual files, for
//! a terminologist to review.
//!
//! Four kinds of evidence, each giving rows of source term, proposed rendering, frequency
//! and a score in `0..=1`:
//!
//! - **aligned**: recurring source n-grams (English: one to four words, none starting or
//!   ending with a function word; Chinese: jieba words and runs of two or three adjacent
//!   words) paired with the recurring target n-gram that co-occurs with them most strongly
//!   across segments. The score is the Dice coefficient `2·both / (source + target)` over
//!   segment counts; pairs seen together fewer than `min_freq` times, or scoring under
//!   `min_score`, are dropped. A longer source n-gram whose best rendering is that of a
//!   shorter n-gram inside it adds nothing and is dropped; a shorter one that nearly always
//!   occurs inside one longer n-gram is a fragment and is dropped.
//! - **acronym**: `Long Form (ACR)` in English text (the long form found by the
//!   Schwartz–Hearst algorithm), with the rendering the other side gives the long form
//!   (the Chinese words before `（ACR）`, or the English long form before `(ACR)`).
//! - **parenthesised**: a Chinese term followed by the English term in brackets
//!   (`稀疏检出（sparse checkout）`) where the other side has that English term.
//! - **do-not-translate**: source tokens shaped like names (acronyms, CamelCase, letters
//!   with digits; any Latin token when the target is written in another script) that the
//!   target keeps verbatim in most segments where they occur.
//!
//! Entries whose source term is already in a given glossary (as the `check` matcher finds
//! it, inflections included) are skipped. The output is glossary CSV (SPEC §2) with the
//! extra columns `frequency`, `score`, `example` and `status` (`proposed`).

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;
use std::io::Write;
use std::ops::Range;

use rayon::prelude::*;

use super::{Role, TermIndex};
use crate::formats::{Input, LoadOptions};
use crate::lang::protect::protected_spans;
use crate::lang::script::{is_han, is_latin_letter};
use crate::lang::words::{self, Fnv};
use crate::lang::Lang;
use crate::segment::Document;

/// Settings of one extraction.
#[derive(Debug, Clone)]
pub struct ExtractOptions {
    /// Minimum number of segments a candidate (and an aligned pair) must occur in.
    pub min_freq: usize,
    /// Minimum score (Dice coefficient, share of verbatim copies) of a candidate.
    pub min_score: f64,
    /// Keep at most this many candidates (the best scored).
    pub limit: Option<usize>,
    /// Longest source n-gram, in words.
    pub max_words: usize,
}

impl Default for ExtractOptions {
    fn default() -> Self {
        ExtractOptions {
            min_freq: 3,
            min_score: 0.3,
            limit: None,
            max_words: 4,
        }
    }
}

/// What evidence a candidate comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// Co-occurrence of source and target n-grams across segments.
    Aligned,
    /// `Long Form (ACR)`.
    Acronym,
    /// `中文术语（English term）`.
    Parenthesised,
    /// Kept verbatim in the target.
    DoNotTranslate,
}

impl Kind {
    /// The name written in the `note` column.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Aligned => "aligned",
            Kind::Acronym => "acronym",
            Kind::Parenthesised => "parenthesised",
            Kind::DoNotTranslate => "do-not-translate",
        }
    }
}

/// One proposed glossary entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// The source term.
    pub source: String,
    /// The proposed rendering (equal to `source` for do-not-translate).
    pub target: String,
    /// The evidence.
    pub kind: Kind,
    /// Segments whose source has the term.
    pub frequency: usize,
    /// Confidence in `0..=1`: Dice coefficient (aligned), share of occurrences that agree
    /// (acronym, parenthesised) or that keep the term verbatim (do-not-translate).
    pub score: f64,
    /// Human-readable evidence (`aligned: together in 12 of 14 segments`).
    pub note: String,
    /// `file:line: source text` of a segment showing the pair.
    pub example: String,
}

/// Which segmenter and stop list a side uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    /// Han text cut into words by jieba.
    Chinese,
    /// Space-separated words; `english` turns on the English stop list and plural folding.
    Words { english: bool },
}

/// A token of a chunk: its text in the segment and its key (normalised form).
#[derive(Debug, Clone)]
struct Tok {
    text: String,
    key: String,
    stop: bool,
    han: bool,
}

type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// Extra English words that never begin or end a term (besides the function words).
const EN_STOP_EXTRA: &[&str] = &[
    "again",
    "already",
    "always",
    "anyway",
    "below",
    "cannot",
    "can't",
    "couldn't",
    "didn't",
    "doesn't",
    "don't",
    "e.g",
    "etc",
    "ever",
    "following",
    "given",
    "here",
    "however",
    "i",
    "i.e",
    "isn't",
    "it's",
    "just",
    "let",
    "me",
    "never",
    "now",
    "ok",
    "once",
    "one",
    "only",
    "other",
    "please",
    "same",
    "still",
    "us",
    "wasn't",
    "won't",
    "yet",
];

/// Chinese words that never begin or end a term: particles, pronouns, conjunctions,
/// prepositions and adverbs (jieba gives most of them as one-character words).
const ZH_STOP: &[&str] = &[
    "一", "一个", "上", "下", "不", "与", "且", "个", "中", "为", "也", "了", "以", "以及", "从",
    "他", "他们", "但", "但是", "使", "使用", "再", "则", "到", "及", "又", "可", "可以", "各",
    "向", "吗", "否", "呢", "和", "因为", "在", "她", "如", "如果", "它", "对", "对于", "将", "就",
    "已", "已经", "并", "并且", "很", "您", "您的", "或", "或者", "所", "所以", "所有", "把", "时",
    "是", "更", "最", "有", "未", "正在", "每", "没有", "由", "的", "着", "能", "自", "被", "要",
    "让", "请", "该", "这", "这个", "这些", "那", "那个", "都", "里", "需要", "非", "你", "我",
    "我们", "你们", "其", "此", "之", "于", "等", "会", "还", "给", "地", "得", "过", "后", "前",
    "无", "无法", "不能", "不是", "个人", "时候", "必须",
];

fn en_stop(word: &str) -> bool {
    words::is_function_word(word) || EN_STOP_EXTRA.contains(&word)
}

fn zh_stop(word: &str) -> bool {
    ZH_STOP.contains(&word)
}

/// The singular of an English plural noun when the word list knows it (`branches` ->
/// `branch`, `entries` -> `entry`, `commits` -> `commit`), else the word itself.
fn fold_plural(word: &str) -> String {
    let lower = word;
    if lower.len() < 4 || !lower.ends_with('s') || lower.ends_with("ss") || lower.ends_with("us") {
        return lower.to_string();
    }
    let cands = [
        lower.strip_suffix('s').map(str::to_string),
        lower.strip_suffix("es").map(str::to_string),
        lower.strip_suffix("ies").map(|s| format!("{s}y")),
    ];
    for c in cands.iter().flatten() {
        if c.len() >= 2 && words::zipf(c).is_some() {
            return c.clone();
        }
    }
    if lower.ends_with("is") || !lower.bytes().all(|b| b.is_ascii_lowercase()) {
        return lower.to_string();
    }
    lower[..lower.len() - 1].to_string()
}

/// An English `-ly` adverb (`immediately`, `cleanly`): the word without `ly` is a word of
/// four letters or more.
fn is_adverb(word: &str) -> bool {
    word.len() >= 6
        && word
            .strip_suffix("ly")
            .is_some_and(|stem| stem.len() >= 4 && words::zipf(stem).is_some())
}

/// Whether `c` may continue a Latin word (letters, digits; `-`, `'` and `.` only between
/// two of them, checked by the caller).
fn word_char(c: char) -> bool {
    c.is_alphanumeric() && !is_han(c)
}

/// Split `text` into chunks of adjacent tokens: n-grams never cross punctuation, protected
/// spans (placeholders, options, paths, URLs, tags) or a change of script.
fn chunks(text: &str, script: Script, jieba: Option<&jieba_rs::Jieba>) -> Vec<Vec<Tok>> {
    let protected: Vec<Range<usize>> = protected_spans(text).into_iter().map(|(r, _)| r).collect();
    let mut out: Vec<Vec<Tok>> = Vec::new();
    let mut cur: Vec<Tok> = Vec::new();
    let flush = |cur: &mut Vec<Tok>, out: &mut Vec<Vec<Tok>>| {
        if !cur.is_empty() {
            out.push(std::mem::take(cur));
        }
    };
    let mut p = 0; // next protected span
    let mut i = 0;
    while i < text.len() {
        while p < protected.len() && protected[p].end <= i {
            p += 1;
        }
        if p < protected.len() && protected[p].start <= i {
            flush(&mut cur, &mut out);
            i = protected[p].end;
            continue;
        }
        let c = text[i..].chars().next().unwrap_or(' ');
        let stop_at = protected.get(p).map_or(text.len(), |r| r.start);
        if is_han(c) {
            let start = i;
            let mut j = i;
            while j < stop_at {
                let d = text[j..].chars().next().unwrap_or(' ');
                if !is_han(d) {
                    break;
                }
                j += d.len_utf8();
            }
            flush(&mut cur, &mut out);
            let run = &text[start..j];
            match (script, jieba) {
                (Script::Chinese, Some(jb)) => {
                    for w in jb.cut(run, false) {
                        cur.push(Tok {
                            text: w.to_string(),
                            key: w.to_string(),
                            stop: zh_stop(w),
                            han: true,
                        });
                    }
                }
                _ => {
                    // Han in a text of another script: one opaque token.
                    cur.push(Tok {
                        text: run.to_string(),
                        key: run.to_string(),
                        stop: true,
                        han: true,
                    });
                }
            }
            flush(&mut cur, &mut out);
            i = j;
        } else if word_char(c) {
            let start = i;
            let mut j = i + c.len_utf8();
            while j < stop_at {
                let d = text[j..].chars().next().unwrap_or(' ');
                let joiner = matches!(d, '-' | '\'' | '’' | '.')
                    && j + d.len_utf8() < stop_at
                    && text[j + d.len_utf8()..]
                        .chars()
                        .next()
                        .is_some_and(word_char);
                if word_char(d) || joiner {
                    j += d.len_utf8();
                } else {
                    break;
                }
            }
            let w = &text[start..j];
            let english = matches!(script, Script::Words { english: true });
            let lower = w.to_lowercase();
            let stop = if english {
                en_stop(&lower)
            } else {
                lower.chars().count() < 2
            } || w.chars().all(|c| c.is_ascii_digit());
            cur.push(Tok {
                text: w.to_string(),
                key: lower,
                stop,
                han: false,
            });
            i = j;
        } else if c == ' ' || c == '\t' {
            i += 1;
        } else {
            flush(&mut cur, &mut out);
            i += c.len_utf8();
        }
    }
    flush(&mut cur, &mut out);
    out
}

/// One n-gram occurrence: its key and surface text.
type Gram = (String, String);

/// The candidate n-grams of one side of a segment, each once.
fn grams(
    text: &str,
    script: Script,
    jieba: Option<&jieba_rs::Jieba>,
    max_words: usize,
) -> Vec<Gram> {
    let mut seen: HashSet<String> = HashSet::new();
    let mut out = Vec::new();
    for chunk in chunks(text, script, jieba) {
        match script {
            Script::Chinese => {
                for i in 0..chunk.len() {
                    if !chunk[i].han || chunk[i].stop {
                        continue;
                    }
                    let mut chars = 0;
                    for n in 1..=3 {
                        let Some(last) = chunk.get(i + n - 1) else {
                            break;
                        };
                        if !last.han {
                            break;
                        }
                        chars += last.text.chars().count();
                        if chars > 8 {
                            break;
                        }
                        if last.stop {
                            // No stop word inside a term either (目录的状态).
                            break;
                        }
                        if chars < 2 {
                            continue;
                        }
                        let g: String = chunk[i..i + n].iter().map(|t| t.text.as_str()).collect();
                        if seen.insert(g.clone()) {
                            out.push((g.clone(), g));
                        }
                    }
                }
            }
            Script::Words { english } => {
                for i in 0..chunk.len() {
                    if chunk[i].stop || chunk[i].han || (english && is_adverb(&chunk[i].key)) {
                        continue;
                    }
                    for n in 1..=max_words {
                        let Some(last) = chunk.get(i + n - 1) else {
                            break;
                        };
                        if last.han {
                            break;
                        }
                        if last.stop || (english && is_adverb(&last.key)) {
                            // Only `of` may stand inside a term (`point of view`).
                            if last.key == "of" {
                                continue;
                            }
                            break;
                        }
                        let toks = &chunk[i..i + n];
                        let mut key: Vec<String> = toks.iter().map(|t| t.key.clone()).collect();
                        if english {
                            let l = key.len() - 1;
                            key[l] = fold_plural(&key[l]);
                        }
                        let key = key.join(" ");
                        if seen.insert(key.clone()) {
                            let surface = toks
                                .iter()
                                .map(|t| t.text.as_str())
                                .collect::<Vec<_>>()
                                .join(" ");
                            out.push((key, surface));
                        }
                    }
                }
            }
        }
    }
    out
}

/// Interned n-grams with their segment frequencies and most common surface form.
#[derive(Default)]
struct Vocab {
    ids: FastMap<String, u32>,
    keys: Vec<String>,
    freq: Vec<u32>,
    surfaces: Vec<FastMap<String, u32>>,
}

impl Vocab {
    fn add(&mut self, key: &str, surface: &str) -> u32 {
        let id = match self.ids.get(key) {
            Some(&id) => id,
            None => {
                let id = self.keys.len() as u32;
                self.ids.insert(key.to_string(), id);
                self.keys.push(key.to_string());
                self.freq.push(0);
                self.surfaces.push(FastMap::default());
                id
            }
        };
        let i = id as usize;
        self.freq[i] += 1;
        if self.surfaces[i].len() < 8 || self.surfaces[i].contains_key(surface) {
            *self.surfaces[i].entry(surface.to_string()).or_insert(0) += 1;
        }
        id
    }

    /// The most frequent surface form; lower case wins ties (sentence-initial capitals).
    fn surface(&self, id: u32) -> String {
        let m = &self.surfaces[id as usize];
        let key = &self.keys[id as usize];
        // The base form (`host`, not `hosts`) where the text has it.
        let base: Vec<(&String, &u32)> =
            m.iter().filter(|(s, _)| s.to_lowercase() == *key).collect();
        // Lower case where the text has it (`conflict`, not `CONFLICT` from a heading).
        if let Some(lower) = base.iter().find(|(s, _)| s.as_str() == key.as_str()) {
            return lower.0.clone();
        }
        let mut v: Vec<(&String, &u32)> = if base.is_empty() {
            m.iter().collect()
        } else {
            base
        };
        v.sort_by(|a, b| b.1.cmp(a.1).then_with(|| b.0.cmp(a.0)));
        let best = v.first().map(|x| x.0.clone()).unwrap_or_default();
        // A capitalised form that is only sentence-initial: prefer the lower-case one.
        let lower = best.to_lowercase();
        if lower != best && m.contains_key(&lower) {
            let first_up = best.chars().next().is_some_and(char::is_uppercase);
            let rest_lower = best.chars().skip(1).all(|c| !c.is_uppercase());
            if first_up && rest_lower {
                return lower;
            }
        }
        best
    }
}

/// A segment's place: document and segment index.
type SegRef = (usize, usize);

/// A candidate before its example is chosen: the aligned source and target ids, and the
/// index (in the list of bilingual segments) of a segment where the source occurs.
type Pending = (Candidate, Option<(u32, u32)>, usize);

/// The best rendering seen for a bracket pattern: source, target, count, first segment,
/// note.
type PatternBest = (String, String, usize, SegRef, String);

/// How the two sides of the corpus are written.
fn script_of(lang: Option<&Lang>, sample: &[&str]) -> Script {
    match lang {
        Some(l) if l.is_chinese() => Script::Chinese,
        Some(l) => Script::Words {
            english: l.is_english(),
        },
        None => {
            let (mut han, mut latin) = (0usize, 0usize);
            for s in sample {
                for c in s.chars() {
                    if is_han(c) {
                        han += 1;
                    } else if is_latin_letter(c) {
                        latin += 1;
                    }
                }
            }
            if han > latin / 2 {
                Script::Chinese
            } else {
                Script::Words { english: true }
            }
        }
    }
}

/// The Han words ending a Chinese run right before byte `end` of `text`: the last jieba
/// words after the last stop word, at most `max_words` (one per word of the English
/// counterpart) and ten characters.
fn han_term_before(
    text: &str,
    end: usize,
    max_words: usize,
    jieba: &jieba_rs::Jieba,
) -> Option<String> {
    let before = &text[..end];
    let start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_han(*c))
        .last()
        .map(|(i, _)| i)?;
    let run = &before[start..];
    let ws: Vec<&str> = jieba.cut(run, false);
    let mut take: Vec<&str> = Vec::new();
    let mut chars = 0;
    for w in ws.iter().rev() {
        if zh_stop(w) || take.len() == max_words.clamp(1, 4) {
            break;
        }
        chars += w.chars().count();
        if chars > 10 {
            break;
        }
        take.push(w);
    }
    take.reverse();
    let t: String = take.concat();
    (t.chars().count() >= 2).then_some(t)
}

/// The words of an English term, hyphenated parts counted apart (`remote-tracking
/// branch`: 3), for sizing its Chinese counterpart.
fn en_words(term: &str) -> usize {
    term.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .count()
}

/// Brackets in `text`: (byte offset of the opening bracket, inner range). ASCII and
/// full-width, not nested.
fn brackets(text: &str) -> Vec<(usize, Range<usize>)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    for (i, c) in text.char_indices() {
        match c {
            '(' | '（' => open = Some((i, i + c.len_utf8())),
            ')' | '）' => {
                if let Some((o, s)) = open.take() {
                    if i > s {
                        out.push((o, s..i));
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// Whether `s` is shaped like an acronym: 2 to 10 characters, letters and digits (and
/// `-`, `/`, `&`), starting with a letter, at least two capitals and no space.
fn is_acronym(s: &str) -> bool {
    let n = s.chars().count();
    (2..=10).contains(&n)
        && s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '/' | '&'))
        && s.chars().filter(|c| c.is_ascii_uppercase()).count() >= 2
}

/// Schwartz–Hearst: the long form of acronym `short` among the words before it
/// (`words_before`, the text up to the bracket). Every letter of the acronym must be found
/// right to left in the long form, its first letter at the start of the long form's first
/// word.
fn long_form(short: &str, before: &str) -> Option<String> {
    // The clause before the bracket: back to the last sentence punctuation.
    let clause_start = before
        .char_indices()
        .rev()
        .find(|(_, c)| {
            matches!(
                c,
                '.' | ',' | ';' | ':' | '!' | '?' | '"' | '(' | ')' | '\n'
            ) || is_han(*c)
        })
        .map_or(0, |(i, c)| i + c.len_utf8());
    let clause = before[clause_start..].trim();
    let ws: Vec<&str> = clause.split_whitespace().collect();
    let s: Vec<char> = short
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    if s.is_empty() || ws.is_empty() {
        return None;
    }
    let max_words = (s.len() + 5).min(s.len() * 2);
    let ws = &ws[ws.len().saturating_sub(max_words)..];
    let long: Vec<char> = ws.join(" ").to_lowercase().chars().collect();
    let mut si = s.len() as isize - 1;
    let mut li = long.len() as isize - 1;
    while si >= 0 {
        let c = s[si as usize];
        while li >= 0
            && (long[li as usize] != c
                || (si == 0 && li > 0 && long[li as usize - 1].is_alphanumeric()))
        {
            li -= 1;
        }
        if li < 0 {
            return None;
        }
        li -= 1;
        si -= 1;
    }
    let start_char = (li + 1) as usize;
    // Back to the start of that word, in words.
    let prefix: String = long[..start_char].iter().collect();
    let skip = prefix.split_whitespace().count();
    let form: Vec<&str> = ws[skip..].to_vec();
    if form.is_empty() {
        return None;
    }
    let first = form[0].to_lowercase();
    if en_stop(&first) {
        return None;
    }
    let f = form.join(" ");
    (f.chars().count() > short.chars().count() && !f.contains(short)).then_some(f)
}

/// Whether `needle` occurs in `hay` on word boundaries (no letter or digit on either side).
fn contains_word(hay: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return false;
    }
    let mut from = 0;
    while let Some(p) = hay[from..].find(needle) {
        let s = from + p;
        let e = s + needle.len();
        let before_ok = !hay[..s]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() && !is_han(c));
        let after_ok = !hay[e..]
            .chars()
            .next()
            .is_some_and(|c| c.is_alphanumeric() && !is_han(c));
        if before_ok && after_ok {
            return true;
        }
        from = s + needle.chars().next().map_or(1, char::len_utf8);
    }
    false
}

/// Evidence from a bracket pattern: (source term, target term) -> count, with the first
/// segment seen.
#[derive(Default)]
struct PatternCounts {
    pairs: HashMap<(Kind, String, String), (usize, SegRef, String)>,
    /// Occurrences of each (kind, source key) with any rendering.
    totals: HashMap<(Kind, String), usize>,
}

impl PatternCounts {
    fn add(&mut self, kind: Kind, source: &str, target: &str, at: SegRef, note: String) {
        let key = source.to_lowercase();
        let e = self
            .pairs
            .entry((kind, source.to_string(), target.to_string()))
            .or_insert((0, at, note));
        e.0 += 1;
        *self.totals.entry((kind, key)).or_insert(0) += 1;
    }
}

/// Bracket patterns in one segment: acronyms defined in English text and Chinese terms
/// glossed with their English form.
fn bracket_patterns(
    src: &str,
    tgt: &str,
    src_script: Script,
    tgt_script: Script,
    jieba: Option<&jieba_rs::Jieba>,
    at: SegRef,
    counts: &mut PatternCounts,
) {
    let src_zh = src_script == Script::Chinese;
    let tgt_zh = tgt_script == Script::Chinese;
    // English `Long Form (ACR)`, on either side.
    for (side_text, other, english_is_source) in [(src, tgt, true), (tgt, src, false)] {
        let zh_side = if english_is_source { src_zh } else { tgt_zh };
        if zh_side {
            continue;
        }
        for (open, inner) in brackets(side_text) {
            let acr = side_text[inner].trim();
            if !is_acronym(acr) {
                continue;
            }
            let Some(long) = long_form(acr, &side_text[..open]) else {
                continue;
            };
            let note = format!("acronym: {long} ({acr})");
            // The other side's rendering of the long form: the words before `（ACR）` (or
            // before the acronym itself), or its own English long form.
            let mut rendering: Option<String> = None;
            let other_zh = if english_is_source { tgt_zh } else { src_zh };
            if other_zh {
                if let Some(jb) = jieba {
                    for (o, r) in brackets(other) {
                        if other[r].trim() == acr {
                            rendering = han_term_before(other, o, en_words(&long), jb);
                        }
                    }
                }
            } else if contains_word(other, &long) {
                rendering = Some(long.clone());
            }
            let acr_kept = contains_word(other, acr);
            if english_is_source {
                if let Some(r) = &rendering {
                    counts.add(Kind::Acronym, &long, r, at, note.clone());
                }
                if acr_kept {
                    counts.add(Kind::Acronym, acr, acr, at, note);
                }
            } else if let Some(jb) = jieba.filter(|_| src_zh) {
                // Chinese source: `全称（ACR）` or `全称（简称）` before the same bracket.
                for (o, r) in brackets(src) {
                    let inner = src[r.clone()].trim();
                    if let Some(term) = han_term_before(src, o, en_words(&long), jb) {
                        if inner == acr {
                            counts.add(Kind::Acronym, &term, &long, at, note.clone());
                            counts.add(Kind::Acronym, acr, acr, at, note.clone());
                        } else if inner.chars().all(is_han) && inner.chars().count() >= 2 {
                            counts.add(Kind::Acronym, &term, &long, at, note.clone());
                            counts.add(Kind::Acronym, inner, acr, at, note.clone());
                        }
                    }
                }
            }
        }
    }
    // Chinese `术语（English term）` on either side, the English term on the other.
    if let Some(jb) = jieba {
        for (zh_text, other, zh_is_source) in [(src, tgt, true), (tgt, src, false)] {
            if (zh_is_source && !src_zh) || (!zh_is_source && !tgt_zh) {
                continue;
            }
            for (open, inner) in brackets(zh_text) {
                let en = zh_text[inner].trim();
                let words = en.split_whitespace().count();
                if en.is_empty()
                    || words > 4
                    || en.starts_with('-')
                    || en.contains(" -")
                    || en.contains('/')
                    || !en.chars().any(|c| c.is_ascii_alphabetic())
                    || !en
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '-' | '.' | '/'))
                {
                    continue;
                }
                // The English term as the other side writes it.
                let lower = other.to_lowercase();
                let Some(p) = lower.find(&en.to_lowercase()) else {
                    continue;
                };
                if !contains_word(&lower, &en.to_lowercase()) {
                    continue;
                }
                let en_there = &other[p..p + en.len()];
                let acronym = is_acronym(en);
                if acronym
                    && brackets(other)
                        .iter()
                        .any(|(_, r)| other[r.clone()].trim() == en)
                {
                    // `全称（ACR）` beside `Long Form (ACR)`: the acronym rule's business.
                    continue;
                }
                let size = if acronym {
                    en.chars().filter(char::is_ascii_uppercase).count()
                } else {
                    en_words(en)
                };
                let Some(term) = han_term_before(zh_text, open, size, jb) else {
                    continue;
                };
                let note = format!("parenthesised: {term}（{en}）");
                if zh_is_source {
                    counts.add(Kind::Parenthesised, &term, en_there, at, note);
                } else {
                    counts.add(Kind::Parenthesised, en_there, &term, at, note);
                }
            }
        }
    }
}

/// Whether a token looks like a name to keep verbatim: capitals after the first letter
/// (`HEAD`, `GitHub`), or letters mixed with digits (`SHA-1`, `UTF-8`).
fn name_shaped(w: &str) -> bool {
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2
        && (w.chars().skip(1).any(|c| c.is_uppercase()) || w.chars().any(|c| c.is_ascii_digit()))
}

/// How much `n` observations are worth: `n / (n + 2)`, so that a pair seen three times
/// scores 0.6 of its association and one seen fifty times 0.96.
fn confidence(n: usize) -> f64 {
    n as f64 / (n as f64 + 2.0)
}

/// Mine candidates from the bilingual segments of `docs`; `existing` holds the glossaries
/// whose source terms are skipped.
pub fn extract(
    docs: &[Document],
    existing: Option<&TermIndex>,
    opts: &ExtractOptions,
) -> Vec<Candidate> {
    let min_freq = opts.min_freq.max(1) as u32;
    // The bilingual segments, first plural form only.
    let mut segs: Vec<(SegRef, &str, &str)> = Vec::new();
    for (d, doc) in docs.iter().enumerate() {
        for (s, seg) in doc.segments.iter().enumerate() {
            let (Some(src), Some(tgt)) = (&seg.source, &seg.target) else {
                continue;
            };
            if seg.plural_index().unwrap_or(0) > 0 || tgt.value.trim().is_empty() {
                continue;
            }
            segs.push(((d, s), src.value.as_str(), tgt.value.as_str()));
        }
    }
    if segs.is_empty() {
        return Vec::new();
    }
    let sample_src: Vec<&str> = segs.iter().take(300).map(|s| s.1).collect();
    let sample_tgt: Vec<&str> = segs.iter().take(300).map(|s| s.2).collect();
    let first = &docs[segs[0].0 .0];
    let src_script = script_of(first.source_lang.as_ref(), &sample_src);
    let tgt_script = script_of(first.target_lang.as_ref(), &sample_tgt);
    let jieba =
        (src_script == Script::Chinese || tgt_script == Script::Chinese).then(jieba_rs::Jieba::new);
    let jb = jieba.as_ref();
    let scripts_differ = src_script != tgt_script;

    // Pass 1: the n-grams of each side of each segment (in parallel), and bracket patterns.
    let grams_of: Vec<(Vec<Gram>, Vec<Gram>)> = segs
        .par_iter()
        .map(|(_, s, t)| {
            (
                grams(s, src_script, jb, opts.max_words),
                grams(t, tgt_script, jb, opts.max_words),
            )
        })
        .collect();
    let mut counts = PatternCounts::default();
    for (at, s, t) in &segs {
        if s.contains(['(', '（']) || t.contains(['(', '（']) {
            bracket_patterns(s, t, src_script, tgt_script, jb, *at, &mut counts);
        }
    }
    let mut sv = Vocab::default();
    let mut tv = Vocab::default();
    let mut first_seg: Vec<usize> = Vec::new();
    let seg_ids: Vec<(Vec<u32>, Vec<u32>)> = grams_of
        .iter()
        .enumerate()
        .map(|(k, (gs, gt))| {
            let s: Vec<u32> = gs.iter().map(|(key, sur)| sv.add(key, sur)).collect();
            while first_seg.len() < sv.keys.len() {
                first_seg.push(k);
            }
            let t: Vec<u32> = gt.iter().map(|(key, sur)| tv.add(key, sur)).collect();
            (s, t)
        })
        .collect();
    drop(grams_of);

    // Pass 2: co-occurrence counts of frequent source and target n-grams. Very long
    // segments (whole paragraphs of a manual) pair everything with everything and say
    // little: pairs are not counted there beyond a budget.
    const PAIR_BUDGET: usize = 40_000;
    let mut cooc: FastMap<u64, u32> = FastMap::default();
    let mut fs: Vec<u32> = Vec::new();
    let mut ft: Vec<u32> = Vec::new();
    for (s, t) in &seg_ids {
        fs.clear();
        ft.clear();
        fs.extend(
            s.iter()
                .copied()
                .filter(|&i| sv.freq[i as usize] >= min_freq),
        );
        ft.extend(
            t.iter()
                .copied()
                .filter(|&i| tv.freq[i as usize] >= min_freq),
        );
        if fs.len() * ft.len() > PAIR_BUDGET {
            continue;
        }
        for &a in &fs {
            for &b in &ft {
                *cooc.entry(((a as u64) << 32) | b as u64).or_insert(0) += 1;
            }
        }
    }
    // The best target of each source n-gram.
    let mut best: FastMap<u32, (u32, u32, f64)> = FastMap::default();
    let mut seen_with: FastMap<u32, Vec<(u32, u32)>> = FastMap::default();
    for (&k, &c) in &cooc {
        if c < min_freq {
            continue;
        }
        let (a, b) = ((k >> 32) as u32, (k & 0xffff_ffff) as u32);
        seen_with.entry(a).or_default().push((b, c));
        let dice = 2.0 * c as f64 / (sv.freq[a as usize] + tv.freq[b as usize]) as f64;
        let e = best.entry(a).or_insert((b, c, dice));
        let (kb, ke) = (&tv.keys[b as usize], &tv.keys[e.0 as usize]);
        if dice > e.2 || (dice == e.2 && (kb.len(), ke.as_str()) > (ke.len(), kb.as_str())) {
            *e = (b, c, dice);
        }
    }
    drop(cooc);
    // A best target nearly always seen inside a longer one with the same source is a
    // piece of it (模组 of 子模组, when jieba cuts 个子 from 个子模组): take the longest.
    for (a, e) in best.iter_mut() {
        let key = &tv.keys[e.0 as usize];
        let mut pick = (e.0, e.1);
        for &(b, c) in seen_with.get(a).map_or(&[][..], |v| v.as_slice()) {
            let kb = &tv.keys[b as usize];
            if kb.len() > tv.keys[pick.0 as usize].len()
                && kb.contains(key.as_str())
                && c as f64 >= 0.9 * e.1 as f64
            {
                pick = (b, c);
            }
        }
        if pick.0 != e.0 {
            let dice =
                2.0 * pick.1 as f64 / (sv.freq[*a as usize] + tv.freq[pick.0 as usize]) as f64;
            *e = (pick.0, pick.1, dice);
        }
    }
    drop(seen_with);

    // Do-not-translate: source tokens the target keeps verbatim.
    // Lower-case token -> (segments, segments keeping it, first segment), and its forms.
    let mut dnt: FastMap<String, (usize, usize, usize)> = FastMap::default();
    let mut dnt_forms: FastMap<String, FastMap<String, usize>> = FastMap::default();
    if matches!(src_script, Script::Words { .. }) {
        for (k, (_, s, t)) in segs.iter().enumerate() {
            let mut seen: HashSet<String> = HashSet::new();
            for chunk in chunks(s, src_script, None) {
                for tok in chunk {
                    if tok.han || tok.text.chars().count() < 2 || en_stop(&tok.key) {
                        continue;
                    }
                    if !(scripts_differ || name_shaped(&tok.text)) {
                        continue;
                    }
                    if tok.text.chars().all(|c| c.is_ascii_digit())
                        || !seen.insert(tok.text.clone())
                    {
                        continue;
                    }
                    let e = dnt.entry(tok.key.clone()).or_insert((0, 0, k));
                    e.0 += 1;
                    if contains_word(t, &tok.text) {
                        e.1 += 1;
                    }
                    let forms = dnt_forms.entry(tok.key.clone()).or_default();
                    if forms.len() < 8 || forms.contains_key(&tok.text) {
                        *forms.entry(tok.text.clone()).or_insert(0) += 1;
                    }
                }
            }
        }
    }

    let src_lang = first.source_lang.clone();
    let known = |term: &str| -> bool {
        let Some(ix) = existing else { return false };
        let whole = |t: &str| {
            ix.find_source(t, src_lang.as_ref())
                .iter()
                .any(|m| m.role == Role::Source && m.range == (0..t.len()))
        };
        // The plural too, for a glossary that lists `branches`.
        whole(term)
            || (matches!(src_script, Script::Words { english: true })
                && whole(&super::inflect::inflect_phrase(
                    term,
                    super::inflect::Inflection::S,
                )))
    };

    let mut out: Vec<Pending> = Vec::new();
    let mut dnt_terms: HashSet<String> = HashSet::new();
    for (key, &(occ, kept, k)) in &dnt {
        if occ < min_freq as usize {
            continue;
        }
        // The most frequent form (`Git` at sentence starts, `git` elsewhere: `git`).
        let tok = dnt_forms
            .get(key)
            .and_then(|m| {
                m.iter()
                    .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
                    .map(|x| x.0.clone())
            })
            .unwrap_or_else(|| key.clone());
        let tok = &tok;
        let share = kept as f64 / occ as f64;
        if share < 0.8_f64.max(opts.min_score) || known(tok) {
            continue;
        }
        dnt_terms.insert(tok.to_lowercase());
        out.push((
            Candidate {
                source: tok.clone(),
                target: tok.clone(),
                kind: Kind::DoNotTranslate,
                frequency: occ,
                score: share * confidence(kept),
                note: format!("do-not-translate: kept verbatim in {kept} of {occ} segments"),
                example: String::new(),
            },
            None,
            k,
        ));
    }

    // Aligned pairs, with the redundancy rules.
    let kept_aligned: FastMap<u32, (u32, u32, f64)> = best
        .iter()
        .filter(|(_, &(_, c, dice))| c >= min_freq && dice >= opts.min_score)
        .map(|(&a, &v)| (a, v))
        .collect();
    // Fragments: an n-gram nearly always extended by the same word on one side
    // (`untracked working` in `untracked working tree`) is not a unit of its own.
    let fragments: HashSet<u32> = {
        let mut ext_max: FastMap<u32, u32> = FastMap::default();
        let english = matches!(src_script, Script::Words { english: true });
        for (id, key) in sv.keys.iter().enumerate() {
            let f = sv.freq[id];
            if f < min_freq || !key.contains(' ') {
                continue;
            }
            let parts: Vec<&str> = key.split(' ').collect();
            let n = parts.len();
            let mut prefix: Vec<String> = parts[..n - 1].iter().map(|s| s.to_string()).collect();
            if english {
                let l = prefix.len() - 1;
                prefix[l] = fold_plural(&prefix[l]);
            }
            for sub in [prefix.join(" "), parts[1..].join(" ")] {
                if let Some(&sid) = sv.ids.get(&sub) {
                    let e = ext_max.entry(sid).or_insert(0);
                    *e = (*e).max(f);
                }
            }
        }
        ext_max
            .iter()
            .filter(|(&a, &m)| m as f64 >= 0.9 * sv.freq[a as usize] as f64)
            .map(|(&a, _)| a)
            .collect()
    };

    let key_id = |key: &str| sv.ids.get(key).copied();
    for (&a, &(b, c, dice)) in &kept_aligned {
        if fragments.contains(&a) {
            continue;
        }
        let key = &sv.keys[a as usize];
        let parts: Vec<&str> = key.split(' ').collect();
        // A longer n-gram rendered as one of its parts: redundant.
        let mut redundant = false;
        if parts.len() > 1 {
            'sub: for n in 1..parts.len() {
                for i in 0..=parts.len() - n {
                    let mut sub: Vec<String> =
                        parts[i..i + n].iter().map(|s| s.to_string()).collect();
                    if matches!(src_script, Script::Words { english: true }) {
                        let l = sub.len() - 1;
                        sub[l] = fold_plural(&sub[l]);
                    }
                    if let Some(id) = key_id(&sub.join(" ")) {
                        if !fragments.contains(&id)
                            && kept_aligned.get(&id).is_some_and(|x| x.0 == b)
                        {
                            redundant = true;
                            break 'sub;
                        }
                    }
                }
            }
        }
        if redundant {
            continue;
        }
        let surface = sv.surface(a);
        if dnt_terms.contains(&surface.to_lowercase()) || known(&surface) {
            continue;
        }
        out.push((
            Candidate {
                source: surface,
                target: tv.surface(b),
                kind: Kind::Aligned,
                frequency: sv.freq[a as usize] as usize,
                score: dice * confidence(c as usize),
                note: format!(
                    "aligned: Dice {dice:.2}, together in {c} segments; source in {}, target in {}",
                    sv.freq[a as usize], tv.freq[b as usize]
                ),
                example: String::new(),
            },
            Some((a, b)),
            first_seg[a as usize],
        ));
    }
    // Bracket patterns.
    let mut pattern_best: HashMap<(Kind, String), PatternBest> = HashMap::new();
    for ((kind, s, t), (n, at, note)) in &counts.pairs {
        let e = pattern_best.entry((*kind, s.to_lowercase())).or_insert((
            s.clone(),
            t.clone(),
            0,
            *at,
            note.clone(),
        ));
        if *n > e.2 || (*n == e.2 && t < &e.1) {
            *e = (s.clone(), t.clone(), *n, *at, note.clone());
        }
    }
    let mut pattern_out: Vec<(Candidate, SegRef)> = Vec::new();
    for ((kind, key), (s, t, n, at, note)) in pattern_best {
        let total = counts.totals.get(&(kind, key)).copied().unwrap_or(n).max(1);
        if known(&s) {
            continue;
        }
        let share = n as f64 / total as f64;
        if share < opts.min_score {
            continue;
        }
        // A definition in brackets is strong evidence: one occurrence counts as three.
        let score = share * confidence(n + 2);
        let kind_out = if s == t { Kind::DoNotTranslate } else { kind };
        pattern_out.push((
            Candidate {
                source: s,
                target: t,
                kind: kind_out,
                frequency: n,
                score,
                note: format!("{note}; {n} of {total} occurrences"),
                example: String::new(),
            },
            at,
        ));
    }

    // Examples: a segment with both sides of an aligned pair.
    let mut want: FastMap<u32, Vec<usize>> = FastMap::default();
    for (i, (_, ab, _)) in out.iter().enumerate() {
        if let Some((a, _)) = ab {
            want.entry(*a).or_default().push(i);
        }
    }
    let mut example_seg: Vec<Option<usize>> = vec![None; out.len()];
    for (k, (s, t)) in seg_ids.iter().enumerate() {
        if want.is_empty() {
            break;
        }
        for a in s {
            if let Some(list) = want.get(a) {
                for &i in list {
                    if example_seg[i].is_none() {
                        if let Some((_, b)) = out[i].1 {
                            if t.contains(&b) {
                                example_seg[i] = Some(k);
                            }
                        }
                    }
                }
            }
        }
        want.retain(|_, l| l.iter().any(|&i| example_seg[i].is_none()));
    }
    let mut result: Vec<Candidate> = Vec::with_capacity(out.len() + pattern_out.len());
    for (i, (mut c, _, k)) in out.into_iter().enumerate() {
        let k = example_seg[i].unwrap_or(k);
        c.example = example(docs, segs[k].0);
        result.push(c);
    }
    // A pattern row for a term that co-occurrence also found: keep the better scored.
    for (mut c, at) in pattern_out {
        c.example = example(docs, at);
        if let Some(other) = result
            .iter_mut()
            .find(|r| r.source.eq_ignore_ascii_case(&c.source))
        {
            if other.target == c.target || other.score >= c.score {
                continue;
            }
            *other = c;
        } else {
            result.push(c);
        }
    }
    result.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(b.frequency.cmp(&a.frequency))
            .then_with(|| a.source.cmp(&b.source))
            .then_with(|| a.target.cmp(&b.target))
    });
    if let Some(l) = opts.limit {
        result.truncate(l);
    }
    result
}

/// `file:line: source text` of segment `at` (the text on one line, cut at 160 characters).
fn example(docs: &[Document], at: SegRef) -> String {
    let doc = &docs[at.0];
    let seg = &doc.segments[at.1];
    let Some(src) = &seg.source else {
        return String::new();
    };
    let file = doc.files.get(src.file).map(|f| {
        let (line, _) = f.position(src.file_start(0));
        format!("{}:{line}", f.path)
    });
    let text: String = src.value.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut short: String = text.chars().take(160).collect();
    if short.len() < text.len() {
        short.push('…');
    }
    match file {
        Some(f) => format!("{f}: {short}"),
        None => short,
    }
}

/// The candidates as glossary CSV: `source,target,note,frequency,score,example,status`.
pub fn to_csv(cands: &[Candidate]) -> String {
    let mut w = ::csv::WriterBuilder::new().from_writer(Vec::new());
    let _ = w.write_record([
        "source",
        "target",
        "note",
        "frequency",
        "score",
        "example",
        "status",
    ]);
    for c in cands {
        let _ = w.write_record([
            c.source.as_str(),
            c.target.as_str(),
            c.note.as_str(),
            &c.frequency.to_string(),
            &format!("{:.3}", c.score),
            c.example.as_str(),
            "proposed",
        ]);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// `glossary extract INPUT...`: load the inputs (and the glossaries whose entries are
/// skipped), mine, write CSV to `output` or `out`. Exit 0, or 2 when an input, a glossary
/// or the output cannot be read or written (the rest is still used).
pub fn run(
    glossaries: &[String],
    inputs: &[Input],
    load: &LoadOptions,
    opts: &ExtractOptions,
    output: Option<&str>,
    out: &mut dyn Write,
) -> u8 {
    let (gs, mut errors) = super::load_all(
        glossaries,
        load.source_lang.as_ref(),
        load.target_lang.as_ref(),
    );
    let index = (!gs.is_empty()).then(|| TermIndex::build(&gs));
    let docs = super::load_inputs(inputs, load, &mut errors);
    for e in &errors {
        eprintln!("termlint: error: {e}");
    }
    if inputs.is_empty() {
        eprintln!("termlint: error: no input: give bilingual files or --source/--target");
        return 2;
    }
    let cands = extract(&docs, index.as_ref(), opts);
    let text = to_csv(&cands);
    super::finish_report(&text, output, out, &errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A PO catalog of `pairs` (msgid, msgstr) with a zh_CN header.
    fn po(pairs: &[(&str, &str)]) -> String {
        let mut s = String::from(
            "msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n\"Language: zh_CN\\n\"\n\n",
        );
        for (id, st) in pairs {
            s.push_str(&format!(
                "msgid \"{}\"\nmsgstr \"{}\"\n\n",
                id.replace('"', "\\\""),
                st.replace('"', "\\\"")
            ));
        }
        s
    }

    fn docs(pairs: &[(&str, &str)], src: &str, tgt: &str) -> (tempfile::TempDir, Vec<Document>) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.po");
        std::fs::write(&path, po(pairs)).unwrap();
        let load = LoadOptions {
            source_lang: Lang::parse(src),
            target_lang: Lang::parse(tgt),
            ..Default::default()
        };
        let d = crate::formats::load(&Input::File(path.display().to_string()), &load).unwrap();
        (dir, vec![d])
    }

    fn find<'a>(c: &'a [Candidate], source: &str) -> Option<&'a Candidate> {
        c.iter().find(|c| c.source == source)
    }

    /// Real git.po messages (en -> zh_CN), a few of each term.
    const GIT: &[(&str, &str)] = &[
        ("cannot create branch '%s'", "无法创建分支 '%s'"),
        ("delete the branch", "删除该分支"),
        ("the current branch is not tracked", "当前分支没有被跟踪"),
        ("rename a branch", "重命名一个分支"),
        ("branch '%s' does not exist", "分支 '%s' 不存在"),
        ("your working tree is dirty", "您的工作区不干净"),
        ("clean the working tree first", "请先清理工作区"),
        ("update the working tree", "更新工作区"),
        ("working tree files", "工作区文件"),
        ("show the merge base", "显示合并基线"),
        ("no merge base found", "未找到合并基线"),
        ("the merge base is missing", "合并基线缺失"),
        ("failed to write the file", "无法写入文件"),
        ("the file is missing", "文件缺失"),
        ("cannot read the file", "无法读取文件"),
        ("Check the GPG signature of commits", "检查提交的 GPG 签名"),
        ("GPG failed to sign the data", "GPG 无法为数据签名"),
        ("no GPG key found", "未找到 GPG 密钥"),
    ];

    #[test]
    fn aligns_recurring_terms_and_skips_stop_word_edges() {
        let (_d, docs) = docs(GIT, "en", "zh-CN");
        let c = extract(&docs, None, &ExtractOptions::default());
        let wt = find(&c, "working tree").unwrap_or_else(|| panic!("{c:#?}"));
        assert_eq!(wt.target, "工作区");
        assert_eq!(wt.kind, Kind::Aligned);
        assert_eq!(wt.frequency, 4);
        assert!(wt.example.contains("t.po:"), "{}", wt.example);
        assert_eq!(
            find(&c, "merge base").map(|c| c.target.as_str()),
            Some("合并基线")
        );
        assert_eq!(find(&c, "branch").map(|c| c.target.as_str()), Some("分支"));
        assert_eq!(find(&c, "file").map(|c| c.target.as_str()), Some("文件"));
        // Fragments and n-grams with a function word at an edge are not proposed.
        for bad in ["the branch", "the working tree", "working", "merge", "base"] {
            assert!(find(&c, bad).is_none(), "{bad}: {c:#?}");
        }
        // Sorted by score.
        assert!(c.windows(2).all(|w| w[0].score >= w[1].score));
        // Every score is within 0..=1.
        assert!(c.iter().all(|c| (0.0..=1.0).contains(&c.score)));
    }

    #[test]
    fn do_not_translate_tokens_kept_verbatim() {
        let (_d, docs) = docs(GIT, "en", "zh-CN");
        let c = extract(&docs, None, &ExtractOptions::default());
        let gpg = find(&c, "GPG").expect("GPG");
        assert_eq!(
            (gpg.target.as_str(), gpg.kind),
            ("GPG", Kind::DoNotTranslate)
        );
        // Kept in only one of three segments: not proposed.
        let mut pairs = GIT.to_vec();
        pairs.retain(|p| !p.0.contains("GPG"));
        pairs.extend([
            ("Check the GPG signature", "检查 GPG 签名"),
            ("GPG failed to sign", "签名失败"),
            ("no GPG key", "未找到密钥"),
        ]);
        let (_d2, docs) = super::tests::docs(&pairs, "en", "zh-CN");
        let c = extract(&docs, None, &ExtractOptions::default());
        assert!(find(&c, "GPG").is_none(), "{c:#?}");
    }

    #[test]
    fn existing_entries_are_skipped_inflections_included() {
        let (_d, docs) = docs(GIT, "en", "zh-CN");
        let g = crate::glossary::Glossary::from_csv(
            "g.csv",
            "source,target\nbranch,分支\nGPG,GPG\n".as_bytes(),
            false,
        )
        .unwrap();
        let index = TermIndex::build(&[g]);
        let c = extract(&docs, Some(&index), &ExtractOptions::default());
        assert!(find(&c, "branch").is_none());
        assert!(find(&c, "GPG").is_none());
        assert!(find(&c, "working tree").is_some());
    }

    #[test]
    fn acronyms_and_bracket_glosses() {
        let pairs = [
            (
                "fetch the Certificate Revocation List (CRL) from the server",
                "从服务器获取证书吊销列表（CRL）",
            ),
            ("the CRL is too old", "CRL 太旧"),
            ("enable sparse checkout", "启用稀疏检出（sparse checkout）"),
        ];
        let (_d, docs) = docs(&pairs, "en", "zh-CN");
        let c = extract(&docs, None, &ExtractOptions::default());
        let long = find(&c, "Certificate Revocation List").expect("long form");
        assert_eq!(
            (long.target.as_str(), long.kind),
            ("证书吊销列表", Kind::Acronym)
        );
        assert!(long.note.contains("(CRL)"), "{}", long.note);
        let crl = find(&c, "CRL").expect("CRL");
        assert_eq!(crl.target, "CRL");
        let sparse = find(&c, "sparse checkout").expect("sparse checkout");
        assert_eq!(
            (sparse.target.as_str(), sparse.kind),
            ("稀疏检出", Kind::Parenthesised)
        );
    }

    #[test]
    fn chinese_source_english_target() {
        let pairs = [
            (
                "中国国家互联网应急中心（CNCERT/CC）发布报告",
                "CNCERT/CC published a report",
            ),
            (
                "美国中央情报局（CIA）的网络攻击",
                "cyber attacks by the Central Intelligence Agency (CIA)",
            ),
            ("恶意程序感染了主机", "malware infected the hosts"),
            ("主机上的恶意程序", "malware on the host"),
            ("清除恶意程序", "remove the malware"),
            ("主机数量", "the number of hosts"),
            ("受控主机", "controlled hosts"),
        ];
        let (_d, docs) = docs(&pairs, "zh-CN", "en");
        let c = extract(&docs, None, &ExtractOptions::default());
        assert_eq!(
            find(&c, "恶意程序").map(|c| c.target.as_str()),
            Some("malware")
        );
        assert_eq!(find(&c, "主机").map(|c| c.target.as_str()), Some("host"));
        let cia = find(&c, "美国中央情报局").unwrap_or_else(|| panic!("{c:#?}"));
        assert_eq!(cia.target, "Central Intelligence Agency");
        assert_eq!(find(&c, "CIA").map(|c| c.target.as_str()), Some("CIA"));
    }

    #[test]
    fn long_forms_by_schwartz_hearst() {
        assert_eq!(
            long_form("CRL", "fetch the Certificate Revocation List ").as_deref(),
            Some("Certificate Revocation List")
        );
        assert_eq!(
            long_form("HTTP", "speaks the Hypertext Transfer Protocol ").as_deref(),
            Some("Hypertext Transfer Protocol")
        );
        // No word starts with the first letter: no long form.
        assert_eq!(long_form("XYZ", "some unrelated words here "), None);
        assert!(is_acronym("CRL") && is_acronym("CNCERT/CC") && !is_acronym("Git"));
    }

    #[test]
    fn plural_folding() {
        assert_eq!(fold_plural("branches"), "branch");
        assert_eq!(fold_plural("entries"), "entry");
        assert_eq!(fold_plural("commits"), "commit");
        assert_eq!(fold_plural("status"), "status");
        assert_eq!(fold_plural("access"), "access");
        assert_eq!(fold_plural("aliases"), "alias");
    }

    #[test]
    fn csv_has_the_glossary_columns_and_loads_as_a_glossary() {
        let (_d, docs) = docs(GIT, "en", "zh-CN");
        let c = extract(
            &docs,
            None,
            &ExtractOptions {
                limit: Some(3),
                ..Default::default()
            },
        );
        assert_eq!(c.len(), 3);
        let text = to_csv(&c);
        assert!(
            text.starts_with("source,target,note,frequency,score,example,status\n"),
            "{text}"
        );
        assert_eq!(text.lines().count(), 4);
        assert!(
            text.lines().skip(1).all(|l| l.ends_with(",proposed")),
            "{text}"
        );
        let g = crate::glossary::Glossary::from_csv("out.csv", text.as_bytes(), false).unwrap();
        assert_eq!(g.entries.len(), 3);
        assert_eq!(g.entries[0].source, c[0].source);
        assert_eq!(g.entries[0].targets, [c[0].target.clone()]);
    }

    #[test]
    fn no_bilingual_segments_no_candidates() {
        let (_d, docs) = docs(&[("untranslated", "")], "en", "zh-CN");
        assert!(extract(&docs, None, &ExtractOptions::default()).is_empty());
    }
}
