#!/usr/bin/env bash
# Boots the machine (linux.bin, the root and app drives, 1 GiB of RAM, as cartesi.toml's ram_length) until the
# back-end's first /finish (the first manual rx-accepted yield) and stores it: the machine template. Cached by
# the three images. Prints the snapshot directory; its boot.json holds the boot cycles and template hash.
#   usage: build-snapshot.sh <linux.bin> <rootfs.ext2> <app.ext2>
source "$(dirname "$0")/common.sh"
linux=$(readlink -f "$1"); rootfs=$(readlink -f "$2"); app=$(readlink -f "$3")
RAM=${STREAMSWAP_MACHINE_RAM:-1Gi}
key=$(content_key "$linux" "$rootfs" "$app" "$RAM" "$0" "$REPO/scripts/machine/common.sh")
snap=$CACHE/snapshots/$key
if [ ! -f "$snap/boot.json" ]; then
  log "booting the machine to the back-end's first /finish and storing the snapshot"
  rm -rf "$snap" "$snap.tmp"; mkdir -p "$(dirname "$snap")"
  cm --ram-image="$linux" --ram-length="$RAM" \
    --flash-drive="label:root,filename:$rootfs" --flash-drive="label:app,filename:$app,mount:false" \
    --no-init-splash --append-bootargs="$MACHINE_BOOTARGS" --assert-rolling-template --max-mcycle=20000000000 --final-hash --store="$snap.tmp" \
    >"$LOGS/boot.log" 2>&1 || { tail -n 40 "$LOGS/boot.log"; die "the boot failed"; }
  grep -q 'Manual yield rx-accepted' "$LOGS/boot.log" || { tail -n 40 "$LOGS/boot.log"; die "the machine did not reach the back-end's first /finish"; }
  cycles=$(grep -a '^Cycles: ' "$LOGS/boot.log" | tail -n1 | cut -d' ' -f2)
  hash=$(grep -aE '^[0-9]+: [0-9a-f]{64}$' "$LOGS/boot.log" | tail -n1 | cut -d' ' -f2)
  printf '{"bootCycles":%s,"templateHash":"%s"}\n' "$cycles" "$hash" >"$snap.tmp/boot.json"
  mv "$snap.tmp" "$snap"
fi
echo "$snap"
