// The view as a picture: the map drawn again at the picture's own size by the map's own canvas code (deckmap.js
// hands it over as drawMap), composed with what the server described (eventmap/maps/picture.py, the spec's
// PICTURE): the title, the filters in words and the dates, the legend, the counts, the sources, the attribution,
// "data as of", the view's link and its QR code. One renderer for the page and the command line
// (docs/decisions.md, 'One renderer for the page, the file and the command line').
//
// Every text is untrusted and drawn as canvas text; the alt text goes into the PNG's Description.
import {WebMercatorViewport} from '@deck.gl/core';

const FAMILY = 'Eventmap Noto Sans';  // the shipped font (picture.fonts), the machine's sans-serif after it
const FONT = `'${FAMILY}', sans-serif`;
const faces = new Map();  // font URL -> its FontFace, loaded once per page

// The picture's font, loaded before the first picture; one that cannot be loaded leaves the fallback.
async function loadFonts(fonts) {
  await Promise.all((fonts || []).map(async ({url, weight}) => {
    if (faces.has(url)) return;
    const face = new FontFace(FAMILY, `url(${new URL(url, document.baseURI).href})`, {weight});
    faces.set(url, face);
    try {
      await face.load();
      document.fonts.add(face);
    } catch (error) {
      faces.set(url, null);
    }
  }));
}
const INK = '#222', MUTED = '#555', PAPER = '#fff';
const MARGIN = 24, HEADER = 92, FOOTER = 78;

// A text cut to a width, with an ellipsis when it does not fit.
function fitted(context, text, width) {
  if (context.measureText(text).width <= width) return text;
  let cut = text;
  while (cut.length > 1 && context.measureText(`${cut}…`).width > width) cut = cut.slice(0, -1);
  return `${cut}…`;
}

// A text broken into lines of a width at its spaces (a word wider than the line is cut).
function wrapped(context, text, width) {
  const lines = [];
  let line = '';
  for (const word of String(text).split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (line && context.measureText(next).width > width) { lines.push(line); line = word; } else line = next;
  }
  if (line) lines.push(line);
  return lines.map((each) => fitted(context, each, width));
}

function write(context, text, x, y, size, {weight = 'normal', colour = INK, width = Infinity} = {}) {
  context.font = `${weight} ${size}px ${FONT}`;
  context.fillStyle = colour;
  context.fillText(fitted(context, String(text), width), x, y);
}

function swatch(context, item, x, y) {
  const [r, g, b] = item.colour;
  context.lineWidth = 1.5;
  context.beginPath();
  if (item.shape === 'marker') {
    context.arc(x + 8, y, 7, 0, 2 * Math.PI);
    context.fillStyle = `rgb(${r},${g},${b})`;
    context.fill();
    return;
  }
  if (item.shape === 'area') context.arc(x + 8, y, 8, 0, 2 * Math.PI);
  else context.rect(x, y - 6, 17, 12);
  context.fillStyle = 'rgba(128,128,128,0.15)';
  context.fill();
  context.strokeStyle = `rgb(${r},${g},${b})`;
  context.stroke();
}

function drawQr(context, rows, x, y, size) {
  const cell = size / rows.length;
  context.fillStyle = '#000';
  rows.forEach((row, j) => {
    for (let i = 0; i < row.length; i++) if (row[i] === '1') context.fillRect(x + i * cell, y + j * cell, cell, cell);
  });
}

// The side column: the legend, the counts, the QR code of the view's link at its foot.
function drawSide(context, picture, x, top, width, bottom) {
  write(context, 'Legend', x, top + 18, 18, {weight: 'bold'});
  let y = top + 48;
  context.font = `15px ${FONT}`;
  for (const item of picture.legend) {
    swatch(context, item, x, y - 5);
    write(context, item.label, x + 26, y, 15, {width: width - 26});
    y += 26;
  }
  context.font = `15px ${FONT}`;
  for (const line of wrapped(context, picture.counts, width)) { y += 22; write(context, line, x, y, 15); }
  const qr = Math.min(width, 180, bottom - y - 40);
  if (qr >= 60) {
    drawQr(context, picture.qr, x, bottom - qr, qr);
    write(context, 'This view online', x, bottom - qr - 10, 13, {colour: MUTED});
  }
}

// The picture's map box: the camera's place, zoomed so that what the page's map shows at its nominal size
// (picture.reference, the size the server fits a view to) fills the box. So the same camera makes the same
// picture whatever the window: the page's and the command line's.
export function pictureViewport(view, [referenceWidth, referenceHeight], width, height) {
  const zoom = view.zoom + Math.log2(Math.min(width / referenceWidth, height / referenceHeight));
  return new WebMercatorViewport({width, height, longitude: view.longitude, latitude: view.latitude, zoom});
}

