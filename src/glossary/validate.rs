//! `termlint glossary validate`: problems in a glossary, each with file and line.
//!
//! Errors (exit code 1):
//! - `malformed-row`: a row the loader cannot understand (wrong number of fields, empty
//!   required cell, unknown `case`/`match` value, invalid UTF-8); the other rows are
//!   still validated;
//! - `approved-and-forbidden`: one rendering both approved and forbidden in one concept;
//! - `conflicting-status`: a rendering approved in one concept and forbidden in another
//!   concept with the same source term.
//!
//! Warnings (exit code 0, 1 with `--strict`):
//! - `duplicate-row`, `unknown-column` and other problems the loader reports;
//! - `invisible-character` and `stray-whitespace`: zero-width and control characters,
//!   non-breaking or ideographic spaces, runs of spaces inside a term;
//! - `several-renderings`: one cell holding a list (`祖先，祖先提交`, `a; b`) instead of
//!   `|`-separated alternatives;
//! - `explanation-in-term`: an explanation left in a term (`索引（的别称）`);
//! - `swapped-columns`: a row whose source is in the glossary's target script and whose
//!   target is in its source script;
//! - `single-character-term`: a one-character Chinese source term or forbidden rendering
//!   (it matches inside countless words);
//! - `case-variant`: source terms of two concepts that differ only in case (`HEAD` /
//!   `head`), unless one of them has `case = sensitive`;
//! - `near-duplicate`: source terms of two concepts equal after folding case, width,
//!   hyphens and spaces and a final plural `s` (`e-mail` / `email`, `repository` /
//!   `repositories`), or Latin terms of five letters or more one edit apart
//!   (`vulnerability` / `vulnerabilty`; two edits from ten letters). Candidate pairs come
//!   from hash keys (the deletion neighbourhood, exact for one edit; shared thirds for
//!   two), never from comparing every pair; Chinese terms are only compared after
//!   folding (主机 and 主板 are different terms).

use std::collections::{HashMap, HashSet};
use std::path::Path;

use rayon::prelude::*;

use serde::Serialize;

use super::{csv, tbx, CaseRule, Glossary, GlossaryFormat, TermEntry};
use crate::diagnostic::InputError;
use crate::lang::script::{is_han, is_latin_letter, to_halfwidth};
use crate::lang::Lang;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Worth a look.
    Warning,
    /// The glossary is wrong.
    Error,
}

/// One problem found in a glossary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The glossary file.
    pub file: String,
    /// 1-based line of the row (CSV) or term (TBX).
    pub line: usize,
    /// 1-based column, where known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    /// Error or warning.
    pub level: Level,
    /// Stable kebab-case name of the problem.
    pub code: &'static str,
    /// What is wrong.
    pub message: String,
}

/// Validate the glossary files at `paths`. Files that cannot be read at all (no header,
/// not TBX, unreadable) are returned as input errors; the others' problems as findings,
/// sorted by file and line.
pub fn validate_files(
    paths: &[String],
    source: Option<&Lang>,
    target: Option<&Lang>,
) -> (Vec<Finding>, Vec<InputError>, usize) {
    let mut findings = Vec::new();
    let mut errors = Vec::new();
    let mut entries = 0;
    for p in paths {
        match load_for_validation(Path::new(p), source, target) {
            Ok((g, row_errors)) => {
                entries += g.entries.len();
                findings.extend(
                    row_errors
                        .into_iter()
                        .map(|e| from_input(e, Level::Error, "malformed-row")),
                );
                findings.extend(validate(&g));
            }
            Err(e) => errors.push(e),
        }
    }
    findings.sort_by(|a, b| {
        (&a.file, a.line, b.level, a.code).cmp(&(&b.file, b.line, a.level, b.code))
    });
    (findings, errors, entries)
}

/// Load a glossary leniently: CSV rows that cannot be understood are returned beside the
/// glossary instead of stopping the load.
pub fn load_for_validation(
    path: &Path,
    source: Option<&Lang>,
    target: Option<&Lang>,
) -> Result<(Glossary, Vec<InputError>), InputError> {
    let label = path.display().to_string();
    let format = GlossaryFormat::from_path(path)?;
    let bytes = std::fs::read(path)
        .map_err(|e| InputError::file(label.clone(), format!("cannot read glossary: {e}")))?;
    let mut row_errors = Vec::new();
    let g = match format {
        GlossaryFormat::Csv => {
            csv::parse_lenient(&label, &bytes, csv::Delimiter::Comma, &mut row_errors)?
        }
        GlossaryFormat::Tsv => {
            csv::parse_lenient(&label, &bytes, csv::Delimiter::Tab, &mut row_errors)?
        }
        GlossaryFormat::Tbx => tbx::read_glossary(&label, bytes, source, target)?,
    };
    Ok((g, row_errors))
}

fn from_input(e: InputError, level: Level, code: &'static str) -> Finding {
    Finding {
        file: e.file,
        line: e.line.unwrap_or(1),
        column: e.column,
        level,
        code,
        message: e.message,
    }
}

/// Characters that should never be in a term: zero-width, bidi controls, soft hyphen,
/// BOM, C0/C1 controls.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{00AD}')
        || c.is_control()
}

/// Separators of a list of renderings written into one cell.
fn list_separator(term: &str) -> Option<&'static str> {
    if term.contains('，') {
        return Some("，");
    }
    if term.contains('、') {
        return Some("、");
    }
    if term.contains('；') {
        return Some("；");
    }
    if term.contains(';') {
        return Some(";");
    }
    if term.contains(", ") || (term.contains(',') && term.chars().any(is_han)) {
        return Some(",");
    }
    // 提交/承诺: a slash between Chinese words (CNCERT/CC is one term).
    if let Some(i) = term.find('/') {
        let before = term[..i].chars().next_back();
        let after = term[i + 1..].chars().next();
        if before.is_some_and(is_han) && after.is_some_and(is_han) {
            return Some("/");
        }
    }
    None
}

/// Separators of several source terms in one cell: Chinese list punctuation, or a slash
/// between lower-case words (`working tree/worktree`; `TCP/IP`, `CNCERT/CC` are terms).
fn source_list_separator(term: &str) -> Option<&'static str> {
    if let Some(sep) = ['，', '、', '；'].into_iter().find(|&c| term.contains(c)) {
        return Some(match sep {
            '，' => "，",
            '、' => "、",
            _ => "；",
        });
    }
    let mut parts = term.split('/');
    let (Some(a), Some(b)) = (parts.next(), parts.next()) else {
        return None;
    };
    let wordy = |s: &str| {
        let w = s.split_whitespace().last().unwrap_or("");
        w.chars().filter(|c| c.is_lowercase()).count() >= 3
    };
    (wordy(a) && wordy(b.split_whitespace().next().unwrap_or(""))).then_some("/")
}

/// A parenthesised explanation: full-width brackets, or half-width ones around anything
/// but a short code-like tail (`open(2)`, `f()`).
fn explanation(term: &str) -> Option<String> {
    let open = term.find(['（', '(', '【', '['])?;
    let inner_start = open + term[open..].chars().next()?.len_utf8();
    let close = term[inner_start..]
        .find(['）', ')', '】', ']'])
        .map(|i| i + inner_start)?;
    let inner = &term[inner_start..close];
    let half = term[open..].starts_with(['(', '[']);
    let code_like = half && inner.chars().all(|c| c.is_ascii_alphanumeric()) && inner.len() <= 2;
    if code_like
        || (half
            && term[..open].ends_with(|c: char| c.is_ascii_alphanumeric())
            && !term[..open].ends_with(' '))
    {
        // `f(x)`, `open(2)`, `array[i]`: code, not an explanation.
        return None;
    }
    Some(
        term[open..]
            .chars()
            .take(term[open..].chars().count().min(20))
            .collect(),
    )
}

