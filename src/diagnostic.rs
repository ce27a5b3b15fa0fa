//! Findings, severities and fixes.

use std::fmt;
use std::ops::Range;
use std::str::FromStr;
use std::sync::Arc;

use serde::Serialize;

use crate::segment::Side;

/// How serious a finding is. `Off` disables a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Disabled.
    Off,
    /// Informational.
    Info,
    /// Should be looked at.
    Warning,
    /// Fails the run (exit code 1).
    Error,
}

impl Severity {
    /// The lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Off => "off",
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "off" | "none" | "ignore" => Ok(Severity::Off),
            "info" | "note" | "hint" => Ok(Severity::Info),
            "warning" | "warn" => Ok(Severity::Warning),
            "error" | "deny" => Ok(Severity::Error),
            other => Err(format!(
                "unknown severity `{other}` (expected error, warning, info or off)"
            )),
        }
    }
}

/// Whether a fix may be applied without a human looking at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Applied by `termlint fix`.
    Safe,
    /// Applied only with `--unsafe-fixes`: the meaning may change.
    Unsafe,
}

/// One replacement in a file: bytes `range` of the file's decoded content become `replacement`
/// (already escaped for the file's format).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edit {
    /// Byte range in [`crate::segment::SourceFile::content`].
    pub range: Range<usize>,
    /// What replaces it, escaped for the file (shared by the edits that insert the same,
    /// like [`Diagnostic::message`]).
    #[serde(serialize_with = "serialize_shared")]
    pub replacement: Arc<str>,
}

/// Serialize a shared string as the string (serde's `Arc` support is behind a feature).
fn serialize_shared<S: serde::Serializer>(s: &Arc<str>, to: S) -> Result<S::Ok, S::Error> {
    to.serialize_str(s)
}

/// A set of edits that together repair one finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    /// The edits, in one file.
    pub edits: Vec<Edit>,
    /// Whether it is safe.
    pub applicability: Applicability,
}

/// A 1-based line and column (columns count Unicode scalar values). 32 bits each, which
/// keeps findings small (a large run has hundreds of thousands); a file of more than four
/// billion lines, or a line of more than four billion characters, has its findings past
/// them placed at `u32::MAX`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Position {
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
}

impl Position {
    /// A position from a line and column counted in `usize`, each capped at `u32::MAX`.
    pub fn new(line: usize, column: usize) -> Self {
        let cap = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Position {
            line: cap(line),
            column: cap(column),
        }
    }
}

/// One problem found, fully located.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The rule's kebab-case name.
    pub rule: &'static str,
    /// The severity in force for this run.
    pub severity: Severity,
    /// The file, as the user gave it (shared by the file's findings).
    pub file: Arc<str>,
    /// Which text the span is in.
    pub side: Side,
    /// Start of the span.
    pub start: Position,
    /// End of the span (exclusive).
    pub end: Position,
    /// Byte range in the file's decoded content.
    pub range: Range<usize>,
    /// The decoded text the span covers (shared like `message`).
    pub text: Arc<str>,
    /// What is wrong (shared by findings that say the same, see
    /// [`crate::checks::make_diagnostic`]).
    pub message: Arc<str>,
    /// The replacement to use, where there is one.
    pub suggestion: Option<String>,
    /// A glossary note or other explanation.
    pub note: Option<String>,
    /// The segment's identifier (shared by the segment's findings).
    pub segment: Option<Arc<str>>,
    /// An automatic repair.
    pub fix: Option<Fix>,
}

impl Diagnostic {
    /// Sort key: file, position, rule.
    pub fn sort_key(&self) -> (&str, Position, &str, Position) {
        (&self.file, self.start, self.rule, self.end)
    }
}

/// An input that could not be read or parsed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InputError {
    /// The file, as the user gave it.
    pub file: String,
    /// 1-based line, where known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// 1-based column, where known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    /// What went wrong.
    pub message: String,
}

impl InputError {
    /// An error about a whole file.
    pub fn file(file: impl Into<String>, message: impl Into<String>) -> Self {
        InputError {
            file: file.into(),
            line: None,
            column: None,
            message: message.into(),
        }
    }

    /// An error at a line (and optionally column).
    pub fn at(
        file: impl Into<String>,
        line: usize,
        column: Option<usize>,
        message: impl Into<String>,
    ) -> Self {
        InputError {
            file: file.into(),
            line: Some(line),
            column,
            message: message.into(),
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(l), Some(c)) => write!(f, "{}:{}:{}: {}", self.file, l, c, self.message),
            (Some(l), None) => write!(f, "{}:{}: {}", self.file, l, self.message),
            _ => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lines and columns past `u32::MAX` are capped, the others kept.
    #[test]
    fn positions_are_capped() {
        assert_eq!(Position::new(3, 7), Position { line: 3, column: 7 });
        let big = u32::MAX as usize;
        assert_eq!(Position::new(big, big).line, u32::MAX);
        #[cfg(target_pointer_width = "64")]
        assert_eq!(
            Position::new(big + 1, 5),
            Position {
                line: u32::MAX,
                column: 5
            }
        );
    }
}
