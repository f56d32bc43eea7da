"""One string instead of a list of names."""

wrong_if_overwritten = "a, x, y"
