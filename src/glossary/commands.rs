//! The `termlint glossary` subcommands: `validate`, `convert`, `merge`, `diff`, `stats`
//! (the binary only parses arguments and calls these). Each returns the exit code: 0 fine,
//! 1 findings of severity error (`validate`), 2 an input that could not be read or an
//! output that could not be written (message with file and line on standard error).

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

use serde::Serialize;

use super::tbx::TbxVersion;
use super::validate::{self, Level};
use super::{write, Glossary, GlossaryFormat, Origin, TermEntry};
use crate::diagnostic::InputError;
use crate::lang::script::{is_han, is_latin_letter};
use crate::lang::Lang;

/// The languages a command was given (`--source-lang`, `--target-lang`).
#[derive(Debug, Clone, Default)]
pub struct Langs {
    /// Source language.
    pub source: Option<Lang>,
    /// Target language.
    pub target: Option<Lang>,
}

impl Langs {
    fn load(&self, path: &str) -> Result<Glossary, InputError> {
        Glossary::load_for(Path::new(path), self.source.as_ref(), self.target.as_ref())
    }
}

fn fail(e: &InputError) -> u8 {
    eprintln!("termlint: error: {e}");
    2
}

fn emit(out: &mut dyn Write, text: &str) -> u8 {
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => 0,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            eprintln!("termlint: cannot write output: {e}");
            2
        }
    }
}

/// `glossary validate FILE...`: findings on `out` (human or JSON); exit 1 if any error
/// finding (or, with `strict`, any finding), 2 if a file could not be read.
pub fn validate(
    files: &[String],
    langs: &Langs,
    json: bool,
    strict: bool,
    out: &mut dyn Write,
) -> u8 {
    let (findings, errors, entries) =
        validate::validate_files(files, langs.source.as_ref(), langs.target.as_ref());
    let text = if json {
        validate::json(&findings, &errors, files.len(), entries)
    } else {
        validate::human(&findings, &errors, files.len(), entries)
    };
    if emit(out, &text) != 0 {
        return 2;
    }
    if !errors.is_empty() {
        2
    } else if findings.iter().any(|f| f.level == Level::Error) || (strict && !findings.is_empty()) {
        1
    } else {
        0
    }
}

/// Guess a glossary's languages from the scripts of its terms: Chinese (`zh`) where most
/// terms are Han, English (`en`) where most are Latin.
fn guess_langs(g: &Glossary) -> Option<(Lang, Lang)> {
    let guess = |terms: &mut dyn Iterator<Item = &String>| -> Option<Lang> {
        let (mut han, mut latin, mut n) = (0, 0, 0);
        for t in terms {
            n += 1;
            if t.chars().any(is_han) {
                han += 1;
            } else if t.chars().any(is_latin_letter) {
                latin += 1;
            }
        }
        if n > 0 && han * 2 > n {
            Lang::parse("zh")
        } else if n > 0 && latin * 2 > n {
            Lang::parse("en")
        } else {
            None
        }
    };
    let rows = || g.entries.iter().filter(|e| !e.is_do_not_translate());
    let s = guess(&mut rows().filter(|e| !e.source.is_empty()).map(|e| &e.source))?;
    let t = guess(&mut rows().filter_map(|e| e.targets.first()))?;
    (s != t).then_some((s, t))
}

/// Write `entries` to `path` in the format its extension names.
fn write_glossary(
    path: &str,
    entries: &[TermEntry],
    langs: &Langs,
    tbx_version: TbxVersion,
    with_origin: bool,
    guessed: Option<(Lang, Lang)>,
) -> Result<(), InputError> {
    let format = GlossaryFormat::from_path(Path::new(path))?;
    let text = match format {
        GlossaryFormat::Csv => write::to_csv(entries, false, with_origin),
        GlossaryFormat::Tsv => write::to_csv(entries, true, with_origin),
        GlossaryFormat::Tbx => {
            let (s, t) = match (&langs.source, &langs.target, guessed) {
                (Some(s), Some(t), _) => (s.clone(), t.clone()),
                (s, t, Some((gs, gt))) => (s.clone().unwrap_or(gs), t.clone().unwrap_or(gt)),
                _ => return Err(InputError::file(
                    path,
                    "cannot tell the glossary's languages: give --source-lang and --target-lang",
                )),
            };
            write::to_tbx(entries, &s, &t, tbx_version, with_origin)
        }
    };
    std::fs::write(path, text).map_err(|e| InputError::file(path, format!("cannot write: {e}")))
}

