//! English inflection by generated forms (not stemming).
//!
//! A glossary term matches its inflected forms only through the forms generated here for
//! its last word: regular plural and third person (`host` -> `hosts`, `agency` ->
//! `agencies`, `box` -> `boxes`), past and participle (`commit` -> `committed`, `use` ->
//! `used`, `copy` -> `copied`), `-ing` (`make` -> `making`), and irregular forms from a
//! table (`child` -> `children`, `index` -> `indices`, `write` -> `wrote`/`written`).
//! Derived words are never generated, so `attacker` never matches `attack` and `hostile`
//! never matches `host`, which a stemmer cannot promise.

use std::ops::Range;

/// Which form of a word a match used; suggestions are inflected the same way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Inflection {
    /// The form as written in the glossary.
    Base,
    /// Plural or third person singular (`hosts`, `commits`).
    S,
    /// Past tense (`committed`, `wrote`).
    Past,
    /// Past participle (`committed`, `written`).
    Participle,
    /// Present participle or gerund (`committing`).
    Ing,
}

/// Irregular noun plurals (singular, plural). The regular plural is generated as well
/// where it is also in use (`indexes`).
const IRREGULAR_PLURALS: &[(&str, &str)] = &[
    ("man", "men"),
    ("woman", "women"),
    ("child", "children"),
    ("person", "people"),
    ("mouse", "mice"),
    ("foot", "feet"),
    ("tooth", "teeth"),
    ("goose", "geese"),
    ("ox", "oxen"),
    ("analysis", "analyses"),
    ("basis", "bases"),
    ("crisis", "crises"),
    ("thesis", "theses"),
    ("hypothesis", "hypotheses"),
    ("diagnosis", "diagnoses"),
    ("parenthesis", "parentheses"),
    ("axis", "axes"),
    ("index", "indices"),
    ("vertex", "vertices"),
    ("matrix", "matrices"),
    ("appendix", "appendices"),
    ("criterion", "criteria"),
    ("phenomenon", "phenomena"),
    ("datum", "data"),
    ("medium", "media"),
    ("curriculum", "curricula"),
    ("bacterium", "bacteria"),
    ("leaf", "leaves"),
    ("knife", "knives"),
    ("life", "lives"),
    ("wife", "wives"),
    ("half", "halves"),
    ("self", "selves"),
    ("shelf", "shelves"),
    ("wolf", "wolves"),
    ("thief", "thieves"),
    ("calf", "calves"),
    ("loaf", "loaves"),
    ("elf", "elves"),
];

/// Nouns whose plural is the singular.
const UNCHANGED_PLURALS: &[&str] = &[
    "sheep",
    "fish",
    "deer",
    "series",
    "species",
    "aircraft",
    "software",
    "hardware",
    "malware",
    "information",
    "equipment",
    "news",
];

