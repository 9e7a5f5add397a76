//! `syllabus serve`: a live preview. It builds the guide into memory, serves it over HTTP,
//! and on every save rebuilds what changed and tells open pages to reload (or to show the
//! build's errors). It is a loop around the same stages as `syllabus build`
//! ([`session`]), with a watcher ([`watch`]) and a small server ([`http`]) around it; it
//! writes no file.

pub mod http;
mod memory;
pub mod session;
pub mod trace;
pub mod watch;

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode};
use notify::{EventKind, RecursiveMode, Watcher};

use crate::cli::{say, tell};
use crate::diagnostics::{Diagnostic, Diagnostics};
use http::{Served, Shared};
use session::{Rebuilt, Session};
use watch::ChangeKind;

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub port: u16,
    pub bind: IpAddr,
    pub open: bool,
    pub drafts: bool,
    pub quiet: bool,
}

/// How long a save may keep producing events: a rebuild starts once the files have been
/// quiet this long (editors write, rename and delete within a few milliseconds).
/// `SYLLABUS_SERVE_QUIET_MS` changes it (the tests give a busy machine a wide margin).
const QUIET: Duration = Duration::from_millis(25);

/// The quiet spell once the last event was a changed file being closed after writing: that
/// is how a plain save ends (an editor that renames a temporary file over the original ends
/// with the rename, and gets [`QUIET`]).
const QUIET_AFTER_CLOSE: Duration = Duration::from_millis(5);

/// The quiet spells: after any event, and after a written file was closed.
/// `SYLLABUS_SERVE_QUIET_MS` sets both.
fn quiet() -> (Duration, Duration) {
    std::env::var("SYLLABUS_SERVE_QUIET_MS")
        .ok()
        .and_then(|ms| ms.parse().ok())
        .map_or((QUIET, QUIET_AFTER_CLOSE), |ms| {
            (Duration::from_millis(ms), Duration::from_millis(ms))
        })
}
/// A stream of changes (a `git checkout`) still rebuilds at least this often.
const MAX_WAIT: Duration = Duration::from_millis(500);
/// The search index of a rebuild is made once no request came for this long after its pages
/// were published (a reloading page asks for its styles and scripts within it), and at the
/// latest after `MAX_SETTLE`.
const SETTLE: Duration = Duration::from_millis(100);
const MAX_SETTLE: Duration = Duration::from_millis(1000);
/// How often open pages get a heartbeat.
const HEARTBEAT: Duration = Duration::from_secs(15);
/// Threads answering requests; a page loads its styles and scripts at once.
const REQUEST_THREADS: usize = 4;

enum Message {
    Fs(notify::Result<notify::Event>),
    Stop,
}

