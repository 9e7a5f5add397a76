// The browser suite (issue 11): a built site checked in Debian's chromium.
//   node tests/browser/suite.js SITE_DIR
// SITE_DIR is a build of the shipped guide whose base_url ends in /repo/ (.ci/run builds one;
// see README "Browser suite"). Checks:
//   axe-core    0 violations on the page kinds of the issue, light and dark, 390 and 1280 px
//   layout      no sideways page scroll at 360 and 390 px on every page kind; at 1280 px the
//               widest code block shows ≥ 100 characters; the header covers no jump target
//   keyboard    table of contents (wide and phone), copy button, menu, theme switch; the
//               selected search result looks different from the others
//   progress    "Mark as done" shows on the topic's list, the home card and /plan/
//   latency     first keystroke → first result in the header box, from file:// (reported)
//   navigation  home → topic → question → home → print (and the 404 page) from file://, at
//               the server root and under /repo/
//   print       /print/ and a long question to PDF: no page less than a third full except a
//               chapter's last, no inline URLs, every collapsed section printed; a question
//               printed without JavaScript has its collapsed sections too
//   lighthouse  home, a question, /plan/, /search/ on mobile: accessibility, best practices
//               and SEO 100, performance at least 95 (the lowest page, /plan/, measured 98–99
//               over 15 runs on a shared 2-core machine; PERF_MIN=0 only reports it)
// ONLY=axe,print runs some groups; JOBS=n pages at once (default 2); SKIP_LIGHTHOUSE=1;
// PERF_MIN=n the Lighthouse performance a page needs (default 95).
"use strict";
const fs = require("fs");
const path = require("path");
const http = require("http");
const os = require("os");
const { execFileSync } = require("child_process");
const { chromium } = require("playwright-core");

const SITE = path.resolve(process.argv[2] || "site");
const CHROME = process.env.CHROME || "/usr/bin/chromium";
const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
  "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"];
const JOBS = Math.max(1, Number(process.env.JOBS) || 2);
const PERF_MIN = process.env.PERF_MIN === undefined ? 95 : Number(process.env.PERF_MIN);
const ONLY = (process.env.ONLY || "").split(",").filter(Boolean);
const axeSrc = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const started = Date.now();
const failures = [];
const report = {}; // group → lines, printed in order at the end
function say(group, line) { (report[group] = report[group] || []).push(line); }
function fail(group, what) { failures.push(`${group}: ${what}`); say(group, "  FAIL " + what); }
function ok(group, cond, what) { if (!cond) fail(group, what); return cond; }

// The site at / and at /repo/ (a project page's path); unknown paths get 404.html with
// status 404, as GitHub Pages does.
const TYPES = { ".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript", ".json": "application/json",
  ".svg": "image/svg+xml", ".png": "image/png", ".ico": "image/x-icon", ".xml": "application/xml", ".txt": "text/plain",
  ".ics": "text/calendar", ".csv": "text/csv" };
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

// Every page kind of the site (paths from the root).
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
// The pages axe checks (the list; /print/ holds every page's and question's content).
const AXE_KINDS = ["print", "question", "topic", "plan", "home", "search", "tags", "notFound"];

/** `f` with a name for reports. */
function named(label, f) { f.label = label; return f; }

/** Runs `tasks` (functions returning promises), at most `n` at a time, in order of the list. */
async function pool(n, tasks) {
  let next = 0;
  async function worker() {
    while (next < tasks.length) {
      const task = tasks[next++];
      await task();
    }
  }
  await Promise.all(Array.from({ length: Math.min(n, tasks.length) }, worker));
}

async function open(context, url) {
  const page = await context.newPage();
  await page.goto(url, { waitUntil: "load", timeout: 120000 });
  return page;
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
  await page.waitForTimeout(100);
}

