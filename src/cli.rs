//! The command line. Exit status: 0 success, 1 content errors (or failing tests),
//! 2 usage errors (clap's own).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Args, Parser, Subcommand};

use crate::build::{self, BuildOptions};
use crate::diagnostics::{Diagnostic, Diagnostics, display_path};
use crate::runner::{self, Outcome, TestOptions};

#[derive(Debug, Parser)]
#[command(
    name = "syllabus",
    version,
    about = "Builds a study guide from Markdown into a static site"
)]
pub struct Cli {
    /// Print nothing on success.
    #[arg(short, long, global = true)]
    pub quiet: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output directory.
    Build(BuildArgs),
    /// Load, validate and render everything in memory; write nothing.
    Check(CheckArgs),
    /// Run the Python blocks of every page (or of the given files).
    Test(TestArgs),
    /// Print the study plan as a calendar, checklist, CSV, JSON or iCalendar file.
    Plan(PlanArgs),
    /// Work with the theme: `syllabus theme eject` copies the built-in one out to edit.
    Theme(crate::scaffold::cli::ThemeArgs),
    /// Create a new guide that builds, checks and tests at once.
    Init(crate::scaffold::cli::InitArgs),
    /// Add a question, topic or page with valid front matter (never overwrites).
    New(crate::scaffold::cli::NewArgs),
    /// Print a shell completion script: `syllabus completions bash > ~/.local/share/bash-completion/completions/syllabus`.
    Completions {
        /// The shell: bash, zsh, fish, powershell or elvish.
        shell: clap_complete::Shell,
    },
    /// Preview the guide: serve it over HTTP, rebuild on every save and reload the browser.
    Serve(ServeArgs),
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The guide's folder (holding content/ and themes/).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// The port to listen on; 0 picks a free one (the printed URL says which).
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// The address to listen on; 0.0.0.0 makes the preview visible on your network.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// Open the preview in your browser.
    #[arg(long)]
    pub open: bool,
    /// Include questions marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The guide's folder (holding content/ and themes/).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Where to write the site: relative to the current folder (default: site/ in --root).
    #[arg(long)]
    pub output: Option<PathBuf>,
    /// Override guide.yaml's base_url (used for canonical links, the sitemap and exports).
    #[arg(long)]
    pub base_url: Option<String>,
    /// Include questions marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Minify the HTML: about 4% smaller (2% gzipped) for a third more build time, so off
    /// by default, as in Zola and Hugo.
    #[arg(long)]
    pub minify: bool,
    /// Accepted for scripts written when minifying was the default; it is now.
    #[arg(long, hide = true, conflicts_with = "minify")]
    pub no_minify: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The guide's folder (holding content/ and themes/).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Include questions marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
}

#[derive(Debug, Args)]
pub struct TestArgs {
    /// The guide's folder (holding content/).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Markdown files to test (default: every page of the guide).
    pub paths: Vec<PathBuf>,
    /// The Python interpreter.
    #[arg(long, default_value = "python3")]
    pub python: String,
    /// Pages run at once (default: the number of CPUs).
    #[arg(long)]
    pub jobs: Option<usize>,
    /// Seconds a page may run before it fails.
    #[arg(long, default_value_t = 60)]
    pub timeout: u64,
}

pub use crate::plan::cli::PlanArgs;

/// `println!` that never panics: once stdout is closed (`syllabus test | head -1`), further
/// output is dropped, as cargo and ripgrep do, and the command still ends with its own exit
/// status.
macro_rules! say {
    ($($arg:tt)*) => {
        $crate::cli::write_line(false, format_args!($($arg)*))
    };
}

/// [`say!`] for stderr.
macro_rules! tell {
    ($($arg:tt)*) => {
        $crate::cli::write_line(true, format_args!($($arg)*))
    };
}

pub(crate) use {say, tell};

