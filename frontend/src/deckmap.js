// The Map page's map: one deck.gl instance kept for the life of the page, fed the map spec that
// eventmap.maps.spec.build_deck describes with pydeck (a Streamlit component, eventmap/ui/deckmap.py).
//
// Why not st.pydeck_chart: with no GPU, software WebGL costs every kind of deck.gl layer its program and first
// frames (docs/decisions.md, "A 2D canvas behind deck.gl's view"). Here deck.gl holds the view (pan, zoom, the fit
// the server sends), and every layer of the spec (pictures of BitmapLayer, circles of ScatterplotLayer, names of
// TextLayer) is drawn in the spec's order on one 2D canvas under deck.gl's, after each frame deck.gl draws.
// Markers are at most 2,500 (eventmap.maps.markers.POINT_BUDGET), so the CPU draws them within a frame (a 1M-row
// view pans at 50 frames a second with no GPU), and they are picked by their drawn circles (hitAt), not by a WebGL
// picking pass. It is a software canvas (SOFTWARE_2D), and each picture is decoded once, off the main thread.
//
// What the spec holds and what is read of it is the contract (./contract.js, generated from
// eventmap/maps/contract.py): a layer is read only through its kind's properties, and one it does not list is
// refused rather than silently ignored.
//
// Untrusted text (names, tooltips) reaches the page only as canvas text or innerText, never as HTML.
import {Deck} from '@deck.gl/core';
import {drawCallouts} from './callouts.js';
import {drawCells} from './cells.js';
import {exportControls} from './compose.js';
import {placeNames} from './labels.js';
import {drawTiles, pendingTiles} from './tiles.js';
import {flyTo} from './flyto.js';
import {clickFan, drawFan, foldOnEscape} from './fan.js';
import {drawHatch} from './hatch.js';
import {arabicFont} from './rtl.js';
import {CAMERA, COMMON_PROPS, FIT, LAYERS, LAYER_PROPS, PICKED, PICTURE, SENDS_CAMERA, SHAPES, TOOLTIP, TYPE, VIEW}
  from './contract.js';

const FRAME_MEASURE = 'eventmap frame';  // bench/browser.py FRAME_MEASURE

let pictureScale = null;  // while compose.js draws the map into a picture: that picture's scale
const maps = new WeakMap();  // parent element -> the map drawn in it
const pictures = new Map();  // URL -> {image, tinted, waiting}: each picture fetched once per page
const sprites = new Map();  // a marker's look -> its picture (sprite)
const SPRITES_KEPT = 2000;  // at most about 20 MB of them (a marker is at most 24 px in radius)
// A 2D canvas kept in memory rather than on the GPU. With no GPU, an accelerated canvas uploaded the whole
// 4096 px basemap picture (57 MB of pixels) for every new view: 0.2-0.27 s of a filter change (Chrome trace).
// Here a new view is a copy of the pixels it shows (docs/decisions.md, "A 2D canvas behind deck.gl's view").
const SOFTWARE_2D = {willReadFrequently: true};
const HIGHLIGHT = [0, 0, 128, 128];
const CAMERA_QUIET_MS = 400;  // a camera is sent back once the user has stopped moving the map for this long  // deck.gl's default highlightColor
// deck.gl's tooltip box, which the spec's tooltip style (eventmap.maps.spec.TOOLTIP) then restyles
const TOOLTIP_STYLE = {position: 'absolute', left: '0', top: '0', zIndex: '3', display: 'none', padding: '10px',
                       color: '#a0a7b4', backgroundColor: '#29323c'};

// pydeck writes an accessor as a string: "@@=name", "@@=[lon, lat]" or a quoted constant "@@='meters'".
// The result is a constant or a function of a row; update() reads every layer prop through it once.
function accessor(value) {
  if (typeof value !== 'string' || !value.startsWith('@@=')) return value;
  const expression = value.slice(3).trim();
  if (/^'.*'$/.test(expression)) return expression.slice(1, -1);
  if (/^\[.*\]$/.test(expression)) {
    const fields = expression.slice(1, -1).split(',').map((field) => field.trim());
    return (row) => fields.map((field) => row[field]);
  }
  return (row) => row[expression];
}

