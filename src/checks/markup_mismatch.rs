//! `markup-mismatch`: XML/HTML tags and entity references differ between source and target.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

use super::{Check, Fixable, RuleMeta, SegmentCtx};
use crate::diagnostic::Severity;
use crate::segment::Side;

/// The `markup-mismatch` rule.
pub static MARKUP_MISMATCH: RuleMeta = RuleMeta {
    name: "markup-mismatch",
    default_severity: Severity::Error,
    summary: "XML/HTML tags or XLIFF inline codes differ",
    doc: "## What it does\n\
Compares the tags of source and target: every opening, closing and empty tag of the source\n\
(`<b>`, `</a>`, `<br/>`) must be in the target, with the same link (`href`, `src`), and the\n\
target must not bring tags of its own. Order may change. Where the source has markup, a bare\n\
`&` in the target that starts no entity reference (`&amp;`, `&#169;`) is flagged too: it\n\
breaks the parser (GTK/Pango markup, HTML).\n\n\
Usage metavariables are not markup: `<file>` or `[<options>]` in a `--help` text, never\n\
closed, without attributes, may be translated (`<文件>`). A tag counts as markup when it\n\
is closed in the same text, has attributes, is empty (`<br/>`), or is a known void or\n\
formatting element (`<br>`, `<b>`, `<i>`, `<p>`...).\n\n\
## Why\n\
A lost closing tag breaks the layout of a whole page or dialog; an extra one may stop the\n\
string from rendering at all.\n\n\
## Example\n\
`<b>Warning:</b> disk full` -> `<b>警告：磁盘已满` is flagged (`</b>` is missing).\n\n\
## Options\n\
None.\n\n\
## Fix safety\n\
No automatic fix.",
    fixable: Fixable::No,
};

/// Compares markup.
pub struct MarkupMismatch;

fn tag_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(
            r#"<(/?)([A-Za-z][A-Za-z0-9:_.-]*)((?:\s+[A-Za-z_:][-A-Za-z0-9_:.]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']+))?)*)\s*(/?)>"#,
        )
        .expect("tag pattern")
    })
}

fn entity_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")
            .expect("entity pattern")
    })
}

/// Elements that are markup even unpaired.
const KNOWN: &[&str] = &[
    "b",
    "i",
    "u",
    "s",
    "a",
    "br",
    "hr",
    "p",
    "img",
    "span",
    "small",
    "big",
    "tt",
    "sub",
    "sup",
    "em",
    "strong",
    "kbd",
    "ul",
    "ol",
    "li",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "tr",
    "td",
    "th",
    "pre",
    "blockquote",
    "font",
    "markup",
    "emphasis",
    "literal",
    "ph",
    "x",
    "g",
    "bx",
    "ex",
    "bpt",
    "ept",
    "it",
    "mrk",
];

/// Attributes whose value must be kept.
const KEPT_ATTRS: &[&str] = &[
    "href",
    "src",
    "id",
    "class",
    "name",
    "ref",
    "rid",
    "foreground",
    "background",
    "color",
    "weight",
    "style",
    "font",
    "size",
];

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Tag {
    closing: bool,
    empty: bool,
    name: String,
    kept: String,
}

fn tags(text: &str) -> Vec<(Range<usize>, Tag)> {
    let raw: Vec<(Range<usize>, Tag, bool)> = tag_re()
        .captures_iter(text)
        .map(|c| {
            let m = c.get(0).map_or(0..0, |m| m.range());
            let attrs = c.get(3).map_or("", |m| m.as_str());
            let kept = kept_attrs(attrs);
            let tag = Tag {
                closing: !c[1].is_empty(),
                empty: !c[4].is_empty(),
                name: c[2].to_ascii_lowercase(),
                kept,
            };
            // `<new host name>` is a metavariable: attributes of markup have values
            let has_attrs = attrs.contains('=');
            (m, tag, has_attrs)
        })
        .collect();
    let mut out = Vec::new();
    for (r, t, has_attrs) in &raw {
        let closed_here = raw
            .iter()
            .any(|(_, o, _)| o.name == t.name && o.closing != t.closing);
        let markup = closed_here || t.empty || *has_attrs || KNOWN.contains(&t.name.as_str());
        if markup {
            out.push((r.clone(), t.clone()));
        }
    }
    out
}

