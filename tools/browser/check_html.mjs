// make check-html: every page of the built book in headless Chromium at 390 px and 1366 px.
//
//   node check_html.mjs [--html _build/html] [--allow-list axe-allowlist.json] [--query WORDS]...
//                       [--png-font-pt 8] [--json report.json] [--page chapters/intro.html]...
//
// Checks, for every page at both widths: axe-core (WCAG 2.1 A and AA) finds no serious or
// critical violation outside the allow-list; the page body does not overflow horizontally; no
// console error, page error or failed request; every image and every local link target
// (downloads included) answers HTTP 200 from a static server on 127.0.0.1; at 390 px, the
// smallest text of every figure image is at least 9 CSS px (lib/figures.mjs). The search page
// must return results for each query. Prints a report; exits 1 when a check fails, 2 on bad use.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyAllowList, loadAllowList } from './lib/allowlist.mjs';
import { launch } from './lib/chromium.mjs';
import { figureTextPx, MIN_TEXT_PX } from './lib/figures.mjs';
import { serve, statusOf } from './lib/server.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const WIDTHS = [
  { width: 390, height: 844 },
  { width: 1366, height: 768 },
];
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const DEFAULT_QUERIES = ['workforce', 'nursing associate', 'synthetic'];

function parseArgs(argv) {
  const options = {
    html: '_build/html',
    allowList: path.join(HERE, 'axe-allowlist.json'),
    queries: [],
    pngFontPt: 8,
    json: null,
    pages: [],
  };
  for (let i = 0; i < argv.length; i += 1) {
    const [flag, value] = [argv[i], argv[i + 1]];
    const take = () => {
      if (value === undefined) throw new Error(`${flag} needs a value`);
      i += 1;
      return value;
    };
    if (flag === '--html') options.html = take();
    else if (flag === '--allow-list') options.allowList = take();
    else if (flag === '--query') options.queries.push(take());
    else if (flag === '--png-font-pt') options.pngFontPt = Number(take());
    else if (flag === '--json') options.json = take();
    else if (flag === '--page') options.pages.push(take());
    else throw new Error(`unknown option ${flag}`);
  }
  if (!options.queries.length) options.queries = DEFAULT_QUERIES;
  if (!(options.pngFontPt > 0)) throw new Error('--png-font-pt must be a positive number');
  return options;
}

/** Every HTML page of a built book, relative to its root (folders starting with _ are assets). */
export function bookPages(root) {
  const pages = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith('_') || entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.html')) pages.push(path.relative(root, full).split(path.sep).join('/'));
    }
  };
  walk(root);
  return pages;
}

// Runs in the page: the outermost elements whose right edge passes the viewport.
function overflowInPage() {
  const width = window.innerWidth;
  const root = document.documentElement;
  const offenders = [];
  if (root.scrollWidth > width) {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_ELEMENT);
    for (let el = walker.nextNode(); el && offenders.length < 5; el = walker.nextNode()) {
      const box = el.getBoundingClientRect();
      const parent = el.parentElement?.getBoundingClientRect();
      if (box.right > width + 1 && box.width > 0 && (!parent || parent.right <= width + 1)) {
        const id = el.id ? `#${el.id}` : '';
        const cls = typeof el.className === 'string' && el.className.trim() ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
        offenders.push(`${el.tagName.toLowerCase()}${id}${cls} (right edge ${Math.round(box.right)} px)`);
      }
    }
  }
  return { scrollWidth: root.scrollWidth, innerWidth: width, offenders };
}

// Runs in the page: images and local link targets.
async function resourcesInPage() {
  const here = new URL(window.location.href);
  const images = [];
  for (const img of document.images) {
    if (!img.complete || img.naturalWidth === 0) {
      try {
        await img.decode();
      } catch {
        /* reported below as not loaded */
      }
    }
    const box = img.getBoundingClientRect();
    const figure = img.closest('figure');
    const number = figure?.querySelector('.caption-number')?.textContent.trim() || '';
    images.push({
      src: img.currentSrc || img.src,
      loaded: img.complete && img.naturalWidth > 0,
      naturalWidth: img.naturalWidth,
      renderedWidth: box.width,
      inArticle: Boolean(img.closest('article, .bd-article, [role=main]')),
      label: number || img.getAttribute('alt')?.slice(0, 60) || '',
    });
  }
  for (const icon of document.querySelectorAll('link[rel~="icon"][href]')) {
    images.push({ src: new URL(icon.getAttribute('href'), here).href, loaded: true, naturalWidth: 0, renderedWidth: 0, inArticle: false, label: 'icon' });
  }
  const links = [];
  for (const a of document.querySelectorAll('a[href]')) {
    const url = new URL(a.getAttribute('href'), here);
    if (url.origin !== here.origin) continue;
    url.hash = '';
    if (url.pathname === here.pathname) continue;
    links.push({ href: url.href, download: a.hasAttribute('download') || a.classList.contains('download') });
  }
  return { images, links };
}

