package dev.brainblitz.ir.engine;

import dev.brainblitz.ir.DenseLayer;

/**
 * A hidden layer over a bipolar vector: the agreements of all neurons at once, neuron-parallel
 * ({@link XnorColumns}), into an accumulator array, then threshold and bit packing.
 */
final class BipolarLayer {
  private final XnorColumns rows;
  private final FiringRule firing;
  private final int neurons;

  private BipolarLayer(XnorColumns rows, FiringRule firing, int neurons) {
    this.rows = rows;
    this.firing = firing;
    this.neurons = neurons;
  }

  static BipolarLayer of(DenseLayer layer) {
    return new BipolarLayer(XnorColumns.of(layer.dense().weights()), FiringRule.of(layer.threshold().table()),
        layer.outputs());
  }

  int inputs() {
    return rows.inputs();
  }

  int outputs() {
    return neurons;
  }

  /**
   * Writes the activations for {@code in} to {@code out} ({@code longsFor(outputs)} words, padding
   * bits left 0 so the next layer may rely on them), using {@code acc} ({@code outputs} ints) as
   * scratch.
   */
  void forward(long[] in, int[] acc, long[] out) {
    rows.agreements(in, acc);
    firing.pack(acc, out);
  }

  /** {@link #forward} for a block: inputs {@code in[b]}, accumulators {@code acc[b]}, outputs {@code out[b]}. */
  void forwardBlock(long[][] in, int[][] acc, long[][] out) {
    rows.agreementsBlock(in, acc);
    for (int b = 0; b < out.length; b++) {
      firing.pack(acc[b], out[b]);
    }
  }
}
