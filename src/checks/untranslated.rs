//! `untranslated`: the target is a copy of a source that has translatable words;
//! `missing-translation`: the target is empty.

use super::{Check, Fixable, RuleMeta, SegmentCtx};
use crate::diagnostic::Severity;
use crate::lang::protect::{protected_spans, Protected};
use crate::lang::words;
use crate::segment::Side;

/// The `untranslated` rule.
pub static UNTRANSLATED: RuleMeta = RuleMeta {
    name: "untranslated",
    default_severity: Severity::Warning,
    summary: "the target is identical to a source that has translatable words",
    doc: "## What it does\n\
Flags a target that is a verbatim copy of its source when the source has words a \
translator would translate. Strings made only of code, numbers, placeholders, URLs, \
options, acronyms and names are left alone: `%s: %s`, `[Y/n]`, `x86_64`, `CPU`, `GNOME`, \
`PackageKit`, `Python 3`, a language name such as `Deutsch`, a title-case name such as \
`GNU General Public License`. Words are judged with the embedded English word list: a \
word the list also writes with a capital (`Linux`, `Paul`) is a name, one it does not know \
(`Bugzilla`) is a name, one it knows only in lower case (`Finisher`, `Emulators`) is a word. \
So `Cancel`, `Terminal Emulators`, `Number of Channels`, `PCM audio` are flagged, and so are \
English language and script names (`French`, `Czech (QWERTY)`, `Devanagari`), a leading \
label (`Usage: %s [OPTION]...`), the description column of a `--help` line and a status \
word in brackets (`[deleted]`). Left alone: names of two dictionary words that the list \
writes with capitals (`Randy Smith`), Title Case with a model number (`Truly Ergonomic \
227`), key names and combinations (`Shift+Caps Lock`), three-letter codes (`haw`), \
usage lines whose metavariables are codes (`break [n]`, `wait [pid ...]`, `git pack-refs \
[--all]`). Usage metavariables that are English words are translated: `<options>`, \
`[name[=value] ...]`, and a snake_case name of words alone (`attribute_name`).\n\n\
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
pub static MISSING_TRANSLATION: RuleMeta = RuleMeta {
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
    fn prewarm(&self, _rules: &super::RuleSettings) {
        crate::lang::protect::prewarm();
    }

    fn rules(&self) -> &'static [&'static RuleMeta] {
        static RULES: [&RuleMeta; 2] = [&UNTRANSLATED, &MISSING_TRANSLATION];
        &RULES
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
    "black",
    "blue",
    "bold",
    "bookmarks",
    "bottom",
    "brown",
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
    "cyan",
    "dark",
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
    "envelope",
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
    "gray",
    "green",
    "grey",
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
    "light",
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
    "magenta",
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
    "orange",
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
    "pink",
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
    "purple",
    "quit",
    "read",
    "ready",
    "recent",
    "red",
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
    "violet",
    "volume",
    "waiting",
    "warning",
    "week",
    "white",
    "window",
    "windows",
    "work",
    "write",
    "year",
    "yellow",
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

/// Whether a line of `text` has a `--help` description column: after some code and a run of
/// two or more spaces, two words of the dictionary (`list databases`, `same as`).
fn has_help_description(text: &str) -> bool {
    text.lines().any(|line| {
        let body = line.trim_start();
        let Some(gap) = body.rfind("  ") else {
            return false;
        };
        let desc = body[gap..].trim_start();
        let desc = desc.strip_prefix("- ").unwrap_or(desc);
        let mut ws = desc.split(' ');
        let (Some(a), Some(b)) = (ws.next(), ws.next()) else {
            return false;
        };
        let word = |w: &str, first: bool| {
            let w = w.trim_end_matches([',', '.', ':']);
            let mut cs = w.chars();
            let head_ok = cs
                .next()
                .is_some_and(|c| c.is_ascii_lowercase() || first && c.is_ascii_uppercase());
            head_ok
                && cs.all(|c| c.is_ascii_lowercase())
                && (is_dictionary_word(&w.to_ascii_lowercase())
                    || words::is_function_word(&w.to_ascii_lowercase()))
        };
        gap > 0 && word(a, true) && word(b, false)
    })
}

/// HTML tags that a message may open without closing: not metavariables.
const HTML_TAGS: &[&str] = &[
    "a", "abbr", "b", "big", "body", "br", "center", "cite", "code", "div", "em", "font", "head",
    "hr", "html", "i", "img", "kbd", "li", "ol", "p", "pre", "s", "small", "span", "strong", "sub",
    "sup", "table", "td", "th", "tr", "tt", "u", "ul", "var",
];

/// Whether a metavariable's name (`options`, `old-branch`, `package status and progress file
/// descriptor`) is English: its parts, split at spaces and hyphens, are mostly words of the
/// dictionary (three letters or more: `<n>`, `<m>` are not). A one-word name needs its one
/// word (`<tree-ish>`, `<object-id>` count, `<rev-opts>` does not), a phrase a majority.
fn is_word_metavariable(inner: &str) -> bool {
    if inner.is_empty()
        || !inner
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b == b' ' || b == b'-')
    {
        return false;
    }
    let Some((parts, known)) = dictionary_parts(inner, &[' ', '-']) else {
        return false;
    };
    if inner.contains(' ') {
        known * 2 > parts
    } else {
        known > 0 && known * 2 >= parts
    }
}

/// Whether `text` has a usage metavariable whose name is English (see
/// [`is_word_metavariable`]): `<package status and progress file descriptor>` (dpkg),
/// `git add [<options>] [--] <pathspec>...`, `<file>`, `<unknown>`. Gettext catalogs
/// translate the names (`<选项>`, `<路径规格>`): zh_CN git translates all 227 of its usage
/// lines with one, zh_TW 142 of them. An HTML tag (`<b>`, `<i>`, or one closed later) is not
/// a metavariable, nor `<n>`, `<stdin>` (not in the dictionary).
fn has_word_metavariable(text: &str) -> bool {
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('>') else { break };
        let inner = &after[..close];
        rest = &after[close..];
        if HTML_TAGS.contains(&inner) || !is_word_metavariable(inner) {
            continue;
        }
        let closed_later = text.match_indices("</").any(|(i, _)| {
            text[i + 2..]
                .strip_prefix(inner)
                .is_some_and(|r| r.starts_with('>'))
        });
        if !closed_later {
            return true;
        }
    }
    false
}

