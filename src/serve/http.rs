//! The preview server's HTTP side: it answers from the site held in memory, confined to it,
//! and keeps the reload channel (Server-Sent Events) that tells open pages to reload or show
//! the build's errors. Only `serve` has this channel and the script that listens to it: the
//! script is added to HTML responses here, never to what `build` writes.

use std::io::Write;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Instant;

use tiny_http::{Header, Request, Response, StatusCode};

use super::session::SiteFiles;

/// The path of the reload channel. `/__syllabus/` is never a path of a built site (slugs are
/// lowercase letters, digits and hyphens).
pub const EVENTS_PATH: &str = "/__syllabus/events";

/// What the server shows: the last good site, its generation, and the errors of the last
/// build if it failed.
pub struct Served {
    pub site: Arc<SiteFiles>,
    pub generation: u64,
    pub error: Option<String>,
}

/// Everything the request threads share.
pub struct Shared {
    pub served: RwLock<Served>,
    listeners: Mutex<Vec<Box<dyn Write + Send>>>,
    /// When a request last came or was answered: the session waits for the browser to be
    /// done reloading before it makes what is left of a rebuild (the search index).
    last_request: Mutex<Instant>,
}

impl Shared {
    pub fn new(served: Served) -> Self {
        Self {
            served: RwLock::new(served),
            listeners: Mutex::new(Vec::new()),
            last_request: Mutex::new(Instant::now()),
        }
    }

    /// When a request last came or was answered.
    pub fn last_request(&self) -> Instant {
        *self.last_request.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn requested(&self) {
        *self.last_request.lock().unwrap_or_else(|e| e.into_inner()) = Instant::now();
    }

    /// Replaces what is served and tells every open page.
    pub fn publish(&self, served: Served) {
        let old_site = Arc::clone(&self.served.read().unwrap_or_else(|e| e.into_inner()).site);
        let files_changed = !only_pages_differ(&old_site, &served.site);
        let event = state_event(served.generation, served.error.as_deref(), files_changed);
        let old = std::mem::replace(&mut *self.served.write().unwrap_or_else(|e| e.into_inner()), served);
        self.broadcast(&event);
        // Freed after the event: the old site's map has an entry per file (20,000 at 10,000
        // questions), and open pages need not wait for it.
        drop(old);
    }

    /// Serves `site` without telling open pages (same generation, same errors): for files they do not show (the search
    /// index made after the pages), so nothing needs a reload.
    pub fn replace_site(&self, site: Arc<SiteFiles>) {
        self.served.write().unwrap_or_else(|e| e.into_inner()).site = site;
    }

    /// Sends `event` to every open page, dropping the ones that went away.
    pub fn broadcast(&self, event: &str) {
        let mut listeners = self.listeners.lock().unwrap_or_else(|e| e.into_inner());
        listeners.retain_mut(|w| w.write_all(event.as_bytes()).and_then(|()| w.flush()).is_ok());
    }

    /// Open pages listening for reloads.
    pub fn listeners(&self) -> usize {
        self.listeners.lock().unwrap_or_else(|e| e.into_inner()).len()
    }
}

/// The server-sent event that carries the state: open pages update when the generation is
/// not the one they were served with, and show or hide the error overlay. `files`: whether
/// a file other than a page changed (a style, a script, the plan's data): then an open page
/// reloads whole; otherwise it may patch in what changed in its own HTML (`reload.js`).
fn state_event(generation: u64, error: Option<&str>, files: bool) -> String {
    let data = serde_json::json!({ "generation": generation, "error": error, "files": files });
    format!("event: state\ndata: {data}\n\n")
}

/// Whether `new` has the files of `old` other than pages, with the same bytes. Most are the
/// very same buffers (a rebuild keeps what it did not make again), so this rarely compares
/// bytes.
fn only_pages_differ(old: &SiteFiles, new: &SiteFiles) -> bool {
    let is_page = |path: &str| path.ends_with(".html");
    let others = |site: &SiteFiles| site.keys().filter(|p| !is_page(p)).count();
    others(old) == others(new)
        && old.iter().filter(|(p, _)| !is_page(p)).all(|(path, bytes)| {
            new.get(path)
                .is_some_and(|b| Arc::ptr_eq(b, bytes) || b.as_slice() == bytes.as_slice())
        })
}

/// A heartbeat, so that pages that went away are noticed and proxies keep the line open.
pub const HEARTBEAT: &str = ": ping\n\n";

/// Answers one request.
pub fn handle(request: Request, shared: &Shared) {
    shared.requested();
    let url = request.url().to_string();
    // tiny_http leaves out the body of a HEAD response by itself.
    if !matches!(request.method(), tiny_http::Method::Get | tiny_http::Method::Head) {
        let _ = request.respond(text(405, "only GET and HEAD are supported\n"));
        return;
    }
    let path = url.split(['?', '#']).next().unwrap_or("");
    if path == EVENTS_PATH {
        subscribe(request, shared);
        return;
    }
    super::trace::step(|| format!("request {path}"));
    let if_none_match = request
        .headers()
        .iter()
        .find(|h| h.field.equiv("If-None-Match"))
        .map(|h| h.value.as_str().to_string());
    let response = match site_path(path) {
        Err(status) => text(status, "bad request\n"),
        Ok(rel) => answer(&rel, shared, if_none_match.as_deref()),
    };
    let _ = request.respond(response);
    shared.requested();
    super::trace::step(|| format!("responded {path}"));
}

/// `if_none_match`: the browser's `If-None-Match`, answered with 304 when it names the file
/// as it is.
fn answer(rel: &str, shared: &Shared, if_none_match: Option<&str>) -> Response<std::io::Cursor<Vec<u8>>> {
    let served = shared.served.read().unwrap_or_else(|e| e.into_inner());
    let site = &served.site;
    let file = if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.to_string()
    };
    if let Some(bytes) = site.get(&file) {
        if !content_type(&file).starts_with("text/html") {
            return cached_file_response(&file, bytes, if_none_match);
        }
        return file_response(200, &file, bytes, served.generation);
    }
    // A folder named without its slash: send the browser to the slash, so that the page's
    // relative links resolve as they do on any static host.
    if site.contains_key(&format!("{file}/index.html")) {
        let location = format!("/{}/", percent_encode(&file));
        return with_headers(
            Response::from_data(Vec::new()).with_status_code(301),
            &[("Location", &location)],
        );
    }
    match site.get("404.html") {
        Some(bytes) => file_response(404, "404.html", bytes, served.generation),
        None => {
            // No good build yet: a page that shows the errors and reloads once they are fixed.
            let page = b"<!doctype html><html lang=en><meta charset=utf-8><title>syllabus serve</title><body><h1>No site yet</h1><p>The first build failed; fix the errors shown here and in the terminal.</p></body></html>";
            file_response(
                if site.is_empty() { 503 } else { 404 },
                "index.html",
                page,
                served.generation,
            )
        }
    }
}

