# cell: xor_answer
# mistake: blames the learning rate for the failure on XOR
XOR_ANSWER = "a"