/// Whether `text` is a usage line with a metavariable in square brackets that is an English
/// word (`alias [-p] [name[=value] ... ]`, `umask [-p] [-S] [mode]`, `exec [-cl] [-a name]
/// [command [argument ...]]`): bash translates these (`[名称[=值] ... ]`). A name counts
/// where a metavariable stands: after `[`, a space, `|` or `(`, before `]`, a space, `[`,
/// `.`, `|` or `)`; not an option (`[--all]`), a value after `=` (`[memory=flat]`), a group
/// of values (`[=ascending|descending]`), nor a code of one or two letters (`[n]`,
/// `[Y/n]`, `wait [pid ...]`).
fn has_bracket_metavariable(text: &str) -> bool {
    let b = text.as_bytes();
    // One bit per bracket depth: set when that group opens with `=` (values, not names).
    let mut values: u64 = 0;
    let mut depth: u32 = 0;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'[' => {
                depth += 1;
                // `[=STYLE]` lists values; `storage[psi]`, `trap_list[%d]` are subscripts
                let subscript = i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_');
                if depth < 64 && (b.get(i + 1) == Some(&b'=') || subscript) {
                    values |= 1 << depth;
                }
                i += 1;
            }
            b']' => {
                if depth < 64 {
                    values &= !(1 << depth);
                }
                depth = depth.saturating_sub(1);
                i += 1;
            }
            c if c.is_ascii_alphabetic() && depth > 0 => {
                let start = i;
                let upper = c.is_ascii_uppercase();
                while i < b.len()
                    && (b[i] == b'-'
                        || if upper {
                            b[i].is_ascii_uppercase()
                        } else {
                            b[i].is_ascii_lowercase()
                        })
                {
                    i += 1;
                }
                let before = if start == 0 { b' ' } else { b[start - 1] };
                let after = b.get(i).copied().unwrap_or(b' ');
                let in_values = depth < 64 && values & (1 << depth) != 0;
                // `…` (U+2026) starts with the byte 0xE2
                if !in_values
                    && matches!(before, b'[' | b' ' | b'|' | b'(')
                    && matches!(after, b']' | b' ' | b'[' | b'.' | b'|' | b')' | 0xE2)
                    && (b.get(i).map_or(true, |x| !x.is_ascii_alphanumeric()))
                    && is_word_metavariable(&text[start..i].to_ascii_lowercase())
                {
                    return true;
                }
            }
            c if c.is_ascii_alphanumeric() || c == b'-' || c == b'_' => {
                // the rest of a token that does not start as a name (`-a`, `x86_64`)
                while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'-' || b[i] == b'_')
                {
                    i += 1;
                }
            }
            _ => i += 1,
        }
    }
    false
}

/// The parts of `s` split at `seps`, and how many of them are dictionary words; `None`
/// when a part is empty (`a--b`, `_x`).
fn dictionary_parts(s: &str, seps: &[char]) -> Option<(usize, usize)> {
    let mut parts = 0;
    let mut known = 0;
    for w in s.split(seps) {
        if w.is_empty() {
            return None;
        }
        parts += 1;
        known += usize::from(is_dictionary_word(w));
    }
    Some((parts, known))
}

/// Whether `text` (trimmed, without a trailing colon) is one snake_case name made of English
/// words: `attribute_name`, `table_constraint`, `new_table` (psql's SQL syntax
/// metavariables, which zh_CN translates: `属性名称`). At least half of its parts must be
/// dictionary words of three letters or more: `dwo_id`, `asme_f`, `x86_64` are codes.
fn is_snake_case_phrase(text: &str) -> bool {
    let t = text.trim().trim_end_matches(':');
    if !t.contains('_')
        || !t
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
    {
        return false;
    }
    let Some((parts, known)) = dictionary_parts(t, &['_']) else {
        return false;
    };
    known > 0 && known * 2 >= parts
}

/// Whether `token` is a compound of two or more English words joined by hyphens, each of
/// three letters or more, or numbered: `expiry-date`, `template-directory`, `cherry-pick`,
/// `Two-Sided`, `Unknown-12`.
/// Not `on-demand`, `key-id` (a part of two letters), `b-plus`, `fr-tg`, `Thai-Lao`.
fn is_word_compound(token: &str) -> bool {
    let token = token.trim_end_matches(':');
    token.contains('-')
        && token
            .split('-')
            .any(|w| !w.bytes().all(|b| b.is_ascii_digit()))
        && token.split('-').all(|w| {
            !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit())
                || w.len() >= 3 && is_plain_word(w)
        })
}

/// Whether `w` is a lower-case or capitalised word of the dictionary that is not a name
/// (`sided`, `Sided`; not `Thai`, `Geo`).
fn is_plain_word(w: &str) -> bool {
    let mut b = w.bytes();
    b.next().is_some_and(|c| c.is_ascii_alphabetic())
        && b.all(|c| c.is_ascii_lowercase())
        && is_dictionary_word(w)
}

/// Whether a path-like token is two or three English words joined by slashes, a choice
/// rather than a path: `Enable/disable`, `Input/Output`, `directory/file`, `Ink/Toner`.
/// Not `MacBook/MacBook`, `PNM/PBM/PGM`, `S/MIME`, `/usr/share`, `oldCluster/data`.
fn is_word_alternative(token: &str) -> bool {
    let n = token.split('/').count();
    (2..=3).contains(&n) && token.split('/').all(|w| w.len() >= 3 && is_plain_word(w))
}

/// Whether `text` is a list of capitalised metavariables, two or more, mostly English words:
/// `APPID ACTION [PARAMETER]`, `FILE PATH`, `SCHEMA[:PATH] KEY VALUE`, `PATH SECTION NAME`
/// (glib, man-db translate them: `文件 路径`), and capitalised messages of the same shape
/// (`SYMBOL INFO`, `FOUND TAG`); two thirds of the names must be words (`MSX ROM` stays).
/// Only capitals, brackets, dots and separators: `E Ifce Prot
/// Domain`, `SHOBJ [PROFDATA]` (no word), `MAJOR[.MINOR]` (one token) stay.
fn is_caps_metavariable_list(text: &str) -> bool {
    let t = text.trim();
    if !t.bytes().any(|b| b.is_ascii_whitespace())
        || !t.chars().all(|c| {
            c.is_ascii_uppercase()
                || c.is_ascii_whitespace()
                || matches!(c, '[' | ']' | '.' | '…' | ':' | '|' | '-' | ',' | '(' | ')')
        })
    {
        return false;
    }
    let mut names = 0;
    let mut known = 0;
    for w in t.split(|c: char| !c.is_ascii_uppercase() && c != '-') {
        let w = w.trim_matches('-');
        if w.is_empty() {
            continue;
        }
        names += 1;
        known += usize::from(is_word_metavariable(&w.to_ascii_lowercase()));
    }
    names >= 2 && known * 3 >= names * 2
}

