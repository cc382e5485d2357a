// End to end: the checker on a small site with known faults (needs Debian's Chromium).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'node:test';
import { fileURLToPath } from 'node:url';
import { bookPages, main } from '../check_html.mjs';
import { missingPrerequisites } from '../lib/chromium.mjs';
import { makePng } from './png.mjs';

const SITE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'site');
const skip = missingPrerequisites().join('; ') || false;

function site() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'check-html-site-'));
  fs.cpSync(SITE, dir, { recursive: true });
  // 1600 px at 150 dpi: 8 pt text comes out at about 3.6 CSS px in a 342 px column.
  fs.writeFileSync(path.join(dir, '_images', 'tiny-text.png'), makePng({ width: 1600, height: 800, dpi: 150 }));
  return dir;
}

test('bookPages lists the HTML pages and leaves out asset folders', () => {
  assert.deepEqual(bookPages(SITE), ['bad.html', 'good.html', 'index.html', 'search.html']);
});

test('the checker finds each kind of fault, and none on the good page', { skip, timeout: 300_000 }, async () => {
  const dir = site();
  const json = path.join(dir, 'report.json');
  const log = console.log;
  const lines = [];
  console.log = (line) => lines.push(line);
  let code;
  try {
    code = await main(['--html', dir, '--json', json, '--query', 'alpha', '--query', 'zzz']);
  } finally {
    console.log = log;
  }
  const report = JSON.parse(fs.readFileSync(json, 'utf8'));
  assert.equal(code, 1, lines.join('\n'));
  const problems = (page, width) => report.pages.find((p) => p.page === page && p.width === width).problems;
  assert.deepEqual(problems('good.html', 390), []);
  assert.deepEqual(problems('good.html', 1366), []);
  const bad = problems('bad.html', 390).map((p) => p.check);
  for (const check of ['overflow', 'axe', 'console', 'images', 'figure text']) assert.ok(bad.includes(check), `${check} in ${bad}`);
  assert.ok(problems('bad.html', 390).some((p) => p.check === 'axe' && /image-alt/.test(p.message)));
  assert.ok(!problems('bad.html', 1366).some((p) => p.check === 'figure text'), 'figure text is judged at 390 px only');
  assert.equal(report.byCheck.links, 1, 'missing.csv');
  assert.deepEqual(report.search, { alpha: 1, zzz: 0 });
  assert.equal(report.byCheck.search, 1);
  const readable = report.figures.find((f) => f.image === 'readable.svg');
  assert.ok(readable.px >= 9, JSON.stringify(readable));
  assert.match(lines.at(-1), /FAILED/);
});
