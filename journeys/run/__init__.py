"""The walk's run: what the pytest plugin does at each moment of a walk, each journey assembled and walked, its deadlines, traces and progress, the run's results, shards and merge."""
