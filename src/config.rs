//! Run options and the project configuration file, `termlint.toml`.
//!
//! [`Options`] holds what rules read during a run. [`Config`] is the parsed `termlint.toml`:
//! languages, glossaries, inputs, per-rule severities, per-path overrides, word lists and
//! custom pattern rules; [`Config::discover`] finds the file upward from a directory.
//! Unknown keys are errors that name the key, the file, its line and column.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use regex::{Regex, RegexBuilder};
use serde::Deserialize;
use toml::Spanned;

use crate::checks::{find_rule, RuleSettings};
use crate::diagnostic::Severity;
use crate::lang::Lang;

/// Rule options for one run. Every field has a default; checks read what concerns them.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Options {
    /// Words the project knows are words (for `merged-words` and spelling rules).
    #[serde(default)]
    pub words: Vec<String>,
    /// `cjk-spacing`: the convention for a space between CJK and Latin letters or digits.
    #[serde(default)]
    pub cjk_spacing: CjkSpacing,
    /// `cjk-spacing`: also check a number followed by a Chinese unit or measure word
    /// (`2020年`, `5.2万个`, `50%`); by default such a number is left alone on both sides.
    #[serde(default)]
    pub cjk_spacing_units: bool,
    /// `cjk-spacing`: spacing between a CJK character and a curly quote (“ ” ‘ ’).
    #[serde(default)]
    pub cjk_spacing_quotes: CjkQuoteSpacing,
    /// `cjk-punctuation` and `cjk-spacing`: check the source side too (off by default: the
    /// source is usually not the translator's to fix).
    #[serde(default)]
    pub cjk_check_source: bool,
    /// `chinese-typo`: also report the list's style entries (`其它` -> `其他`).
    #[serde(default)]
    pub chinese_typo_style: bool,
    /// `chinese-typo`: the project's own confusions, written `wrong=right`.
    #[serde(default, deserialize_with = "typo_pairs")]
    pub chinese_typos: Vec<(String, String)>,
    /// Options of `term-inconsistent` (`[term-inconsistent]` in `termlint.toml`).
    #[serde(default)]
    pub term_inconsistent: TermInconsistentOptions,
    /// Custom pattern rules from `[[patterns]]` (compiled; read by `custom-pattern`).
    #[serde(skip)]
    pub patterns: Vec<CustomPattern>,
}

/// Read `chinese-typos` entries, `wrong=right`, both sides non-empty and different.
fn typo_pairs<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<(String, String)>, D::Error> {
    let raw: Vec<String> = Vec::deserialize(d)?;
    raw.into_iter()
        .map(|e| match e.split_once('=') {
            Some((w, r))
                if !w.trim().is_empty() && !r.trim().is_empty() && w.trim() != r.trim() =>
            {
                Ok((w.trim().to_string(), r.trim().to_string()))
            }
            _ => Err(serde::de::Error::custom(format!(
                "chinese-typos: `{e}` is not `wrong=right`"
            ))),
        })
        .collect()
}

/// Options of the `term-inconsistent` rule.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct TermInconsistentOptions {
    /// Also flag one translation shared by different sources (off by default).
    #[serde(default)]
    pub reverse: bool,
}

/// One custom pattern rule: a regex on the target, optionally only where the source matches
/// another regex.
#[derive(Debug, Clone)]
pub struct CustomPattern {
    /// The pattern's own name, shown with each finding.
    pub name: String,
    /// What to flag in the target.
    pub target: Regex,
    /// Only segments whose source matches this are checked.
    pub source: Option<Regex>,
    /// The message of each finding.
    pub message: String,
    /// The severity of its findings (`None`: the `custom-pattern` rule's severity).
    pub severity: Option<Severity>,
}

/// The convention `cjk-spacing` enforces between CJK characters and Latin letters or digits.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CjkSpacing {
    /// A space is required (`组织 APT-C-39`), as the Chinese copywriting guidelines want.
    Require,
    /// No space (`组织APT-C-39`), PRC news style.
    Forbid,
    /// Whichever style is in the majority within a document; the minority is flagged.
    #[default]
    Consistent,
}

