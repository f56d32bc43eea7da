"""A list built from a set."""

wrong_if_overwritten = sorted({"x", "a", "y"})
