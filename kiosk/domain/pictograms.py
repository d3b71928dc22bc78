"""The pictogram names staff may use in the config; the UI draws each one."""

PICTOGRAMS = frozenset(
    {
        # home screen
        "notices", "activities", "feedback", "echo-wall", "red-post", "lookup",
        # feedback categories
        "wrench", "broom", "safety", "neighbours", "elderly", "suggestion",
        # Red Post amenities
        "hot-water", "first-aid", "mask", "seat", "charging", "book",
    }
)  # fmt: skip
