//! `spelling-variant`: one word or compound written in variant forms across the target
//! side of the whole run.

use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::hash::Hash;
use std::ops::DerefMut;
use std::ops::Range;
use std::sync::Mutex;
use std::sync::OnceLock;

use super::term_inconsistent::{allowed, excerpt};
use super::{make_diagnostic, Check, Chunk, Fixable, Kept, RuleMeta, RunCtx, StreamedPass};
use crate::diagnostic::{Diagnostic, Severity};
use crate::lang::protect::{overlaps_protected, protected_spans_shared, Protected};
use crate::lang::script::with_char_indices;
use crate::lang::script::{is_latin_letter, to_halfwidth};
use crate::segment::{Document, Side};

/// The `spelling-variant` rule.
pub static SPELLING_VARIANT: RuleMeta = RuleMeta {
    name: "spelling-variant",
    default_severity: Severity::Warning,
    summary: "one word or compound written in variant forms across the target side",
    doc: "## What it does\n\
Counts, over the target side of every input of the run, the forms in which one word or\n\
compound is written, and flags each occurrence of a minority form, with the majority\n\
form as suggestion:\n\n\
- **compounds** hyphenated, open or closed: `cyber-attack` / `cyber attack` /\n\
  `cyberattack`, `e-mail` / `email`;\n\
- **one prefix in different styles**: `cyber-attack`, `cyber attacker`, `cyberspace`\n\
  (for combining forms such as `cyber`, `anti`, `multi`, `non`, `self`; closed forms of\n\
  prefixes other than `cyber` count only when the rest is a word of the text, so\n\
  `multiple` is not `multi` + `ple`);\n\
- **capitalisation mid-sentence**: `Internet` / `internet`, `WikiLeaks` / `Wikileaks`\n\
  (words at a sentence start, after a quote or bracket, all-capital words and short\n\
  headings without final punctuation are not counted);\n\
- **British and American spellings** of one word: `organisation` / `organization`\n\
  (an embedded list, `data/spelling_variants.tsv`; words whose British use mixes both,\n\
  such as `licence`/`license`, are not in it); each word family is counted on its own,\n\
  so Oxford spelling (`organization` with `colour`) is not flagged;\n\
- **straight and curly apostrophes** inside words: `China's` / `China’s`;\n\
- **full-width and half-width** letters and digits: `ＣＩＡ` / `CIA`, `２０２０` / `2020`.\n\n\
Compound, prefix, capitalisation, British/American and apostrophe forms are counted in\n\
targets written in the Latin script only; width forms in every target. Text inside URLs,\n\
placeholders, code and file names is skipped.\n\n\
The majority is the form used most often; on a tie, the form met first in input order.\n\
Each minority occurrence is reported at its own place (its evidence stays in its file);\n\
the note gives every form with its count.\n\n\
## Why\n\
A house style picks one spelling; a text that mixes them looks unedited, and search\n\
and translation memories miss the other forms.\n\n\
## Example\n\
```\n\
China is one of the main victims of cyber-attack.      (majority: hyphenated)\n\
Labeling China as a \"cyber attacker\" ...               <- flagged, suggestion cyber-attacker\n\
... China's influence ... China’s key areas            <- flagged, suggestion China's\n\
```\n\n\
## Options\n\
None.\n\n\
## Fix safety\n\
No automatic fix: the majority is not always the house style.",
    fixable: Fixable::No,
};

/// Finds variant spellings across the run.
pub struct SpellingVariant;

/// Combining forms whose compounds a house style writes one way. `true`: closed forms are
/// compositional (any `cyberX` counts); `false`: a closed form counts only when the rest is
/// itself a word of the text.
const PREFIXES: &[(&str, bool)] = &[
    ("cyber", true),
    ("anti", false),
    ("multi", false),
    ("non", false),
    ("pseudo", false),
    ("semi", false),
    ("self", false),
    ("nano", false),
    ("eco", false),
    ("ultra", false),
];

/// Closed words that look like prefix compounds but are words of their own.
const LEXICALISED: &[&str] = &[
    "cybernetic",
    "cybernetics",
    "antique",
    "antiques",
    "antibody",
    "antibodies",
    "antics",
    "multiple",
    "multiply",
    "multiples",
    "multitude",
    "nonce",
    "none",
    "nonetheless",
    "nonsense",
    "selfish",
    "selfless",
    "semicolon",
    "economy",
    "economic",
    "economics",
    "ecology",
];

/// First elements after which hyphenated and open forms alternate by grammar (a
/// `long-term plan`, `in the long term`): no hyphen/open comparison for them.
const MODIFIER_FIRST: &[&str] = &[
    "well", "long", "short", "high", "low", "full", "part", "real", "open", "first", "last",
    "best", "worst", "half", "top", "end", "old", "new", "large", "small", "big", "middle",
    "third", "second", "one", "two", "three", "four", "five", "ten", "hundred", "day", "year",
    "world", "state", "front", "back", "left", "right", "ill", "far", "near", "all", "up", "down",
    "out", "over", "under", "non", "self", "cross", "free", "hard", "soft", "fast", "slow", "hand",
    "home", "read", "write", "user", "time", "case", "order", "run", "built",
];

/// Second elements that make compound modifiers (`x-based`, `x-wide`).
const MODIFIER_SECOND: &[&str] = &[
    "based",
    "related",
    "level",
    "term",
    "time",
    "scale",
    "wide",
    "like",
    "free",
    "specific",
    "style",
    "friendly",
    "sized",
    "known",
    "made",
    "oriented",
    "driven",
    "only",
    "aware",
    "safe",
    "side",
    "line",
    "party",
    "class",
    "date",
    "range",
    "point",
    "way",
    "width",
    "length",
    "type",
    "generated",
    "defined",
    "independent",
    "dependent",
    "sensitive",
];

