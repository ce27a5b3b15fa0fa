//! `accelerator-mismatch`: an accelerator (mnemonic) marker of the source, `_F` (GTK),
//! `&F` (Qt, KDE, Windows) or `~F` (LibreOffice), missing from the target or moved to
//! another key.

use std::collections::HashMap;
use std::ops::Range;

use super::chinese_script_mix::suppressed;
use super::{make_diagnostic, make_edit, Check, Fixable, RuleMeta, RunCtx};
use crate::diagnostic::{Applicability, Diagnostic, Fix, Severity};
use crate::lang::protect::protected_spans;
use crate::lang::script::is_han;
use crate::segment::{Document, Side};

/// The `accelerator-mismatch` rule.
pub static ACCELERATOR_MISMATCH: RuleMeta = RuleMeta {
    name: "accelerator-mismatch",
    default_severity: Severity::Warning,
    summary: "an accelerator marker of the source (`_F`, `&F`, `~F`) is missing or on another key in the target",
    doc: "## What it does\n\
Finds accelerator (mnemonic) markers in the source, `_File` (GTK), `&File` (Qt, KDE, \
Windows resources) or `~File` (LibreOffice), and checks that the target keeps one with the \
same key. Chinese, Japanese and Korean translations write it after the text in parentheses \
(`文件(_F)`), which the suggestion follows; a marker put on a Chinese character (`_文件`) \
cannot be typed and is flagged too.\n\n\
Which marker a file uses is learnt from the file itself: a marker kind counts only when at \
least two segments of the document carry it in both source and target, and at least one \
in five of the source's candidates is kept in the target. Languages or files that drop \
accelerators altogether therefore raise nothing. Not markers: `&&` (a literal ampersand), \
entities (`&amp;`), `snake_case`, `__init__`, `%s_%d`, `~/path`, placeholders, tags and \
identifiers; a source with two candidates of one kind is ambiguous and skipped. Monolingual \
input has no source to compare and is not checked.\n\n\
Two items of one menu sharing a key are flagged where the file says which strings form a \
menu: segments sharing a msgctxt that contains `menu` (`input method menu`). Elsewhere \
(most gettext catalogs) menus are unknown and duplicates are not checked.\n\n\
## Why\n\
A lost accelerator makes a menu item unreachable from the keyboard; a changed key breaks \
documentation and muscle memory.\n\n\
## Example\n\
`_File` -> `文件` should be `文件(_F)`; `&Open...` -> `打开(&P)...` has the key `P` for `O`.\n\n\
## Options\n\
None.\n\n\
## Fix safety\n\
Unsafe: inserting the marker (`文件` -> `文件(_F)`) can give two items of one menu the same \
key, which only the translator can judge. A changed key has no fix: translators change keys \
on purpose to resolve clashes.",
    fixable: Fixable::Unsafe,
};

/// The marker kinds.
const KINDS: [char; 3] = ['_', '&', '~'];

/// Candidate accelerator markers of kind `m` in `text`: (range of marker and key, key).
/// In a target (`in_target`), a marker may follow a letter (`ZW_J` kept from the source).
fn candidates(
    text: &str,
    m: char,
    spans: &[(Range<usize>, crate::lang::protect::Protected)],
    in_target: bool,
) -> Vec<(Range<usize>, char)> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        if c != m {
            continue;
        }
        let prev = k.checked_sub(1).map(|p| chars[p].1);
        let Some(&(_, next)) = chars.get(k + 1) else {
            continue;
        };
        if !next.is_ascii_alphanumeric() {
            continue;
        }
        if prev.is_some_and(|p| p == m || (m == '~' && p == '/')) {
            continue;
        }
        let inside_word = prev.is_some_and(|p| p.is_ascii_alphanumeric());
        if inside_word && !in_target && (m == '~' || !mid_word_mnemonic(&chars, k)) {
            continue;
        }
        if m == '~' && !next.is_ascii_alphabetic() {
            continue;
        }
        if m == '&' {
            // An entity: `&amp;`, `&#38;`.
            let rest: String = chars[k + 1..]
                .iter()
                .map(|p| p.1)
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '#')
                .collect();
            let after = chars.get(k + 1 + rest.chars().count()).map(|p| p.1);
            if after == Some(';') {
                continue;
            }
        }
        if m == '_' {
            // `_word_` or `__x`: an identifier fragment, not a mnemonic.
            let word: String = chars[k + 1..]
                .iter()
                .map(|p| p.1)
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if word.contains('_') {
                continue;
            }
        }
        if spans.iter().any(|(r, k)| {
            r.contains(&i)
                && !((in_target || inside_word)
                    && *k == crate::lang::protect::Protected::Identifier)
        }) {
            continue;
        }
        out.push((i..i + 1 + next.len_utf8(), next));
    }
    out
}

