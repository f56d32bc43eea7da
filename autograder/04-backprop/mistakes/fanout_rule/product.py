fanout_rule = "C"
