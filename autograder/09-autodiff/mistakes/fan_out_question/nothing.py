"""No node (thinking the last write is enough)."""

wrong_if_overwritten = []
