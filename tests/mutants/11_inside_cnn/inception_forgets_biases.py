# cell: inception_params
# mistake: counts the weights c_out * c_in * k * k of each convolution, forgetting one bias per filter
def inception_params(c_in, spec, reduce=True):
    """Return the parameters of an Inception module on c_in channels."""
    if len(spec) != 6:
        raise ValueError("spec needs six numbers")
    n1x1, n3x3_reduce, n3x3, n5x5_reduce, n5x5, pool_proj = spec
    if reduce:
        convs = [
            (c_in, n1x1, 1),
            (c_in, n3x3_reduce, 1),
            (n3x3_reduce, n3x3, 3),
            (c_in, n5x5_reduce, 1),
            (n5x5_reduce, n5x5, 5),
            (c_in, pool_proj, 1),
        ]
    else:
        convs = [(c_in, n1x1, 1), (c_in, n3x3, 3), (c_in, n5x5, 5)]
    return sum(c_out * c_in * k * k for c_in, c_out, k in convs)
