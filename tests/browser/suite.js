// The browser suite (issue 11): the built site checked in Debian's chromium.
//   node tests/browser/suite.js SITE_DIR        (SITE_DIR: a build of tests/fixtures/python-guide)
// Checks: axe-core (0 violations; light/dark × 390/1280 px), layout (no sideways page scroll at
// 360/390 px, ≥ 100 code characters visible at 1280 px), keyboard use of the TOC, copy button,
// menu and theme switch, the selected search result's look, the first search result's latency
// from file://, navigation from file:// and under a /repo/ subpath, print to PDF (pdftotext),
// and Lighthouse (a11y, best practices, SEO = 100; performance reported, not enforced).
// SKIP_LIGHTHOUSE=1 leaves Lighthouse out.
"use strict";
const fs = require("fs");
const path = require("path");
const http = require("http");
const os = require("os");
const { execFileSync } = require("child_process");
const { chromium } = require("playwright-core");

const SITE = path.resolve(process.argv[2] || "site");
const CHROME = process.env.CHROME || "/usr/bin/chromium";
const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"];
const axeSrc = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const failures = [];
const started = Date.now();
function fail(what) { failures.push(what); console.log("  FAIL " + what); }
function ok(cond, what) { if (!cond) fail(what); return cond; }
function log(s) { console.log(s); }

// A static server for the site at / and at /repo/ (a GitHub Pages project path); unknown paths
// get 404.html with status 404, as hosts do.
const TYPES = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript", ".json": "application/json",
  ".svg": "image/svg+xml", ".png": "image/png", ".ico": "image/x-icon", ".xml": "application/xml", ".txt": "text/plain", ".ics": "text/calendar", ".csv": "text/csv" };
function serve() {
  const server = http.createServer((req, res) => {
    let p = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (p.startsWith("/repo/")) p = p.slice(5);
    else if (p === "/repo") p = "/";
    let file = path.join(SITE, path.normalize(p));
    if (!file.startsWith(SITE)) { res.writeHead(403); return res.end(); }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
    if (!fs.existsSync(file)) {
      res.writeHead(404, { "content-type": TYPES[".html"] });
      return res.end(fs.readFileSync(path.join(SITE, "404.html")));
    }
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] || "application/octet-stream", "cache-control": "max-age=3600" });
    res.end(fs.readFileSync(file));
  });
  return new Promise(resolve => server.listen(0, "127.0.0.1", () => resolve(server)));
}

// Page kinds of the site (paths from the root).
const Q_LONG = "topics/system-design/url-shortener/index.html";
const KINDS = {
  home: "index.html",
  topic: "topics/algorithms/index.html",
  question: Q_LONG,
  page: "interview-tips/index.html",
  plan: "plan/index.html",
  search: "search/index.html?q=heap",
  tags: "tags/index.html",
  tag: "tags/arrays/index.html",
  print: "print/index.html",
  topicPrint: "topics/algorithms/print/index.html",
  notFound: "no/such/page/",
};

async function settle(page) {
  await page.waitForLoadState("load");
  await page.waitForTimeout(150);
}

async function openAll(page) {
  await page.evaluate(() => document.querySelectorAll("details").forEach(d => { d.open = true; }));
}

// /plan/ "after use": tick two questions and pick a start date.
async function usePlan(page) {
  const boxes = page.locator("#plan-weeks input[type=checkbox]");
  if (await boxes.count()) { await boxes.nth(0).check(); await boxes.nth(1).check(); }
  const start = page.locator("#plan-start");
  if (await start.count() && await start.isVisible()) await start.fill("2026-12-07");
  await page.waitForTimeout(200);
}

