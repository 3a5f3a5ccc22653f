"""Safar's benchmarks: `python -m bench NAME [ARGS]` prints `key=value` lines.

A benchmark is a module `bench/<name>.py` with a function `run(argv) -> dict`;
it is found by its file name (see registry.py), so new benchmarks (pageweight,
xapi, certificates...) plug in by adding a file.
"""
