//! Writing glossaries: CSV/TSV (SPEC §2) and TBX (v2 TBX-Basic, or v3 DCA), and the
//! grouping of rows into concepts shared by the glossary commands.
//!
//! TBX output: one `termEntry`/`conceptEntry` per concept (rows with the same `id`, or
//! without ids the same `source`; a target-only rule is a concept of its own). The source
//! terms go into the source language section with their part of speech, term type, note
//! and termlint's own `x-termlint-case` / `x-termlint-match` term notes; the approved
//! renderings into the target section, the first `preferredTerm-admn-sts` and the others
//! `admittedTerm-admn-sts`; forbidden renderings `deprecatedTerm-admn-sts`. `domain`
//! becomes the concept's `subjectField`, `definition` a `definition` of the source
//! language section.

use std::collections::HashMap;
use std::fmt::Write as _;

use quick_xml::escape::escape;

use super::tbx::TbxVersion;
use super::{CaseRule, MatchMode, TermEntry};
use crate::lang::Lang;

/// Rows grouped into concepts, in order of first appearance: rows with the same `id`, or
/// without an id the same `source`; each target-only row (empty source) alone, even when
/// it shares an id (as [`TermIndex`](super::TermIndex) groups them; found by fuzzing:
/// a target-only rule with the id of a concept became part of that concept in TBX).
pub fn concepts(entries: &[TermEntry]) -> Vec<Vec<usize>> {
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut by_key: HashMap<(bool, &str), usize> = HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        let key = match (&e.id, e.source.is_empty()) {
            (_, true) => None,
            (Some(id), false) => Some((true, id.as_str())),
            (None, false) => Some((false, e.source.as_str())),
        };
        match key.and_then(|k| by_key.get(&k).copied()) {
            Some(g) => groups[g].push(i),
            None => {
                if let Some(k) = key {
                    by_key.insert(k, groups.len());
                }
                groups.push(vec![i]);
            }
        }
    }
    groups
}

fn case_name(c: CaseRule) -> &'static str {
    match c {
        CaseRule::Permissive => "",
        CaseRule::Sensitive => "sensitive",
        CaseRule::Insensitive => "insensitive",
    }
}

fn match_name(m: MatchMode) -> &'static str {
    match m {
        MatchMode::Auto => "",
        MatchMode::Inflect => "inflect",
        MatchMode::Exact => "exact",
    }
}