/// Whether the marker at `chars[k]`, inside a word, is a mnemonic (`C_ollate`, `Pri_ority`,
/// `Fi&le`) rather than an identifier (`snake_case`, `file_name`, `AT&T`): the word without
/// the marker is an English word, and the two halves are not both words of their own.
fn mid_word_mnemonic(chars: &[(usize, char)], k: usize) -> bool {
    let word_char = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '&';
    let mut a = k;
    while a > 0 && word_char(chars[a - 1].1) {
        a -= 1;
    }
    let mut b = k + 1;
    while b < chars.len() && word_char(chars[b].1) {
        b += 1;
    }
    let left: String = chars[a..k].iter().map(|p| p.1).collect();
    let right: String = chars[k + 1..b].iter().map(|p| p.1).collect();
    if left.contains(['_', '&']) || right.contains(['_', '&']) {
        return false;
    }
    let halves_are_words = left.len() >= 2
        && right.len() >= 2
        && crate::lang::words::is_word(&left)
        && crate::lang::words::is_word(&right);
    !halves_are_words && crate::lang::words::is_word(&format!("{left}{right}"))
}

/// Whether `text` has marker `m` right before a Han character (`_文件`).
fn marker_on_han(text: &str, m: char) -> Option<Range<usize>> {
    let mut prev: Option<char> = None;
    let mut it = text.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c == m && !prev.is_some_and(|p| p.is_ascii_alphanumeric() || p == m) {
            if let Some(&(_, n)) = it.peek() {
                if is_han(n) {
                    return Some(i..i + 1 + n.len_utf8());
                }
            }
        }
        prev = Some(c);
    }
    None
}

/// Where `(_F)` goes in a CJK target: before trailing spaces, an ellipsis or a colon.
fn insertion_point(text: &str) -> usize {
    let mut end = text.len();
    loop {
        let rest = &text[..end];
        let trimmed = rest
            .strip_suffix("...")
            .or_else(|| rest.strip_suffix('…'))
            .or_else(|| rest.strip_suffix(':'))
            .or_else(|| rest.strip_suffix('：'))
            .or_else(|| rest.strip_suffix(' '))
            .or_else(|| rest.strip_suffix('\n'));
        match trimmed {
            Some(t) => end = t.len(),
            None => return end,
        }
    }
}

/// Checks accelerator markers.
pub struct AcceleratorMismatch;

impl Check for AcceleratorMismatch {
    fn rules(&self) -> &'static [&'static RuleMeta] {
        static RULES: [&RuleMeta; 1] = [&ACCELERATOR_MISMATCH];
        &RULES
    }

    fn corpus_pass(&self, run: &RunCtx<'_>) -> bool {
        run.rules.enabled(ACCELERATOR_MISMATCH.name)
    }

    fn check_corpus(&self, docs: &[Document], run: &RunCtx<'_>, out: &mut Vec<Diagnostic>) {
        if !self.corpus_pass(run) {
            return;
        }
        for doc in docs {
            check_document(doc, run, out);
        }
    }
}

struct SegInfo {
    src: Vec<(Range<usize>, char)>,
    tgt: Vec<(Range<usize>, char)>,
}

