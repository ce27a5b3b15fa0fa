//! `url-mismatch`: URLs or e-mail addresses differ between source and target.

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

use super::{Check, Fixable, RuleMeta, SegmentCtx};
use crate::diagnostic::Severity;
use crate::lang::placeholders::url_spans;
use crate::segment::Side;

/// The `url-mismatch` rule.
pub static URL_MISMATCH: RuleMeta = RuleMeta {
    name: "url-mismatch",
    default_severity: Severity::Error,
    summary: "URLs or e-mail addresses differ between source and target",
    doc: "## What it does\n\
Every URL (`https://…`, `www.…`) and e-mail address of the source must appear in the\n\
target, and the target must not bring ones the source does not have. A trailing `/` and\n\
the case of scheme and host do not count. A localised address on the same host\n\
(`https://www.gnu.org/software/grep/` -> `https://www.gnu.org/software/grep/zh_CN/`) is\n\
accepted, and so is a different address in the sentence that tells where to report\n\
translation bugs (translators put their team's address there).\n\n\
## Why\n\
A mistyped link or address sends users nowhere, and nobody clicks every link in review.\n\n\
## Example\n\
`See https://git-scm.com/docs` -> `参见 https://git-scm.com/doc` is flagged.\n\n\
## Options\n\
None.\n\n\
## Fix safety\n\
No automatic fix.",
    fixable: Fixable::No,
};

/// Compares URLs and e-mail addresses.
pub struct UrlMismatch;

fn email_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
            .expect("email pattern")
    })
}

/// URLs and e-mail addresses of `text`, with their normalised form.
fn links(text: &str) -> Vec<(Range<usize>, String)> {
    let urls = url_spans(text);
    let mut out: Vec<(Range<usize>, String)> = urls
        .iter()
        .map(|r| (r.clone(), normalise_url(&text[r.clone()])))
        .collect();
    for m in email_re().find_iter(text) {
        if urls
            .iter()
            .any(|u| u.start <= m.start() && m.end() <= u.end)
        {
            continue;
        }
        // `user@host` right after letters of a word is part of something else
        let s = m.as_str().trim_start_matches('.');
        out.push((m.end() - s.len()..m.end(), s.to_ascii_lowercase()));
    }
    out.sort_by_key(|(r, _)| r.start);
    out
}

fn normalise_url(u: &str) -> String {
    let (scheme, rest) = match u.split_once("://") {
        Some((s, r)) => (s.to_ascii_lowercase(), r),
        None => ("http".to_string(), u),
    };
    let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let scheme = if scheme == "https" {
        "http".into()
    } else {
        scheme
    };
    let host = host.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    format!("{scheme}://{host}{}", path.trim_end_matches('/'))
}

fn host_of(norm: &str) -> &str {
    let rest = norm.split_once("://").map_or(norm, |(_, r)| r);
    rest.split('/').next().unwrap_or(rest)
}

/// Whether `t` is a localised form of `s`: same host, and the path extended or carrying a
/// language code.
fn localised(s: &str, t: &str) -> bool {
    if !s.contains("://") || host_of(s) != host_of(t) {
        return false;
    }
    let lower = t.to_ascii_lowercase();
    let added: String = if lower.starts_with(&s.to_ascii_lowercase()) {
        lower[s.len()..].to_string()
    } else {
        lower.clone()
    };
    added.contains("zh") || added.contains("/cn") || added.contains("chinese")
}

fn about_translation_bugs(source: &str) -> bool {
    let l = source.to_ascii_lowercase();
    l.contains("translation") && (l.contains("bug") || l.contains("report") || l.contains("error"))
        || l.contains("translationproject")
        || l.contains("translation team")
}

fn line_about_translation(text: &str, r: &Range<usize>) -> bool {
    let start = text[..r.start].rfind('\n').map_or(0, |i| i + 1);
    let end = text[r.end..].find('\n').map_or(text.len(), |i| r.end + i);
    let line = &text[start..end];
    line.contains("翻译") || line.contains("翻譯") || line.to_ascii_lowercase().contains("translat")
}

/// Whether `s` holds `://`, `@` or `www.` (one memchr pass over the `:`s and `.`s instead of
/// three substring searches: this runs on every segment).
fn may_hold_link(s: &str) -> bool {
    let b = s.as_bytes();
    memchr::memchr(b'@', b).is_some()
        || memchr::memchr2_iter(b':', b'.', b).any(|i| {
            if b[i] == b':' {
                b[i + 1..].starts_with(b"//")
            } else {
                b[..i].ends_with(b"www")
            }
        })
}

