//! Property tests for every reader: a span of decoded text maps back to the file bytes that
//! encode it (decoding those bytes gives the span again), and no input makes a parser
//! panic.

use proptest::prelude::*;

use super::*;
use crate::segment::{Escaping, Text};

/// Text with the characters escapes are about.
fn tricky() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just('"'),
            Just('\\'),
            Just('\n'),
            Just('\t'),
            Just('&'),
            Just('<'),
            Just('>'),
            Just(' '),
            Just('a'),
            Just('中'),
            Just('😀'),
            Just('\u{201c}'),
            any::<char>(),
        ],
        0..40,
    )
    .prop_map(|v| v.into_iter().collect())
}

/// Every decoded range between char boundaries.
fn ranges(s: &str) -> Vec<std::ops::Range<usize>> {
    let bounds: Vec<usize> = s
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(s.len()))
        .collect();
    let mut out = Vec::new();
    for (a, &i) in bounds.iter().enumerate() {
        for &j in &bounds[a + 1..] {
            out.push(i..j);
        }
    }
    out
}

fn unescape_po(bytes: &str) -> String {
    let mut out = String::new();
    let mut it = bytes.chars();
    while let Some(c) = it.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match it.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some(c) => out.push(c),
            None => {}
        }
    }
    out
}

/// Check that every decoded range maps to bytes that decode to it.
fn check_mapping(t: &Text, content: &str, unescape: impl Fn(&str) -> String) {
    for r in ranges(&t.value) {
        let bytes: String = t
            .file_ranges(r.clone())
            .into_iter()
            .map(|fr| content[fr].to_string())
            .collect();
        assert_eq!(unescape(&bytes), &t.value[r.clone()], "range {r:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn po_spans_map_back(s in tricky(), cuts in proptest::collection::vec(0usize..60, 0..4)) {
        let s: String = s.chars().filter(|c| !c.is_control() || matches!(c, '\n' | '\t')).collect();
        let esc = Escaping::Po.escape(&s);
        // split the escaped string into literals, never inside an escape
        let mut pieces = Vec::new();
        let mut last = 0;
        let mut cuts: Vec<usize> = cuts.into_iter().filter(|&c| c < esc.len()).collect();
        cuts.sort();
        for c in cuts {
            if c <= last || !esc.is_char_boundary(c) {
                continue;
            }
            let backslashes = esc[..c].chars().rev().take_while(|&ch| ch == '\\').count();
            if backslashes % 2 == 1 {
                continue;
            }
            pieces.push(&esc[last..c]);
            last = c;
        }
        pieces.push(&esc[last..]);
        let mut file = String::from("msgid \"\"\n");
        for p in &pieces {
            file.push_str(&format!("\"{p}\"\n"));
        }
        file.push_str("msgstr \"x\"\n");
        let cat = po::parse("p.po", file.clone()).unwrap();
        let t = cat.entries[0].msgid.as_ref().unwrap();
        prop_assert_eq!(&t.value, &s);
        check_mapping(t, &file, unescape_po);
    }

    #[test]
    fn xml_spans_map_back(s in tricky(), numeric in any::<bool>()) {
        let s: String = s
            .chars()
            .filter(|&c| c == '\n' || c == '\t' || (!c.is_control() && c != '\u{fffe}' && c != '\u{ffff}'))
            .collect();
        let esc: String = s
            .chars()
            .map(|c| match c {
                '&' => "&amp;".to_string(),
                '<' => "&lt;".to_string(),
                '>' => "&gt;".to_string(),
                '中' if numeric => "&#x4E2D;".to_string(),
                c => c.to_string(),
            })
            .collect();
        let file = format!("<a>{esc}</a>");
        let events = xml::parse("x.xml", &file).unwrap();
        let t = xml::element_text("x.xml", &file, &events, 0, 0).unwrap();
        prop_assert_eq!(&t.value, &s);
        check_mapping(&t, &file, |b| {
            b.replace("&lt;", "<").replace("&gt;", ">").replace("&#x4E2D;", "中").replace("&amp;", "&")
        });
    }

    #[test]
    fn json_spans_map_back(s in tricky()) {
        let lit = serde_json::to_string(&s).unwrap();
        let file = format!("{{\"k\": {lit}}}");
        let v = json::strings("j.json", &file, 0).unwrap();
        prop_assert_eq!(&v[0].1.value, &s);
        check_mapping(&v[0].1, &file, |b| {
            serde_json::from_str::<String>(&format!("\"{b}\"")).unwrap()
        });
    }

    #[test]
    fn csv_spans_map_back(s in tricky()) {
        let file = format!("source,target\nx,\"{}\"\n", s.replace('"', "\"\""));
        let d = csv::parse("c.csv", file.clone(), b',', &LoadOptions::default()).unwrap();
        let t = d.segments[0].target.as_ref().unwrap();
        prop_assert_eq!(&t.value, &s);
        check_mapping(t, &file, |b| b.replace("\"\"", "\""));
    }

    #[test]
    fn po_never_panics(s in "(msgid|msgstr|msgctxt|msgid_plural|msgstr\\[[0-9]\\]|#~|#,|#\\.|# |\"|\\\\|[a-z\n ]|\\\\[0-7x]|\r|中){0,60}") {
        if let Ok(cat) = po::parse("p.po", s) {
            let d = po::to_document(cat, &LoadOptions::default());
            for seg in &d.segments {
                let t = seg.target.as_ref().unwrap();
                let _ = t.file_ranges(0..t.value.len());
            }
        }
    }

    #[test]
    fn po_never_panics_on_bytes(b in proptest::collection::vec(any::<u8>(), 0..200)) {
        if let Ok(s) = po::decode("p.po", b) {
            let _ = po::parse("p.po", s);
        }
    }

    #[test]
    fn xml_readers_never_panic(s in "(<xliff version=\"(1.2|2.0)\">|<tmx>|<file>|<body>|<trans-unit id=\"1\">|<unit id=\"u\">|<segment>|<source>|<target>|<seg-source>|<mrk mtype=\"seg\" mid=\"1\">|<tu>|<tuv xml:lang=\"en\">|<tuv xml:lang=\"zh\">|<seg>|</[a-z-]{1,10}>|<[a-z]{1,4}/>|&amp;|&#x4E2D;|&[a-z]{0,4};?|<!\\[CDATA\\[x\\]\\]>|<!DOCTYPE a>|[a-z 中\n]){0,40}") {
        let _ = xliff::parse("x.xlf", s.clone(), &LoadOptions::default());
        let _ = tmx::parse("x.tmx", s, &LoadOptions::default());
    }

    #[test]
    fn table_json_markdown_interleaved_never_panic(s in "([\",;\t\n\r{}\\[\\]:a-z0-9 #>*`()!.。中\\\\-]|\\\\u[0-9a-fA-F]{0,4}){0,80}") {
        let _ = csv::parse("c.csv", s.clone(), b',', &LoadOptions::default());
        let _ = csv::parse("c.tsv", s.clone(), b'\t', &LoadOptions::default());
        let _ = json::strings("j.json", &s, 0);
        let _ = json::pair("a.json", s.clone(), "b.json", s.clone(), &LoadOptions::default());
        let _ = markdown::pair("a.md", s.clone(), "b.md", s.clone(), &LoadOptions::default());
        let _ = interleaved::parse("i.txt", s, &LoadOptions::default());
    }
}
