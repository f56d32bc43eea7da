linear_xor = "C "
