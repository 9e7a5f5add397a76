//! How fast syntect parses Python with our grammar and with its bundled one.
//!
//! `cargo run --release --example python_grammar_speed [DIR]` parses every ```python block
//! of the Markdown files under DIR (default `content/`) with both grammars, five rounds each,
//! and prints the median time per line. Try it on a benchmark corpus too:
//! `python3 bench/gen_corpus.py 2000 /tmp/c && cargo run --release --example
//! python_grammar_speed /tmp/c/syllabus/content`.

use std::path::Path;
use std::time::Instant;

use syntect::parsing::{ParseState, SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;

/// Median seconds per line over five rounds of parsing every block.
fn seconds_per_line(blocks: &[String], set: &SyntaxSet, syntax: &SyntaxReference) -> f64 {
    let lines: usize = blocks.iter().map(|b| b.lines().count()).sum();
    let mut rounds: Vec<f64> = (0..5)
        .map(|_| {
            let start = Instant::now();
            for code in blocks {
                let mut state = ParseState::new(syntax);
                for line in LinesWithEndings::from(code) {
                    if state.parse_line(line, set).is_err() {
                        break;
                    }
                }
            }
            start.elapsed().as_secs_f64() / lines.max(1) as f64
        })
        .collect();
    rounds.sort_by(f64::total_cmp);
    rounds[2]
}

fn main() {
    let root = std::env::args().nth(1).unwrap_or_else(|| "content".into());
    let blocks = syllabus::highlight::python_blocks(Path::new(&root));
    let lines: usize = blocks.iter().map(|b| b.lines().count()).sum();
    let bundled_set = SyntaxSet::load_defaults_newlines();
    let Some(bundled) = bundled_set.find_syntax_by_token("python") else {
        eprintln!("syntect has no bundled Python grammar");
        return;
    };
    let ours_set = syllabus::highlight::python_syntax_set();
    let Some(ours) = ours_set.syntaxes().first() else {
        eprintln!("our grammar does not load: run `cargo test python_grammar` for the error");
        return;
    };
    let theirs = seconds_per_line(&blocks, &bundled_set, bundled);
    let mine = seconds_per_line(&blocks, &ours_set, ours);
    println!(
        "{} blocks, {lines} lines under {root} (median of 5 rounds, one thread)",
        blocks.len()
    );
    println!("bundled grammar: {:.1} µs/line", theirs * 1e6);
    println!(
        "our grammar:     {:.1} µs/line ({:.1}x faster)",
        mine * 1e6,
        theirs / mine
    );
}
