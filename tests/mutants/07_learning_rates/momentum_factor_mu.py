# cell: momentum_factor
# mistake: takes the momentum coefficient itself as the factor
MOMENTUM_FACTOR = 0.9
