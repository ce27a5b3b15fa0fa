//! Command-line definitions (clap derive structs only).

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Translation-quality and glossary-consistency checker.
#[derive(Debug, Parser)]
#[command(name = "termlint", version, about, propagate_version = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
#[allow(clippy::large_enum_variant)] // parsed once; boxing buys nothing
pub enum Command {
    /// Lint bilingual files, a source/target pair, or a monolingual document.
    Check(CheckArgs),
    /// Apply the safe fixes in place (--unsafe-fixes: the unsafe ones too).
    Fix(FixArgs),
    /// List every rule: name, default severity, summary.
    Rules {
        /// Print a Markdown table (the README's rule table).
        #[arg(long)]
        markdown: bool,
    },
    /// Show a rule's documentation.
    Explain {
        /// The rule name, e.g. term-forbidden.
        rule: String,
    },
    /// Glossary tools: validate, convert, merge, diff, stats, coverage, extract.
    Glossary {
        /// What to do with glossaries.
        #[command(subcommand)]
        command: GlossaryCommand,
    },
    /// Write a commented starter termlint.toml in the current directory.
    Init {
        /// Overwrite an existing termlint.toml.
        #[arg(long)]
        force: bool,
    },
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// For people.
    Human,
    /// SPEC §3 JSON.
    Json,
    /// SARIF 2.1.0, for code-scanning dashboards.
    Sarif,
    /// GitHub Actions workflow annotations.
    Github,
    /// A self-contained HTML review page.
    Html,
    /// An Excel workbook (needs --output or a redirected standard output).
    Xlsx,
}

/// Segment alignment of plain-text pairs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AlignArg {
    /// Blank-line separated paragraphs.
    Paragraphs,
    /// One segment per line.
    Lines,
}

/// The `--cjk-spacing` conventions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CjkSpacingArg {
    /// A space between CJK and Latin letters or digits.
    Require,
    /// No space.
    Forbid,
    /// Flag the minority style of each document.
    Consistent,
}

/// Options of `check` (and of `fix`, which takes the same inputs).
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Bilingual files or directories to check (or, with --lang, monolingual documents).
    pub paths: Vec<String>,
    /// The source file of a source/target pair.
    #[arg(long, requires = "target")]
    pub source: Option<String>,
    /// The translation of --source.
    #[arg(long, requires = "source")]
    pub target: Option<String>,
    /// Segment a --source/--target pair by paragraphs (default) or lines.
    #[arg(long, value_enum)]
    pub align: Option<AlignArg>,
    /// A bilingual document whose source and target paragraphs alternate; repeatable.
    #[arg(long, value_name = "FILE")]
    pub interleaved: Vec<String>,
    /// Check PATHs as monolingual documents in this language (target-side checks only).
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,
    /// Glossary files (CSV, TSV, TBX); repeatable.
    #[arg(short = 'g', long = "glossary", value_name = "FILE")]
    pub glossaries: Vec<String>,
    /// Source language (BCP 47, e.g. zh-CN); detected when absent.
    #[arg(long, value_name = "LANG")]
    pub source_lang: Option<String>,
    /// Target language (BCP 47, e.g. en); detected when absent.
    #[arg(long, value_name = "LANG")]
    pub target_lang: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    pub format: OutputFormat,
    /// Write the report to FILE instead of standard output.
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<String>,
    /// Only these rules (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "RULE,...")]
    pub select: Vec<String>,
    /// Not these rules (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "RULE,...")]
    pub ignore: Vec<String>,
    /// Check fuzzy entries too.
    #[arg(long)]
    pub include_fuzzy: bool,
    /// Check only segments in these workflow states (comma-separated: new, fuzzy,
    /// translated, final); default: all but fuzzy.
    #[arg(long, value_delimiter = ',', value_name = "STATE,...",
          value_parser = ["new", "untranslated", "fuzzy", "needs-review", "translated", "final", "reviewed", "signed-off"])]
    pub state: Vec<String>,
    /// The CJK–Latin spacing convention for `cjk-spacing` (default: consistent).
    #[arg(long, value_enum, value_name = "CONVENTION")]
    pub cjk_spacing: Option<CjkSpacingArg>,
    /// Colour: auto (on a terminal), always, never.
    #[arg(long, default_value = "auto", value_parser = ["auto", "always", "never"])]
    pub color: String,
    /// Configuration file (default: termlint.toml found upward from the current directory).
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<String>,
    /// Ignore any termlint.toml.
    #[arg(long)]
    pub no_config: bool,
    /// Report only findings not recorded in this baseline file.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<String>,
    /// Record today's findings in this baseline file (exit code 0 unless an input is unreadable).
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<String>,
    /// Only files (and PO/XLIFF entries) changed since this git revision.
    #[arg(long, value_name = "REV")]
    pub changed_since: Option<String>,
    /// No progress bar and no notes on standard error.
    #[arg(short, long)]
    pub quiet: bool,
    /// Refuse input and glossary files larger than this (bytes, or with K, M, G: `64M`;
    /// `0`: no limit). Default 1G.
    #[arg(long, value_name = "SIZE", value_parser = parse_size)]
    pub max_file_size: Option<u64>,
    /// Refuse plain-text and Markdown inputs with a line longer than this, and inputs of
    /// any format with a segment text longer than this (bytes, or with K, M, G; `0`: no
    /// limit). Default 1M.
    #[arg(long, value_name = "SIZE", value_parser = parse_size)]
    pub max_line_length: Option<u64>,
}

