//! Glossary CSV/TSV reading (SPEC §2).
//!
//! A header row is required; column names are case-insensitive and unknown columns are
//! ignored with a warning. `target` and `forbidden` hold `|`-separated alternatives. A row
//! with an empty `source` is a target-only rule. Rows that cannot be understood (wrong
//! number of fields, invalid UTF-8, an empty required cell, an unknown `case` or `match`
//! value) stop loading with an error naming file, line and column; a row repeating an
//! earlier one is kept once and reported as a warning.

use std::collections::HashMap;
use std::sync::Arc;

use foldhash::fast::FixedState;

use super::{CaseRule, Glossary, MatchMode, Origin, TermEntry};
use crate::diagnostic::InputError;

/// The field separator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delimiter {
    /// `,` with `"` quoting.
    Comma,
    /// Tab, no quoting (TSV as spreadsheets and term bases export it).
    Tab,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Col {
    Source,
    Target,
    Forbidden,
    Note,
    Case,
    Match,
    Id,
    Pos,
    Domain,
    Definition,
    TermType,
    /// Where a merged row came from (`file:line`, written by `glossary merge`); not kept.
    Origin,
    /// What `glossary extract` adds for the reviewer (`frequency`, `score`, `example`,
    /// `status`); known, so not warned about, but not kept.
    Review(&'static str),
}

impl Col {
    fn from_name(name: &str) -> Option<Col> {
        Some(match name.trim().to_lowercase().as_str() {
            "source" => Col::Source,
            "target" => Col::Target,
            "forbidden" => Col::Forbidden,
            "note" => Col::Note,
            "case" => Col::Case,
            "match" => Col::Match,
            "id" => Col::Id,
            "pos" => Col::Pos,
            "domain" => Col::Domain,
            "definition" => Col::Definition,
            "termtype" | "term_type" | "term type" => Col::TermType,
            "origin" => Col::Origin,
            "frequency" => Col::Review("frequency"),
            "score" => Col::Review("score"),
            "example" => Col::Review("example"),
            "status" => Col::Review("status"),
            _ => return None,
        })
    }
}

/// What makes two rows duplicates: source, targets, forbidden, id.
fn row_key(e: &TermEntry) -> (&str, &[String], &[String], Option<&str>) {
    (&e.source, &e.targets, &e.forbidden, e.id.as_deref())
}

/// A hash of [`row_key`]: rows are compared in full only when their hashes agree, so no
/// key is copied.
fn row_hash(e: &TermEntry) -> u64 {
    use std::hash::BuildHasher;
    FixedState::default().hash_one(row_key(e))
}

/// Split a `|`-separated cell into trimmed, non-empty alternatives.
pub(crate) fn alternatives(cell: &str) -> Vec<String> {
    cell.split('|')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

/// 1-based character column where field `field` of the record starting at byte `start`
/// begins, found by re-scanning the raw bytes (quotes respected).
fn field_column(bytes: &[u8], start: usize, field: usize, delim: u8, quoting: bool) -> usize {
    let line_start = bytes[..start.min(bytes.len())]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let mut i = start.min(bytes.len());
    let mut n = 0;
    let mut in_quotes = false;
    while n < field && i < bytes.len() {
        let b = bytes[i];
        if quoting && b == b'"' {
            in_quotes = !in_quotes;
        } else if b == delim && !in_quotes {
            n += 1;
        } else if (b == b'\n' || b == b'\r') && !in_quotes {
            break;
        }
        i += 1;
    }
    let line = &bytes[line_start..i.max(line_start)];
    String::from_utf8_lossy(line).chars().count() + 1
}

/// Parse glossary CSV/TSV bytes; `path` names the file in messages. The first row that
/// cannot be understood stops loading.
pub fn parse(path: &str, bytes: &[u8], delimiter: Delimiter) -> Result<Glossary, InputError> {
    parse_rows(path, bytes, delimiter, None)
}

/// Parse like [`parse`], but keep going past rows that cannot be understood: each is
/// skipped and its error pushed to `row_errors` (for `glossary validate`). A file without
/// a usable header is still an error.
pub fn parse_lenient(
    path: &str,
    bytes: &[u8],
    delimiter: Delimiter,
    row_errors: &mut Vec<InputError>,
) -> Result<Glossary, InputError> {
    parse_rows(path, bytes, delimiter, Some(row_errors))
}

fn parse_rows(
    path: &str,
    bytes: &[u8],
    delimiter: Delimiter,
    mut row_errors: Option<&mut Vec<InputError>>,
) -> Result<Glossary, InputError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let (delim, quoting) = match delimiter {
        Delimiter::Comma => (b',', true),
        Delimiter::Tab => (b'\t', false),
    };
    let mut reader = ::csv::ReaderBuilder::new()
        .delimiter(delim)
        .quoting(quoting)
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut warnings = Vec::new();
    let mut record = ::csv::ByteRecord::new();
    let err_at = |line: u64, col: Option<usize>, msg: String| {
        InputError::at(path, line.max(1) as usize, col, msg)
    };

    // Header.
    let header =
        match reader.read_byte_record(&mut record) {
            Ok(true) => record.clone(),
            Ok(false) => return Err(InputError::file(
                path,
                "empty glossary: a header row naming at least `source` and `target` is required",
            )),
            Err(e) => return Err(csv_error(path, bytes, &e, delim, quoting)),
        };
    let header_line = header.position().map_or(1, |p| p.line());
    let mut columns: Vec<Option<Col>> = Vec::new();
    let mut seen: HashMap<Col, usize> = HashMap::new();
    for (i, raw) in header.iter().enumerate() {
        let name = std::str::from_utf8(raw).map_err(|_| {
            err_at(
                header_line,
                Some(field_column(bytes, 0, i, delim, quoting)),
                "header is not valid UTF-8".into(),
            )
        })?;
        let col = Col::from_name(name);
        match col {
            Some(c) => {
                if let Some(prev) = seen.insert(c, i) {
                    return Err(err_at(
                        header_line,
                        Some(field_column(bytes, 0, i, delim, quoting)),
                        format!(
                            "column `{}` appears twice (fields {} and {})",
                            name.trim(),
                            prev + 1,
                            i + 1
                        ),
                    ));
                }
            }
            None => {
                let shown = if name.trim().is_empty() {
                    format!("field {} has no name", i + 1)
                } else {
                    format!("unknown column `{}`", name.trim())
                };
                warnings.push(err_at(
                    header_line,
                    Some(field_column(bytes, 0, i, delim, quoting)),
                    format!("{shown}: ignored (known: source, target, forbidden, note, case, match, id, pos, domain, definition, termtype, origin)"),
                ));
            }
        }
        columns.push(col);
    }
    for required in [Col::Source, Col::Target] {
        if !seen.contains_key(&required) {
            let name = if required == Col::Source {
                "source"
            } else {
                "target"
            };
            return Err(err_at(
                header_line,
                None,
                format!(
                    "the header has no `{name}` column (a header row naming at least `source` and `target` is required)"
                ),
            ));
        }
    }

    let (src_col, tgt_col) = (seen[&Col::Source], seen[&Col::Target]);
    let forbidden_col = seen.get(&Col::Forbidden).copied();
    // At most one row per line: sized once, a 100k-row glossary's rows are never moved
    // (growing the vector past a guess copied 25 MB).
    let max_rows = memchr::memchr_iter(b'\n', bytes).count() + 1;
    let mut entries: Vec<TermEntry> = Vec::with_capacity(max_rows);
    // Row hash -> index into `entries` of the first row with that hash; later rows with
    // the same hash but another key (64-bit collisions: next to never) in `more_seen`.
    let mut first_seen: HashMap<u64, usize, FixedState> =
        HashMap::with_capacity_and_hasher(max_rows, FixedState::default());
    let mut more_seen: HashMap<u64, Vec<usize>, FixedState> = HashMap::default();
    let file: Arc<str> = Arc::from(path);
    'rows: loop {
        match reader.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => return Err(csv_error(path, bytes, &e, delim, quoting)),
        }
        let (line, rec_start) = record
            .position()
            .map_or((1, 0), |p| (p.line(), p.byte() as usize));
        let col_of = |i: usize| Some(field_column(bytes, rec_start, i, delim, quoting));
        // A row error stops loading, or (lenient) skips the row.
        macro_rules! row_error {
            ($l:lifetime, $e:expr) => {{
                let e = $e;
                match row_errors.as_deref_mut() {
                    Some(list) => {
                        list.push(e);
                        continue $l;
                    }
                    None => return Err(e),
                }
            }};
        }
        // A row of empty cells (",,,") is a blank line in a spreadsheet export.
        if record
            .iter()
            .all(|f| f.iter().all(|b| b.is_ascii_whitespace()))
        {
            continue;
        }
        if record.len() != columns.len() {
            row_error!('rows, err_at(
                line,
                col_of(record.len().min(columns.len())),
                format!(
                    "this row has {} fields but the header has {}{}",
                    record.len(),
                    columns.len(),
                    if quoting {
                        " (a comma inside a value needs the value in double quotes)"
                    } else {
                        ""
                    }
                ),
            ));
        }
        let mut entry = TermEntry {
            origin: Origin {
                file: Arc::clone(&file),
                line: line as usize,
            },
            ..Default::default()
        };
        let mut target_cell = "";
        for (i, raw) in record.iter().enumerate() {
            let Some(col) = columns[i] else { continue };
            let value = match std::str::from_utf8(raw) {
                Ok(v) => v,
                Err(e) => row_error!('rows, err_at(
                    line,
                    col_of(i),
                    format!(
                        "invalid UTF-8 in this field (byte {} of it); glossaries must be UTF-8",
                        e.valid_up_to() + 1
                    ),
                )),
            };
            let value = value.trim();
            let opt = || (!value.is_empty()).then(|| value.to_string());
            match col {
                Col::Source => entry.source = value.to_string(),
                Col::Target => {
                    target_cell = value;
                    entry.targets = alternatives(value);
                }
                Col::Forbidden => entry.forbidden = alternatives(value),
                Col::Note => entry.note = opt(),
                Col::Id => entry.id = opt(),
                Col::Pos => entry.pos = opt(),
                Col::Domain => entry.domain = opt(),
                Col::Definition => entry.definition = opt(),
                Col::TermType => entry.term_type = opt(),
                Col::Origin | Col::Review(_) => {}
                Col::Case => {
                    entry.case = match value.to_lowercase().as_str() {
                        "" | "permissive" => CaseRule::Permissive,
                        "sensitive" => CaseRule::Sensitive,
                        "insensitive" => CaseRule::Insensitive,
                        other => {
                            row_error!('rows, err_at(
                                line,
                                col_of(i),
                                format!("unknown `case` value `{other}` (expected permissive, sensitive or insensitive)"),
                            ))
                        }
                    }
                }
                Col::Match => {
                    entry.match_mode = match value.to_lowercase().as_str() {
                        "" => MatchMode::Auto,
                        "inflect" => MatchMode::Inflect,
                        "exact" => MatchMode::Exact,
                        other => {
                            row_error!('rows, err_at(
                                line,
                                col_of(i),
                                format!("unknown `match` value `{other}` (expected inflect or exact)"),
                            ))
                        }
                    }
                }
            }
        }
        if entry.source.is_empty() {
            if entry.forbidden.is_empty() {
                let at = forbidden_col.unwrap_or(src_col);
                row_error!('rows, err_at(
                    line,
                    col_of(at),
                    if entry.targets.is_empty() {
                        "row has no source term and no target".to_string()
                    } else {
                        "a row with an empty `source` is a target-only rule and needs the wrong renderings in `forbidden`".to_string()
                    },
                ));
            }
            if entry.targets.len() > 1 {
                row_error!('rows, err_at(
                    line,
                    col_of(tgt_col),
                    "a target-only rule takes one replacement in `target`, not alternatives"
                        .to_string(),
                ));
            }
        } else if entry.targets.is_empty() {
            row_error!('rows, err_at(
                line,
                col_of(tgt_col),
                if target_cell.is_empty() {
                    format!("term `{}` has an empty `target`", entry.source)
                } else {
                    format!(
                        "term `{}` has no rendering in `target` (only `|`)",
                        entry.source
                    )
                },
            ));
        }
        let hash = row_hash(&entry);
        let same_key = |&i: &usize| row_key(&entries[i]) == row_key(&entry);
        let (duplicate_of, hash_taken) = match first_seen.entry(hash) {
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(entries.len());
                (None, false)
            }
            std::collections::hash_map::Entry::Occupied(o) => (
                std::iter::once(o.get())
                    .chain(more_seen.get(&hash).into_iter().flatten())
                    .copied()
                    .find(same_key),
                true,
            ),
        };
        if let Some(first) = duplicate_of {
            warnings.push(err_at(
                line,
                None,
                format!(
                    "duplicate row: same source, target, forbidden and id as line {}; ignored",
                    entries[first].origin.line
                ),
            ));
            continue;
        }
        if hash_taken {
            more_seen.entry(hash).or_default().push(entries.len());
        }
        entries.push(entry);
    }
    Ok(Glossary {
        path: path.to_string(),
        entries,
        warnings,
    })
}

