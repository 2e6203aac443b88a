"""The files a customer attaches (a photo of the damage), kept beside the features in `features/files/`."""

from __future__ import annotations

from pathlib import Path

from ..errors import FeatureError

FILES_FOLDER = "files"


def candidates(features_dir: Path, name: str) -> list[Path]:
    """Where `name` may be: features/files/<name>, or <name> relative to the features folder."""
    return [features_dir / FILES_FOLDER / name, features_dir / name]


def feature_file(features_dir: Path, name: str) -> Path:
    """The file `name` names, found under the features folder; a missing one is a feature error naming where it looked."""
    for path in candidates(features_dir, name):
        if path.is_file():
            return path
    raise FeatureError(
        f'"{name}"', f"is not a file in {features_dir / FILES_FOLDER}", f"put the file there, e.g. {features_dir / FILES_FOLDER / name}"
    )