// ---------------------------------------------------------------------------------- axe ---
// Which rules run where. The dark theme changes colours only (custom properties), so in dark
// the rules about colour run; every rule runs in light at both widths, which show different
// things (the phone menu, the sidebar). /print/, the whole guide, gets every rule once (light
// 1280) and at 390 px the rules that hang on layout or colour.
const COLOUR_RULES = ["color-contrast", "link-in-text-block"];
const LAYOUT_RULES = ["target-size", "scrollable-region-focusable", "region", ...COLOUR_RULES];
function axeRules(kind, key) {
  if (key.startsWith("dark")) return COLOUR_RULES;
  if (kind === "print" && key !== "light 1280") return LAYOUT_RULES;
  return null; // every rule
}

// Every page whole, /print/ too (the whole guide: 75,000 elements, 54,000 of them code tokens).
function axeTasks(browser, base, contexts, rows) {
  const tasks = [];
  for (const kind of AXE_KINDS) {
    for (const [key, context] of Object.entries(contexts)) {
      tasks.push(named(`axe ${key} ${kind}`, async () => {
        let page;
        try {
          page = await open(context, base + KINDS[kind]);
          if (kind === "question") await openAll(page);
          if (kind === "plan") await usePlan(page);
          if (kind === "search") await page.waitForSelector("#search-page-results li", { timeout: 10000 });
          await page.addScriptTag({ content: axeSrc });
          const found = await page.evaluate(async ([sample, rules]) => {
            const found = {};
            const add = r => r.violations.forEach(v => { found[v.id] = (found[v.id] || []).concat(v.nodes.map(n => n.target.join(" "))); });
            const options = rules ? { resultTypes: ["violations"], runOnly: { type: "rule", values: rules } } : { resultTypes: ["violations"] };
            if (!sample) {
              add(await axe.run(document, options));
              return found;
            }
            // Every rule on every element, except colour contrast inside code blocks: a token's
            // colour comes from its class and its block's surroundings, so contrast is checked
            // in the blocks that together hold every (class, surrounding) pair there is (10 of
            // the guide's 424 blocks; the rest are 54,000 tokens more of the same).
            const seen = new Set();
            document.querySelectorAll("pre").forEach(pre => {
              const where = pre.closest("details") ? "details" : pre.closest("blockquote") ? "quote" : "main";
              const keys = [where].concat(Array.from(pre.querySelectorAll("[class]"), s => where + " " + s.className));
              if (keys.some(k => !seen.has(k))) keys.forEach(k => seen.add(k));
              else [pre, ...pre.querySelectorAll("*")].forEach(e => e.setAttribute("data-axe-skip", ""));
            });
            axe.configure({ rules: [{ id: "color-contrast", selector: ":not([data-axe-skip])" }] });
            add(await axe.run(document, options));
            return found;
          }, [kind === "print", axeRules(kind, key)]);
          const ids = Object.keys(found);
          rows.push({ kind, key, count: ids.reduce((n, id) => n + found[id].length, 0) });
          if (ids.length) fail("axe", `${key} ${kind}: ` + ids.map(id => `${id}(${found[id].length}): ${found[id].slice(0, 2).join(" | ")}`).join("; "));
        } catch (err) {
          rows.push({ kind, key, count: "error" });
          fail("axe", `${key} ${kind}: ${String(err).split("\n")[0]}`);
        }
        if (page) await page.close().catch(() => {});
      }));
    }
  }
  return tasks;
}

function axeTable(rows) {
  const keys = ["light 390", "light 1280", "dark 390", "dark 1280"];
  say("axe", "| page | " + keys.join(" | ") + " |\n|---|---|---|---|---|");
  for (const kind of AXE_KINDS) {
    const cells = keys.map(k => { const r = rows.find(x => x.kind === kind && x.key === k); return r ? r.count : "–"; });
    say("axe", `| ${kind} | ${cells.join(" | ")} |`);
  }
  say("axe", `  (light: every rule; dark: ${COLOUR_RULES.join(", ")} (the dark theme changes colours only); /print/ at 390 px: ` +
    `${LAYOUT_RULES.join(", ")}. On /print/, contrast inside code blocks is checked in the blocks that hold every ` +
    "token class in every surrounding.)");
}