pub fn run(options: ServeOptions) -> ExitCode {
    let root = match std::fs::canonicalize(&options.root) {
        Ok(root) => root,
        Err(err) => {
            return crate::cli::fail_without_output(
                Diagnostic::error(format!(
                    "cannot open the guide's folder {}: {err}",
                    options.root.display()
                ))
                .help("run syllabus serve in the guide's folder, or pass --root DIR"),
            );
        }
    };
    let address = SocketAddr::new(options.bind, options.port);
    let server = match tiny_http::Server::http(address) {
        Ok(server) => Arc::new(server),
        Err(err) => {
            let in_use = err
                .downcast_ref::<std::io::Error>()
                .is_some_and(|e| e.kind() == std::io::ErrorKind::AddrInUse);
            let help = if in_use {
                format!(
                    "another program is using port {}; pass another one with --port, or --port 0 to pick a free port",
                    options.port
                )
            } else {
                "check --bind and --port".to_string()
            };
            return crate::cli::fail_without_output(
                Diagnostic::error(format!("cannot listen on {address}: {err}")).help(help),
            );
        }
    };
    let url = match server.server_addr().to_ip() {
        Some(addr) if addr.ip().is_unspecified() => format!("http://127.0.0.1:{}/", addr.port()),
        Some(addr) => format!("http://{addr}/"),
        None => format!("http://{address}/"),
    };

    let (sender, receiver) = mpsc::channel();
    let mut watcher = match watch_guide(&root, sender.clone()) {
        Ok(watcher) => watcher,
        Err(err) => {
            return crate::cli::fail_without_output(
                Diagnostic::error(format!("cannot watch {} for changes: {err}", root.display()))
                    .help("on Linux, raise fs.inotify.max_user_watches if the guide is very large"),
            );
        }
    };
    let stop = sender.clone();
    if let Err(err) = ctrlc::set_handler(move || {
        let _ = stop.send(Message::Stop);
    }) {
        tell!("warning: Ctrl-C will not stop the server cleanly: {err}");
    }

    let mut session = Session::new(root.clone(), options.drafts);
    let first = session.rebuild();
    memory::release_freed();
    let shared = Arc::new(Shared::new(Served {
        site: session.site(),
        generation: 0,
        error: None,
    }));
    let mut generation = 0;
    let first_line = match first {
        Ok(rebuilt) => {
            report(&rebuilt.warnings);
            format!("Built {} pages in {} ms", rebuilt.pages, rebuilt.elapsed.as_millis())
        }
        Err(problems) => {
            publish_failure(&shared, &session, generation, &problems);
            "The first build failed: the page shows the errors until you fix them".to_string()
        }
    };

    for _ in 0..REQUEST_THREADS {
        let server = Arc::clone(&server);
        let shared = Arc::clone(&shared);
        std::thread::spawn(move || {
            while let Ok(request) = server.recv() {
                http::handle(request, &shared);
            }
        });
    }
    if !options.bind.is_loopback() {
        tell!(
            "warning: serving on {} — anyone on your network can open this preview",
            options.bind
        );
    }
    say!("Serving {url} — press Ctrl-C to stop");
    if !options.quiet {
        say!("{first_line}");
    }
    if options.open {
        open_browser(&url);
    }

    // A rebuild whose pages are published and whose search index is still to make: it is
    // made once the browser is done reloading (or with the next rebuild, if a save comes
    // first), so the two do not compete for the processor.
    let mut unfinished: Option<Unfinished> = None;
    loop {
        let idle_at = unfinished
            .as_ref()
            .map(|u| (shared.last_request().max(u.published) + SETTLE).min(u.published + MAX_SETTLE));
        match next_change(&receiver, &root, &mut watcher, idle_at) {
            Next::Stop => break,
            Next::Heartbeat => shared.broadcast(http::HEARTBEAT),
            Next::Idle => {
                // Ready once no request came for SETTLE: check again, a request may have
                // come since the deadline was set.
                let Some(u) = unfinished.take() else { continue };
                let quiet_since = shared.last_request().max(u.published);
                if quiet_since.elapsed() < SETTLE && u.published.elapsed() < MAX_SETTLE {
                    unfinished = Some(u);
                    continue;
                }
                finish(&mut session, &shared, u, options.quiet);
                memory::release_freed();
                trace::step(|| "memory-released".into());
            }
            Next::Change { kinds, paths, complete } => {
                trace::step(|| "rebuild-start".into());
                let what = watch::display(&root, &paths);
                // A save came before the index of the last one was made: a good rebuild
                // makes it (pages first again); a failed one leaves it to be made later.
                let previous = unfinished.take();
                // Pages first, so the browser reloads as soon as they are ready; then what
                // was left (the search index), published without a reload.
                let rebuilt = session.rebuild_pages_after(complete.then_some(paths.as_slice()));
                match rebuilt {
                    Ok(rebuilt) => {
                        if let Some(u) = previous
                            && !options.quiet
                        {
                            say!("{}", rebuild_line(&u.what, &u.kinds, &u.rebuilt, u.rebuilt.elapsed));
                        }
                        generation += 1;
                        trace::step(|| {
                            format!(
                                "pages-ready prepare={}ms rendered={}",
                                rebuilt.prepare.as_millis(),
                                rebuilt.pages_rendered
                            )
                        });
                        shared.publish(Served {
                            site: session.site(),
                            generation,
                            error: None,
                        });
                        trace::step(|| format!("published generation={generation}"));
                        report(&rebuilt.warnings);
                        unfinished = Some(Unfinished {
                            what,
                            kinds,
                            rebuilt,
                            generation,
                            published: Instant::now(),
                        });
                    }
                    Err(problems) => {
                        publish_failure(&shared, &session, generation, &problems);
                        unfinished = previous;
                    }
                }
            }
        }
    }
    server.unblock();
    if !options.quiet {
        say!("Stopped.");
    }
    ExitCode::SUCCESS
}

