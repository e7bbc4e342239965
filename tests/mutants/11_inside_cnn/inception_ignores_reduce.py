# cell: inception_params
# mistake: ignores reduce and always counts the module with 1×1 reductions
def inception_params(c_in, spec, reduce=True):
    """Return the parameters of an Inception module on c_in channels."""
    if len(spec) != 6:
        raise ValueError("spec needs six numbers")
    n1x1, n3x3_reduce, n3x3, n5x5_reduce, n5x5, pool_proj = spec
    if False:
        return conv_params(c_in, n1x1, 1) + conv_params(c_in, n3x3, 3) + conv_params(c_in, n5x5, 5)
    return (
        conv_params(c_in, n1x1, 1)
        + conv_params(c_in, n3x3_reduce, 1)
        + conv_params(n3x3_reduce, n3x3, 3)
        + conv_params(c_in, n5x5_reduce, 1)
        + conv_params(n5x5_reduce, n5x5, 5)
        + conv_params(c_in, pool_proj, 1)
    )
