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
mod memory;
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
pub(crate) const SEGMENT_CHUNK: usize = 512;

/// A document whose segments are deferred but smaller than this (its files' bytes) keeps
/// them from the first sweep to the last when corpus passes sweep more than once: making
/// them again would cost more CPU (lexing a catalog piece again for each sweep) than
/// keeping them costs memory (about three bytes of segments per byte of catalog), while
/// the segments of larger files would dominate the peak. See
/// [`LoadOptions::keep_segments_below`].
const KEEP_SEGMENTS_BELOW: usize = 16 << 20;

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
    ///
    /// Both lists are usually sorted already: `other`'s findings are then merged in
    /// place, without the copy a full sort makes (a large run's findings are hundreds of
    /// megabytes).
    pub fn absorb(&mut self, other: Report) {
        let sorted = |f: &[Diagnostic]| f.windows(2).all(|w| w[0].sort_key() <= w[1].sort_key());
        if sorted(&self.findings) && sorted(&other.findings) {
            merge_sorted(&mut self.findings, other.findings);
            self.findings.dedup_by(|a, b| repeats(a, b));
        } else {
            self.findings.extend(other.findings);
            sort_findings(&mut self.findings);
        }
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
    findings.dedup_by(|a, b| repeats(a, b));
}

/// Move `other`'s findings into `all`, both sorted by [`Diagnostic::sort_key`], keeping it
/// sorted: what a stable sort of `all` followed by `other` gives (of equal keys, `all`'s
/// findings first), without its buffer. Done in the memory of the list that has room
/// for both (the other's buffer is freed), or else in `all`'s, grown: from the back in
/// `all`'s, from the front in `other`'s. A large list has room for another as large
/// ([`join_findings`] leaves it, in address space only), so no memory is touched but
/// the smaller list's size.
fn merge_sorted(all: &mut Vec<Diagnostic>, mut other: Vec<Diagnostic>) {
    let (n, m) = (all.len(), other.len());
    if m == 0 {
        return;
    }
    if all.capacity() - n < m && other.capacity() - m >= n {
        // SAFETY: as below, both lengths are 0 while findings move. `other`'s findings
        // move (overlapping copy) to slots `n..n + m` of its buffer, inside its capacity;
        // then each step moves the first finding not yet moved of one list to slot
        // `i + j` of that buffer, which is below `n + j`, where `other`'s next finding
        // is (or, once `all`'s are all moved, `i + j == n + j`: the rest are in place).
        // Every slot below `n + m` then holds one finding, each moved once; `all`'s old
        // buffer is freed empty.
        unsafe {
            all.set_len(0);
            other.set_len(0);
            let to = other.as_mut_ptr();
            let from = all.as_ptr();
            std::ptr::copy(to, to.add(n), m);
            let (mut i, mut j) = (0, 0);
            while i < n {
                let w = to.add(i + j);
                if j < m && (*to.add(n + j)).sort_key() < (*from.add(i)).sort_key() {
                    std::ptr::copy_nonoverlapping(to.add(n + j), w, 1);
                    j += 1;
                } else {
                    std::ptr::copy_nonoverlapping(from.add(i), w, 1);
                    i += 1;
                }
            }
            other.set_len(n + m);
        }
        *all = other;
        return;
    }
    all.reserve_exact(m);
    // SAFETY: both lengths are set to 0 first, so that a panic (there is none: keys are
    // compared) would leak the findings rather than drop any twice. Each step moves the
    // last finding not yet moved of one list to slot `i + j - 1` of `all`, which is past
    // the `i` findings of `all` not yet moved (`j > 0`) and inside its capacity
    // (`n + m`); once `other`'s are all moved, `all`'s first `i` are in place. Every slot
    // below `n + m` then holds one finding, each moved once; `other`'s buffer is freed
    // empty.
    unsafe {
        all.set_len(0);
        other.set_len(0);
        let to = all.as_mut_ptr();
        let from = other.as_ptr();
        let (mut i, mut j) = (n, m);
        while j > 0 {
            let w = to.add(i + j - 1);
            if i > 0 && (*to.add(i - 1)).sort_key() > (*from.add(j - 1)).sort_key() {
                std::ptr::copy_nonoverlapping(to.add(i - 1), w, 1);
                i -= 1;
            } else {
                std::ptr::copy_nonoverlapping(from.add(j - 1), w, 1);
                j -= 1;
            }
        }
        all.set_len(n + m);
    }
}

