"""A community's content file, and a kiosk's config with that content in place of its own.

The content file is the content part of the staff YAML alone (kiosk.config.content_keys): the
centre checks it before publishing, a kiosk checks it again before using it, and both use the
same validator as the kiosk's own file, so an error reads FILE:LINE: key: message everywhere.
Files it names (notice images, the calendar file) stand beside it, under their plain names.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path, PurePosixPath

from kiosk.config.content_keys import CONTENT_FILE, plain_name
from kiosk.config.errors import ConfigError, ConfigInvalid
from kiosk.config.loader import load_config, referenced_files
from kiosk.config.model import KioskConfig
from kiosk.config.textfile import read_config_text

__all__ = ["CONTENT_FILE", "attached_files", "load_content", "with_content"]


def load_content(path: Path, *, text: str | None = None) -> KioskConfig:
    """The content at `path` as a whole config whose device settings are the defaults (only its
    `content` and `languages` are meant to be used). Raises ConfigUnreadable or ConfigInvalid,
    device settings in the file included."""
    if text is None:
        text = read_config_text(path)
    return load_config(path, text=text, content_only=True)


def with_content(device: KioskConfig, content: KioskConfig) -> KioskConfig:
    """`device`'s settings with `content`'s community texts, notices, activities, Red Post,
    categories and languages; the kiosk number stays the device's own."""
    community = dataclasses.replace(
        content.content.community, kiosk_number=device.content.community.kiosk_number
    )
    return dataclasses.replace(
        device,
        content=dataclasses.replace(content.content, community=community),
        languages=content.languages,
    )


def attached_files(config: KioskConfig, path: Path, text: str) -> dict[str, Path]:
    """The files the content at `path` names (notice images, the calendar file), by the plain
    name they must have beside it. Raises ConfigInvalid for a file named by a path: a published
    file travels with its images, so each must stand in the same folder."""
    names: dict[str, Path] = {}
    wanted = [n.image for n in config.content.notices if n.image is not None]
    wanted += referenced_files(text, path)
    errors = []
    folder = path.absolute().parent
    for file in wanted:
        relative = file.absolute().relative_to(folder) if file.is_relative_to(folder) else file
        name = str(PurePosixPath(*relative.parts)) if not relative.is_absolute() else str(file)
        if not plain_name(name):
            message = (
                f"'{name}' must be a plain file name beside the content file (letters, digits, "
                "'.', '-', '_'), so it can travel with it"
            )
            errors.append(ConfigError(path, None, None, "", message))
            continue
        names[name] = file
    if errors:
        raise ConfigInvalid(errors)
    return names
