//! The checks. Each file in this folder is one check: its rule metadata (name, default
//! severity, summary, documentation), its logic and its tests. [`registry`] lists them all.
//!
//! A check sees one segment at a time through a [`SegmentCtx`] and reports through it.
//! Checks that compare segments across the whole input (consistency, a document's
//! majority style) have a corpus pass: a [`StreamedPass`] ([`Check::streamed_pass`]),
//! which sees the segments a [`Chunk`] at a time in one or more sweeps and keeps only what
//! it needs between them.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use crate::config::Options;
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Severity};
use crate::glossary::TermIndex;
use crate::lang::Lang;
use crate::segment::{Document, Segment, Side, Text};

mod accelerator_mismatch;
mod bracket_mismatch;
mod chinese_quotes;
mod chinese_regional_term;
mod chinese_script_mix;
mod chinese_typo;
mod cjk_punctuation;
mod cjk_spacing;
mod custom_pattern;
mod double_space;
mod end_punctuation;
mod leftover_script;
mod markup_mismatch;
mod merged_words;
mod number_hedge;
mod number_mismatch;
mod placeholder_mismatch;
mod punctuation_spacing;
mod repeated_word;
mod spelling_variant;
mod term_alternatives;
mod term_inconsistent;
mod terms;
mod untranslated;
mod url_mismatch;
mod whitespace_mismatch;

/// Whether and how a rule's findings can be repaired automatically.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fixable {
    /// No automatic fix.
    No,
    /// Fixes are safe.
    Safe,
    /// Fixes may change meaning and need `--unsafe-fixes`.
    Unsafe,
    /// Some fixes are safe, some unsafe.
    Sometimes,
}

/// Static description of one rule.
#[derive(Debug)]
pub struct RuleMeta {
    /// Stable kebab-case name.
    pub name: &'static str,
    /// Severity when the configuration says nothing.
    pub default_severity: Severity,
    /// One line: what fires it.
    pub summary: &'static str,
    /// Markdown documentation with the headings "What it does", "Why", "Example",
    /// "Options" and "Fix safety".
    pub doc: &'static str,
    /// Whether findings carry fixes.
    pub fixable: Fixable,
}

/// A check: one or more rules sharing one analysis.
pub trait Check: Send + Sync {
    /// The rules this check reports.
    fn rules(&self) -> &'static [&'static RuleMeta];

    /// Look at one segment.
    fn check_segment(&self, _ctx: &mut SegmentCtx<'_>) {}

    /// This run's corpus pass over `docs`, when the check has one and its rules are on in
    /// `run` (see [`StreamedPass`]): the engine makes segments while it checks them and
    /// drops them after, so `docs` may have their `segments` still to make: read only what
    /// describes them (languages, files).
    fn streamed_pass(
        &self,
        _run: &RunCtx<'_>,
        _docs: &[Document],
    ) -> Option<Box<dyn StreamedPass>> {
        None
    }

    /// Whether the check reads the glossary ([`RunCtx::terms`]). The others can run
    /// while a large glossary is still being indexed.
    fn uses_glossary(&self) -> bool {
        false
    }

    /// Build now what the check would build on first use (a word list, regexes), when
    /// `rules` turn it on. See [`prewarm`].
    fn prewarm(&self, _rules: &RuleSettings) {}
}

/// Consecutive segments of one document, as a [`StreamedPass`] sees them. The engine
/// cuts the input into the same chunks in every sweep and numbers them in input order.
pub struct Chunk<'a> {
    /// The chunk's number: chunks are numbered in input order, the same in every sweep, so
    /// `(ordinal, position in segments)` names a segment across sweeps.
    pub ordinal: usize,
    /// The index of the document in the run's input.
    pub doc_index: usize,
    /// The document (whose own `segments` may be empty when they are made a chunk at a
    /// time: read them from [`Chunk::segments`]).
    pub doc: &'a Document,
    /// The segments, in document order.
    pub segments: &'a [Segment],
}

