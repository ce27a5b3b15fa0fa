//! Markdown pairs: a source document and its translation, aligned block by block
//! (paragraphs, headings, list items, quotes). What is not prose stays out of the texts:
//! fenced and indented code blocks, front matter, HTML comments and link reference
//! definitions are not blocks at all; block markers (`#`, `>`, `-`, `1.`) are dropped; a
//! link `[text](url)` contributes only its text (the URL is left out of the [`Text`], so
//! checks never see it). Inline code stays in the text: `lang::protect` marks backtick spans
//! as protected, and the two sides still compare it.

use std::ops::Range;
use std::sync::Arc;

use super::{read_text, LoadOptions};
use crate::diagnostic::InputError;
use crate::segment::{Document, Escaping, Segment, SourceFile, Text, TextBuilder};

/// What kind of block a block is (both sides must have the same sequence).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// `#`..`######` heading of that level.
    Heading(usize),
    /// A list item.
    ListItem,
    /// A block quote.
    Quote,
    /// A paragraph (or table).
    Paragraph,
}

/// One prose block: its kind and the byte range of each of its lines' content (markers
/// already removed).
#[derive(Debug, Clone)]
pub struct Block {
    /// Its kind.
    pub kind: BlockKind,
    /// Content ranges, one per line.
    pub lines: Vec<Range<usize>>,
}

fn fence(line: &str) -> Option<&str> {
    let t = line.trim_start_matches(' ');
    if line.len() - t.len() > 3 {
        return None;
    }
    if t.starts_with("```") {
        Some("```")
    } else if t.starts_with("~~~") {
        Some("~~~")
    } else {
        None
    }
}

/// Strip a block marker from the start of `line`: returns the kind it announces and the
/// byte length of the marker.
fn marker(line: &str) -> (Option<BlockKind>, usize) {
    let t = line.trim_start_matches(' ');
    let indent = line.len() - t.len();
    let hashes = t.bytes().take_while(|&b| b == b'#').count();
    if (1..=6).contains(&hashes) && matches!(t.as_bytes().get(hashes), Some(b' ') | None) {
        let rest = &t[hashes..];
        let skip = rest.len() - rest.trim_start().len();
        return (Some(BlockKind::Heading(hashes)), indent + hashes + skip);
    }
    if let Some(rest) = t.strip_prefix('>') {
        let skip = rest.len() - rest.trim_start().len();
        return (Some(BlockKind::Quote), indent + 1 + skip);
    }
    if t.len() > 1 && matches!(t.as_bytes()[0], b'-' | b'*' | b'+') && t.as_bytes()[1] == b' ' {
        let rest = &t[1..];
        let skip = rest.len() - rest.trim_start().len();
        return (Some(BlockKind::ListItem), indent + 1 + skip);
    }
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=9).contains(&digits)
        && matches!(t.as_bytes().get(digits), Some(b'.' | b')'))
        && t.as_bytes().get(digits + 1) == Some(&b' ')
    {
        let rest = &t[digits + 1..];
        let skip = rest.len() - rest.trim_start().len();
        return (Some(BlockKind::ListItem), indent + digits + 1 + skip);
    }
    (None, indent)
}

fn is_link_definition(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with('[') && t.find("]:").is_some_and(|i| !t[1..i].contains(']'))
}

