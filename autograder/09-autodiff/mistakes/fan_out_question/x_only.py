"""Only the leaf used twice."""

wrong_if_overwritten = ["x"]
