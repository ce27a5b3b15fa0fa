//! `leftover-source-script`: source-script text (Chinese, Japanese, Korean) left inside a
//! Latin-script target.

use std::ops::Range;

use super::{Check, Chunk, Fixable, Kept, RuleMeta, RunCtx, SegmentCtx, StreamedPass};
use crate::diagnostic::{Diagnostic, Severity};
use crate::lang::script::{is_cjk_punct, is_han, is_hangul, is_kana, Script, ScriptCounts};
use crate::lang::Lang;
use crate::segment::{Document, Segment, Side};

/// The `leftover-source-script` rule.
pub static LEFTOVER_SOURCE_SCRIPT: RuleMeta = RuleMeta {
    name: "leftover-source-script",
    default_severity: Severity::Error,
    summary: "source-script text (e.g. Chinese) left inside a Latin-script target",
    doc: "## What it does\n\
Flags Han, kana or Hangul text inside a target written in the Latin script (English, \
French...). A run of such text, with the digits, punctuation and spaces inside it, is one \
finding; a Latin word ends the run. A Chinese paragraph left in an English article is one \
finding (two if an untranslated code name such as `APT-C-39` sits in the middle), not one \
per character.\n\n\
The rule runs when the target language uses the Latin script, or, with no language given, \
when most of the document's target text is Latin. When the source language is known, only \
its script counts (Han for Chinese; Han and kana for Japanese; Hangul for Korean); in \
monolingual mode any of the three. A short gloss in brackets or quotes after a Latin word \
(`Beijing (北京)`) is left alone.\n\n\
## Why\n\
A paragraph left untranslated during editing, or a sentence pasted from the source, is a \
serious defect that readers of the target cannot read.\n\n\
## Example\n\
`... drawing in allies is a new direction. 殊不知，无论……` -> translate the Chinese text\n\n\
## Options\n\
None.\n\n\
## Fix safety\n\
No fix: the text must be translated.",
    fixable: Fixable::No,
};

/// Finds leftover source-script text.
pub struct LeftoverScript;

impl Check for LeftoverScript {
    fn rules(&self) -> &'static [&'static RuleMeta] {
        static RULES: [&RuleMeta; 1] = [&LEFTOVER_SOURCE_SCRIPT];
        &RULES
    }

    fn streamed_pass(&self, run: &RunCtx<'_>, docs: &[Document]) -> Option<Box<dyn StreamedPass>> {
        if !run.rules.enabled(LEFTOVER_SOURCE_SCRIPT.name) {
            return None;
        }
        let plans: Vec<Plan> = docs.iter().map(Plan::of).collect();
        if plans.iter().all(|p| *p == Plan::Skip) {
            return None;
        }
        Some(Box::new(LeftoverPass { plans }))
    }
}

/// What the pass does with one document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Plan {
    /// Nothing: a target not in the Latin script, or a Latin-script source (which leaves
    /// no foreign script to copy; CJK in the target is then deliberate: a language name, a
    /// quoted example).
    Skip,
    /// Count the letters of each script of the target in the first sweep (no target
    /// language given): the document is checked in the second when most are Latin.
    Vote,
    /// Look for leftover text in this sweep.
    Flag(usize),
}

impl Plan {
    /// The plan for `doc`, from its languages.
    fn of(doc: &Document) -> Plan {
        if doc.source_lang.as_ref().is_some_and(|l| l.uses_latin()) {
            return Plan::Skip;
        }
        match &doc.target_lang {
            Some(l) if l.uses_latin() => Plan::Flag(0),
            Some(_) => Plan::Skip,
            None => Plan::Vote,
        }
    }
}

/// The pass: one sweep when every document's target language is given, two when one
/// must be counted first (five counts kept per chunk of such a document).
struct LeftoverPass {
    /// Per document.
    plans: Vec<Plan>,
}

impl StreamedPass for LeftoverPass {
    fn sweeps(&self) -> usize {
        if self.plans.contains(&Plan::Vote) {
            2
        } else {
            1
        }
    }

    fn visit(
        &self,
        sweep: usize,
        chunk: &Chunk<'_>,
        run: &RunCtx<'_>,
        out: &mut Vec<Diagnostic>,
    ) -> Option<Kept> {
        match self.plans[chunk.doc_index] {
            Plan::Vote if sweep == 0 => {
                let mut counts = ScriptCounts::default();
                for t in chunk.segments.iter().filter_map(|s| s.target.as_ref()) {
                    counts.add_text(t.as_str());
                }
                Some(Box::new((chunk.doc_index, counts)))
            }
            Plan::Flag(when) if when == sweep => {
                flag(chunk, run, out);
                None
            }
            _ => None,
        }
    }

