package dev.brainblitz.hdlgen;

import java.util.ArrayList;
import java.util.List;

/**
 * An estimate of the clock a folding reaches on the iCE40 after place and route, from the paths
 * of its engines' datapaths. Each PE's datapath is cut by the adder trees' pipeline registers
 * into register-to-register paths ({@link Path}): the first starts at the leaves (the XNORs of the
 * input buffer with the weight memory's word, or the +/- x of an 8-bit lane) and the last ends in
 * the tail (the accumulator's add over the input folds, then the threshold compare or the bias
 * add). A path's delay is a weighted sum of what lies on it: adder levels, the bits of their carry
 * chains, the leaves, the tail's operations and bits. The slowest path sets the estimate, bounded
 * by the fastest clock the rest of the design (the shell, the links, the argmax) was measured to
 * reach. The weights are fitted against nextpnr-ice40 (docs/fpga.md, "Fmax estimate"); what the
 * estimate does not see (a convolution's window logic, routing congestion in a full device)
 * shows up as its measured error there.
 */
public final class FmaxModel {
  private FmaxModel() {}

  /**
   * One register-to-register path of an engine's datapath: {@code levels} adder levels whose
   * widths sum to {@code levelBits}; from the leaves or not ({@code u8Leaves} for 8-bit lanes),
   * whose weights come from a LUT ROM of {@code romAddressBits} address bits or from a RAM's
   * registered read ({@code ramRead}); into the tail or not: {@code tailOperations} operations (the
   * accumulator add over the input folds when there are several, the threshold compare or bias add)
   * on {@code tailBits} bits in all, with its threshold or bias from a LUT ROM of {@code
   * tableAddressBits} address bits (0 when in block RAM or one word).
   */
  public record Path(String engine, int levels, int levelBits, boolean leaves, boolean u8Leaves, int romAddressBits,
      boolean ramRead, int tailOperations, int tailBits, int tableAddressBits) {
    /** The path's terms in the order of {@link #TERMS}. */
    public double[] terms() {
      return new double[] {1, levels, levelBits, leaves ? 1 : 0, u8Leaves ? 1 : 0, romAddressBits, ramRead ? 1 : 0,
          tailOperations, tailBits, tableAddressBits};
    }
  }

  /** The names of the terms, in the order of {@link Path#terms}. */
  public static final List<String> TERMS = List.of("base", "levels", "levelBits", "leaves", "u8Leaves",
      "romAddressBits", "ramRead", "tailOperations", "tailBits", "tableAddressBits");

  /**
   * Nanoseconds per unit of each term (in {@link #TERMS}' order), the fastest clock the rest of the
   * design reaches (MHz), and the range of measured / estimated Fmax on designs outside the fit:
   * the error to expect.
   */
  public record Coefficients(List<Double> perTerm, double ceilingMhz, double lowestRatio, double highestRatio) {
    public Coefficients {
      perTerm = List.copyOf(perTerm);
      if (perTerm.size() != TERMS.size()) {
        throw new IllegalArgumentException("expected " + TERMS.size() + " coefficients, got " + perTerm.size());
      }
    }

    public double delayNs(Path path) {
      double[] terms = path.terms();
      double ns = 0;
      for (int t = 0; t < terms.length; t++) {
        ns += perTerm.get(t) * terms[t];
      }
      return ns;
    }

    /**
     * These weights for a fabric whose paths are all {@code speedup} times as fast (every delay
     * divided by it, the ceiling multiplied), with the measured / estimate range {@code lowest} to
     * {@code highest} measured there.
     */
    public Coefficients fasterBy(double speedup, double lowest, double highest) {
      return new Coefficients(perTerm.stream().map(ns -> ns / speedup).toList(), ceilingMhz * speedup, lowest, highest);
    }

    /** The range of measured / estimate outside the fit, for reports: "0.77..1.25". */
    public String ratioRange() {
      return String.format(java.util.Locale.ROOT, "%.2f..%.2f", lowestRatio, highestRatio);
    }
  }

