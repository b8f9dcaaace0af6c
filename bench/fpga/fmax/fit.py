#!/usr/bin/env python3
"""Fits FmaxModel's iCE40 weights to nextpnr's Fmax (the CSV of FmaxCalibration --csv).

A build's estimated Fmax is min(ceiling, 1000 / max over its paths of sum(weight * term)), the
formula of dev.brainblitz.hdlgen.FmaxModel. The fit minimizes the largest |log(measured / estimate)|
over the builds of the sets it is told to fit on, weights kept non-negative, and prints the weights
in FmaxModel.TERMS' order, the ceiling, and each set's ratio range (measured / estimate).
Needs numpy and scipy (python3-numpy, python3-scipy)."""
import argparse
import csv
import math
import sys

import numpy as np
from scipy.optimize import differential_evolution, minimize


# FmaxModel.TERMS, in its order: the columns after the fixed ones must be exactly these.
TERMS = ["base", "levels", "levelBits", "leaves", "u8Leaves", "romAddressBits", "ramRead", "tailOperations",
         "tailBits", "tableAddressBits"]
FIXED = ["set", "design", "levelsPerStage", "measuredMhz", "engine"]


def read(path, parser):
    builds = {}
    try:
        with open(path, newline="") as f:
            reader = csv.DictReader(f)
            rows = list(reader)
            columns = reader.fieldnames or []
    except (OSError, csv.Error, UnicodeDecodeError) as e:
        parser.error(f"cannot read {path}: {e}")
    if columns != FIXED + TERMS:
        parser.error(f"{path} is not a CSV of FmaxCalibration: expected the columns {', '.join(FIXED + TERMS)}")
    if not rows:
        parser.error(f"{path} has no rows")
    for line, r in enumerate(rows, start=2):
        try:
            key = (r["set"], r["design"], int(r["levelsPerStage"]))
            measured = float(r["measuredMhz"])
            t = [float(r[c]) for c in TERMS]
        except (TypeError, ValueError):
            parser.error(f"{path}:{line}: a field is not a number")
        if not math.isfinite(measured) or measured <= 0 or not all(math.isfinite(v) for v in t):
            parser.error(f"{path}:{line}: measuredMhz must be a positive number and the terms finite")
        if key in builds and builds[key][0] != measured:
            parser.error(f"{path}:{line}: build {key[1]} (K={key[2]}) has two measured Fmax values")
        builds.setdefault(key, [measured, []])[1].append(t)
    return TERMS, {k: (m, np.array(p)) for k, (m, p) in builds.items()}


def estimate(weights, ceiling, paths):
    slowest = float(np.max(paths @ weights))
    return ceiling if slowest <= 0 else min(ceiling, 1000.0 / slowest)


def log_ratios(params, builds):
    weights, ceiling = np.abs(params[:-1]), abs(params[-1])
    return np.array([math.log(m / estimate(weights, ceiling, p)) for m, p in builds.values()])


def fit(builds, n_terms, seed):
    """A global search (differential evolution) for the smallest largest |log ratio|, then polished."""
    def worst(p):
        return float(np.max(np.abs(log_ratios(p, builds))))
    bounds = [(0.0, 20.0)] * n_terms + [(20.0, 200.0)]
    r = differential_evolution(worst, bounds, seed=seed, maxiter=600, tol=1e-8, polish=False)
    polished = minimize(worst, r.x, method="Nelder-Mead", options={"maxiter": 20000, "xatol": 1e-7, "fatol": 1e-10})
    best = polished.x if worst(polished.x) < worst(r.x) else r.x
    return np.abs(best[:-1]), abs(best[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv", help="FmaxCalibration's CSV")
    parser.add_argument("--fit-on", default="training",
                        help="comma-separated sets to fit on (training, held-out, validation; default training)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the global search (default 1)")
    args = parser.parse_args()
    terms, builds = read(args.csv, parser)
    sets = args.fit_on.split(",")
    known = sorted({k[0] for k in builds})
    for s in sets:
        if s not in known:
            parser.error(f"--fit-on: no set '{s}' in {args.csv} (it has {', '.join(known)})")
    weights, ceiling = fit({k: v for k, v in builds.items() if k[0] in sets}, len(terms), args.seed)
    print("weights (ns): " + ", ".join(f"{t} {w:.4f}" for t, w in zip(terms, weights)))
    print(f"ceiling: {ceiling:.2f} MHz")
    params = np.concatenate([weights, [ceiling]])
    for s in known:
        part = {k: v for k, v in builds.items() if k[0] == s}
        ratios = np.exp(log_ratios(params, part))
        print(f"{s}{' (fitted on)' if s in sets else ''}: {len(part)} builds; Fmax ratio (measured / estimate) "
              f"{ratios.min():.2f}..{ratios.max():.2f}")


if __name__ == "__main__":
    main()
