#!/usr/bin/env bash
# Builds the machine's root drive: Debian trixie riscv64 minbase + nodejs + busybox, as a reproducible ext2
# image (fixed UUID and directory-hash seed, every inode and superblock time zeroed): the same tree gives
# the same bytes, so the machine's template hash is reproducible. Prints the image path; its sha256 goes to
# stderr. The tree (debootstrap, ~5 min, then the packages under qemu-user) is cached; the image is made
# from it again whenever the tree or machine/rootfs changes.
#   STREAMSWAP_ROOTFS_REBUILD=1  make the image again even if cached (to show it comes out the same)
source "$(dirname "$0")/common.sh"
ROOT=$CACHE/rootfs
MARK=.streamswap-rootfs-v1
UUID=5d1a6e5c-57e4-4b1e-9d3a-7a5c3ea5e001     # fixed: the image must not carry a random UUID
mountpoint_of() { [ -e /proc/sys/fs/binfmt_misc/register ] || mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc; }
mountpoint_of
[ -e /proc/sys/fs/binfmt_misc/qemu-riscv64 ] || die "no riscv64 binfmt handler: apt-get install qemu-user-static binfmt-support"

if [ ! -f "$ROOT/$MARK" ]; then
  mirror=$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/*.sources 2>/dev/null | grep -v security | head -n1 || true)
  mirror=${mirror:-http://deb.debian.org/debian}
  if [ ! -f "$ROOT.tmp/.debootstrap-done" ]; then
    log "debootstrap Debian trixie riscv64 minbase from $mirror (about 5-10 min)"
    rm -rf "$ROOT.tmp"
    $NICE debootstrap --arch=riscv64 --variant=minbase trixie "$ROOT.tmp" "$mirror" >"$LOGS/debootstrap.log" 2>&1 \
      || { tail -n 20 "$LOGS/debootstrap.log"; die "debootstrap failed"; }
    touch "$ROOT.tmp/.debootstrap-done"
  fi
  log "installing nodejs and busybox inside the root (qemu-user)"
  cp /etc/resolv.conf "$ROOT.tmp/etc/resolv.conf"
  mkdir -p "$ROOT.tmp/etc/ssl/certs"
  mountpoint -q "$ROOT.tmp/proc" || mount -t proc proc "$ROOT.tmp/proc"
  rc=0
  $NICE chroot "$ROOT.tmp" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive /bin/sh -ec '
    dpkg --configure -a
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends nodejs busybox >/dev/null
    apt-get clean
    node -e "if (process.arch !== \"riscv64\") process.exit(1)"
  ' >"$LOGS/rootfs-packages.log" 2>&1 || rc=$?
  umount "$ROOT.tmp/proc"
  [ "$rc" = 0 ] || { tail -n 20 "$LOGS/rootfs-packages.log"; die "installing packages in the root failed"; }
  # Nothing the machine needs, and things that differ from one build to the next.
  rm -rf "$ROOT.tmp"/var/lib/apt/lists/* "$ROOT.tmp"/var/cache/apt/* "$ROOT.tmp"/var/log/* "$ROOT.tmp"/tmp/* \
    "$ROOT.tmp"/usr/share/doc/* "$ROOT.tmp"/usr/share/man/* "$ROOT.tmp"/usr/share/locale/* "$ROOT.tmp"/usr/share/info/* \
    "$ROOT.tmp/.debootstrap-done" "$ROOT.tmp/etc/resolv.conf"
  : >"$ROOT.tmp/etc/machine-id"
  touch "$ROOT.tmp/$MARK"
  rm -rf "$ROOT"; mv "$ROOT.tmp" "$ROOT"
fi

# The staging tree: the cached root plus the project's init and mount points.
key=$(content_key "$ROOT/$MARK" "$REPO/machine/rootfs" "$0")
img=$OUT/rootfs-$key.ext2
if [ ! -f "$img" ] || [ "${STREAMSWAP_ROOTFS_REBUILD:-}" = 1 ]; then
  log "making the root drive image (ext2, reproducible)"
  STAGE=$CACHE/rootfs-stage
  rm -rf "$STAGE"; cp -a "$ROOT" "$STAGE"; rm -f "$STAGE/$MARK"
  install -m 0755 "$REPO/machine/rootfs/cartesi-init" "$STAGE/usr/sbin/cartesi-init"
  mkdir -p "$STAGE/app" "$STAGE/proc" "$STAGE/sys" "$STAGE/tmp" "$STAGE/dev"
  make_ext2 "$STAGE" "$img.tmp" "$UUID" root
  mv "$img.tmp" "$img"
  rm -rf "$STAGE"
fi
ln -sfn "$(basename "$img")" "$OUT/rootfs.ext2"
echo "rootfs.ext2 sha256 $(sha256sum "$img" | cut -d' ' -f1)" >&2
echo "$OUT/rootfs.ext2"
