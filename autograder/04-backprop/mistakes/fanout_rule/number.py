fanout_rule = 2