/// A rebuild whose pages are served and whose search index is not made yet.
struct Unfinished {
    what: String,
    kinds: Vec<ChangeKind>,
    rebuilt: Rebuilt,
    generation: u64,
    /// When its pages were published.
    published: Instant,
}

/// Makes the search index of a rebuild whose pages are served, serves it (open pages show no
/// file of it: no reload), and prints the rebuild's line.
fn finish(session: &mut Session, shared: &Shared, unfinished: Unfinished, quiet: bool) {
    let Unfinished {
        what,
        kinds,
        mut rebuilt,
        generation,
        ..
    } = unfinished;
    let first = rebuilt.elapsed;
    trace::step(|| "finish-start".into());
    match session.finish() {
        Ok(Some(more)) => {
            rebuilt.pages_rendered += more.pages_rendered;
            rebuilt.elapsed += more.elapsed;
            // The overlay of a failed build since stays.
            shared.replace_site(session.site());
        }
        Ok(None) => {}
        Err(problems) => publish_failure(shared, session, generation, &problems),
    }
    trace::step(|| "finished".into());
    if !quiet {
        say!("{}", rebuild_line(&what, &kinds, &rebuilt, first));
    }
}

/// Reports a failed build in the terminal and on every open page (the overlay), over the
/// last good site, which stays served.
fn publish_failure(shared: &Shared, session: &Session, generation: u64, problems: &Diagnostics) {
    let text = failed(problems);
    shared.publish(Served {
        site: session.site(),
        generation,
        error: Some(text),
    });
}

/// Prints a failed build's diagnostics and returns them as plain text for the overlay.
fn failed(problems: &Diagnostics) -> String {
    let problems = problems.clone().sorted();
    let text = problems.render();
    report(&problems);
    let n = problems.error_count();
    tell!(
        "error: {n} problem{} found; still serving the last good site",
        if n == 1 { "" } else { "s" }
    );
    text
}

fn report(diagnostics: &Diagnostics) {
    crate::cli::report(diagnostics);
}

/// `pages`: how long the pages took, before the search index.
fn rebuild_line(what: &str, kinds: &[ChangeKind], rebuilt: &Rebuilt, pages: Duration) -> String {
    let kind = if kinds.contains(&ChangeKind::Settings) {
        "settings"
    } else if kinds.contains(&ChangeKind::Theme) {
        "theme"
    } else {
        "content"
    };
    format!(
        "{what} changed ({kind}): {} of {} pages re-rendered in {} ms (pages shown after {} ms, of which load and check {} ms)",
        rebuilt.pages_rendered,
        rebuilt.pages,
        rebuilt.elapsed.as_millis(),
        pages.as_millis(),
        rebuilt.prepare.as_millis()
    )
}

/// Watches `content/` and `themes/`, and the guide's folder itself so that a `themes/`
/// folder made after the start is watched too.
fn watch_guide(root: &Path, sender: mpsc::Sender<Message>) -> notify::Result<notify::RecommendedWatcher> {
    let mut watcher = notify::recommended_watcher(move |event| {
        let _ = sender.send(Message::Fs(event));
    })?;
    watcher.watch(root, RecursiveMode::NonRecursive)?;
    for folder in ["content", "themes"] {
        let dir = root.join(folder);
        if dir.is_dir() {
            watcher.watch(&dir, RecursiveMode::Recursive)?;
        }
    }
    Ok(watcher)
}

enum Next {
    Change {
        kinds: Vec<ChangeKind>,
        paths: Vec<PathBuf>,
        /// False when the watcher may have missed changes: then every file is read again.
        complete: bool,
    },
    Heartbeat,
    /// `idle_at` passed with no change: time to finish the last rebuild.
    Idle,
    Stop,
}

