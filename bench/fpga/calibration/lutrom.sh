#!/usr/bin/env bash
# What Yosys 0.23 makes of a LUT ROM read at an issue counter, the structure the engine's `lut`
# weight memories have (LutRomMemory behind EngineFrontEnd's addr): 64-bit words of random contents,
# the counter with reset, advance and wrap, the word XNORed with an input. Prints the LUTs per ROM
# bit (XNOR LUTs subtracted: 64 on iCE40, the LUT2s on Xilinx) that CostModel.romLuts counts.
#   bench/fpga/calibration/lutrom.sh [DEPTH...]      (default 16 32 64 128; a few minutes)
set -eu
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
for depth in ${@:-16 32 64 128}; do
  python3 - "$depth" > rom.v <<'PY'
import random, sys
d = int(sys.argv[1]); w = 64; n = max(1, (d - 1).bit_length()); r = random.Random(d)
print(f"module rom(input clk, input rst, input busy, input advance, input [{w-1}:0] x, output [{w-1}:0] q);")
print(f"  reg [{n-1}:0] addr;")
print(f"  always @(posedge clk) if (rst) addr <= 0; else if (busy && advance) addr <= (addr == {n}'d{d-1}) ? 0 : addr + 1;")
print(f"  (* rom_style = \"logic\", ram_style = \"logic\" *) reg [{w-1}:0] mem [0:{d-1}];")
print("  initial begin")
for i in range(d):
    print(f"    mem[{i}] = {w}'h{r.getrandbits(w):x};")
print("  end")
print("  assign q = ~(mem[addr] ^ x);")
print("endmodule")
PY
  yosys -q -p "read_verilog rom.v; synth_ice40 -top rom; tee -q -o ice40.txt stat" >/dev/null
  yosys -q -p "read_verilog rom.v; synth_xilinx -top rom; tee -q -o xilinx.txt stat" >/dev/null
  ice40=$(awk '$1=="SB_LUT4"{print $2}' ice40.txt)
  xilinx=$(awk '$1~/^LUT[1-6]$/{s+=$2} $1=="LUT2"{x=$2} END{print s-x}' xilinx.txt)
  awk -v d="$depth" -v i="$ice40" -v x="$xilinx" \
    'BEGIN{printf "%5d words: iCE40 %.2f LUT4 per bit (model %d), Xilinx %.2f LUT6 per bit (model %d)\n", d, (i-64)/64, 2*int((d+15)/16)-1, x/64, int((d+15)/16)}'
done