/// What one sweep of a [`StreamedPass`] keeps of one chunk, handed back to
/// [`StreamedPass::after_sweep`] in input order.
pub type Kept = Box<dyn std::any::Any + Send>;

/// A corpus pass that sees the segments a chunk at a time, in one or more sweeps over
/// the whole input. Each sweep visits every chunk, on several threads and in no
/// particular order; what the visits keep is then handed to [`StreamedPass::after_sweep`]
/// in input order, where the pass decides what the next sweep looks for (a document's
/// majority style, the groups whose translations differ). Findings about a chunk's
/// segments are best made while visiting it; those made after a sweep go with the
/// others all the same.
///
/// Memory: the segments are dropped after each visit, so a pass holds only what it keeps
/// (counts, hashes, a few positions): that is what a large input costs beyond its text.
pub trait StreamedPass: Send + Sync {
    /// How many sweeps over the input the pass needs (at least one): asked once, before
    /// the first.
    fn sweeps(&self) -> usize {
        1
    }

    /// Sweep `sweep` (from 0) over `chunk`: findings go to `out`; what the pass keeps
    /// for [`StreamedPass::after_sweep`] is returned.
    fn visit(
        &self,
        sweep: usize,
        chunk: &Chunk<'_>,
        run: &RunCtx<'_>,
        out: &mut Vec<Diagnostic>,
    ) -> Option<Kept>;

    /// After sweep `sweep`: what the visits kept, in input order (the chunks that kept
    /// nothing left out). `docs` are the run's documents (their `segments` possibly
    /// empty).
    fn after_sweep(
        &mut self,
        _sweep: usize,
        _docs: &[Document],
        _kept: Vec<Kept>,
        _run: &RunCtx<'_>,
        _out: &mut Vec<Diagnostic>,
    ) {
    }
}

/// Run `pass` over `docs`, one chunk per document, one thread: what the engine does with
/// many chunks and threads, for tests and callers with few segments.
pub fn run_streamed(
    mut pass: Box<dyn StreamedPass>,
    docs: &[Document],
    run: &RunCtx<'_>,
    out: &mut Vec<Diagnostic>,
) {
    let sweeps = pass.sweeps();
    for sweep in 0..sweeps {
        let kept: Vec<Kept> = docs
            .iter()
            .enumerate()
            .filter_map(|(i, doc)| {
                let chunk = Chunk {
                    ordinal: i,
                    doc_index: i,
                    doc,
                    segments: &doc.segments,
                };
                pass.visit(sweep, &chunk, run, out)
            })
            .collect();
        pass.after_sweep(sweep, docs, kept, run, out);
    }
}

/// Build the tables and word lists the checks `rules` turn on build on first use, so that
/// no worker waits for them in the middle of a run (a thread that meets such a table while
/// another builds it waits: the English word list takes about 10 ms). Meant to run where a
/// core would be idle, such as beside the reading of the inputs, whose first steps are
/// sequential; harmless anywhere (what is built is built once).
pub fn prewarm(rules: &RuleSettings) {
    for check in registry() {
        if check.rules().iter().any(|r| rules.enabled(r.name)) {
            check.prewarm(rules);
        }
    }
}

