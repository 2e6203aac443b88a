# The features here are walked by tests/sites/test_realworld.py against the test site,
# from a project folder of their own; the repository's own test run must not collect
# them against the demo shop.
collect_ignore = ["features"]
