//! `placeholder-mismatch`: printf, Python, ICU, Qt, Ruby and shell placeholders differ
//! between source and target.

use std::collections::{BTreeMap, BTreeSet};

use super::{Check, Fixable, RuleMeta, SegmentCtx};
use crate::diagnostic::Severity;
use crate::lang::placeholders::{
    extract_pair, may_hold_placeholder, Family, Formats, Placeholder, Slot,
};
use crate::segment::Side;

/// The `placeholder-mismatch` rule.
pub static PLACEHOLDER_MISMATCH: RuleMeta = RuleMeta {
    name: "placeholder-mismatch",
    default_severity: Severity::Error,
    summary:
        "printf, Python, ICU/Java, Qt, Ruby etc. placeholders differ between source and target",
    doc: "## What it does\n\
Compares the placeholders of the source and the target: printf (`%s`, `%1$s`, `%-10lu`,\n\
`%<PRIdMAX>`; `%%` is a literal), Python (`%(name)s`, `{name}`, `{0}`), ICU MessageFormat\n\
arguments (`{count, plural, ...}`), Qt (`%1`), Ruby (`%{x}`) and shell (`${x}`, `$HOME`).\n\
The segment's flags (PO `c-format`, `python-format`, `python-brace-format`, `qt-format`,\n\
`no-c-format`...) decide which syntaxes apply; without flags they are guessed, and a\n\
strftime pattern (`%b %d, %Y`) is not taken for printf.\n\n\
Positional placeholders (`%1$s`, `%2`, `{0}`, named ones) may be reordered; a count or type\n\
change is an error; placeholders that take the next argument (`%s %d`) must keep their\n\
order. Field width on a string (`%-20s` -> `%-16s`, realigned for double-width Chinese) is\n\
layout; flags, zero padding and precision on numbers (`%06ld`, `%.2f`) are not. A full-width\n\
`％s`, a translated `{名称}` or, under a printf flag, a stray `%` is a broken placeholder.\n\
The plural branches of an ICU message may differ (Chinese needs only `other`).\n\n\
## Why\n\
A lost or changed placeholder crashes the program or prints garbage; CI on a translation\n\
repository exists mostly to catch this.\n\n\
## Example\n\
`Deleted %s (%d files)` -> `已删除 %d 个文件（%s）` is flagged: the arguments are swapped\n\
without positions; `已删除 %2$d 个文件（%1$s）` is right.\n\n\
## Options\n\
None; the flags of each segment choose the syntax.\n\n\
## Fix safety\n\
No automatic fix.",
    fixable: Fixable::No,
};

/// Compares placeholders.
pub struct PlaceholderMismatch;

impl Check for PlaceholderMismatch {
    fn rules(&self) -> &'static [&'static RuleMeta] {
        static RULES: [&RuleMeta; 1] = [&PLACEHOLDER_MISMATCH];
        &RULES
    }

    fn check_segment(&self, ctx: &mut SegmentCtx<'_>) {
        if !ctx.enabled(&PLACEHOLDER_MISMATCH) {
            return;
        }
        let (Some(source), Some(target)) = (ctx.source(), ctx.target()) else {
            return;
        };
        if target.is_empty() || source.is_empty() {
            return;
        }
        // Neither text can hold a placeholder (most segments): nothing to extract, and the
        // formats need not be worked out.
        if !may_hold_placeholder(source.as_str()) && !may_hold_placeholder(target.as_str()) {
            return;
        }
        let formats = Formats::for_segment(ctx.seg.flags(), source.as_str());
        let (src, tgt) = extract_pair(source.as_str(), target.as_str(), &formats);
        if src.is_empty() && tgt.is_empty() {
            return;
        }
        // Languages with more than one plural form may leave the number out of a form
        // that covers a single number ("one"); Chinese has one form covering all.
        let lenient_missing = ctx.seg.plural_index().is_some()
            && !ctx
                .lang(Side::Target)
                .is_some_and(|l| l.is_cjk() || matches!(l.primary(), "vi" | "th" | "id" | "ms"));
        if same_arguments(&src, &tgt) {
            return;
        }
        for finding in compare(&src, &tgt, &formats, lenient_missing) {
            let (side, range) = match finding.at {
                At::Source(r) => (Side::Source, r),
                At::Target(r) => (Side::Target, r),
            };
            let suggestion = finding.suggestion.clone();
            if let Some(d) = ctx.report(&PLACEHOLDER_MISMATCH, side, range, finding.message) {
                d.suggestion = suggestion;
            }
        }
    }
}

