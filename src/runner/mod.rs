//! `syllabus test`: runs the Python of every page. A page's ```python blocks form one
//! program (blocks marked `no-run` are skipped), run by `harness.py`, which then calls every
//! top-level `test_*` function.
//!
//! The program keeps each block on the line it has in the Markdown file and is compiled under
//! the Markdown file's name, so tracebacks point at the guide's own lines.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicI32, Ordering};
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

/// The interpreter behind `python` (`sys.executable`), so pages start it directly instead
/// of through a launcher script such as a pyenv shim, once per page.
pub fn resolve_python(python: &str) -> String {
    match Command::new(python)
        .args(["-I", "-c", "import sys; print(sys.executable)"])
        .output()
    {
        Ok(out) if out.status.success() => {
            let path = String::from_utf8_lossy(&out.stdout).trim().to_string();
            if path.is_empty() { python.to_string() } else { path }
        }
        _ => python.to_string(),
    }
}

pub fn run_all(programs: Vec<PageProgram>, options: &TestOptions) -> Vec<PageResult> {
    catch_signals();
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
    if interrupted() {
        return PageResult {
            program,
            outcome: Outcome::Failed {
                output: "not run: interrupted".to_string(),
            },
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

/// The signal (SIGINT or SIGTERM) that stopped the run, 0 while none came: every page then
/// kills its process group, its temp folder is removed, pages not started yet are not
/// started, and `syllabus test` exits with 128 + the signal (130, 143) as shells expect.
static INTERRUPTED: AtomicI32 = AtomicI32::new(0);

/// Whether a Ctrl-C or SIGTERM stopped the run.
pub fn interrupted() -> bool {
    interrupt_signal().is_some()
}

/// The signal that stopped the run, if one did.
pub fn interrupt_signal() -> Option<i32> {
    match INTERRUPTED.load(Ordering::SeqCst) {
        0 => None,
        signal => Some(signal),
    }
}

#[cfg(unix)]
extern "C" fn on_signal(signal: libc::c_int) {
    // Only an atomic store: async-signal-safe. The page loops see it within milliseconds.
    INTERRUPTED.store(signal, Ordering::SeqCst);
}

/// Routes Ctrl-C and SIGTERM to [`INTERRUPTED`] for the rest of the process.
fn catch_signals() {
    #[cfg(unix)]
    // SAFETY: the handler only stores to an atomic.
    unsafe {
        let handler = on_signal as extern "C" fn(libc::c_int) as libc::sighandler_t;
        libc::signal(libc::SIGINT, handler);
        libc::signal(libc::SIGTERM, handler);
    }
}

/// Output kept per page: the first and the last half of this, with a line saying how much
/// was cut between them. A page printing gigabytes costs a megabyte.
pub const OUTPUT_CAP: usize = 1 << 20;

/// The head and tail of a stream.
#[derive(Default)]
struct Capped {
    head: Vec<u8>,
    tail: std::collections::VecDeque<u8>,
    cut: u64,
}

impl Capped {
    fn push(&mut self, mut bytes: &[u8]) {
        let half = OUTPUT_CAP / 2;
        let room = half.saturating_sub(self.head.len()).min(bytes.len());
        self.head.extend_from_slice(&bytes[..room]);
        bytes = &bytes[room..];
        if bytes.len() > half {
            let skip = bytes.len() - half;
            self.cut += (self.tail.len() + skip) as u64;
            self.tail.clear();
            bytes = &bytes[skip..];
        }
        let overflow = (self.tail.len() + bytes.len()).saturating_sub(half);
        self.tail.drain(..overflow);
        self.cut += overflow as u64;
        self.tail.extend(bytes);
    }

    /// The kept bytes as text; invalid UTF-8 is shown with U+FFFD, never an error.
    fn text(&self) -> String {
        let mut text = String::from_utf8_lossy(&self.head).into_owned();
        if self.cut > 0 {
            text.push_str(&format!("\n… {} bytes cut …\n", self.cut));
        }
        let tail: Vec<u8> = self.tail.iter().copied().collect();
        text.push_str(&String::from_utf8_lossy(&tail));
        text
    }
}

/// The environment a page runs in, and nothing else from the developer's shell: PATH, HOME,
/// LANG=C.UTF-8, TMPDIR (the page's own temp folder) and every `SYLLABUS_*` variable.
fn page_env(tmp: &Path) -> Vec<(std::ffi::OsString, std::ffi::OsString)> {
    let mut env: Vec<(std::ffi::OsString, std::ffi::OsString)> = std::env::vars_os()
        .filter(|(k, _)| k == "PATH" || k == "HOME" || k.to_string_lossy().starts_with("SYLLABUS_"))
        .collect();
    env.push(("LANG".into(), "C.UTF-8".into()));
    env.push(("TMPDIR".into(), tmp.as_os_str().to_owned()));
    env
}

/// Top-level `def test_*` / `async def test_*` names of a program, to name those that never
/// ran when a page exits early.
fn declared_tests(source: &str) -> Vec<String> {
    source
        .lines()
        .filter_map(|l| l.strip_prefix("async ").unwrap_or(l).strip_prefix("def "))
        .filter_map(|rest| rest.split('(').next())
        .map(str::trim)
        .filter(|name| name.starts_with("test_"))
        .map(String::from)
        .collect()
}

fn execute(program: &PageProgram, options: &TestOptions) -> std::io::Result<Outcome> {
    let dir = tempfile::tempdir()?;
    let harness = dir.path().join("_syllabus_harness.py");
    let source = dir.path().join("_syllabus_page.py");
    std::fs::write(&harness, HARNESS)?;
    std::fs::write(&source, &program.source)?;
    let (mut reader, writer) = std::io::pipe()?;
    let mut command = Command::new(&options.python);
    // -I: isolated (no user site, no PYTHON* variables, no script folder on sys.path);
    // -B: no bytecode files.
    command
        .arg("-I")
        .arg("-B")
        .arg(&harness)
        .arg(&source)
        .arg(&program.absolute)
        .current_dir(dir.path())
        .env_clear()
        .envs(page_env(dir.path()))
        .stdin(Stdio::null())
        .stdout(writer.try_clone()?)
        .stderr(writer);
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        // Its own process group, so a timeout or Ctrl-C kills its children and grandchildren
        // too; on Linux the page also dies if syllabus itself is killed.
        command.process_group(0);
        #[cfg(target_os = "linux")]
        // SAFETY: prctl is async-signal-safe and touches only the child.
        unsafe {
            command.pre_exec(|| {
                libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
                Ok(())
            });
        }
    }
    let mut child = command.spawn()?;
    drop(command); // closes our copies of the pipe's write end, so reading ends with the page
    let collector = std::thread::spawn(move || {
        let mut capped = Capped::default();
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            match reader.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => capped.push(&buf[..n]),
            }
        }
        capped
    });
    let group = child.id() as i32;
    let kill_group = || {
        #[cfg(unix)]
        // SAFETY: signals the page's own process group, which it leads.
        unsafe {
            libc::kill(-group, libc::SIGKILL);
        }
    };
    let deadline = Instant::now() + options.timeout;
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break Some(status);
        }
        if Instant::now() >= deadline || interrupted() {
            kill_group();
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    // Whatever the page started and left running goes with it.
    kill_group();
    let output = collector.join().map(|c| c.text()).unwrap_or_default();
    Ok(match status {
        None if interrupted() => Outcome::Failed {
            output: "interrupted".to_string(),
        },
        None => Outcome::TimedOut,
        Some(status) if status.success() => match parse_test_count(&output) {
            Some(tests) => Outcome::Passed { tests },
            None => {
                let never = declared_tests(&program.source);
                let mut message = clean_output(&output);
                if never.is_empty() {
                    return Ok(Outcome::Passed { tests: 0 });
                }
                message.push_str(&format!(
                    "\nthe page exited before its tests ran (os._exit or a killed interpreter); never ran: {}",
                    never.join(", ")
                ));
                Outcome::Failed { output: message }
            }
        },
        Some(_) => Outcome::Failed {
            output: clean_output(&output),
        },
    })
}

