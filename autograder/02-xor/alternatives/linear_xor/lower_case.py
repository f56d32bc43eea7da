linear_xor = "c"
