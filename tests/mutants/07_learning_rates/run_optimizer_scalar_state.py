# cell: run_optimizer
# mistake: starts the state as the number 0 instead of an array of zeros shaped like w
def run_optimizer(grad_fn, w0, step_fn, steps):
    """Run `steps` steps of `step_fn` from w0 and return the trajectory."""
    w = np.array(w0, dtype=float)
    state = 0.0
    path = [w.copy()]
    for _ in range(steps):
        w, state = step_fn(w, state, grad_fn(w))
        path.append(np.array(w, dtype=float))
    return np.stack(path)
