#!/usr/bin/env bash
# Builds the WebAssembly module with Emscripten and puts it in web/dist/.
# TOKENLAB_WASM_BUILD_DIR picks another build folder than build-wasm/ (two
# builds writing one folder at once would leave a mismatched .js and .wasm).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build_dir="${TOKENLAB_WASM_BUILD_DIR:-$root/build-wasm}"
export NODE_PATH="${NODE_PATH:+$NODE_PATH:}/usr/share/nodejs"
emcmake cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build_dir" -j "${JOBS:-$(nproc)}"
mkdir -p "$root/web/dist"
# Copy to temporary names and rename, so a page or test loading the module
# meanwhile sees either the old pair or the new one.
for file in tokenlab.js tokenlab.wasm; do
  cp "$build_dir/src/bindings/$file" "$root/web/dist/.$file.new"
done
mv "$root/web/dist/.tokenlab.wasm.new" "$root/web/dist/tokenlab.wasm"
mv "$root/web/dist/.tokenlab.js.new" "$root/web/dist/tokenlab.js"
cp "$root/web/types/tokenlab.d.ts" "$root/web/dist/"
