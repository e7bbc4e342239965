# cell: saliency_map
# mistake: takes the max of the signed gradient over the channels, without the absolute value
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
    saliency = grad.amax(dim=1)
    return saliency[0] if single else saliency
