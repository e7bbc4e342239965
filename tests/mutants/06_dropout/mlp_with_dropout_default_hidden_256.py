# cell: mlp_with_dropout
# mistake: changes the default hidden size to 256, so MLPWithDropout(p) is not the network of the contract
class MLPWithDropout(nn.Module):
    """Two hidden ReLU layers with dropout, then a linear output."""

    def __init__(self, p: float, in_features: int = 784, hidden: int = 256, num_classes: int = 10):
        super().__init__()
        self.net = nn.Sequential(
            nn.Flatten(),
            nn.Linear(in_features, hidden),
            nn.ReLU(),
            nn.Dropout(p),
            nn.Linear(hidden, hidden),
            nn.ReLU(),
            nn.Dropout(p),
            nn.Linear(hidden, num_classes),
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Map inputs to class scores."""
        return self.net(x)
