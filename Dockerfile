# syntax=docker.io/docker/dockerfile:1
#
# The streamswap back-end as a Cartesi machine (linux/riscv64), built by `cartesi build` (the last stage),
# plus two helper targets for docker-compose.yml: `web` (the web app as static files) and `deployer`
# (writes the address book once the rollups-node has deployed the application). docs/riscv.md explains it.
#
# Inside the machine:
#   entry      rollup-init (machine-guest-tools) starts the Rollup HTTP server on 127.0.0.1:5004 and then
#              runs CMD as the `dapp` user: `node dist/main.mjs`, the esbuild bundle of dapp/src/main.ts, the
#              same entry `npm start` runs on the host through tsx.
#   database   STREAMSWAP_DB=/tmp/streamswap/dapp.sqlite. cartesi-init mounts /tmp as a tmpfs (mode 1777), so
#              the SQLite file lives in the machine's RAM and is part of every machine snapshot; a rejected
#              input reverts it together with the rest of the machine. ram_size below leaves room for it.
#   binding    STREAMSWAP_SQLITE=better: the native better-sqlite3, compiled for riscv64 in the deps stage (it
#              has no riscv64 prebuilt binary), the binding `npm run test:riscv` compiles and proves on riscv64.
#              node-sqlite3-wasm (SQLite in WebAssembly) ships beside it as the fallback: STREAMSWAP_SQLITE=wasm.

# As the Cartesi CLI v2 templates for sdk 0.12 (cartesi/application-templates, rollups/typescript): Node on Ubuntu
# noble for riscv64, and the machine-guest-tools matching that sdk's emulator and kernel.
ARG NODE_VERSION=22.14.0
ARG MACHINE_GUEST_TOOLS_VERSION=0.17.2
ARG MACHINE_GUEST_TOOLS_SHA256SUM=c077573dbcf0cdc146adf14b480bfe454ca63aa4d3e8408c5487f550a5b77a41

################################################################################
# workspace: the monorepo's dependencies, on the build machine's own platform (nothing here runs on riscv64)
FROM --platform=$BUILDPLATFORM node:20-bookworm AS workspace

WORKDIR /src
COPY package.json package-lock.json tsconfig.base.json ./
COPY protocol/package.json protocol/
COPY dapp/package.json dapp/
COPY contracts/package.json contracts/
COPY devnode/package.json devnode/
COPY web/package.json web/
COPY e2e/package.json e2e/
COPY reader/package.json reader/
# --ignore-scripts: no native addon is built for the build machine (the bundle leaves the bindings out).
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY protocol protocol
COPY dapp dapp
COPY contracts contracts
COPY web web
COPY deploy deploy
COPY reader reader

################################################################################
# build stage: the back-end compiled into one bundle, dist/main.mjs, and dist/package.json naming the
# SQLite bindings it leaves external, at the versions of package-lock.json
FROM workspace AS build-stage
RUN npm run build -w dapp

################################################################################
# web: the web app as static files (docker-compose.yml serves it behind the proxy on :6751)
# Build-time settings of the web app (web/src/config/buildConfig.ts); docker-compose.yml builds it for its local
# devnet: chain 31337 with the development accounts.
FROM workspace AS web-build
ARG VITE_NODE_URL=http://127.0.0.1:6751
ARG VITE_CHAIN_ID=31337
ARG VITE_DEV_ACCOUNTS=false
ARG VITE_READER_URL=
RUN VITE_NODE_URL=${VITE_NODE_URL} VITE_CHAIN_ID=${VITE_CHAIN_ID} VITE_DEV_ACCOUNTS=${VITE_DEV_ACCOUNTS} VITE_READER_URL=${VITE_READER_URL} npm run build -w web

FROM nginx:1.27-alpine AS web
COPY --from=web-build /src/web/dist /usr/share/nginx/html

################################################################################
# deployer: writes the address book (GET /addresses) for the compose stack
FROM workspace AS deployer
CMD ["npx", "tsx", "deploy/address-book.ts"]

