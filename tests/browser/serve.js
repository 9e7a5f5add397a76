// `syllabus serve` in a real browser (issue 9): an open page follows edits by itself, a
// broken edit shows the error overlay over the last good page, and fixing it removes the
// overlay. Run by .ci/run after the browser suite:
//   node tests/browser/serve.js path/to/syllabus
// It works on a copy of tests/fixtures/basic (never on the guide itself).
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const { spawn } = require("child_process");
const { chromium } = require("playwright-core");

const BIN = path.resolve(process.argv[2] || "target/release/syllabus");
const CHROME = process.env.CHROME || "/usr/bin/chromium";
const FIXTURE = path.join(__dirname, "..", "fixtures", "basic");
const failures = [];
function ok(cond, what) {
  console.log(`  ${cond ? "ok  " : "FAIL"} ${what}`);
  if (!cond) failures.push(what);
  return cond;
}

function startServe(root) {
  return new Promise((resolve, reject) => {
    const child = spawn(BIN, ["serve", "--root", root, "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    const onData = (data) => {
      out += data.toString();
      const m = out.match(/Serving (http:\/\/127\.0\.0\.1:\d+)\//);
      if (m) resolve({ child, base: m[1], output: () => out });
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => reject(new Error(`serve exited with ${code}:\n${out}`)));
  });
}

(async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "syllabus-serve-browser-"));
  fs.cpSync(FIXTURE, root, { recursive: true });
  const question = path.join(root, "content", "topics", "arrays", "two-sum.md");
  const original = fs.readFileSync(question, "utf8");
  // A one-file theme override, so that a style edit can be tried.
  const styleFile = path.join(root, "themes", "default", "static", "style.css");
  fs.mkdirSync(path.dirname(styleFile), { recursive: true });
  fs.copyFileSync(path.join(__dirname, "..", "..", "themes", "default", "static", "style.css"), styleFile);
  const { child, base, output } = await startServe(root);
  const browser = await chromium.launch({
    executablePath: CHROME,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  try {
    const page = await browser.newPage();
    page.setDefaultTimeout(30000);
    await page.goto(`${base}/topics/arrays/two-sum/`, { waitUntil: "load" });
    // No wait for the event stream: its first event carries the current generation, so a
    // page that connects after an edit still reloads.

    // 1. An edit appears without touching the browser. A change to prose only is patched
    // into the open page: no reload (a flag set in the page survives), the scroll position
    // stays, and what the theme's scripts set up (the copy buttons) is still there.
    const state = () =>
      page.evaluate(() => ({
        kept: window.__syllabusKept === true,
        scrollY: Math.round(scrollY),
        pres: document.querySelectorAll("pre").length,
        copyButtons: document.querySelectorAll(".code-block > pre + .copy-button").length,
      }));
    const mark = () => page.evaluate(() => { window.__syllabusKept = true; scrollTo(0, 300); });
    const showing = (text) => page.waitForFunction((m) => document.body && document.body.innerText.includes(m), text);
    // reload.js keeps a copy of the page as served once the page has loaded.
    await page.waitForTimeout(300);
    await mark();
    const before = await state();
    const marker = `A sentence added while the page was open ${Date.now()}.`;
    const withMarker = `${original.trimEnd()}\n\n${marker}\n`;
    fs.writeFileSync(question, withMarker);
    await showing(marker);
    ok(true, "a saved edit shows in the open page");
    let after = await state();
    ok(after.kept, "an edit to prose is patched in: the page did not reload");
    ok(after.scrollY === before.scrollY && before.scrollY > 0, `the scroll position stays (${before.scrollY} → ${after.scrollY})`);
    ok(after.copyButtons === after.pres && after.pres > 0, `every code block keeps its copy button (${after.copyButtons} of ${after.pres})`);

    // An edit to the first paragraph changes the page's description in <head> too: both are
    // patched in.
    const firstEdit = withMarker.replace("Find two numbers that add up to a target.", "Find two numbers whose sum is the target.");
    fs.writeFileSync(question, firstEdit);
    await showing("whose sum is the target");
    const description = await page.getAttribute('meta[name="description"]', "content");
    ok((await state()).kept && /whose sum is the target/.test(description || ""),
      `an edit to the first paragraph is patched into the text and the description (${JSON.stringify(description)})`);
    fs.writeFileSync(question, withMarker);
    await page.waitForFunction(() => !document.body.innerText.includes("whose sum is the target"));

    // A change to code reloads the page (the theme's scripts set code blocks up), and the
    // new code block gets its copy button.
    await mark();
    const codeEdit = withMarker.replace("seen[n] = i", "seen[n] = i  # edited while open");
    fs.writeFileSync(question, codeEdit);
    // (The solution may be folded away: look at the text, shown or not.)
    await page.waitForFunction(() => document.body && document.body.textContent.includes("# edited while open"));
    await page.waitForLoadState("load");
    after = await state();
    ok(!after.kept, "an edit to code reloads the page");
    ok(after.copyButtons === after.pres, `after the reload every code block has its copy button (${after.copyButtons} of ${after.pres})`);

    // The reloaded page patches the next prose edit in too.
    await page.waitForTimeout(300);
    await mark();
    const second = `Another sentence ${Date.now()}.`;
    fs.writeFileSync(question, `${codeEdit.trimEnd()}\n\n${second}\n`);
    await showing(second);
    ok((await state()).kept, "after a reload, the next prose edit is patched in again");

    // A page that asks for reloads (a fork's script that works on the text) gets them.
    await page.waitForTimeout(300);
    await mark();
    await page.evaluate(() => document.body.setAttribute("data-syllabus-reload", ""));
    const third = `A third sentence ${Date.now()}.`;
    fs.writeFileSync(question, `${codeEdit.trimEnd()}\n\n${second}\n\n${third}\n`);
    await showing(third);
    ok(!(await state()).kept, "a page marked data-syllabus-reload reloads instead of patching");

    // A style change reloads the page with the new style, even when it comes while the page
    // is fetching a prose edit to patch in (the page's fetch is held back here until then).
    await page.waitForLoadState("load");
    await page.waitForTimeout(300);
    await mark();
    await page.evaluate(() => {
      const real = window.fetch;
      window.fetch = (...args) => {
        window.__fetching = true;
        return new Promise((resolve) => setTimeout(resolve, 1500)).then(() => real(...args));
      };
    });
    fs.writeFileSync(question, `${codeEdit.trimEnd()}\n\nA fourth sentence ${Date.now()}.\n`);
    await page.waitForFunction(() => window.__fetching === true);
    fs.appendFileSync(styleFile, "\nbody { outline: 3px solid rgb(1, 2, 3); }\n");
    await page.waitForFunction(() => getComputedStyle(document.body).outlineColor === "rgb(1, 2, 3)");
    ok(!(await state()).kept, "a theme style edit that comes during a patch reloads the page, and the new style applies");

    // 2. A broken edit: a link to a page that does not exist.
    fs.writeFileSync(question, `${original.trimEnd()}\n\nSee [the <b>missing</b> page](no-such-page.md).\n`);
    const overlay = await page.waitForSelector("#syllabus-error-overlay", { state: "attached" });
    const text = await overlay.innerText();
    ok(/two-sum\.md:\d+:\d+/.test(text), `the overlay names file:line:col (${JSON.stringify(text.split("\n").find((l) => l.includes("two-sum.md")) || text.slice(0, 80))})`);
    ok(text.includes("no-such-page.md"), "the overlay shows the source line with the broken link");
    ok(/help|did you mean|check/i.test(text), "the overlay says how to fix it");
    ok((await overlay.getAttribute("role")) === "alertdialog", "the overlay is an alert dialog");
    const underneath = await page.evaluate((m) => document.body.innerText.includes(m), marker);
    ok(underneath, "the last good page stays underneath");
    // Diagnostics are text: markup in them is never parsed.
    ok(text.includes("<b>missing</b>") && (await page.$$("#syllabus-error-overlay pre *")).length === 0,
      "the source line's markup is shown as text, not parsed as HTML");

    // 3. Fixing it removes the overlay, with the reload.
    fs.writeFileSync(question, original);
    await page.waitForSelector("#syllabus-error-overlay", { state: "detached" });
    await page.waitForFunction((m) => document.body && !document.body.innerText.includes(m), marker);
    ok(true, "fixing the file removes the overlay and shows the fixed page");
  } catch (err) {
    failures.push(String(err && err.stack ? err.stack : err));
    console.log(output());
  } finally {
    await browser.close();
    child.kill("SIGINT");
    fs.rmSync(root, { recursive: true, force: true });
  }
  if (failures.length) {
    console.error(`serve in the browser: ${failures.length} failure(s)\n${failures.join("\n")}`);
    process.exit(1);
  }
  console.log("serve in the browser: all checks passed");
})();
