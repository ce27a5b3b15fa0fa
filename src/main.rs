//! The `termlint` binary: parse arguments, load the configuration, run the engine, print,
//! exit.

mod cli;

use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;
use rayon::prelude::*;

use cli::{AlignArg, CheckArgs, Cli, Command, OutputFormat};
use termlint::baseline::{Baseline, SegmentIndex};
use termlint::checks::{all_rules, find_rule, RuleSettings};
use termlint::config::{Config, CONFIG_FILE, STARTER};
use termlint::diagnostic::{Diagnostic, InputError, Severity};
use termlint::formats::{Align, Input, LoadOptions};
use termlint::glossary::{Glossary, TermIndex};
use termlint::lang::Lang;
use termlint::report;
use termlint::segment::Document;
use termlint::vcs::Changes;
use termlint::Engine;

/// Extensions of bilingual files picked up when walking a folder without `include` globs.
const WALK_EXTENSIONS: &[&str] = &["po", "pot", "xlf", "xliff", "tmx"];

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
        Command::Rules { markdown } => {
            let mut out = std::io::stdout().lock();
            let text = if markdown {
                report::rules_markdown()
            } else {
                all_rules()
                    .iter()
                    .map(|r| format!("{:<24} {:<8} {}\n", r.name, r.default_severity, r.summary))
                    .collect()
            };
            let _ = out.write_all(text.as_bytes());
            ExitCode::SUCCESS
        }
        Command::Explain { rule } => match find_rule(&rule) {
            Some(r) => {
                println!(
                    "# {}\n\n{}\n\ndefault severity: {}\n\n{}",
                    r.name, r.summary, r.default_severity, r.doc
                );
                ExitCode::SUCCESS
            }
            None => {
                let mut probe = RuleSettings::defaults();
                usage_error(&probe.set(&rule, Severity::Off).unwrap_err())
            }
        },
        Command::Init { force } => init(force),
    }
}

fn usage_error(message: &str) -> ExitCode {
    eprintln!("termlint: {message}");
    ExitCode::from(2)
}

fn init(force: bool) -> ExitCode {
    let path = Path::new(CONFIG_FILE);
    if path.exists() && !force {
        return usage_error(&format!(
            "{CONFIG_FILE} already exists; use --force to overwrite it"
        ));
    }
    match std::fs::write(path, STARTER) {
        Ok(()) => {
            println!("wrote {CONFIG_FILE}");
            ExitCode::SUCCESS
        }
        Err(e) => usage_error(&format!("cannot write {CONFIG_FILE}: {e}")),
    }
}

fn parse_lang(flag: &str, value: &Option<String>) -> Result<Option<Lang>, String> {
    match value {
        None => Ok(None),
        Some(v) => Lang::parse(v)
            .map(Some)
            .ok_or_else(|| format!("{flag}: `{v}` is not a language tag (e.g. zh-CN, en)")),
    }
}

/// Apply `--select` and `--ignore` on top of configured severities.
fn apply_cli_rules(settings: &mut RuleSettings, args: &CheckArgs) -> Result<(), String> {
    if !args.select.is_empty() {
        settings.select(&args.select)?;
    }
    settings.ignore(&args.ignore)
}

fn path_string(p: &Path) -> String {
    let s = p.to_string_lossy();
    s.strip_prefix("./").unwrap_or(&s).to_string()
}

/// Files under `dir` worth checking: matching `include` (or, without it, a bilingual
/// extension), not matching `exclude`; `.gitignore` honoured. Sorted.
fn walk(dir: &Path, config: Option<&Config>, mono: bool) -> Vec<String> {
    let mut files: Vec<String> = ignore::WalkBuilder::new(dir)
        .build()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
        .map(|e| e.into_path())
        .filter(|p| match config.and_then(|c| c.selects(p)) {
            Some(selected) => selected,
            None => {
                if config.is_some_and(|c| c.excludes(p)) {
                    return false;
                }
                let ext = p
                    .extension()
                    .map(|e| e.to_string_lossy().to_ascii_lowercase())
                    .unwrap_or_default();
                if mono {
                    matches!(ext.as_str(), "txt" | "md" | "markdown")
                } else {
                    WALK_EXTENSIONS.contains(&ext.as_str())
                }
            }
        })
        .map(|p| path_string(&p))
        .collect();
    files.sort();
    files
}

