//! Numbers in Chinese and English (and generic Latin-script) text, with their values and
//! spans: Arabic and full-width digits, thousands separators, decimals, percentages,
//! Chinese numerals (三, 十一, 两, 一百二十, 二〇二〇), the scales 万, 亿, 兆 and
//! `million`/`billion`, English number words, ordinals, years, months, weekdays, decades,
//! ranges (3至5, 七八个, 5至10万), 三成 = 30 %, 打八折 = 20 % off, 百分之五 = 5 %.
//!
//! Two modes. [`Mode::Strict`] is for the side whose numbers must be found elsewhere (the
//! source): only what is certainly a number is returned, so words that merely contain a
//! numeral (一些, 进一步, 万一, 千万, 两岸, 统一, 十分重要) are left out, and a single Chinese
//! numeral counts only with a measure word, a 第/前 before it, or nothing Chinese around it.
//! [`Mode::Lenient`] is for the side searched (the target): numerals are taken wherever they
//! could mean a number (双 = 2, both = 2, 首 = 1st), since an extra number costs nothing.
//!
//! Numbers inside identifiers and placeholders (`APT-C-39`, `x86_64`, `COVID-19`, `IPv6`,
//! `UTF-8`, `%1$s`, URLs) are not numbers: they are skipped on both sides.
//!
//! A word-written one (一个, `one`, `once`, 第一) is [`Number::weak`]: Chinese and English use
//! it as an article (一个联盟 = `an alliance`; `one of` = 之一), so it is used for matching
//! but never required.

use std::ops::Range;

use crate::lang::protect::{protected_spans, Protected};
use crate::lang::script::is_han;
use crate::lang::Lang;

/// What a number counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberKind {
    /// A plain quantity.
    Cardinal,
    /// A rank: 第三, `third`, `3rd`, 前三 (`top three`).
    Ordinal,
    /// A percentage (5 %, 百分之五, 三成 = 30 %, 个百分点).
    Percent,
    /// A year (2020年).
    Year,
    /// A month (7月, `July`).
    Month,
    /// A day of the week, Monday = 1 (星期一, 周日 = 7).
    Weekday,
    /// A decade: 90年代 = `the 1990s` (value 1990).
    Decade,
    /// A fraction (三分之一).
    Fraction,
}

/// How generously to read numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Only what is certainly a number (the side whose numbers must be found).
    Strict,
    /// Whatever may be a number (the side searched).
    Lenient,
}

/// One number found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Number {
    /// Byte range in the text.
    pub span: Range<usize>,
    /// The value (for 5.2万: 52000; for a percentage: the number of percent).
    pub value: f64,
    /// Another admissible reading (the unscaled 5 of 5至10万, the 90 of 90年代).
    pub alt: Option<f64>,
    /// What it counts.
    pub kind: NumberKind,
    /// The size of the last written digit, in value units (5.31 million: 10000): the
    /// rounding a translation may apply.
    pub precision: f64,
    /// Written with a scale word (万, 亿, million): rounding to the precision is admitted.
    pub scaled: bool,
    /// The multiplier of that scale word (1 when none): 1e4 for 万, 1e6 for `million`.
    pub scale: f64,
    /// A word-written one: matched where possible, never required.
    pub weak: bool,
    /// 一个 / 一個 / `a`: a one that is most likely an article.
    pub article: bool,
}

impl Number {
    fn new(span: Range<usize>, value: f64, kind: NumberKind) -> Number {
        Number {
            span,
            value,
            alt: None,
            kind,
            precision: 1.0,
            scaled: false,
            scale: 1.0,
            weak: false,
            article: false,
        }
    }

    /// Whether `other` may stand for this number (same value, within rounding when either
    /// side is written with a scale word).
    pub fn matches(&self, other: &Number) -> bool {
        self.exact_match(other) || self.rounded_match(other)
    }

    /// Same value, or same alternative reading.
    pub fn exact_match(&self, other: &Number) -> bool {
        let mine = std::iter::once(self.value).chain(self.alt);
        mine.into_iter().any(|a| {
            std::iter::once(other.value)
                .chain(other.alt)
                .any(|b| close(a, b, 0.0))
        })
    }

    /// Equal within the coarser precision of the two (5.31 million ~ 5.3 million).
    pub fn rounded_match(&self, other: &Number) -> bool {
        if !(self.scaled || other.scaled) {
            return false;
        }
        let tol = 0.5 * self.precision.max(other.precision);
        close(self.value, other.value, tol)
    }
}

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol + 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// Whether `lang` (or, when unknown, the text itself) calls for English number words.
fn english_words(lang: Option<&Lang>) -> bool {
    lang.map_or(true, |l| l.is_english() || l.is_chinese())
}

/// Build what [`extract`] builds on first use (the protected-span search, the table of
/// words that are not numbers), where a core would otherwise be idle.
pub fn prewarm() {
    crate::lang::protect::prewarm();
    let _ = not_numbers_with('一');
}

/// The numbers of `text`, in order of position. `lang` is the text's language where known
/// (it decides English number words and the meaning of 兆).
pub fn extract(text: &str, lang: Option<&Lang>, mode: Mode) -> Vec<Number> {
    if !may_hold_number(text, english_words(lang), mode) {
        return Vec::new();
    }
    // (This runs twice on every segment of a corpus.)
    crate::lang::script::with_char_indices(text, |chars| {
        extract_with_chars(text, chars, lang, mode)
    })
}

/// [`extract`] on `text` whose `char_indices` are `chars`.
fn extract_with_chars(
    text: &str,
    chars: &[(usize, char)],
    lang: Option<&Lang>,
    mode: Mode,
) -> Vec<Number> {
    let protected = protected_spans(text);
    let trad = lang.is_some_and(|l| l.is_traditional_chinese());
    let words = english_words(lang);
    let mut sc = Scanner {
        text,
        chars,
        out: Vec::new(),
        mode,
        trad,
    };
    let mut i = 0;
    let mut prot = protected.iter().peekable();
    while i < chars.len() {
        let at = chars[i].0;
        while prot.peek().is_some_and(|(r, _)| r.end <= at) {
            prot.next();
        }
        if let Some((r, kind)) = prot.peek() {
            if r.start <= at {
                // Skip a protected span; a path or option may still hold a plain number
                // only when it is a whole `--option=3` value: keep it simple, skip it all.
                let _ = kind;
                let end = r.end;
                while i < chars.len() && chars[i].0 < end {
                    i += 1;
                }
                continue;
            }
        }
        let c = chars[i].1;
        let next = if is_digit(c) {
            sc.digits(i)
        } else if is_han_numeral(c) || c == '第' || c == '前' || c == '百' {
            sc.han(i)
        } else if c.is_ascii_alphabetic() && words && (i == 0 || !is_word_char(chars[i - 1].1)) {
            sc.word(i)
        } else if matches!(c, '日' | '天') && sc.weekday_prefix(i) {
            let mut n = Number::new(chars[i].0..sc.byte(i + 1), 7.0, NumberKind::Weekday);
            n.precision = 1.0;
            sc.out.push(n);
            Some(i + 1)
        } else if mode == Mode::Lenient
            && matches!(c, '双' | '俩' | '首')
            && !text[chars[i].0..].starts_with("双击")
            && !text[chars[i].0..].starts_with("雙擊")
        {
            sc.lenient_han(i)
        } else {
            None
        };
        match next {
            Some(n) if n > i => i = n,
            _ => i += 1,
        }
    }
    let mut out = sc.out;
    distribute_scales(text, &mut out);
    // A number glossed in words, `0 (zero)`, `3（三）`, is one number.
    for k in 1..out.len() {
        let between = &text[out[k - 1].span.end.min(out[k].span.start)..out[k].span.start];
        if matches!(between.trim(), "(" | "（") && out[k - 1].value == out[k].value {
            out[k].weak = true;
        }
    }
    // A number that starts inside a placeholder or URL is none; one whose `%` merely
    // looks like the start of a placeholder (`30% of`) stays.
    out.retain(|n| {
        !protected.iter().any(|(r, k)| {
            *k != Protected::Identifier && r.start <= n.span.start && n.span.start < r.end
        })
    });
    out
}

/// Whether the scan of [`extract_with_chars`] could push anything on `text`: exact, in
/// that `false` means it finds no number. Every number starts at a digit, a Chinese
/// numeral (第, 前 and 百分之 need one after them), 日/天 after 星期, 礼拜 or 周, a lenient
/// 双/俩/首, or (when `words`) an English word that is a number word, a scale or `dozen`
/// (what `a`/`an` must lead), `twice`, a lenient extra, a month or a weekday. Most texts
/// hold none of these (about nine in ten English messages of the zh_CN catalogs), and
/// then neither the character table nor the protected spans are computed.
fn may_hold_number(text: &str, words: bool, mode: Mode) -> bool {
    let bytes = text.as_bytes();
    // An ASCII digit anywhere decides at once (a vectorised pass); the walk below then
    // meets none.
    if has_ascii_digit(bytes) {
        return true;
    }
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_alphabetic() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
                i += 1;
            }
            // The shape test first: most words are no number word, and need no slicing.
            if words
                && shape_may_be_number_word(b, bytes[i - 1], i - start)
                && is_number_word(&text[start..i])
            {
                return true;
            }
            continue;
        }
        if b < 0x80 {
            i += 1;
            continue;
        }
        let c = text[i..].chars().next().unwrap_or('\0');
        let hit = is_digit(c)
            || is_han_numeral(c)
            || (mode == Mode::Lenient && matches!(c, '双' | '俩' | '首'))
            || (matches!(c, '日' | '天') && text[..i].ends_with(['期', '拜', '周', '週']));
        if hit {
            return true;
        }
        i += c.len_utf8().max(1);
    }
    false
}

/// Whether `bytes` holds an ASCII digit: sixteen bytes at a time, each block tested as a
/// whole (which the compiler vectorises; `iter().any`, stopping at each byte, it did not:
/// this test was a quarter of the time `extract` spent on texts without numbers).
#[inline]
fn has_ascii_digit(bytes: &[u8]) -> bool {
    let mut blocks = bytes.chunks_exact(16);
    for block in &mut blocks {
        if block
            .iter()
            .fold(false, |any, &b| any | (b.wrapping_sub(b'0') < 10))
        {
            return true;
        }
    }
    blocks.remainder().iter().any(u8::is_ascii_digit)
}

/// Whether the whole ASCII word `w` may be (or lead) a number in [`Scanner::word`]: a
/// superset of the words it reads (any case; months and weekdays as written).
fn is_number_word(w: &str) -> bool {
    may_be_number_word(w) && is_number_word_unfiltered(w)
}