/// Every check, in a fixed order. Adding a check: one line here.
pub fn registry() -> Vec<Box<dyn Check>> {
    vec![
        Box::new(terms::Terms),
        Box::new(double_space::DoubleSpace),
        Box::new(custom_pattern::CustomPatterns),
        Box::new(cjk_punctuation::CjkPunctuation),
        Box::new(cjk_spacing::CjkSpacingCheck),
        Box::new(number_mismatch::NumberCheck),
        Box::new(untranslated::Untranslated),
        Box::new(placeholder_mismatch::PlaceholderMismatch),
        Box::new(markup_mismatch::MarkupMismatch),
        Box::new(url_mismatch::UrlMismatch),
        Box::new(end_punctuation::EndPunctuation),
        Box::new(bracket_mismatch::BracketMismatch),
        Box::new(whitespace_mismatch::WhitespaceMismatch),
        Box::new(merged_words::MergedWords),
        Box::new(punctuation_spacing::PunctuationSpacing),
        Box::new(repeated_word::RepeatedWord),
        Box::new(leftover_script::LeftoverScript),
        Box::new(term_inconsistent::TermInconsistent),
        Box::new(term_alternatives::TermAlternatives),
        Box::new(spelling_variant::SpellingVariant),
        Box::new(chinese_script_mix::ChineseScriptMix),
        Box::new(chinese_regional_term::ChineseRegionalTerm),
        Box::new(chinese_quotes::ChineseQuotes),
        Box::new(chinese_typo::ChineseTypo),
        Box::new(accelerator_mismatch::AcceleratorMismatch),
    ]
}

/// Every rule's metadata, sorted by name.
pub fn all_rules() -> Vec<&'static RuleMeta> {
    let mut rules: Vec<&'static RuleMeta> = registry()
        .iter()
        .flat_map(|c| c.rules().iter().copied())
        .collect();
    rules.sort_by_key(|r| r.name);
    rules
}

/// Find a rule by name.
pub fn find_rule(name: &str) -> Option<&'static RuleMeta> {
    all_rules().into_iter().find(|r| r.name == name)
}

/// The severity in force for each rule.
#[derive(Debug, Clone, Default)]
pub struct RuleSettings {
    severities: HashMap<&'static str, Severity, foldhash::fast::FixedState>,
    /// The same severities keyed by the address of the rule's static name. Every check asks
    /// for its own rules for every segment, always with a static `&str`, so a lookup is
    /// mostly one integer hash instead of hashing and comparing the name. Every
    /// [`RuleMeta`] is a `static` (a `const` would be copied into every codegen unit that
    /// uses it, and the same name would live at several addresses), so rule lookups hit;
    /// other names (a `&str` built at run time) fall back to `severities`, hashed with
    /// foldhash (not SipHash).
    by_address: AddressTable,
}

/// Severities keyed by the address and length of a rule's static name, in a table of
/// [`ADDRESS_SLOTS`] slots where a multiplicative hash of the address, its multiplier
/// chosen when the table is made, gives every rule a slot of its own: a lookup is one
/// probe (the few million lookups of a large run cost a fiftieth of a 10 MB check with
/// linear probing). A name found nowhere is looked up by name.
#[derive(Debug, Clone, Default)]
struct AddressTable {
    slots: Vec<Option<(usize, usize, Severity)>>,
    multiplier: usize,
}

/// Slots of an [`AddressTable`] (a power of two, well above the number of rules).
const ADDRESS_SLOTS: usize = 256;

impl AddressTable {
    fn slot(ptr: usize, multiplier: usize) -> usize {
        ptr.wrapping_mul(multiplier) >> (usize::BITS - ADDRESS_SLOTS.trailing_zeros())
    }

    fn new<'a>(entries: impl Iterator<Item = (&'a str, Severity)>) -> Self {
        let entries: Vec<(usize, usize, Severity)> = entries
            .map(|(name, sev)| (name.as_ptr() as usize, name.len(), sev))
            .collect();
        // Odd multipliers from a fixed sequence until one spreads the addresses without
        // a collision (with 30 rules in 256 slots, about one in six does).
        let mut multiplier: usize = 0x9E37_79B9_7F4A_7C15_u64 as usize;
        for _ in 0..4096 {
            let mut slots = vec![None; ADDRESS_SLOTS];
            let mut clash = false;
            for &(ptr, len, sev) in &entries {
                let slot = &mut slots[Self::slot(ptr, multiplier)];
                match slot {
                    Some((p, l, _)) if (*p, *l) != (ptr, len) => {
                        clash = true;
                        break;
                    }
                    _ => *slot = Some((ptr, len, sev)),
                }
            }
            if !clash {
                return AddressTable { slots, multiplier };
            }
            multiplier = multiplier
                .wrapping_mul(6364136223846793005_u64 as usize)
                .wrapping_add(1442695040888963407_u64 as usize)
                | 1;
        }
        // Never seen: every lookup goes by name.
        AddressTable::default()
    }

    #[inline]
    fn get(&self, name: &str) -> Option<Severity> {
        if self.slots.is_empty() {
            return None;
        }
        let key = (name.as_ptr() as usize, name.len());
        match self.slots[Self::slot(key.0, self.multiplier)] {
            Some((p, l, sev)) if (p, l) == key => Some(sev),
            _ => None,
        }
    }
}

