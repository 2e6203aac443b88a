"""The walk's run: the pytest plugin's fixtures, each journey assembled and walked, its
deadlines, traces and progress, the run's results, shards and merge.
"""
