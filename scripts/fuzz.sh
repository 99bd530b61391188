#!/usr/bin/env bash
# Builds the libFuzzer targets of fuzz/ with clang + ASan + UBSan into build-asan/ (the build
# scripts/sanitize.sh makes, so after it nothing is compiled again) and runs each
# for SECONDS (default: AIMSGATE_FUZZ_SECONDS, else 20) from a copy of its seed corpus.
# A crash, leak, sanitizer report or timeout fails the script and leaves the input in
# build-asan/artifacts/<target>/: copy it into fuzz/corpus/<target>/ and fix the bug, so that
# the fuzz.<target>.corpus ctest test replays it from then on.
# Usage: scripts/fuzz.sh [SECONDS]      (0 skips the step)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-${AIMSGATE_FUZZ_SECONDS:-20}}
build_dir=${FUZZ_BUILD_DIR:-${ASAN_BUILD_DIR:-"$root/build-asan"}}
if [ "$seconds" = 0 ]; then echo "fuzz: skipped (0 seconds)"; exit 0; fi

launcher=()
if command -v ccache >/dev/null; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi
start=$SECONDS
# The same configuration as scripts/sanitize.sh, so its build is reused as it is.
cmake -S "$root" -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
  -DAIMSGATE_SANITIZE=address,undefined -DAIMSGATE_FUZZ=ON \
  -DAIMSGATE_WERROR="${AIMSGATE_WERROR:-OFF}" "${launcher[@]}" >/dev/null
# One line per target of fuzz/CMakeLists.txt.
targets=(evidence_eval pack_load waivers import_cyclonedx import_mct validate)
cmake --build "$build_dir" -j "$(nproc)" --target "${targets[@]/#/fuzz_}" >/dev/null
echo "fuzz: built in $((SECONDS - start)) s"

export ASAN_OPTIONS=${ASAN_OPTIONS:-halt_on_error=1:abort_on_error=1:detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1:suppressions=$root/scripts/ubsan.supp}
passed=0 failed=0
for name in "${targets[@]}"; do
  binary="$build_dir/fuzz/fuzz_$name"
  work="$build_dir/corpus/$name" artifacts="$build_dir/artifacts/$name"
  mkdir -p "$work" "$artifacts"
  log="$build_dir/$name.log"
  # -timeout: one input may take at most 10 s (the sandbox's budget ends checks long before).
  if "$binary" "$work" "$root/fuzz/corpus/$name" -max_total_time="$seconds" -timeout=10 \
      -rss_limit_mb=4096 -max_len=65536 -print_final_stats=1 \
      -artifact_prefix="$artifacts/" >"$log" 2>&1; then
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
    # The coverage of the last status line: cov (edges) and ft (features), as libFuzzer prints.
    cov=$(grep -o 'cov: [0-9]* ft: [0-9]*' "$log" | tail -1 || true)
    echo "fuzz: $name: ${seconds} s, $runs executions, ${cov:-cov: ?}, nothing found"
    passed=$((passed + 1))
  else
    echo "fuzz: $name: FOUND A PROBLEM; input in $artifacts, log $log" >&2
    tail -40 "$log" >&2
    failed=$((failed + 1))
  fi
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" = 0 ]