/// What `cjk-spacing` says about spaces between CJK characters and curly quotes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CjkQuoteSpacing {
    /// Not checked.
    #[default]
    Ignore,
    /// `点击 “确定” 按钮`.
    Require,
    /// `点击“确定”按钮`.
    Forbid,
}

/// The name of the configuration file looked for upward from the working directory.
pub const CONFIG_FILE: &str = "termlint.toml";

/// Regex compiled program size limit for custom patterns (bytes).
const PATTERN_SIZE_LIMIT: usize = 1 << 20;
/// Lazy DFA cache limit for custom patterns (bytes).
const PATTERN_DFA_LIMIT: usize = 1 << 21;
/// Nesting limit for custom patterns.
const PATTERN_NEST_LIMIT: u32 = 64;

/// A configuration error: the file, a position where known, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// The configuration file.
    pub file: String,
    /// 1-based line and column, where known.
    pub position: Option<(usize, usize)>,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.position {
            Some((l, c)) => write!(f, "{}:{}:{}: {}", self.file, l, c, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

impl std::error::Error for ConfigError {}

/// The raw file, as serde reads it.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    #[serde(default)]
    source_lang: Option<Spanned<String>>,
    #[serde(default)]
    target_lang: Option<Spanned<String>>,
    #[serde(default)]
    glossaries: Vec<String>,
    #[serde(default)]
    include: Vec<Spanned<String>>,
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
    #[serde(default)]
    pairs: Vec<RawPair>,
    #[serde(default)]
    align: Option<Spanned<String>>,
    #[serde(default)]
    word_lists: Vec<String>,
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    options: Option<Options>,
    #[serde(default)]
    overrides: Vec<RawOverride>,
    #[serde(default)]
    patterns: Vec<RawPattern>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawPair {
    source: String,
    target: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawOverride {
    paths: Vec<Spanned<String>>,
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawPattern {
    name: Spanned<String>,
    target: Spanned<String>,
    #[serde(default)]
    source: Option<Spanned<String>>,
    message: String,
    #[serde(default)]
    severity: Option<Spanned<String>>,
}

/// A source file and its translation named in the configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigPair {
    /// The source file (resolved against the configuration's folder).
    pub source: PathBuf,
    /// The translation.
    pub target: PathBuf,
}

/// Severities for the files an override's globs match.
#[derive(Debug, Clone)]
pub struct Override {
    globs: GlobSet,
    /// Rule name and severity, in file order.
    pub rules: Vec<(&'static str, Severity)>,
}

/// A parsed and validated `termlint.toml`.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// The file it was read from.
    pub path: PathBuf,
    /// The folder relative paths in it are resolved against.
    pub root: PathBuf,
    /// Source language.
    pub source_lang: Option<Lang>,
    /// Target language.
    pub target_lang: Option<Lang>,
    /// Glossary files (resolved against [`Config::root`]).
    pub glossaries: Vec<PathBuf>,
    /// Globs of files to check when walking folders (relative to the root).
    pub include: Vec<String>,
    include_set: Option<GlobSet>,
    exclude_set: Option<GlobSet>,
    /// Source/translation pairs to check when no input is given on the command line.
    pub pairs: Vec<ConfigPair>,
    /// Segment plain-text pairs by lines instead of paragraphs.
    pub align_lines: Option<bool>,
    /// Per-rule severities, in file order.
    pub rules: Vec<(&'static str, Severity)>,
    /// Rule options (including the words of `word-lists` and the compiled patterns).
    pub options: Options,
    /// Per-path severity overrides, later ones win.
    pub overrides: Vec<Override>,
}

/// 1-based line and column (in characters) of byte `offset` in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let mut offset = offset;
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, col)
}

impl Config {
    /// Look for [`CONFIG_FILE`] in `dir` and its ancestors; parse the first one found.
    pub fn discover(dir: &Path) -> Result<Option<Config>, ConfigError> {
        let mut cur = Some(dir);
        while let Some(d) = cur {
            let candidate = d.join(CONFIG_FILE);
            if candidate.is_file() {
                return Config::load(&candidate).map(Some);
            }
            cur = d.parent();
        }
        Ok(None)
    }

    /// Read and validate a configuration file.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
            file: shown.clone(),
            position: None,
            message: format!("cannot read: {e}"),
        })?;
        let root = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let mut config = Config::parse(&text, &shown, &root)?;
        config.path = path.to_path_buf();
        Ok(config)
    }

    /// Parse configuration `text` read from `file`; relative paths resolve against `root`.
    pub fn parse(text: &str, file: &str, root: &Path) -> Result<Config, ConfigError> {
        let err = |span: Option<std::ops::Range<usize>>, message: String| ConfigError {
            file: file.to_string(),
            position: span.map(|s| line_col(text, s.start)),
            message,
        };
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let message = e.message().trim().replace("unknown field", "unknown key");
            err(e.span(), message)
        })?;

        let lang = |v: &Option<Spanned<String>>, key: &str| -> Result<Option<Lang>, ConfigError> {
            match v {
                None => Ok(None),
                Some(s) => Lang::parse(s.get_ref()).map(Some).ok_or_else(|| {
                    err(
                        Some(s.span()),
                        format!(
                            "{key}: `{}` is not a language tag (e.g. zh-CN, en)",
                            s.get_ref()
                        ),
                    )
                }),
            }
        };
        let rules_of = |map: &BTreeMap<Spanned<String>, Spanned<String>>| {
            let mut out: Vec<(usize, &'static str, Severity)> = Vec::new();
            for (k, v) in map {
                let Some(rule) = find_rule(k.get_ref()) else {
                    let mut probe = RuleSettings::defaults();
                    let message = probe
                        .set(k.get_ref(), Severity::Off)
                        .err()
                        .unwrap_or_default();
                    return Err(err(Some(k.span()), message));
                };
                let sev: Severity = v
                    .get_ref()
                    .parse()
                    .map_err(|m: String| err(Some(v.span()), format!("{}: {m}", rule.name)))?;
                out.push((k.span().start, rule.name, sev));
            }
            out.sort_by_key(|(at, _, _)| *at);
            Ok(out.into_iter().map(|(_, r, s)| (r, s)).collect::<Vec<_>>())
        };
        let globs = |list: &[Spanned<String>]| -> Result<Option<GlobSet>, ConfigError> {
            if list.is_empty() {
                return Ok(None);
            }
            let mut b = GlobSetBuilder::new();
            for g in list {
                for pat in expand_glob(g.get_ref()) {
                    let glob = GlobBuilder::new(&pat)
                        .literal_separator(true)
                        .build()
                        .map_err(|e| {
                            err(
                                Some(g.span()),
                                format!("bad glob `{}`: {}", g.get_ref(), e.kind()),
                            )
                        })?;
                    b.add(glob);
                }
            }
            b.build()
                .map(Some)
                .map_err(|e| err(None, format!("bad globs: {e}")))
        };

        let mut options = raw.options.unwrap_or_default();
        for list in &raw.word_lists {
            let p = root.join(list);
            let words = std::fs::read_to_string(&p).map_err(|e| {
                err(
                    None,
                    format!("word-lists: cannot read {}: {e}", p.display()),
                )
            })?;
            options.words.extend(
                words
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty() && !l.starts_with('#'))
                    .map(String::from),
            );
        }
        let mut seen = std::collections::HashSet::new();
        for p in &raw.patterns {
            let name = p.name.get_ref();
            if name.is_empty() {
                return Err(err(Some(p.name.span()), "pattern name is empty".into()));
            }
            if !seen.insert(name.clone()) {
                return Err(err(
                    Some(p.name.span()),
                    format!("pattern `{name}` is defined twice"),
                ));
            }
            let target = compile_pattern(p.target.get_ref())
                .map_err(|m| err(Some(p.target.span()), format!("pattern `{name}`: {m}")))?;
            let source = match &p.source {
                None => None,
                Some(s) => Some(
                    compile_pattern(s.get_ref())
                        .map_err(|m| err(Some(s.span()), format!("pattern `{name}`: {m}")))?,
                ),
            };
            let severity =
                match &p.severity {
                    None => None,
                    Some(s) => Some(s.get_ref().parse().map_err(|m: String| {
                        err(Some(s.span()), format!("pattern `{name}`: {m}"))
                    })?),
                };
            options.patterns.push(CustomPattern {
                name: name.clone(),
                target,
                source,
                message: p.message.clone(),
                severity,
            });
        }

        let mut overrides = Vec::new();
        for o in &raw.overrides {
            if o.paths.is_empty() {
                return Err(err(None, "an [[overrides]] entry has no paths".into()));
            }
            overrides.push(Override {
                globs: globs(&o.paths)?.unwrap_or_else(GlobSet::empty),
                rules: rules_of(&o.rules)?,
            });
        }
        let align_lines = match &raw.align {
            None => None,
            Some(a) => match a.get_ref().as_str() {
                "lines" => Some(true),
                "paragraphs" => Some(false),
                other => {
                    return Err(err(
                        Some(a.span()),
                        format!("align: `{other}` is not `paragraphs` or `lines`"),
                    ))
                }
            },
        };

        Ok(Config {
            path: PathBuf::from(file),
            root: root.to_path_buf(),
            source_lang: lang(&raw.source_lang, "source-lang")?,
            target_lang: lang(&raw.target_lang, "target-lang")?,
            glossaries: raw.glossaries.iter().map(|g| root.join(g)).collect(),
            include: raw.include.iter().map(|s| s.get_ref().clone()).collect(),
            include_set: globs(&raw.include)?,
            exclude_set: globs(&raw.exclude)?,
            pairs: raw
                .pairs
                .iter()
                .map(|p| ConfigPair {
                    source: root.join(&p.source),
                    target: root.join(&p.target),
                })
                .collect(),
            align_lines,
            rules: rules_of(&raw.rules)?,
            options,
            overrides,
        })
    }

    /// `path` relative to the configuration's folder, `/`-separated, for glob matching.
    /// `None` when the path lies outside that folder.
    pub fn relative(&self, path: &Path) -> Option<String> {
        let cwd = std::env::current_dir().ok()?;
        let abs = normalize(&cwd.join(path));
        let root = normalize(&cwd.join(&self.root));
        let rel = abs.strip_prefix(&root).ok()?;
        Some(
            rel.components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/"),
        )
    }

    /// Whether a file found while walking a folder should be checked: it matches `include`
    /// (when there is one) and not `exclude`.
    pub fn selects(&self, path: &Path) -> Option<bool> {
        let rel = self.relative(path)?;
        if self.exclude_set.as_ref().is_some_and(|s| s.is_match(&rel)) {
            return Some(false);
        }
        self.include_set.as_ref().map(|s| s.is_match(&rel))
    }

    /// Whether `exclude` matches `path`.
    pub fn excludes(&self, path: &Path) -> bool {
        self.relative(path)
            .is_some_and(|rel| self.exclude_set.as_ref().is_some_and(|s| s.is_match(&rel)))
    }

    /// Whether the configuration names files to check (include globs or pairs).
    pub fn has_inputs(&self) -> bool {
        self.include_set.is_some() || !self.pairs.is_empty()
    }

    /// Apply the file-wide `[rules]` severities.
    pub fn apply_rules(&self, settings: &mut RuleSettings) {
        for (rule, sev) in &self.rules {
            let _ = settings.set(rule, *sev);
        }
    }

    /// The overrides whose globs match any of `paths`, in file order.
    pub fn overrides_for<'a>(&'a self, paths: &[&Path]) -> Vec<&'a Override> {
        let rels: Vec<String> = paths.iter().filter_map(|p| self.relative(p)).collect();
        self.overrides
            .iter()
            .filter(|o| rels.iter().any(|r| o.globs.is_match(r)))
            .collect()
    }
}

