// Names in Arabic script (the layer eventmap.maps.rtl sends when a user asks for them), drawn in the shipped Noto
// Sans Arabic. The canvas shapes Arabic and lays it out right to left itself (deck.gl's TextLayer does not,
// visgl/deck.gl#7448). The font is declared once per page for the Arabic script's code points only, so the browser
// fetches it only when a name in that script is drawn; until it has arrived the canvas draws a fallback font, and
// the map is drawn again once it has (a page's fonts finished loading).

export const ARABIC_FAMILY = 'Eventmap Noto Sans Arabic';  // eventmap.maps.rtl.FONT_FAMILY
export const ARABIC_FONT = 'app/static/fonts/noto-sans-arabic-arabic-600-normal.woff2';  // eventmap.maps.rtl.FONT
const ARABIC_RANGE = 'U+0600-06FF, U+0750-077F, U+0870-08FF, U+FB50-FDFF, U+FE70-FEFF';
let declared = false;

export function arabicFont(redraw) {
  if (typeof FontFace === 'undefined' || !document.fonts) return;
  if (!declared) {
    declared = true;
    const url = new URL(ARABIC_FONT, document.baseURI).href;
    document.fonts.add(new FontFace(ARABIC_FAMILY, `url(${url})`, {weight: '600', unicodeRange: ARABIC_RANGE}));
  }
  document.fonts.addEventListener('loadingdone', () => redraw());
}
