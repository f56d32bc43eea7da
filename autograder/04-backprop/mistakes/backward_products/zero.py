backward_products = 0