fn csv_error(path: &str, bytes: &[u8], e: &::csv::Error, delim: u8, quoting: bool) -> InputError {
    match e.kind() {
        ::csv::ErrorKind::Utf8 { pos, err } => {
            let line = pos.as_ref().map_or(1, |p| p.line() as usize);
            let col = pos
                .as_ref()
                .map(|p| field_column(bytes, p.byte() as usize, err.field(), delim, quoting));
            InputError::at(path, line, col, "invalid UTF-8; glossaries must be UTF-8")
        }
        ::csv::ErrorKind::UnequalLengths {
            pos,
            expected_len,
            len,
        } => InputError::at(
            path,
            pos.as_ref().map_or(1, |p| p.line() as usize),
            None,
            format!("this row has {len} fields but the header has {expected_len}"),
        ),
        _ => match e.position() {
            Some(p) => InputError::at(path, p.line() as usize, None, e.to_string()),
            None => InputError::file(path, e.to_string()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Result<Glossary, InputError> {
        parse("g.csv", text.as_bytes(), Delimiter::Comma)
    }

    #[test]
    fn reads_columns_case_insensitively_with_alternatives() {
        let g = load(
            "Source,TARGET,Forbidden,note,Case,match,id,pos,domain\n\
             主机,host,mainframe|main frame,networking sense,,,,n,it\n\
             HEAD,HEAD,,,sensitive,exact,,,\n",
        )
        .unwrap();
        assert_eq!(g.entries.len(), 2);
        let e = &g.entries[0];
        assert_eq!(e.source, "主机");
        assert_eq!(e.targets, ["host"]);
        assert_eq!(e.forbidden, ["mainframe", "main frame"]);
        assert_eq!(e.note.as_deref(), Some("networking sense"));
        assert_eq!(e.pos.as_deref(), Some("n"));
        assert_eq!(e.domain.as_deref(), Some("it"));
        assert_eq!(e.origin.line, 2);
        assert_eq!(g.entries[1].case, CaseRule::Sensitive);
        assert_eq!(g.entries[1].match_mode, MatchMode::Exact);
        assert!(g.entries[1].is_do_not_translate());
        assert!(g.warnings.is_empty());
    }

    #[test]
    fn target_only_rows() {
        let g = load("source,target,forbidden\n,in terms of,in term of\n").unwrap();
        assert_eq!(g.entries[0].source, "");
        assert_eq!(g.entries[0].forbidden, ["in term of"]);
        let e = load("source,target,forbidden\n,in terms of,\n").unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(e.message.contains("forbidden"), "{e}");
    }

    #[test]
    fn extract_output_loads_without_warnings() {
        let g = load(
            "source,target,note,frequency,score,example,status\n\
             hunk,块,aligned,83,0.91,git.po:120 Stage this hunk?,proposed\n",
        )
        .unwrap();
        assert_eq!(g.entries.len(), 1);
        assert!(g.warnings.is_empty(), "{:?}", g.warnings);
    }

    #[test]
    fn unknown_columns_warn() {
        let g = load("source,target,comment\na,b,c\n").unwrap();
        assert_eq!(g.entries.len(), 1);
        assert_eq!(g.warnings.len(), 1);
        assert!(g.warnings[0].message.contains("unknown column `comment`"));
        assert_eq!(g.warnings[0].column, Some(15));
    }

    #[test]
    fn duplicates_warn() {
        let g = load("source,target\na,b\nc,d\na,b\n").unwrap();
        assert_eq!(g.entries.len(), 2);
        assert_eq!(g.warnings.len(), 1);
        assert_eq!(g.warnings[0].line, Some(4));
        assert!(g.warnings[0].message.contains("line 2"));
    }

    #[test]
    fn malformed_rows_name_line_and_column() {
        let e = load("source,target\na,b\nc,d,e\n").unwrap_err();
        assert_eq!((e.line, e.column), (Some(3), Some(5)));
        let e = load("source,target,case\na,b,sometimes\n").unwrap_err();
        assert_eq!((e.line, e.column), (Some(2), Some(5)));
        assert!(e.message.contains("sometimes"));
        let e = load("source,target\n主机,\n").unwrap_err();
        assert_eq!((e.line, e.column), (Some(2), Some(4)));
        let e = load("source\n主机\n").unwrap_err();
        assert_eq!(e.line, Some(1));
        assert!(e.message.contains("`target`"));
        let e = parse("g.csv", b"source,target\nab,c\xff\n", Delimiter::Comma).unwrap_err();
        assert_eq!((e.line, e.column), (Some(2), Some(4)));
        let e = load("").unwrap_err();
        assert!(e.message.contains("header"));
    }

    #[test]
    fn quoted_fields_and_bom() {
        let g =
            load("\u{feff}source,target,note\n\"a, b\",\"x \"\"y\"\"\",\"multi\nline\"\nc,d,\n")
                .unwrap();
        assert_eq!(g.entries[0].source, "a, b");
        assert_eq!(g.entries[0].targets, ["x \"y\""]);
        assert_eq!(g.entries[1].origin.line, 4);
    }

    #[test]
    fn tsv_has_no_quoting() {
        let g = parse(
            "g.tsv",
            "source\ttarget\n\"quoted\"\t\"x\"\n".as_bytes(),
            Delimiter::Tab,
        )
        .unwrap();
        assert_eq!(g.entries[0].source, "\"quoted\"");
    }
}