/// Fold for near-duplicate detection: width, case, hyphens and spaces removed, a final
/// English plural taken off.
pub fn fold(term: &str) -> String {
    let mut s = String::with_capacity(term.len());
    fold_into(term, &mut s);
    s
}

/// [`fold`] appended to `out` (so that many terms share one buffer).
fn fold_into(term: &str, out: &mut String) {
    let start = out.len();
    for c in term.chars().map(to_halfwidth) {
        if c.is_ascii() {
            if !matches!(c, '-' | ' ' | '_') {
                out.push(c.to_ascii_lowercase());
            }
        } else {
            for c in c.to_lowercase() {
                if !matches!(
                    c,
                    '-' | ' ' | '_' | '‐' | '‑' | '–' | '·' | '・' | '\u{3000}'
                ) {
                    out.push(c);
                }
            }
        }
    }
    let s = &out[start..];
    if s.chars().last().is_some_and(|c| c.is_ascii_alphabetic()) && s.len() > 3 {
        if s.ends_with("ies") {
            out.truncate(out.len() - 3);
            out.push('y');
        } else if ["sses", "shes", "ches", "xes", "zes"]
            .iter()
            .any(|x| s.ends_with(x))
        {
            out.truncate(out.len() - 2);
        } else if s.ends_with('s') && !s.ends_with("ss") && !s.ends_with("us") && !s.ends_with("is")
        {
            out.pop();
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Han,
    Latin,
    Other,
}

fn script_of(s: &str) -> Side {
    let (mut han, mut latin) = (0usize, 0usize);
    for c in s.chars() {
        if is_han(c) {
            han += 1;
        } else if is_latin_letter(c) {
            latin += 1;
        }
    }
    if han > 0 && han >= latin {
        Side::Han
    } else if latin > 0 && han == 0 {
        Side::Latin
    } else {
        Side::Other
    }
}

/// A hash map with a fast, fixed (so reproducible) hash.
type FastMap<K, V> = HashMap<K, V, foldhash::fast::FixedState>;

/// How findings are made from an entry: file and line from the entry.
type At<'a> = dyn Fn(&TermEntry, Level, &'static str, String) -> Finding + Sync + 'a;

/// Validate a loaded glossary: its loader warnings, then the checks of the module
/// documentation. Findings are sorted by line.
pub fn validate(g: &Glossary) -> Vec<Finding> {
    let mut out: Vec<Finding> = g
        .warnings
        .iter()
        .map(|w| {
            let code = if w.message.starts_with("duplicate row") {
                "duplicate-row"
            } else if w.message.contains("column") {
                "unknown-column"
            } else {
                "load-warning"
            };
            from_input(w.clone(), Level::Warning, code)
        })
        .collect();
    let entries = &g.entries;
    let at = |e: &TermEntry, level: Level, code: &'static str, message: String| Finding {
        file: if e.origin.file.is_empty() {
            g.path.clone()
        } else {
            e.origin.file.to_string()
        },
        line: e.origin.line,
        column: None,
        level,
        code,
        message,
    };

    // Per-row checks of every term string, in parallel, kept in row order.
    out.par_extend(
        entries
            .par_iter()
            .with_min_len(512)
            .flat_map_iter(|e| row_findings(e, &at)),
    );

    // Swapped columns: the glossary's direction by majority script.
    let scripts: Vec<Option<(Side, Option<Side>)>> = entries
        .par_iter()
        .with_min_len(512)
        .map(|e| {
            (!e.source.is_empty() && !e.is_do_not_translate()).then(|| {
                (
                    script_of(&e.source),
                    e.targets.first().map(|t| script_of(t)),
                )
            })
        })
        .collect();
    let mut counts = [[0usize; 3]; 2];
    let idx = |s: Side| match s {
        Side::Han => 0,
        Side::Latin => 1,
        Side::Other => 2,
    };
    for &(s, t) in scripts.iter().flatten() {
        counts[0][idx(s)] += 1;
        if let Some(t) = t {
            counts[1][idx(t)] += 1;
        }
    }
    let major = |c: [usize; 3]| -> Option<Side> {
        let total = c[0] + c[1] + c[2];
        [Side::Han, Side::Latin]
            .into_iter()
            .find(|&s| total > 0 && c[idx(s)] * 3 > total * 2)
    };
    if let (Some(src), Some(tgt)) = (major(counts[0]), major(counts[1])) {
        if src != tgt {
            for (e, sides) in entries.iter().zip(&scripts) {
                if let Some((s, Some(t))) = *sides {
                    if s == tgt && t == src {
                        let t = &e.targets[0];
                        out.push(at(e, Level::Warning, "swapped-columns", format!("source `{}` and target `{t}` look swapped: the other rows translate {} into {}", e.source, name(src), name(tgt))));
                    }
                }
            }
        }
    }

    let groups = Groups::of(entries);
    if entries.iter().any(|e| !e.forbidden.is_empty()) {
        status_conflicts(entries, &groups, &at, &mut out);
    }
    near_duplicates(entries, &groups, &at, &mut out);
    out.sort_by(|a, b| (&a.file, a.line, b.level, a.code).cmp(&(&b.file, b.line, a.level, b.code)));
    out
}

/// Whether a term has anything the cell checks of [`row_findings`] look for: an invisible
/// or unusual space character, a run of spaces, list punctuation or a slash, a bracket,
/// or a single character. One pass, so that most terms are done with at once.
fn may_warn(term: &str) -> bool {
    let mut chars = 0;
    let mut space = false;
    for c in term.chars() {
        if c.is_ascii() {
            if c.is_ascii_control()
                || matches!(c, ';' | ',' | '/' | '(' | '[')
                || (space && c == ' ')
            {
                return true;
            }
            space = c == ' ';
        } else {
            if is_invisible(c)
                || matches!(
                    c,
                    '\u{00A0}' | '\u{2000}'
                        ..='\u{200A}'
                            | '\u{202F}'
                            | '\u{205F}'
                            | '\u{3000}'
                            | '，'
                            | '、'
                            | '；'
                            | '（'
                            | '【'
                )
            {
                return true;
            }
            space = false;
        }
        chars += 1;
    }
    chars == 1
}

