#!/usr/bin/env bash
# Measures ontrack at scale, from a clean clone:
#   scripts/bench.sh [--scale F] [--curve]   (default: the full national set, 342 × 500 × 20)
#
# 1. generates the synthetic national monitor (examples/gen-national) into target/bench/;
# 2. measures the floor: the csv crate alone parsing the same files (examples/csv-floor),
#    and the in-memory size of the distinct series ontrack keeps;
# 3. runs every command a national monitor is given, five rounds of the floor and then the
#    command: wall time and peak memory (GNU time), the median of the rounds' ratios to the
#    1-thread floor, the ratio of peak memory to the series size, and for `table` the ratio of
#    the pandas script (scripts/pandas_table.py, in a virtual environment under
#    target/bench) to ontrack;
# 4. times the PDF report and the web page of the bundled data and of a generated 500-indicator
#    monitor, and the bundled `table --format json` (mean of 5 runs);
# 5. with --curve: `table --format csv` and `compare` at scales 0.05, 0.2, 0.5, 1 and 2 (wall,
#    peak, per million rows), to show the cost grows linearly with the rows.
set -euo pipefail
cd "$(dirname "$0")/.."
scale=1
curve=false
while [ $# -gt 0 ]; do
  case $1 in
    --scale) scale=$2; shift 2 ;;
    --curve) curve=true; shift ;;
    *) echo "usage: scripts/bench.sh [--scale F] [--curve]" >&2; exit 1 ;;
  esac
done

if ! [ -x /usr/bin/time ]; then
  echo "installing GNU time (for peak memory)" >&2
  apt-get install -y -qq time >/dev/null || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
fi

cargo build --release --quiet --bin ontrack --example gen-national --example csv-floor --example generate
tdir=${CARGO_TARGET_DIR:-target}
work=$tdir/bench
rm -rf "$work/national" "$work/g500" "$work/bin" && mkdir -p "$work/bin"
# The two binaries timed are fresh copies (new files, as `cargo install` makes), so that both are
# read anew. On 2026-12-08 the same bytes ran national `check` in 302 ms from
# target/release/ontrack and in 249 ms from a copy (15 alternating rounds), until the
# original's cached pages were dropped; other binaries cached as long were not slow.
cp "$tdir/release/ontrack" "$work/bin/ontrack"
cp "$tdir/release/examples/csv-floor" "$work/bin/csv-floor"
bin=$work/bin/ontrack
floor_bin=$work/bin/csv-floor
"$tdir"/release/examples/gen-national "$work/national" --scale "$scale"

# The pandas yardstick, in its own virtual environment (skipped when pandas cannot be had).
pandas=""
if [ -x "$work/pandas-venv/bin/python" ] || { python3 -m venv "$work/pandas-venv" >/dev/null 2>&1 \
    && "$work/pandas-venv/bin/pip" install -q pandas >/dev/null 2>&1; }; then
  pandas="$work/pandas-venv/bin/python"
else
  echo "pandas is not available here: the pandas comparison is left out" >&2
fi

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(free -g | awk '/Mem:/ {print $2}') GiB"
echo "data: $(du -sh "$work/national/measurements" | cut -f1) of CSV in $(ls "$work/national/measurements" | wc -l) files"
"$floor_bin" "$work/national" | tee "$work/floor.txt"
series_bytes=$(awk '/^series_bytes/ {print $2}' "$work/floor.txt")
last_year=$(ls "$work/national/measurements" | sort | tail -n 1 | cut -c1-4)
first_year=$((last_year - 1))

median_of_3() { # prints "seconds peak_kB": the median wall time of 3 runs, the largest peak
  local i
  for i in 1 2 3; do
    /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" >/dev/null 2>&1 || true
    tail -n 1 "$work/time.txt"
  done | sort -n | awk '{ s[NR] = $1; if ($2 > m) m = $2 } END { print s[2], m }'
}
floor_now() { # the 1-thread floor, measured now (the machine is shared: ratios within a round);
  # both floors are kept in floors.txt, to tell afterwards whether the second core was free
  "$floor_bin" "$work/national" | tee -a "$work/floors.txt" \
    | awk '/^floor_1_thread_s/ {print $2}'
}
paired_of_5() { # prints "seconds peak_kB floor ratio low high": 5 rounds of the floor and then the
  # command, each round's ratio of the two; the medians of the ratios, times and floors, the
  # largest peak, and the lowest and highest of the rounds' ratios (how far apart they were).
  # The machine's speed moves within a minute: a ratio of two runs side by side moves less than
  # one of medians taken apart (one slow floor run made a whole command's ratio).
  local i f
  for i in 1 2 3 4 5; do
    f=$(floor_now)
    /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" >/dev/null 2>&1 || true
    echo "$f $(tail -n 1 "$work/time.txt")"
  done | awk '{ f[NR] = $1; s[NR] = $2; r[NR] = ($1 > 0 ? $2 / $1 : 0); if ($3 > m) m = $3
      if (NR == 1 || r[NR] < lo) lo = r[NR]; if (NR == 1 || r[NR] > hi) hi = r[NR] }
    function median(a,   n, i, j, t) { n = 5
      for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
      return a[3] }
    END { print median(s), m, median(f), median(r), lo, hi }'
}
ratio_line() { # command seconds peak_kB floor ratio low high [pandas_seconds]
  # GNU time gives hundredths of a second: below 0.05 s (a small --scale) a ratio of times
  # would be noise, or a division by zero, so none is printed.
  awk -v c="$1" -v s="$2" -v kb="$3" -v f="$4" -v q="$5" -v lo="$6" -v hi="$7" -v p="${8:-}" -v sb="$series_bytes" 'BEGIN {
    if (s >= 0.05 && f >= 0.05) times = sprintf(" = %4.1f x the 1-thread floor (rounds %.1f-%.1f; median %.2f s)", q, lo, hi, f)
    else times = sprintf(" (floor %.2f s: too short for a ratio)", f)
    # Likewise the process itself (some 7 MiB) outweighs a series set of a few MiB.
    if (sb >= 16 * 1048576) memory = sprintf(" = %.2f x the series (%.0f MiB)", kb * 1024 / sb, sb / 1048576)
    else memory = sprintf(" (series %.2f MiB: too small for a ratio)", sb / 1048576)
    line = sprintf("%-44s wall %6.2f s%s; peak %5.0f MiB%s", c, s, times, kb / 1024, memory)
    if (p != "" && s >= 0.05) line = line sprintf("; pandas script %.2f s = %.1f x ontrack", p, p / s)
    else if (p != "") line = line sprintf("; pandas script %.2f s", p)
    print line }'
}
echo
: > "$work/floors.txt"
pandas_s=""
if [ -n "$pandas" ]; then
  read -r pandas_s _ < <(median_of_3 "$pandas" scripts/pandas_table.py "$work/national" "$work/pandas.csv")