impl RuleSettings {
    /// Defaults for every registered rule.
    pub fn defaults() -> Self {
        let severities = all_rules()
            .into_iter()
            .map(|r| (r.name, r.default_severity))
            .collect::<HashMap<_, _, foldhash::fast::FixedState>>();
        let mut settings = RuleSettings {
            severities,
            by_address: AddressTable::default(),
        };
        settings.reindex();
        settings
    }

    /// Set a rule's severity. Errors on an unknown rule name.
    pub fn set(&mut self, rule: &str, severity: Severity) -> Result<(), String> {
        match self.severities.keys().find(|k| **k == rule).copied() {
            Some(k) => {
                self.severities.insert(k, severity);
                self.reindex();
                Ok(())
            }
            None => Err(unknown_rule(rule)),
        }
    }

    /// Keep only `rules` (`--select`): the others are turned off; a selected rule that is off
    /// by default is turned on at its documented default or `warning`.
    pub fn select(&mut self, rules: &[String]) -> Result<(), String> {
        for r in rules {
            if !self.severities.contains_key(r.as_str()) {
                return Err(unknown_rule(r));
            }
        }
        for (name, sev) in self.severities.iter_mut() {
            if rules.iter().any(|r| r == name) {
                if *sev == Severity::Off {
                    *sev = Severity::Warning;
                }
            } else {
                *sev = Severity::Off;
            }
        }
        self.reindex();
        Ok(())
    }

    /// Turn `rules` off (`--ignore`).
    pub fn ignore(&mut self, rules: &[String]) -> Result<(), String> {
        for r in rules {
            self.set(r, Severity::Off)?;
        }
        Ok(())
    }

    /// The severity of `rule` (`Off` for unknown names).
    #[inline]
    pub fn severity(&self, rule: &str) -> Severity {
        match self.by_address.get(rule) {
            Some(s) => s,
            None => self.severities.get(rule).copied().unwrap_or(Severity::Off),
        }
    }

    /// Whether `rule` is on.
    #[inline]
    pub fn enabled(&self, rule: &str) -> bool {
        self.severity(rule) != Severity::Off
    }

    fn reindex(&mut self) {
        self.by_address = AddressTable::new(self.severities.iter().map(|(k, s)| (*k, *s)));
    }
}

fn unknown_rule(rule: &str) -> String {
    let names: Vec<&str> = all_rules().iter().map(|r| r.name).collect();
    let close = names
        .iter()
        .map(|n| (strsim::levenshtein(n, rule), *n))
        .min()
        .filter(|(d, _)| *d <= 3)
        .map(|(_, n)| format!(" (did you mean `{n}`?)"))
        .unwrap_or_default();
    format!("unknown rule `{rule}`{close}; `termlint rules` lists them")
}

/// What every check may consult during one run.
pub struct RunCtx<'a> {
    /// Severities in force.
    pub rules: &'a RuleSettings,
    /// The glossary index, when glossaries were given.
    pub terms: Option<&'a TermIndex>,
    /// Rule options.
    pub options: &'a Options,
}

