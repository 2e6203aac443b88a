"""The step catalogue, available to every feature in features/ (pytest-bdd needs plugins, not imports)."""

pytest_plugins = [
    "steps.persona",
    "steps.web",
    "steps.chat",
    "steps.support",
    "steps.effort",
]
