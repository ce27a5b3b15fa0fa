//! XLIFF 1.2 (`trans-unit`, `source`/`target`, `seg-source` with `<mrk mtype="seg">`,
//! `state`, `approved`, `translate="no"`, notes) and XLIFF 2.0/2.1 (`unit`/`segment`,
//! `state`, `notes`). Inline codes (`<x/>`, `<g>`, `<bx/>`, `<ph>`, `<bpt>/<ept>`, `<pc>`,
//! `<sc/>/<ec/>`) stay in the decoded text as their markup, so `markup-mismatch` compares
//! them; entities are decoded with exact spans.

use std::sync::Arc;

use super::xml::{self, XmlEvent};
use super::LoadOptions;
use crate::diagnostic::InputError;
use crate::lang::Lang;
use crate::segment::{Document, Escaping, Segment, SegmentState, SourceFile, Text};

/// Read an XLIFF file.
pub fn load(path: &str, bytes: Vec<u8>, opts: &LoadOptions) -> Result<Document, InputError> {
    let content = xml::decode(path, bytes)?;
    parse(path, content, opts)
}

/// Parse decoded XLIFF.
pub fn parse(path: &str, content: String, opts: &LoadOptions) -> Result<Document, InputError> {
    let events = xml::parse(path, &content)?;
    let root = events
        .iter()
        .position(XmlEvent::is_element)
        .unwrap_or_default();
    if events[root].local() != "xliff" {
        return Err(xml_error(
            path,
            &content,
            &events[root],
            format!("root element is <{}>, not <xliff>", events[root].name),
        ));
    }
    let version = events[root].attr("version").unwrap_or("1.2").to_string();
    let v2 = version.starts_with('2');
    let mut r = Reader {
        path,
        content: &content,
        events: &events,
        segments: Vec::new(),
        source_lang: None,
        target_lang: None,
    };
    if v2 {
        r.source_lang = events[root].attr("srcLang").map(String::from);
        r.target_lang = events[root].attr("trgLang").map(String::from);
        for u in xml::descendants(&events, root, "unit") {
            r.unit2(u)?;
        }
    } else {
        for f in xml::descendants(&events, root, "file") {
            if r.source_lang.is_none() {
                r.source_lang = events[f].attr("source-language").map(String::from);
            }
            if r.target_lang.is_none() {
                r.target_lang = events[f].attr("target-language").map(String::from);
            }
            for u in xml::descendants(&events, f, "trans-unit") {
                r.unit12(u)?;
            }
        }
    }
    let segments = r.segments;
    let source_lang = r.source_lang.as_deref().and_then(Lang::parse);
    let target_lang = r.target_lang.as_deref().and_then(Lang::parse);
    Ok(Document {
        files: vec![Arc::new(SourceFile::new(path, content, Escaping::Xml))],
        format: "xliff",
        source_lang: opts.source_lang.clone().or(source_lang),
        target_lang: opts.target_lang.clone().or(target_lang),
        segments,
    })
}

fn xml_error(path: &str, content: &str, e: &XmlEvent, msg: String) -> InputError {
    super::error_at(path, content, e.range.start, msg)
}

struct Reader<'a> {
    path: &'a str,
    content: &'a str,
    events: &'a [XmlEvent],
    segments: Vec<Segment>,
    source_lang: Option<String>,
    target_lang: Option<String>,
}

