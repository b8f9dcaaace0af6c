package dev.brainblitz.hdlgen;

import dev.brainblitz.ir.Direction;
import dev.brainblitz.ir.ThresholdTable;
import dev.brainblitz.verilog.VerilogWriter;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The datapath of an engine, per PE: the adder tree over the SIMD lanes (XNOR bits, or
 * bytes +x / -x), the accumulator over the input folds, and at the tail the threshold compare
 * (hidden layers) or the bias add (scores); then the packing of every neuron fold's PE results
 * into the output vector. It reads {@code slice}, {@code weights} and the tail's control bits.
 */
final class EngineDatapath {
  private final EngineShape shape;
  private final EngineMemory memory;
  private final String tailNeuronFold;
  /** The per-PE tables in block RAM, or null when they are LUT ROMs ({@code memory.table}). */
  private final TableRam tableRam;
  /** The updates of the adder trees' pipeline registers, collected while declaring them. */
  private final List<String> pipelineRegisters = new ArrayList<>();

  EngineDatapath(EngineShape shape, EngineMemory memory, String tailNeuronFold, TableRam tableRam) {
    this.shape = shape;
    this.memory = memory;
    this.tailNeuronFold = tailNeuronFold;
    this.tableRam = tableRam;
  }

  /**
   * Declares every PE's tree, accumulator and result, and {@code out_data}. A hidden engine
   * compares with {@code thresholds}; a scores engine adds {@code bias} (the other is null).
   */
  void declare(VerilogWriter w, ThresholdTable thresholds, List<Integer> bias) {
    int pe = shape.pe();
    int simd = shape.simd();
    int nf = shape.neuronFolds();
    int accWidth = shape.accumulatorWidth();
    AdderTree tree = shape.tree();
    boolean u8 = shape.u8();
    if (tableRam != null) {
      tableRam.declare(w, shape.pe() * tableWidth(), tableRamWords(thresholds, bias));
    }
    List<String> results = new ArrayList<>();
    for (int p = 0; p < pe; p++) {
      w.wire(simd, "w" + p, pe == 1 ? "weights" : bits("weights", p * simd, simd));
      String root = adderTree(w, p, tree, u8, "w" + p);
      int rootWidth = tree.width(tree.levels());
      String extended = rootWidth == accWidth ? root
          : "{{" + (accWidth - rootWidth) + "{" + (u8 ? root + "[" + (rootWidth - 1) + "]" : "1'b0") + "}}, " + root + "}";
      if (shape.inputFolds() > 1) {
        w.reg(accWidth, "acc" + p);
        w.wire(accWidth, "sum" + p, "(t_first ? " + VerilogWriter.zeros(accWidth) + " : acc" + p + ") + " + extended);
      } else {
        w.wire(accWidth, "sum" + p, extended);
      }
      int base = p * tableWidth();
      if (shape.engine().isScores()) {
        if (tableRam != null) {
          w.wire(accWidth, "bias" + p, "tables[" + (base + accWidth - 1) + ":" + base + "]");
        } else {
          memory.table(w, "bias" + p, accWidth, biasWords(p, bias), tailNeuronFold);
        }
        w.wire(accWidth, "result" + p, "sum" + p + " + bias" + p);
      } else {
        if (tableRam != null) {
          w.wire(accWidth, "thr" + p, "tables[" + (base + accWidth - 1) + ":" + base + "]");
          w.wire(1, "le" + p, "tables[" + (base + accWidth) + "]");
        } else {
          memory.table(w, "thr" + p, accWidth, thresholdWords(p, thresholds), tailNeuronFold);
          memory.table(w, "le" + p, 1, directionWords(p, thresholds), tailNeuronFold);
        }
        w.wire(1, "result" + p, "le" + p + " ? ($signed(sum" + p + ") <= $signed(thr" + p + ")) : ($signed(sum" + p
            + ") >= $signed(thr" + p + "))");
      }
      results.add(0, "result" + p);
    }
    int peWidth = shape.peWidth();
    int outWidth = shape.pixelWidth();
    w.wire(peWidth, "results", "{" + String.join(", ", results) + "}");
    if (nf > 1) {
      w.reg((nf - 1) * peWidth, "pack");
    }
    int fullWidth = nf * peWidth;
    if (fullWidth > outWidth) {
      w.line("/* verilator lint_off UNUSEDSIGNAL */");
      w.comment("the results of padding neurons beyond the layer are dropped");
    }
    w.wire(fullWidth, "full", nf > 1 ? "{results, pack}" : "results");
    if (fullWidth > outWidth) {
      w.line("/* verilator lint_on UNUSEDSIGNAL */");
    }
    String pixel = "full" + (fullWidth > outWidth ? "[" + (outWidth - 1) + ":0]" : "");
    int pixels = shape.pixelOut() ? 1 : shape.framePixels();
    if (pixels > 1) {
      w.comment("the output map: pixel p at bits [p * " + outWidth + " +: " + outWidth + "], earlier pixels shifted down");
      w.reg((pixels - 1) * outWidth, "omap");
      w.line("assign out_data = {" + pixel + ", omap};");
    } else {
      w.line("assign out_data = " + pixel + ";");
    }
  }

