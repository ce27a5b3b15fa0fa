//! Output formats for a [`crate::Report`]. Each writes to the writer it is given.

pub mod human;
pub mod json;

use std::io::{self, Write};

use crate::Report;

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// For people: file:line:column, the line with the span underlined.
    Human,
    /// SPEC §3 JSON.
    Json,
}

/// Write `report` in `format`.
pub fn write(format: Format, report: &Report, out: &mut dyn Write, color: bool) -> io::Result<()> {
    match format {
        Format::Human => human::write(report, out, color),
        Format::Json => json::write(report, out),
    }
}