impl Reader<'_> {
    fn text(&self, i: usize) -> Result<Text, InputError> {
        xml::element_text(self.path, self.content, self.events, i, 0)
    }

    fn child(&self, of: usize, local: &str) -> Option<usize> {
        xml::children(self.events, of)
            .into_iter()
            .find(|&c| self.events[c].local() == local)
    }

    fn notes(&self, unit: usize) -> Vec<String> {
        let mut notes = Vec::new();
        for c in xml::children(self.events, unit) {
            match self.events[c].local() {
                "note" => notes.push(xml::plain_text(self.content, self.events, c)),
                "notes" => {
                    for n in xml::children(self.events, c) {
                        notes.push(xml::plain_text(self.content, self.events, n));
                    }
                }
                _ => {}
            }
        }
        notes.retain(|n| !n.is_empty());
        notes
    }

    /// XLIFF 1.2 `<trans-unit>`.
    fn unit12(&mut self, u: usize) -> Result<(), InputError> {
        let ev = &self.events[u];
        if ev.attr("translate") == Some("no")
            || ev.attr("restype") == Some("x-gettext-domain-header")
        {
            return Ok(());
        }
        let id = ev
            .attr("id")
            .or_else(|| ev.attr("resname"))
            .unwrap_or("")
            .to_string();
        let approved = ev.attr("approved") == Some("yes");
        let Some(source) = self.child(u, "source") else {
            return Err(xml_error(
                self.path,
                self.content,
                ev,
                format!("<trans-unit id=\"{id}\"> has no <source>"),
            ));
        };
        let target = self.child(u, "target");
        let state_attr = target.and_then(|t| self.events[t].attr("state"));
        let notes = self.notes(u);
        let suppressed = suppressions(&notes);
        let context = xml::descendants(self.events, u, "context")
            .into_iter()
            .find(|&c| self.events[c].attr("context-type") == Some("x-gettext-msgctxt"))
            .map(|c| xml::plain_text(self.content, self.events, c));
        let base = Segment {
            id: id.clone().into(),
            ..Default::default()
        }
        .with_context(context)
        .with_notes(notes)
        .with_suppressed(suppressed);
        // Segmented units: <seg-source> and <target> hold <mrk mtype="seg" mid="..">.
        let seg_source = self.child(u, "seg-source");
        let src_mrks = seg_source.map(|s| self.seg_mrks(s)).unwrap_or_default();
        if !src_mrks.is_empty() {
            let tgt_mrks = target.map(|t| self.seg_mrks(t)).unwrap_or_default();
            for (mid, m) in src_mrks {
                let tgt = tgt_mrks.iter().find(|(tm, _)| *tm == mid).map(|(_, t)| *t);
                let target_text = match tgt {
                    Some(t) => Some(self.text(t)?),
                    None => None,
                };
                let state = state12(state_attr, approved, target_text.as_ref());
                self.segments.push(Segment {
                    id: format!("{id}:{mid}").into(),
                    source: Some(self.text(m)?),
                    target: target_text,
                    state,
                    ..base.clone()
                });
            }
            return Ok(());
        }
        let target_text = match target {
            Some(t) => Some(self.text(t)?),
            None => None,
        };
        let state = state12(state_attr, approved, target_text.as_ref());
        self.segments.push(Segment {
            source: Some(self.text(source)?),
            target: target_text,
            state,
            ..base
        });
        Ok(())
    }

    fn seg_mrks(&self, of: usize) -> Vec<(String, usize)> {
        xml::descendants(self.events, of, "mrk")
            .into_iter()
            .filter(|&m| self.events[m].attr("mtype") == Some("seg"))
            .map(|m| (self.events[m].attr("mid").unwrap_or("").to_string(), m))
            .collect()
    }

    /// XLIFF 2.x `<unit>`.
    fn unit2(&mut self, u: usize) -> Result<(), InputError> {
        let ev = &self.events[u];
        if ev.attr("translate") == Some("no") {
            return Ok(());
        }
        let id = ev.attr("id").unwrap_or("").to_string();
        let notes = self.notes(u);
        let suppressed = suppressions(&notes);
        let segs: Vec<usize> = xml::children(self.events, u)
            .into_iter()
            .filter(|&c| self.events[c].local() == "segment")
            .collect();
        let many = segs.len() > 1;
        for (k, s) in segs.iter().enumerate() {
            let sev = &self.events[*s];
            if sev.attr("translate") == Some("no") {
                continue;
            }
            let Some(source) = self.child(*s, "source") else {
                return Err(xml_error(
                    self.path,
                    self.content,
                    sev,
                    format!("<segment> of unit \"{id}\" has no <source>"),
                ));
            };
            let target = match self.child(*s, "target") {
                Some(t) => Some(self.text(t)?),
                None => None,
            };
            let state = match sev.attr("state") {
                // No state but a translation: translated; "initial": not yet.
                None if target.as_ref().is_some_and(|t| !t.is_empty()) => SegmentState::Translated,
                Some("initial") | None => SegmentState::New,
                Some("translated") => SegmentState::Translated,
                Some("reviewed") | Some("final") => SegmentState::Final,
                Some(_) => SegmentState::Unknown,
            };
            let seg_id = match sev.attr("id") {
                Some(sid) if many => format!("{id}:{sid}"),
                _ if many => format!("{id}:{}", k + 1),
                _ => id.clone(),
            };
            self.segments.push(
                Segment {
                    id: seg_id.into(),
                    source: Some(self.text(source)?),
                    target,
                    state,
                    ..Default::default()
                }
                .with_notes(notes.clone())
                .with_suppressed(suppressed.clone()),
            );
        }
        Ok(())
    }
}

/// The state of an XLIFF 1.2 target.
fn state12(state: Option<&str>, approved: bool, target: Option<&Text>) -> SegmentState {
    let has_text = target.is_some_and(|t| !t.is_empty());
    if !has_text {
        return SegmentState::New;
    }
    match state {
        Some("final") | Some("signed-off") => SegmentState::Final,
        _ if approved => SegmentState::Final,
        Some("translated") => SegmentState::Translated,
        // A translation that still "needs translation" is a draft (translate-toolkit writes
        // PO fuzzy entries so).
        Some("new") | Some("needs-translation") => SegmentState::Fuzzy,
        Some(s) if s.starts_with("needs-") => SegmentState::Fuzzy,
        _ => SegmentState::Translated,
    }
}

