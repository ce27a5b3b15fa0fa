//! TBX glossaries (v2 `martif` and v3 `tbx`, DCA and DCT styles): any bytes give a document
//! or an error naming the file with a line inside it, never a panic. A parsed document is
//! turned into glossary rows for several language pairs, indexed and matched; rows written
//! back as TBX v2 and v3 (`glossary convert`) must parse again to the same concepts. Rows
//! read concept by concept (`tbx::read_glossary`, what `check -g` uses) must equal the
//! document's rows, errors included.
#![no_main]
use libfuzzer_sys::fuzz_target;
use termlint::glossary::tbx::{self, TbxVersion};
use termlint::glossary::write::to_tbx;
use termlint::glossary::TermIndex;
use termlint::lang::Lang;

const PATH: &str = "fuzz.tbx";

fuzz_target!(|data: &[u8]| {
    // The last byte chooses the language pair and the TBX version written back, so a
    // seed is a TBX file as it is (its final newline is the selector).
    let Some((&sel, rest)) = data.split_last() else {
        return;
    };
    let doc = match tbx::parse(PATH, rest.to_vec()) {
        Ok(doc) => doc,
        Err(e) => {
            assert_eq!(e.file, PATH);
            if let Some(line) = e.line {
                let lines = rest.iter().filter(|&&b| b == b'\n').count() + 1;
                // UTF-16 files have fewer lines once decoded, never more.
                assert!(line >= 1 && line <= lines, "error line {line} of {lines}");
            }
            return;
        }
    };
    let _ = doc.languages();
    let en = Lang::parse("en");
    let zh = Lang::parse("zh-CN");
    let pairs: [(Option<&Lang>, Option<&Lang>); 4] = [
        (None, None),
        (en.as_ref(), zh.as_ref()),
        (zh.as_ref(), en.as_ref()),
        (None, zh.as_ref()),
    ];
    let (source, target) = pairs[(sel % 4) as usize];
    let rows = doc.to_glossary(PATH, source, target);
    let streamed = tbx::read_glossary(PATH, rest.to_vec(), source, target);
    assert_eq!(format!("{streamed:?}"), format!("{rows:?}"));
    let Ok(g) = rows else {
        return;
    };
    for w in &g.warnings {
        assert_eq!(w.file, PATH);
    }
    let index = TermIndex::build(std::slice::from_ref(&g));
    for e in g.entries.iter().take(16) {
        for m in index.find_source(&e.source, source) {
            let _ = index.term(&m);
        }
        for t in e.targets.iter().chain(&e.forbidden) {
            for m in index.find_target(t, target) {
                let _ = index.term(&m);
            }
        }
    }
    // `glossary convert`: the rows written as TBX read back to the same terms.
    if g.entries.is_empty() {
        return;
    }
    let Ok((sl, tl)) = doc.language_pair(PATH, source, target) else {
        panic!("to_glossary succeeded, so the language pair exists");
    };
    let version = if sel & 0x10 != 0 {
        TbxVersion::V3
    } else {
        TbxVersion::V2
    };
    let written = to_tbx(&g.entries, &sl, &tl, version, sel & 0x20 != 0);
    let again = tbx::parse_str("written.tbx", &written)
        .unwrap_or_else(|e| panic!("written TBX does not parse: {e:?}\n{written}"));
    assert_eq!(again.version, version);
    let back = again
        .to_glossary("written.tbx", Some(&sl), Some(&tl))
        .unwrap_or_else(|e| panic!("written TBX has no glossary: {e:?}\n{written}"));
    // Rows with the same id (or, without ids, the same source) are one concept, in the
    // index as in the writer: compare what the glossary means, concept by concept.
    let concepts =
        |g: &termlint::glossary::Glossary| -> Vec<(Vec<String>, Vec<String>, Vec<String>)> {
            TermIndex::build(std::slice::from_ref(g))
                .concepts
                .iter()
                .map(|c| (c.sources.clone(), c.targets.clone(), c.forbidden.clone()))
                .collect()
        };
    assert_eq!(
        concepts(&back),
        concepts(&g),
        "concepts changed in\n{written}"
    );
});
