#!/usr/bin/env bash
# Builds, for riscv64 Linux, libcmt (from the machine-guest-tools checkout) and the project's Rollup HTTP API
# server over it (machine/rollup-http). Static binary, cached by the sources. Prints its path.
source "$(dirname "$0")/common.sh"
need_src GUEST_TOOLS_SRC "a cartesi/machine-guest-tools checkout at v0.17.1"
LIBCMT_SRC=$GUEST_TOOLS_SRC/sys-utils/libcmt
[ -d "$LIBCMT_SRC/src" ] || die "no sys-utils/libcmt in GUEST_TOOLS_SRC=$GUEST_TOOLS_SRC"
key=$(content_key "$LIBCMT_SRC/src" "$LIBCMT_SRC/include" "$REPO/machine/rollup-http" "$REPO/machine/kernel/cmio/uapi" "$0")
bin=$OUT/streamswap-rollup-http-$key
if [ ! -x "$bin" ]; then
  log "building libcmt and streamswap-rollup-http for riscv64"
  B=$CACHE/libcmt
  copy_tree "$LIBCMT_SRC" "$B"
  # libcmt includes <linux/cartesi/cmio.h>: the uapi header of the project's cmio driver.
  CFLAGS="-I$REPO/machine/kernel/cmio/uapi" $NICE make -C "$B" libcmt TOOLCHAIN_PREFIX=riscv64-linux-gnu- >"$LOGS/libcmt.log" 2>&1 \
    || { tail -n 20 "$LOGS/libcmt.log"; die "libcmt build failed"; }
  $NICE riscv64-linux-gnu-gcc -O2 -Wall -Wextra -static -o "$bin.tmp" "$REPO/machine/rollup-http/rollup-http.c" \
    -I"$B/include" "$B/build/riscv64/libcmt.a"
  mv "$bin.tmp" "$bin"
fi
ln -sfn "$(basename "$bin")" "$OUT/streamswap-rollup-http"
echo "$OUT/streamswap-rollup-http"
