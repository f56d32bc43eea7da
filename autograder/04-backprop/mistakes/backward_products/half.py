backward_products = 1.5
