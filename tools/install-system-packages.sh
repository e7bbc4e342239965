#!/usr/bin/env bash
# Debian packages that the full test suite needs beyond the Python environment:
#   bubblewrap  the grader's sandbox (one isolated run per submission)
#   nodejs/npm  configurable-http-proxy for the JupyterHub tests (tools/install-hub.sh; node >= 20)
#   chromium    the real-browser tests (Playwright drives Debian's chromium; `playwright install`
#               downloads a browser of its own, which offline machines cannot do)
# Idempotent: installs only what is missing, and only as root with apt-get; otherwise it says
# what to install and the tests that need it are skipped with that reason.
set -euo pipefail
missing=()
command -v bwrap >/dev/null 2>&1 || missing+=(bubblewrap)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)  # configurable-http-proxy of the hub tests
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing ${missing[*]} (apt-get) ..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
    echo "note: ${missing[*]} missing; install with: sudo apt-get install ${missing[*]}" >&2
fi
