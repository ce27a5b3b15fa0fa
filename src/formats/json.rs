//! JSON locale files of web applications: a source file and a target file
//! (`--source en.json --target zh-CN.json`), matched by key path (`menu.file.open`,
//! `items[2]`). Only string values are texts. i18next plural keys (`key_one`,
//! `key_other`, `key_plural`...) are matched by form: a target language with fewer forms
//! (Chinese has only `_other`) is not missing the others, and a form the source lacks is
//! checked against the source's `_other`. ICU plurals inside a value are one text.
//!
//! The parser is hand-written so string escapes (`\n`, `\"`, `\u4e2d`, surrogate pairs)
//! map to their exact bytes.

use std::collections::HashMap;
use std::sync::Arc;

use super::{decode_text, error_at, LoadOptions};
use crate::diagnostic::InputError;
use crate::segment::{Document, Escaping, Segment, SegmentState, SourceFile, Text, TextBuilder};

const MAX_DEPTH: usize = 200;

/// The string values of a JSON document, by key path, in file order.
pub fn strings(path: &str, content: &str, file: usize) -> Result<Vec<(String, Text)>, InputError> {
    let mut p = Parser {
        path,
        src: content,
        b: content.as_bytes(),
        i: 0,
        file,
        out: Vec::new(),
    };
    p.ws();
    p.value(String::new(), 0)?;
    p.ws();
    if p.i < p.b.len() {
        return Err(p.err("unexpected text after the JSON value"));
    }
    Ok(p.out)
}

struct Parser<'a> {
    path: &'a str,
    src: &'a str,
    b: &'a [u8],
    i: usize,
    file: usize,
    out: Vec<(String, Text)>,
}

