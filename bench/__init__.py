"""The benchmark of the dashboard against its targets and the floor page, and the load test: `python -m bench`,
see bench/README.md. Not part of the `eventmap` package."""
