fanout_rule = "b"
