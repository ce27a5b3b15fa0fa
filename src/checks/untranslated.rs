//! `untranslated`: the target is a copy of a source that has translatable words;
//! `missing-translation`: the target is empty.

use super::{Check, Fixable, RuleMeta, SegmentCtx};
use crate::diagnostic::Severity;
use crate::lang::protect::protected_spans;
use crate::segment::Side;

/// The `untranslated` rule.
pub const UNTRANSLATED: RuleMeta = RuleMeta {
    name: "untranslated",
    default_severity: Severity::Warning,
    summary: "the target is identical to a source that has translatable words",
    doc: "## What it does\n\
Flags a target that is a verbatim copy of its source when the source has words a \
translator would translate. Strings made only of code, numbers, placeholders, URLs, \
options, acronyms and names are left alone: `%s: %s`, `[Y/n]`, `x86_64`, `CPU`, `GNOME`, \
`PackageKit`, `Python 3`, a language name such as `Deutsch`, a title-case name such as \
`GNU General Public License`. A single word is flagged only when it is a common English \
word (`Cancel`, `Save`, `none`), since a lone capitalised word is usually a name.\n\n\
## Why\n\
A copied source is what a translation tool leaves when a string was skipped, and what a \
translator leaves by mistake; it ships as English in a Chinese interface.\n\n\
## Example\n\
`Could not open file` / `Could not open file` -> untranslated.\n\n\
## Options\n\
None. Mark a string that must stay as it is with an inline suppression.\n\n\
## Fix safety\n\
No fix.",
    fixable: Fixable::No,
};

/// The `missing-translation` rule.
pub const MISSING_TRANSLATION: RuleMeta = RuleMeta {
    name: "missing-translation",
    default_severity: Severity::Off,
    summary: "the target is empty",
    doc: "## What it does\n\
Flags a segment whose source has text and whose target is empty or absent. The finding \
points at the source, since the target has nothing to point at.\n\n\
## Why\n\
An empty target falls back to the source language at run time (gettext) or leaves a hole \
(documents). It is off by default because work in progress is normal in a catalog; turn \
it on in a release check (`--select missing-translation`).\n\n\
## Example\n\
`msgid \"Save\"` / `msgstr \"\"` -> missing translation.\n\n\
## Options\n\
None.\n\n\
## Fix safety\n\
No fix.",
    fixable: Fixable::No,
};

/// Copied and empty targets.
pub struct Untranslated;

impl Check for Untranslated {
    fn rules(&self) -> &'static [&'static RuleMeta] {
        &[&UNTRANSLATED, &MISSING_TRANSLATION]
    }

    fn check_segment(&self, ctx: &mut SegmentCtx<'_>) {
        let Some(source) = ctx.source() else { return };
        let src = source.as_str();
        if src.trim().is_empty() {
            return;
        }
        let tgt = ctx.target().map(|t| t.as_str());
        match tgt {
            None | Some("") => {
                if ctx.enabled(&MISSING_TRANSLATION) {
                    ctx.report(
                        &MISSING_TRANSLATION,
                        Side::Source,
                        0..src.len(),
                        "no translation",
                    );
                }
            }
            Some(t) if t.trim().is_empty() => {
                if ctx.enabled(&MISSING_TRANSLATION) {
                    ctx.report(
                        &MISSING_TRANSLATION,
                        Side::Source,
                        0..src.len(),
                        "the translation is blank",
                    );
                }
            }
            Some(t) => {
                if !ctx.enabled(&UNTRANSLATED) || t.trim() != src.trim() {
                    return;
                }
                if let (Some(a), Some(b)) = (ctx.lang(Side::Source), ctx.lang(Side::Target)) {
                    if a.primary() == b.primary() {
                        return;
                    }
                }
                if has_translatable_words(src) {
                    let start = t.len() - t.trim_start().len();
                    let end = t.trim_end().len();
                    ctx.report(
                        &UNTRANSLATED,
                        Side::Target,
                        start..end,
                        "the translation is a copy of the source",
                    );
                }
            }
        }
    }
}

