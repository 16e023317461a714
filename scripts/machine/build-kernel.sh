#!/usr/bin/env bash
# Builds the machine's linux.bin: Cartesi's OpenSBI (PLATFORM=cartesi) with Linux 6.12 as its payload
# (fw_payload.bin: 2 MiB of OpenSBI, then the kernel Image at 0x200000). The kernel is Debian's
# linux-source-6.12 with the project's cmio driver (machine/kernel/cmio) and machine/kernel/streamswap.config
# on top of allnoconfig. Cached by the sources, the driver and the config. Prints the path of linux.bin.
source "$(dirname "$0")/common.sh"
need_src OPENSBI_SRC "a cartesi/opensbi checkout at v1.3.1-ctsi-2"
KDIR=$REPO/machine/kernel
if [ -z "${LINUX_SRC:-}" ]; then
  deb=$(ls "$CACHE"/linux-source-6.12_*.deb 2>/dev/null | tail -n1 || true)
  if [ -z "$deb" ]; then
    log "downloading Debian's linux-source-6.12 (apt-get download)"
    (cd "$CACHE" && apt-get download linux-source-6.12 >&2)
    deb=$(ls "$CACHE"/linux-source-6.12_*.deb | tail -n1)
  fi
  LINUX_SRC=$deb
fi
[ -e "$LINUX_SRC" ] || die "LINUX_SRC=$LINUX_SRC does not exist"
if [ -d "$LINUX_SRC" ]; then src_id=$(cd "$LINUX_SRC" && make -s kernelversion 2>/dev/null || basename "$LINUX_SRC")
else src_id=$(basename "$LINUX_SRC")-$(stat -c %s "$LINUX_SRC"); fi
key=$(content_key "$src_id" "$KDIR" "$OPENSBI_SRC/platform" "$OPENSBI_SRC/Makefile" "$0")
if [ -f "$OUT/linux-$key.bin" ]; then
  ln -sfn "linux-$key.bin" "$OUT/linux.bin"; echo "$OUT/linux.bin"; exit 0
fi

# The kernel tree (unpacked once per source; the driver and config are laid on top every time).
LDIR=$CACHE/linux
if [ ! -f "$LDIR/.src-$src_id" ]; then
  log "unpacking $LINUX_SRC into $LDIR"
  rm -rf "$LDIR" "$LDIR.tmp"; mkdir -p "$LDIR.tmp"
  case "$LINUX_SRC" in
    *.deb) dpkg-deb --fsys-tarfile "$LINUX_SRC" | tar -x -C "$LDIR.tmp" --wildcards '*/linux-source-*.tar.xz'
           tar -xJf "$LDIR.tmp"/usr/src/linux-source-*.tar.xz -C "$LDIR.tmp"; rm -rf "$LDIR.tmp/usr"
           mv "$LDIR.tmp"/linux-source-* "$LDIR" ;;
    *.tar.xz) tar -xJf "$LINUX_SRC" -C "$LDIR.tmp"; mv "$LDIR.tmp"/*/ "$LDIR" ;;
    *) [ -d "$LINUX_SRC" ] || die "LINUX_SRC: a tree, a .tar.xz or a .deb"; copy_tree "$LINUX_SRC" "$LDIR" ;;
  esac
  rm -rf "$LDIR.tmp"; touch "$LDIR/.src-$src_id"
fi
# The cmio driver as drivers/streamswap-cmio, its uapi header where libcmt and the driver include it.
rm -rf "$LDIR/drivers/streamswap-cmio"; mkdir -p "$LDIR/drivers/streamswap-cmio" "$LDIR/include/uapi/linux/cartesi"
cp "$KDIR/cmio/cmio.c" "$KDIR/cmio/Kconfig" "$KDIR/cmio/Makefile" "$LDIR/drivers/streamswap-cmio/"
cp "$KDIR/cmio/uapi/linux/cartesi/cmio.h" "$LDIR/include/uapi/linux/cartesi/cmio.h"
grep -q streamswap-cmio "$LDIR/drivers/Makefile" || echo 'obj-y += streamswap-cmio/' >> "$LDIR/drivers/Makefile"
grep -q streamswap-cmio "$LDIR/drivers/Kconfig" || sed -i '$i source "drivers/streamswap-cmio/Kconfig"' "$LDIR/drivers/Kconfig"
KMAKE=(make -C "$LDIR" ARCH=riscv CROSS_COMPILE=riscv64-linux-gnu- KBUILD_BUILD_TIMESTAMP=@0 KBUILD_BUILD_USER=streamswap KBUILD_BUILD_HOST=machine)
"${KMAKE[@]}" -s allnoconfig >&2
"$LDIR/scripts/kconfig/merge_config.sh" -m -O "$LDIR" "$LDIR/.config" "$KDIR/streamswap.config" >/dev/null
"${KMAKE[@]}" -s olddefconfig >&2
# Every line of the fragment must have survived olddefconfig (a missing dependency drops it silently).
missing=$(grep -E '^(CONFIG_|# CONFIG_)' "$KDIR/streamswap.config" | while read -r line; do grep -qxF "$line" "$LDIR/.config" || echo "$line"; done)
[ -z "$missing" ] || die "kernel config lines not taken: $missing"
log "building the kernel Image (a few minutes)"
$NICE "${KMAKE[@]}" -j"$(nproc)" Image >"$LOGS/kernel.log" 2>&1 || { tail -n 30 "$LOGS/kernel.log"; die "kernel build failed"; }

log "building OpenSBI fw_payload with the kernel"
SDIR=$CACHE/opensbi
copy_tree "$OPENSBI_SRC" "$SDIR"
$NICE make -C "$SDIR" PLATFORM=cartesi CROSS_COMPILE=riscv64-linux-gnu- FW_PAYLOAD=y FW_PAYLOAD_OFFSET=0x200000 \
  FW_PAYLOAD_PATH="$LDIR/arch/riscv/boot/Image" -j"$(nproc)" >"$LOGS/opensbi.log" 2>&1 \
  || { tail -n 30 "$LOGS/opensbi.log"; die "OpenSBI build failed"; }
cp "$SDIR/build/platform/cartesi/firmware/fw_payload.bin" "$OUT/linux-$key.bin"
ln -sfn "linux-$key.bin" "$OUT/linux.bin"
echo "$OUT/linux.bin"