async function axeChecks(browser, base) {
  log("\n== axe-core (0 violations)");
  const rows = [];
  // /print/ of the whole guide (488 Letter pages) crashes the renderer under axe; its markup is
  // the per-topic print view's, repeated, so axe checks that.
  const pages = ["home", "topic", "question", "plan", "search", "topicPrint", "tags", "tag", "notFound"];
  for (const scheme of ["light", "dark"]) {
    for (const width of [390, 1280]) {
      const context = await browser.newContext({ colorScheme: scheme, viewport: { width, height: 900 } });
      for (const kind of pages) {
        const page = await context.newPage();
        try {
        await page.goto(base + KINDS[kind]);
        await settle(page);
        if (kind === "question") await openAll(page);
        if (kind === "plan") await usePlan(page);
        if (kind === "search") await page.waitForSelector("#search-page-results li", { timeout: 5000 }).catch(() => {});
        await page.addScriptTag({ content: axeSrc });
        const res = await page.evaluate(async () => await axe.run(document, { resultTypes: ["violations"] }));
        const v = res.violations.map(x => `${x.id}(${x.nodes.length}): ${x.nodes.slice(0, 2).map(n => n.target.join(" ")).join(" | ")}`);
        rows.push({ scheme, width, kind, count: v.length });
        if (v.length) fail(`axe ${scheme} ${width}px ${kind}: ${v.join("; ")}`);
        } catch (err) {
          rows.push({ scheme, width, kind, count: "error" });
          fail(`axe ${scheme} ${width}px ${kind}: ${String(err).split("\n")[0]}`);
        }
        await page.close().catch(() => {});
      }
      await context.close();
    }
  }
  const byKind = {};
  rows.forEach(r => { byKind[r.kind] = byKind[r.kind] || {}; byKind[r.kind][`${r.scheme} ${r.width}`] = r.count; });
  log("| page | light 390 | light 1280 | dark 390 | dark 1280 |\n|---|---|---|---|---|");
  Object.keys(byKind).forEach(k => {
    const c = byKind[k];
    log(`| ${k} | ${c["light 390"]} | ${c["light 1280"]} | ${c["dark 390"]} | ${c["dark 1280"]} |`);
  });
}

async function layoutChecks(browser, base) {
  log("\n== Layout");
  for (const width of [360, 390]) {
    const context = await browser.newContext({ viewport: { width, height: 800 } });
    const page = await context.newPage();
    for (const kind of Object.keys(KINDS)) {
      await page.goto(base + KINDS[kind]);
      await settle(page);
      await openAll(page);
      const m = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, w: window.innerWidth }));
      ok(m.sw <= m.w, `${kind} at ${width}px scrolls sideways (${m.sw} > ${m.w})`);
    }
    await context.close();
  }
  log("  no sideways scroll at 360 and 390 px on " + Object.keys(KINDS).length + " page kinds (unless FAIL above)");
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(base + Q_LONG);
  await settle(page);
  await openAll(page);
  const chars = await page.evaluate(() => {
    let best = 0;
    document.querySelectorAll("pre").forEach(pre => {
      const cs = getComputedStyle(pre);
      const ctx = document.createElement("canvas").getContext("2d");
      ctx.font = `${cs.fontSize} ${cs.fontFamily}`;
      const w = ctx.measureText("0".repeat(100)).width / 100;
      const inner = pre.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
      best = Math.max(best, Math.floor(inner / w));
    });
    return best;
  });
  log(`  widest code block at 1280 px shows ${chars} characters`);
  ok(chars >= 100, `code block at 1280 px shows only ${chars} characters`);
  // The sticky header does not cover a heading a link jumps to.
  const covered = await page.evaluate(() => {
    const link = document.querySelector(".toc a");
    if (!link) return "no toc";
    link.click();
    const target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    const header = document.querySelector(".site-header").getBoundingClientRect();
    return target.getBoundingClientRect().top >= header.bottom - 1 ? "" : "covered";
  });
  ok(covered === "", "the header covers the heading a TOC link jumps to: " + covered);
  await context.close();
}