enum At {
    Source(std::ops::Range<usize>),
    Target(std::ops::Range<usize>),
}

struct Finding {
    at: At,
    message: String,
    suggestion: Option<String>,
}

/// Argument slots of one family: positional map and named set.
struct Args<'a> {
    by_pos: BTreeMap<u32, Vec<&'a Placeholder>>,
    named: BTreeMap<&'a str, Vec<&'a Placeholder>>,
    no_arg: BTreeMap<&'a str, Vec<&'a Placeholder>>,
    mixed: Option<&'a Placeholder>,
    positional: bool,
}

fn args<'a>(ps: &[&'a Placeholder]) -> Args<'a> {
    let positional = ps.iter().any(|p| matches!(p.slot, Slot::Pos(_)));
    let mut a = Args {
        by_pos: BTreeMap::new(),
        named: BTreeMap::new(),
        no_arg: BTreeMap::new(),
        mixed: None,
        positional,
    };
    let mut next = 0u32;
    for p in ps {
        match &p.slot {
            Slot::Next => {
                if positional && p.family == Family::Printf {
                    a.mixed.get_or_insert(p);
                }
                next += 1;
                a.by_pos.entry(next).or_default().push(p);
            }
            Slot::Pos(n) => a.by_pos.entry(*n).or_default().push(p),
            Slot::Name(n) => a.named.entry(n.as_str()).or_default().push(p),
            Slot::None => a.no_arg.entry(p.spec.as_str()).or_default().push(p),
        }
    }
    a
}

/// Whether [`compare`] finds nothing for certain, whatever the formats: the target has
/// the source's placeholders in the same order (same family, argument and type), none is
/// broken, no printf family mixes positional and non-positional ones, and no argument (a
/// position, counted or written, or a name) is taken twice within a family. Most
/// segments with placeholders are such, and then the maps of `compare` are not built.
fn same_arguments(src: &[Placeholder], tgt: &[Placeholder]) -> bool {
    /// More placeholders than this: left to `compare` (the check below is quadratic).
    const MAX: usize = 16;
    if src.len() != tgt.len() || src.len() > MAX {
        return false;
    }
    let same = src.iter().zip(tgt).all(|(p, q)| {
        p.broken.is_none()
            && q.broken.is_none()
            && p.family == q.family
            && p.slot == q.slot
            && p.spec == q.spec
    });
    if !same {
        return false;
    }
    // The argument each takes, as `args` counts it: `Next` is the next position of its
    // family.
    let mut keys: [Option<(Family, Option<u32>, &str)>; MAX] = [None; MAX];
    let mut next = [0u32; 5];
    let (mut printf_pos, mut printf_next) = (false, false);
    for (k, p) in src.iter().enumerate() {
        let fam = p.family as usize;
        let key = match &p.slot {
            Slot::Next => {
                next[fam] += 1;
                printf_next |= p.family == Family::Printf;
                (p.family, Some(next[fam]), "")
            }
            Slot::Pos(n) => {
                printf_pos |= p.family == Family::Printf;
                (p.family, Some(*n), "")
            }
            Slot::Name(n) => (p.family, None, n.as_str()),
            // No argument: counted per type, equal counts on both sides.
            Slot::None => continue,
        };
        if keys[..k].contains(&Some(key)) {
            return false;
        }
        keys[k] = Some(key);
    }
    !(printf_pos && printf_next)
}

