//! `accelerator-mismatch`: an accelerator (mnemonic) marker of the source, `_F` (GTK),
//! `&F` (Qt, KDE, Windows) or `~F` (LibreOffice), missing from the target or moved to
//! another key.

use std::collections::HashMap;
use std::ops::Range;

use super::chinese_script_mix::suppressed;
use super::{
    make_diagnostic, make_edit, Check, Chunk, Fixable, Kept, RuleMeta, RunCtx, StreamedPass,
};
use crate::diagnostic::{Applicability, Diagnostic, Fix, Severity};
use crate::lang::protect::protected_spans;
use crate::lang::script::is_han;
use crate::segment::{Document, Segment, Side};

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

    fn streamed_pass(&self, run: &RunCtx<'_>, docs: &[Document]) -> Option<Box<dyn StreamedPass>> {
        if !run.rules.enabled(ACCELERATOR_MISMATCH.name) {
            return None;
        }
        Some(Box::new(AcceleratorPass {
            active: vec![[false; 3]; docs.len()],
            duplicates: HashMap::new(),
        }))
    }
}

/// The pass, in two sweeps: the first counts, per document and marker kind, the segments
/// whose source has one candidate marker and those of them whose target keeps one (the
/// kind counts when enough do), and notes the menu items (segment position, key; the
/// target text of the first item of each key of a menu in the chunk, which a duplicate's
/// message quotes); the second reports.
struct AcceleratorPass {
    /// Per document, per marker kind: whether the document uses it.
    active: Vec<[bool; 3]>,
    /// After the first sweep: by chunk ordinal, the menu items sharing the key of an
    /// earlier item of their menu: (position in the chunk, kind, marker range, message),
    /// in the order they are reported.
    duplicates: HashMap<usize, Vec<Duplicate>>,
}

/// A menu item whose key an earlier item of its menu has: (position of its segment in the
/// chunk, marker kind, range of its marker, message).
type Duplicate = (u32, usize, Range<usize>, String);

/// An item of a menu (see [`duplicate_keys`]), as the first sweep notes it.
struct MenuEntry {
    /// Marker kind (index in [`KINDS`]).
    kind: usize,
    /// The menu: the segment's context.
    menu: Box<str>,
    /// The segment's position in the chunk.
    seg: u32,
    /// The marker and key in the target.
    range: Range<usize>,
    /// The key, upper-case.
    key: char,
    /// The target text, for the first item of its menu with this key in the chunk.
    text: Option<Box<str>>,
}

/// What the first sweep keeps of a chunk.
struct Votes {
    doc: usize,
    ordinal: usize,
    /// Per marker kind: segments whose source has one candidate, and those of them
    /// whose target has one.
    counts: [(usize, usize); 3],
    menus: Vec<MenuEntry>,
}

impl StreamedPass for AcceleratorPass {
    fn sweeps(&self) -> usize {
        2
    }

    fn visit(
        &self,
        sweep: usize,
        chunk: &Chunk<'_>,
        run: &RunCtx<'_>,
        out: &mut Vec<Diagnostic>,
    ) -> Option<Kept> {
        if sweep == 0 {
            return vote(chunk);
        }
        let active = &self.active[chunk.doc_index];
        if !active.contains(&true) {
            return None;
        }
        let doc = chunk.doc;
        let cjk = doc.target_lang.as_ref().is_some_and(|l| l.is_cjk());
        let duplicates = self.duplicates.get(&chunk.ordinal);
        for (kind, &m) in KINDS.iter().enumerate() {
            if !active[kind] {
                continue;
            }
            for (seg, _, range, message) in duplicates.into_iter().flatten().filter(|d| d.1 == kind)
            {
                let seg = &chunk.segments[*seg as usize];
                if let Some(d) = duplicate(doc, seg, range.clone(), message.clone(), run) {
                    out.push(d);
                }
            }
            for seg in chunk.segments {
                if let Some(info) = seg_info(seg, m) {
                    flag(doc, seg, m, &info, cjk, run, out);
                }
            }
        }
        None
    }