/// [`is_number_word`] without the [`may_be_number_word`] shortcut. Its words, months and
/// weekdays are those of [`NUMBER_WORD_FORMS`] (keep the two in step).
fn is_number_word_unfiltered(w: &str) -> bool {
    if w.len() > 16 {
        return false;
    }
    if w.starts_with(|c: char| c.is_ascii_uppercase())
        && (month(w).is_some() || weekday(w).is_some())
    {
        return true;
    }
    // No number word is shorter than three letters but `a`/`an`, which lead only a
    // following `hundred`, `dozen`... (themselves number words).
    if w.len() < 3 {
        return false;
    }
    let mut buf = [0u8; 16];
    let lw = ascii_lower(w, &mut buf);
    // One `match` (compiled to a switch on the length, then comparisons) instead of the
    // lookups of `unit_word`, `ordinal_word` and `scale_word`, which the test below
    // checks against it.
    #[rustfmt::skip]
    let hit = matches!(
        lw,
        "zero" | "one" | "two" | "three" | "four" | "five" | "six" | "seven" | "eight"
            | "nine" | "ten" | "eleven" | "twelve" | "thirteen" | "fourteen" | "fifteen"
            | "sixteen" | "seventeen" | "eighteen" | "nineteen" | "twenty" | "thirty"
            | "forty" | "fifty" | "sixty" | "seventy" | "eighty" | "ninety" | "zeroth"
            | "first" | "second" | "third" | "fourth" | "fifth" | "sixth" | "seventh"
            | "eighth" | "ninth" | "tenth" | "eleventh" | "twelfth" | "thirteenth"
            | "fourteenth" | "fifteenth" | "sixteenth" | "seventeenth" | "eighteenth"
            | "nineteenth" | "twentieth" | "thirtieth" | "fortieth" | "fiftieth"
            | "sixtieth" | "seventieth" | "eightieth" | "ninetieth" | "hundredth"
            | "hundred" | "thousand" | "million" | "billion" | "trillion" | "dozen"
            | "twice" | "thrice" | "both" | "double" | "pair" | "dual" | "single" | "once"
            | "half" | "triple"
    );
    hit
}

/// Every word [`is_number_word`] accepts, in lower case: its number words, and the months
/// and weekdays (full and abbreviated) it accepts capitalised.
#[rustfmt::skip]
const NUMBER_WORD_FORMS: &[&str] = &[
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    "zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
    "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth",
    "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth", "thirtieth",
    "fortieth", "fiftieth", "sixtieth", "seventieth", "eightieth", "ninetieth", "hundredth",
    "hundred", "thousand", "million", "billion", "trillion", "dozen", "twice", "thrice",
    "both", "double", "pair", "dual", "single", "once", "half", "triple",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
];

/// For each pair of first and last letter (lower case, `a`-`z`), the lengths (bit `n`
/// for `n` letters) of the words of [`NUMBER_WORD_FORMS`] with them.
const NUMBER_WORD_SHAPES: [u32; 26 * 26] = {
    let mut table = [0u32; 26 * 26];
    let mut k = 0;
    while k < NUMBER_WORD_FORMS.len() {
        let w = NUMBER_WORD_FORMS[k].as_bytes();
        let slot = (w[0] - b'a') as usize * 26 + (w[w.len() - 1] - b'a') as usize;
        table[slot] |= 1 << w.len();
        k += 1;
    }
    table
};

/// A cheap test that [`is_number_word`] is worth asking about the ASCII word `w` (of at
/// most 16 letters): `false` only when no number word, month or weekday has its first
/// letter, last letter and length, whatever the case. Most English words fail it.
fn may_be_number_word(w: &str) -> bool {
    let b = w.as_bytes();
    let (Some(&first), Some(&last)) = (b.first(), b.last()) else {
        return false;
    };
    shape_may_be_number_word(first, last, b.len())
}

