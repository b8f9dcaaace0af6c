package dev.brainblitz.hdlgen;

import dev.brainblitz.ir.InputKind;
import java.util.List;
import java.util.Locale;

/**
 * Resource estimates of the generated hardware (not a synthesis result), calibrated against Yosys.
 * An estimate is the sum of {@link Terms}: structural quantities read from the RTL the lowering
 * writes (lanes, adder-tree bits, accumulator and compare bits, LUT-ROM cells, registers, block
 * RAMs), each counted from the same {@link EngineShape}, {@link AdderTree} and {@link Widths} the
 * lowering uses, weighted by per-{@link Fabric} coefficients fitted on real Yosys runs (the
 * calibration kit in {@code bench/fpga/calibration}, figures in docs/hdl.md). Block RAMs are not
 * estimated but counted: the number of blocks Yosys's memory mapping uses for each weight memory
 * of {@link WeightStorage#BRAM} ({@link #blockRams}).
 *
 * <p>Units are added by summing their terms: {@link #engine} per matrix-vector engine,
 * {@link #argmax} and {@link #link} for the stages between them; {@link #of(FoldingPlan, Fabric)}
 * sums everything in the design's top module.
 */
public final class CostModel {
  private CostModel() {}

  /**
   * How close the estimates come to Yosys, as the reports print it: leave-one-out over the 91
   * designs per fabric of the seventh calibration (each design against weights fitted on the other 90:
   * {@code fit.py --loo} on {@code bench/fpga/calibration/measured.csv}; docs/hdl.md, "Calibration"),
   * and over the 80 Xilinx designs with DSP sums of the eighth.
   */
  public static final String MEASURED_ERROR = "on designs left out of its fit, the LUT estimate was within +-20% of"
      + " Yosys for 90 of 91 designs (iCE40) and 89 of 91 (Xilinx), flip-flops for 89 and 85; Yosys's LUTs ranged from"
      + " 0.74 to 1.09 times the estimate (iCE40) and 0.79 to 1.46 (Xilinx); with adder-tree nodes in DSP slices"
      + " (Xilinx) within +-20% for 71 of 80, 0.79 to 1.44; block RAM counts equal Yosys's on all 262";

  /** The logic fabric an estimate is for: its block RAM geometry, LUT-ROM mapping and fitted coefficients. */
  public enum Fabric {
    /** iCE40: LUT4 logic cells with a carry chain, 4-kbit SB_RAM40_4K blocks. */
    ICE40,
    /** Xilinx 7-series: LUT6 with CARRY4 and MUXF7/MUXF8, RAMB18 (counted in 18-kbit units, a RAMB36 as two). */
    XILINX;

    public String keyword() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The estimate of a design or a unit: LUTs, flip-flops, block RAMs and the bits of its memories. */
  public record Cost(long romBits, long luts, long flipFlops, long blockRams) {
    public static final Cost ZERO = new Cost(0, 0, 0, 0);

    public Cost plus(Cost other) {
      return new Cost(romBits + other.romBits, luts + other.luts, flipFlops + other.flipFlops,
          blockRams + other.blockRams);
    }
  }