################################################################################
# reader: the verifying read replica beside the node (README, "Reader"); its SQLite binding is built here
# (the workspace installs without scripts)
FROM workspace AS reader
RUN npm rebuild better-sqlite3
EXPOSE 6752
CMD ["npx", "tsx", "reader/src/cli.ts", "--node", "http://rollups-node:10011/rpc", "--app", "streamswap", "--host", "0.0.0.0", "--port", "6752", "--db", "/var/lib/reader/replica.sqlite"]

################################################################################
# deps stage (riscv64): the production dependencies, installed and compiled for the machine's architecture,
# from dist/package-lock.json (the repository's lockfile narrowed to the bindings and what they depend on: the
# same versions and integrity hashes, transitive dependencies included). better-sqlite3 publishes no riscv64
# binary, so node-gyp compiles it here (about 20 min under emulation). It uses the image's own Node headers when
# the image has them (/usr/local/include/node/node.h: nothing is downloaded); otherwise node-gyp fetches the
# headers of the running Node's version. The compiler stays in this stage, only node_modules reaches the machine.
FROM --platform=linux/riscv64 cartesi/node:${NODE_VERSION}-noble-slim AS deps-stage

ARG DEBIAN_FRONTEND=noninteractive
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /opt/cartesi/dapp
COPY --from=build-stage /src/dapp/dist/package.json /src/dapp/dist/package-lock.json ./
RUN if [ -f /usr/local/include/node/node.h ]; then export npm_config_nodedir=/usr/local; fi \
  && npm ci --omit=dev --build-from-source --no-audit --no-fund \
  && node -e "new (require('better-sqlite3'))(':memory:').prepare('SELECT 1').get()"

################################################################################
# runtime stage: the Cartesi machine's root filesystem. MUST be linux/riscv64; small images start faster.
FROM --platform=linux/riscv64 cartesi/node:${NODE_VERSION}-noble-slim

# The Cartesi CLI v2 reads the machine's settings from cartesi.toml (sdk, [machine] ram_length = "1024Mi");
# these labels say the same for tools that read the image (the v1 convention). Keep the two in step.
# RAM: Node + SQLite's WebAssembly heap + the /tmp tmpfs (half of RAM) holding the database (100,000 streams
# take about 60 MiB there).
LABEL io.cartesi.rollups.sdk_version=0.12.0-alpha.39
LABEL io.cartesi.rollups.ram_size=1024Mi

ARG DEBIAN_FRONTEND=noninteractive
ARG MACHINE_GUEST_TOOLS_VERSION
ARG MACHINE_GUEST_TOOLS_SHA256SUM
ADD --checksum=sha256:${MACHINE_GUEST_TOOLS_SHA256SUM} https://github.com/cartesi/machine-guest-tools/releases/download/v${MACHINE_GUEST_TOOLS_VERSION}/machine-guest-tools_riscv64.deb /tmp/machine-guest-tools_riscv64.deb
RUN <<EOF
set -e
apt-get update
apt-get install -y --no-install-recommends busybox-static /tmp/machine-guest-tools_riscv64.deb
rm -rf /tmp/*.deb /var/lib/apt/lists/* /var/log/* /var/cache/*
id dapp >/dev/null 2>&1 || useradd --create-home --user-group dapp
EOF

ENV PATH="/opt/cartesi/bin:${PATH}"

WORKDIR /opt/cartesi/dapp
COPY --from=deps-stage /opt/cartesi/dapp/package.json ./package.json
COPY --from=deps-stage /opt/cartesi/dapp/node_modules ./node_modules
COPY --from=build-stage /src/dapp/dist/main.mjs ./dist/main.mjs

ENV ROLLUP_HTTP_SERVER_URL="http://127.0.0.1:5004"
ENV STREAMSWAP_DB="/tmp/streamswap/dapp.sqlite"
ENV STREAMSWAP_SQLITE="better"

ENTRYPOINT ["rollup-init"]
CMD ["node", "dist/main.mjs"]
