"""Every node."""

wrong_if_overwritten = ["x", "y", "a", "b", "c", "f"]
