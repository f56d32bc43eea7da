import math

updates_per_epoch = math.ceil(1079 / 64)
