//! `term-inconsistent`: the same source segment translated differently across every input
//! of the run, and (optionally) one translation given to different sources.
//!
//! Also home of the small helpers the corpus-level consistency checks share
//! (`spelling-variant`, `term-alternatives`): locating a segment for notes, excerpts,
//! ranking variants.

use std::collections::HashMap;
use std::hash::{BuildHasher, Hash};

use rayon::prelude::*;

use super::{make_diagnostic, Check, Chunk, Fixable, Kept, RuleMeta, RunCtx, StreamedPass};
use crate::diagnostic::{Diagnostic, Severity};
use crate::lang::protect::{protected_spans_shared, Protected};
use crate::lang::script::to_halfwidth;
use crate::segment::{Document, Segment, Side, Text};

/// The `term-inconsistent` rule.
pub static TERM_INCONSISTENT: RuleMeta = RuleMeta {
    name: "term-inconsistent",
    default_severity: Severity::Warning,
    summary: "the same source segment (same msgctxt) is translated differently across the input",
    doc: "## What it does\n\
Groups every segment of the run (all files, all formats) by its source text and context\n\
(PO `msgctxt`; plural entries also by plural form) and flags sources that received more\n\
than one translation. Before comparing, both sides are normalised: runs of whitespace\n\
become one space, letter case is ignored, placeholders (`%s`, `%1$d`, `{name}`) count as\n\
one generic placeholder and keyboard accelerators (`_File`, `&File`, `(_F)`) are dropped.\n\
Sources without any letter (`%s: %s`) are not compared.\n\n\
The variant used most often is the majority; every occurrence of another variant is\n\
reported at its own location, with the majority translation as suggestion and, in the\n\
note, every variant with its count and locations (majority first, ten locations per\n\
variant at most). Ties go to the variant met first in input order.\n\n\
With `reverse = true` the other direction is checked too: one translation given to\n\
different sources (`--crl-file` help text translated as a copy of the `--ca-certificate`\n\
one). Sources are then also compared without trailing `.:!?…`, quotes, `(s)` and a final\n\
`s` on longer words, so `%d file`/`%d files` do not count as different sources.\n\n\
## Why\n\
Translators copy neighbouring entries and forget to edit them, and different translators\n\
render the same UI string two ways. Translation memories and review tools (Xbench,\n\
memoQ QA) check both directions; here the check runs in CI over the whole project.\n\n\
## Example\n\
```\n\
a.po: msgid \"Open file\"  msgstr \"打开文件\"\n\
b.po: msgid \"Open file\"  msgstr \"打开文件\"\n\
c.po: msgid \"Open file\"  msgstr \"开启档案\"   <- flagged, suggestion 打开文件\n\
```\n\n\
## Options\n\
```toml\n\
[term-inconsistent]\n\
reverse = true   # also flag one translation shared by different sources (default false)\n\
```\n\n\
## Fix safety\n\
No fix: which variant is right is a human decision.\n\n\
Findings stay with their file: each one sits at the occurrence it is about, and its\n\
message names only that occurrence and the majority variant; counts and other locations\n\
are in the note. Adding files to a run changes a file's findings only where a majority\n\
changes.",
    fixable: Fixable::No,
};

/// How many locations per variant a note lists.
pub(super) const NOTE_LOCATIONS: usize = 10;

/// Flags sources translated in more than one way (and, optionally, the reverse).
pub struct TermInconsistent;

/// A segment across the sweeps of a pass: its chunk's ordinal and its index in the chunk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
struct SegRef {
    /// The chunk's ordinal.
    chunk: u32,
    /// The index in the chunk.
    index: u32,
}

/// Whether `rule` may report on `seg` (enabled and not suppressed inline).
pub(super) fn allowed(run: &RunCtx<'_>, rule: &RuleMeta, seg: &Segment) -> bool {
    run.rules.enabled(rule.name)
        && !seg
            .suppressed()
            .iter()
            .any(|s| s == rule.name || s == "all")
}

/// `path:line` of decoded offset `at` of `text` in `doc`.
pub(super) fn location(doc: &Document, text: &Text, at: usize) -> String {
    let file = &doc.files[text.file];
    let (line, _) = file.position(text.file_start(at));
    format!("{}:{}", file.path, line)
}

/// A one-line excerpt of `s`: whitespace collapsed, cut at `max` characters.
pub(super) fn excerpt(s: &str, max: usize) -> String {
    let flat: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        flat
    } else {
        let mut out: String = flat.chars().take(max).collect();
        out.push('…');
        out
    }
}

