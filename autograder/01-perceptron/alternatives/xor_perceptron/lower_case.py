xor_perceptron = "b"