/// [`may_be_number_word`] for a word of `len` bytes from `first` to `last`.
fn shape_may_be_number_word(first: u8, last: u8, len: usize) -> bool {
    if !first.is_ascii_alphabetic() || !last.is_ascii_alphabetic() || len > 16 {
        return true;
    }
    let slot = (first.to_ascii_lowercase() - b'a') as usize * 26
        + (last.to_ascii_lowercase() - b'a') as usize;
    NUMBER_WORD_SHAPES[slot] & (1 << len) != 0
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

fn digit_val(c: char) -> u32 {
    if c.is_ascii_digit() {
        c as u32 - '0' as u32
    } else {
        c as u32 - '０' as u32
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// A Chinese numeral digit (0..9, 两).
fn han_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' => 0,
        '一' | '壹' => 1,
        '二' | '贰' | '貳' => 2,
        '两' | '兩' => 2,
        '三' | '叁' | '參' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' | '陸' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

/// A Chinese numeral unit: 十 百 千 (small), 万 亿 兆 (large).
fn han_unit(c: char) -> Option<f64> {
    Some(match c {
        '十' | '拾' => 10.0,
        '百' | '佰' => 100.0,
        '千' | '仟' => 1000.0,
        '万' | '萬' => 1e4,
        '亿' | '億' => 1e8,
        '兆' => 1e12,
        _ => return None,
    })
}

fn is_han_numeral(c: char) -> bool {
    han_digit(c).is_some() || han_unit(c).is_some() || c == '廿' || c == '卅'
}

/// Measure words and units that make a preceding numeral a number (longest first where
/// one is a prefix of another).
#[rustfmt::skip]
const MEASURES: &[&str] = &[
    "小时", "分钟", "秒钟", "星期", "礼拜", "字节", "位元组", "位元組", "比特", "字符", "美元", "英镑", "欧元", "日元", "公里",
    "千米", "厘米", "毫米", "英里", "英寸", "公斤", "千克", "百分点", "个月", "季度", "像素", "线程", "核心", "进程", "世纪",
    "年代", "个", "個", "位", "名", "台", "次", "年", "月", "日", "天", "号", "時", "时", "分", "秒", "周", "週",
    "岁", "歲", "种", "種", "项", "項", "条", "條", "件", "家", "份", "倍", "层", "層", "级", "級", "步", "行",
    "列", "页", "頁", "章", "节", "節", "本", "张", "張", "把", "只", "隻", "组", "組", "对", "對", "套", "部",
    "批", "类", "類", "代", "字", "元", "块", "塊", "米", "克", "吨", "噸", "升", "度", "点", "點", "段", "遍",
    "轮", "輪", "局", "场", "場", "支", "根", "颗", "顆", "粒", "片", "座", "所", "间", "間", "辆", "輛", "架",
    "艘", "篇", "首", "句", "处", "處", "笔", "筆", "口", "届", "屆", "任", "人", "国", "國", "大", "例", "票",
    "声", "聲", "番", "回", "趟", "门", "門", "幅", "副", "股", "头", "頭", "匹", "栋", "棟", "户", "戶", "扇",
    "封", "则", "則", "款", "道", "题", "題", "格", "帧", "幀", "核", "期", "卷", "册", "冊", "集", "版", "环",
    "環", "季", "刻", "宗", "起", "阶", "階", "档", "檔", "者", "方", "面", "成", "折", "维", "維",
];

/// Words that contain a numeral but are not numbers.
#[rustfmt::skip]
const NOT_NUMBERS: &[&str] = &[
    "一些", "一起", "一直", "一般", "一样", "一樣", "一定", "一切", "一致", "一旦", "一下", "一律", "一并", "一併", "一同",
    "一向", "一边", "一邊", "一面", "一时", "一時", "一再", "一味", "一体", "一體", "一方面", "一带一路", "一帶一路", "统一",
    "統一", "唯一", "同一", "单一", "單一", "逐一", "万一", "萬一", "两岸", "兩岸", "进一步", "進一步", "不一", "专一", "一流",
    "一系列", "一连串", "一貫", "一贯", "一概", "一举", "一舉", "一手", "十分", "万分", "萬分", "百分比", "三角", "二进制",
    "二進制", "八进制", "十进制", "十六进制", "四处", "四處", "四周", "万物", "百姓", "百科", "一一", "三三两两", "五花八门",
    "乱七八糟", "七嘴八舌", "一五一十", "十全十美", "千方百计", "一无所", "一無所", "一丝", "一絲", "一旁", "一度", "一番", "一再",
    "一路", "一味", "一道", "万维网", "萬維網", "一心", "一身", "一目了然", "数一数", "之一", "第一时间", "一口气", "一会", "一會",
    "不三不四", "三心二意", "一模一样", "千千万万", "万万", "萬萬", "百货", "千兆", "一对一", "点对点", "一键", "一鍵", "十字",
    "一点", "一點", "一些", "有些", "一半", "百万富翁", "九州", "五金", "一行", "一經", "一经", "一刀切", "一席", "两者", "兩者",
    "一致性", "四舍五入", "四捨五入", "一元", "十足", "百般", "千古", "万能", "萬能", "千里", "一团", "一團",
];

/// A word of [`NOT_NUMBERS`] with its searcher, built once.
type NotNumber = (&'static str, memchr::memmem::Finder<'static>);

/// The words of [`NOT_NUMBERS`] that contain `c`, with their searchers (a map built once:
/// a searcher made for every search cost more than the search).
fn not_numbers_with(c: char) -> Option<&'static [NotNumber]> {
    type Map = std::collections::HashMap<char, Vec<NotNumber>, foldhash::fast::FixedState>;
    static MAP: std::sync::OnceLock<Map> = std::sync::OnceLock::new();
    let map = MAP.get_or_init(|| {
        let mut map = Map::default();
        for w in NOT_NUMBERS {
            let mut seen: Vec<char> = Vec::new();
            for c in w.chars() {
                if !seen.contains(&c) {
                    seen.push(c);
                    map.entry(c)
                        .or_default()
                        .push((*w, memchr::memmem::Finder::new(w.as_bytes())));
                }
            }
        }
        map
    });
    map.get(&c).map(Vec::as_slice)
}

/// Chinese compounds ending in 约 that are not the hedge 约 (北约 = NATO, 纽约 = New York).
#[rustfmt::skip]
const YUE_WORDS: &[&str] = &[
    "北约", "北約", "纽约", "紐約", "条约", "條約", "公约", "公約", "合约", "合約", "预约", "預約", "节约", "節約", "契约",
    "契約", "签约", "簽約", "违约", "違約", "履约", "邀约", "盟约", "婚约", "制约", "制約", "隐约", "隱約", "相约", "特约",
    "失约", "赴约", "爽约", "誓约", "和约", "租约", "立约", "缔约", "毁约", "解约", "守约", "应约", "简约", "簡約", "集约",
    "要约", "规约", "規約", "大约", "大約",
];

struct Scanner<'a> {
    text: &'a str,
    chars: &'a [(usize, char)],
    out: Vec<Number>,
    mode: Mode,
    trad: bool,
}

impl Scanner<'_> {
    fn byte(&self, i: usize) -> usize {
        self.chars.get(i).map_or(self.text.len(), |c| c.0)
    }

    fn ch(&self, i: usize) -> Option<char> {
        self.chars.get(i).map(|c| c.1)
    }

    fn rest(&self, i: usize) -> &str {
        &self.text[self.byte(i)..]
    }

    fn before(&self, i: usize) -> &str {
        &self.text[..self.byte(i)]
    }

    /// Whether char `i` follows 星期, 礼拜 or 周 (a weekday).
    fn weekday_prefix(&self, i: usize) -> bool {
        let b = self.before(i);
        ["星期", "礼拜", "禮拜", "周", "週"]
            .iter()
            .any(|p| b.ends_with(p))
    }

    /// Whether a word of `NOT_NUMBERS` covers char `i`.
    fn in_not_number(&self, i: usize) -> bool {
        // The longest word is four characters: look four characters either side.
        let lo = self.byte(i.saturating_sub(4));
        let hi = self.byte((i + 5).min(self.chars.len()));
        let at = self.byte(i);
        let hay = &self.text[lo..hi];
        // A word that covers the character at `i` contains it: only those are searched.
        let Some(words) = self.ch(i).and_then(not_numbers_with) else {
            return false;
        };
        // `find_iter`, like `match_indices`, finds the occurrences that do not overlap,
        // from the left.
        words.iter().any(|(w, finder)| {
            finder
                .find_iter(hay.as_bytes())
                .any(|p| lo + p <= at && at < lo + p + w.len())
        })
    }

    /// Arabic digits starting at char `i`. Returns the char index after the number.
    fn digits(&mut self, i: usize) -> Option<usize> {
        let chars = self.chars;
        // Digits glued to a letter before (IPv6, x86, P2P, MP3) belong to an identifier;
        // so do digits after `letter-` or `letter_` (APT-C-39, COVID-19, UTF-8, SHA-256).
        if i > 0 {
            let p = chars[i - 1].1;
            // 4x6 is two numbers; 0x1F is hexadecimal
            let dimension = matches!(p, 'x' | 'X')
                && i > 1
                && is_digit(chars[i - 2].1)
                && !(chars[i - 2].1 == '0' && (i == 2 || !is_digit(chars[i - 3].1)));
            if p.is_ascii_alphabetic() && !dimension
                || p == '_'
                || p == '.' && i > 1 && is_word_char(chars[i - 2].1) && !is_digit(chars[i - 2].1)
            {
                return Some(skip_token(chars, i));
            }
            if (p == '-' || p == '/') && i > 1 && chars[i - 2].1.is_ascii_alphabetic() {
                return Some(skip_token(chars, i));
            }
            if p == '#' && i > 1 && chars[i - 2].1.is_ascii_alphabetic() {
                return Some(skip_token(chars, i));
            }
        }
        let mut j = i;
        let mut int = String::new();
        let mut frac = String::new();
        while j < chars.len() {
            let c = chars[j].1;
            if is_digit(c) {
                int.push(char::from_digit(digit_val(c), 10).unwrap_or('0'));
                j += 1;
            } else if c == ',' && int.len() <= 3 * 10 && group_of_three(chars, j + 1) {
                // thousands separator: exactly three digits follow, then no digit
                j += 1;
            } else {
                break;
            }
        }
        // Version-like runs 1.2.3, dates 2020.07.20, IP addresses: separate integers.
        let dot = |k: usize| matches!(chars.get(k).map(|c| c.1), Some('.') | Some('．'));
        if dot(j) && chars.get(j + 1).is_some_and(|c| is_digit(c.1)) {
            let mut k = j + 1;
            while k < chars.len() && is_digit(chars[k].1) {
                k += 1;
            }
            if dot(k) && chars.get(k + 1).is_some_and(|c| is_digit(c.1)) {
                // a dotted run: each part its own integer
                self.push_int(i, j, &int);
                let mut s = j + 1;
                loop {
                    let mut e = s;
                    let mut part = String::new();
                    while e < chars.len() && is_digit(chars[e].1) {
                        part.push(char::from_digit(digit_val(chars[e].1), 10).unwrap_or('0'));
                        e += 1;
                    }
                    self.push_int(s, e, &part);
                    if dot(e) && chars.get(e + 1).is_some_and(|c| is_digit(c.1)) {
                        s = e + 1;
                    } else {
                        return Some(e);
                    }
                }
            }
            for c in &chars[j + 1..k] {
                frac.push(char::from_digit(digit_val(c.1), 10).unwrap_or('0'));
            }
            j = k;
        }
        // Glued letters after: an identifier (5ab, 3D, 0x1F) unless a unit or suffix.
        let mut value: f64 = format!("{int}.{}", if frac.is_empty() { "0" } else { &frac })
            .parse()
            .ok()?;
        let mut precision = 10f64.powi(-(frac.len() as i32));
        let mut kind = NumberKind::Cardinal;
        let mut alt = None;
        let mut scaled = false;
        let mut scale = 1.0;
        let start = i;
        let mut end = j;
        let dimension = matches!(self.ch(j), Some('x' | 'X'))
            && self.ch(j + 1).is_some_and(is_digit)
            && int != "0";
        if let Some(c) = self.ch(j).filter(|_| !dimension) {
            if c.is_ascii_alphabetic() {
                let mut k = j;
                while k < chars.len() && chars[k].1.is_ascii_alphanumeric() {
                    k += 1;
                }
                let suffix: String = chars[j..k].iter().map(|c| c.1).collect();
                let low = suffix.to_ascii_lowercase();
                if matches!(low.as_str(), "st" | "nd" | "rd" | "th") && frac.is_empty() {
                    kind = NumberKind::Ordinal;
                    end = k;
                } else if low == "s"
                    && frac.is_empty()
                    && (int.len() == 4 || int.len() == 2)
                    && value % 10.0 == 0.0
                {
                    kind = NumberKind::Decade;
                    if int.len() == 2 {
                        alt = Some(value);
                        value += 1900.0;
                    }
                    end = k;
                } else if is_unit_suffix(&low) {
                    // 100MB, 5ms, 64bit: the number, with its unit
                } else {
                    return Some(skip_token(chars, i));
                }
            }
        }
        // Negative sign: `-1` at a word start.
        let neg = i > 0
            && chars[i - 1].1 == '-'
            && (i == 1
                || !(chars[i - 2].1.is_ascii_alphanumeric()
                    || matches!(chars[i - 2].1, '_' | ')' | ']' | '-')));
        let start = if neg {
            value = -value;
            start - 1
        } else {
            start
        };
        // Percent and scale words after.
        let rest = self.rest(end);
        let trimmed = rest.trim_start_matches([' ', '\u{a0}']);
        let gap = rest.len() - trimmed.len();
        let mut after = end;
        if let Some(r) = strip_any(rest, &["%", "％", "个百分点", "個百分點", "百分点"])
        {
            kind = NumberKind::Percent;
            after = self.char_at_byte(self.byte(end) + rest.len() - r.len());
        } else if let Some(r) = strip_ci(
            trimmed,
            &[
                "percentage points",
                "percentage point",
                "percent",
                "per cent",
            ],
        ) {
            kind = NumberKind::Percent;
            after = self.char_at_byte(self.byte(end) + gap + trimmed.len() - r.len());
        } else if let Some((mult, r)) = english_scale(trimmed) {
            if gap > 0 || trimmed.starts_with('-') {
                precision *= mult;
                value *= mult;
                scaled = true;
                scale = mult;
                after = self.char_at_byte(self.byte(end) + gap + trimmed.len() - r.len());
            }
        } else if let Some((mult, len)) = self.han_scale(end).or_else(|| {
            // `20 亿`: a space before the scale
            (self.ch(end) == Some(' ') && self.ch(end + 1).is_some_and(|c| "万萬亿億".contains(c)))
                .then(|| self.han_scale(end + 1).map(|(m, l)| (m, l + 1)))
                .flatten()
        }) {
            precision *= mult;
            value *= mult;
            scaled = true;
            scale = mult;
            after = end + len;
        }
        // Chinese suffixes: 年 月 日 年代 成 折.
        let suffix = self.rest(after);
        if kind == NumberKind::Cardinal && !scaled {
            if suffix.starts_with("年代") {
                kind = NumberKind::Decade;
                if value < 100.0 && value % 10.0 == 0.0 {
                    alt = Some(value);
                    value += 1900.0;
                }
                after += 2;
            } else if suffix.starts_with('年') && int.len() == 4 && frac.is_empty() {
                kind = NumberKind::Year;
            } else if suffix.starts_with('月')
                && !suffix.starts_with("月份")
                && (1.0..=12.0).contains(&value)
                && frac.is_empty()
            {
                kind = NumberKind::Month;
            } else if suffix.starts_with('成')
                && value <= 10.0
                && !suffix.starts_with("成员")
                && !suffix.starts_with("成功")
            {
                kind = NumberKind::Percent;
                alt = Some(value);
                value *= 10.0;
                after += 1;
            } else if suffix.starts_with('折') && self.before(start).ends_with('打') {
                kind = NumberKind::Percent;
                alt = Some(value);
                value = 100.0 - value * 10.0;
                after += 1;
            }
        }
        if self.before(start).ends_with('第') {
            kind = NumberKind::Ordinal;
        }
        self.out.push(Number {
            span: self.byte(start)..self.byte(after),
            value,
            alt,
            kind,
            precision,
            scaled,
            scale,
            weak: false,
            article: false,
        });
        Some(after.max(end))
    }

    fn push_int(&mut self, s: usize, e: usize, digits: &str) {
        if let Ok(v) = digits.parse::<f64>() {
            self.out.push(Number::new(
                self.byte(s)..self.byte(e),
                v,
                NumberKind::Cardinal,
            ));
        }
    }

    fn char_at_byte(&self, b: usize) -> usize {
        self.chars.partition_point(|c| c.0 < b)
    }

    /// A Chinese scale after a number at char `i`: 万, 亿, 千万, 百万, 万亿, 兆. Returns the
    /// multiplier and the number of chars. 千 and 兆 before a unit (千克, 兆字节) are SI
    /// prefixes, not scales.
    fn han_scale(&self, i: usize) -> Option<(f64, usize)> {
        let mut k = i;
        let mut mult = 1.0;
        while let Some(c) = self.ch(k) {
            let Some(u) = han_unit(c) else { break };
            if c == '十' && k == i {
                break; // 5十 is not written
            }
            let rest = &self.rest(k)[c.len_utf8()..];
            if matches!(c, '千' | '兆')
                && [
                    "克", "米", "瓦", "字节", "字節", "赫", "比特", "位", "帕", "焦", "卡", "伏",
                    "欧", "歐",
                ]
                .iter()
                .any(|u| rest.starts_with(u))
            {
                break;
            }
            if c == '兆' && !self.trad {
                mult *= 1e6;
            } else {
                mult *= u;
            }
            k += 1;
        }
        (k > i).then_some((mult, k - i))
    }

    /// Chinese numerals starting at char `i` (or 第/前/百分之 before them).
    fn han(&mut self, i: usize) -> Option<usize> {
        let c = self.ch(i)?;
        // 百分之五 = 5 %
        if c == '百' && self.rest(i).starts_with("百分之") {
            let s = i + 3;
            let (v, e) = self.han_value_run(s).or_else(|| self.digit_value(s))?;
            self.out.push(Number::new(
                self.byte(i)..self.byte(e),
                v,
                NumberKind::Percent,
            ));
            return Some(e);
        }
        let (prefix_ord, prefix_top) = (c == '第', c == '前');
        let s = if prefix_ord || prefix_top { i + 1 } else { i };
        if (prefix_ord || prefix_top) && !self.ch(s).is_some_and(is_han_numeral) {
            return None;
        }
        if self.ch(s).is_some_and(|c| c == '百') && self.rest(s).starts_with("百分之") {
            return None;
        }
        // Vague quantities: 几十, 数百, 上万, 成千上万, 好几
        if s > 0 && !prefix_ord && !prefix_top {
            let p = self.chars[s - 1].1;
            let unit_first = self.ch(s).and_then(han_unit).is_some();
            if matches!(p, '几' | '幾' | '好' | '若')
                || matches!(p, '数' | '數' | '上' | '成') && unit_first
            {
                return Some(run_end(self.chars, s));
            }
        }
        let e = run_end(self.chars, s);
        let run: String = self.chars[s..e].iter().map(|c| c.1).collect();
        // A unit glued to digits (5千克, 100兆字节) or an SI prefix (千米, 兆赫): no number.
        if !prefix_ord && !prefix_top && e == s + 1 && han_unit(self.chars[s].1).is_some() {
            let glued = s > 0 && is_digit(self.chars[s - 1].1);
            let rest = &self.rest(s)[self.chars[s].1.len_utf8()..];
            let si = [
                "克", "米", "瓦", "字节", "字節", "赫", "比特", "位", "帕", "焦", "伏",
            ]
            .iter()
            .any(|u| rest.starts_with(u));
            if glued || si {
                return Some(e);
            }
        }
        // 三分之一 = 1/3
        if self.rest(e).starts_with("分之") {
            if let Some((num, e2)) = self.han_value_run(e + 2) {
                if let Some(den) = han_value(&run) {
                    if den != 0.0 {
                        let mut n = Number::new(
                            self.byte(i)..self.byte(e2),
                            num / den,
                            NumberKind::Fraction,
                        );
                        n.precision = 0.0;
                        self.out.push(n);
                        return Some(e2);
                    }
                }
            }
        }
        if self.in_not_number(s)
            && !prefix_ord
            && (self.mode == Mode::Strict || !self.rest(s).starts_with("千万"))
        {
            return Some(e);
        }
        // 七八个 = 7-8
        let run_chars: Vec<char> = run.chars().collect();
        let pair = run_chars.len() == 2
            && han_unit(run_chars[0]).is_none()
            && han_unit(run_chars[1]).is_none()
            && matches!((han_digit(run_chars[0]), han_digit(run_chars[1])), (Some(a), Some(b)) if b == a + 1 && a > 0);
        let after = self.rest(e);
        let measure = MEASURES.iter().find(|m| after.starts_with(**m)).copied();
        let hedge_measure = ["多", "余", "餘", "来", "來", "几", "幾"].iter().any(|h| {
            after.starts_with(h) && MEASURES.iter().any(|m| after[h.len()..].starts_with(m))
        });
        let prev_han = s > 0 && is_han(self.chars[s - 1].1) && !prefix_ord && !prefix_top;
        let next_han = self.ch(e).is_some_and(is_han);
        let standalone = !prev_han && !next_han;
        let weekday = {
            let b = self.before(s);
            b.ends_with("星期")
                || b.ends_with("礼拜")
                || b.ends_with("禮拜")
                || (b.ends_with('周') || b.ends_with('週')) && !prefix_ord
        };
        let strict_ok = prefix_ord
            || prefix_top
            || measure.is_some()
            || hedge_measure
            || standalone
            || weekday
            || pair;
        if self.mode == Mode::Strict && !strict_ok {
            return Some(e);
        }
        if weekday {
            let v = match run.as_str() {
                "日" | "天" => 7.0,
                r => han_value(r)?,
            };
            if (1.0..=7.0).contains(&v) {
                self.out.push(Number::new(
                    self.byte(s)..self.byte(e),
                    v,
                    NumberKind::Weekday,
                ));
            }
            return Some(e);
        }
        if pair {
            let a = han_digit(run_chars[0])? as f64;
            self.out.push(Number::new(
                self.byte(s)..self.byte(s + 1),
                a,
                NumberKind::Cardinal,
            ));
            self.out.push(Number::new(
                self.byte(s + 1)..self.byte(e),
                a + 1.0,
                NumberKind::Cardinal,
            ));
            return Some(e);
        }
        let (mut value, mut precision, scaled, mut scale) = match han_value(&run) {
            Some(v) => {
                let big = run_chars
                    .iter()
                    .filter_map(|c| han_unit(*c))
                    .filter(|u| *u >= 1e4)
                    .fold(1.0, f64::max);
                (v, 1.0, big > 1.0 && v >= 1e4, big)
            }
            None => return Some(e),
        };
        // 十一点五 = 11.5
        let mut end = e;
        if after.starts_with('点') || after.starts_with('點') {
            let dstart = e + 1;
            let mut k = dstart;
            let mut frac = String::new();
            while let Some(d) = self.ch(k).and_then(han_digit) {
                frac.push(char::from_digit(d, 10).unwrap_or('0'));
                k += 1;
            }
            if !frac.is_empty() && self.ch(k).map_or(true, |c| han_unit(c).is_none()) {
                value += format!("0.{frac}").parse::<f64>().unwrap_or(0.0);
                precision = 10f64.powi(-(frac.len() as i32));
                end = k;
            } else if let Some((mult, len)) =
                (!frac.is_empty()).then(|| self.han_scale(k)).flatten()
            {
                value += format!("0.{frac}").parse::<f64>().unwrap_or(0.0);
                value *= mult;
                precision = 10f64.powi(-(frac.len() as i32)) * mult;
                scale = mult;
                end = k + len;
            }
        }
        let mut kind = if prefix_ord {
            NumberKind::Ordinal
        } else {
            NumberKind::Cardinal
        };
        let mut alt = None;
        let suffix = self.rest(end);
        if !prefix_ord && !prefix_top {
            if suffix.starts_with("年代") {
                kind = NumberKind::Decade;
                if value < 100.0 {
                    alt = Some(value);
                    value += 1900.0;
                }
                end += 2;
            } else if suffix.starts_with('月')
                && !suffix.starts_with("月份")
                && (1.0..=12.0).contains(&value)
            {
                kind = NumberKind::Month;
            } else if suffix.starts_with('年')
                && run_chars.len() == 4
                && run_chars.iter().all(|c| han_digit(*c).is_some())
            {
                kind = NumberKind::Year;
            } else if suffix.starts_with('成')
                && value <= 10.0
                && !suffix.starts_with("成员")
                && !suffix.starts_with("成為")
                && !suffix.starts_with("成为")
                && !suffix.starts_with("成功")
            {
                kind = NumberKind::Percent;
                alt = Some(value);
                value *= 10.0;
                end += 1;
            } else if suffix.starts_with('折') && self.before(s).ends_with('打') {
                kind = NumberKind::Percent;
                alt = Some(value);
                value = if value < 10.0 {
                    100.0 - value * 10.0
                } else {
                    100.0 - value
                };
                end += 1;
            } else if suffix.starts_with("个百分点") || suffix.starts_with("個百分點") {
                kind = NumberKind::Percent;
                end += 4;
            }
        }
        let weak = value == 1.0 && matches!(kind, NumberKind::Cardinal | NumberKind::Ordinal);
        let start = if prefix_ord || prefix_top { i } else { s };
        let bound_after = measure.is_some_and(|m| {
            ["以上", "以下", "以内", "多"]
                .iter()
                .any(|h| after[m.len()..].starts_with(h))
        });
        // 一个 right before another number (请输入一个 2 到 5 之间的数) is an article
        let number_follows = measure.is_some_and(|m| {
            after[m.len()..]
                .trim_start()
                .starts_with(|c: char| is_digit(c) || is_han_numeral(c))
        });
        let article = weak
            && !prefix_ord
            && !bound_after
            && number_follows
            && matches!(measure, Some("个" | "個" | "种" | "種"));
        self.out.push(Number {
            span: self.byte(start)..self.byte(end),
            value,
            alt,
            kind,
            precision: if scaled {
                precision.max(1.0)
            } else {
                precision
            },
            scaled: scaled || scale > 1.0 && value >= 1e4,
            scale,
            weak,
            article,
        });
        Some(end)
    }

    /// A run of Chinese numerals starting at `s`, with its value.
    fn han_value_run(&self, s: usize) -> Option<(f64, usize)> {
        let e = run_end(self.chars, s);
        if e == s {
            return None;
        }
        let run: String = self.chars[s..e].iter().map(|c| c.1).collect();
        let mut v = han_value(&run)?;
        let mut end = e;
        if matches!(self.ch(e), Some('点' | '點')) {
            let mut k = e + 1;
            let mut frac = String::new();
            while let Some(d) = self.ch(k).and_then(han_digit) {
                frac.push(char::from_digit(d, 10).unwrap_or('0'));
                k += 1;
            }
            if !frac.is_empty() {
                v += format!("0.{frac}").parse::<f64>().unwrap_or(0.0);
                end = k;
            }
        }
        Some((v, end))
    }

    /// Arabic digits at `s` (for 百分之5).
    fn digit_value(&self, s: usize) -> Option<(f64, usize)> {
        let mut k = s;
        let mut t = String::new();
        while let Some(c) = self.ch(k) {
            if is_digit(c) {
                t.push(char::from_digit(digit_val(c), 10).unwrap_or('0'));
            } else if c == '.' && self.ch(k + 1).is_some_and(is_digit) {
                t.push('.');
            } else {
                break;
            }
            k += 1;
        }
        t.parse().ok().map(|v| (v, k))
    }

    /// Lenient-only readings: 双 = 2, 俩 = 2, 首 (首次, 首个) = 1st.
    fn lenient_han(&mut self, i: usize) -> Option<usize> {
        let (v, kind) = match self.ch(i)? {
            '双' | '俩' => (2.0, NumberKind::Cardinal),
            '首' => (1.0, NumberKind::Ordinal),
            _ => return None,
        };
        let mut n = Number::new(self.byte(i)..self.byte(i + 1), v, kind);
        n.weak = v == 1.0;
        self.out.push(n);
        Some(i + 1)
    }

    /// An English number word (or a run of them) at char `i`.
    fn word(&mut self, i: usize) -> Option<usize> {
        let chars = self.chars;
        let word_end = |k: usize| {
            let mut e = k;
            while e < chars.len() && chars[e].1.is_ascii_alphabetic() {
                e += 1;
            }
            e
        };
        let e = word_end(i);
        if e < chars.len() && (chars[e].1.is_ascii_digit() || chars[e].1 == '_') {
            return Some(skip_token(chars, i));
        }
        // The word is ASCII letters: borrow it, lower-cased on the stack (no number word is
        // longer than 16 letters; this runs on every English word of a corpus).
        let w = &self.text[self.byte(i)..self.byte(e)];
        if w.len() > 16 {
            return Some(e);
        }
        let mut lbuf = [0u8; 16];
        let lw = ascii_lower(w, &mut lbuf);
        // A word that is no number word (nor `a`/`an`, which may lead one) matches none of
        // the readings below: the loop would stop at it with nothing read.
        if !is_number_word(w) && !matches!(lw, "a" | "an") {
            return Some(e);
        }
        // Months and weekdays (capitalised).
        if w.starts_with(|c: char| c.is_ascii_uppercase()) {
            if let Some(m) = month(w) {
                let next_digit = self
                    .rest(e)
                    .trim_start()
                    .starts_with(|c: char| c.is_ascii_digit());
                let prev_digit = self
                    .before(i)
                    .trim_end()
                    .ends_with(|c: char| c.is_ascii_digit());
                if w != "May" || next_digit || prev_digit {
                    self.out.push(Number::new(
                        self.byte(i)..self.byte(e),
                        m,
                        NumberKind::Month,
                    ));
                }
                return Some(e);
            }
            if let Some(d) = weekday(w) {
                self.out.push(Number::new(
                    self.byte(i)..self.byte(e),
                    d,
                    NumberKind::Weekday,
                ));
                return Some(e);
            }
        }
        // Lenient extras.
        if self.mode == Mode::Lenient {
            let v = match lw {
                "both" | "double" | "pair" | "twice" | "dual" => Some(2.0),
                "single" | "once" => Some(1.0),
                "half" => Some(0.5),
                "triple" | "thrice" => Some(3.0),
                _ => None,
            };
            if let Some(v) = v {
                let mut n = Number::new(self.byte(i)..self.byte(e), v, NumberKind::Cardinal);
                n.weak = v == 1.0;
                self.out.push(n);
                return Some(e);
            }
        } else if lw == "twice" || lw == "thrice" {
            let v = if lw == "twice" { 2.0 } else { 3.0 };
            self.out.push(Number::new(
                self.byte(i)..self.byte(e),
                v,
                NumberKind::Cardinal,
            ));
            return Some(e);
        }
        // A run of number words: twenty-one, one hundred and twenty, a dozen, two million.
        let mut k = i;
        let mut total = 0.0;
        let mut current = 0.0;
        let mut any = false;
        let mut last_end = i;
        let mut ordinal = false;
        let mut scaled = false;
        let mut a_lead = false;
        let mut precision = 1.0;
        let mut first = true;
        loop {
            let we = word_end(k);
            if we == k {
                break;
            }
            let word = &self.text[self.byte(k)..self.byte(we)];
            if word.len() > 16 {
                break;
            }
            let mut wbuf = [0u8; 16];
            let w = ascii_lower(word, &mut wbuf);
            if first && (w == "a" || w == "an") {
                // "a hundred", "a dozen", "a million"
                let n = self.next_word(we);
                if let Some((nw, ns, ne)) = n {
                    if matches!(
                        nw.as_str(),
                        "hundred" | "thousand" | "million" | "billion" | "trillion" | "dozen"
                    ) {
                        current = 1.0;
                        a_lead = true;
                        any = true;
                        let _ = ns;
                        k = ns;
                        last_end = we;
                        first = false;
                        let _ = ne;
                        continue;
                    }
                }
                return Some(we);
            }
            first = false;
            if let Some(v) = unit_word(w) {
                if current % 100.0 != 0.0
                    && current >= 1.0
                    && !(current >= 20.0 && v < 10.0 && current % 10.0 == 0.0)
                {
                    break; // "three two" is two numbers
                }
                current += v;
            } else if let Some(v) = ordinal_word(w) {
                if current % 100.0 != 0.0 && !(current >= 20.0 && v < 10.0 && current % 10.0 == 0.0)
                {
                    break;
                }
                if w == "second"
                    && !any
                    && !self
                        .before(i)
                        .to_ascii_lowercase()
                        .trim_end()
                        .ends_with("the")
                {
                    return Some(we);
                }
                current += v;
                ordinal = true;
                any = true;
                last_end = we;
                break;
            } else if w == "hundred" && any {
                current = current.max(1.0) * 100.0;
            } else if w == "dozen" && any {
                current = current.max(1.0) * 12.0;
            } else if let Some(m) = scale_word(w) {
                if !any {
                    break;
                }
                total += current.max(1.0) * m;
                current = 0.0;
                scaled = true;
                precision = m;
            } else {
                break;
            }
            any = true;
            last_end = we;
            // joiners: "-" (twenty-one), " ", " and "
            let mut n = we;
            if n < chars.len()
                && chars[n].1 == '-'
                && n + 1 < chars.len()
                && chars[n + 1].1.is_ascii_alphabetic()
            {
                n += 1;
            } else if n < chars.len() && chars[n].1 == ' ' {
                n += 1;
                if self.rest(n).to_ascii_lowercase().starts_with("and ") {
                    let after_and = n + 4;
                    let nw = self.next_word(after_and - 1);
                    if nw.is_some_and(|(w, _, _)| unit_word(&w).is_some())
                        && (current >= 100.0 || total > 0.0)
                    {
                        n = after_and;
                    } else {
                        break;
                    }
                }
            } else {
                break;
            }
            k = n;
        }
        if !any {
            return Some(e);
        }
        let value = total + current;
        // Plurals of scales without a number ("thousands of") never reach here.
        let kind = if ordinal {
            NumberKind::Ordinal
        } else {
            NumberKind::Cardinal
        };
        let mut n = Number::new(self.byte(i)..self.byte(last_end), value, kind);
        n.weak = value == 1.0 && !a_lead;
        n.scaled = scaled;
        n.precision = if scaled { precision } else { 1.0 };
        n.scale = if scaled { precision } else { 1.0 };
        // "one" as a pronoun (this one, no one, one of) is weak anyway.
        self.out.push(n);
        Some(last_end)
    }

    /// The next word after whitespace at char `k`: (lower-cased word, start, end).
    fn next_word(&self, k: usize) -> Option<(String, usize, usize)> {
        let mut s = k;
        while s < self.chars.len() && self.chars[s].1 == ' ' {
            s += 1;
        }
        if s == k {
            return None;
        }
        let mut e = s;
        while e < self.chars.len() && self.chars[e].1.is_ascii_alphabetic() {
            e += 1;
        }
        (e > s).then(|| {
            (
                self.chars[s..e]
                    .iter()
                    .map(|c| c.1.to_ascii_lowercase())
                    .collect(),
                s,
                e,
            )
        })
    }
}

