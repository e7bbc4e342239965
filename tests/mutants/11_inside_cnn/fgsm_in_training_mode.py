# cell: fgsm
# mistake: never switches the model to evaluation mode, so dropout stays on
def fgsm(model, x, y, epsilon):
    """Return the FGSM images of the batch x."""
    if epsilon < 0:
        raise ValueError("epsilon must be >= 0")
    inputs = x.detach().clone().requires_grad_(True)
    loss = nn.functional.cross_entropy(model(inputs), y)
    (grad,) = torch.autograd.grad(loss, inputs)
    return (x.detach() + epsilon * grad.sign()).clamp(0, 1)