impl Check for UrlMismatch {
    fn rules(&self) -> &'static [&'static RuleMeta] {
        static RULES: [&RuleMeta; 1] = [&URL_MISMATCH];
        &RULES
    }

    fn prewarm(&self, _rules: &super::RuleSettings) {
        let _ = email_re();
    }

    fn check_segment(&self, ctx: &mut SegmentCtx<'_>) {
        if !ctx.enabled(&URL_MISMATCH) {
            return;
        }
        let (Some(source), Some(target)) = (ctx.source(), ctx.target()) else {
            return;
        };
        if target.is_empty() {
            return;
        }
        let (s, t) = (source.as_str(), target.as_str());
        if !(may_hold_link(s) || may_hold_link(t)) {
            return;
        }
        if about_translation_bugs(s) {
            return;
        }
        let sl = links(s);
        let tl = links(t);
        let mut used = vec![false; tl.len()];
        let mut missing = Vec::new();
        for (r, n) in &sl {
            let hit = (0..tl.len())
                .find(|&k| !used[k] && tl[k].1 == *n)
                .or_else(|| (0..tl.len()).find(|&k| tl[k].1 == *n))
                .or_else(|| (0..tl.len()).find(|&k| !used[k] && localised(n, &tl[k].1)));
            match hit {
                Some(k) => used[k] = true,
                None => missing.push(r.clone()),
            }
        }
        let extra: Vec<Range<usize>> = tl
            .iter()
            .enumerate()
            .filter(|(k, (_, n))| !used[*k] && !sl.iter().any(|(_, m)| m == n))
            // a line the translator added about reporting translation errors (请向 <…>
            // 报告翻译错误) names the translation team's address
            .filter(|(_, (r, _))| !line_about_translation(t, r))
            .map(|(_, (r, _))| r.clone())
            .collect();
        // one changed link: report it once, at the target, with the source as suggestion
        if missing.len() == 1 && extra.len() == 1 {
            let want = s[missing[0].clone()].to_string();
            if let Some(d) = ctx.report(
                &URL_MISMATCH,
                Side::Target,
                extra[0].clone(),
                format!("the source has `{want}` here"),
            ) {
                d.suggestion = Some(want);
            }
            return;
        }
        for r in missing {
            ctx.report(
                &URL_MISMATCH,
                Side::Source,
                r,
                "this address is missing from the translation",
            );
        }
        for r in extra {
            ctx.report(
                &URL_MISMATCH,
                Side::Target,
                r,
                "this address is not in the source",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::{findings_of, run_pair};
    use crate::config::Options;

    fn found(src: &str, tgt: &str) -> Vec<String> {
        let d = run_pair(Some(("en", src)), ("zh", tgt), None, &Options::default());
        findings_of(&d, "url-mismatch")
            .into_iter()
            .map(String::from)
            .collect()
    }

    #[test]
    fn flags_changed_and_lost_links() {
        assert_eq!(
            found(
                "See https://git-scm.com/docs for more.",
                "更多信息参见 https://git-scm.com/doc。"
            ),
            vec!["https://git-scm.com/doc"]
        );
        assert_eq!(
            found(
                "Mail bug-grep@gnu.org or see <https://www.gnu.org/software/grep/>.",
                "请参见 <https://www.gnu.org/software/grep/>。"
            ),
            vec!["bug-grep@gnu.org"]
        );
        assert_eq!(
            found(
                "Home page: <https://www.gnu.org/software/tar/>",
                "主页：<https://www.gnu.org/software/tar>\n另见 http://example.com"
            ),
            vec!["http://example.com"]
        );
    }

    #[test]
    fn accepts_kept_and_localised_links() {
        assert!(found(
            "General help using GNU software: <https://www.gnu.org/gethelp/>\n",
            "GNU 软件的通用帮助：<https://www.gnu.org/gethelp/>\n"
        )
        .is_empty());
        // Chinese right after the URL is not part of it
        assert!(found(
            "Visit https://example.org/x.",
            "访问https://example.org/x了解"
        )
        .is_empty());
        assert!(found(
            "Full documentation <https://www.gnu.org/software/coreutils/ls>",
            "完整文档 <https://www.gnu.org/software/coreutils/ls>"
        )
        .is_empty());
        assert!(found(
            "see https://www.gnu.org/licenses/gpl.html",
            "参见 https://www.gnu.org/licenses/gpl.zh-cn.html"
        )
        .is_empty());
        assert!(found(
            "Report bugs to: %s\n",
            "请向 <%s> 报告软件错误。\n请向 <i18n-zh@googlegroups.com> 报告翻译错误。\n"
        )
        .is_empty());
        assert_eq!(
            found(
                "GNU sed home page: <https://www.gnu.org/software/sed/>.",
                "GNU sed 主页：<https://www.gnu.org/software/sed/docs>。"
            ),
            vec!["https://www.gnu.org/software/sed/docs"]
        );
        assert!(found(
            "Report translation bugs to <https://translationproject.org/team/>\n",
            "请向 <i18n-zh@googlegroups.com> 报告翻译错误。\n"
        )
        .is_empty());
    }
}
