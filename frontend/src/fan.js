// Stacked events fanned out. A marker that stands for several events (its row's FAN_FIELDS records, sent by
// eventmap.maps.fan) spreads them, on a click, around its place on a small circle: each its own marker in its
// category's colour and shape, joined to the place by a thin line, with its own tooltip, and its own key (its event
// id) sent back (PICKED) when it is clicked. A click anywhere else, Escape, or a new spec folds them back.
//
// deckmap.js calls drawFan after drawing its layers (the fanned markers are appended to its drawn circles, on top:
// they are hit first and highlighted as any marker), clickFan on a click and foldOnEscape once per map.

export const FAN_SIZE_PX = 7;  // a fanned event's radius: a single event's marker (eventmap.maps.markers.radius_px)
export const FAN_GAP_PX = 4;  // between two fanned markers, and between the ring and the stacked marker
const LINE_PX = 1;

// Where n events fan out around a marker of radius r at (x, y): evenly spaced on a circle clear of the marker,
// the first straight above and the next ones clockwise; the circle grows with n so that neighbours never touch.
export function fanPositions(x, y, n, r, size = FAN_SIZE_PX) {
  if (n < 1) return [];
  const chord = 2 * size + FAN_GAP_PX;  // the least distance between two neighbours' centres
  const ring = Math.max(r + size + 2 * FAN_GAP_PX, n > 1 ? chord / (2 * Math.sin(Math.PI / n)) : 0);
  return Array.from({length: n}, (_, i) => {
    const angle = -Math.PI / 2 + (2 * Math.PI * i) / n;
    return [x + ring * Math.cos(angle), y + ring * Math.sin(angle)];
  });
}

function colour(values) {
  const a = values.length > 3 ? values[3] : 255;
  return `rgba(${values[0]},${values[1]},${values[2]},${a / 255})`;
}

function setFan(map, fan) {
  if ((fan && fan.key) === (map.fan && map.fan.key)) return;
  map.fan = fan;
  map.canvasKey = '';  // drawn again at the next frame, though the view has not moved
  if (map.deck) map.deck.redraw('the fan opened or folded');
}

// The fan of the marker clicked last, drawn over the map's markers: the lines from the place's edge to each event,
// then each event's marker, a copy of its sprite (deckmap.js's, passed in) at whole device pixels as the markers
// are. Returns the drawn circles with the fanned ones after them; while its marker is off the map, nothing more.
export function drawFan(map, context, drawn, sprite) {
  const fan = map.fan, layer = map.pickable;
  if (!fan || !layer) return drawn;
  if (fan.specs !== map.specs) { map.fan = null; return drawn; }  // new rows: the stack may be gone
  const centre = drawn.find((circle) => circle.row.key === fan.key);
  if (!centre) return drawn;
  const rows = centre.row.fan, spots = fanPositions(centre.x, centre.y, rows.length, centre.r);
  context.save();
  context.lineWidth = LINE_PX;
  rows.forEach((row, i) => {
    const [x, y] = spots[i], length = Math.hypot(x - centre.x, y - centre.y);
    const [ux, uy] = [(x - centre.x) / length, (y - centre.y) / length];
    context.strokeStyle = colour(row.line);
    context.beginPath();
    context.moveTo(centre.x + ux * centre.r, centre.y + uy * centre.r);
    context.lineTo(x - ux * FAN_SIZE_PX, y - uy * FAN_SIZE_PX);
    context.stroke();
  });
  context.restore();
  const ratio = window.devicePixelRatio || 1, w = layer.lineWidthMinPixels || 1;
  const outline = colour(typeof layer.getLineColor === 'object' ? layer.getLineColor : [255, 255, 255]);
  const fanned = rows.map((row, i) => {
    const picture = sprite(colour(row.fill), outline, FAN_SIZE_PX, w, ratio, row.shape), size = picture.width / ratio;
    const left = Math.round(spots[i][0] * ratio - picture.width / 2) / ratio;
    const top = Math.round(spots[i][1] * ratio - picture.width / 2) / ratio;
    context.drawImage(picture, left, top, size, size);
    return {x: left + size / 2, y: top + size / 2, r: FAN_SIZE_PX + w / 2, row, index: drawn.length + i, fanned: true};
  });
  return drawn.concat(fanned);
}

// What a click does to the fan, and the key it sends back (PICKED). On a fanned event: its own key, the fan stays.
// On a marker that stands for several events: the fan opens around it, and its place's key is sent (the page lists
// all of them, as before there were fans). Anywhere else the fan folds; a marker's key, or null, is sent.
export function clickFan(map, circle) {
  const row = circle && circle.row;
  if (!(circle && circle.fanned)) {
    const opens = row && Array.isArray(row.fan) && row.fan.length > 1;
    setFan(map, opens ? {key: row.key, specs: map.specs} : null);
  }
  return row && row.key !== undefined ? row.key : null;
}

// Escape folds the fan, wherever the keyboard's focus is on the page.
export function foldOnEscape(map) {
  const fold = (event) => {
    if (!map.root.isConnected) { document.removeEventListener('keydown', fold); return; }
    if (event.key === 'Escape' && map.fan) setFan(map, null);
  };
  document.addEventListener('keydown', fold);
}
