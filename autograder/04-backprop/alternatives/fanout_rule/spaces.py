fanout_rule = "B\n"