/// Function words and particles: an open pair containing one is syntax, not a compound
/// (`log in` / `login`, `every day` / `everyday`, `may be` / `maybe`).
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "in", "on", "to", "up", "out", "off", "over", "under", "down", "by", "for",
    "of", "at", "as", "with", "into", "onto", "back", "away", "any", "every", "some", "no", "all",
    "may", "can", "be", "one", "day", "time", "ever", "where", "what", "how", "who", "body",
    "thing", "way", "self", "it", "is", "and", "or", "not", "so", "that", "there", "here", "this",
    "well", "then", "more", "most", "less", "much", "never", "how",
];

/// Hyphenated words whose closed form is another word (`re-sign` / `resign`).
const HYPHEN_DISTINCT: &[&str] = &[
    "resign",
    "recover",
    "recreation",
    "reform",
    "repress",
    "release",
    "resort",
    "recount",
    "represent",
    "reserve",
    "resolve",
    "retreat",
    "recollect",
    "remark",
    "coop",
    "unionized",
    "research",
    "recede",
    "recreate",
    "refuse",
    "relay",
    "reside",
    "respect",
];

/// Words that are both a common noun and a name (`May`/`may`): not compared by case.
const CASE_HOMOGRAPHS: &[&str] = &[
    "may", "will", "mark", "bill", "rose", "china", "turkey", "polish", "apple", "windows", "word",
    "go", "rust", "python", "java", "amber", "jack", "frank", "grace", "hope", "joy", "iris",
    "violet", "august", "march", "sun", "moon", "earth", "hill", "house", "senate", "state",
    "party", "church", "bank", "web", "office", "outlook", "access", "edge", "chrome", "safari",
    "opera", "gnome", "unix", "linux", "git", "vim", "emacs", "make", "tar",
];

fn in_list(list: &[&str], w: &str) -> bool {
    list.contains(&w)
}

/// British/American pairs: lower-case form -> (group, is British, counterpart).
struct BritAm {
    map: HashMap<&'static str, (&'static str, bool, &'static str)>,
}

fn brit_am() -> &'static BritAm {
    static B: OnceLock<BritAm> = OnceLock::new();
    B.get_or_init(|| {
        let mut map = HashMap::new();
        for line in include_str!("../../data/spelling_variants.tsv").lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let mut cols = line.split('\t');
            if let (Some(g), Some(b), Some(a)) = (cols.next(), cols.next(), cols.next()) {
                map.insert(b, (g, true, a));
                map.entry(a).or_insert((g, false, b));
            }
        }
        BritAm { map }
    })
}

fn is_fullwidth_alnum(c: char) -> bool {
    matches!(c as u32, 0xFF10..=0xFF19 | 0xFF21..=0xFF3A | 0xFF41..=0xFF5A)
}

fn is_word_char(c: char) -> bool {
    is_latin_letter(c) || c.is_ascii_digit() || is_fullwidth_alnum(c)
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// A word of a target text.
#[derive(Debug, Clone, PartialEq)]
struct Token {
    range: Range<usize>,
    /// Mid-sentence: the previous visible character continues a sentence.
    mid: bool,
    /// Followed by exactly one space and then the next token.
    joined_next: bool,
}

/// Words of `text`: runs of letters and digits (ASCII or full-width), joined by inner
/// hyphens and apostrophes; words overlapping protected spans are dropped.
fn tokenize(text: &str) -> Vec<Token> {
    // Most Chinese targets have no word to count: skip the protected spans and the rest.
    if !text.chars().any(is_word_char) {
        return Vec::new();
    }
    let spans = protected_spans_shared(text);
    let spans: &[(Range<usize>, Protected)] = spans.as_deref().unwrap_or(&[]);
    // (Every target of the run is tokenized, twice.)
    with_char_indices(text, |chars| tokens_of(text, chars, spans))
}

/// [`tokenize`] on `text` whose `char_indices` are `chars` and protected spans `spans`.
fn tokens_of(
    text: &str,
    chars: &[(usize, char)],
    spans: &[(Range<usize>, Protected)],
) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !is_word_char(chars[i].1) {
            i += 1;
            continue;
        }
        let start = i;
        let mut j = i + 1;
        loop {
            if j < chars.len() && is_word_char(chars[j].1) {
                j += 1;
                continue;
            }
            // inner joiner followed by a word character
            if j + 1 < chars.len()
                && (chars[j].1 == '-' || is_apostrophe(chars[j].1))
                && is_word_char(chars[j + 1].1)
                && is_word_char(chars[j - 1].1)
            {
                j += 2;
                continue;
            }
            break;
        }
        let bstart = chars[start].0;
        let bend = chars.get(j).map_or(text.len(), |c| c.0);
        let range = bstart..bend;
        // previous visible character
        let prev = text[..bstart]
            .trim_end_matches([' ', '\u{a0}'])
            .chars()
            .next_back();
        let mid = match prev {
            None => false,
            Some(c) => {
                !matches!(
                    c,
                    '.' | '!'
                        | '?'
                        | ':'
                        | ';'
                        | '…'
                        | '\n'
                        | '\r'
                        | '\t'
                        | '"'
                        | '\''
                        | '“'
                        | '‘'
                        | '«'
                        | '('
                        | '['
                        | '{'
                        | '-'
                        | '–'
                        | '—'
                        | '*'
                        | '•'
                        | '/'
                ) && !c.is_ascii_digit()
            }
        };
        if !overlaps_protected(spans, &range) {
            let joined = text[bend..].starts_with(' ')
                && text[bend + 1..].chars().next().is_some_and(is_word_char);
            out.push(Token {
                range,
                mid,
                joined_next: joined,
            });
        } else if let Some(last) = out.last_mut() {
            last.joined_next = false;
        }
        i = j;
    }
    // joined_next only holds when the next token is the one right after the space.
    for k in 0..out.len() {
        if out[k].joined_next {
            let ok = out
                .get(k + 1)
                .is_some_and(|n| n.range.start == out[k].range.end + 1);
            out[k].joined_next = ok;
        }
    }
    out
}

