package dev.brainblitz.ir.faults;

import dev.brainblitz.ir.Accumulator;
import dev.brainblitz.ir.BitMatrix;
import dev.brainblitz.ir.ConvLayer;
import dev.brainblitz.ir.DenseLayer;
import dev.brainblitz.ir.Direction;
import dev.brainblitz.ir.InputKind;
import dev.brainblitz.ir.Layer;
import dev.brainblitz.ir.Model;
import dev.brainblitz.ir.ModelValidator;
import dev.brainblitz.ir.Network;
import dev.brainblitz.ir.Node;
import dev.brainblitz.ir.ThresholdTable;
import java.util.ArrayList;
import java.util.List;

/**
 * The static faults of a {@link FaultSpec} as a pure pass {@code Network -> Network}: the network
 * whose stored bits are those of a memory with the spec's errors. Every backend then builds the
 * faulty network as it builds any other (the golden model, the engine, the RTL's memory files, the
 * RISC-V kernel's weight constants), so all of them see the same faults by construction.
 *
 * <p>Layer k (its index in {@code Network.layers()}; the scores are layer {@code layers().size()})
 * draws its faults in streams (seed, class, k, 0) ({@link FaultDraws}):
 * <ul>
 *   <li>weights: bit (row r, column i) of a dense, conv2d or scores weight matrix is position
 *       {@code r * columns + i}; hit bits are inverted;
 *   <li>stuck0, then stuck1, over the same positions: hit bits are cleared, then set (a bit hit by
 *       both ends at 1);
 *   <li>thresholds: neuron j's threshold is a two's-complement integer of the layer's stored width w
 *       (the fewest bits that hold every threshold the IL allows, [min - 1, max + 1] of the
 *       accumulator, the width hdlgen compares in); its bit b is position {@code j * w + b}; the
 *       faulty word is read back signed and clamped to [min - 1, max + 1], which every backend
 *       compares identically.
 * </ul>
 * The scores' bias is not faulted.
 */
public final class StaticFaults {
  private StaticFaults() {}

  /** {@code network} with the static faults of {@code spec}; {@code network} itself when there are none. */
  public static Network apply(FaultSpec spec, Network network) {
    if (!spec.hasStatic()) {
      return network;
    }
    List<Node> nodes = new ArrayList<>();
    nodes.add(network.input());
    List<Layer> layers = network.layers();
    for (int k = 0; k < layers.size(); k++) {
      Layer layer = layers.get(k);
      switch (layer.kind()) {
        case DENSE -> {
          DenseLayer d = (DenseLayer) layer;
          Node.Dense dense = d.dense();
          nodes.add(new Node.Dense(dense.name(), dense.source(), weights(spec, k, dense.weights()), dense.span()));
          nodes.add(thresholds(spec, k, d.threshold(), d.inputKind(), d.inputs()));
        }
        case CONV2D -> {
          ConvLayer c = (ConvLayer) layer;
          Node.Conv2d conv = c.conv();
          nodes.add(new Node.Conv2d(conv.name(), conv.source(), conv.image(), conv.kernel(), conv.stride(),
              conv.padding(), weights(spec, k, conv.weights()), conv.span()));
          nodes.add(thresholds(spec, k, c.threshold(), c.inputKind(), Math.toIntExact(c.geometry().fanIn())));
        }
        case MAXPOOL, FLATTEN -> nodes.addAll(layer.nodes());
      }
    }
    Node.Scores scores = network.scores();
    nodes.add(new Node.Scores(scores.name(), scores.source(), weights(spec, layers.size(), scores.weights()),
        scores.bias(), scores.span()));
    return ModelValidator.validate(new Model(network.name(), nodes, network.model().span()));
  }

  /** A weight matrix with its flips, then its stuck-at-0, then its stuck-at-1 cells. */
  static BitMatrix weights(FaultSpec spec, int layer, BitMatrix weights) {
    int columns = weights.columns();
    long size = (long) weights.rows() * columns;
    int[][] rows = new int[weights.rows()][];
    for (int r = 0; r < rows.length; r++) {
      rows[r] = weights.row(r);
    }
    boolean changed = false;
    for (FaultClass c : List.of(FaultClass.WEIGHTS, FaultClass.STUCK0, FaultClass.STUCK1)) {
      FaultDraws draws = FaultDraws.of(spec.seed(), c, layer, 0, spec.rate(c), size);
      for (long p = draws.next(); p >= 0; p = draws.next()) {
        int r = (int) (p / columns);
        int i = (int) (p % columns);
        int bit = 1 << (i & 31);
        switch (c) {
          case WEIGHTS -> rows[r][i >>> 5] ^= bit;
          case STUCK0 -> rows[r][i >>> 5] &= ~bit;
          case STUCK1 -> rows[r][i >>> 5] |= bit;
          case THRESHOLDS, INPUT, ACTIVATIONS -> throw new IllegalStateException(c + " is not a weight fault");
        }
        changed = true;
      }
    }
    return changed ? BitMatrix.fromPackedRows(columns, rows) : weights;
  }

  /** A threshold node with bit flips in its thresholds' stored words. */
  private static Node.Threshold thresholds(FaultSpec spec, int layer, Node.Threshold threshold, InputKind kind,
      int inputs) {
    double rate = spec.rate(FaultClass.THRESHOLDS);
    if (rate == 0) {
      return threshold;
    }
    ThresholdTable table = threshold.table();
    long lo = Accumulator.minThreshold(kind, inputs);
    long hi = Accumulator.maxThreshold(kind, inputs);
    int width = storedWidth(lo, hi);
    long[] t = new long[table.neurons()];
    Direction[] d = new Direction[table.neurons()];
    for (int j = 0; j < t.length; j++) {
      t[j] = table.threshold(j);
      d[j] = table.direction(j);
    }
    FaultDraws draws = FaultDraws.of(spec.seed(), FaultClass.THRESHOLDS, layer, 0, rate, (long) t.length * width);
    for (long p = draws.next(); p >= 0; p = draws.next()) {
      int j = (int) (p / width);
      int b = (int) (p % width);
      long flipped = t[j] ^ (1L << b);
      long word = flipped << (64 - width) >> (64 - width); // read back as a signed width-bit integer
      t[j] = Math.max(lo, Math.min(hi, word));
    }
    return new Node.Threshold(threshold.name(), threshold.source(), ThresholdTable.of(t, d), threshold.span(),
        threshold.rowSpans());
  }

  /** The fewest bits of a two's-complement integer that holds every value in [lo, hi]. */
  public static int storedWidth(long lo, long hi) {
    int width = 1;
    while (lo < -(1L << (width - 1)) || hi > (1L << (width - 1)) - 1) {
      width++;
    }
    return width;
  }
}
