"""A list in reverse order."""

wrong_if_overwritten = ["y", "x", "a"]