// deck.gl's defaults for what the spec does not set: a line 1 metre wide (then clamped to lineWidthMinPixels).
const LINE_WIDTH_M = 1;

// A layer prop (read by accessor) as a function of a row, whether pydeck wrote a constant or a field.
function perRow(read) {
  return typeof read === 'function' ? read : () => read;
}

function rgba(colour, alpha = 255) {
  const a = colour.length > 3 ? colour[3] : alpha;
  return `rgba(${colour[0]},${colour[1]},${colour[2]},${a / 255})`;
}

function picture(url, onLoad) {
  let entry = pictures.get(url);
  if (!entry) {
    entry = {image: null, tinted: new Map(), waiting: new Set()};
    pictures.set(url, entry);
    const settled = () => { entry.waiting.forEach((callback) => callback()); entry.waiting.clear(); };
    // Decoded into a bitmap once, by the browser's workers: an <img> would be decoded again on the main
    // thread when a software canvas first draws it.
    fetch(url).then((response) => {
      if (!response.ok) throw new Error(`${response.status}`);
      return response.blob();
    }).then((blob) => createImageBitmap(blob)).then(
      (bitmap) => { entry.image = bitmap; settled(); },
      () => { entry.failed = true; settled(); });
  }
  if (!entry.image && !entry.failed) entry.waiting.add(onLoad);
  return entry;
}

// A white mask tinted as BitmapLayer's tintColor does (colour times the picture), its alpha kept.
function tinted(entry, colour) {
  const key = colour.join(',');
  if (!entry.tinted.has(key)) {
    const canvas = document.createElement('canvas');
    canvas.width = entry.image.width;
    canvas.height = entry.image.height;
    const context = canvas.getContext('2d', SOFTWARE_2D);
    context.drawImage(entry.image, 0, 0);
    context.globalCompositeOperation = 'multiply';
    context.fillStyle = rgba(colour.slice(0, 3));
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.globalCompositeOperation = 'destination-in';
    context.drawImage(entry.image, 0, 0);
    entry.tinted.set(key, canvas);
  }
  return entry.tinted.get(key);
}

function cleared(canvas, width, height) {
  const ratio = window.devicePixelRatio || 1;
  const w = Math.round(width * ratio), h = Math.round(height * ratio);
  if (canvas.width !== w || canvas.height !== h) { canvas.width = w; canvas.height = h; }
  const context = canvas.getContext('2d', SOFTWARE_2D);
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.clearRect(0, 0, width, height);
  return context;
}

function drawPicture(context, layer, viewport, missing, onLoad) {
  const entry = picture(layer.image, onLoad);
  if (entry.failed) missing.push(layer.image);
  if (!entry.image) return;
  const [west, south, east, north] = layer.bounds;
  const [x0, y0] = viewport.project([west, north]);
  const [x1, y1] = viewport.project([east, south]);
  const look = (drawn) => (layer.tintColor ? tinted(drawn, layer.tintColor) : drawn.image);
  context.drawImage(look(entry), x0, y0, x1 - x0, y1 - y0);
  if (layer.hatchColor) drawHatch(context, entry.image, layer.hatchColor, [x0, y0, x1 - x0, y1 - y0], viewport);
  if (layer.tiles) {
    drawTiles(context, layer.tiles, viewport, {picture, peek: (url) => pictures.get(url), look, missing, onLoad});
  }
  return null;
}

// A size in pixels as ScatterplotLayer works it out at zooms below 12: meters at the point's own latitude
// (Web Mercator's scale there), then clamped to the layer's least pixels.
function pixels(size, units, min = 0, viewport, position) {
  const perUnit = units === 'pixels' ? 1
    : units === 'common' ? viewport.scale
    : viewport.getDistanceScales(position).unitsPerMeter[0] * viewport.scale;
  return Math.max(size * perUnit, min);
}

