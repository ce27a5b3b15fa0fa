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
use crate::lang::protect::protected_spans_shared;
use crate::segment::Side;

/// The `term-missing` rule.
pub static TERM_MISSING: RuleMeta = RuleMeta {
    name: "term-missing",
    default_severity: Severity::Warning,
    summary: "a glossary term occurs in the source and none of its renderings in the target",
    doc: "## What it does\n\
For every glossary term found in a segment's source, looks for one of its approved\n\
renderings in the target (any alternative, any inflected form: `host`, `hosts`). When\n\
there is none, the source term is flagged. A do-not-translate entry (its target equals\n\
its source, such as `APT-C-39`) is flagged when the target does not keep it as written.\n\
A term inside code that the target copies verbatim is not flagged: part of a longer code\n\
token (`git checkout-index`, `core.autocrlf`), of a two-word command (`git rebase`) or a\n\
quoted name (`'merge'`). A Chinese rendering with 的 inserted (不可达的对象) counts.\n\
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
pub static TERM_FORBIDDEN: RuleMeta = RuleMeta {
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
    fn uses_glossary(&self) -> bool {
        true
    }

    fn rules(&self) -> &'static [&'static RuleMeta] {
        static RULES: [&RuleMeta; 2] = [&TERM_MISSING, &TERM_FORBIDDEN];
        &RULES
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
                drop_copied_code(text, target, &mut ms);
                ms
            }
            None => Vec::new(),
        };
        let mut concepts: Vec<usize> = sources.iter().map(|m| m.concept).collect();
        concepts.sort_unstable();
        concepts.dedup();
        // Only forbidden renderings are dropped for cutting a word (below), so only they
        // need the segmenter.
        let mut renderings = index.find_renderings_for(target, ctx.lang(Side::Target), &concepts);
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
    // Shared with the other checks of the segment (no copy).
    let Some(spans) = protected_spans_shared(text) else {
        return;
    };
    ms.retain(|m| {
        !spans
            .iter()
            .any(|(s, _)| s.start <= m.range.start && m.range.end <= s.end && *s != m.range)
    });
}

/// Characters of a code token around a term: a command (`checkout-index`), an option
/// without its dashes (`first-parent`), a config key (`core.autocrlf`), an identifier.
fn is_code_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/')
}

/// Whether `needle` occurs in `hay` with no code character right before or after it.
fn contains_code(hay: &str, needle: &str) -> bool {
    let mut from = 0;
    while let Some(p) = hay[from..].find(needle) {
        let (s, e) = (from + p, from + p + needle.len());
        let before = hay[..s].chars().next_back();
        let after = hay[e..].chars().next();
        if !before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
            && !after.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
        {
            return true;
        }
        from = s + 1;
        while !hay.is_char_boundary(from) {
            from += 1;
        }
    }
    false
}

/// The code token of `text` around `r`: extended over [`is_code_char`]s, without
/// leading or trailing `.`, `-`, `/` (sentence punctuation, option dashes).
fn code_token(text: &str, r: &std::ops::Range<usize>) -> std::ops::Range<usize> {
    let mut start = r.start;
    while let Some(c) = text[..start]
        .chars()
        .next_back()
        .filter(|&c| is_code_char(c))
    {
        start -= c.len_utf8();
    }
    let mut end = r.end;
    while let Some(c) = text[end..].chars().next().filter(|&c| is_code_char(c)) {
        end += c.len_utf8();
    }
    while start < r.start && matches!(text.as_bytes()[start], b'.' | b'-' | b'/') {
        start += 1;
    }
    while end > r.end && matches!(text.as_bytes()[end - 1], b'.' | b'-' | b'/') {
        end -= 1;
    }
    start..end
}

