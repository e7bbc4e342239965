# cell: run_optimizer
# mistake: stores w itself instead of a copy, so a step rule that works in place changes earlier rows
def run_optimizer(grad_fn, w0, step_fn, steps):
    """Run `steps` steps of `step_fn` from w0 and return the trajectory."""
    w = np.array(w0, dtype=float)
    state = np.zeros_like(w)
    path = [w]
    for _ in range(steps):
        w, state = step_fn(w, state, grad_fn(w))
        path.append(w)
    return np.stack(path)
