backward_products = 3