/// One segment under check, with the means to report on it.
pub struct SegmentCtx<'a> {
    /// The run.
    pub run: &'a RunCtx<'a>,
    /// The document the segment belongs to.
    pub doc: &'a Document,
    /// The segment.
    pub seg: &'a Segment,
    out: &'a mut Vec<Diagnostic>,
    /// The segment's identifier, shared by its findings (made at the first).
    id: Option<Arc<str>>,
}

impl<'a> SegmentCtx<'a> {
    /// Wrap a segment for checking; findings go to `out`.
    pub fn new(
        run: &'a RunCtx<'a>,
        doc: &'a Document,
        seg: &'a Segment,
        out: &'a mut Vec<Diagnostic>,
    ) -> Self {
        SegmentCtx {
            run,
            doc,
            seg,
            out,
            id: None,
        }
    }

    /// The source text (absent in monolingual mode).
    pub fn source(&self) -> Option<&'a Text> {
        self.seg.source.as_ref()
    }

    /// The target text.
    pub fn target(&self) -> Option<&'a Text> {
        self.seg.target.as_ref()
    }

    /// The language of `side`, where known.
    pub fn lang(&self, side: Side) -> Option<&'a Lang> {
        match side {
            Side::Source => self.doc.source_lang.as_ref(),
            Side::Target => self.doc.target_lang.as_ref(),
        }
    }

    /// Whether `rule` is on for this segment (enabled and not suppressed inline).
    pub fn enabled(&self, rule: &RuleMeta) -> bool {
        self.run.rules.enabled(rule.name)
            && !self
                .seg
                .suppressed()
                .iter()
                .any(|s| s == rule.name || s == "all")
    }

    /// Report a finding on `side` at decoded range `range`; returns it for decoration
    /// (`suggestion`, `note`, `fix`). Nothing is reported when the rule is off.
    pub fn report(
        &mut self,
        rule: &'static RuleMeta,
        side: Side,
        range: Range<usize>,
        message: impl Into<String>,
    ) -> Option<&mut Diagnostic> {
        if !self.enabled(rule) {
            return None;
        }
        let text = self.seg.text(side)?;
        let seg = self.seg;
        let id = self.id.get_or_insert_with(|| Arc::from(seg.id().as_ref()));
        let diag = locate(
            self.doc,
            text,
            rule.name,
            self.run.rules.severity(rule.name),
            side,
            range,
            message.into(),
            Some(Arc::clone(id)),
        );
        self.out.push(diag);
        self.out.last_mut()
    }

    /// An edit replacing decoded `range` of the text on `side` with `replacement`, escaped
    /// for the file. `None` when the range does not map to one contiguous run of file bytes.
    pub fn edit(&self, side: Side, range: Range<usize>, replacement: &str) -> Option<Edit> {
        let text = self.seg.text(side)?;
        make_edit(self.doc, text, range, replacement)
    }

    /// A fix made of one edit.
    pub fn fix(
        &self,
        side: Side,
        range: Range<usize>,
        replacement: &str,
        applicability: Applicability,
    ) -> Option<Fix> {
        Some(Fix {
            edits: vec![self.edit(side, range, replacement)?],
            applicability,
        })
    }
}

/// Build an edit for decoded `range` of `text`.
pub fn make_edit(
    doc: &Document,
    text: &Text,
    range: Range<usize>,
    replacement: &str,
) -> Option<Edit> {
    let ranges = text.file_ranges(range);
    if ranges.len() != 1 {
        return None;
    }
    let escaping = doc.files.get(text.file)?.escaping;
    Some(Edit {
        range: ranges[0].clone(),
        replacement: shared_str(&escaping.escape(replacement)),
    })
}