/// `glossary convert IN OUT`: CSV/TSV <-> TBX, formats from the extensions. Writing TBX
/// from CSV needs the languages: `--source-lang`/`--target-lang`, else guessed from the
/// scripts (Han: `zh`, Latin: `en`; said on standard error).
pub fn convert(input: &str, output: &str, langs: &Langs, tbx_version: TbxVersion) -> u8 {
    let g = match langs.load(input) {
        Ok(g) => g,
        Err(e) => return fail(&e),
    };
    for w in &g.warnings {
        eprintln!("termlint: warning: {w}");
    }
    let mut langs = langs.clone();
    let mut guessed = None;
    if GlossaryFormat::from_path(Path::new(input)).ok() == Some(GlossaryFormat::Tbx) {
        // The pair the TBX was read with.
        if let Ok(doc) = std::fs::read(input)
            .map_err(|e| InputError::file(input, e.to_string()))
            .and_then(|b| super::tbx::parse(input, b))
        {
            if let Ok((s, t)) =
                doc.language_pair(input, langs.source.as_ref(), langs.target.as_ref())
            {
                langs.source = Some(s);
                langs.target = Some(t);
            }
        }
    } else if langs.source.is_none() || langs.target.is_none() {
        guessed = guess_langs(&g);
        if let (Some((s, t)), Ok(GlossaryFormat::Tbx)) =
            (&guessed, GlossaryFormat::from_path(Path::new(output)))
        {
            eprintln!(
                "termlint: note: languages guessed from the terms' scripts: {} -> {} (set --source-lang/--target-lang to choose)",
                langs.source.as_ref().unwrap_or(s).tag(),
                langs.target.as_ref().unwrap_or(t).tag()
            );
        }
    }
    match write_glossary(output, &g.entries, &langs, tbx_version, false, guessed) {
        Ok(()) => 0,
        Err(e) => fail(&e),
    }
}

/// One merge conflict: the earlier glossary's concept was kept.
#[derive(Debug, Clone, Serialize)]
struct Conflict {
    source: String,
    kept: String,
    kept_origin: String,
    dropped: String,
    dropped_origin: String,
    reason: String,
}

fn origin_str(o: &Origin) -> String {
    format!("{}:{}", o.file, o.line)
}