/// The harness's closing line, `None` if the page never reached it.
fn parse_test_count(output: &str) -> Option<usize> {
    output
        .lines()
        .rev()
        .find_map(|l| l.strip_prefix("@@syllabus tests="))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
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
    fn capped_output_keeps_head_and_tail() {
        let mut c = Capped::default();
        c.push(b"start\n");
        for _ in 0..3_000 {
            c.push(&[b'x'; 1024]);
        }
        c.push(b"\xff end");
        let text = c.text();
        assert!(text.len() <= OUTPUT_CAP + 100, "{}", text.len());
        assert!(text.starts_with("start\n"));
        assert!(text.ends_with("\u{fffd} end"), "{}", &text[text.len() - 20..]);
        let total = 6 + 3_000 * 1024 + 5;
        assert!(
            text.contains(&format!("… {} bytes cut …", total - OUTPUT_CAP)),
            "{}",
            &text[OUTPUT_CAP / 2 - 10..OUTPUT_CAP / 2 + 40]
        );
    }

    #[test]
    fn declared_tests_are_the_top_level_test_functions() {
        let src = "def test_a():\n    pass\nasync def test_b(x):\n    def test_inner(): pass\ndef helper(): pass\n";
        assert_eq!(declared_tests(src), ["test_a", "test_b"]);
    }

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
