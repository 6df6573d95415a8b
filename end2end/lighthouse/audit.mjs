// Lighthouse audit of the shopper's pages (home, a product, the basket and
// checkout with an item in it), with Lighthouse's mobile emulation, in
// Debian's Chromium. Prints the scores against the targets and every audit
// that cost points, writes the full reports, and fails when a score is
// below its target.
//
// usage: node lighthouse/audit.mjs <base url> <out dir>
// The basket and checkout pages are audited with a session cookie that
// holds one item: set LIGHTHOUSE_COOKIE to "name=value".

import fs from 'node:fs';
import path from 'node:path';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';

const [base, outDir] = process.argv.slice(2);
if (!base || !outDir) {
  console.error('usage: node lighthouse/audit.mjs <base url> <out dir>');
  process.exit(2);
}

const TARGETS = {
  performance: 98,
  accessibility: 100,
  'best-practices': 100,
  seo: 100,
};

async function firstProductPath() {
  const html = await (await fetch(`${base}/`)).text();
  const match = html.match(/href="(\/product\/[^"?#]+)"/);
  if (!match) throw new Error('the home page links no product');
  return match[1];
}

const cookie = process.env.LIGHTHOUSE_COOKIE;
const pages = [
  { name: 'home', path: '/' },
  { name: 'product', path: await firstProductPath() },
  { name: 'basket', path: '/basket', cookie },
  { name: 'checkout', path: '/checkout', cookie },
];

fs.mkdirSync(outDir, { recursive: true });
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run'],
});

let failed = false;
const rows = [];
try {
  for (const page of pages) {
    const flags = {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: Object.keys(TARGETS),
      extraHeaders: page.cookie ? { Cookie: page.cookie } : undefined,
    };
    const result = await lighthouse(`${base}${page.path}`, flags);
    const lhr = result.lhr;
    fs.writeFileSync(path.join(outDir, `${page.name}.json`), result.report);
    const scores = {};
    for (const [id, target] of Object.entries(TARGETS)) {
      const category = lhr.categories[id];
      const score = Math.round((category.score ?? 0) * 100);
      scores[id] = score;
      if (score < target) {
        failed = true;
        for (const ref of category.auditRefs) {
          const audit = lhr.audits[ref.id];
          if (ref.weight > 0 && audit.score !== null && audit.score < 1) {
            const shown = audit.displayValue ? ` (${audit.displayValue})` : '';
            console.log(`  ${page.name} · ${id}: ${audit.title}${shown}`);
          }
        }
      }
    }
    rows.push({ page: page.name, ...scores });
  }
} finally {
  await chrome.kill();
}

const head = ['page', ...Object.keys(TARGETS)];
console.log(`\n| ${head.join(' | ')} |`);
console.log(`|${head.map(() => '---').join('|')}|`);
for (const row of rows) console.log(`| ${head.map((h) => row[h]).join(' | ')} |`);
console.log(
  `| target | ${Object.values(TARGETS)
    .map((t) => `≥ ${t}`)
    .join(' | ')} |`,
);
if (failed) {
  console.error('\nSome scores are below their targets (details above).');
  process.exit(1);
}