/// A glob without a `/` matches a file name at any depth, as in `.gitignore`; a trailing
/// `/` means everything below.
fn expand_glob(g: &str) -> Vec<String> {
    let g = g.trim_start_matches("./");
    if let Some(dir) = g.strip_suffix('/') {
        return vec![format!("{dir}/**"), format!("**/{dir}/**")];
    }
    if g.contains('/') {
        vec![g.trim_start_matches('/').to_string()]
    } else {
        vec![g.to_string(), format!("**/{g}")]
    }
}

/// Compile a user pattern with size limits, so a pathological pattern is an error, not a
/// hang or an allocation storm.
pub fn compile_pattern(pattern: &str) -> Result<Regex, String> {
    if pattern.is_empty() {
        return Err("empty regular expression".into());
    }
    let re = RegexBuilder::new(pattern)
        .size_limit(PATTERN_SIZE_LIMIT)
        .dfa_size_limit(PATTERN_DFA_LIMIT)
        .nest_limit(PATTERN_NEST_LIMIT)
        .build()
        .map_err(|e| match e {
            regex::Error::CompiledTooBig(n) => {
                format!("regular expression too large (over {n} bytes compiled)")
            }
            other => format!("bad regular expression: {other}"),
        })?;
    if re.is_match("") {
        return Err("regular expression matches the empty string".into());
    }
    Ok(re)
}