/// Words of a UI or prose string that a translator translates even when they stand alone.
const COMMON_WORDS: &[&str] = &[
    "abort",
    "about",
    "accept",
    "access",
    "account",
    "action",
    "actions",
    "activate",
    "active",
    "add",
    "address",
    "advanced",
    "all",
    "allow",
    "always",
    "appearance",
    "application",
    "applications",
    "apply",
    "archive",
    "ask",
    "audio",
    "author",
    "automatic",
    "available",
    "back",
    "background",
    "bold",
    "bookmarks",
    "bottom",
    "browse",
    "busy",
    "button",
    "cancel",
    "cancelled",
    "center",
    "change",
    "changes",
    "character",
    "characters",
    "check",
    "choose",
    "clear",
    "click",
    "close",
    "closed",
    "color",
    "colour",
    "column",
    "columns",
    "command",
    "comment",
    "comments",
    "complete",
    "completed",
    "computer",
    "configuration",
    "configure",
    "confirm",
    "connect",
    "connected",
    "connecting",
    "connection",
    "contents",
    "continue",
    "copy",
    "create",
    "created",
    "current",
    "custom",
    "cut",
    "date",
    "day",
    "days",
    "default",
    "delete",
    "deleted",
    "description",
    "desktop",
    "details",
    "device",
    "devices",
    "directory",
    "disable",
    "disabled",
    "disk",
    "display",
    "document",
    "documents",
    "done",
    "down",
    "download",
    "downloading",
    "edit",
    "empty",
    "enable",
    "enabled",
    "end",
    "enter",
    "error",
    "errors",
    "exit",
    "expand",
    "export",
    "failed",
    "failure",
    "false",
    "file",
    "files",
    "filter",
    "find",
    "finish",
    "finished",
    "folder",
    "folders",
    "font",
    "format",
    "forward",
    "free",
    "full",
    "general",
    "go",
    "group",
    "groups",
    "help",
    "hidden",
    "hide",
    "high",
    "history",
    "home",
    "hour",
    "hours",
    "icon",
    "idle",
    "image",
    "images",
    "import",
    "info",
    "information",
    "input",
    "insert",
    "install",
    "installed",
    "installing",
    "invalid",
    "italic",
    "item",
    "items",
    "keyboard",
    "label",
    "language",
    "large",
    "last",
    "layout",
    "left",
    "less",
    "level",
    "license",
    "line",
    "lines",
    "link",
    "list",
    "load",
    "loading",
    "local",
    "location",
    "lock",
    "locked",
    "log",
    "login",
    "logout",
    "low",
    "manual",
    "maximum",
    "medium",
    "memory",
    "menu",
    "message",
    "messages",
    "minimum",
    "minute",
    "minutes",
    "missing",
    "mode",
    "modified",
    "month",
    "more",
    "mouse",
    "move",
    "music",
    "name",
    "network",
    "never",
    "new",
    "next",
    "no",
    "none",
    "normal",
    "not",
    "note",
    "nothing",
    "off",
    "offline",
    "ok",
    "on",
    "online",
    "open",
    "options",
    "other",
    "output",
    "overwrite",
    "owner",
    "package",
    "packages",
    "page",
    "pages",
    "password",
    "paste",
    "path",
    "pause",
    "paused",
    "permissions",
    "pictures",
    "play",
    "please",
    "preferences",
    "preview",
    "previous",
    "print",
    "printer",
    "printing",
    "private",
    "progress",
    "properties",
    "public",
    "quit",
    "read",
    "ready",
    "recent",
    "redo",
    "refresh",
    "reload",
    "remove",
    "removed",
    "rename",
    "repeat",
    "replace",
    "reset",
    "restart",
    "restore",
    "resume",
    "retry",
    "right",
    "run",
    "running",
    "save",
    "saved",
    "search",
    "second",
    "seconds",
    "security",
    "select",
    "selected",
    "selection",
    "send",
    "server",
    "service",
    "services",
    "session",
    "settings",
    "setup",
    "share",
    "show",
    "shutdown",
    "size",
    "skip",
    "small",
    "sort",
    "sound",
    "source",
    "start",
    "started",
    "starting",
    "status",
    "stop",
    "stopped",
    "style",
    "success",
    "summary",
    "suspend",
    "system",
    "tab",
    "table",
    "text",
    "theme",
    "time",
    "title",
    "today",
    "tools",
    "top",
    "total",
    "trash",
    "true",
    "type",
    "undo",
    "unknown",
    "unlock",
    "up",
    "update",
    "updates",
    "upgrade",
    "upload",
    "user",
    "username",
    "users",
    "value",
    "version",
    "video",
    "view",
    "volume",
    "waiting",
    "warning",
    "week",
    "window",
    "windows",
    "work",
    "write",
    "year",
    "yes",
    "zoom",
];

