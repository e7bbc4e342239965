# cell: conv2d_single
# mistake: assumes a square kernel (uses kernel.shape[0] for both axes)
def conv2d_single(image, kernel):
    """Cross-correlate a 2-D image with a 2-D kernel ("valid": no padding, stride 1), with loops."""
    k = kernel.shape[0]
    out = np.zeros((image.shape[0] - k + 1, image.shape[1] - k + 1))
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] = np.sum(image[i : i + k, j : j + k] * kernel)
    return out
