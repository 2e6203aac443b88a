"""This project's own steps, beside the built-in catalogue (wired by conftest.py, as in
any team's repository).
"""
