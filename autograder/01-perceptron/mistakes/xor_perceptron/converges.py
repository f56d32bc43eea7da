xor_perceptron = "A"
