initial_loss_10 = np.log(10)
