//! Times the stages of a `serve` rebuild after a one-line edit (not a test; for profiling).
use std::time::Instant;
fn main() {
    let root = std::path::PathBuf::from(std::env::args().nth(1).expect("ROOT"));
    let file = std::path::PathBuf::from(std::env::args().nth(2).expect("FILE"));
    stages(&root);
    let mut session = syllabus::serve::session::Session::new(root, false);
    let t = Instant::now();
    session.rebuild().unwrap_or_else(|d| panic!("{}", d.render()));
    println!("first build {:?}", t.elapsed());
    for i in 0..5 {
        let text = std::fs::read_to_string(&file).expect("read");
        std::fs::write(&file, format!("{text}\nedit {i}\n")).expect("write");
        let r = session.rebuild().unwrap_or_else(|d| panic!("{}", d.render()));
        println!(
            "rebuild {:?} prepare {:?} pages {}",
            r.elapsed, r.prepare, r.pages_rendered
        );
    }
}

#[allow(dead_code)]
fn stages(root: &std::path::Path) {
    let prepared = syllabus::build::prepare(root, false).unwrap_or_else(|d| panic!("{}", d.render()));
    let t = Instant::now();
    let files = syllabus::search::outputs(&prepared.checked, &prepared.guide);
    println!("search {:?} ({} files)", t.elapsed(), files.len());
    let t = Instant::now();
    let _ = syllabus::highlight::Highlighter::stylesheets();
    println!("stylesheets {:?}", t.elapsed());
    let t = Instant::now();
    let _ = syllabus::plan::outputs(&prepared.guide, "https://x/");
    println!("plan {:?}", t.elapsed());
}
