// The basemap's tiles (eventmap/maps/tiles.py): over the one basemap picture, which is sharp to about zoom 5.5,
// the theatre's tiles of the level that matches the view's zoom, fetched from the app's own server as the user
// zooms (or, in a file that requests nothing, its inlined ones). A tile not yet loaded is drawn from the coarser
// level's tile that holds it, if that one is loaded, and otherwise the picture under it shows: never a blank.
// docs/decisions.md, 'Tiles for the theatre, the picture for the rest'.

// The level drawn at a zoom: the first at or above it, else the finest (eventmap.maps.tiles.level_for).
export function levelFor(tiles, zoom) {
  if (zoom < tiles.from) return null;
  return tiles.levels.find((level) => level >= zoom) ?? tiles.levels[tiles.levels.length - 1];
}

function has(tiles, level, x, y) {
  if (tiles.inline) return `${level}/${x}/${y}` in tiles.inline;
  return (tiles.ranges[level] || []).some(([x0, y0, x1, y1]) => x >= x0 && x <= x1 && y >= y0 && y <= y1);
}

function urlOf(tiles, level, x, y) {
  return tiles.inline ? tiles.inline[`${level}/${x}/${y}`] : `${tiles.url}/${level}/${x}/${y}.png`;
}

function lonOf(x, n) { return x / n * 360 - 180; }
function latOf(y, n) { return Math.atan(Math.sinh(Math.PI * (1 - 2 * y / n))) * 180 / Math.PI; }

// The tiles of a level the viewport shows that the pyramid holds, as [x, y].
function visible(tiles, level, viewport) {
  const n = 2 ** level;
  const [west, south, east, north] = viewport.getBounds();
  const column = (lon) => Math.floor((Math.max(-180, Math.min(180, lon)) + 180) / 360 * n);
  const row = (lat) => {
    const y = Math.log(Math.tan(Math.PI / 4 + Math.max(-85, Math.min(85, lat)) * Math.PI / 360));
    return Math.floor((1 - y / Math.PI) / 2 * n);
  };
  const shown = [];
  for (let x = column(west); x <= column(east); x += 1) {
    for (let y = row(north); y <= row(south); y += 1) {
      if (has(tiles, level, x, y)) shown.push([x, y]);
    }
  }
  return shown;
}

// The tile at (level, x, y) drawn over the viewport's pixels of tile (at, tx, ty), which it holds.
function drawPart(context, viewport, image, tiles, [level, x, y], [at, tx, ty]) {
  const n = 2 ** at, k = 2 ** (at - level), part = tiles.px / k;
  const [x0, y0] = viewport.project([lonOf(tx, n), latOf(ty, n)]);
  const [x1, y1] = viewport.project([lonOf(tx + 1, n), latOf(ty + 1, n)]);
  context.drawImage(image, (tx - x * k) * part, (ty - y * k) * part, part, part, x0, y0, x1 - x0, y1 - y0);
}

// Draws the level's tiles of the view; picture(url, onLoad) is the map's cache of fetched pictures, peek(url) its
// entry if already asked for, look(entry) the picture to draw (tinted as the layer is). Returns how many of the
// level's tiles are still on their way.
export function drawTiles(context, tiles, viewport, {picture, peek, look, missing, onLoad}) {
  const level = levelFor(tiles, viewport.zoom);
  if (level === null) return 0;
  let pending = 0;
  for (const [x, y] of visible(tiles, level, viewport)) {
    const url = urlOf(tiles, level, x, y);
    const entry = picture(url, onLoad);
    if (entry.failed) missing.push(url);
    if (entry.image) {
      drawPart(context, viewport, look(entry), tiles, [level, x, y], [level, x, y]);
      continue;
    }
    pending += entry.failed ? 0 : 1;
    const coarser = tiles.levels.filter((l) => l < level).reverse().map((l) => [l, x >> (level - l), y >> (level - l)])
      .find(([l, cx, cy]) => has(tiles, l, cx, cy) && (peek(urlOf(tiles, l, cx, cy)) || {}).image);
    if (coarser) drawPart(context, viewport, look(peek(urlOf(tiles, ...coarser))), tiles, coarser, [level, x, y]);
  }
  return pending;
}

// Asks for the level's tiles of the view; returns how many are still on their way (a picture waits for them).
export function pendingTiles(tiles, viewport, picture) {
  const level = levelFor(tiles, viewport.zoom);
  if (level === null) return 0;
  return visible(tiles, level, viewport).map(([x, y]) => picture(urlOf(tiles, level, x, y), () => {}))
    .filter((entry) => !entry.image && !entry.failed).length;
}
