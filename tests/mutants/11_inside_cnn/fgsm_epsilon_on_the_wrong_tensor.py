# cell: fgsm
# mistake: multiplies the whole perturbed image by epsilon instead of the step
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
    return (epsilon * (x.detach() + grad.sign())).clamp(0, 1)