fn kept_attrs(attrs: &str) -> String {
    static R: OnceLock<Regex> = OnceLock::new();
    let re = R.get_or_init(|| {
        Regex::new(r#"([A-Za-z_:][-A-Za-z0-9_:.]*)\s*=\s*("[^"]*"|'[^']*'|[^\s>"']+)"#)
            .expect("attribute pattern")
    });
    let mut kept: Vec<String> = re
        .captures_iter(attrs)
        .filter(|c| KEPT_ATTRS.contains(&c[1].to_ascii_lowercase().as_str()))
        .map(|c| {
            format!(
                "{}={}",
                c[1].to_ascii_lowercase(),
                c[2].trim_matches(['"', '\''])
            )
        })
        .collect();
    kept.sort();
    kept.join(" ")
}

fn show(t: &Tag) -> String {
    format!(
        "<{}{}{}{}>",
        if t.closing { "/" } else { "" },
        t.name,
        if t.kept.is_empty() {
            String::new()
        } else {
            format!(" {}", t.kept)
        },
        if t.empty { "/" } else { "" }
    )
}

impl Check for MarkupMismatch {
    fn rules(&self) -> &'static [&'static RuleMeta] {
        static RULES: [&RuleMeta; 1] = [&MARKUP_MISMATCH];
        &RULES
    }

    fn prewarm(&self, _rules: &super::RuleSettings) {
        let _ = (tag_re(), entity_re());
    }

    fn check_segment(&self, ctx: &mut SegmentCtx<'_>) {
        if !ctx.enabled(&MARKUP_MISMATCH) {
            return;
        }
        let (Some(source), Some(target)) = (ctx.source(), ctx.target()) else {
            return;
        };
        let (s, t) = (source.as_str(), target.as_str());
        // The vectorised `memchr` searches, one pass over the source for both bytes (the
        // standard library's `contains` of a character is a slower byte search).
        if t.is_empty()
            || !(memchr::memchr2(b'<', b'&', s.as_bytes()).is_some()
                || memchr::memchr(b'<', t.as_bytes()).is_some())
        {
            return;
        }
        let st = tags(s);
        let tt_all = tags(t);
        // Without markup in the source, a target tag of an unknown element is prose.
        let tt: Vec<(Range<usize>, Tag)> = tt_all
            .into_iter()
            .filter(|(_, tag)| {
                !st.is_empty()
                    || KNOWN.contains(&tag.name.as_str())
                    || tag.empty
                    || !tag.kept.is_empty()
            })
            .collect();
        let mut want: BTreeMap<&Tag, Vec<&Range<usize>>> = BTreeMap::new();
        for (r, tag) in &st {
            want.entry(tag).or_default().push(r);
        }
        let mut have: BTreeMap<&Tag, Vec<&Range<usize>>> = BTreeMap::new();
        for (r, tag) in &tt {
            have.entry(tag).or_default().push(r);
        }
        let mut findings: Vec<(Side, Range<usize>, String)> = Vec::new();
        for (tag, rs) in &want {
            let n = have.get(tag).map_or(0, |v| v.len());
            for r in rs.iter().skip(n) {
                findings.push((
                    Side::Source,
                    (*r).clone(),
                    format!("`{}` is missing from the translation", show(tag)),
                ));
            }
        }
        for (tag, rs) in &have {
            let n = want.get(tag).map_or(0, |v| v.len());
            for r in rs.iter().skip(n) {
                findings.push((
                    Side::Target,
                    (*r).clone(),
                    format!("`{}` is not in the source", show(tag)),
                ));
            }
        }
        // bare ampersands where the source is markup
        // A source that talks about markup (a parser's error message) is prose.
        let lower = s.to_ascii_lowercase();
        let talks_about_markup = lower.contains("ampersand") || lower.contains("entit");
        let source_is_markup = (!st.is_empty() || entity_re().is_match(s))
            && !talks_about_markup
            && s.match_indices('&')
                .all(|(i, _)| entity_re().find_at(s, i).is_some_and(|m| m.start() == i));
        if source_is_markup {
            let ents: Vec<Range<usize>> = entity_re().find_iter(t).map(|m| m.range()).collect();
            for (i, _) in t.match_indices('&') {
                if ents.iter().any(|r| r.start == i) {
                    continue;
                }
                findings.push((
                    Side::Target,
                    i..i + 1,
                    "bare `&` in markup: write `&amp;`".into(),
                ));
            }
        }
        for (side, r, msg) in findings {
            ctx.report(&MARKUP_MISMATCH, side, r, msg);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::{findings_of, run_pair};
    use crate::config::Options;

    proptest::proptest! {
        /// The gate's `memchr` searches answer what the three `str::contains` did.
        #[test]
        fn gate_searches_agree_with_contains(
            s in "[a-z<&;中 ]{0,40}",
            t in "[a-z<&;中 ]{0,40}",
        ) {
            let by_contains = s.contains('<') || s.contains('&') || t.contains('<');
            let by_memchr = memchr::memchr2(b'<', b'&', s.as_bytes()).is_some()
                || memchr::memchr(b'<', t.as_bytes()).is_some();
            proptest::prop_assert_eq!(by_memchr, by_contains);
        }
    }

    fn found(src: &str, tgt: &str) -> Vec<String> {
        let d = run_pair(Some(("en", src)), ("zh", tgt), None, &Options::default());
        findings_of(&d, "markup-mismatch")
            .into_iter()
            .map(String::from)
            .collect()
    }

    #[test]
    fn flags_lost_and_added_tags() {
        assert_eq!(
            found("<b>Warning:</b> disk full", "<b>警告：磁盘已满"),
            vec!["</b>"]
        );
        assert_eq!(
            found(
                "Click <a href=\"https://a.org/x\">here</a>.",
                "点击<a href=\"https://a.org/y\">这里</a>。"
            ),
            vec![
                "<a href=\"https://a.org/x\">",
                "<a href=\"https://a.org/y\">"
            ]
        );
        assert_eq!(
            found("Save the file", "<i>保存</i>文件"),
            vec!["<i>", "</i>"]
        );
    }

    #[test]
    fn accepts_moved_tags_and_translated_attributes() {
        assert!(found(
            "Do you want to <b>delete</b> the file <i>%s</i>?",
            "您确定要<b>删除</b>文件 <i>%s</i> 吗？"
        )
        .is_empty());
        assert!(found(
            "<span weight=\"bold\">Name</span>",
            "<span weight=\"bold\">名称</span>"
        )
        .is_empty());
        assert!(found(
            "<a title=\"Home page\" href=\"/\">Home</a>",
            "<a href=\"/\" title=\"主页\">主页</a>"
        )
        .is_empty());
    }

    #[test]
    fn usage_metavariables_are_not_markup() {
        assert!(found(
            "usage: git add [<options>] [--] <pathspec>...",
            "用法：git add [‹选项>] [--] ‹路径规格>..."
        )
        .is_empty());
        assert!(found("Usage: %s <file>", "用法：%s <文件>").is_empty());
        assert!(found("%s [options] <new host name>", "%s [选项] <新主机名>").is_empty());
        assert!(found("<standard input>", "<标准输入>").is_empty());
    }

    #[test]
    fn bare_ampersand_in_markup() {
        assert_eq!(
            found("<b>Save &amp; Quit</b>", "<b>保存 & 退出</b>"),
            vec!["&"]
        );
        assert!(found("<b>Save &amp; Quit</b>", "<b>保存并退出</b>").is_empty());
        // a message about entities is prose
        assert!(found(
            "Entity did not end with a semicolon; escape ampersand as &amp;",
            "实体没有以分号结束。很可能您使用了与号（&）字符——将这个与号变为 &amp;"
        )
        .is_empty());
        // plain text: an ampersand is an ampersand
        assert!(found("Save & Quit", "保存 & 退出").is_empty());
    }
}
