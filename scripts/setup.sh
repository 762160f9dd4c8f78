#!/usr/bin/env bash
# Create .venv with Python 3.11+ and install the project with its test extras.
# Re-running is cheap: the install is skipped while pyproject.toml is unchanged.
set -euo pipefail
cd "$(dirname "$0")/.."

find_python() {
    for candidate in "${PYTHON:-}" python3.11 python3.12 python3.13 python3; do
        [ -n "$candidate" ] || continue
        if command -v "$candidate" >/dev/null 2>&1 &&
            "$candidate" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
            command -v "$candidate"
            return 0
        fi
    done
    return 1
}

if [ ! -x .venv/bin/python ]; then
    python_bin="$(find_python)" || {
        echo "error: Python 3.11 or newer is needed; install it or set PYTHON=/path/to/python3.11" >&2
        exit 1
    }
    echo "Creating .venv with $python_bin" >&2
    "$python_bin" -m venv .venv
fi

stamp=.venv/.installed-pyproject
if [ ! -f "$stamp" ] || ! cmp -s pyproject.toml "$stamp"; then
    echo "Installing socialekaart and its dependencies into .venv" >&2
    .venv/bin/python -m pip install --quiet --upgrade pip
    .venv/bin/python -m pip install --quiet -e '.[test]'
    cp pyproject.toml "$stamp"
fi
