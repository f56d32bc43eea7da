why_softmax = "B"
