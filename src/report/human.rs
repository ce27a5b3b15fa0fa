//! Output for people: `file:line:column: severity[rule]: message`, the line with the span
//! underlined, then the suggestion and note.

use std::collections::HashMap;
use std::io::{self, Write};

use unicode_width::UnicodeWidthChar;

use crate::diagnostic::{Diagnostic, Severity};
use crate::segment::SourceFile;
use crate::Report;

/// How many characters of context to show on each side of a span.
const CONTEXT: usize = 40;

struct Style {
    on: bool,
}

impl Style {
    fn paint(&self, code: &str, s: &str) -> String {
        if self.on {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
    fn severity(&self, sev: Severity) -> String {
        let code = match sev {
            Severity::Error => "1;31",
            Severity::Warning => "1;33",
            Severity::Info => "1;36",
            Severity::Off => "0",
        };
        self.paint(code, sev.as_str())
    }
}

/// Write the report for a terminal (`color`) or a plain stream.
pub fn write(report: &Report, out: &mut dyn Write, color: bool) -> io::Result<()> {
    let style = Style { on: color };
    let sources: HashMap<&str, &SourceFile> = report
        .sources
        .iter()
        .map(|f| (f.path.as_str(), f.as_ref()))
        .collect();
    for d in &report.findings {
        write_finding(d, sources.get(&*d.file).copied(), out, &style)?;
    }
    for e in &report.errors {
        writeln!(out, "{}: {e}", style.paint("1;31", "error"))?;
    }
    let count = |s: Severity| report.findings.iter().filter(|f| f.severity == s).count();
    let mut summary = format!(
        "{} finding{} ({} error{}, {} warning{}, {} info) in {} segment{} of {} file{}",
        report.findings.len(),
        plural(report.findings.len()),
        count(Severity::Error),
        plural(count(Severity::Error)),
        count(Severity::Warning),
        plural(count(Severity::Warning)),
        count(Severity::Info),
        report.segments,
        plural(report.segments),
        report.files,
        plural(report.files),
    );
    if !report.errors.is_empty() {
        summary.push_str(&format!(
            "; {} input{} could not be read",
            report.errors.len(),
            plural(report.errors.len())
        ));
    }
    writeln!(out, "{}", style.paint("1", &summary))
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn write_finding(
    d: &Diagnostic,
    source: Option<&SourceFile>,
    out: &mut dyn Write,
    style: &Style,
) -> io::Result<()> {
    writeln!(
        out,
        "{}:{}:{}: {}[{}]: {}",
        d.file,
        d.start.line,
        d.start.column,
        style.severity(d.severity),
        d.rule,
        d.message
    )?;
    if let Some(src) = source {
        let line = src.line_text(d.start.line as usize);
        // Work in bytes around the finding (its file range lies in this line): collecting the
        // whole line per finding is quadratic on a long line with many findings.
        let line_off = line.as_ptr() as usize - src.content.as_ptr() as usize;
        let in_line = |b: usize| {
            let mut b = b.saturating_sub(line_off).min(line.len());
            while !line.is_char_boundary(b) {
                b -= 1;
            }
            b
        };
        let start = in_line(d.range.start);
        let end = if d.end.line == d.start.line {
            in_line(d.range.end).max(start)
        } else {
            line.len()
        };
        let from = line[..start]
            .char_indices()
            .rev()
            .nth(CONTEXT - 1)
            .map_or(0, |(i, _)| i);
        let to = line[end..]
            .char_indices()
            .nth(CONTEXT)
            .map_or(line.len(), |(i, _)| end + i);
        let clean = |c: char| if c == '\t' { ' ' } else { c };
        let before: String = line[from..start].chars().map(clean).collect();
        let span: String = line[start..end].chars().map(clean).collect();
        let after: String = line[end..to].chars().map(clean).collect();
        let lead = if from > 0 { "…" } else { "" };
        let tail = if to < line.len() { "…" } else { "" };
        let width = |s: &str| s.chars().map(|c| c.width().unwrap_or(0)).sum::<usize>();
        let gutter = d.start.line.to_string();
        let pad = " ".repeat(gutter.len());
        writeln!(out, "{pad} |")?;
        writeln!(
            out,
            "{gutter} | {lead}{before}{}{after}{tail}",
            style.paint("1", &span)
        )?;
        let marks = "^".repeat(width(&span).max(1));
        writeln!(
            out,
            "{pad} | {}{}",
            " ".repeat(width(lead) + width(&before)),
            style.paint("1;31", &marks)
        )?;
    }
    if let Some(s) = &d.suggestion {
        writeln!(out, "  = suggestion: {}", super::show_suggestion(s))?;
    }
    if let Some(n) = &d.note {
        writeln!(out, "  = note: {n}")?;
    }
    Ok(())
}
