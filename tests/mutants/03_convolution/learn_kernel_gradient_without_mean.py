# cell: learn_kernel
# mistake: forgets to divide the gradient by the number of output pixels (the gradient of a sum, not of a mean)
def learn_kernel(image, target, f=3, steps=300, lr=0.05, seed=0):
    """Learn an f×f kernel by gradient descent."""
    image, target = np.asarray(image, dtype=float), np.asarray(target, dtype=float)
    if target.shape != (image.shape[0] - f + 1, image.shape[1] - f + 1):
        raise ValueError("target has the wrong shape")
    kernel = np.random.default_rng(seed).normal(scale=0.01, size=(f, f))
    losses = []
    for _ in range(steps):
        residual = conv2d_fast(image[None], kernel[None, None])[0] - target
        losses.append(float(np.mean(residual**2)))
        kernel = kernel - lr * 2 * conv2d_fast(image[None], residual[None, None])[0]
    return kernel, losses
