package dev.brainblitz.ir.engine;

import dev.brainblitz.ir.BitMatrix;

/**
 * The weights of a hidden layer that reads a bipolar vector, stored column-major in 32-bit words:
 * {@code columns[w][j]} is word w (columns 32 w to 32 w + 31, little-endian as the IL packs them)
 * of row j. Bits past the last column are 0.
 *
 * <p>Column-major so that the inner loop runs over neurons with one input word fixed, a plain
 * element-wise loop that C2 turns into vector popcounts (AVX-512 VPOPCNTDQ), as in
 * {@link PlaneColumns}; 32-bit words because C2 on Java 17 vectorizes {@code Integer.bitCount} and
 * not {@code Long.bitCount}. On a 256x256 layer this is about three times faster than the fused
 * row-by-row loop of {@link XnorRows}, which stays in use for the few rows of the scores layer.
 */
final class XnorColumns {
  private final int inputs;
  private final int outputs;
  private final int[][] columns;

  private XnorColumns(int inputs, int outputs, int[][] columns) {
    this.inputs = inputs;
    this.outputs = outputs;
    this.columns = columns;
  }

  static XnorColumns of(BitMatrix weights) {
    int[][] columns = new int[weights.wordsPerRow()][weights.rows()];
    for (int w = 0; w < columns.length; w++) {
      for (int j = 0; j < weights.rows(); j++) {
        columns[w][j] = weights.word(j, w);
      }
    }
    return new XnorColumns(weights.columns(), weights.rows(), columns);
  }

  int inputs() {
    return inputs;
  }

  int outputs() {
    return outputs;
  }

  /**
   * Writes popcount(XNOR(x, row j)), the number of the {@link #inputs()} positions where input and
   * weight agree, to {@code acc[j]} for every neuron j. {@code x} holds the input in 64-bit words
   * with its padding bits 0; the weights' padding is 0 too, so counting differences over whole
   * words and subtracting them from the input count needs no mask.
   */
  void agreements(long[] x, int[] acc) {
    if (columns.length == 0) {
      java.util.Arrays.fill(acc, 0, outputs, inputs);
      return;
    }
    // The first word initializes, sparing a separate fill of acc.
    int[] first = columns[0];
    int word = (int) x[0];
    for (int j = 0; j < outputs; j++) {
      acc[j] = inputs - Integer.bitCount(word ^ first[j]);
    }
    for (int w = 1; w < columns.length; w++) {
      int[] column = columns[w];
      int half = (int) (x[w >>> 1] >>> ((w & 1) << 5));
      for (int j = 0; j < outputs; j++) {
        acc[j] -= Integer.bitCount(half ^ column[j]);
      }
    }
  }

  /**
   * {@link #agreements} for a block of inputs ({@code x[b]} into {@code acc[b]}): each weight word
   * is used for the whole block while it is in the L1 cache, the inputs one after the other in the
   * same vectorizable inner loop as one input. The results are exactly those of single calls.
   */
  void agreementsBlock(long[][] x, int[][] acc) {
    for (int[] a : acc) {
      java.util.Arrays.fill(a, 0, outputs, inputs);
    }
    for (int w = 0; w < columns.length; w++) {
      int[] column = columns[w];
      int shift = (w & 1) << 5;
      for (int b = 0; b < acc.length; b++) {
        int half = (int) (x[b][w >>> 1] >>> shift);
        int[] a = acc[b];
        for (int j = 0; j < outputs; j++) {
          a[j] -= Integer.bitCount(half ^ column[j]);
        }
      }
    }
  }
}