/// Merge glossaries, earlier ones taking precedence. Returns the merged rows (their
/// `origin` the file and line each came from) and the conflicts.
fn merge_entries(glossaries: &[Glossary]) -> (Vec<TermEntry>, Vec<Conflict>) {
    let mut merged: Vec<Vec<TermEntry>> = Vec::new();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    let mut by_source: HashMap<String, usize> = HashMap::new();
    let mut target_only: HashMap<Vec<String>, usize> = HashMap::new();
    let mut conflicts = Vec::new();
    for g in glossaries {
        for group in write::concepts(&g.entries) {
            let rows: Vec<TermEntry> = group.iter().map(|&i| g.entries[i].clone()).collect();
            let first = &rows[0];
            let existing = if first.source.is_empty() {
                target_only.get(&first.forbidden).copied()
            } else {
                first
                    .id
                    .as_ref()
                    .and_then(|id| by_id.get(id).copied())
                    .or_else(|| rows.iter().find_map(|r| by_source.get(&r.source).copied()))
            };
            let Some(mi) = existing else {
                let mi = merged.len();
                if first.source.is_empty() {
                    target_only.insert(first.forbidden.clone(), mi);
                }
                for r in &rows {
                    if let Some(id) = &r.id {
                        by_id.entry(id.clone()).or_insert(mi);
                    }
                    if !r.source.is_empty() {
                        by_source.entry(r.source.clone()).or_insert(mi);
                    }
                }
                merged.push(rows);
                continue;
            };
            let kept = &merged[mi];
            let targets = |rs: &[TermEntry]| -> Vec<String> {
                let mut v: Vec<String> = Vec::new();
                for r in rs {
                    for t in &r.targets {
                        if !v.contains(t) {
                            v.push(t.clone());
                        }
                    }
                }
                v
            };
            let forbidden = |rs: &[TermEntry]| -> Vec<String> {
                let mut v: Vec<String> = Vec::new();
                for r in rs {
                    for t in &r.forbidden {
                        if !v.contains(t) {
                            v.push(t.clone());
                        }
                    }
                }
                v
            };
            let (kt, kf) = (targets(kept), forbidden(kept));
            let (nt, nf) = (targets(&rows), forbidden(&rows));
            let reason = if kt.first() != nt.first() {
                Some(format!(
                    "preferred rendering `{}` vs `{}`",
                    kt.first().map_or("", |s| s.as_str()),
                    nt.first().map_or("", |s| s.as_str())
                ))
            } else if let Some(x) = nt.iter().find(|t| kf.contains(t)) {
                Some(format!(
                    "`{x}` is forbidden in the kept entry but approved in the dropped one"
                ))
            } else {
                nf.iter().find(|t| kt.contains(t)).map(|x| {
                    format!("`{x}` is approved in the kept entry but forbidden in the dropped one")
                })
            };
            match reason {
                Some(reason) => conflicts.push(Conflict {
                    source: first.source.clone(),
                    kept: kt.join("|"),
                    kept_origin: origin_str(&kept[0].origin),
                    dropped: nt.join("|"),
                    dropped_origin: origin_str(&first.origin),
                    reason,
                }),
                None => {
                    // Same preferred rendering: the later glossary may add alternatives,
                    // forbidden renderings and source synonyms.
                    let rows_mi = &mut merged[mi];
                    for t in nt.iter().filter(|t| !kt.contains(t)) {
                        rows_mi[0].targets.push(t.clone());
                    }
                    for f in nf.iter().filter(|f| !kf.contains(f)) {
                        rows_mi[0].forbidden.push(f.clone());
                    }
                    let known: Vec<String> = rows_mi.iter().map(|r| r.source.clone()).collect();
                    let all_targets = targets(rows_mi);
                    let all_forbidden = forbidden(rows_mi);
                    let id = rows_mi[0].id.clone();
                    for r in &rows {
                        if !r.source.is_empty() && !known.contains(&r.source) {
                            let mut r = r.clone();
                            r.targets = all_targets.clone();
                            r.forbidden = all_forbidden.clone();
                            r.id = id.clone().or_else(|| Some(format!("merged-{}", mi + 1)));
                            by_source.entry(r.source.clone()).or_insert(mi);
                            rows_mi.push(r);
                        }
                    }
                    if rows_mi.len() > 1 && rows_mi[0].id.is_none() {
                        let id = format!("merged-{}", mi + 1);
                        for r in rows_mi.iter_mut() {
                            r.id.get_or_insert_with(|| id.clone());
                        }
                    }
                }
            }
        }
    }
    (merged.into_iter().flatten().collect(), conflicts)
}