// ------------------------------------------------------------------------------- layout ---
function layoutTasks(browser, base, phones) {
  const tasks = [];
  for (const [width, context] of Object.entries(phones)) {
    for (const kind of Object.keys(KINDS)) {
      tasks.push(named(`layout ${width} ${kind}`, async () => {
        const page = await open(context, base + KINDS[kind]);
        await openAll(page);
        // Also with the phone menu and the table of contents open.
        await page.evaluate(() => { const b = document.querySelector(".menu-toggle"); if (b && !b.hidden) b.click(); });
        const m = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, w: window.innerWidth,
          wide: Array.from(document.querySelectorAll("main *")).filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
            .filter(e => !e.closest("pre, .table-wrap")).slice(0, 2).map(e => e.tagName + "." + e.className) }));
        ok("layout", m.sw <= m.w, `${kind} at ${width} px scrolls sideways (${m.sw} > ${m.w}; ${m.wide.join(", ")})`);
        await page.close();
      }));
    }
  }
  return tasks;
}

async function codeWidthCheck(wide, base) {
  const page = await open(wide, base + Q_LONG);
  await openAll(page);
  const chars = await page.evaluate(() => {
    let best = 0;
    document.querySelectorAll("pre").forEach(pre => {
      const cs = getComputedStyle(pre);
      const probe = document.createElement("span");
      probe.textContent = "0".repeat(100);
      probe.style.font = cs.font;
      probe.style.position = "absolute";
      probe.style.whiteSpace = "pre";
      document.body.appendChild(probe);
      const w = probe.getBoundingClientRect().width / 100;
      probe.remove();
      const inner = pre.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
      best = Math.max(best, Math.floor(inner / w));
    });
    return best;
  });
  say("layout", `  widest code block at 1280 px shows ${chars} characters`);
  ok("layout", chars >= 100, `code block at 1280 px shows only ${chars} characters`);
  // The sticky header covers neither a heading a link jumps to nor the sidebar's title.
  const covered = await page.evaluate(async () => {
    const link = document.querySelectorAll(".toc a")[2];
    if (!link) return "no toc";
    link.click();
    await new Promise(r => setTimeout(r, 100));
    const target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    const header = document.querySelector(".site-header").getBoundingClientRect();
    const title = document.querySelector(".sidebar-title").getBoundingClientRect();
    return [target.getBoundingClientRect().top >= header.bottom - 1 ? "" : "heading covered",
      title.top >= header.bottom - 1 ? "" : "sidebar title covered"].filter(Boolean).join(", ");
  });
  ok("layout", covered === "", "the sticky header: " + covered);
  await page.close();
}

