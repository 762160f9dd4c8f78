#!/usr/bin/env bash
# Run the whole test suite: unit, engine conformance on SQLite and on a real local
# OpenSearch node, HTTP tests through the app, and page tests in headless Chromium.
# Extra arguments go to pytest, e.g. scripts/test.sh -k sqlite.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh

# Browser tests drive Debian's Chromium. Install it when missing and we may (root).
if ! command -v chromium >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "Installing Chromium for the browser tests" >&2
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    else
        echo "warning: chromium is missing, so the browser tests will skip (they fail when CI=true)" >&2
    fi
fi

# Build the local OpenSearch node once; the test session starts and stops it.
if ! tools/opensearch-node/start-node --build-only >&2; then
    echo "warning: the local OpenSearch node could not be built; OpenSearch tests will skip (they fail when CI=true)" >&2
fi

exec .venv/bin/python -m pytest "$@"
