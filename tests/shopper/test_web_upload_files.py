"""An upload takes only a regular file inside the features folder: never a path or a
symlink leading out of it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from journeys.errors import FeatureError
from journeys.shopper.attachments import feature_file


@pytest.fixture
def features(tmp_path: Path) -> Path:
    (tmp_path / "secret.txt").write_text("not the customer's", encoding="utf-8")
    files = tmp_path / "features" / "files"
    files.mkdir(parents=True)
    (files / "photo.png").write_bytes(b"\x89PNG")
    (files / "inside.png").symlink_to(files / "photo.png")
    (files / "outside.txt").symlink_to(tmp_path / "secret.txt")
    (files / "folder").mkdir()
    return tmp_path / "features"


@pytest.mark.parametrize("name", ["photo.png", "inside.png"])
def test_a_file_in_the_files_folder_is_uploaded(features, name):
    assert feature_file(features, name).name == name


@pytest.mark.parametrize(
    "name",
    ["outside.txt", "../secret.txt", "../../secret.txt", "/etc/passwd", "folder"],
)
def test_a_path_or_symlink_leading_out_is_refused(features, name):
    with pytest.raises(FeatureError, match="is not a file in"):
        feature_file(features, name)