/// A short text without final punctuation (a title or UI label): capitals there are
/// title case, not spelling.
fn is_heading(text: &str) -> bool {
    let t = text.trim_end();
    let last = t.chars().next_back();
    let ends_sentence = matches!(last, Some('.' | '!' | '?' | ':' | ';' | '"' | '”' | ')'));
    !ends_sentence && t.split_whitespace().nth(12).is_none()
}

/// Order of first appearance: document, segment, byte offset.
type Ord3 = (u32, u32, u32);

#[derive(Debug, Clone)]
struct FormStat {
    count: u32,
    first: Ord3,
    /// The form as first written.
    example: String,
}

/// Forms per group key.
struct Tally<K, F> {
    groups: HashMap<K, Vec<(F, FormStat)>>,
}

impl<K: Hash + Eq, F: PartialEq> Tally<K, F> {
    fn new() -> Self {
        Tally {
            groups: HashMap::new(),
        }
    }

    fn add(&mut self, key: K, form: F, at: Ord3, example: &str, n: u32) {
        let forms = self.groups.entry(key).or_default();
        match forms.iter_mut().find(|(f, _)| *f == form) {
            Some((_, s)) => {
                s.count += n;
                if at < s.first {
                    s.first = at;
                    s.example = example.to_string();
                }
            }
            None => forms.push((
                form,
                FormStat {
                    count: n,
                    first: at,
                    example: example.to_string(),
                },
            )),
        }
    }

    /// Add what `other` counted (over later text, or any text: the first appearance is
    /// kept by position), as if its occurrences had been added here.
    fn merge(&mut self, other: Tally<K, F>) {
        for (key, forms) in other.groups {
            let mine = self.groups.entry(key).or_default();
            for (form, stat) in forms {
                match mine.iter_mut().find(|(f, _)| *f == form) {
                    Some((_, s)) => {
                        s.count += stat.count;
                        if stat.first < s.first {
                            s.first = stat.first;
                            s.example = stat.example;
                        }
                    }
                    None => mine.push((form, stat)),
                }
            }
        }
    }

    /// Rank every group's forms (most frequent first, ties by first appearance) and drop
    /// groups with one form.
    fn finish(&mut self) {
        self.groups.retain(|_, forms| forms.len() >= 2);
        for forms in self.groups.values_mut() {
            forms.sort_by(|a, b| b.1.count.cmp(&a.1.count).then(a.1.first.cmp(&b.1.first)));
        }
    }

    /// The ranked forms of `key` when `form` is not the majority.
    fn minority(&self, key: &K, form: &F) -> Option<&[(F, FormStat)]> {
        let forms = self.groups.get(key)?;
        (forms[0].0 != *form).then_some(forms.as_slice())
    }
}

/// How the parts of a compound are joined.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    Hyphen,
    Open,
    Closed,
}

impl Style {
    fn name(self) -> &'static str {
        match self {
            Style::Hyphen => "hyphenated",
            Style::Open => "open (two words)",
            Style::Closed => "closed (one word)",
        }
    }

    fn join(self, a: &str, b: &str) -> String {
        match self {
            Style::Hyphen => format!("{a}-{b}"),
            Style::Open => format!("{a} {b}"),
            Style::Closed => format!("{a}{b}"),
        }
    }
}

/// The two parts of a hyphenated word of letters (`cyber-attack`), lower-cased.
fn hyphen_parts(word: &str) -> Option<(String, String)> {
    let (a, b) = word.split_once('-')?;
    let letters = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphabetic());
    if !letters(a) || !letters(b) || b.len() < 2 || a.len() + b.len() < 5 {
        return None;
    }
    Some((a.to_ascii_lowercase(), b.to_ascii_lowercase()))
}

fn is_letters(w: &str) -> bool {
    !w.is_empty() && w.chars().all(|c| c.is_ascii_alphabetic())
}

/// Capitalisation pattern worth comparing: not all capitals, at least 3 letters.
fn case_comparable(w: &str) -> bool {
    w.len() >= 3
        && is_letters(w)
        && w.chars().any(|c| c.is_ascii_lowercase())
        && !w.chars().skip(1).all(|c| c.is_ascii_uppercase())
}

fn starts_upper(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_uppercase())
}

/// Whether token `k` counts for capitalisation: mid-sentence (or, at a sentence start,
/// with capitals past its first letter, `WikiLeaks`), outside headings, and not part of a
/// run of capitalised words (`China Military Online`, `Emergency Response Team`).
fn case_counted(text: &str, tokens: &[Token], k: usize, heading: bool) -> bool {
    let t = &tokens[k];
    let w = &text[t.range.clone()];
    if heading || !case_comparable(w) {
        return false;
    }
    let inner_caps = w.chars().skip(1).any(|c| c.is_uppercase());
    if !t.mid && !inner_caps {
        return false;
    }
    if starts_upper(w) && !inner_caps {
        let prev_cap = k > 0
            && tokens[k - 1].joined_next
            && tokens[k - 1].mid
            && starts_upper(&text[tokens[k - 1].range.clone()]);
        let next_cap = t.joined_next
            && tokens
                .get(k + 1)
                .is_some_and(|n| starts_upper(&text[n.range.clone()]));
        if prev_cap || next_cap {
            return false;
        }
    }
    true
}

/// Everything counted over the run.
struct Counts {
    /// Every distinct word (lower-cased, ASCII letters) -> occurrences and first place.
    vocab: HashMap<String, FormStat>,
    /// Hyphenated two-part words: concatenation -> where first seen and the length of
    /// its first part there.
    hyph_split: HashMap<String, (Ord3, usize)>,
    compound: Tally<String, Style>,
    prefix: Tally<&'static str, Style>,
    case: Tally<String, String>,
    brit_am: Tally<&'static str, bool>,
    apostrophe: Tally<(), bool>,
    width: Tally<String, bool>,
}

/// Which documents get the Latin-script counts.
fn latin_target(doc: &Document) -> bool {
    doc.target_lang.as_ref().map_or(true, |l| l.uses_latin())
}