/// Build a located diagnostic for decoded `range` of `text` in `doc`.
#[allow(clippy::too_many_arguments)]
pub fn make_diagnostic(
    doc: &Document,
    text: &Text,
    rule: &'static str,
    severity: Severity,
    side: Side,
    range: Range<usize>,
    message: String,
    segment: Option<String>,
) -> Diagnostic {
    locate(
        doc,
        text,
        rule,
        severity,
        side,
        range,
        message,
        segment.map(Arc::from),
    )
}

/// `s`, shared with the findings this thread made last that hold the same message, text
/// or replacement: most findings say what others of their rule say (a 50 MB catalog's 40,000
/// `cjk-spacing` findings have two messages), about the same few characters, and a copy
/// each took a hundred bytes or so. The strings are forgotten when too many, so that
/// those that do not repeat are not held.
fn shared_str(s: &str) -> Arc<str> {
    use std::cell::RefCell;
    use std::collections::HashSet;
    /// Strings held at most.
    const HELD: usize = 1024;
    thread_local! {
        static SEEN: RefCell<HashSet<Arc<str>, foldhash::fast::RandomState>> =
            RefCell::default();
    }
    SEEN.with(|seen| {
        let mut seen = seen.borrow_mut();
        if let Some(m) = seen.get(s) {
            return Arc::clone(m);
        }
        if seen.len() >= HELD {
            seen.clear();
        }
        let m = Arc::<str>::from(s);
        seen.insert(Arc::clone(&m));
        m
    })
}

/// [`make_diagnostic`] with the segment's identifier shared.
#[allow(clippy::too_many_arguments)]
fn locate(
    doc: &Document,
    text: &Text,
    rule: &'static str,
    severity: Severity,
    side: Side,
    range: Range<usize>,
    message: String,
    segment: Option<Arc<str>>,
) -> Diagnostic {
    let file = &doc.files[text.file];
    let span = text.file_span(range.clone());
    let (l1, c1) = file.position(span.start);
    let (l2, c2) = file.position(span.end);
    Diagnostic {
        rule,
        severity,
        file: Arc::clone(file.shared_path()),
        side,
        start: crate::diagnostic::Position::new(l1, c1),
        end: crate::diagnostic::Position::new(l2, c2),
        range: span,
        text: shared_str(text.value.get(range).unwrap_or_default()),
        message: shared_str(&message),
        suggestion: None,
        note: None,
        segment,
        fix: None,
    }
}

#[cfg(test)]
pub(crate) mod testing {
    //! Helpers for check tests: run one check on a sentence pair.
    use super::*;
    use crate::segment::{Escaping, SourceFile};

    /// `count` texts of one to `max_pieces` of `pieces` each, chosen by a fixed
    /// pseudo-random sequence from `seed`: generated input for tests that hold a fast scan
    /// to a plain one.
    pub(crate) fn generated_texts(
        pieces: &[&str],
        mut seed: u64,
        count: usize,
        max_pieces: u64,
    ) -> Vec<String> {
        (0..count)
            .map(|_| {
                let mut t = String::new();
                for _ in 0..(seed % max_pieces + 1) {
                    seed = next(seed);
                    t.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
                }
                t
            })
            .collect()
    }

