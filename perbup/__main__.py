"""Allows `python -m perbup`."""

from perbup.cli import main

main()
