#!/usr/bin/env bash
# Installs the Debian packages aimsgate needs (only those missing) and builds it into build/.
# Usage: scripts/setup.sh [extra cmake -D options...]
# Environment: BUILD_DIR (default build), AIMSGATE_WERROR (ON in CI), AIMSGATE_TESTS (1: also
# what the tests need).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build_dir=${BUILD_DIR:-"$root/build"}

# Build tools and the libraries of ARCHITECTURE.md, all from Debian 12.
packages=(
  cmake g++ make pkg-config
  liblua5.4-dev rapidjson-dev libre2-dev libboost-program-options-dev
  libvalijson-dev libgtest-dev libgmock-dev libbenchmark-dev zlib1g-dev
  libxml2-utils
)
# What only the test suite needs (AIMSGATE_TESTS=1, set by './dev test'): headless Chromium
# renders the HTML report; clang's libFuzzer and sanitizer runtimes build the fuzz targets.
if [ "${AIMSGATE_TESTS:-0}" = "1" ]; then
  packages+=(chromium clang libclang-rt-14-dev)
fi
# What bench/run.sh needs (AIMSGATE_BENCH=1): the corpus generator and peak-RSS measurement.
if [ "${AIMSGATE_BENCH:-0}" = "1" ]; then
  packages+=(python3 time)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]})); then
  echo "setup: installing missing Debian packages: ${missing[*]}" >&2
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

werror=${AIMSGATE_WERROR:-OFF}
if [ "${CI:-}" = "true" ]; then werror=ON; fi

cmake -S "$root" -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DAIMSGATE_WERROR="$werror" "$@" >/dev/null
cmake --build "$build_dir" -j "$(nproc)"