// The composed picture on a new canvas of width x height CSS pixels at `scale`; view: the map's camera
// ({longitude, latitude, zoom}); drawMap(context, viewport, scale) draws the map's layers.
// Null while the map's pictures are still being decoded (drawMap draws nothing and says how many are left).
export function composePicture(picture, view, width, height, scale, drawMap) {
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const context = canvas.getContext('2d', {willReadFrequently: true});
  context.setTransform(scale, 0, 0, scale, 0, 0);
  context.fillStyle = PAPER;
  context.fillRect(0, 0, width, height);
  context.textBaseline = 'alphabetic';
  context.textAlign = 'left';
  const side = Math.round(Math.min(360, width * 0.3));
  const box = {x: MARGIN, y: HEADER, width: width - side - 2 * MARGIN, height: height - HEADER - FOOTER};
  write(context, picture.title, MARGIN, MARGIN + 28, 30, {weight: 'bold', width: width - 2 * MARGIN});
  write(context, picture.filters, MARGIN, MARGIN + 56, 17, {colour: MUTED, width: width - 2 * MARGIN});
  const viewport = pictureViewport(view, picture.reference, box.width, box.height);
  context.save();
  context.translate(box.x, box.y);
  context.beginPath();
  context.rect(0, 0, box.width, box.height);
  context.clip();
  const pending = drawMap(context, viewport, scale, FONT);
  context.restore();
  if (pending) return null;
  context.strokeStyle = '#999';
  context.lineWidth = 1;
  context.strokeRect(box.x, box.y, box.width, box.height);
  if (picture.empty) {
    context.textAlign = 'center';
    write(context, picture.empty, box.x + box.width / 2, box.y + box.height / 2, 28, {weight: 'bold'});
    context.textAlign = 'left';
  }
  drawSide(context, picture, box.x + box.width + MARGIN, box.y, side - MARGIN, box.y + box.height);
  const foot = box.y + box.height;
  const line = width - 2 * MARGIN;
  write(context, picture.sources, MARGIN, foot + 22, 14, {width: line});
  write(context, `${picture.attribution} · ${picture.asOf}`, MARGIN, foot + 44, 14, {colour: MUTED, width: line});
  write(context, picture.link, MARGIN, foot + 66, 14, {colour: MUTED, width: line});
  canvas.mapBox = {...box, longitude: viewport.longitude, latitude: viewport.latitude, zoom: viewport.zoom};
  return canvas;
}

const CRC = Array.from({length: 256}, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

// A PNG text chunk for the picture's Description: tEXt when the text is Latin-1, else iTXt (UTF-8).
function textChunk(keyword, text) {
  const latin1 = /^[\x20-\x7e\xa0-\xff\n]*$/.test(text);
  const key = Array.from(keyword, (c) => c.charCodeAt(0));
  const body = latin1 ? [...key, 0, ...Array.from(text, (c) => c.charCodeAt(0))]
    : [...key, 0, 0, 0, 0, 0, ...new TextEncoder().encode(text)];
  const type = Array.from(latin1 ? 'tEXt' : 'iTXt', (c) => c.charCodeAt(0));
  const chunk = new Uint8Array(12 + body.length);
  const data = new DataView(chunk.buffer);
  data.setUint32(0, body.length);
  chunk.set(type, 4);
  chunk.set(body, 8);
  data.setUint32(8 + body.length, crc32(chunk.subarray(4, 8 + body.length)));
  return chunk;
}

// The canvas as PNG bytes with the alt text in them, after the header chunk (IHDR: 8 + 25 bytes).
export async function pngWithDescription(canvas, text) {
  const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
  const bytes = new Uint8Array(await blob.arrayBuffer());
  const chunk = textChunk('Description', text);
  const out = new Uint8Array(bytes.length + chunk.length);
  out.set(bytes.subarray(0, 33));
  out.set(chunk, 33);
  out.set(bytes.subarray(33), 33 + chunk.length);
  return out;
}

function choice(labels) {
  const select = document.createElement('select');
  for (const [value, label] of labels) select.add(new Option(label, value));
  select.style.font = `12px ${FONT}`;
  return select;
}

// The page's download: the picture's size and scale, and the button; returns the setter of the spec's picture
// (none: no button). map: deckmap.js's map (its root and deck); drawMap as for composePicture.
export function exportControls(map, drawMap) {
  const bar = document.createElement('div');
  bar.className = 'eventmap-map-export';
  bar.style.cssText = 'position:absolute;top:8px;right:8px;z-index:4;display:none;gap:4px;align-items:center;'
    + `background:rgba(255,255,255,0.9);padding:4px;border-radius:4px;font:12px ${FONT}`;
  let scale = null;
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = 'Download this view as an image';
  button.style.font = `12px ${FONT}`;
  let picture = null, size = null;
  button.addEventListener('click', async () => {
    const viewport = map.deck && map.deck.getViewports()[0];
    if (!picture || !viewport) return;
    const started = performance.now();
    const [width, height] = picture.sizes[size.value] || [viewport.width, viewport.height];
    await loadFonts(picture.fonts);
    let canvas = null;
    for (let tries = 0; !canvas && tries < 200; tries++) {  // a file just opened decodes its pictures: 10 s at most
      canvas = composePicture(picture, viewport, width, height, Number(scale.value), drawMap);
      if (!canvas) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    if (!canvas) return;
    const bytes = await pngWithDescription(canvas, picture.alt);
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([bytes], {type: 'image/png'}));
    link.download = `map_${size.value}_${scale.value}x.png`;
    map.root.dataset.pictureMap = JSON.stringify({...canvas.mapBox, ms: Math.round(performance.now() - started)});
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
  });
  map.root.appendChild(bar);
  return (next) => {
    picture = next || null;
    bar.style.display = picture ? 'flex' : 'none';
    if (picture && !size) {
      size = choice(Object.keys(picture.sizes).map((key) => [key, picture.sizeLabels[key] || key]));
      size.setAttribute('aria-label', 'Image size');
      scale = choice(picture.scales.map((each) => [each, `${each}x`]));
      scale.setAttribute('aria-label', 'Image scale');
      bar.append(size, scale, button);
    }
  };
}
