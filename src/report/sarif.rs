//! SARIF 2.1.0 output, for code-scanning dashboards (GitHub, Azure DevOps, VS Code viewers).
//!
//! One run: the tool driver lists every registered rule (name, summary, documentation,
//! default level); each finding is a result with an exact region (`columnKind`
//! `unicodeCodePoints`, so columns are the same as in the JSON output) and, where the rule
//! has one, a fix; inputs that could not be read are tool execution notifications.

use std::collections::HashMap;
use std::io::{self, Write};

use serde_json::{json, Map, Value};

use crate::checks::{all_rules, Fixable, RuleMeta};
use crate::diagnostic::{Diagnostic, InputError, Severity};
use crate::segment::SourceFile;
use crate::Report;

/// The SARIF schema this output follows.
pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// SARIF level of a severity.
fn level(sev: Severity) -> &'static str {
    match sev {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
        Severity::Off => "none",
    }
}

/// `term-forbidden` -> `TermForbidden` (SARIF's `name` is an identifier-like label).
fn pascal(name: &str) -> String {
    name.split('-')
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_uppercase().chain(c).collect::<String>(),
                None => String::new(),
            }
        })
        .collect()
}

/// SARIF's `name`, which must differ from the `id` (case aside): `untranslated` ->
/// `UntranslatedRule`.
fn rule_name(id: &str) -> String {
    let name = pascal(id);
    if name.eq_ignore_ascii_case(id) {
        name + "Rule"
    } else {
        name
    }
}

/// A path as a URI reference: relative paths stay relative (`/`-separated, percent-encoded),
/// absolute ones become `file://` URIs.
pub fn path_to_uri(path: &str) -> String {
    let unified = path.replace('\\', "/");
    let absolute = unified.starts_with('/');
    let mut out = String::with_capacity(unified.len() + 8);
    if absolute {
        out.push_str("file://");
    }
    for b in unified.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn rule_descriptor(r: &RuleMeta) -> Value {
    let mut props = Map::new();
    props.insert(
        "fixable".into(),
        json!(match r.fixable {
            Fixable::No => "no",
            Fixable::Safe => "safe",
            Fixable::Unsafe => "unsafe",
            Fixable::Sometimes => "sometimes",
        }),
    );
    let full = format!("# {}\n\n{}", r.name, r.doc);
    json!({
        "id": r.name,
        "name": rule_name(r.name),
        "shortDescription": { "text": sentence(r.summary) },
        "fullDescription": { "text": sentence(r.summary) },
        "help": { "text": full, "markdown": full },
        "defaultConfiguration": {
            "enabled": r.default_severity != Severity::Off,
            "level": level(r.default_severity),
        },
        "properties": props,
    })
}

/// Capitalised and ending in a full stop, as SARIF's style rules ask of descriptions.
fn sentence(s: &str) -> String {
    let mut c = s.chars();
    let mut out: String = match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => return String::new(),
    };
    if !out.ends_with(['.', '!', '?']) {
        out.push('.');
    }
    out
}

fn region(src: Option<&SourceFile>, range: &std::ops::Range<usize>) -> Option<Value> {
    let src = src?;
    let (l1, c1) = src.position(range.start);
    let (l2, c2) = src.position(range.end);
    Some(json!({
        "startLine": l1, "startColumn": c1, "endLine": l2, "endColumn": c2,
    }))
}