/// The findings of one row's term strings.
fn row_findings(e: &TermEntry, at: &At) -> Vec<Finding> {
    let mut out = Vec::new();
    let cells = std::iter::once(("source", &e.source))
        .chain(e.targets.iter().map(|t| ("target", t)))
        .chain(e.forbidden.iter().map(|t| ("forbidden", t)));
    for (col, term) in cells {
        if term.is_empty() || !may_warn(term) {
            continue;
        }
        if let Some(c) = term.chars().find(|&c| is_invisible(c)) {
            out.push(at(
                e,
                Level::Warning,
                "invisible-character",
                format!(
                    "{col} `{}` contains the invisible character U+{:04X}",
                    term.escape_debug(),
                    c as u32
                ),
            ));
        } else if let Some(c) = term.chars().find(|&c| {
            matches!(
                c,
                '\u{00A0}' | '\u{3000}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\t'
            )
        }) {
            out.push(at(
                e,
                Level::Warning,
                "stray-whitespace",
                format!(
                    "{col} `{term}` contains the space character U+{:04X}; write an ordinary space",
                    c as u32
                ),
            ));
        } else if term.contains("  ") {
            out.push(at(
                e,
                Level::Warning,
                "stray-whitespace",
                format!("{col} `{term}` contains a run of spaces"),
            ));
        }
        if col == "source" {
            if let Some(sep) = source_list_separator(term) {
                out.push(at(e, Level::Warning, "several-renderings", format!("source `{term}` looks like several terms separated by `{sep}`; give each its own row (same `id`)")));
            }
        } else if let Some(sep) = list_separator(term) {
            out.push(at(e, Level::Warning, "several-renderings", format!("{col} `{term}` looks like several renderings separated by `{sep}`; separate alternatives with `|`")));
        }
        if let Some(x) = explanation(term) {
            out.push(at(
                e,
                Level::Warning,
                "explanation-in-term",
                format!("{col} `{term}` contains an explanation `{x}`; move it to `note`"),
            ));
        }
        if col != "target" && term.chars().count() == 1 && term.chars().all(is_han) {
            out.push(at(e, Level::Warning, "single-character-term", format!("{col} `{term}` is a single Chinese character: it matches inside countless words")));
        }
    }
    // Alternatives that fold to an earlier one (one rendering cannot repeat itself).
    if e.targets.len() > 1 {
        let folded: Vec<String> = e.targets.iter().map(|t| fold(t)).collect();
        for (j, t) in e.targets.iter().enumerate() {
            if folded[..j].contains(&folded[j]) {
                out.push(at(
                    e,
                    Level::Warning,
                    "near-duplicate",
                    format!(
                        "target alternatives of `{}` repeat `{t}` in another form",
                        e.source
                    ),
                ));
            }
        }
    }
    out
}

/// The concepts of a glossary (the grouping of [`super::write::concepts`]: rows with the same
/// `id`, or without an id the same source term; a row without source on its own), stored
/// flat: the rows of concept `g` are `rows[start[g]..start[g + 1]]`, in file order.
struct Groups {
    start: Vec<usize>,
    rows: Vec<usize>,
}

impl Groups {
    fn of(entries: &[TermEntry]) -> Groups {
        let mut by_key: FastMap<(bool, &str), usize> =
            HashMap::with_capacity_and_hasher(entries.len(), Default::default());
        let mut group_of = Vec::with_capacity(entries.len());
        let mut sizes: Vec<usize> = Vec::new();
        for e in entries {
            let key = match (&e.id, e.source.is_empty()) {
                (_, true) => None,
                (Some(id), false) => Some((true, id.as_str())),
                (None, false) => Some((false, e.source.as_str())),
            };
            let next = sizes.len();
            let g = match key {
                Some(k) => *by_key.entry(k).or_insert(next),
                None => next,
            };
            if g == next {
                sizes.push(0);
            }
            sizes[g] += 1;
            group_of.push(g);
        }
        let mut start = Vec::with_capacity(sizes.len() + 1);
        start.push(0);
        for s in &sizes {
            start.push(start.last().copied().unwrap_or(0) + s);
        }
        let mut fill = start.clone();
        let mut rows = vec![0; entries.len()];
        for (i, &g) in group_of.iter().enumerate() {
            rows[fill[g]] = i;
            fill[g] += 1;
        }
        Groups { start, rows }
    }

    fn len(&self) -> usize {
        self.start.len() - 1
    }

    fn get(&self, g: usize) -> &[usize] {
        &self.rows[self.start[g]..self.start[g + 1]]
    }
}

/// `approved-and-forbidden` within a concept, `conflicting-status` between concepts with
/// the same source term.
fn status_conflicts(entries: &[TermEntry], groups: &Groups, at: &At, out: &mut Vec<Finding>) {
    for gi in 0..groups.len() {
        let group = groups.get(gi);
        if group.iter().all(|&i| entries[i].forbidden.is_empty()) {
            continue;
        }
        let mut approved: FastMap<&str, usize> = FastMap::default();
        for &i in group {
            for t in &entries[i].targets {
                approved.entry(t).or_insert(i);
            }
        }
        for &i in group {
            for f in &entries[i].forbidden {
                if let Some(&a) = approved.get(f.as_str()) {
                    let e = &entries[i];
                    out.push(at(
                        e,
                        Level::Error,
                        "approved-and-forbidden",
                        format!(
                            "`{f}` is both approved and forbidden for `{}`{}",
                            e.source,
                            if a != i {
                                format!(" (approved on line {})", entries[a].origin.line)
                            } else {
                                String::new()
                            }
                        ),
                    ));
                }
            }
        }
    }
    // Same source in several concepts: approved in one, forbidden in another. The concepts
    // of each source term, for the terms in more than one, in the order they became so.
    let mut first: FastMap<&str, (usize, usize)> =
        HashMap::with_capacity_and_hasher(entries.len(), Default::default());
    let mut shared: Vec<(&str, Vec<usize>)> = Vec::new();
    let mut sources: Vec<&str> = Vec::new();
    for gi in 0..groups.len() {
        sources.clear();
        sources.extend(
            groups
                .get(gi)
                .iter()
                .map(|&i| entries[i].source.as_str())
                .filter(|s| !s.is_empty()),
        );
        sources.sort_unstable();
        sources.dedup();
        for &s in &sources {
            let slot = first.entry(s).or_insert((gi, usize::MAX));
            if slot.0 == gi {
                continue;
            }
            if slot.1 == usize::MAX {
                slot.1 = shared.len();
                shared.push((s, vec![slot.0]));
            }
            shared[slot.1].1.push(gi);
        }
    }
    let mut reported: HashSet<(usize, &str)> = HashSet::new();
    for (src, gs) in &shared {
        for &ga in gs {
            for &gb in gs {
                if ga == gb {
                    continue;
                }
                for &ib in groups.get(gb) {
                    for f in &entries[ib].forbidden {
                        if let Some(&ia) = groups
                            .get(ga)
                            .iter()
                            .find(|&&ia| entries[ia].targets.contains(f))
                        {
                            if reported.insert((ib, f.as_str())) {
                                out.push(at(&entries[ib], Level::Error, "conflicting-status", format!("`{f}` is forbidden for `{src}` here but approved for it on line {}", entries[ia].origin.line)));
                            }
                        }
                    }
                }
            }
        }
    }
}

fn name(s: Side) -> &'static str {
    match s {
        Side::Han => "Chinese",
        Side::Latin => "Latin-script text",
        Side::Other => "other text",
    }
}