/// A note listing variants with counts and locations, the first being the majority:
/// `2 variants in 5 places: "a" ×4 (x.po:1, x.po:9, …), "b" ×1 (y.po:3)`.
pub(super) fn variants_note(what: &str, variants: &[(String, Vec<String>)]) -> String {
    let total: usize = variants.iter().map(|(_, l)| l.len()).sum();
    let mut note = format!("{} {what} in {total} places: ", variants.len());
    for (i, (text, locs)) in variants.iter().enumerate() {
        if i > 0 {
            note.push_str("; ");
        }
        let shown: Vec<&str> = locs
            .iter()
            .take(NOTE_LOCATIONS)
            .map(|s| s.as_str())
            .collect();
        let more = locs.len().saturating_sub(NOTE_LOCATIONS);
        note.push_str(&format!(
            "\"{}\" ×{} ({}{})",
            excerpt(text, 60),
            locs.len(),
            shown.join(", "),
            if more > 0 {
                format!(", and {more} more")
            } else {
                String::new()
            }
        ));
    }
    note
}

/// A fast, fixed-seed hash: keys only group texts within one run, and groups are checked
/// again by their exact keys.
fn hash_of(parts: impl Hash) -> u64 {
    foldhash::fast::FixedState::with_seed(0).hash_one(parts)
}

/// Which side a key is computed for; sources compared in reverse are folded further.
#[derive(Clone, Copy, PartialEq, Eq)]
enum KeyMode {
    Plain,
    ReverseSource,
}

/// Whether `c` is a keyboard-accelerator marker in UI strings.
fn is_accel_marker(c: char) -> bool {
    c == '_' || c == '&'
}

/// The comparison key of a text: placeholders replaced by one marker, accelerators dropped,
/// whitespace collapsed, lower-cased. `None` when the text has no letter outside
/// placeholders (nothing worth comparing).
fn normalise(text: &str, mode: KeyMode) -> Option<String> {
    let spans = protected_spans_shared(text);
    let spans: &[(std::ops::Range<usize>, Protected)] = spans.as_deref().unwrap_or(&[]);
    // A lone short word (`yes`, `no`, `S`, `mon`) is often a keyword or code whose case
    // matters.
    let trimmed = text.trim();
    let keep_case = trimmed.chars().nth(4).is_none() && trimmed.chars().all(char::is_alphabetic);
    let mut out = String::with_capacity(text.len());
    let mut has_letter = false;
    let mut pending_space = false;
    let push = |out: &mut String, s: &str, pending: &mut bool| {
        if *pending && !out.is_empty() {
            out.push(' ');
        }
        *pending = false;
        out.push_str(s);
    };
    let mut i = 0;
    let mut span_i = 0;
    let bytes_len = text.len();
    while i < bytes_len {
        // A protected span starting here.
        while span_i < spans.len() && spans[span_i].0.end <= i {
            span_i += 1;
        }
        if let Some((r, kind)) = spans.get(span_i) {
            if r.start == i {
                if *kind == Protected::Placeholder {
                    push(&mut out, "\u{1}", &mut pending_space);
                } else {
                    // Options, paths and code keep their case: `-w` is not `-W`.
                    let s = &text[r.clone()];
                    has_letter |= s.chars().any(char::is_alphabetic);
                    push(&mut out, s, &mut pending_space);
                }
                i = r.end;
                continue;
            }
        }
        let rest = &text[i..];
        let c = rest.chars().next().unwrap_or(' ');
        let clen = c.len_utf8();
        // `(_F)` / `（&F）` accelerators after a translated label.
        if c == '(' || c == '（' {
            let mut it = rest.char_indices().skip(1);
            if let (Some((_, m)), Some((_, k)), Some((j, close))) =
                (it.next(), it.next(), it.next())
            {
                if is_accel_marker(m) && k.is_alphanumeric() && (close == ')' || close == '）') {
                    i += j + close.len_utf8();
                    continue;
                }
            }
        }
        if is_accel_marker(c) {
            let prev_alnum = text[..i]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric);
            let next_alnum = rest[clen..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric);
            // (A mnemonic inside a word, `C_redits`, looks like a snake_case identifier
            // and is kept.)
            if next_alnum && !prev_alnum {
                i += clen;
                continue;
            }
        }
        if c.is_whitespace() {
            pending_space = true;
            i += clen;
            continue;
        }
        if mode == KeyMode::ReverseSource && matches!(c, '"' | '\'' | '`' | '‘' | '’' | '“' | '”')
        {
            i += clen;
            continue;
        }
        // Han characters (most of a Chinese text) are letters without case or width.
        if matches!(c as u32, 0x4E00..=0x9FFF) {
            has_letter = true;
            let mut buf = [0u8; 4];
            push(&mut out, c.encode_utf8(&mut buf), &mut pending_space);
            i += clen;
            continue;
        }
        let c = to_halfwidth(c);
        has_letter |= c.is_alphabetic();
        let mut buf = [0u8; 4];
        if c.is_ascii() {
            let keep = !c.is_ascii_uppercase()
                || (mode == KeyMode::Plain && (keep_case || in_caps_word(text, i)));
            let c = if keep { c } else { c.to_ascii_lowercase() };
            push(&mut out, c.encode_utf8(&mut buf), &mut pending_space);
        } else if c.is_uppercase() && mode == KeyMode::Plain && (keep_case || in_caps_word(text, i))
        {
            push(&mut out, c.encode_utf8(&mut buf), &mut pending_space);
        } else {
            for l in c.to_lowercase() {
                push(&mut out, l.encode_utf8(&mut buf), &mut pending_space);
            }
        }
        i += clen;
    }
    if !has_letter {
        return None;
    }
    // A space matters only between two ASCII words (or placeholders); beside CJK
    // characters or punctuation it is spacing style (`cjk-spacing`,
    // `punctuation-spacing`), not a different translation.
    // Spaces in `out` are single ASCII bytes, never first or last, never two in a row;
    // a neighbour that is not an ASCII byte is (part of) a character that is no word.
    let mut out = drop_style_spaces(out);
    if mode == KeyMode::ReverseSource {
        out = out.replace("(s)", "");
        let trimmed = out.trim_end_matches(['.', ':', '!', '?', '…', ' ', '：', '。']);
        out = singular(trimmed);
    }
    Some(out)
}