  /**
   * The structural quantities an estimate is made of, each a count read off the generated RTL:
   * <ul>
   *   <li>{@code bipolarLanes}: XNOR lanes (PE x SIMD of bipolar engines whose weights change per issue);
   *   <li>{@code byteLanes}: lanes of u8 engines (a byte added or subtracted into the tree);
   *   <li>{@code adderBits}: bits of every adder-tree node above the leaves (one adder bit each) of
   *       bipolar engines whose weights change per issue (those a DSP slice sums included: their
   *       saving is a term of its own, {@code dspAdderBits});
   *   <li>{@code byteAdderBits}: the same for u8 engines (wider nodes over signed bytes), constant
   *       weights or not (a byte times a constant -1 is still a negation in the tree);
   *   <li>{@code constantAdderBits}: the same for bipolar engines whose weights are constants (one
   *       issue per vector), where synthesis folds the weights into the tree;
   *   <li>{@code accumulatorBits}: accumulator bits of engines with more than one input fold;
   *   <li>{@code tailBits}: bits of the threshold compare (hidden engines) or the bias add (scores);
   *   <li>{@code romLuts}: LUTs of the weight memories and per-PE tables kept in logic, counted
   *       (not fitted) as Yosys maps them ({@link #romLuts});
   *   <li>{@code bufferBits}: a convolution's choices in front of its input buffer: the load of the
   *       next window (a bit per buffer bit) and, in line mode, the pad choice (a bit per pixel bit);
   *   <li>{@code argmaxBits}: compare-and-select bits of the argmax tree;
   *   <li>{@code streamBits}: entry bits of the link FIFOs;
   *   <li>{@code units}: engines, links and the argmax (counters and handshakes, per unit);
   *   <li>{@code registerBits}: the register bits of the RTL as synthesis keeps them: a LUT-ROM
   *       weight memory's address register becomes a register of its output word (Yosys moves a
   *       register that feeds a ROM's address to its output), a block RAM's output register is
   *       the block's own;
   *   <li>{@code tableBits}: output bits of the per-PE tables with more than one word (the same
   *       move may give them an output register);
   *   <li>{@code blockRams}: block RAMs of the weight memories, of the line buffers and of the
   *       stream port's input buffer kept in block RAM (exact);
   *   <li>{@code romBits}: bits of every weight memory and table, padding included;
   *   <li>{@code windowBits}: bits of a convolution's frame buffer ({@link ConvWindow#FRAME}, and a
   *       first convolution's in {@link ConvWindow#LINE}) that synthesis keeps
   *       ({@link SlidingWindow#keptBits}: not constant, and read by a window): each a choice of
   *       hold, shift by a pixel, shift by a row or load (a LUT term; its flip-flops, every bit of
   *       the buffer, are in {@code registerBits});
   *   <li>{@code lineBits}: bits of the line buffers ({@link ConvWindow#LINE}), a shift register
   *       advanced with the flip-flops' enable and no reset (a LUT and a flip-flop term: Xilinx
   *       synthesis may map such a chain to SRL16E/SRLC32E shift-register LUTs, iCE40 keeps
   *       flip-flops); of a line buffer in block RAM ({@link LineStorage}) only its K x K window
   *       taps, its delay lines being {@code blockRams};
   *   <li>{@code poolBits}: a frame-mode max-pool's logic: an OR input per pooled bit per 3 more
   *       window inputs;
   *   <li>{@code streamPoolBits}: a stream max-pool's logic ({@link ConvWindow#LINE}): the
   *       rotate-or-replace choice of its row of partial ORs (two per row bit) and the OR with the
   *       first-pixel choice (one per channel); a term of its own since fashion-cnn's rows (14 x 32
   *       and 7 x 64 bits) showed that it costs far less per bit than a frame pool's OR tree;
   *   <li>{@code byteSliceBits}: bits of a u8 engine's input slice (8 x SIMD): the subtracting lanes
   *       add the slice's complement, one inverter per slice bit shared by all PEs (Yosys's
   *       {@code synth_xilinx} keeps them as INV cells: about 8 x SIMD of them on the u8 designs of
   *       the calibration sets, 1,575 in mlp784 at SIMD 196);
   *   <li>{@code counterBits}: bits of an engine's issue counters (weight address, input fold,
   *       neuron fold), each an increment, a compare with its last value and a wrap;
   *   <li>{@code packBits}: bits of an engine's packing register (the results of earlier neuron
   *       folds, shifted with the flip-flops' enable);
   *   <li>{@code ramLanes}: lanes of bipolar engines whose weights are read from block RAM or SPRAM
   *       (a registered word: the XNOR stays a LUT of its own, where a LUT ROM's last multiplexer
   *       can take it in);
   *   <li>{@code byteRamLanes}: the same for u8 engines (the byte's add-or-subtract choice);
   *   <li>{@code rotateBits}: input buffer bits of engines with more than one input fold, a
   *       register rotated by a slice per issue or loaded from the port: one LUT per bit, measured
   *       (the LUTs driving {@code xbuf}'s flip-flops in Yosys's netlist: 2,013 for r1_5's 2,016
   *       bits, 1,185 for r3_7's 1,200, of which 56 are constant, on iCE40; on Xilinx too since
   *       the buffer's choice no longer reads the handshake, docs/hdl.md); none with one fold (only loaded)
   *       and none for a stream port's buffer in block RAM ({@link EngineShape#bufferInRam}), whose
   *       blocks are in {@code blockRams} and whose staging register and counters are in
   *       {@code registerBits};
   *   <li>{@code threeWayBits}: of the kept frame-buffer bits, those whose choice is among three
   *       signals (the port's bit and two different shifts' bits, {@link SlidingWindow#keptBits}):
   *       five inputs with the two selects, more than a LUT4 takes;
   *   <li>{@code dspAdderBits}: on Xilinx, the adder bits (in {@code adderBits}) of the nodes a DSP
   *       slice sums and of their children ({@link DspSums}), in engines whose weights change per
   *       issue: a saving, so its weight is at most 0 (fitted on the calibration's DSP set);
   *   <li>{@code dspConstantAdderBits}: the same for engines whose weights are constants (their adder
   *       bits are in {@code constantAdderBits}), where synthesis had folded the weights into the
   *       tree and a slice saves less.
   * </ul>
   */
  public record Terms(long bipolarLanes, long byteLanes, long adderBits, long byteAdderBits, long constantAdderBits,
      long accumulatorBits, long tailBits,
      long romLuts, long bufferBits, long argmaxBits, long streamBits, long units, long registerBits,
      long tableBits, long blockRams, long romBits, long windowBits, long lineBits, long poolBits,
      long byteSliceBits, long streamPoolBits, long counterBits, long packBits, long ramLanes, long byteRamLanes,
      long rotateBits, long threeWayBits, long dspAdderBits, long dspConstantAdderBits) {
    public static final Terms ZERO = new Terms(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0);

    /**
     * Terms of a convolution's window and pool units: their buffer, register, window, three-way,
     * line and pool bits, and the line buffer's block RAMs.
     */
    static Terms convolution(long bufferBits, long registerBits, long windowBits, long threeWayBits, long lineBits,
        long poolBits, long streamPoolBits, long blockRams) {
      return new Terms(0, 0, 0, 0, 0, 0, 0, 0, bufferBits, 0, 0, 0, registerBits, 0, blockRams, 0, windowBits, lineBits,
          poolBits, 0, streamPoolBits, 0, 0, 0, 0, 0, threeWayBits, 0, 0);
    }

    public Terms plus(Terms o) {
      return new Terms(bipolarLanes + o.bipolarLanes, byteLanes + o.byteLanes, adderBits + o.adderBits,
          byteAdderBits + o.byteAdderBits,
          constantAdderBits + o.constantAdderBits,
          accumulatorBits + o.accumulatorBits, tailBits + o.tailBits, romLuts + o.romLuts,
          bufferBits + o.bufferBits, argmaxBits + o.argmaxBits, streamBits + o.streamBits, units + o.units,
          registerBits + o.registerBits, tableBits + o.tableBits, blockRams + o.blockRams, romBits + o.romBits,
          windowBits + o.windowBits, lineBits + o.lineBits, poolBits + o.poolBits, byteSliceBits + o.byteSliceBits,
          streamPoolBits + o.streamPoolBits, counterBits + o.counterBits, packBits + o.packBits,
          ramLanes + o.ramLanes, byteRamLanes + o.byteRamLanes, rotateBits + o.rotateBits,
          threeWayBits + o.threeWayBits, dspAdderBits + o.dspAdderBits, dspConstantAdderBits + o.dspConstantAdderBits);
    }

    /** The LUT terms in the order of {@link Coefficients#luts}. */
    public long[] lutTerms() {
      return new long[] {bipolarLanes, byteLanes, adderBits, byteAdderBits, constantAdderBits, accumulatorBits, tailBits, romLuts, bufferBits,
          argmaxBits, streamBits, units, windowBits, lineBits, poolBits, byteSliceBits, streamPoolBits, counterBits,
          packBits, ramLanes, byteRamLanes, rotateBits, threeWayBits, dspAdderBits, dspConstantAdderBits};
    }

    /** The flip-flop terms in the order of {@link Coefficients#flipFlops}. */
    public long[] flipFlopTerms() {
      return new long[] {registerBits, tableBits, units, lineBits};
    }

    /** The names of {@link #lutTerms}, for the calibration kit's tables. */
    public static final List<String> LUT_TERMS = List.of("bipolarLanes", "byteLanes", "adderBits",
        "byteAdderBits", "constantAdderBits", "accumulatorBits", "tailBits", "romLuts", "bufferBits", "argmaxBits", "streamBits", "units",
        "windowBits", "lineBits", "poolBits", "byteSliceBits", "streamPoolBits", "counterBits", "packBits", "ramLanes",
        "byteRamLanes", "rotateBits", "threeWayBits", "dspAdderBits", "dspConstantAdderBits");

    /** The names of {@link #flipFlopTerms}. */
    public static final List<String> FLIP_FLOP_TERMS = List.of("registerBits", "tableBits", "units", "lineBits");

    /** The estimate these terms make on {@code fabric}. */
    public Cost cost(Fabric fabric) {
      return new Cost(romBits, Math.round(lutSum(fabric)), Math.round(flipFlopSum(fabric)), blockRams);
    }

    /** The LUT estimate on {@code fabric} before rounding (the figure the calibration's bounds hold for). */
    public double lutSum(Fabric fabric) {
      return dot(Coefficients.of(fabric).luts(), lutTerms());
    }

    /** The flip-flop estimate on {@code fabric} before rounding. */
    public double flipFlopSum(Fabric fabric) {
      return dot(Coefficients.of(fabric).flipFlops(), flipFlopTerms());
    }

    private static double dot(double[] coefficients, long[] terms) {
      double sum = 0;
      for (int i = 0; i < terms.length; i++) {
        sum += coefficients[i] * terms[i];
      }
      return sum;
    }
  }

