xor_perceptron = " B "