async function keyboardChecks(browser, base) {
  log("\n== Keyboard: TOC, copy, menu, theme switch; search highlight");
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, permissions: ["clipboard-read", "clipboard-write"] });
  const page = await context.newPage();
  await page.goto(base + Q_LONG);
  await settle(page);
  // TOC: a link reached by Tab follows with Enter.
  const tocLink = page.locator(".toc a").nth(1);
  await tocLink.focus();
  await page.keyboard.press("Enter");
  await page.waitForTimeout(200);
  const hash = await page.evaluate(() => location.hash);
  ok(hash && hash === (await tocLink.getAttribute("href")), "TOC link by keyboard: hash is " + hash);
  // Copy: the button is focusable and announces "Copied".
  const copy = page.locator(".copy-button").first();
  ok(await copy.count() > 0, "no copy button on a code block");
  await copy.focus();
  ok(await page.evaluate(() => document.activeElement.classList.contains("copy-button")), "copy button not focusable");
  await page.keyboard.press("Enter");
  await page.waitForTimeout(300);
  const said = await page.evaluate(() => document.getElementById("site-status").textContent);
  ok(said === "Copied", "copy button announced: " + JSON.stringify(said));
  // Theme switch: Enter cycles system → light → dark; the choice survives a reload.
  const toggle = page.locator("[data-theme-toggle]");
  await toggle.focus();
  await page.keyboard.press("Enter");
  await page.keyboard.press("Enter");
  ok(await page.evaluate(() => document.documentElement.getAttribute("data-theme")) === "dark", "theme switch did not reach dark");
  await page.reload();
  const theme = await page.evaluate(() => [document.documentElement.getAttribute("data-theme"), getComputedStyle(document.body).backgroundColor]);
  ok(theme[0] === "dark" && theme[1] === "rgb(13, 17, 23)", "dark theme not remembered: " + theme);
  await page.keyboard.press("Tab");
  await toggle.focus();
  await page.keyboard.press("Enter");
  await page.close();
  // Search: the selected result looks different from the others.
  const s = await context.newPage();
  await s.goto(base + "index.html");
  await settle(s);
  await s.focus("#search-input");
  await s.keyboard.type("heap");
  await s.waitForSelector("#search-results [role=option]", { timeout: 5000 });
  await s.keyboard.press("ArrowDown");
  const looks = await s.evaluate(() => {
    const opts = document.querySelectorAll("#search-results [role=option]");
    const style = o => { const c = getComputedStyle(o); return c.backgroundColor + c.outlineStyle + c.outlineColor; };
    return [opts[0].getAttribute("aria-selected"), style(opts[0]), style(opts[1])];
  });
  ok(looks[0] === "true" && looks[1] !== looks[2], "selected search result looks like the others: " + looks.join(" / "));
  await context.close();
  // Menu at 390 px: the disclosure button opens the navigation.
  const phone = await browser.newContext({ viewport: { width: 390, height: 800 } });
  const p = await phone.newPage();
  await p.goto(base + "topics/algorithms/two-sum/index.html");
  await settle(p);
  ok(!(await p.locator("#site-menu").isVisible()), "phone nav visible before the menu is opened");
  await p.locator(".menu-toggle").focus();
  await p.keyboard.press("Enter");
  ok(await p.locator("#site-menu").isVisible() && await p.locator("#topic-menu").isVisible(), "menu button did not open the nav and the question list");
  ok(await p.locator(".menu-toggle").getAttribute("aria-expanded") === "true", "menu button aria-expanded not true");
  await phone.close();
}

async function latencyCheck(browser) {
  log("\n== Search from file://: first keystroke → first result");
  const times = [];
  for (let r = 0; r < 3; r++) {
    const page = await browser.newPage();
    await page.goto("file://" + path.join(SITE, "topics/algorithms/two-sum/index.html"));
    await settle(page);
    ok(await page.evaluate(() => !document.querySelector("script[src$='static/search.js']")), "search.js loads before search is used");
    // As bench/search_latency.js: the box gets focus (which loads search.js), then the
    // first keystroke; the clock runs from the keystroke.
    await page.focus("#search-input");
    const t = await page.evaluate(() => new Promise(resolve => {
      const list = document.getElementById("search-results");
      const input = document.getElementById("search-input");
      const start = performance.now();
      new MutationObserver(() => { if (list.querySelector("[role=option]")) resolve(performance.now() - start); })
        .observe(list, { childList: true, subtree: true });
      input.value = "g";
      input.dispatchEvent(new KeyboardEvent("keydown", { key: "g", bubbles: true }));
      input.dispatchEvent(new InputEvent("input", { bubbles: true, data: "g", inputType: "insertText" }));
    }));
    times.push(Math.round(t));
    await page.close();
  }
  times.sort((a, b) => a - b);
  log(`  ${times.join(", ")} ms (median ${times[1]})`);
  // Reported, not enforced: no test depends on wall-clock speed (a shared CI machine is
  // noisy); the figure goes in the report.
  if (times[1] >= 100) log(`  (median ${times[1]} ms ≥ 100 ms on this machine: reported, not enforced)`);
}