// ScatterplotLayer's circles, as its shader draws them: the outline centred on the radius, the fill inside it.
// Returns each drawn circle ({x, y, r: its outer radius, row, index}), bottom first, for picking.
// Circles sized in pixels (the markers) are copies of a sprite, at whole device pixels, in their row's shape (a
// polygon of SHAPES within the circle; a circle when the row has none); others are paths.
function drawCircles(context, layer, viewport) {
  const {width, height} = viewport;
  const [position, radius, fill, line] = [layer.getPosition, layer.getRadius ?? 1, layer.getFillColor,
    layer.getLineColor].map(perRow);
  const units = layer.radiusUnits || 'meters', ratio = pictureScale || window.devicePixelRatio || 1;
  const drawn = [];
  for (const row of layer.data) {
    const where = position(row);
    let [x, y] = viewport.project(where);
    const r = pixels(radius(row), units, layer.radiusMinPixels, viewport, where);
    const w = layer.stroked ? pixels(LINE_WIDTH_M, 'meters', layer.lineWidthMinPixels, viewport, where) : 0;
    if (x + r + w < 0 || x - r - w > width || y + r + w < 0 || y - r - w > height) continue;
    const fillStyle = r - w / 2 > 0 ? rgba(fill(row) || [0, 0, 0]) : '';
    const lineStyle = w > 0 ? rgba(line(row) || [0, 0, 0]) : '';
    if (units === 'pixels') {
      const picture = sprite(fillStyle, lineStyle, r, w, ratio, row.shape), size = picture.width / ratio;
      const left = Math.round(x * ratio - picture.width / 2) / ratio, top = Math.round(y * ratio - picture.width / 2) / ratio;
      context.drawImage(picture, left, top, size, size);
      [x, y] = [left + size / 2, top + size / 2];  // where the circle was drawn, within half a pixel
    } else {
      circle(context, x, y, r, w, fillStyle, lineStyle);
    }
    drawn.push({x, y, r: r + w / 2, row, index: drawn.length});
  }
  return drawn;
}

function circle(context, x, y, r, w, fillStyle, lineStyle) {
  if (fillStyle) {
    context.beginPath();
    context.arc(x, y, r - w / 2, 0, 2 * Math.PI);
    context.fillStyle = fillStyle;
    context.fill();
  }
  if (lineStyle) {
    context.beginPath();
    context.arc(x, y, r, 0, 2 * Math.PI);
    context.lineWidth = w;
    context.strokeStyle = lineStyle;
    context.stroke();
  }
}

// A marker's shape (docs/decisions.md, "Shapes as well as colours"): the unit outline scaled to the radius, filled,
// its outline stroked on the same path (round joins: a star's points stay within the circle the map picks by).
function polygon(context, points, r, w, fillStyle, lineStyle) {
  context.beginPath();
  points.forEach(([x, y], i) => (i ? context.lineTo(x * r, y * r) : context.moveTo(x * r, y * r)));
  context.closePath();
  if (fillStyle) { context.fillStyle = fillStyle; context.fill(); }
  if (lineStyle) {
    context.lineWidth = w;
    context.lineJoin = 'round';
    context.strokeStyle = lineStyle;
    context.stroke();
  }
}

