"""The children of the fan-out nodes instead of the nodes themselves."""

wrong_if_overwritten = ["b", "c"]
