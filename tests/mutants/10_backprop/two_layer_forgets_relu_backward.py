# cell: two_layer_loss
# mistake: passes dh to the first layer without relu_backward
def two_layer_loss(params, X, y):
    """Return (loss, grads) of the network affine - ReLU - affine - softmax cross-entropy."""
    h_pre, cache_1 = affine_forward(X, params["W1"], params["b1"])
    h, cache_relu = relu_forward(h_pre)
    scores, cache_2 = affine_forward(h, params["W2"], params["b2"])
    dh, dW2, db2 = affine_backward(softmax_cross_entropy_backward(scores, y), cache_2)
    _, dW1, db1 = affine_backward(dh, cache_1)
    return cross_entropy(scores, y), {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
