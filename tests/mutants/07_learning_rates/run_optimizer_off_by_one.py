# cell: run_optimizer
# mistake: runs one step too few (range(steps - 1))
def run_optimizer(grad_fn, w0, step_fn, steps):
    """Run `steps` steps of `step_fn` from w0 and return the trajectory."""
    w = np.array(w0, dtype=float)
    state = np.zeros_like(w)
    path = [w.copy()]
    for _ in range(steps - 1):
        w, state = step_fn(w, state, grad_fn(w))
        path.append(np.array(w, dtype=float))
    return np.stack(path)
