"""The built-in step catalogue: every step a feature may use without Python.

Loaded as pytest plugins through the journeys plugin's `pytest_plugins`, so
pytest-bdd finds the steps for any feature; a team adds its own modules
through its conftest.py's `pytest_plugins`, the same way.
"""

BUILTIN_STEP_MODULES = (
    "journeys.steps.persona",
    "journeys.steps.web",
    "journeys.steps.chat",
    "journeys.steps.support",
    "journeys.steps.mail",
    "journeys.steps.phone",
    "journeys.steps.effort",
)
