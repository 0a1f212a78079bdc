"""Benchmarks of the site build (not tests): `python -m bench.synthetic` and `python -m bench.run`."""
