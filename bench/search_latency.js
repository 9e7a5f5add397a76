// Time from the first keystroke in the header search box to the first result, index not yet
// loaded (cold), in headless Chromium. Needs Debian's chromium and playwright-core:
//   (cd /tmp/pw && npm install playwright-core)
//   cargo run --release -- build && (cd site && python3 -m http.server 8765 --bind 127.0.0.1 &)
//   NODE_PATH=/tmp/pw/node_modules node bench/search_latency.js
const { chromium } = require('playwright-core');
(async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-networking'] });
  for (const base of ['file://' + require('path').resolve(__dirname, '..', 'site') + '/', 'http://127.0.0.1:8765/']) {
    const times = [];
    for (let r = 0; r < 5; r++) {
      const page = await browser.newPage();
      await page.goto(base + 'topics/algorithms/two-sum/index.html');
      await page.focus('#search-input');
      const t = await page.evaluate(() => new Promise(resolve => {
        const list = document.getElementById('search-results');
        const input = document.getElementById('search-input');
        const start = performance.now();
        new MutationObserver(() => { if (list.querySelector('[role=option]')) resolve(performance.now() - start); })
          .observe(list, { childList: true, subtree: true });
        input.value = 'g';
        input.dispatchEvent(new InputEvent('input', { bubbles: true, data: 'g', inputType: 'insertText' }));
      }));
      times.push(Math.round(t));
      await page.close();
    }
    times.sort((a, b) => a - b);
    console.log(base, 'first keystroke → results (ms):', times.join(', '), 'median', times[2]);
  }
  await browser.close();
})();
