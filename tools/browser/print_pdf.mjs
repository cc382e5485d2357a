// The PDF edition: Chromium prints the single-page build of the book (make pdf).
//
//   node print_pdf.mjs --page _build/singlehtml/book.html --meta meta.json --out book.pdf [--report report.json]
//
// meta.json: {"title", "subtitle", "author", "date", "commit"} (skillmix.pipeline.pdf writes it).
// The page gets print.css, a cover (title, date, commit, the landing page's scope statement and
// synthetic-data statement), a contents list with page numbers, chapters on new pages, raster
// images capped at 200 dpi, local file links turned into file names, and tables fitted to the
// page: a table wider than the text is set smaller, and if still too wide, on a landscape page.
// It prints twice: the first PDF tells (pdfinfo -dests) on which page each heading is, for the
// contents. Exits 1 (after writing the PDF) when a table or other element is still wider than
// its page, or when a statement for the cover is missing; 2 on bad use.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launch } from './lib/chromium.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const MM = 96 / 25.4; // CSS px per mm
// print.css: A4 with 16 mm side margins.
export const PORTRAIT_TEXT_PX = Math.floor((210 - 32) * MM);
export const LANDSCAPE_TEXT_PX = Math.floor((297 - 32) * MM);
export const MIN_DPI = 200;

function parseArgs(argv) {
  const options = { page: null, meta: null, out: null, report: null };
  for (let i = 0; i < argv.length; i += 2) {
    const key = { '--page': 'page', '--meta': 'meta', '--out': 'out', '--report': 'report' }[argv[i]];
    if (!key || argv[i + 1] === undefined) throw new Error(`bad option ${argv[i]}`);
    options[key] = argv[i + 1];
  }
  for (const key of ['page', 'meta', 'out']) if (!options[key]) throw new Error(`--${key} is required`);
  return options;
}

/** Named destinations of a PDF and their pages (poppler's pdfinfo -dests). */
export function destinations(pdf) {
  const out = execFileSync('pdfinfo', ['-dests', pdf], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });
  const pages = new Map();
  for (const line of out.split('\n')) {
    const match = /^\s*(\d+)\s+\[.*\]\s+"(.*)"\s*$/.exec(line);
    if (match && !pages.has(match[2])) pages.set(match[2], Number(match[1]));
  }
  return pages;
}

function pageCount(pdf) {
  const out = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  return Number(/^Pages:\s+(\d+)/m.exec(out)[1]);
}

