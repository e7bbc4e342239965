# cell: run_optimizer
# mistake: copies w0 without converting it to float, so an integer start stays integer
def run_optimizer(grad_fn, w0, step_fn, steps):
    """Run `steps` steps of `step_fn` from w0 and return the trajectory."""
    w = np.array(w0)
    state = np.zeros_like(w)
    path = [w.copy()]
    for _ in range(steps):
        w, state = step_fn(w, state, grad_fn(w))
        path.append(np.array(w))
    return np.stack(path)
