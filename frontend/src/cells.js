// The hexagons of a view above the point budget (eventmap.maps.hexes, the spec's PolygonLayer): each row's outline
// ([lon, lat, lon, lat, ...], contract CELL_FIELDS) projected and filled with its count's class on the density
// ramp, a light edge stroked round it, on the map's 2D canvas (deckmap.js calls drawCells in the spec's order).
// H3 cells of one resolution never overlap, so the order they are drawn in changes nothing.
// The hexagons are not picked: the mark at each centre (the markers' layer) carries the tooltip.

// A layer prop as a function of a row, whether pydeck wrote a constant or a field (deckmap.js reads it so too).
function perRow(read) {
  return typeof read === 'function' ? read : () => read;
}

function rgba(colour) {
  const a = colour.length > 3 ? colour[3] : 255;
  return `rgba(${colour[0]},${colour[1]},${colour[2]},${a / 255})`;
}

// A hexagon's corners in pixels, or null when it lies wholly off the map.
function corners(flat, viewport) {
  const points = [];
  let [left, top, right, bottom] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let i = 0; i + 1 < flat.length; i += 2) {
    const [x, y] = viewport.project([flat[i], flat[i + 1]]);
    points.push([x, y]);
    [left, top, right, bottom] = [Math.min(left, x), Math.min(top, y), Math.max(right, x), Math.max(bottom, y)];
  }
  const off = right < 0 || bottom < 0 || left > viewport.width || top > viewport.height;
  return off || points.length < 3 ? null : points;
}

export function drawCells(context, layer, viewport) {
  const [polygon, fill, line] = [layer.getPolygon, layer.getFillColor, layer.getLineColor].map(perRow);
  const width = layer.stroked ? layer.lineWidthMinPixels || 1 : 0;
  context.lineJoin = 'round';
  for (const row of layer.data) {
    const points = corners(polygon(row) || [], viewport);
    if (!points) continue;
    context.beginPath();
    points.forEach(([x, y], i) => (i ? context.lineTo(x, y) : context.moveTo(x, y)));
    context.closePath();
    context.fillStyle = rgba(fill(row) || [0, 0, 0, 0]);
    context.fill();
    if (width) {
      context.lineWidth = width;
      context.strokeStyle = rgba(line(row) || [255, 255, 255]);
      context.stroke();
    }
  }
  return null;
}
