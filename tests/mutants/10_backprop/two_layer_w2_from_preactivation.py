# cell: two_layer_loss
# mistake: caches the hidden layer's input (before ReLU) for layer 2, so dW2 uses h_pre instead of h
def two_layer_loss(params, X, y):
    """Return (loss, grads) of the network affine - ReLU - affine - softmax cross-entropy."""
    h_pre, cache_1 = affine_forward(X, params["W1"], params["b1"])
    h, cache_relu = relu_forward(h_pre)
    scores, _ = affine_forward(h, params["W2"], params["b2"])
    dh, dW2, db2 = affine_backward(
        softmax_cross_entropy_backward(scores, y), (h_pre, params["W2"], params["b2"])
    )
    _, dW1, db1 = affine_backward(relu_backward(dh, cache_relu), cache_1)
    return cross_entropy(scores, y), {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
