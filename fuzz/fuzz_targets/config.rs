//! termlint.toml: any text gives a configuration or an error with a position inside the
//! text, never a panic; custom patterns compile within their limits.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::path::Path;
use termlint::config::Config;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match Config::parse(text, "termlint.toml", Path::new("/nonexistent/project")) {
        Ok(config) => {
            let mut rules = termlint::checks::RuleSettings::defaults();
            config.apply_rules(&mut rules);
            let _ = config.selects(Path::new("/nonexistent/project/po/zh_CN.po"));
            let _ = config.excludes(Path::new("/nonexistent/project/vendor/x.po"));
        }
        Err(e) => {
            if let Some((line, col)) = e.position {
                assert!(line >= 1 && col >= 1, "position {line}:{col}");
                assert!(line <= text.lines().count().max(1) + 1, "line {line} past the end");
            }
        }
    }
});