/// `glossary merge IN... -o OUT`: concepts matched by id or by a shared source term;
/// where two glossaries disagree the earlier one on the command line wins (put the
/// project glossary first) and the conflict goes to `conflicts` (CSV) if given. Rows keep
/// their origin (`origin` column in CSV, `x-termlint-origin` in TBX).
pub fn merge(
    inputs: &[String],
    output: &str,
    conflicts_path: Option<&str>,
    langs: &Langs,
    tbx_version: TbxVersion,
) -> u8 {
    let mut glossaries = Vec::new();
    let mut code = 0;
    for p in inputs {
        match langs.load(p) {
            Ok(g) => {
                for w in &g.warnings {
                    eprintln!("termlint: warning: {w}");
                }
                glossaries.push(g);
            }
            Err(e) => code = fail(&e),
        }
    }
    if code != 0 {
        return code;
    }
    let (entries, conflicts) = merge_entries(&glossaries);
    let guessed = glossaries.first().and_then(guess_langs);
    if let Err(e) = write_glossary(output, &entries, langs, tbx_version, true, guessed) {
        return fail(&e);
    }
    eprintln!(
        "termlint: merged {} glossar{} into {} rows in {output}; {} conflict{}{}",
        glossaries.len(),
        if glossaries.len() == 1 { "y" } else { "ies" },
        entries.len(),
        conflicts.len(),
        if conflicts.len() == 1 { "" } else { "s" },
        match (conflicts_path, conflicts.is_empty()) {
            (Some(p), _) => format!(" written to {p}"),
            (None, false) => " (earlier glossary kept; --conflicts FILE lists them)".to_string(),
            (None, true) => String::new(),
        }
    );
    if let Some(p) = conflicts_path {
        let mut w = ::csv::WriterBuilder::new()
            .terminator(::csv::Terminator::Any(b'\n'))
            .from_writer(Vec::new());
        for c in &conflicts {
            let _ = w.serialize(c);
        }
        if conflicts.is_empty() {
            let _ = w.write_record([
                "source",
                "kept",
                "kept_origin",
                "dropped",
                "dropped_origin",
                "reason",
            ]);
        }
        let bytes = w.into_inner().unwrap_or_default();
        if let Err(e) = std::fs::write(p, bytes) {
            return fail(&InputError::file(p, format!("cannot write: {e}")));
        }
    }
    0
}

/// A concept as compared by `diff`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
struct ConceptView {
    sources: Vec<String>,
    targets: Vec<String>,
    forbidden: Vec<String>,
    note: Option<String>,
    line: usize,
}

fn views(g: &Glossary) -> Vec<(Option<String>, ConceptView)> {
    write::concepts(&g.entries)
        .into_iter()
        .map(|group| {
            let rows: Vec<&TermEntry> = group.iter().map(|&i| &g.entries[i]).collect();
            let mut v = ConceptView {
                sources: Vec::new(),
                targets: Vec::new(),
                forbidden: Vec::new(),
                note: rows.iter().find_map(|r| r.note.clone()),
                line: rows[0].origin.line,
            };
            for r in &rows {
                for (list, items) in [
                    (&mut v.sources, std::slice::from_ref(&r.source)),
                    (&mut v.targets, r.targets.as_slice()),
                    (&mut v.forbidden, r.forbidden.as_slice()),
                ] {
                    for x in items {
                        if !x.is_empty() && !list.contains(x) {
                            list.push(x.clone());
                        }
                    }
                }
            }
            (rows[0].id.clone(), v)
        })
        .collect()
}

/// One difference between two glossaries.
#[derive(Debug, Clone, Serialize)]
struct Change {
    kind: &'static str,
    source: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    old: Option<ConceptView>,
    #[serde(skip_serializing_if = "Option::is_none")]
    new: Option<ConceptView>,
    detail: String,
}

fn show(v: &ConceptView) -> String {
    let mut s = v.targets.join("|");
    if !v.forbidden.is_empty() {
        s.push_str(&format!(" (not {})", v.forbidden.join("|")));
    }
    s
}

