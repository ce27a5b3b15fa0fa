//! English inflection by generated forms (not stemming).
//!
//! A glossary term matches its inflected forms only through the forms generated here for
//! its last word: regular plural and third person (`host` -> `hosts`, `agency` ->
//! `agencies`, `box` -> `boxes`), past and participle (`commit` -> `committed`, `use` ->
//! `used`, `copy` -> `copied`), `-ing` (`make` -> `making`), and irregular forms from a
//! table (`child` -> `children`, `index` -> `indices`, `write` -> `wrote`/`written`).
//! Derived words are never generated, so `attacker` never matches `attack` and `hostile`
//! never matches `host`, which a stemmer cannot promise.

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

/// Append `suffix` to `word`, upper-casing it when the word is an all-capitals acronym
/// of more than one letter written without a lower-case letter (`URL` + `s` stays `URLs`).
fn join(word: &str, suffix: &str) -> String {
    // One exact allocation; `format!` costs several times more, for every term of a
    // 100k-row glossary.
    [word, suffix].concat()
}

/// Every form of `word` with its inflection, the base form first. Words that are not
/// entirely ASCII letters, and one-letter words, have only their base form; all-capitals
/// acronyms get only a plural `s` (`URL` -> `URLs`). Forms may repeat with different
/// inflections (`set`: past and participle are `set`); the first wins.
pub fn forms(word: &str) -> Vec<(String, Inflection)> {
    let mut out = Vec::with_capacity(6);
    out.push((word.to_string(), Inflection::Base));
    if word.len() < 2 || !word.bytes().all(|b| b.is_ascii_alphabetic()) {
        return out;
    }
    if word.bytes().all(|b| b.is_ascii_uppercase()) {
        out.push((join(word, "s"), Inflection::S));
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
    for (sg, pl) in IRREGULAR_PLURALS {
        if lower == *sg {
            push(recase(pl), Inflection::S);
        }
    }
    let mut irregular_verb = false;
    for (base, past, part) in IRREGULAR_VERBS {
        if lower == *base {
            irregular_verb = true;
            push(recase(past), Inflection::Past);
            push(recase(part), Inflection::Participle);
        }
    }
    let unchanged_plural = UNCHANGED_PLURALS.contains(&lower.as_str());
    // -s / -es / -ies
    if !unchanged_plural {
        if lower.ends_with('s')
            || lower.ends_with('x')
            || lower.ends_with('z')
            || lower.ends_with("ch")
            || lower.ends_with("sh")
        {
            push(join(word, "es"), Inflection::S);
        } else if last == b'y' && !is_vowel(l[n - 2]) {
            push(join(stem, "ies"), Inflection::S);
        } else if last == b'o' && !is_vowel(l[n - 2]) {
            push(join(word, "es"), Inflection::S);
            push(join(word, "s"), Inflection::S);
        } else {
            push(join(word, "s"), Inflection::S);
        }
    }
    // -ed
    if UNCHANGED_VERBS.contains(&lower.as_str()) {
        // past and participle equal the base: nothing to add
    } else if !irregular_verb || lower == "lie" {
        if last == b'e' {
            push(join(word, "d"), Inflection::Past);
        } else if last == b'y' && !is_vowel(l[n - 2]) {
            push(join(stem, "ied"), Inflection::Past);
        } else {
            if doubles(l) {
                push([word, &word[n - 1..], "ed"].concat(), Inflection::Past);
            }
            if last == b'c' {
                push(join(word, "ked"), Inflection::Past);
            }
            push(join(word, "ed"), Inflection::Past);
        }
    }
    // -ing
    if lower.ends_with("ie") {
        push(join(&word[..n - 2], "ying"), Inflection::Ing);
    } else if last == b'e' && n > 2 && !matches!(l[n - 2], b'e' | b'y' | b'o') {
        push(join(stem, "ing"), Inflection::Ing);
    } else {
        if doubles(l) {
            push([word, &word[n - 1..], "ing"].concat(), Inflection::Ing);
        }
        if last == b'c' {
            push(join(word, "king"), Inflection::Ing);
        }
        push(join(word, "ing"), Inflection::Ing);
    }
    out
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

    fn has(word: &str, form: &str) -> bool {
        forms(word).iter().any(|(f, _)| f == form)
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
