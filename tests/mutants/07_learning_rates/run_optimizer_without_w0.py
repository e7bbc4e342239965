# cell: run_optimizer
# mistake: the trajectory leaves out the starting point w0
def run_optimizer(grad_fn, w0, step_fn, steps):
    """Run `steps` steps of `step_fn` from w0 and return the trajectory."""
    w = np.array(w0, dtype=float)
    state = np.zeros_like(w)
    path = []
    for _ in range(steps):
        w, state = step_fn(w, state, grad_fn(w))
        path.append(np.array(w, dtype=float))
    return np.array(path).reshape(steps, *np.shape(w0))