fn result(d: &Diagnostic, index: Option<usize>, src: Option<&SourceFile>) -> Value {
    let mut region = json!({
        "startLine": d.start.line,
        "startColumn": d.start.column,
        "endLine": d.end.line,
        "endColumn": d.end.column,
    });
    if let Some(snippet) = src.and_then(|s| s.content.get(d.range.clone())) {
        if !snippet.is_empty() {
            region["snippet"] = json!({ "text": snippet });
        }
    }
    let mut message = d.message.to_string();
    if let Some(s) = &d.suggestion {
        message.push_str(&format!(" (suggestion: {s})"));
    }
    let mut r = json!({
        "ruleId": d.rule,
        "level": level(d.severity),
        "message": { "text": message },
        "locations": [{
            "physicalLocation": {
                "artifactLocation": { "uri": path_to_uri(&d.file) },
                "region": region,
            }
        }],
    });
    if let Some(i) = index {
        r["ruleIndex"] = json!(i);
    }
    let mut props = Map::new();
    props.insert("side".into(), json!(d.side));
    if let Some(seg) = &d.segment {
        props.insert("segment".into(), json!(&**seg));
    }
    if let Some(n) = &d.note {
        props.insert("note".into(), json!(n));
    }
    r["properties"] = Value::Object(props);
    if let Some(fix) = &d.fix {
        let replacements: Option<Vec<Value>> = fix
            .edits
            .iter()
            .map(|e| {
                Some(json!({
                    "deletedRegion": region_of(src, &e.range)?,
                    "insertedContent": { "text": &*e.replacement },
                }))
            })
            .collect();
        if let Some(replacements) = replacements.filter(|r| !r.is_empty()) {
            let description = match &d.suggestion {
                Some(s) => format!("Replace with \"{s}\"."),
                None => "Apply the fix.".to_string(),
            };
            r["fixes"] = json!([{
                "description": { "text": description },
                "artifactChanges": [{
                    "artifactLocation": { "uri": path_to_uri(&d.file) },
                    "replacements": replacements,
                }],
            }]);
        }
    }
    r
}

fn region_of(src: Option<&SourceFile>, range: &std::ops::Range<usize>) -> Option<Value> {
    let src = src?;
    if range.end > src.content.len() || range.start > range.end {
        return None;
    }
    region(Some(src), range)
}

fn notification(e: &InputError) -> Value {
    let mut loc = json!({ "artifactLocation": { "uri": path_to_uri(&e.file) } });
    if let Some(line) = e.line {
        let mut region = json!({ "startLine": line });
        if let Some(col) = e.column {
            region["startColumn"] = json!(col);
        }
        loc["region"] = region;
    }
    json!({
        "level": "error",
        "message": { "text": e.message },
        "locations": [{ "physicalLocation": loc }],
    })
}

/// Write the report as one SARIF 2.1.0 log.
pub fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let rules = all_rules();
    let index: HashMap<&str, usize> = rules.iter().enumerate().map(|(i, r)| (r.name, i)).collect();
    let sources: HashMap<&str, &SourceFile> = report
        .sources
        .iter()
        .map(|f| (f.path.as_str(), f.as_ref()))
        .collect();
    let results: Vec<Value> = report
        .findings
        .iter()
        .map(|d| {
            result(
                d,
                index.get(d.rule).copied(),
                sources.get(&*d.file).copied(),
            )
        })
        .collect();
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "termlint",
                    "version": env!("CARGO_PKG_VERSION"),
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "rules": rules.iter().map(|r| rule_descriptor(r)).collect::<Vec<_>>(),
                }
            },
            "invocations": [{
                "executionSuccessful": report.errors.is_empty(),
                "exitCode": report.exit_code(),
                "toolExecutionNotifications":
                    report.errors.iter().map(notification).collect::<Vec<_>>(),
            }],
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    });
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_encoded_references() {
        assert_eq!(path_to_uri("po/zh_CN.po"), "po/zh_CN.po");
        assert_eq!(path_to_uri("a b/中.po"), "a%20b/%E4%B8%AD.po");
        assert_eq!(path_to_uri("/tmp/x#1.po"), "file:///tmp/x%231.po");
        // ':' is encoded, so a relative path never reads as a scheme.
        assert_eq!(path_to_uri("c:x.po"), "c%3Ax.po");
        assert_eq!(rule_name("term-forbidden"), "TermForbidden");
        assert_eq!(rule_name("untranslated"), "UntranslatedRule");
        assert_eq!(sentence("two spaces"), "Two spaces.");
    }
}
