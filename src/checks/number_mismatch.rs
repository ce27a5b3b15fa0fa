//! `number-mismatch`: a number of the source has no equal in the target. The same analysis
//! feeds `number-hedge` (see [`super::number_hedge`]).

use super::number_hedge::{check_hedges, NUMBER_HEDGE};
use super::{Check, Fixable, RuleMeta, SegmentCtx};
use crate::diagnostic::Severity;
use crate::lang::numbers::{extract, pair_numbers, Mode, Number, NumberKind};
use crate::segment::Side;

/// The `number-mismatch` rule.
pub static NUMBER_MISMATCH: RuleMeta = RuleMeta {
    name: "number-mismatch",
    default_severity: Severity::Error,
    summary: "a number in the source has no equal in the target (unit-aware: 5.2万 = 52,000, \
531万 = 5.31 million, 三 = 3 = three)",
    doc: "## What it does\n\
Reads the numbers of the source and of the target with their values and checks that every \
number of the source has an equal in the target. Values are compared, not spellings: \
Arabic and full-width digits, thousands separators, decimals, percentages (百分之五 = 5%, \
三成 = 30%, 打八折 = 20% off), Chinese numerals (三, 十一, 两, 一百二十, 二〇二〇), the scales \
万, 亿 and 兆 (zh-TW: 10^12) against `thousand`, `million`, `billion`, English number words \
(`three`, `twenty-one`, `a dozen`), ordinals (第三 = `third` = `3rd`, 前三位 = `top three`), \
dates (2020年7月20日, 7月 = `July`, 星期三 = `Wednesday`, 90年代 = `the 1990s`) and ranges \
(3至5, 七八个 = 7-8, 5至10万 = 50,000-100,000). A value written with a scale may be rounded \
to the precision the other side writes (531万 ~ `5.3 million`). Each target number answers \
one source number.\n\n\
Words that contain a numeral without being numbers (一些, 进一步, 万一, 千万, 两岸, 一带一路, \
统一, 十分) are ignored; a single Chinese numeral counts only with a measure word (三个, 两台), \
after 第 or 前, or standing alone. A word-written one (一个 as an article, `one of` = 之一) is \
never required. Numbers inside identifiers, placeholders and URLs (`APT-C-39`, `x86_64`, \
`COVID-19`, `UTF-8`, `%1$s`) are not numbers. Extra numbers in the target are not flagged.\n\n\
The finding points at the source number that is missing from the target.\n\n\
## Why\n\
A wrong or lost number is the translation error that does the most harm and that readers \
cannot detect.\n\n\
## Example\n\
`位于境外的约5.2万个计算机` / `5,200 servers outside China` -> `5.2万` (52000) has no equal.\n\n\
## Options\n\
None.\n\n\
## Fix safety\n\
No fix: the right number has to be chosen by a person.",
    fixable: Fixable::No,
};

/// Numbers and their hedges.
pub struct NumberCheck;

impl Check for NumberCheck {
    fn prewarm(&self, _rules: &super::RuleSettings) {
        crate::lang::numbers::prewarm();
    }

    fn rules(&self) -> &'static [&'static RuleMeta] {
        static RULES: [&RuleMeta; 2] = [&NUMBER_MISMATCH, &NUMBER_HEDGE];
        &RULES
    }

    fn check_segment(&self, ctx: &mut SegmentCtx<'_>) {
        let mismatch = ctx.enabled(&NUMBER_MISMATCH);
        let hedge = ctx.enabled(&NUMBER_HEDGE);
        if !mismatch && !hedge {
            return;
        }
        let (Some(source), Some(target)) = (ctx.source(), ctx.target()) else {
            return;
        };
        let (src, tgt) = (source.as_str(), target.as_str());
        if tgt.trim().is_empty() || src == tgt {
            return;
        }
        let mut src_nums = extract(src, ctx.lang(Side::Source), Mode::Strict);
        if src_nums.is_empty() {
            return;
        }
        if ctx.seg.plural_index().is_some() {
            // A singular msgid ("1 file") answered by a general form ("%d 个文件").
            for n in &mut src_nums {
                if n.value == 1.0 {
                    n.weak = true;
                }
            }
        }
        let tgt_nums = extract(tgt, ctx.lang(Side::Target), Mode::Lenient);
        let pairs = pair_numbers(&src_nums, &tgt_nums);
        if mismatch {
            for (n, p) in src_nums.iter().zip(&pairs) {
                if p.is_none() && !n.weak {
                    let written = &src[n.span.clone()];
                    let msg = if written.trim() == show(n) {
                        format!("`{written}` has no equal in the translation")
                    } else {
                        format!("`{written}` ({}) has no equal in the translation", show(n))
                    };
                    ctx.report(&NUMBER_MISMATCH, Side::Source, n.span.clone(), msg);
                }
            }
        }
        if hedge {
            check_hedges(ctx, src, tgt, &src_nums, &tgt_nums, &pairs);
        }
    }
}