// Runs in the page: cover, contents, chapters, links, images. Returns what it found.
function prepareInPage(meta, minDpi) {
  const problems = [];
  const clean = (el) => {
    const copy = el.cloneNode(true);
    copy.querySelectorAll('.headerlink, .admonition-title, .pdf-page').forEach((x) => x.remove());
    return copy.textContent.replace(/\s+/g, ' ').trim();
  };
  const article = document.querySelector('article.bd-article') || document.querySelector('[role=main]') || document.body;
  const root = article.querySelector('section');
  if (!root) return { problems: ['the single-page build has no section to print'] };
  root.classList.add('pdf-root');

  // Links into the single page itself ("chapters/intro.html#fig-x": Sphinx writes some that way)
  // become fragments when their target is on the page.
  for (const a of article.querySelectorAll('a[href*=".html#"]')) {
    const href = a.getAttribute('href');
    if (/^[a-z]+:/i.test(href)) continue;
    const id = decodeURIComponent(href.slice(href.indexOf('#') + 1));
    if (document.getElementById(id)) a.setAttribute('href', `#${id}`);
  }

  // Paper cannot be clicked: every collapsed block (a long table's full version) is printed open.
  for (const details of article.querySelectorAll('details')) details.open = true;

  // Part captions ("Analysis", "Appendices") from the theme's print contents.
  const partOf = {};
  for (const caption of document.querySelectorAll('#jb-print-toc p.caption')) {
    const list = caption.nextElementSibling;
    if (list?.tagName !== 'UL') continue;
    for (const a of list.querySelectorAll('a[href^="#document-"]')) partOf[a.getAttribute('href').slice(1)] = clean(caption);
  }

  // Each included document: <span id="document-..."></span><section>. Promote its headings one
  // level, so chapters are top-level headings (outline, tagged PDF) like the landing page.
  const chapters = [];
  for (const span of article.querySelectorAll('span[id^="document-"]')) {
    const section = span.nextElementSibling;
    if (section?.tagName !== 'SECTION') continue;
    section.classList.add('pdf-chapter');
    chapters.push({ doc: span.id, section });
  }
  for (const { section } of chapters) {
    for (const heading of [...section.querySelectorAll('h2, h3, h4, h5, h6')]) {
      const level = Number(heading.tagName[1]) - 1;
      const promoted = document.createElement(`h${level}`);
      for (const attr of heading.attributes) promoted.setAttribute(attr.name, attr.value);
      promoted.append(...heading.childNodes);
      heading.replaceWith(promoted);
    }
  }
  const ownContent = (el) => !chapters.some(({ section }) => section.contains(el));

  // Ids must be unique for links and the contents: two chapters may each have a section
  // "settings". A repeated id gets its chapter's name, and links inside that chapter follow it.
  const seen = new Set();
  for (const el of article.querySelectorAll('[id]')) {
    if (!seen.has(el.id)) {
      seen.add(el.id);
      continue;
    }
    const chapter = chapters.find(({ section }) => section.contains(el));
    const unique = `${chapter ? chapter.doc.replace(/^document-/, '').replace(/\W+/g, '-') : 'page'}--${el.id}`;
    if (chapter) {
      for (const a of chapter.section.querySelectorAll('a[href]')) {
        if (a.getAttribute('href') === `#${el.id}`) a.setAttribute('href', `#${unique}`);
      }
    }
    el.id = unique;
    seen.add(unique);
  }

  // The cover's statements, from the landing page's own content: a bold label ("Scope:",
  // "The survey data are synthetic:") and the text after it up to the next bold label; or else
  // a "Scope" section's first block, and the smallest block that mentions synthetic data.
  const own = (selector) => [...root.querySelectorAll(selector)].filter(ownContent);
  const labelled = (pattern) => {
    for (const block of own('p, li')) {
      const labels = [...block.querySelectorAll('strong')].filter((s) => /[.:]\s*$/.test(s.textContent.trim()));
      const start = labels.find((s) => pattern.test(s.textContent));
      if (!start) continue;
      const next = labels[labels.indexOf(start) + 1];
      const range = document.createRange();
      range.setStartAfter(start);
      if (next) range.setEndBefore(next);
      else range.setEndAfter(block.lastChild);
      const text = range.toString().replace(/\s+/g, ' ').trim();
      if (text) return { label: start.textContent.replace(/\s+/g, ' ').trim().replace(/[.:]$/, ''), text };
    }
    return null;
  };
  const sentenceCase = (text) => text.charAt(0).toUpperCase() + text.slice(1);
  let scope = labelled(/^scope\b/i)?.text || null;
  if (!scope) {
    const section = own('section').find((s) => s.id === 'scope');
    const first = section?.querySelector('.admonition, p');
    if (first) scope = clean(first).replace(/^scope\s*[.:]\s*/i, '');
  }
  if (scope) scope = sentenceCase(scope);
  else problems.push('the landing page has no scope statement (a bold "Scope:" label or a section "Scope")');

  const label = labelled(/synthetic/i);
  let synthetic = label ? `${label.label}: ${label.text}` : null;
  if (!synthetic) {
    const candidates = [...own('div.admonition'), ...own('strong, em, p, li')]
      .map((el) => clean(el))
      .filter((t) => /synthetic/i.test(t) && t.length >= 30 && !(scope && t.includes(scope)))
      .sort((a, b) => a.length - b.length);
    synthetic = candidates[0] || null;
  }
  if (!synthetic) problems.push('the landing page says nowhere that survey data are synthetic');

  const rootHeading = root.querySelector('h1');
  const cover = document.createElement('section');
  cover.id = 'pdf-cover';
  const line = (tag, cls, text) => {
    const el = document.createElement(tag);
    if (cls) el.className = cls;
    el.textContent = text;
    return el;
  };
  cover.append(line('div', 'pdf-title', meta.title));
  if (meta.subtitle) cover.append(line('div', 'pdf-subtitle', meta.subtitle));
  const facts = document.createElement('table');
  facts.className = 'pdf-facts';
  for (const [label, value] of [
    ['Author', meta.author],
    ['Date', meta.date],
    ['Built from commit', meta.commit],
  ]) {
    if (!value) continue;
    const row = facts.insertRow();
    row.append(line('th', '', label), line('td', '', value));
  }
  cover.append(facts);
  for (const [label, text] of [
    ['Scope', scope],
    ['Synthetic survey data', synthetic],
  ]) {
    if (!text) continue;
    const box = line('div', 'pdf-statement', '');
    box.append(line('strong', 'pdf-label', label), document.createTextNode(text));
    cover.append(box);
  }

  // Contents: the landing page, then each part's chapters with their sections.
  const entries = [];
  const add = (section, level) => {
    const heading = section.querySelector(':scope > h1, :scope > h2, :scope > h3');
    if (heading && section.id) entries.push({ id: section.id, text: clean(heading), level });
  };
  add(root, 1);
  for (const { doc, section } of chapters) {
    const part = partOf[doc];
    if (part && !entries.some((e) => e.part === part)) entries.push({ part });
    add(section, 1);
    for (const child of section.querySelectorAll(':scope > section')) add(child, 2);
  }
  const contents = document.createElement('nav');
  contents.id = 'pdf-contents';
  contents.setAttribute('aria-label', 'Contents');
  contents.append(line('h1', '', 'Contents'));
  let list = null;
  for (const entry of entries) {
    if (entry.part) {
      contents.append(line('div', 'pdf-part', entry.part));
      list = null;
      continue;
    }
    if (!list) {
      list = document.createElement('ol');
      contents.append(list);
    }
    const item = document.createElement('li');
    item.className = `level-${entry.level}`;
    const a = line('a', '', entry.text);
    a.href = `#${entry.id}`;
    const page = line('span', 'pdf-page', '000');
    page.dataset.target = entry.id;
    item.append(a, line('span', 'pdf-leader', ''), page);
    list.append(item);
  }
  article.prepend(cover, contents);

  // Links: fragments and web addresses stay links; a link to a local file (a CSV download, a
  // notebook) cannot work in a PDF, so it becomes its text and the file's name.
  let unlinked = 0;
  for (const a of [...document.querySelectorAll('article a[href]')]) {
    const href = a.getAttribute('href');
    if (href.startsWith('#') || /^(https?|mailto):/i.test(href)) continue;
    if (a.querySelector('img, svg, picture, figure, table')) {
      a.replaceWith(...a.childNodes); // a figure linked to its full-size file: keep the figure
      unlinked += 1;
      continue;
    }
    const name = decodeURIComponent(href.split('#')[0].split('?')[0].split('/').pop() || href);
    const text = clean(a);
    const span = line('span', 'pdf-file', text.includes(name) ? text : `${text}: ${name}`);
    a.replaceWith(span);
    unlinked += 1;
  }

  // Raster images: at most 1 inch per 200 image pixels on paper, so they print at 200 dpi or more.
  // SVG figures: at most their own size (a figure drawn 5.6 in wide with 11 pt text prints so).
  const images = [];
  for (const img of article.querySelectorAll('img')) {
    const vector = /\.svg(\?|#|$)/i.test(img.getAttribute('src') || '');
    if (img.naturalWidth > 0) {
      const most = vector ? `${img.naturalWidth}px` : `${img.naturalWidth / minDpi}in`;
      img.style.setProperty('max-width', `min(100%, ${most})`, 'important');
    }
    images.push({ src: img.getAttribute('src'), naturalWidth: img.naturalWidth, vector, loaded: img.complete && img.naturalWidth > 0 });
  }
  document.title = rootHeading ? meta.title : document.title;
  return { problems, scope, synthetic, entries: entries.filter((e) => !e.part), unlinked, images, chapters: chapters.length };
}

// Runs in the page: fit every table into the text width, then list anything still wider.
// Long tokens in cells (identifiers, addresses) get break opportunities after _ / . - so they
// wrap where a reader expects; then a table that is still too wide is tried, in this order,
// smaller (6.5 pt), on a landscape page, smaller on a landscape page, and finally with words
// broken anywhere on a landscape page. Each step is kept only if the table then fits.
function fitInPage(portrait, landscape) {
  const article = document.querySelector('#pdf-contents').parentElement;
  const describe = (table) => {
    const caption = table.querySelector('caption')?.textContent || table.closest('figure, .table')?.querySelector('.caption-number')?.textContent;
    const section = table.closest('section');
    const heading = section?.querySelector('h1, h2, h3, h4')?.textContent.replace('#', '').trim();
    const head = [...table.querySelectorAll('th')].slice(0, 3).map((th) => th.textContent.trim()).join(', ');
    return `${caption ? `${caption.trim()} ` : ''}in "${heading || '?'}" (columns ${head || '?'})`;
  };
  const breakLongTokens = (table) => {
    const walker = document.createTreeWalker(table, NodeFilter.SHOW_TEXT);
    const nodes = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) if (/\S{16,}/.test(node.data)) nodes.push(node);
    for (const node of nodes) {
      const parts = node.data.split(/(?<=[_/.\-?&=])(?=[^\s])/);
      if (parts.length < 2) continue;
      const fragment = document.createDocumentFragment();
      parts.forEach((part, i) => {
        if (i) fragment.append(document.createElement('wbr'));
        fragment.append(part);
      });
      node.replaceWith(fragment);
    }
  };
  const fits = (table, limit) => table.getBoundingClientRect().width <= limit + 0.5;
  const result = { checked: 0, compact: [], landscape: [], squeezed: [], tooWide: [], overflow: [] };
  for (const table of article.querySelectorAll('table')) {
    if (table.closest('#pdf-cover')) continue;
    result.checked += 1;
    if (fits(table, portrait)) continue;
    breakLongTokens(table);
    if (fits(table, portrait)) continue;
    table.classList.add('pdf-compact');
    if (fits(table, portrait)) {
      result.compact.push(describe(table));
      continue;
    }
    table.classList.remove('pdf-compact');
    const block = table.closest('.cell_output, .pst-scrollable-table-container, .table-wrapper, figure') || table;
    block.classList.add('pdf-landscape');
    block.style.width = `${landscape}px`;
    let placed = 'landscape';
    if (!fits(table, landscape)) {
      table.classList.add('pdf-compact');
      if (!fits(table, landscape)) {
        table.classList.add('pdf-squeeze');
        placed = 'squeezed';
      }
    }
    const ok = fits(table, landscape);
    const width = Math.round(table.getBoundingClientRect().width);
    block.style.width = '';
    if (!ok) result.tooWide.push(`${describe(table)}: ${width} px, landscape text is ${landscape} px`);
    else result[placed].push(describe(table));
  }
  // Anything else wider than the text (outside landscape blocks).
  const right = article.getBoundingClientRect().left + portrait + 0.5;
  for (const el of article.querySelectorAll('*')) {
    if (el.closest('.pdf-landscape') || el.closest('table')) continue;
    const box = el.getBoundingClientRect();
    if (box.width > 0 && box.right > right && !(el.parentElement && el.parentElement.getBoundingClientRect().right > right)) {
      result.overflow.push(`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} "${el.textContent.trim().slice(0, 60)}" reaches ${Math.round(box.right - right + portrait)} px of ${portrait}`);
    }
  }
  return result;
}

