# cell: make_predictions
# mistake: does not move the images to the device
def make_predictions(model, images, device, batch_size=256):
    """Return the predicted class ids (int64, CPU, shape (N,)) of images (N, C, H, W), in batches, eval mode, no grad."""
    if batch_size < 1:
        raise ValueError(f"make_predictions: batch_size must be >= 1, got {batch_size}")
    model.eval()
    predictions = []
    with torch.no_grad():
        for start in range(0, len(images), batch_size):
            scores = model(images[start : start + batch_size])
            predictions.append(scores.argmax(dim=1).cpu())
    return torch.cat(predictions)
