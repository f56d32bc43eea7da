initial_loss_10 = np.log2(10)
