xor_perceptron = "B"
