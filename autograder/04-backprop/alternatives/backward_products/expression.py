backward_products = 1 + 1
