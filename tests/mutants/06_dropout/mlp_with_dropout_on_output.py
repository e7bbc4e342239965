# cell: mlp_with_dropout
# mistake: also applies dropout to the output scores
class MLPWithDropout(nn.Module):
    """Two hidden ReLU layers with dropout, then a linear output."""

    def __init__(self, p: float, in_features: int = 784, hidden: int = 512, num_classes: int = 10):
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
            nn.Dropout(p),
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Map inputs to class scores."""
        return self.net(x)