// ----------------------------------------------------------------------------- keyboard ---
async function keyboardChecks(browser, base) {
  const K = "keyboard";
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, permissions: ["clipboard-read", "clipboard-write"] });
  const page = await open(context, base + Q_LONG);
  // Table of contents: a link reached by Tab follows with Enter and lands below the header.
  const tocLink = page.locator(".toc a").nth(1);
  await tocLink.focus();
  await page.keyboard.press("Enter");
  await page.waitForTimeout(200);
  const hash = await page.evaluate(() => location.hash);
  ok(K, hash && hash === (await tocLink.getAttribute("href")), "TOC link by keyboard: hash is " + hash);
  // Copy: the button is reached by Tab from the code block and announces "Copied".
  await page.locator("pre").first().focus();
  await page.keyboard.press("Tab");
  ok(K, await page.evaluate(() => document.activeElement.classList.contains("copy-button")), "Tab from a code block does not reach its copy button");
  await page.keyboard.press("Enter");
  await page.waitForTimeout(300);
  const said = await page.evaluate(() => document.getElementById("site-status").textContent);
  ok(K, said === "Copied", "copy button announced " + JSON.stringify(said));
  const copied = await page.evaluate(() => navigator.clipboard.readText().catch(() => ""));
  ok(K, copied.length > 20 && !copied.includes("Copy"), "the clipboard holds " + JSON.stringify(copied.slice(0, 40)));
  // Theme switch: Enter goes system → light → dark; the choice survives a reload, painted
  // before the first frame (no flash of the light theme).
  const toggle = page.locator("[data-theme-toggle]");
  await toggle.focus();
  await page.keyboard.press("Enter");
  ok(K, await page.evaluate(() => document.documentElement.getAttribute("data-theme")) === "light", "theme switch did not reach light");
  await page.keyboard.press("Enter");
  ok(K, await page.evaluate(() => document.documentElement.getAttribute("data-theme")) === "dark", "theme switch did not reach dark");
  await page.reload({ waitUntil: "commit" });
  await page.waitForSelector("body");
  const theme = await page.evaluate(() => [document.documentElement.getAttribute("data-theme"), getComputedStyle(document.body).backgroundColor]);
  ok(K, theme[0] === "dark" && theme[1] === "rgb(13, 17, 23)", "dark theme not applied at first paint after a reload: " + theme);
  await page.waitForLoadState("load");
  await page.locator("[data-theme-toggle]").focus();
  await page.keyboard.press("Enter"); // back to system
  ok(K, await page.evaluate(() => !document.documentElement.hasAttribute("data-theme") && !localStorage.getItem("syllabus-theme")), "theme switch did not return to system");
  await page.close();
  // Search: the selected result looks different from the others.
  const s = await open(context, base + "index.html");
  await s.focus("#search-input");
  await s.keyboard.type("heap");
  await s.waitForSelector("#search-results [role=option]", { timeout: 10000 });
  await s.keyboard.press("ArrowDown");
  const looks = await s.evaluate(() => {
    const opts = document.querySelectorAll("#search-results [role=option]");
    const style = o => { const c = getComputedStyle(o); return [c.backgroundColor, c.outlineStyle, c.outlineColor].join(" "); };
    return [opts[0].getAttribute("aria-selected"), style(opts[0]), style(opts[1])];
  });
  ok(K, looks[0] === "true" && looks[1] !== looks[2], "selected search result looks like the others: " + looks.join(" / "));
  await context.close();
  // Phone: the menu button opens the navigation and the question list; Escape closes it;
  // "On this page" opens from its summary.
  const phone = await browser.newContext({ viewport: { width: 390, height: 800 } });
  const p = await open(phone, base + "topics/algorithms/two-sum/index.html");
  ok(K, !(await p.locator("#site-menu").isVisible()), "phone navigation visible before the menu is opened");
  await p.locator(".menu-toggle").focus();
  await p.keyboard.press("Enter");
  ok(K, await p.locator("#site-menu").isVisible() && await p.locator("#topic-menu").isVisible(), "menu button did not open the navigation and the question list");
  ok(K, await p.locator(".menu-toggle").getAttribute("aria-expanded") === "true", "menu button aria-expanded is not true");
  await p.keyboard.press("Escape");
  ok(K, !(await p.locator("#site-menu").isVisible()) && await p.evaluate(() => document.activeElement.classList.contains("menu-toggle")), "Escape did not close the menu");
  const summary = p.locator(".toc summary");
  ok(K, !(await p.locator(".toc ol").isVisible()), "phone: On this page is open before it is asked");
  await summary.focus();
  await p.keyboard.press("Enter");
  ok(K, await p.locator(".toc ol").isVisible(), "phone: On this page does not open by keyboard");
  // The open results list is on top of the page: on a phone the header scrolls away with the
  // page, and a code block below it once painted over the results.
  const q = await open(phone, base + "topics/algorithms/two-sum/index.html");
  await q.focus("#search-input");
  await q.keyboard.type("heap");
  await q.waitForSelector("#search-results .search-all", { timeout: 10000 });
  const covered = await q.evaluate(() => {
    const list = document.getElementById("search-results");
    const box = list.getBoundingClientRect();
    const out = [];
    for (let y = box.top + 4; y < Math.min(box.bottom, innerHeight) - 2; y += 20) {
      for (const x of [box.left + 8, (box.left + box.right) / 2, box.right - 8]) {
        const hit = document.elementFromPoint(x, y);
        if (hit && !list.contains(hit)) out.push(`${Math.round(x)},${Math.round(y)}: ${hit.tagName.toLowerCase()}.${hit.className}`);
      }
    }
    return out;
  });
  ok(K, covered.length === 0, "phone: the page paints over the open search results at " + covered.slice(0, 3).join("; "));
  await phone.close();
  say(K, "  TOC, copy, theme switch, search selection (and the open list on top at 390 px), phone menu and On this page checked");
}