/// Irregular verbs: (base, past, participle).
const IRREGULAR_VERBS: &[(&str, &str, &str)] = &[
    ("be", "was", "been"),
    ("become", "became", "become"),
    ("begin", "began", "begun"),
    ("bind", "bound", "bound"),
    ("bite", "bit", "bitten"),
    ("blow", "blew", "blown"),
    ("break", "broke", "broken"),
    ("bring", "brought", "brought"),
    ("build", "built", "built"),
    ("buy", "bought", "bought"),
    ("catch", "caught", "caught"),
    ("choose", "chose", "chosen"),
    ("come", "came", "come"),
    ("deal", "dealt", "dealt"),
    ("do", "did", "done"),
    ("draw", "drew", "drawn"),
    ("drive", "drove", "driven"),
    ("eat", "ate", "eaten"),
    ("fall", "fell", "fallen"),
    ("feed", "fed", "fed"),
    ("feel", "felt", "felt"),
    ("fight", "fought", "fought"),
    ("find", "found", "found"),
    ("fly", "flew", "flown"),
    ("forbid", "forbade", "forbidden"),
    ("forget", "forgot", "forgotten"),
    ("freeze", "froze", "frozen"),
    ("get", "got", "gotten"),
    ("give", "gave", "given"),
    ("go", "went", "gone"),
    ("grow", "grew", "grown"),
    ("hang", "hung", "hung"),
    ("have", "had", "had"),
    ("hear", "heard", "heard"),
    ("hide", "hid", "hidden"),
    ("hold", "held", "held"),
    ("keep", "kept", "kept"),
    ("know", "knew", "known"),
    ("lay", "laid", "laid"),
    ("lead", "led", "led"),
    ("leave", "left", "left"),
    ("lend", "lent", "lent"),
    ("lie", "lay", "lain"),
    ("lose", "lost", "lost"),
    ("make", "made", "made"),
    ("mean", "meant", "meant"),
    ("meet", "met", "met"),
    ("pay", "paid", "paid"),
    ("ride", "rode", "ridden"),
    ("ring", "rang", "rung"),
    ("rise", "rose", "risen"),
    ("run", "ran", "run"),
    ("say", "said", "said"),
    ("see", "saw", "seen"),
    ("seek", "sought", "sought"),
    ("sell", "sold", "sold"),
    ("send", "sent", "sent"),
    ("shake", "shook", "shaken"),
    ("shoot", "shot", "shot"),
    ("show", "showed", "shown"),
    ("shrink", "shrank", "shrunk"),
    ("sing", "sang", "sung"),
    ("sink", "sank", "sunk"),
    ("sit", "sat", "sat"),
    ("sleep", "slept", "slept"),
    ("speak", "spoke", "spoken"),
    ("spend", "spent", "spent"),
    ("stand", "stood", "stood"),
    ("steal", "stole", "stolen"),
    ("stick", "stuck", "stuck"),
    ("strike", "struck", "struck"),
    ("swim", "swam", "swum"),
    ("take", "took", "taken"),
    ("teach", "taught", "taught"),
    ("tear", "tore", "torn"),
    ("tell", "told", "told"),
    ("think", "thought", "thought"),
    ("throw", "threw", "thrown"),
    ("understand", "understood", "understood"),
    ("wake", "woke", "woken"),
    ("wear", "wore", "worn"),
    ("win", "won", "won"),
    ("write", "wrote", "written"),
    ("rewrite", "rewrote", "rewritten"),
    ("override", "overrode", "overridden"),
    ("undo", "undid", "undone"),
    ("redo", "redid", "redone"),
];

/// Verbs whose past and participle are the base form.
const UNCHANGED_VERBS: &[&str] = &[
    "set",
    "reset",
    "put",
    "cut",
    "let",
    "hit",
    "cost",
    "shut",
    "split",
    "spread",
    "read",
    "quit",
    "hurt",
    "bet",
    "cast",
    "broadcast",
    "upset",
    "input",
    "output",
];

/// What the tables say about one lower-case word.
#[derive(Default, Clone, Copy)]
struct Irregular {
    /// Its irregular plural ([`IRREGULAR_PLURALS`]).
    plural: Option<&'static str>,
    /// Its irregular past and participle ([`IRREGULAR_VERBS`]).
    verb: Option<(&'static str, &'static str)>,
    /// In [`UNCHANGED_PLURALS`].
    unchanged_plural: bool,
    /// In [`UNCHANGED_VERBS`].
    unchanged_verb: bool,
}

