//! The `termlint` binary: parse arguments, load the configuration, run the engine, print,
//! exit.

mod cli;

use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Arc, OnceLock};

use clap::Parser;

use cli::{
    AlignArg, CheckArgs, CjkSpacingArg, Cli, Command, CorpusArgs, FixArgs, GlossaryCommand,
    GlossaryFormatArg, GlossaryLangs, OutputFormat,
};
use termlint::baseline::{Baseline, SegmentIndex};
use termlint::checks::{all_rules, find_rule, RuleSettings};
use termlint::config::{CjkSpacing, Config, Options, CONFIG_FILE, STARTER};
use termlint::diagnostic::{Diagnostic, InputError, Severity};
use termlint::formats::{parse_state, Align, DeferredSegments, Format, Input, LoadOptions};
use termlint::glossary::TermIndex;
use termlint::lang::Lang;
use termlint::report;
use termlint::segment::Document;
use termlint::vcs::Changes;
use termlint::{CheckSet, Engine};

/// termlint allocates many small strings and vectors from every thread (segments, terms,
/// TBX elements); mimalloc's thread-local pools cost far less than the system
/// allocator's arenas there (see bench/README.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    termlint::tune_allocator();
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
        Command::Glossary { command } => glossary(command),
    }
}

fn glossary_langs(l: &GlossaryLangs) -> Result<termlint::glossary::commands::Langs, String> {
    Ok(termlint::glossary::commands::Langs {
        source: parse_lang("--source-lang", &l.source_lang)?,
        target: parse_lang("--target-lang", &l.target_lang)?,
    })
}

/// `termlint glossary ...`: the logic is in `termlint::glossary::commands`.
fn glossary(command: GlossaryCommand) -> ExitCode {
    use termlint::glossary::commands as gc;
    use termlint::glossary::tbx::TbxVersion;
    let version = |v: &str| {
        if v == "3" {
            TbxVersion::V3
        } else {
            TbxVersion::V2
        }
    };
    let mut out = std::io::stdout().lock();
    let langs = match &command {
        GlossaryCommand::Validate { langs, .. }
        | GlossaryCommand::Convert { langs, .. }
        | GlossaryCommand::Merge { langs, .. }
        | GlossaryCommand::Diff { langs, .. }
        | GlossaryCommand::Stats { langs, .. }
        | GlossaryCommand::Coverage { langs, .. }
        | GlossaryCommand::Extract { langs, .. } => langs,
    };
    let langs = match glossary_langs(langs) {
        Ok(l) => l,
        Err(e) => return usage_error(&e),
    };
    let json = |f: &GlossaryFormatArg| *f == GlossaryFormatArg::Json;
    ExitCode::from(match &command {
        GlossaryCommand::Validate {
            files,
            format,
            strict,
            ..
        } => gc::validate(files, &langs, json(format), *strict, &mut out),
        GlossaryCommand::Convert {
            input,
            output,
            tbx_version,
            ..
        } => gc::convert(input, output, &langs, version(tbx_version)),
        GlossaryCommand::Merge {
            inputs,
            output,
            conflicts,
            tbx_version,
            ..
        } => gc::merge(
            inputs,
            output,
            conflicts.as_deref(),
            &langs,
            version(tbx_version),
        ),
        GlossaryCommand::Diff {
            old,
            new,
            format,
            notes,
            ..
        } => gc::diff(old, new, &langs, json(format), *notes, &mut out),
        GlossaryCommand::Stats { files, format, .. } => {
            gc::stats(files, &langs, json(format), &mut out)
        }
        GlossaryCommand::Coverage {
            glossaries,
            corpus,
            top,
            format,
            ..
        } => {
            let (inputs, load) = corpus_inputs(corpus, &langs);
            termlint::glossary::coverage::run(
                glossaries,
                &inputs,
                &load,
                json(format),
                *top,
                &mut out,
            )
        }
        GlossaryCommand::Extract {
            corpus,
            glossaries,
            min_freq,
            min_score,
            limit,
            output,
            include_fuzzy,
            ..
        } => {
            let (inputs, mut load) = corpus_inputs(corpus, &langs);
            load.include_fuzzy = *include_fuzzy;
            let opts = termlint::glossary::extract::ExtractOptions {
                min_freq: *min_freq,
                min_score: *min_score,
                limit: *limit,
                ..Default::default()
            };
            termlint::glossary::extract::run(
                glossaries,
                &inputs,
                &load,
                &opts,
                output.as_deref(),
                &mut out,
            )
        }
    })
}

