#!/usr/bin/env bash
# Builds the machine's app drive (mounted read-only at /app): the bundled back-end and its V8 startup snapshot
# (what init.sh starts), node-sqlite3-wasm, the Rollup HTTP API server, init.sh and env (the environment the
# back-end runs with). Reproducible ext2 like the root drive. Prints the image path.
#   STREAMSWAP_MACHINE_ENV     extra lines for /app/env (e.g. "export STREAMSWAP_SQLITE_TUNING=off") to measure a setting
#   STREAMSWAP_MACHINE_SQLITE  native (default): the native better-sqlite3 (its addon cross-compiled by
#                              build-sqlite-native.sh, as /app/better_sqlite3.node) beside the WebAssembly SQLite;
#                              the back-end runs on the native one (machine/app/env). wasm: the WebAssembly SQLite
#                              only, and STREAMSWAP_SQLITE=wasm appended to /app/env (docs/machine.md compares them)
source "$(dirname "$0")/common.sh"
SQLITE=${STREAMSWAP_MACHINE_SQLITE:-native}
case "$SQLITE" in wasm|native) ;; *) die "STREAMSWAP_MACHINE_SQLITE must be wasm or native, not $SQLITE" ;; esac
server=$(bash "$REPO/scripts/machine/build-rollup-http.sh")
[ "$SQLITE" = wasm ] || addon=$(bash "$REPO/scripts/machine/build-sqlite-native.sh")
STAGE=$CACHE/app-stage
rm -rf "$STAGE"; mkdir -p "$STAGE"
STREAMSWAP_MACHINE_SQLITE=$SQLITE node "$REPO/scripts/machine/bundle-app.mjs" "${STREAMSWAP_MACHINE_SOURCE_ROOT:-$REPO}" "$STAGE" >&2
rm -f "$STAGE/.better-sqlite3-stub.mjs"
# The V8 startup snapshot of the back-end (machine/app/snapshot-entry.ts), made by the machine's own riscv64 node
# under qemu-user in the root tree (a V8 snapshot only loads in the same node build): the stage is bind-mounted
# on the tree's empty /mnt in a private mount and pid namespace, so the tree itself is not written to and the
# pid Node sees is always the same. V8 refuses a snapshot made with other V8 flags, so the flags are kept in
# snapshot.flags for init.sh. They make the blob the same bytes on every build: fixed hash and random seeds (the
# machine is deterministic anyway, so its seeds were never secret), no helper threads, and --predictable: without
# it V8's memory reducer and heap growing follow wall-clock timers, so a build on a loaded host collected garbage
# at other points and gave another heap (check-reproducible.sh caught it).
SNAPSHOT_FLAGS="--hash-seed=1 --random-seed=1 --single-threaded --predictable"
ROOT=$CACHE/rootfs
[ -x "$ROOT/usr/bin/node" ] || die "no root tree at $ROOT: run build-rootfs.sh first"
[ -z "$(ls -A "$ROOT/mnt")" ] || die "$ROOT/mnt is not empty"
log "building the back-end's V8 startup snapshot (riscv64 node under qemu-user)"
$NICE unshare --mount --pid --fork sh -ec "mount --bind '$STAGE' '$ROOT/mnt'
  chroot '$ROOT' /usr/bin/env -i PATH=/usr/bin:/bin HOME=/tmp \
    node $SNAPSHOT_FLAGS --snapshot-blob /mnt/snapshot.blob --build-snapshot /mnt/snapshot-entry.cjs" \
  2> >(grep -v 'Ignoring extra certs' >&2) >&2 || die "building the startup snapshot failed"
[ -s "$STAGE/snapshot.blob" ] || die "no snapshot.blob was written"
rm -f "$STAGE/snapshot-entry.cjs"
printf '%s\n' "$SNAPSHOT_FLAGS" >"$STAGE/snapshot.flags"
install -m 0755 "$(readlink -f "$server")" "$STAGE/streamswap-rollup-http"
install -m 0755 "$REPO/machine/app/init.sh" "$STAGE/init.sh"
install -m 0644 "$REPO/machine/app/env" "$STAGE/env"
if [ "$SQLITE" = native ]; then
  install -m 0644 "$addon" "$STAGE/better_sqlite3.node"
else
  printf '%s\n' '# build-app.sh, STREAMSWAP_MACHINE_SQLITE=wasm: no native addon on this drive' 'export STREAMSWAP_SQLITE=wasm' >>"$STAGE/env"
fi
[ -z "${STREAMSWAP_MACHINE_ENV:-}" ] || printf '%s\n' "$STREAMSWAP_MACHINE_ENV" >>"$STAGE/env"
key=$(content_key "$STAGE" "$0" "$REPO/scripts/machine/common.sh")
img=$OUT/app-$key.ext2
if [ ! -f "$img" ]; then
  make_ext2 "$STAGE" "$img.tmp" 5d1a6e5c-57e4-4b1e-9d3a-7a5c3ea5e002 app 4096   # read-only: little slack
  mv "$img.tmp" "$img"
fi
ln -sfn "$(basename "$img")" "$OUT/app.ext2"
echo "$OUT/app.ext2"