// ----------------------------------------------------------------------------- progress ---
// "Mark as done" (by keyboard, at the end of a question) shows on the topic's list and count,
// on the home page's card and on /plan/, from the same localStorage.
async function progressCheck(browser, base) {
  const P = "progress";
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const q = await open(context, base + "topics/algorithms/two-sum/index.html");
  await q.locator(".question-end .mark-done").focus();
  await q.keyboard.press("Enter");
  ok(P, await q.locator(".mark-done").first().getAttribute("aria-pressed") === "true", "Mark as done at the end did not mark the one at the top");
  const next = await q.locator(".question-end .next-link").textContent();
  ok(P, /^Next question: /.test(next), "the end of a question offers " + JSON.stringify(next));
  const topic = await open(context, base + "topics/algorithms/index.html");
  const item = await topic.evaluate(() => {
    const li = document.querySelector(".question-list li[data-question='algorithms/two-sum']");
    return [li && li.classList.contains("is-done"), li && li.textContent.includes("✓"), document.querySelector(".progress-count").textContent];
  });
  ok(P, item[0] && item[1] && /^1 of \d+ done$/.test(item[2]), "the topic page shows " + JSON.stringify(item));
  const home = await open(context, base + "index.html");
  const card = await home.evaluate(() => {
    const box = document.querySelector(".card-progress[data-topic=algorithms]");
    return [box.querySelector("progress").value, box.querySelector(".progress-count").textContent];
  });
  ok(P, card[0] === 1 && /^1 of \d+ done$/.test(card[1]), "the home card shows " + JSON.stringify(card));
  const plan = await open(context, base + "plan/index.html");
  const ticked = await plan.evaluate(() => { const b = document.querySelector("#plan-weeks input[data-key='algorithms/two-sum']"); return b ? b.checked : "absent"; });
  ok(P, ticked === true || ticked === "absent", "/plan/ does not show the question as done");
  say(P, `  Mark as done → topic list ✓ and "${item[2]}", home card "${card[1]}", /plan/ ${ticked === true ? "ticked" : "(not in the plan)"}`);
  await context.close();
}

// ------------------------------------------------------------------------------ latency ---
const LATENCY_RUNS = 5;
async function latencyCheck(browser) {
  const context = await browser.newContext();
  // Two readers: one who types the moment the box has focus (search.js has not loaded yet),
  // and one who types 300 ms after focusing it, as a person does after a click or "/".
  const times = { 0: [], 300: [] };
  for (let r = 0; r < LATENCY_RUNS; r++) {
    for (const pause of [0, 300]) {
      const page = await open(context, "file://" + path.join(SITE, "topics/algorithms/two-sum/index.html"));
      ok("latency", await page.evaluate(() => !document.querySelector("script[src$='static/search.js']")), "search.js loads before search is used");
      // The clock runs from the real keystroke (its event's time stamp) to the first result.
      await page.evaluate(() => {
        window.__first = new Promise(resolve => {
          let t0 = null;
          window.addEventListener("keydown", e => { if (t0 === null) t0 = e.timeStamp; }, true);
          const list = document.getElementById("search-results");
          new MutationObserver(() => { if (t0 !== null && list.querySelector("[role=option]")) resolve(performance.now() - t0); })
            .observe(list, { childList: true, subtree: true });
        });
      });
      await page.focus("#search-input");
      if (pause) await page.waitForTimeout(pause);
      await page.keyboard.press("g");
      times[pause].push(Math.round(await page.evaluate(() => window.__first)));
      await page.close();
    }
  }
  await context.close();
  for (const pause of [0, 300]) {
    const t = times[pause].sort((a, b) => a - b);
    say("latency", `  first keystroke → first result from file://, typed ${pause ? pause + " ms after focusing" : "at once on focus"}: ` +
      `${t.join(", ")} ms (median ${t[(t.length - 1) >> 1]}; issue: < 100)`);
  }
  say("latency", "  (reported, not enforced: no test depends on wall-clock speed on a shared machine)");
}

