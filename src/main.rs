//! The `termlint` binary: parse arguments, run the engine, print, exit.

mod cli;

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;

use cli::{AlignArg, CheckArgs, CjkSpacingArg, Cli, Command, FixArgs, OutputFormat};
use termlint::checks::{all_rules, find_rule, RuleSettings};
use termlint::config::{CjkSpacing, Options};
use termlint::diagnostic::InputError;
use termlint::formats::{parse_state, Align, Input, LoadOptions};
use termlint::glossary::{Glossary, TermIndex};
use termlint::lang::Lang;

use termlint::report;
use termlint::Engine;

fn main() -> ExitCode {
    std::panic::set_hook(Box::new(|info| {
        eprintln!("termlint: internal error: {info}");
        eprintln!("termlint: this is a bug; please report it with the input that caused it");
    }));
    match std::panic::catch_unwind(|| {
        let cli = Cli::parse();
        run(cli)
    }) {
        Ok(code) => code,
        Err(_) => ExitCode::from(2),
    }
}

fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Check(args) => check(args),
        Command::Fix(args) => fix(args),
        Command::Rules => {
            let mut out = std::io::stdout().lock();
            for r in all_rules() {
                let _ = writeln!(
                    out,
                    "{:<24} {:<8} {}",
                    r.name, r.default_severity, r.summary
                );
            }
            ExitCode::SUCCESS
        }
        Command::Explain { rule } => match find_rule(&rule) {
            Some(r) => {
                println!(
                    "# {}\n\ndefault severity: {}\n\n{}",
                    r.name, r.default_severity, r.doc
                );
                ExitCode::SUCCESS
            }
            None => usage_error(&format!(
                "unknown rule `{rule}`; `termlint rules` lists them"
            )),
        },
    }
}

fn usage_error(message: &str) -> ExitCode {
    eprintln!("termlint: {message}");
    ExitCode::from(2)
}

fn parse_lang(flag: &str, value: &Option<String>) -> Result<Option<Lang>, String> {
    match value {
        None => Ok(None),
        Some(v) => Lang::parse(v)
            .map(Some)
            .ok_or_else(|| format!("{flag}: `{v}` is not a language tag (e.g. zh-CN, en)")),
    }
}

/// Everything `check` and `fix` need, built from the arguments.
struct Prepared {
    rules: RuleSettings,
    index: Option<TermIndex>,
    options: Options,
    load: LoadOptions,
    inputs: Vec<Input>,
    errors: Vec<InputError>,
}

fn prepare(args: &CheckArgs) -> Result<Prepared, ExitCode> {
    let mut rules = RuleSettings::defaults();
    if !args.select.is_empty() {
        rules.select(&args.select).map_err(|e| usage_error(&e))?;
    }
    rules.ignore(&args.ignore).map_err(|e| usage_error(&e))?;
    let (source_lang, mut target_lang, mono) = match (
        parse_lang("--source-lang", &args.source_lang),
        parse_lang("--target-lang", &args.target_lang),
        parse_lang("--lang", &args.lang),
    ) {
        (Ok(s), Ok(t), Ok(m)) => (s, t, m),
        (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => return Err(usage_error(&e)),
    };
    let mut inputs = Vec::new();
    if let (Some(s), Some(t)) = (&args.source, &args.target) {
        inputs.push(Input::Pair {
            source: s.clone(),
            target: t.clone(),
        });
    }
    if mono.is_some() {
        target_lang = mono.clone();
    }
    for p in &args.paths {
        inputs.push(if mono.is_some() {
            Input::Monolingual(p.clone())
        } else {
            Input::File(p.clone())
        });
    }
    inputs.extend(args.interleaved.iter().cloned().map(Input::Interleaved));
    let walked = termlint::formats::walk::expand(inputs);
    for w in &walked.warnings {
        eprintln!("termlint: warning: {w}");
    }
    let inputs = walked.inputs;
    if inputs.is_empty() {
        return Err(usage_error(
            "nothing to check: give files, or --source A --target B",
        ));
    }
    let mut errors: Vec<InputError> = Vec::new();
    let mut glossaries = Vec::new();
    for g in &args.glossaries {
        match Glossary::load(std::path::Path::new(g)) {
            Ok(gl) => {
                for w in &gl.warnings {
                    eprintln!("termlint: warning: {w}");
                }
                glossaries.push(gl);
            }
            Err(e) => errors.push(e),
        }
    }
    let index = (!glossaries.is_empty()).then(|| TermIndex::build(&glossaries));
    let mut options = Options::default();
    if let Some(c) = args.cjk_spacing {
        options.cjk_spacing = match c {
            CjkSpacingArg::Require => CjkSpacing::Require,
            CjkSpacingArg::Forbid => CjkSpacing::Forbid,
            CjkSpacingArg::Consistent => CjkSpacing::Consistent,
        };
    }
    let load = LoadOptions {
        source_lang,
        target_lang,
        align: match args.align {
            AlignArg::Paragraphs => Align::Paragraphs,
            AlignArg::Lines => Align::Lines,
        },
        include_fuzzy: args.include_fuzzy,
        states: args.state.iter().filter_map(|s| parse_state(s)).collect(),
    };
    Ok(Prepared {
        rules,
        index,
        options,
        load,
        inputs,
        errors,
    })
}

impl Prepared {
    fn engine(&self) -> Engine<'_> {
        Engine {
            rules: &self.rules,
            terms: self.index.as_ref(),
            options: &self.options,
            load: &self.load,
            keep_documents: false,
        }
    }
}