impl Parser<'_> {
    fn err(&self, msg: impl Into<String>) -> InputError {
        error_at(self.path, self.src, self.i, msg)
    }

    fn ws(&mut self) {
        while matches!(self.b.get(self.i), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }

    fn value(&mut self, key: String, depth: usize) -> Result<(), InputError> {
        if depth > MAX_DEPTH {
            return Err(self.err("JSON nested too deeply"));
        }
        match self.b.get(self.i) {
            Some(b'{') => {
                self.i += 1;
                self.ws();
                if self.b.get(self.i) == Some(&b'}') {
                    self.i += 1;
                    return Ok(());
                }
                loop {
                    self.ws();
                    if self.b.get(self.i) != Some(&b'"') {
                        return Err(self.err("expected a key in double quotes"));
                    }
                    let k = self.string()?.value;
                    self.ws();
                    if self.b.get(self.i) != Some(&b':') {
                        return Err(self.err("expected `:` after the key"));
                    }
                    self.i += 1;
                    self.ws();
                    let path = if key.is_empty() {
                        k
                    } else {
                        format!("{key}.{k}")
                    };
                    self.value(path, depth + 1)?;
                    self.ws();
                    match self.b.get(self.i) {
                        Some(b',') => self.i += 1,
                        Some(b'}') => {
                            self.i += 1;
                            return Ok(());
                        }
                        _ => return Err(self.err("expected `,` or `}`")),
                    }
                }
            }
            Some(b'[') => {
                self.i += 1;
                self.ws();
                if self.b.get(self.i) == Some(&b']') {
                    self.i += 1;
                    return Ok(());
                }
                let mut n = 0;
                loop {
                    self.ws();
                    self.value(format!("{key}[{n}]"), depth + 1)?;
                    n += 1;
                    self.ws();
                    match self.b.get(self.i) {
                        Some(b',') => self.i += 1,
                        Some(b']') => {
                            self.i += 1;
                            return Ok(());
                        }
                        _ => return Err(self.err("expected `,` or `]`")),
                    }
                }
            }
            Some(b'"') => {
                let t = self.string()?;
                self.out.push((key, t));
                Ok(())
            }
            Some(b't') => self.word("true"),
            Some(b'f') => self.word("false"),
            Some(b'n') => self.word("null"),
            Some(b'-' | b'0'..=b'9') => {
                let start = self.i;
                while matches!(
                    self.b.get(self.i),
                    Some(b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9')
                ) {
                    self.i += 1;
                }
                if self.src[start..self.i].parse::<f64>().is_err() {
                    self.i = start;
                    return Err(self.err("malformed number"));
                }
                Ok(())
            }
            None => Err(self.err("unexpected end of file")),
            Some(_) => Err(self.err("expected a JSON value")),
        }
    }

    fn word(&mut self, w: &str) -> Result<(), InputError> {
        if self.src[self.i..].starts_with(w) {
            self.i += w.len();
            Ok(())
        } else {
            Err(self.err("expected a JSON value"))
        }
    }

    /// A string literal at `self.i` (a `"`), decoded with exact spans.
    fn string(&mut self) -> Result<Text, InputError> {
        let open = self.i;
        let mut tb: TextBuilder = Text::builder(self.file, open + 1);
        self.i += 1;
        let mut run = self.i;
        loop {
            match self.b.get(self.i) {
                None | Some(b'\n') => {
                    self.i = open;
                    return Err(self.err("unterminated string"));
                }
                Some(b'"') => {
                    tb.verbatim(&self.src[run..self.i], run);
                    self.i += 1;
                    return Ok(tb.build());
                }
                Some(b'\\') => {
                    tb.verbatim(&self.src[run..self.i], run);
                    let at = self.i;
                    let c = match self.b.get(at + 1) {
                        Some(b'n') => '\n',
                        Some(b't') => '\t',
                        Some(b'r') => '\r',
                        Some(b'b') => '\x08',
                        Some(b'f') => '\x0c',
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'u') => {
                            let (c, len) = self.unicode(at)?;
                            tb.escaped(c.encode_utf8(&mut [0; 4]), at..at + len);
                            self.i = at + len;
                            run = self.i;
                            continue;
                        }
                        _ => return Err(self.err("invalid escape")),
                    };
                    tb.escaped(c.encode_utf8(&mut [0; 4]), at..at + 2);
                    self.i = at + 2;
                    run = self.i;
                }
                Some(_) => self.i += 1,
            }
        }
    }

    /// `\uXXXX` (with a following low surrogate when needed) at `at`: the char and the
    /// escape's length in bytes.
    fn unicode(&mut self, at: usize) -> Result<(char, usize), InputError> {
        let hex = |s: usize| -> Option<u32> {
            let h = self.src.get(s..s + 4)?;
            if !h.bytes().all(|b| b.is_ascii_hexdigit()) {
                return None;
            }
            u32::from_str_radix(h, 16).ok()
        };
        let Some(u) = hex(at + 2) else {
            self.i = at;
            return Err(self.err("`\\u` needs four hex digits"));
        };
        if (0xD800..0xDC00).contains(&u) {
            if self.src.get(at + 6..at + 8) == Some("\\u") {
                if let Some(lo) = hex(at + 8).filter(|l| (0xDC00..0xE000).contains(l)) {
                    let c = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
                    if let Some(c) = char::from_u32(c) {
                        return Ok((c, 12));
                    }
                }
            }
            self.i = at;
            return Err(self.err("unpaired surrogate in `\\u` escape"));
        }
        match char::from_u32(u) {
            Some(c) => Ok((c, 6)),
            None => {
                self.i = at;
                Err(self.err("unpaired surrogate in `\\u` escape"))
            }
        }
    }
}

const PLURAL_SUFFIXES: [&str; 7] = [
    "_zero", "_one", "_two", "_few", "_many", "_other", "_plural",
];

/// Split an i18next plural key into its base and form.
fn plural_key(key: &str) -> Option<(&str, &str)> {
    PLURAL_SUFFIXES
        .iter()
        .find_map(|s| key.strip_suffix(s).map(|base| (base, &s[1..])))
        .filter(|(base, _)| !base.is_empty())
}

/// Read a source and a target JSON file and pair their strings by key path.
pub fn load_pair(source: &str, target: &str, opts: &LoadOptions) -> Result<Document, InputError> {
    let read = |p: &str| -> Result<String, InputError> {
        let bytes = super::read_bytes(p)?;
        decode_text(p, bytes)
    };
    let src = read(source)?;
    let tgt = read(target)?;
    pair(source, src, target, tgt, opts)
}

