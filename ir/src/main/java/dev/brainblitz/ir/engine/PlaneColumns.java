package dev.brainblitz.ir.engine;

import dev.brainblitz.ir.BitMatrix;

/**
 * The weights of a layer that reads u8 elements, stored for a bit-plane product: {@code columns[w][j]}
 * is 32-bit word w of row j, with the columns in the order of {@link BitPlanes}, so that one word of
 * every neuron lies in one array.
 *
 * <p>The layout is neuron-parallel on purpose: the inner loop runs over neurons with the input's
 * planes fixed, a plain element-wise loop over {@code int} arrays that C2 turns into vector
 * popcounts where the CPU has them (AVX-512 VPOPCNTDQ). C2 on Java 17 vectorizes
 * {@code Integer.bitCount} but not {@code Long.bitCount}, hence 32-bit words here, unlike
 * {@link XnorRows}. Measured on a 784x256 layer, this is several times faster than a row-major
 * 64-bit scalar loop on such CPUs, and about twice as slow on CPUs without vector popcount.
 */
final class PlaneColumns {
  private final int outputs;
  private final int[][] columns;

  private PlaneColumns(int outputs, int[][] columns) {
    this.outputs = outputs;
    this.columns = columns;
  }

  /** The columns of {@code weights}, each bit moved to where {@link BitPlanes} puts its element. */
  static PlaneColumns of(BitMatrix weights) {
    int[][] columns = new int[BitPlanes.words(weights.columns())][weights.rows()];
    for (int c = 0; c < weights.columns(); c++) {
      int position = BitPlanes.position(c);
      for (int j = 0; j < weights.rows(); j++) {
        if (weights.get(j, c)) {
          columns[position >>> 5][j] |= 1 << (position & 31);
        }
      }
    }
    return new PlaneColumns(weights.rows(), columns);
  }

  int outputs() {
    return outputs;
  }

  /**
   * Writes every neuron's accumulator, sum over i of (w_ij ? +x_i : -x_i), to {@code acc}
   * ({@link #outputs()} ints), given the input's {@link BitPlanes} and the sum of its elements.
   * Since that sum is 2 * (sum of x_i where w_ij = 1) - (sum of all x_i), only the first term needs
   * the weights, and it is the sum over b of 2^b popcount(plane_b AND row_j). Padding bits are 0 in
   * both planes and weights, so they add nothing.
   */
  void accumulate(int[] planes, int elementSum, int[] acc) {
    java.util.Arrays.fill(acc, 0, outputs, 0);
    for (int w = 0; w < columns.length; w++) {
      addWord(columns[w], planes, w << 3, acc);
    }
    for (int j = 0; j < outputs; j++) {
      acc[j] = 2 * acc[j] - elementSum;
    }
  }

  /**
   * {@link #accumulate} for a block of inputs ({@code planes[b]}, {@code elementSums[b]} into
   * {@code acc[b]}): each weight word is used for the whole block while it is in the L1 cache, the
   * block's inputs taken one after the other in the same vectorizable inner loop as one input
   * (interleaving them in one loop over several accumulator arrays would stop C2 from vectorizing
   * it). The results are exactly those of single calls.
   */
  void accumulateBlock(int[][] planes, int[] elementSums, int[][] acc) {
    for (int[] a : acc) {
      java.util.Arrays.fill(a, 0, outputs, 0);
    }
    for (int w = 0; w < columns.length; w++) {
      int[] column = columns[w];
      for (int b = 0; b < acc.length; b++) {
        addWord(column, planes[b], w << 3, acc[b]);
      }
    }
    for (int b = 0; b < acc.length; b++) {
      int[] a = acc[b];
      int sum = elementSums[b];
      for (int j = 0; j < outputs; j++) {
        a[j] = 2 * a[j] - sum;
      }
    }
  }

  /** Adds sum_b 2^b popcount(plane_b AND column[j]) to {@code acc[j]} for every neuron j. */
  private void addWord(int[] column, int[] planes, int at, int[] acc) {
    int p0 = planes[at];
    int p1 = planes[at + 1];
    int p2 = planes[at + 2];
    int p3 = planes[at + 3];
    int p4 = planes[at + 4];
    int p5 = planes[at + 5];
    int p6 = planes[at + 6];
    int p7 = planes[at + 7];
    for (int j = 0; j < outputs; j++) {
      int row = column[j];
      // Horner's rule over the planes, most significant first: one shift per plane.
      int weighted = Integer.bitCount(p7 & row);
      weighted = 2 * weighted + Integer.bitCount(p6 & row);
      weighted = 2 * weighted + Integer.bitCount(p5 & row);
      weighted = 2 * weighted + Integer.bitCount(p4 & row);
      weighted = 2 * weighted + Integer.bitCount(p3 & row);
      weighted = 2 * weighted + Integer.bitCount(p2 & row);
      weighted = 2 * weighted + Integer.bitCount(p1 & row);
      weighted = 2 * weighted + Integer.bitCount(p0 & row);
      acc[j] += weighted;
    }
  }
}