// A marker drawn once per page for each look (fill, outline, size, the screen's pixel ratio), then copied: with
// no GPU, stroking 2,400 outlined circles took 30-40 ms of every new view and every pan frame, copies about 8
// (docs/decisions.md, "A 2D canvas behind deck.gl's view"). Copying one picture over another composites as drawing it there would.
function sprite(fillStyle, lineStyle, r, w, ratio, shape) {
  const points = SHAPES[shape] || [];
  const key = `${fillStyle}|${lineStyle}|${r}|${w}|${ratio}|${points.length ? shape : ''}`;
  let picture = sprites.get(key);
  if (!picture) {
    if (sprites.size >= SPRITES_KEPT) sprites.clear();
    picture = document.createElement('canvas');
    picture.width = picture.height = Math.ceil((2 * r + w) * ratio) + 2;
    const context = picture.getContext('2d', SOFTWARE_2D);
    context.setTransform(ratio, 0, 0, ratio, picture.width / 2, picture.width / 2);
    if (points.length) polygon(context, points, r, w, fillStyle, lineStyle);
    else circle(context, 0, 0, r, w, fillStyle, lineStyle);
    sprites.set(key, picture);
  }
  return picture;
}

// Names, placed again for every view (./labels.js) clear of the markers' layer.
function drawNames(context, layer, viewport, missing, onLoad, markers) {
  placeNames(context, layer, viewport, markers);
  return null;
}

const DRAW = {
  BitmapLayer: drawPicture, ScatterplotLayer: drawCircles, TextLayer: drawNames, CalloutLayer: drawCallouts,
  PolygonLayer: drawCells,
};

// The map's layers drawn into another context (compose.js: the view as a picture, at its own size and scale, its
// names in the picture's font); nothing, and how many pictures are still on their way, until every picture is
// decoded (a file just opened).
function drawInto(map, context, viewport, scale, fontFamily) {
  const pending = map.layers.filter((layer) => layer[TYPE] === 'BitmapLayer')
    .map((layer) => picture(layer.image, () => {})).filter((entry) => !entry.image && !entry.failed).length
    + map.layers.filter((layer) => layer.tiles).reduce((n, layer) => n + pendingTiles(layer.tiles, viewport, picture), 0);
  if (pending) return pending;
  pictureScale = scale;
  try {
    for (const layer of map.layers) {
      const drawn = layer[TYPE] === 'TextLayer' ? {...layer, fontFamily} : layer;
      DRAW[layer[TYPE]](context, drawn, viewport, [], () => {}, map.pickable);
    }
  } finally {
    pictureScale = null;
  }
  return 0;
}

// Each redraw is a performance measure (FRAME_MEASURE), which the benchmark reads as a pan or zoom frame's cost.
function drawLayers(map, viewport) {
  const started = performance.now();
  const context = cleared(map.canvas, viewport.width, viewport.height);
  const missing = [];
  for (const layer of map.layers) {
    const drawn = DRAW[layer[TYPE]](context, layer, viewport, missing, map.redraw, map.pickable);
    if (layer === map.pickable) map.drawn = drawn;
  }
  if (map.drawn) map.drawn = drawFan(map, context, map.drawn, sprite);  // a stack's events, fanned out on top
  map.missing.textContent = missing.length ? `Part of the map could not be loaded: ${missing.join(', ')}` : '';
  hover(map);  // the view or the rows changed under the pointer
  performance.clearMeasures(FRAME_MEASURE);
  performance.measure(FRAME_MEASURE, {start: started});
}

// The marker drawn on top at a point of the map (x, y in pixels), as its drawn circle; null if none.
function hitAt(map, x, y) {
  const circles = map.drawn || [];
  if (!(x >= 0 && y >= 0)) return null;  // -1: the pointer is off the map
  for (let i = circles.length - 1; i >= 0; i--) {
    const {x: cx, y: cy, r} = circles[i];
    if ((x - cx) ** 2 + (y - cy) ** 2 <= r * r) return circles[i];
  }
  return null;
}

// What is under the pointer: the marker drawn on top there, highlighted, with its tooltip and a pointer cursor.
// Worked out again after every move and every redraw (a pan, a zoom, new rows from the filters or playback),
// so it never describes a marker that has left the pointer. Nothing while the map is dragged.
function hover(map) {
  const circle = map.dragging ? null : hitAt(map, map.pointer.x, map.pointer.y);
  if (circle !== map.hovered) {
    map.hovered = circle;
    highlight(map, circle);
  }
  map.deckCanvas.style.cursor = cursor(map);  // at once: deck.gl sets it only at its next frame
  showTooltip(map, circle);
}

