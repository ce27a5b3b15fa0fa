//! Output formats for a [`crate::Report`]. Each writes to the writer it is given.

pub mod github;
pub mod human;
pub mod json;
pub mod sarif;

use std::io::{self, Write};

use crate::Report;

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// For people: file:line:column, the line with the span underlined.
    Human,
    /// SPEC §3 JSON.
    Json,
    /// SARIF 2.1.0.
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
}

/// Write `report` in `format`.
pub fn write(format: Format, report: &Report, out: &mut dyn Write, color: bool) -> io::Result<()> {
    match format {
        Format::Human => human::write(report, out, color),
        Format::Json => json::write(report, out),
        Format::Sarif => sarif::write(report, out),
        Format::Github => github::write(report, out),
    }
}

/// The Markdown table of every rule (name, default severity, fixes, summary), as the
/// README shows it between `<!-- rules:start -->` and `<!-- rules:end -->`.
pub fn rules_markdown() -> String {
    use crate::checks::{all_rules, Fixable};
    let mut s = String::from("| rule | default | fix | fires when |\n|---|---|---|---|\n");
    for r in all_rules() {
        let fix = match r.fixable {
            Fixable::No => "",
            Fixable::Safe => "safe",
            Fixable::Unsafe => "unsafe",
            Fixable::Sometimes => "sometimes",
        };
        s.push_str(&format!(
            "| `{}` | {} | {} | {} |\n",
            r.name,
            r.default_severity,
            fix,
            r.summary.replace('|', "\\|")
        ));
    }
    s
}
