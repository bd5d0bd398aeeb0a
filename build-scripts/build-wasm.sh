#!/usr/bin/env bash
# Builds the WebAssembly module with Emscripten and puts it in web/dist/.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
export NODE_PATH="${NODE_PATH:+$NODE_PATH:}/usr/share/nodejs"
emcmake cmake -S "$root" -B "$root/build-wasm" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$root/build-wasm" -j "${JOBS:-$(nproc)}"
mkdir -p "$root/web/dist"
cp "$root/build-wasm/src/bindings/tokenlab.js" "$root/build-wasm/src/bindings/tokenlab.wasm" "$root/web/dist/"
cp "$root/web/types/tokenlab.d.ts" "$root/web/dist/"
