//! Shared helpers for termlint's fuzz targets: invariants every parsed document must hold,
//! the full check pipeline with every rule on, and fix application that must keep files
//! parseable.

use std::sync::OnceLock;

use termlint::checks::{all_rules, RuleSettings};
use termlint::config::Options;
use termlint::diagnostic::{InputError, Severity};
use termlint::fix::{apply_edits, collect_edits, FixMode};
use termlint::formats::LoadOptions;
use termlint::glossary::{Glossary, TermIndex};
use termlint::segment::{Document, Side};
use termlint::{Engine, Report};

/// Every segment text's span lies inside its file, on character boundaries.
pub fn check_spans(doc: &Document) {
    for seg in &doc.segments {
        for side in [Side::Source, Side::Target] {
            let Some(t) = seg.text(side) else { continue };
            let file = doc.files.get(t.file).expect("text points at a file of the document");
            let content = &file.content;
            let span = t.file_span(0..t.as_str().len());
            assert!(
                span.start <= span.end && span.end <= content.len(),
                "span {span:?} outside {} bytes of {}",
                content.len(),
                file.path
            );
            assert!(
                content.is_char_boundary(span.start) && content.is_char_boundary(span.end),
                "span {span:?} not on char boundaries"
            );
            // Every decoded position maps somewhere inside the file.
            for (d, _) in t.as_str().char_indices() {
                let r = t.file_span(d..t.as_str().len());
                assert!(r.end <= content.len());
            }
        }
    }
}

/// Every registered rule, at least at warning level.
pub fn all_rules_on() -> &'static RuleSettings {
    static RULES: OnceLock<RuleSettings> = OnceLock::new();
    RULES.get_or_init(|| {
        let mut s = RuleSettings::defaults();
        for r in all_rules() {
            let sev = if r.default_severity == Severity::Off {
                Severity::Warning
            } else {
                r.default_severity
            };
            s.set(r.name, sev).expect("registered rule");
        }
        s
    })
}

/// A small English-Chinese glossary (with forbidden and do-not-translate terms).
pub fn glossary() -> &'static TermIndex {
    static INDEX: OnceLock<TermIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let csv = "source,target,forbidden,note\n\
                   commit,提交,承诺,git sense\n\
                   branch,分支,,\n\
                   HEAD,HEAD,,do not translate\n\
                   head,头,,\n\
                   repository,仓库,版本库,\n\
                   merge request,合并请求,,\n\
                   file,文件,档案,\n\
                   pull,拉取,,\n";
        let g = Glossary::from_csv("fuzz-glossary.csv", csv.as_bytes(), false)
            .expect("the built-in fuzz glossary parses");
        TermIndex::build(&[g])
    })
}

/// Options chosen by a selector byte (spacing conventions, source-side checks, a pattern).
pub fn options(sel: u8) -> Options {
    use termlint::config::{CjkQuoteSpacing, CjkSpacing};
    let mut o = Options {
        cjk_spacing: match sel % 3 {
            0 => CjkSpacing::Consistent,
            1 => CjkSpacing::Require,
            _ => CjkSpacing::Forbid,
        },
        cjk_spacing_quotes: match (sel / 3) % 3 {
            0 => CjkQuoteSpacing::Ignore,
            1 => CjkQuoteSpacing::Require,
            _ => CjkQuoteSpacing::Forbid,
        },
        cjk_spacing_units: sel & 0x10 != 0,
        cjk_check_source: sel & 0x20 != 0,
        words: vec!["termlint".into(), "gettext".into()],
        ..Options::default()
    };
    o.term_inconsistent.reverse = sel & 0x40 != 0;
    o
}

/// Run every check on `docs`.
pub fn check(docs: &[Document], options: &Options) -> Report {
    let load = LoadOptions::default();
    let engine = Engine {
        rules: all_rules_on(),
        terms: Some(glossary()),
        options,
        load: &load,
        keep_documents: false,
    };
    engine.check_documents(docs)
}

/// Check `doc`, apply every fix (safe and unsafe) to its files, re-read the fixed files with
/// `reparse` and repeat a few passes, as `termlint fix --unsafe-fixes` does. A file that
/// parsed before fixing must still parse after: a fix must never break a file.
pub fn fix_roundtrip(
    doc: Document,
    options: &Options,
    reparse: impl Fn(&[String]) -> Result<Document, InputError>,
) {
    let mut doc = doc;
    for _pass in 0..4 {
        check_spans(&doc);
        let report = check(std::slice::from_ref(&doc), options);
        for f in &report.findings {
            if let Some(fix) = &f.fix {
                for e in &fix.edits {
                    assert!(e.range.start <= e.range.end, "backwards edit {:?}", e.range);
                }
            }
        }
        let edits = collect_edits(&report.findings, FixMode { unsafe_fixes: true });
        if edits.is_empty() {
            return;
        }
        let mut contents: Vec<String> = doc.files.iter().map(|f| f.content.clone()).collect();
        let mut changed = false;
        for (path, file_edits) in &edits {
            let Some(i) = doc.files.iter().position(|f| &f.path == path) else {
                panic!("fix for a file not in the document: {path}");
            };
            let (new, n) = apply_edits(&contents[i], file_edits);
            if n > 0 && new != contents[i] {
                contents[i] = new;
                changed = true;
            }
        }
        if !changed {
            return;
        }
        doc = match reparse(&contents) {
            Ok(d) => d,
            Err(e) => panic!(
                "applying fixes broke the file: {e}\nbefore: {:?}\nafter: {:?}",
                doc.files.iter().map(|f| &f.content).collect::<Vec<_>>(),
                contents
            ),
        };
    }
}

/// Split fuzz bytes into two halves at the first `0xFF` byte (never in UTF-8 text).
pub fn split2(data: &[u8]) -> (&[u8], &[u8]) {
    match data.iter().position(|&b| b == 0xFF) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &[]),
    }
}
