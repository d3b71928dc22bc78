"""One .py + .kv pair per screen."""