/// `glossary diff OLD NEW`: concepts matched by id where both have one, else by source
/// term. `added`, `removed`, `superseded` (the preferred rendering changed: old -> new) and
/// `changed` (other renderings, forbidden renderings or synonyms), and `note` (only the
/// note changed: listed in JSON, in human output with `notes`). Exit 0.
pub fn diff(
    old: &str,
    new: &str,
    langs: &Langs,
    json: bool,
    notes: bool,
    out: &mut dyn Write,
) -> u8 {
    let (go, gn) = match (langs.load(old), langs.load(new)) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(e), _) | (_, Err(e)) => return fail(&e),
    };
    let (vo, vn) = (views(&go), views(&gn));
    let key_of = |id: &Option<String>, v: &ConceptView| match id {
        Some(id) => format!("id\u{0}{id}"),
        None => format!(
            "src\u{0}{}",
            v.sources
                .first()
                .cloned()
                .unwrap_or_else(|| v.forbidden.join("|"))
        ),
    };
    let mut new_by_key: HashMap<String, usize> = HashMap::new();
    let mut new_by_source: HashMap<&str, usize> = HashMap::new();
    for (i, (id, v)) in vn.iter().enumerate() {
        new_by_key.entry(key_of(id, v)).or_insert(i);
        for s in &v.sources {
            new_by_source.entry(s).or_insert(i);
        }
    }
    let mut matched = vec![false; vn.len()];
    let mut changes = Vec::new();
    for (id, v) in &vo {
        let found = new_by_key
            .get(&key_of(id, v))
            .copied()
            .or_else(|| {
                v.sources
                    .iter()
                    .find_map(|s| new_by_source.get(s.as_str()).copied())
            })
            .filter(|&i| !matched[i]);
        let source = v.sources.first().cloned().unwrap_or_default();
        let Some(i) = found else {
            changes.push(Change {
                kind: "removed",
                source,
                old: Some(v.clone()),
                new: None,
                detail: show(v),
            });
            continue;
        };
        matched[i] = true;
        let n = &vn[i].1;
        let same = |a: &[String], b: &[String]| {
            let mut a = a.to_vec();
            let mut b = b.to_vec();
            a.sort();
            b.sort();
            a == b
        };
        if v.targets.first() != n.targets.first() {
            let old_t = v.targets.first().cloned().unwrap_or_default();
            let now_forbidden = n.forbidden.contains(&old_t);
            changes.push(Change {
                kind: "superseded",
                source,
                old: Some(v.clone()),
                new: Some(n.clone()),
                detail: format!(
                    "{} -> {}{}",
                    show(v),
                    show(n),
                    if now_forbidden {
                        " (old rendering now forbidden)"
                    } else {
                        ""
                    }
                ),
            });
        } else if !same(&v.targets, &n.targets)
            || !same(&v.forbidden, &n.forbidden)
            || !same(&v.sources, &n.sources)
        {
            let mut what = Vec::new();
            if !same(&v.sources, &n.sources) {
                what.push(format!(
                    "sources {} -> {}",
                    v.sources.join("|"),
                    n.sources.join("|")
                ));
            }
            if !same(&v.targets, &n.targets) || !same(&v.forbidden, &n.forbidden) {
                what.push(format!("{} -> {}", show(v), show(n)));
            }
            if v.note != n.note {
                what.push("note changed".to_string());
            }
            changes.push(Change {
                kind: "changed",
                source,
                old: Some(v.clone()),
                new: Some(n.clone()),
                detail: what.join("; "),
            });
        } else if v.note != n.note {
            changes.push(Change {
                kind: "note",
                source,
                old: Some(v.clone()),
                new: Some(n.clone()),
                detail: format!(
                    "note {:?} -> {:?}",
                    v.note.as_deref().unwrap_or(""),
                    n.note.as_deref().unwrap_or("")
                ),
            });
        }
    }
    for (i, (_, n)) in vn.iter().enumerate() {
        if !matched[i] {
            changes.push(Change {
                kind: "added",
                source: n.sources.first().cloned().unwrap_or_default(),
                old: None,
                new: Some(n.clone()),
                detail: show(n),
            });
        }
    }
    let count = |k: &str| changes.iter().filter(|c| c.kind == k).count();
    let text = if json {
        let v = serde_json::json!({
            "version": 1,
            "old": old,
            "new": new,
            "changes": changes,
            "summary": {
                "added": count("added"),
                "removed": count("removed"),
                "changed": count("changed"),
                "superseded": count("superseded"),
                "note_only": count("note"),
            }
        });
        serde_json::to_string_pretty(&v).unwrap_or_default() + "\n"
    } else {
        let mut s = String::new();
        let kinds: &[&str] = if notes {
            &["superseded", "changed", "removed", "added", "note"]
        } else {
            &["superseded", "changed", "removed", "added"]
        };
        for &kind in kinds {
            for c in changes.iter().filter(|c| c.kind == kind) {
                let (file, line) = match (&c.new, &c.old) {
                    (Some(n), _) if kind != "removed" => (new, n.line),
                    (_, Some(o)) => (old, o.line),
                    _ => (new, 0),
                };
                s.push_str(&format!(
                    "{kind:<10} {file}:{line}: {}: {}\n",
                    c.source, c.detail
                ));
            }
        }
        s.push_str(&format!(
            "{} added, {} removed, {} changed, {} superseded, {} with only the note changed{} ({} -> {} concepts)\n",
            count("added"),
            count("removed"),
            count("changed"),
            count("superseded"),
            count("note"),
            if notes || count("note") == 0 { "" } else { " (--notes lists them)" },
            vo.len(),
            vn.len()
        ));
        s
    };
    emit(out, &text)
}