/// Char index after a run of Chinese numerals starting at `s`.
fn run_end(chars: &[(usize, char)], s: usize) -> usize {
    let mut e = s;
    while e < chars.len() && is_han_numeral(chars[e].1) {
        e += 1;
    }
    e
}

/// Skip an identifier-like token (letters, digits, `-`, `_`, `.`) from char `i`.
/// `word` (ASCII, at most `buf.len()` bytes) lower-cased into `buf`.
fn ascii_lower<'b>(word: &'b str, buf: &'b mut [u8; 16]) -> &'b str {
    // Most words are lower case already: then they are their own answer.
    if word.len() <= buf.len() && !word.bytes().any(|b| b.is_ascii_uppercase()) {
        return word;
    }
    let n = word.len().min(buf.len());
    for (d, s) in buf.iter_mut().zip(word.bytes()) {
        *d = s.to_ascii_lowercase();
    }
    std::str::from_utf8(&buf[..n]).unwrap_or("")
}

fn skip_token(chars: &[(usize, char)], i: usize) -> usize {
    let mut k = i;
    while k < chars.len() {
        let c = chars[k].1;
        if c.is_ascii_alphanumeric()
            || c == '_'
            || c == '-'
                && chars
                    .get(k + 1)
                    .is_some_and(|n| n.1.is_ascii_alphanumeric())
            || c == '.'
                && chars
                    .get(k + 1)
                    .is_some_and(|n| n.1.is_ascii_alphanumeric())
        {
            k += 1;
        } else {
            break;
        }
    }
    k.max(i + 1)
}

