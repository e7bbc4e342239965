# cell: saliency_map
# mistake: adds the |gradient| over the channels instead of taking the max
def saliency_map(model, x, label):
    """Return the saliency map of x for label."""
    single = x.dim() == 3
    inputs = (x.unsqueeze(0) if single else x).detach().clone().requires_grad_(True)
    labels = torch.as_tensor(label, device=x.device).reshape(-1, 1)
    was_training = model.training
    model.eval()
    scores = model(inputs).gather(1, labels)
    (grad,) = torch.autograd.grad(scores.sum(), inputs)
    model.train(was_training)
    saliency = grad.abs().sum(dim=1)
    return saliency[0] if single else saliency
