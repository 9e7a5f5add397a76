//! syllabus: a static-site generator for study guides.
//!
//! A build is a pipeline you can read top to bottom (see [`build`]):
//! [`load`] reads content and theme into the [`content`] model → [`validate`] checks what
//! needs the whole guide → [`render`] turns it into output files in memory → [`output`]
//! writes them. Only `load` and `output` touch the disk.

// Diagnostics travel on the error path only; their size does not matter for speed.
#![allow(clippy::result_large_err)]

/// mimalloc instead of the system's allocator, for every program built from this crate (the
/// command, its tests, benchmarks and examples measure the same thing). A build makes
/// millions of small strings on two threads: with glibc's malloc the 10,000-question build
/// took 27% more CPU time (19.4 s of user time against 14.1 s, `hyperfine -r 5`, one binary
/// after the other), and a `serve` rebuild spent most of its time allocating and freeing
/// (an edit reached the page in 287–352 ms against 172–259 ms). The cost: the build's peak
/// is 1.15 GB instead of 0.94 GB. The fuzz targets build without it (feature `mimalloc`),
/// for the sanitizers.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

pub mod build;
pub mod cli;
pub mod content;
pub mod diagnostics;
pub mod highlight;
pub mod key;
pub mod links;
pub mod load;
pub mod markdown;
pub mod output;
pub mod plan;
pub mod render;
pub mod runner;
pub mod sanitize;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod slug;
pub mod theme;
pub mod urls;
pub mod validate;
