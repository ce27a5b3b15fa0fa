//! Time loading, validating and indexing a glossary in one process, the best of N runs:
//! wall clock and (on Linux) process CPU time, for each phase.
//!
//! Run: `cargo run --release --example glossary_timing -- GLOSSARY [RUNS]`

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use termlint::glossary::{validate, Glossary, TermIndex};

/// CPU time of this process (all threads) in seconds, where /proc tells it.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let fields: Vec<&str> = stat.rsplit(')').next()?.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

/// The allocator of the `termlint` binary, so that the times are the binary's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    termlint::tune_allocator();
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: glossary_timing GLOSSARY [RUNS]");
        return ExitCode::from(2);
    };
    let runs: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(5);
    // Best wall and CPU of: load, validate, index.
    let mut best = [f64::MAX; 6];
    for _ in 0..runs.max(1) {
        let (t0, c0) = (Instant::now(), cpu_seconds());
        let glossary = match Glossary::load(Path::new(&path)) {
            Ok(g) => g,
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::from(2);
            }
        };
        let (t1, c1) = (Instant::now(), cpu_seconds());
        let findings = validate::validate(&glossary);
        let (t2, c2) = (Instant::now(), cpu_seconds());
        let index = TermIndex::from_entries(glossary.entries);
        let (t3, c3) = (Instant::now(), cpu_seconds());
        let cpu = |a: Option<f64>, b: Option<f64>| a.zip(b).map_or(f64::NAN, |(a, b)| b - a);
        let times = [
            (t1 - t0).as_secs_f64(),
            cpu(c0, c1),
            (t2 - t1).as_secs_f64(),
            cpu(c1, c2),
            (t3 - t2).as_secs_f64(),
            cpu(c2, c3),
        ];
        for (b, t) in best.iter_mut().zip(times) {
            *b = b.min(t);
        }
        std::hint::black_box((&index, &findings));
    }
    let ms = |s: f64| s * 1e3;
    println!(
        "{path}: best of {runs}: load {:.0} ms (CPU {:.0} ms), validate {:.0} ms (CPU {:.0} ms), index {:.0} ms (CPU {:.0} ms)",
        ms(best[0]),
        ms(best[1]),
        ms(best[2]),
        ms(best[3]),
        ms(best[4]),
        ms(best[5])
    );
    ExitCode::SUCCESS
}
