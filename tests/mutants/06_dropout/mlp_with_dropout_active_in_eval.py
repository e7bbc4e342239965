# cell: mlp_with_dropout
# mistake: calls nn.functional.dropout without training=self.training, so it drops in eval mode too
class MLPWithDropout(nn.Module):
    """Two hidden ReLU layers with dropout, then a linear output."""

    def __init__(self, p: float, in_features: int = 784, hidden: int = 512, num_classes: int = 10):
        super().__init__()
        self.p = p
        self.fc1 = nn.Linear(in_features, hidden)
        self.fc2 = nn.Linear(hidden, hidden)
        self.fc3 = nn.Linear(hidden, num_classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Map inputs to class scores."""
        x = nn.functional.dropout(torch.relu(self.fc1(x.flatten(1))), self.p)
        x = nn.functional.dropout(torch.relu(self.fc2(x)), self.p)
        return self.fc3(x)