/// Set once a write to stdout found the reader gone: nothing more is printed there.
static STDOUT_CLOSED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Writes one line to stdout (or stderr); a closed pipe ends that stream's output quietly,
/// any other write error is ignored too (there is nowhere left to report it).
pub(crate) fn write_line(to_stderr: bool, line: std::fmt::Arguments<'_>) {
    use std::sync::atomic::Ordering;
    if to_stderr {
        let _ = writeln!(std::io::stderr().lock(), "{line}");
        return;
    }
    if STDOUT_CLOSED.load(Ordering::Relaxed) {
        return;
    }
    let mut stdout = std::io::stdout().lock();
    if let Err(err) = writeln!(stdout, "{line}").and_then(|()| stdout.flush())
        && err.kind() == std::io::ErrorKind::BrokenPipe
    {
        STDOUT_CLOSED.store(true, Ordering::Relaxed);
    }
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build(args) => build_command(args, cli.quiet),
        Command::Check(args) => check_command(args, cli.quiet),
        Command::Test(args) => test_command(args, cli.quiet),
        Command::Plan(args) => crate::plan::cli::run(args),
        Command::Theme(args) => crate::scaffold::cli::theme(args, cli.quiet),
        Command::Init(args) => crate::scaffold::cli::init(args, cli.quiet),
        Command::New(args) => crate::scaffold::cli::new(args, cli.quiet),
        Command::Completions { shell } => {
            use clap::CommandFactory;
            // Into memory first: clap_complete panics when stdout closes early (`| head`).
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "syllabus", &mut script);
            let _ = std::io::stdout().write_all(&script);
            ExitCode::SUCCESS
        }
        Command::Serve(args) => crate::serve::run(crate::serve::ServeOptions {
            root: args.root,
            port: args.port,
            bind: args.bind,
            open: args.open,
            drafts: args.drafts,
            quiet: cli.quiet,
        }),
    }
}

pub(crate) fn report(diagnostics: &Diagnostics) {
    let mut stderr = std::io::stderr().lock();
    let _ = stderr.write_all(diagnostics.render_styled(use_color(&stderr)).as_bytes());
}

