//! `term-missing` and `term-forbidden`: glossary terms in the source and their renderings in
//! the target.

use super::{Check, Fixable, RuleMeta, SegmentCtx};
use crate::diagnostic::Severity;

/// The `term-missing` rule.
pub const TERM_MISSING: RuleMeta = RuleMeta {
    name: "term-missing",
    default_severity: Severity::Warning,
    summary: "a glossary term occurs in the source and none of its renderings in the target",
    doc: "## What it does\nTODO\n",
    fixable: Fixable::No,
};

/// The `term-forbidden` rule.
pub const TERM_FORBIDDEN: RuleMeta = RuleMeta {
    name: "term-forbidden",
    default_severity: Severity::Error,
    summary: "a forbidden rendering of a term occurs in the target",
    doc: "## What it does\nTODO\n",
    fixable: Fixable::Unsafe,
};

/// Glossary terminology.
pub struct Terms;

impl Check for Terms {
    fn rules(&self) -> &'static [&'static RuleMeta] {
        &[&TERM_MISSING, &TERM_FORBIDDEN]
    }

    fn check_segment(&self, _ctx: &mut SegmentCtx<'_>) {}
}