fn check_document(doc: &Document, run: &RunCtx<'_>, out: &mut Vec<Diagnostic>) {
    let rule = &ACCELERATOR_MISMATCH;
    let cjk = doc.target_lang.as_ref().is_some_and(|l| l.is_cjk());
    for m in KINDS {
        let mut infos: Vec<(usize, SegInfo)> = Vec::new();
        for (si, seg) in doc.segments.iter().enumerate() {
            let (Some(s), Some(t)) = (seg.source.as_ref(), seg.target.as_ref()) else {
                continue;
            };
            if t.is_empty() || !s.as_str().contains(m) {
                continue;
            }
            let src = candidates(s.as_str(), m, &protected_spans(s.as_str()), false);
            if src.len() != 1 {
                continue;
            }
            let tgt = candidates(t.as_str(), m, &protected_spans(t.as_str()), true);
            infos.push((si, SegInfo { src, tgt }));
        }
        let kept = infos.iter().filter(|(_, i)| !i.tgt.is_empty()).count();
        if kept < 2 || kept * 5 < infos.len() {
            continue;
        }
        duplicate_keys(doc, run, m, out);
        for (si, info) in infos {
            let seg = &doc.segments[si];
            if suppressed(seg, rule.name) {
                continue;
            }
            let Some(target) = seg.target.as_ref() else {
                continue;
            };
            let t = target.as_str();
            let (src_range, key) = info.src[0].clone();
            let src_text = seg.source.as_ref().map(|s| s.as_str()).unwrap_or("");
            let shown = &src_text[src_range];
            let key_up = key.to_ascii_uppercase();
            let severity = run.rules.severity(rule.name);
            if info.tgt.is_empty() {
                if let Some(r) = marker_on_han(t, m) {
                    let d = make_diagnostic(
                        doc,
                        target,
                        rule.name,
                        severity,
                        Side::Target,
                        r,
                        format!(
                            "the accelerator marker `{m}` is on a Chinese character; the source has `{shown}`: write `({m}{key_up})` after the text"
                        ),
                        Some(seg.id.clone()),
                    );
                    out.push(d);
                    continue;
                }
                let at = insertion_point(t);
                let insert = if cjk {
                    format!("({m}{key_up})")
                } else {
                    String::new()
                };
                // Point at the end of the text (or its last character).
                let last = t[..at]
                    .char_indices()
                    .next_back()
                    .map_or(0..0, |(i, c)| i..i + c.len_utf8());
                let mut d = make_diagnostic(
                    doc,
                    target,
                    rule.name,
                    severity,
                    Side::Target,
                    last.clone(),
                    format!("the source's accelerator `{shown}` is missing from the target"),
                    Some(seg.id.clone()),
                );
                if cjk {
                    let replacement = format!("{}{insert}", &t[last.clone()]);
                    d.suggestion = Some(format!("{}{insert}{}", &t[..at], &t[at..]));
                    d.fix = make_edit(doc, target, last, &replacement).map(|e| Fix {
                        edits: vec![e],
                        applicability: Applicability::Unsafe,
                    });
                }
                out.push(d);
            } else if !info.tgt.iter().any(|(_, k)| k.eq_ignore_ascii_case(&key)) {
                let (r, k) = info.tgt[0].clone();
                let mut d = make_diagnostic(
                    doc,
                    target,
                    rule.name,
                    severity,
                    Side::Target,
                    r,
                    format!("accelerator key `{k}` differs from the source's `{shown}`"),
                    Some(seg.id.clone()),
                );
                d.suggestion = Some(format!("{m}{key_up}"));
                d.note = Some(
                    "keep the source's key unless it clashes with another item of the same menu"
                        .into(),
                );
                out.push(d);
            }
        }
    }
}

/// A menu item's segment index, the range of its marker and its key.
type MenuItem = (usize, Range<usize>, char);

