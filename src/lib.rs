//! termlint: translation-quality and glossary-consistency checks.
//!
//! The engine reads inputs into [`segment::Document`]s ([`formats`]), builds a
//! [`glossary::TermIndex`] from the glossaries, runs every enabled check ([`checks`]) over
//! the segments in parallel, and returns a [`Report`]. It never prints: [`report`] turns a
//! [`Report`] into human, JSON or other output.

pub mod baseline;
pub mod checks;
pub mod config;
pub mod diagnostic;
pub mod fix;
pub mod formats;
pub mod glossary;
pub mod lang;
pub mod report;
pub mod segment;
pub mod vcs;

/// `mi_option_purge_delay` in mimalloc 3's `mi_option_e`.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Tune mimalloc, which the `termlint` binary (and the benchmarks) allocate with, for
/// short runs: memory freed is kept for the next allocations instead of being handed back
/// to the system and faulted in again, zeroed (a fifth of the CPU time of a 10 MB check
/// with a 100k glossary went to zeroing such pages). Call it first thing in `main`;
/// harmless where mimalloc is not the global allocator.
pub fn tune_allocator() {
    // SAFETY: sets a process-wide option, which mimalloc reads atomically; no memory
    // is touched.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
}

use rayon::prelude::*;

use checks::{registry, RuleSettings, RunCtx, SegmentCtx};
use config::Options;
use diagnostic::{Diagnostic, InputError, Severity};
use formats::{Input, LoadOptions};
use glossary::TermIndex;
use segment::Document;

/// Segments per unit of parallel work: large enough to amortise scheduling, small enough
/// that a single large file spreads over every core.
const SEGMENT_CHUNK: usize = 512;

/// The outcome of a run: findings, unreadable inputs and counts.
#[derive(Debug, Default)]
pub struct Report {
    /// Findings, sorted by file, position and rule.
    pub findings: Vec<Diagnostic>,
    /// Inputs that could not be read or parsed.
    pub errors: Vec<InputError>,
    /// Files read.
    pub files: usize,
    /// Segments checked.
    pub segments: usize,
    /// The files read, for reporters that quote them.
    pub sources: Vec<std::sync::Arc<segment::SourceFile>>,
    /// The documents checked, for reporters that show whole segments (HTML). Filled by
    /// [`Engine::run`] only when [`Engine::keep_documents`] is set.
    pub documents: Vec<Document>,
}

impl Report {
    /// Add the findings of `other`, a report on the same documents by other checks
    /// ([`CheckSet`]), keeping the order of [`Report::findings`].
    pub fn absorb(&mut self, other: Report) {
        self.findings.extend(other.findings);
        sort_findings(&mut self.findings);
        self.errors.extend(other.errors);
    }

    /// The exit code SPEC §1 prescribes: 2 for unreadable inputs, 1 for `error` findings.
    pub fn exit_code(&self) -> i32 {
        if !self.errors.is_empty() {
            2
        } else if self.findings.iter().any(|f| f.severity == Severity::Error) {
            1
        } else {
            0
        }
    }
}

/// Which of the enabled checks a call to [`Engine::check_set`] runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckSet {
    /// Every enabled check.
    All,
    /// The checks that do not read the glossary: they can run while it is indexed.
    WithoutGlossary,
    /// The checks that read the glossary.
    GlossaryOnly,
}

impl CheckSet {
    fn includes(self, check: &dyn checks::Check) -> bool {
        match self {
            CheckSet::All => true,
            CheckSet::WithoutGlossary => !check.uses_glossary(),
            CheckSet::GlossaryOnly => check.uses_glossary(),
        }
    }
}

/// Sort findings by [`Diagnostic::sort_key`] (stable) unless they are sorted already, and
/// drop repeats.
fn sort_findings(findings: &mut Vec<Diagnostic>) {
    // Stable, like `sort_by`: equal keys keep their order, so the output does not change.
    if !findings
        .windows(2)
        .all(|w| w[0].sort_key() <= w[1].sort_key())
    {
        findings.par_sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    }
    findings.dedup_by(|a, b| a.sort_key() == b.sort_key() && a.message == b.message);
}

