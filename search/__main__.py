"""Run the resolu command: python -m resolu.search."""

from .cli import main

main()
