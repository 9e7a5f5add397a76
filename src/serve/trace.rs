//! `SYLLABUS_SERVE_TRACE=1`: one stderr line per step of an edit's way to the browser
//! (`trace <unix ms> <step>`), so that `bench/serve_latency.js --trace` can put the server's
//! steps and the browser's on one clock. Off by default; it costs one check per step.

use std::sync::OnceLock;
use std::time::{SystemTime, UNIX_EPOCH};

fn enabled() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("SYLLABUS_SERVE_TRACE").is_some_and(|v| !v.is_empty() && v != "0"))
}

/// Prints `step` with the wall-clock time (the browser's clock is the same one).
pub fn step(step: impl FnOnce() -> String) {
    if enabled() {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0.0, |d| d.as_secs_f64() * 1000.0);
        crate::cli::tell!("trace {now:.3} {}", step());
    }
}
