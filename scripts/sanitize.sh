#!/usr/bin/env bash
# Builds everything with AddressSanitizer + UndefinedBehaviorSanitizer into build-asan/ and runs
# the whole test suite there; any sanitizer report fails the run (halt_on_error).
# Usage: scripts/sanitize.sh        (AIMSGATE_SANITIZE_TESTS=0 skips it)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build_dir=${ASAN_BUILD_DIR:-"$root/build-asan"}
if [ "${AIMSGATE_SANITIZE_TESTS:-1}" = 0 ]; then echo "sanitize: skipped"; exit 0; fi

launcher=()
if command -v ccache >/dev/null; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi
start=$SECONDS
# clang, and the fuzz targets too: scripts/fuzz.sh then fuzzes from this same build.
cmake -S "$root" -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
  -DAIMSGATE_SANITIZE=address,undefined -DAIMSGATE_FUZZ=ON \
  -DAIMSGATE_WERROR="${AIMSGATE_WERROR:-OFF}" "${launcher[@]}" >/dev/null
cmake --build "$build_dir" -j "$(nproc)" >/dev/null
echo "sanitize: built in $((SECONDS - start)) s"
export ASAN_OPTIONS=${ASAN_OPTIONS:-halt_on_error=1:abort_on_error=1:detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1:suppressions=$root/scripts/ubsan.supp}
cd "$build_dir"
ctest --output-on-failure -j "$(nproc)"
