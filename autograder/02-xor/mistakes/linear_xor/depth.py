linear_xor = "B"