/// Case variants and near-duplicates among the source terms of different concepts.
fn near_duplicates(entries: &[TermEntry], groups: &Groups, at: &At, out: &mut Vec<Finding>) {
    // One representative row per (concept, source term).
    let mut terms: Vec<(usize, usize)> = Vec::with_capacity(entries.len()); // (group, entry)
    let mut seen: HashSet<&str> = HashSet::new();
    for gi in 0..groups.len() {
        let group = groups.get(gi);
        if let [i] = group {
            if !entries[*i].source.is_empty() {
                terms.push((gi, *i));
            }
            continue;
        }
        seen.clear();
        for &i in group {
            let s = entries[i].source.as_str();
            if !s.is_empty() && seen.insert(s) {
                terms.push((gi, i));
            }
        }
    }

    // Every term folded into one buffer, and numbered by its folded form.
    let mut fbuf = String::with_capacity(entries.len() * 16);
    let mut fspans: Vec<(usize, usize)> = Vec::with_capacity(terms.len());
    for &(_, i) in &terms {
        let s = fbuf.len();
        fold_into(&entries[i].source, &mut fbuf);
        fspans.push((s, fbuf.len()));
    }
    let mut fold_ids: FastMap<&str, usize> =
        HashMap::with_capacity_and_hasher(terms.len(), Default::default());
    let mut fsize: Vec<usize> = Vec::new();
    let fold_id: Vec<usize> = fspans
        .iter()
        .map(|&(s, e)| {
            let next = fsize.len();
            let id = *fold_ids.entry(&fbuf[s..e]).or_insert(next);
            if id == next {
                fsize.push(0);
            }
            fsize[id] += 1;
            id
        })
        .collect();
    let folded = |k: usize| &fbuf[fspans[k].0..fspans[k].1];

    // Terms with the same (non-empty) fold, by fold then term order: each term is told
    // once, against the first term of another concept with its fold.
    let mut same: Vec<usize> = (0..terms.len())
        .filter(|&k| fsize[fold_id[k]] > 1 && !folded(k).is_empty())
        .collect();
    same.sort_by(|&a, &b| folded(a).cmp(folded(b)).then(a.cmp(&b)));
    let mut told: Vec<(usize, usize)> = Vec::new(); // positions in `same`
    let mut from = 0;
    for ks in same.chunk_by(|&a, &b| fold_id[a] == fold_id[b]) {
        for (y, &b) in ks.iter().enumerate() {
            if let Some(x) = ks[..y].iter().position(|&a| terms[a].0 != terms[b].0) {
                told.push((from + x, from + y));
            }
        }
        from += ks.len();
    }
    // In the order of the comparisons: by the first of each pair, then the second.
    told.sort_unstable();
    for (x, y) in told {
        let (ea, eb) = (&entries[terms[same[x]].1], &entries[terms[same[y]].1]);
        if ea.source == eb.source {
            // Homonyms: one term, several concepts (told apart by `id`).
            continue;
        }
        if ea.source.to_lowercase() == eb.source.to_lowercase() {
            if ea.case == CaseRule::Sensitive || eb.case == CaseRule::Sensitive {
                continue;
            }
            out.push(at(eb, Level::Warning, "case-variant", format!("`{}` differs only in case from `{}` (line {}); if both are meant, set `case = sensitive`", eb.source, ea.source, ea.origin.line)));
        } else {
            out.push(at(eb, Level::Warning, "near-duplicate", format!("`{}` is a variant of `{}` (line {}): same term after folding case, width, hyphens, spaces and plural", eb.source, ea.source, ea.origin.line)));
        }
    }

    edit_neighbours(entries, &terms, &fold_id, at, out);
}

/// One Latin term of [`LatinTerms`]: everything the check of a candidate pair needs but
/// the letters, in one record (a pair's second term is read at random).
#[derive(Clone, Copy)]
struct Latin {
    /// Start of its lower-cased text in [`LatinTerms::text`].
    text: usize,
    /// Start of its characters in [`LatinTerms::chars`]; `usize::MAX` for an ASCII term
    /// (its text bytes are its characters).
    chars: usize,
    /// Length of the text in bytes.
    text_len: u32,
    /// Length in characters.
    len: u32,
    /// Its concept.
    group: u32,
    /// Its representative row.
    entry: u32,
    /// Number of its folded form.
    fold: u32,
    /// Its letter pairs, hashed to one bit each (see [`pair_mask`]).
    pairs: u64,
}

/// The letter pairs (bigrams) of a term, each hashed to one of 64 bits. An edit
/// destroys at most three pairs (a transposition; a substitution or deletion two, an
/// insertion one) and every pair it leaves is in the other term too, so two terms `d`
/// edits apart differ by at most `3 d` bits each way.
fn pair_mask<T: Copy + Into<u32>>(cs: &[T]) -> u64 {
    cs.windows(2).fold(0, |m, w| {
        let pair = ((w[0].into() as u64) << 21) | w[1].into() as u64;
        m | 1 << (pair.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 58)
    })
}

/// A term's letters: bytes when it is ASCII, characters otherwise.
enum Letters<'a> {
    Ascii(&'a [u8]),
    Wide(&'a [char]),
}

impl Letters<'_> {
    fn to_chars(&self) -> Vec<char> {
        match self {
            Letters::Ascii(b) => b.iter().map(|&b| b as char).collect(),
            Letters::Wide(c) => c.to_vec(),
        }
    }
}

/// Latin terms of five letters or more, lower-cased, in one text buffer (and the
/// characters of the non-ASCII ones in one more).
struct LatinTerms {
    terms: Vec<Latin>,
    text: String,
    chars: Vec<char>,
}

impl LatinTerms {
    fn text(&self, l: usize) -> &str {
        let t = &self.terms[l];
        &self.text[t.text..t.text + t.text_len as usize]
    }

    fn letters(&self, l: usize) -> Letters<'_> {
        let t = &self.terms[l];
        if t.chars == usize::MAX {
            Letters::Ascii(self.text(l).as_bytes())
        } else {
            Letters::Wide(&self.chars[t.chars..t.chars + t.len as usize])
        }
    }

    /// Add `source`, lower-cased.
    fn push(&mut self, source: &str, group: usize, entry: usize, fold: usize) {
        let (text, chars) = (self.text.len(), self.chars.len());
        if source.is_ascii() {
            self.text
                .extend(source.bytes().map(|b| b.to_ascii_lowercase() as char));
        } else {
            self.text.push_str(&source.to_lowercase());
        }
        let lower = &self.text[text..];
        let (len, pairs) = if lower.is_ascii() {
            (lower.len(), pair_mask(lower.as_bytes()))
        } else {
            self.chars.extend(lower.chars());
            (self.chars.len() - chars, pair_mask(&self.chars[chars..]))
        };
        self.terms.push(Latin {
            text,
            chars: if lower.is_ascii() { usize::MAX } else { chars },
            text_len: lower.len() as u32,
            len: len as u32,
            group: group as u32,
            entry: entry as u32,
            fold: fold as u32,
            pairs,
        });
    }
}

/// Keys shared by more than this many terms (common syllables) carry no signal.
const BUCKET: usize = 16;

