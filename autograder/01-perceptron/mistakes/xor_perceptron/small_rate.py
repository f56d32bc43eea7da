xor_perceptron = "C"
