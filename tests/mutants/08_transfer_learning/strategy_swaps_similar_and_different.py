# cell: strategy
# mistake: uses earlier stages for the similar data set and the top features for the very different one
STRATEGY = {"a": "earlier", "b": "fine-tune", "c": "linear"}
