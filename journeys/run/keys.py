"""What the walk keeps on pytest's config and items, shared by the plugin's parts."""

from __future__ import annotations

import pytest

from journeys.project.sections import Project
from journeys.run.journey import Journey
from journeys.run.results import RunClock
from journeys.run.target import Target

from ..effort.result import JourneyResult

PROJECT_KEY = pytest.StashKey[Project]()
CLOCK_KEY = pytest.StashKey[RunClock]()
TARGET_KEY = pytest.StashKey[
    Target
]()  # a target opened by whoever started pytest (the CLI), shared by all workers
JOURNEY_KEY = pytest.StashKey[Journey]()
RECORD_ERROR_KEY = pytest.StashKey[str]()
RESULTS_KEY = pytest.StashKey[
    list[JourneyResult]
]()  # read back once, when the run ends