/// Findings lists of at least this many bytes are allocated with as much room again
/// ([`join_findings`]).
const HEADROOM_BYTES: usize = 8 << 20;

/// Let findings next to each other in the same segment share its identifier: those made
/// by the segment checks share it already ([`checks::SegmentCtx::report`]), but corpus
/// passes make their own copy (a segment's identifier is often its whole source text).
/// Sorted findings of one segment are next to each other.
fn share_segment_ids(findings: &mut [Diagnostic]) {
    for k in 1..findings.len() {
        let (done, rest) = findings.split_at_mut(k);
        if let (Some(prev), Some(id)) = (&done[k - 1].segment, &mut rest[0].segment) {
            if !std::sync::Arc::ptr_eq(prev, id) && **prev == **id {
                *id = std::sync::Arc::clone(prev);
            }
        }
    }
}

/// Whether one finding repeats another (what [`sort_findings`] drops).
fn repeats(a: &Diagnostic, b: &Diagnostic) -> bool {
    a.sort_key() == b.sort_key() && a.message == b.message
}

/// The findings of the segment pass, `parts` (one list per chunk of segments, in file order,
/// each sorted and without repeats), and of the corpus checks, as one list sorted by
/// [`sort_findings`]: exactly `sort_findings` of their concatenation.
///
/// Usually the parts follow each other in order: they are then moved, on every core, into
/// a list allocated once at its size, only the borders between parts are compared, and
/// the corpus findings (few) are merged in from the back ([`merge_sorted`]; a full sort
/// takes a buffer as large as the findings). (Collected through rayon's list of growing
/// vectors, a large run's findings were copied three times into fresh memory: a tenth of
/// the CPU time of a 50 MB CJK check.)
fn join_findings(parts: Vec<Vec<Diagnostic>>, corpus: Vec<Diagnostic>) -> Vec<Diagnostic> {
    // How many leading findings of each part repeat the last finding kept before it (a
    // run of repeats can straddle a border), and whether every border is in order.
    let mut skip = vec![0; parts.len()];
    let mut last: Option<&Diagnostic> = None;
    let mut in_order = true;
    for (k, part) in parts.iter().enumerate() {
        let Some(first) = part.first() else { continue };
        if let Some(l) = last {
            if l.sort_key() > first.sort_key() {
                in_order = false;
                break;
            }
            skip[k] = part.iter().take_while(|d| repeats(d, l)).count();
        }
        if skip[k] < part.len() {
            last = part.last();
        }
    }
    if !in_order {
        let mut all = Vec::with_capacity(parts.iter().map(Vec::len).sum::<usize>() + corpus.len());
        for part in parts {
            all.extend(part);
        }
        all.extend(corpus);
        // A repeat dropped inside a part is one `sort_findings` drops too: repeats have
        // equal keys, which the stable sort keeps together and in their order.
        sort_findings(&mut all);
        return all;
    }
    let total: usize = parts.iter().zip(&skip).map(|(p, s)| p.len() - s).sum();
    // Room for the corpus findings, merged in at the end, and, when the list is large,
    // for as many findings again: those of another check set absorbed later
    // ([`Report::absorb`]) are then merged in place, not into a copy of the whole (a
    // large run's findings are over a hundred megabytes). The room is address space
    // only: its pages are not touched unless filled.
    let mut cap = total + corpus.len();
    if cap * std::mem::size_of::<Diagnostic>() >= HEADROOM_BYTES {
        cap *= 2;
    }
    let mut all: Vec<Diagnostic> = Vec::with_capacity(cap);
    memory::prefault_spare(&mut all.spare_capacity_mut()[..total]);
    let mut spare = &mut all.spare_capacity_mut()[..total];
    let mut slots = Vec::with_capacity(parts.len());
    for (p, s) in parts.iter().zip(&skip) {
        let (slot, rest) = std::mem::take(&mut spare).split_at_mut(p.len() - s);
        slots.push(slot);
        spare = rest;
    }
    slots
        .into_par_iter()
        .zip(parts.into_par_iter().zip(skip))
        .with_min_len(64)
        .for_each(|(slot, (part, s))| {
            for (to, d) in slot.iter_mut().zip(part.into_iter().skip(s)) {
                to.write(d);
            }
        });
    // SAFETY: the slots cover the first `total` elements of the spare capacity, each slot
    // as long as what is left of its part, and every element was written above. (Had a
    // thread panicked, the length would still be 0: the findings leak, none is dropped
    // twice.)
    unsafe { all.set_len(total) };
    if !corpus.is_empty() {
        let mut corpus = corpus;
        // Stable, as the sort of the whole would be: of equal keys, the segment pass's
        // first, then the corpus findings in their order.
        corpus.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        merge_sorted(&mut all, corpus);
        // A repeat dropped between parts is one this drops too (see above).
        all.dedup_by(|a, b| repeats(a, b));
    }
    all
}

