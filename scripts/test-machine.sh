#!/usr/bin/env bash
# `npm run test:machine`: the back-end inside the real Cartesi machine, compared with host mode.
# Builds (and caches) the emulator, OpenSBI + Linux with the project's cmio driver, the root and app drives and
# the Rollup HTTP API server; boots to the back-end's first /finish and stores the snapshot; replays the corpus
# (scripts/machine/corpus.ts) there and in host mode and compares every output, report and accept/reject.
# Prints the cycle figures as one JSON line and `N passed, M failed` last. docs/machine.md has the details.
#
#   MACHINE_EMULATOR_SRC, OPENSBI_SRC, GUEST_TOOLS_SRC, LINUX_SRC   source checkouts (docs/machine.md)
#   STREAMSWAP_MACHINE_CACHE   cache (default ~/.cache/streamswap/machine)
#   STREAMSWAP_MACHINE_SOURCE  head (default: the committed HEAD) or tree (the working tree)
#   STREAMSWAP_MACHINE_INPUTS  advance inputs in the corpus (default 1000; one inspect every 8)
#   STREAMSWAP_MACHINE_ENV     extra lines for the app drive's env file (to measure a setting)
#   STREAMSWAP_MACHINE_SNAPSHOT  replay against this stored machine instead of building one (e.g. the
#                              .cartesi/image that `cartesi build` makes); only the emulator is built
set -euo pipefail
source "$(dirname "$0")/machine/common.sh"
M=$REPO/scripts/machine
started=$(date +%s)
for tool in lua5.4 riscv64-linux-gnu-gcc riscv64-unknown-elf-gcc debootstrap mke2fs debugfs; do
  command -v "$tool" >/dev/null || die "$tool is missing: apt-get install the packages docs/machine.md lists"
done
[ -e /proc/sys/fs/binfmt_misc/register ] || mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc

if [ -n "${STREAMSWAP_MACHINE_SNAPSHOT:-}" ]; then
  bash "$M/build-emulator.sh" >/dev/null
  root=$(source_root)
  snap=$(readlink -f "$STREAMSWAP_MACHINE_SNAPSHOT")
  boot_cycles=$(cm --load="$snap" --max-mcycle=0 2>&1 | sed -n 's/^Cycles: //p' | tail -n1)
  log "replaying against the stored machine $snap (mcycle $boot_cycles at its first yield)"
else
  # The long builds are independent: run them side by side.
  bash "$M/build-emulator.sh" >"$CACHE/.emulator.path" 2>"$LOGS/step-emulator.err" & p1=$!
  bash "$M/build-kernel.sh" >"$CACHE/.kernel.path" 2>"$LOGS/step-kernel.err" & p2=$!
  bash "$M/build-rootfs.sh" >"$CACHE/.rootfs.path" 2>"$LOGS/step-rootfs.err" & p3=$!
  rc=0
  wait $p1 || { cat "$LOGS/step-emulator.err" >&2; rc=1; }
  wait $p2 || { cat "$LOGS/step-kernel.err" >&2; rc=1; }
  wait $p3 || { cat "$LOGS/step-rootfs.err" >&2; rc=1; }
  [ "$rc" = 0 ] || { echo; echo "0 passed, 1 failed"; exit 1; }
  cat "$LOGS/step-rootfs.err" >&2
  linux=$(cat "$CACHE/.kernel.path"); rootfs=$(cat "$CACHE/.rootfs.path")
  root=$(source_root)
  log "source: $root ($(git -C "$REPO" rev-parse --short HEAD)${STREAMSWAP_MACHINE_SOURCE:+, $STREAMSWAP_MACHINE_SOURCE})"
  app=$(STREAMSWAP_MACHINE_SOURCE_ROOT=$root bash "$M/build-app.sh")
  snap=$(bash "$M/build-snapshot.sh" "$linux" "$rootfs" "$app")
  boot_cycles=$(sed -n 's/.*"bootCycles":\([0-9]*\).*/\1/p' "$snap/boot.json")
  log "linux.bin $(sha256sum "$(readlink -f "$linux")" | cut -c1-16)…, rootfs.ext2 $(sha256sum "$(readlink -f "$rootfs")" | cut -d' ' -f1), app.ext2 $(sha256sum "$(readlink -f "$app")" | cut -c1-16)…"
  log "machine template: $(cat "$snap/boot.json")"
fi
log "built in $(( $(date +%s) - started )) s; replaying the corpus"

node "$M/bundle-runner.mjs" "$root"
work=$CACHE/run-$(date -u +%Y%m%dT%H%M%S)
log "$(date -u '+%Y-%m-%d %H:%M UTC'), $(uname -m) host, $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), load $(cut -d' ' -f1-3 /proc/loadavg)"
set +e
mkdir -p "$work"
node "$root/.machine-host/run-corpus.mjs" --snapshot "$snap" --emulator "$EMU" --replay "$M/replay.lua" \
  --host-main "$root/.machine-host/host-main.mjs" --work "$work" --advances "${STREAMSWAP_MACHINE_INPUTS:-1000}" \
  --boot-cycles "$boot_cycles" | tee "$work/summary.txt"
rc=${PIPESTATUS[0]}
set -e
log "done in $(( $(date +%s) - started )) s (work files in $work)"
echo
tail -n1 "$work/summary.txt" | grep -E '^[0-9]+ passed, [0-9]+ failed$' || echo "0 passed, 1 failed"
exit $rc
