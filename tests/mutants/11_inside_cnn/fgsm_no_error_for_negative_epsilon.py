# cell: fgsm
# mistake: accepts a negative epsilon (a step down the loss) instead of raising ValueError
def fgsm(model, x, y, epsilon):
    """Return the FGSM images of the batch x."""
    inputs = x.detach().clone().requires_grad_(True)
    was_training = model.training
    model.eval()
    loss = nn.functional.cross_entropy(model(inputs), y)
    (grad,) = torch.autograd.grad(loss, inputs)
    model.train(was_training)
    return (x.detach() + epsilon * grad.sign()).clamp(0, 1)