/// The prose blocks of a Markdown document.
pub fn blocks(content: &str) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut cur: Option<Block> = None;
    let mut in_fence: Option<&str> = None;
    let mut in_comment = false;
    let mut in_front = content.starts_with("---\n") || content.starts_with("---\r\n");
    let mut pos = 0;
    let mut prev_blank = true;
    let mut in_indented = false;
    for (n, raw) in content.split_inclusive('\n').enumerate() {
        let start = pos;
        pos += raw.len();
        let line = raw.trim_end_matches(['\n', '\r']);
        if in_front {
            if n > 0 && (line == "---" || line == "...") {
                in_front = false;
            }
            continue;
        }
        if let Some(f) = in_fence {
            if line.trim_start().starts_with(f) && line.len() - line.trim_start().len() <= 3 {
                in_fence = None;
            }
            continue;
        }
        if in_comment {
            if line.contains("-->") {
                in_comment = false;
            }
            continue;
        }
        let blank = line.trim().is_empty();
        let indented = line.starts_with("    ") || line.starts_with('\t');
        if in_indented {
            if blank || indented {
                continue;
            }
            in_indented = false;
        }
        if blank {
            out.extend(cur.take());
            prev_blank = true;
            continue;
        }
        if let Some(f) = fence(line) {
            out.extend(cur.take());
            in_fence = Some(f);
            continue;
        }
        if line.trim_start().starts_with("<!--") {
            out.extend(cur.take());
            in_comment = !line.contains("-->");
            prev_blank = false;
            continue;
        }
        if indented && prev_blank && cur.is_none() {
            // an indented code block: skipped with its following indented lines
            in_indented = true;
            continue;
        }
        if is_link_definition(line)
            || (line
                .trim_start()
                .chars()
                .all(|c| matches!(c, '-' | '*' | '_' | ' '))
                && line.trim().len() >= 3)
        {
            out.extend(cur.take());
            prev_blank = false;
            continue;
        }
        prev_blank = false;
        let (kind, skip) = marker(line);
        let content_range = start + skip..start + line.len();
        match kind {
            Some(k)
                if !(k == BlockKind::Quote
                    && matches!(
                        cur,
                        Some(Block {
                            kind: BlockKind::Quote,
                            ..
                        })
                    )) =>
            {
                out.extend(cur.take());
                let heading = matches!(k, BlockKind::Heading(_));
                let mut range = content_range;
                if heading {
                    // closing hashes
                    let text = &content[range.clone()];
                    let trimmed = text.trim_end_matches('#').trim_end();
                    if trimmed.len() < text.len()
                        && (trimmed.is_empty() || text[trimmed.len()..].starts_with(' '))
                    {
                        range.end = range.start + trimmed.len();
                    }
                }
                let block = Block {
                    kind: k,
                    lines: vec![range],
                };
                if heading {
                    out.push(block);
                } else {
                    cur = Some(block);
                }
            }
            _ => match cur.as_mut() {
                Some(b) => b.lines.push(content_range),
                None => {
                    cur = Some(Block {
                        kind: BlockKind::Paragraph,
                        lines: vec![content_range],
                    })
                }
            },
        }
    }
    out.extend(cur.take());
    out.retain(|b| {
        b.lines
            .iter()
            .any(|r| !content[r.clone()].trim().is_empty())
    });
    out
}

/// The text of a block: its lines joined by their line breaks, links reduced to their text.
pub fn block_text(content: &str, block: &Block, file: usize) -> Text {
    let first = block.lines.first().map_or(0, |r| r.start);
    let mut b = Text::builder(file, first);
    for (i, r) in block.lines.iter().enumerate() {
        if i > 0 {
            // the line break between the previous line and this one
            let prev = &block.lines[i - 1];
            let brk = &content[prev.end..];
            let nl = if brk.starts_with("\r\n") { 2 } else { 1 };
            b.escaped("\n", prev.end..prev.end + nl);
        }
        inline(content, r.clone(), &mut b);
    }
    b.build()
}

/// Append the inline content of `range`, dropping link destinations.
fn inline(content: &str, range: Range<usize>, b: &mut TextBuilder) {
    let s = &content[range.clone()];
    let bytes = s.as_bytes();
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'`' => {
                // inline code: kept verbatim, skipped over so brackets inside do not count
                let ticks = bytes[i..].iter().take_while(|&&c| c == b'`').count();
                let close = s[i + ticks..]
                    .find(&s[i..i + ticks])
                    .map(|p| i + ticks + p + ticks);
                i = close.unwrap_or(i + ticks);
            }
            b'[' => {
                let image = i > 0 && bytes[i - 1] == b'!';
                let Some(close) = matching(bytes, i, b'[', b']') else {
                    i += 1;
                    continue;
                };
                let after = close + 1;
                let dest_end = match bytes.get(after) {
                    Some(b'(') => matching(bytes, after, b'(', b')'),
                    Some(b'[') => matching(bytes, after, b'[', b']'),
                    _ => None,
                };
                let Some(dest_end) = dest_end else {
                    i += 1;
                    continue;
                };
                let lead = if image { i - 1 } else { i };
                b.verbatim(&s[run..lead], range.start + run);
                b.verbatim(&s[i + 1..close], range.start + i + 1);
                i = dest_end + 1;
                run = i;
            }
            _ => i += 1,
        }
    }
    b.verbatim(&s[run..], range.start + run);
}