/// Call `f` with the tokens of every target text of `chunk` checked, except those `skip`
/// rules out (given the document and the text). Positions are (chunk ordinal, index in
/// the chunk): input order.
fn visit<'d>(
    chunk: &Chunk<'d>,
    run: &RunCtx<'_>,
    skip: impl Fn(&Document, &str) -> bool,
    mut f: impl FnMut(u32, u32, &'d Document, &'d crate::segment::Segment, &'d str, &[Token]),
) {
    let doc = chunk.doc;
    for (si, seg) in chunk.segments.iter().enumerate() {
        if !allowed(run, &SPELLING_VARIANT, seg) {
            continue;
        }
        let Some(t) = seg.target.as_ref() else {
            continue;
        };
        if t.value.is_empty() || skip(doc, &t.value) {
            continue;
        }
        let tokens = tokenize(&t.value);
        f(chunk.ordinal as u32, si as u32, doc, seg, &t.value, &tokens);
    }
}

fn prefix_of(w: &str) -> Option<(&'static str, bool)> {
    PREFIXES.iter().copied().find(|(p, _)| w == *p)
}

/// For a closed word, the prefix it starts with and the rest.
fn closed_prefix(w: &str, vocab: &HashMap<String, FormStat>) -> Option<&'static str> {
    if in_list(LEXICALISED, w) {
        return None;
    }
    for (p, compositional) in PREFIXES {
        if let Some(rest) = w.strip_prefix(p) {
            if rest.len() >= 4 && is_letters(rest) && (*compositional || vocab.contains_key(rest)) {
                return Some(p);
            }
        }
    }
    None
}

/// Whether an open pair `a b` may be a compound written open.
fn open_pair_ok(a: &str, b: &str, hyphenated: bool) -> bool {
    if in_list(FUNCTION_WORDS, a) || in_list(FUNCTION_WORDS, b) {
        return false;
    }
    if hyphenated && (in_list(MODIFIER_FIRST, a) || in_list(MODIFIER_SECOND, b)) {
        return false;
    }
    true
}

fn capitalise_like(model: &str, word: &str) -> String {
    if model.chars().next().is_some_and(|c| c.is_uppercase()) {
        let mut c = word.chars();
        match c.next() {
            Some(f) => f.to_uppercase().chain(c).collect(),
            None => String::new(),
        }
    } else {
        word.to_string()
    }
}

fn forms_note<F>(forms: &[(F, FormStat)], label: impl Fn(&F, &FormStat) -> String) -> String {
    let parts: Vec<String> = forms
        .iter()
        .map(|(f, s)| format!("{} ×{}", label(f, s), s.count))
        .collect();
    format!("forms in this run: {}", parts.join(", "))
}

impl Counts {
    fn new() -> Self {
        Counts {
            vocab: HashMap::new(),
            hyph_split: HashMap::new(),
            compound: Tally::new(),
            prefix: Tally::new(),
            case: Tally::new(),
            brit_am: Tally::new(),
            apostrophe: Tally::new(),
            width: Tally::new(),
        }
    }

    /// Pass 1 over `chunk`: words.
    fn words(chunk: &Chunk<'_>, run: &RunCtx<'_>) -> Counts {
        let mut c = Counts::new();
        let ba = brit_am();
        // Pass 1: words.
        visit(
            chunk,
            run,
            |_, _| false,
            |di, si, doc, _seg, text, tokens| {
                let latin = latin_target(doc);
                // (Only asked about in Latin-script targets.)
                let heading = latin && is_heading(text);
                for (k, t) in tokens.iter().enumerate() {
                    let w = &text[t.range.clone()];
                    let at = (di, si, t.range.start as u32);
                    if w.chars().any(is_fullwidth_alnum) {
                        let half: String = w.chars().map(to_halfwidth).collect();
                        c.width.add(width_key(&half), true, at, w, 1);
                    } else {
                        c.width.add(width_key(w), false, at, w, 1);
                    }
                    if !latin {
                        continue;
                    }
                    if w.contains('\'') || w.contains('’') {
                        c.apostrophe.add((), w.contains('’'), at, w, 1);
                        continue;
                    }
                    let lower = w.to_ascii_lowercase();
                    if is_letters(w) {
                        c.vocab
                            .entry(lower.clone())
                            .and_modify(|s| s.count += 1)
                            .or_insert_with(|| FormStat {
                                count: 1,
                                first: at,
                                example: w.to_string(),
                            });
                        if case_counted(text, tokens, k, heading)
                            && !in_list(CASE_HOMOGRAPHS, &lower)
                        {
                            c.case.add(lower.clone(), w.to_string(), at, w, 1);
                        }
                        if let Some(&(g, british, _)) = ba.map.get(lower.as_str()) {
                            c.brit_am.add(g, british, at, w, 1);
                        }
                    } else if let Some((a, b)) = hyphen_parts(w) {
                        let key = format!("{a}{b}");
                        c.hyph_split.entry(key.clone()).or_insert((at, a.len()));
                        if !in_list(HYPHEN_DISTINCT, &key) {
                            c.compound.add(key, Style::Hyphen, at, w, 1);
                        }
                        if let Some((p, _)) = prefix_of(&a) {
                            c.prefix.add(p, Style::Hyphen, at, w, 1);
                        }
                    }
                }
            },
        );
        c
    }

    /// Add what `other` counted, over text before or after this one's: first places are
    /// kept by position, so chunks merge in any order.
    fn merge(&mut self, other: Counts) {
        for (word, stat) in other.vocab {
            match self.vocab.entry(word) {
                Entry::Occupied(mut e) => {
                    let s = e.get_mut();
                    s.count += stat.count;
                    if stat.first < s.first {
                        s.first = stat.first;
                        s.example = stat.example;
                    }
                }
                Entry::Vacant(e) => {
                    e.insert(stat);
                }
            }
        }
        for (key, split) in other.hyph_split {
            let mine = self.hyph_split.entry(key).or_insert(split);
            if split.0 < mine.0 {
                *mine = split;
            }
        }
        self.compound.merge(other.compound);
        self.prefix.merge(other.prefix);
        self.case.merge(other.case);
        self.brit_am.merge(other.brit_am);
        self.apostrophe.merge(other.apostrophe);
        self.width.merge(other.width);
    }

