#!/usr/bin/env python3
"""Fits CostModel's per-fabric coefficients to Yosys's counts (bench/fpga/calibration/README.md).

Reads the CSV that `CostCalibration --csv FILE` writes (one row per design and fabric: measured
LUTs, flip-flops, block RAMs and the structural terms) and fits the coefficients over
non-negative weights by linear programs, dense and convolutional designs together, on relative
errors |estimate / measured - 1| (a small design weighs as much as a large one). LUTs: the least
mean error with every design within --cap (default 0.3; the README's "Fifth calibration" compares
the objectives). Flip-flops, and LUTs with --cap 0: the least largest error, and of the weights
within 1% of it those with the least mean error. It prints the coefficients in CostModel's order
and the measured / fitted ratio ranges per set, dense and conv apart. It fits on every row of the
files given (--fit-on SET,... for some sets only); --loo fits without each design in turn and
reports that design (ranges, how many within +-20%, median and mean error), --cross fits on all
sets but one and reports that one: how close the estimate comes on designs the fit has not seen.

    python3 bench/fpga/calibration/fit.py calibration.csv [more.csv ...] [--loo] [--cross] [--fit-on training,held-out]
    python3 bench/fpga/calibration/fit.py calibration.csv --only streamPoolBits --hold ice40=0,0,1.165,...
    python3 bench/fpga/calibration/fit.py measured.csv --only dspAdderBits,dspConstantAdderBits --hold xilinx=... --fit-on dsp

With --only TERM[,TERM...] and --hold FABRIC=C1,C2,... (the other LUT coefficients in CostModel's
order) only those terms' LUT weights are fitted on FABRIC, the others held at the given values: a
new term enters the model without moving any estimate of a design that lacks it. The SAVINGS terms
(what a DSP slice takes off the LUTs) are fitted over non-positive weights.
Needs numpy and scipy (Debian: python3-numpy python3-scipy).
"""
import argparse
import csv
import sys

import numpy as np
from scipy.optimize import linprog

# Terms that are LUT counts already (CostModel.romLuts): weight 1, not fitted (left free it is traded
# against correlated terms: 1.6 on iCE40, 0.6 on Xilinx, and held-out designs with other ROM depths
# refute both: r2_6 at 0.67 on iCE40, r2_1 at 1.53 on Xilinx).
COUNTED = {"ice40": ("romLuts",), "xilinx": ("romLuts",)}
# Terms kept at weight 0: a u8 lane's LUTs are its leaf adder bits (byteAdderBits) and the slice's
# complement (byteSliceBits); left free, the minimax fit gave byteLanes 17 LUTs per lane on Xilinx,
# which the held-out tiny-u8 at II 1 refuted (0.55).
ZERO = ("byteLanes",)
# Terms that count LUTs a design does not build (the adders a DSP slice sums): weights of at most 0.
SAVINGS = ("dspAdderBits", "dspConstantAdderBits")


def fit(rows, target, terms, counted=(), held=None, cap=0.0):
    """Non-negative c (non-positive for the SAVINGS terms) over the rows' relative errors
    e_i = |a_i.c / b_i - 1|, the COUNTED terms' weights 1, the ZERO ones' 0 and the HELD ones (a dict
    term -> weight) fixed; a term no row has (its column all zero) gets 0, not the solver's pick.
    Minimizes the mean e_i subject to every e_i <= cap; with cap 0, or a cap no c meets, the cap is
    the least largest error any c reaches, plus 1%: of the weights that minimize the largest error,
    those with the least mean error (the largest error alone leaves many optima, and the solver's
    pick among them was arbitrary)."""
    a = np.array([[float(r[t]) for t in terms] for r in rows])
    b = np.maximum(np.array([float(r[target]) for r in rows]), 1.0)
    m, n = a.shape
    relative = a / b[:, None]
    held = held or {}
    absent = {t for j, t in enumerate(terms) if not a[:, j].any()}
    bounds = [(held[t], held[t]) if t in held else (1, 1) if t in counted else (0, 0) if t in ZERO or t in absent
              else (None, 0) if t in SAVINGS else (0, None) for t in terms]
    # both programs: relative.c - e <= 1 and -relative.c - e <= -1, with e one error per row (the mean) or one for all
    b_ub = np.concatenate([np.ones(m), -np.ones(m)])
    eye = np.eye(m)
    a_mean = np.vstack([np.hstack([relative, -eye]), np.hstack([-relative, -eye])])
    mean_cost = np.r_[np.zeros(n), np.full(m, 1.0 / m)]
    if cap > 0:
        result = linprog(mean_cost, A_ub=a_mean, b_ub=b_ub, bounds=bounds + [(0, cap)] * m)
        if result.status == 0:
            return result.x[:n]
    ones = np.ones((m, 1))
    a_max = np.vstack([np.hstack([relative, -ones]), np.hstack([-relative, -ones])])
    largest = linprog(np.r_[np.zeros(n), 1.0], A_ub=a_max, b_ub=b_ub, bounds=bounds + [(0, None)])
    if largest.status != 0:
        sys.exit(f"fit.py: the linear program for {target} failed: {largest.message}")
    tie = linprog(mean_cost, A_ub=a_mean, b_ub=b_ub, bounds=bounds + [(0, largest.x[n] * 1.01 + 1e-9)] * m)
    return tie.x[:n] if tie.status == 0 else largest.x[:n]


