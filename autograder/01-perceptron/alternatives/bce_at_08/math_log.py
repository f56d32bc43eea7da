import math

bce_at_08 = math.log(1 / 0.8)