    /// Pass 2 over `chunk`, once every word is counted: open pairs and closed words of
    /// compounds.
    fn compounds(&self, chunk: &Chunk<'_>, run: &RunCtx<'_>) -> Compounds {
        let hyph_split = &self.hyph_split;
        let vocab = &self.vocab;
        let mut compound = Tally::new();
        let mut prefix = Tally::new();
        // Pass 2 counts compounds, in Latin-script targets only.
        let others = |doc: &Document, _: &str| !latin_target(doc);
        visit(chunk, run, others, |di, si, _doc, _seg, text, tokens| {
            for (k, t) in tokens.iter().enumerate() {
                let w = &text[t.range.clone()];
                if !is_letters(w) {
                    continue;
                }
                let lower = w.to_ascii_lowercase();
                let at = (di, si, t.range.start as u32);
                if let Some(p) = closed_prefix(&lower, vocab) {
                    prefix.add(p, Style::Closed, at, w, 1);
                }
                if !t.joined_next {
                    continue;
                }
                let Some(n) = tokens.get(k + 1) else { continue };
                let nw = &text[n.range.clone()];
                if !is_letters(nw) {
                    continue;
                }
                let nl = nw.to_ascii_lowercase();
                let key = format!("{lower}{nl}");
                let hyph = hyph_split.get(&key).map(|&(_, split)| split) == Some(lower.len());
                if (hyph || vocab.contains_key(&key))
                    && open_pair_ok(&lower, &nl, hyph)
                    && !in_list(HYPHEN_DISTINCT, &key)
                {
                    let open = &text[t.range.start..n.range.end];
                    compound.add(key, Style::Open, at, open, 1);
                }
                if prefix_of(&lower).is_some() && nl.len() >= 3 {
                    let p = prefix_of(&lower).map(|(p, _)| p).unwrap_or_default();
                    let open = &text[t.range.start..n.range.end];
                    prefix.add(p, Style::Open, at, open, 1);
                }
            }
        });
        (compound, prefix)
    }

    /// After the counting passes: the closed forms of compounds seen hyphenated or open,
    /// from the vocabulary, and every group ranked.
    fn finish(&mut self) {
        for (key, forms) in self.compound.groups.iter_mut() {
            if let Some(s) = self.vocab.get(key) {
                forms.push((Style::Closed, s.clone()));
            }
        }
        self.compound.finish();
        self.prefix.finish();
        self.case.finish();
        self.brit_am.finish();
        self.apostrophe.finish();
        self.width.finish();
    }
}

/// What pass 2 counts in a chunk: compounds and prefix compounds.
type Compounds = (Tally<String, Style>, Tally<&'static str, Style>);

/// Width groups: a word by its half-width form; all-digit words form one group.
fn width_key(half: &str) -> String {
    if half.chars().all(|c| c.is_ascii_digit()) {
        "\u{0}digits".to_string()
    } else {
        half.to_string()
    }
}

struct Finding {
    range: Range<usize>,
    message: String,
    suggestion: Option<String>,
    note: String,
}

impl Check for SpellingVariant {
    fn rules(&self) -> &'static [&'static RuleMeta] {
        static RULES: [&RuleMeta; 1] = [&SPELLING_VARIANT];
        &RULES
    }

    fn streamed_pass(&self, run: &RunCtx<'_>, docs: &[Document]) -> Option<Box<dyn StreamedPass>> {
        if !run.rules.enabled(SPELLING_VARIANT.name) {
            return None;
        }
        // Compounds are counted (in a second sweep) only in Latin-script targets.
        let sweeps = if docs.iter().any(latin_target) { 3 } else { 2 };
        Some(Box::new(SpellingPass {
            counts: Counts::new(),
            words: Mutex::new(Counts::new()),
            compounds: Mutex::new((Tally::new(), Tally::new())),
            sweeps,
            full_majority: false,
        }))
    }
}

/// The pass: words counted in the first sweep, compounds (in Latin-script targets) in the
/// second, the minority forms reported in the last. Each chunk's counts are merged as soon
/// as they are made (merging does not depend on order), so what is kept between sweeps is
/// the run's vocabulary and the tallies of forms (their first place and example each).
struct SpellingPass {
    /// Counted in the sweeps before, read in the sweeps after.
    counts: Counts,
    /// The first sweep's counts, merged as chunks are counted.
    words: Mutex<Counts>,
    /// The second sweep's compounds, merged as chunks are counted.
    compounds: Mutex<Compounds>,
    sweeps: usize,
    /// Whether full-width is the majority form of some word.
    full_majority: bool,
}

impl StreamedPass for SpellingPass {
    fn sweeps(&self) -> usize {
        self.sweeps
    }

    fn visit(
        &self,
        sweep: usize,
        chunk: &Chunk<'_>,
        run: &RunCtx<'_>,
        out: &mut Vec<Diagnostic>,
    ) -> Option<Kept> {
        if sweep == 0 {
            let counted = Counts::words(chunk, run);
            lock(&self.words).merge(counted);
        } else if sweep + 1 < self.sweeps {
            let (compound, prefix) = self.counts.compounds(chunk, run);
            let mut all = lock(&self.compounds);
            all.0.merge(compound);
            all.1.merge(prefix);
        } else {
            report(&self.counts, self.full_majority, chunk, run, out);
        }
        None
    }

    fn after_sweep(
        &mut self,
        sweep: usize,
        _docs: &[Document],
        _kept: Vec<Kept>,
        _run: &RunCtx<'_>,
        _out: &mut Vec<Diagnostic>,
    ) {
        if sweep + 1 >= self.sweeps {
            return;
        }
        if sweep == 0 {
            self.counts = std::mem::replace(lock(&self.words).deref_mut(), Counts::new());
        } else {
            let (compound, prefix) = std::mem::replace(
                lock(&self.compounds).deref_mut(),
                (Tally::new(), Tally::new()),
            );
            self.counts.compound.merge(compound);
            self.counts.prefix.merge(prefix);
        }
        if sweep + 2 == self.sweeps {
            self.counts.finish();
            self.full_majority = self.counts.width.groups.values().any(|forms| forms[0].0);
        }
    }
}