/// Waits for the next change that can alter the site, then for the quiet spell that ends a
/// save, and returns everything that changed meanwhile as one change.
/// `idle_at`: when to return [`Next::Idle`] if nothing changed by then.
fn next_change(
    receiver: &Receiver<Message>,
    root: &Path,
    watcher: &mut notify::RecommendedWatcher,
    idle_at: Option<Instant>,
) -> Next {
    let mut kinds = Vec::new();
    let mut paths = Vec::new();
    // Whether `paths` is every file that changed (a watcher error may have lost some).
    let mut complete = true;
    // When the first relevant event came, and when the last one did.
    let mut first: Option<Instant> = None;
    let mut last = Instant::now();
    let (quiet_after_any, quiet_after_close) = quiet();
    // Whether the last relevant event was a written file being closed.
    let mut closed = false;
    loop {
        let quiet = if closed { quiet_after_close } else { quiet_after_any };
        let timeout = match first {
            None => idle_at.map_or(HEARTBEAT, |at| {
                at.saturating_duration_since(Instant::now()).min(HEARTBEAT)
            }),
            Some(start) => {
                let deadline = (last + quiet).min(start + MAX_WAIT.max(quiet * 4));
                deadline.saturating_duration_since(Instant::now())
            }
        };
        match receiver.recv_timeout(timeout) {
            Ok(Message::Stop) => return Next::Stop,
            // A changed file closed after writing: the save is most likely complete.
            Ok(Message::Fs(Ok(event))) if event.kind == EventKind::Access(AccessKind::Close(AccessMode::Write)) => {
                let changed = EventKind::Modify(notify::event::ModifyKind::Any);
                if first.is_some() && event.paths.iter().any(|p| watch::relevant(root, &changed, p).is_some()) {
                    trace::step(|| "closed-after-write".into());
                    closed = true;
                    last = Instant::now();
                }
            }
            // Reading files (our own rebuilds among them) is no change.
            Ok(Message::Fs(Ok(event))) if matches!(event.kind, EventKind::Access(_)) => {}
            Ok(Message::Fs(Ok(event))) => {
                if event.need_rescan() {
                    closed = false;
                    // The kernel dropped events: which files changed is unknown.
                    complete = false;
                    kinds.push(ChangeKind::Content);
                    last = Instant::now();
                    first.get_or_insert(last);
                }
                for path in &event.paths {
                    // A folder made at the top (`themes/`, or `content/` again) is watched
                    // from now on.
                    if matches!(event.kind, EventKind::Create(_)) && path.parent() == Some(root) && path.is_dir() {
                        let _ = watcher.watch(path, RecursiveMode::Recursive);
                    }
                    if let Some(kind) = watch::relevant(root, &event.kind, path) {
                        trace::step(|| format!("fs-event {:?} {}", event.kind, path.display()));
                        closed = false;
                        kinds.push(kind);
                        paths.push(path.clone());
                        last = Instant::now();
                        first.get_or_insert(last);
                    }
                }
            }
            Ok(Message::Fs(Err(err))) => {
                tell!("warning: file watcher: {err}; rebuilding to be safe");
                complete = false;
                kinds.push(ChangeKind::Content);
                last = Instant::now();
                first.get_or_insert(last);
            }
            Err(RecvTimeoutError::Timeout) => match first {
                None if idle_at.is_some() => return Next::Idle,
                None => return Next::Heartbeat,
                Some(_) => {
                    kinds.sort();
                    kinds.dedup();
                    return Next::Change { kinds, paths, complete };
                }
            },
            Err(RecvTimeoutError::Disconnected) => return Next::Stop,
        }
    }
}

fn open_browser(url: &str) {
    let command = if cfg!(target_os = "macos") {
        ("open", vec![url])
    } else if cfg!(windows) {
        ("cmd", vec!["/C", "start", "", url])
    } else {
        ("xdg-open", vec![url])
    };
    if std::process::Command::new(command.0)
        .args(&command.1)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .is_err()
    {
        tell!("warning: could not open a browser; open {url} yourself");
    }
}