async function navigationChecks(browser, bases) {
  log("\n== Navigation (file://, subpath)");
  for (const base of bases) {
    const page = await browser.newPage();
    await page.goto(base + "index.html");
    await settle(page);
    const styled = () => page.evaluate(() => getComputedStyle(document.querySelector(".site-header")).position === "sticky");
    ok(await styled(), `${base}: home unstyled`);
    await page.click(".cards a");
    await settle(page);
    ok(/\/topics\/[^/]+\/index\.html$/.test(page.url()), `${base}: topic card leads to ${page.url()}`);
    await page.click(".question-list a");
    await settle(page);
    ok(await page.locator("article.question h1").count() === 1, `${base}: question page did not open (${page.url()})`);
    await page.click(".breadcrumbs a");
    await settle(page);
    ok(/index\.html$/.test(page.url()) && await styled(), `${base}: breadcrumbs home`);
    await page.click("footer a[href$='print/index.html']");
    await settle(page);
    ok(await page.locator(".print-doc").count() > 10, `${base}: /print/ did not open`);
    if (!base.startsWith("file:")) {
      await page.goto(base + "no/such/deep/page");
      await settle(page);
      ok(await styled(), `${base}: 404 page unstyled`);
      await page.click("main a");
      await settle(page);
      ok(page.url() === base + "index.html", `${base}: 404's home link leads to ${page.url()}`);
    }
    log(`  ${base}: home → topic → question → home → print${base.startsWith("file:") ? "" : ", 404"}`);
    await page.close();
  }
}

function pdfPages(file) {
  const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8", maxBuffer: 1 << 28 });
  return text.split("\f").filter((p, i, all) => i < all.length - 1 || p.trim());
}
const norm = s => s.replace(/\s+/g, " ").trim();

async function printChecks(browser, base) {
  log("\n== Print to PDF");
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "syllabus-pdf-"));
  for (const [kind, rel] of [["print", KINDS.print], ["long question", Q_LONG]]) {
    const page = await browser.newPage();
    await page.goto(base + rel);
    await settle(page);
    const info = await page.evaluate(() => {
      const hrefs = Array.from(document.querySelectorAll("main a[href^='http']"))
        .filter(a => !a.textContent.includes(a.getAttribute("href"))).map(a => a.getAttribute("href"));
      // The first words of every collapsed section's body, to find in the PDF.
      const solutions = Array.from(document.querySelectorAll("details.reveal")).map(d => {
        const body = Array.from(d.children).find(c => c.tagName !== "SUMMARY");
        if (!body) return "";
        const copy = body.cloneNode(true);
        copy.querySelectorAll(".anchor, .copy-button").forEach(e => e.remove());
        return copy.textContent.replace(/\s+/g, "").slice(0, 30);
      }).filter(Boolean);
      const chapters = Array.from(document.querySelectorAll(".print-topic h2, .print-page h2")).map(h => h.textContent.trim());
      return { hrefs, solutions, chapters };
    });
    await page.emulateMedia({ media: "print" });
    const file = path.join(tmp, kind.replace(/ /g, "-") + ".pdf");
    await page.pdf({ path: file, format: "Letter", margin: { top: "0.6in", bottom: "0.6in", left: "0.6in", right: "0.6in" } });
    await page.close();
    const pages = pdfPages(file);
    const lines = pages.map(p => p.split("\n").filter(l => l.trim()).length);
    const full = Math.max(...lines);
    const all = norm(pages.join(" "));
    // A page may be short when the next one starts a chapter (or it is the last).
    const short = [];
    lines.forEach((n, i) => {
      if (i === pages.length - 1 || n >= full / 3) return;
      const next = norm(pages[i + 1]).slice(0, 200);
      if (info.chapters.some(c => next.startsWith(norm(c)))) return;
      if (kind === "print" && i === 0) return; // the title page with the contents ends with a page break
      short.push(`page ${i + 1}: ${n}/${full} lines`);
    });
    ok(short.length === 0, `${kind}: pages less than a third full: ${short.join(", ")}`);
    const inline = info.hrefs.filter(h => all.includes(h));
    ok(inline.length === 0, `${kind}: inline URLs printed: ${inline.slice(0, 3).join(", ")}`);
    const squeezed = all.replace(/\s+/g, ""); // pdftotext spaces out inline code
    const missing = info.solutions.filter(s => !squeezed.includes(s));
    ok(info.solutions.length > 0 && missing.length === 0, `${kind}: sections missing from the PDF: ${missing.slice(0, 3).join(" | ")}`);
    log(`  ${kind}: ${pages.length} pages, ${info.solutions.length} collapsed sections all printed, lines per page ${Math.min(...lines)}–${full}`);
  }
}

