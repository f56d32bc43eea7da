initial_loss_10 = -np.log(1 / 10)
