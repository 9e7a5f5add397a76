//! `syllabus test`: runs the Python of every page. A page's ```python blocks form one
//! program (blocks marked `no-run` are skipped), run by `harness.py`, which then calls every
//! top-level `test_*` function.
//!
//! The program keeps each block on the line it has in the Markdown file and is compiled under
//! the Markdown file's name, so tracebacks point at the guide's own lines.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::content::Document;
use crate::markdown;

const HARNESS: &str = include_str!("harness.py");

#[derive(Debug, Clone)]
pub struct TestOptions {
    pub python: String,
    pub jobs: usize,
    pub timeout: Duration,
}

/// One page's Python, ready to run.
#[derive(Debug, Clone)]
pub struct PageProgram {
    /// The Markdown file, as shown to the user.
    pub path: PathBuf,
    /// Absolute path, under which the program is compiled.
    pub absolute: PathBuf,
    pub source: String,
    pub runnable: usize,
    pub skipped: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Passed {
        tests: usize,
    },
    Failed {
        output: String,
    },
    TimedOut,
    /// No runnable blocks.
    Skipped,
}

#[derive(Debug, Clone)]
pub struct PageResult {
    pub program: PageProgram,
    pub outcome: Outcome,
    pub elapsed: Duration,
}

fn is_python(lang: &str) -> bool {
    matches!(lang, "python" | "py" | "python3")
}

/// Extracts a document's runnable Python into a program whose lines match the file's.
pub fn program_for(doc: &Document, root: &Path) -> PageProgram {
    let outline = markdown::outline(doc.body());
    let body_line = doc.source.text[..doc.body_start].matches('\n').count();
    let total_lines = doc.source.text.lines().count() + 1;
    let mut lines = vec![""; total_lines];
    let (mut runnable, mut skipped) = (0, 0);
    for block in outline.code_blocks.iter().filter(|b| is_python(&b.lang)) {
        if block.flags.iter().any(|f| f == "no-run") {
            skipped += 1;
            continue;
        }
        runnable += 1;
        for (i, line) in block.code.lines().enumerate() {
            let at = body_line + block.first_line + i;
            if at < lines.len() {
                lines[at] = line;
            }
        }
    }
    let absolute = std::path::absolute(root.join(&doc.source.path)).unwrap_or_else(|_| root.join(&doc.source.path));
    PageProgram {
        path: doc.source.path.clone(),
        absolute,
        source: lines.join("\n") + "\n",
        runnable,
        skipped,
    }
}

/// Checks that the interpreter exists before running anything: a missing Python must fail
/// loudly, never count as a pass.
pub fn check_python(python: &str) -> Result<String, String> {
    match Command::new(python).arg("--version").output() {
        Ok(out) if out.status.success() => Ok(String::from_utf8_lossy(&out.stdout).trim().to_string()),
        Ok(out) => Err(format!(
            "`{python} --version` failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        )),
        Err(err) => Err(format!("cannot run the Python interpreter `{python}`: {err}")),
    }
}

pub fn run_all(programs: Vec<PageProgram>, options: &TestOptions) -> Vec<PageResult> {
    let pool = rayon::ThreadPoolBuilder::new().num_threads(options.jobs.max(1)).build();
    let run = || {
        programs
            .into_par_iter()
            .map(|p| run_one(p, options))
            .collect::<Vec<_>>()
    };
    match pool {
        Ok(pool) => pool.install(run),
        Err(_) => run(),
    }
}

fn run_one(program: PageProgram, options: &TestOptions) -> PageResult {
    let started = Instant::now();
    if program.runnable == 0 {
        return PageResult {
            program,
            outcome: Outcome::Skipped,
            elapsed: started.elapsed(),
        };
    }
    let outcome = execute(&program, options).unwrap_or_else(|err| Outcome::Failed {
        output: format!("could not run the page: {err}"),
    });
    PageResult {
        program,
        outcome,
        elapsed: started.elapsed(),
    }
}

fn execute(program: &PageProgram, options: &TestOptions) -> std::io::Result<Outcome> {
    let dir = tempfile::tempdir()?;
    let harness = dir.path().join("_syllabus_harness.py");
    let source = dir.path().join("_syllabus_page.py");
    std::fs::write(&harness, HARNESS)?;
    std::fs::write(&source, &program.source)?;
    let log_path = dir.path().join("_syllabus_output.txt");
    let log = std::fs::File::create(&log_path)?;
    let mut child = Command::new(&options.python)
        .arg(&harness)
        .arg(&source)
        .arg(&program.absolute)
        .current_dir(dir.path())
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .env("PYTHONHASHSEED", "0")
        .stdin(Stdio::null())
        .stdout(log.try_clone()?)
        .stderr(log)
        .spawn()?;
    let deadline = Instant::now() + options.timeout;
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break Some(status);
        }
        if Instant::now() >= deadline {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let mut output = String::new();
    std::fs::File::open(&log_path)?.read_to_string(&mut output)?;
    Ok(match status {
        None => Outcome::TimedOut,
        Some(status) if status.success() => Outcome::Passed {
            tests: parse_test_count(&output),
        },
        Some(_) => Outcome::Failed {
            output: clean_output(&output),
        },
    })
}

fn parse_test_count(output: &str) -> usize {
    output
        .lines()
        .rev()
        .find_map(|l| l.strip_prefix("@@syllabus tests="))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

fn clean_output(output: &str) -> String {
    output
        .lines()
        .filter(|l| !l.starts_with("@@syllabus "))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::SourceFile;

    #[test]
    fn program_keeps_markdown_line_numbers() {
        let text = "---\ntitle: x\n---\nIntro\n\n```python\nx = 1\n```\n\n```python no-run\nboom(\n```\n\n```python\ny = 2\n```\n";
        let doc = Document {
            source: SourceFile::new("content/pages/x.md", text),
            body_start: 16,
        };
        let program = program_for(&doc, Path::new("."));
        let lines: Vec<&str> = program.source.lines().collect();
        assert_eq!(lines[6], "x = 1"); // line 7 of the file
        assert_eq!(lines[14], "y = 2"); // line 15
        assert!(!program.source.contains("boom"));
        assert_eq!((program.runnable, program.skipped), (2, 1));
    }
}
