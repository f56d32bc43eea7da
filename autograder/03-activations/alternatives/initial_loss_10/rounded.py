initial_loss_10 = 2.303
