"""The editors' desk: register sources, add, correct, retire and restore events, with a change log and undo.

Pure functions over rows and CSV text, plus eventmap/files.py for the writes; the CLI (commands.py) and the
Editor page (eventmap/ui/editor/) share every operation here, so both apply the same rules.
"""
