package dev.brainblitz.ir.engine;

import dev.brainblitz.ir.DenseLayer;

/**
 * The first hidden layer of a network with u8 input. Its accumulators come from a neuron-parallel
 * bit-plane product ({@link PlaneColumns}), so unlike {@link BipolarLayer} it goes through one
 * accumulator array before thresholding and packing the bits.
 */
final class U8Layer {
  private final PlaneColumns columns;
  private final FiringRule firing;

  private U8Layer(PlaneColumns columns, FiringRule firing) {
    this.columns = columns;
    this.firing = firing;
  }

  static U8Layer of(DenseLayer layer) {
    return new U8Layer(PlaneColumns.of(layer.dense().weights()), FiringRule.of(layer.threshold().table()));
  }

  int outputs() {
    return columns.outputs();
  }

  /**
   * Writes the activations for the input given as bit planes and element sum to {@code out}
   * ({@code longsFor(outputs)} words, padding bits 0), using {@code acc} ({@code outputs} ints) as
   * scratch.
   */
  void forward(int[] planes, int elementSum, int[] acc, long[] out) {
    columns.accumulate(planes, elementSum, acc);
    firing.pack(acc, out);
  }

  /** {@link #forward} for a block: planes {@code planes[b]} and sums, accumulators {@code acc[b]}, outputs {@code out[b]}. */
  void forwardBlock(int[][] planes, int[] elementSums, int[][] acc, long[][] out) {
    columns.accumulateBlock(planes, elementSums, acc);
    for (int b = 0; b < out.length; b++) {
      firing.pack(acc[b], out[b]);
    }
  }
}