async function printTwice(page, out) {
  const first = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'skillmix-pdf-')), 'pass.pdf');
  const options = { printBackground: true, preferCSSPageSize: true, outline: true, tagged: true, timeout: 600_000 };
  try {
    await page.pdf({ ...options, path: first });
    let pages = destinations(first);
    for (let pass = 2; pass <= 4; pass += 1) {
      const targets = await page.$$eval('#pdf-contents .pdf-page', (spans, known) => {
        const map = new Map(known);
        return spans.map((span) => {
          span.textContent = map.has(span.dataset.target) ? String(map.get(span.dataset.target)) : '?';
          return [span.dataset.target, span.textContent];
        });
      }, [...pages]);
      await page.pdf({ ...options, path: out });
      const now = destinations(out);
      const stable = targets.every(([id, shown]) => String(now.get(id) ?? '?') === shown);
      if (stable) return { passes: pass, missing: targets.filter(([, shown]) => shown === '?').map(([id]) => id) };
      pages = now;
    }
    throw new Error('the contents page numbers did not settle after 4 passes');
  } finally {
    fs.rmSync(path.dirname(first), { recursive: true, force: true });
  }
}

export async function main(argv) {
  let options;
  try {
    options = parseArgs(argv);
  } catch (error) {
    console.error(`print-pdf: ${error.message}`);
    return 2;
  }
  const started = Date.now();
  const meta = JSON.parse(fs.readFileSync(options.meta, 'utf8'));
  const browser = await launch();
  let report;
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('requestfailed', (req) => {
      if (['image', 'stylesheet', 'font'].includes(req.resourceType())) errors.push(`could not load ${req.url()}`);
    });
    await page.setViewport({ width: PORTRAIT_TEXT_PX, height: 1200, deviceScaleFactor: 1 });
    await page.goto(pathToFileURL(path.resolve(options.page)).href, { waitUntil: 'load', timeout: 300_000 });
    await page.emulateMediaType('print');
    await page.addStyleTag({ path: path.join(HERE, 'print.css') });
    await page.addStyleTag({
      content: `@page { @bottom-left { content: ${JSON.stringify(meta.runningTitle || meta.title)}; } } @page :first { @bottom-left { content: none; } }`,
    });
    const stylesLoaded = await page.evaluate(() => getComputedStyle(document.querySelector('.bd-header') || document.body).display);
    const prepared = await page.evaluate(prepareInPage, meta, 200);
    await page.evaluate(async () => {
      await document.fonts.ready;
      await Promise.all([...document.images].map((img) => (img.complete ? null : img.decode().catch(() => null))));
    });
    const fit = await page.evaluate(fitInPage, PORTRAIT_TEXT_PX, LANDSCAPE_TEXT_PX);
    // The text of every table cell as printed (hidden labels left out), for pdf_check to find in the PDF.
    const cells = await page.evaluate(() =>
      [...document.querySelectorAll('article td, article th')].filter((c) => !c.closest('#pdf-cover')).map((c) => c.innerText),
    );
    fs.mkdirSync(path.dirname(path.resolve(options.out)), { recursive: true });
    const printed = await printTwice(page, options.out);
    const problems = [...prepared.problems, ...errors];
    if (stylesLoaded !== 'none') problems.push(`the theme's styles did not load for ${options.page} (the page header is still shown)`);
    for (const image of prepared.images.filter((i) => !i.loaded)) problems.push(`image did not load: ${image.src}`);
    for (const table of fit.tooWide) problems.push(`table wider than a landscape page: ${table}`);
    for (const item of fit.overflow) problems.push(`wider than the page: ${item}`);
    for (const id of printed.missing) problems.push(`contents entry #${id} is on no page of the PDF`);
    report = {
      pdf: options.out,
      pages: pageCount(options.out),
      bytes: fs.statSync(options.out).size,
      seconds: Math.round((Date.now() - started) / 100) / 10,
      passes: printed.passes,
      chapters: prepared.chapters,
      scope: prepared.scope,
      synthetic: prepared.synthetic,
      contents: prepared.entries,
      unlinkedFileLinks: prepared.unlinked,
      images: prepared.images,
      tables: fit,
      cells,
      problems,
    };
  } finally {
    await browser.close();
  }
  if (options.report) fs.writeFileSync(options.report, `${JSON.stringify(report, null, 2)}\n`);
  const t = report.tables;
  console.log(
    `print-pdf: ${report.pages} pages, ${(report.bytes / 1e6).toFixed(1)} MB, ${report.seconds} s (${report.passes} passes); ` +
      `${t.checked} tables: ${t.compact.length} set smaller, ${t.landscape.length} on landscape pages, ` +
      `${t.squeezed.length} on landscape pages with words broken anywhere, ${t.tooWide.length} too wide`,
  );
  for (const problem of report.problems) console.log(`  problem: ${problem}`);
  return report.problems.length ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      console.error(`print-pdf: ${error.stack || error}`);
      process.exit(2);
    },
  );
}
