# cell: saliency_map
# mistake: differentiates the softmax probability of the label instead of its raw score
def saliency_map(model, x, label):
    """Return the saliency map of x for label."""
    single = x.dim() == 3
    inputs = (x.unsqueeze(0) if single else x).detach().clone().requires_grad_(True)
    labels = torch.as_tensor(label, device=x.device).reshape(-1, 1)
    was_training = model.training
    model.eval()
    probabilities = model(inputs).softmax(dim=1).gather(1, labels)
    (grad,) = torch.autograd.grad(probabilities.sum(), inputs)
    model.train(was_training)
    saliency = grad.abs().amax(dim=1)
    return saliency[0] if single else saliency
