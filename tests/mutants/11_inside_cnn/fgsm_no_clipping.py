# cell: fgsm
# mistake: does not clip, so pixels leave [0, 1]
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
    return x.detach() + epsilon * grad.sign()
