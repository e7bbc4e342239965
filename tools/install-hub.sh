#!/usr/bin/env bash
# What a JupyterHub class (and tests/hub) needs beyond the Python environment:
#   configurable-http-proxy  the hub's proxy, from npm, into tools/node/ (git-ignored node_modules;
#                            the version is pinned by tools/node/package-lock.json)
# jupyterhub itself comes from PyPI with the `hub` extra: pip install -e "./lib[hub]".
# Idempotent: does nothing when the proxy is already installed. Needs node >= 20 and npm.
set -euo pipefail
cd "$(dirname "$0")/node"
proxy=node_modules/.bin/configurable-http-proxy
if [ -x "$proxy" ] && "$proxy" --version >/dev/null 2>&1; then
    exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
    echo "note: npm is missing; install nodejs and npm (apt-get install nodejs npm) for the hub tests" >&2
    exit 1
fi
echo "installing configurable-http-proxy (npm ci) into tools/node ..."
npm ci --no-audit --no-fund --loglevel=error
"$proxy" --version