/// The inputs of a run: the command line's, or, without any, the configuration's.
fn collect_inputs(args: &CheckArgs, config: Option<&Config>, mono: bool) -> Vec<Input> {
    let mut inputs = Vec::new();
    if let (Some(s), Some(t)) = (&args.source, &args.target) {
        inputs.push(Input::Pair {
            source: s.clone(),
            target: t.clone(),
        });
    }
    let wrap = |p: String| {
        if mono {
            Input::Monolingual(p)
        } else {
            Input::File(p)
        }
    };
    for p in &args.paths {
        let path = Path::new(p);
        if path.is_dir() {
            inputs.extend(walk(path, config, mono).into_iter().map(wrap));
        } else if config.is_some_and(|c| c.excludes(path)) {
            if !args.quiet {
                eprintln!("termlint: note: {p} is excluded by the configuration");
            }
        } else {
            inputs.push(wrap(p.clone()));
        }
    }
    if inputs.is_empty() && args.paths.is_empty() {
        if let Some(c) = config {
            for pair in &c.pairs {
                inputs.push(Input::Pair {
                    source: path_string(&pair.source),
                    target: path_string(&pair.target),
                });
            }
            if !c.include.is_empty() {
                inputs.extend(walk(&c.root, Some(c), mono).into_iter().map(wrap));
            }
        }
    }
    inputs
}

fn input_paths(input: &Input) -> Vec<&str> {
    match input {
        Input::File(p) | Input::Monolingual(p) | Input::Interleaved(p) => vec![p],
        Input::Pair { source, target } => vec![source, target],
    }
}

