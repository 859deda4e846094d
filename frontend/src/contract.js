// Generated from eventmap/maps/contract.py by `python -m eventmap.maps.contract`: do not edit.
export const PICKED = "picked";
export const CAMERA = "camera";
export const FIT = "fit";
export const VIEW = "initialViewState";
export const TOOLTIP = "tooltip";
export const LAYERS = "layers";
export const PICTURE = "picture";
export const SENDS_CAMERA = "sendsCamera";
export const TYPE = "@@type";
export const COMMON_PROPS = ["@@type", "id", "pickable"];
export const LAYER_PROPS = {"BitmapLayer": ["image", "bounds", "tintColor"], "ScatterplotLayer": ["data", "getPosition", "getRadius", "radiusUnits", "radiusMinPixels", "getFillColor", "getLineColor", "stroked", "lineWidthMinPixels", "autoHighlight"], "TextLayer": ["data", "getPosition", "getText", "getColor", "getSize", "fontWeight", "fontFamily", "outlineWidth", "outlineColor", "getPixelOffset"], "PolygonLayer": ["data", "getPolygon", "getFillColor", "getLineColor", "stroked", "lineWidthMinPixels"]};
export const MARKER_FIELDS = ["lon", "lat", "r", "title", "body", "key", "fill", "shape"];
export const SHAPES = {"circle": [], "triangle": [[0.0, -1.0], [0.866, 0.5], [-0.866, 0.5]], "triangle down": [[0.0, 1.0], [-0.866, -0.5], [0.866, -0.5]], "diamond": [[0.0, -1.0], [1.0, 0.0], [0.0, 1.0], [-1.0, 0.0]], "square": [[-0.707, -0.707], [0.707, -0.707], [0.707, 0.707], [-0.707, 0.707]], "star": [[0.0, -1.0], [0.265, -0.364], [0.951, -0.309], [0.428, 0.139], [0.588, 0.809], [0.0, 0.45], [-0.588, 0.809], [-0.428, 0.139], [-0.951, -0.309], [-0.265, -0.364]], "plus": [[0.32, -0.947], [0.32, -0.32], [0.947, -0.32], [0.947, 0.32], [0.32, 0.32], [0.32, 0.947], [-0.32, 0.947], [-0.32, 0.32], [-0.947, 0.32], [-0.947, -0.32], [-0.32, -0.32], [-0.32, -0.947]], "cross": [[0.896, -0.444], [0.453, -0.0], [0.896, 0.444], [0.444, 0.896], [0.0, 0.453], [-0.444, 0.896], [-0.896, 0.444], [-0.453, 0.0], [-0.896, -0.444], [-0.444, -0.896], [-0.0, -0.453], [0.444, -0.896]]};
export const CELL_FIELDS = ["poly", "fill"];
