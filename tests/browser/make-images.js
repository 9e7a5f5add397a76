// Regenerates the theme's binary images from their sources, in Debian's chromium:
//   node tests/browser/make-images.js
// themes/default/static/og-image.png from og-image.html (1200×630), and favicon.ico (16, 32
// and 48 px PNGs in one ICO) from favicon.svg.
"use strict";
const fs = require("fs");
const path = require("path");
const { chromium } = require("playwright-core");

const STATIC = path.join(__dirname, "../../themes/default/static");

(async () => {
  const browser = await chromium.launch({ executablePath: process.env.CHROME || "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
  const svg = fs.readFileSync(path.join(STATIC, "favicon.svg"), "utf8");
  const pngs = [];
  for (const n of [16, 32, 48]) {
    const page = await browser.newPage({ viewport: { width: 200, height: 200 } });
    await page.setContent(`<body style="margin:0">${svg.replace("<svg ", `<svg style="display:block" width="${n}" height="${n}" `)}</body>`);
    pngs.push([n, await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: n, height: n } })]);
    await page.close();
  }
  // ICO: a 6-byte header, a 16-byte entry per image, then the PNGs (allowed since Vista).
  const header = Buffer.alloc(6 + 16 * pngs.length);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(pngs.length, 4);
  let offset = header.length;
  pngs.forEach(([n, png], i) => {
    const e = 6 + 16 * i;
    header.writeUInt8(n, e);
    header.writeUInt8(n, e + 1);
    header.writeUInt16LE(1, e + 4);
    header.writeUInt16LE(32, e + 6);
    header.writeUInt32LE(png.length, e + 8);
    header.writeUInt32LE(offset, e + 12);
    offset += png.length;
  });
  fs.writeFileSync(path.join(STATIC, "favicon.ico"), Buffer.concat([header, ...pngs.map(p => p[1])]));
  const page = await browser.newPage({ viewport: { width: 1200, height: 630 } });
  await page.goto("file://" + path.join(__dirname, "og-image.html"));
  await page.screenshot({ path: path.join(STATIC, "og-image.png") });
  await browser.close();
})().catch(err => { console.error(err); process.exit(1); });
