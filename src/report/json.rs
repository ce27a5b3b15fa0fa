//! JSON output, as SPEC §3 describes.

use std::io::{self, Write};

use serde::Serialize;

use crate::diagnostic::{Diagnostic, InputError};
use crate::Report;

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    findings: Vec<Finding<'a>>,
    errors: &'a [InputError],
    summary: Summary,
}

#[derive(Serialize)]
struct Finding<'a> {
    rule: &'a str,
    severity: &'a str,
    file: &'a str,
    side: crate::segment::Side,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    text: &'a str,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    suggestion: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    segment: Option<&'a str>,
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    segments: usize,
    findings: usize,
    errors: usize,
}

fn finding(d: &Diagnostic) -> Finding<'_> {
    Finding {
        rule: d.rule,
        severity: d.severity.as_str(),
        file: &d.file,
        side: d.side,
        line: d.start.line,
        column: d.start.column,
        end_line: d.end.line,
        end_column: d.end.column,
        text: &d.text,
        message: &d.message,
        suggestion: d.suggestion.as_deref(),
        note: d.note.as_deref(),
        segment: d.segment.as_deref(),
    }
}

/// Write the report as one JSON document.
pub fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let doc = Document {
        version: 1,
        findings: report.findings.iter().map(finding).collect(),
        errors: &report.errors,
        summary: Summary {
            files: report.files,
            segments: report.segments,
            findings: report.findings.len(),
            errors: report.errors.len(),
        },
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}
