// Names placed on every frame: the server sends the candidates once per spec (eventmap/maps/names.py, which
// describes the rules; their numbers are contract.js's NAME_POSITIONS and NAME_RULES), and each pan or zoom
// places them again here, most important first, so that a zoom reveals names that had no room and thins them
// again when it zooms out (docs/decisions.md, "Names placed in the browser").
//
// A name is canvas text, never HTML.
import {NAME_POSITIONS, NAME_RULES} from './contract.js';

const CELL_PX = 64;  // the grid that finds what a name's box may touch without testing every box and marker
const widths = new Map();  // font and text -> width in pixels: measured once, not on every frame
const WIDTHS_KEPT = 5000;
const ordered = new WeakMap();  // a layer's rows -> those rows, most important first
const DIAGONAL = Math.SQRT1_2;
// Each placing is a performance measure of this name (the last one kept: a PerformanceObserver sees them all), so
// the benchmark and a profile read a pan or zoom frame's cost of names without instrumenting the page.
export const MEASURE = 'eventmap names placed';

function value(read, row) {
  return typeof read === 'function' ? read(row) : read;
}

function measured(context, text) {
  const key = `${context.font}|${text}`;
  let width = widths.get(key);
  if (width === undefined) {
    if (widths.size >= WIDTHS_KEPT) widths.clear();
    width = context.measureText(text).width;
    widths.set(key, width);
  }
  return width;
}

function byPriority(rows) {
  let sorted = ordered.get(rows);
  if (!sorted) {
    sorted = [...rows].sort((a, b) => (b.priority || 0) - (a.priority || 0));
    ordered.set(rows, sorted);
  }
  return sorted;
}

// Boxes (placed names) and circles (markers) by the grid cells they reach.
class Grid {
  constructor() { this.cells = new Map(); }

  add(item, x0, y0, x1, y1) {
    for (let i = Math.floor(x0 / CELL_PX); i <= Math.floor(x1 / CELL_PX); i++) {
      for (let j = Math.floor(y0 / CELL_PX); j <= Math.floor(y1 / CELL_PX); j++) {
        const key = i * 65536 + j;
        const cell = this.cells.get(key);
        if (cell) cell.push(item); else this.cells.set(key, [item]);
      }
    }
  }

  // Whether a box touches a placed name's box (widened by the gap) or a marker's circle.
  hits(x0, y0, x1, y1) {
    for (let i = Math.floor(x0 / CELL_PX); i <= Math.floor(x1 / CELL_PX); i++) {
      for (let j = Math.floor(y0 / CELL_PX); j <= Math.floor(y1 / CELL_PX); j++) {
        for (const item of this.cells.get(i * 65536 + j) || []) {
          if (item.r !== undefined) {
            const dx = Math.max(x0 - item.x, 0, item.x - x1), dy = Math.max(y0 - item.y, 0, item.y - y1);
            if (dx * dx + dy * dy < item.r * item.r) return true;
          } else if (x0 < item.x1 && x1 > item.x0 && y0 < item.y1 && y1 > item.y0) {
            return true;
          }
        }
      }
    }
    return false;
  }
}

// The box of a name w x h beside a point, `distance` from it in direction (ux, uy): its near side or corner there.
function besideBox(x, y, ux, uy, distance, w, h) {
  const reach = ux && uy ? distance * DIAGONAL : distance;
  const ax = x + ux * reach, ay = y + uy * reach;
  const x0 = ux > 0 ? ax : ux < 0 ? ax - w : ax - w / 2;
  const y0 = uy > 0 ? ay : uy < 0 ? ay - h : ay - h / 2;
  return {x0, y0, x1: x0 + w, y1: y0 + h, ax, ay};
}

function fits(box, grid, width, height) {
  const edge = NAME_RULES.edgePx;
  return box.x0 >= edge && box.y0 >= edge && box.x1 <= width - edge && box.y1 <= height - edge
    && !grid.hits(box.x0, box.y0, box.x1, box.y1);
}

// Where a name goes: beside its marker (the positions in order, then on a leader line), or centred on its point
// moved by its offset; null when nothing fits.
function spot(row, x, y, w, h, grid, width, height) {
  if (!(row.r > 0)) {
    const [dx, dy] = row.offset || [0, 0];
    const box = {x0: x + dx - w / 2, y0: y + dy - h / 2, x1: x + dx + w / 2, y1: y + dy + h / 2};
    return fits(box, grid, width, height) ? box : null;
  }
  for (const leader of [0, NAME_RULES.leaderPx]) {
    for (const [ux, uy] of NAME_POSITIONS) {
      const box = besideBox(x, y, ux, uy, row.r + NAME_RULES.clearancePx + leader, w, h);
      if (fits(box, grid, width, height)) {
        if (leader) {
          const edge = ux && uy ? row.r * DIAGONAL : row.r;
          box.leader = [x + ux * edge, y + uy * edge, box.ax, box.ay];
        }
        return box;
      }
    }
  }
  return null;
}