  /**
   * Per-fabric weights of the terms, in the order of {@link Terms#lutTerms} and
   * {@link Terms#flipFlopTerms}: fitted by the calibration kit ({@code bench/fpga/calibration/fit.py})
   * against Yosys 0.23 {@code synth_ice40} / {@code synth_xilinx}, dense and convolutional designs
   * together, on all four sets (training, held-out, validation and coverage, 91 designs per fabric;
   * seventh calibration, 2026-12-03, with the frame buffer's kept and three-way bits), over
   * non-negative weights: LUTs for the least mean relative error with every design within +-30%
   * (measured / estimate 0.77..1.07 on iCE40, 0.84..1.43 on Xilinx; on a design left out of the fit
   * within +-20% of Yosys on 90 of the 91 on iCE40 and 89 on Xilinx, median error 3.1% and 5.2%),
   * flip-flops for the least largest error. A fit is not a measurement of each structure, but this
   * one comes close where one was made: Yosys builds one LUT per {@code rotateBits} bit (the fits
   * weigh it 0.94 and 1.00) and about one LUT4 next to each kept frame-buffer bit (weighed 0.93
   * on iCE40, 1.08 on Xilinx); a three-way bit's five inputs, more than a LUT4 takes, are weighed
   * 1.24 more on iCE40 and 0.11 on Xilinx, where a LUT6 takes them; iCE40 weighs a lane and its
   * adder bits 0.38 and 0.66 (a guess at why so little: a lane's XNOR shares a LUT with its ROM's
   * last multiplexer or its first adder), Xilinx 0 and 0.55. A zero weight is a term the fit found
   * no use for on this fabric (its cost shows in a correlated term); the two DSP terms (eighth
   * calibration, 2026-12-04) were fitted with the others held, on the 80 Xilinx designs of the DSP set
   * alone (no other design has a DSP sum), over non-positive weights: a replaced adder bit saves 0.91
   * LUT6 where weights change per issue and 0.60 where they are constants (ABC had folded those into
   * the tree already); {@code byteLanes} is held at 0 (a u8 lane's LUTs are its adder bits and the
   * slice complement; free, the fit gave it 17 LUTs per lane, which a held-out design refuted). The
   * weight of {@code romLuts} is 1 on both fabrics and not fitted: that term is a LUT count already
   * ({@link #romLuts}), and leaving it free let the fit trade it against correlated terms (1.6 on
   * iCE40, 0.6 on Xilinx), which held-out designs with other ROM depths refuted.
   */
  public record Coefficients(double[] luts, double[] flipFlops) {
    public Coefficients {
      luts = luts.clone();
      flipFlops = flipFlops.clone();
    }

