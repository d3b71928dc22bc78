"""The one thing pyproject.toml cannot say: the top-level `assets/` folder is the package
`kiosk.assets` (pyproject's `packages.find` only finds folders under their own names).

Folders that hold only data (kiosk/central/templates, assets/pictograms, …) are listed as
packages too, as setuptools asks, so their files are installed by rule rather than by a
deprecated fallback. Everything else (metadata, dependencies, which files travel) is in
pyproject.toml.
"""

from setuptools import find_namespace_packages, setup

setup(
    packages=[
        *find_namespace_packages(include=["kiosk", "kiosk.*"], exclude=["*.__pycache__"]),
        "kiosk.assets",
        *(f"kiosk.assets.{p}" for p in find_namespace_packages(where="assets")),
    ],
    package_dir={"kiosk.assets": "assets"},
)