/// `near-duplicate` findings for Latin terms of five letters or more one edit apart (two
/// from ten letters).
///
/// Candidate pairs share a key. One edit: the deletion neighbourhood (a term and every
/// form of it with one letter deleted) is exact for one insertion, deletion, substitution
/// or transposition: such pairs share a key. Two edits (terms of ten letters or more): a
/// shared third of the term at the same position (approximate). Keys shared by more than
/// [`BUCKET`] terms are skipped. Keys are hashed, not built as strings: 100,000 terms
/// have well over a million deletion keys. A hash collision only adds a candidate, and
/// every candidate is checked by its edit distance.
fn edit_neighbours(
    entries: &[TermEntry],
    terms: &[(usize, usize)],
    fold_id: &[usize],
    at: &At,
    out: &mut Vec<Finding>,
) {
    if entries.len() > u32::MAX as usize {
        return;
    }
    let mut lt = LatinTerms {
        terms: Vec::new(),
        text: String::new(),
        chars: Vec::new(),
    };
    for (k, &(g, i)) in terms.iter().enumerate() {
        let s = &entries[i].source;
        if s.is_ascii() {
            if s.bytes().filter(u8::is_ascii_alphabetic).count() >= 5 {
                lt.push(s, g, i, fold_id[k]);
            }
        } else if s.chars().filter(|c| c.is_alphabetic()).count() >= 5
            && s.chars().all(|c| !is_han(c))
            && s.chars().any(is_latin_letter)
        {
            lt.push(s, g, i, fold_id[k]);
        }
    }
    let candidates = candidate_pairs(&lt);
    // Each candidate is checked on its own: in parallel, the findings kept in order.
    let found: Vec<(usize, usize, usize)> = candidates
        .par_iter()
        .with_min_len(256)
        .filter_map(|&pair| {
            let (li, lj) = ((pair >> 32) as usize, (pair & 0xFFFF_FFFF) as usize);
            let (ta, tb) = (&lt.terms[li], &lt.terms[lj]);
            let (na, nb) = (ta.len as usize, tb.len as usize);
            let limit = if na.min(nb) >= 10 { 2 } else { 1 };
            if na.abs_diff(nb) > limit || ta.group == tb.group || ta.fold == tb.fold {
                return None;
            }
            let bound = 3 * limit as u32;
            if (ta.pairs & !tb.pairs).count_ones() > bound
                || (tb.pairs & !ta.pairs).count_ones() > bound
            {
                return None;
            }
            let (sa, sb) = (lt.text(li), lt.text(lj));
            // Suffixes make other words (`merge` / `merger`), digits versions (`IPv4`).
            if sa.starts_with(sb) || sb.starts_with(sa) {
                return None;
            }
            let no_digit = |c: &char| !c.is_ascii_digit();
            let has_digit = sa.bytes().chain(sb.bytes()).any(|b| b.is_ascii_digit());
            if has_digit && sa.chars().filter(no_digit).eq(sb.chars().filter(no_digit)) {
                return None;
            }
            let d = match (lt.letters(li), lt.letters(lj)) {
                (Letters::Ascii(a), Letters::Ascii(b)) => osa_within(a, b, limit),
                (a, b) => osa_within(&a.to_chars(), &b.to_chars(), limit),
            }
            .unwrap_or_else(|| strsim::osa_distance(sa, sb));
            if d == 0 || d > limit {
                return None;
            }
            // Two real words (`stage` / `stale`) are two terms, not a typo.
            let words = |s: &str| {
                s.split(|c: char| !c.is_alphabetic())
                    .filter(|w| !w.is_empty())
                    .all(crate::lang::words::is_word)
            };
            if words(sa) && words(sb) {
                return None;
            }
            Some((ta.entry as usize, tb.entry as usize, d))
        })
        .collect();
    for (ia, ib, d) in found {
        let (ea, eb) = (&entries[ia], &entries[ib]);
        out.push(at(eb, Level::Warning, "near-duplicate", format!("`{}` is {d} edit{} from `{}` (line {}): a typo, or two concepts that should be one?", eb.source, if d == 1 { "" } else { "s" }, ea.source, ea.origin.line)));
    }
}

/// The pairs `(i << 32) | j` (`i < j`, indices of `lt`) that share a key of
/// [`edit_neighbours`] with at most [`BUCKET`] terms, sorted.
///
/// The keys are partitioned by the hash's top bits, so that equal keys fall into one small
/// slice. The terms are cut into one chunk per thread; each chunk's keys are made into a
/// vector of their exact size (a term's keys follow one another, so the term is known by
/// their place) and counted by partition, then written to the chunk's own slots of each
/// partition.
fn candidate_pairs(lt: &LatinTerms) -> Vec<u64> {
    let n = lt.terms.len();
    if n < 2 || n > u32::MAX as usize {
        return Vec::new();
    }
    let max_len = lt.terms.iter().map(|t| t.len as usize).max().unwrap_or(0);
    let pow = powers(max_len + 1);
    let total: usize = lt.terms.iter().map(|t| key_count(t.len as usize)).sum();
    let bits = (total / 1024).max(1).ilog2().clamp(4, 11);
    let parts = 1usize << bits;
    let part = |h: u64| (h >> (64 - bits)) as usize;
    let size = n.div_ceil(rayon::current_num_threads().max(1)).max(1024);
    let chunks: Vec<std::ops::Range<usize>> =
        (0..n).step_by(size).map(|s| s..(s + size).min(n)).collect();
    // Each chunk's keys, and how many it has in each partition.
    let made: Vec<(Vec<u64>, Vec<usize>)> = chunks
        .par_iter()
        .map(|terms| {
            let size = lt.terms[terms.clone()]
                .iter()
                .map(|t| key_count(t.len as usize))
                .sum();
            let (mut keys, mut count, mut prefix) =
                (Vec::with_capacity(size), vec![0usize; parts], Vec::new());
            for l in terms.clone() {
                keys_of(lt, &pow, l, &mut prefix, &mut |h| {
                    count[part(h)] += 1;
                    keys.push(h);
                });
            }
            (keys, count)
        })
        .collect();
    let counts: Vec<&[usize]> = made.iter().map(|m| &m.1[..]).collect();
    // Partition by partition, the slots of each chunk in turn.
    let mut keyed = vec![(0u64, 0u32); total];
    let mut slots: Vec<Vec<&mut [(u64, u32)]>> =
        chunks.iter().map(|_| Vec::with_capacity(parts)).collect();
    let mut bounds = Vec::with_capacity(parts + 1);
    bounds.push(0);
    let mut rest = &mut keyed[..];
    for p in 0..parts {
        for (mine, count) in slots.iter_mut().zip(&counts) {
            let (a, b) = std::mem::take(&mut rest).split_at_mut(count[p]);
            mine.push(a);
            rest = b;
        }
        bounds.push(bounds[p] + counts.iter().map(|c| c[p]).sum::<usize>());
    }
    chunks
        .par_iter()
        .zip(&made)
        .zip(slots.par_iter_mut())
        .for_each(|((terms, (keys, _)), slots)| {
            let mut fill = vec![0usize; parts];
            let mut keys = keys.iter();
            for l in terms.clone() {
                for &h in keys.by_ref().take(key_count(lt.terms[l].len as usize)) {
                    let p = part(h);
                    slots[p][fill[p]] = (h, l as u32);
                    fill[p] += 1;
                }
            }
        });
    drop(slots);
    drop(made);
    let mut parts: Vec<&mut [(u64, u32)]> = Vec::with_capacity(parts);
    let mut rest = &mut keyed[..];
    for w in bounds.windows(2) {
        let (a, b) = std::mem::take(&mut rest).split_at_mut(w[1] - w[0]);
        parts.push(a);
        rest = b;
    }
    // Equal keys found with a small hash table per partition (in cache), not by sorting
    // it: the keys are hashes already, and most are unique.
    let mut candidates: Vec<u64> = parts
        .into_par_iter()
        .with_min_len(64)
        .fold(
            || (Vec::new(), Vec::new(), Vec::new()),
            |(mut pairs, mut table, mut dups): (Vec<u64>, Vec<u32>, Vec<(u32, u32)>), part| {
                let mask = (part.len() * 2).next_power_of_two().max(16) - 1;
                table.clear();
                table.resize(mask + 1, u32::MAX);
                dups.clear();
                for (i, &(h, _)) in part.iter().enumerate() {
                    let mut slot = h as usize & mask;
                    loop {
                        let first = table[slot];
                        if first == u32::MAX {
                            table[slot] = i as u32;
                            break;
                        }
                        if part[first as usize].0 == h {
                            dups.push((first, i as u32));
                            break;
                        }
                        slot = (slot + 1) & mask;
                    }
                }
                dups.sort_unstable();
                let mut ids: Vec<u32> = Vec::with_capacity(BUCKET + 1);
                for run in dups.chunk_by(|a, b| a.0 == b.0) {
                    ids.clear();
                    ids.push(part[run[0].0 as usize].1);
                    ids.extend(run.iter().map(|d| part[d.1 as usize].1));
                    ids.sort_unstable();
                    ids.dedup();
                    if ids.len() < 2 || ids.len() > BUCKET {
                        continue;
                    }
                    for (x, &a) in ids.iter().enumerate() {
                        for &b in &ids[x + 1..] {
                            pairs.push(((a as u64) << 32) | b as u64);
                        }
                    }
                }
                (pairs, table, dups)
            },
        )
        .map(|(pairs, _, _)| pairs)
        .flatten_iter()
        .collect();
    candidates.par_sort_unstable();
    candidates.dedup();
    candidates
}

