backward_products = np.int64(2)
