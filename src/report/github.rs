//! GitHub Actions workflow commands: one `::error file=…,line=…,col=…::message` line per
//! finding, shown as annotations on the pull request's diff.

use std::io::{self, Write};

use crate::diagnostic::{Diagnostic, InputError, Severity};
use crate::Report;

/// Escape a command's message (`%`, CR, LF).
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a property value (also `:` and `,`).
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn command(sev: Severity) -> &'static str {
    match sev {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Off => "notice",
    }
}

fn finding(d: &Diagnostic, out: &mut dyn Write) -> io::Result<()> {
    let mut props = format!(
        "file={},line={},endLine={}",
        escape_property(&d.file),
        d.start.line,
        d.end.line
    );
    // Columns are only meaningful to GitHub on a single line.
    if d.start.line == d.end.line {
        props.push_str(&format!(
            ",col={},endColumn={}",
            d.start.column, d.end.column
        ));
    }
    props.push_str(&format!(
        ",title={}",
        escape_property(&format!("termlint {}", d.rule))
    ));
    let mut message = d.message.to_string();
    if let Some(s) = &d.suggestion {
        message.push_str(&format!("\nsuggestion: {}", super::show_suggestion(s)));
    }
    if let Some(n) = &d.note {
        message.push_str(&format!("\nnote: {n}"));
    }
    writeln!(
        out,
        "::{} {props}::{}",
        command(d.severity),
        escape_data(&message)
    )
}

fn error(e: &InputError, out: &mut dyn Write) -> io::Result<()> {
    let mut props = format!("file={}", escape_property(&e.file));
    if let Some(l) = e.line {
        props.push_str(&format!(",line={l}"));
        if let Some(c) = e.column {
            props.push_str(&format!(",col={c}"));
        }
    }
    props.push_str(
        ",title=termlint: unreadable input"
            .replace(':', "%3A")
            .as_str(),
    );
    writeln!(out, "::error {props}::{}", escape_data(&e.message))
}

/// Write the report as workflow commands, then a one-line summary.
pub fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    for d in &report.findings {
        finding(d, out)?;
    }
    for e in &report.errors {
        error(e, out)?;
    }
    let count = |s: Severity| report.findings.iter().filter(|f| f.severity == s).count();
    writeln!(
        out,
        "termlint: {} finding(s) ({} error(s), {} warning(s), {} info) in {} file(s); {} unreadable input(s)",
        report.findings.len(),
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
        report.files,
        report.errors.len()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_follow_the_workflow_command_rules() {
        assert_eq!(escape_data("50% a\nb"), "50%25 a%0Ab");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}