  /**
   * The iCE40 weights, fitted by bench/fpga/fmax/fit.py on the 47 builds of bench/fpga/fmax's three
   * sets of dense designs (nextpnr-ice40 0.4, 2026-12-02; docs/fpga.md, "Fmax estimate"); the
   * ceiling, the fastest clock the kit measured (tiny at II 1 with a register after every adder
   * level: 66.25 MHz, its critical path in the argmax), above every estimate of the kit's designs
   * (at most 55.19 MHz); and the widest range of measured / estimate seen on designs outside a fit:
   * the dense held-out and validation sets under the weights fitted on the training set alone
   * (0.81..1.21) and the kit's 19 conv designs, whose window logic the paths do not see (36 builds,
   * 0.77..1.25).
   */
  public static final Coefficients ICE40 = new Coefficients(
      List.of(7.6085, 0.1176, 0.5477, 0.0001, 5.6548, 1.4510, 6.4273, 7.6368, 0.1116, 0.0022), 66.25, 0.77, 1.25);

  /**
   * The HX1K's and HX8K's weights: {@link #ICE40}'s, fitted on the UP5K, for a fabric 2.64 times as
   * fast. nextpnr-ice40 0.4 placed the Fmax kit's 28 dense designs (default pipelining) 2.36 to 2.95
   * times as fast on the HX8K as on the UP5K (2026-12-03, bench/fpga/fmax/speedup.py; the HX1K
   * measured alike on tiny); 2.64 is the geometric middle of 2.363..2.949. The error range is the
   * UP5K's outside its fit times the speed-up's spread (0.895..1.117), wider than the 0.84..1.32 the
   * kit measured on the HX8K for its dense designs, because no deeper pipelining was placed on an HX
   * part; the kit's conv designs, placed on the HX8K later (2026-12-04, 29 builds), measured
   * 0.75..1.31, inside it.
   */
  public static final Coefficients ICE40_HX = ICE40.fasterBy(2.64, 0.69, 1.40);

  /** Every datapath path of every engine of {@code plan} (one PE stands for all: they are alike). */
  public static List<Path> paths(FoldingPlan plan) {
    var paths = new ArrayList<Path>();
    for (int i = 0; i < plan.engines().size(); i++) {
      EngineShape shape = EngineShape.of(plan, i);
      AdderTree tree = shape.tree();
      int levels = tree.levels();
      int accWidth = shape.accumulatorWidth();
      int tailOperations = (shape.inputFolds() > 1 ? 1 : 0) + 1;
      int depth = shape.issues();
      WeightStorage where = plan.weightStorage(i).resolve(shape.engine(), shape.fold());
      boolean ram = where != WeightStorage.LUT && depth > 1;
      int nf = shape.neuronFolds();
      int tableAddressBits = where.keepsTablesInRam(nf) ? 0 : Widths.ceilLog2(nf);
      // cut where the lowering puts a pipeline register (AdderTree.registered); the last path runs into the tail
      int pathLevels = 0;
      int bits = 0;
      boolean leaves = true;
      for (int l = 1; l <= levels + 1; l++) {
        boolean tail = l > levels;
        if (!tail) {
          pathLevels++;
          bits += tree.width(l);
        }
        if (tail || AdderTree.registered(l, levels, plan.levelsPerStage())) {
          paths.add(new Path(shape.engine().name(), pathLevels, bits, leaves, leaves && shape.u8(),
              leaves && !ram ? Widths.ceilLog2(depth) : 0, leaves && ram, tail ? tailOperations : 0,
              tail ? tailOperations * accWidth : 0, tail ? tableAddressBits : 0));
          pathLevels = 0;
          bits = 0;
          leaves = false;
        }
      }
    }
    return paths;
  }

  /**
   * The estimated Fmax of {@code plan} at the optimistic end of the estimate's measured error
   * (estimate x highest ratio, MHz): a clock above it is out of reach.
   */
  public static double optimisticFmaxMhz(FoldingPlan plan, Coefficients coefficients) {
    return fmaxMhz(plan, coefficients) * coefficients.highestRatio();
  }

  /** The estimated Fmax of {@code plan} under {@code coefficients}, MHz. */
  public static double fmaxMhz(FoldingPlan plan, Coefficients coefficients) {
    double slowest = 0;
    for (Path p : paths(plan)) {
      slowest = Math.max(slowest, coefficients.delayNs(p));
    }
    return slowest <= 0 ? coefficients.ceilingMhz() : Math.min(coefficients.ceilingMhz(), 1000 / slowest);
  }
}
