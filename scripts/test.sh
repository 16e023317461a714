#!/usr/bin/env bash
# `npm test`: installs what the tests need, then runs every test (types, unit, property,
# integration against the real local stack, and the browser end-to-end suite).
set -euo pipefail
cd "$(dirname "$0")/.."

[ -d node_modules ] || npm ci --no-audit --no-fund

if ! command -v chromium >/dev/null 2>&1; then
  echo "== installing Debian's chromium for the end-to-end tests"
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq chromium >/dev/null
fi

echo "== typecheck"
npm run typecheck

reports=$(mktemp -d)
echo "== unit, property and integration tests"
npx vitest run --reporter=default --reporter=json --outputFile.json="$reports/vitest.json"

if [ -f e2e/playwright.config.ts ]; then
  echo "== end-to-end tests in Chromium"
  npm test -w e2e
  cp e2e/artifacts/results.json "$reports/playwright.json"
fi

node scripts/test-summary.mjs "$reports/vitest.json" "$reports/playwright.json"