    fn after_sweep(
        &mut self,
        sweep: usize,
        _docs: &[Document],
        kept: Vec<Kept>,
        _run: &RunCtx<'_>,
        _out: &mut Vec<Diagnostic>,
    ) {
        if sweep != 0 {
            return;
        }
        let mut totals = vec![ScriptCounts::default(); self.plans.len()];
        for k in kept {
            let (d, counts) = *k
                .downcast::<(usize, ScriptCounts)>()
                .expect("the pass keeps counts");
            totals[d].merge(&counts);
        }
        for (plan, total) in self.plans.iter_mut().zip(totals) {
            if *plan == Plan::Vote {
                *plan = if total.dominant() == Script::Latin {
                    Plan::Flag(1)
                } else {
                    Plan::Skip
                };
            }
        }
    }
}

/// Which characters count as source script for this source language.
fn source_letter(source: Option<&Lang>) -> fn(char) -> bool {
    match source {
        Some(l) if l.is_chinese() => is_han,
        Some(l) if l.is_japanese() => |c| is_han(c) || is_kana(c),
        Some(l) if l.is_korean() => is_hangul,
        _ => |c| is_han(c) || is_kana(c) || is_hangul(c),
    }
}

/// Report the leftover source-script text in the targets of `chunk`.
fn flag(chunk: &Chunk<'_>, run: &RunCtx<'_>, out: &mut Vec<Diagnostic>) {
    let letter = source_letter(chunk.doc.source_lang.as_ref());
    for seg in chunk.segments {
        report_runs(seg, chunk.doc, letter, run, out);
    }
}

/// Report the leftover source-script text in the target of `seg`.
fn report_runs(
    seg: &Segment,
    doc: &Document,
    letter: fn(char) -> bool,
    run: &RunCtx<'_>,
    out: &mut Vec<Diagnostic>,
) {
    let Some(target) = seg.target.as_ref() else {
        return;
    };
    let text = target.as_str();
    if text.is_ascii() {
        return;
    }
    let runs = find_runs(text, letter);
    if runs.is_empty() {
        return;
    }
    let mut ctx = SegmentCtx::new(run, doc, seg, out);
    for r in runs {
        let n = text[r.clone()].chars().filter(|c| letter(*c)).count();
        let preview: String = text[r.clone()].chars().take(12).collect();
        let more = if text[r.clone()].chars().count() > 12 {
            "…"
        } else {
            ""
        };
        ctx.report(
            &LEFTOVER_SOURCE_SCRIPT,
            Side::Target,
            r,
            format!(
                "untranslated source-script text in the target ({n} characters): \
                 `{preview}{more}`"
            ),
        );
    }
}

/// The runs of source-script text in `text`: from the first to the last source-script
/// letter or CJK punctuation mark, across digits, punctuation and spaces; a Latin letter
/// ends a run.
pub(crate) fn find_runs(text: &str, letter: fn(char) -> bool) -> Vec<Range<usize>> {
    let mut runs = Vec::new();
    // (start, end of last CJK char, has a letter)
    let mut cur: Option<(usize, usize, bool)> = None;
    let mut close = |cur: &mut Option<(usize, usize, bool)>| {
        if let Some((s, e, has_letter)) = cur.take() {
            if has_letter && !is_gloss(text, s..e) {
                runs.push(s..e);
            }
        }
    };
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        if letter(c) {
            match cur.as_mut() {
                Some(r) => {
                    r.1 = end;
                    r.2 = true;
                }
                None => cur = Some((i, end, true)),
            }
        } else if is_cjk_punct(c) || c == '“' || c == '”' || c == '‘' || c == '’' || c == '…'
        {
            // Punctuation joins a run; it starts one only when CJK (，。「).
            match cur.as_mut() {
                Some(r) => r.1 = end,
                None if is_cjk_punct(c) => cur = Some((i, end, false)),
                None => {}
            }
        } else if c.is_alphabetic() {
            // A Latin (or other) word ends the run.
            close(&mut cur);
        }
        // Digits, ASCII punctuation and spaces continue a run without extending it.
    }
    close(&mut cur);
    runs
}

/// A short gloss in brackets or quotes right after Latin text: `Beijing (北京)`.
fn is_gloss(text: &str, r: Range<usize>) -> bool {
    let inner = &text[r.clone()];
    if inner.chars().count() > 6 {
        return false;
    }
    let before = text[..r.start].chars().next_back();
    let after = text[r.end..].chars().next();
    let bracketed = matches!(
        (before, after),
        (Some('('), Some(')'))
            | (Some('（'), Some('）'))
            | (Some('"'), Some('"'))
            | (Some('“'), Some('”'))
            | (Some('「'), Some('」'))
            | (Some('《'), Some('》'))
    );
    bracketed
        && text[..r.start]
            .trim_end_matches(['(', '（', '"', '“', '「', '《'])
            .trim_end()
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_alphanumeric())
}