/// Everything a check run needs besides the inputs.
pub struct Engine<'a> {
    /// Severities.
    pub rules: &'a RuleSettings,
    /// The glossary index, if any.
    pub terms: Option<&'a TermIndex>,
    /// Rule options.
    pub options: &'a Options,
    /// Reading options.
    pub load: &'a LoadOptions,
    /// Keep the documents in the report (for the HTML report).
    pub keep_documents: bool,
}

impl Engine<'_> {
    /// Read and check every input. Unreadable inputs are reported, the others still checked.
    pub fn run(&self, inputs: &[Input]) -> Report {
        // The checks' tables are built while the first input is read (a core is idle then).
        let ((), (docs, errors)) = rayon::join(
            || checks::prewarm(self.rules),
            || formats::load_each(inputs, self.load, || ()),
        );
        let mut report = self.check_documents(&docs);
        report.errors.extend(errors);
        if self.keep_documents {
            report.documents = docs;
        }
        report
            .errors
            .sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
        report
    }

    /// Check documents already read.
    pub fn check_documents(&self, docs: &[Document]) -> Report {
        self.check_set(docs, CheckSet::All)
    }

    /// Check documents already read with the enabled checks of `set`. Two calls, one
    /// for [`CheckSet::WithoutGlossary`] and one for [`CheckSet::GlossaryOnly`], merged
    /// with [`Report::absorb`], give the findings of [`Engine::check_documents`].
    pub fn check_set(&self, docs: &[Document], set: CheckSet) -> Report {
        let run = RunCtx {
            rules: self.rules,
            terms: self.terms,
            options: self.options,
        };
        // A check with every rule off would only ask, segment after segment, whether its
        // rules are on.
        let checks: Vec<_> = registry()
            .into_iter()
            .filter(|c| set.includes(c.as_ref()))
            .filter(|c| c.rules().iter().any(|r| self.rules.enabled(r.name)))
            .collect();
        // Segment checks run over chunks of segments rather than whole documents, so one
        // huge file keeps every core busy; corpus checks (each one pass over everything)
        // run beside them and beside each other.
        let chunks: Vec<(&Document, &[segment::Segment])> = docs
            .iter()
            .flat_map(|doc| doc.segments.chunks(SEGMENT_CHUNK).map(move |c| (doc, c)))
            .collect();
        let (mut findings, corpus) = rayon::join(
            || {
                chunks
                    .par_iter()
                    .flat_map_iter(|(doc, segs)| {
                        let mut out = Vec::new();
                        for seg in segs.iter() {
                            let mut ctx = SegmentCtx::new(&run, doc, seg, &mut out);
                            for check in &checks {
                                check.check_segment(&mut ctx);
                            }
                        }
                        // Sorted here, in small pieces, so that the whole is usually sorted
                        // already (segments come in file order) and the global sort below is
                        // skipped. Stable: the final order is the same either way.
                        out.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
                        out
                    })
                    .collect::<Vec<Diagnostic>>()
            },
            || {
                checks
                    .par_iter()
                    .flat_map_iter(|check| {
                        let mut out = Vec::new();
                        check.check_corpus(docs, &run, &mut out);
                        out
                    })
                    .collect::<Vec<Diagnostic>>()
            },
        );
        findings.extend(corpus);
        sort_findings(&mut findings);
        Report {
            findings,
            errors: Vec::new(),
            files: docs.iter().map(|d| d.files.len()).sum(),
            segments: docs.iter().map(|d| d.segments.len()).sum(),
            sources: docs.iter().flat_map(|d| d.files.iter().cloned()).collect(),
            documents: Vec::new(),
        }
    }
}