    @Override
    public double[] luts() {
      return luts.clone();
    }

    @Override
    public double[] flipFlops() {
      return flipFlops.clone();
    }

    private static final Coefficients ICE40 = new Coefficients(
        new double[] {0.3754, 0, 0.6581, 1.722, 0.4731, 3.43, 0, 1, 0.1159, 1.888, 0.02937, 5.576, 0.9287, 0.03758,
            1.347, 1.867, 0.8202, 1.044, 0.1568, 0, 0.8174, 0.9421, 1.242, 0, 0},
        new double[] {0.8456, 0.8201, 0.08389, 1.123});
    private static final Coefficients XILINX = new Coefficients(
        new double[] {0, 0, 0.5532, 1.443, 0.3645, 1.554, 0, 1, 0.06372, 2.236, 0, 3.794, 1.075, 0.009086, 1.201,
            0.7636, 0.6357, 1.029, 0, 0.2669, 0, 0.9972, 0.1077, -0.9132, -0.6004},
        new double[] {0.803, 1.054, 0.6033, 0.7166});

    public static Coefficients of(Fabric fabric) {
      return switch (fabric) {
        case ICE40 -> ICE40;
        case XILINX -> XILINX;
      };
    }
  }

  /** The estimate of everything in the top module of {@code plan}'s design on {@code fabric}. */
  public static Cost of(FoldingPlan plan, Fabric fabric) {
    return terms(plan, fabric).cost(fabric);
  }

  /** The terms of everything in the top module: engines, their link FIFOs and the argmax. */
  public static Terms terms(FoldingPlan plan, Fabric fabric) {
    Terms sum = Terms.ZERO;
    List<Engine> engines = plan.engines();
    for (int i = 0; i < engines.size(); i++) {
      Engine e = engines.get(i);
      sum = sum.plus(engine(EngineShape.of(plan, i), plan.weightStorage(i), fabric));
      if (!e.isScores()) {
        sum = sum.plus(TopModule.linkInRam(plan, i)
            ? ramLink(TopModule.linkWidth(plan, i), TopModule.linkDepth(plan, i), fabric)
            : link(TopModule.linkWidth(plan, i), TopModule.linkDepth(plan, i)));
      }
    }
    Engine scores = engines.get(engines.size() - 1);
    int argmaxOut = Widths.indexWidth(scores.outputs()) + scores.outputs() * Widths.laneWidth(scores);
    boolean oneBeat = Argmax.holdsOneBeat(scores, plan.fold(engines.size() - 1));
    return sum.plus(argmax(scores.outputs(), Widths.laneWidth(scores), oneBeat))
        .plus(link(argmaxOut, TopModule.linkDepth(plan, engines.size() - 1)));
  }

  /** The estimate of one engine alone (no links, no argmax), for per-layer reports. */
  public static Cost of(Engine e, Fold f, int levelsPerStage, WeightStorage storage, Fabric fabric) {
    return engine(e, f, levelsPerStage, storage, fabric).cost(fabric);
  }

  /** The estimate of engine {@code i} of {@code plan} alone, with the links of its {@link ConvWindow} mode. */
  public static Cost of(FoldingPlan plan, int i, Fabric fabric) {
    return engine(EngineShape.of(plan, i), plan.weightStorage(i), fabric).cost(fabric);
  }

  /** The terms of one engine with its weights kept as {@code storage} (resolved per engine). */
  public static Terms engine(Engine e, Fold f, int levelsPerStage, WeightStorage storage, Fabric fabric) {
    return engine(new EngineShape(e, f, levelsPerStage), storage, fabric);
  }