/// Rules named by `termlint-ignore: rule, rule` notes.
pub(crate) fn suppressions(notes: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for n in notes {
        let Some(rest) = n.trim().strip_prefix("termlint-ignore") else {
            continue;
        };
        let list = rest.trim_start().strip_prefix(':').unwrap_or("");
        let before = out.len();
        out.extend(
            list.split(',')
                .map(|r| r.trim().to_string())
                .filter(|r| !r.is_empty()),
        );
        if out.len() == before {
            out.push("all".to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_str(src: &str) -> Result<Document, InputError> {
        parse("t.xlf", src.to_string(), &LoadOptions::default())
    }

    const V12: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="a" source-language="en" target-language="zh_CN" datatype="plaintext">
    <body>
      <trans-unit id="1">
        <source>Save &amp; quit <g id="1">now</g><x id="2"/></source>
        <target state="translated">保存并退出<g id="1">现在</g><x id="2"/></target>
        <note>termlint-ignore: double-space</note>
      </trans-unit>
      <trans-unit id="2" translate="no"><source>skip</source></trans-unit>
      <trans-unit id="3"><source>Bold <bpt id="1">&lt;b&gt;</bpt>x<ept id="1">&lt;/b&gt;</ept></source>
        <target state="needs-review-translation">粗 <bpt id="1">&lt;b&gt;</bpt>x<ept id="1">&lt;/b&gt;</ept></target></trans-unit>
      <trans-unit id="4"><source>A. B.</source>
        <seg-source><mrk mtype="seg" mid="1">A.</mrk> <mrk mtype="seg" mid="2">B.</mrk></seg-source>
        <target><mrk mtype="seg" mid="1">甲。</mrk><mrk mtype="seg" mid="2">乙。</mrk></target>
        <alt-trans><source>ignored</source><target>ignored</target></alt-trans>
      </trans-unit>
      <trans-unit id="5" approved="yes"><source>x</source><target>y</target></trans-unit>
      <trans-unit id="6"><source>untranslated</source></trans-unit>
    </body>
  </file>
</xliff>"#;

    #[test]
    fn xliff12_units_states_inline_codes() {
        let d = load_str(V12).unwrap();
        assert_eq!(d.source_lang.unwrap().tag(), "en");
        assert_eq!(d.target_lang.unwrap().tag(), "zh-CN");
        let ids: Vec<_> = d.segments.iter().map(|s| s.id()).collect();
        assert_eq!(ids, vec!["1", "3", "4:1", "4:2", "5", "6"]);
        let s = &d.segments[0];
        assert_eq!(
            s.source.as_ref().unwrap().value,
            "Save & quit <g id=\"1\">now</g><x id=\"2\"/>"
        );
        assert_eq!(s.suppressed(), vec!["double-space"]);
        assert_eq!(s.state, SegmentState::Translated);
        let src = &d.files[0].content;
        let t = s.source.as_ref().unwrap();
        assert_eq!(&src[t.file_span(5..6)], "&amp;");
        assert_eq!(d.segments[1].state, SegmentState::Fuzzy);
        assert!(d.segments[1]
            .source
            .as_ref()
            .unwrap()
            .value
            .contains("<bpt id=\"1\">&lt;b&gt;</bpt>"));
        assert_eq!(d.segments[3].target.as_ref().unwrap().value, "乙。");
        assert_eq!(d.segments[4].state, SegmentState::Final);
        assert!(d.segments[5].target.is_none());
        assert_eq!(d.segments[5].state, SegmentState::New);
    }

    #[test]
    fn xliff2_units_and_segments() {
        let src = r#"<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en-US" trgLang="zh-Hans">
 <file id="f1">
  <unit id="u1">
   <notes><note>menu item</note></notes>
   <segment id="s1" state="translated"><source>Open <ph id="1"/> <pc id="2">file</pc></source><target>打开<ph id="1"/><pc id="2">文件</pc></target></segment>
   <ignorable><source> </source></ignorable>
   <segment id="s2" state="final"><source>Close</source><target>关闭</target></segment>
  </unit>
  <unit id="u2" translate="no"><segment><source>x</source></segment></unit>
  <unit id="u3"><segment state="initial"><source>New</source><target></target></segment></unit>
 </file>
</xliff>"#;
        let d = load_str(src).unwrap();
        assert_eq!(d.target_lang.unwrap().tag(), "zh-Hans");
        let ids: Vec<_> = d.segments.iter().map(|s| s.id()).collect();
        assert_eq!(ids, vec!["u1:s1", "u1:s2", "u3"]);
        assert_eq!(d.segments[0].notes(), vec!["menu item"]);
        assert_eq!(
            d.segments[0].target.as_ref().unwrap().value,
            "打开<ph id=\"1\"/><pc id=\"2\">文件</pc>"
        );
        assert_eq!(d.segments[1].state, SegmentState::Final);
        assert_eq!(d.segments[2].state, SegmentState::New);
    }

    #[test]
    fn broken_xliff_is_an_error_with_position() {
        let e = load_str("<xliff version=\"1.2\"><file><body>\n<trans-unit id=\"1\"><source>a</target></trans-unit></body></file></xliff>").unwrap_err();
        assert_eq!(e.line, Some(2));
        let e = load_str("<xliff version=\"1.2\"><file><body>\n<trans-unit id=\"1\"><target>a</target></trans-unit></body></file></xliff>").unwrap_err();
        assert!(e.message.contains("no <source>"));
        let e = load_str("<html/>").unwrap_err();
        assert!(e.message.contains("not <xliff>"));
    }
}
