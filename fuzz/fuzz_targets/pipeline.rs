//! The whole prepare-and-render pipeline over a small guide whose question file is the input:
//! load, validate, plan, search, render and minify must report problems, never panic.
#![no_main]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

/// A guide (tests/fixtures/basic plus the default theme) copied once into a temp folder.
fn guide() -> &'static PathBuf {
    static GUIDE: OnceLock<PathBuf> = OnceLock::new();
    GUIDE.get_or_init(|| {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let dir = tempfile::tempdir().expect("tempdir").keep();
        copy(&repo.join("tests/fixtures/basic"), &dir);
        copy(&repo.join("themes"), &dir.join("themes"));
        dir
    })
}

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read_dir").flatten() {
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let root = guide();
    std::fs::write(root.join("content/topics/arrays/fuzzed.md"), data).expect("write input");
    if let Ok(prepared) = syllabus::build::prepare(root, true) {
        let _ = syllabus::build::render_site(&prepared, None, true);
    }
});
