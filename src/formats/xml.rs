//! XML machinery shared by the XLIFF and TMX readers: decoding by BOM or declaration,
//! a flat list of events with exact byte ranges, entity decoding with spans, and the
//! decoded content of an element with its inline markup kept verbatim.
//!
//! Safety: DOCTYPE declarations with entity declarations are refused, and only the five
//! predefined entities and character references are decoded; nothing is ever expanded
//! from a DTD or fetched.

use std::ops::Range;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::{decode_declared, error_at};
use crate::diagnostic::InputError;
use crate::segment::{Text, TextBuilder};

/// What kind of thing an [`XmlEvent`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `<a ...>`
    Start,
    /// `</a>`
    End,
    /// `<a .../>`
    Empty,
    /// Character data (entities still encoded).
    Text,
    /// `<![CDATA[...]]>`
    CData,
    /// Comments, processing instructions, declarations.
    Other,
}

/// One piece of the document.
#[derive(Debug, Clone)]
pub struct XmlEvent {
    /// Its kind.
    pub kind: Kind,
    /// Byte range in the decoded content.
    pub range: Range<usize>,
    /// Qualified element name (`xml:lang` style prefixes kept), empty for non-elements.
    pub name: String,
    /// Decoded attributes, qualified names.
    pub attrs: Vec<(String, String)>,
    /// For a start tag: the index of its end tag.
    pub end: usize,
}

impl XmlEvent {
    /// The local name (namespace prefix dropped).
    pub fn local(&self) -> &str {
        self.name.rsplit(':').next().unwrap_or("")
    }

    /// An attribute by qualified or local name.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name || k.rsplit(':').next() == Some(name))
            .map(|(_, v)| v.as_str())
    }

    /// Whether this is an element start (`Start` or `Empty`).
    pub fn is_element(&self) -> bool {
        matches!(self.kind, Kind::Start | Kind::Empty)
    }
}

/// Refuse a DOCTYPE (body `doctype`, at byte `at` of `content`) that declares entities:
/// they are never expanded, so such a file is refused rather than read wrongly. A
/// DOCTYPE that only names an external DTD is fine (it is never fetched).
pub fn refuse_entity_declarations(
    path: &str,
    content: &str,
    at: usize,
    doctype: &[u8],
) -> Result<(), InputError> {
    if String::from_utf8_lossy(doctype).contains("<!ENTITY") {
        return Err(error_at(
            path,
            content,
            at,
            "DOCTYPE with entity declarations refused (entities are never expanded)",
        ));
    }
    Ok(())
}

/// Decode XML bytes: a BOM decides, else the declaration's `encoding`, else UTF-8.
pub fn decode(path: &str, bytes: Vec<u8>) -> Result<String, InputError> {
    let head = &bytes[..bytes.len().min(256)];
    let charset = if head.starts_with(b"<?xml") {
        let end = head.iter().position(|&b| b == b'>').unwrap_or(head.len());
        let decl = String::from_utf8_lossy(&head[..end]);
        decl.find("encoding").and_then(|i| {
            let rest = decl[i + "encoding".len()..]
                .trim_start()
                .strip_prefix('=')?;
            let rest = rest.trim_start();
            let q = rest.chars().next()?;
            let rest = &rest[q.len_utf8()..];
            Some(rest[..rest.find(q)?].to_string())
        })
    } else {
        None
    };
    // A UTF-16 declaration without BOM cannot be read as ASCII; decode_declared handles BOMs.
    decode_declared(path, bytes, charset.as_deref())
}

