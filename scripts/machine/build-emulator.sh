#!/usr/bin/env bash
# Builds the Cartesi machine emulator (cartesi/machine-emulator v0.19.0) from MACHINE_EMULATOR_SRC into the
# cache, with Debian's toolchains: `make uarch` regenerates the microarchitecture files the release ships as a
# diff, with riscv64-unknown-elf-gcc and the lp64 glibc stub header the emulator's own Dockerfile installs
# (given here through an include directory instead of writing into /usr). About 5 min on 2 idle cores.
# It runs from its tree (cartesi-machine.lua with LUA_PATH/LUA_CPATH on src/). Prints the tree.
source "$(dirname "$0")/common.sh"
need_src MACHINE_EMULATOR_SRC "a cartesi/machine-emulator checkout at v0.19.0"
key=$(content_key "$MACHINE_EMULATOR_SRC/src" "$MACHINE_EMULATOR_SRC/uarch" "$MACHINE_EMULATOR_SRC/Makefile" "$0")
if [ ! -f "$EMU/.built-$key" ]; then
  log "building the emulator (about 5 min on 2 idle cores)"
  copy_tree "$MACHINE_EMULATOR_SRC" "$EMU"
  mkdir -p "$EMU/.inc/gnu"
  cp "$EMU/tools/gnu/stubs-lp64.h" "$EMU/.inc/gnu/"
  inc="-I/usr/riscv64-linux-gnu/include/c++/12 -I/usr/riscv64-linux-gnu/include/c++/12/riscv64-linux-gnu -I$EMU/.inc -I/usr/riscv64-linux-gnu/include"
  $NICE make -C "$EMU" -j"$(nproc)" DEV_ENV_HAS_TOOLCHAIN=yes TOOLCHAIN_INCS="$inc" >"$LOGS/emulator.log" 2>&1 \
    || { tail -n 30 "$LOGS/emulator.log"; die "emulator build failed"; }
  touch "$EMU/.built-$key"
fi
cm --version >/dev/null 2>&1 || die "the built emulator does not run (lua5.4 $EMU/src/cartesi-machine.lua --version)"
echo "$EMU"