/// Month and weekday names and abbreviations: dates are always translated.
const DATE_WORDS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "Mon",
    "Tue",
    "Wed",
    "Thu",
    "Fri",
    "Sat",
    "Sun",
];

/// Remove menu mnemonic markers: `_` or `&` before a letter at a word start (`_Cancel`,
/// `&File`, `Save _As`), and a trailing `(_F)` accelerator.
fn strip_mnemonics(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut prev: Option<char> = None;
    let mut it = text.chars().peekable();
    while let Some(c) = it.next() {
        let at_word_start = prev.map_or(true, |p| !p.is_alphanumeric() && p != '_');
        if (c == '_' || c == '&') && at_word_start && it.peek().is_some_and(|n| n.is_alphabetic()) {
            prev = Some(' ');
            continue;
        }
        out.push(c);
        prev = Some(c);
    }
    out
}

/// Key names, left as printed on the keys.
const KEY_NAMES: &[&str] = &[
    "Home",
    "End",
    "Insert",
    "Delete",
    "Tab",
    "Pause",
    "Caps Lock",
    "Num Lock",
    "Scroll Lock",
    "Page Up",
    "Page Down",
    "Backspace",
    "Escape",
    "Esc",
    "Enter",
    "Return",
    "Space",
    "Print",
    "Print Screen",
    "Menu",
    "Alt",
    "Ctrl",
    "Shift",
    "Super",
    "Meta",
    "Hyper",
    "Break",
    "SysRq",
];

/// Endings of English words that names rarely have (`Blocked`, `Localization`, `Emulators`).
const ENGLISH_SUFFIXES: &[&str] = &[
    "ed", "ing", "ings", "tion", "tions", "sion", "sions", "ment", "ments", "ness", "ity", "ities",
    "able", "ible", "ize", "izes", "ized", "ise", "ised", "ous", "ive", "ives", "ful", "less",
    "ance", "ence", "ency", "ancy", "ship", "ers", "ors", "ists", "ism", "ary", "ory", "ics",
    "ally", "hood", "ility", "ation", "ware", "ies",
];

/// English function words: a string that has one is prose, not a name.
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "of", "to", "in", "for", "on", "at", "by", "with", "from", "into", "is",
    "are", "was", "were", "be", "been", "not", "no", "and", "or", "but", "if", "this", "that",
    "these", "those", "it", "its", "can", "cannot", "could", "should", "would", "will", "may",
    "must", "has", "have", "had", "do", "does", "did", "you", "your", "we", "our", "there", "here",
    "which", "what", "when", "where", "how", "why", "all", "any", "some", "than", "then", "too",
    "very", "only", "also", "unable", "failed", "please",
];

