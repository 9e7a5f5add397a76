//! `syllabus serve` end to end: a real server on a free port over a fixture guide, fetched
//! over raw HTTP (so that nothing normalises the paths we send), with the reload channel read
//! as a browser's EventSource would. Edits, renames, deletions and a broken edit must reach
//! the served site, and the result must be the site a fresh `syllabus build` writes.
//!
//! Waiting is on events, with a generous deadline that only turns a hang into a failure; no
//! assertion depends on how fast the machine is.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use scraper::{Html, Selector};

const DEADLINE: Duration = Duration::from_secs(120);

struct Server {
    child: Child,
    port: u16,
}

impl Server {
    fn start(root: &Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_syllabus"))
            .args(["serve", "--port", "0", "--root"])
            .arg(root)
            // A wide quiet spell, so that a save's events are one rebuild on a busy machine.
            .env("SYLLABUS_SERVE_QUIET_MS", "300")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("syllabus serve starts");
        let stdout = child.stdout.take().expect("stdout");
        let mut lines = BufReader::new(stdout).lines();
        let first = lines.next().expect("a first line").expect("text");
        assert!(first.starts_with("Serving http://127.0.0.1:"), "{first}");
        assert!(first.ends_with("— press Ctrl-C to stop"), "{first}");
        let port = first
            .trim_start_matches("Serving http://127.0.0.1:")
            .split('/')
            .next()
            .and_then(|p| p.parse().ok())
            .expect("a port in the URL");
        // Keep reading stdout so the server never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        Server { child, port }
    }

    fn get(&self, path: &str) -> Response {
        get(self.port, path)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Response {
    status: u16,
    headers: BTreeMap<String, String>,
    body: Vec<u8>,
}

impl Response {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    fn html(&self) -> Html {
        Html::parse_document(&self.text())
    }
}

fn get(port: u16, path: &str) -> Response {
    get_with(port, path, "")
}

/// A GET with `headers` (each line ending in `\r\n`) added to the request.
fn get_with(port: u16, path: &str, headers: &str) -> Response {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connects");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{headers}Connection: close\r\n\r\n"
    )
    .expect("request");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("response");
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("a head");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .expect("a status");
    let headers: BTreeMap<String, String> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    if headers.get("transfer-encoding").is_some_and(|t| t == "chunked") {
        body = dechunk(&body);
    }
    Response { status, headers, body }
}

/// The body of a `Transfer-Encoding: chunked` response.
fn dechunk(mut raw: &[u8]) -> Vec<u8> {
    let mut body = Vec::new();
    loop {
        let line_end = raw.windows(2).position(|w| w == b"\r\n").expect("a chunk size line");
        let size_text = String::from_utf8_lossy(&raw[..line_end]);
        let size = usize::from_str_radix(size_text.split(';').next().unwrap_or("").trim(), 16).expect("a hex size");
        raw = &raw[line_end + 2..];
        if size == 0 {
            return body;
        }
        body.extend_from_slice(&raw[..size]);
        raw = &raw[size + 2..];
    }
}

/// The reload channel, read on a thread: each `state` event as (generation, error), and
/// whether it says that files other than pages changed (then open pages reload whole).
struct Events {
    states: Receiver<(u64, Option<String>, bool)>,
}

impl Events {
    fn open(port: u16) -> Events {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connects");
        write!(stream, "GET /__syllabus/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").expect("request");
        let (send, states) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stream).lines() {
                let Ok(line) = line else { break };
                if let Some(data) = line.strip_prefix("data: ") {
                    let value: serde_json::Value = serde_json::from_str(data).expect("JSON state");
                    let generation = value["generation"].as_u64().expect("a generation");
                    let error = value["error"].as_str().map(str::to_string);
                    let files = value["files"].as_bool().expect("whether other files changed");
                    if send.send((generation, error, files)).is_err() {
                        break;
                    }
                }
            }
        });
        Events { states }
    }

    /// The next state the server sends.
    fn next(&self) -> (u64, Option<String>) {
        let (generation, error, _) = self.next_with_files();
        (generation, error)
    }

    /// The next state, with whether files other than pages changed.
    fn next_with_files(&self) -> (u64, Option<String>, bool) {
        self.states.recv_timeout(DEADLINE).expect("the server sends a state")
    }
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).expect("selector")
}

