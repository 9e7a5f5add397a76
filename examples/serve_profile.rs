//! Times a `serve` rebuild after a one-line edit (not a test; for profiling):
//! `cargo run --release --example serve_profile ROOT FILE` with `REBUILDS=N` (default 10).
//! Prints each rebuild's wall time and the CPU time of all threads (user + system), which
//! a loaded machine inflates far less than wall time; then the medians. The edited file is
//! restored at the end. `PAGES_ONLY=1` leaves the index out (to profile the step before the
//! reload alone, e.g. under `perf record -D` past the first build).
use std::time::{Duration, Instant};

fn cpu_time() -> Duration {
    // SAFETY: getrusage only writes the struct it is given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    tv(usage.ru_utime) + tv(usage.ru_stime)
}

fn median(mut values: Vec<Duration>) -> Duration {
    values.sort();
    values.get(values.len() / 2).copied().unwrap_or_default()
}

fn main() {
    let root = std::path::PathBuf::from(std::env::args().nth(1).expect("ROOT"));
    let file = std::path::PathBuf::from(std::env::args().nth(2).expect("FILE"));
    let original = std::fs::read_to_string(&file).expect("read");
    let mut session = syllabus::serve::session::Session::new(root, false);
    let t = Instant::now();
    session.rebuild().unwrap_or_else(|d| panic!("{}", d.render()));
    println!("first build {:?}", t.elapsed());
    let rebuilds: usize = std::env::var("REBUILDS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10);
    let pages_only = std::env::var_os("PAGES_ONLY").is_some();
    let (mut walls, mut cpus) = (Vec::new(), Vec::new());
    for i in 0..rebuilds {
        std::fs::write(&file, format!("{original}\nedit {i}\n")).expect("write");
        let cpu = cpu_time();
        let r = session.rebuild_pages_after(Some(std::slice::from_ref(&file)));
        let cpu = cpu_time() - cpu;
        let r = r.unwrap_or_else(|d| panic!("{}", d.render()));
        let index_cpu = cpu_time();
        let index = if pages_only { Ok(None) } else { session.finish() };
        let index = index.unwrap_or_else(|d| panic!("{}", d.render()));
        let index_cpu = cpu_time() - index_cpu;
        println!(
            "pages {:?} (cpu {:?}, load and check {:?}, {} rendered), then index {:?} (cpu {:?})",
            r.elapsed,
            cpu,
            r.prepare,
            r.pages_rendered,
            index.map(|i| i.elapsed).unwrap_or_default(),
            index_cpu
        );
        walls.push(r.elapsed);
        cpus.push(cpu);
    }
    std::fs::write(&file, original).expect("restore");
    println!(
        "pages shown after (median): wall {:?}, cpu {:?}",
        median(walls),
        median(cpus)
    );
}
