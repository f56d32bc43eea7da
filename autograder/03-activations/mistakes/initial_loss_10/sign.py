initial_loss_10 = np.log(0.1)
