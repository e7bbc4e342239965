# cell: saliency_map
# mistake: calls backward(), which also fills the .grad of every parameter of the model
def saliency_map(model, x, label):
    """Return the saliency map of x for label."""
    single = x.dim() == 3
    inputs = (x.unsqueeze(0) if single else x).detach().clone().requires_grad_(True)
    labels = torch.as_tensor(label, device=x.device).reshape(-1, 1)
    was_training = model.training
    model.eval()
    model(inputs).gather(1, labels).sum().backward()
    model.train(was_training)
    saliency = inputs.grad.abs().amax(dim=1)
    return saliency[0] if single else saliency