    fn after_sweep(
        &mut self,
        _sweep: usize,
        _docs: &[Document],
        kept: Vec<Kept>,
        _run: &RunCtx<'_>,
        _out: &mut Vec<Diagnostic>,
    ) {
        let mut totals = vec![[(0, 0); 3]; self.active.len()];
        let mut menus: Vec<Vec<(usize, MenuEntry)>> =
            self.active.iter().map(|_| Vec::new()).collect();
        for k in kept {
            let votes = *k.downcast::<Votes>().expect("the pass keeps votes");
            for (total, (infos, kept)) in totals[votes.doc].iter_mut().zip(votes.counts) {
                total.0 += infos;
                total.1 += kept;
            }
            menus[votes.doc].extend(votes.menus.into_iter().map(|e| (votes.ordinal, e)));
        }
        for (active, totals) in self.active.iter_mut().zip(&totals) {
            for (on, &(infos, kept)) in active.iter_mut().zip(totals) {
                *on = kept >= 2 && kept * 5 >= infos;
            }
        }
        for (d, entries) in menus.into_iter().enumerate() {
            for (kind, &m) in KINDS.iter().enumerate() {
                if !self.active[d][kind] {
                    continue;
                }
                // Items by menu, in input order; menus by name.
                let mut by_menu: HashMap<&str, Vec<&(usize, MenuEntry)>> = HashMap::new();
                for e in entries.iter().filter(|e| e.1.kind == kind) {
                    by_menu.entry(&*e.1.menu).or_default().push(e);
                }
                let mut names: Vec<&&str> = by_menu.keys().collect();
                names.sort();
                for name in names {
                    let items = &by_menu[*name];
                    for (n, (ordinal, item)) in items.iter().map(|e| (e.0, &e.1)).enumerate() {
                        let Some(first) = items[..n].iter().find(|e| e.1.key == item.key) else {
                            continue;
                        };
                        let other = first.1.text.as_deref().unwrap_or("");
                        let message = format!(
                            "accelerator key `{m}{}` is also used by `{other}` in menu `{name}`",
                            item.key
                        );
                        self.duplicates.entry(ordinal).or_default().push((
                            item.seg,
                            kind,
                            item.range.clone(),
                            message,
                        ));
                    }
                }
            }
        }
    }
}

/// The first sweep over `chunk`: counts and menu items.
fn vote(chunk: &Chunk<'_>) -> Option<Kept> {
    let mut counts = [(0, 0); 3];
    let mut menus: Vec<MenuEntry> = Vec::new();
    for (i, seg) in chunk.segments.iter().enumerate() {
        for (kind, &m) in KINDS.iter().enumerate() {
            if let Some(info) = seg_info(seg, m) {
                counts[kind].0 += 1;
                if !info.tgt.is_empty() {
                    counts[kind].1 += 1;
                }
            }
            if let Some((menu, range, key)) = menu_item(seg, m) {
                let first = !menus
                    .iter()
                    .any(|e| e.kind == kind && e.key == key && *e.menu == *menu);
                let text = seg.target.as_ref().map(|t| t.as_str()).unwrap_or("");
                menus.push(MenuEntry {
                    kind,
                    menu: menu.into(),
                    seg: i as u32,
                    range,
                    key,
                    text: first.then(|| text.into()),
                });
            }
        }
    }
    let nothing = counts == [(0, 0); 3] && menus.is_empty();
    (!nothing).then(|| {
        Box::new(Votes {
            doc: chunk.doc_index,
            ordinal: chunk.ordinal,
            counts,
            menus,
        }) as Kept
    })
}

/// The source's one candidate marker of kind `m` and the target's candidates, for a
/// segment with both sides whose source has exactly one candidate.
struct SegInfo {
    src: Vec<(Range<usize>, char)>,
    tgt: Vec<(Range<usize>, char)>,
}

