bce_at_08 = 0.223
