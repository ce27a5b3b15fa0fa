//! `term-missing` and `term-forbidden`: glossary terms in the source and their renderings in
//! the target.
//!
//! Both rules share one analysis per segment: the source terms found by
//! [`TermIndex::find_source`] and the renderings found by [`TermIndex::find_target`]
//! (matching semantics: see [`crate::glossary::index`]).

use std::collections::HashSet;
use std::ops::Range;

use super::{Check, Fixable, RuleMeta, SegmentCtx};
use crate::diagnostic::{Applicability, Severity};
use crate::glossary::{Role, TermIndex, TermMatch};
use crate::lang::protect::{protected_spans, Protected};
use crate::segment::Side;

/// The `term-missing` rule.
pub const TERM_MISSING: RuleMeta = RuleMeta {
    name: "term-missing",
    default_severity: Severity::Warning,
    summary: "a glossary term occurs in the source and none of its renderings in the target",
    doc: "## What it does\n\
For every glossary term found in a segment's source, looks for one of its approved\n\
renderings in the target (any alternative, any inflected form: `host`, `hosts`). When\n\
there is none, the source term is flagged. A do-not-translate entry (its target equals\n\
its source, such as `APT-C-39`) is flagged when the target does not keep it as written.\n\
The span points into the source: it is the term that was not rendered.\n\n\
## Why\n\
Terminology is agreed once, in the glossary, so that every document calls a thing by the\n\
same name. A term translated freely (`mainframe` for 主机 in a networking text) is the\n\
most common terminology error, and the hardest to see in review.\n\n\
## Example\n\
Glossary `主机,host,mainframe`; source `控制了约531万台主机`, target `controlled about\n\
5.31 million mainframes`: `term-missing` on 主机 (\"the target has the forbidden\n\
`mainframes` instead\"), and `term-forbidden` on `mainframes`.\n\n\
## Options\n\
Glossaries are given with `-g FILE` (CSV/TSV, SPEC §2). The `case` and `match` columns\n\
set how each term is matched; a term inside a longer matched term (互联网 in\n\
国家互联网应急中心) is not checked on its own.\n\n\
## Fix safety\n\
No fix: where the rendering belongs in the target sentence is a translator's decision.\n",
    fixable: Fixable::No,
};

/// The `term-forbidden` rule.
pub const TERM_FORBIDDEN: RuleMeta = RuleMeta {
    name: "term-forbidden",
    default_severity: Severity::Error,
    summary: "a forbidden rendering of a term occurs in the target",
    doc: "## What it does\n\
Flags a rendering listed in a glossary's `forbidden` column when it occurs in the target\n\
of a segment whose source contains the term (`mainframe` for 主机). A forbidden rendering\n\
that lies inside the approved rendering of a term of the same segment is left alone\n\
(`attack` inside an approved `cyber-attack`). Rows with an empty `source` are\n\
target-only rules: their forbidden renderings are flagged in any target, exactly as\n\
written (`in term of` -> `in terms of`).\n\n\
## Why\n\
A glossary's forbidden renderings record mistakes that were made before: the wrong sense\n\
of a word, a deprecated name, a common error of translators.\n\n\
## Example\n\
Glossary `主机,host,mainframe`; target `5.31 million mainframes in China`: flagged at\n\
`mainframes`, suggestion `hosts` (inflected and capitalised like the replaced text).\n\n\
## Options\n\
Glossaries are given with `-g FILE` (CSV/TSV, SPEC §2). Matching follows the entry's\n\
`case` and `match` columns; forbidden renderings in Chinese targets must not cut through\n\
a word.\n\n\
## Fix safety\n\
Unsafe: the suggestion replaces the forbidden rendering, but the sentence around it may\n\
need other changes (an article, agreement), so `termlint fix` applies it only with\n\
`--unsafe-fixes`.\n",
    fixable: Fixable::Unsafe,
};

/// Glossary terminology.
pub struct Terms;

