#!/usr/bin/env bash
# The calibration kit of hdlgen's CostModel (docs/hdl.md, "Resource estimates"): synthesizes the
# training, held-out and validation designs with Yosys alone (synth_ice40 for the iCE40 UP5K, synth_xilinx for
# the XC7Z020), prints measured vs estimate per design with the ratio ranges, and writes the terms
# of every design to OUT_DIR/calibration.csv, from which fit.py refits the coefficients.
# About 30 minutes of machine time on two cores for the four first sets on both fabrics, and 25
# more on one core for the dsp set (Xilinx only; tool runs are cached in ~/.cache/brain-blitz/fpga,
# so a second run takes seconds). Run from anywhere:
#   nice -n 10 bench/fpga/calibration/calibrate.sh [OUT_DIR] [--fabric ice40|xilinx|both] [--set training|held-out|validation|coverage|dsp|all]
#   python3 bench/fpga/calibration/fit.py OUT_DIR/calibration.csv
set -eu
out="${1:-/tmp/blitz-calibration}"
shift || true
root="$(cd "$(dirname "$0")/../../.." && pwd)"
mkdir -p "$out"
cd "$root"
./blitz --version >/dev/null
java -cp "$root/cli/target/blitz.jar" dev.brainblitz.fpga.CostCalibration --csv "$out/calibration.csv" "$@" \
  "$root/examples/models" | tee "$out/calibration.txt"