fn check(args: CheckArgs) -> ExitCode {
    let prepared = match prepare(&args) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let format = match args.format {
        OutputFormat::Human => report::Format::Human,
        OutputFormat::Json => report::Format::Json,
        OutputFormat::Html => report::Format::Html,
        OutputFormat::Xlsx => report::Format::Xlsx,
    };
    let stdout = std::io::stdout();
    if format == report::Format::Xlsx && args.output.is_none() && stdout.is_terminal() {
        return usage_error("--format xlsx writes a binary workbook: give --output FILE");
    }
    let mut engine = prepared.engine();
    engine.keep_documents = format.needs_documents();
    let mut report = engine.run(&prepared.inputs);
    report.errors.extend(prepared.errors.iter().cloned());

    let color = match args.color.as_str() {
        "always" => true,
        "never" => false,
        _ => {
            args.output.is_none() && stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none()
        }
    };
    let sink: Box<dyn Write> = match &args.output {
        Some(path) => match std::fs::File::create(path) {
            Ok(f) => Box::new(f),
            Err(e) => return usage_error(&format!("cannot write {path}: {e}")),
        },
        None => Box::new(stdout.lock()),
    };
    let mut out = std::io::BufWriter::new(sink);
    if let Err(e) = report::write(format, &report, &mut out, color).and_then(|_| out.flush()) {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("termlint: cannot write output: {e}");
            return ExitCode::from(2);
        }
    }
    ExitCode::from(report.exit_code() as u8)
}

fn fix(args: FixArgs) -> ExitCode {
    let prepared = match prepare(&args.check) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let mode = termlint::fix::FixMode {
        unsafe_fixes: args.unsafe_fixes,
    };
    let outcome = termlint::fix::run(&prepared.engine(), &prepared.inputs, mode, args.dry_run);
    let mut out = std::io::stdout().lock();
    if args.dry_run {
        for (_, diff) in &outcome.changed {
            let _ = write!(out, "{diff}");
        }
    }
    let mut errors = prepared.errors;
    errors.extend(outcome.remaining.errors.iter().cloned());
    errors.extend(outcome.errors.iter().cloned());
    for e in &errors {
        eprintln!("termlint: error: {e}");
    }
    let fixable_left = outcome
        .remaining
        .findings
        .iter()
        .filter(|d| {
            d.fix.as_ref().is_some_and(|f| {
                args.unsafe_fixes || f.applicability == termlint::diagnostic::Applicability::Safe
            })
        })
        .count();
    eprintln!(
        "termlint: {} {} edit{} in {} file{}; {} finding{} left ({} fixable)",
        if args.dry_run {
            "would apply"
        } else {
            "applied"
        },
        outcome.applied,
        if outcome.applied == 1 { "" } else { "s" },
        outcome.changed.len(),
        if outcome.changed.len() == 1 { "" } else { "s" },
        outcome.remaining.findings.len(),
        if outcome.remaining.findings.len() == 1 {
            ""
        } else {
            "s"
        },
        fixable_left,
    );
    if !errors.is_empty() {
        ExitCode::from(2)
    } else {
        ExitCode::from(outcome.remaining.exit_code() as u8)
    }
}
