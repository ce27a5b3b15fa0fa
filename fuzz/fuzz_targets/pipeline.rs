//! The whole check pipeline, every rule on, with a glossary, on segment pairs built from the
//! input (PO, XLIFF, JSON, Markdown, interleaved text, CSV) or on raw PO/XLIFF files; then
//! every fix (safe and unsafe) is applied and the fixed files must still parse.
#![no_main]
use libfuzzer_sys::fuzz_target;
use termlint::diagnostic::InputError;
use termlint::formats::{csv, interleaved, json, markdown, po, xliff, LoadOptions};
use termlint::lang::Lang;
use termlint::segment::{Document, Escaping};

/// Source/target segment pairs: the two halves split at 0xFF, each cut at 0x1E.
fn pairs(data: &[u8]) -> Vec<(String, String)> {
    let (a, b) = termlint_fuzz::split2(data);
    let a = String::from_utf8_lossy(a).replace('\0', "");
    let b = String::from_utf8_lossy(b).replace('\0', "");
    let sa: Vec<&str> = a.split('\u{1e}').collect();
    let sb: Vec<&str> = b.split('\u{1e}').collect();
    (0..sa.len().max(sb.len()))
        .map(|i| {
            (
                sa.get(i).copied().unwrap_or("").to_string(),
                sb.get(i).copied().unwrap_or("").to_string(),
            )
        })
        .collect()
}

fn xml_text(s: &str, raw: bool) -> String {
    let s: String = s
        .chars()
        .filter(|&c| c >= ' ' || matches!(c, '\t' | '\n' | '\r'))
        .collect();
    if raw {
        s
    } else {
        Escaping::Xml.escape(&s)
    }
}

fn langs(doc: &mut Document, zh_to_en: bool) {
    let (s, t) = if zh_to_en { ("zh-CN", "en") } else { ("en", "zh-CN") };
    doc.source_lang = Lang::parse(s);
    doc.target_lang = Lang::parse(t);
}

type Reparse = Box<dyn Fn(&[String]) -> Result<Document, InputError>>;

fn po_doc(content: String) -> Result<Document, InputError> {
    po::parse("fuzz.po", content).map(|c| po::to_document(c, &LoadOptions::default()))
}

fn xliff_doc(content: String) -> Result<Document, InputError> {
    xliff::parse("fuzz.xlf", content, &LoadOptions::default())
}

fuzz_target!(|data: &[u8]| {
    let [sel, opt, rest @ ..] = data else {
        return;
    };
    let (sel, opt) = (*sel, *opt);
    let zh_to_en = sel & 0x80 != 0;
    let options = termlint_fuzz::options(opt);
    let load = LoadOptions::default();
    let (first, reparse): (Result<Document, InputError>, Reparse) = match sel % 8 {
        0 => {
            let mut po = String::from(
                "msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n\n",
            );
            for (i, (s, t)) in pairs(rest).iter().enumerate() {
                let s = if s.is_empty() { "x" } else { s.as_str() };
                po.push_str(&format!(
                    "#: f.c:{i}\nmsgctxt \"{i}\"\nmsgid \"{}\"\nmsgstr \"{}\"\n\n",
                    Escaping::Po.escape(s),
                    Escaping::Po.escape(t)
                ));
            }
            (po_doc(po), Box::new(|c| po_doc(c[0].clone())))
        }
        1 => {
            let raw = sel & 0x40 != 0;
            let mut x = String::from(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xliff version=\"1.2\"><file source-language=\"en\" target-language=\"zh-CN\" datatype=\"plaintext\" original=\"f\"><body>\n",
            );
            for (i, (s, t)) in pairs(rest).iter().enumerate() {
                x.push_str(&format!(
                    "<trans-unit id=\"{i}\"><source>{}</source><target>{}</target></trans-unit>\n",
                    xml_text(s, raw),
                    xml_text(t, raw)
                ));
            }
            x.push_str("</body></file></xliff>\n");
            (xliff_doc(x), Box::new(|c| xliff_doc(c[0].clone())))
        }
        2 => {
            let mut s = String::from("{\n");
            let mut t = String::from("{\n");
            for (i, (a, b)) in pairs(rest).iter().enumerate() {
                let sep = if i == 0 { "" } else { ",\n" };
                s.push_str(&format!("{sep}  \"k{i}\": \"{}\"", Escaping::Json.escape(a)));
                t.push_str(&format!("{sep}  \"k{i}\": \"{}\"", Escaping::Json.escape(b)));
            }
            s.push_str("\n}\n");
            t.push_str("\n}\n");
            let rp = |s: String, t: String| {
                json::pair("en.json", s, "zh-CN.json", t, &LoadOptions::default())
            };
            (
                rp(s, t),
                Box::new(move |c| rp(c[0].clone(), c[1].clone())),
            )
        }
        3 => {
            let (a, b) = termlint_fuzz::split2(rest);
            let rp = |s: String, t: String| {
                markdown::pair("en.md", s, "zh.md", t, &LoadOptions::default())
            };
            (
                rp(
                    String::from_utf8_lossy(a).into_owned(),
                    String::from_utf8_lossy(b).into_owned(),
                ),
                Box::new(move |c| rp(c[0].clone(), c[1].clone())),
            )
        }
        4 => {
            let rp = |s: String| Ok(interleaved::parse("fuzz.txt", s, &LoadOptions::default()));
            (
                rp(String::from_utf8_lossy(rest).into_owned()),
                Box::new(move |c| rp(c[0].clone())),
            )
        }
        5 => (
            po::load("fuzz.po", rest.to_vec(), &load),
            Box::new(|c| po_doc(c[0].clone())),
        ),
        6 => (
            xliff::load("fuzz.xlf", rest.to_vec(), &load),
            Box::new(|c| xliff_doc(c[0].clone())),
        ),
        _ => (
            csv::load("fuzz.csv", rest.to_vec(), &load),
            Box::new(|c| csv::load("fuzz.csv", c[0].clone().into_bytes(), &LoadOptions::default())),
        ),
    };
    let Ok(mut doc) = first else {
        return;
    };
    langs(&mut doc, zh_to_en);
    termlint_fuzz::fix_roundtrip(doc, &options, |c| {
        reparse(c).map(|mut d| {
            langs(&mut d, zh_to_en);
            d
        })
    });
});
