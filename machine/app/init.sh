#!/bin/sh
# The app drive's entry, run by the root drive's cartesi-init: the Rollup HTTP API server on
# 127.0.0.1:5004 starts the back-end and exits when it dies.
export HOME=/tmp
export ROLLUP_HTTP_SERVER_URL=http://127.0.0.1:5004
# The database lives in the tmpfs: RAM, so part of every machine snapshot.
export STREAMSWAP_DB=/tmp/streamswap/dapp.sqlite
# The environment file written by scripts/machine/build-app.sh: the binding and SQLite settings.
. /app/env
cd /app
# The back-end starts from its V8 startup snapshot (snapshot.blob: the same source as main.mjs, every module
# already loaded; docs/machine.md "Boot"), with the V8 flags it was built with (V8 refuses it otherwise).
# STREAMSWAP_START=bundle (in env) starts main.mjs instead, the bundle host mode runs, to compare.
# STREAMSWAP_NODE_FLAGS (from env): more flags for node itself, e.g. V8 options chosen by measurement.
if [ "${STREAMSWAP_START:-snapshot}" = bundle ]; then
  exec /app/streamswap-rollup-http --port=5004 -- node ${STREAMSWAP_NODE_FLAGS:-} /app/main.mjs
fi
exec /app/streamswap-rollup-http --port=5004 -- node $(cat /app/snapshot.flags) ${STREAMSWAP_NODE_FLAGS:-} --snapshot-blob /app/snapshot.blob