fn group_of_three(chars: &[(usize, char)], k: usize) -> bool {
    (0..3).all(|d| chars.get(k + d).is_some_and(|c| is_digit(c.1)))
        && !chars.get(k + 3).is_some_and(|c| is_digit(c.1))
}

fn is_unit_suffix(s: &str) -> bool {
    matches!(
        s,
        "b" | "kb"
            | "mb"
            | "gb"
            | "tb"
            | "pb"
            | "kib"
            | "mib"
            | "gib"
            | "tib"
            | "k"
            | "m"
            | "g"
            | "ms"
            | "us"
            | "ns"
            | "s"
            | "h"
            | "min"
            | "px"
            | "pt"
            | "em"
            | "x"
            | "fps"
            | "hz"
            | "khz"
            | "mhz"
            | "ghz"
            | "bit"
            | "bits"
            | "bps"
            | "kbps"
            | "mbps"
            | "gbps"
            | "kg"
            | "km"
            | "cm"
            | "mm"
            | "dpi"
            | "d"
            | "w"
            | "mah"
            | "v"
    )
}

/// Value of a run of Chinese numerals (一百二十, 二〇二〇, 5 excluded), or `None` when the run
/// is not a well-formed number.
pub fn han_value(run: &str) -> Option<f64> {
    let cs: Vec<char> = run.chars().collect();
    if cs.is_empty() {
        return None;
    }
    if cs.iter().all(|c| han_digit(*c).is_some()) {
        if cs.len() == 1 {
            return han_digit(cs[0]).map(f64::from);
        }
        // 二〇二〇: digit by digit; only with 〇/零 or three and more digits, no 两
        if (cs.len() >= 3 || cs.contains(&'〇')) && !cs.iter().any(|c| matches!(c, '两' | '兩'))
        {
            let mut v = 0.0;
            for c in &cs {
                v = v * 10.0 + f64::from(han_digit(*c)?);
            }
            return Some(v);
        }
        return None;
    }
    if cs.len() == 1 {
        return match cs[0] {
            '廿' => Some(20.0),
            '卅' => Some(30.0),
            c => han_unit(c).filter(|u| *u <= 1000.0 || cs.len() == 1),
        };
    }
    parse_big(&cs)
}

fn parse_big(cs: &[char]) -> Option<f64> {
    for big in [1e12, 1e8, 1e4] {
        if let Some(p) = cs
            .iter()
            .rposition(|c| han_unit(*c) == Some(big) && (big != 1e12 || *c == '兆'))
        {
            let left = &cs[..p];
            let right = &cs[p + 1..];
            let lv = if left.is_empty() {
                1.0
            } else {
                parse_big(left)?
            };
            let rv = if right.is_empty() {
                0.0
            } else {
                parse_small(right)?
            };
            return Some(lv * big + rv);
        }
    }
    parse_small(cs)
}

fn parse_small(cs: &[char]) -> Option<f64> {
    let mut section = 0.0;
    let mut num: Option<f64> = None;
    let mut last_unit = f64::INFINITY;
    for (k, c) in cs.iter().enumerate() {
        if let Some(d) = han_digit(*c) {
            if num.is_some() && d != 0 {
                return None; // two digits in a row
            }
            if d != 0 {
                num = Some(f64::from(d));
            }
        } else if let Some(u) = han_unit(*c) {
            if u > 1000.0 || u >= last_unit {
                return None;
            }
            let n = match num {
                Some(n) => n,
                None if u == 10.0 && k == 0 => 1.0,
                None if k == 0 => 1.0,
                None => return None,
            };
            section += n * u;
            num = None;
            last_unit = u;
        } else if *c == '廿' {
            section += 20.0;
        } else if *c == '卅' {
            section += 30.0;
        } else {
            return None;
        }
    }
    Some(section + num.unwrap_or(0.0))
}

fn strip_any<'a>(s: &'a str, prefixes: &[&str]) -> Option<&'a str> {
    prefixes.iter().find_map(|p| s.strip_prefix(p))
}

fn strip_ci<'a>(s: &'a str, prefixes: &[&str]) -> Option<&'a str> {
    prefixes.iter().find_map(|p| {
        let head = s.get(..p.len())?;
        (head.eq_ignore_ascii_case(p)
            && !s[p.len()..].starts_with(|c: char| c.is_ascii_alphabetic()))
        .then(|| &s[p.len()..])
    })
}

fn english_scale(s: &str) -> Option<(f64, &str)> {
    let s2 = s.strip_prefix('-').unwrap_or(s);
    for (w, m) in [
        ("thousand", 1e3),
        ("million", 1e6),
        ("billion", 1e9),
        ("trillion", 1e12),
        ("bn", 1e9),
    ] {
        if let Some(r) = strip_ci(s2, &[w]) {
            return Some((m, r));
        }
    }
    None
}

