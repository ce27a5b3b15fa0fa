//! Run the corpus consistency rules (`term-inconsistent`, `spelling-variant`,
//! `term-alternatives`) over files and print one tab-separated line per finding:
//! `rule<TAB>direction<TAB>file:line<TAB>text<TAB>message<TAB>note`. Used by
//! `scripts/eval_consistency.sh`.
//!
//! usage: consistency_eval [--reverse] [--each] FILE...
//! `--reverse` turns on `term-inconsistent.reverse`; `--each` checks every file as its own
//! run (one project per catalog) instead of all files together.

use termlint::checks::RuleSettings;
use termlint::config::Options;
use termlint::formats::{Input, LoadOptions};
use termlint::Engine;

fn main() {
    let mut reverse = false;
    let mut each = false;
    let mut files = Vec::new();
    for a in std::env::args().skip(1) {
        match a.as_str() {
            "--reverse" => reverse = true,
            "--each" => each = true,
            _ => files.push(a),
        }
    }
    let mut rules = RuleSettings::defaults();
    let wanted: Vec<String> = ["term-inconsistent", "spelling-variant", "term-alternatives"]
        .iter()
        .filter(|r| termlint::checks::find_rule(r).is_some())
        .map(|r| r.to_string())
        .collect();
    rules.select(&wanted).expect("rules exist");
    let mut options = Options::default();
    options.term_inconsistent.reverse = reverse;
    let load = LoadOptions::default();
    let engine = Engine {
        rules: &rules,
        terms: None,
        options: &options,
        load: &load,
        keep_documents: false,
    };
    let runs: Vec<Vec<Input>> = if each {
        files.iter().map(|f| vec![Input::File(f.clone())]).collect()
    } else {
        vec![files.iter().map(|f| Input::File(f.clone())).collect()]
    };
    let clean = |s: &str| s.replace(['\n', '\t'], " ");
    for inputs in runs {
        let report = engine.run(&inputs);
        for e in &report.errors {
            eprintln!("error: {e}");
        }
        for f in &report.findings {
            let direction = if f.rule == "term-inconsistent" {
                if f.message.starts_with("the translation of") {
                    "reverse"
                } else {
                    "forward"
                }
            } else {
                "-"
            };
            println!(
                "{}\t{}\t{}:{}\t{}\t{}\t{}",
                f.rule,
                direction,
                f.file,
                f.start.line,
                clean(&f.text),
                clean(&f.message),
                clean(f.note.as_deref().unwrap_or(""))
            );
        }
    }
}