/// Parse decoded XML into events, checking that it is well-formed.
pub fn parse(path: &str, content: &str) -> Result<Vec<XmlEvent>, InputError> {
    // The decoder drops one byte-order mark; a second one would be skipped by the reader
    // without counting it, shifting every position (found by the xliff fuzz target).
    if content.starts_with('\u{feff}') {
        return Err(InputError::at(
            path,
            1,
            Some(1),
            "a second byte-order mark (U+FEFF) before the XML; remove it",
        ));
    }
    let mut reader = Reader::from_str(content);
    let cfg = reader.config_mut();
    cfg.trim_text(false);
    cfg.expand_empty_elements = false;
    cfg.check_end_names = true;
    let mut events: Vec<XmlEvent> = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    let mut seen_root = false;
    loop {
        let start = reader.buffer_position() as usize;
        let ev = match reader.read_event() {
            Ok(ev) => ev,
            Err(e) => {
                let at = reader.error_position() as usize;
                return Err(error_at(path, content, at, format!("malformed XML: {e}")));
            }
        };
        let end = reader.buffer_position() as usize;
        let range = start..end;
        let (kind, name, attrs) = match ev {
            Event::Eof => break,
            Event::Start(ref e) | Event::Empty(ref e) => {
                let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                let attrs = attributes(path, content, e, start)?;
                let kind = if matches!(ev, Event::Start(_)) {
                    Kind::Start
                } else {
                    Kind::Empty
                };
                if stack.is_empty() {
                    if seen_root {
                        return Err(error_at(path, content, start, "a second root element"));
                    }
                    seen_root = true;
                }
                (kind, name, attrs)
            }
            Event::End(ref e) => (
                Kind::End,
                String::from_utf8_lossy(e.name().as_ref()).into_owned(),
                Vec::new(),
            ),
            Event::Text(_) => {
                if stack.is_empty()
                    && !content
                        .get(range.clone())
                        .is_some_and(|t| t.trim().is_empty())
                {
                    return Err(error_at(
                        path,
                        content,
                        start,
                        "text outside the root element",
                    ));
                }
                (Kind::Text, String::new(), Vec::new())
            }
            Event::CData(_) => (Kind::CData, String::new(), Vec::new()),
            Event::DocType(ref d) => {
                refuse_entity_declarations(path, content, start, d.as_ref())?;
                (Kind::Other, String::new(), Vec::new())
            }
            _ => (Kind::Other, String::new(), Vec::new()),
        };
        let idx = events.len();
        match kind {
            Kind::Start => stack.push(idx),
            Kind::End => {
                if let Some(open) = stack.pop() {
                    events[open].end = idx;
                }
            }
            _ => {}
        }
        events.push(XmlEvent {
            kind,
            range,
            name,
            attrs,
            end: idx,
        });
    }
    if let Some(&open) = stack.last() {
        let name = &events[open].name;
        return Err(error_at(
            path,
            content,
            content.len(),
            format!("unexpected end of file: <{name}> is not closed"),
        ));
    }
    if !seen_root {
        return Err(error_at(path, content, 0, "no root element"));
    }
    Ok(events)
}

fn attributes(
    path: &str,
    content: &str,
    e: &BytesStart<'_>,
    at: usize,
) -> Result<Vec<(String, String)>, InputError> {
    let mut out = Vec::new();
    for a in e.attributes() {
        let a =
            a.map_err(|err| error_at(path, content, at, format!("malformed attribute: {err}")))?;
        let key = String::from_utf8_lossy(a.key.as_ref()).into_owned();
        let raw = String::from_utf8_lossy(&a.value);
        let mut b = Text::builder(0, 0);
        decode_entities(path, content, &raw, at, &mut b, false)?;
        out.push((key, b.build().value));
    }
    Ok(out)
}

/// Decode character data `raw` found at file offset `at` into `b`: entities and character
/// references become one escaped piece each; with `newlines`, `\r\n` becomes `\n` (the
/// end-of-line normalisation XML prescribes).
pub fn decode_entities(
    path: &str,
    content: &str,
    raw: &str,
    at: usize,
    b: &mut TextBuilder,
    newlines: bool,
) -> Result<(), InputError> {
    let bytes = raw.as_bytes();
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'&' => {
                b.verbatim(&raw[run..i], at + run);
                let Some(len) = raw[i..].find(';').filter(|&l| l <= 12) else {
                    return Err(error_at(
                        path,
                        content,
                        at + i,
                        "`&` not starting an entity (write &amp;)",
                    ));
                };
                let name = &raw[i + 1..i + len];
                let decoded: Option<char> = match name {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    n if n.starts_with("#x") || n.starts_with("#X") => {
                        u32::from_str_radix(&n[2..], 16)
                            .ok()
                            .and_then(char::from_u32)
                    }
                    n if n.starts_with('#') => n[1..].parse().ok().and_then(char::from_u32),
                    _ => {
                        return Err(error_at(
                            path,
                            content,
                            at + i,
                            format!("unknown entity `&{name};` (DTD entities are not expanded)"),
                        ))
                    }
                };
                let Some(c) = decoded else {
                    return Err(error_at(
                        path,
                        content,
                        at + i,
                        format!("invalid character reference `&{name};`"),
                    ));
                };
                b.escaped(c.encode_utf8(&mut [0; 4]), at + i..at + i + len + 1);
                i += len + 1;
                run = i;
            }
            b'\r' if newlines && bytes.get(i + 1) == Some(&b'\n') => {
                b.verbatim(&raw[run..i], at + run);
                b.escaped("\n", at + i..at + i + 2);
                i += 2;
                run = i;
            }
            _ => i += 1,
        }
    }
    b.verbatim(&raw[run..], at + run);
    Ok(())
}

