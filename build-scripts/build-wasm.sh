#!/usr/bin/env bash
# Builds the WebAssembly modules with Emscripten and puts them in web/dist/:
# tokenlab.js/.wasm (one thread, for everything) and tokenlab-threads.js/.wasm
# /.worker.js (pthreads, for training on several cores when the page is
# cross-origin isolated), each from its own build folder.
# TOKENLAB_WASM_BUILD_DIR picks another build folder than build-wasm/ (two
# builds writing one folder at once would leave a mismatched .js and .wasm);
# the threads module builds in the same name with -threads after it.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build_dir="${TOKENLAB_WASM_BUILD_DIR:-$root/build-wasm}"
threads_dir="$build_dir-threads"
export NODE_PATH="${NODE_PATH:+$NODE_PATH:}/usr/share/nodejs"
emcmake cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build_dir" -j "${JOBS:-$(nproc)}"
emcmake cmake -S "$root" -B "$threads_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DTOKENLAB_WASM_THREADS=ON >/dev/null
cmake --build "$threads_dir" -j "${JOBS:-$(nproc)}"
mkdir -p "$root/web/dist"
# Copy to temporary names and rename, so a page or test loading the module
# meanwhile sees either the old pair or the new one.
for file in tokenlab.js tokenlab.wasm; do
  cp "$build_dir/src/bindings/$file" "$root/web/dist/.$file.new"
done
for file in tokenlab-threads.js tokenlab-threads.wasm tokenlab-threads.worker.js; do
  cp "$threads_dir/src/bindings/$file" "$root/web/dist/.$file.new"
done
mv "$root/web/dist/.tokenlab.wasm.new" "$root/web/dist/tokenlab.wasm"
mv "$root/web/dist/.tokenlab.js.new" "$root/web/dist/tokenlab.js"
mv "$root/web/dist/.tokenlab-threads.wasm.new" "$root/web/dist/tokenlab-threads.wasm"
mv "$root/web/dist/.tokenlab-threads.worker.js.new" "$root/web/dist/tokenlab-threads.worker.js"
mv "$root/web/dist/.tokenlab-threads.js.new" "$root/web/dist/tokenlab-threads.js"
cp "$root/web/types/tokenlab.d.ts" "$root/web/dist/"
