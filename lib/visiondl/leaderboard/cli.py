"""The `visiondl leaderboard` commands: create a challenge, serve it, reveal the private board.

Also runnable alone as `python -m visiondl.leaderboard ...` (starts faster: no torch import).
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np

DEFAULT_DB = "leaderboard.db"


def load_labels(args: argparse.Namespace) -> tuple[np.ndarray, int, list[str]]:
    """Return (labels, number of classes, class names) from --labels FILE or --dataset NAME."""
    if args.labels:
        path = Path(args.labels)
        if not path.is_file():
            raise ValueError(f"{path}: no such labels file")
        if path.suffix == ".npy":
            labels = np.load(path)
        else:
            rows = [r for r in csv.reader(path.read_text().splitlines()) if r]
            if rows and not rows[0][-1].strip().isdigit():
                rows = rows[1:]  # header, e.g. id,label
            labels = np.array([int(r[-1]) for r in rows])
        if not np.issubdtype(labels.dtype, np.integer):
            raise ValueError(f"{path} must hold integer class ids")
        labels = labels.astype(np.int64).ravel()
        return labels, args.num_classes or int(labels.max()) + 1, []
    if args.dataset == "cifar10":
        try:
            from visiondl import cifar  # lazy: the data module of notebook 09
        except ImportError as error:
            raise ValueError(
                f"the cifar10 challenge data is not available here ({error}); use --labels FILE"
            ) from None

        classes = list(cifar.challenge_classes())
        return np.asarray(cifar.challenge_labels(), dtype=np.int64), args.num_classes or len(classes), classes
    raise ValueError("give --labels FILE or --dataset cifar10")


def load_teams(spec: str) -> list[str]:
    """Return team names from a number (team01, team02, ...) or a CSV file (column 'team', else the first)."""
    if spec.isdigit():
        return [f"team{i:02d}" for i in range(1, int(spec) + 1)]
    if not Path(spec).is_file():
        raise ValueError(f"--teams {spec}: give a number of teams or an existing CSV file")
    with open(spec, newline="") as f:
        rows = [r for r in csv.reader(f) if r and r[0].strip()]
    column = (
        [c.strip().lower() for c in rows[0]].index("team")
        if "team" in [c.strip().lower() for c in rows[0]]
        else None
    )
    if column is None:
        return [r[0].strip() for r in rows]
    return [r[column].strip() for r in rows[1:]]


def parse_deadline(text: str | None) -> datetime | None:
    """Return an aware datetime; a time without an offset is the local time of this machine."""
    if not text:
        return None
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.astimezone()


def cmd_create(args: argparse.Namespace) -> int:
    from visiondl.leaderboard.store import Store

    labels, num_classes, classes = load_labels(args)
    teams = load_teams(args.teams)
    deadline = parse_deadline(args.deadline)
    tokens = Store(args.db).create(
        labels,
        num_classes,
        teams,
        public_fraction=args.public_fraction,
        seed=args.seed,
        daily_limit=args.daily_limit,
        deadline=deadline,
        max_chosen=args.chosen,
        title=args.title,
        classes=classes,
    )
    if args.tokens_out:
        out = Path(args.tokens_out)
        out.touch(mode=0o600)
        with out.open("w", newline="") as f:
            csv.writer(f).writerows([("team", "token"), *tokens.items()])
    n_public = round(len(labels) * args.public_fraction)
    print(
        f"created the challenge in {args.db}: {len(labels)} test labels ({n_public} public, "
        f"{len(labels) - n_public} private), {num_classes} classes, {len(teams)} teams."
    )
    closes = f"closes {deadline.astimezone(timezone.utc):%Y-%m-%d %H:%M} UTC" if deadline else "no deadline"
    print(
        f"Rules: {args.daily_limit} submissions per team per UTC day, {closes}, {args.chosen} chosen count."
    )
    print("Tokens (shown only now; hand each team its own):")
    width = max(map(len, tokens))
    for team, token in tokens.items():
        print(f"  {team:{width}}  {token}")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from visiondl.leaderboard.app import create_app

    prefix = args.prefix or os.environ.get("JUPYTERHUB_SERVICE_PREFIX", "/")
    hub_url = urlsplit(os.environ.get("JUPYTERHUB_SERVICE_URL", ""))  # set by JupyterHub for managed services
    args.host = args.host or hub_url.hostname or "127.0.0.1"
    args.port = args.port or hub_url.port or 8000
    app = create_app(args.db, prefix=prefix)
    shown = "localhost" if args.host in ("127.0.0.1", "0.0.0.0") else args.host
    print(
        f"leaderboard: http://{shown}:{args.port}{'/' + prefix.strip('/') if prefix.strip('/') else ''}/",
        flush=True,
    )
    uvicorn.run(
        app,
        host=args.host,
        port=args.port,
        root_path=args.root_path,
        log_level=args.log_level,
        timeout_graceful_shutdown=2,
        proxy_headers=True,
    )
    return 0


def print_board(rows: list[dict], private: bool) -> None:
    print(
        f"{'rank':>4}  {'team':20} {'score':>8} "
        + (f"{'public':>6} {'shake-up':>8} " if private else "")
        + "entries"
    )
    for r in rows:
        extra = f"{r['public_rank']:>6} {r['shake_up']:>+8d} " if private else ""
        print(f"{r['rank']:>4}  {r['team']:20} {100 * r['score']:7.2f}% {extra}{r['entries']:>7}")


def cmd_reveal(args: argparse.Namespace) -> int:
    from visiondl.leaderboard.store import Store

    store = Store(args.db)
    if not args.preview:
        store.reveal()
    board = store.standings(private=True)
    print(
        "Private leaderboard" + (" (preview: not published)" if args.preview else " (now shown on the page)")
    )
    print_board(board["private"], private=True)
    winners = board["private"][:3]
    if winners:
        print("Winners: " + ", ".join(f"{r['rank']}. {r['team']} ({100 * r['score']:.2f}%)" for r in winners))
    return 0


def cmd_standings(args: argparse.Namespace) -> int:
    from visiondl.leaderboard.store import Store

    print_board(Store(args.db).standings(private=False)["public"], private=False)
    return 0


def add_parser(sub) -> argparse.ArgumentParser:
    """Add `leaderboard` and its commands to a subparsers object (used by `visiondl.cli`)."""
    p = sub.add_parser("leaderboard", help="run the in-class challenge's live leaderboard")
    cmds = p.add_subparsers(dest="action", required=True)
    c = cmds.add_parser("create", help="make a challenge: split the hidden labels, issue team tokens")
    c.add_argument("--db", default=DEFAULT_DB, help="SQLite file or SQLAlchemy URL (postgresql://...)")
    source = c.add_mutually_exclusive_group(required=True)
    source.add_argument("--dataset", choices=["cifar10"], help="the hidden labels of a course data set")
    source.add_argument("--labels", help="hidden labels: .npy, or .csv of integer labels (id,label)")
    c.add_argument("--num-classes", type=int, help="default: from the data set, or the largest label + 1")
    c.add_argument("--teams", required=True, help="a number (team01, ...) or a CSV with a 'team' column")
    c.add_argument(
        "--public-fraction", type=float, default=0.5, help="share of the test set on the public board"
    )
    c.add_argument("--seed", type=int, default=0, help="seed of the public/private split")
    c.add_argument("--daily-limit", type=int, default=5, help="submissions per team per UTC day")
    c.add_argument("--deadline", help="ISO time, e.g. 2026-12-01T17:00+01:00 (no offset: local time)")
    c.add_argument(
        "--chosen", type=int, default=2, help="submissions per team that count for the private board"
    )
    c.add_argument("--title", default="In-class challenge")
    c.add_argument("--tokens-out", help="also write team,token to this CSV (for the instructor only)")
    c.set_defaults(run=cmd_create)
    s = cmds.add_parser("serve", help="serve the live page and the JSON API")
    s.add_argument("--db", default=DEFAULT_DB)
    s.add_argument(
        "--host", help="127.0.0.1 (default, or from $JUPYTERHUB_SERVICE_URL); 0.0.0.0 for other machines"
    )
    s.add_argument("--port", type=int, help="8000 (default, or from $JUPYTERHUB_SERVICE_URL)")
    s.add_argument(
        "--prefix", help="URL prefix, e.g. /services/leaderboard/ (default: $JUPYTERHUB_SERVICE_PREFIX or /)"
    )
    s.add_argument("--root-path", default="", help="for a proxy that strips a prefix before forwarding")
    s.add_argument("--log-level", default="warning")
    s.set_defaults(run=cmd_serve)
    r = cmds.add_parser("reveal", help="publish and print the private leaderboard and the winners")
    r.add_argument("--db", default=DEFAULT_DB)
    r.add_argument("--preview", action="store_true", help="print only; do not show it on the page")
    r.set_defaults(run=cmd_reveal)
    t = cmds.add_parser("standings", help="print the public leaderboard")
    t.add_argument("--db", default=DEFAULT_DB)
    t.set_defaults(run=cmd_standings)
    return p


def main(argv: list[str] | None = None) -> int:
    root = argparse.ArgumentParser(prog="visiondl")
    add_parser(root.add_subparsers(dest="command", required=True))
    args = root.parse_args(["leaderboard", *(sys.argv[1:] if argv is None else argv)])
    try:
        return args.run(args)
    except (ValueError, OSError, ImportError) as error:
        print(f"visiondl leaderboard {args.action}: {error}", file=sys.stderr)
        return 2
