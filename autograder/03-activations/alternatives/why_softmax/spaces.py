why_softmax = "  B"
