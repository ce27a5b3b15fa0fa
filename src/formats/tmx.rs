//! TMX 1.4 translation memories: `tu`/`tuv`/`seg`. `xml:lang` picks the sides: the source
//! is `--source-lang` or the header's `srclang`, the target `--target-lang` or the first
//! other language met. Inline `<ph>`, `<bpt>`/`<ept>`, `<it>`, `<hi>` stay as markup text.

use std::sync::Arc;

use super::xml::{self, XmlEvent};
use super::LoadOptions;
use crate::diagnostic::InputError;
use crate::lang::Lang;
use crate::segment::{Document, Escaping, Segment, SourceFile};

/// Read a TMX file.
pub fn load(path: &str, bytes: Vec<u8>, opts: &LoadOptions) -> Result<Document, InputError> {
    let content = xml::decode(path, bytes)?;
    parse(path, content, opts)
}

/// Whether language `tag` (as written in the file) is `lang`: same normalised tag, or the
/// same primary language when `lang` has no subtags.
fn same_lang(tag: &str, lang: &Lang) -> bool {
    match Lang::parse(tag) {
        Some(l) => {
            l == *lang
                || (!lang.tag().contains('-') && l.primary() == lang.primary())
                || (lang.is_chinese()
                    && l.is_chinese()
                    && chinese_variety(&l) == chinese_variety(lang))
        }
        None => false,
    }
}

/// Simplified (false) or traditional (true) for Chinese tags (`zh-CN` = `zh-Hans`).
fn chinese_variety(l: &Lang) -> bool {
    l.is_traditional_chinese()
}

