package dev.brainblitz.ir.engine;

import dev.brainblitz.ir.Network;

/**
 * A hidden layer over a bipolar vector, with popcount, threshold and bit packing fused: each
 * neuron's activation bit goes straight into the output's 64-bit words, no accumulator is stored.
 */
final class BipolarLayer {
  private final XnorRows rows;
  private final FiringRule firing;
  private final int neurons;

  private BipolarLayer(XnorRows rows, FiringRule firing, int neurons) {
    this.rows = rows;
    this.firing = firing;
    this.neurons = neurons;
  }

  static BipolarLayer of(Network.Layer layer) {
    return new BipolarLayer(XnorRows.of(layer.dense().weights()), FiringRule.of(layer.threshold().table()),
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
   * bits left 0 so the next layer may rely on them).
   */
  void forward(long[] in, long[] out) {
    for (int word = 0, first = 0; first < neurons; word++, first += 64) {
      int end = Math.min(first + 64, neurons);
      long bits = 0;
      for (int j = first; j < end; j++) {
        bits |= firing.bit(j, rows.agreements(in, j)) << j;
      }
      out[word] = bits;
    }
  }
}
