#!/usr/bin/env bash
# The native SQLite binding for the machine's app drive (build-app.sh with STREAMSWAP_MACHINE_SQLITE=native):
# better-sqlite3's addon, better_sqlite3.node, for riscv64 and the machine's own Node. Cross-compiled on the host
# (riscv64-linux-gnu-g++-12, already among the packages docs/machine.md lists) by the package's own node-gyp
# build, against the headers of the root tree's Node: Debian's libnode-dev of exactly the root's nodejs version,
# fetched with `apt-get download` inside a throwaway copy of the root tree (the tree itself is not written to).
# About a minute on the host, where compiling it under qemu-user in the root takes about 20. Cached by the
# package's contents, the Node version and this script. Prints the path of the addon.
source "$(dirname "$0")/common.sh"
ROOT=$CACHE/rootfs
[ -x "$ROOT/usr/bin/node" ] || die "no root tree at $ROOT: run build-rootfs.sh first"
for tool in riscv64-linux-gnu-gcc-12 riscv64-linux-gnu-g++-12 make python3 dpkg-deb; do
  command -v "$tool" >/dev/null || die "$tool is missing: apt-get install the packages docs/machine.md lists"
done
# The source: the repository's installed better-sqlite3 (the version of package-lock.json; its sqlite3.c is in deps/).
pkg=$(cd "$REPO" && node -p 'require("node:path").dirname(require.resolve("better-sqlite3/package.json"))')
version=$(node -p "require('$pkg/package.json').version")
node_version=$(dpkg-query --admindir="$ROOT/var/lib/dpkg" -W -f '${Version}' nodejs)
[ -n "$node_version" ] || die "no nodejs package in the root tree"

# The headers of the machine's Node.
headers=$CACHE/node-headers/$node_version
if [ ! -f "$headers/usr/include/node/node.h" ]; then
  log "fetching libnode-dev $node_version (the machine's Node headers) with apt inside a copy of the root tree"
  work=$CACHE/node-headers-root
  rm -rf "$work" "$headers.tmp"; cp -a "$ROOT" "$work"; cp /etc/resolv.conf "$work/etc/resolv.conf"
  $NICE unshare --mount sh -ec "mount -t proc proc '$work/proc'
    chroot '$work' /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 /bin/sh -ec '
      apt-get update -qq
      cd /tmp && apt-get download -qq libnode-dev=$node_version'" >"$LOGS/node-headers.log" 2>&1 \
    || { tail -n 20 "$LOGS/node-headers.log"; die "could not download libnode-dev $node_version (a newer trixie point release may have replaced it: rebuild the root tree)"; }
  mkdir -p "$headers.tmp"; dpkg-deb -x "$work"/tmp/libnode-dev_*.deb "$headers.tmp"
  rm -rf "$work"; rm -rf "$headers"; mv "$headers.tmp" "$headers"
fi

key=$(content_key "$pkg/package.json" "$pkg/binding.gyp" "$pkg/src" "$pkg/deps" "$headers/usr/include/node" "$0")
out=$CACHE/sqlite-native/$key
if [ ! -f "$out/better_sqlite3.node" ]; then
  log "cross-compiling better-sqlite3 $version for riscv64 against Node $node_version's headers"
  gyp=$(dirname "$(readlink -f "$(command -v npm)")")/../node_modules/node-gyp/bin/node-gyp.js
  [ -f "$gyp" ] || die "npm's bundled node-gyp is not at $gyp"
  build=$CACHE/sqlite-native/build
  rm -rf "$build" "$out"; mkdir -p "$build"
  (cd "$pkg" && tar --exclude=./build --exclude=./node_modules -cf - .) | tar -x -C "$build"
  (cd "$build" && CC=riscv64-linux-gnu-gcc-12 CXX=riscv64-linux-gnu-g++-12 LINK=riscv64-linux-gnu-g++-12 \
    AR=riscv64-linux-gnu-gcc-ar-12 $NICE node "$gyp" rebuild --release --arch=riscv64 --nodedir="$headers/usr" -j 2) \
    >"$LOGS/sqlite-native.log" 2>&1 || { tail -n 30 "$LOGS/sqlite-native.log"; die "compiling better-sqlite3 failed"; }
  mkdir -p "$out.tmp"
  # Debug sections only: the dynamic symbols Node looks up stay.
  riscv64-linux-gnu-strip --strip-debug -o "$out.tmp/better_sqlite3.node" "$build/build/Release/better_sqlite3.node" 2>/dev/null \
    || cp "$build/build/Release/better_sqlite3.node" "$out.tmp/better_sqlite3.node"
  printf 'better-sqlite3 %s for Node %s (riscv64)\n' "$version" "$node_version" >"$out.tmp/VERSION"
  rm -rf "$build"; mv "$out.tmp" "$out"
fi
echo "$out/better_sqlite3.node"
