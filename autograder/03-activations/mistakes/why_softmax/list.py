why_softmax = ["B"]
