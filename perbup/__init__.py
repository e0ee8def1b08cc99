"""perbup: village-apparatus data in, a regent's decree draft and per-village letters out."""

__version__ = "0.1.0"