fn h1(response: &Response) -> String {
    let html = response.html();
    html.select(&sel("h1"))
        .next()
        .map(|h| h.text().collect())
        .unwrap_or_default()
}

/// Removes the reload script `serve` adds, to compare with what `build` writes.
fn without_reload_script(html: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(html);
    let start = text
        .find("<script data-syllabus-generation=")
        .expect("the reload script");
    let end = start + text[start..].find("</script>").expect("its end") + "</script>".len();
    format!("{}{}", &text[..start], &text[end..]).into_bytes()
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).expect("read");
    assert!(text.contains(from), "{} has no {from:?}", path.display());
    fs::write(path, text.replacen(from, to, 1)).expect("write");
}

/// Saves like vim does by default: probe file, backup by rename, new file, backup removed.
fn save_like_vim(path: &Path, text: &str) {
    let dir = path.parent().expect("a folder");
    fs::write(dir.join("4913"), "").expect("probe");
    fs::remove_file(dir.join("4913")).expect("probe gone");
    let backup = path.with_file_name(format!("{}~", path.file_name().expect("name").to_string_lossy()));
    fs::rename(path, &backup).expect("backup");
    fs::write(dir.join(".two-sum.md.swp"), "swap").expect("swap file");
    fs::write(path, text).expect("write");
    fs::remove_file(&backup).expect("backup gone");
}