/// Colours on a terminal, unless `NO_COLOR` is set (no-color.org); plain when piped.
fn use_color(stream: &impl std::io::IsTerminal) -> bool {
    stream.is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

pub(crate) fn fail(diagnostics: Diagnostics) -> ExitCode {
    let diagnostics = diagnostics.sorted();
    report(&diagnostics);
    let n = diagnostics.error_count();
    // A writer error may come after the spare folder was brought up to date: then something
    // was written, though the live site was not replaced.
    let wrote = diagnostics.iter().any(|d| d.message.starts_with(build::WRITE_FAILED));
    tell!(
        "error: {n} problem{} found; {}",
        if n == 1 { "" } else { "s" },
        if wrote {
            "the site was not replaced"
        } else {
            "nothing was written"
        }
    );
    ExitCode::from(1)
}

/// Reports a problem that is not about the content (a port in use, a folder that cannot be
/// watched) and exits with 1.
pub(crate) fn fail_without_output(diagnostic: Diagnostic) -> ExitCode {
    report(&Diagnostics::from(diagnostic));
    ExitCode::from(1)
}

fn build_command(args: BuildArgs, quiet: bool) -> ExitCode {
    // Like Zola's --output-dir: a given path is relative to where you run the command.
    let output = args.output.clone().unwrap_or_else(|| args.root.join("site"));
    let options = BuildOptions {
        root: args.root,
        output: Some(output.clone()),
        base_url: args.base_url,
        drafts: args.drafts,
        minify: args.minify,
    };
    match build::run(&options) {
        Ok(report_) => {
            report(&report_.warnings);
            if !quiet {
                say!(
                    "Built {} ({}, {}) in {:.2} s → {}/",
                    count(report_.pages, "page"),
                    count(report_.questions, "question"),
                    count(report_.topics, "topic"),
                    report_.elapsed.as_secs_f64(),
                    display_path(&output).trim_start_matches("./").trim_end_matches('/')
                );
            }
            ExitCode::SUCCESS
        }
        Err(diagnostics) => fail(diagnostics),
    }
}

/// `1 topic`, `2 topics`.
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

fn check_command(args: CheckArgs, quiet: bool) -> ExitCode {
    let options = BuildOptions {
        root: args.root,
        output: None,
        base_url: None,
        drafts: args.drafts,
        // The same rendering as `build`, so check passes exactly when build would.
        minify: false,
    };
    match build::run(&options) {
        Ok(report_) => {
            report(&report_.warnings);
            if !quiet {
                let verdict = if report_.warnings.is_empty() {
                    "no problems".to_string()
                } else {
                    format!("no errors, {}", count(report_.warnings.iter().count(), "warning"))
                };
                say!(
                    "Checked {} ({}, {}) in {:.2} s: {verdict}",
                    count(report_.pages, "page"),
                    count(report_.questions, "question"),
                    count(report_.topics, "topic"),
                    report_.elapsed.as_secs_f64()
                );
            }
            ExitCode::SUCCESS
        }
        Err(diagnostics) => fail(diagnostics),
    }
}

fn test_command(args: TestArgs, quiet: bool) -> ExitCode {
    if let Err(message) = runner::check_python(&args.python) {
        return fail(
            Diagnostic::error(message)
                .help("install Python 3.11 or newer, or pass --python PATH")
                .into(),
        );
    }
    let prepared = match build::prepare(&args.root, true) {
        Ok(p) => p,
        Err(diagnostics) => return fail(diagnostics),
    };
    let documents = prepared.guide.documents();
    let wanted: Vec<PathBuf> = args
        .paths
        .iter()
        .map(|p| std::path::absolute(p).unwrap_or_else(|_| p.clone()))
        .collect();
    let mut programs = Vec::new();
    for (_, doc) in documents {
        let program = runner::program_for(doc, &args.root);
        if wanted.is_empty() || wanted.contains(&program.absolute) {
            programs.push(program);
        }
    }
    if programs.len() < wanted.len().max(if wanted.is_empty() { 0 } else { 1 }) {
        let known: Vec<PathBuf> = programs.iter().map(|p| p.absolute.clone()).collect();
        let missing: Diagnostics = wanted
            .iter()
            .filter(|w| !known.contains(w))
            .map(|w| {
                Diagnostic::error(format!("{} is not a page of the guide", w.display()))
                    .help("give paths of .md files under content/")
            })
            .collect();
        return fail(missing);
    }
    let options = TestOptions {
        python: runner::resolve_python(&args.python),
        jobs: args
            .jobs
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get())),
        timeout: Duration::from_secs(args.timeout),
    };
    let results = runner::run_all(programs, &options);
    let (mut passed, mut failed, mut skipped, mut runnable, mut no_run, mut tests) = (0, 0, 0, 0, 0, 0);
    for result in &results {
        runnable += result.program.runnable;
        no_run += result.program.skipped;
        let path = display_path(&result.program.path);
        match &result.outcome {
            Outcome::Passed { tests: n } => {
                passed += 1;
                tests += n;
                if !quiet {
                    say!(
                        "ok       {path} ({} blocks, {n} tests, {:.2} s)",
                        result.program.runnable,
                        result.elapsed.as_secs_f64()
                    );
                }
            }
            Outcome::Skipped => {
                skipped += 1;
                if !quiet && result.program.skipped > 0 {
                    say!("skipped  {path} ({} no-run blocks)", result.program.skipped);
                }
            }
            Outcome::TimedOut => {
                failed += 1;
                say!("FAILED   {path}: timed out after {} s", options.timeout.as_secs());
            }
            Outcome::Failed { output } => {
                failed += 1;
                say!("FAILED   {path}\n{}", indent(output));
            }
        }
    }
    let total = runnable + no_run;
    let ratio = if total == 0 {
        100.0
    } else {
        runnable as f64 * 100.0 / total as f64
    };
    say!(
        "Python blocks: {runnable} of {total} runnable ({ratio:.1}%), {no_run} marked no-run; {tests} test functions called"
    );
    say!("pages: {passed} passed, {failed} failed, {skipped} skipped");
    if let Some(signal) = runner::interrupt_signal() {
        tell!("error: interrupted; every page's Python was stopped and its temp folder removed");
        // As a shell reports a command a signal stopped: 130 for Ctrl-C, 143 for SIGTERM.
        return ExitCode::from(u8::try_from(128 + signal).unwrap_or(130));
    }
    if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn indent(text: &str) -> String {
    text.lines().map(|l| format!("    {l}")).collect::<Vec<_>>().join("\n")
}
