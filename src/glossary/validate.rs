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

use super::{csv, tbx, write, CaseRule, Glossary, GlossaryFormat, TermEntry};
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
        GlossaryFormat::Tbx => tbx::parse(&label, bytes)?.to_glossary(&label, source, target)?,
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
    let mut s: String = term
        .chars()
        .map(to_halfwidth)
        .flat_map(char::to_lowercase)
        .filter(|c| {
            !matches!(
                c,
                '-' | ' ' | '_' | '‐' | '‑' | '–' | '·' | '・' | '\u{3000}'
            )
        })
        .collect();
    if s.chars().last().is_some_and(|c| c.is_ascii_alphabetic()) && s.len() > 3 {
        if let Some(stem) = s.strip_suffix("ies") {
            s = format!("{stem}y");
        } else if ["sses", "shes", "ches", "xes", "zes"]
            .iter()
            .any(|x| s.ends_with(x))
        {
            s.truncate(s.len() - 2);
        } else if s.ends_with('s') && !s.ends_with("ss") && !s.ends_with("us") && !s.ends_with("is")
        {
            s.pop();
        }
    }
    s
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Han,
    Latin,
    Other,
}

fn script_of(s: &str) -> Side {
    let han = s.chars().filter(|&c| is_han(c)).count();
    let latin = s.chars().filter(|&c| is_latin_letter(c)).count();
    if han > 0 && han >= latin {
        Side::Han
    } else if latin > 0 && han == 0 {
        Side::Latin
    } else {
        Side::Other
    }
}

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
            e.origin.file.clone()
        },
        line: e.origin.line,
        column: None,
        level,
        code,
        message,
    };

    // Per-row checks of every term string.
    for e in entries {
        let cells = std::iter::once(("source", &e.source))
            .chain(e.targets.iter().map(|t| ("target", t)))
            .chain(e.forbidden.iter().map(|t| ("forbidden", t)));
        for (col, term) in cells {
            if term.is_empty() {
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
                    '\u{00A0}' | '\u{3000}' | '\u{2000}'
                        ..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\t'
                )
            }) {
                out.push(at(e, Level::Warning, "stray-whitespace", format!("{col} `{term}` contains the space character U+{:04X}; write an ordinary space", c as u32)));
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
            } else {
                if let Some(sep) = list_separator(term) {
                    out.push(at(e, Level::Warning, "several-renderings", format!("{col} `{term}` looks like several renderings separated by `{sep}`; separate alternatives with `|`")));
                }
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
        let mut seen = HashSet::new();
        for t in &e.targets {
            if !seen.insert(fold(t)) {
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

    // Swapped columns: the glossary's direction by majority script.
    let mut counts = [[0usize; 3]; 2];
    let idx = |s: Side| match s {
        Side::Han => 0,
        Side::Latin => 1,
        Side::Other => 2,
    };
    for e in entries
        .iter()
        .filter(|e| !e.source.is_empty() && !e.is_do_not_translate())
    {
        counts[0][idx(script_of(&e.source))] += 1;
        if let Some(t) = e.targets.first() {
            counts[1][idx(script_of(t))] += 1;
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
            for e in entries
                .iter()
                .filter(|e| !e.source.is_empty() && !e.is_do_not_translate())
            {
                let Some(t) = e.targets.first() else { continue };
                if script_of(&e.source) == tgt && script_of(t) == src {
                    out.push(at(e, Level::Warning, "swapped-columns", format!("source `{}` and target `{t}` look swapped: the other rows translate {} into {}", e.source, name(src), name(tgt))));
                }
            }
        }
    }

    // Concept-level checks.
    let groups = write::concepts(entries);
    for group in &groups {
        let mut approved: HashMap<&str, usize> = HashMap::new();
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
    // Same source in several concepts: approved in one, forbidden in another.
    let mut by_source: HashMap<&str, Vec<usize>> = HashMap::new();
    for (gi, group) in groups.iter().enumerate() {
        let mut sources: Vec<&str> = group
            .iter()
            .map(|&i| entries[i].source.as_str())
            .filter(|s| !s.is_empty())
            .collect();
        sources.sort_unstable();
        sources.dedup();
        for s in sources {
            by_source.entry(s).or_default().push(gi);
        }
    }
    let mut reported: HashSet<(usize, String)> = HashSet::new();
    for (src, gs) in &by_source {
        if gs.len() < 2 {
            continue;
        }
        for &ga in gs {
            for &gb in gs {
                if ga == gb {
                    continue;
                }
                for &ib in &groups[gb] {
                    for f in &entries[ib].forbidden {
                        if let Some(&ia) = groups[ga]
                            .iter()
                            .find(|&&ia| entries[ia].targets.contains(f))
                        {
                            if reported.insert((ib, f.clone())) {
                                out.push(at(&entries[ib], Level::Error, "conflicting-status", format!("`{f}` is forbidden for `{src}` here but approved for it on line {}", entries[ia].origin.line)));
                            }
                        }
                    }
                }
            }
        }
    }

    near_duplicates(entries, &groups, &at, &mut out);
    out.sort_by(|a, b| (&a.file, a.line, b.level, a.code).cmp(&(&b.file, b.line, a.level, b.code)));
    out
}

fn name(s: Side) -> &'static str {
    match s {
        Side::Han => "Chinese",
        Side::Latin => "Latin-script text",
        Side::Other => "other text",
    }
}

/// Case variants and near-duplicates among the source terms of different concepts.
fn near_duplicates(
    entries: &[TermEntry],
    groups: &[Vec<usize>],
    at: &dyn Fn(&TermEntry, Level, &'static str, String) -> Finding,
    out: &mut Vec<Finding>,
) {
    // One representative row per (concept, source term).
    let mut terms: Vec<(usize, usize)> = Vec::new(); // (group, entry)
    for (gi, group) in groups.iter().enumerate() {
        let mut seen: Vec<&str> = Vec::new();
        for &i in group {
            let s = entries[i].source.as_str();
            if !s.is_empty() && !seen.contains(&s) {
                seen.push(s);
                terms.push((gi, i));
            }
        }
    }
    let mut by_fold: HashMap<String, Vec<usize>> = HashMap::new();
    let folded: Vec<String> = terms
        .iter()
        .map(|&(_, i)| fold(&entries[i].source))
        .collect();
    for (k, f) in folded.iter().enumerate() {
        if !f.is_empty() {
            by_fold.entry(f.clone()).or_default().push(k);
        }
    }
    let mut pairs: HashSet<(usize, usize)> = HashSet::new();
    let mut reported: HashSet<usize> = HashSet::new();
    let mut keys: Vec<&String> = by_fold.keys().collect();
    keys.sort();
    for key in keys {
        let ks = &by_fold[key];
        for (x, &a) in ks.iter().enumerate() {
            for &b in &ks[x + 1..] {
                let (ga, ia) = terms[a];
                let (gb, ib) = terms[b];
                if ga == gb {
                    continue;
                }
                pairs.insert((a, b));
                if !reported.insert(b) {
                    // Told once, against the first of its variants.
                    continue;
                }
                let (ea, eb) = (&entries[ia], &entries[ib]);
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
        }
    }

    // Edit distance between Latin terms of five letters or more.
    let latin: Vec<(usize, Vec<char>)> = terms
        .iter()
        .enumerate()
        .filter_map(|(k, &(_, i))| {
            let s = &entries[i].source;
            let letters = s.chars().filter(|c| c.is_alphabetic()).count();
            (letters >= 5 && s.chars().all(|c| !is_han(c)) && s.chars().any(is_latin_letter))
                .then(|| (k, s.to_lowercase().chars().collect()))
        })
        .collect();
    // Candidate pairs. One edit: the deletion neighbourhood (a term and every form of it
    // with one letter deleted) is exact for one insertion, deletion, substitution or
    // transposition: such pairs share a key. Two edits (terms of ten letters or more): a
    // shared third of the term at the same position (approximate). Keys shared by more than
    // BUCKET (16) terms (common syllables) carry no signal and are skipped.
    const BUCKET: usize = 16;
    // Keys are hashed, not built as strings: 100,000 terms have well over a million
    // deletion keys. A hash collision only adds a candidate, and every candidate is
    // checked by its edit distance below.
    let mut keyed: Vec<(u64, u32)> = latin
        .par_iter()
        .enumerate()
        .flat_map_iter(|(li, (_, cs))| {
            let li = li as u32;
            let mut keys = Vec::with_capacity(cs.len() + 4);
            keys.push((key_hash(0, cs, usize::MAX), li));
            for i in 0..cs.len() {
                keys.push((key_hash(0, cs, i), li));
            }
            if cs.len() >= 10 {
                let k = cs.len() / 3;
                for p in 0..3u64 {
                    let at = p as usize * k;
                    keys.push((key_hash(1 + p, &cs[at..at + k], usize::MAX), li));
                }
            }
            keys
        })
        .collect();
    keyed.par_sort_unstable();
    keyed.dedup();
    let mut candidates: Vec<(u32, u32)> = Vec::new();
    for run in keyed.chunk_by(|a, b| a.0 == b.0) {
        if run.len() < 2 || run.len() > BUCKET {
            continue;
        }
        for (x, &(_, a)) in run.iter().enumerate() {
            for &(_, b) in &run[x + 1..] {
                candidates.push((a.min(b), a.max(b)));
            }
        }
    }
    candidates.par_sort_unstable();
    candidates.dedup();
    // Each candidate is checked on its own: in parallel, the findings kept in order.
    let found: Vec<(usize, usize, usize)> = candidates
        .par_iter()
        .filter_map(|&(li, lj)| {
            let ((ka, ca), (kb, cb)) = (&latin[li as usize], &latin[lj as usize]);
            let n = ca.len();
            let limit = if n.min(cb.len()) >= 10 { 2 } else { 1 };
            if n.abs_diff(cb.len()) > limit {
                return None;
            }
            let (ga, ia) = terms[*ka];
            let (gb, ib) = terms[*kb];
            if ga == gb || pairs.contains(&(*ka, *kb)) || folded[*ka] == folded[*kb] {
                return None;
            }
            let (sa, sb): (String, String) = (ca.iter().collect(), cb.iter().collect());
            // Suffixes make other words (`merge` / `merger`), digits versions (`IPv4`).
            if sa.starts_with(&sb) || sb.starts_with(&sa) {
                return None;
            }
            let no_digit = |c: &&char| !c.is_ascii_digit();
            let has_digit = ca.iter().chain(cb.iter()).any(char::is_ascii_digit);
            if has_digit && ca.iter().filter(no_digit).eq(cb.iter().filter(no_digit)) {
                return None;
            }
            let d = strsim::osa_distance(&sa, &sb);
            if d == 0 || d > limit {
                return None;
            }
            // Two real words (`stage` / `stale`) are two terms, not a typo.
            let words = |s: &str| {
                s.split(|c: char| !c.is_alphabetic())
                    .filter(|w| !w.is_empty())
                    .all(crate::lang::words::is_word)
            };
            if words(&sa) && words(&sb) {
                return None;
            }
            Some((ia, ib, d))
        })
        .collect();
    for (ia, ib, d) in found {
        let (ea, eb) = (&entries[ia], &entries[ib]);
        out.push(at(eb, Level::Warning, "near-duplicate", format!("`{}` is {d} edit{} from `{}` (line {}): a typo, or two concepts that should be one?", eb.source, if d == 1 { "" } else { "s" }, ea.source, ea.origin.line)));
    }
}

/// A hash of `chars` without the one at `skip` (none when out of range), in namespace
/// `tag`: the deletion-neighbourhood key of [`near_duplicates`].
fn key_hash(tag: u64, chars: &[char], skip: usize) -> u64 {
    let mut h = tag.wrapping_add(1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    for (j, &c) in chars.iter().enumerate() {
        if j != skip {
            h = (h.rotate_left(5) ^ c as u64).wrapping_mul(0x517C_C1B7_2722_0A95);
        }
    }
    h
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
    fn fold_handles_width_case_hyphen_plural() {
        assert_eq!(fold("E-Mails"), "email");
        assert_eq!(fold("ＣＩＡ"), "cia");
        assert_eq!(fold("policies"), "policy");
        assert_eq!(fold("branches"), "branch");
        assert_eq!(fold("status"), "status");
        assert_eq!(fold("主 机"), "主机");
    }
}
