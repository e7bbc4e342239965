# cell: conv2d_single
# mistake: makes the output with the image's dtype, so an integer image rounds every sum
def conv2d_single(image, kernel):
    """Cross-correlate a 2-D image with a 2-D kernel ("valid": no padding, stride 1), with loops."""
    kh, kw = kernel.shape
    out = np.zeros((image.shape[0] - kh + 1, image.shape[1] - kw + 1), dtype=image.dtype)
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] = np.sum(image[i : i + kh, j : j + kw] * kernel)
    return out