fn file_response(status: u16, path: &str, bytes: &[u8], generation: u64) -> Response<std::io::Cursor<Vec<u8>>> {
    let mime = content_type(path);
    let body = if mime.starts_with("text/html") {
        inject_reload_script(bytes, generation)
    } else {
        bytes.to_vec()
    };
    with_headers(
        Response::from_data(body).with_status_code(status),
        &[
            ("Content-Type", mime),
            ("Cache-Control", "no-store"),
            ("X-Content-Type-Options", "nosniff"),
        ],
    )
}

/// A file that is not a page (styles, scripts, images, the search index): served with an
/// `ETag` of its bytes and `no-cache`, so a reload asks again for each and gets a 304 with no
/// body while it is unchanged (and the browser keeps what it parsed), and the new bytes as soon
/// as they change (a theme edit shows with the reload). Pages stay `no-store`: each carries the
/// generation it was served from.
fn cached_file_response(path: &str, bytes: &[u8], if_none_match: Option<&str>) -> Response<std::io::Cursor<Vec<u8>>> {
    let etag = etag(bytes);
    let fresh = if_none_match.is_some_and(|value| value.split(',').any(|tag| tag.trim() == etag || tag.trim() == "*"));
    let response = if fresh {
        Response::from_data(Vec::new()).with_status_code(304)
    } else {
        Response::from_data(bytes.to_vec()).with_status_code(200)
    };
    with_headers(
        response,
        &[
            ("Content-Type", content_type(path)),
            ("Cache-Control", "no-cache"),
            ("ETag", &etag),
            ("X-Content-Type-Options", "nosniff"),
        ],
    )
}

/// A strong validator of a file's bytes.
pub fn etag(bytes: &[u8]) -> String {
    format!("\"{:016x}-{:x}\"", crate::key::key_of(bytes), bytes.len())
}

/// Escapes what may not stand in a `Location` header as it is (non-ASCII, spaces, controls).
fn percent_encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// The script added to every HTML response: it listens on the reload channel.
const RELOAD_SCRIPT: &str = include_str!("reload.js");