#[test]
fn edits_renames_deletions_and_errors_reach_the_browser_and_match_a_fresh_build() {
    let dir = common::fixture("basic");
    let root = dir.path();
    let server = Server::start(root);
    let events = Events::open(server.port);
    assert_eq!(events.next(), (0, None));

    let two_sum = root.join("content/topics/arrays/two-sum.md");
    let page = "/topics/arrays/two-sum/";
    let first = server.get(page);
    assert_eq!(first.status, 200);
    assert_eq!(first.headers["content-type"], "text/html; charset=utf-8");
    assert!(h1(&first).starts_with("Two sum"), "{}", h1(&first));

    // An edit, saved the way vim saves: one rebuild, with the new title.
    let text = fs::read_to_string(&two_sum).expect("read");
    let title = text
        .lines()
        .find(|l| l.starts_with("title:"))
        .expect("a title")
        .to_string();
    save_like_vim(&two_sum, &text.replacen(&title, "title: Two sum, edited", 1));
    assert_eq!(events.next(), (1, None), "one save, one rebuild");
    assert_eq!(h1(&server.get(page)), "Two sum, edited");
    // Scratch files alone are no change: the next state is the next real edit's.
    fs::write(root.join("content/topics/arrays/#two-sum.md#"), "emacs").expect("autosave");
    fs::write(root.join("content/topics/arrays/.#two-sum.md"), "lock").expect("lock");
    edit(&two_sum, "title: Two sum, edited", "title: Two sum, again");
    assert_eq!(events.next(), (2, None));
    assert_eq!(h1(&server.get(page)), "Two sum, again");

    // A rename: the old address is gone, the new one is served.
    fs::rename(
        root.join("content/topics/arrays/merge-intervals.md"),
        root.join("content/topics/arrays/merging-intervals.md"),
    )
    .expect("rename");
    let (generation, error) = events.next();
    if let Some(error) = error {
        // The fixture links to the old name: the rename is an error until the link follows.
        assert!(error.contains("merge-intervals.md"), "{error}");
        assert_eq!(generation, 2);
        assert_eq!(
            server.get("/topics/arrays/merge-intervals/").status,
            200,
            "last good site kept"
        );
        for md in walk_md(&root.join("content")) {
            let text = fs::read_to_string(&md).expect("read");
            if text.contains("merge-intervals.md") {
                fs::write(&md, text.replace("merge-intervals.md", "merging-intervals.md")).expect("write");
            }
        }
        assert_eq!(events.next(), (3, None));
    }
    assert_eq!(server.get("/topics/arrays/merge-intervals/").status, 404);
    assert_eq!(server.get("/topics/arrays/merging-intervals/").status, 200);

    // A broken edit: the errors reach every open page, the last good site stays served.
    let before = server.get(page).body;
    edit(
        &two_sum,
        "title: Two sum, again",
        "title: Two sum, broken\ndificulty: easy",
    );
    let (generation, error) = events.next();
    let error = error.expect("the error reaches the page");
    assert!(error.contains("unknown field 'dificulty'"), "{error}");
    assert!(error.contains("content/topics/arrays/two-sum.md:3:1"), "{error}");
    assert!(error.contains("dificulty: easy"), "the line is shown: {error}");
    assert!(error.contains("help:"), "{error}");
    let kept = server.get(page).body;
    assert_eq!(without_reload_script(&kept), without_reload_script(&before));
    // Fixing it removes the overlay, with a new generation that reloads the page.
    edit(
        &two_sum,
        "title: Two sum, broken\ndificulty: easy",
        "title: Two sum, fixed",
    );
    assert_eq!(events.next(), (generation + 1, None));
    assert_eq!(h1(&server.get(page)), "Two sum, fixed");

    // A new page and a deleted one.
    fs::write(
        root.join("content/topics/arrays/new-one.md"),
        "---\ntitle: A new one\ndifficulty: hard\nkind: concept\nminutes: 20\n---\nNew.\n",
    )
    .expect("new file");
    let (generation, error) = events.next();
    assert_eq!(error, None);
    assert_eq!(h1(&server.get("/topics/arrays/new-one/")), "A new one");
    fs::remove_file(root.join("content/topics/arrays/new-one.md")).expect("delete");
    assert_eq!(events.next(), (generation + 1, None));
    assert_eq!(server.get("/topics/arrays/new-one/").status, 404);

    // What is served is what a fresh build writes, file for file.
    let out = tempfile::tempdir().expect("temp dir");
    let site = out.path().join("site");
    let build = Command::new(env!("CARGO_BIN_EXE_syllabus"))
        .args(["build", "-q", "--root"])
        .arg(root)
        .arg("--output")
        .arg(&site)
        .output()
        .expect("build runs");
    assert!(build.status.success(), "{}", String::from_utf8_lossy(&build.stderr));
    // The search index and the print views are made after the pages, once the browser is
    // done reloading; they are published together, so wait until the print view is the
    // built one (a condition, not a time: the bound only stops a broken server).
    let built_print = fs::read(site.join("print/index.html")).expect("built print view");
    let deadline = Instant::now() + Duration::from_secs(60);
    while without_reload_script(&server.get("/print/index.html").body) != built_print {
        assert!(Instant::now() < deadline, "the print view never caught up");
        std::thread::sleep(Duration::from_millis(20));
    }
    let mut compared = 0;
    for entry in walkdir::WalkDir::new(&site) {
        let entry = entry.expect("walk");
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(&site)
            .expect("inside")
            .to_string_lossy()
            .replace('\\', "/");
        if rel.starts_with('.') && !rel.contains('/') && rel != ".nojekyll" {
            continue; // the writer's own bookkeeping, not part of the site
        }
        let built = fs::read(entry.path()).expect("read");
        let served = server.get(&format!("/{rel}"));
        assert_eq!(served.status, 200, "{rel}");
        let body = if rel.ends_with(".html") {
            assert!(
                !String::from_utf8_lossy(&built).contains("__syllabus"),
                "build output has no reload script"
            );
            without_reload_script(&served.body)
        } else {
            served.body
        };
        assert!(body == built, "{rel} is served differently from the build");
        compared += 1;
    }
    assert!(compared > 20, "{compared} files compared");
}