/// The check as it was, over whole documents: the oracle of the streamed pass.
#[cfg(test)]
pub(crate) mod oracle {
    use super::*;
    use crate::lang::script::dominant_script;

    /// Whether the target side of `doc` is written in the Latin script: declared so, or (no
    /// language given) mostly Latin letters.
    pub(crate) fn target_is_latin(doc: &Document) -> bool {
        match &doc.target_lang {
            Some(l) => l.uses_latin(),
            None => {
                dominant_script(
                    doc.segments
                        .iter()
                        .filter_map(|s| s.target.as_ref().map(|t| t.as_str())),
                ) == Script::Latin
            }
        }
    }

    /// The findings over whole `doc`.
    pub(crate) fn check_document(doc: &Document, run: &RunCtx<'_>) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        if !target_is_latin(doc) || doc.source_lang.as_ref().is_some_and(|l| l.uses_latin()) {
            return out;
        }
        let letter = source_letter(doc.source_lang.as_ref());
        for seg in &doc.segments {
            report_runs(seg, doc, letter, run, &mut out);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::{findings_of, run_pair};
    use crate::config::Options;

    fn found(target: &str) -> Vec<String> {
        let d = run_pair(None, ("en", target), None, &Options::default());
        findings_of(&d, "leftover-source-script")
            .into_iter()
            .map(String::from)
            .collect()
    }

    #[test]
    fn one_finding_per_run_a_latin_word_ends_it() {
        let t =
            "The Hill commented. 殊不知,无论一些美西方国家如何虚张声势。2020年位于境外的约5.2万个\
                 服务器。美国中央情报局的网络攻击组织APT-C-39,曾对中国进行了长达11年的攻击。";
        let f = found(t);
        assert_eq!(f.len(), 2, "{f:?}");
        assert!(
            f[0].starts_with("殊不知") && f[0].ends_with("组织"),
            "{f:?}"
        );
        assert!(
            f[1].starts_with(",曾对") || f[1].starts_with("曾对"),
            "{f:?}"
        );
        assert!(f[1].ends_with("攻击。"), "{f:?}");
        assert!(f[0].contains("5.2万"));
    }

    #[test]
    fn latin_text_is_clean() {
        assert!(found("China is one of the main victims of cyber-attack.").is_empty());
        assert!(found("They met in Beijing (北京) last May.").is_empty());
        assert!(found("Prices rose 5% – “quoted” text…").is_empty());
    }

    #[test]
    fn single_characters_are_reported() {
        assert_eq!(found("The 服务器 is down."), vec!["服务器"]);
    }

    #[test]
    fn not_in_chinese_targets() {
        let d = run_pair(
            Some(("en", "The server")),
            ("zh", "服务器"),
            None,
            &Options::default(),
        );
        assert!(findings_of(&d, "leftover-source-script").is_empty());
    }

    #[test]
    fn bilingual_target_side() {
        let d = run_pair(
            Some(("zh", "控制服务器")),
            ("en", "controls 服务器"),
            None,
            &Options::default(),
        );
        assert_eq!(findings_of(&d, "leftover-source-script"), vec!["服务器"]);
    }
}

/// Helpers for the tests of streamed passes: documents made of (context, source, target)
/// units, and a pass run as the engine runs it, over chunks of a few segments visited in
/// reverse order.
#[cfg(test)]
pub(crate) mod streamed_testing {
    use std::sync::Arc;

    use crate::checks::{Check, Chunk, Kept, RunCtx};
    use crate::diagnostic::Diagnostic;
    use crate::lang::Lang;
    use crate::segment::{Document, Escaping, Segment, SourceFile, Text};

