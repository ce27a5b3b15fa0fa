//! Output formats for a [`crate::Report`]. Each writes to the writer it is given.

pub mod html;
pub mod human;
pub mod json;
pub mod xlsx;

use std::io::{self, Write};

use crate::Report;

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// For people: file:line:column, the line with the span underlined.
    Human,
    /// SPEC §3 JSON.
    Json,
    /// A self-contained HTML review page.
    Html,
    /// An Excel workbook of findings, for reviewers who work in spreadsheets.
    Xlsx,
}

impl Format {
    /// Whether the reporter shows whole segments (the engine must keep its documents).
    pub fn needs_documents(self) -> bool {
        matches!(self, Format::Html | Format::Xlsx)
    }
}

/// Write `report` in `format`.
pub fn write(format: Format, report: &Report, out: &mut dyn Write, color: bool) -> io::Result<()> {
    match format {
        Format::Human => human::write(report, out, color),
        Format::Json => json::write(report, out),
        Format::Html => html::write(report, out),
        Format::Xlsx => xlsx::write(report, out),
    }
}
