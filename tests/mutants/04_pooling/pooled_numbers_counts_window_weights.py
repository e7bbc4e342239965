# cell: pooled_numbers
# mistake: counts the 2×2 window as 4 weights, as if pooling were a learnt convolution
def pooled_numbers():
    """Return (numbers in the pooled 224×224×64 feature map, learnable parameters of the pooling layer)."""
    return 112 * 112 * 64, 4
