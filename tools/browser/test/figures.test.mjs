import assert from 'node:assert/strict';
import test from 'node:test';
import { figureTextPx, MIN_TEXT_PX, pngInfo, svgInfo, textCssPx } from '../lib/figures.mjs';
import { makePng } from './png.mjs';

test('pngInfo reads size, dpi from pHYs and text chunks', () => {
  const info = pngInfo(makePng({ width: 1500, height: 900, dpi: 150, text: { min_font_pt: '9' } }));
  assert.equal(info.width, 1500);
  assert.equal(info.height, 900);
  assert.equal(Math.round(info.dpi), 150);
  assert.equal(info.text.min_font_pt, '9');
});

test('pngInfo refuses what is not a PNG', () => {
  assert.throws(() => pngInfo(Buffer.from('<svg></svg>')), /not a PNG/);
});

test('svgInfo: matplotlib text elements (svg.fonttype none)', () => {
  const svg = `<svg width="432pt" height="288pt" viewBox="0 0 432 288"><text style="font: 10px 'DejaVu Sans'">a</text>
    <text style="font-size: 8.5px">b</text></svg>`;
  assert.deepEqual(svgInfo(svg), { viewBoxWidth: 432, minFontSize: 8.5, how: 'text elements' });
});

test('svgInfo: matplotlib glyph paths (svg.fonttype path) give the font size from the scale', () => {
  const svg = `<svg width="432pt" viewBox="0 0 432 288"><g id="text_1"><g transform="translate(10 20) scale(0.09 -0.09)">
    <use xlink:href="#DejaVuSans-30"/></g></g><g id="text_2"><g transform="translate(1 2) rotate(-90) scale(0.11 -0.11)"></g></g></svg>`;
  const info = svgInfo(svg);
  assert.equal(info.how, 'glyph paths');
  assert.ok(Math.abs(info.minFontSize - 9) < 1e-9);
});

test('textCssPx scales the font with the rendered width', () => {
  assert.equal(textCssPx({ fontUnits: 20, naturalUnits: 1000, renderedWidth: 500 }), 10);
  assert.equal(textCssPx({ fontUnits: 20, naturalUnits: 0, renderedWidth: 500 }), null);
});

test('a 150 dpi PNG 1600 px wide shown 342 px wide has 8 pt text at about 3.6 px: too small', () => {
  const bytes = makePng({ width: 1600, height: 900, dpi: 150 });
  const result = figureTextPx({ type: 'png', bytes }, 342, { pngFontPt: 8 });
  assert.ok(result.px < MIN_TEXT_PX);
  assert.ok(Math.abs(result.px - ((8 * 150) / 72) * (342 / 1600)) < 0.01); // pHYs holds whole pixels per metre
  assert.match(result.how, /assumed 8 pt/);
});

test('a PNG that declares its smallest font (min_font_pt) is measured with it', () => {
  const bytes = makePng({ width: 700, height: 500, dpi: 100, text: { min_font_pt: '14' } });
  const result = figureTextPx({ type: 'png', bytes }, 350, { pngFontPt: 8 });
  assert.ok(Math.abs(result.px - (14 * 100) / 72 / 2) < 0.01);
  assert.ok(result.px >= MIN_TEXT_PX);
});

test('an SVG 360 pt wide with 10 pt text shown 342 px wide reads at 9.5 px', () => {
  const svg = Buffer.from(`<svg viewBox="0 0 360 200"><text style="font: 10px sans-serif">x</text></svg>`);
  const result = figureTextPx({ type: 'svg', bytes: svg }, 342, { pngFontPt: 8 });
  assert.equal(result.px, 9.5);
});

test('a PNG without a resolution cannot be judged', () => {
  const result = figureTextPx({ type: 'png', bytes: makePng({ width: 10, height: 10 }) }, 5, { pngFontPt: 8 });
  assert.equal(result.px, null);
});