/// A size: bytes, or a number with `K`, `M` or `G` (powers of 1024; `KB`, `MiB`... too).
pub fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let digits = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (num, unit) = t.split_at(digits);
    let n: u64 = num
        .parse()
        .map_err(|_| format!("`{s}` is not a size (e.g. 64M, 500K, 1G)"))?;
    let shift = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 0,
        "k" | "kb" | "kib" => 10,
        "m" | "mb" | "mib" => 20,
        "g" | "gb" | "gib" => 30,
        _ => return Err(format!("`{s}`: unknown size unit (use K, M or G)")),
    };
    n.checked_mul(1 << shift)
        .ok_or_else(|| format!("`{s}` is too large"))
}

/// Options of `fix`: the inputs of `check`, plus what to apply.
#[derive(Debug, Args)]
pub struct FixArgs {
    /// Inputs and rule selection, as for `check`.
    #[command(flatten)]
    pub check: CheckArgs,
    /// Show a unified diff of the first pass and write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Apply unsafe fixes too (merged words, forbidden terms, `.` -> `。`).
    #[arg(long)]
    pub unsafe_fixes: bool,
}

/// The bilingual corpus of `glossary coverage` and `glossary extract`.
#[derive(Debug, Args)]
pub struct CorpusArgs {
    /// Bilingual files (PO, XLIFF, TMX, CSV...).
    pub paths: Vec<String>,
    /// The source file of a source/target pair.
    #[arg(long, requires = "target")]
    pub source: Option<String>,
    /// The translation of --source.
    #[arg(long, requires = "source")]
    pub target: Option<String>,
    /// Segment a --source/--target pair by lines instead of paragraphs.
    #[arg(long)]
    pub lines: bool,
}

/// Languages for reading TBX glossaries (and writing TBX from CSV).
#[derive(Debug, Args)]
pub struct GlossaryLangs {
    /// Source language (chooses the TBX language pair; default: the file's xml:lang).
    #[arg(long, value_name = "LANG")]
    pub source_lang: Option<String>,
    /// Target language (default: the first other language of the TBX).
    #[arg(long, value_name = "LANG")]
    pub target_lang: Option<String>,
}

/// Report formats of the glossary commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GlossaryFormatArg {
    /// For people.
    Human,
    /// One JSON document.
    Json,
}