impl Check for Terms {
    fn rules(&self) -> &'static [&'static RuleMeta] {
        &[&TERM_MISSING, &TERM_FORBIDDEN]
    }

    fn check_segment(&self, ctx: &mut SegmentCtx<'_>) {
        let (missing_on, forbidden_on) = (ctx.enabled(&TERM_MISSING), ctx.enabled(&TERM_FORBIDDEN));
        if !missing_on && !forbidden_on {
            return;
        }
        let Some(index) = ctx.run.terms else { return };
        let Some(target) = ctx.target() else { return };
        if target.as_str().trim().is_empty() {
            // An empty target is `missing-translation`'s business.
            return;
        }
        let target = target.as_str();
        let sources: Vec<TermMatch> = match ctx.source() {
            Some(s) => {
                let text = s.as_str();
                let mut ms = index.find_source(text, ctx.lang(Side::Source));
                drop_protected(text, &mut ms);
                ms
            }
            None => Vec::new(),
        };
        let mut concepts: Vec<usize> = sources.iter().map(|m| m.concept).collect();
        concepts.sort_unstable();
        concepts.dedup();
        let mut renderings = index.find_target_for(target, ctx.lang(Side::Target), &concepts);
        drop_protected(target, &mut renderings);
        let in_source: HashSet<usize> = concepts.iter().copied().collect();
        // Approved renderings of the concepts of this segment: forbidden renderings inside
        // them are part of a correct term.
        let approved: Vec<&TermMatch> = renderings
            .iter()
            .filter(|m| m.role == Role::Approved && in_source.contains(&m.concept))
            .collect();
        let forbidden: Vec<&TermMatch> = renderings
            .iter()
            .filter(|m| {
                m.role == Role::Forbidden
                    && !m.cuts_word
                    && (index.concepts[m.concept].target_only || in_source.contains(&m.concept))
                    && !approved
                        .iter()
                        .any(|a| a.range.start <= m.range.start && m.range.end <= a.range.end)
            })
            .collect();

        if missing_on {
            for m in &sources {
                report_missing(ctx, index, m, &renderings, &forbidden, target);
            }
        }
        if forbidden_on {
            let mut done: HashSet<Range<usize>> = HashSet::new();
            for f in &forbidden {
                if done.insert(f.range.clone()) {
                    report_forbidden(ctx, index, f, &sources, target);
                }
            }
        }
    }
}

/// Drop matches that lie inside a larger protected span (a URL, a path, an option such as
/// `--host`). A protected span that is exactly the term (`CNCERT/CC` looks like a path) is
/// the term itself and is kept.
fn drop_protected(text: &str, ms: &mut Vec<TermMatch>) {
    if ms.is_empty() {
        return;
    }
    let spans: Vec<(Range<usize>, Protected)> = protected_spans(text);
    if spans.is_empty() {
        return;
    }
    ms.retain(|m| {
        !spans
            .iter()
            .any(|(s, _)| s.start <= m.range.start && m.range.end <= s.end && *s != m.range)
    });
}