fn walk_md(dir: &Path) -> Vec<std::path::PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect()
}

#[test]
fn requests_stay_inside_the_site_with_the_right_content_types() {
    let dir = common::fixture("basic");
    let server = Server::start(dir.path());
    for path in [
        "/../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/%2E%2E%2f%2E%2E%2fetc%2fpasswd",
        "/static/..%5c..%5cCargo.toml",
        "/static\\..\\..\\etc\\passwd",
        "/index.html%00.png",
        "//etc/passwd",
    ] {
        let response = server.get(path);
        assert!(matches!(response.status, 400 | 404), "{path}: {}", response.status);
        assert!(!response.text().contains("root:"), "{path}");
    }
    // An absolute URL on the request line is refused too, and a system path is no site file.
    assert_eq!(server.get("http://127.0.0.1/etc/passwd").status, 400);
    assert_eq!(server.get("/etc/passwd").status, 404);
    // No directory listings: a folder without index.html is a 404 page.
    let static_dir = server.get("/static/");
    assert_eq!(static_dir.status, 404);
    assert_eq!(
        static_dir.body,
        server.get("/404.html").body,
        "the 404 page, not a listing"
    );
    // A folder named without its slash is redirected to it, so relative links work.
    let redirect = server.get("/tags");
    assert_eq!(redirect.status, 301);
    assert_eq!(redirect.headers["location"], "/tags/");
    for (path, mime) in [
        ("/", "text/html; charset=utf-8"),
        ("/static/style.css", "text/css; charset=utf-8"),
        ("/static/site.js", "text/javascript; charset=utf-8"),
        ("/sitemap.xml", "application/xml; charset=utf-8"),
        ("/robots.txt", "text/plain; charset=utf-8"),
        ("/plan/plan.json", "application/json"),
    ] {
        let response = server.get(path);
        assert_eq!(response.status, 200, "{path}");
        assert_eq!(response.headers["content-type"], mime, "{path}");
    }
    // Only HTML gets the reload script.
    assert!(server.get("/").text().contains("data-syllabus-generation"));
    assert!(
        !server
            .get("/static/site.js")
            .text()
            .contains("data-syllabus-generation")
    );
    // A missing page is the site's 404 page, with its status.
    let missing = server.get("/no/such/page/");
    assert_eq!(missing.status, 404);
    assert!(missing.text().contains("<html"));

    // Styles and scripts carry a validator, so a reload gets a 304 without a body while they
    // are unchanged; pages are never cached (each names the generation it was served from).
    let css = server.get("/static/style.css");
    assert_eq!(css.headers["cache-control"], "no-cache");
    let etag = css.headers["etag"].clone();
    let again = get_with(server.port, "/static/style.css", &format!("If-None-Match: {etag}\r\n"));
    assert_eq!(again.status, 304);
    assert!(again.body.is_empty());
    let other = get_with(server.port, "/static/style.css", "If-None-Match: \"other\"\r\n");
    assert_eq!(other.status, 200);
    assert_eq!(other.body, css.body);
    let page = server.get("/");
    assert_eq!(page.headers["cache-control"], "no-store");
    assert!(!page.headers.contains_key("etag"));
}

