#!/usr/bin/env bash
# Builds the machine's app drive (mounted read-only at /app): the bundled back-end, node-sqlite3-wasm, the
# Rollup HTTP API server, init.sh and env (the environment the back-end runs with). Reproducible ext2 like the
# root drive. Prints the image path.
#   STREAMSWAP_MACHINE_ENV  extra lines for /app/env (e.g. "export STREAMSWAP_SQLITE_TUNING=off") to measure a setting
source "$(dirname "$0")/common.sh"
server=$(bash "$REPO/scripts/machine/build-rollup-http.sh")
STAGE=$CACHE/app-stage
rm -rf "$STAGE"; mkdir -p "$STAGE"
node "$REPO/scripts/machine/bundle-app.mjs" "${STREAMSWAP_MACHINE_SOURCE_ROOT:-$REPO}" "$STAGE" >&2
rm -f "$STAGE/.better-sqlite3-stub.mjs"
install -m 0755 "$(readlink -f "$server")" "$STAGE/streamswap-rollup-http"
install -m 0755 "$REPO/machine/app/init.sh" "$STAGE/init.sh"
install -m 0644 "$REPO/machine/app/env" "$STAGE/env"
[ -z "${STREAMSWAP_MACHINE_ENV:-}" ] || printf '%s\n' "$STREAMSWAP_MACHINE_ENV" >>"$STAGE/env"
key=$(content_key "$STAGE" "$0" "$REPO/scripts/machine/common.sh")
img=$OUT/app-$key.ext2
if [ ! -f "$img" ]; then
  make_ext2 "$STAGE" "$img.tmp" 5d1a6e5c-57e4-4b1e-9d3a-7a5c3ea5e002 app 4096   # read-only: little slack
  mv "$img.tmp" "$img"
fi
ln -sfn "$(basename "$img")" "$OUT/app.ext2"
echo "$OUT/app.ext2"