    /// The step of the linear congruential generator behind [`generated_texts`] and
    /// [`pseudo_random`].
    fn next(seed: u64) -> u64 {
        seed.wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407)
    }

    /// A fixed pseudo-random sequence from `seed` (a linear congruential generator): each
    /// call gives a number below its argument, which must not be 0.
    pub(crate) fn pseudo_random(mut seed: u64) -> impl FnMut(usize) -> usize {
        move |n| {
            seed = next(seed);
            (seed >> 33) as usize % n
        }
    }

    /// Run every registered check with default settings on one segment.
    pub fn run_pair(
        source: Option<(&str, &str)>,
        target: (&str, &str),
        terms: Option<&TermIndex>,
        options: &Options,
    ) -> Vec<Diagnostic> {
        let mut files = Vec::new();
        let mut seg = Segment {
            id: "1".into(),
            ..Default::default()
        };
        let mut source_lang = None;
        if let Some((lang, s)) = source {
            files.push(std::sync::Arc::new(SourceFile::new(
                "src.txt",
                s.to_string(),
                Escaping::None,
            )));
            seg.source = Some(Text::verbatim(s, 0, 0));
            source_lang = Lang::parse(lang);
        }
        files.push(std::sync::Arc::new(SourceFile::new(
            "tgt.txt",
            target.1.to_string(),
            Escaping::None,
        )));
        seg.target = Some(Text::verbatim(target.1, files.len() - 1, 0));
        let doc = Document {
            files,
            format: "text",
            source_lang,
            target_lang: Lang::parse(target.0),
            segments: vec![seg],
        };
        let settings = RuleSettings::defaults();
        let run = RunCtx {
            rules: &settings,
            terms,
            options,
        };
        let mut out = Vec::new();
        for check in registry() {
            for seg in &doc.segments {
                let mut ctx = SegmentCtx::new(&run, &doc, seg, &mut out);
                check.check_segment(&mut ctx);
            }
        }
        for check in registry() {
            if let Some(pass) = check.streamed_pass(&run, std::slice::from_ref(&doc)) {
                run_streamed(pass, std::slice::from_ref(&doc), &run, &mut out);
            }
        }
        out
    }

    /// The (rule, text) pairs of findings of `rule`.
    pub fn findings_of<'a>(diags: &'a [Diagnostic], rule: &str) -> Vec<&'a str> {
        diags
            .iter()
            .filter(|d| d.rule == rule)
            .map(|d| &*d.text)
            .collect()
    }
}

#[cfg(test)]
mod tests {

    use super::*;

    #[test]
    fn severities_by_address_and_by_name_agree() {
        let rules = all_rules();
        assert!(rules.len() * 2 <= ADDRESS_SLOTS, "{} rules", rules.len());
        let mut settings = RuleSettings::defaults();
        // Every rule has a slot of its own: lookups by address are one probe.
        assert!(!settings.by_address.slots.is_empty());
        for r in &rules {
            assert_eq!(settings.by_address.get(r.name), Some(r.default_severity));
            // The static name (found by address) and a copy (found by name).
            assert_eq!(settings.severity(r.name), r.default_severity, "{}", r.name);
            assert_eq!(settings.severity(&copy_of(r.name)), r.default_severity);
        }
        settings
            .select(&[
                "double-space".to_string(),
                "missing-translation".to_string(),
            ])
            .unwrap();
        for r in &rules {
            let want = match r.name {
                "double-space" => r.default_severity,
                "missing-translation" => Severity::Warning,
                _ => Severity::Off,
            };
            assert_eq!(settings.severity(r.name), want, "{}", r.name);
            assert_eq!(settings.severity(&copy_of(r.name)), want);
        }
        assert_eq!(settings.severity("no-such-rule"), Severity::Off);
        settings.set("double-space", Severity::Error).unwrap();
        assert_eq!(
            settings.severity(rules_named("double-space")),
            Severity::Error
        );
    }

    /// The same name at another address (found by name, not by address).
    fn copy_of(name: &str) -> String {
        name.chars().collect()
    }

    fn rules_named(name: &str) -> &'static str {
        find_rule(name).unwrap().name
    }
}

#[cfg(test)]
mod shared_tests {
    use super::*;

    /// Equal strings are shared, others not; past the strings held, still equal.
    #[test]
    fn equal_strings_are_shared() {
        let a = shared_str("half-width `:`");
        let b = shared_str(&String::from("half-width `:`"));
        assert!(Arc::ptr_eq(&a, &b));
        assert!(!Arc::ptr_eq(&a, &shared_str("half-width `.`")));
        for k in 0..3000 {
            let s = format!("message {k}");
            assert_eq!(&*shared_str(&s), s);
        }
        assert_eq!(&*shared_str("half-width `:`"), "half-width `:`");
    }
}