async function lighthouseChecks(base) {
  log("\n== Lighthouse (mobile)");
  const lighthouse = (await import("lighthouse")).default;
  const chromeLauncher = await import("chrome-launcher");
  const chrome = await chromeLauncher.launch({ chromePath: CHROME, chromeFlags: ["--headless=new", ...ARGS] });
  log("| page | performance | accessibility | best practices | SEO |\n|---|---|---|---|---|");
  try {
    for (const [name, rel] of [["home", "index.html"], ["question", Q_LONG], ["plan", "plan/index.html"], ["search", "search/index.html"]]) {
      const result = await lighthouse(base + rel, { port: chrome.port, output: "json", logLevel: "error",
        onlyCategories: ["performance", "accessibility", "best-practices", "seo"] });
      const c = result.lhr.categories;
      const score = k => Math.round(c[k].score * 100);
      log(`| ${name} | ${score("performance")} | ${score("accessibility")} | ${score("best-practices")} | ${score("seo")} |`);
      for (const k of ["accessibility", "best-practices", "seo"]) {
        if (score(k) < 100) {
          const bad = Object.values(result.lhr.audits).filter(a => a.score !== null && a.score < 1 &&
            c[k].auditRefs.some(r => r.id === a.id && r.weight > 0)).map(a => a.id);
          fail(`Lighthouse ${name} ${k} ${score(k)}: ${bad.join(", ")}`);
        }
      }
      if (score("performance") < 95) log(`  (performance ${score("performance")} < 95 on ${name}: reported, not enforced)`);
    }
  } finally {
    await chrome.kill();
  }
}

(async () => {
  if (!fs.existsSync(path.join(SITE, "index.html"))) { console.error(`no site at ${SITE}`); process.exit(2); }
  const server = await serve();
  const port = server.address().port;
  const base = `http://127.0.0.1:${port}/`;
  const browser = await chromium.launch({ executablePath: CHROME, args: ARGS });
  const only = (process.env.ONLY || "").split(",").filter(Boolean);
  const run = (name, f) => (only.length && !only.includes(name) ? Promise.resolve() : f());
  try {
    await run("layout", () => layoutChecks(browser, base));
    await run("keyboard", () => keyboardChecks(browser, base));
    await run("latency", () => latencyCheck(browser));
    await run("navigation", () => navigationChecks(browser, ["file://" + SITE + "/", base, `http://127.0.0.1:${port}/repo/`]));
    await run("print", () => printChecks(browser, base));
    await run("axe", () => axeChecks(browser, base));
  } finally {
    await browser.close();
  }
  if (!process.env.SKIP_LIGHTHOUSE) await run("lighthouse", () => lighthouseChecks(base));
  server.close();
  log(`\nbrowser suite: ${failures.length} failure(s) in ${Math.round((Date.now() - started) / 1000)} s`);
  process.exit(failures.length ? 1 : 0);
})().catch(err => { console.error(err); process.exit(1); });
