#!/usr/bin/env bash
# Today's generated RTL on the open FPGA tools: the figures of docs/fpga.md ("Measured"), each from
# one 'blitz fpga' command printed before its report, with its wall time. Long (about 1.5 hours on a
# busy two-core machine, SFC alone 15 minutes): run from the repository root as
#   nice -n 10 bench/fpga/measure.sh [OUT_DIR]
# A design that does not fit prints its report and exits 1; the script goes on. BLITZ names the
# command to run (default ./blitz; e.g. BLITZ="java -jar /tmp/blitz.jar" to measure a fixed build).
set -u
out="${1:-/tmp/blitz-fpga-measure}"
mkdir -p "$out"
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
blitz="${BLITZ:-./blitz}"
$blitz --version >/dev/null
(cd "$out" && jshell --class-path "$root/cli/target/blitz.jar" "$root/bench/fpga/models.jsh")

run() {
  local name="$1"
  shift
  echo "== $name: ./blitz $* -o $out/$name"
  rm -rf "${out:?}/$name"
  local start=$SECONDS
  $blitz "$@" -o "$out/$name" > "$out/$name.txt" 2> "$out/$name.err"
  echo "exit status $? after $((SECONDS - start)) s"
  cat "$out/$name.txt"
  grep -h 'error' "$out/$name.err" | head -n 5
}

run tiny-up5k fpga tiny --device up5k
run tiny-up5k-ii1 fpga tiny --device up5k --target-cycles 1
run tiny-xc7a35t fpga tiny --device xc7a35t
run small-up5k-ii64 fpga "$out/small.bil" --device up5k --target-cycles 64
run small-up5k-ii8 fpga "$out/small.bil" --device up5k --target-cycles 8
run small-icebreaker fpga "$out/small.bil" --board icebreaker --target-cycles 64
run mlp784-up5k-ii1024 fpga mlp784 --device up5k --target-cycles 1024
run mlp784-up5k-ii256 fpga mlp784 --device up5k --target-cycles 256
run mlp784-up5k-ii64 fpga mlp784 --device up5k --target-cycles 64
run mlp784-xc7a35t-ii1024 fpga mlp784 --device xc7a35t --target-cycles 1024
run mlp784-xc7a35t-ii256 fpga mlp784 --device xc7a35t --target-cycles 256
run mlp784-xc7a35t-ii64 fpga mlp784 --device xc7a35t --target-cycles 64
run fashion-up5k-ii1024 fpga fashion-mlp --device up5k --target-cycles 1024
run fashion-up5k-ii256 fpga fashion-mlp --device up5k --target-cycles 256
run fashion-xc7a35t-ii256 fpga fashion-mlp --device xc7a35t --target-cycles 256
run fashion-xc7a35t-ii64 fpga fashion-mlp --device xc7a35t --target-cycles 64
run sfc-xc7z020-ii16 fpga "$out/sfc.bil" --device xc7z020 --target-cycles 16
