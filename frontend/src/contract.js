// Generated from eventmap/maps/contract.py by `python -m eventmap.maps.contract`: do not edit.
export const PICKED = "picked";
export const FIT = "fit";
export const VIEW = "initialViewState";
export const TOOLTIP = "tooltip";
export const LAYERS = "layers";
export const PICTURE = "picture";
export const TYPE = "@@type";
export const COMMON_PROPS = ["@@type", "id", "pickable"];
export const LAYER_PROPS = {"BitmapLayer": ["image", "bounds", "tintColor"], "ScatterplotLayer": ["data", "getPosition", "getRadius", "radiusUnits", "radiusMinPixels", "getFillColor", "getLineColor", "stroked", "lineWidthMinPixels", "autoHighlight"], "TextLayer": ["data", "getPosition", "getText", "getColor", "getSize", "fontWeight", "fontFamily", "outlineWidth", "outlineColor", "getPixelOffset"]};
export const MARKER_FIELDS = ["lon", "lat", "r", "title", "body", "key", "fill"];