fn compare(src: &[Placeholder], tgt: &[Placeholder], f: &Formats, lenient: bool) -> Vec<Finding> {
    let mut out = Vec::new();
    for p in tgt {
        // without a flag, a broken form counts where the source uses that syntax
        let relevant = match p.family {
            Family::Printf => f.strict || src.iter().any(|q| q.family == Family::Printf),
            Family::Brace => f.brace_flagged || src.iter().any(|q| q.family == Family::Brace),
            fam => src.iter().any(|q| q.family == fam),
        };
        if !relevant {
            continue;
        }
        if let Some(why) = p.broken {
            out.push(Finding {
                at: At::Target(p.range.clone()),
                message: format!("broken placeholder: {why}"),
                suggestion: None,
            });
        }
    }
    let families: BTreeSet<Family> = src.iter().chain(tgt).map(|p| p.family).collect();
    for fam in families {
        let s: Vec<&Placeholder> = src
            .iter()
            .filter(|p| p.family == fam && p.broken.is_none())
            .collect();
        let t: Vec<&Placeholder> = tgt
            .iter()
            .filter(|p| p.family == fam && p.broken.is_none())
            .collect();
        let broken_in_target = tgt.iter().any(|p| p.family == fam && p.broken.is_some());
        // Without a flag, a syntax the source does not use is not checked in the target:
        // `{` or `$X` in a translation may be prose.
        if s.is_empty() && !f.strict && fam != Family::Printf {
            continue;
        }
        if s.is_empty() && fam == Family::Printf && !f.strict {
            // the source has no printf directive: a `%s` appearing in the target is still
            // wrong, but only flag unmistakable ones
            for p in &t {
                if matches!(p.spec.as_str(), "s" | "d" | "ld" | "lu" | "u") {
                    out.push(Finding {
                        at: At::Target(p.range.clone()),
                        message: "placeholder not in the source".into(),
                        suggestion: None,
                    });
                }
            }
            continue;
        }
        let sa = args(&s);
        let ta = args(&t);
        if let Some(p) = ta.mixed {
            out.push(Finding {
                at: At::Target(p.range.clone()),
                message: "positional and non-positional placeholders are mixed".into(),
                suggestion: None,
            });
            continue;
        }
        // positions (printf/Qt/brace numbers and the implicit order of `%s`)
        let all_pos: BTreeSet<u32> = sa.by_pos.keys().chain(ta.by_pos.keys()).copied().collect();
        let brace_or_qt = matches!(fam, Family::Brace | Family::Qt);
        for pos in all_pos {
            let sp = sa.by_pos.get(&pos);
            let tp = ta.by_pos.get(&pos);
            match (sp, tp) {
                (Some(sp), None) => {
                    if lenient || broken_in_target {
                        continue;
                    }
                    let p = sp[0];
                    out.push(Finding {
                        at: At::Source(p.range.clone()),
                        message: if brace_or_qt || sa.positional {
                            "placeholder missing from the translation".to_string()
                        } else {
                            format!("the translation has fewer {} placeholders", fam.name())
                        },
                        suggestion: None,
                    });
                }
                (None, Some(tp)) => {
                    let p = tp[0];
                    out.push(Finding {
                        at: At::Target(p.range.clone()),
                        message: "placeholder not in the source".into(),
                        suggestion: None,
                    });
                }
                (Some(sp), Some(tp)) => {
                    let want = &sp[0].spec;
                    if let Some(bad) = tp.iter().find(|p| &p.spec != want) {
                        let ordered = !sa.positional && !ta.positional;
                        out.push(Finding {
                            at: At::Target(bad.range.clone()),
                            message: if ordered
                                && s.iter().any(|p| p.spec == bad.spec)
                            {
                                format!(
                                    "placeholders reordered without positions: argument {pos} is `{}` in the source (use `%N$…` to reorder)",
                                    want
                                )
                            } else {
                                format!(
                                    "argument {pos} changed type: `{}` in the source, `{}` here",
                                    want, bad.spec
                                )
                            },
                            suggestion: None,
                        });
                    }
                }
                (None, None) => {}
            }
        }
        // named arguments: order free, the set and types must match
        for (name, sp) in &sa.named {
            match ta.named.get(name) {
                None => {
                    if lenient || broken_in_target {
                        continue;
                    }
                    out.push(Finding {
                        at: At::Source(sp[0].range.clone()),
                        message: format!("placeholder `{name}` missing from the translation"),
                        suggestion: None,
                    });
                }
                Some(tp) => {
                    let want = &sp[0].spec;
                    if let Some(bad) = tp.iter().find(|p| &p.spec != want) {
                        out.push(Finding {
                            at: At::Target(bad.range.clone()),
                            message: format!(
                                "`{name}` changed type: `{want}` in the source, `{}` here",
                                bad.spec
                            ),
                            suggestion: None,
                        });
                    }
                }
            }
        }
        for (name, tp) in &ta.named {
            if !sa.named.contains_key(name) {
                out.push(Finding {
                    at: At::Target(tp[0].range.clone()),
                    message: format!("placeholder `{name}` is not in the source"),
                    suggestion: None,
                });
            }
        }
        // argument-less directives (`%m`)
        for (spec, sp) in &sa.no_arg {
            let n = ta.no_arg.get(spec).map_or(0, |v| v.len());
            if n < sp.len() && !lenient {
                out.push(Finding {
                    at: At::Source(sp[n].range.clone()),
                    message: format!("`%{spec}` missing from the translation"),
                    suggestion: None,
                });
            }
        }
        for (spec, tp) in &ta.no_arg {
            let n = sa.no_arg.get(spec).map_or(0, |v| v.len());
            if tp.len() > n {
                out.push(Finding {
                    at: At::Target(tp[n].range.clone()),
                    message: format!("`%{spec}` is not in the source"),
                    suggestion: None,
                });
            }
        }
    }
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use crate::checks::testing::{findings_of, run_pair};
    use crate::checks::{registry, RuleSettings, RunCtx, SegmentCtx};
    use crate::config::Options;
    use crate::diagnostic::Diagnostic;
    use crate::lang::Lang;
    use crate::segment::{Document, Escaping, Segment, SourceFile, Text};
    use std::sync::Arc;

    /// Run every check on one segment that carries `flags` and a plural index.
    pub(crate) fn run_segment(
        source: (&str, &str),
        target: (&str, &str),
        flags: &[&str],
        plural_index: Option<usize>,
    ) -> Vec<Diagnostic> {
        let files = vec![
            Arc::new(SourceFile::new(
                "src.txt",
                source.1.to_string(),
                Escaping::None,
            )),
            Arc::new(SourceFile::new(
                "tgt.txt",
                target.1.to_string(),
                Escaping::None,
            )),
        ];
        let seg = Segment {
            id: "1".into(),
            source: Some(Text::verbatim(source.1, 0, 0)),
            target: Some(Text::verbatim(target.1, 1, 0)),
            ..Default::default()
        }
        .with_flags(flags.iter().map(|f| f.to_string()).collect())
        .with_plural_index(plural_index);
        let doc = Document {
            files,
            format: "po",
            source_lang: Lang::parse(source.0),
            target_lang: Lang::parse(target.0),
            segments: vec![seg],
        };
        let settings = RuleSettings::defaults();
        let options = Options::default();
        let run = RunCtx {
            rules: &settings,
            terms: None,
            options: &options,
        };
        let mut out = Vec::new();
        for check in registry() {
            let mut ctx = SegmentCtx::new(&run, &doc, &doc.segments[0], &mut out);
            check.check_segment(&mut ctx);
        }
        out
    }

    fn found(src: &str, tgt: &str) -> Vec<String> {
        let d = run_pair(Some(("en", src)), ("zh", tgt), None, &Options::default());
        findings_of(&d, "placeholder-mismatch")
            .into_iter()
            .map(String::from)
            .collect()
    }

    fn found_flags(src: &str, tgt: &str, flags: &[&str], plural: Option<usize>) -> Vec<String> {
        let d = run_segment(("en", src), ("zh", tgt), flags, plural);
        findings_of(&d, "placeholder-mismatch")
            .into_iter()
            .map(String::from)
            .collect()
    }

    #[test]
    fn flags_a_lost_printf_argument() {
        assert_eq!(found("Removed %s from %s.", "已从 %s 移除。"), vec!["%s"]);
        assert_eq!(
            found_flags(
                "could not open '%s' for writing",
                "无法打开写入",
                &["c-format"],
                None
            ),
            vec!["%s"]
        );
    }

    #[test]
    fn accepts_faithful_printf() {
        assert!(found("Deleted branch %s (was %s).", "已删除分支 %s（曾为 %s）。").is_empty());
        assert!(found_flags("%d%% complete", "已完成 %d%%", &["c-format"], None).is_empty());
        assert!(found("cannot stat '%s': %m", "无法获取“%s”的状态：%m").is_empty());
        assert!(found("%s: %<PRIdMAX> bytes", "%s：%<PRIdMAX> 字节").is_empty());
        // precision on strings truncates; msgfmt accepts a change
        assert!(found(
            "error reading %s from file %.255s",
            "无法从文件 %2$s 读取 %1$s"
        )
        .is_empty());
        assert!(found(
            "Invalid pathspec magic '%.*s' in '%s'",
            "在路径规格 '%3$s' 中无效的神奇前缀 '%2$.*1$s'"
        )
        .is_empty());
        // prose, not directives
        assert!(found("Invalid %-encoding in URI", "URI 中无效的 %-编码").is_empty());
        assert!(found("%-e %b", "%-m月%-d日").is_empty());
        assert!(found(
            "%XCannot export %s: symbol not found\n",
            "%X不能导出 %s：找不到符号\n"
        )
        .is_empty());
        assert!(found("%c%s... %llu/%llus", "%c%s... %llu/%llu秒").is_empty());
        // glued but still directives
        assert!(found("%sDate:      %s", "%s日期：  %s").is_empty());
        assert!(found("%shint: %.*s%s\n", "%s提示：%.*s%s\n").is_empty());
        assert_eq!(found("%s (every %gs)\n", "%g (每 %ss)\n").len(), 2);
        assert_eq!(
            found("cannot chmod %cx '%s'", "不能 chmod %sx '%c'").len(),
            2
        );
    }

    #[test]
    fn positional_reordering_is_fine_plain_swap_is_not() {
        assert!(found(
            "Renamed %s to %s (%d files).",
            "已重命名 %1$s 为 %2$s（%3$d 个文件）。"
        )
        .is_empty());
        assert!(found("%s has %d files", "%2$d 个文件在 %1$s 中").is_empty());
        let f = found("%s has %d files", "%d 个文件在 %s 中");
        assert_eq!(f.len(), 2);
        assert!(!found("%1$s has %2$d files", "%2$d 个文件在 %s 中").is_empty());
    }

    #[test]
    fn real_catalog_errors() {
        // libapt-pkg: a directive with no argument behind it
        assert_eq!(
            found("Invalid file format", "无效的文件格式 %s"),
            vec!["%s"]
        );
        // shadow: SEC rendered as %s
        assert_eq!(
            found(
                "  -l, --lock-secs SEC           after failed login lock account for SEC seconds\n",
                "  -l, --lock-secs SEC           登录失败后临时锁定账户 %s 秒\n"
            ),
            vec!["%s"]
        );
        // libc: `%1%s` for `%1$s`
        assert!(!found(
            "`%1$s' definition does not end with `END %1$s'",
            "对“%1$s”的定义并不以“END %1%s”结束"
        )
        .is_empty());
    }

    #[test]
    fn type_changes_and_number_formatting() {
        assert_eq!(found("%d files", "%s 个文件"), vec!["%s"]);
        assert_eq!(found("size: %06ld", "大小：%6ld"), vec!["%6ld"]);
        assert_eq!(found("%.2f%%", "%.1f%%"), vec!["%.1f"]);
        // width on strings is layout
        assert!(found("  %-20s %s", "  %-16s %s").is_empty());
    }

    #[test]
    fn stray_percent_under_c_format() {
        assert_eq!(
            found_flags("%d%% done", "已完成 %d%", &["c-format"], None),
            vec!["%"]
        );
        // without a flag, prose percent signs are left alone
        assert!(found("Battery at 100%", "电池电量 100%").is_empty());
    }

    #[test]
    fn full_width_and_translated_placeholders() {
        let f = found("Deleted %s.", "已删除％s。");
        assert!(f.contains(&"％s".to_string()));
        let f = found_flags(
            "Hello {name}",
            "你好 {名称}",
            &["python-brace-format"],
            None,
        );
        // reported once, at the broken placeholder
        assert_eq!(f, vec!["{名称}"]);
    }

    #[test]
    fn python_named_and_brace() {
        assert!(found_flags(
            "%(count)d files in %(dir)s",
            "%(dir)s 中有 %(count)d 个文件",
            &["python-format"],
            None
        )
        .is_empty());
        assert_eq!(
            found_flags(
                "%(count)d files",
                "%(count)s 个文件",
                &["python-format"],
                None
            ),
            vec!["%(count)s"]
        );
        assert!(found("{0} of {1}", "第 {0} 个，共 {1} 个").is_empty());
        assert!(found("{1} of {0}", "{0} 中的 {1}").is_empty());
        assert_eq!(found("Open {file}", "打开 {fiel}").len(), 2);
    }

    #[test]
    fn icu_plural_with_only_other() {
        assert!(found(
            "{count, plural, one {# file} other {# files}}",
            "{count, plural, other {# 个文件}}"
        )
        .is_empty());
        assert!(!found(
            "{count, plural, one {# file} other {# files}}",
            "{num, plural, other {# 个文件}}"
        )
        .is_empty());
        assert!(!found(
            "{count, plural, one {# file in {dir}} other {# files in {dir}}}",
            "{count, plural, other {# 个文件}}"
        )
        .is_empty());
    }

    #[test]
    fn qt_ruby_shell() {
        assert!(found("Copy %1 to %2", "将 %2 复制到 %1").is_empty());
        assert_eq!(found("Copy %1 to %2", "复制 %1"), vec!["%2"]);
        assert!(found("Hello %{user}", "你好 %{user}").is_empty());
        assert_eq!(found("Hello %{user}", "你好 %{用户}").len(), 1);
        assert!(found("Set ${HOME}", "设置 ${HOME}").is_empty());
        assert_eq!(found("Set $HOME first", "先设置主目录"), vec!["$HOME"]);
        assert_eq!(
            found(
                "only ${VARNAME} expansion is supported",
                "只支持 ${变量名} 扩展"
            ),
            vec!["${变量名}"]
        );
    }

    #[test]
    fn metavariables_in_braces_are_not_placeholders_without_a_flag() {
        assert!(found(
            "  {INTEGER}          repeat the previous pattern",
            "  {整数}             重复前面的模式"
        )
        .is_empty());
        assert!(found(
            "missing right brace on \\x{HEXNUMBER}",
            "在 \\x{十六进制数} 处缺少右大括号"
        )
        .is_empty());
        // but a translated name next to real placeholders is broken
        assert_eq!(
            found("{count} files in {dir}", "{dir} 中有 {数量} 个文件"),
            vec!["{数量}"]
        );
    }

    #[test]
    fn strftime_is_not_printf() {
        assert!(found("%b %d, %Y", "%Y年%m月%d日").is_empty());
        assert!(found("%H:%M:%S", "%H时%M分%S秒").is_empty());
    }

    #[test]
    fn plural_entries_compare_with_the_plural_source() {
        // msgstr[0] of a Chinese catalog answers msgid_plural
        assert!(found_flags("%d files", "%d 个文件", &["c-format"], Some(0)).is_empty());
        assert_eq!(
            found_flags("%d files", "一些文件", &["c-format"], Some(0)),
            vec!["%d"]
        );
    }

    #[test]
    fn no_c_format_turns_printf_off() {
        assert!(found_flags("100%s sure", "100% 确定", &["no-c-format"], None).is_empty());
    }

    /// Placeholder-rich pieces of text: every family, positions, names, broken forms,
    /// the same argument twice, mixed positional and non-positional printf.
    const PIECES: &[&str] = &[
        "%s",
        "%d",
        "%1$s",
        "%2$d",
        "%1$d",
        "%(name)s",
        "%(name)d",
        "{0}",
        "{1}",
        "{name}",
        "{}",
        "%1",
        "%2",
        "%L1",
        "$HOME",
        "${x}",
        "%{x}",
        "%m",
        "%%",
        "％s",
        "｛名称｝",
        "%-5s",
        "%05d",
        "%.*s",
        "%lu",
        "{n, plural, other {# files}}",
        " ",
        "文件",
        "a",
        "%",
    ];

    fn text_of(picks: &[usize]) -> String {
        picks.iter().map(|&k| PIECES[k]).collect()
    }

    proptest::proptest! {
        /// The shortcut only skips pairs that `compare` finds nothing in, under every
        /// format and leniency (pairs made alike half of the time, so it is taken).
        #[test]
        fn same_arguments_means_nothing_to_compare(
            src in proptest::collection::vec(0..PIECES.len(), 0..6),
            tgt in proptest::collection::vec(0..PIECES.len(), 0..6),
            alike in proptest::bool::ANY,
            flags in proptest::sample::select(vec![
                "", "c-format", "python-format", "python-brace-format", "qt-format",
                "sh-format", "ruby-format", "no-c-format",
            ]),
            lenient in proptest::bool::ANY,
        ) {
            use crate::lang::placeholders::{extract_pair, Formats};
            let source = text_of(&src);
            // The same placeholders between other words, or other placeholders.
            let target = if alike { format!("前{}后", source.replace(' ', "，")) } else { text_of(&tgt) };
            let flags: Vec<String> = if flags.is_empty() { vec![] } else { vec![flags.to_string()] };
            let formats = Formats::for_segment(&flags, &source);
            let (s, t) = extract_pair(&source, &target, &formats);
            if super::same_arguments(&s, &t) {
                let found = super::compare(&s, &t, &formats, lenient);
                proptest::prop_assert!(
                    found.is_empty(),
                    "{:?} -> {:?} under {:?}: {:?}",
                    source,
                    target,
                    flags,
                    found.iter().map(|f| f.message.clone()).collect::<Vec<_>>()
                );
            }
        }
    }

    #[test]
    fn same_arguments_is_taken_for_common_pairs_only() {
        use crate::lang::placeholders::{extract_pair, Formats};
        let same = |a: &str, b: &str| {
            let f = Formats::for_segment(&[], a);
            let (s, t) = extract_pair(a, b, &f);
            super::same_arguments(&s, &t)
        };
        assert!(same("Deleted %s (%d files)", "已删除 %s（%d 个文件）"));
        assert!(same("{name} is {count}", "{name} 是 {count}"));
        // Swapped, retyped, positional mixed with sequential, an argument taken twice:
        // left to the full comparison.
        assert!(!same("Deleted %s (%d files)", "已删除 %d 个文件（%s）"));
        assert!(!same("%d files", "%s 个文件"));
        assert!(!same("%1$s and %s", "%1$s 和 %s"));
        assert!(!same("%1$s or %1$d", "%1$s 或 %1$d"));
    }
}
