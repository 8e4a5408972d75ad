"""Benchmarks: ``python -m evals.bench.load_bench`` (or ``make bench``)."""
