#!/usr/bin/env bash
# What each sealed-box implementation costs the action: dist/index.js size and start-up time.
# Each candidate replaces src/sealed-box.ts in a copy of src/ and the whole action is bundled with
# ncc, as `npm run bundle` does; "stub" has no crypto, "chosen" is the committed src/sealed-box.ts.
# Usage: bash test/bench-crypto/run.sh [runs per median, default 31]. Needs the npm registry; works in
# .bench/crypto/ (git-ignored). Not part of CI: timings depend on the machine.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$root/.bench/crypto
export PATH=$root/node_modules/.bin:$PATH
mkdir -p "$work"
cp "$root/test/bench-crypto/package.json" "$work/"
(cd "$work" && npm install --no-audit --no-fund --silent)
for v in stub libsodium noble node-noble tweetnacl-fast chosen; do
  b=$work/build-$v
  rm -rf "$b" && mkdir -p "$b"
  cp -r "$root/src" "$b/src"
  sed 's/"src", "test"/"src"/' "$root/tsconfig.json" > "$b/tsconfig.json"
  [ "$v" = chosen ] || cp "$root/test/bench-crypto/$v.ts" "$b/src/sealed-box.ts"
  ln -s "$work/node_modules" "$b/node_modules"
  (cd "$b" && ncc build src/index.ts -o dist -q > /dev/null)
done
node "$root/test/bench-crypto/measure.mjs" "$work" "${1:-31}"