// --------------------------------------------------------------------------- navigation ---
async function navigationCheck(browser, base) {
  const N = "navigation";
  const context = await browser.newContext();
  const page = await open(context, base + "index.html");
  const styled = () => page.evaluate(() => getComputedStyle(document.querySelector(".site-header")).position === "sticky");
  const go = async (selector) => { await Promise.all([page.waitForNavigation({ waitUntil: "load" }), page.click(selector)]); };
  ok(N, await styled(), `${base}: home unstyled`);
  await go(".cards a");
  ok(N, /\/topics\/[^/]+\/index\.html$/.test(page.url()), `${base}: topic card leads to ${page.url()}`);
  await go(".question-list a");
  ok(N, await page.locator("article.question h1").count() === 1, `${base}: question page did not open (${page.url()})`);
  await go(".breadcrumbs a");
  ok(N, /index\.html$/.test(page.url()) && await styled(), `${base}: breadcrumbs lead to ${page.url()}`);
  // The footer's print link (to /print/, checked by its target) and the topic's print view.
  const printHref = await page.evaluate(() => document.querySelector("footer a[href$='print/index.html']").href);
  ok(N, /\/print\/index\.html$/.test(printHref), `${base}: the footer's print link is ${printHref}`);
  await go(".cards a");
  await go("main a[href$='print/index.html']");
  ok(N, await page.locator(".print-doc").count() > 10, `${base}: the topic's print view did not open`);
  if (!base.startsWith("file:")) {
    await page.goto(base + "no/such/deep/page", { waitUntil: "load" });
    ok(N, await styled(), `${base}: 404 page unstyled`);
    await go("main a");
    ok(N, page.url() === base + "index.html", `${base}: the 404 page's home link leads to ${page.url()}`);
  }
  say(N, `  ${base}: home → topic → question → home → topic → its print view${base.startsWith("file:") ? "" : ", 404 → home"}`);
  await context.close();
}

// -------------------------------------------------------------------------------- print ---
const MARGIN_PT = 0.6 * 72;