/// Two items of one menu with the same key. Menus are known only where the file groups
/// them: segments sharing a msgctxt that names a menu (`input method menu`).
fn duplicate_keys(doc: &Document, run: &RunCtx<'_>, m: char, out: &mut Vec<Diagnostic>) {
    let rule = &ACCELERATOR_MISMATCH;
    let mut menus: HashMap<&str, Vec<MenuItem>> = HashMap::new();
    for (si, seg) in doc.segments.iter().enumerate() {
        let Some(ctx) = seg.context() else {
            continue;
        };
        // `menu` in any case, without a lower-cased copy of every context.
        let menu = ctx
            .as_bytes()
            .windows(4)
            .any(|w| w.eq_ignore_ascii_case(b"menu"));
        if !menu || seg.plural_index().unwrap_or(0) > 0 {
            continue;
        }
        let Some(t) = seg.target.as_ref() else {
            continue;
        };
        let found = candidates(t.as_str(), m, &protected_spans(t.as_str()), true);
        if let [(r, k)] = found.as_slice() {
            menus
                .entry(ctx)
                .or_default()
                .push((si, r.clone(), k.to_ascii_uppercase()));
        }
    }
    let mut names: Vec<&&str> = menus.keys().collect();
    names.sort();
    for ctx in names {
        let items = &menus[*ctx];
        for (n, (si, r, k)) in items.iter().enumerate() {
            let Some((first, _, _)) = items[..n].iter().find(|(_, _, k2)| k2 == k) else {
                continue;
            };
            let seg = &doc.segments[*si];
            if suppressed(seg, rule.name) {
                continue;
            }
            let Some(target) = seg.target.as_ref() else {
                continue;
            };
            let other = doc.segments[*first]
                .target
                .as_ref()
                .map(|t| t.as_str())
                .unwrap_or("");
            let mut d = make_diagnostic(
                doc,
                target,
                rule.name,
                run.rules.severity(rule.name),
                Side::Target,
                r.clone(),
                format!("accelerator key `{m}{k}` is also used by `{other}` in menu `{ctx}`"),
                Some(seg.id.clone()),
            );
            d.note = Some("two items of one menu need different keys".into());
            out.push(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::testing::findings_of;
    use crate::checks::{registry, RuleSettings};
    use crate::config::Options;
    use crate::lang::Lang;
    use crate::segment::{Escaping, Segment, SourceFile, Text};
    use std::sync::Arc;

    /// Run the check on a document of (source, target) pairs, one file per side.
    fn run(pairs: &[(&str, &str)], lang: &str) -> Vec<Diagnostic> {
        run_with_context(pairs, lang, None)
    }

    /// [`run`] with every segment under msgctxt `context`.
    fn run_with_context(
        pairs: &[(&str, &str)],
        lang: &str,
        context: Option<&str>,
    ) -> Vec<Diagnostic> {
        let mut src_file = String::new();
        let mut tgt_file = String::new();
        let mut segments = Vec::new();
        for (i, (s, t)) in pairs.iter().enumerate() {
            let so = src_file.len();
            src_file.push_str(s);
            src_file.push('\n');
            let to = tgt_file.len();
            tgt_file.push_str(t);
            tgt_file.push('\n');
            segments.push(
                Segment {
                    id: (i + 1).to_string(),
                    source: Some(Text::verbatim(*s, 0, so)),
                    target: Some(Text::verbatim(*t, 1, to)),
                    ..Default::default()
                }
                .with_context(context.map(String::from)),
            );
        }
        let doc = Document {
            files: vec![
                Arc::new(SourceFile::new("src.txt", src_file, Escaping::None)),
                Arc::new(SourceFile::new("tgt.txt", tgt_file, Escaping::None)),
            ],
            format: "text",
            source_lang: Lang::parse("en"),
            target_lang: Lang::parse(lang),
            segments,
        };
        let settings = RuleSettings::defaults();
        let options = Options::default();
        let run = RunCtx {
            rules: &settings,
            terms: None,
            options: &options,
        };
        let mut out = Vec::new();
        for c in registry() {
            c.check_corpus(std::slice::from_ref(&doc), &run, &mut out);
        }
        out.retain(|d| d.rule == "accelerator-mismatch");
        out
    }

    const MENU: [(&str, &str); 3] = [
        ("_Open", "打开(_O)"),
        ("_Save", "保存(_S)"),
        ("Save _As…", "另存为(_A)…"),
    ];

    fn with(extra: (&'static str, &'static str)) -> Vec<(&'static str, &'static str)> {
        let mut v = MENU.to_vec();
        v.push(extra);
        v
    }

    #[test]
    fn flags_a_lost_accelerator_and_suggests_the_chinese_form() {
        let d = run(&with(("_File", "文件")), "zh-CN");
        assert_eq!(findings_of(&d, "accelerator-mismatch"), vec!["件"]);
        assert_eq!(d[0].suggestion.as_deref(), Some("文件(_F)"));
        assert!(d[0].fix.is_some());
        let d = run(&with(("_Preferences…", "首选项…")), "zh-CN");
        assert_eq!(d[0].suggestion.as_deref(), Some("首选项(_P)…"));
    }

    #[test]
    fn flags_a_changed_key_and_a_marker_on_han() {
        let d = run(&with(("_Quit", "退出(_X)")), "zh-CN");
        assert_eq!(findings_of(&d, "accelerator-mismatch"), vec!["_X"]);
        let d = run(&with(("_Quit", "_退出")), "zh-CN");
        assert_eq!(findings_of(&d, "accelerator-mismatch"), vec!["_退"]);
    }

    #[test]
    fn qt_and_libreoffice_markers() {
        let qt = [
            ("&Open", "打开(&O)"),
            ("&Save", "保存(&S)"),
            ("Save && Exit", "保存并退出"),
            ("&Edit", "编辑"),
        ];
        let d = run(&qt, "zh-CN");
        assert_eq!(findings_of(&d, "accelerator-mismatch"), vec!["辑"]);
        let lo = [
            ("~Open", "打开(~O)"),
            ("~Save", "保存(~S)"),
            ("~Format", "格式"),
        ];
        assert_eq!(run(&lo, "zh-TW").len(), 1);
    }

    #[test]
    fn duplicate_keys_within_a_menu_context() {
        let mut d = run(&MENU, "zh-CN");
        assert!(d.is_empty());
        // Same fixture with msgctxt naming a menu: 打开(_O) and 选项(_O) clash.
        let pairs = [
            ("_Open", "打开(_O)"),
            ("_Save", "保存(_S)"),
            ("_Options", "选项(_O)"),
            ("_Quit", "退出(_Q)"),
        ];
        d = run_with_context(&pairs, "zh-CN", Some("file menu"));
        assert_eq!(findings_of(&d, "accelerator-mismatch"), vec!["_O"]);
        assert!(d[0].message.contains("打开(_O)"), "{}", d[0].message);
        // Not a menu: nothing.
        d = run_with_context(&pairs, "zh-CN", Some("Stock label"));
        assert!(d.is_empty());
    }

    #[test]
    fn markers_inside_words() {
        let d = run(&with(("Pri_ority:", "优先级：")), "zh-CN");
        assert_eq!(d[0].suggestion.as_deref(), Some("优先级(_O)："));
        let d = run(&with(("C_ollate", "逐份")), "zh-CN");
        assert_eq!(d.len(), 1);
        // Identifiers are no mnemonics: snake_case, file_name, AT&T.
        let d = run(
            &with(("Set file_name, snake_case or AT&T", "设置文件名或 AT&T")),
            "zh-CN",
        );
        assert!(d.is_empty());
    }

    #[test]
    fn a_marker_kept_inside_a_latin_word_counts() {
        let d = run(
            &with(("ZWJ Zero width _joiner", "ZW_J 零寬度連接符")),
            "zh-TW",
        );
        assert!(d.is_empty());
    }

    #[test]
    fn no_false_alarms_on_lookalikes() {
        let traps = with((
            "Use &amp; in snake_case and __init__ with %s_%d in ~/dir",
            "在 snake_case 和 __init__ 中使用 &amp;，%s_%d 在 ~/dir",
        ));
        assert!(run(&traps, "zh-CN").is_empty());
        let traps = with((
            "see <a href=\"x_y\">link</a> and -o_file",
            "參見 <a href=\"x_y\">連結</a> 和 -o_file",
        ));
        assert!(run(&traps, "zh-CN").is_empty());
    }

    #[test]
    fn files_without_accelerators_in_the_target_raise_nothing() {
        // A locale that drops accelerators altogether.
        let pairs = [("_Open", "打开"), ("_Save", "保存"), ("_Quit", "退出")];
        assert!(run(&pairs, "zh-CN").is_empty());
        // A single stray candidate is not evidence.
        let pairs = [("_Open", "打开(_O)"), ("_Save", "保存")];
        assert!(run(&pairs, "zh-CN").is_empty());
    }
}
