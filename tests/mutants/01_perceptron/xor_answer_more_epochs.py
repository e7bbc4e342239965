# cell: xor_answer
# mistake: believes more epochs would make the perceptron converge on XOR
XOR_ANSWER = "b"
