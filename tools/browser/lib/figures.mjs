// Figure text size: how large the smallest text of a figure image comes out in CSS px.
//
// Definition (README, "make check-html"): a figure is readable at a width when its smallest
// text is at least MIN_TEXT_PX CSS px high (font size, em) as rendered there:
//   text CSS px = smallest font size (in the image's own units) x rendered width / natural width.
// - SVG: the units are the viewBox's (matplotlib: 1 unit = 1 pt). The smallest font size is
//   read from the file: <text> font sizes (svg.fonttype "none"), or, for text drawn as glyph
//   paths (matplotlib's default), each text group's glyph scale x 100 (matplotlib draws glyphs
//   at 100 units per font size unit).
// - PNG: the units are pixels; a font of s pt is s x dpi / 72 px, with dpi from the pHYs chunk
//   (matplotlib writes it). A PNG does not say how small its smallest text is: it is taken from
//   a "min_font_pt" text chunk when the image has one, otherwise assumed (--png-font-pt).

export const MIN_TEXT_PX = 9;

/** Width, height, dpi (from pHYs, or null) and tEXt entries of a PNG file's bytes. */
export function pngInfo(bytes) {
  const buf = Buffer.from(bytes);
  const signature = '89504e470d0a1a0a';
  if (buf.length < 24 || buf.subarray(0, 8).toString('hex') !== signature) {
    throw new Error('not a PNG file');
  }
  const info = { width: null, height: null, dpi: null, text: {} };
  let offset = 8;
  while (offset + 8 <= buf.length) {
    const length = buf.readUInt32BE(offset);
    const type = buf.subarray(offset + 4, offset + 8).toString('latin1');
    const data = buf.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      info.width = data.readUInt32BE(0);
      info.height = data.readUInt32BE(4);
    } else if (type === 'pHYs' && data.length >= 9 && data[8] === 1) {
      info.dpi = Math.round(data.readUInt32BE(0) * 0.0254 * 100) / 100;
    } else if (type === 'tEXt') {
      const zero = data.indexOf(0);
      if (zero > 0) info.text[data.subarray(0, zero).toString('latin1')] = data.subarray(zero + 1).toString('latin1');
    } else if (type === 'IEND') {
      break;
    }
    offset += 12 + length;
  }
  return info;
}

const number = (text) => {
  const value = Number.parseFloat(text);
  return Number.isFinite(value) ? value : null;
};

/** The viewBox width and the smallest font size (viewBox units) of an SVG document's text. */
export function svgInfo(source) {
  const root = /<svg\b[^>]*>/i.exec(source);
  if (!root) throw new Error('not an SVG document');
  const viewBox = /\bviewBox\s*=\s*["']\s*[-\d.eE]+[\s,]+[-\d.eE]+[\s,]+([\d.eE]+)/.exec(root[0]);
  const width = /\bwidth\s*=\s*["']\s*([\d.eE]+)/.exec(root[0]);
  const viewBoxWidth = viewBox ? number(viewBox[1]) : width ? number(width[1]) : null;
  const sizes = [];
  let how = null;
  for (const match of source.matchAll(/<text\b([^>]*)>/gi)) {
    const attrs = match[1];
    const size =
      /font-size\s*:\s*([\d.]+)/i.exec(attrs) ||
      /\bfont\s*:\s*(?:[a-z-]+\s+)*([\d.]+)px/i.exec(attrs) ||
      /\bfont-size\s*=\s*["']\s*([\d.]+)/i.exec(attrs);
    if (size) sizes.push(number(size[1]));
  }
  if (sizes.length) how = 'text elements';
  if (!sizes.length) {
    // matplotlib, svg.fonttype "path": <g id="text_N"> ... <g transform="translate(x y) scale(s -s)">
    for (const match of source.matchAll(/<g id="text_\d+"[^>]*>([\s\S]*?)<\/g>/g)) {
      const scale = /scale\(\s*([\d.eE]+)[\s,]+-?[\d.eE]+\s*\)/.exec(match[1]);
      if (scale) sizes.push(number(scale[1]) * 100);
    }
    if (sizes.length) how = 'glyph paths';
  }
  const valid = sizes.filter((size) => size !== null && size > 0);
  return { viewBoxWidth, minFontSize: valid.length ? Math.min(...valid) : null, how };
}

/** CSS px of text `fontUnits` high in an image `naturalUnits` wide rendered `renderedWidth` CSS px wide. */
export function textCssPx({ fontUnits, naturalUnits, renderedWidth }) {
  if (!(fontUnits > 0) || !(naturalUnits > 0) || !(renderedWidth >= 0)) return null;
  return (fontUnits * renderedWidth) / naturalUnits;
}

/**
 * The smallest text of one figure image as rendered: {px, how} or {px: null, how: reason}.
 * `file` is {type: 'png'|'svg', bytes}; `renderedWidth` its CSS width on the page.
 */
export function figureTextPx(file, renderedWidth, { pngFontPt }) {
  if (file.type === 'svg') {
    const svg = svgInfo(file.bytes.toString('utf8'));
    if (svg.minFontSize === null) return { px: null, how: 'SVG with no text found' };
    const px = textCssPx({ fontUnits: svg.minFontSize, naturalUnits: svg.viewBoxWidth, renderedWidth });
    return { px, how: `SVG ${svg.how}: smallest font ${round(svg.minFontSize)} units of ${round(svg.viewBoxWidth)}` };
  }
  if (file.type === 'png') {
    const png = pngInfo(file.bytes);
    if (!png.dpi) return { px: null, how: 'PNG without a resolution (pHYs chunk)' };
    const declared = number(png.text.min_font_pt ?? '');
    const pt = declared ?? pngFontPt;
    const px = textCssPx({ fontUnits: (pt * png.dpi) / 72, naturalUnits: png.width, renderedWidth });
    const source = declared === null ? `assumed ${pt} pt` : `${pt} pt (min_font_pt)`;
    return { px, how: `PNG ${png.width} px at ${png.dpi} dpi, smallest text ${source}` };
  }
  return { px: null, how: `not checked (${file.type})` };
}

function round(value) {
  return Math.round(value * 100) / 100;
}
