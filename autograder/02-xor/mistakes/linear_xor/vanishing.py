linear_xor = "D"
