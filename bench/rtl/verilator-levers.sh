#!/usr/bin/env bash
# Verilator levers on one design: build time and simulation speed of the generated harness for
# several Verilator / C++ flag sets, each against the same vectors (file mode of the harness).
#
#   bench/rtl/verilator-levers.sh [MODEL] [VECTORS] [VARIANT...]
#
# MODEL defaults to mlp784 (folded by blitz verilog's default --target-cycles 64), VECTORS to 2000.
# Variants (default: all): base, xfast, O3, cxx-O2, cxx-O3, optfast-O2, threads2, eval2 (base with
# one more eval() per cycle at the falling edge, to measure what that eval costs). cxx-* change
# -CFLAGS, which Verilator 5.006's Makefile puts before its own OPT_FAST (-Os) on the model files,
# so they reach only the harness; optfast-O2 sets OPT_FAST itself. Prints one row per variant: build
# wall seconds, simulated cycles, the best of RUNS (default 3) simulation wall seconds, cycles/s and
# vectors/s.
# Run it from the repository root on a quiet machine; it is a benchmark, not a test. BLITZ overrides
# the command that runs blitz (default: the repository's ./blitz).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
model="${1:-mlp784}"
vectors="${2:-2000}"
shift $(( $# > 2 ? 2 : $# ))
variants=("$@")
[ ${#variants[@]} -eq 0 ] && variants=(base xfast O3 cxx-O2 cxx-O3 optfast-O2 threads2 eval2)
runs="${RUNS:-3}"
work="$(mktemp -d "${TMPDIR:-/tmp}/blitz-levers.XXXXXX")"
trap 'rm -rf "$work"' EXIT

${BLITZ:-"$root/blitz"} verilog "$model" -o "$work/design" >/dev/null
top="$(sed -n 's/^run: obj_dir\/V\(.*\)$/\1/p' "$work/design/Makefile")"
# The design's sample vectors, repeated to the count asked for.
awk -v n="$vectors" '{ v[NR] = $0 } END { for (i = 0; i < n; i++) print v[i % NR + 1] }' \
  "$work/design/vectors.txt" > "$work/design/many.txt"

base_args=(--cc --exe --build -j 2 --output-split-cfuncs 300 --top-module "$top" "$top.v" harness.cpp)
printf '%-9s %8s %10s %8s %12s %11s\n' variant build_s cycles sim_s cycles/s vectors/s
for variant in "${variants[@]}"; do
  dir="$work/$variant"
  cp -r "$work/design" "$dir"
  cflags=-O1
  extra=()
  case "$variant" in
    base) ;;
    xfast) extra=(--x-assign fast --x-initial fast) ;;
    O3) extra=(-O3) ;;
    cxx-O2) cflags=-O2 ;;
    cxx-O3) cflags=-O3 ;;
    optfast-O2) extra=(-MAKEFLAGS OPT_FAST=-O2) ;;
    threads2) extra=(--threads 2) ;;
    eval2) sed -i 's/^    top->eval();$/    top->eval(); if (!clk) top->eval();/' "$dir/harness.cpp"
           grep -q 'if (!clk) top->eval();' "$dir/harness.cpp" || { echo "eval2: harness pattern not found" >&2; exit 1; } ;;
    *) echo "unknown variant $variant" >&2; exit 2 ;;
  esac
  start=$(date +%s.%N)
  (cd "$dir" && verilator "${extra[@]}" -CFLAGS "$cflags" "${base_args[@]}" >build.log 2>&1) \
    || { echo "$variant: build failed, see $dir/build.log" >&2; cat "$dir/build.log" >&2; exit 1; }
  build=$(echo "$(date +%s.%N) - $start" | bc)
  sim=
  for run in $(seq "$runs"); do
    start=$(date +%s.%N)
    (cd "$dir" && "./obj_dir/V$top" many.txt results.txt 0 0 1)
    took=$(echo "$(date +%s.%N) - $start" | bc)
    if [ -z "$sim" ] || [ "$(echo "$took < $sim" | bc)" = 1 ]; then sim=$took; fi
  done
  cycles=$(sed -n 's/^measured cycles \([0-9]*\) .*/\1/p' "$dir/results.txt")
  # Every variant must compute the same results as the first one.
  grep '^result' "$dir/results.txt" > "$dir/only-results.txt"
  [ -f "$work/expected.txt" ] || cp "$dir/only-results.txt" "$work/expected.txt"
  cmp -s "$work/expected.txt" "$dir/only-results.txt" || { echo "$variant: results differ" >&2; exit 1; }
  printf '%-9s %8.1f %10d %8.2f %12.0f %11.0f\n' "$variant" "$build" "$cycles" "$sim" \
    "$(echo "$cycles / $sim" | bc -l)" "$(echo "$vectors / $sim" | bc -l)"
  rm -rf "$dir"
done
