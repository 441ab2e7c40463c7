"""Run the resolu command: python -m resolu.search."""

from ._entry import main

main()