/// Counts describing one glossary.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Stats {
    /// The file.
    pub file: String,
    /// Rows (CSV) or source terms (TBX).
    pub entries: usize,
    /// Concepts (rows grouped by id or source).
    pub concepts: usize,
    /// Distinct source terms.
    pub source_terms: usize,
    /// Approved renderings, over all concepts.
    pub approved: usize,
    /// Forbidden renderings, over all concepts.
    pub forbidden: usize,
    /// Concepts with more than one approved rendering.
    pub with_alternatives: usize,
    /// Do-not-translate concepts.
    pub do_not_translate: usize,
    /// Target-only rules.
    pub target_only: usize,
    /// Rows with a note.
    pub with_note: usize,
    /// Source terms made of Han characters / of Latin letters.
    pub han_sources: usize,
    /// Source terms of Latin letters.
    pub latin_sources: usize,
    /// Multi-word (space-separated) source terms.
    pub multiword_sources: usize,
    /// Languages of a TBX (all of them, normalised).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<String>,
    /// Warnings the loader gave.
    pub load_warnings: usize,
}

/// Compute [`Stats`] for a loaded glossary.
pub fn stats_of(g: &Glossary) -> Stats {
    let groups = write::concepts(&g.entries);
    let mut s = Stats {
        file: g.path.clone(),
        entries: g.entries.len(),
        concepts: groups.len(),
        load_warnings: g.warnings.len(),
        ..Default::default()
    };
    let mut sources: Vec<&str> = g
        .entries
        .iter()
        .map(|e| e.source.as_str())
        .filter(|x| !x.is_empty())
        .collect();
    sources.sort_unstable();
    sources.dedup();
    s.source_terms = sources.len();
    s.han_sources = sources.iter().filter(|x| x.chars().any(is_han)).count();
    s.latin_sources = sources
        .iter()
        .filter(|x| !x.chars().any(is_han) && x.chars().any(is_latin_letter))
        .count();
    s.multiword_sources = sources.iter().filter(|x| x.trim().contains(' ')).count();
    for group in &groups {
        let rows: Vec<&TermEntry> = group.iter().map(|&i| &g.entries[i]).collect();
        let mut t: Vec<&String> = rows.iter().flat_map(|r| &r.targets).collect();
        t.sort();
        t.dedup();
        let mut f: Vec<&String> = rows.iter().flat_map(|r| &r.forbidden).collect();
        f.sort();
        f.dedup();
        s.approved += t.len();
        s.forbidden += f.len();
        s.with_alternatives += usize::from(t.len() > 1);
        s.do_not_translate += usize::from(rows.iter().any(|r| r.is_do_not_translate()));
        s.target_only += usize::from(rows[0].source.is_empty());
    }
    s.with_note = g.entries.iter().filter(|e| e.note.is_some()).count();
    s
}

