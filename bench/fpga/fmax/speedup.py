#!/usr/bin/env python3
"""The HX parts' speed-up over the UP5K, from FmaxCalibration's tables of the same designs.

Run FmaxCalibration on the same sets with --device up5k and --device hx8k (measure.sh does the
first; see docs/fpga.md, "Fmax estimate"), then pass both printed tables:

  python3 bench/fpga/fmax/speedup.py /tmp/fmax/up5k.txt /tmp/fmax/hx8k.txt

Pairs the builds by design and pipelining, and prints per build nextpnr's Fmax on both parts and
their ratio; the speed-up that FmaxModel.ICE40_HX divides the UP5K delays by (the geometric middle
of the smallest and largest ratio, which minimizes the largest |log(ratio / speed-up)|), the same
left out one build at a time, and the measured / estimate range on the HX part under it.
"""
import argparse
import math
import re
import sys

ROW = re.compile(r"^(\S+)\s+K=(\d+)\s+([0-9.]+)\s+([0-9.]+)\s+([0-9.]+)\s*$")


def read(path, parser):
    builds = {}
    try:
        with open(path) as f:
            for line in f:
                m = ROW.match(line)
                if m:
                    builds[(m.group(1), int(m.group(2)))] = (float(m.group(3)), float(m.group(4)))
    except (OSError, UnicodeDecodeError) as e:
        parser.error(f"cannot read {path}: {e}")
    if not builds:
        parser.error(f"{path} has no rows of FmaxCalibration's table ('design K=k measured estimate ratio')")
    return builds


def middle(ratios):
    return math.sqrt(min(ratios) * max(ratios))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("up5k", help="FmaxCalibration's table on the UP5K")
    parser.add_argument("hx", help="the same on an HX part")
    args = parser.parse_args()
    up5k = read(args.up5k, parser)
    hx = read(args.hx, parser)
    keys = sorted(k for k in up5k if k in hx)
    if len(keys) < 2:
        parser.error("fewer than two builds are in both tables")
    ratios = {k: hx[k][0] / up5k[k][0] for k in keys}
    print(f"{'design':34} K   UP5K MHz  HX MHz  HX / UP5K")
    for k in keys:
        print(f"{k[0]:34} {k[1]}  {up5k[k][0]:8.2f}  {hx[k][0]:6.2f}  {ratios[k]:.3f}")
    speedup = middle(list(ratios.values()))
    print(f"\n{len(keys)} builds; HX / UP5K {min(ratios.values()):.3f}..{max(ratios.values()):.3f}, speed-up {speedup:.3f}")
    held_out = []
    for k in keys:
        s = middle([r for j, r in ratios.items() if j != k])
        # the HX estimate is the UP5K estimate times the speed-up
        held_out.append(hx[k][0] / (up5k[k][1] * s))
    in_fit = [hx[k][0] / (up5k[k][1] * speedup) for k in keys]
    print(f"HX measured / estimate: {min(in_fit):.2f}..{max(in_fit):.2f} under the speed-up; "
          f"{min(held_out):.2f}..{max(held_out):.2f} with each build left out of it")
    print(f"UP5K measured / estimate on the same builds: {min(up5k[k][0] / up5k[k][1] for k in keys):.2f}.."
          f"{max(up5k[k][0] / up5k[k][1] for k in keys):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