  static Terms engine(EngineShape shape, WeightStorage storage, Fabric fabric) {
    Engine e = shape.engine();
    Fold f = shape.fold();
    int levelsPerStage = shape.levelsPerStage();
    int pe = f.pe();
    int simd = f.simd();
    int nf = shape.neuronFolds();
    int sf = shape.inputFolds();
    int depth = shape.issues();
    int acc = shape.accumulatorWidth();
    AdderTree tree = shape.tree();
    long lanes = (long) pe * simd;
    long adderBits = 0;
    long treeRegisters = 0;
    for (int l = 1; l <= tree.levels(); l++) {
      adderBits += (long) (tree.count(l - 1) / 2) * tree.width(l);
      if (AdderTree.registered(l, tree.levels(), levelsPerStage)) {
        treeRegisters += (long) tree.count(l) * tree.width(l);
      }
    }
    adderBits *= pe;
    // nodes summed in DSP slices replace their own and their children's adders (on Xilinx; elsewhere
    // the form is a multiplier in logic, which the terms do not price)
    long dspBits = fabric == Fabric.XILINX ? shape.dsp().replacedAdderBits(tree, levelsPerStage) : 0;
    treeRegisters *= pe;
    // A u8 lane is a 9-bit +/- x at the leaf; its adder bits above are in adderBits.
    long accumulatorBits = sf > 1 ? (long) pe * acc : 0;
    long tailBits = (long) pe * acc;
    WeightStorage where = storage.resolve(e, f);
    boolean bram = where == WeightStorage.BRAM && depth > 1;
    // block RAM or SPRAM: no ROM LUTs, and the output register is the RAM's own
    boolean ram = where != WeightStorage.LUT && depth > 1;
    long weightBits = lanes * depth;
    long tableWidth = e.isScores() ? acc : acc + 1;
    long tableBits = (long) pe * nf * tableWidth;
    // deep tables follow block RAM or SPRAM weights into block RAM, read through the block's register
    boolean tablesInRam = where.keepsTablesInRam(nf);
    long romLuts = (ram ? 0 : romLuts(depth, lanes, fabric)) + (tablesInRam ? 0 : (long) pe * romLuts(nf, tableWidth, fabric));
    // an input buffer in block RAM: no rotating register, a staging register and two counters instead
    // (and a collector's bank bit)
    // an engine that reads the taps of its line buffer: no buffer at all (its multiplexer is a stream term)
    long rotateBits = sf > 1 && !shape.bufferInRam() && !shape.readsTaps() ? shape.bufferWidth() : 0;
    long bufferRegisters = shape.readsTaps() ? 0 : shape.bufferInRam()
        ? shape.sliceWidth() - shape.pieceBits() + Widths.indexWidth(shape.piecesPerSlice()) + shape.inputFoldWidth()
            + (shape.collects() ? 1 : 0)
        : shape.bufferWidth();
    long bufferRams = shape.bufferInRam() ? blockRams(shape.bufferWords(), shape.sliceWidth(), fabric, true) : 0;
    long packBits = nf > 1 ? (long) (nf - 1) * shape.peWidth() : 0;
    long counterBits = (depth > 1 ? shape.addressWidth() : 0) + (sf > 1 ? shape.inputFoldWidth() : 0)
        + (nf > 1 ? shape.neuronFoldWidth() : 0);
    long controlBits = 2 + (sf > 1 ? 1 : 0) + (nf > 1 ? 1 + shape.neuronFoldWidth() : 0);
    boolean lutRom = !ram && depth > 1;
    long registerBits = bufferRegisters + 1 + counterBits - (lutRom ? shape.addressWidth() : 0) + (lutRom ? lanes : 0)
        + accumulatorBits + treeRegisters + packBits + (long) shape.stages() * controlBits;
    long blockRams = (bram ? blockRams(depth, lanes, fabric) : 0) + bufferRams
        + (tablesInRam ? blockRams(nf, pe * tableWidth, fabric) : 0);
    Terms convolution = convolution(e, shape, fabric);
    // a weight that is a constant (a one-word memory) folds into the tree: no XNOR is left
    boolean xnorTree = depth > 1 && !shape.u8();
    boolean constantTree = depth <= 1 && !shape.u8();
    return convolution.plus(new Terms(e.inputKind() == InputKind.BIPOLAR && depth > 1 ? lanes : 0, e.inputKind() == InputKind.U8 ? lanes : 0,
        xnorTree ? adderBits : 0, shape.u8() ? adderBits : 0, constantTree ? adderBits : 0, accumulatorBits, tailBits, romLuts, 0, 0,
        0, 1, registerBits,
        nf > 1 && !tablesInRam ? (long) pe * tableWidth : 0, blockRams, weightBits + tableBits, 0, 0, 0,
        shape.u8() ? (long) shape.elementBits() * simd : 0, 0, counterBits, packBits,
        ram && !shape.u8() ? lanes : 0, ram && shape.u8() ? lanes : 0, rotateBits, 0,
        xnorTree ? dspBits : 0, constantTree ? dspBits : 0));
  }