/// The number of keys [`term_keys`] gives a term of `len` letters.
fn key_count(len: usize) -> usize {
    1 + len + if len >= 10 { 3 } else { 0 }
}

/// The keys of term `l` of `lt` (see [`term_keys`]).
fn keys_of(
    lt: &LatinTerms,
    pow: &[u64],
    l: usize,
    prefix: &mut Vec<u64>,
    emit: &mut impl FnMut(u64),
) {
    match lt.letters(l) {
        Letters::Ascii(b) => term_keys(b, pow, prefix, emit),
        Letters::Wide(c) => term_keys(c, pow, prefix, emit),
    }
}

/// The Mersenne prime 2^61 - 1: keys are polynomial hashes modulo it, so that the hash of
/// a term without one letter comes from prefix hashes in constant time.
const P61: u64 = (1 << 61) - 1;
/// The polynomial's base.
const BASE: u64 = 0x0F1D_6C3A_95B7_4E21 % P61;

fn mul_mod(a: u64, b: u64) -> u64 {
    let p = a as u128 * b as u128;
    let s = (p as u64 & P61) + (p >> 61) as u64;
    if s >= P61 {
        s - P61
    } else {
        s
    }
}

fn add_mod(a: u64, b: u64) -> u64 {
    let s = a + b;
    if s >= P61 {
        s - P61
    } else {
        s
    }
}

fn sub_mod(a: u64, b: u64) -> u64 {
    if a >= b {
        a - b
    } else {
        a + P61 - b
    }
}

/// `BASE^0..BASE^n`.
fn powers(n: usize) -> Vec<u64> {
    let mut p = Vec::with_capacity(n + 1);
    p.push(1);
    for i in 0..n {
        p.push(mul_mod(p[i], BASE));
    }
    p
}

/// A key from the polynomial hash `h` of a string of `len` characters, in namespace `tag`.
fn finish_key(h: u64, len: usize, tag: u64) -> u64 {
    let mut x = h.wrapping_add((len as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15))
        ^ tag.wrapping_mul(0xD6E8_FEB8_6659_FD93);
    x ^= x >> 30;
    x = x.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// The keys of a term of letters `cs`, given to `emit`: the term itself and each deletion
/// of one of its letters (namespace 0); from ten letters on, each of its thirds
/// (namespaces 1-3). `prefix` is scratch space.
fn term_keys<T: Copy + Into<u32>>(
    cs: &[T],
    pow: &[u64],
    prefix: &mut Vec<u64>,
    emit: &mut impl FnMut(u64),
) {
    let n = cs.len();
    // prefix[j]: hash of cs[..j].
    prefix.clear();
    prefix.push(0u64);
    for (j, &c) in cs.iter().enumerate() {
        prefix.push(add_mod(mul_mod(prefix[j], BASE), c.into() as u64 + 1));
    }
    let hash = |a: usize, b: usize| sub_mod(prefix[b], mul_mod(prefix[a], pow[b - a]));
    emit(finish_key(prefix[n], n, 0));
    for i in 0..n {
        let h = add_mod(mul_mod(prefix[i], pow[n - 1 - i]), hash(i + 1, n));
        emit(finish_key(h, n - 1, 0));
    }
    if n >= 10 {
        let k = n / 3;
        for p in 0..3 {
            emit(finish_key(hash(p * k, p * k + k), k, 1 + p as u64));
        }
    }
}

/// The optimal string alignment distance of `a` and `b` (as [`strsim::osa_distance`])
/// when it is at most `limit`; `Some(limit + 1)` when it is more; `None` for terms too long
/// for the stack (then ask strsim).
fn osa_within<T: Copy + PartialEq>(a: &[T], b: &[T], limit: usize) -> Option<usize> {
    const W: usize = 64;
    const INF: u32 = u32::MAX / 4;
    let (n, m) = (a.len(), b.len());
    if n >= W || m >= W {
        return None;
    }
    if n.abs_diff(m) > limit {
        return Some(limit + 1);
    }
    let k = limit as u32;
    // Three rolling rows; only the cells within `limit` of the diagonal are computed (a
    // cheaper alignment never leaves that band), the others hold INF.
    let mut d = [INF; 3 * W];
    for (j, x) in d[..=m].iter_mut().enumerate() {
        *x = j as u32;
    }
    let mut above_min = 0;
    for i in 1..=n {
        let (cur, prev, prev2) = ((i % 3) * W, ((i + 2) % 3) * W, ((i + 1) % 3) * W);
        d[cur..=cur + m].fill(INF);
        d[cur] = i as u32;
        let lo = i.saturating_sub(limit).max(1);
        let hi = (i + limit).min(m);
        let mut row_min = if lo == 1 { i as u32 } else { INF };
        for j in lo..=hi {
            let cost = u32::from(a[i - 1] != b[j - 1]);
            let mut v = (d[cur + j - 1] + 1)
                .min(d[prev + j] + 1)
                .min(d[prev + j - 1] + cost);
            if i > 1 && j > 1 && cost == 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[prev2 + j - 2] + 1);
            }
            d[cur + j] = v;
            row_min = row_min.min(v);
        }
        // Every alignment crosses row i or jumps over it from row i - 1.
        if row_min > k && above_min > k {
            return Some(limit + 1);
        }
        above_min = row_min;
    }
    let v = d[(n % 3) * W + m];
    Some(if v > k { limit + 1 } else { v as usize })
}

