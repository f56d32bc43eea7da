fanout_rule = "A"
