#!/usr/bin/env bash
# Shows that the drives are reproducible: makes the root and app drive images twice from their trees, boots a
# machine from each pair to the back-end's first /finish, and prints each image's sha256 and each machine
# template hash (the root hash at that first yield). Exit status 0 when both pairs are identical.
#   usage: check-reproducible.sh   (after test:machine has built the emulator, the kernel and the root tree)
source "$(dirname "$0")/common.sh"
M=$REPO/scripts/machine
linux=$(bash "$M/build-kernel.sh")
root=$(source_root)
declare -a hashes
for round in 1 2; do
  rootfs=$(STREAMSWAP_ROOTFS_REBUILD=1 bash "$M/build-rootfs.sh" 2>/dev/null)
  rm -f "$OUT"/app-*.ext2
  app=$(STREAMSWAP_MACHINE_SOURCE_ROOT=$root bash "$M/build-app.sh" 2>/dev/null)
  rsum=$(sha256sum "$(readlink -f "$rootfs")" | cut -d' ' -f1)
  asum=$(sha256sum "$(readlink -f "$app")" | cut -d' ' -f1)
  cm --ram-image="$(readlink -f "$linux")" --ram-length="${STREAMSWAP_MACHINE_RAM:-1Gi}" \
    --flash-drive="label:root,filename:$(readlink -f "$rootfs")" --flash-drive="label:app,filename:$(readlink -f "$app"),mount:false" \
    --no-init-splash --append-bootargs="$MACHINE_BOOTARGS" --assert-rolling-template --max-mcycle=20000000000 --final-hash >"$LOGS/repro-$round.log" 2>&1 || true
  template=$(grep -aE '^[0-9]+: [0-9a-f]{64}$' "$LOGS/repro-$round.log" | tail -n1)
  echo "round $round: rootfs.ext2 sha256 $rsum, app.ext2 sha256 $asum, template (mcycle: hash) $template"
  hashes[$round]="$rsum $asum $template"
done
[ "${hashes[1]}" = "${hashes[2]}" ] && echo "reproducible: both rounds gave the same bytes and the same template hash" && exit 0
echo "NOT reproducible"; exit 1
