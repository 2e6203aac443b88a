"""Our own steps, beside the built-in catalogue that the journeys plugin loads by
itself.

pytest-bdd finds steps shared by every feature only through pytest plugins, so each
module of steps/ is listed here; `journeys steps` lists them too.
"""

pytest_plugins = ["steps.shop"]
