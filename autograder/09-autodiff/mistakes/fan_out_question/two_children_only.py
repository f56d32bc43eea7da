"""Only the nodes with two children, not the node downstream of one."""

wrong_if_overwritten = ["a", "x"]
