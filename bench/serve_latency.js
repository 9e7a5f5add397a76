// Edit-to-browser latency of `syllabus serve` (and of `hugo server` on the same corpus):
// start the server, open a question in headless Chromium, then N times change one sentence
// of that question's file and time from the write to the page showing the new sentence
// (the page updates by itself; nothing touches the browser). Prints the median and the 90th
// percentile, and the server's peak memory. `serve` patches such an edit into the open page;
// `--edit code` puts the sentence in a new code block instead, which makes it reload the
// page.
//
//   (cd bench && npm ci)                       # playwright-core, from bench/package-lock.json
//   python3 bench/gen_corpus.py 1000 /tmp/c1k  # /tmp/c1k/syllabus and /tmp/c1k/hugo
//   node bench/serve_latency.js syllabus /tmp/c1k/syllabus [--edits 20] [--bin target/release/syllabus]
//   node bench/serve_latency.js hugo /tmp/c1k/hugo
//   node bench/serve_latency.js syllabus .     # the shipped guide (edits a copy of it)
//   node bench/serve_latency.js syllabus /tmp/c1k/syllabus --trace   # and where the time goes
//   node bench/serve_latency.js syllabus /tmp/c1k/syllabus --edit code   # an edit that reloads
//
// --trace (syllabus only) runs the server with SYLLABUS_SERVE_TRACE=1 and prints, per step of
// an edit (the watcher's event, the rebuild, the reload event, the browser's reload and its
// navigation timing), the median time from the file write to the end of that step.
//
// Needs Debian's chromium (/usr/bin/chromium) and, for Hugo, Debian's hugo.
const { chromium } = require('playwright-core');
const { spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const args = process.argv.slice(2);
const tool = args[0];
let root = path.resolve(args[1] || '.');
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const edits = Number(option('--edits', '20'));
const tracing = args.includes('--trace');
const editCode = option('--edit', 'prose') === 'code';
const bin = path.resolve(option('--bin', path.join(__dirname, '..', 'target', 'release', 'syllabus')));

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/// A question file to edit, and the URL path of its page.
function pickQuestion() {
  const content = path.join(root, 'content');
  const topicsDir = path.join(content, 'topics');
  const topics = fs.readdirSync(topicsDir).sort();
  // A question in the middle of the middle topic, so neither end of any list is favoured.
  const topic = topics[Math.floor(topics.length / 2)];
  const files = fs
    .readdirSync(path.join(topicsDir, topic))
    .filter((f) => f.endsWith('.md') && !f.startsWith('_'))
    .sort();
  const file = files[Math.floor(files.length / 2)];
  const slug = file.replace(/\.md$/, '');
  const urlPath = tool === 'hugo' ? `/topics/${topic}/${slug}/` : `/topics/${topic}/${slug}/index.html`;
  return { file: path.join(topicsDir, topic, file), urlPath };
}

function startServer() {
  return new Promise((resolve, reject) => {
    const port = 20000 + Math.floor(Math.random() * 20000);
    const child =
      tool === 'hugo'
        ? spawn('hugo', ['server', '-s', root, '--bind', '127.0.0.1', '--port', String(port), '--quiet'], {
            stdio: ['ignore', 'pipe', 'pipe'],
          })
        : spawn(bin, ['serve', '--root', root, '--port', '0'], {
            stdio: ['ignore', 'pipe', 'pipe'],
            env: tracing ? { ...process.env, SYLLABUS_SERVE_TRACE: '1' } : process.env,
          });
    let out = '';
    let partial = '';
    const onData = (data) => {
      const text = data.toString();
      if (tracing) {
        const lines = (partial + text).split('\n');
        partial = lines.pop();
        for (const line of lines) {
          const m = line.match(/^trace (\d+\.\d+) (\S+)(.*)$/);
          if (m) serverTrace.push({ at: Number(m[1]), step: m[2], rest: m[3].trim() });
        }
      }
      if (out.length < 100000) out += text;
      const syllabus = out.match(/Serving (http:\/\/127\.0\.0\.1:\d+)\//);
      if (syllabus) return resolve({ child, base: syllabus[1] });
      if (tool === 'hugo' && /Web Server is available at|Press Ctrl\+C to stop/.test(out)) {
        return resolve({ child, base: `http://127.0.0.1:${port}` });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`${tool} exited with ${code}:\n${out}`)));
    if (tool === 'hugo') {
      // hugo --quiet prints nothing: poll the port instead.
      (async () => {
        for (let i = 0; i < 600; i++) {
          try {
            const r = await fetch(`http://127.0.0.1:${port}/`);
            if (r.status < 500) return resolve({ child, base: `http://127.0.0.1:${port}` });
          } catch (_) {}
          await sleep(100);
        }
      })();
    }
  });
}

/// Edits the page showed by reloading (the others it patched in, `src/serve/reload.js`).
let reloads = 0;
/// Trace lines of the server: { at (unix ms), step, rest }.
const serverTrace = [];
/// The browser's reload events: { at (unix ms), generation }.
const browserEvents = [];
const now = () => performance.timeOrigin + performance.now();

/// Per edit, the time from the write to each step (ms), from the server's trace lines, the
/// reload events the page saw, and the reloaded page's navigation timing.
function breakdown(t0, tEnd, nav, urlPath) {
  reloads += nav && nav.origin >= t0 ? 1 : 0;
  const after = (step, test = () => true) => {
    const hit = serverTrace.find((e) => e.at >= t0 && e.at <= tEnd + 5000 && e.step === step && test(e));
    return hit ? hit.at - t0 : null;
  };
  const published = serverTrace.find((e) => e.at >= t0 && e.step === 'published');
  const generation = published && published.rest.replace('generation=', '');
  const event = browserEvents.find((e) => e.at >= t0 && e.generation === generation);
  const html = (e) => e.rest === urlPath;
  // A page that patched the edit in did not navigate: its navigation timing is older.
  if (nav && nav.origin < t0) nav = null;
  const row = {
    fs_event: after('fs-event'),
    rebuild_start: after('rebuild-start'),
    pages_ready: after('pages-ready'),
    sse_written: after('published'),
    sse_received: event !== undefined ? event.at - t0 : null,
    nav_start: nav ? nav.origin - t0 : null,
    html_request_at_server: after('request', html),
    html_response_start: nav ? nav.origin + nav.responseStart - t0 : null,
    html_response_end: nav ? nav.origin + nav.responseEnd - t0 : null,
    dom_interactive: nav ? nav.origin + nav.domInteractive - t0 : null,
    subresources_end: nav && nav.resources ? nav.origin + nav.resourcesEnd - t0 : null,
    dom_content_loaded: nav ? nav.origin + nav.domContentLoadedEventEnd - t0 : null,
    first_contentful_paint: nav && nav.firstPaint ? nav.origin + nav.firstPaint - t0 : null,
    load_event: nav && nav.loadEventEnd ? nav.origin + nav.loadEventEnd - t0 : null,
    text_visible: tEnd - t0,
    index_finished: after('finished'),
    memory_released: after('memory-released'),
  };
  return row;
}

function peakMemoryKb(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = status.match(/VmHWM:\s+(\d+) kB/);
    return m ? Number(m[1]) : null;
  } catch (_) {
    return null;
  }
}

