#!/usr/bin/env bash
# Build static/deckmap.js, the app's map (a Streamlit component, eventmap/ui/deckmap.py), from frontend/ with the
# exact packages of frontend/package-lock.json (deck.gl and esbuild from the npm registry). The built file is
# committed, so the app never needs this step; tests/test_deckmap_bundle.py checks that it is what this builds.
# frontend/src/contract.js, the names the map shares with Python, is written first from eventmap/maps/contract.py
# (tests/maps/test_contract.py checks that it is current). Then the picture's font, Noto Sans, is copied to
# static/fonts/ from @fontsource/noto-sans, and as TrueType to static/fonts/pdf/ for the PDFs; the names' Arabic
# font from @fontsource/noto-sans-arabic.
set -euo pipefail
cd "$(dirname "$0")/.."
"${PYTHON:-.venv/bin/python}" -m eventmap.maps.contract > frontend/src/contract.js
cd frontend
npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
npm run --silent build
# The picture's font (frontend/src/compose.js, eventmap/maps/picture.py FONTS), served and inlined from static/.
mkdir -p ../static/fonts
for weight in 400 600 700; do
  cp "node_modules/@fontsource/noto-sans/files/noto-sans-latin-$weight-normal.woff2" ../static/fonts/
done
cp node_modules/@fontsource/noto-sans/LICENSE ../static/fonts/OFL.txt
# The map's names in Arabic script (frontend/src/rtl.js, eventmap/maps/rtl.py FONT), from @fontsource/noto-sans-arabic.
cp node_modules/@fontsource/noto-sans-arabic/files/noto-sans-arabic-arabic-600-normal.woff2 ../static/fonts/
cp node_modules/@fontsource/noto-sans-arabic/LICENSE ../static/fonts/OFL-noto-sans-arabic.txt
# The PDFs' fonts (eventmap/pdftext.py): the same family as TrueType, which fpdf2 embeds.
cd .. && "${PYTHON:-.venv/bin/python}" scripts/build_pdf_fonts.py
