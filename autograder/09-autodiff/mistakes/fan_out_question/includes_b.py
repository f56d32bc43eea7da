"""The right nodes plus b."""

wrong_if_overwritten = ["a", "x", "y", "b"]