  /**
   * The extra terms of a convolution engine (none for the others): the frame buffer (a register bit
   * per bit of the padded map, and a window bit, for its hold / shift-by-a-pixel / shift-by-a-row /
   * load choice, per bit synthesis keeps, with a three-way bit where that choice is among three
   * signals, {@link SlidingWindow#keptBits}), a buffer bit per input-buffer bit for loading the next window, the output map
   * ((pixels - 1) x output channels register bits, shifted in per pixel with the flip-flops' enable,
   * so no LUTs), two pixel counters, and the max-pools' OR gates (a pool bit per pooled bit per 3
   * more window inputs).
   */
  static Terms convolution(Engine e, EngineShape shape, Fabric fabric) {
    if (shape.stream() != null || shape.pixelOut()) {
      return stream(e, shape, fabric);
    }
    if (!e.isConv()) {
      return Terms.ZERO;
    }
    var window = new SlidingWindow(shape);
    long outputMap = (long) (e.pixels() - 1) * e.outputs();
    long registers = window.bufferedBits() + outputMap + 2L * 10;
    long pool = 0;
    int height = e.conv().outHeight();
    int width = e.conv().outWidth();
    for (int size : e.pools()) {
      height /= size;
      width /= size;
      pool += (long) height * width * e.outputs() * ((size * size + 1) / 3);
    }
    SlidingWindow.KeptBits kept = window.keptBits();
    return Terms.convolution(shape.bufferWidth(), registers, kept.kept(), kept.threeWay(), 0, pool, 0, 0);
  }

  /**
   * The extra terms of an engine on pixel links ({@link ConvWindow#LINE}): a line buffer
   * ((Kh - 1) * Wp + Kw pixels of line bits, shifted with the flip-flops' enable, a buffer bit per
   * pixel bit for the pad choice, a buffer bit per input-buffer bit for loading the window, two
   * position counters and {@code pending}); a first convolution's frame buffer as in
   * {@link #convolution} but no output map; per stream max-pool a row of partial ORs (register
   * bits), two pool bits per row bit (rotate or replace) and one per pooled channel (the OR with the
   * first-pixel choice), and four counters. A line buffer in block RAM ({@link StreamWindow#inRam})
   * has line bits only for its Kh x Kw window taps, its pointer among the registers, and the blocks
   * of its delay-line memory (Wp - Kw words of (Kh - 1) pixels, {@link #blockRams}); in narrow
   * words ({@link StreamWindow#narrow}) the memory is (Wp - Kw) x m words of 16 bits, and its
   * read register {@code lrd} (m x 16 bits), the piece and step counters and the write's choice of a
   * piece are the fabric's. A convolution that reads its slices from the taps
   * ({@link EngineShape#readsTaps}) has no input buffer register and no rotation; the buffer bit per
   * window bit here is then its multiplexer's input instead of the load's. A collector
   * whose engine keeps its input buffer in block RAM ({@link EngineShape#bufferInRam}) has no line
   * at all (its staging register and memory are the engine's buffer terms).
   */
  static Terms stream(Engine e, EngineShape shape, Fabric fabric) {
    long buffer = 0;
    long registers = 0;
    long kept = 0;
    long threeWay = 0;
    long line = 0;
    long pool = 0;
    long blocks = 0;
    StreamWindow s = shape.stream();
    if (s != null && s.inRam()) {
      long words = (long) s.delay() * s.pieces();
      line = s.tapBits();
      // in narrow words lrd is a register of its own (lq is the block's output register), and lbase and lstep
      // are the pointer; plus the write's choice of a piece among m, a multiplexer input per bit beyond the first
      registers += 1 + 2L * 10 + Widths.indexWidth(words)
          + (s.narrow() ? s.readBits() + Widths.unsignedWidth(s.pieces() + 1L) : 0);
      blocks = s.narrow() ? blockRams(words, StreamWindow.PIECE_BITS, fabric, true)
          : blockRams(s.delay(), s.wordBits(), fabric, true);
      buffer += (s.padTotal() > 0 ? s.pixelBits() : 0) + shape.bufferWidth()
          + (s.narrow() ? s.readBits() - StreamWindow.PIECE_BITS : 0);
    } else if (s != null && shape.bufferInRam()) {
      // a collector writing straight into the input buffer's memory: its counters and pending only
      registers += 1 + 2L * 10;
    } else if (s != null) {
      line = (long) s.length() * s.pixelBits();
      registers += 1 + 2L * 10;
      buffer += (s.padTotal() > 0 ? s.pixelBits() : 0) + shape.bufferWidth();
    } else if (shape.framed()) {
      var window = new SlidingWindow(shape);
      SlidingWindow.KeptBits keptBits = window.keptBits();
      kept = keptBits.kept();
      threeWay = keptBits.threeWay();
      buffer += shape.bufferWidth();
      registers += window.bufferedBits() + 2L * 10;
    }
    if (shape.pixelOut()) {
      int height = e.conv().outHeight();
      int width = e.conv().outWidth();
      for (int size : e.pools()) {
        height /= size;
        width /= size;
        long rowBits = (long) width * e.outputs();
        registers += rowBits + 4L * 5;
        pool += 2 * rowBits + e.outputs();
      }
    }
    return Terms.convolution(buffer, registers, kept, threeWay, line, 0, pool, blocks);
  }

  /**
   * The terms of a link of {@code depth} entries of {@code width} bits in registers: its entry bits
   * ({@code streamBits}) and registers (the entries and the count, or a one-entry link's "full" flag).
   */
  static Terms link(int width, int depth) {
    long bits = (long) depth * width;
    long registers = depth == 1 ? bits + 1 : bits + 2;
    return new Terms(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, bits, 1, registers, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0);
  }

