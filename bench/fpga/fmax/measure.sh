#!/usr/bin/env bash
# The calibration kit of hdlgen's FmaxModel (docs/fpga.md, "Fmax estimate"): places and routes the
# designs of CostModel's calibration sets that fit the iCE40 UP5K with nextpnr-ice40, each with its
# default adder-tree pipelining and every deeper one blitz fpga would try (down to a register every
# K levels, default 2), prints nextpnr's Fmax against the estimate with the ratio ranges per set,
# and writes the paths of every build to OUT_DIR/fmax.csv, from which fit.py refits the weights.
# About an hour and a half of machine time on two cores for the dense designs (tool runs are
# cached in ~/.cache/brain-blitz/fpga, so a second run takes seconds). Run from anywhere:
#   nice -n 10 bench/fpga/fmax/measure.sh [OUT_DIR] [--kind dense|conv|all] [--min-levels K]
#   python3 bench/fpga/fmax/fit.py OUT_DIR/fmax.csv
set -eu
out=/tmp/blitz-fmax
if [ $# -gt 0 ] && [ "${1#--}" = "$1" ]; then
  out="$1"
  shift
fi
root="$(cd "$(dirname "$0")/../../.." && pwd)"
mkdir -p "$out"
cd "$root"
./blitz --version >/dev/null
java -cp "$root/cli/target/blitz.jar" dev.brainblitz.fpga.FmaxCalibration --csv "$out/fmax.csv" --kind dense \
  --min-levels 2 "$@" "$root/examples/models" | tee "$out/fmax.txt"
