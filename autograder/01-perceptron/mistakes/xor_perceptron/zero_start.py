xor_perceptron = "D"
