#!/usr/bin/env bash
# Macro benchmark: documents per second and peak RSS of `aimsgate eval - --format ndjson` on
# streamed NDJSON model cards (bench/gen_corpus.py, seed 42) for --jobs 1 and 2, and the cold
# start of one `aimsgate eval` of one card (median of repeated runs).
#
#   bench/run.sh                        # 1,000 / 10,000 / 100,000 documents
#   SIZES="1000 10000" bench/run.sh     # fewer
#   AIMSGATE=build/aimsgate RUNS=31 bench/run.sh
#
# Wall-clock figures depend on what else the machine runs: compare runs made on a quiet
# machine, or compare instruction counts (valgrind --tool=callgrind, see README.md).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
aimsgate="${AIMSGATE:-$root/build/aimsgate}"
sizes="${SIZES:-1000 10000 100000}"
jobs_list="${JOBS:-1 2}"
runs="${RUNS:-21}"
work="${BENCH_WORK:-$(mktemp -d)}"
mkdir -p "$work"
as_of=2026-11-24

[[ -x "$aimsgate" ]] || { echo "no $aimsgate: build first (cmake --build build -j2)" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "/usr/bin/time is missing: apt-get install time" >&2; exit 2; }

printf '%-9s %-5s %10s %12s %10s %12s\n' documents jobs seconds "docs/s" "us/doc" "peak RSS"
for n in $sizes; do
  corpus="$work/cards-$n.ndjson"
  [[ -f "$corpus" ]] || python3 "$here/gen_corpus.py" --count "$n" > "$corpus"
  for j in $jobs_list; do
    # Exit 1 is the gate failing on the corpus's gaps: expected. Anything else is not.
    set +e
    /usr/bin/time -f '%e %M' -o "$work/time" \
      "$aimsgate" eval - --format ndjson --as-of "$as_of" --jobs "$j" < "$corpus" > /dev/null
    rc=$?
    set -e
    [[ $rc -le 1 ]] || { echo "aimsgate exited $rc" >&2; exit 2; }
    read -r secs rss_kb < <(tail -n 1 "$work/time")  # after "Command exited with ..."
    awk -v n="$n" -v j="$j" -v s="$secs" -v r="$rss_kb" 'BEGIN {
      printf "%-9d %-5d %10.2f %12.0f %10.1f %9.1f MB\n", n, j, s, n / s, s * 1e6 / n, r / 1024 }'
  done
done

# Cold start: one model card to JSON, the whole bundled pack, median of $runs runs.
card="$here/data/model_card_6k.json"
if command -v hyperfine > /dev/null; then
  hyperfine -N -w 3 -r "$runs" -i \
    "$aimsgate eval $card --format json --as-of $as_of" | sed -n '1,3p'
else
  for _ in $(seq "$runs"); do
    start=$(date +%s%N)
    "$aimsgate" eval "$card" --format json --as-of "$as_of" > /dev/null || true
    echo $(( ($(date +%s%N) - start) / 1000 ))
  done | sort -n | awk '{ t[NR] = $1 } END {
    printf "cold start (one card, json): median %.1f ms, min %.1f ms over %d runs\n",
           t[int((NR + 1) / 2)] / 1000, t[1] / 1000, NR }'
fi
[[ -n "${BENCH_WORK:-}" ]] || rm -rf "$work"
