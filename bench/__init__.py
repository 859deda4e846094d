"""The benchmark of the dashboard (against the naive Streamlit + pydeck app and the floor page) and the load
test: `python -m bench`, see bench/README.md. Not part of the `eventmap` package."""
