#!/usr/bin/env bash
# `npm run test:riscv`: proves, without Docker, that the back-end runs on riscv64, the architecture of
# the Cartesi machine. Under qemu-user-static + binfmt it builds (once) a Debian trixie riscv64 root
# with debootstrap, installs Node and the back-end's production dependencies inside it (compiling the
# native better-sqlite3 there), runs every back-end unit test there (on the native binding, the storage
# contract on both bindings), then the benchmark, then the determinism check: a recorded corpus of
# STREAMSWAP_RISCV_INPUTS inputs (scripts/riscv/corpus.ts: every input kind, rejections included, seeded) replayed
# on the host and under riscv64, every output and the final state digest compared byte for byte.
# Prints the benchmark's JSON line, the determinism line
# {"bench":"riscv-determinism","inputs":N,"digestEqual":true,"outputsEqual":true}, then `N passed, M failed` for
# the unit tests as its last line.
#
# Cached between runs (outside the repository): the root, its node_modules and the native build, keyed by versions.
#   STREAMSWAP_RISCV_CACHE  cache directory (default ~/.cache/streamswap)
#   STREAMSWAP_RISCV_STREAMS  open streams in the benchmark (default 100000)
#   STREAMSWAP_SQLITE       force a binding inside the root (better|wasm; default: openDatabase's choice, better)
#   STREAMSWAP_RISCV_ONLY   `bench` runs only the benchmark (no unit tests, no `N passed` line); with a cached
#                           root: `STREAMSWAP_RISCV_ONLY=bench npm run test:riscv`. `determinism` runs only the
#                           determinism check: `STREAMSWAP_RISCV_ONLY=determinism npm run test:riscv`
#   STREAMSWAP_RISCV_INPUTS inputs in the determinism corpus (default 10000)
#   STREAMSWAP_RISCV_NATIVE=0  skip compiling better-sqlite3 in the root (about 20 min under emulation): install the
#                           bindings without their install scripts and run on WebAssembly (sets STREAMSWAP_SQLITE=wasm)
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
CACHE=${STREAMSWAP_RISCV_CACHE:-$HOME/.cache/streamswap}
ROOT=$CACHE/riscv64-trixie
ROOT_MARK=.streamswap-root-v1
APP=/opt/streamswap          # inside the root
STREAMS=${STREAMSWAP_RISCV_STREAMS:-100000}
INPUTS=${STREAMSWAP_RISCV_INPUTS:-10000}
NATIVE=${STREAMSWAP_RISCV_NATIVE:-1}
if [ "$NATIVE" = 0 ]; then export STREAMSWAP_SQLITE=wasm; fi
if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
log() { echo "== $*" >&2; }

# ---------------------------------------------------------------------------------------------------
# Host: binfmt_misc + qemu-user-static (riscv64 ELF binaries run transparently), debootstrap.
if [ ! -e /proc/sys/fs/binfmt_misc/register ]; then
  $SUDO mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
fi
if [ ! -e /proc/sys/fs/binfmt_misc/qemu-riscv64 ] || ! command -v debootstrap >/dev/null 2>&1; then
  log "installing qemu-user-static binfmt-support debootstrap"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq qemu-user-static binfmt-support debootstrap >/dev/null
  [ -e /proc/sys/fs/binfmt_misc/qemu-riscv64 ] || $SUDO update-binfmts --enable qemu-riscv64
fi

# Mounts /proc in a root for the duration of one command (Node needs it), always unmounting it.
in_root() {
  local root=$1; shift
  mountpoint -q "$root/proc" || $SUDO mount -t proc proc "$root/proc"
  local rc=0
  $SUDO chroot "$root" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    HOME=/root LANG=C.UTF-8 ${STREAMSWAP_SQLITE:+STREAMSWAP_SQLITE=$STREAMSWAP_SQLITE} "$@" || rc=$?
  $SUDO umount "$root/proc" 2>/dev/null || true
  return $rc
}
cleanup() {
  for r in "$ROOT" "$ROOT.tmp"; do mountpoint -q "$r/proc" 2>/dev/null && $SUDO umount "$r/proc" || true; done
}
trap cleanup EXIT

# Network bits the root needs for apt and npm: DNS, and the CA of the proxy in front of the registry.
copy_host_net() {
  $SUDO mkdir -p "$1/etc/ssl/certs"
  $SUDO cp /etc/resolv.conf "$1/etc/resolv.conf"
  $SUDO cp /etc/ssl/certs/ca-certificates.crt "$1/etc/ssl/certs/host-ca.crt"
}