fn matching(bytes: &[u8], open_at: usize, open: u8, close: u8) -> Option<usize> {
    let mut depth = 0;
    for (j, &c) in bytes.iter().enumerate().skip(open_at) {
        if c == b'\\' {
            continue;
        }
        if c == open {
            depth += 1;
        } else if c == close {
            depth -= 1;
            if depth == 0 {
                return Some(j);
            }
        }
    }
    None
}

/// A Markdown source and its translation, aligned block by block.
pub fn load_pair(source: &str, target: &str, opts: &LoadOptions) -> Result<Document, InputError> {
    let src = read_text(source)?;
    let tgt = read_text(target)?;
    pair(source, src, target, tgt, opts)
}

/// Pair decoded Markdown documents.
pub fn pair(
    source: &str,
    src: String,
    target: &str,
    tgt: String,
    opts: &LoadOptions,
) -> Result<Document, InputError> {
    let sb = blocks(&src);
    let tb = blocks(&tgt);
    let files = [
        SourceFile::new(source, src, Escaping::None),
        SourceFile::new(target, tgt, Escaping::None),
    ];
    let kinds_differ = sb.iter().zip(&tb).position(|(a, b)| a.kind != b.kind);
    if sb.len() != tb.len() || kinds_differ.is_some() {
        let k = kinds_differ.unwrap_or(sb.len().min(tb.len()));
        let at = match (sb.get(k), tb.get(k)) {
            (Some(a), Some(b)) => format!(
                "; they differ at block {} (source line {}, target line {})",
                k + 1,
                files[0].line_of(a.lines[0].start),
                files[1].line_of(b.lines[0].start)
            ),
            _ => String::new(),
        };
        return Err(InputError::file(
            target,
            format!(
                "{source} has {} Markdown blocks but {target} has {}{at}",
                sb.len(),
                tb.len()
            ),
        ));
    }
    let segments = sb
        .iter()
        .zip(&tb)
        .enumerate()
        .map(|(i, (a, b))| Segment {
            id: (i + 1).to_string().into(),
            source: Some(block_text(&files[0].content, a, 0)),
            target: Some(block_text(&files[1].content, b, 1)),
            ..Default::default()
        })
        .collect();
    let [f0, f1] = files;
    Ok(Document {
        files: vec![Arc::new(f0), Arc::new(f1)],
        format: "markdown",
        source_lang: opts.source_lang.clone(),
        target_lang: opts.target_lang.clone(),
        segments,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const EN: &str = "---\ntitle: x\n---\n# Install ##\n\nRun `cargo [x](y)` and see [the docs](https://example.org/a_(b)).\nSecond line ![logo](img.png).\n\n```sh\ncargo install termlint\n```\n\n    indented code\n\n- one\n- two\n\n> quoted\n> more\n\n[ref]: https://example.org\n<!-- a\ncomment -->\n";
    const ZH: &str = "---\ntitle: x\n---\n# 安装\n\n运行 `cargo [x](y)` 并参阅[文档](https://example.org/a_(b))。\n第二行 ![标志](img.png)。\n\n```sh\ncargo install termlint\n```\n\n- 一\n- 二\n\n> 引用\n> 更多\n";

    #[test]
    fn blocks_without_code_or_urls() {
        let d = pair(
            "en.md",
            EN.into(),
            "zh.md",
            ZH.into(),
            &LoadOptions::default(),
        )
        .unwrap();
        let texts: Vec<&str> = d
            .segments
            .iter()
            .map(|s| s.source.as_ref().unwrap().as_str())
            .collect();
        assert_eq!(
            texts,
            vec![
                "Install",
                "Run `cargo [x](y)` and see the docs.\nSecond line logo.",
                "one",
                "two",
                "quoted\nmore"
            ]
        );
        let t = d.segments[1].target.as_ref().unwrap();
        assert_eq!(t.value, "运行 `cargo [x](y)` 并参阅文档。\n第二行 标志。");
        let w = t.value.find("文档").unwrap();
        let span = t.file_span(w..w + 6);
        assert_eq!(&d.files[1].content[span], "文档");
        // the period after the link maps past the URL
        let p = t.value.find('。').unwrap();
        assert_eq!(&d.files[1].content[t.file_span(p..p + 3)], "。");
    }

    #[test]
    fn misaligned_documents_are_an_error() {
        let e = pair(
            "en.md",
            "# A\n\nb\n".into(),
            "zh.md",
            "甲\n\n乙\n".into(),
            &LoadOptions::default(),
        )
        .unwrap_err();
        assert!(e.message.contains("block 1"), "{}", e.message);
    }
}
