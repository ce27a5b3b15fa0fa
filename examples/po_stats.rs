//! Print `msgfmt --statistics`-style counts for PO files, one line per file:
//! `PATH<TAB>translated<TAB>fuzzy<TAB>untranslated`, or `PATH<TAB>ERROR<TAB>message`.
//! Used by `scripts/po_roundtrip_counts.sh`. File names come from the arguments, or one per
//! line on standard input when there are none.

use std::io::{BufRead, Write};

use termlint::formats::po;

fn main() {
    let mut paths: Vec<String> = std::env::args().skip(1).collect();
    if paths.is_empty() {
        paths = std::io::stdin()
            .lock()
            .lines()
            .map_while(Result::ok)
            .filter(|l| !l.is_empty())
            .collect();
    }
    let out = std::io::stdout();
    let mut out = out.lock();
    for path in paths {
        let result = std::fs::read(&path)
            .map_err(|e| e.to_string())
            .and_then(|bytes| po::decode(&path, bytes).map_err(|e| e.to_string()))
            .and_then(|content| po::parse(&path, content).map_err(|e| e.to_string()));
        let _ = match result {
            Ok(cat) => {
                let s = cat.statistics();
                writeln!(
                    out,
                    "{path}\t{}\t{}\t{}",
                    s.translated, s.fuzzy, s.untranslated
                )
            }
            Err(e) => writeln!(out, "{path}\tERROR\t{e}"),
        };
    }
}
