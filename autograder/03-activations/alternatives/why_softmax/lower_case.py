why_softmax = "b"
