//! The `termlint` binary: parse arguments, run the engine, print, exit.

mod cli;

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;

use cli::{AlignArg, CheckArgs, Cli, Command, OutputFormat};
use termlint::checks::{all_rules, find_rule, RuleSettings};
use termlint::config::Options;
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

fn check(args: CheckArgs) -> ExitCode {
    let mut rules = RuleSettings::defaults();
    if !args.select.is_empty() {
        if let Err(e) = rules.select(&args.select) {
            return usage_error(&e);
        }
    }
    if let Err(e) = rules.ignore(&args.ignore) {
        return usage_error(&e);
    }
    let (source_lang, mut target_lang, mono) = match (
        parse_lang("--source-lang", &args.source_lang),
        parse_lang("--target-lang", &args.target_lang),
        parse_lang("--lang", &args.lang),
    ) {
        (Ok(s), Ok(t), Ok(m)) => (s, t, m),
        (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => return usage_error(&e),
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
        return usage_error("nothing to check: give files, or --source A --target B");
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
    let options = Options::default();
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
    let engine = Engine {
        rules: &rules,
        terms: index.as_ref(),
        options: &options,
        load: &load,
    };
    let mut report = engine.run(&inputs);
    report.errors.extend(errors);

    let format = match args.format {
        OutputFormat::Human => report::Format::Human,
        OutputFormat::Json => report::Format::Json,
    };
    let stdout = std::io::stdout();
    let color = match args.color.as_str() {
        "always" => true,
        "never" => false,
        _ => stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let mut out = std::io::BufWriter::new(stdout.lock());
    if let Err(e) = report::write(format, &report, &mut out, color).and_then(|_| out.flush()) {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("termlint: cannot write output: {e}");
            return ExitCode::from(2);
        }
    }
    ExitCode::from(report.exit_code() as u8)
}