def estimate(row, terms, coefficients):
    """The row's estimate before rounding: the coefficients times its terms (CostModel.Terms.lutSum/flipFlopSum)."""
    return sum(c * float(row[t]) for c, t in zip(coefficients, terms))


def largest_error(rows, target, terms, coefficients):
    """The largest |estimate / measured - 1| over the rows, the estimate unrounded."""
    return max(abs(estimate(r, terms, coefficients) / max(1.0, float(r[target])) - 1) for r in rows)


def ratios(rows, target, terms, coefficients):
    """measured / estimate per row, the estimate rounded as CostModel's reports print it."""
    return [float(r[target]) / max(1, round(estimate(r, terms, coefficients))) for r in rows]


def arguments():
    parser = argparse.ArgumentParser(
        description="Fits CostModel's per-fabric coefficients to the CSV rows CostCalibration --csv writes.")
    parser.add_argument("files", nargs="+", metavar="CALIBRATION.csv", help="CSV files of CostCalibration --csv")
    parser.add_argument("--cross", action="store_true", help="also fit on all sets but one and report that one")
    parser.add_argument("--loo", action="store_true",
                        help="also fit without each design in turn and report that design (leave-one-out)")
    parser.add_argument("--fit-on", metavar="SET,...", help="fit on these sets only (default: every set given)")
    parser.add_argument("--cap", type=float, default=0.3, metavar="E",
                        help="LUTs: the least mean relative error with every design within +-E (default 0.3; 0: "
                             "within the least largest error that any weights reach, plus 1%%)")
    parser.add_argument("--only", metavar="TERM,...", help="fit only these LUT terms' weights (needs --hold)")
    parser.add_argument("--hold", metavar="FABRIC=C1,C2,...", help="the other LUT weights, in CostModel's order")
    args = parser.parse_args()
    if (args.only is None) != (args.hold is None):
        parser.error("--only and --hold go together")
    if not 0 <= args.cap < 1:
        parser.error(f"--cap {args.cap}: expected a relative error from 0 to below 1")
    return parser, args


