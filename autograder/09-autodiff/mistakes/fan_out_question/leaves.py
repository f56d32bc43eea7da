"""The leaves."""

wrong_if_overwritten = ["x", "y"]
