fanout_rule = "D"
