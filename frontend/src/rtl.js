// Names in Arabic script (the layer eventmap.maps.rtl sends when a user asks for them), drawn in the shipped Noto
// Sans Arabic. The canvas shapes Arabic and lays it out right to left itself (deck.gl's TextLayer does not,
// visgl/deck.gl#7448). The font (the layer's fontUrl, for the first family of its fontFamily) is declared when a
// spec first holds such a layer, for the Arabic script's code points only, so that the browser fetches it only
// when a name in that script is drawn; until it has arrived the canvas draws a fallback font, and the map is drawn
// again once it has (the page's fonts finished loading).

const ARABIC_RANGE = 'U+0600-06FF, U+0750-077F, U+0870-08FF, U+FB50-FDFF, U+FE70-FEFF';
const declared = new Set();  // font URLs declared on this page
const waiting = new WeakSet();  // maps drawn again when fonts arrive

export function arabicFont(layers, redraw) {
  if (typeof FontFace === 'undefined' || !document.fonts) return;
  for (const layer of layers) {
    if (!layer.fontUrl || !layer.fontFamily) continue;
    if (!declared.has(layer.fontUrl)) {
      declared.add(layer.fontUrl);
      const family = layer.fontFamily.split(',')[0].trim().replace(/^['"]|['"]$/g, '');
      const url = new URL(layer.fontUrl, document.baseURI).href;
      document.fonts.add(new FontFace(family, `url(${url})`, {weight: String(layer.fontWeight || 'normal'),
                                                              unicodeRange: ARABIC_RANGE}));
    }
    if (!waiting.has(redraw)) {
      waiting.add(redraw);
      document.fonts.addEventListener('loadingdone', () => redraw());
    }
  }
}