/// Elements whose content is native code, kept verbatim (not entity-decoded) as markup.
fn is_native_code(local: &str) -> bool {
    matches!(local, "bpt" | "ept" | "ph" | "it" | "sub" | "ut")
}

/// The decoded content between events `from` and `to` (exclusive): text with entities
/// decoded, CDATA verbatim, inline elements kept as their markup text (native-code
/// elements such as `<bpt>` wholly verbatim), comments dropped.
pub fn content_text(
    path: &str,
    content: &str,
    events: &[XmlEvent],
    from: usize,
    to: usize,
    file: usize,
) -> Result<Text, InputError> {
    let anchor = events.get(from).map_or_else(
        || events.get(to).map_or(0, |e| e.range.start),
        |e| e.range.start,
    );
    let mut b = Text::builder(file, anchor);
    let mut i = from;
    while i < to {
        let e = &events[i];
        match e.kind {
            Kind::Text => {
                decode_entities(
                    path,
                    content,
                    &content[e.range.clone()],
                    e.range.start,
                    &mut b,
                    true,
                )?;
            }
            Kind::CData => {
                let r = e.range.start + 9..e.range.end.saturating_sub(3).max(e.range.start + 9);
                b.verbatim(&content[r.clone()], r.start);
            }
            Kind::Start if is_native_code(e.local()) => {
                let end = events[e.end].range.end;
                b.verbatim(&content[e.range.start..end], e.range.start);
                i = e.end;
            }
            Kind::Start | Kind::End | Kind::Empty => {
                b.verbatim(&content[e.range.clone()], e.range.start);
            }
            Kind::Other => {}
        }
        i += 1;
    }
    Ok(b.build())
}

/// The content of the element starting at event `i` (empty text for `<a/>`).
pub fn element_text(
    path: &str,
    content: &str,
    events: &[XmlEvent],
    i: usize,
    file: usize,
) -> Result<Text, InputError> {
    let e = &events[i];
    if e.kind == Kind::Empty {
        return Ok(Text::builder(file, e.range.end).build());
    }
    if e.end == i + 1 {
        return Ok(Text::builder(file, e.range.end).build());
    }
    content_text(path, content, events, i + 1, e.end, file)
}

/// The plain text of an element (notes): decoded, markup dropped.
pub fn plain_text(content: &str, events: &[XmlEvent], i: usize) -> String {
    let e = &events[i];
    if e.kind != Kind::Start {
        return String::new();
    }
    let mut out = String::new();
    for ev in &events[i + 1..e.end] {
        if ev.kind == Kind::Text {
            let mut b = Text::builder(0, 0);
            if decode_entities("", content, &content[ev.range.clone()], 0, &mut b, true).is_ok() {
                out.push_str(&b.build().value);
            }
        } else if ev.kind == Kind::CData {
            let r = ev.range.start + 9..ev.range.end.saturating_sub(3).max(ev.range.start + 9);
            out.push_str(&content[r]);
        }
    }
    out.trim().to_string()
}

/// The direct child elements of the element at event `i`, as event indices.
pub fn children(events: &[XmlEvent], i: usize) -> Vec<usize> {
    let e = &events[i];
    let mut out = Vec::new();
    if e.kind != Kind::Start {
        return out;
    }
    let mut j = i + 1;
    while j < e.end {
        let c = &events[j];
        if c.is_element() {
            out.push(j);
        }
        j = if c.kind == Kind::Start {
            c.end + 1
        } else {
            j + 1
        };
    }
    out
}

