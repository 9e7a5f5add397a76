//! A Markdown body: outline, render with highlighting, and minify, exactly as a page is built
//! once validation accepted it (bodies with markup problems are rejected before rendering).
#![no_main]

use libfuzzer_sys::fuzz_target;
use syllabus::highlight::Highlighter;
use syllabus::markdown::{self, RenderEnv};

fuzz_target!(|body: &str| {
    let outline = markdown::outline(body);
    if !outline.problems.is_empty() {
        return;
    }
    thread_local! {
        static HIGHLIGHTER: Highlighter = Highlighter::new();
    }
    HIGHLIGHTER.with(|highlighter| {
        let collapsed = |title: &str| title == "Solution";
        let link = |dest: &str| dest.strip_suffix(".md").map(|s| format!("../{s}/index.html"));
        // Half the inputs render as on a print page (prefixed ids, shifted headings, open
        // sections).
        let print = body.len() % 2 == 1;
        let html = markdown::render(
            body,
            &RenderEnv {
                highlighter,
                collapsed: &collapsed,
                link: &link,
                id_prefix: if print { "doc--" } else { "" },
                heading_shift: if print { 2 } else { 0 },
                print,
            },
        );
        let _ = syllabus::render::minify(html.as_bytes());
    });
    let _ = markdown::first_paragraph(body, 160);
});
