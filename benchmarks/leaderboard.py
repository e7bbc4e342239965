"""Measure the leaderboard's submissions per second on loopback (bounded; SQLite by default).

    python benchmarks/leaderboard.py [--submissions 400] [--threads 8] [--teams 40] [--n 1000] [--watchers 0]

Starts the real server (uvicorn in a subprocess) on a temporary SQLite file, sends N JSON
submissions of n predictions from K threads, checks that every one was recorded, and prints the
rate. `--watchers W` also keeps W live pages' event streams open and checks that each one
receives the final standings. The client threads share the machine
with the server, so on a small or busy machine the number is a lower bound.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from leaderboard_server import Server, call, make_challenge  # noqa: E402


def watch(server, total: int, timeout: float) -> bool:
    """Read one event stream until it reports `total` submissions (True) or the time is up (False)."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=timeout)
    connection.request("GET", "/api/events")
    response, end = connection.getresponse(), time.monotonic() + timeout
    try:
        while time.monotonic() < end:
            line = response.readline()
            if not line:
                return False
            if line.startswith(b"data: ") and json.loads(line[6:])["submissions"] == total:
                return True
        return False
    finally:
        connection.close()


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--submissions", type=int, default=400)
    p.add_argument("--threads", type=int, default=8)
    p.add_argument("--teams", type=int, default=40)
    p.add_argument(
        "--n", type=int, default=1000, help="test images per submission (the CIFAR-10 subset: 1,000)"
    )
    p.add_argument("--watchers", type=int, default=0, help="open event streams (pages) during the run")
    p.add_argument("--timeout", type=float, default=300, help="give up after this many seconds")
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        rng = np.random.default_rng(0)
        limit = str(-(-args.submissions // args.teams))
        tokens = list(
            make_challenge(folder, rng.integers(0, 10, args.n), args.teams, "--daily-limit", limit).items()
        )
        server = Server(folder / "lb.db").start()
        try:
            jobs = [
                (tokens[i % args.teams][1], rng.integers(0, 10, args.n).tolist())
                for i in range(args.submissions)
            ]
            latencies = []

            def send(job):
                start = time.perf_counter()
                status = call(
                    "POST", server.url + "api/submit", {"predictions": job[1]}, token=job[0], timeout=60
                )[0]
                latencies.append(time.perf_counter() - start)
                return status

            watchers = ThreadPoolExecutor(max(1, args.watchers))
            seen = [
                watchers.submit(watch, server, args.submissions, args.timeout) for _ in range(args.watchers)
            ]
            time.sleep(1.0 if args.watchers else 0.0)  # let the streams open
            start = time.perf_counter()
            with ThreadPoolExecutor(args.threads) as pool:
                futures = [pool.submit(send, job) for job in jobs]
                statuses = [
                    f.result(timeout=max(1.0, args.timeout - (time.perf_counter() - start))) for f in futures
                ]
            seconds = time.perf_counter() - start
            recorded = call("GET", server.url + "api/standings")[1]["submissions"]
            finals = sum(f.result(timeout=args.timeout) for f in seen)
            watchers.shutdown()
        finally:
            server.stop()
    ok = statuses.count(201)
    print(
        f"{ok}/{args.submissions} accepted, {recorded} recorded, {args.threads} threads, {args.teams} teams, "
        f"{args.n} predictions each, SQLite: {seconds:.1f} s, {ok / seconds:.0f} submissions/s, "
        f"median latency {1000 * float(np.median(latencies)):.0f} ms, p95 {1000 * float(np.quantile(latencies, 0.95)):.0f} ms "
        f"(cores: {os.cpu_count()}, load {os.getloadavg()[0]:.1f})"
    )
    if args.watchers:
        print(f"{finals}/{args.watchers} open pages received the final standings")
    return 0 if ok == recorded == args.submissions and finals == args.watchers else 1


if __name__ == "__main__":
    sys.exit(main())