/// A number's value as a person writes it: `52000`, `5310000`, `30%`, `1/3`.
pub(crate) fn show(n: &Number) -> String {
    let v = if n.value.fract() == 0.0 && n.value.abs() < 1e15 {
        format!("{}", n.value as i64)
    } else {
        let s = format!("{:.4}", n.value);
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    };
    match n.kind {
        NumberKind::Percent => format!("{v}%"),
        NumberKind::Ordinal => format!("#{v}"),
        NumberKind::Month => format!("month {v}"),
        NumberKind::Weekday => format!("weekday {v}"),
        NumberKind::Decade => format!("the {v}s"),
        _ => v,
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::{findings_of, run_pair};
    use crate::config::Options;

    fn zh_en(src: &str, tgt: &str) -> Vec<String> {
        let d = run_pair(Some(("zh", src)), ("en", tgt), None, &Options::default());
        findings_of(&d, "number-mismatch")
            .into_iter()
            .map(String::from)
            .collect()
    }

    fn en_zh(src: &str, tgt: &str) -> Vec<String> {
        let d = run_pair(Some(("en", src)), ("zh-CN", tgt), None, &Options::default());
        findings_of(&d, "number-mismatch")
            .into_iter()
            .map(String::from)
            .collect()
    }

    #[test]
    fn seed_article_has_no_false_mismatch() {
        let zh = include_str!("../../examples/seed/zh.txt");
        let en = include_str!("../../examples/seed/en.txt");
        assert_eq!(zh_en(zh.trim(), en.trim()), Vec::<String>::new());
    }

    #[test]
    fn flags_changed_numbers() {
        assert_eq!(
            zh_en("约5.2万个计算机恶意程序", "5,200 malicious programs"),
            vec!["5.2万"]
        );
        assert_eq!(
            zh_en(
                "长达11年的网络渗透攻击",
                "cyber attacks for as long as 12 years"
            ),
            vec!["11"]
        );
        assert_eq!(zh_en("分列前三位", "are among the top two"), vec!["前三"]);
        assert_eq!(zh_en("2020年7月20日", "on 20 June 2020"), vec!["7"]);
        assert_eq!(zh_en("增长了百分之五", "grew by 50%"), vec!["百分之五"]);
        assert_eq!(zh_en("3亿人", "30 million people"), vec!["3亿"]);
        assert_eq!(
            en_zh(
                "Usernames must be no more than 32 bytes in length",
                "用户名长度不得超过 23 个字节"
            ),
            vec!["32"]
        );
        assert_eq!(
            en_zh(
                "Please migrate it to version 0.6 (or higher).",
                "请迁移至 0.8 版本（或更高）。"
            ),
            vec!["0.6"]
        );
        assert_eq!(en_zh("three files", "两个文件"), vec!["three"]);
        assert_eq!(en_zh("from 1 to %i", "从一个 2 到 %i"), vec!["1"]);
        // real errors found in the zh_CN catalogs of this machine
        assert_eq!(
            en_zh(
                "control directory has bad permissions %03lo (must be >=0755 and <=0775)",
                "control目录的的权限位是 %03lo (必须 >=0755 且 <=0755)"
            ),
            vec!["0775"]
        );
        assert_eq!(
            en_zh("Ubuntu 5.04 Updates", "Ubuntu 5.10 更新"),
            vec!["5.04"]
        );
        assert_eq!(
            en_zh(
                "Maximum time allowed between two clicks",
                "把九次单击鼠标视作双击所允许的最大时间间隔"
            ),
            vec!["two"]
        );
        assert_eq!(en_zh("Wait 5 seconds", "等待几秒"), vec!["5"]);
    }

    #[test]
    fn accepts_equal_values_in_other_spellings() {
        for (zh, en) in [
            (
                "控制了中国境内约531万台主机",
                "controlled about 5.31 million hosts",
            ),
            ("约531万台主机", "about 5.3 million hosts"),
            ("北约是一个联盟。", "NATO is an alliance."),
            (
                "中国是网络攻击的主要受害国之一。",
                "China is one of the main victims of cyber-attack.",
            ),
            (
                "美国及其北约盟国分列前三位",
                "the US and its NATO allies are among the top three",
            ),
            ("三个国家", "three countries"),
            ("两台主机", "two hosts"),
            ("第三次", "the third time"),
            ("第三次", "the 3rd time"),
            ("十一年", "11 years"),
            ("一百二十人", "120 people"),
            ("增长了百分之五", "grew by 5%"),
            ("增长了百分之五", "grew by five percent"),
            ("三成用户", "30% of users"),
            ("打八折", "20% off"),
            ("上升了2个百分点", "rose by 2 percentage points"),
            ("7月", "July"),
            ("2020年7月20日", "July 20, 2020"),
            ("90年代", "the 1990s"),
            ("七八个人", "7 or 8 people"),
            ("3至5天", "3 to 5 days"),
            ("5至10万", "50,000 to 100,000"),
            ("3亿人", "300 million people"),
            (
                "一些国家进一步加强了统一管理",
                "some countries further strengthened unified management",
            ),
            ("万一失败，千万不要放弃", "if it fails, never give up"),
            (
                "两岸关系与一带一路",
                "cross-strait relations and the Belt and Road",
            ),
            ("APT-C-39组织", "the APT-C-39 group"),
            ("星期三", "Wednesday"),
            ("１２个", "12"),
        ] {
            assert_eq!(zh_en(zh, en), Vec::<String>::new(), "{zh} / {en}");
        }
        for (en, zh) in [
            (
                "Please enter a number from 1 to %i: ",
                "请输入一个 1 到 %i 之间的数字：",
            ),
            ("Two-factor authentication", "双因素认证"),
            ("both files", "两个文件"),
            ("Use -1 for 'never'.", "使用 -1 为“永不”。"),
            ("Python (Version 2)", "Python 2"),
            ("Index 4×6 ext", "Index 4x6 ext"),
            (
                "multitransaction offset (-O) must not be -1",
                "多事务偏移量（-O）不能为-1",
            ),
            (
                "extra_float_digits must be in range -15..3",
                "extra_float_digits必须在-15到3之间",
            ),
            (
                "not been vacuumed in over 2 billion transactions",
                "在超过 20 亿笔事物后没有做清理",
            ),
            ("cannot rebase onto > 1 branch", "不能变基到一个以上的分支"),
            ("1 document queued", "一个排队的文档"),
            ("the number must start with a 0 (zero).", "数值必须以0开头"),
            (
                "Whether to hint Xft fonts; 0=no, 1=yes, -1=default",
                "是否要对 Xft 字体微调；0=否，1=是，-1=默认",
            ),
            (
                "Zero prints all actions. -1 turns logging off.",
                "0表示打印出所有的操作.-1表示关闭日志记录功能",
            ),
            (
                "The screenshot caption is too long (should be <= 100 characters)",
                "截图标题太长（应该 <= 100 个字符）",
            ),
            ("The first paragraph", "第一段"),
            ("CC0-1.0 or 0BSD", "MIT 或 CC0-1.0"),
            ("3D Graphics", "3D 图形"),
            ("Everyone 10+", "10 岁及以上"),
            ("see apt-get(8)", "见 apt-get(8)"),
            ("one hundred files", "100 个文件"),
            ("a dozen files", "十二个文件"),
        ] {
            assert_eq!(en_zh(en, zh), Vec::<String>::new(), "{en} / {zh}");
        }
    }

    #[test]
    fn span_is_the_source_number() {
        let d = run_pair(
            Some(("zh", "共有3台")),
            ("en", "there are 4"),
            None,
            &Options::default(),
        );
        let f: Vec<_> = d.iter().filter(|d| d.rule == "number-mismatch").collect();
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].side, crate::segment::Side::Source);
        assert_eq!(f[0].start.column, 3);
    }

    #[test]
    fn each_target_number_answers_once() {
        assert_eq!(zh_en("3个和3个", "3 and 4"), vec!["3"]);
    }
}