function cursor(map) {
  return map.dragging ? 'grabbing' : map.hovered ? 'pointer' : 'grab';
}

// deck.gl's default highlight over the visible part of the marker, in its shape: the markers drawn above it cut
// it out.
function highlight(map, circle) {
  const canvas = map.highlight, shown = Boolean(circle && map.pickable.autoHighlight);
  canvas.style.display = shown ? 'block' : 'none';
  if (!shown) return;
  const ratio = window.devicePixelRatio || 1, size = Math.ceil(2 * circle.r) + 2;
  const left = circle.x - size / 2, top = circle.y - size / 2;
  canvas.width = canvas.height = Math.round(size * ratio);
  Object.assign(canvas.style, {left: `${left}px`, top: `${top}px`, width: `${size}px`, height: `${size}px`});
  const context = canvas.getContext('2d');
  context.setTransform(ratio, 0, 0, ratio, -left * ratio, -top * ratio);  // drawn in the map's pixels
  context.fillStyle = rgba(HIGHLIGHT);
  for (const [shape, operation] of [[[circle], 'source-over'],
                                    [map.drawn.slice(circle.index + 1), 'destination-out']]) {
    context.globalCompositeOperation = operation;
    for (const {x, y, r, row} of shape) {
      if ((x - circle.x) ** 2 + (y - circle.y) ** 2 >= (r + circle.r) ** 2) continue;
      const points = SHAPES[row.shape] || [];
      context.beginPath();
      if (points.length) points.forEach(([px, py]) => context.lineTo(x + px * r, y + py * r));
      else context.arc(x, y, r, 0, 2 * Math.PI);
      context.fill();
    }
  }
}

// The marker's title and body beside the pointer, as text, turned to stay inside the map.
function showTooltip(map, circle) {
  const tip = map.tip, row = circle && circle.row;
  const text = row && row.title ? (row.body ? `${row.title}\n${row.body}` : row.title) : '';
  tip.style.display = text ? 'block' : 'none';
  if (!text) return;
  if (map.tipText !== text) { tip.innerText = text; map.tipText = text; }
  const {x, y} = map.pointer, gap = 12;
  const [width, height, w, h] = [map.root.clientWidth, map.root.clientHeight, tip.offsetWidth, tip.offsetHeight];
  const left = x + gap + w <= width ? x + gap : Math.max(0, x - gap - w);
  const top = y + gap + h <= height ? y + gap : Math.max(0, y - gap - h);
  tip.style.transform = `translate(${left}px, ${top}px)`;
}

// The 2D canvas is drawn again only when what it shows changed (the view, its layers or a picture arriving),
// not on every deck.gl frame.
function drawCanvas(map) {
  const viewport = map.deck.getViewports()[0];
  if (!viewport) return;
  const {width, height, longitude, latitude, zoom} = viewport;
  const key = [width, height, longitude, latitude, zoom, window.devicePixelRatio, map.loaded, map.specs].join('|');
  if (key !== map.canvasKey) { drawLayers(map, viewport); map.canvasKey = key; }
}

function canvasIn(root, name) {
  const canvas = document.createElement('canvas');
  canvas.className = name;
  canvas.style.cssText = 'position:absolute;left:0;top:0;width:100%;height:100%';
  root.appendChild(canvas);
  return canvas;
}