/// Pair decoded source and target JSON.
pub fn pair(
    source: &str,
    src: String,
    target: &str,
    tgt: String,
    opts: &LoadOptions,
) -> Result<Document, InputError> {
    let s = strings(source, &src, 0)?;
    let t = strings(target, &tgt, 1)?;
    let tmap: HashMap<&str, &Text> = t.iter().map(|(k, v)| (k.as_str(), v)).collect();
    let smap: HashMap<&str, &Text> = s.iter().map(|(k, v)| (k.as_str(), v)).collect();
    let mut segments = Vec::new();
    for (k, stext) in &s {
        let target_text = tmap.get(k.as_str()).map(|t| (*t).clone());
        if target_text.is_none() {
            // A plural form the target language does not have.
            if let Some((base, _)) = plural_key(k) {
                if PLURAL_SUFFIXES
                    .iter()
                    .any(|suf| tmap.contains_key(format!("{base}{suf}").as_str()))
                {
                    continue;
                }
            }
        }
        let state = match &target_text {
            None => SegmentState::New,
            Some(t) if t.is_empty() => SegmentState::New,
            Some(_) => SegmentState::Unknown,
        };
        segments.push(Segment {
            id: k.clone().into(),
            source: Some(stext.clone()),
            target: target_text,
            state,
            ..Default::default()
        });
    }
    // Target plural forms the source lacks answer the source's `_other` (or `_plural`).
    for (k, ttext) in &t {
        if smap.contains_key(k.as_str()) {
            continue;
        }
        let Some((base, _)) = plural_key(k) else {
            continue;
        };
        let other = ["_other", "_plural"]
            .iter()
            .find_map(|suf| smap.get(format!("{base}{suf}").as_str()));
        if let Some(stext) = other {
            segments.push(Segment {
                id: k.clone().into(),
                source: Some((*stext).clone()),
                target: Some(ttext.clone()),
                ..Default::default()
            });
        }
    }
    Ok(Document {
        files: vec![
            Arc::new(SourceFile::new(source, src, Escaping::Json)),
            Arc::new(SourceFile::new(target, tgt, Escaping::Json)),
        ],
        format: "json",
        source_lang: opts.source_lang.clone(),
        target_lang: opts.target_lang.clone(),
        segments,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_keys_escapes_and_plurals() {
        let src = r#"{"menu": {"open": "Open \"file\"\n", "items": ["One", "Two"]},
            "n": 3, "ok": true, "files_one": "{{count}} file", "files_other": "{{count}} files",
            "gone": "Gone"}"#;
        let tgt = r#"{"menu": {"open": "打开\u201c文件\u201d\n", "items": ["一", "二"]},
            "files_other": "{{count}} 个文件", "extra": "x"}"#;
        let d = pair(
            "en.json",
            src.into(),
            "zh.json",
            tgt.into(),
            &LoadOptions::default(),
        )
        .unwrap();
        let ids: Vec<_> = d.segments.iter().map(|s| s.id()).collect();
        assert_eq!(
            ids,
            vec![
                "menu.open",
                "menu.items[0]",
                "menu.items[1]",
                "files_other",
                "gone"
            ]
        );
        let s = d.segments[0].source.as_ref().unwrap();
        assert_eq!(s.value, "Open \"file\"\n");
        let t = d.segments[0].target.as_ref().unwrap();
        assert_eq!(t.value, "打开\u{201c}文件\u{201d}\n");
        let q = t.value.find('\u{201c}').unwrap();
        assert_eq!(&d.files[1].content[t.file_span(q..q + 3)], "\\u201c");
        assert!(d.segments[4].target.is_none());
    }

    #[test]
    fn target_only_plural_forms_answer_other() {
        let src = r#"{"k_one": "a file", "k_other": "files"}"#;
        let tgt = r#"{"k_one": "файл", "k_few": "файла", "k_other": "файлов"}"#;
        let d = pair(
            "en.json",
            src.into(),
            "ru.json",
            tgt.into(),
            &LoadOptions::default(),
        )
        .unwrap();
        let few = d.segments.iter().find(|s| s.id() == "k_few").unwrap();
        assert_eq!(few.source.as_ref().unwrap().value, "files");
    }

    #[test]
    fn surrogates_and_errors() {
        let v = strings("a.json", r#"{"a": "\ud83d\ude00!"}"#, 0).unwrap();
        assert_eq!(v[0].1.value, "😀!");
        let e = strings("a.json", "{\n  \"a\": \"x\",\n  \"b\" 1\n}", 0).unwrap_err();
        assert_eq!((e.line, e.column), (Some(3), Some(7)));
        let e = strings("a.json", "{\"a\": \"x}", 0).unwrap_err();
        assert!(e.message.contains("unterminated"));
        let deep = "[".repeat(1000);
        assert!(strings("a.json", &deep, 0).is_err());
        assert!(strings("a.json", r#"{"a": "\ud800"}"#, 0).is_err());
    }
}