/// `out` without the spaces that are not between two ASCII words (or placeholders, `\u{1}`):
/// see [`normalise`], whose output this is (its spaces are single ASCII bytes, never first
/// or last, never two in a row).
fn drop_style_spaces(out: String) -> String {
    if !out.contains(' ') {
        return out;
    }
    let word = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_alphanumeric() || *b == 1);
    let bytes = out.as_bytes();
    let drop = |k: usize| {
        bytes[k] == b' ' && !(word(bytes.get(k.wrapping_sub(1))) && word(bytes.get(k + 1)))
    };
    if !(0..bytes.len()).any(drop) {
        return out;
    }
    // Only ASCII spaces go, so the rest stays UTF-8: copied byte by byte (not collected
    // character by character).
    let kept: Vec<u8> = (0..bytes.len())
        .filter(|&k| !drop(k))
        .map(|k| bytes[k])
        .collect();
    String::from_utf8(kept).expect("only ASCII spaces were dropped")
}

/// The forward group key: `context \u{4} plural form \u{4} normalised source`, built by
/// hand (`format!` cost more than the normalising on a corpus).
fn source_group_key(context: Option<&str>, plural: Option<usize>, source: &str) -> String {
    let context = context.unwrap_or("");
    let mut key = String::with_capacity(context.len() + source.len() + 24);
    key.push_str(context);
    key.push('\u{4}');
    if let Some(p) = plural {
        use std::fmt::Write;
        let _ = write!(key, "{p}");
    }
    key.push('\u{4}');
    key.push_str(source);
    key
}

/// Whether the letter at byte `i` belongs to a word of two or more letters, all capitals
/// (`LOGIN`, `NAME`: column headings and metavariables keep their case when compared).
fn in_caps_word(text: &str, i: usize) -> bool {
    let is_word = |c: &char| c.is_alphanumeric() || *c == '_';
    let before = text[..i].chars().rev().take_while(is_word);
    let after = text[i..].chars().take_while(is_word);
    let mut letters = 0;
    for c in before.chain(after) {
        if c.is_lowercase() {
            return false;
        }
        letters += usize::from(c.is_alphabetic());
    }
    letters >= 2
}