    /// One unit of [`doc`]: context, source, target, suppressed rules.
    pub(crate) type Unit<'a> = (Option<&'a str>, Option<&'a str>, &'a str, &'a [&'a str]);

    /// A document of `units` in one file `path` (source and target of a unit on one line,
    /// separated by a tab), with the languages given (`""`: none).
    pub(crate) fn doc(path: &str, source: &str, target: &str, units: &[Unit<'_>]) -> Document {
        let mut content = String::new();
        let mut segments = Vec::new();
        for (i, (ctx, src, tgt, suppressed)) in units.iter().enumerate() {
            let mut seg = Segment {
                id: (i + 1).to_string().into(),
                ..Default::default()
            }
            .with_context(ctx.map(str::to_string))
            .with_suppressed(suppressed.iter().map(|s| s.to_string()).collect());
            if let Some(s) = src {
                seg.source = Some(Text::verbatim(*s, 0, content.len()));
                content.push_str(s);
                content.push('\t');
            }
            seg.target = Some(Text::verbatim(*tgt, 0, content.len()));
            content.push_str(tgt);
            content.push('\n');
            segments.push(seg);
        }
        Document {
            files: vec![Arc::new(SourceFile::new(path, content, Escaping::None))],
            format: "text",
            source_lang: Lang::parse(source),
            target_lang: Lang::parse(target),
            segments,
        }
    }

    /// `check`'s streamed pass over `docs` cut into chunks of `len` segments, each sweep
    /// visiting them last to first; the findings sorted by position (stable).
    pub(crate) fn run_chunked(
        check: &dyn Check,
        docs: &[Document],
        run: &RunCtx<'_>,
        len: usize,
    ) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let Some(mut pass) = check.streamed_pass(run, docs) else {
            return out;
        };
        let chunks: Vec<(usize, &[Segment])> = docs
            .iter()
            .enumerate()
            .flat_map(|(i, d)| d.segments.chunks(len).map(move |c| (i, c)))
            .collect();
        for sweep in 0..pass.sweeps() {
            let mut kept: Vec<(usize, Kept)> = Vec::new();
            for (ordinal, &(i, segments)) in chunks.iter().enumerate().rev() {
                let chunk = Chunk {
                    ordinal,
                    doc_index: i,
                    doc: &docs[i],
                    segments,
                };
                if let Some(k) = pass.visit(sweep, &chunk, run, &mut out) {
                    kept.push((ordinal, k));
                }
            }
            kept.sort_by_key(|(o, _)| *o);
            let kept = kept.into_iter().map(|(_, k)| k).collect();
            pass.after_sweep(sweep, docs, kept, run, &mut out);
        }
        out.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        out
    }
}

#[cfg(test)]
mod streamed_tests {
    use super::streamed_testing::{doc, run_chunked, Unit};
    use super::*;
    use crate::checks::testing::generated_texts;
    use crate::checks::RuleSettings;
    use crate::config::Options;
    use crate::lang::script::dominant_script;

    #[test]
    fn counts_add_up_to_the_dominant_script() {
        let texts = generated_texts(
            &[
                "abc ",
                "中文",
                "かな",
                "한국",
                "Ωμέγα",
                "12 ",
                "，",
                "x",
                "汉",
            ],
            17,
            3000,
            8,
        );
        for group in texts.chunks(7) {
            let mut sum = ScriptCounts::default();
            for part in group.chunks(3) {
                let mut c = ScriptCounts::default();
                for t in part {
                    c.add_text(t);
                }
                sum.merge(&c);
            }
            let want = dominant_script(group.iter().map(String::as_str));
            assert_eq!(sum.dominant(), want, "{group:?}");
        }
    }

    #[test]
    fn the_streamed_pass_finds_what_the_whole_documents_gave() {
        let texts = generated_texts(
            &[
                "The server ",
                "服务器",
                "。",
                "so ",
                "かな",
                "(北京)",
                " 5.2万 ",
                "Beijing ",
            ],
            5,
            400,
            6,
        );
        let suppressed: &[&str] = &["leftover-source-script"];
        let mut docs = Vec::new();
        for (k, (source, target)) in [
            ("", ""),
            ("zh", ""),
            ("", "en"),
            ("zh", "en"),
            ("en", ""),
            ("ja", "fr"),
            ("", "zh"),
        ]
        .into_iter()
        .enumerate()
        {
            for (j, group) in texts.chunks(37 + k).enumerate() {
                let units: Vec<Unit<'_>> = group
                    .iter()
                    .enumerate()
                    .map(|(i, t)| {
                        let s: &[&str] = if i % 9 == 4 { suppressed } else { &[] };
                        (None, Some("源"), t.as_str(), s)
                    })
                    .collect();
                docs.push(doc(&format!("{k}-{j}.txt"), source, target, &units));
            }
        }
        let settings = RuleSettings::defaults();
        let options = Options::default();
        let run = RunCtx {
            rules: &settings,
            terms: None,
            options: &options,
        };
        let mut want: Vec<Diagnostic> = docs
            .iter()
            .flat_map(|d| oracle::check_document(d, &run))
            .collect();
        want.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        assert!(want.len() > 100, "{}", want.len());
        for len in [1, 3, 512] {
            assert!(
                run_chunked(&LeftoverScript, &docs, &run, len) == want,
                "{len}"
            );
        }
    }
}
