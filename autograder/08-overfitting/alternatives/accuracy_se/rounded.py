accuracy_se = 0.0252