/// A unit of parallel work: up to [`SEGMENT_CHUNK`] segments of one document, or a unit of
/// its deferred segments.
enum Chunk<'a> {
    /// Segments of document `.0`.
    Made(usize, &'a [segment::Segment]),
    /// Unit `.2` of the deferred segments of document `.0`.
    Deferred(usize, &'a formats::DeferredSegments, usize),
}

impl<'a> Chunk<'a> {
    /// The document's index.
    fn doc_index(&self) -> usize {
        match self {
            Chunk::Made(i, _) | Chunk::Deferred(i, ..) => *i,
        }
    }

    /// The segments, when they are made already.
    fn made(&self) -> Option<&'a [segment::Segment]> {
        match self {
            Chunk::Made(_, segs) => Some(segs),
            Chunk::Deferred(..) => None,
        }
    }
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
        self.check_set_deferred(docs, &[], set).0
    }

    /// Whether an enabled check of `set` has a [`checks::StreamedPass`]: one that compares
    /// documents (a document left out by [`Engine::check_set_deferred`] and checked alone
    /// would not be compared with the others).
    pub fn has_streamed_pass(&self, docs: &[Document], set: CheckSet) -> bool {
        let run = RunCtx {
            rules: self.rules,
            terms: self.terms,
            options: self.options,
        };
        registry()
            .iter()
            .filter(|c| set.includes(c.as_ref()))
            .any(|c| c.streamed_pass(&run, docs).is_some())
    }

    /// [`Engine::check_set`] of documents some of whose segments are not made yet:
    /// `deferred[i]`, when present, makes those of `docs[i]` (whose own `segments` are
    /// then empty), a unit at a time, each unit dropped once checked. The findings are
    /// those of the documents with their segments made. Corpus passes
    /// ([`checks::StreamedPass`]) see the segments as they are made, in as many sweeps as
    /// they need (deferred segments are made again for each).
    ///
    /// Also returns the indices of the documents whose segments could not be made a unit
    /// at a time (see [`formats::DeferredSegments::fill`]): the report leaves them out
    /// entirely (findings and counts), and the caller reads and checks them whole (with
    /// the others again when [`Engine::has_streamed_pass`], which compares documents).
    pub fn check_set_deferred(
        &self,
        docs: &[Document],
        deferred: &[Option<formats::DeferredSegments>],
        set: CheckSet,
    ) -> (Report, Vec<usize>) {
        use std::sync::atomic::{AtomicBool, Ordering::Relaxed};
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
        let mut passes: Vec<Box<dyn checks::StreamedPass>> = checks
            .iter()
            .filter_map(|c| c.streamed_pass(&run, docs))
            .collect();
        // Asked once: a pass may change its mind as it learns. The segment checks run in
        // the last sweep; the passes' sweeps end with it.
        let wants: Vec<usize> = passes.iter().map(|p| p.sweeps()).collect();
        let sweeps = wants.iter().copied().max().unwrap_or(1).max(1);
        // Checks run over chunks of segments rather than whole documents, so one huge file
        // keeps every core busy.
        let chunks: Vec<Chunk<'_>> = docs
            .iter()
            .enumerate()
            .flat_map(|(i, doc)| -> Box<dyn Iterator<Item = Chunk<'_>> + '_> {
                match deferred.get(i) {
                    Some(Some(lazy)) => {
                        Box::new((0..lazy.units()).map(move |k| Chunk::Deferred(i, lazy, k)))
                    }
                    _ => Box::new(
                        doc.segments
                            .chunks(SEGMENT_CHUNK)
                            .map(move |c| Chunk::Made(i, c)),
                    ),
                }
            })
            .collect();
        // A document whose deferred segments could not be made.
        let failed: Vec<AtomicBool> = docs.iter().map(|_| Default::default()).collect();
        // The segments of `chunk`: its own, or made in `made` (emptied first).
        let segments_of = |chunk: &Chunk<'_>, made: &mut Vec<segment::Segment>| -> usize {
            match chunk {
                Chunk::Made(i, _) => *i,
                Chunk::Deferred(i, lazy, k) => {
                    made.clear();
                    if failed[*i].load(Relaxed) || !lazy.fill(&docs[*i], *k, made) {
                        failed[*i].store(true, Relaxed);
                        made.clear();
                    }
                    *i
                }
            }
        };
        // The deferred documents that keep their segments across sweeps, and those
        // segments, by chunk.
        let keep_below = self.load.keep_segments_below.unwrap_or(KEEP_SEGMENTS_BELOW);
        let keep: Vec<bool> = docs
            .iter()
            .enumerate()
            .map(|(i, doc)| {
                sweeps > 1
                    && matches!(deferred.get(i), Some(Some(_)))
                    && doc.files.iter().map(|f| f.content.len()).sum::<usize>() < keep_below
            })
            .collect();
        let mut stash: Vec<Option<Vec<segment::Segment>>> = Vec::new();
        // Findings of the passes' earlier sweeps, by chunk (joined to the chunk's others
        // in the last sweep, so each chunk's findings stay one sorted part).
        let mut early: Vec<Vec<Diagnostic>> = Vec::new();
        let mut corpus: Vec<Diagnostic> = Vec::new();
        for sweep in 0..sweeps - 1 {
            type Visited = (
                usize,
                Vec<Option<checks::Kept>>,
                Vec<Diagnostic>,
                Option<Vec<segment::Segment>>,
            );
            let visited: Vec<Visited> = chunks
                .par_iter()
                .enumerate()
                .map_init(Vec::new, |made, (ordinal, chunk)| {
                    let stashed = stash.get(ordinal).and_then(Option::as_deref);
                    let i = match stashed {
                        Some(_) => chunk.doc_index(),
                        None => segments_of(chunk, made),
                    };
                    let view = checks::Chunk {
                        ordinal,
                        doc_index: i,
                        doc: &docs[i],
                        segments: chunk.made().or(stashed).unwrap_or(made),
                    };
                    let mut out = Vec::new();
                    let kept = passes
                        .iter()
                        .zip(&wants)
                        .map(|(p, &wants)| {
                            (sweep < wants)
                                .then(|| p.visit(sweep, &view, &run, &mut out))
                                .flatten()
                        })
                        .collect();
                    let to_stash = (sweep == 0 && keep[i]).then(|| std::mem::take(made));
                    (i, kept, out, to_stash)
                })
                .collect();
            let mut by_pass: Vec<Vec<checks::Kept>> = passes.iter().map(|_| Vec::new()).collect();
            early.resize_with(chunks.len(), Vec::new);
            if sweep == 0 {
                stash.resize_with(chunks.len(), || None);
            }
            for (ordinal, (i, kept, mut out, to_stash)) in visited.into_iter().enumerate() {
                if failed[i].load(Relaxed) {
                    continue;
                }
                if to_stash.is_some() {
                    stash[ordinal] = to_stash;
                }
                early[ordinal].append(&mut out);
                for (to, k) in by_pass.iter_mut().zip(kept) {
                    to.extend(k);
                }
            }
            for ((pass, &wants), kept) in passes.iter_mut().zip(&wants).zip(by_pass) {
                if sweep < wants {
                    pass.after_sweep(sweep, docs, kept, &run, &mut corpus);
                }
            }
        }
        let last = sweeps - 1;
        early.resize_with(chunks.len(), Vec::new);
        stash.resize_with(chunks.len(), || None);
        let visited = chunks
            .par_iter()
            .zip(early.into_par_iter())
            .zip(stash.into_par_iter())
            .enumerate()
            // Findings are made in a buffer each task reuses, and each chunk's
            // are moved out at their exact size; deferred segments are made in
            // another, emptied after each chunk (so their memory is used again).
            .map_init(
                || (Vec::new(), Vec::new()),
                |(out, made): &mut (Vec<Diagnostic>, Vec<segment::Segment>),
                 (ordinal, ((chunk, mut early), stashed))| {
                    let i = match &stashed {
                        Some(_) => chunk.doc_index(),
                        None => segments_of(chunk, made),
                    };
                    let doc = &docs[i];
                    let segs = chunk.made().or(stashed.as_deref()).unwrap_or(made);
                    for seg in segs {
                        let mut ctx = SegmentCtx::new(&run, doc, seg, out);
                        for check in &checks {
                            check.check_segment(&mut ctx);
                        }
                    }
                    let view = checks::Chunk {
                        ordinal,
                        doc_index: i,
                        doc,
                        segments: segs,
                    };
                    let kept: Vec<Option<checks::Kept>> = passes
                        .iter()
                        .zip(&wants)
                        .map(|(p, &wants)| {
                            (last < wants)
                                .then(|| p.visit(last, &view, &run, out))
                                .flatten()
                        })
                        .collect();
                    // The earlier sweeps' findings first, as they were made first.
                    if !early.is_empty() {
                        early.append(out);
                        std::mem::swap(out, &mut early);
                    }
                    // Sorted here, in small pieces, so that the whole is usually
                    // sorted already (segments come in file order) and the global
                    // sort is skipped. Stable: the final order is the same either
                    // way.
                    out.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
                    out.dedup_by(|a, b| repeats(a, b));
                    share_segment_ids(out);
                    let mut part = Vec::with_capacity(out.len());
                    part.append(out);
                    (i, segs.len(), part, kept)
                },
            )
            .collect::<Vec<_>>();
        let failed: Vec<usize> = failed
            .iter()
            .enumerate()
            .filter(|(_, f)| f.load(Relaxed))
            .map(|(i, _)| i)
            .collect();
        let kept_doc = |i: &usize| !failed.contains(i);
        let mut segments = 0;
        let mut parts = Vec::with_capacity(visited.len());
        let mut by_pass: Vec<Vec<checks::Kept>> = passes.iter().map(|_| Vec::new()).collect();
        for (i, n, part, kept) in visited {
            if kept_doc(&i) {
                segments += n;
                parts.push(part);
                for (to, k) in by_pass.iter_mut().zip(kept) {
                    to.extend(k);
                }
            }
        }
        for ((pass, &wants), kept) in passes.iter_mut().zip(&wants).zip(by_pass) {
            if last < wants {
                pass.after_sweep(last, docs, kept, &run, &mut corpus);
            }
        }
        // A finding after a sweep about a document left out.
        if !failed.is_empty() {
            let left_out: std::collections::HashSet<&str> = failed
                .iter()
                .flat_map(|&i| docs[i].files.iter().map(|f| f.path.as_str()))
                .collect();
            corpus.retain(|d| !left_out.contains(&*d.file));
        }
        let findings = join_findings(parts, corpus);
        let kept_docs = || {
            docs.iter()
                .enumerate()
                .filter(|(i, _)| kept_doc(i))
                .map(|(_, d)| d)
        };
        let report = Report {
            findings,
            errors: Vec::new(),
            files: kept_docs().map(|d| d.files.len()).sum(),
            segments,
            sources: kept_docs().flat_map(|d| d.files.iter().cloned()).collect(),
            documents: Vec::new(),
        };
        (report, failed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Position;

    /// A finding at `line` of `file` by `rule`; `tag` tells apart findings that
    /// [`repeats`] takes for one (it is not in the message) and `message` those it does not.
    fn finding(
        file: &str,
        line: usize,
        rule: &'static str,
        message: &str,
        tag: usize,
    ) -> Diagnostic {
        Diagnostic {
            rule,
            severity: Severity::Warning,
            file: file.into(),
            side: segment::Side::Target,
            start: Position::new(line, 1),
            end: Position::new(line, 2),
            range: 0..1,
            text: "".into(),
            message: message.into(),
            suggestion: Some(tag.to_string()),
            note: None,
            segment: None,
            fix: None,
        }
    }

    /// The per-chunk lists of the segment pass, as `check_set` makes them.
    fn prepared(parts: &[Vec<Diagnostic>]) -> Vec<Vec<Diagnostic>> {
        parts
            .iter()
            .map(|p| {
                let mut p = p.clone();
                p.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
                p.dedup_by(|a, b| repeats(a, b));
                p
            })
            .collect()
    }

    proptest::proptest! {
        /// Joining sorted, repeat-free parts gives what sorting and deduplicating their
        /// concatenation gives, the same findings kept: parts in order or not, repeats
        /// inside parts and across borders (whole parts of them), empty parts, and
        /// corpus findings.
        #[test]
        fn joined_parts_are_the_sorted_concatenation(
            raw in proptest::collection::vec(
                proptest::collection::vec((0usize..2, 0usize..12, 0usize..2, 0usize..2), 0..6),
                0..12,
            ),
            corpus in proptest::collection::vec((0usize..2, 0usize..12, 0usize..2, 0usize..2), 0..3),
            ordered in proptest::bool::ANY,
        ) {
            let make = |k: usize, &(f, line, rule, msg): &(usize, usize, usize, usize), i: usize| {
                finding(
                    ["a.po", "b.po"][f],
                    // Parts in file order: each part's lines after the previous part's
                    // (with a shared border line), unless the case asks for disorder.
                    if ordered { k * 6 + line / 2 } else { line },
                    ["cjk-spacing", "cjk-punctuation"][rule],
                    ["m", "n"][msg],
                    k * 100 + i,
                )
            };
            let raw: Vec<Vec<Diagnostic>> = raw
                .iter()
                .enumerate()
                .map(|(k, p)| p.iter().enumerate().map(|(i, x)| make(k, x, i)).collect())
                .collect();
            let corpus: Vec<Diagnostic> =
                corpus.iter().enumerate().map(|(i, x)| make(99, x, i)).collect();
            let mut expected: Vec<Diagnostic> = raw.iter().flatten().cloned().collect();
            expected.extend(corpus.iter().cloned());
            sort_findings(&mut expected);
            let joined = join_findings(prepared(&raw), corpus);
            proptest::prop_assert_eq!(joined, expected);
        }
    }

    proptest::proptest! {
        /// Absorbing a report gives what the old extend and full sort gave, the same
        /// findings kept in the same order: both lists sorted (merged) or not (sorted),
        /// with repeats inside each and across them, empty lists.
        #[test]
        fn absorb_is_extend_and_sort(
            a in proptest::collection::vec((0usize..2, 0usize..12, 0usize..2, 0usize..2), 0..40),
            b in proptest::collection::vec((0usize..2, 0usize..12, 0usize..2, 0usize..2), 0..40),
            sort_a in proptest::bool::ANY,
            sort_b in proptest::bool::ANY,
            room_a in 0usize..50,
            room_b in 0usize..50,
        ) {
            let make = |k: usize, list: &[(usize, usize, usize, usize)], sorted: bool| {
                let mut v: Vec<Diagnostic> = list
                    .iter()
                    .enumerate()
                    .map(|(i, &(f, line, rule, msg))| {
                        finding(
                            ["a.po", "b.po"][f],
                            line,
                            ["cjk-spacing", "cjk-punctuation"][rule],
                            ["m", "n"][msg],
                            k * 100 + i,
                        )
                    })
                    .collect();
                if sorted {
                    sort_findings(&mut v);
                }
                v
            };
            // Spare room in either list decides where they are merged.
            let mut a = make(0, &a, sort_a);
            let mut b = make(1, &b, sort_b);
            a.reserve_exact(room_a);
            b.reserve_exact(room_b);
            let mut expected = a.clone();
            expected.extend(b.iter().cloned());
            sort_findings(&mut expected);
            let mut report = Report { findings: a, ..Report::default() };
            report.absorb(Report { findings: b, ..Report::default() });
            proptest::prop_assert_eq!(report.findings, expected);
        }
    }

    /// Merging moves every finding once, of equal keys the first list's first.
    #[test]
    fn merge_sorted_is_stable() {
        let mut all = vec![finding("a", 1, "r", "m", 0), finding("a", 3, "r", "m", 1)];
        let other = vec![
            finding("a", 1, "r", "m", 2),
            finding("a", 2, "r", "m", 3),
            finding("a", 4, "r", "m", 4),
        ];
        merge_sorted(&mut all, other);
        let tags: Vec<_> = all.iter().map(|d| d.suggestion.clone().unwrap()).collect();
        assert_eq!(tags, ["0", "2", "3", "1", "4"]);
        merge_sorted(&mut all, Vec::new());
        assert_eq!(all.len(), 5);
        let mut empty = Vec::new();
        merge_sorted(&mut empty, all.clone());
        assert_eq!(empty, all);
        // Into the buffer of the second list, which has the room: same order.
        let mut first = vec![finding("a", 1, "r", "m", 0), finding("a", 3, "r", "m", 1)];
        let mut second = Vec::with_capacity(10);
        second.extend([
            finding("a", 1, "r", "m", 2),
            finding("a", 2, "r", "m", 3),
            finding("a", 4, "r", "m", 4),
        ]);
        let at = second.as_ptr();
        merge_sorted(&mut first, second);
        assert_eq!(first.as_ptr(), at);
        assert_eq!(first, all);
    }

    /// A large joined list has room for as many findings again, its own left untouched.
    #[test]
    fn large_joined_lists_have_room() {
        let n = HEADROOM_BYTES / std::mem::size_of::<Diagnostic>() + 1;
        let part: Vec<Diagnostic> = (0..n).map(|i| finding("a", i + 1, "r", "m", 0)).collect();
        let joined = join_findings(vec![part.clone()], Vec::new());
        assert_eq!(joined, part);
        assert!(joined.capacity() >= 2 * n);
        let small = join_findings(vec![part[..10].to_vec()], Vec::new());
        assert_eq!(small.capacity(), 10);
    }

    /// Neighbours in one segment share its identifier; nothing else changes.
    #[test]
    fn neighbours_share_segment_ids() {
        let ids = [
            Some("s1"),
            Some("s1"),
            None,
            Some("s1"),
            Some("s2"),
            Some("s2"),
        ];
        let mut found: Vec<Diagnostic> = ids
            .iter()
            .enumerate()
            .map(|(i, id)| {
                let mut d = finding("a", i + 1, "r", "m", i);
                d.segment = id.map(std::sync::Arc::from);
                d
            })
            .collect();
        let before = found.clone();
        share_segment_ids(&mut found);
        assert_eq!(found, before);
        let id = |k: usize| found[k].segment.as_ref().unwrap();
        assert!(std::sync::Arc::ptr_eq(id(0), id(1)));
        assert!(!std::sync::Arc::ptr_eq(id(1), id(3)));
        assert!(std::sync::Arc::ptr_eq(id(4), id(5)));
    }

    /// Repeats straddling the borders of in-order parts are dropped, the first kept.
    #[test]
    fn repeats_across_parts_are_dropped() {
        let parts = vec![
            vec![finding("a", 1, "r", "m", 0), finding("a", 2, "r", "m", 1)],
            vec![finding("a", 2, "r", "m", 2)],
            vec![],
            vec![finding("a", 2, "r", "m", 3), finding("a", 2, "r", "n", 4)],
            vec![finding("a", 3, "r", "m", 5)],
        ];
        let joined = join_findings(parts, Vec::new());
        let tags: Vec<_> = joined
            .iter()
            .map(|d| d.suggestion.clone().unwrap())
            .collect();
        assert_eq!(tags, ["0", "1", "4", "5"]);
    }
}
