#!/usr/bin/env bash
# Start socialekaart on the embedded engine with the fictional demo data:
# installs into .venv, writes and indexes the demo data on the first run, and
# serves on http://127.0.0.1:8000 (set SOCIALEKAART_PORT to change the port).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh

data_dir="${SOCIALEKAART_DATA_DIR:-data}"
export SOCIALEKAART_DATA_DIR="$data_dir"
if [ ! -f "$data_dir/index.sqlite" ]; then
    .venv/bin/socialekaart demo-data --output "$data_dir/demo-providers.csv"
    .venv/bin/socialekaart index "$data_dir/demo-providers.csv" --show-rejections 5
fi

exec .venv/bin/socialekaart serve --host "${SOCIALEKAART_HOST:-127.0.0.1}" --port "${SOCIALEKAART_PORT:-8000}"