fn unit_word(w: &str) -> Option<f64> {
    const UNITS: &[&str] = &[
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: &[&str] = &[
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    if let Some(p) = UNITS.iter().position(|u| *u == w) {
        return Some(p as f64);
    }
    TENS.iter()
        .position(|t| *t == w)
        .map(|p| (p as f64 + 2.0) * 10.0)
}

fn ordinal_word(w: &str) -> Option<f64> {
    const ORD: &[&str] = &[
        "zeroth",
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
    ];
    const TENS: &[&str] = &[
        "twentieth",
        "thirtieth",
        "fortieth",
        "fiftieth",
        "sixtieth",
        "seventieth",
        "eightieth",
        "ninetieth",
    ];
    if let Some(p) = ORD.iter().position(|u| *u == w) {
        return (p > 0).then_some(p as f64);
    }
    if w == "hundredth" {
        return Some(100.0);
    }
    TENS.iter()
        .position(|t| *t == w)
        .map(|p| (p as f64 + 2.0) * 10.0)
}

fn scale_word(w: &str) -> Option<f64> {
    Some(match w {
        "thousand" => 1e3,
        "million" => 1e6,
        "billion" => 1e9,
        "trillion" => 1e12,
        _ => return None,
    })
}

fn month(w: &str) -> Option<f64> {
    const M: &[&str] = &[
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    if let Some(p) = M.iter().position(|m| *m == w) {
        return Some(p as f64 + 1.0);
    }
    const A: &[&str] = &[
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    if w == "Sept" {
        return Some(9.0);
    }
    A.iter().position(|m| *m == w).map(|p| p as f64 + 1.0)
}

fn weekday(w: &str) -> Option<f64> {
    const D: &[&str] = &[
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
    D.iter().position(|d| *d == w).map(|p| p as f64 + 1.0)
}

/// In a range whose second number carries a scale (5至10万, 5 to 10 million), the first
/// number takes the scale too (keeping its bare value as the alternative reading).
fn distribute_scales(text: &str, nums: &mut [Number]) {
    for k in 1..nums.len() {
        let (a, b) = (&nums[k - 1], &nums[k]);
        if a.scaled || !b.scaled || a.kind != NumberKind::Cardinal {
            continue;
        }
        let between = text[a.span.end..b.span.start].trim();
        let is_range = matches!(
            between,
            "至" | "到" | "-" | "–" | "—" | "~" | "～" | "〜" | "或" | "to" | "and" | "or" | "-to-"
        );
        if !is_range {
            continue;
        }
        let scale = b.scale;
        if scale > 1.0 && a.value * scale <= b.value {
            let a = &mut nums[k - 1];
            a.alt = Some(a.value);
            a.value *= scale;
            a.precision *= scale;
            a.scaled = true;
        }
    }
}

/// A hedge before or after a number: the span of the hedge word in `text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hedge {
    /// Byte range of the hedge word.
    pub span: Range<usize>,
}

#[rustfmt::skip]
const ZH_HEDGES_BEFORE: &[&str] = &[
    "大约", "大約", "大概", "大致", "将近", "將近", "接近", "几近", "幾近", "超过", "超過", "多于", "多於", "大于", "大於",
    "高于", "高於", "至少", "最少", "起码", "起碼", "不少于", "不少於", "不低于", "不低於", "不下", "不到", "不足", "少于",
    "少於", "小于", "小於", "低于", "低於", "不超过", "不超過", "至多", "最多", "多达", "多達", "高达", "高達", "约", "約",
    "近", "逾", "超",
];

#[rustfmt::skip]
const ZH_HEDGES_AFTER: &[&str] = &[
    "多", "余", "餘", "来", "來", "几", "幾", "以上", "左右", "上下", "之多", "有余", "有餘", "以下", "以内", "以內",
    "之内", "之內", "内", "內", "前后", "前後", "许", "許",
];

#[rustfmt::skip]
const EN_HEDGES_BEFORE: &[&str] = &[
    "about", "approximately", "approx.", "approx", "around", "roughly", "some", "nearly",
    "almost", "close to", "over", "more than", "at least", "upwards of", "in excess of",
    "above", "less than", "under", "below", "fewer than", "up to", "at most", "no more than",
    "not more than", "no less than", "not less than", "as many as", "as much as", "as long as",
    "as few as", "as little as", "as high as", "estimated", "circa", "ca.", "within",
    "just over", "just under", "exceeding", "exceeds", "exceed", "beyond", "past", "last",
    "recent", "maximum", "minimum", "max", "min", "~", "<", ">", "<=", ">=", "≤", "≥", "±",
];

/// English hedges that qualify a source number (a subset of [`EN_HEDGES_BEFORE`], which
/// also lists what a translation may use for them).
#[rustfmt::skip]
const EN_SOURCE_HEDGES: &[&str] = &[
    "about", "approximately", "approx.", "approx", "around", "roughly", "nearly", "almost",
    "close to", "over", "more than", "at least", "upwards of", "in excess of", "less than",
    "fewer than", "up to", "at most", "no more than", "not more than", "no less than",
    "not less than", "as many as", "as much as", "circa", "within", "just over", "just under",
    "an estimated", "above", "below", "under", "exceed", "exceeds", "exceeding", "a minimum of",
    "a maximum of", "minimum of", "maximum of", "greater than", "larger than", "bigger than",
    "smaller than", "higher than", "lower than", "longer than", "shorter than",
];

/// English hedges after a source number.
#[rustfmt::skip]
const EN_SOURCE_HEDGES_AFTER: &[&str] = &[
    "or more", "or so", "or less", "or fewer", "plus", "+", "-odd", "odd", "and above",
    "and up", "or above", "and over", "or over", "at most", "at least",
];

/// Chinese words a translation may use for an English hedge, besides the hedges themselves.
#[rustfmt::skip]
const ZH_COUNTERPARTS: &[&str] = &[
    "超出", "或更", "及以上", "或以上", "以后", "以後", "或多",
];

/// English hedges after a number that a translation may use.
#[rustfmt::skip]
const EN_HEDGES_AFTER: &[&str] = &[
    "or more", "or so", "or less", "or fewer",
    "plus", "+", "-odd", "odd", "and above", "and up", "or above", "and over", "or over",
    "or higher", "or lower", "at most", "at least", "max", "maximum", "minimum", "min",
    "or later", "or earlier", "and later",
];

/// The hedge written right before or after `num` in `text` (约5.2万, 5年以上, about 3,
/// 20 or more), if any. 约 inside 北约, 纽约, 条约... is no hedge.
pub fn hedge_of(text: &str, num: &Number) -> Option<Hedge> {
    let before = text[..num.span.start].trim_end_matches([' ', '\u{a0}']);
    let bstart = before.len();
    // Chinese before
    for h in ZH_HEDGES_BEFORE {
        if let Some(rest) = before.strip_suffix(h) {
            if matches!(*h, "约" | "約") && YUE_WORDS.iter().any(|w| before.ends_with(w)) {
                continue;
            }
            if matches!(*h, "近")
                && [
                    "最近", "附近", "临近", "臨近", "靠近", "亲近", "邻近", "鄰近", "就近", "贴近",
                    "逼近", "远近", "新近", "接近", "将近", "將近", "几近",
                ]
                .iter()
                .any(|w| before.ends_with(w))
            {
                continue;
            }
            if *h == "超" && rest.ends_with('高') {
                continue;
            }
            return Some(Hedge {
                span: rest.len()..bstart,
            });
        }
    }
    // English before (word boundary)
    let lower = before.to_ascii_lowercase();
    for h in EN_SOURCE_HEDGES {
        if let Some(rest) = lower.strip_suffix(h) {
            let boundary = !h.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                || !rest
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_ascii_alphanumeric());
            if boundary {
                return Some(Hedge {
                    span: rest.len()..bstart,
                });
            }
        }
    }
    // after: skip a measure word (Chinese) or nothing
    let after = &text[num.span.end..];
    let a2 = after.trim_start_matches([' ', '\u{a0}']);
    let off = num.span.end + (after.len() - a2.len());
    for h in ZH_HEDGES_AFTER {
        if a2.starts_with(h) && *h != "内" && *h != "內" {
            if matches!(
                *h,
                "多" | "余" | "餘" | "来" | "來" | "几" | "幾" | "许" | "許"
            ) {
                // only between the number and a measure word, or at the end
                let r = &a2[h.len()..];
                let ok = MEASURES.iter().any(|m| r.starts_with(m))
                    || r.is_empty()
                    || r.starts_with(|c: char| !is_han(c));
                if !ok || *h == "来" && r.starts_with('自') {
                    continue;
                }
            }
            return Some(Hedge {
                span: off..off + h.len(),
            });
        }
    }
    if let Some(m) = MEASURES.iter().find(|m| a2.starts_with(**m)) {
        let r = &a2[m.len()..];
        for h in [
            "多", "以上", "左右", "上下", "之多", "有余", "有餘", "以下", "以内", "以內", "之内",
            "之內", "内", "內",
        ] {
            if let Some(tail) = r.strip_prefix(h) {
                if h == "多"
                    && ![
                        "月", "小时", "小時", "钟", "鐘", "年", "天", "星期", "周", "週", "礼拜",
                        "禮拜",
                    ]
                    .iter()
                    .any(|t| tail.starts_with(t))
                {
                    continue;
                }
                if (h == "内" || h == "內")
                    && tail.starts_with(|c: char| is_han(c))
                    && !tail.starts_with(['，', '。'])
                {
                    // 内容, 内存: not "within"
                    let nxt = tail.chars().next();
                    if matches!(nxt, Some('容' | '存' | '部' | '核' | '置' | '在' | '外')) {
                        continue;
                    }
                }
                let s = off + m.len();
                return Some(Hedge {
                    span: s..s + h.len(),
                });
            }
        }
    }
    let al = a2.to_ascii_lowercase();
    for h in EN_SOURCE_HEDGES_AFTER {
        if let Some(r) = al.strip_prefix(h) {
            let boundary = !h.chars().last().is_some_and(|c| c.is_ascii_alphabetic())
                || !r.starts_with(|c: char| c.is_ascii_alphanumeric());
            if boundary
                && !(h.starts_with(|c: char| c.is_ascii_alphabetic())
                    && !after.starts_with([' ', '-'])
                    && !h.starts_with('-'))
            {
                return Some(Hedge {
                    span: off..off + h.len(),
                });
            }
        }
    }
    None
}

/// Whether a hedge word of either language stands near `num` in `text`: up to four words
/// (or eight Chinese characters) before it, or three words (six characters) after it,
/// measure word included.
pub fn hedge_near(text: &str, num: &Number) -> bool {
    if hedge_of(text, num).is_some() {
        return true;
    }
    // widen: look at a window around the number
    let before = &text[..num.span.start];
    let mut lo = before.len();
    let mut words = 0;
    let mut han = 0;
    for (p, c) in before.char_indices().rev() {
        if is_han(c) {
            han += 1;
            if han > 8 {
                break;
            }
        } else if c == ' ' {
            words += 1;
            if words > 4 {
                break;
            }
        } else if matches!(c, '。' | '.' | ';' | '；' | '!' | '！' | '?' | '？' | '\n') {
            break;
        }
        lo = p;
    }
    let window_before = &text[lo..num.span.start];
    let after = &text[num.span.end..];
    let mut hi = 0;
    let mut words = 0;
    let mut han = 0;
    for (p, c) in after.char_indices() {
        if is_han(c) {
            han += 1;
            if han > 6 {
                break;
            }
        } else if c == ' ' {
            words += 1;
            if words > 3 {
                break;
            }
        } else if matches!(
            c,
            '。' | '.' | ';' | '；' | '!' | '！' | '?' | '？' | '\n' | ',' | '，'
        ) {
            break;
        }
        hi = p + c.len_utf8();
    }
    let window_after = &after[..hi];
    let wl = format!(" {} ", window_before.to_ascii_lowercase());
    let al = format!(" {} ", window_after.to_ascii_lowercase());
    let has_en = |w: &str, hs: &[&str]| {
        hs.iter().any(|h| {
            if h.chars()
                .all(|c| c.is_ascii_alphabetic() || c == ' ' || c == '.')
            {
                let pat = format!(" {} ", h.trim_end_matches('.'));
                w.replace([',', '(', ')'], " ").contains(&pat) || w.contains(&format!(" {h} "))
            } else {
                w.contains(h)
            }
        })
    };
    let zh_before = ZH_HEDGES_BEFORE.iter().any(|h| {
        window_before.contains(h)
            && !(matches!(*h, "约" | "約")
                && YUE_WORDS.iter().any(|w| window_before.contains(w))
                && window_before.matches(h).count() == 1)
    });
    let zh_after = [
        "多", "余", "餘", "以上", "左右", "上下", "之多", "有余", "以下", "以内", "以內", "之内",
        "之內", "内", "內", "前后",
    ]
    .iter()
    .any(|h| window_after.contains(h));
    let zh_other = ZH_COUNTERPARTS
        .iter()
        .any(|h| window_before.contains(h) || window_after.contains(h));
    zh_before
        || zh_after
        || zh_other
        || has_en(&wl, EN_HEDGES_BEFORE)
        || has_en(&al, EN_HEDGES_AFTER)
        || has_en(&al, &["or more", "or so"])
}

/// Pair each required number of `source` with a distinct number of `target` of the same
/// value (exact matches first, then matches within rounding). Weak source numbers are paired
/// only with what is left. Returns, for each source number, the index of its target partner.
pub fn pair_numbers(source: &[Number], target: &[Number]) -> Vec<Option<usize>> {
    let mut used = vec![false; target.len()];
    let mut out = vec![None; source.len()];
    // passes: exact value and kind; exact value; within rounding; then weak numbers
    for pass in 0..4 {
        for (si, s) in source.iter().enumerate() {
            if out[si].is_some() || (s.weak != (pass == 3)) {
                continue;
            }
            let found = target.iter().enumerate().position(|(ti, t)| {
                !used[ti]
                    // 一个 as an article does not answer a number written in digits
                    && (s.weak || !t.article)
                    && match pass {
                        0 => s.exact_match(t) && s.kind == t.kind,
                        1 => s.exact_match(t),
                        _ => s.matches(t),
                    }
            });
            if let Some(ti) = found {
                used[ti] = true;
                out[si] = Some(ti);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zh() -> Option<Lang> {
        Lang::parse("zh-CN")
    }

    #[test]
    fn number_words_cover_the_scanners_words() {
        for w in [
            "zero",
            "seven",
            "nineteen",
            "ninety",
            "first",
            "second",
            "twelfth",
            "ninetieth",
            "hundredth",
            "hundred",
            "thousand",
            "trillion",
            "dozen",
            "twice",
            "thrice",
            "both",
            "half",
            "once",
            "Triple",
            "SEVEN",
            "March",
            "Sept",
            "Sunday",
        ] {
            assert!(is_number_word(w), "{w}");
        }
        for w in ["zeroth", "hundredth"] {
            let _ = ordinal_word(w);
        }
        let mut buf = [0u8; 16];
        for w in [
            "a", "an", "may", "mar", "one's", "someone", "tens", "firstly", "seconds", "", "x",
        ] {
            let lw = ascii_lower(w, &mut buf).to_string();
            let read = unit_word(&lw).is_some()
                || ordinal_word(&lw).is_some()
                || scale_word(&lw).is_some();
            assert_eq!(is_number_word(w), read, "{w}");
        }
    }

    /// The shortcut of `is_number_word` never turns down a word the full test accepts: the
    /// forms it lists in every case, random words, and words of the seed article.
    #[test]
    fn number_word_shapes_keep_every_number_word() {
        for w in NUMBER_WORD_FORMS {
            let cap = format!("{}{}", w[..1].to_ascii_uppercase(), &w[1..]);
            for v in [w.to_string(), cap, w.to_ascii_uppercase()] {
                assert!(may_be_number_word(&v), "{v}");
                assert_eq!(is_number_word(&v), is_number_word_unfiltered(&v), "{v}");
            }
        }
        let en = include_str!("../../examples/seed/en.txt");
        let mut rejected = 0;
        for w in en
            .split(|c: char| !c.is_ascii_alphabetic())
            .filter(|w| !w.is_empty())
        {
            assert_eq!(is_number_word(w), is_number_word_unfiltered(w), "{w}");
            rejected += usize::from(!may_be_number_word(w));
        }
        // The point: most words are turned down by the shortcut.
        assert!(rejected * 2 > en.split_whitespace().count(), "{rejected}");
    }

    proptest::proptest! {
        #[test]
        fn number_word_shortcut_is_exact(w in "[a-zA-Z]{0,18}") {
            proptest::prop_assert_eq!(is_number_word(&w), is_number_word_unfiltered(&w));
        }
    }

    proptest::proptest! {
        /// The prebuilt searchers of `in_not_number` find what `match_indices` finds
        /// (occurrences that do not overlap, from the left), on texts made of the
        /// characters of the words (where occurrences overlap: 三三两两, 数一数).
        #[test]
        fn not_number_searchers_match_match_indices(
            picks in proptest::collection::vec(0..NOT_NUMBERS.len(), 1..5),
            cut in 0usize..4,
        ) {
            let joined: String = picks.iter().map(|&k| NOT_NUMBERS[k]).collect();
            let text: String = joined.chars().skip(cut).collect();
            let chars: Vec<(usize, char)> = text.char_indices().collect();
            let sc = Scanner { text: &text, chars: &chars, out: Vec::new(), mode: Mode::Strict, trad: false };
            for i in 0..chars.len() {
                let lo = sc.byte(i.saturating_sub(4));
                let hi = sc.byte((i + 5).min(chars.len()));
                let at = sc.byte(i);
                let hay = &text[lo..hi];
                let want = NOT_NUMBERS.iter().filter(|w| w.contains(chars[i].1)).any(|w| {
                    hay.match_indices(w).any(|(p, _)| lo + p <= at && at < lo + p + w.len())
                });
                proptest::prop_assert_eq!(sc.in_not_number(i), want, "{:?} at {}", text, i);
            }
        }
    }

    /// `may_hold_number` as it was: one walk, digits met in passing, every word looked up.
    fn gate_by_walk(text: &str, words: bool, mode: Mode) -> bool {
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b.is_ascii_digit() {
                return true;
            }
            if b.is_ascii_alphabetic() {
                let start = i;
                while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
                    i += 1;
                }
                if words && is_number_word_unfiltered(&text[start..i]) {
                    return true;
                }
                continue;
            }
            if b < 0x80 {
                i += 1;
                continue;
            }
            let c = text[i..].chars().next().unwrap_or('\0');
            let hit = is_digit(c)
                || is_han_numeral(c)
                || (mode == Mode::Lenient && matches!(c, '双' | '俩' | '首'))
                || (matches!(c, '日' | '天') && text[..i].ends_with(['期', '拜', '周', '週']));
            if hit {
                return true;
            }
            i += c.len_utf8().max(1);
        }
        false
    }

    proptest::proptest! {
        #[test]
        fn gate_is_the_walk_it_was(
            t in "([a-zA-Z]{1,9}|[0-9]|[ ,.%-]|two|First|May|dozen|双|日|星期|文|一|０)*",
            words in proptest::bool::ANY,
            lenient in proptest::bool::ANY,
        ) {
            let mode = if lenient { Mode::Lenient } else { Mode::Strict };
            proptest::prop_assert_eq!(may_hold_number(&t, words, mode), gate_by_walk(&t, words, mode));
        }
    }

    proptest::proptest! {
        /// The block test finds a digit exactly where a byte-by-byte `any` does.
        #[test]
        fn digit_blocks_agree_with_any(
            t in proptest::collection::vec(
                proptest::prop_oneof![8 => b'a'..=b'z', 1 => 0u8..=255, 1 => b'0'..=b'9'], 0..70),
        ) {
            proptest::prop_assert_eq!(has_ascii_digit(&t), t.iter().any(u8::is_ascii_digit));
        }
    }

    #[test]
    fn digit_blocks_find_a_digit_at_every_offset() {
        for len in 0..50 {
            let mut t = vec![b'x'; len];
            assert!(!has_ascii_digit(&t));
            for at in 0..len {
                for d in [b'0', b'9'] {
                    t[at] = d;
                    assert!(has_ascii_digit(&t), "{len} {at}");
                }
                for not in [b'/', b':', 0xB0, 0xB9] {
                    t[at] = not;
                    assert!(!has_ascii_digit(&t), "{len} {at}");
                }
                t[at] = b'x';
            }
        }
    }

    /// The full scan, without the [`may_hold_number`] gate.
    fn scan(text: &str, lang: Option<&Lang>, mode: Mode) -> Vec<Number> {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        extract_with_chars(text, &chars, lang, mode)
    }

    #[test]
    fn the_gate_only_turns_away_texts_without_numbers() {
        let seed = [
            include_str!("../../examples/seed/zh.txt"),
            include_str!("../../examples/seed/en.txt"),
        ];
        let mut texts: Vec<String> = seed
            .iter()
            .flat_map(|t| t.split(['\n', '。', '.', ',', '，']))
            .map(String::from)
            .collect();
        for t in [
            "Select one of them",
            "the second file",
            "a dozen eggs",
            "twice",
            "May I?",
            "in May 2020",
            "It may fail",
            "星期日",
            "周天",
            "每天",
            "双击打开",
            "两个",
            "首次",
            "第一",
            "百分之五",
            "前三",
            "一些文件",
            "x86_64",
            "IPv6",
            "%1$s",
            "Sunday",
            "Sept",
            "ONE",
            "Both",
            "halfway",
            "oneself",
            "a hundred",
            "an hour",
            "thirty-one",
            "２０２０年",
            "廿",
            "No numbers here.",
            "没有数字",
            "",
        ] {
            texts.push(t.to_string());
        }
        let langs = [Lang::parse("en"), zh(), Lang::parse("de"), None];
        let mut gated = 0;
        for t in &texts {
            for lang in &langs {
                for mode in [Mode::Strict, Mode::Lenient] {
                    let full = scan(t, lang.as_ref(), mode);
                    assert_eq!(extract(t, lang.as_ref(), mode), full, "{t:?}");
                    if !may_hold_number(t, super::english_words(lang.as_ref()), mode) {
                        assert!(full.is_empty(), "{t:?} {lang:?} {mode:?}: {full:?}");
                        gated += 1;
                    }
                }
            }
        }
        // The gate does turn texts away.
        assert!(gated > 50, "{gated}");
    }

    fn vals(text: &str, mode: Mode) -> Vec<f64> {
        extract(text, zh().as_ref(), mode)
            .iter()
            .filter(|n| !n.weak)
            .map(|n| n.value)
            .collect()
    }

    fn strict(text: &str) -> Vec<f64> {
        vals(text, Mode::Strict)
    }

    fn en(text: &str) -> Vec<f64> {
        extract(text, Lang::parse("en").as_ref(), Mode::Strict)
            .iter()
            .filter(|n| !n.weak)
            .map(|n| n.value)
            .collect()
    }

    #[test]
    fn every_not_number_word_is_listed_under_each_of_its_characters() {
        for w in NOT_NUMBERS {
            for c in w.chars() {
                assert!(
                    not_numbers_with(c).is_some_and(|ws| ws.iter().any(|(x, _)| x == w)),
                    "{w} under {c}"
                );
            }
        }
        assert!(not_numbers_with('x').is_none());
    }

    #[test]
    fn arabic_and_fullwidth_digits() {
        assert_eq!(en("in 2020, 52,000 servers"), vec![2020.0, 52000.0]);
        assert_eq!(en("about 5.31 million hosts"), vec![5_310_000.0]);
        assert_eq!(strict("５２，０００台"), vec![52.0, 0.0]);
        assert_eq!(strict("３台主机"), vec![3.0]);
        assert_eq!(en("1,234,567 bytes"), vec![1_234_567.0]);
        assert_eq!(en("pick 1,2 or 3"), vec![1.0, 2.0, 3.0]);
        assert_eq!(en("use -1 for never"), vec![-1.0]);
        assert_eq!(en("pages 3-5"), vec![3.0, 5.0]);
        assert_eq!(en("version 1.2.3"), vec![1.0, 2.0, 3.0]);
        assert_eq!(en("at 12:30"), vec![12.0, 30.0]);
    }

    #[test]
    fn scales() {
        assert_eq!(strict("约5.2万个"), vec![52000.0]);
        assert_eq!(strict("约531万台主机"), vec![5_310_000.0]);
        assert_eq!(strict("3亿人"), vec![3e8]);
        assert_eq!(strict("5千万"), vec![5e7]);
        assert_eq!(strict("100千克"), vec![100.0]);
        assert_eq!(strict("5至10万"), vec![50000.0, 100000.0]);
        assert_eq!(en("2 billion"), vec![2e9]);
        assert_eq!(en("three million"), vec![3e6]);
        assert_eq!(
            extract("3兆", Lang::parse("zh-TW").as_ref(), Mode::Strict)[0].value,
            3e12
        );
        assert_eq!(strict("100兆字节"), vec![100.0]);
    }

    #[test]
    fn percentages() {
        let p = |t: &str| {
            extract(t, zh().as_ref(), Mode::Strict)
                .iter()
                .map(|n| (n.value, n.kind))
                .collect::<Vec<_>>()
        };
        assert_eq!(p("百分之五"), vec![(5.0, NumberKind::Percent)]);
        assert_eq!(p("增长5%"), vec![(5.0, NumberKind::Percent)]);
        assert_eq!(p("三成"), vec![(30.0, NumberKind::Percent)]);
        assert_eq!(p("打八折"), vec![(20.0, NumberKind::Percent)]);
        assert_eq!(p("上升2个百分点"), vec![(2.0, NumberKind::Percent)]);
        assert_eq!(p("三分之一"), vec![(1.0 / 3.0, NumberKind::Fraction)]);
        assert_eq!(en("5 percent"), vec![5.0]);
    }

    #[test]
    fn chinese_numerals() {
        assert_eq!(strict("三个"), vec![3.0]);
        assert_eq!(strict("十一年"), vec![11.0]);
        assert_eq!(strict("两台主机"), vec![2.0]);
        assert_eq!(strict("第三"), vec![3.0]);
        assert_eq!(strict("一百二十人"), vec![120.0]);
        assert_eq!(strict("二〇二〇年"), vec![2020.0]);
        assert_eq!(strict("分列前三位"), vec![3.0]);
        assert_eq!(strict("七八个"), vec![7.0, 8.0]);
        assert_eq!(strict("3至5"), vec![3.0, 5.0]);
        assert_eq!(strict("一万二千"), vec![12000.0]);
        assert_eq!(strict("十二点五米"), vec![12.5]);
        assert_eq!(strict("〇"), vec![0.0]);
        assert_eq!(strict("90年代"), vec![1990.0]);
        assert_eq!(strict("九十年代"), vec![1990.0]);
    }

    #[test]
    fn dates() {
        let k = |t: &str| {
            extract(t, zh().as_ref(), Mode::Strict)
                .iter()
                .map(|n| (n.value, n.kind))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            k("2020年7月20日"),
            vec![
                (2020.0, NumberKind::Year),
                (7.0, NumberKind::Month),
                (20.0, NumberKind::Cardinal)
            ]
        );
        assert_eq!(k("星期三"), vec![(3.0, NumberKind::Weekday)]);
        assert_eq!(k("周日"), vec![(7.0, NumberKind::Weekday)]);
        let e = extract(
            "on July 20 and in the 1990s",
            Lang::parse("en").as_ref(),
            Mode::Strict,
        );
        assert_eq!(
            e.iter().map(|n| n.value).collect::<Vec<_>>(),
            vec![7.0, 20.0, 1990.0]
        );
        assert_eq!(en("You may 3 times"), vec![3.0]);
        assert_eq!(en("on Wednesday"), vec![3.0]);
    }

    #[test]
    fn not_numbers() {
        for t in [
            "一些美西方国家",
            "进一步加强",
            "万一失败",
            "千万不要",
            "两岸关系",
            "一带一路",
            "统一",
            "唯一的",
            "一般情况",
            "一样",
            "一直",
            "一起",
            "十分重要",
            "二进制文件",
            "百分比",
            "北约盟国",
            "数百万",
            "几十个",
            "成千上万",
            "四处",
            "百姓",
        ] {
            assert!(strict(t).is_empty(), "{t}: {:?}", strict(t));
        }
        // weak: an article, or "one of"
        assert!(strict("北约是一个联盟").is_empty());
        assert!(strict("主要受害国之一").is_empty());
        assert!(en("one of the main victims").is_empty());
    }

    #[test]
    fn identifiers_are_not_numbers() {
        for t in [
            "APT-C-39",
            "x86_64",
            "COVID-19",
            "P2P",
            "IPv6",
            "UTF-8",
            "%1$s",
            "SHA-256",
            "see https://example.org/2020/1",
            "MP3",
            "0x1F",
            "ext4",
        ] {
            assert!(en(t).is_empty(), "{t}: {:?}", en(t));
        }
        assert_eq!(en("32-bit"), vec![32.0]);
        assert_eq!(en("100MB"), vec![100.0]);
        assert_eq!(en("the 3rd"), vec![3.0]);
    }

    #[test]
    fn english_words() {
        assert_eq!(en("three hosts"), vec![3.0]);
        assert_eq!(en("eleven years"), vec![11.0]);
        assert_eq!(en("twenty-one days"), vec![21.0]);
        assert_eq!(en("a dozen files"), vec![12.0]);
        assert_eq!(en("one hundred and twenty"), vec![120.0]);
        assert_eq!(en("the third time"), vec![3.0]);
        assert_eq!(en("top three"), vec![3.0]);
        assert_eq!(en("twice"), vec![2.0]);
        assert!(en("thousands of hosts").is_empty());
        assert!(en("Someone").is_empty());
        assert!(en("wait a second").is_empty());
        assert_eq!(en("the second one"), vec![2.0]);
    }

    #[test]
    fn lenient_reads_more() {
        assert_eq!(vals("双因素认证", Mode::Lenient), vec![2.0]);
        assert!(vals("双因素认证", Mode::Strict).is_empty());
        let e = extract("both files", Lang::parse("en").as_ref(), Mode::Lenient);
        assert_eq!(e[0].value, 2.0);
    }

    #[test]
    fn rounding() {
        let s = &extract("约531万台", zh().as_ref(), Mode::Strict)[0];
        let t = extract(
            "about 5.3 million",
            Lang::parse("en").as_ref(),
            Mode::Lenient,
        );
        assert!(s.matches(&t[0]));
        let t = extract(
            "about 5.4 million",
            Lang::parse("en").as_ref(),
            Mode::Lenient,
        );
        assert!(!s.matches(&t[0]));
        let a = &extract("5", None, Mode::Strict)[0];
        let b = &extract("5.4", None, Mode::Strict)[0];
        assert!(!a.matches(b));
    }

    #[test]
    fn hedges() {
        let h = |t: &str| {
            let n = extract(t, zh().as_ref(), Mode::Strict);
            hedge_of(t, &n[0]).map(|h| t[h.span].to_string())
        };
        assert_eq!(h("约5.2万个").as_deref(), Some("约"));
        assert_eq!(h("境内约531万台").as_deref(), Some("约"));
        assert_eq!(h("北约5国"), None);
        assert_eq!(h("5年以上").as_deref(), Some("以上"));
        assert_eq!(h("二十多个").as_deref(), Some("多"));
        assert_eq!(h("3个多月").as_deref(), Some("多"));
        assert_eq!(h("5个多媒体文件"), None);
        assert_eq!(h("最近3天"), None);
        assert_eq!(h("至少8个字符").as_deref(), Some("至少"));
        let e = |t: &str| {
            let n = extract(t, Lang::parse("en").as_ref(), Mode::Strict);
            hedge_of(t, &n[0]).map(|h| t[h.span].to_string())
        };
        assert_eq!(e("about 5.31 million").as_deref(), Some("about"));
        assert_eq!(e("at least 8 characters").as_deref(), Some("at least"));
        assert_eq!(e("20 or more").as_deref(), Some("or more"));
        assert_eq!(e("in 2020"), None);
    }

    #[test]
    fn pairing_uses_each_target_number_once() {
        let s = extract("3个和3个", zh().as_ref(), Mode::Strict);
        let t = extract("3 and 4", Lang::parse("en").as_ref(), Mode::Lenient);
        assert_eq!(pair_numbers(&s, &t), vec![Some(0), None]);
    }

    proptest::proptest! {
        #[test]
        fn never_panics(t in "[0-9０-９.,%\\-约近多以上万亿千百十一二两三四五六七八九〇零第前分之点个年月日星期周北 a-zA-Z需要作为参数]{0,24}") {
            for mode in [Mode::Strict, Mode::Lenient] {
                for lang in [zh(), Lang::parse("en"), Lang::parse("zh-TW"), None] {
                    for n in extract(&t, lang.as_ref(), mode) {
                        assert!(t.is_char_boundary(n.span.start) && t.is_char_boundary(n.span.end));
                        let _ = hedge_of(&t, &n);
                        let _ = hedge_near(&t, &n);
                    }
                }
            }
        }
    }

    #[test]
    fn no_panic_on_odd_input() {
        for t in [
            "",
            "第",
            "前",
            "百分之",
            "分之一",
            "5,",
            "5.",
            "-",
            "三分之",
            "1e5",
            "，，5，000",
        ] {
            let _ = extract(t, zh().as_ref(), Mode::Strict);
            let _ = extract(t, zh().as_ref(), Mode::Lenient);
        }
    }
}
