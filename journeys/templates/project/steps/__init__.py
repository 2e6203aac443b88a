"""Our own steps, in our customers' words (wired by conftest.py)."""
