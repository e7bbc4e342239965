# cell: momentum_factor
# mistake: adds one step of memory only (1 + mu) instead of the geometric series 1 / (1 - mu)
MOMENTUM_FACTOR = 1.9