  /** Bits of one PE's entry of the tables: the bias, or the threshold and its direction bit above it. */
  private int tableWidth() {
    return shape.accumulatorWidth() + (shape.engine().isScores() ? 0 : 1);
  }

  /** PE p's bias per neuron fold (0 for padding neurons beyond the layer). */
  private BigInteger[] biasWords(int p, List<Integer> bias) {
    return perNeuronFold(p, c -> BigInteger.valueOf(bias.get(c)));
  }

  /** PE p's threshold per neuron fold (0 for padding neurons). */
  private BigInteger[] thresholdWords(int p, ThresholdTable thresholds) {
    return perNeuronFold(p, j -> BigInteger.valueOf(thresholds.threshold(j)));
  }

  /** PE p's direction per neuron fold: 1 for {@code le}, 0 for {@code ge} and padding neurons. */
  private BigInteger[] directionWords(int p, ThresholdTable thresholds) {
    return perNeuronFold(p, j -> thresholds.direction(j) == Direction.LE ? BigInteger.ONE : BigInteger.ZERO);
  }

  /** For each neuron fold n, {@code value} of PE p's neuron n * PE + p, or 0 beyond the layer's outputs. */
  private BigInteger[] perNeuronFold(int p, java.util.function.IntFunction<BigInteger> value) {
    BigInteger[] words = new BigInteger[shape.neuronFolds()];
    for (int n = 0; n < words.length; n++) {
      int neuron = n * shape.pe() + p;
      words[n] = neuron < shape.engine().outputs() ? value.apply(neuron) : BigInteger.ZERO;
    }
    return words;
  }

  /**
   * The words of the tables in block RAM, one per neuron fold: PE p's entry at bits
   * [p * {@link #tableWidth} +: {@link #tableWidth}], each value in two's complement.
   */
  private BigInteger[] tableRamWords(ThresholdTable thresholds, List<Integer> bias) {
    int acc = shape.accumulatorWidth();
    BigInteger mask = BigInteger.ONE.shiftLeft(acc).subtract(BigInteger.ONE);
    BigInteger[] words = new BigInteger[shape.neuronFolds()];
    java.util.Arrays.fill(words, BigInteger.ZERO);
    for (int p = 0; p < shape.pe(); p++) {
      BigInteger[] values = thresholds == null ? biasWords(p, bias) : thresholdWords(p, thresholds);
      BigInteger[] le = thresholds == null ? null : directionWords(p, thresholds);
      for (int n = 0; n < words.length; n++) {
        BigInteger entry = values[n].and(mask);
        if (le != null) {
          entry = entry.or(le[n].shiftLeft(acc));
        }
        words[n] = words[n].or(entry.shiftLeft(p * tableWidth()));
      }
    }
    return words;
  }

  /** One step of the adder trees' pipeline registers. */
  void advancePipeline(VerilogWriter w) {
    for (String r : pipelineRegisters) {
      w.line(r);
    }
  }

  /** At the tail: accumulate the sums, and shift the PE results into the packing register. */
  void collect(VerilogWriter w) {
    int nf = shape.neuronFolds();
    int sf = shape.inputFolds();
    int pixels = shape.pixelOut() ? 1 : shape.framePixels();
    if (sf == 1 && nf == 1 && pixels == 1) {
      return;
    }
    w.open("if (t_valid) begin");
    for (int p = 0; p < shape.pe() && sf > 1; p++) {
      w.line("acc" + p + " <= sum" + p + ";");
    }
    if (nf > 1) {
      int peWidth = shape.peWidth();
      int packWidth = (nf - 1) * peWidth;
      w.open("if (t_sf_last) begin");
      w.line("pack <= " + (nf == 2 ? "results" : "{results, pack[" + (packWidth - 1) + ":" + peWidth + "]}") + ";");
      w.close("end");
    }
    if (pixels > 1) {
      int outWidth = shape.pixelWidth();
      int fullWidth = nf * shape.peWidth();
      String pixel = "full" + (fullWidth > outWidth ? "[" + (outWidth - 1) + ":0]" : "");
      int mapWidth = (pixels - 1) * outWidth;
      w.open("if (t_pix_end) begin");
      w.line("omap <= " + (pixels == 2 ? pixel : "{" + pixel + ", omap[" + (mapWidth - 1) + ":" + outWidth + "]}") + ";");
      w.close("end");
    }
    w.close("end");
  }