/// Findings as human-readable lines (`file:line: error[code]: message`) and a summary.
pub fn human(findings: &[Finding], errors: &[InputError], files: usize, entries: usize) -> String {
    let mut s = String::new();
    for e in errors {
        s.push_str(&format!("{e}\n"));
    }
    for f in findings {
        let level = match f.level {
            Level::Error => "error",
            Level::Warning => "warning",
        };
        match f.column {
            Some(c) => s.push_str(&format!(
                "{}:{}:{}: {level}[{}]: {}\n",
                f.file, f.line, c, f.code, f.message
            )),
            None => s.push_str(&format!(
                "{}:{}: {level}[{}]: {}\n",
                f.file, f.line, f.code, f.message
            )),
        }
    }
    let n_err = findings.iter().filter(|f| f.level == Level::Error).count();
    s.push_str(&format!(
        "{} problem{} ({} error{}, {} warning{}) in {} entr{} of {} file{}{}\n",
        findings.len(),
        plural(findings.len()),
        n_err,
        plural(n_err),
        findings.len() - n_err,
        plural(findings.len() - n_err),
        entries,
        if entries == 1 { "y" } else { "ies" },
        files,
        plural(files),
        if errors.is_empty() {
            String::new()
        } else {
            format!(
                "; {} file{} could not be read",
                errors.len(),
                plural(errors.len())
            )
        }
    ));
    s
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// Findings as one JSON document: `{"version": 1, "findings": [...], "errors": [...],
/// "summary": {...}}` (errors are the files that could not be read).
pub fn json(findings: &[Finding], errors: &[InputError], files: usize, entries: usize) -> String {
    let n_err = findings.iter().filter(|f| f.level == Level::Error).count();
    let v = serde_json::json!({
        "version": 1,
        "findings": findings,
        "errors": errors,
        "summary": {
            "files": files,
            "entries": entries,
            "errors": n_err,
            "warnings": findings.len() - n_err,
            "unreadable": errors.len(),
        }
    });
    serde_json::to_string_pretty(&v).unwrap_or_default() + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(csv_text: &str) -> Vec<Finding> {
        let mut row_errors = Vec::new();
        let g = csv::parse_lenient(
            "g.csv",
            csv_text.as_bytes(),
            csv::Delimiter::Comma,
            &mut row_errors,
        )
        .unwrap();
        let mut f: Vec<Finding> = row_errors
            .into_iter()
            .map(|e| from_input(e, Level::Error, "malformed-row"))
            .collect();
        f.extend(validate(&g));
        f
    }

    fn codes(f: &[Finding]) -> Vec<(&'static str, usize)> {
        f.iter().map(|f| (f.code, f.line)).collect()
    }

    #[test]
    fn clean_glossary_has_no_findings() {
        let f = run("source,target,forbidden\n主机,host,mainframe\n主板,motherboard,\nU盘,USB flash drive,\nCNCERT/CC,CNCERT/CC,\nHEAD,HEAD,\nvulnerability,漏洞,\nrepository,仓库,\nIPv4,IPv4,\nIPv6,IPv6,\nmerge,合并,\nmerger,并购,\nopen(2),open(2),\n,in terms of,in term of\n");
        assert!(f.is_empty(), "{f:#?}");
    }

    #[test]
    fn errors_malformed_and_conflicts() {
        let f = run("source,target,forbidden,id\ncommit,提交,提交,\nbranch,分支,,\nbad,row\nhead,头,,c1\nhead,HEAD,头,c2\n,x,\n");
        let c = codes(&f);
        assert!(c.contains(&("approved-and-forbidden", 2)), "{f:#?}");
        assert!(c.contains(&("malformed-row", 4)), "{f:#?}");
        assert!(c.contains(&("conflicting-status", 6)), "{f:#?}");
        assert!(c.contains(&("malformed-row", 7)), "{f:#?}");
        assert_eq!(
            f.iter().filter(|x| x.level == Level::Error).count(),
            4,
            "{f:#?}"
        );
    }

    #[test]
    fn warnings_on_cells() {
        let f = run("source,target\nancestor,\"祖先，祖先提交\"\nindex,索引（的别称）\nzero\u{200B}width,零宽\nnb\u{00A0}space,空格\n头,head\n提交,commit\nbranch,分支\ntag,标签\nremote,远程\n");
        let c = codes(&f);
        for want in [
            ("several-renderings", 2),
            ("explanation-in-term", 3),
            ("invisible-character", 4),
            ("stray-whitespace", 5),
            ("single-character-term", 6),
            ("swapped-columns", 7),
        ] {
            assert!(c.contains(&want), "{want:?} missing in {f:#?}");
        }
        assert!(!c.contains(&("swapped-columns", 8)));
    }

    #[test]
    fn near_duplicates_and_case_variants() {
        let f = run("source,target\nvulnerability,漏洞\nvulnerabilty,漏洞\ne-mail,电子邮件\nemail,电邮\nrepository,仓库\nrepositories,版本库\nHEAD,HEAD\nhead,头\n主机,host\n主板,motherboard\nＣＩＡ,中情局\nCIA,中央情报局\n");
        let c = codes(&f);
        for want in [
            ("near-duplicate", 3),
            ("near-duplicate", 5),
            ("near-duplicate", 7),
            ("case-variant", 9),
            ("near-duplicate", 13),
        ] {
            assert!(c.contains(&want), "{want:?} missing in {f:#?}");
        }
        assert!(
            !f.iter()
                .any(|x| x.code == "near-duplicate" && x.message.contains("主板")),
            "{f:#?}"
        );
        // HEAD/head declared deliberately.
        let f = run("source,target,case\nHEAD,HEAD,sensitive\nhead,头,\n");
        assert!(f.is_empty(), "{f:#?}");
    }

    #[test]
    fn concepts_group_as_the_writer_does() {
        let g = Glossary::from_csv(
            "g.csv",
            "source,target,forbidden,id\nhost,主机,,\nhost,宿主,,\nhost,主机,,c1\nserver,服务器,,c1\n,万维网,万维望,\n,万维网,万维忘,\nHost,主机,,\nserver,服务端,,\n"
                .as_bytes(),
            false,
        )
        .unwrap();
        let groups = Groups::of(&g.entries);
        let flat: Vec<Vec<usize>> = (0..groups.len()).map(|i| groups.get(i).to_vec()).collect();
        assert_eq!(flat, super::super::write::concepts(&g.entries));
        assert_eq!(flat.len(), 6, "{flat:?}");
    }

    /// [`candidate_pairs`] before it made its keys twice: the pairs `(i << 32) | j` (`i < j`, indices of `lt`) that share a key of
    /// [`edit_neighbours`] with at most [`BUCKET`] terms, sorted.
    fn candidate_pairs_reference(lt: &LatinTerms) -> Vec<u64> {
        let n = lt.terms.len();
        if n < 2 || n > u32::MAX as usize {
            return Vec::new();
        }
        let max_len = lt.terms.iter().map(|t| t.len as usize).max().unwrap_or(0);
        let pow = powers(max_len + 1);
        // Keys in parallel chunks of terms.
        let chunks: Vec<Vec<(u64, u32)>> = (0..n)
            .into_par_iter()
            .with_min_len(1024)
            .fold(
                || (Vec::new(), Vec::new()),
                |(mut keys, mut prefix): (Vec<(u64, u32)>, Vec<u64>), l| {
                    keys_of(lt, &pow, l, &mut prefix, &mut |h| keys.push((h, l as u32)));
                    (keys, prefix)
                },
            )
            .map(|(keys, _)| keys)
            .collect();
        // Partitioned by the hash's top bits, so that equal keys fall into one small slice.
        let total: usize = chunks.iter().map(Vec::len).sum();
        let bits = (total / 1024).max(1).ilog2().clamp(4, 11);
        let part = |h: u64| (h >> (64 - bits)) as usize;
        let mut fill = vec![0usize; (1 << bits) + 1];
        for &(h, _) in chunks.iter().flatten() {
            fill[part(h) + 1] += 1;
        }
        for p in 1..fill.len() {
            fill[p] += fill[p - 1];
        }
        let bounds = fill.clone();
        let mut keyed = vec![(0u64, 0u32); total];
        for chunk in chunks {
            for (h, l) in chunk {
                let p = part(h);
                keyed[fill[p]] = (h, l);
                fill[p] += 1;
            }
        }
        let mut parts: Vec<&mut [(u64, u32)]> = Vec::with_capacity(1 << bits);
        let mut rest = &mut keyed[..];
        for w in bounds.windows(2) {
            let (a, b) = std::mem::take(&mut rest).split_at_mut(w[1] - w[0]);
            parts.push(a);
            rest = b;
        }
        let mut candidates: Vec<u64> = parts
            .into_par_iter()
            .with_min_len(64)
            .fold(Vec::new, |mut pairs: Vec<u64>, part| {
                part.sort_unstable_by_key(|k| k.0);
                let mut ids: Vec<u32> = Vec::with_capacity(BUCKET + 1);
                for run in part.chunk_by(|a, b| a.0 == b.0) {
                    if run.len() < 2 {
                        continue;
                    }
                    ids.clear();
                    ids.extend(run.iter().map(|k| k.1));
                    ids.sort_unstable();
                    ids.dedup();
                    if ids.len() < 2 || ids.len() > BUCKET {
                        continue;
                    }
                    for (x, &a) in ids.iter().enumerate() {
                        for &b in &ids[x + 1..] {
                            pairs.push(((a as u64) << 32) | b as u64);
                        }
                    }
                }
                pairs
            })
            .flatten_iter()
            .collect();
        candidates.par_sort_unstable();
        candidates.dedup();
        candidates
    }

    /// The candidate pairs of `candidate_pairs` built the plain way: keys as strings.
    fn candidates_by_strings(lt: &LatinTerms) -> Vec<u64> {
        let mut keyed: Vec<(String, u32)> = Vec::new();
        for l in 0..lt.terms.len() {
            let cs = lt.letters(l).to_chars();
            keyed.push((format!("0{}", cs.iter().collect::<String>()), l as u32));
            for i in 0..cs.len() {
                let mut d = cs.to_vec();
                d.remove(i);
                keyed.push((format!("0{}", d.iter().collect::<String>()), l as u32));
            }
            if cs.len() >= 10 {
                let k = cs.len() / 3;
                for p in 0..3 {
                    let third: String = cs[p * k..p * k + k].iter().collect();
                    keyed.push((format!("{}{third}", p + 1), l as u32));
                }
            }
        }
        keyed.sort();
        keyed.dedup();
        let mut pairs = Vec::new();
        for run in keyed.chunk_by(|a, b| a.0 == b.0) {
            if run.len() < 2 || run.len() > BUCKET {
                continue;
            }
            for (x, a) in run.iter().enumerate() {
                for b in &run[x + 1..] {
                    pairs.push(((a.1 as u64) << 32) | b.1 as u64);
                }
            }
        }
        pairs.sort_unstable();
        pairs.dedup();
        pairs
    }

    fn latin_terms(words: &[String]) -> LatinTerms {
        let mut lt = LatinTerms {
            terms: Vec::new(),
            text: String::new(),
            chars: Vec::new(),
        };
        for (k, w) in words.iter().enumerate() {
            lt.push(w, k, k, k);
        }
        lt
    }

    proptest::proptest! {
        #[test]
        fn osa_within_agrees_with_strsim(a in "[abcé]{0,14}", b in "[abcé]{0,14}", limit in 0usize..4) {
            let (ca, cb): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
            let d = strsim::osa_distance(&a, &b);
            let want = if d <= limit { d } else { limit + 1 };
            proptest::prop_assert_eq!(osa_within(&ca, &cb, limit), Some(want));
        }

        // Hashed keys, partitions and all: the same pairs as string keys, buckets over
        // BUCKET terms left out alike (three letters make many large buckets).
        #[test]
        fn hashed_candidates_are_the_string_key_candidates(words in proptest::collection::vec("[abcé]{5,13}", 2..120)) {
            let lt = latin_terms(&words);
            proptest::prop_assert_eq!(candidate_pairs(&lt), candidates_by_strings(&lt));
            proptest::prop_assert_eq!(candidate_pairs(&lt), candidate_pairs_reference(&lt));
        }
    }

    proptest::proptest! {
        // The letter-pair filter never drops a pair within the distance.
        #[test]
        fn pair_masks_keep_close_pairs(a in "[abcdé]{0,16}", b in "[abcdé]{0,16}") {
            let (ca, cb): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
            let d = strsim::osa_distance(&a, &b) as u32;
            let (ma, mb) = (pair_mask(&ca), pair_mask(&cb));
            proptest::prop_assert!((ma & !mb).count_ones() <= 3 * d);
            proptest::prop_assert!((mb & !ma).count_ones() <= 3 * d);
            if a.is_ascii() {
                proptest::prop_assert_eq!(pair_mask(a.as_bytes()), ma);
            }
        }
    }

    #[test]
    fn cells_without_suspects_are_passed_over() {
        for t in ["repository", "版本库", "working tree", "HEAD"] {
            assert!(!may_warn(t), "{t}");
        }
        for t in [
            "a  b",
            "a;b",
            "祖先，祖先提交",
            "索引（的别称）",
            "f(x)",
            "头",
            "x\u{200B}",
            "nb\u{00A0}sp",
            "a\tb",
            "提交/承诺",
        ] {
            assert!(may_warn(t), "{t}");
        }
    }

    #[test]
    fn candidates_of_many_terms_are_the_string_key_candidates() {
        // Enough terms for several chunks and partitions, from few letters (large buckets).
        let mut x: u64 = 0x2545_F491_4F6C_DD1D;
        let words: Vec<String> = (0..20_000)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                let len = 5 + (x % 9) as usize;
                (0..len)
                    .map(|i| ['a', 'b', 'c', 'd', 'e', 'é'][((x >> (8 + 3 * i)) % 6) as usize])
                    .collect()
            })
            .collect();
        let lt = latin_terms(&words);
        let want = candidates_by_strings(&lt);
        assert!(want.len() > 1000, "{}", want.len());
        assert_eq!(candidate_pairs(&lt), want);
        assert_eq!(candidate_pairs_reference(&lt), want);
    }

    #[test]
    fn long_terms_fall_back_to_strsim() {
        let a: Vec<char> = "x".repeat(70).chars().collect();
        assert_eq!(osa_within(&a, &a, 2), None);
        let f = run("source,target\nvulnerability assessment of the remote repository configuration and its mirrors,一\nvulnerability assessment of the remote repository configuraton and its mirrors,二\n");
        assert!(codes(&f).contains(&("near-duplicate", 3)), "{f:#?}");
    }

    #[test]
    fn fold_handles_width_case_hyphen_plural() {
        assert_eq!(fold("E-Mails"), "email");
        assert_eq!(fold("ＣＩＡ"), "cia");
        assert_eq!(fold("policies"), "policy");
        assert_eq!(fold("branches"), "branch");
        assert_eq!(fold("status"), "status");
        assert_eq!(fold("主 机"), "主机");
    }
}