/// Write rows as glossary CSV (`tab`: TSV). Columns: `source`, `target`, then those of
/// `forbidden`, `note`, `case`, `match`, `id`, `pos`, `domain`, `definition`, `termtype`
/// that any row uses, then `origin` (`file:line`) when `with_origin`.
pub fn to_csv(entries: &[TermEntry], tab: bool, with_origin: bool) -> String {
    type Get = fn(&TermEntry) -> String;
    let all: Vec<(&str, Get)> = vec![
        ("source", |e| e.source.clone()),
        ("target", |e| e.targets.join("|")),
        ("forbidden", |e| e.forbidden.join("|")),
        ("note", |e| e.note.clone().unwrap_or_default()),
        ("case", |e| case_name(e.case).to_string()),
        ("match", |e| match_name(e.match_mode).to_string()),
        ("id", |e| e.id.clone().unwrap_or_default()),
        ("pos", |e| e.pos.clone().unwrap_or_default()),
        ("domain", |e| e.domain.clone().unwrap_or_default()),
        ("definition", |e| e.definition.clone().unwrap_or_default()),
        ("termtype", |e| e.term_type.clone().unwrap_or_default()),
        ("origin", |e| {
            if e.origin.file.is_empty() {
                String::new()
            } else {
                format!("{}:{}", e.origin.file, e.origin.line)
            }
        }),
    ];
    let cols: Vec<&(&str, Get)> = all
        .iter()
        .enumerate()
        .filter(|(i, (name, get))| {
            *i < 2
                || (*name == "origin" && with_origin)
                || (*name != "origin" && entries.iter().any(|e| !get(e).is_empty()))
        })
        .map(|(_, c)| c)
        .collect();
    if tab {
        let clean = |s: String| s.replace(['\t', '\n', '\r'], " ");
        let mut out = String::new();
        let header: Vec<&str> = cols.iter().map(|(n, _)| *n).collect();
        out.push_str(&header.join("\t"));
        out.push('\n');
        for e in entries {
            let row: Vec<String> = cols.iter().map(|(_, g)| clean(g(e))).collect();
            out.push_str(&row.join("\t"));
            out.push('\n');
        }
        return out;
    }
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let header: Vec<&str> = cols.iter().map(|(n, _)| *n).collect();
    // Writing to a Vec cannot fail.
    let _ = w.write_record(&header);
    for e in entries {
        let row: Vec<String> = cols.iter().map(|(_, g)| g(e)).collect();
        let _ = w.write_record(&row);
    }
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// Write rows as TBX (see the module documentation), `source`/`target` naming the
/// languages. Version 3 needs concept ids: concepts without one get `c1`, `c2`...
pub fn to_tbx(
    entries: &[TermEntry],
    source: &Lang,
    target: &Lang,
    version: TbxVersion,
    with_origin: bool,
) -> String {
    let (concept_el, lang_el, term_el) = match version {
        TbxVersion::V2 => ("termEntry", "langSet", "tig"),
        TbxVersion::V3 => ("conceptEntry", "langSec", "termSec"),
    };
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let sl = escape(source.tag());
    let tl = escape(target.tag());
    match version {
        TbxVersion::V2 => {
            let _ = writeln!(out, "<martif type=\"TBX-Basic\" xml:lang=\"{sl}\">");
            out.push_str("  <martifHeader>\n    <fileDesc><sourceDesc><p>written by termlint</p></sourceDesc></fileDesc>\n    <encodingDesc><p type=\"XCSURI\">TBXBasicXCSV02.xcs</p></encodingDesc>\n  </martifHeader>\n");
        }
        TbxVersion::V3 => {
            let _ = writeln!(
                out,
                "<tbx type=\"TBX-Basic\" style=\"dca\" xml:lang=\"{sl}\" xmlns=\"urn:iso:std:iso:30042:ed-2\">"
            );
            out.push_str("  <tbxHeader>\n    <fileDesc><sourceDesc><p>written by termlint</p></sourceDesc></fileDesc>\n  </tbxHeader>\n");
        }
    }
    out.push_str("  <text>\n    <body>\n");
    let note = |out: &mut String, indent: &str, kind: &str, value: &str| {
        let _ = writeln!(
            out,
            "{indent}<termNote type=\"{kind}\">{}</termNote>",
            escape(value)
        );
    };
    for (n, group) in concepts(entries).iter().enumerate() {
        let rows: Vec<&TermEntry> = group.iter().map(|&i| &entries[i]).collect();
        let first = rows[0];
        let id = match (&first.id, version) {
            (Some(id), _) => Some(id.clone()),
            (None, TbxVersion::V3) => Some(format!("c{}", n + 1)),
            (None, TbxVersion::V2) => None,
        };
        match id {
            Some(id) => {
                let _ = writeln!(out, "      <{concept_el} id=\"{}\">", escape(&id));
            }
            None => {
                let _ = writeln!(out, "      <{concept_el}>");
            }
        }
        if let Some(d) = rows.iter().find_map(|r| r.domain.as_deref()) {
            let _ = writeln!(
                out,
                "        <descrip type=\"subjectField\">{}</descrip>",
                escape(d)
            );
        }
        if with_origin {
            for r in &rows {
                if !r.origin.file.is_empty() {
                    let _ = writeln!(
                        out,
                        "        <admin type=\"x-termlint-origin\">{}:{}</admin>",
                        escape(&*r.origin.file),
                        r.origin.line
                    );
                }
            }
        }
        let target_only = first.source.is_empty();
        if target_only {
            if let Some(nt) = &first.note {
                let _ = writeln!(out, "        <note>{}</note>", escape(nt));
            }
        } else {
            let _ = writeln!(out, "        <{lang_el} xml:lang=\"{sl}\">");
            if let Some(d) = rows.iter().find_map(|r| r.definition.as_deref()) {
                let _ = writeln!(
                    out,
                    "          <descrip type=\"definition\">{}</descrip>",
                    escape(d)
                );
            }
            let mut sources: Vec<&str> = Vec::new();
            for r in &rows {
                if sources.contains(&r.source.as_str()) {
                    continue;
                }
                sources.push(&r.source);
                let same: Vec<&&TermEntry> = rows.iter().filter(|x| x.source == r.source).collect();
                let _ = writeln!(out, "          <{term_el}>");
                let _ = writeln!(out, "            <term>{}</term>", escape(&r.source));
                let ind = "            ";
                if let Some(p) = &r.pos {
                    note(&mut out, ind, "partOfSpeech", p);
                }
                if let Some(t) = &r.term_type {
                    note(&mut out, ind, "termType", t);
                }
                if r.case != CaseRule::Permissive {
                    note(&mut out, ind, "x-termlint-case", case_name(r.case));
                }
                if r.match_mode != MatchMode::Auto {
                    note(&mut out, ind, "x-termlint-match", match_name(r.match_mode));
                }
                let mut notes: Vec<&str> = Vec::new();
                for x in same {
                    if let Some(nt) = x.note.as_deref() {
                        if !notes.contains(&nt) {
                            notes.push(nt);
                        }
                    }
                }
                for nt in notes {
                    let _ = writeln!(out, "{ind}<note>{}</note>", escape(nt));
                }
                let _ = writeln!(out, "          </{term_el}>");
            }
            let _ = writeln!(out, "        </{lang_el}>");
        }
        let mut targets: Vec<&str> = Vec::new();
        let mut forbidden: Vec<&str> = Vec::new();
        for r in &rows {
            for t in &r.targets {
                if !targets.contains(&t.as_str()) {
                    targets.push(t);
                }
            }
            for f in &r.forbidden {
                if !forbidden.contains(&f.as_str()) && !targets.contains(&f.as_str()) {
                    forbidden.push(f);
                }
            }
        }
        let _ = writeln!(out, "        <{lang_el} xml:lang=\"{tl}\">");
        let statuses = targets
            .iter()
            .enumerate()
            .map(|(i, t)| {
                (
                    *t,
                    if i == 0 {
                        "preferredTerm-admn-sts"
                    } else {
                        "admittedTerm-admn-sts"
                    },
                )
            })
            .chain(forbidden.iter().map(|f| (*f, "deprecatedTerm-admn-sts")));
        for (t, status) in statuses {
            let _ = writeln!(out, "          <{term_el}>");
            let _ = writeln!(out, "            <term>{}</term>", escape(t));
            note(&mut out, "            ", "administrativeStatus", status);
            let _ = writeln!(out, "          </{term_el}>");
        }
        let _ = writeln!(out, "        </{lang_el}>");
        let _ = writeln!(out, "      </{concept_el}>");
    }
    out.push_str("    </body>\n  </text>\n");
    out.push_str(match version {
        TbxVersion::V2 => "</martif>\n",
        TbxVersion::V3 => "</tbx>\n",
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::{tbx, Glossary};

    const CANONICAL: &str =
        "source,target,forbidden,note,case,match,id,pos,domain,definition,termtype\n\
        commit,提交|提交记录,承诺,\"git sense, noun\",,,,n,vcs,A recorded snapshot,\n\
        HEAD,HEAD,,do not translate,sensitive,exact,,,,,\n\
        repo,仓库,,,,,c9,,,,abbreviation\n\
        repository,仓库,,,,,c9,,,,\n\
        ,in terms of,in term of,x < y & z,,,,,,,\n";

    fn lang(s: &str) -> Lang {
        Lang::parse(s).unwrap()
    }

    #[test]
    fn csv_tbx_csv_round_trips() {
        let g = Glossary::from_csv("g.csv", CANONICAL.as_bytes(), false).unwrap();
        assert_eq!(to_csv(&g.entries, false, false), CANONICAL);
        for version in [TbxVersion::V2, TbxVersion::V3] {
            let x = to_tbx(&g.entries, &lang("en"), &lang("zh-CN"), version, false);
            let doc = tbx::parse_str("g.tbx", &x).unwrap();
            assert_eq!(doc.version, version);
            let back = doc.to_glossary("g.tbx", None, None).unwrap();
            assert!(back.warnings.is_empty(), "{:?}", back.warnings);
            let csv = to_csv(&back.entries, false, false);
            if version == TbxVersion::V2 {
                assert_eq!(csv, CANONICAL, "{x}");
            } else {
                // v3 needs ids: the concepts without one get c1, c2...
                let again = Glossary::from_csv("g.csv", csv.as_bytes(), false).unwrap();
                let strip: Vec<_> = again
                    .entries
                    .iter()
                    .map(|e| (&e.source, &e.targets, &e.forbidden, &e.note))
                    .collect();
                let orig: Vec<_> = g
                    .entries
                    .iter()
                    .map(|e| (&e.source, &e.targets, &e.forbidden, &e.note))
                    .collect();
                assert_eq!(strip, orig);
            }
        }
    }

    #[test]
    fn tsv_cells_lose_tabs_and_newlines() {
        let g =
            Glossary::from_csv("g.csv", b"source,target,note\na,b,\"x\ty\nz\"\n", false).unwrap();
        assert_eq!(
            to_csv(&g.entries, true, false),
            "source\ttarget\tnote\na\tb\tx y z\n"
        );
    }

    #[test]
    fn concepts_group_by_id_then_source() {
        let g = Glossary::from_csv(
            "g.csv",
            b"source,target,forbidden,id\na,x,,\nb,y,,k\na,z,,\nc,w,,k\n,u,v,\n,u,v2,\n,t,v3,k\n",
            false,
        )
        .unwrap();
        assert_eq!(
            concepts(&g.entries),
            vec![vec![0, 2], vec![1, 3], vec![4], vec![5], vec![6]]
        );
        // As the index groups them.
        let index = crate::glossary::TermIndex::build(&[g]);
        assert_eq!(index.concepts.len(), 5);
    }
}
