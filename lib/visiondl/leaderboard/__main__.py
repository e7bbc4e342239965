"""`python -m visiondl.leaderboard ...`: the leaderboard commands without the rest of the CLI."""

import sys

from visiondl.leaderboard.cli import main

sys.exit(main())
