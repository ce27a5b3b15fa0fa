//! An Excel workbook: one sheet of findings with the JSON columns plus the segment's source
//! and target text, an autofilter and a frozen header row.

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::{self, Write};

use rust_xlsxwriter::{Format, Workbook, XlsxError};

use crate::Report;

const COLUMNS: [(&str, f64); 16] = [
    ("rule", 22.0),
    ("severity", 10.0),
    ("file", 28.0),
    ("side", 8.0),
    ("line", 7.0),
    ("column", 7.0),
    ("end_line", 7.0),
    ("end_column", 7.0),
    ("text", 24.0),
    ("message", 50.0),
    ("suggestion", 24.0),
    ("note", 30.0),
    ("segment", 20.0),
    ("source", 60.0),
    ("target", 60.0),
    ("reviewer", 20.0),
];

fn to_io(e: XlsxError) -> io::Error {
    io::Error::other(e.to_string())
}

/// Write the workbook.
pub fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    // (file, segment id) -> (source, target)
    let mut texts: HashMap<(&str, Cow<str>), (&str, &str)> = HashMap::new();
    for doc in &report.documents {
        for seg in &doc.segments {
            let pair = (
                seg.source.as_ref().map_or("", |t| t.as_str()),
                seg.target.as_ref().map_or("", |t| t.as_str()),
            );
            for t in [&seg.source, &seg.target].into_iter().flatten() {
                if let Some(f) = doc.files.get(t.file) {
                    texts.entry((f.path.as_str(), seg.id())).or_insert(pair);
                }
            }
        }
    }
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("findings").map_err(to_io)?;
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap();
    for (c, (name, width)) in COLUMNS.iter().enumerate() {
        sheet
            .write_string_with_format(0, c as u16, *name, &bold)
            .map_err(to_io)?;
        sheet.set_column_width(c as u16, *width).map_err(to_io)?;
    }
    for (i, d) in report.findings.iter().enumerate() {
        let r = (i + 1) as u32;
        let (src, tgt) = d
            .segment
            .as_deref()
            .and_then(|id| texts.get(&(&*d.file, Cow::Borrowed(id))).copied())
            .unwrap_or(("", ""));
        let side = match d.side {
            crate::segment::Side::Source => "source",
            crate::segment::Side::Target => "target",
        };
        let strings: [(u16, &str); 11] = [
            (0, d.rule),
            (1, d.severity.as_str()),
            (2, &d.file),
            (3, side),
            (8, &d.text),
            (9, &d.message),
            (10, d.suggestion.as_deref().unwrap_or("")),
            (11, d.note.as_deref().unwrap_or("")),
            (12, d.segment.as_deref().unwrap_or("")),
            (13, src),
            (14, tgt),
        ];
        for (c, v) in strings {
            // Excel cells hold at most 32,767 characters.
            let v: String = v.chars().take(32_000).collect();
            if c >= 13 {
                sheet
                    .write_string_with_format(r, c, v, &wrap)
                    .map_err(to_io)?;
            } else {
                sheet.write_string(r, c, v).map_err(to_io)?;
            }
        }
        for (c, v) in [
            (4u16, d.start.line),
            (5, d.start.column),
            (6, d.end.line),
            (7, d.end.column),
        ] {
            sheet.write_number(r, c, v as f64).map_err(to_io)?;
        }
    }
    let last_row = report.findings.len() as u32;
    sheet
        .autofilter(0, 0, last_row, (COLUMNS.len() - 1) as u16)
        .map_err(to_io)?;
    sheet.set_freeze_panes(1, 0).map_err(to_io)?;
    let bytes = book.save_to_buffer().map_err(to_io)?;
    out.write_all(&bytes)
}

#[cfg(test)]
mod tests {
    #[test]
    fn writes_a_zip_workbook() {
        let mut out = Vec::new();
        super::write(&crate::Report::default(), &mut out).unwrap();
        assert!(out.starts_with(b"PK"), "xlsx files are zip archives");
    }
}