/// The element events named `local` anywhere inside the element at `i` (not below a match).
pub fn descendants(events: &[XmlEvent], i: usize, local: &str) -> Vec<usize> {
    let e = &events[i];
    let mut out = Vec::new();
    let mut j = i + 1;
    while j < e.end {
        let c = &events[j];
        if c.is_element() && c.local() == local {
            out.push(j);
            j = if c.kind == Kind::Start {
                c.end + 1
            } else {
                j + 1
            };
        } else {
            j += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_byte_order_mark_is_an_error() {
        let e = parse("t.xlf", "\u{feff}\u{ffff} \u{3c20}<a/>").unwrap_err();
        assert!(e.message.contains("byte-order mark"), "{}", e.message);
        let mut bytes = vec![0xFE, 0xFF, 0xFE, 0xFF];
        for c in "<a/>".encode_utf16() {
            bytes.extend_from_slice(&c.to_be_bytes());
        }
        let content = decode("t.xlf", bytes).unwrap();
        assert!(parse("t.xlf", &content).is_err());
    }

    #[test]
    fn a_non_ascii_quote_in_the_declaration_is_not_a_panic() {
        // Found by the xliff fuzz target: the byte after `encoding=` was not ASCII.
        let bytes = b"<?xml version=\"1.0\" encoding=\xddUTF-8\"?>\n<xliff/>".to_vec();
        let e = decode("t.xlf", bytes).unwrap_err();
        assert!(e.message.contains("UTF-8"), "{}", e.message);
        let ok = "<?xml version=\"1.0\" encoding=\u{e9}UTF-8\u{e9}?><a/>";
        assert_eq!(decode("t.xlf", ok.as_bytes().to_vec()).unwrap(), ok);
    }

    #[test]
    fn entities_decode_with_exact_spans() {
        let src = "<a>x &amp; &#x4E2D;&#25991; <b id=\"1\">y</b>\r\nz</a>";
        let ev = parse("t.xml", src).unwrap();
        let t = element_text("t.xml", src, &ev, 0, 0).unwrap();
        assert_eq!(t.value, "x & 中文 <b id=\"1\">y</b>\nz");
        let amp = t.value.find('&').unwrap();
        assert_eq!(&src[t.file_span(amp..amp + 1)], "&amp;");
        let zh = t.value.find('中').unwrap();
        assert_eq!(&src[t.file_span(zh..zh + 6)], "&#x4E2D;&#25991;");
        let nl = t.value.find('\n').unwrap();
        assert_eq!(&src[t.file_span(nl..nl + 1)], "\r\n");
    }

    #[test]
    fn entity_declarations_are_refused() {
        let src = "<?xml version=\"1.0\"?>\n<!DOCTYPE a [<!ENTITY x \"boom\">]>\n<a>&x;</a>";
        let e = parse("t.xml", src).unwrap_err();
        assert!(e.message.contains("refused"), "{}", e.message);
        assert_eq!(e.line, Some(2));
        let src = "<a>&x;</a>";
        let ev = parse("t.xml", src).unwrap();
        let e = element_text("t.xml", src, &ev, 0, 0).unwrap_err();
        assert!(e.message.contains("unknown entity"));
    }

    #[test]
    fn malformed_xml_names_line_and_column() {
        let e = parse("t.xml", "<a>\n  <b></c>\n</a>").unwrap_err();
        assert_eq!(e.line, Some(2));
        let e = parse("t.xml", "<a>\n<b>").unwrap_err();
        assert!(e.message.contains("not closed"));
    }

    #[test]
    fn declared_encoding_is_used() {
        let (bytes, _, _) =
            encoding_rs::GBK.encode("<?xml version=\"1.0\" encoding=\"GBK\"?><a>中文</a>");
        let s = decode("t.xml", bytes.into_owned()).unwrap();
        assert!(s.contains("中文"));
        let mut utf16 = vec![0xFF, 0xFE];
        for u in "<a>中</a>".encode_utf16() {
            utf16.extend(u.to_le_bytes());
        }
        assert_eq!(decode("t.xml", utf16).unwrap(), "<a>中</a>");
    }
}
