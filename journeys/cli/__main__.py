"""`python -m journeys.cli`: the same as the `journeys` command."""

from . import main

main()
