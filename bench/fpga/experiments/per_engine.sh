#!/usr/bin/env bash
# Per-engine LUT counts of the calibration's frame-mode conv networks on iCE40 against CostModel's
# per-engine estimates (bench/fpga/calibration/README.md, "Seventh calibration"). For each seed it
# writes the design of CostCalibration.conv(SEED, FRAME), synthesizes it with synth_ice40 and
# keep_hierarchy on every module, and prints each engine's SB_LUT4 and SB_CARRY count, the estimate
# and the ratio, then the frame buffer of each engine: the LUT4s that drive its flip-flops' D inputs
# (one level) and the flip-flops Yosys kept under the name fbuf (a flip-flop merged with the input
# buffer's may keep the name xbuf, so this is a lower bound). About 2 minutes for the default seeds on two cores.
#   bench/fpga/experiments/per_engine.sh [OUT_DIR] [SEED ...]
set -eu
root="$(cd "$(dirname "$0")/../../.." && pwd)"
out="${1:-/tmp/blitz-per-engine}"
shift || true
[[ "$out" =~ ^[0-9]+$ ]] && { echo "per_engine.sh: the first argument is OUT_DIR, not a seed: $out" >&2; exit 1; }
case "$(realpath -m "$out")/" in
  "$root"/*) echo "per_engine.sh: OUT_DIR $out is inside the repository; choose a scratch directory" >&2; exit 1 ;;
esac
# Yosys keeps running on SIGINT, and bash then carries on: stop the whole job on an interrupt
trap 'echo "per_engine.sh: interrupted" >&2; trap - TERM; kill 0; exit 130' INT TERM
seeds="${*:-1 8 16 38 66 106 241 372 1039 1101}"
for seed in $seeds; do
  [[ "$seed" =~ ^[0-9]+$ ]] || { echo "per_engine.sh: seed '$seed' is not a number" >&2; exit 1; }
done
seeds=$(echo $seeds)
command -v yosys >/dev/null || { echo "per_engine.sh: yosys is missing (Debian: apt-get install yosys)" >&2; exit 1; }
"$root/blitz" --version >/dev/null
mkdir -p "$out"
jar="$out/blitz.jar"
cp "$root/cli/target/blitz.jar" "$jar"
# writes each design's files and its engines' estimates (name, PE,SIMD, LUT4); prints the design directories
cat > "$out/designs.jsh" <<JSH
import dev.brainblitz.fpga.*;
import dev.brainblitz.hdlgen.*;
import java.nio.file.*;
try {
for (String seed : "$seeds".split(" ")) {
  var d = CostCalibration.conv(Long.parseLong(seed), ConvWindow.FRAME);
  var target = FpgaTarget.of(CostCalibration.device(CostModel.Fabric.ICE40), FpgaTarget.DEFAULT_MHZ);
  var project = FpgaProject.of(VerilogDesign.of(d.network(), d.plan()), target);
  Path dir = Path.of(System.getProperty("out"), d.name());
  Files.createDirectories(dir);
  for (var f : project.files().entrySet()) Files.writeString(dir.resolve(f.getKey()), f.getValue());
  var plan = d.plan();
  var lines = new StringBuilder();
  for (int i = 0; i < plan.engines().size(); i++) {
    lines.append(plan.engines().get(i).name()).append(' ').append(plan.fold(i).pe()).append(',').append(plan.fold(i).simd())
        .append(' ').append(CostModel.of(plan, i, CostModel.Fabric.ICE40).luts()).append('\n');
  }
  Files.writeString(dir.resolve("estimates.txt"), lines.toString());
  System.out.println(dir);
}
} catch (Exception e) {
  // no System.exit: it would leave jshell waiting for input; the count of designs below fails instead
  System.err.println("per_engine.sh: " + e);
}
/exit
JSH
mapfile -t designs < <(jshell -R-Dout="$out" --class-path "$jar" "$out/designs.jsh")
words=($seeds)
[ "${#designs[@]}" -eq "${#words[@]}" ] || { echo "per_engine.sh: jshell wrote ${#designs[@]} designs for ${#words[@]} seeds" >&2; exit 1; }
synthesize() {
  set -eu
  cd "$1"
  local top base
  top=$(ls ./*_top.v | grep -v fpga_top)
  top=${top#./}
  base=${top%_top.v}
  {
    echo "read_verilog $top"
    echo "read_verilog fpga_shell.v"
    echo "read_verilog fpga_top.v"
    echo "hierarchy -top blitz_fpga_ooc_top"
    echo "setattr -mod -set keep_hierarchy 1 ${base}_*"
    echo "synth_ice40 -top blitz_fpga_ooc_top"
    echo "tee -q -o engines_stat.json stat -json"
    while read -r engine _; do
      echo "cd ${base}_$engine"
      echo "select -set ffs w:fbuf %ci1:+[Q] t:SB_DFF* %i"
      echo "select -set d @ffs %ci1:+[D] w:* %i"
      echo "tee -q -a frame.txt select -count @d %ci1:+[O] t:SB_LUT4 %i"
      echo "tee -q -a frame.txt select -count @ffs"
      echo "cd .."
    done < estimates.txt
  } > engines.ys
  rm -f frame.txt
  yosys -q engines.ys > engines.log 2>&1 || { echo "per_engine.sh: yosys failed, see $1/engines.log" >&2; exit 1; }
}
export -f synthesize
printf '%s\n' "${designs[@]}" | xargs -d '\n' -P 2 -I{} bash -c 'synthesize "$@"' _ {}
python3 - "${designs[@]}" <<'PY'
import json, os, re, sys
for d in sys.argv[1:]:
    d += "/"
    top = next(f for f in os.listdir(d) if f.endswith("_top.v") and f != "fpga_top.v")
    base = top[:-len("_top.v")]
    # Yosys 0.23 prints the hierarchy inside stat -json; drop those lines
    text = "".join(l for l in open(d + "engines_stat.json") if not re.match(r'^\s+[^\s"{}]+\s+\d+\s*$', l))
    modules = {name.lstrip("\\"): m for name, m in json.loads(text)["modules"].items()}
    frame = [int(n) for n in re.findall(r"(\d+) objects", open(d + "frame.txt").read())]
    print(d.rstrip("/").split("/")[-1])
    print(f"  {'engine':8s} {'PE,SIMD':>8s} {'LUT4':>6s} {'carry':>6s} {'est.':>6s} {'ratio':>6s} {'frame LUT4':>10s} {'frame FF':>9s}")
    for i, line in enumerate(open(d + "estimates.txt")):
        engine, fold, estimate = line.split()
        cells = modules[base + "_" + engine]["num_cells_by_type"]
        luts = cells.get("SB_LUT4", 0)
        print(f"  {engine:8s} {fold:>8s} {luts:6d} {cells.get('SB_CARRY', 0):6d} {estimate:>6s} "
              f"{luts / max(1, int(estimate)):6.2f} {frame[2 * i]:10d} {frame[2 * i + 1]:9d}")
PY