function create(parentElement) {
  const root = document.createElement('div');
  root.className = 'eventmap-map';
  root.setAttribute('data-testid', 'eventmapMap');
  root.setAttribute('role', 'region');
  root.setAttribute('aria-label', 'Map: drag to pan, scroll to zoom, hover a marker for its summary');
  root.style.cssText = 'position:relative;width:100%;height:100%;overflow:hidden';
  const map = {root, layers: [], pickable: null, drawn: null, specText: '', specs: 0, fit: null, loaded: 0,
               canvasKey: '', picked: null, hovered: null, pointer: {x: -1, y: -1}, dragging: false};
  map.message = document.createElement('div');  // the spec could not be drawn
  map.missing = document.createElement('div');  // a picture could not be fetched
  for (const note of [map.message, map.missing]) note.style.cssText = 'position:absolute;left:8px;z-index:2';
  map.message.style.top = '8px';
  map.missing.style.bottom = '8px';
  map.canvas = canvasIn(root, 'eventmap-map-layers');
  map.highlight = canvasIn(root, 'eventmap-map-highlight');
  // deck.gl's canvas takes the pointer and draws nothing. Transparent, and its WebGL buffer a few pixels (below),
  // it costs the compositor next to nothing: with no GPU, its full-size empty frames held back the map's
  // (a 1M-row filter change, frame issued -> pixels ready: 0.19 -> 0.10 s;
  // docs/decisions.md, "A 2D canvas behind deck.gl's view").
  const canvas = map.deckCanvas = canvasIn(root, 'eventmap-map-view');
  canvas.style.opacity = '0';
  map.tip = document.createElement('div');
  map.tip.className = 'eventmap-map-tooltip';
  map.tip.setAttribute('role', 'tooltip');
  root.append(map.tip, map.message, map.missing);
  map.showPicture = exportControls(map, (...args) => drawInto(map, ...args));
  for (const element of [map.canvas, map.highlight, map.tip]) element.style.pointerEvents = 'none';
  map.highlight.style.display = 'none';
  Object.assign(map.tip.style, TOOLTIP_STYLE);
  const follow = (event) => {
    const box = root.getBoundingClientRect();
    map.pointer = event.type === 'pointerleave' ? {x: -1, y: -1} : {x: event.clientX - box.left, y: event.clientY - box.top};
    hover(map);
  };
  root.addEventListener('pointermove', follow);
  root.addEventListener('pointerleave', follow);
  foldOnEscape(map);
  parentElement.appendChild(root);
  map.redraw = () => { map.loaded += 1; if (map.deck) map.deck.redraw('a picture arrived'); };
  map.deck = new Deck({
    canvas, controller: true, layers: [], useDevicePixels: 0.01, initialViewState: {longitude: 0, latitude: 0, zoom: 1},
    getCursor: () => cursor(map),
    onDragStart: () => { map.dragging = true; hover(map); },
    onDragEnd: () => { map.dragging = false; hover(map); },
    onClick: ({x, y}) => {
      pick(map, clickFan(map, hitAt(map, x, y)));  // a stack fans out; a fanned event sends its own key
    },
    onAfterRender: () => drawCanvas(map),
    onViewStateChange: ({viewState, interactionState}) => {
      map.viewState = viewState;
      if (Object.values(interactionState || {}).some(Boolean)) whenStill(map);  // a drag, a scroll, a key
    },
  });
  return map;
}

// A camera to the link's precision: [latitude, longitude, zoom].
function linkCamera({latitude, longitude, zoom}) {
  const wrapped = ((longitude + 540) % 360) - 180;  // a pan across the antimeridian: the same place
  return [latitude, wrapped, zoom].map((value, i) => Number(value.toFixed(i < 2 ? 4 : 2)));
}

// The camera a user panned or zoomed to becomes the component's state (CAMERA: [latitude, longitude, zoom], to
// the link's precision), which reruns the page to write it into the URL. Sent once the map has been still for
// CAMERA_QUIET_MS, never while it is dragged: one rerun per move, not one per frame; and only by a map whose
// spec asks for it (SENDS_CAMERA). The rerun sends the same spec, which changes nothing here (update). Only a
// move of the user's (deck.gl's interaction state says so) is sent, and never the camera the server fitted: a
// fitted camera is not written into the URL.
function whenStill(map) {
  clearTimeout(map.stillTimer);
  map.stillTimer = setTimeout(() => {
    if (!map.deck) return;
    if (!map.sendsCamera) return;
    if (map.dragging) { whenStill(map); return; }
    const camera = linkCamera(map.viewState);
    if (camera.join(',') === (map.camera || []).join(',')) return;
    map.camera = camera;
    map.setStateValue(CAMERA, camera);
  }, CAMERA_QUIET_MS);
}