/// Every run of letters with a plural-looking ending made singular (`entries` -> `entry`,
/// `bytes)` -> `byte)`), so that `%d file`/`%d files` compare equal in reverse.
fn singular(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        let n = word.chars().count();
        if n > 4 && word.ends_with("ies") {
            word.truncate(word.len() - 3);
            word.push('y');
        } else if n > 3 && word.ends_with('s') && !word.ends_with("ss") {
            word.pop();
        }
        out.push_str(word);
        word.clear();
    };
    for c in s.chars() {
        if c.is_ascii_alphabetic() {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

/// One occurrence in a group: the segment and the exact key of its varying side.
struct Member {
    at: SegRef,
    key: String,
}

/// Split members into variants by key, ranked: most frequent first, ties by first
/// occurrence in input order. Each variant keeps its members in input order.
fn rank(mut members: Vec<Member>) -> Vec<Vec<Member>> {
    members.sort_by_key(|m| m.at);
    let mut order: Vec<String> = Vec::new();
    let mut by_key: HashMap<String, Vec<Member>> = HashMap::new();
    for m in members {
        if !by_key.contains_key(&m.key) {
            order.push(m.key.clone());
        }
        by_key.entry(m.key.clone()).or_default().push(m);
    }
    let mut variants: Vec<Vec<Member>> = order
        .into_iter()
        .filter_map(|k| by_key.remove(&k))
        .collect();
    // Stable: equal counts keep first-occurrence order.
    variants.sort_by_key(|v| std::cmp::Reverse(v.len()));
    variants
}

fn target_key(seg: &Segment) -> Option<String> {
    let t = seg.target.as_ref()?;
    if t.value.trim().is_empty() {
        return None;
    }
    normalise(&t.value, KeyMode::Plain).or_else(|| Some(t.value.split_whitespace().collect()))
}

/// Which comparison: one source with several translations, or (optionally) one
/// translation of several sources.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Direction {
    Forward,
    Reverse,
}

impl Direction {
    /// The key that groups segments.
    fn group_key(self, seg: &Segment) -> Option<String> {
        match self {
            Direction::Forward => seg.source.as_ref().and_then(|s| {
                let src = normalise(&s.value, KeyMode::Plain)?;
                Some(source_group_key(seg.context(), seg.plural_index(), &src))
            }),
            Direction::Reverse => seg
                .target
                .as_ref()
                .and_then(|t| normalise(&t.value, KeyMode::Plain)),
        }
    }

    /// The text whose variants are compared, as written: texts written alike have equal
    /// variant keys, so a group whose texts are all alike has nothing to report (the
    /// others are compared by their keys in the second sweep).
    fn varying(self, seg: &Segment) -> &str {
        let text = match self {
            Direction::Forward => seg.target.as_ref(),
            Direction::Reverse => seg.source.as_ref(),
        };
        text.map_or("", |t| t.value.as_str())
    }

    /// The key that groups segments, and the key whose differences are reported.
    fn keys(self, seg: &Segment) -> (Option<String>, Option<String>) {
        let group = self.group_key(seg);
        let variant = group.as_ref().and_then(|_| match self {
            Direction::Forward => target_key(seg),
            Direction::Reverse => normalise(&seg.source.as_ref()?.value, KeyMode::ReverseSource),
        });
        (group, variant)
    }
}

/// A segment across sweeps: its chunk's ordinal and its index in the chunk (input order).
type Pos = SegRef;

/// What the first sweep keeps of a segment for one direction: the hashes of its group key
/// and of its varying text ([`Direction::varying`]) and where it is. 24 bytes a segment.
type Hashed = (u64, u64, Pos);

/// What the second sweep keeps of a segment in a group whose variants differ: its exact
/// keys, texts and location, and its finding save the message (known only once every
/// member of the group is seen).
struct Member2 {
    group: String,
    variant: String,
    source: String,
    target: String,
    location: String,
    finding: Diagnostic,
}

/// The pass: the first sweep hashes every segment's group key and varying text; the
/// groups whose texts differ are looked at again in the second sweep, by their exact
/// keys (so a hash collision cannot merge different texts, and texts written differently
/// with equal keys are not reported), and reported once all of a group's members are
/// seen.
struct InconsistentPass {
    directions: Vec<Direction>,
    /// Per chunk (by ordinal), its segments in a group that differs: (index, direction).
    todo: Vec<Vec<(u32, Direction)>>,
    /// Per direction, the groups whose texts differ, each in input order, the groups in
    /// the order of their first members.
    candidates: Vec<Vec<Vec<Pos>>>,
}

impl InconsistentPass {
    /// Whether `seg` is compared at all.
    fn compared(run: &RunCtx<'_>, seg: &Segment) -> bool {
        seg.source.is_some()
            && seg
                .target
                .as_ref()
                .is_some_and(|t| !t.value.trim().is_empty())
            && allowed(run, &TERM_INCONSISTENT, seg)
    }
}

impl StreamedPass for InconsistentPass {
    fn sweeps(&self) -> usize {
        2
    }

    fn visit(
        &self,
        sweep: usize,
        chunk: &Chunk<'_>,
        run: &RunCtx<'_>,
        _out: &mut Vec<Diagnostic>,
    ) -> Option<Kept> {
        let pos = |i: usize| SegRef {
            chunk: chunk.ordinal as u32,
            index: i as u32,
        };
        if sweep == 0 {
            let mut hashed: Vec<Vec<Hashed>> = self
                .directions
                .iter()
                .map(|_| Vec::with_capacity(chunk.segments.len()))
                .collect();
            for (i, seg) in chunk.segments.iter().enumerate() {
                if !Self::compared(run, seg) {
                    continue;
                }
                for (dir, to) in self.directions.iter().zip(&mut hashed) {
                    if let Some(g) = dir.group_key(seg) {
                        to.push((hash_of(&g), hash_of(dir.varying(seg)), pos(i)));
                    }
                }
            }
            // Kept until the sweep ends: at its exact size.
            for h in &mut hashed {
                h.shrink_to_fit();
            }
            return Some(Box::new(hashed));
        }
        let todo = self.todo.get(chunk.ordinal).filter(|t| !t.is_empty())?;
        let severity = run.rules.severity(TERM_INCONSISTENT.name);
        let members: Vec<(Direction, Pos, Member2)> = todo
            .iter()
            .filter_map(|&(i, dir)| {
                let seg = &chunk.segments[i as usize];
                let (Some(group), Some(variant)) = dir.keys(seg) else {
                    return None;
                };
                let target = seg.target.as_ref().expect("compared segments have targets");
                let finding = make_diagnostic(
                    chunk.doc,
                    target,
                    TERM_INCONSISTENT.name,
                    severity,
                    Side::Target,
                    0..target.value.len(),
                    String::new(),
                    Some(seg.id().into_owned()),
                );
                let member = Member2 {
                    group,
                    variant,
                    source: seg
                        .source
                        .as_ref()
                        .map_or(String::new(), |t| t.value.clone()),
                    target: target.value.clone(),
                    location: location(chunk.doc, target, 0),
                    finding,
                };
                Some((dir, pos(i as usize), member))
            })
            .collect();
        Some(Box::new(members))
    }

    fn after_sweep(
        &mut self,
        sweep: usize,
        _docs: &[Document],
        kept: Vec<Kept>,
        _run: &RunCtx<'_>,
        out: &mut Vec<Diagnostic>,
    ) {
        if sweep == 0 {
            let kept: Vec<Vec<Vec<Hashed>>> = kept
                .into_iter()
                .map(|k| *k.downcast().expect("the first sweep hashes"))
                .collect();
            // Allocated at their exact size; each chunk's hashes are freed once copied.
            let mut all: Vec<Vec<Hashed>> = (0..self.directions.len())
                .map(|d| Vec::with_capacity(kept.iter().map(|h| h[d].len()).sum()))
                .collect();
            for hashed in kept {
                for (to, h) in all.iter_mut().zip(hashed) {
                    to.extend(h);
                }
            }
            for (&dir, mut hashed) in self.directions.iter().zip(all) {
                hashed.par_sort_unstable();
                let mut groups: Vec<Vec<Pos>> = hashed
                    .chunk_by(|a, b| a.0 == b.0)
                    .filter(|run| run.len() >= 2)
                    .filter(|run| run.iter().any(|h| h.1 != run[0].1))
                    .map(|run| run.iter().map(|h| h.2).collect())
                    .collect();
                groups.sort();
                for group in &groups {
                    for p in group {
                        let ordinal = p.chunk as usize;
                        if self.todo.len() <= ordinal {
                            self.todo.resize_with(ordinal + 1, Vec::new);
                        }
                        self.todo[ordinal].push((p.index, dir));
                    }
                }
                self.candidates.push(groups);
            }
            for todo in &mut self.todo {
                todo.sort_unstable();
                todo.dedup();
            }
            return;
        }
        let mut members: HashMap<(Direction, Pos), Member2> = HashMap::new();
        for k in kept {
            let found = k
                .downcast::<Vec<(Direction, Pos, Member2)>>()
                .expect("the second sweep keeps members");
            members.extend(found.into_iter().map(|(d, p, m)| ((d, p), m)));
        }
        for (&dir, groups) in self
            .directions
            .iter()
            .zip(std::mem::take(&mut self.candidates))
        {
            for group in groups {
                report_group(dir, &group, &mut members, out);
            }
        }
    }
}

/// Report the members of `group` (a group whose texts differ) that depart from the
/// majority, grouped again by their exact keys.
fn report_group(
    dir: Direction,
    group: &[Pos],
    members: &mut HashMap<(Direction, Pos), Member2>,
    out: &mut Vec<Diagnostic>,
) {
    let mut exact: HashMap<&str, Vec<Member>> = HashMap::new();
    for &at in group {
        if let Some(m) = members.get(&(dir, at)) {
            exact.entry(m.group.as_str()).or_default().push(Member {
                at,
                key: m.variant.clone(),
            });
        }
    }
    let mut exact: Vec<(&str, Vec<Member>)> = exact.into_iter().collect();
    exact.sort_by(|a, b| a.0.cmp(b.0));
    let ranked: Vec<Vec<Vec<Member>>> = exact
        .into_iter()
        .map(|(_, m)| rank(m))
        .filter(|r| r.len() >= 2)
        .collect();
    for variants in ranked {
        let member = |m: &Member| &members[&(dir, m.at)];
        let major = member(&variants[0][0]);
        let (major_text, major_source) = (major.target.clone(), major.source.clone());
        let listing: Vec<(String, Vec<String>)> = variants
            .iter()
            .map(|v| {
                let first = member(&v[0]);
                let text = match dir {
                    Direction::Forward => first.target.clone(),
                    Direction::Reverse => first.source.clone(),
                };
                (text, v.iter().map(|m| member(m).location.clone()).collect())
            })
            .collect();
        let note = match dir {
            Direction::Forward => variants_note("translations", &listing),
            Direction::Reverse => variants_note("sources share this translation", &listing),
        };
        for variant in &variants[1..] {
            for m in variant {
                let Some(Member2 {
                    source, finding, ..
                }) = members.remove(&(dir, m.at))
                else {
                    continue;
                };
                let mut d = finding;
                let this_source = excerpt(&source, 60);
                match dir {
                    Direction::Forward => {
                        d.message = format!(
                            "\"{}\" is translated differently elsewhere: \"{}\"{}",
                            this_source,
                            excerpt(&major_text, 60),
                            if this_source == excerpt(&major_source, 60) {
                                String::new()
                            } else {
                                format!(" (for \"{}\")", excerpt(&major_source, 60))
                            }
                        )
                        .into();
                        d.suggestion = Some(major_text.clone());
                    }
                    Direction::Reverse => {
                        d.message = format!(
                            "the translation of \"{}\" is the same as that of a different source, \"{}\"",
                            this_source,
                            excerpt(&major_source, 60)
                        )
                        .into();
                    }
                }
                d.note = Some(note.clone());
                out.push(d);
            }
        }
    }
}

impl Check for TermInconsistent {
    fn rules(&self) -> &'static [&'static RuleMeta] {
        static RULES: [&RuleMeta; 1] = [&TERM_INCONSISTENT];
        &RULES
    }

    fn streamed_pass(&self, run: &RunCtx<'_>, _docs: &[Document]) -> Option<Box<dyn StreamedPass>> {
        if !run.rules.enabled(TERM_INCONSISTENT.name) {
            return None;
        }
        let mut directions = vec![Direction::Forward];
        if run.options.term_inconsistent.reverse {
            directions.push(Direction::Reverse);
        }
        Some(Box::new(InconsistentPass {
            directions,
            todo: Vec::new(),
            candidates: Vec::new(),
        }))
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::checks::RuleSettings;
    use crate::config::Options;

    /// A document named `path` whose segments are (context, source, target) triples, laid
    /// out one per line as `source\ttarget` so spans and lines are real (the streamed
    /// passes' test document, English source, nothing suppressed).
    pub fn doc(path: &str, lang: &str, units: &[(Option<&str>, Option<&str>, &str)]) -> Document {
        let units: Vec<crate::checks::leftover_script::streamed_testing::Unit<'_>> = units
            .iter()
            .map(|&(ctx, src, tgt)| (ctx, src, tgt, &[][..]))
            .collect();
        crate::checks::leftover_script::streamed_testing::doc(path, "en", lang, &units)
    }

    /// Run one corpus check over `docs`.
    pub fn run(check: &dyn Check, docs: &[Document], options: &Options) -> Vec<Diagnostic> {
        run_with(check, docs, options, None)
    }

    /// Run one corpus check over `docs` with a glossary index.
    pub fn run_with(
        check: &dyn Check,
        docs: &[Document],
        options: &Options,
        terms: Option<&crate::glossary::TermIndex>,
    ) -> Vec<Diagnostic> {
        let settings = RuleSettings::defaults();
        let run = RunCtx {
            rules: &settings,
            terms,
            options,
        };
        let mut out = Vec::new();
        if let Some(pass) = check.streamed_pass(&run, docs) {
            crate::checks::run_streamed(pass, docs, &run, &mut out);
        }
        out.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        out
    }

    fn reverse() -> Options {
        let mut o = Options::default();
        o.term_inconsistent.reverse = true;
        o
    }

    /// The streamed passes converted in session 12 find over chunks of 1, 2, 3 and 512
    /// segments, visited last to first, what they find over whole documents: counts and
    /// positions merge the same in any order.
    #[test]
    fn streamed_passes_agree_over_any_chunks() {
        use crate::checks::leftover_script::streamed_testing::run_chunked;
        use crate::checks::registry;
        let mut en_units: Vec<(Option<&str>, Option<&str>, &str)> = Vec::new();
        let mut zh_units: Vec<(Option<&str>, Option<&str>, &str)> = Vec::new();
        for i in 0..7 {
            en_units.extend([
                (None, Some("Send mail"), "Send e-mail to the colour team"),
                (None, Some("Send mail"), "Send email to the color team"),
                (
                    None,
                    Some("Mail"),
                    if i % 3 == 0 { "E-Mail" } else { "e-mail" },
                ),
                (
                    Some("menu"),
                    Some("Open"),
                    if i % 2 == 0 { "Open it" } else { "Open this" },
                ),
                (
                    None,
                    Some("Colour"),
                    "Colour and color, co-operate and cooperate",
                ),
                (
                    None,
                    Some("12"),
                    if i == 3 { "１２ items" } else { "12 items" },
                ),
            ]);
            zh_units.extend([
                (None, Some("OK"), "点击“确定”继续"),
                (
                    None,
                    Some("Advanced"),
                    if i == 2 {
                        "选择「高级」按钮"
                    } else {
                        "选择“高级”按钮"
                    },
                ),
                (
                    None,
                    Some("Use Git"),
                    if i % 3 == 0 {
                        "使用Git提交"
                    } else {
                        "使用 Git 提交"
                    },
                ),
                (Some("c"), Some("Use Git"), "用Git提交"),
                (
                    None,
                    Some("Restart"),
                    if i == 5 {
                        "重新啟動电脑"
                    } else {
                        "重新启动电脑"
                    },
                ),
                (None, Some("Software"), "软件和数据库，Open it"),
            ]);
        }
        let docs = [
            doc("en.po", "en", &en_units),
            doc("zh.po", "zh", &zh_units),
            doc("zh2.po", "zh", &zh_units[..9]),
        ];
        for options in [Options::default(), reverse()] {
            let settings = RuleSettings::defaults();
            let run = RunCtx {
                rules: &settings,
                terms: None,
                options: &options,
            };
            let mut compared = 0;
            for check in registry() {
                if check.streamed_pass(&run, &docs).is_none() {
                    continue;
                }
                let whole = super::tests::run(check.as_ref(), &docs, &options);
                for len in [1, 2, 3, 512] {
                    let chunked = run_chunked(check.as_ref(), &docs, &run, len);
                    assert_eq!(chunked, whole, "{} {len}", check.rules()[0].name);
                }
                compared += whole.len();
            }
            assert!(compared > 30, "{compared}");
        }
    }

    /// The byte-wise space removal and the hand-built key give what the character-wise
    /// filter and `format!` gave, on generated texts with spaces next to words,
    /// placeholders, CJK and punctuation.
    #[test]
    fn fast_keys_agree_with_the_plain_ones() {
        let texts = crate::checks::testing::generated_texts(
            &[
                "a", "Z9", " ", "\u{1}", "中", "文", ":", "，", "é", "%s", "😀", "-x", ".",
            ],
            41,
            4000,
            12,
        );
        for t in &texts {
            // `normalise` output: single spaces, never first or last.
            let out = t
                .split(' ')
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            let bytes = out.as_bytes();
            let word = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_alphanumeric() || *b == 1);
            let drop = |k: usize| {
                bytes[k] == b' ' && !(word(bytes.get(k.wrapping_sub(1))) && word(bytes.get(k + 1)))
            };
            let plain: String = out
                .char_indices()
                .filter(|&(k, _)| !drop(k))
                .map(|(_, c)| c)
                .collect();
            assert_eq!(drop_style_spaces(out.clone()), plain, "{out:?}");
            for (context, plural) in [(None, None), (Some("menu"), Some(12)), (Some(""), Some(0))] {
                assert_eq!(
                    source_group_key(context, plural, t),
                    format!(
                        "{}\u{4}{}\u{4}{t}",
                        context.unwrap_or(""),
                        plural.map_or(String::new(), |p| p.to_string())
                    )
                );
            }
        }
    }

    #[test]
    fn flags_the_minority_translation_across_files() {
        let a = doc(
            "a.po",
            "zh",
            &[
                (None, Some("Open file"), "打开文件"),
                (None, Some("Save file"), "保存文件"),
            ],
        );
        let b = doc("b.po", "zh", &[(None, Some("Open  File"), "打开文件")]);
        let c = doc("c.po", "zh", &[(None, Some("Open file"), "开启档案")]);
        let d = run(&TermInconsistent, &[a, b, c], &Options::default());
        assert_eq!(d.len(), 1, "{d:#?}");
        assert_eq!(&*d[0].file, "c.po");
        assert_eq!(&*d[0].text, "开启档案");
        assert_eq!(d[0].suggestion.as_deref(), Some("打开文件"));
        let note = d[0].note.as_deref().unwrap();
        assert!(note.starts_with("2 translations in 3 places: \"打开文件\" ×2 (a.po:1, b.po:1); \"开启档案\" ×1 (c.po:1)"), "{note}");
    }

    #[test]
    fn does_not_flag_equal_translations_after_normalisation() {
        let a = doc(
            "a.po",
            "zh",
            &[
                (None, Some("Delete %s?"), "删除 %s？"),
                (None, Some("Delete %d?"), "删除 %d？"),
                (None, Some("_Open"), "打开(_O)"),
                (None, Some("Open"), "打开"),
                (None, Some("Copy\n  files"), "复制  文件"),
                (None, Some("Copy files"), "复制 文件"),
            ],
        );
        assert!(run(&TermInconsistent, &[a], &Options::default()).is_empty());
    }

    #[test]
    fn spacing_and_width_beside_chinese_are_not_a_different_translation() {
        let a = doc(
            "a.po",
            "zh",
            &[
                (None, Some("Can't open '%s': %s"), "无法打开 ‘%s’： %s"),
                (None, Some("Can't open '%s': %s"), "无法打开‘%s’：%s"),
                (None, Some("Pointer Size: %d"), "指针大小: %d"),
                (None, Some("Pointer Size: %d"), "指针大小：%d"),
            ],
        );
        assert!(run(&TermInconsistent, &[a], &Options::default()).is_empty());
    }

    #[test]
    fn case_matters_in_options_and_lone_keywords() {
        let a = doc(
            "a.po",
            "zh",
            &[
                (
                    None,
                    Some("-w, --ignore-all-space  ignore all white space"),
                    "-w 忽略所有空格",
                ),
                (
                    None,
                    Some("-W, --ignore-all-space  ignore all white space"),
                    "-W 忽略所有空白字符",
                ),
                (None, Some("yes"), "yes"),
                (None, Some("Yes"), "是"),
                (None, Some("LOGIN"), "登录名"),
                (None, Some("login"), "登录"),
            ],
        );
        assert!(run(&TermInconsistent, &[a], &Options::default()).is_empty());
    }

    #[test]
    fn title_case_and_sentence_case_are_one_source() {
        let a = doc(
            "a.po",
            "zh",
            &[
                (None, Some("Arrow Scaling"), "箭头的缩放比例"),
                (None, Some("Arrow scaling"), "箭头比例"),
            ],
        );
        let d = run(&TermInconsistent, &[a], &Options::default());
        assert_eq!(d.len(), 1);
        assert!(
            d[0].message.contains("(for \"Arrow Scaling\")"),
            "{}",
            d[0].message
        );
    }

    #[test]
    fn a_different_context_may_differ() {
        let a = doc(
            "a.po",
            "zh",
            &[
                (Some("verb"), Some("Open"), "打开"),
                (Some("adjective"), Some("Open"), "开放的"),
            ],
        );
        assert!(run(&TermInconsistent, &[a], &Options::default()).is_empty());
    }

    #[test]
    fn sources_without_letters_are_not_compared() {
        let a = doc(
            "a.po",
            "zh",
            &[
                (None, Some("%s: %s"), "%s：%s"),
                (None, Some("%s: %s"), "%s: %s"),
            ],
        );
        assert!(run(&TermInconsistent, &[a], &Options::default()).is_empty());
    }

    #[test]
    fn ties_go_to_the_first_variant_met() {
        let a = doc(
            "a.po",
            "zh",
            &[
                (None, Some("Cancel"), "取消"),
                (None, Some("Cancel"), "撤销"),
            ],
        );
        let d = run(&TermInconsistent, &[a], &Options::default());
        assert_eq!(d.len(), 1);
        assert_eq!(&*d[0].text, "撤销");
        assert_eq!(d[0].start.line, 2);
    }

    #[test]
    fn reverse_is_off_by_default_and_finds_a_copied_neighbour() {
        let units = [
            (
                None,
                Some("       --ca-certificate=FILE       file with the bundle of CAs"),
                "       --ca-certificate=文件        带有一组 CA 证书的文件。",
            ),
            (
                None,
                Some("       --crl-file=FILE             file with bundle of CRLs"),
                "       --ca-certificate=文件        带有一组 CA 证书的文件。",
            ),
        ];
        let a = doc("wget.po", "zh", &units);
        assert!(run(
            &TermInconsistent,
            std::slice::from_ref(&a),
            &Options::default()
        )
        .is_empty());
        let d = run(&TermInconsistent, &[a], &reverse());
        assert_eq!(d.len(), 1, "{d:#?}");
        assert_eq!(d[0].start.line, 2);
        assert!(d[0].message.contains("--crl-file=FILE"), "{}", d[0].message);
        assert!(
            d[0].message.contains("--ca-certificate=FILE"),
            "{}",
            d[0].message
        );
    }

    #[test]
    fn reverse_ignores_plural_and_punctuation_differences() {
        let a = doc(
            "a.po",
            "zh",
            &[
                (None, Some("%d file deleted"), "已删除 %d 个文件"),
                (None, Some("%d files deleted."), "已删除 %d 个文件"),
                (None, Some("Error:"), "错误"),
                (None, Some("\"Error\""), "错误"),
                (None, Some("DISPLAY"), "显示"),
                (None, Some("Display"), "显示"),
                (None, Some("_Credits"), "鸣谢"),
                (None, Some("Credits"), "鸣谢"),
                (
                    None,
                    Some("incomplete tar header found (%lu bytes)"),
                    "找到未完成的tar文件头(%lu个字节)",
                ),
                (
                    None,
                    Some("incomplete tar header found (%lu byte)"),
                    "找到未完成的tar文件头(%lu个字节)",
                ),
                (
                    None,
                    Some("Your stash has %d entries"),
                    "您的贮藏区有 %d 条记录",
                ),
                (
                    None,
                    Some("Your stash has %d entry"),
                    "您的贮藏区有 %d 条记录",
                ),
            ],
        );
        let d = run(&TermInconsistent, &[a], &reverse());
        assert!(
            d.is_empty(),
            "{:?}",
            d.iter().map(|d| &d.message).collect::<Vec<_>>()
        );
    }

    #[test]
    fn suppressed_segments_stay_out_of_the_groups() {
        let mut a = doc(
            "a.po",
            "zh",
            &[
                (None, Some("Open file"), "打开文件"),
                (None, Some("Open file"), "开启档案"),
            ],
        );
        a.segments[1].set_suppressed(vec!["term-inconsistent".into()]);
        assert!(run(&TermInconsistent, &[a], &Options::default()).is_empty());
    }

    #[test]
    fn monolingual_documents_are_ignored() {
        let a = doc("a.txt", "en", &[(None, None, "Hello"), (None, None, "Hi")]);
        assert!(run(&TermInconsistent, &[a], &reverse()).is_empty());
    }
}