/// `mutex` locked, even if a thread panicked while holding it (the run fails then anyway).
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// Pass 3 over `chunk`: the minority occurrences of the forms `c` counted.
fn report(
    c: &Counts,
    full_majority: bool,
    chunk: &Chunk<'_>,
    run: &RunCtx<'_>,
    out: &mut Vec<Diagnostic>,
) {
    let severity = run.rules.severity(SPELLING_VARIANT.name);
    let ba = brit_am();
    // Pass 3: report minority occurrences. Outside Latin-script targets only the width
    // of words is compared: a text without full-width letters or digits has nothing
    // to report unless full-width is the majority somewhere.
    let skip = |doc: &Document, text: &str| {
        !latin_target(doc)
            && (c.width.groups.is_empty()
                || (!full_majority && !text.chars().any(is_fullwidth_alnum)))
    };
    visit(chunk, run, skip, |_di, _si, doc, seg, text, tokens| {
        let latin = latin_target(doc);
        // (Only asked about for a token.)
        let heading = !tokens.is_empty() && is_heading(text);
        let mut found: Vec<Finding> = Vec::new();
        let mut covered: Vec<Range<usize>> = Vec::new();
        for (k, t) in tokens.iter().enumerate() {
            if covered.iter().any(|r| r.contains(&t.range.start)) {
                continue;
            }
            let w = &text[t.range.clone()];
            // Width.
            let has_full = w.chars().any(is_fullwidth_alnum);
            let half: String = w.chars().map(to_halfwidth).collect();
            if let Some(forms) = c.width.minority(&width_key(&half), &has_full) {
                let (major_full, s) = &forms[0];
                let digits = width_key(&half).starts_with('\u{0}');
                let what = |full: bool| if full { "full-width" } else { "half-width" };
                found.push(Finding {
                    range: t.range.clone(),
                    message: if digits {
                        format!(
                            "{} digits \"{w}\"; digits in this run are mostly {} (\"{}\")",
                            what(has_full),
                            what(*major_full),
                            s.example
                        )
                    } else {
                        format!(
                            "{} \"{w}\" is written {} elsewhere: \"{}\"",
                            what(has_full),
                            what(*major_full),
                            s.example
                        )
                    },
                    suggestion: Some(if *major_full {
                        w.chars().map(to_fullwidth).collect()
                    } else {
                        half.clone()
                    }),
                    note: forms_note(forms, |f, _| what(*f).to_string()),
                });
                continue;
            }
            if !latin {
                continue;
            }
            let curly = w.contains('’');
            if curly || w.contains('\'') {
                if let Some(forms) = c.apostrophe.minority(&(), &curly) {
                    let (major_curly, s) = &forms[0];
                    let name = |c: bool| if c { "curly (’)" } else { "straight (')" };
                    let fixed = if *major_curly {
                        w.replace('\'', "’")
                    } else {
                        w.replace('’', "'")
                    };
                    found.push(Finding {
                            range: t.range.clone(),
                            message: format!(
                                "{} apostrophe in \"{w}\"; apostrophes in this run are mostly {}, as in \"{}\"",
                                name(curly),
                                name(*major_curly),
                                s.example
                            ),
                            suggestion: Some(fixed),
                            note: forms_note(forms, |f, _| name(*f).to_string()),
                        });
                }
                continue;
            }
            let lower = w.to_ascii_lowercase();
            if is_letters(w) {
                // Open compound starting here.
                if t.joined_next {
                    if let Some(n) = tokens.get(k + 1) {
                        let nw = &text[n.range.clone()];
                        let nl = nw.to_ascii_lowercase();
                        let key = format!("{lower}{nl}");
                        if let Some(forms) = c.compound.minority(&key, &Style::Open) {
                            let hyph = c.hyph_split.get(&key).map(|&(_, split)| split)
                                == Some(lower.len());
                            if open_pair_ok(&lower, &nl, hyph) {
                                let range = t.range.start..n.range.end;
                                found.push(compound_finding(
                                    text,
                                    range,
                                    w,
                                    nw,
                                    Style::Open,
                                    forms,
                                ));
                                covered.push(t.range.start..n.range.end);
                                continue;
                            }
                        }
                        if let Some((p, _)) = prefix_of(&lower) {
                            if nl.len() >= 3 {
                                if let Some(forms) = c.prefix.minority(&p, &Style::Open) {
                                    let range = t.range.start..n.range.end;
                                    found.push(prefix_finding(
                                        text,
                                        range.clone(),
                                        p,
                                        w,
                                        nw,
                                        Style::Open,
                                        forms,
                                    ));
                                    covered.push(range);
                                    continue;
                                }
                            }
                        }
                    }
                }
                // Closed compound.
                if let Some(&(_, split)) = c.hyph_split.get(&lower) {
                    if let Some(forms) = c.compound.minority(&lower, &Style::Closed) {
                        found.push(compound_finding(
                            text,
                            t.range.clone(),
                            &w[..split],
                            &w[split..],
                            Style::Closed,
                            forms,
                        ));
                        continue;
                    }
                }
                if let Some(p) = closed_prefix(&lower, &c.vocab) {
                    if let Some(forms) = c.prefix.minority(&p, &Style::Closed) {
                        found.push(prefix_finding(
                            text,
                            t.range.clone(),
                            p,
                            &w[..p.len()],
                            &w[p.len()..],
                            Style::Closed,
                            forms,
                        ));
                        continue;
                    }
                }
                // British / American.
                if let Some(&(g, british, counterpart)) = ba.map.get(lower.as_str()) {
                    if let Some(forms) = c.brit_am.minority(&g, &british) {
                        let name = |b: bool| if b { "British" } else { "American" };
                        found.push(Finding {
                                range: t.range.clone(),
                                message: format!(
                                    "{} spelling \"{w}\"; this run mostly uses the {} spelling (\"{}\")",
                                    name(british),
                                    name(forms[0].0),
                                    forms[0].1.example
                                ),
                                suggestion: Some(capitalise_like(w, counterpart)),
                                note: forms_note(forms, |f, s| {
                                    format!("{} (\"{}\")", name(*f), s.example)
                                }),
                            });
                        continue;
                    }
                }
                // Capitalisation mid-sentence.
                if case_counted(text, tokens, k, heading) {
                    if let Some(forms) = c.case.minority(&lower, &w.to_string()) {
                        let major = &forms[0].0;
                        found.push(Finding {
                            range: t.range.clone(),
                            message: format!(
                                "\"{w}\" is written \"{major}\" elsewhere in mid-sentence"
                            ),
                            suggestion: Some(major.clone()),
                            note: forms_note(forms, |f, _| format!("\"{f}\"")),
                        });
                    }
                }
            } else if let Some((a, _)) = hyph_parts_raw(w) {
                let (la, lb) = match hyphen_parts(w) {
                    Some(p) => p,
                    None => continue,
                };
                let key = format!("{la}{lb}");
                if let Some(forms) = c.compound.minority(&key, &Style::Hyphen) {
                    let b = &w[a.len() + 1..];
                    found.push(compound_finding(
                        text,
                        t.range.clone(),
                        a,
                        b,
                        Style::Hyphen,
                        forms,
                    ));
                    continue;
                }
                if let Some((p, _)) = prefix_of(&la) {
                    if let Some(forms) = c.prefix.minority(&p, &Style::Hyphen) {
                        let b = &w[a.len() + 1..];
                        found.push(prefix_finding(
                            text,
                            t.range.clone(),
                            p,
                            a,
                            b,
                            Style::Hyphen,
                            forms,
                        ));
                    }
                }
            }
        }
        let Some(target) = seg.target.as_ref() else {
            return;
        };
        for f in found {
            let mut d = make_diagnostic(
                doc,
                target,
                SPELLING_VARIANT.name,
                severity,
                Side::Target,
                f.range,
                f.message,
                Some(seg.id().into_owned()),
            );
            d.suggestion = f.suggestion;
            d.note = Some(f.note);
            out.push(d);
        }
    });
}

