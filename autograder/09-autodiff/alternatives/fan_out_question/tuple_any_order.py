"""A tuple in another order."""

wrong_if_overwritten = ("y", "x", "a")