/// `glossary stats FILE...`: counts per file, human or JSON.
pub fn stats(files: &[String], langs: &Langs, json: bool, out: &mut dyn Write) -> u8 {
    let mut all = Vec::new();
    let mut code = 0;
    for f in files {
        match langs.load(f) {
            Ok(g) => {
                let mut s = stats_of(&g);
                if GlossaryFormat::from_path(Path::new(f)).ok() == Some(GlossaryFormat::Tbx) {
                    if let Ok(doc) = std::fs::read(f)
                        .map_err(|e| InputError::file(f.as_str(), e.to_string()))
                        .and_then(|b| super::tbx::parse(f, b))
                    {
                        s.languages = doc
                            .languages()
                            .iter()
                            .map(|l| l.tag().to_string())
                            .collect();
                    }
                }
                all.push(s);
            }
            Err(e) => code = fail(&e),
        }
    }
    let text = if json {
        serde_json::to_string_pretty(&serde_json::json!({ "version": 1, "glossaries": all }))
            .unwrap_or_default()
            + "\n"
    } else {
        let mut t = String::new();
        for s in &all {
            t.push_str(&format!("{}\n", s.file));
            if !s.languages.is_empty() {
                t.push_str(&format!(
                    "  languages          {}\n",
                    s.languages.join(", ")
                ));
            }
            for (k, v) in [
                ("entries", s.entries),
                ("concepts", s.concepts),
                ("source terms", s.source_terms),
                ("  Chinese", s.han_sources),
                ("  Latin script", s.latin_sources),
                ("  multi-word", s.multiword_sources),
                ("approved renderings", s.approved),
                ("forbidden renderings", s.forbidden),
                ("with alternatives", s.with_alternatives),
                ("do-not-translate", s.do_not_translate),
                ("target-only rules", s.target_only),
                ("rows with a note", s.with_note),
                ("loader warnings", s.load_warnings),
            ] {
                t.push_str(&format!("  {k:<19}{v}\n"));
            }
        }
        t
    };
    let w = emit(out, &text);
    code.max(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(path: &str, csv: &str) -> Glossary {
        Glossary::from_csv(path, csv.as_bytes(), false).unwrap()
    }

    #[test]
    fn merge_prefers_earlier_and_records_conflicts() {
        let project = g(
            "project.csv",
            "source,target,forbidden\ncommit,提交,\nworking tree,工作区,\n",
        );
        let general = g("general.csv", "source,target,forbidden\ncommit,提交|提交记录,承诺\nworking tree,工作树,\nbranch,分支,\n");
        let (rows, conflicts) = merge_entries(&[project, general]);
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0].targets, ["提交", "提交记录"]);
        assert_eq!(rows[0].forbidden, ["承诺"]);
        assert_eq!(rows[1].targets, ["工作区"]);
        assert_eq!(&*rows[2].origin.file, "general.csv");
        assert_eq!(rows[2].origin.line, 4);
        assert_eq!(conflicts.len(), 1);
        assert_eq!(conflicts[0].source, "working tree");
        assert_eq!(conflicts[0].kept_origin, "project.csv:3");
        assert_eq!(conflicts[0].dropped_origin, "general.csv:3");
    }

    #[test]
    fn stats_count_concepts() {
        let s = stats_of(&g("g.csv", "source,target,forbidden,id\ncommit,提交,承诺,\nHEAD,HEAD,,\nrepo,仓库,,c1\nrepository,仓库|版本库,,c1\n,in terms of,in term of,\n"));
        assert_eq!((s.entries, s.concepts, s.source_terms), (5, 4, 4));
        assert_eq!((s.approved, s.forbidden, s.with_alternatives), (5, 2, 1));
        assert_eq!((s.do_not_translate, s.target_only), (1, 1));
    }
}
