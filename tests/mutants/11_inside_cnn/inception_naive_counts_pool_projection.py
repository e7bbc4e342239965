# cell: inception_params
# mistake: adds the pooling branch's 1×1 projection to the naive module, which has none
def inception_params(c_in, spec, reduce=True):
    """Return the parameters of an Inception module on c_in channels."""
    if len(spec) != 6:
        raise ValueError("spec needs six numbers")
    n1x1, n3x3_reduce, n3x3, n5x5_reduce, n5x5, pool_proj = spec
    if not reduce:
        return (
            conv_params(c_in, n1x1, 1)
            + conv_params(c_in, n3x3, 3)
            + conv_params(c_in, n5x5, 5)
            + conv_params(c_in, pool_proj, 1)
        )
    return (
        conv_params(c_in, n1x1, 1)
        + conv_params(c_in, n3x3_reduce, 1)
        + conv_params(n3x3_reduce, n3x3, 3)
        + conv_params(c_in, n5x5_reduce, 1)
        + conv_params(n5x5_reduce, n5x5, 5)
        + conv_params(c_in, pool_proj, 1)
    )
