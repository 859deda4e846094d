// A briefing step's callouts beyond notes: arrows from one place to another and circles of some kilometres round a
// place (eventmap/callouts.py), drawn on the map's 2D canvas by deckmap.js, under the names (the spec puts their
// layer below the names layer), so that a callout never hides a name. Rows are read by the contract's field names
// (CALLOUT_FIELDS, from eventmap/maps/contract.py).
import {CALLOUT_FIELDS} from './contract.js';

const HEAD_PX = 4;  // the arrow's head is this many line widths long
const CLEAR_PX = 10;  // the arrow stops short of its places by this much: their markers stay visible

function rgba(colour) {
  const a = colour.length > 3 ? colour[3] / 255 : 1;
  return `rgba(${colour[0]},${colour[1]},${colour[2]},${a})`;
}

function arrow(context, [x0, y0], [x1, y1], width) {
  const length = Math.hypot(x1 - x0, y1 - y0);
  if (length < 2 * CLEAR_PX + 1) return;
  const [ux, uy] = [(x1 - x0) / length, (y1 - y0) / length];
  const [sx, sy] = [x0 + ux * CLEAR_PX, y0 + uy * CLEAR_PX];  // start and tip, clear of the places' markers
  const [tx, ty] = [x1 - ux * CLEAR_PX, y1 - uy * CLEAR_PX];
  const head = Math.min(HEAD_PX * width, (length - 2 * CLEAR_PX) / 2);
  const [bx, by] = [tx - ux * head, ty - uy * head];  // the head's base, where the shaft ends
  context.beginPath();
  context.moveTo(sx, sy);
  context.lineTo(bx, by);
  context.stroke();
  context.beginPath();
  context.moveTo(tx, ty);
  context.lineTo(bx - uy * head * 0.6, by + ux * head * 0.6);
  context.lineTo(bx + uy * head * 0.6, by - ux * head * 0.6);
  context.closePath();
  context.fill();
}

// A radius in metres as pixels at the circle's own latitude (Web Mercator's scale there), as the map's areas are.
function ring(context, viewport, where, metres) {
  const [x, y] = viewport.project(where);
  const r = metres * viewport.getDistanceScales(where).unitsPerMeter[0] * viewport.scale;
  if (!(r > 0)) return;
  context.beginPath();
  context.arc(x, y, r, 0, 2 * Math.PI);
  context.stroke();
}

export function drawCallouts(context, layer, viewport) {
  const colour = rgba(layer.getColor || [0, 0, 0]);
  const width = layer.widthPixels || 3;
  context.save();
  Object.assign(context, {strokeStyle: colour, fillStyle: colour, lineWidth: width, lineCap: 'round',
                          lineJoin: 'round'});
  for (const row of layer.data) {
    const [kind, lon, lat, lon2, lat2, radius] = CALLOUT_FIELDS.map((field) => row[field]);
    if (kind === 'arrow') arrow(context, viewport.project([lon, lat]), viewport.project([lon2, lat2]), width);
    else if (kind === 'circle') ring(context, viewport, [lon, lat], radius);
  }
  context.restore();
  return null;
}