/// Parse decoded TMX.
pub fn parse(path: &str, content: String, opts: &LoadOptions) -> Result<Document, InputError> {
    let events = xml::parse(path, &content)?;
    let root = events
        .iter()
        .position(XmlEvent::is_element)
        .unwrap_or_default();
    if events[root].local() != "tmx" {
        return Err(super::error_at(
            path,
            &content,
            events[root].range.start,
            format!("root element is <{}>, not <tmx>", events[root].name),
        ));
    }
    let header_src = xml::descendants(&events, root, "header")
        .first()
        .and_then(|&h| events[h].attr("srclang"))
        .filter(|s| !s.eq_ignore_ascii_case("*all*"))
        .and_then(Lang::parse);
    let mut source_lang = opts.source_lang.clone().or(header_src);
    let mut target_lang = opts.target_lang.clone();
    let mut segments = Vec::new();
    for (n, tu) in xml::descendants(&events, root, "tu")
        .into_iter()
        .enumerate()
    {
        let tuvs: Vec<(usize, String)> = xml::children(&events, tu)
            .into_iter()
            .filter(|&c| events[c].local() == "tuv")
            .map(|c| {
                let lang = events[c]
                    .attr("xml:lang")
                    .or_else(|| events[c].attr("lang"))
                    .unwrap_or("")
                    .to_string();
                (c, lang)
            })
            .collect();
        if tuvs.is_empty() {
            continue;
        }
        if source_lang.is_none() {
            source_lang = Lang::parse(&tuvs[0].1);
        }
        let src_lang = source_lang
            .clone()
            .unwrap_or_else(|| Lang::parse("und").unwrap());
        let Some(src) = tuvs.iter().find(|(_, l)| same_lang(l, &src_lang)) else {
            continue;
        };
        if target_lang.is_none() {
            target_lang = tuvs
                .iter()
                .find(|(_, l)| !same_lang(l, &src_lang))
                .and_then(|(_, l)| Lang::parse(l));
        }
        let tgt = target_lang
            .as_ref()
            .and_then(|tl| tuvs.iter().find(|(c, l)| c != &src.0 && same_lang(l, tl)));
        let seg_of = |tuv: usize| -> Result<Option<crate::segment::Text>, InputError> {
            match xml::children(&events, tuv)
                .into_iter()
                .find(|&c| events[c].local() == "seg")
            {
                Some(s) => Ok(Some(xml::element_text(path, &content, &events, s, 0)?)),
                None => Ok(None),
            }
        };
        let Some(source) = seg_of(src.0)? else {
            return Err(super::error_at(
                path,
                &content,
                events[src.0].range.start,
                "<tuv> without <seg>",
            ));
        };
        let target = match tgt {
            Some((t, _)) => seg_of(*t)?,
            None => None,
        };
        let mut notes = Vec::new();
        let mut context = None;
        for c in xml::children(&events, tu) {
            match events[c].local() {
                "note" => notes.push(xml::plain_text(&content, &events, c)),
                "prop" if events[c].attr("type") == Some("x-context") => {
                    context = Some(xml::plain_text(&content, &events, c))
                }
                _ => {}
            }
        }
        notes.retain(|n| !n.is_empty());
        let suppressed = super::xliff::suppressions(&notes);
        segments.push(
            Segment {
                id: events[tu]
                    .attr("tuid")
                    .map_or_else(|| (n + 1).to_string(), String::from)
                    .into(),
                source: Some(source),
                target,
                ..Default::default()
            }
            .with_context(context)
            .with_notes(notes)
            .with_suppressed(suppressed),
        );
    }
    Ok(Document {
        files: vec![Arc::new(SourceFile::new(path, content, Escaping::Xml))],
        format: "tmx",
        source_lang,
        target_lang,
        segments,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const TMX: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header srclang="en-US" datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x" creationtool="t" creationtoolversion="1"/>
  <body>
    <tu tuid="a">
      <note>termlint-ignore</note>
      <tuv xml:lang="en-US"><seg>Click <bpt i="1" x="1">&lt;b&gt;</bpt>OK<ept i="1">&lt;/b&gt;</ept> &amp; go</seg></tuv>
      <tuv xml:lang="fr-FR"><seg>Cliquez</seg></tuv>
      <tuv xml:lang="zh-CN"><seg>单击<bpt i="1" x="1">&lt;b&gt;</bpt>确定<ept i="1">&lt;/b&gt;</ept></seg></tuv>
    </tu>
    <tu>
      <tuv xml:lang="zh-CN"><seg>文件</seg></tuv>
      <tuv xml:lang="en-US"><seg>File</seg></tuv>
    </tu>
  </body>
</tmx>"#;

    #[test]
    fn sides_follow_languages() {
        let opts = LoadOptions {
            target_lang: Lang::parse("zh-Hans"),
            ..Default::default()
        };
        let d = parse("t.tmx", TMX.into(), &opts).unwrap();
        assert_eq!(d.source_lang.as_ref().unwrap().tag(), "en-US");
        assert_eq!(d.segments.len(), 2);
        let s = &d.segments[0];
        assert_eq!(s.id(), "a");
        assert_eq!(s.suppressed(), vec!["all"]);
        assert!(s.target.as_ref().unwrap().value.starts_with("单击<bpt"));
        let src = s.source.as_ref().unwrap();
        let amp = src.value.find(" & ").unwrap() + 1;
        assert_eq!(&d.files[0].content[src.file_span(amp..amp + 1)], "&amp;");
        assert_eq!(d.segments[1].id(), "2");
        assert_eq!(d.segments[1].source.as_ref().unwrap().value, "File");
        assert_eq!(d.segments[1].target.as_ref().unwrap().value, "文件");
    }

    #[test]
    fn target_defaults_to_first_other_language() {
        let d = parse("t.tmx", TMX.into(), &LoadOptions::default()).unwrap();
        assert_eq!(d.target_lang.as_ref().unwrap().tag(), "fr-FR");
        assert!(d.segments[1].target.is_none());
    }

    #[test]
    fn broken_tmx() {
        let e = parse(
            "t.tmx",
            "<tmx>\n<body><tu><tuv xml:lang=\"en\"></tuv></tu></body></tmx>".into(),
            &LoadOptions::default(),
        )
        .unwrap_err();
        assert!(e.message.contains("without <seg>"));
        assert_eq!(e.line, Some(2));
    }
}