/// Whether `text` has words a translator would translate (see the rule doc).
pub(crate) fn has_translatable_words(text: &str) -> bool {
    // Menu mnemonics (`_Cancel`, `&File`) are not part of the word.
    let demnemonic = strip_mnemonics(text);
    let text = demnemonic.as_str();
    // Blank out protected spans (placeholders, URLs, paths, options, tags).
    let mut plain = text.to_string();
    for (r, _) in protected_spans(text).into_iter().rev() {
        plain.replace_range(r, " ");
    }
    // Code-like strings: many operators and brackets for their letters.
    let letters = plain.chars().filter(|c| c.is_alphabetic()).count();
    if letters == 0 {
        return false;
    }
    let code = plain
        .chars()
        .filter(|c| {
            matches!(
                c,
                '=' | '[' | ']' | '{' | '}' | '<' | '>' | '|' | ';' | '*' | '#' | '\\' | '_'
            )
        })
        .count();
    if code * 6 > letters {
        return false;
    }
    // One token with inner punctuation and no space: code (`option=value`, `default:mm`,
    // `output.%s`, `cancel|cancel`).
    let trimmed = text.trim();
    if !trimmed.contains(char::is_whitespace)
        && trimmed
            .trim_end_matches(['.', '!', '?', ':'])
            .contains(|c: char| !c.is_alphanumeric() && c != '\'')
    {
        return false; // also `on-demand`, `key-id`, `fr-tg`: values and codes
    }
    if ["!=", "==", "->", "&&", "||", "::"]
        .iter()
        .any(|op| text.contains(op))
    {
        return false;
    }
    if KEY_NAMES.iter().any(|k| k.eq_ignore_ascii_case(trimmed)) {
        return false; // key names stay as printed on the keyboard
    }
    let words: Vec<&str> = plain
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '_'))
        .map(|w| w.trim_matches('\''))
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect();
    #[derive(PartialEq)]
    enum Shape {
        Lower,
        Capitalized,
        Other,
    }
    let shape = |w: &str| {
        if !w.chars().all(|c| c.is_alphabetic() || c == '\'') || w.chars().count() < 2 {
            return Shape::Other;
        }
        let mut cs = w.chars();
        let first = cs.next().unwrap_or(' ');
        let rest_lower = cs.all(|c| !c.is_uppercase());
        if !rest_lower {
            Shape::Other // CPU, PackageKit, iPhone
        } else if first.is_uppercase() {
            Shape::Capitalized
        } else {
            Shape::Lower
        }
    };
    let lower = |w: &str| w.to_lowercase();
    let is_common = |w: &str| COMMON_WORDS.binary_search(&lower(w).as_str()).is_ok();
    let is_function = |w: &str| FUNCTION_WORDS.contains(&lower(w).as_str());
    let looks_english = |w: &str| {
        let l = lower(w);
        is_common(w)
            || DATE_WORDS.contains(&w)
            || is_function(w)
            || l.chars().count() >= 5 && ENGLISH_SUFFIXES.iter().any(|s| l.ends_with(s))
    };
    let wordy: Vec<&str> = words
        .iter()
        .copied()
        .filter(|w| shape(w) != Shape::Other)
        .collect();
    if wordy.is_empty() {
        return false;
    }
    if words.len() == 1 {
        // two letters alone are codes (`be`, `it`, `no` as layout names)
        return wordy[0].chars().count() > 2 && looks_english(wordy[0]);
    }
    let lowers = wordy.iter().filter(|w| shape(w) == Shape::Lower).count();
    let functions = wordy.iter().filter(|w| is_function(w)).count();
    let commons = wordy.iter().filter(|w| looks_english(w)).count();
    let acronyms = words.iter().filter(|w| shape(w) == Shape::Other).count();
    if lowers <= 1 && acronyms > 0 && functions == 0 {
        return false; // GNU General Public License, Linux Mint Forums
    }
    let content_lowers = wordy
        .iter()
        .filter(|w| shape(w) == Shape::Lower && !is_function(w))
        .count();
    let capitalized = wordy
        .iter()
        .filter(|w| shape(w) == Shape::Capitalized)
        .count();
    if content_lowers == 0 && capitalized >= 2 {
        // Title Case: a name (GNU General Public License, Free Software Foundation) unless
        // most of its words are everyday UI words (Open File, Show Hidden Files).
        let everyday = wordy.iter().filter(|w| is_common(w)).count();
        return everyday >= 1 && commons * 2 >= wordy.len();
    }
    functions > 0 || commons > 0 || lowers >= 2
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::testing::{findings_of, run_pair};
    use crate::config::Options;

    fn untranslated(src: &str, tgt: &str) -> usize {
        let d = run_pair(Some(("en", src)), ("zh-CN", tgt), None, &Options::default());
        findings_of(&d, "untranslated").len()
    }

    #[test]
    fn common_words_are_sorted() {
        let mut s = COMMON_WORDS.to_vec();
        s.sort_unstable();
        assert_eq!(
            s, COMMON_WORDS,
            "COMMON_WORDS must stay sorted (binary search)"
        );
    }

    #[test]
    fn flags_copied_sentences_and_ui_words() {
        for s in [
            "Could not open file",
            "Retrieved file size was zero.",
            "Cancel",
            "Save",
            "Show Hidden Files",
            "Blocked",
            "_Cancel",
            "_Location:",
            "Jul",
            "Written by %s, %s, and %s.",
            "Set is_stmt to %s",
            "Localization",
            "Removing repository",
            "ballast character",
            "Creating directory '%s'.",
            "(unknown case)",
            "Usernames must be no more than %d bytes in length",
            "Distribution upgrade, see apt-get(8)",
            "No matter how bluffing the US and other Western countries are, they cannot hide the fact.",
        ] {
            assert_eq!(untranslated(s, s), 1, "{s}");
        }
    }

    #[test]
    fn leaves_code_names_and_numbers_alone() {
        for s in [
            "%s: %s",
            "[Y/n]",
            "[y/N]",
            "x86_64",
            "CPU",
            "POSIX",
            "GNOME",
            "PackageKit",
            "Bugzilla",
            "Python 3",
            "Deutsch",
            "Français",
            "GNU General Public License",
            "E Ifce Prot Domain",
            "2020",
            "https://example.org/x",
            "--help",
            "bgp_delete: LOOP: psi (%d) == storage[psi].bucket_next",
            "break [n]",
            "dirs [-clpv] [+N] [-N]",
            "    .debug_abbrev.dwo:       0x%s  0x%s",
            "Canonical ID",
            "option=value",
            "default:mm",
            "output.%s",
            "cancel|cancel",
            "Cherry Blue Line CyBo@rd",
            "Italiano",
            "Terminal Emulators", // a miss: neither word is known to be English
            "Bruno Haible",
            "Jim Meyering",
            "Happy Hacking for Mac",
            "Caps Lock",
            "Home",
            "be",
            "it",
            "on-demand",
            "xtrace fd (%d) != fileno xtrace fp (%d)",
            "Nederlands",
        ] {
            assert_eq!(untranslated(s, s), 0, "{s}");
        }
        // a real translation is not a copy
        assert_eq!(untranslated("Could not open file", "无法打开文件"), 0);
    }

    #[test]
    fn same_language_is_not_untranslated() {
        let d = run_pair(
            Some(("en", "Could not open file")),
            ("en-GB", "Could not open file"),
            None,
            &Options::default(),
        );
        assert!(findings_of(&d, "untranslated").is_empty());
    }

    #[test]
    fn missing_translation_is_off_by_default_and_points_at_the_source() {
        let d = run_pair(Some(("en", "Save")), ("zh", ""), None, &Options::default());
        assert!(findings_of(&d, "missing-translation").is_empty());
        assert!(findings_of(&d, "untranslated").is_empty());
        assert_eq!(MISSING_TRANSLATION.default_severity, Severity::Off);
    }

    #[test]
    fn missing_translation_when_selected() {
        use crate::checks::{registry, RuleSettings, RunCtx, SegmentCtx};
        use crate::segment::{Document, Escaping, Segment, SourceFile, Text};
        let mut rules = RuleSettings::defaults();
        rules.select(&["missing-translation".to_string()]).unwrap();
        let opts = Options::default();
        let run = RunCtx {
            rules: &rules,
            terms: None,
            options: &opts,
        };
        let doc = Document {
            files: vec![std::sync::Arc::new(SourceFile::new(
                "a.txt",
                "Save".into(),
                Escaping::None,
            ))],
            format: "text",
            source_lang: crate::lang::Lang::parse("en"),
            target_lang: crate::lang::Lang::parse("zh"),
            segments: vec![Segment {
                id: "1".into(),
                source: Some(Text::verbatim("Save", 0, 0)),
                target: Some(Text::verbatim("", 0, 4)),
                ..Default::default()
            }],
        };
        let mut out = Vec::new();
        for c in registry() {
            let mut ctx = SegmentCtx::new(&run, &doc, &doc.segments[0], &mut out);
            c.check_segment(&mut ctx);
        }
        let f: Vec<_> = out
            .iter()
            .filter(|d| d.rule == "missing-translation")
            .collect();
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].text, "Save");
        assert_eq!(f[0].side, Side::Source);
    }
}
