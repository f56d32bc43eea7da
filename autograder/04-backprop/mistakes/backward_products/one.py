backward_products = 1
