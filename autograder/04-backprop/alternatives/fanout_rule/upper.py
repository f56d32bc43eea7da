fanout_rule = "B"
