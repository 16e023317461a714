#!/bin/sh
# The app drive's entry, run by the root drive's cartesi-init: the Rollup HTTP API server on
# 127.0.0.1:5004 starts the back-end (the same bundle host mode runs) and exits when it dies.
export HOME=/tmp
export ROLLUP_HTTP_SERVER_URL=http://127.0.0.1:5004
# The database lives in the tmpfs: RAM, so part of every machine snapshot.
export STREAMSWAP_DB=/tmp/streamswap/dapp.sqlite
# The environment file written by scripts/machine/build-app.sh: the binding and SQLite settings.
. /app/env
cd /app
# STREAMSWAP_NODE_FLAGS (from env): flags for node itself, e.g. V8 options chosen by measurement.
exec /app/streamswap-rollup-http --port=5004 -- node ${STREAMSWAP_NODE_FLAGS:-} /app/main.mjs