/// The inputs of `glossary coverage` / `extract`: files, and a source/target pair.
fn corpus_inputs(
    corpus: &CorpusArgs,
    langs: &termlint::glossary::commands::Langs,
) -> (Vec<Input>, LoadOptions) {
    let CorpusArgs {
        paths,
        source,
        target,
        lines,
    } = corpus;
    let mut inputs: Vec<Input> = paths.iter().cloned().map(Input::File).collect();
    if let (Some(s), Some(t)) = (source, target) {
        inputs.push(Input::Pair {
            source: s.clone(),
            target: t.clone(),
        });
    }
    let load = LoadOptions {
        source_lang: langs.source.clone(),
        target_lang: langs.target.clone(),
        align: if *lines {
            Align::Lines
        } else {
            Align::Paragraphs
        },
        ..Default::default()
    };
    (inputs, load)
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
fn walk(
    dir: &Path,
    config: Option<&Config>,
    mono: bool,
    errors: &mut Vec<InputError>,
) -> Vec<String> {
    let mut files: Vec<String> = ignore::WalkBuilder::new(dir)
        .build()
        .filter_map(|r| match r {
            Ok(e) => Some(e),
            // What could not be read was not checked: the run cannot exit 0.
            Err(e) if e.io_error().is_some() => {
                errors.push(InputError::file(
                    dir.display().to_string(),
                    format!("cannot read while walking: {e}"),
                ));
                None
            }
            Err(_) => None,
        })
        .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
        .map(|e| e.into_path())
        .filter(|p| match config.and_then(|c| c.selects(p)) {
            Some(selected) => selected,
            None => {
                if config.is_some_and(|c| c.excludes(p)) {
                    return false;
                }
                if mono {
                    let ext = p
                        .extension()
                        .map(|e| e.to_string_lossy().to_ascii_lowercase())
                        .unwrap_or_default();
                    matches!(ext.as_str(), "txt" | "md" | "markdown")
                } else {
                    Format::from_extension(&p.to_string_lossy()).is_some()
                }
            }
        })
        .map(|p| {
            if p.is_absolute() {
                // Walking the configuration's folder from below it: name files from here.
                termlint::baseline::relative_path(&p, Path::new("."))
            } else {
                path_string(&p)
            }
        })
        .collect();
    files.sort();
    files
}

/// The inputs of a run: the command line's, or, without any, the configuration's.
fn collect_inputs(
    args: &CheckArgs,
    config: Option<&Config>,
    mono: bool,
    errors: &mut Vec<InputError>,
) -> Vec<Input> {
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
    let with_include = config.filter(|c| !c.include.is_empty());
    for p in &args.paths {
        let path = Path::new(p);
        match with_include {
            // The configuration's include globs choose the files of a folder.
            Some(c) if path.is_dir() => {
                inputs.extend(walk(path, Some(c), mono, errors).into_iter().map(wrap))
            }
            _ => inputs.push(wrap(p.clone())),
        }
    }
    inputs.extend(args.interleaved.iter().cloned().map(Input::Interleaved));
    if inputs.is_empty() {
        if let Some(c) = config {
            for pair in &c.pairs {
                inputs.push(Input::Pair {
                    source: path_string(&pair.source),
                    target: path_string(&pair.target),
                });
            }
            if !c.include.is_empty() {
                inputs.extend(walk(&c.root, Some(c), mono, errors).into_iter().map(wrap));
            }
        }
    }
    // Other folders are walked by the format layer (bilingual extensions, binaries skipped).
    let walked = termlint::formats::walk::expand(inputs);
    if !args.quiet {
        for w in &walked.warnings {
            eprintln!("termlint: warning: {w}");
        }
    }
    errors.extend(walked.errors);
    let mut inputs = walked.inputs;
    for input in &mut inputs {
        if let Input::File(p) | Input::Monolingual(p) = input {
            *p = path_string(Path::new(p));
        }
    }
    if let Some(c) = config {
        inputs.retain(|i| {
            let excluded = input_paths(i).iter().any(|p| c.excludes(Path::new(p)));
            let named = args
                .paths
                .iter()
                .any(|p| path_string(Path::new(p)) == i.display_path());
            if excluded && named && !args.quiet {
                eprintln!(
                    "termlint: note: {} is excluded by the configuration",
                    i.display_path()
                );
            }
            !excluded
        });
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
    let mut cache: HashMap<Arc<str>, (RuleSettings, Vec<&'static str>)> = HashMap::new();
    findings.retain_mut(|d| {
        let (settings, named) = cache.entry(d.file.clone()).or_insert_with(|| {
            let display = doc_of.get(&*d.file).copied().unwrap_or(&d.file);
            let paths = [Path::new(&*d.file), Path::new(display)];
            // `base` has --select/--ignore applied; an override may not bring back a rule
            // the command line left out, but may turn a selected one off for its paths.
            let mut s = base.clone();
            let mut named = Vec::new();
            for o in config.overrides_for(&paths) {
                for (rule, sev) in &o.rules {
                    let left_out = (!args.select.is_empty()
                        && !args.select.iter().any(|r| r == rule))
                        || args.ignore.iter().any(|r| r == rule);
                    if !left_out {
                        let _ = s.set(rule, *sev);
                        named.push(*rule);
                    }
                }
            }
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

/// Everything `check` and `fix` need, built from the arguments and the configuration.
struct Prepared {
    /// Severities the checks run with (raised where an override wants a rule somewhere).
    rules: RuleSettings,
    /// Severities without overrides, `--select`/`--ignore` applied.
    effective: RuleSettings,
    config: Option<Config>,
    /// The glossaries to read: the configuration's, then `-g`'s.
    glossary_paths: Vec<PathBuf>,
    index: Option<TermIndex>,
    options: Options,
    load: LoadOptions,
    inputs: Vec<Input>,
    errors: Vec<InputError>,
    changes: Option<Changes>,
    /// `--lang`: the inputs are monolingual documents.
    monolingual: bool,
}

/// The glossaries read and indexed: the term index (none when no glossary could be read),
/// the warnings of the glossaries that loaded and the errors of those that did not.
struct LoadedTerms {
    index: Option<TermIndex>,
    warnings: Vec<InputError>,
    errors: Vec<InputError>,
}

impl Prepared {
    /// Read the glossaries and index their rows. `check` runs it beside the loading of
    /// the inputs: reading a 100k-row glossary takes as long as lexing a 10 MB catalog.
    fn load_terms(&self) -> LoadedTerms {
        let (glossaries, errors) = termlint::glossary::load_all(
            &self.glossary_paths,
            self.load.source_lang.as_ref(),
            self.load.target_lang.as_ref(),
        );
        let mut loaded = LoadedTerms {
            index: None,
            warnings: Vec::new(),
            errors,
        };
        if glossaries.is_empty() {
            return loaded;
        }
        let mut entries = Vec::new();
        for gl in glossaries {
            loaded.warnings.extend(gl.warnings);
            // Moved, not copied, when it is the only one (100k rows are 25 MB).
            if entries.is_empty() {
                entries = gl.entries;
            } else {
                entries.extend(gl.entries);
            }
        }
        // Chinese terms may need the word segmenter: load its dictionary while the index
        // builds.
        let bilingual = !self.monolingual;
        if entries
            .iter()
            .any(|e| termlint::glossary::may_need_segmenter(e, bilingual))
        {
            termlint::glossary::warm_up_segmenter();
        }
        let index = TermIndex::from_entries(entries);
        if index.segmenter_expected(bilingual) {
            index.preload_segmenter();
        }
        loaded.index = Some(index);
        loaded
    }

    /// Keep the index of `loaded`, print its warnings (unless `quiet`) and add its errors
    /// to [`Prepared::errors`].
    fn take_terms(&mut self, loaded: LoadedTerms, quiet: bool) {
        if !quiet {
            for w in &loaded.warnings {
                eprintln!("termlint: warning: {w}");
            }
        }
        self.index = loaded.index;
        self.errors.extend(loaded.errors);
    }

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

fn load_config(args: &CheckArgs, cwd: &Path) -> Result<Option<Config>, String> {
    if args.no_config {
        return Ok(None);
    }
    if let Some(p) = &args.config {
        return Config::load(Path::new(p))
            .map(Some)
            .map_err(|e| e.to_string());
    }
    let found = Config::discover(cwd).map_err(|e| e.to_string())?;
    Ok(found.map(|mut c| {
        // Show paths relative to where the user is.
        if let Ok(rel) = c.root.strip_prefix(cwd) {
            c.root = if rel.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                rel.to_path_buf()
            };
        }
        c
    }))
}

fn prepare(args: &CheckArgs) -> Result<Prepared, ExitCode> {
    if let Some(limit) = args.max_file_size {
        termlint::formats::set_max_file_size(limit);
    }
    if let Some(limit) = args.max_line_length {
        termlint::formats::set_max_line_length(limit);
    }
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let config = load_config(args, &cwd).map_err(|e| usage_error(&e))?;

    // Severities: defaults, then the configuration, then the command line.
    let mut base = RuleSettings::defaults();
    if let Some(c) = &config {
        c.apply_rules(&mut base);
    }
    let mut rules = base.clone();
    if let Some(c) = &config {
        // Overrides may raise a rule for some paths: run it wherever any path wants it.
        for o in &c.overrides {
            for (rule, sev) in &o.rules {
                if *sev > rules.severity(rule) {
                    let _ = rules.set(rule, *sev);
                }
            }
        }
    }
    apply_cli_rules(&mut rules, args).map_err(|e| usage_error(&e))?;
    let mut effective = base;
    let _ = apply_cli_rules(&mut effective, args);

    let (source_lang, target_lang, mono) = match (
        parse_lang("--source-lang", &args.source_lang),
        parse_lang("--target-lang", &args.target_lang),
        parse_lang("--lang", &args.lang),
    ) {
        (Ok(s), Ok(t), Ok(m)) => (s, t, m),
        (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => return Err(usage_error(&e)),
    };
    let source_lang = source_lang.or_else(|| config.as_ref().and_then(|c| c.source_lang.clone()));
    let mut target_lang =
        target_lang.or_else(|| config.as_ref().and_then(|c| c.target_lang.clone()));
    if mono.is_some() {
        target_lang = mono.clone();
    }

    // Inputs that could not be read (while walking folders, loading glossaries...).
    let mut errors: Vec<InputError> = Vec::new();
    let mut inputs = collect_inputs(args, config.as_ref(), mono.is_some(), &mut errors);
    let asked = !args.paths.is_empty() || args.source.is_some() || !args.interleaved.is_empty();
    if inputs.is_empty() && !asked {
        return Err(usage_error(
            "nothing to check: give files, or --source A --target B (or list files in termlint.toml)",
        ));
    }
    let changes = match &args.changed_since {
        None => None,
        Some(rev) => Some(Changes::since(rev, &cwd).map_err(|e| usage_error(&e))?),
    };
    if let Some(ch) = &changes {
        inputs.retain(|i| input_paths(i).iter().any(|p| ch.changed(Path::new(p))));
    }

    let mut glossary_paths: Vec<PathBuf> = config
        .as_ref()
        .map(|c| c.glossaries.clone())
        .unwrap_or_default();
    glossary_paths.extend(args.glossaries.iter().map(PathBuf::from));
    let monolingual = mono.is_some();
    let mut options = config
        .as_ref()
        .map(|c| c.options.clone())
        .unwrap_or_default();
    if let Some(c) = args.cjk_spacing {
        options.cjk_spacing = match c {
            CjkSpacingArg::Require => CjkSpacing::Require,
            CjkSpacingArg::Forbid => CjkSpacing::Forbid,
            CjkSpacingArg::Consistent => CjkSpacing::Consistent,
        };
    }
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
        states: args.state.iter().filter_map(|s| parse_state(s)).collect(),
        keep_segments_below: None,
    };
    Ok(Prepared {
        rules,
        effective,
        config,
        glossary_paths,
        index: None,
        options,
        load,
        inputs,
        errors,
        changes,
        monolingual,
    })
}

/// [`Engine::check_set_deferred`], then the documents whose deferred segments could not be
/// made a unit at a time (a catalog piece that does not lex alone) read whole and checked
/// so, or their error reported: the report is that of the documents read whole. When a
/// check compares documents ([`Engine::has_streamed_pass`]), everything is checked again
/// with those documents read whole, so that they are compared with the others.
fn check_deferred(
    engine: &Engine<'_>,
    docs: &mut Vec<Document>,
    deferred: &mut Vec<Option<DeferredSegments>>,
    set: CheckSet,
) -> termlint::Report {
    let (mut report, failed) = engine.check_set_deferred(docs, deferred, set);
    if failed.is_empty() {
        return report;
    }
    let again = engine.has_streamed_pass(docs, set);
    for &i in failed.iter().rev() {
        let input = Input::File(docs[i].display_path().to_string());
        match termlint::formats::load(&input, engine.load) {
            Ok(doc) => {
                if !again {
                    let alone = engine.check_set(std::slice::from_ref(&doc), set);
                    report.files += alone.files;
                    report.segments += alone.segments;
                    report.absorb(alone);
                }
                docs[i] = doc;
                deferred[i] = None;
            }
            Err(e) => {
                report.errors.push(e);
                docs.remove(i);
                deferred.remove(i);
            }
        }
    }
    if again {
        let errors = std::mem::take(&mut report.errors);
        report = engine.check_set_deferred(docs, deferred, set).0;
        report.errors = errors;
    }
    report.sources = docs.iter().flat_map(|d| d.files.iter().cloned()).collect();
    report
}

fn check(args: CheckArgs) -> ExitCode {
    let mut prepared = match prepare(&args) {
        // Lives until exit, like the documents: a 100k-term index takes long to free.
        Ok(p) => std::mem::ManuallyDrop::new(p),
        Err(code) => return code,
    };
    let format = match args.format {
        OutputFormat::Human => report::Format::Human,
        OutputFormat::Json => report::Format::Json,
        OutputFormat::Sarif => report::Format::Sarif,
        OutputFormat::Github => report::Format::Github,
        OutputFormat::Html => report::Format::Html,
        OutputFormat::Xlsx => report::Format::Xlsx,
    };
    let stdout = std::io::stdout();
    if format == report::Format::Xlsx && args.output.is_none() && stdout.is_terminal() {
        return usage_error("--format xlsx writes a binary workbook: give --output FILE");
    }
    let progress = progress_bar(prepared.inputs.len() as u64, args.quiet);
    // The glossaries are read and indexed while the inputs load: each has steps that
    // leave a core idle (reading a glossary, a large file's lexing, adding terms to the
    // segmenter's dictionary).
    // When the index is ready by the time the inputs are read (a glossary of a few thousand
    // terms usually is), every check runs in one pass over the segments. Otherwise the
    // checks that do not read the glossary run then, on the core the index leaves idle,
    // and the glossary's own checks follow in a second pass.
    let glossary = !prepared.glossary_paths.is_empty();
    // When no check needs every document whole (corpus passes stream: they see the
    // segments a chunk at a time, in sweeps) and nothing after the checks reads the
    // segments, those of plain-text inputs and large catalogs are made a chunk at a time
    // while checked and dropped after (a million-line file's segments are ten times its
    // size).
    let defer = prepared
        .config
        .as_ref()
        .map_or(true, |c| c.overrides.is_empty())
        && prepared.changes.is_none()
        && args.baseline.is_none()
        && args.write_baseline.is_none()
        && !format.needs_documents();
    let ready: OnceLock<LoadedTerms> = OnceLock::new();
    let ((), (docs, deferred, load_errors, early, complete)) = rayon::join(
        || {
            // Without a glossary this side is free: build the checks' word lists and
            // regexes while the inputs load (each would otherwise hold up the first
            // segment that needs it).
            if !glossary {
                termlint::checks::prewarm(&prepared.rules);
            }
            // Never set elsewhere, so this cannot fail.
            let _ = ready.set(prepared.load_terms());
        },
        || {
            let done = || progress.inc(1);
            let (mut docs, mut deferred, errors) = if defer {
                termlint::formats::load_each_deferred(&prepared.inputs, &prepared.load, done)
            } else {
                let (docs, errors) =
                    termlint::formats::load_each(&prepared.inputs, &prepared.load, done);
                (docs, Vec::new(), errors)
            };
            progress.set_message("checking");
            // Asked once: the other side may finish at any moment.
            let loaded = ready.get();
            let complete = !glossary || loaded.is_some();
            let engine = Engine {
                terms: loaded.and_then(|l| l.index.as_ref()),
                ..prepared.engine()
            };
            let set = if complete {
                CheckSet::All
            } else {
                CheckSet::WithoutGlossary
            };
            let report = check_deferred(&engine, &mut docs, &mut deferred, set);
            (docs, deferred, errors, report, complete)
        },
    );
    if let Some(loaded) = ready.into_inner() {
        prepared.take_terms(loaded, args.quiet);
    }
    // The documents and findings live until the process exits: freeing millions of
    // segments one by one would only delay the exit (a tenth of a large run's time).
    let mut docs = std::mem::ManuallyDrop::new(docs);
    let mut deferred = std::mem::ManuallyDrop::new(deferred);
    let mut report = std::mem::ManuallyDrop::new(early);
    if !complete {
        let more = check_deferred(
            &prepared.engine(),
            &mut docs,
            &mut deferred,
            CheckSet::GlossaryOnly,
        );
        report.absorb(more);
    }
    progress.finish_and_clear();
    report.errors.extend(prepared.errors.iter().cloned());
    report.errors.extend(load_errors);
    report
        .errors
        .sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));

    if let Some(c) = prepared.config.as_ref().filter(|c| !c.overrides.is_empty()) {
        apply_overrides(c, &prepared.effective, &args, &docs, &mut report.findings);
    }
    if let Some(ch) = &prepared.changes {
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
    if format.needs_documents() {
        report.documents = std::mem::ManuallyDrop::into_inner(docs);
    }

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
    let code = report.exit_code();
    if args.write_baseline.is_some() && code == 1 {
        // The findings were just recorded as known.
        return ExitCode::SUCCESS;
    }
    ExitCode::from(code as u8)
}

fn fix(args: FixArgs) -> ExitCode {
    let mut prepared = match prepare(&args.check) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let terms = prepared.load_terms();
    prepared.take_terms(terms, args.check.quiet);
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