/** Per page of a PDF: how far down its text reaches (0–1 of the printable height) and its text. */
function pdfPages(file) {
  const xml = execFileSync("pdftotext", ["-bbox", file, "-"], { encoding: "utf8", maxBuffer: 1 << 30 });
  const pages = [];
  const re = /<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g;
  let m;
  while ((m = re.exec(xml))) {
    const height = Number(m[2]);
    let bottom = 0;
    const words = [];
    const w = /<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g;
    let x;
    while ((x = w.exec(m[3]))) { bottom = Math.max(bottom, Number(x[2])); words.push(x[3]); }
    pages.push({ full: (bottom - MARGIN_PT) / (height - 2 * MARGIN_PT), text: decode(words.join(" ")) });
  }
  return pages;
}
const decode = s => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, "\"").replace(/&#39;/g, "'").replace(/&amp;/g, "&");
const squeeze = s => s.replace(/\s+/g, "");

async function printTasks(browser, base) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "syllabus-pdf-"));
  const context = await browser.newContext();
  const noScript = await browser.newContext({ javaScriptEnabled: false });
  // A question printed without JavaScript: the print stylesheet alone opens its sections.
  return [["whole guide (/print/)", KINDS.print, context], ["long question", Q_LONG, context],
    ["a question without JavaScript", "topics/algorithms/top-k-frequent-elements/index.html", noScript]].map(([name, rel, printIn]) => named(`print ${name}`, async () => {
    const P = "print";
    const page = await open(context, base + rel);
    const info = await page.evaluate(() => {
      // Link targets that are not the link's own text: none of them may be printed.
      const hrefs = Array.from(new Set(Array.from(document.querySelectorAll("main a[href]"))
        .filter(a => !a.textContent.includes(a.getAttribute("href"))).map(a => a.getAttribute("href"))
        .filter(h => /^https?:/.test(h) || (h.includes("/") && h.length > 12))));
      // The first words of every collapsed section's body (of its first paragraph, item or
      // line of code: list numbers and table columns come between blocks in the PDF's text).
      const sections = Array.from(document.querySelectorAll("details.reveal")).map(d => {
        const walker = document.createTreeWalker(d, NodeFilter.SHOW_TEXT, {
          acceptNode: t => t.parentElement.closest("summary, .anchor, .copy-button, .visually-hidden") || !t.textContent.trim()
            ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT });
        const first = walker.nextNode();
        if (!first) return "";
        const block = first.parentElement.closest("p, li, td, th, pre, h3, h4, h5, h6, dt, dd") || first.parentElement;
        const copy = block.cloneNode(true);
        copy.querySelectorAll(".anchor, .copy-button, .visually-hidden").forEach(e => e.remove());
        const text = block.tagName === "PRE" ? copy.textContent.split("\n").find(l => l.trim()) : copy.textContent;
        return text.replace(/\s+/g, "").slice(0, 24);
      }).filter(Boolean);
      // Chapters start on a new page: their titles, to allow a short page before one.
      const chapters = Array.from(document.querySelectorAll(".print-topic > h2, .print-page > h2")).map(h => h.textContent.trim());
      return { hrefs, sections, chapters };
    });
    const file = path.join(tmp, name.replace(/\W+/g, "-") + ".pdf");
    const printed = printIn === context ? page : await open(printIn, base + rel);
    await printed.pdf({ path: file, format: "Letter", margin: { top: "0.6in", bottom: "0.6in", left: "0.6in", right: "0.6in" } });
    if (printed !== page) await printed.close();
    await page.close();
    const pages = pdfPages(file);
    const all = squeeze(pages.map(p => p.text).join(" "));
    const short = [];
    pages.forEach((p, i) => {
      if (i === pages.length - 1 || p.full >= 1 / 3) return;
      const next = squeeze(pages[i + 1].text).slice(0, 300);
      if (info.chapters.some(c => next.startsWith(squeeze(c)))) return; // a chapter's last page
      short.push(`page ${i + 1} ${Math.round(p.full * 100)}% full`);
    });
    ok(P, short.length === 0, `${name}: pages less than a third full: ${short.slice(0, 8).join(", ")}`);
    const inline = info.hrefs.filter(h => all.includes(squeeze(h)));
    ok(P, inline.length === 0, `${name}: URLs printed inline: ${inline.slice(0, 3).join(", ")}`);
    const missing = info.sections.filter(s => !all.includes(s));
    ok(P, info.sections.length > 0 && missing.length === 0, `${name}: collapsed sections missing from the PDF: ${missing.slice(0, 3).join(" | ")}`);
    const fill = pages.map(p => p.full).sort((a, b) => a - b);
    say(P, `  ${name}: ${pages.length} pages, ${info.sections.length - missing.length} of ${info.sections.length} collapsed sections found, ` +
      `${info.hrefs.length} link targets none printed, median page ${Math.round(fill[fill.length >> 1] * 100)}% full`);
  }));
}

// --------------------------------------------------------------------------- lighthouse ---
async function lighthouseChecks(base) {
  const L = "lighthouse";
  const lighthouse = (await import("lighthouse")).default;
  const chromeLauncher = await import("chrome-launcher");
  const chrome = await chromeLauncher.launch({ chromePath: CHROME, chromeFlags: ["--headless=new", ...ARGS] });
  say(L, "| page | performance | accessibility | best practices | SEO |\n|---|---|---|---|---|");
  try {
    for (const [name, rel] of [["home", "index.html"], ["question", Q_LONG], ["plan", "plan/index.html"], ["search", "search/index.html"]]) {
      const result = await lighthouse(base + rel, { port: chrome.port, output: "json", logLevel: "error",
        onlyCategories: ["performance", "accessibility", "best-practices", "seo"] });
      const c = result.lhr.categories;
      const score = k => Math.round(c[k].score * 100);
      const a = result.lhr.audits;
      const ms = id => Math.round(a[id].numericValue);
      say(L, `| ${name} | ${score("performance")} (FCP ${ms("first-contentful-paint")} ms, LCP ${ms("largest-contentful-paint")} ms, TBT ${ms("total-blocking-time")} ms, ` +
        `CLS ${a["cumulative-layout-shift"].numericValue.toFixed(3)}, SI ${ms("speed-index")} ms) | ${score("accessibility")} | ${score("best-practices")} | ${score("seo")} |`);
      for (const k of ["accessibility", "best-practices", "seo"]) {
        if (score(k) < 100) {
          const bad = c[k].auditRefs.filter(r => r.weight > 0 && a[r.id].score !== null && a[r.id].score < 1).map(r => r.id);
          fail(L, `${name} ${k} ${score(k)}: ${bad.join(", ")}`);
        }
      }
      if (score("performance") < PERF_MIN) {
        const low = c.performance.auditRefs.filter(r => r.weight > 0 && a[r.id].score !== null && a[r.id].score < 0.9).map(r => `${r.id} ${a[r.id].displayValue || ""}`);
        fail(L, `${name} performance ${score("performance")} < ${PERF_MIN}: ${low.join("; ")}`);
      }
    }
  } finally {
    await chrome.kill();
  }
}

