"""The files a customer attaches (a photo of the damage), kept beside the features in
`features/files/`.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import FeatureError

FILES_FOLDER = "files"


def candidates(features_dir: Path, name: str) -> list[Path]:
    """Where `name` may be: features/files/<name>, or <name> relative to the features
    folder.
    """
    return [features_dir / FILES_FOLDER / name, features_dir / name]


def usable(features_dir: Path, path: Path) -> bool:
    """Whether `path` is a regular file that really lies inside the features folder (its
    files/ folder or beside it).

    A name with "..", an absolute path, or a symlink leading out of the folder would
    send the site a file of the machine the walk runs on: never uploaded.
    """
    try:
        real, folder = path.resolve(strict=True), features_dir.resolve(strict=True)
    except (OSError, RuntimeError):
        return False
    return real.is_file() and folder in real.parents


def feature_file(features_dir: Path, name: str) -> Path:
    """The file `name` names, found under the features folder; a missing one is a
    feature error naming where it looked.
    """
    for path in candidates(features_dir, name):
        if usable(features_dir, path):
            return path
    raise FeatureError(
        f'"{name}"',
        f"is not a file in {features_dir / FILES_FOLDER}",
        f"put the file there, e.g. {features_dir / FILES_FOLDER / name}",
    )