/// Adds the reload script before `</body>` (or at the end), with the generation the page
/// was served from.
pub fn inject_reload_script(html: &[u8], generation: u64) -> Vec<u8> {
    let script = format!("<script data-syllabus-generation=\"{generation}\">{RELOAD_SCRIPT}</script>");
    let at = find_last(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + script.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(script.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// The site-relative path a request names, or the status to refuse it with. Requests are
/// confined to the site: anything that could name a file outside it (`..`, `.`, encoded or
/// not, backslashes, NUL bytes, empty segments, a path that is not absolute) is refused
/// before the site is looked at.
pub fn site_path(path: &str) -> Result<String, u16> {
    let Some(rest) = path.strip_prefix('/') else {
        return Err(400);
    };
    let decoded = percent_decode(rest).ok_or(400_u16)?;
    if decoded.contains(['\0', '\\']) {
        return Err(400);
    }
    let trailing_slash = decoded.ends_with('/');
    let body = decoded.strip_suffix('/').unwrap_or(&decoded);
    if body.is_empty() {
        return Ok(String::new());
    }
    if body
        .split('/')
        .any(|segment| segment.is_empty() || segment == "." || segment == "..")
    {
        return Err(400);
    }
    Ok(if trailing_slash {
        format!("{body}/")
    } else {
        body.to_string()
    })
}

/// Decodes `%XX` escapes; `None` for a malformed escape or text that is not UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The `Content-Type` of a site file, by its extension.
pub fn content_type(path: &str) -> &'static str {
    let extension = path.rsplit_once('.').map_or("", |(_, ext)| ext);
    match extension.to_ascii_lowercase().as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "ics" => "text/calendar; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "txt" | "md" => "text/plain; charset=utf-8",
        "webmanifest" => "application/manifest+json",
        "woff2" => "font/woff2",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

/// Keeps the connection as an event stream: the current state first, then every change.
fn subscribe(request: Request, shared: &Shared) {
    let mut writer = request.into_writer();
    let (generation, error) = {
        let served = shared.served.read().unwrap_or_else(|e| e.into_inner());
        (served.generation, served.error.clone())
    };
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: close\r\n\r\nretry: 500\n\n";
    // The page may be more than one generation behind: nothing tells what changed since.
    let first = state_event(generation, error.as_deref(), true);
    if writer
        .write_all(head.as_bytes())
        .and_then(|()| writer.write_all(first.as_bytes()))
        .and_then(|()| writer.flush())
        .is_ok()
    {
        shared.listeners.lock().unwrap_or_else(|e| e.into_inner()).push(writer);
        super::trace::step(|| format!("subscribed generation={generation}"));
    }
}

fn text(status: u16, body: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    with_headers(
        Response::from_data(body.as_bytes().to_vec()).with_status_code(StatusCode(status)),
        &[("Content-Type", "text/plain; charset=utf-8")],
    )
}

/// Adds headers; every value here is ASCII (ours, or percent-encoded), and one that is not
/// would be left out rather than fail the response.
fn with_headers<R: std::io::Read>(mut response: Response<R>, headers: &[(&str, &str)]) -> Response<R> {
    for (name, value) in headers {
        if let Ok(header) = Header::from_bytes(name.as_bytes(), value.as_bytes()) {
            response.add_header(header);
        }
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_are_confined_to_the_site() {
        assert_eq!(site_path("/"), Ok(String::new()));
        assert_eq!(site_path("/topics/a/"), Ok("topics/a/".into()));
        assert_eq!(site_path("/static/style.css"), Ok("static/style.css".into()));
        assert_eq!(site_path("/caf%C3%A9"), Ok("café".into()));
        for bad in [
            "/../etc/passwd",
            "/a/../../b",
            "/%2e%2e/secret",
            "/%2E%2E%2Fsecret",
            "/a/%2e/b",
            "/..%5c..%5cwin.ini",
            "/a\\b",
            "/a%00b",
            "//etc/passwd",
            "etc/passwd",
            "http://x/y",
            "/%zz",
            "/%ff",
        ] {
            assert_eq!(site_path(bad), Err(400), "{bad}");
        }
    }

    #[test]
    fn content_types_by_extension() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("plan/study-plan.ics"), "text/calendar; charset=utf-8");
        assert_eq!(content_type("plan/study-plan.csv"), "text/csv; charset=utf-8");
        assert_eq!(content_type("x.SVG"), "image/svg+xml");
        assert_eq!(content_type("robots.txt"), "text/plain; charset=utf-8");
        assert_eq!(content_type("sitemap.xml"), "application/xml; charset=utf-8");
        assert_eq!(content_type("noext"), "application/octet-stream");
    }

    #[test]
    fn unchanged_files_are_answered_304_by_their_validator() {
        let css = b"body { color: red }";
        let first = cached_file_response("static/style.css", css, None);
        assert_eq!(first.status_code().0, 200);
        let tag = etag(css);
        for matching in [tag.clone(), format!("\"x\", {tag}"), "*".to_string()] {
            let again = cached_file_response("static/style.css", css, Some(&matching));
            assert_eq!(again.status_code().0, 304, "{matching}");
        }
        let edited = cached_file_response("static/style.css", b"body { color: blue }", Some(&tag));
        assert_eq!(edited.status_code().0, 200, "new bytes, new validator");
        assert_ne!(etag(b"body { color: blue }"), tag);
    }

    #[test]
    fn the_script_goes_before_the_last_body_end() {
        let html = b"<html><body><p>&lt;/body&gt;</p></body></html>";
        let out = String::from_utf8(inject_reload_script(html, 7)).expect("utf-8");
        assert!(out.starts_with("<html><body><p>&lt;/body&gt;</p><script data-syllabus-generation=\"7\">"));
        assert!(out.ends_with("</script></body></html>"));
        let bare = String::from_utf8(inject_reload_script(b"<p>x", 1)).expect("utf-8");
        assert!(bare.starts_with("<p>x<script"));
    }
}
