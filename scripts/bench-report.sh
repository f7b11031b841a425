#!/usr/bin/env bash
# Times the PDF report: the bundled Maassluis monitor and a generated 500-indicator monitor.
# Usage: scripts/bench-report.sh   (prints the mean of 5 runs of each, in milliseconds)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --bin ontrack --example generate
bin=target/release/ontrack
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
target/release/examples/generate "$work/g500" 500 6 2>/dev/null

time_ms() { # prints the mean wall time of 5 runs of the command, in ms
  local start end
  start=$(date +%s%N)
  for _ in 1 2 3 4 5; do "$@" >/dev/null 2>&1; done
  end=$(date +%s%N)
  echo $(( (end - start) / 5000000 ))
}
echo "bundled report (12 indicators):  $(time_ms "$bin" report --out "$work/b.pdf") ms"
echo "generated report (500 indicators): $(time_ms "$bin" -C "$work/g500" report --out "$work/g.pdf") ms"
echo "bundled table --format json:      $(time_ms "$bin" table --format json) ms"
pdfinfo "$work/g.pdf" 2>/dev/null | grep -E '^(Pages|File size)' || true