/// A theme edit reaches a browser that holds the old file: its validator changes with it.
#[test]
fn an_edited_stylesheet_is_served_anew_to_a_browser_that_validates() {
    let dir = common::fixture("basic");
    let root = dir.path();
    let server = Server::start(root);
    let events = Events::open(server.port);
    // The first state says nothing of what changed before: a page that connects late reloads.
    assert_eq!(events.next_with_files(), (0, None, true));
    // An edit to a question's prose changes pages only: open pages may patch it in.
    edit(
        &root.join("content/topics/arrays/two-sum.md"),
        "Find two numbers",
        "Find two whole numbers",
    );
    assert_eq!(events.next_with_files(), (1, None, false), "only pages changed");
    let css = server.get("/static/style.css");
    let etag = css.headers["etag"].clone();
    let style = root.join("themes/default/static/style.css");
    let text = fs::read_to_string(&style).expect("read");
    fs::write(&style, format!("{text}\n.edited-by-the-test {{ color: red }}\n")).expect("write");
    assert_eq!(
        events.next_with_files(),
        (2, None, true),
        "a style changed: pages reload"
    );
    let fresh = get_with(server.port, "/static/style.css", &format!("If-None-Match: {etag}\r\n"));
    assert_eq!(fresh.status, 200);
    assert!(fresh.text().contains(".edited-by-the-test"));
    assert_ne!(fresh.headers["etag"], etag);
}

/// An image a page links to is served where the page's link leads, and a save of the image
/// alone rebuilds and serves its new bytes.
#[test]
fn linked_images_are_served_and_their_edits_reach_the_browser() {
    let dir = common::fixture("basic");
    let root = dir.path();
    let image = root.join("content/topics/arrays/diagram.png");
    fs::write(&image, b"\x89PNG first").expect("image");
    edit(
        &root.join("content/topics/arrays/two-sum.md"),
        "Find two numbers",
        "![A diagram](diagram.png) Find two numbers",
    );
    let server = Server::start(root);
    let events = Events::open(server.port);
    assert_eq!(events.next(), (0, None));
    let page = server.get("/topics/arrays/two-sum/index.html");
    let src = page
        .html()
        .select(&sel("article img"))
        .next()
        .and_then(|img| img.value().attr("src").map(str::to_string))
        .expect("the image");
    let url = format!("/topics/arrays/two-sum/{src}");
    let resolved = url::Url::parse("http://127.0.0.1")
        .and_then(|base| base.join(&url))
        .expect("resolves");
    let served = server.get(resolved.path());
    assert_eq!(served.status, 200, "{}", resolved.path());
    assert_eq!(served.headers["content-type"], "image/png");
    assert_eq!(served.body, b"\x89PNG first");

    fs::write(&image, b"\x89PNG second").expect("image");
    assert_eq!(
        events.next_with_files(),
        (1, None, true),
        "an image save rebuilds, and pages reload"
    );
    assert_eq!(server.get(resolved.path()).body, b"\x89PNG second");
}

#[test]
fn a_port_in_use_is_a_clear_error() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
    let port = taken.local_addr().expect("address").port().to_string();
    let dir = common::fixture("basic");
    let out = Command::new(env!("CARGO_BIN_EXE_syllabus"))
        .args(["serve", "--port", &port, "--root"])
        .arg(dir.path())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("cannot listen on 127.0.0.1:{port}")),
        "{stderr}"
    );
    assert!(stderr.contains("--port"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_cleanly_and_leaves_no_file_behind() {
    let dir = common::fixture("basic");
    let root = dir.path();
    let before = tree(root);
    let server = Server::start(root);
    assert_eq!(server.get("/").status, 200);
    let started = Instant::now();
    let status = Command::new("kill")
        .args(["-INT", &server.child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success());
    let mut server = server;
    let exit = loop {
        if let Some(exit) = server.child.try_wait().expect("wait") {
            break exit;
        }
        assert!(started.elapsed() < DEADLINE, "serve did not stop");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(exit.success(), "{exit:?}");
    assert_eq!(tree(root), before, "serve writes no file");
}

fn tree(root: &Path) -> Vec<String> {
    let mut files: Vec<String> = walkdir::WalkDir::new(root)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.path().strip_prefix(root).expect("inside").display().to_string())
        .collect();
    files.sort();
    files
}