/// The tables' entry for lower-case `word`, found in one lookup: a 100k-term glossary
/// asks for every term, and most are in none of the tables.
fn irregular(word: &str) -> Irregular {
    static TABLE: std::sync::OnceLock<
        std::collections::HashMap<&'static str, Irregular, foldhash::fast::FixedState>,
    > = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut t = std::collections::HashMap::<_, Irregular, _>::default();
        for &(sg, pl) in IRREGULAR_PLURALS {
            t.entry(sg).or_default().plural = Some(pl);
        }
        for &(base, past, part) in IRREGULAR_VERBS {
            t.entry(base).or_default().verb = Some((past, part));
        }
        for &w in UNCHANGED_PLURALS {
            t.entry(w).or_default().unchanged_plural = true;
        }
        for &w in UNCHANGED_VERBS {
            t.entry(w).or_default().unchanged_verb = true;
        }
        t
    });
    table.get(word).copied().unwrap_or_default()
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Consonant-vowel-consonant ending where the final consonant may double (`commit`,
/// `stop`, `plan`), excluding w, x, y and words ending in two vowels or two consonants.
fn doubles(w: &[u8]) -> bool {
    let n = w.len();
    if n < 3 {
        return false;
    }
    let (a, b, c) = (w[n - 3], w[n - 2], w[n - 1]);
    let cvc = !is_vowel(a) && is_vowel(b) && !is_vowel(c);
    let qu = a == b'q' && b == b'u';
    cvc && !qu && !matches!(c, b'w' | b'x' | b'y' | b'h')
}

/// Every form of `word` with its inflection, the base form first. Words that are not
/// entirely ASCII letters, and one-letter words, have only their base form; all-capitals
/// acronyms get only a plural `s` (`URL` -> `URLs`). Forms may repeat with different
/// inflections (`set`: past and participle are `set`); the first wins.
pub fn forms(word: &str) -> Vec<(String, Inflection)> {
    let mut buf = String::new();
    let mut out = Vec::new();
    forms_into(word, &mut buf, &mut out);
    out.into_iter()
        .map(|(r, i)| (buf[r].to_string(), i))
        .collect()
}

/// Words up to this long are lower-cased on the stack by [`forms_into`].
const SHORT_WORD: usize = 48;

/// The forms of `word` as [`forms`] gives them, written one after another to the end of
/// `buf`, each pushed to `out` as its byte range in `buf` and its inflection. No
/// allocation beyond `buf` and `out` growing (and a rare irregular form's capital): a
/// 100k-term glossary inflects every term.
pub fn forms_into(word: &str, buf: &mut String, out: &mut Vec<(Range<usize>, Inflection)>) {
    let first = out.len();
    let at = buf.len();
    buf.push_str(word);
    out.push((at..buf.len(), Inflection::Base));
    if word.len() < 2 || !word.bytes().all(|b| b.is_ascii_alphabetic()) {
        return;
    }
    // Append a form made of `parts`, unless this word has it already.
    let mut push = |parts: &[&str], infl: Inflection| {
        let at = buf.len();
        for p in parts {
            buf.push_str(p);
        }
        let new = at..buf.len();
        if out[first..]
            .iter()
            .any(|(r, _)| buf[r.clone()] == buf[new.clone()])
        {
            buf.truncate(at);
        } else {
            out.push((new, infl));
        }
    };
    if word.bytes().all(|b| b.is_ascii_uppercase()) {
        push(&[word, "s"], Inflection::S);
        return;
    }
    let mut short = [0u8; SHORT_WORD];
    let long;
    let lower: &str = if word.len() <= SHORT_WORD {
        let b = &mut short[..word.len()];
        b.copy_from_slice(word.as_bytes());
        b.make_ascii_lowercase();
        // ASCII letters, lower-cased: still UTF-8.
        std::str::from_utf8(b).unwrap_or(word)
    } else {
        long = word.to_ascii_lowercase();
        &long
    };
    let l = lower.as_bytes();
    let n = l.len();
    let last = l[n - 1];
    let stem = &word[..n - 1];
    // Irregular forms: keep the case of the first letter as written.
    let capital = word.as_bytes()[0].is_ascii_uppercase();
    let mut push_irregular = |form: &str, infl: Inflection| {
        if capital {
            push(&[&form[..1].to_ascii_uppercase(), &form[1..]], infl);
        } else {
            push(&[form], infl);
        }
    };
    let table = irregular(lower);
    if let Some(pl) = table.plural {
        push_irregular(pl, Inflection::S);
    }
    let irregular_verb = table.verb.is_some();
    if let Some((past, part)) = table.verb {
        push_irregular(past, Inflection::Past);
        push_irregular(part, Inflection::Participle);
    }
    let unchanged_plural = table.unchanged_plural;
    // -s / -es / -ies
    if !unchanged_plural {
        if lower.ends_with('s')
            || lower.ends_with('x')
            || lower.ends_with('z')
            || lower.ends_with("ch")
            || lower.ends_with("sh")
        {
            push(&[word, "es"], Inflection::S);
        } else if last == b'y' && !is_vowel(l[n - 2]) {
            push(&[stem, "ies"], Inflection::S);
        } else if last == b'o' && !is_vowel(l[n - 2]) {
            push(&[word, "es"], Inflection::S);
            push(&[word, "s"], Inflection::S);
        } else {
            push(&[word, "s"], Inflection::S);
        }
    }
    // -ed
    if table.unchanged_verb {
        // past and participle equal the base: nothing to add
    } else if !irregular_verb || lower == "lie" {
        if last == b'e' {
            push(&[word, "d"], Inflection::Past);
        } else if last == b'y' && !is_vowel(l[n - 2]) {
            push(&[stem, "ied"], Inflection::Past);
        } else {
            if doubles(l) {
                push(&[word, &word[n - 1..], "ed"], Inflection::Past);
            }
            if last == b'c' {
                push(&[word, "ked"], Inflection::Past);
            }
            push(&[word, "ed"], Inflection::Past);
        }
    }
    // -ing
    if lower.ends_with("ie") {
        push(&[&word[..n - 2], "ying"], Inflection::Ing);
    } else if last == b'e' && n > 2 && !matches!(l[n - 2], b'e' | b'y' | b'o') {
        push(&[stem, "ing"], Inflection::Ing);
    } else {
        if doubles(l) {
            push(&[word, &word[n - 1..], "ing"], Inflection::Ing);
        }
        if last == b'c' {
            push(&[word, "king"], Inflection::Ing);
        }
        push(&[word, "ing"], Inflection::Ing);
    }
}

/// `word` inflected as `infl`: the first generated form with that inflection, the base
/// form when there is none (`host`, S -> `hosts`; `mouse`, S -> `mice`).
pub fn inflect(word: &str, infl: Inflection) -> String {
    if infl == Inflection::Base {
        return word.to_string();
    }
    let all = forms(word);
    let wanted = |i: Inflection| all.iter().find(|(_, x)| *x == i).map(|(f, _)| f.clone());
    wanted(infl)
        .or_else(|| match infl {
            Inflection::Participle => wanted(Inflection::Past),
            Inflection::Past => wanted(Inflection::Participle),
            _ => None,
        })
        .unwrap_or_else(|| word.to_string())
}

/// `phrase` with its last word inflected as `infl` (`government agency`, S ->
/// `government agencies`).
pub fn inflect_phrase(phrase: &str, infl: Inflection) -> String {
    let (head, last) = split_last_word(phrase);
    format!("{head}{}", inflect(last, infl))
}

/// Split a phrase into everything before its last word and the last word (a run of ASCII
/// letters at the end; empty when the phrase ends otherwise).
pub fn split_last_word(phrase: &str) -> (&str, &str) {
    let start = phrase
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_alphabetic())
        .last()
        .map_or(phrase.len(), |(i, _)| i);
    phrase.split_at(start)
}

