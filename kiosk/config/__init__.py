"""The staff YAML: typed schema, loader reporting every error as FILE:LINE: key: message, and
live reload keeping the last good config.

Why each section is written twice, as a pydantic `*In` model (schema.py, settings.py) and as a
frozen dataclass (model.py, and the content types in kiosk.domain.content): pydantic is the edge
where staff's text is checked, with a line number for every mistake; what passes becomes plain
frozen values. The domain may not import pydantic (the layer contract, tests/test_layers.py), so
its content types cannot be the pydantic models; and the screens, speech, the printer and the sync
worker are handed values that compare by value (a reload that changes nothing redraws nothing),
cannot be changed behind the validator's back, and carry no validation machinery. build.py is the
one place that copies the one into the other.

May import: `kiosk.domain`, and itself.
"""