// The key of the marker clicked (null: a click beside the markers) becomes the component's state, which reruns
// the page to show that marker's records; a click that changes nothing reruns nothing.
function pick(map, key) {
  if (key === map.picked) return;
  map.picked = key;
  map.setStateValue(PICKED, key);
}

// A layer of the spec as drawn: only its kind's properties (the contract), each read by accessor. A kind or a
// property the map does not draw is refused, so that the server never sends what is silently left out.
function readLayer(layer) {
  const props = LAYER_PROPS[layer[TYPE]];
  if (!props) throw new Error(`the map cannot draw a layer of type ${layer[TYPE]}`);
  const unknown = Object.keys(layer).filter((key) => !COMMON_PROPS.includes(key) && !props.includes(key));
  if (unknown.length) throw new Error(`the map does not draw ${unknown.join(', ')} of layer ${layer.id}`);
  return Object.fromEntries(Object.entries(layer).map(([key, value]) => [key, accessor(value)]));
}

// A spec's JSON text. The same text again (a rerun that left the map as it was) changes nothing: the layers
// drawn, and picked by their drawn circles, stay.
function update(map, text) {
  if (text === map.specText) return;
  const spec = JSON.parse(text);
  const layers = spec[LAYERS].map(readLayer);
  const pickables = layers.filter((layer) => layer.pickable);
  if (pickables.length > 1 || (pickables.length && pickables[0][TYPE] !== 'ScatterplotLayer')) {
    throw new Error('the map picks the markers of one ScatterplotLayer only');
  }
  const props = {};
  if (spec[FIT] !== map.fit) {  // fit again (the filters changed, "Reset view"); keep the user's pan and zoom otherwise
    props.initialViewState = flyTo({...spec[VIEW]}, spec, map.fit === null);  // flown to if the spec asks
    map.fit = spec[FIT];
    map.camera = linkCamera(spec[VIEW]);  // the server's own camera: not one to send back
    // deck.gl applies an initialViewState only when it differs from the last one it was given: forgotten here, the
    // same view fits again (a second "Reset view").
    map.deck.setProps({initialViewState: null});
  }
  Object.assign(map.tip.style, (spec[TOOLTIP] && spec[TOOLTIP].style) || {});
  map.sendsCamera = spec[SENDS_CAMERA] === true;
  map.layers = layers;
  arabicFont(layers, map.redraw);  // names in Arabic script: their font, and a redraw once it has arrived
  map.showPicture(spec[PICTURE]);
  map.pickable = pickables[0] || null;
  map.drawn = null;
  map.specText = text;
  map.specs += 1;  // drawn again in the frame below (drawCanvas)
  map.deck.setProps(props);  // a new fit, if any: deck.gl takes it at once
  map.deck.redraw('a new spec');  // drawn now, whether or not the view changed
}

export function render({data, parentElement, setStateValue}) {
  let map = maps.get(parentElement);
  if (!map) {
    map = create(parentElement);
    maps.set(parentElement, map);
  }
  map.setStateValue = setStateValue;
  try {
    update(map, new TextDecoder().decode(data));  // the spec's JSON, sent as bytes
    map.message.textContent = '';
  } catch (error) {
    map.message.textContent = `The map could not be drawn: ${error.message}`;
  }
  return () => {  // the map left the page
    maps.delete(parentElement);
    clearTimeout(map.stillTimer);
    map.deck.finalize();
    map.deck = null;  // a picture that arrives later draws nothing
    map.root.remove();
  };
}