  /**
   * Emits the adder tree of one PE: node j of level l is the wire {@code <name>_l<l>_<j>} (the
   * XNOR leaves are the bits of {@code <name>_l0}), a registered level's nodes are read through
   * registers {@code <name>_r<l>_<j>} whose updates go to {@link #pipelineRegisters}. Every node is
   * a separate narrow wire, which keeps simulation and synthesis front ends fast. A node the
   * engine sums in a DSP slice ({@link DspSums}) reads its grandchildren, and its children are not
   * built. Returns the root.
   */
  private String adderTree(VerilogWriter w, int pe, AdderTree tree, boolean u8, String weights) {
    String name = "pe" + pe;
    int simd = tree.simd();
    List<String> leaves = new ArrayList<>();
    if (u8) {
      for (int j = 0; j < simd; j++) {
        String x = simd == 1 ? "slice" : "slice[" + (8 * j + 7) + ":" + (8 * j) + "]";
        String plus = simd == 1 ? weights : weights + "[" + j + "]";
        String leaf = name + "_l0_" + j;
        w.wire(tree.width(0), leaf, plus + " ? {1'b0, " + x + "} : -{1'b0, " + x + "}");
        leaves.add(leaf);
      }
    } else {
      w.wire(simd, name + "_l0", "~(slice ^ " + weights + ")");
      for (int j = 0; j < simd; j++) {
        leaves.add(simd == 1 ? name + "_l0" : name + "_l0[" + j + "]");
      }
    }
    List<List<String>> levels = new ArrayList<>(List.of(leaves));
    DspSums dsp = shape.dsp();
    int levelsPerStage = shape.levelsPerStage();
    for (int l = 1; l <= tree.levels(); l++) {
      int wb = tree.width(l - 1);
      int wl = tree.width(l);
      List<String> below = levels.get(l - 1);
      List<String> level = new ArrayList<>();
      for (int j = 0; j < tree.count(l); j++) {
        String node = name + "_l" + l + "_" + j;
        if (dsp.inDspSlice(tree, levelsPerStage, l + 1, pe, j / 2)) {
          level.add(null); // its parent sums its grandchildren in a DSP slice
          continue;
        }
        if (dsp.inDspSlice(tree, levelsPerStage, l, pe, j)) {
          List<String> grandchildren = levels.get(l - 2);
          dspSum(w, node, grandchildren.subList(4 * j, Math.min(4 * j + 4, grandchildren.size())), tree.width(l - 2), wl);
        } else {
          String a = below.get(2 * j);
          String sum = extend(a, top(a, wb), wb, wl, u8);
          if (2 * j + 1 < below.size()) {
            String b = below.get(2 * j + 1);
            sum += " + " + extend(b, top(b, wb), wb, wl, u8);
          }
          w.wire(wl, node, sum);
        }
        if (AdderTree.registered(l, tree.levels(), levelsPerStage)) {
          String register = name + "_r" + l + "_" + j;
          w.reg(wl, register);
          pipelineRegisters.add(register + " <= " + node + ";");
          node = register;
        }
        level.add(node);
      }
      levels.add(level);
    }
    return levels.get(tree.levels()).get(0);
  }

  /**
   * Declares {@code node} ({@code width} bits) as the sum of up to four {@code from}-bit
   * {@code grandchildren} in the form Yosys maps to one DSP48E1 ({@link DspSums}): two fields per
   * operand, the pre-adder's sum times {@code 1 + 2^width}, the node in the upper field.
   */
  private static void dspSum(VerilogWriter w, String node, List<String> grandchildren, int from, int width) {
    List<String> fields = new ArrayList<>();
    for (int k = 0; k < 4; k++) {
      fields.add(k < grandchildren.size() ? extend(grandchildren.get(k), "", from, width, false) : VerilogWriter.zeros(width));
    }
    int bits = 2 * width;
    w.wire(bits, node + "_a", "{" + fields.get(1) + ", " + fields.get(0) + "}");
    w.wire(bits, node + "_d", "{" + fields.get(3) + ", " + fields.get(2) + "}");
    w.line("/* verilator lint_off UNUSEDSIGNAL */");
    w.wire(bits, node + "_p", "(" + node + "_a + " + node + "_d) * " + bits + "'d" + ((1L << width) + 1));
    w.line("/* verilator lint_on UNUSEDSIGNAL */");
    w.wire(width, node, node + "_p[" + (bits - 1) + ":" + width + "]");
  }

  /** The sign bit of a {@code width}-bit node. */
  private static String top(String node, int width) {
    return width == 1 ? node : node + "[" + (width - 1) + "]";
  }

  /** Bits [low + width - 1 : low] of {@code vector}, or the one bit {@code vector[low]}. */
  private static String bits(String vector, int low, int width) {
    return vector + (width == 1 ? "[" + low + "]" : "[" + (low + width - 1) + ":" + low + "]");
  }

  /** {@code value} ({@code from} bits) widened to {@code to} bits, by sign ({@code top}) or zero. */
  private static String extend(String value, String top, int from, int to, boolean signed) {
    if (to == from) {
      return value;
    }
    String fill = to - from == 1 ? (signed ? top : "1'b0") : "{" + (to - from) + "{" + (signed ? top : "1'b0") + "}}";
    return "{" + fill + ", " + value + "}";
  }
}
