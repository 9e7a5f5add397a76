//! Bytes of a question file: decoding (UTF-8, BOM, CR/CRLF, NUL), the front matter split and
//! the YAML parse into a question's metadata must never panic, and every error points inside
//! the file.
#![no_main]

use libfuzzer_sys::fuzz_target;
use syllabus::content::meta::QuestionMeta;
use syllabus::content::{frontmatter, yaml};
use syllabus::diagnostics::SourceFile;

fuzz_target!(|data: &[u8]| {
    let path = std::path::Path::new("content/topics/t/q.md");
    let Ok(text) = frontmatter::decode(path, data) else { return };
    let file = SourceFile::new(path, text);
    let split = match frontmatter::split(&file) {
        Ok(split) => split,
        Err(d) => {
            let _ = d.render();
            return;
        }
    };
    if let Err(d) = yaml::parse::<QuestionMeta>(&file, split.yaml_start, split.yaml_end, "a question's front matter") {
        let (_, line, _) = d.location().unwrap_or_default();
        assert!(line <= file.text.lines().count() + 1);
        let _ = d.render();
    }
});