/// Lexically normalise a path: drop `.`, resolve `..` against the preceding component.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// The commented starter file `termlint init` writes.
pub const STARTER: &str = r#"# termlint configuration. termlint looks for this file in the working directory and its
# parents (or takes --config FILE). Relative paths are relative to this file.
# Unknown keys are errors. Command-line options win over this file.

# Languages (BCP 47). Detected from the text when absent.
# source-lang = "zh-CN"
# target-lang = "en"

# Glossaries (CSV, TSV or TBX), in addition to any -g on the command line.
# glossaries = ["glossaries/terms.csv"]

# Files to check when `termlint check` is run without paths, or walks a folder.
# A glob without "/" matches a file name at any depth; "dir/" matches everything below.
# include = ["po/*.po", "locales/**/*.xlf"]
# exclude = ["vendor/", "*.pot"]

# Plain-text pairs (a source file and its translation), checked when no paths are given.
# align = "paragraphs"   # or "lines": how pairs are cut into segments
# [[pairs]]
# source = "docs/zh/intro.md"
# target = "docs/en/intro.md"

# Project word lists (one word per line, # comments): words merged-words and spelling
# rules accept.
# word-lists = ["words.txt"]

# Severity per rule: "error", "warning", "info" or "off". `termlint rules` lists them.
[rules]
# term-missing = "error"
# double-space = "off"

