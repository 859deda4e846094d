"""The map: events as markers (markers, grid), the names placed on it (names), the camera it opens on (camera),
the basemap's pictures (pictures, raster) and the spec the browser draws (spec), whose names and fields are
agreed with the browser's code in one place (contract).

spec assembles the others; none of them imports spec, and each reaches only the leaves (contract, raster, grid,
eventmap.geocode), so a reader follows one level, not a tower.
"""