/// Severities per file when `[[overrides]]` apply: every finding gets the severity in
/// force for its file (or is dropped when the rule is off there).
fn apply_overrides(
    config: &Config,
    base: &RuleSettings,
    args: &CheckArgs,
    docs: &[Document],
    findings: &mut Vec<Diagnostic>,
) {
    // The paths each file is known by: itself and its document's display path.
    let mut doc_of: HashMap<&str, &str> = HashMap::new();
    for d in docs {
        for f in &d.files {
            doc_of.insert(f.path.as_str(), d.display_path());
        }
    }
    let mut cache: HashMap<String, (RuleSettings, Vec<&'static str>)> = HashMap::new();
    findings.retain_mut(|d| {
        let (settings, named) = cache.entry(d.file.clone()).or_insert_with(|| {
            let display = doc_of.get(d.file.as_str()).copied().unwrap_or(&d.file);
            let paths = [Path::new(&d.file), Path::new(display)];
            let mut s = base.clone();
            let mut named = Vec::new();
            for o in config.overrides_for(&paths) {
                for (rule, sev) in &o.rules {
                    let _ = s.set(rule, *sev);
                    named.push(*rule);
                }
            }
            let _ = apply_cli_rules(&mut s, args);
            (s, named)
        });
        let sev = settings.severity(d.rule);
        if sev == Severity::Off {
            return false;
        }
        // Custom patterns carry their own severities unless an override names the rule.
        if d.rule != "custom-pattern" || named.contains(&d.rule) {
            d.severity = sev;
        }
        true
    });
}

fn check(args: CheckArgs) -> ExitCode {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let config = if args.no_config {
        None
    } else if let Some(p) = &args.config {
        match Config::load(Path::new(p)) {
            Ok(c) => Some(c),
            Err(e) => return usage_error(&e.to_string()),
        }
    } else {
        match Config::discover(&cwd) {
            Ok(c) => c.map(|mut c| {
                // Show paths relative to where the user is.
                if let Ok(rel) = c.root.strip_prefix(&cwd) {
                    c.root = if rel.as_os_str().is_empty() {
                        PathBuf::from(".")
                    } else {
                        rel.to_path_buf()
                    };
                }
                c
            }),
            Err(e) => return usage_error(&e.to_string()),
        }
    };

    // Severities: defaults, then the configuration, then the command line.
    let mut base = RuleSettings::defaults();
    if let Some(c) = &config {
        c.apply_rules(&mut base);
    }
    let mut run_rules = base.clone();
    if let Some(c) = &config {
        // Overrides may raise a rule for some paths: run it wherever any path wants it.
        for o in &c.overrides {
            for (rule, sev) in &o.rules {
                if *sev > run_rules.severity(rule) {
                    let _ = run_rules.set(rule, *sev);
                }
            }
        }
    }
    if let Err(e) = apply_cli_rules(&mut run_rules, &args) {
        return usage_error(&e);
    }
    let mut effective = base.clone();
    let _ = apply_cli_rules(&mut effective, &args);

    let (source_lang, target_lang, mono) = match (
        parse_lang("--source-lang", &args.source_lang),
        parse_lang("--target-lang", &args.target_lang),
        parse_lang("--lang", &args.lang),
    ) {
        (Ok(s), Ok(t), Ok(m)) => (s, t, m),
        (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => return usage_error(&e),
    };
    let source_lang = source_lang.or_else(|| config.as_ref().and_then(|c| c.source_lang.clone()));
    let mut target_lang =
        target_lang.or_else(|| config.as_ref().and_then(|c| c.target_lang.clone()));
    if mono.is_some() {
        target_lang = mono.clone();
    }

    let mut inputs = collect_inputs(&args, config.as_ref(), mono.is_some());
    if inputs.is_empty() {
        return usage_error(
            "nothing to check: give files, or --source A --target B (or list files in termlint.toml)",
        );
    }

    let changes = match &args.changed_since {
        None => None,
        Some(rev) => match Changes::since(rev, &cwd) {
            Ok(c) => Some(c),
            Err(e) => return usage_error(&e),
        },
    };
    if let Some(ch) = &changes {
        inputs.retain(|i| input_paths(i).iter().any(|p| ch.changed(Path::new(p))));
    }

    let mut errors: Vec<InputError> = Vec::new();
    let mut glossaries = Vec::new();
    let mut glossary_paths: Vec<PathBuf> = config
        .as_ref()
        .map(|c| c.glossaries.clone())
        .unwrap_or_default();
    glossary_paths.extend(args.glossaries.iter().map(PathBuf::from));
    for g in &glossary_paths {
        match Glossary::load(g) {
            Ok(gl) => {
                if !args.quiet {
                    for w in &gl.warnings {
                        eprintln!("termlint: warning: {w}");
                    }
                }
                glossaries.push(gl);
            }
            Err(e) => errors.push(e),
        }
    }
    let index = (!glossaries.is_empty()).then(|| TermIndex::build(&glossaries));
    let options = config
        .as_ref()
        .map(|c| c.options.clone())
        .unwrap_or_default();
    let align = match args.align {
        Some(AlignArg::Lines) => Align::Lines,
        Some(AlignArg::Paragraphs) => Align::Paragraphs,
        None if config.as_ref().and_then(|c| c.align_lines) == Some(true) => Align::Lines,
        None => Align::Paragraphs,
    };
    let load = LoadOptions {
        source_lang,
        target_lang,
        align,
        include_fuzzy: args.include_fuzzy,
    };
    let engine = Engine {
        rules: &run_rules,
        terms: index.as_ref(),
        options: &options,
        load: &load,
    };

    let progress = progress_bar(inputs.len() as u64, args.quiet);
    let loaded: Vec<Result<Document, InputError>> = inputs
        .par_iter()
        .map(|input| {
            let r = termlint::formats::load(input, &load);
            progress.inc(1);
            r
        })
        .collect();
    progress.set_message("checking");
    let mut docs = Vec::new();
    for r in loaded {
        match r {
            Ok(d) => docs.push(d),
            Err(e) => errors.push(e),
        }
    }
    let mut report = engine.check_documents(&docs);
    progress.finish_and_clear();
    report.errors.extend(errors);
    report
        .errors
        .sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));

    if let Some(c) = config.as_ref().filter(|c| !c.overrides.is_empty()) {
        apply_overrides(c, &effective, &args, &docs, &mut report.findings);
    }
    if let Some(ch) = &changes {
        ch.filter(&docs, &mut report.findings);
    }
    let needs_index = args.baseline.is_some() || args.write_baseline.is_some();
    let seg_index = if needs_index {
        SegmentIndex::build(&docs)
    } else {
        SegmentIndex::default()
    };
    if let Some(path) = &args.write_baseline {
        let b = Baseline::from_findings(&report.findings, &seg_index, Path::new(path));
        if let Err(e) = b.write(Path::new(path)) {
            return usage_error(&format!("cannot write baseline {path}: {e}"));
        }
        if !args.quiet {
            eprintln!(
                "termlint: recorded {} finding{} in {path}",
                b.entries.len(),
                if b.entries.len() == 1 { "" } else { "s" }
            );
        }
    }
    if let Some(path) = &args.baseline {
        match Baseline::load(Path::new(path)) {
            Ok(b) => {
                let known = b.filter(&mut report.findings, &seg_index);
                if !args.quiet && known > 0 {
                    eprintln!(
                        "termlint: {known} known finding{} hidden by the baseline {path}",
                        if known == 1 { "" } else { "s" }
                    );
                }
            }
            Err(e) => return usage_error(&e),
        }
    }

    let format = match args.format {
        OutputFormat::Human => report::Format::Human,
        OutputFormat::Json => report::Format::Json,
        OutputFormat::Sarif => report::Format::Sarif,
        OutputFormat::Github => report::Format::Github,
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
    let code = report.exit_code();
    if args.write_baseline.is_some() && code == 1 {
        // The findings were just recorded as known.
        return ExitCode::SUCCESS;
    }
    ExitCode::from(code as u8)
}

/// A progress bar on standard error for runs over several files on a terminal; hidden
/// otherwise (and with --quiet).
fn progress_bar(len: u64, quiet: bool) -> indicatif::ProgressBar {
    if quiet || len < 2 || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(len),
        indicatif::ProgressDrawTarget::stderr(),
    );
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{spinner} reading {pos}/{len} files {wide_bar} {elapsed} {msg}",
    ) {
        bar.set_style(style);
    }
    bar
}
