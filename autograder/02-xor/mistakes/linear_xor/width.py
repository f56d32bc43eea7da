linear_xor = "A"