fn to_fullwidth(c: char) -> char {
    match c as u32 {
        0x21..=0x7E => char::from_u32(c as u32 + 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

fn hyph_parts_raw(w: &str) -> Option<(&str, &str)> {
    w.split_once('-')
}

fn compound_finding(
    _text: &str,
    range: Range<usize>,
    a: &str,
    b: &str,
    style: Style,
    forms: &[(Style, FormStat)],
) -> Finding {
    let written = style.join(a, b);
    let (major, s) = &forms[0];
    Finding {
        range,
        message: format!(
            "\"{written}\" is written {} here; this run mostly writes it {}: \"{}\"",
            style.name(),
            major.name(),
            s.example
        ),
        suggestion: Some(major.join(a, b)),
        note: forms_note(forms, |f, s| format!("{} (\"{}\")", f.name(), s.example)),
    }
}

fn prefix_finding(
    _text: &str,
    range: Range<usize>,
    prefix: &str,
    a: &str,
    b: &str,
    style: Style,
    forms: &[(Style, FormStat)],
) -> Finding {
    let written = style.join(a, b);
    let (major, s) = &forms[0];
    Finding {
        range,
        message: format!(
            "\"{}\": compounds with \"{prefix}\" are mostly {} in this run (\"{}\"); a house style picks one",
            excerpt(&written, 40),
            major.name(),
            s.example
        ),
        suggestion: Some(major.join(a, b)),
        note: forms_note(forms, |f, s| format!("{} (\"{}\")", f.name(), s.example)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::term_inconsistent::tests::{doc, run};
    use crate::config::Options;

    /// Tokens found through the per-thread character buffer, text after text (long and
    /// short), are those of a fresh table for each text.
    #[test]
    fn buffered_tokens_agree_with_a_fresh_table() {
        let texts = crate::checks::testing::generated_texts(
            &[
                "colour",
                " ",
                "e-mail",
                "it's",
                "Ｗｉ",
                "中文",
                "%s",
                "http://x.org",
                "-",
                ".",
                "A",
            ],
            5,
            3000,
            40,
        );
        for t in &texts {
            let chars: Vec<(usize, char)> = t.char_indices().collect();
            let spans = crate::lang::protect::protected_spans(t);
            let fresh = if t.chars().any(is_word_char) {
                tokens_of(t, &chars, &spans)
            } else {
                Vec::new()
            };
            assert_eq!(tokenize(t), fresh, "{t:?}");
        }
    }

    /// Findings (text, suggestion) over monolingual English paragraphs.
    fn flagged(paragraphs: &[&str]) -> Vec<(String, String)> {
        let units: Vec<_> = paragraphs.iter().map(|p| (None, None, *p)).collect();
        let d = run(
            &SpellingVariant,
            &[doc("en.txt", "en", &units)],
            &Options::default(),
        );
        d.into_iter()
            .map(|d| (d.text.to_string(), d.suggestion.unwrap_or_default()))
            .collect()
    }

    fn pair(a: &str, b: &str) -> (String, String) {
        (a.to_string(), b.to_string())
    }

    #[test]
    fn hyphenated_open_and_closed_forms_of_one_compound() {
        let d = flagged(&[
            "China is one of the main victims of cyber-attack.",
            "A cyber-attack on the grid was reported.",
            "Nobody claimed the cyberattack.",
            "The cyber attack lasted a week.",
        ]);
        assert_eq!(
            d,
            vec![
                pair("cyberattack", "cyber-attack"),
                pair("cyber attack", "cyber-attack")
            ]
        );
    }

    #[test]
    fn one_prefix_compounded_in_different_styles() {
        let d = flagged(&[
            "China is one of the main victims of cyber-attack.",
            "Cyber-security is a global issue, and cyber-security issues matter.",
            "Labeling China as a \"cyber attacker\" is an old trick.",
            "It wants to lead in cyberspace.",
        ]);
        assert_eq!(
            d,
            vec![
                pair("cyber attacker", "cyber-attacker"),
                pair("cyberspace", "cyber-space")
            ]
        );
    }

    #[test]
    fn lexicalised_words_are_not_prefix_compounds() {
        assert!(flagged(&[
            "A multi-user system with multiple users.",
            "Multi-user mode is a mode for many users.",
            "The non-empty list has none.",
        ])
        .is_empty());
    }

    #[test]
    fn grammatical_hyphenation_is_left_alone() {
        assert!(flagged(&[
            "We need a long-term plan.",
            "In the long term, we will see.",
            "A well-known fact is well known.",
            "Please log in with your login.",
        ])
        .is_empty());
    }

    #[test]
    fn open_and_closed_without_a_hyphen() {
        let d = flagged(&[
            "Visit our website today.",
            "The website is down.",
            "Our web site is slow.",
        ]);
        assert_eq!(d, vec![pair("web site", "website")]);
    }

    #[test]
    fn capitalisation_mid_sentence() {
        let d = flagged(&[
            "Large Internet companies were attacked.",
            "The Internet is big and the internet is old, said the Internet pioneer.",
        ]);
        assert_eq!(d, vec![pair("internet", "Internet")]);
    }

    #[test]
    fn sentence_starts_names_and_headings_do_not_count_for_case() {
        assert!(flagged(&[
            "Online services grew. Many shops went online.",
            "It was edited by the China Military Online.",
            "Related News",
            "Read the related news.",
        ])
        .is_empty());
    }

    #[test]
    fn inner_capitals_count_even_at_a_sentence_start() {
        let d = flagged(&[
            "Assange, a founder of Wikileaks, once said so.",
            "\"WikiLeaks\" revealed it. He also read WikiLeaks daily.",
        ]);
        assert_eq!(d, vec![pair("Wikileaks", "WikiLeaks")]);
    }

    #[test]
    fn british_and_american_spellings_of_one_word() {
        let d = flagged(&[
            "The organization was founded in 1990.",
            "Our organization grew, and the organisation moved.",
        ]);
        assert_eq!(d, vec![pair("organisation", "organization")]);
    }

    #[test]
    fn oxford_spelling_mixes_families_and_is_not_flagged() {
        assert!(flagged(&["The organization chose a colour.", "Another colour."]).is_empty());
    }

    #[test]
    fn straight_and_curly_apostrophes() {
        let d = flagged(&[
            "It weakened China's influence and China's image.",
            "It attacked China’s key areas.",
        ]);
        assert_eq!(d, vec![pair("China’s", "China's")]);
    }

    #[test]
    fn quotes_are_not_apostrophes() {
        assert!(flagged(&["He said 'no'.", "It is China’s."]).is_empty());
    }

    /// Findings (text, suggestion) over a Chinese PO of (source, target) units.
    fn flagged_zh(units: &[(&str, &str)]) -> Vec<(String, String)> {
        let units: Vec<_> = units.iter().map(|(s, t)| (None, Some(*s), *t)).collect();
        let d = run(
            &SpellingVariant,
            &[doc("zh.po", "zh-CN", &units)],
            &Options::default(),
        );
        d.into_iter()
            .map(|d| (d.text.to_string(), d.suggestion.unwrap_or_default()))
            .collect()
    }

    #[test]
    fn full_and_half_width_forms() {
        let got = flagged_zh(&[
            ("CIA", "美国中央情报局（CIA）"),
            ("CIA", "CIA 的网络攻击组织"),
            ("CIA", "ＣＩＡ 秘密收购"),
            ("in 2020", "2020 年"),
            ("in 2021", "２０２１ 年"),
            ("in 2019", "2019 年"),
        ]);
        assert_eq!(got, vec![pair("ＣＩＡ", "CIA"), pair("２０２１", "2021")]);
    }

    #[test]
    fn half_width_minority_where_full_width_is_the_majority() {
        // The reporting pass skips Chinese texts without full-width characters only
        // while no group has a full-width majority.
        let got = flagged_zh(&[
            ("2020", "２０２０ 年"),
            ("2021", "２０２１ 年"),
            ("2019", "2019 年"),
            ("CIA", "CIA 的网络攻击组织"),
        ]);
        assert_eq!(got, vec![pair("2019", "２０１９")]);
    }

    #[test]
    fn latin_words_in_chinese_targets_are_not_compared_by_case() {
        let units = [
            (None, Some("git"), "运行 git 命令"),
            (None, Some("Git"), "欢迎使用 Git 工具"),
            (None, Some("Git"), "一个 Git 仓库"),
        ];
        let d = run(
            &SpellingVariant,
            &[doc("zh.po", "zh-CN", &units)],
            &Options::default(),
        );
        assert!(d.is_empty(), "{d:#?}");
    }

    #[test]
    fn evidence_stays_with_its_file() {
        let a = doc(
            "a.txt",
            "en",
            &[(None, None, "A cyber-attack. Another cyber-attack.")],
        );
        let b = doc("b.txt", "en", &[(None, None, "The cyber attack began.")]);
        let d = run(&SpellingVariant, &[a, b], &Options::default());
        assert_eq!(d.len(), 1);
        assert_eq!(&*d[0].file, "b.txt");
        assert_eq!((d[0].start.line, d[0].start.column), (1, 5));
        assert!(d[0].note.as_deref().unwrap().contains("×2"));
    }

    #[test]
    fn the_embedded_list_is_well_formed() {
        let b = brit_am();
        assert!(b.map.len() > 1000);
        assert_eq!(
            b.map.get("organisation"),
            Some(&("organize", true, "organization"))
        );
        assert_eq!(b.map.get("color"), Some(&("color", false, "colour")));
        assert!(!b.map.contains_key("license"));
        assert!(!b.map.contains_key("program"));
    }
}