function percentile(sorted, p) {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

(async () => {
  if (!['syllabus', 'hugo'].includes(tool)) {
    console.error('usage: node bench/serve_latency.js syllabus|hugo ROOT [--edits N] [--bin PATH]');
    process.exit(2);
  }
  // Never edit the guide in place: work on a copy of the shipped guide.
  if (tool === 'syllabus' && fs.existsSync(path.join(root, 'Cargo.toml'))) {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'syllabus-serve-bench-'));
    fs.cpSync(path.join(root, 'content'), path.join(copy, 'content'), { recursive: true });
    fs.cpSync(path.join(root, 'themes'), path.join(copy, 'themes'), { recursive: true });
    root = copy;
  }
  const { file, urlPath } = pickQuestion();
  const original = fs.readFileSync(file, 'utf8');
  const started = Date.now();
  const { child, base } = await startServer();
  const startup = Date.now() - started;
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const page = await browser.newPage();
  page.setDefaultTimeout(120000);
  if (tracing) {
    // Note each reload event as it arrives, before reload.js (which listens after us) reloads.
    await page.addInitScript(() => {
      const Native = window.EventSource;
      window.EventSource = function (url, options) {
        const source = new Native(url, options);
        source.addEventListener('state', (event) =>
          console.log(
            'bench-event ' +
              (performance.timeOrigin + performance.now()).toFixed(3) +
              ' ' +
              JSON.parse(event.data).generation
          )
        );
        return source;
      };
      window.EventSource.prototype = Native.prototype;
    });
    page.on('console', (message) => {
      const m = message.text().match(/^bench-event (\d+\.\d+) (\d+)/);
      if (m) browserEvents.push({ at: Number(m[1]), generation: m[2] });
    });
  }
  const rows = [];
  await page.goto(base + urlPath, { waitUntil: 'domcontentloaded' });
  const times = [];
  try {
    for (let i = 0; i < edits; i++) {
      const marker = `Edited sentence number ${i} ${Math.random().toString(36).slice(2)}.`;
      // The marker goes at the end of the body as its own paragraph (`serve` patches it into
      // the open page), or with `--edit code` in a code block of its own (which reloads it).
      const added = editCode ? `\n\n\`\`\`python\n# ${marker}\n\`\`\`\n` : `\n\n${marker}\n`;
      const text = original.replace(/\s*$/, added);
      const t0 = performance.now();
      const t0Unix = now();
      fs.writeFileSync(file, text);
      for (;;) {
        let seen = false;
        try {
          seen = await page.evaluate((m) => !!document.body && document.body.innerText.includes(m), marker);
        } catch (_) {
          // The page is reloading.
        }
        if (seen) break;
        if (performance.now() - t0 > 60000) throw new Error(`edit ${i} never showed up`);
        await sleep(1);
      }
      times.push(performance.now() - t0);
      const tEndUnix = now();
      // Let the server settle before the next edit: the browser's follow-up requests, then
      // the search index, which `serve` makes once the page is done (about 0.5 s at 10,000
      // questions). An author's saves are further apart than this.
      await sleep(1000);
      if (tracing) {
        const nav = await page.evaluate(() => {
          const entry = performance.getEntriesByType('navigation')[0];
          if (!entry) return null;
          // The page's styles, scripts and icons (not the event stream, which stays open).
          const resources = performance
            .getEntriesByType('resource')
            .filter((r) => !r.name.includes('/__syllabus/'));
          const paint = performance.getEntriesByName('first-contentful-paint')[0];
          return {
            origin: performance.timeOrigin,
            ...entry.toJSON(),
            resourcesEnd: Math.max(0, ...resources.map((r) => r.responseEnd)),
            resources: resources.length,
            detail: resources.map((r) => ({
              name: r.name.replace(/^.*\//, ''),
              start: Math.round(r.startTime),
              requestStart: Math.round(r.requestStart),
              responseStart: Math.round(r.responseStart),
              end: Math.round(r.responseEnd),
              status: r.responseStatus,
              bytes: r.transferSize,
            })),
            firstPaint: paint ? paint.startTime : 0,
          };
        });
        rows.push(breakdown(t0Unix, tEndUnix, nav, urlPath));
        if (args.includes('--verbose')) {
          const row = rows[rows.length - 1];
          const brief = Object.fromEntries(Object.entries(row).filter(([, v]) => v !== null).map(([k, v]) => [k, Math.round(v)]));
          console.error(JSON.stringify({ edit: i, steps: brief }));
        }
        if (args.includes('--verbose') && nav) {
          const { detail, ...timing } = nav;
          console.error(JSON.stringify({ edit: i, timing, resources: detail }));
        }
      }
    }
  } finally {
    fs.writeFileSync(file, original);
    const peak = peakMemoryKb(child.pid);
    await browser.close();
    child.kill('SIGINT');
    const sorted = [...times].sort((a, b) => a - b);
    const fmt = (ms) => `${ms.toFixed(0)} ms`;
    console.log(
      JSON.stringify({
        tool,
        root,
        edits: times.length,
        startup_ms: startup,
        median_ms: Math.round(percentile(sorted, 50)),
        p90_ms: Math.round(percentile(sorted, 90)),
        min_ms: Math.round(sorted[0]),
        max_ms: Math.round(sorted[sorted.length - 1]),
        peak_rss_mb: peak ? Math.round(peak / 1024) : null,
      })
    );
    if (tracing && rows.length) {
      console.error(`the page reloaded for ${reloads} of ${rows.length} edits and patched the others in`);
      console.error('median ms from the write to the end of each step (of edits where it was seen):');
      for (const key of Object.keys(rows[0])) {
        const values = rows.map((r) => r[key]).filter((v) => v !== null && v !== undefined);
        values.sort((a, b) => a - b);
        const median = values.length ? percentile(values, 50).toFixed(1) : '-';
        console.error(`  ${key.padEnd(24)} ${median.padStart(8)}   (${values.length} edits)`);
      }
    }
    console.error(`${tool}: median ${fmt(percentile(sorted, 50))}, p90 ${fmt(percentile(sorted, 90))} over ${times.length} edits`);
  }
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
