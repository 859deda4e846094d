// A country an event is placed to only: its mask picture (a faint fill and an outline, tinted by deckmap.js) is
// crossed by a hatch of thin lines drawn here, at a fixed spacing on the screen, so that they stay sharp and
// sparse at every zoom and the basemap shows between them (docs/decisions.md, "A country hatched, not tinted").
// The lines move with the map: they are anchored to the picture's corner.

export const HATCH_SPACING_PX = 8;  // between two lines, across them
const LINE_PX = 1;
const shapes = new WeakMap();  // a mask's picture -> its shape: opaque wherever the mask is not transparent
let layer = null;  // the hatch of the country being drawn, reused: one canvas the size of the map

function shapeOf(image) {
  let shape = shapes.get(image);
  if (!shape) {
    shape = document.createElement('canvas');
    shape.width = image.width;
    shape.height = image.height;
    const context = shape.getContext('2d', {willReadFrequently: true});
    context.drawImage(image, 0, 0);
    const pixels = context.getImageData(0, 0, shape.width, shape.height);
    for (let i = 3; i < pixels.data.length; i += 4) pixels.data[i] = pixels.data[i] ? 255 : 0;
    context.putImageData(pixels, 0, 0);
    shapes.set(image, shape);
  }
  return shape;
}

// The hatch of a mask picture drawn between x, y and x + width, y + height (map pixels), in colour ([r, g, b, a]),
// over the part of the map (viewport's width and height) it covers.
export function drawHatch(context, image, colour, [x, y, width, height], {width: mapWidth, height: mapHeight}) {
  const left = Math.max(0, Math.floor(x)), top = Math.max(0, Math.floor(y));
  const right = Math.min(mapWidth, Math.ceil(x + width)), bottom = Math.min(mapHeight, Math.ceil(y + height));
  if (right <= left || bottom <= top) return;
  const ratio = context.getTransform().a;  // device pixels a map pixel: the page's, or a picture's (compose.js)
  layer = layer || document.createElement('canvas');
  layer.width = Math.round((right - left) * ratio);
  layer.height = Math.round((bottom - top) * ratio);
  const hatch = layer.getContext('2d', {willReadFrequently: true});
  hatch.setTransform(ratio, 0, 0, ratio, -left * ratio, -top * ratio);
  hatch.strokeStyle = `rgba(${colour[0]},${colour[1]},${colour[2]},${(colour[3] ?? 255) / 255})`;
  hatch.lineWidth = LINE_PX;
  hatch.beginPath();
  const step = HATCH_SPACING_PX * Math.SQRT2;  // lines x + y = c, rising to the right, c a step apart
  for (let c = x + y + Math.ceil((left + top - x - y) / step) * step; c <= right + bottom; c += step) {
    hatch.moveTo(c - bottom, bottom);
    hatch.lineTo(c - top, top);
  }
  hatch.stroke();
  hatch.globalCompositeOperation = 'destination-in';
  hatch.drawImage(shapeOf(image), x, y, width, height);
  context.drawImage(layer, left, top, right - left, bottom - top);
}
