"""Benchmarks of the summariser: summary quality against human references (`python -m benchmarks.quality`)."""
