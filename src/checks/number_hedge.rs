//! `number-hedge`: a hedge before a source number (约, 近, 超过, 至少; 以上 after it) with no
//! counterpart (about, nearly, over, at least) next to the number in the target.

use super::{Fixable, RuleMeta, SegmentCtx};
use crate::diagnostic::Severity;
use crate::lang::numbers::{hedge_near, hedge_of, Number};
use crate::segment::Side;

/// The `number-hedge` rule.
pub static NUMBER_HEDGE: RuleMeta = RuleMeta {
    name: "number-hedge",
    default_severity: Severity::Warning,
    summary: "a hedge right before a source number (约, 近, 超过, 至少) has no counterpart \
(about, nearly, over, at least) in the target",
    doc: "## What it does\n\
For every source number that has its equal in the target (see `number-mismatch`), looks \
for a hedge written right before it (约, 大约, 近, 将近, 超过, 逾, 至少, 不到, 最多; `about`, \
`nearly`, `over`, `at least`, `up to`) or right after it (多, 余, 以上, 左右, 以内; `or more`, \
`or so`). When the source has one and no hedge of either language stands near the matched \
number in the target, the hedge is reported. 约 inside 北约 (NATO), 纽约 (New York), 条约, \
预约 or 约定 is no hedge; neither is 近 in 最近 or 附近.\n\n\
The finding points at the hedge in the source (it is what the target lacks).\n\n\
## Why\n\
`约5.2万` is an estimate; `52,000` states an exact count. Dropping `about` turns an estimate \
into a claim the source does not make; adding a false precision is a meaning error that \
a number check alone cannot see.\n\n\
## Example\n\
`位于境外的约5.2万个计算机` / `52,000 servers outside China` -> 约 has no counterpart \
(`about 52,000`).\n\n\
## Options\n\
None.\n\n\
## Fix safety\n\
No fix.",
    fixable: Fixable::No,
};

/// Report hedges of `src_nums` that the paired target numbers lack. Called by the number
/// check, which has already extracted and paired the numbers.
pub(crate) fn check_hedges(
    ctx: &mut SegmentCtx<'_>,
    src: &str,
    tgt: &str,
    src_nums: &[Number],
    tgt_nums: &[Number],
    pairs: &[Option<usize>],
) {
    for (n, p) in src_nums.iter().zip(pairs) {
        let Some(ti) = p else { continue };
        if n.weak {
            continue; // "one or more", "more than one": 一个或多个
        }
        let Some(h) = hedge_of(src, n) else { continue };
        if hedge_near(tgt, &tgt_nums[*ti]) {
            continue;
        }
        let hedge = src[h.span.clone()].to_string();
        let written = tgt[tgt_nums[*ti].span.clone()].to_string();
        let range = h.span.start.min(n.span.start)..h.span.end.max(n.span.end);
        let number = src[n.span.clone()].to_string();
        ctx.report(
            &NUMBER_HEDGE,
            Side::Source,
            range,
            format!(
                "`{hedge}` qualifies `{number}`, but the translation states `{written}` without a hedge"
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::{findings_of, run_pair};
    use crate::config::Options;

    fn hedges(sl: &str, src: &str, tl: &str, tgt: &str) -> Vec<String> {
        let d = run_pair(Some((sl, src)), (tl, tgt), None, &Options::default());
        findings_of(&d, "number-hedge")
            .into_iter()
            .map(String::from)
            .collect()
    }

    #[test]
    fn seed_article_reports_the_dropped_yue() {
        let zh = include_str!("../../examples/seed/zh.txt");
        let en = include_str!("../../examples/seed/en.txt");
        assert_eq!(hedges("zh", zh.trim(), "en", en.trim()), vec!["约5.2万"]);
    }

    #[test]
    fn flags_dropped_hedges() {
        for (src, tgt, want) in [
            (
                "位于境外的约5.2万个计算机",
                "52,000 computers outside China",
                "约5.2万",
            ),
            ("超过300万用户", "3 million users", "超过300万"),
            ("至少8个字符", "8 characters", "至少8"),
            ("将近十年", "ten years", "将近十"),
            ("5年以上", "5 years", "5年以上"),
            ("二十多个国家", "twenty countries", "二十多"),
        ] {
            assert_eq!(hedges("zh", src, "en", tgt), vec![want], "{src} / {tgt}");
        }
        assert_eq!(
            hedges("en", "at least 8 characters", "zh", "8 个字符"),
            vec!["at least 8"]
        );
        assert_eq!(
            hedges("en", "about 5 minutes", "zh", "5 分钟"),
            vec!["about 5"]
        );
        assert_eq!(
            hedges(
                "en",
                "The sum of lc and lp must not exceed 4",
                "zh",
                "lc 和 lp 的和必须是 4"
            ),
            vec!["exceed 4"]
        );
    }

    #[test]
    fn accepts_kept_hedges_and_non_hedges() {
        for (src, tgt) in [
            (
                "控制了中国境内约531万台主机",
                "controlled about 5.31 million mainframes in China",
            ),
            ("北约是一个联盟。", "NATO is an alliance."),
            ("北约5国", "5 NATO countries"),
            ("纽约3家银行", "3 banks in New York"),
            ("超过300万用户", "more than 3 million users"),
            ("至少8个字符", "at least 8 characters"),
            ("近十年来", "over the past ten years"),
            ("5年以上", "5 years or more"),
            ("约5.2万个", "an estimated 52,000"),
            ("最近3天", "the last 3 days"),
            ("长达11年", "for as long as 11 years"),
            ("二十多个国家", "more than twenty countries"),
        ] {
            assert_eq!(
                hedges("zh", src, "en", tgt),
                Vec::<String>::new(),
                "{src} / {tgt}"
            );
        }
        for (src, tgt) in [
            (
                "Usernames must be no more than 32 bytes",
                "用户名长度不得超过 32 个字节",
            ),
            ("at least 8 characters", "至少 8 个字符"),
            ("less than 1 minute", "不到 1 分钟"),
            ("within 5 days", "5 天内"),
            ("up to 3 times", "最多 3 次"),
            ("about 5 minutes", "大约 5 分钟"),
            ("about 5 minutes", "5 分钟左右"),
            ("Specify one or more page ranges", "指定一个或多个页面范围"),
            ("more than one row returned", "返回了多于一列"),
            (
                "GNU GPL version 3 or later",
                "GNU GPL 许可证第三版或者更新版本",
            ),
        ] {
            assert_eq!(
                hedges("en", src, "zh", tgt),
                Vec::<String>::new(),
                "{src} / {tgt}"
            );
        }
    }
}