# Rule options.
[options]
# words = ["termlint", "GitLab"]

# Severities for some paths only; later entries win.
# [[overrides]]
# paths = ["legacy/"]
# rules = { term-missing = "off", double-space = "info" }

# Custom pattern rules (Rust regex syntax), reported as `custom-pattern`.
# `target` is flagged in the translation; with `source`, only where the source matches.
# [[patterns]]
# name = "click-here"
# target = '(?i)\bclick here\b'
# source = '点击'
# message = "say what the link does instead of \"click here\""
# severity = "warning"
"#;

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, ConfigError> {
        Config::parse(text, "termlint.toml", Path::new("."))
    }

    #[test]
    fn the_starter_file_parses() {
        let c = parse(STARTER).unwrap();
        assert!(c.rules.is_empty());
        assert!(!c.has_inputs());
    }

    #[test]
    fn unknown_keys_name_the_key_file_and_line() {
        let e = parse("target-lang = \"en\"\ncolour = true\n").unwrap_err();
        assert_eq!(e.file, "termlint.toml");
        assert_eq!(e.position.map(|p| p.0), Some(2));
        assert!(e.message.contains("unknown key `colour`"), "{e}");
        let e = parse("[options]\nwordz = []\n").unwrap_err();
        assert!(e.message.contains("`wordz`"), "{e}");
        assert_eq!(e.position.map(|p| p.0), Some(2));
    }

    #[test]
    fn unknown_rules_and_severities_are_errors_with_positions() {
        let e = parse("[rules]\ndouble-spaces = \"off\"\n").unwrap_err();
        assert!(e.message.contains("double-spaces"), "{e}");
        assert!(e.message.contains("did you mean `double-space`"), "{e}");
        assert_eq!(e.position, Some((2, 1)));
        let e = parse("[rules]\ndouble-space = \"loud\"\n").unwrap_err();
        assert!(e.message.contains("unknown severity `loud`"), "{e}");
        assert_eq!(e.position, Some((2, 16)));
    }

    #[test]
    fn bad_patterns_are_errors_at_the_pattern() {
        let e = parse("[[patterns]]\nname = \"x\"\ntarget = 'a(b'\nmessage = \"m\"\n").unwrap_err();
        assert_eq!(e.position, Some((3, 10)));
        assert!(
            e.message.contains("pattern `x`: bad regular expression"),
            "{e}"
        );
        let e = parse("[[patterns]]\nname = \"x\"\ntarget = 'a*'\nmessage = \"m\"\n").unwrap_err();
        assert!(e.message.contains("empty string"), "{e}");
        let e = parse(
            "[[patterns]]\nname = \"x\"\ntarget = '\\w{1000}\\w{1000}\\w{1000}'\nmessage = \"m\"\n",
        )
        .unwrap_err();
        assert!(e.message.contains("too large"), "{e}");
    }

    #[test]
    fn rules_options_and_patterns_are_read() {
        let c = parse(
            "target-lang = \"en_US\"\n[rules]\ndouble-space = \"off\"\nterm-missing = \"error\"\n\
             [options]\nwords = [\"Weblate\"]\n\
             [[patterns]]\nname = \"click\"\ntarget = '(?i)click here'\nsource = '点击'\n\
             message = \"no\"\nseverity = \"error\"\n",
        )
        .unwrap();
        assert_eq!(c.target_lang.unwrap().tag(), "en-US");
        assert_eq!(
            c.rules,
            vec![
                ("double-space", Severity::Off),
                ("term-missing", Severity::Error)
            ]
        );
        assert_eq!(c.options.words, vec!["Weblate"]);
        assert_eq!(c.options.patterns.len(), 1);
        assert_eq!(c.options.patterns[0].severity, Some(Severity::Error));
    }

    #[test]
    fn globs_match_relative_to_the_root() {
        let c = parse(
            "include = [\"*.po\"]\nexclude = [\"vendor/\"]\n\
             [[overrides]]\npaths = [\"legacy/**\"]\nrules = { double-space = \"error\" }\n",
        )
        .unwrap();
        assert_eq!(c.selects(Path::new("a/b/x.po")), Some(true));
        assert_eq!(c.selects(Path::new("x.xlf")), Some(false));
        assert_eq!(c.selects(Path::new("vendor/x.po")), Some(false));
        assert_eq!(c.selects(Path::new("./a/vendor/x.po")), Some(false));
        assert_eq!(c.overrides_for(&[Path::new("legacy/a/x.po")]).len(), 1);
        assert_eq!(c.overrides_for(&[Path::new("new/legacy.po")]).len(), 0);
    }

    #[test]
    fn discovery_walks_upward() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("a/b");
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(dir.path().join(CONFIG_FILE), "target-lang = \"en\"\n").unwrap();
        let c = Config::discover(&sub).unwrap().unwrap();
        assert_eq!(c.path, dir.path().join(CONFIG_FILE));
        assert_eq!(c.root, dir.path());
    }
}