/// The [`SegInfo`] of `seg` for marker kind `m`, when it counts.
fn seg_info(seg: &Segment, m: char) -> Option<SegInfo> {
    let (Some(s), Some(t)) = (seg.source.as_ref(), seg.target.as_ref()) else {
        return None;
    };
    if t.is_empty() || !s.as_str().contains(m) {
        return None;
    }
    let src = candidates(s.as_str(), m, &protected_spans(s.as_str()), false);
    if src.len() != 1 {
        return None;
    }
    let tgt = candidates(t.as_str(), m, &protected_spans(t.as_str()), true);
    Some(SegInfo { src, tgt })
}

/// Report the marker of kind `m` of `seg` (described by `info`) lost, on a Chinese
/// character or moved to another key.
fn flag(
    doc: &Document,
    seg: &Segment,
    m: char,
    info: &SegInfo,
    cjk: bool,
    run: &RunCtx<'_>,
    out: &mut Vec<Diagnostic>,
) {
    let rule = &ACCELERATOR_MISMATCH;
    if suppressed(seg, rule.name) {
        return;
    }
    let Some(target) = seg.target.as_ref() else {
        return;
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
                Some(seg.id().into_owned()),
            );
            out.push(d);
            return;
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
            Some(seg.id().into_owned()),
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
            Some(seg.id().into_owned()),
        );
        d.suggestion = Some(format!("{m}{key_up}"));
        d.note = Some(
            "keep the source's key unless it clashes with another item of the same menu".into(),
        );
        out.push(d);
    }
}

/// `seg` as an item of a menu, for marker kind `m`: its menu (a msgctxt naming a menu,
/// `input method menu`), and the range and upper-case key of its target's one candidate.
/// Menus are known only where the file groups them so.
fn menu_item(seg: &Segment, m: char) -> Option<(&str, Range<usize>, char)> {
    let ctx = seg.context()?;
    // `menu` in any case, without a lower-cased copy of every context.
    let menu = ctx
        .as_bytes()
        .windows(4)
        .any(|w| w.eq_ignore_ascii_case(b"menu"));
    if !menu || seg.plural_index().unwrap_or(0) > 0 {
        return None;
    }
    let t = seg.target.as_ref()?;
    let found = candidates(t.as_str(), m, &protected_spans(t.as_str()), true);
    match found.as_slice() {
        [(r, k)] => Some((ctx, r.clone(), k.to_ascii_uppercase())),
        _ => None,
    }
}

/// The finding on menu item `seg` whose key (marker at `range`) an earlier item of its
/// menu has (`message` says which); `None` when suppressed.
fn duplicate(
    doc: &Document,
    seg: &Segment,
    range: Range<usize>,
    message: String,
    run: &RunCtx<'_>,
) -> Option<Diagnostic> {
    let rule = &ACCELERATOR_MISMATCH;
    if suppressed(seg, rule.name) {
        return None;
    }
    let target = seg.target.as_ref()?;
    let mut d = make_diagnostic(
        doc,
        target,
        rule.name,
        run.rules.severity(rule.name),
        Side::Target,
        range,
        message,
        Some(seg.id().into_owned()),
    );
    d.note = Some("two items of one menu need different keys".into());
    Some(d)
}

/// The check as it was, over whole documents: the oracle of the streamed pass.
#[cfg(test)]
pub(crate) mod oracle {
    use super::*;

    /// The findings over whole `doc`.
    pub(crate) fn check_document(doc: &Document, run: &RunCtx<'_>, out: &mut Vec<Diagnostic>) {
        let cjk = doc.target_lang.as_ref().is_some_and(|l| l.is_cjk());
        for m in KINDS {
            let infos: Vec<(usize, SegInfo)> = doc
                .segments
                .iter()
                .enumerate()
                .filter_map(|(si, seg)| Some((si, seg_info(seg, m)?)))
                .collect();
            let kept = infos.iter().filter(|(_, i)| !i.tgt.is_empty()).count();
            if kept < 2 || kept * 5 < infos.len() {
                continue;
            }
            duplicate_keys(doc, run, m, out);
            for (si, info) in infos {
                flag(doc, &doc.segments[si], m, &info, cjk, run, out);
            }
        }
    }

