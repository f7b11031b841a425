#!/usr/bin/env bash
# Measures ontrack at scale, from a clean clone:
#   scripts/bench.sh [--scale F]     (default: the full national set, 342 × 500 × 20)
#
# 1. generates the synthetic national monitor (examples/gen-national) into target/bench/;
# 2. measures the floor: the csv crate alone parsing the same files (examples/csv-floor),
#    and the in-memory size of the distinct series ontrack keeps;
# 3. runs `table --format json` and `check` on it (best of 3): wall time and peak memory
#    (GNU time), and the ratios to the floor and to the series size;
# 4. times the PDF report and the web page of the bundled data and of a generated 500-indicator
#    monitor, and the bundled `table --format json` (mean of 5 runs).
set -euo pipefail
cd "$(dirname "$0")/.."
scale=1
if [ "${1:-}" = "--scale" ]; then scale=$2; fi

if ! [ -x /usr/bin/time ]; then
  echo "installing GNU time (for peak memory)" >&2
  apt-get install -y -qq time >/dev/null || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
fi

cargo build --release --quiet --bin ontrack --example gen-national --example csv-floor --example generate
tdir=${CARGO_TARGET_DIR:-target}
bin=$tdir/release/ontrack
work=$tdir/bench
rm -rf "$work" && mkdir -p "$work"
"$tdir"/release/examples/gen-national "$work/national" --scale "$scale"

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(free -g | awk '/Mem:/ {print $2}') GiB"
echo "data: $(du -sh "$work/national/measurements" | cut -f1) of CSV in $(ls "$work/national/measurements" | wc -l) files"
"$tdir"/release/examples/csv-floor "$work/national" | tee "$work/floor.txt"
floor=$(awk '/^floor_1_thread_s/ {print $2}' "$work/floor.txt")
floor_par=$(awk '/^floor_[0-9]+_threads_s/ {print $2}' "$work/floor.txt")
series_bytes=$(awk '/^series_bytes/ {print $2}' "$work/floor.txt")

best_of_3() { # prints "seconds peak_kB" of the fastest of 3 runs
  local best="" line
  for _ in 1 2 3; do
    /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" >/dev/null 2>&1 || true
    line=$(tail -n 1 "$work/time.txt")
    if [ -z "$best" ] || awk -v a="$line" -v b="$best" 'BEGIN { split(a, x, " "); split(b, y, " "); exit !(x[1] < y[1]) }'; then
      best=$line
    fi
  done
  echo "$best"
}
for command in "table --format json" "table --format csv" "check"; do
  # shellcheck disable=SC2086
  read -r seconds kb < <(best_of_3 "$bin" -C "$work/national" $command)
  awk -v c="$command" -v s="$seconds" -v kb="$kb" -v f="$floor" -v fp="$floor_par" -v sb="$series_bytes" 'BEGIN {
    printf "%-20s wall %6.2f s = %4.1f x the 1-thread floor (%.2f s), %4.1f x the parallel floor (%.2f s); peak %5.0f MiB = %.2f x the series (%.0f MiB)\n",
      c, s, s / f, f, s / fp, fp, kb / 1024, kb * 1024 / sb, sb / 1048576 }'
done

"$tdir"/release/examples/generate "$work/g500" 500 6 2>/dev/null
time_ms() { # the mean wall time of 5 runs, in ms
  local start end
  start=$(date +%s%N)
  for _ in 1 2 3 4 5; do "$@" >/dev/null 2>&1; done
  end=$(date +%s%N)
  echo $(( (end - start) / 5000000 ))
}
echo "bundled table --format json:       $(time_ms "$bin" table --format json) ms"
echo "bundled report (12 indicators):    $(time_ms "$bin" report --out "$work/bundled.pdf") ms"
echo "generated report (500 indicators): $(time_ms "$bin" -C "$work/g500" report --out "$work/g500.pdf") ms"
echo "bundled web page:                  $(time_ms "$bin" report --out "$work/bundled.html") ms"
echo "generated web page (500):          $(time_ms "$bin" -C "$work/g500" report --out "$work/g500.html") ms"
if command -v pdfinfo >/dev/null; then pdfinfo "$work/g500.pdf" | grep -E '^Pages'; fi
