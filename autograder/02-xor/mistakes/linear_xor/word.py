linear_xor = "cannot"