/// `glossary` subcommands.
#[derive(Debug, Subcommand)]
pub enum GlossaryCommand {
    /// Bad rows, duplicates, conflicts, near-duplicates (exit 1 on errors).
    Validate {
        /// Glossary files (CSV, TSV, TBX).
        #[arg(required = true)]
        files: Vec<String>,
        /// Output format.
        #[arg(long, value_enum, default_value = "human")]
        format: GlossaryFormatArg,
        /// Exit 1 on warnings too.
        #[arg(long)]
        strict: bool,
        /// Languages.
        #[command(flatten)]
        langs: GlossaryLangs,
    },
    /// CSV/TSV <-> TBX (formats from the extensions).
    Convert {
        /// Input glossary.
        input: String,
        /// Output glossary.
        output: String,
        /// TBX version to write: 2 (TBX-Basic, martif) or 3 (ISO 30042:2019, DCA style).
        #[arg(long, default_value = "2", value_parser = ["2", "3"])]
        tbx_version: String,
        /// Languages.
        #[command(flatten)]
        langs: GlossaryLangs,
    },
    /// Merge glossaries; the earlier one wins conflicts (put the project glossary first).
    Merge {
        /// Input glossaries, highest precedence first.
        #[arg(required = true)]
        inputs: Vec<String>,
        /// Output glossary.
        #[arg(short = 'o', long, value_name = "FILE")]
        output: String,
        /// Write the conflicts (kept and dropped renderings, origins) to this CSV.
        #[arg(long, value_name = "FILE")]
        conflicts: Option<String>,
        /// TBX version to write.
        #[arg(long, default_value = "2", value_parser = ["2", "3"])]
        tbx_version: String,
        /// Languages.
        #[command(flatten)]
        langs: GlossaryLangs,
    },
    /// Concepts added, removed, changed, superseded between two glossaries.
    Diff {
        /// The older glossary.
        old: String,
        /// The newer glossary.
        new: String,
        /// List the concepts whose only change is the note.
        #[arg(long)]
        notes: bool,
        /// Output format.
        #[arg(long, value_enum, default_value = "human")]
        format: GlossaryFormatArg,
        /// Languages.
        #[command(flatten)]
        langs: GlossaryLangs,
    },
    /// Which entries occur in a corpus, with which renderings; which never; most violated.
    Coverage {
        /// Glossaries (CSV, TSV, TBX); repeatable.
        #[arg(short = 'g', long = "glossary", value_name = "FILE", required = true)]
        glossaries: Vec<String>,
        /// The corpus.
        #[command(flatten)]
        corpus: CorpusArgs,
        /// How many of the most violated concepts to list.
        #[arg(long, default_value = "20")]
        top: usize,
        /// Output format.
        #[arg(long, value_enum, default_value = "human")]
        format: GlossaryFormatArg,
        /// Languages.
        #[command(flatten)]
        langs: GlossaryLangs,
    },
    /// Mine candidate term pairs from bilingual files (CSV with status=proposed).
    Extract {
        /// The corpus.
        #[command(flatten)]
        corpus: CorpusArgs,
        /// Existing glossaries: their entries are not proposed again; repeatable.
        #[arg(short = 'g', long = "glossary", value_name = "FILE")]
        glossaries: Vec<String>,
        /// Minimum number of segments a candidate occurs in.
        #[arg(long, default_value = "3", value_name = "N")]
        min_freq: usize,
        /// Minimum score (0..1) of a candidate.
        #[arg(long, default_value = "0.3", value_name = "SCORE")]
        min_score: f64,
        /// Keep only the N best candidates.
        #[arg(long, value_name = "N")]
        limit: Option<usize>,
        /// Write the CSV to this file instead of standard output.
        #[arg(short = 'o', long, value_name = "FILE")]
        output: Option<String>,
        /// Read fuzzy entries too.
        #[arg(long)]
        include_fuzzy: bool,
        /// Languages.
        #[command(flatten)]
        langs: GlossaryLangs,
    },
    /// Counts: entries, concepts, renderings, forbidden, do-not-translate.
    Stats {
        /// Glossary files.
        #[arg(required = true)]
        files: Vec<String>,
        /// Output format.
        #[arg(long, value_enum, default_value = "human")]
        format: GlossaryFormatArg,
        /// Languages.
        #[command(flatten)]
        langs: GlossaryLangs,
    },
}