    /// A menu item's segment index, the range of its marker and its key.
    type MenuItem = (usize, Range<usize>, char);

    /// Two items of one menu with the same key.
    fn duplicate_keys(doc: &Document, run: &RunCtx<'_>, m: char, out: &mut Vec<Diagnostic>) {
        let mut menus: HashMap<&str, Vec<MenuItem>> = HashMap::new();
        for (si, seg) in doc.segments.iter().enumerate() {
            if let Some((ctx, r, k)) = menu_item(seg, m) {
                menus.entry(ctx).or_default().push((si, r, k));
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
                let other = doc.segments[*first]
                    .target
                    .as_ref()
                    .map(|t| t.as_str())
                    .unwrap_or("");
                let message =
                    format!("accelerator key `{m}{k}` is also used by `{other}` in menu `{ctx}`");
                out.extend(duplicate(doc, &doc.segments[*si], r.clone(), message, run));
            }
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
                    id: (i + 1).to_string().into(),
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
            if let Some(pass) = c.streamed_pass(&run, std::slice::from_ref(&doc)) {
                crate::checks::run_streamed(pass, std::slice::from_ref(&doc), &run, &mut out);
            }
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

#[cfg(test)]
mod streamed_tests {
    use super::*;
    use crate::checks::leftover_script::streamed_testing::{doc, run_chunked, Unit};
    use crate::checks::testing::pseudo_random;
    use crate::checks::RuleSettings;
    use crate::config::Options;

    #[test]
    fn the_streamed_pass_finds_what_the_whole_documents_gave() {
        let pairs = [
            ("_Open", "打开(_O)"),
            ("_Save", "保存(_S)"),
            ("_Options", "选项(_O)"),
            ("_Quit", "退出(_X)"),
            ("_Quit", "_退出"),
            ("_File", "文件"),
            ("&Edit", "编辑(&E)"),
            ("&Edit", "编辑"),
            ("~Format", "格式(~F)"),
            ("~Format", "格式"),
            ("Pri_ority:", "优先级："),
            ("Save && Exit", "保存并退出"),
            ("_Print…", "打印(_P)…"),
            ("_Print…", "打印(_R)…"),
            ("plain text", "纯文本"),
        ];
        let contexts = [
            None,
            None,
            Some("file menu"),
            Some("Edit Menu"),
            Some("label"),
        ];
        let mut pick = pseudo_random(11);
        let suppressed: &[&str] = &["accelerator-mismatch"];
        let mut docs = Vec::new();
        for (k, lang) in ["zh-CN", "en", "zh-TW"].into_iter().enumerate() {
            for j in 0..6 {
                let units: Vec<Unit<'_>> = (0..40 + 13 * j + k)
                    .map(|i| {
                        let (s, t) = pairs[pick(pairs.len())];
                        let s_: &[&str] = if i % 17 == 3 { suppressed } else { &[] };
                        (contexts[pick(contexts.len())], Some(s), t, s_)
                    })
                    .collect();
                docs.push(doc(&format!("{k}-{j}.po"), "en", lang, &units));
            }
        }
        let settings = RuleSettings::defaults();
        let options = Options::default();
        let run = RunCtx {
            rules: &settings,
            terms: None,
            options: &options,
        };
        let mut want = Vec::new();
        for d in &docs {
            oracle::check_document(d, &run, &mut want);
        }
        want.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        assert!(want.len() > 100, "{}", want.len());
        assert!(want.iter().any(|d| d.message.contains("also used by")));
        for len in [1, 5, 512] {
            let got = run_chunked(&AcceleratorMismatch, &docs, &run, len);
            assert!(got == want, "{len}: {} against {}", got.len(), want.len());
        }
    }
}
