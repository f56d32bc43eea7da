why_softmax = "D"
