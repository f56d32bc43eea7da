"""Only the intermediate node used twice."""

wrong_if_overwritten = ["a"]
