//! termlint: translation-quality and glossary-consistency checks.
