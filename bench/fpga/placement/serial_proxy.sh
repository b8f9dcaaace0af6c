#!/usr/bin/env bash
# The placement experiment of docs/fpga.md ("Why fashion-up5k did not place"): generate fashion-up5k
# at an II, let the flow stop its (stalling) place and route after a minute, edit a copy of the
# generated design (serial_proxy.py: serial or xor), and place, route and pack it by hand.
#   nice -n 10 bench/fpga/placement/serial_proxy.sh II MODE OUT_DIR [blitz fpga options...]
# e.g. serial_proxy.sh 512 serial /tmp/up5k-512 --pipeline-levels 2. Prints nextpnr's packing,
# placement time and Fmax. Run from the repository root.
set -eu
ii="$1"; mode="$2"; out="$3"; shift 3
root="$(cd "$(dirname "$0")/../../.." && pwd)"
cd "$root"
rm -rf "$out"
mkdir -p "$out"
# The flow's own run: synthesis, then nextpnr stopped at the limit (FPG001, exit 1) unless it places.
BLITZ_PLACE_MINUTES="${BLITZ_PLACE_MINUTES:-1}" ./blitz fpga fashion-up5k --device up5k --weights bram \
  --target-cycles "$ii" --work-dir "$out/work" -o "$out/as-generated" "$@" > "$out/as-generated.txt" 2>&1 || true
run="$(ls -d "$out"/work/runs/*/ | head -n 1)"
mkdir "$out/proxy"
cp "$run"/*.v "$run"/*.hex "$run"/synth.ys "$out/proxy/"
python3 bench/fpga/placement/serial_proxy.py "$out/proxy" "$mode"
cd "$out/proxy"
yosys -q -s synth.ys > yosys.log 2>&1
start=$SECONDS
timeout 1200 nextpnr-ice40 --up5k --package sg48 --json design.json --pcf-allow-unconstrained --freq 12 \
  --timing-allow-fail --seed 1 --report nextpnr.json --asc design.asc > nextpnr.log 2>&1
echo "nextpnr: $((SECONDS - start)) s of wall time"
icepack design.asc design.bin
grep -E "LCs used as|ICESTORM_LC:|ICESTORM_RAM:|HeAP Placer Time|Max frequency" nextpnr.log