function markerGrid(markers, viewport, grid) {
  if (!markers) return;
  const {width, height} = viewport;
  for (const row of markers.data) {
    const [x, y] = viewport.project(value(markers.getPosition, row));
    const r = (Number(value(markers.getRadius, row)) || 0) + 1;  // its outline, half outside the radius
    if (x + r < 0 || x - r > width || y + r < 0 || y - r > height) continue;
    grid.add({x, y, r}, x - r, y - r, x + r, y + r);
  }
}

// What the page lays over the map's canvas (compose.js's download bar): no name goes under it. None for a canvas
// that is not on the page (the view drawn into a picture).
const OVER_THE_MAP = ':scope > .eventmap-map-export';

function coverGrid(canvas, grid) {
  const root = canvas && canvas.parentElement;
  if (!root || !root.querySelectorAll) return;
  const frame = canvas.getBoundingClientRect();
  for (const element of root.querySelectorAll(OVER_THE_MAP)) {
    const box = element.getBoundingClientRect();
    if (!box.width || !box.height) continue;
    const x0 = box.left - frame.left, y0 = box.top - frame.top, x1 = x0 + box.width, y1 = y0 + box.height;
    grid.add({x0, y0, x1, y1}, x0, y0, x1, y1);
  }
}

function hiddenText(count) {
  return `${count.toLocaleString('en')} ${count === 1 ? 'name' : 'names'} hidden`;
}

// The names of a TextLayer placed for this viewport and drawn: the layer's font, each name's colour over a halo.
// markers: the markers' layer, which no name covers. Returns how many names of places with events are hidden.
export function placeNames(context, layer, viewport, markers) {
  const started = performance.now();
  const {width, height, zoom} = viewport;
  const size = value(layer.getSize, null) || NAME_RULES.sizePx, h = size + 2, gap = NAME_RULES.gapPx;
  context.font = `${layer.fontWeight || 'normal'} ${size}px ${layer.fontFamily || 'sans-serif'}`;
  const grid = new Grid();
  markerGrid(markers, viewport, grid);
  coverGrid(context.canvas, grid);
  const noteWidth = measured(context, hiddenText(999));  // the corner the count of hidden names is written in
  grid.add({x0: width - noteWidth - 12, y0: height - h - 8, x1: width, y1: height},
           width - noteWidth - 12, height - h - 8, width, height);
  const placed = [];
  let hidden = 0, hiddenColour = null;
  for (const row of byPriority(layer.data)) {
    if ((row.zoom || 0) > zoom + NAME_RULES.zoomSlack) continue;
    const [x, y] = viewport.project(value(layer.getPosition, row));
    if (x < -width || x > 2 * width || y < -height || y > 2 * height) continue;
    const text = String(value(layer.getText, row));
    const box = spot(row, x, y, measured(context, text), h, grid, width, height);
    if (!box) {
      if (row.r > 0 && x >= 0 && x <= width && y >= 0 && y <= height) {
        hidden += 1;
        hiddenColour = value(layer.getColor, row);
      }
      continue;
    }
    const near = {x0: box.x0 - gap, y0: box.y0 - gap, x1: box.x1 + gap, y1: box.y1 + gap};
    grid.add(near, near.x0, near.y0, near.x1, near.y1);
    placed.push({box, text, colour: value(layer.getColor, row) || [0, 0, 0]});
  }
  drawPlaced(context, layer, placed);
  if (hidden) drawNote(context, layer, hiddenText(hidden), hiddenColour || [0, 0, 0], width - 8, height - 8 - h / 2);
  performance.clearMeasures(MEASURE);
  performance.measure(MEASURE, {start: started, detail: {names: placed.length, hidden}});
  return hidden;
}

function rgba(colour, alpha = 255) {
  const a = colour.length > 3 ? colour[3] : alpha;
  return `rgba(${colour[0]},${colour[1]},${colour[2]},${a / 255})`;
}

function drawPlaced(context, layer, placed) {
  context.lineWidth = 1;
  for (const {box, colour} of placed) {
    if (!box.leader) continue;
    const [x0, y0, x1, y1] = box.leader;
    context.strokeStyle = rgba(colour, 180);
    context.beginPath();
    context.moveTo(x0, y0);
    context.lineTo(x1, y1);
    context.stroke();
  }
  context.textAlign = 'center';
  context.textBaseline = 'middle';
  context.lineJoin = 'round';
  context.lineWidth = layer.outlineWidth || 0;
  context.strokeStyle = rgba(layer.outlineColor || [255, 255, 255]);
  for (const {box, text, colour} of placed) {
    const x = (box.x0 + box.x1) / 2, y = (box.y0 + box.y1) / 2;
    if (context.lineWidth) context.strokeText(text, x, y);
    context.fillStyle = rgba(colour);
    context.fillText(text, x, y);
  }
}

// The count of hidden names, in a place name's colour, in the map's bottom right corner (kept free of names).
function drawNote(context, layer, text, colour, x, y) {
  context.textAlign = 'right';
  context.textBaseline = 'middle';
  context.lineWidth = layer.outlineWidth || 0;
  context.strokeStyle = rgba(layer.outlineColor || [255, 255, 255]);
  if (context.lineWidth) context.strokeText(text, x, y);
  context.fillStyle = rgba(colour);
  context.fillText(text, x, y);
}