/// `主机` or `主机 (n.; networking)`: the term with its part of speech and domain.
fn term_label(index: &TermIndex, concept: usize, term: &str) -> String {
    let c = &index.concepts[concept];
    let extra: Vec<&str> = [c.pos.as_deref(), c.domain.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    if extra.is_empty() {
        term.to_string()
    } else {
        format!("{term} ({})", extra.join("; "))
    }
}

/// `"host"` or `"malicious program" (or "malware")`.
fn renderings_label(targets: &[String]) -> String {
    let mut s = format!("\"{}\"", targets[0]);
    if targets.len() > 1 {
        let rest: Vec<String> = targets[1..].iter().map(|t| format!("\"{t}\"")).collect();
        s.push_str(&format!(" (or {})", rest.join(", ")));
    }
    s
}

fn report_missing(
    ctx: &mut SegmentCtx<'_>,
    index: &TermIndex,
    m: &TermMatch,
    renderings: &[TermMatch],
    forbidden: &[&TermMatch],
    target: &str,
) {
    let c = &index.concepts[m.concept];
    if c.targets.is_empty()
        || renderings
            .iter()
            .any(|r| r.role == Role::Approved && r.concept == m.concept)
    {
        return;
    }
    let term = index.term(m);
    let label = term_label(index, m.concept, term);
    let used = forbidden
        .iter()
        .find(|f| f.concept == m.concept)
        .map(|f| &target[f.range.clone()]);
    let message = if c.do_not_translate {
        let mut s = format!(
            "{label} is not to be translated, but the target does not keep \"{term}\" as written"
        );
        if let Some(u) = used {
            s.push_str(&format!(" (it has the forbidden \"{u}\")"));
        }
        s
    } else {
        match used {
            Some(u) => format!(
                "{label} is rendered {}; the target has the forbidden \"{u}\" instead",
                renderings_label(&c.targets)
            ),
            None => format!(
                "{label} is rendered {}; the target has none of its renderings",
                renderings_label(&c.targets)
            ),
        }
    };
    let suggestion = if c.do_not_translate {
        term.to_string()
    } else {
        c.targets[0].clone()
    };
    let note = c.note.clone();
    if let Some(d) = ctx.report(&TERM_MISSING, Side::Source, m.range.clone(), message) {
        d.suggestion = Some(suggestion);
        d.note = note;
    }
}

fn report_forbidden(
    ctx: &mut SegmentCtx<'_>,
    index: &TermIndex,
    f: &TermMatch,
    sources: &[TermMatch],
    target: &str,
) {
    let c = &index.concepts[f.concept];
    let used = &target[f.range.clone()];
    let bad = index.term(f);
    let message = if c.target_only {
        match c.targets.first() {
            Some(t) => format!("\"{bad}\" is an error for \"{t}\""),
            None => format!("\"{bad}\" is on the glossary's list of forbidden renderings"),
        }
    } else {
        let term = sources
            .iter()
            .find(|s| s.concept == f.concept)
            .map_or_else(|| c.sources[0].as_str(), |s| index.term(s));
        format!(
            "{} is rendered {}; \"{bad}\" is forbidden for it",
            term_label(index, f.concept, term),
            renderings_label(&c.targets)
        )
    };
    let suggestion = index.suggestion(f.concept, used, f.inflection);
    let fix = suggestion
        .as_deref()
        .and_then(|s| ctx.fix(Side::Target, f.range.clone(), s, Applicability::Unsafe));
    let note = c.note.clone();
    if let Some(d) = ctx.report(&TERM_FORBIDDEN, Side::Target, f.range.clone(), message) {
        d.suggestion = suggestion;
        d.note = note;
        d.fix = fix;
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::{findings_of, run_pair};
    use crate::config::Options;
    use crate::diagnostic::Diagnostic;
    use crate::glossary::{Glossary, TermIndex};
    use crate::segment::Side;

    const GLOSSARY: &str = "source,target,forbidden,note\n\
        主机,host,mainframe,networking sense\n\
        国家互联网应急中心,National Computer Network Emergency Response Technical Team/Coordination Center of China|CNCERT/CC,,\n\
        互联网,Internet,,\n\
        美国中央情报局,Central Intelligence Agency|CIA,,\n\
        北约,NATO,,\n\
        盟国,ally,,\n\
        恶意程序,malicious program|malware,,\n\
        网络攻击,cyber-attack|cyberattack,attack,\n\
        政府机构,government agency,,\n\
        APT-C-39,APT-C-39,,do not translate\n\
        ,in terms of,in term of,\n";

    fn run(src: &str, tgt: &str) -> Vec<Diagnostic> {
        let g = Glossary::from_csv("g.csv", GLOSSARY.as_bytes(), false).unwrap();
        let idx = TermIndex::build(&[g]);
        run_pair(
            Some(("zh", src)),
            ("en", tgt),
            Some(&idx),
            &Options::default(),
        )
    }

    #[test]
    fn flags_forbidden_rendering_with_inflected_suggestion() {
        let d = run(
            "控制了约531万台主机",
            "controlled about 5.31 million mainframes",
        );
        assert_eq!(findings_of(&d, "term-forbidden"), ["mainframes"]);
        let f = d.iter().find(|d| d.rule == "term-forbidden").unwrap();
        assert_eq!(f.suggestion.as_deref(), Some("hosts"));
        assert_eq!(f.note.as_deref(), Some("networking sense"));
        assert_eq!(
            f.message,
            "主机 is rendered \"host\"; \"mainframe\" is forbidden for it"
        );
        assert_eq!(f.side, Side::Target);
        let fix = f.fix.as_ref().unwrap();
        assert_eq!(fix.edits[0].replacement, "hosts");
        // ...and the source term is missing its rendering.
        assert_eq!(findings_of(&d, "term-missing"), ["主机"]);
        let m = d.iter().find(|d| d.rule == "term-missing").unwrap();
        assert_eq!(m.side, Side::Source);
        assert!(
            m.message.contains("forbidden \"mainframes\""),
            "{}",
            m.message
        );
    }

    #[test]
    fn capitalised_suggestion() {
        let d = run("主机数量", "Mainframes number");
        let f = d.iter().find(|d| d.rule == "term-forbidden").unwrap();
        assert_eq!(f.suggestion.as_deref(), Some("Hosts"));
    }

    #[test]
    fn does_not_flag_approved_renderings() {
        let d = run(
            "中国国家互联网应急中心数据显示，美国及其北约盟国，美国中央情报局的APT-C-39，恶意程序，政府机构，主机",
            "According to CNCERT/CC, the US and its NATO allies, the CIA's APT-C-39, malicious programs, government agencies, hosts",
        );
        assert!(findings_of(&d, "term-missing").is_empty(), "{d:#?}");
        assert!(findings_of(&d, "term-forbidden").is_empty());
    }

    #[test]
    fn forbidden_only_where_the_source_has_the_term() {
        let d = run("大型公司", "large mainframe companies");
        assert!(findings_of(&d, "term-forbidden").is_empty());
    }

    #[test]
    fn forbidden_inside_an_approved_rendering_is_fine() {
        let d = run("网络攻击", "a cyber-attack");
        assert!(findings_of(&d, "term-forbidden").is_empty());
        let d = run("网络攻击", "an attack");
        assert_eq!(findings_of(&d, "term-forbidden"), ["attack"]);
        assert_eq!(findings_of(&d, "term-missing"), ["网络攻击"]);
    }

    #[test]
    fn do_not_translate_kept_verbatim() {
        let d = run("组织APT-C-39曾", "the organisation APT C 39 has");
        assert_eq!(findings_of(&d, "term-missing"), ["APT-C-39"]);
        let m = d.iter().find(|d| d.rule == "term-missing").unwrap();
        assert!(m.message.contains("not to be translated"), "{}", m.message);
        assert_eq!(m.note.as_deref(), Some("do not translate"));
    }

    #[test]
    fn target_only_rules_anywhere() {
        let d = run("数量", "top three in term of the number");
        assert_eq!(findings_of(&d, "term-forbidden"), ["in term of"]);
        let f = d.iter().find(|d| d.rule == "term-forbidden").unwrap();
        assert_eq!(f.suggestion.as_deref(), Some("in terms of"));
        assert_eq!(f.message, "\"in term of\" is an error for \"in terms of\"");
        // Monolingual targets get them too.
        let g = Glossary::from_csv("g.csv", GLOSSARY.as_bytes(), false).unwrap();
        let idx = TermIndex::build(&[g]);
        let d = run_pair(
            None,
            ("en", "In term of cost"),
            Some(&idx),
            &Options::default(),
        );
        assert_eq!(findings_of(&d, "term-forbidden"), ["In term of"]);
        assert_eq!(d[0].suggestion.as_deref(), Some("In terms of"));
    }

    #[test]
    fn nested_terms_are_not_checked_alone() {
        // 互联网 inside 国家互联网应急中心 needs no "Internet" in the target.
        let d = run("国家互联网应急中心", "CNCERT/CC");
        assert!(findings_of(&d, "term-missing").is_empty(), "{d:#?}");
        let d = run("大型互联网公司", "large companies");
        assert_eq!(findings_of(&d, "term-missing"), ["互联网"]);
    }

    #[test]
    fn words_cut_in_the_source_are_not_terms() {
        let d = run("民主机制", "democratic mechanisms");
        assert!(findings_of(&d, "term-missing").is_empty());
    }

    #[test]
    fn english_source_chinese_target() {
        let g = Glossary::from_csv(
            "git.csv",
            "source,target,forbidden\ncommit,提交,承诺\nbranch,分支,\n".as_bytes(),
            false,
        )
        .unwrap();
        let idx = TermIndex::build(&[g]);
        let d = run_pair(
            Some(("en", "Committed 3 branches")),
            ("zh-CN", "已承诺 3 个分支"),
            Some(&idx),
            &Options::default(),
        );
        assert_eq!(findings_of(&d, "term-missing"), ["Committed"]);
        assert_eq!(findings_of(&d, "term-forbidden"), ["承诺"]);
        let d = run_pair(
            Some(("en", "Use --branch to commit")),
            ("zh-CN", "使用 --branch 来提交"),
            Some(&idx),
            &Options::default(),
        );
        assert!(findings_of(&d, "term-missing").is_empty(), "{d:#?}");
    }
}