/// Severity and status labels of log lines written in capitals (postgres `FATAL`, `PANIC`,
/// wget `ERROR`): translated, unlike capitalised metavariables (`FILE`, `COMMAND`).
const SEVERITY_LABELS: &[&str] = &[
    "DEBUG", "ERROR", "FAILED", "FATAL", "INFO", "LOG", "NOTICE", "PANIC", "WARNING",
];

/// Remove a GTK mnemonic written inside a word (`Sc_ale:`, `T_wo-sided`) when the word
/// without it is in the dictionary; `storage_type` and `KP_Down` stay as they are.
fn strip_inner_mnemonic(text: &str) -> String {
    if text.matches('_').count() != 1 {
        return text.to_string();
    }
    let i = text.find('_').unwrap_or(0);
    let joined = format!("{}{}", &text[..i], &text[i + 1..]);
    let start = text[..i]
        .char_indices()
        .rev()
        .find(|&(_, c)| !c.is_ascii_alphabetic())
        .map_or(0, |(k, c)| k + c.len_utf8());
    let end = text[i + 1..]
        .find(|c: char| !c.is_ascii_alphabetic())
        .map_or(joined.len(), |k| i + k);
    let word = &joined[start..end];
    if start < i && end > i && is_dictionary_word(word) {
        joined
    } else {
        text.to_string()
    }
}

/// `text` without a GnuPG context prefix `|word-word|` (or an empty `||`) at its start.
fn strip_context_prefix(text: &str) -> &str {
    let Some(rest) = text.strip_prefix('|') else {
        return text;
    };
    match rest.find('|') {
        Some(k)
            if rest[..k]
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b == b'-' || b == b'.') =>
        {
            &rest[k + 1..]
        }
        _ => text,
    }
}

/// The inside of `text` when the whole of it is one word or phrase in brackets
/// (`[deleted]`, `[  never ]`, `(unknown)`, `[new branch]`); `text` otherwise.
fn unwrap_brackets(text: &str) -> &str {
    let t = text.trim();
    for (open, close) in [('[', ']'), ('(', ')')] {
        if let Some(inner) = t.strip_prefix(open).and_then(|r| r.strip_suffix(close)) {
            let inner = inner.trim();
            if !inner.is_empty()
                && inner
                    .chars()
                    .all(|c| c.is_ascii_alphabetic() || c == ' ' || c == '-')
            {
                return inner;
            }
        }
    }
    text
}

/// Paper size names (PWG 5101.1) that GTK catalogs leave in English, zh_CN and zh_TW alike.
const PAPER_NAMES: &[&str] = &[
    "Folio",
    "Government Legal",
    "Government Letter",
    "Invite Envelope",
    "Invoice",
    "Monarch Envelope",
    "Quarto",
    "Tabloid",
];

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
    "Alt",
    "Backslash",
    "Compose",
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

