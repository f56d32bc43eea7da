xor_perceptron = 2
