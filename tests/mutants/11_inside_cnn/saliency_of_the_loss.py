# cell: saliency_map
# mistake: differentiates the cross-entropy loss of the label instead of its raw score
def saliency_map(model, x, label):
    """Return the saliency map of x for label."""
    single = x.dim() == 3
    inputs = (x.unsqueeze(0) if single else x).detach().clone().requires_grad_(True)
    labels = torch.as_tensor(label, device=x.device).reshape(-1)
    was_training = model.training
    model.eval()
    loss = nn.functional.cross_entropy(model(inputs), labels, reduction="sum")
    (grad,) = torch.autograd.grad(loss, inputs)
    model.train(was_training)
    saliency = grad.abs().amax(dim=1)
    return saliency[0] if single else saliency