fi
for command in "check" "table --format csv" "table --format json" "table --format json --observations" \
    "compare --from $first_year --to $last_year --format csv" "compare --from $first_year --to $last_year --format json" \
    "compare --from $first_year --to $last_year --format json --observations" \
    "show ind-0000 --format json" "table --indicator ind-0000 --format csv"; do
  # shellcheck disable=SC2086
  read -r seconds kb floor ratio low high < <(paired_of_5 "$bin" -C "$work/national" $command)
  case $command in "table --format csv") p=$pandas_s ;; *) p="" ;; esac
  ratio_line "$command" "$seconds" "$kb" "$floor" "$ratio" "$low" "$high" "$p"
done

# ontrack reads on every core, the floor on one: on a machine whose second core is taken by
# something else (a shared virtual machine), every ratio above is higher than on an idle one.
# (Left out below 0.05 s a floor, as the ratios are: a small --scale.)
awk '/^floor_1_thread_s/ { one = $2 } /^floor_2_threads_s/ && $2 > 0 && one >= 0.05 { r[++n] = one / $2 }
  END { if (n == 0) exit
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (r[j] < r[i]) { t = r[i]; r[i] = r[j]; r[j] = t }
    m = r[int((n + 1) / 2)]
    printf "cores: two threads read the files %.2f x as fast as one (the median over %d runs of the floor)", m, n
    if (m < 1.5) printf "; it was often busy with something else, so the ratios above are higher than on an idle machine"
    printf "\n" }' "$work/floors.txt"

if $curve; then
  echo
  echo "scale curve (table --format csv, compare csv): rows, wall, peak, seconds per million rows"
  for s in 0.05 0.2 0.5 1 2; do
    "$tdir"/release/examples/gen-national "$work/curve" --scale "$s" 2>/dev/null
    rows=$(cat "$work"/curve/measurements/*.csv | wc -l)
    read -r t1 k1 < <(median_of_3 "$bin" -C "$work/curve" table --format csv)
    read -r t2 k2 < <(median_of_3 "$bin" -C "$work/curve" compare --from "$first_year" --to "$last_year" --format csv)
    awk -v s="$s" -v r="$rows" -v t1="$t1" -v k1="$k1" -v t2="$t2" -v k2="$k2" 'BEGIN {
      printf "scale %-5s %9d rows  table %6.2f s %6.0f MiB (%.2f s/M rows)  compare %6.2f s %6.0f MiB (%.2f s/M rows)\n",
        s, r, t1, k1 / 1024, t1 / (r / 1e6), t2, k2 / 1024, t2 / (r / 1e6) }'
    rm -rf "$work/curve"
  done
fi
echo

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
if command -v pdfinfo >/dev/null; then
  pages=$(pdfinfo "$work/g500.pdf" | awk '/^Pages/ {print $2}')
  kb=$(/usr/bin/time -f "%M" "$bin" -C "$work/g500" report --out "$work/g500.pdf" 2>&1 >/dev/null | tail -1)
  ms=$(time_ms "$bin" -C "$work/g500" report --out "$work/g500.pdf")
  awk -v p="$pages" -v kb="$kb" -v ms="$ms" 'BEGIN {
    printf "generated report: %d pages, %.2f ms a page, peak %.0f MiB\n", p, ms / p, kb / 1024 }'
  # What a page adds to the peak: the slope from 500 to 2000 indicators.
  "$tdir"/release/examples/generate "$work/g2000" 2000 6 2>/dev/null
  kb4=$(/usr/bin/time -f "%M" "$bin" -C "$work/g2000" report --out "$work/g2000.pdf" 2>&1 >/dev/null | tail -1)
  pages4=$(pdfinfo "$work/g2000.pdf" | awk '/^Pages/ {print $2}')
  html4=$(/usr/bin/time -f "%M" "$bin" -C "$work/g2000" report --out "$work/g2000.html" 2>&1 >/dev/null | tail -1)
  awk -v p="$pages" -v kb="$kb" -v p4="$pages4" -v kb4="$kb4" -v h4="$html4" 'BEGIN {
    printf "generated report (2000 indicators): %d pages, peak %.0f MiB (web page %.0f MiB); %.0f KiB a page\n",
      p4, kb4 / 1024, h4 / 1024, (kb4 - kb) / (p4 - p) }'
  rm -rf "$work/g2000" "$work/g2000.pdf" "$work/g2000.html"
fi
