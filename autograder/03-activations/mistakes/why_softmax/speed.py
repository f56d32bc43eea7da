why_softmax = "A"
