"""The one thing pyproject.toml cannot say: the top-level `assets/` folder is the package
`kiosk.assets` (pyproject's `packages.find` only finds folders under their own names).

Everything else (metadata, dependencies, which asset files travel) is in pyproject.toml.
"""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["kiosk", "kiosk.*"]), "kiosk.assets"],
    package_dir={"kiosk.assets": "assets"},
)
