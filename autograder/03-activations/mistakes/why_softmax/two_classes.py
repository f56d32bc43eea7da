why_softmax = "C"
