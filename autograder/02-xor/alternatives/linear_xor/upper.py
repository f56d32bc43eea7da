linear_xor = "C"