# ---------------------------------------------------------------------------------------------------
# The root: Debian trixie riscv64, minbase, plus Node, npm and a C++ toolchain (once; ~15 min).
if [ ! -f "$ROOT/$ROOT_MARK" ]; then
  mirror=$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/*.sources 2>/dev/null | grep -v security | head -n1 || true)
  [ -n "$mirror" ] || mirror=$(awk '/^deb / && !/security/ {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
  mirror=${mirror:-http://deb.debian.org/debian}
  if [ ! -f "$ROOT.tmp/.debootstrap-done" ]; then
    log "debootstrap Debian trixie riscv64 from $mirror into $ROOT.tmp (about 5 min)"
    cleanup
    $SUDO rm -rf "$ROOT.tmp"
    mkdir -p "$CACHE"
    # --include would fail on npm's dependencies; the packages are added with apt inside the root below.
    $SUDO debootstrap --arch=riscv64 --variant=minbase trixie "$ROOT.tmp" "$mirror" >"$CACHE/debootstrap.log" 2>&1 \
      || { tail -n 20 "$CACHE/debootstrap.log"; exit 1; }
    $SUDO touch "$ROOT.tmp/.debootstrap-done"
  fi
  copy_host_net "$ROOT.tmp"
  log "installing nodejs npm g++ make python3 inside the root (about 10 min under emulation)"
  in_root "$ROOT.tmp" /bin/sh -ec '
    export DEBIAN_FRONTEND=noninteractive
    dpkg --configure -a
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends nodejs npm g++ make python3 ca-certificates >/dev/null
    apt-get clean
    npm config set --location=global cafile /etc/ssl/certs/host-ca.crt
    npm config set --location=global fund false
    npm config set --location=global audit false
    node -e "if (process.arch !== \"riscv64\") process.exit(1)"
  '
  $SUDO touch "$ROOT.tmp/$ROOT_MARK"
  $SUDO mv "$ROOT.tmp" "$ROOT"
fi
copy_host_net "$ROOT"

# ---------------------------------------------------------------------------------------------------
# Production dependencies of the back-end bundle inside the root, exactly as the Dockerfile installs them:
# dapp/dist/package.json's SQLite bindings at the versions of package-lock.json. better-sqlite3 has no riscv64
# prebuilt binary, so its install script compiles it here with the root's g++ against Debian's Node headers
# (once, cached by the versions: about 20 min under emulation, most of it sqlite3.c at -O3).
deps_json=$(node -e '
  const pkgs = ["better-sqlite3", "node-sqlite3-wasm"];
  const deps = Object.fromEntries(pkgs.map((p) => [p, require(`./node_modules/${p}/package.json`).version]));
  console.log(JSON.stringify({ name: "streamswap-backend", private: true, type: "module", dependencies: deps }, null, 2));
')
if [ "$NATIVE" = 0 ]; then deps_mode=wasm-only; install_flags=--ignore-scripts; else deps_mode=native; install_flags=--build-from-source; fi
deps_key=$(printf '%s %s' "$deps_json" "$deps_mode" | sha256sum | cut -c1-16)
if [ ! -f "$ROOT$APP/.deps-$deps_key" ]; then
  if [ "$NATIVE" = 0 ]; then
    log "installing the back-end's production dependencies inside the root, without compiling better-sqlite3 (STREAMSWAP_RISCV_NATIVE=0: WebAssembly)"
  else
    log "installing the back-end's production dependencies inside the root, compiling better-sqlite3 for riscv64 (about 20 min under emulation)"
  fi
  $SUDO rm -rf "$ROOT$APP"
  $SUDO mkdir -p "$ROOT$APP"
  printf '%s\n' "$deps_json" | $SUDO tee "$ROOT$APP/package.json" >/dev/null
  started=$(date +%s)
  in_root "$ROOT" /bin/sh -ec "cd $APP && npm install --omit=dev $install_flags --no-package-lock --loglevel=error" >&2
  log "production dependencies installed in $(( ($(date +%s) - started) / 60 )) min"
  $SUDO touch "$ROOT$APP/.deps-$deps_key"
fi
[ "$NATIVE" = 0 ] || in_root "$ROOT" /bin/sh -c "cd $APP && node -e \"const D = require('better-sqlite3'); const db = new D(':memory:'); db.defaultSafeIntegers(true); console.log('better-sqlite3 ' + require('better-sqlite3/package.json').version + ' on ' + process.arch + ': SELECT 1 = ' + db.prepare('SELECT 1 AS one').get().one)\"" >&2

# ---------------------------------------------------------------------------------------------------
# The tests and the benchmark, bundled on the host (plain JS for the root's Node), then run under riscv64.
log "bundling the back-end's unit tests and the benchmark"
$SUDO rm -rf "$ROOT$APP/bundle"
node scripts/riscv/bundle.mjs "$CACHE/bundle" >&2
$SUDO cp -r "$CACHE/bundle" "$ROOT$APP/bundle"    # resolves the bindings from $APP/node_modules

machine="$(uname -m) host, $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'); guest: $(in_root "$ROOT" /bin/sh -c 'echo "$(uname -m) node $(node --version)"')"
log "$(date -u '+%Y-%m-%d %H:%M UTC'), $machine"

ONLY=${STREAMSWAP_RISCV_ONLY:-}
case "$ONLY" in ''|bench|determinism) ;; *) echo "STREAMSWAP_RISCV_ONLY must be bench or determinism, not $ONLY" >&2; exit 2 ;; esac
if [ -z "$ONLY" ]; then
  log "unit tests under riscv64"
  tests_out=$CACHE/riscv-tests.log
  started=$(date +%s)
  set +e
  in_root "$ROOT" /bin/sh -c "cd $APP/bundle && node scripts/riscv/run-tests.mjs tests.txt" 2>&1 | tee "$tests_out"
  tests_rc=${PIPESTATUS[0]}
  set -e
  log "unit tests ran in $(( ($(date +%s) - started) / 60 )) min"
  summary=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$tests_out" | tail -n1 || true)
fi

# The benchmark's database is filled on the host (better-sqlite3; 100k openStream calls take about a minute
# natively and hours under emulation) and cached by the sources that write it; the measured operations run
# under riscv64, on a copy of that file, through the binding the machine uses.
bench_rc=0
if [ "$ONLY" = determinism ]; then
  :
elif [ -f "$CACHE/bundle/scripts/riscv/bench.mjs" ]; then
  bench_key=$(cat scripts/riscv/bench.ts $(find dapp/src protocol/src -name '*.ts' ! -name '*.test.ts' | sort) | sha256sum | cut -c1-16)
  bench_db=$CACHE/bench-$STREAMS-$bench_key.sqlite
  if [ ! -f "$bench_db" ]; then
    log "filling the benchmark's database with $STREAMS open streams on the host"
    rm -f "$CACHE"/bench-*.sqlite
    ln -sfn "$REPO/node_modules" "$CACHE/bundle/node_modules"
    STREAMSWAP_SQLITE=better node "$CACHE/bundle/scripts/riscv/bench.mjs" build "$bench_db.tmp" "$STREAMS" && mv "$bench_db.tmp" "$bench_db" || bench_rc=$?
  fi
  if [ "$bench_rc" = 0 ]; then
    log "benchmark under riscv64: $STREAMS open streams"
    $SUDO cp "$bench_db" "$ROOT/tmp/streamswap-bench.sqlite"
    in_root "$ROOT" /bin/sh -c "cd $APP/bundle && node scripts/riscv/bench.mjs run /tmp/streamswap-bench.sqlite $STREAMS" || bench_rc=$?
    $SUDO rm -f "$ROOT/tmp/streamswap-bench.sqlite"
  fi
else
  echo "bench: not built (see the bundling line above)" >&2
  bench_rc=1
fi

# Same answers on both architectures: the corpus is generated on the host (seeded; the generator asks the host's
# back-end which streams and orders exist so cancels aim at them), replayed by the host's back-end and by the
# riscv64 one from fresh databases, and every output line and the final digest are compared.
determinism_rc=0
if [ -z "$ONLY" ] || [ "$ONLY" = determinism ]; then
  if [ -f "$CACHE/bundle/scripts/riscv/determinism.mjs" ]; then
    det=$CACHE/determinism
    rm -rf "$det" && mkdir -p "$det"
    ln -sfn "$REPO/node_modules" "$CACHE/bundle/node_modules"
    log "determinism: generating the corpus ($INPUTS inputs) and replaying it on the host"
    STREAMSWAP_SQLITE=better node "$CACHE/bundle/scripts/riscv/determinism.mjs" generate "$det/corpus.jsonl" "$INPUTS" \
      && STREAMSWAP_SQLITE=better node "$CACHE/bundle/scripts/riscv/determinism.mjs" replay "$det/corpus.jsonl" "$det/host.txt" || determinism_rc=$?
    if [ "$determinism_rc" = 0 ]; then
      log "determinism: replaying the corpus under riscv64"
      started=$(date +%s)
      $SUDO cp "$det/corpus.jsonl" "$ROOT/tmp/streamswap-corpus.jsonl"
      in_root "$ROOT" /bin/sh -c "cd $APP/bundle && node scripts/riscv/determinism.mjs replay /tmp/streamswap-corpus.jsonl /tmp/streamswap-riscv.txt" || determinism_rc=$?
      $SUDO cp "$ROOT/tmp/streamswap-riscv.txt" "$det/riscv64.txt" 2>/dev/null || determinism_rc=1
      $SUDO rm -f "$ROOT/tmp/streamswap-corpus.jsonl" "$ROOT/tmp/streamswap-riscv.txt"
      log "determinism: riscv64 replay took $(( $(date +%s) - started )) s"
    fi
    if [ "$determinism_rc" = 0 ]; then
      node "$CACHE/bundle/scripts/riscv/determinism.mjs" compare "$det/host.txt" "$det/riscv64.txt" || determinism_rc=$?
    fi
  else
    echo "determinism: not built (see the bundling line above)" >&2
    determinism_rc=1
  fi
fi

if [ "$ONLY" = bench ]; then exit "$bench_rc"; fi
if [ "$ONLY" = determinism ]; then exit "$determinism_rc"; fi
echo
echo "${summary:-0 passed, 1 failed}"
if [ -z "$summary" ] || [ "$tests_rc" != 0 ]; then exit 1; fi
[ "$determinism_rc" = 0 ] || exit "$determinism_rc"
exit "$bench_rc"
