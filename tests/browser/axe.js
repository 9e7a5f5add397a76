// Accessibility check of the built site with axe-core in headless Chromium (light and dark).
// Not part of `cargo test` (it needs a browser); run it after a build:
//   (cd /tmp/pw && npm install playwright-core axe-core)
//   cargo run --release -- build && (cd site && python3 -m http.server 8765 --bind 127.0.0.1 &)
//   NODE_PATH=/tmp/pw/node_modules node tests/browser/axe.js
const { chromium } = require('playwright-core');
const fs = require('fs');
const axeSrc = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
(async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-networking'] });
  const pages = ['index.html', 'topics/algorithms/index.html', 'topics/algorithms/top-k-frequent-elements/index.html', 'plan/index.html', 'search/index.html?q=gil', 'tags/index.html', 'interview-tips/index.html'];
  for (const scheme of ['light', 'dark']) {
    for (const p of pages) {
      const page = await browser.newPage({ colorScheme: scheme });
      await page.goto('http://127.0.0.1:8765/' + p);
      await page.waitForTimeout(300);
      await page.addScriptTag({ content: axeSrc });
      const res = await page.evaluate(async () => await axe.run(document, { resultTypes: ['violations'] }));
      const v = res.violations.map(x => `${x.id}(${x.nodes.length}): ${x.nodes.slice(0,2).map(n => n.target.join(' ')).join(' | ')}`);
      console.log(scheme, p, v.length ? v : 'no violations');
      if (v.length) process.exitCode = 1;
      await page.close();
    }
  }
  await browser.close();
})();
