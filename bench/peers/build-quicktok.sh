#!/usr/bin/env bash
# Builds the benchmark's quicktok driver (quicktok_driver.cpp) against a
# quicktok checkout, natively and as WebAssembly for node:
#
#   git clone https://github.com/dmatth1/quicktok /tmp/qt
#   bench/peers/build-quicktok.sh /tmp/qt /tmp/qt-peer
#     -> /tmp/qt-peer/quicktok_driver        (g++ -O3 -march=x86-64)
#        /tmp/qt-peer/quicktok_driver.js     (em++ -O3 -msimd128 -fexceptions, NODERAWFS:
#                                             node quicktok_driver.js reads the disk directly;
#                                             SINGLE_FILE: the wasm inside the .js, since node 20's
#                                             fetch cannot load the emscripten 3.1.6 loader's file path)
#
# Then: node bench/encode.mjs \
#   --peer-command 'quicktok-native=/tmp/qt-peer/quicktok_driver /tmp/qt/data {encoding} {corpus} {ids} {runs}' \
#   --peer-command 'quicktok-wasm=node /tmp/qt-peer/quicktok_driver.js /tmp/qt/data {encoding} {corpus} {ids} {runs}'
#
# Set SKIP_WASM=1 to build the native driver only.
set -euo pipefail

if [[ $# -ne 2 ]]; then
  echo "usage: $0 QUICKTOK_CHECKOUT OUTDIR" >&2
  exit 2
fi
checkout=$(cd "$1" && pwd)
mkdir -p "$2"
outdir=$(cd "$2" && pwd)
driver="$(cd "$(dirname "$0")" && pwd)/quicktok_driver.cpp"
# The library's sources, as its Makefile lists them.
sources=("$checkout/src/quicktok.cpp" "$checkout/src/trie2_mb.cpp")
includes=(-I"$checkout/include" -I"$checkout/src")

cxx=${CXX:-g++}
echo "native: $cxx -O3 -march=x86-64" >&2
"$cxx" -std=c++20 -O3 -march=x86-64 -DNDEBUG "${includes[@]}" "$driver" "${sources[@]}" -o "$outdir/quicktok_driver" -pthread

if [[ "${SKIP_WASM:-0}" != 1 ]]; then
  # Debian's emscripten needs node's global modules (acorn) for its JS optimizer.
  export NODE_PATH="${NODE_PATH:+$NODE_PATH:}/usr/share/nodejs"
  echo "wasm: em++ -O3 -msimd128 -fexceptions (NODERAWFS)" >&2
  em++ -std=c++20 -O3 -msimd128 -fexceptions -DNDEBUG "${includes[@]}" "$driver" "${sources[@]}" \
    -o "$outdir/quicktok_driver.js" -sNODERAWFS=1 -sALLOW_MEMORY_GROWTH=1 -sMAXIMUM_MEMORY=4GB -sEXIT_RUNTIME=1 \
    -sENVIRONMENT=node -sSINGLE_FILE=1
fi
echo "built in $outdir" >&2
