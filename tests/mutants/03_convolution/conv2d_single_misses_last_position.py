# cell: conv2d_single
# mistake: off by one: the output has H - kh rows and W - kw columns, the last window is never used
def conv2d_single(image, kernel):
    """Cross-correlate a 2-D image with a 2-D kernel ("valid": no padding, stride 1), with loops."""
    kh, kw = kernel.shape
    out = np.zeros((image.shape[0] - kh, image.shape[1] - kw))
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] = np.sum(image[i : i + kh, j : j + kw] * kernel)
    return out