/// English names of languages and nationalities (`French`, `Czech`, `Scottish Gaelic`):
/// a catalog translates them. A language's own name (`Deutsch`, `Français`) is not here.
const LANGUAGE_NAMES: &[&str] = &[
    "Abaza",
    "Abkhaz",
    "Abkhazian",
    "Acehnese",
    "Adyghe",
    "Afar",
    "Afghan",
    "Afrikaans",
    "Ainu",
    "Akan",
    "Akha",
    "Albanian",
    "Algerian",
    "American",
    "Amharic",
    "Arabic",
    "Aragonese",
    "Aramaic",
    "Armenian",
    "Assamese",
    "Asturian",
    "Australian",
    "Austrian",
    "Avaric",
    "Avestan",
    "Aymara",
    "Azerbaijani",
    "Azeri",
    "Balinese",
    "Balkar",
    "Balochi",
    "Baluchi",
    "Bambara",
    "Bangla",
    "Bashkir",
    "Basque",
    "Belarusian",
    "Belgian",
    "Bengali",
    "Berber",
    "Bihari",
    "Bislama",
    "Bodo",
    "Bosnian",
    "Brahui",
    "Brazilian",
    "Breton",
    "British",
    "Bulgarian",
    "Burmese",
    "Burushaski",
    "Buryat",
    "Canadian",
    "Cantonese",
    "Catalan",
    "Cebuano",
    "Chakma",
    "Chamorro",
    "Chechen",
    "Cherokee",
    "Chinese",
    "Chuvash",
    "Coptic",
    "Cornish",
    "Corsican",
    "Cree",
    "Croatian",
    "Czech",
    "Danish",
    "Dargwa",
    "Dari",
    "Dhivehi",
    "Divehi",
    "Dogri",
    "Dutch",
    "Dzongkha",
    "Egyptian",
    "English",
    "Erzya",
    "Esperanto",
    "Estonian",
    "Evenki",
    "Ewe",
    "Faroese",
    "Fijian",
    "Filipino",
    "Finnish",
    "Flemish",
    "French",
    "Frisian",
    "Friulian",
    "Fula",
    "Fulah",
    "Gaelic",
    "Gagauz",
    "Galician",
    "Ganda",
    "Garo",
    "Georgian",
    "German",
    "Greek",
    "Greenlandic",
    "Guarani",
    "Gujarati",
    "Haitian",
    "Hausa",
    "Hawaiian",
    "Hebrew",
    "Herero",
    "Hindi",
    "Hindko",
    "Hmong",
    "Hungarian",
    "Icelandic",
    "Igbo",
    "Ilocano",
    "Indian",
    "Indonesian",
    "Ingush",
    "Interlingua",
    "Inuktitut",
    "Inupiaq",
    "Iranian",
    "Iraqi",
    "Irish",
    "Israeli",
    "Italian",
    "Japanese",
    "Javanese",
    "Kabardian",
    "Kabyle",
    "Kalmyk",
    "Kannada",
    "Kanuri",
    "Karachay",
    "Karakalpak",
    "Karelian",
    "Kashmiri",
    "Kashubian",
    "Kazakh",
    "Khakas",
    "Khanty",
    "Khasi",
    "Khmer",
    "Kikuyu",
    "Kinyarwanda",
    "Kirghiz",
    "Kodava",
    "Komi",
    "Kongo",
    "Konkani",
    "Korean",
    "Kumyk",
    "Kurdish",
    "Kurmanji",
    "Kyrgyz",
    "Ladino",
    "Lahu",
    "Lao",
    "Latgalian",
    "Latin",
    "Latvian",
    "Lepcha",
    "Lezgian",
    "Limbu",
    "Limburgish",
    "Lingala",
    "Lisu",
    "Lithuanian",
    "Livonian",
    "Luxembourgish",
    "Macedonian",
    "Maithili",
    "Malagasy",
    "Malay",
    "Malayalam",
    "Maldivian",
    "Maltese",
    "Manipuri",
    "Mansi",
    "Manx",
    "Maori",
    "Marathi",
    "Mexican",
    "Miao",
    "Mizo",
    "Moksha",
    "Moldavian",
    "Mongolian",
    "Montenegrin",
    "Mordvin",
    "Moroccan",
    "Nauruan",
    "Navajo",
    "Ndebele",
    "Nenets",
    "Nepali",
    "Newari",
    "Nigerian",
    "Nogai",
    "Norwegian",
    "Occitan",
    "Odia",
    "Ojibwa",
    "Oriya",
    "Oromo",
    "Ossetian",
    "Ossetic",
    "Pakistani",
    "Pali",
    "Pashto",
    "Persian",
    "Polish",
    "Portuguese",
    "Pothwari",
    "Punjabi",
    "Quechua",
    "Rohingya",
    "Romani",
    "Romanian",
    "Romansh",
    "Russian",
    "Rusyn",
    "Saami",
    "Sakha",
    "Sami",
    "Samoan",
    "Sango",
    "Sanskrit",
    "Santali",
    "Saraiki",
    "Sardinian",
    "Scottish",
    "Serbian",
    "Shan",
    "Sherpa",
    "Shina",
    "Shona",
    "Sicilian",
    "Sindhi",
    "Sinhala",
    "Sinhalese",
    "Skolt",
    "Slavonic",
    "Slovak",
    "Slovene",
    "Slovenian",
    "Somali",
    "Sorani",
    "Sorbian",
    "Sotho",
    "Spanish",
    "Sundanese",
    "Swahili",
    "Swati",
    "Swedish",
    "Swiss",
    "Sylheti",
    "Syriac",
    "Syrian",
    "Tagalog",
    "Tahitian",
    "Taiwanese",
    "Tajik",
    "Tamil",
    "Tatar",
    "Telugu",
    "Thai",
    "Tibetan",
    "Tigrinya",
    "Tongan",
    "Tripuri",
    "Tsonga",
    "Tswana",
    "Tulu",
    "Turkish",
    "Turkmen",
    "Tuvan",
    "Twi",
    "Udmurt",
    "Uighur",
    "Ukrainian",
    "Urdu",
    "Uyghur",
    "Uzbek",
    "Venda",
    "Vietnamese",
    "Votic",
    "Wakhi",
    "Walloon",
    "Welsh",
    "Wolof",
    "Xhosa",
    "Yakut",
    "Yiddish",
    "Yoruba",
    "Zaza",
    "Zhuang",
    "Zulu",
];

/// English names of writing systems (the Unicode script names: `Devanagari`, `Old Turkic`),
/// translated like language names; matched against the whole string only, since several
/// are also ordinary words or names (`Gothic`, `Modi`).
const SCRIPT_NAMES: &[&str] = &[
    "Adlam",
    "Ahom",
    "Anatolian Hieroglyphs",
    "Avestan",
    "Balinese",
    "Bamum",
    "Bassa Vah",
    "Batak",
    "Bhaiksuki",
    "Bopomofo",
    "Brahmi",
    "Braille",
    "Buginese",
    "Buhid",
    "Canadian Aboriginal",
    "Carian",
    "Caucasian Albanian",
    "Chakma",
    "Cham",
    "Chorasmian",
    "Cuneiform",
    "Cypriot",
    "Cypro-Minoan",
    "Cyrillic",
    "Deseret",
    "Devanagari",
    "Dives Akuru",
    "Dogra",
    "Duployan",
    "Egyptian Hieroglyphs",
    "Elbasan",
    "Elymaic",
    "Ethiopic",
    "Glagolitic",
    "Gothic",
    "Grantha",
    "Gunjala Gondi",
    "Gurmukhi",
    "Han",
    "Hangul",
    "Hanifi Rohingya",
    "Hanunoo",
    "Hatran",
    "Hiragana",
    "Imperial Aramaic",
    "Inscriptional Pahlavi",
    "Inscriptional Parthian",
    "Kaithi",
    "Katakana",
    "Kawi",
    "Kayah Li",
    "Kharoshthi",
    "Khitan Small Script",
    "Khojki",
    "Khudawadi",
    "Lepcha",
    "Limbu",
    "Linear A",
    "Linear B",
    "Lisu",
    "Lycian",
    "Lydian",
    "Mahajani",
    "Makasar",
    "Mandaic",
    "Manichaean",
    "Marchen",
    "Masaram Gondi",
    "Medefaidrin",
    "Meetei Mayek",
    "Mende Kikakui",
    "Meroitic Cursive",
    "Meroitic Hieroglyphs",
    "Miao",
    "Modi",
    "Mro",
    "Multani",
    "Myanmar",
    "Nabataean",
    "Nag Mundari",
    "Nandinagari",
    "New Tai Lue",
    "Newa",
    "Nko",
    "Nushu",
    "Nyiakeng Puachue Hmong",
    "Ogham",
    "Ol Chiki",
    "Old Hungarian",
    "Old Italic",
    "Old North Arabian",
    "Old Permic",
    "Old Persian",
    "Old Sogdian",
    "Old South Arabian",
    "Old Turkic",
    "Old Uyghur",
    "Osage",
    "Osmanya",
    "Pahawh Hmong",
    "Palmyrene",
    "Pau Cin Hau",
    "Phags Pa",
    "Phoenician",
    "Psalter Pahlavi",
    "Rejang",
    "Runic",
    "Samaritan",
    "Saurashtra",
    "Sharada",
    "Shavian",
    "Siddham",
    "SignWriting",
    "Sogdian",
    "Sora Sompeng",
    "Soyombo",
    "Syloti Nagri",
    "Tagbanwa",
    "Tai Le",
    "Tai Tham",
    "Tai Viet",
    "Takri",
    "Tangsa",
    "Tangut",
    "Thaana",
    "Tifinagh",
    "Tirhuta",
    "Toto",
    "Ugaritic",
    "Vai",
    "Vithkuqi",
    "Wancho",
    "Warang Citi",
    "Yezidi",
    "Yi",
    "Zanabazar Square",
];

