# cell: fgsm
# mistake: calls loss.backward(), which also fills the .grad of every parameter of the model
def fgsm(model, x, y, epsilon):
    """Return the FGSM images of the batch x."""
    if epsilon < 0:
        raise ValueError("epsilon must be >= 0")
    inputs = x.detach().clone().requires_grad_(True)
    was_training = model.training
    model.eval()
    nn.functional.cross_entropy(model(inputs), y).backward()
    model.train(was_training)
    return (x.detach() + epsilon * inputs.grad.sign()).clamp(0, 1)
