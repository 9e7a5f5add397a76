//! syllabus: a static-site generator for study guides.
//!
//! A build is a pipeline you can read top to bottom (see [`build`]):
//! [`load`] reads content and theme into the [`content`] model → [`validate`] checks what
//! needs the whole guide → [`render`] turns it into output files in memory → [`output`]
//! writes them. Only `load` and `output` touch the disk.

// Diagnostics travel on the error path only; their size does not matter for speed.
#![allow(clippy::result_large_err)]

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
