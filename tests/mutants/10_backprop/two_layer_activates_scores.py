# cell: two_layer_loss
# mistake: puts a ReLU after the last layer too, so negative scores are clipped before the softmax
def two_layer_loss(params, X, y):
    """Return (loss, grads) of the network affine - ReLU - affine - softmax cross-entropy."""
    h_pre, cache_1 = affine_forward(X, params["W1"], params["b1"])
    h, cache_relu = relu_forward(h_pre)
    s_pre, cache_2 = affine_forward(h, params["W2"], params["b2"])
    scores, cache_out = relu_forward(s_pre)
    ds = relu_backward(softmax_cross_entropy_backward(scores, y), cache_out)
    dh, dW2, db2 = affine_backward(ds, cache_2)
    _, dW1, db1 = affine_backward(relu_backward(dh, cache_relu), cache_1)
    return cross_entropy(scores, y), {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
