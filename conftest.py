"""This project's own steps, beside the built-in catalogue that the journeys plugin
loads.

pytest-bdd finds shared steps through plugins, so a team lists its step modules here, as
pytest plugins, never imports them by name.
"""

pytest_plugins = ["steps.stride"]