def main():
    parser, args = arguments()
    only = [t.strip() for t in args.only.split(",")] if args.only else None
    fit_on = args.fit_on
    holds = {}
    if args.hold:
        fabric, _, values = args.hold.partition("=")
        try:
            holds[fabric] = [float(v) for v in values.split(",")]
        except ValueError:
            parser.error(f"--hold {args.hold}: expected FABRIC=C1,C2,... with numbers")
    rows = []
    for name in args.files:
        try:
            with open(name, newline="") as f:
                rows += list(csv.DictReader(f))
        except OSError as e:
            parser.error(f"cannot read {name}: {e.strerror}")
        except (UnicodeDecodeError, csv.Error) as e:
            parser.error(f"{name} is not a CSV file: {e}")
    if not rows:
        parser.error("the CSV files hold no rows")
    missing = [c for c in ("set", "design", "fabric", "luts", "flipFlops", "blockRams") if c not in rows[0]]
    if missing:
        parser.error(f"not a CostCalibration --csv file: no column {', '.join(missing)}")
    lut_terms = [c for c in rows[0] if c not in ("set", "design", "kind", "fabric", "luts", "flipFlops", "blockRams")
                 and not c.startswith("ff_")]
    ff_terms = [c for c in rows[0] if c.startswith("ff_")]
    numeric = ["luts", "flipFlops", "blockRams"] + lut_terms + ff_terms
    for r in rows:
        try:
            for column in numeric:
                float(r[column])
        except (KeyError, TypeError, ValueError):
            parser.error(f"design {r.get('design')}: the CSV files do not share CostCalibration's columns, or a cell"
                         " is not a number")
    fabrics = sorted({r["fabric"] for r in rows})
    unknown = [f for f in fabrics if f not in COUNTED]
    if unknown:
        parser.error(f"unknown fabric {', '.join(unknown)} (known: {', '.join(COUNTED)})")
    if only:
        unknown_terms = [t for t in only if t not in lut_terms]
        if unknown_terms:
            parser.error(f"--only {args.only}: {', '.join(unknown_terms)} not a LUT term (the terms: {', '.join(lut_terms)})")
        if not any(f in holds for f in fabrics):
            parser.error(f"--hold {args.hold}: the CSV files have no rows of that fabric")
        fabrics = [f for f in fabrics if f in holds]
    sets = list(dict.fromkeys(r["set"] for r in rows))  # in the order of the files (CostCalibration.SETS)
    fit_sets = fit_on.split(",") if fit_on else sets
    unfitted = [s for s in fit_sets if s not in sets]
    if unfitted:
        parser.error(f"--fit-on: no rows of set {', '.join(unfitted)} (the files hold: {', '.join(sets)})")
    for fabric in fabrics:
        for target, terms in (("luts", lut_terms), ("flipFlops", ff_terms)):
            if only and target != "luts":
                continue
            held_weights = None
            if only:
                others = [t for t in terms if t not in only]
                if len(holds[fabric]) != len(others):
                    parser.error(f"--hold gives {len(holds[fabric])} weights, {len(others)} LUT terms besides {args.only}")
                held_weights = dict(zip(others, holds[fabric]))
            of = [r for r in rows if r["fabric"] == fabric]
            cap = args.cap if target == "luts" else 0.0
            fitted = [r for r in of if r["set"] in fit_sets]
            c = fit(fitted, target, terms, COUNTED[fabric], held_weights, cap)
            if cap > 0 and largest_error(fitted, target, terms, c) > cap + 1e-6:
                print(f"fit.py: no weights keep every {fabric} design's {target} within +-{cap}: fitted the least"
                      " largest error instead", file=sys.stderr)
            print(f"{fabric} {target}: " + ", ".join(f"{t}={v:.4g}" for t, v in zip(terms, c)))
            print("  new double[] {" + ", ".join(f"{v:.4g}" for v in c) + "}")
            for name in sets:
                report(f"{name}{'' if name in fit_sets else ' (not fitted on)'}",
                       [r for r in of if r["set"] == name], target, terms, c)
            if args.loo:
                leave_one_out(of, fit_sets, target, terms, COUNTED[fabric], held_weights, cap)
            if args.cross and len(sets) > 1:
                # how the fit does on designs it has not seen: each set against a fit on the others
                for name in sets:
                    rest = fit([r for r in of if r["set"] != name], target, terms, COUNTED[fabric], held_weights, cap)
                    report(f"{name} when fitted on the other sets", [r for r in of if r["set"] == name], target,
                           terms, rest)


def leave_one_out(rows, fit_sets, target, terms, counted, held_weights, cap):
    """Each fitted design against a fit on all the others: the error to expect on a new design like those of the sets.
    Prints the ratio range, how many designs the estimate is within +-20% of (|estimate / measured - 1| <= 0.2),
    the median and mean of that error, and the designs outside +-20%."""
    fitted = [r for r in rows if r["set"] in fit_sets]
    if len(fitted) < 2:
        print(f"  leave-one-out: needs two designs or more (the fit has {len(fitted)})")
        return
    out = []
    for i, r in enumerate(fitted):
        c = fit(fitted[:i] + fitted[i + 1:], target, terms, counted, held_weights, cap)
        out.append((ratios([r], target, terms, c)[0], r))
    for kind in ("dense", "conv"):
        part = [q for q, r in out if r.get("kind", "dense") == kind]
        if part:
            print(f"  leave-one-out, {kind}: {len(part)} designs, ratio {min(part):.2f}..{max(part):.2f}")
    errors = [abs(1 / q - 1) for q, _ in out]
    misses = [(q, r["design"]) for (q, r), e in zip(out, errors) if e > 0.2]
    print(f"  leave-one-out: estimate within +-20% of {len(out) - len(misses)} of {len(out)} designs, median error"
          f" {np.median(errors):.1%}, mean {np.mean(errors):.1%}"
          + ("; not: " + ", ".join(f"{d} {q:.2f}" for q, d in sorted(misses)) if misses else ""))


def report(title, subset, target, terms, coefficients):
    for kind in ("dense", "conv"):
        part = [r for r in subset if r.get("kind", "dense") == kind]
        if part:
            r = ratios(part, target, terms, coefficients)
            print(f"  {title}, {kind}: {len(r)} designs, ratio {min(r):.2f}..{max(r):.2f}")


if __name__ == "__main__":
    main()