/// Whether `w` (one word, lower case or capitalised) is in the English word list and, when
/// capitalised, is not a proper noun there: `emulators`, `gap`, `Vendor`, `Finisher`, but not
/// `Linux`, `Paul`, `Gap` (the list also writes those with a capital) nor `Bugzilla`.
fn is_dictionary_word(w: &str) -> bool {
    if w.len() < 3 || !w.is_ascii() || words::zipf(w).is_none() {
        return false;
    }
    if w.bytes().all(|b| b.is_ascii_lowercase()) {
        return true; // written in lower case, `set`, `gap`, `key` are the common words
    }
    let mut cap = w.to_ascii_lowercase();
    cap[..1].make_ascii_uppercase();
    // Very frequent words are common words first, whatever else the list says (`Good`,
    // `Set`, `Key`); names stay below (`Paul` 52, `Microsoft` 53).
    !words::is_cased_form(&cap) || words::zipf(w).is_some_and(|z| z >= 54)
}

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
    // A usage metavariable that is an English phrase: translated.
    if has_word_metavariable(text)
        || has_bracket_metavariable(text)
        || is_snake_case_phrase(text)
        || is_caps_metavariable_list(text)
    {
        return true;
    }
    if SEVERITY_LABELS
        .binary_search(&text.trim().trim_end_matches(':'))
        .is_ok()
    {
        return true;
    }
    // GnuPG's context prefix (`|pinentry-label|_No`, `|audit-log-result|Good`) is not text.
    let text = strip_context_prefix(text);
    // Menu mnemonics (`_Cancel`, `&File`, `Sc_ale:`) are not part of the word.
    let demnemonic = strip_inner_mnemonic(&strip_mnemonics(text));
    let had_mnemonic = demnemonic != text;
    // A status word in brackets (`[deleted]`, `[  never ]`, `(unknown)`) is that word.
    let text = unwrap_brackets(demnemonic.as_str());
    // Blank out protected spans (placeholders, URLs, paths, options, tags).
    let mut plain = text.to_string();
    let mut hidden_names = false;
    let spans = protected_spans(text);
    for (r, kind) in spans.iter().rev() {
        if *kind == Protected::Identifier && is_word_alternative(&text[r.clone()]) {
            plain.replace_range(r.clone(), &text[r.clone()].replace('/', " "));
            continue;
        }
        hidden_names |=
            *kind == Protected::Identifier && text[r.clone()].contains(char::is_alphabetic);
        plain.replace_range(r.clone(), " ");
    }
    // The text without its markup tags (`<b>Comment:</b>` is the one word `Comment:`).
    let untagged = if spans.iter().any(|(_, k)| *k == Protected::Tag) {
        let mut u = text.to_string();
        for (r, kind) in spans.iter().rev() {
            if *kind == Protected::Tag {
                u.replace_range(r.clone(), "");
            }
        }
        Some(u)
    } else {
        None
    };
    // `<%s>` (an address in brackets) is one placeholder, not two operators.
    let plain = plain.replace("< >", "   ");
    // A leading label that is an English word (`Usage: %s [OPTION]... [FILE]...`,
    // `Options:`, `DETAIL:  %s`): the label is translated, whatever follows.
    if let Some((head, _)) = text.trim_start().split_once(':') {
        let caps = head.bytes().all(|b| b.is_ascii_uppercase()) && head.len() >= 4;
        let capitalized = head.len() >= 3
            && head.as_bytes()[0].is_ascii_uppercase()
            && head[1..].bytes().all(|b| b.is_ascii_lowercase());
        if (caps || capitalized) && is_dictionary_word(&head.to_ascii_lowercase()) {
            return true;
        }
    }
    // A `--help` line whose description column (after a run of spaces) is English words:
    // `  \l[+]   [PATTERN]      list databases`.
    if has_help_description(text) {
        return true;
    }
    // Capitalised names with placeholders: `COLUMN NAME:  %s`, `%*s USER PID ACCESS COMMAND`.
    if plain != text && is_caps_metavariable_list(&plain) {
        return true;
    }
    // Code-like strings: many operators and brackets for their letters.
    let letters = plain.chars().filter(|c| c.is_alphabetic()).count();
    if letters == 0 {
        return false;
    }
    // An escaped character (`\{`, `\}` in `Unmatched \{`) is one operator with its backslash.
    let mut code = 0;
    let mut escaped = false;
    for c in plain.chars() {
        if escaped {
            escaped = false;
            continue;
        }
        escaped = c == '\\';
        code += usize::from(matches!(
            c,
            '=' | '[' | ']' | '{' | '}' | '<' | '>' | '|' | ';' | '*' | '#' | '\\' | '_'
        ));
    }
    // Prose: three lower-case words of the dictionary outweigh operators and brackets
    // (`Internal inconsistency: remaining %u != max %u.  Please report this bug.`,
    // `==> Using new config file as default.`).
    // Whole words between spaces only: `-a`, `[-s]`, `<mode>` are options, not prose.
    let clean: Vec<&str> = plain
        .split_whitespace()
        .map(|t| t.trim_end_matches([',', '.', ':', ';', '!', '?']))
        .filter(|t| !t.is_empty() && t.bytes().all(|b| b.is_ascii_alphabetic()))
        .collect();
    let mut prose_words: Vec<&str> = clean
        .iter()
        .copied()
        .filter(|w| w.len() >= 3 && w.bytes().all(|b| b.is_ascii_lowercase()))
        .filter(|w| is_dictionary_word(w) || words::is_function_word(w))
        .collect();
    prose_words.sort_unstable();
    prose_words.dedup();
    let prose = prose_words.len() >= 3
        && clean
            .iter()
            .any(|w| w.len() >= 2 && words::is_function_word(w));
    if code * 6 > letters && !prose {
        return false;
    }
    // One token with inner punctuation and no space: code (`option=value`, `default:mm`,
    // `output.%s`, `cancel|cancel`).
    let trimmed = untagged.as_deref().unwrap_or(text).trim();
    if !trimmed.contains(char::is_whitespace)
        && trimmed
            .trim_end_matches(['.', '!', '?', ':', '…'])
            .contains(|c: char| !c.is_alphanumeric() && c != '\'')
    {
        // A compound of English words is a metavariable or a term (`expiry-date`,
        // `template-directory`, `cherry-pick`), unlike `on-demand`, `key-id`, `fr-tg`.
        // (`Input/Output`, `directory/file`: a choice of words)
        return is_word_compound(trimmed) || is_word_alternative(trimmed.trim_end_matches(':'));
    }
    let trimmed = text.trim();
    if !prose
        && ["!=", "==", "->", "&&", "||", "::"]
            .iter()
            .any(|op| text.contains(op))
    {
        return false;
    }
    let bare = trimmed.trim_end_matches(|c: char| c == ':' || c.is_whitespace());
    if SCRIPT_NAMES.binary_search(&bare).is_ok() {
        return true;
    }
    if PAPER_NAMES.binary_search(&bare).is_ok() {
        return false;
    }
    let key_name = |k: &str| KEY_NAMES.iter().any(|n| n.eq_ignore_ascii_case(k.trim()));
    if !had_mnemonic
        && (key_name(trimmed) || trimmed.contains('+') && trimmed.split('+').all(key_name))
    {
        return false; // key names stay as printed on the keyboard (`Home`, `Shift+Caps Lock`)
    }
    let words: Vec<&str> = plain
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '_'))
        .map(|w| words::strip_possessive(w.trim_start_matches('\'')).trim_end_matches('\''))
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect();
    #[derive(PartialEq)]
    enum Shape {
        Lower,
        Capitalized,
        Other,
    }
    let shape = |w: &str| {
        if w == "a" {
            return Shape::Lower; // the article (`Pick a Color`); `Arch A` is a paper size
        }
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
        // `_OK`: a button label with its mnemonic
        return had_mnemonic && words.len() == 1 && is_common(words[0]);
    }
    let dictionary = |w: &str| is_dictionary_word(w);
    let language = |w: &str| LANGUAGE_NAMES.binary_search(&w).is_ok();
    if words.len() == 1 {
        // two letters alone are codes (`be`, `it`, `no` as layout names)
        // A dictionary word beside digits or a hidden name is part of a name (`Sans 12`,
        // `MacBook/MacBook Pro`); `language` is checked first.
        let w = wordy[0];
        // A number with a lower-case word is a quantity (`2 bytes`). Three lower-case
        // letters alone are codes too (`haw`, `sax`, `kab`).
        let named = hidden_names
            || shape(w) == Shape::Capitalized && text.contains(|c: char| c.is_ascii_digit());
        // (a short word with placeholders around it is a phrase: `key %s:`, `bad %s`)
        let short = shape(w) == Shape::Lower && w.len() < 4 && trimmed == w;
        if had_mnemonic && words::is_word(w) {
            return true; // a menu item: `_No`, `_Up`, `Best _Fit`
        }
        // A capitalised everyday word of two letters is a label (`No`, `On`, `Up`); in
        // lower case it stays a code (`no`, `be` as layout names).
        if shape(w) == Shape::Capitalized && w.len() == 2 && trimmed == w && is_common(w) {
            return true;
        }
        return w.chars().count() > 2
            && (looks_english(w) || language(w) || !named && !short && dictionary(w));
    }
    // An English language name, alone or with a variant (`Czech (QWERTY)`, `Scottish
    // Gaelic`): catalogs translate it.
    // (Not after a name: `FanFold German Legal` is a paper size.)
    if let Some(i) = words
        .iter()
        .position(|w| shape(w) == Shape::Capitalized && language(w))
    {
        if words[..i].iter().all(|w| shape(w) != Shape::Other) {
            return true;
        }
    }
    // A lower-case dictionary word beside names and acronyms describes them: `PCM audio`,
    // `SGI image`, `Dell Precision M65 laptop`.
    let described = wordy
        .iter()
        .any(|w| shape(w) == Shape::Lower && !is_function(w) && w.len() >= 4 && dictionary(w));
    let lowers = wordy.iter().filter(|w| shape(w) == Shape::Lower).count();
    let functions = wordy.iter().filter(|w| is_function(w)).count();
    let commons = wordy.iter().filter(|w| looks_english(w)).count();
    // A coordinate letter beside words is a variable, not an acronym: `Child X
    // Displacement`, `X Input Method` (gtk); `E Ifce Prot Domain` (a column header), `Arch
    // A`, `Photo L` (paper names) stay.
    let letter = |w: &str| matches!(w, "X" | "Y" | "Z");
    let acronyms = words
        .iter()
        .filter(|w| shape(w) == Shape::Other && !(wordy.len() >= 2 && letter(w)))
        .count();
    // An everyday UI word first, then an acronym: `Show GTK+ Options`, `User ID`,
    // `Background RGBA`, `Copy URL`.
    let ui_first = wordy.first().is_some_and(|w| is_common(w))
        && words.first().is_some_and(|w| shape(w) != Shape::Other);
    // A code or an acronym with a common word that describes it (`GL Vendor`, `CSS
    // Property`, `prc1 Envelope`, `Website URL`, `OS Error`): a frequent word (zipf 38 or
    // more) that the dictionary does not write with a capital. Not a letter (`Arch A`,
    // `Photo L`), a model number (`SVEN Ergonomic 2500`), a rare word (`Canonical ID`,
    // `Classmate PC`), nor three words or more (`Master System ROM`, `IBM Space Saver`).
    let acronym_described = words.len() == 2
        && wordy.len() == 1
        && words.iter().any(|w| {
            shape(w) == Shape::Other && w.bytes().filter(u8::is_ascii_alphabetic).count() >= 2
        })
        && !plain
            .split(|c: char| !c.is_ascii_digit())
            .any(|d| d.len() >= 2)
        && shape(wordy[0]) == Shape::Capitalized
        && dictionary(wordy[0])
        && words::zipf(wordy[0]).is_some_and(|z| z >= 38);
    if lowers <= 1
        && acronyms > 0
        && functions == 0
        && !described
        && !ui_first
        && !acronym_described
    {
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
    // Dictionary words that are not proper nouns (`Terminal Emulators`, `Cursor Blink
    // Timeout`), against names (`Randy Smith`, `Bourne Shell`, `Happy Hacking for Mac`).
    let in_dictionary = wordy
        .iter()
        .filter(|w| dictionary(w) || is_common(w) || is_function(w))
        .count();
    if content_lowers == 0 && capitalized >= 2 {
        // Title Case: a name (GNU General Public License, Free Software Foundation) unless
        // most of its words are everyday UI words (Open File, Show Hidden Files) or all of
        // them common dictionary words (Word Processor).
        // A number of two digits or more makes it a model or a version (`Truly Ergonomic
        // 227`, `Ubuntu 5.04 'Hoary Hedgehog'`).
        let everyday = wordy.iter().filter(|w| is_common(w)).count();
        // A number after a very frequent noun is an index, not a model: `Stylistic Set 10`.
        let indexed = in_dictionary == wordy.len()
            && wordy
                .last()
                .is_some_and(|w| words::zipf(w).is_some_and(|z| z >= 54));
        let model = !indexed
            && plain
                .split(|c: char| !c.is_ascii_digit())
                .any(|d| d.len() >= 2);
        return everyday >= 1 && commons * 2 >= wordy.len()
            || !model
                && !hidden_names
                && (functions == 0 && in_dictionary * 2 > wordy.len()
                    || in_dictionary == wordy.len());
    }
    functions > 0 || commons > 0 || lowers >= 2 || described || in_dictionary * 2 > wordy.len()
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
            "git status [--porcelain] [--] [<n>...]", // metavariables that are codes
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
    fn flags_dictionary_words_and_labels() {
        // Real msgids of the zh_CN catalogs that the translators translated.
        for s in [
            "Terminal Emulators",        // appstream: Title Case of dictionary words
            "Word Processor",            // appstream
            "Cursor Blink Timeout",      // gsettings-desktop-schemas
            "Number of Channels",        // gdk-pixbuf: function word, all in the dictionary
            "Finisher",                  // system-config-printer: one dictionary word
            "Spreadsheet",               // gtk30
            "autocomplete",              // at-spi2-core
            "Align set",                 // gtk20-properties: `set` in lower case is the word
            "Initial gap",               // gtk30-properties
            "PCM audio",                 // shared-mime-info: a description beside an acronym
            "Dell Precision M65 laptop", // xkeyboard-config
            "2 bytes",                   // binutils: a quantity
            "Very Dark Brown",           // gtk30: colours
            "Sc_ale:",                   // gtk20: a mnemonic inside the word
            "_Delete",                   // gtk30: a menu item, not the key
            "Show GTK+ Options",         // gtk30: a UI verb, then an acronym
            "User ID",                   // gtk30
            "Pick a Color",              // gtk20
            "_No",                       // gtk30: two letters with a mnemonic are a word
            "|pinentry-label|_No",       // gnupg2: a context prefix
            "|audit-log-result|Good",
            "[deleted]",  // git: a status word in brackets
            "[  never ]", // gnupg2
            "(unknown)",  // tar
        ] {
            assert_eq!(untranslated(s, s), 1, "{s}");
        }
    }

    #[test]
    fn flags_language_and_script_names() {
        for s in [
            "French",         // xkeyboard-config
            "Czech (QWERTY)", // a language with a variant in brackets
            "German, Swedish and Finnish (US)",
            "Scottish Gaelic",
            "Lower Sorbian",
            "Dhivehi",
            "Devanagari", // gtk30: Unicode script names
            "Old Turkic",
            "Psalter Pahlavi",
        ] {
            assert_eq!(untranslated(s, s), 1, "{s}");
        }
    }

    #[test]
    fn flags_usage_labels_metavariables_and_help_columns() {
        for s in [
            "Usage: %s [OPTION]... [FILE]...\n", // coreutils: the label is translated
            "Options:\n",
            "DETAIL:  ",                        // postgres message prefix
            "<package status and progress file descriptor>", // dpkg
            "  \\da[S]  [PATTERN]      list aggregates\n", // psql --help column
            "  [v]          - be verbose\n",    // binutils ar
            "%s home page: <%s>\n",             // psql: `<%s>` is not two operators
            "Internal inconsistency: remaining %u != max %u.\n  Please report this bug.",
            " ==> Using new config file as default.\n", // dpkg: prose beats the arrow
            "gio list is similar to the traditional ls utility, but using GIO\nlocations instead of local files: e.g. standard::icon",
        ] {
            assert_eq!(untranslated(s, s), 1, "{s:?}");
        }
    }

    #[test]
    fn leaves_names_models_codes_and_keys_alone() {
        // Real msgids that the zh_CN catalogs leave as they are.
        for s in [
            "Randy Smith", // names: both words are capitalised in the word list
            "Paul Eggert",
            "Bourne Shell", // a name of unknown word + dictionary word
            "Linux",        // a product the word list writes with a capital
            "Happy Hacking for Mac",
            "Truly Ergonomic 227", // a keyboard model: Title Case and a number
            "Ubuntu 5.04 'Hoary Hedgehog'", // a release name
            "Sans 12",             // a font
            "MacBook/MacBook Pro", // names hidden behind a path-like token
            "FanFold German Legal", // a paper size: the language word follows a name
            "Game Boy Advance ROM", // a name with an acronym
            "Shift+Caps Lock",     // key combinations
            "Tabloid",             // a paper size
            "Compose",
            "haw", // three lower-case letters: a code
            "sax",
            "<n>", // not a word metavariable
            "<stdin>",
            "dwo_id", // snake_case of codes (binutils)
            "asme_f",
            "xtrace fd (%d) != fileno xtrace fp (%d)",
            "fsmonitor: cookie_result '%d' != SEEN",
            "Wgetrc: ", // a label that is not a word
            "[Y/n]",
            "(C)",
            "git cherry-pick (--continue | --skip | --abort | --quit)", // git: no prose
            "git pack-refs [--all] [--no-prune]",
        ] {
            assert_eq!(untranslated(s, s), 0, "{s:?}");
        }
    }

    #[test]
    fn flags_word_metavariables_of_usage_lines() {
        // Real msgids that zh_CN translates (`<选项>`, `[名称[=值] ... ]`, `属性名称`).
        for s in [
            "git add [<options>] [--] <pathspec>...", // git: angle-bracketed words
            "git status [<options>] [--] [<pathspec>...]",
            "git branch [<options>] (-c | -C) [<old-branch>] <new-branch>",
            "git commit [-a | --interactive | --patch] [-s] [-v] [-u<mode>] [--amend]\n  [--dry-run] <commit>",
            "<file>",
            "<unknown>", // binutils, dpkg
            "alias [-p] [name[=value] ... ]", // bash: words in square brackets
            "umask [-p] [-S] [mode]",
            "exec [-cl] [-a name] [command [argument ...]] [redirection ...]",
            "[(amend|reword):]commit",
            "  %s [OPTION]... [DBNAME]\n", // postgres tools: a capitalised word in brackets
            "don't strip/add [PATCH]",
            "[OPTION…] BUS-NAME", // glib: … after the name
            "attribute_name",     // psql: snake_case of words
            "table_constraint",
            "storage_type",
            "APPID ACTION [PARAMETER]", // glib: a list of capitalised metavariables
            "FILE PATH",
            "SCHEMA[:PATH] KEY VALUE",
            "SYMBOL INFO", // binutils: a capitalised message of the same shape
            "COLUMN NAME:  %s\n", // libpq: with a placeholder
            "%*s USER        PID ACCESS COMMAND\n", // psmisc: a column header
        ] {
            assert_eq!(untranslated(s, s), 1, "{s:?}");
        }
    }

    #[test]
    fn leaves_code_metavariables_and_subscripts_alone() {
        // Real msgids that the zh_CN catalogs keep as they are.
        for s in [
            "break [n]", // bash: codes of one or two letters
            "wait [pid ...]",
            "dirs [-clpv] [+N] [-N]",
            "bgp_delete: LOOP: psi (%d) == storage[psi].bucket_next", // a subscript
            " [memory=flat]",                                         // bfd: a value after `=`
            "[=ascending|descending]",                                // ld: a group of values
            "git pack-refs [--all] [--no-prune]",
            "<n>",
            "<stdin>", // not a word of the dictionary
            "<b>%s</b>",
            "E Ifce Prot Domain", // avahi: a column header of abbreviations
            "SHOBJ [PROFDATA]",   // libc: capitals that are not words
            "MAJOR[.MINOR]",      // tar: one token
            "MSX ROM",            // shared-mime-info: one word of two
            "%-*s TTY      ",     // procps: one capitalised name
            "VERSION %d.%d\n",
            "Mac OS X Quartz", // an acronym stays one beside the letter
            "dwo_id",          // binutils: snake_case of codes
            "x86_64",
        ] {
            assert_eq!(untranslated(s, s), 0, "{s:?}");
        }
    }

    #[test]
    fn flags_severity_labels_compounds_and_described_acronyms() {
        for s in [
            "FATAL", // postgres: severity labels
            "WARNING",
            "expiry-date", // git: a compound of words
            "template-directory",
            "Two-Sided",             // system-config-printer
            "Enable/disable DNSSEC", // systemd: a choice of words, not a path
            "Input/Output\n",        // psql
            "directory/file",        // git
            "GL Vendor",             // gtk30: an acronym described by a common word
            "CSS Property",
            "prc1 Envelope", // gtk30: an envelope size
            "#10 Envelope",
            "Website URL",                                // gtk30-properties
            "_OK",                                        // gtk30: a button with its mnemonic
            "<b>Comment:</b>", // system-config-printer: a word inside markup
            "Latest checkpoint's oldestXID:        %u\n", // pg_controldata: a possessive
            "Unmatched \\{",   // grep: an escaped brace is one operator
            "Invalid content of \\{\\}",
            "key %s:\n",            // gnupg2: a short word with placeholders is a phrase
            "bad %s",               // git
            "Stylistic Set 12",     // gtk30: a number after a frequent noun is an index
            "Other…",               // gtk30: an ellipsis is not code
            "_Unmount",             // gtk30: `unmount` is in data/en-extra.txt
            "Child X Displacement", // gtk30-properties: a capital letter between words
            "X Input Method",
            "Han",        // gtk30: a Unicode script name
            "Unknown-12", // xz: a numbered word
            "No",         // make, psql: a capitalised everyday word of two letters
            "Menu",       // gtk30, xkeyboard-config: translated, unlike `Home`
        ] {
            assert_eq!(untranslated(s, s), 1, "{s:?}");
        }
        for s in [
            "OK", // git, glib: an acronym alone
            "on-demand",
            "key-id",
            "b-plus", // gtk30: paper names
            "Thai-Lao",
            "MacBook/MacBook Pro",
            "PNM/PBM/PGM/PPM",
            "S/MIME",
            "Canonical ID", // a rare word with an acronym: a name
            "Classmate PC",
            "Arch A", // gtk30: paper sizes
            "Photo L",
            "SVEN Ergonomic 2500", // a model number
            "Master System ROM",   // three words
            "_PIM",
            "job", // three lower-case letters alone stay a code
            "no",  // two lower-case letters alone stay a code
            "Gb",  // glib: a unit
            "x86-64",
            "Truly Ergonomic 227", // a model number after a rare word
        ] {
            assert_eq!(untranslated(s, s), 0, "{s:?}");
        }
    }

    #[test]
    fn name_lists_are_sorted() {
        for list in [LANGUAGE_NAMES, SCRIPT_NAMES, HTML_TAGS, PAPER_NAMES] {
            for pair in list.windows(2) {
                assert!(pair[0] < pair[1], "{} >= {}", pair[0], pair[1]);
            }
        }
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
        assert_eq!(&*f[0].text, "Save");
        assert_eq!(f[0].side, Side::Source);
    }
}