/// Give `suggestion` the capitalisation of `replaced`: all capitals stay all capitals
/// (`MAINFRAMES` -> `HOSTS`), an initial capital stays an initial capital (`Mainframes`
/// -> `Hosts`). Suggestions that carry capitals of their own are left as they are.
pub fn match_case(replaced: &str, suggestion: &str) -> String {
    if suggestion.chars().any(|c| c.is_uppercase()) {
        return suggestion.to_string();
    }
    let letters: Vec<char> = replaced.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
        return suggestion.to_uppercase();
    }
    match replaced.chars().next() {
        Some(c) if c.is_uppercase() => {
            let mut chars = suggestion.chars();
            match chars.next() {
                Some(f) => f.to_uppercase().chain(chars).collect(),
                None => String::new(),
            }
        }
        _ => suggestion.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn concat2(word: &str, suffix: &str) -> String {
        [word, suffix].concat()
    }

    /// The implementation of [`super::forms`] before [`super::forms_into`], kept as the
    /// oracle: every form of `word` with its inflection, the base form first. Words that are not
    /// entirely ASCII letters, and one-letter words, have only their base form; all-capitals
    /// acronyms get only a plural `s` (`URL` -> `URLs`). Forms may repeat with different
    /// inflections (`set`: past and participle are `set`); the first wins.
    fn forms_reference(word: &str) -> Vec<(String, Inflection)> {
        let mut out = Vec::with_capacity(6);
        out.push((word.to_string(), Inflection::Base));
        if word.len() < 2 || !word.bytes().all(|b| b.is_ascii_alphabetic()) {
            return out;
        }
        if word.bytes().all(|b| b.is_ascii_uppercase()) {
            out.push((concat2(word, "s"), Inflection::S));
            return out;
        }
        let lower = word.to_ascii_lowercase();
        let l = lower.as_bytes();
        let n = l.len();
        let last = l[n - 1];
        let stem = &word[..n - 1];
        let mut push = |s: String, i: Inflection| {
            if !out.iter().any(|(f, _)| f == &s) {
                out.push((s, i));
            }
        };
        // Irregular forms: keep the case of the first letter as written.
        let recase = |form: &str| -> String {
            if word.as_bytes()[0].is_ascii_uppercase() {
                let mut s = form[..1].to_ascii_uppercase();
                s.push_str(&form[1..]);
                s
            } else {
                form.to_string()
            }
        };
        let table = irregular(&lower);
        if let Some(pl) = table.plural {
            push(recase(pl), Inflection::S);
        }
        let irregular_verb = table.verb.is_some();
        if let Some((past, part)) = table.verb {
            push(recase(past), Inflection::Past);
            push(recase(part), Inflection::Participle);
        }
        let unchanged_plural = table.unchanged_plural;
        // -s / -es / -ies
        if !unchanged_plural {
            if lower.ends_with('s')
                || lower.ends_with('x')
                || lower.ends_with('z')
                || lower.ends_with("ch")
                || lower.ends_with("sh")
            {
                push(concat2(word, "es"), Inflection::S);
            } else if last == b'y' && !is_vowel(l[n - 2]) {
                push(concat2(stem, "ies"), Inflection::S);
            } else if last == b'o' && !is_vowel(l[n - 2]) {
                push(concat2(word, "es"), Inflection::S);
                push(concat2(word, "s"), Inflection::S);
            } else {
                push(concat2(word, "s"), Inflection::S);
            }
        }
        // -ed
        if table.unchanged_verb {
            // past and participle equal the base: nothing to add
        } else if !irregular_verb || lower == "lie" {
            if last == b'e' {
                push(concat2(word, "d"), Inflection::Past);
            } else if last == b'y' && !is_vowel(l[n - 2]) {
                push(concat2(stem, "ied"), Inflection::Past);
            } else {
                if doubles(l) {
                    push([word, &word[n - 1..], "ed"].concat(), Inflection::Past);
                }
                if last == b'c' {
                    push(concat2(word, "ked"), Inflection::Past);
                }
                push(concat2(word, "ed"), Inflection::Past);
            }
        }
        // -ing
        if lower.ends_with("ie") {
            push(concat2(&word[..n - 2], "ying"), Inflection::Ing);
        } else if last == b'e' && n > 2 && !matches!(l[n - 2], b'e' | b'y' | b'o') {
            push(concat2(stem, "ing"), Inflection::Ing);
        } else {
            if doubles(l) {
                push([word, &word[n - 1..], "ing"].concat(), Inflection::Ing);
            }
            if last == b'c' {
                push(concat2(word, "king"), Inflection::Ing);
            }
            push(concat2(word, "ing"), Inflection::Ing);
        }
        out
    }

    /// Every word the tables know, in three capitalisations, and words of every
    /// ending the rules look at.
    fn sample_words() -> Vec<String> {
        let mut words: Vec<String> = Vec::new();
        for &(a, b) in IRREGULAR_PLURALS {
            words.extend([a, b].map(String::from));
        }
        for &(a, b, c) in IRREGULAR_VERBS {
            words.extend([a, b, c].map(String::from));
        }
        words.extend(
            UNCHANGED_PLURALS
                .iter()
                .chain(UNCHANGED_VERBS)
                .map(|w| w.to_string()),
        );
        for w in [
            "host",
            "agency",
            "commit",
            "stop",
            "panic",
            "tie",
            "lie",
            "make",
            "see",
            "go",
            "echo",
            "radio",
            "box",
            "buzz",
            "match",
            "push",
            "URL",
            "a",
            "I",
            "x1",
            "e-mail",
            "naïve",
            "quit",
            "fix",
            "play",
            "toe",
            "free",
            "ab",
            "Ab",
            "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzq",
        ] {
            words.push(w.to_string());
        }
        let mut all = Vec::new();
        for w in words {
            let mut cap = w.clone();
            if let Some(f) = cap.get_mut(..1) {
                f.make_ascii_uppercase();
            }
            all.extend([w.to_ascii_uppercase(), cap, w]);
        }
        all
    }

    #[test]
    fn forms_into_agrees_with_the_reference() {
        let mut buf = String::from("prefix ");
        let mut out = Vec::new();
        for w in sample_words() {
            out.clear();
            buf.truncate(7);
            forms_into(&w, &mut buf, &mut out);
            let got: Vec<(String, Inflection)> = out
                .iter()
                .map(|(r, i)| (buf[r.clone()].to_string(), *i))
                .collect();
            assert_eq!(got, forms_reference(&w), "{w}");
            assert_eq!(&buf[..7], "prefix ");
        }
    }

    proptest::proptest! {
        #[test]
        fn forms_agree_with_the_reference(w in "[a-zA-Z]{0,60}|[a-z]{1,6}[ -é]?[a-z]{0,4}") {
            proptest::prop_assert_eq!(forms(&w), forms_reference(&w));
        }
    }

    fn has(word: &str, form: &str) -> bool {
        forms(word).iter().any(|(f, _)| f == form)
    }

    /// Every table entry is found by the one lookup `forms` makes, in lower case and
    /// capitalised.
    #[test]
    fn every_table_entry_is_used() {
        let cap = |w: &str| format!("{}{}", w[..1].to_ascii_uppercase(), &w[1..]);
        let with = |w: &str, form: &str, infl: Inflection| forms(w).contains(&(form.into(), infl));
        for &(sg, pl) in IRREGULAR_PLURALS {
            assert!(with(sg, pl, Inflection::S), "{sg}");
            assert!(with(&cap(sg), &cap(pl), Inflection::S), "{sg}");
        }
        for &(base, past, part) in IRREGULAR_VERBS {
            // A form equal to an earlier one (`become`, `become`) is that one.
            assert!(with(base, past, Inflection::Past), "{base}");
            if part != base && part != past {
                assert!(with(base, part, Inflection::Participle), "{base}");
                assert!(
                    with(&cap(base), &cap(part), Inflection::Participle),
                    "{base}"
                );
            }
        }
        for &w in UNCHANGED_PLURALS {
            assert!(forms(w).iter().all(|(_, i)| *i != Inflection::S), "{w}");
        }
        for &w in UNCHANGED_VERBS {
            assert!(forms(w).iter().all(|(_, i)| *i != Inflection::Past), "{w}");
        }
        // Not in any table: only regular forms.
        assert_eq!(
            forms("host")
                .iter()
                .map(|(f, _)| f.as_str())
                .collect::<Vec<_>>(),
            ["host", "hosts", "hosted", "hosting"]
        );
    }

    #[test]
    fn regular_forms() {
        for (w, f) in [
            ("host", "hosts"),
            ("agency", "agencies"),
            ("box", "boxes"),
            ("branch", "branches"),
            ("commit", "committed"),
            ("commit", "committing"),
            ("commit", "commits"),
            ("use", "used"),
            ("use", "using"),
            ("copy", "copied"),
            ("play", "played"),
            ("play", "plays"),
            ("stop", "stopped"),
            ("visit", "visited"),
            ("die", "dying"),
            ("hero", "heroes"),
            ("panic", "panicked"),
            ("URL", "URLs"),
            ("Host", "Hosts"),
        ] {
            assert!(has(w, f), "{w} -> {f}: {:?}", forms(w));
        }
    }

    #[test]
    fn irregular_forms() {
        for (w, f) in [
            ("child", "children"),
            ("index", "indices"),
            ("index", "indexes"),
            ("write", "wrote"),
            ("write", "written"),
            ("make", "made"),
            ("leaf", "leaves"),
        ] {
            assert!(has(w, f), "{w} -> {f}: {:?}", forms(w));
        }
        assert!(!has("set", "setted"));
        assert!(!has("malware", "malwares"));
    }

    #[test]
    fn derived_words_are_never_forms() {
        for (w, f) in [
            ("attack", "attacker"),
            ("host", "hostile"),
            ("host", "hostel"),
            ("commit", "commitment"),
            ("use", "user"),
            ("use", "useful"),
            ("ally", "alliance"),
        ] {
            assert!(!has(w, f), "{w} -> {f}");
        }
        assert_eq!(forms("CNCERT/CC").len(), 1);
        assert_eq!(forms("39").len(), 1);
    }

    #[test]
    fn inflects_suggestions() {
        assert_eq!(inflect("host", Inflection::S), "hosts");
        assert_eq!(inflect("mouse", Inflection::S), "mice");
        assert_eq!(inflect("write", Inflection::Participle), "written");
        assert_eq!(inflect("commit", Inflection::Past), "committed");
        assert_eq!(
            inflect_phrase("government agency", Inflection::S),
            "government agencies"
        );
        assert_eq!(inflect_phrase("APT-C-39", Inflection::S), "APT-C-39");
        assert_eq!(match_case("Mainframes", "hosts"), "Hosts");
        assert_eq!(match_case("MAINFRAMES", "hosts"), "HOSTS");
        assert_eq!(match_case("mainframes", "hosts"), "hosts");
        assert_eq!(match_case("the CIA", "NATO"), "NATO");
    }
}
