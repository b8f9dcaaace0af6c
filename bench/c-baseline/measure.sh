#!/usr/bin/env bash
# Cycles and instructions per inference of the plain-C baseline on brain-blitz's RISC-V simulator.
# usage: bench/c-baseline/measure.sh [--variant plain|tuned|both] [MODEL] [VECTORS] [TIMING ...]
#   defaults: the plain variant (bnn.h; tuned = tuned/bnn.h, see README.md), mlp784, 10 vectors,
#   timings cv32e40p and ideal. Both variants are built from the same network.c and vectors.
# Needs riscv64-unknown-elf-gcc and make (Debian: gcc-riscv64-unknown-elf, make).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
variants=(plain)
if [ "${1:-}" = "--variant" ]; then
  case "${2:-}" in
    plain | tuned) variants=("$2") ;;
    both) variants=(plain tuned) ;;
    *) echo "measure.sh: --variant takes plain, tuned or both, not '${2:-}'" >&2; exit 2 ;;
  esac
  shift 2
fi
model="${1:-mlp784}"
vectors="${2:-10}"
shift $(( $# > 2 ? 2 : $# ))
timings=("$@")
[ ${#timings[@]} -gt 0 ] || timings=(cv32e40p ideal)

dir="$(mktemp -d "${TMPDIR:-/tmp}/c-baseline.XXXXXX")"
trap 'rm -rf "$dir"' EXIT
"$root/blitz" c-baseline "$model" -o "$dir" --vectors "$vectors" >/dev/null
for variant in "${variants[@]}"; do
  make -s -C "$here" GEN="$dir" VARIANT="$variant"
  suffix="$([ "$variant" = plain ] || echo "-$variant")"
  sizes="$(riscv64-unknown-elf-size -A "$dir/network$suffix.o" | awk '$1 == ".text" { t = $2 } $1 ~ /^\.rodata/ { r += $2 } END { print t, r + 0 }')"
  read -r text rodata <<<"$sizes"
  echo "model $model, $variant: bnn_infer $text bytes of code, $rodata bytes of weights/thresholds/biases; $vectors inferences per run"
  for timing in "${timings[@]}"; do
    result="$("$root/blitz" sim "$dir/bnn$suffix.elf" --timing "$timing" 2>/dev/null | tail -n 1)"
    # "inferences N cycles C instret I mismatches M"
    read -r _ n _ cycles _ instret _ mismatches <<<"$result"
    if [ "$mismatches" != 0 ]; then
      echo "$variant, $timing: $mismatches results differ from the golden model" >&2
      exit 1
    fi
    awk -v v="$variant" -v t="$timing" -v n="$n" -v c="$cycles" -v i="$instret" \
      'BEGIN { printf "%-5s %-9s %12.1f cycles/inference %12.1f instructions/inference  CPI %.3f\n", v, t, c / n, i / n, c / i }'
  done
done