// --------------------------------------------------------------------------------- main ---
(async () => {
  if (!fs.existsSync(path.join(SITE, "index.html"))) { console.error(`no site at ${SITE}`); process.exit(2); }
  const server = await serve();
  const port = server.address().port;
  const base = `http://127.0.0.1:${port}/`;
  const want = name => !ONLY.length || ONLY.includes(name);
  const browser = await chromium.launch({ executablePath: CHROME, args: ARGS });
  const axeRows = [];
  try {
    const contexts = {};
    for (const scheme of ["light", "dark"]) {
      for (const width of [390, 1280]) {
        contexts[`${scheme} ${width}`] = await browser.newContext({ colorScheme: scheme, viewport: { width, height: 900 } });
      }
    }
    const phones = { 360: await browser.newContext({ viewport: { width: 360, height: 800 } }), 390: contexts["light 390"] };
    // The latency first and alone: it measures the page, not the other checks.
    if (want("latency")) await latencyCheck(browser).catch(err => fail("latency", String(err)));
    const tasks = [];
    // The longest first, so that the pool ends together.
    if (want("print")) tasks.push(...await printTasks(browser, base));
    if (want("axe")) tasks.push(...axeTasks(browser, base, contexts, axeRows));
    if (want("layout")) tasks.push(named("layout code width", () => codeWidthCheck(contexts["light 1280"], base)), ...layoutTasks(browser, base, phones));
    if (want("keyboard")) tasks.push(named("keyboard", () => keyboardChecks(browser, base)));
    if (want("progress")) tasks.push(named("progress", () => progressCheck(browser, base)));
    if (want("navigation")) {
      for (const b of ["file://" + SITE + "/", base, `${base}repo/`]) tasks.push(named(`navigation ${b}`, () => navigationCheck(browser, b)));
    }
    const took = [];
    await pool(JOBS, tasks.map(t => async () => {
      const t0 = Date.now();
      await t().catch(err => fail("suite", `${t.label}: ` + String(err.stack || err).split("\n").slice(0, 3).join(" ")));
      took.push([Date.now() - t0, t.label]);
    }));
    if (process.env.TIMES) took.sort((a, b) => b[0] - a[0]).slice(0, 15).forEach(([ms, label]) => say("times", `  ${Math.round(ms / 100) / 10} s ${label}`));
    if (want("layout")) say("layout", `  sideways scroll checked at 360 and 390 px on ${Object.keys(KINDS).length} page kinds, menus and sections open`);
    if (want("axe")) axeTable(axeRows);
  } finally {
    await browser.close();
  }
  if (want("lighthouse") && !process.env.SKIP_LIGHTHOUSE) {
    await lighthouseChecks(base).catch(err => fail("lighthouse", String(err.stack || err).split("\n").slice(0, 3).join(" ")));
  }
  server.close();
  for (const group of ["layout", "keyboard", "progress", "latency", "navigation", "print", "axe", "lighthouse", "times", "suite"]) {
    if (report[group]) console.log(`\n== ${group}\n` + report[group].join("\n"));
  }
  console.log(`\nbrowser suite: ${failures.length} failure(s) in ${Math.round((Date.now() - started) / 1000)} s`);
  process.exit(failures.length ? 1 : 0);
})().catch(err => { console.error(err); process.exit(1); });