/// Drop source matches that the target copies as code: the term is part of a longer code
/// token (`git checkout-index`, `--first-parent`, `core.autocrlf`, `remote-curl:`) or of
/// a two-word command (`git rebase`, `stash clear`), or a quoted name (`'merge'`), that
/// the target has verbatim. The
/// translator kept a name, not a term to render. A term kept verbatim on its own (`reflog`
/// in `管理 reflog 信息`) is still reported.
fn drop_copied_code(source: &str, target: &str, ms: &mut Vec<TermMatch>) {
    if ms.is_empty() || !target.bytes().any(|b| b.is_ascii_alphabetic()) {
        return;
    }
    ms.retain(|m| {
        let tok = code_token(source, &m.range);
        if tok != m.range && contains_code(target, &source[tok.clone()]) {
            return false;
        }
        // A quoted name (`'rebase'`, `"merge"`) that the target quotes the same way.
        let quoted = tok.start > 0
            && tok.end < source.len()
            && matches!(source.as_bytes()[tok.start - 1], b'\'' | b'"')
            && source.as_bytes()[tok.end] == source.as_bytes()[tok.start - 1];
        if quoted && target.contains(&source[tok.start - 1..tok.end + 1]) {
            return false;
        }
        // The token with the word before or after it, one space apart.
        let word_before = source[..tok.start].strip_suffix(' ').map(|head| {
            let w = code_token(head, &(head.len()..head.len()));
            w.start..tok.end
        });
        let word_after = source[tok.end..].strip_prefix(' ').map(|_| {
            let w = code_token(source, &(tok.end + 1..tok.end + 1));
            tok.start..w.end
        });
        for phrase in [word_before, word_after].into_iter().flatten() {
            let p = &source[phrase.clone()];
            if phrase.len() > tok.len() + 1
                && p.bytes().any(|b| b.is_ascii_alphabetic())
                && contains_code(target, p)
            {
                return false;
            }
        }
        true
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

/// Whether a Chinese rendering of three or more characters occurs with 的 inserted in it
/// (不可达对象 as 不可达的对象): the same term, written as a phrase.
fn rendered_with_de(target: &str, renderings: &[String]) -> bool {
    if !target.contains('的') {
        return false;
    }
    let plain: String = target.chars().filter(|&c| c != '的').collect();
    renderings.iter().any(|r| {
        r.chars().count() >= 3
            && r.chars().all(crate::lang::script::is_han)
            && !r.contains('的')
            && plain.contains(r.as_str())
    })
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
        || (!c.do_not_translate && rendered_with_de(target, &c.targets))
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
            &*f.message,
            "主机 is rendered \"host\"; \"mainframe\" is forbidden for it"
        );
        assert_eq!(f.side, Side::Target);
        let fix = f.fix.as_ref().unwrap();
        assert_eq!(&*fix.edits[0].replacement, "hosts");
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
        assert_eq!(
            &*f.message,
            "\"in term of\" is an error for \"in terms of\""
        );
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

    fn git_run(src: &str, tgt: &str) -> Vec<Diagnostic> {
        let g = Glossary::from_csv(
            "git.csv",
            "source,target\ncheckout,检出\nrebase,变基\nremote,远程\npack,包\nref,引用\n\
             parent,父提交\nhunk,补丁片段\nstash,贮藏区|贮藏\nmerge,合并\nunreachable objects,不可达对象\n\
             commit,提交\nfetch,获取\n"
                .as_bytes(),
            false,
        )
        .unwrap();
        let idx = TermIndex::build(&[g]);
        run_pair(
            Some(("en", src)),
            ("zh-CN", tgt),
            Some(&idx),
            &Options::default(),
        )
    }

    #[test]
    fn terms_inside_code_copied_to_the_target_are_not_missing() {
        // Real git.po entries: command names, options, config keys kept verbatim.
        for (src, tgt) in [
            (
                "git checkout-index [<options>] [--] [<file>...]",
                "git checkout-index [<选项>] [--] [<文件>...]",
            ),
            (
                "remote-curl: fetch attempted without a local repo",
                "remote-curl：尝试没有本地仓库下获取",
            ),
            (
                "'git multi-pack-index repack' failed",
                "'git multi-pack-index repack' 失败",
            ),
            (
                "git symbolic-ref [-q] [--short] [--no-recurse] <name>",
                "git symbolic-ref [-q] [--short] [--no-recurse] <名称>",
            ),
            (
                "git stash clear with arguments is unimplemented",
                "git stash clear 不支持参数",
            ),
            (
                "You may try updating the submodules using 'git checkout %s && git submodule update --init'",
                "你可以用 'git checkout %s && git submodule update --init' 来尝试更新子模组",
            ),
            (
                "another 'rebase' process appears to be running; '%s.lock' already exists",
                "另一个 'rebase' 进程似乎在运行；'%s.lock' 已存在",
            ),
            ("use the 'merge' update strategy", "使用 'merge' 更新策略"),
            (
                "path to git-upload-pack on the remote",
                "远程 git-upload-pack 路径",
            ),
        ] {
            let d = git_run(src, tgt);
            assert!(findings_of(&d, "term-missing").is_empty(), "{src}: {d:#?}");
        }
    }

    #[test]
    fn terms_with_de_inserted_are_rendered() {
        let d = git_run("keep unreachable objects", "维持不可达的对象");
        assert!(findings_of(&d, "term-missing").is_empty(), "{d:#?}");
    }

    #[test]
    fn real_misses_beside_copied_code_are_still_flagged() {
        // `hunk` rendered 块 instead of 补丁片段.
        let d = git_run(
            "Discard this hunk from index and worktree [y,n,q,a,d%s,?]? ",
            "从索引和工作区中丢弃该块 [y,n,q,a,d%s,?]? ",
        );
        assert_eq!(findings_of(&d, "term-missing"), ["hunk"]);
        // The command is copied, but the prose `rebase` later is not rendered.
        let d = git_run(
            "run \"git rebase --continue\" to rebase the rest",
            "执行 \"git rebase --continue\" 处理其余的",
        );
        assert_eq!(findings_of(&d, "term-missing"), ["rebase"]);
        // A term kept verbatim on its own is not code: still missing.
        let d = git_run("could not fetch %s", "无法 fetch %s");
        assert_eq!(findings_of(&d, "term-missing"), ["fetch"]);
        // A quoted name that the target translates inside the quotes is a rendering
        // question, not copied code.
        let d = git_run("the 'stash' entry", "“临时”条目");
        assert_eq!(findings_of(&d, "term-missing"), ["stash"]);
        // A target without any Latin letters copies no code.
        let d = git_run("git checkout-index failed", "检出索引失败");
        assert!(findings_of(&d, "term-missing").is_empty(), "{d:#?}");
        let d = git_run("the pack-objects process failed", "对象压缩进程失败");
        assert_eq!(findings_of(&d, "term-missing"), ["pack"]);
    }
}
