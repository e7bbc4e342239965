# cell: fgsm
# mistake: finishes in NumPy and returns a new CPU float32 tensor, losing x's device and dtype
def fgsm(model, x, y, epsilon):
    """Return the FGSM images of the batch x."""
    if epsilon < 0:
        raise ValueError("epsilon must be >= 0")
    inputs = x.detach().clone().requires_grad_(True)
    was_training = model.training
    model.eval()
    loss = nn.functional.cross_entropy(model(inputs), y)
    (grad,) = torch.autograd.grad(loss, inputs)
    model.train(was_training)
    adversarial = np.clip(x.detach().cpu().numpy() + epsilon * np.sign(grad.cpu().numpy()), 0, 1)
    return torch.tensor(adversarial, dtype=torch.float32)
