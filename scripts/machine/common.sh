# Shared settings of scripts/machine/*.sh (sourced). Everything built lands in the cache, outside the repository.
#   STREAMSWAP_MACHINE_CACHE  cache directory (default ~/.cache/streamswap/machine)
#   MACHINE_EMULATOR_SRC      cartesi/machine-emulator checkout at v0.19.0
#   OPENSBI_SRC               cartesi/opensbi checkout at v1.3.1-ctsi-2
#   GUEST_TOOLS_SRC           cartesi/machine-guest-tools checkout at v0.17.1 (libcmt: sys-utils/libcmt)
#   LINUX_SRC                 Linux 6.12 source: a tree, a linux-source-6.12 .tar.xz, or Debian's linux-source-6.12 .deb
#                             (default: `apt-get download linux-source-6.12` into the cache)
# docs/machine.md says how to get each with git.
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CACHE=${STREAMSWAP_MACHINE_CACHE:-$HOME/.cache/streamswap/machine}
OUT=$CACHE/out
LOGS=$CACHE/logs
mkdir -p "$CACHE" "$OUT" "$LOGS"
NICE="nice -n 15"
log() { echo "== $(date -u +%H:%M:%S) $*" >&2; }
die() { echo "error: $*" >&2; exit 1; }
need_src() { # <var name> <what>
  local v=${!1:-}
  [ -n "$v" ] && [ -e "$v" ] || die "$1 must point at $2 (see docs/machine.md)"
}
# A key for a cache entry: the hash of the given files/dirs' contents plus extra strings.
content_key() {
  { for p in "$@"; do
      if [ -d "$p" ]; then (cd "$p" && find . -type f ! -path './.git/*' -print0 | LC_ALL=C sort -z | xargs -0 sha256sum)
      elif [ -f "$p" ]; then sha256sum <"$p"; else printf '%s\n' "$p"; fi
    done; } | sha256sum | cut -c1-16
}
# Copies a source (git checkout or plain tree) to a build dir, without .git.
copy_tree() { # <src> <dst>
  rm -rf "$2.tmp"; mkdir -p "$2.tmp"
  if [ -d "$1/.git" ] || [ -f "$1/.git" ]; then git -C "$1" archive HEAD | tar -x -C "$2.tmp"
  else cp -a "$1/." "$2.tmp/"; fi
  rm -rf "$2"; mv "$2.tmp" "$2"
}
# Makes a reproducible ext2 image of a directory: the same tree gives the same bytes. Fixed UUID and
# directory-hash seed; every time (inodes and superblock) zero. e2fsprogs 1.47.0 copies each file's
# ctime and stamps the superblock with the current time (it ignores SOURCE_DATE_EPOCH), so the times are
# zeroed with debugfs after mke2fs.
make_ext2() { # <dir> <image> <uuid> <label> [<slack KiB, default 65536>]
  local dir=$1 img=$2 uuid=$3 label=$4 slack=${5:-65536} kib blocks cmds
  find "$dir" -exec touch -h -d @0 {} +
  # Size: the tree plus a quarter and the slack, in 4 KiB blocks (deterministic for a given tree).
  kib=$(du -sk --apparent-size "$dir" | cut -f1); blocks=$(( (kib * 5 / 4 + slack) / 4 ))
  rm -f "$img"
  E2FSPROGS_FAKE_TIME=0 mke2fs -q -t ext2 -b 4096 -I 256 -m 0 -L "$label" -U "$uuid" -E hash_seed="$uuid" \
    -d "$dir" "$img" "$blocks" >&2
  cmds=$(mktemp)
  (cd "$dir" && find . -mindepth 1 | sed 's|^\.||') \
    | awk '{ gsub(/"/, "\\\""); print "\"" $0 "\"" }' >"$cmds.paths"
  # the tree's paths, plus what mke2fs makes itself: the root, lost+found, the bad-blocks and resize inodes
  printf '/\n/lost+found\n<1>\n<7>\n' >>"$cmds.paths"
  awk '{ printf "sif %s ctime 0\nsif %s atime 0\nsif %s mtime 0\nsif %s crtime 0\n", $0, $0, $0, $0 }' "$cmds.paths" >"$cmds"
  printf 'ssv mkfs_time 0\nssv mtime 0\nssv lastcheck 0\n' >>"$cmds"
  debugfs -w -f "$cmds" "$img" >/dev/null 2>"$LOGS/debugfs-$label.log"
  rm -f "$cmds" "$cmds.paths"
  # The superblock and its backups carry times debugfs cannot reach (mke2fs stamps the backups, debugfs stamps
  # s_wtime when it closes): zero s_mtime, s_wtime, s_lastcheck and s_mkfs_time in each, in place.
  local sb off
  for sb in 1024 $(dumpe2fs "$img" 2>/dev/null | sed -n 's/.*Backup superblock at \([0-9]*\).*/\1/p' | awk '{ print $1 * 4096 }'); do
    for off in 0x2C 0x30 0x40 0x108; do
      printf '\0\0\0\0' | dd of="$img" bs=1 seek=$((sb + off)) conv=notrunc status=none
    done
  done
  e2fsck -fn "$img" >"$LOGS/fsck-$label.log" 2>&1 || { tail "$LOGS/fsck-$label.log"; die "the $label image does not check clean"; }
}
# The source the machine's app and the host-mode run are built from. `head` (default): a snapshot of the
# committed HEAD (dapp, protocol, scripts) in the cache, with a node_modules that links the repository's
# packages but resolves @streamswap/* to the snapshot, so uncommitted edits in the working tree do not leak in.
# `tree`: the working tree as it is.
source_root() {
  if [ "${STREAMSWAP_MACHINE_SOURCE:-head}" = tree ]; then echo "$REPO"; return; fi
  local snap=$CACHE/source-head rev
  rev=$(git -C "$REPO" rev-parse HEAD)
  if [ ! -f "$snap/.rev-$rev" ]; then
    rm -rf "$snap"; mkdir -p "$snap/node_modules/@streamswap"
    git -C "$REPO" archive HEAD dapp protocol scripts machine package.json tsconfig.base.json | tar -x -C "$snap"
    for entry in "$REPO"/node_modules/* "$REPO"/node_modules/.bin; do
      case "$(basename "$entry")" in @streamswap) ;; *) ln -s "$entry" "$snap/node_modules/$(basename "$entry")" ;; esac
    done
    for pkg in "$REPO"/node_modules/@streamswap/*; do
      name=$(basename "$pkg")
      [ -d "$snap/$name" ] && ln -s "../../$name" "$snap/node_modules/@streamswap/$name" || true
    done
    touch "$snap/.rev-$rev"
  fi
  echo "$snap"
}
# Runs the built emulator's cartesi-machine.lua without `make install`.
EMU=$CACHE/emulator
cm() {
  LUA_PATH="$EMU/src/?.lua;;" LUA_CPATH="$EMU/src/?.so;;" PATH="$EMU/src:$PATH" lua5.4 "$EMU/src/cartesi-machine.lua" "$@"
}
# Appended to the emulator's default bootargs. panic=-1: a kernel panic resets (the machine halts) instead of
# spinning to the cycle limit. (The emulator's device tree gives the ISA only in the deprecated riscv,isa string;
# the kernel parses it because machine/kernel/streamswap.config sets CONFIG_RISCV_ISA_FALLBACK, which replaced
# the riscv_isa_fallback boot argument.)
MACHINE_BOOTARGS="panic=-1"
