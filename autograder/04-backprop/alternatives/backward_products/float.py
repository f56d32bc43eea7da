backward_products = 2.0
