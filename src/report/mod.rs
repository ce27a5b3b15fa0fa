//! Output formats for a [`crate::Report`]. Each writes to the writer it is given.

pub mod github;
pub mod html;
pub mod human;
pub mod json;
pub mod sarif;
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
    /// SARIF 2.1.0.
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
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
        Format::Sarif => sarif::write(report, out),
        Format::Github => github::write(report, out),
        Format::Html => html::write(report, out),
        Format::Xlsx => xlsx::write(report, out),
    }
}

/// A suggestion as people should read it: quoted when blank or when it starts or ends with
/// whitespace (`" "` for "one space"), as is otherwise.
pub fn show_suggestion(s: &str) -> String {
    if s.is_empty() || s.trim() != s {
        format!("{s:?}")
    } else {
        s.to_string()
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