// Runs in the page: axe-core, serious and critical violations, with the allow-list selectors each is inside.
async function axeInPage(tags, selectors) {
  const result = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
  const nodes = [];
  for (const violation of result.violations) {
    for (const node of violation.nodes) {
      const impact = node.impact || violation.impact;
      if (impact !== 'serious' && impact !== 'critical') continue;
      const target = node.target.map((t) => (Array.isArray(t) ? t.join(' ') : t));
      let element = null;
      try {
        element = document.querySelector(target[target.length - 1]);
      } catch {
        element = null;
      }
      nodes.push({
        rule: violation.id,
        impact,
        help: violation.help,
        target: target.join(' > '),
        html: node.html.replace(/\s+/g, ' ').slice(0, 160),
        inside: element ? selectors.filter((s) => element.closest(s)) : [],
      });
    }
  }
  return nodes;
}

async function checkPage(browser, server, page, viewport, options, entries, report) {
  const context = await browser.createBrowserContext(); // a first visit: empty storage and cache
  const tab = await context.newPage();
  const problems = [];
  const allowed = [];
  const consoleErrors = [];
  // Chromium asks for /favicon.ico by itself when a page names no icon: not the page's request.
  const favicon = (url) => new URL(url).pathname === '/favicon.ico';
  tab.on('console', (msg) => {
    if (msg.type() === 'error' && !favicon(msg.location()?.url || server.url)) consoleErrors.push(`console: ${msg.text()}`);
  });
  tab.on('pageerror', (error) => consoleErrors.push(`page error: ${error.message}`));
  tab.on('requestfailed', (req) => consoleErrors.push(`request failed: ${req.url()} (${req.failure()?.errorText})`));
  tab.on('response', (res) => {
    if (res.status() >= 400 && !favicon(res.url())) consoleErrors.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  await tab.setViewport({ ...viewport, deviceScaleFactor: 1 });
  await tab.goto(`${server.url}/${page}`, { waitUntil: 'networkidle0', timeout: 120_000 });

  const overflow = await tab.evaluate(overflowInPage);
  if (overflow.scrollWidth > overflow.innerWidth) {
    problems.push({
      check: 'overflow',
      message: `page body is ${overflow.scrollWidth} px wide in a ${overflow.innerWidth} px window: ${overflow.offenders.join('; ')}`,
    });
  }

  await tab.addScriptTag({ path: path.join(HERE, 'node_modules', 'axe-core', 'axe.min.js') });
  const nodes = await tab.evaluate(axeInPage, AXE_TAGS, [...new Set(entries.map((e) => e.selector))]);
  const split = applyAllowList(nodes, entries);
  allowed.push(...split.allowed);
  for (const node of split.failures) {
    problems.push({ check: 'axe', message: `${node.impact} ${node.rule} (${node.help}): ${node.target} ${node.html}` });
  }

  const { images, links } = await tab.evaluate(resourcesInPage);
  for (const img of images) {
    if (!img.loaded) problems.push({ check: 'images', message: `image did not load: ${img.src}` });
    report.resources.set(img.src, { kind: 'image', page });
  }
  for (const link of links) {
    if (!report.resources.has(link.href)) report.resources.set(link.href, { kind: link.download ? 'download' : 'link', page });
  }

  if (viewport.width === 390) {
    for (const img of images.filter((i) => i.inArticle && i.loaded && i.naturalWidth >= 100)) {
      if (img.renderedWidth < 1) continue; // not shown at this width
      const file = path.join(options.html, decodeURIComponent(new URL(img.src).pathname));
      const type = path.extname(file).slice(1).toLowerCase();
      const text = figureTextPx({ type, bytes: fs.readFileSync(file) }, img.renderedWidth, { pngFontPt: options.pngFontPt });
      const name = `${img.label ? `${img.label} ` : ''}(${path.basename(file)}, shown ${Math.round(img.renderedWidth)} px wide)`;
      report.figures.push({ page, image: path.basename(file), label: img.label, px: text.px, how: text.how });
      if (text.px === null) problems.push({ check: 'figure text', message: `${name}: cannot tell its text size: ${text.how}` });
      else if (text.px < MIN_TEXT_PX) {
        problems.push({
          check: 'figure text',
          message: `${name}: smallest text ${text.px.toFixed(1)} CSS px < ${MIN_TEXT_PX} (${text.how})`,
        });
      }
    }
  }
  await context.close();
  for (const message of consoleErrors) problems.push({ check: 'console', message });
  return { problems, allowed };
}

async function checkSearch(browser, server, queries) {
  const problems = [];
  const found = {};
  const context = await browser.createBrowserContext();
  const tab = await context.newPage();
  const errors = [];
  tab.on('pageerror', (error) => errors.push(error.message));
  for (const query of queries) {
    await tab.goto(`${server.url}/search.html?q=${encodeURIComponent(query)}`, { waitUntil: 'networkidle0', timeout: 120_000 });
    try {
      await tab.waitForFunction(() => document.querySelector('#search-results .search-summary, #search-results > p'), {
        timeout: 60_000,
      });
    } catch {
      problems.push({ check: 'search', message: `"${query}": the search did not finish within 60 s` });
      continue;
    }
    const results = await tab.$$eval('#search-results ul.search > li', (items) => items.length);
    found[query] = results;
    if (results < 1) problems.push({ check: 'search', message: `"${query}": no results` });
  }
  for (const message of new Set(errors)) problems.push({ check: 'search', message: `page error: ${message}` });
  await context.close();
  return { problems, found };
}

export async function main(argv) {
  let options;
  let entries;
  try {
    options = parseArgs(argv);
    entries = loadAllowList(options.allowList);
  } catch (error) {
    console.error(`check-html: ${error.message}`);
    return 2;
  }
  if (!fs.existsSync(path.join(options.html, 'index.html'))) {
    console.error(`check-html: no built book at ${options.html} (run "make build" or "make book" first)`);
    return 2;
  }
  const pages = options.pages.length ? options.pages : bookPages(options.html);
  const started = Date.now();
  const server = await serve(options.html);
  const browser = await launch();
  const report = { pages: [], resources: new Map(), figures: [], search: {}, allowed: 0 };
  let failures = 0;
  const byCheck = {};
  const count = (problem) => {
    failures += 1;
    byCheck[problem.check] = (byCheck[problem.check] || 0) + 1;
  };
  try {
    console.log(`check-html: ${pages.length} pages of ${options.html} at ${WIDTHS.map((w) => `${w.width} px`).join(' and ')}`);
    console.log(`  in ${(await browser.version()).replace('/', ' ')}, served from ${server.url}`);
    for (const page of pages) {
      const lines = [];
      for (const viewport of WIDTHS) {
        const result = await checkPage(browser, server, page, viewport, options, entries, report);
        report.allowed += result.allowed.length;
        report.pages.push({ page, width: viewport.width, problems: result.problems, allowed: result.allowed.length });
        result.problems.forEach(count);
        const allowedNote = result.allowed.length ? ` (${result.allowed.length} allowed axe findings)` : '';
        lines.push(`  ${String(viewport.width).padStart(4)} px: ${result.problems.length ? `${result.problems.length} problem(s)` : 'ok'}${allowedNote}`);
        for (const problem of result.problems) lines.push(`      [${problem.check}] ${problem.message}`);
      }
      console.log(`${page}\n${lines.join('\n')}`);
    }

    const broken = [];
    for (const [url, where] of report.resources) {
      const status = await statusOf(url);
      if (status !== 200) broken.push({ check: where.kind === 'image' ? 'images' : 'links', message: `${where.kind} ${new URL(url).pathname} answered ${status || 'nothing'} (linked from ${where.page})` });
    }
    const downloads = [...report.resources.values()].filter((r) => r.kind === 'download').length;
    console.log(`images and local links: ${report.resources.size} distinct targets (${downloads} downloads), ${broken.length} not loading`);
    for (const problem of broken) {
      console.log(`      [${problem.check}] ${problem.message}`);
      count(problem);
    }

    if (fs.existsSync(path.join(options.html, 'search.html'))) {
      const search = await checkSearch(browser, server, options.queries);
      report.search = search.found;
      console.log(`search: ${options.queries.map((q) => `"${q}" ${search.found[q] ?? 'n/a'} result(s)`).join(', ')}`);
      for (const problem of search.problems) {
        console.log(`      [${problem.check}] ${problem.message}`);
        count(problem);
      }
    } else {
      const problem = { check: 'search', message: 'the book has no search.html' };
      console.log(`      [search] ${problem.message}`);
      count(problem);
    }
  } finally {
    await browser.close();
    await server.close();
  }

  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const summary = Object.entries(byCheck)
    .map(([check, n]) => `${check} ${n}`)
    .join(', ');
  console.log(
    `check-html: ${pages.length} pages x ${WIDTHS.length} widths, ${report.figures.length} figure checks, ` +
      `${report.allowed} allowed axe findings (${path.relative(process.cwd(), options.allowList)}), ${seconds} s: ` +
      (failures ? `FAILED, ${failures} problem(s): ${summary}` : 'all checks passed'),
  );
  if (options.json) {
    fs.mkdirSync(path.dirname(options.json), { recursive: true });
    const resources = Object.fromEntries([...report.resources].map(([url, v]) => [new URL(url).pathname, v]));
    fs.writeFileSync(options.json, `${JSON.stringify({ ...report, resources, failures, byCheck, seconds: Number(seconds) }, null, 2)}\n`);
  }
  return failures ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      console.error(`check-html: ${error.stack || error}`);
      process.exit(2);
    },
  );
}