  /**
   * The terms of a link of {@code depth} entries of {@code width} bits in block RAM
   * ({@link LinkQueue#emitRam}): the memory's blocks (exact), the bypass register and its flag, and
   * the pointers and count among the registers; no entry bits in the fabric.
   */
  static Terms ramLink(int width, int depth, Fabric fabric) {
    long registers = width + 1L + 2L * Widths.indexWidth(depth) + Widths.unsignedWidth(depth);
    return new Terms(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, width, 1, registers, 0, blockRams(depth, width, fabric, true), 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  }

  /**
   * The terms of the argmax over {@code classes} scores of {@code scoreWidth} bits: a compare and a
   * select per node, the node results registered after every level, and the scores with them
   * ({@code oneBeat}: once, {@link Argmax#holdsOneBeat}).
   */
  public static Terms argmax(int classes, int scoreWidth, boolean oneBeat) {
    int stages = PerformanceModel.argmaxStages(classes);
    int classWidth = Widths.indexWidth(classes);
    long nodes = classes - 1L;
    long registers = 0;
    for (int l = 1, n = classes; l <= stages; l++) {
      n = (n + 1) / 2;
      registers += 1 + (oneBeat && l > 1 ? 0 : (long) classes * scoreWidth) + (long) n * (scoreWidth + classWidth);
    }
    return new Terms(0, 0, 0, 0, 0, 0, 0, 0, 0, nodes * (scoreWidth + classWidth), 0, 1, registers, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  }

  /**
   * LUTs Yosys 0.23 maps a {@code depth} x {@code width} LUT ROM to, read at the issue counter
   * (measured on 64-bit random ROMs behind an issue counter, XNOR LUTs subtracted;
   * bench/fpga/calibration/README.md, "LUT ROMs").
   * Yosys moves the counter's register to the ROM's output, so the ROM reads the counter's next
   * value. iCE40: ABC keeps that next address as shared logic and builds each bit as a tree of LUT4s,
   * 16 words per leaf and a 2:1 multiplexer LUT per pair of subtrees: 2 ceil(D / 16) - 1 LUT4 per bit
   * (measured 1.27, 3.67, 7.78, 15.56 for 16, 32, 64, 128 words). Xilinx: ABC folds the
   * counter's advance and wrap into every bit, so a LUT6 holds 16 words next to those two inputs
   * and MUXF7/MUXF8 (no LUTs) join the leaves: ceil(D / 16) LUT6 per bit (measured 1.14, 1.72,
   * 2.44, 8.00 for 16 to 128 words, against 1, 1, 1, 2 for the same ROM read at an input port).
   * The per-PE tables, read at the neuron-fold counter, are counted the same way.
   */
  static long romLuts(long depth, long width, Fabric fabric) {
    if (depth <= 1) {
      return 0;
    }
    long leaves = (depth + 15) / 16;
    return width * switch (fabric) {
      case ICE40 -> 2 * leaves - 1;
      case XILINX -> leaves;
    };
  }

  /**
   * RAMB18 units of a read-only {@code depth} x {@code width} memory on Xilinx 7-series, as Yosys
   * 0.23's {@code memory_libmap} maps it: the configuration of least cost (xilinx/brams_xc4v.txt:
   * RAMB18 129 a block, 16384 x 1 ... 512 x 36; RAMB36 257, 32768 x 1 ... 512 x 72; plus 0.5 per
   * data bit for each address range beyond the first, the read multiplexer), where the A address
   * ranges of a memory without write enables share blocks: ceil(A x width / block width) of them.
   * fashion-cnn's fc1 at SIMD 64 (12,544 x 64) is then 47 RAMB18 of 1024 x 18 (cost 6,447), not the
   * 25 RAMB36 of 512 x 72 (50 units) that the fewest-blocks rule counted, and a 506 x 39 memory one
   * RAMB36 (257) rather than two RAMB18 (258); Yosys builds both so.
   */
  static long xilinxRomBlocks(long depth, long width) {
    return cheapestBlocks(depth, width, false, XILINX_BLOCK_SHAPES).blocks();
  }

  /**
   * One configuration of a block RAM primitive as {@code memory_libmap} sees it: {@code depth} x
   * {@code width}, the pass's {@code cost} for one block, the block's size in the units we count
   * (RAMB18 units: a RAMB36 is 2), and whether address ranges of a written memory may share a block
   * ({@link #cheapestBlocks}; the Xilinx shapes are used for read-only memories only, where they
   * always may).
   */
  record BlockShape(long depth, long width, double cost, long units, boolean bitEnables) {}

  /** SB_RAM40_4K (ice40/brams.txt): only the 256 x 16 form has a write mask. */
  private static final List<BlockShape> ICE40_BLOCK_SHAPES = List.of(
      new BlockShape(2048, 2, 64, 1, false), new BlockShape(1024, 4, 64, 1, false),
      new BlockShape(512, 8, 64, 1, false), new BlockShape(256, 16, 64, 1, true));

  /** RAMB18 and RAMB36 (xilinx/brams_xc4v.txt); {@code bitEnables} is read-only use. */
  private static final List<BlockShape> XILINX_BLOCK_SHAPES = List.of(
      new BlockShape(16384, 1, 129, 1, true), new BlockShape(8192, 2, 129, 1, true),
      new BlockShape(4096, 4, 129, 1, true), new BlockShape(2048, 9, 129, 1, true),
      new BlockShape(1024, 18, 129, 1, true), new BlockShape(512, 36, 129, 1, true),
      new BlockShape(32768, 1, 257, 2, true), new BlockShape(16384, 2, 257, 2, true),
      new BlockShape(8192, 4, 257, 2, true), new BlockShape(4096, 9, 257, 2, true),
      new BlockShape(2048, 18, 257, 2, true), new BlockShape(1024, 36, 257, 2, true),
      new BlockShape(512, 72, 257, 2, true));

  /** What Yosys 0.23's {@code memory_libmap} makes of a memory: its blocks (in our units) and its cost. */
  record BlockMapping(long blocks, double cost) {}

  /**
   * The configuration of least {@code memory_libmap} cost among {@code shapes} for a {@code depth} x
   * {@code width} memory with one registered read port, read-only or {@code written} through one
   * whole-word port. A = ceil(depth / block depth) address ranges, read through an A:1 multiplexer
   * priced at 0.5 a data bit per extra range, and a written memory's enable at 0.5 a range. The
   * ranges share blocks, ceil(A x width / block width) of them, where each bit can be enabled on its
   * own (a read-only memory, or a shape with a write mask); elsewhere a range takes ceil(width /
   * block width) blocks of its own.
   */
  static BlockMapping cheapestBlocks(long depth, long width, boolean written, List<BlockShape> shapes) {
    BlockMapping best = null;
    for (BlockShape s : shapes) {
      long ranges = (depth + s.depth() - 1) / s.depth();
      long blocks = !written || s.bitEnables()
          ? (ranges * width + s.width() - 1) / s.width()
          : ranges * ((width + s.width() - 1) / s.width());
      double cost = s.cost() * blocks + 0.5 * (ranges - 1) * width + (written && ranges > 1 ? 0.5 * ranges : 0);
      if (best == null || cost < best.cost()) {
        best = new BlockMapping(blocks * s.units(), cost);
      }
    }
    return best;
  }

  /** The cheapest SB_RAM40_4K configuration by {@code memory_libmap}'s cost ({@link #blockRams(long, long, Fabric, boolean)}). */
  static BlockMapping ice40Mapping(long depth, long width, boolean written) {
    return cheapestBlocks(depth, width, written, ICE40_BLOCK_SHAPES);
  }

  /**
   * Whether Yosys 0.23 maps a written {@code depth} x {@code width} memory that carries no
   * {@code ram_style} to iCE40 block RAM on its own: when its cheapest block configuration costs
   * less than the memory in flip-flops, which {@code memory_libmap} prices at 1 a bit. A link queue
   * in registers (a register array read at its pointer) is such a memory: {@link LineStorage#AUTO}
   * puts it in block RAM exactly then, and {@link LineStorage#REG} marks it {@code ram_style =
   * "logic"} then, so that the estimate and the netlist agree.
   */
  public static boolean yosysMapsToBlockRam(long depth, long width) {
    return ice40Mapping(depth, width, true).cost() < (double) depth * width;
  }

  /**
   * Block RAMs Yosys maps a {@code depth} x {@code width} read-only memory to ({@link #blockRams(long,
   * long, Fabric, boolean)}).
   */
  public static long blockRams(long depth, long width, Fabric fabric) {
    return blockRams(depth, width, fabric, false);
  }

  /**
   * Block RAMs Yosys 0.23 maps a {@code depth} x {@code width} memory with one registered read port
   * to, read-only or {@code written} through one whole-word write port.
   *
   * <p>iCE40: the configuration {@code memory_libmap} chooses, by its own cost. SB_RAM40_4K is 256 x
   * 16, 512 x 8, 1024 x 4 or 2048 x 2 (cost 64 a block, ice40/brams.txt); a memory deeper than one
   * block is A = ceil(depth / block depth) address ranges, read through an A:1 multiplexer per data
   * bit, which the pass prices at 0.5 a bit per extra range (and the write port's enable at 0.5 a
   * range). A block's bits need not share an address range where each bit has its own write enable
   * (a read-only memory, or the 256 x 16 form with byte enables): there A ranges of {@code width}
   * bits take ceil(A x width / block width) blocks; elsewhere A x ceil(width / block width). So a
   * deep memory is not always the fewest blocks: fc1 of fashion-cnn, 12,544 x 64 bits, is 25 x 8
   * blocks of 512 x 8 (cost 12,800 + 768) rather than 196 of 256 x 16 (12,544 + 1,536), as Yosys
   * builds it.
   *
   * <p>Xilinx, in RAMB18 units (a RAMB36 is two): a read-only memory as {@code memory_libmap}
   * chooses it ({@link #xilinxRomBlocks}); a written one in the fewest blocks over RAMB18 1024 x 18
   * and 512 x 36 (simple dual port), 2048 x 9 ..., and RAMB36 up to 512 x 72.
   */
  public static long blockRams(long depth, long width, Fabric fabric, boolean written) {
    if (fabric == Fabric.ICE40) {
      return ice40Mapping(depth, width, written).blocks();
    }
    if (!written) {
      return xilinxRomBlocks(depth, width);
    }
    long best = Long.MAX_VALUE;
    for (BlockShape s : XILINX_BLOCK_SHAPES) {
      best = Math.min(best, ((depth + s.depth() - 1) / s.depth()) * ((width + s.width() - 1) / s.width()) * s.units());
    }
    return best;
  }
}
